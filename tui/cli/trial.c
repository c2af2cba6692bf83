/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --confirm and --trial: the trial boot made permanent, or taken once more (trial.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "apply.h"
#include "cli.h"
#include "frontend.h"
#include "loader.h"
#include "nls.h"
#include "run.h"
#include "syscheck.h"
#include "trial.h"
#include "trial_health.h"

/* Why there is no trial to act on (@r from the engine), on stderr. */
static int no_trial(int r, const struct gp_syscheck *chk)
{
	if (r == -ENOENT)
		fprintf(stderr, "%s\n", _("gpupt-setup: there is no trial boot to act on (none "
					  "was made, or it is confirmed already)"));
	else if (r == -ENXIO)
		fprintf(stderr, _("gpupt-setup: the trial boot was made for another boot loader "
				  "than %s, which is in charge now; run gpupt-setup --revert\n"),
			chk->loader ? chk->loader->title : _("none known"));
	else
		gp_cli_errmsg(_("reading the trial boot"), r);
	fprintf(stderr, "%s\n", _("gpupt-setup: nothing was changed"));
	return r == -ENOENT ? GP_EXIT_CHANGE_NEEDED : GP_EXIT_ERROR;
}

/*
 * --if-healthy (the confirm unit, on every boot while a trial exists): go
 * on only on the trial boot itself and when it is healthy; otherwise say
 * why (the journal keeps it) and change nothing.  -1: go on; else an
 * exit status.
 */
static int healthy_trial(struct gp_cli *cli, const struct gp_syscheck *chk)
{
	struct gp_strbuf text = GP_STRBUF_INIT;
	struct gp_trial_health h;
	struct gp_trial t;
	int r;

	r = gp_trial_read(&cli->path, chk->loader, chk->cmdline, &t);
	if (r < 0)
		return no_trial(r, chk);
	if (t.state != GP_TRIAL_RUNNING) {
		fprintf(stderr, _("gpupt-setup: not confirmed: this boot is not the trial boot "
				  "(the trial is %s)\n"), gp_trial_state_name(t.state));
		return t.state == GP_TRIAL_NONE ? no_trial(-ENOENT, chk) : GP_EXIT_CHANGE_NEEDED;
	}
	r = gp_trial_health_check(&cli->path, &h);
	if (r == 0 && h.healthy) {
		gp_trial_health_free(&h);
		return -1;
	}
	if (r < 0) {
		gp_cli_errmsg(_("health check"), r);
	} else {
		fprintf(stderr, "%s\n", _("gpupt-setup: not confirmed: the trial boot is not "
					  "healthy:"));
		for (size_t i = 0; i < h.report.n; i++) {
			gp_strbuf_reset(&text);
			if (gp_report_format(&h.report.item[i], 1, &text) == 0)
				fprintf(stderr, "  %s\n", gp_strbuf_str(&text));
		}
		gp_strbuf_release(&text);
	}
	gp_trial_health_free(&h);
	fprintf(stderr, "%s\n", _("gpupt-setup: nothing was changed: the next boot is the old "
				  "configuration"));
	return r < 0 ? GP_EXIT_ERROR : GP_EXIT_CHANGE_NEEDED;
}

int gp_cli_confirm(struct gp_cli *cli, FILE *out)
{
	struct gp_txn_result res;
	struct gp_syscheck chk;
	struct gp_plan *pl = NULL;
	int r, status = GP_EXIT_OK;

	r = gp_syscheck_run(&cli->path, &chk);
	if (r < 0) {
		gp_cli_errmsg(_("checking the system"), r);
		return GP_EXIT_ERROR;
	}
	if (cli->if_healthy) {
		status = healthy_trial(cli, &chk);
		if (status != -1)
			goto out;
		status = GP_EXIT_OK;
	}
	r = gp_trial_confirm_plan(&cli->path, &chk, &cli->opts, &pl);
	if (r < 0) {
		status = no_trial(r, &chk);
		goto out;
	}
	r = gp_cli_apply_result(cli, out, pl, &res);
	gp_txn_result_free(&res);
	if (r < 0) {
		status = GP_EXIT_ERROR;
		goto out;
	}
	fprintf(out, _("Confirmed: every normal boot entry gets the new configuration (%s).  "
		       "gpupt-setup --revert still undoes the whole change.\n"),
		chk.loader->cmdline_file);
out:
	gp_plan_free(pl);
	gp_syscheck_free(&chk);
	return status;
}

static void on_output(void *ctx, const char *buf, size_t len)
{
	fwrite(buf, 1, len, (FILE *)ctx);
}

int gp_cli_trial(struct gp_cli *cli, FILE *out)
{
	struct gp_syscheck chk;
	struct gp_plan *pl = NULL;
	int r, st = 0, status = GP_EXIT_OK;

	r = gp_syscheck_run(&cli->path, &chk);
	if (r < 0) {
		gp_cli_errmsg(_("checking the system"), r);
		return GP_EXIT_ERROR;
	}
	r = gp_trial_once_plan(&cli->path, &chk, &cli->opts, &pl);
	if (r < 0) {
		status = no_trial(r, &chk);
		goto out;
	}
	fflush(out);
	r = gp_run(&cli->path, &pl->cmds[0], on_output, out, &st);
	if (r < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		if (r < 0)
			gp_cli_errmsg(pl->cmds[0].argv[0], r);
		fprintf(stderr, _("gpupt-setup: %s failed: the next boot is not the trial\n"),
			pl->cmds[0].argv[0]);
		status = GP_EXIT_ERROR;
		goto out;
	}
	fprintf(out, "%s\n", _("The next boot, and only that one, is the trial again (boot entry "
			       "\"gpupt-setup trial\").  If it comes up right: gpupt-setup --confirm."));
out:
	gp_plan_free(pl);
	gp_syscheck_free(&chk);
	return status;
}
