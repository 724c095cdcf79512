/* hooks.h: gh-ost's hooks (--hooks-path), run as child processes on the loop.
 *
 * A run of hook <name> executes every executable regular file in the hooks
 * directory whose file name begins with <name> (gh-ost globs
 * "<hooks-path>/<name>*", so "gh-ost-on-startupX" matches too), in byte order
 * of file names, one after another. Each file is executed itself, as
 * gh-ost's exec.Command(file) does: no shell, nothing interpolated into a
 * command line; its arguments are just argv[0] = the file's path. The first
 * file that fails (non-zero exit, a signal, the timeout, or it cannot be
 * executed) ends the run with a cause and the files after it do not run.
 *
 * Each hook gets:
 *   - stdin from /dev/null;
 *   - stdout and stderr on one pipe (gh-ost's CombinedOutput), read on the
 *     loop and copied line by line, unprefixed as gh-ost prints it, to our
 *     stderr (see hooks_set_output); a line starts being printed once it is
 *     complete, and a last line without a newline gets one;
 *   - our environment plus the GH_OST_* variables (hooks_environment);
 *   - default signal dispositions and an empty signal mask (we ignore SIGPIPE;
 *     a hook must not inherit that), and a process group of its own so that a
 *     timeout or hooks_free also reaches what the hook started.
 *
 * A hook is finished when it has exited and its output pipe has reached EOF:
 * if it leaves a background process holding its output open, the run waits
 * for that process, as gh-ost does, unless a timeout is set.
 *
 * The environment, exactly as gh-ost's hooks.go builds it: os.Environ(), then
 *   GH_OST_DATABASE_NAME GH_OST_TABLE_NAME GH_OST_GHOST_TABLE_NAME
 *   GH_OST_OLD_TABLE_NAME GH_OST_DDL                 strings as they are
 *   GH_OST_ELAPSED_SECONDS GH_OST_ELAPSED_COPY_SECONDS  Go "%f": "12.000000"
 *   GH_OST_ESTIMATED_ROWS GH_OST_COPIED_ROWS         "%d"
 *   GH_OST_MIGRATED_HOST GH_OST_INSPECTED_HOST GH_OST_EXECUTING_HOST
 *   GH_OST_INSPECTED_LAG GH_OST_HEARTBEAT_LAG        "%f" seconds: "0.250000"
 *   GH_OST_PROGRESS                                  "%f" percent: "42.500000"
 *   GH_OST_ETA_SECONDS                               "%d"; unknown is gh-ost's
 *                                                    ETAUnknown, math.MinInt64:
 *                                                    "-9223372036854775808"
 *   GH_OST_HOOKS_HINT GH_OST_HOOKS_HINT_OWNER GH_OST_HOOKS_HINT_TOKEN
 *   GH_OST_DRY_RUN GH_OST_REVERT                     "%t": "true" / "false"
 * then the hook's extra variables. Go's %f prints NaN and infinities as
 * "NaN", "+Inf", "-Inf", and so do we. Where a name repeats, the last one
 * wins (Go's exec dedups the environment the same way), so a stale
 * GH_OST_TABLE_NAME in our own environment is replaced, not duplicated. */
#ifndef WISP_HOOKS_H
#define WISP_HOOKS_H

#include <sys/types.h>

struct event_base;
struct hooks;

/* The hooks, in lifecycle order (gh-ost's hooks.go constants). */
#define HOOK_STARTUP		"gh-ost-on-startup"
#define HOOK_VALIDATED		"gh-ost-on-validated"
#define HOOK_ROWCOUNT_COMPLETE	"gh-ost-on-rowcount-complete"
#define HOOK_BEFORE_ROW_COPY	"gh-ost-on-before-row-copy"
#define HOOK_STATUS		"gh-ost-on-status"
#define HOOK_INTERACTIVE_COMMAND "gh-ost-on-interactive-command"
#define HOOK_ROW_COPY_COMPLETE	"gh-ost-on-row-copy-complete"
#define HOOK_STOP_REPLICATION	"gh-ost-on-stop-replication"
#define HOOK_START_REPLICATION	"gh-ost-on-start-replication"
#define HOOK_BEGIN_POSTPONED	"gh-ost-on-begin-postponed"
#define HOOK_BEFORE_CUT_OVER	"gh-ost-on-before-cut-over"
#define HOOK_SUCCESS		"gh-ost-on-success"
#define HOOK_FAILURE		"gh-ost-on-failure"
#define HOOK_BATCH_COPY_RETRY	"gh-ost-on-batch-copy-retry"

