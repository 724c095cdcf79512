/* server.c: the interactive command socket (gh-ost's go/logic/server.go). */
#include "common.h"

#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <math.h>
#include <netdb.h>
#include <netinet/in.h>
#include <strings.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "server.h"
#include "gostr.h"

/* Printed after a forced throttle and a new throttle query or URL. */
#define THROTTLE_HINT \
	"# Note: you may only throttle for as long as your binary logs are " \
	"not purged"

/* What follows a handler's own output (gh-ost's PrintStatusRule). */
enum server_print {
	PRINT_NONE,		/* nothing more */
	PRINT_STATUS,		/* the status line */
	PRINT_STATUS_HINT,	/* the hint block and the status line */
	PRINT_ERROR,		/* failed: the cause is the answer */
};

/* How a knob's new value is checked before ops->set sees it. */
enum server_value {
	VALUE_TEXT,		/* as given; ops->set checks it */
	VALUE_INT,		/* strconv.Atoi */
	VALUE_FLOAT,		/* strconv.ParseFloat(s, 64) */
};

/* What a knob's change prints before the status. */
enum server_echo {
	ECHO_NONE,
	ECHO_THROTTLE_HINT,	/* THROTTLE_HINT */
	ECHO_VALUE,		/* the value as ops->get reads it back */
};

struct server_command;
typedef enum server_print server_handler(struct server *,
    const struct server_command *, struct buf *, char **);

/* A row of the command table. */
struct server_entry {
	const char		*name;
	const char		*aliases[4];	/* NULL-terminated */
	const char		*usage;		/* after the name in help */
	const char		*help;
	server_handler		*handler;
	enum server_value	 value;		/* knobs only */
	enum server_echo	 echo;		/* knobs only */
};

/* One command line on its way through the hook to its answer. */
struct server_request {
	struct server		*server;	/* NULL once the server is freed */
	struct server_command	 cmd;
	char			*cause;		/* server_parse's, if it failed */
	void			(*done)(void *, char *);
	void			*arg;
	LIST_ENTRY(server_request) entry;
};

/*
 * A client connection. One line in, one answer out:
 *
 *   READING -> RUNNING -> WRITING -> LINGERING -> freed
 *
 * LINGERING shuts our write side and reads (discarding) until the client
 * closes: closing a TCP socket with unread input sends a reset, which may
 * destroy the answer before the client reads it.
 */
enum conn_state {
	CONN_READING,		/* waiting for the command line */
	CONN_RUNNING,		/* the hook and the command run */
	CONN_WRITING,		/* the answer drains */
	CONN_LINGERING,		/* answer sent; waiting for the client's EOF */
};

struct server_conn {
	struct server		*server;
	struct bufferevent	*bev;
	struct event		*timer;		/* the state's deadline */
	enum conn_state		 state;
	LIST_ENTRY(server_conn)	 entry;
};

struct server {
	struct event_base	*base;
	struct server_ops	 ops;
	char			*table;
	bool			 force_named_cut_over;
	bool			 force_named_panic;
	struct timeval		 timeout;

	char			*socket_path;	/* the file we created, or NULL */
	dev_t			 socket_dev;
	ino_t			 socket_ino;
	struct evconnlistener	*unix_listener;
	struct evconnlistener	*tcp_listener;
	int			 tcp_port;
	struct event		*accept_retry;	/* re-enables after accept fails */

	unsigned		 nconns;
	LIST_HEAD(, server_conn)	conns;
	LIST_HEAD(, server_request)	requests;
};

static server_handler cmd_help, cmd_status, cmd_sup, cmd_cpu_profile;
static server_handler cmd_coordinates, cmd_applier, cmd_inspector, cmd_knob;
static server_handler cmd_deprecated, cmd_throttle, cmd_no_throttle;
static server_handler cmd_postpone, cmd_unpostpone, cmd_panic;

/*
 * The commands, in the order of gh-ost's help, with its help texts (even
 * critical-load's, which gh-ost copied from max-load). "info" is a silent
 * alias of status there, and the aliases are not listed in help.
 */
