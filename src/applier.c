/* applier.c: ghost and changelog tables on the applier, as dbseq steps. */
#include "common.h"

#include "alter.h"
#include "applier.h"
#include "context.h"
#include "dbconn.h"
#include "deferkeys.h"
#include "reply.h"
#include "sqlbuild.h"

#define CHANGELOG_COMMENT "gh-ost changelog"

/* "drop table if exists `db`.`t`", allocated. */
static char *
applier_drop_sql(const struct migration_ctx *ctx, const char *table)
{
	char	*q = sqlbuild_qualified(ctx->database, table), *sql;

	log_info("Dropping table %s", q);
	sql = xasprintf("drop /* wisp */ table if exists %s", q);
	free(q);
	return sql;
}

/* "show table status from `db` like 't'", allocated. */
static char *
applier_status_sql(const struct migration_ctx *ctx, const char *table)
{
	struct buf	b = BUF_INIT;

	sqlbuild_table_status(&b, ctx->database, table);
	return buf_detach(&b);
}

/* Does a "show table status" result list exactly this table? */
static bool
applier_status_has(struct dbresult *res, const char *table)
{
	const char	*name;
	size_t		 i;

	for (i = 0; i < dbresult_nrows(res); i++) {
		if ((name = dbresult_get(res, i, "Name")) != NULL &&
		    strcmp(name, table) == 0)
			return true;
	}
	return false;
}

/* The session settings gh-ost uses on the applier: a time zone, and strict
 * mode plus NO_AUTO_VALUE_ON_ZERO, so that explicit zeros in auto_increment
 * columns are kept. */
char *
applier_session_sql(const struct migration_ctx *ctx, const char *time_zone)
{
	const struct config	*cfg = ctx->cfg;
	struct buf		 b = BUF_INIT, mode = BUF_INIT;

	buf_adds(&mode, "concat(@@session.sql_mode, ',NO_AUTO_VALUE_ON_ZERO");
	if (!cfg->skip_strict_mode)
		buf_adds(&mode, ",STRICT_ALL_TABLES");
	buf_adds(&mode, "')");
	buf_adds(&b, "set /* wisp */ session time_zone = ");
	buf_add_literal(&b, time_zone, strlen(time_zone));
	if (cfg->allow_zero_in_date)
		buf_addf(&b, ", sql_mode = replace(replace(%s, 'NO_ZERO_IN_DATE', ''), "
		    "'NO_ZERO_DATE', '')", buf_str(&mode));
	else
		buf_addf(&b, ", sql_mode = %s", buf_str(&mode));
	buf_release(&mode);
	return buf_detach(&b);
}

/* ---- setup ---- */

static char *
globals_sql(void *arg)
{
	return xstrdup("select /* wisp */ @@global.time_zone, @@global.wait_timeout");
}

static int
globals_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*tz = dbresult_value(res, 0, 0);
	const char		*wt = dbresult_value(res, 0, 1);

	free(ctx->applier_time_zone);
	ctx->applier_time_zone = xstrdup(tz != NULL ? tz : "SYSTEM");
	ctx->applier_wait_timeout = wt != NULL ? strtoll(wt, NULL, 10) : 0;
	log_info("will use time_zone='%s' on applier", ctx->applier_time_zone);
	return DBSEQ_NEXT;
}

static char *
columns_on_applier_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	char			*q = sqlbuild_qualified(ctx->database, ctx->table), *sql;

	log_info("Examining table structure on applier");
	sql = xasprintf("show /* wisp */ columns from %s", q);
	free(q);
	return sql;
}

static int
columns_on_applier_done(void *arg, struct dbresult *res,
    const struct dberror *err, char **cause)
{
	struct migration_ctx	*ctx = arg;
	struct buf		 b = BUF_INIT;
	size_t			 i;

	for (i = 0; i < dbresult_nrows(res); i++) {
		if (i > 0)
			buf_addc(&b, ',');
		buf_adds(&b, dbresult_value(res, i, 0));
	}
	free(ctx->orig_columns_on_applier);
	ctx->orig_columns_on_applier = buf_detach(&b);
	return DBSEQ_NEXT;
}

static char *
drop_ghost_initially_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	if (!ctx->cfg->initially_drop_ghost_table)
		return NULL;
	return applier_drop_sql(ctx, ctx->ghost_table);
}

