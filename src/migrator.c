/* migrator.c: one migration, phase by phase, on the event loop. */
#include "common.h"

#include <signal.h>
#include <unistd.h>
#include <event2/event.h>

#include "alter.h"
#include "applier.h"
#include "column.h"
#include "context.h"
#include "control.h"
#include "dbconn.h"
#include "dbseq.h"
#include "engine.h"
#include "hooks.h"
#include "inspector.h"
#include "metrics.h"
#include "migrator.h"
#include "stack.h"
#include "sqlbuild.h"

/* Where the migration is. */
enum migrator_phase {
	PHASE_INSPECTOR_CONNECT,
	PHASE_INSPECTOR_PROBE,
	PHASE_INSPECT,
	PHASE_ORIGINAL_TABLE,
	PHASE_MASTER_CONNECT,
	PHASE_MASTER_PROBE,
	PHASE_STREAM,
	PHASE_APPLIER_SETUP,
	PHASE_GHOST_MIGRATED,
	PHASE_GHOST_TABLE,
	PHASE_MIGRATE,
	PHASE_COUNT,
	PHASE_CLEANUP,
	PHASE_ABORT_CONNECT,
	PHASE_ABORT,
	PHASE_DONE,
};

static const char *migrator_phase_names[] = {
	"inspector-connect", "inspector-probe", "inspect", "original-table",
	"master-connect", "master-probe", "stream", "applier-setup",
	"ghost-migrated", "ghost-table", "migrate", "count", "cleanup",
	"abort-connect", "abort", "done"
};

struct migrator {
	struct migration_ctx	 ctx;
	enum migrator_phase	 phase;
	int			 exit_code;
	char			*failure;	/* the cause, once failed */
	struct stack		 failure_stack;	/* --stack: where it was decided */

	struct dbconn		*inspector;
	struct dbconn		*applier;
	struct engine		*engine;	/* --execute */
	struct control		*control;	/* server and hooks */
	bool			 failure_hooked;
	struct dbseq		 iseq;		/* on the inspector */
	struct dbseq		 aseq;		/* on the applier */
	struct server_probe	 iprobe;
	struct server_probe	 aprobe;
	struct table_probe	 orig_probe;
	struct table_probe	 ghost_probe;

	/* --attempt-instant-ddl: the ALTER with ALGORITHM=INSTANT on a
	 * session of its own, before anything is created. */
	struct dbconn		*instant;
	struct dbseq		 instant_seq;
	bool			 instant_tried;
	bool			 instant_done;	/* the table is altered */
	int64_t			 instant_attempt;

	char			**visited;	/* master discovery: host:port */
	size_t			 nvisited;
	bool			 candidate_final;	/* the applier is known */
	uint64_t		 count_start_ms;	/* noop --exact-rowcount */

	struct event		*sigint;
	struct event		*sigterm;
};

static void	migrator_fail(struct migrator *, char *);
static void	migrator_success(struct migrator *);
static void	migrator_connect_master(struct migrator *, const char *, int,
		    bool);

/* Move to a phase. */
static void
migrator_set_phase(struct migrator *m, enum migrator_phase phase)
{
	log_debugf("phase %s -> %s", migrator_phase_names[m->phase],
	    migrator_phase_names[phase]);
	m->phase = phase;
}

static void	migrator_done(struct migrator *);

/* The failure hooks ran; their outcome changes nothing. */
static void
migrator_failure_hooked(void *arg, char *cause)
{
	struct migrator	*m = arg;

	if (cause != NULL) {
		log_error("%s hook failed: %s", HOOK_FAILURE, cause);
		free(cause);
	}
	migrator_done(m);
}

/* Stop the loop: the migration is over (after the failure hooks, when it
 * failed). */
static void
migrator_done(struct migrator *m)
{
	if (m->failure != NULL && !m->failure_hooked && m->control != NULL) {
		m->failure_hooked = true;
		control_hook(m->control, HOOK_FAILURE, NULL,
		    migrator_failure_hooked, m);
		return;
	}
	migrator_set_phase(m, PHASE_DONE);
	event_base_loopbreak(m->ctx.base);
}

/* A connection error as one line. */
static char *
migrator_conn_error(struct dbconn *c, const struct dberror *err)
{
	char	*text = dbseq_error_text(err), *cause;

	cause = xasprintf("%s (%s): %s", dbconn_name(c), dbconn_key(c), text);
	free(text);
	return cause;
}

