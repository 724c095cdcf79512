/* gostr.c: Go's string and number syntax, where gh-ost's interface shows it. */
#include "common.h"

#include "gostr.h"

/* The length of the valid UTF-8 sequence at s (n bytes), 0 if invalid. */
size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *rune)
{
	uint32_t	c, min;
	size_t		len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*rune = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		c = s[0] & 0x1f;
		min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		c = s[0] & 0x0f;
		min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*rune = c;
	return len;
}

/* Append strconv.Quote(s). */
void
go_quote(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), len;
	uint32_t		 r;

	buf_addc(b, '"');
	while (n > 0) {
		if (*p >= 0x80) {
			len = utf8_decode(p, n, &r);
			if (len == 0) {
				buf_addf(b, "\\x%02x", *p);
				len = 1;
			} else if (r < 0xa0)		/* C1 controls */
				buf_addf(b, "\\u%04x", (unsigned)r);
			else
				buf_add(b, p, len);
			p += len;
			n -= len;
			continue;
		}
		switch (*p) {
		case '"':  buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\a': buf_adds(b, "\\a"); break;
		case '\b': buf_adds(b, "\\b"); break;
		case '\f': buf_adds(b, "\\f"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '\v': buf_adds(b, "\\v"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_addf(b, "\\x%02x", *p);
			else
				buf_addc(b, (char)*p);
			break;
		}
		p++;
		n--;
	}
	buf_addc(b, '"');
}

/* Go's underscoreOK: '_' only between digits or after a base prefix. */
bool
go_underscores_ok(const char *s)
{
	char	saw = '^';
	bool	hex = false;

	if (*s == '+' || *s == '-')
		s++;
	if (s[0] == '0' && s[1] != '\0' && strchr("bBoOxX", s[1]) != NULL) {
		hex = s[1] == 'x' || s[1] == 'X';
		saw = '0';
		s += 2;
	}
	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s) ||
		    (hex && isxdigit((unsigned char)*s))) {
			saw = '0';
			continue;
		}
		if (*s == '_') {
			if (saw != '0')
				return false;
			saw = '_';
			continue;
		}
		if (saw == '_')
			return false;
		saw = '!';
	}
	return saw != '_';
}
