/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Screen 5, Review: the diff of every file the plan writes and every command it runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "nls.h"
#include "plan_report.h"
#include "strbuf.h"
#include "wizard.h"

static void add_text(struct gp_lines *out, const char *text, int width)
{
	while (text && *text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		char *line = strndup(text, n);
		enum gp_attr attr = GP_ATTR_NORMAL;

		if (!line)
			break;
		if (line[0] == '+' && strncmp(line, "+++", 3) != 0)
			attr = GP_ATTR_ADD;
		else if (line[0] == '-' && strncmp(line, "---", 3) != 0)
			attr = GP_ATTR_DEL;
		else if (line[0] == '@')
			attr = GP_ATTR_DIM;
		gp_lines_wrap(out, attr, -1, line, width, 0, 1);
		free(line);
		if (!nl)
			break;
		text = nl + 1;
	}
}

static void file_diff(struct gp_lines *out, const struct gp_file_change *f, int width)
{
	char a[GP_PATH_MAX + 8], b[GP_PATH_MAX + 8], *text = NULL;
	size_t len = 0;
	FILE *m;

	if (f->remove)
		gp_lines_addf(out, GP_ATTR_HEADING, -1, _("%s (removed)"), f->path);
	else if (f->old_exists)
		gp_lines_addf(out, GP_ATTR_HEADING, -1, _("%s (changed)"), f->path);
	else
		gp_lines_addf(out, GP_ATTR_HEADING, -1, _("%s (new file)"), f->path);
	snprintf(a, sizeof(a), f->old_exists ? "a%s" : "/dev/null", f->path);
	snprintf(b, sizeof(b), f->remove ? "/dev/null" : "b%s", f->path);
	m = open_memstream(&text, &len);
	if (!m)
		return;
	gp_diff_unified(m, a, f->old_content, f->old_len, b, f->new_content, f->new_len, 3);
	fclose(m);
	if (len == 0)
		gp_lines_add(out, GP_ATTR_DIM, -1, _("(unchanged)"));
	add_text(out, text, width);
	free(text);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
}

static void command_line(struct gp_lines *out, const struct gp_command *c, int width)
{
	char line[1024] = "$";
	size_t len;

	for (char **a = c->argv; a && *a; a++) {
		len = strlen(line);
		snprintf(line + len, sizeof(line) - len, " %s", *a);
	}
	gp_lines_wrap(out, GP_ATTR_NORMAL, -1, line, width, 2, 6);
}

/* The text of item @i, translated, without the newline a CLI line ends in. */
static const char *item_text(const struct gp_report *r, long i, struct gp_strbuf *sb)
{
	gp_strbuf_reset(sb);
	if (i >= 0 && gp_report_format(&r->item[i], 1, sb) == 0 && sb->len &&
	    sb->buf[sb->len - 1] == '\n')
		sb->buf[--sb->len] = '\0';
	return gp_strbuf_str(sb);
}

