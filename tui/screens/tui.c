/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The wizard's controller: gathers what the engine knows, then runs the
 * loop — draw the frame and the current screen, route the key, move on.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nls.h"
#include "frontend.h"
#include "term.h"
#include "check_report.h"
#include "tui.h"
#include "wizard.h"

static const struct gp_screen *const screens[GP_SCR_N] = {
	[GP_SCR_WELCOME] = &gp_scr_welcome,
	[GP_SCR_CHECK] = &gp_scr_check,
	[GP_SCR_GPU] = &gp_scr_gpu,
	[GP_SCR_OPTIONS] = &gp_scr_options,
	[GP_SCR_REVIEW] = &gp_scr_review,
	[GP_SCR_APPLY] = &gp_scr_apply,
	[GP_SCR_DONE] = &gp_scr_done,
};

/* Below this the frame cannot hold a screen; it asks for more room. */
#define MIN_ROWS 12
#define MIN_COLS 40

void gp_wiz_go(struct gp_wizard *w, enum gp_screen_id id)
{
	if (w->depth < GP_SCR_N)
		w->history[w->depth++] = w->screen;
	w->screen = id;
	if (screens[id]->enter)
		screens[id]->enter(w);
}

int gp_wiz_can_back(const struct gp_wizard *w)
{
	const struct gp_screen *s = screens[w->screen];

	if (w->apply_state == GP_APPLY_RUNNING && w->screen == GP_SCR_APPLY)
		return 0;
	return s->can_back ? s->can_back(w) : w->depth > 0;
}

void gp_wiz_back(struct gp_wizard *w)
{
	if (w->depth > 0)
		w->screen = w->history[--w->depth];
}

void gp_wiz_modal(struct gp_wizard *w, const char *title, const char *body,
		  const char *const *labels, int focus,
		  void (*done)(struct gp_wizard *w, int button))
{
	struct gp_modal *m = &w->modal;
	int n = 0;

	free(m->body);
	memset(m, 0, sizeof(*m));
	snprintf(m->title, sizeof(m->title), "%s", title);
	m->body = strdup(body);
	while (n < GP_MODAL_BUTTONS && labels[n]) {
		m->labels[n] = labels[n];
		n++;
	}
	m->buttons.n = n;
	m->buttons.cur = focus < n ? focus : 0;
	m->done = done;
	m->active = 1;
}

/* --- drawing ------------------------------------------------------------ */

static int item_count(const struct gp_lines *l)
{
	int n = 0;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].item >= n)
			n = l->v[i].item + 1;
	return n;
}

/* The keys that work on the current screen now, for the key line. */
static unsigned footer_keys(struct gp_wizard *w, const char *hint)
{
	unsigned keys = GP_FOOTER_GLOBAL;

	/* While the change runs no key is read: offer none. */
	if (w->screen == GP_SCR_APPLY && w->apply_state == GP_APPLY_RUNNING)
		return 0;
	if (hint)
		keys |= GP_FOOTER_ENTER;
	if (gp_wiz_can_back(w))
		keys |= GP_FOOTER_BACK;
	return keys;
}

static void draw_keys(struct gp_wizard *w, int row, int cols)
{
	const struct gp_screen *s = screens[w->screen];
	const char *hint = s->hint ? s->hint(w) : s->enter_hint ? _(s->enter_hint) : NULL;
	unsigned keys = footer_keys(w, hint);
	const char *fmt = gp_footer_format(keys), *pct;
	char line[512];

	fmt = fmt[0] ? _(fmt) : "";
	pct = keys & GP_FOOTER_ENTER ? strstr(fmt, "%s") : NULL;
	if (w->modal.active)
		snprintf(line, sizeof(line), "%s", _("Tab: next button   Enter: choose   Esc: close"));
	else if (pct)
		/* The one %s by hand: the format comes from a table, not a literal. */
		snprintf(line, sizeof(line), "%.*s%s%s", (int)(pct - fmt), fmt, hint, pct + 2);
	else
		snprintf(line, sizeof(line), "%s", fmt);
	gp_term_text(row, 0, cols, GP_ATTR_NORMAL, 1, 1, line);
}

