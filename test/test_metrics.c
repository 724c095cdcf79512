/* test_metrics.c: gh-ost's StatsD lines: value format, tags, aggregation,
 * datagrams, and the emitters' names. */
#include "common.h"

#include <math.h>
#include <setjmp.h>
#include <cmocka.h>

#include "metrics.h"

/* What a sink received: every datagram, and all of them joined. */
struct sent {
	size_t		 n;
	size_t		 max_len;
	bool		 all_end_in_newline;
	struct buf	 all;
};

static void
sink(void *arg, const char *data, size_t len)
{
	struct sent	*s = arg;

	s->n++;
	if (len > s->max_len)
		s->max_len = len;
	if (len == 0 || data[len - 1] != '\n')
		s->all_end_in_newline = false;
	buf_add(&s->all, data, len);
}

static struct metrics *
new_sink(struct sent *s, char *const *tags)
{
	memset(s, 0, sizeof *s);
	s->all_end_in_newline = true;
	return metrics_create_sink(tags, sink, s);
}

static void
check_float(double v, const char *want)
{
	struct buf	b = BUF_INIT;

	metrics_format_float(&b, v);
	assert_string_equal(buf_str(&b), want);
	buf_release(&b);
}

/* Go's strconv.FormatFloat(v, 'f', -1, 64). */
static void
test_format_float(void **state)
{
	struct buf	b = BUF_INIT;

	check_float(0, "0");
	check_float(-0.0, "-0");
	check_float(1, "1");
	check_float(42, "42");
	check_float(1.5, "1.5");
	check_float(0.1, "0.1");
	check_float(-2.25, "-2.25");
	check_float(0.1 + 0.2, "0.30000000000000004");
	check_float(1e-7, "0.0000001");
	check_float(123456789, "123456789");
	check_float(1e21, "1000000000000000000000");
	check_float(1.2345678901234568e20, "123456789012345680000");
	check_float(0.001, "0.001");
	check_float(1234.5678, "1234.5678");
	check_float(NAN, "NaN");
	check_float(INFINITY, "+Inf");
	check_float(-INFINITY, "-Inf");
	/* The smallest double: 323 zeros after the point, then 5. */
	metrics_format_float(&b, 5e-324);
	assert_int_equal(b.len, 2 + 323 + 1);
	assert_true(strncmp(b.data, "0.000", 5) == 0);
	assert_int_equal(b.data[b.len - 1], '5');
	buf_release(&b);
}

/* Each type's line; global tags before the metric's own. */
static void
test_lines_and_tags(void **state)
{
	char		*tags[] = { "env:prod", "service:db", NULL };
	struct sent	 s;
	struct metrics	*m = new_sink(&s, tags);

	metrics_count(m, "startup", 1, NULL);
	metrics_gauge(m, "lag.heartbeat_seconds", 0.25, "throttled:false");
	metrics_histogram(m, "query.duration_milliseconds", 12,
	    "side:target,kind:chunk_copy,outcome:ok");
	metrics_flush(m);
	assert_int_equal(s.n, 1);
	assert_string_equal(buf_str(&s.all),
	    "gh_ost.startup:1|c|#env:prod,service:db\n"
	    "gh_ost.lag.heartbeat_seconds:0.25|g|#env:prod,service:db,"
	    "throttled:false\n"
	    "gh_ost.query.duration_milliseconds:12|h|#env:prod,service:db,"
	    "side:target,kind:chunk_copy,outcome:ok\n");
	metrics_free(m);
	buf_release(&s.all);
}

/* No tags at all: no "|#". A flush with nothing sends nothing. */
static void
test_no_tags(void **state)
{
	struct sent	 s;
	struct metrics	*m = new_sink(&s, NULL);

	metrics_flush(m);
	assert_int_equal(s.n, 0);
	metrics_gauge(m, "throttle.active", 0, NULL);
	metrics_free(m);	/* flushes */
	assert_string_equal(buf_str(&s.all), "gh_ost.throttle.active:0|g\n");
	buf_release(&s.all);
}

/* DD_ENV and friends join the global tags after --statsd-tags, as the
 * DogStatsD client adds them; newlines are dropped from tags. */
static void
test_environment_tags(void **state)
{
	char		*tags[] = { "team:data\nbase", NULL };
	struct sent	 s;
	struct metrics	*m;

	setenv("DD_ENV", "staging", 1);
	setenv("DD_VERSION", "1.2", 1);
	unsetenv("DD_SERVICE");
	unsetenv("DD_ENTITY_ID");
	m = new_sink(&s, tags);
	unsetenv("DD_ENV");
	unsetenv("DD_VERSION");
	metrics_count(m, "startup", 1, NULL);
	metrics_free(m);
	assert_string_equal(buf_str(&s.all),
	    "gh_ost.startup:1|c|#team:database,env:staging,version:1.2\n");
	buf_release(&s.all);
}

