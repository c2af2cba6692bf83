# shellcheck shell=sh
# Sourced by tests/ts/boot/* after tests/functions.sh.  Boots the stock
# Debian kernel under QEMU with an initramfs made by the real mkinitramfs,
# carrying our hook and init-top script, and reports what the kernel bound.
#
# The base image is built once per set of inputs and cached in
# $TS_BUILDDIR/boot; each boot appends a small cpio holding its own
# /etc/gpupt/bind.conf (the kernel unpacks concatenated archives in order,
# later files replacing earlier ones).
#
# Machine: q35 with an emulated VT-d, every device behind its own PCIe root
# port so bus numbers and IOMMU groups are stable:
#   0000:01:00.0  e1000e 8086:10d3     the "GPU" to give away
#   0000:02:00.0  e1000e 8086:10d3     its identical twin, kept by the host
#   0000:03:00.0  e1000e 8086:10d3     multifunction slot: "GPU" ...
#   0000:03:00.1  intel-hda 8086:2668  ... and its "HDMI audio"
#
# BOOT_WITH_SETUP=yes: the image also carries gpupt-setup (copied by the
# test hook tests/boot/setup-hook as our hook copies gpupt-bind) and the
# guest script that runs the commands BOOT_COMMANDS lists (see report and
# boot_step_rc).

BOOT_HOOK=${GPUPT_BOOT_HOOK:-$TS_TOPDIR/initramfs-hook/gpupt}
BOOT_SCRIPT=${GPUPT_BOOT_SCRIPT:-$TS_TOPDIR/boot-script/gpupt}
BOOT_LIBDIR=$TS_TOPDIR/tests/boot
BOOT_CACHE=$TS_BUILDDIR/boot
BOOT_TIMEOUT=${GPUPT_BOOT_TIMEOUT:-150}

# The configuration the base image is built with: the hook puts gpupt-bind
# into the image only when the configuration names at least one device.
BOOT_SETUP_HOOK=$BOOT_LIBDIR/setup-hook

BOOT_BASE_CONF='# boot test base image
0000:01:00.0 8086:10d3
'

# boot_require: skip unless we can boot a stock kernel here; fail when our
# own pieces are missing.
boot_require() {
	boot_require_machine mkinitramfs
	[ -f "$BOOT_HOOK" ] || ts_die "no initramfs hook $BOOT_HOOK"
	[ -f "$BOOT_SCRIPT" ] || ts_die "no init-top script $BOOT_SCRIPT"
	if [ "${BOOT_WITH_SETUP:-}" = yes ]; then
		[ -x "$GPUPT_SETUP_BIN" ] || ts_die "no $GPUPT_SETUP_BIN: run make first"
		command -v chroot >/dev/null 2>&1 || ts_skip "no chroot"
	fi
}

