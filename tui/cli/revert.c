/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --revert, and the recovery of a change a killed run left open.  Works
 * without a terminal: a recovery-mode root shell is where it is needed most.
 */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>

#include "apply.h"
#include "cli.h"
#include "nls.h"
#include "report.h"
#include "strbuf.h"
#include "txn.h"

struct progress {
	FILE *out;
};

static void on_step(void *ctx, enum gp_txn_step step, size_t i, size_t n, const char *what)
{
	struct progress *pr = ctx;

	switch (step) {
	case GP_STEP_COMMAND:
		fprintf(pr->out, _("Running %s\n"), what);
		break;
	case GP_STEP_ROLLBACK:
		fprintf(pr->out, _("Restoring %s\n"), what);
		break;
	case GP_STEP_REGENERATE:
		fprintf(pr->out, _("Running again, for the restored files: %s\n"), what);
		break;
	case GP_STEP_VERIFY:
		fprintf(pr->out, _("Checking %s\n"), what);
		break;
	default:
		break;
	}
	/* Before a command starts: its child must not inherit unwritten output. */
	fflush(pr->out);
}

static void on_output(void *ctx, const char *buf, size_t len)
{
	struct progress *pr = ctx;

	fwrite(buf, 1, len, pr->out);
}

static const struct gp_txn_ops progress_ops = { .step = on_step, .output = on_output };

/* What stands in the way on a read-only or half-mounted system, and how to fix it. */
static void print_mount_fix(const struct gp_cli *cli, const struct gp_txn_mounts *m)
{
	if (m->root_ro)
		fprintf(stderr, _("gpupt-setup: the root file system is mounted read-only.\n"));
	if (m->boot_ro)
		fprintf(stderr, _("gpupt-setup: /boot is mounted read-only.\n"));
	if (m->boot_unmounted)
		fprintf(stderr, _("gpupt-setup: /boot is a separate file system (see /etc/fstab) "
				  "and is not mounted.\n"));
	fprintf(stderr, _("Nothing was changed.  Run:\n"));
	if (m->root_ro)
		fprintf(stderr, "    mount -o remount,rw /\n");
	if (m->boot_ro)
		fprintf(stderr, "    mount -o remount,rw /boot\n");
	if (m->boot_unmounted)
		fprintf(stderr, "    mount /boot\n");
	if (cli->root_arg)
		fprintf(stderr, _("in the system under %s, then run gpupt-setup --revert again.\n"),
			cli->root_arg);
	else
		fprintf(stderr, _("then run gpupt-setup --revert again, or run "
				  "gpupt-setup --revert --remount to have it done.\n"));
}

static void print_failure(const struct gp_txn_result *res, int r)
{
	struct gp_strbuf text = GP_STRBUF_INIT;

	fflush(stdout);   /* the commands' output first, as it came */
	if (res->unrecorded) {
		/* Done, not recorded: the engine says where, and how the next run finishes. */
		gp_report_format_all(&res->report, 1, &text);
		fputs(gp_strbuf_str(&text), stderr);
		gp_strbuf_release(&text);
		return;
	}
	if (r == -EBADE) {
		/* The engine's report names each image and what it still holds, with the fix. */
		fprintf(stderr, "%s\n", _("gpupt-setup: the revert failed: the next boot would "
					  "not be as before:"));
		gp_report_format_all(&res->report, 1, &text);
		fputs(gp_strbuf_str(&text), stderr);
		gp_strbuf_release(&text);
	} else if (r == -ECHILD) {
		if (res->err)
			fprintf(stderr, _("gpupt-setup: %s could not be started: %s\n"),
				res->failed_what, strerror(-res->err));
		else if (WIFEXITED(res->command_status))
			fprintf(stderr, _("gpupt-setup: %s failed with exit status %d.\n"),
				res->failed_what, WEXITSTATUS(res->command_status));
		else if (res->command_timeout)
			fprintf(stderr, _("gpupt-setup: %s was stopped.\n"), res->failed_what);
		else
			fprintf(stderr, _("gpupt-setup: %s could not run or was stopped.\n"),
				res->failed_what);
		gp_cli_timeout_note(stderr, res);
	} else if (r == -ENOSPC) {
		fprintf(stderr, _("gpupt-setup: not enough free space in /boot to rebuild the "
				  "initramfs; free some (remove old kernels) and try again.\n"));
	} else if (r == -EBUSY) {
		fprintf(stderr, _("gpupt-setup: another gpupt-setup is changing this system "
				  "(lock %s); try again when it has finished.\n"),
			GP_STATE_DIR "/lock");
	} else if (r == -EINTR) {
		fprintf(stderr, _("gpupt-setup: interrupted.\n"));
	} else if (r == -ENOTRECOVERABLE) {
		;       /* the engine's report names what is refused, and the fix */
	} else if (r == -EBADMSG) {
		fprintf(stderr, _("gpupt-setup: the record of a change (%s) is damaged; "
				  "nothing was changed.\n"), res->failed_what);
	} else {
		gp_cli_errmsg(res->failed_what[0] ? res->failed_what : _("revert"), r);
	}
	if (r != -EBADE && res->report.n) {
		/* The images rebuilt for the restored files, checked after the rollback. */
		gp_report_format_all(&res->report, 1, &text);
		fputs(gp_strbuf_str(&text), stderr);
		gp_strbuf_release(&text);
	}
	if (res->rolled_back && !res->rollback_err)
		fprintf(stderr, _("Nothing was changed: every file is as it was before.\n"));
	else if (res->rollback_err && res->rolled_back)
		gp_cli_by_hand(stderr, _("Every file was restored, but rebuilding the boot files "
					 "failed"), &res->by_hand);
	else if (res->rollback_err)
		fprintf(stderr, _("gpupt-setup: restoring the files failed (%s); the next run of "
				  "gpupt-setup will try again.\n"), strerror(-res->rollback_err));
}

