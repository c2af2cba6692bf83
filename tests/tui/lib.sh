# shellcheck shell=sh
# tests/tui/lib.sh: drive the wizard in a detached tmux session and read
# its screen.  Sourced after tests/functions.sh by tests/ts/tui/<case>.
#
# Every session runs on a private tmux server (-L) with its own socket
# directory, so tests never meet a user's tmux or each other.

command -v tmux >/dev/null 2>&1 || ts_skip "tmux is not installed"

TUI_RUN=0
TUI_TIMEOUT=${TUI_TIMEOUT:-20}
TMUX_TMPDIR=$TS_OUTDIR/tmux
export TMUX_TMPDIR
mkdir -p "$TMUX_TMPDIR"
unset TMUX

tui_tmux() {
	tmux -L "gpupt-test-$$-$TUI_RUN" "$@"
}

# tui_start [ENV=VALUE...] -- ARGS...: run gpupt-setup ARGS in an 80x24
# terminal (TERM=screen, LC_ALL=C.UTF-8, LANGUAGE empty unless ENV sets it).  Its exit status is
# written to $TS_OUTDIR/tui.rc when it ends.
tui_start() {
	envs=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs="$envs $(tui_quote "$1")"
		shift
	done
	[ "${1:-}" = "--" ] && shift
	args=""
	for a in "$@"; do
		args="$args $(tui_quote "$a")"
	done
	rm -f "$TS_OUTDIR/tui.rc"
	# A server of its own each time: a killed one may linger a moment.
	TUI_RUN=$((TUI_RUN + 1))
	# shellcheck disable=SC2016 # expanded by the shell inside tmux
	tui_tmux new-session -d -x 80 -y 24 -s wiz -c "$PWD" \
		"env TERM=screen LC_ALL=C.UTF-8 LANGUAGE= $envs \
		${TUI_VALGRIND:+${GPUPT_VALGRIND:-}} $(tui_quote "$GPUPT_SETUP_BIN") $args \
		2>$(tui_quote "$TS_OUTDIR/tui.stderr"); echo \$? >$(tui_quote "$TS_OUTDIR/tui.rc"); sleep 600" ||
		ts_die "tmux cannot start"
	trap tui_exit EXIT
}

# tui_generators: recording stand-ins for update-initramfs and update-grub in
# $TUI_BIN; each call is appended to $TS_OUTDIR/gen.log.  The Review screen
# shows their path: it lives in a directory whose name has the same length
# wherever the build is (/tmp/gpupt-gen.XXXXXX), and tui_screen masks the
# random part, so golden screens wrap the same everywhere.  While the
# file $TS_OUTDIR/fail-initramfs exists, update-initramfs fails once (and
# removes it, so the rollback's second run succeeds).
tui_generators() {
	TUI_BIN=$(mktemp -d /tmp/gpupt-gen.XXXXXX) || ts_die "mktemp failed"
	trap tui_exit EXIT
	for tool in update-initramfs update-grub; do
		cat >"$TUI_BIN/$tool" <<-GEN
		#!/bin/sh
		echo "$tool \$*" >>"$TS_OUTDIR/gen.log"
		echo "$tool: working on \$*"
		if [ "$tool" = update-initramfs ] && [ -e "$TS_OUTDIR/fail-initramfs" ]; then
			rm -f "$TS_OUTDIR/fail-initramfs"
			echo "E: $tool: cannot write the image (test double told to fail)" >&2
			exit 1
		fi
		GPUPT_TEST_LOG=/dev/null sh "$TS_TOPDIR/tests/txn/generator.sh" $tool "\$@" >/dev/null || exit 1
		echo "$tool: done"
		GEN
		chmod +x "$TUI_BIN/$tool"
	done
	# Beside the others, so a screen that shows its path shows the same on any checkout.
	printf '#!/bin/sh\nexec sh "%s/tests/txn/generator.sh" grub-editenv "$@"\n' "$TS_TOPDIR" \
		>"$TUI_BIN/grub-editenv" || ts_die "cannot write the grub-editenv stand-in"
	chmod +x "$TUI_BIN/grub-editenv"
	# The images of the roots copied so far, as the stand-in builds them, so
	# a rollback (which runs it again) gives back the same bytes.
	for tg_img in "$TS_OUTDIR"/root-*/boot/initrd.img-*; do
		[ -f "$tg_img" ] || continue
		GPUPT_ROOT=${tg_img%/boot/*} GPUPT_TEST_LOG=/dev/null sh "$TS_TOPDIR/tests/txn/generator.sh" \
			update-initramfs -u -k "${tg_img##*/initrd.img-}" >/dev/null || ts_die "cannot build $tg_img"
	done
	: >"$TS_OUTDIR/gen.log"
}

