/* test_binlog.c: the binlog reader.
 *
 * Without a server: the queue (bounds, back-pressure, close), the decoder
 * on hand-made events around captured TABLE_MAP and ROWS bodies (test/lib/
 * rowimage_fixtures.h): positions, transactions, GTIDs, COMMIT pacing,
 * checksums, compressed rows, reconnect resume; and a reader whose server
 * refuses the connection.
 *
 * With a server (WISP_TEST_MASTER=host:port, WISP_TEST_USER and
 * WISP_TEST_PASSWORD default gh-ost/gh-ost; skipped otherwise): rows of
 * several types through INSERT, multi-row UPDATE, DELETE, a 70 KB blob and
 * a multi-statement transaction; a killed dump connection; stop while the
 * thread waits in fetch; pause and back-pressure; log_bin_compress; and a
 * throughput measurement. They use database wisp_binlog_test. */
#include "common.h"

#include <setjmp.h>
#include <pthread.h>
#include <unistd.h>
#include <cmocka.h>

#include <event2/event.h>
#include <mysql.h>
#include <zlib.h>

#include "binlog.h"
#include "dbconn.h"
#include "listener.h"
#include "rowimage_fixtures.h"

/* The fixture with this name. */
static const uint8_t *
fixture(const char *name, size_t *len)
{
	size_t	i;

	for (i = 0; i < nitems(rowimage_fixtures); i++) {
		if (strcmp(rowimage_fixtures[i].name, name) == 0 &&
		    rowimage_fixtures[i].body != NULL) {
			*len = rowimage_fixtures[i].len;
			return rowimage_fixtures[i].body;
		}
	}
	fail_msg("no fixture %s", name);
	return NULL;
}

/*
 * The queue.
 */

/* A ROWS item with a marker in event_time. */
static struct binlog_item *
mkitem(uint64_t mark)
{
	struct binlog_item	*item = xcalloc(1, sizeof *item);

	item->kind = BINLOG_ITEM_COMMIT;
	item->event_time = mark;
	return item;
}

static void
test_queue_fifo(void **state)
{
	struct binlog_queue	*q = binlog_queue_create(10, 1 << 20);
	struct binlog_item	*item;
	uint64_t		 i;

	assert_null(binlog_queue_pop(q));
	assert_int_equal(binlog_queue_push(q, mkitem(0), false), 1);
	for (i = 1; i < 5; i++)
		assert_int_equal(binlog_queue_push(q, mkitem(i), false), 0);
	assert_int_equal(binlog_queue_length(q), 5);
	for (i = 0; i < 5; i++) {
		item = binlog_queue_pop(q);
		assert_non_null(item);
		assert_int_equal(item->event_time, i);
		binlog_item_free(item);
	}
	assert_null(binlog_queue_pop(q));
	assert_int_equal(binlog_queue_length(q), 0);
	/* Empty again: the next push needs a wakeup. */
	assert_int_equal(binlog_queue_push(q, mkitem(9), false), 1);
	/* Items left are freed with the queue (ASan checks). */
	binlog_queue_free(q);
}

struct pusher {
	struct binlog_queue	*q;
	int			 pushed;
	int			 last_rc;
};

/* Push 5 items into a queue of 2. */
static void *
pusher_main(void *arg)
{
	struct pusher		*p = arg;
	struct binlog_item	*item;
	int			 i;

	for (i = 0; i < 5; i++) {
		item = mkitem((uint64_t)i);
		p->last_rc = binlog_queue_push(p->q, item, false);
		if (p->last_rc < 0) {
			binlog_item_free(item);
			break;
		}
		__atomic_add_fetch(&p->pushed, 1, __ATOMIC_SEQ_CST);
	}
	return NULL;
}

static void
test_queue_backpressure(void **state)
{
	struct pusher		 p = { binlog_queue_create(2, 1 << 20), 0, 0 };
	struct binlog_item	*item;
	pthread_t		 t;
	uint64_t		 want = 0;

	assert_int_equal(pthread_create(&t, NULL, pusher_main, &p), 0);
	usleep(100000);
	/* Full at 2: the producer waits. */
	assert_int_equal(__atomic_load_n(&p.pushed, __ATOMIC_SEQ_CST), 2);
	assert_int_equal(binlog_queue_length(p.q), 2);
	while (want < 5) {
		if ((item = binlog_queue_pop(p.q)) == NULL) {
			usleep(1000);
			continue;
		}
		assert_int_equal(item->event_time, want);
		want++;
		binlog_item_free(item);
	}
	pthread_join(t, NULL);
	assert_int_equal(p.pushed, 5);
	binlog_queue_free(p.q);
}

static void
test_queue_close(void **state)
{
	struct pusher		 p = { binlog_queue_create(1, 1 << 20), 0, 0 };
	struct binlog_item	*item;
	pthread_t		 t;

	assert_int_equal(pthread_create(&t, NULL, pusher_main, &p), 0);
	usleep(50000);
	assert_int_equal(__atomic_load_n(&p.pushed, __ATOMIC_SEQ_CST), 1);
	/* Close wakes the waiting producer, whose push fails. */
	binlog_queue_close(p.q);
	pthread_join(t, NULL);
	assert_int_equal(p.pushed, 1);
	assert_int_equal(p.last_rc, -1);
	item = mkitem(7);
	assert_int_equal(binlog_queue_push(p.q, item, true), -1);
	binlog_item_free(item);
	binlog_queue_free(p.q);
}

/* A push that finds no room within its time gives the item back. */
static void
test_queue_push_wait(void **state)
{
	struct binlog_queue	*q = binlog_queue_create(1, 1 << 20);
	struct binlog_item	*item;

	assert_int_equal(binlog_queue_push_wait(q, mkitem(0), false, 20), 1);
	item = mkitem(1);
	assert_int_equal(binlog_queue_push_wait(q, item, false, 20), -2);
	assert_int_equal(binlog_queue_length(q), 1);
	/* Room again: the same item goes in. */
	binlog_item_free(binlog_queue_pop(q));
	assert_int_equal(binlog_queue_push_wait(q, item, false, 20), 1);
	binlog_queue_close(q);
	item = mkitem(2);
	assert_int_equal(binlog_queue_push_wait(q, item, false, 20), -1);
	binlog_item_free(item);
	binlog_queue_free(q);
}

struct popper {
	struct binlog_queue	*q;
	int			 popped;
};

/* Pop one item every 10 ms until the queue is empty. */
static void *
popper_main(void *arg)
{
	struct popper		*p = arg;
	struct binlog_item	*item;

	for (;;) {
		usleep(10000);
		if ((item = binlog_queue_pop(p->q)) == NULL)
			break;
		binlog_item_free(item);
		__atomic_add_fetch(&p->popped, 1, __ATOMIC_SEQ_CST);
	}
	return NULL;
}

/* wait_half returns once the queue is down to half, or closed. */
static void
test_queue_wait_half(void **state)
{
	struct popper	 p = { binlog_queue_create(4, 1 << 20), 0 };
	pthread_t	 t;
	uint64_t	 i;

	for (i = 0; i < 4; i++)
		assert_true(binlog_queue_push(p.q, mkitem(i), false) >= 0);
	assert_int_equal(pthread_create(&t, NULL, popper_main, &p), 0);
	assert_true(binlog_queue_wait_half(p.q));
	/* At least two were popped. Not read from p.popped: the popper
	 * counts after its pop has already woken this thread. */
	assert_true(binlog_queue_length(p.q) <= 2);
	pthread_join(t, NULL);
	assert_int_equal(p.popped, 4);
	/* At most half already: no wait. */
	assert_true(binlog_queue_wait_half(p.q));
	binlog_queue_close(p.q);
	assert_false(binlog_queue_wait_half(p.q));
	binlog_queue_free(p.q);
}

static void
test_queue_bytes_and_force(void **state)
{
	struct binlog_queue	*q;
	struct binlog_item	*big, *item;
	size_t			 one;

	item = mkitem(0);
	one = binlog_item_size(item);
	binlog_item_free(item);

	/* A byte budget of one and a half items: the second waits... */
	q = binlog_queue_create(100, one + one / 2);
	assert_int_equal(binlog_queue_push(q, mkitem(0), false), 1);
	/* ...unless forced (the ERROR item never waits). */
	assert_int_equal(binlog_queue_push(q, mkitem(1), true), 0);
	assert_int_equal(binlog_queue_length(q), 2);
	binlog_item_free(binlog_queue_pop(q));
	binlog_item_free(binlog_queue_pop(q));

	/* An item bigger than the budget fits into an empty queue. */
	big = mkitem(2);
	big->cause = xmalloc(10 * one);
	memset(big->cause, 'x', 10 * one - 1);
	big->cause[10 * one - 1] = '\0';
	assert_true(binlog_item_size(big) > 10 * one);
	assert_int_equal(binlog_queue_push(q, big, false), 1);
	binlog_queue_free(q);
}

