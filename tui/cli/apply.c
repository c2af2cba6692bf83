/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Applying the plan --answers built: the progress of each step and
 * command, the failure with what the engine found, or the kernels whose
 * next boot binds and "Done".  Apart from answers.c so each stays small.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "apply.h"
#include "loader.h"
#include "nls.h"
#include "report.h"
#include "run.h"
#include "strbuf.h"
#include "txn.h"

struct progress {
	FILE *out;
	size_t i, n;
	char line[GP_PATH_MAX];   /* the command line step() announced */
};

static void on_step(void *ctx, enum gp_txn_step step, size_t i, size_t n, const char *what)
{
	struct progress *pr = ctx;

	switch (step) {
	case GP_STEP_WRITE:
		fprintf(pr->out, _("Writing %s\n"), what);
		break;
	case GP_STEP_ROLLBACK:
		fprintf(pr->out, _("Restoring %s\n"), what);
		break;
	case GP_STEP_VERIFY:
		fprintf(pr->out, _("Checking %s\n"), what);
		break;
	case GP_STEP_COMMAND:
	case GP_STEP_REGENERATE:
		/* Shown with its description when command() follows. */
		pr->i = i;
		pr->n = n;
		snprintf(pr->line, sizeof(pr->line), "%s", what ? what : "");
		break;
	default:
		break;
	}
	fflush(pr->out);
}

static void on_command(void *ctx, const struct gp_command *cmd)
{
	struct progress *pr = ctx;
	const char *t = cmd->what ? _(cmd->what) : "";
	const char *pct = strstr(t, "%s");

	fprintf(pr->out, "[%zu/%zu] ", pr->i, pr->n);
	/* The description's one %s is the kernel release. */
	if (pct) {
		fwrite(t, 1, (size_t)(pct - t), pr->out);
		fputs(cmd->kver, pr->out);
		fputs(pct + 2, pr->out);
	} else {
		fputs(t, pr->out);
	}
	fprintf(pr->out, "\n  $ %s\n", pr->line);
	fflush(pr->out);
}

static void on_output(void *ctx, const char *buf, size_t len)
{
	struct progress *pr = ctx;

	fwrite(buf, 1, len, pr->out);
	fflush(pr->out);
}

/* The kernels whose rebuilt initramfs was read back holding gpupt-bind and bind.conf. */
static void bound_kernels(FILE *out, const struct gp_txn_result *res)
{
	size_t i;

	if (!res->n_bound)
		return;   /* no image was rebuilt: only the GRUB drop-in changed */
	fprintf(out, "%s\n", P_("Checked: the next boot with this kernel binds them:",
			       "Checked: the next boot with each of these kernels binds them:",
			       res->n_bound));
	for (i = 0; i < res->n_bound; i++)
		fprintf(out, "  %s\n", res->bound[i]);
}

/* A trial apply: the next boot is the trial, once. */
static void trial_steps(FILE *out)
{
	fprintf(out, "%s\n", _("  1. Reboot.  That boot, and only that one, is the trial (boot entry "
			      "\"gpupt-setup trial\"): its initramfs hands the functions above to "
			      "vfio-pci."));
	fprintf(out, "%s\n", _("  2. If it comes up right, run 'gpupt-setup --confirm' to keep the "
			      "change (gpupt-trial-confirm.service does it by itself when every "
			      "function is on vfio-pci and the host's display is on its driver)."));
	fprintf(out, "%s\n", _("  3. If it does not, reset the computer: the boot after the trial is "
			      "the old configuration.  Then 'gpupt-setup --trial' tries once more, "
			      "'gpupt-setup --revert' undoes the change."));
}

static void next_steps(FILE *out, const struct gp_plan *pl, const struct gp_txn_result *res)
{
	bound_kernels(out, res);
	if (!pl->n_functions) {
		/* --confirm: nothing more to do (its caller says what it made). */
		fprintf(out, "%s\n", _("Done."));
		return;
	}
	fprintf(out, "%s\n", _("Done.  Next:"));
	if (pl->trial) {
		trial_steps(out);
		fprintf(out, _("Without gpupt-setup, from a root shell: rm %s, then %s.\n"),
			GP_BIND_CONF_PATH, gp_loader_revert_shell(pl->loader));
		return;
	}
	fprintf(out, "%s\n", _("  1. Reboot.  At boot, the initramfs hands the functions above to "
			      "vfio-pci."));
	fprintf(out, "%s\n", _("  2. Run 'gpupt-setup --status' to see what was bound."));
	fprintf(out, "%s\n", _("  3. Run 'gpupt-setup --vm-config' for the VM's configuration: the "
			      "card's libvirt <hostdev> elements (--format qemu or virt-install "
			      "for those tools)."));
	fprintf(out, _("If the host does not come up right: %s (nothing is bound in that boot); "
		       "then run 'gpupt-setup --revert'.\n"), gp_loader_skip_once(pl->loader));
	fprintf(out, _("Without gpupt-setup, from a root shell: rm %s, then %s.\n"),
		GP_BIND_CONF_PATH, gp_loader_revert_shell(pl->loader));
}

/* What the reboot command says goes to stderr, as it would from a shell. */
static void reboot_output(void *ctx, const char *buf, size_t len)
{
	fwrite(buf, 1, len, stderr);
}

