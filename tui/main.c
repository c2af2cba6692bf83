/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gpupt-setup: option parsing and dispatch, to a command of the command
 * line (tui/cli) or to the wizard (tui/screens).  The only file that knows
 * both front ends.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "frontend.h"
#include "image_verify.h"
#include "nls.h"
#include "run.h"
#include "screens/tui.h"

static void usage(FILE *out)
{
	fputs(_("Usage: gpupt-setup [OPTION]...\n"
		"Prepare this host to give one GPU to a virtual machine (VFIO passthrough)\n"
		"while the host keeps the other.  Without options: the interactive wizard.\n"
		"\n"), out);
	fputs(_("Reports:\n"
		"  -l, --list         list every PCI function: IOMMU group, driver, GPU details\n"
		"  -c, --check        check what passthrough needs (IOMMU, vfio-pci, boot loader,\n"
		"                     initramfs, /boot); exit 0 if it can work as things stand,\n"
		"                     1 if something must change, 2 on error\n"
		"  -J, --json         with --list, --check, --status, --health or --answers:\n"
		"                     JSON output (see gpupt-setup(8))\n"
		"  -s, --status       what is configured, what was bound at this boot (and why\n"
		"                     not), an interrupted change, and whether a reboot is pending\n"
		"      --health       is this boot healthy as a trial boot must be: every\n"
		"                     configured function on vfio-pci, the host's display GPU\n"
		"                     on its driver; exit 0 healthy, 1 not, 2 on error\n"
		"      --vm-config [ADDRESS]\n"
		"                     what gives the card to a VM: the configured functions, or\n"
		"                     every function of the card at ADDRESS (or vendor:device)\n"
		"      --format F     with --vm-config: libvirt (<hostdev> XML, the default),\n"
		"                     qemu (-device arguments) or virt-install (options)\n"
		"\n"), out);
	fputs(_("Changes:\n"
		"  -a, --answers FILE set up passthrough unattended, as FILE says\n"
		"  -n, --dry-run      with --answers: show every file change and command,\n"
		"                     change nothing\n"
		"      --confirm      keep the change the trial boot tried (by default an\n"
		"                     apply makes the next boot a one-shot trial)\n"
		"      --if-healthy   with --confirm: only on the trial boot, and only when\n"
		"                     it is healthy (see --health); else say why\n"
		"      --trial        make the next boot the trial once more\n"
		"  -R, --revert       undo the last change gpupt-setup made (with its\n"
		"                     confirmation)\n"
		"      --all          with --revert: undo every change, back to before\n"
		"                     gpupt-setup first ran\n"
		"      --remount      with --revert: remount / and /boot read-write if needed\n"
		"\n"), out);
	fputs(_("Now, without a reboot (the configuration is left as it is):\n"
		"      --bind-now [ADDRESS]\n"
		"                     give the card at ADDRESS (its whole slot; default: the\n"
		"                     configured functions) to vfio-pci now\n"
		"      --unbind-now [ADDRESS]\n"
		"                     give it back to its host driver now\n"
		"      --force NAMES  with --bind-now: go ahead past these guards (comma list:\n"
		"                     boot-display, last-gpu, group, iommu, partial-group)\n"
		"\n"), out);
	fputs(_("Common options:\n"
		"  -r, --root DIR     act on the system rooted at DIR (a copy, a capture, a chroot);\n"
		"                     nothing outside DIR is read or written\n"
		"  -h, --help         show this help and exit\n"
		"  -V, --version      show the version and exit\n"
		"\n"), out);
	fputs(_("Exit status: 0 success, 1 (--check) something must change, 2 error.\n"), out);
}

/*
 * Did writing stdout fail?  0 or -errno, taken right after the failing
 * fflush (a later call would overwrite errno).  A stream whose error flag
 * an earlier write set while fflush now succeeds has lost its errno: -EIO.
 */
static int stdout_error(void)
{
	if (fflush(stdout) != 0)
		return errno ? -errno : -EIO;
	return ferror(stdout) ? -EIO : 0;
}

/*
 * GP_ENV_COMMAND_TIMEOUT: whole seconds, 1 to a day; unset or empty: the
 * default.  Anything else is refused (-1, said), before anything is done.
 */
