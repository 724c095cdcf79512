/* cutover.c: the atomic (magic table) and two-step cut-over, on the loop. */
#include "common.h"

#include <event2/event.h>

#include "context.h"
#include "cutover.h"
#include "dbconn.h"
#include "dbseq.h"
#include "metrics.h"
#include "sqlbuild.h"
#include "trigger.h"

/* Where an attempt is. */
enum cutover_state {
	CUTOVER_IDLE,
	CUTOVER_LOCKING,	/* lock session: setup and LOCK TABLES */
	CUTOVER_MARKER,		/* waiting for the engine's marker */
	CUTOVER_TRIGGERS,	/* creating the triggers' copies on the ghost */
	CUTOVER_RENAMING,	/* rename session set up, RENAME in flight */
	CUTOVER_CHECKING,	/* PROCESSLIST and GET_LOCK checks */
	CUTOVER_UNLOCKING,	/* DROP sentry; UNLOCK TABLES */
	CUTOVER_SWAPPING,	/* two-step: the two ALTER ... RENAME */
	CUTOVER_ABORTING,	/* releasing and dropping the sentry */
	CUTOVER_DONE,
};

struct cutover {
	struct migration_ctx	*ctx;
	cutover_marker_fn	 marker_fn;
	cutover_done_fn		 done_fn;
	void			*arg;
	enum cutover_state	 state;
	bool			 two_step;
	unsigned		 timeout;	/* T, seconds */

	struct dbconn		*lock;
	struct dbconn		*rename;
	struct dbconn		*check;
	struct dbseq		 lock_seq;
	struct dbseq		 rename_seq;
	struct dbseq		 check_seq;
	struct event		*timer;		/* marker and check deadlines */

	unsigned long		 lock_id;
	unsigned long		 rename_id;
	char			*marker;
	bool			 locked;
	bool			 rename_in_flight;
	bool			 rename_ok;
	char			*rename_error;
	bool			 unlocked;
	unsigned		 polls;
	uint64_t		 lock_start_ms;
	char			*cause;		/* why the attempt is aborting */
	bool			 sentry_ours;	/* we created it this attempt */
	bool			 original_away;	/* two-step: t renamed to _t_del */
	bool			 ghost_in;	/* two-step: _t_gho renamed to t */

	/* --include-triggers: once the marker is applied, while t is locked,
	 * the original's triggers are copied onto the ghost on a session of
	 * their own (the lock session may touch only what it locked), each
	 * under its own sql_mode; so they exist from the swap on, not a
	 * moment before or after. An attempt that ends without the swap drops
	 * the copies it made, for the next attempt (or a rerun) to make
	 * them again. */
	struct dbconn		*trig;
	struct dbseq		 trig_seq;
	size_t			 trig_next;	/* the next one to create */
	bool			 trig_mode_set;	/* its sql_mode is set */
	size_t			 trig_created;	/* this attempt */
	size_t			 trig_dropped;
	char			*trig_error;

	/* How to see that the RENAME waits on t itself before unlocking (it
	 * takes its locks in name order, so it may still wait on the sentry):
	 * MariaDB's metadata_lock_info, MySQL's performance_schema, or none. */
	enum { MDL_UNKNOWN, MDL_NONE, MDL_INFO, MDL_PS } mdl;
	bool			 mdl_setup;	/* install/enable it */
	unsigned		 mdl_polls;
	struct event		*grace;

	/* --test-on-replica: replication is stopped before the first attempt
	 * (unless --test-on-replica-skip-replica-stop), restarted after a
	 * failed one, and a successful swap is swapped back at once. */
	bool			 test_on_replica;
	bool			 stop_replica;
	bool			 replication_stopped;
	struct dbconn		*post;
	struct dbseq		 post_seq;
	char			*post_cause;

	/* gh-ost's cut-over phase metrics: when each began (0: not open). */
	uint64_t		 phase_ms[3];
};

/* The phases timed (gh-ost's RecordCutOverPhase): taking the lock, the
 * rename (from the marker to the swap; it spans the unlock), the unlock. */
enum cutover_phase {
	PHASE_LOCK,
	PHASE_RENAME,
	PHASE_UNLOCK,
};

static void	cutover_abort(struct cutover *, char *);
static void	cutover_maybe_finish(struct cutover *);

/* A phase begins. */
static void
cutover_phase_begin(struct cutover *c, enum cutover_phase ph)
{
	c->phase_ms[ph] = util_now_ms();
}

/* A phase ends, if it is open: its duration goes to the metrics. */
static void
cutover_phase_end(struct cutover *c, enum cutover_phase ph, bool ok)
{
	static const char *names[2][3] = {
		{ "magic_lock", "magic_rename", "unlock" },
		{ "original_table_lock", "magic_rename", "unlock" },
	};

	if (c->phase_ms[ph] == 0)
		return;
	metrics_cutover_phase(c->ctx->metrics, names[c->two_step][ph],
	    util_now_ms() - c->phase_ms[ph], ok);
	c->phase_ms[ph] = 0;
}

/* A new session on the applier. */
static struct dbconn *
cutover_conn(struct cutover *c, const char *name)
{
	struct dbconn_params	p;
	struct dbconn		*conn;

	dbconn_params_copy(&p, &c->ctx->applier_params);
	p.rw_timeout = 0;	/* LOCK and RENAME wait on purpose */
	conn = dbconn_create(c->ctx->base, &p, name);
	dbconn_params_release(&p);
	return conn;
}

/* Arm the attempt's deadline for the current wait. */
static void
cutover_arm(struct cutover *c, unsigned seconds)
{
	struct timeval	tv = { seconds, 0 };

	evtimer_add(c->timer, &tv);
}

/* ---- lock session ---- */

static char *
lock_id_sql(void *arg)
{
	return xstrdup("select /* wisp */ connection_id()");
}

static int
lock_id_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;
	const char	*v = dbresult_value(res, 0, 0);

	c->lock_id = v != NULL ? strtoul(v, NULL, 10) : 0;
	log_info("Session locking original & magic tables is %lu", c->lock_id);
	return DBSEQ_NEXT;
}

