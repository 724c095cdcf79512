/* test_throttler.c: the throttle decision, and the collectors on a loop. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <event2/event.h>
#include <event2/http.h>
#include <mysql.h>

#include "context.h"
#include "throttler.h"

#define TEST_DB		"wisp_thr_test"
#define TEST_CHANGELOG	"_thr_ghc"

/* ---- the decision, pure ---- */

/* Facts with nothing to throttle on. */
static struct throttle_facts
calm(void)
{
	struct throttle_facts	f;

	memset(&f, 0, sizeof f);
	f.max_lag_millis = 1500;
	return f;
}

/* Decide and compare the reason (NULL: not throttled). */
static void
expect_decision(const struct throttle_facts *f, const char *want)
{
	char	*reason;
	bool	 throttled = throttle_decide(f, &reason);

	if (want == NULL) {
		assert_false(throttled);
		assert_null(reason);
		return;
	}
	assert_true(throttled);
	assert_non_null(reason);
	assert_string_equal(reason, want);
	free(reason);
}

static void
expect_general(const struct throttle_general *g, const char *want)
{
	char	*reason;
	bool	 throttled = throttle_general_decide(g, &reason);

	if (want == NULL) {
		assert_false(throttled);
		assert_null(reason);
		return;
	}
	assert_true(throttled);
	assert_string_equal(reason, want);
	free(reason);
}

static void
test_decide_nothing(void **state)
{
	struct throttle_facts	f = calm();

	expect_decision(&f, NULL);
	f.http_status = 200;		/* OK does not throttle */
	f.lag = 1.5;			/* equal to the maximum: not over it */
	f.replica_known = true;
	f.replica_key = "r:3306";
	f.replica_lag = 1.5;
	expect_decision(&f, NULL);
}

static void
test_decide_hibernate_first(void **state)
{
	struct throttle_facts	 f = calm();
	char			*reason, *when;

	setenv("TZ", "UTC", 1);
	tzset();
	f.hibernate_until_ns = INT64_C(1795744142665241037);
	f.general = true;
	f.general_reason = "flag-file";
	f.http_status = 503;
	f.lag = 10;
	assert_true(throttle_decide(&f, &reason));
	when = throttle_format_time(f.hibernate_until_ns);
	assert_string_equal(when, "2026-11-27 01:49:02.665241037 +0000 UTC");
	assert_string_equal(reason, "critical-load-hibernate until "
	    "2026-11-27 01:49:02.665241037 +0000 UTC");
	free(when);
	free(reason);
}

static void
test_decide_general_before_http(void **state)
{
	struct throttle_facts	f = calm();

	f.general = true;
	f.general_reason = "commanded by user";
	f.http_status = 503;
	f.lag = 10;
	f.replica_known = true;
	f.replica_key = "r:3306";
	f.replica_error = "boom";
	expect_decision(&f, "commanded by user");
	f.general_reason = "leaving hibernation";
	expect_decision(&f, "leaving hibernation");
}

static void
test_decide_http(void **state)
{
	struct throttle_facts	f = calm();

	f.http_status = 503;
	f.lag = 10;
	expect_decision(&f, "http=503");
	f.http_status = 500;
	expect_decision(&f, "Internal server error (http=500)");
	f.http_status = 404;
	expect_decision(&f, "Not found (http=404)");
	f.http_status = 417;
	expect_decision(&f, "Expectation failed (http=417)");
	f.http_status = 429;
	expect_decision(&f, "Too many requests (http=429)");
	f.http_status = -1;
	expect_decision(&f, "Connection error (http=-1)");
	f.http_status = 0;		/* unknown yet: on to the lag */
	expect_decision(&f, "lag=10.000000s");
}

static void
test_decide_http_freno(void **state)
{
	struct throttle_facts	f = calm();

	f.http_freno = true;
	f.http_status = 429;
	expect_decision(&f, "freno: threshold exceeded (http=429)");
	f.http_status = 404;
	expect_decision(&f, "freno: unknown metric (http=404)");
	f.http_status = 417;
	expect_decision(&f, "freno: access forbidden (http=417)");
	f.http_status = 500;
	expect_decision(&f, "freno: internal error (http=500)");
	f.http_status = -1;
	expect_decision(&f, "freno: connection error (http=-1)");
	f.http_status = 502;
	expect_decision(&f, "http=502");
}

static void
test_decide_lag_before_replicas(void **state)
{
	struct throttle_facts	f = calm();

	f.lag = 2.5;
	f.replica_known = true;
	f.replica_key = "r:3306";
	f.replica_error = "boom";
	expect_decision(&f, "lag=2.500000s");
	f.max_lag_millis = 3000;
	expect_decision(&f, "r:3306 boom");
}

