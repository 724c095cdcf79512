#!/bin/bash
#
# test/integration/tls.sh [-b binary] [filter-regex]
#
# TLS and the connection charset (--ssl, --ssl-ca, --ssl-cert, --ssl-key,
# --ssl-allow-insecure, --charset) against a sandbox of its own started with
# `script/sandbox start --tls`: its gh-ost user REQUIRES SSL on both
# servers, so any connection wisp made without TLS (inspector, applier,
# streamer, heartbeat, copy, lag, throttler, cut-over sessions, and the
# binlog reader's own connection) would be refused and fail the run.
#
#   1-plain-refused      the premise: the mariadb client without TLS is
#                        refused as gh-ost and accepted with it; wisp
#                        without --ssl fails with "Access denied"
#   2-execute-verified   --ssl --ssl-ca: a full --execute migration under
#                        writes (the same change to t and to an untouched
#                        twin in one transaction); t equals the twin after
#                        the swap (count and checksum), column z added; a
#                        throttle-query function records the session's
#                        Ssl_cipher and charset server-side (TLS, utf8mb4);
#                        the binlog reader reports its TLS connection
#   3-wrong-ca           --ssl-ca of another CA: one FATAL line with the TLS
#                        error, exit 1 within seconds, nothing left behind
#   4-system-cas         --ssl without --ssl-ca: the system's CAs do not
#                        know the sandbox's, so the same refusal
#   5-insecure           --ssl-allow-insecure with that other CA: runs
#   6-client-cert        a user that REQUIRES X509: refused without a
#                        client certificate, runs with --ssl-cert/--ssl-key
#   7-charset-latin1     --charset=latin1: every sampled session has
#                        character_set_client (and _results) latin1, and a
#                        migration with non-latin1 text written meanwhile
#                        still equals its twin
#   8-charset-fallback   --charset=utf32,latin1: the server refuses utf32 for
#                        a client, so the sessions settle on latin1
#   8b-charset-key       --charset=latin1 on a table whose key is utf8mb4
#                        text: refused (key values would come back as '?'),
#                        nothing left behind
#   9-host-name          the replica's certificate swapped (FLUSH SSL) for
#                        one of the same CA but another host name: refused
#                        ("Validation of SSL server certificate failed");
#                        --ssl-allow-insecure runs. Restored afterwards
#
# Environment:
#   WISP_TLS_MASTER_PORT, WISP_TLS_REPLICA_PORT   the sandbox's ports
#                        (default: WISP_MASTER_PORT + 2 and + 3, i.e.
#                        23308/23309 without it)
#   WISP_TLS_SANDBOX_DIR the sandbox's directory (default: one in the
#                        suite's temporary directory); stopped at the end
#   WISP_TLS_KEEP=1      keep the log directory even when everything passed
#
# The last line is "tls: N passed, N failed"; the exit status is non-zero
# when a case failed. Each case runs under a timeout in a process group of
# its own, killed with it. About a minute, most of it starting the sandbox.

set -uo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
self="$repo_root/test/integration/tls.sh"
# shellcheck source=test/integration/lib.sh
. "$repo_root/test/integration/lib.sh"
wisp_binary=${WISP_BINARY:-$repo_root/bin/wisp}
alter="add column z int not null default 42"

suite_options "$@"

client=$(command -v mariadb || command -v mysql) ||
	die "mariadb client not found (run script/bootstrap)"
command -v openssl >/dev/null 2>&1 || die "openssl not found (run script/bootstrap)"

# ---- helpers of both sides (the child gets the sandbox from the parent) ----

# Load the sandbox's addresses and TLS files (WISP_SSL_CA, ...).
load_sandbox_env() {
	eval "$("$repo_root/script/sandbox" env "$tls_sandbox")" ||
		die "script/sandbox env $tls_sandbox failed"
	[ -n "${WISP_SSL_CA:-}" ] || die "the sandbox in $tls_sandbox has no TLS"
}

# root on the unix socket of the master / the replica (no TLS needed).
mysql_master() {
	"$client" --no-defaults --socket="$tls_sandbox/master/mariadbd.sock" --user=root "$@"
}
mysql_replica() {
	"$client" --no-defaults --socket="$tls_sandbox/replica/mariadbd.sock" --user=root "$@"
}
qm() { mysql_master --batch --skip-column-names -e "$1"; }
qr() { mysql_replica --batch --skip-column-names -e "$1"; }