static char *
get_lock_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;
	char		*name = sqlbuild_session_lock_name(c->lock_id);

	log_info("Grabbing voluntary lock: %s", name);
	sqlbuild_user_lock(&b, SQLBUILD_GET_LOCK, name, 0);
	free(name);
	return buf_detach(&b);
}

static int
get_lock_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;
	const char	*v = dbresult_value(res, 0, 0);

	if (v == NULL || strcmp(v, "1") != 0) {
		*cause = xasprintf("unable to acquire lock gh-ost.%lu.lock",
		    c->lock_id);
		return DBSEQ_FAIL;
	}
	return DBSEQ_NEXT;
}

static char *
lock_wait_timeout_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	log_info("Setting LOCK timeout as %u seconds", 2 * c->timeout);
	sqlbuild_set_session_timeout(&b, "lock_wait_timeout", 2 * c->timeout);
	return buf_detach(&b);
}

static char *
sentry_status_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	if (c->two_step)
		return NULL;
	log_info("Looking for magic cut-over table");
	sqlbuild_table_comment(&b, c->ctx->database, c->ctx->old_table);
	return buf_detach(&b);
}

/* A leftover sentry may be dropped only if it is one: a real table called
 * _t_del (an earlier migration's old table) is never dropped here. */
static int
sentry_status_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;
	const char	*comment;

	if (dbresult_nrows(res) == 0)
		return DBSEQ_NEXT;
	comment = dbresult_value(res, 0, 0);
	if (comment == NULL || strcmp(comment, SQLBUILD_SENTRY_COMMENT) != 0) {
		*cause = xasprintf("expected magic comment on %s, did not find it",
		    c->ctx->old_table);
		return DBSEQ_FAIL;
	}
	c->sentry_ours = true;	/* a leftover sentry: ours to drop */
	return DBSEQ_NEXT;
}

static char *
drop_leftover_sentry_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	if (c->two_step || !c->sentry_ours)
		return NULL;
	log_info("Dropping magic cut-over table");
	sqlbuild_drop_table(&b, c->ctx->database, c->ctx->old_table);
	return buf_detach(&b);
}

static char *
create_sentry_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	if (c->two_step)
		return NULL;
	log_info("Creating magic cut-over table `%s`", c->ctx->old_table);
	sqlbuild_create_sentry(&b, c->ctx->database, c->ctx->old_table,
	    c->ctx->table_engine != NULL && *c->ctx->table_engine != '\0' ?
	    c->ctx->table_engine : NULL);
	return buf_detach(&b);
}

static int
create_sentry_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;

	c->sentry_ours = true;
	log_info("Magic cut-over table created");
	return DBSEQ_NEXT;
}

static char *
wait_timeout_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	/* A hung (not dead) wisp must not hold the lock for long either. */
	log_info("Setting cut-over idle timeout as %u seconds", 3 * c->timeout);
	sqlbuild_set_session_timeout(&b, "wait_timeout", 3 * c->timeout);
	return buf_detach(&b);
}

static char *
lock_tables_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	c->lock_start_ms = util_now_ms();
	sqlbuild_lock_tables(&b, c->ctx->database, c->ctx->table,
	    c->two_step ? NULL : c->ctx->old_table);
	log_info("Locking: %s", buf_str(&b));
	return buf_detach(&b);
}

static int
lock_tables_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;

	c->locked = true;
	log_info("Tables locked");
	return DBSEQ_NEXT;
}

/* Replication statements: MySQL 8.0.22 renamed SLAVE to REPLICA. */
static const char *
cutover_replica_word(const struct cutover *c)
{
	const struct server_info	*si = &c->ctx->applier;

	if (server_info_mysql_since(si, 8, 0, 22))
		return "replica";
	return "slave";
}

static char *
stop_replication_sql(void *arg)
{
	struct cutover	*c = arg;

	if (!c->stop_replica || c->replication_stopped)
		return NULL;
	log_info("testing on replica: stopping replication");
	return xasprintf("stop /* wisp */ %s", cutover_replica_word(c));
}

static int
stop_replication_done(void *arg, struct dbresult *res,
    const struct dberror *err, char **cause)
{
	((struct cutover *)arg)->replication_stopped = true;
	return DBSEQ_NEXT;
}

static char *
mdl_probe_sql(void *arg)
{
	struct cutover	*c = arg;

	if (c->mdl != MDL_UNKNOWN)
		return NULL;
	if (c->two_step || c->ctx->cfg->skip_metadata_lock_check) {
		c->mdl = MDL_NONE;
		return NULL;
	}
	if (c->ctx->applier.is_mariadb)
		return xstrdup("select /* wisp */ plugin_status from "
		    "information_schema.plugins where plugin_name = "
		    "'METADATA_LOCK_INFO'");
	return xstrdup("select /* wisp */ enabled from "
	    "performance_schema.setup_instruments where name = "
	    "'wait/lock/metadata/sql/mdl'");
}

static int
mdl_probe_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;
	const char	*v = err == NULL ? dbresult_value(res, 0, 0) : NULL;
	bool		 on;

	on = v != NULL && (strcasecmp(v, "ACTIVE") == 0 ||
	    strcasecmp(v, "YES") == 0);
	if (on)
		c->mdl = c->ctx->applier.is_mariadb ? MDL_INFO : MDL_PS;
	else if (c->ctx->cfg->allow_setup_metadata_lock_instruments)
		c->mdl_setup = true;
	else {
		c->mdl = MDL_NONE;
		log_warn("cannot see metadata locks (%s): the cut-over cannot "
		    "check that the RENAME waits on the table itself before it "
		    "unlocks; give --allow-setup-metadata-lock-instruments to "
		    "let wisp enable them", c->ctx->applier.is_mariadb ?
		    "the metadata_lock_info plugin is not loaded" :
		    "performance_schema's mdl instrument is off");
	}
	return DBSEQ_NEXT;
}

