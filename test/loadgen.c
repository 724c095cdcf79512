/*
 * loadgen.c: a write load for the engine tests (test/integration/engine.sh).
 *
 * Every transaction makes the SAME change to the migrated table and to a
 * reference table that is never migrated, inside one transaction, so after
 * the migration the two must hold the same rows on their shared columns.
 * The load keeps running through the cut-over: every statement names its
 * columns, and only columns both the old and the new table have.
 *
 * Two schemas (-k):
 *
 *   id         id bigint auto_increment primary key, a int, b varchar(64)
 *              utf8mb4, c datetime, d decimal(12,3), e varchar(32) null,
 *              f smallint null, g timestamp(3) null, h char(8) latin1 null
 *   composite  primary key (k1 int, k2 varchar(20)), then a..h as above
 *
 * Transactions: inserts, single-row updates, multi-row (range) updates,
 * deletes, primary key changes (into a key space no other statement uses:
 * negative ids, or k2 = 'm<n>.<old>'), and updates of every non-key column
 * type, including setting nullable columns to NULL and back.
 *
 * Deadlocks, lock wait timeouts, a missing table (the two-step cut-over's
 * short outage) and lost connections roll back and retry the transaction;
 * since both tables change in one transaction, a rollback keeps them equal.
 * Any other error is counted as fatal and makes the exit status 1.
 *
 * A test tool, not wisp: blocking client API, one connection per thread.
 *
 *   loadgen -H host -P port -u user [-p password] -D db [-t table] [-r ref]
 *           [-k id|composite] [-j threads] [-R tx/s] [-s seconds]
 *           [-S stop-file] [-n initial-rows] [-x seed] [-q]
 *
 * Runs until -s seconds passed or the stop file exists (whichever first;
 * with neither, until SIGINT/SIGTERM). Prints "loadgen: progress tx=N" once
 * a second, and at the end one line of counts:
 *
 *   loadgen: tx=N tps=N inserts=N updates=N ranges=N deletes=N moves=N
 *            nulls=N retries=N deadlocks=N timeouts=N missing=N lost=N
 *            fatal=N max_ms=N
 *
 * Build: cc -O2 -o build/loadgen test/loadgen.c \
 *            $(pkg-config --cflags --libs libmariadb) -lpthread
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>
#include <errmsg.h>

#define MAX_THREADS	32
#define MAX_RETRIES	1000	/* per transaction */
#define MOVE_STRIDE	10000000000LL	/* id moves: id - k * stride */

/* Options. */
static const char	*opt_host = "127.0.0.1";
static unsigned		 opt_port = 3306;
static const char	*opt_user = "root";
static const char	*opt_password = "";
static const char	*opt_db;
static const char	*opt_table = "t";
static const char	*opt_ref = "ref";
static bool		 opt_composite;
static int		 opt_threads = 2;
static double		 opt_rate;	/* tx/s over all threads; 0: flat out */
static double		 opt_seconds;
static const char	*opt_stop_file;
static int64_t		 opt_rows = 1000;
static unsigned		 opt_seed = 1;
static bool		 opt_quiet;

/* Shared state. */
static atomic_bool	 stop_flag;
static atomic_llong	 max_id;	/* highest id we know of (id schema) */
static atomic_llong	 next_move = 1;	/* key space of the next move */
static atomic_llong	 next_insert = 1; /* composite: unique k2 suffix */

/* Counters, summed over threads. */
enum counter {
	C_TX, C_INSERTS, C_UPDATES, C_RANGES, C_DELETES, C_MOVES, C_NULLS,
	C_RETRIES, C_DEADLOCKS, C_TIMEOUTS, C_MISSING, C_LOST, C_FATAL,
	C_COUNT
};
static const char *counter_names[C_COUNT] = {
	"tx", "inserts", "updates", "ranges", "deletes", "moves", "nulls",
	"retries", "deadlocks", "timeouts", "missing", "lost", "fatal",
};
static atomic_llong	 counters[C_COUNT];
static atomic_llong	 max_latency_ms;