static void
test_decide_replica_lag(void **state)
{
	struct throttle_facts	f = calm();

	f.replica_known = true;
	f.replica_key = "db2:3307";
	f.replica_lag = 2.0;
	expect_decision(&f, "db2:3307 replica-lag=2.000000s");
	f.max_lag_millis = 2500;
	expect_decision(&f, NULL);
	f.replica_known = false;	/* nothing read yet */
	f.max_lag_millis = 100;
	expect_decision(&f, NULL);
}

static void
test_decide_replicas_after_lock(void **state)
{
	struct throttle_facts	f = calm();

	f.replica_known = true;
	f.replica_key = "db2:3306";
	f.replica_lag = 9.0;
	f.lock_injected = true;
	f.on_replica = true;		/* --test-on-replica: skipped */
	expect_decision(&f, NULL);
	f.on_replica = false;		/* on the master: still checked */
	expect_decision(&f, "db2:3306 replica-lag=9.000000s");
	f.on_replica = true;
	f.lock_injected = false;	/* before the marker: checked */
	expect_decision(&f, "db2:3306 replica-lag=9.000000s");
}

static void
test_general_order(void **state)
{
	struct throttle_general	g;

	memset(&g, 0, sizeof g);
	expect_general(&g, NULL);
	g.query_result = 1;
	expect_general(&g, "throttle-query");
	g.max_load_var = "Threads_running";
	g.max_load_value = 30;
	g.max_load_threshold = 25;
	expect_general(&g, "max-load Threads_running=30 >= 25");
	g.max_load_error = "Nope sql: no rows in result set";
	expect_general(&g, "Nope sql: no rows in result set");
	g.additional_flag_file = true;
	expect_general(&g, "flag-file");
	g.additional_flag_file = false;
	g.flag_file = true;
	expect_general(&g, "flag-file");
	g.user = true;
	expect_general(&g, "commanded by user");
	g.critical_error = "Threads_running Error 2013 (HY000): lost";
	expect_general(&g, "Threads_running Error 2013 (HY000): lost");
}

static void
test_general_query_zero_or_negative(void **state)
{
	struct throttle_general	g;

	memset(&g, 0, sizeof g);
	g.query_result = 0;
	expect_general(&g, NULL);
	g.query_result = -3;		/* only > 0 throttles */
	expect_general(&g, NULL);
}

static void
test_format_time(void **state)
{
	char	*s;

	setenv("TZ", "UTC", 1);
	tzset();
	s = throttle_format_time(0);
	assert_string_equal(s, "1970-01-01 00:00:00 +0000 UTC");
	free(s);
	s = throttle_format_time(INT64_C(1500000000));
	assert_string_equal(s, "1970-01-01 00:00:01.5 +0000 UTC");
	free(s);
	s = throttle_format_time(INT64_C(1000000001));
	assert_string_equal(s, "1970-01-01 00:00:01.000000001 +0000 UTC");
	free(s);
}

static void
test_parse_heartbeat(void **state)
{
	int64_t	ns;

	assert_int_equal(throttle_parse_heartbeat(
	    "2026-11-21T02:09:02.665241037Z", &ns), 0);
	assert_int_equal(ns, INT64_C(1795226942665241037));
	assert_int_equal(throttle_parse_heartbeat("1970-01-01T00:00:01Z", &ns),
	    0);
	assert_int_equal(ns, INT64_C(1000000000));
	assert_int_equal(throttle_parse_heartbeat("1970-01-01T01:00:01.5+01:00",
	    &ns), 0);
	assert_int_equal(ns, INT64_C(1500000000));
	assert_int_equal(throttle_parse_heartbeat("1970-01-01T00:00:00-00:30",
	    &ns), 0);
	assert_int_equal(ns, INT64_C(1800000000000));
	assert_int_equal(throttle_parse_heartbeat("2026-11-21 02:09:02Z", &ns),
	    -1);
	assert_int_equal(throttle_parse_heartbeat("2026-11-21T02:09:02", &ns),
	    -1);
	assert_int_equal(throttle_parse_heartbeat("2026-13-21T02:09:02Z", &ns),
	    -1);
	assert_int_equal(throttle_parse_heartbeat("2026-11-21T02:09:02.Z", &ns),
	    -1);
	assert_int_equal(throttle_parse_heartbeat("", &ns), -1);
	assert_int_equal(throttle_parse_heartbeat(NULL, &ns), -1);
}

/* ---- on a loop ---- */

struct fx {
	struct event_base	*base;
	struct config		 cfg;
	struct migration_ctx	 ctx;
	struct throttler	*t;
	struct throttler_ops	 ops;
	double			 lag;
	bool			 lock_injected;
	char			*panic_cause;
	uint64_t		 panic_ms;
	uint64_t		 started_ms;
	char			 dir[64];
	char			*paths[4];
	/* A tiny HTTP server. */
	struct evhttp		*http;
	int			 http_port;
	int			 http_code;
	unsigned		 http_hits;
	int			 silent_fd;	/* listens, never answers */
	/* The test server, if any. */
	bool			 have_db;
	char			*db_host;
	int			 db_port;
	const char		*db_user;
	const char		*db_password;
};

