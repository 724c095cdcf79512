/* stack.c: backtraces of the running process, and of crashes. */
#include "common.h"

#include <execinfo.h>
#include <signal.h>
#include <unistd.h>

#include "stack.h"

static const char stack_header[] = "stack trace (most recent call first):\n";

/* Record the caller's stack. */
void
stack_capture(struct stack *s)
{
	void	*frames[STACK_DEPTH + 1];
	int	 n;

	n = backtrace(frames, nitems(frames));
	s->n = n > 1 ? n - 1 : 0;	/* not our own frame */
	if (s->n > 0)
		memcpy(s->frames, frames + 1, (size_t)s->n * sizeof *frames);
}

/* Write the header and the frames, one per line. */
void
stack_write(const struct stack *s, int fd)
{
	ssize_t	unused w;

	if (s->n <= 0)
		return;
	w = write(fd, stack_header, sizeof stack_header - 1);
	backtrace_symbols_fd(s->frames, s->n, fd);
}

/* Write the caller's stack. */
void
stack_print(int fd)
{
	struct stack	s;

	stack_capture(&s);
	stack_write(&s, fd);
}

/* Append s to buf at *len (bounded, no allocation: a signal handler). */
static void
stack_put(char *buf, size_t size, size_t *len, const char *s)
{
	while (*s != '\0' && *len + 1 < size)
		buf[(*len)++] = *s++;
}

/* A crash: say which signal, print the stack, die of it. Only
 * async-signal-safe calls (backtrace was called once beforehand, so that
 * libgcc is loaded and it does not allocate here). */
static void
stack_crash_handler(int sig)
{
	char		 line[96];
	size_t		 len = 0;
	const char	*name = sigabbrev_np(sig);
	void		*frames[STACK_DEPTH];
	int		 n;
	ssize_t	unused w;

	stack_put(line, sizeof line, &len, "FATAL caught signal SIG");
	stack_put(line, sizeof line, &len, name != NULL ? name : "?");
	stack_put(line, sizeof line, &len, "\n");
	w = write(STDERR_FILENO, line, len);
	n = backtrace(frames, nitems(frames));
	w = write(STDERR_FILENO, stack_header, sizeof stack_header - 1);
	backtrace_symbols_fd(frames, n, STDERR_FILENO);
	/* SA_RESETHAND restored the default action: die of the signal. */
	raise(sig);
}

/* Install the crash handlers, on a stack of their own (a stack overflow
 * cannot run a handler on the stack it overflowed). */
int
stack_catch_crashes(void)
{
	static const int	 sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL,
				    SIGABRT };
	struct sigaction	 sa;
	stack_t			 alt;
	void			*frames[1];
	size_t			 i;

	backtrace(frames, 1);
	alt.ss_size = 64 * 1024;
	alt.ss_sp = xmalloc(alt.ss_size);	/* kept for the process's life */
	alt.ss_flags = 0;
	if (sigaltstack(&alt, NULL) != 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = stack_crash_handler;
	sa.sa_flags = SA_RESETHAND | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < nitems(sigs); i++) {
		if (sigaction(sigs[i], &sa, NULL) != 0)
			return -1;
	}
	return 0;
}
