/* server.h: the interactive command socket (gh-ost's go/logic/server.go).
 *
 * wisp listens on a unix socket (always, unless no path is given) and
 * optionally on TCP. Like gh-ost, each connection carries ONE command line:
 * the server reads the line, runs the gh-ost-on-interactive-command hook,
 * executes the command, writes the response and closes. Automation talks to
 * this socket, so command names, aliases, responses and error texts are
 * gh-ost's, byte for byte:
 *
 *   $ echo 'chunk-size=700' | nc -U /tmp/gh-ost.db.t.sock    (status block)
 *   $ echo 'chunk-size=?' | nc -U /tmp/gh-ost.db.t.sock
 *   700
 *
 * A line is "command" or "command=argument": it is split at the first '=',
 * both halves are trimmed, and an argument that is a Go-quoted string
 * ("...", `...`) is unquoted. The argument "?" reads a value back instead of
 * setting it. An unknown command, a bad value or a rejected hook answers one
 * error line; the migration goes on.
 *
 * Parsing (server_parse) is pure and apart from execution. Execution goes
 * through struct server_ops, which the migrator provides: this file knows
 * nothing of the engine. The command table behind both also generates the
 * help text (server_help). */
#ifndef WISP_SERVER_H
#define WISP_SERVER_H

struct event_base;
struct buf;
struct server;
/* A row of the command table (private to server.c). */
struct server_entry;

/* Texts the migrator's ops should use so that answers stay gh-ost's. */
/* ops->unpostpone's cause when no cut-over is being postponed. */
#define SERVER_NOT_POSTPONING \
	"You may only invoke this when gh-ost is actively postponing " \
	"migration. At this time it is not"
/* The answer to "panic", and the error the migration then aborts with. */
#define SERVER_PANIC_MESSAGE \
	"user commanded 'panic'. The migration will be aborted without " \
	"cleanup. Please drop the gh-ost tables before trying again"

/* A parsed command line. */
struct server_command {
	const struct server_entry *entry;	/* NULL: unknown command */
	const char	*name;		/* the canonical name; NULL if unknown */
	char		*word;		/* the command word as typed, trimmed */
	char		*arg;		/* the argument, trimmed, unquoted; "" if none */
	bool		 has_arg;	/* the line had an '=' */
	bool		 question;	/* arg is "?": read the value back */
};

/*
 * What the server needs from the migration. Every function but hook must be
 * set. All run on the loop, inside the server's callbacks: none may call
 * server_free (schedule teardown for later instead, e.g. ops->panic).
 */
struct server_ops {
	void	*arg;
	/* Append the status hint block (when with_hint) and the status line,
	 * each line ending in '\n' (gh-ost's printStatus). */
	void	(*status)(void *arg, struct buf *, bool with_hint);
	/* Append the recent inspected binlog coordinates and '\n'. */
	void	(*coordinates)(void *arg, struct buf *);
	/* Append "Host: h:p, Version: v\n", or nothing if not connected. */
	void	(*applier)(void *arg, struct buf *);
	void	(*inspector)(void *arg, struct buf *);
	/*
	 * Knobs by gh-ost's command name: chunk-size, dml-batch-size,
	 * max-lag-millis, nice-ratio, max-load, critical-load, throttle-query,
	 * throttle-http, throttle-control-replicas.
	 * get: the current value as text, allocated (gh-ost prints "%+v": a
	 * decimal integer, nice-ratio as Go prints a float64, loads as
	 * loadmap_format, replicas comma-delimited).
	 * set: validate and apply; 0, or -1 and *cause (allocated, gh-ost's
	 * words: loadmap_parse's causes for the loads). The server has already
	 * checked the syntax of numbers as gh-ost's server does (strconv.Atoi
	 * for the integers: "[+-]digits" in int64 range, so strtoll reads it
	 * whole; strconv.ParseFloat for nice-ratio, which strtod reads whole
	 * once '_' digit separators are removed); ranges are set's business
	 * (gh-ost clamps them silently).
	 */
	char	*(*get)(void *arg, const char *knob);
	int	 (*set)(void *arg, const char *knob, const char *value,
		     char **cause);
	/* throttle (true) / no-throttle (false): the user's forced throttle. */
	void	(*throttle)(void *arg, bool on);
	/* postpone-cut-over-flag-file=<path>: create the file if missing and
	 * postpone on it; 0, or -1 and *cause ("failed to create postpone
	 * cut-over flag file <path>: <why>"). */
	int	 (*postpone)(void *arg, const char *flag_file, char **cause);
	/* unpostpone: proceed to cut-over; 0, or -1 and *cause (NULL means
	 * SERVER_NOT_POSTPONING) when no cut-over is being postponed. */
	int	 (*unpostpone)(void *arg, char **cause);
	/* Abort without cleanup, with the error SERVER_PANIC_MESSAGE. Called
	 * before the answer is written; abort from a later loop turn. */
	void	(*panic)(void *arg);
	/*
	 * The gh-ost-on-interactive-command hook, or NULL for none. Run it for
	 * command (the command word as typed, without the argument: gh-ost sets
	 * GH_OST_COMMAND='<word>') and call done(done_arg, cause) once, now or
	 * later: cause NULL runs the command, otherwise the command is rejected
	 * and cause (allocated, taken over by the server) is the answer. The
	 * hook runs before anything is checked, even for an unknown command;
	 * command is valid only during the call.
	 * done must be called even after server_free (it then only frees), so a
	 * hook runner being torn down calls it with a cause.
	 */
	void	(*hook)(void *arg, const char *command,
		     void (*done)(void *, char *), void *done_arg);
};

