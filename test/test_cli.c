/* test_cli.c: the flag table, Go-style parsing, gh-ost's checks and messages,
 * --conf, --help and the not-supported refusal. */
#include "common.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"

#define ALTER	"--alter=ALTER TABLE d.t ADD COLUMN c INT"

/* One cli_parse_to call and what came out of it. */
struct run {
	struct config	 cfg;
	enum cli_action	 action;
	int		 exit_code;
	int		 rc;
	char		*cause;
	char		*out;
	size_t		 outlen;
};

/* Run "wisp args..." (args NULL-terminated) into r. */
static void
run_args(struct run *r, const char *const *args)
{
	char	*argv[64];
	FILE	*out;
	int	 argc = 0;

	memset(r, 0, sizeof *r);
	argv[argc++] = (char *)"wisp";
	while (*args != NULL && argc < (int)nitems(argv) - 1)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	config_init(&r->cfg);
	out = open_memstream(&r->out, &r->outlen);
	assert_non_null(out);
	r->rc = cli_parse_to(out, argc, argv, &r->cfg, &r->action,
	    &r->exit_code, &r->cause);
	fclose(out);
}

#define RUN(r, ...) run_args((r), (const char *const[]){ __VA_ARGS__, NULL })

/* Release a run. */
static void
run_free(struct run *r)
{
	config_free(&r->cfg);
	free(r->cause);
	free(r->out);
}

/* The run must have succeeded with CLI_RUN. */
static void
assert_runs(struct run *r)
{
	if (r->rc != 0)
		fail_msg("unexpected failure (%d): %s", r->exit_code, r->cause);
	assert_int_equal(r->action, CLI_RUN);
}

/* The run must have failed with exit code code and message want. */
static void
assert_fails(struct run *r, int code, const char *want)
{
	assert_int_equal(r->rc, -1);
	assert_non_null(r->cause);
	assert_string_equal(r->cause, want);
	assert_int_equal(r->exit_code, code);
}

/* gh-ost's 108 flags (main.go) with Go's DefValue text and bool-ness. */
static const struct {
	const char	*name;
	const char	*def;
	bool		 is_bool;
} gh_ost_flags[] = {
	{ "host", "127.0.0.1", false }, { "assume-master-host", "", false },
	{ "port", "3306", false }, { "mysql-timeout", "0", false },
	{ "user", "", false }, { "password", "", false },
	{ "master-user", "", false }, { "master-password", "", false },
	{ "conf", "", false }, { "ask-pass", "false", true },
	{ "charset", "utf8mb4,utf8,latin1", false }, { "ssl", "false", true },
	{ "ssl-ca", "", false }, { "ssl-cert", "", false },
	{ "ssl-key", "", false }, { "ssl-allow-insecure", "false", true },
	{ "database", "", false }, { "table", "", false },
	{ "alter", "", false }, { "attempt-instant-ddl", "false", true },
	{ "storage-engine", "innodb", false },
	{ "exact-rowcount", "false", true },
	{ "concurrent-rowcount", "true", true },
	{ "allow-on-master", "false", true },
	{ "allow-master-master", "false", true },
	{ "allow-nullable-unique-key", "false", true },
	{ "approve-renamed-columns", "false", true },
	{ "skip-renamed-columns", "false", true },
	{ "tungsten", "false", true }, { "discard-foreign-keys", "false", true },
	{ "skip-foreign-key-checks", "false", true },
	{ "skip-strict-mode", "false", true },
	{ "allow-zero-in-date", "false", true },
	{ "aliyun-rds", "false", true }, { "gcp", "false", true },
	{ "azure", "false", true }, { "gtid", "false", true },
	{ "execute", "false", true }, { "test-on-replica", "false", true },
	{ "test-on-replica-skip-replica-stop", "false", true },
	{ "migrate-on-replica", "false", true },
	{ "ok-to-drop-table", "false", true },
	{ "initially-drop-old-table", "false", true },
	{ "initially-drop-ghost-table", "false", true },
	{ "timestamp-old-table", "false", true },
	{ "cut-over", "atomic", false },
	{ "force-named-cut-over", "false", true },
	{ "force-named-panic", "false", true },
	{ "switch-to-rbr", "false", true }, { "assume-rbr", "false", true },
	{ "cut-over-exponential-backoff", "false", true },
	{ "exponential-backoff-max-interval", "64", false },
	{ "chunk-size", "1000", false }, { "dml-batch-size", "10", false },
	{ "default-retries", "60", false },
	{ "panic-on-warnings", "false", true },
	{ "cut-over-lock-timeout-seconds", "3", false },
	{ "nice-ratio", "0", false }, { "max-lag-millis", "1500", false },
	{ "replication-lag-query", "", false },
	{ "throttle-control-replicas", "", false },
	{ "throttle-query", "", false }, { "throttle-http", "", false },
	{ "throttle-http-interval-millis", "100", false },
	{ "throttle-http-timeout-millis", "1000", false },
	{ "ignore-http-errors", "false", true },
	{ "heartbeat-interval-millis", "100", false },
	{ "throttle-flag-file", "", false },
	{ "throttle-additional-flag-file", "/tmp/gh-ost.throttle", false },
	{ "postpone-cut-over-flag-file", "", false },
	{ "panic-flag-file", "", false },
	{ "initially-drop-socket-file", "false", true },
	{ "serve-socket-file", "", false }, { "serve-tcp-port", "0", false },
	{ "hooks-path", "", false }, { "hooks-hint", "", false },
	{ "hooks-hint-owner", "", false }, { "hooks-hint-token", "", false },
	{ "hooks-status-interval", "60", false },
	{ "replica-server-id", "99999", false },
	{ "allow-setup-metadata-lock-instruments", "false", true },
	{ "skip-metadata-lock-check", "false", true },
	{ "binlogsyncer-max-reconnect-attempts", "0", false },
	{ "include-triggers", "false", true }, { "trigger-suffix", "", false },
	{ "remove-trigger-suffix-if-exists", "false", true },
	{ "skip-port-validation", "false", true },
	{ "checkpoint", "false", true }, { "checkpoint-seconds", "300", false },
	{ "resume", "false", true }, { "revert", "false", true },
	{ "old-table", "", false },
	{ "analyze-ghost-table-before-cutover", "false", true },
	{ "max-load", "", false }, { "critical-load", "", false },
	{ "critical-load-interval-millis", "0", false },
	{ "critical-load-hibernate-seconds", "0", false },
	{ "statsd-addr", "", false }, { "statsd-tags", "", false },
	{ "runtime-metrics-interval", "10", false },
	{ "quiet", "false", true }, { "verbose", "false", true },
	{ "debug", "false", true }, { "stack", "false", true },
	{ "help", "false", true }, { "version", "false", true },
	{ "check-flag", "false", true }, { "force-table-names", "", false },
};

/* wisp's own flags, beyond gh-ost's, with their defaults. */
static const struct {
	const char	*name;
	const char	*def;
	bool		 is_bool;
} wisp_flags[] = {
	{ "copy-concurrency", "0", false }, { "chunk-time", "0.05", false },
	{ "dml-round-trip-transactions", "16", false },
	{ "defer-secondary-indexes", "false", true },
};

/* The flags whose behaviour is not built yet (the lead's list). */

/* ---- The table ---------------------------------------------------------- */

/* Exactly gh-ost's 108 flags, plus wisp's own, no more. */
static void
test_nflags(void **state)
{
	assert_int_equal(nitems(gh_ost_flags), 108);
	assert_int_equal(cli_nflags(), 108 + nitems(wisp_flags));
}

/* wisp's own flags: in the table with their defaults, supported, their
 * help saying they are wisp's, and none of them a gh-ost name. */