# gh-ost over TCP to the replica, with the client's TLS options in "$@".
ghost_replica() {
	"$client" --no-defaults --protocol=TCP --host="$WISP_REPLICA_HOST" \
		--port="$WISP_REPLICA_PORT" --user="$WISP_USER" --password="$WISP_PASSWORD" \
		--batch --skip-column-names "$@"
}

now_ms() {
	local t=${EPOCHREALTIME/[.,]/}
	echo $((t / 1000))
}

# ============================================================================
# The case side: runs in a child started with --case, output in case.log.
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

# setup_db DB ROWS: database DB with t and its twin holding the same ROWS
# rows (b has non-ASCII text), and the probe: seen(...) filled by record(),
# which --throttle-query calls on wisp's throttler session on the master
# (see probe_query: a routine runs with the character_set_client of its
# creation, so the session's charsets come in as arguments).
setup_db() {
	local db=$1 n=$2
	mysql_master <<EOF || fail "cannot create $db" || return 1
drop database if exists $db;
create database $db;
use $db;
create table t (
  id bigint not null auto_increment,
  a int not null default 0,
  b varchar(64) character set utf8mb4 not null default '',
  primary key (id)
) engine=innodb;
insert into t (id, a, b) select seq, seq % 1000, concat('row-é-', seq) from seq_1_to_$n;
create table twin like t;
insert into twin select * from t;
create table seen (
  id int not null auto_increment primary key,
  cs_client varchar(64), cs_results varchar(64), cipher varchar(128)
);
delimiter //
create function record(c varchar(64), r varchar(64)) returns int
  deterministic modifies sql data
begin
  insert into seen (cs_client, cs_results, cipher)
    select c, r, variable_value from information_schema.session_status
      where variable_name = 'Ssl_cipher';
  return 0;
end //
delimiter ;
EOF
	wait_replica 60
}

# The throttle query that records the session it runs on.
probe_query() {
	echo "select $1.record(@@session.character_set_client, @@session.character_set_results)"
}

# Count and checksum of t's (or the twin's) original columns.
checksum() {
	qm "select count(*), coalesce(bit_xor(crc32(concat_ws('#', id, a, b))), 0) from $1.$2"
}

# Helper tables of a run on the master ("" when none).
leftovers() {
	qm "select group_concat(table_name order by table_name) from information_schema.tables
		where table_schema = '$1' and table_name in ('_t_gho', '_t_ghc', '_t_del')" |
		sed 's/^NULL$//'
}

# The flags of every run: through the replica, on database $1.
wisp_args() {
	local db=$1
	shift
	printf '%s\n' --user="$WISP_USER" --password="$WISP_PASSWORD" \
		--host="$WISP_REPLICA_HOST" --port="$WISP_REPLICA_PORT" \
		--database="$db" --table=t --alter="$alter" \
		--serve-socket-file="$casedir/wisp.sock" \
		--throttle-additional-flag-file="$casedir/no-such-flag" "$@"
}

# run_wisp NAME LIMIT-S ARGS...: run wisp to its end; sets wisp_rc,
# wisp_log and wisp_ms.
run_wisp() {
	local name=$1 limit=$2 start
	shift 2
	wisp_log=$casedir/$name.log
	printf '%q ' "$wisp_binary" "$@" >"$wisp_log.cmd"
	start=$(now_ms)
	timeout -k 5 "$limit" "$wisp_binary" "$@" >"$wisp_log" 2>&1 </dev/null
	wisp_rc=$?
	wisp_ms=$(($(now_ms) - start))
	note "wisp ($name) exited with $wisp_rc after $wisp_ms ms"
}

# expect_ok NAME LIMIT ARGS...: the run succeeds.
expect_ok() {
	local name=$1
	run_wisp "$@"
	[ "$wisp_rc" -eq 0 ] ||
		fail "$name: wisp exited with $wisp_rc: $(grep -m1 FATAL "$wisp_log")"
}

