/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "kconfig.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gp_path_stdio.h"

enum gp_kconfig_val gp_kconfig_parse_line(const char *line, const char *name)
{
	size_t n = strlen(name);
	const char *v;

	if (line[0] == '#') {
		static const char tail[] = " is not set";

		if (strncmp(line, "# ", 2) != 0 || strncmp(line + 2, name, n) != 0 ||
		    strncmp(line + 2 + n, tail, sizeof(tail) - 1) != 0)
			return GP_KCONFIG_UNKNOWN;
		return GP_KCONFIG_NOT_SET;
	}
	if (strncmp(line, name, n) != 0 || line[n] != '=')
		return GP_KCONFIG_UNKNOWN;
	v = line + n + 1;
	if (v[0] == 'y' && (v[1] == '\0' || v[1] == '\n'))
		return GP_KCONFIG_Y;
	if (v[0] == 'm' && (v[1] == '\0' || v[1] == '\n'))
		return GP_KCONFIG_M;
	return GP_KCONFIG_OTHER;
}

int gp_kconfig_lookup(const struct gp_path *p, const char *kver,
		      const char *const *names, enum gp_kconfig_val *vals, size_t n)
{
	char path[GP_PATH_MAX], *line = NULL;
	size_t cap = 0, i;
	FILE *f;
	int r;

	for (i = 0; i < n; i++)
		vals[i] = GP_KCONFIG_UNKNOWN;
	r = gp_path_join(path, sizeof(path), "/boot/config-", kver, (char *)NULL);
	if (r < 0)
		return r;
	r = gp_path_fopen_read(p, path, &f);
	if (r < 0)
		return r;
	errno = 0;
	while (getline(&line, &cap, f) > 0) {
		for (i = 0; i < n; i++) {
			enum gp_kconfig_val v = gp_kconfig_parse_line(line, names[i]);

			if (v != GP_KCONFIG_UNKNOWN)
				vals[i] = v;
		}
	}
	r = ferror(f) ? (errno ? -errno : -EIO) : 0;
	free(line);
	fclose(f);
	for (i = 0; i < n; i++)
		if (r == 0 && vals[i] == GP_KCONFIG_UNKNOWN)
			vals[i] = GP_KCONFIG_NOT_SET;
		else if (r < 0)
			vals[i] = GP_KCONFIG_UNKNOWN;
	return r;
}