/*
 * The decoder, on hand-made events.
 */

/* An event: header, body, and the CRC32 when crc. */
struct ev {
	uint8_t	*p;
	size_t	 len;
};

static struct ev
mkev(uint8_t type, uint32_t ts, uint32_t server, uint32_t log_pos,
    uint16_t flags, const void *body, size_t blen, bool crc)
{
	struct ev	e;
	uLong		c;
	size_t		i;

	e.len = 19 + blen + (crc ? 4 : 0);
	e.p = xcalloc(1, e.len);
	for (i = 0; i < 4; i++) {
		e.p[i] = (uint8_t)(ts >> (8 * i));
		e.p[5 + i] = (uint8_t)(server >> (8 * i));
		e.p[9 + i] = (uint8_t)(e.len >> (8 * i));
		e.p[13 + i] = (uint8_t)(log_pos >> (8 * i));
	}
	e.p[4] = type;
	e.p[17] = (uint8_t)flags;
	e.p[18] = (uint8_t)(flags >> 8);
	if (blen > 0)
		memcpy(e.p + 19, body, blen);
	if (crc) {
		c = crc32(crc32(0L, Z_NULL, 0), e.p, (uInt)(19 + blen));
		for (i = 0; i < 4; i++)
			e.p[19 + blen + i] = (uint8_t)(c >> (8 * i));
	}
	return e;
}

/* A test's stream: the decoder, the checksum setting and the position
 * the next event ends at. */
struct stream {
	struct binlog_decoder	*d;
	bool			 crc;
	uint32_t		 pos;
	uint64_t		 now;
};

/* Feed an event that ends at s->pos + its length (log_pos), or with
 * log_pos 0 when artificial. Returns feed's rc; *item gets the item. */
static int
feed(struct stream *s, uint8_t type, uint16_t flags, const void *body,
    size_t blen, bool artificial, struct binlog_item **item, char **cause)
{
	struct ev	e;
	int		rc;
	/* A FORMAT_DESCRIPTION's body ends with its checksum field. */
	bool		crc = s->crc && type != 15;

	e = mkev(type, 1700000000, 1, 0, flags, body, blen, crc);
	if (!artificial) {
		s->pos += (uint32_t)e.len;
		free(e.p);
		e = mkev(type, 1700000000, 1, s->pos, flags, body, blen, crc);
	}
	rc = binlog_decoder_feed(s->d, e.p, e.len, s->now, item, cause);
	free(e.p);
	return rc;
}

/* Feed an event that must give no item. */
static void
feed_none(struct stream *s, uint8_t type, const void *body, size_t blen)
{
	struct binlog_item	*item = (void *)1;
	char			*cause = NULL;

	if (feed(s, type, 0, body, blen, false, &item, &cause) != 0)
		fail_msg("feed type %u: %s", type, cause);
	assert_null(item);
}

/* Feed an event that must give an item of this kind. */
static struct binlog_item *
feed_item(struct stream *s, uint8_t type, const void *body, size_t blen,
    enum binlog_item_kind kind)
{
	struct binlog_item	*item = NULL;
	char			*cause = NULL;

	if (feed(s, type, 0, body, blen, false, &item, &cause) != 0)
		fail_msg("feed type %u: %s", type, cause);
	assert_non_null(item);
	assert_int_equal(item->kind, kind);
	return item;
}

/* ROTATE body: pos(8) and the file name. */
static size_t
rotate_body(uint8_t *b, const char *file, uint64_t pos)
{
	size_t	i;

	for (i = 0; i < 8; i++)
		b[i] = (uint8_t)(pos >> (8 * i));
	memcpy(b + 8, file, strlen(file));
	return 8 + strlen(file);
}

/* FORMAT_DESCRIPTION body with the checksum algorithm byte (and the 4
 * checksum bytes that follow it, zero here). */
static size_t
fde_body(uint8_t *b, uint8_t alg)
{
	memset(b, 0, 100);
	b[0] = 4;
	memcpy(b + 2, "10.11.19-MariaDB", 16);
	b[56] = 19;
	b[100 - 5] = alg;
	return 100;
}

/* MariaDB GTID body: seq(8) domain(4) flags(1) and 6 unused bytes. */
static size_t
gtid_body(uint8_t *b, uint32_t domain, uint64_t seq, uint8_t flags)
{
	size_t	i;

	memset(b, 0, 19);
	for (i = 0; i < 8; i++)
		b[i] = (uint8_t)(seq >> (8 * i));
	for (i = 0; i < 4; i++)
		b[8 + i] = (uint8_t)(domain >> (8 * i));
	b[12] = flags;
	return 19;
}

/* QUERY body with no status variables, db "rowimg". */
static size_t
query_body(uint8_t *b, const char *stmt)
{
	memset(b, 0, 13);
	b[8] = 6;
	memcpy(b + 13, "rowimg", 7);
	memcpy(b + 20, stmt, strlen(stmt));
	return 20 + strlen(stmt);
}

