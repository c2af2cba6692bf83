#!/bin/sh
# bench/gen-big-sysroot.sh OUTDIR: a large synthetic sysroot for the
# inventory benchmark (bench/run-list-bench.sh), not a test fixture.
#
# 4096 PCI functions in 256 IOMMU groups:
#   bus 00-04   host bridge, 4 root ports, 4 GPUs with their audio functions
#               (two identical RTX A6000, a GTX 1070 Ti, a Radeon RX 7900),
#               made with lib-pci.sh's pci_dev, as the test fixtures are;
#   bus 10-1f   16 Intel E810 NICs (ice), each a PF at bb:00.0 with SR-IOV
#               VFs (iavf) filling the bus (255 VFs; 242 on the last one),
#               with physfn/virtfnN links.
# pci_dev forks some 35 processes per function (minutes for 4096), so the
# NICs are written here directly in the same layout (see lib-pci.sh): files
# by shell builtins, symbolic links in batches.  The host's full pci.ids is
# copied in (as on a real system) when there is one.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
fix=$here/../tests/fixtures
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
case "$1" in
*[[:space:]]*) echo "$0: OUTDIR must not contain blanks" >&2; exit 2 ;;
esac

rm -rf "${1:?}"
mkdir -p "$1"
ROOT=$(cd "$1" && pwd)
export ROOT
# shellcheck source=/dev/null
. "$fix/lib-sys.sh"
# shellcheck source=/dev/null
. "$fix/lib-pci.sh"

if [ -r /usr/share/misc/pci.ids ]; then
	mkdir -p "$ROOT/usr/share/misc"
	cp /usr/share/misc/pci.ids "$ROOT/usr/share/misc/pci.ids"
else
	pci_ids
fi
pci_kernel 6.1.0-26-amd64

