/* engine.c: binlog stream, row copy, DML apply, heartbeat, status and
 * cut-over of one migration, all on the event loop. */
#include "common.h"

#include <time.h>
#include <unistd.h>
#include <event2/event.h>

#include "applier.h"
#include "binlog.h"
#include "chunker.h"
#include "column.h"
#include "context.h"
#include "cutover.h"
#include "dbconn.h"
#include "dbseq.h"
#include "engine.h"
#include "reply.h"
#include "rowimage.h"
#include "sqlbuild.h"
#include "status.h"
#include "throttler.h"
#include "hooks.h"
#include "metrics.h"

#define QUEUE_CAPACITY	1000	/* row changes waiting, shown as Backlog */
#define QUEUE_MAX_BYTES	(4u << 20)	/* and their decoded size (wide rows) */
#define CHANGELOG_NCOLS	4	/* id, last_update, hint, value */

/* Where the engine is. */
enum engine_phase {
	ENGINE_NEW,
	ENGINE_STREAMING,	/* binlog reader running */
	ENGINE_WAIT_MIGRATED,	/* waiting for GhostTableMigrated */
	ENGINE_CONNECTING,	/* writer sessions being set up */
	ENGINE_RANGE,		/* reading the key's min and max */
	ENGINE_COPY,		/* copy ║ apply */
	ENGINE_CUTOVER,		/* copy done; swapping */
	ENGINE_CLEANUP,		/* dropping the changelog */
	ENGINE_DONE,
	ENGINE_FAILED,
};

/* A key value with owned bytes. */
struct keyval {
	struct sqlbuild_value	*v;
	char			**data;
	size_t			 n;
	bool			 set;
};

/* One range of the row copy: (start, end] of the key, [start, end] for
 * the first. */
struct chunk {
	struct keyval		 start, end;
	bool			 include_start;
	int64_t			 rows;		/* rows the lookup asked for */
	int64_t			 iteration;	/* its lookup's number */
	unsigned		 failures;	/* attempts that failed */
};

/* The range cursor: looks up where the next chunk ends, one lookup at a
 * time on its own session (each starts where the last ended). */
enum cursor_state {
	CURSOR_DOWN,		/* no session; a timer reconnects */
	CURSOR_CONNECTING,	/* connecting, setting up, reading the range */
	CURSOR_IDLE,
	CURSOR_LOOKUP,		/* range end query in flight */
	CURSOR_DONE,		/* no rows after the last range */
};

/* A row-copy session, with at most one chunk in flight. */
enum worker_state {
	WORKER_DOWN,		/* no session; a timer reconnects */
	WORKER_CONNECTING,	/* connecting, setting the session up */
	WORKER_IDLE,
	WORKER_COPYING,		/* INSERT IGNORE .. SELECT in flight */
	WORKER_RESTING,		/* --nice-ratio pause after its chunk */
};

struct copy_worker {
	struct engine		*e;
	unsigned		 id;
	enum worker_state	 state;
	struct dbconn		*conn;
	struct dbseq		 seq;
	struct chunk		 chunk;
	bool			 has_chunk;
	unsigned		 failures;	/* session set-ups that failed */
	uint64_t		 sent_ms;
	struct event		*timer;		/* reconnect, or end of rest */
};

/* Ranges looked up ahead of the workers, plus chunks of failed workers
 * handed back. */
#define READY_CAPACITY	(2 * CHUNKER_MAX_CONCURRENCY)

/* One entry of the apply queue: binlog rows of the original table, or a
 * changelog marker that must be passed in order. */
struct pending {
	struct binlog_item	*item;		/* ROWS, or NULL for a marker */
	size_t			 next_row;	/* first row not yet applied */
	char			*marker;
	char			*coords;	/* marker: the stream's coordinates
						   before it (cut-over checkpoint) */
	struct pending		*next;
};

struct engine {
	struct migration_ctx	*ctx;
	enum engine_phase	 phase;
	engine_fn		 fn;		/* the current phase's callback */
	void			*fn_arg;
	struct sqlbuild		*sb;

	/* Sessions on the applier. */
	struct dbconn		*dml;		/* DML apply, time_zone +00:00 */
	struct dbconn		*copy;		/* range cursor, applier tz */
	struct dbconn		*beat;		/* heartbeat, changelog states */
	struct dbconn		*stream;	/* the inspected server */
	struct dbseq		 dml_seq;
	struct dbseq		 copy_seq;
	bool			 dml_ready;	/* the DML session is set up */
	bool			 dml_block;	/* it runs compound statements
						   (MariaDB's BEGIN NOT ATOMIC) */

	/* Binlog. */
	struct binlog_reader	*binlog;
	struct binlog_coords	 start;
	char			*position;	/* "file:pos" of the last commit */
	bool			 paused;
	/* MySQL 8.0.19+ applier: upserts use a row alias (sqlbuild_desc). */
	bool			 row_alias;

	/* The apply queue. */
	struct pending		*head;
	struct pending		*tail;
	size_t			 backlog;	/* row changes queued */
	size_t			 backlog_bytes;	/* their items' decoded size */
	bool			 dml_inflight;
	bool			 dml_committing;	/* --panic-on-warnings */
	size_t			 inflight_rows;
	struct buf		 pre_sql;	/* the next round trip, built
						   while this one runs */
	size_t			 pre_rows;	/* its row changes; 0: none */
	unsigned		 dml_failures;
	int64_t			 dml_applied;
	uint64_t		 dml_start_ms;	/* the batch in flight's */
	bool			 keyed;		/* DML batches by key */
	int64_t			 rate_applied;	/* dml_applied at last sample */
	int64_t			 applied_per_second;

	/* The row copy: the cursor (on e->copy) looks ranges up in key
	 * order, up to nworkers ahead; the workers copy them at once. */
	enum cursor_state	 cursor;
	struct keyval		 min, max, last;
	bool			 first_chunk;	/* the next lookup includes min */
	bool			 last_form;	/* the next lookup: last rows */
	bool			 ranges_done;
	int64_t			 lookups;
	int64_t			 lookup_rows;
	uint64_t		 lookup_start_ms;
	unsigned		 cursor_failures;
	struct event		*cursor_timer;
	struct chunk		 ready[READY_CAPACITY];
	size_t			 nready;
	struct copy_worker	*workers;
	unsigned		 nworkers;
	struct chunker		 chunker;
	int64_t			 chunk_size_seen;	/* rt.chunk_size */
	bool			 chunk_time_on;		/* rt.chunk_time > 0 */
	int			 autoinc_lock_mode;	/* -1 unknown */
	bool			 transactional;	/* chunks read with row locks */
	bool			 table_locked;	/* chunks lock the whole ghost:
						   DML waits for them */
	bool			 copy_complete;
	bool			 copy_started;
	int64_t			 iteration;	/* chunks copied */
	int64_t			 rows_copied;
	uint64_t		 copy_start_ms;
	uint64_t		 copy_end_ms;

	/* Heartbeat and lag. */
	struct event		*beat_timer;
	bool			 beat_inflight;
	bool			 beat_written;	/* a heartbeat was written */
	char			*pending_state;	/* changelog state to write */
	unsigned		 beat_failures;
	uint64_t		 last_beat_wall_ms;	/* written, of the last
							   heartbeat read */
	double			 lag_seconds;

	/* Status. */
	struct event		*status_timer;
	uint64_t		 start_ms;
	uint64_t		 interest_ms;	/* last point of interest */
	int64_t			 rate_rows;	/* rows_copied at last sample */
	int64_t			 rows_per_second;

	/* Cut-over. */
	struct cutover		*cutover;
	unsigned		 cutover_failures;
	struct event		*retry_timer;
	struct event		*gate_timer;	/* heartbeat lag gate */
	uint64_t		 gate_wait_ms;	/* waiting for a short queue
						   and lag since */
	struct dbseq		 cleanup_seq;
	struct dbconn		*cleaner;	/* after the swap */
	uint64_t		 cutover_start_ms;	/* metrics: the total */
	/* --analyze-ghost-table-before-cutover: once, before the first
	 * attempt (and before replication is stopped for it). */
	struct dbconn		*analyzer;
	struct dbseq		 analyze_seq;
	bool			 analyzed;
	uint64_t		 analyze_start_ms;
	/* The ghost's deferred keys (--defer-secondary-indexes, or a
	 * --resume after it), built after the row copy on their own session
	 * while the DML goes on; the cut-over waits for them. */
	struct dbconn		*keyer;
	struct dbseq		 keys_seq;
	struct event		*keys_timer;	/* retry after a lost session */
	bool			 keys_done;
	unsigned		 keys_failures;
	uint64_t		 keys_start_ms;
	uint64_t		 keys_built_wall_ms;	/* 0: nothing built */

	char			*deferred;	/* a failure between phases */
	struct event		*fail_ev;	/* reports engine_fail's cause */
	char			*fail_cause;

	/* --exact-rowcount: counted on the inspected server during the copy. */
	bool			 counting;
	uint64_t		 count_start_ms;
	unsigned long		 count_thread;	/* to KILL QUERY it */
	struct dbconn		*killer;

	char			*throttle_reason;	/* "lag=..", or NULL */
	char			*state_text;

	/* The inspected server's lag, read from its copy of the heartbeat
	 * row (gh-ost's way): independent of how far our stream has got, so
	 * a full apply queue cannot hide the lag or fake one. */
	struct dbconn		*lagconn;
	struct event		*lag_timer;
	double			 replica_lag;
	bool			 replica_lag_known;

	/* Control: the throttler, hooks and the postpone gate. */
	struct throttler	*throttler;
	engine_hook_fn		 hook_fn;
	void			*hook_owner;
	bool			 hook_waiting;	/* a phase waits for a hook */
	bool			 rowcopy_hook_done;
	bool			 postponing;
	bool			 postpone_announced;
	bool			 stop_hook_done;
	bool			 marker_written;
	bool			 attempting;	/* a cut-over attempt runs */
	/* The marker was applied and the swap is under way: events read from
	 * now on may be the new table's (after the RENAME), so they are held:
	 * dropped if the swap succeeds, applied if the attempt fails. */
	bool			 marker_passed;
	char			*held_error;	/* stream error while held */
	int64_t			 last_status_hook;	/* elapsed second */

	/* --gtid: the GTID position (MariaDB) or executed set (MySQL) of
	 * the last transaction received. */
	bool			 gtid;
	struct coords_gtid_pos	 gtid_pos;
	struct coords_uuid_set	 gtid_set;

	/* --checkpoint: progress written to _t_ghk; --resume reads it. */
	struct dbconn		*chk_conn;
	struct event		*chk_timer;
	struct event		*chk_poll;
	bool			 chk_inflight;
	bool			 chk_waiting;	/* for the apply to catch up */
	uint64_t		 chk_deadline_ms;
	int64_t			 chk_target;	/* rows_queued at the snapshot */
	struct sqlbuild_checkpoint chk;
	char			*chk_coords;
	struct keyval		 chk_min, chk_max;
	int64_t			 rows_queued;	/* row changes ever queued */
	int64_t			 open_rows;	/* ... of a transaction whose
						   COMMIT has not come yet */
	int64_t			 rows_done;	/* ... and applied */
	/* The copied prefix: chunks are numbered in key order by their
	 * lookup and may finish out of order; a checkpoint records only the
	 * chunks before the first one not yet copied. */
	int64_t			 copied_next;	/* that first one's number */
	struct chunk		*copied_early;	/* finished ahead of it */
	size_t			 ncopied_early;
	struct keyval		 chunk_lo;	/* the prefix's last chunk: */
	struct keyval		 copied_hi;	/* its bounds */
	char			*cutover_coords;	/* before the marker */
	bool			 resumed;
};

static void	engine_pump(struct engine *);
static void	engine_fail(struct engine *, char *);
static void	engine_fail_cb(evutil_socket_t, short, void *);
static void	engine_gtid_note(struct engine *, const char *);
static void	engine_drop_prebuilt(struct engine *);
static char	*engine_coords_text(const struct engine *);
static void	engine_cutover_begin(struct engine *);

/* ---- small helpers ---- */

/* Arm a timer for ms milliseconds. */
static void
engine_arm(struct event *ev, uint64_t ms)
{
	struct timeval	tv;

	tv.tv_sec = (time_t)(ms / 1000);
	tv.tv_usec = (suseconds_t)((ms % 1000) * 1000);
	evtimer_add(ev, &tv);
}

/* A fresh session on the applier. */
static struct dbconn *
engine_applier_conn(struct engine *e, const char *name, bool multi)
{
	struct dbconn_params	 p;
	struct dbconn		*c;

	dbconn_params_copy(&p, &e->ctx->applier_params);
	p.rw_timeout = 0;	/* a chunk may take long on a big table */
	/* --panic-on-warnings appends SHOW WARNINGS to the writes. */
	p.multi_statements = multi || e->ctx->cfg->panic_on_warnings;
	c = dbconn_create(e->ctx->base, &p, name);
	dbconn_params_release(&p);
	return c;
}

static void
keyval_release(struct keyval *k)
{
	size_t	i;

	for (i = 0; i < k->n; i++)
		free(k->data[i]);
	free(k->data);
	free(k->v);
	memset(k, 0, sizeof *k);
}

/* Set k from n columns of row 0 of res, starting at column first. */
static void
keyval_from_columns(struct keyval *k, struct dbresult *res, unsigned first,
    size_t n)
{
	size_t	i;

	keyval_release(k);
	k->n = n;
	k->v = xcalloc(n ? n : 1, sizeof *k->v);
	k->data = xcalloc(n ? n : 1, sizeof *k->data);
	for (i = 0; i < n; i++) {
		const char	*d = dbresult_value(res, 0, first + (unsigned)i);
		unsigned long	 len = dbresult_length(res, 0, first + (unsigned)i);

		if (d == NULL) {
			k->v[i].is_null = true;
			continue;
		}
		k->data[i] = xmalloc(len + 1);
		memcpy(k->data[i], d, len);
		k->data[i][len] = '\0';
		k->v[i].data = k->data[i];
		k->v[i].len = len;
	}
	k->set = true;
}

/* Copy row 0 of a result into k. */
static void
keyval_from_result(struct keyval *k, struct dbresult *res)
{
	keyval_from_columns(k, res, 0, dbresult_nfields(res));
}

/* Is this error one where waiting a moment is enough (a deadlock with the
 * DML session or another chunk, a lock wait timeout)? */
static bool
engine_lock_error(const struct dberror *err)
{
	return err->code == 1213 || err->code == 1205;
}

/* Replace dst with a copy of src. */
static void
keyval_copy(struct keyval *dst, const struct keyval *src)
{
	size_t	i;

	keyval_release(dst);
	if (!src->set)
		return;
	dst->n = src->n;
	dst->v = xcalloc(src->n ? src->n : 1, sizeof *dst->v);
	dst->data = xcalloc(src->n ? src->n : 1, sizeof *dst->data);
	for (i = 0; i < src->n; i++) {
		dst->v[i] = src->v[i];
		if (src->data[i] != NULL) {
			dst->data[i] = xmalloc(src->v[i].len + 1);
			memcpy(dst->data[i], src->data[i], src->v[i].len);
			dst->data[i][src->v[i].len] = '\0';
			dst->v[i].data = dst->data[i];
		}
	}
	dst->set = true;
}

/* "v1,v2" of a key value as gh-ost logs it (NULL as "NULL"). */
static char *
keyval_text(const struct keyval *k)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < k->n; i++) {
		if (i > 0)
			buf_addc(&b, ',');
		if (k->v[i].is_null)
			buf_adds(&b, "NULL");
		else
			buf_add(&b, k->v[i].data, k->v[i].len);
	}
	return buf_detach(&b);
}

/* Call the phase callback once. */
static void
engine_callback(struct engine *e, char *cause)
{
	engine_fn	 fn = e->fn;
	void		*arg = e->fn_arg;

	e->fn = NULL;
	e->fn_arg = NULL;
	if (fn != NULL)
		fn(arg, cause);
	else if (cause != NULL && e->deferred == NULL)
		e->deferred = cause;	/* reported when the next phase starts */
	else
		free(cause);
}

/* Start a phase: remember its callback, or report a failure that happened
 * while no phase was running. Returns false if the phase must not start. */
static bool
engine_phase_begin(struct engine *e, engine_fn fn, void *arg)
{
	char	*cause;

	if (e->deferred != NULL) {
		cause = e->deferred;
		e->deferred = NULL;
		fn(arg, cause);
		return false;
	}
	e->fn = fn;
	e->fn_arg = arg;
	return true;
}

