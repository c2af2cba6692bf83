/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the screens share about the user's choices: the plan, the guards, a GPU's label. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "nls.h"
#include "plan_report.h"
#include "strbuf.h"
#include "wizard.h"

void gp_wiz_gpu_label(const struct gp_pci_dev *d, char *buf, size_t size)
{
	if (d->vendor_name && d->device_name)
		snprintf(buf, size, "%s %s", d->vendor_name, d->device_name);
	else if (d->vendor_err || d->device_err)
		snprintf(buf, size, "%s", _("unknown card"));
	else
		snprintf(buf, size, "%04x:%04x", d->vendor, d->device);
}

const char *gp_wiz_guard_text(enum gp_guard g)
{
	const struct gp_msg_info *m = gp_msg_info(gp_plan_guard_summary(g));

	return m ? _(m->fmt) : "";
}

int gp_wiz_build_plan(struct gp_wizard *w)
{
	const char *ok[] = { _("Close"), NULL };
	char msg[512];
	int r;

	if (w->plan) {
		gp_plan_free(w->plan);
		w->plan = NULL;
	}
	if (w->inv_err < 0 || w->chk_err < 0) {
		gp_wiz_modal(w, _("Not available"),
			     _("The PCI devices or the system check could not be read, so no change "
			       "can be planned."), ok, 0, NULL);
		return -EIO;
	}
	r = gp_plan_build(&w->target->path, w->inv, &w->chk, &w->choices, &w->target->opts,
			  &w->plan, NULL);
	if (r < 0) {
		w->plan = NULL;
		/* TRANSLATORS: %s is the system's error message. */
		snprintf(msg, sizeof(msg), _("The change cannot be planned: %s"), strerror(-r));
		gp_wiz_modal(w, _("Error"), msg, ok, 0, NULL);
	}
	return r;
}

/*
 * The refused guards as a bulleted list with their facts; returns the bits
 * a force may lift.  @forceable_only: leave out what no force lifts (the
 * Force dialog); those otherwise come with each fact and what to do.
 */
static unsigned int refused_text(const struct gp_wizard *w, char *buf, size_t size,
				 int forceable_only)
{
	const struct gp_plan *plan = w->plan;
	struct gp_report rep = GP_REPORT_INIT;
	struct gp_strbuf sb = GP_STRBUF_INIT;
	unsigned int bits = 0;
	size_t len = 0;

	buf[0] = '\0';
	gp_plan_report(plan, w->inv, &w->chk, &rep);
	for (size_t i = 0; i < plan->n_guards; i++) {
		const struct gp_guard_hit *h = &plan->guards[i];
		long s = gp_report_find(&rep, 0, (int)i, GP_ROLE_SUMMARY);
		int forceable = gp_guard_forceable(h->guard);

		if (h->forced || (forceable_only && !forceable))
			continue;
		if (forceable)
			bits |= h->guard;
		gp_strbuf_reset(&sb);
		if (s >= 0)
			gp_report_format(&rep.item[s], 1, &sb);
		/* What no force lifts says each fact and the fix, one per line. */
		for (long d = gp_report_find(&rep, 0, (int)i, GP_ROLE_DETAIL); !forceable && d >= 0;
		     d = gp_report_find(&rep, (size_t)d + 1, (int)i, GP_ROLE_DETAIL)) {
			gp_strbuf_addf(&sb, "\n  ");
			gp_report_format(&rep.item[d], 1, &sb);
		}
		for (long x = gp_report_find(&rep, 0, (int)i, GP_ROLE_FIX); !forceable && x >= 0;
		     x = gp_report_find(&rep, (size_t)x + 1, (int)i, GP_ROLE_FIX)) {
			gp_strbuf_addf(&sb, "\n  %s", _("To fix: "));
			gp_report_format(&rep.item[x], 1, &sb);
		}
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "- %s%s%s%s\n",
					gp_strbuf_str(&sb), h->detail[0] ? " (" : "",
					h->detail, h->detail[0] ? ")" : "");
		if (len >= size)
			break;
	}
	gp_strbuf_release(&sb);
	gp_report_free(&rep);
	return bits;
}

static void force_done(struct gp_wizard *w, int button)
{
	unsigned int bits = 0;
	char reasons[2048];

	if (button != 1 || !w->plan)
		return;
	bits = refused_text(w, reasons, sizeof(reasons), 1);
	w->choices.force |= bits;
	if (gp_wiz_build_plan(w) < 0)
		return;
	if (gp_plan_refused(w->plan)) {
		gp_wiz_refused(w, w->after_force, 0);
		return;
	}
	gp_wiz_go(w, w->after_force);
}

static void confirm_force(struct gp_wizard *w)
{
	const char *labels[] = { _("Cancel"), _("Force"), NULL };
	char reasons[2048], body[3072];

	refused_text(w, reasons, sizeof(reasons), 1);
	snprintf(body, sizeof(body), "%s\n\n%s\n%s", _("Force this choice?  It overrides:"), reasons,
		 _("If the host comes up without a screen, boot with gpupt=off (or in recovery "
		   "mode) and run gpupt-setup --revert."));
	gp_wiz_modal(w, _("Force"), body, labels, 0, force_done);
}

static void refused_done(struct gp_wizard *w, int button)
{
	if (button == 1)
		confirm_force(w);
}

void gp_wiz_refused(struct gp_wizard *w, enum gp_screen_id next, int confirm_only)
{
	const char *labels[] = { _("Back"), _("Force..."), NULL };
	char reasons[2048], body[3072];

	unsigned int forceable;

	w->after_force = next;
	forceable = refused_text(w, reasons, sizeof(reasons), 1);
	if (confirm_only && forceable) {
		confirm_force(w);
		return;
	}
	refused_text(w, reasons, sizeof(reasons), 0);
	if (!gp_plan_refused_unforceable(w->plan)) {
		snprintf(body, sizeof(body), "%s\n\n%s\n%s", _("gpupt-setup refuses this choice:"),
			 reasons, _("Choose Back and pick another card or option, or choose "
				    "Force... (or press F on the card) to do it anyway."));
		gp_wiz_modal(w, _("Refused"), body, labels, 0, refused_done);
		return;
	}
	/* Nothing could be bound at boot: no Force... button to offer. */
	labels[1] = NULL;
	if (reasons[0] && reasons[strlen(reasons) - 1] == '\n')
		reasons[strlen(reasons) - 1] = '\0';
	snprintf(body, sizeof(body), "%s\n\n%s", _("gpupt-setup refuses this choice, and it "
						   "cannot be forced:"), reasons);
	gp_wiz_modal(w, _("Refused"), body, labels, 0, refused_done);
}
