/* SPDX-License-Identifier: GPL-2.0-or-later */
/* gp_path_stdio — stdio streams on target paths (engine only, not the binder). */
#ifndef GP_PATH_STDIO_H
#define GP_PATH_STDIO_H

#include <stdio.h>

#include "gp_path.h"

/**
 * gp_path_fopen_read - open target path @path inside the root for reading
 * line by line.
 * @out: the stream; close it with fclose().
 * Returns 0, or -errno (and *@out NULL).
 */
int gp_path_fopen_read(const struct gp_path *p, const char *path, FILE **out);

#endif