/* Stop everything and report the cause. */
static void
engine_fail(struct engine *e, char *cause)
{
	static const struct timeval	now = { 0, 0 };
	unsigned			i;

	if (e->phase == ENGINE_FAILED || e->phase == ENGINE_DONE) {
		free(cause);
		return;
	}
	log_debugf("engine failing: %s", cause);
	e->phase = ENGINE_FAILED;
	evtimer_del(e->beat_timer);
	evtimer_del(e->status_timer);
	evtimer_del(e->cursor_timer);
	for (i = 0; i < e->nworkers; i++)
		evtimer_del(e->workers[i].timer);
	evtimer_del(e->retry_timer);
	evtimer_del(e->gate_timer);
	evtimer_del(e->lag_timer);
	evtimer_del(e->keys_timer);
	/* Closing the cut-over sessions releases any lock at once. */
	cutover_free(e->cutover);
	e->cutover = NULL;
	/* The owner hears of it on the next turn of the loop: it may free
	 * the engine, and engine_fail is often called from deep inside the
	 * engine's own code (a query's callback can run within
	 * dbconn_query), which goes on touching it once this returns. */
	e->fail_cause = cause;
	evtimer_add(e->fail_ev, &now);
}

static void
engine_fail_cb(evutil_socket_t fd, short events, void *arg)
{
	struct engine	*e = arg;
	char		*cause = e->fail_cause;

	e->fail_cause = NULL;
	engine_callback(e, cause);
}

/* Ask the owner to run hooks; without an owner they trivially succeed. */
static void
engine_hook(struct engine *e, const char *name, const char *const *extra,
    void (*cont)(void *, char *), void *arg)
{
	if (e->hook_fn == NULL) {
		if (cont != NULL)
			cont(arg, NULL);
		return;
	}
	e->hook_fn(e->hook_owner, name, extra, cont, arg);
}

/* Install the hook runner. */
void
engine_set_hooks(struct engine *e, engine_hook_fn fn, void *owner)
{
	e->hook_fn = fn;
	e->hook_owner = owner;
}

/* ---- changelog writes (heartbeat and states) on the beat session ---- */

static void	engine_beat_write(struct engine *);

/* A changelog write returned. */
static void
engine_beat_cb(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;
	char		*text;

	e->beat_inflight = false;
	if (err != NULL) {
		text = dbseq_error_text(err);
		log_warn("changelog write failed: %s", text);
		if (++e->beat_failures > (unsigned)e->ctx->cfg->default_retries) {
			engine_fail(e, xasprintf("injectHeartbeat writing failed "
			    "%u times, last error: %s", e->beat_failures, text));
			free(text);
			return;
		}
		free(text);
		if (!dbconn_connected(c)) {
			dbconn_free(e->beat);
			e->beat = engine_applier_conn(e, "heartbeat", false);
			dbconn_connect(e->beat, NULL, NULL);
		}
		return;
	}
	e->beat_failures = 0;
	/* The first heartbeat follows GhostTableMigrated at once, not a
	 * --heartbeat-interval-millis later: the cut-over waits for one to
	 * come through the stream (a small table is copied by then). */
	if (e->pending_state != NULL || !e->beat_written)
		engine_beat_write(e);
}

/* Write the pending state, or else a heartbeat, if the session is idle. */
static void
engine_beat_write(struct engine *e)
{
	struct buf	 b = BUF_INIT;
	char		 value[64];
	struct timespec	 ts;
	struct tm	 tm;

	if (e->beat_inflight || !dbconn_connected(e->beat) || dbconn_busy(e->beat))
		return;
	/* Hibernating after critical-load: nothing touches the servers. */
	if (e->throttler != NULL && throttler_hibernating(e->throttler))
		return;
	if (e->pending_state != NULL) {
		/* gh-ost writes the state row and a "state at <ns>" log row. */
		sqlbuild_changelog(&b, e->ctx->database, e->ctx->changelog_table,
		    "state", e->pending_state, e->row_alias);
		free(e->pending_state);
		e->pending_state = NULL;
	} else {
		clock_gettime(CLOCK_REALTIME, &ts);
		gmtime_r(&ts.tv_sec, &tm);
		strftime(value, sizeof value, "%Y-%m-%dT%H:%M:%S", &tm);
		snprintf(value + strlen(value), sizeof value - strlen(value),
		    ".%09ldZ", ts.tv_nsec);
		sqlbuild_changelog(&b, e->ctx->database, e->ctx->changelog_table,
		    "heartbeat", value, e->row_alias);
		e->beat_written = true;
	}
	e->beat_inflight = true;
	dbconn_query(e->beat, buf_str(&b), engine_beat_cb, e);
	buf_release(&b);
}

/* Queue a changelog state write. */
static void
engine_write_state(struct engine *e, const char *state)
{
	free(e->pending_state);
	e->pending_state = xstrdup(state);
	engine_beat_write(e);
}

/* Heartbeat timer. */
static void
engine_beat_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct engine	*e = arg;

	engine_beat_write(e);
	engine_arm(e->beat_timer, (uint64_t)e->ctx->cfg->heartbeat_interval_millis);
}

/* Parse an RFC 3339 UTC time with nanoseconds into ms since the epoch. */
static bool
engine_parse_beat(const char *s, uint64_t *ms)
{
	struct tm	 tm;
	const char	*frac;
	long		 ns = 0;
	int		 digits = 0;
	time_t		 t;

	memset(&tm, 0, sizeof tm);
	if (sscanf(s, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	    &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if ((t = timegm(&tm)) == (time_t)-1)
		return false;
	if ((frac = strchr(s, '.')) != NULL) {
		for (frac++; isdigit((unsigned char)*frac) && digits < 9; frac++) {
			ns = ns * 10 + (*frac - '0');
			digits++;
		}
		for (; digits < 9; digits++)
			ns *= 10;
	}
	*ms = (uint64_t)t * 1000 + (uint64_t)ns / 1000000;
	return true;
}

/* ---- GTIDs ---- */

/* A transaction's GTID went by: "domain-server-seq" (MariaDB) or
 * "uuid:gno" (MySQL). */
static void
engine_gtid_note(struct engine *e, const char *text)
{
	struct coords_gtid	 g;
	const char		*colon;
	uint8_t			 uuid[16];
	uint64_t		 gno;
	char			*cause = NULL;

	if (e->ctx->inspector.is_mariadb) {
		if (coords_gtid_parse(&g, text, &cause) == 0)
			coords_gtid_pos_update(&e->gtid_pos, &g);
		free(cause);
		return;
	}
	if ((colon = strrchr(text, ':')) == NULL ||
	    coords_uuid_parse(uuid, text, (size_t)(colon - text)) != 0)
		return;
	gno = strtoull(colon + 1, NULL, 10);
	if (gno > 0)
		coords_uuid_set_add(&e->gtid_set, uuid, gno, gno);
}

/* Where the stream is, as a checkpoint records it: the GTID position or
 * set with --gtid, else "file:pos" of the last commit. Allocated. */
static char *
engine_coords_text(const struct engine *e)
{
	if (e->gtid)
		return e->ctx->inspector.is_mariadb ?
		    coords_gtid_pos_format(&e->gtid_pos) :
		    coords_uuid_set_format(&e->gtid_set);
	return xstrdup(e->position != NULL ? e->position : "");
}

/* ---- the binlog ---- */

/* A row of our changelog table came through the binlog. */
static void
engine_changelog_row(struct engine *e, const struct rowimage_row *row)
{
	const struct rowimage_value	*hint, *value;
	struct pending			*p;
	uint64_t			 beat_ms, now_ms;

	if (row == NULL || row->ncols < CHANGELOG_NCOLS)
		return;
	hint = &row->values[2];
	value = &row->values[3];
	if (hint->str == NULL || value->str == NULL)
		return;
	if (strcmp(hint->str, "heartbeat") == 0) {
		if (!engine_parse_beat(value->str, &beat_ms))
			return;
		now_ms = util_wall_ns() / 1000000;
		e->lag_seconds = now_ms > beat_ms ?
		    (double)(now_ms - beat_ms) / 1000.0 : 0.0;
		e->last_beat_wall_ms = beat_ms;
		return;
	}
	if (strcmp(hint->str, "state") != 0)
		return;
	log_info("Intercepted changelog state %s", value->str);
	if (strncmp(value->str, "AllEventsUpToLockProcessed:", 27) == 0) {
		/* Everything the binlog had before this row is queued ahead
		 * of it: when the pump reaches it, all of that is applied. */
		p = xcalloc(1, sizeof *p);
		p->marker = xstrdup(value->str);
		p->coords = engine_coords_text(e);
		if (e->tail != NULL)
			e->tail->next = p;
		else
			e->head = p;
		e->tail = p;
		engine_pump(e);
	}
}

/* One binlog item, in commit order. */
static void
engine_binlog_cb(struct binlog_item *item, void *arg)
{
	struct engine		*e = arg;
	struct pending		*p;
	size_t			 i;
	bool			 is_changelog;

	if (e->phase == ENGINE_CLEANUP || e->phase == ENGINE_DONE) {
		binlog_item_free(item);
		return;
	}
	switch (item->kind) {
	case BINLOG_ITEM_ERROR:
		if (e->marker_passed && e->held_error == NULL) {
			/* Likely the new table's first event after the swap:
			 * fatal only if this attempt turns out to fail. */
			e->held_error = xasprintf("binlog stream: %s", item->cause);
			binlog_item_free(item);
			return;
		}
		engine_fail(e, xasprintf("binlog stream: %s", item->cause));
		binlog_item_free(item);
		return;
	case BINLOG_ITEM_COMMIT:
		free(e->position);
		e->position = coords_format(&item->coords);
		if (e->gtid && item->coords.gtid != NULL)
			engine_gtid_note(e, item->coords.gtid);
		binlog_item_free(item);
		if (e->open_rows > 0) {
			e->open_rows = 0;
			engine_pump(e);		/* a whole transaction to apply */
		}
		return;
	case BINLOG_ITEM_ROWS:
		break;
	}
	is_changelog = strcasecmp(item->table, e->ctx->changelog_table) == 0;
	if (is_changelog) {
		for (i = 0; i < item->rows.nrows; i++) {
			if (item->rows.after != NULL)
				engine_changelog_row(e, &item->rows.after[i]);
			if (e->phase == ENGINE_FAILED)
				break;
		}
		binlog_item_free(item);
		return;
	}
	if (item->rows.nrows == 0 || e->phase == ENGINE_FAILED) {
		binlog_item_free(item);
		return;
	}
	p = xcalloc(1, sizeof *p);
	p->item = item;
	if (e->tail != NULL)
		e->tail->next = p;
	else
		e->head = p;
	e->tail = p;
	e->backlog += item->rows.nrows;
	e->backlog_bytes += item->bytes;
	e->rows_queued += (int64_t)item->rows.nrows;
	e->open_rows += (int64_t)item->rows.nrows;
	if ((e->backlog >= QUEUE_CAPACITY ||
	    e->backlog_bytes >= QUEUE_MAX_BYTES) && !e->paused) {
		/* Back-pressure: the reader's bounded queue fills and its
		 * thread waits; memory stays bounded, in rows and, for wide
		 * rows, in bytes. Held back, the rows of a transaction still
		 * open are applied without waiting for its COMMIT. */
		e->paused = true;
		binlog_pause(e->binlog, true);
	}
	engine_pump(e);
}

/* The schema facts rowimage needs for a column. */
static void
engine_schema_column(struct rowimage_column *rc, const struct column *c)
{
	memset(rc, 0, sizeof *rc);
	rc->is_unsigned = c->is_unsigned;
	if (c->charset != NULL)
		rowimage_column_set_charset(rc, c->charset);
	if (c->type == COLUMN_TYPE_BINARY || c->type == COLUMN_TYPE_VARBINARY ||
	    c->type == COLUMN_TYPE_BLOB || c->type == COLUMN_TYPE_GEOMETRY ||
	    c->type == COLUMN_TYPE_INET_UUID)
		rc->is_binary = true;
	rc->pad_length = column_pad_length(c);
}

/* Start the binlog reader at e->start: a file position, or with --gtid on
 * MariaDB a GTID position (e->start.file NULL). */
static int
engine_reader_start(struct engine *e, char **cause)
{
	struct migration_ctx	*ctx = e->ctx;
	struct rowimage_column	*schema;
	struct dbconn_params	 p;
	char			*at;
	unsigned		 server_id;
	size_t			 i;

	/* A fresh server id per run unless the user fixed one: a reused id
	 * whose old dump thread lingers delays the stream by seconds. */
	if (ctx->cfg->replica_server_id_set)
		server_id = ctx->cfg->replica_server_id;
	else
		server_id = 1000000000u + (unsigned)((util_wall_ns() / 1000 +
		    (uint64_t)getpid() * 7919) % 1000000000u);
	dbconn_params_copy(&p, &ctx->inspector_params);
	e->binlog = binlog_create(ctx->base, &p, server_id,
	    ctx->cfg->binlogsyncer_max_reconnect_attempts, engine_binlog_cb, e);
	dbconn_params_release(&p);

	schema = xcalloc(ctx->orig_columns.n, sizeof *schema);
	for (i = 0; i < ctx->orig_columns.n; i++)
		engine_schema_column(&schema[i], &ctx->orig_columns.v[i]);
	binlog_watch(e->binlog, ctx->database, ctx->table, schema,
	    (unsigned)ctx->orig_columns.n);
	free(schema);
	schema = xcalloc(CHANGELOG_NCOLS, sizeof *schema);
	schema[0].is_unsigned = true;
	rowimage_column_set_charset(&schema[2], "ascii");
	rowimage_column_set_charset(&schema[3], "ascii");
	binlog_watch(e->binlog, ctx->database, ctx->changelog_table, schema,
	    CHANGELOG_NCOLS);
	free(schema);

	if (binlog_start(e->binlog, &e->start, cause) != 0) {
		at = *cause;
		*cause = xasprintf("starting the binlog stream: %s", at);
		free(at);
		return -1;
	}
	at = e->start.file != NULL ? coords_format(&e->start) :
	    xstrdup(e->start.gtid);
	log_info("Beginning streaming at %s (replica server id %u)", at,
	    server_id);
	free(e->position);
	e->position = at;
	return 0;
}

/* SHOW MASTER STATUS on the inspected server gave the start. */
static void
engine_stream_position_cb(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine		*e = arg;
	struct migration_ctx	*ctx = e->ctx;
	const char		*file, *pos, *set;
	char			*cause = NULL;

	if (err != NULL) {
		engine_callback(e, xasprintf("reading binlog position on %s: %s",
		    dbconn_key(c), err->message));
		return;
	}
	file = dbresult_value(res, 0, 0);
	pos = dbresult_value(res, 0, 1);
	if (file == NULL || pos == NULL) {
		engine_callback(e, xasprintf("%s must have binary logs enabled",
		    ctx->inspector.key));
		return;
	}
	coords_set(&e->start, file, strtoull(pos, NULL, 10));
	set = dbresult_nfields(res) >= 5 ? dbresult_value(res, 0, 4) : NULL;
	if (e->gtid && !ctx->inspector.is_mariadb && (set == NULL ||
	    coords_uuid_set_parse(&e->gtid_set, set, &cause) != 0)) {
		engine_callback(e, xasprintf("--gtid: %s has no usable "
		    "Executed_Gtid_Set%s%s", ctx->inspector.key,
		    cause != NULL ? ": " : "", cause != NULL ? cause : ""));
		free(cause);
		return;
	}
	if (engine_reader_start(e, &cause) != 0) {
		engine_callback(e, cause);
		return;
	}
	e->phase = ENGINE_STREAMING;
	engine_callback(e, NULL);
}

static void	engine_stream_master_status(struct engine *, struct dbconn *);

/* --gtid on MariaDB: the GTID position the stream's GTIDs add to. */
static void
engine_stream_gtid_cb(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;
	const char	*pos;
	char		*cause = NULL;

	if (err != NULL) {
		engine_callback(e, xasprintf("reading @@gtid_binlog_pos on %s: "
		    "%s", dbconn_key(c), err->message));
		return;
	}
	pos = dbresult_value(res, 0, 0);
	if (pos != NULL && *pos != '\0' &&
	    coords_gtid_pos_parse(&e->gtid_pos, pos, &cause) != 0) {
		engine_callback(e, xasprintf("--gtid: @@gtid_binlog_pos '%s': "
		    "%s", pos, cause));
		free(cause);
		return;
	}
	engine_stream_master_status(e, c);
}

static void
engine_stream_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine		*e = arg;
	const struct server_info *si = &e->ctx->inspector;

	if (err != NULL) {
		engine_callback(e, xasprintf("streamer (%s): %s", dbconn_key(c),
		    err->message));
		return;
	}
	if (e->gtid && si->is_mariadb) {
		/* The GTID position first, then the file position: the
		 * stream starts at the file position (a GTID start makes the
		 * server read its binlog up to it first) and records GTIDs
		 * from this position on, which is never ahead of it. */
		dbconn_query(c, "select /* wisp */ @@global.gtid_binlog_pos",
		    engine_stream_gtid_cb, e);
		return;
	}
	engine_stream_master_status(e, c);
}

static void
engine_stream_master_status(struct engine *e, struct dbconn *c)
{
	bool	new_terms;

	/* MySQL 8.2 renamed SHOW MASTER STATUS; 8.4 removed the old name. */
	new_terms = server_info_mysql_since(&e->ctx->inspector, 8, 2, 0);
	dbconn_query(c, new_terms ? "show /* wisp */ binary log status" :
	    "show /* wisp */ master status", engine_stream_position_cb, e);
}

/* Start the binlog reader at the inspected server's current position. */
void
engine_stream(struct engine *e, engine_fn fn, void *arg)
{
	struct dbconn_params	p;

	if (!engine_phase_begin(e, fn, arg))
		return;
	dbconn_params_copy(&p, &e->ctx->inspector_params);
	e->stream = dbconn_create(e->ctx->base, &p, "streamer");
	dbconn_params_release(&p);
	dbconn_connect(e->stream, engine_stream_connected, e);
}

/* The heartbeat session is connected. */
static void
engine_beat_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;

	if (err != NULL) {
		engine_fail(e, xasprintf("heartbeat session (%s): %s",
		    dbconn_key(c), err->message));
		return;
	}
	engine_write_state(e, "GhostTableMigrated");
	engine_beat_timer_cb(-1, 0, e);
}

