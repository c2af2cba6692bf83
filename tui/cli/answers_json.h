/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * answers_json — `--answers FILE --json [--dry-run]`: the run's result as
 * one JSON object (schema: gpupt-setup(8), "JSON output of --answers"),
 * for configuration tools (Ansible) that must say truthfully whether a
 * run changed anything.  Everything comes from the engine's plan, report
 * and transaction result; nothing printed for people is parsed.
 */
#ifndef GP_CLI_ANSWERS_JSON_H
#define GP_CLI_ANSWERS_JSON_H

#include <stdio.h>

#include "answers.h"
#include "cli.h"
#include "plan.h"
#include "report.h"

/**
 * gp_cli_answers_json - show, or apply and show, the plan @pl built from @a.
 * @rep: gp_plan_report() of @pl (notes and guard hits).
 *
 * A refused plan and a plan with no file to change are not applied, nor is
 * anything under --dry-run; otherwise the plan is applied with its progress
 * (and a failure's explanation) on stderr.  Then one JSON object goes to
 * @out, and only then, when @a says reboot = yes and the change was
 * applied, the host reboots.  Returns a GP_EXIT_* status, as the text
 * output's would be.
 */
int gp_cli_answers_json(struct gp_cli *cli, FILE *out, const struct gp_answers *a,
			const struct gp_plan *pl, const struct gp_report *rep);

/**
 * gp_cli_answers_json_error - the object for a run that stopped before it
 * had a plan (an unreadable or wrong answers file, a plan that could not
 * be built): outcome "error", changed false, @err's errno name (0: null).
 * What went wrong was said on stderr.
 */
void gp_cli_answers_json_error(const struct gp_cli *cli, FILE *out, int err);

#endif
