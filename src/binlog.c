/* binlog.c: the binlog reader thread, its decoder and its queue (see
 * binlog.h and doc/binlog.md). The only file that uses mariadb_rpl_*.
 *
 * Three parts, bottom up:
 *
 *   queue    a bounded FIFO of items, mutex + condition variable; the
 *            thread waits on it when full (back-pressure).
 *   decoder  pure: turns the bytes of one event into at most one item and
 *            tracks the position, the transaction and its GTID, the
 *            TABLE_MAPs of watched tables. It never sees a libmariadb
 *            structure, so it is tested with hand-made events.
 *   reader   the thread (connect, register, fetch, feed, push, reconnect)
 *            and the loop side (eventfd wakeup, bounded drain, pause,
 *            stop).
 *
 * From libmariadb we use the event's raw bytes only: raw_data,
 * raw_data_size and raw_data_ofs of MARIADB_RPL_EVENT (the packet as read,
 * and where the event header starts after the OK byte). Connector/C parses
 * every event too, and its structs changed between 3.3.19 and 3.3.20;
 * parsing the 19-byte header and the few bodies we need ourselves keeps us
 * independent of them. */
#include "common.h"

#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <mysql.h>
#include <mariadb_rpl.h>
#include <zlib.h>

#include "dbconn.h"
#include "binlog.h"

/* Event type bytes (MySQL's and MariaDB's log_event.h). */
#define EV_QUERY		2
#define EV_STOP			3
#define EV_ROTATE		4
#define EV_INTVAR		5
#define EV_RAND			13
#define EV_USER_VAR		14
#define EV_FORMAT_DESCRIPTION	15
#define EV_XID			16
#define EV_TABLE_MAP		19
#define EV_WRITE_ROWS_V1	23
#define EV_UPDATE_ROWS_V1	24
#define EV_DELETE_ROWS_V1	25
#define EV_HEARTBEAT		27
#define EV_WRITE_ROWS_V2	30
#define EV_UPDATE_ROWS_V2	31
#define EV_DELETE_ROWS_V2	32
#define EV_MYSQL_GTID		33
#define EV_MYSQL_ANON_GTID	34
#define EV_XA_PREPARE		38
#define EV_ANNOTATE_ROWS	160
#define EV_MARIADB_GTID		162
#define EV_QUERY_COMPRESSED	165
#define EV_WRITE_ROWS_COMPRESSED_V1	166
#define EV_DELETE_ROWS_COMPRESSED_V1	168
#define EV_WRITE_ROWS_COMPRESSED_V2	169
#define EV_DELETE_ROWS_COMPRESSED_V2	171

#define EV_HEADER_LEN		19
#define EV_FLAG_STMT_END	0x0001	/* rows event flags */
#define GTID_FL_STANDALONE	0x01	/* MariaDB GTID event flags */

/* Pacing of COMMIT items for transactions without watched rows. */
#define COMMIT_EVERY_MS		1000

/* Queue bounds and the loop's work per turn. */
#define QUEUE_MAX_ITEMS		1000
#define QUEUE_MAX_BYTES		(4u << 20)
#define DRAIN_PER_TURN		256

/* The binlog connection: heartbeat every second, a read timeout of three,
 * so a dead server is noticed in about three seconds. */
#define HEARTBEAT_NS		"1000000000"
#define READ_TIMEOUT_S		3u
/* Started at a GTID position, the server first reads its binlog up to it,
 * without heartbeats: give it time. */
#define GTID_READ_TIMEOUT_S	60u
#define DEFAULT_TIMEOUT_S	10u
#define MAX_PACKET		(1ul << 30)
#define BACKOFF_FIRST_MS	100
#define BACKOFF_MAX_MS		2000
#define HEALTHY_SESSION_MS	10000
/* How long the thread waits for room in a full queue (the loop paused:
 * throttled, or applying slower than the stream) before it closes the
 * connection, to reopen it at the last whole transaction once the queue is
 * half empty. A connection left unread fills the socket buffers, and the
 * kernel may then drop a segment the server sent; the server's resend
 * timer doubles at each try while nothing is read, so after a long pause
 * the stream can stand still about as long again (12 s after a 20 s
 * throttle here; doc/binlog.md). */
#define HOLD_MS			1000u

/* Set *cause to a formatted message if cause is not NULL. */
static void printflike(2, 3)
set_cause(char **cause, const char *fmt, ...)
{
	va_list	ap;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	*cause = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Read an n-byte little-endian integer. */
static uint64_t
get_le(const uint8_t *p, size_t n)
{
	uint64_t	v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

/* Read a length-encoded integer at p[*off]; 0 or -1 if truncated. */
static int
get_packed(const uint8_t *p, size_t len, size_t *off, uint64_t *v)
{
	size_t	n;

	if (*off >= len)
		return -1;
	switch (p[*off]) {
	case 252:
		n = 2;
		break;
	case 253:
		n = 3;
		break;
	case 254:
		n = 8;
		break;
	case 251:
	case 255:
		return -1;
	default:
		*v = p[(*off)++];
		return 0;
	}
	if (len - *off - 1 < n)
		return -1;
	*v = get_le(p + *off + 1, n);
	*off += 1 + n;
	return 0;
}

/*
 * Items.
 */

void
binlog_item_free(struct binlog_item *item)
{
	if (item == NULL)
		return;
	free(item->db);
	free(item->table);
	rowimage_rows_release(&item->rows);
	coords_release(&item->coords);
	free(item->cause);
	free(item);
}

/* A new item of a kind at coords (copied) with gtid (copied if not NULL). */
static struct binlog_item *
item_new(enum binlog_item_kind kind, const struct binlog_coords *at,
    const char *gtid, uint64_t event_time)
{
	struct binlog_item	*item = xcalloc(1, sizeof *item);

	item->kind = kind;
	coords_init(&item->coords);
	if (at != NULL) {
		coords_set(&item->coords, at->file, at->pos);
		coords_set_gtid(&item->coords, gtid);
	}
	item->event_time = event_time;
	return item;
}

/* The memory rows hold. */
static size_t
rows_size(const struct rowimage_row *rows, size_t n)
{
	size_t	i, sz = 0;

	if (rows == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		sz += sizeof rows[i] + rows[i].storage_len +
		    rows[i].ncols * sizeof *rows[i].values;
	}
	return sz;
}

size_t
binlog_item_size(const struct binlog_item *item)
{
	size_t	sz = sizeof *item;

	if (item->db != NULL)
		sz += strlen(item->db) + 1;
	if (item->table != NULL)
		sz += strlen(item->table) + 1;
	if (item->cause != NULL)
		sz += strlen(item->cause) + 1;
	sz += rows_size(item->rows.before, item->rows.nrows);
	sz += rows_size(item->rows.after, item->rows.nrows);
	return sz;
}

/*
 * The queue.
 */

struct binlog_queue {
	pthread_mutex_t		 lock;
	pthread_cond_t		 not_full;
	struct binlog_item	*head;
	struct binlog_item	*tail;
	atomic_size_t		 n;		/* written under lock */
	size_t			 bytes;
	size_t			 max_items;
	size_t			 max_bytes;
	bool			 closed;
};

struct binlog_queue *
binlog_queue_create(size_t max_items, size_t max_bytes)
{
	struct binlog_queue	*q = xcalloc(1, sizeof *q);
	pthread_condattr_t	 ca;

	if (pthread_mutex_init(&q->lock, NULL) != 0 ||
	    pthread_condattr_init(&ca) != 0 ||
	    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) != 0 ||
	    pthread_cond_init(&q->not_full, &ca) != 0)
		fatalx("%s: cannot create a mutex", __func__);
	pthread_condattr_destroy(&ca);
	atomic_init(&q->n, 0);
	q->max_items = max_items > 0 ? max_items : 1;
	q->max_bytes = max_bytes;
	return q;
}

void
binlog_queue_free(struct binlog_queue *q)
{
	struct binlog_item	*item;

	if (q == NULL)
		return;
	while ((item = q->head) != NULL) {
		q->head = item->next;
		binlog_item_free(item);
	}
	pthread_cond_destroy(&q->not_full);
	pthread_mutex_destroy(&q->lock);
	free(q);
}

/* Is there no room for an item of this size? */
static bool
queue_full(const struct binlog_queue *q, size_t bytes)
{
	size_t	n = atomic_load(&q->n);

	if (n == 0)
		return false;
	return n >= q->max_items || q->bytes + bytes > q->max_bytes;
}

/* The monotonic time ms from now, for pthread_cond_timedwait. */
static struct timespec
deadline_after(unsigned ms)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	return ts;
}

