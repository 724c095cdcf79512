/* deferkeys.h: --defer-secondary-indexes. The row copy writes the ghost
 * table without its plain secondary keys, and they are built afterwards in
 * one sorted pass (ALTER TABLE .. ADD KEY, in place, without a lock),
 * before the cut-over. Which keys qualify is read from SHOW CREATE TABLE of
 * the altered ghost; their definitions are kept, hex-encoded, in the
 * changelog table, so that a resumed run builds them too.
 *
 * A key qualifies when it is a plain KEY (not PRIMARY, UNIQUE, FULLTEXT or
 * SPATIAL: unique keys decide which copied rows INSERT IGNORE keeps), on
 * columns (not an expression), of an InnoDB table without foreign keys or
 * generated columns. */
#ifndef WISP_DEFERKEYS_H
#define WISP_DEFERKEYS_H

struct buf;

/* The longest definition kept: its hex must fit the changelog's value. */
#define DEFERKEYS_MAX_DEF	2000

struct deferkeys {
	char	**defs;		/* "KEY `k` (`a`,`b`(10))", as SHOW CREATE
				   TABLE prints it, valid after ADD */
	char	**names;	/* "k" */
	size_t	  n;
};

void	 deferkeys_init(struct deferkeys *);
void	 deferkeys_release(struct deferkeys *);
/* The keys of a SHOW CREATE TABLE text that the copy can go without.
 * Returns 0 (perhaps with none), or -1 with *why (allocated) when this
 * table's keys cannot be deferred at all. */
int	 deferkeys_from_create(struct deferkeys *, const char *create,
	    char **why);
/* Add one definition; -1 when it does not read as "KEY `name` (..)". */
int	 deferkeys_add(struct deferkeys *, const char *def);
/* Add to missing the keys of want that a SHOW CREATE TABLE text has no
 * key (of any kind) of the same name for; all of them when create is
 * NULL. */
void	 deferkeys_missing(const struct deferkeys *want, const char *create,
	    struct deferkeys *missing);
/* "k, l": the names, for logs. Allocated. */
char	*deferkeys_names(const struct deferkeys *);

/* "alter table `db`.`t` drop key `k`, drop key `l`" */
void	 deferkeys_drop_sql(struct buf *, const char *db, const char *table,
	    const struct deferkeys *);
/* "alter table `db`.`t` add KEY .., add KEY .., algorithm=inplace,
 * lock=none": built in place, the applier's writes go on meanwhile. */
void	 deferkeys_build_sql(struct buf *, const char *db, const char *table,
	    const struct deferkeys *);

/* The changelog's hints: "deferred-key-1", ...; values are the hex of a
 * definition. */
#define DEFERKEYS_HINT_PREFIX	"deferred-key-"
/* Hex of s, allocated; and back (NULL when not even-length hex). */
char	*deferkeys_hex(const char *s);
char	*deferkeys_unhex(const char *hex);

#endif
