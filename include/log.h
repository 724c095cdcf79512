/* log.h: one log for the whole process.
 *
 * Lines go to stderr as "YYYY-mm-dd HH:MM:SS LEVEL message", the shape gh-ost
 * prints, so that scripts grepping gh-ost's log keep working. The default level
 * is ERROR-and-INFO-for-progress like gh-ost: --verbose shows INFO, --debug shows
 * DEBUG, --quiet keeps only errors. */
#ifndef WISP_LOG_H
#define WISP_LOG_H

enum log_level {
	LOG_LEVEL_FATAL = 0,
	LOG_LEVEL_ERROR,
	LOG_LEVEL_WARNING,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG,
};

void	log_set_level(enum log_level);
/* --stack: log_error and fatalx print the stack after their line (gh-ost
 * prints it with every logged error); log_failure does not, its caller
 * prints the stack of the failure it reports (stack.h). */
void	log_set_stack(bool);
bool	log_stack_enabled(void);
enum log_level log_get_level(void);
/* Route libevent's own messages into our log. */
void	log_route_libevent(void);
bool	log_enabled(enum log_level);

void	log_debug(const char *, ...) printflike(1, 2);
void	log_info(const char *, ...) printflike(1, 2);
void	log_warn(const char *, ...) printflike(1, 2);
void	log_error(const char *, ...) printflike(1, 2);
/* Log "FATAL message" without exiting: the one last line of a failed run,
 * printed whatever the level, in the shape gh-ost ends with. */
void	log_failure(const char *, ...) printflike(1, 2);
/* Log "FATAL message" and exit(1); the one exit for impossible states and
 * for the top level's final error line. */
void	fatalx(const char *, ...) printflike(1, 2) noreturn_fn;
/* Like fatalx with ": strerror(errno)" appended. */
void	fatal(const char *, ...) printflike(1, 2) noreturn_fn;
/* A hook run before fatal exits (the migrator's teardown); may be NULL. */
void	log_set_fatal_hook(void (*)(void *), void *);

#define log_debugf(fmt, ...) do {					\
	if (log_enabled(LOG_LEVEL_DEBUG))				\
		log_debug("%s: " fmt, __func__, ##__VA_ARGS__);		\
} while (0)

#endif
