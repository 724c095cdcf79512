#!/bin/bash
#
# localtests/test.sh [-b binary] [-t seconds] [-g] [filter-regex]
#
# Integration cases against the sandbox (script/sandbox), in gh-ost's localtests
# format: every directory localtests/<case>/ is a case (create.sql required), run
# in name order; filter-regex (grep -E, on the case name) picks some of them.
#
#   -b binary    wisp binary (default: $WISP_BINARY, else <repo>/bin/wisp)
#   -t seconds   timeout per case (default: $WISP_LOCALTESTS_TIMEOUT, else 120)
#   -g           add --gtid to every run
#
# Environment:
#   WISP_LOCALTESTS_MODE   noop (default) or execute
#   WISP_LOCALTESTS_EXTRA_ARGS   appended to every command line
#   WISP_LOCALTESTS_KEEP=1 keep the log directory even when everything passed
#   THROTTLE_SECONDS       execute mode: throttle-query window (default 2)
#
# Case files (all optional but create.sql):
#   create.sql     run on the master in database `test`: creates gh_ost_test
#                  and maybe an EVENT doing DML
#   extra_args     more flags; a later --alter overrides the default one
#   expect_failure the run must fail; a non-empty file's text (literal,
#                  case-sensitive) must appear in the output
#   ignore_versions  skip when the server version (or version_comment)
#                  matches ^<regex>
#   gtid_mode      skip unless the server's GTID mode is this (MariaDB: ON)
#   sql_mode       global sql_mode on both servers during the case
#   before.sql     run on master and replica after create.sql
#   after.sql      run on master and replica after the migration
#   destroy.sql    run on the master after the migration
#   orig_columns, ghost_columns, order_by, expect_table_structure
#                  execute mode: what to compare between the original and
#                  the ghost table on the replica
#   test.sh        replaces the standard run; sourced in a subshell (under
#                  the case timeout) after create.sql/before.sql; its exit
#                  status is the verdict. Case API:
#                    variables: test_name test_dir test_logfile
#                      exec_command_file extra_args wisp_binary (ghost_binary)
#                      table_name ghost_table_name master_host master_port
#                      replica_host replica_port mode workdir
#                    functions: mysql_master, mysql_replica (also named
#                      gh-ost-test-mysql-master/-replica), build_wisp_command
#                      (sets $cmd from $extra_args; alias build_ghost_command),
#                      run_wisp (runs $cmd, sets $execution_result),
#                      validate_expected_failure, verify_noop, verify_execute,
#                      wait_replica_caught_up, fail_case "reason"
#   skip_noop, skip_execute   our extension: skip the case in that mode
#
# Pass rules.
#   noop:    success: exit 0, and no _gh_ost_test_{gho,ghc,del} table left.
#            expect_failure: non-zero exit, the expected text in the output,
#            gh_ost_test unchanged on the master, no helper table left.
#   execute: as gh-ost's runner: success, then the ghost table on the replica
#            has the expected structure and the same rows as the original.
#
# Between cases the `test` database is dropped and re-created on the master
# (which also drops events) and the replica is brought back in sync.
#
# The last line is "localtests: N passed, N failed" (", N skipped" when some
# were skipped); the exit status is non-zero when a case failed.

set -uo pipefail

tests_path=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$tests_path/.." && pwd)

wisp_binary=${WISP_BINARY:-$repo_root/bin/wisp}
mode=${WISP_LOCALTESTS_MODE:-noop}
test_timeout=${WISP_LOCALTESTS_TIMEOUT:-120}
gtid=false
test_failure_log_tail_lines=50

usage() {
	echo "usage: localtests/test.sh [-b binary] [-t seconds] [-g] [filter-regex]" >&2
	exit 2
}

die() {
	echo "localtests: $*" >&2
	exit 1
}

OPTIND=1
while getopts "b:t:gh" opt; do
	case $opt in
	b) wisp_binary=$OPTARG ;;
	t) test_timeout=$OPTARG ;;
	g) gtid=true ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage
test_pattern=${1:-.}

