/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * inventory_data — what the inventory is: struct gp_inventory, its PCI
 * functions, GPUs, IOMMU groups and BARs, and the unknowns (see inventory.h
 * for what an unknown means).  The readers that fill it (pci_parse.c,
 * drm.c, the steps of inventory_int.h) need only this, not the files that
 * call them; inventory.h, which builds one, includes this.
 */
#ifndef GP_INVENTORY_DATA_H
#define GP_INVENTORY_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

#define GP_PCI_ADDR_LEN 16      /* "dddd:bb:dd.f" plus NUL, with room */
#define GP_PCI_BARS 6
#define GP_DRIVER_NAME_MAX 64
#define GP_UNKNOWN_MAX 16

/* BAR types, from the kernel's resource flags. */
enum gp_bar_type {
	GP_BAR_IO,
	GP_BAR_MEM32,
	GP_BAR_MEM64,
};

/** One populated Base Address Register. */
struct gp_bar {
	int index;             /* 0..5 */
	uint64_t size;         /* bytes, > 0 */
	enum gp_bar_type type;
	int prefetchable;
	int above_4g;          /* size >= 4 GiB: firmware must map it above 4G */
};

/** A field that could not be read: its name (stable, English) and why. */
struct gp_unknown {
	const char *field;     /* "vendor", "driver", "iommu_group", ... */
	int err;               /* -errno; see the top of this file */
};

/** An IOMMU group and its members (bus addresses, sorted). */
struct gp_iommu_group {
	int id;
	int err;               /* 0, or -errno when the member list is unreadable */
	size_t n_members;
	char (*members)[GP_PCI_ADDR_LEN];
};

/**
 * One GPU model (vendor:device) and every GPU of the root that is one.
 * Two or more are "identical": vfio-pci.ids cannot tell them apart, so
 * one of them can only be given to a VM by bus address.  Kept once per
 * model, not per GPU, so a root with many identical cards stays linear.
 */
struct gp_gpu_model {
	uint16_t vendor, device;
	size_t *devs;             /* indexes of its GPUs, in address order */
	size_t n_devs;
};

/** What the inventory knows about a display-class function (class 0x03xx). */
struct gp_gpu {
	size_t *slot_functions;   /* indexes of the other functions of its slot */
	size_t n_slot_functions;
	const struct gp_gpu_model *model;  /* NULL when vendor or device is unknown */
	char drm_card[32];        /* "card1", or "" when no DRM device belongs to it */
	int display_connected;    /* 1, 0, or -1 when no DRM device can say */
	char **connected_outputs; /* connector names with status "connected" ("DP-1") */
	size_t n_connected_outputs;
};

/** One PCI function. Names are NULL when the root's pci.ids does not know the id. */
struct gp_pci_dev {
	char address[GP_PCI_ADDR_LEN];   /* "0000:01:00.0" */
	unsigned domain, bus, slot, func;

	uint32_t class_code;     /* 24 bits: class, subclass, prog-if; valid when !class_err */
	int class_err;
	char *class_name;        /* subclass name ("VGA compatible controller") */

	uint16_t vendor, device;
	int vendor_err, device_err;
	char *vendor_name, *device_name;

	uint16_t subsys_vendor, subsys_device;
	int subsys_err;
	char *subsys_vendor_name;
	char *subsys_name;       /* the subsystem's own name ("RTX A4000"), often unknown */

	int revision;            /* 0..255 */
	int revision_err;

	char driver[GP_DRIVER_NAME_MAX];  /* "" when no driver is bound */
	int driver_err;

	char *modalias;          /* the kernel's modalias; NULL when unreadable */
	char **modules;          /* modules whose aliases match, in modprobe's order */
	size_t n_modules;
	int modules_err;         /* -errno: no modalias, or no module index (see inventory) */

	int iommu_group;         /* group number, -1 when the function has none */
	int iommu_group_err;
	const struct gp_iommu_group *group;  /* NULL when none or unknown */

	int boot_vga;            /* 1, 0, or -1 when the kernel has no boot_vga for it */
	int boot_vga_err;

	int numa_node;           /* -1 when the kernel reports none */
	int numa_node_err;

	struct gp_bar bars[GP_PCI_BARS];
	size_t n_bars;
	int bars_err;

	struct gp_gpu *gpu;      /* NULL unless class 0x03xx; points into inventory->gpus */

	struct gp_unknown unknown[GP_UNKNOWN_MAX];
	size_t n_unknown;
};

/** The whole inventory; devices are sorted by bus address. */
struct gp_inventory {
	struct gp_pci_dev *devs;
	size_t n_devs;
	struct gp_iommu_group *groups;   /* sorted by id */
	size_t n_groups;
	struct gp_gpu *gpus;             /* the details of every display-class function */
	size_t n_gpus;
	struct gp_gpu_model *gpu_models; /* sorted by vendor:device */
	size_t n_gpu_models;
	char kernel[GP_KVER_MAX];        /* running kernel, "" when unknown */
	int kernel_err;
	int modules_err;                 /* 0, or why no module lookup was possible */
	int names_available;             /* the root has a readable pci.ids */
};

#endif