static char *
ghost_exists_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	return applier_status_sql(ctx, ctx->ghost_table);
}

static int
ghost_exists_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;

	if (!applier_status_has(res, ctx->ghost_table))
		return DBSEQ_NEXT;
	*cause = xasprintf("table `%s` already exists. Panicking. Use "
	    "--initially-drop-ghost-table to force dropping it, though I really "
	    "prefer that you drop it or rename it away", ctx->ghost_table);
	return DBSEQ_FAIL;
}

static char *
drop_old_initially_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	if (!ctx->cfg->initially_drop_old_table)
		return NULL;
	return applier_drop_sql(ctx, ctx->old_table);
}

static char *
old_exists_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	return applier_status_sql(ctx, ctx->old_table);
}

static int
old_exists_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*name, *comment;
	size_t			 i;

	ctx->leftover_sentry = false;
	if (!applier_status_has(res, ctx->old_table))
		return DBSEQ_NEXT;
	/* A cut-over interrupted by a kill leaves its sentry behind: an empty
	 * table with the magic comment, which no real table carries. It is
	 * ours to drop; anything else under that name is not. */
	for (i = 0; i < dbresult_nrows(res); i++) {
		name = dbresult_get(res, i, "Name");
		comment = dbresult_get(res, i, "Comment");
		if (name != NULL && strcmp(name, ctx->old_table) == 0 &&
		    comment != NULL && strcmp(comment, SQLBUILD_SENTRY_COMMENT) == 0) {
			ctx->leftover_sentry = true;
			return DBSEQ_NEXT;
		}
	}
	*cause = xasprintf("table `%s` already exists. Panicking. Use "
	    "--initially-drop-old-table to force dropping it, though I really "
	    "prefer that you drop it or rename it away", ctx->old_table);
	return DBSEQ_FAIL;
}

static char *
drop_leftover_sentry_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	if (!ctx->leftover_sentry)
		return NULL;
	log_info("Dropping the magic cut-over table `%s` an interrupted run "
	    "left behind", ctx->old_table);
	return applier_drop_sql(ctx, ctx->old_table);
}

static char *
drop_changelog_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	return applier_drop_sql(ctx, ctx->changelog_table);
}

static char *
create_changelog_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	char			*q = sqlbuild_qualified(ctx->database, ctx->changelog_table);
	char			*sql;

	log_info("Creating changelog table %s", q);
	sql = xasprintf("create /* wisp */ table %s ("
	    "id bigint unsigned auto_increment, "
	    "last_update timestamp not null default current_timestamp "
	    "on update current_timestamp, "
	    "hint varchar(64) charset ascii not null, "
	    "value varchar(4096) charset ascii not null, "
	    "primary key(id), unique key hint_uidx(hint)"
	    ") auto_increment=256 comment='%s'", q, CHANGELOG_COMMENT);
	free(q);
	return sql;
}

static int
create_changelog_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;

	/* Only a table we saw created is ours to drop. */
	ctx->created_changelog = true;
	log_info("Changelog table created");
	return DBSEQ_NEXT;
}

static char *
create_ghost_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	char			*g = sqlbuild_qualified(ctx->database, ctx->ghost_table);
	char			*o = sqlbuild_qualified(ctx->database, ctx->table), *sql;

	log_info("Creating ghost table %s", g);
	sql = xasprintf("create /* wisp */ table %s like %s", g, o);
	free(g);
	free(o);
	return sql;
}

static int
create_ghost_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;

	ctx->created_ghost = true;
	log_info("Ghost table created");
	return DBSEQ_NEXT;
}

static char *
session_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	return applier_session_sql(ctx, ctx->applier_time_zone);
}

static char *
alter_ghost_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	char			*g = sqlbuild_qualified(ctx->database, ctx->ghost_table), *sql;

	log_info("Altering ghost table %s", g);
	sql = xasprintf("alter /* wisp */ table %s %s", g, ctx->alter->clauses);
	free(g);
	log_debugf("ALTER statement: %s", sql);
	return sql;
}

static int
alter_ghost_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	log_info("Ghost table altered");
	return DBSEQ_NEXT;
}

/* The original's AUTO_INCREMENT carries over to the ghost unless the ALTER
 * sets one itself (gh-ost does the same): deleted top rows must not have
 * their ids handed out again after the swap. */
