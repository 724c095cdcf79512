# Sourced by localtests/test.sh (see its header for the case API).
extra_args="--attempt-instant-ddl --alter='add column note varchar(10)'
	--test-on-replica=false --migrate-on-replica"
extra_args=$(tr '\n' ' ' <<<"$extra_args")
build_wisp_command
run_wisp
validate_expected_failure || exit 1
grep -q 'Success! table `test`.`gh_ost_test` migrated instantly' "$test_logfile" ||
	fail_case "no instant success in the log" || exit 1
note_columns() {
	"$1" -ss -e "select count(*) from information_schema.columns where table_schema = 'test'
		and table_name = 'gh_ost_test' and column_name = 'note'"
}
[ "$(note_columns mysql_replica)" = 1 ] || fail_case "the replica's table was not altered" || exit 1
[ "$(note_columns mysql_master)" = 0 ] || fail_case "the master's table was altered" || exit 1
left=$(leftover_helper_tables mysql_replica)
[ -z "$left" ] || fail_case "helper tables left on the replica: $left" || exit 1