static const uint8_t xid_body[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

/* A stream that starts like MariaDB's: artificial ROTATE and FDE. */
static struct stream
stream_open(const char *file, uint32_t pos, bool crc)
{
	struct stream		s;
	struct binlog_coords	start;
	struct binlog_item	*item;
	uint8_t			b[128];
	size_t			n;

	coords_init(&start);
	coords_set(&start, file, pos);
	s.d = binlog_decoder_create(&start, crc);
	s.crc = crc;
	s.pos = pos;
	s.now = 5000;
	coords_release(&start);
	n = rotate_body(b, file, pos);
	assert_int_equal(feed(&s, 4, 0x20, b, n, true, &item, NULL), 0);
	assert_null(item);
	n = fde_body(b, crc ? 1 : 0);
	assert_int_equal(feed(&s, 15, 0, b, n, true, &item, NULL), 0);
	assert_null(item);
	assert_string_equal(binlog_decoder_position(s.d)->file, file);
	assert_int_equal(binlog_decoder_position(s.d)->pos, pos);
	return s;
}

/* Schema facts of rowimg.ints: the odd columns after id are unsigned. */
static void
ints_schema(struct rowimage_column *cols)
{
	int	i;

	memset(cols, 0, 11 * sizeof *cols);
	for (i = 2; i < 11; i += 2)
		cols[i].is_unsigned = true;
}

static void
test_decoder_transaction(void **state)
{
	struct stream		 s = stream_open("mariadb-bin.000007", 330, true);
	struct rowimage_column	 cols[11];
	struct binlog_item	*rows, *commit;
	const uint8_t		*map, *write;
	size_t			 maplen, writelen, n;
	uint8_t			 b[128];
	uint32_t		 after_rows;

	ints_schema(cols);
	binlog_decoder_watch(s.d, "ROWIMG", "Ints", cols, 11);
	map = fixture("ints_map", &maplen);
	write = fixture("ints_write1", &writelen);

	assert_true(binlog_decoder_between(s.d));
	n = gtid_body(b, 0, 100, 0);
	feed_none(&s, 162, b, n);
	/* Inside the transaction the resume point stays before it. */
	assert_false(binlog_decoder_between(s.d));
	assert_int_equal(binlog_decoder_resume(s.d)->pos, 330);
	feed_none(&s, 19, map, maplen);
	rows = feed_item(&s, 23, write, writelen, BINLOG_ITEM_ROWS);
	after_rows = s.pos;
	assert_string_equal(rows->db, "rowimg");
	assert_string_equal(rows->table, "ints");
	assert_string_equal(rows->coords.file, "mariadb-bin.000007");
	assert_int_equal(rows->coords.pos, after_rows);
	assert_string_equal(rows->coords.gtid, "0-1-100");
	assert_int_equal(rows->event_time, 1700000000);
	assert_int_equal(rows->rows.event_type, 23);
	assert_true(rows->rows.nrows >= 3);
	assert_null(rows->rows.before);
	/* Schema applied: row 2's unsigned columns. */
	assert_int_equal(rows->rows.after[1].values[0].kind, ROWIMAGE_INT);
	assert_int_equal(rows->rows.after[1].values[0].v.i, 2);
	assert_int_equal(rows->rows.after[1].values[2].kind, ROWIMAGE_UINT);
	assert_int_equal(rows->rows.after[1].values[2].v.u, 255);
	assert_int_equal(rows->rows.after[1].values[10].kind, ROWIMAGE_UINT);
	assert_true(rows->rows.after[1].values[10].v.u == UINT64_MAX);
	assert_int_equal(rows->rows.after[0].values[1].v.i, -128);
	assert_int_equal(binlog_decoder_resume(s.d)->pos, 330);
	assert_false(binlog_decoder_between(s.d));

	commit = feed_item(&s, 16, xid_body, 8, BINLOG_ITEM_COMMIT);
	assert_true(binlog_decoder_between(s.d));
	assert_string_equal(commit->coords.file, "mariadb-bin.000007");
	assert_int_equal(commit->coords.pos, s.pos);
	assert_true(commit->coords.pos > after_rows);
	assert_string_equal(commit->coords.gtid, "0-1-100");
	assert_null(commit->db);
	/* Between transactions: resume after the XID. */
	assert_int_equal(binlog_decoder_resume(s.d)->pos, s.pos);
	assert_string_equal(binlog_decoder_resume(s.d)->gtid, "0-1-100");
	assert_int_equal(binlog_decoder_position(s.d)->pos, s.pos);

	binlog_item_free(rows);
	binlog_item_free(commit);
	binlog_decoder_free(s.d);
}

static void
test_decoder_unwatched_and_pacing(void **state)
{
	struct stream		 s = stream_open("f.000001", 4, false);
	struct binlog_item	*item;
	const uint8_t		*map, *write;
	size_t			 maplen, writelen, n;
	uint8_t			 b[128];

	map = fixture("ints_map", &maplen);
	write = fixture("ints_write1", &writelen);
	binlog_decoder_watch(s.d, "rowimg", "other", NULL, 0);

	/* The first transaction always gives a COMMIT... */
	n = gtid_body(b, 0, 1, 0);
	feed_none(&s, 162, b, n);
	feed_none(&s, 19, map, maplen);
	feed_none(&s, 23, write, writelen);
	item = feed_item(&s, 16, xid_body, 8, BINLOG_ITEM_COMMIT);
	assert_string_equal(item->coords.gtid, "0-1-1");
	binlog_item_free(item);

	/* ...then, without watched rows, one a second at most. */
	s.now += 999;
	n = gtid_body(b, 0, 2, 0);
	feed_none(&s, 162, b, n);
	feed_none(&s, 19, map, maplen);
	feed_none(&s, 23, write, writelen);
	feed_none(&s, 16, xid_body, 8);
	assert_int_equal(binlog_decoder_resume(s.d)->pos, s.pos);
	assert_string_equal(binlog_decoder_resume(s.d)->gtid, "0-1-2");

	s.now += 1;
	n = gtid_body(b, 0, 3, 0);
	feed_none(&s, 162, b, n);
	item = feed_item(&s, 16, xid_body, 8, BINLOG_ITEM_COMMIT);
	assert_string_equal(item->coords.gtid, "0-1-3");
	binlog_item_free(item);

	/* Heartbeats give nothing and do not move the position. */
	n = rotate_body(b, "f.000001", 0) - 8;
	item = (void *)1;
	assert_int_equal(feed(&s, 27, 0, b + 8, n, true, &item, NULL), 0);
	assert_null(item);
	assert_int_equal(binlog_decoder_position(s.d)->pos, s.pos);
	binlog_decoder_free(s.d);
}

static void
test_decoder_ddl_and_myisam(void **state)
{
	struct stream		 s = stream_open("f.000002", 256, true);
	struct binlog_item	*item;
	const uint8_t		*map, *write;
	size_t			 maplen, writelen, n;
	uint8_t			 b[128];

	map = fixture("ints_map", &maplen);
	write = fixture("ints_write1", &writelen);
	binlog_decoder_watch(s.d, "rowimg", "ints", NULL, 0);

	/* DDL: a standalone GTID, then the statement ends the group. */
	n = gtid_body(b, 0, 10, 0x01);
	feed_none(&s, 162, b, n);
	assert_int_equal(binlog_decoder_resume(s.d)->pos, 256);
	n = query_body(b, "ALTER TABLE ints ADD COLUMN x INT");
	item = feed_item(&s, 2, b, n, BINLOG_ITEM_COMMIT);
	assert_string_equal(item->coords.gtid, "0-1-10");
	assert_int_equal(binlog_decoder_resume(s.d)->pos, s.pos);
	binlog_item_free(item);

	/* MyISAM: GTID (standalone), TABLE_MAP, ROWS, QUERY COMMIT. */
	n = gtid_body(b, 0, 11, 0x01);
	feed_none(&s, 162, b, n);
	feed_none(&s, 19, map, maplen);
	item = feed_item(&s, 23, write, writelen, BINLOG_ITEM_ROWS);
	binlog_item_free(item);
	assert_int_equal(binlog_decoder_resume(s.d)->pos, s.pos - 3 *
	    (19 + 4) - maplen - writelen - 19);
	n = query_body(b, "COMMIT");
	item = feed_item(&s, 2, b, n, BINLOG_ITEM_COMMIT);
	assert_string_equal(item->coords.gtid, "0-1-11");
	binlog_item_free(item);

	/* Inside BEGIN (MySQL style) a statement does not end it. */
	s.now += 5000;
	n = query_body(b, "BEGIN");
	feed_none(&s, 2, b, n);
	n = query_body(b, "INSERT INTO t VALUES (1)");
	feed_none(&s, 2, b, n);
	n = query_body(b, "commit");
	item = feed_item(&s, 2, b, n, BINLOG_ITEM_COMMIT);
	assert_null(item->coords.gtid);
	binlog_item_free(item);
	binlog_decoder_free(s.d);
}

static void
test_decoder_mysql_gtid_v2(void **state)
{
	struct stream		 s = stream_open("binlog.000003", 4, true);
	struct binlog_item	*item;
	const uint8_t		*map, *write;
	size_t			 maplen, writelen, n;
	uint8_t			 b[128], v2[256];
	static const char	*uuid = "3E11FA47-71CA-11E1-9E33-C80AA9429562";

	map = fixture("upd_map", &maplen);
	write = fixture("upd_write1", &writelen);
	binlog_decoder_watch(s.d, "rowimg", "upd", NULL, 0);

	/* GTID_LOG_EVENT: flags(1) uuid(16) gno(8) and more. */
	memset(b, 0, 42);
	b[0] = 1;
	assert_int_equal(coords_uuid_parse(b + 1, uuid, strlen(uuid)), 0);
	b[17] = 42;
	feed_none(&s, 33, b, 42);
	n = query_body(b, "BEGIN");
	feed_none(&s, 2, b, n);
	feed_none(&s, 19, map, maplen);
	/* A v2 WRITE_ROWS: the v1 body with a 2-byte extra-data length. */
	memcpy(v2, write, 8);
	v2[8] = 2;
	v2[9] = 0;
	memcpy(v2 + 10, write + 8, writelen - 8);
	item = feed_item(&s, 30, v2, writelen + 2, BINLOG_ITEM_ROWS);
	assert_int_equal(item->rows.nrows, 3);
	assert_string_equal(item->rows.after[0].values[2].str, "one");
	assert_string_equal(item->coords.gtid,
	    "3e11fa47-71ca-11e1-9e33-c80aa9429562:42");
	binlog_item_free(item);
	item = feed_item(&s, 16, xid_body, 8, BINLOG_ITEM_COMMIT);
	assert_string_equal(item->coords.gtid,
	    "3e11fa47-71ca-11e1-9e33-c80aa9429562:42");
	binlog_item_free(item);
	binlog_decoder_free(s.d);
}

/* Compress the row images of a rows event the way MariaDB's
 * log_bin_compress does; off is where they start. */
static size_t
compress_rows(uint8_t *out, const uint8_t *body, size_t len, size_t off)
{
	uLongf	clen = 1024;
	uint8_t	c[1024];

	assert_int_equal(compress(c, &clen, body + off, (uLong)(len - off)),
	    Z_OK);
	memcpy(out, body, off);
	out[off] = 0x81;
	out[off + 1] = (uint8_t)(len - off);
	memcpy(out + off + 2, c, clen);
	return off + 2 + clen;
}

static void
test_decoder_compressed(void **state)
{
	struct stream		 s = stream_open("f.000001", 4, true);
	struct binlog_item	*item;
	const uint8_t		*map, *upd;
	size_t			 maplen, updlen, n;
	uint8_t			 b[512];

	map = fixture("upd_map", &maplen);
	upd = fixture("upd_update1", &updlen);
	binlog_decoder_watch(s.d, "rowimg", "upd", NULL, 0);

	n = gtid_body(b, 0, 5, 0);
	feed_none(&s, 162, b, n);
	feed_none(&s, 19, map, maplen);
	/* table_id(6) flags(2) ncols(1) two bitmaps(1+1). */
	n = compress_rows(b, upd, updlen, 11);
	item = feed_item(&s, 167, b, n, BINLOG_ITEM_ROWS);
	assert_int_equal(item->rows.event_type, 24);
	assert_int_equal(item->rows.nrows, 3);
	assert_string_equal(item->rows.before[0].values[2].str, "one");
	assert_string_equal(item->rows.after[0].values[2].str, "one!");
	assert_int_equal(item->rows.after[2].values[1].v.i, 1);
	binlog_item_free(item);

	/* A corrupt compressed block stops the stream. */
	feed_none(&s, 19, map, maplen);
	n = compress_rows(b, upd, updlen, 11);
	b[n - 3] ^= 0xff;
	item = NULL;
	{
		char	*cause = NULL;

		assert_int_equal(feed(&s, 167, 0, b, n, false, &item, &cause),
		    -1);
		assert_non_null(strstr(cause, "upd"));
		free(cause);
	}
	binlog_decoder_free(s.d);
}

static void
test_decoder_errors(void **state)
{
	struct stream		 s = stream_open("f.000001", 4, true);
	struct rowimage_column	 cols[3];
	struct binlog_item	*item;
	struct ev		 e;
	const uint8_t		*map, *write;
	size_t			 maplen, writelen;
	char			*cause;

	map = fixture("upd_map", &maplen);
	write = fixture("upd_write1", &writelen);

	/* Too short, and a length that disagrees with the header. */
	cause = NULL;
	assert_int_equal(binlog_decoder_feed(s.d, map, 10, 0, &item, &cause),
	    -1);
	free(cause);
	e = mkev(16, 0, 1, 100, 0, xid_body, 8, true);
	e.p[9]++;
	cause = NULL;
	assert_int_equal(binlog_decoder_feed(s.d, e.p, e.len, 0, &item,
	    &cause), -1);
	assert_non_null(strstr(cause, "bytes"));
	free(cause);
	free(e.p);

	/* Truncated TABLE_MAPs: the names must fit. */
	for (maplen = 0; maplen < 21; maplen++) {
		cause = NULL;
		item = (void *)1;
		assert_int_equal(feed(&s, 19, 0, map, maplen, false, &item,
		    &cause), -1);
		assert_non_null(cause);
		free(cause);
	}
	map = fixture("upd_map", &maplen);

	/* A bad checksum on a watched TABLE_MAP. */
	binlog_decoder_watch(s.d, "rowimg", "upd", NULL, 0);
	e = mkev(19, 0, 1, 100, 0, map, maplen, true);
	e.p[e.len - 1] ^= 1;
	cause = NULL;
	assert_int_equal(binlog_decoder_feed(s.d, e.p, e.len, 0, &item,
	    &cause), -1);
	assert_non_null(strstr(cause, "checksum"));
	free(cause);
	free(e.p);

	/* The schema says 3 columns... */
	memset(cols, 0, sizeof cols);
	binlog_decoder_watch(s.d, "rowimg", "upd", cols, 3);
	feed_none(&s, 19, map, maplen);
	/* ...then 2: the TABLE_MAP no longer matches. */
	binlog_decoder_watch(s.d, "rowimg", "upd", cols, 2);
	cause = NULL;
	assert_int_equal(feed(&s, 19, 0, map, maplen, false, &item, &cause),
	    -1);
	assert_non_null(strstr(cause, "3 columns in the binlog but 2"));
	free(cause);

	/* Rows that do not decode against their TABLE_MAP. */
	binlog_decoder_watch(s.d, "rowimg", "upd", NULL, 0);
	feed_none(&s, 19, map, maplen);
	cause = NULL;
	assert_int_equal(feed(&s, 23, 0, write, writelen - 3, false, &item,
	    &cause), -1);
	assert_non_null(strstr(cause, "rowimg.upd"));
	free(cause);
	binlog_decoder_free(s.d);
}

/* Truncated and mutated events of every kind the decoder parses: never a
 * crash or a read past the event (ASan), always 0 or -1. */
static void
test_decoder_garbage(void **state)
{
	static const char	*names[] = { "upd_map", "upd_write1",
	    "upd_update1", "upd_delete1", "ints_map", "ints_write1" };
	static const uint8_t	 types[] = { 19, 23, 24, 25, 30, 31, 166, 167,
	    169, 2, 4, 15, 16, 33, 162, 165 };
	struct stream		 s = stream_open("f.000001", 4, true);
	struct binlog_item	*item;
	const uint8_t		*body, *umap, *imap;
	uint8_t			 m[256];
	size_t			 len, n, i, t, k, ulen, ilen;
	uint32_t		 seed = 1;
	char			*cause;

	binlog_decoder_watch(s.d, "rowimg", "upd", NULL, 0);
	binlog_decoder_watch(s.d, "rowimg", "ints", NULL, 0);
	umap = fixture("upd_map", &ulen);
	imap = fixture("ints_map", &ilen);
	for (i = 0; i < nitems(names); i++) {
		body = fixture(names[i], &len);
		assert_true(len <= sizeof m);
		for (t = 0; t < nitems(types); t++) {
			for (n = 0; n <= len; n++) {
				/* The map first, so rows are decoded. */
				feed(&s, 19, 0, umap, ulen, false, &item, NULL);
				cause = NULL;
				item = NULL;
				feed(&s, types[t], 0, body, n, false, &item,
				    &cause);
				binlog_item_free(item);
				free(cause);
			}
			for (k = 0; k < 64; k++) {
				memcpy(m, body, len);
				seed = seed * 1103515245 + 12345;
				m[(seed >> 8) % len] ^= (uint8_t)(1 +
				    (seed >> 16) % 255);
				feed(&s, 19, 0, imap, ilen, false, &item, NULL);
				cause = NULL;
				item = NULL;
				feed(&s, types[t], 0, m, len, false, &item,
				    &cause);
				binlog_item_free(item);
				free(cause);
			}
		}
	}
	binlog_decoder_free(s.d);
}

static void
test_decoder_stmt_end_and_rotate(void **state)
{
	struct stream		 s = stream_open("f.000009", 1000, false);
	struct binlog_item	*item;
	const uint8_t		*map, *write;
	size_t			 maplen, writelen, n;
	uint8_t			 b[128], w[64];

	map = fixture("upd_map", &maplen);
	write = fixture("upd_write1", &writelen);
	binlog_decoder_watch(s.d, "rowimg", "upd", NULL, 0);

	n = gtid_body(b, 0, 1, 0);
	feed_none(&s, 162, b, n);
	feed_none(&s, 19, map, maplen);
	/* Without STMT_END_F the map stays for the next rows event. */
	memcpy(w, write, writelen);
	w[6] = 0;
	item = feed_item(&s, 23, w, writelen, BINLOG_ITEM_ROWS);
	binlog_item_free(item);
	item = feed_item(&s, 23, write, writelen, BINLOG_ITEM_ROWS);
	binlog_item_free(item);
	/* After STMT_END_F it is gone: rows without a map are not ours. */
	feed_none(&s, 23, write, writelen);
	item = feed_item(&s, 16, xid_body, 8, BINLOG_ITEM_COMMIT);
	binlog_item_free(item);

	/* A MySQL-style FDE with a smaller log_pos does not go back. */
	n = fde_body(b, 0);
	{
		struct ev	e = mkev(15, 0, 1, 120, 0, b, n, false);

		assert_int_equal(binlog_decoder_feed(s.d, e.p, e.len, 0, &item,
		    NULL), 0);
		free(e.p);
	}
	assert_int_equal(binlog_decoder_position(s.d)->pos, s.pos);

	/* A real ROTATE at the end of the file: its log_pos is in the old
	 * file, the body names the next. */
	n = rotate_body(b, "f.000010", 4);
	feed_none(&s, 4, b, n);
	assert_string_equal(binlog_decoder_position(s.d)->file, "f.000010");
	assert_int_equal(binlog_decoder_position(s.d)->pos, 4);
	assert_string_equal(binlog_decoder_resume(s.d)->file, "f.000010");
	assert_int_equal(binlog_decoder_resume(s.d)->pos, 4);
	s.pos = 4;
	n = fde_body(b, 0);
	feed_none(&s, 15, b, n);
	assert_int_equal(binlog_decoder_resume(s.d)->pos, 4 + 19 + 100);
	binlog_decoder_free(s.d);
}

static void
test_decoder_reset(void **state)
{
	struct stream		 s = stream_open("f.000001", 500, true);
	struct binlog_item	*item;
	const uint8_t		*map, *write;
	size_t			 maplen, writelen, n;
	uint8_t			 b[128];
	uint32_t		 trx_start;

	map = fixture("upd_map", &maplen);
	write = fixture("upd_write1", &writelen);
	binlog_decoder_watch(s.d, "rowimg", "upd", NULL, 0);

	/* A transaction cut after its first rows event... */
	trx_start = s.pos;
	n = gtid_body(b, 0, 7, 0);
	feed_none(&s, 162, b, n);
	feed_none(&s, 19, map, maplen);
	item = feed_item(&s, 23, write, writelen, BINLOG_ITEM_ROWS);
	binlog_item_free(item);
	/* ...resumes at its start, with no TABLE_MAP left. */
	binlog_decoder_reset(s.d, true);
	assert_int_equal(binlog_decoder_position(s.d)->pos, trx_start);
	assert_int_equal(binlog_decoder_resume(s.d)->pos, trx_start);
	s.pos = trx_start;
	n = rotate_body(b, "f.000001", trx_start);
	assert_int_equal(feed(&s, 4, 0x20, b, n, true, &item, NULL), 0);
	feed_none(&s, 23, write, writelen);

	/* The transaction again, whole. */
	s.pos = trx_start;
	n = gtid_body(b, 0, 7, 0);
	feed_none(&s, 162, b, n);
	feed_none(&s, 19, map, maplen);
	item = feed_item(&s, 23, write, writelen, BINLOG_ITEM_ROWS);
	assert_string_equal(item->coords.gtid, "0-1-7");
	binlog_item_free(item);
	item = feed_item(&s, 16, xid_body, 8, BINLOG_ITEM_COMMIT);
	binlog_item_free(item);
	binlog_decoder_free(s.d);
}

static void
test_decoder_gtid_start(void **state)
{
	struct binlog_decoder	*d;
	struct binlog_coords	 start;
	struct stream		 s;
	struct binlog_item	*item;
	uint8_t			 b[128];
	size_t			 n;

	coords_init(&start);
	coords_set_gtid(&start, "0-1-5,1-2-3");
	d = binlog_decoder_create(&start, true);
	coords_release(&start);
	assert_null(binlog_decoder_resume(d)->file);
	assert_string_equal(binlog_decoder_resume(d)->gtid, "0-1-5,1-2-3");

	s.d = d;
	s.crc = true;
	s.pos = 4;
	s.now = 1;
	/* The server names the file it found the GTID in. */
	n = rotate_body(b, "m.000002", 4);
	assert_int_equal(feed(&s, 4, 0x20, b, n, true, &item, NULL), 0);
	n = fde_body(b, 1);
	feed_none(&s, 15, b, n);
	/* Resume by GTID even though the file is known now. */
	assert_string_equal(binlog_decoder_resume(d)->file, "m.000002");
	assert_string_equal(binlog_decoder_resume(d)->gtid, "0-1-5,1-2-3");
	s.pos = 900;
	n = gtid_body(b, 0, 6, 0);
	feed_none(&s, 162, b, n);
	item = feed_item(&s, 16, xid_body, 8, BINLOG_ITEM_COMMIT);
	assert_string_equal(item->coords.gtid, "0-1-6");
	assert_string_equal(item->coords.file, "m.000002");
	binlog_item_free(item);
	assert_string_equal(binlog_decoder_resume(d)->gtid, "0-1-6,1-2-3");
	binlog_decoder_free(d);
}

/*
 * The reader without a server.
 */

static void
test_reader_start_errors(void **state)
{
	struct event_base	*base = event_base_new();
	struct dbconn_params	 p = { .host = "127.0.0.1", .port = 1,
	    .user = "u", .password = "p", .connect_timeout = 1,
	    .rw_timeout = 1 };
	struct binlog_reader	*r;
	struct binlog_coords	 c;
	char			*cause = NULL;

	r = binlog_create(base, &p, 77, 0, NULL, NULL);
	coords_init(&c);
	assert_int_equal(binlog_start(r, NULL, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(binlog_start(r, &c, &cause), -1);
	assert_non_null(strstr(cause, "no binlog coordinates"));
	free(cause);
	coords_set(&c, "f.000001", 3);
	cause = NULL;
	assert_int_equal(binlog_start(r, &c, &cause), -1);
	free(cause);
	coords_set(&c, NULL, 0);
	coords_set_gtid(&c, "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5");
	cause = NULL;
	assert_int_equal(binlog_start(r, &c, &cause), -1);
	assert_non_null(strstr(cause, "MariaDB"));
	free(cause);
	coords_release(&c);
	assert_int_equal(binlog_backlog(r), 0);
	/* Never started: free has no thread to stop. */
	binlog_free(r);
	binlog_free(NULL);
	event_base_free(base);
}

/* Items collected by a test's callback. */
struct collect {
	struct event_base	*base;
	struct binlog_item	**items;
	size_t			 n;
	size_t			 cap;
	const char		*until_gtid;	/* stop at this COMMIT */
	size_t			 until_n;	/* or at this many items */
	bool			 done;
	bool			 timed_out;
	struct binlog_reader	*free_on_error;
};

static void
collect_cb(struct binlog_item *item, void *arg)
{
	struct collect	*c = arg;

	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 64 : c->cap * 2;
		c->items = xreallocarray(c->items, c->cap, sizeof *c->items);
	}
	c->items[c->n++] = item;
	if (item->kind == BINLOG_ITEM_ERROR) {
		c->done = true;
		if (c->free_on_error != NULL) {
			/* Freeing the reader from its own callback. */
			binlog_free(c->free_on_error);
			c->free_on_error = NULL;
		}
	}
	if (item->kind == BINLOG_ITEM_COMMIT && c->until_gtid != NULL &&
	    item->coords.gtid != NULL &&
	    strcmp(item->coords.gtid, c->until_gtid) == 0)
		c->done = true;
	if (c->until_n > 0 && c->n >= c->until_n)
		c->done = true;
	if (c->done)
		event_base_loopbreak(c->base);
}

static void
collect_timeout_cb(evutil_socket_t fd, short events, void *arg)
{
	struct collect	*c = arg;

	c->timed_out = true;
	event_base_loopbreak(c->base);
}

/* Run the loop until the collector is done or ms pass. */
static void
run_loop(struct collect *c, unsigned ms)
{
	struct event	*t = evtimer_new(c->base, collect_timeout_cb, c);
	struct timeval	 tv = { ms / 1000, (ms % 1000) * 1000 };

	c->timed_out = false;
	evtimer_add(t, &tv);
	while (!c->done && !c->timed_out)
		event_base_loop(c->base, EVLOOP_ONCE);
	event_free(t);
}

static void
collect_release(struct collect *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		binlog_item_free(c->items[i]);
	free(c->items);
	c->items = NULL;
	c->n = c->cap = 0;
}

/* A loopback port nobody listens on. */
static int
closed_port(void)
{
	int	port, fd = test_listen_loopback(&port);

	assert_true(fd >= 0);
	close(fd);
	return port;
}

static void
test_reader_refused(void **state)
{
	struct collect		 c = { 0 };
	struct dbconn_params	 p = { .host = "127.0.0.1", .user = "u",
	    .password = "p", .connect_timeout = 2, .rw_timeout = 2 };
	struct binlog_reader	*r;
	struct binlog_coords	 start;

	c.base = event_base_new();
	p.port = closed_port();
	r = binlog_create(c.base, &p, 78, 0, collect_cb, &c);
	coords_init(&start);
	coords_set(&start, "mariadb-bin.000001", 4);
	assert_int_equal(binlog_start(r, &start, NULL), 0);
	coords_release(&start);
	c.free_on_error = r;
	run_loop(&c, 5000);
	/* The first connection failed: one ERROR, and the reader was freed
	 * from inside the callback. */
	assert_false(c.timed_out);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.items[0]->kind, BINLOG_ITEM_ERROR);
	assert_non_null(strstr(c.items[0]->cause, "binlog: "));
	assert_string_equal(c.items[0]->coords.file, "mariadb-bin.000001");
	assert_null(c.free_on_error);
	collect_release(&c);
	event_base_free(c.base);
}

static void
test_reader_stop_in_connect(void **state)
{
	struct collect		 c = { 0 };
	struct dbconn_params	 p = { .host = "127.0.0.1", .user = "u",
	    .password = "p", .connect_timeout = 30, .rw_timeout = 30 };
	struct binlog_reader	*r;
	struct binlog_coords	 start;
	uint64_t		 t0, took;
	int			 fd;

	/* A server that takes the connection but never greets. */
	fd = test_listen_loopback(&p.port);
	assert_true(fd >= 0);

	c.base = event_base_new();
	r = binlog_create(c.base, &p, 79, 0, collect_cb, &c);
	coords_init(&start);
	coords_set(&start, "mariadb-bin.000001", 4);
	assert_int_equal(binlog_start(r, &start, NULL), 0);
	coords_release(&start);
	run_loop(&c, 300);
	assert_int_equal(c.n, 0);
	t0 = util_now_ms();
	binlog_free(r);
	took = util_now_ms() - t0;
	assert_true(took < 1000);
	close(fd);
	collect_release(&c);
	event_base_free(c.base);
}

/*
 * With a server.
 */

struct server {
	char	*host;
	int	 port;
	char	*user;
	char	*password;
};

/* The test server from the environment, or false. */
static bool
server_get(struct server *s)
{
	const char	*m = getenv("WISP_TEST_MASTER");

	memset(s, 0, sizeof *s);
	if (m == NULL || *m == '\0')
		return false;
	if (util_parse_host_port(m, 3306, &s->host, &s->port) != 0)
		fail_msg("bad WISP_TEST_MASTER %s", m);
	s->user = getenv("WISP_TEST_USER") != NULL ?
	    getenv("WISP_TEST_USER") : "gh-ost";
	s->password = getenv("WISP_TEST_PASSWORD") != NULL ?
	    getenv("WISP_TEST_PASSWORD") : "gh-ost";
	return true;
}

static MYSQL *
server_connect(const struct server *s)
{
	MYSQL	*m = mysql_init(NULL);

	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(m, s->host, s->user, s->password, NULL,
	    (unsigned)s->port, NULL, 0) == NULL)
		fail_msg("connect %s:%d: %s", s->host, s->port, mysql_error(m));
	return m;
}

