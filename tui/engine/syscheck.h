/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * syscheck — the system check behind `gpupt-setup --check`: can VFIO
 * passthrough work on this root as things stand, and what must change.
 *
 * Each item gets a state and the evidence that led to it; the front end
 * words summary, detail and fix from that evidence.  The engine decides,
 * so the wizard and the command line agree.
 */
#ifndef GP_SYSCHECK_H
#define GP_SYSCHECK_H

#include <stddef.h>

#include "bootcfg.h"
#include "bootfs.h"
#include "cpuinfo.h"
#include "gp_path.h"
#include "iommu.h"
#include "kernel.h"
#include "modavail.h"

/** The items, in the order they are shown. */
enum gp_check_item {
	GP_CHECK_IOMMU = 0,
	GP_CHECK_CPU,
	GP_CHECK_VFIO,
	GP_CHECK_GPU_DRIVERS,
	GP_CHECK_BOOTLOADER,
	GP_CHECK_INITRAMFS,
	GP_CHECK_BOOT_SPACE,
	GP_CHECK_FIRMWARE,
	GP_CHECK_N_ITEMS,
};

enum gp_check_state {
	GP_STATE_OK = 0,
	GP_STATE_WARN,      /* works, but read this */
	GP_STATE_FAIL,      /* must change before passthrough can work */
	GP_STATE_UNKNOWN,   /* the evidence could not be read */
};

/** Modules looked up in every kernel. */
enum gp_check_module {
	GP_MOD_VFIO_PCI = 0,
	GP_MOD_VFIO_IOMMU_TYPE1,
	GP_MOD_FIRST_GPU,
	GP_MOD_NVIDIA = GP_MOD_FIRST_GPU,
	GP_MOD_NOUVEAU,
	GP_MOD_AMDGPU,
	GP_MOD_RADEON,
	GP_MOD_I915,
	GP_MOD_XE,
	GP_MOD_N,
};

/** gp_check_module_name - the module's name as the kernel writes it ("vfio_pci"). */
const char *gp_check_module_name(enum gp_check_module m);

struct gp_loader_ops;

/** What one kernel offers. */
struct gp_kernel_check {
	char kver[GP_KVER_MAX];
	int running;                 /* the kernel running now */
	int err;                     /* -errno: its modules could not be read */
	enum gp_module_avail mod[GP_MOD_N];
};

/** The whole check. */
struct gp_syscheck {
	enum gp_check_state state[GP_CHECK_N_ITEMS];

	int cpu_err;                 /* gp_cpuinfo_read() result */
	struct gp_cpuinfo cpu;
	int cmdline_err;
	char *cmdline;               /* this boot's /proc/cmdline, NULL when unreadable */
	int kver_err;                /* the running release could not be read */
	char kver[GP_KVER_MAX];      /* "" when unknown */
	struct gp_iommu_status iommu;

	size_t n_kernels;            /* the running kernel first, then the others */
	struct gp_kernel_check *kernels;
	int kernels_err;             /* listing /lib/modules failed (-errno) */
	int loaded_err;              /* /proc/modules unreadable (-errno) */
	int loaded[GP_MOD_N];

	struct gp_bootloader boot;
	const struct gp_loader_ops *loader; /* the back end in charge (loader.h), or NULL */
	struct gp_nextboot next;     /* the command line the next boot gets */
	struct gp_initramfs initramfs;
	struct gp_bootfs bootfs;
	struct gp_firmware firmware;
};

/**
 * gp_syscheck_run - run every check on root @p.
 * @p: the target root.
 * @out: filled; release with gp_syscheck_free().
 *
 * Unreadable or malformed evidence makes an item GP_STATE_UNKNOWN, not an
 * error.  Returns 0, or -ENOMEM.
 */
int gp_syscheck_run(const struct gp_path *p, struct gp_syscheck *out);

/** gp_syscheck_free - release what gp_syscheck_run() allocated. */
void gp_syscheck_free(struct gp_syscheck *c);

/**
 * gp_syscheck_passthrough_possible - 1 when no item is GP_STATE_FAIL.
 * Unknown items do not count: they need a look, not a change.
 */
int gp_syscheck_passthrough_possible(const struct gp_syscheck *c);

/**
 * gp_syscheck_next_boot_lacks_intel_on - 1 when this boot has
 * intel_iommu=on, the IOMMU needs it, and the next boot's command line (as
 * the boot loader's files are now, and evaluated safely) does not carry it:
 * the IOMMU works now and is off after a reboot.
 */
int gp_syscheck_next_boot_lacks_intel_on(const struct gp_syscheck *c);

/**
 * gp_syscheck_off_this_boot_only - 1 when this boot's command line turns an
 * IOMMU off and the next boot's (known, evaluated safely) turns none off:
 * a reboot fixes it, there is nothing to remove from the boot loader.
 */
int gp_syscheck_off_this_boot_only(const struct gp_syscheck *c);

/**
 * gp_syscheck_grade - compute every item's state from the evidence in @c.
 * Called by gp_syscheck_run(); exposed for tests.
 */
void gp_syscheck_grade(struct gp_syscheck *c);

#endif