static double
fx_lag(void *arg)
{
	return ((struct fx *)arg)->lag;
}

static void
fx_panic(void *arg, char *cause)
{
	struct fx	*fx = arg;

	assert_null(fx->panic_cause);
	fx->panic_cause = cause;
	fx->panic_ms = util_now_ms();
}

static bool
fx_lock_injected(void *arg)
{
	return ((struct fx *)arg)->lock_injected;
}

/* A port nothing listens on (bound, read and closed). */
static int
closed_port(void)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof sin;
	int			fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof sin), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	close(fd);
	return ntohs(sin.sin_port);
}

static int
fx_setup(void **state)
{
	struct fx	*fx = xcalloc(1, sizeof *fx);
	const char	*m = getenv("WISP_TEST_MASTER");
	char		*host = NULL;
	int		 port = 0;

	fx->base = event_base_new();
	fx->cfg.throttle_http_interval_millis = 100;
	fx->cfg.throttle_http_timeout_millis = 1000;
	fx->ctx.cfg = &fx->cfg;
	fx->ctx.base = fx->base;
	fx->ctx.rt.max_lag_millis = 1500;
	fx->ctx.database = TEST_DB;
	fx->ctx.changelog_table = TEST_CHANGELOG;
	fx->silent_fd = -1;
	fx->db_user = getenv("WISP_TEST_USER") != NULL ?
	    getenv("WISP_TEST_USER") : "gh-ost";
	fx->db_password = getenv("WISP_TEST_PASSWORD") != NULL ?
	    getenv("WISP_TEST_PASSWORD") : "gh-ost";
	if (m != NULL && *m != '\0') {
		if (util_parse_host_port(m, 3306, &host, &port) != 0)
			fail_msg("bad WISP_TEST_MASTER %s", m);
		fx->have_db = true;
	} else {
		host = xstrdup("127.0.0.1");
		port = closed_port();
	}
	fx->db_host = host;
	fx->db_port = port;
	fx->ctx.applier_params.host = xstrdup(host);
	fx->ctx.applier_params.port = port;
	fx->ctx.applier_params.user = xstrdup(fx->db_user);
	fx->ctx.applier_params.password = xstrdup(fx->db_password);
	fx->ctx.applier_params.connect_timeout = 3;
	fx->ctx.applier_params.rw_timeout = 5;
	dbconn_params_copy(&fx->ctx.inspector_params, &fx->ctx.applier_params);

	snprintf(fx->dir, sizeof fx->dir, "/tmp/wisp-thr.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	fx->paths[0] = xasprintf("%s/throttle", fx->dir);
	fx->paths[1] = xasprintf("%s/throttle-additional", fx->dir);
	fx->paths[2] = xasprintf("%s/panic", fx->dir);

	fx->ops.arg = fx;
	fx->ops.lag = fx_lag;
	fx->ops.panic = fx_panic;
	fx->ops.lock_injected = fx_lock_injected;
	*state = fx;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx	*fx = *state;
	size_t		 i;

	throttler_free(fx->t);
	if (fx->http != NULL)
		evhttp_free(fx->http);
	if (fx->silent_fd != -1)
		close(fx->silent_fd);
	free(fx->ctx.rt.max_load);
	free(fx->ctx.rt.critical_load);
	free(fx->ctx.rt.throttle_query);
	free(fx->ctx.rt.throttle_http);
	free(fx->ctx.rt.throttle_control_replicas);
	dbconn_params_release(&fx->ctx.applier_params);
	dbconn_params_release(&fx->ctx.inspector_params);
	for (i = 0; i < nitems(fx->paths); i++) {
		if (fx->paths[i] != NULL)
			unlink(fx->paths[i]);
		free(fx->paths[i]);
	}
	rmdir(fx->dir);
	free(fx->panic_cause);
	free(fx->db_host);
	event_base_free(fx->base);
	free(fx);
	return 0;
}

/* Create and start the throttler. */
static void
fx_start(struct fx *fx)
{
	fx->t = throttler_create(&fx->ctx, &fx->ops);
	fx->started_ms = util_now_ms();
	throttler_start(fx->t);
}

static void
tick_cb(evutil_socket_t fd, short what, void *arg)
{
}

/* Run the loop until pred holds or ms pass; does pred hold? */
static bool
run_until(struct fx *fx, bool (*pred)(struct fx *), uint64_t ms)
{
	struct event	*tick;
	struct timeval	 tv = { 0, 10000 };
	uint64_t	 end = util_now_ms() + ms;
	bool		 ok;

	tick = event_new(fx->base, -1, EV_PERSIST, tick_cb, NULL);
	event_add(tick, &tv);
	while (!(ok = pred != NULL && pred(fx)) && util_now_ms() < end)
		event_base_loop(fx->base, EVLOOP_ONCE);
	event_free(tick);
	return ok;
}

static void
run_for(struct fx *fx, uint64_t ms)
{
	run_until(fx, NULL, ms);
}

static bool
is_throttled(struct fx *fx)
{
	return throttler_throttled(fx->t, NULL);
}

static bool
not_throttled(struct fx *fx)
{
	return !throttler_throttled(fx->t, NULL);
}

static bool
has_panicked(struct fx *fx)
{
	return fx->panic_cause != NULL;
}

static bool
is_collected(struct fx *fx)
{
	return throttler_collected(fx->t);
}

static bool
is_hibernating(struct fx *fx)
{
	return throttler_hibernating(fx->t);
}

static bool
not_hibernating(struct fx *fx)
{
	return !throttler_hibernating(fx->t);
}

/* The current reason ("" when not throttled). */
static const char *
reason(struct fx *fx)
{
	const char	*r;

	return throttler_throttled(fx->t, &r) ? r : "";
}

/* Create an empty file. */
static void
touch(const char *path)
{
	assert_int_equal(util_touch(path), 0);
}

static void
test_loop_nothing(void **state)
{
	struct fx	*fx = *state;

	fx_start(fx);
	assert_true(run_until(fx, is_collected, 1000));
	run_for(fx, 300);
	assert_false(throttler_throttled(fx->t, NULL));
	assert_false(throttler_hibernating(fx->t));
	assert_null(fx->panic_cause);
}

static void
test_loop_flag_file(void **state)
{
	struct fx	*fx = *state;

	fx->cfg.throttle_flag_file = fx->paths[0];
	fx_start(fx);
	run_for(fx, 200);
	assert_string_equal(reason(fx), "");
	touch(fx->paths[0]);
	assert_true(run_until(fx, is_throttled, 1500));
	assert_string_equal(reason(fx), "flag-file");
	unlink(fx->paths[0]);
	assert_true(run_until(fx, not_throttled, 1500));
}

static void
test_loop_additional_flag_file(void **state)
{
	struct fx	*fx = *state;

	fx->cfg.throttle_flag_file = fx->paths[0];
	fx->cfg.throttle_additional_flag_file = fx->paths[1];
	touch(fx->paths[1]);
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 500));
	assert_string_equal(reason(fx), "flag-file");
	unlink(fx->paths[1]);
	assert_true(run_until(fx, not_throttled, 1500));
}

