#!/bin/sh
# bench/run-list-bench.sh [RUNS [BASELINE_RUNS]]: a benchmark, not a test.
#
# Times `gpupt-setup --root T --list --json` on the 4096-function sysroot of
# bench/gen-big-sysroot.sh against the classic shell loop of
# bench/shell-baseline.sh (one lspci per function) on the same tree, and
# prints both medians and their ratio.  Uses hyperfine when installed,
# otherwise a loop over `date +%s%N`.  Targets: gpupt <= 100 ms and at least
# 20 times faster than the baseline.  The README's section
# "Inventory (--list --json)" records the numbers.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-30}
base_runs=${2:-3}
B=${B:-$top/build}
tree=$B/bench/big-sysroot
bin=$B/gpupt-setup

[ -x "$bin" ] || make -C "$top" -s B="$B"
# The tree is made once; again when its generator changed.
if [ ! -f "$tree/.done" ] || [ "$top/bench/gen-big-sysroot.sh" -nt "$tree/.done" ]; then
	sh "$top/bench/gen-big-sysroot.sh" "$tree"
	: >"$tree/.done"
fi

gp="$bin --root $tree --list --json"
sh_base="sh $top/bench/shell-baseline.sh $tree"
# Both must work before either is timed.
$gp >/dev/null
$sh_base >/dev/null

# median_ms CMD RUNS [WARMUP]: the median wall time of CMD, in ms.
median_ms() {
	if command -v hyperfine >/dev/null && command -v jq >/dev/null; then
		j=$(mktemp)
		hyperfine -N --style none --warmup "${3:-0}" --runs "$2" \
			--export-json "$j" "$1" >/dev/null
		jq -r '.results[0].median * 1000 | . * 10 | round / 10' "$j"
		rm -f "$j"
		return
	fi
	i=0
	while [ "$i" -lt "${3:-0}" ]; do $1 >/dev/null; i=$((i + 1)); done
	i=0
	while [ "$i" -lt "$2" ]; do
		t0=$(date +%s%N)
		$1 >/dev/null
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000))
		i=$((i + 1))
	done | sort -n | awk '{ v[NR] = $1 }
		END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m / 1000 }'
}

tool=loop
command -v hyperfine >/dev/null && command -v jq >/dev/null && tool=hyperfine
n=$(find "$tree/sys/bus/pci/devices" -mindepth 1 -maxdepth 1 | wc -l)
echo "tree: $tree ($n functions); timing with $tool"
g=$(median_ms "$gp" "$runs" 3)
echo "gpupt-setup --list --json: median $g ms ($runs runs)"
s=$(median_ms "$sh_base" "$base_runs" 0)
echo "shell baseline (lspci per function): median $s ms ($base_runs runs)"
awk -v g="$g" -v s="$s" 'BEGIN {
	printf "ratio: %.0fx faster; targets: <= 100 ms %s, >= 20x %s\n", s / g,
		(g <= 100 ? "met" : "MISSED"), (s / g >= 20 ? "met" : "MISSED") }'
