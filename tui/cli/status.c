/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --status: the engine's status report (status.h), one line an item.
 * Plain text, no terminal needed.
 */
#include <stdio.h>

#include "cli.h"
#include "nls.h"
#include "status.h"
#include "strbuf.h"

int gp_cli_status(struct gp_cli *cli, FILE *out)
{
	struct gp_status st;
	struct gp_strbuf text = GP_STRBUF_INIT;
	int r, fr;

	r = gp_status_read(&cli->path, &st);
	fr = gp_report_format_all(&st.report, 1, &text);
	fputs(gp_strbuf_str(&text), out);
	gp_strbuf_release(&text);
	gp_status_free(&st);
	if (r < 0 || fr < 0) {
		gp_cli_errmsg(_("reading the history of changes"), r < 0 ? r : fr);
		return GP_EXIT_ERROR;
	}
	return GP_EXIT_OK;
}