static void
test_loop_user_command(void **state)
{
	struct fx	*fx = *state;

	fx->cfg.throttle_flag_file = fx->paths[0];
	touch(fx->paths[0]);
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 500));
	fx->ctx.rt.user_throttle = true;	/* "throttle" */
	throttler_poke(fx->t);
	assert_string_equal(reason(fx), "commanded by user");
	fx->ctx.rt.user_throttle = false;	/* "no-throttle" */
	unlink(fx->paths[0]);
	throttler_poke(fx->t);
	assert_string_equal(reason(fx), "");
}

static void
test_loop_panic_flag_file(void **state)
{
	struct fx	*fx = *state;
	uint64_t	 at;

	fx->cfg.panic_flag_file = fx->paths[2];
	fx_start(fx);
	run_for(fx, 300);
	assert_null(fx->panic_cause);
	touch(fx->paths[2]);
	at = util_now_ms();
	assert_true(run_until(fx, has_panicked, 1500));
	assert_true(fx->panic_ms - at <= 1300);
	char *want = xasprintf("found panic-file %s. Aborting without cleanup",
	    fx->paths[2]);
	assert_string_equal(fx->panic_cause, want);
	free(want);
	/* Once: nothing more after the panic. */
	run_for(fx, 1100);
}

static void
test_loop_lag(void **state)
{
	struct fx	*fx = *state;

	fx_start(fx);
	fx->lag = 0.2;
	assert_string_equal(reason(fx), "");
	fx->lag = 3.0;
	assert_string_equal(reason(fx), "lag=3.000000s");
	fx->ctx.rt.max_lag_millis = 5000;	/* runtime knob */
	assert_string_equal(reason(fx), "");
}

/* The HTTP server answers with fx->http_code. */
static void
http_cb(struct evhttp_request *req, void *arg)
{
	struct fx	*fx = arg;

	fx->http_hits++;
	assert_int_equal(evhttp_request_get_command(req), EVHTTP_REQ_HEAD);
	evhttp_send_reply(req, fx->http_code, "whatever", NULL);
}