static const struct server_entry server_table[] = {
	{ "status", { "info", NULL }, "",
	  "Print a detailed status message", cmd_status, 0, 0 },
	{ "sup", { NULL }, "",
	  "Print a short status message", cmd_sup, 0, 0 },
	{ "cpu-profile", { NULL }, "=<options>",
	  "Print a base64-encoded runtime/pprof CPU profile using a duration, "
	  "default: 30s. Comma-separated options 'gzip' and/or 'block' "
	  "(blocked profile) may follow the profile duration",
	  cmd_cpu_profile, 0, 0 },
	{ "coordinates", { NULL }, "",
	  "Print the currently inspected coordinates", cmd_coordinates, 0, 0 },
	{ "applier", { NULL }, "",
	  "Print the hostname of the applier", cmd_applier, 0, 0 },
	{ "inspector", { NULL }, "",
	  "Print the hostname of the inspector", cmd_inspector, 0, 0 },
	{ "chunk-size", { NULL }, "=<newsize>",
	  "Set a new chunk-size", cmd_knob, VALUE_INT, ECHO_NONE },
	{ "dml-batch-size", { NULL }, "=<newsize>",
	  "Set a new dml-batch-size", cmd_knob, VALUE_INT, ECHO_NONE },
	{ "nice-ratio", { NULL }, "=<ratio>",
	  "Set a new nice-ratio, immediate sleep after each row-copy "
	  "operation, float (examples: 0 is aggressive, 0.7 adds 70% runtime, "
	  "1.0 doubles runtime, 2.0 triples runtime, ...)",
	  cmd_knob, VALUE_FLOAT, ECHO_NONE },
	{ "critical-load", { NULL }, "=<load>",
	  "Set a new set of max-load thresholds",
	  cmd_knob, VALUE_TEXT, ECHO_NONE },
	{ "max-lag-millis", { NULL }, "=<max-lag>",
	  "Set a new replication lag threshold",
	  cmd_knob, VALUE_INT, ECHO_NONE },
	{ "replication-lag-query", { NULL }, "=<query>",
	  "Set a new query that determines replication lag (no quotes)",
	  cmd_deprecated, 0, 0 },
	{ "max-load", { NULL }, "=<load>",
	  "Set a new set of max-load thresholds",
	  cmd_knob, VALUE_TEXT, ECHO_NONE },
	{ "throttle-query", { NULL }, "=<query>",
	  "Set a new throttle-query (no quotes)",
	  cmd_knob, VALUE_TEXT, ECHO_THROTTLE_HINT },
	{ "throttle-http", { NULL }, "=<URL>",
	  "Set a new throttle URL", cmd_knob, VALUE_TEXT, ECHO_THROTTLE_HINT },
	{ "throttle-control-replicas", { NULL }, "=<replicas>",
	  "Set a new comma delimited list of throttle control replicas",
	  cmd_knob, VALUE_TEXT, ECHO_VALUE },
	{ "throttle", { "pause", "suspend", NULL }, "",
	  "Force throttling", cmd_throttle, 0, 0 },
	{ "no-throttle", { "unthrottle", "resume", "continue", NULL }, "",
	  "End forced throttling (other throttling may still apply)",
	  cmd_no_throttle, 0, 0 },
	{ "postpone-cut-over-flag-file", { NULL }, "=<path>",
	  "Postpone the cut-over phase, writing a cut over flag file to the "
	  "given path", cmd_postpone, 0, 0 },
	{ "unpostpone", { "no-postpone", "cut-over", NULL }, "",
	  "Bail out a cut-over postpone; proceed to cut-over",
	  cmd_unpostpone, 0, 0 },
	{ "panic", { NULL }, "",
	  "panic and quit without cleanup", cmd_panic, 0, 0 },
	{ "help", { NULL }, "",
	  "This message", cmd_help, 0, 0 },
};

/* ---- Go's text conventions, which the answers must keep --------------- */

/* Append rune r (a valid code point) as UTF-8. */
static void
utf8_encode(struct buf *b, uint32_t r)
{
	if (r < 0x80)
		buf_addc(b, (char)r);
	else if (r < 0x800) {
		buf_addc(b, (char)(0xc0 | (r >> 6)));
		buf_addc(b, (char)(0x80 | (r & 0x3f)));
	} else if (r < 0x10000) {
		buf_addc(b, (char)(0xe0 | (r >> 12)));
		buf_addc(b, (char)(0x80 | ((r >> 6) & 0x3f)));
		buf_addc(b, (char)(0x80 | (r & 0x3f)));
	} else {
		buf_addc(b, (char)(0xf0 | (r >> 18)));
		buf_addc(b, (char)(0x80 | ((r >> 12) & 0x3f)));
		buf_addc(b, (char)(0x80 | ((r >> 6) & 0x3f)));
		buf_addc(b, (char)(0x80 | (r & 0x3f)));
	}
}

/* strings.TrimSpace of s[0..len) (ASCII space), allocated. */
static char *
go_trim(const char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return xstrndup(s, len);
}

/* One character of a quoted string at *pp (strconv.UnquoteChar). */
static int
go_unquote_char(const char **pp, char quote, struct buf *b)
{
	const unsigned char	*p = (const unsigned char *)*pp;
	uint32_t		 v = 0, r;
	size_t			 len, ndigits, i;
	unsigned		 c = p[0];

	if (c == (unsigned char)quote)
		return -1;
	if (c >= 0x80) {
		len = utf8_decode(p, strlen(*pp), &r);
		if (len == 0) {
			utf8_encode(b, 0xfffd);	/* utf8.RuneError */
			len = 1;
		} else
			buf_add(b, p, len);
		*pp += len;
		return 0;
	}
	if (c != '\\') {
		buf_addc(b, (char)c);
		(*pp)++;
		return 0;
	}
	c = p[1];
	if (c == '\0')
		return -1;
	p += 2;
	switch (c) {
	case 'a': buf_addc(b, '\a'); break;
	case 'b': buf_addc(b, '\b'); break;
	case 'f': buf_addc(b, '\f'); break;
	case 'n': buf_addc(b, '\n'); break;
	case 'r': buf_addc(b, '\r'); break;
	case 't': buf_addc(b, '\t'); break;
	case 'v': buf_addc(b, '\v'); break;
	case '\\': buf_addc(b, '\\'); break;
	case 'x':
	case 'u':
	case 'U':
		ndigits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
		for (i = 0; i < ndigits; i++) {
			if (!isxdigit(p[i]))
				return -1;
			v = (v << 4) | (uint32_t)(isdigit(p[i]) ? p[i] - '0' :
			    tolower(p[i]) - 'a' + 10);
		}
		p += ndigits;
		if (c == 'x')
			buf_addc(b, (char)v);	/* a byte, maybe not UTF-8 */
		else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
			return -1;
		else
			utf8_encode(b, v);
		break;
	case '0': case '1': case '2': case '3':
	case '4': case '5': case '6': case '7':
		v = c - '0';
		for (i = 0; i < 2; i++) {
			if (p[i] < '0' || p[i] > '7')
				return -1;
			v = (v << 3) | (uint32_t)(p[i] - '0');
		}
		p += 2;
		if (v > 255)
			return -1;
		buf_addc(b, (char)v);
		break;
	case '\'':
	case '"':
		if (c != (unsigned char)quote)
			return -1;
		buf_addc(b, (char)c);
		break;
	default:
		return -1;
	}
	*pp = (const char *)p;
	return 0;
}

