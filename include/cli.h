/* cli.h: the command line, gh-ost's 108 flags, parsed into a struct config.
 *
 * One table row per flag {name, type, default, range, field, help, support}
 * drives everything: parsing, defaults (config_init), --help, the range checks
 * and the "not supported yet" refusal.
 *
 * Parsing is Go's flag package: -flag and --flag are the same; a value comes
 * as -flag=value or as the next argument (-flag value); a bool flag takes only
 * -flag or -flag=<Go bool> and never consumes the next argument; "--" ends the
 * flags and so does the first argument that is not a flag (the rest is ignored,
 * with a warning); a flag given twice keeps its last value, except
 * --statsd-tags, which collects every value. Integers use Go's base-0 syntax
 * (0x1f, 0o17, 017, 0b101, 1_000). -h, -help and --help print the usage.
 *
 * After parsing come gh-ost's checks in gh-ost's order and wording (main.go),
 * wisp's range checks, then the refusal of flags whose behaviour wisp does not
 * have yet: such a flag is refused with "--<flag> is not supported yet" only
 * when its value differs from the default. Empty string values are stored as
 * NULL. --database and --table default to the ALTER TABLE [db.]t of --alter;
 * an --alter naming another table than --database/--table is refused.
 *
 * --conf (gh-ost's ReadConfigFile + ApplyCredentials):
 *   [client] user and password are read with libmariadb's own option-file
 *     reader (so MySQL quoting, escapes and !include work; as libmariadb does,
 *     the [client-server] and [client-mariadb] groups are read too). A value
 *     containing ${NAME} is replaced as a whole by the environment variable
 *     NAME. A non-empty --user/--password (or the --ask-pass answer) wins over
 *     the file; the file fills in what the command line left empty.
 *   [osc] chunk_size and max_lag_millis must be integers, and max_load and
 *     replication_lag_query are read, but, exactly as in gh-ost, none of the
 *     [osc] values is applied: the command line alone sets those knobs.
 *   A file that cannot be opened or read is an error naming it.
 *
 * --ask-pass prints "Password:" on stdout and reads a line with echo off from
 * the terminal: stdin when it is one, else /dev/tty, else stdin (a pipe). The
 * answer replaces --password even when empty, as in gh-ost. Every password
 * is registered with log_add_secret(). */
#ifndef WISP_CLI_H
#define WISP_CLI_H

#include "config.h"

enum cli_action {
	CLI_RUN,		/* migrate with the parsed config */
	CLI_EXIT_OK,		/* --help, --version or --check-flag: exit 0 */
};

/* Parse argv into cfg (initialized by config_init), writing --help and
 * --version to stdout. Returns 0 with *action set, or -1 with *cause
 * (allocated, one line, gh-ost's wording) and *exit_code: 2 for the errors of
 * Go's flag package (unknown flag, bad value, missing value), 1 for the rest.
 * An exit-code-2 error has already been written, as one line, to stdout (where
 * Go's flag package writes it); the caller only exits. The caller owns cfg either way. */
int	 cli_parse(int argc, char **argv, struct config *cfg,
	     enum cli_action *action, int *exit_code, char **cause);
/* cli_parse writing --help, --version and usage errors to out. */
int	 cli_parse_to(FILE *out, int argc, char **argv, struct config *cfg,
	     enum cli_action *action, int *exit_code, char **cause);
/* "Usage of wisp:" and every flag, in the format of Go's PrintDefaults. */
void	 cli_usage(FILE *out);

/* The flag table, for tests and docs. */
size_t	 cli_nflags(void);
/* Index of the flag called name (without dashes), or -1. */
int	 cli_flag_find(const char *name);
const char *cli_flag_name(size_t i);
/* The default as Go's flag package prints it ("" for none). */
const char *cli_flag_default(size_t i);
bool	 cli_flag_is_bool(size_t i);
bool	 cli_flag_supported(size_t i);

/* Set every field of cfg to its flag's default; cfg must own no values yet
 * (config_init zeroes it, then calls this). */
void	 cli_set_defaults(struct config *);
/* Free the strings and lists of the table's fields (config_free calls
 * this). */
void	 cli_free_values(struct config *);

/* Print "Password:" on prompt and read one line from fd with echo off when
 * fd is a terminal; *password is allocated. 0 or -1 with *cause. */
int	 cli_read_password(int fd, FILE *prompt, char **password, char **cause);

#endif
