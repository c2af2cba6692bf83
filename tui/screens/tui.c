/* SPDX-License-Identifier: GPL-2.0-or-later */
/* placeholder until the wizard lands */
#include "cli.h"
#include "nls.h"

int gp_tui_run(struct gp_cli *cli)
{
	fprintf(stderr, _("gpupt-setup: the wizard is not implemented yet; see --help\n"));
	return GP_EXIT_ERROR;
}
