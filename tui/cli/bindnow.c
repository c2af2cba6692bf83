/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --bind-now [ADDRESS] and --unbind-now [ADDRESS]: binding now (rtbind.h)
 * told as lines: the card, the guards and holders that refuse it, each
 * function's driver before and after as read back from sysfs, the
 * group's /dev/vfio node and whether a VM can have it, and what the next
 * boot does.  The persistent configuration is not touched.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "cli.h"
#include "nls.h"
#include "plan_report.h"
#include "rtbind.h"
#include "strbuf.h"

/* One item as a line, its role's lead before it. */
static void put_item(FILE *out, const struct gp_report_item *it, struct gp_strbuf *sb)
{
	const char *lead = "  ";

	gp_strbuf_reset(sb);
	if (gp_report_format(it, 1, sb) < 0)
		return;
	if (it->role == GP_ROLE_FIX)
		lead = _("  To fix: ");
	else if (it->role == GP_ROLE_NOTE)
		lead = _("  Note: ");
	fprintf(out, "%s%s\n", lead, gp_strbuf_str(sb));
}

static void put_report(FILE *out, const struct gp_report *r)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;
	size_t i;

	for (i = 0; i < r->n; i++)
		put_item(out, &r->item[i], &sb);
	gp_strbuf_release(&sb);
}

/* The guard hits of a refused or forced bind, with the word that lifts each. */
static void put_guards(FILE *out, const struct gp_plan *pl, const struct gp_inventory *inv,
		       const struct gp_syscheck *chk)
{
	struct gp_report rep = GP_REPORT_INIT;

	if (pl && gp_plan_report(pl, inv, chk, &rep) == 0)
		gp_cli_put_guards(out, pl, &rep, GP_CLI_FORCE_OPTION);
	gp_report_free(&rep);
}

/* The words of --force into guard bits: 0, or -1 after naming the bad one. */
static int parse_force(const char *list, unsigned int *force)
{
	const char *s = list;

	*force = 0;
	while (list && *s) {
		size_t n = strcspn(s, ",");
		enum gp_guard g = gp_guard_by_name(s, n);

		if (!g) {
			fprintf(stderr, _("gpupt-setup: '%.*s' in --force is not a guard "
					  "(boot-display, last-gpu, group, iommu, partial-group)\n"),
				(int)n, s);
			return -1;
		}
		*force |= g;
		s += n + (s[n] == ',');
	}
	return 0;
}

/* The card and its functions, as the run will act on them. */
static void put_card(FILE *out, const struct gp_inventory *inv, const char *chosen, int binding)
{
	size_t i;

	fputs(binding ? _("Giving to vfio-pci now:") : _("Giving back to the host now:"), out);
	for (i = 0; i < inv->n_devs; i++)
		if (chosen[i])
			fprintf(out, " %s", inv->devs[i].address);
	fputc('\n', out);
}

static int finish(FILE *out, int r, const struct gp_rtbind_result *res, int binding)
{
	put_report(out, &res->report);
	fflush(out);    /* the report first, then the verdict on stderr */
	if (r == 0) {
		fprintf(out, "%s\n", binding ? _("Done: every function is on vfio-pci now.")
					     : _("Done: no function is on vfio-pci any more."));
		if (binding)
			fprintf(out, "%s\n", _("Next: gpupt-setup --vm-config prints the devices to "
					      "add to the VM."));
		return GP_EXIT_OK;
	}
	if (res->refused)
		fprintf(stderr, "%s\n", _("gpupt-setup: refused: nothing was changed"));
	else if (res->stuck)
		fprintf(stderr, "%s\n", _("gpupt-setup: stopped: a write to sysfs did not return"));
	else if (r == -ENOMEM)
		gp_cli_errmsg(binding ? _("binding now") : _("giving back"), r);
	else
		fprintf(stderr, "%s\n", binding ? _("gpupt-setup: not every function is on vfio-pci "
						    "(see above)")
						: _("gpupt-setup: not every function was given back "
						    "(see above)"));
	return res->refused ? GP_EXIT_CHANGE_NEEDED : GP_EXIT_ERROR;
}

static int run(struct gp_cli *cli, FILE *out, int binding)
{
	struct gp_report why = GP_REPORT_INIT;
	struct gp_rtbind_result res;
	struct gp_inventory *inv = NULL;
	struct gp_rtbind_options opt = cli->rtbind;
	struct gp_syscheck chk;
	int r, status, have_chk = 0;
	char *chosen = NULL;

	memset(&res, 0, sizeof(res));
	if (parse_force(cli->force, &opt.force) < 0)
		return GP_EXIT_ERROR;
	if (gp_cli_inventory(cli, &inv) < 0)
		return GP_EXIT_ERROR;
	r = gp_rtbind_choose(&cli->path, inv, cli->address, &chosen, &why);
	if (r < 0) {
		fflush(out);
		put_report(stderr, &why);
		if (r == -ENOMEM)
			gp_cli_errmsg(_("choosing the card"), r);
		status = GP_EXIT_ERROR;
		goto out;
	}
	put_card(out, inv, chosen, binding);
	if (binding) {
		r = gp_syscheck_run(&cli->path, &chk);
		if (r < 0) {
			gp_cli_errmsg(_("system check"), r);
			status = GP_EXIT_ERROR;
			goto out;
		}
		have_chk = 1;
		r = gp_rtbind_bind(&cli->path, inv, &chk, chosen, &opt, &res);
		if (r != -ENOMEM)
			put_guards(out, res.plan, inv, &chk);
	} else {
		r = gp_rtbind_unbind(&cli->path, inv, chosen, &opt, &res);
	}
	fflush(out);
	status = finish(out, r, &res, binding);
out:
	if (have_chk)
		gp_syscheck_free(&chk);
	gp_rtbind_result_free(&res);
	gp_report_free(&why);
	gp_inventory_free(inv);
	free(chosen);
	return status;
}

int gp_cli_bind_now(struct gp_cli *cli, FILE *out)
{
	return run(cli, out, 1);
}

int gp_cli_unbind_now(struct gp_cli *cli, FILE *out)
{
	return run(cli, out, 0);
}
