/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * preflight — can the next boot bind anything at all?
 *
 * A plan is worth writing only if an initramfs generator exists, a kernel
 * is installed whole (its image in /boot and its modules in /lib/modules),
 * gpupt-setup's boot pieces are installed where that generator looks, and
 * the kernels to rebuild offer vfio-pci and vfio_iommu_type1.  Each fact is
 * one predicate here; the plan builder (plan.c) turns what fails into
 * refusals that cannot be forced (GP_GUARD_UNFORCEABLE in plan.h).
 */
#ifndef GP_PREFLIGHT_H
#define GP_PREFLIGHT_H

#include <stddef.h>

#include "bootcfg.h"
#include "gp_path.h"
#include "kernel.h"

/* Where `make install` puts the initramfs-tools pieces (INITRAMFSDIR). */
#define GP_TOOLS_HOOK_PATH     "/usr/share/initramfs-tools/hooks/gpupt"
#define GP_TOOLS_INIT_TOP_PATH "/usr/share/initramfs-tools/scripts/init-top/gpupt"
/* The binder the hook and the module use unless they name another. */
#define GP_BIND_BIN_DEFAULT    "/usr/sbin/gpupt-bind"

struct gp_generator_ops;

/** What a piece of gpupt-setup on the root lacks. */
enum gp_piece_state {
	GP_PIECE_OK = 0,
	GP_PIECE_MISSING,          /* no such regular file */
	GP_PIECE_NOT_EXECUTABLE,   /* there, but no execute bit */
};

/**
 * gp_preflight_piece - is @path a regular, executable file in root @p?
 * @out: the answer.  Returns 0, or -errno when it cannot be told (then
 * @out is GP_PIECE_MISSING: nothing proves it is there).
 */
int gp_preflight_piece(const struct gp_path *p, const char *path, enum gp_piece_state *out);

/**
 * gp_preflight_binder_path - the gpupt-bind the installed @script copies
 * into the image: the default of its ${GPUPT_BIND_BIN:-PATH} (`make
 * install` writes its SBINDIR there), else GP_BIND_BIN_DEFAULT.
 * @buf: receives the absolute path.  Returns 0, or -ENAMETOOLONG.
 */
int gp_preflight_binder_path(const struct gp_path *p, const char *script, char *buf,
			     size_t size);

/**
 * gp_preflight_pieces - the files generator @gen (generator.h: the one that
 * builds the images; Ubuntu's update-initramfs wrapper runs dracut, so
 * dracut's module is what counts there) needs for gpupt-bind to run at
 * boot, in order: the binder, then its hook and its boot script (the hook
 * and init-top script of initramfs-tools, the dracut module's two files).
 * @paths: receives up to @max absolute paths (GP_PATH_MAX each).
 * Returns how many, 0 for @gen NULL (no generator), or -ENAMETOOLONG.
 */
int gp_preflight_pieces(const struct gp_path *p, const struct gp_generator_ops *gen,
			char (*paths)[GP_PATH_MAX], size_t max);

/** What a kernel lacks to get a working initramfs (bits). */
enum gp_kernel_lack {
	GP_KERNEL_NO_IMAGE   = 1u << 0,  /* no /boot/vmlinuz-KVER */
	GP_KERNEL_NO_MODULES = 1u << 1,  /* no /lib/modules/KVER directory */
	GP_KERNEL_NO_INITRD  = 1u << 2,  /* no image to rebuild (/boot/initrd.img-KVER) */
};

/**
 * gp_preflight_kernel_lacks - the GP_KERNEL_* bits kernel @kver lacks in
 * root @p (0: installed whole, with an initramfs where generator @gen
 * rebuilds it; NULL: see gp_generator_image_path()).
 */
unsigned int gp_preflight_kernel_lacks(const struct gp_path *p,
				       const struct gp_generator_ops *gen, const char *kver);

/**
 * gp_preflight_kernel_names - every kernel release the root names: each
 * /boot/vmlinuz-KVER and each directory of /lib/modules, once, sorted.
 * @out: filled; release with gp_kernels_free() (kernel.h).
 * Returns the number found, or -ENOMEM.  An unreadable directory names none.
 */
int gp_preflight_kernel_names(const struct gp_path *p, struct gp_kernels *out);

/** The facts of preflight guard hits (struct gp_guard_fact.what). */
enum gp_preflight_fact {
	GP_PREFLIGHT_FACT_NONE = 0,
	GP_PREFLIGHT_KERNEL_NONE,            /* no kernel anywhere (arg "") */
	GP_PREFLIGHT_KERNEL_RUNNING_UNKNOWN, /* kernels = running, its release unknown */
	GP_PREFLIGHT_KERNEL_NO_MODULES,      /* arg: kver, /boot only */
	GP_PREFLIGHT_KERNEL_NO_IMAGE,        /* arg: kver, /lib/modules only */
	GP_PREFLIGHT_KERNEL_NO_INITRD,       /* arg: kver, no initrd.img to rebuild */
	GP_PREFLIGHT_PIECE_MISSING,          /* arg: file */
	GP_PREFLIGHT_PIECE_NOT_EXECUTABLE,   /* arg: file */
	GP_PREFLIGHT_VFIO_MISSING,           /* arg: kver; module: which */
	GP_PREFLIGHT_KERNEL_ABSENT,          /* arg: kver, the running one, installed nowhere */
};

#endif