/*
 * Where the current screen is in its path.  A revert goes Welcome, Revert,
 * Done: three steps of its own, not "step 6 of 7: Apply" of a change.
 */
static void title_step(const struct gp_wizard *w, int *step, int *count, const char **title)
{
	*title = screens[w->screen]->title;
	*step = (int)w->screen + 1;
	*count = GP_SCR_N;
	if (w->mode != GP_MODE_REVERT || w->screen < GP_SCR_APPLY)
		return;
	*count = 3;
	*step = w->screen == GP_SCR_APPLY ? 2 : 3;
	if (w->screen == GP_SCR_APPLY)
		*title = N_("Revert");
}

static void draw_title(struct gp_wizard *w, int cols)
{
	char line[512];
	const char *tag = w->readonly ? _("[read-only]") : "", *title;
	int step, count;

	title_step(w, &step, &count, &title);
	/* TRANSLATORS: the title bar: "gpupt-setup - step 3 of 7: Choose the GPU". */
	snprintf(line, sizeof(line), _(" gpupt-setup - step %d of %d: %s"), step, count,
		 _(title));
	gp_term_text(0, 0, cols, GP_ATTR_HEADING, 1, 1, line);
	if (tag[0]) {
		int tw = gp_text_width(tag);

		if (tw + 2 < cols)
			gp_term_text(0, cols - tw - 1, tw, GP_ATTR_HEADING, 1, 0, tag);
	}
}

static void draw_content(struct gp_wizard *w, int rows, int cols)
{
	const struct gp_screen *s = screens[w->screen];
	struct gp_lines l = { 0 };
	struct gp_list *list = &w->list[w->screen];
	struct gp_scroll *sc = &w->scroll[w->screen];
	int height = rows - 4, width = cols - 4, items;
	size_t first = 0, last = 0;

	s->build(w, &l, width, height);
	items = item_count(&l);
	gp_list_set(list, (size_t)items, height);
	gp_scroll_set(sc, l.n, height);
	if (items) {
		int found = 0;

		for (size_t i = 0; i < l.n; i++) {
			if (l.v[i].item != (int)list->cur)
				continue;
			if (!found)
				first = i;
			last = i;
			found = 1;
		}
		if (found)
			gp_scroll_show(sc, first, last);
	}
	gp_term_box(1, 0, rows - 2, cols);
	for (int r = 0; r < height && sc->top + (size_t)r < l.n; r++) {
		const struct gp_line *ln = &l.v[sc->top + (size_t)r];
		int sel = items && ln->item == (int)list->cur;

		gp_term_text(2 + r, 2, width, ln->attr, sel, sel, ln->text);
		/* The cursor shows without colour or reverse video too. */
		if (sel && sc->top + (size_t)r == first)
			gp_term_text(2 + r, 2, 1, ln->attr, 1, 0, ">");
	}
	if (sc->top > 0)
		gp_term_text(1, cols - 4, 3, GP_ATTR_DIM, 0, 0, gp_term_utf8() ? "\xe2\x96\xb2" : "^");
	if (sc->top + (size_t)height < l.n)
		gp_term_text(rows - 2, cols - 4, 3, GP_ATTR_DIM, 0, 0,
			     gp_term_utf8() ? "\xe2\x96\xbc" : "v");
	gp_lines_free(&l);
}

/*
 * A dialog's body, line by line: a line's leading blanks indent what it
 * wraps to as well, and a "- " bullet hangs, so a list of reasons and
 * their facts stays readable however it wraps.
 */
static void wrap_body(struct gp_lines *l, const char *body, int width)
{
	for (const char *p = body;;) {
		const char *nl = strchr(p, '\n');
		char *line = strndup(p, nl ? (size_t)(nl - p) : strlen(p));
		int lead = 0;

		if (!line) {
			l->oom = 1;
			return;
		}
		while (line[lead] == ' ')
			lead++;
		gp_lines_wrap(l, GP_ATTR_NORMAL, -1, line + lead, width, lead,
			      lead + (strncmp(line + lead, "- ", 2) == 0 ? 2 : 0));
		free(line);
		if (!nl)
			break;
		p = nl + 1;
	}
}