static void
test_wisp_flags(void **state)
{
	size_t	i, j;
	int	idx;

	for (i = 0; i < nitems(wisp_flags); i++) {
		idx = cli_flag_find(wisp_flags[i].name);
		if (idx < 0)
			fail_msg("no flag %s", wisp_flags[i].name);
		assert_string_equal(cli_flag_default((size_t)idx),
		    wisp_flags[i].def);
		assert_int_equal(cli_flag_is_bool((size_t)idx),
		    wisp_flags[i].is_bool);
		assert_true(cli_flag_supported((size_t)idx));
		for (j = 0; j < nitems(gh_ost_flags); j++)
			assert_string_not_equal(wisp_flags[i].name,
			    gh_ost_flags[j].name);
	}
}

/* --chunk-time adjusts the chunk size unless --chunk-size fixes it; both
 * at once are refused. */
static void
test_chunk_time(void **state)
{
	struct run	r;

	RUN(&r, ALTER);
	assert_runs(&r);
	assert_true(r.cfg.chunk_time == 0.05);
	run_free(&r);
	RUN(&r, ALTER, "--chunk-time=0.5");
	assert_runs(&r);
	assert_true(r.cfg.chunk_time == 0.5);
	run_free(&r);
	RUN(&r, ALTER, "--chunk-size=500");
	assert_runs(&r);
	assert_true(r.cfg.chunk_time == 0);
	assert_int_equal(r.cfg.chunk_size, 500);
	run_free(&r);
	RUN(&r, ALTER, "--chunk-size=500", "--chunk-time=0");
	assert_runs(&r);
	assert_true(r.cfg.chunk_time == 0);
	run_free(&r);
	RUN(&r, ALTER, "--chunk-size=500", "--chunk-time=1");
	assert_fails(&r, 1, "--chunk-size and --chunk-time cannot both be "
	    "given: --chunk-size fixes the rows per chunk, --chunk-time "
	    "adjusts them");
	run_free(&r);
	RUN(&r, ALTER, "--chunk-time=11");
	assert_int_not_equal(r.rc, 0);
	run_free(&r);
}

/* --copy-concurrency: 0..16, refused outside. */
static void
test_copy_concurrency(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--copy-concurrency=3");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.cfg.copy_concurrency, 3);
	run_free(&r);
	RUN(&r, ALTER);
	assert_int_equal(r.cfg.copy_concurrency, 0);
	run_free(&r);
	RUN(&r, ALTER, "--copy-concurrency=17");
	assert_int_not_equal(r.rc, 0);
	run_free(&r);
}

/* --dml-round-trip-transactions: 1..64, refused outside. */
static void
test_dml_round_trip_transactions(void **state)
{
	struct run	r;

	RUN(&r, ALTER);
	assert_int_equal(r.cfg.dml_round_trip_transactions, 16);
	run_free(&r);
	RUN(&r, ALTER, "--dml-round-trip-transactions=1");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.cfg.dml_round_trip_transactions, 1);
	run_free(&r);
	RUN(&r, ALTER, "--dml-round-trip-transactions=0");
	assert_int_not_equal(r.rc, 0);
	run_free(&r);
	RUN(&r, ALTER, "--dml-round-trip-transactions=65");
	assert_int_not_equal(r.rc, 0);
	run_free(&r);
}

/* Every gh-ost name is in the table once, with gh-ost's default and kind. */
static void
test_names_and_defaults(void **state)
{
	size_t	i, j;
	int	idx;

	for (i = 0; i < nitems(gh_ost_flags); i++) {
		idx = cli_flag_find(gh_ost_flags[i].name);
		if (idx < 0)
			fail_msg("no flag %s", gh_ost_flags[i].name);
		assert_string_equal(cli_flag_default((size_t)idx),
		    gh_ost_flags[i].def);
		assert_int_equal(cli_flag_is_bool((size_t)idx),
		    gh_ost_flags[i].is_bool);
	}
	for (i = 0; i < cli_nflags(); i++) {
		for (j = i + 1; j < cli_nflags(); j++)
			assert_string_not_equal(cli_flag_name(i),
			    cli_flag_name(j));
	}
	assert_int_equal(cli_flag_find("nope"), -1);
	assert_int_equal(cli_flag_find(""), -1);
}

/* Support status is exactly the lead's list. */
static void
test_support_status(void **state)
{
	size_t	i;

	/* Every gh-ost flag is built: none is refused as not supported. */
	for (i = 0; i < cli_nflags(); i++)
		assert_true(cli_flag_supported(i));
}

/* config_init gives gh-ost's defaults. */
static void
test_config_defaults(void **state)
{
	struct config	c;

	config_init(&c);
	assert_string_equal(c.host, "127.0.0.1");
	assert_int_equal(c.port, 3306);
	assert_null(c.user);
	assert_null(c.password);
	assert_string_equal(c.charset, "utf8mb4,utf8,latin1");
	assert_string_equal(c.storage_engine, "innodb");
	assert_true(c.concurrent_rowcount);
	assert_false(c.exact_rowcount);
	assert_false(c.execute);
	assert_int_equal(c.cut_over, CUT_OVER_ATOMIC);
	assert_int_equal(c.chunk_size, 1000);
	assert_int_equal(c.dml_batch_size, 10);
	assert_int_equal(c.default_retries, 60);
	assert_int_equal(c.cut_over_lock_timeout_seconds, 3);
	assert_int_equal(c.exponential_backoff_max_interval, 64);
	assert_true(c.nice_ratio == 0);
	assert_true(c.mysql_timeout == 0);
	assert_int_equal(c.max_lag_millis, 1500);
	assert_int_equal(c.throttle_http_interval_millis, 100);
	assert_int_equal(c.throttle_http_timeout_millis, 1000);
	assert_int_equal(c.heartbeat_interval_millis, 100);
	assert_string_equal(c.throttle_additional_flag_file,
	    "/tmp/gh-ost.throttle");
	assert_null(c.serve_socket_file);
	assert_int_equal(c.serve_tcp_port, 0);
	assert_int_equal(c.hooks_status_interval, 60);
	assert_int_equal(c.replica_server_id, 99999);
	assert_false(c.replica_server_id_set);
	assert_int_equal(c.checkpoint_seconds, 300);
	assert_int_equal(c.runtime_metrics_interval, 10);
	assert_int_equal(c.binlogsyncer_max_reconnect_attempts, 0);
	assert_non_null(c.statsd_tags);
	assert_null(c.statsd_tags[0]);
	config_free(&c);
	assert_null(c.host);
}

/* ---- Syntax ------------------------------------------------------------- */

/* A value of the right type for flag i. */
static const char *
good_value(size_t i)
{
	const char	*name = cli_flag_name(i);

	if (cli_flag_is_bool(i))
		return "true";
	if (strcmp(name, "cut-over") == 0)
		return "two-step";
	if (strcmp(name, "nice-ratio") == 0 ||
	    strcmp(name, "mysql-timeout") == 0)
		return "1.5";
	if (strcmp(cli_flag_default(i), "") != 0 &&
	    isdigit((unsigned char)cli_flag_default(i)[0]))
		return "42";
	return "x:1";
}

/* Every flag parses as -f=v, --f=v, -f v and --f v (bools: -f, --f, -f=true,
 * --f=true); --check-flag then accepts it or says it is not supported. */
static void
test_four_syntaxes(void **state)
{
	struct run	 r;
	char		 one[128], two[256];
	const char	*name, *v;
	char		 want[128];
	size_t		 i;
	int		 form;

	for (i = 0; i < cli_nflags(); i++) {
		name = cli_flag_name(i);
		v = good_value(i);
		snprintf(want, sizeof want, "--%s is not supported yet", name);
		for (form = 0; form < 4; form++) {
			snprintf(one, sizeof one, "%s%s", form % 2 ? "--" : "-",
			    name);
			if (form < 2 || cli_flag_is_bool(i)) {
				if (form < 2 && cli_flag_is_bool(i))
					RUN(&r, "--check-flag", one);
				else {
					snprintf(two, sizeof two, "%s=%s", one,
					    v);
					RUN(&r, "--check-flag", two);
				}
			} else
				RUN(&r, "--check-flag", one, v);
			if (cli_flag_supported(i)) {
				if (r.rc != 0)
					fail_msg("%s %s: %s", one, v, r.cause);
				assert_int_equal(r.action, CLI_EXIT_OK);
			} else
				assert_fails(&r, 1, want);
			run_free(&r);
		}
	}
}