static void printflike(2, 3)
sql(MYSQL *m, const char *fmt, ...)
{
	va_list		 ap;
	char		*q;
	MYSQL_RES	*res;

	va_start(ap, fmt);
	q = xvasprintf(fmt, ap);
	va_end(ap);
	if (mysql_query(m, q) != 0)
		fail_msg("%s: %s", q, mysql_error(m));
	if ((res = mysql_store_result(m)) != NULL)
		mysql_free_result(res);
	free(q);
}

/* The first column of the first row, allocated; NULL for none. */
static char *
sql_value(MYSQL *m, const char *q)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	char		*v = NULL;

	if (mysql_query(m, q) != 0 || (res = mysql_store_result(m)) == NULL)
		fail_msg("%s: %s", q, mysql_error(m));
	if ((row = mysql_fetch_row(res)) != NULL && row[0] != NULL)
		v = xstrdup(row[0]);
	mysql_free_result(res);
	return v;
}

/* SHOW MASTER STATUS as coords. */
static void
master_status(MYSQL *m, struct binlog_coords *c)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;

	if (mysql_query(m, "SHOW MASTER STATUS") != 0 ||
	    (res = mysql_store_result(m)) == NULL ||
	    (row = mysql_fetch_row(res)) == NULL)
		fail_msg("SHOW MASTER STATUS: %s", mysql_error(m));
	coords_init(c);
	coords_set(c, row[0], strtoull(row[1], NULL, 10));
	mysql_free_result(res);
}