/* Does the engine's report say all about @path (a kept bind.conf that still binds)? */
static int said_in_report(const struct gp_txn_result *res, const char *path)
{
	size_t i;

	for (i = 0; i < res->report.n; i++)
		if (res->report.item[i].code == GP_MSG_REVERT_CONF_STILL_BINDS &&
		    strcmp(res->report.item[i].arg[0].v.s, path) == 0)
			return 1;
	return 0;
}

static void print_left_alone(FILE *out, const struct gp_txn_result *res)
{
	size_t i, rest = 0;

	for (i = 0; i < res->n_modified; i++) {
		int err = res->modified_err ? res->modified_err[i] : 0;

		if (err == -ELOOP)
			fprintf(out, _("Left alone: %s is a symbolic link now, not the file "
				       "gpupt-setup wrote; it was not followed.\n"), res->modified[i]);
		else if (err == -EISDIR)
			fprintf(out, _("Left alone: %s is a directory now, not the file "
				       "gpupt-setup wrote.\n"), res->modified[i]);
		else if (err == -EINVAL)
			fprintf(out, _("Left alone: %s is not a regular file now.\n"),
				res->modified[i]);
		else if (err)
			fprintf(out, _("Left alone: %s could not be read (%s).\n"),
				res->modified[i], strerror(-err));
		else
			fprintf(out, _("Left alone: %s was changed after gpupt-setup wrote it.\n"),
				res->modified[i]);
		if (said_in_report(res, res->modified[i]))
			continue;
		rest++;
		if (res->modified_kept[i])
			fprintf(out, _("  Its content from before gpupt-setup is in %s/kept%s:\n"
				       "  compare the two and keep the one you want.\n"),
				GP_STATE_DIR, res->modified[i]);
		else
			fprintf(out, _("  It did not exist before gpupt-setup: if you do not need "
				       "your changes, remove it:\n    rm %s%s\n"),
				err == -EISDIR ? "-r " : "", res->modified[i]);
	}
	if (rest && res->by_hand.n) {
		fprintf(out, "%s\n", _("  Then rebuild the boot files:"));
		gp_cli_put_commands(out, "    ", &res->by_hand);
	}
}

static void print_reverted(FILE *out, const struct gp_txn_result *res)
{
	struct gp_strbuf text = GP_STRBUF_INIT;
	size_t i;

	for (i = 0; i < res->n_restored; i++)
		fprintf(out, res->restored_removed[i] ? _("Removed %s (it did not exist before)\n")
						      : _("Restored %s\n"),
			res->restored[i]);
	print_left_alone(out, res);
	fprintf(out, P_("Reverted %zu change.\n", "Reverted %zu changes.\n", res->n_entries),
		res->n_entries);
	if (res->n_bound) {
		fprintf(out, "%s\n", P_("Checked: the next boot with this kernel still binds "
				       "what bind.conf lists now:",
				       "Checked: the next boot with each of these kernels still "
				       "binds what bind.conf lists now:", res->n_bound));
		for (i = 0; i < res->n_bound; i++)
			fprintf(out, "  %s\n", res->bound[i]);
	}
	/* A kept bind.conf that still configures the card: the engine says so, and the fix. */
	gp_report_format_all(&res->report, 1, &text);
	fputs(gp_strbuf_str(&text), out);
	gp_strbuf_release(&text);
	if (res->n_restored && res->report.n)
		fprintf(out, _("Reboot for the restored files to take effect.\n"));
	else if (res->n_restored)
		fprintf(out, _("Reboot for it to take effect.\n"));
}

