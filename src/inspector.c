/* inspector.c: checks of the servers and the original table, as dbseq steps. */
#include "common.h"

#include "column.h"
#include "context.h"
#include "dbconn.h"
#include "inspector.h"
#include "sqlbuild.h"
#include "trigger.h"

/* Replication statements and columns were renamed in MySQL 8.0.22; MariaDB
 * and older MySQL keep the SLAVE words. */
static bool
inspector_new_terms(const struct server_info *si)
{
	return server_info_mysql_since(si, 8, 0, 22);
}

/* A replica-status value by either of its names. */
static const char *
inspector_status_get(const struct dbresult *res, const char *old_name,
    const char *new_name)
{
	const char	*v;

	if ((v = dbresult_get(res, 0, new_name)) != NULL)
		return v;
	return dbresult_get(res, 0, old_name);
}

/* Is a 0/1/ON/OFF value true? */
static bool
inspector_truthy(const char *v)
{
	return v != NULL && (strcmp(v, "1") == 0 || strcasecmp(v, "ON") == 0 ||
	    strcasecmp(v, "YES") == 0);
}

/* A quoted literal, allocated. */
static char *
inspector_literal(const char *s)
{
	struct buf	b = BUF_INIT;

	buf_add_literal(&b, s, strlen(s));
	return buf_detach(&b);
}

/* ---- probe steps (arg: struct server_probe) ---- */

/* --aliyun-rds, --gcp, --azure: the servers report no port, or another
 * one than clients use, so gh-ost neither reads @@port nor the server's
 * own hostname:port there. */
static bool
inspector_cloud(const struct config *cfg)
{
	return cfg->aliyun_rds || cfg->gcp || cfg->azure;
}

/* In the cloud the server is known by the address we connected to, and
 * its port is taken as the one we used (so it always validates). */
static void
probe_cloud_identity(struct server_probe *p)
{
	free(p->si->implied_key);
	p->si->implied_key = xstrdup(p->si->key);
	if (!p->ctx->cfg->skip_port_validation)
		log_info("%s connection validated on %s", p->name, p->si->key);
}

static char *
probe_version_sql(void *arg)
{
	return xstrdup("select /* wisp */ @@global.version");
}

static int
probe_version_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct server_probe	*p = arg;

	server_info_set_version(p->si, dbresult_value(res, 0, 0));
	return DBSEQ_NEXT;
}

static char *
probe_extra_port_sql(void *arg)
{
	return xstrdup("select /* wisp */ @@global.extra_port");
}

static int
probe_extra_port_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct server_probe	*p = arg;
	const char		*v;

	/* Not every server has extra_port; its absence is fine. */
	p->extra_port = 0;
	if (err == NULL && (v = dbresult_value(res, 0, 0)) != NULL)
		p->extra_port = strtoll(v, NULL, 10);
	if (inspector_cloud(p->ctx->cfg))
		probe_cloud_identity(p);
	return DBSEQ_NEXT;
}

static char *
probe_identity_sql(void *arg)
{
	struct server_probe	*p = arg;

	if (inspector_cloud(p->ctx->cfg))
		return NULL;	/* probe_cloud_identity did it */
	return xstrdup("select /* wisp */ @@global.hostname, @@global.port");
}

static int
probe_identity_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct server_probe	*p = arg;
	const struct config	*cfg = p->ctx->cfg;
	const char		*host = dbresult_value(res, 0, 0);
	const char		*port = dbresult_value(res, 0, 1);
	int64_t			 reported = port != NULL ? strtoll(port, NULL, 10) : 0;

	free(p->si->implied_key);
	p->si->implied_key = xasprintf("%s:%s", host != NULL ? host : "",
	    port != NULL ? port : "");
	if (cfg->skip_port_validation)
		return DBSEQ_NEXT;
	if (reported == p->port || (p->extra_port > 0 && p->extra_port == p->port)) {
		log_info("%s connection validated on %s", p->name, p->si->key);
		return DBSEQ_NEXT;
	}
	if (p->extra_port == 0)
		*cause = xasprintf("unexpected database port reported: %" PRId64,
		    reported);
	else
		*cause = xasprintf("unexpected database port reported: %" PRId64
		    " / extra_port: %" PRId64, reported, p->extra_port);
	return DBSEQ_FAIL;
}

static char *
probe_replica_sql(void *arg)
{
	struct server_probe	*p = arg;

	return xstrdup(inspector_new_terms(p->si) ? "show /* wisp */ replica status" :
	    "show /* wisp */ slave status");
}