/* Wait on not_full until woken or, if ms > 0, until deadline; false once
 * the deadline has passed. Called with the lock held. */
static bool
queue_wait(struct binlog_queue *q, unsigned ms, const struct timespec *deadline)
{
	if (ms == 0) {
		pthread_cond_wait(&q->not_full, &q->lock);
		return true;
	}
	return pthread_cond_timedwait(&q->not_full, &q->lock, deadline) !=
	    ETIMEDOUT;
}

int
binlog_queue_push(struct binlog_queue *q, struct binlog_item *item, bool force)
{
	return binlog_queue_push_wait(q, item, force, 0);
}

int
binlog_queue_push_wait(struct binlog_queue *q, struct binlog_item *item,
    bool force, unsigned ms)
{
	struct timespec	deadline = deadline_after(ms);
	int		was_empty;

	item->next = NULL;
	item->bytes = binlog_item_size(item);
	pthread_mutex_lock(&q->lock);
	while (!q->closed && !force && queue_full(q, item->bytes)) {
		if (!queue_wait(q, ms, &deadline) && !q->closed &&
		    queue_full(q, item->bytes)) {
			pthread_mutex_unlock(&q->lock);
			return -2;
		}
	}
	if (q->closed) {
		pthread_mutex_unlock(&q->lock);
		return -1;
	}
	was_empty = q->head == NULL;
	if (q->tail != NULL)
		q->tail->next = item;
	else
		q->head = item;
	q->tail = item;
	q->bytes += item->bytes;
	atomic_fetch_add(&q->n, 1);
	pthread_mutex_unlock(&q->lock);
	return was_empty;
}

struct binlog_item *
binlog_queue_pop(struct binlog_queue *q)
{
	struct binlog_item	*item;

	pthread_mutex_lock(&q->lock);
	if ((item = q->head) != NULL) {
		q->head = item->next;
		if (q->head == NULL)
			q->tail = NULL;
		q->bytes -= item->bytes;
		atomic_fetch_sub(&q->n, 1);
		item->next = NULL;
		pthread_cond_signal(&q->not_full);
	}
	pthread_mutex_unlock(&q->lock);
	return item;
}

bool
binlog_queue_wait_half(struct binlog_queue *q)
{
	bool	open;

	pthread_mutex_lock(&q->lock);
	while (!q->closed && (atomic_load(&q->n) > q->max_items / 2 ||
	    q->bytes > q->max_bytes / 2))
		pthread_cond_wait(&q->not_full, &q->lock);
	open = !q->closed;
	pthread_mutex_unlock(&q->lock);
	return open;
}

void
binlog_queue_close(struct binlog_queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->closed = true;
	pthread_cond_broadcast(&q->not_full);
	pthread_mutex_unlock(&q->lock);
}

size_t
binlog_queue_length(const struct binlog_queue *q)
{
	return atomic_load(&q->n);
}

/*
 * The decoder.
 */

/* A watched table and its schema facts. */
struct watch {
	char			*db;
	char			*table;
	struct rowimage_column	*schema;
	unsigned		 ncols;
};

/* The TABLE_MAP of a watched table, by table id, until the statement
 * ends. */
struct table_map {
	uint64_t		 id;
	struct rowimage_table	 t;
};

struct binlog_decoder {
	pthread_mutex_t		 watch_lock;	/* protects watches */
	struct watch		*watches;
	size_t			 nwatches;

	bool			 checksum;	/* events end with a CRC32 */
	struct table_map	*maps;
	size_t			 nmaps;

	struct binlog_coords	 pos;		/* after the last event */
	struct binlog_coords	 resume;	/* after the last whole trx */

	/* The transaction (event group) being read. */
	bool			 in_trx;
	bool			 explicit_trx;	/* ends only at XID or COMMIT */
	bool			 trx_rows;	/* delivered watched rows */
	char			*trx_gtid;

	struct coords_gtid	 trx_g;		/* MariaDB GTID of the trx */
	bool			 trx_has_g;
	char			*last_gtid;	/* of the last whole trx */

	/* Started at a MariaDB GTID position: reconnect by GTID too, since
	 * the server skips the groups before it in the first file and a
	 * file:pos resume would send them. */
	bool			 by_gtid;
	struct coords_gtid_pos	 state;		/* start + whole trx GTIDs */

	bool			 commit_sent;
	uint64_t		 commit_ms;	/* when the last COMMIT went */
};

static int	decoder_set_start(struct binlog_decoder *,
		    const struct binlog_coords *, char **);

struct binlog_decoder *
binlog_decoder_create(const struct binlog_coords *start, bool checksum)
{
	struct binlog_decoder	*d = xcalloc(1, sizeof *d);

	if (pthread_mutex_init(&d->watch_lock, NULL) != 0)
		fatalx("%s: cannot create a mutex", __func__);
	coords_init(&d->pos);
	coords_init(&d->resume);
	if (start != NULL)
		decoder_set_start(d, start, NULL);
	d->checksum = checksum;
	return d;
}

/* Forget the TABLE_MAPs. */
static void
decoder_clear_maps(struct binlog_decoder *d)
{
	size_t	i;

	for (i = 0; i < d->nmaps; i++)
		rowimage_table_release(&d->maps[i].t);
	free(d->maps);
	d->maps = NULL;
	d->nmaps = 0;
}

void
binlog_decoder_free(struct binlog_decoder *d)
{
	size_t	i;

	if (d == NULL)
		return;
	decoder_clear_maps(d);
	for (i = 0; i < d->nwatches; i++) {
		free(d->watches[i].db);
		free(d->watches[i].table);
		free(d->watches[i].schema);
	}
	free(d->watches);
	coords_release(&d->pos);
	coords_release(&d->resume);
	free(d->trx_gtid);
	free(d->last_gtid);
	coords_gtid_pos_release(&d->state);
	pthread_mutex_destroy(&d->watch_lock);
	free(d);
}

/* The watch of db.table (n-byte names), or NULL; watch_lock held. */
static struct watch *
decoder_find_watch(struct binlog_decoder *d, const char *db, size_t dblen,
    const char *table, size_t tlen)
{
	struct watch	*w;
	size_t		 i;

	for (i = 0; i < d->nwatches; i++) {
		w = &d->watches[i];
		if (strlen(w->db) == dblen && strlen(w->table) == tlen &&
		    strncasecmp(w->db, db, dblen) == 0 &&
		    strncasecmp(w->table, table, tlen) == 0)
			return w;
	}
	return NULL;
}

