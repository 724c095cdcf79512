/* binlog.h: read the binlog of one server as a replica, on a thread of its
 * own, and deliver decoded row changes into the event loop in commit order.
 *
 *   r = binlog_create(base, &params, server_id, 0, on_item, arg);
 *   binlog_watch(r, "db", "t", schema, ncols);         before or after start
 *   binlog_start(r, &coords, &cause);                   file:pos or gtid
 *   ...on_item(item, arg) is called on the loop for each item, in order:
 *        ROWS    a watched table's row changes (decoded, see rowimage.h)
 *        COMMIT  the end of a transaction (see below)
 *        ERROR   the stream cannot continue; no item follows
 *   binlog_free(r);
 *
 * Why a thread (DESIGN.md, doc/binlog.md): mariadb_rpl_fetch blocks and has
 * no non-blocking form. The thread connects, registers with
 * COM_BINLOG_DUMP, fetches events, decodes TABLE_MAP and ROWS with rowimage
 * and pushes items into a bounded queue; an eventfd wakes the loop, which
 * drains a bounded number of items per turn. The thread decides nothing:
 * it reconnects on a lost connection and reports what it cannot recover
 * from as one ERROR item.
 *
 * Positions. Every ROWS and COMMIT item carries the coordinates right
 * after its event and the GTID of its transaction when known. A COMMIT
 * item follows every transaction that had watched rows; for the others the
 * reader sends one at most every second, so the position keeps moving.
 * After a lost connection the reader resumes at the end of the last whole
 * transaction it has read, so the rows of a transaction cut in two are
 * delivered again from its start: the consumer must apply rows
 * idempotently (gh-ost's REPLACE/DELETE are) and sees them in order. */
#ifndef WISP_BINLOG_H
#define WISP_BINLOG_H

#include "coords.h"
#include "rowimage.h"

struct event_base;
struct dbconn_params;
struct binlog_reader;

enum binlog_item_kind {
	BINLOG_ITEM_ROWS,
	BINLOG_ITEM_COMMIT,
	BINLOG_ITEM_ERROR,
};

struct binlog_item {
	enum binlog_item_kind	 kind;
	char			*db;		/* ROWS: the table (copies) */
	char			*table;
	struct rowimage_rows	 rows;		/* ROWS: decoded, owned */
	struct binlog_coords	 coords;	/* after this event: where a
						   reconnect resumes; COMMIT:
						   the end of the transaction;
						   ERROR: where to resume;
						   gtid of the transaction
						   when known */
	char			*cause;		/* ERROR: why */
	uint64_t		 event_time;	/* header timestamp (unix s) */

	/* Private to binlog.c. */
	struct binlog_item	*next;
	size_t			 bytes;		/* estimated size, queue budget */
};

/* Called on the loop thread; the callee owns the item and frees it with
 * binlog_item_free. It may call binlog_pause and binlog_free. */
typedef void (*binlog_item_cb)(struct binlog_item *, void *);

/* A reader that connects with params (copied) as replica server_id (unique
 * among the server's replicas: a server_id reused while the old dump
 * thread lingers delays the first event by 5-12 s). After a lost connection
 * it reconnects up to max_reconnect_attempts times in a row (0: without
 * limit). Nothing happens before binlog_start. */
struct binlog_reader *binlog_create(struct event_base *,
	    const struct dbconn_params *, unsigned, int64_t, binlog_item_cb,
	    void *);
/* Deliver ROWS of db.table (compared without case, as gh-ost does).
 * schema[i] gives column i's facts that the binlog lacks (is_unsigned,
 * is_binary, charset, pad_length, schema_fsp; the TABLE_MAP fields are
 * ignored); ncols 0 means none known. A TABLE_MAP whose column count
 * differs from a non-zero ncols stops the stream with an ERROR. Watching a
 * table again replaces its schema. Thread-safe; takes effect from the next
 * TABLE_MAP event. */
void	 binlog_watch(struct binlog_reader *, const char *, const char *,
	    const struct rowimage_column *, unsigned);
/* Start reading at start: its gtid (a MariaDB GTID position such as
 * "0-1-100,1-2-5", sent as @slave_connect_state) when not NULL, else
 * file:pos. Returns 0, or -1 with *cause if the reader cannot start (bad
 * coordinates, already started). Connection failures come later, as an
 * ERROR item. */