struct worker {
	int		 n;
	pthread_t	 thread;
	MYSQL		*conn;
	unsigned	 rng;
	int		 last_errno;
	char		 last_error[512];
	/* Counts of the transaction being tried, added only on commit. */
	long long	 pending[C_COUNT];
};

static void
usage(void)
{
	fprintf(stderr, "usage: loadgen -H host -P port -u user [-p password] "
	    "-D db [-t table] [-r ref] [-k id|composite] [-j threads] "
	    "[-R tx/s] [-s seconds] [-S stop-file] [-n initial-rows] "
	    "[-x seed] [-q]\n");
	exit(2);
}

static uint64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
on_signal(int sig)
{
	(void)sig;
	atomic_store(&stop_flag, true);
}

/* Is it time to stop? */
static bool
should_stop(uint64_t deadline)
{
	struct stat	st;

	if (atomic_load(&stop_flag))
		return true;
	if (deadline != 0 && now_ms() >= deadline) {
		atomic_store(&stop_flag, true);
		return true;
	}
	if (opt_stop_file != NULL && stat(opt_stop_file, &st) == 0) {
		atomic_store(&stop_flag, true);
		return true;
	}
	return false;
}

static unsigned
rnd(struct worker *w, unsigned n)
{
	return n == 0 ? 0 : (unsigned)(rand_r(&w->rng) % n);
}

/* ---- growable SQL text ---- */

struct sql {
	char	*s;
	size_t	 len, cap;
};

static void
sql_addf(struct sql *q, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(q->s + q->len, q->cap - q->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if ((size_t)n < q->cap - q->len) {
			q->len += (size_t)n;
			return;
		}
		q->cap = (q->cap + (size_t)n + 1) * 2;
		q->s = realloc(q->s, q->cap);
		if (q->s == NULL)
			abort();
	}
}

static void
sql_reset(struct sql *q)
{
	if (q->s == NULL) {
		q->cap = 1024;
		q->s = malloc(q->cap);
		if (q->s == NULL)
			abort();
	}
	q->len = 0;
	q->s[0] = '\0';
}

/* Append a quoted string literal. */
static void
sql_addq(struct sql *q, MYSQL *conn, const char *v)
{
	size_t	 n = strlen(v);
	char	*esc = malloc(2 * n + 1);

	if (esc == NULL)
		abort();
	mysql_real_escape_string(conn, esc, v, (unsigned long)n);
	sql_addf(q, "'%s'", esc);
	free(esc);
}

/* ---- values ---- */

static const char *b_values[] = {
	"plain", "héllo wörld", "日本語のテキスト", "emoji 😀 ok", "",
	"it's quoted", "back\\slash", "tab\there", "x", "ÄÖÜ äöü ß",
	"percent % and _", "trailing space ",
};
static const char *h_values[] = {	/* latin1 */
	"café", "naïve", "abc", "Zürich", "", "o'k",
};

/* A column assignment "col = value" list for an update of non-key columns,
 * drawn from every type; deterministic given the row, so the same statement
 * gives the same result on t and ref. */