/* Values land in their fields, Go's integer syntax included. */
static void
test_values_stored(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "-port", "3307", "--chunk-size=0x10",
	    "--dml-batch-size", "0b101", "-default-retries=0o17",
	    "--max-lag-millis=1_500", "--exponential-backoff-max-interval=010",
	    "--nice-ratio=0.5", "--mysql-timeout", "2.5",
	    "--replica-server-id", "7", "--cut-over=two-step", "--user", "u",
	    "--host=db1");
	assert_runs(&r);
	assert_int_equal(r.cfg.port, 3307);
	assert_int_equal(r.cfg.chunk_size, 16);
	assert_int_equal(r.cfg.dml_batch_size, 5);
	assert_int_equal(r.cfg.default_retries, 15);
	assert_int_equal(r.cfg.max_lag_millis, 1500);
	assert_int_equal(r.cfg.exponential_backoff_max_interval, 8);
	assert_true(r.cfg.nice_ratio == 0.5);
	assert_true(r.cfg.mysql_timeout == 2.5);
	assert_int_equal(r.cfg.replica_server_id, 7);
	assert_true(r.cfg.replica_server_id_set);
	assert_int_equal(r.cfg.cut_over, CUT_OVER_TWO_STEP);
	assert_string_equal(r.cfg.user, "u");
	assert_string_equal(r.cfg.host, "db1");
	run_free(&r);
}

/* Go's ParseBool spellings, and a bad one. */
static void
test_bool_values(void **state)
{
	static const char *yes[] = { "1", "t", "T", "true", "TRUE", "True" };
	static const char *no[] = { "0", "f", "F", "false", "FALSE", "False" };
	struct run	 r;
	char		 arg[64];
	size_t		 i;

	for (i = 0; i < nitems(yes); i++) {
		snprintf(arg, sizeof arg, "--exact-rowcount=%s", yes[i]);
		RUN(&r, ALTER, arg);
		assert_runs(&r);
		assert_true(r.cfg.exact_rowcount);
		run_free(&r);
		snprintf(arg, sizeof arg, "--concurrent-rowcount=%s", no[i]);
		RUN(&r, ALTER, arg);
		assert_runs(&r);
		assert_false(r.cfg.concurrent_rowcount);
		run_free(&r);
	}
	RUN(&r, ALTER, "--exact-rowcount=yes");
	assert_fails(&r, 2, "invalid boolean value \"yes\" for "
	    "-exact-rowcount: parse error");
	run_free(&r);
	RUN(&r, ALTER, "--exact-rowcount=");
	assert_fails(&r, 2, "invalid boolean value \"\" for -exact-rowcount: "
	    "parse error");
	run_free(&r);
}

/* A bool never takes the next argument: "false" ends the flags there. */
static void
test_bool_does_not_consume(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--exact-rowcount", "false", "--port=5");
	assert_runs(&r);
	assert_true(r.cfg.exact_rowcount);
	assert_int_equal(r.cfg.port, 3306);
	run_free(&r);
}

/* A non-bool takes the next argument even when it looks like a flag. */
static void
test_value_takes_next_arg(void **state)
{
	struct run	r;

	RUN(&r, "--database=d", "--table=t", "--alter", "--port=5");
	assert_runs(&r);
	assert_string_equal(r.cfg.alter, "--port=5");
	assert_int_equal(r.cfg.port, 3306);
	run_free(&r);
}

/* "--" and the first non-flag argument end the flags. */
static void
test_end_of_flags(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--", "--port=5");
	assert_runs(&r);
	assert_int_equal(r.cfg.port, 3306);
	run_free(&r);

	RUN(&r, ALTER, "extra", "--port=5");
	assert_runs(&r);
	assert_int_equal(r.cfg.port, 3306);
	run_free(&r);

	RUN(&r, ALTER, "-", "--port=5");
	assert_runs(&r);
	assert_int_equal(r.cfg.port, 3306);
	run_free(&r);
}

/* An unknown flag: exit 2, Go's message on one line, no usage dump. */
static void
test_unknown_flag(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--nope=3");
	assert_fails(&r, 2, "flag provided but not defined: -nope");
	assert_string_equal(r.out, "flag provided but not defined: -nope "
	    "(see wisp --help)\n");
	run_free(&r);

	RUN(&r, "-Port", "5", ALTER);
	assert_fails(&r, 2, "flag provided but not defined: -Port");
	run_free(&r);
}

/* Three dashes or a leading '=' is bad syntax. */
static void
test_bad_flag_syntax(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "---port=5");
	assert_fails(&r, 2, "bad flag syntax: ---port=5");
	run_free(&r);
	RUN(&r, ALTER, "-=5");
	assert_fails(&r, 2, "bad flag syntax: -=5");
	run_free(&r);
}

/* A value flag at the end has no value. */
static void
test_missing_value(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--port");
	assert_fails(&r, 2, "flag needs an argument: -port");
	run_free(&r);
	RUN(&r, ALTER, "-statsd-tags");
	assert_fails(&r, 2, "flag needs an argument: -statsd-tags");
	run_free(&r);
}

/* Numbers that do not parse, or overflow their Go type. */
static void
test_bad_numbers(void **state)
{
	static const struct {
		const char	*arg;
		const char	*want;
	} cases[] = {
		{ "--port=abc",
		  "invalid value \"abc\" for flag -port: parse error" },
		{ "--port=08",
		  "invalid value \"08\" for flag -port: parse error" },
		{ "--port=",
		  "invalid value \"\" for flag -port: parse error" },
		{ "--port= 5",
		  "invalid value \" 5\" for flag -port: parse error" },
		{ "--chunk-size=99999999999999999999", "invalid value "
		  "\"99999999999999999999\" for flag -chunk-size: value out of "
		  "range" },
		{ "--chunk-size=_100",
		  "invalid value \"_100\" for flag -chunk-size: parse error" },
		{ "--chunk-size=100_",
		  "invalid value \"100_\" for flag -chunk-size: parse error" },
		{ "--chunk-size=1.5",
		  "invalid value \"1.5\" for flag -chunk-size: parse error" },
		{ "--nice-ratio=x",
		  "invalid value \"x\" for flag -nice-ratio: parse error" },
		{ "--nice-ratio=1e999",
		  "invalid value \"1e999\" for flag -nice-ratio: value out of "
		  "range" },
		{ "--nice-ratio=0x1",
		  "invalid value \"0x1\" for flag -nice-ratio: parse error" },
		{ "--replica-server-id=-1", "invalid value \"-1\" for flag "
		  "-replica-server-id: parse error" },
		{ "--replica-server-id=4294967296", "invalid value \"4294967296\" "
		  "for flag -replica-server-id: value out of range" },
		{ "--port=\"5\"",
		  "invalid value \"\\\"5\\\"\" for flag -port: parse error" },
	};
	struct run	r;
	size_t		i;

	for (i = 0; i < nitems(cases); i++) {
		RUN(&r, ALTER, cases[i].arg);
		assert_fails(&r, 2, cases[i].want);
		run_free(&r);
	}
}

