/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bar — the one rule for a large BAR: a Base Address Register of 4 GiB or
 * more fits only above the 4 GiB line, where the firmware maps it only with
 * "Above 4G decoding" (also "64-bit MMIO", "large BAR support") turned on,
 * and the VM's firmware needs a 64-bit MMIO window for it as well.
 * `--list`, `--check` and the wizard's GPU screen all ask here.
 */
#ifndef GP_BAR_H
#define GP_BAR_H

#include <stddef.h>
#include <stdint.h>

#include "inventory.h"

/* The size from which a BAR is large: it cannot sit below 4 GiB. */
#define GP_BAR_LARGE_SIZE (UINT64_C(1) << 32)

/** gp_bar_is_large - 1 when @b needs "Above 4G decoding" (size >= 4 GiB), else 0. */
int gp_bar_is_large(const struct gp_bar *b);

/**
 * gp_dev_next_large_bar - the index into @d->bars of the first large BAR
 * at or after @from, or -1.  A loop walks all:
 * for (i = next(d, 0); i >= 0; i = next(d, i + 1)).
 */
long gp_dev_next_large_bar(const struct gp_pci_dev *d, size_t from);

#endif