/*
 * strconv.Unquote: in is a whole "...", `...` or '.' literal. 0 and *out
 * (allocated), or -1 when in is not one.
 */
static int
go_unquote(const char *in, char **out)
{
	struct buf	 b = BUF_INIT;
	size_t		 n = strlen(in), end, len, i;
	const char	*close, *p;
	char		 quote = in[0];
	uint32_t	 r = 0xfffd;
	bool		 valid;

	if (n < 2 || (quote != '"' && quote != '\'' && quote != '`'))
		return -1;
	if ((close = strchr(in + 1, quote)) == NULL)
		return -1;
	end = (size_t)(close - in) + 1;		/* just past the closing quote */

	if (quote == '`') {
		if (end != n)
			return -1;
		for (i = 1; i < end - 1; i++) {
			if (in[i] != '\r')
				buf_addc(&b, in[i]);
		}
		*out = buf_detach(&b);
		return 0;
	}

	/* Without escapes, the literal is what is between the quotes. */
	if (memchr(in, '\\', end) == NULL && memchr(in, '\n', end) == NULL) {
		if (quote == '"') {
			valid = true;
			for (i = 1; i < end - 1; i += len) {
				len = utf8_decode((const unsigned char *)in + i,
				    end - 1 - i, &r);
				if (len == 0) {
					valid = false;
					break;
				}
			}
		} else {
			/* Go: one rune, or the empty '' (a decode of size 0). */
			len = utf8_decode((const unsigned char *)in + 1,
			    end - 2, &r);
			valid = end == 2 || (len != 0 && 2 + len == end);
		}
		if (valid) {
			if (end != n)
				return -1;
			*out = xstrndup(in + 1, end - 2);
			return 0;
		}
	}

	for (p = in + 1; *p != '\0' && *p != quote; ) {
		if (*p == '\n' || go_unquote_char(&p, quote, &b) != 0)
			goto fail;
		if (quote == '\'')
			break;
	}
	if (*p != quote || p[1] != '\0')
		goto fail;
	/* A NUL would end the C string early: keep the argument quoted. */
	if (b.len > 0 && memchr(b.data, '\0', b.len) != NULL)
		goto fail;
	*out = buf_detach(&b);
	return 0;

fail:
	buf_release(&b);
	return -1;
}

/* A strconv.NumError's text. */
static char *
go_num_error(const char *fn, const char *s, const char *why)
{
	struct buf	b = BUF_INIT;

	buf_addf(&b, "strconv.%s: parsing ", fn);
	go_quote(&b, s);
	buf_addf(&b, ": %s", why);
	return buf_detach(&b);
}

/* Check s as strconv.Atoi (64-bit int) does; 0 or -1 and *cause. */
static int
go_check_atoi(const char *s, char **cause)
{
	const char	*p = s;

	if (*p == '+' || *p == '-')
		p++;
	if (*p == '\0')
		goto syntax;
	for (; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p))
			goto syntax;
	}
	errno = 0;
	(void)strtoll(s, NULL, 10);
	if (errno == ERANGE) {
		*cause = go_num_error("Atoi", s, "value out of range");
		return -1;
	}
	return 0;

syntax:
	*cause = go_num_error("Atoi", s, "invalid syntax");
	return -1;
}

/* Check s as strconv.ParseFloat(s, 64) does; 0 or -1 and *cause. */
static int
go_check_float(const char *s, char **cause)
{
	const char	*p = s, *q;
	char		*copy, *w;
	bool		 hex, digits = false, dot = false, under = false;
	double		 v;

	if (*p == '+' || *p == '-')
		p++;
	if (strcasecmp(p, "inf") == 0 || strcasecmp(p, "infinity") == 0)
		return 0;
	if (p == s && strcasecmp(p, "nan") == 0)
		return 0;

	hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
	for (q = hex ? p + 2 : p; ; q++) {
		if (*q == '_')
			under = true;
		else if (*q == '.' && !dot)
			dot = true;
		else if (isdigit((unsigned char)*q) ||
		    (hex && isxdigit((unsigned char)*q)))
			digits = true;
		else
			break;
	}
	if (!digits)
		goto syntax;
	if (hex ? (*q == 'p' || *q == 'P') : (*q == 'e' || *q == 'E')) {
		q++;
		if (*q == '+' || *q == '-')
			q++;
		if (!isdigit((unsigned char)*q))
			goto syntax;
		for (; isdigit((unsigned char)*q) || *q == '_'; q++) {
			if (*q == '_')
				under = true;
		}
	} else if (hex)
		goto syntax;		/* a hex mantissa needs a p exponent */
	if (*q != '\0' || (under && !go_underscores_ok(s)))
		goto syntax;

	copy = xmalloc(strlen(s) + 1);
	for (w = copy, q = s; *q != '\0'; q++) {
		if (*q != '_')
			*w++ = *q;
	}
	*w = '\0';
	v = strtod(copy, NULL);
	free(copy);
	if (isinf(v)) {
		*cause = go_num_error("ParseFloat", s, "value out of range");
		return -1;
	}
	return 0;

syntax:
	*cause = go_num_error("ParseFloat", s, "invalid syntax");
	return -1;
}