/* Aggregated per name and tags between flushes: the last gauge, the sum
 * of counts, all histogram samples; each flush starts afresh. */
static void
test_aggregation(void **state)
{
	struct sent	 s;
	struct metrics	*m = new_sink(&s, NULL);

	metrics_gauge(m, "row_copy.rows_copied", 10, NULL);
	metrics_gauge(m, "row_copy.rows_copied", 20, NULL);
	metrics_count(m, "sleep.total_milliseconds", 100, "stage:a");
	metrics_count(m, "sleep.total_milliseconds", 50, "stage:a");
	metrics_count(m, "sleep.total_milliseconds", 7, "stage:b");
	metrics_histogram(m, "sleep.duration_milliseconds", 100, "stage:a");
	metrics_histogram(m, "sleep.duration_milliseconds", 50.5, "stage:a");
	metrics_flush(m);
	assert_string_equal(buf_str(&s.all),
	    "gh_ost.row_copy.rows_copied:20|g\n"
	    "gh_ost.sleep.total_milliseconds:150|c|#stage:a\n"
	    "gh_ost.sleep.total_milliseconds:7|c|#stage:b\n"
	    "gh_ost.sleep.duration_milliseconds:100:50.5|h|#stage:a\n");
	buf_reset(&s.all);
	metrics_count(m, "startup", 1, NULL);
	metrics_flush(m);
	assert_string_equal(buf_str(&s.all), "gh_ost.startup:1|c\n");
	metrics_free(m);
	buf_release(&s.all);
}

/* More than 1000 samples: 1000 are kept and the rate tells the share. */
static void
test_histogram_sampling(void **state)
{
	struct sent	 s;
	struct metrics	*m = new_sink(&s, NULL);
	const char	*p;
	size_t		 i, values = 0;

	for (i = 0; i < 4000; i++)
		metrics_histogram(m, "query.duration_milliseconds", 1, NULL);
	metrics_flush(m);
	assert_true(s.all_end_in_newline);
	for (p = buf_str(&s.all); *p != '\0'; p++) {
		if (*p == ':')
			values++;
	}
	assert_int_equal(values, 1000);
	assert_non_null(strstr(buf_str(&s.all), "|h|@0.25\n"));
	metrics_free(m);
	buf_release(&s.all);
}

/* Datagrams stay within 8172 bytes, end at a line's end, and together
 * hold every line. */
static void
test_datagrams(void **state)
{
	struct sent	 s;
	struct metrics	*m = new_sink(&s, NULL);
	char		 name[64];
	size_t		 i, lines = 0;
	const char	*p;

	for (i = 0; i < 500; i++) {
		snprintf(name, sizeof name, "test.metric_number_%zu", i);
		metrics_gauge(m, name, (double)i, "some:tag,another:tag");
	}
	for (i = 0; i < 1000; i++)
		metrics_histogram(m, "query.duration_milliseconds",
		    123456.789 + (double)i, NULL);
	metrics_flush(m);
	assert_true(s.n > 2);
	assert_true(s.max_len <= METRICS_MAX_PAYLOAD);
	assert_true(s.all_end_in_newline);
	for (p = buf_str(&s.all); *p != '\0'; p++) {
		if (*p == '\n')
			lines++;
	}
	assert_true(lines > 501);	/* the histogram needed several */
	assert_non_null(strstr(buf_str(&s.all),
	    "gh_ost.test.metric_number_499:499|g|#some:tag,another:tag\n"));
	assert_non_null(strstr(buf_str(&s.all), ":124455.789|h\n"));
	metrics_free(m);
	buf_release(&s.all);
}

/* gh-ost's recordThrottleMetrics: throttle.active on change (and once a
 * second), the interval's duration and count with the starting reason. */
static void
test_throttle(void **state)
{
	struct sent	 s;
	struct metrics	*m = new_sink(&s, NULL);

	metrics_throttle(m, false, NULL, 1000);
	metrics_throttle(m, true, "flag-file", 2000);
	metrics_throttle(m, true, "lag=2.1s", 2500);
	metrics_throttle(m, false, NULL, 4500);
	metrics_flush(m);
	assert_string_equal(buf_str(&s.all),
	    "gh_ost.throttle.active:0|g\n"
	    "gh_ost.throttle.duration_milliseconds:2500|h|#reason:flag-file\n"
	    "gh_ost.throttle.events_total:1|c|#reason:flag-file\n");
	metrics_free(m);
	buf_release(&s.all);
}