/* Serve HTTP on 127.0.0.1 and point --throttle-http at path. */
static void
http_serve(struct fx *fx, int code, const char *path)
{
	struct evhttp_bound_socket	*bound;
	struct sockaddr_in		 sin;
	socklen_t			 len = sizeof sin;
	char				*url;

	fx->http = evhttp_new(fx->base);
	evhttp_set_allowed_methods(fx->http, EVHTTP_REQ_HEAD | EVHTTP_REQ_GET);
	evhttp_set_gencb(fx->http, http_cb, fx);
	bound = evhttp_bind_socket_with_handle(fx->http, "127.0.0.1", 0);
	assert_non_null(bound);
	assert_int_equal(getsockname(evhttp_bound_socket_get_fd(bound),
	    (struct sockaddr *)&sin, &len), 0);
	fx->http_port = ntohs(sin.sin_port);
	fx->http_code = code;
	url = xasprintf("http://127.0.0.1:%d%s", fx->http_port, path);
	runtime_set_string(&fx->ctx.rt.throttle_http, url);
	free(url);
}

static bool
http_answered_twice(struct fx *fx)
{
	return fx->http_hits >= 2;
}

static void
test_loop_http_ok(void **state)
{
	struct fx	*fx = *state;

	http_serve(fx, 200, "/throttle?metric=lag");
	fx_start(fx);
	assert_true(run_until(fx, http_answered_twice, 1000));
	assert_true(throttler_collected(fx->t));
	assert_string_equal(reason(fx), "");
	/* Polled every --throttle-http-interval-millis. */
	run_for(fx, 500);
	assert_true(fx->http_hits >= 4);
}

static void
test_loop_http_503(void **state)
{
	struct fx	*fx = *state;

	http_serve(fx, 503, "/");
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 1000));
	assert_string_equal(reason(fx), "http=503");
	fx->http_code = 500;
	assert_true(run_until(fx, http_answered_twice, 1000));
	run_for(fx, 300);
	assert_string_equal(reason(fx), "Internal server error (http=500)");
	fx->http_code = 200;
	assert_true(run_until(fx, not_throttled, 1000));
	/* Cleared at runtime: no more checks, no throttling. */
	fx->http_code = 503;
	runtime_set_string(&fx->ctx.rt.throttle_http, NULL);
	run_for(fx, 300);
	assert_string_equal(reason(fx), "");
}

static void
test_loop_http_freno(void **state)
{
	struct fx	*fx = *state;

	http_serve(fx, 429, "/check/freno/mysql/main");
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 1000));
	assert_string_equal(reason(fx), "freno: threshold exceeded (http=429)");
}

static void
test_loop_http_refused(void **state)
{
	struct fx	*fx = *state;
	char		*url;

	url = xasprintf("http://127.0.0.1:%d/", closed_port());
	runtime_set_string(&fx->ctx.rt.throttle_http, url);
	free(url);
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 1000));
	assert_string_equal(reason(fx), "Connection error (http=-1)");
}

static void
test_loop_http_refused_ignored(void **state)
{
	struct fx	*fx = *state;
	char		*url;

	fx->cfg.ignore_http_errors = true;
	url = xasprintf("http://127.0.0.1:%d/", closed_port());
	runtime_set_string(&fx->ctx.rt.throttle_http, url);
	free(url);
	fx_start(fx);
	assert_true(run_until(fx, is_collected, 1000));
	run_for(fx, 500);
	assert_string_equal(reason(fx), "");
}

static void
test_loop_http_timeout(void **state)
{
	struct fx		*fx = *state;
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof sin;
	char			*url;
	uint64_t		 took;

	/* A server that accepts connections (in the kernel) and never
	 * answers. */
	fx->silent_fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fx->silent_fd, (struct sockaddr *)&sin,
	    sizeof sin), 0);
	assert_int_equal(listen(fx->silent_fd, 16), 0);
	assert_int_equal(getsockname(fx->silent_fd, (struct sockaddr *)&sin,
	    &len), 0);
	url = xasprintf("http://127.0.0.1:%d/", ntohs(sin.sin_port));
	runtime_set_string(&fx->ctx.rt.throttle_http, url);
	free(url);
	fx->cfg.throttle_http_timeout_millis = 300;
	fx_start(fx);
	run_for(fx, 150);
	assert_string_equal(reason(fx), "");	/* still waiting */
	assert_true(run_until(fx, is_throttled, 1500));
	took = util_now_ms() - fx->started_ms;
	assert_true(took >= 250);
	assert_string_equal(reason(fx), "Connection error (http=-1)");
}

static void
test_loop_http_bad_url(void **state)
{
	struct fx	*fx = *state;

	runtime_set_string(&fx->ctx.rt.throttle_http, "not a url");
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 500));
	assert_string_equal(reason(fx), "Connection error (http=-1)");
}

static void
test_loop_http_url_change(void **state)
{
	struct fx	*fx = *state;
	char		*url;

	url = xasprintf("http://127.0.0.1:%d/", closed_port());
	runtime_set_string(&fx->ctx.rt.throttle_http, url);
	free(url);
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 1000));
	/* throttle-http=<url> at runtime: the new server answers 200. */
	http_serve(fx, 200, "/");
	assert_true(run_until(fx, not_throttled, 1000));
	assert_true(fx->http_hits > 0);
}