/* Out-of-range knobs are refused (gh-ost clamps or ignores them). */
static void
test_ranges(void **state)
{
	static const struct {
		const char	*arg;
		const char	*want;
	} cases[] = {
		{ "--chunk-size=9", "--chunk-size must be between 10 and 100000" },
		{ "--chunk-size=100001",
		  "--chunk-size must be between 10 and 100000" },
		{ "--dml-batch-size=0",
		  "--dml-batch-size must be between 1 and 1000" },
		{ "--dml-batch-size=1001",
		  "--dml-batch-size must be between 1 and 1000" },
		{ "--nice-ratio=-0.1", "--nice-ratio must be between 0 and 100" },
		{ "--nice-ratio=100.5",
		  "--nice-ratio must be between 0 and 100" },
		{ "--nice-ratio=NaN", "--nice-ratio must be between 0 and 100" },
		{ "--cut-over-lock-timeout-seconds=0",
		  "--cut-over-lock-timeout-seconds must be between 1 and 10" },
		{ "--cut-over-lock-timeout-seconds=11",
		  "--cut-over-lock-timeout-seconds must be between 1 and 10" },
		{ "--exponential-backoff-max-interval=1",
		  "--exponential-backoff-max-interval must be at least 2" },
		{ "--heartbeat-interval-millis=99",
		  "--heartbeat-interval-millis must be between 100 and 1000" },
		{ "--heartbeat-interval-millis=1001",
		  "--heartbeat-interval-millis must be between 100 and 1000" },
		{ "--max-lag-millis=99", "--max-lag-millis must be at least 100" },
		{ "--port=0", "--port must be between 1 and 65535" },
		{ "--port=65536", "--port must be between 1 and 65535" },
		{ "--serve-tcp-port=-1",
		  "--serve-tcp-port must be between 0 and 65535" },
		{ "--serve-tcp-port=65536",
		  "--serve-tcp-port must be between 0 and 65535" },
		{ "--default-retries=0", "--default-retries must be at least 1" },
		{ "--mysql-timeout=-1",
		  "--mysql-timeout must be between 0 and 86400" },
		{ "--mysql-timeout=inf",
		  "--mysql-timeout must be between 0 and 86400" },
		{ "--replica-server-id=0",
		  "--replica-server-id must be between 1 and 4294967295" },
	};
	struct run	r;
	size_t		i;

	for (i = 0; i < nitems(cases); i++) {
		RUN(&r, ALTER, cases[i].arg);
		assert_fails(&r, 1, cases[i].want);
		run_free(&r);
	}
}

/* The edges of the ranges are allowed. */
static void
test_range_edges(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--chunk-size=10", "--dml-batch-size=1000",
	    "--nice-ratio=100", "--cut-over-lock-timeout-seconds=10",
	    "--heartbeat-interval-millis=1000", "--max-lag-millis=100",
	    "--port=65535", "--exponential-backoff-max-interval=2");
	assert_runs(&r);
	run_free(&r);
	RUN(&r, ALTER, "--chunk-size=100000", "--nice-ratio=0",
	    "--port=1", "--heartbeat-interval-millis=100",
	    "--cut-over-lock-timeout-seconds=1", "--dml-batch-size=1");
	assert_runs(&r);
	run_free(&r);
}

/* A flag given twice keeps the last value; --statsd-tags collects. */
static void
test_last_wins(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--port=1", "--port=2", "--user=a", "--user=b");
	assert_runs(&r);
	assert_int_equal(r.cfg.port, 2);
	assert_string_equal(r.cfg.user, "b");
	run_free(&r);

	RUN(&r, ALTER, "--statsd-tags", "env:prod", "--statsd-tags=svc:x");
	assert_runs(&r);
	assert_string_equal(r.cfg.statsd_tags[0], "env:prod");
	assert_string_equal(r.cfg.statsd_tags[1], "svc:x");
	assert_null(r.cfg.statsd_tags[2]);
	run_free(&r);
}

/* An empty string value is stored as NULL (gh-ost's "not given"). */
static void
test_empty_string_is_null(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--user=", "--force-table-names", "");
	assert_runs(&r);
	assert_null(r.cfg.user);
	assert_null(r.cfg.force_table_names);
	run_free(&r);
}

/* ---- gh-ost's checks ---------------------------------------------------- */

/* --alter is mandatory, and must not be empty. */
static void
test_alter_required(void **state)
{
	struct run	r;

	RUN(&r, "--database=d", "--table=t");
	assert_fails(&r, 1, "--alter must be provided and statement must not "
	    "be empty");
	run_free(&r);
	RUN(&r, "--database=d", "--table=t", "--alter=");
	assert_fails(&r, 1, "--alter must be provided and statement must not "
	    "be empty");
	run_free(&r);
}

/* Database and table come from ALTER TABLE db.t when not given. */
static void
test_names_from_alter(void **state)
{
	struct run	r;

	RUN(&r, "--alter=ALTER TABLE `my db`.`my_t` ENGINE=InnoDB");
	assert_runs(&r);
	assert_string_equal(r.cfg.database, "my db");
	assert_string_equal(r.cfg.table, "my_t");
	assert_string_equal(r.cfg.serve_socket_file,
	    "/tmp/gh-ost.my db.my_t.sock");
	run_free(&r);

	RUN(&r, "--database=d", "--alter=alter table t add column x int");
	assert_runs(&r);
	assert_string_equal(r.cfg.database, "d");
	assert_string_equal(r.cfg.table, "t");
	run_free(&r);
}

/* Without --database and a schema in --alter: gh-ost's message. */
static void
test_database_required(void **state)
{
	struct run	r;

	RUN(&r, "--table=t", "--alter=ADD COLUMN c INT");
	assert_fails(&r, 1, "--database must be provided and database name "
	    "must not be empty, or --alter must specify database name");
	run_free(&r);
	RUN(&r, "--table=t", "--alter=ALTER TABLE t ADD COLUMN c INT");
	assert_fails(&r, 1, "--database must be provided and database name "
	    "must not be empty, or --alter must specify database name");
	run_free(&r);
}

/* Without --table and a table in --alter: gh-ost's message. */
static void
test_table_required(void **state)
{
	struct run	r;

	RUN(&r, "--database=d", "--alter=ADD COLUMN c INT");
	assert_fails(&r, 1, "--table must be provided and table name must not "
	    "be empty, or --alter must specify table name");
	run_free(&r);
}

/* wisp's rule: --alter may not name another table than the flags. */
static void
test_alter_contradiction(void **state)
{
	struct run	r;

	RUN(&r, "--database=a", "--table=b", ALTER);
	assert_fails(&r, 1, "--alter names table `d`.`t` but "
	    "--database/--table say `a`.`b`");
	run_free(&r);
	RUN(&r, "--database=d", "--table=b", ALTER);
	assert_fails(&r, 1, "--alter names table `d`.`t` but "
	    "--database/--table say `d`.`b`");
	run_free(&r);
	RUN(&r, "--database=a", "--alter=ALTER TABLE t ADD c INT",
	    "--table=b");
	assert_fails(&r, 1, "--alter names table `t` but --database/--table "
	    "say `a`.`b`");
	run_free(&r);
	RUN(&r, "--database=a", ALTER);
	assert_fails(&r, 1, "--alter names table `d`.`t` but "
	    "--database/--table say `a`.`t`");
	run_free(&r);
}

/* --alter agreeing with the flags is fine. */
static void
test_alter_agrees(void **state)
{
	struct run	r;

	RUN(&r, "--database=d", "--table=t", ALTER);
	assert_runs(&r);
	run_free(&r);
	RUN(&r, "--database=other", "--table=t",
	    "--alter=ALTER TABLE t ADD c INT");
	assert_runs(&r);
	assert_string_equal(r.cfg.database, "other");
	run_free(&r);
}

