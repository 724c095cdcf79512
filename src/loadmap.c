/* loadmap.c: parse and print "Name=N,..." threshold lists. */
#include "common.h"

#include "loadmap.h"

struct loadmap_item {
	char		*name;
	int64_t		 threshold;
};

struct loadmap {
	struct loadmap_item	*items;
	size_t			 n;
};

/* Set name's threshold, appending it when new. */
static void
loadmap_set(struct loadmap *lm, const char *name, size_t len, int64_t v)
{
	size_t	i;

	for (i = 0; i < lm->n; i++) {
		if (strlen(lm->items[i].name) == len &&
		    memcmp(lm->items[i].name, name, len) == 0) {
			lm->items[i].threshold = v;
			return;
		}
	}
	lm->items = xreallocarray(lm->items, lm->n + 1, sizeof *lm->items);
	lm->items[lm->n].name = xstrndup(name, len);
	lm->items[lm->n].threshold = v;
	lm->n++;
}

/* Parse one "Name=N" item of length len into lm. */
static int
loadmap_parse_item(struct loadmap *lm, const char *item, size_t len,
    char **cause)
{
	const char	*eq, *end = item + len;
	char		*num;
	int64_t		 v;
	int		 rc;

	eq = memchr(item, '=', len);
	if (eq == NULL || memchr(eq + 1, '=', (size_t)(end - eq - 1)) != NULL) {
		*cause = xasprintf("Error parsing load condition: %.*s",
		    (int)len, item);
		return -1;
	}
	if (eq == item) {
		*cause = xasprintf("Error parsing status variable in load "
		    "condition: %.*s", (int)len, item);
		return -1;
	}
	num = xstrndup(eq + 1, (size_t)(end - eq - 1));
	rc = util_parse_int64(num, INT64_MIN, INT64_MAX, &v);
	free(num);
	if (rc != 0) {
		*cause = xasprintf("Error parsing numeric value in load "
		    "condition: %.*s", (int)len, item);
		return -1;
	}
	loadmap_set(lm, item, (size_t)(eq - item), v);
	return 0;
}

/* Parse a comma-separated list of Name=N. */
struct loadmap *
loadmap_parse(const char *s, char **cause)
{
	struct loadmap	*lm = xcalloc(1, sizeof *lm);
	const char	*p, *comma;
	char		*ignored = NULL;

	if (cause == NULL)
		cause = &ignored;
	if (s == NULL || *s == '\0')
		return lm;
	for (p = s; ; p = comma + 1) {
		comma = strchr(p, ',');
		if (comma == NULL)
			comma = p + strlen(p);
		if (loadmap_parse_item(lm, p, (size_t)(comma - p),
		    cause) != 0) {
			free(ignored);
			loadmap_free(lm);
			return NULL;
		}
		if (*comma == '\0')
			break;
	}
	return lm;
}

/* Free a map. */
void
loadmap_free(struct loadmap *lm)
{
	size_t	i;

	if (lm == NULL)
		return;
	for (i = 0; i < lm->n; i++)
		free(lm->items[i].name);
	free(lm->items);
	free(lm);
}

/* The number of items. */
size_t
loadmap_count(const struct loadmap *lm)
{
	return lm->n;
}

/* The name of item i. */
const char *
loadmap_name(const struct loadmap *lm, size_t i)
{
	return lm->items[i].name;
}

/* The threshold of item i. */
int64_t
loadmap_threshold(const struct loadmap *lm, size_t i)
{
	return lm->items[i].threshold;
}

/* Find name's threshold. */
bool
loadmap_get(const struct loadmap *lm, const char *name, int64_t *threshold)
{
	size_t	i;

	for (i = 0; i < lm->n; i++) {
		if (strcmp(lm->items[i].name, name) == 0) {
			if (threshold != NULL)
				*threshold = lm->items[i].threshold;
			return true;
		}
	}
	return false;
}

/* qsort comparator for strings. */
static int
loadmap_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Print the items sorted as "Name=N" strings, the way gh-ost does. */
char *
loadmap_format(const struct loadmap *lm)
{
	struct buf	  b = BUF_INIT;
	char		**tokens;
	size_t		  i;

	tokens = xcalloc(lm->n + 1, sizeof *tokens);
	for (i = 0; i < lm->n; i++)
		tokens[i] = xasprintf("%s=%" PRId64, lm->items[i].name,
		    lm->items[i].threshold);
	qsort(tokens, lm->n, sizeof *tokens, loadmap_cmp);
	buf_adds(&b, "");
	for (i = 0; i < lm->n; i++) {
		if (i > 0)
			buf_addc(&b, ',');
		buf_adds(&b, tokens[i]);
		free(tokens[i]);
	}
	free(tokens);
	return buf_detach(&b);
}
