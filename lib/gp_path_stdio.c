/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The stdio side of the path layer, apart from gp_path.c so the static
 * binder, which links that file, never pulls in stdio.
 */
#include "gp_path_stdio.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int gp_path_fopen_read(const struct gp_path *p, const char *path, FILE **out)
{
	FILE *f;
	int fd, e;

	*out = NULL;
	fd = gp_path_open(p, path, O_RDONLY, 0);
	if (fd < 0)
		return fd;
	f = fdopen(fd, "r");
	if (!f) {
		e = -errno;
		close(fd);
		return e;
	}
	*out = f;
	return 0;
}
