/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The JSON result of --answers.  "changed" is the one member a playbook
 * acts on: true only when files were (or, under --dry-run, would be)
 * written, so a re-run with nothing to do says false.
 */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>

#include "answers_json.h"
#include "apply.h"
#include "json.h"
#include "loader.h"
#include "messages.h"
#include "plan_report.h"
#include "strbuf.h"
#include "txn.h"

enum outcome { O_UNCHANGED, O_WOULD_CHANGE, O_APPLIED, O_REFUSED, O_FAILED, O_ERROR };

static const char *const outcome_names[] = {
	[O_UNCHANGED] = "unchanged", [O_WOULD_CHANGE] = "would_change",
	[O_APPLIED] = "applied", [O_REFUSED] = "refused", [O_FAILED] = "failed",
	[O_ERROR] = "error",
};

static const char *errno_name(int err)
{
	const char *n;

	if (!err)
		return NULL;
	n = strerrorname_np(err < 0 ? -err : err);
	return n ? n : "EUNKNOWN";
}

static void head(struct gp_json *j, const struct gp_cli *cli, enum outcome o)
{
	gp_json_object_open(j, NULL);
	gp_json_int(j, "schema_version", 1);
	gp_json_string(j, "answers", cli->answers);
	gp_json_bool(j, "dry_run", cli->dry_run);
	gp_json_bool(j, "changed", o == O_APPLIED || o == O_WOULD_CHANGE);
	gp_json_string(j, "outcome", outcome_names[o]);
}

/* A string of space-separated words as an array of them. */
static void words(struct gp_json *j, const char *key, const char *s)
{
	gp_json_array_open(j, key);
	while (*s) {
		size_t n;
		char w[256];

		s += strspn(s, " ");
		n = strcspn(s, " ");
		if (!n)
			break;
		snprintf(w, sizeof(w), "%.*s", (int)n, s);
		gp_json_string(j, NULL, w);
		s += n;
	}
	gp_json_array_close(j);
}

static void files(struct gp_json *j, const struct gp_plan *pl)
{
	size_t i;

	gp_json_array_open(j, "files");
	for (i = 0; i < pl->n_files; i++) {
		const struct gp_file_change *f = &pl->files[i];
		char mode[8];

		gp_json_object_open(j, NULL);
		gp_json_string(j, "path", f->path);
		gp_json_string(j, "action", f->remove ? "remove" :
			       f->old_exists ? "modify" : "create");
		snprintf(mode, sizeof(mode), "%04o", (unsigned)(f->mode & 07777));
		if (f->remove || f->old_exists)
			gp_json_null(j, "mode");   /* an existing file keeps its own */
		else
			gp_json_string(j, "mode", mode);
		gp_json_object_close(j);
	}
	gp_json_array_close(j);
}

static void commands(struct gp_json *j, const struct gp_plan *pl)
{
	size_t i, k;

	gp_json_array_open(j, "commands");
	for (i = 0; i < pl->n_cmds; i++) {
		const struct gp_command *c = &pl->cmds[i];

		gp_json_object_open(j, NULL);
		gp_json_array_open(j, "argv");
		for (k = 0; c->argv[k]; k++)
			gp_json_string(j, NULL, c->argv[k]);
		gp_json_array_close(j);
		gp_json_string(j, "kernel", c->kver[0] ? c->kver : NULL);
		gp_json_bool(j, "regenerates", c->generator);
		gp_json_object_close(j);
	}
	gp_json_array_close(j);
}

