/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The hand-off to the VM: see vmconfig.h.
 */
#include "vmconfig.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bar.h"

#define MIB (UINT64_C(1) << 20)

static int same_slot(const struct gp_pci_dev *a, const struct gp_pci_dev *b)
{
	return a->domain == b->domain && a->bus == b->bus && a->slot == b->slot;
}

static struct gp_vm_warning *add_warning(struct gp_vm_config *c, size_t max,
					 enum gp_vm_warn_code code, const char *address)
{
	struct gp_vm_warning *w;

	if (c->n_warns >= max)
		return NULL;   /* cannot happen: max counts every warning possible */
	w = &c->warns[c->n_warns++];
	memset(w, 0, sizeof(*w));
	w->code = code;
	snprintf(w->address, sizeof(w->address), "%s", address);
	return w;
}

/* Has an earlier chosen function already said group @g is not viable? */
static int group_said(const struct gp_vm_config *c, int g)
{
	size_t i;

	for (i = 0; i < c->n_warns; i++)
		if (c->warns[i].code == GP_VM_W_GROUP && c->warns[i].group == g)
			return 1;
	return 0;
}

/*
 * Is group @g viable once the chosen functions are on vfio-pci?  The one
 * rule (gp_card_group_viable()) applied to the members that are not
 * chosen: a chosen function on another driver has a warning of its own.
 * 1, 0 with the member in the way in @why, or -ENOMEM.
 */
static int others_viable(const struct gp_inventory *inv, const char *chosen,
			 const struct gp_iommu_group *g, struct gp_group_blocker *why)
{
	struct gp_iommu_group rest = *g;
	size_t i;
	int r;

	rest.n_members = 0;
	rest.members = calloc(g->n_members + 1, sizeof(*rest.members));
	if (!rest.members)
		return -ENOMEM;
	for (i = 0; i < g->n_members; i++) {
		long k = gp_inventory_find(inv, g->members[i]);

		if (k < 0 || !chosen[k])
			memcpy(rest.members[rest.n_members++], g->members[i],
			       sizeof(rest.members[0]));
	}
	r = gp_card_group_viable(inv, &rest, why);
	free(rest.members);
	return r;
}

static int warn_driver_and_group(struct gp_vm_config *c, size_t max,
				 const struct gp_inventory *inv, const char *chosen,
				 const struct gp_pci_dev *d)
{
	struct gp_group_blocker why;
	struct gp_vm_warning *w;
	int r;

	if (d->driver_err || strcmp(d->driver, "vfio-pci") != 0) {
		w = add_warning(c, max, GP_VM_W_NOT_VFIO, d->address);
		if (w)
			snprintf(w->driver, sizeof(w->driver), "%s",
				 d->driver_err ? "unknown" : d->driver);
	}
	if (!d->group) {
		w = add_warning(c, max, GP_VM_W_NO_GROUP, d->address);
		if (w)
			w->err = d->iommu_group_err;
		return 0;
	}
	if (group_said(c, d->group->id))
		return 0;
	r = others_viable(inv, chosen, d->group, &why);
	if (r != 0)
		return r < 0 ? r : 0;
	w = add_warning(c, max, GP_VM_W_GROUP, d->address);
	if (w) {
		w->group = d->group->id;
		memcpy(w->member, why.address, sizeof(w->member));
		memcpy(w->driver, why.driver, sizeof(w->driver));
	}
	return 0;
}

/* Large BARs warned about; returns the sum of the function's 64-bit BARs. */
static uint64_t warn_bars(struct gp_vm_config *c, size_t max, const struct gp_pci_dev *d)
{
	uint64_t sum = 0;
	size_t i;

	if (d->bars_err)
		return 0;   /* unreadable: --list says so; nothing to warn about here */
	for (i = 0; i < d->n_bars; i++) {
		const struct gp_bar *b = &d->bars[i];
		struct gp_vm_warning *w;

		if (b->type == GP_BAR_MEM64)
			sum += b->size;
		if (!gp_bar_is_large(b))
			continue;
		w = add_warning(c, max, GP_VM_W_LARGE_BAR, d->address);
		if (w) {
			w->bar = b->index;
			w->size = b->size;
		}
	}
	return sum;
}

/* The smallest power of two of MiB that holds @bytes. */
static uint64_t window_mb(uint64_t bytes)
{
	uint64_t mb = 1;

	while (mb * MIB < bytes && mb < (UINT64_C(1) << 43))
		mb <<= 1;
	return mb;
}

/* Each function learns its card's size; function 0 of a card of several is multifunction. */
static void finish_cards(struct gp_vm_config *c)
{
	size_t i, first = 0;

	for (i = 0; i < c->n_funcs; i++) {
		struct gp_vm_function *f = &c->funcs[i];

		if (f->guest_func == 0)
			first = i;
		f->card_functions = c->funcs[first].card_functions;
		f->multifunction = f->guest_func == 0 && f->card_functions > 1;
	}
}

/* The chosen functions in address order, numbered by card (host slot). */
static void place(struct gp_vm_config *c, const struct gp_inventory *inv, const char *chosen)
{
	const struct gp_pci_dev *prev = NULL;
	size_t i, first = 0;

	for (i = 0; i < inv->n_devs; i++) {
		const struct gp_pci_dev *d = &inv->devs[i];
		struct gp_vm_function *f;

		if (!chosen[i])
			continue;
		f = &c->funcs[c->n_funcs];
		if (prev && !same_slot(prev, d))
			c->n_cards++;
		if (!prev || !same_slot(prev, d))
			first = c->n_funcs;
		memcpy(f->address, d->address, sizeof(f->address));
		f->domain = d->domain;
		f->bus = d->bus;
		f->slot = d->slot;
		f->func = d->func;
		f->card = c->n_cards;
		/* Numbered from 0: a guest looks for a slot's other functions only after a 0. */
		f->guest_func = (unsigned)(c->n_funcs - first);
		c->funcs[first].card_functions++;
		c->n_funcs++;
		prev = d;
	}
	if (prev)
		c->n_cards++;
	finish_cards(c);
}

int gp_vm_config_build(const struct gp_inventory *inv, const char *chosen,
		       struct gp_vm_config *out)
{
	size_t i, n = 0, max;
	uint64_t mem64 = 0;
	int large = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < inv->n_devs; i++)
		n += chosen[i] != 0;
	if (!n)
		return -ENOENT;
	/* Per function at most: driver, group (or no group), and each BAR. */
	max = n * (2 + GP_PCI_BARS);
	out->funcs = calloc(n, sizeof(*out->funcs));
	out->warns = calloc(max, sizeof(*out->warns));
	if (!out->funcs || !out->warns) {
		gp_vm_config_free(out);
		return -ENOMEM;
	}
	place(out, inv, chosen);
	for (i = 0; i < inv->n_devs; i++) {
		size_t before;

		if (!chosen[i])
			continue;
		if (warn_driver_and_group(out, max, inv, chosen, &inv->devs[i]) < 0) {
			gp_vm_config_free(out);
			return -ENOMEM;
		}
		before = out->n_warns;
		mem64 += warn_bars(out, max, &inv->devs[i]);
		large |= out->n_warns > before;
	}
	if (large)
		out->mmio64_mb = window_mb(mem64);
	return 0;
}

void gp_vm_config_free(struct gp_vm_config *c)
{
	free(c->funcs);
	free(c->warns);
	memset(c, 0, sizeof(*c));
}
