/* column.h: columns and unique keys of a table, and the choice of what the
 * original and ghost tables share.
 *
 * Pure data and decisions, no I/O: the inspector fills these from
 * information_schema; the migrator asks which unique key and which columns the
 * two tables share (gh-ost's inspectOriginalAndGhostTables). */
#ifndef WISP_COLUMN_H
#define WISP_COLUMN_H

struct alter;

enum column_type {
	COLUMN_TYPE_OTHER = 0,
	COLUMN_TYPE_INTEGER,	/* tinyint .. bigint except mediumint */
	COLUMN_TYPE_MEDIUMINT,
	COLUMN_TYPE_DECIMAL,
	COLUMN_TYPE_FLOAT,
	COLUMN_TYPE_DOUBLE,
	COLUMN_TYPE_BIT,
	COLUMN_TYPE_YEAR,
	COLUMN_TYPE_DATE,
	COLUMN_TYPE_TIME,
	COLUMN_TYPE_DATETIME,
	COLUMN_TYPE_TIMESTAMP,
	COLUMN_TYPE_CHAR,	/* char, varchar */
	COLUMN_TYPE_BINARY,	/* binary(n): padded with 0x00 */
	COLUMN_TYPE_VARBINARY,
	COLUMN_TYPE_TEXT,
	COLUMN_TYPE_BLOB,
	COLUMN_TYPE_ENUM,
	COLUMN_TYPE_SET,
	COLUMN_TYPE_JSON,
	COLUMN_TYPE_GEOMETRY,
	COLUMN_TYPE_INET_UUID,	/* MariaDB uuid, inet4, inet6: text in results,
				   fixed-size binary in row images */
};

struct column {
	char		*name;
	char		*column_type;	/* COLUMN_TYPE, e.g. "int(10) unsigned" */
	char		*data_type;	/* DATA_TYPE, e.g. "int" */
	char		*charset;	/* CHARACTER_SET_NAME or NULL */
	enum column_type type;
	bool		 is_unsigned;
	bool		 nullable;
	bool		 is_generated;	/* VIRTUAL or STORED GENERATED */
	bool		 is_auto_increment;
	bool		 is_compressed;	/* MariaDB COMPRESSED column attribute */
	uint64_t	 octet_length;	/* CHARACTER_OCTET_LENGTH (binary padding) */
	char		*enum_values;	/* "'a','b'" for enum/set, or NULL */
};

struct column_list {
	struct column	*v;
	size_t		 n;
};

struct unique_key {
	char		*name;
	char		**columns;	/* in key order */
	size_t		 ncolumns;
	bool		 has_nullable;
	bool		 is_auto_increment;	/* first column is auto_increment */
	char		*name_in_ghost;	/* the ghost's key over the same columns */
};

struct unique_key_list {
	struct unique_key *v;
	size_t		 n;
};

/* What the two tables share, computed by column_choose_shared. */
struct shared_plan {
	const struct unique_key *key;	/* points into the original's list */
	char		**columns;	/* shared column names, original order */
	char		**mapped;	/* the same columns' names in the ghost */
	size_t		 ncolumns;
};

void	column_list_release(struct column_list *);
/* Append a column; the list takes copies of the strings. */
struct column *column_list_add(struct column_list *, const char *name,
	    const char *column_type, const char *data_type, const char *charset,
	    bool nullable, const char *extra, uint64_t octet_length);
struct column *column_list_find(const struct column_list *, const char *);
/* "a,b,c", allocated. */
char	*column_list_names(const struct column_list *);

void	unique_key_list_release(struct unique_key_list *);
/* Append a key from its comma-separated column names (as GROUP_CONCAT gives). */
struct unique_key *unique_key_list_add(struct unique_key_list *, const char *name,
	    const char *columns_csv, bool has_nullable, bool is_auto_increment);
/* gh-ost's description "name: [a b]; has nullable: false", allocated. */
char	*unique_key_describe(const struct unique_key *);

/* Classify a column from information_schema's COLUMN_TYPE and DATA_TYPE. */
enum column_type column_classify(const char *column_type, const char *data_type);
/* The bytes a fixed-size binary value has in a row image, where the server
 * strips trailing 0x00 (BINARY(N), uuid, inet4, inet6); 0 for others. */
uint32_t column_pad_length(const struct column *);

/* Choose the shared unique key and the shared columns of orig and ghost.
 * Keys are tried in the original's order (the inspector sorts them the way
 * gh-ost does); a key is shared when all its columns are in one of the
 * ghost's unique keys; keys over FLOAT or JSON columns are skipped with a
 * warning. A nullable key needs allow_nullable. Columns are shared when
 * present in both (case-insensitive, through the ALTER's renames when
 * use_renames is set), not dropped by the ALTER and not
 * generated on either side. Returns 0, or -1 with *cause in gh-ost's
 * words. */
int	column_choose_shared(const struct column_list *orig,
	    const struct unique_key_list *orig_keys,
	    const struct column_list *ghost,
	    struct unique_key_list *ghost_keys, const struct alter *,
	    bool use_renames, bool allow_nullable, struct shared_plan *,
	    char **cause);
void	shared_plan_release(struct shared_plan *);
/* "a,b,c" of the plan's columns (or mapped names), allocated. */
char	*shared_plan_names(const struct shared_plan *, bool mapped);

#endif
