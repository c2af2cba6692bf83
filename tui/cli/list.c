/* SPDX-License-Identifier: GPL-2.0-or-later */
/* placeholder until the inventory lands */
#include "cli.h"
#include "nls.h"

int gp_cli_list(struct gp_cli *cli, FILE *out)
{
	fprintf(stderr, _("gpupt-setup: --list is not implemented yet\n"));
	return GP_EXIT_ERROR;
}