/* The English text of every item of guard hit @topic and @role, joined by @sep. */
static void join_items(const struct gp_report *r, int topic, enum gp_item_role role,
		       const char *sep, struct gp_strbuf *sb)
{
	struct gp_strbuf one = GP_STRBUF_INIT;
	long i;

	for (i = gp_report_find(r, 0, topic, role); i >= 0;
	     i = gp_report_find(r, (size_t)i + 1, topic, role)) {
		const char *t;

		gp_strbuf_reset(&one);
		if (gp_report_format(&r->item[i], 0, &one) < 0)
			continue;
		/* A line item's indent and newline are the text output's, not the message's. */
		while (one.len && one.buf[one.len - 1] == '\n')
			one.buf[--one.len] = '\0';
		for (t = gp_strbuf_str(&one); *t == ' '; t++)
			;
		if (sb->len && sep)
			gp_strbuf_addstr(sb, sep);
		gp_strbuf_addstr(sb, t);
	}
	gp_strbuf_release(&one);
}

/*
 * What the text output says of a hit after "Refused: ": the facts of a
 * guard a force word lifts, what a preflight refusal protects, its facts
 * and its fix otherwise.
 */
static void hit_message(const struct gp_plan *pl, const struct gp_report *r, size_t i,
			struct gp_strbuf *sb)
{
	const struct gp_guard_hit *h = &pl->guards[i];

	if (gp_guard_forceable(h->guard)) {
		join_items(r, (int)i, GP_ROLE_DETAIL, NULL, sb);
		gp_strbuf_addf(sb, " (to go ahead anyway, add '%s' to 'force' in the answers "
				 "file)", gp_guard_name(h->guard));
		return;
	}
	join_items(r, (int)i, GP_ROLE_SUMMARY, NULL, sb);
	gp_strbuf_addstr(sb, ": ");
	join_items(r, (int)i, GP_ROLE_DETAIL, "; ", sb);
	gp_strbuf_addstr(sb, ". To fix: ");
	join_items(r, (int)i, GP_ROLE_FIX, " ", sb);
}

/* The guard hits that are @forced (1) or refuse the plan (0). */
static void hits(struct gp_json *j, const char *key, const struct gp_plan *pl,
		 const struct gp_report *r, int forced)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;
	size_t i, k;

	gp_json_array_open(j, key);
	for (i = 0; i < pl->n_guards; i++) {
		const struct gp_guard_hit *h = &pl->guards[i];

		if (!h->forced != !forced)
			continue;
		gp_json_object_open(j, NULL);
		gp_json_string(j, "guard", gp_guard_name(h->guard));
		gp_json_string(j, "code", gp_msg_info(gp_plan_guard_summary(h->guard)) ?
			       gp_msg_info(gp_plan_guard_summary(h->guard))->name : NULL);
		gp_json_bool(j, "forceable", gp_guard_forceable(h->guard));
		gp_json_string(j, "address", h->address[0] ? h->address : NULL);
		gp_strbuf_reset(&sb);
		hit_message(pl, r, i, &sb);
		gp_json_string(j, "message", sb.err ? NULL : gp_strbuf_str(&sb));
		gp_json_array_open(j, "items");
		for (k = 0; k < r->n; k++)
			if (r->item[k].topic == (int)i)
				gp_json_report_item(j, NULL, &r->item[k]);
		gp_json_array_close(j);
		gp_json_object_close(j);
	}
	gp_json_array_close(j);
	gp_strbuf_release(&sb);
}

static void notes(struct gp_json *j, const struct gp_report *r)
{
	size_t k;

	gp_json_array_open(j, "notes");
	for (k = 0; k < r->n; k++)
		if (r->item[k].topic == GP_PLAN_TOPIC_NOTES)
			gp_json_report_item(j, NULL, &r->item[k]);
	gp_json_array_close(j);
}