/* A server id unique to this run and call. */
static unsigned
next_server_id(void)
{
	static unsigned	n;

	return 2000000u + ((unsigned)getpid() % 100000u) * 10u + n++;
}

/* The schema facts of wisp_binlog_test.t (see db_setup). */
#define T_NCOLS 10
static void
t_schema(struct rowimage_column *cols)
{
	memset(cols, 0, T_NCOLS * sizeof *cols);
	cols[1].is_unsigned = true;			/* u */
	rowimage_column_set_charset(&cols[2], "utf8mb4");	/* s */
	rowimage_column_set_charset(&cols[3], "binary");	/* b */
	rowimage_column_set_charset(&cols[7], "binary");	/* bin */
	cols[7].pad_length = 4;
	rowimage_column_set_charset(&cols[6], "utf8mb4");	/* e */
}

/* A fresh table and a reader started at the current position. */
struct fixture_db {
	struct server		 srv;
	MYSQL			*m;
	struct collect		 c;
	struct binlog_reader	*r;
	struct binlog_coords	 start;
};

static int
db_setup(void **state)
{
	struct fixture_db	*f = xcalloc(1, sizeof *f);

	*state = f;
	if (!server_get(&f->srv))
		return 0;
	f->m = server_connect(&f->srv);
	sql(f->m, "CREATE DATABASE IF NOT EXISTS wisp_binlog_test");
	sql(f->m, "DROP TABLE IF EXISTS wisp_binlog_test.t");
	sql(f->m, "CREATE TABLE wisp_binlog_test.t ("
	    "id INT NOT NULL PRIMARY KEY, u INT UNSIGNED, "
	    "s VARCHAR(32) CHARACTER SET utf8mb4, b LONGBLOB, "
	    "d DECIMAL(10,2), dt DATETIME(3), "
	    "e ENUM('a','b','c') CHARACTER SET utf8mb4, bin BINARY(4), "
	    "f DOUBLE, ts TIMESTAMP(6) NULL) ENGINE=InnoDB");
	f->c.base = event_base_new();
	master_status(f->m, &f->start);
	return 0;
}