static char *
ghost_auto_increment_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	char			*q, *sql;

	if (ctx->auto_increment == 0 ||
	    (ctx->alter != NULL && ctx->alter->sets_auto_increment))
		return NULL;
	log_info("Altering ghost table AUTO_INCREMENT value");
	q = sqlbuild_qualified(ctx->database, ctx->ghost_table);
	sql = xasprintf("alter /* wisp */ table %s auto_increment=%" PRIu64, q,
	    ctx->auto_increment);
	free(q);
	return sql;
}

/* ---- --defer-secondary-indexes ---- */

static char *
show_create_ghost_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	char			*g = sqlbuild_qualified(ctx->database, ctx->ghost_table), *sql;

	sql = xasprintf("show /* wisp */ create table %s", g);
	free(g);
	return sql;
}

/* "... from `db`.`_t_ghc` where hint like 'deferred-key-%'" */
static void
deferred_where(struct buf *b, const struct migration_ctx *ctx)
{
	char	*q = sqlbuild_qualified(ctx->database, ctx->changelog_table);

	buf_addf(b, "from %s where hint like '%s%%'", q, DEFERKEYS_HINT_PREFIX);
	free(q);
}

static char *
defer_show_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	if (!ctx->cfg->defer_secondary_indexes || !ctx->cfg->execute)
		return NULL;
	return show_create_ghost_sql(arg);
}

/* Which keys the copy goes without: none, with a warning, when the table
 * does not allow it. */
static int
defer_show_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*create = dbresult_value(res, 0, 1);
	char			*why = NULL;

	deferkeys_release(&ctx->deferred);
	if (create == NULL)
		why = xstrdup("SHOW CREATE TABLE returned nothing");
	else if (deferkeys_from_create(&ctx->deferred, create, &why) == 0 &&
	    ctx->deferred.n == 0)
		why = xstrdup("it has no plain secondary key");
	if (why != NULL) {
		log_warn("--defer-secondary-indexes: the ghost table's keys are "
		    "written during the row copy: %s", why);
		free(why);
	}
	return DBSEQ_NEXT;
}

/* The definitions go to the changelog before the keys are dropped: a run
 * killed from here on leaves them for --resume to build. */
static char *
defer_record_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	struct buf		 b = BUF_INIT;
	char			*q, *hex;
	size_t			 i;

	if (ctx->deferred.n == 0)
		return NULL;
	q = sqlbuild_qualified(ctx->database, ctx->changelog_table);
	buf_addf(&b, "insert /* wisp */ into %s (hint, value) values ", q);
	free(q);
	for (i = 0; i < ctx->deferred.n; i++) {
		hex = deferkeys_hex(ctx->deferred.defs[i]);
		buf_addf(&b, "%s('%s%zu', '%s')", i == 0 ? "" : ", ",
		    DEFERKEYS_HINT_PREFIX, i + 1, hex);
		free(hex);
	}
	return buf_detach(&b);
}

static char *
defer_drop_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	struct buf		 b = BUF_INIT;

	if (ctx->deferred.n == 0)
		return NULL;
	deferkeys_drop_sql(&b, ctx->database, ctx->ghost_table, &ctx->deferred);
	return buf_detach(&b);
}

static int
defer_drop_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	char			*names = deferkeys_names(&ctx->deferred);

	log_info("Deferred %zu secondary key(s) of the ghost table until the "
	    "row copy is complete: %s", ctx->deferred.n, names);
	free(names);
	return DBSEQ_NEXT;
}

