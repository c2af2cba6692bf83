#!/bin/sh
# tests/txn/generator.sh TOOL ARGS...: the test double for update-initramfs
# and update-grub (tests/txn/update-initramfs and update-grub call it).
# It appends "TOOL ARGS" to $GPUPT_TEST_LOG and says what it would do.
# GPUPT_TEST_FAIL=TOOL makes it fail; with GPUPT_TEST_FAIL_ONCE=FILE only
# while FILE does not exist (it is created on failing), so the run again
# after a rollback succeeds.
#
# As update-initramfs (-u -k K) or dracut (--force IMAGE K) it really builds
# the image in the root gpupt-setup names in $GPUPT_ROOT (run.h): a newc
# cpio archive, gzip'd, reproducible (same files, same bytes), holding what
# our hooks put there: scripts/init-top/gpupt (dracut: its pre-udev hook)
# always, and sbin/gpupt-bind and a copy of the root's etc/gpupt/bind.conf
# when that lists something (initramfs-hook/gpupt).  gpupt-setup then reads
# it back with the real unmkinitramfs or lsinitrd.  GPUPT_TEST_IMAGE spoils
# it: drop-binder leaves gpupt-bind out, stale-conf puts in a bind.conf
# other than the root's, keep-binder puts gpupt-bind and the bind.conf in
# even when bind.conf lists nothing; several words spoil it each way.
#
# GPUPT_TEST_HANG=TOOL makes it hang (GPUPT_TEST_HANG_ONCE=FILE: only while
# FILE does not exist, as for failing), with a second process of its group
# (a sleep) to show that the whole group is stopped: it writes "PID
# SLEEP_PID" to $GPUPT_TEST_HANG_PIDS once both run.  With
# GPUPT_TEST_HANG_NOTERM=1 both ignore SIGTERM, so only SIGKILL ends them.
#
# As grub-editenv (FILE set|unset WORD) it runs the real grub-editenv on the
# root's FILE, so GRUB itself could read what it wrote.
set -u
tool=$1
shift
echo "$tool $*" >>"${GPUPT_TEST_LOG:?}"
echo "(test) $tool $*"
if [ "${GPUPT_TEST_FAIL:-}" = "$tool" ]; then
	once=${GPUPT_TEST_FAIL_ONCE:-}
	if [ -z "$once" ] || [ ! -e "$once" ]; then
		[ -z "$once" ] || : >"$once"
		echo "(test) $tool: failing as asked" >&2
		exit 1
	fi
fi
if [ "${GPUPT_TEST_HANG:-}" = "$tool" ]; then
	once=${GPUPT_TEST_HANG_ONCE:-}
	if [ -z "$once" ] || [ ! -e "$once" ]; then
		[ -z "$once" ] || : >"$once"
		[ -z "${GPUPT_TEST_HANG_NOTERM:-}" ] || trap '' TERM
		sleep 600 &
		pids=${GPUPT_TEST_HANG_PIDS:?}
		echo "$$ $!" >"$pids.new" && mv "$pids.new" "$pids"
		echo "(test) $tool: hanging as asked"
		wait
		exit 1
	fi
fi

# spoiled WORD: is WORD one of the words in $GPUPT_TEST_IMAGE?
spoiled() {
	case " ${GPUPT_TEST_IMAGE:-} " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

# build_image ROOT IMAGE HOOK: the image at ROOT/IMAGE, HOOK the script's name in it.
build_image() {
	dir=$(mktemp -d) || exit 1
	conf=$1/etc/gpupt/bind.conf
	mkdir -p "$dir/${3%/*}" "$dir/sbin" "$dir/etc/gpupt"
	printf '#!/bin/sh\n# gpupt boot script (test image)\n' >"$dir/$3"
	if { [ -f "$conf" ] && grep -q -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$conf"; } ||
		spoiled keep-binder; then
		spoiled drop-binder || printf '#!/bin/sh\n# gpupt-bind (test image)\n' >"$dir/sbin/gpupt-bind"
		if spoiled stale-conf || [ ! -f "$conf" ]; then
			printf '# stale\n0000:09:00.0\n' >"$dir/etc/gpupt/bind.conf"
		else
			cp "$conf" "$dir/etc/gpupt/bind.conf"
		fi
	fi
	chmod 0755 "$dir/$3" "$dir/sbin/gpupt-bind" 2>/dev/null
	find "$dir" -exec touch -h -d @0 {} +
	(cd "$dir" && find . -mindepth 1 | LC_ALL=C sort |
		cpio --quiet -o -H newc --reproducible -R 0:0) | gzip -n >"$1$2.new" &&
		mv "$1$2.new" "$1$2"
	rc=$?
	rm -rf "$dir"
	return $rc
}

root=${GPUPT_ROOT:-}
if [ -n "$root" ]; then
	[ "$root" != / ] || root=""
	if [ "${1:-}" = -u ] && [ "${2:-}" = -k ] && [ -n "${3:-}" ]; then
		build_image "$root" "/boot/initrd.img-$3" scripts/init-top/gpupt || exit 1
	elif [ "${1:-}" = --force ] && [ -n "${2:-}" ]; then
		build_image "$root" "$2" usr/lib/dracut/hooks/pre-udev/10-gpupt-pre-udev.sh || exit 1
	elif [ "$tool" = grub-editenv ] && [ -n "${1:-}" ]; then
		f=$1
		shift
		mkdir -p "$root${f%/*}" && exec grub-editenv "$root$f" "$@"
	fi
fi
exit 0