case "$mode" in
noop | execute) ;;
*) die "WISP_LOCALTESTS_MODE must be noop or execute, not '$mode'" ;;
esac
case "$test_timeout" in
'' | *[!0-9]*) die "timeout must be a number of seconds, not '$test_timeout'" ;;
esac
case "$wisp_binary" in
/*) ;;
*) wisp_binary="$PWD/$wisp_binary" ;;
esac
if [ ! -x "$wisp_binary" ] || [ -d "$wisp_binary" ]; then
	die "wisp binary not found: $wisp_binary (run make, or pass -b)"
fi
# shellcheck disable=SC2034 # the name gh-ost's case scripts use
ghost_binary=$wisp_binary

client=$(command -v mariadb || command -v mysql) ||
	die "mariadb client not found (run script/bootstrap)"
eval "$("$repo_root/script/sandbox" env)" || die "script/sandbox env failed"
master_host=$WISP_MASTER_HOST
master_port=$WISP_MASTER_PORT
replica_host=$WISP_REPLICA_HOST
replica_port=$WISP_REPLICA_PORT
db_user=$WISP_USER
db_password=$WISP_PASSWORD

table_name=gh_ost_test
ghost_table_name=_gh_ost_test_gho
helper_tables="_gh_ost_test_gho _gh_ost_test_ghc _gh_ost_test_del"

# Per-run files. Kept when a case failed.
workdir=$(mktemp -d "${TMPDIR:-/tmp}/wisp-localtests.XXXXXX") ||
	die "cannot create a temporary directory"
socket_file=$workdir/wisp.sock
throttle_flag_file=$workdir/throttle.flag

# --- SQL helpers -------------------------------------------------------------

# The mariadb client on the master / replica (as gh-ost's wrappers).
mysql_master() {
	"$client" --no-defaults --protocol=TCP --host="$master_host" --port="$master_port" \
		--user="$db_user" --password="$db_password" \
		--default-character-set=utf8mb4 "$@"
}
mysql_replica() {
	"$client" --no-defaults --protocol=TCP --host="$replica_host" --port="$replica_port" \
		--user="$db_user" --password="$db_password" \
		--default-character-set=utf8mb4 "$@"
}
# The names gh-ost's case scripts call.
gh-ost-test-mysql-master() { mysql_master "$@"; }
gh-ost-test-mysql-replica() { mysql_replica "$@"; }

# Wait (up to 10s) until the replica has applied everything the master has
# written; give up early when replication is not running.
wait_replica_caught_up() {
	local pos got i
	pos=$(mysql_master -ss -e 'select @@global.gtid_binlog_pos') || return 1
	[ -n "$pos" ] || return 0
	for ((i = 0; i < 20; i++)); do
		got=$(mysql_replica -ss -e "select master_gtid_wait('$pos', 0.5)") || return 1
		[ "$got" = 0 ] && return 0
		replication_running || return 1
	done
	return 1
}

# Are both replication threads running?
replication_running() {
	local st
	st=$(mysql_replica -e 'show slave status\G') || return 1
	grep -q 'Slave_IO_Running: Yes' <<<"$st" && grep -q 'Slave_SQL_Running: Yes' <<<"$st"
}

# Start replication if it is stopped (--test-on-replica leaves it stopped).
start_replication() {
	local i
	replication_running && return 0
	mysql_replica -e 'start slave' >/dev/null 2>&1
	for ((i = 0; i < 50; i++)); do
		replication_running && return 0
		sleep 0.2
	done
	return 1
}

# Empty database `test` on both servers and get the replica in sync. When the
# replica cannot catch up (its SQL thread hit an error on a table a case left
# diverged), empty `test` on the replica as well and move it to the master's
# position: both hold an empty `test`, so nothing else differs.
reset_databases() {
	mysql_master -e 'drop database if exists test; create database test' || return 1
	if start_replication && wait_replica_caught_up; then
		return 0
	fi
	echo
	echo "# replica out of sync; resetting it to the master's position"
	local pos rpos entry
	pos=$(mysql_master -ss -e 'select @@global.gtid_binlog_pos') || return 1
	rpos=$(mysql_replica -ss -e 'select @@global.gtid_binlog_pos') || return 1
	# Keep the replica's own domains (its local writes) in its position.
	for entry in ${rpos//,/ }; do
		case ",$pos" in
		*",${entry%%-*}-"*) ;;
		*) pos="$pos${pos:+,}$entry" ;;
		esac
	done
	mysql_replica -e "stop slave;
		set session sql_log_bin = 0;
		drop database if exists test;
		create database test;
		set global gtid_slave_pos = '$pos';
		start slave;" || return 1
	start_replication && wait_replica_caught_up
}

# Print which helper tables exist in `test` on one server (mysql_master or
# mysql_replica).
leftover_helper_tables() {
	local list t
	list=
	for t in $helper_tables; do
		list="$list${list:+,}'$t'"
	done
	"$1" -ss -e "select table_name from information_schema.tables
		where table_schema = 'test' and table_name in ($list)
		order by table_name" | tr '\n' ' '
}

# SHOW CREATE TABLE without the AUTO_INCREMENT counter (events keep inserting).
table_structure() {
	"$1" -ss test -e "show create table \`$2\`" 2>/dev/null |
		sed -e 's/ AUTO_INCREMENT=[0-9]*//'
}

