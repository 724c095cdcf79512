/* throttler.c: timed throttle collectors and gh-ost's throttle decision. */
#include "common.h"

#include <time.h>
#include <event2/event.h>
#include <event2/dns.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "context.h"
#include "dbconn.h"
#include "dbseq.h"
#include "loadmap.h"
#include "throttler.h"

#ifndef WISP_VERSION
#define WISP_VERSION "0.0.0"
#endif

#define GENERAL_INTERVAL_MS	1000	/* gh-ost: time.Second ticker */
#define REPLICAS_INTERVAL_MS	100	/* gh-ost: 100 ms ticker ... */
#define REPLICAS_RELAXED_FACTOR	10	/* ... reading once per 10 ticks */
#define REPLICA_RW_TIMEOUT	10	/* seconds, when --mysql-timeout is 0 */
#define NO_ROWS			"sql: no rows in result set"

/*
 * The general collector is a small state machine on one applier session.
 * A run walks the steps in gh-ost's order and stops early when a step
 * decides; a step that needs a query leaves the run waiting for its result.
 *
 *   IDLE        between runs (ticks start a run only here)
 *   CONNECTING  opening the session before a run
 *   CRITICAL    show global status for each --critical-load variable
 *   LOCAL       the user's command and the flag files (no I/O)
 *   MAX_LOAD    show global status for each --max-load variable
 *   QUERY       --throttle-query
 *   DONE        decide and store the verdict
 *   RECHECK     the second critical-load check (not part of a run)
 */
enum gen_step {
	GEN_IDLE,
	GEN_CONNECTING,
	GEN_CRITICAL,
	GEN_LOCAL,
	GEN_MAX_LOAD,
	GEN_QUERY,
	GEN_DONE,
	GEN_RECHECK,
};

static const char *gen_step_names[] = {
	"idle", "connecting", "critical", "local", "max-load", "query", "done",
	"recheck"
};

/* One --throttle-control-replicas server. */
struct replica {
	struct throttler	*t;
	char			*key;		/* host:port */
	struct dbconn		*conn;
	bool			 known;		/* read at least once */
	double			 lag;		/* seconds */
	char			*error;		/* last read failed */
};

struct throttler {
	struct migration_ctx	*ctx;
	struct throttler_ops	 ops;
	struct event_base	*base;
	char			*reason;	/* of the last decision */

	/* Panic, delivered from its own timer. */
	bool			 panicked;
	struct event		*panic_ev;
	char			*panic_cause;

	/* General collector. */
	struct event		*gen_timer;
	struct dbconn		*gen_conn;
	char			*gen_conn_error;
	enum gen_step		 gstep;
	size_t			 gidx;
	struct throttle_general	 gfacts;	/* of the run in progress */
	char			*g_critical_error;
	char			*g_max_load_error;
	char			*g_max_load_var;
	char			*max_load_text;
	struct loadmap		*max_load;
	char			*critical_text;
	struct loadmap		*critical;
	bool			 general;	/* the last verdict */
	char			*general_reason;
	bool			 general_collected;

	/* Critical-load second check and hibernation. */
	struct event		*recheck_timer;
	bool			 recheck_armed;
	bool			 recheck_wanted;
	struct event		*wake_timer;
	int64_t			 hibernate_until_ns;

	/* HTTP collector. */
	struct event		*http_timer;
	struct evdns_base	*dns;
	struct evhttp_connection *hconn;
	char			*http_url;	/* the URL hconn is for */
	char			*http_host;
	int			 http_port;
	char			*http_path;
	bool			 http_bad_url;
	bool			 http_inflight;
	int64_t			 http_status;
	bool			 http_collected;

	/* Control-replica collector. */
	struct event		*repl_timer;
	char			*replicas_text;
	struct replica		**replicas;
	size_t			 nreplicas;
	unsigned		 repl_counter;
	bool			 repl_aggressive;
};

static void	gen_run(struct throttler *);

/* ---- pure helpers ---- */

/* The general collector's verdict, in collectGeneralThrottleMetrics' order. */
bool
throttle_general_decide(const struct throttle_general *g, char **reason)
{
	*reason = NULL;
	if (g->critical_error != NULL)
		*reason = xstrdup(g->critical_error);
	else if (g->user)
		*reason = xstrdup("commanded by user");
	else if (g->flag_file || g->additional_flag_file)
		*reason = xstrdup("flag-file");
	else if (g->max_load_error != NULL)
		*reason = xstrdup(g->max_load_error);
	else if (g->max_load_var != NULL)
		*reason = xasprintf("max-load %s=%" PRId64 " >= %" PRId64,
		    g->max_load_var, g->max_load_value, g->max_load_threshold);
	else if (g->query_result > 0)
		*reason = xstrdup("throttle-query");
	return *reason != NULL;
}

/* gh-ost's throttleHttpMessage: a known status gets its message. */
char *
throttle_http_message(int64_t status, bool freno)
{
	static const struct {
		int64_t		 code;
		const char	*plain;
		const char	*freno;
	} messages[] = {
		{ 200, "OK", "OK" },
		{ 404, "Not found", "freno: unknown metric" },
		{ 417, "Expectation failed", "freno: access forbidden" },
		{ 429, "Too many requests", "freno: threshold exceeded" },
		{ 500, "Internal server error", "freno: internal error" },
		{ -1, "Connection error", "freno: connection error" },
	};
	size_t	i;

	for (i = 0; i < nitems(messages); i++) {
		if (messages[i].code == status)
			return xasprintf("%s (http=%" PRId64 ")",
			    freno ? messages[i].freno : messages[i].plain, status);
	}
	return xasprintf("http=%" PRId64, status);
}