static char *
mdl_setup_sql(void *arg)
{
	struct cutover	*c = arg;

	if (!c->mdl_setup)
		return NULL;
	c->mdl_setup = false;
	if (c->ctx->applier.is_mariadb) {
		log_info("Installing the metadata_lock_info plugin "
		    "(--allow-setup-metadata-lock-instruments)");
		c->mdl = MDL_INFO;
		return xstrdup("install /* wisp */ soname 'metadata_lock_info'");
	}
	log_info("Enabling the metadata lock instrument "
	    "(--allow-setup-metadata-lock-instruments)");
	c->mdl = MDL_PS;
	return xstrdup("update /* wisp */ performance_schema.setup_instruments "
	    "set enabled = 'YES' where name = 'wait/lock/metadata/sql/mdl'");
}

static const struct dbseq_step cutover_lock_steps[] = {
	{ "probe metadata lock instruments", mdl_probe_sql, mdl_probe_done,
	  DBSEQ_TOLERATE_ERROR },
	{ "set up metadata lock instruments", mdl_setup_sql, NULL, 0 },
	{ "stop replication", stop_replication_sql, stop_replication_done, 0 },
	{ "read lock session id", lock_id_sql, lock_id_done, 0 },
	{ "grab voluntary lock", get_lock_sql, get_lock_done, 0 },
	{ "set lock timeout", lock_wait_timeout_sql, NULL, 0 },
	{ "look for magic table", sentry_status_sql, sentry_status_done, 0 },
	{ "drop leftover magic table", drop_leftover_sentry_sql, NULL, 0 },
	{ "create magic table", create_sentry_sql, create_sentry_done, 0 },
	{ "set idle timeout", wait_timeout_sql, NULL, 0 },
	{ "lock tables", lock_tables_sql, lock_tables_done, 0 },
};

/* ---- triggers session (--include-triggers) ---- */

/* Set the next trigger's sql_mode, then create it; one statement a turn. */
static char *
create_trigger_sql(void *arg)
{
	struct cutover		*c = arg;
	const struct trigger	*t;
	struct buf		 b = BUF_INIT;
	char			*cause = NULL;

	if (c->trig_next >= c->ctx->triggers.n || c->trig_error != NULL)
		return NULL;
	t = &c->ctx->triggers.v[c->trig_next];
	if (!c->trig_mode_set && t->sql_mode != NULL) {
		sqlbuild_set_sql_mode(&b, t->sql_mode);
		return buf_detach(&b);
	}
	if (sqlbuild_create_trigger(&b, c->ctx->database, c->ctx->ghost_table,
	    t, &cause) != 0) {
		c->trig_error = cause;	/* the inspector checked: not reached */
		buf_release(&b);
		return NULL;
	}
	/* gh-ost's log line, its spelling included. */
	log_info("Createing trigger `%s` on `%s`.`%s`", t->ghost_name,
	    c->ctx->database, c->ctx->ghost_table);
	return buf_detach(&b);
}

static int
create_trigger_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover		*c = arg;
	const struct trigger	*t = &c->ctx->triggers.v[c->trig_next];

	if (!c->trig_mode_set && t->sql_mode != NULL) {
		c->trig_mode_set = true;
		return DBSEQ_AGAIN;
	}
	c->trig_created++;
	c->trig_next++;
	c->trig_mode_set = false;
	return c->trig_next < c->ctx->triggers.n ? DBSEQ_AGAIN : DBSEQ_NEXT;
}

static char *
trig_timeout_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	/* A session holding the ghost's metadata lock must not keep the
	 * original locked beyond the attempt's bound. */
	sqlbuild_set_session_timeout(&b, "lock_wait_timeout", c->timeout);
	return buf_detach(&b);
}

static const struct dbseq_step cutover_trigger_steps[] = {
	{ "set triggers lock timeout", trig_timeout_sql, NULL, 0 },
	{ "create triggers on ghost", create_trigger_sql, create_trigger_done,
	  0 },
};

/* Drop the copies this attempt created, while they are on the ghost. */
static char *
drop_triggers_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;
	const char	*name;

	if (c->ghost_in || c->rename_ok || c->trig_dropped >= c->trig_created)
		return NULL;
	name = c->ctx->triggers.v[c->trig_dropped].ghost_name;
	log_info("Dropping trigger `%s` from the ghost table", name);
	sqlbuild_drop_trigger(&b, c->ctx->database, name);
	return buf_detach(&b);
}

static int
drop_triggers_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;

	if (err != NULL)
		log_error("dropping trigger `%s`: %s",
		    c->ctx->triggers.v[c->trig_dropped].ghost_name, err->message);
	if (++c->trig_dropped < c->trig_created)
		return DBSEQ_AGAIN;
	c->trig_created = c->trig_dropped = 0;
	return DBSEQ_NEXT;
}

/* ---- unlock (atomic) and swap (two-step) on the lock session ---- */

static char *
drop_sentry_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	log_info("Dropping magic cut-over table");
	sqlbuild_drop_table(&b, c->ctx->database, c->ctx->old_table);
	return buf_detach(&b);
}

static int
drop_sentry_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;

	/* Keep going whatever happened: UNLOCK TABLES must run. */
	if (err != NULL)
		log_error("dropping magic cut-over table: %s", err->message);
	else
		c->sentry_ours = false;
	return DBSEQ_NEXT;
}

static char *
unlock_sql(void *arg)
{
	struct buf	b = BUF_INIT;

	log_info("Releasing lock from the original and magic tables");
	sqlbuild_unlock_tables(&b);
	return buf_detach(&b);
}

static int
unlock_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;

	c->unlocked = true;
	c->locked = false;
	log_info("Tables unlocked");
	return DBSEQ_NEXT;
}

static const struct dbseq_step cutover_drop_sentry_steps[] = {
	{ "drop magic table", drop_sentry_sql, drop_sentry_done,
	  DBSEQ_TOLERATE_ERROR },
};
static const struct dbseq_step cutover_unlock_steps[] = {
	{ "unlock tables", unlock_sql, unlock_done, 0 },
};

/* Is the RENAME queued on t itself? With metadata_lock_info (granted locks
 * only): it holds the ghost's name, the last helper name before t in its
 * sorted lock order; a t that sorts before the helper names is the first
 * lock it waits on anyway. With performance_schema: a pending exclusive
 * lock on t. */