static int
probe_replica_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct server_probe	*p = arg;
	const char		*file, *io, *sql, *host, *port;

	p->is_replica = false;
	free(p->master_host);
	p->master_host = NULL;
	if (dbresult_nrows(res) == 0)
		return DBSEQ_NEXT;
	/* An empty log file means a leftover configuration (RESET SLAVE
	 * without ALL): not a replica. */
	file = inspector_status_get(res, "Master_Log_File", "Source_Log_File");
	if (file == NULL || *file == '\0')
		return DBSEQ_NEXT;
	io = inspector_status_get(res, "Slave_IO_Running", "Replica_IO_Running");
	sql = inspector_status_get(res, "Slave_SQL_Running", "Replica_SQL_Running");
	if (io == NULL || sql == NULL || strcmp(io, "Yes") != 0 ||
	    strcmp(sql, "Yes") != 0) {
		bool newt = inspector_new_terms(p->si);

		*cause = xasprintf("replication on %s is broken: %s: %s, %s: %s. "
		    "Please make sure replication runs before using gh-ost",
		    p->si->key, newt ? "Replica_IO_Running" : "Slave_IO_Running",
		    io != NULL ? io : "", newt ? "Replica_SQL_Running" :
		    "Slave_SQL_Running", sql != NULL ? sql : "");
		return DBSEQ_FAIL;
	}
	host = inspector_status_get(res, "Master_Host", "Source_Host");
	port = inspector_status_get(res, "Master_Port", "Source_Port");
	if (host == NULL || *host == '\0')
		return DBSEQ_NEXT;
	p->is_replica = true;
	p->master_host = xstrdup(host);
	p->master_port = port != NULL ? atoi(port) : 3306;
	return DBSEQ_NEXT;
}

const struct dbseq_step inspector_probe_steps[] = {
	{ "read version", probe_version_sql, probe_version_done, 0 },
	{ "read extra_port", probe_extra_port_sql, probe_extra_port_done,
	  DBSEQ_TOLERATE_ERROR },
	{ "validate port", probe_identity_sql, probe_identity_done, 0 },
	{ "read replication status", probe_replica_sql, probe_replica_done, 0 },
};
const size_t inspector_nprobe_steps = nitems(inspector_probe_steps);

/* Free what a probe holds. */
void
server_probe_release(struct server_probe *p)
{
	free(p->master_host);
	p->master_host = NULL;
}

/* ---- inspect steps (arg: struct migration_ctx) ---- */

static char *
grants_sql(void *arg)
{
	return xstrdup("show /* wisp */ grants for current_user()");
}

/* Does s contain every one of the NULL-terminated words? */
static bool
contains_all(const char *s, const char **words)
{
	for (; *words != NULL; words++) {
		if (strstr(s, *words) == NULL)
			return false;
	}
	return true;
}

