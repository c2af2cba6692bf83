#!/bin/sh
# tests/fuzz/run.sh [--replay] [--time SECONDS] BUILD_DIR TARGET...
#
# Runs the libFuzzer harness BUILD_DIR/tests/fuzz/fuzz_TARGET of each
# TARGET, one after the other.  --replay first runs every input of the
# seed corpus tests/fuzz/corpus/TARGET once (the inputs that found bugs are
# kept there, so they are checked on every make check).  Then each target
# fuzzes for SECONDS (default 600): new inputs go to BUILD_DIR/fuzz/corpus/
# TARGET (kept between runs), a crash, leak or timeout to
# BUILD_DIR/fuzz/artifacts/TARGET/, the log to BUILD_DIR/fuzz/TARGET.log.
# The last lines of each log (libFuzzer's run count and final stats) are
# printed.  Exit status 1 when any target found something.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
replay=0 time=600
while [ $# -gt 0 ]; do
	case "$1" in
	--replay) replay=1; shift ;;
	--time) time=$2; shift 2 ;;
	*) break ;;
	esac
done
[ $# -ge 2 ] || { echo "usage: $0 [--replay] [--time SECONDS] BUILD_DIR TARGET..." >&2; exit 2; }
B=$1; shift
failed=""

for t in "$@"; do
	bin=$B/tests/fuzz/fuzz_$t seeds=$top/tests/fuzz/corpus/$t
	work=$B/fuzz/corpus/$t art=$B/fuzz/artifacts/$t log=$B/fuzz/$t.log
	mkdir -p "$work" "$art"
	[ -x "$bin" ] || { echo "fuzz: $bin is missing (make fuzz-build)" >&2; exit 2; }
	if [ $replay -eq 1 ]; then
		# -runs=0: every input of the corpus once, then stop.
		if "$bin" -runs=0 -artifact_prefix="$art/" "$seeds" >"$log" 2>&1; then
			printf '  %-44s OK (%s inputs)\n' "fuzz/$t replay" "$(find "$seeds" -type f | wc -l)"
		else
			tail -n 40 "$log" | sed 's/^/    | /'
			printf '  %-44s FAILED\n' "fuzz/$t replay"
			failed="$failed $t"
			continue
		fi
	fi
	if "$bin" -max_total_time="$time" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$art/" "$work" "$seeds" >"$log" 2>&1; then
		printf '  %-44s OK\n' "fuzz/$t ${time}s"
	else
		tail -n 40 "$log" | sed 's/^/    | /'
		printf '  %-44s FAILED (see %s)\n' "fuzz/$t ${time}s" "$art"
		failed="$failed $t"
	fi
	# The run count (libFuzzer's last "#N" line, "Done N runs") and the stats.
	grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs|stat::number_of_executed_units|stat::new_units_added)' \
		"$log" | sed 's/^/    /'
done
[ -z "$failed" ] || { echo "fuzz: found something in:$failed"; exit 1; }
