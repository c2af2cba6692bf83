/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pci_names — vendor, device, subsystem and class names from the target
 * root's pci.ids, through libpci.  On the live system (root "/") udev's hwdb
 * fills in what pci.ids lacks, or stands in for it when the pci.ids package
 * is not installed, as lspci does.  With a root other than "/" nothing of
 * the host is consulted: not its pci.ids, not udev's hwdb, not the network,
 * not ~/.pciids-cache, so fixtures name the same everywhere.  A --root
 * without pci.ids simply yields no names.  Never the network, nor a cache.
 */
#ifndef GP_PCI_NAMES_H
#define GP_PCI_NAMES_H

#include <stdint.h>

#include "gp_path.h"

struct gp_pci_names;

/**
 * gp_pci_names_open - a name lookup context for the root @p.
 * @out: the context; release with gp_pci_names_close().
 * Returns 0, or -ENOMEM / -EIO when libpci cannot be set up.
 */
int gp_pci_names_open(const struct gp_path *p, struct gp_pci_names **out);

/** gp_pci_names_close - release a context (NULL is fine). */
void gp_pci_names_close(struct gp_pci_names *n);

/**
 * gp_pci_names_hwdb_allowed - 1 when udev's hwdb may name devices of root
 * @p: only on the live system, whose hwdb describes the hardware present;
 * for any other root 0, so its names come from its own pci.ids alone.
 */
int gp_pci_names_hwdb_allowed(const struct gp_path *p);

/**
 * gp_pci_names_available - 1 when names can be looked up: the root's
 * pci.ids could be loaded, or hwdb is allowed and present (hwdb.bin).
 */
int gp_pci_names_available(struct gp_pci_names *n);

/* What to look up; the arguments each kind takes are listed. */
enum gp_pci_name_kind {
	GP_NAME_VENDOR,        /* vendor */
	GP_NAME_DEVICE,        /* vendor, device */
	GP_NAME_SUBSYS_VENDOR, /* subsystem vendor */
	GP_NAME_SUBSYS_DEVICE, /* vendor, device, subsystem vendor, subsystem device */
	GP_NAME_CLASS,         /* class << 8 | subclass */
};

/**
 * gp_pci_name - a newly allocated name, or NULL when pci.ids has none
 * (or memory is short: names are optional, so that is not an error).
 */
char *gp_pci_name(struct gp_pci_names *n, enum gp_pci_name_kind kind,
		  unsigned a, unsigned b, unsigned c, unsigned d);

#endif