static void draw_modal(struct gp_wizard *w, int rows, int cols)
{
	struct gp_modal *m = &w->modal;
	struct gp_lines l = { 0 };
	int bw = cols - 8 < 72 ? cols - 8 : 72, bh, y, x, height, bx;
	char label[sizeof(m->title) + 4];

	if (bw < 20)
		bw = cols;
	wrap_body(&l, m->body ? m->body : "", bw - 4);
	height = (int)l.n;
	if (height > rows - 8)
		height = rows - 8;
	if (height < 1)
		height = 1;
	bh = height + 4;
	y = (rows - bh) / 2;
	x = (cols - bw) / 2;
	gp_scroll_set(&m->scroll, l.n, height);
	gp_term_box(y, x, bh, bw);
	snprintf(label, sizeof(label), " %s ", m->title);
	gp_term_text(y, x + 2, bw - 4, GP_ATTR_HEADING, 0, 0, label);
	for (int r = 0; r < height && m->scroll.top + (size_t)r < l.n; r++)
		gp_term_text(y + 1 + r, x + 2, bw - 4, l.v[m->scroll.top + (size_t)r].attr, 0, 0,
			     l.v[m->scroll.top + (size_t)r].text);
	if (m->scroll.top + (size_t)height < l.n)
		gp_term_text(y + bh - 2, x + bw - 4, 2, GP_ATTR_DIM, 0, 0, "v");
	bx = x + 2;
	for (int i = 0; i < m->buttons.n; i++) {
		int focus = i == m->buttons.cur;

		/* <Focused> and [other]: the focus shows without reverse video too. */
		snprintf(label, sizeof(label), focus ? "<%s>" : "[%s]", m->labels[i]);
		gp_term_text(y + bh - 2, bx, bw - (bx - x) - 2, GP_ATTR_NORMAL, focus, 0, label);
		bx += gp_text_width(label) + 2;
	}
	gp_lines_free(&l);
}

void gp_wiz_redraw(struct gp_wizard *w)
{
	int rows, cols;

	gp_term_size(&rows, &cols);
	gp_term_clear();
	if (rows < MIN_ROWS || cols < MIN_COLS) {
		gp_term_text(0, 0, cols, GP_ATTR_WARN, 0, 0, _("The terminal is too small:"));
		gp_term_text(1, 0, cols, GP_ATTR_NORMAL, 0, 0, _("make it at least 80x24."));
		gp_term_flush();
		return;
	}
	draw_title(w, cols);
	draw_content(w, rows, cols);
	draw_keys(w, rows - 1, cols);
	if (w->modal.active)
		draw_modal(w, rows, cols);
	gp_term_flush();
}

/* --- keys ----------------------------------------------------------------- */

static void quit_done(struct gp_wizard *w, int button)
{
	if (button == 1)
		w->quit = 1;
}

static void ask_quit(struct gp_wizard *w)
{
	const char *labels[] = { _("Stay"), _("Quit"), NULL };
	const char *body = w->apply_state == GP_APPLY_OK ?
		_("Quit gpupt-setup?  The change is made; it takes effect at the next boot.") :
		_("Quit gpupt-setup?  Nothing has been changed.");

	gp_wiz_modal(w, _("Quit"), body, labels, 0, quit_done);
}

static void help(struct gp_wizard *w)
{
	const char *labels[] = { _("Close"), NULL };
	const char *more = screens[w->screen]->help_more;
	char *body;

	if (asprintf(&body, "%s%s%s\n\n%s", _(screens[w->screen]->help), more ? "  " : "",
		     more ? _(more) : "",
		     _("Keys: arrows move, Tab moves between buttons, Space changes the item under "
		       "the cursor, Enter goes on, Esc goes back a screen, F1 or ? shows this help, "
		       "q quits (nothing changes unless you apply on the Review screen).")) < 0)
		return;
	gp_wiz_modal(w, _("Help"), body, labels, 0, NULL);
	free(body);
}

