/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * inventory — every PCI function of the target root, as passthrough sees it:
 * identity and names, driver and candidate modules, IOMMU group and its
 * members, boot VGA, NUMA node, BAR sizes, and for GPUs the functions of the
 * same slot, the connected displays and the identical cards.
 *
 * A value that cannot be read (missing or malformed attribute, dangling
 * link, unreadable file) never fails the whole inventory: that field is
 * marked unknown with the reason (-errno) and recorded in the function's
 * list of unknowns.  Reasons beyond plain errno values:
 *   -EINVAL   the file exists but its content is malformed
 *   -ENOLINK  a symlink points nowhere (dangling)
 */
#ifndef GP_INVENTORY_H
#define GP_INVENTORY_H

#include <stddef.h>
#include <stdint.h>

#include "gp_path.h"
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

/**
 * gp_inventory_build - read the PCI view of the root.
 * @p: the target root.
 * @out: the inventory; release with gp_inventory_free().
 *
 * Fields that cannot be read are marked unknown per function (see the top
 * of this file); only a missing or unlistable /sys/bus/pci/devices, a
 * corrupt device directory name or memory exhaustion fail the call.
 * Returns 0 or -errno (-ENOENT: the root has no PCI sysfs).
 */
int gp_inventory_build(const struct gp_path *p, struct gp_inventory **out);

/** gp_inventory_free - release an inventory (NULL is fine). */
void gp_inventory_free(struct gp_inventory *inv);

/**
 * gp_inventory_find - the function at bus address @address.
 * Returns its index, or -1 when the inventory has no such function.
 */
long gp_inventory_find(const struct gp_inventory *inv, const char *address);

/** gp_pci_is_gpu - 1 when a 24-bit class code is a display controller (0x03xxxx). */
int gp_pci_is_gpu(uint32_t class_code);

#endif