static char *
mdl_wait_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	if (c->mdl == MDL_PS) {
		sqlbuild_expect_metadata_lock(&b, c->ctx->database, c->ctx->table,
		    c->rename_id);
		return buf_detach(&b);
	}
	if (strcmp(c->ctx->table, c->ctx->ghost_table) < 0)
		return NULL;
	buf_addf(&b, "select /* wisp */ 1 from information_schema.metadata_lock_info "
	    "where thread_id = %lu and table_schema = ", c->rename_id);
	buf_add_literal(&b, c->ctx->database, strlen(c->ctx->database));
	buf_adds(&b, " and table_name = ");
	buf_add_literal(&b, c->ctx->ghost_table, strlen(c->ctx->ghost_table));
	return buf_detach(&b);
}

static int
mdl_wait_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;

	if (!c->rename_in_flight)
		return DBSEQ_NEXT;	/* it ended already */
	if (dbresult_nrows(res) > 0) {
		log_info("Rename session is pending lock on the origin table !");
		return DBSEQ_NEXT;
	}
	if (++c->mdl_polls < 200 * c->timeout)	/* T at 5 ms */
		return DBSEQ_AGAIN;
	*cause = xstrdup("the RENAME did not queue on the table's metadata "
	    "lock in time");
	return DBSEQ_FAIL;
}

static const struct dbseq_step cutover_mdl_steps[] = {
	{ "wait for rename to queue on table", mdl_wait_sql, mdl_wait_done, 0 },
};

static char *
kill_rename_sql(void *arg)
{
	struct cutover	*c = arg;

	if (!c->rename_in_flight || c->rename_id == 0)
		return NULL;
	log_info("Killing the RENAME (session %lu) before unlocking",
	    c->rename_id);
	return xasprintf("kill /* wisp */ query %lu", c->rename_id);
}

static const struct dbseq_step cutover_kill_rename_steps[] = {
	{ "kill rename", kill_rename_sql, NULL, DBSEQ_TOLERATE_ERROR },
};

static char *
swap_original_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	sqlbuild_alter_rename(&b, c->ctx->database, c->ctx->table,
	    c->ctx->old_table);
	log_info("Renaming original table: %s", buf_str(&b));
	return buf_detach(&b);
}

static char *
swap_ghost_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	sqlbuild_alter_rename(&b, c->ctx->database, c->ctx->ghost_table,
	    c->ctx->table);
	log_info("Renaming ghost table: %s", buf_str(&b));
	return buf_detach(&b);
}

static char *
swap_back_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	sqlbuild_alter_rename(&b, c->ctx->database, c->ctx->old_table,
	    c->ctx->table);
	log_info("Renaming original table back: %s", buf_str(&b));
	return buf_detach(&b);
}

/* Two-step on MariaDB: under LOCK TABLES a session may rename only what it
 * locked, and locking the ghost would stop our own DML apply. So the lock
 * session renames the original away, another session renames the ghost in,
 * and the lock session unlocks; if the ghost cannot be renamed, the original
 * is renamed back before the unlock. */
static int
original_away_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	((struct cutover *)arg)->original_away = true;
	return DBSEQ_NEXT;
}

static int
original_back_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	((struct cutover *)arg)->original_away = false;
	return DBSEQ_NEXT;
}

static const struct dbseq_step cutover_swap_original_steps[] = {
	{ "rename original table", swap_original_sql, original_away_done, 0 },
};
static int
ghost_in_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;

	c->original_away = false;
	c->ghost_in = true;
	return DBSEQ_NEXT;
}

static const struct dbseq_step cutover_swap_ghost_steps[] = {
	{ "rename ghost table", swap_ghost_sql, ghost_in_done, 0 },
};
static const struct dbseq_step cutover_swap_back_steps[] = {
	{ "rename original table back", swap_back_sql, original_back_done, 0 },
	{ "unlock tables", unlock_sql, unlock_done, 0 },
};
/* After an abort with the original renamed away (two-step): put it back
 * from a fresh session. */
static const struct dbseq_step cutover_restore_steps[] = {
	{ "rename original table back", swap_back_sql, original_back_done, 0 },
	{ "drop triggers from ghost", drop_triggers_sql, drop_triggers_done,
	  DBSEQ_TOLERATE_ERROR },
};
static const struct dbseq_step cutover_plain_unlock_steps[] = {
	{ "unlock tables", unlock_sql, unlock_done, 0 },
};

/* ---- rename session ---- */

static char *
rename_id_sql(void *arg)
{
	return xstrdup("select /* wisp */ connection_id()");
}

static int
rename_id_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;
	const char	*v = dbresult_value(res, 0, 0);

	c->rename_id = v != NULL ? strtoul(v, NULL, 10) : 0;
	log_info("Session renaming tables is %lu", c->rename_id);
	return DBSEQ_NEXT;
}

static char *
rename_timeout_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	log_info("Setting RENAME timeout as %u seconds", c->timeout);
	sqlbuild_set_session_timeout(&b, "lock_wait_timeout", c->timeout);
	return buf_detach(&b);
}

static const struct dbseq_step cutover_rename_steps[] = {
	{ "read rename session id", rename_id_sql, rename_id_done, 0 },
	{ "set rename timeout", rename_timeout_sql, NULL, 0 },
};

/* ---- check session ---- */

static char *
processlist_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	sqlbuild_expect_process(&b, c->rename_id, "metadata lock", "rename");
	return buf_detach(&b);
}

static int
processlist_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;

	if (!c->rename_in_flight) {
		/* The RENAME already ended: nothing to wait for. */
		return DBSEQ_NEXT;
	}
	if (dbresult_nrows(res) > 0) {
		log_info("Found atomic RENAME to be blocking, as expected. Double "
		    "checking the lock is still in place (though I don't "
		    "strictly have to)");
		return DBSEQ_NEXT;
	}
	if (++c->polls < 10 * c->timeout)
		return DBSEQ_AGAIN;
	*cause = xstrdup("cannot find process. Hints: metadata lock, rename");
	return DBSEQ_FAIL;
}

