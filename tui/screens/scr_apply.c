/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Screen 6, Apply: the transaction (or a revert) with a line and a bar per
 * step and the commands' output in a pane below; on failure, the rollback
 * as it happens, then what went wrong.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "nls.h"
#include "strbuf.h"
#include "wizard.h"

#define BAR 10

static void step_words(enum gp_txn_step s, const char *what, char *buf, size_t size)
{
	switch (s) {
	case GP_STEP_LOCK: snprintf(buf, size, "%s", _("Taking the lock")); break;
	case GP_STEP_JOURNAL: snprintf(buf, size, "%s", _("Recording how things are now")); break;
	case GP_STEP_SPACE: snprintf(buf, size, "%s", _("Checking the free space in /boot")); break;
	case GP_STEP_WRITE: snprintf(buf, size, _("Writing %s"), what); break;
	case GP_STEP_COMMAND: snprintf(buf, size, _("Running %s"), what); break;
	case GP_STEP_COMMIT: snprintf(buf, size, "%s", _("Finishing")); break;
	case GP_STEP_ROLLBACK: snprintf(buf, size, _("Rolling back: restoring %s"), what); break;
	case GP_STEP_REGENERATE: snprintf(buf, size, _("Rolling back: %s"), what); break;
	case GP_STEP_DONE: snprintf(buf, size, "%s", _("Done")); break;
	case GP_STEP_VERIFY: snprintf(buf, size, _("Checking %s"), what); break;
	default: snprintf(buf, size, "%s", what); break;
	}
}

/* One line per step with its own bar; @replace rewrites the last one. */
static void step_line(struct gp_wizard *w, enum gp_txn_step step, size_t i, size_t n,
		      const char *text, int replace)
{
	char bar[BAR + 1];
	size_t fill = n ? i * BAR / n : BAR;
	enum gp_attr attr = step == GP_STEP_ROLLBACK || step == GP_STEP_REGENERATE ?
			    GP_ATTR_WARN : GP_ATTR_NORMAL;

	for (size_t k = 0; k < BAR; k++)
		bar[k] = k < fill ? '#' : '.';
	bar[BAR] = '\0';
	if (replace && w->steps.n) {
		w->steps.n--;
		free(w->steps.v[w->steps.n].text);
	}
	if (n)
		gp_lines_addf(&w->steps, attr, -1, "[%s] %zu/%zu  %s", bar, i, n, text);
	else
		gp_lines_addf(&w->steps, attr, -1, "[%s]  %s", bar, text);
	w->last_step = step;
	w->step_i = i;
	w->step_n = n;
}

/*
 * Every step is finished: fill each line's bar.  A bar shows how far its
 * kind of step had come ("1/2" of the files is half a bar), which under
 * "Done" read as half-done; a failed run keeps its bars as they stopped.
 */
static void fill_bars(struct gp_lines *steps)
{
	for (size_t i = 0; i < steps->n; i++) {
		char *t = steps->v[i].text;

		if (t && strlen(t) > BAR + 1 && t[0] == '[' && t[BAR + 1] == ']')
			memset(t + 1, '#', BAR);
	}
}

static void on_step(void *ctx, enum gp_txn_step step, size_t i, size_t n, const char *what)
{
	struct gp_wizard *w = ctx;
	char text[1024];

	step_words(step, what ? what : "", text, sizeof(text));
	step_line(w, step, i, n, text, 0);
	gp_wiz_redraw(w);
}

/* Put "%s" of a translated description ("Rebuilding the initramfs for %s") to @kver. */
static void describe(const char *fmt, const char *kver, char *buf, size_t size)
{
	const char *p = strstr(fmt, "%s");

	if (!p) {
		snprintf(buf, size, "%s", fmt);
		return;
	}
	snprintf(buf, size, "%.*s%s%s", (int)(p - fmt), fmt, kver, p + 2);
}

/* The step line named the command line: name its purpose instead. */
static void on_command(void *ctx, const struct gp_command *cmd)
{
	struct gp_wizard *w = ctx;
	char what[512], text[1024];

	if (!cmd->what)
		return;
	describe(_(cmd->what), cmd->kver, what, sizeof(what));
	if (w->last_step == GP_STEP_REGENERATE)
		step_words(GP_STEP_REGENERATE, what, text, sizeof(text));
	else
		snprintf(text, sizeof(text), "%s", what);
	step_line(w, w->last_step, w->step_i, w->step_n, text, 1);
	gp_wiz_redraw(w);
}

