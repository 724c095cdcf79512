# Sourced by localtests/test.sh (see its header for the case API).
postpone=$workdir/$test_name.postpone
touch "$postpone"
extra_args="--panic-on-warnings --alter='add unique key email_idx (email)'
	--postpone-cut-over-flag-file=$postpone"
extra_args=$(tr '\n' ' ' <<<"$extra_args")
build_wisp_command
echo "$cmd" >"$exec_command_file"
bash "$exec_command_file" >"$test_logfile" 2>&1 </dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$postpone"' EXIT
for ((i = 0; i < 300; i++)); do
	grep -q "Row copy complete" "$test_logfile" && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
grep -q "Row copy complete" "$test_logfile" || fail_case "the copy did not complete" || exit 1
mysql_master test -e "insert into gh_ost_test (email) values ('alice@example.com'), ('dave@example.com')" ||
	exit 1
for ((i = 0; i < 300; i++)); do
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
rm -f "$postpone"
wait "$pid"
execution_result=$?
trap - EXIT
validate_expected_failure || exit 1
n=$(mysql_replica -ss test -e "select count(*) from _gh_ost_test_gho where email = 'dave@example.com'")
[ "$n" = 0 ] || fail_case "the failed batch was committed to the ghost" || exit 1
