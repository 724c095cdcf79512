/* sqlbuild.h: the SQL text of a migration, with values inlined as literals.
 *
 * Pure: names, column facts and values in, statement text out; no I/O
 * (gh-ost's go/sql/builder.go plus the SQL of go/logic/applier.go). Every
 * builder appends one statement, without a terminating ';', to a buf.
 * Identifiers are always quoted with backticks; values are never pasted raw:
 *
 *   strings     _charset X'hex'   bytes mean text in that charset whatever
 *                                 the connection's charset and sql_mode
 *   bytes       X'hex'            binary, varbinary, blob, charset binary
 *   numbers     unquoted          after checking they are numeric
 *   temporals   'text'            after checking their characters
 *
 * Copy side (row copy): a struct sqlbuild made once per migration from the
 * table facts builds the range min/max query, the next-range-end query and
 * the chunk INSERT .. SELECT; unique-key values come from result sets as
 * struct sqlbuild_value, one per key column in key order.
 *
 *   struct sqlbuild *sb = sqlbuild_create(&desc, &cause);
 *   sqlbuild_range_min(sb, &b);                          min, then max
 *   sqlbuild_range_end(sb, SQLBUILD_END_OFFSET, min, true, max, 1000, 0,
 *       &b, &cause);                                     no row? TEMPTABLE
 *   sqlbuild_copy_chunk(sb, min, true, end, &b, &cause);
 *   sqlbuild_free(sb);
 *
 * Apply side (binlog): decoded row images (rowimage.h) become statements on
 * the ghost; values are taken by the original's column ordinal, and only
 * the shared columns are written, under their ghost names.
 *
 *   struct sqlbuild_batch batch;
 *   sqlbuild_batch_init(&batch, 100);
 *   sqlbuild_batch_add(sb, &batch, SQLBUILD_DML_UPDATE, before, after,
 *       &cause);
 *   sqlbuild_batch_join(&batch, true, &b);     "begin;\n...;\ncommit"
 *   sqlbuild_batch_release(&batch);
 *
 * INSERT events become INSERT IGNORE, as in gh-ost since #1633, not REPLACE
 * (older gh-ost). Both end with the binlog's values for the migration key:
 * a row the copy wrote before the event's INSERT committed is impossible
 * (the copy would not have seen it), and a row the copy wrote after it
 * already holds that INSERT or a later state whose own events follow in the
 * binlog and are applied after the copy's chunk, because the copy reads
 * with LOCK IN SHARE MODE and the binlog is applied in commit order. Where
 * the two differ is a duplicate on another unique key of the ghost (a
 * UNIQUE index the ALTER adds): REPLACE silently deletes the other row;
 * INSERT IGNORE keeps it and leaves warning 1062, which
 * --panic-on-warnings turns into a failure. SQLBUILD_INSERT_REPLACE is
 * kept for callers that want gh-ost's older behaviour.
 *
 * Session assumptions (gh-ost's): the chunk copy runs with time_zone set to
 * the applier's @@global.time_zone, so the server converts DATETIME and
 * TIMESTAMP columns the way the DML conversions below do; DML runs with
 * time_zone '+00:00' (rowimage gives TIMESTAMP values in UTC); range
 * queries and the copy that uses their values run with the same time_zone
 * (a TIMESTAMP key value is read and written back as text). */
#ifndef WISP_SQLBUILD_H
#define WISP_SQLBUILD_H

struct column_list;
struct shared_plan;
struct unique_key;
struct rowimage_row;
struct trigger;

/* The comment that marks the cut-over sentry table (gh-ost's
 * atomicCutOverMagicHint); only a _del table carrying it may be dropped. */
#define SQLBUILD_SENTRY_COMMENT	"ghost-cut-over-sentry"

/* The locking clause of the chunk copy's SELECT (gh-ost:
 * IsTransactionalTable, and "for share nowait" on MySQL 8). */
enum sqlbuild_lock {
	SQLBUILD_LOCK_NONE = 0,		/* non-transactional engine */
	SQLBUILD_LOCK_SHARE,		/* lock in share mode */
	SQLBUILD_LOCK_FOR_SHARE_NOWAIT,	/* for share nowait (MySQL 8) */
	SQLBUILD_LOCK_SHARE_NOWAIT,	/* lock in share mode nowait (MariaDB) */
};

/* How INSERT events are applied (see above). */
enum sqlbuild_insert {
	SQLBUILD_INSERT_IGNORE = 0,	/* insert ignore into (gh-ost now) */
	SQLBUILD_INSERT_REPLACE,	/* replace into (gh-ost before #1633) */
};