static void output_line(struct gp_wizard *w)
{
	gp_lines_add(&w->output, GP_ATTR_NORMAL, -1, w->partial);
	w->partial[0] = '\0';
}

static void on_output(void *ctx, const char *buf, size_t len)
{
	struct gp_wizard *w = ctx;
	size_t n = strlen(w->partial);

	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n' || buf[i] == '\r') {
			if (buf[i] == '\n' || n)
				output_line(w);
			n = 0;
			continue;
		}
		if (n + 1 >= sizeof(w->partial)) {
			output_line(w);
			n = 0;
		}
		w->partial[n++] = buf[i];
		w->partial[n] = '\0';
	}
	gp_wiz_redraw(w);
}

static const struct gp_txn_ops apply_ops = {
	.step = on_step, .output = on_output, .command = on_command,
};

/* A change a killed run left open is settled first; what was done joins the output. */
/*
 * Settle a journal a killed run left open, before the change: what it did
 * (and each image it found lacking) is kept in w->recovered and shown,
 * wrapped, above the steps.
 */
static void add_recovery(struct gp_wizard *w)
{
	int r, what = 0;

	gp_report_free(&w->recovered);
	gp_report_free(&w->recovered_images);
	r = gp_txn_recover_checked(&w->target->path, &w->target->opts, &apply_ops, w, &what,
				   &w->recovered_images);
	gp_txn_recover_report(r, what, &w->recovered);
}

/*
 * A revert found no change on record: settling a killed run rolled it
 * back (shown above the steps), or there never was one.  Not a failure,
 * as --revert says: nothing is left to undo.
 */
static int nothing_to_revert(const struct gp_wizard *w)
{
	return w->mode == GP_MODE_REVERT && w->apply_state == GP_APPLY_FAILED &&
	       w->apply_err == -ENOENT;
}

void gp_wiz_start_apply(struct gp_wizard *w, enum gp_apply_mode mode)
{
	int r;

	w->mode = mode;
	w->apply_state = GP_APPLY_RUNNING;
	gp_lines_clear(&w->steps);
	gp_lines_clear(&w->output);
	w->partial[0] = '\0';
	memset(&w->out_scroll, 0, sizeof(w->out_scroll));
	w->out_scroll.follow = 1;
	gp_txn_result_free(&w->result);
	memset(&w->result, 0, sizeof(w->result));
	w->result.failed_step = -1;
	gp_wiz_go(w, GP_SCR_APPLY);
	gp_wiz_redraw(w);

	/* A change a killed run left open is settled first, as the command line does. */
	add_recovery(w);
	if (mode == GP_MODE_APPLY)
		r = gp_txn_apply(&w->target->path, w->plan, &apply_ops, w, &w->result);
	else
		r = gp_txn_revert(&w->target->path, 0, &w->target->opts, &apply_ops, w, &w->result);
	if (w->partial[0])
		output_line(w);
	w->apply_err = r;
	w->apply_state = r == 0 ? GP_APPLY_OK : GP_APPLY_FAILED;
	if (r == 0)
		fill_bars(&w->steps);
	if (r < 0 && !nothing_to_revert(w))
		w->status = GP_EXIT_ERROR;
}

/*
 * Report items as wrapped lines: the image check (each image and what it
 * lacks, FAIL, then the fix) and what settling a killed run did.
 */
static void report_lines(const struct gp_report *rep, struct gp_lines *out, int width)
{
	struct gp_strbuf text = GP_STRBUF_INIT;

	for (size_t i = 0; i < rep->n; i++) {
		const struct gp_report_item *it = &rep->item[i];

		gp_strbuf_reset(&text);
		if (gp_report_format(it, 1, &text) < 0)
			continue;
		if (text.len && text.buf[text.len - 1] == '\n')
			text.buf[--text.len] = '\0';
		gp_lines_wrap(out, it->sev == GP_SEV_FAIL ? GP_ATTR_FAIL : GP_ATTR_NORMAL, -1,
			      gp_strbuf_str(&text), width, 2, 4);
	}
	gp_strbuf_release(&text);
}

