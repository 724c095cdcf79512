/* cli.c: the flag table, Go-style argument parsing, gh-ost's checks, --conf,
 * --ask-pass and the generated --help. */
#include "common.h"

#include <ctype.h>
#include <fcntl.h>
#include <math.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <mysql.h>

#include "alter.h"
#include "cli.h"
#include "gostr.h"
#include "config.h"
#include "dbconn.h"
#include "loadmap.h"

#ifndef WISP_VERSION
#define WISP_VERSION "unversioned"
#endif
#ifndef WISP_COMMIT
#define WISP_COMMIT "unknown"
#endif

/* How a flag's value is parsed and stored. The Go type decides the word in
 * --help; the C type is that of the struct config field. */
enum cli_type {
	CLI_BOOL,	/* Go bool; bool */
	CLI_STRING,	/* Go string; char *, NULL when empty */
	CLI_INT,	/* Go int; int */
	CLI_INT64,	/* Go int or int64; int64_t */
	CLI_UINT,	/* Go uint; unsigned int */
	CLI_FLOAT,	/* Go float64; double */
	CLI_LIST,	/* Go flag.Value; char **, NULL-terminated, appended */
	CLI_CUT_OVER,	/* Go string; enum cut_over_type */
};

/* Whether wisp has the behaviour behind a flag. A NOT_YET flag is refused
 * when given a value other than its default; flip it when the code lands. */
enum cli_support {
	CLI_YES,
	CLI_NOT_YET,
};

struct cli_flag {
	const char		*name;
	enum cli_type		 type;
	const char		*def;		/* Go's DefValue text */
	int64_t			 min;		/* INT64_MIN: no lower bound */
	int64_t			 max;		/* INT64_MAX: no upper bound */
	size_t			 off;		/* into struct config */
	enum cli_support	 support;
	const char		*help;
};

#define ANY		INT64_MIN, INT64_MAX
#define MIN(n)		(n), INT64_MAX
#define FIELD(f)	offsetof(struct config, f)
#define YES		CLI_YES
#define NOT_YET		CLI_NOT_YET

/*
 * gh-ost's flags in the order main.go defines them. --help sorts by name.
 * A range is checked after parsing (gh-ost clamps most of these silently;
 * wisp refuses instead) and shown in --help.
 */
