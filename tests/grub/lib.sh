# shellcheck shell=sh
# Sourced by tests/ts/grub/<case> after tests/functions.sh.  Runs Debian's own
# grub-mkconfig and /etc/grub.d scripts against a made-up /etc/default and
# /boot, inside a private mount namespace, so the kernel command lines it
# writes can be checked without touching the host.
#
# Inside the namespace, bind mounts put over the host's paths:
#   /etc/default          <- $GRUB_WORK/etc-default (the case's grub files)
#   /boot                 <- $GRUB_WORK/boot (dummy kernel 6.1.0-99-amd64)
#   /usr/sbin/grub-probe  <- tests/grub/grub-probe (see there why)
# /etc/default and /boot are then made read-only, so nothing the generator
# does can land in them either.

PATH=$PATH:/usr/sbin:/sbin
export PATH

# What gpupt-setup asks the kernel for (a case may set fewer), and the file
# it writes them to (GP_GRUB_DROPIN_PATH in lib/gp_paths.h).
GRUB_FLAGS="intel_iommu=on iommu=pt"
GRUB_DROPIN=grub.d/99-gpupt.cfg
GRUB_KVER=6.1.0-99-amd64

GRUB_WORK=$TS_OUTDIR/grub
GRUB_ETC=$GRUB_WORK/etc-default

# grub_require: skip unless this can run (root, grub-common, unshare).
grub_require() {
	[ "$(id -u)" = 0 ] || ts_skip "needs root (private mount namespace)"
	for t in grub-mkconfig grub-script-check grub-mkrelpath unshare mount sha256sum; do
		command -v "$t" >/dev/null 2>&1 || ts_skip "$t not installed (apt-get install grub-common grub-pc-bin)"
	done
	[ -f /usr/sbin/grub-probe ] || ts_skip "/usr/sbin/grub-probe missing (apt-get install grub-common)"
	[ -d /etc/grub.d ] || ts_skip "/etc/grub.d missing (apt-get install grub-common)"
	unshare -m true 2>/dev/null || ts_skip "unshare -m not permitted here"
	rm -rf "$GRUB_WORK"
	mkdir -p "$GRUB_ETC/grub.d" "$GRUB_WORK/boot/grub" || ts_die "cannot make $GRUB_WORK"
	echo "dummy kernel image" >"$GRUB_WORK/boot/vmlinuz-$GRUB_KVER"
	echo "dummy initramfs" >"$GRUB_WORK/boot/initrd.img-$GRUB_KVER"
	cp "$TS_TOPDIR/tests/grub/grub-probe" "$GRUB_WORK/grub-probe" ||
		ts_die "cannot copy the grub-probe stand-in"
	chmod 755 "$GRUB_WORK/grub-probe" || ts_die "cannot chmod the grub-probe stand-in"
	grub_host_sum >"$GRUB_WORK/host-before" || ts_die "cannot checksum the host's files"
}

# grub_host_sum: every name, mode, size and content hash under the host paths
# the test hides, so a write to any of them shows.
grub_host_sum() {
	for d in /etc/default /boot /usr/sbin/grub-probe /etc/grub.d; do
		[ -e "$d" ] || { echo "absent $d"; continue; }
		find "$d" -xdev -printf '%p %y %m %s %l\n' | LC_ALL=C sort
		find "$d" -xdev -type f -exec sha256sum {} + | LC_ALL=C sort -k2
	done
}

# grub_host_check: fail the case when the host's files changed.
grub_host_check() {
	grub_host_sum >"$GRUB_WORK/host-after" || ts_die "cannot checksum the host's files"
	diff -u "$GRUB_WORK/host-before" "$GRUB_WORK/host-after" >&2 ||
		ts_die "the host's /etc/default, /boot or grub files changed"
}

# grub_dropin: the drop-in gpupt-setup itself writes.  It plans and applies
# on a scratch copy of machine $GRUB_MACHINE whose /etc/default is the
# case's own (so the plan decides against the layout grub-mkconfig then
# reads), with the generators replaced, and the file it wrote there is what
# grub-mkconfig gets.  The default machine, plan-intel-off, has VT-d off by
# default (intel_iommu=on needed) and iommu=pt in /proc/cmdline only: this
# boot's, which the next boot does not get from the case's files, so the
# drop-in must carry both.
GRUB_MACHINE=plan-intel-off
# These cases check the normal entries of a permanent apply (trial = no);
# tests/ts/grub/trial-emu checks the trial boot.
GRUB_ANSWERS='gpu = 0000:01:00.0
iommu_pt = yes
force = iommu
trial = no'
grub_dropin() {
	gd_root=$(ts_fixture "$GRUB_MACHINE") || ts_die "no $GRUB_MACHINE fixture"
	rm -rf "$gd_root/etc/default/grub" "$gd_root/etc/default/grub.d"
	cp -R "$GRUB_ETC/." "$gd_root/etc/default/" || ts_die "cannot copy the case's /etc/default"
	printf '%s\n' "$GRUB_ANSWERS" >"$GRUB_WORK/answers"
	# The initramfs stand-in builds the image apply reads back (tests/txn/generator.sh).
	GPUPT_UPDATE_INITRAMFS=$TS_TOPDIR/tests/txn/update-initramfs GPUPT_TEST_LOG=/dev/null \
		GPUPT_UNMKINITRAMFS=$(command -v unmkinitramfs) GPUPT_UPDATE_GRUB=/bin/true \
		"$GPUPT_SETUP_BIN" --root "$gd_root" --answers "$GRUB_WORK/answers" \
		>"$GRUB_WORK/apply.log" 2>&1 || {
		cat "$GRUB_WORK/apply.log" >&2
		ts_die "gpupt-setup --answers failed on $GRUB_MACHINE"
	}
	cp "$gd_root/etc/default/grub.d/99-gpupt.cfg" "$GRUB_ETC/$GRUB_DROPIN" ||
		ts_die "gpupt-setup wrote no /etc/default/grub.d/99-gpupt.cfg"
	grep -q "$GRUB_FLAGS" "$GRUB_ETC/$GRUB_DROPIN" ||
		ts_die "the drop-in does not add $GRUB_FLAGS"
}

