/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * inventory_int.h — the inventory's steps that live in files of their own
 * (inventory_build.c calls them in order).  Not public.
 */
#ifndef GP_INVENTORY_INT_H
#define GP_INVENTORY_INT_H

#include "gp_path.h"
#include "inventory_data.h"

/** gp_inv_lookup_modules - each device's kernel modules from its modalias (libkmod). 0 or -errno. */
int gp_inv_lookup_modules(const struct gp_path *p, struct gp_inventory *inv);

/** gp_inv_describe_gpus - slots, identical cards and displays of every GPU. 0 or -errno. */
int gp_inv_describe_gpus(const struct gp_path *p, struct gp_inventory *inv);

/** gp_inv_mark_unknown - record that @field of @d could not be read (-errno @err). */
void gp_inv_mark_unknown(struct gp_pci_dev *d, const char *field, int err);

/** gp_inv_copy_names - a malloc'd copy of @n strings at @src into *@out. 0 or -ENOMEM. */
int gp_inv_copy_names(char **src, size_t n, char ***out);

/** gp_inv_free_names - free @n strings and the array @names. */
void gp_inv_free_names(char **names, size_t n);

/** gp_inv_read_devices - every PCI function and every IOMMU group of root @p into @inv. 0 or -errno. */
int gp_inv_read_devices(const struct gp_path *p, struct gp_inventory *inv);

/** gp_inv_lookup_names - vendor, device and class names from the root's pci.ids. 0 or -ENOMEM. */
int gp_inv_lookup_names(const struct gp_path *p, struct gp_inventory *inv);

#endif