static const struct cli_flag cli_flags[] = {
	{ "host", CLI_STRING, "127.0.0.1", ANY, FIELD(host), YES,
	  "MySQL hostname (preferably a replica, not the master)" },
	{ "assume-master-host", CLI_STRING, "", ANY,
	  FIELD(assume_master_host), YES,
	  "(optional) explicitly tell wisp the identity of the master. Format: "
	  "some.host.com[:port] This is useful in master-master setups where "
	  "you wish to pick an explicit master, or in a tungsten-replicator "
	  "where wisp is unable to determine the master" },
	{ "port", CLI_INT, "3306", 1, 65535, FIELD(port), YES,
	  "MySQL port (preferably a replica, not the master)" },
	{ "mysql-timeout", CLI_FLOAT, "0", 0, 86400, FIELD(mysql_timeout), YES,
	  "Connect, read and write timeout for MySQL, in seconds; 0 uses the "
	  "driver's defaults" },
	{ "user", CLI_STRING, "", ANY, FIELD(user), YES,
	  "MySQL user" },
	{ "password", CLI_STRING, "", ANY, FIELD(password), YES,
	  "MySQL password" },
	{ "master-user", CLI_STRING, "", ANY, FIELD(master_user), YES,
	  "MySQL user on master, if different from that on replica. Requires "
	  "--assume-master-host" },
	{ "master-password", CLI_STRING, "", ANY, FIELD(master_password), YES,
	  "MySQL password on master, if different from that on replica. "
	  "Requires --assume-master-host" },
	{ "conf", CLI_STRING, "", ANY, FIELD(conf), YES,
	  "Config file" },
	{ "ask-pass", CLI_BOOL, "false", ANY, FIELD(ask_pass), YES,
	  "prompt for MySQL password" },
	{ "charset", CLI_STRING, "utf8mb4,utf8,latin1", ANY, FIELD(charset),
	  YES,
	  "The default charset for the database connection is utf8mb4, utf8, "
	  "latin1." },

	{ "ssl", CLI_BOOL, "false", ANY, FIELD(ssl), YES,
	  "Enable SSL encrypted connections to MySQL hosts" },
	{ "ssl-ca", CLI_STRING, "", ANY, FIELD(ssl_ca), YES,
	  "CA certificate in PEM format for TLS connections to MySQL hosts. "
	  "Requires --ssl" },
	{ "ssl-cert", CLI_STRING, "", ANY, FIELD(ssl_cert), YES,
	  "Certificate in PEM format for TLS connections to MySQL hosts. "
	  "Requires --ssl" },
	{ "ssl-key", CLI_STRING, "", ANY, FIELD(ssl_key), YES,
	  "Key in PEM format for TLS connections to MySQL hosts. Requires "
	  "--ssl" },
	{ "ssl-allow-insecure", CLI_BOOL, "false", ANY,
	  FIELD(ssl_allow_insecure), YES,
	  "Skips verification of MySQL hosts' certificate chain and host name. "
	  "Requires --ssl" },

	{ "database", CLI_STRING, "", ANY, FIELD(database), YES,
	  "database name (mandatory)" },
	{ "table", CLI_STRING, "", ANY, FIELD(table), YES,
	  "table name (mandatory)" },
	{ "alter", CLI_STRING, "", ANY, FIELD(alter), YES,
	  "alter statement (mandatory)" },
	{ "attempt-instant-ddl", CLI_BOOL, "false", ANY,
	  FIELD(attempt_instant_ddl), YES,
	  "Attempt to use instant DDL for this migration first" },
	{ "storage-engine", CLI_STRING, "innodb", ANY, FIELD(storage_engine),
	  YES,
	  "Specify table storage engine: 'innodb' or 'rocksdb'. When "
	  "'rocksdb': the session transaction isolation level is changed from "
	  "REPEATABLE_READ to READ_COMMITTED." },

	{ "exact-rowcount", CLI_BOOL, "false", ANY, FIELD(exact_rowcount), YES,
	  "actually count table rows as opposed to estimate them (results in "
	  "more accurate progress estimation)" },
	{ "concurrent-rowcount", CLI_BOOL, "true", ANY,
	  FIELD(concurrent_rowcount), YES,
	  "(with --exact-rowcount), when true (default): count rows after "
	  "row-copy begins, concurrently, and adjust row estimate later on; "
	  "when false: first count rows, then start row copy" },
	{ "allow-on-master", CLI_BOOL, "false", ANY, FIELD(allow_on_master),
	  YES,
	  "allow this migration to run directly on master. Preferably it would "
	  "run on a replica" },
	{ "allow-master-master", CLI_BOOL, "false", ANY,
	  FIELD(allow_master_master), YES,
	  "explicitly allow running in a master-master setup" },
	{ "allow-nullable-unique-key", CLI_BOOL, "false", ANY,
	  FIELD(allow_nullable_unique_key), YES,
	  "allow wisp to migrate based on a unique key with nullable columns. "
	  "As long as no NULL values exist, this should be OK. If NULL values "
	  "exist in chosen key, data may be corrupted. Use at your own risk!" },
	{ "approve-renamed-columns", CLI_BOOL, "false", ANY,
	  FIELD(approve_renamed_columns), YES,
	  "in case your `ALTER` statement renames columns, wisp will note that "
	  "and offer its interpretation of the rename. By default wisp does "
	  "not proceed to execute. This flag approves that wisp's "
	  "interpretation is correct" },
	{ "skip-renamed-columns", CLI_BOOL, "false", ANY,
	  FIELD(skip_renamed_columns), YES,
	  "in case your `ALTER` statement renames columns, wisp will note that "
	  "and offer its interpretation of the rename. By default wisp does "
	  "not proceed to execute. This flag tells wisp to skip the renamed "
	  "columns, i.e. to treat what wisp thinks are renamed columns as "
	  "unrelated columns. NOTE: you may lose column data" },
	{ "tungsten", CLI_BOOL, "false", ANY, FIELD(tungsten), YES,
	  "explicitly let wisp know that you are running on a "
	  "tungsten-replication based topology (you are likely to also provide "
	  "--assume-master-host)" },
	{ "discard-foreign-keys", CLI_BOOL, "false", ANY,
	  FIELD(discard_foreign_keys), YES,
	  "DANGER! This flag will migrate a table that has foreign keys and "
	  "will NOT create foreign keys on the ghost table, thus your altered "
	  "table will have NO foreign keys. This is useful for intentional "
	  "dropping of foreign keys" },
	{ "skip-foreign-key-checks", CLI_BOOL, "false", ANY,
	  FIELD(skip_foreign_key_checks), YES,
	  "set to 'true' when you know for certain there are no foreign keys "
	  "on your table, and wish to skip the time it takes for wisp to "
	  "verify that" },
	{ "skip-strict-mode", CLI_BOOL, "false", ANY, FIELD(skip_strict_mode),
	  YES,
	  "explicitly tell wisp binlog applier not to enforce strict sql "
	  "mode" },
	{ "allow-zero-in-date", CLI_BOOL, "false", ANY,
	  FIELD(allow_zero_in_date), YES,
	  "explicitly tell wisp binlog applier to ignore "
	  "NO_ZERO_IN_DATE,NO_ZERO_DATE in sql_mode" },
	{ "aliyun-rds", CLI_BOOL, "false", ANY, FIELD(aliyun_rds), YES,
	  "set to 'true' when you execute on Aliyun RDS." },
	{ "gcp", CLI_BOOL, "false", ANY, FIELD(gcp), YES,
	  "set to 'true' when you execute on a 1st generation Google Cloud "
	  "Platform (GCP)." },
	{ "azure", CLI_BOOL, "false", ANY, FIELD(azure), YES,
	  "set to 'true' when you execute on Azure Database on MySQL." },
	{ "gtid", CLI_BOOL, "false", ANY, FIELD(gtid), YES,
	  "(experimental) set to 'true' to use MySQL GTIDs for binlog "
	  "positioning." },

	{ "execute", CLI_BOOL, "false", ANY, FIELD(execute), YES,
	  "actually execute the alter & migrate the table. Default is noop: do "
	  "some tests and exit" },
	{ "test-on-replica", CLI_BOOL, "false", ANY, FIELD(test_on_replica),
	  YES,
	  "Have the migration run on a replica, not on the master. At the end "
	  "of migration replication is stopped, and tables are swapped and "
	  "immediately swap-revert. Replication remains stopped and you can "
	  "compare the two tables for building trust" },
	{ "test-on-replica-skip-replica-stop", CLI_BOOL, "false", ANY,
	  FIELD(test_on_replica_skip_replica_stop), YES,
	  "When --test-on-replica is enabled, do not issue commands stop "
	  "replication (requires --test-on-replica)" },
	{ "migrate-on-replica", CLI_BOOL, "false", ANY,
	  FIELD(migrate_on_replica), YES,
	  "Have the migration run on a replica, not on the master. This will "
	  "do the full migration on the replica including cut-over (as opposed "
	  "to --test-on-replica)" },

	{ "ok-to-drop-table", CLI_BOOL, "false", ANY, FIELD(ok_to_drop_table),
	  YES,
	  "Shall the tool drop the old table at end of operation. DROPping "
	  "tables can be a long locking operation, which is why it is not done "
	  "by default" },
	{ "initially-drop-old-table", CLI_BOOL, "false", ANY,
	  FIELD(initially_drop_old_table), YES,
	  "Drop a possibly existing OLD table (remains from a previous run?) "
	  "before beginning operation. Default is to panic and abort if such "
	  "table exists" },
	{ "initially-drop-ghost-table", CLI_BOOL, "false", ANY,
	  FIELD(initially_drop_ghost_table), YES,
	  "Drop a possibly existing Ghost table (remains from a previous run?) "
	  "before beginning operation. Default is to panic and abort if such "
	  "table exists" },
	{ "timestamp-old-table", CLI_BOOL, "false", ANY,
	  FIELD(timestamp_old_table), YES,
	  "Use a timestamp in old table name. This makes old table names "
	  "unique and non conflicting cross migrations" },
	{ "cut-over", CLI_CUT_OVER, "atomic", ANY, FIELD(cut_over), YES,
	  "choose cut-over type (default|atomic, two-step)" },
	{ "force-named-cut-over", CLI_BOOL, "false", ANY,
	  FIELD(force_named_cut_over), YES,
	  "When true, the 'unpostpone|cut-over' interactive command must name "
	  "the migrated table" },
	{ "force-named-panic", CLI_BOOL, "false", ANY, FIELD(force_named_panic),
	  YES,
	  "When true, the 'panic' interactive command must name the migrated "
	  "table" },

	{ "switch-to-rbr", CLI_BOOL, "false", ANY, FIELD(switch_to_rbr),
	  YES,
	  "let this tool automatically switch binary log format to 'ROW' on "
	  "the replica, if needed. The format will NOT be switched back, to "
	  "protect you in case you happen to execute another migration while "
	  "this one is running" },
	{ "assume-rbr", CLI_BOOL, "false", ANY, FIELD(assume_rbr), YES,
	  "set to 'true' when you know for certain your server uses 'ROW' "
	  "binlog_format. wisp is unable to tell, even after reading "
	  "binlog_format, whether the replication process does indeed use "
	  "'ROW', and restarts replication to be certain RBR setting is "
	  "applied. Such operation requires SUPER privileges which you might "
	  "not have. Setting this flag avoids restarting replication and you "
	  "can proceed to use wisp without SUPER privileges" },
	{ "cut-over-exponential-backoff", CLI_BOOL, "false", ANY,
	  FIELD(cut_over_exponential_backoff), YES,
	  "Wait exponentially longer intervals between failed cut-over "
	  "attempts. Wait intervals obey a maximum configurable with "
	  "'exponential-backoff-max-interval')." },
	{ "exponential-backoff-max-interval", CLI_INT64, "64", MIN(2),
	  FIELD(exponential_backoff_max_interval), YES,
	  "Maximum number of seconds to wait between attempts when performing "
	  "various operations with exponential backoff." },
	{ "chunk-size", CLI_INT64, "1000", 10, 100000, FIELD(chunk_size), YES,
	  "amount of rows to handle in each iteration" },
	{ "dml-batch-size", CLI_INT64, "10", 1, 1000, FIELD(dml_batch_size),
	  YES,
	  "batch size for DML events to apply in a single transaction" },
	{ "default-retries", CLI_INT64, "60", MIN(1), FIELD(default_retries),
	  YES,
	  "Default number of retries for various operations before panicking" },
	{ "panic-on-warnings", CLI_BOOL, "false", ANY, FIELD(panic_on_warnings),
	  YES,
	  "Panic when SQL warnings are encountered when copying a batch "
	  "indicating data loss" },
	{ "cut-over-lock-timeout-seconds", CLI_INT64, "3", 1, 10,
	  FIELD(cut_over_lock_timeout_seconds), YES,
	  "Max number of seconds to hold locks on tables while attempting to "
	  "cut-over (retry attempted when lock exceeds timeout) or attempting "
	  "instant DDL" },
	{ "nice-ratio", CLI_FLOAT, "0", 0, 100, FIELD(nice_ratio), YES,
	  "force being 'nice', imply sleep time per chunk time. Example "
	  "values: 0 is aggressive. 1: for every 1ms spent copying rows, sleep "
	  "additional 1ms (effectively doubling runtime); 0.7: for every 10ms "
	  "spend in a rowcopy chunk, spend 7ms sleeping immediately after" },

	{ "max-lag-millis", CLI_INT64, "1500", MIN(100), FIELD(max_lag_millis),
	  YES,
	  "replication lag at which to throttle operation" },
	{ "replication-lag-query", CLI_STRING, "", ANY,
	  FIELD(replication_lag_query), YES,
	  "Deprecated. wisp uses an internal, subsecond resolution query" },
	{ "throttle-control-replicas", CLI_STRING, "", ANY,
	  FIELD(throttle_control_replicas), YES,
	  "List of replicas on which to check for lag; comma delimited. "
	  "Example: myhost1.com:3306,myhost2.com,myhost3.com:3307" },
	{ "throttle-query", CLI_STRING, "", ANY, FIELD(throttle_query),
	  YES,
	  "when given, issued (every second) to check if operation should "
	  "throttle. Expecting to return zero for no-throttle, >0 for "
	  "throttle. Query is issued on the migrated server. Make sure this "
	  "query is lightweight" },
	{ "throttle-http", CLI_STRING, "", ANY, FIELD(throttle_http), YES,
	  "when given, wisp checks given URL via HEAD request; any response "
	  "code other than 200 (OK) causes throttling; make sure it has low "
	  "latency response" },
	{ "throttle-http-interval-millis", CLI_INT64, "100", MIN(1),
	  FIELD(throttle_http_interval_millis), YES,
	  "Number of milliseconds to wait before triggering another HTTP "
	  "throttle check" },
	{ "throttle-http-timeout-millis", CLI_INT64, "1000", MIN(1),
	  FIELD(throttle_http_timeout_millis), YES,
	  "Number of milliseconds to use as an HTTP throttle check timeout" },
	{ "ignore-http-errors", CLI_BOOL, "false", ANY,
	  FIELD(ignore_http_errors), YES,
	  "ignore HTTP connection errors during throttle check" },
	{ "heartbeat-interval-millis", CLI_INT64, "100", 100, 1000,
	  FIELD(heartbeat_interval_millis), YES,
	  "how frequently would wisp inject a heartbeat value" },
	{ "throttle-flag-file", CLI_STRING, "", ANY, FIELD(throttle_flag_file),
	  YES,
	  "operation pauses when this file exists; hint: use a file that is "
	  "specific to the table being altered" },
	{ "throttle-additional-flag-file", CLI_STRING, "/tmp/gh-ost.throttle",
	  ANY, FIELD(throttle_additional_flag_file), YES,
	  "operation pauses when this file exists; hint: keep default, use for "
	  "throttling multiple wisp and gh-ost operations" },
	{ "postpone-cut-over-flag-file", CLI_STRING, "", ANY,
	  FIELD(postpone_cut_over_flag_file), YES,
	  "while this file exists, migration will postpone the final stage of "
	  "swapping tables, and will keep on syncing the ghost table. "
	  "Cut-over/swapping would be ready to perform the moment the file is "
	  "deleted." },
	{ "panic-flag-file", CLI_STRING, "", ANY, FIELD(panic_flag_file),
	  YES,
	  "when this file is created, wisp will immediately terminate, without "
	  "cleanup" },

	{ "initially-drop-socket-file", CLI_BOOL, "false", ANY,
	  FIELD(initially_drop_socket_file), YES,
	  "Should wisp forcibly delete an existing socket file. Be careful: "
	  "this might drop the socket file of a running migration!" },
	{ "serve-socket-file", CLI_STRING, "", ANY, FIELD(serve_socket_file),
	  YES,
	  "Unix socket file to serve on. Default: auto-determined and "
	  "advertised upon startup" },
	{ "serve-tcp-port", CLI_INT64, "0", 0, 65535, FIELD(serve_tcp_port),
	  YES,
	  "TCP port to serve on. Default: disabled" },

	{ "hooks-path", CLI_STRING, "", ANY, FIELD(hooks_path), YES,
	  "directory where hook files are found (default: empty, ie. hooks "
	  "disabled). Hook files found on this path, and conforming to hook "
	  "naming conventions will be executed" },
	{ "hooks-hint", CLI_STRING, "", ANY, FIELD(hooks_hint), YES,
	  "arbitrary message to be injected to hooks via GH_OST_HOOKS_HINT, "
	  "for your convenience" },
	{ "hooks-hint-owner", CLI_STRING, "", ANY, FIELD(hooks_hint_owner),
	  YES,
	  "arbitrary name of owner to be injected to hooks via "
	  "GH_OST_HOOKS_HINT_OWNER, for your convenience" },
	{ "hooks-hint-token", CLI_STRING, "", ANY, FIELD(hooks_hint_token),
	  YES,
	  "arbitrary token to be injected to hooks via "
	  "GH_OST_HOOKS_HINT_TOKEN, for your convenience" },
	{ "hooks-status-interval", CLI_INT64, "60", MIN(1),
	  FIELD(hooks_status_interval), YES,
	  "how many seconds to wait between calling onStatus hook" },

	{ "replica-server-id", CLI_UINT, "99999", 1, UINT32_MAX,
	  FIELD(replica_server_id), YES,
	  "server id used by wisp process. Default: 99999" },
	{ "allow-setup-metadata-lock-instruments", CLI_BOOL, "false", ANY,
	  FIELD(allow_setup_metadata_lock_instruments), YES,
	  "Validate rename session hold the MDL of original table before "
	  "unlock tables in cut-over phase" },
	{ "skip-metadata-lock-check", CLI_BOOL, "false", ANY,
	  FIELD(skip_metadata_lock_check), YES,
	  "Skip metadata lock check at cut-over time. The checks require "
	  "performance_schema.metadata_lock to be enabled" },
	{ "binlogsyncer-max-reconnect-attempts", CLI_INT64, "0", MIN(0),
	  FIELD(binlogsyncer_max_reconnect_attempts), YES,
	  "when master node fails, the maximum number of binlog "
	  "synchronization attempts to reconnect. 0 is unlimited" },

	{ "include-triggers", CLI_BOOL, "false", ANY, FIELD(include_triggers),
	  YES,
	  "When true, the triggers (if exist) will be created on the new "
	  "table" },
	{ "trigger-suffix", CLI_STRING, "", ANY, FIELD(trigger_suffix), YES,
	  "Add a suffix to the trigger name (i.e '_v2'). Requires "
	  "'--include-triggers'" },
	{ "remove-trigger-suffix-if-exists", CLI_BOOL, "false", ANY,
	  FIELD(remove_trigger_suffix_if_exists), YES,
	  "Remove given suffix from name of trigger. Requires "
	  "'--include-triggers' and '--trigger-suffix'" },
	{ "skip-port-validation", CLI_BOOL, "false", ANY,
	  FIELD(skip_port_validation), YES,
	  "Skip port validation for MySQL connections" },
	{ "checkpoint", CLI_BOOL, "false", ANY, FIELD(checkpoint), YES,
	  "Enable migration checkpoints" },
	{ "checkpoint-seconds", CLI_INT64, "300", MIN(10),
	  FIELD(checkpoint_seconds), YES,
	  "The number of seconds between checkpoints" },
	{ "resume", CLI_BOOL, "false", ANY, FIELD(resume), YES,
	  "Attempt to resume migration from checkpoint" },
	{ "revert", CLI_BOOL, "false", ANY, FIELD(revert), YES,
	  "Attempt to revert completed migration" },
	{ "old-table", CLI_STRING, "", ANY, FIELD(old_table), YES,
	  "The name of the old table when using --revert, e.g. "
	  "'_mytable_del'" },
	{ "analyze-ghost-table-before-cutover", CLI_BOOL, "false", ANY,
	  FIELD(analyze_ghost_table_before_cutover), YES,
	  "Run ANALYZE TABLE on the ghost table immediately before cut-over; "
	  "abort the migration (fatal) if the ANALYZE fails, rather than "
	  "swapping in a table with stale statistics. Opt-in; intended for "
	  "small, non-partitioned tables that are non-empty at copy. Default "
	  "false" },

	{ "max-load", CLI_STRING, "", ANY, FIELD(max_load), YES,
	  "Comma delimited status-name=threshold. e.g: "
	  "'Threads_running=100,Threads_connected=500'. When status exceeds "
	  "threshold, app throttles writes" },
	{ "critical-load", CLI_STRING, "", ANY, FIELD(critical_load), YES,
	  "Comma delimited status-name=threshold, same format as --max-load. "
	  "When status exceeds threshold, app panics and quits" },
	{ "critical-load-interval-millis", CLI_INT64, "0", MIN(0),
	  FIELD(critical_load_interval_millis), YES,
	  "When 0, migration immediately bails out upon meeting critical-load. "
	  "When non-zero, a second check is done after given interval, and "
	  "migration only bails out if 2nd check still meets critical load" },
	{ "critical-load-hibernate-seconds", CLI_INT64, "0", MIN(0),
	  FIELD(critical_load_hibernate_seconds), YES,
	  "When non-zero, critical-load does not panic and bail out; instead, "
	  "wisp goes into hibernation for the specified duration. It will not "
	  "read/write anything from/to any server" },
	{ "statsd-addr", CLI_STRING, "", ANY, FIELD(statsd_addr), YES,
	  "StatsD endpoint (host:port or unix socket); empty disables StatsD" },
	{ "statsd-tags", CLI_LIST, "", ANY, FIELD(statsd_tags), YES,
	  "global StatsD tags applied to every metric (repeatable), format "
	  "key:value. Example: --statsd-tags 'env:prod,service:my-service'" },
	{ "runtime-metrics-interval", CLI_INT64, "10", MIN(0),
	  FIELD(runtime_metrics_interval), YES,
	  "Seconds between runtime memory gauge samples (requires "
	  "--statsd-addr); 0 disables" },
	{ "quiet", CLI_BOOL, "false", ANY, FIELD(quiet), YES,
	  "quiet" },
	{ "verbose", CLI_BOOL, "false", ANY, FIELD(verbose), YES,
	  "verbose" },
	{ "debug", CLI_BOOL, "false", ANY, FIELD(debug), YES,
	  "debug mode (very verbose)" },
	{ "stack", CLI_BOOL, "false", ANY, FIELD(stack), YES,
	  "add stack trace upon error" },
	{ "help", CLI_BOOL, "false", ANY, FIELD(help), YES,
	  "Display usage" },
	{ "version", CLI_BOOL, "false", ANY, FIELD(version), YES,
	  "Print version & exit" },
	{ "check-flag", CLI_BOOL, "false", ANY, FIELD(check_flag), YES,
	  "Check if another flag exists/supported. This allows for "
	  "cross-version scripting. Exits with 0 when all additional provided "
	  "flags exist and are supported, nonzero otherwise. You must provide "
	  "(dummy) values for flags that require a value. Example: wisp "
	  "--check-flag --cut-over-lock-timeout-seconds 3 --nice-ratio 0" },
	{ "force-table-names", CLI_STRING, "", ANY, FIELD(force_table_names),
	  YES,
	  "table name prefix to be used on the temporary tables" },

	/* wisp's own flags (gh-ost has no such flag): documented in
	 * doc/engine.md and the README beside gh-ost's. */
	{ "copy-concurrency", CLI_INT64, "0", 0, 16, FIELD(copy_concurrency),
	  YES,
	  "(wisp) row-copy chunks in flight at once, each on its own "
	  "connection. 0: automatic, from the cores (2 to 4), or 1 when the "
	  "ghost table has an AUTO_INCREMENT column and "
	  "innodb_autoinc_lock_mode is not 2 (chunks would queue on the "
	  "table's AUTO-INC lock)" },
	{ "chunk-time", CLI_FLOAT, "0.05", 0, 10, FIELD(chunk_time), YES,
	  "(wisp) seconds a row-copy chunk's rows should take, beyond the "
	  "fixed cost of a statement: the rows per chunk follow the copy "
	  "rate, between 10 and 100000, starting at "
	  "chunk-size. 0: fixed chunk-size. Giving chunk-size (on the command "
	  "line or with the chunk-size command) fixes the size" },
	{ "defer-secondary-indexes", CLI_BOOL, "false", ANY,
	  FIELD(defer_secondary_indexes), YES,
	  "(wisp) copy rows into the ghost table without its plain secondary "
	  "keys (KEY, not PRIMARY, UNIQUE, FULLTEXT or SPATIAL; InnoDB, no "
	  "foreign keys or generated columns) and build them after the row "
	  "copy, sorted, in place and without a lock, before the cut-over. "
	  "Faster; but a replica replays the build after the master, and "
	  "lags by its duration, which no throttle can pause (on MariaDB "
	  "10.8+ it is logged in two phases, and a replica with parallel "
	  "replication builds at the same time instead)" },
	{ "dml-round-trip-transactions", CLI_INT64, "16", 1, 64,
	  FIELD(dml_round_trip_transactions), YES,
	  "(wisp) binlog transactions (of dml-batch-size changes each) sent "
	  "to the ghost table in one round trip when that many are queued. 1: "
	  "one per round trip, as gh-ost" },
};

