/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --health [--json]: the trial boot's health check (trial_health.h), one
 * line a check with its state, the fix under a failed one, and the
 * verdict; or one JSON document: "healthy" and every item as --check
 * --json renders its items.  Exit 0 healthy, 1 not, 2 when it cannot tell.
 */
#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "json.h"
#include "nls.h"
#include "strbuf.h"
#include "trial_health.h"

/* JSON names, stable: the schema in gpupt-setup(8). */
static const char *const section_names[GP_HEALTH_N_TOPICS] = {
	[GP_HEALTH_BOUND] = "bound",
	[GP_HEALTH_DISPLAY] = "display",
};

static const char *label(const struct gp_report_item *it)
{
	if (it->role == GP_ROLE_FIX)
		return _("       fix:");
	switch (it->sev) {
	case GP_SEV_OK: return _("[ ok ]");
	case GP_SEV_FAIL: return _("[FAIL]");
	case GP_SEV_UNKNOWN: return _("[ ?? ]");
	default: return _("[note]");
	}
}

static int print_text(const struct gp_trial_health *h, FILE *out)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;
	size_t i;
	int r = 0;

	for (i = 0; i < h->report.n && r == 0; i++) {
		gp_strbuf_reset(&sb);
		r = gp_report_format(&h->report.item[i], 1, &sb);
		if (r == 0)
			fprintf(out, "%s %s\n", label(&h->report.item[i]), gp_strbuf_str(&sb));
	}
	gp_strbuf_release(&sb);
	if (r == 0)
		fputs(h->healthy ? _("Healthy: every check passed.\n")
				 : _("Not healthy: a trial boot in this state is not confirmed.\n"),
		      out);
	return r;
}

/* JSON keeps the English msgids, so scripts can rely on them. */
static int print_json(const struct gp_trial_health *h, FILE *out)
{
	struct gp_json j;
	size_t i;
	int r = 0;

	gp_json_init(&j, out);
	gp_json_object_open(&j, NULL);
	gp_json_int(&j, "schema_version", 1);
	gp_json_bool(&j, "healthy", h->healthy);
	gp_json_array_open(&j, "items");
	for (i = 0; i < h->report.n; i++) {
		const struct gp_report_item *it = &h->report.item[i];
		const char *section = it->topic >= 0 && it->topic < GP_HEALTH_N_TOPICS
				      ? section_names[it->topic] : NULL;
		int e = gp_json_report_item(&j, section, it);

		if (e < 0 && !r)
			r = e;
	}
	gp_json_array_close(&j);
	gp_json_object_close(&j);
	gp_json_finish(&j);
	return r;
}

int gp_cli_health(struct gp_cli *cli, FILE *out)
{
	struct gp_trial_health h;
	int r;

	r = gp_trial_health_check(&cli->path, &h);
	if (r == 0)
		r = cli->json ? print_json(&h, out) : print_text(&h, out);
	if (r < 0) {
		gp_trial_health_free(&h);
		fflush(out);
		/* Only the inventory and memory can fail the check itself. */
		gp_cli_errmsg(r == -ENOMEM ? _("health check")
			      : _("cannot read the PCI inventory (/sys/bus/pci/devices)"), r);
		return GP_EXIT_ERROR;
	}
	r = h.healthy ? GP_EXIT_OK : GP_EXIT_CHANGE_NEEDED;
	gp_trial_health_free(&h);
	return r;
}