# boot_require_machine BUILDER: what any boot test needs: root, QEMU, the
# stock kernel, gpupt-bind, and BUILDER (the initramfs generator) in PATH.
# Sets BOOT_KVER, BOOT_KERNEL and BOOT_ACCEL.
boot_require_machine() {
	[ "$(id -u)" -eq 0 ] || ts_skip "boot tests need root ($1, reading the kernel)"
	for c in qemu-system-x86_64 "$1" cpio timeout; do
		command -v "$c" >/dev/null 2>&1 || ts_skip "no $c"
	done
	BOOT_KVER=${GPUPT_BOOT_KVER:-}
	if [ -z "$BOOT_KVER" ]; then
		for k in /boot/vmlinuz-*-amd64; do
			[ -f "$k" ] || continue
			v=${k#/boot/vmlinuz-}
			[ -d "/lib/modules/$v" ] && BOOT_KVER=$v
		done
	fi
	[ -n "$BOOT_KVER" ] || ts_skip "no stock kernel (/boot/vmlinuz-*-amd64 with its modules)"
	BOOT_KERNEL=/boot/vmlinuz-$BOOT_KVER
	[ -r "$BOOT_KERNEL" ] || ts_skip "cannot read $BOOT_KERNEL"
	[ -d "/lib/modules/$BOOT_KVER" ] || ts_skip "no /lib/modules/$BOOT_KVER"
	[ -x "$GPUPT_BIND_BIN" ] || ts_die "no $GPUPT_BIND_BIN: run make first"
	# A stock kernel cannot run under every /dev/kvm (nested PVM, say):
	# only trust KVM when the real vendor module is loaded.
	BOOT_ACCEL=${GPUPT_BOOT_ACCEL:-tcg}
	if [ -z "${GPUPT_BOOT_ACCEL:-}" ] && [ -w /dev/kvm ] &&
		{ [ -d /sys/module/kvm_intel ] || [ -d /sys/module/kvm_amd ]; }; then
		BOOT_ACCEL=kvm
	fi
}

# boot_hash FILE...: a digest of the given files, the kernel and its modules.
boot_hash() {
	{
		echo "$BOOT_KVER"
		printf '%s' "$BOOT_BASE_CONF"
		cat "$@"
	} | cksum | tr ' ' '-'
}

# boot_confdir DIR [WITH_GPUPT]: a private initramfs-tools configuration
# (nothing global changes): MODULES=list with the drivers udev is to lose
# against; with WITH_GPUPT=yes our hook and init-top script plus the test
# scripts are added.
boot_confdir() {
	rm -rf "$1"
	mkdir -p "$1/hooks" "$1/scripts/init-top" "$1/scripts/init-premount" "$1/conf.d"
	if [ -f /etc/initramfs-tools/initramfs.conf ]; then
		cp /etc/initramfs-tools/initramfs.conf "$1/initramfs.conf"
	else
		: >"$1/initramfs.conf"
	fi
	# Later assignments win when mkinitramfs sources the file.
	printf '\nMODULES=list\nBUSYBOX=y\nKEYMAP=n\nRESUME=none\n' >>"$1/initramfs.conf"
	printf '%s\n' e1000e snd_hda_intel >"$1/modules"
	if [ "${2:-}" = yes ]; then
		boot_hook_variant >"$1/hooks/gpupt"
		cp "$BOOT_SCRIPT" "$1/scripts/init-top/gpupt"
		# Name order puts it right after gpupt, before udev (see report).
		cp "$BOOT_LIBDIR/report" "$1/scripts/init-top/gpupt-test-snapshot"
		chmod 0755 "$1/hooks/gpupt" "$1/scripts/init-top/"*
	fi
	cp "$BOOT_LIBDIR/report" "$1/scripts/init-premount/gpupt-test-report"
	if [ "${BOOT_WITH_SETUP:-}" = yes ]; then
		cp "$BOOT_SETUP_HOOK" "$1/hooks/gpupt-test-setup"
		# Name order: before gpupt-test-report, which powers off.
		cp "$BOOT_LIBDIR/report" "$1/scripts/init-premount/gpupt-test-commands"
		chmod 0755 "$1/hooks/gpupt-test-setup"
	fi
	chmod 0755 "$1/scripts/init-premount/"*
}

# boot_mkinitramfs CONFDIR OUT LOG [KEEPDIR]: run the real mkinitramfs;
# with KEEPDIR, its unpacked tree is kept there for inspection.
boot_mkinitramfs() {
	tmp=$2.tmpdir
	rm -rf "$tmp"
	mkdir -p "$tmp"
	keep=""
	[ -n "${4:-}" ] && keep=-k
	# shellcheck disable=SC2086 # $keep is an optional option
	if ! TMPDIR=$tmp mkinitramfs $keep -d "$1" -o "$2" "$BOOT_KVER" >"$3" 2>&1; then
		cat "$3" >&2
		rm -rf "$tmp"
		ts_die "mkinitramfs failed (log above)"
	fi
	if [ -n "$keep" ]; then
		rm -rf "$4"
		mv "$tmp"/mkinitramfs_* "$4" || ts_die "cannot find mkinitramfs' working tree"
	fi
	rm -rf "$tmp"
}

# boot_hook_variant: our hook as the image is to be built with it, to
# standard output.  With BOOT_NO_VFIO=yes the line that adds the vfio
# modules is left out (an image where "modprobe vfio-pci" fails); the
# line must be there to be left out.
boot_hook_variant() {
	if [ "${BOOT_NO_VFIO:-}" != yes ]; then
		cat "$BOOT_HOOK"
		return
	fi
	grep -q '^manual_add_modules vfio ' "$BOOT_HOOK" ||
		ts_die "$BOOT_HOOK has no 'manual_add_modules vfio' line to leave out"
	sed '/^manual_add_modules vfio /d' "$BOOT_HOOK"
}

# boot_base: build (or reuse) the base image; sets BOOT_BASE to its path.
# BOOT_NO_VFIO=yes: the image without the vfio modules; BOOT_WITH_SETUP=yes:
# the image with gpupt-setup (each cached apart; only the latter's key has
# gpupt-setup, so rebuilding it does not rebuild the others).
boot_base() {
	variant=std
	[ "${BOOT_NO_VFIO:-}" = yes ] && variant=novfio
	set --
	if [ "${BOOT_WITH_SETUP:-}" = yes ]; then
		[ "$variant" = std ] || ts_die "BOOT_WITH_SETUP=yes with BOOT_NO_VFIO=yes: no such image"
		variant=setup
		set -- "$GPUPT_SETUP_BIN" "$BOOT_SETUP_HOOK"
		[ -f /usr/share/misc/pci.ids ] && set -- "$@" /usr/share/misc/pci.ids
	fi
	key=$(boot_hash "$GPUPT_BIND_BIN" "$BOOT_HOOK" "$BOOT_SCRIPT" \
		"$BOOT_LIBDIR/lib.sh" "$BOOT_LIBDIR/report" /usr/sbin/mkinitramfs \
		"$BOOT_KERNEL" "/lib/modules/$BOOT_KVER/modules.dep" "$@")
	BOOT_BASE=$BOOT_CACHE/base-$variant-$key.img
	[ -f "$BOOT_BASE" ] && return 0
	t0=$(date +%s)
	mkdir -p "$BOOT_CACHE"
	rm -f "$BOOT_CACHE"/base-$variant-*.img
	work=$BOOT_CACHE/work.$$
	rm -rf "$work"
	mkdir -p "$work"
	printf '%s' "$BOOT_BASE_CONF" >"$work/bind.conf"
	boot_confdir "$work/conf" yes
	export GPUPT_BIND_CONF="$work/bind.conf"
	boot_mkinitramfs "$work/conf" "$work/base.img" \
		"$work/mkinitramfs.log" "$work/tree"
	boot_check_tree "$work/tree"
	boot_pad4 "$work/base.img"
	mv "$work/base.img" "$BOOT_BASE"
	rm -rf "$work"
	echo "base image built in $(($(date +%s) - t0)) s: $BOOT_BASE" >&2
}

# boot_pad4 FILE: pad FILE with zeros to a multiple of 4 bytes.  The kernel
# takes a cpio appended after a compressed archive only at a 4-byte aligned
# offset ("invalid magic at start of compressed archive" otherwise); the
# zeros in between are skipped.
boot_pad4() {
	size=$(wc -c <"$1")
	pad=$(((4 - size % 4) % 4))
	[ "$pad" -eq 0 ] || dd if=/dev/zero bs=1 count="$pad" 2>/dev/null >>"$1"
}

# boot_check_tree DIR: what the hook must have put into the image, and the
# order init-top runs in (gpupt, then the snapshot, before udev).
boot_check_tree() {
	t=$1
	[ -x "$t/sbin/gpupt-bind" ] || ts_die "initramfs lacks /sbin/gpupt-bind (hook did not install it)"
	cmp -s "$t/sbin/gpupt-bind" "$GPUPT_BIND_BIN" || ts_die "initramfs /sbin/gpupt-bind is not $GPUPT_BIND_BIN"
	[ -f "$t/etc/gpupt/bind.conf" ] || ts_die "initramfs lacks /etc/gpupt/bind.conf"
	if [ "${BOOT_NO_VFIO:-}" = yes ]; then
		! find "$t/lib/modules" -name 'vfio*.ko*' | grep -q . ||
			ts_die "initramfs has vfio modules although they were to be left out"
	else
		find "$t/lib/modules" -name 'vfio-pci.ko*' | grep -q . ||
			ts_die "initramfs lacks the vfio-pci module (hook must add it)"
	fi
	find "$t/lib/modules" -name 'e1000e.ko*' | grep -q . || ts_die "initramfs lacks e1000e"
	order=$(sed -n 's|^/scripts/init-top/\([^ ]*\) .*|\1|p' "$t/scripts/init-top/ORDER" | tr '\n' ' ')
	case " $order" in
	*" gpupt gpupt-test-snapshot "*" udev "*) ;;
	*) ts_die "init-top order is '$order': want gpupt, then gpupt-test-snapshot, before udev" ;;
	esac
	[ "${BOOT_WITH_SETUP:-}" = yes ] && boot_check_setup_tree "$t"
	return 0
}

