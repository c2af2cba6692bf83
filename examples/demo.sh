#!/bin/sh
# examples/demo.sh BUILDDIR: show gpupt-setup on a bundled demo machine — the
# tutorial's workstation with two identical RTX A4000s — in a scratch root.
# Nothing on this host is read or written outside BUILDDIR.
#
# On a terminal it runs the wizard as the user running it (the scratch root
# is theirs to write), with update-initramfs, update-grub and grub-editenv replaced by
# examples/demo-generator.sh; without a terminal it prints --list and --check.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
b=${1:-$top/build}
machine=two-identical
root=$b/demo/$machine

rm -rf "$b/demo"
mkdir -p "$b/demo/bin"
sh "$top/tests/fixtures/gen.sh" "$b/demo" "$machine"
# The stand-ins tell which tool they play by their name.
ln -s "$top/examples/demo-generator.sh" "$b/demo/bin/update-initramfs"
ln -s "$top/examples/demo-generator.sh" "$b/demo/bin/update-grub"
ln -s "$top/examples/demo-generator.sh" "$b/demo/bin/grub-editenv"

# Translations from the build tree, so LANGUAGE=de make demo works uninstalled.
locale_dir=$b/locale
for mo in "$b"/po/*.mo; do
	[ -f "$mo" ] || continue
	lang=$(basename "$mo" .mo)
	mkdir -p "$locale_dir/$lang/LC_MESSAGES"
	cp "$mo" "$locale_dir/$lang/LC_MESSAGES/gpupt-setup.mo"
done

# demo_setup ARGS...: gpupt-setup on the demo root, with the stand-ins.
demo_setup() {
	GPUPT_UPDATE_INITRAMFS=$b/demo/bin/update-initramfs \
	GPUPT_UPDATE_GRUB=$b/demo/bin/update-grub \
	GPUPT_GRUB_EDITENV=$b/demo/bin/grub-editenv \
	GPUPT_UNMKINITRAMFS=$(command -v unmkinitramfs) \
	GPUPT_LOCALEDIR=$locale_dir \
		"$b/gpupt-setup" --root "$root" "$@"
}

# DEMO_ARGS (tests/ts/docs/demo): the same machine and stand-ins, other options
# than the wizard (an --answers FILE apply, --revert).
if [ -n "${DEMO_ARGS:-}" ]; then
	# shellcheck disable=SC2086 # words, as a test gives them
	demo_setup $DEMO_ARGS
	exit
fi

if [ -t 0 ] && [ -t 1 ]; then
	rc=0
	demo_setup || rc=$?
	echo
	echo "(the wizard's exit status: $rc)"
	echo "The demo machine is $root; what the wizard wrote there:"
	for f in etc/gpupt/bind.conf etc/modprobe.d/gpupt.conf etc/default/grub.d/99-gpupt.cfg \
		etc/grub.d/42_gpupt-trial boot/grub/grubenv; do
		if [ -f "$root/$f" ]; then
			echo "  $root/$f"
		fi
	done
	if [ -d "$root/var/lib/gpupt" ]; then
		echo "  $root/var/lib/gpupt/ (the journal and history, for --revert)"
	else
		echo "  (nothing: no change was applied)"
	fi
	exit 0
fi

echo "== gpupt-setup --root $root --list"
"$b/gpupt-setup" --root "$root" --list
echo
echo "== gpupt-setup --root $root --check"
rc=0
"$b/gpupt-setup" --root "$root" --check || rc=$?
echo
echo "(--check exit status: $rc; the demo machine's files are under $root)"
echo "(run make demo on a terminal for the interactive wizard)"