static char *
used_lock_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;
	char		*name = sqlbuild_session_lock_name(c->lock_id);

	log_info("Checking session lock: %s", name);
	sqlbuild_user_lock(&b, SQLBUILD_IS_USED_LOCK, name, 0);
	free(name);
	return buf_detach(&b);
}

static int
used_lock_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct cutover	*c = arg;
	const char	*v = dbresult_value(res, 0, 0);

	if (v == NULL || strtoul(v, NULL, 10) != c->lock_id) {
		*cause = xasprintf("session lock gh-ost.%lu.lock expected to be "
		    "found but wasn't", c->lock_id);
		return DBSEQ_FAIL;
	}
	log_info("Connection holding lock on original table still exists");
	return DBSEQ_NEXT;
}

static const struct dbseq_step cutover_check_steps[] = {
	{ "wait for blocked rename", processlist_sql, processlist_done, 0 },
	{ "check voluntary lock", used_lock_sql, used_lock_done, 0 },
};

/* ---- abort: drop our sentry through the check session ---- */

static char *
abort_sentry_status_sql(void *arg)
{
	struct cutover	*c = arg;

	if (!c->sentry_ours)
		return NULL;
	return sentry_status_sql(arg);
}

static int
abort_sentry_status_done(void *arg, struct dbresult *res,
    const struct dberror *err, char **cause)
{
	struct cutover	*c = arg;
	const char	*comment = dbresult_value(res, 0, 0);

	/* After a successful RENAME, _t_del is the original table: it has
	 * no magic comment and must not be dropped. */
	c->sentry_ours = comment != NULL &&
	    strcmp(comment, SQLBUILD_SENTRY_COMMENT) == 0;
	return DBSEQ_NEXT;
}

static char *
abort_drop_sentry_sql(void *arg)
{
	struct cutover	*c = arg;

	if (!c->sentry_ours)
		return NULL;
	return drop_sentry_sql(arg);
}

static const struct dbseq_step cutover_abort_steps[] = {
	{ "look for magic table", abort_sentry_status_sql,
	  abort_sentry_status_done, 0 },
	{ "drop magic table", abort_drop_sentry_sql, NULL, 0 },
	{ "drop triggers from ghost", drop_triggers_sql, drop_triggers_done,
	  DBSEQ_TOLERATE_ERROR },
};

/* ---- after the attempt, with --test-on-replica ---- */

static char *
rollback_sql(void *arg)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	if (c->post_cause != NULL)
		return NULL;	/* nothing was swapped */
	sqlbuild_rename_rollback(&b, c->ctx->database, c->ctx->table,
	    c->ctx->old_table, c->ctx->ghost_table);
	log_info("Renaming back: %s", buf_str(&b));
	return buf_detach(&b);
}

static char *
start_replication_sql(void *arg)
{
	struct cutover	*c = arg;

	/* After a failed attempt replication runs again until the next one;
	 * after success it stays stopped, so the tables can be compared. */
	if (c->post_cause == NULL || !c->replication_stopped)
		return NULL;
	log_info("testing on replica: starting replication after cut-over "
	    "failure");
	return xasprintf("start /* wisp */ %s", cutover_replica_word(c));
}

static int
start_replication_done(void *arg, struct dbresult *res,
    const struct dberror *err, char **cause)
{
	((struct cutover *)arg)->replication_stopped = false;
	return DBSEQ_NEXT;
}

static const struct dbseq_step cutover_post_steps[] = {
	{ "rename tables back", rollback_sql, NULL, 0 },
	{ "start replication", start_replication_sql, start_replication_done,
	  0 },
};

/* ---- the attempt ---- */

/* Tell the engine how the attempt ended. */
static void
cutover_report(struct cutover *c, char *cause)
{
	cutover_done_fn	fn = c->done_fn;

	c->state = CUTOVER_DONE;
	fn(c->arg, cause);
}

/* The --test-on-replica work after the attempt is done. */
static void
cutover_post_done(void *arg, char *cause)
{
	struct cutover	*c = arg;
	char		*why = c->post_cause;

	c->post_cause = NULL;
	if (cause != NULL) {
		if (why == NULL)
			why = cause;	/* the swap back failed: that fails */
		else {
			log_error("after the failed cut-over: %s", cause);
			free(cause);
		}
	}
	cutover_report(c, why);
}

static void
cutover_post_connected(struct dbconn *conn, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct cutover	*c = arg;

	if (err != NULL) {
		cutover_post_done(c, xasprintf("test-on-replica session: %s",
		    err->message));
		return;
	}
	dbseq_start(&c->post_seq, c->post, cutover_post_steps,
	    nitems(cutover_post_steps), c, cutover_post_done, c);
}

/* Report the end of the attempt (after the test-on-replica work). */
static void
cutover_finish(struct cutover *c, char *cause)
{
	evtimer_del(c->timer);
	c->state = CUTOVER_DONE;
	cutover_phase_end(c, PHASE_LOCK, cause == NULL);
	cutover_phase_end(c, PHASE_UNLOCK, cause == NULL);
	cutover_phase_end(c, PHASE_RENAME, cause == NULL);
	dbseq_release(&c->lock_seq);
	dbseq_release(&c->rename_seq);
	dbseq_release(&c->check_seq);
	dbseq_release(&c->trig_seq);
	dbconn_free(c->lock);
	c->lock = NULL;
	dbconn_free(c->rename);
	c->rename = NULL;
	dbconn_free(c->check);
	c->check = NULL;
	dbconn_free(c->trig);
	c->trig = NULL;
	c->locked = false;
	if (cause == NULL)
		log_info("Lock & rename duration: %" PRIu64 " ms. During this "
		    "time, queries on `%s` were blocked",
		    util_now_ms() - c->lock_start_ms, c->ctx->table);
	if (c->test_on_replica && (cause == NULL || c->replication_stopped)) {
		c->post_cause = cause;
		dbseq_release(&c->post_seq);
		dbconn_free(c->post);
		c->post = cutover_conn(c, "cutover-replica");
		dbconn_connect(c->post, cutover_post_connected, c);
		return;
	}
	cutover_report(c, cause);
}

