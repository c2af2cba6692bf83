/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Screen 4, Options: which functions, iommu=pt, which kernels, a trial boot
 * first; the defaults suit most hosts.
 */
#include <stdio.h>
#include <string.h>

#include "nls.h"
#include "wizard.h"

enum { ITEM_SLOT, ITEM_GROUP, ITEM_PT, ITEM_ALL, ITEM_RUNNING, ITEM_TRIAL, N_ITEMS };

static const struct gp_pci_dev *chosen(const struct gp_wizard *w)
{
	long k = w->inv ? gp_inventory_find(w->inv, w->choices.gpu) : -1;

	return k >= 0 ? &w->inv->devs[k] : NULL;
}

static void addresses(const struct gp_wizard *w, const struct gp_pci_dev *d, int group,
		      char *buf, size_t size)
{
	size_t len;

	snprintf(buf, size, "%s", d->address);
	if (group && d->group) {
		buf[0] = '\0';
		for (size_t i = 0; i < d->group->n_members; i++) {
			len = strlen(buf);
			snprintf(buf + len, size - len, "%s%s", i ? ", " : "", d->group->members[i]);
		}
		return;
	}
	for (size_t i = 0; d->gpu && i < d->gpu->n_slot_functions; i++) {
		len = strlen(buf);
		snprintf(buf + len, size - len, ", %s",
			 w->inv->devs[d->gpu->slot_functions[i]].address);
	}
}

static void build(struct gp_wizard *w, struct gp_lines *out, int width, int height)
{
	const struct gp_pci_dev *d = chosen(w);
	char line[1024], list[512];

	if (!d)
		return;
	snprintf(line, sizeof(line), _("The card: %s"), d->address);
	gp_lines_wrap(out, GP_ATTR_HEADING, -1, line, width, 0, 2);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	gp_lines_wrap(out, GP_ATTR_NORMAL, -1, _("Functions to give to the VM:"), width, 0, 0);
	addresses(w, d, 0, list, sizeof(list));
	snprintf(line, sizeof(line), _("  %s every function of the card (recommended): %s"),
		 w->choices.functions == GP_FUNCS_SLOT ? "(*)" : "( )", list);
	gp_lines_wrap(out, GP_ATTR_NORMAL, ITEM_SLOT, line, width, 0, 6);
	addresses(w, d, 1, list, sizeof(list));
	snprintf(line, sizeof(line), _("  %s the card and every other device of its IOMMU group: %s"),
		 w->choices.functions == GP_FUNCS_GROUP ? "(*)" : "( )", list);
	gp_lines_wrap(out, GP_ATTR_NORMAL, ITEM_GROUP, line, width, 0, 6);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	gp_lines_wrap(out, GP_ATTR_NORMAL, -1, _("Kernel command line:"), width, 0, 0);
	snprintf(line, sizeof(line), _("  %s add iommu=pt (the host's own devices skip DMA "
				       "translation; recommended)"),
		 w->choices.iommu_pt ? "[x]" : "[ ]");
	gp_lines_wrap(out, GP_ATTR_NORMAL, ITEM_PT, line, width, 0, 6);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	gp_lines_wrap(out, GP_ATTR_NORMAL, -1, _("Rebuild the initramfs of:"), width, 0, 0);
	snprintf(line, sizeof(line), _("  %s every installed kernel (recommended)"),
		 w->choices.kernels == GP_KERNELS_ALL ? "(*)" : "( )");
	gp_lines_wrap(out, GP_ATTR_NORMAL, ITEM_ALL, line, width, 0, 6);
	snprintf(line, sizeof(line), _("  %s only the running kernel (%s)"),
		 w->choices.kernels == GP_KERNELS_RUNNING ? "(*)" : "( )",
		 w->inv && w->inv->kernel[0] ? w->inv->kernel : _("unknown"));
	gp_lines_wrap(out, GP_ATTR_NORMAL, ITEM_RUNNING, line, width, 0, 6);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	gp_lines_wrap(out, GP_ATTR_NORMAL, -1, _("First boot:"), width, 0, 0);
	snprintf(line, sizeof(line), _("  %s a one-shot trial: the boot after it is the old "
				       "configuration unless it is confirmed (recommended)"),
		 w->choices.no_trial ? "[ ]" : "[x]");
	gp_lines_wrap(out, GP_ATTR_NORMAL, ITEM_TRIAL, line, width, 0, 6);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	gp_lines_wrap(out, GP_ATTR_DIM, -1, _("Space: change the option under the cursor   "
					      "Enter: review the changes"), width, 0, 0);
}

static void activate(struct gp_wizard *w, int item, int key)
{
	if (key == GP_KEY_SPACE) {
		switch (item) {
		case ITEM_SLOT:
			w->choices.functions = GP_FUNCS_SLOT;
			break;
		case ITEM_GROUP:
			w->choices.functions = GP_FUNCS_GROUP;
			break;
		case ITEM_PT:
			w->choices.iommu_pt = !w->choices.iommu_pt;
			break;
		case ITEM_ALL:
			w->choices.kernels = GP_KERNELS_ALL;
			break;
		case ITEM_RUNNING:
			w->choices.kernels = GP_KERNELS_RUNNING;
			break;
		case ITEM_TRIAL:
			w->choices.no_trial = !w->choices.no_trial;
			break;
		}
		return;
	}
	if (gp_wiz_build_plan(w) < 0)
		return;
	if (gp_plan_refused(w->plan))
		gp_wiz_refused(w, GP_SCR_REVIEW, 0);
	else
		gp_wiz_go(w, GP_SCR_REVIEW);
}

const struct gp_screen gp_scr_options = {
	.title = N_("Options"),
	.help = N_("The defaults suit most systems.  Functions: a graphics card usually has an "
		   "audio function too; all functions of the card go to the VM together.  The whole "
		   "IOMMU group is needed when other devices share the card's group.  iommu=pt "
		   "keeps the host's own devices fast.  The initramfs of every installed kernel is "
		   "rebuilt so any of them boots with the card bound; \"only the running kernel\" "
		   "is quicker.  The first boot is a one-shot trial: if it fails, reset, and the boot "
		   "after it is the old configuration; gpupt-setup --confirm (or its service, on a "
		   "healthy boot) keeps the change.  Space changes an option, Enter goes on to the "
		   "review."),
	.enter_hint = N_("review the changes"),
	.build = build,
	.activate = activate,
};
