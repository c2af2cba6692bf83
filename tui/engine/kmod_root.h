/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kmod_root — a libkmod context for one kernel of the target root. */
#ifndef GP_KMOD_ROOT_H
#define GP_KMOD_ROOT_H

#include <libkmod.h>

#include "gp_path.h"

/**
 * gp_kmod_new - a libkmod context for kernel @kver of the root.
 * @p: the target root.
 * @kver: a kernel release, as in /lib/modules.
 * @out: the context; release with kmod_unref().
 *
 * Modules and their indexes come from /lib/modules/@kver inside the root;
 * modprobe configuration from the root's /etc, /run and /lib modprobe.d.
 * libkmod's own logging is silenced: the engine never prints.
 * Returns 0, -ENOENT when the module directory is missing, or -errno.
 */
int gp_kmod_new(const struct gp_path *p, const char *kver, struct kmod_ctx **out);

#endif
