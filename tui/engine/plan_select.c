/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which functions go to vfio-pci: the GPU, its slot, or its IOMMU group.
 */
#include "plan_int.h"

#include <errno.h>
#include <string.h>

#include "hostdev.h"
#include "inventory.h"

/* --- which functions ------------------------------------------------------ */

/* Mark inventory index @k as chosen. */
static void take(char *chosen, long k)
{
	if (k >= 0)
		chosen[k] = 1;
}

static void take_group(const struct gp_inventory *inv, char *chosen, const struct gp_iommu_group *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->n_members; i++) {
		long k = gp_inventory_find(inv, g->members[i]);

		if (k >= 0 && !gp_pci_is_bridge(&inv->devs[k]))
			chosen[k] = 1;
	}
}

/* The display function the choice names: itself, or a GPU of its slot. */
long plan_find_gpu(const struct gp_inventory *inv, const char *address)
{
	long k = gp_inventory_find(inv, address);
	size_t i;

	if (k < 0)
		return -1;
	if (inv->devs[k].gpu)
		return k;
	for (i = 0; i < inv->n_devs; i++) {
		const struct gp_pci_dev *d = &inv->devs[i], *o = &inv->devs[k];

		if (d->gpu && d->domain == o->domain && d->bus == o->bus && d->slot == o->slot)
			return (long)i;
	}
	return -1;
}

int plan_choose_functions(const struct gp_inventory *inv, const struct gp_choices *c,
			    long gpu, char *chosen)
{
	const struct gp_pci_dev *g = &inv->devs[gpu];
	size_t i;
	int has_gpu = 0;

	if (c->functions == GP_FUNCS_LIST) {
		if (!c->n_list)
			return -EINVAL;
		for (i = 0; i < c->n_list; i++) {
			long k = gp_inventory_find(inv, c->list[i]);

			if (k < 0)
				return -EINVAL;
			chosen[k] = 1;
			has_gpu |= k == gpu;
		}
		return has_gpu ? 0 : -EINVAL;
	}
	take(chosen, gpu);
	for (i = 0; i < g->gpu->n_slot_functions; i++)
		take(chosen, (long)g->gpu->slot_functions[i]);
	if (c->functions == GP_FUNCS_GROUP)
		for (i = 0; i < inv->n_devs; i++)
			if (chosen[i] && !gp_pci_is_bridge(&inv->devs[i]))
				take_group(inv, chosen, inv->devs[i].group);
	return 0;
}