/* A failed rollback rebuild: the commands of the journal to run by hand. */
static void by_hand_lines(struct gp_lines *out, const struct gp_strset *cmds, int width)
{
	size_t i;

	gp_lines_wrap(out, GP_ATTR_WARN, -1, cmds->n
		      ? _("Rebuilding the boot files for the restored files failed too: run these "
			  "by hand:")
		      : _("Rebuilding the boot files for the restored files failed too (see "
			  "above)."), width, 0, 2);
	for (i = 0; i < cmds->n; i++)
		gp_lines_wrap(out, GP_ATTR_WARN, -1, cmds->v[i], width, 4, 6);
}

static void failure_lines(struct gp_wizard *w, struct gp_lines *out, int width)
{
	const struct gp_txn_result *res = &w->result;
	char line[1024], why[512];
	int r = w->apply_err;

	if (r == -ECHILD && res->command_timeout)
		snprintf(why, sizeof(why), P_("the command did not finish within %u second "
					      "and was stopped",
					      "the command did not finish within %u seconds "
					      "and was stopped", res->command_timeout),
			 res->command_timeout);
	else if (r == -ECHILD && WIFEXITED(res->command_status))
		snprintf(why, sizeof(why), _("the command failed (exit status %d)"),
			 WEXITSTATUS(res->command_status));
	else if (r == -ECHILD && WIFSIGNALED(res->command_status))
		snprintf(why, sizeof(why), _("the command was killed (%s)"),
			 strsignal(WTERMSIG(res->command_status)));
	else if (r == -ENOSPC)
		snprintf(why, sizeof(why), "%s", _("/boot has too little free space"));
	else if (r == -EBUSY)
		snprintf(why, sizeof(why), "%s", _("another gpupt-setup is running"));
	else if (r == -EROFS)
		snprintf(why, sizeof(why), "%s", _("/ or /boot is read-only, or /boot is not "
						   "mounted"));
	else if (r == -EBADE)
		snprintf(why, sizeof(why), "%s", _("a rebuilt initramfs is not as the next boot "
						   "needs it"));
	else if (r == -ESTALE)
		snprintf(why, sizeof(why), "%s", _("a file changed since the review; go back and "
						   "review again"));
	else if (r == -ENOENT && w->mode == GP_MODE_REVERT)
		snprintf(why, sizeof(why), "%s", _("there is nothing to revert"));
	else
		snprintf(why, sizeof(why), "%s", strerror(-r));
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	gp_lines_wrap(out, GP_ATTR_FAIL, -1, _("What went wrong:"), width, 0, 0);
	if (res->failed_what[0] == '/' && r == -ECHILD) {
		/* A command line: its program by name, the arguments as they were. */
		const char *sp = strchr(res->failed_what, ' ');
		const char *prog = res->failed_what;

		for (const char *c = prog; *c && (!sp || c < sp); c++)
			if (*c == '/')
				prog = c + 1;
		snprintf(line, sizeof(line), "%s: %s", prog, why);
	} else if (res->failed_what[0])
		snprintf(line, sizeof(line), "%s: %s", res->failed_what, why);
	else
		snprintf(line, sizeof(line), "%s", why);
	gp_lines_wrap(out, GP_ATTR_FAIL, -1, line, width, 2, 4);
	report_lines(&res->report, out, width);
	for (size_t i = 0; i < res->n_modified; i++) {
		snprintf(line, sizeof(line), _("%s was edited since gpupt-setup wrote it: left as "
					       "it is; compare and fix it by hand"),
			 res->modified[i]);
		gp_lines_wrap(out, GP_ATTR_WARN, -1, line, width, 2, 4);
	}
	if (res->rolled_back) {
		gp_lines_wrap(out, GP_ATTR_OK, -1, _("Every file is as it was before: nothing "
						    "changed."), width, 0, 2);
		if (res->rollback_err)
			by_hand_lines(out, &res->by_hand, width);
	} else if (res->rollback_err) {
		snprintf(line, sizeof(line), _("The rollback failed too (%s).  Run gpupt-setup "
					       "--revert, or boot with gpupt=off."),
			 strerror(-res->rollback_err));
		gp_lines_wrap(out, GP_ATTR_FAIL, -1, line, width, 0, 2);
	} else if (res->unrecorded) {
		;       /* made, not recorded: the report above says where and how */
	} else if (r == -EBUSY || r == -ENOSPC || r == -EROFS || r == -ESTALE || r == -ENOENT ||
		   r == -EPERM || r == -ENOTRECOVERABLE) {
		gp_lines_wrap(out, GP_ATTR_OK, -1, _("Every file is as it was before: nothing "
						    "changed."), width, 0, 2);
	}
}

