/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "bar.h"

int gp_bar_is_large(const struct gp_bar *b)
{
	return b->size >= GP_BAR_LARGE_SIZE;
}

long gp_dev_next_large_bar(const struct gp_pci_dev *d, size_t from)
{
	if (d->bars_err)
		return -1;
	for (size_t i = from; i < d->n_bars; i++)
		if (gp_bar_is_large(&d->bars[i]))
			return (long)i;
	return -1;
}
