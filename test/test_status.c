/* test_status.c: gh-ost's status line, ETA and cadence. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "status.h"

static struct status_snapshot
snap(int64_t copied, int64_t estimate)
{
	struct status_snapshot	s;

	memset(&s, 0, sizeof s);
	s.rows_copied = copied;
	s.rows_estimate = estimate;
	s.backlog_capacity = 1000;
	s.streamer = "mysql-bin.000003:1234";
	s.state = "migrating";
	return s;
}

static void
test_line_exact(void **state)
{
	struct status_snapshot	 s = snap(1000, 2000);
	char			*line;

	s.dml_applied = 5;
	s.backlog = 3;
	s.elapsed_ms = 75000;
	s.copy_elapsed_ms = 10400;
	s.lag_seconds = 0.014;
	s.heartbeat_lag_seconds = 0.05;
	s.rows_per_second = 100;
	line = status_line(&s);
	assert_string_equal(line, "Copy: 1000/2000 50.0%; Applied: 5; Backlog: "
	    "3/1000; Time: 1m15s(total), 10s(copy); streamer: "
	    "mysql-bin.000003:1234; Lag: 0.01s, HeartbeatLag: 0.05s, State: "
	    "migrating; ETA: 10s");
	free(line);
}

/* wisp's fields come after gh-ost's whole line. */
static void
test_line_extended(void **state)
{
	struct status_snapshot	 s = snap(1000, 2000);
	char			*line;

	s.elapsed_ms = 75000;
	s.copy_elapsed_ms = 10400;
	s.rows_per_second = 100;
	s.extended = true;
	s.applied_per_second = 2451;
	line = status_line(&s);
	assert_string_equal(line, "Copy: 1000/2000 50.0%; Applied: 0; Backlog: "
	    "0/1000; Time: 1m15s(total), 10s(copy); streamer: "
	    "mysql-bin.000003:1234; Lag: 0.00s, HeartbeatLag: 0.00s, State: "
	    "migrating; ETA: 10s; Apply: 2451 rows/s");
	free(line);
	s.chunks_at_once = 2;
	s.chunk_rows = 4200;
	line = status_line(&s);
	assert_non_null(strstr(line, "; ETA: 10s; Apply: 2451 rows/s; Chunks: 2 x "
	    "4200 rows"));
	free(line);
}

static void
test_eta_unknown_below_tenth_percent(void **state)
{
	struct status_snapshot	s = snap(1, 10000);
	char			eta[32];

	s.copy_elapsed_ms = 1000;
	status_format_eta(&s, eta, sizeof eta);
	assert_string_equal(eta, "N/A");
	assert_int_equal(status_eta_seconds(&s), -1);
}

static void
test_eta_due_when_complete_or_postponing(void **state)
{
	struct status_snapshot	s = snap(500, 500);
	char			eta[32];

	status_format_eta(&s, eta, sizeof eta);
	assert_string_equal(eta, "due");
	s = snap(10, 500);
	s.postponing = true;
	status_format_eta(&s, eta, sizeof eta);
	assert_string_equal(eta, "due");
}

static void
test_eta_from_average_when_no_rate(void **state)
{
	struct status_snapshot	s = snap(250, 1000);
	char			eta[32];

	s.copy_elapsed_ms = 10000;	/* 25% in 10 s: 30 s left */
	assert_int_equal(status_eta_seconds(&s), 30);
	s.copy_elapsed_ms = 1000000;
	status_format_eta(&s, eta, sizeof eta);
	assert_string_equal(eta, "50m0s");
}

static void
test_copy_complete_uses_copied_as_estimate(void **state)
{
	struct status_snapshot	 s = snap(1200, 1000);
	char			*line;

	s.copy_complete = true;
	line = status_line(&s);
	assert_non_null(strstr(line, "Copy: 1200/1200 100.0%"));
	assert_non_null(strstr(line, "ETA: due"));
	free(line);
}

static void
test_zero_estimate(void **state)
{
	struct status_snapshot	s = snap(0, 0);

	assert_true(status_progress(&s) == 100.0);
}

static void
test_cadence(void **state)
{
	assert_true(status_due(1, -1, -1));
	assert_true(status_due(60, -1, -1));
	assert_true(status_due(61, 30, -1));		/* ETA <= 60 */
	assert_false(status_due(61, 120, -1));		/* every 5 s */
	assert_true(status_due(65, 120, -1));
	assert_false(status_due(181, 1000, -1));	/* every 30 s */
	assert_true(status_due(210, 1000, -1));
	assert_true(status_due(185, 1000, 10));		/* point of interest */
	assert_false(status_due(186, 1000, 10));
	assert_false(status_due(3601, -1, -1));
	assert_true(status_due(3600, -1, -1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_exact),
		cmocka_unit_test(test_line_extended),
		cmocka_unit_test(test_eta_unknown_below_tenth_percent),
		cmocka_unit_test(test_eta_due_when_complete_or_postponing),
		cmocka_unit_test(test_eta_from_average_when_no_rate),
		cmocka_unit_test(test_copy_complete_uses_copied_as_estimate),
		cmocka_unit_test(test_zero_estimate),
		cmocka_unit_test(test_cadence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