# --- The command line --------------------------------------------------------

# Flags of every run, in both modes. Only what a noop run needs, so noop cases
# do not depend on features (control socket, replication handling) that only
# a real migration uses.
common_args() {
	local a=(
		--user="$db_user"
		--password="$db_password"
		--host="$replica_host"
		--port="$replica_port"
		--database=test
		--table="$table_name"
		--alter='engine=innodb'
		--exact-rowcount
		--concurrent-rowcount
		--initially-drop-old-table
		--initially-drop-ghost-table
		--default-retries=3
		--chunk-size=10
		--verbose
		--debug
	)
	printf ' %q' "${a[@]}"
}

# Flags added in execute mode: migrate on the replica and swap back, so the
# original and the ghost table can be compared there (gh-ost's runner). The
# control flags gh-ost's runner passes are added only once wisp supports
# them (--check-flag says so), so the suite follows wisp as it grows.
execute_args() {
	local a=(
		--execute
		--test-on-replica
		--assume-rbr
		--skip-metadata-lock-check
	)
	local optional=(
		--serve-socket-file="$socket_file"
		--initially-drop-socket-file
		--throttle-query="select timestampdiff(second, min(last_update), now()) < ${THROTTLE_SECONDS:-2} from _${table_name}_ghc"
		--throttle-flag-file="$throttle_flag_file"
	)
	local f
	for f in "${optional[@]}"; do
		if "$wisp_binary" --check-flag "$f" >/dev/null 2>&1; then
			a+=("$f")
		fi
	done
	printf ' %q' "${a[@]}"
}

# Build the command line of the current case into $cmd. extra_args is kept
# as written (the shell that runs $cmd parses its quotes), after ours, so a
# case's --alter wins over the default.
build_wisp_command() {
	cmd="exec $(printf '%q' "$wisp_binary")$(common_args)"
	[ "$mode" = execute ] && cmd="$cmd$(execute_args)"
	cmd="$cmd ${extra_args}"
	[ "$gtid" = true ] && cmd="$cmd --gtid"
	[ -n "${WISP_LOCALTESTS_EXTRA_ARGS:-}" ] && cmd="$cmd ${WISP_LOCALTESTS_EXTRA_ARGS}"
	return 0
}
build_ghost_command() { build_wisp_command; }

# Run $cmd under the case timeout; output to $test_logfile, exit status to
# $execution_result (124 = timed out).
run_wisp() {
	echo "$cmd" >"$exec_command_file"
	timeout -k 10 "$test_timeout" bash "$exec_command_file" >"$test_logfile" 2>&1 </dev/null
	execution_result=$?
	[ "$execution_result" -eq 137 ] && execution_result=124
	return 0
}

# --- Verdicts ----------------------------------------------------------------