/* Conversions applied to one shared column's values in DML, decided by
 * sqlbuild_create from the original and ghost column types
 * (gh-ost: inspect.go inspectOriginalAndGhostTables, builder.go
 * buildColumnsPreparedValues). The chunk copy needs none: the server
 * converts in INSERT .. SELECT. Key values in DML WHERE clauses get the
 * same conversion, since they are compared with the ghost's column. */
#define SQLBUILD_CONV_DATETIME_TO_TIMESTAMP 0x01
	/* DATETIME -> TIMESTAMP: convert_tz(v, '<applier tz>', '+00:00'),
	 * the wall-clock time read in the applier's zone (gh-ost). */
#define SQLBUILD_CONV_TIMESTAMP_TO_LOCAL 0x02
	/* TIMESTAMP -> any other type: convert_tz(v, '+00:00', '<applier
	 * tz>'), the UTC instant as the copy's session renders it (wisp;
	 * gh-ost writes UTC wall-clock times here). */
#define SQLBUILD_CONV_ENUM_TO_TEXT	0x04
	/* ENUM -> a column with a charset (text, ENUM, SET): the member's
	 * text rather than its index; gh-ost writes ELT(index, members),
	 * we inline the member as a literal; index 0 (the '' of an invalid
	 * value) gives '' where ELT gives NULL. */
#define SQLBUILD_CONV_SET_TO_TEXT	0x08
	/* SET -> a column with a charset: "a,c" rather than the bit mask
	 * (wisp; gh-ost writes the mask). */
#define SQLBUILD_CONV_TO_JSON		0x10
	/* ghost JSON: convert(v using utf8mb4), so that bytes from a blob
	 * are read as text (gh-ost). */
#define SQLBUILD_CONV_CHARSET		0x20
	/* The charsets differ. Nothing to write: the value's introducer
	 * names the original's charset and the server converts; gh-ost
	 * decodes in Go (charsetConversion), which fails for charsets it
	 * does not know (#1568). */

/* The facts a struct sqlbuild is made from; sqlbuild_create copies what it
 * keeps, so these may go away afterwards. */
struct sqlbuild_desc {
	const char		*database;
	const char		*table;		/* the original */
	const char		*ghost_table;	/* _t_gho */
	/* The original's columns in ordinal order, which is the order of
	 * binlog row images. */
	const struct column_list *orig_columns;
	/* The ghost's columns, for the conversions; NULL: none. */
	const struct column_list *ghost_columns;
	/* The shared key (columns in key order) and the shared columns with
	 * their ghost names. */
	const struct shared_plan *plan;
	/* The applier's @@global.time_zone, for the temporal conversions;
	 * NULL is "SYSTEM". */
	const char		*time_zone;
	/* The charset of text in result sets on wisp's connections
	 * (character_set_results): string key values read by the range
	 * queries, and enum members from information_schema. NULL is
	 * "utf8mb4". */
	const char		*client_charset;
	enum sqlbuild_lock	 lock;
	enum sqlbuild_insert	 insert;
	/* The applier is MySQL 8.0.19 or later: upserts name the new row with
	 * a row alias, "values (..) as `_wisp_new` on duplicate key update
	 * `c` = `_wisp_new`.`c`", instead of VALUES(`c`), which MySQL 8.0.20
	 * deprecates with a warning (1287) that --panic-on-warnings would
	 * take for a failure. MariaDB has no row alias. */
	bool			 row_alias;
};

/* Make the builder of one migration. Fails, with *cause, when a key or
 * shared column is not among the original's columns, when the key or the
 * shared columns are empty, when a charset name is not a plain word, or
 * when enum members cannot be parsed. Generated columns in the plan are
 * skipped. */
struct sqlbuild *sqlbuild_create(const struct sqlbuild_desc *, char **cause);
void	 sqlbuild_free(struct sqlbuild *);
/* The shared columns written (the plan's, without generated ones). */
size_t	 sqlbuild_nshared(const struct sqlbuild *);
/* The SQLBUILD_CONV_* flags of shared column i. */
unsigned int sqlbuild_conversions(const struct sqlbuild *, size_t i);
/* The key's column count: the length of every value array below. */
size_t	 sqlbuild_key_ncolumns(const struct sqlbuild *);

/* One unique-key value as a result set gives it: the text protocol's bytes
 * (or NULL). Its meaning comes from the key column's type. */
