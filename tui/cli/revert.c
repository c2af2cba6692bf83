/* SPDX-License-Identifier: GPL-2.0-or-later */
/* placeholder until the transaction lands */
#include "cli.h"
#include "nls.h"

int gp_cli_revert(struct gp_cli *cli, FILE *out)
{
	fprintf(stderr, _("gpupt-setup: --revert is not implemented yet\n"));
	return GP_EXIT_ERROR;
}

int gp_cli_recover(struct gp_cli *cli, FILE *out)
{
	return GP_EXIT_OK;
}