static void modal_key(struct gp_wizard *w, int key)
{
	struct gp_modal *m = &w->modal;
	int r, button;

	if (key == GP_KEY_UP || key == GP_KEY_DOWN || key == GP_KEY_PGUP || key == GP_KEY_PGDN) {
		gp_scroll_key(&m->scroll, key);
		return;
	}
	r = gp_buttons_key(&m->buttons, key);
	if (r != GP_W_ACTIVATE && r != GP_W_CANCEL)
		return;
	button = r == GP_W_ACTIVATE ? m->buttons.cur : -1;
	m->active = 0;
	if (m->done)
		m->done(w, button);
}

static void screen_key(struct gp_wizard *w, int key)
{
	const struct gp_screen *s = screens[w->screen];
	struct gp_list *list = &w->list[w->screen];
	int item = list->n ? (int)list->cur : -1;
	int r;

	if (s->key && s->key(w, item, key))
		return;
	if (key == 'q' || key == 'Q') {
		if (w->apply_state != GP_APPLY_RUNNING)
			ask_quit(w);
		return;
	}
	if (key == GP_KEY_HELP || key == '?') {
		help(w);
		return;
	}
	if (key == GP_KEY_ESC) {
		if (gp_wiz_can_back(w))
			gp_wiz_back(w);
		return;
	}
	if (list->n) {
		r = gp_list_key(list, key);
		if (r == GP_W_ACTIVATE || r == GP_W_TOGGLE)
			s->activate(w, item, key == GP_KEY_SPACE ? GP_KEY_SPACE : GP_KEY_ENTER);
		else if (r == GP_W_IGNORED && (key == GP_KEY_PGUP || key == GP_KEY_PGDN))
			gp_scroll_key(&w->scroll[w->screen], key);
		return;
	}
	r = gp_scroll_key(&w->scroll[w->screen], key == GP_KEY_SPACE ? GP_KEY_NONE : key);
	if (r == GP_W_ACTIVATE || key == GP_KEY_SPACE)
		s->activate(w, -1, key == GP_KEY_SPACE ? GP_KEY_SPACE : GP_KEY_ENTER);
}

/* --- start ------------------------------------------------------------------ */

/* Whether gpupt-setup has changed this root before (the engine's history; a damaged one counts). */
static int has_history(const struct gp_path *p)
{
	struct gp_txn_entry *h = NULL;
	size_t n = 0;
	int r = gp_txn_history(p, &h, &n);

	free(h);
	return r == -EBADMSG || (r == 0 && n > 0);
}

/*
 * The display functions of @inv into w->gpus.  A card that keeps its
 * place keeps whether its details are shown (the same cards, read again).
 */
static int index_gpus(struct gp_wizard *w, const struct gp_inventory *inv)
{
	size_t n = 0, *gpus;
	unsigned char *expanded;

	for (size_t i = 0; i < inv->n_devs; i++)
		if (inv->devs[i].gpu)
			n++;
	gpus = calloc(n ? n : 1, sizeof(*gpus));
	expanded = calloc(n ? n : 1, 1);
	if (!gpus || !expanded) {
		free(gpus);
		free(expanded);
		return -ENOMEM;
	}
	n = 0;
	for (size_t i = 0; i < inv->n_devs; i++)
		if (inv->devs[i].gpu)
			gpus[n++] = i;
	if (n == w->n_gpus && w->expanded)
		memcpy(expanded, w->expanded, n);
	free(w->gpus);
	free(w->expanded);
	w->gpus = gpus;
	w->expanded = expanded;
	w->n_gpus = n;
	return 0;
}

