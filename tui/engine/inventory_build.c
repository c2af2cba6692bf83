/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * inventory_build — the inventory's steps in order: devices and groups
 * (inventory.c), their kernel modules (inventory_modules.c), what is known
 * of each GPU (inventory_gpus.c), then the pci.ids names.
 */
#include <errno.h>
#include <stdlib.h>

#include "inventory.h"
#include "inventory_int.h"

int gp_inventory_build(const struct gp_path *p, struct gp_inventory **out)
{
	struct gp_inventory *inv;
	int r;

	*out = NULL;
	inv = calloc(1, sizeof(*inv));
	if (!inv)
		return -ENOMEM;
	r = gp_inv_read_devices(p, inv);
	if (r == 0)
		r = gp_inv_lookup_modules(p, inv);
	if (r == 0)
		r = gp_inv_describe_gpus(p, inv);
	if (r == 0)
		r = gp_inv_lookup_names(p, inv);
	if (r < 0) {
		gp_inventory_free(inv);
		return r;
	}
	*out = inv;
	return 0;
}
