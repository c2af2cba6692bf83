/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * modavail — whether a kernel offers a module (built in, loadable, or not
 * at all), read from that kernel's module indexes through libkmod, and
 * which modules the running kernel has loaded now (/proc/modules).
 */
#ifndef GP_MODAVAIL_H
#define GP_MODAVAIL_H

#include <libkmod.h>
#include <stddef.h>

#include "gp_path.h"

enum gp_module_avail {
	GP_MODULE_UNKNOWN = 0,   /* the kernel's modules could not be read */
	GP_MODULE_MISSING,
	GP_MODULE_LOADABLE,      /* a .ko in modules.dep */
	GP_MODULE_BUILTIN,       /* listed in modules.builtin */
};

/**
 * gp_module_availability - is module @name in the kernel of @ctx?
 * @ctx: from gp_kmod_new().
 * @name: a module name ("vfio_pci"; "vfio-pci" is the same).
 * @out: the answer.
 *
 * Only the indexes are read: nothing of the running system (/sys/module) is
 * consulted, so the answer is right for any installed kernel.
 * Returns 0 or -errno (then @out is GP_MODULE_UNKNOWN).
 */
int gp_module_availability(struct kmod_ctx *ctx, const char *name, enum gp_module_avail *out);

/**
 * gp_modules_loaded - which of @names the running kernel has loaded.
 * @p: the target root (its /proc/modules).
 * @names: module names, with '_' as the kernel writes them.
 * @loaded: receives 1 or 0 for each name.
 * @n: number of names.
 * Returns 0 or -errno from reading (then every @loaded is 0).
 */
int gp_modules_loaded(const struct gp_path *p, const char *const *names, int *loaded, size_t n);

#endif