/* The emitters' names and tags. */
static void
test_emitters(void **state)
{
	struct sent	 s;
	struct metrics	*m = new_sink(&s, NULL);

	metrics_emit_progress(m, 5, 10, 3);
	metrics_emit_backlog(m, 250, 1000);
	metrics_emit_lag(m, 0.5, 0.1, true);
	metrics_cutover_phase(m, "magic_lock", 7, true);
	metrics_cutover_phase(m, "unlock", 2, false);
	metrics_cutover_attempt(m, "retry");
	metrics_cutover_total(m, 1500, true);
	metrics_sleep(m, "chunk_throttle", 30);
	metrics_query(m, "source", "range_select", 4, false);
	metrics_flush(m);
	assert_string_equal(buf_str(&s.all),
	    "gh_ost.row_copy.rows_copied:5|g\n"
	    "gh_ost.row_copy.rows_estimate:10|g\n"
	    "gh_ost.dml.events_applied:3|g\n"
	    "gh_ost.binlog.backlog_size:250|g\n"
	    "gh_ost.binlog.backlog_capacity:1000|g\n"
	    "gh_ost.binlog.backlog_utilization:0.25|g\n"
	    "gh_ost.lag.replication_seconds:0.5|g|#throttled:true\n"
	    "gh_ost.lag.heartbeat_seconds:0.1|g|#throttled:true\n"
	    "gh_ost.cut_over.phase_duration_milliseconds:7|h|#phase:magic_lock,"
	    "outcome:success\n"
	    "gh_ost.cut_over.phase_duration_milliseconds:2|h|#phase:unlock,"
	    "outcome:abort\n"
	    "gh_ost.cut_over.attempts_total:1|c|#outcome:retry\n"
	    "gh_ost.cut_over.total_duration_milliseconds:1500|h|"
	    "#outcome:success\n"
	    "gh_ost.sleep.duration_milliseconds:30|h|#stage:chunk_throttle\n"
	    "gh_ost.sleep.total_milliseconds:30|c|#stage:chunk_throttle\n"
	    "gh_ost.query.duration_milliseconds:4|h|#side:source,"
	    "kind:range_select,outcome:error\n");
	metrics_free(m);
	buf_release(&s.all);
}

/* The runtime gauges: six, with plausible values. */
static void
test_runtime(void **state)
{
	struct sent	 s;
	struct metrics	*m = new_sink(&s, NULL);
	const char	*p;

	metrics_start_runtime(m, 10);
	metrics_flush(m);
	p = buf_str(&s.all);
	assert_non_null(strstr(p, "gh_ost.go_runtime.alloc_bytes:"));
	assert_non_null(strstr(p, "gh_ost.go_runtime.heap_inuse_bytes:"));
	assert_non_null(strstr(p, "gh_ost.go_runtime.num_gc:0|g\n"));
	assert_non_null(strstr(p, "gh_ost.go_runtime.gc_pause_total_ns:0|g\n"));
	assert_non_null(strstr(p, "gh_ost.go_runtime.goroutines:1|g\n"));
	assert_null(strstr(p, "gh_ost.go_runtime.sys_bytes:0|"));
	metrics_free(m);
	buf_release(&s.all);
}

/* Disabled (NULL) metrics accept everything. */
static void
test_null(void **state)
{
	struct metrics	*m = NULL;
	char		*cause = NULL;

	assert_int_equal(metrics_create(NULL, "", NULL, &m, &cause), 0);
	assert_null(m);
	assert_int_equal(metrics_create(NULL, NULL, NULL, &m, &cause), 0);
	assert_null(m);
	metrics_count(m, "startup", 1, NULL);
	metrics_throttle(m, true, "x", 5);
	metrics_sleep(m, "x", 1);
	metrics_query(m, "a", "b", 1, true);
	metrics_cutover_phase(m, "a", 1, true);
	metrics_start_runtime(m, 1);
	metrics_flush(m);
	metrics_free(m);
}

/* Unusable addresses are refused at once. */
static void
test_bad_addresses(void **state)
{
	struct metrics	*m = NULL;
	char		*cause = NULL;

	assert_int_equal(metrics_create(NULL, "no-such-host.invalid:8125",
	    NULL, &m, &cause), -1);
	assert_null(m);
	assert_non_null(strstr(cause, "cannot resolve no-such-host.invalid"));
	free(cause);
	cause = NULL;
	assert_int_equal(metrics_create(NULL, "unixstream:///tmp/x", NULL, &m,
	    &cause), -1);
	assert_non_null(strstr(cause, "not supported"));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_float),
		cmocka_unit_test(test_lines_and_tags),
		cmocka_unit_test(test_no_tags),
		cmocka_unit_test(test_environment_tags),
		cmocka_unit_test(test_aggregation),
		cmocka_unit_test(test_histogram_sampling),
		cmocka_unit_test(test_datagrams),
		cmocka_unit_test(test_throttle),
		cmocka_unit_test(test_emitters),
		cmocka_unit_test(test_runtime),
		cmocka_unit_test(test_null),
		cmocka_unit_test(test_bad_addresses),
	};

	unsetenv("DD_ENV");
	unsetenv("DD_SERVICE");
	unsetenv("DD_VERSION");
	unsetenv("DD_ENTITY_ID");
	log_set_level(LOG_LEVEL_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
