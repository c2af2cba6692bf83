#!/bin/sh
# bench/boot-bind.sh [RUNS [MODES]] — a benchmark, not a test (run as root,
# after make).  MODES defaults to "gpupt seed load warm"; GPUPT_BENCH_ARGS
# adds kernel command line arguments.
#
# Boots the stock Debian kernel under QEMU (the machine of tests/boot/lib.sh)
# and measures, from the kernel log timestamps, how long binding three PCI
# functions to vfio-pci takes at boot:
#   gpupt  our init-top script running gpupt-bind;
#   seed   the tutorial's way, rewritten faithfully in bench/boot-bind/: a
#          modprobe.d "install vfio-pci" line running vfio-pci-override.sh
#          (write driver_override, then modprobe -i vfio-pci);
#   load   only "modprobe vfio-pci", the share of both spent loading modules;
#   warm   gpupt again, with vfio-pci loaded before the bracket opens: what
#          gpupt-bind itself spends on the three functions.
# Each is bracketed by two init-top scripts writing "gpupt-bench: begin" and
# "gpupt-bench: end" to /dev/kmsg, right before and after the slot gpupt
# takes (its name's place in init-top, before udev).  Also measures how much
# our hook grows the initramfs.  Numbers go to stdout; the README's section
# "Boot-time binding" records them.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
modes=${2:-gpupt seed load warm}
export TS_TOPDIR="$top" TS_BUILDDIR="${B:-$top/build}"
TS_OUTDIR=$(mktemp -d "${TMPDIR:-/tmp}/gpupt-bench.XXXXXX") || exit 1
export TS_OUTDIR
keep=${GPUPT_BENCH_KEEP:-} # set: keep the scratch directory (images, reports)
trap '[ -n "$keep" ] || rm -rf "$TS_OUTDIR"' EXIT
# shellcheck source=/dev/null
. "$top/tests/functions.sh"
# shellcheck source=/dev/null
. "$top/tests/boot/lib.sh"
boot_require

bb=$top/bench/boot-bind
conf='0000:01:00.0 8086:10d3
0000:03:00.0 8086:10d3
0000:03:00.1 8086:2668
'
w=$TS_OUTDIR
printf '%s' "$conf" >"$w/bind.conf"
export GPUPT_BIND_CONF="$w/bind.conf"

# bracket CONFDIR: the begin/end markers around the "gpupt" init-top slot.
bracket() {
	cp "$bb/marker" "$1/scripts/init-top/gpu-bench-begin"
	cp "$bb/marker" "$1/scripts/init-top/gpupt-zbench-end"
	chmod 0755 "$1/scripts/init-top/"*
}

# image NAME: build the benchmark image NAME into $w/NAME.img.
image() {
	c=$w/$1.conf
	case "$1" in
	gpupt | warm)
		boot_confdir "$c" yes
		rm -f "$c/scripts/init-top/gpupt-test-snapshot"
		;;
	seed | load)
		boot_confdir "$c"
		cp "$bb/seed-hook" "$c/hooks/gpupt-bench-seed"
		cp "$bb/trigger" "$c/scripts/init-top/gpupt"
		chmod 0755 "$c/hooks/"* "$c/scripts/init-top/"*
		;;
	esac
	bracket "$c"
	[ "$1" = warm ] && cp "$bb/warm-begin" "$c/scripts/init-top/gpu-bench-begin"
	export GPUPT_BENCH_SEED="$bb" GPUPT_BENCH_MODE="$1"
	boot_mkinitramfs "$c" "$w/$1.img" "$w/$1.log" "$w/$1.tree"
	order=$(sed -n 's|^/scripts/init-top/\([^ ]*\) .*|\1|p' "$w/$1.tree/scripts/init-top/ORDER" |
		tr '\n' ' ')
	case " $order" in
	*" gpu-bench-begin gpupt gpupt-zbench-end "*" udev "*) ;;
	*) ts_die "$1: init-top order is '$order'" ;;
	esac
	boot_pad4 "$w/$1.img"
}

