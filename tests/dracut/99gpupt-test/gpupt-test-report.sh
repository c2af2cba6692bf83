#!/bin/sh
# Test-only pre-mount hook (udev has settled): the report, then power off.
sh /usr/lib/gpupt-test/report
