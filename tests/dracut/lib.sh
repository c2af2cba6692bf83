# shellcheck shell=sh
# Sourced by tests/ts/dracut/* after tests/functions.sh.  The dracut side of
# tests/boot/lib.sh (sourced here; its QEMU machine, overlay, report and
# assertions are reused as they are): the base image is made by the real
# dracut, with our module (initramfs-hook/dracut/90gpupt) and the test-only
# one (tests/dracut/99gpupt-test) taken from the source tree.
#
# Nothing global changes: dracut reads its modules from $dracutbasedir/
# modules.d, so it runs with dracutbasedir set to a private copy of
# /usr/lib/dracut whose modules.d holds links to the installed modules plus
# copies of ours, with an empty configuration (--conf, --confdir).
#
# Built once per set of inputs, cached in $TS_BUILDDIR/dracut; each boot
# appends its own /etc/gpupt/bind.conf, as for initramfs-tools.

# shellcheck source=/dev/null
. "$TS_TOPDIR/tests/boot/lib.sh"

DRACUT_MODULE=${GPUPT_DRACUT_MODULE:-$TS_TOPDIR/initramfs-hook/dracut/90gpupt}
DRACUT_TESTMODULE=$TS_TOPDIR/tests/dracut/99gpupt-test
DRACUT_SYSDIR=/usr/lib/dracut
DRACUT_CACHE=$TS_BUILDDIR/dracut
# shellcheck disable=SC2034 # read by boot_run (tests/boot/lib.sh)
BOOT_BUILD_BASE=dracut_base

# dracut_require: skip unless dracut and QEMU can boot a stock kernel here.
dracut_require() {
	boot_require_machine dracut
	[ -f "$DRACUT_SYSDIR/modules.d/99base/module-setup.sh" ] ||
		ts_skip "no dracut modules in $DRACUT_SYSDIR/modules.d"
	[ -f "$DRACUT_MODULE/module-setup.sh" ] || ts_die "no dracut module $DRACUT_MODULE"
}

# dracut_basedir DIR: a private dracutbasedir: the dracut scripts copied,
# the installed modules linked, ours copied.
dracut_basedir() {
	rm -rf "$1"
	mkdir -p "$1/modules.d" "$1/dracut.conf.d"
	for f in "$DRACUT_SYSDIR"/*; do
		case ${f##*/} in modules.d | dracut.conf.d) continue ;; esac
		cp -a "$f" "$1/" || ts_die "cannot copy $f"
	done
	for m in "$DRACUT_SYSDIR"/modules.d/*; do
		case ${m##*/} in ??gpupt | ??gpupt-test) continue ;; esac
		ln -s "$m" "$1/modules.d/"
	done
	cp -R "$DRACUT_MODULE" "$1/modules.d/90gpupt"
	cp -R "$DRACUT_TESTMODULE" "$1/modules.d/99gpupt-test"
}

# dracut_build BASEDIR CONF OUT LOG KEEPDIR: run the real dracut, no host-only
# guessing, only the modules a boot to pre-mount needs (dash: hooks must be
# POSIX); the unpacked tree is left in KEEPDIR.
dracut_build() {
	d_tmp=$3.tmpdir
	rm -rf "$d_tmp" "$5"
	mkdir -p "$d_tmp/conf.d"
	if ! env dracutbasedir="$1" GPUPT_BIND_CONF="$2" GPUPT_BIND_BIN="$GPUPT_BIND_BIN" \
		GPUPT_TEST_REPORT="$BOOT_LIBDIR/report" \
		dracut --no-hostonly --force --keep --no-early-microcode \
		--conf /dev/null --confdir "$d_tmp/conf.d" --tmpdir "$d_tmp" \
		-m "dash base gpupt gpupt-test" --add-drivers "e1000e snd_hda_intel" \
		--kver "$BOOT_KVER" "$3" >"$4" 2>&1; then
		cat "$4" >&2
		rm -rf "$d_tmp"
		ts_die "dracut failed (log above)"
	fi
	mv "$d_tmp"/dracut.*/initramfs "$5" || ts_die "cannot find dracut's working tree"
	rm -rf "$d_tmp"
}

# dracut_base: build (or reuse) the base image; sets BOOT_BASE to its path.
dracut_base() {
	d_key=$(boot_hash "$GPUPT_BIND_BIN" "$DRACUT_MODULE"/* "$DRACUT_TESTMODULE"/* \
		"$TS_TOPDIR/tests/dracut/lib.sh" "$BOOT_LIBDIR/lib.sh" "$BOOT_LIBDIR/report" \
		/usr/bin/dracut "$DRACUT_SYSDIR/modules.d/99base/init.sh" \
		"$BOOT_KERNEL" "/lib/modules/$BOOT_KVER/modules.dep")
	BOOT_BASE=$DRACUT_CACHE/base-$d_key.img
	[ -f "$BOOT_BASE" ] && return 0
	d_t0=$(date +%s)
	mkdir -p "$DRACUT_CACHE"
	rm -f "$DRACUT_CACHE"/base-*.img
	d_work=$DRACUT_CACHE/work.$$
	rm -rf "$d_work"
	mkdir -p "$d_work"
	printf '%s' "$BOOT_BASE_CONF" >"$d_work/bind.conf"
	dracut_basedir "$d_work/basedir"
	dracut_build "$d_work/basedir" "$d_work/bind.conf" "$d_work/base.img" \
		"$d_work/dracut.log" "$d_work/tree"
	dracut_check_tree "$d_work/tree"
	boot_pad4 "$d_work/base.img"
	mv "$d_work/base.img" "$BOOT_BASE"
	rm -rf "$d_work"
	echo "dracut base image built in $(($(date +%s) - d_t0)) s: $BOOT_BASE" >&2
}

# dracut_check_tree DIR: what our module must have put into the image, and
# the hook order (gpupt, then the test snapshot, in pre-udev).
dracut_check_tree() {
	d_t=$1
	[ -x "$d_t/sbin/gpupt-bind" ] || ts_die "dracut image lacks /sbin/gpupt-bind"
	cmp -s "$d_t/sbin/gpupt-bind" "$GPUPT_BIND_BIN" ||
		ts_die "dracut image /sbin/gpupt-bind is not $GPUPT_BIND_BIN"
	[ -f "$d_t/etc/gpupt/bind.conf" ] || ts_die "dracut image lacks /etc/gpupt/bind.conf"
	find "$d_t/lib/modules/" -name 'vfio-pci.ko*' | grep -q . ||
		ts_die "dracut image lacks the vfio-pci module (installkernel must add it)"
	find "$d_t/lib/modules/" -name 'e1000e.ko*' | grep -q . || ts_die "dracut image lacks e1000e"
	d_order=$(cd "$d_t/lib/dracut/hooks/pre-udev" && printf '%s ' *)
	case " $d_order" in
	*" 10-gpupt-pre-udev.sh 11-gpupt-test-snapshot.sh "*) ;;
	*) ts_die "pre-udev hooks are '$d_order': want gpupt, then the test snapshot" ;;
	esac
}
