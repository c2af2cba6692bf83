/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * status_boot — what the binder did at this boot, from its record
 * (/run/gpupt/bind.status), as --status reports it.  It fills only the
 * pieces of the status it decides (struct gp_status_boot_out), so it
 * needs nothing of the rest of status (status.h builds on it).
 */
#ifndef GP_STATUS_BOOT_H
#define GP_STATUS_BOOT_H

#include "addr_list.h"
#include "bind_status.h"
#include "gp_path.h"
#include "report.h"

/**
 * struct gp_status_boot_out - where gp_status_read_this_boot() puts what it
 * decides; every pointer is filled by the caller (status.c: the fields of
 * struct gp_status of the same names).
 */
struct gp_status_boot_out {
	struct gp_report *report;       /* the items go here ... */
	int topic;                      /* ... with this topic (GP_STATUS_THIS_BOOT) */
	struct gp_bind_status *record;  /* the record, parsed */
	struct gp_addr_list *bound;     /* put on vfio-pci at this boot */
	struct gp_addr_list *not_bound; /* met at this boot, not bound */
	int *binder_acted;              /* set to 1: the binder left a record */
	int *config_unreadable;         /* set to 1: it could not read bind.conf */
};

/**
 * gp_status_read_this_boot - what the binder did at this boot, read from
 * root @p: its items (each function bound, and for each it did not, the
 * cause the record names and the fix) and the facts into @out.  A missing
 * or damaged record is an item too.  0 or -ENOMEM.
 */
int gp_status_read_this_boot(const struct gp_path *p, const struct gp_status_boot_out *out);

#endif