/* errno's text as Go prints it ("address already in use"). */
static char *
go_strerror(int err)
{
	char	*s = xstrdup(strerror(err));

	if (s[0] != '\0' && isupper((unsigned char)s[0]) &&
	    !isupper((unsigned char)s[1]))
		s[0] = (char)tolower((unsigned char)s[0]);
	return s;
}

/* ---- parsing ----------------------------------------------------------- */

/* The table row named or aliased word, or NULL. */
static const struct server_entry *
server_find(const char *word)
{
	const struct server_entry	*e;
	size_t				 i, j;

	for (i = 0; i < nitems(server_table); i++) {
		e = &server_table[i];
		if (strcmp(e->name, word) == 0)
			return e;
		for (j = 0; e->aliases[j] != NULL; j++) {
			if (strcmp(e->aliases[j], word) == 0)
				return e;
		}
	}
	return NULL;
}

/* Split a line at its first '=' into word and argument, as gh-ost does. */
int
server_parse(const char *line, struct server_command *out, char **cause)
{
	const char	*eq = strchr(line, '=');
	char		*unquoted;

	memset(out, 0, sizeof *out);
	if (eq == NULL) {
		out->word = go_trim(line, strlen(line));
		out->arg = xstrdup("");
	} else {
		out->word = go_trim(line, (size_t)(eq - line));
		out->arg = go_trim(eq + 1, strlen(eq + 1));
		out->has_arg = true;
		if (go_unquote(out->arg, &unquoted) == 0) {
			free(out->arg);
			out->arg = unquoted;
		}
	}
	out->question = strcmp(out->arg, "?") == 0;
	out->entry = server_find(out->word);
	if (out->entry == NULL) {
		if (cause != NULL)
			*cause = xasprintf("unknown command: %s", out->word);
		return -1;
	}
	out->name = out->entry->name;
	return 0;
}

/* Free what server_parse allocated. */
void
server_command_release(struct server_command *cmd)
{
	free(cmd->word);
	free(cmd->arg);
	memset(cmd, 0, sizeof *cmd);
}

/* gh-ost's help: "name=<usage>" padded to 36, then "# help". */
void
server_help(struct buf *b)
{
	const struct server_entry	*e;
	char				*left;
	size_t				 i;

	buf_adds(b, "available commands:\n");
	for (i = 0; i < nitems(server_table); i++) {
		e = &server_table[i];
		left = xasprintf("%s%s", e->name, e->usage);
		buf_addf(b, "%-36s # %s\n", left, e->help);
		free(left);
	}
	buf_adds(b, "- use '?' (question mark) as argument to get info rather "
	    "than set. e.g. \"max-load=?\" will just print out current "
	    "max-load.\n");
}

/* ---- execution --------------------------------------------------------- */

/* gh-ost's courtesy check of a table name given to cmd. */
static int
server_check_table(struct server *s, const struct server_command *cmd,
    bool forced, const char *flag, char **cause)
{
	if (*cmd->arg == '\0' && forced) {
		*cause = xasprintf("user commanded '%s' without specifying table "
		    "name, but --%s is set", cmd->name, flag);
		return -1;
	}
	if (*cmd->arg != '\0' && strcmp(cmd->arg, s->table) != 0) {
		*cause = xasprintf("user commanded '%s' on %s, but migrated table "
		    "is %s; ignoring request", cmd->name, cmd->arg, s->table);
		return -1;
	}
	return 0;
}

/* help */
static enum server_print
cmd_help(struct server *s, const struct server_command *cmd, struct buf *out,
    char **cause)
{
	server_help(out);
	return PRINT_NONE;
}

/* status, info */
static enum server_print
cmd_status(struct server *s, const struct server_command *cmd,
    struct buf *out, char **cause)
{
	return PRINT_STATUS_HINT;
}

/* sup */
static enum server_print
cmd_sup(struct server *s, const struct server_command *cmd, struct buf *out,
    char **cause)
{
	return PRINT_STATUS;
}

/* cpu-profile: a Go runtime feature wisp has no equivalent of. */
static enum server_print
cmd_cpu_profile(struct server *s, const struct server_command *cmd,
    struct buf *out, char **cause)
{
	*cause = xstrdup("cpu-profile is not supported by wisp");
	return PRINT_ERROR;
}

/* coordinates: read-only. */
static enum server_print
cmd_coordinates(struct server *s, const struct server_command *cmd,
    struct buf *out, char **cause)
{
	if (*cmd->arg != '\0' && !cmd->question) {
		*cause = xstrdup("coordinates are read-only");
		return PRINT_ERROR;
	}
	s->ops.coordinates(s->ops.arg, out);
	return PRINT_NONE;
}

/* applier */
static enum server_print
cmd_applier(struct server *s, const struct server_command *cmd,
    struct buf *out, char **cause)
{
	s->ops.applier(s->ops.arg, out);
	return PRINT_NONE;
}

/* inspector */
static enum server_print
cmd_inspector(struct server *s, const struct server_command *cmd,
    struct buf *out, char **cause)
{
	s->ops.inspector(s->ops.arg, out);
	return PRINT_NONE;
}

