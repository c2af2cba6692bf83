# shellcheck shell=sh
# Sourced by tests/ts/grub/trial-emu after tests/grub/lib.sh.  Boots the real
# GRUB (grub-emu, the GRUB of the host's grub-emu package) on a grub.cfg and
# grubenv in a directory, in a detached tmux, and reads which entry its own
# code selects: at the menu it presses e on the default entry, whose edit
# screen shows that entry's title (setparams) and linux line.
#
# grub-emu cannot write its grubenv (save_env on (host) is not supported),
# so the test clears next_entry itself between boots, as GRUB's save_env
# would: grub-editenv FILE set next_entry= (00_header: "set next_entry=;
# save_env next_entry").

# emu_require: skip unless grub-emu and tmux are there.
emu_require() {
	for t in grub-emu tmux grub-editenv; do
		command -v "$t" >/dev/null 2>&1 || ts_skip "$t not installed (apt-get install grub-emu tmux)"
	done
	[ -d /usr/lib/grub/x86_64-emu ] || ts_skip "/usr/lib/grub/x86_64-emu missing (grub-emu)"
}

# emu_wait SESSION TEXT: wait (up to 20 s) until the screen shows TEXT.
emu_wait() {
	ew_i=0
	while [ $ew_i -lt 200 ]; do
		tmux capture-pane -p -t "$1" 2>/dev/null | grep -q -F -- "$2" && return 0
		sleep 0.1
		ew_i=$((ew_i + 1))
	done
	tmux capture-pane -p -t "$1" >&2 2>/dev/null
	return 1
}

# emu_boot DIR: boot grub-emu on DIR/grub.cfg (prefix DIR, so load_env reads
# DIR/grubenv); print "title: TITLE" and "linux: ARGS" (ARGS: after root=...)
# of the entry GRUB selects.
emu_boot() {
	eb_s=gpupt-emu-$$
	tmux kill-session -t "$eb_s" 2>/dev/null
	tmux new-session -d -s "$eb_s" -x 220 -y 50 "grub-emu -d /usr/lib/grub/x86_64-emu" ||
		ts_die "cannot start grub-emu in tmux"
	emu_wait "$eb_s" "grub>" || { tmux kill-session -t "$eb_s"; ts_die "grub-emu gave no prompt"; }
	tmux send-keys -t "$eb_s" "set prefix=(host)$1" Enter
	tmux send-keys -t "$eb_s" "configfile \$prefix/grub.cfg" Enter
	emu_wait "$eb_s" "Press enter to boot" || emu_wait "$eb_s" "to edit the commands" || {
		tmux kill-session -t "$eb_s"
		ts_die "grub-emu showed no menu"
	}
	tmux send-keys -t "$eb_s" e
	emu_wait "$eb_s" "setparams" || { tmux kill-session -t "$eb_s"; ts_die "no edit screen"; }
	sleep 0.3
	# The edit box's frame (UTF-8 box drawing) out, so each line starts with its text.
	eb_box=$(printf '\342\224')
	tmux capture-pane -p -J -t "$eb_s" 2>/dev/null | LC_ALL=C sed "s/$eb_box./ /g" >"$1/screen"
	tmux kill-session -t "$eb_s"
	sed -n "s/^[[:space:]]*setparams '\\(.*\\)'[[:space:]]*$/title: \\1/p" "$1/screen"
	awk '$1 == "linux" { a = ""; for (i = 3; i <= NF; i++) a = a (a == "" ? "" : " ") $i
		print "linux: " a; exit }' "$1/screen"
}