struct sqlbuild_value {
	const char	*data;
	size_t		 len;
	bool		 is_null;
};

/* "select k1, k2 from t force index (key) order by k1 asc, k2 asc limit 1":
 * the first (min) or last (max) key values (gh-ost ReadMigrationRangeValues).
 * ENUM key columns are ordered by concat(k), their text, the order in which
 * the range comparisons see them. */
void	 sqlbuild_range_min(const struct sqlbuild *, struct buf *);
void	 sqlbuild_range_max(const struct sqlbuild *, struct buf *);

/* A comparison of the key with a key value (gh-ost BuildRangeComparison),
 * expanded so that the server can use the index:
 *   (k1, k2) >  (v1, v2)  ((k1 > v1) or (((k1 = v1)) AND (k2 > v2)))
 *   (k1, k2) >= (v1, v2)  the same or ((k1 = v1) and (k2 = v2))
 * and likewise for < and <=. A key column that is nullable, or a NULL
 * value, is compared as ORDER BY sorts it (NULL first): k > NULL is
 * "k is not null", k = NULL "k is null", k < NULL false, k < v also takes
 * NULLs (gh-ost's plain comparisons would skip such rows). */
enum sqlbuild_cmp {
	SQLBUILD_LT,
	SQLBUILD_LE,
	SQLBUILD_GT,
	SQLBUILD_GE,
};
int	 sqlbuild_range_comparison(const struct sqlbuild *,
	     const struct sqlbuild_value *, enum sqlbuild_cmp, struct buf *,
	     char **cause);

/* The key values chunk_size rows on from start, not past max (gh-ost
 * CalculateNextIterationRangeEndValues): start is excluded, or included
 * for the first chunk (include_start). iteration goes into the comment.
 * OFFSET is "order by .. limit 1 offset chunk_size-1", which returns no row
 * when fewer rows remain; then TEMPTABLE, "select .. from (select .. limit
 * chunk_size) select_osc_chunk order by .. desc limit 1", gives the last.
 * A two-column key without nullable columns uses gh-ost's three-part
 * UNION ALL (#1686), or one range when both first values are equal; every
 * part forces the key (gh-ost #1761). */
enum sqlbuild_end_form {
	SQLBUILD_END_OFFSET,
	SQLBUILD_END_TEMPTABLE,
};
int	 sqlbuild_range_end(const struct sqlbuild *, enum sqlbuild_end_form,
	     const struct sqlbuild_value *start, bool include_start,
	     const struct sqlbuild_value *max, uint64_t chunk_size,
	     uint64_t iteration, struct buf *, char **cause);

/* Copy one chunk (gh-ost BuildRangeInsertQuery):
 *   insert /+ wisp +/ ignore into db.gho (mapped)
 *   (select shared from db.t force index (key)
 *    where (range > start [>= for the first chunk] and range <= end) lock)
 * with gh-ost's UNION ALL form for two-column keys. */
int	 sqlbuild_copy_chunk(const struct sqlbuild *,
	     const struct sqlbuild_value *start, bool include_start,
	     const struct sqlbuild_value *end, struct buf *, char **cause);

/* DML on the ghost from row images. Each fails, with *cause and the buf
 * unchanged, when an image lacks a column it needs (binlog_row_image must
 * be FULL) or a value cannot be converted. */

/* insert ignore (or replace) into db.gho (mapped) values (..), (..):
 * nrows >= 1 after-images. */
int	 sqlbuild_dml_insert(const struct sqlbuild *,
	     const struct rowimage_row *const *rows, size_t nrows, struct buf *,
	     char **cause);
/* delete from db.gho where ((k1 = v1) and (k2 = v2)), with the before
 * image's key; "<=>" for nullable key columns. */
int	 sqlbuild_dml_delete(const struct sqlbuild *,
	     const struct rowimage_row *before, struct buf *, char **cause);
/* update db.gho set every shared column from after where before's key.
 * For an UPDATE that keeps the key; see sqlbuild_key_changed. */
int	 sqlbuild_dml_update(const struct sqlbuild *,
	     const struct rowimage_row *before, const struct rowimage_row *after,
	     struct buf *, char **cause);
/* Does an UPDATE change the key (gh-ost updateModifiesUniqueKeyColumns)?
 * Values are compared as their SQL literals, byte for byte. 0 or -1. */
int	 sqlbuild_key_changed(const struct sqlbuild *,
	     const struct rowimage_row *before, const struct rowimage_row *after,
	     bool *changed, char **cause);

