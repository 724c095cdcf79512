/* chunker.c: copy concurrency and chunk sizing by time. */
#include "common.h"

#include "chunker.h"

#define CHUNKER_AUTO_MIN	2
#define CHUNKER_AUTO_MAX	4
#define CHUNKER_SMOOTHING	0.3	/* weight of the newest chunk's rate */

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
	c->rows = chunker_clamp(initial_rows);
}

/* A fixed size from now on. */
void
chunker_set_rows(struct chunker *c, int64_t rows)
{
	c->target_ms = 0;
	c->rows_per_ms = 0;
	c->rows = chunker_clamp(rows);
}

/* Learn from a finished chunk. */
void
chunker_observe(struct chunker *c, int64_t rows, uint64_t ms)
{
	double	rate, want;

	if (c->target_ms <= 0 || rows <= 0)
		return;
	/* A chunk faster than the clock's resolution counts as 1 ms. */
	rate = (double)rows / (double)(ms > 0 ? ms : 1);
	if (c->rows_per_ms <= 0)
		c->rows_per_ms = rate;
	else
		c->rows_per_ms = CHUNKER_SMOOTHING * rate +
		    (1.0 - CHUNKER_SMOOTHING) * c->rows_per_ms;
	want = c->rows_per_ms * c->target_ms;
	/* Shrink at once after a chunk that took over twice the target (it
	 * held its row locks that long); grow gently, at most twice per
	 * chunk (a fast chunk may have read cached pages). */
	if ((double)ms > 2.0 * c->target_ms && rate * c->target_ms < want)
		want = rate * c->target_ms;
	if (want > 2.0 * (double)c->rows)
		want = 2.0 * (double)c->rows;
	if (want > (double)CHUNKER_MAX_ROWS)
		want = (double)CHUNKER_MAX_ROWS;
	c->rows = chunker_clamp((int64_t)want);
}

/* Rows of the next chunk. */
int64_t
chunker_rows(const struct chunker *c)
{
	return c->rows;
}
