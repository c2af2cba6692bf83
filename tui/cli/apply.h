/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Applying a plan from the command line (--answers without --dry-run). */
#ifndef GP_CLI_APPLY_H
#define GP_CLI_APPLY_H

#include <stdio.h>

#include "cli.h"
#include "plan.h"
#include "txn.h"

/**
 * gp_cli_apply - apply @pl to the root of @cli, showing each step on @out.
 * @reboot: reboot the host afterwards (answers: reboot = yes).
 *
 * On failure it says on stderr what failed and what the engine found in
 * the rebuilt images, and that everything was rolled back; on success it
 * lists the kernels whose next boot binds, then "Done.  Next:".  Returns a
 * GP_EXIT_* status.
 */
int gp_cli_apply(struct gp_cli *cli, FILE *out, const struct gp_plan *pl, int reboot);

/**
 * gp_cli_apply_result - gp_cli_apply() without the reboot, keeping what the
 * transaction found: @res is filled (release it with gp_txn_result_free(),
 * also on failure).  The progress and "Done" go to @out, a failure to
 * stderr, as for gp_cli_apply().  Returns gp_txn_apply()'s 0 or -errno.
 */
int gp_cli_apply_result(struct gp_cli *cli, FILE *out, const struct gp_plan *pl,
			struct gp_txn_result *res);

/**
 * gp_cli_timeout_note - when the failed command of @res ran past its
 * deadline (GPUPT_COMMAND_TIMEOUT) and was stopped, say so on @err, and
 * that SIGKILL was needed when it was.
 */
void gp_cli_timeout_note(FILE *err, const struct gp_txn_result *res);

/**
 * gp_cli_reboot - reboot the host (answers: reboot = yes), or under --root
 * say on @out why not.  Returns a GP_EXIT_* status.
 */
int gp_cli_reboot(const struct gp_cli *cli, FILE *out);

#endif