#define CLI_NFLAGS nitems(cli_flags)

/* --cut-over's spellings (gh-ost's switch in main.go). */
static const struct {
	const char		*name;
	enum cut_over_type	 type;
} cli_cut_overs[] = {
	{ "atomic", CUT_OVER_ATOMIC },
	{ "default", CUT_OVER_ATOMIC },
	{ "", CUT_OVER_ATOMIC },
	{ "two-step", CUT_OVER_TWO_STEP },
};

/* Go's flag package reports a bad value with one of these reasons. */
#define GO_PARSE_ERROR	"parse error"
#define GO_RANGE_ERROR	"value out of range"

enum cli_store_result {
	CLI_STORED = 0,
	CLI_BAD_SYNTAX = -1,
	CLI_OUT_OF_RANGE = -2,
	CLI_UNKNOWN_NAME = 1,	/* an enum value no name matches */
};

/* Everything one cli_parse call knows besides cfg. */
struct cli_state {
	struct config	*cfg;
	FILE		*out;
	int		 given_at[CLI_NFLAGS];	/* argv index, 0 = not given */
	const char	*cut_over_unknown;	/* last --cut-over if unknown */
	struct alter	*alter;
	char		*conf_user;		/* from --conf [client] */
	char		*conf_password;
	char		*cli_password;		/* --password as given */
};

/* A pair rule, checked in table order. */
enum cli_rule_kind {
	RULE_EXCLUSIVE,		/* a and b: error */
	RULE_REQUIRES,		/* a without b: error */
	RULE_WARN,		/* a: warning */
	RULE_WARN_BOTH,		/* a and b: warning */
};

struct cli_rule {
	enum cli_rule_kind	 kind;
	const char		*a;
	const char		*b;
	const char		*message;
};

