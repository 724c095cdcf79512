#!/bin/bash
#
# test/integration/control.sh [-b binary] [filter-regex]
#
# Controlling a live migration (issue "Throttle, control and hooks"), against
# the sandbox (script/sandbox): throttling by flag file, command, max-load
# and throttle-query; live tuning read back with `?`; postponing the
# cut-over; hooks; critical-load; panic; test- and migrate-on-replica. Each
# case has its own database with a table `t` (id, a, b, c) and runs wisp
# --execute (alter: add column z int not null default 42) through the
# replica, talking to it on its unix socket with socat.
#
#   1-throttle-flag-file   --throttle-flag-file created mid-copy: the ghost
#                          table's row count stops within ~2 s for >= 2 s,
#                          `sup` says "State: throttled, flag-file"; removed:
#                          it grows again; the migration completes. Then
#                          --throttle-additional-flag-file the same way
#   2-throttle-command     the same with `throttle` / `no-throttle` ("commanded
#                          by user"), then the aliases `pause` / `resume`
#   3-max-load             `max-load=Threads_connected=1` ("max-load
#                          Threads_connected=N >= 1"), `max-load=` resumes
#   4-throttle-query       `throttle-query=select 1` ("throttle-query"),
#                          `throttle-query=select 0` resumes
#   5-read-back            chunk-size, dml-batch-size, nice-ratio,
#                          max-lag-millis set and read back with `?`
#   5b-chunk-time          --chunk-time (no --chunk-size): `sup` shows the
#                          rows per chunk moving off the starting 1000;
#                          `chunk-size=1000` then fixes them at 1000
#   6a-postpone-unpostpone --postpone-cut-over-flag-file (created by wisp): the
#                          copy completes, "postponing cut-over", nothing
#                          swapped, rows written to t meanwhile reach the
#                          ghost table, but not while throttled;
#                          `unpostpone` cuts over
#   6b-postpone-remove-file  the same, removing the flag file instead
#   7a-hooks               all 14 hooks logging their GH_OST_* variables:
#                          each expected hook fired, in gh-ost's order, with
#                          exact names and numbers that parse
#   7b-hook-startup-fails  a failing gh-ost-on-startup: non-zero exit before
#                          anything is created; gh-ost-on-failure fires
#   7c-hook-cut-over-fails a failing gh-ost-on-before-cut-over: non-zero exit,
#                          t untouched, gh-ost-on-failure fires
#   8a-critical-load       --critical-load=Threads_connected=1 aborts
#                          ("critical-load met"), t intact and writable
#   8b-critical-load-interval  the same with --critical-load-interval-millis,
#                          after its second check
#   8c-critical-load-hibernate  --critical-load-hibernate-seconds: hibernates
#                          instead ("critical-load-hibernate until"); after
#                          `critical-load=` it completes
#   9a-panic-command       `panic` mid-copy: non-zero exit, "user commanded
#                          'panic'", t intact
#   9b-panic-flag-file     --panic-flag-file created mid-copy: "found
#                          panic-file", t intact
#   10a-test-on-replica    both tables left on the replica, replication
#                          stopped (restarted afterwards), stop-replication
#                          hook fired
#   10b-migrate-on-replica the replica's t migrated, replication running and
#                          still applying the master's writes
#
# Environment:
#   WISP_CONTROL_ROWS    rows of the tables the throttle and panic cases copy
#                        (default 200000; copied with --chunk-size=100
#                        --nice-ratio=2 so that the copy can be watched)
#   WISP_CONTROL_KEEP=1  keep the log directory even when everything passed,
#                        and the databases of failed cases
#
# The last line is "control: N passed, N failed"; the exit status is
# non-zero when a case failed. Each case runs under a timeout in a process
# group of its own, killed with it.

set -uo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
self="$repo_root/test/integration/control.sh"
# shellcheck source=test/integration/lib.sh
. "$repo_root/test/integration/lib.sh"
wisp_binary=${WISP_BINARY:-$repo_root/bin/wisp}
rows=${WISP_CONTROL_ROWS:-200000}
small=20000
alter="add column z int not null default 42"

# ---- options (the parent) or the case to run (a child: --case NAME DIR) ----

suite_options "$@"
case "$rows" in
'' | *[!0-9]*) die "WISP_CONTROL_ROWS must be a number, not '$rows'" ;;
esac
[ "$rows" -ge 50000 ] || die "WISP_CONTROL_ROWS must be at least 50000"

client=$(command -v mariadb || command -v mysql) ||
	die "mariadb client not found (run script/bootstrap)"
command -v socat >/dev/null 2>&1 || die "socat not found (run script/bootstrap)"
eval "$("$repo_root/script/sandbox" env)" || die "script/sandbox env failed"

mysql_master() {
	"$client" --no-defaults --protocol=TCP --host="$WISP_MASTER_HOST" --port="$WISP_MASTER_PORT" \
		--user="$WISP_USER" --password="$WISP_PASSWORD" "$@"
}
mysql_replica() {
	"$client" --no-defaults --protocol=TCP --host="$WISP_REPLICA_HOST" --port="$WISP_REPLICA_PORT" \
		--user="$WISP_USER" --password="$WISP_PASSWORD" "$@"
}
# One value (or tab-separated rows) from the master / the replica.
qm() { mysql_master --batch --skip-column-names -e "$1"; }
qr() { mysql_replica --batch --skip-column-names -e "$1"; }

# Milliseconds since the epoch, without a fork.
now_ms() {
	local t=${EPOCHREALTIME/[.,]/}
	echo $((t / 1000))
}

# A field of `show slave status` on the replica.
replica_field() {
	mysql_replica -e 'show slave status\G' 2>/dev/null | sed -n "s/^ *$1: //p"
}

# ============================================================================
# The case side: everything below up to "the parent" runs in a child started
# with --case, in its own process group, output in $casedir/case.log.
# ============================================================================

# Say why the case fails (the parent shows the first such line).
fail() {
	echo "FAIL: $*"
	return 1
}

note() { echo "# $*"; }

# Wait until the replica has applied everything the master has written.
wait_replica() {
	local pos
	pos=$(qm 'select @@global.gtid_binlog_pos') || return 1
	[ "$(qr "select master_gtid_wait('$pos', ${1:-60})")" = 0 ] ||
		fail "the replica did not catch up with the master (gtid $pos)"
}

