/* buf.c: growable NUL-terminated buffer. */
#include "common.h"

/* Prepare an empty buffer. */
void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

/* Free the contents; the buffer is empty and reusable afterwards. */
void
buf_release(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

/* Empty the buffer and keep its memory. */
void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Make room for n more bytes plus the terminator. */
void
buf_grow(struct buf *b, size_t n)
{
	size_t	want;

	if (n > SIZE_MAX - b->len - 1)
		fatalx("buf_grow: size overflow");
	want = b->len + n + 1;
	if (want <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < want)
		b->cap = b->cap > SIZE_MAX / 2 ? want : b->cap * 2;
	b->data = xreallocarray(b->data, 1, b->cap);
}

/* Append n bytes. */
void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Append a string. */
void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Append one character. */
void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

/* Append formatted text. */
void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	ap2;
	int	n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatalx("buf_vaddf: bad format");
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

/* Append formatted text. */
void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

/* Append `ident`, doubling embedded backticks. */
void
buf_add_ident(struct buf *b, const char *ident)
{
	const char	*p;

	buf_addc(b, '`');
	for (p = ident; *p != '\0'; p++) {
		if (*p == '`')
			buf_addc(b, '`');
		buf_addc(b, *p);
	}
	buf_addc(b, '`');
}

/* Append 'literal' with the escapes MySQL's parser understands. */
void
buf_add_literal(struct buf *b, const char *s, size_t n)
{
	size_t	i;

	buf_grow(b, n + 2);
	buf_addc(b, '\'');
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\0':
			buf_adds(b, "\\0");
			break;
		case '\'':
			buf_adds(b, "\\'");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case '\032':
			buf_adds(b, "\\Z");
			break;
		default:
			buf_addc(b, s[i]);
			break;
		}
	}
	buf_addc(b, '\'');
}

/* Cut the contents to n bytes. */
void
buf_truncate(struct buf *b, size_t n)
{
	if (n < b->len) {
		b->len = n;
		b->data[n] = '\0';
	}
}

/* The contents as a C string. */
const char *
buf_str(const struct buf *b)
{
	return b->data != NULL ? b->data : "";
}

/* Give the contents to the caller. */
char *
buf_detach(struct buf *b)
{
	char	*s;

	s = b->data != NULL ? b->data : xstrdup("");
	buf_init(b);
	return s;
}

/* Append X'hex' of p: written straight into the buffer, as row images
 * turn every string and binary value into it. */
void
buf_add_hex(struct buf *b, const void *p, size_t n)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const uint8_t		*u = p;
	char			*o;
	size_t			 i;

	if (n > (SIZE_MAX - 3) / 2)
		fatalx("buf_add_hex: size overflow");
	buf_grow(b, n * 2 + 3);
	o = b->data + b->len;
	*o++ = 'X';
	*o++ = '\'';
	for (i = 0; i < n; i++) {
		*o++ = hex[u[i] >> 4];
		*o++ = hex[u[i] & 15];
	}
	*o++ = '\'';
	*o = '\0';
	b->len = (size_t)(o - b->data);
}

/* Append v in decimal. */
void
buf_add_u64(struct buf *b, uint64_t v)
{
	char	tmp[24], *o = tmp + sizeof tmp;

	do {
		*--o = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	buf_add(b, o, (size_t)(tmp + sizeof tmp - o));
}

/* Append v in decimal. */
void
buf_add_i64(struct buf *b, int64_t v)
{
	if (v < 0) {
		buf_addc(b, '-');
		/* Negate as unsigned: INT64_MIN has no positive twin. */
		buf_add_u64(b, (uint64_t)0 - (uint64_t)v);
		return;
	}
	buf_add_u64(b, (uint64_t)v);
}
