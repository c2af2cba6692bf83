/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "modavail.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gp_path_stdio.h"

int gp_module_availability(struct kmod_ctx *ctx, const char *name, enum gp_module_avail *out)
{
	struct kmod_module *mod = NULL;
	int r;

	*out = GP_MODULE_UNKNOWN;
	/* Looks in modules.dep, then modules.builtin: by name only, no aliases. */
	r = kmod_module_new_from_name_lookup(ctx, name, &mod);
	if (r < 0)
		return r;
	if (!mod) {
		*out = GP_MODULE_MISSING;
		return 0;
	}
	if (kmod_module_get_path(mod)) {
		*out = GP_MODULE_LOADABLE;
	} else {
		/*
		 * Without a path it came from the builtin index; initstate then
		 * answers from that index alone, without reading /sys/module.
		 */
		r = kmod_module_get_initstate(mod);
		*out = r == KMOD_MODULE_BUILTIN ? GP_MODULE_BUILTIN : GP_MODULE_MISSING;
	}
	kmod_module_unref(mod);
	return 0;
}

int gp_modules_loaded(const struct gp_path *p, const char *const *names, int *loaded, size_t n)
{
	char *line = NULL;
	size_t cap = 0, i;
	FILE *f;
	int r;

	for (i = 0; i < n; i++)
		loaded[i] = 0;
	r = gp_path_fopen_read(p, "/proc/modules", &f);
	if (r < 0)
		return r;
	errno = 0;
	while (getline(&line, &cap, f) > 0) {
		size_t len = strcspn(line, " \t\n");

		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len && strncmp(line, names[i], len) == 0)
				loaded[i] = 1;
	}
	r = ferror(f) ? (errno ? -errno : -EIO) : 0;
	free(line);
	fclose(f);
	if (r < 0)
		for (i = 0; i < n; i++)
			loaded[i] = 0;
	return r;
}
