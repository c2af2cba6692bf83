#!/bin/sh
# tests/mutate.sh [-l | -d] [NAME...]: mutation testing for this tree.
#
# Every mutant in tests/mutants is one small, realistic bug: a sed script
# applied to one file of a scratch copy of the tree.  For each, the copy is
# rebuilt (make, incremental) and the test areas the mutant concerns are run
# (tests/run.sh with CI=1, so a skipped case counts as a failure, and
# without valgrind).  A failing run kills the mutant; a run that passes lets
# it survive; a run that outlasts GPUPT_MUTATE_TIMEOUT seconds (default 600)
# is killed by the timeout and counts as killed.  A mutant whose sed script
# changes nothing, or that does not build, is an error in the list.
# Mutants marked "equivalent" (no behaviour can tell them apart) are
# listed, not run, and left out of the score.
#
# The unmutated copy must pass every area named in the list first, so a
# kill is the mutant's doing.  Not part of `make check` (minutes, not
# seconds); `make mutate` runs it.  -l lists the mutants, -d prints the
# diff each makes (nothing built or run); NAME... runs only those.  Exit status 0 when every mutant run was killed, 1 otherwise.
# The score and its date are recorded in tests/README.md.
#
# tests/mutants holds records separated by blank lines ('#' lines are
# comments):
#   name: NAME                 one word
#   file: PATH                 relative to the top of the tree
#   sed: SCRIPT                one or more lines, each a sed -e script
#   areas: PATTERN...          tests/run.sh patterns (AREA or AREA/CASE)
#   equivalent: WHY            optional: not run, not counted
#   why: TEXT                  what a user would feel (free text)
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
list=$top/tests/mutants
timeout_s=${GPUPT_MUTATE_TIMEOUT:-600}
list_only=0 diff_only=0
case "${1:-}" in
-l) list_only=1; shift ;;
-d) diff_only=1; shift ;;
esac

die() { echo "mutate: $*" >&2; exit 2; }

# each_mutant FUNC: call FUNC once per record with name, file, areas,
# equivalent set and the sed scripts in $seds (one per line).
each_mutant() {
	name="" file="" areas="" equivalent="" seds=""
	while IFS= read -r line || [ -n "$line" ]; do
		case "$line" in
		'#'*) continue ;;
		'') [ -z "$name" ] || "$1"; name="" file="" areas="" equivalent="" seds="" ;;
		'name: '*) name=${line#name: } ;;
		'file: '*) file=${line#file: } ;;
		'areas: '*) areas=${line#areas: } ;;
		'equivalent: '*) equivalent=${line#equivalent: } ;;
		'sed: '*) seds="$seds${line#sed: }
" ;;
		'why: '* | '  '*) ;;
		*) die "tests/mutants: cannot read: $line" ;;
		esac
	done <"$list"
	[ -z "$name" ] || "$1"
}

wanted() { # NAME: on the command line, or no names given
	[ -z "$names" ] && return 0
	for w in $names; do [ "$w" = "$1" ] && return 0; done
	return 1
}

names=$*

mutate() { # ORIG OUT: apply $seds; 1 when that fails or changes nothing
	m_in=$1 m_out=$2
	set --
	while IFS= read -r s; do
		[ -n "$s" ] && set -- "$@" -e "$s"
	done <<EOF
$seds
EOF
	sed "$@" "$m_in" >"$m_out" && ! cmp -s "$m_in" "$m_out"
}

diff_one() {
	wanted "$name" || return 0
	[ -z "$equivalent" ] || return 0
	echo "== $name"
	if mutate "$top/$file" "$tmp_out"; then
		diff -u "$top/$file" "$tmp_out" | tail -n +3
	else
		echo "ERROR: the sed script changes nothing in $file"
		diff_rc=1
	fi
}

print_one() {
	wanted "$name" || return 0
	if [ -n "$equivalent" ]; then
		printf '%-34s %s (equivalent)\n' "$name" "$file"
	else
		printf '%-34s %s -> %s\n' "$name" "$file" "$areas"
	fi
}
if [ $list_only -eq 1 ]; then
	each_mutant print_one
	exit 0
fi
if [ $diff_only -eq 1 ]; then
	tmp_out=$(mktemp) || die "no temporary file"
	diff_rc=0
	each_mutant diff_one
	rm -f "$tmp_out"
	exit $diff_rc
fi

command -v timeout >/dev/null || die "needs timeout (coreutils)"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/gpupt-mutate.XXXXXX") || die "no scratch directory"
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM
tree=$scratch/tree
mkdir -p "$tree"

# The tree as it is (tracked and untracked files, not build/), or a copy.
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$top" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - --no-recursion) |
		tar -xf - -C "$tree" || die "cannot copy the tree"
else
	(cd "$top" && tar -cf - --exclude=./build .) | tar -xf - -C "$tree" || die "cannot copy the tree"
