/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * status_now — the part of --status read from the running kernel: each
 * configured function's driver now, and every function on vfio-pci now,
 * so that what --bind-now or --unbind-now did (which the configuration
 * does not say) and a configuration not yet in effect are both shown,
 * with where the two differ.
 */
#ifndef GP_STATUS_NOW_H
#define GP_STATUS_NOW_H

#include <stddef.h>

#include "addr_list.h"
#include "gp_path.h"
#include "report.h"

/** One function: configured, or on vfio-pci now, or both. */
struct gp_status_now_fn {
	char address[32];
	char driver[64];          /* its driver now, "" for none */
	int configured;           /* bind.conf lists it */
};

/** Every such function, configured ones first (in bind.conf order). */
struct gp_status_now {
	struct gp_status_now_fn *v;
	size_t n, alloc;
};

/**
 * gp_status_read_now - fill @out and add the section's items (topic
 * @topic) to @r: a head, a line per function, and for each where the
 * configuration and the kernel differ, which way and the command that
 * makes now match.  0 or -ENOMEM.
 */
int gp_status_read_now(const struct gp_path *p, const struct gp_addr_list *configured,
		       struct gp_report *r, int topic, struct gp_status_now *out);

/** gp_status_now_differs - 1 when @f is configured but not on vfio-pci, or the other way. */
int gp_status_now_differs(const struct gp_status_now_fn *f);

/** gp_status_now_free - release @n's list. */
void gp_status_now_free(struct gp_status_now *n);

#endif
