# Sourced by localtests/test.sh (see its header for the case API).
hooks_dir=$workdir/$test_name.hooks
mkdir -p "$hooks_dir"
printf '#!/bin/sh\necho "GH_OST_INSTANT_DDL=$GH_OST_INSTANT_DDL" >"%s/success.env"\n' \
	"$hooks_dir" >"$hooks_dir/gh-ost-on-success"
chmod +x "$hooks_dir/gh-ost-on-success"

extra_args="--attempt-instant-ddl --alter='add column note varchar(10)'
	--host=$master_host --port=$master_port --allow-on-master
	--test-on-replica=false --hooks-path=$hooks_dir"
extra_args=$(tr '\n' ' ' <<<"$extra_args")
build_wisp_command
run_wisp
validate_expected_failure || exit 1

columns=$(mysql_master -ss test -e "select group_concat(column_name order by ordinal_position)
	from information_schema.columns where table_schema = 'test' and table_name = 'gh_ost_test'")
left=$(leftover_helper_tables mysql_master)
[ -z "$left" ] || fail_case "helper tables left on the master: $left" || exit 1
if [ "$mode" = noop ]; then
	[ "$columns" = "id,i,color" ] || fail_case "noop changed the table: $columns" || exit 1
	! grep -q "INSTANT DDL query" "$test_logfile" ||
		fail_case "noop attempted the INSTANT ALTER" || exit 1
	grep -q "GH_OST_INSTANT_DDL=false" "$hooks_dir/success.env" ||
		fail_case "success hook: $(cat "$hooks_dir/success.env" 2>&1)" || exit 1
	exit 0
fi
[ "$columns" = "id,i,color,note" ] || fail_case "table not altered: $columns" || exit 1
grep -q 'Success! table `test`.`gh_ost_test` migrated instantly' "$test_logfile" ||
	fail_case "no instant success in the log" || exit 1
! grep -q "Creating ghost table" "$test_logfile" ||
	fail_case "a ghost table was created" || exit 1
grep -q "GH_OST_INSTANT_DDL=true" "$hooks_dir/success.env" ||
	fail_case "success hook: $(cat "$hooks_dir/success.env" 2>&1)" || exit 1
wait_replica_caught_up || fail_case "replica did not catch up" || exit 1
columns=$(mysql_replica -ss test -e "select count(*) from information_schema.columns
	where table_schema = 'test' and table_name = 'gh_ost_test' and column_name = 'note'")
[ "$columns" = 1 ] || fail_case "the ALTER did not reach the replica" || exit 1