const struct dbseq_step applier_setup_steps[] = {
	{ "read applier settings", globals_sql, globals_done, 0 },
	{ "read columns on applier", columns_on_applier_sql,
	  columns_on_applier_done, 0 },
	{ "drop ghost table", drop_ghost_initially_sql, NULL, 0 },
	{ "check ghost table", ghost_exists_sql, ghost_exists_done, 0 },
	{ "drop old table", drop_old_initially_sql, NULL, 0 },
	{ "check old table", old_exists_sql, old_exists_done, 0 },
	{ "drop leftover sentry", drop_leftover_sentry_sql, NULL, 0 },
	{ "drop changelog table", drop_changelog_sql, NULL, 0 },
	{ "create changelog table", create_changelog_sql, create_changelog_done, 0 },
	/* gh-ost's session (time zone, sql_mode with --skip-strict-mode and
	 * --allow-zero-in-date) for both ghost statements: CREATE .. LIKE
	 * already refuses a zero default under NO_ZERO_DATE. */
	{ "set session", session_sql, NULL, 0 },
	{ "create ghost table", create_ghost_sql, create_ghost_done, 0 },
	{ "alter ghost table", alter_ghost_sql, alter_ghost_done, 0 },
	{ "ghost auto_increment", ghost_auto_increment_sql, NULL, 0 },
	{ "read ghost keys", defer_show_sql, defer_show_done, 0 },
	{ "record deferred keys", defer_record_sql, NULL, 0 },
	{ "drop deferred keys", defer_drop_sql, defer_drop_done, 0 },
};
const size_t applier_nsetup_steps = nitems(applier_setup_steps);

/* ---- after the row copy: build the deferred keys ---- */

static char *
keys_read_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	struct buf		 b = BUF_INIT;

	buf_adds(&b, "select /* wisp */ value ");
	deferred_where(&b, ctx);
	buf_adds(&b, " order by id");
	return buf_detach(&b);
}

/* The changelog's definitions; none (the usual case): nothing to do. */
static int
keys_read_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*v;
	char			*def;
	size_t			 i;

	deferkeys_release(&ctx->deferred);
	for (i = 0; i < dbresult_nrows(res); i++) {
		v = dbresult_value(res, i, 0);
		def = v != NULL ? deferkeys_unhex(v) : NULL;
		if (def == NULL || deferkeys_add(&ctx->deferred, def) != 0) {
			*cause = xasprintf("the changelog table %s holds a "
			    "deferred key that does not read as one: '%s'",
			    ctx->changelog_table, v != NULL ? v : "NULL");
			free(def);
			return DBSEQ_FAIL;
		}
		free(def);
	}
	return ctx->deferred.n > 0 ? DBSEQ_NEXT : DBSEQ_STOP;
}

/* The keys not there yet (a resumed run may find some built). */
static int
keys_show_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;

	deferkeys_release(&ctx->to_build);
	deferkeys_missing(&ctx->deferred, dbresult_value(res, 0, 1),
	    &ctx->to_build);
	return DBSEQ_NEXT;
}

/* MariaDB 10.8+ logs the build as START ALTER when it begins and COMMIT
 * ALTER when it ends: a replica with parallel replication then builds the
 * keys at the same time as the master and its replication goes on
 * meanwhile, instead of stopping for the whole build after the master has
 * finished it. Elsewhere (or without the privilege) the build is logged
 * as one statement, as any ALTER. */
static char *
keys_two_phase_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	const struct server_info *si = &ctx->applier;

	if (ctx->to_build.n == 0 || !si->is_mariadb ||
	    si->major * 100 + si->minor < 1008)
		return NULL;
	return xstrdup("set /* wisp */ session binlog_alter_two_phase = 1");
}

static int
keys_two_phase_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	char	*text;

	if (err != NULL) {
		text = dbseq_error_text(err);
		log_info("The ghost's keys are built as one logged ALTER "
		    "(binlog_alter_two_phase: %s)", text);
		free(text);
	}
	return DBSEQ_NEXT;
}

static char *
keys_build_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	struct buf		 b = BUF_INIT;
	char			*names;

	if (ctx->to_build.n == 0)
		return NULL;
	names = deferkeys_names(&ctx->to_build);
	log_info("Building %zu deferred secondary key(s) on the ghost table: "
	    "%s", ctx->to_build.n, names);
	free(names);
	deferkeys_build_sql(&b, ctx->database, ctx->ghost_table, &ctx->to_build);
	return buf_detach(&b);
}

/* A server error here is final (the same statement would fail again); a
 * lost connection is retried by the engine. */
static int
keys_build_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	char			*text;

	if (err == NULL)
		return DBSEQ_NEXT;
	ctx->keys_failed_hard = !dberror_is_connection_lost(err);
	text = dbseq_error_text(err);
	*cause = xasprintf("building the ghost table's deferred keys failed: %s",
	    text);
	free(text);
	return DBSEQ_FAIL;
}