# setup_table DB ROWS: database DB with table t holding ROWS rows, on both.
setup_table() {
	local db=$1 n=$2
	mysql_master -e "drop database if exists $db; create database $db; use $db;
		create table t (
		  id bigint not null auto_increment,
		  a int not null default 0,
		  b varchar(64) not null default '',
		  c datetime not null default '2020-01-01 00:00:00',
		  primary key (id), key a_idx (a)
		) engine=innodb;
		insert into t (id, a, b, c)
		  select seq, seq % 1000, concat('row-', seq), '2020-01-01' + interval seq second
		  from seq_1_to_$n" || fail "cannot create $db.t" || return 1
	wait_replica 120
}

# Count and checksum of t's original columns (on the master, or $2 = replica).
checksum() {
	local q="select count(*), coalesce(bit_xor(crc32(concat_ws('#', id, a, b, c))), 0)
		from $1.t"
	if [ "${2:-master}" = replica ]; then qr "$q"; else qm "$q"; fi
}

table_exists() {
	[ "$(qm "select count(*) from information_schema.tables
		where table_schema = '$1' and table_name = '$2'")" = 1 ]
}
has_column_z() {
	local q="select count(*) from information_schema.columns
		where table_schema = '$1' and table_name = '$2' and column_name = 'z'"
	if [ "${3:-master}" = replica ]; then
		[ "$(qr "$q")" = 1 ]
	else
		[ "$(qm "$q")" = 1 ]
	fi
}

# Rows in the ghost table on the master ("" when it does not exist).
ghost_count() {
	qm "select count(*) from $1._t_gho" 2>/dev/null
}

# Common flags of every wisp run: through the replica, a slow copy, our own
# socket, and an additional throttle flag file nobody else creates (the
# default, /tmp/gh-ost.throttle, is shared by every migration on the host).
wisp_args() {
	local db=$1
	shift
	printf '%s\n' --user="$WISP_USER" --password="$WISP_PASSWORD" \
		--host="$WISP_REPLICA_HOST" --port="$WISP_REPLICA_PORT" \
		--database="$db" --table=t --alter="$alter" --execute --verbose \
		--chunk-size=100 --nice-ratio=2 \
		--serve-socket-file="$sock" \
		--throttle-additional-flag-file="$casedir/no-such-additional-flag" "$@"
}

# start_wisp NAME ARGS...: run wisp in the background, output in
# $casedir/NAME.log. Sets wisp_pid and wisp_log.
start_wisp() {
	local name=$1
	shift
	wisp_log=$casedir/$name.log
	printf '%q ' "$wisp_binary" "$@" >"$wisp_log.cmd"
	wisp_start_ms=$(now_ms)
	"$wisp_binary" "$@" >"$wisp_log" 2>&1 </dev/null &
	wisp_pid=$!
}

