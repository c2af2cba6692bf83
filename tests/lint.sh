#!/bin/sh
# tests/lint.sh: the project's static rules, run by `make check`.
#  - the engine (tui/engine) never includes curses, never prints, never exits,
#    never reads the environment (main() hands it struct gp_plan_options);
#  - the wizard (tui/screens) never calls the command line (gp_cli_*, cli.h)
#    and no front end redirects a stream to capture printed text;
#  - every shell file is POSIX sh, clean under `shellcheck -s dash`.
set -u
cd "$(dirname "$0")/.." || exit 2
rc=0

if grep -n 'curses' tui/engine/*.[ch]; then
	echo "lint: the engine must not use curses (lines above)"
	rc=1
fi
if grep -nE '(^|[^a-z_])(printf|fprintf|vfprintf|puts|fputs|perror|exit|_exit)[[:space:]]*\(' tui/engine/*.c; then
	echo "lint: the engine must not print or exit (lines above)"
	rc=1
fi

if grep -rn 'getenv' tui/engine; then
	echo "lint: the engine must not read the environment: options come from main (lines above)"
	rc=1
fi

# The wizard renders engine data; it never calls the command line or captures its text.
if grep -rn 'gp_cli_\|cli\.h' tui/screens; then
	echo "lint: the wizard must not use the command-line front end (lines above)"
	rc=1
fi
if grep -rn 'dup2' tui/screens tui/cli; then
	echo "lint: no front end redirects a stream to capture text (lines above)"
	rc=1
fi

files=$(git ls-files --cached --others --exclude-standard 2>/dev/null || find . -type f ! -path './build/*' ! -path './.git/*')
sh_files="" bash_files=""
for f in $files; do
	[ -f "$f" ] || continue
	case "$f" in
	tests/fixtures/h100-vm/*) continue ;;
	esac
	if head -n 1 "$f" | grep -q '^#!.*/sh\b' || grep -q '^# shellcheck shell=sh' "$f" 2>/dev/null; then
		sh_files="$sh_files $f"
	elif head -n 1 "$f" | grep -q '^#!.*bash\b' || grep -q '^# shellcheck shell=bash' "$f" 2>/dev/null; then
		# dracut's module-setup.sh files are sourced by bash.
		bash_files="$bash_files $f"
	fi
done
# shellcheck disable=SC2086 # a list of file names without blanks
if ! shellcheck -s dash $sh_files; then
	echo "lint: shellcheck -s dash found problems (above)"
	rc=1
fi
# shellcheck disable=SC2086
if [ -n "$bash_files" ] && ! shellcheck -s bash $bash_files; then
	echo "lint: shellcheck -s bash found problems (above)"
	rc=1
fi
exit $rc