int	 binlog_start(struct binlog_reader *, const struct binlog_coords *,
	    char **);
/* Stop or resume delivering items. While paused the queue fills and the
 * thread then stops reading (back-pressure: memory stays bounded; a server
 * that cannot write for net_write_timeout drops the connection, and the
 * reader reconnects when it can push again). */
void	 binlog_pause(struct binlog_reader *, bool);
/* Items waiting in the queue. */
size_t	 binlog_backlog(const struct binlog_reader *);
/* The coordinates of the last item delivered (the start before any). */
const struct binlog_coords *binlog_position(const struct binlog_reader *);
/* Stop the thread (a blocked fetch ends by shutdown() of its socket), wait
 * for it, free queued items and the reader. No callback follows. May be
 * called from the item callback. */
void	 binlog_free(struct binlog_reader *);
void	 binlog_item_free(struct binlog_item *);

/*
 * The parts below are used by the reader and exposed for tests; they do no
 * I/O.
 */

/* The event stream decoder: watch list, table maps, position and
 * transaction tracking. One thread feeds it; binlog_decoder_watch may be
 * called from any thread. */
struct binlog_decoder;

/* start is where the stream begins; checksum says whether the events that
 * come before the first FORMAT_DESCRIPTION carry a CRC32 (it is what the
 * server's @@global.binlog_checksum says). */
struct binlog_decoder *binlog_decoder_create(const struct binlog_coords *,
	    bool);
void	 binlog_decoder_free(struct binlog_decoder *);
void	 binlog_decoder_watch(struct binlog_decoder *, const char *,
	    const char *, const struct rowimage_column *, unsigned);
/* Feed one event as the server sent it: the 19-byte header, the body and
 * the CRC32 when checksums are on. now_ms (a monotonic clock) paces the
 * COMMIT items of transactions without watched rows. Returns 0 and sets
 * *item to an item or NULL; or -1 and *cause if the stream cannot go on
 * (corrupt event, undecodable rows). */
int	 binlog_decoder_feed(struct binlog_decoder *, const uint8_t *, size_t,
	    uint64_t, struct binlog_item **, char **);
/* Where a new connection resumes: after the last whole transaction. */
const struct binlog_coords *binlog_decoder_resume(const struct binlog_decoder *);
/* The position after the last event fed. */
const struct binlog_coords *binlog_decoder_position(const struct binlog_decoder *);
/* Between transactions (after the last event fed): the resume point is
 * the position. */
bool	 binlog_decoder_between(const struct binlog_decoder *);
/* Forget the connection's state (table maps, a transaction in progress)
 * before feeding a new connection that starts at binlog_decoder_resume. */
void	 binlog_decoder_reset(struct binlog_decoder *, bool);

/* A bounded FIFO of items between one producer thread and the loop. */
struct binlog_queue;

/* At most max_items items or max_bytes of estimated item size, except
 * that an item always fits into an empty queue. */
struct binlog_queue *binlog_queue_create(size_t, size_t);
/* Free the queue and the items left in it. */
void	 binlog_queue_free(struct binlog_queue *);
/* Append, waiting while the queue is full (unless force). Returns 1 if the
 * queue was empty before (the consumer needs a wakeup), 0 if not, -1 if
 * the queue is closed (the item is not taken). */
int	 binlog_queue_push(struct binlog_queue *, struct binlog_item *, bool);
/* The same, but wait at most ms milliseconds for room (0: no limit):
 * -2 when that time passed first (the item is not taken). */
int	 binlog_queue_push_wait(struct binlog_queue *, struct binlog_item *,
	    bool, unsigned);
/* Wait until the queue is at most half full in items and in bytes; false
 * if it was closed. */
bool	 binlog_queue_wait_half(struct binlog_queue *);
/* Take the first item, or NULL if empty; never waits. */
struct binlog_item *binlog_queue_pop(struct binlog_queue *);
/* Make pushes fail from now on and wake a waiting one. */
void	 binlog_queue_close(struct binlog_queue *);
size_t	 binlog_queue_length(const struct binlog_queue *);
/* The estimated size of an item, as the queue counts it. */
size_t	 binlog_item_size(const struct binlog_item *);

#endif