/* Start the heartbeat and write GhostTableMigrated. Nothing waits for it
 * to come back: the ghost is inspected on the applier itself, and waiting
 * would let the apply queue fill with events that cannot be applied yet and
 * stall the stream that must deliver it. A stream that does not work shows
 * as a growing HeartbeatLag, which holds the cut-over. */
void
engine_wait_ghost_migrated(struct engine *e, engine_fn fn, void *arg)
{
	if (!engine_phase_begin(e, fn, arg))
		return;
	e->beat = engine_applier_conn(e, "heartbeat", false);
	dbconn_connect(e->beat, engine_beat_connected, e);
	engine_callback(e, NULL);
}

/* ---- the apply queue ---- */

/* Remove the queue's first entry. */
static void
engine_pop(struct engine *e)
{
	struct pending	*p = e->head;

	e->head = p->next;
	if (e->head == NULL)
		e->tail = NULL;
	if (p->item != NULL)
		e->backlog_bytes -= p->item->bytes;
	binlog_item_free(p->item);
	free(p->marker);
	free(p->coords);
	free(p);
}

/* Which DML a rows event is. */
static enum sqlbuild_dml
engine_dml_kind(uint8_t type)
{
	switch (type) {
	case ROWIMAGE_EV_WRITE_ROWS_V1:
	case ROWIMAGE_EV_WRITE_ROWS_V2:
		return SQLBUILD_DML_INSERT;
	case ROWIMAGE_EV_UPDATE_ROWS_V1:
	case ROWIMAGE_EV_UPDATE_ROWS_V2:
		return SQLBUILD_DML_UPDATE;
	default:
		return SQLBUILD_DML_DELETE;
	}
}

/* --panic-on-warnings: judge the SHOW WARNINGS results in the chain from
 * res on, statement by statement (gh-ost: ApplyIterationInsertQuery for
 * the copy, executeBatchWithWarningChecking for DML). 0 when the only
 * warnings are duplicates on the migration key; else -1, every other
 * warning logged and *cause in gh-ost's words. */
static int
engine_warnings(struct engine *e, struct dbresult *res, bool copy,
    char **cause)
{
	const struct unique_key	*key = e->ctx->plan.key;
	const char		*kname = key->name_in_ghost != NULL ?
				    key->name_in_ghost : key->name;
	const char		*msg;
	struct dbresult		*r;
	struct buf		 list = BUF_INIT, one = BUF_INIT;
	size_t			 i, n = 0, stmt = 0, bad_stmt = 0, nbad = 0;

	for (r = res; r != NULL; r = dbresult_next(r))
		n += dbresult_nfields(r) > 0;
	for (r = res; r != NULL && nbad == 0; r = dbresult_next(r)) {
		if (dbresult_nfields(r) == 0)
			continue;	/* a DML statement's own result */
		stmt++;
		for (i = 0; i < dbresult_nrows(r); i++) {
			msg = dbresult_get(r, i, "Message");
			if (reply_warning_expected(msg, e->ctx->ghost_table,
			    kname)) {
				log_debugf("tolerated: %s", msg);
				continue;
			}
			buf_reset(&one);
			reply_warning_text(&one, dbresult_get(r, i, "Level"),
			    dbresult_get(r, i, "Code"), msg);
			if (copy)
				log_info("ApplyIterationInsertQuery has SQL "
				    "warnings! %s", buf_str(&one));
			if (nbad++ > 0)
				buf_adds(&list, copy ? "; " : " ");
			buf_adds(&list, buf_str(&one));
			bad_stmt = stmt;
		}
	}
	buf_release(&one);
	if (nbad == 0) {
		buf_release(&list);
		return 0;
	}
	if (copy)
		*cause = xasprintf("ApplyIterationInsertQuery failed because of "
		    "SQL warnings: [%s]", buf_str(&list));
	else
		*cause = xasprintf("warnings detected in statement %zu of %zu: "
		    "[%s]", bad_stmt, n, buf_str(&list));
	buf_release(&list);
	log_error("%s", *cause);
	return -1;
}

/* The DML batch committed (or failed). */
static void
engine_dml_cb(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;
	struct pending	*p;
	size_t		 left, take;
	char		*text;

	if (err == NULL && e->ctx->cfg->panic_on_warnings &&
	    !e->dml_committing) {
		/* The batch's transaction is open: commit it only if its
		 * warnings are harmless; failing closes the session, which
		 * rolls it back. */
		if (engine_warnings(e, res, false, &text) != 0) {
			engine_fail(e, text);
			return;
		}
		e->dml_committing = true;
		dbconn_query(e->dml, "commit", engine_dml_cb, e);
		return;
	}
	e->dml_committing = false;
	e->dml_inflight = false;
	metrics_query(e->ctx->metrics, "target", "binlog_apply",
	    util_now_ms() - e->dml_start_ms, err == NULL);
	if (err != NULL) {
		text = dbseq_error_text(err);
		if (++e->dml_failures > (unsigned)e->ctx->cfg->default_retries) {
			engine_fail(e, xasprintf("applying binlog events to the "
			    "ghost table failed %u times: %s", e->dml_failures,
			    text));
			free(text);
			return;
		}
		log_warn("applying binlog events failed (%u): %s; retrying",
		    e->dml_failures, text);
		free(text);
		engine_drop_prebuilt(e);
		/* A fresh session drops the half-done transaction: at once
		 * after a lock error (a deadlock with a chunk), else a second
		 * later. */
		dbseq_release(&e->dml_seq);
		dbconn_free(e->dml);
		e->dml = NULL;
		e->dml_ready = false;
		metrics_sleep(e->ctx->metrics, "retry_backoff",
		    engine_lock_error(err) ? 10 : 1000);
		engine_arm(e->retry_timer, engine_lock_error(err) ? 10 : 1000);
		return;
	}
	e->dml_failures = 0;
	e->dml_applied += (int64_t)e->inflight_rows;
	e->rows_done += (int64_t)e->inflight_rows;
	for (left = e->inflight_rows; left > 0;) {
		p = e->head;
		take = p->item->rows.nrows - p->next_row;
		if (take > left)
			take = left;
		p->next_row += take;
		left -= take;
		e->backlog -= take;
		if (p->next_row == p->item->rows.nrows)
			engine_pop(e);
	}
	e->inflight_rows = 0;
	if (e->paused && e->backlog < QUEUE_CAPACITY / 2 &&
	    e->backlog_bytes < QUEUE_MAX_BYTES / 2) {
		e->paused = false;
		binlog_pause(e->binlog, false);
	}
	engine_pump(e);
}

/* The row changes one DML round trip carries at most. */
static size_t
engine_round_trip_rows(const struct engine *e)
{
	const struct config	*cfg = e->ctx->cfg;

	return (size_t)e->ctx->rt.dml_batch_size * (cfg->panic_on_warnings ?
	    1 : (size_t)cfg->dml_round_trip_transactions);
}

/* A round trip stops taking transactions past this much SQL. */
#define APPLY_ROUND_BYTES	(1024 * 1024)

/* Add the next transaction's statements (up to --dml-batch-size row
 * changes from *pp, row *ip on, fewer when the rows are wide: no more
 * once they add up to APPLY_ROUND_BYTES of decoded images) to sql;
 * advance the position. The number of row changes taken, 0 when none are
 * left, -1 on failure. */
static ssize_t
engine_build_txn(struct engine *e, struct pending **pp, size_t *ip,
    struct buf *sql)
{
	struct sqlbuild_batch	 batch;
	struct pending		*p = *pp;
	size_t			 i = *ip, limit, rows = 0, bytes = 0;
	char			*cause = NULL;
	const struct rowimage_row *before, *after;

	limit = (size_t)e->ctx->rt.dml_batch_size;
	/* --panic-on-warnings: a statement per row, whose warnings are read
	 * after it (gh-ost counts "statement i of n" that way). One change
	 * per transaction gains nothing by key, and would make an UPDATE two
	 * statements. */
	if (e->ctx->cfg->panic_on_warnings)
		sqlbuild_batch_init(&batch, 1);
	else if (e->keyed && limit > 1)
		sqlbuild_batch_init_keyed(&batch);
	else
		sqlbuild_batch_init(&batch, limit);
	while (p != NULL && p->item != NULL && rows < limit &&
	    bytes < APPLY_ROUND_BYTES) {
		if (i == p->item->rows.nrows) {
			p = p->next;
			i = 0;
			continue;
		}
		before = p->item->rows.before != NULL ?
		    &p->item->rows.before[i] : NULL;
		after = p->item->rows.after != NULL ?
		    &p->item->rows.after[i] : NULL;
		if (sqlbuild_batch_add(e->sb, &batch,
		    engine_dml_kind(p->item->rows.event_type), before, after,
		    &cause) != 0) {
			sqlbuild_batch_release(&batch);
			engine_fail(e, xasprintf("building DML for the ghost "
			    "table: %s", cause));
			free(cause);
			return -1;
		}
		/* Queued items have rows (engine_binlog_cb). */
		bytes += p->item->bytes / p->item->rows.nrows;
		rows++;
		i++;
	}
	if (rows > 0) {
		if (sql->len > 0)
			buf_adds(sql, ";\n");
		if (e->ctx->cfg->panic_on_warnings)
			sqlbuild_batch_join_checked(&batch, sql);
		else
			sqlbuild_batch_join(&batch, true, sql);
	}
	sqlbuild_batch_release(&batch);
	*pp = p;
	*ip = i;
	return (ssize_t)rows;
}

/* Forget the round trip built ahead. */
static void
engine_drop_prebuilt(struct engine *e)
{
	buf_release(&e->pre_sql);
	e->pre_rows = 0;
}

/* Build one round trip of DML from row i of p on, where avail row changes
 * are queued (never past a marker): transactions of --dml-batch-size row
 * changes each, as gh-ost applies them, up to --dml-round-trip-transactions
 * of them when more are queued (one with --panic-on-warnings, whose
 * transaction stays open until its warnings are judged). Rows of a
 * transaction whose COMMIT has not been read yet start a transaction only
 * when they fill it. On MariaDB the round trip is one compound statement.
 * Returns the row changes taken (0: none), -1 on failure; *full when the
 * round trip carries all it may (then a build from the same rows later
 * would make the same text). */
static ssize_t
engine_build_round(struct engine *e, struct pending *p, size_t i,
    size_t avail, struct buf *sql, bool *full)
{
	size_t		 rows = 0, left, limit, ntxn;
	ssize_t		 n;
	struct buf	 block = BUF_INIT;

	*full = false;
	limit = (size_t)e->ctx->rt.dml_batch_size;
	ntxn = e->ctx->cfg->panic_on_warnings ? 1 :
	    (size_t)e->ctx->cfg->dml_round_trip_transactions;
	for (;;) {
		if (ntxn-- == 0 || sql->len >= APPLY_ROUND_BYTES) {
			*full = true;
			break;
		}
		left = avail - rows;
		if (rows > 0 && (left == 0 || ((int64_t)left <= e->open_rows &&
		    left < limit && !e->paused)))
			break;
		if ((n = engine_build_txn(e, &p, &i, sql)) < 0)
			return -1;
		if (n == 0)
			break;
		rows += (size_t)n;
	}
	/* One compound statement where the server has them: it answers the
	 * round trip with one OK packet instead of one per statement (four
	 * per transaction), which the server sends and wisp wakes up for;
	 * measured in doc/benchmarks.md. The statements, and how a failure
	 * stops them, are the same. */
	if (rows > 0 && e->dml_block && !e->ctx->cfg->panic_on_warnings) {
		buf_adds(&block, "begin not atomic\n");
		buf_add(&block, sql->data, sql->len);
		buf_adds(&block, ";\nend");
		buf_release(sql);
		*sql = block;
	}
	return (ssize_t)rows;
}

/* While a full round trip runs, build the next one from the rows after
 * it: the server's work and wisp's then overlap. Only a full one, which a
 * build at the completion would make the same (one built from a short
 * queue would make later round trips short); it goes out only if the one
 * in flight succeeds. */
static void
engine_prebuild(struct engine *e)
{
	struct pending	*p = e->head;
	size_t		 i, skip = e->inflight_rows, avail;
	ssize_t		 n;
	bool		 full;

	if (e->ctx->cfg->panic_on_warnings || e->pre_rows > 0 || p == NULL ||
	    !e->dml_inflight)
		return;
	avail = e->backlog - e->inflight_rows;
	if (avail < engine_round_trip_rows(e))
		return;
	for (i = p->next_row; skip > 0;) {
		if (p->item == NULL)
			return;
		if (skip < p->item->rows.nrows - i) {
			i += skip;
			break;
		}
		skip -= p->item->rows.nrows - i;
		p = p->next;
		i = 0;
		if (p == NULL)
			return;
	}
	if ((n = engine_build_round(e, p, i, avail, &e->pre_sql, &full)) <= 0 ||
	    !full) {
		engine_drop_prebuilt(e);
		return;
	}
	e->pre_rows = (size_t)n;
}

/* Send the DML from the head of the queue: the round trip built ahead if
 * there is one, else a new one. Returns true if DML went out. */
static bool
engine_apply_batch(struct engine *e)
{
	struct buf	 sql = BUF_INIT;
	size_t		 rows;
	ssize_t		 n;
	bool		 full;

	if (e->head == NULL)
		return false;
	if (e->pre_rows > 0) {
		sql = e->pre_sql;
		rows = e->pre_rows;
		buf_init(&e->pre_sql);
		e->pre_rows = 0;
	} else {
		n = engine_build_round(e, e->head, e->head->next_row,
		    e->backlog, &sql, &full);
		if (n <= 0) {
			buf_release(&sql);
			return false;
		}
		rows = (size_t)n;
	}
	e->inflight_rows = rows;
	e->dml_inflight = true;
	e->dml_start_ms = util_now_ms();
	dbconn_query(e->dml, buf_str(&sql), engine_dml_cb, e);
	buf_release(&sql);
	engine_prebuild(e);
	return true;
}

/* ---- the row copy ---- */

/*
 * The cursor looks ranges up one after another (each lookup starts where
 * the last one ended) and keeps up to nworkers of them ready; each worker
 * copies one range at a time on its own session, so that several
 * INSERT .. SELECT run at once. A range is handed to a worker only when no
 * binlog change waits (binlog first); the DML session keeps applying while
 * chunks run. Why that converges is in doc/engine.md: DML goes in commit
 * order on one session, and a chunk's locking read holds its rows until it
 * commits, so every later change to them is applied after the chunk.
 */

static void	engine_worker_connect(struct copy_worker *);
static void	engine_cursor_connect(struct engine *);

