/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Screen 2, System check: the engine's check report (check_report.h), laid
 * out as `--check` shows it, each item's state marked and its fix in plain
 * words.
 */
#include <string.h>

#include "check_report.h"
#include "nls.h"
#include "wizard.h"

static const char *const state_label[] = {
	[GP_STATE_OK] = N_("[ ok ]"), [GP_STATE_WARN] = N_("[warn]"),
	[GP_STATE_FAIL] = N_("[FAIL]"), [GP_STATE_UNKNOWN] = N_("[ ?? ]"),
};

static const enum gp_attr state_attr[] = {
	[GP_STATE_OK] = GP_ATTR_OK, [GP_STATE_WARN] = GP_ATTR_WARN,
	[GP_STATE_FAIL] = GP_ATTR_FAIL, [GP_STATE_UNKNOWN] = GP_ATTR_WARN,
};

/* Appends the translated text of report item @i to @sb ("" when it fails). */
static const char *item_text(const struct gp_report *r, long i, struct gp_strbuf *sb)
{
	if (i >= 0)
		gp_report_format(&r->item[i], 1, sb);
	return gp_strbuf_str(sb);
}

/* One check item as `--check` shows it: state, title and summary; details; fix. */
static void build_item(const struct gp_wizard *w, int item, struct gp_lines *out, int width)
{
	const struct gp_report *r = &w->chk_report;
	enum gp_check_state st = w->chk.state[item];
	const char *label = _(state_label[st]);
	struct gp_strbuf sb = GP_STRBUF_INIT, text = GP_STRBUF_INIT;
	long i;

	gp_strbuf_addf(&sb, "%s %s: ", label, _(gp_check_item_title((enum gp_check_item)item)));
	item_text(r, gp_report_find(r, 0, item, GP_ROLE_SUMMARY), &sb);
	gp_lines_wrap(out, state_attr[st], -1, gp_strbuf_str(&sb), width, 0,
		      gp_text_width(label) + 1);
	for (i = gp_report_find(r, 0, item, GP_ROLE_DETAIL); i >= 0;
	     i = gp_report_find(r, (size_t)i + 1, item, GP_ROLE_DETAIL)) {
		gp_strbuf_reset(&sb);
		gp_strbuf_addstr(&sb, "       ");
		gp_lines_wrap(out, GP_ATTR_NORMAL, -1, item_text(r, i, &sb), width, 0, 7);
	}
	i = gp_report_find(r, 0, item, GP_ROLE_FIX);
	if (i >= 0) {
		gp_strbuf_reset(&sb);
		gp_strbuf_addf(&sb, _("       fix: %s\n"), item_text(r, i, &text));
		if (sb.len && sb.buf[sb.len - 1] == '\n')
			sb.buf[--sb.len] = '\0';
		gp_lines_wrap(out, GP_ATTR_NORMAL, -1, gp_strbuf_str(&sb), width, 0, 7);
	}
	gp_strbuf_release(&text);
	gp_strbuf_release(&sb);
}

/* The headline: whether the check passed, and how many items must be fixed. */
static void headline(const struct gp_wizard *w, struct gp_lines *out, int width)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;
	int fails = 0;

	for (int i = 0; i < GP_CHECK_N_ITEMS && w->chk_err == 0; i++)
		fails += w->chk.state[i] == GP_STATE_FAIL;
	if (w->chk_err) {
		gp_lines_wrap(out, GP_ATTR_FAIL, -1, _("The system check could not run."), width, 0, 0);
		return;
	}
	if (!fails) {
		gp_lines_wrap(out, GP_ATTR_OK, -1, _("Passthrough can work on this system."), width,
			      0, 0);
		return;
	}
	/* The plural form is a format: its %d is the number of failed items. */
	gp_strbuf_addf(&sb, P_("%d item must be fixed before passthrough can work (marked FAIL). "
			       "You can still prepare the configuration: it works once the item "
			       "is fixed.",
			       "%d items must be fixed before passthrough can work (marked FAIL). "
			       "You can still prepare the configuration: it works once they are "
			       "fixed.", fails), fails);
	gp_lines_wrap(out, GP_ATTR_FAIL, -1, gp_strbuf_str(&sb), width, 0, 0);
	gp_strbuf_release(&sb);
}

static void build(struct gp_wizard *w, struct gp_lines *out, int width, int height)
{
	headline(w, out, width);
	gp_lines_wrap(out, GP_ATTR_DIM, -1,
		      _("[ ok ] fine   [warn] works, but read it   [FAIL] must be fixed first"),
		      width, 0, 0);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	if (w->chk_err)
		return;
	for (int i = 0; i < GP_CHECK_N_ITEMS; i++)
		build_item(w, i, out, width);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
}

static void activate(struct gp_wizard *w, int item, int key)
{
	if (key == GP_KEY_ENTER)
		gp_wiz_go(w, GP_SCR_GPU);
}

const struct gp_screen gp_scr_check = {
	.title = N_("System check"),
	.help = N_("Each line is one thing passthrough needs: [ ok ] is fine, [warn] works but "
		   "is worth reading, [FAIL] must be fixed before the card can be given to a VM, "
		   "and the \"fix\" line says how.  The same check runs as gpupt-setup --check.  "
		   "Arrows and PgUp/PgDn scroll."),
	.enter_hint = N_("choose the GPU"),
	.build = build,
	.activate = activate,
};