static void
add_assignments(struct worker *w, struct sql *q)
{
	int	 n = 1 + (int)rnd(w, 3), i, first = 1;

	for (i = 0; i < n; i++) {
		sql_addf(q, first ? " " : ", ");
		first = 0;
		switch (rnd(w, 9)) {
		case 0:
			sql_addf(q, "a = a + %u", 1 + rnd(w, 100));
			break;
		case 1:
			sql_addf(q, "b = ");
			sql_addq(q, w->conn, b_values[rnd(w,
			    sizeof b_values / sizeof *b_values)]);
			break;
		case 2:
			sql_addf(q, "c = '20%02u-%02u-%02u %02u:%02u:%02u'",
			    rnd(w, 30), 1 + rnd(w, 12), 1 + rnd(w, 28),
			    rnd(w, 24), rnd(w, 60), rnd(w, 60));
			break;
		case 3:
			sql_addf(q, "d = %s%u.%03u", rnd(w, 2) ? "-" : "",
			    rnd(w, 1000000), rnd(w, 1000));
			break;
		case 4:
			/* NULL and back */
			sql_addf(q, "e = if(e is null, 'back-%u', null)",
			    rnd(w, 1000));
			w->pending[C_NULLS]++;
			break;
		case 5:
			if (rnd(w, 3) == 0) {
				sql_addf(q, "f = null");
				w->pending[C_NULLS]++;
			} else
				sql_addf(q, "f = %d", (int)rnd(w, 65536) - 32768);
			break;
		case 6:
			if (rnd(w, 3) == 0) {
				sql_addf(q, "g = null");
				w->pending[C_NULLS]++;
			} else
				sql_addf(q, "g = '20%02u-%02u-%02u %02u:%02u:%02u.%03u'",
				    10 + rnd(w, 20), 1 + rnd(w, 12),
				    1 + rnd(w, 28), rnd(w, 24), rnd(w, 60),
				    rnd(w, 60), rnd(w, 1000));
			break;
		case 7:
			if (rnd(w, 3) == 0) {
				sql_addf(q, "h = null");
				w->pending[C_NULLS]++;
			} else {
				sql_addf(q, "h = ");
				sql_addq(q, w->conn, h_values[rnd(w,
				    sizeof h_values / sizeof *h_values)]);
			}
			break;
		default:
			sql_addf(q, "a = -a, d = d * 2");
			break;
		}
	}
}

/* The non-key values of a new row, in column order a..h. */
static void
add_row_values(struct worker *w, struct sql *q)
{
	sql_addf(q, "%d, ", (int)rnd(w, 2000000) - 1000000);
	sql_addq(q, w->conn, b_values[rnd(w, sizeof b_values / sizeof *b_values)]);
	sql_addf(q, ", '20%02u-%02u-%02u %02u:%02u:%02u', %s%u.%03u, ",
	    rnd(w, 30), 1 + rnd(w, 12), 1 + rnd(w, 28), rnd(w, 24), rnd(w, 60),
	    rnd(w, 60), rnd(w, 2) ? "-" : "", rnd(w, 1000000), rnd(w, 1000));
	if (rnd(w, 4) == 0)
		sql_addf(q, "null, ");
	else
		sql_addf(q, "'ins-%u', ", rnd(w, 100000));
	if (rnd(w, 4) == 0)
		sql_addf(q, "null, ");
	else
		sql_addf(q, "%d, ", (int)rnd(w, 65536) - 32768);
	if (rnd(w, 4) == 0)
		sql_addf(q, "null, ");
	else
		sql_addf(q, "'20%02u-%02u-%02u %02u:%02u:%02u.%03u', ",
		    10 + rnd(w, 20), 1 + rnd(w, 12), 1 + rnd(w, 28),
		    rnd(w, 24), rnd(w, 60), rnd(w, 60), rnd(w, 1000));
	if (rnd(w, 4) == 0)
		sql_addf(q, "null");
	else
		sql_addq(q, w->conn, h_values[rnd(w,
		    sizeof h_values / sizeof *h_values)]);
}

/* ---- running statements ---- */

/* Kinds of failure. */
enum outcome { OK, RETRY, FATAL };

static enum outcome
classify(struct worker *w)
{
	unsigned	e = mysql_errno(w->conn);

	w->last_errno = (int)e;
	snprintf(w->last_error, sizeof w->last_error, "%s",
	    mysql_error(w->conn));
	switch (e) {
	case 1213:	/* ER_LOCK_DEADLOCK */
		atomic_fetch_add(&counters[C_DEADLOCKS], 1);
		return RETRY;
	case 1205:	/* ER_LOCK_WAIT_TIMEOUT */
		atomic_fetch_add(&counters[C_TIMEOUTS], 1);
		return RETRY;
	case 1146:	/* ER_NO_SUCH_TABLE: the two-step cut-over's outage */
		atomic_fetch_add(&counters[C_MISSING], 1);
		return RETRY;
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case 1927:	/* ER_CONNECTION_KILLED */
	case 1053:	/* ER_SERVER_SHUTDOWN */
		atomic_fetch_add(&counters[C_LOST], 1);
		mysql_close(w->conn);
		w->conn = NULL;
		return RETRY;
	default:
		return FATAL;
	}
}

