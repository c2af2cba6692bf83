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
	struct gp_plan_error why;
	char msg[1024];
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
			  &w->plan, &why);
	if (r < 0 && why.err == -EPERM && why.path[0]) {
		w->plan = NULL;
		snprintf(msg, sizeof(msg), _("%s is mode %04o, owner %u:%u: others than root could "
					     "change what is written there. Make it root's and "
					     "writable by root alone (chown root:root %s; chmod go-w "
					     "%s), then plan again."), why.path,
			 (unsigned int)why.mode, (unsigned int)why.uid, (unsigned int)why.gid,
			 why.path, why.path);
		gp_wiz_modal(w, _("Error"), msg, ok, 0, NULL);
	} else if (r < 0) {
		w->plan = NULL;
		/* TRANSLATORS: %s is the system's error message. */
		snprintf(msg, sizeof(msg), _("The change cannot be planned: %s"), strerror(-r));
		gp_wiz_modal(w, _("Error"), msg, ok, 0, NULL);
	}
	return r;
}

/*
 * A detail of a group hit with the member named: its address argument
 * reads "0000:03:00.0 (Samsung ... NVMe SSD Controller ...)", so the
 * translated detail says which device the host would lose.
 */
static void named_detail(const struct gp_wizard *w, const struct gp_report_item *it,
			 struct gp_strbuf *out)
{
	struct gp_report_item named = *it;
	char label[256], with_name[GP_PCI_ADDR_LEN + sizeof(label) + 4];
	long k = -1;
	unsigned a;

	for (a = 0; a < it->n_args && it->arg[a].type != GP_ARG_ADDR; a++)
		;
	if (a < it->n_args)
		k = gp_inventory_find(w->inv, it->arg[a].v.s);
	if (k >= 0) {
		gp_wiz_gpu_label(&w->inv->devs[k], label, sizeof(label));
		snprintf(with_name, sizeof(with_name), "%s (%s)", it->arg[a].v.s, label);
		named.arg[a].v.s = with_name;   /* borrowed for this call only */
	}
	gp_report_format(&named, 1, out);
}

void gp_wiz_guard_detail(const struct gp_wizard *w, enum gp_guard g,
			 const struct gp_report_item *it, struct gp_strbuf *out)
{
	if (g == GP_GUARD_GROUP)
		named_detail(w, it, out);
	else
		gp_report_format(it, 1, out);
}

/* Each guard's reason once, then the facts of every hit of it (wizard.h). */
unsigned int gp_wiz_guards_text(const struct gp_wizard *w, const struct gp_plan *plan,
				struct gp_strbuf *out, int forceable_only)
{
	struct gp_report rep = GP_REPORT_INIT;
	unsigned int bits = 0, said = 0;

	gp_plan_report(plan, w->inv, &w->chk, &rep);
	for (size_t i = 0; i < plan->n_guards; i++) {
		const struct gp_guard_hit *h = &plan->guards[i];
		long s = gp_report_find(&rep, 0, (int)i, GP_ROLE_SUMMARY);
		int forceable = gp_guard_forceable(h->guard);

		if (h->forced || (said & h->guard) || (forceable_only && !forceable))
			continue;   /* forced, left out, or its reason is said already */
		said |= h->guard;
		if (forceable)
			bits |= h->guard;
		if (!out)
			continue;
		gp_strbuf_addstr(out, "- ");
		if (s >= 0)
			gp_report_format(&rep.item[s], 1, out);
		gp_strbuf_addch(out, '\n');
		for (size_t j = i; j < plan->n_guards; j++) {
			if (plan->guards[j].forced || plan->guards[j].guard != h->guard)
				continue;
			for (long d = gp_report_find(&rep, 0, (int)j, GP_ROLE_DETAIL); d >= 0;
			     d = gp_report_find(&rep, (size_t)d + 1, (int)j, GP_ROLE_DETAIL)) {
				gp_strbuf_addstr(out, "    ");
				gp_wiz_guard_detail(w, h->guard, &rep.item[d], out);
				gp_strbuf_addch(out, '\n');
			}
			/* What no force lifts says what to do, once per hit. */
			for (long x = gp_report_find(&rep, 0, (int)j, GP_ROLE_FIX); !forceable && x >= 0;
			     x = gp_report_find(&rep, (size_t)x + 1, (int)j, GP_ROLE_FIX)) {
				gp_strbuf_addf(out, "    %s", _("To fix: "));
				gp_report_format(&rep.item[x], 1, out);
				gp_strbuf_addch(out, '\n');
			}
		}
	}
	gp_report_free(&rep);
	return bits;
}

