/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Screen 3, GPU choice: every display function with its address, name,
 * driver, NUMA node and IOMMU group, badges for what makes it risky, and
 * on request its slot's functions and its group's members.
 */
#include <stdio.h>
#include <string.h>

#include "bar.h"
#include "hostdev.h"
#include "nls.h"
#include "wizard.h"

static int same_slot(const struct gp_pci_dev *a, const struct gp_pci_dev *b)
{
	return a->domain == b->domain && a->bus == b->bus && a->slot == b->slot;
}

/* A group member that is neither a function of the card's slot nor a bridge. */
static int group_not_clean(const struct gp_inventory *inv, const struct gp_pci_dev *d)
{
	if (!d->group)
		return 0;
	for (size_t i = 0; i < d->group->n_members; i++) {
		long k = gp_inventory_find(inv, d->group->members[i]);
		const struct gp_pci_dev *o;

		if (k < 0)
			continue;
		o = &inv->devs[k];
		if (!same_slot(o, d) && !gp_pci_is_bridge(o))
			return 1;
	}
	return 0;
}

static void member_line(struct gp_lines *out, int item, const struct gp_inventory *inv,
			const char *address, int width)
{
	long k = gp_inventory_find(inv, address);
	const struct gp_pci_dev *o = k >= 0 ? &inv->devs[k] : NULL;
	char line[512];

	snprintf(line, sizeof(line), "%s  %s  %s", address,
		 o && o->class_name ? o->class_name : "-",
		 o && o->driver[0] ? o->driver : "-");
	gp_lines_wrap(out, GP_ATTR_NORMAL, item, line, width, 10, 12);
}

/* Each large BAR in the words of `--check` (the report's GP_MSG_CHK_LARGE_BAR). */
static void large_bar_lines(struct gp_lines *out, int item, const struct gp_pci_dev *d,
			    int width)
{
	struct gp_report rep = GP_REPORT_INIT;
	struct gp_strbuf sb = GP_STRBUF_INIT;

	for (long b = gp_dev_next_large_bar(d, 0); b >= 0;
	     b = gp_dev_next_large_bar(d, (size_t)b + 1))
		if (gp_report_add(&rep, -1, GP_ROLE_NOTE, GP_MSG_CHK_LARGE_BAR, d->address,
				  d->bars[b].index, (uint64_t)d->bars[b].size) < 0)
			break;
	for (size_t i = 0; i < rep.n; i++) {
		gp_strbuf_reset(&sb);
		if (gp_report_format(&rep.item[i], 1, &sb) == 0)
			gp_lines_wrap(out, GP_ATTR_WARN, item, gp_strbuf_str(&sb), width, 6, 8);
	}
	gp_strbuf_release(&sb);
	gp_report_free(&rep);
}

static void gpu_lines(struct gp_wizard *w, struct gp_lines *out, int item, int width)
{
	const struct gp_inventory *inv = w->inv;
	const struct gp_pci_dev *d = &inv->devs[w->gpus[item]];
	const struct gp_gpu *g = d->gpu;
	char name[256], line[1024], numa[32], group[32], badges[768] = "";
	int chosen = strcmp(w->choices.gpu, d->address) == 0;

	gp_wiz_gpu_label(d, name, sizeof(name));
	snprintf(line, sizeof(line), "  %s %s  %s", chosen ? "(*)" : "( )", d->address, name);
	gp_lines_wrap(out, GP_ATTR_NORMAL, item, line, width, 0, 20);

	if (d->numa_node >= 0)
		snprintf(numa, sizeof(numa), "%d", d->numa_node);
	else
		snprintf(numa, sizeof(numa), "-");
	if (d->group)
		snprintf(group, sizeof(group), "%d", d->group->id);
	else
		snprintf(group, sizeof(group), "%s", _("none"));
	/* TRANSLATORS: "driver nvidia, NUMA node -, IOMMU group 13" */
	snprintf(line, sizeof(line), _("driver %s, NUMA node %s, IOMMU group %s"),
		 d->driver[0] ? d->driver : _("none"), numa, group);
	gp_lines_wrap(out, GP_ATTR_DIM, item, line, width, 6, 6);

#define BADGE(text) snprintf(badges + strlen(badges), sizeof(badges) - strlen(badges), "[%s] ", text)
	if (d->boot_vga == 1)
		BADGE(_("boot display"));
	if (g->display_connected == 1)
		BADGE(_("drives a monitor now"));
	if (g->model && g->model->n_devs > 1)
		BADGE(_("identical to another card"));
	if (group_not_clean(inv, d))
		BADGE(_("group not clean"));
	if (!d->group)
		BADGE(_("no IOMMU group"));
	if (gp_dev_next_large_bar(d, 0) >= 0)
		BADGE(_("large BAR: needs Above 4G decoding"));
#undef BADGE
	if (badges[0])
		gp_lines_wrap(out, GP_ATTR_WARN, item, badges, width, 6, 6);

	if (w->expanded[item]) {
		large_bar_lines(out, item, d, width);
		gp_lines_wrap(out, GP_ATTR_NORMAL, item, _("functions of the card:"), width, 6, 8);
		member_line(out, item, inv, d->address, width);
		for (size_t i = 0; i < g->n_slot_functions; i++)
			member_line(out, item, inv, inv->devs[g->slot_functions[i]].address, width);
		if (d->group) {
			snprintf(line, sizeof(line), _("members of IOMMU group %d:"), d->group->id);
			gp_lines_wrap(out, GP_ATTR_NORMAL, item, line, width, 6, 8);
			for (size_t i = 0; i < d->group->n_members; i++)
				member_line(out, item, inv, d->group->members[i], width);
		}
	}
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
}

