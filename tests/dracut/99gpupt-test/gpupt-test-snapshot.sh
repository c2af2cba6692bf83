#!/bin/sh
# Test-only pre-udev hook, right after gpupt's (10): what is bound now.
sh /usr/lib/gpupt-test/init-top/snapshot
