/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --status [--json]: the engine's status report (status.h), one line an
 * item, or as one JSON document: the facts the engine decided (what is
 * configured, bound, not bound, the open change, the reboot rule's
 * answer), then every item as --check --json renders its items.  Plain
 * text, no terminal needed.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "nls.h"
#include "status.h"
#include "trial.h"
#include "strbuf.h"

/* JSON names, stable: the schema in gpupt-setup(8). */
static const char *const section_names[] = {
	[GP_STATUS_BIND_CONF] = "bind_conf",
	[GP_STATUS_DROPIN] = "kernel_parameters",
	[GP_STATUS_MODPROBE] = "modprobe",
	[GP_STATUS_HISTORY] = "history",
	[GP_STATUS_THIS_BOOT] = "this_boot",
	[GP_STATUS_NOW] = "now",
	[GP_STATUS_REBOOT] = "reboot",
	[GP_STATUS_OPEN_CHANGE] = "open_change",
	[GP_STATUS_TRIAL] = "trial",
};

static const char *const reboot_names[] = {
	[GP_REBOOT_NOT_PENDING] = "no",
	[GP_REBOOT_PENDING_DIFFERS] = "differs",
	[GP_REBOOT_PENDING_CHANGED] = "changed",
	[GP_REBOOT_NOT_BOUND] = "not_bound",
	[GP_REBOOT_OPEN_CHANGE] = "open_change",
};

static const char *const next_run_names[] = {
	[GP_TXN_SETTLE_NONE] = NULL,
	[GP_TXN_SETTLE_DISCARD] = "discard",
	[GP_TXN_SETTLE_ROLL_BACK] = "roll_back",
	[GP_TXN_SETTLE_COMPLETE] = "complete",
	[GP_TXN_SETTLE_DAMAGED] = "refuse",
	[GP_TXN_SETTLE_UNKNOWN] = "unknown",
};

static const char *const origin_names[] = {
	[GP_TXN_FILE_WRITTEN] = "written",
	[GP_TXN_FILE_EDITED] = "edited",
	[GP_TXN_FILE_NOT_RECORDED] = "not_recorded",
};

static void json_list(struct gp_json *j, const char *key, const struct gp_addr_list *l)
{
	size_t i;

	gp_json_array_open(j, key);
	for (i = 0; i < l->n; i++)
		gp_json_string(j, NULL, l->v[i]);
	gp_json_array_close(j);
}

static void json_open_change(struct gp_json *j, const struct gp_status *st)
{
	int journal = st->open_change == GP_TXN_SETTLE_ROLL_BACK ||
		      st->open_change == GP_TXN_SETTLE_COMPLETE;

	if (st->open_change == GP_TXN_SETTLE_NONE) {
		gp_json_null(j, "open_change");
		return;
	}
	gp_json_object_open(j, "open_change");
	gp_json_string(j, "journal", st->open_change == GP_TXN_SETTLE_DISCARD
					     ? gp_txn_open_new_dir() : gp_txn_open_dir());
	gp_json_string(j, "next_run", next_run_names[st->open_change]);
	if (journal) {
		gp_json_string(j, "kind", st->open_kind == GP_JOURNAL_REVERT ? "revert" : "apply");
		gp_json_uint(j, "steps_done", st->open_done);
		gp_json_uint(j, "steps", st->open_steps);
	} else {
		gp_json_null(j, "kind");
		gp_json_null(j, "steps_done");
		gp_json_null(j, "steps");
	}
	gp_json_object_close(j);
}