/* Go's time.Time.String() for a wall-clock instant, in the local zone. */
char *
throttle_format_time(int64_t ns)
{
	struct tm	 tm;
	time_t		 sec = (time_t)(ns / 1000000000);
	long		 frac = (long)(ns % 1000000000);
	char		 date[64], zone[64], digits[16];
	int		 n;

	if (frac < 0) {
		frac += 1000000000;
		sec--;
	}
	localtime_r(&sec, &tm);
	strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
	strftime(zone, sizeof zone, "%z %Z", &tm);
	if (frac == 0)
		return xasprintf("%s %s", date, zone);
	/* ".999999999": trailing zeros go. */
	snprintf(digits, sizeof digits, "%09ld", frac);
	for (n = 9; n > 0 && digits[n - 1] == '0'; n--)
		digits[n - 1] = '\0';
	return xasprintf("%s.%s %s", date, digits, zone);
}

/* Read exactly n decimal digits. */
static bool
parse_digits(const char **sp, int n, int *out)
{
	const char	*s = *sp;
	int		 v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*sp = s + n;
	*out = v;
	return true;
}

/* Parse RFC 3339 ("2006-01-02T15:04:05.999999999Z07:00") into epoch ns. */
int
throttle_parse_heartbeat(const char *s, int64_t *ns)
{
	struct tm	 tm;
	int		 v[6], zh, zm, digits = 0;
	int64_t		 frac = 0, offset = 0;
	time_t		 t;
	const char	 seps[] = "--T::";
	int		 i;

	if (s == NULL)
		return -1;
	for (i = 0; i < 6; i++) {
		if (!parse_digits(&s, i == 0 ? 4 : 2, &v[i]))
			return -1;
		if (i < 5 && *s++ != seps[i])
			return -1;
	}
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s); s++) {
			if (digits++ < 9)
				frac = frac * 10 + (*s - '0');
		}
		if (digits == 0)
			return -1;
		for (; digits < 9; digits++)
			frac *= 10;
	}
	if (*s == 'Z')
		s++;
	else if (*s == '+' || *s == '-') {
		int sign = *s++ == '-' ? -1 : 1;

		if (!parse_digits(&s, 2, &zh) || *s++ != ':' ||
		    !parse_digits(&s, 2, &zm))
			return -1;
		offset = sign * ((int64_t)zh * 3600 + zm * 60);
	} else
		return -1;
	if (*s != '\0' || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 ||
	    v[3] > 23 || v[4] > 59 || v[5] > 60)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = v[0] - 1900;
	tm.tm_mon = v[1] - 1;
	tm.tm_mday = v[2];
	tm.tm_hour = v[3];
	tm.tm_min = v[4];
	tm.tm_sec = v[5];
	t = timegm(&tm);
	*ns = ((int64_t)t - offset) * 1000000000 + frac;
	return 0;
}

/* gh-ost's shouldThrottle: hibernation, the general verdict, HTTP, lag,
 * control replicas, in that order. */
bool
throttle_decide(const struct throttle_facts *f, char **reason)
{
	char	*when;
	double	 max_lag = (double)f->max_lag_millis;

	*reason = NULL;
	if (f->hibernate_until_ns > 0) {
		when = throttle_format_time(f->hibernate_until_ns);
		*reason = xasprintf("critical-load-hibernate until %s", when);
		free(when);
		return true;
	}
	if (f->general) {
		*reason = xstrdup(f->general_reason != NULL ?
		    f->general_reason : "");
		return true;
	}
	if (f->http_status != 0 && f->http_status != 200) {
		*reason = throttle_http_message(f->http_status, f->http_freno);
		return true;
	}
	if (f->lag * 1000.0 > max_lag) {
		*reason = xasprintf("lag=%fs", f->lag);
		return true;
	}
	/* After the cut-over marker, a replica we run on stops replicating:
	 * its control replicas would only ever lag more. */
	if ((!f->lock_injected || !f->on_replica) && f->replica_known) {
		if (f->replica_error != NULL) {
			*reason = xasprintf("%s %s", f->replica_key,
			    f->replica_error);
			return true;
		}
		if (f->replica_lag * 1000.0 > max_lag) {
			*reason = xasprintf("%s replica-lag=%fs", f->replica_key,
			    f->replica_lag);
			return true;
		}
	}
	return false;
}

/* ---- common ---- */

/* (Re)arm a timer for ms milliseconds. */
static void
arm(struct event *ev, int64_t ms)
{
	struct timeval	tv;

	if (ms < 0)
		ms = 0;
	tv.tv_sec = (time_t)(ms / 1000);
	tv.tv_usec = (suseconds_t)((ms % 1000) * 1000);
	evtimer_add(ev, &tv);
}

/* Is a runtime string knob set? */
static bool
knob_set(const char *s)
{
	return s != NULL && *s != '\0';
}

/* Did a knob's text change since we last looked (NULL equals "")? */
static bool
knob_changed(const char *cached, const char *now)
{
	if (!knob_set(cached) || !knob_set(now))
		return knob_set(cached) != knob_set(now);
	return strcmp(cached, now) != 0;
}

