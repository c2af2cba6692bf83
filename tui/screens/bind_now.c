/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Binding now from the wizard (the GPU and Done screens): the same engine
 * run as --bind-now and --unbind-now (rtbind.h), told in dialogs.  A
 * question names the functions first; the result dialog says each
 * function's driver before and after as read back from sysfs, the group's
 * /dev/vfio node, what the guards or the card's users refuse, and what the
 * next boot does.  No guard is forced here: a refusal says which --force
 * word the command line would need.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "nls.h"
#include "rtbind.h"
#include "strbuf.h"
#include "wizard.h"

/* One report item as a line of the dialog, its role's lead before it. */
static void put_item(struct gp_strbuf *out, const struct gp_report_item *it)
{
	const char *lead = "  ";

	if (it->role == GP_ROLE_FIX)
		lead = _("  To fix: ");
	else if (it->role == GP_ROLE_NOTE)
		lead = _("  Note: ");
	gp_strbuf_addstr(out, lead);
	gp_report_format(it, 1, out);
	gp_strbuf_addch(out, '\n');
}

static void put_report(struct gp_strbuf *out, const struct gp_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		put_item(out, &r->item[i]);
}

/* The functions chosen, after @lead on the same line or (@own_line) on the next. */
static void put_funcs(struct gp_strbuf *out, const struct gp_inventory *inv, const char *chosen,
		      const char *lead, int own_line)
{
	gp_strbuf_addstr(out, lead);
	if (own_line)
		gp_strbuf_addstr(out, "\n ");
	for (size_t i = 0; i < inv->n_devs; i++)
		if (chosen[i])
			gp_strbuf_addf(out, " %s", inv->devs[i].address);
	gp_strbuf_addch(out, '\n');
}

/*
 * The guards that refuse the bind, as the wizard says them for a choice,
 * and the command that would go ahead anyway when a force can lift them.
 */
static void put_guards(const struct gp_wizard *w, struct gp_strbuf *out,
		       const struct gp_plan *plan)
{
	unsigned int bits;
	const char *sep = "";

	if (!plan || !gp_plan_refused(plan))
		return;
	gp_strbuf_addf(out, "\n%s\n", _("gpupt-setup refuses to bind this card now:"));
	bits = gp_wiz_guards_text(w, plan, out, 0);
	if (!bits || gp_plan_refused_unforceable(plan))
		return;
	gp_strbuf_addf(out, "%s\n    gpupt-setup --bind-now%s%s --force ",
		       _("To do it anyway, from a root shell:"), w->now_address[0] ? " " : "",
		       w->now_address);
	for (unsigned int g = 1; g && g <= bits; g <<= 1) {
		if (!(bits & g))
			continue;
		gp_strbuf_addf(out, "%s%s", sep, gp_guard_name((enum gp_guard)g));
		sep = ",";
	}
	gp_strbuf_addch(out, '\n');
}

static const char *verdict(int r, const struct gp_rtbind_result *res, int binding)
{
	if (r == 0)
		return binding ? _("Done: every function is on vfio-pci now.  Next: gpupt-setup "
				   "--vm-config prints the devices to add to the VM.")
			       : _("Done: no function is on vfio-pci any more.");
	if (res->refused)
		return _("Refused: nothing was changed.");
	if (res->stuck)
		return _("Stopped: a write to sysfs did not return.");
	if (r == -ENOMEM)
		return strerror(ENOMEM);
	return binding ? _("Not every function is on vfio-pci (see above).")
		       : _("Not every function was given back (see above).");
}

/* Run the engine on @chosen and tell what it did in @out. */
static void run(struct gp_wizard *w, const char *chosen, struct gp_strbuf *out)
{
	struct gp_rtbind_result res;
	int r;

	memset(&res, 0, sizeof(res));
	put_funcs(out, w->inv, chosen, w->now_binding ? _("Giving to vfio-pci now:")
						       : _("Giving back to the host now:"), 0);
	if (w->now_binding)
		r = gp_rtbind_bind(&w->target->path, w->inv, &w->chk, chosen, &w->target->rtbind,
				   &res);
	else
		r = gp_rtbind_unbind(&w->target->path, w->inv, chosen, &w->target->rtbind, &res);
	put_guards(w, out, res.plan);
	put_report(out, &res.report);
	gp_strbuf_addf(out, "\n%s", verdict(r, &res, w->now_binding));
	gp_rtbind_result_free(&res);
}

