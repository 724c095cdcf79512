/* dbconn.h: one MySQL/MariaDB connection driven by the event loop.
 *
 * Connector/C's non-blocking API (MYSQL_OPT_NONBLOCK, the _start and _cont calls) runs
 * each operation as a small state machine: the library says what it waits for
 * (read, write, timeout), we wait for it with one libevent event on the
 * connection's socket, and continue. One operation is in flight at a time; its
 * completion callback gets the whole stored result or an error, always from
 * the loop: never inside dbconn_connect or dbconn_query, even when the
 * operation ends there (an answer already on the socket). Nothing here
 * blocks the loop, except mysql_close on a connection whose socket we first
 * shut down (so it cannot wait).
 *
 * Every operation is bounded: connect by the connect timeout, queries by the
 * query timeout (0 = none), after which the connection is closed and the
 * callback gets error 2013 "timed out". */
#ifndef WISP_DBCONN_H
#define WISP_DBCONN_H

struct event_base;
struct dbconn;

/*
 * charset is gh-ost's --charset: a comma-separated list ("utf8mb4,utf8,
 * latin1"). The handshake asks for the first one Connector/C knows; once
 * connected, SET NAMES tries them in order and the first the server accepts
 * is the connection's (the next is tried after a server error), as gh-ost's
 * driver does. NULL: utf8mb4 by the handshake alone.
 *
 * ssl is gh-ost's --ssl: the connection must be TLS (no fallback to plain)
 * and the server's certificate chain and host name are verified against
 * ssl_ca (NULL: the system's CAs), unless ssl_allow_insecure, which
 * verifies nothing (and does not read ssl_ca). ssl_cert and ssl_key are a
 * client certificate, for REQUIRE X509 users.
 */
struct dbconn_params {
	char		*host;
	int		 port;
	char		*user;
	char		*password;
	char		*database;		/* may be NULL */
	char		*charset;		/* may be NULL: utf8mb4 */
	unsigned	 connect_timeout;	/* seconds */
	unsigned	 rw_timeout;		/* seconds, 0 = none */
	bool		 multi_statements;	/* allow "a; b; c" in one query */
	bool		 ssl;
	bool		 ssl_allow_insecure;
	char		*ssl_ca;		/* may be NULL */
	char		*ssl_cert;		/* may be NULL */
	char		*ssl_key;		/* may be NULL */
	char		*init_command;		/* run at every connect; NULL */
};

/* A stored result set. Values are NUL-terminated (NULL for SQL NULL). */
struct dbresult;

/* An error: the server's or the client library's number and message. */
struct dberror {
	unsigned	 code;
	char		 sqlstate[6];
	char		*message;
};

/* Called once per operation. On success err is NULL and res is the result
 * (NULL for statements without one); the callee may keep res only by calling
 * dbresult_take. On failure res is NULL and err says why. */
typedef void (*dbconn_cb)(struct dbconn *, struct dbresult *res,
    const struct dberror *err, void *arg);

void		 dbconn_params_copy(struct dbconn_params *, const struct dbconn_params *);
void		 dbconn_params_release(struct dbconn_params *);

/* The next name of a charset list from *pos (0 at first), without the
 * blanks around it, into name; advances *pos. False at the end of the
 * list. An empty entry is returned as "". */
bool		 dbconn_charset_next(const char *list, size_t *pos, char *name,
		    size_t size);
/* The options every connection of wisp's is made with, on a MYSQL handle
 * from mysql_init: TLS, the handshake charset, no LOAD DATA LOCAL. The one
 * place for them: dbconn_connect and the binlog reader both call it. (A
 * void * so that this header needs no mysql.h.) */
void		 dbconn_set_options(void *mysql, const struct dbconn_params *);

/* Create an unconnected connection; name is used in logs ("inspector"). */
struct dbconn	*dbconn_create(struct event_base *, const struct dbconn_params *,
		    const char *name);
/* Close (without waiting) and free; a pending callback is not called. */
void		 dbconn_free(struct dbconn *);
/* Start connecting; cb is called when done. 0, or -1 if busy. */
int		 dbconn_connect(struct dbconn *, dbconn_cb, void *);
/* Start a query and store its whole result; cb is called when done. With
 * multi_statements, res is the first statement's result and dbresult_next
 * walks the others in order; the first failing statement fails the whole
 * query (later ones do not run: a transaction it opened stays open until
 * the caller rolls it back). */
int		 dbconn_query(struct dbconn *, const char *, dbconn_cb, void *);
/* Format and start a query. */
int		 dbconn_queryf(struct dbconn *, dbconn_cb, void *, const char *, ...)
		    printflike(4, 5);
bool		 dbconn_busy(const struct dbconn *);
bool		 dbconn_connected(const struct dbconn *);
const char	*dbconn_name(const struct dbconn *);
struct event_base *dbconn_base(const struct dbconn *);
const struct dbconn_params *dbconn_params(const struct dbconn *);
/* host:port as configured. */
const char	*dbconn_key(const struct dbconn *);
/* The charset the connection settled on ("utf8mb4"), NULL if none. */
const char	*dbconn_charset(const struct dbconn *);
/* The server's thread id for this connection (for KILL), 0 if none. */
unsigned long	 dbconn_thread_id(const struct dbconn *);
/* Escape bytes for use inside '...' on this connection's charset. */
void		 dbconn_add_escaped(struct dbconn *, struct buf *, const char *, size_t);

size_t		 dbresult_nrows(const struct dbresult *);
unsigned	 dbresult_nfields(const struct dbresult *);
const char	*dbresult_field_name(const struct dbresult *, unsigned);
/* Column index by name, case-insensitive; -1 if absent. */
int		 dbresult_field_index(const struct dbresult *, const char *);
/* A value; NULL for SQL NULL or a bad row/column. */
const char	*dbresult_value(const struct dbresult *, size_t row, unsigned col);
unsigned long	 dbresult_length(const struct dbresult *, size_t row, unsigned col);
/* A value by column name. */
const char	*dbresult_get(const struct dbresult *, size_t row, const char *);
/* The result of the statement after this one (multi-statement queries),
 * or NULL; it belongs to the same chain and is freed with the first. */
struct dbresult	*dbresult_next(const struct dbresult *);
uint64_t	 dbresult_affected_rows(const struct dbresult *);
unsigned	 dbresult_warnings(const struct dbresult *);
/* Keep the result beyond the callback; free it with dbresult_free. */
struct dbresult	*dbresult_take(struct dbresult *);
void		 dbresult_free(struct dbresult *);

/* Does the error mean the connection itself is gone (2006, 2013, ...)? */
bool		 dberror_is_connection_lost(const struct dberror *);

#endif