/* Deliver the panic from its own timer. */
static void
panic_cb(evutil_socket_t fd, short what, void *arg)
{
	struct throttler	*t = arg;
	char			*cause = t->panic_cause;

	t->panic_cause = NULL;
	if (t->ops.panic != NULL)
		t->ops.panic(t->ops.arg, cause);	/* may free t */
	else
		free(cause);
}

/* Abort: stop collecting and tell the owner, once. Takes cause. */
static void
raise_panic(struct throttler *t, char *cause)
{
	if (t->panicked) {
		free(cause);
		return;
	}
	log_debugf("%s", cause);
	t->panicked = true;
	t->panic_cause = cause;
	arm(t->panic_ev, 0);
}

/* Is a flag file configured and present? */
static bool
flag_file_exists(const char *path)
{
	return knob_set(path) && util_file_exists(path);
}

/* ---- general collector ---- */

/* Re-parse a load map when its text changed. */
static void
refresh_loadmap(char **cached, struct loadmap **map, const char *now,
    const char *what)
{
	char	*cause = NULL;

	if (*map != NULL && !knob_changed(*cached, now))
		return;
	loadmap_free(*map);
	free(*cached);
	*cached = knob_set(now) ? xstrdup(now) : NULL;
	if ((*map = loadmap_parse(*cached != NULL ? *cached : "", &cause)) ==
	    NULL) {
		log_warn("%s: %s", what, cause);
		free(cause);
		*map = loadmap_parse("", NULL);
	}
}

/* Change the general collector's step, logging it. */
static void
gen_set_step(struct throttler *t, enum gen_step step)
{
	if (t->gstep != step)
		log_debugf("%s -> %s", gen_step_names[t->gstep],
		    gen_step_names[step]);
	t->gstep = step;
	t->gidx = 0;
}

/* Forget what the previous run found. */
static void
gen_clear_facts(struct throttler *t)
{
	free(t->g_critical_error);
	free(t->g_max_load_error);
	free(t->g_max_load_var);
	t->g_critical_error = t->g_max_load_error = t->g_max_load_var = NULL;
	memset(&t->gfacts, 0, sizeof t->gfacts);
}

/* Parse a whole int64 the way Go's database/sql scans one. */
static char *
scan_int64(const struct dbresult *res, unsigned col, int64_t *out)
{
	const char	*v;
	char		*end;
	long long	 n;

	if (res == NULL || dbresult_nrows(res) == 0 ||
	    dbresult_nfields(res) <= col)
		return xstrdup(NO_ROWS);
	if ((v = dbresult_value(res, 0, col)) == NULL)
		return xasprintf("sql: Scan error on column index %u, name "
		    "\"%s\": converting NULL to int64 is unsupported", col,
		    dbresult_field_name(res, col));
	errno = 0;
	n = strtoll(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno != 0 || isspace((unsigned char)*v))
		return xasprintf("sql: Scan error on column index %u, name "
		    "\"%s\": converting driver.Value type []uint8 (\"%s\") to "
		    "a int64: invalid syntax", col,
		    dbresult_field_name(res, col), v);
	*out = n;
	return NULL;
}

/* A critical-load variable is at or over its threshold. false ends the run. */
static bool
gen_critical_met(struct throttler *t, const char *var, int64_t value,
    int64_t threshold)
{
	const struct config	*cfg = t->ctx->cfg;
	int64_t			 secs = cfg->critical_load_hibernate_seconds;
	int64_t			 interval = cfg->critical_load_interval_millis;
	char			 dur[64], *until;

	if (secs > 0) {
		t->hibernate_until_ns = (int64_t)util_wall_ns() +
		    secs * 1000000000;
		until = throttle_format_time(t->hibernate_until_ns);
		log_error("critical-load met: %s=%" PRId64 ", >=%" PRId64 ". "
		    "Will hibernate for the duration of %s, until %s", var,
		    value, threshold, util_format_duration(dur, sizeof dur,
		    (uint64_t)secs), until);
		free(until);
		arm(t->wake_timer, secs * 1000);
		return false;
	}
	if (interval == 0) {
		raise_panic(t, xasprintf("critical-load met: %s=%" PRId64
		    ", >=%" PRId64, var, value, threshold));
		return false;
	}
	log_error("critical-load met once: %s=%" PRId64 ", >=%" PRId64 ". "
	    "Will check again in %" PRId64 " millis", var, value, threshold,
	    interval);
	if (!t->recheck_armed) {
		t->recheck_armed = true;
		arm(t->recheck_timer, interval);
	}
	return true;
}