# expect_refusal NAME TEXT DB ARGS...: the run fails within 20 s with one
# FATAL line containing TEXT, and leaves no helper table in DB.
expect_refusal() {
	local name=$1 text=$2 db=$3 nfatal left
	shift 3
	run_wisp "$name" 30 "$@"
	[ "$wisp_rc" -ne 0 ] && [ "$wisp_rc" -lt 124 ] ||
		fail "$name: expected a refusal, wisp exited with $wisp_rc" || return 1
	nfatal=$(grep -c FATAL "$wisp_log")
	[ "$nfatal" -eq 1 ] || fail "$name: $nfatal FATAL lines, expected one" || return 1
	grep FATAL "$wisp_log" | grep -qF -- "$text" ||
		fail "$name: the FATAL line lacks '$text': $(grep FATAL "$wisp_log")" || return 1
	[ "$wisp_ms" -le 20000 ] || fail "$name: took $wisp_ms ms" || return 1
	left=$(leftovers "$db")
	[ -z "$left" ] || fail "$name: left behind on the master: $left" || return 1
	note "$name refused: $(grep FATAL "$wisp_log" | sed 's/^.*FATAL //')"
}

# start_writer DB: the same change to t and twin, one transaction each,
# until stop_writer; text with characters latin1 does not have.
start_writer() {
	local db=$1
	writer_stop=$casedir/writer.stop
	rm -f "$writer_stop"
	(
		i=0
		while [ ! -e "$writer_stop" ]; do
			i=$((i + 1))
			k=$((i * 7 % 2000 + 1))
			printf 'begin;\n'
			printf "insert into t (id, a, b) values (%d, %d, 'ins-日本-ł-%d');\n" $((100000 + i)) "$i" "$i"
			printf "insert into twin (id, a, b) values (%d, %d, 'ins-日本-ł-%d');\n" $((100000 + i)) "$i" "$i"
			printf "update t set a = a + 1, b = concat('upd-€-', %d) where id = %d;\n" "$i" "$k"
			printf "update twin set a = a + 1, b = concat('upd-€-', %d) where id = %d;\n" "$i" "$k"
			printf 'delete from t where id = %d;\n' $((k + 3000))
			printf 'delete from twin where id = %d;\n' $((k + 3000))
			printf 'commit;\n'
			sleep 0.02
		done
		echo "$i" >"$casedir/writer.count"
	) | mysql_master --default-character-set=utf8mb4 "$db" >"$casedir/writer.log" 2>&1 &
	writer_pid=$!
}

stop_writer() {
	touch "$writer_stop"
	wait "$writer_pid"
	writer_pid=
	note "writer: $(cat "$casedir/writer.count" 2>/dev/null) transactions"
	[ -s "$casedir/writer.log" ] && fail "the writer failed: $(head -n 3 "$casedir/writer.log")" && return 1
	return 0
}

# migrate_under_writes DB NAME ARGS...: migrate t while the writer runs;
# then t equals twin and has z, the old table is _t_del.
migrate_under_writes() {
	local db=$1 name=$2 want got
	shift 2
	start_writer "$db"
	sleep 0.5
	mapfile -t args < <(wisp_args "$db" --execute --chunk-size=200 --nice-ratio=1 "$@")
	run_wisp "$name" 60 "${args[@]}"
	sleep 0.5
	stop_writer || return 1
	[ "$wisp_rc" -eq 0 ] ||
		fail "$name: wisp exited with $wisp_rc: $(grep -m1 FATAL "$wisp_log")" || return 1
	[ "$(qm "select count(*) from information_schema.columns where table_schema = '$db'
		and table_name = 't' and column_name = 'z'")" = 1 ] ||
		fail "$name: t has no column z after the swap" || return 1
	[ "$(leftovers "$db")" = _t_del ] ||
		fail "$name: expected only _t_del, found '$(leftovers "$db")'" || return 1
	want=$(checksum "$db" twin)
	got=$(checksum "$db" t)
	[ "$got" = "$want" ] ||
		fail "$name: t ($got) differs from its twin ($want)" || return 1
	note "$name: t equals its twin: $got"
}

# seen_sessions DB: the distinct "cs_client cs_results tls" samples.
seen_sessions() {
	qm "select distinct concat_ws(' ', cs_client, cs_results,
		if(cipher is not null and cipher <> '', 'tls', 'plain')) from $1.seen"
}

