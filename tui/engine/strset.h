/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * strset — a set of strings, each a copy the set owns, kept in the order
 * added until sorted: the modules that get a softdep, the grub.d files
 * grub-mkconfig sources.  One type, so no part of the engine grows its
 * own array of names.
 */
#ifndef GP_STRSET_H
#define GP_STRSET_H

#include <stddef.h>

/** A set of strings; @v[0..n) are owned by the set. */
struct gp_strset {
	char **v;
	size_t n, alloc;
};

#define GP_STRSET_INIT { NULL, 0, 0 }

/** gp_strset_add - add a copy of @s unless it is there: 0 or -ENOMEM. */
int gp_strset_add(struct gp_strset *set, const char *s);

/** gp_strset_sort - sort @set in byte order (strcmp), as C-locale globs do. */
void gp_strset_sort(struct gp_strset *set);

/** gp_strset_free - free every string and the array; @set is empty after. */
void gp_strset_free(struct gp_strset *set);

#endif
