# shellcheck shell=sh
# Sourced by every tests/ts/<area>/<case>.  Provides the binaries, a scratch
# root made from a fixture, and output normalisation.

: "${TS_TOPDIR:?run through tests/run.sh}" "${TS_BUILDDIR:?}" "${TS_OUTDIR:?}"
export GPUPT_SETUP_BIN GPUPT_BIND_BIN
GPUPT_SETUP_BIN=$TS_BUILDDIR/gpupt-setup
GPUPT_BIND_BIN=$TS_BUILDDIR/gpupt-bind

# ts_die MESSAGE: fail the case.
ts_die() {
	echo "$*" >&2
	exit 1
}

# ts_skip REASON: skip the case (counted as a failure under CI).
ts_skip() {
	echo "skip: $*" >&2
	exit 77
}

# ts_fixture NAME: copy fixture NAME into a fresh scratch root, print its path.
# Generated fixtures come first, then the captured ones kept in the tree.
ts_fixture() {
	src=$TS_FIXTURES/$1
	[ -d "$src" ] || src=$TS_TOPDIR/tests/fixtures/$1
	[ -d "$src" ] || ts_die "no fixture $1"
	dst=$TS_OUTDIR/root-$1
	rm -rf "$dst"
	cp -a "$src" "$dst" || ts_die "cannot copy fixture $1"
	chmod -R u+w "$dst"
	echo "$dst"
}

# ts_gpupt ARGS...: run gpupt-setup (under valgrind when the driver asks).
ts_gpupt() {
	# shellcheck disable=SC2086 # GPUPT_VALGRIND is a command line
	${GPUPT_VALGRIND:-} "$GPUPT_SETUP_BIN" "$@"
}

# ts_gpupt_rc ARGS...: like ts_gpupt, then print the exit status on its own line.
ts_gpupt_rc() {
	ts_gpupt "$@"
	echo "exit status: $?"
}