static int command_timeout_from_env(struct gp_plan_options *o)
{
	const char *t = getenv(GP_ENV_COMMAND_TIMEOUT);
	char *end;
	long s;

	if (!t || !*t)
		return 0;
	errno = 0;
	s = strtol(t, &end, 10);
	if (errno || *end || s < 1 || s > 86400) {
		fprintf(stderr, _("gpupt-setup: %s=%s: give whole seconds from 1 to 86400 (the "
				  "default is %u)\n"), GP_ENV_COMMAND_TIMEOUT, t,
			GP_RUN_DEFAULT_TIMEOUT_S);
		return -1;
	}
	o->command_timeout_s = (unsigned int)s;
	return 0;
}

/* The engine reads no environment: its options are read here, once. */
static void options_from_env(struct gp_plan_options *o)
{
	const char *crash = getenv(GP_ENV_TEST_CRASH_AT);

	o->update_initramfs = getenv(GP_ENV_UPDATE_INITRAMFS);
	o->update_bootloader = getenv(GP_ENV_UPDATE_BOOTLOADER);
	if (!o->update_bootloader || !*o->update_bootloader)
		o->update_bootloader = getenv(GP_ENV_UPDATE_GRUB);
	o->grub_editenv = getenv(GP_ENV_GRUB_EDITENV);
	o->unmkinitramfs = getenv(GP_ENV_UNMKINITRAMFS);
	o->lsinitrd = getenv(GP_ENV_LSINITRD);
	o->test_crash_at = crash && *crash ? strtol(crash, NULL, 10) : 0;
}

static void rtbind_from_env(struct gp_rtbind_options *o)
{
	const char *t = getenv(GP_ENV_SYSFS_TIMEOUT);
	long s = t && *t ? strtol(t, NULL, 10) : 0;

	o->modprobe = getenv(GP_ENV_MODPROBE);
	o->timeout_s = s > 0 && s < 3600 ? (unsigned int)s : 0;
}

/*
 * The replacements of the generators, the image readers, modprobe and the
 * crash point exist for tests and demonstrations on a scratch root: on the
 * real root the real initramfs must be rebuilt and read, or "Done" would be
 * untrue.  There they are ignored, and said to be.
 */
static void drop_test_hooks_on_host(struct gp_cli *cli)
{
	const char *const names[] = {
		GP_ENV_UPDATE_INITRAMFS, GP_ENV_UPDATE_BOOTLOADER, GP_ENV_UPDATE_GRUB,
		GP_ENV_UNMKINITRAMFS, GP_ENV_LSINITRD, GP_ENV_TEST_CRASH_AT, GP_ENV_MODPROBE,
		GP_ENV_GRUB_EDITENV,
	};
	unsigned int timeout_s = cli->opts.command_timeout_s;
	size_t i;

	if (!gp_path_is_host(&cli->path))
		return;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v = getenv(names[i]);

		if (v && *v)
			fprintf(stderr, _("gpupt-setup: %s is ignored on the real root (it is for "
					  "tests with --root)\n"), names[i]);
	}
	memset(&cli->opts, 0, sizeof(cli->opts));
	cli->opts.command_timeout_s = timeout_s;    /* not a test hook */
	cli->rtbind.modprobe = NULL;
}

enum cmd {
	CMD_WIZARD, CMD_LIST, CMD_CHECK, CMD_STATUS, CMD_ANSWERS, CMD_REVERT, CMD_BIND_NOW,
	CMD_UNBIND_NOW, CMD_VM_CONFIG, CMD_CONFIRM, CMD_TRIAL, CMD_HEALTH,
};

static int set_cmd(enum cmd *cmd, enum cmd c)
{
	if (*cmd != CMD_WIZARD && *cmd != c) {
		fprintf(stderr, _("gpupt-setup: --list, --check, --status, --health, --vm-config, "
				  "--answers, --revert, --confirm, --trial, --bind-now and "
				  "--unbind-now exclude each other\n"));
		return -1;
	}
	*cmd = c;
	return 0;
}

enum {
	OPT_ALL = 0x100, OPT_REMOUNT, OPT_BIND_NOW, OPT_UNBIND_NOW, OPT_FORCE, OPT_VM_CONFIG,
	OPT_FORMAT, OPT_CONFIRM, OPT_TRIAL, OPT_HEALTH, OPT_IF_HEALTHY,
};