/* gh-ost's contradictions, in main.go's order and words. */
static const struct cli_rule cli_rules[] = {
	{ RULE_EXCLUSIVE, "allow-on-master", "test-on-replica",
	  "--allow-on-master and --test-on-replica are mutually exclusive" },
	{ RULE_EXCLUSIVE, "allow-on-master", "migrate-on-replica",
	  "--allow-on-master and --migrate-on-replica are mutually exclusive" },
	{ RULE_EXCLUSIVE, "migrate-on-replica", "test-on-replica",
	  "--migrate-on-replica and --test-on-replica are mutually exclusive" },
	{ RULE_EXCLUSIVE, "switch-to-rbr", "assume-rbr",
	  "--switch-to-rbr and --assume-rbr are mutually exclusive" },
	{ RULE_REQUIRES, "test-on-replica-skip-replica-stop", "test-on-replica",
	  "--test-on-replica-skip-replica-stop requires --test-on-replica to "
	  "be enabled" },
	{ RULE_WARN, "test-on-replica-skip-replica-stop", NULL,
	  "--test-on-replica-skip-replica-stop enabled. We will not stop "
	  "replication before cut-over. Ensure you have a plugin that does "
	  "this." },
	{ RULE_REQUIRES, "master-user", "assume-master-host",
	  "--master-user requires --assume-master-host" },
	{ RULE_REQUIRES, "master-password", "assume-master-host",
	  "--master-password requires --assume-master-host" },
	{ RULE_REQUIRES, "ssl-ca", "ssl", "--ssl-ca requires --ssl" },
	{ RULE_REQUIRES, "ssl-cert", "ssl", "--ssl-cert requires --ssl" },
	{ RULE_REQUIRES, "ssl-key", "ssl", "--ssl-key requires --ssl" },
	{ RULE_REQUIRES, "ssl-allow-insecure", "ssl",
	  "--ssl-allow-insecure requires --ssl" },
	{ RULE_WARN, "replication-lag-query", NULL,
	  "--replication-lag-query is deprecated" },
	{ RULE_REQUIRES, "include-triggers", "trigger-suffix",
	  "--trigger-suffix must be used with --include-triggers" },
	/* gh-ost's message, typo included: scripts may match it. */
	{ RULE_REQUIRES, "trigger-suffix", "include-triggers",
	  "--trigger-suffix cannot be be used without --include-triggers" },
	/* wisp's: gh-ost's help says so but gh-ost does not check it. */
	{ RULE_REQUIRES, "remove-trigger-suffix-if-exists", "trigger-suffix",
	  "--remove-trigger-suffix-if-exists requires --include-triggers and "
	  "--trigger-suffix" },
	{ RULE_WARN_BOTH, "exact-rowcount", "panic-on-warnings",
	  "--exact-rowcount with --panic-on-warnings: row counts cannot be "
	  "exact due to warning detection" },
};

/* What --revert ignores (gh-ost warns and goes on). */
static const struct cli_rule cli_revert_rules[] = {
	{ RULE_WARN_BOTH, "revert", "alter",
	  "--alter was provided with --revert, it will be ignored" },
	{ RULE_WARN_BOTH, "revert", "attempt-instant-ddl",
	  "--attempt-instant-ddl was provided with --revert, it will be "
	  "ignored" },
	{ RULE_WARN_BOTH, "revert", "include-triggers",
	  "--include-triggers was provided with --revert, it will be ignored" },
	{ RULE_WARN_BOTH, "revert", "discard-foreign-keys",
	  "--discard-foreign-keys was provided with --revert, it will be "
	  "ignored" },
};

/* ---- The table ---------------------------------------------------------- */

/* Find a flag by a name of len bytes; -1 if none. */
static int
cli_find(const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < CLI_NFLAGS; i++) {
		if (strlen(cli_flags[i].name) == len &&
		    memcmp(cli_flags[i].name, name, len) == 0)
			return (int)i;
	}
	return -1;
}

/* The row of a flag the code names; a missing one is a bug. */
static const struct cli_flag *
cli_row(const char *name)
{
	int	i = cli_find(name, strlen(name));

	if (i < 0)
		fatalx("%s: no flag %s", __func__, name);
	return &cli_flags[i];
}

/* The address of a flag's field in cfg. */
static void *
cli_field(const struct config *cfg, const struct cli_flag *f)
{
	return (char *)cfg + f->off;
}

/* The number of flags. */
size_t
cli_nflags(void)
{
	return CLI_NFLAGS;
}

/* Index of a flag by name. */
int
cli_flag_find(const char *name)
{
	return cli_find(name, strlen(name));
}

/* Name of flag i. */
const char *
cli_flag_name(size_t i)
{
	return cli_flags[i].name;
}

/* Default text of flag i. */
const char *
cli_flag_default(size_t i)
{
	return cli_flags[i].def;
}

/* Is flag i a bool? */
bool
cli_flag_is_bool(size_t i)
{
	return cli_flags[i].type == CLI_BOOL;
}

/* Is flag i's behaviour built? */
bool
cli_flag_supported(size_t i)
{
	return cli_flags[i].support == CLI_YES;
}

/* ---- Go's number syntax ------------------------------------------------- */

/* strconv.ParseUint(s, 0, 64). */
static enum cli_store_result
go_parse_uint(const char *s, uint64_t *out)
{
	const char	*s0 = s;
	unsigned	 base = 10, d;
	uint64_t	 n = 0;
	bool		 underscores = false;
	int		 c;

	if (*s == '\0')
		return CLI_BAD_SYNTAX;
	if (s[0] == '0') {
		c = tolower((unsigned char)s[1]);
		if (strlen(s) >= 3 && (c == 'b' || c == 'o' || c == 'x')) {
			base = c == 'b' ? 2 : c == 'o' ? 8 : 16;
			s += 2;
		} else {
			base = 8;
			s++;
		}
	}
	for (; *s != '\0'; s++) {
		c = tolower((unsigned char)*s);
		if (c == '_') {
			underscores = true;
			continue;
		}
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'z')
			d = (unsigned)(c - 'a') + 10;
		else
			return CLI_BAD_SYNTAX;
		if (d >= base)
			return CLI_BAD_SYNTAX;
		if (n > (UINT64_MAX - d) / base)
			return CLI_OUT_OF_RANGE;
		n = n * base + d;
	}
	if (underscores && !go_underscores_ok(s0))
		return CLI_BAD_SYNTAX;
	*out = n;
	return CLI_STORED;
}

/* strconv.ParseInt(s, 0, 64). */
static enum cli_store_result
go_parse_int(const char *s, int64_t *out)
{
	enum cli_store_result	rc;
	uint64_t		u;
	bool			neg = false;

	if (*s == '+' || *s == '-') {
		neg = *s == '-';
		s++;
	}
	if ((rc = go_parse_uint(s, &u)) != CLI_STORED)
		return rc;
	if (!neg && u > (uint64_t)INT64_MAX)
		return CLI_OUT_OF_RANGE;
	if (neg && u > (uint64_t)INT64_MAX + 1)
		return CLI_OUT_OF_RANGE;
	if (neg)
		*out = u == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)u;
	else
		*out = (int64_t)u;
	return CLI_STORED;
}

/* strconv.ParseFloat(s, 64), for the forms people write. */
static enum cli_store_result
go_parse_float(const char *s, double *out)
{
	const char	*p = s, *q;
	char		*copy, *w, *end;
	bool		 neg = false, sign = false, hex;
	double		 v;

	if (*p == '+' || *p == '-') {
		neg = *p == '-';
		sign = true;
		p++;
	}
	if (strcasecmp(p, "inf") == 0 || strcasecmp(p, "infinity") == 0) {
		*out = neg ? -INFINITY : INFINITY;
		return CLI_STORED;
	}
	if (!sign && strcasecmp(p, "nan") == 0) {
		*out = NAN;
		return CLI_STORED;
	}
	hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
	for (q = p; *q != '\0'; q++) {
		if (isdigit((unsigned char)*q) || strchr("._+-", *q) != NULL)
			continue;
		if (hex && (isxdigit((unsigned char)*q) ||
		    strchr("xXpP", *q) != NULL))
			continue;
		if (!hex && (*q == 'e' || *q == 'E'))
			continue;
		return CLI_BAD_SYNTAX;
	}
	if (hex && strpbrk(p, "pP") == NULL)
		return CLI_BAD_SYNTAX;	/* Go wants a p exponent */
	if (strchr(s, '_') != NULL && !go_underscores_ok(s))
		return CLI_BAD_SYNTAX;

	copy = xmalloc(strlen(s) + 1);
	for (w = copy, q = s; *q != '\0'; q++) {
		if (*q != '_')
			*w++ = *q;
	}
	*w = '\0';
	errno = 0;
	v = strtod(copy, &end);
	if (end == copy || *end != '\0') {
		free(copy);
		return CLI_BAD_SYNTAX;
	}
	free(copy);
	if (errno == ERANGE && isinf(v))
		return CLI_OUT_OF_RANGE;
	*out = v;
	return CLI_STORED;
}

/* ---- Storing values ----------------------------------------------------- */

/* Parse value and store it in f's field of cfg. */
static enum cli_store_result
cli_store(struct config *cfg, const struct cli_flag *f, const char *value)
{
	void			*field = cli_field(cfg, f);
	enum cli_store_result	 rc;
	int64_t			 i64;
	uint64_t		 u64;
	double			 d;
	bool			 b;
	char			**s, ***list;
	size_t			 n, i;

	switch (f->type) {
	case CLI_BOOL:
		if (util_parse_bool(value, &b) != 0)
			return CLI_BAD_SYNTAX;
		*(bool *)field = b;
		return CLI_STORED;
	case CLI_STRING:
		s = field;
		free(*s);
		*s = *value != '\0' ? xstrdup(value) : NULL;
		return CLI_STORED;
	case CLI_INT:
		if ((rc = go_parse_int(value, &i64)) != CLI_STORED)
			return rc;
		if (i64 < INT_MIN || i64 > INT_MAX)
			return CLI_OUT_OF_RANGE;
		*(int *)field = (int)i64;
		return CLI_STORED;
	case CLI_INT64:
		if ((rc = go_parse_int(value, &i64)) != CLI_STORED)
			return rc;
		*(int64_t *)field = i64;
		return CLI_STORED;
	case CLI_UINT:
		if ((rc = go_parse_uint(value, &u64)) != CLI_STORED)
			return rc;
		if (u64 > UINT_MAX)
			return CLI_OUT_OF_RANGE;
		*(unsigned int *)field = (unsigned int)u64;
		return CLI_STORED;
	case CLI_FLOAT:
		if ((rc = go_parse_float(value, &d)) != CLI_STORED)
			return rc;
		*(double *)field = d;
		return CLI_STORED;
	case CLI_LIST:
		list = field;
		for (n = 0; *list != NULL && (*list)[n] != NULL; n++)
			;
		*list = xreallocarray(*list, n + 2, sizeof **list);
		(*list)[n] = xstrdup(value);
		(*list)[n + 1] = NULL;
		return CLI_STORED;
	case CLI_CUT_OVER:
		for (i = 0; i < nitems(cli_cut_overs); i++) {
			if (strcmp(cli_cut_overs[i].name, value) == 0) {
				*(enum cut_over_type *)field =
				    cli_cut_overs[i].type;
				return CLI_STORED;
			}
		}
		return CLI_UNKNOWN_NAME;
	}
	return CLI_BAD_SYNTAX;
}