# Is wisp still running (not exited, not a zombie waiting for us)?
wisp_running() {
	local s
	[ -n "${wisp_pid:-}" ] || return 1
	{ s=$(<"/proc/$wisp_pid/stat"); } 2>/dev/null || return 1
	s=${s##*) }
	[ "${s%% *}" != Z ]
}

# wait_wisp SECONDS: wait for wisp to exit; sets wisp_rc (137 after a kill
# for running too long) and wisp_ms.
wait_wisp() {
	local deadline=$(($(now_ms) + $1 * 1000))
	while wisp_running; do
		if [ "$(now_ms)" -gt "$deadline" ]; then
			note "wisp ran longer than $1 s: killing it"
			kill -KILL "$wisp_pid" 2>/dev/null
			break
		fi
		sleep 0.1
	done
	wait "$wisp_pid"
	wisp_rc=$?
	wisp_pid=
	wisp_ms=$(($(now_ms) - wisp_start_ms))
	note "wisp exited with $wisp_rc after $wisp_ms ms ($(basename "$wisp_log"))"
}

# sock COMMAND: send one command on wisp's unix socket, print the answer.
sock() {
	printf '%s\n' "$1" | socat -t 5 -T 15 - "UNIX-CONNECT:$sock" 2>&1
}

# sock_ok COMMAND: sock, failing the case when nothing answered.
sock_ok() {
	local out
	out=$(sock "$1") && [ -n "$out" ] ||
		fail "no answer to '$1' on $sock: $out" || return 1
	printf '%s\n' "$out" >>"$casedir/socket.log"
	sock_out=$out
}

# The State of wisp's `sup` line ("" when it does not answer).
sup_state() {
	sock sup | sed -n 's/.*State: \([^;]*\);.*/\1/p' | tail -n 1
}

# wait_state REGEX SECONDS: until `sup` reports a state matching ^REGEX$.
wait_state() {
	local want=$1 deadline=$(($(now_ms) + $2 * 1000))
	while :; do
		state=$(sup_state)
		[[ $state =~ ^($want)$ ]] && return 0
		wisp_running || fail "wisp exited while waiting for state '$want'" || return 1
		[ "$(now_ms)" -lt "$deadline" ] ||
			fail "state is '$state' after $2 s, expected '$want'" || return 1
		sleep 0.2
	done
}

# Wait for the socket to answer (wisp serves it before the copy starts).
wait_socket() {
	local deadline=$(($(now_ms) + 30000))
	until [ -S "$sock" ] && sock sup | grep -q 'Copy:'; do
		wisp_running || fail "wisp exited before serving $sock" || return 1
		[ "$(now_ms)" -lt "$deadline" ] || fail "wisp did not serve $sock in 30 s" || return 1
		sleep 0.1
	done
}

# wait_copying DB: until the copy has started (>= 1% of $rows in _t_gho).
wait_copying() {
	local db=$1 c deadline=$(($(now_ms) + 60000))
	while :; do
		c=$(ghost_count "$db")
		[ -n "$c" ] && [ "$c" -ge $((rows / 100)) ] && break
		wisp_running || fail "wisp exited before the copy started" || return 1
		[ "$(now_ms)" -lt "$deadline" ] || fail "the copy did not start in 60 s" || return 1
		sleep 0.1
	done
	[ "$c" -lt $((rows / 2)) ] ||
		fail "the copy is too fast to watch: $c of $rows rows when first seen" || return 1
	note "copying: $c rows in _t_gho"
}

# expect_stall DB T0-MS: the ghost table stops growing within 2.5 s of T0
# and stays still for 2 s, before the copy is complete. Sets stall_count
# and stall_after_ms (when the last new count was seen).
expect_stall() {
	local db=$1 t0=$2 c last=-1 since=0 now
	while :; do
		now=$(now_ms)
		c=$(ghost_count "$db") || fail "cannot count $db._t_gho" || return 1
		if [ "$c" != "$last" ]; then
			last=$c
			since=$now
		fi
		[ $((now - since)) -ge 2000 ] && break
		[ $((now - t0)) -le 4500 ] ||
			fail "the copy did not stop growing for 2 s within 2.5 s (at $c rows)" ||
			return 1
		sleep 0.2
	done
	stall_count=$last
	stall_after_ms=$((since - t0))
	[ "$stall_after_ms" -le 2500 ] ||
		fail "the copy stopped growing only after $stall_after_ms ms" || return 1
	[ "$stall_count" -lt "$rows" ] ||
		fail "the copy completed ($stall_count rows) instead of throttling" || return 1
	note "stalled at $stall_count rows, $stall_after_ms ms after the trigger"
}

# expect_growth DB COUNT: the ghost table grows past COUNT within 5 s.
expect_growth() {
	local db=$1 from=$2 c deadline=$(($(now_ms) + 5000))
	while :; do
		c=$(ghost_count "$db")
		[ -n "$c" ] && [ "$c" -gt "$from" ] && break
		[ "$(now_ms)" -lt "$deadline" ] ||
			fail "the copy did not resume within 5 s (still $c rows)" || return 1
		sleep 0.2
	done
	note "growing again: $c rows"
}

# Speed the rest of the copy up (and check live tuning took: it is faster).
hurry() {
	sock_ok nice-ratio=0 && sock_ok chunk-size=5000
}

# check_migrated DB SUM [ROWS-EXPECTED]: the swap happened, t has z and the
# original rows (checksum SUM of the original columns), _t_del is the old t.
check_migrated() {
	local db=$1 want=$2 got
	has_column_z "$db" t || fail "t has no column z after the migration" || return 1
	table_exists "$db" _t_del || fail "no _t_del after the migration" || return 1
	has_column_z "$db" _t_del && fail "_t_del has column z" && return 1
	table_exists "$db" _t_gho && fail "_t_gho left after the migration" && return 1
	got=$(checksum "$db") || return 1
	[ "$got" = "$want" ] ||
		fail "t after the migration (count, checksum) '$got', expected '$want'" || return 1
	[ "$(qm "select count(*) from $db.t where z <> 42")" = 0 ] ||
		fail "rows of t with z <> 42" || return 1
}

# check_intact DB SUM: t is the original table, same rows, not renamed, and
# writable at once.
check_intact() {
	local db=$1 want=$2 got
	table_exists "$db" t || fail "t is gone" || return 1
	has_column_z "$db" t && fail "t has column z: it was swapped" && return 1
	table_exists "$db" _t_del && fail "_t_del exists: t was renamed" && return 1
	got=$(checksum "$db") || return 1
	[ "$got" = "$want" ] || fail "t changed: (count, checksum) '$got', expected '$want'" ||
		return 1
	mysql_master -e "set session lock_wait_timeout = 5;
		insert into $db.t (a, b) values (-1, 'written after'); delete from $db.t where a = -1" ||
		fail "t is not writable" || return 1
}

# expect_failed TEXT MAX-MS: wisp exited non-zero (not killed), within
# MAX-MS, with TEXT in its output.
expect_failed() {
	local text=$1 max=$2
	[ "$wisp_rc" -ne 0 ] || fail "wisp exited 0, expected a failure" || return 1
	[ "$wisp_rc" -lt 128 ] || fail "wisp was killed (exit status $wisp_rc)" || return 1
	grep -qF -- "$text" "$wisp_log" ||
		fail "the output does not contain '$text'" || return 1
	[ "$wisp_ms" -le "$max" ] || fail "wisp took $wisp_ms ms to fail, more than $max" ||
		return 1
}

# ---- 1-4: throttling observed on the ghost table ----

# throttle_case DB STATE-REGEX TRIGGER RELEASE [AFTER] -- WISP-ARGS...:
# mid-copy TRIGGER must stop the copy with `sup` showing STATE-REGEX,
# RELEASE must resume it; AFTER (optional) runs once it grows again.
throttle_case() {
	local db=$1 want=$2 trigger=$3 release=$4 after=${5:-} args sum t0
	shift 5
	setup_table "$db" "$rows" || return 1
	sum=$(checksum "$db")
	mapfile -t args < <(wisp_args "$db" "$@")
	start_wisp wisp "${args[@]}"
	wait_socket || return 1
	wait_copying "$db" || return 1
	t0=$(now_ms)
	"$trigger" || return 1
	expect_stall "$db" "$t0" || return 1
	wait_state "$want" 3 || return 1
	note "state: $state"
	throttled_state=$state
	"$release" || return 1
	expect_growth "$db" "$stall_count" || return 1
	wait_state 'migrating' 3 || return 1
	if [ -n "$after" ]; then
		"$after" || return 1
	fi
	hurry || return 1
	wait_wisp 120
	[ "$wisp_rc" -eq 0 ] || fail "wisp exited with $wisp_rc" || return 1
	check_migrated "$db" "$sum" || return 1
	summary="stopped at $stall_count/$rows within $((stall_after_ms + 200)) ms, '$throttled_state', wisp $((wisp_ms / 1000))s"
}

flag_on() { touch "$casedir/throttle.flag"; }
flag_off() { rm -f "$casedir/throttle.flag"; }
# The additional flag file throttles the same way.
additional_flag() {
	touch "$casedir/additional.flag"
	wait_state 'throttled, flag-file' 3 || return 1
	rm -f "$casedir/additional.flag"
	wait_state 'migrating' 3
}

case_1_throttle_flag_file() {
	throttle_case wisp_ctl_1 'throttled, flag-file' flag_on flag_off additional_flag \
		--throttle-flag-file="$casedir/throttle.flag" \
		--throttle-additional-flag-file="$casedir/additional.flag"
}

cmd_throttle() { sock_ok throttle; }
cmd_no_throttle() { sock_ok no-throttle; }
# The aliases: pause / resume.
cmd_aliases() {
	sock_ok pause || return 1
	wait_state 'throttled, commanded by user' 3 || return 1
	sock_ok resume || return 1
	wait_state 'migrating' 3
}

case_2_throttle_command() {
	throttle_case wisp_ctl_2 'throttled, commanded by user' cmd_throttle cmd_no_throttle \
		cmd_aliases
}

cmd_max_load_on() {
	sock_ok max-load=Threads_connected=1 || return 1
	sock_ok max-load=? || return 1
	[ "$sock_out" = Threads_connected=1 ] ||
		fail "max-load=? answered '$sock_out', expected 'Threads_connected=1'"
}
cmd_max_load_off() {
	sock_ok max-load= || return 1
	[ -z "$(sock max-load=?)" ] || fail "max-load=? is not empty after max-load="
}

case_3_max_load() {
	throttle_case wisp_ctl_3 'throttled, max-load Threads_connected=[0-9]+ >= 1' \
		cmd_max_load_on cmd_max_load_off ''
}

cmd_query_on() {
	sock_ok 'throttle-query=select 1' || return 1
	sock_ok 'throttle-query=?' || return 1
	[ "$sock_out" = 'select 1' ] ||
		fail "throttle-query=? answered '$sock_out', expected 'select 1'"
}
cmd_query_off() { sock_ok 'throttle-query=select 0'; }

case_4_throttle_query() {
	throttle_case wisp_ctl_4 'throttled, throttle-query' cmd_query_on cmd_query_off ''
}

# ---- 5: live knobs read back ----

# read_back SET QUERY EXPECTED: send SET, then QUERY must answer EXPECTED.
read_back() {
	sock_ok "$1" || return 1
	sock_ok "$2" || return 1
	[ "$sock_out" = "$3" ] || fail "after '$1', '$2' answered '$sock_out', expected '$3'"
}

case_5_read_back() {
	local db=wisp_ctl_5 args sum hint
	setup_table "$db" "$small" || return 1
	sum=$(checksum "$db")
	mapfile -t args < <(wisp_args "$db" --postpone-cut-over-flag-file="$casedir/postpone.flag")
	start_wisp wisp "${args[@]}"
	wait_socket || return 1
	read_back chunk-size=700 chunk-size=? 700 || return 1
	read_back dml-batch-size=33 dml-batch-size=? 33 || return 1
	read_back nice-ratio=0.5 nice-ratio=? 0.5 || return 1
	read_back max-lag-millis=2500 max-lag-millis=? 2500 || return 1
	# The status hint shows them too.
	sock_ok status || return 1
	hint=$(grep '^# chunk-size:' <<<"$sock_out")
	[ "$hint" = "# chunk-size: 700; max-lag-millis: 2500ms; dml-batch-size: 33; max-load: ; critical-load: ; nice-ratio: 0.500000" ] ||
		fail "status hint line: '$hint'" || return 1
	# gh-ost's bounds: chunk-size at most 100000, max-lag-millis at least 100.
	read_back chunk-size=1000000 chunk-size=? 100000 || return 1
	read_back max-lag-millis=50 max-lag-millis=? 100 || return 1
	read_back chunk-size=1000 chunk-size=? 1000 || return 1
	read_back max-lag-millis=1500 max-lag-millis=? 1500 || return 1
	wait_state 'postponing cut-over' 60 || return 1
	sock_ok unpostpone || return 1
	wait_wisp 60
	[ "$wisp_rc" -eq 0 ] || fail "wisp exited with $wisp_rc" || return 1
	check_migrated "$db" "$sum" || return 1
	summary="4 knobs set and read back, bounds applied, wisp $((wisp_ms / 1000))s"
}

# The rows per chunk in `sup` ("" when not shown).
sup_chunk_rows() {
	sock sup | sed -n 's/.*; Chunks: [0-9]* x \([0-9]*\) rows.*/\1/p' | tail -n 1
}

case_5b_chunk_time() {
	local db=wisp_ctl_5b args=() a sum n deadline i
	setup_table "$db" "$rows" || return 1
	sum=$(checksum "$db")
	while IFS= read -r a; do
		[ "$a" = --chunk-size=100 ] || args+=("$a")
	done < <(wisp_args "$db" --chunk-time=0.02)
	start_wisp wisp "${args[@]}"
	wait_socket || return 1
	deadline=$(($(now_ms) + 20000))
	while :; do
		n=$(sup_chunk_rows)
		[ -n "$n" ] && [ "$n" != 1000 ] && break
		wisp_running || fail "wisp exited before the chunk size moved" || return 1
		[ "$(now_ms)" -lt "$deadline" ] ||
			fail "the chunk size stayed at '$n' for 20 s" || return 1
		sleep 0.2
	done
	note "chunk size adjusted to $n rows"
	# The starting value itself: fixed all the same.
	sock_ok chunk-size=1000 || return 1
	sleep 1
	for ((i = 0; i < 5; i++)); do
		n=$(sup_chunk_rows)
		[ "$n" = 1000 ] || fail "after chunk-size=1000, sup shows '$n' rows per chunk" ||
			return 1
		sleep 0.2
	done
	hurry || return 1
	wait_wisp 120
	[ "$wisp_rc" -eq 0 ] || fail "wisp exited with $wisp_rc" || return 1
	check_migrated "$db" "$sum" || return 1
	summary="adjusted, then fixed at 1000 by the command, wisp $((wisp_ms / 1000))s"
}

# ---- 6: postponed cut-over ----

# postpone_case DB HOW: HOW is "unpostpone" (the command) or "remove" (the
# flag file, which exists beforehand).
postpone_case() {
	local db=$1 how=$2 flag=$casedir/postpone.flag args sum i got deadline
	setup_table "$db" "$small" || return 1
	[ "$how" = remove ] && touch "$flag"
	mapfile -t args < <(wisp_args "$db" --postpone-cut-over-flag-file="$flag" \
		--nice-ratio=0 --chunk-size=2000)
	start_wisp wisp "${args[@]}"
	wait_socket || return 1
	wait_state 'postponing cut-over' 60 || return 1
	[ -f "$flag" ] || fail "the postpone flag file does not exist (gh-ost creates it)" ||
		return 1
	sock sup | grep -q "Copy: $small/$small 100.0%" ||
		fail "postponing, but the copy is not complete: $(sock sup)" || return 1
	# Nothing swapped yet.
	table_exists "$db" _t_del && fail "_t_del exists while postponing" && return 1
	has_column_z "$db" t && fail "t has column z while postponing" && return 1
	has_column_z "$db" _t_gho || fail "_t_gho has no column z" || return 1
	# Writes to t keep reaching the ghost table.
	mysql_master -e "insert into $db.t (id, a, b) values
		($((small + 1)), 1, 'during postpone 1'), ($((small + 2)), 2, 'during postpone 2'),
		($((small + 3)), 3, 'during postpone 3');
		update $db.t set b = 'updated during postpone' where id = 7;
		delete from $db.t where id = 9" || fail "cannot write to t" || return 1
	sum=$(checksum "$db")
	deadline=$(($(now_ms) + 15000))
	while :; do
		got=$(qm "select count(*), sum(b like 'during postpone%'),
			sum(id = 7 and b = 'updated during postpone'), sum(id = 9)
			from $db._t_gho")
		[ "$got" = "$((small + 2))	3	1	0" ] && break
		[ "$(now_ms)" -lt "$deadline" ] ||
			fail "the writes did not reach _t_gho in 15 s: $got" || return 1
		sleep 0.2
	done
	# Throttled while postponing, the changes wait too (gh-ost's applier
	# does), and go on when unthrottled.
	sock_ok throttle || return 1
	wait_state 'postponing cut-over' 1 || return 1
	mysql_master -e "insert into $db.t (id, a, b) values ($((small + 4)), 4, 'while throttled')" ||
		fail "cannot write to t" || return 1
	sleep 2
	[ "$(qm "select count(*) from $db._t_gho where id = $((small + 4))")" = 0 ] ||
		fail "a change reached _t_gho while throttled" || return 1
	sock_ok no-throttle || return 1
	deadline=$(($(now_ms) + 10000))
	until [ "$(qm "select count(*) from $db._t_gho where id = $((small + 4))")" = 1 ]; do
		[ "$(now_ms)" -lt "$deadline" ] ||
			fail "the change made while throttled did not reach _t_gho in 10 s" || return 1
		sleep 0.2
	done
	sum=$(checksum "$db")
	sleep 1
	wait_state 'postponing cut-over' 1 || return 1
	table_exists "$db" _t_del && fail "_t_del exists while postponing" && return 1
	if [ "$how" = unpostpone ]; then
		sock_ok unpostpone || return 1
		grep -q '^Unpostponed' <<<"$sock_out" ||
			fail "unpostpone answered: $sock_out" || return 1
	else
		rm -f "$flag"
	fi
	wait_wisp 60
	[ "$wisp_rc" -eq 0 ] || fail "wisp exited with $wisp_rc" || return 1
	check_migrated "$db" "$sum" || return 1
	i=$(qm "select count(*) from $db.t where b like 'during postpone%' and z = 42")
	[ "$i" = 3 ] || fail "the new t has $i of the 3 rows written while postponing" || return 1
	summary="copy done, postponed, 5 writes applied to _t_gho, cut over by $how, wisp $((wisp_ms / 1000))s"
}

case_6a_postpone_unpostpone() { postpone_case wisp_ctl_6a unpostpone; }
case_6b_postpone_remove_file() { postpone_case wisp_ctl_6b remove; }

# ---- 7: hooks ----

all_hooks="startup validated rowcount-complete before-row-copy status batch-copy-retry
	row-copy-complete before-cut-over begin-postponed stop-replication start-replication
	interactive-command success failure"

# make_hooks DIR LOG [FAILING-HOOK [SLOW-HOOK]]: one script per hook, each
# appending "<hook>\tVAR=value\t..." (GH_OST_VAR; unset: <unset>) to LOG;
# FAILING-HOOK then says so and exits 1; SLOW-HOOK first sleeps 0.5 s.
make_hooks() {
	local dir=$1 log=$2 failing=${3:-} slow=${4:-} h f rc pause
	mkdir -p "$dir"
	for h in $all_hooks; do
		f=$dir/gh-ost-on-$h
		rc=0 pause=0
		[ "$h" = "$failing" ] && rc=1
		[ "$h" = "$slow" ] && pause=0.5
		printf '#!/bin/sh\nhook=%s\nlog=%q\nrc=%s\npause=%s\n' "$h" "$log" "$rc" \
			"$pause" >"$f"
		cat >>"$f" <<'EOF'
[ "$pause" = 0 ] || sleep "$pause"
line=$hook
for k in DATABASE_NAME TABLE_NAME GHOST_TABLE_NAME OLD_TABLE_NAME DDL \
	ELAPSED_SECONDS ELAPSED_COPY_SECONDS ESTIMATED_ROWS COPIED_ROWS \
	MIGRATED_HOST INSPECTED_HOST EXECUTING_HOST INSPECTED_LAG HEARTBEAT_LAG \
	PROGRESS ETA_SECONDS HOOKS_HINT HOOKS_HINT_OWNER HOOKS_HINT_TOKEN DRY_RUN \
	REVERT COMMAND STATUS INSTANT_DDL LAST_BATCH_COPY_ERROR; do
	eval "v=\${GH_OST_$k-<unset>}"
	v=$(printf '%s' "$v" | tr '\t\n' '  ')
	line="$line	$k=$v"
done
printf '%s\n' "$line" >>"$log"
if [ "$rc" != 0 ]; then
	echo "hook $hook failing on purpose"
	exit "$rc"
fi
EOF
		chmod +x "$f"
	done
}

# hook_runs LOG HOOK: how many times HOOK ran.
hook_runs() {
	if [ -f "$1" ]; then
		awk -F'\t' -v h="$2" '$1 == h { n++ } END { print n + 0 }' "$1"
	else
		echo 0
	fi
}

# hook_var LOG HOOK VAR: VAR's value in HOOK's last run.
hook_var() {
	awk -F'\t' -v h="$2" -v k="$3=" '$1 == h { for (i = 2; i <= NF; i++)
		if (index($i, k) == 1) v = substr($i, length(k) + 1) } END { print v }' "$1"
}

# expect_runs LOG HOOK=N...: exact run counts (N+ means at least N).
expect_runs() {
	local log=$1 spec h n got
	shift
	for spec in "$@"; do
		h=${spec%=*} n=${spec#*=}
		got=$(hook_runs "$log" "$h")
		if [ "${n%+}" != "$n" ]; then
			[ "$got" -ge "${n%+}" ] ||
				fail "hook $h ran $got times, expected at least ${n%+}" || return 1
		else
			[ "$got" -eq "$n" ] || fail "hook $h ran $got times, expected $n" || return 1
		fi
	done
}

# check_hook_env LOG DB: the variables every hook gets, in every run.
check_hook_env() {
	local log=$1 db=$2 out
	out=$(awk -F'\t' -v db="$db" -v ddl="$alter" '
		function want(k, v) { if (val[k] != v) err(k "=" val[k] " (expected " v ")") }
		function is_float(k) { if (val[k] !~ /^-?[0-9]+\.[0-9]+$/) err(k "=" val[k] " is not a %f number") }
		function is_int(k) { if (val[k] !~ /^-?[0-9]+$/) err(k "=" val[k] " is not an integer") }
		function err(s) { print $1 ": " s }
		{
			runs++
			delete val
			for (i = 2; i <= NF; i++) {
				p = index($i, "=")
				val[substr($i, 1, p - 1)] = substr($i, p + 1)
			}
			want("DATABASE_NAME", db); want("TABLE_NAME", "t")
			want("GHOST_TABLE_NAME", "_t_gho"); want("OLD_TABLE_NAME", "_t_del")
			want("DDL", ddl); want("DRY_RUN", "false"); want("REVERT", "false")
			want("HOOKS_HINT", "x"); want("HOOKS_HINT_OWNER", "the-owner")
			want("HOOKS_HINT_TOKEN", "tok-123")
			is_float("ELAPSED_SECONDS"); is_float("ELAPSED_COPY_SECONDS")
			is_float("INSPECTED_LAG"); is_float("HEARTBEAT_LAG"); is_float("PROGRESS")
			is_int("ESTIMATED_ROWS"); is_int("COPIED_ROWS"); is_int("ETA_SECONDS")
			if ($1 != "interactive-command") want("COMMAND", "<unset>")
			if ($1 != "status") want("STATUS", "<unset>")
			if ($1 != "success") want("INSTANT_DDL", "<unset>")
		}
		END { print "checked " runs + 0 " runs" }' "$log") ||
		fail "cannot check the hook environment (awk failed)" || return 1
	[ "$(tail -n 1 <<<"$out")" != "checked 0 runs" ] || fail "no hook ran" || return 1
	out=$(sed '$d' <<<"$out" | head -n 5)
	[ -z "$out" ] || fail "hook environment: ${out//$'\n'/; }"
}

# expect_order LOG HOOK...: the first runs of the hooks came in this order.
expect_order() {
	local log=$1 order
	shift
	order=$(awk -F'\t' '!seen[$1]++ { print $1 }' "$log" | grep -xF "$(printf '%s\n' "$@")" |
		tr '\n' ' ')
	[ "$order" = "$* " ] || fail "hooks ran in the order '$order', expected '$* '"
}

case_7a_hooks() {
	local db=wisp_ctl_7a args sum log=$casedir/hooks.log deadline v
	setup_table "$db" 50000 || return 1
	sum=$(checksum "$db")
	# A before-row-copy hook that takes a while (the exact count finishes
	# while it runs): every hook must still fire.
	make_hooks "$casedir/hooks" "$log" "" before-row-copy
	mapfile -t args < <(wisp_args "$db" --hooks-path="$casedir/hooks" --hooks-hint=x \
		--hooks-hint-owner=the-owner --hooks-hint-token=tok-123 --exact-rowcount \
		--hooks-status-interval=1 --postpone-cut-over-flag-file="$casedir/postpone.flag" \
		--chunk-size=500)
	start_wisp wisp "${args[@]}"
	# No `sup` polling here: every command runs the interactive hook. The
	# begin-postponed hook tells when the cut-over is postponed.
	deadline=$(($(now_ms) + 60000))
	until [ "$(hook_runs "$log" begin-postponed)" -ge 1 ]; do
		wisp_running || fail "wisp exited before postponing" || return 1
		[ "$(now_ms)" -lt "$deadline" ] || fail "not postponed after 60 s" || return 1
		sleep 0.2
	done
	sleep 1.5	# a status hook or two while postponing
	sock_ok sup || return 1
	grep -q 'State: postponing cut-over' <<<"$sock_out" ||
		fail "sup while postponing: $sock_out" || return 1
	sock_ok unpostpone || return 1
	wait_wisp 60
	[ "$wisp_rc" -eq 0 ] || fail "wisp exited with $wisp_rc" || return 1
	check_migrated "$db" "$sum" || return 1

	expect_runs "$log" startup=1 validated=1 rowcount-complete=1 before-row-copy=1 \
		status=1+ interactive-command=2 row-copy-complete=1 before-cut-over=1 \
		begin-postponed=1 success=1 failure=0 stop-replication=0 \
		start-replication=0 || return 1
	expect_order "$log" startup validated before-row-copy row-copy-complete \
		before-cut-over begin-postponed success || return 1
	check_hook_env "$log" "$db" || return 1
	# Hook-specific values.
	v=$(awk -F'\t' '$1 == "interactive-command" { for (i = 2; i <= NF; i++)
		if ($i ~ /^COMMAND=/) printf "%s ", substr($i, 9) }' "$log")
	[ "$v" = "'sup' 'unpostpone' " ] ||
		fail "GH_OST_COMMAND of the interactive hooks: $v (expected 'sup' 'unpostpone')" ||
		return 1
	v=$(hook_var "$log" status STATUS)
	[[ $v =~ ^\'Copy:\ [0-9]+/[0-9]+\ .*State:.*\'$ ]] ||
		fail "GH_OST_STATUS: $v" || return 1
	v=$(hook_var "$log" rowcount-complete ESTIMATED_ROWS)
	[ "$v" = 50000 ] || fail "GH_OST_ESTIMATED_ROWS at rowcount-complete: $v, expected 50000" ||
		return 1
	v=$(hook_var "$log" success COPIED_ROWS)
	[ "$v" = 50000 ] || fail "GH_OST_COPIED_ROWS at success: $v, expected 50000" || return 1
	v=$(hook_var "$log" success PROGRESS)
	[ "$v" = 100.000000 ] || fail "GH_OST_PROGRESS at success: $v" || return 1
	v=$(hook_var "$log" before-row-copy COPIED_ROWS)
	[ "$v" = 0 ] || fail "GH_OST_COPIED_ROWS at before-row-copy: $v" || return 1
	v=$(hook_var "$log" success INSTANT_DDL)
	[ "$v" = false ] || fail "GH_OST_INSTANT_DDL at success: $v" || return 1
	for v in MIGRATED_HOST INSPECTED_HOST EXECUTING_HOST; do
		[ -n "$(hook_var "$log" success "$v")" ] ||
			fail "GH_OST_$v is empty at success" || return 1
	done
	summary="$(wc -l <"$log") hook runs ($(hook_runs "$log" status) status), wisp $((wisp_ms / 1000))s"
}

# No helper table on the master nor the replica.
expect_no_helpers() {
	local t
	for t in _t_gho _t_ghc _t_del; do
		table_exists "$1" "$t" && fail "$t exists on the master" && return 1
		[ "$(qr "select count(*) from information_schema.tables
			where table_schema = '$1' and table_name = '$t'")" = 0 ] ||
			fail "$t exists on the replica" || return 1
	done
	return 0
}

case_7b_hook_startup_fails() {
	local db=wisp_ctl_7b args sum log=$casedir/hooks.log
	setup_table "$db" 1000 || return 1
	sum=$(checksum "$db")
	make_hooks "$casedir/hooks" "$log" startup
	mapfile -t args < <(wisp_args "$db" --hooks-path="$casedir/hooks" --hooks-hint=x \
		--hooks-hint-owner=the-owner --hooks-hint-token=tok-123)
	start_wisp wisp "${args[@]}"
	wait_wisp 30
	expect_failed "hook startup failing on purpose" 10000 || return 1
	expect_no_helpers "$db" || return 1
	[ ! -e "$sock" ] || fail "the socket $sock exists" || return 1
	check_intact "$db" "$sum" || return 1
	expect_runs "$log" startup=1 validated=0 before-row-copy=0 success=0 failure=1 ||
		return 1
	check_hook_env "$log" "$db" || return 1
	summary="exit $wisp_rc after $wisp_ms ms, nothing created, failure hook ran"
}

case_7c_hook_cut_over_fails() {
	local db=wisp_ctl_7c args sum log=$casedir/hooks.log
	setup_table "$db" "$small" || return 1
	sum=$(checksum "$db")
	make_hooks "$casedir/hooks" "$log" before-cut-over
	mapfile -t args < <(wisp_args "$db" --hooks-path="$casedir/hooks" --hooks-hint=x \
		--hooks-hint-owner=the-owner --hooks-hint-token=tok-123 --chunk-size=1000)
	start_wisp wisp "${args[@]}"
	wait_wisp 60
	expect_failed "hook before-cut-over failing on purpose" 60000 || return 1
	check_intact "$db" "$sum" || return 1
	expect_runs "$log" startup=1 row-copy-complete=1 before-cut-over=1 begin-postponed=0 \
		success=0 failure=1 || return 1
	expect_order "$log" startup row-copy-complete before-cut-over failure || return 1
	check_hook_env "$log" "$db" || return 1
	summary="exit $wisp_rc after $wisp_ms ms, t intact, failure hook ran"
}

# ---- 8: critical-load ----

case_8a_critical_load() {
	local db=wisp_ctl_8a args sum
	setup_table "$db" "$rows" || return 1
	sum=$(checksum "$db")
	mapfile -t args < <(wisp_args "$db" --critical-load=Threads_connected=1)
	start_wisp wisp "${args[@]}"
	wait_wisp 60
	expect_failed "critical-load met: Threads_connected=" 20000 || return 1
	check_intact "$db" "$sum" || return 1
	summary="exit $wisp_rc after $wisp_ms ms: $(grep -o 'critical-load met[^.]*' "$wisp_log" | tail -n 1)"
}

case_8b_critical_load_interval() {
	local db=wisp_ctl_8b args sum
	setup_table "$db" "$rows" || return 1
	sum=$(checksum "$db")
	mapfile -t args < <(wisp_args "$db" --critical-load=Threads_connected=1 \
		--critical-load-interval-millis=500)
	start_wisp wisp "${args[@]}"
	wait_wisp 60
	expect_failed "critical-load met again after 500 millis: Threads_connected=" 20000 ||
		return 1
	grep -qF "critical-load met once: Threads_connected=" "$wisp_log" ||
		fail "no 'critical-load met once' before the abort" || return 1
	check_intact "$db" "$sum" || return 1
	summary="exit $wisp_rc after $wisp_ms ms, after the second check"
}

case_8c_critical_load_hibernate() {
	local db=wisp_ctl_8c args sum
	setup_table "$db" "$small" || return 1
	sum=$(checksum "$db")
	mapfile -t args < <(wisp_args "$db" --critical-load=Threads_connected=1 \
		--critical-load-hibernate-seconds=2)
	start_wisp wisp "${args[@]}"
	wait_socket || return 1
	wait_state 'throttled, critical-load-hibernate until .*' 15 || return 1
	note "state: $state"
	hib_state=$state
	sock_ok critical-load= || return 1
	wait_wisp 60
	[ "$wisp_rc" -eq 0 ] || fail "wisp exited with $wisp_rc" || return 1
	grep -qF "Will hibernate for the duration of" "$wisp_log" ||
		fail "no hibernation logged" || return 1
	check_migrated "$db" "$sum" || return 1
	summary="'$hib_state', completed after critical-load=, wisp $((wisp_ms / 1000))s"
}

# ---- 9: panic ----

case_9a_panic_command() {
	local db=wisp_ctl_9a args sum t0
	setup_table "$db" "$rows" || return 1
	sum=$(checksum "$db")
	mapfile -t args < <(wisp_args "$db")
	start_wisp wisp "${args[@]}"
	wait_socket || return 1
	wait_copying "$db" || return 1
	t0=$(now_ms)
	sock panic >"$casedir/panic.answer"
	wait_wisp 30
	expect_failed "user commanded 'panic'" 60000 || return 1
	[ $(($(now_ms) - t0)) -le 5000 ] || fail "wisp took more than 5 s to panic" || return 1
	check_intact "$db" "$sum" || return 1
	summary="exit $wisp_rc $(($(now_ms) - t0)) ms after panic, answer: $(head -c 60 "$casedir/panic.answer")"
}

case_9b_panic_flag_file() {
	local db=wisp_ctl_9b args sum t0 flag=$casedir/panic.flag
	setup_table "$db" "$rows" || return 1
	sum=$(checksum "$db")
	mapfile -t args < <(wisp_args "$db" --panic-flag-file="$flag")
	start_wisp wisp "${args[@]}"
	wait_socket || return 1
	wait_copying "$db" || return 1
	t0=$(now_ms)
	touch "$flag"
	wait_wisp 30
	expect_failed "found panic-file $flag" 60000 || return 1
	[ $(($(now_ms) - t0)) -le 5000 ] || fail "wisp took more than 5 s to panic" || return 1
	check_intact "$db" "$sum" || return 1
	summary="exit $wisp_rc $(($(now_ms) - t0)) ms after the flag file appeared"
}

# ---- 10: on the replica ----

case_10a_test_on_replica() {
	local db=wisp_ctl_10a args sum log=$casedir/hooks.log io sqlt
	setup_table "$db" 10000 || return 1
	sum=$(checksum "$db")
	make_hooks "$casedir/hooks" "$log"
	mapfile -t args < <(wisp_args "$db" --test-on-replica --chunk-size=1000 \
		--hooks-path="$casedir/hooks")
	start_wisp wisp "${args[@]}"
	wait_wisp 90
	io=$(replica_field Slave_IO_Running) sqlt=$(replica_field Slave_SQL_Running)
	note "replica after the test: io=$io sql=$sqlt"
	# Replication back on first, whatever the result.
	mysql_replica -e 'start slave' || fail "cannot restart replication" || return 1
	[ "$wisp_rc" -eq 0 ] || fail "wisp exited with $wisp_rc" || return 1
	[ "$io" = No ] && [ "$sqlt" = No ] ||
		fail "replication not stopped after --test-on-replica (io $io, sql $sqlt)" ||
		return 1
	[ "$(qr "select count(*) from information_schema.columns where table_schema = '$db'
		and table_name = 't' and column_name = 'z'")" = 0 ] ||
		fail "the replica's t has column z" || return 1
	has_column_z "$db" _t_gho replica || fail "the replica has no _t_gho with column z" ||
		return 1
	[ "$(checksum "$db" replica)" = "$sum" ] || fail "the replica's t changed" || return 1
	[ "$(qr "select count(*) from $db._t_gho")" = 10000 ] ||
		fail "the replica's _t_gho does not have 10000 rows" || return 1
	table_exists "$db" _t_gho && fail "_t_gho exists on the master" && return 1
	has_column_z "$db" t && fail "the master's t has column z" && return 1
	expect_runs "$log" stop-replication=1 start-replication=0 success=1 failure=0 ||
		return 1
	wait_replica 30 || return 1
	summary="t and _t_gho on the replica, replication was stopped (io $io, sql $sqlt), wisp $((wisp_ms / 1000))s"
}

case_10b_migrate_on_replica() {
	local db=wisp_ctl_10b args sum io sqlt
	setup_table "$db" 10000 || return 1
	sum=$(checksum "$db")
	mapfile -t args < <(wisp_args "$db" --migrate-on-replica --chunk-size=1000)
	start_wisp wisp "${args[@]}"
	wait_wisp 90
	[ "$wisp_rc" -eq 0 ] || fail "wisp exited with $wisp_rc" || return 1
	io=$(replica_field Slave_IO_Running) sqlt=$(replica_field Slave_SQL_Running)
	[ "$io" = Yes ] && [ "$sqlt" = Yes ] ||
		fail "replication not running after --migrate-on-replica (io $io, sql $sqlt)" ||
		return 1
	has_column_z "$db" t replica || fail "the replica's t has no column z" || return 1
	[ "$(checksum "$db" replica)" = "$sum" ] || fail "the replica's t lost rows" || return 1
	has_column_z "$db" t && fail "the master's t has column z" && return 1
	# The master's writes still replicate into the migrated t.
	mysql_master -e "insert into $db.t (id, a, b) values (10001, 1, 'after')" || return 1
	wait_replica 30 || return 1
	[ "$(qr "select z from $db.t where id = 10001")" = 42 ] ||
		fail "the master's insert did not reach the replica's migrated t" || return 1
	summary="replica's t migrated, replication running and applying, wisp $((wisp_ms / 1000))s"
}

if [ -n "$case_name" ]; then
	wisp_pid=
	summary=
	sock=$casedir/wisp.sock
	# shellcheck disable=SC2317 # the EXIT trap
	case_exit() {
		[ -n "${wisp_pid:-}" ] && kill -KILL "$wisp_pid" 2>/dev/null
		return 0
	}
	trap case_exit EXIT
	fn="case_${case_name//-/_}"
	if "$fn"; then
		echo "SUMMARY: $summary"
		exit 0
	fi
	exit 1
fi

# ============================================================================
# The parent: run every case under a timeout, report.
# ============================================================================

if [ ! -x "$wisp_binary" ] || [ -d "$wisp_binary" ]; then
	die "wisp binary not found: $wisp_binary (run make, or pass -b)"
fi
[ "$(mysql_master -N -e 'select 1' 2>&1)" = 1 ] ||
	die "cannot reach the master at $WISP_MASTER_HOST:$WISP_MASTER_PORT (script/sandbox start?)"
[ "$(mysql_replica -N -e 'select 1' 2>&1)" = 1 ] ||
	die "cannot reach the replica at $WISP_REPLICA_HOST:$WISP_REPLICA_PORT (script/sandbox start?)"

workdir=$(mktemp -d "${TMPDIR:-/tmp}/wisp-control.XXXXXX") ||
	die "cannot create a temporary directory"
passed=0
failed=0
child_pid=
all_start=$(date +%s)

# Replication must run between cases (10a stops it).
ensure_replication() {
	local io sqlt
	io=$(replica_field Slave_IO_Running) sqlt=$(replica_field Slave_SQL_Running)
	[ "$io" = Yes ] && [ "$sqlt" = Yes ] && return 0
	mysql_replica -e 'start slave' >/dev/null 2>&1 ||
		echo "control: could not restart replication on the replica" >&2
}

# shellcheck disable=SC2317 # the EXIT trap
finish() {
	[ -n "$child_pid" ] && kill -KILL -- "-$child_pid" 2>/dev/null
	ensure_replication
	if [ "$failed" -eq 0 ] && [ "${WISP_CONTROL_KEEP:-0}" != 1 ]; then
		rm -rf "$workdir"
	else
		echo "# logs: $workdir"
	fi
}
trap finish EXIT
trap 'exit 130' INT TERM

# run_case NAME TIMEOUT-S DB
run_case() {
	local name=$1 limit=$2 db=$3
	run_case_child "$name" "$limit" || return 0
	# Whatever happened: replication on, the database gone (but with
	# WISP_CONTROL_KEEP=1 that of a failed case stays, to look at).
	ensure_replication
	[ "$case_rc" -ne 0 ] && [ "${WISP_CONTROL_KEEP:-0}" = 1 ] && return 0
	mysql_master -e "drop database if exists $db" >/dev/null 2>&1 ||
		echo "control: could not drop database $db" >&2
}

run_case 1-throttle-flag-file 120 wisp_ctl_1
run_case 2-throttle-command 120 wisp_ctl_2
run_case 3-max-load 120 wisp_ctl_3
run_case 4-throttle-query 120 wisp_ctl_4
run_case 5-read-back 90 wisp_ctl_5
run_case 5b-chunk-time 120 wisp_ctl_5b
run_case 6a-postpone-unpostpone 90 wisp_ctl_6a
run_case 6b-postpone-remove-file 90 wisp_ctl_6b
run_case 7a-hooks 90 wisp_ctl_7a
run_case 7b-hook-startup-fails 60 wisp_ctl_7b
run_case 7c-hook-cut-over-fails 90 wisp_ctl_7c
run_case 8a-critical-load 60 wisp_ctl_8a
run_case 8b-critical-load-interval 60 wisp_ctl_8b
run_case 8c-critical-load-hibernate 90 wisp_ctl_8c
run_case 9a-panic-command 60 wisp_ctl_9a
run_case 9b-panic-flag-file 60 wisp_ctl_9b
run_case 10a-test-on-replica 120 wisp_ctl_10a
run_case 10b-migrate-on-replica 120 wisp_ctl_10b

echo "# total $(($(date +%s) - all_start))s"
echo "control: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
