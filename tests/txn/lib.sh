# shellcheck shell=sh
# tests/txn/lib.sh: sourced by tests/ts/txn/* after tests/functions.sh.
# Test doubles for the generators, and a checksum of a whole root.

export GPUPT_UPDATE_INITRAMFS GPUPT_UPDATE_GRUB GPUPT_TEST_LOG GPUPT_UNMKINITRAMFS GPUPT_LSINITRD
export GPUPT_GRUB_EDITENV
GPUPT_UPDATE_INITRAMFS=$TS_TOPDIR/tests/txn/update-initramfs
GPUPT_UPDATE_GRUB=$TS_TOPDIR/tests/txn/update-grub
GPUPT_GRUB_EDITENV=$TS_TOPDIR/tests/txn/grub-editenv
GPUPT_TEST_LOG=$TS_OUTDIR/generators.log
: >"$GPUPT_TEST_LOG"
# The stand-in builds real images (generator.sh): the real readers check them.
GPUPT_UNMKINITRAMFS=$(command -v unmkinitramfs) || ts_skip "unmkinitramfs missing (initramfs-tools-core)"
GPUPT_LSINITRD=$(command -v lsinitrd) || GPUPT_LSINITRD=/usr/bin/lsinitrd

# txn_fixture NAME: ts_fixture NAME, with each /boot/initrd.img-K rebuilt
# as the stand-in builds it from the fixture's files, so a rollback (which
# runs the stand-in again) gives back the same bytes.
txn_fixture() {
	tf_root=$(ts_fixture "$1") || exit 1
	for tf_img in "$tf_root"/boot/initrd.img-*; do
		[ -f "$tf_img" ] || continue
		GPUPT_ROOT=$tf_root GPUPT_TEST_LOG=/dev/null sh "$TS_TOPDIR/tests/txn/generator.sh" \
			update-initramfs -u -k "${tf_img##*/initrd.img-}" >/dev/null ||
			ts_die "cannot build $tf_img"
	done
	echo "$tf_root"
}

# image_files ROOT KVER: the names in ROOT/boot/initrd.img-KVER, sorted.
image_files() {
	lsinitramfs "$1/boot/initrd.img-$2" | LC_ALL=C sort
}

# tree_sum ROOT [all]: one checksum of every file, directory and link under
# ROOT (names, types, modes, owners, link targets, contents of files under
# 1 MiB); /var/lib/gpupt is left out unless "all" is given.
tree_sum() {
	(
		cd "$1" || exit 1
		skip=./var/lib/gpupt
		[ "${2:-}" != all ] || skip=./-none-
		find . -path "$skip" -prune -o -printf '%p %y %m %U:%G %l\n' | LC_ALL=C sort
		find . -path "$skip" -prune -o -type f -size -1048576c -print0 |
			LC_ALL=C sort -z | xargs -0 -r sha256sum
	) | sha256sum | cut -d' ' -f1
}

# tree_list ROOT: the listing tree_sum checks, for a failure message.
tree_list() {
	(cd "$1" && find . -printf '%p %y %m %U:%G %s\n' | LC_ALL=C sort)
}

# ts_gpupt_all ARGS...: run gpupt-setup with stderr joined to stdout (minus
# valgrind's own notes), the scratch directory written OUT and the source
# directory TOPDIR (OUT first: the build directory may lie inside the
# source), then print the exit status.
ts_gpupt_all() {
	{
		ts_gpupt "$@" 2>&1
		echo "exit status: $?"
	} | grep -Ev '^(--|==)[0-9]+(--|==)' | sed -e "s|$TS_OUTDIR|OUT|g" -e "s|$TS_TOPDIR|TOPDIR|g"
}

# hang_wait FILE: wait (60 s at most) for the hanging stand-in to write
# "PID SLEEP_PID" to FILE (GPUPT_TEST_HANG_PIDS).
hang_wait() {
	hp_n=0
	while [ ! -s "$1" ]; do
		hp_n=$((hp_n + 1))
		[ $hp_n -le 600 ] || ts_die "the stand-in never started hanging"
		sleep 0.1
	done
}

# group_of PID: the process group of PID.
group_of() {
	ps -o pgid= -p "$1" | tr -d ' '
}

# group_left PGID: the processes of group PGID that still run (zombies,
# which nobody may reap once their parent is gone, do not count).
group_left() {
	ps -e -o pid=,pgid=,stat= | awk -v g="$1" '$2 == g && $3 !~ /^Z/ { print $1 }'
}

# group_gone PGID SECONDS: is group PGID empty within SECONDS?
group_gone() {
	gg_n=0
	while [ -n "$(group_left "$1")" ]; do
		gg_n=$((gg_n + 1))
		[ $gg_n -le $(($2 * 10)) ] || return 1
		sleep 0.1
	done
}

# ts_gpupt_bg ARGS...: ts_gpupt in the background; $! is then the process
# of gpupt-setup itself (or of the valgrind running it), not of a subshell.
ts_gpupt_bg() {
	# shellcheck disable=SC2086 # GPUPT_VALGRIND is a command line
	(exec ${GPUPT_VALGRIND:-} "$GPUPT_SETUP_BIN" "$@") &
}

# running PID: is PID a process that runs (not a zombie)?
running() {
	ps -o stat= -p "$1" | grep -q '^[^Z]'
}
