#!/bin/bash
# shellcheck shell=bash
# dracut module: put gpupt-bind, its config and the vfio-pci modules into
# the initramfs, and run gpupt-bind in the pre-udev hook, before udev loads
# the usual drivers.  The dracut counterpart of the initramfs-tools hook
# (initramfs-hook/gpupt); all the logic (kill switch, checks, loading
# vfio-pci) is in gpupt-bind; see gpupt-bind(8).
#
# GPUPT_BIND_BIN and GPUPT_BIND_CONF name the binary and the config to use
# (tests build images without installing anything).
#
# dracut sources this file in its own namespace: everything here is a
# function, with local variables.

# gpupt_bin, gpupt_conf: the files to copy into the image.
gpupt_bin() {
	echo "${GPUPT_BIND_BIN:-/usr/sbin/gpupt-bind}"
}

gpupt_conf() {
	echo "${GPUPT_BIND_CONF:-/etc/gpupt/bind.conf}"
}

# gpupt_unsafe CONF: why CONF, which says what is given away at boot, must
# not be packed (anyone but root could have written it), or nothing.
# gpupt-setup writes it 0644 root:root.  Its own owner and mode, through a
# symlink.
gpupt_unsafe() {
	local st uid gid mode
	# POSIX arithmetic, as the initramfs-tools hook has it: "0" makes %a octal.
	st=$(stat -L -c '%u %g %a' "$1")
	# shellcheck disable=SC2086 # three words, split on purpose
	set -- $st
	uid=${1-} gid=${2-} mode=$((0${3-}))
	if [ "$uid" != 0 ]; then
		echo "owned by uid $uid"
	elif [ $((mode & 2)) != 0 ]; then
		printf 'writable by others (mode %04o)\n' "$mode"
	elif [ $((mode & 16)) != 0 ] && [ "$gid" != 0 ]; then
		printf 'writable by group %s (mode %04o)\n' "$gid" "$mode"
	fi
}

# Included only when bind.conf lists something: an empty or absent config
# leaves the image exactly as it would be without gpupt.  Anything but
# comments and blank lines (CR included) counts as an entry; a malformed one
# is reported by gpupt-bind at boot.
check() {
	local bin conf unsafe
	bin=$(gpupt_bin)
	conf=$(gpupt_conf)
	[ -f "$conf" ] || return 1
	grep -q -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$conf" || return 1
	unsafe=$(gpupt_unsafe "$conf")
	if [ -n "$unsafe" ]; then
		derror "gpupt: $conf is $unsafe: not put into the initramfs, its devices will not be bound at boot (chown root:root $conf; chmod 0644 $conf; then rebuild)"
		return 1
	fi
	if [ ! -x "$bin" ]; then
		dwarn "gpupt: $bin missing: devices in $conf will not be bound at boot"
		return 1
	fi
	return 0
}

# The binder is static and base (always there) brings modprobe.
depends() {
	return 0
}

# modprobe resolves the dependencies (irqbypass, and whatever a given kernel
# splits out); built-in modules are skipped.  hostonly='' because a
# host-only image would otherwise leave out modules not loaded right now,
# and vfio-pci is rarely loaded before the first passthrough boot.
installkernel() {
	hostonly='' instmods vfio vfio_pci vfio_iommu_type1
}

install() {
	inst_simple "$(gpupt_bin)" /sbin/gpupt-bind
	inst_simple "$(gpupt_conf)" /etc/gpupt/bind.conf
	# shellcheck disable=SC2154 # dracut sets $moddir
	inst_hook pre-udev 10 "$moddir/gpupt-pre-udev.sh"
}