/* ---- cleanup and abort ---- */

/* The abort steps finished; report the original failure last. */
static void
migrator_aborted(void *arg, char *cause)
{
	struct migrator	*m = arg;

	if (cause != NULL) {
		log_error("could not drop the tables this run created: %s; drop "
		    "%s%s%s by hand", cause,
		    m->ctx.created_ghost ? m->ctx.ghost_table : "",
		    m->ctx.created_ghost && m->ctx.created_changelog ? " and " : "",
		    m->ctx.created_changelog ? m->ctx.changelog_table : "");
		free(cause);
	}
	migrator_done(m);
}

/* The fresh cleanup connection is up: drop what we created. */
static void
migrator_abort_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct migrator	*m = arg;

	if (err != NULL) {
		migrator_aborted(m, migrator_conn_error(c, err));
		return;
	}
	migrator_set_phase(m, PHASE_ABORT);
	dbseq_start(&m->aseq, m->applier, applier_abort_steps,
	    applier_nabort_steps, &m->ctx, migrator_aborted, m);
}

/* Fail: drop what this run created on a fresh connection, then stop. The
 * cause is logged once, last, by migrator_run. */
static void
migrator_fail(struct migrator *m, char *cause)
{
	if (m->failure != NULL) {	/* already failing: keep the first */
		log_debugf("also: %s", cause);
		free(cause);
		return;
	}
	log_debugf("failing in phase %s: %s", migrator_phase_names[m->phase],
	    cause);
	if (log_stack_enabled())
		stack_capture(&m->failure_stack);
	m->failure = cause;
	m->exit_code = 1;
	if (engine_copy_started(m->engine) &&
	    (m->ctx.created_ghost || m->ctx.created_changelog)) {
		/* Like gh-ost, a migration that failed while copying leaves
		 * its ghost for inspection; the original is untouched. */
		m->failure = xasprintf("%s%s; the ghost table `%s` was left in "
		    "place: drop it or rerun with --initially-drop-ghost-table",
		    cause, strstr(cause, "the original table is untouched") !=
		    NULL ? "" : "; the original table is untouched",
		    m->ctx.ghost_table);
		free(cause);
		m->ctx.created_ghost = m->ctx.created_changelog = false;
	}
	control_set_engine(m->control, NULL);
	engine_free(m->engine);
	m->engine = NULL;
	dbseq_release(&m->iseq);
	dbseq_release(&m->aseq);
	dbseq_release(&m->instant_seq);
	dbconn_free(m->instant);
	m->instant = NULL;
	dbconn_free(m->inspector);
	m->inspector = NULL;
	dbconn_free(m->applier);
	m->applier = NULL;
	if (!m->ctx.created_ghost && !m->ctx.created_changelog) {
		migrator_done(m);
		return;
	}
	/* A fresh connection: the old one may be what failed. */
	migrator_set_phase(m, PHASE_ABORT_CONNECT);
	m->applier = dbconn_create(m->ctx.base, &m->ctx.applier_params, "cleanup");
	dbconn_connect(m->applier, migrator_abort_connected, m);
}

/* SIGINT/SIGTERM: stop and clean up. */
static void
migrator_signal_cb(evutil_socket_t sig, short what, void *arg)
{
	struct migrator	*m = arg;

	if (m->phase == PHASE_ABORT || m->phase == PHASE_ABORT_CONNECT)
		return;
	migrator_fail(m, xasprintf("interrupted by signal %d; the original "
	    "table is untouched", (int)sig));
}

/* ---- noop end ---- */

