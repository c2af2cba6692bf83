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
 * libkmod resolves names on the host, so with a root other than "/" it is
 * never given one that leads out: the modprobe.d directories are opened
 * inside the root (links resolved there) and handed over as /proc/self/fd
 * names; the module directory, which libkmod reads later, must be the same
 * directory by the host's name as inside the root.  A module directory,
 * index file or modprobe configuration file whose host name leads
 * elsewhere (an absolute link) gives -EXDEV, and nothing is read.
 * libkmod's own logging is silenced: the engine never prints.
 * Returns 0, -ENOENT when the module directory is missing, -EXDEV, or -errno.
 */
int gp_kmod_new(const struct gp_path *p, const char *kver, struct kmod_ctx **out);

#endif
