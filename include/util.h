/* util.h: clocks, durations, files and strings. */
#ifndef WISP_UTIL_H
#define WISP_UTIL_H

/* Milliseconds of the monotonic clock. */
uint64_t util_now_ms(void);
/* Wall-clock nanoseconds since the epoch. */
uint64_t util_wall_ns(void);
/* Format a duration like Go's time.Duration.String() rounded to seconds
 * ("1h2m3s", "45s", "0s"); writes into out and returns it. */
char	*util_format_duration(char *, size_t, uint64_t);
bool	 util_file_exists(const char *);
/* Create an empty file if it does not exist; 0 or -1 and errno. */
int	 util_touch(const char *);
/* Trim spaces at both ends, in place; returns its argument. */
char	*util_trim(char *);
/* Split s at sep into a NULL-terminated array of trimmed, non-empty,
 * allocated strings; *n gets the count. Free with util_free_strv. */
char	**util_split(const char *, char, size_t *);
void	 util_free_strv(char **);
/* Parse a whole decimal integer in [min, max]; 0 or -1. */
int	 util_parse_int64(const char *, int64_t, int64_t, int64_t *);
/* Parse a whole decimal float in [min, max]; 0 or -1. */
int	 util_parse_double(const char *, double, double, double *);
/* Parse a boolean: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False
 * (the spellings Go's strconv.ParseBool accepts); 0 or -1. */
int	 util_parse_bool(const char *, bool *);
/* Parse "host" or "host:port" (IPv6 in brackets); port defaults to
 * default_port. *host is allocated. 0 or -1. */
int	 util_parse_host_port(const char *, int, char **, int *);
bool	 util_strcaseprefix(const char *, const char *);

#endif
