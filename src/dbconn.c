/* dbconn.c: a MySQL connection as a state machine on the event loop. */
#include "common.h"

#include <sys/socket.h>
#include <fcntl.h>
#include <event2/event.h>
#include <mysql.h>
#include <errmsg.h>

#include "dbconn.h"

/* What the connection is doing. Only READY accepts a new operation. */
enum dbconn_state {
	DBCONN_NEW,		/* created, never connected */
	DBCONN_CONNECTING,	/* mysql_real_connect_start/_cont */
	DBCONN_CHARSET,		/* mysql_set_character_set_start/_cont */
	DBCONN_READY,		/* connected and idle */
	DBCONN_QUERYING,	/* mysql_real_query_start/_cont */
	DBCONN_STORING,		/* mysql_store_result_start/_cont */
	DBCONN_DRAINING,	/* mysql_next_result_start/_cont: extra results */
	DBCONN_CLOSED,		/* failed or closed; may connect again */
};

static const char *dbconn_state_names[] = {
	"new", "connecting", "charset", "ready", "querying", "storing",
	"draining", "closed"
};

struct dbresult {
	MYSQL_RES	*res;
	MYSQL_ROW	*rows;
	unsigned long	*lengths;	/* nrows * nfields */
	size_t		 nrows;
	unsigned	 nfields;
	MYSQL_FIELD	*fields;
	uint64_t	 affected;
	unsigned	 warnings;
	bool		 taken;
	struct dbresult	*next;		/* the next statement's (multi) */
};

struct dbconn {
	char			*name;
	char			*key;		/* host:port */
	struct event_base	*base;
	struct dbconn_params	 params;
	MYSQL			*mysql;
	enum dbconn_state	 state;
	struct event		*ev;		/* socket readiness / lib timeout */
	struct event		*deadline;	/* our bound on the operation */
	bool			 timed_out;
	dbconn_cb		 cb;
	void			*arg;
	struct dbresult		*result;	/* being built: the first */
	struct dbresult		*last;		/* the last in its chain */
	uint64_t		 started;	/* ms, for debug logs */
	char			*sql;		/* the query in flight */
	int			 spins;		/* turns on a dead socket */
	size_t			 cs_pos;	/* next of params.charset to try */

	/* An operation that ends inside the call that started it reports
	 * from the loop instead (see dbconn_finish). */
	bool			 starting;	/* in dbconn_connect/_query */
	bool			 deferred;	/* its report waits on later */
	bool			 deferred_failed;
	struct dbresult		*deferred_res;
	struct event		*later;
};

static void	dbconn_step(struct dbconn *, int);
static void	dbconn_finish(struct dbconn *, struct dbresult *, bool);

/* Deep-copy connection parameters. */
void
dbconn_params_copy(struct dbconn_params *to, const struct dbconn_params *from)
{
	*to = *from;
	to->host = from->host != NULL ? xstrdup(from->host) : NULL;
	to->user = from->user != NULL ? xstrdup(from->user) : NULL;
	to->password = from->password != NULL ? xstrdup(from->password) : NULL;
	to->database = from->database != NULL ? xstrdup(from->database) : NULL;
	to->charset = from->charset != NULL ? xstrdup(from->charset) : NULL;
	to->ssl_ca = from->ssl_ca != NULL ? xstrdup(from->ssl_ca) : NULL;
	to->ssl_cert = from->ssl_cert != NULL ? xstrdup(from->ssl_cert) : NULL;
	to->ssl_key = from->ssl_key != NULL ? xstrdup(from->ssl_key) : NULL;
	to->init_command = from->init_command != NULL ?
	    xstrdup(from->init_command) : NULL;
}

/* Free copied parameters. */
void
dbconn_params_release(struct dbconn_params *p)
{
	free(p->host);
	free(p->user);
	free(p->password);
	free(p->database);
	free(p->charset);
	free(p->ssl_ca);
	free(p->ssl_cert);
	free(p->ssl_key);
	free(p->init_command);
	memset(p, 0, sizeof *p);
}

