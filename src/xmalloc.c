/* xmalloc.c: allocation that aborts on out-of-memory. */
#include "common.h"

/* Allocate size bytes; abort if the system has none left. */
void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal("xmalloc: out of memory allocating %zu bytes", size);
	return p;
}

/* Allocate a zeroed array. */
void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatal("xcalloc: out of memory allocating %zu*%zu bytes", n, size);
	return p;
}

/* Resize an array of n elements of size bytes, checking for overflow. */
void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (n > SIZE_MAX / size)
		fatal("xreallocarray: %zu*%zu overflows", n, size);
	if ((p = realloc(old, n * size)) == NULL)
		fatal("xreallocarray: out of memory allocating %zu bytes", n * size);
	return p;
}

/* Duplicate a string. */
char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		fatal("xstrdup: out of memory");
	return p;
}

/* Duplicate at most n bytes of a string. */
char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	if ((p = strndup(s, n)) == NULL)
		fatal("xstrndup: out of memory");
	return p;
}

/* Format into a new string. */
char *
xvasprintf(const char *fmt, va_list ap)
{
	char	*s;

	if (vasprintf(&s, fmt, ap) == -1)
		fatal("xvasprintf: out of memory");
	return s;
}

/* Format into a new string. */
char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}