/* The sentry is gone (or was never ours): end the failed attempt. */
static void
cutover_aborted(void *arg, char *cause)
{
	struct cutover	*c = arg;

	if (cause != NULL) {
		log_error("could not drop magic cut-over table `%s`: %s",
		    c->ctx->old_table, cause);
		free(cause);
	}
	cause = c->cause;
	c->cause = NULL;
	cutover_finish(c, cause);
}

static void
cutover_check_connected_for_abort(struct dbconn *conn, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct cutover	*c = arg;

	if (err != NULL) {
		cutover_aborted(c, xstrdup(err->message));
		return;
	}
	if (c->original_away)
		dbseq_start(&c->check_seq, c->check, cutover_restore_steps,
		    nitems(cutover_restore_steps), c, cutover_aborted, c);
	else
		dbseq_start(&c->check_seq, c->check, cutover_abort_steps,
		    nitems(cutover_abort_steps), c, cutover_aborted, c);
}

/* After an abort, once the RENAME (if any) has ended: clean up. */
static void
cutover_abort_cleanup(struct cutover *c)
{
	if (c->rename_ok) {
		/* Closing the lock session let the pending RENAME through
		 * after the sentry was dropped: the swap happened. */
		log_info("Tables renamed");
		free(c->cause);
		c->cause = NULL;
		cutover_finish(c, NULL);
		return;
	}
	if (!c->sentry_ours && !c->original_away &&
	    (c->trig_created == 0 || c->ghost_in)) {
		cutover_aborted(c, NULL);
		return;
	}
	dbseq_release(&c->check_seq);
	dbconn_free(c->check);
	c->check = cutover_conn(c, "cutover-check");
	dbconn_connect(c->check, cutover_check_connected_for_abort, c);
}

/* Give up this attempt: release the lock by closing its session. */
static void
cutover_abort(struct cutover *c, char *cause)
{
	if (c->state == CUTOVER_ABORTING || c->state == CUTOVER_DONE) {
		free(cause);
		return;
	}
	log_error("cut-over attempt failed: %s", cause);
	c->cause = cause;
	c->state = CUTOVER_ABORTING;
	evtimer_del(c->timer);
	evtimer_del(c->grace);
	dbseq_release(&c->lock_seq);
	dbseq_release(&c->check_seq);
	if (c->trig != NULL && dbconn_busy(c->trig) &&
	    c->trig_next < c->ctx->triggers.n) {
		/* A CREATE TRIGGER in flight may still happen: drop that
		 * name too (if it exists: the inspector saw none of them). */
		c->trig_created = c->trig_next + 1;
	}
	dbseq_release(&c->trig_seq);
	dbconn_free(c->trig);
	c->trig = NULL;
	/* Closing the session releases LOCK TABLES and GET_LOCK at once;
	 * the sentry still exists, so a pending RENAME fails. */
	dbconn_free(c->lock);
	c->lock = NULL;
	c->locked = false;
	if (c->rename_in_flight)
		return;		/* cutover_rename_cb continues */
	cutover_abort_cleanup(c);
}

/* Both the RENAME and the UNLOCK are done: the attempt succeeded. */
static void
cutover_maybe_finish(struct cutover *c)
{
	if (c->state == CUTOVER_ABORTING) {
		if (!c->rename_in_flight)
			cutover_abort_cleanup(c);
		return;
	}
	if (c->rename_in_flight || !c->unlocked)
		return;
	if (!c->rename_ok) {
		cutover_abort(c, xstrdup(c->rename_error != NULL ?
		    c->rename_error : "rename failed"));
		return;
	}
	log_info("Tables renamed");
	cutover_finish(c, NULL);
}

/* The RENAME returned. */
static void
cutover_rename_cb(struct dbconn *conn, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct cutover	*c = arg;

	c->rename_in_flight = false;
	if (err != NULL) {
		free(c->rename_error);
		c->rename_error = dbseq_error_text(err);
		log_debugf("rename: %s", c->rename_error);
	} else
		c->rename_ok = true;
	if (c->state == CUTOVER_CHECKING && err != NULL) {
		cutover_abort(c, xstrdup(c->rename_error));
		return;
	}
	cutover_maybe_finish(c);
}

/* UNLOCK TABLES is done. */
static void
cutover_unlocked(void *arg, char *cause)
{
	struct cutover	*c = arg;

	if (cause != NULL) {
		cutover_abort(c, cause);
		return;
	}
	cutover_phase_end(c, PHASE_UNLOCK, true);
	cutover_maybe_finish(c);
}

/* Unlock: the RENAME is queued on t, first in line. */
static void
cutover_unlock(struct cutover *c)
{
	evtimer_del(c->timer);
	dbseq_start(&c->lock_seq, c->lock, cutover_unlock_steps,
	    nitems(cutover_unlock_steps), c, cutover_unlocked, c);
}

static void
cutover_grace_cb(evutil_socket_t fd, short what, void *arg)
{
	cutover_unlock(arg);
}

/* The RENAME was killed (it never queued on t): now give up safely. */
static void
cutover_rename_killed(void *arg, char *cause)
{
	struct cutover	*c = arg;
	char		*why = c->cause;

	free(cause);
	c->cause = NULL;
	cutover_abort(c, why != NULL ? why : xstrdup("rename did not queue"));
}

/* Whether the RENAME queued on t is now known. */
static void
cutover_mdl_seen(void *arg, char *cause)
{
	struct cutover	*c = arg;

	if (cause != NULL) {
		/* Unlocking now could let the application's writes in before
		 * the RENAME and into the old table: kill the RENAME first. */
		c->cause = cause;
		dbseq_start(&c->check_seq, c->check, cutover_kill_rename_steps,
		    nitems(cutover_kill_rename_steps), c, cutover_rename_killed, c);
		return;
	}
	cutover_unlock(c);
}