/* Everything is dropped again: print what would happen. */
static void
migrator_cleaned(void *arg, char *cause)
{
	struct migrator		*m = arg;
	struct migration_ctx	*ctx = &m->ctx;
	char			*cols, *key, *mapped;

	if (cause != NULL) {
		migrator_fail(m, cause);
		return;
	}
	if (ctx->ghost_create_statement != NULL) {
		log_info("New table structure follows");
		printf("%s\n", ctx->ghost_create_statement);
	}
	key = unique_key_describe(ctx->plan.key);
	cols = shared_plan_names(&ctx->plan, false);
	mapped = shared_plan_names(&ctx->plan, true);
	printf("# Noop: shared unique key: %s\n", key);
	printf("# Noop: shared columns: %s\n", cols);
	if (strcmp(cols, mapped) != 0)
		printf("# Noop: in the ghost table: %s\n", mapped);
	if (ctx->alter->nrenames > 0 && !ctx->cfg->skip_renamed_columns) {
		char *r = alter_format_renames(ctx->alter);

		printf("# Noop: renamed columns: %s\n", r);
		free(r);
	}
	printf("# Noop: rows: %" PRId64 " (%s)\n", ctx->rows_estimate,
	    ctx->rows_exact ? "exact count" : "estimate");
	printf("# Noop: ghost table `%s` and changelog `%s` were created, "
	    "altered and dropped; `%s`.`%s` is untouched\n", ctx->ghost_table,
	    ctx->changelog_table, ctx->database, ctx->table);
	free(mapped);
	free(key);
	free(cols);
	migrator_success(m);
}

/* The row count is known. */
static void
migrator_counted(void *arg, char *cause)
{
	struct migrator	*m = arg;

	if (m->ctx.cfg->exact_rowcount)
		metrics_query(m->ctx.metrics, "source", "row_count",
		    util_now_ms() - m->count_start_ms, cause == NULL);
	if (cause != NULL) {
		migrator_fail(m, cause);
		return;
	}
	if (m->ctx.rows_exact)
		control_hook(m->control, HOOK_ROWCOUNT_COMPLETE, NULL, NULL, NULL);
	migrator_set_phase(m, PHASE_CLEANUP);
	log_debugf("Noop operation; not really migrating: dropping the ghost "
	    "and changelog tables");
	dbseq_start(&m->aseq, m->applier, applier_cleanup_steps,
	    applier_ncleanup_steps, &m->ctx, migrator_cleaned, m);
}

/* ---- ghost table ---- */

/* The success hooks ran: a failing one fails the run, as in gh-ost. */
static void
migrator_succeeded(void *arg, char *cause)
{
	struct migrator	*m = arg;

	if (cause != NULL) {
		migrator_fail(m, cause);
		return;
	}
	if (m->instant_done)
		log_info("Success! table `%s`.`%s` migrated instantly",
		    m->ctx.database, m->ctx.table);
	migrator_done(m);
}

/* The migration (or the noop) is complete: run the success hooks. */
static void
migrator_success(struct migrator *m)
{
	char		*var = hooks_var_instant_ddl(m->instant_done);
	const char	*extra[] = { var, NULL };

	control_hook(m->control, HOOK_SUCCESS, extra, migrator_succeeded, m);
	free(var);
}

/* The engine copied, applied, cut over and cleaned up. */
static void
migrator_migrated(void *arg, char *cause)
{
	struct migrator	*m = arg;

	if (cause != NULL) {
		migrator_fail(m, cause);
		return;
	}
	migrator_success(m);
}

static void	migrator_validated(void *, char *);

/* The ghost's columns and keys are known: decide what is shared. */
static void
migrator_ghost_inspected(void *arg, char *cause)
{
	struct migrator		*m = arg;
	struct migration_ctx	*ctx = &m->ctx;
	char			*names;

	if (cause != NULL) {
		migrator_fail(m, cause);
		return;
	}
	if (column_choose_shared(&ctx->orig_columns, &ctx->orig_keys,
	    &ctx->ghost_columns, &ctx->ghost_keys, ctx->alter,
	    !ctx->cfg->skip_renamed_columns, ctx->cfg->allow_nullable_unique_key,
	    &ctx->plan, &cause) != 0) {
		migrator_fail(m, cause);
		return;
	}
	names = shared_plan_names(&ctx->plan, false);
	log_info("Shared columns are %s", names);
	free(names);
	/* Validation complete: the validated hooks, then the server. */
	control_hook(m->control, HOOK_VALIDATED, NULL, migrator_validated, m);
}

/* The validated hooks ran: serve commands, then migrate (or end the
 * noop). */