/* Every deferred key must be there before any cut-over. */
static int
keys_check_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	struct deferkeys	 missing;

	deferkeys_init(&missing);
	deferkeys_missing(&ctx->deferred, dbresult_value(res, 0, 1), &missing);
	if (missing.n > 0) {
		ctx->keys_failed_hard = true;
		*cause = xasprintf("the ghost table has no key `%s` after "
		    "building its deferred keys; refusing cut-over",
		    missing.names[0]);
	}
	deferkeys_release(&missing);
	return *cause != NULL ? DBSEQ_FAIL : DBSEQ_NEXT;
}

static char *
keys_forget_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	struct buf		 b = BUF_INIT;

	buf_adds(&b, "delete /* wisp */ ");
	deferred_where(&b, ctx);
	return buf_detach(&b);
}

const struct dbseq_step applier_keys_steps[] = {
	{ "read deferred keys", keys_read_sql, keys_read_done, 0 },
	{ "read ghost keys", show_create_ghost_sql, keys_show_done, 0 },
	{ "log the build in two phases", keys_two_phase_sql,
	  keys_two_phase_done, DBSEQ_TOLERATE_ERROR },
	{ "build deferred keys", keys_build_sql, keys_build_done,
	  DBSEQ_TOLERATE_ERROR },
	{ "check ghost keys", show_create_ghost_sql, keys_check_done, 0 },
	{ "forget deferred keys", keys_forget_sql, NULL, 0 },
};
const size_t applier_nkeys_steps = nitems(applier_keys_steps);

/* ---- --resume: the tables of the interrupted run must be there ---- */

/* A table the run needs must exist: 0, or -1 with "<what>: table `t` does
 * not exist". */
static int
applier_must_exist(struct dbresult *res, const char *table, const char *what,
    char **cause)
{
	if (applier_status_has(res, table))
		return DBSEQ_NEXT;
	*cause = xasprintf("%s: table `%s` does not exist", what, table);
	return DBSEQ_FAIL;
}

static int
resume_ghost_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;

	return applier_must_exist(res, ctx->ghost_table, "unable to resume",
	    cause);
}

static char *
changelog_exists_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	return applier_status_sql(ctx, ctx->changelog_table);
}

static int
resume_changelog_done(void *arg, struct dbresult *res,
    const struct dberror *err, char **cause)
{
	struct migration_ctx	*ctx = arg;

	return applier_must_exist(res, ctx->changelog_table, "unable to resume",
	    cause);
}

static char *
checkpoint_exists_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	return applier_status_sql(ctx, ctx->checkpoint_table);
}

static int
resume_checkpoint_done(void *arg, struct dbresult *res,
    const struct dberror *err, char **cause)
{
	struct migration_ctx	*ctx = arg;

	return applier_must_exist(res, ctx->checkpoint_table,
	    "no checkpoint found, unable to resume", cause);
}

/* The ghost, the changelog and the checkpoints are kept as they are:
 * --initially-drop-ghost-table does not apply. */
const struct dbseq_step applier_resume_steps[] = {
	{ "read applier settings", globals_sql, globals_done, 0 },
	{ "read columns on applier", columns_on_applier_sql,
	  columns_on_applier_done, 0 },
	{ "check ghost table", ghost_exists_sql, resume_ghost_done, 0 },
	{ "check changelog table", changelog_exists_sql, resume_changelog_done,
	  0 },
	{ "check checkpoint table", checkpoint_exists_sql,
	  resume_checkpoint_done, 0 },
	{ "drop old table", drop_old_initially_sql, NULL, 0 },
	{ "check old table", old_exists_sql, old_exists_done, 0 },
	{ "drop leftover sentry", drop_leftover_sentry_sql, NULL, 0 },
	{ "set session", session_sql, NULL, 0 },
};
const size_t applier_nresume_steps = nitems(applier_resume_steps);

/* ---- --revert: the old table takes the ghost's place ---- */

static int
revert_ghost_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;

	return applier_must_exist(res, ctx->ghost_table,
	    "unable to revert: --old-table", cause);
}

/* The old table is kept as it is (it is what goes back in place); a fresh
 * changelog carries the heartbeat and the cut-over marker. */
