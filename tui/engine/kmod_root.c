/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "kmod_root.h"

#include <errno.h>
#include <stdarg.h>

static void kmod_log_quiet(void *data, int priority, const char *file, int line,
			   const char *fn, const char *format, va_list args)
{
	(void)data, (void)priority, (void)file, (void)line, (void)fn, (void)format, (void)args;
}

int gp_kmod_new(const struct gp_path *p, const char *kver, struct kmod_ctx **out)
{
	char mod[GP_PATH_MAX], etc[GP_PATH_MAX], run[GP_PATH_MAX], lib[GP_PATH_MAX];
	char rel[GP_PATH_MAX];
	const char *conf[4];
	struct kmod_ctx *ctx;
	int r;

	*out = NULL;
	r = gp_path_join(rel, sizeof(rel), "/lib/modules/", kver, (char *)NULL);
	if (r < 0)
		return r;
	r = gp_path_exists(p, rel);
	if (r <= 0)
		return r == 0 ? -ENOENT : r;
	if (gp_path_abs(p, rel, mod, sizeof(mod)) < 0 ||
	    gp_path_abs(p, "/etc/modprobe.d", etc, sizeof(etc)) < 0 ||
	    gp_path_abs(p, "/run/modprobe.d", run, sizeof(run)) < 0 ||
	    gp_path_abs(p, "/lib/modprobe.d", lib, sizeof(lib)) < 0)
		return -ENAMETOOLONG;
	conf[0] = etc;
	conf[1] = run;
	conf[2] = lib;
	conf[3] = NULL;
	ctx = kmod_new(mod, conf);
	if (!ctx)
		return -ENOMEM;
	kmod_set_log_fn(ctx, kmod_log_quiet, NULL);
	*out = ctx;
	return 0;
}
