/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guards: each records why a plan would be dangerous (boot display, last
 * GPU, a group holding storage or the route NIC, a group given only in
 * part, no usable IOMMU).
 */
#include "plan_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostdev.h"
#include "inventory.h"

int gp_guard_forceable(enum gp_guard g)
{
	return !(g & GP_GUARD_UNFORCEABLE);
}

struct gp_guard_hit *plan_add_hit(struct gp_plan *pl, const struct gp_choices *c,
				  enum gp_guard g)
{
	struct gp_guard_hit *h;

	if (GP_ARRAY_GROW(pl->guards, pl->alloc_guards, pl->n_guards + 1) < 0)
		return NULL;
	h = &pl->guards[pl->n_guards++];
	memset(h, 0, sizeof(*h));
	h->guard = g;
	/* Nothing could bind past a preflight refusal: no force word lifts it. */
	h->forced = gp_guard_forceable(g) && (c->force & g) != 0;
	h->group = -1;
	return h;
}

int plan_hit_fact(struct gp_guard_hit *h, int what, const char *arg, int module)
{
	struct gp_guard_fact *f;

	if (GP_ARRAY_GROW(h->facts, h->alloc_facts, h->n_facts + 1) < 0)
		return -ENOMEM;
	f = &h->facts[h->n_facts++];
	memset(f, 0, sizeof(*f));
	f->what = what;
	f->module = module;
	snprintf(f->arg, sizeof(f->arg), "%s", arg);
	return 0;
}

void plan_drop_last_hit(struct gp_plan *pl)
{
	if (!pl->n_guards)
		return;
	free(pl->guards[--pl->n_guards].facts);
}

static int add_guard(struct gp_plan *pl, const struct gp_choices *c, enum gp_guard g,
		     const char *address, int group, enum gp_group_reason reason,
		     const char *what, const char *detail)
{
	struct gp_guard_hit *h = plan_add_hit(pl, c, g);

	if (!h)
		return -ENOMEM;
	h->group = group;
	h->reason = reason;
	snprintf(h->address, sizeof(h->address), "%s", address ? address : "");
	snprintf(h->what, sizeof(h->what), "%s", what ? what : "");
	snprintf(h->detail, sizeof(h->detail), "%s", detail);
	return 0;
}

/* --- guards --------------------------------------------------------------- */

static int guard_display(const struct gp_inventory *inv, const struct gp_choices *c,
			 const char *chosen, struct gp_plan *pl)
{
	size_t i, j;
	int r;

	for (i = 0; i < inv->n_devs; i++) {
		const struct gp_pci_dev *d = &inv->devs[i];
		char detail[256];
		size_t used;

		if (!chosen[i] || !d->gpu || (d->boot_vga != 1 && d->gpu->display_connected != 1))
			continue;
		used = (size_t)snprintf(detail, sizeof(detail), "%s",
					d->boot_vga == 1 ? "boot VGA" : "");
		for (j = 0; j < d->gpu->n_connected_outputs && used < sizeof(detail); j++)
			used += (size_t)snprintf(detail + used, sizeof(detail) - used, "%s%s",
						 j ? ", " : used ? "; display on " : "display on ",
						 d->gpu->connected_outputs[j]);
		r = add_guard(pl, c, GP_GUARD_BOOT_DISPLAY, d->address, -1, GP_GROUP_REASON_NONE,
			      NULL, detail);
		if (r < 0)
			return r;
	}
	return 0;
}

/* Only a choice that takes a GPU can take the host's last (@gpu: one of them, or -1). */
static int guard_last_gpu(const struct gp_inventory *inv, const struct gp_choices *c,
			  const char *chosen, long gpu, struct gp_plan *pl)
{
	size_t i;

	for (i = 0; i < inv->n_devs && gpu < 0; i++)
		if (inv->devs[i].gpu && chosen[i])
			gpu = (long)i;
	if (gpu < 0)
		return 0;
	for (i = 0; i < inv->n_devs; i++)
		if (inv->devs[i].gpu && !chosen[i])
			return 0;
	return add_guard(pl, c, GP_GUARD_LAST_GPU, inv->devs[gpu].address, -1,
			 GP_GROUP_REASON_NONE, NULL, inv->devs[gpu].address);
}

static int in_list(char addrs[][GP_PCI_ADDR_LEN], size_t n, const char *a)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(addrs[i], a) == 0)
			return 1;
	return 0;
}

/* A flag per IOMMU group of @inv: 1 where a chosen function is in it (free() it). */
static char *chosen_groups(const struct gp_inventory *inv, const char *chosen)
{
	char *groups = calloc(inv->n_groups + 1, 1);

	if (!groups)
		return NULL;
	for (size_t i = 0; i < inv->n_devs; i++)
		if (chosen[i] && inv->devs[i].group)
			groups[inv->devs[i].group - inv->groups] = 1;
	return groups;
}