# grub_mkconfig NAME: run grub-mkconfig in the namespace into
# $GRUB_WORK/NAME.cfg.  With GRUB_D set, that directory is /etc/grub.d
# there (a copy of the host's with gpupt-setup's trial script).
grub_mkconfig() {
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare -m sh -c '
		set -e
		mount --make-rprivate /
		mount --bind "$1" /etc/default
		mount --bind "$2" /boot
		mount --bind "$3" /usr/sbin/grub-probe
		[ -z "$5" ] || mount --bind "$5" /etc/grub.d
		mount -o remount,bind,ro /etc/default
		mount -o remount,bind,ro /boot
		exec grub-mkconfig -o "$4"
	' grub-ns "$GRUB_ETC" "$GRUB_WORK/boot" "$GRUB_WORK/grub-probe" "$GRUB_WORK/$1.cfg" \
		"${GRUB_D:-}" \
		>"$GRUB_WORK/$1.log" 2>&1 || {
		cat "$GRUB_WORK/$1.log" >&2
		ts_die "grub-mkconfig failed ($1)"
	}
}

# grub_lines NAME: the dummy kernel's linux lines that 10_linux wrote, one
# per line as "normal ARGS" or "recovery ARGS" (ARGS: what follows root=...).
grub_lines() {
	awk -v kernel="/vmlinuz-$GRUB_KVER" '
		/^### BEGIN \/etc\/grub.d\/10_linux ###/ { in10 = 1; next }
		/^### END \/etc\/grub.d\/10_linux ###/ { in10 = 0; next }
		in10 && $1 == "linux" && substr($2, length($2) - length(kernel) + 1) == kernel {
			kind = "normal"; args = ""
			for (i = 3; i <= NF; i++) {
				if (i == 3 && $i ~ /^root=/) continue
				if ($i == "single" || $i == "recovery") kind = "recovery"
				args = args (args == "" ? "" : " ") $i
			}
			print kind, args
		}' "$GRUB_WORK/$1.cfg"
}

# grub_has ARGS WORD...: do the words all appear in ARGS?
grub_has() {
	a=" $1 "; shift
	for w in "$@"; do
		case $a in *" $w "*) ;; *) return 1 ;; esac
	done
	return 0
}

# grub_report NAME FLAGS_EXPECTED WORD...: print the summary of NAME.cfg and
# check it: at least one normal and one recovery line; every normal line
# carries the original WORDs and, when FLAGS_EXPECTED is yes, the flags; no
# recovery line carries either flag; without the drop-in no line does.
grub_report() {
	name=$1 want=$2; shift 2
	grub_lines "$name" >"$GRUB_WORK/$name.lines" || ts_die "cannot read $name.cfg"
	normal=0 nflags=0 recovery=0 rflags=0
	while read -r kind args; do
		flagged=no
		# shellcheck disable=SC2086 # GRUB_FLAGS is a word list
		if grub_has "$args" $GRUB_FLAGS; then flagged=yes; fi
		for f in $GRUB_FLAGS; do
			grub_has "$args" "$f" && [ $flagged = no ] &&
				ts_die "$name: only part of the flags on: $args"
		done
		if [ "$kind" = normal ]; then
			normal=$((normal + 1))
			[ $flagged = yes ] && nflags=$((nflags + 1))
			grub_has "$args" "$@" || ts_die "$name: original parameters ($*) lost: $args"
		else
			recovery=$((recovery + 1))
			[ $flagged = yes ] && rflags=$((rflags + 1))
		fi
	done <"$GRUB_WORK/$name.lines"
	[ $normal -gt 0 ] || ts_die "$name: no normal linux line for $GRUB_KVER"
	[ $recovery -gt 0 ] || ts_die "$name: no recovery linux line for $GRUB_KVER"
	[ $rflags -eq 0 ] || ts_die "$name: a recovery entry carries $GRUB_FLAGS"
	if [ "$want" = yes ]; then
		[ $nflags -eq $normal ] || ts_die "$name: a normal entry lacks $GRUB_FLAGS"
	else
		[ $nflags -eq 0 ] || ts_die "$name: $GRUB_FLAGS present without the drop-in"
	fi
	echo "  normal linux lines: $normal, with $GRUB_FLAGS: $nflags"
	echo "  recovery linux lines: $recovery, with $GRUB_FLAGS: $rflags"
	sed 's/^normal /  normal:   /; s/^recovery /  recovery: /' "$GRUB_WORK/$name.lines" | LC_ALL=C sort -u
}

# grub_case WORD...: the whole check for the /etc/default files the case put
# in $GRUB_ETC: grub-mkconfig without, then with gpupt-setup's drop-in;
# WORDs are the parameters every normal entry must keep.
grub_case() {
	grub_mkconfig before
	echo "without $GRUB_DROPIN:"
	grub_report before no "$@"
	grub_dropin
	grub_mkconfig after
	echo "with $GRUB_DROPIN:"
	grub_report after yes "$@"
	grub_host_check
}
