/* chunker.c: copy concurrency and chunk sizing by time. */
#include "common.h"

#include "chunker.h"

#define CHUNKER_AUTO_MIN	2
#define CHUNKER_AUTO_MAX	4

/* Do chunks lock the whole ghost? Mode 2 ("interleaved") is the only one
 * without the AUTO-INC table lock for INSERT .. SELECT; unknown counts as
 * the default, 1. */
bool
chunker_table_locked(const struct chunker_facts *f)
{
	return !f->transactional ||
	    (f->ghost_autoinc && f->autoinc_lock_mode != 2);
}

/* Choose the number of chunks in flight. */
unsigned
chunker_concurrency(const struct chunker_facts *f, enum chunker_reason *why)
{
	long	n;

	if (f->requested > 0) {
		*why = CHUNKER_GIVEN;
		return f->requested > CHUNKER_MAX_CONCURRENCY ?
		    CHUNKER_MAX_CONCURRENCY : (unsigned)f->requested;
	}
	if (!f->transactional) {
		*why = CHUNKER_TABLE_LOCKS;
		return 1;
	}
	if (f->ghost_autoinc && f->autoinc_lock_mode != 2) {
		*why = CHUNKER_AUTOINC;
		return 1;
	}
	*why = CHUNKER_CORES;
	n = f->cores;
	if (n < CHUNKER_AUTO_MIN)
		n = CHUNKER_AUTO_MIN;
	if (n > CHUNKER_AUTO_MAX)
		n = CHUNKER_AUTO_MAX;
	return (unsigned)n;
}

/* The reason in words. */
const char *
chunker_reason_text(enum chunker_reason why)
{
	switch (why) {
	case CHUNKER_GIVEN:
		return "as given by --copy-concurrency";
	case CHUNKER_CORES:
		return "from the cores";
	case CHUNKER_AUTOINC:
		return "the ghost table has an AUTO_INCREMENT column and "
		    "innodb_autoinc_lock_mode is not 2, so INSERT .. SELECT "
		    "chunks would queue on the table's AUTO-INC lock";
	case CHUNKER_TABLE_LOCKS:
		return "the table's engine locks whole tables";
	}
	return "";
}

/* Clamp rows into the allowed range. */
static int64_t
chunker_clamp(int64_t rows)
{
	if (rows < CHUNKER_MIN_ROWS)
		return CHUNKER_MIN_ROWS;
	if (rows > CHUNKER_MAX_ROWS)
		return CHUNKER_MAX_ROWS;
	return rows;
}

/* Start with initial_rows; adjust toward target_seconds if not 0. */
void
chunker_init(struct chunker *c, double target_seconds, int64_t initial_rows)
{
	memset(c, 0, sizeof *c);
	c->target_ms = target_seconds > 0 ? target_seconds * 1000.0 : 0;
	c->base = chunker_clamp(initial_rows);
}

/* A fixed size from now on. */
void
chunker_set_rows(struct chunker *c, int64_t rows)
{
	chunker_init(c, 0, rows);
}

static int
chunker_cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of n values (reordered). */
static double
chunker_median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, chunker_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* Fit ms = a + b * rows to the window: b the median slope of the pairs
 * whose sizes differ by at least 15%, a the median residual. False when
 * fewer than 3 pairs qualify. */
static bool
chunker_fit(const struct chunker *c, double *a, double *b)
{
	double		 slopes[CHUNKER_WINDOW * (CHUNKER_WINDOW - 1) / 2];
	double		 rest[CHUNKER_WINDOW];
	size_t		 n, i, j, k = 0;
	int64_t		 ni, nj, hi;

	n = c->seen < CHUNKER_WINDOW ? c->seen : CHUNKER_WINDOW;
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			ni = c->win_rows[i];
			nj = c->win_rows[j];
			hi = ni > nj ? ni : nj;
			if ((double)(ni > nj ? ni - nj : nj - ni) <
			    0.15 * (double)hi)
				continue;
			slopes[k++] = (c->win_ms[j] - c->win_ms[i]) /
			    (double)(nj - ni);
		}
	}
	if (k < 3)
		return false;
	*b = chunker_median(slopes, k);
	for (i = 0; i < n; i++)
		rest[i] = c->win_ms[i] - *b * (double)c->win_rows[i];
	*a = chunker_median(rest, n);
	if (*a < 0)
		*a = 0;
	return true;
}

/* Learn from a finished chunk. */
void
chunker_observe(struct chunker *c, int64_t rows, uint64_t ms)
{
	double	a = 0, b, t, want, predicted;

	if (c->target_ms <= 0 || rows <= 0)
		return;
	/* A chunk faster than the clock's resolution counts as 1 ms. */
	t = (double)(ms > 0 ? ms : 1);
	c->win_rows[c->seen % CHUNKER_WINDOW] = rows;
	c->win_ms[c->seen % CHUNKER_WINDOW] = t;
	c->seen++;
	if (!chunker_fit(c, &a, &b)) {
		a = 0;
		b = t / (double)rows;
	}
	/* No time per row to be seen (bigger chunks took no longer): grow. */
	want = b > 0 ? c->target_ms / b : 2.0 * (double)c->base;
	/* Far slower than the target and the model: rows heavier than it
	 * knew (a chunk holds its row locks that long). Shrink at once to
	 * what this chunk's rows took each. */
	predicted = a + (b > 0 ? b * (double)rows : 0);
	if (t > 2.0 * c->target_ms && t > 2.0 * predicted &&
	    c->target_ms * (double)rows / (t - a) < want)
		want = c->target_ms * (double)rows / (t - a);
	/* Grow gently, at most twice per chunk (a fast chunk may have read
	 * cached pages). */
	if (want > 2.0 * (double)c->base)
		want = 2.0 * (double)c->base;
	if (want > (double)CHUNKER_MAX_ROWS)
		want = (double)CHUNKER_MAX_ROWS;
	c->base = chunker_clamp((int64_t)want);
}

/* Rows of the next chunk: the chosen size, and while sizing by time,
 * from the second chunk on, alternately a fifth above and below it. */
int64_t
chunker_rows(const struct chunker *c)
{
	double	f;

	if (c->target_ms <= 0 || c->seen == 0)
		return c->base;
	f = c->seen % 2 == 1 ? 1.2 : 0.8;
	return chunker_clamp((int64_t)((double)c->base * f + 0.5));
}