case_1_plain_refused() {
	local db=wisp_tls_1 out
	setup_db "$db" 100 || return 1
	out=$(ghost_replica --skip-ssl -e 'select 1' 2>&1) &&
		fail "gh-ost connected without TLS: $out" && return 1
	grep -q 'Access denied' <<<"$out" ||
		fail "a plain connection failed, but not with Access denied: $out" || return 1
	out=$(ghost_replica --ssl-ca="$WISP_SSL_CA" --ssl-verify-server-cert \
		-e "show session status like 'Ssl_cipher'" 2>&1) ||
		fail "gh-ost cannot connect with TLS: $out" || return 1
	mapfile -t args < <(wisp_args "$db")
	expect_refusal no-ssl "Access denied" "$db" "${args[@]}" || return 1
	summary="plain refused (client and wisp), TLS accepted ($(awk '{print $2}' <<<"$out"))"
}

case_2_execute_verified() {
	local db=wisp_tls_2 s
	setup_db "$db" 20000 || return 1
	migrate_under_writes "$db" wisp --ssl --ssl-ca="$WISP_SSL_CA" \
		--throttle-query="$(probe_query "$db")" --debug || return 1
	s=$(seen_sessions "$db")
	[ -n "$s" ] || fail "the throttle query never ran" || return 1
	[ "$s" = "utf8mb4 utf8mb4 tls" ] ||
		fail "sessions seen: '$s', expected 'utf8mb4 utf8mb4 tls'" || return 1
	grep -q 'binlog: connected to .*, TLS ' "$wisp_log" ||
		fail "the binlog reader did not report a TLS connection" || return 1
	summary="migrated under writes, t = twin, sessions: $s, binlog over TLS, wisp $((wisp_ms / 1000))s"
}

# A CA that did not sign the sandbox's certificates.
other_ca() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=not the sandbox CA" \
		-keyout "$casedir/other-key.pem" -out "$casedir/other-ca.pem" >/dev/null 2>&1 ||
		fail "openssl could not make a CA"
}

case_3_wrong_ca() {
	local db=wisp_tls_3
	setup_db "$db" 100 || return 1
	other_ca || return 1
	mapfile -t args < <(wisp_args "$db" --ssl --ssl-ca="$casedir/other-ca.pem" --execute)
	expect_refusal wrong-ca "TLS/SSL error: self-signed certificate in certificate chain" \
		"$db" "${args[@]}" || return 1
	summary="refused in $wisp_ms ms, nothing left"
}

case_4_system_cas() {
	local db=wisp_tls_4
	setup_db "$db" 100 || return 1
	mapfile -t args < <(wisp_args "$db" --ssl --execute)
	expect_refusal system-cas "TLS/SSL error: self-signed certificate in certificate chain" \
		"$db" "${args[@]}" || return 1
	summary="refused in $wisp_ms ms, nothing left"
}

case_5_insecure() {
	local db=wisp_tls_5
	setup_db "$db" 100 || return 1
	other_ca || return 1
	mapfile -t args < <(wisp_args "$db" --ssl --ssl-allow-insecure \
		--ssl-ca="$casedir/other-ca.pem")
	expect_ok insecure 60 "${args[@]}" || return 1
	[ -z "$(leftovers "$db")" ] || fail "the noop run left $(leftovers "$db")" || return 1
	summary="noop with an untrusted CA ran, wisp $((wisp_ms / 1000))s"
}

case_6_client_cert() {
	local db=wisp_tls_6 user=wisp_x509
	setup_db "$db" 100 || return 1
	mysql_master -e "drop user if exists '$user'@'%';
		create user '$user'@'%' identified by 'x509' require x509;
		grant all privileges on *.* to '$user'@'%'" ||
		fail "cannot create $user" || return 1
	wait_replica 30 || return 1
	mapfile -t args < <(wisp_args "$db" --user="$user" --password=x509 --ssl \
		--ssl-ca="$WISP_SSL_CA")
	expect_refusal no-cert "Access denied" "$db" "${args[@]}" || return 1
	expect_ok cert 60 "${args[@]}" --ssl-cert="$WISP_SSL_CERT" \
		--ssl-key="$WISP_SSL_KEY" || return 1
	summary="REQUIRE X509: refused without a certificate, noop ran with one"
}