# boot_check_setup_tree DIR: gpupt-setup is in the image, runs there (every
# library it links came along: it is run in a chroot of the tree), and the
# commands script runs before the report (which powers off).
boot_check_setup_tree() {
	t=$1
	cmp -s "$t/usr/sbin/gpupt-setup" "$GPUPT_SETUP_BIN" ||
		ts_die "initramfs /usr/sbin/gpupt-setup is not $GPUPT_SETUP_BIN (test hook did not copy it)"
	if [ -f /usr/share/misc/pci.ids ]; then
		cmp -s "$t/usr/share/misc/pci.ids" /usr/share/misc/pci.ids ||
			ts_die "initramfs lacks /usr/share/misc/pci.ids"
	fi
	chroot "$t" /usr/sbin/gpupt-setup --version >"$t.version" 2>&1 ||
		ts_die "gpupt-setup does not run inside the image's tree: $(cat "$t.version")"
	order=$(sed -n 's|^/scripts/init-premount/\([^ ]*\) .*|\1|p' "$t/scripts/init-premount/ORDER" | tr '\n' ' ')
	case " $order" in
	*" gpupt-test-commands "*"gpupt-test-report "*) ;;
	*) ts_die "init-premount order is '$order': want gpupt-test-commands before gpupt-test-report" ;;
	esac
}