print_log_excerpt() {
	echo "=== last $test_failure_log_tail_lines lines of $test_logfile ==="
	tail -n "$test_failure_log_tail_lines" "$test_logfile" 2>/dev/null
	echo "=== end of log; command: $exec_command_file ==="
}

# Print a failure reason for the current case, with the log tail.
fail_case() {
	echo
	echo "ERROR $test_name: $*"
	print_log_excerpt
	return 1
}

# Did the run fail or succeed as the case expects?
validate_expected_failure() {
	local expected
	if [ "$execution_result" -eq 124 ]; then
		fail_case "timed out after ${test_timeout}s"
		return 1
	fi
	if [ -f "$test_dir/expect_failure" ]; then
		if [ "$execution_result" -eq 0 ]; then
			fail_case "expected to fail, but exited 0"
			return 1
		fi
		expected=$(sed -e 's/[[:space:]]*$//' "$test_dir/expect_failure")
		if [ -n "$expected" ] && ! grep -qF -- "$expected" "$test_logfile"; then
			fail_case "expected the output to contain '$expected'"
			return 1
		fi
		return 0
	fi
	if [ "$execution_result" -ne 0 ]; then
		fail_case "exited $execution_result"
		return 1
	fi
	return 0
}

# Noop mode: nothing left behind, and a refused run did not touch the table.
verify_noop() {
	local left
	left=$(leftover_helper_tables mysql_master)
	[ -z "$left" ] || { fail_case "helper tables left on the master: $left"; return 1; }
	wait_replica_caught_up || { fail_case "replica did not catch up"; return 1; }
	left=$(leftover_helper_tables mysql_replica)
	[ -z "$left" ] || { fail_case "helper tables left on the replica: $left"; return 1; }
	if [ -f "$test_dir/expect_failure" ] && [ -n "$structure_before" ]; then
		local after
		after=$(table_structure mysql_master "$table_name")
		if [ "$after" != "$structure_before" ]; then
			fail_case "$table_name changed on the master:
--- before
$structure_before
--- after
$after"
			return 1
		fi
	fi
	return 0
}

# Execute mode: the ghost table on the replica has the expected structure and
# the same rows as the original (gh-ost's checksum comparison).
verify_execute() {
	local orig_columns="*" ghost_columns="*" order_by="" expected
	local structure_file=$workdir/$test_name.ghost.structure.sql
	local orig_file=$workdir/$test_name.orig.content.csv
	local ghost_file=$workdir/$test_name.ghost.content.csv

	[ -f "$test_dir/expect_failure" ] && return 0

	mysql_replica test -ss -e "show create table \`$ghost_table_name\`\G" >"$structure_file" 2>&1
	if [ -f "$test_dir/expect_table_structure" ]; then
		expected=$(cat "$test_dir/expect_table_structure")
		if ! grep -qF -- "$expected" "$structure_file"; then
			echo
			echo "ERROR $test_name: ghost table structure was expected to include '$expected':"
			cat "$structure_file"
			return 1
		fi
	fi

	[ -f "$test_dir/orig_columns" ] && orig_columns=$(cat "$test_dir/orig_columns")
	[ -f "$test_dir/ghost_columns" ] && ghost_columns=$(cat "$test_dir/ghost_columns")
	[ -f "$test_dir/order_by" ] && order_by="order by $(cat "$test_dir/order_by")"

	mysql_replica test -ss -e "select $orig_columns from \`$table_name\` $order_by" \
		>"$orig_file" 2>&1 || { echo; echo "ERROR $test_name: cannot read $table_name:"; cat "$orig_file"; return 1; }
	mysql_replica test -ss -e "select $ghost_columns from \`$ghost_table_name\` $order_by" \
		>"$ghost_file" 2>&1 || { echo; echo "ERROR $test_name: cannot read $ghost_table_name:"; cat "$ghost_file"; return 1; }

	if [ "$(md5sum <"$orig_file")" != "$(md5sum <"$ghost_file")" ]; then
		echo
		echo "ERROR $test_name: checksum mismatch between $table_name and $ghost_table_name"
		diff "$orig_file" "$ghost_file" | head -n 40
		echo "(diff $orig_file $ghost_file)"
		return 1
	fi
	return 0
}