/* The next entry of a comma-separated charset list. */
bool
dbconn_charset_next(const char *list, size_t *pos, char *name, size_t size)
{
	const char	*p, *end;
	size_t		 n;

	if (list == NULL || *pos > strlen(list))
		return false;
	p = list + *pos;
	n = strcspn(p, ",");
	*pos += n + 1;		/* past the comma, or past the end */
	end = p + n;
	while (p < end && isspace((unsigned char)*p))
		p++;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	n = (size_t)(end - p);
	if (size == 0)
		return true;
	if (n >= size)
		n = size - 1;
	memcpy(name, p, n);
	name[n] = '\0';
	return true;
}

/* The charset the handshake asks for: the first of the list that
 * Connector/C knows and that is a superset of ASCII (the server does not
 * take utf16 and the like for a client, and Connector/C fails the connect
 * on them), else utf8mb4; SET NAMES then settles the list. */
static void
dbconn_handshake_charset(const char *list, char *name, size_t size)
{
	const MARIADB_CHARSET_INFO	*cs;
	size_t				 pos = 0;

	while (dbconn_charset_next(list, &pos, name, size)) {
		if (*name != '\0' &&
		    (cs = mariadb_get_charset_by_name(name)) != NULL &&
		    cs->char_minlen <= 1)
			return;
	}
	snprintf(name, size, "utf8mb4");
}

/* The options of every connection: the one place for TLS and charset. */
void
dbconn_set_options(void *handle, const struct dbconn_params *p)
{
	MYSQL	*m = handle;
	char	 cs[64];
	my_bool	 on = 1, off = 0, verify;

	dbconn_handshake_charset(p->charset, cs, sizeof cs);
	mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, cs);
	mysql_optionsv(m, MYSQL_OPT_LOCAL_INFILE, &off);
	if (p->init_command != NULL)
		mysql_optionsv(m, MYSQL_INIT_COMMAND, p->init_command);
	if (!p->ssl)
		return;
	/* TLS or nothing: never a silent fallback to a plain connection. */
	mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &on);
	/* Verification means the chain and the host name; Connector/C checks
	 * the chain whenever it has a CA, so an insecure connection gets
	 * none (gh-ost's InsecureSkipVerify ignores its CA as well). */
	verify = p->ssl_allow_insecure ? 0 : 1;
	mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
	if (p->ssl_ca != NULL && !p->ssl_allow_insecure)
		mysql_optionsv(m, MYSQL_OPT_SSL_CA, p->ssl_ca);
	if (p->ssl_cert != NULL)
		mysql_optionsv(m, MYSQL_OPT_SSL_CERT, p->ssl_cert);
	if (p->ssl_key != NULL)
		mysql_optionsv(m, MYSQL_OPT_SSL_KEY, p->ssl_key);
}

/* Change state, logging the transition at debug level. */
static void
dbconn_set_state(struct dbconn *c, enum dbconn_state state)
{
	if (log_enabled(LOG_LEVEL_DEBUG) && c->state != state)
		log_debug("dbconn %s: %s -> %s", c->name,
		    dbconn_state_names[c->state], dbconn_state_names[state]);
	c->state = state;
}

/* Libevent callback: the socket is ready or a timeout expired. */
static void
dbconn_event_cb(evutil_socket_t fd, short what, void *arg)
{
	struct dbconn	*c = arg;
	int		 ready = 0;

	if (what & EV_READ)
		ready |= MYSQL_WAIT_READ;
	if (what & EV_WRITE)
		ready |= MYSQL_WAIT_WRITE;
	if (what & EV_TIMEOUT)
		ready |= MYSQL_WAIT_TIMEOUT;
	dbconn_step(c, ready);
}

/* Our own deadline passed: kill the socket so the pending operation fails
 * at once with a lost connection, and let the state machine finish it. */
static void
dbconn_deadline_cb(evutil_socket_t fd, short what, void *arg)
{
	struct dbconn	*c = arg;
	int		 s;

	if (c->deferred)
		return;		/* over already; its report is on its way */
	c->timed_out = true;
	if (c->mysql != NULL && (s = mysql_get_socket(c->mysql)) != -1)
		shutdown(s, SHUT_RDWR);
	event_del(c->ev);
	dbconn_step(c, MYSQL_WAIT_READ | MYSQL_WAIT_WRITE | MYSQL_WAIT_TIMEOUT);
}

