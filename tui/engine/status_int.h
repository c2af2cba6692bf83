/* SPDX-License-Identifier: GPL-2.0-or-later */
/* status_int — what status.c and status_boot.c share; not for anyone else. */
#ifndef GP_STATUS_INT_H
#define GP_STATUS_INT_H

#include "status.h"

#define STATUS_ADD(st, topic, ...) \
	gp_report_add(&(st)->report, (topic), GP_ROLE_DETAIL, __VA_ARGS__)
#define STATUS_FIX(st, topic, ...) \
	gp_report_add(&(st)->report, (topic), GP_ROLE_FIX, __VA_ARGS__)

/* Is @a in @l? */
int status_list_has(const struct gp_addr_list *l, const char *a);

/* Add @a to @l unless it is there: 0 or -ENOMEM. */
int status_list_add(struct gp_addr_list *l, const char *a);

/*
 * What the binder did at this boot (bind.status): its items, st->bound,
 * st->not_bound and st->binder_acted.  0 or -ENOMEM.
 */
int status_read_this_boot(const struct gp_path *p, struct gp_status *st);

#endif
