/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * inventory — every PCI function of the target root, as passthrough sees it:
 * identity and names, driver and candidate modules, IOMMU group and its
 * members, boot VGA, NUMA node, BAR sizes, and for GPUs the functions of the
 * same slot, the connected displays and the identical cards.
 *
 * A value that cannot be read (missing or malformed attribute, dangling
 * link, unreadable file) never fails the whole inventory: that field is
 * marked unknown with the reason (-errno) and recorded in the function's
 * list of unknowns.  Reasons beyond plain errno values:
 *   -EINVAL   the file exists but its content is malformed
 *   -ENOLINK  a symlink points nowhere (dangling)
 */
#ifndef GP_INVENTORY_H
#define GP_INVENTORY_H

#include <stdint.h>

#include "gp_path.h"
#include "inventory_data.h"

/**
 * gp_inventory_build - read the PCI view of the root.
 * @p: the target root.
 * @out: the inventory; release with gp_inventory_free().
 *
 * Fields that cannot be read are marked unknown per function (see the top
 * of this file); only a missing or unlistable /sys/bus/pci/devices, a
 * corrupt device directory name or memory exhaustion fail the call.
 * Returns 0 or -errno (-ENOENT: the root has no PCI sysfs).
 */
int gp_inventory_build(const struct gp_path *p, struct gp_inventory **out);

/** gp_inventory_free - release an inventory (NULL is fine). */
void gp_inventory_free(struct gp_inventory *inv);

/**
 * gp_inventory_find - the function at bus address @address.
 * Returns its index, or -1 when the inventory has no such function.
 */
long gp_inventory_find(const struct gp_inventory *inv, const char *address);

/** gp_pci_is_gpu - 1 when a 24-bit class code is a display controller (0x03xxxx). */
int gp_pci_is_gpu(uint32_t class_code);

#endif
