# Sourced by localtests/test.sh (see its header for the case API).
mysql_master test -e "begin; select count(*) from gh_ost_test; select sleep(4); commit" \
	>/dev/null 2>&1 &
holder=$!
sleep 0.5
extra_args="--attempt-instant-ddl --alter='add column note varchar(10)'
	--host=$master_host --port=$master_port --allow-on-master
	--test-on-replica=false --cut-over-lock-timeout-seconds=1"
extra_args=$(tr '\n' ' ' <<<"$extra_args")
build_wisp_command
run_wisp
wait "$holder"
validate_expected_failure || exit 1
grep -q "Retrying after lock wait timeout (attempt 2/3)" "$test_logfile" ||
	fail_case "no retry after the lock wait timeout" || exit 1
grep -q 'Success! table `test`.`gh_ost_test` migrated instantly' "$test_logfile" ||
	fail_case "no instant success in the log" || exit 1
n=$(mysql_master -ss test -e "select count(*) from information_schema.columns
	where table_schema = 'test' and table_name = 'gh_ost_test' and column_name = 'note'")
[ "$n" = 1 ] || fail_case "table not altered" || exit 1
