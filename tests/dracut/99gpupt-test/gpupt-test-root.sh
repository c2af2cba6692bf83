#!/bin/sh
# Test-only cmdline hook: no root filesystem to find; say there is one so
# that init goes on to udev and pre-mount instead of dying here.
# shellcheck disable=SC2034 # read by dracut's init
root=gpupt-test
# shellcheck disable=SC2034
rootok=1
