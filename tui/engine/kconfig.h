/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kconfig — options a kernel was built with, from /boot/config-<release>
 * (the file Debian and Ubuntu install next to every kernel).
 */
#ifndef GP_KCONFIG_H
#define GP_KCONFIG_H

#include <stddef.h>

#include "gp_path.h"

enum gp_kconfig_val {
	GP_KCONFIG_UNKNOWN = 0,   /* no config file, or not looked up */
	GP_KCONFIG_NOT_SET,       /* "# CONFIG_X is not set", or absent */
	GP_KCONFIG_Y,
	GP_KCONFIG_M,
	GP_KCONFIG_OTHER,         /* a string or number value */
};

/**
 * gp_kconfig_parse_line - what one config line says about option @name.
 * @line: "CONFIG_X=y", "# CONFIG_X is not set", anything else.
 * @name: "CONFIG_X".
 * Returns the value, or GP_KCONFIG_UNKNOWN when the line is not about @name.
 */
enum gp_kconfig_val gp_kconfig_parse_line(const char *line, const char *name);

/**
 * gp_kconfig_lookup - look up @n options of kernel @kver.
 * @p: the target root.
 * @kver: the kernel release.
 * @names: option names ("CONFIG_INTEL_IOMMU").
 * @vals: receive the values; an option the file does not mention is
 *        GP_KCONFIG_NOT_SET, as the kernel's build treats it.
 * @n: number of options.
 *
 * Returns 0, or -errno when /boot/config-@kver cannot be read (then every
 * value is GP_KCONFIG_UNKNOWN).
 */
int gp_kconfig_lookup(const struct gp_path *p, const char *kver,
		      const char *const *names, enum gp_kconfig_val *vals, size_t n);

#endif