/* What every hook sees; filled by the migrator before each run (strings may
 * be NULL = empty). hooks_run copies what it needs. */
struct hooks_env {
	const char	*database, *table, *ghost_table, *old_table, *ddl;
	int64_t		 elapsed_seconds, elapsed_copy_seconds;
	int64_t		 estimated_rows, copied_rows;
	const char	*migrated_host, *inspected_host, *executing_host;
	double		 inspected_lag, heartbeat_lag;	/* seconds */
	double		 progress;			/* percent */
	int64_t		 eta_seconds;			/* -1 (any < 0) unknown */
	const char	*hint, *hint_owner, *hint_token;
	bool		 dry_run, revert;
};

/* hooks_path NULL or "" = hooks disabled: every run completes, successfully,
 * without looking at any directory. */
struct hooks	*hooks_create(struct event_base *, const char *hooks_path);
/* Kill (SIGTERM to the hook's process group, then SIGKILL after a short
 * wait) and reap a running hook, and free everything. A pending done
 * callback is not called. May be called from inside the done callback. */
void		 hooks_free(struct hooks *);

/* Kill a hook (its process group: SIGTERM, SIGKILL a second later) that runs
 * longer than seconds, and fail the run; 0 = no limit (gh-ost has none, and
 * it is the default). Applies to each file separately, from the next file
 * started. */
void		 hooks_set_timeout(struct hooks *, unsigned seconds);
/* Where hook output goes; STDERR_FILENO by default. The fd stays ours. */
void		 hooks_set_output(struct hooks *, int fd);

/* Run hook name: every file hooks_find returns, one after another, with the
 * environment hooks_environment(env, extra) computed now (env and extra may
 * be freed once this returns). extra is a NULL-terminated list of
 * "KEY=value" strings, or NULL.
 *
 * done(arg, cause) is called exactly once, from the loop and never from
 * inside hooks_run, unless hooks_free comes first: cause is NULL when every
 * file exited 0 (or there were none, or hooks are disabled), else an
 * allocated message the callee owns and frees:
 *   "<file> failed: exit status N[: <last output line>]"
 *   "<file> failed: killed by signal S[: ...]"
 *   "<file> failed: timed out after N seconds"
 *   "<file> failed: cannot execute: <strerror>"
 * The run is busy until done is called (inside done it no longer is, and
 * done may start the next run). Returns 0, or -1 if a run is already in progress (one at a time; the
 * caller serializes, and nothing is called). */
int		 hooks_run(struct hooks *, const char *name,
		     const struct hooks_env *, const char *const *extra,
		     void (*done)(void *arg, char *cause), void *arg);
/* Is a run in progress (started, done not called yet)? */
bool		 hooks_busy(const struct hooks *);
/* The process id of the hook running now, or -1. */
pid_t		 hooks_pid(const struct hooks *);

/* The hook-specific variables, allocated "KEY=value" strings exactly as
 * gh-ost writes them, to pass in extra:
 *   hooks_var_command("sup")          GH_OST_COMMAND='sup'  (quotes literal,
 *   hooks_var_status("...")           GH_OST_STATUS='...'    nothing escaped)
 *   hooks_var_instant_ddl(true)       GH_OST_INSTANT_DDL=true
 *   hooks_var_batch_copy_error("...") GH_OST_LAST_BATCH_COPY_ERROR=...
 * NULL strings are empty. */
char		*hooks_var_command(const char *);
char		*hooks_var_status(const char *);
char		*hooks_var_instant_ddl(bool);
char		*hooks_var_batch_copy_error(const char *);

/* For tests: the environment a hook would get, as a NULL-terminated
 * allocated array (free with util_free_strv). */
char		**hooks_environment(const struct hooks_env *,
		     const char *const *extra);
/* For tests: the files a run of name would execute, in order, as paths
 * "<hooks-path>/<file>" (NULL-terminated, free with util_free_strv; empty
 * when hooks are disabled or the directory cannot be read). */
char		**hooks_find(const struct hooks *, const char *name);

#endif