# boot_overlay CONF OUT: a newc cpio holding /etc/gpupt/bind.conf = CONF
# and, when BOOT_COMMANDS is set, /etc/gpupt-test/commands = BOOT_COMMANDS
# (one shell command a line, run in order in the guest; see report).
boot_overlay() {
	ov=$TS_OUTDIR/overlay.$$
	rm -rf "$ov"
	mkdir -p "$ov/etc/gpupt"
	printf '%s' "$1" >"$ov/etc/gpupt/bind.conf"
	if [ -n "${BOOT_COMMANDS:-}" ]; then
		[ "${BOOT_WITH_SETUP:-}" = yes ] ||
			ts_die "BOOT_COMMANDS needs BOOT_WITH_SETUP=yes (the image with the commands script)"
		mkdir -p "$ov/etc/gpupt-test"
		printf '%s\n' "$BOOT_COMMANDS" >"$ov/etc/gpupt-test/commands"
	fi
	(cd "$ov" && find etc | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) >"$2" ||
		ts_die "cpio failed"
	rm -rf "$ov"
}

# boot_run NAME CONF [iommu|noiommu|vtd] [EXTRA CMDLINE...]: boot once with
# CONF as /etc/gpupt/bind.conf; the console goes to $TS_OUTDIR/NAME.console
# and the report lines (the '@@' ones) to $TS_OUTDIR/NAME.report.
# iommu: VT-d and intel_iommu=on; noiommu: neither (intel_iommu=off); vtd:
# VT-d, and only EXTRA CMDLINE says anything about it.
# BOOT_BUILD_BASE names the function that sets BOOT_BASE (default
# boot_base: the initramfs-tools image; tests/dracut/lib.sh sets its own).
boot_run() {
	name=$1 conf=$2 iommu=${3:-iommu}
	shift 2
	[ $# -gt 0 ] && shift
	"${BOOT_BUILD_BASE:-boot_base}"
	img=$TS_OUTDIR/$name.boot.img
	boot_overlay "$conf" "$TS_OUTDIR/$name.cpio"
	cat "$BOOT_BASE" "$TS_OUTDIR/$name.cpio" >"$img"
	if [ "$iommu" = iommu ]; then
		vtd="-device intel-iommu,intremap=off"
		karg="intel_iommu=on"
	elif [ "$iommu" = vtd ]; then
		# The machine has VT-d; what the kernel is told of it is the
		# caller's (a boot loader entry's words), nothing of ours.
		vtd="-device intel-iommu,intremap=off"
		karg=""
	else
		vtd=""
		karg="intel_iommu=off"
	fi
	t0=$(date +%s)
	# shellcheck disable=SC2086 # $vtd is a list of words
	timeout "$BOOT_TIMEOUT" qemu-system-x86_64 -machine q35 -accel "$BOOT_ACCEL" \
		-m 512 -smp 1 -nodefaults -display none -nic none -no-reboot \
		-serial stdio -monitor none \
		$vtd \
		-device pcie-root-port,id=rp1,bus=pcie.0,addr=0x2,chassis=1,slot=1 \
		-device pcie-root-port,id=rp2,bus=pcie.0,addr=0x3,chassis=2,slot=2 \
		-device pcie-root-port,id=rp3,bus=pcie.0,addr=0x4,chassis=3,slot=3 \
		-device e1000e,bus=rp1,addr=0.0,romfile= \
		-device e1000e,bus=rp2,addr=0.0,romfile= \
		-device e1000e,bus=rp3,addr=0.0,romfile=,multifunction=on \
		-device intel-hda,bus=rp3,addr=0.1 \
		-kernel "$BOOT_KERNEL" -initrd "$img" \
		-append "console=ttyS0 quiet panic=-1 $karg $*" \
		</dev/null >"$TS_OUTDIR/$name.console" 2>"$TS_OUTDIR/$name.qemu-stderr"
	rc=$?
	echo "boot $name: $(($(date +%s) - t0)) s (accel $BOOT_ACCEL)" >&2
	rm -f "$img"
	tr -d '\r' <"$TS_OUTDIR/$name.console" | sed -n 's/^.*@@//p' >"$TS_OUTDIR/$name.report"
	if ! grep -q '^report end' "$TS_OUTDIR/$name.report"; then
		echo "--- $name: qemu exit status $rc; console tail:" >&2
		tr -d '\r' <"$TS_OUTDIR/$name.console" | tail -n 40 >&2
		cat "$TS_OUTDIR/$name.qemu-stderr" >&2
		ts_die "$name: the boot did not reach the report (init-premount or pre-mount)"
	fi
	BOOT_REPORT=$TS_OUTDIR/$name.report
}

# boot_field ADDR FIELD [SECTION]: a field (driver, override, group, id) of a
# device as the report (SECTION=report, default) or the init-top snapshot
# (SECTION=snapshot) saw it; "-" when there is none.
boot_field() {
	sed -n "/^${3:-report} begin/,/^${3:-report} end/p" "$BOOT_REPORT" |
		awk -v a="$1" -v f="$2" '$1 == "dev" && $2 == a {
			for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] } }'
}

