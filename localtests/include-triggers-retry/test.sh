# Sourced by localtests/test.sh (see its header for the case API).
postpone=$workdir/$test_name.postpone
touch "$postpone"
extra_args="--include-triggers --trigger-suffix=_ght --cut-over=two-step
	--default-retries=20 --postpone-cut-over-flag-file=$postpone"
extra_args=$(tr '\n' ' ' <<<"$extra_args")
build_wisp_command
echo "$cmd" >"$exec_command_file"
bash "$exec_command_file" >"$test_logfile" 2>&1 </dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$postpone"' EXIT

wait_log() {
	local i
	for ((i = 0; i < 300; i++)); do
		grep -q "$1" "$test_logfile" && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}
ghost_triggers() {
	mysql_replica -ss -e "select count(*) from information_schema.triggers
		where trigger_schema = 'test' and event_object_table = '_gh_ost_test_gho'"
}

wait_log "Row copy complete" || fail_case "the copy did not complete" || exit 1
mysql_replica test -e "create table _gh_ost_test_del (i int)" || exit 1
rm -f "$postpone"
wait_log "cut-over attempt 2 failed" || fail_case "no failed cut-over attempts" || exit 1
grep -q "Triggers created on" "$test_logfile" ||
	fail_case "the failed attempts made no triggers" || exit 1
grep -q "Dropping trigger \`gh_ost_test_ai_ght\` from the ghost table" "$test_logfile" ||
	fail_case "the failed attempt did not drop its triggers" || exit 1
[ "$(ghost_triggers)" = 0 ] || fail_case "triggers left on the ghost between attempts" || exit 1
mysql_replica test -e "drop table _gh_ost_test_del" || exit 1
wait "$pid"
execution_result=$?
trap - EXIT
validate_expected_failure || exit 1
[ "$(ghost_triggers)" = 2 ] || fail_case "the ghost has $(ghost_triggers) triggers, not 2" || exit 1
verify_execute