struct server_config {
	/* The unix socket; NULL or "" for none. */
	const char	*socket_path;
	/* Remove an existing socket (only a socket) at socket_path first;
	 * otherwise an existing file is refused like gh-ost:
	 * "listen unix <path>: bind: address already in use". */
	bool		 drop_socket;
	/* TCP port, 0 = no TCP (the --serve-tcp-port meaning). */
	int64_t		 tcp_port;
	/* Listen on a free port the kernel picks (tests); read it back with
	 * server_tcp_port. Overrides tcp_port. */
	bool		 tcp_ephemeral;
	/* Address to listen on; NULL = 127.0.0.1. gh-ost listens on all
	 * addresses: give "0.0.0.0" (or "::") for that. */
	const char	*tcp_address;
	/* The migrated table, for the table-name checks of throttle,
	 * no-throttle, unpostpone and panic. */
	const char	*table;
	/* unpostpone / panic must name the table. */
	bool		 force_named_cut_over;
	bool		 force_named_panic;
	/* Close a connection that sends no full line, or does not read its
	 * answer, for this long; 0 = 10000. */
	int		 timeout_ms;
};

/* The longest command line, its newline included; longer is an error. */
#define SERVER_LINE_MAX		65536
/* At most this many connections at once; more are closed at accept. */
#define SERVER_CONN_MAX		256

/*
 * Parse one command line (without its newline). Fills *out in every case
 * (release it with server_command_release). Returns 0, or -1 and *cause
 * (allocated, may be NULL) "unknown command: <word>" when the word names no
 * command or alias. Never looks at the argument's value.
 */
int	 server_parse(const char *line, struct server_command *out,
	     char **cause);
void	 server_command_release(struct server_command *);
/* Append gh-ost's "help" answer, generated from the command table. */
void	 server_help(struct buf *);

/*
 * Create the server and bind its sockets on base: the unix socket with mode
 * 0600 from the start, then TCP. ops and config are copied (their strings
 * too). NULL and *cause (allocated) on failure, in Go's shape
 * "listen unix <path>: bind: <why>" / "listen tcp <addr>:<port>: ...".
 * With neither socket configured the server only executes server_execute.
 * The process must ignore SIGPIPE (loop.c does): a client may leave before
 * its answer is written.
 */
struct server	*server_create(struct event_base *, const struct server_config *,
		    const struct server_ops *, char **cause);
/* Close listeners and connections and unlink the socket file it created
 * (if it is still ours). A pending server_execute gets done(arg, NULL). */
void		 server_free(struct server *);
/* The bound TCP port, 0 if none. */
int		 server_tcp_port(const struct server *);
/*
 * Execute one command line as if a client had sent it: run the hook, then
 * the command, then call done(arg, response) with the allocated answer the
 * client would read (the callee frees it). done may be called before this
 * returns. If the server is freed first, done gets NULL.
 */
void		 server_execute(struct server *, const char *line,
		    void (*done)(void *, char *), void *arg);

#endif