# boot_expect ADDR FIELD VALUE [SECTION]: fail unless the field has VALUE.
boot_expect() {
	got=$(boot_field "$1" "$2" "${4:-report}")
	[ "$got" = "$3" ] ||
		ts_die "$1: $2 is '$got' in the ${4:-report}, expected '$3' (see $BOOT_REPORT)"
}

# boot_expect_untouched: every device has its own driver and no override.
boot_expect_untouched() {
	for a in 0000:01:00.0 0000:02:00.0 0000:03:00.0; do
		boot_expect $a driver e1000e
		boot_expect $a override -
	done
	boot_expect 0000:03:00.1 driver snd_hda_intel
	boot_expect 0000:03:00.1 override -
}

# boot_kmsg_all: every kernel log line naming gpupt-bind, without timestamps
# (a crash report reads "gpupt-bind[PID]: segfault at ...").
boot_kmsg_all() {
	sed -n 's/^kmsg \[[ 0-9.]*\] //p' "$BOOT_REPORT"
}

# boot_kmsg: the lines gpupt-bind logged itself, without timestamps.
boot_kmsg() {
	boot_kmsg_all | grep '^gpupt-bind: '
}

# boot_status: the lines of /run/gpupt/bind.status.
boot_status() {
	sed -n 's/^status //p' "$BOOT_REPORT"
}

# boot_summary SECTION: the devices as the report (or the snapshot) saw
# them, one stable line each (IOMMU group numbers left out).
boot_summary() {
	sed -n "/^$1 begin/,/^$1 end/p" "$BOOT_REPORT" |
		awk '$1 == "dev" { print "  " $2, $3, $4, $5 }'
}

# boot_steps: how many commands the guest ran ("-" when it never got to
# the end of its list).
boot_steps() {
	n=$(sed -n 's/^steps \([0-9]*\)$/\1/p' "$BOOT_REPORT")
	echo "${n:--}"
}

# boot_step_rc N: the exit status of command N, as the guest's shell saw it
# (124 or 143: it ran out of time; "-": it never ended).
boot_step_rc() {
	n=$(sed -n "s/^step$1 rc \\([0-9]*\\)\$/\\1/p" "$BOOT_REPORT")
	echo "${n:--}"
}

# boot_step_out N: what command N printed (standard output and error).
boot_step_out() {
	sed -n "s/^step$1 out //p" "$BOOT_REPORT"
}

# boot_step_log N: command N, what it printed, its status and how long it
# took, for a person reading the test's log.
boot_step_log() {
	sed -n "/^step$1 begin/,/^step$1 end/p" "$BOOT_REPORT" |
		sed -n -e "s/^step$1 cmd /  \\$ /p" -e "s/^step$1 out /  | /p" \
			-e "s/^step$1 rc /  exit status /p" -e "s/^step$1 time /  uptime /p" \
			-e "s/^step$1 vfiodev /  \\/dev\\/vfio: /p"
}

# boot_expect_vfio_node ADDR SECTION: fail unless the guest's /dev/vfio has
# the node of ADDR's IOMMU group (the group is read from sysfs in the guest).
boot_expect_vfio_node() {
	case "$(boot_field "$1" group "$2")" in
	"" | -) ts_die "$1: no IOMMU group in $2 (see $BOOT_REPORT)" ;;
	esac
	boot_expect "$1" vfio yes "$2"
}
