#!/bin/sh
# tests/txn/generator.sh TOOL ARGS...: the test double for update-initramfs
# and update-grub (tests/txn/update-initramfs and update-grub call it).
# It appends "TOOL ARGS" to $GPUPT_TEST_LOG and says what it would do.
# GPUPT_TEST_FAIL=TOOL makes it fail; with GPUPT_TEST_FAIL_ONCE=FILE only
# while FILE does not exist (it is created on failing), so the run again
# after a rollback succeeds.
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
exit 0