int gp_wiz_reread(struct gp_wizard *w)
{
	struct gp_inventory *inv = NULL;
	int r = gp_inventory_build(&w->target->path, &inv);

	if (r < 0)
		return r;
	r = index_gpus(w, inv);
	if (r < 0) {
		gp_inventory_free(inv);
		return r;
	}
	gp_inventory_free(w->inv);
	w->inv = inv;
	w->inv_err = 0;
	/*
	 * The plan keeps no pointer into the inventory.  It is not made again
	 * here: on Done it is the change made; before it, choosing a card (or
	 * leaving the options) makes it again on these drivers.
	 */
	return 0;
}

static int gather(struct gp_wizard *w)
{
	w->inv_err = gp_inventory_build(&w->target->path, &w->inv);
	if (w->inv_err < 0)
		w->inv = NULL;
	w->chk_err = gp_syscheck_run(&w->target->path, &w->chk);
	/* The check's words, with the large-BAR notes `--check` shows under Firmware. */
	if (w->chk_err == 0 && (gp_check_report(&w->chk, &w->chk_report) < 0 ||
				(w->inv && gp_check_report_large_bars(w->inv, &w->chk_report) < 0)))
		gp_report_free(&w->chk_report);  /* out of memory: the screen shows no items */
	if (w->inv && index_gpus(w, w->inv) < 0)
		return -ENOMEM;
	w->configured = gp_path_exists(&w->target->path, GP_BIND_CONF_PATH) > 0 ||
			has_history(&w->target->path);
	/* Not root on the real host: a look is fine, a change is not.  A --root
	 * copy belongs to whoever made it, so it stays writable (make demo). */
	w->readonly = geteuid() != 0 && gp_path_is_host(&w->target->path);
	w->choices.functions = GP_FUNCS_SLOT;
	w->choices.iommu_pt = 1;
	w->choices.kernels = GP_KERNELS_ALL;
	return 0;
}

static void release(struct gp_wizard *w)
{
	gp_plan_free(w->plan);
	gp_txn_result_free(&w->result);
	gp_report_free(&w->recovered);
	gp_report_free(&w->recovered_images);
	gp_inventory_free(w->inv);
	if (w->chk_err == 0)
		gp_syscheck_free(&w->chk);
	gp_report_free(&w->chk_report);
	free(w->gpus);
	free(w->expanded);
	free(w->modal.body);
	gp_lines_free(&w->steps);
	gp_lines_free(&w->output);
}

int gp_tui_run(const struct gp_target *target)
{
	static struct gp_wizard w;
	int r, sig;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("gpupt-setup: the wizard needs a terminal; for reports without one "
				  "see --list, --check and --status, and for changes --answers "
				  "(gpupt-setup --help)\n"));
		return GP_EXIT_ERROR;
	}
	memset(&w, 0, sizeof(w));
	w.target = target;
	w.result.failed_step = -1;
	w.status = GP_EXIT_OK;
	r = gather(&w);
	if (r < 0) {
		release(&w);
		gp_errmsg(_("starting the wizard"), r);
		return GP_EXIT_ERROR;
	}
	r = gp_term_start();
	if (r < 0) {
		release(&w);
		gp_errmsg(_("starting the wizard"), r);
		return GP_EXIT_ERROR;
	}
	w.screen = GP_SCR_WELCOME;
	while (!w.quit) {
		int key;

		gp_wiz_redraw(&w);
		key = gp_term_key();
		if (key == GP_KEY_SIGNAL)
			break;
		if (key == GP_KEY_RESIZE)
			continue;
		if (w.modal.active)
			modal_key(&w, key);
		else
			screen_key(&w, key);
	}
	gp_term_stop();
	sig = gp_term_signal();
	if (sig) {
		fprintf(stderr, _("gpupt-setup: interrupted (%s)%s\n"), strsignal(sig),
			w.apply_state == GP_APPLY_OK ? "" : _("; nothing was changed"));
		w.status = GP_EXIT_ERROR;
	}
	if (w.apply_state == GP_APPLY_OK && w.mode == GP_MODE_APPLY && w.plan)
		printf(_("gpupt-setup: the change is made; reboot to use it, then check with "
			 "gpupt-setup --status\n"));
	r = w.status;
	release(&w);
	return r;
}
