#!/bin/sh
# examples/demo.sh BUILDDIR: show gpupt-setup on a bundled demo machine — the
# tutorial's workstation with two identical RTX A4000s — in a scratch root.
# Nothing on this host is read or written outside BUILDDIR.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
b=${1:-$top/build}
machine=two-identical
root=$b/demo/$machine

rm -rf "$b/demo"
mkdir -p "$b/demo"
sh "$top/tests/fixtures/gen.sh" "$b/demo" "$machine"

echo "== gpupt-setup --root $root --list"
"$b/gpupt-setup" --root "$root" --list
echo
echo "== gpupt-setup --root $root --check"
rc=0
"$b/gpupt-setup" --root "$root" --check || rc=$?
echo
echo "(--check exit status: $rc; the demo machine's files are under $root)"