static int
grants_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	static const char *privs[] = { "ALTER", "CREATE", "DELETE", "DROP",
	    "INDEX", "INSERT", "LOCK TABLES", "SELECT", "TRIGGER", "UPDATE",
	    NULL };
	struct migration_ctx	*ctx = arg;
	bool			 all = false, super = false, client = false;
	bool			 slave = false, dball = false;
	char			*on_db, *on_db_esc, *on_db_all, *on_db_all_esc;
	const char		*g;
	struct buf		 esc = BUF_INIT;
	size_t			 i;

	for (g = ctx->database; *g != '\0'; g++) {
		if (*g == '_')
			buf_addc(&esc, '\\');
		buf_addc(&esc, *g);
	}
	on_db = xasprintf(" ON `%s`.*", ctx->database);
	on_db_esc = xasprintf(" ON `%s`.*", buf_str(&esc));
	on_db_all = xasprintf("GRANT ALL PRIVILEGES ON `%s`.*", ctx->database);
	on_db_all_esc = xasprintf("GRANT ALL PRIVILEGES ON `%s`.*", buf_str(&esc));
	for (i = 0; i < dbresult_nrows(res); i++) {
		if ((g = dbresult_value(res, i, 0)) == NULL)
			continue;
		if (strstr(g, "GRANT ALL PRIVILEGES ON *.*") != NULL)
			all = true;
		if (strstr(g, "SUPER") != NULL && strstr(g, " ON *.*") != NULL)
			super = true;
		/* MariaDB 10.5 renamed REPLICATION CLIENT to BINLOG MONITOR. */
		if ((strstr(g, "REPLICATION CLIENT") != NULL ||
		    strstr(g, "BINLOG MONITOR") != NULL) && strstr(g, " ON *.*") != NULL)
			client = true;
		if ((strstr(g, "REPLICATION SLAVE") != NULL ||
		    strstr(g, "REPLICATION REPLICA") != NULL) &&
		    strstr(g, " ON *.*") != NULL)
			slave = true;
		if (strstr(g, on_db_all) != NULL || strstr(g, on_db_all_esc) != NULL)
			dball = true;
		if (contains_all(g, privs) && (strstr(g, " ON *.*") != NULL ||
		    strstr(g, on_db) != NULL || strstr(g, on_db_esc) != NULL))
			dball = true;
	}
	free(on_db);
	free(on_db_esc);
	free(on_db_all);
	free(on_db_all_esc);
	buf_release(&esc);
	ctx->has_super = super || all;
	if (all) {
		log_info("User has ALL privileges");
		return DBSEQ_NEXT;
	}
	if ((super || client) && slave && dball) {
		log_info("User has %s, REPLICATION SLAVE privileges, and has ALL "
		    "privileges on `%s`.*", super ? "SUPER" : "REPLICATION CLIENT",
		    ctx->database);
		return DBSEQ_NEXT;
	}
	log_debugf("Privileges: Super: %d, REPLICATION CLIENT: %d, REPLICATION "
	    "SLAVE: %d, ALL on *.*: %d, ALL on db: %d", super, client, slave, all,
	    dball);
	*cause = xasprintf("user has insufficient privileges for migration. "
	    "Needed: SUPER|REPLICATION CLIENT, REPLICATION SLAVE and ALL on `%s`.*",
	    ctx->database);
	return DBSEQ_FAIL;
}

static char *
binlogs_sql(void *arg)
{
	return xstrdup("select /* wisp */ @@global.log_bin, @@global.binlog_format, "
	    "@@global.log_slave_updates");
}

static int
binlogs_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*log_bin = dbresult_value(res, 0, 0);
	const char		*format = dbresult_value(res, 0, 1);

	free(ctx->binlog_format);
	ctx->binlog_format = xstrdup(format != NULL ? format : "");
	ctx->log_slave_updates = inspector_truthy(dbresult_value(res, 0, 2));
	if (!inspector_truthy(log_bin)) {
		*cause = xasprintf("%s must have binary logs enabled",
		    ctx->inspector.key);
		return DBSEQ_FAIL;
	}
	if (strcasecmp(ctx->binlog_format, "ROW") != 0 &&
	    !ctx->cfg->switch_to_rbr) {
		*cause = xasprintf("you must be using ROW binlog format. I can "
		    "switch it for you, provided --switch-to-rbr and that %s "
		    "doesn't have replicas", ctx->inspector.key);
		return DBSEQ_FAIL;
	}
	return DBSEQ_NEXT;
}

/* --switch-to-rbr and the format is not ROW: gh-ost switches it. */
static bool
switch_wanted(const struct migration_ctx *ctx)
{
	return ctx->cfg->switch_to_rbr && ctx->binlog_format != NULL &&
	    strcasecmp(ctx->binlog_format, "ROW") != 0;
}

/* Switching is only safe on a server nobody replicates from: its own
 * replicas would get row events they may not be set up for. */
static char *
count_replicas_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	if (!switch_wanted(ctx))
		return NULL;
	return xstrdup(inspector_new_terms(&ctx->inspector) ?
	    "show /* wisp */ replicas" : "show /* wisp */ slave hosts");
}

static int
count_replicas_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;

	if (dbresult_nrows(res) > 0) {
		*cause = xasprintf("%s has %s binlog_format, but I'm too scared to "
		    "change it to ROW because it has replicas. Bailing out",
		    ctx->inspector.key, ctx->binlog_format);
		return DBSEQ_FAIL;
	}
	log_info("%s has %s binlog_format. I will change it to ROW, and will NOT "
	    "change it back, even in the event of failure.", ctx->inspector.key,
	    ctx->binlog_format);
	return DBSEQ_NEXT;
}

static char *
switch_global_sql(void *arg)
{
	if (!switch_wanted(arg))
		return NULL;
	return xstrdup("set /* wisp */ global binlog_format='ROW'");
}

static char *
switch_session_sql(void *arg)
{
	if (!switch_wanted(arg))
		return NULL;
	return xstrdup("set /* wisp */ session binlog_format='ROW'");
}