/* The binder's record of each function at this boot, as it says it. */
static void json_devices(struct gp_json *j, const struct gp_bind_status *bs)
{
	size_t i;

	gp_json_array_open(j, "devices");
	for (i = 0; i < bs->n; i++) {
		const struct gp_bind_status_rec *rec = &bs->rec[i];

		if (rec->kind != GP_BIND_STATUS_DEVICE)
			continue;
		gp_json_object_open(j, NULL);
		gp_json_string(j, "address", rec->word[0]);
		gp_json_string(j, "id", rec->word[1]);
		gp_json_string(j, "outcome", gp_bind_status_outcome_word(rec->outcome));
		gp_json_string(j, "code", rec->word[2]);
		gp_json_string(j, "driver_before", rec->driver_before[0] ? rec->driver_before : NULL);
		gp_json_string(j, "gave_back_to", rec->gave_back_to[0] ? rec->gave_back_to : NULL);
		gp_json_object_close(j);
	}
	gp_json_array_close(j);
}

/* Each function configured or on vfio-pci now, and whether the two agree. */
static void json_now(struct gp_json *j, const struct gp_status_now *now)
{
	size_t i;

	gp_json_array_open(j, "now");
	for (i = 0; i < now->n; i++) {
		const struct gp_status_now_fn *f = &now->v[i];

		gp_json_object_open(j, NULL);
		gp_json_string(j, "address", f->address);
		gp_json_string(j, "driver", f->driver[0] ? f->driver : NULL);
		gp_json_bool(j, "configured", f->configured);
		gp_json_bool(j, "differs", gp_status_now_differs(f));
		gp_json_object_close(j);
	}
	gp_json_array_close(j);
}

/* JSON keeps the English msgids, so scripts can rely on them. */
static int print_json(const struct gp_status *st, int err, FILE *out)
{
	struct gp_json j;
	size_t i;
	int r = 0;

	gp_json_init(&j, out);
	gp_json_object_open(&j, NULL);
	gp_json_int(&j, "schema_version", 1);
	json_open_change(&j, st);
	json_list(&j, "configured", &st->configured);
	gp_json_string(&j, "configured_origin",
		       st->conf_origin_known ? origin_names[st->conf_origin] : NULL);
	gp_json_uint(&j, "changes", st->n_changes);
	gp_json_bool(&j, "binder_ran", st->binder_acted);
	json_list(&j, "bound", &st->bound);
	json_list(&j, "not_bound", &st->not_bound);
	json_devices(&j, &st->boot);
	json_now(&j, &st->now);
	gp_json_bool(&j, "reboot_pending", st->pending == GP_REBOOT_PENDING_DIFFERS ||
					   st->pending == GP_REBOOT_PENDING_CHANGED);
	gp_json_string(&j, "reboot", reboot_names[st->pending]);
	gp_json_string(&j, "trial", gp_trial_state_name(st->trial_state));
	gp_json_string(&j, "error", err ? strerrorname_np(-err) : NULL);
	gp_json_array_open(&j, "items");
	for (i = 0; i < st->report.n; i++) {
		const struct gp_report_item *it = &st->report.item[i];
		int t = it->topic;
		const char *section = t >= 0 && (size_t)t < sizeof(section_names) /
				      sizeof(section_names[0]) ? section_names[t] : NULL;
		int e = gp_json_report_item(&j, section, it);

		if (e < 0 && !r)
			r = e;
	}
	gp_json_array_close(&j);
	gp_json_object_close(&j);
	gp_json_finish(&j);
	return r;
}

int gp_cli_status(struct gp_cli *cli, FILE *out)
{
	struct gp_status st;
	struct gp_strbuf text = GP_STRBUF_INIT;
	int r, fr;

	r = gp_status_read(&cli->path, &st);
	if (cli->json) {
		fr = print_json(&st, r, out);
	} else {
		fr = gp_report_format_all(&st.report, 1, &text);
		fputs(gp_strbuf_str(&text), out);
		gp_strbuf_release(&text);
	}
	gp_status_free(&st);
	if (r < 0 || fr < 0) {
		gp_cli_errmsg(_("reading the history of changes"), r < 0 ? r : fr);
		return GP_EXIT_ERROR;
	}
	return GP_EXIT_OK;
}
