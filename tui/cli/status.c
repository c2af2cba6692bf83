/* SPDX-License-Identifier: GPL-2.0-or-later */
/* placeholder until the transaction lands */
#include "cli.h"
#include "nls.h"

int gp_cli_status(struct gp_cli *cli, FILE *out)
{
	fprintf(stderr, _("gpupt-setup: --status is not implemented yet\n"));
	return GP_EXIT_ERROR;
}
