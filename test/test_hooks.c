/* test_hooks.c: gh-ost's hooks (hooks.go): finding, environment, running
 * child processes on the loop, failures, timeouts and teardown. */
#include "common.h"

#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

#include <event2/event.h>

#include "hooks.h"

/* Each test: a temporary hooks directory, a loop, a hooks object whose
 * output goes to a file we read back. */
struct fx {
	char			 dir[64];
	char			 outpath[96];
	int			 out;
	struct event_base	*base;
	struct hooks		*h;
};

/* What a done callback saw. */
struct result {
	int		 calls;
	char		*cause;
	struct hooks	*free_me;	/* hooks_free it from done */
	struct hooks	*rerun;		/* start another run from done */
	int		 rerun_rc;
};

static int
setup(void **state)
{
	struct fx	*f = xcalloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/wisp-hooks.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->outpath, sizeof f->outpath, "%s.out", f->dir);
	f->out = open(f->outpath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600);
	assert_true(f->out >= 0);
	f->base = event_base_new();
	assert_non_null(f->base);
	f->h = hooks_create(f->base, f->dir);
	hooks_set_output(f->h, f->out);
	*state = f;
	return 0;
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(path);
}

static int
teardown(void **state)
{
	struct fx	*f = *state;

	hooks_free(f->h);
	event_base_free(f->base);
	close(f->out);
	unlink(f->outpath);
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* Write dir/name with mode; body follows a "#!/bin/sh" line unless raw. */
static char *
write_file(const struct fx *f, const char *name, mode_t mode,
    const char *body, bool raw)
{
	char	*path = xasprintf("%s/%s", f->dir, name);
	FILE	*fp;

	fp = fopen(path, "w");
	assert_non_null(fp);
	if (!raw)
		fputs("#!/bin/sh\n", fp);
	fputs(body, fp);
	fclose(fp);
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

/* An executable shell hook. */
static void
hook(const struct fx *f, const char *name, const char *body)
{
	free(write_file(f, name, 0755, body, false));
}

/* A path in the test directory, allocated. */
static char *
fpath(const struct fx *f, const char *name)
{
	return xasprintf("%s/%s", f->dir, name);
}

/* The whole of a file, allocated; NULL if it does not exist. */
static char *
slurp(const char *path)
{
	struct buf	 b = BUF_INIT;
	char		 tmp[4096];
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	while ((n = read(fd, tmp, sizeof tmp)) > 0)
		buf_add(&b, tmp, (size_t)n);
	close(fd);
	if (b.data == NULL)
		return xstrdup("");
	return buf_detach(&b);
}

/* What the hooks printed so far. */
static char *
output(const struct fx *f)
{
	return slurp(f->outpath);
}

static void
done_cb(void *arg, char *cause)
{
	struct result	*r = arg;

	r->calls++;
	free(r->cause);
	r->cause = cause;
	if (r->free_me != NULL) {
		hooks_free(r->free_me);
		r->free_me = NULL;
	}
	if (r->rerun != NULL) {
		r->rerun_rc = hooks_run(r->rerun, HOOK_SUCCESS, NULL, NULL,
		    done_cb, r);
		r->rerun = NULL;
	}
}

/* Run the loop until r has calls done callbacks, for at most secs. */
static void
loop_until(struct event_base *base, struct result *r, int calls, int secs)
{
	uint64_t	until = util_now_ms() + (uint64_t)secs * 1000;
	struct timeval	tv = { 0, 20 * 1000 };

	while (r->calls < calls) {
		assert_true(util_now_ms() < until);
		event_base_loopexit(base, &tv);
		event_base_loop(base, EVLOOP_ONCE);
	}
}

/* Run hook name to completion and return its cause (NULL = success). */
static char *
run(struct fx *f, const char *name, const struct hooks_env *env,
    const char *const *extra)
{
	struct result	r = { 0 };

	assert_int_equal(hooks_run(f->h, name, env, extra, done_cb, &r), 0);
	loop_until(f->base, &r, 1, 30);
	assert_int_equal(r.calls, 1);
	assert_false(hooks_busy(f->h));
	return r.cause;
}

/* Spin the loop briefly until file path exists. */
static void
wait_for_file(struct fx *f, const char *path)
{
	uint64_t	until = util_now_ms() + 10000;
	struct timeval	tv = { 0, 10 * 1000 };

	while (!util_file_exists(path)) {
		assert_true(util_now_ms() < until);
		event_base_loopexit(f->base, &tv);
		event_base_loop(f->base, EVLOOP_ONCE);
	}
	/* The hook writes it with echo: let the write finish. */
	usleep(20 * 1000);
}

/* A pid read from a file. */
static pid_t
read_pid(const char *path)
{
	char	*s = slurp(path);
	long	 pid;

	assert_non_null(s);
	pid = strtol(s, NULL, 10);
	free(s);
	assert_true(pid > 1);
	return (pid_t)pid;
}

/* Is pid gone, or a zombie left for init (not running any more)? Waits up
 * to two seconds for it to get there. */
static bool
gone(pid_t pid)
{
	uint64_t	 until = util_now_ms() + 2000;
	char		 path[64], *s, *p;
	bool		 dead;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	for (;;) {
		if ((s = slurp(path)) == NULL)
			return true;
		p = strrchr(s, ')');
		dead = p != NULL && (p[2] == 'Z' || p[2] == 'X');
		free(s);
		if (dead)
			return true;
		if (util_now_ms() >= until)
			return false;
		usleep(20 * 1000);
	}
}

/* The value of KEY in a NULL-terminated environment, or NULL; asserts that
 * KEY is there at most once. */
static const char *
env_get(char **env, const char *key)
{
	size_t		 len = strlen(key), i;
	const char	*found = NULL;

	for (i = 0; env[i] != NULL; i++) {
		if (strncmp(env[i], key, len) == 0 && env[i][len] == '=') {
			assert_null(found);
			found = env[i] + len + 1;
		}
	}
	return found;
}

/* The value of KEY in the lines of an `env` dump, allocated, or NULL. */
static char *
dump_get(const char *dump, const char *key)
{
	size_t		 len = strlen(key);
	const char	*p = dump, *nl;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (strncmp(p, key, len) == 0 && p[len] == '=')
			return xstrndup(p + len + 1, (size_t)(nl - p - len - 1));
		p = *nl == '\n' ? nl + 1 : nl;
	}
	return NULL;
}

/* A filled environment, values chosen to show every format. */
static struct hooks_env
sample_env(void)
{
	struct hooks_env	e;

	memset(&e, 0, sizeof e);
	e.database = "shop";
	e.table = "orders";
	e.ghost_table = "_orders_gho";
	e.old_table = "_orders_del";
	e.ddl = "ADD COLUMN `x` INT DEFAULT '$(touch /tmp/pwned)' COMMENT \"a b\"";
	e.elapsed_seconds = 12;
	e.elapsed_copy_seconds = 7;
	e.estimated_rows = 1000;
	e.copied_rows = 250;
	e.migrated_host = "master.example.com:3306";
	e.inspected_host = "replica.example.com:3306";
	e.executing_host = "runner.example.com";
	e.inspected_lag = 0.25;
	e.heartbeat_lag = 1.5;
	e.progress = 100.0 / 3;
	e.eta_seconds = 21;
	e.hint = "hint with spaces";
	e.hint_owner = "dba";
	e.hint_token = "tok-123";
	e.dry_run = true;
	e.revert = false;
	return e;
}

/* Every GH_OST_ variable of sample_env, as gh-ost formats it. */
static const char *const sample_expected[][2] = {
	{ "GH_OST_DATABASE_NAME", "shop" },
	{ "GH_OST_TABLE_NAME", "orders" },
	{ "GH_OST_GHOST_TABLE_NAME", "_orders_gho" },
	{ "GH_OST_OLD_TABLE_NAME", "_orders_del" },
	{ "GH_OST_DDL",
	  "ADD COLUMN `x` INT DEFAULT '$(touch /tmp/pwned)' COMMENT \"a b\"" },
	{ "GH_OST_ELAPSED_SECONDS", "12.000000" },
	{ "GH_OST_ELAPSED_COPY_SECONDS", "7.000000" },
	{ "GH_OST_ESTIMATED_ROWS", "1000" },
	{ "GH_OST_COPIED_ROWS", "250" },
	{ "GH_OST_MIGRATED_HOST", "master.example.com:3306" },
	{ "GH_OST_INSPECTED_HOST", "replica.example.com:3306" },
	{ "GH_OST_EXECUTING_HOST", "runner.example.com" },
	{ "GH_OST_INSPECTED_LAG", "0.250000" },
	{ "GH_OST_HEARTBEAT_LAG", "1.500000" },
	{ "GH_OST_PROGRESS", "33.333333" },
	{ "GH_OST_ETA_SECONDS", "21" },
	{ "GH_OST_HOOKS_HINT", "hint with spaces" },
	{ "GH_OST_HOOKS_HINT_OWNER", "dba" },
	{ "GH_OST_HOOKS_HINT_TOKEN", "tok-123" },
	{ "GH_OST_DRY_RUN", "true" },
	{ "GH_OST_REVERT", "false" },
};

/* The fourteen names are gh-ost's, byte for byte. */
static void
test_names(void **state)
{
	assert_string_equal(HOOK_STARTUP, "gh-ost-on-startup");
	assert_string_equal(HOOK_VALIDATED, "gh-ost-on-validated");
	assert_string_equal(HOOK_ROWCOUNT_COMPLETE,
	    "gh-ost-on-rowcount-complete");
	assert_string_equal(HOOK_BEFORE_ROW_COPY, "gh-ost-on-before-row-copy");
	assert_string_equal(HOOK_STATUS, "gh-ost-on-status");
	assert_string_equal(HOOK_INTERACTIVE_COMMAND,
	    "gh-ost-on-interactive-command");
	assert_string_equal(HOOK_ROW_COPY_COMPLETE,
	    "gh-ost-on-row-copy-complete");
	assert_string_equal(HOOK_STOP_REPLICATION,
	    "gh-ost-on-stop-replication");
	assert_string_equal(HOOK_START_REPLICATION,
	    "gh-ost-on-start-replication");
	assert_string_equal(HOOK_BEGIN_POSTPONED, "gh-ost-on-begin-postponed");
	assert_string_equal(HOOK_BEFORE_CUT_OVER, "gh-ost-on-before-cut-over");
	assert_string_equal(HOOK_SUCCESS, "gh-ost-on-success");
	assert_string_equal(HOOK_FAILURE, "gh-ost-on-failure");
	assert_string_equal(HOOK_BATCH_COPY_RETRY,
	    "gh-ost-on-batch-copy-retry");
}

/* NULL and "" disable hooks: nothing is found, and a run completes
 * successfully on the loop, not inside hooks_run. */
static void
test_disabled(void **state)
{
	struct fx	*f = *state;
	const char	*paths[] = { NULL, "" };
	struct hooks	*h;
	struct result	 r;
	char		**files;
	size_t		 i;

	hook(f, "gh-ost-on-startup", "exit 1\n");
	for (i = 0; i < nitems(paths); i++) {
		memset(&r, 0, sizeof r);
		h = hooks_create(f->base, paths[i]);
		files = hooks_find(h, HOOK_STARTUP);
		assert_null(files[0]);
		util_free_strv(files);
		assert_int_equal(hooks_run(h, HOOK_STARTUP, NULL, NULL,
		    done_cb, &r), 0);
		assert_int_equal(r.calls, 0);
		assert_true(hooks_busy(h));
		loop_until(f->base, &r, 1, 5);
		assert_int_equal(r.calls, 1);
		assert_null(r.cause);
		assert_false(hooks_busy(h));
		hooks_free(h);
	}
}

/* A directory that does not exist has no hooks (gh-ost's Glob ignores the
 * error), and a run of a hook with no files succeeds. */
static void
test_no_hooks(void **state)
{
	struct fx	*f = *state;
	struct hooks	*h;
	struct result	 r = { 0 };
	char		**files;

	h = hooks_create(f->base, "/nonexistent/wisp-hooks");
	files = hooks_find(h, HOOK_STARTUP);
	assert_null(files[0]);
	util_free_strv(files);
	assert_int_equal(hooks_run(h, HOOK_STARTUP, NULL, NULL, done_cb,
	    &r), 0);
	loop_until(f->base, &r, 1, 5);
	assert_null(r.cause);
	hooks_free(h);

	hook(f, "gh-ost-on-validated", "exit 1\n");
	assert_null(run(f, HOOK_STARTUP, NULL, NULL));
}

/* Prefix matching as gh-ost's "<name>*" glob, in byte order of names. */
static void
test_find_prefix_and_order(void **state)
{
	struct fx	*f = *state;
	const char	*want[] = { "gh-ost-on-startup", "gh-ost-on-startup-a",
			    "gh-ost-on-startup-b", "gh-ost-on-startup12345",
			    "gh-ost-on-startupX" };
	char		**files, *p, *slash;
	struct hooks	*h;
	size_t		 i;

	hook(f, "gh-ost-on-startupX", "");
	hook(f, "gh-ost-on-startup-b", "");
	hook(f, "gh-ost-on-startup12345", "");
	hook(f, "gh-ost-on-startup", "");
	hook(f, "gh-ost-on-startup-a", "");
	hook(f, "gh-ost-on-startu", "");
	hook(f, "xgh-ost-on-startup", "");
	hook(f, "gh-ost-on-validated", "");

	files = hooks_find(f->h, HOOK_STARTUP);
	for (i = 0; i < nitems(want); i++) {
		assert_non_null(files[i]);
		p = fpath(f, want[i]);
		assert_string_equal(files[i], p);
		free(p);
	}
	assert_null(files[i]);
	util_free_strv(files);

	/* A trailing slash on the path changes nothing. */
	slash = xasprintf("%s/", f->dir);
	h = hooks_create(f->base, slash);
	files = hooks_find(h, HOOK_STARTUP);
	p = fpath(f, want[0]);
	assert_string_equal(files[0], p);
	free(p);
	util_free_strv(files);
	hooks_free(h);
	free(slash);
}

/* Non-executable files, directories and dangling links are skipped; a
 * symbolic link to an executable file is run. */
static void
test_find_skips(void **state)
{
	struct fx	*f = *state;
	char		*p, *target, **files;

	free(write_file(f, "gh-ost-on-startup-1-noexec", 0644, "", false));
	p = fpath(f, "gh-ost-on-startup-2-dir");
	assert_int_equal(mkdir(p, 0755), 0);
	free(p);
	p = fpath(f, "gh-ost-on-startup-3-dangling");
	assert_int_equal(symlink("/nonexistent/wisp", p), 0);
	free(p);
	target = write_file(f, "real-hook", 0755, "", false);
	p = fpath(f, "gh-ost-on-startup-4-link");
	assert_int_equal(symlink(target, p), 0);
	free(target);
	hook(f, "gh-ost-on-startup-5-ok", "");

	files = hooks_find(f->h, HOOK_STARTUP);
	assert_non_null(files[0]);
	assert_string_equal(files[0], p);
	free(p);
	p = fpath(f, "gh-ost-on-startup-5-ok");
	assert_non_null(files[1]);
	assert_string_equal(files[1], p);
	assert_null(files[2]);
	free(p);
	util_free_strv(files);
}

/* The files run one after another in name order, each after the previous
 * one has finished. */
static void
test_run_in_order(void **state)
{
	struct fx	*f = *state;
	char		*log = fpath(f, "log"), *body, *got;
	const char	*names[] = { "gh-ost-on-startupX", "gh-ost-on-startup-b",
			    "gh-ost-on-startup", "gh-ost-on-startup-a" };
	size_t		 i;

	for (i = 0; i < nitems(names); i++) {
		/* The sleep makes an overlap visible as an interleaving. */
		body = xasprintf("echo %s-begin >> %s\nsleep 0.05\n"
		    "echo %s-end >> %s\n", names[i], log, names[i], log);
		hook(f, names[i], body);
		free(body);
	}
	assert_null(run(f, HOOK_STARTUP, NULL, NULL));
	got = slurp(log);
	assert_string_equal(got,
	    "gh-ost-on-startup-begin\ngh-ost-on-startup-end\n"
	    "gh-ost-on-startup-a-begin\ngh-ost-on-startup-a-end\n"
	    "gh-ost-on-startup-b-begin\ngh-ost-on-startup-b-end\n"
	    "gh-ost-on-startupX-begin\ngh-ost-on-startupX-end\n");
	free(got);
	free(log);
}

/* A failing hook fails the run and the hooks after it do not run. */
static void
test_failure_stops_sequence(void **state)
{
	struct fx	*f = *state;
	char		*log = fpath(f, "log"), *body, *cause, *want, *got;

	body = xasprintf("echo a >> %s\n", log);
	hook(f, "gh-ost-on-before-cut-over-a", body);
	free(body);
	body = xasprintf("echo b >> %s\nexit 2\n", log);
	hook(f, "gh-ost-on-before-cut-over-b", body);
	free(body);
	body = xasprintf("echo c >> %s\n", log);
	hook(f, "gh-ost-on-before-cut-over-c", body);
	free(body);

	cause = run(f, HOOK_BEFORE_CUT_OVER, NULL, NULL);
	want = xasprintf("%s/gh-ost-on-before-cut-over-b failed: "
	    "exit status 2", f->dir);
	assert_non_null(cause);
	assert_string_equal(cause, want);
	got = slurp(log);
	assert_string_equal(got, "a\nb\n");
	free(got);
	free(want);
	free(cause);
	free(log);
}

/* The cause carries the last output line when it is short, not when long. */
static void
test_cause_has_output_tail(void **state)
{
	struct fx	*f = *state;
	char		*cause, *want, *body;

	hook(f, "gh-ost-on-validated",
	    "echo starting\necho '  table is locked  ' >&2\necho\nexit 3\n");
	cause = run(f, HOOK_VALIDATED, NULL, NULL);
	want = xasprintf("%s/gh-ost-on-validated failed: exit status 3: "
	    "table is locked", f->dir);
	assert_string_equal(cause, want);
	free(want);
	free(cause);

	body = xasprintf("printf '%%0300d\\n' 0\nexit 1\n");
	hook(f, "gh-ost-on-success", body);
	free(body);
	cause = run(f, HOOK_SUCCESS, NULL, NULL);
	want = xasprintf("%s/gh-ost-on-success failed: exit status 1",
	    f->dir);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
}

/* A hook killed by a signal is reported as such. */
static void
test_killed_by_signal(void **state)
{
	struct fx	*f = *state;
	char		*cause, *want;

	hook(f, "gh-ost-on-failure", "kill -KILL $$\n");
	cause = run(f, HOOK_FAILURE, NULL, NULL);
	want = xasprintf("%s/gh-ost-on-failure failed: killed by signal 9",
	    f->dir);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
}

/* A file the kernel cannot execute fails the run, the ones after it do not
 * run, and no shell is tried. */
static void
test_exec_failure(void **state)
{
	struct fx	*f = *state;
	char		*log = fpath(f, "log"), *cause, *want, *body;

	free(write_file(f, "gh-ost-on-startup-1", 0755,
	    "echo this is not a script\n", true));
	body = xasprintf("echo ran >> %s\n", log);
	hook(f, "gh-ost-on-startup-2", body);
	free(body);
	cause = run(f, HOOK_STARTUP, NULL, NULL);
	want = xasprintf("%s/gh-ost-on-startup-1 failed: cannot execute: %s",
	    f->dir, strerror(ENOEXEC));
	assert_string_equal(cause, want);
	assert_false(util_file_exists(log));
	free(want);
	free(cause);
	free(log);
}

/* stdout and stderr are forwarded unprefixed, in the order written, and a
 * last line without a newline gets one. */
static void
test_output_forwarded(void **state)
{
	struct fx	*f = *state;
	char		*out;

	hook(f, "gh-ost-on-status",
	    "echo out1\necho err1 >&2\necho out2\nprintf partial\n");
	assert_null(run(f, HOOK_STATUS, NULL, NULL));
	out = output(f);
	assert_string_equal(out, "out1\nerr1\nout2\npartial\n");
	free(out);
}

/* Lots of output is all forwarded before the run completes. */
static void
test_large_output(void **state)
{
	struct fx	*f = *state;
	char		*out;
	size_t		 i;

	hook(f, "gh-ost-on-row-copy-complete",
	    "head -c 300000 /dev/zero | tr '\\0' x\necho\necho end >&2\n");
	assert_null(run(f, HOOK_ROW_COPY_COMPLETE, NULL, NULL));
	out = output(f);
	assert_int_equal(strlen(out), 300005);
	for (i = 0; i < 300000; i++) {
		if (out[i] != 'x')
			fail_msg("byte %zu is %d", i, out[i]);
	}
	assert_string_equal(out + 300000, "\nend\n");
	free(out);
}

/* The hook's exit is not the end: output written later by what it left
 * running is still forwarded, and the run waits for it (as gh-ost's
 * CombinedOutput does). */
static void
test_waits_for_output_eof(void **state)
{
	struct fx	*f = *state;
	char		*out;
	uint64_t	 start = util_now_ms();

	hook(f, "gh-ost-on-begin-postponed",
	    "echo early\n(sleep 0.3; echo late) &\nexit 0\n");
	assert_null(run(f, HOOK_BEGIN_POSTPONED, NULL, NULL));
	assert_true(util_now_ms() - start >= 250);
	out = output(f);
	assert_string_equal(out, "early\nlate\n");
	free(out);
}

/* Every GH_OST_ variable reaches the hook with gh-ost's exact value, and
 * nothing in a value is interpreted. */
static void
test_env_in_hook(void **state)
{
	struct fx		*f = *state;
	struct hooks_env	 e = sample_env();
	char			*dump, *v, *body, *envfile;
	const char		*extra[] = { "WISP_EXTRA=x y", NULL };
	size_t			 i;

	envfile = fpath(f, "env");
	body = xasprintf("env > %s\n", envfile);
	hook(f, "gh-ost-on-rowcount-complete", body);
	free(body);
	assert_int_equal(setenv("WISP_HOOKS_TEST_PARENT", "inherited", 1), 0);
	assert_null(run(f, HOOK_ROWCOUNT_COMPLETE, &e, extra));
	unsetenv("WISP_HOOKS_TEST_PARENT");
	dump = slurp(envfile);
	assert_non_null(dump);
	for (i = 0; i < nitems(sample_expected); i++) {
		v = dump_get(dump, sample_expected[i][0]);
		if (v == NULL)
			fail_msg("%s missing", sample_expected[i][0]);
		assert_string_equal(v, sample_expected[i][1]);
		free(v);
	}
	v = dump_get(dump, "WISP_HOOKS_TEST_PARENT");
	assert_non_null(v);
	assert_string_equal(v, "inherited");
	free(v);
	v = dump_get(dump, "WISP_EXTRA");
	assert_non_null(v);
	assert_string_equal(v, "x y");
	free(v);
	assert_false(util_file_exists("/tmp/pwned"));
	free(dump);
	free(envfile);
}

/* hooks_environment: ours first, gh-ost's 21 in gh-ost's order, then extra;
 * the last of a repeated name wins; NULL strings are empty. */
static void
test_environment(void **state)
{
	struct hooks_env	 e;
	const char		*extra[] = { "GH_OST_DRY_RUN=overridden",
				    "WISP_X=1", "WISP_X=2", NULL };
	char			**env;
	size_t			 i, first = SIZE_MAX, n = 0;

	memset(&e, 0, sizeof e);
	e.table = "orders";
	assert_int_equal(setenv("GH_OST_TABLE_NAME", "stale", 1), 0);
	assert_int_equal(setenv("WISP_HOOKS_TEST_PARENT", "p", 1), 0);
	env = hooks_environment(&e, extra);
	unsetenv("GH_OST_TABLE_NAME");
	unsetenv("WISP_HOOKS_TEST_PARENT");

	assert_string_equal(env_get(env, "GH_OST_TABLE_NAME"), "orders");
	assert_string_equal(env_get(env, "WISP_HOOKS_TEST_PARENT"), "p");
	assert_string_equal(env_get(env, "GH_OST_DRY_RUN"), "overridden");
	assert_string_equal(env_get(env, "WISP_X"), "2");
	assert_string_equal(env_get(env, "GH_OST_DATABASE_NAME"), "");
	assert_string_equal(env_get(env, "GH_OST_DDL"), "");
	assert_string_equal(env_get(env, "GH_OST_HOOKS_HINT_TOKEN"), "");
	assert_string_equal(env_get(env, "GH_OST_PROGRESS"), "0.000000");
	assert_string_equal(env_get(env, "GH_OST_ELAPSED_SECONDS"),
	    "0.000000");
	assert_string_equal(env_get(env, "GH_OST_ETA_SECONDS"), "0");
	assert_string_equal(env_get(env, "GH_OST_REVERT"), "false");
	assert_null(env_get(env, "GH_OST_COMMAND"));

	/* gh-ost's own variables follow the inherited ones, in its order. */
	for (i = 0; env[i] != NULL; i++) {
		if (strncmp(env[i], "GH_OST_", 7) != 0)
			continue;
		if (first == SIZE_MAX)
			first = i;
		n++;
	}
	assert_int_equal(n, 21);
	assert_true(strncmp(env[first], "GH_OST_DATABASE_NAME=", 21) == 0);
	assert_true(strncmp(env[first + 1], "GH_OST_TABLE_NAME=", 18) == 0);
	assert_true(strncmp(env[first + 19], "GH_OST_REVERT=", 14) == 0);
	/* The overridden DRY_RUN moved to extra's place, after REVERT. */
	assert_string_equal(env[first + 20], "GH_OST_DRY_RUN=overridden");
	util_free_strv(env);
}

/* Floats are Go's "%f": six decimals, NaN and +Inf/-Inf spelled as Go does. */
static void
test_float_formats(void **state)
{
	struct hooks_env	 e;
	char			**env;

	memset(&e, 0, sizeof e);
	e.inspected_lag = 2.0 / 3;
	e.heartbeat_lag = 1e-7;
	e.progress = 100;
	env = hooks_environment(&e, NULL);
	assert_string_equal(env_get(env, "GH_OST_INSPECTED_LAG"), "0.666667");
	assert_string_equal(env_get(env, "GH_OST_HEARTBEAT_LAG"), "0.000000");
	assert_string_equal(env_get(env, "GH_OST_PROGRESS"), "100.000000");
	util_free_strv(env);

	e.inspected_lag = NAN;
	e.heartbeat_lag = INFINITY;
	e.progress = -INFINITY;
	env = hooks_environment(&e, NULL);
	assert_string_equal(env_get(env, "GH_OST_INSPECTED_LAG"), "NaN");
	assert_string_equal(env_get(env, "GH_OST_HEARTBEAT_LAG"), "+Inf");
	assert_string_equal(env_get(env, "GH_OST_PROGRESS"), "-Inf");
	util_free_strv(env);
}

/* An unknown ETA is gh-ost's ETAUnknown, math.MinInt64; 0 is "due". */
static void
test_eta(void **state)
{
	struct hooks_env	 e;
	char			**env;

	memset(&e, 0, sizeof e);
	e.eta_seconds = -1;
	env = hooks_environment(&e, NULL);
	assert_string_equal(env_get(env, "GH_OST_ETA_SECONDS"),
	    "-9223372036854775808");
	util_free_strv(env);
	e.eta_seconds = 0;
	e.dry_run = true;
	e.revert = true;
	env = hooks_environment(&e, NULL);
	assert_string_equal(env_get(env, "GH_OST_ETA_SECONDS"), "0");
	assert_string_equal(env_get(env, "GH_OST_DRY_RUN"), "true");
	assert_string_equal(env_get(env, "GH_OST_REVERT"), "true");
	util_free_strv(env);
}

/* The hook-specific variables, exactly as gh-ost's Sprintf makes them:
 * COMMAND and STATUS in literal single quotes, nothing escaped. */
static void
test_hook_specific_vars(void **state)
{
	char	*s;

	s = hooks_var_command("throttle");
	assert_string_equal(s, "GH_OST_COMMAND='throttle'");
	free(s);
	s = hooks_var_command("it's");
	assert_string_equal(s, "GH_OST_COMMAND='it's'");
	free(s);
	s = hooks_var_command(NULL);
	assert_string_equal(s, "GH_OST_COMMAND=''");
	free(s);
	s = hooks_var_status("Copy: 1/2 50.0%; ETA: due");
	assert_string_equal(s, "GH_OST_STATUS='Copy: 1/2 50.0%; ETA: due'");
	free(s);
	s = hooks_var_instant_ddl(true);
	assert_string_equal(s, "GH_OST_INSTANT_DDL=true");
	free(s);
	s = hooks_var_instant_ddl(false);
	assert_string_equal(s, "GH_OST_INSTANT_DDL=false");
	free(s);
	s = hooks_var_batch_copy_error("Error 1205: Lock wait timeout");
	assert_string_equal(s,
	    "GH_OST_LAST_BATCH_COPY_ERROR=Error 1205: Lock wait timeout");
	free(s);
}

/* GH_OST_COMMAND reaches the interactive-command hook with its quotes and
 * with shell syntax in it left alone. */
static void
test_command_in_hook(void **state)
{
	struct fx	*f = *state;
	char		*var, *out;
	const char	*extra[2];

	hook(f, "gh-ost-on-interactive-command",
	    "printf '%s\\n' \"$GH_OST_COMMAND\"\n");
	var = hooks_var_command("chunk-size=5; `id` $HOME $(id)");
	extra[0] = var;
	extra[1] = NULL;
	assert_null(run(f, HOOK_INTERACTIVE_COMMAND, NULL, extra));
	free(var);
	out = output(f);
	assert_string_equal(out, "'chunk-size=5; `id` $HOME $(id)'\n");
	free(out);
}

/* A hook over the timeout is killed (with what it started) and fails the
 * run. */
static void
test_timeout(void **state)
{
	struct fx	*f = *state;
	char		*gpid = fpath(f, "gpid"), *body, *cause, *want;
	uint64_t	 start = util_now_ms();
	pid_t		 pid;

	body = xasprintf("sleep 30 &\necho $! > %s\nwait\n", gpid);
	hook(f, "gh-ost-on-before-row-copy", body);
	free(body);
	hooks_set_timeout(f->h, 1);
	cause = run(f, HOOK_BEFORE_ROW_COPY, NULL, NULL);
	assert_true(util_now_ms() - start < 5000);
	want = xasprintf("%s/gh-ost-on-before-row-copy failed: timed out "
	    "after 1 seconds", f->dir);
	assert_string_equal(cause, want);
	pid = read_pid(gpid);
	assert_true(gone(pid));
	free(want);
	free(cause);
	free(gpid);
}

/* A hook that ignores SIGTERM gets SIGKILL after the grace. */
static void
test_timeout_escalates_to_sigkill(void **state)
{
	struct fx	*f = *state;
	char		*cause, *want;
	uint64_t	 start = util_now_ms();

	hook(f, "gh-ost-on-stop-replication", "trap '' TERM\nsleep 30\n");
	hooks_set_timeout(f->h, 1);
	cause = run(f, HOOK_STOP_REPLICATION, NULL, NULL);
	assert_true(util_now_ms() - start < 6000);
	want = xasprintf("%s/gh-ost-on-stop-replication failed: timed out "
	    "after 1 seconds", f->dir);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
}

/* The hook exited but left something holding its output: the timeout ends
 * the wait and kills what is left. */
static void
test_timeout_after_exit(void **state)
{
	struct fx	*f = *state;
	char		*gpid = fpath(f, "gpid"), *body, *cause, *want;
	uint64_t	 start = util_now_ms();

	body = xasprintf("sleep 30 &\necho $! > %s\nexit 0\n", gpid);
	hook(f, "gh-ost-on-start-replication", body);
	free(body);
	hooks_set_timeout(f->h, 1);
	cause = run(f, HOOK_START_REPLICATION, NULL, NULL);
	assert_true(util_now_ms() - start < 5000);
	want = xasprintf("%s/gh-ost-on-start-replication failed: timed out "
	    "after 1 seconds", f->dir);
	assert_string_equal(cause, want);
	assert_true(gone(read_pid(gpid)));
	free(want);
	free(cause);
	free(gpid);
}

/* hooks_free kills a sleeping hook and what it started, reaps it (no
 * zombie), and does not call done. */
static void
test_free_kills_and_reaps(void **state)
{
	struct fx	*f = *state;
	char		*gpidf = fpath(f, "gpid"), *body;
	struct result	 r = { 0 };
	pid_t		 pid, gpid;
	uint64_t	 start;

	body = xasprintf("sleep 30 &\necho $! > %s\nwait\n", gpidf);
	hook(f, "gh-ost-on-before-cut-over", body);
	free(body);
	assert_int_equal(hooks_run(f->h, HOOK_BEFORE_CUT_OVER, NULL, NULL,
	    done_cb, &r), 0);
	wait_for_file(f, gpidf);
	pid = hooks_pid(f->h);
	assert_true(pid > 0);
	gpid = read_pid(gpidf);

	start = util_now_ms();
	hooks_free(f->h);
	f->h = NULL;
	assert_true(util_now_ms() - start < 2000);
	assert_int_equal(r.calls, 0);
	assert_int_equal(waitpid(pid, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
	assert_int_equal(kill(pid, 0), -1);
	assert_int_equal(errno, ESRCH);
	assert_true(gone(gpid));
	free(gpidf);

	/* Nothing left on the loop calls into the freed object. */
	event_base_loop(f->base, EVLOOP_NONBLOCK);
	assert_int_equal(r.calls, 0);
}

/* hooks_free of a hook that ignores SIGTERM still reaps it. */
static void
test_free_sigkills(void **state)
{
	struct fx	*f = *state;
	char		*pidf = fpath(f, "pid"), *body;
	struct result	 r = { 0 };
	pid_t		 pid;

	body = xasprintf("trap '' TERM\necho $$ > %s\nexec sleep 30\n", pidf);
	hook(f, "gh-ost-on-status", body);
	free(body);
	assert_int_equal(hooks_run(f->h, HOOK_STATUS, NULL, NULL, done_cb,
	    &r), 0);
	wait_for_file(f, pidf);
	pid = read_pid(pidf);
	assert_int_equal(pid, hooks_pid(f->h));
	hooks_free(f->h);
	f->h = NULL;
	assert_int_equal(waitpid(pid, NULL, WNOHANG), -1);
	assert_int_equal(kill(pid, 0), -1);
	assert_int_equal(r.calls, 0);
	free(pidf);
}

/* done may free the hooks object. */
static void
test_free_from_done(void **state)
{
	struct fx	*f = *state;
	struct result	 r = { 0 };

	hook(f, "gh-ost-on-success", "exit 1\n");
	r.free_me = f->h;
	assert_int_equal(hooks_run(f->h, HOOK_SUCCESS, NULL, NULL, done_cb,
	    &r), 0);
	f->h = NULL;
	loop_until(f->base, &r, 1, 10);
	assert_non_null(r.cause);
	free(r.cause);
}

/* One run at a time: a second is refused while the first runs, and done
 * may start the next. */
static void
test_busy(void **state)
{
	struct fx	*f = *state;
	struct result	 r = { 0 }, r2 = { 0 };

	hook(f, "gh-ost-on-startup", "sleep 0.2\n");
	hook(f, "gh-ost-on-success", "echo success\n");
	assert_false(hooks_busy(f->h));
	assert_int_equal(hooks_pid(f->h), -1);
	assert_int_equal(hooks_run(f->h, HOOK_STARTUP, NULL, NULL, done_cb,
	    &r), 0);
	assert_true(hooks_busy(f->h));
	assert_true(hooks_pid(f->h) > 0);
	assert_int_equal(hooks_run(f->h, HOOK_STARTUP, NULL, NULL, done_cb,
	    &r2), -1);
	assert_int_equal(hooks_run(f->h, HOOK_SUCCESS, NULL, NULL, done_cb,
	    &r2), -1);

	r.rerun = f->h;
	loop_until(f->base, &r, 2, 10);
	assert_int_equal(r.rerun_rc, 0);
	assert_null(r.cause);
	assert_int_equal(r2.calls, 0);
	assert_false(hooks_busy(f->h));
	{
		char *out = output(f);
		assert_string_equal(out, "success\n");
		free(out);
	}
}

/* The child has stdin from /dev/null, only fds 0-2 (ls's own is 3), its
 * own process group, default signal dispositions and no blocked signals,
 * even though we ignore SIGPIPE and block SIGUSR1. */
static void
test_child_process_state(void **state)
{
	struct fx	*f = *state;
	struct sigaction sa, old;
	sigset_t	 set, oldset;
	char		*out, *want;
	int		 leak;

	/* An fd someone opened without close-on-exec does not reach it. */
	leak = open("/dev/null", O_RDONLY);
	assert_true(leak > 2);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, &old);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &oldset);

	hook(f, "gh-ost-on-startup",
	    "readlink /proc/$$/fd/0\n"
	    "cat\n"
	    "ls /proc/self/fd | tr '\\n' ' '; echo\n"
	    "pgrp=$(cut -d' ' -f5 /proc/$$/stat)\n"
	    "[ \"$pgrp\" = $$ ] && echo own-group\n"
	    "grep -E '^Sig(Ign|Blk)' /proc/self/status\n");
	assert_null(run(f, HOOK_STARTUP, NULL, NULL));

	sigprocmask(SIG_SETMASK, &oldset, NULL);
	sigaction(SIGPIPE, &old, NULL);
	close(leak);

	out = output(f);
	want = xasprintf("/dev/null\n0 1 2 3 \nown-group\n"
	    "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
	assert_string_equal(out, want);
	free(want);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test_setup_teardown(test_disabled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_hooks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_prefix_and_order,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_skips, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_run_in_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_failure_stops_sequence,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_cause_has_output_tail,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_killed_by_signal, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_exec_failure, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_output_forwarded, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_large_output, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_waits_for_output_eof,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_env_in_hook, setup,
		    teardown),
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_float_formats),
		cmocka_unit_test(test_eta),
		cmocka_unit_test(test_hook_specific_vars),
		cmocka_unit_test_setup_teardown(test_command_in_hook, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_timeout_escalates_to_sigkill, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout_after_exit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_free_kills_and_reaps,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_free_sigkills, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_free_from_done, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_child_process_state,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