int gp_cli_revert(struct gp_cli *cli, FILE *out)
{
	struct progress pr = { out };
	struct gp_txn_result res;
	struct gp_txn_mounts m;
	int r;

	r = gp_txn_revert(&cli->path, cli->all, &cli->opts, &progress_ops, &pr, &res);
	if (r == -EROFS && cli->remount) {
		gp_txn_result_free(&res);
		gp_txn_check_mounts(&cli->path, &m);
		if (!gp_path_is_host(&cli->path)) {
			fprintf(stderr, _("gpupt-setup: --remount works on the running system only, "
					  "not with --root.\n"));
			print_mount_fix(cli, &m);
			return GP_EXIT_ERROR;
		}
		r = gp_txn_remount(&cli->path, &m, &progress_ops, &pr);
		if (r < 0) {
			fprintf(stderr, _("gpupt-setup: remounting failed.\n"));
			print_mount_fix(cli, &m);
			return GP_EXIT_ERROR;
		}
		r = gp_txn_revert(&cli->path, cli->all, &cli->opts, &progress_ops, &pr, &res);
	}
	if (r == -EROFS) {
		gp_txn_check_mounts(&cli->path, &m);
		print_mount_fix(cli, &m);
		gp_txn_result_free(&res);
		return GP_EXIT_ERROR;
	}
	if (r == -ENOENT) {
		fprintf(out, _("Nothing to revert: gpupt-setup has no change on record.\n"));
		gp_txn_result_free(&res);
		return GP_EXIT_OK;
	}
	if (r < 0 && r != -EEXIST) {
		print_failure(&res, r);
		gp_txn_result_free(&res);
		return GP_EXIT_ERROR;
	}
	print_reverted(out, &res);
	gp_txn_result_free(&res);
	return r == -EEXIST ? GP_EXIT_CHANGE_NEEDED : GP_EXIT_OK;
}

int gp_cli_recover(struct gp_cli *cli, FILE *out)
{
	struct progress pr = { out };
	struct gp_report rep = GP_REPORT_INIT, found = GP_REPORT_INIT;
	struct gp_strbuf text = GP_STRBUF_INIT;
	struct gp_txn_mounts m;
	int r, what = 0, status = GP_EXIT_OK;
	size_t i;

	r = gp_txn_recover_checked(&cli->path, &cli->opts, &progress_ops, &pr, &what, &found);
	if (r == -EROFS) {
		gp_txn_check_mounts(&cli->path, &m);
		if (cli->remount && gp_path_is_host(&cli->path) &&
		    gp_txn_remount(&cli->path, &m, &progress_ops, &pr) == 0)
			r = gp_txn_recover_checked(&cli->path, &cli->opts, &progress_ops, &pr,
						   &what, &found);
	}
	if (gp_txn_recover_report(r, what, &rep) < 0) {
		gp_cli_errmsg(_("finishing an interrupted change"), -ENOMEM);
		return GP_EXIT_ERROR;
	}
	for (i = 0; i < rep.n; i++) {
		int fail = rep.item[i].sev == GP_SEV_FAIL;

		gp_strbuf_reset(&text);
		gp_report_format(&rep.item[i], 1, &text);
		fputs(gp_strbuf_str(&text), fail ? stderr : out);
		if (fail)
			status = GP_EXIT_ERROR;
	}
	/* What the image checks found: why it was rolled back, or why that is not enough. */
	gp_strbuf_reset(&text);
	gp_report_format_all(&found, 1, &text);
	fputs(gp_strbuf_str(&text), status == GP_EXIT_OK ? out : stderr);
	if (r == -EROFS)
		print_mount_fix(cli, &m);
	gp_strbuf_release(&text);
	gp_report_free(&rep);
	gp_report_free(&found);
	return status;
}