void
binlog_decoder_watch(struct binlog_decoder *d, const char *db,
    const char *table, const struct rowimage_column *schema, unsigned ncols)
{
	struct watch	*w;

	pthread_mutex_lock(&d->watch_lock);
	w = decoder_find_watch(d, db, strlen(db), table, strlen(table));
	if (w == NULL) {
		d->watches = xreallocarray(d->watches, d->nwatches + 1,
		    sizeof *d->watches);
		w = &d->watches[d->nwatches++];
		w->db = xstrdup(db);
		w->table = xstrdup(table);
	} else
		free(w->schema);
	w->ncols = schema != NULL ? ncols : 0;
	w->schema = NULL;
	if (w->ncols > 0) {
		w->schema = xreallocarray(NULL, w->ncols, sizeof *w->schema);
		memcpy(w->schema, schema, w->ncols * sizeof *w->schema);
	}
	pthread_mutex_unlock(&d->watch_lock);
}

const struct binlog_coords *
binlog_decoder_resume(const struct binlog_decoder *d)
{
	return &d->resume;
}

const struct binlog_coords *
binlog_decoder_position(const struct binlog_decoder *d)
{
	return &d->pos;
}

/* Leave the transaction: the next event starts a new one. */
static void
decoder_end_group(struct binlog_decoder *d)
{
	d->in_trx = false;
	d->explicit_trx = false;
	d->trx_rows = false;
	d->trx_has_g = false;
	free(d->trx_gtid);
	d->trx_gtid = NULL;
	decoder_clear_maps(d);
}

bool
binlog_decoder_between(const struct binlog_decoder *d)
{
	return !d->in_trx;
}

void
binlog_decoder_reset(struct binlog_decoder *d, bool checksum)
{
	decoder_end_group(d);
	coords_copy(&d->pos, &d->resume);
	d->checksum = checksum;
}

/* Set the start (binlog_start): file:pos, or a MariaDB GTID position
 * when start has a gtid and no file. -1 on a bad GTID position. */
static int
decoder_set_start(struct binlog_decoder *d, const struct binlog_coords *start,
    char **cause)
{
	coords_gtid_pos_release(&d->state);
	d->by_gtid = start->file == NULL && start->gtid != NULL;
	if (d->by_gtid &&
	    coords_gtid_pos_parse(&d->state, start->gtid, cause) != 0)
		return -1;
	coords_copy(&d->pos, start);
	coords_copy(&d->resume, start);
	return 0;
}

/* A transaction ended at this event: the COMMIT item to deliver, or NULL
 * if this one may be skipped (no watched rows, and one was sent less than
 * COMMIT_EVERY_MS ago). */
static struct binlog_item *
decoder_commit(struct binlog_decoder *d, uint64_t now_ms, uint64_t ts)
{
	struct binlog_item	*item = NULL;

	if (d->trx_has_g && d->by_gtid)
		coords_gtid_pos_update(&d->state, &d->trx_g);
	if (d->trx_gtid != NULL) {
		free(d->last_gtid);
		d->last_gtid = xstrdup(d->trx_gtid);
	}
	if (d->trx_rows || !d->commit_sent ||
	    now_ms - d->commit_ms >= COMMIT_EVERY_MS) {
		item = item_new(BINLOG_ITEM_COMMIT, &d->pos, d->trx_gtid, ts);
		d->commit_sent = true;
		d->commit_ms = now_ms;
	}
	decoder_end_group(d);
	return item;
}

/* Does a statement of n bytes equal word, ignoring case? */
static bool
stmt_is(const uint8_t *s, size_t n, const char *word)
{
	return n == strlen(word) && strncasecmp((const char *)s, word, n) == 0;
}

/* A QUERY event: BEGIN opens a transaction, COMMIT and ROLLBACK end it,
 * another statement outside BEGIN (DDL) is a transaction of its own. */
static int
decoder_query(struct binlog_decoder *d, uint8_t type, const uint8_t *b,
    size_t len, uint64_t now_ms, uint64_t ts, struct binlog_item **itemp)
{
	size_t		 dblen, stlen, off;
	const uint8_t	*stmt = NULL;

	/* thread_id(4) exec_time(4) db_len(1) error(2) status_len(2),
	 * status, db\0, statement. */
	if (len < 13)
		return -1;
	dblen = b[8];
	stlen = (size_t)get_le(b + 11, 2);
	off = 13;
	if (len - off < stlen || len - off - stlen < dblen + 1)
		return -1;
	off += stlen + dblen + 1;
	/* A compressed statement is long: never BEGIN or COMMIT. */
	if (type == EV_QUERY)
		stmt = b + off;
	if (stmt != NULL && stmt_is(stmt, len - off, "BEGIN"))
		d->in_trx = d->explicit_trx = true;
	else if (stmt != NULL && (stmt_is(stmt, len - off, "COMMIT") ||
	    stmt_is(stmt, len - off, "ROLLBACK")))
		*itemp = decoder_commit(d, now_ms, ts);
	else if (!d->explicit_trx)
		*itemp = decoder_commit(d, now_ms, ts);
	return 0;
}

/* A MariaDB GTID event opens a transaction: "domain-server-seq". */
static int
decoder_mariadb_gtid(struct binlog_decoder *d, uint32_t server,
    const uint8_t *b, size_t len)
{
	struct coords_gtid	g;
	char			text[64];

	if (len < 13)
		return -1;
	g.seq = get_le(b, 8);
	g.domain = (uint32_t)get_le(b + 8, 4);
	g.server = server;
	decoder_end_group(d);
	d->in_trx = true;
	d->explicit_trx = (b[12] & GTID_FL_STANDALONE) == 0;
	d->trx_g = g;
	d->trx_has_g = true;
	d->trx_gtid = xstrdup(coords_gtid_format(&g, text, sizeof text));
	return 0;
}

/* A MySQL GTID event opens a transaction: "uuid:gno". */
static int
decoder_mysql_gtid(struct binlog_decoder *d, uint8_t type, const uint8_t *b,
    size_t len)
{
	char	uuid[40];

	if (len < 25)
		return -1;
	decoder_end_group(d);
	d->in_trx = true;
	if (type == EV_MYSQL_GTID) {
		coords_uuid_format(b + 1, uuid, sizeof uuid);
		d->trx_gtid = xasprintf("%s:%" PRIu64, uuid, get_le(b + 17, 8));
	}
	return 0;
}

/* A ROTATE event names the next file and the position in it. */
static int
decoder_rotate(struct binlog_decoder *d, const uint8_t *b, size_t len)
{
	char	*name;

	if (len <= 8 || memchr(b + 8, '\0', len - 8) != NULL)
		return -1;
	name = xstrndup((const char *)b + 8, len - 8);
	coords_set(&d->pos, name, get_le(b, 8));
	free(name);
	return 0;
}

/* Find the TABLE_MAP of a table id. */
static struct table_map *
decoder_find_map(struct binlog_decoder *d, uint64_t id)
{
	size_t	i;

	for (i = 0; i < d->nmaps; i++) {
		if (d->maps[i].id == id)
			return &d->maps[i];
	}
	return NULL;
}

/* Copy the schema facts of a watch into a table's columns. */
static void
apply_schema(struct rowimage_table *t, const struct watch *w)
{
	struct rowimage_column	*c;
	unsigned		 i;

	for (i = 0; i < w->ncols && i < t->ncols; i++) {
		c = &t->cols[i];
		c->is_unsigned = w->schema[i].is_unsigned;
		c->is_binary = w->schema[i].is_binary;
		memcpy(c->charset, w->schema[i].charset, sizeof c->charset);
		c->charset[sizeof c->charset - 1] = '\0';
		c->pad_length = w->schema[i].pad_length;
		c->schema_fsp = w->schema[i].schema_fsp;
	}
}