/* The sentry is gone; the RENAME moves on to the ghost and then to t. */
static void
cutover_sentry_dropped(void *arg, char *cause)
{
	struct cutover	*c = arg;

	if (cause != NULL) {
		cutover_abort(c, cause);
		return;
	}
	if (c->mdl == MDL_INFO || c->mdl == MDL_PS) {
		c->mdl_polls = 0;
		c->check_seq.retry_ms = 5;
		dbseq_start(&c->check_seq, c->check, cutover_mdl_steps,
		    nitems(cutover_mdl_steps), c, cutover_mdl_seen, c);
		return;
	}
	/* Without a view of metadata locks, give the RENAME a moment to move
	 * from the sentry's lock to the table's; this narrows the window but
	 * cannot close it (see the warning at the first attempt). */
	{
		struct timeval	tv = { 0, 50000 };

		evtimer_add(c->grace, &tv);
	}
}

/* The RENAME is blocked and our lock is alive: release it. */
static void
cutover_checked(void *arg, char *cause)
{
	struct cutover	*c = arg;

	if (cause != NULL) {
		cutover_abort(c, cause);
		return;
	}
	c->state = CUTOVER_UNLOCKING;
	cutover_phase_begin(c, PHASE_UNLOCK);
	log_info("Will now proceed to drop magic table and unlock tables");
	dbseq_start(&c->lock_seq, c->lock, cutover_drop_sentry_steps,
	    nitems(cutover_drop_sentry_steps), c, cutover_sentry_dropped, c);
}

static void
cutover_check_connected(struct dbconn *conn, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct cutover	*c = arg;

	if (err != NULL) {
		cutover_abort(c, xasprintf("cut-over check session: %s",
		    err->message));
		return;
	}
	c->polls = 0;
	dbseq_start(&c->check_seq, c->check, cutover_check_steps,
	    nitems(cutover_check_steps), c, cutover_checked, c);
}

/* The rename session is set up: issue the RENAME, expect it to block. */
static void
cutover_rename_ready(void *arg, char *cause)
{
	struct cutover	*c = arg;
	struct buf	 b = BUF_INIT;

	if (cause != NULL) {
		cutover_abort(c, cause);
		return;
	}
	sqlbuild_rename_swap(&b, c->ctx->database, c->ctx->table,
	    c->ctx->old_table, c->ctx->ghost_table);
	log_info("Issuing and expecting this to block: %s", buf_str(&b));
	c->rename_in_flight = true;
	dbconn_query(c->rename, buf_str(&b), cutover_rename_cb, c);
	buf_release(&b);

	c->state = CUTOVER_CHECKING;
	c->check = cutover_conn(c, "cutover-check");
	dbconn_connect(c->check, cutover_check_connected, c);
}

static void
cutover_rename_connected(struct dbconn *conn, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct cutover	*c = arg;

	if (err != NULL) {
		cutover_abort(c, xasprintf("cut-over rename session: %s",
		    err->message));
		return;
	}
	dbseq_start(&c->rename_seq, c->rename, cutover_rename_steps,
	    nitems(cutover_rename_steps), c, cutover_rename_ready, c);
}

/* Two-step: unlocked after the swap, or after swapping back. */
static void
cutover_swap_unlocked(void *arg, char *cause)
{
	struct cutover	*c = arg;
	char		*why = c->cause;

	c->cause = NULL;
	if (cause != NULL) {
		free(why);
		cutover_abort(c, cause);
		return;
	}
	if (why != NULL) {
		cutover_abort(c, why);	/* swapped back: the attempt failed */
		return;
	}
	cutover_phase_end(c, PHASE_UNLOCK, true);
	log_info("Tables renamed");
	cutover_finish(c, NULL);
}

/* Two-step: the ghost was renamed in (or not). */
static void
cutover_ghost_swapped(void *arg, char *cause)
{
	struct cutover	*c = arg;

	if (cause != NULL) {
		/* t is missing: put the original back before unlocking. */
		c->cause = cause;
		dbseq_start(&c->lock_seq, c->lock, cutover_swap_back_steps,
		    nitems(cutover_swap_back_steps), c, cutover_swap_unlocked, c);
		return;
	}
	cutover_phase_end(c, PHASE_RENAME, true);
	cutover_phase_begin(c, PHASE_UNLOCK);
	dbseq_start(&c->lock_seq, c->lock, cutover_plain_unlock_steps,
	    nitems(cutover_plain_unlock_steps), c, cutover_swap_unlocked, c);
}

static void
cutover_swap_check_connected(struct dbconn *conn, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct cutover	*c = arg;

	if (err != NULL) {
		cutover_ghost_swapped(c, xasprintf("cut-over session: %s",
		    err->message));
		return;
	}
	dbseq_start(&c->check_seq, c->check, cutover_swap_ghost_steps,
	    nitems(cutover_swap_ghost_steps), c, cutover_ghost_swapped, c);
}

/* Two-step: the original is renamed away; rename the ghost in. */
static void
cutover_original_swapped(void *arg, char *cause)
{
	struct cutover	*c = arg;

	if (cause != NULL) {
		cutover_abort(c, cause);
		return;
	}
	c->check = cutover_conn(c, "cutover-swap");
	dbconn_connect(c->check, cutover_swap_check_connected, c);
}

/* Everything before the swap is done: rename (or, two-step, the two
 * renames). */
static void
cutover_swap(struct cutover *c)
{
	if (c->two_step) {
		c->state = CUTOVER_SWAPPING;
		dbseq_start(&c->lock_seq, c->lock, cutover_swap_original_steps,
		    nitems(cutover_swap_original_steps), c,
		    cutover_original_swapped, c);
		return;
	}
	c->state = CUTOVER_RENAMING;
	c->rename = cutover_conn(c, "cutover-rename");
	dbconn_connect(c->rename, cutover_rename_connected, c);
}

/* The triggers' copies are on the ghost (or not). */
static void
cutover_triggers_created(void *arg, char *cause)
{
	struct cutover	*c = arg;

	if (cause == NULL && c->trig_error != NULL) {
		cause = c->trig_error;
		c->trig_error = NULL;
	}
	dbseq_release(&c->trig_seq);
	dbconn_free(c->trig);
	c->trig = NULL;
	if (cause != NULL) {
		cutover_abort(c, cause);
		return;
	}
	log_info("Triggers created on `%s`.`%s`", c->ctx->database,
	    c->ctx->ghost_table);
	cutover_swap(c);
}