int gp_cli_reboot(const struct gp_cli *cli, FILE *out)
{
	if (!gp_path_is_host(&cli->path)) {
		fprintf(out, "%s\n", _("reboot = yes: not rebooting, the change was made under "
				      "--root (on the real system: systemctl reboot)."));
		return GP_EXIT_OK;
	}
	fprintf(out, "%s\n", _("Rebooting (reboot = yes)."));
	fflush(out);
	if (gp_run_reboot(&cli->path, reboot_output, NULL) == 0)
		return GP_EXIT_OK;
	fprintf(stderr, "%s\n", _("gpupt-setup: could not reboot; the change is made, reboot "
				  "yourself"));
	return GP_EXIT_ERROR;
}

void gp_cli_timeout_note(FILE *err, const struct gp_txn_result *res)
{
	if (!res->command_timeout)
		return;
	fprintf(err, P_("gpupt-setup: the command did not finish within %u second (%s): its "
			"processes were stopped\n",
			"gpupt-setup: the command did not finish within %u seconds (%s): its "
			"processes were stopped\n", res->command_timeout),
		res->command_timeout, GP_ENV_COMMAND_TIMEOUT);
	if (res->command_killed)
		fprintf(err, "%s\n", _("gpupt-setup: they outlived SIGTERM and were killed"));
}

static void show_failure(const struct gp_txn_result *res, int r)
{
	struct gp_strbuf text = GP_STRBUF_INIT;

	if (res->unrecorded) {
		/* Made, not recorded: the engine says where, and how the next run finishes. */
		gp_report_format_all(&res->report, 1, &text);
		fputs(gp_strbuf_str(&text), stderr);
		gp_strbuf_release(&text);
		return;
	}
	if (r == -EBADE) {
		/* The engine's report names each image and what it lacks, with the fix. */
		fprintf(stderr, "%s\n", _("gpupt-setup: the change failed: the next boot would "
					  "not bind as planned:"));
		gp_report_format_all(&res->report, 1, &text);
		fputs(gp_strbuf_str(&text), stderr);
		gp_strbuf_release(&text);
	} else if (r == -ECHILD && res->failed_what[0]) {
		fprintf(stderr, _("gpupt-setup: the change failed: this command failed: %s\n"),
			res->failed_what);
		if (res->err)
			gp_cli_errmsg(_("it could not be started"), res->err);
	} else if (r == -ENOTRECOVERABLE) {
		;       /* the engine's report names what is refused, and the fix */
	} else {
		gp_cli_errmsg(_("the change failed"), r);
		if (res->failed_what[0])
			fprintf(stderr, _("gpupt-setup: failed at: %s\n"), res->failed_what);
	}
	if (res->command_status && WIFEXITED(res->command_status))
		fprintf(stderr, _("gpupt-setup: the command exited with status %d\n"),
			WEXITSTATUS(res->command_status));
	gp_cli_timeout_note(stderr, res);
	if (r != -EBADE && res->report.n) {
		/* The images rebuilt for the restored files, checked after the rollback. */
		gp_report_format_all(&res->report, 1, &text);
		fputs(gp_strbuf_str(&text), stderr);
		gp_strbuf_release(&text);
	}
	if (res->rolled_back) {
		fprintf(stderr, "%s\n", _("gpupt-setup: nothing was changed: every file is as "
					  "it was"));
		if (res->rollback_err)
			gp_cli_by_hand(stderr, _("gpupt-setup: rebuilding the boot files for the "
						 "restored files failed too"), &res->by_hand);
	} else if (res->rollback_err) {
		gp_cli_errmsg(_("restoring the previous files failed too; run gpupt-setup "
				"--revert, or boot with gpupt=off"), res->rollback_err);
	} else {
		fprintf(stderr, "%s\n", _("gpupt-setup: nothing was changed: every file is as "
					  "it was"));
	}
}

int gp_cli_apply_result(struct gp_cli *cli, FILE *out, const struct gp_plan *pl,
			struct gp_txn_result *res)
{
	struct gp_txn_ops ops = { .step = on_step, .output = on_output, .command = on_command };
	struct progress pr = { .out = out };
	int r;

	memset(res, 0, sizeof(*res));
	r = gp_txn_apply(&cli->path, pl, &ops, &pr, res);
	if (r < 0)
		show_failure(res, r);
	else
		next_steps(out, pl, res);
	return r;
}

int gp_cli_apply(struct gp_cli *cli, FILE *out, const struct gp_plan *pl, int reboot)
{
	struct gp_txn_result res;
	int r;

	r = gp_cli_apply_result(cli, out, pl, &res);
	gp_txn_result_free(&res);
	if (r < 0)
		return GP_EXIT_ERROR;
	return reboot ? gp_cli_reboot(cli, out) : GP_EXIT_OK;
}

void gp_cli_put_commands(FILE *out, const char *lead, const struct gp_strset *cmds)
{
	size_t i;

	for (i = 0; i < cmds->n; i++)
		fprintf(out, "%s%s\n", lead, cmds->v[i]);
}

void gp_cli_by_hand(FILE *out, const char *what, const struct gp_strset *cmds)
{
	if (!cmds->n) {
		fprintf(out, _("%s (see above).\n"), what);
		return;
	}
	fprintf(out, _("%s: run these by hand:\n"), what);
	gp_cli_put_commands(out, "    ", cmds);
}