/* The current step's query returned value (in res) or failed with error. */
static void
gen_result(struct throttler *t, const struct dbresult *res, const char *error)
{
	const char	*var;
	int64_t		 threshold, value = 0;
	char		*scan_error = NULL;
	const char	*why;

	if (error == NULL) {
		scan_error = scan_int64(res, t->gstep == GEN_QUERY ? 0 : 1,
		    &value);
	}
	why = error != NULL ? error : scan_error;

	switch (t->gstep) {
	case GEN_CRITICAL:
		var = loadmap_name(t->critical, t->gidx);
		threshold = loadmap_threshold(t->critical, t->gidx);
		if (why != NULL) {
			t->g_critical_error = xasprintf("%s %s", var, why);
			t->gfacts.critical_error = t->g_critical_error;
			gen_set_step(t, GEN_DONE);
		} else if (value >= threshold) {
			if (gen_critical_met(t, var, value, threshold))
				gen_set_step(t, GEN_LOCAL);
			else {
				t->general_collected = true;
				gen_set_step(t, GEN_IDLE);
			}
		} else
			t->gidx++;
		break;
	case GEN_MAX_LOAD:
		var = loadmap_name(t->max_load, t->gidx);
		threshold = loadmap_threshold(t->max_load, t->gidx);
		if (why != NULL) {
			t->g_max_load_error = xasprintf("%s %s", var, why);
			t->gfacts.max_load_error = t->g_max_load_error;
			gen_set_step(t, GEN_DONE);
		} else if (value >= threshold) {
			t->g_max_load_var = xstrdup(var);
			t->gfacts.max_load_var = t->g_max_load_var;
			t->gfacts.max_load_value = value;
			t->gfacts.max_load_threshold = threshold;
			gen_set_step(t, GEN_DONE);
		} else
			t->gidx++;
		break;
	case GEN_QUERY:
		/* gh-ost logs the error and does not throttle. */
		if (why != NULL)
			log_error("throttle-query: %s", why);
		else
			t->gfacts.query_result = value;
		gen_set_step(t, GEN_DONE);
		break;
	case GEN_RECHECK:
		var = loadmap_name(t->critical, t->gidx);
		threshold = loadmap_threshold(t->critical, t->gidx);
		if (why != NULL)
			gen_set_step(t, GEN_IDLE);	/* gh-ost ignores it */
		else if (value >= threshold) {
			raise_panic(t, xasprintf("critical-load met again after "
			    "%" PRId64 " millis: %s=%" PRId64 ", >=%" PRId64,
			    t->ctx->cfg->critical_load_interval_millis, var,
			    value, threshold));
			gen_set_step(t, GEN_IDLE);
		} else
			t->gidx++;
		break;
	default:
		fatalx("throttler: result in step %s", gen_step_names[t->gstep]);
	}
	free(scan_error);
}

/* A general query returned. */
static void
gen_query_cb(struct dbconn *c, struct dbresult *res, const struct dberror *err,
    void *arg)
{
	struct throttler	*t = arg;
	char			*text = NULL;

	if (err != NULL) {
		text = dbseq_error_text(err);
		if (!dbconn_connected(c)) {
			free(t->gen_conn_error);
			t->gen_conn_error = xstrdup(text);
		}
	}
	gen_result(t, res, text);
	free(text);
	gen_run(t);
}

/* Start a general query; false when it could not start (the result, an
 * error, has then been handled already). */
static bool
gen_query(struct throttler *t, const char *sql)
{
	const char	*why;

	if (t->gen_conn != NULL && dbconn_connected(t->gen_conn) &&
	    dbconn_query(t->gen_conn, sql, gen_query_cb, t) == 0)
		return true;
	why = t->gen_conn_error != NULL ? t->gen_conn_error : "not connected";
	gen_result(t, NULL, why);
	return false;
}

/* Query one status variable. */
static bool
gen_status_query(struct throttler *t, const char *var)
{
	struct buf	b = BUF_INIT;
	bool		started;

	buf_adds(&b, "show /* gh-ost */ global status like ");
	buf_add_literal(&b, var, strlen(var));
	started = gen_query(t, buf_str(&b));
	buf_release(&b);
	return started;
}

/* Walk the steps until one waits for a query or the run ends. */
static void
gen_run(struct throttler *t)
{
	const struct config	*cfg = t->ctx->cfg;
	char			*reason;

	for (;;) {
		switch (t->gstep) {
		case GEN_IDLE:
		case GEN_CONNECTING:
			return;
		case GEN_CRITICAL:
			if (t->gidx >= loadmap_count(t->critical)) {
				gen_set_step(t, GEN_LOCAL);
				break;
			}
			if (gen_status_query(t,
			    loadmap_name(t->critical, t->gidx)))
				return;
			break;
		case GEN_LOCAL:
			t->gfacts.user = t->ctx->rt.user_throttle;
			if (!t->gfacts.user) {
				t->gfacts.flag_file =
				    flag_file_exists(cfg->throttle_flag_file);
			}
			if (!t->gfacts.user && !t->gfacts.flag_file) {
				t->gfacts.additional_flag_file =
				    flag_file_exists(
				    cfg->throttle_additional_flag_file);
			}
			if (t->gfacts.user || t->gfacts.flag_file ||
			    t->gfacts.additional_flag_file)
				gen_set_step(t, GEN_DONE);
			else
				gen_set_step(t, GEN_MAX_LOAD);
			break;
		case GEN_MAX_LOAD:
			if (t->gidx >= loadmap_count(t->max_load)) {
				gen_set_step(t, GEN_QUERY);
				break;
			}
			if (gen_status_query(t,
			    loadmap_name(t->max_load, t->gidx)))
				return;
			break;
		case GEN_QUERY:
			if (!knob_set(t->ctx->rt.throttle_query)) {
				gen_set_step(t, GEN_DONE);
				break;
			}
			if (gen_query(t, t->ctx->rt.throttle_query))
				return;
			break;
		case GEN_DONE:
			t->general = throttle_general_decide(&t->gfacts, &reason);
			free(t->general_reason);
			t->general_reason = reason;
			t->general_collected = true;
			gen_set_step(t, GEN_IDLE);
			if (t->recheck_wanted && !t->panicked &&
			    t->hibernate_until_ns == 0 && t->gen_conn != NULL &&
			    dbconn_connected(t->gen_conn)) {
				t->recheck_wanted = false;
				refresh_loadmap(&t->critical_text, &t->critical,
				    t->ctx->rt.critical_load, "critical-load");
				gen_set_step(t, GEN_RECHECK);
				break;
			}
			t->recheck_wanted = false;
			return;
		case GEN_RECHECK:
			if (t->gidx >= loadmap_count(t->critical)) {
				gen_set_step(t, GEN_IDLE);
				return;
			}
			if (gen_status_query(t,
			    loadmap_name(t->critical, t->gidx)))
				return;
			break;
		}
	}
}