/* Every contradiction, in gh-ost's words, before "not supported". */
static void
test_contradictions(void **state)
{
	static const struct {
		const char	*a, *b;
		const char	*want;
	} cases[] = {
		{ "--allow-on-master", "--test-on-replica",
		  "--allow-on-master and --test-on-replica are mutually "
		  "exclusive" },
		{ "--allow-on-master", "--migrate-on-replica",
		  "--allow-on-master and --migrate-on-replica are mutually "
		  "exclusive" },
		{ "--migrate-on-replica", "--test-on-replica",
		  "--migrate-on-replica and --test-on-replica are mutually "
		  "exclusive" },
		{ "--switch-to-rbr", "--assume-rbr",
		  "--switch-to-rbr and --assume-rbr are mutually exclusive" },
		{ "--test-on-replica-skip-replica-stop", "--quiet",
		  "--test-on-replica-skip-replica-stop requires "
		  "--test-on-replica to be enabled" },
		{ "--master-user=u", "--quiet",
		  "--master-user requires --assume-master-host" },
		{ "--master-password=p", "--quiet",
		  "--master-password requires --assume-master-host" },
		{ "--ssl-ca=ca.pem", "--quiet", "--ssl-ca requires --ssl" },
		{ "--ssl-cert=c.pem", "--quiet", "--ssl-cert requires --ssl" },
		{ "--ssl-key=k.pem", "--quiet", "--ssl-key requires --ssl" },
		{ "--ssl-allow-insecure", "--quiet",
		  "--ssl-allow-insecure requires --ssl" },
		{ "--include-triggers", "--quiet",
		  "--trigger-suffix must be used with --include-triggers" },
		{ "--trigger-suffix=_v2", "--quiet",
		  "--trigger-suffix cannot be be used without "
		  "--include-triggers" },
		{ "--include-triggers", "--trigger-suffix=a-b",
		  "--trigger-suffix must contain only alpha numeric characters "
		  "and underscore (0-9,a-z,A-Z,_)" },
		{ "--remove-trigger-suffix-if-exists", "--quiet",
		  "--remove-trigger-suffix-if-exists requires "
		  "--include-triggers and --trigger-suffix" },
		{ "--checkpoint-seconds=9", "--quiet",
		  "--checkpoint-seconds should be >=10" },
		{ "--cut-over=bogus", "--quiet", "Unknown cut-over: bogus" },
		{ "--storage-engine=myisam", "--quiet",
		  "--storage-engine must be innodb or rocksdb" },
	};
	struct run	r;
	size_t		i;

	for (i = 0; i < nitems(cases); i++) {
		RUN(&r, ALTER, cases[i].a, cases[i].b);
		assert_fails(&r, 1, cases[i].want);
		run_free(&r);
	}
}

/* A contradiction is reported before a value check that comes later in
 * gh-ost's order. */
static void
test_check_order(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--chunk-size=1", "--switch-to-rbr", "--assume-rbr");
	assert_fails(&r, 1, "--switch-to-rbr and --assume-rbr are mutually "
	    "exclusive");
	run_free(&r);
	RUN(&r, "--chunk-size=1", "--database=d", "--table=t");
	assert_fails(&r, 1, "--alter must be provided and statement must not "
	    "be empty");
	run_free(&r);
}

/* Satisfied pairs pass the rules (and then meet "not supported"). */
static void
test_rules_satisfied(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--master-user=u", "--master-password=p",
	    "--assume-master-host=m:3307");
	assert_runs(&r);
	run_free(&r);
	RUN(&r, ALTER, "--ssl", "--ssl-allow-insecure");
	assert_runs(&r);
	run_free(&r);
	RUN(&r, ALTER, "--include-triggers", "--trigger-suffix=_v2",
	    "--remove-trigger-suffix-if-exists");
	assert_runs(&r);
	assert_true(r.cfg.include_triggers);
	assert_string_equal(r.cfg.trigger_suffix, "_v2");
	assert_true(r.cfg.remove_trigger_suffix_if_exists);
	run_free(&r);
	RUN(&r, ALTER, "--test-on-replica", "--test-on-replica-skip-replica-stop");
	assert_runs(&r);
	assert_true(r.cfg.test_on_replica);
	assert_true(r.cfg.test_on_replica_skip_replica_stop);
	run_free(&r);
}

/* --cut-over spellings; the last one given wins. */
static void
test_cut_over(void **state)
{
	static const struct {
		const char		*arg;
		enum cut_over_type	 want;
	} cases[] = {
		{ "--cut-over=atomic", CUT_OVER_ATOMIC },
		{ "--cut-over=default", CUT_OVER_ATOMIC },
		{ "--cut-over=", CUT_OVER_ATOMIC },
		{ "--cut-over=two-step", CUT_OVER_TWO_STEP },
	};
	struct run	r;
	size_t		i;

	for (i = 0; i < nitems(cases); i++) {
		RUN(&r, ALTER, "--cut-over=two-step", cases[i].arg);
		assert_runs(&r);
		assert_int_equal(r.cfg.cut_over, cases[i].want);
		run_free(&r);
	}
	RUN(&r, ALTER, "--cut-over=bogus", "--cut-over=atomic");
	assert_runs(&r);
	run_free(&r);
	RUN(&r, ALTER, "--cut-over=atomic", "--cut-over=Atomic");
	assert_fails(&r, 1, "Unknown cut-over: Atomic");
	run_free(&r);
}

/* innodb, "" and rocksdb run; another engine is refused (gh-ost would
 * take it for innodb). */
static void
test_storage_engine(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--storage-engine=innodb");
	assert_runs(&r);
	run_free(&r);
	RUN(&r, ALTER, "--storage-engine=");
	assert_runs(&r);
	assert_string_equal(r.cfg.storage_engine, "innodb");
	run_free(&r);
	RUN(&r, ALTER, "--storage-engine=rocksdb");
	assert_runs(&r);
	assert_string_equal(r.cfg.storage_engine, "rocksdb");
	run_free(&r);
	RUN(&r, ALTER, "--storage-engine=InnoDB");
	assert_fails(&r, 1, "--storage-engine must be innodb or rocksdb");
	run_free(&r);
}

/* gh-ost's --revert rules come before the support check. */
static void
test_revert(void **state)
{
	struct run	r;

	RUN(&r, "--revert", "--resume", "--database=d", "--table=t");
	assert_fails(&r, 1, "--revert cannot be used with --resume");
	run_free(&r);
	RUN(&r, "--revert", "--database=d", "--table=t");
	assert_fails(&r, 1, "--revert must be called with --old-table");
	run_free(&r);
	/* No --alter needed; one given is ignored (with gh-ost's warning). */
	RUN(&r, "--revert", "--old-table=_t_del", "--database=d", "--table=t");
	assert_runs(&r);
	assert_true(r.cfg.revert);
	assert_string_equal(r.cfg.old_table, "_t_del");
	run_free(&r);
}

/* --max-load and --critical-load are parsed before the support check. */
static void
test_load_lists(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--max-load=Threads_running");
	assert_fails(&r, 1, "Error parsing load condition: Threads_running");
	run_free(&r);
	RUN(&r, ALTER, "--critical-load=a=1,=2");
	assert_fails(&r, 1, "Error parsing status variable in load condition: "
	    "=2");
	run_free(&r);
	RUN(&r, ALTER, "--max-load=Threads_running=25,Threads_connected=500");
	assert_runs(&r);
	assert_string_equal(r.cfg.max_load, "Threads_running=25,Threads_connected=500");
	run_free(&r);
}

/* --throttle-control-replicas is a host[:port] list. */
static void
test_control_replicas(void **state)
{
	static const struct {
		const char	*arg;
		const char	*want;
	} cases[] = {
		{ "--throttle-control-replicas=h1:x",
		  "cannot parse address: h1:x" },
		{ "--throttle-control-replicas=h1,h2:70000",
		  "invalid port: 70000" },
		{ "--throttle-control-replicas=a,,b",
		  "cannot parse address: " },
		{ "--throttle-control-replicas=[fe80::1]",
		  "cannot parse address: [fe80::1]" },
	};
	struct run	r;
	size_t		i;

	for (i = 0; i < nitems(cases); i++) {
		RUN(&r, ALTER, cases[i].arg);
		assert_fails(&r, 1, cases[i].want);
		run_free(&r);
	}
	RUN(&r, ALTER, "--throttle-control-replicas=h1:3306,h2,[fe80::1]:3307,::1");
	assert_runs(&r);
	run_free(&r);
}

/* --assume-master-host must parse as host[:port]. */
static void
test_assume_master_host(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--assume-master-host=m:0");
	assert_fails(&r, 1, "invalid port: 0");
	run_free(&r);
	RUN(&r, ALTER, "--assume-master-host=m:a:b");
	assert_fails(&r, 1, "cannot parse address: m:a:b");
	run_free(&r);
	RUN(&r, ALTER, "--assume-master-host=master.example.com");
	assert_runs(&r);
	run_free(&r);
}

