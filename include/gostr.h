/* gostr.h: Go's syntax where gh-ost's interface shows it.
 *
 * gh-ost is written in Go, so its flags and socket commands accept numbers
 * the way Go's strconv does and quote values the way strconv.Quote does;
 * scripts rely on both, so cli and server share these. */
#ifndef WISP_GOSTR_H
#define WISP_GOSTR_H

/* Decode one UTF-8 sequence of s (n bytes available) into *rune; its
 * length, or 0 if it is not valid UTF-8. */
size_t	utf8_decode(const unsigned char *s, size_t n, uint32_t *rune);
/* Append s as Go's strconv.Quote writes it: "..." with escapes. */
void	go_quote(struct buf *, const char *s);
/* Go's underscoreOK: '_' only between digits or after a base prefix. */
bool	go_underscores_ok(const char *s);

#endif