/* Wait for what the library asked for. */
static void
dbconn_wait(struct dbconn *c, int status)
{
	struct timeval	 tv, *tvp = NULL;
	short		 what = 0;
	int		 fd;

	fd = mysql_get_socket(c->mysql);
	if (status & MYSQL_WAIT_READ)
		what |= EV_READ;
	if (status & MYSQL_WAIT_WRITE)
		what |= EV_WRITE;
	if (status & MYSQL_WAIT_EXCEPT)
		what |= EV_READ;
	if (status & MYSQL_WAIT_TIMEOUT) {
		unsigned ms = mysql_get_timeout_value_ms(c->mysql);

		tv.tv_sec = ms / 1000;
		tv.tv_usec = (ms % 1000) * 1000;
		tvp = &tv;
	}
	event_del(c->ev);
	event_assign(c->ev, c->base, what != 0 ? fd : -1, what, dbconn_event_cb, c);
	event_add(c->ev, tvp);
}

/* Arm our deadline for an operation. */
static void
dbconn_arm_deadline(struct dbconn *c, unsigned seconds)
{
	struct timeval	tv;

	c->timed_out = false;
	c->started = util_now_ms();
	if (seconds == 0)
		return;
	tv.tv_sec = seconds;
	tv.tv_usec = 0;
	evtimer_add(c->deadline, &tv);
}

/* Free a result and the ones chained after it. */
void
dbresult_free(struct dbresult *r)
{
	struct dbresult	*next;

	for (; r != NULL; r = next) {
		next = r->next;
		if (r->res != NULL)
			mysql_free_result(r->res);
		free(r->rows);
		free(r->lengths);
		free(r);
	}
}

/* Keep a result past its callback. */
struct dbresult *
dbresult_take(struct dbresult *r)
{
	if (r != NULL)
		r->taken = true;
	return r;
}

/* Build our result from the stored MYSQL_RES. */
static struct dbresult *
dbconn_make_result(struct dbconn *c, MYSQL_RES *res)
{
	struct dbresult	*r;
	unsigned long	*len;
	size_t		 i;

	r = xcalloc(1, sizeof *r);
	r->affected = mysql_affected_rows(c->mysql);
	r->warnings = mysql_warning_count(c->mysql);
	if (res == NULL)
		return r;
	r->res = res;
	r->nrows = (size_t)mysql_num_rows(res);
	r->nfields = mysql_num_fields(res);
	r->fields = mysql_fetch_fields(res);
	r->rows = xreallocarray(NULL, r->nrows, sizeof *r->rows);
	r->lengths = xreallocarray(NULL, r->nrows * (r->nfields ? r->nfields : 1),
	    sizeof *r->lengths);
	for (i = 0; i < r->nrows; i++) {
		r->rows[i] = mysql_fetch_row(res);
		len = mysql_fetch_lengths(res);
		if (len != NULL && r->nfields > 0)
			memcpy(&r->lengths[i * r->nfields], len,
			    r->nfields * sizeof *len);
	}
	return r;
}

/* The report of an operation that ended as it started. */
static void
dbconn_later_cb(evutil_socket_t fd, short what, void *arg)
{
	struct dbconn	*c = arg;
	struct dbresult	*res = c->deferred_res;

	c->deferred = false;
	c->deferred_res = NULL;
	dbconn_finish(c, res, c->deferred_failed);
}

/* Finish the operation: stop timers, set the next state, call back. The
 * callback may free c or start another operation, so c is not touched after.
 *
 * Never from inside dbconn_connect or dbconn_query: when the library ends
 * an operation in the call that starts it (an answer already waiting on
 * the socket, a refusal), the report is made from the loop, a turn later.
 * A caller is then never re-entered half-way through its own change of
 * state, the way every other answer comes. Until then the connection
 * stays busy. */