/* ---- Support status ----------------------------------------------------- */

/* A not-yet flag is refused only with a non-default value. */
static void
test_not_supported(void **state)
{
	struct run	r;

	/* Default values of any flag never trip the check. */
	RUN(&r, ALTER, "--tungsten=false", "--checkpoint-seconds=300",
	    "--throttle-additional-flag-file=/tmp/gh-ost.throttle",
	    "--charset=utf8mb4,utf8,latin1", "--serve-tcp-port=0");
	assert_runs(&r);
	run_free(&r);
}

/* --check-flag: no other validation; exit 0 when every flag given exists
 * and is supported, 1 when one is not supported (whatever its value). */
static void
test_check_flag(void **state)
{
	struct run	r;

	RUN(&r, "--check-flag", "--chunk-size", "5", "--nice-ratio", "0");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.action, CLI_EXIT_OK);
	assert_string_equal(r.out, "");
	run_free(&r);
	RUN(&r, "--check-flag", "--no-such-flag");
	assert_fails(&r, 2, "flag provided but not defined: -no-such-flag");
	run_free(&r);
	RUN(&r, "--check-flag", "--cut-over-lock-timeout-seconds",
	    "--nice-ratio", "0");
	assert_fails(&r, 2, "invalid value \"--nice-ratio\" for flag "
	    "-cut-over-lock-timeout-seconds: parse error");
	run_free(&r);
}

/* ---- Help and version --------------------------------------------------- */

/* --help, -help and -h print the usage on the given stream and exit 0. */
static void
test_help(void **state)
{
	static const char *forms[] = { "--help", "-help", "-h", "--h" };
	struct run	 r;
	const char	*p;
	size_t		 i, lines;

	for (i = 0; i < nitems(forms); i++) {
		RUN(&r, forms[i]);
		assert_int_equal(r.rc, 0);
		assert_int_equal(r.action, CLI_EXIT_OK);
		assert_true(strncmp(r.out, "Usage of wisp:\n", 15) == 0);
		for (lines = 0, p = r.out; *p != '\0'; p++)
			lines += *p == '\n';
		assert_int_equal(lines, 1 + 2 * cli_nflags());
		run_free(&r);
	}
	RUN(&r, "--help=false");
	assert_fails(&r, 1, "--alter must be provided and statement must not "
	    "be empty");
	run_free(&r);
}

/* Every flag appears once, sorted by name, as "  -name[ type]". */
static void
test_help_lists_all_sorted(void **state)
{
	struct run	 r;
	char		 prev[128] = "", name[128], needle[140];
	const char	*p, *line;
	size_t		 i, n = 0;

	RUN(&r, "--help");
	for (line = r.out; (p = strstr(line, "\n  -")) != NULL; line = p + 1) {
		sscanf(p + 4, "%127[^ \n]", name);
		assert_true(strcmp(prev, name) < 0);
		snprintf(prev, sizeof prev, "%s", name);
		n++;
	}
	assert_int_equal(n, cli_nflags());
	for (i = 0; i < cli_nflags(); i++) {
		snprintf(needle, sizeof needle, "\n  -%s\n", cli_flag_name(i));
		if (strstr(r.out, needle) == NULL) {
			snprintf(needle, sizeof needle, "\n  -%s ",
			    cli_flag_name(i));
			assert_non_null(strstr(r.out, needle));
		}
	}
	run_free(&r);
}

/* Go's PrintDefaults layout: type words, backquoted names, defaults. */
static void
test_help_format(void **state)
{
	static const char *want[] = {
		"\n  -host string\n    \tMySQL hostname (preferably a replica, "
		"not the master) (default \"127.0.0.1\")\n",
		"\n  -quiet\n    \tquiet\n",
		"\n  -approve-renamed-columns ALTER\n    \tin case your ALTER "
		"statement renames columns",
		"\n  -concurrent-rowcount\n",
		"(effectively doubling runtime); 0.7: for every 10ms spend in a "
		"rowcopy chunk, spend 7ms sleeping immediately after (allowed "
		"range: 0-100)\n  -ok-to-drop-table\n",
		"\n  -chunk-size int\n    \tamount of rows to handle in each "
		"iteration (allowed range: 10-100000) (default 1000)\n",
		"\n  -replica-server-id uint\n",
		"\n  -nice-ratio float\n",
		"\n  -statsd-tags value\n",
		"\n  -cut-over string\n    \tchoose cut-over type (default|atomic,"
		" two-step) (default \"atomic\")\n",
		"then start row copy (default true)\n",
		"\n  -gcp\n    \tset to 'true' when you execute on a 1st "
		"generation Google Cloud Platform (GCP).\n",
		"\n  -port int\n    \tMySQL port (preferably a replica, not the "
		"master) (allowed range: 1-65535) (default 3306)\n",
	};
	struct run	r;
	size_t		i;

	RUN(&r, "--help");
	for (i = 0; i < nitems(want); i++) {
		if (strstr(r.out, want[i]) == NULL)
			fail_msg("--help lacks: %s", want[i]);
	}
	assert_null(strstr(r.out, "(default 0)"));
	assert_null(strstr(r.out, "(default false)"));
	assert_null(strstr(r.out, "(default \"\")"));
	run_free(&r);
}

/* --version prints "wisp <version> (git commit: <commit>)". */
static void
test_version(void **state)
{
	struct run	r;

	RUN(&r, "--version");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.action, CLI_EXIT_OK);
	assert_true(strncmp(r.out, "wisp ", 5) == 0);
	assert_non_null(strstr(r.out, " (git commit: "));
	assert_true(r.out[strlen(r.out) - 2] == ')');
	run_free(&r);
}

/* gh-ost's levels: errors only, --verbose, --debug, --quiet wins. */
static void
test_log_level(void **state)
{
	static const struct {
		const char	*a, *b;
		enum log_level	 want;
	} cases[] = {
		{ "--host=h", "--host=h", LOG_LEVEL_ERROR },
		{ "--verbose", "--host=h", LOG_LEVEL_INFO },
		{ "--debug", "--verbose", LOG_LEVEL_DEBUG },
		{ "--debug", "--quiet", LOG_LEVEL_ERROR },
	};
	struct run	r;
	size_t		i;

	for (i = 0; i < nitems(cases); i++) {
		RUN(&r, ALTER, cases[i].a, cases[i].b);
		assert_runs(&r);
		assert_int_equal(log_get_level(), cases[i].want);
		run_free(&r);
	}
	log_set_level(LOG_LEVEL_ERROR);
}

/* ---- --conf ------------------------------------------------------------- */