/* Create and start a reader on the fixture's table. */
static void
db_reader(struct fixture_db *f, const struct binlog_coords *at)
{
	struct dbconn_params	p = { .host = f->srv.host,
	    .port = f->srv.port, .user = f->srv.user,
	    .password = f->srv.password, .connect_timeout = 5,
	    .rw_timeout = 10 };
	struct rowimage_column	cols[T_NCOLS];
	char			*cause = NULL;

	t_schema(cols);
	f->r = binlog_create(f->c.base, &p, next_server_id(), 0, collect_cb,
	    &f->c);
	binlog_watch(f->r, "wisp_binlog_test", "t", cols, T_NCOLS);
	if (binlog_start(f->r, at != NULL ? at : &f->start, &cause) != 0)
		fail_msg("binlog_start: %s", cause);
}

static int
db_teardown(void **state)
{
	struct fixture_db	*f = *state;

	binlog_free(f->r);
	collect_release(&f->c);
	if (f->c.base != NULL)
		event_base_free(f->c.base);
	if (f->m != NULL) {
		sql(f->m, "DROP TABLE IF EXISTS wisp_binlog_test.t");
		mysql_close(f->m);
	}
	coords_release(&f->start);
	free(f->srv.host);
	free(f);
	return 0;
}

/* The GTID of the session's last transaction. */
static char *
last_gtid(MYSQL *m)
{
	return sql_value(m, "SELECT @@last_gtid");
}

/* Wait for the COMMIT of gtid; fails after secs seconds. */
static void
wait_commit_for(struct fixture_db *f, const char *gtid, unsigned secs)
{
	size_t	i;

	for (i = 0; i < f->c.n; i++) {
		if (f->c.items[i]->kind == BINLOG_ITEM_COMMIT &&
		    f->c.items[i]->coords.gtid != NULL &&
		    strcmp(f->c.items[i]->coords.gtid, gtid) == 0)
			return;
	}
	f->c.until_gtid = gtid;
	f->c.done = false;
	run_loop(&f->c, secs * 1000);
	f->c.until_gtid = NULL;
	if (f->c.timed_out)
		fail_msg("no COMMIT for %s after %u s (%zu items)", gtid, secs,
		    f->c.n);
	if (f->c.items[f->c.n - 1]->kind == BINLOG_ITEM_ERROR)
		fail_msg("binlog error: %s", f->c.items[f->c.n - 1]->cause);
}

static void
wait_commit(struct fixture_db *f, const char *gtid)
{
	wait_commit_for(f, gtid, 20);
}

/* The ROWS items with the gtid, in order, into out; their count. */
static size_t
rows_of(struct fixture_db *f, const char *gtid, struct binlog_item **out,
    size_t max)
{
	size_t	i, n = 0;

	for (i = 0; i < f->c.n && n < max; i++) {
		if (f->c.items[i]->kind == BINLOG_ITEM_ROWS &&
		    strcmp(f->c.items[i]->coords.gtid, gtid) == 0)
			out[n++] = f->c.items[i];
	}
	return n;
}

/* The value of column col of a row image. */
static const struct rowimage_value *
col(const struct rowimage_row *row, unsigned i)
{
	assert_true(i < row->ncols);
	return &row->values[i];
}