/*
 * The functions to act on, or NULL after saying in a dialog why there are
 * none (a name that is not a card, no configuration, no inventory).
 */
static char *choose(struct gp_wizard *w, const char *title)
{
	const char *ok[] = { _("OK"), NULL };
	struct gp_report why = GP_REPORT_INIT;
	struct gp_strbuf body = GP_STRBUF_INIT;
	char *chosen = NULL;
	int r = -EIO;

	/* Binding weighs the guards, which need the system check; giving back does not. */
	if (w->inv && (w->chk_err == 0 || !w->now_binding))
		r = gp_rtbind_choose(&w->target->path, w->inv,
				     w->now_address[0] ? w->now_address : NULL, &chosen, &why);
	if (r == 0) {
		gp_report_free(&why);
		return chosen;
	}
	if (why.n)
		put_report(&body, &why);
	else if (w->inv && r == -EIO)
		gp_strbuf_addstr(&body, _("The system check could not be read, so the guards "
					  "cannot be weighed: nothing is bound now."));
	else
		/* TRANSLATORS: %s is the system's error message. */
		gp_strbuf_addf(&body, _("Nothing can be bound now: %s"), strerror(-r));
	gp_wiz_modal(w, title, gp_strbuf_str(&body), ok, 0, NULL);
	gp_strbuf_release(&body);
	gp_report_free(&why);
	return NULL;
}

static const char *title_of(int binding)
{
	return binding ? _("Bind now") : _("Give back now");
}

static void confirm_done(struct gp_wizard *w, int button)
{
	const char *ok[] = { _("OK"), NULL }, *none[] = { NULL };
	const char *title = title_of(w->now_binding);
	struct gp_strbuf body = GP_STRBUF_INIT;
	char *chosen;

	if (button != 1)
		return;
	chosen = choose(w, title);
	if (!chosen)
		return;
	/* A write may take up to its deadline: say so while it runs. */
	gp_wiz_modal(w, title, _("Working..."), none, 0, NULL);
	gp_wiz_redraw(w);
	run(w, chosen, &body);
	free(chosen);
	if (gp_wiz_reread(w) < 0)
		gp_strbuf_addf(&body, "\n%s", _("The PCI devices could not be read again: the "
						"drivers shown may be the old ones."));
	gp_wiz_modal(w, title, gp_strbuf_str(&body), ok, 0, NULL);
	gp_strbuf_release(&body);
}

void gp_wiz_bind_now(struct gp_wizard *w, const char *address, int binding)
{
	const char *labels[] = { _("Cancel"), title_of(binding), NULL };
	const char *ok[] = { _("OK"), NULL };
	struct gp_strbuf body = GP_STRBUF_INIT;
	char *chosen;

	snprintf(w->now_address, sizeof(w->now_address), "%s", address ? address : "");
	w->now_binding = binding;
	if (w->readonly) {
		gp_wiz_modal(w, title_of(binding), _("Binding now changes the running system: run "
						     "gpupt-setup as root."), ok, 0, NULL);
		return;
	}
	chosen = choose(w, title_of(binding));
	if (!chosen)
		return;
	if (binding) {
		put_funcs(&body, w->inv, chosen, _("Give these functions to vfio-pci now?"), 1);
		gp_strbuf_addf(&body, "\n%s", _("The host stops using them until you give them "
						"back or reboot.  The configuration is not changed."));
	} else {
		put_funcs(&body, w->inv, chosen,
			  _("Give these functions back to their host drivers now?"), 1);
		gp_strbuf_addf(&body, "\n%s", _("While a VM uses them, nothing is done.  "
						"The configuration is not changed."));
	}
	free(chosen);
	gp_wiz_modal(w, title_of(binding), gp_strbuf_str(&body), labels, 0, confirm_done);
	gp_strbuf_release(&body);
}