static enum outcome
run(struct worker *w, const char *sql)
{
	if (mysql_real_query(w->conn, sql, (unsigned long)strlen(sql)) != 0)
		return classify(w);
	/* No statement here returns rows, but drain just in case. */
	mysql_free_result(mysql_store_result(w->conn));
	return OK;
}

/* Run sql twice: with {T} replaced by the migrated table, then by ref. */
static enum outcome
run_both(struct worker *w, const char *tmpl)
{
	struct sql	 q = { 0 };
	const char	*p, *tables[2] = { opt_table, opt_ref };
	enum outcome	 rc = OK;
	int		 i;

	for (i = 0; i < 2 && rc == OK; i++) {
		sql_reset(&q);
		for (p = tmpl; *p != '\0'; p++) {
			if (strncmp(p, "{T}", 3) == 0) {
				sql_addf(&q, "`%s`", tables[i]);
				p += 2;
			} else
				sql_addf(&q, "%c", *p);
		}
		rc = run(w, q.s);
	}
	free(q.s);
	return rc;
}

static int
connect_worker(struct worker *w)
{
	unsigned	timeout = 60;
	bool		reconnect = false;

	w->conn = mysql_init(NULL);
	if (w->conn == NULL)
		return -1;
	mysql_options(w->conn, MYSQL_OPT_READ_TIMEOUT, &timeout);
	mysql_options(w->conn, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
	mysql_options(w->conn, MYSQL_OPT_RECONNECT, &reconnect);
	mysql_options(w->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(w->conn, opt_host, opt_user, opt_password,
	    opt_db, opt_port, NULL, 0) == NULL) {
		snprintf(w->last_error, sizeof w->last_error, "%s",
		    mysql_error(w->conn));
		mysql_close(w->conn);
		w->conn = NULL;
		return -1;
	}
	run(w, "set session innodb_lock_wait_timeout = 10");
	return 0;
}

/* A random existing-or-recently-existing key: a positive id, or now and
 * then a row that was moved to the negative space. */
static long long
pick_id(struct worker *w)
{
	long long	top = atomic_load(&max_id);

	if (top < 1)
		top = 1;
	return 1 + (long long)(((uint64_t)rand_r(&w->rng) << 16 ^
	    (uint64_t)rand_r(&w->rng)) % (uint64_t)top);
}

static long long
pick_k1(struct worker *w)
{
	long long	groups = opt_rows / 10 + 1;

	return (long long)(((uint64_t)rand_r(&w->rng) << 16 ^
	    (uint64_t)rand_r(&w->rng)) % (uint64_t)groups);
}

/* ---- transactions, id schema ---- */

static enum outcome
id_insert(struct worker *w)
{
	struct sql	 q = { 0 };
	enum outcome	 rc;
	long long	 id;

	sql_reset(&q);
	sql_addf(&q, "insert into `%s` (a, b, c, d, e, f, g, h) values (",
	    opt_table);
	add_row_values(w, &q);
	sql_addf(&q, ")");
	rc = run(w, q.s);
	if (rc == OK) {
		id = (long long)mysql_insert_id(w->conn);
		/* Same values, same id, into ref. */
		char *vals = strstr(q.s, "values (") + 8;
		struct sql r = { 0 };

		sql_reset(&r);
		sql_addf(&r, "insert into `%s` (id, a, b, c, d, e, f, g, h) "
		    "values (%lld, %s", opt_ref, id, vals);
		rc = run(w, r.s);
		free(r.s);
		for (long long m = atomic_load(&max_id); id > m &&
		    !atomic_compare_exchange_weak(&max_id, &m, id);)
			;
		w->pending[C_INSERTS]++;
	}
	free(q.s);
	return rc;
}

static enum outcome
id_update(struct worker *w)
{
	struct sql	 q = { 0 };
	enum outcome	 rc;

	sql_reset(&q);
	sql_addf(&q, "update {T} set");
	add_assignments(w, &q);
	if (rnd(w, 10) == 0)
		/* a row moved away earlier */
		sql_addf(&q, " where id < 0 and id >= %lld order by id limit 1",
		    -(long long)(1 + rnd(w, (unsigned)atomic_load(&next_move))) *
		    MOVE_STRIDE);
	else
		sql_addf(&q, " where id = %lld", pick_id(w));
	rc = run_both(w, q.s);
	free(q.s);
	w->pending[C_UPDATES]++;
	return rc;
}

static enum outcome
id_range(struct worker *w)
{
	struct sql	 q = { 0 };
	enum outcome	 rc;
	long long	 id = pick_id(w);

	sql_reset(&q);
	sql_addf(&q, "update {T} set");
	add_assignments(w, &q);
	sql_addf(&q, " where id between %lld and %lld", id,
	    id + 2 + rnd(w, 20));
	rc = run_both(w, q.s);
	free(q.s);
	w->pending[C_RANGES]++;
	return rc;
}

static enum outcome
id_delete(struct worker *w)
{
	char		 q[200];
	long long	 id = pick_id(w);

	if (rnd(w, 3) == 0)
		snprintf(q, sizeof q, "delete from {T} where id between %lld "
		    "and %lld", id, id + 1 + rnd(w, 3));
	else
		snprintf(q, sizeof q, "delete from {T} where id = %lld", id);
	w->pending[C_DELETES]++;
	return run_both(w, q);
}

/* Change the primary key: rows of a small positive range move to
 * id - k * MOVE_STRIDE, a space of their own (k is never reused). */
static enum outcome
id_move(struct worker *w)
{
	char		 q[300];
	long long	 id = pick_id(w);
	long long	 k = atomic_fetch_add(&next_move, 1);

	snprintf(q, sizeof q, "update {T} set id = id - %lld, a = a + 1 "
	    "where id between %lld and %lld", k * MOVE_STRIDE, id,
	    id + rnd(w, 4));
	w->pending[C_MOVES]++;
	return run_both(w, q);
}

/* ---- transactions, composite schema ---- */

static enum outcome
ck_insert(struct worker *w)
{
	struct sql	 q = { 0 };
	enum outcome	 rc;

	sql_reset(&q);
	sql_addf(&q, "insert into {T} (k1, k2, a, b, c, d, e, f, g, h) "
	    "values (%lld, 'i%lld', ", pick_k1(w),
	    (long long)atomic_fetch_add(&next_insert, 1));
	add_row_values(w, &q);
	sql_addf(&q, ")");
	rc = run_both(w, q.s);
	free(q.s);
	w->pending[C_INSERTS]++;
	return rc;
}

static enum outcome
ck_update(struct worker *w)
{
	struct sql	 q = { 0 };
	enum outcome	 rc;

	sql_reset(&q);
	sql_addf(&q, "update {T} set");
	add_assignments(w, &q);
	if (rnd(w, 10) == 0)
		sql_addf(&q, " where k1 = %lld and k2 > 'm' order by k2 "
		    "limit 1", pick_k1(w));
	else
		sql_addf(&q, " where k1 = %lld and k2 = 'r%u'", pick_k1(w),
		    rnd(w, 10));
	rc = run_both(w, q.s);
	free(q.s);
	w->pending[C_UPDATES]++;
	return rc;
}

static enum outcome
ck_range(struct worker *w)
{
	struct sql	 q = { 0 };
	enum outcome	 rc;
	long long	 k1 = pick_k1(w);

	sql_reset(&q);
	sql_addf(&q, "update {T} set");
	add_assignments(w, &q);
	if (rnd(w, 2))
		sql_addf(&q, " where k1 = %lld", k1);
	else
		sql_addf(&q, " where k1 between %lld and %lld and k2 < 'r5'",
		    k1, k1 + 1);
	rc = run_both(w, q.s);
	free(q.s);
	w->pending[C_RANGES]++;
	return rc;
}

static enum outcome
ck_delete(struct worker *w)
{
	char	q[200];

	if (rnd(w, 4) == 0)
		snprintf(q, sizeof q, "delete from {T} where k1 = %lld and "
		    "k2 like 'i%%' order by k2 limit 1", pick_k1(w));
	else
		snprintf(q, sizeof q, "delete from {T} where k1 = %lld and "
		    "k2 = 'r%u'", pick_k1(w), rnd(w, 10));
	w->pending[C_DELETES]++;
	return run_both(w, q);
}

/* Change the key: k2 moves to 'm<k>.<old>' (k never reused), and half the
 * time k1 changes too; only original rows ('r%') move. */
static enum outcome
ck_move(struct worker *w)
{
	char		 q[300];
	long long	 k = atomic_fetch_add(&next_move, 1);

	snprintf(q, sizeof q, "update {T} set k2 = concat('m%lld.', k2)%s "
	    "where k1 = %lld and k2 in ('r%u', 'r%u')", k,
	    rnd(w, 2) ? ", k1 = k1 + 1" : "", pick_k1(w), rnd(w, 10),
	    rnd(w, 10));
	w->pending[C_MOVES]++;
	return run_both(w, q);
}

/* ---- the worker ---- */

typedef enum outcome (*op_fn)(struct worker *);

/* One transaction of one to three operations. */
static enum outcome
transaction(struct worker *w)
{
	static const op_fn id_ops[] = {
		id_insert, id_insert, id_insert, id_update, id_update,
		id_update, id_range, id_range, id_delete, id_delete, id_move,
	};
	static const op_fn ck_ops[] = {
		ck_insert, ck_insert, ck_insert, ck_update, ck_update,
		ck_update, ck_range, ck_range, ck_delete, ck_delete, ck_move,
	};
	const op_fn	*ops = opt_composite ? ck_ops : id_ops;
	size_t		 nops = opt_composite ? sizeof ck_ops / sizeof *ck_ops :
			    sizeof id_ops / sizeof *id_ops;
	int		 n = 1 + (int)rnd(w, 3), i;
	enum outcome	 rc;

	memset(w->pending, 0, sizeof w->pending);
	rc = run(w, "start transaction");
	for (i = 0; i < n && rc == OK; i++)
		rc = ops[rnd(w, (unsigned)nops)](w);
	if (rc == OK)
		rc = run(w, "commit");
	if (rc != OK && w->conn != NULL)
		mysql_query(w->conn, "rollback");
	return rc;
}

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	uint64_t	 deadline = 0, next = now_ms(), start, took;
	double		 interval = 0;
	int		 tries, c;
	enum outcome	 rc;

	if (opt_seconds > 0)
		deadline = now_ms() + (uint64_t)(opt_seconds * 1000);
	if (opt_rate > 0)
		interval = 1000.0 * opt_threads / opt_rate;
	while (!should_stop(deadline)) {
		if (interval > 0) {
			uint64_t now = now_ms();

			if (now < next) {
				usleep((useconds_t)((next - now) * 1000));
				continue;
			}
			next += (uint64_t)interval;
			if (next + 1000 < now)	/* do not burst after a stall */
				next = now;
		}
		start = now_ms();
		for (tries = 0;; tries++) {
			if (w->conn == NULL && connect_worker(w) != 0) {
				atomic_fetch_add(&counters[C_LOST], 1);
				if (should_stop(0))
					break;
				usleep(100000);
				continue;
			}
			rc = transaction(w);
			if (rc == OK) {
				for (c = 0; c < C_COUNT; c++)
					if (w->pending[c] != 0)
						atomic_fetch_add(&counters[c],
						    w->pending[c]);
				atomic_fetch_add(&counters[C_TX], 1);
				break;
			}
			if (rc == FATAL || tries >= MAX_RETRIES) {
				atomic_fetch_add(&counters[C_FATAL], 1);
				fprintf(stderr, "loadgen: thread %d: error %d: "
				    "%s\n", w->n, w->last_errno, w->last_error);
				break;
			}
			atomic_fetch_add(&counters[C_RETRIES], 1);
			if (w->last_errno == 1146 || w->conn == NULL)
				usleep(10000);
		}
		took = now_ms() - start;
		for (long long m = atomic_load(&max_latency_ms);
		    (long long)took > m && !atomic_compare_exchange_weak(
		    &max_latency_ms, &m, (long long)took);)
			;
	}
	if (w->conn != NULL)
		mysql_close(w->conn);
	return NULL;
}