static int
switch_session_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	/* The replication restart that follows makes the SQL thread log
	 * with it. */
	log_debugf("'ROW' binlog format applied");
	return DBSEQ_NEXT;
}

static char *
row_image_sql(void *arg)
{
	return xstrdup("select /* wisp */ @@global.binlog_row_image");
}

static int
row_image_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*v = dbresult_value(res, 0, 0);
	char			*p;

	free(ctx->binlog_row_image);
	ctx->binlog_row_image = xstrdup(v != NULL ? v : "");
	for (p = ctx->binlog_row_image; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	if (strcmp(ctx->binlog_row_image, "FULL") != 0) {
		*cause = xasprintf("%s has '%s' binlog_row_image, and only 'FULL' "
		    "is supported. This operation cannot proceed. You may `set "
		    "global binlog_row_image='full'` and try again",
		    ctx->inspector.key, ctx->binlog_row_image);
		return DBSEQ_FAIL;
	}
	log_info("binary logs validated on %s", ctx->inspector.key);
	return DBSEQ_NEXT;
}

/* gh-ost restarts replication on the inspected replica, so that the SQL
 * thread is sure to log with the ROW format it just checked; --assume-rbr
 * skips this (and the SUPER privilege it needs). The format is the SQL
 * thread's session setting, taken from the global one when the thread
 * starts, so only that thread is restarted: START SLAVE then starts it
 * (and the I/O thread, if it was stopped). gh-ost stops the I/O thread
 * too; its reconnection makes the master look the replica's GTID
 * position up by reading its binlog file from the start, and nothing the
 * migration writes reaches the replica meanwhile (measured here with a
 * 190 MB file: 0.23 s, 0.57 s out of the page cache; restarting the SQL
 * thread alone, 0.02 s). */
static bool
restart_wanted(const struct migration_ctx *ctx)
{
	return ctx->inspector_is_replica && !ctx->cfg->assume_rbr;
}

static char *
stop_replica_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	if (!restart_wanted(ctx))
		return NULL;
	log_info("Restarting replication on %s to make sure binlog settings "
	    "apply to replication thread", ctx->inspector.key);
	return xstrdup(inspector_new_terms(&ctx->inspector) ?
	    "stop /* wisp */ replica sql_thread" :
	    "stop /* wisp */ slave sql_thread");
}

static char *
start_replica_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	if (!restart_wanted(ctx))
		return NULL;
	return xstrdup(inspector_new_terms(&ctx->inspector) ?
	    "start /* wisp */ replica" : "start /* wisp */ slave");
}

static char *
replica_running_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;

	if (!restart_wanted(ctx))
		return NULL;
	return xstrdup(inspector_new_terms(&ctx->inspector) ?
	    "show /* wisp */ replica status" : "show /* wisp */ slave status");
}

static int
replica_running_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*io, *sql;

	io = inspector_status_get(res, "Slave_IO_Running", "Replica_IO_Running");
	sql = inspector_status_get(res, "Slave_SQL_Running", "Replica_SQL_Running");
	if (io != NULL && sql != NULL && strcmp(io, "Yes") == 0 &&
	    strcmp(sql, "Yes") == 0) {
		ctx->restart_polls = 0;
		log_debugf("Replication restarted");
		return DBSEQ_NEXT;
	}
	if (++ctx->restart_polls < 300)	/* 30 s at 100 ms */
		return DBSEQ_AGAIN;
	ctx->restart_polls = 0;
	*cause = xasprintf("replication did not restart within the maximum wait "
	    "time of 30s on %s", ctx->inspector.key);
	return DBSEQ_FAIL;
}

static char *
table_status_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	struct buf		 b = BUF_INIT;

	sqlbuild_table_status(&b, ctx->database, ctx->table);
	return buf_detach(&b);
}

static int
table_status_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*engine, *rows, *comment;
	char			*q;
	size_t			 i;

	for (i = 0; i < dbresult_nrows(res); i++) {
		if (strcmp(dbresult_get(res, i, "Name"), ctx->table) != 0)
			continue;
		q = sqlbuild_qualified(ctx->database, ctx->table);
		comment = dbresult_get(res, i, "Comment");
		engine = dbresult_get(res, i, "Engine");
		if (engine == NULL && comment != NULL && strcmp(comment, "VIEW") == 0) {
			*cause = xasprintf("%s is a VIEW, not a real table. "
			    "Bailing out", q);
			free(q);
			return DBSEQ_FAIL;
		}
		free(q);
		free(ctx->table_engine);
		ctx->table_engine = xstrdup(engine != NULL ? engine : "");
		rows = dbresult_get(res, i, "Rows");
		ctx->rows_estimate = rows != NULL ? strtoll(rows, NULL, 10) : 0;
		log_info("Table found. Engine=%s", ctx->table_engine);
		log_debugf("Estimated number of rows via STATUS: %" PRId64,
		    ctx->rows_estimate);
		return DBSEQ_NEXT;
	}
	q = sqlbuild_qualified(ctx->database, ctx->table);
	*cause = xasprintf("cannot find table %s!", q);
	free(q);
	return DBSEQ_FAIL;
}