/* Give every field its flag's default. */
void
cli_set_defaults(struct config *cfg)
{
	size_t	i;

	for (i = 0; i < CLI_NFLAGS; i++) {
		if (cli_flags[i].type == CLI_LIST) {
			*(char ***)cli_field(cfg, &cli_flags[i]) =
			    xcalloc(1, sizeof(char *));
			continue;
		}
		if (cli_store(cfg, &cli_flags[i], cli_flags[i].def) !=
		    CLI_STORED)
			fatalx("%s: bad default for --%s", __func__,
			    cli_flags[i].name);
	}
}

/* Free the strings and lists the table's fields own. */
void
cli_free_values(struct config *cfg)
{
	size_t	  i;
	char	**s, ***list;

	for (i = 0; i < CLI_NFLAGS; i++) {
		switch (cli_flags[i].type) {
		case CLI_STRING:
			s = cli_field(cfg, &cli_flags[i]);
			free(*s);
			*s = NULL;
			break;
		case CLI_LIST:
			list = cli_field(cfg, &cli_flags[i]);
			util_free_strv(*list);
			*list = NULL;
			break;
		default:
			break;
		}
	}
}

/* Does f hold a non-zero value ("given" in gh-ost's checks)? */
static bool
cli_is_set(const struct config *cfg, const struct cli_flag *f)
{
	const void	*field = cli_field(cfg, f);
	char *const	*list;

	switch (f->type) {
	case CLI_BOOL:
		return *(const bool *)field;
	case CLI_STRING:
		return *(char *const *)field != NULL;
	case CLI_INT:
		return *(const int *)field != 0;
	case CLI_INT64:
		return *(const int64_t *)field != 0;
	case CLI_UINT:
		return *(const unsigned int *)field != 0;
	case CLI_FLOAT:
		return *(const double *)field != 0;
	case CLI_LIST:
		list = *(char **const *)field;
		return list != NULL && list[0] != NULL;
	case CLI_CUT_OVER:
		return *(const enum cut_over_type *)field != CUT_OVER_ATOMIC;
	}
	return false;
}

/* Do a and b hold the same value for f? */
static bool
cli_same(const struct config *a, const struct config *b,
    const struct cli_flag *f)
{
	const void	*fa = cli_field(a, f), *fb = cli_field(b, f);
	const char	*sa, *sb;

	switch (f->type) {
	case CLI_BOOL:
		return *(const bool *)fa == *(const bool *)fb;
	case CLI_STRING:
		sa = *(char *const *)fa;
		sb = *(char *const *)fb;
		if (sa == NULL || sb == NULL)
			return sa == sb;
		return strcmp(sa, sb) == 0;
	case CLI_INT:
		return *(const int *)fa == *(const int *)fb;
	case CLI_INT64:
		return *(const int64_t *)fa == *(const int64_t *)fb;
	case CLI_UINT:
		return *(const unsigned int *)fa == *(const unsigned int *)fb;
	case CLI_FLOAT:
		return *(const double *)fa == *(const double *)fb;
	case CLI_LIST:
		return cli_is_set(a, f) == cli_is_set(b, f);
	case CLI_CUT_OVER:
		return *(const enum cut_over_type *)fa ==
		    *(const enum cut_over_type *)fb;
	}
	return false;
}

/* ---- Usage -------------------------------------------------------------- */

/* The word after "-name" in --help: Go's UnquoteUsage. The help text with
 * the backquotes removed goes to usage. */
static const char *
cli_type_word(const struct cli_flag *f, struct buf *usage, char *word,
    size_t wordlen)
{
	const char	*lq, *rq;

	lq = strchr(f->help, '`');
	if (lq != NULL && (rq = strchr(lq + 1, '`')) != NULL) {
		snprintf(word, wordlen, "%.*s", (int)(rq - lq - 1), lq + 1);
		buf_add(usage, f->help, (size_t)(lq - f->help));
		buf_adds(usage, word);
		buf_adds(usage, rq + 1);
		return word;
	}
	buf_adds(usage, f->help);
	switch (f->type) {
	case CLI_BOOL:
		return "";
	case CLI_STRING:
	case CLI_CUT_OVER:
		return "string";
	case CLI_INT:
	case CLI_INT64:
		return "int";
	case CLI_UINT:
		return "uint";
	case CLI_FLOAT:
		return "float";
	case CLI_LIST:
		return "value";
	}
	return "value";
}

/* Is def Go's zero value for f's type (then --help shows no default)? */
static bool
cli_default_is_zero(const struct cli_flag *f)
{
	switch (f->type) {
	case CLI_BOOL:
		return strcmp(f->def, "false") == 0;
	case CLI_INT:
	case CLI_INT64:
	case CLI_UINT:
	case CLI_FLOAT:
		return strcmp(f->def, "0") == 0;
	default:
		return *f->def == '\0';
	}
}

/* qsort comparator: rows by name. */
static int
cli_cmp_rows(const void *a, const void *b)
{
	const struct cli_flag	*fa = *(const struct cli_flag *const *)a;
	const struct cli_flag	*fb = *(const struct cli_flag *const *)b;

	return strcmp(fa->name, fb->name);
}

/* Append one flag the way Go's PrintDefaults prints it. */
static void
cli_usage_flag(struct buf *b, const struct cli_flag *f)
{
	struct buf	 usage = BUF_INIT;
	char		 word[64];
	const char	*type, *p;
	size_t		 start = b->len;

	type = cli_type_word(f, &usage, word, sizeof word);
	if (f->min != INT64_MIN && f->max != INT64_MAX)
		buf_addf(&usage, " (allowed range: %" PRId64 "-%" PRId64 ")",
		    f->min, f->max);
	else if (f->min != INT64_MIN)
		buf_addf(&usage, " (minimum: %" PRId64 ")", f->min);
	if (f->support == CLI_NOT_YET)
		buf_adds(&usage, " (not supported yet: only the default is "
		    "accepted)");

	buf_addf(b, "  -%s", f->name);
	if (*type != '\0')
		buf_addf(b, " %s", type);
	if (b->len - start <= 4)
		buf_addc(b, '\t');
	else
		buf_adds(b, "\n    \t");
	for (p = buf_str(&usage); *p != '\0'; p++) {
		if (*p == '\n')
			buf_adds(b, "\n    \t");
		else
			buf_addc(b, *p);
	}
	if (!cli_default_is_zero(f)) {
		buf_adds(b, " (default ");
		if (f->type == CLI_STRING || f->type == CLI_CUT_OVER)
			go_quote(b, f->def);
		else
			buf_adds(b, f->def);
		buf_addc(b, ')');
	}
	buf_addc(b, '\n');
	buf_release(&usage);
}

/* Print the usage: a header and every flag sorted by name. */
void
cli_usage(FILE *out)
{
	const struct cli_flag	*rows[CLI_NFLAGS];
	struct buf		 b = BUF_INIT;
	size_t			 i;

	for (i = 0; i < CLI_NFLAGS; i++)
		rows[i] = &cli_flags[i];
	qsort(rows, CLI_NFLAGS, sizeof rows[0], cli_cmp_rows);
	buf_adds(&b, "Usage of wisp:\n");
	for (i = 0; i < CLI_NFLAGS; i++)
		cli_usage_flag(&b, rows[i]);
	fputs(buf_str(&b), out);
	fflush(out);
	buf_release(&b);
}

/* ---- Parsing argv ------------------------------------------------------- */

/* A usage error: Go's flag package words, exit code 2. Unlike Go, the
 * whole usage is not dumped after it: one line says what is wrong and where
 * the list of flags is. */
static int
cli_fail(struct cli_state *st, char **cause, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	*cause = xvasprintf(fmt, ap);
	va_end(ap);
	fprintf(st->out, "%s (see wisp --help)\n", *cause);
	fflush(st->out);
	return -1;
}

/* Go's FlagSet.Parse. *next gets the index of the first unparsed argument;
 * *help is set for -h. */
static int
cli_parse_args(struct cli_state *st, int argc, char **argv, int *next,
    bool *help, char **cause)
{
	const struct cli_flag	*f;
	enum cli_store_result	 rc;
	const char		*s, *name, *eq, *value;
	struct buf		 q = BUF_INIT;
	size_t			 len;
	int			 i = 1, idx, at;

	while (i < argc) {
		s = argv[i];
		if (strlen(s) < 2 || s[0] != '-')
			break;
		name = s + 1;
		if (s[1] == '-') {
			if (s[2] == '\0') {
				i++;
				break;
			}
			name = s + 2;
		}
		if (*name == '\0' || *name == '-' || *name == '=')
			return cli_fail(st, cause, "bad flag syntax: %s", s);
		at = i++;

		eq = strchr(name + 1, '=');
		len = eq != NULL ? (size_t)(eq - name) : strlen(name);
		value = eq != NULL ? eq + 1 : NULL;
		if ((idx = cli_find(name, len)) < 0) {
			if (len == 1 && name[0] == 'h') {
				*help = true;
				*next = i;
				return 0;
			}
			return cli_fail(st, cause,
			    "flag provided but not defined: -%.*s", (int)len,
			    name);
		}
		f = &cli_flags[idx];

		if (f->type == CLI_BOOL) {
			if (value == NULL)
				value = "true";
		} else if (value == NULL) {
			if (i >= argc)
				return cli_fail(st, cause,
				    "flag needs an argument: -%s", f->name);
			value = argv[i++];
		}
		rc = cli_store(st->cfg, f, value);
		if (rc == CLI_UNKNOWN_NAME)
			st->cut_over_unknown = value;
		else if (rc == CLI_STORED && f->type == CLI_CUT_OVER)
			st->cut_over_unknown = NULL;
		else if (rc != CLI_STORED) {
			go_quote(&q, value);
			if (f->type == CLI_BOOL)
				rc = cli_fail(st, cause, "invalid boolean "
				    "value %s for -%s: " GO_PARSE_ERROR,
				    buf_str(&q), f->name);
			else
				rc = cli_fail(st, cause, "invalid value %s for "
				    "flag -%s: %s", buf_str(&q), f->name,
				    rc == CLI_OUT_OF_RANGE ? GO_RANGE_ERROR :
				    GO_PARSE_ERROR);
			buf_release(&q);
			return rc;
		}
		if (st->given_at[idx] == 0)
			st->given_at[idx] = at;
	}
	*next = i;
	return 0;
}

