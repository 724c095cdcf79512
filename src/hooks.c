/* hooks.c: gh-ost's hooks as child processes driven by the loop (hooks.go).
 *
 * One run at a time executes a list of files, one child after another. A
 * child is finished when it has been reaped (SIGCHLD, or a backstop poll)
 * and its output pipe has reached EOF; only then does the next file start or
 * the run finish. The done callback always comes from a loop callback, never
 * from inside hooks_run.
 *
 * Children are forked and exec the file itself, with argv = { path }: never
 * a shell, nothing interpolated. The process has other threads (the binlog
 * reader), so between fork and exec the child makes only async-signal-safe
 * calls; exec failure comes back on a close-on-exec pipe. (posix_spawn
 * would do, but glibc's leaves its two internal signals ignored in the
 * child, and ignored signals survive exec into the hook.) The hook starts
 * as gh-ost's would: default signal dispositions, nothing blocked. */
#include "common.h"

#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <event2/event.h>

#include "hooks.h"

extern char **environ;

/* How long a timed-out hook has between SIGTERM and SIGKILL. */
#define HOOKS_KILL_GRACE_MS	1000
/* How long hooks_free waits for a SIGTERMed hook before SIGKILL. */
#define HOOKS_FREE_GRACE_MS	300
/* Backstop reaping poll once the output is at EOF (SIGCHLD is the rule). */
#define HOOKS_REAP_POLL_MS	200
/* Bytes read from a hook's output per wakeup, and read() size. */
#define HOOKS_READ_BUDGET	(256 * 1024)
#define HOOKS_READ_CHUNK	(16 * 1024)
/* A partial line longer than this is printed without waiting for its end. */
#define HOOKS_LINE_MAX		(64 * 1024)
/* The last output line goes into a failure's cause if it is this short. */
#define HOOKS_TAIL_MAX		200

/*
 * The run's states:
 *   IDLE         no run; hooks_run may start one.
 *   RUNNING      a file's child runs: waiting for it to exit and for its
 *                output to reach EOF, then it is reaped.
 *   TERMINATING  the child timed out: SIGTERM sent to its process group,
 *                SIGKILL follows after a grace; waiting only for it to exit.
 *   FINISHING    the run is over; done is called from an activated event.
 */
enum hooks_state {
	HOOKS_IDLE,
	HOOKS_RUNNING,
	HOOKS_TERMINATING,
	HOOKS_FINISHING,
};

static const char *const hooks_state_names[] = {
	"idle", "running", "terminating", "finishing",
};

/* One child: the file being run now. */
struct hook_child {
	const char	*path;		/* in hooks->files */
	pid_t		 pid;		/* also its process group; -1 reaped */
	int		 status;	/* from waitpid once reaped */
	int		 fd;		/* read end of its output, -1 at EOF */
	struct event	*read_ev;
	struct buf	 line;		/* partial output line */
	char		*tail;		/* last non-empty output line */
	bool		 exited;	/* exited, not reaped yet */
	bool		 lost;		/* reaped by someone else */
	bool		 timed_out;
	unsigned	 timeout;	/* the limit it runs under, 0 none */
};

struct hooks {
	struct event_base *base;
	char		*path;		/* NULL when disabled */
	unsigned	 timeout;	/* seconds per file, 0 none */
	int		 out_fd;	/* where hook output goes */

	enum hooks_state state;
	struct event	*sigchld;	/* persistent, while enabled */
	struct event	*finish_ev;	/* calls done */
	struct event	*kill_ev;	/* timeout, then the SIGKILL grace */
	struct event	*poll_ev;	/* reaping backstop */

	/* The run. */
	char		*name;
	char		**files;
	size_t		 next;		/* index of the next file to run */
	char		**envp;
	void		(*done)(void *, char *);
	void		*arg;
	char		*cause;		/* handed to done */

	struct hook_child child;	/* valid while RUNNING/TERMINATING */
};

static void	hooks_start_next(struct hooks *);

