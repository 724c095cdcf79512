#!/bin/bash
#
# test/integration/topology.sh [-b binary] [filter-regex]
#
# Topology, cloud, metrics and logging flags, against the sandbox
# (script/sandbox). Each case has its own database with a table `t`
# (id, a, b) on the master and runs wisp through the replica:
#
#   1-master-master   the master made to replicate from the replica too:
#                     refused without --allow-master-master ("there seems to
#                     be a master-master setup at <master>"); with it alone
#                     gh-ost's walk stops on the inspected server, so "run
#                     directly on master"; --switch-to-rbr refused since the
#                     replica now has a replica ("too scared"); with
#                     --allow-master-master --assume-master-host the table is
#                     migrated on the master and reaches the replica. The
#                     master's replication is removed afterwards
#   2-switch-to-rbr   the replica in STATEMENT (replication restarted):
#                     refused without the flag, with --assume-rbr refused as
#                     exclusive; with --switch-to-rbr it is switched to ROW,
#                     the SQL thread restarted (a statement from the master
#                     then logged as rows), the I/O thread's connection kept,
#                     replication running, the table migrated
#   3-cloud           through a TCP proxy (another port than the server's):
#                     "unexpected database port reported"; with --aliyun-rds,
#                     --gcp or --azure the noop passes, the server known by
#                     the proxy's address
#   4-tungsten        --tungsten --assume-master-host: the noop passes with
#                     the master forced
#   5-statsd          a migration with --statsd-addr on a local UDP port,
#                     --statsd-tags twice, writes, a throttle and a
#                     postponed cut-over: every gh-ost metric expected
#                     arrives, well formed, tagged, some before wisp ended
#   6-stack           --stack: a failure prints "stack trace" after the FATAL
#                     line, a SIGSEGV prints "FATAL caught signal SIGSEGV" and
#                     the stack and wisp dies of it (t intact); without
#                     --stack neither
#   7-log-levels      errors only by default; --verbose INFO; --debug DEBUG;
#                     --quiet wins over both; FATAL always
#
# Server settings a case changes are put back by the parent after it,
# whatever happened. The last line is "topology: N passed, N failed".

set -uo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
self="$repo_root/test/integration/topology.sh"
# shellcheck source=test/integration/lib.sh
. "$repo_root/test/integration/lib.sh"
wisp_binary=${WISP_BINARY:-$repo_root/bin/wisp}
alter="add column z int not null default 42"

suite_options "$@"

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
qm() { mysql_master --batch --skip-column-names -e "$1"; }
qr() { mysql_replica --batch --skip-column-names -e "$1"; }

now_ms() {
	local t=${EPOCHREALTIME/[.,]/}
	echo $((t / 1000))
}

# A field of `show slave status` on the master or the replica.
slave_field() {
	local f=$2
	if [ "$1" = master ]; then
		mysql_master -e 'show slave status\G' 2>/dev/null | sed -n "s/^ *$f: //p"
	else
		mysql_replica -e 'show slave status\G' 2>/dev/null | sed -n "s/^ *$f: //p"
	fi
}

# ============================================================================
# The case side (run as a child with --case NAME DIR).
# ============================================================================

fail() {
	echo "FAIL: $*"
	return 1
}
note() { echo "# $*"; }

wait_replica() {
	local pos
	pos=$(qm 'select @@global.gtid_binlog_pos') || return 1
	[ "$(qr "select master_gtid_wait('$pos', ${1:-60})")" = 0 ] ||
		fail "the replica did not catch up with the master (gtid $pos)"
}

# setup_table DB ROWS: database DB with table t of ROWS rows, on both.
setup_table() {
	mysql_master -e "drop database if exists $1; create database $1; use $1;
		create table t (
		  id bigint not null auto_increment,
		  a int not null default 0,
		  b varchar(64) not null default '',
		  primary key (id)
		) engine=innodb;
		insert into t (id, a, b) select seq, seq % 1000, concat('row-', seq)
		  from seq_1_to_$2" || fail "cannot create $1.t" || return 1
	wait_replica 60
}