static const struct option long_opts[] = {
	{ "list", no_argument, NULL, 'l' },
	{ "check", no_argument, NULL, 'c' },
	{ "json", no_argument, NULL, 'J' },
	{ "status", no_argument, NULL, 's' },
	{ "answers", required_argument, NULL, 'a' },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "revert", no_argument, NULL, 'R' },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "remount", no_argument, NULL, OPT_REMOUNT },
	{ "bind-now", no_argument, NULL, OPT_BIND_NOW },
	{ "unbind-now", no_argument, NULL, OPT_UNBIND_NOW },
	{ "force", required_argument, NULL, OPT_FORCE },
	{ "vm-config", no_argument, NULL, OPT_VM_CONFIG },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "confirm", no_argument, NULL, OPT_CONFIRM },
	{ "trial", no_argument, NULL, OPT_TRIAL },
	{ "if-healthy", no_argument, NULL, OPT_IF_HEALTHY },
	{ "health", no_argument, NULL, OPT_HEALTH },
	{ "root", required_argument, NULL, 'r' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* Sentinel of parse_option(): --help or --version was answered, exit 0. */
#define DONE 1

/* One option @c: 0, DONE, or -1 for a usage error. */
static int parse_option(int c, enum cmd *cmd, struct gp_cli *cli)
{
	switch (c) {
	case 'l':
		return set_cmd(cmd, CMD_LIST);
	case 'c':
		return set_cmd(cmd, CMD_CHECK);
	case 's':
		return set_cmd(cmd, CMD_STATUS);
	case 'a':
		cli->answers = optarg;
		return set_cmd(cmd, CMD_ANSWERS);
	case 'R':
		return set_cmd(cmd, CMD_REVERT);
	case 'J':
		cli->json = 1;
		return 0;
	case 'n':
		cli->dry_run = 1;
		return 0;
	case OPT_ALL:
		cli->all = 1;
		return 0;
	case OPT_REMOUNT:
		cli->remount = 1;
		return 0;
	case OPT_BIND_NOW:
		return set_cmd(cmd, CMD_BIND_NOW);
	case OPT_UNBIND_NOW:
		return set_cmd(cmd, CMD_UNBIND_NOW);
	case OPT_FORCE:
		cli->force = optarg;
		return 0;
	case OPT_VM_CONFIG:
		return set_cmd(cmd, CMD_VM_CONFIG);
	case OPT_CONFIRM:
		return set_cmd(cmd, CMD_CONFIRM);
	case OPT_TRIAL:
		return set_cmd(cmd, CMD_TRIAL);
	case OPT_IF_HEALTHY:
		cli->if_healthy = 1;
		return 0;
	case OPT_HEALTH:
		return set_cmd(cmd, CMD_HEALTH);
	case OPT_FORMAT:
		cli->format = optarg;
		if (gp_cli_vm_format_parse(optarg, &cli->vm_format) == 0)
			return 0;
		fprintf(stderr, _("gpupt-setup: --format takes libvirt, qemu or virt-install, "
				  "not '%s'\n"), optarg);
		return -1;
	case 'r':
		cli->root_arg = optarg;
		return 0;
	case 'h':
		usage(stdout);
		return DONE;
	case 'V':
		printf("gpupt-setup %s\n", VERSION);
		return DONE;
	default:
		return -1;
	}
}

/* Options that only go with some command: 0, or -1 after saying which. */
static int check_combination(enum cmd cmd, const struct gp_cli *cli)
{
	if (cli->json && cmd != CMD_LIST && cmd != CMD_CHECK && cmd != CMD_STATUS &&
	    cmd != CMD_HEALTH && cmd != CMD_ANSWERS) {
		fprintf(stderr, _("gpupt-setup: --json goes with --list, --check, --status, "
				  "--health or --answers\n"));
		return -1;
	}
	if (cli->dry_run && cmd != CMD_ANSWERS) {
		fprintf(stderr, _("gpupt-setup: --dry-run goes with --answers\n"));
		return -1;
	}
	if (cli->force && cmd != CMD_BIND_NOW) {
		fprintf(stderr, _("gpupt-setup: --force goes with --bind-now (an answers file "
				  "says force = ...)\n"));
		return -1;
	}
	if ((cli->all || cli->remount) && cmd != CMD_REVERT) {
		fprintf(stderr, _("gpupt-setup: --all and --remount go with --revert\n"));
		return -1;
	}
	if (cli->if_healthy && cmd != CMD_CONFIRM) {
		fprintf(stderr, _("gpupt-setup: --if-healthy goes with --confirm\n"));
		return -1;
	}
	if (cli->format && cmd != CMD_VM_CONFIG) {
		fprintf(stderr, _("gpupt-setup: --format goes with --vm-config\n"));
		return -1;
	}
	return 0;
}

/* 1 when @cmd acts on one card, named by an operand (default: the configured one). */
static int takes_card(enum cmd cmd)
{
	switch (cmd) {
	case CMD_BIND_NOW:
	case CMD_UNBIND_NOW:
	case CMD_VM_CONFIG:
		return 1;
	default:
		return 0;
	}
}

/* The command line into @cmd and @cli: 0, DONE, or -1 for a usage error (said). */
static int parse_args(int argc, char **argv, enum cmd *cmd, struct gp_cli *cli)
{
	int c, r;

	while ((c = getopt_long(argc, argv, "lcJsa:nRr:hV", long_opts, NULL)) != -1) {
		r = parse_option(c, cmd, cli);
		if (r == DONE)
			return DONE;
		if (r < 0) {
			fprintf(stderr, _("Try 'gpupt-setup --help' for more information.\n"));
			return -1;
		}
	}
	/* A command that acts on one card takes it as its one operand. */
	if (optind < argc && takes_card(*cmd))
		cli->address = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, _("gpupt-setup: unexpected argument '%s'\n"), argv[optind]);
		fprintf(stderr, _("Try 'gpupt-setup --help' for more information.\n"));
		return -1;
	}
	return check_combination(*cmd, cli);
}

