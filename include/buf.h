/* buf.h: a growable, always NUL-terminated byte buffer.
 *
 *   struct buf b = BUF_INIT;
 *   buf_addf(&b, "SELECT %d", 1);
 *   use(b.data, b.len);
 *   buf_release(&b);          (or: char *s = buf_detach(&b); ... free(s);)
 *
 * data is never NULL after the first add; before it, buf_str() returns "". */
#ifndef WISP_BUF_H
#define WISP_BUF_H

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	 buf_init(struct buf *);
void	 buf_release(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_grow(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_addf(struct buf *, const char *, ...) printflike(2, 3);
void	 buf_vaddf(struct buf *, const char *, va_list);
/* Append a MySQL identifier quoted with backticks (embedded ` doubled). */
void	 buf_add_ident(struct buf *, const char *);
/* Append a MySQL string literal in single quotes, escaping \ ' NUL \n \r ^Z. */
void	 buf_add_literal(struct buf *, const char *, size_t);
/* Append X'..': the bytes in upper-case hex, for any column type. */
void	 buf_add_hex(struct buf *, const void *, size_t);
/* Append an integer in decimal. */
void	 buf_add_i64(struct buf *, int64_t);
void	 buf_add_u64(struct buf *, uint64_t);
void	 buf_truncate(struct buf *, size_t);
/* The contents as a string; never NULL. */
const char *buf_str(const struct buf *);
/* Hand the string over to the caller, who frees it; the buf is reset. */
char	*buf_detach(struct buf *);

#endif
