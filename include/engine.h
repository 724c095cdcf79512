/* engine.h: the live part of a migration (--execute), on the event loop.
 *
 *   engine_stream   read the binlog position of the inspected server and
 *                   start the binlog reader there, before anything is
 *                   created, so that no change made during the copy is
 *                   missed (the original and changelog tables are watched);
 *   engine_wait_ghost_migrated
 *                   start the heartbeat, write the changelog state
 *                   GhostTableMigrated and wait to read it back through the
 *                   binlog: the stream works end to end;
 *   engine_run      copy ║ apply: binlog DML goes to the ghost in commit
 *                   order, always before the next chunk of the row copy,
 *                   one writer at a time; then the cut-over (atomic or
 *                   two-step, retried), then the changelog is dropped.
 * Every phase ends in the callback given to it; a failure at any time ends
 * in engine_done_fn with a cause. The original table is never written:
 * only read by the copy, locked and renamed by the cut-over. */
#ifndef WISP_ENGINE_H
#define WISP_ENGINE_H

struct migration_ctx;
struct engine;

/* cause is NULL on success, else allocated and owned by the callee. */
typedef void (*engine_fn)(void *arg, char *cause);

struct engine	*engine_create(struct migration_ctx *);
/* Abandon everything (closing sessions releases every lock) and free. */
void		 engine_free(struct engine *);
/* Start the binlog reader at the inspected server's current position. */
void		 engine_stream(struct engine *, engine_fn, void *);
/* Heartbeat on, GhostTableMigrated written and read back. */
void		 engine_wait_ghost_migrated(struct engine *, engine_fn, void *);
/* Copy, apply, cut over, clean up; done is called once at the end. */
void		 engine_run(struct engine *, engine_fn done, void *);
/* Has the row copy started writing to the ghost table? */
bool		 engine_copy_started(const struct engine *);

/* Progress, for hooks and the status command. */
struct engine_progress {
	int64_t		 rows_copied;
	int64_t		 rows_estimate;
	double		 progress;		/* percent */
	int64_t		 eta_seconds;		/* -1 unknown, 0 due */
	uint64_t	 elapsed_ms;
	uint64_t	 copy_elapsed_ms;
	double		 lag_seconds;
	double		 heartbeat_lag_seconds;
};
void		 engine_progress(struct engine *, struct engine_progress *);
/* The status line (and before it gh-ost's hint block when with_hint). */
void		 engine_status_text(struct engine *, struct buf *, bool with_hint);
/* "file:pos" of the last binlog commit read. */
const char	*engine_position(const struct engine *);
/* Is the cut-over being postponed (flag file present, no unpostpone)? */
bool		 engine_postponing(const struct engine *);
/* Ask the throttler to recheck now (after throttle / no-throttle). */
void		 engine_poke(struct engine *);

/* Hooks: the engine asks its owner to run the hooks called name with extra
 * "K=V" variables (NULL-terminated, may be NULL); cont(cont_arg, cause) is
 * called when they ran (cause NULL on success). A NULL cont means "run if
 * nothing else runs, and do not wait". */
typedef void (*engine_hook_fn)(void *owner, const char *name,
    const char *const *extra, void (*cont)(void *, char *), void *cont_arg);
void		 engine_set_hooks(struct engine *, engine_hook_fn, void *owner);

#endif
