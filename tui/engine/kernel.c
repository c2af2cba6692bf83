/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "kernel.h"
#include "strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

int gp_kernel_running(const struct gp_path *p, char *buf, size_t size)
{
	struct utsname u;
	int r;

	r = gp_path_read(p, "/proc/sys/kernel/osrelease", buf, size);
	if (r > 0 || !gp_path_is_host(p))
		return r == 0 ? -ENOENT : r;
	if (uname(&u) < 0)
		return -errno;
	if (strlen(u.release) >= size)
		return -ENAMETOOLONG;
	strcpy(buf, u.release);
	return (int)strlen(buf);
}

static int cmp_rel(const void *a, const void *b)
{
	return strverscmp((const char *)a, (const char *)b);
}

int gp_kernels_installed(const struct gp_path *p, struct gp_kernels *out)
{
	struct dirent *de;
	size_t cap = 0;
	DIR *d;

	out->n = 0;
	out->rel = NULL;
	d = gp_path_opendir(p, "/lib/modules");
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || strlen(de->d_name) >= GP_KVER_MAX)
			continue;
		if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;
		if (GP_ARRAY_GROW(out->rel, cap, out->n + 1) < 0) {
			closedir(d);
			gp_kernels_free(out);
			return -ENOMEM;
		}
		strcpy(out->rel[out->n++], de->d_name);
	}
	closedir(d);
	if (out->n)
		qsort(out->rel, out->n, sizeof(*out->rel), cmp_rel);
	return (int)out->n;
}

void gp_kernels_free(struct gp_kernels *k)
{
	free(k->rel);
	k->rel = NULL;
	k->n = 0;
}