/* Change state, logging the transition. */
static void
hooks_set_state(struct hooks *h, enum hooks_state state)
{
	log_debugf("%s -> %s", hooks_state_names[h->state],
	    hooks_state_names[state]);
	h->state = state;
}

/* Append "KEY=value" to a growing NULL-terminated vector. */
static void
strv_push(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 2, sizeof **v);
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

/* A string, or "" for NULL. */
static const char *
str_or_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* A float as Go's fmt "%f" prints a float64. */
static char *
env_float(const char *key, double v)
{
	if (isnan(v))
		return xasprintf("%s=NaN", key);
	if (isinf(v))
		return xasprintf("%s=%s", key, v > 0 ? "+Inf" : "-Inf");
	return xasprintf("%s=%f", key, v);
}

/* A boolean as Go's fmt "%t" prints it. */
static char *
env_bool(const char *key, bool v)
{
	return xasprintf("%s=%s", key, v ? "true" : "false");
}

/* The length of an environment entry's name; -1 if it has no '='. Like Go's
 * dedupEnv, a leading '=' is part of the name. */
static ssize_t
env_key_len(const char *kv)
{
	const char	*eq = strchr(kv[0] == '=' ? kv + 1 : kv, '=');

	return eq != NULL ? eq - kv : -1;
}

/* Does a later entry in v (from index i + 1) set the same name as v[i]? */
static bool
env_overridden(char *const *v, size_t i)
{
	ssize_t	 len = env_key_len(v[i]);
	size_t	 j;

	if (len < 0)
		return false;
	for (j = i + 1; v[j] != NULL; j++) {
		if (env_key_len(v[j]) == len &&
		    strncmp(v[i], v[j], (size_t)len) == 0)
			return true;
	}
	return false;
}

/* Build the environment a hook gets: environ, gh-ost's variables, extra,
 * and where a name repeats only its last entry (Go's exec.Cmd dedupEnv). */
char **
hooks_environment(const struct hooks_env *e, const char *const *extra)
{
	static const struct hooks_env	 zero;
	char				**all = NULL, **out = NULL;
	size_t				 nall = 0, nout = 0, i;
	int64_t				 eta;

	if (e == NULL)
		e = &zero;
	for (i = 0; environ != NULL && environ[i] != NULL; i++)
		strv_push(&all, &nall, xstrdup(environ[i]));

#define S(k, v) strv_push(&all, &nall, xasprintf("%s=%s", k, str_or_empty(v)))
#define I(k, v) strv_push(&all, &nall, xasprintf("%s=%" PRId64, k, v))
#define F(k, v) strv_push(&all, &nall, env_float(k, v))
#define B(k, v) strv_push(&all, &nall, env_bool(k, v))
	S("GH_OST_DATABASE_NAME", e->database);
	S("GH_OST_TABLE_NAME", e->table);
	S("GH_OST_GHOST_TABLE_NAME", e->ghost_table);
	S("GH_OST_OLD_TABLE_NAME", e->old_table);
	S("GH_OST_DDL", e->ddl);
	/* gh-ost: "%f" of ElapsedTime().Seconds(), a float. */
	F("GH_OST_ELAPSED_SECONDS", (double)e->elapsed_seconds);
	F("GH_OST_ELAPSED_COPY_SECONDS", (double)e->elapsed_copy_seconds);
	I("GH_OST_ESTIMATED_ROWS", e->estimated_rows);
	I("GH_OST_COPIED_ROWS", e->copied_rows);
	S("GH_OST_MIGRATED_HOST", e->migrated_host);
	S("GH_OST_INSPECTED_HOST", e->inspected_host);
	S("GH_OST_EXECUTING_HOST", e->executing_host);
	F("GH_OST_INSPECTED_LAG", e->inspected_lag);
	F("GH_OST_HEARTBEAT_LAG", e->heartbeat_lag);
	F("GH_OST_PROGRESS", e->progress);
	/* gh-ost's GetETASeconds returns ETAUnknown (math.MinInt64) when the
	 * ETA is not known, and hooks see that number. */
	eta = e->eta_seconds < 0 ? INT64_MIN : e->eta_seconds;
	I("GH_OST_ETA_SECONDS", eta);
	S("GH_OST_HOOKS_HINT", e->hint);
	S("GH_OST_HOOKS_HINT_OWNER", e->hint_owner);
	S("GH_OST_HOOKS_HINT_TOKEN", e->hint_token);
	B("GH_OST_DRY_RUN", e->dry_run);
	B("GH_OST_REVERT", e->revert);
#undef S
#undef I
#undef F
#undef B

	for (i = 0; extra != NULL && extra[i] != NULL; i++)
		strv_push(&all, &nall, xstrdup(extra[i]));

	for (i = 0; i < nall; i++) {
		if (all[i][0] == '\0' || env_overridden(all, i))
			free(all[i]);
		else
			strv_push(&out, &nout, all[i]);
	}
	free(all);
	if (out == NULL)
		out = xcalloc(1, sizeof *out);
	return out;
}