/* ---- Checks ------------------------------------------------------------- */

/* Is the flag called name set in cfg? */
static bool
cli_set_by_name(const struct config *cfg, const char *name)
{
	return cli_is_set(cfg, cli_row(name));
}

/* Apply pair rules in order; the first broken one is the error. */
static int
cli_apply_rules(struct cli_state *st, const struct cli_rule *rules, size_t n,
    char **cause)
{
	const struct cli_rule	*r;
	bool			 a, b;
	size_t			 i;

	for (i = 0; i < n; i++) {
		r = &rules[i];
		a = cli_set_by_name(st->cfg, r->a);
		b = r->b != NULL && cli_set_by_name(st->cfg, r->b);
		switch (r->kind) {
		case RULE_EXCLUSIVE:
			if (a && b) {
				*cause = xstrdup(r->message);
				return -1;
			}
			break;
		case RULE_REQUIRES:
			if (a && !b) {
				*cause = xstrdup(r->message);
				return -1;
			}
			break;
		case RULE_WARN:
			if (a)
				log_warn("%s", r->message);
			break;
		case RULE_WARN_BOTH:
			if (a && b)
				log_warn("%s", r->message);
			break;
		}
	}
	return 0;
}

/* --storage-engine is innodb (also when empty) or rocksdb. */
static int
check_storage_engine(struct cli_state *st, char **cause)
{
	struct config	*cfg = st->cfg;

	if (cfg->storage_engine == NULL)
		cfg->storage_engine = xstrdup("innodb");
	if (strcmp(cfg->storage_engine, "innodb") == 0)
		return 0;
	if (strcmp(cfg->storage_engine, "rocksdb") == 0) {
		log_warn("RocksDB storage engine support is experimental");
		return 0;
	}
	*cause = xstrdup("--storage-engine must be innodb or rocksdb");
	return -1;
}

/*
 * An empty --charset means the default list, as in gh-ost. Each connection
 * takes the first of the list its server accepts (dbconn.h), so a name
 * Connector/C does not know is skipped there like one the server refuses;
 * refused here: a name that is not a plain word (it goes into SET NAMES and
 * into literals' introducers), and a list with no name wisp knows, on which
 * no connection could be made.
 */
static int
check_charset(struct cli_state *st, char **cause)
{
	const char	*list;
	char		 name[64];
	size_t		 pos = 0, n;
	bool		 known = false;

	if (st->cfg->charset == NULL)
		st->cfg->charset = xstrdup(cli_row("charset")->def);
	list = st->cfg->charset;
	while (dbconn_charset_next(list, &pos, name, sizeof name)) {
		n = strlen(name);
		if (n == 0 || n >= sizeof name - 1 ||
		    strspn(name, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != n) {
			*cause = xasprintf("--charset: bad character set name "
			    "in '%s'", list);
			return -1;
		}
		if (mariadb_get_charset_by_name(name) != NULL)
			known = true;
	}
	if (!known) {
		*cause = xasprintf("--charset: no character set wisp knows in "
		    "'%s'", list);
		return -1;
	}
	return 0;
}

/* --alter is mandatory unless --revert; parse it for its table name. */
static int
check_alter(struct cli_state *st, char **cause)
{
	struct config	*cfg = st->cfg;
	char		*why = NULL;

	if (cfg->alter == NULL && !cfg->revert) {
		*cause = xstrdup("--alter must be provided and statement must "
		    "not be empty");
		return -1;
	}
	if (cfg->alter == NULL)
		return 0;
	if ((st->alter = alter_parse(cfg->alter, &why)) != NULL)
		return 0;
	if (cfg->revert) {
		log_warn("--alter is ignored with --revert: %s", why);
		free(why);
		return 0;
	}
	*cause = why != NULL ? why : xstrdup("cannot parse --alter");
	return -1;
}

/* gh-ost's --revert rules. */
static int
check_revert(struct cli_state *st, char **cause)
{
	struct config	*cfg = st->cfg;

	if (!cfg->revert)
		return 0;
	if (cfg->resume) {
		*cause = xstrdup("--revert cannot be used with --resume");
		return -1;
	}
	if (cfg->old_table == NULL) {
		*cause = xstrdup("--revert must be called with --old-table");
		return -1;
	}
	return cli_apply_rules(st, cli_revert_rules, nitems(cli_revert_rules),
	    cause);
}

/* Fill an unset --database or --table from the name --alter gives; 0, or
 * -1 with gh-ost's message when neither names it. */
static int
check_name(char **field, const char *named, const char *missing, char **cause)
{
	if (*field != NULL)
		return 0;
	if (named != NULL && *named != '\0') {
		*field = xstrdup(named);
		return 0;
	}
	*cause = xstrdup(missing);
	return -1;
}

/* --database, else the schema named by --alter. */
static int
check_database(struct cli_state *st, char **cause)
{
	return check_name(&st->cfg->database, st->alter != NULL ?
	    st->alter->schema : NULL, "--database must be provided and database "
	    "name must not be empty, or --alter must specify database name",
	    cause);
}

/* --table, else the table named by --alter. */
static int
check_table(struct cli_state *st, char **cause)
{
	return check_name(&st->cfg->table, st->alter != NULL ?
	    st->alter->table : NULL, "--table must be provided and table name "
	    "must not be empty, or --alter must specify table name", cause);
}

/* wisp's rule: an ALTER TABLE naming another table than --database/--table
 * is a mistake (gh-ost would silently alter the flags' table). */
static int
check_alter_names(struct cli_state *st, char **cause)
{
	const struct alter	*a = st->alter;
	const struct config	*cfg = st->cfg;
	struct buf		 b = BUF_INIT;

	if (a == NULL || a->table == NULL)
		return 0;
	if (strcmp(a->table, cfg->table) == 0 &&
	    (a->schema == NULL || strcmp(a->schema, cfg->database) == 0))
		return 0;
	buf_adds(&b, "--alter names table ");
	if (a->schema != NULL) {
		buf_add_ident(&b, a->schema);
		buf_addc(&b, '.');
	}
	buf_add_ident(&b, a->table);
	buf_adds(&b, " but --database/--table say ");
	buf_add_ident(&b, cfg->database);
	buf_addc(&b, '.');
	buf_add_ident(&b, cfg->table);
	*cause = buf_detach(&b);
	return -1;
}

/* The contradictions table. */
static int
check_rules(struct cli_state *st, char **cause)
{
	return cli_apply_rules(st, cli_rules, nitems(cli_rules), cause);
}

/* --trigger-suffix is [0-9a-zA-Z_]+. */
static int
check_trigger_suffix(struct cli_state *st, char **cause)
{
	const char	*p = st->cfg->trigger_suffix;

	if (p == NULL)
		return 0;
	for (; *p != '\0'; p++) {
		if (!isascii((unsigned char)*p) ||
		    (!isalnum((unsigned char)*p) && *p != '_')) {
			*cause = xstrdup("--trigger-suffix must contain only "
			    "alpha numeric characters and underscore "
			    "(0-9,a-z,A-Z,_)");
			return -1;
		}
	}
	return 0;
}

/* gh-ost's own check and message for --checkpoint-seconds. */
static int
check_checkpoint_seconds(struct cli_state *st, char **cause)
{
	if (st->cfg->checkpoint_seconds < 10) {
		*cause = xstrdup("--checkpoint-seconds should be >=10");
		return -1;
	}
	return 0;
}

/* --resume continues a migration: a noop has nothing to continue, and
 * must not touch the interrupted run's ghost table (gh-ost #1769). */
static int
check_resume(struct cli_state *st, char **cause)
{
	if (st->cfg->resume && !st->cfg->execute) {
		*cause = xstrdup("--resume requires --execute: a noop run would "
		    "not continue the interrupted migration");
		return -1;
	}
	return 0;
}

/* --chunk-size fixes the rows per chunk, as in gh-ost; --chunk-time
 * adjusts them: asking for both is a contradiction. */
static int
check_chunk_time(struct cli_state *st, char **cause)
{
	bool	size = st->given_at[cli_row("chunk-size") - cli_flags] != 0;
	bool	time = st->given_at[cli_row("chunk-time") - cli_flags] != 0;

	if (size && time && st->cfg->chunk_time > 0) {
		*cause = xstrdup("--chunk-size and --chunk-time cannot both be "
		    "given: --chunk-size fixes the rows per chunk, --chunk-time "
		    "adjusts them");
		return -1;
	}
	if (size)
		st->cfg->chunk_time = 0;
	return 0;
}

/* An unknown --cut-over. */
static int
check_cut_over(struct cli_state *st, char **cause)
{
	if (st->cut_over_unknown != NULL) {
		*cause = xasprintf("Unknown cut-over: %s",
		    st->cut_over_unknown);
		return -1;
	}
	return 0;
}

/* Go prints errno texts in lower case ("no such file or directory"). */
static char *
cli_strerror(int error)
{
	char	*s = xstrdup(strerror(error));

	if (s[0] != '\0' && isupper((unsigned char)s[0]) &&
	    !isupper((unsigned char)s[1]))
		s[0] = (char)tolower((unsigned char)s[0]);
	return s;
}

/* Read [client] user and password from path with libmariadb's option-file
 * reader. */
static void
cli_conf_client(const char *path, char **user, char **password)
{
	MYSQL	*m;

	if ((m = mysql_init(NULL)) == NULL)
		fatalx("%s: mysql_init failed", __func__);
	mysql_optionsv(m, MYSQL_READ_DEFAULT_FILE, path);
	mysql_optionsv(m, MYSQL_READ_DEFAULT_GROUP, "client");

	/*
	 * Connector/C reads option files only inside mysql_real_connect() and
	 * exports no reader of its own. Given a host list with no host in it
	 * (",") it reads the file, then gives up before opening any socket;
	 * CLIENT_REMEMBER_OPTIONS keeps what it read in m->options, which is
	 * public in mysql.h. Checked against Connector/C 3.3
	 * (mthd_my_real_connect).
	 */
	if (mysql_real_connect(m, ",", NULL, NULL, NULL, 0, NULL,
	    CLIENT_REMEMBER_OPTIONS) != NULL)
		log_warn("--conf: unexpected connection reading %s", path);
	*user = m->options.user != NULL ? xstrdup(m->options.user) : NULL;
	*password = m->options.password != NULL ?
	    xstrdup(m->options.password) : NULL;
	mysql_close(m);
}

/* gh-ost replaces a value containing ${NAME} by $NAME's value, whole. */
static void
cli_conf_expand(char **value)
{
	const char	*lb, *rb, *env;
	char		*name;

	if (*value == NULL || (lb = strstr(*value, "${")) == NULL)
		return;
	if ((rb = strrchr(lb + 2, '}')) == NULL)
		return;
	name = xstrndup(lb + 2, (size_t)(rb - lb - 2));
	env = getenv(name);
	free(name);
	free(*value);
	*value = env != NULL && *env != '\0' ? xstrdup(env) : NULL;
}

/* Validate one [osc] integer as go-ini's Key.Int64 would read it. */
static int
cli_conf_int(const char *value, const char *what, char **cause)
{
	enum cli_store_result	rc;
	int64_t			v;

	if (value == NULL)
		return 0;
	if ((rc = go_parse_int(value, &v)) == CLI_STORED)
		return 0;
	*cause = xasprintf("unable to read %s: strconv.ParseInt: parsing "
	    "\"%s\": %s", what, value, rc == CLI_OUT_OF_RANGE ?
	    GO_RANGE_ERROR : "invalid syntax");
	return -1;
}

/* A go-ini value: inline comment cut at # or ;, then surrounding quotes. */
static char *
cli_conf_value(const char *raw)
{
	char	*v = xstrdup(raw);
	size_t	 len;

	v[strcspn(v, "#;")] = '\0';
	util_trim(v);
	len = strlen(v);
	if (len >= 2 && (v[0] == '"' || v[0] == '\'') && v[len - 1] == v[0] &&
	    memchr(v + 1, v[0], len - 2) == NULL) {
		memmove(v, v + 1, len - 2);
		v[len - 2] = '\0';
	}
	return v;
}

/* Read gh-ost's [osc] section: validated, then ignored, as gh-ost does. */
static int
cli_conf_osc(FILE *f, const char *path, char **cause)
{
	static const char *keys[] = { "chunk_size", "max_load",
	    "replication_lag_query", "max_lag_millis" };
	static const char *flags[] = { "chunk-size", "max-load",
	    "replication-lag-query", "max-lag-millis" };
	char	*line = NULL, *section = xstrdup(""), *values[4] = { 0 };
	char	*p, *sep;
	size_t	 cap = 0, i;
	int	 rc = 0;

	while (getline(&line, &cap, f) != -1) {
		p = util_trim(line);
		if (*p == '\0' || *p == '#' || *p == ';')
			continue;
		if (*p == '[') {
			if ((sep = strchr(p, ']')) != NULL)
				*sep = '\0';
			free(section);
			section = util_trim(xstrdup(p + 1));
			continue;
		}
		if (strcmp(section, "osc") != 0)
			continue;
		if ((sep = strpbrk(p, "=:")) == NULL)
			continue;
		*sep = '\0';
		util_trim(p);
		for (i = 0; i < nitems(keys); i++) {
			if (strcmp(p, keys[i]) == 0) {
				free(values[i]);
				values[i] = cli_conf_value(sep + 1);
			}
		}
	}
	if (ferror(f)) {
		p = cli_strerror(errno);
		*cause = xasprintf("read %s: %s", path, p);
		free(p);
		rc = -1;
	}
	if (rc == 0)
		rc = cli_conf_int(values[0], "osc chunk size", cause);
	if (rc == 0)
		rc = cli_conf_int(values[3], "max lag millis", cause);
	for (i = 0; i < nitems(keys); i++) {
		if (rc == 0 && values[i] != NULL)
			log_warn("--conf: [osc] %s is read but not applied, as "
			    "in gh-ost; use --%s", keys[i], flags[i]);
		free(values[i]);
	}
	free(section);
	free(line);
	return rc;
}

/* gh-ost's ReadConfigFile. */
static int
check_conf(struct cli_state *st, char **cause)
{
	const char	*path = st->cfg->conf;
	struct stat	 sb;
	FILE		*f;
	char		*why;
	int		 rc;

	if (path == NULL)
		return 0;
	if ((f = fopen(path, "r")) == NULL) {
		why = cli_strerror(errno);
		*cause = xasprintf("open %s: %s", path, why);
		free(why);
		return -1;
	}
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(f);
		*cause = xasprintf("read %s: is a directory", path);
		return -1;
	}
	rc = cli_conf_osc(f, path, cause);
	fclose(f);
	if (rc != 0)
		return -1;

	cli_conf_client(path, &st->conf_user, &st->conf_password);
	cli_conf_expand(&st->conf_user);
	cli_conf_expand(&st->conf_password);
	return 0;
}