static void
cutover_trig_connected(struct dbconn *conn, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct cutover	*c = arg;

	if (err != NULL) {
		cutover_triggers_created(c, xasprintf("cut-over triggers "
		    "session: %s", err->message));
		return;
	}
	c->trig_seq.retry_ms = 1;	/* the next trigger at once */
	dbseq_start(&c->trig_seq, c->trig, cutover_trigger_steps,
	    nitems(cutover_trigger_steps), c, cutover_triggers_created, c);
}

/* Called by the engine once the marker is applied. */
bool
cutover_marker_applied(struct cutover *c, const char *marker)
{
	if (c->state != CUTOVER_MARKER || c->marker == NULL ||
	    strcmp(marker, c->marker) != 0) {
		log_info("Waiting for events up to lock: skipping %s", marker);
		return false;
	}
	evtimer_del(c->timer);
	log_info("Waiting for events up to lock: got %s", marker);
	log_info("Done waiting for events up to lock");
	cutover_phase_begin(c, PHASE_RENAME);
	/* The triggers, the RENAME, the checks and the unlock are bounded by
	 * 2T. */
	cutover_arm(c, c->timeout * 2);
	if (c->ctx->triggers.n > 0) {
		c->state = CUTOVER_TRIGGERS;
		c->trig = cutover_conn(c, "cutover-triggers");
		dbconn_connect(c->trig, cutover_trig_connected, c);
		return true;
	}
	cutover_swap(c);
	return true;
}

/* A deadline passed: the marker did not come back, or a session hangs. */
static void
cutover_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct cutover	*c = arg;

	if (c->state == CUTOVER_MARKER)
		cutover_abort(c, xstrdup("timeout while waiting for events up to "
		    "lock"));
	else
		cutover_abort(c, xasprintf("cut-over timed out in state %d",
		    (int)c->state));
}

/* The tables are locked: ask for the marker. */
static void
cutover_locked(void *arg, char *cause)
{
	struct cutover	*c = arg;

	if (cause != NULL) {
		cutover_abort(c, cause);
		return;
	}
	cutover_phase_end(c, PHASE_LOCK, true);
	c->state = CUTOVER_MARKER;
	free(c->marker);
	c->marker = xasprintf("AllEventsUpToLockProcessed:%" PRIu64,
	    util_wall_ns());
	log_info("Writing changelog state: %s", c->marker);
	log_info("Waiting for events up to lock");
	cutover_arm(c, c->timeout);
	c->marker_fn(c->arg, c->marker);
}

static void
cutover_lock_connected(struct dbconn *conn, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct cutover	*c = arg;

	if (err != NULL) {
		cutover_abort(c, xasprintf("cut-over lock session: %s",
		    err->message));
		return;
	}
	dbseq_start(&c->lock_seq, c->lock, cutover_lock_steps,
	    nitems(cutover_lock_steps), c, cutover_locked, c);
}

/* Create the cut-over machinery. */
struct cutover *
cutover_create(struct migration_ctx *ctx, cutover_marker_fn marker_fn,
    cutover_done_fn done_fn, void *arg)
{
	struct cutover	*c;

	c = xcalloc(1, sizeof *c);
	c->ctx = ctx;
	c->marker_fn = marker_fn;
	c->done_fn = done_fn;
	c->arg = arg;
	c->two_step = ctx->cfg->cut_over == CUT_OVER_TWO_STEP;
	c->test_on_replica = ctx->cfg->test_on_replica;
	c->stop_replica = ctx->cfg->test_on_replica &&
	    !ctx->cfg->test_on_replica_skip_replica_stop;
	c->timeout = (unsigned)ctx->cfg->cut_over_lock_timeout_seconds;
	if (c->timeout == 0)
		c->timeout = 3;
	c->timer = evtimer_new(ctx->base, cutover_timer_cb, c);
	c->grace = evtimer_new(ctx->base, cutover_grace_cb, c);
	if (c->timer == NULL || c->grace == NULL)
		fatalx("cutover_create: evtimer_new failed");
	return c;
}

/* Start one attempt from scratch. */
void
cutover_start(struct cutover *c)
{
	c->state = CUTOVER_LOCKING;
	memset(c->phase_ms, 0, sizeof c->phase_ms);
	cutover_phase_begin(c, PHASE_LOCK);
	c->lock_id = c->rename_id = 0;
	c->locked = c->unlocked = false;
	c->rename_in_flight = c->rename_ok = false;
	c->sentry_ours = c->original_away = c->ghost_in = false;
	c->trig_next = c->trig_created = c->trig_dropped = 0;
	c->trig_mode_set = false;
	free(c->trig_error);
	c->trig_error = NULL;
	free(c->rename_error);
	c->rename_error = NULL;
	free(c->cause);
	c->cause = NULL;
	c->lock = cutover_conn(c, "cutover-lock");
	/* LOCK TABLES waits up to 2T; the deadline covers the setup too. */
	cutover_arm(c, c->timeout * 3);
	dbconn_connect(c->lock, cutover_lock_connected, c);
}

/* Is the lock held? */
bool
cutover_holding_lock(const struct cutover *c)
{
	return c->locked;
}

/* Free everything; closing the sessions releases every lock. */
void
cutover_free(struct cutover *c)
{
	if (c == NULL)
		return;
	dbseq_release(&c->lock_seq);
	dbseq_release(&c->rename_seq);
	dbseq_release(&c->check_seq);
	dbseq_release(&c->post_seq);
	dbseq_release(&c->trig_seq);
	dbconn_free(c->lock);
	dbconn_free(c->rename);
	dbconn_free(c->check);
	dbconn_free(c->post);
	dbconn_free(c->trig);
	free(c->trig_error);
	free(c->post_cause);
	event_free(c->timer);
	event_free(c->grace);
	free(c->marker);
	free(c->rename_error);
	free(c->cause);
	free(c);
}