# --- One case ----------------------------------------------------------------

# Print why the current case is skipped, or fail if it runs.
skip_reason() {
	local ignore
	if [ "$mode" = noop ] && [ -f "$test_dir/skip_noop" ]; then
		echo "skip_noop"
		return 0
	fi
	if [ "$mode" = execute ] && [ -f "$test_dir/skip_execute" ]; then
		echo "skip_execute"
		return 0
	fi
	if [ -s "$test_dir/ignore_versions" ]; then
		ignore=$(head -n 1 "$test_dir/ignore_versions")
		if grep -qE -- "^($ignore)" <<<"$mysql_version" ||
			grep -qiE -- "^($ignore)" <<<"$mysql_version_comment"; then
			echo "ignore_versions matches $mysql_version"
			return 0
		fi
	fi
	if [ -s "$test_dir/gtid_mode" ] && [ "$(cat "$test_dir/gtid_mode")" != "$gtid_mode" ]; then
		echo "gtid_mode is $gtid_mode"
		return 0
	fi
	return 1
}

# Run a SQL file on a server; fail the case with its output on error.
run_sql_file() {
	local server=$1 file=$2 out
	if ! out=$("$server" test <"$file" 2>&1); then
		echo
		echo "ERROR $test_name: $(basename "$file") failed on ${server#mysql_}:"
		echo "$out"
		return 1
	fi
}

# Set the global sql_mode on both servers.
set_sql_mode() {
	mysql_master -e "set @@global.sql_mode = '$1'" &&
		mysql_replica -e "set @@global.sql_mode = '$1'"
}

# Run the case named $test_name. Returns 0 when it passed.
test_single() {
	test_dir=$tests_path/$test_name
	test_logfile=$workdir/$test_name.log
	exec_command_file=$workdir/$test_name.cmd
	execution_result=
	structure_before=
	: >"$test_logfile"

	if [ ! -f "$test_dir/create.sql" ]; then
		echo
		echo "ERROR $test_name: no create.sql"
		return 1
	fi
	reset_databases || { echo; echo "ERROR $test_name: cannot reset the sandbox databases"; return 1; }

	if [ -f "$test_dir/sql_mode" ]; then
		set_sql_mode "$(cat "$test_dir/sql_mode")" || return 1
		sql_mode_changed=true
	fi
	run_sql_file mysql_master "$test_dir/create.sql" || return 1
	if [ -f "$test_dir/before.sql" ]; then
		run_sql_file mysql_master "$test_dir/before.sql" || return 1
		run_sql_file mysql_replica "$test_dir/before.sql" || return 1
	fi

	extra_args=
	if [ -f "$test_dir/extra_args" ]; then
		extra_args=$(tr '\n' ' ' <"$test_dir/extra_args")
	fi

	wait_replica_caught_up || { echo; echo "ERROR $test_name: replica did not catch up after create.sql"; return 1; }
	structure_before=$(table_structure mysql_master "$table_name")

	if [ -f "$test_dir/test.sh" ]; then
		run_case_script
		return
	fi

	build_wisp_command
	run_wisp

	if [ "$sql_mode_changed" = true ]; then
		set_sql_mode "$original_sql_mode"
		sql_mode_changed=false
	fi
	if [ -f "$test_dir/after.sql" ]; then
		run_sql_file mysql_master "$test_dir/after.sql" || return 1
		run_sql_file mysql_replica "$test_dir/after.sql" || return 1
	fi
	if [ -f "$test_dir/destroy.sql" ]; then
		run_sql_file mysql_master "$test_dir/destroy.sql" || return 1
	fi

	validate_expected_failure || return 1
	if [ "$mode" = noop ]; then
		verify_noop
	else
		verify_execute
	fi
}

# Send signal $1 to process $2 and all its descendants, children first.
kill_tree() {
	local sig=$1 pid=$2 child
	for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
		kill_tree "$sig" "$child"
	done
	kill "-$sig" "$pid" 2>/dev/null
}