# --- bus 00-04: made by lib-pci.sh (groups 0-8) ----------------------------
pci_dev 0000:00:00.0 8086 2020 060000 rev=07 group=0 numa=0
gpu_n=0
for spec in 10de:2230:1aef:0 10de:2230:1aef:0 10de:1b82:10f0:0 1002:744c:ab30:1; do
	gpu_n=$((gpu_n + 1))
	rp=0000:00:0$gpu_n.0
	v=${spec%%:*} rest=${spec#*:}
	d=${rest%%:*} rest=${rest#*:}
	a=${rest%%:*} vga=${rest#*:}
	drv=nvidia
	[ "$v" != 1002 ] || drv=amdgpu
	pci_dev "$rp" 8086 2030 060400 rev=07 driver=pcieport group=$gpu_n numa=0
	pci_dev "0000:0$gpu_n:00.0" "$v" "$d" 030000 driver=$drv group=$((gpu_n + 4)) \
		numa=0 parent="$rp" boot_vga="$vga" bar0=16M bar1=256M:mem64 bar3=32M:mem64 bar5=128:io
	pci_dev "0000:0$gpu_n:00.1" "$v" "$a" 040300 driver=snd_hda_intel group=$((gpu_n + 4)) \
		numa=0 parent="$rp" bar0=16K
done
pci_drm 0000:04:00.0 card0 DP-1=connected HDMI-A-1=disconnected
pci_drm 0000:01:00.0 card1 DP-1=disconnected

# --- bus 10-1f: the NICs (groups 9-255) -----------------------------------

# cfg_bytes VALUE N: VALUE as N little-endian bytes, in printf %b escapes.
cfg_bytes() {
	cb_v=$1 cb_n=$2 cb_out=''
	while [ "$cb_n" -gt 0 ]; do
		cb_out="$cb_out\\0$(printf '%o' $((cb_v & 255)))"
		cb_v=$((cb_v >> 8)) cb_n=$((cb_n - 1))
	done
	printf '%s' "$cb_out"
}

# config_escapes VENDOR DEVICE CLASS REV: a type-0 config space (256 bytes).
config_escapes() {
	ce_z=$(cfg_bytes 0 16)
	printf '%s' "$(cfg_bytes $((0x$1)) 2)$(cfg_bytes $((0x$2)) 2)$(cfg_bytes 7 2)"
	printf '%s' "$(cfg_bytes 0 2)$(cfg_bytes $((0x$4)) 1)$(cfg_bytes $((0x$3)) 3)"
	printf '%s' "$(cfg_bytes 0 16)$(cfg_bytes 0 16)"
	printf '%s' "$(cfg_bytes $((0x8086)) 2)$(cfg_bytes $((0x$2)) 2)"
	i=0
	while [ $i -lt 13 ]; do printf '%s' "$ce_z"; i=$((i + 1)); done
}

pf_cfg=$(config_escapes 8086 1592 020000 02)
vf_cfg=$(config_escapes 8086 1889 020000 02)
zero_res=$(printf '0x%016x 0x%016x 0x%016x\\n' 0 0 0)

# hex2 N (0-255): sets h2 to N in two lower-case hex digits, without a fork.
hexdigits=0123456789abcdef
hex2() {
	h2_hi=$hexdigits h2_lo=$hexdigits
	h2_i=$(($1 >> 4))
	while [ "$h2_i" -gt 0 ]; do h2_hi=${h2_hi#?}; h2_i=$((h2_i - 1)); done
	h2_i=$(($1 & 15))
	while [ "$h2_i" -gt 0 ]; do h2_lo=${h2_lo#?}; h2_i=$((h2_i - 1)); done
	h2=${h2_hi%"${h2_hi#?}"}${h2_lo%"${h2_lo#?}"}
}

# fn_name BUSHEX DEVFN: sets nf_bdf and nf_d (the function's directory).
fn_name() {
	hex2 $(($2 >> 3))
	nf_bdf=0000:$1:$h2.$(($2 & 7))
	nf_d=$ROOT/sys/devices/pci0000:$1/$nf_bdf
}

# new_fn BUSHEX DEVFN DEVICE GROUP NUMA BAR0SIZE: one function's attributes
# (its directory exists); queues its links.
new_fn() {
	fn_name "$1" "$2"
	printf '0x8086\n' >"$nf_d/vendor"
	printf '0x%s\n' "$3" >"$nf_d/device"
	printf '0x020000\n' >"$nf_d/class"
	printf '0x8086\n' >"$nf_d/subsystem_vendor"
	printf '0x%s\n' "$3" >"$nf_d/subsystem_device"
	printf '0x02\n' >"$nf_d/revision"
	printf '%s\n' "$5" >"$nf_d/numa_node"
	printf '0\n' >"$nf_d/irq"
	printf '1\n' >"$nf_d/enable"
	printf '(null)\n' >"$nf_d/driver_override"
	# The device ids used here have no hex letters: upper case as they are.
	printf 'pci:v00008086d0000%ssv00008086sd0000%sbc02sc00i00\n' "$3" "$3" \
		>"$nf_d/modalias"
	# The VFs' BARs follow the PF's 32M one.
	nf_start=$((mem + $2 * $6 + ($2 > 0) * 33554432))
	{
		printf '0x%016x 0x%016x 0x%016x\n' "$nf_start" $((nf_start + $6 - 1)) $((0x14220c))
		nf_i=1
		while [ $nf_i -lt 17 ]; do printf '%b' "$zero_res"; nf_i=$((nf_i + 1)); done
	} >"$nf_d/resource"
	if [ "$3" = 1592 ]; then printf '%b' "$pf_cfg"; else printf '%b' "$vf_cfg"; fi \
		>"$nf_d/config"
	nf_rel=devices/pci0000:$1/$nf_bdf
	# "TARGET LINK" pairs for xargs; links named as their target go in batches.
	printf '../../../%s\n' "$nf_rel" >>"$work/bus-links"
	printf '../../../../%s\n' "$nf_rel" >>"$work/drv-$3"
	printf '../../../../%s %s\n' "$nf_rel" "$ROOT/sys/kernel/iommu_groups/$4/devices/" \
		>>"$work/pairs"
	printf '../../../kernel/iommu_groups/%s %s/iommu_group\n' "$4" "$nf_d" >>"$work/pairs"
}

work=$(mktemp -d "${TMPDIR:-/tmp}/gen-big.XXXXXX")
trap 'rm -rf "$work"' EXIT
: >"$work/bus-links"
: >"$work/drv-1592"
: >"$work/drv-1889"
: >"$work/pairs"
mkdir -p "$ROOT/sys/bus/pci/drivers/ice" "$ROOT/sys/bus/pci/drivers/iavf"
for drv in ice iavf; do
	for f in bind unbind new_id remove_id; do : >"$ROOT/sys/bus/pci/drivers/$drv/$f"; done
done
g=9
while [ $g -lt 256 ]; do
	mkdir -p "$ROOT/sys/kernel/iommu_groups/$g/devices"
	echo DMA >"$ROOT/sys/kernel/iommu_groups/$g/type"
	g=$((g + 1))
done

# k numbers the NIC functions 0..4082; 247 groups share them out in order.
k=0 total=4083 mem=$((0x38100000000))
bus=16
while [ $bus -lt 32 ]; do
	nvf=255
	[ $bus -ne 31 ] || nvf=242
	numa=0
	[ $bus -lt 24 ] || numa=1
	hex2 $bus
	bx=$h2
	# All the bus's directories in one mkdir.
	set -- "$ROOT/sys/devices/pci0000:$bx"
	fn=0
	while [ $fn -le $nvf ]; do
		fn_name "$bx" $fn
		set -- "$@" "$nf_d"
		fn=$((fn + 1))
	done
	mkdir -p "$@"
	new_fn "$bx" 0 1592 $((9 + k * 247 / total)) $numa $((32 * 1024 * 1024))
	pf=$nf_bdf
	printf '../../../bus/pci/drivers/ice %s/driver\n' "$nf_d" >>"$work/pairs"
	k=$((k + 1))
	vf=1
	while [ $vf -le $nvf ]; do
		new_fn "$bx" $vf 1889 $((9 + k * 247 / total)) $numa $((128 * 1024))
		{
			printf '../../../bus/pci/drivers/iavf %s/driver\n' "$nf_d"
			printf '../%s %s/physfn\n' "$pf" "$nf_d"
			printf '../%s %s/virtfn%d\n' "$nf_bdf" "${nf_d%/*}/$pf" $((vf - 1))
		} >>"$work/pairs"
		k=$((k + 1)) vf=$((vf + 1))
	done
	printf '%d\n' "$nvf" >"${nf_d%/*}/$pf/sriov_numvfs"
	printf '%d\n' "$nvf" >"${nf_d%/*}/$pf/sriov_totalvfs"
	bus=$((bus + 1)) mem=$((mem + 0x100000000))
done

# links_in DIR LIST: a link in DIR to each target in LIST, named as it.
links_in() {
	(cd "$1" && xargs sh -c 'ln -s "$@" .' sh <"$2")
}
links_in "$ROOT/sys/bus/pci/devices" "$work/bus-links"
links_in "$ROOT/sys/bus/pci/drivers/ice" "$work/drv-1592"
links_in "$ROOT/sys/bus/pci/drivers/iavf" "$work/drv-1889"
# The rest are one ln each: two streams, one per core.
awk 'NR % 2 == 1' "$work/pairs" | xargs -n 2 ln -s &
awk 'NR % 2 == 0' "$work/pairs" | xargs -n 2 ln -s
wait

n=$(find "$ROOT/sys/bus/pci/devices" -mindepth 1 -maxdepth 1 | wc -l)
ng=$(find "$ROOT/sys/kernel/iommu_groups" -mindepth 1 -maxdepth 1 | wc -l)
echo "$ROOT: $n PCI functions, $ng IOMMU groups"