# measure NAME: one boot; prints the microseconds from the begin to the end
# marker, from the first to the last "-> vfio-pci" line of gpupt-bind, from
# the begin marker to that first line, and from the last one to the end.
measure() {
	# shellcheck disable=SC2034 # boot_run's image
	BOOT_BASE=$w/$1.img
	# shellcheck disable=SC2086 # a list of arguments
	boot_run "$1" "$conf" iommu ${GPUPT_BENCH_ARGS:-}
	for a in 0000:01:00.0 0000:03:00.0 0000:03:00.1; do
		want=vfio-pci
		[ "$1" = load ] && want=-
		got=$(boot_field $a override)
		[ "$got" = "$want" ] || ts_die "$1: $a override is $got, want $want"
		[ "$1" = load ] || boot_expect $a driver vfio-pci
	done
	awk '$1 == "kmsg" {
		t = $2 $3; gsub(/[][]/, "", t)
		if ($0 ~ /gpupt-bench: begin/) b = t
		else if ($0 ~ /gpupt-bench: end/) e = t
		else if ($0 ~ /gpupt-bind: .*-> vfio-pci/) { if (f == "") f = t; l = t }
	}
	END { printf "%d %s %s %s\n", (e - b) * 1e6 + 0.5, f == "" ? "-" : int((l - f) * 1e6 + 0.5),
		f == "" ? "-" : int((f - b) * 1e6 + 0.5), f == "" ? "-" : int((e - l) * 1e6 + 0.5) }' \
		"$BOOT_REPORT"
}

# median of the numbers on stdin
median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
		else print int((v[NR / 2] + v[NR / 2 + 1]) / 2 + 0.5) }'
}

# The images must not be replaced by boot_run's cached base.
boot_base() { :; }

echo "kernel $BOOT_KVER, accel $BOOT_ACCEL, $runs boots each"
for m in $modes; do
	image "$m"
	: >"$w/$m.times"
	i=0
	while [ "$i" -lt "$runs" ]; do
		measure "$m" >>"$w/$m.times" || exit 1
		i=$((i + 1))
	done
	printf '%-6s bracket (us): %s  median %s' "$m" "$(cut -d' ' -f1 "$w/$m.times" | tr '\n' ' ')" \
		"$(cut -d' ' -f1 "$w/$m.times" | median)"
	if [ "$m" = gpupt ] || [ "$m" = warm ]; then
		printf '  | first-to-last bind log line (us): median %s' \
			"$(cut -d' ' -f2 "$w/$m.times" | median)"
	fi
	echo
done
[ "$modes" = "gpupt seed load warm" ] || exit 0
g=$(cut -d' ' -f1 "$w/gpupt.times" | median)
s=$(cut -d' ' -f1 "$w/seed.times" | median)
l=$(cut -d' ' -f1 "$w/load.times" | median)
k=$(cut -d' ' -f1 "$w/warm.times" | median)
awk -v g="$g" -v s="$s" -v l="$l" -v k="$k" 'BEGIN {
	printf "whole slot: gpupt %.2f ms, seed %.2f ms: seed/gpupt = %.1fx\n",
		g / 1000, s / 1000, s / g
	printf "less the module load (%.2f ms): gpupt %.2f ms, seed %.2f ms: %.1fx\n",
		l / 1000, (g - l) / 1000, (s - l) / 1000, (g > l) ? (s - l) / (g - l) : 0
	printf "gpupt-bind with vfio-pci already loaded: %.2f ms\n", k / 1000 }'

# Initramfs growth: the same private configuration with and without our
# hook and script (and a configuration naming the three functions).
c=$w/plain.conf
boot_confdir "$c"
rm -f "$c/scripts/init-premount/"*
boot_mkinitramfs "$c" "$w/plain.img" "$w/plain.log" "$w/plain.tree"
c=$w/hooked.conf
boot_confdir "$c" yes
rm -f "$c/scripts/init-premount/"* "$c/scripts/init-top/gpupt-test-snapshot"
boot_mkinitramfs "$c" "$w/hooked.img" "$w/hooked.log" "$w/hooked.tree"
treesize() { find "$1" -type f -exec cat {} + | wc -c; }
p=$(wc -c <"$w/plain.img") h=$(wc -c <"$w/hooked.img")
pt=$(treesize "$w/plain.tree") ht=$(treesize "$w/hooked.tree")
awk -v p="$p" -v h="$h" -v pt="$pt" -v ht="$ht" 'BEGIN {
	printf "initramfs: %d -> %d bytes compressed (+%.1f KiB); unpacked +%.1f KiB\n",
		p, h, (h - p) / 1024, (ht - pt) / 1024 }'
echo "added files:"
(cd "$w/hooked.tree" && find . -type f | sort) >"$w/hooked.list"
(cd "$w/plain.tree" && find . -type f | sort) >"$w/plain.list"
comm -13 "$w/plain.list" "$w/hooked.list" | while read -r f; do
	printf '  %8d %s\n' "$(wc -c <"$w/hooked.tree/$f")" "${f#.}"
done
