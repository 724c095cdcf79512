/* migrator.h: the phase machine that runs one migration on the event loop.
 *
 *   connect inspector -> probe -> inspect -> original table
 *   -> find the master (SHOW SLAVE STATUS up the chain, or
 *      --assume-master-host) -> probe applier -> topology checks
 *   -> create changelog + ghost, ALTER ghost -> ghost table
 *   -> choose shared key and columns -> (noop) report, drop what was
 *      created -> done.
 * Any failure drops what this run created (never the original table) and
 * ends with one line that says what failed. */
#ifndef WISP_MIGRATOR_H
#define WISP_MIGRATOR_H

struct config;
struct alter;
struct event_base;

/* Run the migration described by cfg to its end; returns the process exit
 * code. The last line logged on failure says what failed. */
int	migrator_run(const struct config *, struct alter *, struct event_base *);

#endif
