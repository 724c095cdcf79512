/* log.c: levelled, timestamped log lines on stderr. */
#include "common.h"

#include <time.h>
#include <unistd.h>
#include <event2/event.h>

#include "stack.h"

static enum log_level	  log_level = LOG_LEVEL_INFO;
static bool		  log_stack;	/* --stack */
static void		(*log_fatal_hook)(void *);
static void		 *log_fatal_arg;

static const char *log_names[] = {
	"FATAL", "ERROR", "WARNING", "INFO", "DEBUG"
};

/* Set the most verbose level that is printed. */
void
log_set_level(enum log_level level)
{
	log_level = level;
}

/* Return the current level. */
enum log_level
log_get_level(void)
{
	return log_level;
}

/* Is a line of this level printed? */
bool
log_enabled(enum log_level level)
{
	return level <= log_level;
}

/* --stack: print the stack after each error. */
void
log_set_stack(bool on)
{
	log_stack = on;
}

/* Is --stack on? */
bool
log_stack_enabled(void)
{
	return log_stack;
}

/* Install the function fatal calls before it exits. */
void
log_set_fatal_hook(void (*fn)(void *), void *arg)
{
	log_fatal_hook = fn;
	log_fatal_arg = arg;
}

/* Format and write one line. */
static void
log_vwrite(enum log_level level, const char *fmt, va_list ap)
{
	char		 ts[32], *msg;
	time_t		 now;
	struct tm	 tm;

	if (level > log_level)
		return;
	msg = xvasprintf(fmt, ap);
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(stderr, "%s %s %s\n", ts, log_names[level], msg);
	fflush(stderr);
	free(msg);
}

/* Log a debug line. */
void
log_debug(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_LEVEL_DEBUG, fmt, ap);
	va_end(ap);
}

/* Log an informational line. */
void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_LEVEL_INFO, fmt, ap);
	va_end(ap);
}

/* Log a warning. */
void
log_warn(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_LEVEL_WARNING, fmt, ap);
	va_end(ap);
}

/* Log an error. */
void
log_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_LEVEL_ERROR, fmt, ap);
	va_end(ap);
	if (log_stack && log_enabled(LOG_LEVEL_ERROR))
		stack_print(STDERR_FILENO);
}

/* The final line of a failed run. */
void
log_failure(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_LEVEL_FATAL, fmt, ap);
	va_end(ap);
}

/* Run the teardown hook once, then exit 1. */
static void noreturn_fn
log_die(void)
{
	void	(*fn)(void *) = log_fatal_hook;

	log_fatal_hook = NULL;
	if (fn != NULL)
		fn(log_fatal_arg);
	exit(1);
}

/* Log a fatal error and exit. */
void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_LEVEL_FATAL, fmt, ap);
	va_end(ap);
	if (log_stack)
		stack_print(STDERR_FILENO);
	log_die();
}

/* Log a fatal error with errno's text and exit. */
void
fatal(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;
	int	 saved = errno;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (saved != 0)
		fatalx("%s: %s", msg, strerror(saved));
	fatalx("%s", msg);
}

/* libevent's log callback. */
static void
log_libevent_cb(int severity, const char *msg)
{
	switch (severity) {
	case EVENT_LOG_DEBUG:
		log_debug("libevent: %s", msg);
		break;
	case EVENT_LOG_MSG:
		log_info("libevent: %s", msg);
		break;
	case EVENT_LOG_WARN:
		log_warn("libevent: %s", msg);
		break;
	default:
		log_error("libevent: %s", msg);
		break;
	}
}

/* Route libevent's messages through this log. */
void
log_route_libevent(void)
{
	event_set_log_callback(log_libevent_cb);
}