static void
migrator_validated(void *arg, char *cause)
{
	struct migrator		*m = arg;
	struct migration_ctx	*ctx = &m->ctx;

	if (cause != NULL) {
		migrator_fail(m, cause);
		return;
	}
	if (control_serve(m->control, &cause) != 0) {
		migrator_fail(m, cause);
		return;
	}
	/* gh-ost creates the postpone flag file when it is named. */
	if (ctx->rt.postpone_flag_file != NULL &&
	    !util_file_exists(ctx->rt.postpone_flag_file) &&
	    util_touch(ctx->rt.postpone_flag_file) != 0) {
		migrator_fail(m, xasprintf("cannot create the postpone flag file "
		    "%s: %s", ctx->rt.postpone_flag_file, strerror(errno)));
		return;
	}
	if (ctx->cfg->execute) {
		migrator_set_phase(m, PHASE_MIGRATE);
		engine_run(m->engine, migrator_migrated, m);
		return;
	}
	migrator_set_phase(m, PHASE_COUNT);
	m->count_start_ms = util_now_ms();
	dbseq_start(&m->iseq, m->inspector, inspector_count_steps,
	    inspector_ncount_steps, &m->ctx, migrator_counted, m);
}

/* Changelog and ghost exist and the ghost is altered. */
static void
migrator_applier_ready(void *arg, char *cause)
{
	struct migrator		*m = arg;
	struct migration_ctx	*ctx = &m->ctx;
	char			*names;

	if (cause != NULL) {
		migrator_fail(m, cause);
		return;
	}
	names = column_list_names(&ctx->orig_columns);
	if (strcmp(names, ctx->orig_columns_on_applier) != 0) {
		free(names);
		migrator_fail(m, xstrdup("it seems like table structure is not "
		    "identical between master and replica. This scenario is not "
		    "supported"));
		return;
	}
	free(names);
	if (ctx->cfg->execute && m->phase != PHASE_GHOST_MIGRATED) {
		migrator_set_phase(m, PHASE_GHOST_MIGRATED);
		engine_wait_ghost_migrated(m->engine, migrator_applier_ready, m);
		return;
	}
	migrator_set_phase(m, PHASE_GHOST_TABLE);
	m->ghost_probe.ctx = ctx;
	m->ghost_probe.table = ctx->ghost_table;
	m->ghost_probe.columns = &ctx->ghost_columns;
	m->ghost_probe.keys = &ctx->ghost_keys;
	dbseq_start(&m->aseq, m->applier, inspector_table_steps,
	    inspector_ntable_steps, &m->ghost_probe, migrator_ghost_inspected, m);
}

/* ---- master discovery ---- */

/* The binlog stream runs (or, in noop, is not needed): set up the ghost. */
static void
migrator_streaming(void *arg, char *cause)
{
	struct migrator	*m = arg;

	if (cause != NULL) {
		migrator_fail(m, cause);
		return;
	}
	migrator_set_phase(m, PHASE_APPLIER_SETUP);
	if (m->ctx.cfg->revert) {
		dbseq_start(&m->aseq, m->applier, applier_revert_steps,
		    applier_nrevert_steps, &m->ctx, migrator_applier_ready, m);
		return;
	}
	if (m->ctx.cfg->resume) {
		dbseq_start(&m->aseq, m->applier, applier_resume_steps,
		    applier_nresume_steps, &m->ctx, migrator_applier_ready, m);
		return;
	}
	dbseq_start(&m->aseq, m->applier, applier_setup_steps,
	    applier_nsetup_steps, &m->ctx, migrator_applier_ready, m);
}

/* ---- --attempt-instant-ddl ---- */

static void	migrator_applier_ready_to_setup(struct migrator *);

static char *
instant_timeout_sql(void *arg)
{
	struct migrator	*m = arg;
	struct buf	 b = BUF_INIT;
	int64_t		 t = 2 * m->ctx.cfg->cut_over_lock_timeout_seconds;

	sqlbuild_instant_alter(&b, m->ctx.database, m->ctx.table,
	    m->ctx.alter->clauses);
	log_info("INSTANT DDL query is: %s", buf_str(&b));
	buf_reset(&b);
	/* gh-ost reuses the cut-over's bound, doubled. */
	log_info("Setting LOCK timeout as %" PRId64 " seconds", t);
	sqlbuild_set_session_timeout(&b, "lock_wait_timeout", t);
	return buf_detach(&b);
}

static char *
instant_alter_sql(void *arg)
{
	struct migrator	*m = arg;
	struct buf	 b = BUF_INIT;

	sqlbuild_instant_alter(&b, m->ctx.database, m->ctx.table,
	    m->ctx.alter->clauses);
	return buf_detach(&b);
}

