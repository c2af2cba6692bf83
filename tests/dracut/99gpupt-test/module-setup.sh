#!/bin/bash
# shellcheck shell=bash
# Test-only dracut module (never installed on a real system), the dracut
# side of tests/boot/report: there is no real root, so a cmdline hook
# claims one, a pre-udev hook right after gpupt's prints the "snapshot"
# section, and a pre-mount hook (udev has settled) prints the "report"
# section and powers the machine off.  The report script picks its section
# from its own path, so the snapshot copy lives under an init-top directory.

check() {
	return 255
}

depends() {
	return 0
}

install() {
	inst_multiple cat grep basename
	inst_simple "$GPUPT_TEST_REPORT" /usr/lib/gpupt-test/init-top/snapshot
	inst_simple "$GPUPT_TEST_REPORT" /usr/lib/gpupt-test/report
	# shellcheck disable=SC2154 # dracut sets $moddir
	inst_hook cmdline 99 "$moddir/gpupt-test-root.sh"
	inst_hook pre-udev 11 "$moddir/gpupt-test-snapshot.sh"
	inst_hook pre-mount 99 "$moddir/gpupt-test-report.sh"
}
