/*
 * stall.c: an LD_PRELOAD shim for the engine tests that freezes a process
 * right after it sent a given SQL text, so a test can kill -9 it at an exact
 * point of the cut-over (test/integration/engine.sh, cases f-*).
 *
 *   WISP_STALL_PATTERN   text to look for in what is sent on a socket
 *                        (e.g. "rename /" "* wisp *" "/ table")
 *   WISP_STALL_FILE      created (with the pid in it) when the stall begins
 *   WISP_STALL_SECONDS   how long to stall (default 60)
 *   WISP_STALL_KILL=1    instead of stalling, SIGKILL the process at once
 *                        (the statement is on its way, nothing after it is)
 *
 * Only send(2) on sockets is watched (libmariadb writes with send), and
 * only the first match stalls: the statement is sent whole, then the
 * calling thread sleeps before it can read the answer.
 *
 * Build: cc -shared -fPIC -o build/libstall.so test/stall.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

static ssize_t	(*real_send)(int, const void *, size_t, int);
static int	 stalled;

static void
maybe_stall(int fd, const void *buf, size_t len)
{
	const char	*pattern = getenv("WISP_STALL_PATTERN");
	const char	*file = getenv("WISP_STALL_FILE");
	const char	*secs = getenv("WISP_STALL_SECONDS");
	struct stat	 st;
	struct timespec	 ts;
	char		 pid[32];
	int		 out;

	if (stalled || pattern == NULL || *pattern == '\0')
		return;
	if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode))
		return;
	if (memmem(buf, len, pattern, strlen(pattern)) == NULL)
		return;
	stalled = 1;
	if (file != NULL && *file != '\0') {
		out = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (out >= 0) {
			snprintf(pid, sizeof pid, "%d\n", (int)getpid());
			if (write(out, pid, strlen(pid)) < 0)
				{ /* the file's existence is what counts */ }
			close(out);
		}
	}
	if (getenv("WISP_STALL_KILL") != NULL &&
	    strcmp(getenv("WISP_STALL_KILL"), "1") == 0)
		kill(getpid(), SIGKILL);
	ts.tv_sec = secs != NULL ? atoi(secs) : 60;
	ts.tv_nsec = 0;
	while (nanosleep(&ts, &ts) != 0)
		;
}

ssize_t
send(int fd, const void *buf, size_t len, int flags)
{
	ssize_t	n;

	if (real_send == NULL)
		real_send = (ssize_t (*)(int, const void *, size_t, int))
		    dlsym(RTLD_NEXT, "send");
	n = real_send(fd, buf, len, flags);
	if (n > 0)
		maybe_stall(fd, buf, (size_t)n);
	return n;
}
