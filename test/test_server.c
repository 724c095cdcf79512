/* test_server.c: the interactive command socket (gh-ost's server.go). */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>

#include <event2/event.h>

#include "loadmap.h"
#include "server.h"

/* gh-ost's help answer, verbatim from go/logic/server.go. */
static const char gh_ost_help[] =
"available commands:\n"
"status                               # Print a detailed status message\n"
"sup                                  # Print a short status message\n"
"cpu-profile=<options>                # Print a base64-encoded runtime/pprof CPU profile using a duration, default: 30s. Comma-separated options 'gzip' and/or 'block' (blocked profile) may follow the profile duration\n"
"coordinates                          # Print the currently inspected coordinates\n"
"applier                              # Print the hostname of the applier\n"
"inspector                            # Print the hostname of the inspector\n"
"chunk-size=<newsize>                 # Set a new chunk-size\n"
"dml-batch-size=<newsize>             # Set a new dml-batch-size\n"
"nice-ratio=<ratio>                   # Set a new nice-ratio, immediate sleep after each row-copy operation, float (examples: 0 is aggressive, 0.7 adds 70% runtime, 1.0 doubles runtime, 2.0 triples runtime, ...)\n"
"critical-load=<load>                 # Set a new set of max-load thresholds\n"
"max-lag-millis=<max-lag>             # Set a new replication lag threshold\n"
"replication-lag-query=<query>        # Set a new query that determines replication lag (no quotes)\n"
"max-load=<load>                      # Set a new set of max-load thresholds\n"
"throttle-query=<query>               # Set a new throttle-query (no quotes)\n"
"throttle-http=<URL>                  # Set a new throttle URL\n"
"throttle-control-replicas=<replicas> # Set a new comma delimited list of throttle control replicas\n"
"throttle                             # Force throttling\n"
"no-throttle                          # End forced throttling (other throttling may still apply)\n"
"postpone-cut-over-flag-file=<path>   # Postpone the cut-over phase, writing a cut over flag file to the given path\n"
"unpostpone                           # Bail out a cut-over postpone; proceed to cut-over\n"
"panic                                # panic and quit without cleanup\n"
"help                                 # This message\n"
"- use '?' (question mark) as argument to get info rather than set. e.g. \"max-load=?\" will just print out current max-load.\n";

#define HINT_LINE "# Note: you may only throttle for as long as your binary " \
	"logs are not purged\n"
#define STATUS_HINT "# Migrating `d`.`t`\nCopy: 1/2 50.0%\n"
#define STATUS_ONLY "Copy: 1/2 50.0%\n"

/* ---- a fake migration behind the ops ------------------------------------ */

static const char *knob_names[] = {
	"chunk-size", "dml-batch-size", "max-lag-millis", "nice-ratio",
	"max-load", "critical-load", "throttle-query", "throttle-http",
	"throttle-control-replicas",
};

struct fake {
	char		*knobs[nitems(knob_names)];
	int		 sets;
	int		 throttle_on, throttle_off;
	bool		 postponing;
	char		*flag_file;
	int		 unpostpones;
	int		 panics;

	/* The hook. */
	bool		 hook;
	const char	*hook_reject;	/* reject every command with this */
	bool		 hook_async;	/* keep done for later */
	char		*hook_word;	/* the last command the hook saw */
	int		 hooks;
	void		(*hook_done)(void *, char *);
	void		*hook_done_arg;
};

static int
knob_index(const char *knob)
{
	size_t	i;

	for (i = 0; i < nitems(knob_names); i++) {
		if (strcmp(knob_names[i], knob) == 0)
			return (int)i;
	}
	fail_msg("unknown knob %s", knob);
	return -1;
}

static void
fake_status(void *arg, struct buf *b, bool with_hint)
{
	if (with_hint)
		buf_adds(b, "# Migrating `d`.`t`\n");
	buf_adds(b, STATUS_ONLY);
}

static void
fake_coordinates(void *arg, struct buf *b)
{
	buf_adds(b, "mysql-bin.000007:1234\n");
}

static void
fake_applier(void *arg, struct buf *b)
{
	buf_adds(b, "Host: primary:3306, Version: 10.11.6-MariaDB\n");
}

static void
fake_inspector(void *arg, struct buf *b)
{
	buf_adds(b, "Host: replica:3306, Version: 10.11.6-MariaDB\n");
}

static char *
fake_get(void *arg, const char *knob)
{
	struct fake	*f = arg;
	int		 i = knob_index(knob);

	return xstrdup(f->knobs[i] != NULL ? f->knobs[i] : "");
}

/* Loads are checked like gh-ost's ReadMaxLoad; chunk-size 13 is refused to
 * show an ops cause passing through. */
static int
fake_set(void *arg, const char *knob, const char *value, char **cause)
{
	struct fake	*f = arg;
	struct loadmap	*lm;
	int		 i = knob_index(knob);

	if (strcmp(knob, "max-load") == 0 || strcmp(knob, "critical-load") == 0) {
		if ((lm = loadmap_parse(value, cause)) == NULL)
			return -1;
		loadmap_free(lm);
	}
	if (strcmp(knob, "chunk-size") == 0 && strcmp(value, "13") == 0) {
		*cause = xstrdup("unlucky chunk-size");
		return -1;
	}
	free(f->knobs[i]);
	f->knobs[i] = xstrdup(value);
	f->sets++;
	return 0;
}

static void
fake_throttle(void *arg, bool on)
{
	struct fake	*f = arg;

	if (on)
		f->throttle_on++;
	else
		f->throttle_off++;
}

static int
fake_postpone(void *arg, const char *path, char **cause)
{
	struct fake	*f = arg;

	if (strncmp(path, "/nonexistent/", 13) == 0) {
		*cause = xasprintf("failed to create postpone cut-over flag file "
		    "%s: open %s: no such file or directory", path, path);
		return -1;
	}
	free(f->flag_file);
	f->flag_file = xstrdup(path);
	f->postponing = true;
	return 0;
}

static int
fake_unpostpone(void *arg, char **cause)
{
	struct fake	*f = arg;

	if (!f->postponing)
		return -1;
	f->postponing = false;
	f->unpostpones++;
	return 0;
}

static void
fake_panic(void *arg)
{
	struct fake	*f = arg;

	f->panics++;
}