/* Statements for one DML batch, in order (gh-ost buildDMLEventQuery). */
enum sqlbuild_dml {
	SQLBUILD_DML_INSERT,
	SQLBUILD_DML_UPDATE,
	SQLBUILD_DML_DELETE,
};

struct sqlbuild_stmt {
	struct buf	 sql;
	int		 delta;		/* rows per affected row: +1 insert,
					   0 update, -1 delete */
	size_t		 nrows;		/* row images in it (multi-row insert) */
	bool		 is_insert;
};

struct sqlbuild_keyop;

struct sqlbuild_batch {
	struct sqlbuild_stmt *v;
	size_t		 n;
	size_t		 max_insert_rows;	/* merge consecutive inserts
						   and deletes up to this many
						   rows; 0 or 1: one statement
						   per row */
	size_t		 events;		/* events added */

	/* By key (sqlbuild_batch_init_keyed): the net effect per key. */
	bool		 keyed;
	struct sqlbuild_keyop *ops;		/* in order of first change */
	size_t		 nops;
	size_t		*slots;			/* hash of ops by key; 0 free,
						   else index + 1 */
	size_t		 nslots;
	/* The builder's fixed texts (borrowed, set by the first event). */
	const char	*delete_head;		/* "delete .. from gho where " */
	const char	*insert_head;		/* "insert .. ignore into .." */
	const char	*strict_head;		/* "insert .. into .." */
	const char	*upsert_tail;		/* " on duplicate key update
						   `c` = values(`c`), .."
						   (or a row alias's) */
};

/* A batch of statements in event order. */
void	 sqlbuild_batch_init(struct sqlbuild_batch *, size_t max_insert_rows);
/*
 * A batch by key, for a ghost whose only unique key is the migration key
 * and whose key has no nullable column (sqlbuild_key_nullable): then
 * changes to different keys commute, and the events of one key fold into
 * one net change, kept in the order keys were first changed:
 *
 *   INS(x)  insert x if the key is absent      (an INSERT event)
 *   SET(x)  the key holds x                     (UPDATE, or DELETE + INSERT)
 *   DEL     the key is absent                   (a DELETE event)
 *
 *   INS+INS=INS(first)  INS+SET=SET  INS+DEL=DEL
 *   SET+INS=SET         SET+SET=SET(last)  SET+DEL=DEL
 *   DEL+INS=SET         DEL+SET=SET        DEL+DEL=DEL
 *
 * An UPDATE that keeps the key is SET: the row may be missing from the
 * ghost only because the copy has not reached it yet, and the chunk that
 * copies it later keeps what is there (INSERT IGNORE); every later change
 * follows in the binlog. A key change is DEL of the old key and INS of
 * the new (as in event order). sqlbuild_batch_join then writes at most
 * three statements whatever the number of events: one delete of every DEL
 * key; one multi-row INSERT IGNORE .. ON DUPLICATE KEY UPDATE of every INS
 * row and of SET rows whose last event was an INSERT; one multi-row plain
 * INSERT .. ON DUPLICATE KEY UPDATE of SET rows whose last event was an
 * UPDATE, so that a value the UPDATE would have refused (too long for the
 * column in strict mode) fails it as it would the UPDATE, where IGNORE
 * would only truncate it with a warning. Where the key holds a row, the
 * upsert updates it in place (gh-ost's UPDATE does the same; a delete and
 * an insert cost twice that in the ghost, its indexes and the replicas).
 * An INS row that finds its key taken overwrites the row there, where
 * gh-ost's INSERT IGNORE keeps it: the same end state, because the copy
 * read that row after the INSERT committed, so every event that made it
 * differ follows in the binlog and is applied after; INSERT IGNORE was
 * gh-ost's answer to a REPLACE deleting a row on a second unique key, which
 * a keyed batch never has.
 */
void	 sqlbuild_batch_init_keyed(struct sqlbuild_batch *);
void	 sqlbuild_batch_release(struct sqlbuild_batch *);
/* Add the statements of one row event: INSERT (after) is an insert,
 * DELETE (before) a delete, UPDATE (both) an update, or a delete and an
 * insert when it changes the key. In event order, consecutive inserts, and
 * consecutive deletes, are merged into one multi-row statement up to
 * max_insert_rows; by key, see above. On -1 the batch is unchanged. */