const struct dbseq_step applier_revert_steps[] = {
	{ "read applier settings", globals_sql, globals_done, 0 },
	{ "read columns on applier", columns_on_applier_sql,
	  columns_on_applier_done, 0 },
	{ "check old table to revert to", ghost_exists_sql, revert_ghost_done,
	  0 },
	{ "check checkpoint table", checkpoint_exists_sql,
	  resume_checkpoint_done, 0 },
	{ "drop old table", drop_old_initially_sql, NULL, 0 },
	{ "check old table", old_exists_sql, old_exists_done, 0 },
	{ "drop leftover sentry", drop_leftover_sentry_sql, NULL, 0 },
	{ "drop changelog table", drop_changelog_sql, NULL, 0 },
	{ "create changelog table", create_changelog_sql, create_changelog_done, 0 },
	{ "set session", session_sql, NULL, 0 },
};
const size_t applier_nrevert_steps = nitems(applier_revert_steps);

/* ---- cleanup after a noop ---- */

static int
show_create_ghost_done(void *arg, struct dbresult *res,
    const struct dberror *err, char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*v = dbresult_value(res, 0, 1);

	free(ctx->ghost_create_statement);
	ctx->ghost_create_statement = v != NULL ? xstrdup(v) : NULL;
	return DBSEQ_NEXT;
}

static char *
drop_ghost_if_created_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	if (!ctx->created_ghost)
		return NULL;
	return applier_drop_sql(ctx, ctx->ghost_table);
}

static int
drop_ghost_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;

	ctx->created_ghost = false;
	return DBSEQ_NEXT;
}

static char *
drop_changelog_if_created_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	if (!ctx->created_changelog)
		return NULL;
	return applier_drop_sql(ctx, ctx->changelog_table);
}

static int
drop_changelog_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;

	ctx->created_changelog = false;
	return DBSEQ_NEXT;
}

const struct dbseq_step applier_cleanup_steps[] = {
	{ "show ghost table", show_create_ghost_sql, show_create_ghost_done, 0 },
	{ "drop changelog table", drop_changelog_if_created_sql,
	  drop_changelog_done, 0 },
	{ "drop ghost table", drop_ghost_if_created_sql, drop_ghost_done, 0 },
};
const size_t applier_ncleanup_steps = nitems(applier_cleanup_steps);

const struct dbseq_step applier_abort_steps[] = {
	{ "drop ghost table", drop_ghost_if_created_sql, drop_ghost_done, 0 },
	{ "drop changelog table", drop_changelog_if_created_sql,
	  drop_changelog_done, 0 },
};
const size_t applier_nabort_steps = nitems(applier_abort_steps);

/* ---- ANALYZE TABLE on the ghost (--analyze-ghost-table-before-cutover) ---- */

static char *
analyze_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	struct buf		 b = BUF_INIT;
	char			*q = sqlbuild_qualified(ctx->database, ctx->ghost_table);

	log_info("Running ANALYZE TABLE on ghost table %s before cut-over", q);
	free(q);
	sqlbuild_analyze_table(&b, ctx->database, ctx->ghost_table);
	return buf_detach(&b);
}

/* The statement's error or the rows' verdict (gh-ost AnalyzeGhostTable). */
static int
analyze_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	size_t			 i, n = dbresult_nrows(res);
	const char		**types, **texts;
	char			*text;
	int			 rc;

	if (err != NULL) {
		text = dbseq_error_text(err);
		*cause = xasprintf("ANALYZE TABLE on ghost `%s` failed; refusing "
		    "cut-over: %s", ctx->ghost_table, text);
		free(text);
		return DBSEQ_FAIL;
	}
	types = xcalloc(n + 1, sizeof *types);
	texts = xcalloc(n + 1, sizeof *texts);
	for (i = 0; i < n; i++) {
		types[i] = dbresult_get(res, i, "Msg_type");
		texts[i] = dbresult_get(res, i, "Msg_text");
	}
	rc = reply_analyze(ctx->ghost_table, types, texts, n, cause);
	free(types);
	free(texts);
	return rc == 0 ? DBSEQ_NEXT : DBSEQ_FAIL;
}

const struct dbseq_step applier_analyze_steps[] = {
	{ "analyze ghost table", analyze_sql, analyze_done,
	  DBSEQ_TOLERATE_ERROR },
};
const size_t applier_nanalyze_steps = nitems(applier_analyze_steps);
