# Sourced by localtests/test.sh (see its header for the case API).
touch "$throttle_flag_file"
extra_args="--panic-on-warnings"
build_wisp_command
echo "$cmd" >"$exec_command_file"
bash "$exec_command_file" >"$test_logfile" 2>&1 </dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$throttle_flag_file"' EXIT
for ((i = 0; i < 300; i++)); do
	grep -q "Migrating \`test\`.\`gh_ost_test\`; Ghost table" "$test_logfile" && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
mysql_master test -e "insert into gh_ost_test values (1001, 'new'), (1501, 'new'), (1999, 'new')" ||
	exit 1
sleep 2
rm -f "$throttle_flag_file"
wait "$pid"
execution_result=$?
trap - EXIT
validate_expected_failure || exit 1
grep -q "tolerated: Duplicate entry '1501' for key 'PRIMARY'" "$test_logfile" ||
	fail_case "no tolerated duplicate on the migration key" || exit 1
verify_execute
