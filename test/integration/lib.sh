#!/bin/bash
#
# test/integration/lib.sh: what the integration suites share. Sourced.
#
# run_case_child NAME LIMIT runs "$self --case NAME DIR" (the suite itself, as
# a child) under `timeout`, which puts the case in a process group of its own
# and kills all of it (wisp, loadgen, clients) when LIMIT seconds are up. It
# prints "ok   NAME (Ns: SUMMARY)" or "FAIL NAME (Ns): why" with the tails of
# the case's logs, counts into $passed / $failed and leaves the exit status
# in $case_rc. It returns 1 when NAME does not match $pattern (skipped).
# Needs: $pattern, $workdir, $self, $wisp_binary; uses $child_pid (for the
# suite's signal trap).
#
# suite_options "$@" reads a suite's command line: either "--case NAME DIR"
# (the suite run as a child for one case: sets $case_name and $casedir) or
# "[-b binary] [filter-regex]" (sets $wisp_binary, made absolute, and
# $pattern). die prints "<suite>: message" and exits 1.

# shellcheck disable=SC2154  # $self is set by the suite
die() {
	local suite=${self##*/}

	echo "${suite%.sh}: $*" >&2
	exit 1
}

# shellcheck disable=SC2034,SC2154  # sets and reads the suite's globals
suite_options() {
	local opt

	case_name=
	casedir=
	if [ "${1:-}" = --case ]; then
		case_name=$2
		casedir=$3
		shift 3
	else
		OPTIND=1
		while getopts "b:h" opt; do
			case $opt in
			b) wisp_binary=$OPTARG ;;
			*)
				echo "usage: test/integration/${self##*/} [-b binary] [filter-regex]" >&2
				exit 2
				;;
			esac
		done
		shift $((OPTIND - 1))
	fi
	pattern=${1:-.}
	case "$wisp_binary" in
	/*) ;;
	*) wisp_binary="$PWD/$wisp_binary" ;;
	esac
}

# shellcheck disable=SC2154  # set by the suite that sources this file
run_case_child() {
	local name=$1 limit=$2 start elapsed why dir f

	grep -qE -- "$pattern" <<<"$name" || return 1
	dir=$workdir/$name
	mkdir -p "$dir"
	start=$(date +%s)
	WISP_BINARY=$wisp_binary timeout -k 5 "$limit" "$self" --case "$name" "$dir" \
		>"$dir/case.log" 2>&1 </dev/null &
	child_pid=$!
	wait "$child_pid"
	case_rc=$?
	child_pid=
	elapsed=$(($(date +%s) - start))
	if [ "$case_rc" -eq 0 ]; then
		echo "ok   $name (${elapsed}s: $(sed -n 's/^SUMMARY: //p' "$dir/case.log"))"
		passed=$((passed + 1))
		return 0
	fi
	if [ "$case_rc" -eq 124 ] || [ "$case_rc" -eq 137 ]; then
		why="timed out after ${limit}s"
	else
		why=$(sed -n 's/^FAIL: //p' "$dir/case.log" | head -n 1)
		[ -n "$why" ] || why="exit status $case_rc"
	fi
	echo "FAIL $name (${elapsed}s): $why"
	sed 's/^/     | /' "$dir/case.log" | tail -n 30
	for f in "$dir"/wisp*.log; do
		[ -f "$f" ] || continue
		echo "     --- $(basename "$f") (tail); command: $(cat "$f.cmd" 2>/dev/null)"
		tail -n 25 "$f" | sed 's/^/     | /'
	done
	failed=$((failed + 1))
	return 0
}