static const char *const worker_state_names[] = {
	"down", "connecting", "idle", "copying", "resting",
};
static const char *const cursor_state_names[] = {
	"down", "connecting", "idle", "lookup", "done",
};

/* Move a worker to another state. */
static void
engine_worker_set(struct copy_worker *w, enum worker_state state)
{
	if (w->state != state)
		log_debugf("%s: rowcopy-%u: %s -> %s", __func__, w->id,
		    worker_state_names[w->state], worker_state_names[state]);
	w->state = state;
}

/* Move the cursor to another state. */
static void
engine_cursor_set(struct engine *e, enum cursor_state state)
{
	if (e->cursor != state)
		log_debugf("%s: %s -> %s", __func__,
		    cursor_state_names[e->cursor], cursor_state_names[state]);
	e->cursor = state;
}

/* Release a chunk's key values. */
static void
chunk_release(struct chunk *c)
{
	keyval_release(&c->start);
	keyval_release(&c->end);
	memset(c, 0, sizeof *c);
}

/* nice-ratio: a worker's pause is over; or a worker is to reconnect. */
static void
engine_worker_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct copy_worker	*w = arg;

	if (w->state == WORKER_DOWN) {
		engine_worker_connect(w);
		return;
	}
	if (w->state == WORKER_RESTING)
		engine_worker_set(w, WORKER_IDLE);
	engine_pump(w->e);
}

/* Drop a worker's session; reconnect after ms. Its chunk, if any, goes
 * back to the front of the ready ranges for whichever worker is free. */
static void
engine_worker_down(struct copy_worker *w, uint64_t ms)
{
	struct engine	*e = w->e;

	dbseq_release(&w->seq);
	dbconn_free(w->conn);
	w->conn = NULL;
	engine_worker_set(w, WORKER_DOWN);
	if (w->has_chunk) {
		memmove(&e->ready[1], &e->ready[0], e->nready * sizeof e->ready[0]);
		e->ready[0] = w->chunk;
		e->nready++;
		memset(&w->chunk, 0, sizeof w->chunk);
		w->has_chunk = false;
	}
	engine_arm(w->timer, ms);
}

/* A worker's session could not be set up. */
static void
engine_worker_session_failed(struct copy_worker *w, char *text)
{
	struct engine	*e = w->e;

	if (++w->failures > (unsigned)e->ctx->cfg->default_retries) {
		engine_fail(e, xasprintf("row copy session failed %u times: %s",
		    w->failures, text));
		free(text);
		return;
	}
	log_warn("row copy session %u: %s; retrying", w->id, text);
	free(text);
	engine_worker_down(w, 1000);
}

static void
engine_worker_session_done(void *arg, char *cause)
{
	struct copy_worker	*w = arg;

	if (cause != NULL) {
		engine_worker_session_failed(w, cause);
		return;
	}
	w->failures = 0;
	engine_worker_set(w, WORKER_IDLE);
	engine_pump(w->e);
}

static const struct dbseq_step copy_session_steps[];

static void
engine_worker_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct copy_worker	*w = arg;

	if (err != NULL) {
		engine_worker_session_failed(w, dbseq_error_text(err));
		return;
	}
	dbseq_start(&w->seq, c, copy_session_steps, 1, w->e,
	    engine_worker_session_done, w);
}

/* Open a worker's session. */
static void
engine_worker_connect(struct copy_worker *w)
{
	char	name[32];

	snprintf(name, sizeof name, "rowcopy-%u", w->id);
	w->conn = engine_applier_conn(w->e, name, false);
	engine_worker_set(w, WORKER_CONNECTING);
	dbconn_connect(w->conn, engine_worker_connected, w);
}

/* ---- deferred keys ---- */

static void	engine_keys_start(struct engine *);

/* The deferred keys are built (or there were none): the cut-over may
 * begin. A lost session is retried; a server error is final. */
static void
engine_keys_built(void *arg, char *cause)
{
	struct engine		*e = arg;
	struct migration_ctx	*ctx = e->ctx;

	dbseq_release(&e->keys_seq);
	dbconn_free(e->keyer);
	e->keyer = NULL;
	if (cause != NULL) {
		if (!ctx->keys_failed_hard &&
		    ++e->keys_failures <= (unsigned)ctx->cfg->default_retries) {
			log_info("%s; retrying in 1s", cause);
			free(cause);
			engine_arm(e->keys_timer, 1000);
			return;
		}
		engine_fail(e, xasprintf("%s: rerun once the cause is mended "
		    "(with --resume if --checkpoint was on), or without "
		    "--defer-secondary-indexes", cause));
		free(cause);
		return;
	}
	if (ctx->deferred.n > 0) {
		log_info("Deferred keys of the ghost table built in %" PRIu64
		    "ms", util_now_ms() - e->keys_start_ms);
		e->keys_built_wall_ms = util_wall_ns() / 1000000;
	}
	e->keys_done = true;
	engine_pump(e);
}

static void
engine_keys_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;

	if (err != NULL) {
		engine_keys_built(e, dbseq_error_text(err));
		return;
	}
	dbseq_start(&e->keys_seq, c, applier_keys_steps, applier_nkeys_steps,
	    e->ctx, engine_keys_built, e);
}

static void
engine_keys_start(struct engine *e)
{
	if (e->keys_start_ms == 0)
		e->keys_start_ms = util_now_ms();
	e->keyer = engine_applier_conn(e, "keys", false);
	dbconn_connect(e->keyer, engine_keys_connected, e);
}

static void
engine_keys_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct engine	*e = arg;

	if (e->phase == ENGINE_COPY)
		engine_keys_start(e);
}

/* The row-copy-complete hooks ran: the deferred keys are built next. */
static void
engine_rowcopy_hooked(void *arg, char *cause)
{
	struct engine	*e = arg;

	e->hook_waiting = false;
	if (cause != NULL) {
		engine_fail(e, cause);
		return;
	}
	e->rowcopy_hook_done = true;
	if (!e->keys_done)
		engine_keys_start(e);
	engine_pump(e);
}

/* The row copy is complete: its sessions are closed. */
static void
engine_copy_complete(struct engine *e)
{
	struct copy_worker	*w;
	unsigned		 i;

	for (i = 0; i < e->nworkers; i++) {
		w = &e->workers[i];
		evtimer_del(w->timer);
		dbseq_release(&w->seq);
		dbconn_free(w->conn);
		w->conn = NULL;
		engine_worker_set(w, WORKER_DOWN);
	}
	if (e->copy != NULL && !dbconn_busy(e->copy)) {
		dbseq_release(&e->copy_seq);
		dbconn_free(e->copy);
		e->copy = NULL;
	}
	e->copy_complete = true;
	e->copy_end_ms = util_now_ms();
	e->interest_ms = util_now_ms();
	log_info("Row copy complete");
	e->hook_waiting = true;
	engine_hook(e, HOOK_ROW_COPY_COMPLETE, NULL, engine_rowcopy_hooked, e);
}

/* A chunk is copied: the copied prefix grows over it and over the
 * chunks that finished ahead of it. Takes the chunk over. */
static void
engine_chunk_copied(struct engine *e, struct chunk *ch)
{
	struct chunk	t;
	size_t		i;

	if (ch->iteration != e->copied_next) {
		e->copied_early = xreallocarray(e->copied_early,
		    e->ncopied_early + 1, sizeof *e->copied_early);
		e->copied_early[e->ncopied_early++] = *ch;
		memset(ch, 0, sizeof *ch);
		return;
	}
	t = *ch;
	memset(ch, 0, sizeof *ch);
	for (;;) {
		keyval_copy(&e->chunk_lo, &t.start);
		keyval_copy(&e->copied_hi, &t.end);
		e->copied_next++;
		chunk_release(&t);
		for (i = 0; i < e->ncopied_early; i++) {
			if (e->copied_early[i].iteration == e->copied_next)
				break;
		}
		if (i == e->ncopied_early)
			return;
		t = e->copied_early[i];
		e->copied_early[i] = e->copied_early[--e->ncopied_early];
	}
}

/* A chunk's INSERT .. SELECT returned. */
static void
engine_worker_cb(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct copy_worker	*w = arg;
	struct engine		*e = w->e;
	char			*text;
	uint64_t		 took = util_now_ms() - w->sent_ms;

	metrics_query(e->ctx->metrics, "target", "chunk_copy", took,
	    err == NULL);
	engine_worker_set(w, WORKER_IDLE);
	if (e->phase == ENGINE_FAILED)
		return;
	if (err != NULL) {
		text = dbseq_error_text(err);
		if (++w->chunk.failures > (unsigned)e->ctx->cfg->default_retries) {
			engine_fail(e, xasprintf("row copy failed %u times: %s",
			    w->chunk.failures, text));
			free(text);
			return;
		}
		log_warn("row copy failed (%u): %s; retrying", w->chunk.failures,
		    text);
		{
			char		*var = hooks_var_batch_copy_error(text);
			const char	*extra[] = { var, NULL };

			engine_hook(e, HOOK_BATCH_COPY_RETRY, extra, NULL, NULL);
			free(var);
		}
		free(text);
		/* The chunk is sent again, as is, on a fresh session: it is
		 * INSERT IGNORE, so repeating it is harmless. A lock error
		 * (likely a deadlock with the DML or another chunk) is
		 * retried at once, anything else a second later. */
		metrics_sleep(e->ctx->metrics, "retry_backoff",
		    engine_lock_error(err) ? 10 : 1000);
		engine_worker_down(w, engine_lock_error(err) ? 10 : 1000);
		engine_pump(e);
		return;
	}
	if (e->ctx->cfg->panic_on_warnings &&
	    engine_warnings(e, dbresult_next(res), true, &text) != 0) {
		engine_fail(e, text);
		return;
	}
	log_debugf("%s: chunk %" PRId64 " (%" PRId64 " rows asked) copied %"
	    PRIu64 " rows in %" PRIu64 " ms on session %u", __func__,
	    w->chunk.iteration, w->chunk.rows, dbresult_affected_rows(res), took,
	    w->id);
	e->rows_copied += (int64_t)dbresult_affected_rows(res);
	e->iteration++;
	chunker_observe(&e->chunker, w->chunk.rows, took);
	engine_chunk_copied(e, &w->chunk);
	w->has_chunk = false;
	/* nice-ratio: sleep in proportion to the time the chunk took. */
	if (e->ctx->rt.nice_ratio > 0) {
		uint64_t pause = (uint64_t)((double)took * e->ctx->rt.nice_ratio);

		if (pause >= 1)
			metrics_sleep(e->ctx->metrics, "chunk_throttle", pause);
		engine_worker_set(w, WORKER_RESTING);
		engine_arm(w->timer, pause);
	}
	engine_pump(e);
}

/* Send a worker's chunk. */
static void
engine_worker_send(struct copy_worker *w)
{
	struct engine	*e = w->e;
	struct buf	 sql = BUF_INIT;
	char		*cause = NULL;

	if (sqlbuild_copy_chunk(e->sb, w->chunk.start.v, w->chunk.include_start,
	    w->chunk.end.v, &sql, &cause) != 0) {
		engine_fail(e, xasprintf("building the row copy: %s", cause));
		free(cause);
		buf_release(&sql);
		return;
	}
	if (e->ctx->cfg->panic_on_warnings) {
		buf_adds(&sql, ";\n");
		sqlbuild_show_warnings(&sql);
	}
	engine_worker_set(w, WORKER_COPYING);
	w->sent_ms = util_now_ms();
	dbconn_query(w->conn, buf_str(&sql), engine_worker_cb, w);
	buf_release(&sql);
}

/* Drop the cursor's session; reconnect after ms. */
static void
engine_cursor_down(struct engine *e, uint64_t ms)
{
	dbseq_release(&e->copy_seq);
	dbconn_free(e->copy);
	e->copy = NULL;
	engine_cursor_set(e, CURSOR_DOWN);
	engine_arm(e->cursor_timer, ms);
}

/* A cursor query or session set-up failed: retry, within
 * --default-retries. */
static void
engine_cursor_failed(struct engine *e, char *text)
{
	if (++e->cursor_failures > (unsigned)e->ctx->cfg->default_retries) {
		engine_fail(e, xasprintf("row copy failed %u times: %s",
		    e->cursor_failures, text));
		free(text);
		return;
	}
	log_warn("row copy range lookup failed (%u): %s; retrying",
	    e->cursor_failures, text);
	free(text);
	engine_cursor_down(e, 1000);
}

static void
engine_cursor_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	engine_cursor_connect(arg);
}

static void
engine_cursor_session_done(void *arg, char *cause)
{
	struct engine	*e = arg;

	if (cause != NULL) {
		engine_cursor_failed(e, cause);
		return;
	}
	engine_cursor_set(e, CURSOR_IDLE);
	engine_pump(e);
}

static void
engine_cursor_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;

	if (err != NULL) {
		engine_cursor_failed(e, dbseq_error_text(err));
		return;
	}
	dbseq_start(&e->copy_seq, c, copy_session_steps, 1, e,
	    engine_cursor_session_done, e);
}

/* Reopen the cursor's session after a failure. */
static void
engine_cursor_connect(struct engine *e)
{
	e->copy = engine_applier_conn(e, "rowcopy", false);
	engine_cursor_set(e, CURSOR_CONNECTING);
	dbconn_connect(e->copy, engine_cursor_connected, e);
}

/* A range end lookup returned. */
static void
engine_cursor_cb(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;
	struct chunk	*ch;

	metrics_query(e->ctx->metrics, "source", "range_select",
	    util_now_ms() - e->lookup_start_ms, err == NULL);
	engine_cursor_set(e, CURSOR_IDLE);
	if (e->phase == ENGINE_FAILED)
		return;
	if (err != NULL) {
		engine_cursor_failed(e, dbseq_error_text(err));
		engine_pump(e);
		return;
	}
	e->cursor_failures = 0;
	if (dbresult_nrows(res) == 0) {
		/* OFFSET finds nothing when fewer than a chunk of rows remain;
		 * the other form finds the last one. */
		if (!e->last_form)
			e->last_form = true;
		else if (e->first_chunk) {
			/* The minimum exists, yet nothing compares >= to it:
			 * the key's values do not read back as what they are.
			 * Copying nothing and swapping would empty the table. */
			engine_fail(e, xstrdup("the row copy found no rows from "
			    "the key's own minimum: the values of the chosen "
			    "unique key cannot be compared by wisp; nothing was "
			    "swapped"));
			return;
		} else {
			engine_cursor_set(e, CURSOR_DONE);
			e->ranges_done = true;
		}
		engine_pump(e);
		return;
	}
	ch = &e->ready[e->nready++];
	memset(ch, 0, sizeof *ch);
	keyval_copy(&ch->start, e->first_chunk ? &e->min : &e->last);
	ch->include_start = e->first_chunk;
	keyval_from_result(&ch->end, res);
	ch->rows = e->lookup_rows;
	ch->iteration = e->lookups++;
	keyval_copy(&e->last, &ch->end);
	e->first_chunk = false;
	/* Rows may have come in meanwhile: look again with OFFSET. */
	e->last_form = false;
	engine_pump(e);
}

/* Look the next range's end up. */
static void
engine_cursor_send(struct engine *e)
{
	struct buf	 sql = BUF_INIT;
	char		*cause = NULL;

	/* gh-ost's chunk-size command: a fixed size from now on. */
	if (e->ctx->rt.chunk_size != e->chunk_size_seen ||
	    (e->chunk_time_on && e->ctx->rt.chunk_time <= 0)) {
		e->chunk_size_seen = e->ctx->rt.chunk_size;
		e->chunk_time_on = false;
		chunker_set_rows(&e->chunker, e->chunk_size_seen);
	}
	e->lookup_rows = chunker_rows(&e->chunker);
	if (sqlbuild_range_end(e->sb, e->last_form ? SQLBUILD_END_TEMPTABLE :
	    SQLBUILD_END_OFFSET, e->first_chunk ? e->min.v : e->last.v,
	    e->first_chunk, e->max.v, (uint64_t)e->lookup_rows,
	    (uint64_t)e->lookups, &sql, &cause) != 0) {
		engine_fail(e, xasprintf("building the row copy: %s", cause));
		free(cause);
		buf_release(&sql);
		return;
	}
	engine_cursor_set(e, CURSOR_LOOKUP);
	e->lookup_start_ms = util_now_ms();
	dbconn_query(e->copy, buf_str(&sql), engine_cursor_cb, e);
	buf_release(&sql);
}

