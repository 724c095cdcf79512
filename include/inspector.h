/* inspector.h: what wisp reads from the servers before it changes anything.
 *
 * Everything is a table of dbseq steps run on the loop by the migrator:
 *   probe steps   on any fresh connection: version, port, identity, and
 *                 whether (and of whom) the server is a replica;
 *   inspect steps on --host: grants, binlog settings, replication restart,
 *                 the original table (exists, engine, foreign keys,
 *                 triggers, row estimate, auto_increment);
 *   table steps   a table's unique keys and columns (original or ghost);
 *   count steps   --exact-rowcount.
 * Error texts are gh-ost's, since automation greps for them. */
#ifndef WISP_INSPECTOR_H
#define WISP_INSPECTOR_H

#include "dbseq.h"

struct migration_ctx;
struct server_info;
struct column_list;
struct unique_key_list;

/* The argument of the probe steps. */
struct server_probe {
	struct migration_ctx	*ctx;
	struct server_info	*si;	/* filled */
	const char		*name;	/* "inspector", "applier" */
	int			 port;	/* the port we connected to */
	int64_t			 extra_port;
	bool			 is_replica;	/* has a running replication */
	char			*master_host;	/* its master, when is_replica */
	int			 master_port;
};

/* The argument of the table steps. */
struct table_probe {
	struct migration_ctx	*ctx;
	const char		*table;
	struct column_list	*columns;	/* filled */
	struct unique_key_list	*keys;		/* filled */
};

extern const struct dbseq_step	inspector_probe_steps[];
extern const size_t		inspector_nprobe_steps;
extern const struct dbseq_step	inspector_inspect_steps[];
extern const size_t		inspector_ninspect_steps;
extern const struct dbseq_step	inspector_table_steps[];
extern const size_t		inspector_ntable_steps;
extern const struct dbseq_step	inspector_count_steps[];
extern const size_t		inspector_ncount_steps;

void	server_probe_release(struct server_probe *);
/* Checks that need the master known: running on a master needs
 * --allow-on-master; a replica needs log_slave_updates. 0 or -1. */
int	inspector_check_topology(struct migration_ctx *, char **cause);

#endif