/* gh-ost retries a lock wait timeout (1205) up to --default-retries times,
 * waiting 5 s longer each time; any other error ends the attempt. */
static int
instant_alter_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct migrator	*m = arg;
	int64_t		 max = m->ctx.cfg->default_retries;

	if (err == NULL)
		return DBSEQ_NEXT;
	if (err->code == 1205 && ++m->instant_attempt < max) {
		log_info("Retrying after lock wait timeout (attempt %" PRId64
		    "/%" PRId64 ")", m->instant_attempt + 1, max);
		m->instant_seq.retry_ms = (unsigned)(m->instant_attempt * 5000);
		return DBSEQ_AGAIN;
	}
	*cause = dbseq_error_text(err);
	return DBSEQ_FAIL;
}

static const struct dbseq_step instant_steps[] = {
	{ "set lock timeout", instant_timeout_sql, NULL, 0 },
	{ "instant alter", instant_alter_sql, instant_alter_done,
	  DBSEQ_TOLERATE_ERROR },
};

/* The INSTANT attempt is over: done, or on with the usual migration. */
static void
migrator_instant_finished(void *arg, char *cause)
{
	struct migrator	*m = arg;

	dbseq_release(&m->instant_seq);
	dbconn_free(m->instant);
	m->instant = NULL;
	if (cause == NULL) {
		m->instant_done = true;
		migrator_success(m);
		return;
	}
	log_info("ALGORITHM=INSTANT not supported for this operation, proceeding "
	    "with original algorithm: %s", cause);
	free(cause);
	migrator_applier_ready_to_setup(m);
}

static void
migrator_instant_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct migrator	*m = arg;

	if (err != NULL) {
		migrator_instant_finished(m, migrator_conn_error(c, err));
		return;
	}
	dbseq_start(&m->instant_seq, c, instant_steps, nitems(instant_steps), m,
	    migrator_instant_finished, m);
}

/* Try the ALTER in place with ALGORITHM=INSTANT, once, on the server that
 * would be migrated; true if the attempt started. Not in noop, and not with
 * --test-on-replica, whose replica table must stay as it is (gh-ost would
 * alter it for good). */
static bool
migrator_try_instant(struct migrator *m)
{
	const struct config	*cfg = m->ctx.cfg;

	if (!cfg->attempt_instant_ddl || m->instant_tried)
		return false;
	m->instant_tried = true;
	if (!cfg->execute) {
		log_debugf("Noop operation; not really attempting instant DDL");
		return false;
	}
	if (cfg->test_on_replica) {
		log_info("--test-on-replica given: not attempting instant DDL, "
		    "which would alter the replica's table for good");
		return false;
	}
	log_info("Attempting to execute alter with ALGORITHM=INSTANT");
	m->instant = dbconn_create(m->ctx.base, &m->ctx.applier_params,
	    "instant-ddl");
	dbconn_connect(m->instant, migrator_instant_connected, m);
	return true;
}

/* Topology is settled and the applier connected: set up, streaming first
 * when executing. */
static void
migrator_applier_ready_to_setup(struct migrator *m)
{
	struct migration_ctx	*ctx = &m->ctx;
	const char		*cs = dbconn_charset(m->applier);

	if (migrator_try_instant(m))
		return;

	log_info("Applier initiated on %s, version %s", ctx->applier.implied_key,
	    ctx->applier.version);
	/* The first of --charset the server took: text in the applier's
	 * result sets (the range queries' key values) is in it. */
	free(ctx->client_charset);
	ctx->client_charset = cs != NULL ? xstrdup(cs) : NULL;
	log_debugf("applier connection charset: %s", cs != NULL ? cs : "?");
	if (ctx->cfg->execute) {
		/* The stream starts before anything is created. */
		migrator_set_phase(m, PHASE_STREAM);
		m->engine = engine_create(ctx);
		engine_set_hooks(m->engine, control_engine_hook, m->control);
		control_set_engine(m->control, m->engine);
		if (ctx->cfg->resume || ctx->cfg->revert) {
			/* The stream starts at the checkpoint, once it is
			 * read (engine_run). */
			migrator_streaming(m, NULL);
			return;
		}
		engine_stream(m->engine, migrator_streaming, m);
		return;
	}
	migrator_streaming(m, NULL);
}

/* --test-on-replica / --migrate-on-replica: the applier session on the
 * replica is up. */