static void
test_loop_replica_unreachable(void **state)
{
	struct fx	*fx = *state;
	char		*key, *want;
	int		 port = closed_port();

	key = xasprintf("127.0.0.1:%d", port);
	runtime_set_string(&fx->ctx.rt.throttle_control_replicas, key);
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 4000));
	want = xasprintf("%s ", key);
	assert_true(strncmp(reason(fx), want, strlen(want)) == 0);
	assert_non_null(strstr(reason(fx), "Can't connect"));
	free(want);
	free(key);
	/* Removed at runtime: forgotten. */
	runtime_set_string(&fx->ctx.rt.throttle_control_replicas, NULL);
	assert_true(run_until(fx, not_throttled, 500));
}

static void
test_loop_replica_skipped_after_lock(void **state)
{
	struct fx	*fx = *state;
	char		*key;

	key = xasprintf("127.0.0.1:%d", closed_port());
	runtime_set_string(&fx->ctx.rt.throttle_control_replicas, key);
	free(key);
	fx->cfg.migrate_on_replica = true;
	fx->lock_injected = true;
	fx_start(fx);
	run_for(fx, 1200);
	assert_string_equal(reason(fx), "");
	fx->lock_injected = false;
	assert_true(run_until(fx, is_throttled, 4000));
}

static void
test_loop_session_unreachable(void **state)
{
	struct fx	*fx = *state;

	fx->ctx.applier_params.port = closed_port();
	runtime_set_string(&fx->ctx.rt.max_load, "Threads_running=100");
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 4000));
	assert_true(strncmp(reason(fx), "Threads_running Can't connect", 29) ==
	    0);
}

/* ---- against a server ---- */

/* Run statements on the test server, blocking. */
static void
db_exec(struct fx *fx, const char *fmt, ...)
{
	MYSQL	*m = mysql_init(NULL);
	va_list	 ap;
	char	*sql;

	va_start(ap, fmt);
	sql = xvasprintf(fmt, ap);
	va_end(ap);
	if (mysql_real_connect(m, fx->db_host, fx->db_user, fx->db_password,
	    NULL, (unsigned)fx->db_port, NULL, 0) == NULL)
		fail_msg("connect: %s", mysql_error(m));
	if (mysql_query(m, sql) != 0)
		fail_msg("%s: %s", sql, mysql_error(m));
	free(sql);
	mysql_close(m);
}

/* A changelog table with a heartbeat ago_ms old (none if ago_ms < 0). */
static void
db_changelog(struct fx *fx, int64_t ago_ms)
{
	char		 value[64];
	struct tm	 tm;
	int64_t		 ns = (int64_t)util_wall_ns() - ago_ms * 1000000;
	time_t		 sec = (time_t)(ns / 1000000000);

	db_exec(fx, "create database if not exists " TEST_DB);
	db_exec(fx, "create table if not exists " TEST_DB "." TEST_CHANGELOG
	    " (id bigint unsigned auto_increment, last_update timestamp not "
	    "null default current_timestamp on update current_timestamp, "
	    "hint varchar(64) charset ascii not null, value varchar(4096) "
	    "charset ascii not null, primary key(id), unique key "
	    "hint_uidx(hint)) auto_increment=256");
	if (ago_ms < 0) {
		db_exec(fx, "delete from " TEST_DB "." TEST_CHANGELOG);
		return;
	}
	gmtime_r(&sec, &tm);
	strftime(value, sizeof value, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(value + strlen(value), sizeof value - strlen(value),
	    ".%09ldZ", (long)(ns % 1000000000));
	db_exec(fx, "insert into " TEST_DB "." TEST_CHANGELOG " (id, hint, value)"
	    " values (1, 'heartbeat', '%s') on duplicate key update value = "
	    "values(value)", value);
}

static void
db_drop(struct fx *fx)
{
	db_exec(fx, "drop database if exists " TEST_DB);
}

static bool
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void
test_db_max_load(void **state)
{
	struct fx	*fx = *state;
	const char	*r;

	if (!fx->have_db)
		skip();
	runtime_set_string(&fx->ctx.rt.max_load,
	    "Threads_running=100000,Threads_connected=1");
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 3000));
	r = reason(fx);
	assert_true(starts_with(r, "max-load Threads_connected="));
	assert_true(strlen(r) > 4 &&
	    strcmp(r + strlen(r) - 5, " >= 1") == 0);
	/* Raised at runtime: re-parsed on the next tick. */
	runtime_set_string(&fx->ctx.rt.max_load, "Threads_connected=100000");
	assert_true(run_until(fx, not_throttled, 2500));
}

static void
test_db_max_load_unknown(void **state)
{
	struct fx	*fx = *state;

	if (!fx->have_db)
		skip();
	runtime_set_string(&fx->ctx.rt.max_load, "No_such_status=1");
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 3000));
	assert_string_equal(reason(fx),
	    "No_such_status sql: no rows in result set");
}