static int guard_group(const struct gp_path *p, const struct gp_inventory *inv,
		       const struct gp_choices *c, const char *chosen, struct gp_plan *pl)
{
	char root_pci[GP_HOSTDEV_MAX][GP_PCI_ADDR_LEN], boot_pci[GP_HOSTDEV_MAX][GP_PCI_ADDR_LEN];
	char nic[GP_PCI_ADDR_LEN], ifname[64], detail[256];
	size_t n_root, n_boot, i, g;
	char *groups;
	int has_nic, r = 0;

	/* The groups the chosen functions bring along, each looked at once. */
	groups = chosen_groups(inv, chosen);
	if (!groups)
		return -ENOMEM;
	has_nic = gp_default_route_nic(p, ifname, sizeof(ifname), nic);
	n_root = gp_mount_pci(p, "/", root_pci);
	n_boot = gp_mount_pci(p, "/boot", boot_pci);

	for (g = 0; g < inv->n_groups && r == 0; g++) {
		const struct gp_iommu_group *grp = &inv->groups[g];

		if (!groups[g])
			continue;
		for (i = 0; i < grp->n_members && r == 0; i++) {
			const char *a = grp->members[i];
			long k = gp_inventory_find(inv, a);
			const struct gp_pci_dev *d = k >= 0 ? &inv->devs[k] : NULL;

			if (d && gp_pci_is_storage(d)) {
				snprintf(detail, sizeof(detail), "group %d: %s class 0x%06x",
					 grp->id, a, (unsigned int)d->class_code);
				r = add_guard(pl, c, GP_GUARD_GROUP, a, grp->id,
					      GP_GROUP_REASON_STORAGE, NULL, detail);
			}
			if (r == 0 && has_nic && strcmp(a, nic) == 0) {
				snprintf(detail, sizeof(detail), "group %d: %s %s", grp->id, a,
					 ifname);
				r = add_guard(pl, c, GP_GUARD_GROUP, a, grp->id,
					      GP_GROUP_REASON_ROUTE_NIC, ifname, detail);
			}
			if (r == 0 && (in_list(root_pci, n_root, a) || in_list(boot_pci, n_boot, a))) {
				const char *mnt = in_list(root_pci, n_root, a) ? "/" : "/boot";

				snprintf(detail, sizeof(detail), "group %d: %s %s", grp->id, a, mnt);
				r = add_guard(pl, c, GP_GUARD_GROUP, a, grp->id,
					      GP_GROUP_REASON_MOUNT, mnt, detail);
			}
		}
	}
	free(groups);
	return r;
}

/* A name for @d in a refusal: its vendor and device, else its class. */
void plan_dev_label(const struct gp_pci_dev *d, char *buf, size_t size)
{
	if (d->vendor_name && d->device_name)
		snprintf(buf, size, "%s %s", d->vendor_name, d->device_name);
	else if (d->class_name)
		snprintf(buf, size, "%s", d->class_name);
	else
		snprintf(buf, size, "class 0x%06x", (unsigned int)d->class_code);
}

/*
 * Every endpoint of a group the chosen functions belong to goes with them:
 * vfio-pci must own the whole group before a VM can use any of it.
 */
static int guard_partial_group(const struct gp_inventory *inv, const struct gp_choices *c,
			       const char *chosen, struct gp_plan *pl)
{
	char label[128];
	size_t g, i, used;
	char *groups;
	int r = 0;

	groups = chosen_groups(inv, chosen);
	if (!groups)
		return -ENOMEM;
	for (g = 0; g < inv->n_groups && r == 0; g++) {
		const struct gp_iommu_group *grp = &inv->groups[g];
		struct gp_guard_hit *h = NULL;

		for (i = 0, used = 0; groups[g] && i < grp->n_members && r == 0; i++) {
			long k = gp_inventory_find(inv, grp->members[i]);

			if (k < 0 || chosen[k] || gp_pci_is_bridge(&inv->devs[k]))
				continue;
			if (!h && !(h = plan_add_hit(pl, c, GP_GUARD_PARTIAL_GROUP))) {
				r = -ENOMEM;
				break;
			}
			h->group = grp->id;
			if (!h->address[0])
				snprintf(h->address, sizeof(h->address), "%s", grp->members[i]);
			plan_dev_label(&inv->devs[k], label, sizeof(label));
			if (used < sizeof(h->detail))
				used += (size_t)snprintf(h->detail + used, sizeof(h->detail) - used,
							 "%s%s %s", used ? ", " : "",
							 grp->members[i], label);
			r = plan_hit_fact(h, 0, grp->members[i], 0);
		}
	}
	free(groups);
	return r;
}

int plan_guards(const struct gp_path *p, const struct gp_inventory *inv,
		const struct gp_syscheck *chk, const struct gp_choices *c,
		const char *chosen, long gpu, struct gp_plan *pl)
{
	int r;

	pl->iommu_unusable = chk->iommu.verdict != GP_IOMMU_ACTIVE;
	r = guard_display(inv, c, chosen, pl);
	if (r == 0)
		r = guard_last_gpu(inv, c, chosen, gpu, pl);
	if (r == 0)
		r = guard_group(p, inv, c, chosen, pl);
	if (r == 0)
		r = guard_partial_group(inv, c, chosen, pl);
	if (r == 0 && pl->iommu_unusable)
		r = add_guard(pl, c, GP_GUARD_IOMMU, NULL, -1, GP_GROUP_REASON_NONE, NULL,
			      chk->iommu.off_param[0] ? chk->iommu.off_param : "no IOMMU groups");
	return r;
}
