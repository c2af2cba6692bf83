/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_report — the system check's words, as a report.
 *
 * Turns the evidence of a struct gp_syscheck into report items: per check
 * item (topic = enum gp_check_item) one GP_ROLE_SUMMARY with the item's
 * severity, GP_ROLE_DETAIL lines in the order they are shown, and at most
 * one GP_ROLE_FIX.
 */
#ifndef GP_CHECK_REPORT_H
#define GP_CHECK_REPORT_H

#include "inventory.h"
#include "report.h"
#include "syscheck.h"

/** gp_check_severity - the report severity of a check state. */
enum gp_severity gp_check_severity(enum gp_check_state s);

/**
 * gp_check_report_item - append the items of check item @item of @c to @r.
 * Returns 0, -EINVAL (no such item) or -ENOMEM.
 */
int gp_check_report_item(const struct gp_syscheck *c, enum gp_check_item item,
			 struct gp_report *r);

/**
 * gp_check_report - append the items of every check item of @c to @r, in
 * item order.  The one wording of the system check, for every front end.
 * Returns 0 or -ENOMEM (then @r holds what was added; free it anyway).
 */
int gp_check_report(const struct gp_syscheck *c, struct gp_report *r);

/**
 * gp_check_report_large_bars - append, under the Firmware item (topic
 * GP_CHECK_FIRMWARE, role GP_ROLE_DETAIL, GP_SEV_NOTE), one
 * GP_MSG_CHK_LARGE_BAR per large BAR (bar.h) of each GPU of @inv: the
 * firmware setting it depends on.  Call it after gp_check_report(); it
 * changes no item's state.  Returns 0 or -ENOMEM.
 */
int gp_check_report_large_bars(const struct gp_inventory *inv, struct gp_report *r);

/** gp_check_item_title - the title of @item ("IOMMU"), an N_() msgid: show it with _(). */
const char *gp_check_item_title(enum gp_check_item item);

#endif