/* Append a knob's current value and a newline. */
static void
server_print_knob(struct server *s, const char *knob, struct buf *out)
{
	char	*value = s->ops.get(s->ops.arg, knob);

	buf_addf(out, "%s\n", value != NULL ? value : "");
	free(value);
}

/* A runtime knob: "?" reads it, anything else sets it. */
static enum server_print
cmd_knob(struct server *s, const struct server_command *cmd, struct buf *out,
    char **cause)
{
	const struct server_entry	*e = cmd->entry;

	if (cmd->question) {
		server_print_knob(s, e->name, out);
		return PRINT_NONE;
	}
	switch (e->value) {
	case VALUE_INT:
		if (go_check_atoi(cmd->arg, cause) != 0)
			return PRINT_ERROR;
		break;
	case VALUE_FLOAT:
		if (go_check_float(cmd->arg, cause) != 0)
			return PRINT_ERROR;
		break;
	case VALUE_TEXT:
		break;
	}
	if (s->ops.set(s->ops.arg, e->name, cmd->arg, cause) != 0) {
		if (*cause == NULL)
			*cause = xasprintf("cannot set %s", e->name);
		return PRINT_ERROR;
	}
	switch (e->echo) {
	case ECHO_NONE:
		break;
	case ECHO_THROTTLE_HINT:
		buf_addf(out, "%s\n", THROTTLE_HINT);
		break;
	case ECHO_VALUE:
		server_print_knob(s, e->name, out);
		break;
	}
	return PRINT_STATUS_HINT;
}

/* replication-lag-query: gone from gh-ost, which says so. */
static enum server_print
cmd_deprecated(struct server *s, const struct server_command *cmd,
    struct buf *out, char **cause)
{
	*cause = xstrdup("replication-lag-query is deprecated. gh-ost uses an "
	    "internal, subsecond resolution query");
	return PRINT_ERROR;
}

/* throttle, pause, suspend [=table] */
static enum server_print
cmd_throttle(struct server *s, const struct server_command *cmd,
    struct buf *out, char **cause)
{
	if (server_check_table(s, cmd, false, NULL, cause) != 0)
		return PRINT_ERROR;
	s->ops.throttle(s->ops.arg, true);
	buf_addf(out, "%s\n", THROTTLE_HINT);
	return PRINT_STATUS_HINT;
}

/* no-throttle, unthrottle, resume, continue [=table] */
static enum server_print
cmd_no_throttle(struct server *s, const struct server_command *cmd,
    struct buf *out, char **cause)
{
	if (server_check_table(s, cmd, false, NULL, cause) != 0)
		return PRINT_ERROR;
	s->ops.throttle(s->ops.arg, false);
	return PRINT_STATUS_HINT;
}

/* postpone-cut-over-flag-file=<path> */
static enum server_print
cmd_postpone(struct server *s, const struct server_command *cmd,
    struct buf *out, char **cause)
{
	if (*cmd->arg == '\0') {
		*cause = xasprintf("user commanded '%s' without specifying file "
		    "path", cmd->name);
		return PRINT_ERROR;
	}
	if (s->ops.postpone(s->ops.arg, cmd->arg, cause) != 0) {
		if (*cause == NULL)
			*cause = xasprintf("failed to create postpone cut-over "
			    "flag file %s", cmd->arg);
		return PRINT_ERROR;
	}
	buf_adds(out, "Postponed\n");
	return PRINT_STATUS_HINT;
}

/*
 * unpostpone, no-postpone, cut-over [=table]. Not postponing is no error
 * to gh-ost: it answers the explanation and logs nothing.
 */
static enum server_print
cmd_unpostpone(struct server *s, const struct server_command *cmd,
    struct buf *out, char **cause)
{
	char	*why = NULL;

	if (server_check_table(s, cmd, s->force_named_cut_over,
	    "force-named-cut-over", cause) != 0)
		return PRINT_ERROR;
	if (s->ops.unpostpone(s->ops.arg, &why) != 0) {
		buf_addf(out, "%s\n", why != NULL ? why : SERVER_NOT_POSTPONING);
		free(why);
		return PRINT_NONE;
	}
	buf_adds(out, "Unpostponed\n");
	return PRINT_STATUS_HINT;
}

/* panic [=table]: the answer is the error the migration aborts with. */
static enum server_print
cmd_panic(struct server *s, const struct server_command *cmd,
    struct buf *out, char **cause)
{
	if (server_check_table(s, cmd, s->force_named_panic,
	    "force-named-panic", cause) != 0)
		return PRINT_ERROR;
	s->ops.panic(s->ops.arg);
	*cause = xstrdup(SERVER_PANIC_MESSAGE);
	return PRINT_ERROR;
}

/* Execute a parsed request whose hook passed; append its answer. */
static void
server_run(struct server *s, struct server_request *req, struct buf *out)
{
	const struct server_command	*cmd = &req->cmd;
	char				*cause = NULL;

	if (cmd->entry == NULL) {
		cause = req->cause;
		req->cause = NULL;
		goto error;
	}
	switch (cmd->entry->handler(s, cmd, out, &cause)) {
	case PRINT_NONE:
		return;
	case PRINT_STATUS:
		s->ops.status(s->ops.arg, out, false);
		return;
	case PRINT_STATUS_HINT:
		s->ops.status(s->ops.arg, out, true);
		return;
	case PRINT_ERROR:
		break;
	}
error:
	log_error("%s", cause);
	buf_addf(out, "%s\n", cause);
	free(cause);
}