# Source the case's test.sh in a subshell, under the case timeout.
run_case_script() {
	local pid waited=0
	(
		# shellcheck disable=SC1090,SC1091
		source "$test_dir/test.sh"
	) </dev/null &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		if [ "$waited" -ge "$test_timeout" ]; then
			kill_tree TERM "$pid"
			sleep 1
			kill_tree KILL "$pid"
			wait "$pid" 2>/dev/null
			fail_case "test.sh timed out after ${test_timeout}s"
			return 1
		fi
		sleep 1
		waited=$((waited + 1))
	done
	wait "$pid"
}

# --- Main --------------------------------------------------------------------

passed=0
failed=0
skipped=0
sql_mode_changed=false

finish() {
	if [ "$sql_mode_changed" = true ]; then
		set_sql_mode "$original_sql_mode" >/dev/null 2>&1
	fi
	if [ "$failed" -eq 0 ] && [ "${WISP_LOCALTESTS_KEEP:-0}" != 1 ]; then
		rm -rf "$workdir"
	else
		echo "# logs: $workdir"
	fi
}
trap finish EXIT
trap 'exit 130' INT TERM

[ "$(mysql_master -ss -e 'select 1' 2>&1)" = 1 ] ||
	die "cannot reach the master at $master_host:$master_port (script/sandbox start?)"
[ "$(mysql_replica -ss -e 'select 1' 2>&1)" = 1 ] ||
	die "cannot reach the replica at $replica_host:$replica_port (script/sandbox start?)"
[ "$(mysql_replica -ss -e 'select @@global.binlog_format')" = ROW ] ||
	die "expecting the replica to have binlog_format=ROW"
mysql_master -e 'set global event_scheduler = 1' || die "cannot enable event_scheduler on the master"
original_sql_mode=$(mysql_master -ss -e 'select @@global.sql_mode')
mysql_version=$(mysql_master -ss -e 'select @@version')
mysql_version_comment=$(mysql_master -ss -e 'select @@version_comment')
case "$mysql_version" in
*MariaDB*) gtid_mode=ON ;; # MariaDB always logs GTIDs
*) gtid_mode=$(mysql_master -ss -e 'select @@global.gtid_mode' 2>/dev/null || echo unsupported) ;;
esac
echo "# master $master_host:$master_port, replica $replica_host:$replica_port, $mysql_version"
echo "# mode $mode, binary $wisp_binary, timeout ${test_timeout}s"

mapfile -t cases < <(find "$tests_path" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' |
	LC_ALL=C sort | grep -E -- "$test_pattern")
if [ "${#cases[@]}" -eq 0 ]; then
	echo "localtests: no case matches '$test_pattern'" >&2
	echo "localtests: 0 passed, 0 failed"
	[ "$test_pattern" = . ]
	exit
fi

for test_name in "${cases[@]}"; do
	test_dir=$tests_path/$test_name
	if reason=$(skip_reason); then
		echo "Skipping: $test_name ($reason)"
		skipped=$((skipped + 1))
		continue
	fi
	printf 'Testing: %s ' "$test_name"
	start=$(date +%s)
	if test_single; then
		echo "+ pass ($(($(date +%s) - start))s)"
		passed=$((passed + 1))
	else
		echo "+ FAIL ($(($(date +%s) - start))s)"
		failed=$((failed + 1))
	fi
	if [ "$sql_mode_changed" = true ]; then
		set_sql_mode "$original_sql_mode"
		sql_mode_changed=false
	fi
done

# Leave the sandbox clean when all went well; keep the evidence otherwise,
# but with replication running again: a failed --test-on-replica case leaves
# it stopped, and every suite after this one would fail on that too.
if [ "$failed" -eq 0 ]; then
	reset_databases >/dev/null
else
	start_replication || echo "# could not restart replication on the replica"
fi

if [ "$skipped" -gt 0 ]; then
	echo "localtests: $passed passed, $failed failed, $skipped skipped"
else
	echo "localtests: $passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