static void
test_db_throttle_query(void **state)
{
	struct fx	*fx = *state;

	if (!fx->have_db)
		skip();
	runtime_set_string(&fx->ctx.rt.throttle_query, "select 0");
	fx_start(fx);
	assert_true(run_until(fx, is_collected, 3000));
	assert_string_equal(reason(fx), "");
	runtime_set_string(&fx->ctx.rt.throttle_query, "select 1");
	assert_true(run_until(fx, is_throttled, 2500));
	assert_string_equal(reason(fx), "throttle-query");
	runtime_set_string(&fx->ctx.rt.throttle_query, "select 0");
	throttler_poke(fx->t);
	assert_true(run_until(fx, not_throttled, 500));
}

static void
test_db_throttle_query_error(void **state)
{
	struct fx	*fx = *state;

	if (!fx->have_db)
		skip();
	/* gh-ost logs a failing throttle query and does not throttle. */
	runtime_set_string(&fx->ctx.rt.throttle_query,
	    "select * from no_such_db.no_such_table");
	fx_start(fx);
	assert_true(run_until(fx, is_collected, 3000));
	run_for(fx, 1200);
	assert_string_equal(reason(fx), "");
}

static void
test_db_critical_load_panic(void **state)
{
	struct fx	*fx = *state;

	if (!fx->have_db)
		skip();
	runtime_set_string(&fx->ctx.rt.critical_load, "Threads_connected=1");
	fx_start(fx);
	assert_true(run_until(fx, has_panicked, 3000));
	assert_true(starts_with(fx->panic_cause,
	    "critical-load met: Threads_connected="));
	assert_non_null(strstr(fx->panic_cause, ", >=1"));
}

static void
test_db_critical_load_interval(void **state)
{
	struct fx	*fx = *state;

	if (!fx->have_db)
		skip();
	fx->cfg.critical_load_interval_millis = 400;
	runtime_set_string(&fx->ctx.rt.critical_load, "Threads_connected=1");
	fx_start(fx);
	assert_true(run_until(fx, is_collected, 3000));
	assert_null(fx->panic_cause);	/* the first check does not abort */
	assert_true(run_until(fx, has_panicked, 3000));
	/* libevent arms timers from its cached time: allow a little. */
	if (fx->panic_ms - fx->started_ms < 380)
		fail_msg("panic after %" PRIu64 " ms: %s", fx->panic_ms - fx->started_ms, fx->panic_cause);
	assert_true(starts_with(fx->panic_cause,
	    "critical-load met again after 400 millis: Threads_connected="));
}

static void
test_db_critical_load_interval_recovers(void **state)
{
	struct fx	*fx = *state;

	if (!fx->have_db)
		skip();
	fx->cfg.critical_load_interval_millis = 600;
	runtime_set_string(&fx->ctx.rt.critical_load, "Threads_connected=1");
	fx_start(fx);
	assert_true(run_until(fx, is_collected, 3000));
	/* The load is gone before the second check. */
	runtime_set_string(&fx->ctx.rt.critical_load,
	    "Threads_connected=100000");
	run_for(fx, 1500);
	if (fx->panic_cause != NULL)
		fail_msg("panic after %" PRIu64 " ms: %s",
		    fx->panic_ms - fx->started_ms, fx->panic_cause);
}

static void
test_db_critical_load_hibernate(void **state)
{
	struct fx	*fx = *state;

	if (!fx->have_db)
		skip();
	fx->cfg.critical_load_hibernate_seconds = 1;
	runtime_set_string(&fx->ctx.rt.critical_load, "Threads_connected=1");
	fx_start(fx);
	assert_true(run_until(fx, is_hibernating, 3000));
	assert_true(starts_with(reason(fx), "critical-load-hibernate until "));
	assert_true(run_until(fx, not_hibernating, 2500));
	assert_string_equal(reason(fx), "leaving hibernation");
	assert_null(fx->panic_cause);
	/* Load gone: the next check clears it. */
	runtime_set_string(&fx->ctx.rt.critical_load, NULL);
	assert_true(run_until(fx, not_throttled, 2500));
}

static void
test_db_critical_load_unknown(void **state)
{
	struct fx	*fx = *state;

	if (!fx->have_db)
		skip();
	runtime_set_string(&fx->ctx.rt.critical_load, "No_such_status=1");
	fx->ctx.rt.user_throttle = true;	/* the error comes first */
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 3000));
	assert_string_equal(reason(fx),
	    "No_such_status sql: no rows in result set");
	assert_null(fx->panic_cause);
}

static void
test_db_replica_lag(void **state)
{
	struct fx	*fx = *state;
	char		*key, *want;
	double		 lag;

	if (!fx->have_db)
		skip();
	db_changelog(fx, 5000);
	key = xasprintf("%s:%d", fx->db_host, fx->db_port);
	runtime_set_string(&fx->ctx.rt.throttle_control_replicas, key);
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 3000));
	want = xasprintf("%s replica-lag=", key);
	assert_true(starts_with(reason(fx), want));
	lag = strtod(reason(fx) + strlen(want), NULL);
	assert_true(lag >= 5.0 && lag < 7.0);
	free(want);
	/* A fresh heartbeat: no lag at the next read (once a second). */
	db_changelog(fx, 0);
	assert_true(run_until(fx, not_throttled, 2500));
	free(key);
	db_drop(fx);
}