static void
test_server_rows(void **state)
{
	struct fixture_db	*f = *state;
	struct binlog_item	*rows[8], *it, *prev;
	struct binlog_coords	 end;
	char			*g[5], *blob;
	const struct rowimage_value *v;
	size_t			 i, n, ncommit;

	if (f->m == NULL)
		skip();
	db_reader(f, NULL);

	sql(f->m, "INSERT INTO wisp_binlog_test.t VALUES "
	    "(1, 4294967295, 'héllo', 'ab\\0c', -12.50, "
	    "'2024-01-02 03:04:05.123', 'b', 'x', 1.5, "
	    "'2024-05-06 07:08:09.000010'), "
	    "(2, 0, '', NULL, 0, '1000-01-01 00:00:00', 'a', 'wxyz', -0.25, "
	    "NULL), "
	    "(3, 7, NULL, '', 99999999.99, NULL, 'c', NULL, NULL, NULL)");
	g[0] = last_gtid(f->m);
	sql(f->m, "UPDATE wisp_binlog_test.t SET u = IF(u > 100, NULL, u + 1), "
	    "s = CONCAT(s, '!') "
	    "WHERE id <= 2");
	g[1] = last_gtid(f->m);
	sql(f->m, "DELETE FROM wisp_binlog_test.t WHERE id = 3");
	g[2] = last_gtid(f->m);
	sql(f->m, "INSERT INTO wisp_binlog_test.t (id, b) VALUES "
	    "(4, REPEAT('0123456789abcdef', 4480))");
	g[3] = last_gtid(f->m);
	sql(f->m, "BEGIN");
	sql(f->m, "INSERT INTO wisp_binlog_test.t (id, u) VALUES (5, 5)");
	sql(f->m, "UPDATE wisp_binlog_test.t SET e = 'c' WHERE id = 1");
	sql(f->m, "DELETE FROM wisp_binlog_test.t WHERE id = 2");
	sql(f->m, "COMMIT");
	g[4] = last_gtid(f->m);
	master_status(f->m, &end);
	wait_commit(f, g[4]);

	/* INSERT of three rows: one WRITE event. */
	assert_int_equal(rows_of(f, g[0], rows, 8), 1);
	it = rows[0];
	assert_string_equal(it->db, "wisp_binlog_test");
	assert_string_equal(it->table, "t");
	assert_int_equal(it->rows.event_type, ROWIMAGE_EV_WRITE_ROWS_V1);
	assert_int_equal(it->rows.nrows, 3);
	v = col(&it->rows.after[0], 0);
	assert_int_equal(v->kind, ROWIMAGE_INT);
	assert_int_equal(v->v.i, 1);
	v = col(&it->rows.after[0], 1);
	assert_int_equal(v->kind, ROWIMAGE_UINT);
	assert_true(v->v.u == 4294967295u);
	v = col(&it->rows.after[0], 2);
	assert_int_equal(v->kind, ROWIMAGE_STRING);
	assert_string_equal(v->str, "héllo");
	assert_string_equal(v->charset, "utf8mb4");
	v = col(&it->rows.after[0], 3);
	assert_int_equal(v->kind, ROWIMAGE_BYTES);
	assert_int_equal(v->len, 4);
	assert_memory_equal(v->str, "ab\0c", 4);
	v = col(&it->rows.after[0], 4);
	assert_int_equal(v->kind, ROWIMAGE_DECIMAL);
	assert_string_equal(v->str, "-12.50");
	v = col(&it->rows.after[0], 5);
	assert_int_equal(v->kind, ROWIMAGE_DATETIME);
	assert_string_equal(v->str, "2024-01-02 03:04:05.123");
	v = col(&it->rows.after[0], 6);
	assert_int_equal(v->kind, ROWIMAGE_ENUM);
	assert_int_equal(v->v.u, 2);
	v = col(&it->rows.after[0], 7);
	assert_int_equal(v->kind, ROWIMAGE_BYTES);
	assert_int_equal(v->len, 4);
	assert_memory_equal(v->str, "x\0\0\0", 4);
	v = col(&it->rows.after[0], 8);
	assert_int_equal(v->kind, ROWIMAGE_DOUBLE);
	assert_true(v->v.d == 1.5);
	v = col(&it->rows.after[0], 9);
	assert_int_equal(v->kind, ROWIMAGE_TIMESTAMP);
	assert_int_equal(v->v.ts.usec, 10);
	v = col(&it->rows.after[1], 5);
	assert_string_equal(v->str, "1000-01-01 00:00:00.000");
	assert_int_equal(col(&it->rows.after[1], 3)->kind, ROWIMAGE_NULL);
	assert_int_equal(col(&it->rows.after[1], 2)->len, 0);
	assert_true(col(&it->rows.after[1], 8)->v.d == -0.25);
	assert_string_equal(col(&it->rows.after[2], 4)->str, "99999999.99");
	assert_int_equal(col(&it->rows.after[2], 3)->len, 0);

	/* Multi-row UPDATE: before and after images of both rows. */
	assert_int_equal(rows_of(f, g[1], rows, 8), 1);
	it = rows[0];
	assert_int_equal(it->rows.event_type, ROWIMAGE_EV_UPDATE_ROWS_V1);
	assert_int_equal(it->rows.nrows, 2);
	assert_true(col(&it->rows.before[0], 1)->v.u == 4294967295u);
	assert_int_equal(col(&it->rows.after[0], 1)->kind, ROWIMAGE_NULL);
	assert_string_equal(col(&it->rows.after[0], 2)->str, "héllo!");
	assert_int_equal(col(&it->rows.before[1], 1)->v.u, 0);
	assert_int_equal(col(&it->rows.after[1], 1)->v.u, 1);
	assert_string_equal(col(&it->rows.after[1], 2)->str, "!");

	/* DELETE: the before image. */
	assert_int_equal(rows_of(f, g[2], rows, 8), 1);
	it = rows[0];
	assert_int_equal(it->rows.event_type, ROWIMAGE_EV_DELETE_ROWS_V1);
	assert_null(it->rows.after);
	assert_int_equal(col(&it->rows.before[0], 0)->v.i, 3);

	/* The 70 KB blob. */
	assert_int_equal(rows_of(f, g[3], rows, 8), 1);
	v = col(&rows[0]->rows.after[0], 3);
	assert_int_equal(v->kind, ROWIMAGE_BYTES);
	assert_int_equal(v->len, 16 * 4480);
	blob = xmalloc(16 * 4480);
	for (i = 0; i < 4480; i++)
		memcpy(blob + 16 * i, "0123456789abcdef", 16);
	assert_memory_equal(v->str, blob, 16 * 4480);
	free(blob);

	/* The transaction: three statements, one COMMIT. */
	assert_int_equal(rows_of(f, g[4], rows, 8), 3);
	assert_int_equal(rows[0]->rows.event_type, ROWIMAGE_EV_WRITE_ROWS_V1);
	assert_int_equal(rows[1]->rows.event_type, ROWIMAGE_EV_UPDATE_ROWS_V1);
	assert_int_equal(col(&rows[1]->rows.after[0], 6)->v.u, 3);
	assert_int_equal(rows[2]->rows.event_type, ROWIMAGE_EV_DELETE_ROWS_V1);

	/* Order: positions only grow; each transaction's rows come before
	 * its COMMIT, the COMMITs in the order of the statements, and the
	 * last one ends where SHOW MASTER STATUS said. */
	prev = NULL;
	ncommit = 0;
	for (i = 0; i < f->c.n; i++) {
		it = f->c.items[i];
		assert_int_not_equal(it->kind, BINLOG_ITEM_ERROR);
		if (prev != NULL)
			assert_true(coords_compare(&prev->coords,
			    &it->coords) < 0);
		if (it->kind == BINLOG_ITEM_COMMIT) {
			for (n = 0; n < 5; n++) {
				if (strcmp(it->coords.gtid, g[n]) == 0)
					break;
			}
			assert_int_equal(n, ncommit);
			ncommit++;
		} else
			assert_string_equal(it->coords.gtid, g[ncommit]);
		prev = it;
	}
	assert_int_equal(ncommit, 5);
	assert_int_equal(coords_compare(&prev->coords, &end), 0);
	assert_int_equal(coords_compare(binlog_position(f->r), &end), 0);
	assert_int_equal(binlog_backlog(f->r), 0);
	coords_release(&end);
	for (i = 0; i < 5; i++)
		free(g[i]);
}

/* The id of our dump thread: the newest Binlog Dump of our user. */
static char *
dump_thread(MYSQL *m, const char *user)
{
	char	q[256];

	snprintf(q, sizeof q, "SELECT ID FROM information_schema.PROCESSLIST "
	    "WHERE COMMAND = 'Binlog Dump' AND USER = '%s' ORDER BY ID DESC "
	    "LIMIT 1", user);
	return sql_value(m, q);
}

static void
test_server_reconnect(void **state)
{
	struct fixture_db	*f = *state;
	struct binlog_item	*rows[8];
	char			*g1, *g2, *g3, *id, *id2;
	int			 i;

	if (f->m == NULL)
		skip();
	db_reader(f, NULL);
	sql(f->m, "INSERT INTO wisp_binlog_test.t (id) VALUES (100)");
	g1 = last_gtid(f->m);
	wait_commit(f, g1);

	id = dump_thread(f->m, f->srv.user);
	assert_non_null(id);
	sql(f->m, "KILL %s", id);
	/* Rows written while the reader is away come after it reconnects. */
	sql(f->m, "INSERT INTO wisp_binlog_test.t (id) VALUES (101)");
	g2 = last_gtid(f->m);
	sql(f->m, "INSERT INTO wisp_binlog_test.t (id) VALUES (102)");
	g3 = last_gtid(f->m);
	wait_commit(f, g3);
	assert_int_equal(rows_of(f, g2, rows, 8), 1);
	assert_int_equal(col(&rows[0]->rows.after[0], 0)->v.i, 101);
	assert_int_equal(rows_of(f, g3, rows, 8), 1);
	assert_int_equal(col(&rows[0]->rows.after[0], 0)->v.i, 102);
	/* Nothing twice: the cut fell between transactions. */
	assert_int_equal(rows_of(f, g1, rows, 8), 1);

	/* A new dump thread serves us. */
	id2 = NULL;
	for (i = 0; i < 50 && id2 == NULL; i++) {
		id2 = dump_thread(f->m, f->srv.user);
		if (id2 != NULL && strcmp(id2, id) == 0) {
			free(id2);
			id2 = NULL;
			usleep(100000);
		}
	}
	assert_non_null(id2);
	free(id);
	free(id2);
	free(g1);
	free(g2);
	free(g3);
}