/* The forced guards and the plan's notes, from the engine's plan report. */
static void plan_notes(struct gp_wizard *w, struct gp_lines *out, int width)
{
	struct gp_report rep = GP_REPORT_INIT;
	struct gp_strbuf sb = GP_STRBUF_INIT, line = GP_STRBUF_INIT;
	unsigned int said = 0;
	long i;

	gp_plan_report(w->plan, w->inv, &w->chk, &rep);
	for (size_t g = 0; g < w->plan->n_guards; g++) {
		const struct gp_guard_hit *h = &w->plan->guards[g];

		if (!h->forced)
			continue;
		/* A guard's reason once, then the facts of each of its hits. */
		if (!(said & h->guard)) {
			said |= h->guard;
			gp_strbuf_reset(&line);
			gp_strbuf_addf(&line, _("Forced: %s"),
				       item_text(&rep, gp_report_find(&rep, 0, (int)g,
								      GP_ROLE_SUMMARY), &sb));
			gp_lines_wrap(out, GP_ATTR_WARN, -1, gp_strbuf_str(&line), width, 0, 2);
		}
		for (i = gp_report_find(&rep, 0, (int)g, GP_ROLE_DETAIL); i >= 0;
		     i = gp_report_find(&rep, (size_t)i + 1, (int)g, GP_ROLE_DETAIL)) {
			gp_strbuf_reset(&line);
			gp_wiz_guard_detail(w, h->guard, &rep.item[i], &line);
			gp_lines_wrap(out, GP_ATTR_WARN, -1, gp_strbuf_str(&line), width, 2, 4);
		}
	}
	for (i = gp_report_find(&rep, 0, GP_PLAN_TOPIC_NOTES, GP_ROLE_NOTE); i >= 0;
	     i = gp_report_find(&rep, (size_t)i + 1, GP_PLAN_TOPIC_NOTES, GP_ROLE_NOTE)) {
		/* "Nothing to add" is news on the command line only; the diff shows it. */
		if (rep.item[i].sev == GP_SEV_OK)
			continue;
		gp_lines_wrap(out, rep.item[i].sev >= GP_SEV_WARN ? GP_ATTR_WARN : GP_ATTR_NORMAL,
			      -1, item_text(&rep, i, &sb), width, 0, 2);
	}
	gp_strbuf_release(&line);
	gp_strbuf_release(&sb);
	gp_report_free(&rep);
}

static void build(struct gp_wizard *w, struct gp_lines *out, int width, int height)
{
	const struct gp_plan *p = w->plan;

	if (!p)
		return;
	if (!p->n_files) {
		gp_lines_wrap(out, GP_ATTR_OK, -1, _("This system is already configured this way: "
						    "nothing to change."), width, 0, 0);
		return;
	}
	gp_lines_wrap(out, GP_ATTR_HEADING, -1,
		      _("Nothing has changed yet.  On Enter (and a confirmation) gpupt-setup "
			"writes these files and runs these commands:"), width, 0, 0);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	plan_notes(w, out, width);
	gp_lines_wrap(out, GP_ATTR_NORMAL, -1, _("To vfio-pci at boot:"), width, 0, 2);
	for (size_t i = 0; i < p->n_functions; i++)
		gp_lines_addf(out, GP_ATTR_NORMAL, -1, "  %s", p->functions[i]);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	for (size_t i = 0; i < p->n_files; i++)
		file_diff(out, &p->files[i], width);
	gp_lines_wrap(out, GP_ATTR_HEADING, -1, _("Commands:"), width, 0, 0);
	for (size_t i = 0; i < p->n_cmds; i++)
		command_line(out, &p->cmds[i], width);
}

static void apply_done(struct gp_wizard *w, int button)
{
	if (button == 1)
		gp_wiz_start_apply(w, GP_MODE_APPLY);
}

static void activate(struct gp_wizard *w, int item, int key)
{
	const char *ok[] = { _("Close"), NULL };
	const char *yesno[] = { _("Cancel"), _("Apply"), NULL };

	if (key != GP_KEY_ENTER || !w->plan)
		return;
	if (!w->plan->n_files) {
		w->quit = 1;
		return;
	}
	if (w->readonly) {
		gp_wiz_modal(w, _("Root needed"),
			     _("Applying the change needs root.  Quit, then run: sudo gpupt-setup"),
			     ok, 0, NULL);
		return;
	}
	gp_wiz_modal(w, _("Apply"),
		     _("Write these files and run these commands now?  If any step fails, "
		       "everything is put back as it was."), yesno, 0, apply_done);
}

static const char *hint(struct gp_wizard *w)
{
	return w->plan && !w->plan->n_files ? _("quit") : _("apply");
}

const struct gp_screen gp_scr_review = {
	.title = N_("Review"),
	.help = N_("Every file gpupt-setup would write, as a diff against what is there now "
		   "(lines with + are added, lines with - removed), and every command it would "
		   "run.  Arrows, PgUp/PgDn, Home and End scroll.  Enter asks once more, then "
		   "applies; Esc goes back to change the options."),
	.build = build,
	.activate = activate,
	.hint = hint,
};