/* Free a request. */
static void
server_request_free(struct server_request *req)
{
	server_command_release(&req->cmd);
	free(req->cause);
	free(req);
}

/* The hook finished: run the command unless it was rejected. */
static void
server_hook_done(void *arg, char *cause)
{
	struct server_request	*req = arg;
	struct server		*s = req->server;
	struct buf		 out = BUF_INIT;
	void			(*done)(void *, char *) = req->done;
	void			*done_arg = req->arg;

	if (s == NULL) {		/* the server is gone */
		free(cause);
		server_request_free(req);
		return;
	}
	LIST_REMOVE(req, entry);
	if (cause != NULL) {
		log_error("%s", cause);
		buf_addf(&out, "%s\n", cause);
		free(cause);
	} else
		server_run(s, req, &out);
	server_request_free(req);
	done(done_arg, buf_detach(&out));
}

/* Run the hook, then the command line, then done with the answer. */
void
server_execute(struct server *s, const char *line,
    void (*done)(void *, char *), void *arg)
{
	struct server_request	*req = xcalloc(1, sizeof *req);

	req->server = s;
	req->done = done;
	req->arg = arg;
	(void)server_parse(line, &req->cmd, &req->cause);
	log_debugf("command \"%s\"", line);
	LIST_INSERT_HEAD(&s->requests, req, entry);
	if (s->ops.hook != NULL)
		s->ops.hook(s->ops.arg, req->cmd.word, server_hook_done, req);
	else
		server_hook_done(req, NULL);
}

/* ---- connections ------------------------------------------------------- */

static const char *conn_state_names[] = {
	"reading", "running", "writing", "lingering",
};

/* Free a connection (closing its socket). */
static void
conn_free(struct server_conn *c)
{
	LIST_REMOVE(c, entry);
	c->server->nconns--;
	event_free(c->timer);
	bufferevent_free(c->bev);
	free(c);
}

/* Move c to state, arming its deadline for the states that wait on the
 * client. */
static void
conn_set_state(struct server_conn *c, enum conn_state state)
{
	log_debugf("connection %p: %s -> %s", (void *)c,
	    conn_state_names[c->state], conn_state_names[state]);
	c->state = state;
	if (state == CONN_RUNNING)
		evtimer_del(c->timer);	/* the hook has its own timeout */
	else
		evtimer_add(c->timer, &c->server->timeout);
}

/* The answer left: stop writing and wait for the client to close. */
static void
conn_flushed(struct server_conn *c)
{
	struct evbuffer	*in = bufferevent_get_input(c->bev);

	conn_set_state(c, CONN_LINGERING);
	shutdown(bufferevent_getfd(c->bev), SHUT_WR);
	evbuffer_drain(in, evbuffer_get_length(in));
	bufferevent_setwatermark(c->bev, EV_READ, 0, 0);
	bufferevent_enable(c->bev, EV_READ);
}

/* The answer is ready (NULL: the server is going away). */
static void
conn_respond(void *arg, char *response)
{
	struct server_conn	*c = arg;
	size_t			 len;

	if (response == NULL) {
		conn_free(c);
		return;
	}
	len = strlen(response);
	conn_set_state(c, CONN_WRITING);
	if (len == 0) {
		free(response);
		conn_flushed(c);
		return;
	}
	bufferevent_write(c->bev, response, len);
	free(response);
	bufferevent_enable(c->bev, EV_WRITE);
}

/* Answer a line that cannot be a command without executing anything. */
static void
conn_refuse(struct server_conn *c, const char *why)
{
	log_error("%s", why);
	bufferevent_disable(c->bev, EV_READ);
	conn_set_state(c, CONN_RUNNING);
	conn_respond(c, xasprintf("%s\n", why));
}

/* Take the command line if it is complete (or the client ended it). */
static void
conn_read_line(struct server_conn *c, bool eof)
{
	struct evbuffer	*in = bufferevent_get_input(c->bev);
	size_t		 len = 0;
	char		*line, *why;

	line = evbuffer_readln(in, &len, EVBUFFER_EOL_CRLF);
	if (line == NULL) {
		len = evbuffer_get_length(in);
		if (len >= SERVER_LINE_MAX) {
			why = xasprintf("command line too long (over %d bytes)",
			    SERVER_LINE_MAX - 1);
			conn_refuse(c, why);
			free(why);
			return;
		}
		if (!eof)
			return;
		if (len == 0) {		/* closed without a command */
			conn_free(c);
			return;
		}
		/* Like Go's ReadLine, the last unterminated line counts. */
		line = xmalloc(len + 1);
		evbuffer_remove(in, line, len);
		line[len] = '\0';
	}
	if (memchr(line, '\0', len) != NULL) {
		free(line);
		conn_refuse(c, "command line contains a NUL byte");
		return;
	}
	bufferevent_disable(c->bev, EV_READ);
	conn_set_state(c, CONN_RUNNING);
	/* conn_respond may run before this returns: c is not touched after. */
	server_execute(c->server, line, conn_respond, c);
	free(line);
}

/* Input: the command line, or what the client sends after its answer. */
static void
conn_read_cb(struct bufferevent *bev, void *arg)
{
	struct server_conn	*c = arg;
	struct evbuffer		*in = bufferevent_get_input(bev);

	switch (c->state) {
	case CONN_READING:
		conn_read_line(c, false);
		break;
	case CONN_LINGERING:
		evbuffer_drain(in, evbuffer_get_length(in));
		break;
	case CONN_RUNNING:
	case CONN_WRITING:
		break;
	}
}

