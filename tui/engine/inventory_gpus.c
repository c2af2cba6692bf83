/* SPDX-License-Identifier: GPL-2.0-or-later */
/* inventory: what is known of each GPU: its slot's functions, identical cards, displays. */
#include "inventory.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libkmod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drm.h"
#include "kmod_root.h"
#include "pci_names.h"
#include "pci_parse.h"
#include "inventory_int.h"

/* --- GPUs ------------------------------------------------------------------- */

struct id_ref {
	uint32_t id;
	size_t dev;
};

static int cmp_id_ref(const void *a, const void *b)
{
	const struct id_ref *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->dev < y->dev ? -1 : x->dev > y->dev;
}

static int link_slots(struct gp_inventory *inv)
{
	/* Devices are sorted, so a slot's functions are neighbours. */
	for (size_t i = 0; i < inv->n_devs;) {
		size_t j = i + 1;

		while (j < inv->n_devs && inv->devs[j].domain == inv->devs[i].domain &&
		       inv->devs[j].bus == inv->devs[i].bus && inv->devs[j].slot == inv->devs[i].slot)
			j++;
		for (size_t k = i; k < j; k++) {
			struct gp_gpu *g = inv->devs[k].gpu;

			if (!g || j - i < 2)
				continue;
			g->slot_functions = calloc(j - i - 1, sizeof(*g->slot_functions));
			if (!g->slot_functions)
				return -ENOMEM;
			for (size_t m = i; m < j; m++)
				if (m != k)
					g->slot_functions[g->n_slot_functions++] = m;
		}
		i = j;
	}
	return 0;
}

static int link_identical(struct gp_inventory *inv)
{
	struct id_ref *refs;
	size_t n = 0;
	int r = 0;

	refs = malloc((inv->n_devs ? inv->n_devs : 1) * sizeof(*refs));
	if (!refs)
		return -ENOMEM;
	for (size_t i = 0; i < inv->n_devs; i++) {
		const struct gp_pci_dev *d = &inv->devs[i];

		if (d->gpu && !d->vendor_err && !d->device_err) {
			refs[n].id = (uint32_t)d->vendor << 16 | d->device;
			refs[n++].dev = i;
		}
	}
	if (n)
		qsort(refs, n, sizeof(*refs), cmp_id_ref);
	inv->gpu_models = calloc(n ? n : 1, sizeof(*inv->gpu_models));
	if (!inv->gpu_models) {
		free(refs);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n;) {
		struct gp_gpu_model *m = &inv->gpu_models[inv->n_gpu_models++];
		size_t j = i + 1;

		while (j < n && refs[j].id == refs[i].id)
			j++;
		m->vendor = (uint16_t)(refs[i].id >> 16);
		m->device = (uint16_t)refs[i].id;
		m->devs = calloc(j - i, sizeof(*m->devs));
		if (!m->devs) {
			r = -ENOMEM;
			break;
		}
		for (size_t k = i; k < j; k++) {
			m->devs[m->n_devs++] = refs[k].dev;
			inv->devs[refs[k].dev].gpu->model = m;
		}
		i = j;
	}
	free(refs);
	return r;
}

static int link_displays(const struct gp_path *p, struct gp_inventory *inv)
{
	struct gp_drm_card *cards;
	size_t n;
	int r;

	r = gp_drm_cards(p, &cards, &n);
	if (r == -ENOMEM)
		return r;
	for (size_t i = 0; r == 0 && i < n; i++) {
		const struct gp_drm_card *c = &cards[i];
		long k = c->address[0] ? gp_inventory_find(inv, c->address) : -1;
		struct gp_gpu *g;

		if (k < 0 || !(g = inv->devs[k].gpu) || g->drm_card[0])
			continue;   /* not a GPU we list, or its first card is taken */
		strcpy(g->drm_card, c->name);
		if (c->n_connected)
			g->display_connected = 1;
		else if (c->n_connectors && !c->unreadable)
			g->display_connected = 0;
		if (gp_inv_copy_names(c->connected, c->n_connected, &g->connected_outputs) < 0)
			r = -ENOMEM;
		else
			g->n_connected_outputs = c->n_connected;
	}
	gp_drm_cards_free(cards, n);
	return r == -ENOMEM ? r : 0;
}

int gp_inv_describe_gpus(const struct gp_path *p, struct gp_inventory *inv)
{
	size_t n = 0;
	int r;

	for (size_t i = 0; i < inv->n_devs; i++)
		if (!inv->devs[i].class_err && gp_pci_is_gpu(inv->devs[i].class_code))
			n++;
	inv->gpus = calloc(n ? n : 1, sizeof(*inv->gpus));
	if (!inv->gpus)
		return -ENOMEM;
	for (size_t i = 0; i < inv->n_devs && inv->n_gpus < n; i++) {
		struct gp_pci_dev *d = &inv->devs[i];

		if (d->class_err || !gp_pci_is_gpu(d->class_code))
			continue;
		d->gpu = &inv->gpus[inv->n_gpus++];
		d->gpu->display_connected = -1;
	}
	r = link_slots(inv);
	if (r == 0)
		r = link_identical(inv);
	if (r == 0)
		r = link_displays(p, inv);
	return r;
}