static void build(struct gp_wizard *w, struct gp_lines *out, int width, int height)
{
	int room;

	switch (w->apply_state) {
	case GP_APPLY_RUNNING:
		gp_lines_wrap(out, GP_ATTR_HEADING, -1, w->mode == GP_MODE_APPLY ?
			      _("Applying the change.  Please wait.") :
			      _("Undoing the last change.  Please wait."), width, 0, 0);
		break;
	case GP_APPLY_OK:
		gp_lines_wrap(out, GP_ATTR_OK, -1, w->mode == GP_MODE_APPLY ?
			      _("Done: every file is written and every command succeeded.") :
			      _("Done: the last change is undone."), width, 0, 0);
		break;
	default:
		if (nothing_to_revert(w)) {
			/* The words --revert prints, without its newline. */
			char line[256];

			snprintf(line, sizeof(line), "%s", _("Nothing to revert: gpupt-setup has "
							     "no change on record.\n"));
			line[strcspn(line, "\n")] = '\0';
			gp_lines_wrap(out, GP_ATTR_OK, -1, line, width, 0, 0);
		} else
			gp_lines_wrap(out, GP_ATTR_FAIL, -1, w->mode == GP_MODE_APPLY ?
				      _("The change failed.") : _("The revert failed."), width,
				      0, 0);
		break;
	}
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	if (w->recovered.n || w->recovered_images.n) {
		report_lines(&w->recovered, out, width);
		report_lines(&w->recovered_images, out, width);
		gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	}
	for (size_t i = 0; i < w->steps.n; i++)
		gp_lines_wrap(out, w->steps.v[i].attr, -1, w->steps.v[i].text, width, 0, 16);
	if (w->apply_state == GP_APPLY_FAILED && !nothing_to_revert(w))
		failure_lines(w, out, width);
	gp_lines_add(out, GP_ATTR_NORMAL, -1, "");
	gp_lines_add(out, GP_ATTR_DIM, -1, _("Output of the commands (Up/Down scroll it, PgUp/PgDn the screen):"));
	room = height - (int)out->n;
	if (room < 3)
		room = 3;
	gp_scroll_set(&w->out_scroll, w->output.n + (w->partial[0] ? 1 : 0), room);
	for (int r = 0; r < room; r++) {
		size_t k = w->out_scroll.top + (size_t)r;

		if (k < w->output.n)
			gp_lines_add(out, GP_ATTR_DIM, -1, w->output.v[k].text);
		else if (k == w->output.n && w->partial[0])
			gp_lines_add(out, GP_ATTR_DIM, -1, w->partial);
	}
}

static void activate(struct gp_wizard *w, int item, int key)
{
	if (key != GP_KEY_ENTER)
		return;
	if (w->apply_state == GP_APPLY_OK)
		gp_wiz_go(w, GP_SCR_DONE);
	else if (w->apply_state == GP_APPLY_FAILED)
		w->quit = 1;
}

static int key(struct gp_wizard *w, int item, int k)
{
	switch (k) {
	case GP_KEY_UP:
	case GP_KEY_DOWN:
	case GP_KEY_HOME:
	case GP_KEY_END:
		/* The output pane; PgUp/PgDn page the whole screen. */
		gp_scroll_key(&w->out_scroll, k);
		return 1;
	}
	return 0;
}

/* After a failed change, back to the review; a change that is made stays made. */
static int can_back(const struct gp_wizard *w)
{
	return w->apply_state == GP_APPLY_FAILED && w->mode == GP_MODE_APPLY;
}

static const char *hint(struct gp_wizard *w)
{
	return w->apply_state == GP_APPLY_OK ? _("continue") : _("quit");
}

const struct gp_screen gp_scr_apply = {
	.title = N_("Apply"),
	.help = N_("gpupt-setup records how things are, writes each file, then rebuilds the "
		   "initramfs and the GRUB menu; the bars show each step.  If a step fails, every "
		   "file is put back and the boot files are rebuilt again, so nothing is left "
		   "half-done; then the reason is shown.  Up/Down scroll the command output."),
	.build = build,
	.activate = activate,
	.key = key,
	.hint = hint,
	.can_back = can_back,
};
