/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hostdev — the PCI functions the host itself cannot do without: the
 * network card of its default route and the disk controllers under its
 * root and /boot file systems.  Handing one of them to vfio-pci (because
 * it shares the GPU's IOMMU group) would cut the host off its network or
 * its disk at the next boot.
 *
 * Best effort: a virtual interface, a network file system or a device the
 * root's sysfs does not describe yields "not found", never an error.
 */
#ifndef GP_HOSTDEV_H
#define GP_HOSTDEV_H

#include <stddef.h>

#include "gp_path.h"
#include "inventory.h"

/**
 * gp_pci_is_bridge - 1 when @d is a PCI-to-PCI bridge (class 0x0604).
 * A bridge in the GPU's IOMMU group is not handed to vfio-pci and does not
 * make the group unclean: the one rule for the plan and the wizard.
 */
int gp_pci_is_bridge(const struct gp_pci_dev *d);

/**
 * gp_pci_is_storage - 1 when @d is a mass storage controller (class 0x01):
 * in the GPU's group it makes GP_GUARD_GROUP apply.
 */
int gp_pci_is_storage(const struct gp_pci_dev *d);

/* Most PCI functions one mount can sit on (RAID, LVM over several disks). */
#define GP_HOSTDEV_MAX 8

/**
 * gp_default_route_nic - the PCI function of the default route's interface.
 * @p: the target root (/proc/net/route, /sys/class/net inside it).
 * @ifname: receives the interface name ("eno1"), "" when none.
 * @ifsize: size of @ifname.
 * @addr: receives its bus address.
 *
 * The IPv4 default route with the lowest metric wins.  Returns 1 when
 * found, 0 when there is no default route or it is not on a PCI function.
 */
int gp_default_route_nic(const struct gp_path *p, char *ifname, size_t ifsize,
			 char addr[GP_PCI_ADDR_LEN]);

/**
 * gp_mount_pci - the PCI functions under the file system mounted at @dir.
 * @p: the target root (its mountinfo and /sys/dev/block).
 * @dir: "/" or "/boot".
 * @addrs: receives up to GP_HOSTDEV_MAX bus addresses.
 *
 * The device of the mount is followed through /sys/dev/block/MAJ:MIN to
 * the nearest PCI function above it, and through its "slaves" (device
 * mapper, md RAID) to the disks below.  Returns how many were found.
 */
size_t gp_mount_pci(const struct gp_path *p, const char *dir,
		    char addrs[GP_HOSTDEV_MAX][GP_PCI_ADDR_LEN]);

#endif