fi
unit_bins=$(cd "$tree" && for f in tests/unit/test_*.c; do n=${f##*/}; echo "build/tests/unit/${n%.c}"; done)
# The test cases' helpers (tests/tools), always: cases need them to run.
tool_bins=$(cd "$tree" && for f in tests/tools/*.c; do n=${f##*/}; echo "build/tests/tools/${n%.c}"; done)

build() { # [AREAS]: the programs, and the unit tests named (all without AREAS)
	bins=$unit_bins
	if [ $# -gt 0 ]; then
		bins=""
		for a in $1; do
			case "$a" in
			unit) bins=$unit_bins ;;
			unit/*) bins="$bins build/tests/unit/${a#unit/}" ;;
			esac
		done
	fi
	# shellcheck disable=SC2086 # a list of targets
	(cd "$tree" && make -j2 all $bins $tool_bins CI= WERROR=) </dev/null >"$scratch/build.log" 2>&1
}

run_areas() { # AREAS: 0 when every case passes
	# shellcheck disable=SC2086 # a list of patterns
	(cd "$tree" && CI=1 GPUPT_NO_VALGRIND=1 GPUPT_KEEP_FIXTURES=$keep B="$tree/build" \
		timeout -k 10 "$timeout_s" sh tests/run.sh $1) </dev/null >"$scratch/run.log" 2>&1
}

# The areas of every mutant to run, once each, for the unmutated check.
all_areas=""
collect() {
	wanted "$name" || return 0
	[ -n "$equivalent" ] && return 0
	for a in $areas; do
		case " $all_areas " in *" $a "*) ;; *) all_areas="$all_areas $a" ;; esac
	done
}
each_mutant collect
[ -n "$all_areas" ] || die "no mutant selected"

echo "mutate: building the unmutated tree in $tree"
build || { tail -n 30 "$scratch/build.log"; die "the unmutated tree does not build"; }
echo "mutate: the unmutated tree against every area named"
keep=""
if ! run_areas "$all_areas"; then
	grep -E 'FAILED|SKIPPED|failed' "$scratch/run.log" | head -n 20
	die "the unmutated tree fails: fix that first"
fi

# The fixtures depend on tests/fixtures alone, which no mutant touches.
keep=1
killed=0 survived=0 errors=0 equivalents=0 survivors="" broken=""
start=$(date +%s)

run_one() {
	wanted "$name" || return 0
	if [ -n "$equivalent" ]; then
		equivalents=$((equivalents + 1))
		printf '  %-34s equivalent: %s\n' "$name" "$equivalent"
		return 0
	fi
	src=$tree/$file
	[ -f "$src" ] || { errors=$((errors + 1)); broken="$broken $name"; printf '  %-34s ERROR: no %s\n' "$name" "$file"; return 0; }
	cp "$src" "$scratch/orig"
	if ! mutate "$scratch/orig" "$src"; then
		cp "$scratch/orig" "$src"
		errors=$((errors + 1)); broken="$broken $name"
		printf '  %-34s ERROR: the sed script changes nothing in %s\n' "$name" "$file"
		return 0
	fi
	t0=$(date +%s)
	if ! build "$areas"; then
		errors=$((errors + 1)); broken="$broken $name"
		printf '  %-34s ERROR: does not build\n' "$name"
		sed 's/^/      | /' "$scratch/build.log" | grep -E 'error' | head -n 5
	else
		run_areas "$areas"
		rc=$?
		t=$(($(date +%s) - t0))
		if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
			killed=$((killed + 1))
			printf '  %-34s killed (timeout, %ss)\n' "$name" "$t"
		elif [ $rc -ne 0 ]; then
			killed=$((killed + 1))
			by=$(sed -n 's/^failed: *//p' "$scratch/run.log" | cut -d' ' -f1-3)
			printf '  %-34s killed by %s (%ss)\n' "$name" "${by:-a failing run}" "$t"
		else
			survived=$((survived + 1)); survivors="$survivors $name"
			printf '  %-34s SURVIVED %s (%ss)\n' "$name" "$areas" "$t"
		fi
	fi
	# A fresh copy (new mtime): the next build recompiles the file.
	cp "$scratch/orig" "$src"
}
echo "mutate: mutants (killed by the first failing cases)"
each_mutant run_one

counted=$((killed + survived))
echo
if [ $counted -gt 0 ]; then
	echo "mutate: $killed of $counted killed ($((killed * 100 / counted))%), $survived survived," \
		"$equivalents equivalent, $errors errors; $(($(date +%s) - start)) s"
fi
[ -z "$survivors" ] || echo "survived:$survivors"
[ -z "$broken" ] || echo "errors (fix tests/mutants):$broken"
[ $survived -eq 0 ] && [ $errors -eq 0 ]
