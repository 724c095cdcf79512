/* config.h: the values of every command-line flag (gh-ost's 108 and ours).
 *
 * cli.c is the only writer; it fills a struct config from argv, --conf and
 * --ask-pass, validates it, and hands it to the migrator, which treats it as
 * read-only. Runtime knobs that interactive commands may change later are
 * copied into the context; this struct keeps what the user asked for.
 * Strings are allocated (or NULL when unset); config_free releases them. */
#ifndef WISP_CONFIG_H
#define WISP_CONFIG_H

enum cut_over_type {
	CUT_OVER_ATOMIC = 0,
	CUT_OVER_TWO_STEP,
};

struct config {
	/* Connection and credentials. */
	char		*host;			/* --host (127.0.0.1) */
	int		 port;			/* --port (3306) */
	char		*user;
	char		*password;
	char		*master_user;
	char		*master_password;
	char		*assume_master_host;	/* host[:port] or NULL */
	char		*conf;			/* --conf file */
	bool		 ask_pass;
	double		 mysql_timeout;		/* seconds; 0 = driver default */
	char		*charset;		/* "utf8mb4,utf8,latin1" */
	bool		 ssl;
	char		*ssl_ca;
	char		*ssl_cert;
	char		*ssl_key;
	bool		 ssl_allow_insecure;
	bool		 skip_port_validation;

	/* What to migrate. */
	char		*database;
	char		*table;
	char		*alter;			/* as given */
	bool		 execute;		/* false = noop */
	bool		 attempt_instant_ddl;
	char		*storage_engine;	/* innodb | rocksdb */
	char		*force_table_names;	/* prefix for _x_gho etc. */

	/* Row count. */
	bool		 exact_rowcount;
	bool		 concurrent_rowcount;	/* default true */

	/* Topology and modes. */
	bool		 allow_on_master;
	bool		 allow_master_master;
	bool		 tungsten;
	bool		 test_on_replica;
	bool		 test_on_replica_skip_replica_stop;
	bool		 migrate_on_replica;
	bool		 switch_to_rbr;
	bool		 assume_rbr;
	bool		 gtid;
	bool		 aliyun_rds;
	bool		 gcp;
	bool		 azure;
	unsigned int	 replica_server_id;	/* 99999 */
	bool		 replica_server_id_set;	/* given on the command line */
	int64_t		 binlogsyncer_max_reconnect_attempts;

	/* Pre-flight permissions. */
	bool		 allow_nullable_unique_key;
	bool		 approve_renamed_columns;
	bool		 skip_renamed_columns;
	bool		 discard_foreign_keys;
	bool		 skip_foreign_key_checks;
	bool		 skip_strict_mode;
	bool		 allow_zero_in_date;
	bool		 include_triggers;
	char		*trigger_suffix;
	bool		 remove_trigger_suffix_if_exists;

	/* Copy and apply. */
	int64_t		 chunk_size;		/* 1000; 10..100000 */
	int64_t		 dml_batch_size;	/* 10; 1..1000 */
	int64_t		 default_retries;	/* 60 */
	double		 nice_ratio;		/* 0..100 */
	bool		 panic_on_warnings;
	int64_t		 copy_concurrency;	/* wisp: 0 auto, 1..16 */
	int64_t		 dml_round_trip_transactions;	/* wisp: 1..64 */
	double		 chunk_time;		/* wisp: seconds, 0 fixed size */
	bool		 defer_secondary_indexes;	/* wisp */

	/* Throttling. */
	int64_t		 max_lag_millis;	/* 1500 */
	char		*replication_lag_query;	/* deprecated, warned */
	char		*throttle_control_replicas;
	char		*throttle_query;
	char		*throttle_http;
	int64_t		 throttle_http_interval_millis;	/* 100 */
	int64_t		 throttle_http_timeout_millis;	/* 1000 */
	bool		 ignore_http_errors;
	int64_t		 heartbeat_interval_millis;	/* 100 */
	char		*throttle_flag_file;
	char		*throttle_additional_flag_file;	/* /tmp/gh-ost.throttle */
	char		*postpone_cut_over_flag_file;
	char		*panic_flag_file;
	char		*max_load;		/* Var=N,... */
	char		*critical_load;
	int64_t		 critical_load_interval_millis;
	int64_t		 critical_load_hibernate_seconds;

	/* Cut-over and cleanup. */
	enum cut_over_type cut_over;
	int64_t		 cut_over_lock_timeout_seconds;	/* 3 */
	bool		 cut_over_exponential_backoff;
	int64_t		 exponential_backoff_max_interval;	/* 64 */
	bool		 force_named_cut_over;
	bool		 force_named_panic;
	bool		 ok_to_drop_table;
	bool		 initially_drop_old_table;
	bool		 initially_drop_ghost_table;
	bool		 timestamp_old_table;
	bool		 allow_setup_metadata_lock_instruments;
	bool		 skip_metadata_lock_check;
	bool		 analyze_ghost_table_before_cutover;

	/* Control. */
	char		*serve_socket_file;	/* /tmp/gh-ost.<db>.<t>.sock */
	int64_t		 serve_tcp_port;	/* 0 = off */
	bool		 initially_drop_socket_file;
	char		*hooks_path;
	char		*hooks_hint;
	char		*hooks_hint_owner;
	char		*hooks_hint_token;
	int64_t		 hooks_status_interval;	/* 60 */

	/* Checkpoint, resume, revert. */
	bool		 checkpoint;
	int64_t		 checkpoint_seconds;	/* 300, >= 10 */
	bool		 resume;
	bool		 revert;
	char		*old_table;

	/* Metrics. */
	char		*statsd_addr;
	char		**statsd_tags;		/* NULL-terminated, repeatable */
	int64_t		 runtime_metrics_interval;	/* 10 */

	/* Logging and meta. */
	bool		 quiet;
	bool		 verbose;
	bool		 debug;
	bool		 stack;
	bool		 help;
	bool		 version;
	bool		 check_flag;
};

/* Fill c with gh-ost's defaults. */
void	config_init(struct config *);
/* Free every string c owns. */
void	config_free(struct config *);

#endif