/*
 * Check that path holds PEM blocks of the wanted type, as gh-ost reads its
 * TLS files at startup: a missing or unreadable file fails before any
 * connection, in Go's words. type is "CERTIFICATE" (exactly) or
 * "PRIVATE KEY" (a suffix: "RSA PRIVATE KEY", "EC PRIVATE KEY" also do).
 * what is the input's name in the messages ("certificate", "key"), NULL
 * for the CA, whose one message is gh-ost's own.
 */
static int
cli_check_pem(const char *path, const char *type, const char *what,
    char **cause)
{
	struct stat	 sb;
	FILE		*f;
	char		 line[256], *p, *end;
	size_t		 n, nblocks = 0, ncerts = 0;
	bool		 found = false;

	if ((f = fopen(path, "r")) == NULL) {
		p = cli_strerror(errno);
		*cause = xasprintf("open %s: %s", path, p);
		free(p);
		return -1;
	}
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(f);
		*cause = xasprintf("read %s: is a directory", path);
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "-----BEGIN ", 11) != 0)
			continue;
		p = line + 11;
		if ((end = strstr(p, "-----")) == NULL)
			continue;
		n = (size_t)(end - p);
		nblocks++;
		if (n == 11 && strncmp(p, "CERTIFICATE", 11) == 0)
			ncerts++;
		if (strcmp(type, "CERTIFICATE") == 0 ? (n == 11 &&
		    strncmp(p, type, n) == 0) : (n >= strlen(type) &&
		    strncmp(end - strlen(type), type, strlen(type)) == 0))
			found = true;
	}
	fclose(f);
	if (found)
		return 0;
	if (what == NULL)
		*cause = xstrdup("could not add ca certificate to cert pool");
	else if (nblocks == 0)
		*cause = xasprintf("tls: failed to find any PEM data in %s "
		    "input", what);
	else if (strcmp(type, "CERTIFICATE") == 0)
		*cause = xstrdup("tls: failed to find \"CERTIFICATE\" PEM block "
		    "in certificate input");
	else if (ncerts == nblocks)
		*cause = xstrdup("tls: found a certificate rather than a key in "
		    "the PEM for the private key");
	else
		*cause = xstrdup("tls: failed to find PEM block with type "
		    "ending in \"PRIVATE KEY\" in key input");
	return -1;
}

/*
 * --ssl: read the CA and the client certificate and key now, as gh-ost's
 * SetupTLS does, so that a bad file stops wisp before it connects. A
 * certificate needs its key and the other way round (Go's key-pair loader
 * fails on the missing one with "open : no such file or directory").
 * Whether the server's certificate verifies is known only on connecting:
 * the first connection (the inspector's) fails with the TLS error, before
 * anything is created.
 */
static int
check_tls(struct cli_state *st, char **cause)
{
	const struct config	*cfg = st->cfg;

	if (!cfg->ssl)
		return 0;
	if (cfg->ssl_ca != NULL &&
	    cli_check_pem(cfg->ssl_ca, "CERTIFICATE", NULL, cause) != 0)
		return -1;
	if ((cfg->ssl_cert == NULL) != (cfg->ssl_key == NULL)) {
		*cause = xstrdup(cfg->ssl_cert != NULL ?
		    "--ssl-cert requires --ssl-key" :
		    "--ssl-key requires --ssl-cert");
		return -1;
	}
	if (cfg->ssl_cert != NULL && cli_check_pem(cfg->ssl_cert,
	    "CERTIFICATE", "certificate", cause) != 0)
		return -1;
	if (cfg->ssl_key != NULL && cli_check_pem(cfg->ssl_key, "PRIVATE KEY",
	    "key", cause) != 0)
		return -1;
	return 0;
}

/* Is s[0..n) non-empty and made only of the bytes in set? */
static bool
cli_all_of(const char *s, size_t n, const char *set)
{
	return n > 0 && strspn(s, set) >= n;
}

#define CLI_DIGITS	"0123456789"
#define CLI_V6CHARS	"0123456789abcdefABCDEF:"

/* gh-ost's mysql.ParseInstanceKey, its four patterns in its order:
 * host:port, host, [v6]:port, v6. The port must be 1..65535 (gh-ost takes
 * any number). */
static int
cli_parse_instance_key(const char *s, char **cause)
{
	const char	*colon = strchr(s, ':'), *rb, *port = NULL;
	int64_t		 p;

	if (colon != NULL && colon > s && strchr(colon + 1, ':') == NULL &&
	    cli_all_of(colon + 1, strlen(colon + 1), CLI_DIGITS))
		port = colon + 1;
	else if (colon == NULL && *s != '\0')
		port = NULL;		/* a bare host: port 3306 */
	else if (s[0] == '[' && (rb = strchr(s, ']')) != NULL &&
	    cli_all_of(s + 1, (size_t)(rb - s - 1), CLI_V6CHARS) &&
	    rb[1] == ':' && strlen(rb + 2) <= 5 &&
	    cli_all_of(rb + 2, strlen(rb + 2), CLI_DIGITS))
		port = rb + 2;
	else if (!cli_all_of(s, strlen(s), CLI_V6CHARS)) {
		*cause = xasprintf("cannot parse address: %s", s);
		return -1;
	}
	if (port != NULL && util_parse_int64(port, 1, 65535, &p) != 0) {
		*cause = xasprintf("invalid port: %s", port);
		return -1;
	}
	return 0;
}

/* --throttle-control-replicas is a comma list of host[:port]. */
static int
check_control_replicas(struct cli_state *st, char **cause)
{
	const char	*list = st->cfg->throttle_control_replicas;
	char		*item, *copy, *next;
	int		 rc = 0;

	if (list == NULL)
		return 0;
	copy = xstrdup(list);
	for (item = copy; item != NULL && rc == 0; item = next) {
		if ((next = strchr(item, ',')) != NULL)
			*next++ = '\0';
		rc = cli_parse_instance_key(util_trim(item), cause);
	}
	free(copy);
	return rc;
}