/* The output buffer drained. */
static void
conn_write_cb(struct bufferevent *bev, void *arg)
{
	struct server_conn	*c = arg;

	if (c->state == CONN_WRITING)
		conn_flushed(c);
}

/* End of input, or an error. */
static void
conn_event_cb(struct bufferevent *bev, short what, void *arg)
{
	struct server_conn	*c = arg;

	if (c->state == CONN_READING && (what & BEV_EVENT_EOF) &&
	    !(what & BEV_EVENT_ERROR)) {
		conn_read_line(c, true);
		return;
	}
	if (c->state == CONN_RUNNING)
		return;		/* the answer will find the error */
	if (what & BEV_EVENT_ERROR)
		log_debugf("connection %p: %s", (void *)c,
		    evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
	conn_free(c);
}

/* The state's deadline passed. */
static void
conn_timeout_cb(evutil_socket_t fd, short what, void *arg)
{
	struct server_conn	*c = arg;

	if (c->state == CONN_READING)
		log_warn("closing an interactive connection that sent no "
		    "command within %ld ms",
		    (long)(c->server->timeout.tv_sec * 1000 +
		    c->server->timeout.tv_usec / 1000));
	else
		log_debugf("connection %p: timed out %s", (void *)c,
		    conn_state_names[c->state]);
	conn_free(c);
}

/* A client connected. */
static void
server_accept(struct evconnlistener *l, evutil_socket_t fd,
    struct sockaddr *sa, int salen, void *arg)
{
	struct server		*s = arg;
	struct server_conn	*c;
	struct bufferevent	*bev;

	if (s->nconns >= SERVER_CONN_MAX) {
		log_warn("too many interactive connections (%u), closing a new "
		    "one", s->nconns);
		evutil_closesocket(fd);
		return;
	}
	bev = bufferevent_socket_new(s->base, fd, BEV_OPT_CLOSE_ON_FREE);
	if (bev == NULL) {
		log_warn("cannot create a buffer for an interactive connection");
		evutil_closesocket(fd);
		return;
	}
	c = xcalloc(1, sizeof *c);
	c->server = s;
	c->bev = bev;
	c->state = CONN_READING;
	c->timer = evtimer_new(s->base, conn_timeout_cb, c);
	if (c->timer == NULL)
		fatalx("%s: evtimer_new failed", __func__);
	LIST_INSERT_HEAD(&s->conns, c, entry);
	s->nconns++;
	evtimer_add(c->timer, &s->timeout);
	bufferevent_setcb(bev, conn_read_cb, conn_write_cb, conn_event_cb, c);
	bufferevent_setwatermark(bev, EV_READ, 0, SERVER_LINE_MAX);
	bufferevent_enable(bev, EV_READ);
}

/* accept failed (out of descriptors, memory): pause for a second rather
 * than spin on a socket that stays readable. */
static void
server_accept_error(struct evconnlistener *l, void *arg)
{
	struct server	*s = arg;
	struct timeval	 tv = { 1, 0 };

	log_warn("interactive socket: accept: %s",
	    evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
	if (s->unix_listener != NULL)
		evconnlistener_disable(s->unix_listener);
	if (s->tcp_listener != NULL)
		evconnlistener_disable(s->tcp_listener);
	evtimer_add(s->accept_retry, &tv);
}

/* Listen again after an accept error. */
static void
server_accept_retry(evutil_socket_t fd, short what, void *arg)
{
	struct server	*s = arg;

	if (s->unix_listener != NULL)
		evconnlistener_enable(s->unix_listener);
	if (s->tcp_listener != NULL)
		evconnlistener_enable(s->tcp_listener);
}

/* Wrap a bound socket in a listener (which calls listen). */
static struct evconnlistener *
server_listener(struct server *s, int fd)
{
	struct evconnlistener	*l;

	l = evconnlistener_new(s->base, server_accept, s,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, -1, fd);
	if (l != NULL)
		evconnlistener_set_error_cb(l, server_accept_error);
	return l;
}

/*
 * Bind the unix socket, mode 0600 from its first moment: the file bind()
 * creates takes the socket inode's mode less the umask, and on Linux fchmod
 * before bind sets that mode. Elsewhere the chmod after bind fixes it, and
 * nobody can connect in between: listen() has not been called yet.
 */
static int
server_listen_unix(struct server *s, const char *path, bool drop,
    char **cause)
{
	struct sockaddr_un	 sun;
	struct stat		 st;
	const char		*op;
	char			*why;
	int			 fd, err;

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sun.sun_path) {
		*cause = xasprintf("listen unix %s: bind: invalid argument",
		    path);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);

	/* --initially-drop-socket-file; only ever a socket, not a file. */
	if (drop && lstat(path, &st) == 0 && S_ISSOCK(st.st_mode) &&
	    unlink(path) != 0)
		log_warn("cannot remove socket file %s: %s", path,
		    strerror(errno));

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		op = "socket";
		goto fail;
	}
	(void)fchmod(fd, S_IRUSR | S_IWUSR);
	if (bind(fd, (struct sockaddr *)&sun, sizeof sun) != 0) {
		op = "bind";
		goto fail;
	}
	if (chmod(path, S_IRUSR | S_IWUSR) != 0 || stat(path, &st) != 0) {
		op = "chmod";
		goto fail_unlink;
	}
	if ((s->unix_listener = server_listener(s, fd)) == NULL) {
		op = "listen";
		goto fail_unlink;
	}
	s->socket_path = xstrdup(path);
	s->socket_dev = st.st_dev;
	s->socket_ino = st.st_ino;
	log_info("Listening on unix socket file: %s", path);
	return 0;

fail_unlink:
	err = errno;
	unlink(path);
	errno = err;
fail:
	err = errno;
	if (fd != -1)
		close(fd);
	why = go_strerror(err);
	*cause = xasprintf("listen unix %s: %s: %s", path, op, why);
	free(why);
	return -1;
}