/* The general session connected (or did not). */
static void
gen_connected_cb(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct throttler	*t = arg;
	bool			 was_down = t->gen_conn_error != NULL;

	free(t->gen_conn_error);
	t->gen_conn_error = NULL;
	if (err != NULL) {
		t->gen_conn_error = dbseq_error_text(err);
		if (!was_down)	/* once per outage, not every second */
			log_warn("throttler session (%s): %s", dbconn_key(c),
			    t->gen_conn_error);
	}
	gen_set_step(t, GEN_CRITICAL);
	gen_run(t);
}

/* One run of the general collector (collectGeneralThrottleMetrics). */
static void
gen_collect(struct throttler *t)
{
	const struct config	*cfg = t->ctx->cfg;
	const struct runtime	*rt = &t->ctx->rt;

	if (t->panicked || t->hibernate_until_ns != 0 || t->gstep != GEN_IDLE)
		return;
	/* Regardless of throttling, the panic flag file aborts. */
	if (flag_file_exists(cfg->panic_flag_file)) {
		raise_panic(t, xasprintf("found panic-file %s. Aborting without "
		    "cleanup", cfg->panic_flag_file));
		return;
	}
	refresh_loadmap(&t->critical_text, &t->critical, rt->critical_load,
	    "critical-load");
	refresh_loadmap(&t->max_load_text, &t->max_load, rt->max_load,
	    "max-load");
	gen_clear_facts(t);
	gen_set_step(t, GEN_CRITICAL);

	if (loadmap_count(t->critical) == 0 && loadmap_count(t->max_load) == 0 &&
	    !knob_set(rt->throttle_query)) {
		gen_run(t);
		return;
	}
	if (t->gen_conn == NULL)
		t->gen_conn = dbconn_create(t->base, &t->ctx->applier_params,
		    "throttler");
	if (!dbconn_connected(t->gen_conn)) {
		gen_set_step(t, GEN_CONNECTING);
		if (dbconn_connect(t->gen_conn, gen_connected_cb, t) != 0)
			fatalx("throttler: connect while busy");
		return;
	}
	gen_run(t);
}

/* The general collector's tick. */
static void
gen_tick(evutil_socket_t fd, short what, void *arg)
{
	struct throttler	*t = arg;

	arm(t->gen_timer, GENERAL_INTERVAL_MS);
	gen_collect(t);
}

/* The second critical-load check is due. */
static void
recheck_tick(evutil_socket_t fd, short what, void *arg)
{
	struct throttler	*t = arg;

	t->recheck_armed = false;
	if (t->panicked || t->hibernate_until_ns != 0)
		return;
	if (t->gstep != GEN_IDLE) {
		t->recheck_wanted = true;	/* after the run in progress */
		return;
	}
	if (t->gen_conn == NULL || !dbconn_connected(t->gen_conn))
		return;
	refresh_loadmap(&t->critical_text, &t->critical,
	    t->ctx->rt.critical_load, "critical-load");
	gen_set_step(t, GEN_RECHECK);
	gen_run(t);
}

/* Hibernation is over. */
static void
wake_tick(evutil_socket_t fd, short what, void *arg)
{
	struct throttler	*t = arg;

	t->general = true;
	free(t->general_reason);
	t->general_reason = xstrdup("leaving hibernation");
	t->hibernate_until_ns = 0;
	log_info("leaving hibernation");
}

/* ---- HTTP collector ---- */

/* Drop the connection and what was parsed from the URL. */
static void
http_reset(struct throttler *t)
{
	if (t->hconn != NULL)
		evhttp_connection_free(t->hconn);	/* no callback */
	t->hconn = NULL;
	t->http_inflight = false;
	free(t->http_url);
	free(t->http_host);
	free(t->http_path);
	t->http_url = t->http_host = t->http_path = NULL;
	t->http_bad_url = false;
}