static char *
foreign_keys_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	char			*db, *t, *sql;

	if (ctx->cfg->skip_foreign_key_checks) {
		log_warn("--skip-foreign-key-checks provided: will not check for "
		    "foreign keys");
		return NULL;
	}
	db = inspector_literal(ctx->database);
	t = inspector_literal(ctx->table);
	sql = xasprintf("select /* wisp */ "
	    "coalesce(sum(table_schema=%s and table_name=%s), 0), "
	    "coalesce(sum(referenced_table_schema=%s and referenced_table_name=%s), 0) "
	    "from information_schema.key_column_usage "
	    "where referenced_table_name is not null and "
	    "((table_schema=%s and table_name=%s) or "
	    "(referenced_table_schema=%s and referenced_table_name=%s))",
	    db, t, db, t, db, t, db, t);
	free(db);
	free(t);
	return sql;
}

static int
foreign_keys_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*c = dbresult_value(res, 0, 0);
	const char		*p = dbresult_value(res, 0, 1);
	long			 child = c != NULL ? atol(c) : 0;
	long			 parent = p != NULL ? atol(p) : 0;
	char			*q;

	q = sqlbuild_qualified(ctx->database, ctx->table);
	if (parent > 0) {
		*cause = xasprintf("found %ld parent-side foreign keys on %s. "
		    "Parent-side foreign keys are not supported. Bailing out",
		    parent, q);
		free(q);
		return DBSEQ_FAIL;
	}
	if (child > 0 && ctx->cfg->discard_foreign_keys) {
		/* CREATE TABLE .. LIKE does not copy foreign keys. */
		free(q);
		log_debugf("Foreign keys found and will be dropped, as per given "
		    "--discard-foreign-keys flag");
		return DBSEQ_NEXT;
	}
	if (child > 0) {
		*cause = xasprintf("found %ld child-side foreign keys on %s. "
		    "Child-side foreign keys are not supported. Bailing out",
		    child, q);
		free(q);
		return DBSEQ_FAIL;
	}
	free(q);
	log_debugf("Validated no foreign keys exist on table");
	return DBSEQ_NEXT;
}

static char *
triggers_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	char			*db, *t, *sql;

	db = inspector_literal(ctx->database);
	t = inspector_literal(ctx->table);
	sql = xasprintf("select /* wisp */ count(*) from information_schema.triggers "
	    "where trigger_schema=%s and event_object_table=%s", db, t);
	free(db);
	free(t);
	return sql;
}

static int
triggers_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*v = dbresult_value(res, 0, 0);
	char			*q;

	ctx->ntriggers = v != NULL ? atol(v) : 0;
	if (ctx->ntriggers == 0) {
		log_debugf("Validated no triggers exist on table");
		return DBSEQ_NEXT;
	}
	q = sqlbuild_qualified(ctx->database, ctx->table);
	if (ctx->cfg->include_triggers) {
		log_info("Found %" PRId64 " triggers on %s.", ctx->ntriggers, q);
		free(q);
		return DBSEQ_NEXT;
	}
	*cause = xasprintf("found triggers on %s. Tables with triggers are "
	    "supported only when using \"include-triggers\" flag. Bailing out", q);
	free(q);
	return DBSEQ_FAIL;
}

/* --include-triggers: what the triggers are, for their copies. */
static char *
read_triggers_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	struct buf		 b = BUF_INIT;

	if (ctx->ntriggers == 0 || !ctx->cfg->include_triggers)
		return NULL;
	sqlbuild_list_triggers(&b, ctx->database, ctx->table);
	return buf_detach(&b);
}