/* GH_OST_COMMAND='<command>', quoted as gh-ost does (nothing escaped). */
char *
hooks_var_command(const char *command)
{
	return xasprintf("GH_OST_COMMAND='%s'", str_or_empty(command));
}

/* GH_OST_STATUS='<status>', quoted as gh-ost does. */
char *
hooks_var_status(const char *status)
{
	return xasprintf("GH_OST_STATUS='%s'", str_or_empty(status));
}

/* GH_OST_INSTANT_DDL=true|false. */
char *
hooks_var_instant_ddl(bool instant)
{
	return env_bool("GH_OST_INSTANT_DDL", instant);
}

/* GH_OST_LAST_BATCH_COPY_ERROR=<error>. */
char *
hooks_var_batch_copy_error(const char *error)
{
	return xasprintf("GH_OST_LAST_BATCH_COPY_ERROR=%s", str_or_empty(error));
}

/* Compare two strings for qsort, in byte order (Go's sort.Strings). */
static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Find the files of hook name: entries of the hooks directory whose name
 * begins with name, that are (or link to) executable regular files, sorted
 * by name. gh-ost globs "<path>/<name>*" and runs whatever matches, so a
 * non-executable match would fail its migration with "permission denied";
 * we skip it with a warning instead, and skip directories silently. */
char **
hooks_find(const struct hooks *h, const char *name)
{
	DIR		*dir;
	struct dirent	*de;
	struct stat	 sb;
	char		**names = NULL, **out = NULL, *path;
	size_t		 nnames = 0, nout = 0, plen, i;

	if (h->path == NULL || name == NULL || *name == '\0' ||
	    (dir = opendir(h->path)) == NULL) {
		if (h->path != NULL)
			log_debugf("cannot open '%s': %s", h->path,
			    strerror(errno));
		return xcalloc(1, sizeof *out);
	}
	while ((de = readdir(dir)) != NULL) {
		if (strncmp(de->d_name, name, strlen(name)) == 0)
			strv_push(&names, &nnames, xstrdup(de->d_name));
	}
	closedir(dir);
	if (nnames > 1)
		qsort(names, nnames, sizeof *names, cmp_names);

	/* "dir/" and "dir" give the same paths; "/" stays "/". */
	plen = strlen(h->path);
	while (plen > 1 && h->path[plen - 1] == '/')
		plen--;
	for (i = 0; i < nnames; i++) {
		path = xasprintf("%.*s%s%s", (int)plen, h->path,
		    h->path[plen - 1] == '/' ? "" : "/", names[i]);
		free(names[i]);
		if (stat(path, &sb) != 0 || S_ISDIR(sb.st_mode)) {
			free(path);
			continue;
		}
		if (!S_ISREG(sb.st_mode) || access(path, X_OK) != 0) {
			log_warn("hook '%s' is not an executable file; skipped",
			    path);
			free(path);
			continue;
		}
		strv_push(&out, &nout, path);
	}
	free(names);
	if (out == NULL)
		out = xcalloc(1, sizeof *out);
	return out;
}

