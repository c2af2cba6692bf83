/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plan_report — what a plan leaves to the user, as report items.
 *
 * The notes of a plan (the boot loader is not GRUB, parameters to add or
 * remove by hand, an unusable IOMMU) and its guard hits, the preflight
 * refusals among them, are worded here once; the answers command and the wizard render the
 * same report (see report.h).
 */
#ifndef GP_PLAN_REPORT_H
#define GP_PLAN_REPORT_H

#include "inventory.h"
#include "plan.h"
#include "report.h"
#include "syscheck.h"

/* Topic of the plan's notes; a guard hit's items have the hit's index in plan->guards. */
#define GP_PLAN_TOPIC_NOTES (-1)

/**
 * gp_plan_report - append the notes and the guard hits of @plan to @r.
 * @plan: a built plan.
 * @inv: the inventory it was built from (a display guard names the outputs).
 * @chk: the system check it was built from (which boot loader).
 *
 * Notes: topic GP_PLAN_TOPIC_NOTES, role GP_ROLE_NOTE, in the order a
 * reader should see them.  Each guard hit i: topic i, one GP_ROLE_SUMMARY
 * (what the guard protects) and one or more GP_ROLE_DETAIL items (the facts
 * of this plan, to be read as one sentence; a preflight refusal's are one
 * fact each: a kernel, a file, a module); severity GP_SEV_WARN when the
 * hit is forced, GP_SEV_FAIL when it refuses the plan.  A hit that cannot
 * be forced (gp_guard_forceable()) adds one GP_ROLE_FIX item: what to do.
 * Returns 0 or -ENOMEM (@r keeps what was added; free it with gp_report_free()).
 */
int gp_plan_report(const struct gp_plan *plan, const struct gp_inventory *inv,
		   const struct gp_syscheck *chk, struct gp_report *r);

/** gp_plan_guard_summary - the code of what guard @g protects (the SUMMARY items' code). */
enum gp_msg gp_plan_guard_summary(enum gp_guard g);

#endif