/* --max-load and --critical-load parse as load maps. */
static int
check_loads(struct cli_state *st, char **cause)
{
	const char	*lists[] = {
		st->cfg->max_load, st->cfg->critical_load
	};
	struct loadmap	*lm;
	size_t		 i;

	for (i = 0; i < nitems(lists); i++) {
		if ((lm = loadmap_parse(lists[i], cause)) == NULL)
			return -1;
		loadmap_free(lm);
	}
	return 0;
}

/* Is f's value within its range? */
static bool
cli_in_range(const struct config *cfg, const struct cli_flag *f)
{
	const void	*field = cli_field(cfg, f);
	int64_t		 v;
	double		 d;

	switch (f->type) {
	case CLI_INT:
		v = *(const int *)field;
		break;
	case CLI_INT64:
		v = *(const int64_t *)field;
		break;
	case CLI_UINT:
		v = *(const unsigned int *)field;
		break;
	case CLI_FLOAT:
		d = *(const double *)field;
		return d >= (double)f->min && d <= (double)f->max;
	default:
		return true;
	}
	return v >= f->min && v <= f->max;
}

/* Every row's range. gh-ost clamps most knobs silently or logs and keeps the
 * default; wisp refuses what is out of range. */
static int
check_ranges(struct cli_state *st, char **cause)
{
	const struct cli_flag	*f;
	size_t			 i;

	for (i = 0; i < CLI_NFLAGS; i++) {
		f = &cli_flags[i];
		if (cli_in_range(st->cfg, f))
			continue;
		if (f->max == INT64_MAX)
			*cause = xasprintf("--%s must be at least %" PRId64,
			    f->name, f->min);
		else
			*cause = xasprintf("--%s must be between %" PRId64
			    " and %" PRId64, f->name, f->min, f->max);
		return -1;
	}
	return 0;
}

/* --assume-master-host parses as host[:port]. */
static int
check_assume_master_host(struct cli_state *st, char **cause)
{
	if (st->cfg->assume_master_host == NULL)
		return 0;
	return cli_parse_instance_key(st->cfg->assume_master_host, cause);
}

/* The flag that fails want and was given first on the command line. */
static const struct cli_flag *
cli_first_failing(struct cli_state *st,
    bool (*want)(struct cli_state *, const struct cli_flag *, void *),
    void *arg)
{
	const struct cli_flag	*found = NULL;
	int			 best = INT_MAX, rank;
	size_t			 i;

	for (i = 0; i < CLI_NFLAGS; i++) {
		if (want(st, &cli_flags[i], arg))
			continue;
		rank = st->given_at[i] != 0 ? st->given_at[i] : INT_MAX;
		if (found == NULL || rank < best) {
			found = &cli_flags[i];
			best = rank;
		}
	}
	return found;
}

/* Acceptable for --check-flag: not given, or supported. */
static bool
cli_ok_check_flag(struct cli_state *st, const struct cli_flag *f,
    unused void *arg)
{
	return f->support == CLI_YES || st->given_at[f - cli_flags] == 0;
}

/* Acceptable for a run: supported, or left at its default. */
static bool
cli_ok_run(struct cli_state *st, const struct cli_flag *f, void *arg)
{
	return f->support == CLI_YES || cli_same(st->cfg, arg, f);
}

/* Refuse flags whose behaviour wisp does not have yet. */
static int
check_supported(struct cli_state *st, char **cause)
{
	const struct cli_flag	*f;
	struct config		 def;

	memset(&def, 0, sizeof def);
	cli_set_defaults(&def);
	f = cli_first_failing(st, cli_ok_run, &def);
	cli_free_values(&def);
	if (f != NULL) {
		*cause = xasprintf("--%s is not supported yet", f->name);
		return -1;
	}
	return 0;
}

/* After parsing, in gh-ost's order (main.go), then wisp's own. */
static int (*const cli_checks[])(struct cli_state *, char **) = {
	check_storage_engine,
	check_charset,
	check_alter,
	check_revert,
	check_database,
	check_table,
	check_alter_names,
	check_rules,
	check_trigger_suffix,
	check_checkpoint_seconds,
	check_resume,
	check_chunk_time,
	check_cut_over,
	check_conf,
	check_control_replicas,
	check_loads,
	check_ranges,
	check_assume_master_host,
	check_tls,
	check_supported,
};

/* ---- Password ----------------------------------------------------------- */

/* Prompt and read a password line from fd, without echo on a terminal. */
int
cli_read_password(int fd, FILE *prompt, char **password, char **cause)
{
	struct termios	 saved, quiet;
	struct buf	 b = BUF_INIT;
	bool		 tty, got_newline = false;
	ssize_t		 n;
	char		 c;
	int		 error = 0;

	tty = isatty(fd) && tcgetattr(fd, &saved) == 0;
	fputs("Password:\n", prompt);
	fflush(prompt);
	if (tty) {
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	buf_adds(&b, "");
	for (;;) {
		n = read(fd, &c, 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			error = errno;
		if (n != 1)
			break;
		if (c == '\n') {
			got_newline = true;
			break;
		}
		buf_addc(&b, c);
	}
	if (tty)
		tcsetattr(fd, TCSAFLUSH, &saved);
	if (b.len > 0 && b.data[b.len - 1] == '\r')
		buf_truncate(&b, b.len - 1);
	if (error != 0 || (b.len == 0 && !got_newline)) {
		*cause = error != 0 ? xasprintf("reading the password: %s",
		    strerror(error)) : xstrdup("reading the password: end of "
		    "input");
		buf_release(&b);
		return -1;
	}
	*password = buf_detach(&b);
	return 0;
}

/* --ask-pass: the answer replaces --password, as in gh-ost. */
static int
cli_ask_pass(struct cli_state *st, char **cause)
{
	char	*password = NULL;
	int	 fd = STDIN_FILENO, rc;
	bool	 opened = false;

	if (!isatty(STDIN_FILENO)) {
		if ((fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) != -1)
			opened = true;
		else
			fd = STDIN_FILENO;
	}
	rc = cli_read_password(fd, st->out, &password, cause);
	if (opened)
		close(fd);
	if (rc != 0)
		return -1;
	free(st->cfg->password);
	st->cfg->password = *password != '\0' ? password : NULL;
	if (st->cfg->password == NULL)
		free(password);
	return 0;
}

/* gh-ost's ApplyCredentials: the file fills what the command line left
 * empty. */
static void
cli_apply_credentials(struct cli_state *st)
{
	struct config	*cfg = st->cfg;

	if (cfg->user == NULL && st->conf_user != NULL)
		cfg->user = xstrdup(st->conf_user);
	if (cfg->password == NULL && st->conf_password != NULL)
		cfg->password = xstrdup(st->conf_password);
}

/* ---- Entry points ------------------------------------------------------- */

/* gh-ost's log levels: errors only by default. */
static void
cli_set_log_level(const struct config *cfg)
{
	enum log_level	level = LOG_LEVEL_ERROR;

	if (cfg->verbose)
		level = LOG_LEVEL_INFO;
	if (cfg->debug)
		level = LOG_LEVEL_DEBUG;
	if (cfg->quiet)
		level = LOG_LEVEL_ERROR;
	log_set_level(level);
	log_set_stack(cfg->stack);
}

/* Everything after argv is parsed. */
static int
cli_finish(struct cli_state *st, int argc, char **argv, int next,
    enum cli_action *action, char **cause)
{
	struct config		*cfg = st->cfg;
	const struct cli_flag	*f;
	size_t			 i;

	cfg->replica_server_id_set =
	    st->given_at[cli_row("replica-server-id") - cli_flags] != 0;

	if (cfg->check_flag) {
		f = cli_first_failing(st, cli_ok_check_flag, NULL);
		if (f != NULL) {
			*cause = xasprintf("--%s is not supported yet",
			    f->name);
			return -1;
		}
		*action = CLI_EXIT_OK;
		return 0;
	}
	if (cfg->help) {
		cli_usage(st->out);
		*action = CLI_EXIT_OK;
		return 0;
	}
	if (cfg->version) {
		fprintf(st->out, "wisp %s (git commit: %s)\n", WISP_VERSION,
		    WISP_COMMIT);
		fflush(st->out);
		*action = CLI_EXIT_OK;
		return 0;
	}

	cli_set_log_level(cfg);
	if (next < argc)
		log_warn("ignoring %d argument%s from \"%s\" on: flags end at "
		    "the first argument that is not a flag", argc - next,
		    argc - next == 1 ? "" : "s", argv[next]);
	if (cfg->password != NULL)
		st->cli_password = xstrdup(cfg->password);

	for (i = 0; i < nitems(cli_checks); i++) {
		if (cli_checks[i](st, cause) != 0)
			return -1;
	}
	if (cfg->ask_pass && cli_ask_pass(st, cause) != 0)
		return -1;
	cli_apply_credentials(st);
	if (cfg->serve_socket_file == NULL)
		cfg->serve_socket_file = xasprintf("/tmp/gh-ost.%s.%s.sock",
		    cfg->database, cfg->table);
	*action = CLI_RUN;
	return 0;
}

/* Parse argv into cfg; help and version go to out. */
int
cli_parse_to(FILE *out, int argc, char **argv, struct config *cfg,
    enum cli_action *action, int *exit_code, char **cause)
{
	struct cli_state	st;
	bool			help = false;
	int			next = argc, rc;

	memset(&st, 0, sizeof st);
	st.cfg = cfg;
	st.out = out;
	*action = CLI_EXIT_OK;
	*exit_code = 0;

	if (cli_parse_args(&st, argc, argv, &next, &help, cause) != 0) {
		*exit_code = 2;
		return -1;
	}
	if (help) {
		cli_usage(out);
		return 0;
	}
	rc = cli_finish(&st, argc, argv, next, action, cause);
	if (rc != 0)
		*exit_code = 1;
	alter_free(st.alter);
	free(st.conf_user);
	free(st.conf_password);
	free(st.cli_password);
	return rc;
}

/* Parse argv into cfg; help and version go to stdout. */
int
cli_parse(int argc, char **argv, struct config *cfg, enum cli_action *action,
    int *exit_code, char **cause)
{
	return cli_parse_to(stdout, argc, argv, cfg, action, exit_code, cause);
}