/* A hooks object for the directory hooks_path (NULL or "" disables). */
struct hooks *
hooks_create(struct event_base *base, const char *hooks_path)
{
	struct hooks	*h;

	h = xcalloc(1, sizeof *h);
	h->base = base;
	h->out_fd = STDERR_FILENO;
	h->state = HOOKS_IDLE;
	h->child.pid = -1;
	h->child.fd = -1;
	if (hooks_path != NULL && *hooks_path != '\0')
		h->path = xstrdup(hooks_path);
	return h;
}

/* Limit each hook file to seconds; 0 = no limit. */
void
hooks_set_timeout(struct hooks *h, unsigned seconds)
{
	h->timeout = seconds;
}

/* Send hook output to fd instead of stderr. */
void
hooks_set_output(struct hooks *h, int fd)
{
	h->out_fd = fd;
}

/* Is a run in progress? */
bool
hooks_busy(const struct hooks *h)
{
	return h->state != HOOKS_IDLE;
}

/* The running hook's pid, or -1. */
pid_t
hooks_pid(const struct hooks *h)
{
	if (h->state != HOOKS_RUNNING && h->state != HOOKS_TERMINATING)
		return -1;
	return h->child.pid;
}

/* Write all of a buffer to fd; output is best effort. */
static void
write_all(int fd, const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		p += n;
		len -= (size_t)n;
	}
}

/* Remember the last non-empty line of [p, p + len) for the cause. */
static void
child_keep_tail(struct hook_child *c, const char *p, size_t len)
{
	const char	*end = p + len, *start;

	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	if (end == p)
		return;
	start = end;
	while (start > p && start[-1] != '\n')
		start--;
	while (start < end && isspace((unsigned char)*start))
		start++;
	free(c->tail);
	c->tail = xstrndup(start, (size_t)(end - start));
}

/* Print the complete lines in the child's line buffer (all of it at EOF or
 * when it grows too long), keeping a partial last line for later. */
static void
child_flush(struct hooks *h, bool all)
{
	struct hook_child	*c = &h->child;
	const char		*data = buf_str(&c->line), *nl;
	size_t			 len;

	if (c->line.len == 0)
		return;
	nl = memrchr(data, '\n', c->line.len);
	if (all || c->line.len > HOOKS_LINE_MAX)
		len = c->line.len;
	else if (nl != NULL)
		len = (size_t)(nl - data) + 1;
	else
		return;
	write_all(h->out_fd, data, len);
	if (all && data[len - 1] != '\n')
		write_all(h->out_fd, "\n", 1);
	child_keep_tail(c, data, len);
	memmove(c->line.data, data + len, c->line.len - len);
	buf_truncate(&c->line, c->line.len - len);
}

/* Stop reading the child's output and close the pipe. */
static void
child_close_output(struct hook_child *c)
{
	if (c->read_ev != NULL) {
		event_free(c->read_ev);
		c->read_ev = NULL;
	}
	if (c->fd != -1) {
		close(c->fd);
		c->fd = -1;
	}
}

/* Has the child exited? It is not reaped here: until the run is done with
 * it, the zombie keeps its pid, which is also its process group id, from
 * being reused, so kill(-pid) reaches only what the hook started. */
static bool
child_exited(struct hook_child *c)
{
	siginfo_t	si;

	if (c->exited)
		return true;
	memset(&si, 0, sizeof si);
	if (waitid(P_PID, (id_t)c->pid, &si, WEXITED | WNOHANG | WNOWAIT)
	    == 0) {
		if (si.si_pid == 0)
			return false;	/* still running */
	} else if (errno == ECHILD) {
		/* Someone else reaped it (a waitpid(-1) elsewhere). */
		log_warn("hook '%s': lost its exit status", c->path);
		c->lost = true;
	} else
		return false;
	c->exited = true;
	return true;
}