static void
test_db_replica_no_heartbeat(void **state)
{
	struct fx	*fx = *state;
	char		*key, *want;

	if (!fx->have_db)
		skip();
	db_changelog(fx, -1);
	key = xasprintf("%s:%d", fx->db_host, fx->db_port);
	runtime_set_string(&fx->ctx.rt.throttle_control_replicas, key);
	fx_start(fx);
	assert_true(run_until(fx, is_throttled, 3000));
	want = xasprintf("%s sql: no rows in result set", key);
	assert_string_equal(reason(fx), want);
	free(want);
	/* The table goes away: the server's error. */
	db_drop(fx);
	want = xasprintf("%s Error 1146 (42S02): Table '" TEST_DB "."
	    TEST_CHANGELOG "' doesn't exist", key);
	run_for(fx, 1200);
	assert_string_equal(reason(fx), want);
	free(want);
	free(key);
}

static bool
shows_replica_lag(struct fx *fx)
{
	return strstr(reason(fx), " replica-lag=") != NULL;
}

static void
test_db_replica_via_replication(void **state)
{
	struct fx	*fx = *state;
	const char	*rkey = getenv("WISP_TEST_REPLICA");
	double		 lag;

	if (!fx->have_db || rkey == NULL || *rkey == '\0')
		skip();
	db_changelog(fx, 4000);	/* replicates to the replica */
	runtime_set_string(&fx->ctx.rt.throttle_control_replicas, rkey);
	fx->ctx.rt.max_lag_millis = 500;	/* read every 100 ms */
	fx_start(fx);
	/* Until the table replicates, the replica answers with an error. */
	assert_true(run_until(fx, shows_replica_lag, 3000));
	assert_true(starts_with(reason(fx), rkey));
	lag = strtod(strstr(reason(fx), "=") + 1, NULL);
	assert_true(lag >= 4.0 && lag < 6.0);
	db_changelog(fx, 0);
	assert_true(run_until(fx, not_throttled, 2000));
	db_drop(fx);
}

int
main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_decide_nothing),
		cmocka_unit_test(test_decide_hibernate_first),
		cmocka_unit_test(test_decide_general_before_http),
		cmocka_unit_test(test_decide_http),
		cmocka_unit_test(test_decide_http_freno),
		cmocka_unit_test(test_decide_lag_before_replicas),
		cmocka_unit_test(test_decide_replica_lag),
		cmocka_unit_test(test_decide_replicas_after_lock),
		cmocka_unit_test(test_general_order),
		cmocka_unit_test(test_general_query_zero_or_negative),
		cmocka_unit_test(test_format_time),
		cmocka_unit_test(test_parse_heartbeat),
	};
#define LOOP(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest loop[] = {
		LOOP(test_loop_nothing),
		LOOP(test_loop_flag_file),
		LOOP(test_loop_additional_flag_file),
		LOOP(test_loop_user_command),
		LOOP(test_loop_panic_flag_file),
		LOOP(test_loop_lag),
		LOOP(test_loop_http_ok),
		LOOP(test_loop_http_503),
		LOOP(test_loop_http_freno),
		LOOP(test_loop_http_refused),
		LOOP(test_loop_http_refused_ignored),
		LOOP(test_loop_http_timeout),
		LOOP(test_loop_http_bad_url),
		LOOP(test_loop_http_url_change),
		LOOP(test_loop_replica_unreachable),
		LOOP(test_loop_replica_skipped_after_lock),
		LOOP(test_loop_session_unreachable),
	};
	const struct CMUnitTest server[] = {
		LOOP(test_db_max_load),
		LOOP(test_db_max_load_unknown),
		LOOP(test_db_throttle_query),
		LOOP(test_db_throttle_query_error),
		LOOP(test_db_critical_load_panic),
		LOOP(test_db_critical_load_interval),
		LOOP(test_db_critical_load_interval_recovers),
		LOOP(test_db_critical_load_hibernate),
		LOOP(test_db_critical_load_unknown),
		LOOP(test_db_replica_lag),
		LOOP(test_db_replica_no_heartbeat),
		LOOP(test_db_replica_via_replication),
	};
#undef LOOP
	int	rc;

	log_set_level(LOG_LEVEL_FATAL);
	rc = cmocka_run_group_tests_name("throttler", pure, NULL, NULL);
	rc += cmocka_run_group_tests_name("throttler_loop", loop, NULL, NULL);
	rc += cmocka_run_group_tests_name("throttler_server", server, NULL,
	    NULL);
	return rc;
}