static void plan(struct gp_json *j, const struct gp_answers *a, const struct gp_plan *pl,
		 const struct gp_report *r)
{
	size_t i;

	gp_json_string(j, "gpu", a->choices.gpu);
	gp_json_array_open(j, "functions");
	for (i = 0; i < pl->n_functions; i++)
		gp_json_string(j, NULL, pl->functions[i]);
	gp_json_array_close(j);
	gp_json_string(j, "loader", pl->loader ? pl->loader->name : NULL);
	gp_json_bool(j, "trial", pl->trial);
	gp_json_bool(j, "trial_unavailable", pl->trial_unavailable);
	gp_json_object_open(j, "kernel_parameters");
	words(j, "added", pl->cmdline_added);
	words(j, "add_by_hand", pl->cmdline_manual);
	words(j, "remove_by_hand", pl->cmdline_remove);
	gp_json_object_close(j);
	files(j, pl);
	commands(j, pl);
	gp_json_bool(j, "refused", gp_plan_refused(pl));
	hits(j, "refusals", pl, r, 0);
	hits(j, "forced", pl, r, 1);
	notes(j, r);
	gp_json_bool(j, "reboot", a->reboot);
}

/*
 * Why the run failed: @err, the file or command at fault, its exit status,
 * whether every file is as it was, and what the check of the rebuilt
 * images found.  @res NULL: it stopped before the transaction.
 */
static void error_object(struct gp_json *j, const struct gp_txn_result *res, int err)
{
	size_t i;

	gp_json_object_open(j, "error");
	gp_json_string(j, "errno", errno_name(err));
	gp_json_string(j, "failed_at", res && res->failed_what[0] ? res->failed_what : NULL);
	if (res && res->command_status && WIFEXITED(res->command_status))
		gp_json_int(j, "command_status", WEXITSTATUS(res->command_status));
	else
		gp_json_null(j, "command_status");
	/* As the text says "nothing was changed: every file is as it was". */
	gp_json_bool(j, "files_as_before", !res || res->rolled_back || !res->rollback_err);
	gp_json_string(j, "rollback_errno", res ? errno_name(res->rollback_err) : NULL);
	gp_json_array_open(j, "items");
	for (i = 0; res && i < res->report.n; i++)
		gp_json_report_item(j, NULL, &res->report.item[i]);
	gp_json_array_close(j);
	gp_json_object_close(j);
}

/* What the transaction did: the kernels checked to bind, or why it failed. */
static void result(struct gp_json *j, const struct gp_txn_result *res, int err)
{
	size_t i;

	gp_json_array_open(j, "bound_kernels");
	for (i = 0; res && !err && i < res->n_bound; i++)
		gp_json_string(j, NULL, res->bound[i]);
	gp_json_array_close(j);
	if (err)
		error_object(j, res, err);
	else
		gp_json_null(j, "error");
}

int gp_cli_answers_json(struct gp_cli *cli, FILE *out, const struct gp_answers *a,
			const struct gp_plan *pl, const struct gp_report *rep)
{
	struct gp_txn_result res;
	struct gp_json j;
	enum outcome o;
	int err = 0, applied = 0;

	memset(&res, 0, sizeof(res));
	if (gp_plan_refused(pl))
		o = O_REFUSED;
	else if (!pl->n_files)
		o = O_UNCHANGED;
	else if (cli->dry_run)
		o = O_WOULD_CHANGE;
	else {
		/* The progress is for people: stderr, stdout holds only the JSON. */
		err = gp_cli_apply_result(cli, stderr, pl, &res);
		applied = 1;
		o = err < 0 ? O_FAILED : O_APPLIED;
	}
	gp_json_init(&j, out);
	head(&j, cli, o);
	plan(&j, a, pl, rep);
	result(&j, applied ? &res : NULL, err);
	gp_json_object_close(&j);
	gp_json_finish(&j);
	fflush(out);
	gp_txn_result_free(&res);
	if (o == O_REFUSED)
		return GP_EXIT_CHANGE_NEEDED;
	if (o == O_FAILED)
		return GP_EXIT_ERROR;
	if (o == O_APPLIED && a->reboot)
		return gp_cli_reboot(cli, stderr);
	return GP_EXIT_OK;
}

void gp_cli_answers_json_error(const struct gp_cli *cli, FILE *out, int err)
{
	struct gp_json j;

	gp_json_init(&j, out);
	head(&j, cli, O_ERROR);
	error_object(&j, NULL, err);
	gp_json_object_close(&j);
	gp_json_finish(&j);
}