static void
dbconn_finish(struct dbconn *c, struct dbresult *res, bool failed)
{
	struct dberror	 err;
	dbconn_cb	 cb = c->cb;
	void		*arg = c->arg;
	const char	*state;

	event_del(c->ev);
	if (c->starting) {
		c->deferred = true;
		c->deferred_failed = failed;
		c->deferred_res = res;
		c->result = c->last = NULL;
		event_active(c->later, EV_TIMEOUT, 1);
		return;
	}
	evtimer_del(c->deadline);
	c->cb = NULL;
	c->arg = NULL;
	c->result = c->last = NULL;
	if (!failed) {
		log_debugf("%s: done in %" PRIu64 " ms", c->name,
		    util_now_ms() - c->started);
		dbconn_set_state(c, DBCONN_READY);
		if (cb != NULL)
			cb(c, res, NULL, arg);
		if (res != NULL && !res->taken)
			dbresult_free(res);
		return;
	}

	memset(&err, 0, sizeof err);
	if (c->timed_out) {
		err.code = CR_SERVER_LOST;
		memcpy(err.sqlstate, "HY000", 6);
		err.message = xasprintf("timed out after %" PRIu64 " ms talking to %s",
		    util_now_ms() - c->started, c->key);
	} else {
		err.code = mysql_errno(c->mysql);
		state = mysql_sqlstate(c->mysql);
		snprintf(err.sqlstate, sizeof err.sqlstate, "%s",
		    state != NULL ? state : "HY000");
		err.message = xstrdup(mysql_error(c->mysql));
		if (err.code == 0) {
			err.code = CR_UNKNOWN_ERROR;
			free(err.message);
			err.message = xstrdup("unknown client error");
		}
	}
	log_debugf("%s: error %u: %s", c->name, err.code, err.message);
	dbresult_free(res);
	/* A connection that timed out or was lost cannot be used again. */
	if (c->timed_out || dberror_is_connection_lost(&err) ||
	    c->state == DBCONN_CONNECTING || c->state == DBCONN_CHARSET) {
		int s = mysql_get_socket(c->mysql);

		if (s != -1)
			shutdown(s, SHUT_RDWR);
		mysql_close(c->mysql);
		c->mysql = NULL;
		dbconn_set_state(c, DBCONN_CLOSED);
	} else
		dbconn_set_state(c, DBCONN_READY);
	if (cb != NULL)
		cb(c, NULL, &err, arg);
	free(err.message);
}

/*
 * Connector/C 3.3 runs the TLS handshake inside mysql_real_connect_cont
 * with its own blocking waits (bounded by the connect timeout) and leaves
 * the socket in blocking mode afterwards, so that every later "non-
 * blocking" read on a TLS connection would block the loop until the server
 * answers (a RENAME waiting for its lock: seconds). Put the socket back in
 * non-blocking mode: the library's TLS reads then yield on WANT_READ like
 * plain ones.
 */
