#!/bin/sh
# tests/run.sh [--update] [AREA[/CASE] ...]
#
# The test driver, in the manner of util-linux's: every executable
# tests/ts/<area>/<case> runs in its own scratch directory; what it prints
# on stdout is compared with tests/expected/<area>/<case> by diff -u when that
# file exists (--update rewrites it).  A case exits 0 when its own checks
# hold, 77 to skip (a failure under CI, so nothing is skipped silently).
# The cmocka unit tests in $B/tests/unit run first, under valgrind.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-$top/build}
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi

passed=0 failed=0 skipped=0 failures=""

result() { # NAME STATUS
	case "$2" in
	ok) passed=$((passed + 1)); printf '  %-44s OK\n' "$1" ;;
	skip) if [ -n "${CI:-}" ]; then
			failed=$((failed + 1)); failures="$failures $1"
			printf '  %-44s SKIPPED (a failure under CI)\n' "$1"
		else
			skipped=$((skipped + 1)); printf '  %-44s SKIPPED\n' "$1"
		fi ;;
	*) failed=$((failed + 1)); failures="$failures $1"; printf '  %-44s FAILED\n' "$1" ;;
	esac
}

selected() { # NAME: is it among the command-line patterns?
	[ $# -gt 0 ] || return 1
	n=$1; shift
	[ $# -eq 0 ] && return 0
	for pat in "$@"; do
		case "$n" in "$pat"|"$pat"/*) return 0 ;; esac
	done
	return 1
}

VALGRIND=""
if [ -z "${GPUPT_NO_VALGRIND:-}" ] && command -v valgrind >/dev/null 2>&1; then
	VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --track-fds=no"
fi

rm -rf "$B/tests/out"
mkdir -p "$B/tests/out"

# GPUPT_KEEP_FIXTURES=1 reuses the fixtures an earlier run generated (they
# depend on tests/fixtures alone): tests/mutate.sh runs the suite many times.
if [ -n "${GPUPT_KEEP_FIXTURES:-}" ] && [ -d "$B/fixtures" ]; then
	:
elif [ -x "$top/tests/fixtures/gen.sh" ] || [ -f "$top/tests/fixtures/gen.sh" ]; then
	rm -rf "$B/fixtures"
	if ! sh "$top/tests/fixtures/gen.sh" "$B/fixtures" >"$B/tests/out/gen.log" 2>&1; then
		cat "$B/tests/out/gen.log"
		echo "tests: generating fixtures failed"
		exit 1
	fi
fi

echo "unit tests:"
for t in "$B"/tests/unit/test_*; do
	[ -x "$t" ] || continue
	name=unit/${t##*/}
	selected "$name" "$@" || continue
	log="$B/tests/out/${t##*/}.log"
	# shellcheck disable=SC2086 # $VALGRIND is a command line
	if (cd "$top" && $VALGRIND "$t") >"$log" 2>&1; then
		result "$name" ok
	else
		sed 's/^/    | /' "$log"
		mkdir -p "$B/tests/out/$name"
		sed 's/^/    | /' "$log" | tail -n 20 >"$B/tests/out/$name/reason"
		result "$name" fail
	fi
done

export TS_TOPDIR="$top" TS_BUILDDIR="$B" TS_FIXTURES="$B/fixtures"
export GPUPT_VALGRIND="$VALGRIND"
export LC_ALL=C.UTF-8 LANGUAGE=

for area_dir in "$top"/tests/ts/*/; do
	area=$(basename "$area_dir")
	echo "$area:"
	for ts in "$area_dir"*; do
		[ -f "$ts" ] || continue
		name=$area/${ts##*/}
		selected "$name" "$@" || continue
		out="$B/tests/out/$name"
		mkdir -p "$out"
		expected="$top/tests/expected/$name"
		TS_OUTDIR=$out sh "$ts" >"$out/output" 2>"$out/stderr"
		rc=$?
		if [ $rc -eq 77 ]; then
			sed 's/^/    | /' "$out/stderr" | tail -n 3 | tee "$out/reason"
			result "$name" skip
			continue
		fi
		if [ $rc -ne 0 ]; then
			{
				echo "    | exit status $rc; stderr:"
				sed 's/^/    | /' "$out/stderr" | tail -n 30
			} | tee "$out/reason"
			result "$name" fail
			continue
		fi
		if [ $update -eq 1 ]; then
			mkdir -p "$(dirname "$expected")"
			cp "$out/output" "$expected"
		fi
		if [ -f "$expected" ] && ! diff -u "$expected" "$out/output" >"$out/diff"; then
			sed 's/^/    | /' "$out/diff" | head -n 60 | tee "$out/reason"
			result "$name" fail
			continue
		fi
		result "$name" ok
	done
done

echo
# Each failure's reason again, so the tail of a long log (all CI keeps)
# says why, not only what.
for name in $failures; do
	[ -f "$B/tests/out/$name/reason" ] || continue
	echo "$name:"
	head -n 20 "$B/tests/out/$name/reason"
done
[ -z "$failures" ] || echo "failed:$failures"
if [ $skipped -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