case_7_charset_latin1() {
	local db=wisp_tls_7 s
	setup_db "$db" 5000 || return 1
	migrate_under_writes "$db" wisp --ssl --ssl-ca="$WISP_SSL_CA" --charset=latin1 \
		--throttle-query="$(probe_query "$db")" || return 1
	s=$(seen_sessions "$db")
	[ "$s" = "latin1 latin1 tls" ] ||
		fail "sessions seen: '$s', expected 'latin1 latin1 tls'" || return 1
	summary="sessions: $s; non-latin1 writes intact, wisp $((wisp_ms / 1000))s"
}

case_8_charset_fallback() {
	local db=wisp_tls_8 s
	setup_db "$db" 1000 || return 1
	mapfile -t args < <(wisp_args "$db" --execute --ssl --ssl-ca="$WISP_SSL_CA" \
		--charset=utf32,latin1 --throttle-query="$(probe_query "$db")")
	expect_ok fallback 60 "${args[@]}" || return 1
	s=$(seen_sessions "$db")
	[ "$s" = "latin1 latin1 tls" ] ||
		fail "sessions seen: '$s', expected 'latin1 latin1 tls'" || return 1
	summary="utf32 refused by the server, sessions: $s"
}

case_8b_charset_key() {
	local db=wisp_tls_8b
	mysql_master -e "drop database if exists $db; create database $db;
		create table $db.t (k varchar(20) character set utf8mb4 not null primary key,
		  a int not null default 0);
		insert into $db.t (k) values ('a'), ('ł'), ('日本')" ||
		fail "cannot create $db.t" || return 1
	wait_replica 30 || return 1
	mapfile -t args < <(wisp_args "$db" --execute --ssl --ssl-ca="$WISP_SSL_CA" \
		--charset=latin1)
	expect_refusal latin1-key \
		"column \`k\` is utf8mb4, which the connection's charset latin1 cannot carry" \
		"$db" "${args[@]}" || return 1
	[ "$(qm "select count(*) from $db.t")" = 3 ] || fail "t lost rows" || return 1
	summary="refused before the copy, nothing left"
}

# Put the replica's own certificate back.
restore_cert() {
	[ -f "$casedir/server-cert.orig" ] || return 0
	cp "$casedir/server-cert.orig" "$tls_sandbox/tls/server-cert.pem" &&
		cp "$casedir/server-key.orig" "$tls_sandbox/tls/server-key.pem" &&
		qr 'flush ssl' >/dev/null && rm -f "$casedir/server-cert.orig"
}

case_9_host_name() {
	local db=wisp_tls_9 d=$tls_sandbox/tls
	setup_db "$db" 100 || return 1
	(
		cd "$casedir" &&
			openssl req -newkey rsa:2048 -nodes -subj "/CN=wrong.example" \
				-keyout wrong-key.pem -out wrong.csr &&
			printf 'subjectAltName = DNS:wrong.example\n' >wrong.ext &&
			openssl x509 -req -in wrong.csr -CA "$d/ca.pem" -CAkey "$d/ca-key.pem" \
				-CAcreateserial -CAserial wrong.srl -days 2 -extfile wrong.ext \
				-out wrong-cert.pem
	) >"$casedir/openssl.log" 2>&1 || fail "openssl could not make the certificate" || return 1
	# Both servers read the same files: the master reloads nothing.
	cp "$d/server-cert.pem" "$casedir/server-cert.orig" &&
		cp "$d/server-key.pem" "$casedir/server-key.orig" || return 1
	trap restore_cert EXIT
	cp "$casedir/wrong-cert.pem" "$d/server-cert.pem" &&
		cp "$casedir/wrong-key.pem" "$d/server-key.pem" &&
		qr 'flush ssl' >/dev/null || fail "cannot reload the replica's certificate" || return 1
	mapfile -t args < <(wisp_args "$db" --ssl --ssl-ca="$WISP_SSL_CA")
	expect_refusal verified "Validation of SSL server certificate failed" "$db" \
		"${args[@]}" || return 1
	expect_ok insecure 60 "${args[@]}" --ssl-allow-insecure || return 1
	restore_cert || fail "could not restore the replica's certificate" || return 1
	ghost_replica --ssl-ca="$WISP_SSL_CA" --ssl-verify-server-cert -e 'select 1' >/dev/null ||
		fail "the restored certificate does not verify" || return 1
	summary="another host name refused, --ssl-allow-insecure ran"
}