static void
migrator_replica_applier_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct migrator	*m = arg;

	if (err != NULL) {
		migrator_fail(m, migrator_conn_error(c, err));
		return;
	}
	migrator_applier_ready_to_setup(m);
}

/* The master is known and probed: check the topology, then set up. */
static void
migrator_applier_known(struct migrator *m)
{
	struct migration_ctx	*ctx = &m->ctx;
	char			*cause;

	dbconn_params_release(&ctx->applier_params);
	dbconn_params_copy(&ctx->applier_params, dbconn_params(m->applier));
	log_info("Master found to be %s", ctx->applier.implied_key);
	if (inspector_check_topology(ctx, &cause) != 0) {
		migrator_fail(m, cause);
		return;
	}
	if (ctx->cfg->test_on_replica || ctx->cfg->migrate_on_replica) {
		log_info("--test-on-replica or --migrate-on-replica given. Will not "
		    "execute on master %s but rather on replica %s itself",
		    ctx->applier.implied_key, ctx->inspector.implied_key);
		dbconn_params_release(&ctx->applier_params);
		dbconn_params_copy(&ctx->applier_params, &ctx->inspector_params);
		server_info_release(&ctx->applier);
		ctx->applier.key = xstrdup(ctx->inspector.key);
		ctx->applier.implied_key = xstrdup(ctx->inspector.implied_key);
		server_info_set_version(&ctx->applier, ctx->inspector.version);
		dbseq_release(&m->aseq);
		dbconn_free(m->applier);
		m->applier = dbconn_create(ctx->base, &ctx->applier_params,
		    "applier");
		dbconn_connect(m->applier, migrator_replica_applier_connected, m);
		return;
	}
	migrator_applier_ready_to_setup(m);
}

/* Go up from a probed server to its master, gh-ost's way
 * (GetMasterConnectionConfigSafe): a server that replicates from nobody is
 * the master; a master already passed on the way up means a master-master
 * loop, refused unless --allow-master-master, which takes the server we are
 * at. The inspected server itself is not marked as passed: from a replica R
 * of a co-master M whose master is R, the walk goes R, M, R and stops at
 * R. at_inspector: p is the inspector's probe (not the applier session). */
static void
migrator_climb(struct migrator *m, const struct server_probe *p,
    const char *host, int port, bool at_inspector)
{
	char	*key;
	size_t	 i;

	if (!p->is_replica) {
		if (at_inspector)
			migrator_connect_master(m, host, port, true);
		else
			migrator_applier_known(m);
		return;
	}
	key = xasprintf("%s:%d", p->master_host, p->master_port);
	log_debugf("master of %s:%d is %s", host, port, key);
	for (i = 0; i < m->nvisited; i++) {
		if (strcmp(m->visited[i], key) != 0)
			continue;
		if (!m->ctx.cfg->allow_master_master) {
			migrator_fail(m, xasprintf("there seems to be a "
			    "master-master setup at %s. This is unsupported. "
			    "Bailing out", key));
			free(key);
			return;
		}
		free(key);
		if (at_inspector)
			migrator_connect_master(m, host, port, true);
		else
			migrator_applier_known(m);
		return;
	}
	m->visited = xreallocarray(m->visited, m->nvisited + 1, sizeof *m->visited);
	m->visited[m->nvisited++] = key;
	migrator_connect_master(m, p->master_host, p->master_port, false);
}

/* A master candidate was probed: is it the top? */
static void
migrator_master_probed(void *arg, char *cause)
{
	struct migrator	*m = arg;
	char		*host;
	int		 port;

	if (cause != NULL) {
		migrator_fail(m, cause);
		return;
	}
	if (m->candidate_final) {
		migrator_applier_known(m);
		return;
	}
	host = xstrdup(dbconn_params(m->applier)->host);
	port = dbconn_params(m->applier)->port;
	migrator_climb(m, &m->aprobe, host, port, false);
	free(host);
}

