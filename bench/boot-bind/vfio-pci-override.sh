#!/bin/sh
# The seed tutorial's vfio-pci-override.sh, rewritten for the benchmark
# machine: the three functions to give away are 0000:01:00.0 and both
# functions of the slot at 0000:03:00 (reached, as the tutorial does, through
# the first function's iommu_group).  modprobe runs it in place of loading
# vfio-pci ("install vfio-pci" in modprobe.d); -i then loads the module
# itself, and vfio-pci takes every device whose driver_override names it.
echo "vfio-pci" >/sys/bus/pci/devices/0000:01:00.0/driver_override
echo "vfio-pci" >/sys/bus/pci/devices/0000:03:00.0/iommu_group/devices/0000:03:00.0/driver_override
echo "vfio-pci" >/sys/bus/pci/devices/0000:03:00.0/iommu_group/devices/0000:03:00.1/driver_override
modprobe -i vfio-pci
