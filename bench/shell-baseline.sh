#!/bin/sh
# bench/shell-baseline.sh ROOT: the classic way to list PCI functions by
# IOMMU group (the tutorials' iommu-finder loop, see shared/seeds/001), made
# to read ROOT's tree: one lspci per function.  The comparison point of
# bench/run-list-bench.sh, not a tool.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 ROOT" >&2; exit 2; }
sysfs=$1/sys/bus/pci
for d in "$1"/sys/kernel/iommu_groups/*/devices/*; do
	[ -e "$d" ] || continue
	g=${d%/devices/*}
	printf 'IOMMU Group %s ' "${g##*/}"
	lspci -A linux-sysfs -O "sysfs.path=$sysfs" -nns "${d##*/}"
done
