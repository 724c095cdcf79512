/* util.c: clocks, durations, files and small string helpers. */
#include "common.h"

#include <ctype.h>
#include <fcntl.h>
#include <math.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Milliseconds on the monotonic clock. */
uint64_t
util_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Nanoseconds since the epoch on the wall clock. */
uint64_t
util_wall_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Format seconds the way Go prints a Duration rounded to the second. */
char *
util_format_duration(char *out, size_t len, uint64_t seconds)
{
	uint64_t	h = seconds / 3600, m = (seconds / 60) % 60, s = seconds % 60;

	if (h > 0)
		snprintf(out, len, "%" PRIu64 "h%" PRIu64 "m%" PRIu64 "s", h, m, s);
	else if (m > 0)
		snprintf(out, len, "%" PRIu64 "m%" PRIu64 "s", m, s);
	else
		snprintf(out, len, "%" PRIu64 "s", s);
	return out;
}

/* Does a file exist at path? */
bool
util_file_exists(const char *path)
{
	struct stat	sb;

	return path != NULL && *path != '\0' && stat(path, &sb) == 0;
}

/* Create path if missing. */
int
util_touch(const char *path)
{
	int	fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) == -1)
		return -1;
	close(fd);
	return 0;
}

/* Trim leading and trailing white space in place. */
char *
util_trim(char *s)
{
	char	*start = s, *end;

	while (isspace((unsigned char)*start))
		start++;
	end = start + strlen(start);
	while (end > start && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	if (start != s)
		memmove(s, start, (size_t)(end - start) + 1);
	return s;
}

/* Split at sep; empty items are dropped. */
char **
util_split(const char *s, char sep, size_t *n)
{
	char		**v = NULL, *item;
	size_t		  count = 0;
	const char	 *p, *q;

	for (p = s; ; p = q + 1) {
		q = strchr(p, sep);
		if (q == NULL)
			q = p + strlen(p);
		item = util_trim(xstrndup(p, (size_t)(q - p)));
		if (*item != '\0') {
			v = xreallocarray(v, count + 2, sizeof *v);
			v[count++] = item;
			v[count] = NULL;
		} else
			free(item);
		if (*q == '\0')
			break;
	}
	if (v == NULL)
		v = xcalloc(1, sizeof *v);
	if (n != NULL)
		*n = count;
	return v;
}

/* Free a NULL-terminated string array. */
void
util_free_strv(char **v)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* Parse a decimal integer that must fill the whole string. */
int
util_parse_int64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Parse a decimal float that must fill the whole string. */
int
util_parse_double(const char *s, double min, double max, double *out)
{
	char	*end;
	double	 v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || isnan(v) || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Parse Go's boolean spellings. */
int
util_parse_bool(const char *s, bool *out)
{
	static const char *yes[] = { "1", "t", "T", "true", "TRUE", "True" };
	static const char *no[] = { "0", "f", "F", "false", "FALSE", "False" };
	size_t		   i;

	for (i = 0; i < nitems(yes); i++) {
		if (strcmp(s, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcmp(s, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

/* Parse host[:port] or [v6]:port. */
int
util_parse_host_port(const char *s, int default_port, char **host, int *port)
{
	const char	*colon, *hs = s;
	size_t		 hlen;
	int64_t		 p = default_port;

	if (s == NULL || *s == '\0')
		return -1;
	if (*s == '[') {
		const char *rb = strchr(s, ']');

		if (rb == NULL)
			return -1;
		hs = s + 1;
		hlen = (size_t)(rb - hs);
		colon = rb[1] == ':' ? rb + 1 : NULL;
		if (rb[1] != '\0' && colon == NULL)
			return -1;
	} else {
		colon = strrchr(s, ':');
		if (colon != NULL && strchr(s, ':') != colon)
			colon = NULL;	/* bare IPv6 address, no port */
		hlen = colon != NULL ? (size_t)(colon - s) : strlen(s);
	}
	if (hlen == 0)
		return -1;
	if (colon != NULL && util_parse_int64(colon + 1, 1, 65535, &p) != 0)
		return -1;
	*host = xstrndup(hs, hlen);
	*port = (int)p;
	return 0;
}

/* Does s start with prefix, ignoring case? */
bool
util_strcaseprefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}
