/* SPDX-License-Identifier: GPL-2.0-or-later */
/* inventory: the kernel modules that would bind each device (libkmod, the root's modules.alias). */
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

/* --- kernel modules --------------------------------------------------------- */

struct alias_ref {
	const char *alias;
	size_t dev;
	int err;
};

static int cmp_alias(const void *a, const void *b)
{
	return strcmp(((const struct alias_ref *)a)->alias, ((const struct alias_ref *)b)->alias);
}

static int module_names(struct kmod_ctx *ctx, const char *alias, char ***out, size_t *n)
{
	struct kmod_list *list = NULL, *l;
	char **names = NULL;
	size_t cnt = 0;
	int r;

	*out = NULL;
	*n = 0;
	r = kmod_module_new_from_lookup(ctx, alias, &list);
	if (r < 0)
		return r;
	kmod_list_foreach(l, list)
		cnt++;
	if (cnt) {
		names = calloc(cnt, sizeof(*names));
		if (!names) {
			kmod_module_unref_list(list);
			return -ENOMEM;
		}
	}
	cnt = 0;
	kmod_list_foreach(l, list) {
		struct kmod_module *m = kmod_module_get_module(l);

		names[cnt] = strdup(kmod_module_get_name(m));
		kmod_module_unref(m);
		if (!names[cnt]) {
			r = -ENOMEM;
			break;
		}
		cnt++;
	}
	kmod_module_unref_list(list);
	*out = names;
	*n = cnt;
	return r;
}



/* Modules per function: each distinct modalias is looked up once. */
int gp_inv_lookup_modules(const struct gp_path *p, struct gp_inventory *inv)
{
	struct kmod_ctx *ctx = NULL;
	struct alias_ref *refs;
	int r;

	r = gp_kernel_running(p, inv->kernel, sizeof(inv->kernel));
	if (r < 0) {
		inv->kernel[0] = '\0';
		inv->kernel_err = r;
		inv->modules_err = r;
	} else {
		r = gp_kmod_new(p, inv->kernel, &ctx);
		if (r == -ENOMEM)
			return r;
		inv->modules_err = r;
		if (ctx)
			kmod_load_resources(ctx);
	}

	refs = calloc(inv->n_devs ? inv->n_devs : 1, sizeof(*refs));
	if (!refs) {
		kmod_unref(ctx);
		return -ENOMEM;
	}
	for (size_t i = 0; i < inv->n_devs; i++) {
		const struct gp_pci_dev *d = &inv->devs[i];

		refs[i].dev = i;
		refs[i].alias = d->modalias ? d->modalias : "";
		refs[i].err = d->modules_err;
	}
	qsort(refs, inv->n_devs, sizeof(*refs), cmp_alias);

	r = 0;
	for (size_t i = 0; i < inv->n_devs && r != -ENOMEM;) {
		size_t j = i + 1;
		char **names = NULL;
		size_t n = 0;
		int err;

		while (j < inv->n_devs && strcmp(refs[j].alias, refs[i].alias) == 0)
			j++;
		err = refs[i].alias[0] && ctx ? module_names(ctx, refs[i].alias, &names, &n) : 0;
		if (err == -ENOMEM)
			r = err;
		for (size_t k = i; k < j; k++) {
			struct gp_pci_dev *d = &inv->devs[refs[k].dev];

			if (refs[k].err) {
				d->modules_err = refs[k].err;
				gp_inv_mark_unknown(d, "modules", refs[k].err);
			} else if (!ctx) {
				/* Said once for the whole inventory, not per function. */
				d->modules_err = inv->modules_err;
			} else if (err < 0) {
				d->modules_err = err;
				gp_inv_mark_unknown(d, "modules", err);
			} else if (gp_inv_copy_names(names, n, &d->modules) < 0) {
				r = -ENOMEM;
				break;
			} else {
				d->n_modules = n;
			}
		}
		gp_inv_free_names(names, n);
		i = j;
	}
	free(refs);
	kmod_unref(ctx);
	return r;
}