/* A TABLE_MAP event: keep it if its table is watched. */
static int
decoder_table_map(struct binlog_decoder *d, const uint8_t *b, size_t len,
    char **cause)
{
	struct rowimage_table	 t;
	struct table_map	*m;
	struct watch		*w;
	size_t			 dblen, tlen;
	char			*why = NULL;
	unsigned		 ncols;

	d->in_trx = true;
	/* Cheap name check first: table_id(6) flags(2) len db\0 len table\0,
	 * at least 12 bytes. */
	if (len < 12 || (dblen = b[8]) > len - 12 ||
	    (tlen = b[10 + dblen]) > len - 12 - dblen) {
		set_cause(cause, "bad TABLE_MAP event at %s:%" PRIu64,
		    d->pos.file != NULL ? d->pos.file : "", d->pos.pos);
		return -1;
	}
	pthread_mutex_lock(&d->watch_lock);
	w = decoder_find_watch(d, (const char *)b + 9, dblen,
	    (const char *)b + 11 + dblen, tlen);
	pthread_mutex_unlock(&d->watch_lock);
	if (w == NULL)
		return 0;

	if (rowimage_table_parse(&t, b, len, &why) != 0) {
		set_cause(cause, "TABLE_MAP at %s:%" PRIu64 ": %s",
		    d->pos.file != NULL ? d->pos.file : "", d->pos.pos, why);
		free(why);
		return -1;
	}
	pthread_mutex_lock(&d->watch_lock);
	/* Look again: a concurrent binlog_watch may have moved the array. */
	w = decoder_find_watch(d, t.db, strlen(t.db), t.name, strlen(t.name));
	ncols = w != NULL ? w->ncols : 0;
	if (w != NULL && w->ncols != 0 && w->ncols != t.ncols) {
		pthread_mutex_unlock(&d->watch_lock);
		set_cause(cause, "table %s.%s has %u columns in the binlog "
		    "but %u in its schema (was it altered?)", t.db, t.name,
		    t.ncols, ncols);
		rowimage_table_release(&t);
		return -1;
	}
	if (w != NULL)
		apply_schema(&t, w);
	pthread_mutex_unlock(&d->watch_lock);

	if ((m = decoder_find_map(d, t.table_id)) != NULL)
		rowimage_table_release(&m->t);
	else {
		d->maps = xreallocarray(d->maps, d->nmaps + 1, sizeof *d->maps);
		m = &d->maps[d->nmaps++];
	}
	m->id = t.table_id;
	m->t = t;
	return 0;
}

/* Is this a rows event, and which plain type does it decode as? */
static bool
rows_type(uint8_t type, uint8_t *plain, bool *compressed)
{
	*compressed = false;
	if ((type >= EV_WRITE_ROWS_V1 && type <= EV_DELETE_ROWS_V1) ||
	    (type >= EV_WRITE_ROWS_V2 && type <= EV_DELETE_ROWS_V2)) {
		*plain = type;
		return true;
	}
	if (type >= EV_WRITE_ROWS_COMPRESSED_V1 &&
	    type <= EV_DELETE_ROWS_COMPRESSED_V1) {
		*plain = (uint8_t)(type - EV_WRITE_ROWS_COMPRESSED_V1 +
		    EV_WRITE_ROWS_V1);
		*compressed = true;
		return true;
	}
	if (type >= EV_WRITE_ROWS_COMPRESSED_V2 &&
	    type <= EV_DELETE_ROWS_COMPRESSED_V2) {
		*plain = (uint8_t)(type - EV_WRITE_ROWS_COMPRESSED_V2 +
		    EV_WRITE_ROWS_V2);
		*compressed = true;
		return true;
	}
	return false;
}

/* Inflate a compressed rows event body (MariaDB log_bin_compress) into a
 * plain one of the same layout: the header, column count and bitmaps stay
 * as they are; the row images that follow are one block of a header byte
 * 0x80|n, the inflated length in n big-endian bytes, and zlib data. */
static int
inflate_rows(uint8_t plain, const uint8_t *b, size_t len, uint8_t **out,
    size_t *outlen, char **cause)
{
	size_t		 off = 8, nb, lenlen, i, extra;
	uint64_t	 ncols, ulen = 0;
	uLongf		 dl;
	uint8_t		*u;

	if (len < off)
		goto bad;
	if (plain >= EV_WRITE_ROWS_V2) {
		if (len - off < 2)
			goto bad;
		extra = (size_t)get_le(b + off, 2);
		if (extra < 2 || len - off < extra)
			goto bad;
		off += extra;
	}
	if (get_packed(b, len, &off, &ncols) != 0)
		goto bad;
	nb = (size_t)((ncols + 7) / 8);
	if (plain == EV_UPDATE_ROWS_V1 || plain == EV_UPDATE_ROWS_V2)
		nb *= 2;
	if (len - off <= nb)
		goto bad;
	off += nb;
	if ((b[off] & 0x80) == 0 || (lenlen = b[off] & 0x07) < 1 || lenlen > 4 ||
	    len - off - 1 < lenlen)
		goto bad;
	for (i = 0; i < lenlen; i++)
		ulen = ulen << 8 | b[off + 1 + i];
	if (ulen > MAX_PACKET)
		goto bad;
	u = xmalloc(off + (size_t)ulen + 1);
	memcpy(u, b, off);
	dl = (uLongf)ulen;
	if (uncompress(u + off, &dl, b + off + 1 + lenlen,
	    (uLong)(len - off - 1 - lenlen)) != Z_OK || dl != ulen) {
		free(u);
		set_cause(cause, "cannot inflate a compressed rows event");
		return -1;
	}
	*out = u;
	*outlen = off + (size_t)ulen;
	return 0;

bad:
	set_cause(cause, "bad compressed rows event");
	return -1;
}

/* A ROWS event: decode it if its table is watched. */
static int
decoder_rows(struct binlog_decoder *d, uint8_t type, const uint8_t *b,
    size_t len, uint64_t ts, struct binlog_item **itemp, char **cause)
{
	struct table_map	*m;
	struct binlog_item	*item;
	uint64_t		 id;
	uint8_t			 plain, *inflated = NULL;
	size_t			 ilen;
	bool			 compressed, stmt_end;
	char			*why = NULL;
	int			 rc;

	d->in_trx = true;
	rows_type(type, &plain, &compressed);
	if (rowimage_rows_table_id(b, len, &id) != 0 || len < 8) {
		set_cause(cause, "bad rows event at %s:%" PRIu64,
		    d->pos.file != NULL ? d->pos.file : "", d->pos.pos);
		return -1;
	}
	stmt_end = (get_le(b + 6, 2) & EV_FLAG_STMT_END) != 0;
	if ((m = decoder_find_map(d, id)) == NULL)
		goto out;

	if (compressed) {
		if (inflate_rows(plain, b, len, &inflated, &ilen, &why) != 0)
			goto fail;
		b = inflated;
		len = ilen;
	}
	item = item_new(BINLOG_ITEM_ROWS, &d->pos, d->trx_gtid, ts);
	rc = rowimage_rows_decode(&item->rows, plain, b, len, &m->t, &why);
	free(inflated);
	if (rc != 0) {
		binlog_item_free(item);
		goto fail;
	}
	item->db = xstrdup(m->t.db);
	item->table = xstrdup(m->t.name);
	d->trx_rows = true;
	*itemp = item;
out:
	if (stmt_end)
		decoder_clear_maps(d);
	return 0;

fail:
	set_cause(cause, "rows of %s.%s at %s:%" PRIu64 ": %s", m->t.db,
	    m->t.name, d->pos.file != NULL ? d->pos.file : "", d->pos.pos, why);
	free(why);
	return -1;
}

/* Resume after the event just fed. The gtid is the GTID position to
 * reconnect with (by_gtid) or the last whole transaction's GTID. */
static void
decoder_set_resume(struct binlog_decoder *d)
{
	char	*state;

	coords_set(&d->resume, d->pos.file, d->pos.pos);
	if (d->by_gtid) {
		state = coords_gtid_pos_format(&d->state);
		free(d->resume.gtid);
		d->resume.gtid = state;
	} else
		coords_set_gtid(&d->resume, d->last_gtid);
}