int	 sqlbuild_batch_add(const struct sqlbuild *, struct sqlbuild_batch *,
	     enum sqlbuild_dml, const struct rowimage_row *before,
	     const struct rowimage_row *after, char **cause);
/* Append the statements joined by ";\n" (one multi-statement text), within
 * "start transaction;\n" .. ";\ncommit" when transaction is set (START
 * TRANSACTION, not BEGIN, which opens a block in a compound statement). */
void	 sqlbuild_batch_join(const struct sqlbuild_batch *, bool transaction,
	     struct buf *);
/* --panic-on-warnings: "start transaction;\ns1;\nshow warnings;\ns2;\n
 * show warnings" and so on: each statement's warnings are read before the
 * next statement clears them. The transaction is left open: the caller
 * commits once the warnings are judged, or closes the session, which rolls
 * it back. */
void	 sqlbuild_batch_join_checked(const struct sqlbuild_batch *,
	     struct buf *);
/* Statements sqlbuild_batch_join writes (not counting begin and commit). */
size_t	 sqlbuild_batch_statements(const struct sqlbuild_batch *);
/* Does a key column allow NULL (then rows are not told apart by key)? */
bool	 sqlbuild_key_nullable(const struct sqlbuild *);

/* The changelog row of hint (gh-ost WriteChangelog): heartbeat, state and
 * throttle keep rows 1, 2 and 3 and are updated in place; other hints get
 * new rows.
 *   insert into db._t_ghc (id, hint, value) values (1, 'heartbeat', '..')
 *   on duplicate key update last_update=NOW(), value=VALUES(value)
 * With row_alias (MySQL 8.0.19+, see struct sqlbuild_desc):
 *   .. values (..) as _wisp_new on duplicate key update
 *   last_update=NOW(), value=_wisp_new.value */
void	 sqlbuild_changelog(struct buf *, const char *db, const char *changelog,
	     const char *hint, const char *value, bool row_alias);
/* The explicit id of hint's row, or 0 for a new row. */
int	 sqlbuild_changelog_id(const char *hint);

/* Cut-over and table statements (gh-ost applier.go). */

/* lock tables db.t write[, db.t2 write] (t2 may be NULL) */
void	 sqlbuild_lock_tables(struct buf *, const char *db, const char *table,
	     const char *table2);
/* unlock tables */
void	 sqlbuild_unlock_tables(struct buf *);
/* rename table db.t to db.old, db.ghost to db.t: the atomic swap */
void	 sqlbuild_rename_swap(struct buf *, const char *db, const char *table,
	     const char *old, const char *ghost);
/* rename table db.t to db.ghost, db.old to db.t: undo the swap
 * (--test-on-replica) */
void	 sqlbuild_rename_rollback(struct buf *, const char *db,
	     const char *table, const char *old, const char *ghost);
/* rename table db.from to db.to */
void	 sqlbuild_rename(struct buf *, const char *db, const char *from,
	     const char *to);
/* alter table db.from rename db.to: the two-step cut-over's steps */
void	 sqlbuild_alter_rename(struct buf *, const char *db, const char *from,
	     const char *to);
/* create table db.old (id int auto_increment primary key) engine=E
 * comment='ghost-cut-over-sentry'; engine NULL is InnoDB */
void	 sqlbuild_create_sentry(struct buf *, const char *db, const char *old,
	     const char *engine);
/* `db`.`table`, allocated. */
char	*sqlbuild_qualified(const char *db, const char *table);
/* show table status from `db` like 'table' (LIKE wildcards escaped). */
void	 sqlbuild_table_status(struct buf *, const char *db, const char *table);
/* drop table if exists db.t */
void	 sqlbuild_drop_table(struct buf *, const char *db, const char *table);
/* The table's comment, no row when it does not exist: drop the _del table
 * only when this returns SQLBUILD_SENTRY_COMMENT. */
void	 sqlbuild_table_comment(struct buf *, const char *db, const char *table);

/* User-level locks. */
enum sqlbuild_lockfn {
	SQLBUILD_GET_LOCK,	/* select get_lock(name, timeout) */
	SQLBUILD_IS_USED_LOCK,	/* select is_used_lock(name) */
	SQLBUILD_RELEASE_LOCK,	/* select release_lock(name) */
};
void	 sqlbuild_user_lock(struct buf *, enum sqlbuild_lockfn, const char *name,
	     int timeout);
/* The cut-over session's lock name, "gh-ost.<id>.lock" as in gh-ost, so
 * that tools watching for it still see it; allocated. */
