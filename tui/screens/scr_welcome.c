/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Screen 1, Welcome: what will happen and what will not; on a configured host, a menu. */
#include <stdlib.h>
#include <string.h>

#include "nls.h"
#include "status.h"
#include "trial.h"
#include "strbuf.h"
#include "wizard.h"

enum { ITEM_CHANGE, ITEM_REVERT, ITEM_STATUS, ITEM_QUIT };

/* The engine's status report, rendered as --status renders it, into @text. */
static void status_text(struct gp_wizard *w, struct gp_strbuf *text)
{
	struct gp_status st;
	int r = gp_status_read(&w->target->path, &st);

	gp_report_format_all(&st.report, 1, text);
	gp_status_free(&st);
	if (r < 0)
		gp_strbuf_addf(text, "%s: %s\n", _("reading the history of changes"),
			       strerror(-r));
}

/* A trial boot pending, running or failed: where it stands and what to do (trial.h). */
static void welcome_trial(struct gp_wizard *w, struct gp_lines *out, int width)
{
	struct gp_report rep = GP_REPORT_INIT;
	struct gp_strbuf text = GP_STRBUF_INIT;
	struct gp_trial t;

	if (gp_trial_read_root(&w->target->path, &t) == 0 && gp_trial_report(&t, 0, &rep) == 0 &&
	    rep.n)
		gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	for (size_t i = 0; i < rep.n; i++) {
		gp_strbuf_reset(&text);
		/* One line each: the message's own newline is the list's. */
		if (gp_report_format(&rep.item[i], 1, &text) == 0) {
			if (text.len && text.buf[text.len - 1] == '\n')
				text.buf[--text.len] = '\0';
			gp_lines_wrap(out, GP_ATTR_WARN, -1, gp_strbuf_str(&text), width, 0, 4);
		}
	}
	gp_strbuf_release(&text);
	gp_report_free(&rep);
}

static void build(struct gp_wizard *w, struct gp_lines *out, int width, int height)
{
	gp_lines_wrap(out, GP_ATTR_HEADING, -1,
		      _("Give one graphics card to a virtual machine, keep the other for this "
			"computer."), width, 0, 0);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	gp_lines_wrap(out, GP_ATTR_NORMAL, -1,
		      _("What will happen: you choose the card; gpupt-setup shows every file it "
			"would write and every command it would run.  Only when you confirm on the "
			"Review screen does it write /etc/gpupt/bind.conf, /etc/modprobe.d/gpupt.conf "
			"and a GRUB drop-in, and rebuild the initramfs.  At the next boot the card "
			"goes to vfio-pci, ready for the VM."), width, 0, 2);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	gp_lines_wrap(out, GP_ATTR_NORMAL, -1,
		      _("What will not happen: /etc/default/grub is never edited; nothing changes "
			"before you confirm; nothing is left half-done (a failed step is rolled "
			"back); and every change can be undone with gpupt-setup --revert."),
		      width, 0, 2);
	if (w->target->root_arg) {
		gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
		gp_lines_wrap(out, GP_ATTR_WARN, -1, w->target->root_arg, width, 0, 0);
		gp_lines_wrap(out, GP_ATTR_NORMAL, -1,
			      _("This is the system under the directory above, not this "
				"computer: files are written there, and nothing outside it is touched."),
			      width, 0, 0);
	}
	if (w->readonly) {
		gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
		gp_lines_wrap(out, GP_ATTR_WARN, -1,
			      _("You are not root: you can look at every screen, but applying the "
				"change needs root.  To apply, quit and run: sudo gpupt-setup"),
			      width, 0, 2);
	}
	welcome_trial(w, out, width);
	if (w->inv_err < 0) {
		gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
		gp_lines_wrap(out, GP_ATTR_FAIL, -1,
			      _("The PCI devices cannot be read (/sys/bus/pci/devices): there is no "
				"GPU to choose."), width, 0, 2);
	}
	if (!w->configured)
		return;
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	gp_lines_wrap(out, GP_ATTR_HEADING, -1,
		      _("gpupt-setup has already configured this system.  What now?"), width, 0, 0);
	gp_lines_add(out, GP_ATTR_NORMAL, ITEM_CHANGE, _("  Change the configuration"));
	gp_lines_add(out, GP_ATTR_NORMAL, ITEM_REVERT, _("  Undo the last change (revert)"));
	gp_lines_add(out, GP_ATTR_NORMAL, ITEM_STATUS, _("  Show the status"));
	gp_lines_add(out, GP_ATTR_NORMAL, ITEM_QUIT, _("  Quit"));
}

static void revert_done(struct gp_wizard *w, int button)
{
	if (button == 1)
		gp_wiz_start_apply(w, GP_MODE_REVERT);
}

static void activate(struct gp_wizard *w, int item, int key)
{
	const char *ok[] = { _("Close"), NULL };
	const char *yesno[] = { _("Cancel"), _("Revert"), NULL };

	switch (item) {
	case -1:
	case ITEM_CHANGE:
		gp_wiz_go(w, GP_SCR_CHECK);
		break;
	case ITEM_REVERT:
		if (w->readonly) {
			gp_wiz_modal(w, _("Revert"), _("Undoing the change needs root: quit and run "
						       "sudo gpupt-setup --revert"), ok, 0, NULL);
			break;
		}
		gp_wiz_modal(w, _("Revert"),
			     _("Undo the last change gpupt-setup made?  The files are put back as "
			       "they were and the initramfs and GRUB are rebuilt."), yesno, 0,
			     revert_done);
		break;
	case ITEM_STATUS: {
		struct gp_strbuf text = GP_STRBUF_INIT;

		status_text(w, &text);
		gp_wiz_modal(w, _("Status"), gp_strbuf_str(&text), ok, 0, NULL);
		gp_strbuf_release(&text);
		break;
	}
	case ITEM_QUIT:
		w->quit = 1;
		break;
	}
}

static const char *hint(struct gp_wizard *w)
{
	return w->configured ? _("choose") : _("start");
}

const struct gp_screen gp_scr_welcome = {
	.title = N_("Welcome"),
	.help = N_("This screen says what gpupt-setup is about to do.  Nothing is changed until "
		   "you confirm on the Review screen (step 5).  On a system gpupt-setup has "
		   "configured before, choose whether to change that configuration, undo it, or "
		   "see its status."),
	.build = build,
	.activate = activate,
	.hint = hint,
};