/* Connected to a master candidate. */
static void
migrator_master_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct migrator	*m = arg;

	if (err != NULL) {
		migrator_fail(m, migrator_conn_error(c, err));
		return;
	}
	migrator_set_phase(m, PHASE_MASTER_PROBE);
	server_info_release(&m->ctx.applier);
	m->ctx.applier.key = xstrdup(dbconn_key(c));
	server_probe_release(&m->aprobe);
	m->aprobe.ctx = &m->ctx;
	m->aprobe.si = &m->ctx.applier;
	m->aprobe.name = "applier";
	m->aprobe.port = dbconn_params(c)->port;
	dbseq_start(&m->aseq, c, inspector_probe_steps, inspector_nprobe_steps,
	    &m->aprobe, migrator_master_probed, m);
}

/* Connect to host:port as the applier and probe it; final: it is the
 * master (forced, or found), else the walk goes on from it. */
static void
migrator_connect_master(struct migrator *m, const char *host, int port,
    bool final)
{
	const struct config	*cfg = m->ctx.cfg;
	struct dbconn_params	 p;

	log_debugf("Looking for master: trying %s:%d", host, port);
	m->candidate_final = final;
	dbconn_params_copy(&p, &m->ctx.inspector_params);
	free(p.host);
	p.host = xstrdup(host);
	p.port = port;
	if (cfg->assume_master_host != NULL) {
		if (cfg->master_user != NULL) {
			free(p.user);
			p.user = xstrdup(cfg->master_user);
		}
		if (cfg->master_password != NULL) {
			free(p.password);
			p.password = xstrdup(cfg->master_password);
		}
	}
	dbseq_release(&m->aseq);
	dbconn_free(m->applier);
	m->applier = dbconn_create(m->ctx.base, &p, "applier");
	dbconn_params_release(&p);
	migrator_set_phase(m, PHASE_MASTER_CONNECT);
	dbconn_connect(m->applier, migrator_master_connected, m);
}

/* ---- inspector ---- */

/* The original table's keys and columns are known. */
static void
migrator_original_inspected(void *arg, char *cause)
{
	struct migrator		*m = arg;
	const struct config	*cfg = m->ctx.cfg;
	char			*host;
	int			 port;
	size_t			 i;

	if (cause != NULL) {
		migrator_fail(m, cause);
		return;
	}
	for (i = 0; i < m->ctx.orig_columns.n; i++) {
		if (!m->ctx.orig_columns.v[i].is_compressed)
			continue;
		/* The binlog carries such values compressed; wisp cannot
		 * decode them yet, so refuse before anything is created. */
		migrator_fail(m, xasprintf("column `%s` is COMPRESSED: wisp cannot "
		    "read compressed columns from the binlog yet",
		    m->ctx.orig_columns.v[i].name));
		return;
	}
	if (cfg->assume_master_host != NULL) {
		if (util_parse_host_port(cfg->assume_master_host, 3306, &host,
		    &port) != 0) {
			migrator_fail(m, xasprintf("cannot parse --assume-master-host "
			    "\"%s\"", cfg->assume_master_host));
			return;
		}
		log_info("Master forced to be %s:%d", host, port);
		migrator_connect_master(m, host, port, true);
		free(host);
		return;
	}
	log_info("Recursively searching for replication master");
	migrator_climb(m, &m->iprobe, m->ctx.inspector_params.host,
	    m->ctx.inspector_params.port, true);
}

/* Server settings and the table are validated. */
static void
migrator_inspected(void *arg, char *cause)
{
	struct migrator	*m = arg;

	if (cause != NULL) {
		migrator_fail(m, cause);
		return;
	}
	log_info("Inspector initiated on %s, version %s", m->ctx.inspector.implied_key,
	    m->ctx.inspector.version);
	migrator_set_phase(m, PHASE_ORIGINAL_TABLE);
	m->orig_probe.ctx = &m->ctx;
	m->orig_probe.table = m->ctx.table;
	m->orig_probe.columns = &m->ctx.orig_columns;
	m->orig_probe.keys = &m->ctx.orig_keys;
	dbseq_start(&m->iseq, m->inspector, inspector_table_steps,
	    inspector_ntable_steps, &m->orig_probe, migrator_original_inspected, m);
}

/* The inspector's server is probed. */
static void
migrator_inspector_probed(void *arg, char *cause)
{
	struct migrator	*m = arg;

	if (cause != NULL) {
		migrator_fail(m, cause);
		return;
	}
	m->ctx.inspector_is_replica = m->iprobe.is_replica;
	migrator_set_phase(m, PHASE_INSPECT);
	dbseq_start(&m->iseq, m->inspector, inspector_inspect_steps,
	    inspector_ninspect_steps, &m->ctx, migrator_inspected, m);
}