static unsigned int refused_text(const struct gp_wizard *w, struct gp_strbuf *out,
				 int forceable_only)
{
	return gp_wiz_guards_text(w, w->plan, out, forceable_only);
}

void gp_wiz_choice_begin(struct gp_wizard *w)
{
	w->before_choice = w->choices;
	w->choice_pending = 1;
}

/*
 * The refused choice was not forced: back to the choices before it, and to
 * their plan (none when no card was chosen yet), as if it never happened.
 */
static void choice_undo(struct gp_wizard *w)
{
	if (!w->choice_pending)
		return;
	w->choice_pending = 0;
	w->choices = w->before_choice;
	if (w->choices.gpu[0]) {
		gp_wiz_build_plan(w);
	} else {
		gp_plan_free(w->plan);
		w->plan = NULL;
	}
}

static void force_done(struct gp_wizard *w, int button)
{
	unsigned int bits = 0;

	if (button != 1 || !w->plan) {
		choice_undo(w);
		return;
	}
	bits = refused_text(w, NULL, 1);
	w->choices.force |= bits;
	if (gp_wiz_build_plan(w) < 0)
		return;
	if (gp_plan_refused(w->plan)) {
		gp_wiz_refused(w, w->after_force, 0);
		return;
	}
	w->choice_pending = 0;
	gp_wiz_go(w, w->after_force);
}

static void confirm_force(struct gp_wizard *w)
{
	const char *labels[] = { _("Cancel"), _("Force"), NULL };
	struct gp_strbuf body = GP_STRBUF_INIT;

	gp_strbuf_addf(&body, "%s\n\n", _("Force this choice?  It overrides:"));
	refused_text(w, &body, 1);
	gp_strbuf_addf(&body, "\n%s", _("If the host comes up without a screen, boot with "
					 "gpupt=off (or in recovery mode) and run gpupt-setup "
					 "--revert."));
	gp_wiz_modal(w, _("Force"), gp_strbuf_str(&body), labels, 0, force_done);
	gp_strbuf_release(&body);
}

static void refused_done(struct gp_wizard *w, int button)
{
	if (button == 1)
		confirm_force(w);
	else
		choice_undo(w);
}

void gp_wiz_refused(struct gp_wizard *w, enum gp_screen_id next, int confirm_only)
{
	const char *labels[] = { _("Back"), _("Force..."), NULL };
	struct gp_strbuf body = GP_STRBUF_INIT;
	unsigned int forceable;

	w->after_force = next;
	forceable = refused_text(w, NULL, 1);
	if (confirm_only && forceable && !gp_plan_refused_unforceable(w->plan)) {
		confirm_force(w);
		return;
	}
	if (!gp_plan_refused_unforceable(w->plan)) {
		gp_strbuf_addf(&body, "%s\n\n", _("gpupt-setup refuses this choice:"));
		refused_text(w, &body, 0);
		gp_strbuf_addf(&body, "\n%s", _("Choose Back and pick another card or option, or "
						 "choose Force... (or press F on the card) to do it "
						 "anyway."));
	} else {
		/* Nothing could be bound at boot: no Force... button to offer. */
		labels[1] = NULL;
		gp_strbuf_addf(&body, "%s\n\n", _("gpupt-setup refuses this choice, and it "
						 "cannot be forced:"));
		refused_text(w, &body, 0);
		if (body.len && body.buf[body.len - 1] == '\n')
			body.buf[--body.len] = '\0';
	}
	gp_wiz_modal(w, _("Refused"), gp_strbuf_str(&body), labels, 0, refused_done);
	gp_strbuf_release(&body);
}