static int
read_triggers_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	struct trigger		*t;
	struct buf		 b = BUF_INIT;
	size_t			 i;

	trigger_list_release(&ctx->triggers);
	for (i = 0; i < dbresult_nrows(res); i++) {
		t = trigger_list_add(&ctx->triggers, dbresult_value(res, i, 0),
		    dbresult_value(res, i, 1), dbresult_value(res, i, 2),
		    dbresult_value(res, i, 3), dbresult_value(res, i, 4),
		    dbresult_value(res, i, 5), ctx->cfg->trigger_suffix,
		    ctx->cfg->remove_trigger_suffix_if_exists);
		/* Refuse now what the cut-over could not recreate. */
		if (sqlbuild_create_trigger(&b, ctx->database, ctx->ghost_table,
		    t, cause) != 0) {
			buf_release(&b);
			return DBSEQ_FAIL;
		}
		buf_reset(&b);
	}
	buf_release(&b);
	return DBSEQ_NEXT;
}

/* Do the copies' names exist in the schema already (on any table)? */
static char *
ghost_triggers_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	struct buf		 b = BUF_INIT;
	const char		**names;
	size_t			 i;

	if (ctx->triggers.n == 0)
		return NULL;
	names = xcalloc(ctx->triggers.n, sizeof *names);
	for (i = 0; i < ctx->triggers.n; i++)
		names[i] = ctx->triggers.v[i].ghost_name;
	sqlbuild_find_triggers(&b, ctx->database, names, ctx->triggers.n);
	free(names);
	return buf_detach(&b);
}

/* gh-ost's validateGhostTriggersDontExist, then
 * validateGhostTriggersLength; and a name the suffix rules leave empty. */
static int
ghost_triggers_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	struct trigger_list	*l = &ctx->triggers;
	bool			*pick, any = false;
	const char		*found, *on;
	char			*names;
	size_t			 i, j;
	int			 rc = DBSEQ_NEXT;

	pick = xcalloc(l->n, sizeof *pick);
	for (i = 0; i < l->n; i++) {
		for (j = 0; j < dbresult_nrows(res); j++) {
			found = dbresult_value(res, j, 0);
			on = dbresult_value(res, j, 1);
			if (found == NULL ||
			    strcasecmp(found, l->v[i].ghost_name) != 0)
				continue;
			/* A failed run's ghost, dropped with its triggers by
			 * --initially-drop-ghost-table, is no conflict. */
			if (ctx->cfg->initially_drop_ghost_table && on != NULL &&
			    strcmp(on, ctx->ghost_table) == 0)
				continue;
			pick[i] = any = true;
		}
	}
	if (any) {
		names = trigger_ghost_names(l, pick);
		*cause = xasprintf("found gh-ost triggers (%s). Please use a "
		    "different suffix or drop them. Bailing out", names);
		free(names);
		rc = DBSEQ_FAIL;
		goto out;
	}
	for (i = 0; i < l->n; i++) {
		pick[i] = !trigger_name_fits(l->v[i].ghost_name);
		any = any || pick[i];
	}
	if (any) {
		names = trigger_ghost_names(l, pick);
		*cause = xasprintf("gh-ost triggers (%s) length > %d characters. "
		    "Bailing out", names, TRIGGER_MAX_NAME_LENGTH);
		free(names);
		rc = DBSEQ_FAIL;
		goto out;
	}
	for (i = 0; i < l->n; i++) {
		if (*l->v[i].ghost_name != '\0')
			continue;
		*cause = xasprintf("trigger `%s` would have an empty name on the "
		    "ghost table once --trigger-suffix is removed: use another "
		    "--trigger-suffix", l->v[i].name);
		rc = DBSEQ_FAIL;
		goto out;
	}
out:
	free(pick);
	return rc;
}

static char *
explain_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	char			*q = sqlbuild_qualified(ctx->database, ctx->table), *sql;

	sql = xasprintf("explain select /* wisp */ * from %s where 1=1", q);
	free(q);
	return sql;
}

static int
explain_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*rows = dbresult_get(res, 0, "rows");
	char			*q;

	if (dbresult_nrows(res) == 0) {
		q = sqlbuild_qualified(ctx->database, ctx->table);
		*cause = xasprintf("cannot run EXPLAIN on %s!", q);
		free(q);
		return DBSEQ_FAIL;
	}
	if (rows != NULL)
		ctx->rows_estimate = strtoll(rows, NULL, 10);
	log_info("Estimated number of rows via EXPLAIN: %" PRId64,
	    ctx->rows_estimate);
	return DBSEQ_NEXT;
}

static char *
auto_increment_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	char			*db, *t, *sql;

	db = inspector_literal(ctx->database);
	t = inspector_literal(ctx->table);
	sql = xasprintf("select /* wisp */ auto_increment from "
	    "information_schema.tables where table_schema=%s and table_name=%s "
	    "and auto_increment is not null", db, t);
	free(db);
	free(t);
	return sql;
}

