/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Screen 7, Done: reboot now or later, how to check, and the ways back. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "loader.h"
#include "nls.h"
#include "run.h"
#include "term.h"
#include "wizard.h"

static int can_reboot(const struct gp_wizard *w)
{
	return geteuid() == 0 && gp_path_is_host(&w->target->path);
}

static void build(struct gp_wizard *w, struct gp_lines *out, int width, int height)
{
	char line[1024];

	if (w->mode == GP_MODE_REVERT) {
		gp_lines_wrap(out, GP_ATTR_OK, -1,
			      _("The last change is undone.  Reboot so the card goes back to its "
				"own driver."), width, 0, 0);
	} else {
		gp_lines_wrap(out, GP_ATTR_OK, -1,
			      _("The change is made.  It takes effect at the next boot: the card "
				"then belongs to vfio-pci, ready for the VM."), width, 0, 0);
		/* The engine read each rebuilt initramfs back: these kernels bind. */
		if (w->result.n_bound)
			gp_lines_wrap(out, GP_ATTR_NORMAL, -1,
				      P_("Checked: the next boot with this kernel binds the card:",
					 "Checked: the next boot with each of these kernels binds "
					 "the card:", w->result.n_bound), width, 0, 2);
		for (size_t i = 0; i < w->result.n_bound; i++)
			gp_lines_addf(out, GP_ATTR_NORMAL, -1, "  %s", w->result.bound[i]);
		if (w->plan && w->plan->n_files) {
			gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
			snprintf(line, sizeof(line), _("Files written under %s:"),
				 w->target->root_arg ? w->target->root_arg : "/");
			gp_lines_wrap(out, GP_ATTR_NORMAL, -1, line, width, 0, 2);
			for (size_t i = 0; i < w->plan->n_files; i++)
				gp_lines_addf(out, GP_ATTR_NORMAL, -1, "  %s", w->plan->files[i].path);
		}
	}
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	gp_lines_wrap(out, GP_ATTR_HEADING, -1, _("After the reboot"), width, 0, 0);
	gp_lines_wrap(out, GP_ATTR_NORMAL, -1,
		      _("Check what was bound: gpupt-setup --status"), width, 2, 4);
	if (w->mode != GP_MODE_REVERT)
		gp_lines_wrap(out, GP_ATTR_NORMAL, -1,
			      _("For the VM's configuration: gpupt-setup --vm-config"), width,
			      2, 4);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	gp_lines_wrap(out, GP_ATTR_HEADING, -1, _("If the host does not come up properly"), width,
		      0, 0);
	snprintf(line, sizeof(line), _("- %s: nothing is bound in that boot"),
		 gp_loader_skip_once(w->plan ? w->plan->loader : NULL));
	gp_lines_wrap(out, GP_ATTR_NORMAL, -1, line, width, 2, 4);
	gp_lines_wrap(out, GP_ATTR_NORMAL, -1,
		      _("- then undo the change: sudo gpupt-setup --revert"), width, 2, 4);
	snprintf(line, sizeof(line), _("- without gpupt-setup, from a root shell: rm %s, then %s"),
		 GP_BIND_CONF_PATH, gp_loader_revert_shell(w->plan ? w->plan->loader : NULL));
	gp_lines_wrap(out, GP_ATTR_NORMAL, -1, line, width, 2, 4);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	if (can_reboot(w))
		gp_lines_wrap(out, GP_ATTR_NORMAL, -1,
			      _("Press R to reboot now, or Enter to quit and reboot later."),
			      width, 0, 0);
	else
		gp_lines_wrap(out, GP_ATTR_NORMAL, -1, _("Press Enter to quit; reboot when it suits "
							"you."), width, 0, 0);
}

static void activate(struct gp_wizard *w, int item, int key)
{
	if (key == GP_KEY_ENTER)
		w->quit = 1;
}

static void reboot_done(struct gp_wizard *w, int button)
{
	if (button != 1)
		return;
	gp_term_stop();
	fflush(NULL);
	if (gp_run_reboot(&w->target->path, NULL, NULL) < 0)
		fprintf(stderr, "%s\n", _("gpupt-setup: could not reboot; the change is made, "
					  "reboot yourself"));
	w->quit = 1;
}

/* The change is made: there is nothing to go back to. */
static int can_back(const struct gp_wizard *w)
{
	return 0;
}

static int key(struct gp_wizard *w, int item, int k)
{
	const char *labels[] = { _("Cancel"), _("Reboot"), NULL };

	if ((k == 'r' || k == 'R') && can_reboot(w)) {
		gp_wiz_modal(w, _("Reboot"), _("Reboot now?"), labels, 0, reboot_done);
		return 1;
	}
	return 0;
}

const struct gp_screen gp_scr_done = {
	.title = N_("Done"),
	.help = N_("The change is made and takes effect at the next boot.  After it, "
		   "gpupt-setup --status shows what was bound.  If the host does not come up, "
		   "boot in recovery mode or with gpupt=off on the kernel command line; "
		   "gpupt-setup --revert undoes the change."),
	.enter_hint = N_("quit"),
	.build = build,
	.activate = activate,
	.key = key,
	.can_back = can_back,
};
