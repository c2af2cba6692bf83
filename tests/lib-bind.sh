#!/bin/sh
# Sourced by tests/ts/bind/*: a fake sysfs for gpupt-bind --root, and the
# means to see every file the binder wrote.
#
# The fake tree has the shape the binder reads: device directories under
# sys/devices/pci0000:00 with vendor/device/class/subsystem files, a
# driver_override holding "(null)" as the kernel shows it, relative links
# sys/bus/pci/devices/<BDF>, driver and iommu_group; drivers/<name> with
# plain bind/unbind files, and a plain sys/bus/pci/drivers_probe.  Plain
# files cannot bind anything: what the kernel would do is played by the
# modprobe double (bind_modprobe_double), and everything else is reported
# as the binder saw it.

# bind_root: make an empty machine in $TS_OUTDIR/root and print its path.
bind_root() {
	r=$TS_OUTDIR/root
	rm -rf "$r"
	mkdir -p "$r/sys/bus/pci/devices" "$r/sys/bus/pci/drivers" \
		"$r/sys/devices/pci0000:00" "$r/sys/kernel/iommu_groups" \
		"$r/proc" "$r/dev" "$r/run" "$r/etc/gpupt"
	: >"$r/sys/bus/pci/drivers_probe"
	: >"$r/dev/kmsg"
	echo "BOOT_IMAGE=/boot/vmlinuz-6.1.0-26-amd64 root=/dev/sda1 ro quiet" >"$r/proc/cmdline"
	echo "$r"
}

# bind_driver ROOT NAME: a registered driver with its bind/unbind files.
bind_driver() {
	drvdir=$1/sys/bus/pci/drivers/$2
	mkdir -p "$drvdir"
	for f in bind unbind new_id; do
		[ -e "$drvdir/$f" ] || : >"$drvdir/$f"
	done
}

# bind_dev ROOT BDF VENDOR:DEVICE CLASS SUBVENDOR:SUBDEVICE DRIVER|- GROUP|-
bind_dev() {
	d=$1/sys/devices/pci0000:00/$2
	mkdir -p "$d"
	echo "0x${3%:*}" >"$d/vendor"
	echo "0x${3#*:}" >"$d/device"
	echo "$4" >"$d/class"
	echo "0x${5%:*}" >"$d/subsystem_vendor"
	echo "0x${5#*:}" >"$d/subsystem_device"
	echo "(null)" >"$d/driver_override"
	ln -s "../../../devices/pci0000:00/$2" "$1/sys/bus/pci/devices/$2"
	if [ "$6" != - ]; then
		bind_driver "$1" "$6"
		ln -s "../../../bus/pci/drivers/$6" "$d/driver"
	fi
	if [ "$7" != - ]; then
		mkdir -p "$1/sys/kernel/iommu_groups/$7/devices"
		ln -s "../../../kernel/iommu_groups/$7" "$d/iommu_group"
		ln -s "../../../../devices/pci0000:00/$2" "$1/sys/kernel/iommu_groups/$7/devices/$2"
	fi
}

# bind_identical ROOT: two identical e1000e NICs (8086:10d3) in groups 13
# and 14, and a GPU slot with two functions (VGA + audio) in group 1.
bind_identical() {
	bind_dev "$1" 0000:03:00.0 8086:10d3 0x020000 8086:a01f e1000e 13
	bind_dev "$1" 0000:04:00.0 8086:10d3 0x020000 8086:a01f e1000e 14
	bind_dev "$1" 0000:01:00.0 10de:24b0 0x030000 10de:14ad - 1
	bind_dev "$1" 0000:01:00.1 10de:228b 0x040300 10de:14ad snd_hda_intel 1
}