/* Is a chunk in flight? */
static bool
engine_copying(const struct engine *e)
{
	unsigned	i;

	for (i = 0; i < e->nworkers; i++) {
		if (e->workers[i].state == WORKER_COPYING)
			return true;
	}
	return false;
}

/* Look ranges up ahead, hand them to idle workers (only when no binlog
 * change waits), and notice the end of the copy. */
static void
engine_copy_pump(struct engine *e)
{
	struct copy_worker	*w;
	unsigned		 i;
	bool			 busy = false;

	if (e->copy_complete)
		return;
	if (e->head == NULL && !e->dml_inflight) {
		for (i = 0; i < e->nworkers; i++) {
			w = &e->workers[i];
			if (w->state != WORKER_IDLE)
				continue;
			if (!w->has_chunk) {
				if (e->nready == 0)
					break;
				w->chunk = e->ready[0];
				memmove(&e->ready[0], &e->ready[1],
				    --e->nready * sizeof e->ready[0]);
				w->has_chunk = true;
			}
			engine_worker_send(w);
			if (e->phase == ENGINE_FAILED)
				return;
		}
	}
	if (e->cursor == CURSOR_IDLE && !e->ranges_done &&
	    e->nready < e->nworkers)
		engine_cursor_send(e);
	if (!e->ranges_done || e->nready > 0)
		return;
	for (i = 0; i < e->nworkers; i++) {
		if (e->workers[i].has_chunk)
			busy = true;
	}
	if (!busy)
		engine_copy_complete(e);
}

/* How many chunks at once, and the workers for them. */
static void
engine_workers_start(struct engine *e)
{
	const struct migration_ctx	*ctx = e->ctx;
	struct chunker_facts		 f;
	enum chunker_reason		 why;
	size_t				 i;
	unsigned			 n;

	memset(&f, 0, sizeof f);
	f.requested = ctx->cfg->copy_concurrency;
	f.cores = sysconf(_SC_NPROCESSORS_ONLN);
	f.autoinc_lock_mode = e->autoinc_lock_mode;
	for (i = 0; i < ctx->ghost_columns.n; i++) {
		if (ctx->ghost_columns.v[i].is_auto_increment)
			f.ghost_autoinc = true;
	}
	f.transactional = e->transactional;
	n = chunker_concurrency(&f, &why);
	e->table_locked = chunker_table_locked(&f);
	log_info("Copying rows with %u chunk%s at a time (%s)", n,
	    n == 1 ? "" : "s", chunker_reason_text(why));
	if (why == CHUNKER_GIVEN && n > 1 && f.ghost_autoinc &&
	    f.autoinc_lock_mode != 2)
		log_warn("--copy-concurrency=%u: the ghost table's AUTO-INC "
		    "lock (innodb_autoinc_lock_mode=%d) will make chunks wait "
		    "for each other", n, f.autoinc_lock_mode);
	if (e->chunk_time_on)
		log_info("Chunk size: %" PRId64 " rows to start, then what takes "
		    "%.3gs (--chunk-time)", chunker_rows(&e->chunker),
		    ctx->rt.chunk_time);
	else
		log_info("Chunk size: %" PRId64 " rows", chunker_rows(&e->chunker));
	e->nworkers = n;
	e->workers = xcalloc(n, sizeof *e->workers);
	for (i = 0; i < n; i++) {
		e->workers[i].e = e;
		e->workers[i].id = (unsigned)i + 1;
		e->workers[i].timer = evtimer_new(ctx->base,
		    engine_worker_timer_cb, &e->workers[i]);
		if (e->workers[i].timer == NULL)
			fatalx("%s: evtimer_new failed", __func__);
		engine_worker_connect(&e->workers[i]);
	}
}

/* ---- writer sessions ---- */

static char *
dml_session_sql(void *arg)
{
	struct engine	*e = arg;

	return applier_session_sql(e->ctx, "+00:00");
}

static char *
copy_session_sql(void *arg)
{
	struct engine	*e = arg;

	return applier_session_sql(e->ctx, e->ctx->applier_time_zone);
}

/* Can the session run a round trip as one compound statement? MariaDB
 * (10.1.1 on) can, with transactions inside; MySQL cannot outside stored
 * programs, and refuses the probe: then statements go one by one in a
 * multi-statement text. */
static char *
dml_block_sql(void *arg)
{
	(void)arg;
	return xstrdup("begin not atomic start transaction; commit; end");
}

static int
dml_block_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct engine	*e = arg;

	(void)res;
	(void)cause;
	e->dml_block = err == NULL;
	log_info("DML session: a round trip goes as %s", e->dml_block ?
	    "one compound statement (BEGIN NOT ATOMIC)" :
	    "a multi-statement text");
	return DBSEQ_NEXT;
}

static const struct dbseq_step dml_session_steps[] = {
	{ "set DML session", dml_session_sql, NULL, 0 },
	{ "probe compound statements", dml_block_sql, dml_block_done,
	    DBSEQ_TOLERATE_ERROR },
};
static const struct dbseq_step copy_session_steps[] = {
	{ "set copy session", copy_session_sql, NULL, 0 },
};

/* The DML session could not be set up: count it as a failure of the DML
 * and try again on the next pump (bounded by --default-retries). */
static void
engine_session_failed(struct engine *e, char *text)
{
	if (++e->dml_failures > (unsigned)e->ctx->cfg->default_retries) {
		engine_fail(e, xasprintf("DML session failed %u times: %s",
		    e->dml_failures, text));
		free(text);
		return;
	}
	log_warn("DML session: %s; retrying", text);
	free(text);
	dbseq_release(&e->dml_seq);
	dbconn_free(e->dml);
	e->dml = NULL;
	e->dml_ready = false;
	engine_arm(e->retry_timer, 1000);
}

static void
engine_dml_session_done(void *arg, char *cause)
{
	struct engine	*e = arg;

	if (cause != NULL) {
		engine_session_failed(e, cause);
		return;
	}
	e->dml_ready = true;
	engine_pump(e);
}

static void
engine_writer_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;

	if (err != NULL) {
		engine_session_failed(e, dbseq_error_text(err));
		return;
	}
	dbseq_start(&e->dml_seq, c, dml_session_steps,
	    nitems(dml_session_steps), e, engine_dml_session_done, e);
}

/* Make sure the DML session exists; true when it is ready. */
static bool
engine_dml_session(struct engine *e)
{
	if (e->dml == NULL && !evtimer_pending(e->retry_timer, NULL)) {
		e->dml = engine_applier_conn(e, "dml", true);
		dbconn_connect(e->dml, engine_writer_connected, e);
	}
	return e->dml_ready;
}

/* ---- throttling ---- */

/* gh-ost's HeartbeatLag: how old the last heartbeat read from the stream
 * was written, now. It keeps growing when the stream falls behind (old
 * heartbeats still arrive, late) and when it stops (none arrive); the time
 * since one was last read would not show the first. -1 before the first. */
static double
engine_heartbeat_lag(const struct engine *e)
{
	uint64_t	now_ms = util_wall_ns() / 1000000;

	if (e->last_beat_wall_ms == 0)
		return -1;
	return now_ms > e->last_beat_wall_ms ?
	    (double)(now_ms - e->last_beat_wall_ms) / 1000.0 : 0.0;
}

/* The replication lag as the heartbeat shows it (0 before the first). */
static double
engine_lag(const struct engine *e)
{
	double	lag = engine_heartbeat_lag(e);

	return lag < 0 ? e->lag_seconds : lag;
}

/* Should the copy and the apply wait? Sets the reason gh-ost shows. Also
 * while the cut-over waits (postponed, or between attempts), as gh-ost's
 * applier does; never during an attempt, which holds the table's lock. */
static bool
engine_throttle_decide(struct engine *e)
{
	const char	*reason = NULL;

	free(e->throttle_reason);
	e->throttle_reason = NULL;
	if (e->throttler != NULL && throttler_hibernating(e->throttler)) {
		throttler_throttled(e->throttler, &reason);
		e->throttle_reason = xstrdup(reason != NULL ? reason :
		    "critical-load-hibernate");
		return true;
	}
	if (e->phase != ENGINE_COPY &&
	    (e->phase != ENGINE_CUTOVER || e->attempting))
		return false;
	if (e->throttler != NULL && throttler_throttled(e->throttler, &reason)) {
		e->throttle_reason = xstrdup(reason != NULL ? reason : "throttled");
		return true;
	}
	return false;
}

/* engine_throttle_decide, and the throttle metrics of its answer. */
static bool
engine_throttled(struct engine *e)
{
	bool	throttled = engine_throttle_decide(e);

	metrics_throttle(e->ctx->metrics, throttled, e->throttle_reason,
	    util_now_ms());
	return throttled;
}

/* throttler ops: the inspected server's lag as its heartbeat row shows
 * it; until read once, the heartbeat seen through the stream. */
static double
engine_lag_op(void *arg)
{
	struct engine	*e = arg;

	return e->replica_lag_known ? e->replica_lag : engine_lag(e);
}

static void
engine_lag_cb(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;
	const char	*v;
	uint64_t	 beat_ms, now_ms;

	if (err != NULL) {
		if (!dbconn_connected(c)) {
			dbconn_free(e->lagconn);
			e->lagconn = NULL;
		}
		return;
	}
	if ((v = dbresult_value(res, 0, 0)) == NULL ||
	    !engine_parse_beat(v, &beat_ms))
		return;
	now_ms = util_wall_ns() / 1000000;
	e->replica_lag = now_ms > beat_ms ? (double)(now_ms - beat_ms) / 1000.0 :
	    0.0;
	e->replica_lag_known = true;
}

static void
engine_lag_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;

	if (err != NULL) {
		dbconn_free(e->lagconn);
		e->lagconn = NULL;
	}
}

/* Read the heartbeat row on the inspected server; re-arms itself. */
static void
engine_lag_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct engine		*e = arg;
	struct dbconn_params	 p;
	char			*q;
	int64_t			 ms = e->ctx->cfg->heartbeat_interval_millis;

	if (e->lagconn == NULL) {
		dbconn_params_copy(&p, &e->ctx->inspector_params);
		if (p.rw_timeout == 0)
			p.rw_timeout = 10;
		e->lagconn = dbconn_create(e->ctx->base, &p, "lag");
		dbconn_params_release(&p);
		dbconn_connect(e->lagconn, engine_lag_connected, e);
	} else if (dbconn_connected(e->lagconn) && !dbconn_busy(e->lagconn) &&
	    (e->throttler == NULL || !throttler_hibernating(e->throttler))) {
		q = sqlbuild_qualified(e->ctx->database, e->ctx->changelog_table);
		dbconn_queryf(e->lagconn, engine_lag_cb, e, "select /* wisp */ "
		    "value from %s where hint = 'heartbeat' and id <= 255", q);
		free(q);
	}
	engine_arm(e->lag_timer, (uint64_t)(ms < 100 ? 100 : ms));
}

static void
engine_panic_op(void *arg, char *cause)
{
	engine_fail(arg, cause);
}

static bool
engine_lock_injected_op(void *arg)
{
	return ((struct engine *)arg)->marker_written;
}

/* ---- the pump: binlog DML first, then chunks ---- */

/* Decide the next writes. Binlog DML goes whenever its session is free; a
 * new chunk only when no binlog change waits, so the ghost converges (see
 * the row copy above); markers pass only once everything before them is
 * applied. The cut-over begins when every chunk is done and nothing waits. */
static void
engine_pump(struct engine *e)
{
	if (e->phase != ENGINE_COPY && e->phase != ENGINE_CUTOVER &&
	    e->phase != ENGINE_RANGE)
		return;
	if (!engine_dml_session(e))
		return;
	if (engine_throttled(e)) {
		/* Heartbeats go on; the throttle check reruns shortly. */
		if (!evtimer_pending(e->retry_timer, NULL))
			engine_arm(e->retry_timer, 100);
		return;
	}
	if (e->marker_passed)
		return;		/* held until the swap's outcome is known */
	if (!e->dml_inflight && !(e->table_locked && engine_copying(e))) {
		while (e->head != NULL && e->head->item == NULL) {
			char *marker = xstrdup(e->head->marker);
			char *at = e->head->coords;

			e->head->coords = NULL;
			engine_pop(e);
			if (e->cutover != NULL && e->marker_written &&
			    cutover_marker_applied(e->cutover, marker)) {
				e->marker_passed = true;
				free(e->cutover_coords);
				e->cutover_coords = at;
				at = NULL;
			}
			free(at);
			free(marker);
			if (e->phase == ENGINE_FAILED || e->marker_passed)
				return;
		}
		/* Only rows of a transaction still open: wait for its COMMIT
		 * (a few ms), so that one batch carries it whole, unless a
		 * batch is full already or the stream is held back. */
		if (e->head != NULL && ((int64_t)e->backlog > e->open_rows ||
		    e->paused ||
		    e->backlog >= (size_t)e->ctx->rt.dml_batch_size) &&
		    !engine_apply_batch(e) && e->phase == ENGINE_FAILED)
			return;
	}
	if (e->phase != ENGINE_COPY)
		return;
	engine_copy_pump(e);
	if (e->copy_complete && e->rowcopy_hook_done && e->keys_done &&
	    e->phase == ENGINE_COPY && !e->hook_waiting)
		engine_cutover_begin(e);
}

/* ---- checkpoints ---- */

#define CHECKPOINT_TIMEOUT_MS	2000	/* for the apply to catch up */

/* The checkpoint row went in (or not). */
static void
engine_chk_written(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;
	char		*text, *lo, *hi;

	e->chk_inflight = false;
	if (err != NULL) {
		text = dbseq_error_text(err);
		log_error("error attempting checkpoint: %s", text);
		free(text);
		/* A fresh session next time. */
		dbconn_free(e->chk_conn);
		e->chk_conn = NULL;
		return;
	}
	lo = keyval_text(&e->chk_min);
	hi = keyval_text(&e->chk_max);
	log_info("checkpoint success at coords=%s range_min=%s range_max=%s "
	    "iteration=%" PRId64, e->chk_coords, lo, hi, e->chk.iteration);
	free(lo);
	free(hi);
}

/* Send the snapshot taken by engine_chk_tick. */
static void
engine_chk_send(struct engine *e)
{
	struct buf	 sql = BUF_INIT;
	char		*cause = NULL;

	e->chk.coords = e->chk_coords;
	if (sqlbuild_checkpoint_insert(e->sb, e->ctx->checkpoint_table, &e->chk,
	    e->chk_min.v, e->chk_max.v, &sql, &cause) != 0) {
		log_error("error attempting checkpoint: %s", cause);
		free(cause);
		buf_release(&sql);
		return;
	}
	e->chk_inflight = true;
	dbconn_query(e->chk_conn, buf_str(&sql), engine_chk_written, e);
	buf_release(&sql);
}

static void
engine_chk_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;

	if (err != NULL) {
		e->chk_inflight = false;
		log_error("error attempting checkpoint: checkpoint session "
		    "(%s): %s", dbconn_key(c), err->message);
		dbconn_free(e->chk_conn);
		e->chk_conn = NULL;
		return;
	}
	e->chk_inflight = false;
	engine_chk_send(e);
}

/* Waiting for the apply to reach the snapshot's coordinates. */
static void
engine_chk_poll_cb(evutil_socket_t fd, short what, void *arg)
{
	struct engine	*e = arg;

	if (!e->chk_waiting)
		return;
	if (e->phase != ENGINE_COPY && e->phase != ENGINE_CUTOVER) {
		e->chk_waiting = false;
		return;
	}
	if (e->rows_done < e->chk_target) {
		if (util_now_ms() >= e->chk_deadline_ms) {
			e->chk_waiting = false;
			log_error("checkpoint attempt timed out after %ds",
			    CHECKPOINT_TIMEOUT_MS / 1000);
			return;
		}
		engine_arm(e->chk_poll, 50);
		return;
	}
	e->chk_waiting = false;
	if (e->chk_conn == NULL) {
		/* The copy session's time zone (the applier's global one is
		 * a fresh session's default) keeps temporal keys as read. */
		e->chk_conn = engine_applier_conn(e, "checkpoint", false);
		e->chk_inflight = true;
		dbconn_connect(e->chk_conn, engine_chk_connected, e);
		return;
	}
	engine_chk_send(e);
}

/* Every --checkpoint-seconds: snapshot the progress, wait until every row
 * change received up to the snapshot's coordinates is applied, write it.
 * A resume then streams from those coordinates and copies after the last
 * chunk: everything before both is in the ghost. */
