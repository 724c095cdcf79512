#!/bin/bash
#
# test/integration/refusals.sh [-b binary] [filter-regex]
#
# Refusals that need a particular server or connection setup, which the
# localtests case format cannot express: running on the master, bad
# credentials, an unreachable host, binlog settings other than ROW/FULL on the
# replica, and missing required flags. Each check runs wisp (noop) against the
# sandbox (script/sandbox) and expects a non-zero exit, gh-ost's error text in
# the output, and no helper table left on the master.
#
# Server settings changed for a check are restored afterwards, also when the
# script is interrupted.
#
#   -b binary   wisp binary (default: $WISP_BINARY, else <repo>/bin/wisp)
#
# The last line is "refusals: N passed, N failed"; the exit status is non-zero
# when a check failed.

set -uo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
wisp_binary=${WISP_BINARY:-$repo_root/bin/wisp}
check_timeout=60
table=wisp_refusal

die() {
	echo "refusals: $*" >&2
	exit 1
}

OPTIND=1
while getopts "b:h" opt; do
	case $opt in
	b) wisp_binary=$OPTARG ;;
	*)
		echo "usage: test/integration/refusals.sh [-b binary] [filter-regex]" >&2
		exit 2
		;;
	esac
done
shift $((OPTIND - 1))
pattern=${1:-.}
case "$wisp_binary" in
/*) ;;
*) wisp_binary="$PWD/$wisp_binary" ;;
esac
if [ ! -x "$wisp_binary" ] || [ -d "$wisp_binary" ]; then
	die "wisp binary not found: $wisp_binary (run make, or pass -b)"
fi

client=$(command -v mariadb || command -v mysql) ||
	die "mariadb client not found (run script/bootstrap)"
eval "$("$repo_root/script/sandbox" env)" || die "script/sandbox env failed"

mysql_master() {
	"$client" --no-defaults --protocol=TCP --host="$WISP_MASTER_HOST" --port="$WISP_MASTER_PORT" \
		--user="$WISP_USER" --password="$WISP_PASSWORD" "$@"
}
mysql_replica() {
	"$client" --no-defaults --protocol=TCP --host="$WISP_REPLICA_HOST" --port="$WISP_REPLICA_PORT" \
		--user="$WISP_USER" --password="$WISP_PASSWORD" "$@"
}

[ "$(mysql_master -ss -e 'select 1' 2>&1)" = 1 ] ||
	die "cannot reach the master at $WISP_MASTER_HOST:$WISP_MASTER_PORT (script/sandbox start?)"
[ "$(mysql_replica -ss -e 'select 1' 2>&1)" = 1 ] ||
	die "cannot reach the replica at $WISP_REPLICA_HOST:$WISP_REPLICA_PORT (script/sandbox start?)"

workdir=$(mktemp -d "${TMPDIR:-/tmp}/wisp-refusals.XXXXXX") ||
	die "cannot create a temporary directory"
passed=0
failed=0
orig_row_image=$(mysql_replica -ss -e 'select @@global.binlog_row_image')
orig_format=$(mysql_replica -ss -e 'select @@global.binlog_format')

# Put the replica's binlog settings back and drop our table.
finish() {
	mysql_replica -e "set global binlog_row_image = '$orig_row_image';
		set global binlog_format = '$orig_format'" >/dev/null 2>&1 ||
		echo "refusals: could not restore binlog settings on the replica" >&2
	mysql_master -e "drop table if exists test.$table, test._${table}_gho, test._${table}_ghc" \
		>/dev/null 2>&1
	if [ "$failed" -eq 0 ]; then
		rm -rf "$workdir"
	else
		echo "# logs: $workdir"
	fi
}
trap finish EXIT
trap 'exit 130' INT TERM

# The table every check points at, created on the master and replicated.
mysql_master -e "create database if not exists test;
	drop table if exists test.$table;
	create table test.$table (
	  id int not null auto_increment,
	  v varchar(20) not null default '',
	  primary key (id)
	) engine=innodb;
	insert into test.$table (v) values ('a'), ('b'), ('c');" ||
	die "cannot create test.$table on the master"
pos=$(mysql_master -ss -e 'select @@global.gtid_binlog_pos')
[ "$(mysql_replica -ss -e "select master_gtid_wait('$pos', 10)")" = 0 ] ||
	die "the replica did not catch up (is replication running?)"

# Flags shared by the checks; a check adds or overrides after them.
base_args=(
	--user="$WISP_USER"
	--password="$WISP_PASSWORD"
	--host="$WISP_REPLICA_HOST"
	--port="$WISP_REPLICA_PORT"
	--database=test
	--table="$table"
	--alter=engine=innodb
	--verbose
)

# check NAME EXPECTED-TEXT MAX-SECONDS ARGS...
# Run wisp with ARGS; pass when it exits non-zero within MAX-SECONDS, its
# output contains EXPECTED-TEXT (when not empty), and it left no helper table.
check() {
	local name=$1 expected=$2 max=$3 log rc start elapsed left why=
	shift 3
	if ! grep -qE -- "$pattern" <<<"$name"; then
		return 0
	fi
	log=$workdir/$name.log
	printf '%q ' "$wisp_binary" "$@" >"$workdir/$name.cmd"
	start=$(date +%s)
	timeout -k 5 "$check_timeout" "$wisp_binary" "$@" >"$log" 2>&1 </dev/null
	rc=$?
	elapsed=$(($(date +%s) - start))

	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		why="timed out after ${check_timeout}s"
	elif [ "$rc" -eq 0 ]; then
		why="expected a refusal, but wisp exited 0"
	elif [ "$rc" -gt 128 ]; then
		why="killed by signal $((rc - 128))"
	elif [ -n "$expected" ] && ! grep -qF -- "$expected" "$log"; then
		why="expected the output to contain '$expected'"
	elif [ "$elapsed" -gt "$max" ]; then
		why="took ${elapsed}s, more than ${max}s"
	else
		left=$(mysql_master -ss -e "select group_concat(table_name) from information_schema.tables
			where table_schema = 'test' and table_name in ('_${table}_gho', '_${table}_ghc')")
		if [ -n "$left" ] && [ "$left" != NULL ]; then
			why="helper tables left on the master: $left"
		fi
	fi

	if [ -z "$why" ]; then
		echo "ok   $name (${elapsed}s)"
		passed=$((passed + 1))
	else
		echo "FAIL $name: $why"
		echo "     command: $(cat "$workdir/$name.cmd")"
		tail -n 20 "$log" | sed 's/^/     | /'
		failed=$((failed + 1))
	fi
}

# Run SQL on the replica or count the check as failed.
replica_set() {
	mysql_replica -e "$1" && return 0
	echo "FAIL could not run on the replica: $1"
	failed=$((failed + 1))
	return 1
}

# --- Flags ---------------------------------------------------------------------

check missing-alter "--alter must be provided and statement must not be empty" 10 \
	"${base_args[@]}" --alter=
check missing-database \
	"--database must be provided and database name must not be empty, or --alter must specify database name" 10 \
	"${base_args[@]}" --database=
check missing-table \
	"--table must be provided and table name must not be empty, or --alter must specify table name" 10 \
	"${base_args[@]}" --table=

# --- Connections ---------------------------------------------------------------

check wrong-password "Access denied" 15 \
	"${base_args[@]}" --password=not-the-password
check unreachable-host "" 15 \
	"${base_args[@]}" --host=127.0.0.1 --port=1 --mysql-timeout=3

# --- Topology ------------------------------------------------------------------

check on-master "To proceed please provide --allow-on-master" 30 \
	"${base_args[@]}" --host="$WISP_MASTER_HOST" --port="$WISP_MASTER_PORT"
check missing-table-on-server "cannot find table" 30 \
	"${base_args[@]}" --table=wisp_no_such_table

# --- Binlog settings on the replica (restored right after each check) ----------

if grep -qE -- "$pattern" <<<"row-image-minimal"; then
	if replica_set "set global binlog_row_image = 'MINIMAL'"; then
		check row-image-minimal "binlog_row_image, and only 'FULL' is supported" 30 \
			"${base_args[@]}"
		replica_set "set global binlog_row_image = '$orig_row_image'"
	fi
fi
if grep -qE -- "$pattern" <<<"binlog-format-statement"; then
	if replica_set "set global binlog_format = 'STATEMENT'"; then
		check binlog-format-statement "you must be using ROW binlog format" 30 \
			"${base_args[@]}"
		replica_set "set global binlog_format = '$orig_format'"
	fi
fi

echo "refusals: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