/* Reap the exited child and keep its status. */
static void
child_reap(struct hook_child *c)
{
	int	status;
	pid_t	pid;

	if (c->pid == -1)
		return;
	if (c->lost)
		c->status = W_EXITCODE(255, 0);
	else {
		do
			pid = waitpid(c->pid, &status, 0);
		while (pid == -1 && errno == EINTR);
		c->status = pid == c->pid ? status : W_EXITCODE(255, 0);
	}
	log_debugf("%s: pid %ld status 0x%x", c->path, (long)c->pid,
	    (unsigned)c->status);
	c->pid = -1;
}

/* The cause of a finished child's failure, or NULL if it succeeded. */
static char *
child_cause(struct hooks *h)
{
	struct hook_child	*c = &h->child;
	struct buf		 b = BUF_INIT;
	int			 st = c->status;

	if (c->timed_out) {
		return xasprintf("%s failed: timed out after %u seconds",
		    c->path, c->timeout);
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return NULL;
	buf_addf(&b, "%s failed: ", c->path);
	if (WIFEXITED(st))
		buf_addf(&b, "exit status %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		buf_addf(&b, "killed by signal %d", WTERMSIG(st));
	else
		buf_addf(&b, "wait status 0x%x", (unsigned)st);
	if (c->tail != NULL && strlen(c->tail) <= HOOKS_TAIL_MAX)
		buf_addf(&b, ": %s", c->tail);
	return buf_detach(&b);
}

/* Free the finished child's resources. */
static void
child_release(struct hooks *h)
{
	struct hook_child	*c = &h->child;

	child_close_output(c);
	buf_release(&c->line);
	free(c->tail);
	memset(c, 0, sizeof *c);
	c->pid = -1;
	c->fd = -1;
	event_del(h->kill_ev);
	event_del(h->poll_ev);
}

/* End the run with cause (NULL = success, ours otherwise): done is called
 * from finish_ev. */
static void
hooks_finish(struct hooks *h, char *cause)
{
	util_free_strv(h->files);
	h->files = NULL;
	util_free_strv(h->envp);
	h->envp = NULL;
	h->cause = cause;
	hooks_set_state(h, HOOKS_FINISHING);
	event_active(h->finish_ev, EV_TIMEOUT, 1);
}

/* Call done; the last thing we do, since done may free us or run again. */
static void
hooks_finish_cb(evutil_socket_t fd, short events, void *arg)
{
	struct hooks	*h = arg;
	void		(*done)(void *, char *) = h->done;
	void		*done_arg = h->arg;
	char		*cause = h->cause;

	log_debugf("%s: %s", h->name, cause != NULL ? cause : "ok");
	free(h->name);
	h->name = NULL;
	h->cause = NULL;
	h->done = NULL;
	h->arg = NULL;
	hooks_set_state(h, HOOKS_IDLE);
	if (done != NULL)
		done(done_arg, cause);
	else
		free(cause);
}

/* If the child has exited and its output is at EOF (or it has exited after
 * a timeout), reap it and go on to the next file or end the run. */
static void
child_check(struct hooks *h)
{
	struct hook_child	*c = &h->child;
	char			*cause;

	if (!child_exited(c))
		return;
	if (h->state == HOOKS_TERMINATING) {
		/* Wait no longer for output; and leave nothing behind. */
		if (!c->lost)
			kill(-c->pid, SIGKILL);
		child_flush(h, true);
	} else if (c->fd != -1)
		return;
	child_reap(c);
	cause = child_cause(h);
	child_release(h);
	if (cause != NULL)
		hooks_finish(h, cause);
	else
		hooks_start_next(h);
}

/* SIGCHLD: one of the process's children changed state; ours? */
static void
hooks_sigchld_cb(evutil_socket_t sig, short events, void *arg)
{
	struct hooks	*h = arg;

	if (h->state == HOOKS_RUNNING || h->state == HOOKS_TERMINATING)
		child_check(h);
}

/* The backstop: output is at EOF but no SIGCHLD has reaped the child yet. */
static void
hooks_poll_cb(evutil_socket_t fd, short events, void *arg)
{
	struct hooks	*h = arg;

	if (h->state == HOOKS_RUNNING || h->state == HOOKS_TERMINATING)
		child_check(h);
}

/* Arm the reaping backstop, if it is not armed. */
static void
hooks_arm_poll(struct hooks *h)
{
	struct timeval	tv;

	if (evtimer_pending(h->poll_ev, NULL))
		return;
	tv.tv_sec = 0;
	tv.tv_usec = HOOKS_REAP_POLL_MS * 1000;
	evtimer_add(h->poll_ev, &tv);
}

/* The timeout, then the grace: SIGTERM the group, then SIGKILL it. */
static void
hooks_kill_cb(evutil_socket_t fd, short events, void *arg)
{
	struct hooks		*h = arg;
	struct hook_child	*c = &h->child;
	struct timeval		 tv;

	if (h->state == HOOKS_RUNNING) {
		log_warn("hook '%s' timed out after %u seconds; killing it",
		    c->path, c->timeout);
		c->timed_out = true;
		hooks_set_state(h, HOOKS_TERMINATING);
		if (child_exited(c)) {
			/* Something it started holds the pipe. */
			child_check(h);
			return;
		}
		kill(-c->pid, SIGTERM);
		tv.tv_sec = HOOKS_KILL_GRACE_MS / 1000;
		tv.tv_usec = (HOOKS_KILL_GRACE_MS % 1000) * 1000;
		evtimer_add(h->kill_ev, &tv);
		hooks_arm_poll(h);
	} else if (h->state == HOOKS_TERMINATING && !c->exited) {
		log_debugf("%s: SIGKILL", c->path);
		kill(-c->pid, SIGKILL);
	}
}

/* The child's output is readable: copy complete lines out, a bounded amount
 * per wakeup. */
static void
hooks_read_cb(evutil_socket_t fd, short events, void *arg)
{
	struct hooks		*h = arg;
	struct hook_child	*c = &h->child;
	size_t			 total = 0;
	ssize_t			 n;

	while (total < HOOKS_READ_BUDGET) {
		buf_grow(&c->line, HOOKS_READ_CHUNK);
		n = read(fd, c->line.data + c->line.len, HOOKS_READ_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			if (n < 0)
				log_warn("hook '%s': read: %s", c->path,
				    strerror(errno));
			child_flush(h, true);
			child_close_output(c);
			hooks_arm_poll(h);
			child_check(h);
			return;
		}
		c->line.len += (size_t)n;
		c->line.data[c->line.len] = '\0';
		total += (size_t)n;
	}
	child_flush(h, false);
}

/* Mark every fd from 3 up close-on-exec: ours already are, but not every
 * library's (a database socket must not live on in what a hook leaves
 * running). Async-signal-safe: runs in the forked child. */
static void
child_cloexec_from_3(void)
{
	struct rlimit	rl;
	int		fd, max = 4096;

#ifdef CLOSE_RANGE_CLOEXEC
	if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return;
#endif
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY
	    && rl.rlim_cur < 65536)
		max = (int)rl.rlim_cur;
	for (fd = 3; fd < max; fd++)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* Reset sig to SIG_DFL. Async-signal-safe: runs in the forked child. */
static void
child_default_signal(int sig)
{
	struct sigaction	sa;
#if defined(__linux__) && defined(SYS_rt_sigaction)
	unsigned long		ksa[8];
#endif

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	if (sigaction(sig, &sa, NULL) == 0 || errno != EINVAL)
		return;
#if defined(__linux__) && defined(SYS_rt_sigaction)
	/* glibc refuses to touch its two internal signals (32 and 33), but
	 * we may have inherited them ignored (glibc's posix_spawn, which make
	 * uses, leaves them so) and SIG_IGN survives exec. All zeros is
	 * SIG_DFL, no flags and an empty mask in every kernel layout. */
	memset(ksa, 0, sizeof ksa);
	syscall(SYS_rt_sigaction, sig, ksa, NULL, (size_t)8);
#endif
}

/* In the forked child: set up and exec path, or report errno on errfd and
 * exit. Only async-signal-safe calls: the parent may have other threads. */
static noreturn_fn void
child_exec(const char *path, char *const *envp, int out, int errfd)
{
	sigset_t		 none;
	char			*argv[2];
	int			 sig, fd, error;

	/* Default dispositions (we ignore SIGPIPE; libevent catches SIGCHLD
	 * and others), then no blocked signals. */
	for (sig = 1; sig < NSIG; sig++)
		child_default_signal(sig);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	/* A process group of its own, so that kill(-pid) reaches what the
	 * hook starts. */
	setpgid(0, 0);

	if ((fd = open("/dev/null", O_RDONLY)) == -1)
		goto fail;
	if (fd != STDIN_FILENO) {
		if (dup2(fd, STDIN_FILENO) == -1)
			goto fail;
		close(fd);
	}
	if (dup2(out, STDOUT_FILENO) == -1 || dup2(out, STDERR_FILENO) == -1)
		goto fail;
	child_cloexec_from_3();

	argv[0] = (char *)path;
	argv[1] = NULL;
	execve(path, argv, envp);
fail:
	error = errno;
	while (write(errfd, &error, sizeof error) == -1 && errno == EINTR)
		;
	_exit(127);
}

/* Start path as a child (fork and exec of the file itself): stdin
 * /dev/null, stdout and stderr into one new pipe, default signals, its own
 * process group. 0, or -1 with *cause. */
static int
child_spawn(struct hooks *h, const char *path, char **cause)
{
	struct hook_child	*c = &h->child;
	sigset_t		 all, old;
	int			 out[2], errp[2], w, error = 0, status;
	ssize_t			 n;
	pid_t			 pid;

	if (pipe2(out, O_CLOEXEC) != 0) {
		*cause = xasprintf("%s failed: pipe: %s", path,
		    strerror(errno));
		return -1;
	}
	w = out[1];
	if (w <= STDERR_FILENO) {
		/* Our stdout or stderr is closed: keep the write end clear of
		 * the fds the child's dup2 targets. */
		w = fcntl(out[1], F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
		close(out[1]);
		if (w == -1) {
			*cause = xasprintf("%s failed: fcntl: %s", path,
			    strerror(errno));
			close(out[0]);
			return -1;
		}
	}
	if (pipe2(errp, O_CLOEXEC) != 0) {
		*cause = xasprintf("%s failed: pipe: %s", path,
		    strerror(errno));
		close(out[0]);
		close(w);
		return -1;
	}

	/* No signal handler (libevent's writes to a socket the child shares)
	 * may run in the child before it has reset them. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pid = fork();
	if (pid == 0)
		child_exec(path, h->envp, w, errp[1]);
	error = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	close(w);
	close(errp[1]);
	if (pid == -1) {
		close(out[0]);
		close(errp[0]);
		*cause = xasprintf("%s failed: fork: %s", path,
		    strerror(error));
		return -1;
	}
	/* Also here, so that the group exists whichever runs first. */
	setpgid(pid, pid);

	/* Wait for the exec (EOF on the close-on-exec pipe) or its errno. */
	do
		n = read(errp[0], &error, sizeof error);
	while (n == -1 && errno == EINTR);
	close(errp[0]);
	if (n == (ssize_t)sizeof error) {
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
		close(out[0]);
		*cause = xasprintf("%s failed: cannot execute: %s", path,
		    strerror(error));
		return -1;
	}

	fcntl(out[0], F_SETFL, fcntl(out[0], F_GETFL) | O_NONBLOCK);
	c->path = path;
	c->pid = pid;
	c->fd = out[0];
	c->read_ev = event_new(h->base, c->fd, EV_READ | EV_PERSIST,
	    hooks_read_cb, h);
	if (c->read_ev == NULL)
		fatalx("event_new failed");
	event_add(c->read_ev, NULL);
	log_debugf("%s: pid %ld", path, (long)pid);
	return 0;
}

/* Start the next file of the run, or finish it successfully. */
static void
hooks_start_next(struct hooks *h)
{
	const char	*path;
	char		*cause = NULL;
	struct timeval	 tv;

	if (h->files[h->next] == NULL) {
		hooks_finish(h, NULL);
		return;
	}
	path = h->files[h->next++];
	log_info("executing %s hook: %s", h->name, path);
	if (child_spawn(h, path, &cause) != 0) {
		hooks_finish(h, cause);
		return;
	}
	hooks_set_state(h, HOOKS_RUNNING);
	h->child.timeout = h->timeout;
	if (h->timeout > 0) {
		tv.tv_sec = (time_t)h->timeout;
		tv.tv_usec = 0;
		evtimer_add(h->kill_ev, &tv);
	}
}

/* Create the events on first use: a disabled or unused hooks object never
 * touches the loop, so it never takes SIGCHLD either. */
static void
hooks_init_events(struct hooks *h)
{
	if (h->finish_ev != NULL)
		return;
	h->finish_ev = event_new(h->base, -1, 0, hooks_finish_cb, h);
	h->kill_ev = evtimer_new(h->base, hooks_kill_cb, h);
	h->poll_ev = event_new(h->base, -1, EV_PERSIST, hooks_poll_cb, h);
	if (h->finish_ev == NULL || h->kill_ev == NULL || h->poll_ev == NULL)
		fatalx("event_new failed");
	if (h->path != NULL) {
		h->sigchld = evsignal_new(h->base, SIGCHLD, hooks_sigchld_cb,
		    h);
		if (h->sigchld == NULL || evsignal_add(h->sigchld, NULL) != 0)
			fatalx("cannot watch SIGCHLD");
	}
}

/* Start a run of hook name; done is called when it is over. */
int
hooks_run(struct hooks *h, const char *name, const struct hooks_env *env,
    const char *const *extra, void (*done)(void *, char *), void *arg)
{
	if (h->state != HOOKS_IDLE) {
		log_debugf("%s: busy with %s", name, h->name);
		return -1;
	}
	hooks_init_events(h);
	h->name = xstrdup(name);
	h->done = done;
	h->arg = arg;
	h->next = 0;
	h->files = hooks_find(h, name);
	if (h->files[0] == NULL) {
		hooks_finish(h, NULL);
		return 0;
	}
	h->envp = hooks_environment(env, extra);
	hooks_start_next(h);
	return 0;
}

/* Wait up to ms for the child to exit, without reaping it. */
static bool
child_wait_exit(pid_t pid, unsigned ms)
{
	siginfo_t	si;
	uint64_t	until = util_now_ms() + ms;

	for (;;) {
		memset(&si, 0, sizeof si);
		if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT)
		    != 0 || si.si_pid != 0)
			return true;
		if (util_now_ms() >= until)
			return false;
		usleep(10 * 1000);
	}
}

/* Kill and reap a running hook, and free everything. */
void
hooks_free(struct hooks *h)
{
	struct hook_child	*c;
	int			 status;

	if (h == NULL)
		return;
	c = &h->child;
	if (c->pid != -1 && !c->lost) {
		/* SIGTERM the group; SIGKILL it while the (possibly zombie)
		 * leader still holds the group id; then reap. */
		log_debugf("%s: killing pid %ld", c->path, (long)c->pid);
		kill(-c->pid, SIGTERM);
		child_wait_exit(c->pid, HOOKS_FREE_GRACE_MS);
		kill(-c->pid, SIGKILL);
		while (waitpid(c->pid, &status, 0) == -1 && errno == EINTR)
			;
		c->pid = -1;
	}
	child_close_output(c);
	buf_release(&c->line);
	free(c->tail);
	if (h->sigchld != NULL)
		event_free(h->sigchld);
	if (h->finish_ev != NULL) {
		event_free(h->finish_ev);
		event_free(h->kill_ev);
		event_free(h->poll_ev);
	}
	util_free_strv(h->files);
	util_free_strv(h->envp);
	free(h->name);
	free(h->cause);
	free(h->path);
	free(h);
}