/* Does the CRC32 at the end of the event match? */
static bool
crc_ok(const uint8_t *ev, size_t len)
{
	uLong	crc = crc32(0L, Z_NULL, 0);

	crc = crc32(crc, ev, (uInt)(len - 4));
	return (uint32_t)crc == (uint32_t)get_le(ev + len - 4, 4);
}

int
binlog_decoder_feed(struct binlog_decoder *d, const uint8_t *ev, size_t len,
    uint64_t now_ms, struct binlog_item **itemp, char **cause)
{
	uint8_t		 type, plain, alg;
	uint32_t	 server, evlen, log_pos;
	uint64_t	 ts;
	const uint8_t	*b;
	size_t		 blen;
	bool		 compressed;
	int		 rc = 0;

	*itemp = NULL;
	if (len < EV_HEADER_LEN) {
		set_cause(cause, "binlog event of %zu bytes is too short", len);
		return -1;
	}
	ts = get_le(ev, 4);
	type = ev[4];
	server = (uint32_t)get_le(ev + 5, 4);
	evlen = (uint32_t)get_le(ev + 9, 4);
	log_pos = (uint32_t)get_le(ev + 13, 4);
	if (evlen != len) {
		set_cause(cause, "binlog event type %u says %" PRIu32 " bytes "
		    "but has %zu", type, evlen, len);
		return -1;
	}

	/* The FORMAT_DESCRIPTION tells whether events carry a checksum: its
	 * algorithm byte comes before its own 4-byte checksum field, which
	 * is there even when the algorithm is OFF. */
	if (type == EV_FORMAT_DESCRIPTION && len >= EV_HEADER_LEN + 57 + 5) {
		alg = ev[len - 5];
		if (alg == 0 || alg == 1)
			d->checksum = alg == 1;
	}
	blen = len - EV_HEADER_LEN;
	if (d->checksum && type != EV_FORMAT_DESCRIPTION) {
		if (blen < 4) {
			set_cause(cause, "binlog event type %u is too short "
			    "for its checksum", type);
			return -1;
		}
		blen -= 4;
	}
	b = ev + EV_HEADER_LEN;

	if (type == EV_HEARTBEAT)
		return 0;
	if (type == EV_ROTATE) {
		if (decoder_rotate(d, b, blen) != 0) {
			set_cause(cause, "bad ROTATE event");
			return -1;
		}
	} else if (log_pos != 0 && log_pos > d->pos.pos)
		d->pos.pos = log_pos;

	/* Check the events we decode; the server computed their CRC. */
	if (d->checksum && (type == EV_TABLE_MAP || rows_type(type, &plain,
	    &compressed)) && !crc_ok(ev, len)) {
		set_cause(cause, "binlog event type %u at %s:%" PRIu64 " fails "
		    "its checksum", type, d->pos.file != NULL ? d->pos.file :
		    "", d->pos.pos);
		return -1;
	}

	switch (type) {
	case EV_MARIADB_GTID:
		rc = decoder_mariadb_gtid(d, server, b, blen);
		if (rc != 0)
			set_cause(cause, "bad GTID event");
		break;
	case EV_MYSQL_GTID:
	case EV_MYSQL_ANON_GTID:
		rc = decoder_mysql_gtid(d, type, b, blen);
		if (rc != 0)
			set_cause(cause, "bad GTID event");
		break;
	case EV_QUERY:
	case EV_QUERY_COMPRESSED:
		rc = decoder_query(d, type, b, blen, now_ms, ts, itemp);
		if (rc != 0)
			set_cause(cause, "bad QUERY event at %s:%" PRIu64,
			    d->pos.file != NULL ? d->pos.file : "", d->pos.pos);
		break;
	case EV_XID:
	case EV_XA_PREPARE:
		*itemp = decoder_commit(d, now_ms, ts);
		break;
	case EV_TABLE_MAP:
		rc = decoder_table_map(d, b, blen, cause);
		break;
	case EV_INTVAR:
	case EV_RAND:
	case EV_USER_VAR:
	case EV_ANNOTATE_ROWS:
		d->in_trx = true;
		break;
	default:
		if (rows_type(type, &plain, &compressed))
			rc = decoder_rows(d, type, b, blen, ts, itemp, cause);
		break;
	}
	if (rc != 0)
		return -1;
	/* Between transactions: a new connection may start here. */
	if (!d->in_trx)
		decoder_set_resume(d);
	return 0;
}

/*
 * The reader.
 */

struct binlog_reader {
	struct event_base	*base;
	struct dbconn_params	 params;
	unsigned		 server_id;
	int64_t			 max_attempts;
	binlog_item_cb		 cb;
	void			*cb_arg;

	struct binlog_decoder	*dec;		/* the thread's after start */
	struct binlog_queue	*queue;
	int			 wake_fd;	/* eventfd, thread -> loop */
	int			 stop_fd;	/* eventfd, loop -> thread */
	struct event		*wake_ev;	/* wake_fd readable */
	struct event		*more_ev;	/* zero timer: drain more */

	pthread_t		 thread;
	bool			 started;
	bool			 joined;
	pthread_mutex_t		 lock;		/* sock, stopping */
	pthread_cond_t		 cond;		/* backoff sleep */
	int			 sock;		/* live connection or -1 */
	atomic_bool		 stopping;
	/* The thread's: a transaction's last item, kept across a closed
	 * connection (HOLD_MS) to be queued once there is room; and how
	 * many items of the transaction being read are queued. */
	struct binlog_item	*held;
	size_t			 trx_queued;

	/* Loop side. */
	bool			 paused;
	unsigned		 draining;	/* inside the callback */
	bool			 freed;		/* binlog_free while draining */
	struct binlog_coords	 delivered;
};

/* How a session with the server ended. */
enum session_end {
	SESSION_LOST,		/* connection lost: reconnect */
	SESSION_HELD,		/* closed while the queue stayed full */
	SESSION_FATAL,		/* cannot go on: report ERROR */
	SESSION_STOPPED,	/* binlog_free */
};

static void	reader_drain(struct binlog_reader *);

/* Tell the loop there are items. */
static void
reader_wake(struct binlog_reader *r)
{
	uint64_t	one = 1;
	ssize_t		n;

	do
		n = write(r->wake_fd, &one, sizeof one);
	while (n < 0 && errno == EINTR);
}

/* Has binlog_free asked the thread to stop? */
static bool
reader_stopping(struct binlog_reader *r)
{
	return atomic_load(&r->stopping);
}

/* Can a server or client error be cured by connecting again? Network
 * errors can. Server errors other than these (1236 binlog purged or bad
 * position, 1045 access denied, ...) will not go away by themselves, nor
 * will Connector/C's errors about an event it cannot parse (5017-5023):
 * a new connection would bring the same event again. */
static bool
error_retryable(unsigned code)
{
	if (code >= 2000 && code <= 2999)
		return true;	/* client side: lost, gone, refused */
	switch (code) {
	case 1040:	/* too many connections */
	case 1053:	/* server shutdown in progress */
	case 1152:	/* aborted connection */
	case 1158:	/* net read error */
	case 1159:	/* net read timeout */
	case 1160:	/* net write error */
	case 1161:	/* net write timeout */
	case 1317:	/* query interrupted */
	case 1927:	/* connection was killed (MariaDB) */
	case 5013:	/* CR_ERR_NET_READ */
	case 5014:	/* CR_ERR_NET_WRITE */
		return true;
	default:
		return false;
	}
}

/* Publish the socket of a live connection, so binlog_free can shut it
 * down; -1 withdraws it (before mysql_close). False if stopping. */
