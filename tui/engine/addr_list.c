/* SPDX-License-Identifier: GPL-2.0-or-later */
/* addr_list — a set of PCI addresses as text (see addr_list.h). */
#include "addr_list.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "strbuf.h"

int gp_addr_list_has(const struct gp_addr_list *l, const char *a)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], a) == 0)
			return 1;
	return 0;
}

int gp_addr_list_add(struct gp_addr_list *l, const char *a)
{
	if (gp_addr_list_has(l, a))
		return 0;
	if (GP_ARRAY_GROW(l->v, l->alloc, l->n + 1) < 0)
		return -ENOMEM;
	snprintf(l->v[l->n++], sizeof(l->v[0]), "%s", a);
	return 0;
}