static void
engine_chk_tick(evutil_socket_t fd, short what, void *arg)
{
	struct engine	*e = arg;
	char		 when[64];
	time_t		 now = time(NULL);
	struct tm	 tm;

	engine_arm(e->chk_timer, (uint64_t)e->ctx->cfg->checkpoint_seconds * 1000);
	if (e->phase != ENGINE_COPY && e->phase != ENGINE_CUTOVER)
		return;
	if (e->marker_written || e->chk_inflight || e->chk_waiting)
		return;		/* in the cut-over's critical section, or busy */
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S %z", &tm);
	log_info("starting checkpoint at %s", when);
	if (!e->copied_hi.set) {
		log_error("error attempting checkpoint: iteration range is "
		    "empty, not checkpointing");
		return;
	}
	free(e->chk_coords);
	e->chk_coords = engine_coords_text(e);
	memset(&e->chk, 0, sizeof e->chk);
	e->chk.iteration = e->copied_next;
	e->chk.rows_copied = e->rows_copied;
	e->chk.dml_applied = e->dml_applied;
	keyval_copy(&e->chk_min, &e->chunk_lo);
	keyval_copy(&e->chk_max, &e->copied_hi);
	e->chk_target = e->rows_queued;
	e->chk_deadline_ms = util_now_ms() + CHECKPOINT_TIMEOUT_MS;
	e->chk_waiting = true;
	engine_chk_poll_cb(-1, 0, e);
}

static char *
chk_drop_sql(void *arg)
{
	struct engine	*e = arg;
	struct buf	 b = BUF_INIT;

	if (!e->ctx->cfg->checkpoint || e->ctx->cfg->resume ||
	    e->ctx->cfg->revert)
		return NULL;
	sqlbuild_drop_table(&b, e->ctx->database, e->ctx->checkpoint_table);
	return buf_detach(&b);
}

static char *
chk_create_sql(void *arg)
{
	struct engine	*e = arg;
	struct buf	 b = BUF_INIT;

	if (!e->ctx->cfg->checkpoint || e->ctx->cfg->resume ||
	    e->ctx->cfg->revert)
		return NULL;
	sqlbuild_checkpoint_create(&b, e->ctx->database, e->ctx->checkpoint_table,
	    &e->ctx->orig_columns, e->ctx->plan.key);
	return buf_detach(&b);
}

static int
chk_create_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	log_info("Created checkpoint table");
	return DBSEQ_NEXT;
}

static char *
chk_read_sql(void *arg)
{
	struct engine	*e = arg;
	struct buf	 b = BUF_INIT;

	if (e->ctx->cfg->revert) {
		/* The key may differ from the reverted migration's: only the
		 * fixed columns are read. */
		char	*q = sqlbuild_qualified(e->ctx->database,
			    e->ctx->checkpoint_table);

		buf_addf(&b, "select /* wisp */ gh_ost_chk_coords, "
		    "gh_ost_is_cutover, gh_ost_chk_timestamp from %s order by "
		    "gh_ost_chk_id desc limit 1", q);
		free(q);
		return buf_detach(&b);
	}
	if (!e->ctx->cfg->resume)
		return NULL;
	sqlbuild_checkpoint_last(&b, e->sb, e->ctx->checkpoint_table);
	return buf_detach(&b);
}

/* Start the stream at the coordinates a checkpoint gave. */
static int
engine_start_at(struct engine *e, const char *coords, char **cause)
{
	struct migration_ctx	*ctx = e->ctx;
	char			*why = NULL;

	coords_release(&e->start);
	coords_init(&e->start);
	if (e->gtid && ctx->inspector.is_mariadb) {
		if (coords_gtid_pos_parse(&e->gtid_pos, coords, &why) != 0)
			goto bad;
		coords_set_gtid(&e->start, coords);
	} else if (e->gtid) {
		*cause = xasprintf("unable to start from GTID set %s: wisp's "
		    "binlog reader cannot start a MySQL stream at a GTID set; "
		    "run without --gtid (checkpoints then record file "
		    "positions)", coords);
		return -1;
	} else if (coords_parse(&e->start, coords, &why) != 0)
		goto bad;
	return engine_reader_start(e, cause);
bad:
	*cause = xasprintf("checkpoint coordinates '%s': %s", coords, why);
	free(why);
	return -1;
}

/* --revert: the last checkpoint must be the cut-over's; stream the new
 * table's changes from there into the old table. */
static int
chk_revert_done(struct engine *e, struct dbresult *res, char **cause)
{
	const char	*coords, *cut, *ts;
	char		*why = NULL;

	if (dbresult_nrows(res) == 0) {
		*cause = xasprintf("no checkpoint found, unable to revert: no "
		    "checkpoint found in %s table", e->ctx->checkpoint_table);
		return DBSEQ_FAIL;
	}
	coords = dbresult_value(res, 0, 0);
	cut = dbresult_value(res, 0, 1);
	ts = dbresult_value(res, 0, 2);
	if (coords == NULL || cut == NULL || strcmp(cut, "0") == 0) {
		*cause = xasprintf("last checkpoint is not after cutover, unable "
		    "to revert: coords=%s time=%s", coords != NULL ? coords : "",
		    ts != NULL ? ts : "");
		return DBSEQ_FAIL;
	}
	log_info("Reverting from the cut-over checkpoint at coords=%s", coords);
	if (engine_start_at(e, coords, &why) != 0) {
		*cause = xasprintf("unable to revert: %s", why);
		free(why);
		return DBSEQ_FAIL;
	}
	e->resumed = true;
	e->phase = ENGINE_RANGE;
	return DBSEQ_NEXT;
}

/* --resume: the last checkpoint sets where the stream and the copy go on. */
static int
chk_read_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct engine		*e = arg;
	struct migration_ctx	*ctx = e->ctx;
	size_t			 nkey = sqlbuild_key_ncolumns(e->sb);
	const char		*coords, *v;
	char			*lo, *hi, *why = NULL;

	if (err != NULL) {
		*cause = xasprintf("no checkpoint found, unable to %s: %s",
		    ctx->cfg->revert ? "revert" : "resume", err->message);
		return DBSEQ_FAIL;
	}
	if (ctx->cfg->revert)
		return chk_revert_done(e, res, cause);
	if (dbresult_nrows(res) == 0) {
		*cause = xasprintf("no checkpoint found, unable to resume: no "
		    "checkpoint found in %s table", ctx->checkpoint_table);
		return DBSEQ_FAIL;
	}
	if (dbresult_nfields(res) != 7 + 2 * nkey) {
		*cause = xasprintf("unable to resume: %s does not match the "
		    "migration's unique key", ctx->checkpoint_table);
		return DBSEQ_FAIL;
	}
	v = dbresult_value(res, 0, 6);
	if (v != NULL && strcmp(v, "0") != 0) {
		*cause = xstrdup("unable to resume: the last checkpoint is "
		    "after the cut-over: that migration completed");
		return DBSEQ_FAIL;
	}
	coords = dbresult_value(res, 0, 2);
	if (coords == NULL || *coords == '\0') {
		*cause = xstrdup("no checkpoint found, unable to resume: the "
		    "checkpoint has no binlog coordinates");
		return DBSEQ_FAIL;
	}
	v = dbresult_value(res, 0, 3);
	e->iteration = v != NULL ? strtoll(v, NULL, 10) : 0;
	v = dbresult_value(res, 0, 4);
	e->rows_copied = v != NULL ? strtoll(v, NULL, 10) : 0;
	v = dbresult_value(res, 0, 5);
	e->dml_applied = v != NULL ? strtoll(v, NULL, 10) : 0;
	keyval_from_columns(&e->chunk_lo, res, 7, nkey);
	keyval_from_columns(&e->last, res, 7 + (unsigned)nkey, nkey);
	keyval_copy(&e->copied_hi, &e->last);
	e->lookups = e->copied_next = e->iteration;
	e->resumed = true;
	lo = keyval_text(&e->chunk_lo);
	hi = keyval_text(&e->last);
	log_info("Resuming from checkpoint coords=%s range_min=%s range_max=%s "
	    "iteration=%" PRId64, coords, lo, hi, e->iteration);
	free(lo);
	free(hi);
	if (engine_start_at(e, coords, &why) != 0) {
		*cause = xasprintf("unable to resume: %s", why);
		free(why);
		return DBSEQ_FAIL;
	}
	e->phase = ENGINE_RANGE;
	return DBSEQ_NEXT;
}

/* ---- range ---- */

static char *
range_min_sql(void *arg)
{
	struct engine	*e = arg;
	struct buf	 b = BUF_INIT;

	sqlbuild_range_min(e->sb, &b);
	return buf_detach(&b);
}

static int
range_min_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct engine	*e = arg;

	if (dbresult_nrows(res) == 0)
		return DBSEQ_STOP;	/* an empty table: nothing to copy */
	keyval_from_result(&e->min, res);
	return DBSEQ_NEXT;
}

static char *
range_max_sql(void *arg)
{
	struct engine	*e = arg;
	struct buf	 b = BUF_INIT;

	sqlbuild_range_max(e->sb, &b);
	return buf_detach(&b);
}

static int
range_max_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct engine	*e = arg;

	if (dbresult_nrows(res) == 0)
		return DBSEQ_STOP;
	keyval_from_result(&e->max, res);
	return DBSEQ_NEXT;
}

static char *
autoinc_mode_sql(void *arg)
{
	return xstrdup("select /* wisp */ @@global.innodb_autoinc_lock_mode");
}

static int
autoinc_mode_done(void *arg, struct dbresult *res, const struct dberror *err,
    char **cause)
{
	struct engine	*e = arg;
	const char	*v = res != NULL ? dbresult_value(res, 0, 0) : NULL;

	e->autoinc_lock_mode = v != NULL ? atoi(v) : -1;
	return DBSEQ_NEXT;
}

static const struct dbseq_step range_steps[] = {
	{ "read innodb_autoinc_lock_mode", autoinc_mode_sql, autoinc_mode_done,
	  DBSEQ_TOLERATE_ERROR },
	{ "drop checkpoint table", chk_drop_sql, NULL, 0 },
	{ "create checkpoint table", chk_create_sql, chk_create_done, 0 },
	{ "read checkpoint", chk_read_sql, chk_read_done, 0 },
	{ "read migration range min", range_min_sql, range_min_done, 0 },
	{ "read migration range max", range_max_sql, range_max_done, 0 },
};

/* The before-row-copy hooks ran: copy ║ apply. */
static void
engine_copy_begin(void *arg, char *cause)
{
	struct engine	*e = arg;

	e->hook_waiting = false;
	if (cause != NULL) {
		engine_fail(e, cause);
		return;
	}
	e->phase = ENGINE_COPY;
	e->copy_started = true;
	/* Resumed: the copy goes on after the checkpoint's last chunk. */
	e->first_chunk = !e->resumed;
	e->copy_start_ms = util_now_ms();
	if (e->ctx->cfg->revert) {
		/* Nothing to copy: the old table has every row up to the
		 * cut-over; the stream brings the rest. */
		e->copy_complete = true;
		e->rowcopy_hook_done = true;
		e->copy_end_ms = util_now_ms();
		engine_pump(e);
		return;
	}
	if (e->ctx->cfg->checkpoint)
		engine_arm(e->chk_timer,
		    (uint64_t)e->ctx->cfg->checkpoint_seconds * 1000);
	if (!e->min.set || !e->max.set) {
		log_info("No rows found in table. Rowcopy will be implicitly empty");
		engine_copy_complete(e);
	}
	engine_pump(e);
}

/* The key's range is known. */
static void
engine_range_read(void *arg, char *cause)
{
	struct engine	*e = arg;

	if (cause != NULL) {
		engine_fail(e, xasprintf("reading the migration range: %s", cause));
		free(cause);
		return;
	}
	if (e->ctx->cfg->revert) {	/* no copy, no copy hooks (gh-ost) */
		engine_copy_begin(e, NULL);
		return;
	}
	engine_cursor_set(e, CURSOR_IDLE);
	if (e->min.set && e->max.set)
		engine_workers_start(e);
	e->hook_waiting = true;
	engine_hook(e, HOOK_BEFORE_ROW_COPY, NULL, engine_copy_begin, e);
}

/* The copy session is ready for the first time: read the range on it. */
static void
engine_range_start(void *arg, char *cause)
{
	struct engine	*e = arg;

	if (cause != NULL) {
		engine_fail(e, xasprintf("row copy session: %s", cause));
		free(cause);
		return;
	}
	dbseq_start(&e->copy_seq, e->copy, range_steps, nitems(range_steps), e,
	    engine_range_read, e);
}

/* ---- status ---- */

/* The state of the status line: migrating, or throttled and why. */
static const char *
engine_state(struct engine *e)
{
	free(e->state_text);
	e->state_text = NULL;
	if (e->postponing)
		return "postponing cut-over";
	if (e->phase == ENGINE_COPY)
		engine_throttled(e);	/* the decision now, not at the last write */
	if (e->throttle_reason == NULL)
		return "migrating";
	e->state_text = xasprintf("throttled, %s", e->throttle_reason);
	return e->state_text;
}

/* The numbers of the status line, now. */
static void
engine_snapshot(struct engine *e, struct status_snapshot *s)
{
	uint64_t	now = util_now_ms();

	memset(s, 0, sizeof *s);
	s->rows_copied = e->rows_copied;
	s->rows_estimate = e->ctx->rows_estimate;
	s->copy_complete = e->copy_complete;
	s->dml_applied = e->dml_applied;
	s->backlog = e->backlog;
	s->backlog_capacity = QUEUE_CAPACITY;
	s->elapsed_ms = now - e->start_ms;
	s->copy_elapsed_ms = e->copy_start_ms == 0 ? 0 :
	    (e->copy_end_ms != 0 ? e->copy_end_ms : now) - e->copy_start_ms;
	s->streamer = e->position;
	s->lag_seconds = e->replica_lag_known ? e->replica_lag : e->lag_seconds;
	s->heartbeat_lag_seconds = e->last_beat_wall_ms != 0 ?
	    engine_heartbeat_lag(e) : (double)(now - e->start_ms) / 1000.0;
	s->state = engine_state(e);
	s->postponing = e->postponing;
	s->rows_per_second = e->rows_per_second;
	s->extended = true;
	s->applied_per_second = e->applied_per_second;
	if (e->phase == ENGINE_COPY && !e->copy_complete) {
		s->chunks_at_once = e->nworkers;
		s->chunk_rows = chunker_rows(&e->chunker);
	}
}

/* Progress for hooks and commands. */
void
engine_progress(struct engine *e, struct engine_progress *p)
{
	struct status_snapshot	s;

	engine_snapshot(e, &s);
	p->rows_copied = s.rows_copied;
	p->rows_estimate = s.copy_complete ? s.rows_copied : s.rows_estimate;
	p->progress = status_progress(&s);
	p->eta_seconds = status_eta_seconds(&s);
	p->elapsed_ms = s.elapsed_ms;
	p->copy_elapsed_ms = s.copy_elapsed_ms;
	p->lag_seconds = s.lag_seconds;
	p->heartbeat_lag_seconds = s.heartbeat_lag_seconds;
}