static bool
reader_set_sock(struct binlog_reader *r, int fd)
{
	bool	ok;

	pthread_mutex_lock(&r->lock);
	r->sock = fd;
	ok = !reader_stopping(r);
	if (!ok && fd >= 0)
		shutdown(fd, SHUT_RDWR);
	pthread_mutex_unlock(&r->lock);
	return ok;
}

/* Connect with the non-blocking API while watching stop_fd, so that a stop
 * ends even a connect to an unreachable host at once. The connection is
 * used with the blocking API afterwards (Connector/C switches the socket
 * back). NULL with *code and *cause on failure; *code is 0 if stopped. */
static MYSQL *
reader_connect(struct binlog_reader *r, unsigned *code, char **cause)
{
	const struct dbconn_params	*p = &r->params;
	MYSQL				*m, *ret = NULL;
	unsigned			 cto, rto = READ_TIMEOUT_S, wto;
	unsigned long			 maxpkt = MAX_PACKET;
	struct pollfd			 pfd[2];
	uint64_t			 deadline;
	int				 status, wait, n, st;

	if ((m = mysql_init(NULL)) == NULL)
		fatalx("mysql_init: out of memory");
	cto = p->connect_timeout > 0 ? p->connect_timeout : DEFAULT_TIMEOUT_S;
	wto = p->rw_timeout > 0 ? p->rw_timeout : DEFAULT_TIMEOUT_S;
	mysql_options(m, MYSQL_OPT_NONBLOCK, 0);
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &cto);
	if (r->dec->by_gtid)
		rto = GTID_READ_TIMEOUT_S;
	mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &rto);
	mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &wto);
	mysql_options(m, MYSQL_OPT_MAX_ALLOWED_PACKET, &maxpkt);
	/* TLS and charset as on every connection (the binlog stream is
	 * bytes, so the handshake charset is enough: no SET NAMES). */
	dbconn_set_options(m, p);

	deadline = util_now_ms() + (uint64_t)cto * 1000;
	status = mysql_real_connect_start(&ret, m, p->host, p->user,
	    p->password, NULL, (unsigned)p->port, NULL, 0);
	while (status != 0) {
		pfd[0].fd = mysql_get_socket(m);
		pfd[0].events = 0;
		if (status & MYSQL_WAIT_READ)
			pfd[0].events |= POLLIN;
		if (status & MYSQL_WAIT_WRITE)
			pfd[0].events |= POLLOUT;
		if (status & MYSQL_WAIT_EXCEPT)
			pfd[0].events |= POLLPRI;
		pfd[1].fd = r->stop_fd;
		pfd[1].events = POLLIN;
		pfd[0].revents = pfd[1].revents = 0;
		if (util_now_ms() >= deadline)
			wait = 0;
		else
			wait = (int)(deadline - util_now_ms());
		if ((status & MYSQL_WAIT_TIMEOUT) &&
		    (unsigned)wait > mysql_get_timeout_value_ms(m))
			wait = (int)mysql_get_timeout_value_ms(m);
		n = poll(pfd, 2, wait);
		if (n < 0 && errno == EINTR)
			continue;
		if (pfd[1].revents != 0 || reader_stopping(r)) {
			*code = 0;
			goto fail;
		}
		st = 0;
		if (n == 0) {
			if (util_now_ms() >= deadline) {
				*code = 2013;
				set_cause(cause, "connect to %s:%d timed out",
				    p->host, p->port);
				goto fail;
			}
			if (status & MYSQL_WAIT_TIMEOUT)
				st |= MYSQL_WAIT_TIMEOUT;
		}
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))
			st |= MYSQL_WAIT_READ;
		if (pfd[0].revents & (POLLOUT | POLLHUP | POLLERR))
			st |= MYSQL_WAIT_WRITE;
		if (pfd[0].revents & POLLPRI)
			st |= MYSQL_WAIT_EXCEPT;
		if (st == 0)
			continue;
		status = mysql_real_connect_cont(&ret, m, st);
	}
	if (ret == NULL) {
		*code = mysql_errno(m);
		set_cause(cause, "error %u: %s", *code, mysql_error(m));
		mysql_close(m);
		return NULL;
	}
	log_debugf("binlog: connected to %s:%d, thread %lu%s%s", p->host, p->port,
	    mysql_thread_id(m), mysql_get_ssl_cipher(m) != NULL ? ", TLS " : "",
	    mysql_get_ssl_cipher(m) != NULL ? mysql_get_ssl_cipher(m) : "");
	return m;

fail:
	if (mysql_get_socket(m) >= 0)
		shutdown(mysql_get_socket(m), SHUT_RDWR);
	mysql_close(m);
	return NULL;
}

/* Run one statement; 0 or -1 with code and cause. */
static int
reader_query(MYSQL *m, const char *sql, unsigned *code, char **cause)
{
	MYSQL_RES	*res;

	if (mysql_query(m, sql) != 0) {
		*code = mysql_errno(m);
		set_cause(cause, "%s: error %u: %s", sql, *code, mysql_error(m));
		return -1;
	}
	if ((res = mysql_store_result(m)) != NULL)
		mysql_free_result(res);
	return 0;
}

/* Does the server send events with a CRC32? */
static int
reader_checksum(MYSQL *m, bool *on, unsigned *code, char **cause)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	const char	*sql = "SELECT @@global.binlog_checksum";

	if (mysql_query(m, sql) != 0 || (res = mysql_store_result(m)) == NULL) {
		*code = mysql_errno(m);
		set_cause(cause, "%s: error %u: %s", sql, *code, mysql_error(m));
		return -1;
	}
	row = mysql_fetch_row(res);
	*on = row != NULL && row[0] != NULL && strcasecmp(row[0], "NONE") != 0;
	mysql_free_result(res);
	return 0;
}

/* One connection: connect, register at the decoder's resume position and
 * read until the connection ends. *fed says whether any event came
 * in. */