int
main(int argc, char **argv)
{
	struct worker	 workers[MAX_THREADS];
	struct sigaction sa;
	uint64_t	 start, last_print, elapsed;
	int		 opt, i;

	while ((opt = getopt(argc, argv, "H:P:u:p:D:t:r:k:j:R:s:S:n:x:q")) != -1) {
		switch (opt) {
		case 'H': opt_host = optarg; break;
		case 'P': opt_port = (unsigned)atoi(optarg); break;
		case 'u': opt_user = optarg; break;
		case 'p': opt_password = optarg; break;
		case 'D': opt_db = optarg; break;
		case 't': opt_table = optarg; break;
		case 'r': opt_ref = optarg; break;
		case 'k':
			if (strcmp(optarg, "composite") == 0)
				opt_composite = true;
			else if (strcmp(optarg, "id") != 0)
				usage();
			break;
		case 'j': opt_threads = atoi(optarg); break;
		case 'R': opt_rate = atof(optarg); break;
		case 's': opt_seconds = atof(optarg); break;
		case 'S': opt_stop_file = optarg; break;
		case 'n': opt_rows = atoll(optarg); break;
		case 'x': opt_seed = (unsigned)atoi(optarg); break;
		case 'q': opt_quiet = true; break;
		default: usage();
		}
	}
	if (opt_db == NULL || opt_threads < 1 || opt_threads > MAX_THREADS)
		usage();
	atomic_store(&max_id, opt_rows);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (mysql_library_init(0, NULL, NULL) != 0) {
		fprintf(stderr, "loadgen: mysql_library_init failed\n");
		return 1;
	}
	/* Fail early and clearly if the server is not there. */
	memset(workers, 0, sizeof workers);
	for (i = 0; i < opt_threads; i++) {
		workers[i].n = i;
		workers[i].rng = opt_seed * 7919u + (unsigned)i * 104729u;
		if (connect_worker(&workers[i]) != 0) {
			fprintf(stderr, "loadgen: cannot connect to %s:%u: %s\n",
			    opt_host, opt_port, workers[i].last_error);
			return 1;
		}
	}
	start = last_print = now_ms();
	for (i = 0; i < opt_threads; i++)
		if (pthread_create(&workers[i].thread, NULL, worker_main,
		    &workers[i]) != 0) {
			fprintf(stderr, "loadgen: pthread_create failed\n");
			return 1;
		}
	while (!atomic_load(&stop_flag)) {
		usleep(50000);
		if (!opt_quiet && now_ms() - last_print >= 1000) {
			last_print = now_ms();
			printf("loadgen: progress tx=%lld\n",
			    (long long)atomic_load(&counters[C_TX]));
		}
		if (opt_seconds <= 0 && opt_stop_file == NULL)
			continue;
		should_stop(opt_seconds > 0 ?
		    start + (uint64_t)(opt_seconds * 1000) : 0);
	}
	for (i = 0; i < opt_threads; i++)
		pthread_join(workers[i].thread, NULL);
	elapsed = now_ms() - start;
	printf("loadgen:");
	for (i = 0; i < C_COUNT; i++) {
		printf(" %s=%lld", counter_names[i],
		    (long long)atomic_load(&counters[i]));
		if (i == C_TX)
			printf(" tps=%.0f", elapsed == 0 ? 0.0 :
			    (double)atomic_load(&counters[C_TX]) * 1000.0 /
			    (double)elapsed);
	}
	printf(" max_ms=%lld\n", (long long)atomic_load(&max_latency_ms));
	mysql_library_end();
	return atomic_load(&counters[C_FATAL]) > 0 ? 1 : 0;
}