char	*sqlbuild_session_lock_name(uint64_t connection_id);
/* The per-table lock that keeps two migrations off one table: the name is
 * "gh-ost::db.table", or "gh-ost::" and its SHA1 in hex (computed by the
 * server) when longer than 64 bytes (gh-ost buildMigrationLockName). */
void	 sqlbuild_migration_lock(struct buf *, enum sqlbuild_lockfn,
	     const char *db, const char *table, int timeout);
/* set session <var>:=<seconds>, var being lock_wait_timeout or
 * wait_timeout; -1 for any other name. */
int	 sqlbuild_set_session_timeout(struct buf *, const char *var,
	     int64_t seconds);
/* The processlist ids other than ours (and session_id, when not 0) whose
 * state and info contain the hints: the blocked RENAME (gh-ost
 * ExpectProcess). */
void	 sqlbuild_expect_process(struct buf *, uint64_t session_id,
	     const char *state_hint, const char *info_hint);
/* A pending exclusive metadata lock of session_id on db.table
 * (performance_schema; gh-ost ExpectMetadataLock). */
void	 sqlbuild_expect_metadata_lock(struct buf *, const char *db,
	     const char *table, uint64_t session_id);

/* The checkpoint table _t_ghk (gh-ost's layout): gh_ost_chk_id,
 * gh_ost_chk_timestamp, gh_ost_chk_coords, gh_ost_chk_iteration,
 * gh_ost_rows_copied, gh_ost_dml_applied, gh_ost_is_cutover, then
 * "<key column>_min" for each key column and "<key column>_max" for each,
 * typed as the key columns of orig are (names cut to 60 bytes first). */
void	 sqlbuild_checkpoint_create(struct buf *, const char *db,
	     const char *table, const struct column_list *orig,
	     const struct unique_key *key);
/* One checkpoint row. min and max are the last copied chunk's bounds, one
 * value per key column (sqlbuild_key_ncolumns), or NULL for NULLs. */
struct sqlbuild_checkpoint {
	const char	*coords;	/* "file:pos" or a GTID set */
	int64_t		 iteration;
	int64_t		 rows_copied;
	int64_t		 dml_applied;
	bool		 is_cutover;
};
int	 sqlbuild_checkpoint_insert(const struct sqlbuild *, const char *table,
	     const struct sqlbuild_checkpoint *,
	     const struct sqlbuild_value *min, const struct sqlbuild_value *max,
	     struct buf *, char **cause);
/* The newest checkpoint row: the fixed columns in the order above, then
 * the key's min columns and max columns. */
void	 sqlbuild_checkpoint_last(struct buf *, const struct sqlbuild *,
	     const char *table);

/* Options (gh-ost applier.go, inspect.go, connection setup). */

/* show warnings */
void	 sqlbuild_show_warnings(struct buf *);
/* analyze table db.t (--analyze-ghost-table-before-cutover) */
void	 sqlbuild_analyze_table(struct buf *, const char *db, const char *table);
/* alter table db.t <clauses>, algorithm=INSTANT (--attempt-instant-ddl);
 * clauses are the user's ALTER as parsed, pasted as they are. */
void	 sqlbuild_instant_alter(struct buf *, const char *db, const char *table,
	     const char *clauses);
/* create trigger db.<ghost name> <timing> <event> on db.table for each row
 * <body> (gh-ost createTriggers, with the trigger's name qualified). -1
 * with *cause for a timing or event other than BEFORE/AFTER and
 * INSERT/UPDATE/DELETE, or no body. */
int	 sqlbuild_create_trigger(struct buf *, const char *db,
	     const char *table, const struct trigger *, char **cause);
/* drop trigger if exists db.name */
void	 sqlbuild_drop_trigger(struct buf *, const char *db, const char *name);
/* information_schema's triggers of db.table: name, timing, event, body,
 * sql_mode, definer, in firing order (timing, event, action_order). */
void	 sqlbuild_list_triggers(struct buf *, const char *db, const char *table);
/* The trigger_name and event_object_table of those of names that exist in
 * db (on any table). */
void	 sqlbuild_find_triggers(struct buf *, const char *db,
	     const char *const *names, size_t n);
/* set session sql_mode = 'mode' */
void	 sqlbuild_set_sql_mode(struct buf *, const char *mode);
/* set session transaction isolation level <level>, level being "REPEATABLE
 * READ" or "READ COMMITTED"; -1 otherwise. */
int	 sqlbuild_isolation(struct buf *, const char *level);

#endif