static enum session_end
reader_session(struct binlog_reader *r, bool *fed, char **cause)
{
	const struct binlog_coords	*at = binlog_decoder_resume(r->dec);
	MYSQL				*m;
	MARIADB_RPL			*rpl = NULL;
	MARIADB_RPL_EVENT		*ev = NULL, *next;
	struct binlog_item		*item;
	struct coords_gtid_pos		 gp;
	enum session_end		 end = SESSION_LOST;
	unsigned			 code = 0;
	char				*sql, *why = NULL, *state;
	bool				 checksum, boundary, in_trx, ended;
	size_t				 seen = 0;
	int				 was_empty;

	*fed = false;
	if ((m = reader_connect(r, &code, cause)) == NULL)
		return code == 0 ? SESSION_STOPPED : (error_retryable(code) ?
		    SESSION_LOST : SESSION_FATAL);
	if (!reader_set_sock(r, mysql_get_socket(m))) {
		end = SESSION_STOPPED;
		goto out;
	}

	if (reader_query(m, "SET @master_binlog_checksum = "
	    "@@global.binlog_checksum", &code, cause) != 0 ||
	    reader_query(m, "SET @mariadb_slave_capability = 4", &code,
	    cause) != 0 ||
	    reader_query(m, "SET @master_heartbeat_period = " HEARTBEAT_NS,
	    &code, cause) != 0 ||
	    reader_checksum(m, &checksum, &code, cause) != 0)
		goto failed;
	if (r->dec->by_gtid) {
		/* MariaDB GTID start; checked by binlog_start. */
		if (coords_gtid_pos_parse(&gp, at->gtid, cause) != 0) {
			end = SESSION_FATAL;
			goto out;
		}
		state = coords_gtid_pos_format(&gp);
		coords_gtid_pos_release(&gp);
		sql = xasprintf("SET @slave_connect_state = '%s'", state);
		free(state);
		if (reader_query(m, sql, &code, cause) != 0) {
			free(sql);
			goto failed;
		}
		free(sql);
	}
	binlog_decoder_reset(r->dec, checksum);

	if ((rpl = mariadb_rpl_init(m)) == NULL) {
		code = mysql_errno(m);
		set_cause(cause, "mariadb_rpl_init: %s", mysql_error(m));
		goto failed;
	}
	mariadb_rpl_optionsv(rpl, MARIADB_RPL_SERVER_ID, r->server_id);
	mariadb_rpl_optionsv(rpl, MARIADB_RPL_FLAGS, 0u);
	if (!r->dec->by_gtid) {
		mariadb_rpl_optionsv(rpl, MARIADB_RPL_FILENAME, at->file,
		    strlen(at->file));
		mariadb_rpl_optionsv(rpl, MARIADB_RPL_START,
		    (unsigned long)at->pos);
	} else {
		mariadb_rpl_optionsv(rpl, MARIADB_RPL_FILENAME, "", (size_t)0);
		mariadb_rpl_optionsv(rpl, MARIADB_RPL_START, 4ul);
	}
	if (mariadb_rpl_open(rpl) != 0) {
		code = mysql_errno(m);
		set_cause(cause, "cannot start the binlog dump: error %u: %s",
		    code, mysql_error(m));
		goto failed;
	}
	log_debugf("dump from %s:%d at %s:%" PRIu64 "%s%s as server id %u",
	    r->params.host, r->params.port, at->file != NULL ? at->file : "",
	    at->pos, r->dec->by_gtid ? " gtid " : "",
	    r->dec->by_gtid ? at->gtid : "", r->server_id);

	for (;;) {
		/* On NULL the event passed in is freed. */
		if ((next = mariadb_rpl_fetch(rpl, ev)) == NULL) {
			ev = NULL;
			code = mysql_errno(m);
			if (code == 0) {
				code = 2013;
				set_cause(cause, "the server ended the binlog "
				    "stream");
			} else
				set_cause(cause, "error %u: %s", code,
				    mysql_error(m));
			goto failed;
		}
		ev = next;
		if (ev->raw_data == NULL || ev->raw_data_ofs > ev->raw_data_size) {
			set_cause(cause, "binlog event without data");
			end = SESSION_FATAL;
			goto out;
		}
		in_trx = !binlog_decoder_between(r->dec);
		if (binlog_decoder_feed(r->dec, ev->raw_data + ev->raw_data_ofs,
		    ev->raw_data_size - ev->raw_data_ofs, util_now_ms(), &item,
		    &why) != 0) {
			*cause = why;
			end = SESSION_FATAL;
			goto out;
		}
		*fed = true;
		/* Between transactions the resume point is here; a
		 * transaction ended at this event if it was open before (the
		 * events a connection starts with are not in one). */
		boundary = binlog_decoder_between(r->dec);
		ended = in_trx && boundary;
		if (item == NULL) {
			if (ended)
				r->trx_queued = seen = 0;
			continue;
		}
		/* A connection reopened within a transaction reads it again
		 * from its start: the items it had queued come again, in the
		 * same order (one per event), and are not queued twice. */
		if (!boundary && seen++ < r->trx_queued) {
			if (seen == r->trx_queued)
				log_info("binlog: %zu item(s) of the transaction "
				    "read again were queued before, not again",
				    r->trx_queued);
			binlog_item_free(item);
			continue;
		}
		was_empty = binlog_queue_push_wait(r->queue, item, false,
		    HOLD_MS);
		if (was_empty == -2) {
			/* Between transactions the resume point is past the
			 * item: keep it. Within, it comes again. */
			if (boundary)
				r->held = item;
			else
				binlog_item_free(item);
			end = SESSION_HELD;
			goto out;
		}
		if (was_empty < 0) {
			binlog_item_free(item);
			end = SESSION_STOPPED;
			goto out;
		}
		if (ended)
			r->trx_queued = seen = 0;
		else if (!boundary)
			r->trx_queued++;
		if (was_empty)
			reader_wake(r);
	}

failed:
	if (reader_stopping(r))
		end = SESSION_STOPPED;
	else
		end = error_retryable(code) ? SESSION_LOST : SESSION_FATAL;
out:
	if (ev != NULL)
		mariadb_free_rpl_event(ev);
	if (rpl != NULL)
		mariadb_rpl_close(rpl);
	reader_set_sock(r, -1);
	mysql_close(m);
	return end;
}

/* Wait ms milliseconds unless stopped; false if stopped. */
static bool
reader_sleep(struct binlog_reader *r, unsigned ms)
{
	struct timespec	ts;

	ts = deadline_after(ms);
	pthread_mutex_lock(&r->lock);
	while (!reader_stopping(r) &&
	    pthread_cond_timedwait(&r->cond, &r->lock, &ts) != ETIMEDOUT)
		;
	pthread_mutex_unlock(&r->lock);
	return !reader_stopping(r);
}

/* Push the one ERROR item and wake the loop. */
static void
reader_fail(struct binlog_reader *r, char *cause)
{
	struct binlog_item	*item;

	item = item_new(BINLOG_ITEM_ERROR, binlog_decoder_resume(r->dec),
	    binlog_decoder_resume(r->dec)->gtid, 0);
	item->cause = cause;
	if (binlog_queue_push(r->queue, item, true) < 0)
		binlog_item_free(item);
	else
		reader_wake(r);
}

/* The thread: sessions until stopped or beyond repair. */
static void *
reader_main(void *arg)
{
	struct binlog_reader	*r = arg;
	struct binlog_coords	 before;
	enum session_end	 end;
	int64_t			 failures = 0;
	bool			 streamed = false, fed;
	char			*cause, *at;
	unsigned		 backoff;
	uint64_t		 t0;
	int			 n;

	mysql_thread_init();
	coords_init(&before);
	for (;;) {
		cause = NULL;
		coords_copy(&before, binlog_decoder_resume(r->dec));
		t0 = util_now_ms();
		end = reader_session(r, &fed, &cause);
		if (end == SESSION_STOPPED || reader_stopping(r)) {
			free(cause);
			break;
		}
		if (end == SESSION_HELD) {
			/* Not a failure: no backoff, no attempt counted. */
			at = coords_format(binlog_decoder_resume(r->dec));
			log_info("binlog: held back %u ms by a full queue; "
			    "connection closed, to reopen at %s once the "
			    "queue is half empty", HOLD_MS, at);
			free(at);
			free(cause);
			if (!binlog_queue_wait_half(r->queue))
				break;
			if (r->held != NULL) {
				if ((n = binlog_queue_push(r->queue, r->held,
				    false)) < 0)
					break;
				r->held = NULL;
				if (n > 0)
					reader_wake(r);
			}
			failures = 0;
			continue;
		}
		if (cause == NULL)
			cause = xstrdup("unknown error");
		/* Attempts count in a row: a session that got past a
		 * transaction, or that streamed for a while, starts over. */
		if (fed) {
			streamed = true;
			if (coords_compare(&before,
			    binlog_decoder_resume(r->dec)) != 0 ||
			    util_now_ms() - t0 >= HEALTHY_SESSION_MS)
				failures = 0;
		}
		if (end == SESSION_FATAL || !streamed) {
			reader_fail(r, xasprintf("binlog: %s", cause));
			free(cause);
			break;
		}
		failures++;
		if (r->max_attempts > 0 && failures > r->max_attempts) {
			reader_fail(r, xasprintf("binlog: %s; gave up after "
			    "%" PRId64 " reconnect attempts", cause,
			    r->max_attempts));
			free(cause);
			break;
		}
		at = coords_format(binlog_decoder_resume(r->dec));
		log_warn("binlog: %s; reconnecting at %s (attempt %" PRId64 ")",
		    cause, at, failures);
		free(at);
		free(cause);
		/* 100 ms, 200, 400, ... up to 2 s. */
		backoff = BACKOFF_FIRST_MS << (failures > 5 ? 5 :
		    (unsigned)(failures - 1));
		if (backoff > BACKOFF_MAX_MS)
			backoff = BACKOFF_MAX_MS;
		if (!reader_sleep(r, backoff))
			break;
	}
	binlog_item_free(r->held);	/* stopped while holding it */
	r->held = NULL;
	coords_release(&before);
	mysql_thread_end();
	return NULL;
}