static int
auto_increment_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*v = dbresult_value(res, 0, 0);

	ctx->auto_increment = v != NULL ? strtoull(v, NULL, 10) : 0;
	return DBSEQ_NEXT;
}

const struct dbseq_step inspector_inspect_steps[] = {
	{ "validate grants", grants_sql, grants_done, 0 },
	{ "validate binary logs", binlogs_sql, binlogs_done, 0 },
	{ "count replicas", count_replicas_sql, count_replicas_done, 0 },
	{ "validate binlog_row_image", row_image_sql, row_image_done, 0 },
	{ "switch binlog_format to ROW", switch_global_sql, NULL, 0 },
	{ "switch session binlog_format to ROW", switch_session_sql,
	  switch_session_done, 0 },
	{ "stop replication", stop_replica_sql, NULL, 0 },
	{ "start replication", start_replica_sql, NULL, 0 },
	{ "wait for replication", replica_running_sql, replica_running_done, 0 },
	{ "validate table", table_status_sql, table_status_done, 0 },
	{ "validate foreign keys", foreign_keys_sql, foreign_keys_done, 0 },
	{ "validate triggers", triggers_sql, triggers_done, 0 },
	{ "read triggers", read_triggers_sql, read_triggers_done, 0 },
	{ "validate ghost triggers", ghost_triggers_sql, ghost_triggers_done, 0 },
	{ "estimate rows", explain_sql, explain_done, 0 },
	{ "read auto_increment", auto_increment_sql, auto_increment_done, 0 },
};
const size_t inspector_ninspect_steps = nitems(inspector_inspect_steps);

/* ---- table steps (arg: struct table_probe) ---- */

/* Unique keys, best first, in gh-ost's order: PRIMARY, then keys without
 * nullable columns, then keys whose first column has no charset, then by the
 * first column's integer width, then by fewer columns. */
static char *
unique_keys_sql(void *arg)
{
	struct table_probe	*tp = arg;
	char			*db, *t, *sql;

	db = inspector_literal(tp->ctx->database);
	t = inspector_literal(tp->table);
	sql = xasprintf(
	    "select /* wisp */ k.index_name, k.column_names, k.has_nullable, "
	    "  locate('auto_increment', c.extra) > 0 "
	    "from (select index_name, count(*) as ncols, "
	    "    group_concat(column_name order by seq_in_index) as column_names, "
	    "    substring_index(group_concat(column_name order by seq_in_index), "
	    "      ',', 1) as first_column, "
	    "    sum(nullable = 'YES') > 0 as has_nullable "
	    "  from information_schema.statistics "
	    "  where non_unique = 0 and table_schema = %s and table_name = %s "
	    "  group by index_name) as k "
	    "join information_schema.columns c on c.column_name = k.first_column "
	    "where c.table_schema = %s and c.table_name = %s "
	    "order by case k.index_name when 'PRIMARY' then 0 else 1 end, "
	    "  k.has_nullable, "
	    "  case ifnull(c.character_set_name, '') when '' then 0 else 1 end, "
	    "  case c.data_type when 'tinyint' then 0 when 'smallint' then 1 "
	    "    when 'int' then 2 when 'bigint' then 3 else 100 end, "
	    "  k.ncols, k.index_name",
	    db, t, db, t);
	free(db);
	free(t);
	return sql;
}

static int
unique_keys_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct table_probe	*tp = arg;
	size_t			 i;

	unique_key_list_release(tp->keys);
	for (i = 0; i < dbresult_nrows(res); i++) {
		unique_key_list_add(tp->keys, dbresult_value(res, i, 0),
		    dbresult_value(res, i, 1),
		    inspector_truthy(dbresult_value(res, i, 2)),
		    inspector_truthy(dbresult_value(res, i, 3)));
	}
	if (tp->keys->n == 0) {
		*cause = xstrdup("no PRIMARY nor UNIQUE key found in table! "
		    "Bailing out");
		return DBSEQ_FAIL;
	}
	if (log_enabled(LOG_LEVEL_DEBUG)) {
		for (i = 0; i < tp->keys->n; i++) {
			char *d = unique_key_describe(&tp->keys->v[i]);

			log_debug("Potential unique key in %s: %s", tp->table, d);
			free(d);
		}
	}
	return DBSEQ_NEXT;
}

