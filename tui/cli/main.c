/* SPDX-License-Identifier: GPL-2.0-or-later */
/* gpupt-setup: option parsing and dispatch. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nls.h"

static void usage(FILE *out)
{
	fputs(_("Usage: gpupt-setup [OPTION]...\n"
		"Prepare this host to give one GPU to a virtual machine (VFIO passthrough)\n"
		"while the host keeps the other.\n"
		"\n"), out);
	fputs(_("Reports:\n"
		"  -l, --list         list every PCI function: IOMMU group, driver, GPU details\n"
		"  -c, --check        check what passthrough needs (IOMMU, vfio-pci, boot loader,\n"
		"                     initramfs, /boot); exit 0 if it can work as things stand,\n"
		"                     1 if something must change, 2 on error\n"
		"  -J, --json         with --list or --check: JSON output (see gpupt-setup(8))\n"
		"\n"), out);
	fputs(_("Common options:\n"
		"  -r, --root DIR     act on the system rooted at DIR (a copy, a capture, a chroot);\n"
		"                     nothing outside DIR is read or written\n"
		"  -h, --help         show this help and exit\n"
		"  -V, --version      show the version and exit\n"
		"\n"), out);
	fputs(_("Exit status: 0 success, 1 (--check) something must change, 2 error.\n"), out);
}

void gp_cli_errmsg(const char *what, int err)
{
	fprintf(stderr, "gpupt-setup: %s: %s\n", what, strerror(err < 0 ? -err : err));
}

int main(int argc, char **argv)
{
	enum { CMD_NONE, CMD_LIST, CMD_CHECK } cmd = CMD_NONE;
	static const struct option opts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "check", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'J' },
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct gp_cli cli;
	int c, r, status;

	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, getenv("GPUPT_LOCALEDIR") ? getenv("GPUPT_LOCALEDIR") : LOCALEDIR);
	textdomain(PACKAGE);

	memset(&cli, 0, sizeof(cli));
	while ((c = getopt_long(argc, argv, "lcJr:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
		case 'c':
			if (cmd != CMD_NONE) {
				fprintf(stderr, _("gpupt-setup: --list and --check cannot be combined\n"));
				return GP_EXIT_ERROR;
			}
			cmd = c == 'l' ? CMD_LIST : CMD_CHECK;
			break;
		case 'J':
			cli.json = 1;
			break;
		case 'r':
			cli.root_arg = optarg;
			break;
		case 'h':
			usage(stdout);
			return GP_EXIT_OK;
		case 'V':
			printf("gpupt-setup %s\n", VERSION);
			return GP_EXIT_OK;
		default:
			fprintf(stderr, _("Try 'gpupt-setup --help' for more information.\n"));
			return GP_EXIT_ERROR;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("gpupt-setup: unexpected argument '%s'\n"), argv[optind]);
		fprintf(stderr, _("Try 'gpupt-setup --help' for more information.\n"));
		return GP_EXIT_ERROR;
	}
	if (cli.json && cmd == CMD_NONE) {
		fprintf(stderr, _("gpupt-setup: --json needs --list or --check\n"));
		return GP_EXIT_ERROR;
	}

	r = gp_path_init(&cli.path, cli.root_arg);
	if (r < 0) {
		fprintf(stderr, _("gpupt-setup: cannot use root %s: %s\n"), cli.root_arg, strerror(-r));
		return GP_EXIT_ERROR;
	}

	switch (cmd) {
	case CMD_LIST:
		status = gp_cli_list(&cli, stdout);
		break;
	case CMD_CHECK:
		status = gp_cli_check(&cli, stdout);
		break;
	default:
		/* The wizard comes with the screens; until then, say what exists. */
		usage(stderr);
		status = GP_EXIT_ERROR;
		break;
	}
	gp_path_fini(&cli.path);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		gp_cli_errmsg(_("write error"), -1);
		status = GP_EXIT_ERROR;
	}
	return status;
}
