/* xmalloc.h: allocation that aborts on out-of-memory. */
#ifndef WISP_XMALLOC_H
#define WISP_XMALLOC_H

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Returns a newly allocated formatted string; the caller frees it. */
char	*xasprintf(const char *, ...) printflike(1, 2);
char	*xvasprintf(const char *, va_list);

#endif
