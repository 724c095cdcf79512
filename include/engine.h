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

#endif