# bind_modprobe_double ROOT: a modprobe that plays the kernel, path printed.
# It logs its arguments to $TS_OUTDIR/modprobe.log, registers vfio-pci, and
# vfio-pci takes every device whose driver_override says vfio-pci (as the
# kernel does for devices freed by unbind when the driver registers).
bind_modprobe_double() {
	m=$TS_OUTDIR/modprobe
	cat >"$m" <<EOF
#!/bin/sh
echo "modprobe \$*" >>"$TS_OUTDIR/modprobe.log"
root='$1'
EOF
	cat >>"$m" <<'EOF'
d=$root/sys/bus/pci/drivers/vfio-pci
mkdir -p "$d" && : >"$d/bind" && : >"$d/unbind" && : >"$d/new_id"
for dev in "$root"/sys/devices/pci0000:00/*; do
	[ "$(cat "$dev/driver_override")" = vfio-pci ] || continue
	rm -f "$dev/driver"
	ln -s ../../../bus/pci/drivers/vfio-pci "$dev/driver"
done
EOF
	chmod +x "$m"
	echo "$m"
}

# bind_modprobe_failing ROOT: a modprobe that fails as it does in an image
# built without the vfio modules: it logs its arguments to
# $TS_OUTDIR/modprobe.log, registers nothing and exits 1.  Path printed.
bind_modprobe_failing() {
	m=$TS_OUTDIR/modprobe
	cat >"$m" <<EOF
#!/bin/sh
echo "modprobe \$*" >>"$TS_OUTDIR/modprobe.log"
exit 1
EOF
	chmod +x "$m"
	echo "$m"
}

# bind_snapshot ROOT: one line per file and link of ROOT (content checksum
# or link target), to compare before and after a run.
bind_snapshot() {
	(cd "$1" && find . \( -type f -o -type l \) | LC_ALL=C sort | while read -r f; do
		if [ -L "$f" ]; then
			echo "$f -> $(readlink "$f")"
		else
			echo "$f $(cksum <"$f")"
		fi
	done)
}

# bind_changes BEFORE ROOT: every file or link that differs from the
# snapshot BEFORE, with its new content (sed -n l: "$" marks a line end, so
# a write without a newline shows as such).  /dev/kmsg is left to bind_kmsg.
bind_changes() {
	bind_snapshot "$2" >"$TS_OUTDIR/after"
	diff "$1" "$TS_OUTDIR/after" | sed -n 's/^> \.\/\([^ ]*\).*/\1/p' | while read -r f; do
		case "$f" in dev/kmsg) continue ;; esac
		if [ -L "$2/$f" ]; then
			echo "  $f -> $(readlink "$2/$f")"
		elif [ -f "$2/$f" ]; then
			echo "  $f:"
			case "$f" in
			# A sysfs attribute holds what the last write said; a plain
			# file keeps the tail of a longer earlier value after it.
			*/driver_override) sed -n 1l "$2/$f" | sed 's/^/    /' ;;
			*) sed -n l "$2/$f" | sed 's/^/    /' ;;
			esac
		fi
	done
	diff "$1" "$TS_OUTDIR/after" | sed -n 's/^< \.\/\([^ ]*\).*/\1/p' | while read -r f; do
		[ -e "$2/$f" ] || [ -L "$2/$f" ] || echo "  $f: removed"
	done
}

# bind_run ROOT [ARGS...]: run the binder on ROOT, print its output and status.
bind_run() {
	r=$1
	shift
	"$GPUPT_BIND_BIN" --root "$r" "$@"
	echo "exit status: $?"
}

# bind_case ROOT [ARGS...]: snapshot, run, then print what changed, the
# kernel log and the status file.
bind_case() {
	r=$1
	bind_snapshot "$r" >"$TS_OUTDIR/before"
	bind_run "$@"
	echo "written:"
	bind_changes "$TS_OUTDIR/before" "$r"
	echo "kmsg:"
	sed 's/^/  /' "$r/dev/kmsg"
	if [ -f "$TS_OUTDIR/modprobe.log" ]; then
		echo "modprobe:"
		sed 's/^/  /' "$TS_OUTDIR/modprobe.log"
	fi
}
