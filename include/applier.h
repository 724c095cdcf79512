/* applier.h: what wisp creates and drops on the applier (the master).
 *
 * dbseq step tables, argument struct migration_ctx:
 *   setup steps    read the applier's time zone, the original's columns
 *                  there, check or drop leftover helper tables, create the
 *                  changelog and the ghost table, and ALTER the ghost;
 *   cleanup steps  after a noop: show the ghost's new structure, drop the
 *                  changelog and the ghost;
 *   abort steps    after a failure: drop whatever setup created, nothing
 *                  else (never the original table);
 *   analyze steps  ANALYZE TABLE on the ghost before the cut-over; fails,
 *                  with gh-ost's cause, unless the server reports status OK
 *                  (--analyze-ghost-table-before-cutover). */
#ifndef WISP_APPLIER_H
#define WISP_APPLIER_H

#include "dbseq.h"

struct migration_ctx;

/* "set session time_zone = <tz>, sql_mode = <gh-ost's>", allocated. The
 * ghost DDL and the row copy use the applier's zone, DML '+00:00'. */
char	*applier_session_sql(const struct migration_ctx *, const char *time_zone);

extern const struct dbseq_step	applier_setup_steps[];
extern const size_t		applier_nsetup_steps;
/* --resume: check that the ghost, changelog and checkpoint tables of the
 * interrupted run exist; create nothing. */
extern const struct dbseq_step	applier_resume_steps[];
extern const size_t		applier_nresume_steps;
/* --revert: the old table (the ghost of this run) and the checkpoints must
 * exist; only the changelog is created. */
extern const struct dbseq_step	applier_revert_steps[];
extern const size_t		applier_nrevert_steps;
extern const struct dbseq_step	applier_cleanup_steps[];
extern const size_t		applier_ncleanup_steps;
extern const struct dbseq_step	applier_abort_steps[];
extern const size_t		applier_nabort_steps;
extern const struct dbseq_step	applier_analyze_steps[];
extern const size_t		applier_nanalyze_steps;
/* After the row copy: build the keys --defer-secondary-indexes left out
 * (their definitions are read from the changelog, so a resumed run builds
 * them too), check that all are there and forget them. Ends at once when
 * the changelog lists none. */
extern const struct dbseq_step	applier_keys_steps[];
extern const size_t		applier_nkeys_steps;

#endif