/* gh-ost's reminder of what is being done. */
static void
engine_hint_text(struct engine *e, struct buf *b)
{
	const struct config	*cfg = e->ctx->cfg;
	const struct runtime	*rt = &e->ctx->rt;
	char			 host[256], when[64];
	struct tm		 tm;
	size_t			 n = 0;
	char			**v;

	if (gethostname(host, sizeof host) != 0)
		snprintf(host, sizeof host, "localhost");
	host[sizeof host - 1] = '\0';
	localtime_r(&e->ctx->start_time, &tm);
	strftime(when, sizeof when, "%a %b %e %H:%M:%S %z %Y", &tm);
	buf_addf(b, "# Migrating `%s`.`%s`; Ghost table is `%s`.`%s`\n",
	    e->ctx->database, e->ctx->table, e->ctx->database,
	    e->ctx->ghost_table);
	buf_addf(b, "# Migrating %s; inspecting %s; executing on %s\n",
	    e->ctx->applier.implied_key, e->ctx->inspector.implied_key, host);
	buf_addf(b, "# Migration started at %s\n", when);
	buf_addf(b, "# chunk-size: %" PRId64 "; max-lag-millis: %" PRId64 "ms; "
	    "dml-batch-size: %" PRId64 "; max-load: %s; critical-load: %s; "
	    "nice-ratio: %f\n", rt->chunk_size, rt->max_lag_millis,
	    rt->dml_batch_size, rt->max_load != NULL ? rt->max_load : "",
	    rt->critical_load != NULL ? rt->critical_load : "", rt->nice_ratio);
	if (cfg->throttle_flag_file != NULL)
		buf_addf(b, "# throttle-flag-file: %s %s\n", cfg->throttle_flag_file,
		    util_file_exists(cfg->throttle_flag_file) ? "[set]" : "");
	if (cfg->throttle_additional_flag_file != NULL)
		buf_addf(b, "# throttle-additional-flag-file: %s %s\n",
		    cfg->throttle_additional_flag_file,
		    util_file_exists(cfg->throttle_additional_flag_file) ?
		    "[set]" : "");
	if (rt->throttle_query != NULL)
		buf_addf(b, "# throttle-query: %s\n", rt->throttle_query);
	if (rt->throttle_control_replicas != NULL) {
		v = util_split(rt->throttle_control_replicas, ',', &n);
		util_free_strv(v);
		buf_addf(b, "# throttle-control-replicas count: %zu\n", n);
	}
	if (rt->postpone_flag_file != NULL)
		buf_addf(b, "# postpone-cut-over-flag-file: %s %s\n",
		    rt->postpone_flag_file,
		    util_file_exists(rt->postpone_flag_file) ? "[set]" : "");
	if (cfg->panic_flag_file != NULL)
		buf_addf(b, "# panic-flag-file: %s\n", cfg->panic_flag_file);
	if (cfg->serve_socket_file != NULL)
		buf_addf(b, "# Serving on unix socket: %s\n", cfg->serve_socket_file);
	if (cfg->serve_tcp_port > 0)
		buf_addf(b, "# Serving on TCP port: %" PRId64 "\n",
		    cfg->serve_tcp_port);
}

/* The status line (and the hint block) into b, for the status command. */
void
engine_status_text(struct engine *e, struct buf *b, bool with_hint)
{
	struct status_snapshot	 s;
	char			*line;

	if (with_hint)
		engine_hint_text(e, b);
	engine_snapshot(e, &s);
	line = status_line(&s);
	buf_addf(b, "%s\n", line);
	free(line);
}

/* Print the status line if due (or forced); fire the status hook every
 * --hooks-status-interval seconds. */
static void
engine_status(struct engine *e, bool force)
{
	struct status_snapshot	 s;
	uint64_t		 now = util_now_ms();
	int64_t			 elapsed, every;
	char			*line, *var;
	const char		*extra[2];

	engine_snapshot(e, &s);
	elapsed = (int64_t)(s.elapsed_ms / 1000);
	if (!force && !status_due(elapsed, status_eta_seconds(&s),
	    e->interest_ms == 0 ? -1 : (int64_t)((now - e->interest_ms) / 1000)))
		return;
	line = status_line(&s);
	printf("%s\n", line);
	fflush(stdout);
	log_info("%s", line);
	every = e->ctx->cfg->hooks_status_interval;
	if (every > 0 && elapsed % every == 0 && elapsed != e->last_status_hook) {
		e->last_status_hook = elapsed;
		var = hooks_var_status(line);
		extra[0] = var;
		extra[1] = NULL;
		engine_hook(e, HOOK_STATUS, extra, NULL, NULL);
		free(var);
	}
	free(line);
}

/* Print the hint block, as gh-ost does at the start. */
static void
engine_hint(struct engine *e)
{
	struct buf	b = BUF_INIT;

	engine_hint_text(e, &b);
	fputs(buf_str(&b), stdout);
	fflush(stdout);
	buf_release(&b);
}

/* gh-ost's progress gauges (emitProgressMetrics). */
static void
engine_metrics(struct engine *e)
{
	struct status_snapshot	s;

	if (e->ctx->metrics == NULL)
		return;
	engine_snapshot(e, &s);
	metrics_emit_progress(e->ctx->metrics, s.rows_copied, s.rows_estimate,
	    s.dml_applied);
	metrics_emit_backlog(e->ctx->metrics, (int64_t)s.backlog,
	    (int64_t)s.backlog_capacity);
	metrics_emit_lag(e->ctx->metrics, s.lag_seconds, s.heartbeat_lag_seconds,
	    e->throttle_reason != NULL);
	metrics_throttle(e->ctx->metrics, e->throttle_reason != NULL,
	    e->throttle_reason, util_now_ms());
}

/* Once a second: the copy rate, the status line and the metrics. */
static void
engine_status_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct engine	*e = arg;

	e->rows_per_second = e->rows_copied - e->rate_rows;
	e->rate_rows = e->rows_copied;
	e->applied_per_second = e->dml_applied - e->rate_applied;
	e->rate_applied = e->dml_applied;
	engine_status(e, false);
	engine_metrics(e);
	engine_arm(e->status_timer, 1000);
}

/* ---- exact row count, concurrent with the copy ---- */

static void
engine_count_cb(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;
	const char	*v;

	e->counting = false;
	metrics_query(e->ctx->metrics, "source", "row_count",
	    util_now_ms() - e->count_start_ms, err == NULL);
	if (err != NULL) {
		/* A count cancelled before the cut-over, or lost: the estimate
		 * stays. Never a reason to fail the migration. */
		log_info("exact row count did not complete: %s", err->message);
		return;
	}
	v = dbresult_value(res, 0, 0);
	e->ctx->rows_estimate = v != NULL ? strtoll(v, NULL, 10) : 0;
	e->ctx->rows_exact = true;
	log_info("Exact number of rows via COUNT: %" PRId64, e->ctx->rows_estimate);
	engine_hook(e, HOOK_ROWCOUNT_COMPLETE, NULL, NULL, NULL);
}

/* Start SELECT COUNT(*) on the streamer's idle session. */
static void
engine_count_start(struct engine *e)
{
	char	*q;

	if (!e->ctx->cfg->exact_rowcount || e->stream == NULL ||
	    !dbconn_connected(e->stream) || dbconn_busy(e->stream))
		return;
	log_info("As instructed, counting rows in the background; meanwhile I "
	    "will use an estimated count, and will update it later on");
	q = sqlbuild_qualified(e->ctx->database, e->ctx->table);
	e->counting = true;
	e->count_start_ms = util_now_ms();
	e->count_thread = dbconn_thread_id(e->stream);
	dbconn_queryf(e->stream, engine_count_cb, e, "select /* wisp */ count(*) "
	    "from %s", q);
	free(q);
}

static void
engine_killer_cb(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;

	if (err == NULL && !dbconn_busy(c) && e->count_thread != 0) {
		dbconn_queryf(c, engine_killer_cb, e, "kill /* wisp */ query %lu",
		    e->count_thread);
		e->count_thread = 0;
	}
}

/* A COUNT(*) on the table holds a metadata lock that would make the RENAME,
 * and the application behind it, wait: stop it before the cut-over when it
 * runs on the server the cut-over happens on. */
static void
engine_count_stop(struct engine *e)
{
	if (!e->counting)
		return;
	log_info("stopping query for exact row count, because that can "
	    "accidentally lock out the cut over");
	e->counting = false;
	if (context_inspector_is_applier(e->ctx) || e->ctx->cfg->test_on_replica ||
	    e->ctx->cfg->migrate_on_replica) {
		e->killer = engine_applier_conn(e, "count-killer", false);
		dbconn_connect(e->killer, engine_killer_cb, e);
	}
	dbconn_free(e->stream);
	e->stream = NULL;
}

/* ---- cut-over ---- */

static void	engine_cutover_attempt(struct engine *);

/* The cut-over wants its marker written. */
static void
engine_cutover_marker(void *arg, const char *marker)
{
	struct engine	*e = arg;

	e->marker_written = true;
	engine_write_state(e, marker);
}

static char *
cleanup_changelog_sql(void *arg)
{
	struct engine	*e = arg;
	struct buf	 b = BUF_INIT;

	sqlbuild_drop_table(&b, e->ctx->database, e->ctx->changelog_table);
	log_info("Dropping table %s", buf_str(&b));
	return buf_detach(&b);
}

static int
cleanup_changelog_done(void *arg, struct dbresult *res,
    const struct dberror *err, char **cause)
{
	struct engine	*e = arg;

	e->ctx->created_changelog = false;
	return DBSEQ_NEXT;
}

static char *
cleanup_old_sql(void *arg)
{
	struct engine	*e = arg;
	struct buf	 b = BUF_INIT;
	char		*q;

	if (e->ctx->cfg->test_on_replica)
		return NULL;	/* swapped back: the original is t again */
	if (!e->ctx->cfg->ok_to_drop_table) {
		q = sqlbuild_qualified(e->ctx->database, e->ctx->old_table);
		log_info("Am not dropping old table because I want this operation "
		    "to be as live as possible. If you insist I should do it, "
		    "please add `--ok-to-drop-table` next time. But I prefer you "
		    "do not. To drop the old table, issue:");
		log_info("-- drop table %s", q);
		free(q);
		return NULL;
	}
	sqlbuild_drop_table(&b, e->ctx->database, e->ctx->old_table);
	return buf_detach(&b);
}

/* The checkpoint after the cut-over (gh-ost's is_cutover row): the
 * coordinates just before the marker, from where a --revert would stream
 * the new table's changes back into the old one. */
static char *
cleanup_checkpoint_sql(void *arg)
{
	struct engine		*e = arg;
	struct sqlbuild_checkpoint chk;
	struct buf		 b = BUF_INIT;
	char			*cause = NULL;

	if (!e->ctx->cfg->checkpoint || e->ctx->cfg->revert)
		return NULL;
	free(e->chk_coords);
	e->chk_coords = e->cutover_coords != NULL ?
	    xstrdup(e->cutover_coords) : engine_coords_text(e);
	memset(&chk, 0, sizeof chk);
	chk.coords = e->chk_coords;
	chk.iteration = e->copied_next;
	chk.rows_copied = e->rows_copied;
	chk.dml_applied = e->dml_applied;
	chk.is_cutover = true;
	if (sqlbuild_checkpoint_insert(e->sb, e->ctx->checkpoint_table, &chk,
	    e->chunk_lo.set ? e->chunk_lo.v : NULL,
	    e->copied_hi.set ? e->copied_hi.v : NULL, &b, &cause) != 0) {
		log_warn("failed to checkpoint after cutover: %s", cause);
		free(cause);
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static int
cleanup_checkpoint_done(void *arg, struct dbresult *res,
    const struct dberror *err, char **cause)
{
	struct engine	*e = arg;
	char		*text;

	if (err != NULL) {
		text = dbseq_error_text(err);
		log_warn("failed to checkpoint after cutover: %s", text);
		free(text);
		return DBSEQ_NEXT;
	}
	log_info("checkpoint success after cutover at coords=%s",
	    e->chk_coords);
	return DBSEQ_NEXT;
}

static char *
cleanup_checkpoint_table_sql(void *arg)
{
	struct engine	*e = arg;
	struct buf	 b = BUF_INIT;
	char		*q;

	if (!e->ctx->cfg->checkpoint)
		return NULL;
	if (!e->ctx->cfg->ok_to_drop_table || e->ctx->cfg->test_on_replica) {
		q = sqlbuild_qualified(e->ctx->database,
		    e->ctx->checkpoint_table);
		log_info("Am not dropping checkpoint table without "
		    "`--ok-to-drop-table`. To drop the checkpoint table, issue:");
		log_info("-- drop table %s", q);
		free(q);
		return NULL;
	}
	sqlbuild_drop_table(&b, e->ctx->database, e->ctx->checkpoint_table);
	return buf_detach(&b);
}

static const struct dbseq_step cleanup_steps[] = {
	{ "write cut-over checkpoint", cleanup_checkpoint_sql,
	  cleanup_checkpoint_done, DBSEQ_TOLERATE_ERROR },
	{ "drop changelog table", cleanup_changelog_sql, cleanup_changelog_done,
	  0 },
	{ "drop old table", cleanup_old_sql, NULL, 0 },
	{ "drop checkpoint table", cleanup_checkpoint_table_sql, NULL, 0 },
};

/* Cleanup is done: the migration is complete. */
static void
engine_cleaned(void *arg, char *cause)
{
	struct engine	*e = arg;

	if (cause != NULL) {
		/* The swap happened; a leftover changelog is harmless. */
		log_error("cleanup after cut-over: %s", cause);
		free(cause);
	}
	e->phase = ENGINE_DONE;
	evtimer_del(e->beat_timer);
	evtimer_del(e->status_timer);
	log_info("Done %s `%s`.`%s`", e->ctx->cfg->revert ? "reverting" :
	    "migrating", e->ctx->database, e->ctx->table);
	engine_callback(e, NULL);
}

/* The cleanup session is up. */
static void
engine_cleaner_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;

	if (err != NULL) {
		engine_cleaned(e, xasprintf("cleanup session (%s): %s",
		    dbconn_key(c), err->message));
		return;
	}
	dbseq_start(&e->cleanup_seq, c, cleanup_steps, nitems(cleanup_steps), e,
	    engine_cleaned, e);
}

/* One cut-over attempt ended. */
static void
engine_cutover_done(void *arg, char *cause)
{
	struct engine	*e = arg;
	unsigned	 wait = 1;
	int64_t		 max;

	e->attempting = false;

	if (cause == NULL) {
		metrics_cutover_attempt(e->ctx->metrics, "success");
		metrics_cutover_total(e->ctx->metrics,
		    util_now_ms() - e->cutover_start_ms, true);
		e->ctx->created_ghost = false;	/* it is the table now */
		cutover_free(e->cutover);
		e->cutover = NULL;
		e->phase = ENGINE_CLEANUP;
		/* From here on the name t is the new table: its binlog events
		 * are the application's, not ours to apply. */
		binlog_free(e->binlog);
		e->binlog = NULL;
		engine_drop_prebuilt(e);
		while (e->head != NULL)
			engine_pop(e);
		e->backlog = 0;
		e->backlog_bytes = 0;
		free(e->held_error);
		e->held_error = NULL;
		engine_status(e, true);
		/* No more heartbeats into a changelog about to be dropped; the
		 * cleanup gets a session of its own (the heartbeat's may be
		 * busy with a last write). */
		evtimer_del(e->beat_timer);
		evtimer_del(e->lag_timer);
		e->cleaner = engine_applier_conn(e, "cleanup", false);
		dbconn_connect(e->cleaner, engine_cleaner_connected, e);
		return;
	}
	metrics_cutover_attempt(e->ctx->metrics, "retry");
	if (++e->cutover_failures >= (unsigned)e->ctx->cfg->default_retries) {
		metrics_cutover_attempt(e->ctx->metrics, "abort");
		metrics_cutover_total(e->ctx->metrics,
		    util_now_ms() - e->cutover_start_ms, false);
		engine_fail(e, xasprintf("cut-over failed %u times, last: %s; "
		    "the original table is in place and unlocked",
		    e->cutover_failures, cause));
		free(cause);
		return;
	}
	free(cause);
	e->marker_written = false;
	e->marker_passed = false;
	if (e->held_error != NULL) {
		char *held = e->held_error;

		e->held_error = NULL;
		engine_fail(e, held);
		return;
	}
	engine_pump(e);		/* apply what was held */
	if (e->ctx->cfg->test_on_replica)
		engine_hook(e, HOOK_START_REPLICATION, NULL, NULL, NULL);
	if (e->ctx->cfg->cut_over_exponential_backoff) {
		max = e->ctx->cfg->exponential_backoff_max_interval;
		wait = 1u << (e->cutover_failures < 16 ? e->cutover_failures : 16);
		if ((int64_t)wait > max)
			wait = (unsigned)max;
	}
	log_info("cut-over attempt %u failed; retrying in %us",
	    e->cutover_failures, wait);
	metrics_sleep(e->ctx->metrics, "retry_backoff", (uint64_t)wait * 1000);
	cutover_free(e->cutover);
	e->cutover = cutover_create(e->ctx, engine_cutover_marker,
	    engine_cutover_done, e);
	engine_arm(e->gate_timer, (uint64_t)wait * 1000);
}

/* test-on-replica: the stop-replication hooks ran. */
static void
engine_stop_hooked(void *arg, char *cause)
{
	struct engine	*e = arg;

	e->hook_waiting = false;
	if (cause != NULL) {
		engine_fail(e, cause);
		return;
	}
	e->stop_hook_done = true;
	engine_cutover_attempt(e);
}

/* The begin-postponed hooks ran. */
static void
engine_postpone_hooked(void *arg, char *cause)
{
	struct engine	*e = arg;

	e->hook_waiting = false;
	if (cause != NULL) {
		engine_fail(e, cause);
		return;
	}
	engine_arm(e->gate_timer, 500);
}

/* ANALYZE TABLE finished: a failure is fatal, never retried (gh-ost). */
static void
engine_analyzed(void *arg, char *cause)
{
	struct engine	*e = arg;

	e->hook_waiting = false;
	dbseq_release(&e->analyze_seq);
	dbconn_free(e->analyzer);
	e->analyzer = NULL;
	if (cause != NULL) {
		log_error("%s", cause);
		engine_fail(e, cause);
		return;
	}
	e->analyzed = true;
	log_info("ANALYZE TABLE on ghost table `%s`.`%s` completed in %" PRIu64
	    "ms", e->ctx->database, e->ctx->ghost_table,
	    util_now_ms() - e->analyze_start_ms);
	engine_cutover_attempt(e);
}

static void
engine_analyzer_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;
	char		*text;

	if (err != NULL) {
		text = dbseq_error_text(err);
		engine_analyzed(e, xasprintf("ANALYZE TABLE on ghost `%s` failed; "
		    "refusing cut-over: %s", e->ctx->ghost_table, text));
		free(text);
		return;
	}
	dbseq_start(&e->analyze_seq, c, applier_analyze_steps,
	    applier_nanalyze_steps, e->ctx, engine_analyzed, e);
}