/* Write text to a new temporary file; returns its path. */
static char *
write_conf(const char *text)
{
	char	*path = xstrdup("/tmp/wisp-test-conf-XXXXXX");
	int	 fd;

	fd = mkstemp(path);
	assert_true(fd != -1);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

/* Run with --conf=<file of text> plus one more argument. */
static void
run_conf(struct run *r, const char *text, const char *extra)
{
	char	*path = write_conf(text), *arg;

	arg = xasprintf("--conf=%s", path);
	RUN(r, ALTER, arg, extra);
	unlink(path);
	free(path);
	free(arg);
}

/* [client] user and password fill in what the command line leaves empty. */
static void
test_conf_client(void **state)
{
	struct run	r;

	run_conf(&r, "# comment\n[client]\nuser = gromit\npassword=123456\n",
	    "--quiet");
	assert_runs(&r);
	assert_string_equal(r.cfg.user, "gromit");
	assert_string_equal(r.cfg.password, "123456");
	run_free(&r);
}

/* The command line wins over the file, field by field. */
static void
test_conf_command_line_wins(void **state)
{
	struct run	r;

	run_conf(&r, "[client]\nuser=gromit\npassword=123456\n", "--user=wal");
	assert_runs(&r);
	assert_string_equal(r.cfg.user, "wal");
	assert_string_equal(r.cfg.password, "123456");
	run_free(&r);
	run_conf(&r, "[client]\nuser=gromit\npassword=123456\n",
	    "--password=x");
	assert_runs(&r);
	assert_string_equal(r.cfg.user, "gromit");
	assert_string_equal(r.cfg.password, "x");
	run_free(&r);
}

/* ${NAME} takes the environment's value; an unset one gives nothing. */
static void
test_conf_env(void **state)
{
	struct run	r;

	setenv("WISP_TEST_USER", "env-user", 1);
	setenv("WISP_TEST_PASSWORD", "env-pass", 1);
	unsetenv("WISP_TEST_UNSET");
	run_conf(&r, "[client]\nuser=${WISP_TEST_USER}\n"
	    "password=x${WISP_TEST_PASSWORD}y\n", "--quiet");
	assert_runs(&r);
	assert_string_equal(r.cfg.user, "env-user");
	assert_string_equal(r.cfg.password, "env-pass");
	run_free(&r);
	run_conf(&r, "[client]\nuser=${WISP_TEST_UNSET}\n", "--quiet");
	assert_runs(&r);
	assert_null(r.cfg.user);
	run_free(&r);
}

/* libmariadb's reader: quotes, escapes, other groups ignored. */
static void
test_conf_mysql_syntax(void **state)
{
	struct run	r;

	run_conf(&r, "[mysqld]\nuser=mysql\n[client]\nuser=\"gr omit\"\n"
	    "password='a\\\\b'\n[osc]\nuser=nobody\n", "--quiet");
	assert_runs(&r);
	assert_string_equal(r.cfg.user, "gr omit");
	assert_string_equal(r.cfg.password, "a\\b");
	run_free(&r);
}

/* [osc] chunk_size is validated but, as in gh-ost, not applied. */
static void
test_conf_osc(void **state)
{
	struct run	r;

	run_conf(&r, "[osc]\nchunk_size = 500 ; comment\nmax_lag_millis=2000\n"
	    "max_load=Threads_running=10\nreplication_lag_query=select 1\n",
	    "--quiet");
	assert_runs(&r);
	assert_int_equal(r.cfg.chunk_size, 1000);
	assert_int_equal(r.cfg.max_lag_millis, 1500);
	assert_null(r.cfg.max_load);
	run_free(&r);
	run_conf(&r, "[osc]\nchunk_size=abc\n", "--quiet");
	assert_fails(&r, 1, "unable to read osc chunk size: strconv.ParseInt: "
	    "parsing \"abc\": invalid syntax");
	run_free(&r);
	run_conf(&r, "[osc]\nmax_lag_millis=\"12x\"\n", "--quiet");
	assert_fails(&r, 1, "unable to read max lag millis: strconv.ParseInt: "
	    "parsing \"12x\": invalid syntax");
	run_free(&r);
	run_conf(&r, "[client]\nchunk_size=abc\n", "--quiet");
	assert_runs(&r);
	run_free(&r);
}

/* A missing or unreadable file is an error naming it. */
static void
test_conf_missing(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--conf=/nonexistent/wisp.cnf");
	assert_fails(&r, 1, "open /nonexistent/wisp.cnf: no such file or "
	    "directory");
	run_free(&r);
	RUN(&r, ALTER, "--conf=/tmp");
	assert_fails(&r, 1, "read /tmp: is a directory");
	run_free(&r);
}

/* ---- --ask-pass --------------------------------------------------------- */

/* Read a password from a pipe holding text. */
static int
read_pw(const char *text, char **pw, char **cause, char **prompt)
{
	size_t	 len;
	FILE	*out;
	int	 fds[2], rc;

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], text, strlen(text)),
	    (ssize_t)strlen(text));
	close(fds[1]);
	out = open_memstream(prompt, &len);
	rc = cli_read_password(fds[0], out, pw, cause);
	fclose(out);
	close(fds[0]);
	return rc;
}

/* One line, without its newline or CR; the prompt is gh-ost's. */
static void
test_read_password(void **state)
{
	char	*pw = NULL, *cause = NULL, *prompt = NULL;

	assert_int_equal(read_pw("s3cret\nnext\n", &pw, &cause, &prompt), 0);
	assert_string_equal(pw, "s3cret");
	assert_string_equal(prompt, "Password:\n");
	free(pw);
	free(prompt);
	assert_int_equal(read_pw("crlf\r\n", &pw, &cause, &prompt), 0);
	assert_string_equal(pw, "crlf");
	free(pw);
	free(prompt);
	assert_int_equal(read_pw("no-newline", &pw, &cause, &prompt), 0);
	assert_string_equal(pw, "no-newline");
	free(pw);
	free(prompt);
	assert_int_equal(read_pw("\n", &pw, &cause, &prompt), 0);
	assert_string_equal(pw, "");
	free(pw);
	free(prompt);
	assert_int_equal(read_pw("", &pw, &cause, &prompt), -1);
	assert_string_equal(cause, "reading the password: end of input");
	free(cause);
	free(prompt);
}

/* The default socket path follows gh-ost; an explicit one is taken. */
static void
test_socket_file(void **state)
{
	struct run	r;

	RUN(&r, ALTER);
	assert_runs(&r);
	assert_string_equal(r.cfg.serve_socket_file, "/tmp/gh-ost.d.t.sock");
	run_free(&r);
	RUN(&r, ALTER, "--serve-socket-file=/tmp/x.sock");
	assert_runs(&r);
	assert_string_equal(r.cfg.serve_socket_file, "/tmp/x.sock");
	run_free(&r);
}

/* ---- --charset and TLS ------------------------------------------------- */

/* --charset: a list of plain names, at least one of them known. */
static void
test_charset(void **state)
{
	static const struct {
		const char	*arg;
		const char	*want;	/* NULL: runs */
	} cases[] = {
		{ "--charset=latin1", NULL },
		{ "--charset=utf8mb4,utf8,latin1", NULL },
		{ "--charset=UTF8MB4", NULL },
		{ "--charset= utf8 , latin1 ", NULL },
		{ "--charset=nosuch,latin1", NULL },
		{ "--charset=nosuch",
		  "--charset: no character set wisp knows in 'nosuch'" },
		{ "--charset=nosuch,other",
		  "--charset: no character set wisp knows in 'nosuch,other'" },
		{ "--charset=latin1;drop",
		  "--charset: bad character set name in 'latin1;drop'" },
		{ "--charset=utf8mb4,,latin1",
		  "--charset: bad character set name in 'utf8mb4,,latin1'" },
		{ "--charset=utf8mb4,",
		  "--charset: bad character set name in 'utf8mb4,'" },
		{ "--charset=utf8 mb4",
		  "--charset: bad character set name in 'utf8 mb4'" },
	};
	struct run	r;
	size_t		i;

	for (i = 0; i < nitems(cases); i++) {
		RUN(&r, ALTER, cases[i].arg);
		if (cases[i].want == NULL) {
			assert_runs(&r);
			assert_string_equal(r.cfg.charset,
			    cases[i].arg + strlen("--charset="));
		} else
			assert_fails(&r, 1, cases[i].want);
		run_free(&r);
	}
	RUN(&r, ALTER, "--charset=");
	assert_runs(&r);
	assert_string_equal(r.cfg.charset, "utf8mb4,utf8,latin1");
	run_free(&r);
}

/* The files of a TLS test: PEM-looking text is all the check reads. */
struct tls_files {
	char	*dir;
	char	*ca, *cert, *key, *rsakey, *garbage, *missing;
};

static char *
tls_file(const char *dir, const char *name, const char *text)
{
	char	*path = xasprintf("%s/%s", dir, name);
	FILE	*f;

	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	return path;
}