/* Run @cmd; returns an exit status. */
static int run_command(enum cmd cmd, struct gp_cli *cli)
{
	int status = GP_EXIT_OK;

	/* A change a killed run left half-done is settled before any other change. */
	if (cmd == CMD_REVERT || cmd == CMD_CONFIRM || cmd == CMD_TRIAL ||
	    (cmd == CMD_ANSWERS && !cli->dry_run))
		/* With --json, stdout holds only the JSON object. */
		status = gp_cli_recover(cli, cli->json ? stderr : stdout);
	if (status != GP_EXIT_OK)
		return status;
	switch (cmd) {
	case CMD_LIST:
		return gp_cli_list(cli, stdout);
	case CMD_CHECK:
		return gp_cli_check(cli, stdout);
	case CMD_STATUS:
		return gp_cli_status(cli, stdout);
	case CMD_ANSWERS:
		return gp_cli_answers(cli, stdout);
	case CMD_REVERT:
		return gp_cli_revert(cli, stdout);
	case CMD_BIND_NOW:
		return gp_cli_bind_now(cli, stdout);
	case CMD_UNBIND_NOW:
		return gp_cli_unbind_now(cli, stdout);
	case CMD_VM_CONFIG:
		return gp_cli_vm_config(cli, stdout);
	case CMD_CONFIRM:
		return gp_cli_confirm(cli, stdout);
	case CMD_TRIAL:
		return gp_cli_trial(cli, stdout);
	case CMD_HEALTH:
		return gp_cli_health(cli, stdout);
	case CMD_WIZARD: {
		const struct gp_target target = { cli->path, cli->root_arg, cli->opts,
						 cli->rtbind };

		return gp_tui_run(&target);
	}
	}
	return GP_EXIT_ERROR;
}

int main(int argc, char **argv)
{
	enum cmd cmd = CMD_WIZARD;
	struct gp_cli cli;
	int r, status;

	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, getenv("GPUPT_LOCALEDIR") ? getenv("GPUPT_LOCALEDIR") : LOCALEDIR);
	textdomain(PACKAGE);

	memset(&cli, 0, sizeof(cli));
	options_from_env(&cli.opts);
	rtbind_from_env(&cli.rtbind);
	if (command_timeout_from_env(&cli.opts) < 0)
		return GP_EXIT_ERROR;
	r = parse_args(argc, argv, &cmd, &cli);
	if (r != 0)
		return r == DONE ? GP_EXIT_OK : GP_EXIT_ERROR;

	r = gp_path_init(&cli.path, cli.root_arg);
	if (r < 0) {
		fprintf(stderr, _("gpupt-setup: cannot use root %s: %s\n"), cli.root_arg, strerror(-r));
		return GP_EXIT_ERROR;
	}
	drop_test_hooks_on_host(&cli);
	status = run_command(cmd, &cli);
	gp_path_fini(&cli.path);
	r = stdout_error();
	if (r < 0) {
		gp_errmsg(_("write error"), r);
		status = GP_EXIT_ERROR;
	}
	return status;
}