# tui_start_wizard [ENV=VALUE...] -- ARGS...: tui_start with the stand-ins.
tui_start_wizard() {
	tui_start GPUPT_UPDATE_INITRAMFS="$TUI_BIN/update-initramfs" \
		GPUPT_UPDATE_GRUB="$TUI_BIN/update-grub" GPUPT_UNMKINITRAMFS=/usr/bin/unmkinitramfs \
		GPUPT_GRUB_EDITENV="$TUI_BIN/grub-editenv" GPUPT_TEST_LOG="$TS_OUTDIR/gen.log" "$@"
}

# tui_wait_lines N: wait until the pane is N lines high (after a resize).
tui_wait_lines() {
	tui_n=0
	while [ $tui_n -lt $((TUI_TIMEOUT * 20)) ]; do
		[ "$(tui_tmux capture-pane -p -t wiz | wc -l)" -eq "$1" ] && return 0
		sleep 0.05
		tui_n=$((tui_n + 1))
	done
	ts_die "the pane never became $1 lines high"
}

# tui_wait_frame COLS: wait until the frame (line 2) is COLS columns wide:
# the wizard has redrawn after a resize.
tui_wait_frame() {
	tui_n=0
	while [ $tui_n -lt $((TUI_TIMEOUT * 20)) ]; do
		tui_screen | sed -n 2p | grep -q "^.─\{$(($1 - 2))\}.\$" && return 0
		sleep 0.05
		tui_n=$((tui_n + 1))
	done
	tui_screen >&2
	ts_die "no frame $1 columns wide"
}

# tui_quote WORD: WORD quoted for sh.
tui_quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

tui_cleanup() {
	tui_tmux kill-server 2>/dev/null
	return 0
}

# tui_exit: at the end of the case, the server and the stand-ins go.
tui_exit() {
	tui_cleanup
	[ -z "${TUI_BIN:-}" ] || rm -rf "$TUI_BIN"
}

# tui_keys KEY...: type keys (tmux key names: Enter, Escape, Down, Tab, F1, q).
tui_keys() {
	tui_tmux send-keys -t wiz "$@"
}

# tui_screen: the screen as text, trailing blanks removed.
tui_screen() {
	tui_tmux capture-pane -p -t wiz |
		sed -e 's/[[:space:]]*$//' -e 's|/tmp/gpupt-gen\.[A-Za-z0-9]\{6\}|/tmp/gpupt-gen.XXXXXX|g'
}

# tui_wait TEXT: wait until TEXT (a fixed string) is on the screen; fail
# the case with the screen shown after $TUI_TIMEOUT seconds.
tui_wait() {
	tui_n=0
	while [ $tui_n -lt $((TUI_TIMEOUT * 20)) ]; do
		if tui_screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		tui_n=$((tui_n + 1))
	done
	echo "timed out waiting for: $1" >&2
	tui_screen >&2
	[ ! -f "$TS_OUTDIR/tui.stderr" ] || cat "$TS_OUTDIR/tui.stderr" >&2
	exit 1
}

# tui_wait_gone TEXT: wait until TEXT is no longer on the screen.
tui_wait_gone() {
	tui_n=0
	while [ $tui_n -lt $((TUI_TIMEOUT * 20)) ]; do
		if ! tui_screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		tui_n=$((tui_n + 1))
	done
	echo "timed out waiting for this to go: $1" >&2
	tui_screen >&2
	exit 1
}

# tui_wait_exit: wait for the program to end; prints its exit status.
tui_wait_exit() {
	tui_n=0
	while [ $tui_n -lt $((TUI_TIMEOUT * 20)) ]; do
		if [ -s "$TS_OUTDIR/tui.rc" ]; then
			cat "$TS_OUTDIR/tui.rc"
			return 0
		fi
		sleep 0.05
		tui_n=$((tui_n + 1))
	done
	echo "timed out waiting for gpupt-setup to end" >&2
	tui_screen >&2
	exit 1
}

# tui_settle: wait until the screen stops changing (two captures 50 ms
# apart agree), so a screen still being written is never taken.
tui_settle() {
	tui_n=0
	tui_prev=$(tui_screen)
	while [ $tui_n -lt $((TUI_TIMEOUT * 20)) ]; do
		sleep 0.05
		tui_cur=$(tui_screen)
		[ "$tui_cur" = "$tui_prev" ] && return 0
		tui_prev=$tui_cur
		tui_n=$((tui_n + 1))
	done
	ts_die "the screen never settled"
}

# tui_show NAME: print the settled screen under a heading, for the golden file.
tui_show() {
	tui_settle
	echo "== $1"
	tui_screen
}

# tui_tree_sum DIR: one checksum line per file (and symlink) under DIR,
# sorted, so two states of a root can be compared.
tui_tree_sum() {
	(cd "$1" && find . \( -type f -o -type l \) -print | LC_ALL=C sort | while read -r f; do
		if [ -L "$f" ]; then
			printf '%s -> %s\n' "$f" "$(readlink "$f")"
		else
			printf '%s %s\n' "$f" "$(cksum <"$f")"
		fi
	done)
}