static void
tls_files_make(struct tls_files *t)
{
	static const char cert[] = "subject=CN = x\n"
	    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

	t->dir = xstrdup("/tmp/wisp-test-tls-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	t->ca = tls_file(t->dir, "ca.pem", cert);
	t->cert = tls_file(t->dir, "cert.pem", cert);
	t->key = tls_file(t->dir, "key.pem",
	    "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
	t->rsakey = tls_file(t->dir, "rsa.pem",
	    "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n"
	    "-----END RSA PRIVATE KEY-----\n");
	t->garbage = tls_file(t->dir, "garbage.pem", "not a certificate\n");
	t->missing = xasprintf("%s/missing.pem", t->dir);
}

static void
tls_files_remove(struct tls_files *t)
{
	char	*paths[] = { t->ca, t->cert, t->key, t->rsakey, t->garbage };
	size_t	 i;

	for (i = 0; i < nitems(paths); i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
	free(t->missing);
	rmdir(t->dir);
	free(t->dir);
}

/* --ssl reads its files at startup, as gh-ost does, and says what is
 * wrong with them in Go's words. */
static void
test_tls_files(void **state)
{
	struct tls_files	 t;
	struct run		 r;
	char			*ca, *cert, *key, *want;

	tls_files_make(&t);

	ca = xasprintf("--ssl-ca=%s", t.ca);
	cert = xasprintf("--ssl-cert=%s", t.cert);
	key = xasprintf("--ssl-key=%s", t.key);
	RUN(&r, ALTER, "--ssl", ca, cert, key);
	assert_runs(&r);
	assert_true(r.cfg.ssl);
	assert_false(r.cfg.ssl_allow_insecure);
	assert_string_equal(r.cfg.ssl_ca, t.ca);
	assert_string_equal(r.cfg.ssl_cert, t.cert);
	assert_string_equal(r.cfg.ssl_key, t.key);
	run_free(&r);
	RUN(&r, ALTER, "--ssl");
	assert_runs(&r);
	assert_null(r.cfg.ssl_ca);
	run_free(&r);
	free(key);

	/* Any key type ending in PRIVATE KEY. */
	key = xasprintf("--ssl-key=%s", t.rsakey);
	RUN(&r, ALTER, "--ssl", cert, key);
	assert_runs(&r);
	run_free(&r);
	free(key);
	free(cert);
	free(ca);

	/* The CA: missing, a directory, not PEM; also when insecure. */
	ca = xasprintf("--ssl-ca=%s", t.missing);
	RUN(&r, ALTER, "--ssl", ca);
	want = xasprintf("open %s: no such file or directory", t.missing);
	assert_fails(&r, 1, want);
	free(want);
	run_free(&r);
	free(ca);
	ca = xasprintf("--ssl-ca=%s", t.dir);
	RUN(&r, ALTER, "--ssl", ca);
	want = xasprintf("read %s: is a directory", t.dir);
	assert_fails(&r, 1, want);
	free(want);
	run_free(&r);
	free(ca);
	ca = xasprintf("--ssl-ca=%s", t.garbage);
	RUN(&r, ALTER, "--ssl", ca);
	assert_fails(&r, 1, "could not add ca certificate to cert pool");
	run_free(&r);
	RUN(&r, ALTER, "--ssl", "--ssl-allow-insecure", ca);
	assert_fails(&r, 1, "could not add ca certificate to cert pool");
	run_free(&r);
	/* Without --ssl the rule speaks first. */
	RUN(&r, ALTER, ca);
	assert_fails(&r, 1, "--ssl-ca requires --ssl");
	run_free(&r);
	free(ca);

	/* A certificate needs its key and the other way round. */
	cert = xasprintf("--ssl-cert=%s", t.cert);
	key = xasprintf("--ssl-key=%s", t.key);
	RUN(&r, ALTER, "--ssl", cert);
	assert_fails(&r, 1, "--ssl-cert requires --ssl-key");
	run_free(&r);
	RUN(&r, ALTER, "--ssl", key);
	assert_fails(&r, 1, "--ssl-key requires --ssl-cert");
	run_free(&r);
	free(cert);
	free(key);

	/* Wrong contents. */
	cert = xasprintf("--ssl-cert=%s", t.garbage);
	key = xasprintf("--ssl-key=%s", t.key);
	RUN(&r, ALTER, "--ssl", cert, key);
	assert_fails(&r, 1, "tls: failed to find any PEM data in certificate "
	    "input");
	run_free(&r);
	free(cert);
	cert = xasprintf("--ssl-cert=%s", t.key);
	RUN(&r, ALTER, "--ssl", cert, key);
	assert_fails(&r, 1, "tls: failed to find \"CERTIFICATE\" PEM block in "
	    "certificate input");
	run_free(&r);
	free(cert);
	free(key);
	cert = xasprintf("--ssl-cert=%s", t.cert);
	key = xasprintf("--ssl-key=%s", t.garbage);
	RUN(&r, ALTER, "--ssl", cert, key);
	assert_fails(&r, 1, "tls: failed to find any PEM data in key input");
	run_free(&r);
	free(key);
	key = xasprintf("--ssl-key=%s", t.cert);
	RUN(&r, ALTER, "--ssl", cert, key);
	assert_fails(&r, 1, "tls: found a certificate rather than a key in the "
	    "PEM for the private key");
	run_free(&r);
	free(key);
	key = xasprintf("--ssl-key=%s", t.missing);
	RUN(&r, ALTER, "--ssl", cert, key);
	want = xasprintf("open %s: no such file or directory", t.missing);
	assert_fails(&r, 1, want);
	free(want);
	run_free(&r);
	free(key);
	free(cert);

	tls_files_remove(&t);
}

/* --replication-lag-query is deprecated but accepted. */
static void
test_replication_lag_query(void **state)
{
	struct run	r;

	RUN(&r, ALTER, "--replication-lag-query=select 1");
	assert_runs(&r);
	assert_string_equal(r.cfg.replication_lag_query, "select 1");
	run_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nflags),
		cmocka_unit_test(test_wisp_flags),
		cmocka_unit_test(test_copy_concurrency),
		cmocka_unit_test(test_dml_round_trip_transactions),
		cmocka_unit_test(test_chunk_time),
		cmocka_unit_test(test_names_and_defaults),
		cmocka_unit_test(test_support_status),
		cmocka_unit_test(test_config_defaults),
		cmocka_unit_test(test_four_syntaxes),
		cmocka_unit_test(test_values_stored),
		cmocka_unit_test(test_bool_values),
		cmocka_unit_test(test_bool_does_not_consume),
		cmocka_unit_test(test_value_takes_next_arg),
		cmocka_unit_test(test_end_of_flags),
		cmocka_unit_test(test_unknown_flag),
		cmocka_unit_test(test_bad_flag_syntax),
		cmocka_unit_test(test_missing_value),
		cmocka_unit_test(test_bad_numbers),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_range_edges),
		cmocka_unit_test(test_last_wins),
		cmocka_unit_test(test_empty_string_is_null),
		cmocka_unit_test(test_alter_required),
		cmocka_unit_test(test_names_from_alter),
		cmocka_unit_test(test_database_required),
		cmocka_unit_test(test_table_required),
		cmocka_unit_test(test_alter_contradiction),
		cmocka_unit_test(test_alter_agrees),
		cmocka_unit_test(test_contradictions),
		cmocka_unit_test(test_check_order),
		cmocka_unit_test(test_rules_satisfied),
		cmocka_unit_test(test_cut_over),
		cmocka_unit_test(test_storage_engine),
		cmocka_unit_test(test_revert),
		cmocka_unit_test(test_load_lists),
		cmocka_unit_test(test_control_replicas),
		cmocka_unit_test(test_assume_master_host),
		cmocka_unit_test(test_not_supported),
		cmocka_unit_test(test_check_flag),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_help_lists_all_sorted),
		cmocka_unit_test(test_help_format),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_log_level),
		cmocka_unit_test(test_conf_client),
		cmocka_unit_test(test_conf_command_line_wins),
		cmocka_unit_test(test_conf_env),
		cmocka_unit_test(test_conf_mysql_syntax),
		cmocka_unit_test(test_conf_osc),
		cmocka_unit_test(test_conf_missing),
		cmocka_unit_test(test_read_password),
		cmocka_unit_test(test_socket_file),
		cmocka_unit_test(test_replication_lag_query),
		cmocka_unit_test(test_charset),
		cmocka_unit_test(test_tls_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
