# Sourced by localtests/test.sh (see its header for the case API).
extra_args="--attempt-instant-ddl --alter='modify column i bigint not null'
	--host=$master_host --port=$master_port --allow-on-master
	--test-on-replica=false --ok-to-drop-table"
extra_args=$(tr '\n' ' ' <<<"$extra_args")
build_wisp_command
run_wisp
validate_expected_failure || exit 1
grep -q "ALGORITHM=INSTANT not supported for this operation, proceeding with original algorithm: Error 1846" \
	"$test_logfile" || fail_case "no fallback in the log" || exit 1
type=$(mysql_master -ss test -e "select column_type from information_schema.columns
	where table_schema = 'test' and table_name = 'gh_ost_test' and column_name = 'i'")
[ "$type" = "bigint(20)" ] || fail_case "i is $type, not bigint(20)" || exit 1
[ "$(mysql_master -ss test -e 'select count(*), sum(i) from gh_ost_test')" = "2000	2001000" ] ||
	fail_case "rows changed: $(mysql_master -ss test -e 'select count(*), sum(i) from gh_ost_test')" || exit 1
left=$(leftover_helper_tables mysql_master)
[ -z "$left" ] || fail_case "helper tables left on the master: $left" || exit 1
