/* loadmap.h: status-variable thresholds, the value of --max-load and
 * --critical-load (gh-ost's go/base/load_map.go).
 *
 * The text form is "Name=N,Name=N", e.g.
 * "Threads_running=25,Threads_connected=500".
 * Parsing follows gh-ost exactly: the list is split at every comma and each
 * item at every '=', nothing is trimmed, a name must not be empty and N is a
 * base-10 int64 with an optional sign. A name given twice keeps its first
 * position and its last threshold (gh-ost's map). The empty string is the
 * empty map.
 *
 * loadmap_format() prints the "Name=N" items sorted as strings and joined by
 * commas, which is what gh-ost's LoadMap.String() prints in the status hint
 * and in answer to "max-load=?"; loadmap_name() and loadmap_threshold() walk
 * the items in the order they were given. */
#ifndef WISP_LOADMAP_H
#define WISP_LOADMAP_H

struct loadmap;

/* Parse s; NULL and *cause (allocated, gh-ost's wording) on error. */
struct loadmap	*loadmap_parse(const char *s, char **cause);
void		 loadmap_free(struct loadmap *);
size_t		 loadmap_count(const struct loadmap *);
/* The i-th item, i < loadmap_count(). */
const char	*loadmap_name(const struct loadmap *, size_t i);
int64_t		 loadmap_threshold(const struct loadmap *, size_t i);
/* Look a name up (exact, case-sensitive); false when absent. */
bool		 loadmap_get(const struct loadmap *, const char *name,
		     int64_t *threshold);
/* "A=1,B=2" sorted like gh-ost; "" for the empty map. The caller frees it. */
char		*loadmap_format(const struct loadmap *);

#endif