/* Take a new URL: parse it. */
static void
http_set_url(struct throttler *t, const char *url)
{
	struct evhttp_uri	*uri;
	const char		*scheme, *host, *path, *query;
	struct buf		 b = BUF_INIT;

	http_reset(t);
	t->http_url = xstrdup(url);
	uri = evhttp_uri_parse(url);
	scheme = uri != NULL ? evhttp_uri_get_scheme(uri) : NULL;
	host = uri != NULL ? evhttp_uri_get_host(uri) : NULL;
	if (uri == NULL || scheme == NULL || strcasecmp(scheme, "http") != 0 ||
	    host == NULL || *host == '\0') {
		log_warn("throttle-http: cannot use %s: %s", url,
		    scheme != NULL && strcasecmp(scheme, "https") == 0 ?
		    "https is not supported" : "not an http:// URL");
		t->http_bad_url = true;
		if (uri != NULL)
			evhttp_uri_free(uri);
		return;
	}
	t->http_host = xstrdup(host);
	t->http_port = evhttp_uri_get_port(uri) > 0 ?
	    evhttp_uri_get_port(uri) : 80;
	path = evhttp_uri_get_path(uri);
	query = evhttp_uri_get_query(uri);
	buf_adds(&b, path != NULL && *path != '\0' ? path : "/");
	if (query != NULL)
		buf_addf(&b, "?%s", query);
	t->http_path = buf_detach(&b);
	evhttp_uri_free(uri);
}

/* A check failed: throttle unless told to ignore errors. */
static void
http_failed(struct throttler *t)
{
	if (!t->ctx->cfg->ignore_http_errors)
		t->http_status = -1;
	t->http_collected = true;
}

/* The HEAD request finished. */
static void
http_done_cb(struct evhttp_request *req, void *arg)
{
	struct throttler	*t = arg;
	int			 code;

	t->http_inflight = false;
	code = req != NULL ? evhttp_request_get_response_code(req) : 0;
	log_debugf("%s: %d", t->http_url, code);
	if (code <= 0) {
		http_failed(t);
		return;
	}
	t->http_status = code;
	t->http_collected = true;
}

/* One HTTP check (collectThrottleHTTPStatus). */
static void
http_collect(struct throttler *t)
{
	const char		*url = t->ctx->rt.throttle_http;
	struct evhttp_request	*req;
	struct evkeyvalq	*headers;
	struct timeval		 tv;
	int64_t			 timeout;
	char			*hostport;

	if (t->panicked || t->hibernate_until_ns != 0)
		return;
	if (!knob_set(url)) {
		/* Cleared: forget the last answer (gh-ost keeps it). */
		if (t->http_url != NULL)
			http_reset(t);
		t->http_status = 0;
		t->http_collected = true;
		return;
	}
	if (t->http_url == NULL || strcmp(t->http_url, url) != 0)
		http_set_url(t, url);
	if (t->http_bad_url) {
		http_failed(t);
		return;
	}
	if (t->http_inflight)
		return;
	if (t->hconn == NULL) {
		if (t->dns == NULL)
			t->dns = evdns_base_new(t->base,
			    EVDNS_BASE_INITIALIZE_NAMESERVERS |
			    EVDNS_BASE_DISABLE_WHEN_INACTIVE);
		t->hconn = evhttp_connection_base_new(t->base, t->dns,
		    t->http_host, (unsigned short)t->http_port);
		if (t->hconn == NULL) {
			http_failed(t);
			return;
		}
		timeout = t->ctx->cfg->throttle_http_timeout_millis;
		if (timeout <= 0)
			timeout = 1000;
		tv.tv_sec = (time_t)(timeout / 1000);
		tv.tv_usec = (suseconds_t)((timeout % 1000) * 1000);
		evhttp_connection_set_timeout_tv(t->hconn, &tv);
	}
	if ((req = evhttp_request_new(http_done_cb, t)) == NULL)
		fatalx("evhttp_request_new failed");
	headers = evhttp_request_get_output_headers(req);
	hostport = t->http_port == 80 ? xstrdup(t->http_host) :
	    xasprintf("%s:%d", t->http_host, t->http_port);
	evhttp_add_header(headers, "Host", hostport);
	free(hostport);
	evhttp_add_header(headers, "User-Agent", "wisp/" WISP_VERSION);
	t->http_inflight = true;
	/* On failure the request is freed, without its callback. */
	if (evhttp_make_request(t->hconn, req, EVHTTP_REQ_HEAD,
	    t->http_path) != 0) {
		t->http_inflight = false;
		http_failed(t);
	}
}

/* The HTTP collector's tick. */
static void
http_tick(evutil_socket_t fd, short what, void *arg)
{
	struct throttler	*t = arg;
	int64_t			 interval = t->ctx->cfg->throttle_http_interval_millis;

	arm(t->http_timer, interval > 0 ? interval : 100);
	http_collect(t);
}

/* ---- control-replica collector ---- */

/* Free a replica and its session (no callback follows). */
static void
replica_free(struct replica *r)
{
	if (r == NULL)
		return;
	dbconn_free(r->conn);
	free(r->key);
	free(r->error);
	free(r);
}

/* Record an error reading a replica. Takes text. */
static void
replica_set_error(struct replica *r, char *text)
{
	free(r->error);
	r->error = text;
	r->known = true;
	log_debugf("%s: %s", r->key, text);
}

/* The heartbeat read returned. */
static void
replica_read_cb(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct replica	*r = arg;
	const char	*v;
	int64_t		 beat;

	if (err != NULL) {
		replica_set_error(r, dbseq_error_text(err));
		return;
	}
	if (res == NULL || dbresult_nrows(res) == 0) {
		replica_set_error(r, xstrdup(NO_ROWS));
		return;
	}
	if ((v = dbresult_value(res, 0, 0)) == NULL) {
		replica_set_error(r, xstrdup("sql: Scan error on column index 0, "
		    "name \"value\": converting NULL to string is unsupported"));
		return;
	}
	if (throttle_parse_heartbeat(v, &beat) != 0) {
		replica_set_error(r, xasprintf("parsing time \"%s\" as "
		    "\"2006-01-02T15:04:05.999999999Z07:00\": cannot parse", v));
		return;
	}
	free(r->error);
	r->error = NULL;
	r->lag = (double)((int64_t)util_wall_ns() - beat) / 1e9;
	r->known = true;
}