if [ -n "$case_name" ]; then
	tls_sandbox=${WISP_TLS_SB:?}
	load_sandbox_env
	summary=
	writer_pid=
	# shellcheck disable=SC2317 # the EXIT trap
	case_exit() {
		[ -n "${writer_pid:-}" ] && touch "$writer_stop"
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
# The parent: start the TLS sandbox, run every case under a timeout, report.
# ============================================================================

if [ ! -x "$wisp_binary" ] || [ -d "$wisp_binary" ]; then
	die "wisp binary not found: $wisp_binary (run make, or pass -b)"
fi
master_port=${WISP_TLS_MASTER_PORT:-$((${WISP_MASTER_PORT:-23306} + 2))}
replica_port=${WISP_TLS_REPLICA_PORT:-$((master_port + 1))}

workdir=$(mktemp -d "${TMPDIR:-/tmp}/wisp-tls.XXXXXX") ||
	die "cannot create a temporary directory"
tls_sandbox=${WISP_TLS_SANDBOX_DIR:-$workdir/sb}
passed=0
failed=0
child_pid=
sandbox_started=false
all_start=$(date +%s)

# shellcheck disable=SC2317 # the EXIT trap
finish() {
	[ -n "$child_pid" ] && kill -KILL -- "-$child_pid" 2>/dev/null
	if [ "$sandbox_started" = true ]; then
		"$repo_root/script/sandbox" stop "$tls_sandbox" >/dev/null 2>&1 ||
			echo "tls: could not stop the sandbox in $tls_sandbox" >&2
		[ -n "${WISP_TLS_SANDBOX_DIR:-}" ] || rm -rf "$tls_sandbox"
	fi
	if [ "$failed" -eq 0 ] && [ "${WISP_TLS_KEEP:-0}" != 1 ]; then
		rm -rf "$workdir"
	else
		echo "# logs: $workdir"
	fi
}
trap finish EXIT
trap 'exit 130' INT TERM

for port in "$master_port" "$replica_port"; do
	if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
		die "port $port is in use (set WISP_TLS_MASTER_PORT/WISP_TLS_REPLICA_PORT)"
	fi
done
sandbox_started=true
if ! WISP_MASTER_PORT=$master_port WISP_REPLICA_PORT=$replica_port \
	WISP_SANDBOX_BUFFER_POOL=${WISP_SANDBOX_BUFFER_POOL:-64M} \
	"$repo_root/script/sandbox" start --tls "$tls_sandbox" >"$workdir/sandbox.log" 2>&1; then
	cat "$workdir/sandbox.log" >&2
	die "the TLS sandbox did not start"
fi
echo "# TLS sandbox on $master_port/$replica_port in $(($(date +%s) - all_start))s"
export WISP_TLS_SB=$tls_sandbox
load_sandbox_env

run_case() {
	local name=$1 limit=$2 db=$3
	run_case_child "$name" "$limit" || return 0
	[ "$case_rc" -ne 0 ] && [ "${WISP_TLS_KEEP:-0}" = 1 ] && return 0
	mysql_master -e "drop database if exists $db" >/dev/null 2>&1 ||
		echo "tls: could not drop database $db" >&2
}

run_case 1-plain-refused 60 wisp_tls_1
run_case 2-execute-verified 100 wisp_tls_2
run_case 3-wrong-ca 60 wisp_tls_3
run_case 4-system-cas 60 wisp_tls_4
run_case 5-insecure 60 wisp_tls_5
run_case 6-client-cert 90 wisp_tls_6
run_case 7-charset-latin1 100 wisp_tls_7
run_case 8-charset-fallback 90 wisp_tls_8
run_case 8b-charset-key 60 wisp_tls_8b
run_case 9-host-name 90 wisp_tls_9
# A case killed by its timeout could not put the certificate back.
if [ -f "$workdir/9-host-name/server-cert.orig" ]; then
	cp "$workdir/9-host-name/server-cert.orig" "$tls_sandbox/tls/server-cert.pem"
	cp "$workdir/9-host-name/server-key.orig" "$tls_sandbox/tls/server-key.pem"
	qr 'flush ssl' >/dev/null 2>&1
fi

echo "# total $(($(date +%s) - all_start))s"
echo "tls: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
