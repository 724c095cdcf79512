/* stack.h: backtraces for --stack.
 *
 * gh-ost's --stack prints the goroutine's stack with every logged error. In
 * wisp a failure is decided in a callback far from where it is reported, so
 * --stack prints the call chain at the point of decision: the migrator keeps
 * the stack of its first failure and prints it after the final FATAL line;
 * log_error and fatalx print their own. Crash signals (SEGV, BUS, FPE, ILL,
 * ABRT) print "FATAL caught signal <name>" (SIGSEGV, ...) and the stack,
 * then die of the signal as they would have. glibc's backtrace(); function
 * names show for non-static functions (the binary is linked with
 * -rdynamic); a static one shows as "bin/wisp(+0x1d7ba)":
 * `addr2line -f -e bin/wisp 0x1d7ba`. */
#ifndef WISP_STACK_H
#define WISP_STACK_H

#define STACK_DEPTH	64

struct stack {
	void	*frames[STACK_DEPTH];
	int	 n;
};

/* Record the caller's stack, without this function's own frame. */
void	stack_capture(struct stack *);
/* Write a header line and one line per frame to fd; nothing when empty. */
void	stack_write(const struct stack *, int fd);
/* Write the current stack to fd (stack_capture then stack_write). */
void	stack_print(int fd);
/* Print crash signals' stacks to stderr from now on. 0 or -1 and errno. */
int	stack_catch_crashes(void);

#endif