#define GATE_WAIT_MS	6000	/* waiting for a short queue and lag */
#define GATE_LAG_TARGET	0.2	/* seconds of HeartbeatLag: short */

/* Gate before each attempt, in gh-ost's order: not throttled; heartbeat
 * lag below --max-lag-millis and the lock timeout (the marker must come
 * back in time); not postponed; ANALYZE TABLE if asked; with
 * --test-on-replica the stop-replication hooks first. */
static void
engine_cutover_attempt(struct engine *e)
{
	struct runtime	*rt = &e->ctx->rt;
	double		 lag, max_lag, timeout;
	const char	*reason = NULL;
	uint64_t	 ms;

	if (e->phase != ENGINE_CUTOVER || e->hook_waiting)
		return;
	if (e->throttler != NULL && (throttler_hibernating(e->throttler) ||
	    throttler_throttled(e->throttler, &reason))) {
		log_debugf("throttling before swapping tables: %s",
		    reason != NULL ? reason : "");
		free(e->throttle_reason);
		e->throttle_reason = xstrdup(reason != NULL ? reason : "throttled");
		metrics_throttle(e->ctx->metrics, true, e->throttle_reason,
		    util_now_ms());
		engine_arm(e->gate_timer, 100);
		return;
	}
	free(e->throttle_reason);
	e->throttle_reason = NULL;
	metrics_throttle(e->ctx->metrics, false, NULL, util_now_ms());
	lag = engine_heartbeat_lag(e);
	if (lag < 0)
		lag = 1e9;
	max_lag = (double)rt->max_lag_millis / 1000.0;
	timeout = (double)e->ctx->cfg->cut_over_lock_timeout_seconds;
	if (lag > max_lag || lag > timeout) {
		log_debugf("current HeartbeatLag (%.2fs) is too high, it needs to "
		    "be less than both --max-lag-millis (%.2fs) and "
		    "--cut-over-lock-timeout-seconds (%.2fs) to continue", lag,
		    max_lag, timeout);
		/* Before the first heartbeat has come through, look again
		 * soon: it is due within a round trip of the replica. */
		ms = e->last_beat_wall_ms == 0 ? 20 : 100;
		metrics_sleep(e->ctx->metrics, "cut_over_postpone", ms);
		engine_arm(e->gate_timer, ms);
		return;
	}
	/* A replica replays the deferred keys' build once the master has
	 * finished it (the whole ALTER, or its COMMIT ALTER part without
	 * parallel replication), and the stream from it stands still
	 * meanwhile: a gate checked at that instant still sees a short lag,
	 * and the lock would then wait for the replay. So first a heartbeat
	 * written after the build must have come back. */
	if (e->keys_built_wall_ms != 0 &&
	    e->last_beat_wall_ms < e->keys_built_wall_ms) {
		log_debugf("waiting for the stream to pass the deferred keys' "
		    "build");
		engine_arm(e->gate_timer, 20);
		return;
	}
	if (rt->postpone_flag_file != NULL && !rt->unpostpone &&
	    util_file_exists(rt->postpone_flag_file)) {
		e->postponing = true;
		if (!e->postpone_announced) {
			e->postpone_announced = true;
			e->interest_ms = util_now_ms();
			log_info("Postponing cut-over while %s exists",
			    rt->postpone_flag_file);
			e->hook_waiting = true;
			engine_hook(e, HOOK_BEGIN_POSTPONED, NULL,
			    engine_postpone_hooked, e);
			return;
		}
		metrics_sleep(e->ctx->metrics, "cut_over_postpone", 500);
		engine_arm(e->gate_timer, 500);
		return;
	}
	rt->unpostpone = false;
	e->postponing = false;
	/* The lock waits for everything read so far to be applied, and for
	 * its marker to come back through the stream: take it at a moment
	 * when at most one round trip of changes is queued and the stream is
	 * close behind (GATE_LAG_TARGET), so the application waits for little
	 * more than that. Not only when nothing is queued: under a steady
	 * write load the queue is seldom empty at the instant of a check. And
	 * after GATE_WAIT_MS without such a moment, anyway, on gh-ost's
	 * conditions alone (above): the lock stops the writes, and what is
	 * queued drains behind it. */
	if (e->backlog > engine_round_trip_rows(e) ||
	    lag > (max_lag < GATE_LAG_TARGET ? max_lag : GATE_LAG_TARGET)) {
		if (e->gate_wait_ms == 0)
			e->gate_wait_ms = util_now_ms();
		if (util_now_ms() - e->gate_wait_ms < GATE_WAIT_MS) {
			log_debugf("%s: waiting for a short queue (%zu row "
			    "changes) and stream lag (%.2fs)", __func__,
			    e->backlog, lag);
			engine_arm(e->gate_timer, 20);
			return;
		}
		log_info("Locking with %zu row changes queued and a "
		    "HeartbeatLag of %.2fs: no moment with at most %zu and "
		    "%.2fs in %ds", e->backlog, lag, engine_round_trip_rows(e),
		    GATE_LAG_TARGET, GATE_WAIT_MS / 1000);
	}
	e->gate_wait_ms = 0;
	if (e->ctx->cfg->analyze_ghost_table_before_cutover && !e->analyzed) {
		e->hook_waiting = true;
		e->analyze_start_ms = util_now_ms();
		e->analyzer = engine_applier_conn(e, "analyze", false);
		dbconn_connect(e->analyzer, engine_analyzer_connected, e);
		return;
	}
	if (e->ctx->cfg->test_on_replica && !e->stop_hook_done) {
		e->hook_waiting = true;
		engine_hook(e, HOOK_STOP_REPLICATION, NULL, engine_stop_hooked, e);
		return;
	}
	e->interest_ms = util_now_ms();
	e->attempting = true;
	cutover_start(e->cutover);
}

static void
engine_gate_cb(evutil_socket_t fd, short what, void *arg)
{
	engine_cutover_attempt(arg);
}

/* The before-cut-over hooks ran. */
static void
engine_before_cutover_hooked(void *arg, char *cause)
{
	struct engine	*e = arg;

	e->hook_waiting = false;
	if (cause != NULL) {
		engine_fail(e, cause);
		return;
	}
	e->cutover = cutover_create(e->ctx, engine_cutover_marker,
	    engine_cutover_done, e);
	engine_cutover_attempt(e);
}

/* Copy done and backlog applied: begin the cut-over. */
static void
engine_cutover_begin(struct engine *e)
{
	engine_count_stop(e);
	e->phase = ENGINE_CUTOVER;
	e->cutover_start_ms = util_now_ms();
	engine_status(e, true);
	e->hook_waiting = true;
	engine_hook(e, HOOK_BEFORE_CUT_OVER, NULL, engine_before_cutover_hooked, e);
}

/* ---- lifecycle ---- */

static void
engine_retry_cb(evutil_socket_t fd, short what, void *arg)
{
	engine_pump(arg);
}

/* Create the engine. */
struct engine *
engine_create(struct migration_ctx *ctx)
{
	struct engine	*e;

	e = xcalloc(1, sizeof *e);
	e->ctx = ctx;
	coords_init(&e->start);
	e->beat_timer = evtimer_new(ctx->base, engine_beat_timer_cb, e);
	e->status_timer = evtimer_new(ctx->base, engine_status_timer_cb, e);
	e->cursor_timer = evtimer_new(ctx->base, engine_cursor_timer_cb, e);
	e->retry_timer = evtimer_new(ctx->base, engine_retry_cb, e);
	e->gate_timer = evtimer_new(ctx->base, engine_gate_cb, e);
	e->lag_timer = evtimer_new(ctx->base, engine_lag_timer_cb, e);
	e->chk_timer = evtimer_new(ctx->base, engine_chk_tick, e);
	e->chk_poll = evtimer_new(ctx->base, engine_chk_poll_cb, e);
	e->fail_ev = evtimer_new(ctx->base, engine_fail_cb, e);
	e->keys_timer = evtimer_new(ctx->base, engine_keys_timer_cb, e);
	/* Only a run that deferred keys, or resumes one that may have, has
	 * any to build; --revert copies nothing. */
	e->keys_done = ctx->cfg->revert ||
	    !(ctx->cfg->defer_secondary_indexes || ctx->cfg->resume);
	e->gtid = ctx->cfg->gtid;
	/* The applier's version is known by now (migrator). */
	e->row_alias = server_info_mysql_since(&ctx->applier, 8, 0, 19);
	coords_gtid_pos_init(&e->gtid_pos);
	coords_uuid_set_init(&e->gtid_set);
	if (e->chk_timer == NULL || e->chk_poll == NULL ||
	    e->beat_timer == NULL || e->status_timer == NULL ||
	    e->cursor_timer == NULL || e->retry_timer == NULL ||
	    e->gate_timer == NULL || e->lag_timer == NULL ||
	    e->fail_ev == NULL || e->keys_timer == NULL)
		fatalx("engine_create: evtimer_new failed");
	e->start_ms = util_now_ms();
	return e;
}

/* The copy session for the range is up. */
static void
engine_first_copy_connected(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct engine	*e = arg;

	if (err != NULL) {
		engine_fail(e, xasprintf("row copy session (%s): %s",
		    dbconn_key(c), err->message));
		return;
	}
	dbseq_start(&e->copy_seq, c, copy_session_steps,
	    nitems(copy_session_steps), e, engine_range_start, e);
}

/* Copy, apply, cut over. */
void
engine_run(struct engine *e, engine_fn fn, void *arg)
{
	struct migration_ctx	*ctx = e->ctx;
	struct sqlbuild_desc	 d;
	char			*cause = NULL;

	if (!engine_phase_begin(e, fn, arg))
		return;
	memset(&d, 0, sizeof d);
	d.database = ctx->database;
	d.table = ctx->table;
	d.ghost_table = ctx->ghost_table;
	d.orig_columns = &ctx->orig_columns;
	d.ghost_columns = &ctx->ghost_columns;
	d.plan = &ctx->plan;
	d.time_zone = ctx->applier_time_zone;
	d.client_charset = ctx->client_charset;
	/* gh-ost's IsTransactionalTable: the engines with row locks. */
	d.lock = ctx->table_engine != NULL &&
	    (strcasecmp(ctx->table_engine, "InnoDB") == 0 ||
	    strcasecmp(ctx->table_engine, "RocksDB") == 0 ||
	    strcasecmp(ctx->table_engine, "TokuDB") == 0) ?
	    SQLBUILD_LOCK_SHARE : SQLBUILD_LOCK_NONE;
	e->transactional = d.lock != SQLBUILD_LOCK_NONE;
	d.insert = SQLBUILD_INSERT_IGNORE;
	d.row_alias = e->row_alias;
	if ((e->sb = sqlbuild_create(&d, &cause)) == NULL) {
		engine_fail(e, cause);
		return;
	}
	/* Batches by key need the migration key to tell every ghost row
	 * apart, and to be the only thing that can: see sqlbuild.h. */
	e->keyed = ctx->ghost_keys.n == 1 && !sqlbuild_key_nullable(e->sb);
	log_info("Applying binlog changes %s", e->keyed ? "by key, at most three "
	    "statements per transaction" : "in order (the ghost has unique "
	    "keys other than the migration key, or it allows NULL)");
	e->phase = ENGINE_RANGE;
	{
		struct throttler_ops	ops = { e, engine_lag_op, engine_panic_op,
					    engine_lock_injected_op };

		e->throttler = throttler_create(ctx, &ops);
		throttler_start(e->throttler);
	}
	engine_lag_timer_cb(-1, 0, e);
	engine_hint(e);
	engine_count_start(e);
	engine_status_timer_cb(-1, 0, e);
	e->chunk_size_seen = ctx->rt.chunk_size;
	chunker_init(&e->chunker, ctx->rt.chunk_time, ctx->rt.chunk_size);
	e->chunk_time_on = ctx->rt.chunk_time > 0;
	e->autoinc_lock_mode = -1;
	engine_cursor_set(e, CURSOR_CONNECTING);
	e->copy = engine_applier_conn(e, "rowcopy", false);
	dbconn_connect(e->copy, engine_first_copy_connected, e);
	e->dml = engine_applier_conn(e, "dml", true);
	dbconn_connect(e->dml, engine_writer_connected, e);
}

/* Has the copy written to the ghost? */
bool
engine_copy_started(const struct engine *e)
{
	return e != NULL && e->copy_started;
}

/* Free everything. */
void
engine_free(struct engine *e)
{
	size_t	i;

	if (e == NULL)
		return;
	throttler_free(e->throttler);
	cutover_free(e->cutover);
	dbseq_release(&e->dml_seq);
	dbseq_release(&e->copy_seq);
	dbseq_release(&e->cleanup_seq);
	dbseq_release(&e->analyze_seq);
	dbconn_free(e->analyzer);
	dbseq_release(&e->keys_seq);
	dbconn_free(e->keyer);
	event_free(e->keys_timer);
	dbconn_free(e->dml);
	dbconn_free(e->copy);
	dbconn_free(e->beat);
	dbconn_free(e->stream);
	dbconn_free(e->killer);
	dbconn_free(e->cleaner);
	dbconn_free(e->chk_conn);
	binlog_free(e->binlog);
	engine_drop_prebuilt(e);
	while (e->head != NULL)
		engine_pop(e);
	event_free(e->chk_timer);
	event_free(e->chk_poll);
	keyval_release(&e->chk_min);
	keyval_release(&e->chk_max);
	keyval_release(&e->chunk_lo);
	keyval_release(&e->copied_hi);
	for (i = 0; i < e->ncopied_early; i++)
		chunk_release(&e->copied_early[i]);
	free(e->copied_early);
	free(e->chk_coords);
	free(e->cutover_coords);
	coords_gtid_pos_release(&e->gtid_pos);
	coords_uuid_set_release(&e->gtid_set);
	event_free(e->beat_timer);
	event_free(e->status_timer);
	event_free(e->cursor_timer);
	event_free(e->retry_timer);
	event_free(e->fail_ev);
	free(e->fail_cause);
	event_free(e->gate_timer);
	event_free(e->lag_timer);
	dbconn_free(e->lagconn);
	keyval_release(&e->min);
	keyval_release(&e->max);
	keyval_release(&e->last);
	for (i = 0; i < e->nworkers; i++) {
		dbseq_release(&e->workers[i].seq);
		dbconn_free(e->workers[i].conn);
		event_free(e->workers[i].timer);
		chunk_release(&e->workers[i].chunk);
	}
	free(e->workers);
	for (i = 0; i < e->nready; i++)
		chunk_release(&e->ready[i]);
	sqlbuild_free(e->sb);
	coords_release(&e->start);
	free(e->position);
	free(e->pending_state);
	free(e->deferred);
	free(e->throttle_reason);
	free(e->state_text);
	free(e->held_error);
	free(e);
}

/* "file:pos" of the last commit read. */
const char *
engine_position(const struct engine *e)
{
	return e->position != NULL ? e->position : "";
}

/* Is the cut-over postponed right now? */
bool
engine_postponing(const struct engine *e)
{
	return e->postponing;
}

/* Recheck throttling now. */
void
engine_poke(struct engine *e)
{
	if (e->throttler != NULL)
		throttler_poke(e->throttler);
	engine_pump(e);
}
