/* context.h: the state of one migration, shared by the components.
 *
 * One writer per section: cli fills config (read-only afterwards); the
 * migrator sets names and connection parameters; the inspector writes what it
 * reads from the servers; the applier writes what it created. */
#ifndef WISP_CONTEXT_H
#define WISP_CONTEXT_H

#include <time.h>

#include "column.h"
#include "config.h"
#include "dbconn.h"
#include "deferkeys.h"
#include "trigger.h"

struct alter;
struct event_base;
struct metrics;

/* A server as wisp sees it. */
struct server_info {
	char		*key;		/* host:port as configured */
	char		*implied_key;	/* @@hostname:@@port as it reports */
	char		*version;	/* @@version */
	bool		 is_mariadb;
	int		 major, minor, patch;
};

/* The knobs interactive commands may change while the migration runs
 * (gh-ost's runtime-settable flags). Initialised from the config; the
 * server's setters are the only writers; the engine and the throttler read
 * them on every chunk, batch and check, so a change takes effect at once. */
struct runtime {
	int64_t		 chunk_size;
	double		 chunk_time;		/* wisp; 0 once chunk-size is set */
	int64_t		 dml_batch_size;
	int64_t		 max_lag_millis;
	double		 nice_ratio;
	char		*max_load;		/* Var=N,... or NULL */
	char		*critical_load;
	char		*throttle_query;
	char		*throttle_http;
	char		*throttle_control_replicas;	/* h:p,h:p */
	bool		 user_throttle;		/* throttle / no-throttle */
	char		*postpone_flag_file;
	bool		 unpostpone;		/* unpostpone was commanded */
};

struct migration_ctx {
	const struct config	*cfg;
	struct runtime		 rt;
	struct event_base	*base;
	struct alter		*alter;
	struct metrics		*metrics;	/* --statsd-addr, else NULL;
						   the migrator's */

	/* Names (set by context_init). */
	const char		*database;
	const char		*table;
	char			*ghost_table;		/* _t_gho */
	char			*changelog_table;	/* _t_ghc */
	char			*old_table;		/* _t_del */
	char			*checkpoint_table;	/* _t_ghk */
	time_t			 start_time;

	/* Connections. */
	struct dbconn_params	 inspector_params;
	struct dbconn_params	 applier_params;

	/* Inspector (the --host server). */
	struct server_info	 inspector;
	bool			 inspector_is_replica;
	char			*master_host;	/* from SHOW SLAVE STATUS */
	int			 master_port;
	bool			 has_super;
	char			*binlog_format;
	char			*binlog_row_image;
	bool			 log_slave_updates;
	unsigned		 restart_polls;	/* waits for replication */
	char			*table_engine;
	int64_t			 rows_estimate;
	bool			 rows_exact;
	uint64_t		 auto_increment;
	struct column_list	 orig_columns;
	struct unique_key_list	 orig_keys;
	int64_t			 ntriggers;	/* on the original */
	struct trigger_list	 triggers;	/* --include-triggers: to copy */

	/* Applier (the master, unless told otherwise). */
	struct server_info	 applier;
	char			*applier_time_zone;
	int64_t			 applier_wait_timeout;
	char			*client_charset;	/* of the applier's
							   connection (--charset) */
	char			*orig_columns_on_applier;	/* "a,b,c" */
	struct column_list	 ghost_columns;
	struct unique_key_list	 ghost_keys;
	bool			 created_changelog;
	bool			 created_ghost;
	bool			 leftover_sentry;	/* _t_del is a dead cut-over's */
	char			*ghost_create_statement;
	/* --defer-secondary-indexes: the ghost's keys left to build after
	 * the copy (also read back from the changelog by the engine). */
	struct deferkeys	 deferred;
	struct deferkeys	 to_build;	/* of those, not on the ghost */
	bool			 keys_failed_hard;	/* not worth a retry */

	/* Decisions. */
	struct shared_plan	 plan;
};

/* Replace a runtime string knob (copied; NULL or "" clears it). */
void	runtime_set_string(char **, const char *);

/* Derive names and parameters from cfg and the parsed alter. */
void	context_init(struct migration_ctx *, const struct config *,
	    struct alter *, struct event_base *);
void	context_release(struct migration_ctx *);
/* "_<base>_<suffix>", with base truncated so the name fits 64 characters. */
char	*context_table_name(const char *base, const char *suffix);
/* Parse @@version into info (major/minor/patch, MariaDB or not). */
void	server_info_set_version(struct server_info *, const char *);
void	server_info_release(struct server_info *);
/* Is the server MySQL (not MariaDB) at major.minor.patch or later? For the
 * syntax MySQL renamed or added, which MariaDB does not share. */
bool	server_info_mysql_since(const struct server_info *, int major,
	    int minor, int patch);
/* Does the inspector also serve as the applier (running on the master)? */
bool	context_inspector_is_applier(const struct migration_ctx *);

#endif
