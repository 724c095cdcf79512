/* chunker.h: how many row-copy chunks run at once, and how many rows each.
 *
 * Pure: the engine asks chunker_concurrency once, when the copy starts, and
 * feeds every finished chunk to a struct chunker, which gives the row count
 * of the next range lookup.
 *
 *   struct chunker ch;
 *   chunker_init(&ch, 0.1, 1000);       aim at 0.1 s per chunk, start at 1000
 *   n = chunker_rows(&ch);              rows of the next chunk
 *   chunker_observe(&ch, n, took_ms);   a chunk of n rows took took_ms
 *
 * Concurrency: with innodb_autoinc_lock_mode 0 or 1 (1 is the default) and
 * an AUTO_INCREMENT column in the ghost, every INSERT .. SELECT takes the
 * ghost's table-level AUTO-INC lock until it ends, even with explicit
 * values, so parallel chunks only queue behind each other while holding
 * their first shared row lock on the original (measured: no gain). A
 * non-transactional engine locks whole tables. Both get one chunk at a
 * time. Otherwise the online cores, bounded 2..4: each chunk is one server
 * thread reading and writing, and the server also has the binlog and the
 * application to serve. */
#ifndef WISP_CHUNKER_H
#define WISP_CHUNKER_H

#define CHUNKER_MAX_CONCURRENCY	16
#define CHUNKER_MIN_ROWS	10
#define CHUNKER_MAX_ROWS	100000

/* Why the concurrency is what it is (the log line says it). */
enum chunker_reason {
	CHUNKER_GIVEN,		/* --copy-concurrency */
	CHUNKER_CORES,		/* automatic: from the cores */
	CHUNKER_AUTOINC,	/* automatic: the AUTO-INC lock serializes */
	CHUNKER_TABLE_LOCKS,	/* automatic: not a transactional engine */
};

/* What the choice depends on. */
struct chunker_facts {
	int64_t		 requested;		/* --copy-concurrency, 0: auto */
	long		 cores;			/* online CPUs, <= 0 unknown */
	int		 autoinc_lock_mode;	/* the applier's; -1 unknown */
	bool		 ghost_autoinc;		/* AUTO_INCREMENT in the ghost */
	bool		 transactional;		/* row locks (InnoDB ..) */
};

/* Does a chunk's INSERT .. SELECT hold a table-level lock on the ghost
 * (the AUTO-INC lock, or the engine's)? Then the binlog DML, whose inserts
 * wait for that lock too, is not applied while a chunk runs: the two would
 * deadlock on any row the DML touched first. */
bool		chunker_table_locked(const struct chunker_facts *);
/* The number of chunks in flight, 1..CHUNKER_MAX_CONCURRENCY, and why. */
unsigned	chunker_concurrency(const struct chunker_facts *,
		    enum chunker_reason *);
/* The reason in words, for the log. */
const char	*chunker_reason_text(enum chunker_reason);

/* Rows per chunk by time. A chunk's time is taken as a fixed part (the
 * statement's round trip, and under a busy server the wait for a core or
 * for a row lock) plus a part per row; the target is given to the rows:
 * the next size is the target over the time per row, so a fixed part near
 * or over the target does not shrink chunks to nothing. The time per row
 * is the median slope between pairs of the last CHUNKER_WINDOW chunks
 * (Theil-Sen: a few chunks that waited long move it little), whose sizes
 * alternate a fifth above and below the chosen size (from the second
 * chunk on) so that the slope can be seen; until enough pairs differ in
 * size, all of a chunk's time counts as per row. A chunk over twice both
 * the target and what the model predicted shrinks the next one at once
 * (rows heavier than the model knew); otherwise a size grows at most
 * twice per chunk. Within CHUNKER_MIN_ROWS..CHUNKER_MAX_ROWS. With a
 * target of 0 the size stays what chunker_init or chunker_set_rows
 * gave. */
#define CHUNKER_WINDOW	16

struct chunker {
	double		 target_ms;		/* 0: fixed size */
	int64_t		 base;			/* the chosen size */
	unsigned	 seen;			/* chunks observed */
	int64_t		 win_rows[CHUNKER_WINDOW];	/* ring of the last */
	double		 win_ms[CHUNKER_WINDOW];	/* chunks */
};

void	 chunker_init(struct chunker *, double target_seconds,
	     int64_t initial_rows);
/* A fixed size from now on (gh-ost's chunk-size command). */
void	 chunker_set_rows(struct chunker *, int64_t rows);
/* A chunk of rows rows took ms milliseconds. */
void	 chunker_observe(struct chunker *, int64_t rows, uint64_t ms);
int64_t	 chunker_rows(const struct chunker *);

#endif