static void
test_server_gtid_start(void **state)
{
	struct fixture_db	*f = *state;
	struct binlog_item	*rows[8];
	struct binlog_coords	 at;
	char			*pos, *g1, *g2, *g3, *id;

	if (f->m == NULL)
		skip();
	/* Written before the start position: must not be delivered. */
	sql(f->m, "INSERT INTO wisp_binlog_test.t (id) VALUES (400)");
	g1 = last_gtid(f->m);
	pos = sql_value(f->m, "SELECT @@global.gtid_binlog_pos");
	coords_init(&at);
	coords_set_gtid(&at, pos);
	db_reader(f, &at);
	coords_release(&at);
	sql(f->m, "INSERT INTO wisp_binlog_test.t (id) VALUES (401)");
	g2 = last_gtid(f->m);
	wait_commit(f, g2);
	assert_int_equal(rows_of(f, g1, rows, 8), 0);
	assert_int_equal(rows_of(f, g2, rows, 8), 1);
	assert_int_equal(col(&rows[0]->rows.after[0], 0)->v.i, 401);
	/* The server told the file: items carry file:pos. */
	assert_non_null(rows[0]->coords.file);

	/* Reconnect by GTID. */
	id = dump_thread(f->m, f->srv.user);
	assert_non_null(id);
	sql(f->m, "KILL %s", id);
	sql(f->m, "INSERT INTO wisp_binlog_test.t (id) VALUES (402)");
	g3 = last_gtid(f->m);
	wait_commit(f, g3);
	assert_int_equal(rows_of(f, g2, rows, 8), 1);
	assert_int_equal(rows_of(f, g3, rows, 8), 1);
	assert_int_equal(col(&rows[0]->rows.after[0], 0)->v.i, 402);
	free(id);
	free(pos);
	free(g1);
	free(g2);
	free(g3);
}

static void
test_server_stop(void **state)
{
	struct fixture_db	*f = *state;
	uint64_t		 t0, took;
	char			*g;

	if (f->m == NULL)
		skip();
	db_reader(f, NULL);
	sql(f->m, "INSERT INTO wisp_binlog_test.t (id) VALUES (200)");
	g = last_gtid(f->m);
	wait_commit(f, g);
	free(g);
	/* Let it wait in fetch (heartbeats come every second). */
	f->c.done = false;
	run_loop(&f->c, 1500);
	t0 = util_now_ms();
	binlog_free(f->r);
	took = util_now_ms() - t0;
	f->r = NULL;
	print_message("binlog_free took %" PRIu64 " ms\n", took);
	assert_true(took < 1000);
}

static void
test_server_pause(void **state)
{
	struct fixture_db	*f = *state;
	size_t			 b1, b2, nrows = 0, i;
	char			*g;

	if (f->m == NULL)
		skip();
	/* 30000 rows in 3000 transactions, written before the reader
	 * starts. */
	for (i = 0; i < 3000; i++)
		sql(f->m, "INSERT INTO wisp_binlog_test.t (id, s) SELECT seq, "
		    "'x' FROM wisp_binlog_test.seq_%zu_to_%zu", 1000 + i * 10, 1009 + i * 10);
	g = last_gtid(f->m);
	db_reader(f, NULL);
	binlog_pause(f->r, true);
	/* Paused: the queue fills to its bound and stays there. */
	usleep(1500000);
	b1 = binlog_backlog(f->r);
	usleep(300000);
	b2 = binlog_backlog(f->r);
	print_message("backlog while paused: %zu\n", b1);
	assert_true(b1 > 0 && b1 <= 1000);
	assert_int_equal(b1, b2);
	f->c.done = false;
	run_loop(&f->c, 300);
	assert_int_equal(f->c.n, 0);
	binlog_pause(f->r, false);
	wait_commit(f, g);
	for (i = 0; i < f->c.n; i++) {
		if (f->c.items[i]->kind == BINLOG_ITEM_ROWS)
			nrows += f->c.items[i]->rows.nrows;
	}
	assert_int_equal(nrows, 30000);
	free(g);
}

static void
test_server_compressed(void **state)
{
	struct fixture_db	*f = *state;
	struct binlog_item	*rows[8];
	char			*old, *g, q[256];
	const struct rowimage_value *v;
	MYSQL_RES		*res;
	MYSQL_ROW		 row;
	int			 compressed = 0;

	if (f->m == NULL)
		skip();
	old = sql_value(f->m, "SELECT @@global.log_bin_compress");
	sql(f->m, "SET GLOBAL log_bin_compress = ON");
	db_reader(f, NULL);
	sql(f->m, "INSERT INTO wisp_binlog_test.t (id, b) VALUES "
	    "(300, REPEAT('z', 5000)), (301, REPEAT('y', 300))");
	sql(f->m, "UPDATE wisp_binlog_test.t SET b = REPEAT('w', 4000) "
	    "WHERE id = 300");
	g = last_gtid(f->m);
	sql(f->m, "SET GLOBAL log_bin_compress = %s", old);
	/* The server did write compressed events. */
	snprintf(q, sizeof q, "SHOW BINLOG EVENTS IN '%s' FROM %" PRIu64,
	    f->start.file, f->start.pos);
	if (mysql_query(f->m, q) != 0 ||
	    (res = mysql_store_result(f->m)) == NULL)
		fail_msg("%s: %s", q, mysql_error(f->m));
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (strstr(row[2], "compressed") != NULL)
			compressed++;
	}
	mysql_free_result(res);
	assert_int_equal(compressed, 2);
	wait_commit(f, g);
	assert_int_equal(rows_of(f, g, rows, 8), 1);
	v = col(&rows[0]->rows.before[0], 3);
	assert_int_equal(v->len, 5000);
	v = col(&rows[0]->rows.after[0], 3);
	assert_int_equal(v->len, 4000);
	assert_int_equal(v->str[3999], 'w');
	free(old);
	free(g);
}

static void
test_server_throughput(void **state)
{
	struct fixture_db	*f = *state;
	size_t			 nrows = 0, i, nitems;
	uint64_t		 t0, ms;
	char			*g;

	if (f->m == NULL)
		skip();
	/* 400000 rows, in events of about 8 KB, before the reader starts. */
	sql(f->m, "INSERT INTO wisp_binlog_test.t (id, u, s) SELECT seq, seq, "
	    "'abcdefgh' FROM wisp_binlog_test.seq_1_to_400000");
	sql(f->m, "UPDATE wisp_binlog_test.t SET u = u + 1");
	g = last_gtid(f->m);
	t0 = util_now_ms();
	db_reader(f, NULL);
	wait_commit_for(f, g, 300);
	ms = util_now_ms() - t0;
	nitems = f->c.n;
	for (i = 0; i < f->c.n; i++) {
		if (f->c.items[i]->kind == BINLOG_ITEM_ROWS)
			nrows += f->c.items[i]->rows.nrows;
	}
	assert_int_equal(nrows, 800000);
	print_message("throughput: %zu row changes (%zu items) in %" PRIu64
	    " ms: %.0f rows/s\n", nrows, nitems, ms, ms > 0 ?
	    nrows * 1000.0 / (double)ms : 0.0);
	free(g);
}

int
main(void)
{
	const struct CMUnitTest unit[] = {
		cmocka_unit_test(test_queue_fifo),
		cmocka_unit_test(test_queue_backpressure),
		cmocka_unit_test(test_queue_close),
		cmocka_unit_test(test_queue_push_wait),
		cmocka_unit_test(test_queue_wait_half),
		cmocka_unit_test(test_queue_bytes_and_force),
		cmocka_unit_test(test_decoder_transaction),
		cmocka_unit_test(test_decoder_unwatched_and_pacing),
		cmocka_unit_test(test_decoder_ddl_and_myisam),
		cmocka_unit_test(test_decoder_mysql_gtid_v2),
		cmocka_unit_test(test_decoder_compressed),
		cmocka_unit_test(test_decoder_errors),
		cmocka_unit_test(test_decoder_garbage),
		cmocka_unit_test(test_decoder_stmt_end_and_rotate),
		cmocka_unit_test(test_decoder_reset),
		cmocka_unit_test(test_decoder_gtid_start),
		cmocka_unit_test(test_reader_start_errors),
		cmocka_unit_test(test_reader_refused),
		cmocka_unit_test(test_reader_stop_in_connect),
	};
	const struct CMUnitTest server[] = {
		cmocka_unit_test_setup_teardown(test_server_rows, db_setup,
		    db_teardown),
		cmocka_unit_test_setup_teardown(test_server_reconnect, db_setup,
		    db_teardown),
		cmocka_unit_test_setup_teardown(test_server_gtid_start,
		    db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_server_stop, db_setup,
		    db_teardown),
		cmocka_unit_test_setup_teardown(test_server_pause, db_setup,
		    db_teardown),
		cmocka_unit_test_setup_teardown(test_server_compressed,
		    db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_server_throughput,
		    db_setup, db_teardown),
	};
	int	rc;

	log_set_level(LOG_LEVEL_ERROR);
	rc = cmocka_run_group_tests_name("binlog", unit, NULL, NULL);
	rc += cmocka_run_group_tests_name("binlog_server", server, NULL, NULL);
	return rc;
}
