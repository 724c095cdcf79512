# A migration under sysbench's oltp_write_only load (200 tx/s, two
# threads, on the master) for as long as wisp runs; then the standard
# verdict: in execute mode the original and the ghost table on the replica
# hold the same rows, in noop mode nothing is left behind. Skipped when
# sysbench is not installed.
command -v sysbench >/dev/null 2>&1 || { echo -n " (no sysbench: skipped)"; exit 0; }

table_name=sbtest1
ghost_table_name=_sbtest1_gho
sb_opts=(--mysql-host="$master_host" --mysql-port="$master_port"
	--mysql-user=root --mysql-db=test --tables=1 --table-size=20000)

sysbench oltp_write_only "${sb_opts[@]}" prepare >"$workdir/$test_name.sysbench" 2>&1 ||
	{ cat "$workdir/$test_name.sysbench"; fail_case "sysbench prepare failed"; exit 1; }
wait_replica_caught_up || { fail_case "replica did not catch up after prepare"; exit 1; }

sysbench oltp_write_only "${sb_opts[@]}" --threads=2 --rate=200 --time=300 \
	--report-interval=1 run >>"$workdir/$test_name.sysbench" 2>&1 &
sb_pid=$!
sleep 2
kill -0 "$sb_pid" 2>/dev/null ||
	{ cat "$workdir/$test_name.sysbench"; fail_case "sysbench run did not start"; exit 1; }

extra_args="$extra_args --alter='add column note varchar(32) not null default \"\"'"
build_wisp_command
run_wisp
kill "$sb_pid" 2>/dev/null
wait "$sb_pid" 2>/dev/null

validate_expected_failure || exit 1
if [ "$mode" = noop ]; then
	verify_noop
	exit
fi
# The load ran during the migration (a report every second says it wrote;
# wisp can be done in less than 5 s).
grep -qE '^\[ [0-9]+s \].*tps: [1-9]' "$workdir/$test_name.sysbench" ||
	{ tail -5 "$workdir/$test_name.sysbench"; fail_case "sysbench wrote nothing"; exit 1; }
verify_execute