/* Send the heartbeat read. */
static void
replica_read(struct replica *r)
{
	struct migration_ctx	*ctx = r->t->ctx;
	struct buf		 b = BUF_INIT;

	buf_adds(&b, "select value from ");
	buf_add_ident(&b, ctx->database != NULL ? ctx->database : "");
	buf_addc(&b, '.');
	buf_add_ident(&b, ctx->changelog_table != NULL ?
	    ctx->changelog_table : "");
	buf_adds(&b, " where hint = 'heartbeat' and id <= 255");
	if (dbconn_query(r->conn, buf_str(&b), replica_read_cb, r) != 0)
		replica_set_error(r, xstrdup("not connected"));
	buf_release(&b);
}

/* A replica session connected (or did not). */
static void
replica_connected_cb(struct dbconn *c, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct replica	*r = arg;

	if (err != NULL) {
		replica_set_error(r, dbseq_error_text(err));
		return;
	}
	replica_read(r);
}

/* Poll one replica unless its previous read still runs. */
static void
replica_poll(struct replica *r)
{
	if (dbconn_busy(r->conn))
		return;
	if (dbconn_connected(r->conn))
		replica_read(r);
	else if (dbconn_connect(r->conn, replica_connected_cb, r) != 0)
		fatalx("throttler: replica connect while busy");
}

/* A replica for host:port, with the inspector's credentials (gh-ost's
 * DuplicateCredentials of the inspector connection). */
static struct replica *
replica_create(struct throttler *t, const char *key, const char *host,
    int port)
{
	const struct dbconn_params	*from;
	struct dbconn_params		 p;
	struct replica			*r;
	char				*name;

	from = t->ctx->inspector_params.host != NULL ?
	    &t->ctx->inspector_params : &t->ctx->applier_params;
	dbconn_params_copy(&p, from);
	free(p.host);
	p.host = xstrdup(host);
	p.port = port;
	free(p.database);
	p.database = NULL;
	p.multi_statements = false;
	if (p.rw_timeout == 0)
		p.rw_timeout = REPLICA_RW_TIMEOUT;
	r = xcalloc(1, sizeof *r);
	r->t = t;
	r->key = xstrdup(key);
	name = xasprintf("control-replica %s", key);
	r->conn = dbconn_create(t->base, &p, name);
	free(name);
	dbconn_params_release(&p);
	return r;
}

/* Follow --throttle-control-replicas: keep known replicas, add and drop. */
static void
replicas_refresh(struct throttler *t)
{
	const char	*text = t->ctx->rt.throttle_control_replicas;
	struct replica	**list = NULL, *r;
	size_t		 n = 0, nitem, i, j;
	char		**items, *host, *key;
	int		 port;

	if (!knob_changed(t->replicas_text, text))
		return;
	free(t->replicas_text);
	t->replicas_text = knob_set(text) ? xstrdup(text) : NULL;
	items = util_split(knob_set(text) ? text : "", ',', &nitem);
	for (i = 0; i < nitem; i++) {
		if (util_parse_host_port(items[i], 3306, &host, &port) != 0) {
			log_warn("throttle-control-replicas: bad address: %s",
			    items[i]);
			continue;
		}
		key = xasprintf("%s:%d", host, port);
		for (j = 0; j < n && strcmp(list[j]->key, key) != 0; j++)
			;
		if (j == n) {
			r = NULL;
			for (j = 0; j < t->nreplicas; j++) {
				if (t->replicas[j] != NULL &&
				    strcmp(t->replicas[j]->key, key) == 0) {
					r = t->replicas[j];
					t->replicas[j] = NULL;
					break;
				}
			}
			if (r == NULL)
				r = replica_create(t, key, host, port);
			list = xreallocarray(list, n + 1, sizeof *list);
			list[n++] = r;
		}
		free(key);
		free(host);
	}
	util_free_strv(items);
	for (j = 0; j < t->nreplicas; j++)
		replica_free(t->replicas[j]);
	free(t->replicas);
	t->replicas = list;
	t->nreplicas = n;
	log_debugf("%zu control replicas", n);
}

/* Do we skip control replicas now (after the cut-over marker on a
 * replica)? */
static bool
replicas_suspended(struct throttler *t)
{
	const struct config	*cfg = t->ctx->cfg;

	return (cfg->test_on_replica || cfg->migrate_on_replica) &&
	    t->ops.lock_injected != NULL && t->ops.lock_injected(t->ops.arg);
}