static void
dbconn_socket_nonblocking(struct dbconn *c)
{
	int	fd, flags;

	if ((fd = mysql_get_socket(c->mysql)) == -1)
		return;
	if ((flags = fcntl(fd, F_GETFL)) != -1 && (flags & O_NONBLOCK) == 0)
		(void)fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

/* Does this error number mean the connection is gone? */
static bool
dbconn_errno_lost(unsigned code)
{
	struct dberror	e;

	memset(&e, 0, sizeof e);
	e.code = code;
	return dberror_is_connection_lost(&e);
}

/* Advance the current operation. ready is what became ready, or 0 to start
 * the operation of the current state. */
static void
dbconn_step(struct dbconn *c, int ready)
{
	MYSQL		*ret;
	MYSQL_RES	*res = NULL;
	int		 status, err = 0;

	switch (c->state) {
	case DBCONN_CONNECTING:
		if (ready == 0)
			status = mysql_real_connect_start(&ret, c->mysql,
			    c->params.host, c->params.user, c->params.password,
			    c->params.database, (unsigned)c->params.port, NULL,
			    CLIENT_MULTI_RESULTS | (c->params.multi_statements ?
			    CLIENT_MULTI_STATEMENTS : 0));
		else
			status = mysql_real_connect_cont(&ret, c->mysql, ready);
		if (status != 0)
			goto wait;
		if (ret == NULL) {
			dbconn_finish(c, NULL, true);
			return;
		}
		log_debugf("%s: connected to %s, thread %lu%s%s", c->name,
		    c->key, mysql_thread_id(c->mysql),
		    mysql_get_ssl_cipher(c->mysql) != NULL ? ", TLS " : "",
		    mysql_get_ssl_cipher(c->mysql) != NULL ?
		    mysql_get_ssl_cipher(c->mysql) : "");
		dbconn_socket_nonblocking(c);
		if (c->params.charset == NULL) {
			dbconn_finish(c, NULL, false);
			return;
		}
		c->cs_pos = 0;
		dbconn_set_state(c, DBCONN_CHARSET);
		dbconn_step(c, 0);
		return;
	case DBCONN_CHARSET:
		/* SET NAMES with each charset of the list until the server
		 * takes one; the last failure is the error. */
		if (ready == 0) {
			char	cs[64];

			if (!dbconn_charset_next(c->params.charset, &c->cs_pos,
			    cs, sizeof cs)) {
				dbconn_finish(c, NULL, true);
				return;
			}
			status = mysql_set_character_set_start(&err, c->mysql,
			    cs);
		} else
			status = mysql_set_character_set_cont(&err, c->mysql,
			    ready);
		if (status != 0)
			goto wait;
		if (err == 0) {
			log_debugf("%s: charset %s", c->name,
			    mysql_character_set_name(c->mysql));
			dbconn_finish(c, NULL, false);
			return;
		}
		if (c->timed_out || dbconn_errno_lost(mysql_errno(c->mysql))) {
			dbconn_finish(c, NULL, true);
			return;
		}
		dbconn_step(c, 0);
		return;
	case DBCONN_QUERYING:
		if (ready == 0)
			status = mysql_real_query_start(&err, c->mysql, c->sql,
			    strlen(c->sql));
		else
			status = mysql_real_query_cont(&err, c->mysql, ready);
		if (status != 0)
			goto wait;
		if (err != 0) {
			dbconn_finish(c, NULL, true);
			return;
		}
		dbconn_set_state(c, DBCONN_STORING);
		dbconn_step(c, 0);
		return;
	case DBCONN_STORING:
		if (ready == 0)
			status = mysql_store_result_start(&res, c->mysql);
		else
			status = mysql_store_result_cont(&res, c->mysql, ready);
		if (status != 0)
			goto wait;
		if (res == NULL && mysql_field_count(c->mysql) != 0) {
			dbconn_finish(c, c->result, true);
			return;
		}
		/* Every statement's result is kept, in order. */
		if (c->result == NULL)
			c->result = c->last = dbconn_make_result(c, res);
		else
			c->last = c->last->next = dbconn_make_result(c, res);
		if (!mysql_more_results(c->mysql)) {
			dbconn_finish(c, c->result, false);
			return;
		}
		dbconn_set_state(c, DBCONN_DRAINING);
		dbconn_step(c, 0);
		return;
	case DBCONN_DRAINING:
		if (ready == 0)
			status = mysql_next_result_start(&err, c->mysql);
		else
			status = mysql_next_result_cont(&err, c->mysql, ready);
		if (status != 0)
			goto wait;
		if (err > 0) {
			dbconn_finish(c, c->result, true);
			return;
		}
		if (err == -1) {
			dbconn_finish(c, c->result, false);
			return;
		}
		dbconn_set_state(c, DBCONN_STORING);
		dbconn_step(c, 0);
		return;
	default:
		fatalx("dbconn %s: step in state %s", c->name,
		    dbconn_state_names[c->state]);
	}
wait:
	if (c->timed_out) {
		/* The socket is shut down, so the library fails on its next
		 * turn; never wait on a dead socket. */
		if (++c->spins > 100)
			fatalx("dbconn %s: library keeps waiting on a closed socket",
			    c->name);
		dbconn_step(c, MYSQL_WAIT_READ | MYSQL_WAIT_WRITE |
		    MYSQL_WAIT_TIMEOUT);
		return;
	}
	dbconn_wait(c, status);
}

/* Create a connection object. */
struct dbconn *
dbconn_create(struct event_base *base, const struct dbconn_params *p,
    const char *name)
{
	struct dbconn	*c;

	c = xcalloc(1, sizeof *c);
	c->name = xstrdup(name);
	c->base = base;
	dbconn_params_copy(&c->params, p);
	c->key = xasprintf("%s:%d", p->host, p->port);
	c->ev = event_new(base, -1, 0, dbconn_event_cb, c);
	c->deadline = evtimer_new(base, dbconn_deadline_cb, c);
	c->later = event_new(base, -1, 0, dbconn_later_cb, c);
	if (c->ev == NULL || c->deadline == NULL || c->later == NULL)
		fatalx("dbconn_create: event_new failed");
	c->state = DBCONN_NEW;
	return c;
}

/* Close without waiting and free. A pending operation is ended on its dead
 * socket, without calling its callback. */
void
dbconn_free(struct dbconn *c)
{
	int	s;

	if (c == NULL)
		return;
	if (c->mysql != NULL) {
		if ((s = mysql_get_socket(c->mysql)) != -1)
			shutdown(s, SHUT_RDWR);
		if (dbconn_busy(c) && !c->deferred) {
			c->cb = NULL;
			c->timed_out = true;
			dbconn_step(c, MYSQL_WAIT_READ | MYSQL_WAIT_WRITE |
			    MYSQL_WAIT_TIMEOUT);
		}
		if (c->mysql != NULL)
			mysql_close(c->mysql);
	}
	event_free(c->ev);
	event_free(c->deadline);
	event_free(c->later);
	dbresult_free(c->deferred_res);
	dbresult_free(c->result);
	dbconn_params_release(&c->params);
	free(c->sql);
	free(c->key);
	free(c->name);
	free(c);
}

/* Start connecting. */
int
dbconn_connect(struct dbconn *c, dbconn_cb cb, void *arg)
{
	unsigned	 timeout;

	if (c->state != DBCONN_NEW && c->state != DBCONN_CLOSED)
		return -1;
	if ((c->mysql = mysql_init(NULL)) == NULL)
		fatalx("mysql_init: out of memory");
	mysql_options(c->mysql, MYSQL_OPT_NONBLOCK, 0);
	timeout = c->params.connect_timeout != 0 ? c->params.connect_timeout : 10;
	mysql_options(c->mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if (c->params.rw_timeout != 0) {
		mysql_options(c->mysql, MYSQL_OPT_READ_TIMEOUT, &c->params.rw_timeout);
		mysql_options(c->mysql, MYSQL_OPT_WRITE_TIMEOUT, &c->params.rw_timeout);
	}
	dbconn_set_options(c->mysql, &c->params);
	c->cb = cb;
	c->arg = arg;
	c->spins = 0;
	dbconn_set_state(c, DBCONN_CONNECTING);
	dbconn_arm_deadline(c, timeout + 1);
	c->starting = true;
	dbconn_step(c, 0);
	c->starting = false;
	return 0;
}

/* Start a query. */
int
dbconn_query(struct dbconn *c, const char *sql, dbconn_cb cb, void *arg)
{
	if (c->state != DBCONN_READY)
		return -1;
	log_debugf("%s: %s", c->name, sql);
	free(c->sql);
	c->sql = xstrdup(sql);
	c->cb = cb;
	c->arg = arg;
	c->spins = 0;
	c->result = c->last = NULL;
	dbconn_set_state(c, DBCONN_QUERYING);
	dbconn_arm_deadline(c, c->params.rw_timeout);
	c->starting = true;
	dbconn_step(c, 0);
	c->starting = false;
	return 0;
}

/* Format and start a query. */
int
dbconn_queryf(struct dbconn *c, dbconn_cb cb, void *arg, const char *fmt, ...)
{
	va_list	 ap;
	char	*sql;
	int	 rc;

	va_start(ap, fmt);
	sql = xvasprintf(fmt, ap);
	va_end(ap);
	rc = dbconn_query(c, sql, cb, arg);
	free(sql);
	return rc;
}

/* Is an operation in flight? */
bool
dbconn_busy(const struct dbconn *c)
{
	return c->state == DBCONN_CONNECTING || c->state == DBCONN_CHARSET ||
	    c->state == DBCONN_QUERYING ||
	    c->state == DBCONN_STORING || c->state == DBCONN_DRAINING;
}

/* Is the connection open and usable? */
bool
dbconn_connected(const struct dbconn *c)
{
	return c->state == DBCONN_READY || (dbconn_busy(c) &&
	    c->state != DBCONN_CONNECTING && c->state != DBCONN_CHARSET);
}

/* The name given at creation. */
const char *
dbconn_name(const struct dbconn *c)
{
	return c->name;
}

/* The loop it runs on. */
struct event_base *
dbconn_base(const struct dbconn *c)
{
	return c->base;
}

/* The parameters it connects with. */
const struct dbconn_params *
dbconn_params(const struct dbconn *c)
{
	return &c->params;
}

/* host:port. */
const char *
dbconn_key(const struct dbconn *c)
{
	return c->key;
}

/* The charset the connection settled on. */
const char *
dbconn_charset(const struct dbconn *c)
{
	return c->mysql != NULL && c->state != DBCONN_CONNECTING ?
	    mysql_character_set_name(c->mysql) : NULL;
}

/* The server thread id. */
unsigned long
dbconn_thread_id(const struct dbconn *c)
{
	return c->mysql != NULL ? mysql_thread_id(c->mysql) : 0;
}

/* Append bytes escaped for a quoted string on this connection. */
void
dbconn_add_escaped(struct dbconn *c, struct buf *b, const char *s, size_t n)
{
	unsigned long	len;

	if (c->mysql == NULL) {
		buf_add_literal(b, s, n);
		return;
	}
	buf_grow(b, n * 2 + 3);
	b->data[b->len++] = '\'';
	len = mysql_real_escape_string(c->mysql, b->data + b->len, s,
	    (unsigned long)n);
	b->len += len;
	b->data[b->len++] = '\'';
	b->data[b->len] = '\0';
}

/* Rows in the result. */
size_t
dbresult_nrows(const struct dbresult *r)
{
	return r != NULL ? r->nrows : 0;
}

/* Columns in the result. */
unsigned
dbresult_nfields(const struct dbresult *r)
{
	return r != NULL ? r->nfields : 0;
}

/* A column's name. */
const char *
dbresult_field_name(const struct dbresult *r, unsigned i)
{
	return r != NULL && i < r->nfields ? r->fields[i].name : NULL;
}

/* A column's index by name. */
int
dbresult_field_index(const struct dbresult *r, const char *name)
{
	unsigned	i;

	for (i = 0; r != NULL && i < r->nfields; i++) {
		if (strcasecmp(r->fields[i].name, name) == 0)
			return (int)i;
	}
	return -1;
}

/* A value. */
const char *
dbresult_value(const struct dbresult *r, size_t row, unsigned col)
{
	if (r == NULL || row >= r->nrows || col >= r->nfields)
		return NULL;
	return r->rows[row][col];
}

/* A value's length in bytes. */
unsigned long
dbresult_length(const struct dbresult *r, size_t row, unsigned col)
{
	if (r == NULL || row >= r->nrows || col >= r->nfields)
		return 0;
	return r->lengths[row * r->nfields + col];
}

/* A value by column name. */
const char *
dbresult_get(const struct dbresult *r, size_t row, const char *name)
{
	int	i = dbresult_field_index(r, name);

	return i < 0 ? NULL : dbresult_value(r, row, (unsigned)i);
}

/* Rows changed by the statement. */
/* The next statement's result of a multi-statement query. */
struct dbresult *
dbresult_next(const struct dbresult *r)
{
	return r != NULL ? r->next : NULL;
}

uint64_t
dbresult_affected_rows(const struct dbresult *r)
{
	return r != NULL ? r->affected : 0;
}

/* Warnings the statement raised. */
unsigned
dbresult_warnings(const struct dbresult *r)
{
	return r != NULL ? r->warnings : 0;
}

/* Errors after which the connection is unusable. */
bool
dberror_is_connection_lost(const struct dberror *e)
{
	switch (e->code) {
	case CR_SERVER_GONE_ERROR:	/* 2006 */
	case CR_SERVER_LOST:		/* 2013 */
	case CR_CONNECTION_ERROR:	/* 2002 */
	case CR_CONN_HOST_ERROR:	/* 2003 */
	case CR_SERVER_LOST_EXTENDED:	/* 2055 */
	case 1927:			/* ER_CONNECTION_KILLED (MariaDB) */
	case 1053:			/* ER_SERVER_SHUTDOWN */
	case 4031:			/* MySQL 8: disconnected by server */
		return true;
	default:
		return false;
	}
}
