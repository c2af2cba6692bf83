/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kernel — which kernel runs, and which are installed, on the target root. */
#ifndef GP_KERNEL_H
#define GP_KERNEL_H

#include <stddef.h>

#include "gp_path.h"

#define GP_KVER_MAX 128

/**
 * gp_kernel_running - release of the running kernel ("6.1.0-26-amd64").
 *
 * Read from /proc/sys/kernel/osrelease inside the root; on the real root
 * uname(2) is the fallback.  Returns the length, or -ENOENT when a
 * sysroot does not say.
 */
int gp_kernel_running(const struct gp_path *p, char *buf, size_t size);

/** A list of installed kernel releases, sorted by version (oldest first). */
struct gp_kernels {
	size_t n;
	char (*rel)[GP_KVER_MAX];
};

/**
 * gp_kernels_installed - every directory in /lib/modules inside the root.
 * @out: filled; release with gp_kernels_free().
 * Returns the number found (0 is not an error) or -errno.
 */
int gp_kernels_installed(const struct gp_path *p, struct gp_kernels *out);

/** gp_kernels_free - release what gp_kernels_installed() returned. */
void gp_kernels_free(struct gp_kernels *k);

#endif
