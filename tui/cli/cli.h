/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cli — the command-line front end of gpupt-setup.  It owns all output:
 * the engine hands back structures and -errno, the commands here decide
 * what a person (or a JSON consumer) sees.
 */
#ifndef GP_CLI_H
#define GP_CLI_H

#include <stdio.h>

#include "gp_path.h"

/* Exit statuses, shared by every command (documented in gpupt-setup(8)). */
enum {
	GP_EXIT_OK = 0,
	GP_EXIT_CHANGE_NEEDED = 1,   /* --check: something must change */
	GP_EXIT_ERROR = 2,
};

/** What the command line asked for. */
struct gp_cli {
	struct gp_path path;   /* the target root (--root) */
	const char *root_arg;  /* --root as given, or NULL */
	int json;              /* --json */
};

/** gp_cli_list - `--list`: the PCI inventory as a table or JSON. Returns an exit status. */
int gp_cli_list(struct gp_cli *cli, FILE *out);

/** gp_cli_check - `--check`: the system check. Returns an exit status. */
int gp_cli_check(struct gp_cli *cli, FILE *out);

/** gp_cli_errmsg - print "gpupt-setup: WHAT: strerror(-err)" to stderr. */
void gp_cli_errmsg(const char *what, int err);

#endif