static void build(struct gp_wizard *w, struct gp_lines *out, int width, int height)
{
	char keys[512];

	if (!w->inv || !w->n_gpus) {
		gp_lines_wrap(out, GP_ATTR_FAIL, -1, _("No GPU found on this system."), width, 0, 0);
		return;
	}
	gp_lines_wrap(out, GP_ATTR_HEADING, -1,
		      _("Which card goes to the virtual machine?  The host keeps the others."),
		      width, 0, 0);
	/* Two strings: the older one keeps its translations. */
	snprintf(keys, sizeof(keys), "%s   %s",
		 _("Enter: choose   Right/Left: show/hide its functions and group   F: force a "
		   "refused card"), _("B: bind it now (or give it back) without a reboot"));
	gp_lines_wrap(out, GP_ATTR_DIM, -1, keys, width, 0, 0);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	for (size_t i = 0; i < w->n_gpus; i++)
		gpu_lines(w, out, (int)i, width);
}

static void choose(struct gp_wizard *w, int item, int force)
{
	const struct gp_pci_dev *d;

	if (item < 0 || (size_t)item >= w->n_gpus)
		return;
	d = &w->inv->devs[w->gpus[item]];
	gp_wiz_choice_begin(w);
	if (strcmp(w->choices.gpu, d->address) != 0)
		w->choices.force = 0;   /* what was forced was forced for another card */
	snprintf(w->choices.gpu, sizeof(w->choices.gpu), "%s", d->address);
	if (gp_wiz_build_plan(w) < 0)
		return;
	if (gp_plan_refused(w->plan)) {
		gp_wiz_refused(w, GP_SCR_OPTIONS, force);
		return;
	}
	w->choice_pending = 0;
	gp_wiz_go(w, GP_SCR_OPTIONS);
}

static void activate(struct gp_wizard *w, int item, int key)
{
	choose(w, item, 0);
}

/* B: the card to vfio-pci now, or back to the host when it is there. */
static void bind_now(struct gp_wizard *w, int item)
{
	const struct gp_pci_dev *d;

	if ((size_t)item >= w->n_gpus)
		return;
	d = &w->inv->devs[w->gpus[item]];
	gp_wiz_bind_now(w, d->address, strcmp(d->driver, "vfio-pci") != 0);
}

static int key(struct gp_wizard *w, int item, int k)
{
	if (item < 0)
		return 0;
	switch (k) {
	case GP_KEY_RIGHT:
	case '+':
		w->expanded[item] = 1;
		return 1;
	case GP_KEY_LEFT:
	case '-':
		w->expanded[item] = 0;
		return 1;
	case 'f':
	case 'F':
		choose(w, item, 1);
		return 1;
	case 'b':
	case 'B':
		bind_now(w, item);
		return 1;
	}
	return 0;
}

const struct gp_screen gp_scr_gpu = {
	.title = N_("Choose the GPU"),
	.help = N_("Every graphics card of this system, with its bus address, driver, NUMA node "
		   "and IOMMU group.  Badges: \"boot display\" (the firmware shows its screens on "
		   "it), \"drives a monitor now\", \"identical to another card\" (same model: it is "
		   "bound by its address), \"group not clean\" (its IOMMU group holds other devices, "
		   "which go to the VM with it).  Right shows a card's functions and group, Left "
		   "hides them.  Enter chooses a card; a risky choice is refused with the reason, "
		   "and F forces it after a confirmation."),
	.help_more = N_("B binds the card now, without a reboot (--bind-now), or gives it "
			"back to its host driver (--unbind-now); the configuration stays."),
	.enter_hint = N_("choose this card"),
	.build = build,
	.activate = activate,
	.key = key,
};