/* Connected to --host. */
static void
migrator_inspector_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct migrator	*m = arg;

	if (err != NULL) {
		migrator_fail(m, migrator_conn_error(c, err));
		return;
	}
	migrator_set_phase(m, PHASE_INSPECTOR_PROBE);
	m->ctx.inspector.key = xstrdup(dbconn_key(c));
	m->iprobe.ctx = &m->ctx;
	m->iprobe.si = &m->ctx.inspector;
	m->iprobe.name = "inspector";
	m->iprobe.port = m->ctx.inspector_params.port;
	dbseq_start(&m->iseq, c, inspector_probe_steps, inspector_nprobe_steps,
	    &m->iprobe, migrator_inspector_probed, m);
}

/* A panic from the command server or the throttler. */
static void
migrator_panic(void *arg, char *cause)
{
	migrator_fail(arg, cause);
}

/* The startup hooks ran: connect to --host. */
static void
migrator_started(void *arg, char *cause)
{
	struct migrator	*m = arg;

	if (cause != NULL) {
		migrator_fail(m, cause);
		return;
	}
	m->inspector = dbconn_create(m->ctx.base, &m->ctx.inspector_params,
	    "inspector");
	dbconn_connect(m->inspector, migrator_inspector_connected, m);
}

/* Run everything on the loop until done; returns the exit code. */
int
migrator_run(const struct config *cfg, struct alter *alter,
    struct event_base *base)
{
	struct migrator	*m;
	size_t		 i;
	int		 rc;

	m = xcalloc(1, sizeof *m);
	context_init(&m->ctx, cfg, alter, base);
	if (metrics_create(base, cfg->statsd_addr, cfg->statsd_tags,
	    &m->ctx.metrics, &m->failure) != 0) {
		/* gh-ost's words; nothing exists yet. */
		log_failure("metrics: %s", m->failure);
		free(m->failure);
		context_release(&m->ctx);
		free(m);
		return 1;
	}
	metrics_count(m->ctx.metrics, "startup", 1, NULL);
	metrics_start_runtime(m->ctx.metrics, cfg->runtime_metrics_interval);
	log_info("Migrating `%s`.`%s`", cfg->database, cfg->table);
	if (alter->nrenames > 0 && !cfg->skip_renamed_columns) {
		char *r = alter_format_renames(alter);

		log_info("alter statement has column(s) renamed. gh-ost finds the "
		    "following renames: %s; --approve-renamed-columns is given and "
		    "so migration proceeds.", r);
		free(r);
	}

	m->sigint = evsignal_new(base, SIGINT, migrator_signal_cb, m);
	m->sigterm = evsignal_new(base, SIGTERM, migrator_signal_cb, m);
	event_add(m->sigint, NULL);
	event_add(m->sigterm, NULL);

	m->control = control_create(&m->ctx, migrator_panic, m);
	migrator_set_phase(m, PHASE_INSPECTOR_CONNECT);
	control_hook(m->control, HOOK_STARTUP, NULL, migrator_started, m);
	if (m->phase != PHASE_DONE)
		event_base_dispatch(base);
	if (m->phase != PHASE_DONE && m->failure == NULL)
		m->failure = xstrdup("the event loop stopped before the migration "
		    "ended");

	rc = m->failure != NULL ? 1 : 0;
	if (m->failure != NULL) {
		log_failure("%s", m->failure);
		stack_write(&m->failure_stack, STDERR_FILENO);
	} else
		printf("# Done\n");
	fflush(stdout);

	control_set_engine(m->control, NULL);
	engine_free(m->engine);
	control_free(m->control);
	dbseq_release(&m->iseq);
	dbseq_release(&m->aseq);
	dbseq_release(&m->instant_seq);
	dbconn_free(m->instant);
	dbconn_free(m->inspector);
	dbconn_free(m->applier);
	event_free(m->sigint);
	event_free(m->sigterm);
	server_probe_release(&m->iprobe);
	server_probe_release(&m->aprobe);
	for (i = 0; i < m->nvisited; i++)
		free(m->visited[i]);
	free(m->visited);
	free(m->failure);
	metrics_free(m->ctx.metrics);	/* sends what is pending */
	context_release(&m->ctx);
	free(m);
	return rc;
}
