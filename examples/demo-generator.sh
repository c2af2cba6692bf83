#!/bin/sh
# examples/demo-generator.sh ARGS...: the harmless stand-in `make demo` puts in
# place of update-initramfs, update-grub and grub-editenv (GPUPT_UPDATE_INITRAMFS,
# GPUPT_UPDATE_GRUB, GPUPT_GRUB_EDITENV name a symlink to it called after the
# tool).  It says
# what the real tool would do, slowly enough to watch the progress; as
# update-initramfs it builds a small image in the demo root (GPUPT_ROOT) with
# the test stand-in, which gpupt-setup reads back before it says Done.
set -eu
args="$*"

case "$(basename "$0")" in
*editenv*) tool=grub-editenv ;;
*grub*) tool=update-grub ;;
*) tool=update-initramfs ;;
esac

if [ "$tool" = grub-editenv ]; then
	echo "(demo) $tool $*: in the demo root (what grub-reboot does)."
else
	echo "(demo) $tool $*: the real command would run here; nothing is changed."
fi
if [ "$tool" = grub-editenv ]; then
	# The demo root's grubenv, with the real grub-editenv (the trial's one-shot).
	GPUPT_TEST_LOG=/dev/null sh "$(dirname "$(readlink -f "$0")")/../tests/txn/generator.sh" \
		grub-editenv "$@" >/dev/null
elif [ "$tool" = update-grub ]; then
	for step in "Generating grub configuration file ..." "Found linux image" \
		"Found initrd image" "done"; do
		echo "(demo) $step"
		sleep 0.3
	done
else
	kver=""
	while [ $# -gt 0 ]; do
		[ "$1" = "-k" ] && [ $# -ge 2 ] && kver=$2
		shift
	done
	for step in "update-initramfs: Generating /boot/initrd.img-$kver" \
		"adding the gpupt hook: gpupt-bind, /etc/gpupt/bind.conf" \
		"compressing" "done"; do
		echo "(demo) $step"
		sleep 0.3
	done
	# shellcheck disable=SC2086 # the arguments, which have no blanks
	GPUPT_TEST_LOG=/dev/null sh "$(dirname "$(readlink -f "$0")")/../tests/txn/generator.sh" \
		update-initramfs $args >/dev/null
fi
