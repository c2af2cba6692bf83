/* SPDX-License-Identifier: GPL-2.0-or-later */
/* strset — a set of owned strings (see strset.h). */
#include "strset.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

int gp_strset_add(struct gp_strset *set, const char *s)
{
	char *copy;

	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i], s) == 0)
			return 0;
	if (GP_ARRAY_GROW(set->v, set->alloc, set->n + 1) < 0)
		return -ENOMEM;
	copy = strdup(s);
	if (!copy)
		return -ENOMEM;
	set->v[set->n++] = copy;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void gp_strset_sort(struct gp_strset *set)
{
	if (set->n > 1)
		qsort(set->v, set->n, sizeof(*set->v), cmp_str);
}

void gp_strset_free(struct gp_strset *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->v[i]);
	free(set->v);
	set->v = NULL;
	set->n = set->alloc = 0;
}
