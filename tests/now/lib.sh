# shellcheck shell=sh
# Sourced by tests/ts/now/* after tests/functions.sh: a fixture root made
# writable the way sysfs is (each driver's bind and unbind, drivers_probe),
# a modprobe double that plays the kernel, and processes in a fake /proc.
#
# Plain files cannot bind anything.  What the kernel does when vfio-pci
# registers (it takes every free device whose driver_override says
# vfio-pci, and devtmpfs makes /dev/vfio/GROUP) is played by the modprobe
# double; every other write lands in its file for the test to read.

# now_root FIXTURE: the fixture's root with the sysfs files binding writes; path printed.
now_root() {
	nr=$(ts_fixture "$1") || exit 1
	for d in "$nr"/sys/bus/pci/drivers/*/; do
		: >"$d/bind"
		: >"$d/unbind"
	done
	: >"$nr/sys/bus/pci/drivers_probe"
	mkdir -p "$nr/dev" "$nr/proc"
	echo "$nr"
}

# now_modprobe_double ROOT: a modprobe that plays the kernel; its path printed.
# It logs its arguments to $TS_OUTDIR/modprobe.log.
now_modprobe_double() {
	m=$TS_OUTDIR/modprobe
	cat >"$m" <<EOF2
#!/bin/sh
echo "modprobe \$*" >>"$TS_OUTDIR/modprobe.log"
root='$1'
EOF2
	cat >>"$m" <<'EOF2'
drv=$root/sys/bus/pci/drivers/vfio-pci
mkdir -p "$drv" && : >"$drv/bind" && : >"$drv/unbind"
for dev in "$root"/sys/bus/pci/devices/*; do
	case $(cat "$dev/driver_override" 2>/dev/null) in
	vfio-pci*) ;;
	*) continue ;;
	esac
	g=$(readlink "$dev/iommu_group") || continue
	# The group link and the driver link climb to the same /sys.
	up=${g%kernel/iommu_groups/*}
	rm -f "$dev/driver"
	ln -s "${up}bus/pci/drivers/vfio-pci" "$dev/driver"
	# The driver's side of the link, as the kernel makes it.
	ln -sfn "../../../../devices/${dev##*/}" "$drv/${dev##*/}"
	mkdir -p "$root/dev/vfio"
	: >"$root/dev/vfio/${g##*/}"
done
EOF2
	chmod 0755 "$m"
	echo "$m"
}

# now_process ROOT PID COMM NODE...: a process with each NODE open.
now_process() {
	np=$1/proc/$2
	mkdir -p "$np/fd"
	echo "$3" >"$np/comm"
	n=3
	shift 3
	for node in "$@"; do
		ln -s "$node" "$np/fd/$n"
		n=$((n + 1))
	done
}

# now_on_vfio ROOT ADDRESS: the function is on vfio-pci already, its node there.
now_on_vfio() {
	dev=$1/sys/bus/pci/devices/$2
	mkdir -p "$1/sys/bus/pci/drivers/vfio-pci"
	: >"$1/sys/bus/pci/drivers/vfio-pci/bind"
	: >"$1/sys/bus/pci/drivers/vfio-pci/unbind"
	g=$(readlink "$dev/iommu_group")
	rm -f "$dev/driver"
	ln -s "${g%kernel/iommu_groups/*}bus/pci/drivers/vfio-pci" "$dev/driver"
	ln -sfn "../../../../devices/$2" "$1/sys/bus/pci/drivers/vfio-pci/$2"
	printf 'vfio-pci\n' >"$dev/driver_override"
	mkdir -p "$1/dev/vfio"
	: >"$1/dev/vfio/${g##*/}"
}

# now_state ROOT ADDRESS...: each function's driver link and driver_override
# (its first line: a plain file keeps the tail of a longer earlier write).
now_state() {
	st_root=$1
	shift
	for a in "$@"; do
		dev=$st_root/sys/bus/pci/devices/$a
		drv=$(readlink "$dev/driver" 2>/dev/null) || drv=none
		printf '%s driver=%s override=%s\n' "$a" "${drv##*/}" \
			"$(head -n 1 "$dev/driver_override")"
	done
}
