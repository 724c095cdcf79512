/* trigger.c: names of the ghost's copies of the original's triggers. */
#include "common.h"

#include "trigger.h"

/* A copy of s, or NULL. */
static char *
trigger_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Append one trigger. */
struct trigger *
trigger_list_add(struct trigger_list *l, const char *name, const char *timing,
    const char *event, const char *statement, const char *sql_mode,
    const char *definer, const char *suffix, bool remove_suffix)
{
	struct trigger	*t;

	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	t = &l->v[l->n++];
	t->name = xstrdup(name);
	t->ghost_name = trigger_ghost_name(name, suffix, remove_suffix);
	t->timing = trigger_dup(timing);
	t->event = trigger_dup(event);
	t->statement = trigger_dup(statement);
	t->sql_mode = trigger_dup(sql_mode);
	t->definer = trigger_dup(definer);
	return t;
}

/* Free every trigger. */
void
trigger_list_release(struct trigger_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].ghost_name);
		free(l->v[i].timing);
		free(l->v[i].event);
		free(l->v[i].statement);
		free(l->v[i].sql_mode);
		free(l->v[i].definer);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* gh-ost's GetGhostTriggerName. */
char *
trigger_ghost_name(const char *name, const char *suffix, bool remove_suffix)
{
	size_t	nlen = strlen(name), slen;

	if (suffix == NULL)
		suffix = "";
	slen = strlen(suffix);
	if (remove_suffix && nlen >= slen &&
	    strcmp(name + nlen - slen, suffix) == 0)
		return xstrndup(name, nlen - slen);
	return xasprintf("%s%s", name, suffix);
}

/* Count characters as Go's utf8.RuneCountInString does for valid UTF-8:
 * every byte but continuation bytes starts one. */
bool
trigger_name_fits(const char *name)
{
	const unsigned char	*p;
	size_t			 n = 0;

	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if ((*p & 0xc0) != 0x80)
			n++;
	}
	return n <= TRIGGER_MAX_NAME_LENGTH;
}

/* Join ghost names with commas. */
char *
trigger_ghost_names(const struct trigger_list *l, const bool *pick)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < l->n; i++) {
		if (pick != NULL && !pick[i])
			continue;
		if (b.len > 0)
			buf_addc(&b, ',');
		buf_adds(&b, l->v[i].ghost_name);
	}
	return buf_detach(&b);
}
