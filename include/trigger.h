/* trigger.h: the original table's triggers, to be recreated on the ghost
 * (--include-triggers).
 *
 * Trigger names are unique per schema, so each copy needs a name of its own
 * (gh-ost's GetGhostTriggerName): the original's name plus --trigger-suffix,
 * or, with --remove-trigger-suffix-if-exists, the name without the suffix
 * when it ends with it (a table migrated before gets its names back). The
 * inspector reads the list, the cut-over creates the copies on the ghost
 * while the original is locked, so they exist exactly from the swap on.
 * Pure: no I/O. */
#ifndef WISP_TRIGGER_H
#define WISP_TRIGGER_H

/* MySQL's limit on identifiers, in characters. */
#define TRIGGER_MAX_NAME_LENGTH 64

struct trigger {
	char		*name;		/* on the original table */
	char		*ghost_name;	/* on the ghost, see above */
	char		*timing;	/* BEFORE or AFTER */
	char		*event;		/* INSERT, UPDATE or DELETE */
	char		*statement;	/* the body, as information_schema has it */
	char		*sql_mode;	/* the sql_mode it was created under */
	char		*definer;	/* user@host; the copy is the migrating
					   user's, as in gh-ost */
};

struct trigger_list {
	struct trigger	*v;
	size_t		 n;
};

/* Append a trigger; the list takes copies of the strings (NULL allowed but
 * for name) and sets ghost_name from suffix and remove_suffix. */
struct trigger	*trigger_list_add(struct trigger_list *, const char *name,
		    const char *timing, const char *event, const char *statement,
		    const char *sql_mode, const char *definer, const char *suffix,
		    bool remove_suffix);
void		 trigger_list_release(struct trigger_list *);

/* The name of a trigger's copy on the ghost: name without suffix when
 * remove_suffix and name ends with it, else name with suffix appended.
 * Allocated. */
char		*trigger_ghost_name(const char *name, const char *suffix,
		    bool remove_suffix);
/* Is name at most TRIGGER_MAX_NAME_LENGTH characters (UTF-8) long? */
bool		 trigger_name_fits(const char *name);
/* "a,b,c": the ghost names of the triggers for which pick is true (NULL:
 * all), in list order, the way gh-ost joins them in its errors. Allocated;
 * "" when none. */
char		*trigger_ghost_names(const struct trigger_list *,
		    const bool *pick);

#endif