static char *
columns_sql(void *arg)
{
	struct table_probe	*tp = arg;
	char			*db, *t, *sql;

	db = inspector_literal(tp->ctx->database);
	t = inspector_literal(tp->table);
	sql = xasprintf("select /* wisp */ column_name, column_type, data_type, "
	    "character_set_name, is_nullable, extra, character_octet_length "
	    "from information_schema.columns where table_schema=%s and "
	    "table_name=%s order by ordinal_position", db, t);
	free(db);
	free(t);
	return sql;
}

static int
columns_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct table_probe	*tp = arg;
	const char		*octets;
	size_t			 i;

	column_list_release(tp->columns);
	for (i = 0; i < dbresult_nrows(res); i++) {
		octets = dbresult_value(res, i, 6);
		column_list_add(tp->columns, dbresult_value(res, i, 0),
		    dbresult_value(res, i, 1), dbresult_value(res, i, 2),
		    dbresult_value(res, i, 3),
		    strcmp(dbresult_value(res, i, 4), "YES") == 0,
		    dbresult_value(res, i, 5),
		    octets != NULL ? strtoull(octets, NULL, 10) : 0);
	}
	if (tp->columns->n == 0) {
		char *q = sqlbuild_qualified(tp->ctx->database, tp->table);

		*cause = xasprintf("found 0 columns on %s. Bailing out", q);
		free(q);
		return DBSEQ_FAIL;
	}
	return DBSEQ_NEXT;
}

const struct dbseq_step inspector_table_steps[] = {
	{ "read unique keys", unique_keys_sql, unique_keys_done, 0 },
	{ "read columns", columns_sql, columns_done, 0 },
};
const size_t inspector_ntable_steps = nitems(inspector_table_steps);

/* ---- count steps (arg: struct migration_ctx) ---- */

static char *
count_sql(void *arg)
{
	struct migration_ctx	*ctx = arg;
	char			*q, *sql;

	if (!ctx->cfg->exact_rowcount)
		return NULL;
	log_info("As instructed, I'm issuing a SELECT COUNT(*) on the table. "
	    "This may take a while");
	q = sqlbuild_qualified(ctx->database, ctx->table);
	sql = xasprintf("select /* wisp */ count(*) from %s", q);
	free(q);
	return sql;
}

static int
count_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migration_ctx	*ctx = arg;
	const char		*v = dbresult_value(res, 0, 0);

	ctx->rows_estimate = v != NULL ? strtoll(v, NULL, 10) : 0;
	ctx->rows_exact = true;
	log_info("Exact number of rows via COUNT: %" PRId64, ctx->rows_estimate);
	return DBSEQ_NEXT;
}

const struct dbseq_step inspector_count_steps[] = {
	{ "count rows", count_sql, count_done, 0 },
};
const size_t inspector_ncount_steps = nitems(inspector_count_steps);

/* Checks that need both ends known. */
int
inspector_check_topology(struct migration_ctx *ctx, char **cause)
{
	const struct config	*cfg = ctx->cfg;

	if (cfg->test_on_replica || cfg->migrate_on_replica) {
		if (context_inspector_is_applier(ctx)) {
			*cause = xstrdup("instructed to --test-on-replica or "
			    "--migrate-on-replica, but the server we connect to "
			    "doesn't seem to be a replica");
			return -1;
		}
	} else if (context_inspector_is_applier(ctx) && !cfg->allow_on_master) {
		*cause = xstrdup("it seems like this migration attempt to run "
		    "directly on master. Preferably it would be executed on a "
		    "replica (this reduces load from the master). To proceed "
		    "please provide --allow-on-master");
		return -1;
	}
	if (ctx->log_slave_updates) {
		log_info("log_slave_updates validated on %s", ctx->inspector.key);
		return 0;
	}
	if (cfg->tungsten) {
		log_warn("log_slave_updates not found on %s, but --tungsten "
		    "provided, so I'm proceeding", ctx->inspector.key);
		return 0;
	}
	if (cfg->test_on_replica || cfg->migrate_on_replica) {
		*cause = xasprintf("%s must have log_slave_updates enabled for "
		    "testing/migrating on replica", ctx->inspector.key);
		return -1;
	}
	if (context_inspector_is_applier(ctx)) {
		log_warn("log_slave_updates not found on %s, but executing "
		    "directly on master, so I'm proceeding", ctx->inspector.key);
		return 0;
	}
	*cause = xasprintf("%s must have log_slave_updates enabled for executing "
	    "migration", ctx->inspector.key);
	return -1;
}
