/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gp_plan_regenerate (plan.h): the commands that make the boot files match
 * the files of a root as they are now, derived from the back ends (the
 * initramfs generator and the boot loader), for a revert or a recovery,
 * which never run the command lines a journal holds.  Apart from
 * plan_cmds.c, which it builds on, so that neither needs the other's caller.
 */
#include "plan_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "loader.h"
#include "plan.h"
#include "syscheck.h"

/* --- the commands for a root as it is now ------------------------------------ */

/*
 * What the back ends' commands read of a system check: the kernels (the
 * running one first, as gp_syscheck_run() lists them), the boot loader and
 * the initramfs generator.  Only those are probed.
 */
static int regen_check(const struct gp_path *p, struct gp_syscheck *chk)
{
	struct gp_kernels inst;
	size_t i, n = 0;
	int r;

	memset(chk, 0, sizeof(*chk));
	if (gp_kernel_running(p, chk->kver, sizeof(chk->kver)) < 0)
		chk->kver[0] = '\0';
	r = gp_kernels_installed(p, &inst);
	if (r < 0)
		memset(&inst, 0, sizeof(inst));
	chk->kernels = calloc(inst.n + 1, sizeof(*chk->kernels));
	if (!chk->kernels) {
		gp_kernels_free(&inst);
		return -ENOMEM;
	}
	if (chk->kver[0]) {
		memcpy(chk->kernels[n].kver, chk->kver, sizeof(chk->kver));
		chk->kernels[n++].running = 1;
	}
	for (i = 0; i < inst.n; i++)
		if (!chk->kver[0] || strcmp(inst.rel[i], chk->kver) != 0)
			memcpy(chk->kernels[n++].kver, inst.rel[i], GP_KVER_MAX);
	gp_kernels_free(&inst);
	chk->n_kernels = n;
	gp_bootloader_probe(p, &chk->boot);
	chk->loader = gp_loader_detect(&chk->boot);
	gp_initramfs_probe(p, &chk->initramfs);
	return 0;
}

int gp_plan_regenerate(const struct gp_path *p, const struct gp_plan_options *opt,
		       const char *const *paths, size_t n, struct gp_plan **out)
{
	struct gp_choices c;
	struct gp_syscheck chk;
	struct gp_plan *pl;
	size_t i;
	int r;

	*out = NULL;
	pl = calloc(1, sizeof(*pl));
	if (!pl)
		return -ENOMEM;
	if (opt)
		pl->options = *opt;
	r = GP_ARRAY_GROW(pl->files, pl->alloc_files, n + 1) < 0 ? -ENOMEM : 0;
	for (i = 0; r == 0 && i < n; i++) {
		struct gp_file_change *f = &pl->files[pl->n_files++];

		memset(f, 0, sizeof(*f));
		snprintf(f->path, sizeof(f->path), "%s", paths[i]);
	}
	if (r == 0)
		r = regen_check(p, &chk);
	if (r < 0) {
		gp_plan_free(pl);
		return r;
	}
	memset(&c, 0, sizeof(c));
	c.kernels = GP_KERNELS_ALL;
	r = plan_commands(p, &chk, &c, pl);
	free(chk.kernels);
	if (r < 0) {
		gp_plan_free(pl);
		return r;
	}
	*out = pl;
	return 0;
}