/* The control-replica collector's tick (collectControlReplicasLag). */
static void
replicas_tick(evutil_socket_t fd, short what, void *arg)
{
	struct throttler	*t = arg;
	size_t			 i;

	arm(t->repl_timer, REPLICAS_INTERVAL_MS);
	if (t->panicked || t->hibernate_until_ns != 0)
		return;
	replicas_refresh(t);
	if (t->repl_counter % REPLICAS_RELAXED_FACTOR == 0) {
		t->repl_counter = 0;
		t->repl_aggressive = t->ctx->rt.max_lag_millis < 1000;
	}
	if ((t->repl_counter == 0 || t->repl_aggressive) &&
	    !replicas_suspended(t)) {
		for (i = 0; i < t->nreplicas; i++)
			replica_poll(t->replicas[i]);
	}
	t->repl_counter++;
}

/* The worst control replica: the first with an error, else the most
 * lagging; NULL when none has been read. */
static const struct replica *
replicas_worst(const struct throttler *t)
{
	const struct replica	*worst = NULL, *r;
	size_t			 i;

	for (i = 0; i < t->nreplicas; i++) {
		r = t->replicas[i];
		if (!r->known)
			continue;
		if (r->error != NULL)
			return r;
		if (worst == NULL || r->lag > worst->lag)
			worst = r;
	}
	return worst;
}

/* ---- the object ---- */

/* Create a throttler; nothing runs before throttler_start. */
struct throttler *
throttler_create(struct migration_ctx *ctx, const struct throttler_ops *ops)
{
	struct throttler	*t;

	t = xcalloc(1, sizeof *t);
	t->ctx = ctx;
	if (ops != NULL)
		t->ops = *ops;
	t->base = ctx->base;
	t->panic_ev = evtimer_new(t->base, panic_cb, t);
	t->gen_timer = evtimer_new(t->base, gen_tick, t);
	t->recheck_timer = evtimer_new(t->base, recheck_tick, t);
	t->wake_timer = evtimer_new(t->base, wake_tick, t);
	t->http_timer = evtimer_new(t->base, http_tick, t);
	t->repl_timer = evtimer_new(t->base, replicas_tick, t);
	if (t->panic_ev == NULL || t->gen_timer == NULL ||
	    t->recheck_timer == NULL || t->wake_timer == NULL ||
	    t->http_timer == NULL || t->repl_timer == NULL)
		fatalx("throttler: event_new failed");
	return t;
}

/* Start the collectors: each runs at once, then on its interval. */
void
throttler_start(struct throttler *t)
{
	const struct runtime	*rt = &t->ctx->rt;

	if (t->gen_conn == NULL && (knob_set(rt->critical_load) ||
	    knob_set(rt->max_load) || knob_set(rt->throttle_query)))
		t->gen_conn = dbconn_create(t->base, &t->ctx->applier_params,
		    "throttler");
	arm(t->gen_timer, 0);
	arm(t->http_timer, 0);
	arm(t->repl_timer, 0);
}

/* Run the general collector now if it is idle. */
void
throttler_poke(struct throttler *t)
{
	gen_collect(t);
}

/* The decision from the cached facts. */
bool
throttler_throttled(struct throttler *t, const char **reason)
{
	struct throttle_facts	 f;
	const struct replica	*worst;
	bool			 throttled;

	memset(&f, 0, sizeof f);
	f.hibernate_until_ns = t->hibernate_until_ns;
	f.general = t->general;
	f.general_reason = t->general_reason;
	f.http_status = knob_set(t->ctx->rt.throttle_http) ? t->http_status : 0;
	f.http_freno = knob_set(t->ctx->rt.throttle_http) &&
	    strstr(t->ctx->rt.throttle_http, "freno") != NULL;
	f.lag = t->ops.lag != NULL ? t->ops.lag(t->ops.arg) : 0.0;
	f.max_lag_millis = t->ctx->rt.max_lag_millis;
	if ((worst = replicas_worst(t)) != NULL) {
		f.replica_known = true;
		f.replica_key = worst->key;
		f.replica_error = worst->error;
		f.replica_lag = worst->lag;
	}
	f.lock_injected = t->ops.lock_injected != NULL &&
	    t->ops.lock_injected(t->ops.arg);
	f.on_replica = t->ctx->cfg->test_on_replica ||
	    t->ctx->cfg->migrate_on_replica;

	free(t->reason);
	throttled = throttle_decide(&f, &t->reason);
	if (reason != NULL)
		*reason = t->reason;
	return throttled;
}

/* Hibernating after critical-load? */
bool
throttler_hibernating(const struct throttler *t)
{
	return t->hibernate_until_ns != 0;
}

/* Have the general and HTTP collectors each completed once? */
bool
throttler_collected(const struct throttler *t)
{
	return t->general_collected && t->http_collected;
}

/* Stop everything and free. */
void
throttler_free(struct throttler *t)
{
	size_t	i;

	if (t == NULL)
		return;
	event_free(t->panic_ev);
	event_free(t->gen_timer);
	event_free(t->recheck_timer);
	event_free(t->wake_timer);
	event_free(t->http_timer);
	event_free(t->repl_timer);
	dbconn_free(t->gen_conn);
	for (i = 0; i < t->nreplicas; i++)
		replica_free(t->replicas[i]);
	free(t->replicas);
	free(t->replicas_text);
	http_reset(t);
	if (t->dns != NULL)
		evdns_base_free(t->dns, 0);
	gen_clear_facts(t);
	loadmap_free(t->max_load);
	loadmap_free(t->critical);
	free(t->max_load_text);
	free(t->critical_text);
	free(t->gen_conn_error);
	free(t->general_reason);
	free(t->panic_cause);
	free(t->reason);
	free(t);
}