static void
fake_hook(void *arg, const char *command, void (*done)(void *, char *),
    void *done_arg)
{
	struct fake	*f = arg;

	f->hooks++;
	free(f->hook_word);
	f->hook_word = xstrdup(command);
	if (f->hook_async) {
		assert_null(f->hook_done);
		f->hook_done = done;
		f->hook_done_arg = done_arg;
		return;
	}
	done(done_arg, f->hook_reject != NULL ? xstrdup(f->hook_reject) : NULL);
}

/* Finish a hook kept for later. */
static void
fake_hook_finish(struct fake *f, const char *reject)
{
	void	(*done)(void *, char *) = f->hook_done;

	assert_non_null(done);
	f->hook_done = NULL;
	done(f->hook_done_arg, reject != NULL ? xstrdup(reject) : NULL);
}

/* ---- fixture --------------------------------------------------------- */

struct fixture {
	struct event_base	*base;
	struct fake		 fake;
	struct server_ops	 ops;
	struct server_config	 cfg;
	struct server		*server;
	char			 dir[64];
	char			 path[128];
};

static int
setup(void **state)
{
	struct fixture	*fx = xcalloc(1, sizeof *fx);

	fx->base = event_base_new();
	assert_non_null(fx->base);
	fx->fake.knobs[knob_index("chunk-size")] = xstrdup("1000");
	fx->fake.knobs[knob_index("nice-ratio")] = xstrdup("0");
	fx->ops.arg = &fx->fake;
	fx->ops.status = fake_status;
	fx->ops.coordinates = fake_coordinates;
	fx->ops.applier = fake_applier;
	fx->ops.inspector = fake_inspector;
	fx->ops.get = fake_get;
	fx->ops.set = fake_set;
	fx->ops.throttle = fake_throttle;
	fx->ops.postpone = fake_postpone;
	fx->ops.unpostpone = fake_unpostpone;
	fx->ops.panic = fake_panic;
	fx->ops.hook = fake_hook;
	fx->cfg.table = "sample_data";
	snprintf(fx->dir, sizeof fx->dir, "/tmp/wisp-test-server.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->path, sizeof fx->path, "%s/gh-ost.test.sample.sock",
	    fx->dir);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*fx = *state;
	size_t		 i;
	char		*cmd;

	server_free(fx->server);
	event_base_free(fx->base);
	for (i = 0; i < nitems(fx->fake.knobs); i++)
		free(fx->fake.knobs[i]);
	free(fx->fake.flag_file);
	free(fx->fake.hook_word);
	cmd = xasprintf("rm -rf '%s'", fx->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", fx->dir);
	free(cmd);
	free(fx);
	return 0;
}

/* A server without sockets, for executing lines. */
static struct server *
fx_server(struct fixture *fx)
{
	char	*cause = NULL;

	fx->server = server_create(fx->base, &fx->cfg, &fx->ops, &cause);
	assert_null(cause);
	assert_non_null(fx->server);
	return fx->server;
}

struct answer {
	bool	 called;
	char	*text;
};

static void
answer_cb(void *arg, char *text)
{
	struct answer	*a = arg;

	assert_false(a->called);
	a->called = true;
	a->text = text;
}

/* Execute line and return its (synchronous) answer; the caller frees it. */
static char *
run(struct fixture *fx, const char *line)
{
	struct answer	a = { false, NULL };

	server_execute(fx->server, line, answer_cb, &a);
	assert_true(a.called);
	assert_non_null(a.text);
	return a.text;
}

/* Execute line and expect exactly want. */
static void
expect(struct fixture *fx, const char *line, const char *want)
{
	char	*got = run(fx, line);

	assert_string_equal(got, want);
	free(got);
}

/* ---- parsing ----------------------------------------------------------- */

/* Every command resolves to itself, aliases to their command. */
static void
test_parse_names_and_aliases(void **state)
{
	static const struct { const char *word, *name; } t[] = {
		{ "help", "help" },
		{ "status", "status" },
		{ "info", "status" },
		{ "sup", "sup" },
		{ "cpu-profile", "cpu-profile" },
		{ "coordinates", "coordinates" },
		{ "applier", "applier" },
		{ "inspector", "inspector" },
		{ "chunk-size", "chunk-size" },
		{ "dml-batch-size", "dml-batch-size" },
		{ "max-lag-millis", "max-lag-millis" },
		{ "replication-lag-query", "replication-lag-query" },
		{ "nice-ratio", "nice-ratio" },
		{ "max-load", "max-load" },
		{ "critical-load", "critical-load" },
		{ "throttle-query", "throttle-query" },
		{ "throttle-http", "throttle-http" },
		{ "throttle-control-replicas", "throttle-control-replicas" },
		{ "throttle", "throttle" },
		{ "pause", "throttle" },
		{ "suspend", "throttle" },
		{ "no-throttle", "no-throttle" },
		{ "unthrottle", "no-throttle" },
		{ "resume", "no-throttle" },
		{ "continue", "no-throttle" },
		{ "postpone-cut-over-flag-file", "postpone-cut-over-flag-file" },
		{ "unpostpone", "unpostpone" },
		{ "no-postpone", "unpostpone" },
		{ "cut-over", "unpostpone" },
		{ "panic", "panic" },
	};
	struct server_command	cmd;
	char			*cause = NULL;
	size_t			 i;

	for (i = 0; i < nitems(t); i++) {
		assert_int_equal(server_parse(t[i].word, &cmd, &cause), 0);
		assert_null(cause);
		assert_non_null(cmd.entry);
		assert_string_equal(cmd.name, t[i].name);
		assert_string_equal(cmd.word, t[i].word);
		assert_string_equal(cmd.arg, "");
		assert_false(cmd.has_arg);
		assert_false(cmd.question);
		server_command_release(&cmd);
	}
}

/* "?" reads back, however it is spaced or quoted. */
static void
test_parse_question(void **state)
{
	static const char *lines[] = {
		"chunk-size=?", " chunk-size = ? ", "max-load=\"?\"",
		"nice-ratio=`?`", "throttle-query=\t?\r",
	};
	struct server_command	cmd;
	size_t			i;

	for (i = 0; i < nitems(lines); i++) {
		assert_int_equal(server_parse(lines[i], &cmd, NULL), 0);
		assert_true(cmd.has_arg);
		assert_true(cmd.question);
		assert_string_equal(cmd.arg, "?");
		server_command_release(&cmd);
	}
	assert_int_equal(server_parse("chunk-size=??", &cmd, NULL), 0);
	assert_false(cmd.question);
	server_command_release(&cmd);
}

/* The line splits at its first '=' only; both halves are trimmed. */
static void
test_parse_argument_with_equals(void **state)
{
	struct server_command	cmd;

	assert_int_equal(server_parse("throttle-query=select 1 = 1", &cmd,
	    NULL), 0);
	assert_string_equal(cmd.name, "throttle-query");
	assert_string_equal(cmd.arg, "select 1 = 1");
	server_command_release(&cmd);

	assert_int_equal(server_parse("  max-load =  Threads_running=25,"
	    "Threads_connected=500  ", &cmd, NULL), 0);
	assert_string_equal(cmd.word, "max-load");
	assert_string_equal(cmd.arg, "Threads_running=25,Threads_connected=500");
	server_command_release(&cmd);

	assert_int_equal(server_parse("throttle=", &cmd, NULL), 0);
	assert_true(cmd.has_arg);
	assert_string_equal(cmd.arg, "");
	server_command_release(&cmd);
}

/* Go-quoted arguments are unquoted (strconv.Unquote), others kept. */
static void
test_parse_quoted_argument(void **state)
{
	static const struct { const char *line, *arg; } t[] = {
		{ "throttle-query=\"select 'a' = 'a'\"", "select 'a' = 'a'" },
		{ "throttle-query=`select \"x\"`", "select \"x\"" },
		{ "throttle-query=\"tab\\there\"", "tab\there" },
		{ "throttle-query=\"\\x41\\101\\u00e9\"", "AA\xc3\xa9" },
		{ "throttle-query='x'", "x" },
		{ "throttle-query=''", "" },
		{ "throttle-query='\\''", "'" },
		{ "throttle-query=\"\"", "" },
		/* not one Go literal: left as typed */
		{ "throttle-query=\"unterminated", "\"unterminated" },
		{ "throttle-query=\"a\"b\"", "\"a\"b\"" },
		{ "throttle-query='ab'", "'ab'" },
		{ "throttle-query=\"bad \\q escape\"", "\"bad \\q escape\"" },
		{ "throttle-query=\"\\'\"", "\"\\'\"" },
		{ "throttle-query=\"nul \\x00\"", "\"nul \\x00\"" },
		{ "throttle-query=it's", "it's" },
	};
	struct server_command	cmd;
	size_t			i;

	for (i = 0; i < nitems(t); i++) {
		assert_int_equal(server_parse(t[i].line, &cmd, NULL), 0);
		assert_string_equal(cmd.arg, t[i].arg);
		server_command_release(&cmd);
	}
}

/* An unknown word fails with gh-ost's words but still fills the command. */
static void
test_parse_unknown(void **state)
{
	struct server_command	cmd;
	char			*cause = NULL;

	assert_int_equal(server_parse(" x = 1", &cmd, &cause), -1);
	assert_string_equal(cause, "unknown command: x");
	assert_null(cmd.entry);
	assert_null(cmd.name);
	assert_string_equal(cmd.word, "x");
	assert_string_equal(cmd.arg, "1");
	free(cause);
	server_command_release(&cmd);

	assert_int_equal(server_parse("", &cmd, &cause), -1);
	assert_string_equal(cause, "unknown command: ");
	free(cause);
	server_command_release(&cmd);

	/* Names are case-sensitive, as in gh-ost's switch. */
	assert_int_equal(server_parse("STATUS", &cmd, NULL), -1);
	server_command_release(&cmd);
	assert_int_equal(server_parse("chunk size=5", &cmd, NULL), -1);
	server_command_release(&cmd);
}

/* help is gh-ost's text, byte for byte, and runs nothing else. */
static void
test_help_matches_gh_ost(void **state)
{
	struct fixture	*fx = *state;
	struct buf	 b = BUF_INIT;

	server_help(&b);
	assert_string_equal(buf_str(&b), gh_ost_help);
	buf_release(&b);
	fx_server(fx);
	expect(fx, "help", gh_ost_help);
}

/* ---- execution --------------------------------------------------------- */

/* status and info print the hint block; sup only the status line. */
static void
test_status_sup_info(void **state)
{
	struct fixture	*fx = *state;

	fx_server(fx);
	expect(fx, "status", STATUS_HINT);
	expect(fx, "info", STATUS_HINT);
	expect(fx, "sup", STATUS_ONLY);
	expect(fx, "  sup  ", STATUS_ONLY);
}

/* coordinates are read-only; applier and inspector print their hosts. */
static void
test_coordinates_applier_inspector(void **state)
{
	struct fixture	*fx = *state;

	fx_server(fx);
	expect(fx, "coordinates", "mysql-bin.000007:1234\n");
	expect(fx, "coordinates=?", "mysql-bin.000007:1234\n");
	expect(fx, "coordinates=mysql-bin.000001:4",
	    "coordinates are read-only\n");
	expect(fx, "applier", "Host: primary:3306, Version: 10.11.6-MariaDB\n");
	expect(fx, "inspector",
	    "Host: replica:3306, Version: 10.11.6-MariaDB\n");
}

/* chunk-size=700 answers the status, and chunk-size=? reads 700. */
static void
test_set_get_round_trip(void **state)
{
	struct fixture	*fx = *state;

	fx_server(fx);
	expect(fx, "chunk-size=?", "1000\n");
	expect(fx, "chunk-size=700", STATUS_HINT);
	expect(fx, "chunk-size=?", "700\n");
	expect(fx, "dml-batch-size=+50", STATUS_HINT);
	expect(fx, "dml-batch-size=?", "+50\n");
	expect(fx, "max-lag-millis=-1", STATUS_HINT);
	expect(fx, "max-lag-millis=?", "-1\n");
	expect(fx, "nice-ratio=0.7", STATUS_HINT);
	expect(fx, "nice-ratio=?", "0.7\n");
	expect(fx, "max-load=Threads_running=25", STATUS_HINT);
	expect(fx, "max-load=?", "Threads_running=25\n");
	expect(fx, "critical-load=\"Threads_running=1000\"", STATUS_HINT);
	expect(fx, "critical-load=?", "Threads_running=1000\n");
	assert_int_equal(fx->fake.sets, 6);
}

/* Integers are checked as strconv.Atoi does, with its error texts. */
static void
test_int_knob_errors(void **state)
{
	struct fixture	*fx = *state;

	fx_server(fx);
	expect(fx, "chunk-size=abc",
	    "strconv.Atoi: parsing \"abc\": invalid syntax\n");
	expect(fx, "chunk-size=",
	    "strconv.Atoi: parsing \"\": invalid syntax\n");
	expect(fx, "chunk-size", "strconv.Atoi: parsing \"\": invalid syntax\n");
	expect(fx, "dml-batch-size=1.5",
	    "strconv.Atoi: parsing \"1.5\": invalid syntax\n");
	expect(fx, "max-lag-millis=1_000",
	    "strconv.Atoi: parsing \"1_000\": invalid syntax\n");
	expect(fx, "chunk-size=+",
	    "strconv.Atoi: parsing \"+\": invalid syntax\n");
	expect(fx, "chunk-size=\"a\\\"b\\tc\"",
	    "strconv.Atoi: parsing \"a\\\"b\\tc\": invalid syntax\n");
	expect(fx, "chunk-size=99999999999999999999",
	    "strconv.Atoi: parsing \"99999999999999999999\": "
	    "value out of range\n");
	expect(fx, "chunk-size=9223372036854775807", STATUS_HINT);
	expect(fx, "chunk-size=-9223372036854775808", STATUS_HINT);
	assert_int_equal(fx->fake.sets, 2);
}

/* nice-ratio is checked as strconv.ParseFloat does. */
static void
test_float_knob(void **state)
{
	static const char *good[] = {
		"0", "0.7", "2", ".5", "1.", "1e3", "1E-3", "+1.5", "-0.5",
		"1_000.5", "0x1p-2", "0X1.8P1", "inf", "-Infinity", "NaN",
		"1e-400",
	};
	static const char *bad[] = {
		"", "abc", ".", "1e", "1e+", "0x1", "0x", "+nan", "1..2",
		"1__0", "_1", "1_", "infin", "1 2", "1e3.5",
	};
	struct fixture	*fx = *state;
	char		*want;
	size_t		 i;

	fx_server(fx);
	for (i = 0; i < nitems(good); i++) {
		want = xasprintf("nice-ratio=%s", good[i]);
		expect(fx, want, STATUS_HINT);
		free(want);
	}
	for (i = 0; i < nitems(bad); i++) {
		char *line = xasprintf("nice-ratio=%s", bad[i]);

		want = xasprintf("strconv.ParseFloat: parsing \"%s\": "
		    "invalid syntax\n", bad[i]);
		expect(fx, line, want);
		free(line);
		free(want);
	}
	expect(fx, "nice-ratio=1e400",
	    "strconv.ParseFloat: parsing \"1e400\": value out of range\n");
	assert_int_equal(fx->fake.sets, (int)nitems(good));
}

/* set's causes are the answer: loadmap's words, or the ops' own. */
static void
test_set_errors_pass_through(void **state)
{
	struct fixture	*fx = *state;

	fx_server(fx);
	expect(fx, "max-load=Threads_running",
	    "Error parsing load condition: Threads_running\n");
	expect(fx, "critical-load=Threads_running=x",
	    "Error parsing numeric value in load condition: "
	    "Threads_running=x\n");
	expect(fx, "chunk-size=13", "unlucky chunk-size\n");
	expect(fx, "chunk-size=?", "1000\n");
	assert_int_equal(fx->fake.sets, 0);
}

/* throttle-query and throttle-http print the binlog hint; replicas echo
 * the new list. Neither is parsed by the server. */
static void
test_throttle_settings(void **state)
{
	struct fixture	*fx = *state;

	fx_server(fx);
	expect(fx, "throttle-query=select 1 = 1", HINT_LINE STATUS_HINT);
	expect(fx, "throttle-query=?", "select 1 = 1\n");
	expect(fx, "throttle-http=http://localhost:8080/throttle?x=1",
	    HINT_LINE STATUS_HINT);
	expect(fx, "throttle-http=?", "http://localhost:8080/throttle?x=1\n");
	expect(fx, "throttle-control-replicas=r1:3306,r2:3307",
	    "r1:3306,r2:3307\n" STATUS_HINT);
	expect(fx, "throttle-control-replicas=?", "r1:3306,r2:3307\n");
	expect(fx, "throttle-query=", HINT_LINE STATUS_HINT);
	expect(fx, "throttle-query=?", "\n");
}

/* replication-lag-query and cpu-profile are refused with a reason. */
static void
test_deprecated_and_unsupported(void **state)
{
	struct fixture	*fx = *state;

	fx_server(fx);
	expect(fx, "replication-lag-query=select 1",
	    "replication-lag-query is deprecated. gh-ost uses an internal, "
	    "subsecond resolution query\n");
	expect(fx, "cpu-profile=1s,gzip",
	    "cpu-profile is not supported by wisp\n");
}

/* Unknown commands answer gh-ost's error; nothing else happens. */
static void
test_unknown_command(void **state)
{
	struct fixture	*fx = *state;

	fx_server(fx);
	expect(fx, "x", "unknown command: x\n");
	expect(fx, "frobnicate=7", "unknown command: frobnicate\n");
	expect(fx, "", "unknown command: \n");
	assert_int_equal(fx->fake.sets + fx->fake.panics +
	    fx->fake.throttle_on + fx->fake.throttle_off, 0);
}

/* throttle and its aliases force throttling and print the hint;
 * no-throttle and its aliases end it. */
static void
test_throttle_aliases(void **state)
{
	static const char *on[] = { "throttle", "pause", "suspend",
	    "throttle=sample_data" };
	static const char *off[] = { "no-throttle", "unthrottle", "resume",
	    "continue", "continue=sample_data" };
	struct fixture	*fx = *state;
	size_t		 i;

	fx_server(fx);
	for (i = 0; i < nitems(on); i++)
		expect(fx, on[i], HINT_LINE STATUS_HINT);
	assert_int_equal(fx->fake.throttle_on, (int)nitems(on));
	for (i = 0; i < nitems(off); i++)
		expect(fx, off[i], STATUS_HINT);
	assert_int_equal(fx->fake.throttle_off, (int)nitems(off));
}

/* A table name given to throttle must be the migrated table. */
static void
test_throttle_wrong_table(void **state)
{
	struct fixture	*fx = *state;

	fx_server(fx);
	expect(fx, "pause=other", "user commanded 'throttle' on other, but "
	    "migrated table is sample_data; ignoring request\n");
	expect(fx, "resume=other", "user commanded 'no-throttle' on other, but "
	    "migrated table is sample_data; ignoring request\n");
	expect(fx, "throttle=?", "user commanded 'throttle' on ?, but "
	    "migrated table is sample_data; ignoring request\n");
	assert_int_equal(fx->fake.throttle_on + fx->fake.throttle_off, 0);
}

/* postpone-cut-over-flag-file needs a path; ops' failure is the answer. */
static void
test_postpone(void **state)
{
	struct fixture	*fx = *state;

	fx_server(fx);
	expect(fx, "postpone-cut-over-flag-file", "user commanded "
	    "'postpone-cut-over-flag-file' without specifying file path\n");
	expect(fx, "postpone-cut-over-flag-file=/nonexistent/f",
	    "failed to create postpone cut-over flag file /nonexistent/f: "
	    "open /nonexistent/f: no such file or directory\n");
	assert_false(fx->fake.postponing);
	expect(fx, "postpone-cut-over-flag-file = /tmp/postpone flag ",
	    "Postponed\n" STATUS_HINT);
	assert_string_equal(fx->fake.flag_file, "/tmp/postpone flag");
	assert_true(fx->fake.postponing);
}

/* unpostpone only while postponing; its aliases; gh-ost's texts. */
static void
test_unpostpone(void **state)
{
	struct fixture	*fx = *state;

	fx_server(fx);
	expect(fx, "unpostpone", SERVER_NOT_POSTPONING "\n");
	assert_string_equal(SERVER_NOT_POSTPONING, "You may only invoke this "
	    "when gh-ost is actively postponing migration. At this time it is "
	    "not");
	fx->fake.postponing = true;
	expect(fx, "unpostpone", "Unpostponed\n" STATUS_HINT);
	fx->fake.postponing = true;
	expect(fx, "no-postpone", "Unpostponed\n" STATUS_HINT);
	fx->fake.postponing = true;
	expect(fx, "cut-over=sample_data", "Unpostponed\n" STATUS_HINT);
	fx->fake.postponing = true;
	expect(fx, "cut-over=other", "user commanded 'unpostpone' on other, "
	    "but migrated table is sample_data; ignoring request\n");
	assert_int_equal(fx->fake.unpostpones, 3);
}

/* --force-named-cut-over: unpostpone must name the table. */
static void
test_force_named_cut_over(void **state)
{
	struct fixture	*fx = *state;

	fx->cfg.force_named_cut_over = true;
	fx_server(fx);
	fx->fake.postponing = true;
	expect(fx, "cut-over", "user commanded 'unpostpone' without specifying "
	    "table name, but --force-named-cut-over is set\n");
	expect(fx, "unpostpone=sample", "user commanded 'unpostpone' on "
	    "sample, but migrated table is sample_data; ignoring request\n");
	assert_int_equal(fx->fake.unpostpones, 0);
	expect(fx, "unpostpone=sample_data", "Unpostponed\n" STATUS_HINT);
	assert_int_equal(fx->fake.unpostpones, 1);
	/* panic is not affected */
	expect(fx, "panic", SERVER_PANIC_MESSAGE "\n");
	assert_int_equal(fx->fake.panics, 1);
}

/* panic aborts, with or without the table's name, unless it is wrong. */
static void
test_panic(void **state)
{
	struct fixture	*fx = *state;

	fx_server(fx);
	expect(fx, "panic=other", "user commanded 'panic' on other, but "
	    "migrated table is sample_data; ignoring request\n");
	assert_int_equal(fx->fake.panics, 0);
	expect(fx, "panic", "user commanded 'panic'. The migration will be "
	    "aborted without cleanup. Please drop the gh-ost tables before "
	    "trying again\n");
	assert_int_equal(fx->fake.panics, 1);
	expect(fx, "panic=sample_data", SERVER_PANIC_MESSAGE "\n");
	assert_int_equal(fx->fake.panics, 2);
}

/* --force-named-panic: panic must name the table. */
static void
test_force_named_panic(void **state)
{
	struct fixture	*fx = *state;

	fx->cfg.force_named_panic = true;
	fx_server(fx);
	expect(fx, "panic", "user commanded 'panic' without specifying table "
	    "name, but --force-named-panic is set\n");
	expect(fx, "panic=?", "user commanded 'panic' on ?, but migrated "
	    "table is sample_data; ignoring request\n");
	assert_int_equal(fx->fake.panics, 0);
	expect(fx, "panic=sample_data", SERVER_PANIC_MESSAGE "\n");
	assert_int_equal(fx->fake.panics, 1);
}

/* The hook sees the command word as typed, for every line, unknown ones
 * too; no hook, no call. */
static void
test_hook_sees_command_word(void **state)
{
	struct fixture	*fx = *state;

	fx_server(fx);
	expect(fx, " pause = sample_data ", HINT_LINE STATUS_HINT);
	assert_string_equal(fx->fake.hook_word, "pause");
	expect(fx, "chunk-size=5", STATUS_HINT);
	assert_string_equal(fx->fake.hook_word, "chunk-size");
	expect(fx, "bogus=1", "unknown command: bogus\n");
	assert_string_equal(fx->fake.hook_word, "bogus");
	assert_int_equal(fx->fake.hooks, 3);

	server_free(fx->server);
	fx->ops.hook = NULL;
	fx_server(fx);
	expect(fx, "sup", STATUS_ONLY);
	assert_int_equal(fx->fake.hooks, 3);
}

/* A failing hook rejects the command: its cause is the answer. */
static void
test_hook_rejects(void **state)
{
	struct fixture	*fx = *state;

	fx->fake.hook_reject = "exit status 1";
	fx_server(fx);
	expect(fx, "chunk-size=5", "exit status 1\n");
	expect(fx, "panic", "exit status 1\n");
	expect(fx, "throttle", "exit status 1\n");
	expect(fx, "help", "exit status 1\n");
	assert_int_equal(fx->fake.sets + fx->fake.panics +
	    fx->fake.throttle_on, 0);
	expect(fx, "chunk-size=?", "exit status 1\n");
}

/* An asynchronous hook: the command runs when it finishes. */
static void
test_hook_async(void **state)
{
	struct fixture	*fx = *state;
	struct answer	 a = { false, NULL }, b = { false, NULL };

	fx->fake.hook_async = true;
	fx_server(fx);
	server_execute(fx->server, "chunk-size=800", answer_cb, &a);
	assert_false(a.called);
	assert_int_equal(fx->fake.sets, 0);
	fake_hook_finish(&fx->fake, NULL);
	assert_true(a.called);
	assert_string_equal(a.text, STATUS_HINT);
	assert_int_equal(fx->fake.sets, 1);
	free(a.text);

	server_execute(fx->server, "chunk-size=900", answer_cb, &b);
	fake_hook_finish(&fx->fake, "hook says no");
	assert_true(b.called);
	assert_string_equal(b.text, "hook says no\n");
	assert_int_equal(fx->fake.sets, 1);
	free(b.text);
}

/* Freed while a hook runs: done gets NULL, the late hook only frees. */
static void
test_free_while_hook_runs(void **state)
{
	struct fixture	*fx = *state;
	struct answer	 a = { false, NULL };

	fx->fake.hook_async = true;
	fx_server(fx);
	server_execute(fx->server, "panic", answer_cb, &a);
	server_free(fx->server);
	fx->server = NULL;
	assert_true(a.called);
	assert_null(a.text);
	fake_hook_finish(&fx->fake, NULL);
	assert_int_equal(fx->fake.panics, 0);
}

/* ---- sockets ----------------------------------------------------------- */

/* A client: connect to the unix socket at path. */
static int
client_unix(const char *path)
{
	struct sockaddr_un	sun;
	int			fd;

	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof sun.sun_path, "%s", path);
	assert_int_equal(connect(fd, (struct sockaddr *)&sun, sizeof sun), 0);
	return fd;
}

