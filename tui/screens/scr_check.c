/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Screen 2, System check: `--check` as the command line words it (check.c),
 * each item's state marked and its fix in plain words.
 */
#include <string.h>

#include "nls.h"
#include "wizard.h"

/* The attribute of a line of `--check` text, from the state label it starts with. */
static enum gp_attr line_attr(const char *line, int *indent)
{
	static const struct { const char *label; enum gp_attr attr; } states[] = {
		{ N_("[ ok ]"), GP_ATTR_OK }, { N_("[warn]"), GP_ATTR_WARN },
		{ N_("[FAIL]"), GP_ATTR_FAIL }, { N_("[ ?? ]"), GP_ATTR_WARN },
	};

	*indent = 0;
	while (line[*indent] == ' ')
		(*indent)++;
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		const char *l = _(states[i].label);

		if (strncmp(line, l, strlen(l)) == 0) {
			*indent = gp_text_width(l) + 1;
			return states[i].attr;
		}
	}
	return GP_ATTR_NORMAL;
}

static void build(struct gp_wizard *w, struct gp_lines *out, int width, int height)
{
	const char *s = w->check_text;
	char line[2048];
	int fails = 0;

	for (int i = 0; i < GP_CHECK_N_ITEMS && w->chk_err == 0; i++)
		fails += w->chk.state[i] == GP_STATE_FAIL;
	if (w->chk_err)
		gp_lines_wrap(out, GP_ATTR_FAIL, -1, _("The system check could not run."), width, 0, 0);
	else if (fails)
		gp_lines_wrap(out, GP_ATTR_FAIL, -1,
			      P_("%d item must be fixed before passthrough can work (marked FAIL). "
				 "You can still prepare the configuration: it works once the item "
				 "is fixed.",
				 "%d items must be fixed before passthrough can work (marked FAIL). "
				 "You can still prepare the configuration: it works once they are "
				 "fixed.", fails), width, 0, 0);
	else
		gp_lines_wrap(out, GP_ATTR_OK, -1, _("Passthrough can work on this system."), width,
			      0, 0);
	gp_lines_wrap(out, GP_ATTR_DIM, -1,
		      _("[ ok ] fine   [warn] works, but read it   [FAIL] must be fixed first"),
		      width, 0, 0);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	if (!s)
		return;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		enum gp_attr attr;
		int indent;

		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, s, n);
		line[n] = '\0';
		attr = line_attr(line, &indent);
		/* The command line's closing verdict is said above already. */
		if (!(attr == GP_ATTR_NORMAL && indent == 0 && line[0]))
			gp_lines_wrap(out, attr, -1, line, width, 0, indent);
		if (!nl)
			break;
		s = nl + 1;
	}
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
