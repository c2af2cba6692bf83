/* SPDX-License-Identifier: GPL-2.0-or-later */
/* placeholder until the plan lands */
#include "cli.h"
#include "nls.h"

int gp_cli_answers(struct gp_cli *cli, FILE *out)
{
	fprintf(stderr, _("gpupt-setup: --answers is not implemented yet\n"));
	return GP_EXIT_ERROR;
}
