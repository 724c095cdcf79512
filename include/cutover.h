/* cutover.h: swapping the ghost table in, on the event loop.
 *
 * Atomic (gh-ost's "magic table" algorithm, REFERENCE.md §1.13), one attempt:
 *   lock session:   connection_id(); get_lock('gh-ost.<id>.lock', 0);
 *                   lock_wait_timeout = 2T; create the sentry table _t_del
 *                   (a leftover one is dropped only if it carries the magic
 *                   comment); wait_timeout = 3T;
 *                   LOCK TABLES t WRITE, _t_del WRITE
 *   marker:         the engine writes AllEventsUpToLockProcessed:<ns> to the
 *                   changelog and calls cutover_marker_applied once that
 *                   row came back through the binlog and everything before
 *                   it is applied to the ghost (bounded by T)
 *   rename session: lock_wait_timeout = T;
 *                   RENAME TABLE t TO _t_del, _t_gho TO t    (blocks)
 *   check session:  the RENAME waits on a metadata lock in PROCESSLIST and
 *                   the lock session still holds its GET_LOCK
 *   lock session:   DROP TABLE _t_del; UNLOCK TABLES   -> the RENAME wins
 * Any failure closes the lock session (which releases its locks; the sentry
 * still exists, so a pending RENAME fails), drops the sentry if it is ours,
 * and the attempt ends with a cause; the engine retries. A wisp killed at any
 * point leaves the same state: the server drops the dead session's locks and
 * the sentry makes the RENAME fail, so t stays in place. T is
 * --cut-over-lock-timeout-seconds.
 *
 * Two-step (--cut-over=two-step): LOCK TABLES t WRITE; marker;
 * ALTER TABLE t RENAME _t_del; ALTER TABLE _t_gho RENAME t; UNLOCK TABLES.
 * The table is missing for a moment. */
#ifndef WISP_CUTOVER_H
#define WISP_CUTOVER_H

struct migration_ctx;
struct cutover;

/* Called by the cut-over when its tables are locked: the engine writes the
 * marker and calls cutover_marker_applied when it has been applied. */
typedef void (*cutover_marker_fn)(void *arg, const char *marker);
/* Called once when the attempt ends: cause NULL on success (the tables are
 * swapped), else allocated and owned by the callee. */
typedef void (*cutover_done_fn)(void *arg, char *cause);

struct cutover	*cutover_create(struct migration_ctx *, cutover_marker_fn,
		    cutover_done_fn, void *arg);
/* Begin one attempt. */
void		 cutover_start(struct cutover *);
/* A marker was applied; true if it is this attempt's own (the swap then
 * proceeds), false for a stale one. */
bool		 cutover_marker_applied(struct cutover *, const char *marker);
/* Is the original table locked by us right now? (status, tests) */
bool		 cutover_holding_lock(const struct cutover *);
/* Abandon an attempt (closing its sessions releases every lock) and free. */
void		 cutover_free(struct cutover *);

#endif
