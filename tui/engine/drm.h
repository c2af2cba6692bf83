/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * drm — which PCI function each DRM card belongs to, and which of its
 * connectors have a display attached (/sys/class/drm/cardN-CONNECTOR/status).
 * This is how the inventory tells the GPU that drives the monitor.
 */
#ifndef GP_DRM_H
#define GP_DRM_H

#include <stddef.h>

#include "gp_path.h"
#include "inventory_data.h"

/** One DRM card of the root. */
struct gp_drm_card {
	char name[32];                    /* "card0" */
	char address[GP_PCI_ADDR_LEN];    /* its PCI function, "" when not PCI */
	size_t n_connectors;              /* connectors whose status was read */
	int unreadable;                   /* connectors whose status could not be read */
	char **connected;                 /* connector names ("DP-1") with a display */
	size_t n_connected;
	size_t alloc_connected;           /* capacity of connected */
};

/**
 * gp_drm_cards - every DRM card in /sys/class/drm with its connectors.
 * @cards: filled; release with gp_drm_cards_free().
 * @n: number of cards.
 * A root without /sys/class/drm has no cards (returns 0).
 * Returns 0 or -errno (-ENOMEM, or the directory is unreadable).
 */
int gp_drm_cards(const struct gp_path *p, struct gp_drm_card **cards, size_t *n);

/** gp_drm_cards_free - release what gp_drm_cards() returned. */
void gp_drm_cards_free(struct gp_drm_card *cards, size_t n);

#endif