/* Bind TCP on address:port (port 0: a free one). */
static int
server_listen_tcp(struct server *s, const char *address, int port,
    char **cause)
{
	struct addrinfo		 hints, *ai = NULL;
	struct sockaddr_storage	 ss;
	socklen_t		 sslen = sizeof ss;
	const char		*op;
	char			 portstr[16], *where, *why;
	int			 fd = -1, on = 1, rc, err;

	if (strchr(address, ':') != NULL)
		where = xasprintf("[%s]:%d", address, port);
	else
		where = xasprintf("%s:%d", address, port);
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(portstr, sizeof portstr, "%d", port);
	if ((rc = getaddrinfo(address, portstr, &hints, &ai)) != 0) {
		*cause = xasprintf("listen tcp %s: lookup %s: %s", where,
		    address, gai_strerror(rc));
		free(where);
		return -1;
	}
	fd = socket(ai->ai_family,
	    ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
	if (fd == -1) {
		op = "socket";
		goto fail;
	}
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
	if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
		op = "bind";
		goto fail;
	}
	if (getsockname(fd, (struct sockaddr *)&ss, &sslen) != 0) {
		op = "getsockname";
		goto fail;
	}
	if ((s->tcp_listener = server_listener(s, fd)) == NULL) {
		op = "listen";
		goto fail;
	}
	if (ss.ss_family == AF_INET6)
		s->tcp_port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	else
		s->tcp_port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
	freeaddrinfo(ai);
	free(where);
	log_info("Listening on tcp port: %d", s->tcp_port);
	return 0;

fail:
	err = errno;
	if (fd != -1)
		close(fd);
	freeaddrinfo(ai);
	why = go_strerror(err);
	*cause = xasprintf("listen tcp %s: %s: %s", where, op, why);
	free(why);
	free(where);
	return -1;
}

/* Create the server and bind its sockets. */
struct server *
server_create(struct event_base *base, const struct server_config *cfg,
    const struct server_ops *ops, char **cause)
{
	struct server	*s;
	int		 timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : 10000;

	if (!cfg->tcp_ephemeral && (cfg->tcp_port < 0 || cfg->tcp_port > 65535)) {
		*cause = xasprintf("invalid tcp port %" PRId64, cfg->tcp_port);
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->base = base;
	s->ops = *ops;
	s->table = xstrdup(cfg->table != NULL ? cfg->table : "");
	s->force_named_cut_over = cfg->force_named_cut_over;
	s->force_named_panic = cfg->force_named_panic;
	s->timeout.tv_sec = timeout_ms / 1000;
	s->timeout.tv_usec = (timeout_ms % 1000) * 1000;
	LIST_INIT(&s->conns);
	LIST_INIT(&s->requests);
	s->accept_retry = evtimer_new(base, server_accept_retry, s);
	if (s->accept_retry == NULL)
		fatalx("%s: evtimer_new failed", __func__);

	if (cfg->socket_path != NULL && *cfg->socket_path != '\0' &&
	    server_listen_unix(s, cfg->socket_path, cfg->drop_socket,
	    cause) != 0)
		goto fail;
	if ((cfg->tcp_ephemeral || cfg->tcp_port != 0) &&
	    server_listen_tcp(s, cfg->tcp_address != NULL ?
	    cfg->tcp_address : "127.0.0.1",
	    cfg->tcp_ephemeral ? 0 : (int)cfg->tcp_port, cause) != 0)
		goto fail;
	return s;

fail:
	server_free(s);
	return NULL;
}

/* Close everything; remove the socket file if it is still the one we made. */
void
server_free(struct server *s)
{
	struct server_request	*req;
	struct server_conn	*c;
	struct stat		 st;

	if (s == NULL)
		return;
	/* Pending hooks finish later and only free their request. */
	while ((req = LIST_FIRST(&s->requests)) != NULL) {
		LIST_REMOVE(req, entry);
		req->server = NULL;
		req->done(req->arg, NULL);
	}
	while ((c = LIST_FIRST(&s->conns)) != NULL)
		conn_free(c);
	if (s->unix_listener != NULL)
		evconnlistener_free(s->unix_listener);
	if (s->tcp_listener != NULL)
		evconnlistener_free(s->tcp_listener);
	if (s->socket_path != NULL) {
		log_info("Removing socket file: %s", s->socket_path);
		if (lstat(s->socket_path, &st) == 0 &&
		    st.st_dev == s->socket_dev && st.st_ino == s->socket_ino)
			unlink(s->socket_path);
		free(s->socket_path);
	}
	event_free(s->accept_retry);
	free(s->table);
	free(s);
}

/* The bound TCP port, 0 if none. */
int
server_tcp_port(const struct server *s)
{
	return s->tcp_listener != NULL ? s->tcp_port : 0;
}
