/* alter.h: what wisp needs to know about the user's --alter, parsed with PCRE2.
 *
 * --alter may be a bare clause list ("ADD COLUMN c INT, DROP KEY k") or a whole
 * "ALTER TABLE [`db`.]`t` ..." statement; in the latter case the database and
 * table are reported and the clauses are what follows the table name. This is
 * gh-ost's parser's behaviour (go/sql/parser.go): clauses are split at commas
 * outside quotes and parentheses, and each clause is checked for
 *   CHANGE [COLUMN] old new ...   a rename when old != new (case-insensitive
 *                                 compare is NOT done: `a`->`A` is a rename)
 *   DROP [COLUMN] name            a dropped column (not DROP KEY/INDEX/...)
 *   RENAME {TO|AS} ...            a table rename, which wisp refuses
 *   AUTO_INCREMENT = N            an explicit auto-increment table option
 * Backquoted identifiers are unquoted in the results.
 *
 * Beyond gh-ost, wisp also reads RENAME COLUMN a TO b as a rename, takes
 * RENAME without TO/AS as a table rename, accepts AUTO_INCREMENT without "=",
 * skips IF EXISTS in CHANGE and DROP, ignores keywords that cannot be unquoted
 * column names (DROP DEFAULT, DROP INDEX ...), keeps text inside quotes and
 * nested parentheses out of both the split and the matching, and trims
 * surrounding whitespace and trailing semicolons. */
#ifndef WISP_ALTER_H
#define WISP_ALTER_H

struct alter_rename {
	char	*from;		/* the old column name */
	char	*to;		/* the new column name */
};

struct alter {
	char			*schema;	/* from ALTER TABLE db.t, or NULL */
	char			*table;		/* from ALTER TABLE [db.]t, or NULL */
	char			*clauses;	/* the clause list to apply to the ghost */
	struct alter_rename	*renames;	/* non-trivial renames, in order */
	size_t			 nrenames;
	char			**dropped;	/* dropped columns, in order */
	size_t			 ndropped;
	bool			 renames_table;	/* RENAME TO / RENAME AS seen */
	bool			 sets_auto_increment;
	char			**tokens;	/* clauses split at top-level commas */
	size_t			 ntokens;
};

/* Parse an --alter value. Returns NULL and sets *cause (allocated, when cause
 * is not NULL) when the text is empty, or is an ALTER TABLE whose table name
 * cannot be read or that has no clauses; the caller frees the result with
 * alter_free. */
struct alter	*alter_parse(const char *, char **cause);
void		 alter_free(struct alter *);
/* An alter without clauses (--revert changes no structure). */
struct alter	*alter_none(void);
/* The new name of column name after the renames, or name itself. Column
 * names compare case-insensitively here and in the next two functions, as
 * they do in MySQL (gh-ost compares drops with strings.EqualFold). */
const char	*alter_renamed_to(const struct alter *, const char *name);
/* The old name a column had before being renamed to name, or NULL. */
const char	*alter_renamed_from(const struct alter *, const char *name);
/* Whether the alter drops column name. */
bool		 alter_drops(const struct alter *, const char *name);
/* "map[old:new old2:new2]", the way gh-ost prints its rename map (Go's %v
 * of a map: keys sorted). Allocated; the caller frees it. */
char		*alter_format_renames(const struct alter *);
/* The values of an information_schema COLUMN_TYPE "enum('a','b')", that is
 * "'a','b'", or the type itself when it is not an enum (gh-ost's
 * ParseEnumValues). Allocated; the caller frees it. */
char		*alter_enum_values(const char *column_type);

#endif