/* A client: connect to 127.0.0.1:port. */
static int
client_tcp(int port)
{
	struct sockaddr_in	sin;
	int			fd;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&sin, sizeof sin), 0);
	return fd;
}

static void
client_send(int fd, const char *s, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = send(fd, s, len, MSG_NOSIGNAL);
		assert_true(n > 0);
		s += n;
		len -= (size_t)n;
	}
}

/*
 * Run the loop until every client in fds has read EOF, or ms passed.
 * Answers accumulate in out[i]; returns how many reached EOF.
 */
static int
pump(struct fixture *fx, int *fds, struct buf *out, int n, int ms)
{
	struct pollfd	 pfd[16];
	uint64_t	 deadline = util_now_ms() + (uint64_t)ms;
	bool		 eof[16] = { false };
	char		 chunk[4096];
	ssize_t		 r;
	int		 i, neof = 0;

	assert_true(n <= 16);
	while (neof < n && util_now_ms() < deadline) {
		event_base_loop(fx->base, EVLOOP_NONBLOCK);
		for (i = 0; i < n; i++) {
			pfd[i].fd = eof[i] ? -1 : fds[i];
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		if (poll(pfd, (nfds_t)n, 5) <= 0)
			continue;
		for (i = 0; i < n; i++) {
			if (eof[i] || pfd[i].revents == 0)
				continue;
			r = recv(fds[i], chunk, sizeof chunk, MSG_DONTWAIT);
			if (r > 0)
				buf_add(&out[i], chunk, (size_t)r);
			else if (r == 0 || (errno != EAGAIN &&
			    errno != EWOULDBLOCK)) {
				eof[i] = true;
				neof++;
			}
		}
	}
	return neof;
}

/* Send line on a new unix connection and return the whole answer. */
static char *
ask_unix(struct fixture *fx, const char *line)
{
	struct buf	out = BUF_INIT;
	int		fd = client_unix(fx->path);

	client_send(fd, line, strlen(line));
	assert_int_equal(pump(fx, &fd, &out, 1, 5000), 1);
	close(fd);
	return buf_detach(&out);
}

/* The unix socket is 0600 even under umask 0, answers, and is removed. */
static void
test_unix_socket(void **state)
{
	struct fixture	*fx = *state;
	struct stat	 st;
	mode_t		 old;
	char		*got;

	fx->cfg.socket_path = fx->path;
	old = umask(0);
	fx_server(fx);
	umask(old);
	assert_int_equal(lstat(fx->path, &st), 0);
	assert_true(S_ISSOCK(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(server_tcp_port(fx->server), 0);

	got = ask_unix(fx, "status\n");
	assert_string_equal(got, STATUS_HINT);
	free(got);
	got = ask_unix(fx, "chunk-size=700\n");
	assert_string_equal(got, STATUS_HINT);
	free(got);
	got = ask_unix(fx, "chunk-size=?\r\n");
	assert_string_equal(got, "700\n");
	free(got);

	server_free(fx->server);
	fx->server = NULL;
	assert_int_equal(lstat(fx->path, &st), -1);
	assert_int_equal(errno, ENOENT);
}

/* An existing file is refused in gh-ost's words, and left alone. */
static void
test_existing_socket_refused(void **state)
{
	struct fixture	*fx = *state;
	struct server	*s;
	struct stat	 st;
	char		*cause = NULL, *want;
	int		 fd;

	fd = open(fx->path, O_CREAT | O_WRONLY, 0644);
	assert_true(fd >= 0);
	close(fd);
	fx->cfg.socket_path = fx->path;
	s = server_create(fx->base, &fx->cfg, &fx->ops, &cause);
	assert_null(s);
	want = xasprintf("listen unix %s: bind: address already in use",
	    fx->path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	cause = NULL;

	/* drop_socket removes only sockets: a regular file stays. */
	fx->cfg.drop_socket = true;
	s = server_create(fx->base, &fx->cfg, &fx->ops, &cause);
	assert_null(s);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(lstat(fx->path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
}

/* A socket left by a dead run: refused, or dropped with drop_socket. */
static void
test_stale_socket_dropped(void **state)
{
	struct fixture		*fx = *state;
	struct sockaddr_un	 sun;
	char			*cause = NULL, *got;
	int			 fd;

	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	assert_true(strlen(fx->path) < sizeof sun.sun_path);
	memcpy(sun.sun_path, fx->path, strlen(fx->path) + 1);
	assert_int_equal(bind(fd, (struct sockaddr *)&sun, sizeof sun), 0);
	close(fd);

	fx->cfg.socket_path = fx->path;
	assert_null(server_create(fx->base, &fx->cfg, &fx->ops, &cause));
	assert_non_null(strstr(cause, "address already in use"));
	free(cause);

	fx->cfg.drop_socket = true;
	fx_server(fx);
	got = ask_unix(fx, "sup\n");
	assert_string_equal(got, STATUS_ONLY);
	free(got);
}

/* Bad paths fail with Go's words; server_free never removes a file
 * it did not create. */
static void
test_socket_path_errors(void **state)
{
	struct fixture	*fx = *state;
	char		 longpath[200], *cause = NULL, *want;

	memset(longpath, 'a', sizeof longpath - 1);
	longpath[0] = '/';
	longpath[sizeof longpath - 1] = '\0';
	fx->cfg.socket_path = longpath;
	assert_null(server_create(fx->base, &fx->cfg, &fx->ops, &cause));
	want = xasprintf("listen unix %s: bind: invalid argument", longpath);
	assert_string_equal(cause, want);
	free(want);
	free(cause);

	fx->cfg.socket_path = "/nonexistent-dir/x.sock";
	assert_null(server_create(fx->base, &fx->cfg, &fx->ops, &cause));
	assert_string_equal(cause, "listen unix /nonexistent-dir/x.sock: bind: "
	    "no such file or directory");
	free(cause);
}

/* A last line without a newline counts once the client ends its side;
 * only the first line of a connection runs. */
static void
test_unterminated_and_extra_lines(void **state)
{
	struct fixture	*fx = *state;
	struct buf	 out = BUF_INIT;
	int		 fd;
	char		*got;

	fx->cfg.socket_path = fx->path;
	fx_server(fx);

	fd = client_unix(fx->path);
	client_send(fd, "sup", 3);
	shutdown(fd, SHUT_WR);
	assert_int_equal(pump(fx, &fd, &out, 1, 5000), 1);
	assert_string_equal(buf_str(&out), STATUS_ONLY);
	close(fd);
	buf_release(&out);

	got = ask_unix(fx, "throttle\nno-throttle\npanic\n");
	assert_string_equal(got, HINT_LINE STATUS_HINT);
	free(got);
	assert_int_equal(fx->fake.throttle_on, 1);
	assert_int_equal(fx->fake.throttle_off, 0);
	assert_int_equal(fx->fake.panics, 0);

	/* A client that connects and closes gets nothing, runs nothing. */
	fd = client_unix(fx->path);
	shutdown(fd, SHUT_WR);
	assert_int_equal(pump(fx, &fd, &out, 1, 5000), 1);
	assert_int_equal(out.len, 0);
	close(fd);
	assert_int_equal(fx->fake.hooks, 2);
}

/* Many clients at once, answered independently of their order. */
static void
test_many_clients(void **state)
{
	static const char *lines[] = {
		"sup\n", "chunk-size=?\n", "applier\n", "bogus\n", "info\n",
		"coordinates\n", "pause=x\n", "nice-ratio=?\n",
	};
	static const char *answers[] = {
		STATUS_ONLY, "1000\n",
		"Host: primary:3306, Version: 10.11.6-MariaDB\n",
		"unknown command: bogus\n", STATUS_HINT,
		"mysql-bin.000007:1234\n",
		"user commanded 'throttle' on x, but migrated table is "
		"sample_data; ignoring request\n",
		"0\n",
	};
	struct fixture	*fx = *state;
	struct buf	 out[nitems(lines)];
	int		 fds[nitems(lines)];
	size_t		 i, n = nitems(lines);

	fx->cfg.socket_path = fx->path;
	fx_server(fx);
	for (i = 0; i < n; i++) {
		buf_init(&out[i]);
		fds[i] = client_unix(fx->path);
	}
	/* Half a line each first, so all are open and waiting at once. */
	for (i = 0; i < n; i++)
		client_send(fds[i], lines[i], 2);
	event_base_loop(fx->base, EVLOOP_NONBLOCK);
	for (i = n; i > 0; i--)
		client_send(fds[i - 1], lines[i - 1] + 2,
		    strlen(lines[i - 1]) - 2);
	assert_int_equal(pump(fx, fds, out, (int)n, 5000), (int)n);
	for (i = 0; i < n; i++) {
		assert_string_equal(buf_str(&out[i]), answers[i]);
		buf_release(&out[i]);
		close(fds[i]);
	}
}

/* A client that sends no newline is closed after the timeout. */
static void
test_idle_client_timeout(void **state)
{
	struct fixture	*fx = *state;
	struct buf	 out = BUF_INIT;
	uint64_t	 start;
	int		 fd;

	fx->cfg.socket_path = fx->path;
	fx->cfg.timeout_ms = 150;
	fx_server(fx);
	fd = client_unix(fx->path);
	client_send(fd, "stat", 4);
	start = util_now_ms();
	assert_int_equal(pump(fx, &fd, &out, 1, 5000), 1);
	assert_true(util_now_ms() - start >= 100);
	assert_int_equal(out.len, 0);
	assert_int_equal(fx->fake.hooks, 0);
	close(fd);
}

/* A line longer than SERVER_LINE_MAX is an error; nothing runs. */
static void
test_line_too_long(void **state)
{
	struct fixture	*fx = *state;
	struct buf	 out = BUF_INIT;
	size_t		 len = SERVER_LINE_MAX + 5000;
	char		*big = xmalloc(len), *want;
	int		 fd;

	memset(big, 'a', len);
	memcpy(big, "throttle-query=", 15);
	big[len - 1] = '\n';
	fx->cfg.socket_path = fx->path;
	fx_server(fx);
	fd = client_unix(fx->path);
	client_send(fd, big, len);
	assert_int_equal(pump(fx, &fd, &out, 1, 5000), 1);
	want = xasprintf("command line too long (over %d bytes)\n",
	    SERVER_LINE_MAX - 1);
	assert_string_equal(buf_str(&out), want);
	assert_int_equal(fx->fake.hooks + fx->fake.sets, 0);
	free(want);
	free(big);
	buf_release(&out);
	close(fd);

	/* The longest allowed line still runs. */
	big = xmalloc(SERVER_LINE_MAX + 1);
	memset(big, 'b', SERVER_LINE_MAX);
	memcpy(big, "throttle-query=", 15);
	big[SERVER_LINE_MAX - 1] = '\n';
	big[SERVER_LINE_MAX] = '\0';
	want = ask_unix(fx, big);
	assert_string_equal(want, HINT_LINE STATUS_HINT);
	assert_int_equal(strlen(fx->fake.knobs[knob_index("throttle-query")]),
	    SERVER_LINE_MAX - 1 - 15);
	free(want);
	free(big);
}

/* A NUL byte cannot be part of a command. */
static void
test_nul_byte_refused(void **state)
{
	struct fixture	*fx = *state;
	struct buf	 out = BUF_INIT;
	int		 fd;

	fx->cfg.socket_path = fx->path;
	fx_server(fx);
	fd = client_unix(fx->path);
	client_send(fd, "panic\0x\n", 8);
	assert_int_equal(pump(fx, &fd, &out, 1, 5000), 1);
	assert_string_equal(buf_str(&out), "command line contains a NUL byte\n");
	assert_int_equal(fx->fake.panics + fx->fake.hooks, 0);
	buf_release(&out);
	close(fd);
}

/* The client waits while the hook runs; freeing the server then closes
 * the connection without an answer. */
static void
test_socket_async_hook(void **state)
{
	struct fixture	*fx = *state;
	struct buf	 out = BUF_INIT;
	int		 fd;

	fx->cfg.socket_path = fx->path;
	fx->fake.hook_async = true;
	fx_server(fx);
	fd = client_unix(fx->path);
	client_send(fd, "sup\n", 4);
	assert_int_equal(pump(fx, &fd, &out, 1, 200), 0);
	assert_non_null(fx->fake.hook_done);
	assert_int_equal(out.len, 0);
	fake_hook_finish(&fx->fake, NULL);
	assert_int_equal(pump(fx, &fd, &out, 1, 5000), 1);
	assert_string_equal(buf_str(&out), STATUS_ONLY);
	close(fd);
	buf_reset(&out);

	fd = client_unix(fx->path);
	client_send(fd, "sup\n", 4);
	assert_int_equal(pump(fx, &fd, &out, 1, 200), 0);
	server_free(fx->server);
	fx->server = NULL;
	assert_int_equal(pump(fx, &fd, &out, 1, 5000), 1);
	assert_int_equal(out.len, 0);
	fake_hook_finish(&fx->fake, NULL);
	close(fd);
	buf_release(&out);
}

/* TCP on a free port of 127.0.0.1; port 0 alone means no TCP. */
static void
test_tcp(void **state)
{
	struct fixture	*fx = *state;
	struct server	*other;
	struct buf	 out = BUF_INIT;
	int		 fd, port;
	char		*cause = NULL, *want;

	fx_server(fx);
	assert_int_equal(server_tcp_port(fx->server), 0);
	server_free(fx->server);

	fx->cfg.tcp_ephemeral = true;
	fx_server(fx);
	port = server_tcp_port(fx->server);
	assert_true(port > 0);
	fd = client_tcp(port);
	client_send(fd, "sup\r\n", 5);
	assert_int_equal(pump(fx, &fd, &out, 1, 5000), 1);
	assert_string_equal(buf_str(&out), STATUS_ONLY);
	close(fd);
	buf_release(&out);

	/* A busy port fails in Go's words. */
	fx->cfg.tcp_ephemeral = false;
	fx->cfg.tcp_port = port;
	other = server_create(fx->base, &fx->cfg, &fx->ops, &cause);
	assert_null(other);
	want = xasprintf("listen tcp 127.0.0.1:%d: bind: address already in "
	    "use", port);
	assert_string_equal(cause, want);
	free(want);
	free(cause);

	fx->cfg.tcp_port = 70000;
	assert_null(server_create(fx->base, &fx->cfg, &fx->ops, &cause));
	assert_string_equal(cause, "invalid tcp port 70000");
	free(cause);
}

/* Unix and TCP serve at the same time; a failing TCP bind removes the
 * socket file just created. */
static void
test_unix_and_tcp(void **state)
{
	struct fixture	*fx = *state;
	struct buf	 out = BUF_INIT;
	struct stat	 st;
	char		*got, *cause = NULL, other[160];
	int		 fd;

	fx->cfg.socket_path = fx->path;
	fx->cfg.tcp_ephemeral = true;
	fx_server(fx);
	got = ask_unix(fx, "sup\n");
	assert_string_equal(got, STATUS_ONLY);
	free(got);
	fd = client_tcp(server_tcp_port(fx->server));
	client_send(fd, "applier\n", 8);
	assert_int_equal(pump(fx, &fd, &out, 1, 5000), 1);
	assert_string_equal(buf_str(&out),
	    "Host: primary:3306, Version: 10.11.6-MariaDB\n");
	close(fd);
	buf_release(&out);

	snprintf(other, sizeof other, "%s/other.sock", fx->dir);
	fx->cfg.socket_path = other;
	fx->cfg.tcp_ephemeral = false;
	fx->cfg.tcp_port = server_tcp_port(fx->server);
	assert_null(server_create(fx->base, &fx->cfg, &fx->ops, &cause));
	free(cause);
	assert_int_equal(lstat(other, &st), -1);
	assert_int_equal(lstat(fx->path, &st), 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_names_and_aliases),
		cmocka_unit_test(test_parse_question),
		cmocka_unit_test(test_parse_argument_with_equals),
		cmocka_unit_test(test_parse_quoted_argument),
		cmocka_unit_test(test_parse_unknown),
		T(test_help_matches_gh_ost),
		T(test_status_sup_info),
		T(test_coordinates_applier_inspector),
		T(test_set_get_round_trip),
		T(test_int_knob_errors),
		T(test_float_knob),
		T(test_set_errors_pass_through),
		T(test_throttle_settings),
		T(test_deprecated_and_unsupported),
		T(test_unknown_command),
		T(test_throttle_aliases),
		T(test_throttle_wrong_table),
		T(test_postpone),
		T(test_unpostpone),
		T(test_force_named_cut_over),
		T(test_panic),
		T(test_force_named_panic),
		T(test_hook_sees_command_word),
		T(test_hook_rejects),
		T(test_hook_async),
		T(test_free_while_hook_runs),
		T(test_unix_socket),
		T(test_existing_socket_refused),
		T(test_stale_socket_dropped),
		T(test_socket_path_errors),
		T(test_unterminated_and_extra_lines),
		T(test_many_clients),
		T(test_idle_client_timeout),
		T(test_line_too_long),
		T(test_nul_byte_refused),
		T(test_socket_async_hook),
		T(test_tcp),
		T(test_unix_and_tcp),
	};

	log_set_level(LOG_LEVEL_FATAL);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