checksum() {
	local q="select count(*), coalesce(bit_xor(crc32(concat_ws('#', id, a, b))), 0) from $1.t"
	if [ "${2:-master}" = replica ]; then qr "$q"; else qm "$q"; fi
}

# has_column_z DB TABLE [replica]
has_column_z() {
	local q="select count(*) from information_schema.columns
		where table_schema = '$1' and table_name = '$2' and column_name = 'z'"
	if [ "${3:-master}" = replica ]; then
		[ "$(qr "$q")" = 1 ]
	else
		[ "$(qm "$q")" = 1 ]
	fi
}

# No helper table left on the master.
no_helpers() {
	local left
	left=$(qm "select group_concat(table_name) from information_schema.tables
		where table_schema = '$1' and table_name in ('_t_gho', '_t_ghc', '_t_del')")
	[ -z "$left" ] || [ "$left" = NULL ] || fail "helper tables left on the master: $left"
}

# The flags of every run: through the replica, the case's own socket, and
# an additional throttle flag file nobody creates.
wisp_args() {
	local db=$1
	shift
	printf '%s\n' --user="$WISP_USER" --password="$WISP_PASSWORD" \
		--host="$WISP_REPLICA_HOST" --port="$WISP_REPLICA_PORT" \
		--database="$db" --table=t --alter="$alter" \
		--serve-socket-file="$casedir/wisp.sock" \
		--throttle-additional-flag-file="$casedir/no-such-flag" "$@"
}

# run_wisp NAME ARGS...: wisp in the foreground (60 s at most), output in
# $casedir/NAME.log (stderr also in NAME.err); sets wisp_rc and wisp_log.
run_wisp() {
	local name=$1
	shift
	wisp_log=$casedir/$name.log
	printf '%q ' "$wisp_binary" "$@" >"$wisp_log.cmd"
	timeout -k 5 60 "$wisp_binary" "$@" >"$casedir/$name.out" 2>"$casedir/$name.err" </dev/null
	wisp_rc=$?
	cat "$casedir/$name.out" "$casedir/$name.err" >"$wisp_log"
	note "$name: exit $wisp_rc"
}

# start_wisp NAME ARGS...: in the background; sets wisp_pid and wisp_log.
start_wisp() {
	local name=$1
	shift
	wisp_log=$casedir/$name.log
	printf '%q ' "$wisp_binary" "$@" >"$wisp_log.cmd"
	"$wisp_binary" "$@" >"$wisp_log" 2>&1 </dev/null &
	wisp_pid=$!
}

wisp_running() {
	local s
	[ -n "${wisp_pid:-}" ] || return 1
	{ s=$(<"/proc/$wisp_pid/stat"); } 2>/dev/null || return 1
	s=${s##*) }
	[ "${s%% *}" != Z ]
}

# wait_wisp SECONDS: sets wisp_rc (137 after a kill for running too long).
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
	note "wisp exited with $wisp_rc ($(basename "$wisp_log"))"
}

# wait_log TEXT SECONDS: until the running wisp's log has TEXT.
wait_log() {
	local deadline=$(($(now_ms) + $2 * 1000))
	until grep -qF -- "$1" "$wisp_log"; do
		wisp_running || fail "wisp exited before logging '$1'" || return 1
		[ "$(now_ms)" -lt "$deadline" ] || fail "no '$1' after $2 s" || return 1
		sleep 0.1
	done
}

# expect_refusal TEXT: the last run_wisp failed (not killed) with TEXT.
expect_refusal() {
	[ "$wisp_rc" -ne 0 ] || fail "wisp exited 0, expected '$1'" || return 1
	[ "$wisp_rc" -lt 124 ] || fail "wisp was killed or timed out ($wisp_rc)" || return 1
	grep -qF -- "$1" "$wisp_log" || fail "the output lacks '$1'" || return 1
}

expect_done() {
	[ "$wisp_rc" -eq 0 ] || fail "wisp exited with $wisp_rc" || return 1
	grep -q '^# Done' "$wisp_log" || fail "no '# Done' in the output" || return 1
}

# check_migrated DB SUM: swapped on the master, rows kept, and the new
# column replicated.
check_migrated() {
	has_column_z "$1" t || fail "t has no column z after the migration" || return 1
	[ "$(checksum "$1")" = "$2" ] || fail "t lost or changed rows" || return 1
	wait_replica 60 || return 1
	has_column_z "$1" t replica || fail "the replica's t has no column z" || return 1
}

# A free port from $1 upward: TCP nobody listens on.
free_port() {
	local p
	for ((p = $1; p < $1 + 200; p++)); do
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || {
			echo "$p"
			return 0
		}
	done
	return 1
}

# ---- 1: master-master ----

# make_master_master DB: make the master replicate from the replica (the
# parent undoes it).
make_master_master() {
	local pos try io sqlt
	for try in 1 2 3 4 5; do
		wait_replica 30 || return 1
		pos=$(qr 'select @@global.gtid_binlog_pos') || return 1
		mysql_master -e "set global gtid_slave_pos = '$pos';
			change master to master_host = '$WISP_REPLICA_HOST',
			  master_port = $WISP_REPLICA_PORT, master_user = 'repl',
			  master_password = 'repl', master_use_gtid = slave_pos;
			start slave" && break
		note "setting up master-master failed (try $try)"
		sleep 1
	done
	# Running, and with a log file. The file is known once an event comes
	# from the replica (until then gh-ost's walk, and ours, sees no
	# replica): one of the master's own, back from the replica.
	mysql_master -e "create table $1.ping (i int); drop table $1.ping" || return 1
	for try in $(seq 50); do
		io=$(slave_field master Slave_IO_Running)
		sqlt=$(slave_field master Slave_SQL_Running)
		[ "$io" = Yes ] && [ "$sqlt" = Yes ] &&
			[ -n "$(slave_field master Master_Log_File)" ] && return 0
		sleep 0.2
	done
	fail "the master does not replicate from the replica (io $io, sql $sqlt)"
}

case_1_master_master() {
	local db=wisp_topo_1 sum args
	setup_table "$db" 2000 || return 1
	sum=$(checksum "$db")
	make_master_master "$db" || return 1
	note "master-master: $(slave_field master Master_Host):$(slave_field master Master_Port)"

	mapfile -t args < <(wisp_args "$db")
	run_wisp refused "${args[@]}"
	expect_refusal "there seems to be a master-master setup at $WISP_MASTER_HOST:$WISP_MASTER_PORT. This is unsupported. Bailing out" ||
		return 1
	no_helpers "$db" || return 1

	run_wisp allowed-alone "${args[@]}" --allow-master-master
	expect_refusal "it seems like this migration attempt to run directly on master" || return 1
	no_helpers "$db" || return 1

	# The replica now has a replica: --switch-to-rbr must not touch it.
	mysql_replica -e "set global binlog_format = 'STATEMENT'" || return 1
	run_wisp switch "${args[@]}" --allow-master-master --switch-to-rbr \
		--assume-master-host="$WISP_MASTER_HOST:$WISP_MASTER_PORT"
	mysql_replica -e "set global binlog_format = 'ROW'" || return 1
	expect_refusal "$WISP_REPLICA_HOST:$WISP_REPLICA_PORT has STATEMENT binlog_format, but I'm too scared to change it to ROW because it has replicas. Bailing out" ||
		return 1
	[ "$(qr 'select @@global.binlog_format')" = ROW ] || fail "binlog_format not restored" ||
		return 1

	run_wisp migrate "${args[@]}" --allow-master-master --execute --verbose \
		--assume-master-host="$WISP_MASTER_HOST:$WISP_MASTER_PORT"
	expect_done || return 1
	grep -qF "Master forced to be $WISP_MASTER_HOST:$WISP_MASTER_PORT" "$wisp_log" ||
		fail "no 'Master forced to be'" || return 1
	check_migrated "$db" "$sum" || return 1
	[ "$(slave_field master Slave_SQL_Running)" = Yes ] ||
		fail "the master's replication from the replica broke" || return 1
	summary="refused at the co-master, walk stopped on the inspected server, switch refused, migrated with --assume-master-host"
}

# ---- 2: switch-to-rbr ----

case_2_switch_to_rbr() {
	local db=wisp_topo_2 sum args io sqlt dump file pos events
	setup_table "$db" 2000 || return 1
	sum=$(checksum "$db")
	mysql_replica -e "set global binlog_format = 'STATEMENT'; stop slave; start slave" ||
		return 1
	mapfile -t args < <(wisp_args "$db")

	run_wisp refused "${args[@]}"
	expect_refusal "you must be using ROW binlog format. I can switch it for you, provided --switch-to-rbr and that $WISP_REPLICA_HOST:$WISP_REPLICA_PORT doesn't have replicas" ||
		return 1
	no_helpers "$db" || return 1
	run_wisp exclusive "${args[@]}" --switch-to-rbr --assume-rbr
	expect_refusal "--switch-to-rbr and --assume-rbr are mutually exclusive" || return 1
	[ "$(qr 'select @@global.binlog_format')" = STATEMENT ] ||
		fail "the refusals changed binlog_format" || return 1

	# The replica's I/O thread, as the master sees it: wisp restarts only
	# the SQL thread, so this connection must outlive the migration.
	dump=$(qm "select id from information_schema.processlist where command like 'Binlog Dump%' order by id")
	[ -n "$dump" ] || fail "no binlog dump thread on the master" || return 1
	run_wisp migrate "${args[@]}" --switch-to-rbr --execute --verbose
	expect_done || return 1
	grep -qF "$WISP_REPLICA_HOST:$WISP_REPLICA_PORT has STATEMENT binlog_format. I will change it to ROW, and will NOT change it back, even in the event of failure." \
		"$wisp_log" || fail "no 'I will change it to ROW'" || return 1
	grep -qF "Restarting replication on" "$wisp_log" ||
		fail "replication was not restarted" || return 1
	[ "$(qr 'select @@global.binlog_format')" = ROW ] ||
		fail "binlog_format is $(qr 'select @@global.binlog_format'), not ROW" || return 1
	io=$(slave_field replica Slave_IO_Running) sqlt=$(slave_field replica Slave_SQL_Running)
	[ "$io" = Yes ] && [ "$sqlt" = Yes ] ||
		fail "replication not running after the switch (io $io, sql $sqlt)" || return 1
	check_migrated "$db" "$sum" || return 1
	[ "$(qm "select id from information_schema.processlist where command like 'Binlog Dump%' order by id")" = "$dump" ] ||
		fail "the replica's I/O thread reconnected (binlog dump thread $dump before)" ||
		return 1
	# What the restart is for: the SQL thread now logs in ROW format even
	# what the master wrote as a statement.
	read -r file pos _ < <(qr 'show master status')
	mysql_master -e "set session binlog_format = 'STATEMENT';
		insert into $db.t (a, b) values (7, 'statement')" || return 1
	wait_replica 60 || return 1
	events=$(qr "show binlog events in '$file' from $pos" | cut -f3)
	grep -q '^Write_rows' <<<"$events" ||
		fail "the replica logged the master's statement as: $(echo $events)" || return 1
	summary="refused, exclusive with --assume-rbr, switched to ROW (the SQL thread restarted, the I/O thread kept) and migrated"
}

# ---- 3: cloud ----

case_3_cloud() {
	local db=wisp_topo_3 args pp flag
	setup_table "$db" 100 || return 1
	pp=$(free_port $((WISP_REPLICA_PORT + 1100))) || fail "no free port" || return 1
	socat "TCP-LISTEN:$pp,bind=127.0.0.1,reuseaddr,fork" \
		"TCP:$WISP_REPLICA_HOST:$WISP_REPLICA_PORT" 2>/dev/null &
	proxy_pid=$!
	for _ in $(seq 50); do
		(exec 3<>"/dev/tcp/127.0.0.1/$pp") 2>/dev/null && break
		sleep 0.1
	done
	note "proxy 127.0.0.1:$pp -> replica"
	mapfile -t args < <(wisp_args "$db" --host=127.0.0.1 --port="$pp" --verbose)

	run_wisp refused "${args[@]}"
	expect_refusal "unexpected database port reported: $WISP_REPLICA_PORT" || return 1
	no_helpers "$db" || return 1
	for flag in aliyun-rds gcp azure; do
		run_wisp "$flag" "${args[@]}" --"$flag"
		expect_done || return 1
		grep -qF "inspector connection validated on 127.0.0.1:$pp" "$wisp_log" ||
			fail "--$flag: no 'inspector connection validated on 127.0.0.1:$pp'" ||
			return 1
		grep -qF "Inspector initiated on 127.0.0.1:$pp," "$wisp_log" ||
			fail "--$flag: the inspector is not known as 127.0.0.1:$pp" || return 1
		no_helpers "$db" || return 1
	done
	summary="port mismatch refused; --aliyun-rds, --gcp, --azure pass as 127.0.0.1:$pp"
}

# ---- 4: tungsten ----

case_4_tungsten() {
	local db=wisp_topo_4 args
	setup_table "$db" 100 || return 1
	mapfile -t args < <(wisp_args "$db" --verbose --tungsten \
		--assume-master-host="$WISP_MASTER_HOST:$WISP_MASTER_PORT")
	run_wisp noop "${args[@]}"
	expect_done || return 1
	grep -qF "Master forced to be $WISP_MASTER_HOST:$WISP_MASTER_PORT" "$wisp_log" ||
		fail "no 'Master forced to be'" || return 1
	no_helpers "$db" || return 1
	summary="noop with the master forced"
}

# ---- 5: statsd ----

# expect_line REGEX: some line of the received metrics matches ^REGEX$.
expect_line() {
	grep -qE -- "^$1\$" "$received" || fail "no metric line matching ^$1\$" || return 1
}

case_5_statsd() {
	local db=wisp_topo_5 args up sum i tags='team:db,app:wisp-test' g bad last
	received=$casedir/statsd.txt
	setup_table "$db" 20000 || return 1
	sum=$(checksum "$db")
	up=$(free_port $((WISP_REPLICA_PORT + 1300))) || fail "no free port" || return 1
	: >"$received"
	socat -u "UDP-RECV:$up,bind=127.0.0.1" "OPEN:$received,creat,append" 2>/dev/null &
	udp_pid=$!
	sleep 0.2
	kill -0 "$udp_pid" 2>/dev/null || fail "cannot listen on UDP port $up" || return 1
	touch "$casedir/postpone.flag"
	mapfile -t args < <(wisp_args "$db" --execute --verbose --chunk-size=200 \
		--nice-ratio=1 --statsd-addr="127.0.0.1:$up" --statsd-tags=team:db \
		--statsd-tags app:wisp-test --runtime-metrics-interval=1 \
		--postpone-cut-over-flag-file="$casedir/postpone.flag" \
		--throttle-flag-file="$casedir/throttle.flag")
	start_wisp wisp "${args[@]}"
	wait_log "Postponing cut-over" 60 || return 1
	# Writes while postponed, applied from the binlog.
	for i in $(seq 30); do
		mysql_master -e "insert into $db.t (a, b) values ($i, 'while postponed')" ||
			return 1
	done
	sum=$(checksum "$db")
	# A throttled interval, from the flag file.
	touch "$casedir/throttle.flag"
	sleep 2.5
	rm -f "$casedir/throttle.flag"
	sleep 4
	# More than 5 s in: the periodic flush sent something already.
	[ -s "$received" ] || fail "nothing received while wisp was running" || return 1
	note "received while running: $(wc -l <"$received") lines"
	rm -f "$casedir/postpone.flag"
	wait_wisp 60
	sleep 0.3
	kill "$udp_pid" 2>/dev/null
	expect_done || return 1
	check_migrated "$db" "$sum" || return 1

	expect_line "gh_ost\.startup:1\|c\|#$tags" || return 1
	for g in row_copy.rows_copied row_copy.rows_estimate dml.events_applied \
		binlog.backlog_size binlog.backlog_capacity binlog.backlog_utilization \
		throttle.active go_runtime.alloc_bytes go_runtime.sys_bytes \
		go_runtime.heap_inuse_bytes go_runtime.num_gc go_runtime.gc_pause_total_ns \
		go_runtime.goroutines; do
		expect_line "gh_ost\.${g//./\\.}:[0-9.]+\|g\|#$tags" || return 1
	done
	for g in replication heartbeat; do
		expect_line "gh_ost\.lag\.${g}_seconds:[0-9.]+\|g\|#$tags,throttled:false" || return 1
	done
	expect_line "gh_ost\.lag\.heartbeat_seconds:[0-9.]+\|g\|#$tags,throttled:true" || return 1
	# (throttle.active:1 may be overwritten by 0 within the same 5 s.)
	expect_line "gh_ost\.throttle\.duration_milliseconds:[0-9]+\|h\|#$tags,reason:flag-file" ||
		return 1
	expect_line "gh_ost\.throttle\.events_total:1\|c\|#$tags,reason:flag-file" || return 1
	expect_line "gh_ost\.query\.duration_milliseconds:[0-9:]+\|h\|#$tags,side:source,kind:range_select,outcome:ok" ||
		return 1
	expect_line "gh_ost\.query\.duration_milliseconds:[0-9:]+\|h\|#$tags,side:target,kind:chunk_copy,outcome:ok" ||
		return 1
	expect_line "gh_ost\.query\.duration_milliseconds:[0-9:]+\|h\|#$tags,side:target,kind:binlog_apply,outcome:ok" ||
		return 1
	for g in magic_lock magic_rename unlock; do
		expect_line "gh_ost\.cut_over\.phase_duration_milliseconds:[0-9]+\|h\|#$tags,phase:$g,outcome:success" ||
			return 1
	done
	expect_line "gh_ost\.cut_over\.attempts_total:1\|c\|#$tags,outcome:success" || return 1
	expect_line "gh_ost\.cut_over\.total_duration_milliseconds:[0-9]+\|h\|#$tags,outcome:success" ||
		return 1
	for g in cut_over_postpone chunk_throttle; do
		expect_line "gh_ost\.sleep\.duration_milliseconds:[0-9:]+\|h\|#$tags,stage:$g" || return 1
		expect_line "gh_ost\.sleep\.total_milliseconds:[0-9]+\|c\|#$tags,stage:$g" || return 1
	done
	# Every line well formed; the last gauges right.
	bad=$(grep -vcE "^gh_ost\.[a-z_.]+:-?[0-9.]+(:-?[0-9.]+)*\|(g|c|h)(\|@[0-9.]+)?\|#$tags(,[a-z_]+:[^,|]+)*\$" "$received")
	[ "$bad" = 0 ] || fail "$bad malformed lines, e.g. $(grep -vE "^gh_ost\." "$received" | head -n 1)" ||
		return 1
	last=$(grep '^gh_ost\.row_copy\.rows_copied:' "$received" | tail -n 1 | sed 's/^[^:]*:\([0-9]*\)|.*/\1/')
	[ "$last" = 20000 ] || fail "last rows_copied is $last, not 20000" || return 1
	last=$(grep '^gh_ost\.dml\.events_applied:' "$received" | tail -n 1 | sed 's/^[^:]*:\([0-9]*\)|.*/\1/')
	[ "$last" -ge 30 ] || fail "last dml.events_applied is $last, less than 30" || return 1
	grep -qE "^gh_ost\.go_runtime\.goroutines:([2-9]|[1-9][0-9]+)\|" "$received" ||
		fail "go_runtime.goroutines never counted the binlog thread" || return 1
	summary="$(wc -l <"$received") lines, every expected metric, tagged $tags"
}

# ---- 6: stack ----

case_6_stack() {
	local db=wisp_topo_6 args
	setup_table "$db" 2000 || return 1
	mapfile -t args < <(wisp_args "$db")

	run_wisp failure "${args[@]}" --table=no_such_table --stack
	expect_refusal "cannot find table \`$db\`.\`no_such_table\`!" || return 1
	grep -A1 -F " FATAL cannot find table" "$casedir/failure.err" |
		grep -qF "stack trace (most recent call first):" ||
		fail "no stack trace right after the FATAL line" || return 1
	grep -qF "(migrator_run+" "$casedir/failure.err" ||
		fail "the stack does not name migrator_run" || return 1
	run_wisp failure-quiet "${args[@]}" --table=no_such_table
	expect_refusal "cannot find table" || return 1
	grep -qF "stack trace" "$wisp_log" && fail "a stack trace without --stack" && return 1

	# A crash while the cut-over is postponed.
	touch "$casedir/postpone.flag"
	mapfile -t args < <(wisp_args "$db" --execute --stack \
		--postpone-cut-over-flag-file="$casedir/postpone.flag")
	start_wisp crash "${args[@]}"
	wait_log "State: postponing cut-over" 60 || return 1
	kill -SEGV "$wisp_pid"
	wait_wisp 20
	[ "$wisp_rc" -eq 139 ] || fail "exit status $wisp_rc after SIGSEGV, expected 139" ||
		return 1
	grep -qF "FATAL caught signal SIGSEGV" "$wisp_log" ||
		fail "no 'FATAL caught signal SIGSEGV'" || return 1
	grep -A1 -F "FATAL caught signal SIGSEGV" "$wisp_log" |
		grep -qF "stack trace (most recent call first):" || fail "no stack after the signal" ||
		return 1
	grep -qF "(event_base_loop+" "$wisp_log" || fail "the stack lacks the event loop" ||
		return 1
	has_column_z "$db" t && fail "t was swapped" && return 1
	qm "drop table if exists $db._t_gho, $db._t_ghc" || return 1
	rm -f "$casedir/wisp.sock"	# a crash leaves it

	start_wisp crash-quiet "${args[@]/--stack/--verbose}"
	wait_log "State: postponing cut-over" 60 || return 1
	kill -SEGV "$wisp_pid"
	wait_wisp 20
	[ "$wisp_rc" -eq 139 ] || fail "exit status $wisp_rc after SIGSEGV, expected 139" ||
		return 1
	grep -qE "caught signal|stack trace" "$wisp_log" &&
		fail "a stack trace without --stack" && return 1
	has_column_z "$db" t && fail "t was swapped" && return 1
	qm "drop table if exists $db._t_gho, $db._t_ghc"
	summary="stack after FATAL and after SIGSEGV with --stack, none without"
}

# ---- 7: log levels ----

# levels NAME: which levels the last run printed on stderr, as "I W D".
levels() {
	local f=$casedir/$1.err l out=
	for l in INFO WARNING DEBUG; do
		grep -qE "^[0-9-]+ [0-9:]+ $l " "$f" && out="$out${l:0:1}"
	done
	echo "${out:--}"
}

case_7_log_levels() {
	local db=wisp_topo_7 args got want name flags
	setup_table "$db" 100 || return 1
	mapfile -t args < <(wisp_args "$db")
	# name, expected levels, flags
	while read -r name want flags; do
		# shellcheck disable=SC2086 # flags are words
		run_wisp "$name" "${args[@]}" $flags
		expect_done || return 1
		got=$(levels "$name")
		[ "$got" = "$want" ] || fail "$name ($flags): levels '$got', expected '$want'" ||
			return 1
	done <<-EOF
		default - 
		verbose I --verbose
		debug ID --debug
		quiet-debug - --quiet --debug
		verbose-quiet - --verbose --quiet
	EOF
	run_wisp quiet-failure "${args[@]}" --table=no_such_table --quiet
	expect_refusal "cannot find table" || return 1
	grep -qE " FATAL cannot find table" "$casedir/quiet-failure.err" ||
		fail "--quiet hid the FATAL line" || return 1
	summary="default errors only, --verbose INFO, --debug DEBUG, --quiet wins"
}

if [ -n "$case_name" ]; then
	wisp_pid=
	proxy_pid=
	udp_pid=
	summary=
	# shellcheck disable=SC2317 # the EXIT trap
	case_exit() {
		[ -n "${wisp_pid:-}" ] && kill -KILL "$wisp_pid" 2>/dev/null
		[ -n "${proxy_pid:-}" ] && kill "$proxy_pid" 2>/dev/null
		[ -n "${udp_pid:-}" ] && kill "$udp_pid" 2>/dev/null
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
# The parent: run every case under a timeout, put the servers back.
# ============================================================================

if [ ! -x "$wisp_binary" ] || [ -d "$wisp_binary" ]; then
	die "wisp binary not found: $wisp_binary (run make, or pass -b)"
fi
[ "$(mysql_master -N -e 'select 1' 2>&1)" = 1 ] ||
	die "cannot reach the master at $WISP_MASTER_HOST:$WISP_MASTER_PORT (script/sandbox start?)"
[ "$(mysql_replica -N -e 'select 1' 2>&1)" = 1 ] ||
	die "cannot reach the replica at $WISP_REPLICA_HOST:$WISP_REPLICA_PORT (script/sandbox start?)"

workdir=$(mktemp -d "${TMPDIR:-/tmp}/wisp-topology.XXXXXX") ||
	die "cannot create a temporary directory"
passed=0
failed=0
child_pid=
orig_format=$(qr 'select @@global.binlog_format')
[ -n "$(slave_field master Master_Host)" ] &&
	die "the master replicates from somewhere already; not a fresh sandbox"

# The sandbox as it was: the master replicates from nobody, the replica has
# its binlog_format and runs its replication.
restore_servers() {
	if [ -n "$(slave_field master Master_Host)" ]; then
		mysql_master -e 'stop slave; reset slave all' >/dev/null 2>&1 ||
			echo "topology: could not remove the master's replication" >&2
	fi
	[ "$(qr 'select @@global.binlog_format')" = "$orig_format" ] ||
		mysql_replica -e "set global binlog_format = '$orig_format'; stop slave; start slave" \
			>/dev/null 2>&1 ||
		echo "topology: could not restore binlog_format on the replica" >&2
	if [ "$(slave_field replica Slave_IO_Running)" != Yes ] ||
		[ "$(slave_field replica Slave_SQL_Running)" != Yes ]; then
		mysql_replica -e 'start slave' >/dev/null 2>&1 ||
			echo "topology: could not restart replication on the replica" >&2
	fi
}

# shellcheck disable=SC2317 # the EXIT trap
finish() {
	[ -n "$child_pid" ] && kill -KILL -- "-$child_pid" 2>/dev/null
	restore_servers
	if [ "$failed" -eq 0 ]; then
		rm -rf "$workdir"
	else
		echo "# logs: $workdir"
	fi
}
trap finish EXIT
trap 'exit 130' INT TERM

# run_case NAME TIMEOUT-S DB
run_case() {
	run_case_child "$1" "$2" || return 0
	restore_servers
	mysql_master -e "drop database if exists $3" >/dev/null 2>&1 ||
		echo "topology: could not drop database $3" >&2
}

all_start=$(date +%s)
run_case 1-master-master 120 wisp_topo_1
run_case 2-switch-to-rbr 90 wisp_topo_2
run_case 3-cloud 60 wisp_topo_3
run_case 4-tungsten 60 wisp_topo_4
run_case 5-statsd 120 wisp_topo_5
run_case 6-stack 90 wisp_topo_6
run_case 7-log-levels 60 wisp_topo_7

echo "# total $(($(date +%s) - all_start))s"
echo "topology: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