/* The loop's wakeup: items arrived. */
static void
reader_wake_cb(evutil_socket_t fd, short events, void *arg)
{
	uint64_t	v;

	/* Reset the counter even while paused, or the event fires again. */
	while (read(fd, &v, sizeof v) < 0 && errno == EINTR)
		;
	reader_drain(arg);
}

/* The zero timer: drain what the last turn left. */
static void
reader_more_cb(evutil_socket_t fd, short events, void *arg)
{
	reader_drain(arg);
}

/* Stop the thread and wait for it; idempotent. */
static void
reader_stop(struct binlog_reader *r)
{
	uint64_t	one = 1;
	ssize_t		n;

	pthread_mutex_lock(&r->lock);
	atomic_store(&r->stopping, true);
	if (r->sock >= 0)
		shutdown(r->sock, SHUT_RDWR);
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
	do
		n = write(r->stop_fd, &one, sizeof one);
	while (n < 0 && errno == EINTR);
	binlog_queue_close(r->queue);
	if (r->started && !r->joined) {
		pthread_join(r->thread, NULL);
		r->joined = true;
	}
}

/* Free everything; the thread is gone. */
static void
reader_destroy(struct binlog_reader *r)
{
	event_free(r->wake_ev);
	event_free(r->more_ev);
	close(r->wake_fd);
	close(r->stop_fd);
	binlog_queue_free(r->queue);
	binlog_decoder_free(r->dec);
	dbconn_params_release(&r->params);
	coords_release(&r->delivered);
	pthread_cond_destroy(&r->cond);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

/* Deliver up to DRAIN_PER_TURN items, then yield to the loop. */
static void
reader_drain(struct binlog_reader *r)
{
	struct binlog_item	*item;
	unsigned		 n;
	static const struct timeval zero = { 0, 0 };

	if (r->paused || r->freed)
		return;
	r->draining++;
	for (n = 0; n < DRAIN_PER_TURN; n++) {
		if (r->paused || r->freed)
			break;
		if ((item = binlog_queue_pop(r->queue)) == NULL)
			break;
		if (item->kind != BINLOG_ITEM_ERROR)
			coords_copy(&r->delivered, &item->coords);
		r->cb(item, r->cb_arg);
	}
	r->draining--;
	if (r->freed) {
		if (r->draining == 0)
			reader_destroy(r);
		return;
	}
	/* More left: continue after the loop has looked at other events
	 * (a timer, not event_active, which would run again at once). */
	if (!r->paused && binlog_queue_length(r->queue) > 0)
		event_add(r->more_ev, &zero);
}

struct binlog_reader *
binlog_create(struct event_base *base, const struct dbconn_params *params,
    unsigned server_id, int64_t max_reconnect_attempts, binlog_item_cb cb,
    void *arg)
{
	struct binlog_reader	*r = xcalloc(1, sizeof *r);
	pthread_condattr_t	 ca;

	/* Not thread-safe on first use: initialize from this thread. */
	mysql_library_init(0, NULL, NULL);

	r->base = base;
	dbconn_params_copy(&r->params, params);
	r->server_id = server_id;
	r->max_attempts = max_reconnect_attempts;
	r->cb = cb;
	r->cb_arg = arg;
	r->dec = binlog_decoder_create(NULL, true);
	r->queue = binlog_queue_create(QUEUE_MAX_ITEMS, QUEUE_MAX_BYTES);
	coords_init(&r->delivered);
	r->sock = -1;
	atomic_init(&r->stopping, false);

	if (pthread_mutex_init(&r->lock, NULL) != 0 ||
	    pthread_condattr_init(&ca) != 0 ||
	    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) != 0 ||
	    pthread_cond_init(&r->cond, &ca) != 0)
		fatalx("%s: cannot create a mutex", __func__);
	pthread_condattr_destroy(&ca);

	if ((r->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0 ||
	    (r->stop_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0)
		fatal("eventfd");
	r->wake_ev = event_new(base, r->wake_fd, EV_READ | EV_PERSIST,
	    reader_wake_cb, r);
	r->more_ev = evtimer_new(base, reader_more_cb, r);
	if (r->wake_ev == NULL || r->more_ev == NULL)
		fatalx("%s: event_new failed", __func__);
	return r;
}

void
binlog_watch(struct binlog_reader *r, const char *db, const char *table,
    const struct rowimage_column *schema, unsigned ncols)
{
	binlog_decoder_watch(r->dec, db, table, schema, ncols);
}

int
binlog_start(struct binlog_reader *r, const struct binlog_coords *start,
    char **cause)
{
	struct coords_gtid_pos	 gp;
	struct binlog_coords	 at;
	char			*why = NULL;
	int			 err;

	if (r->started) {
		set_cause(cause, "binlog reader already started");
		return -1;
	}
	if (start == NULL || (start->gtid == NULL && start->file == NULL)) {
		set_cause(cause, "no binlog coordinates to start at");
		return -1;
	}
	coords_init(&at);
	if (start->gtid != NULL) {
		if (coords_gtid_pos_parse(&gp, start->gtid, &why) != 0) {
			set_cause(cause, "cannot start binlog at GTID (only "
			    "MariaDB GTID positions are supported): %s", why);
			free(why);
			return -1;
		}
		coords_gtid_pos_release(&gp);
		coords_set_gtid(&at, start->gtid);
	} else {
		if (start->file[0] == '\0' || start->pos < 4 ||
		    start->pos > UINT32_MAX) {
			set_cause(cause, "bad binlog coordinates %s:%" PRIu64,
			    start->file, start->pos);
			return -1;
		}
		coords_set(&at, start->file, start->pos);
	}
	if (decoder_set_start(r->dec, &at, cause) != 0) {
		coords_release(&at);
		return -1;
	}
	coords_copy(&r->delivered, &at);
	coords_release(&at);

	if (event_add(r->wake_ev, NULL) != 0) {
		set_cause(cause, "cannot watch the binlog reader's eventfd");
		return -1;
	}
	if ((err = pthread_create(&r->thread, NULL, reader_main, r)) != 0) {
		event_del(r->wake_ev);
		set_cause(cause, "cannot start the binlog thread: %s",
		    strerror(err));
		return -1;
	}
	r->started = true;
	return 0;
}

void
binlog_pause(struct binlog_reader *r, bool pause)
{
	static const struct timeval zero = { 0, 0 };

	if (r->paused == pause)
		return;
	r->paused = pause;
	if (!pause && r->started)
		event_add(r->more_ev, &zero);
}

size_t
binlog_backlog(const struct binlog_reader *r)
{
	return binlog_queue_length(r->queue);
}

const struct binlog_coords *
binlog_position(const struct binlog_reader *r)
{
	return &r->delivered;
}

void
binlog_free(struct binlog_reader *r)
{
	if (r == NULL || r->freed)
		return;
	reader_stop(r);
	if (r->draining > 0) {
		/* Inside the callback: reader_drain frees on its way out. */
		r->freed = true;
		event_del(r->wake_ev);
		event_del(r->more_ev);
		return;
	}
	reader_destroy(r);
}
