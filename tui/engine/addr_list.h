/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * addr_list — a set of PCI addresses as text, as --status keeps them
 * (what bind.conf lists, what the binder bound and did not bind at this
 * boot).  Its own file so that every part of status that fills a set
 * uses the one set, and none of them reaches up into the other.
 */
#ifndef GP_ADDR_LIST_H
#define GP_ADDR_LIST_H

#include <stddef.h>

/** A set of PCI addresses as text ("0000:01:00.0"); grown by the engine. */
struct gp_addr_list {
	char (*v)[32];
	size_t n, alloc;
};

/** gp_addr_list_has - 1 when @a is in @l, else 0. */
int gp_addr_list_has(const struct gp_addr_list *l, const char *a);

/** gp_addr_list_add - add @a to @l unless it is there: 0 or -ENOMEM. */
int gp_addr_list_add(struct gp_addr_list *l, const char *a);

#endif
