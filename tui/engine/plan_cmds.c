/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The commands a plan runs after writing its files (argv vectors, never a
 * shell): the initramfs rebuilds and the GRUB configuration.
 */
#include "plan_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "generator.h"
#include "gp_path.h"
#include "nls.h"

/* --- commands ------------------------------------------------------------- */

static void free_argv(char **argv, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(argv[i]);
	free(argv);
}

int plan_add_command(struct gp_plan *pl, const char *prog, const char *repl, const char *what,
		       const char *kver, ...)
{
	struct gp_command *c;
	const char *a;
	char **argv;
	size_t n = 1, i;
	va_list ap;

	if (repl && !repl[0])
		repl = NULL;
	if (repl && repl[0] != '/')
		return -EINVAL;
	va_start(ap, kver);
	while (va_arg(ap, const char *))
		n++;
	va_end(ap);
	argv = calloc(n + 1, sizeof(*argv));
	if (!argv)
		return -ENOMEM;
	argv[0] = strdup(repl ? repl : prog);
	va_start(ap, kver);
	for (i = 1; (a = va_arg(ap, const char *)) != NULL; i++)
		argv[i] = strdup(a);
	va_end(ap);
	for (i = 0; i < n; i++)
		if (!argv[i]) {
			free_argv(argv, n);
			return -ENOMEM;
		}
	if (GP_ARRAY_GROW(pl->cmds, pl->alloc_cmds, pl->n_cmds + 1) < 0) {
		free_argv(argv, n);
		return -ENOMEM;
	}
	c = &pl->cmds[pl->n_cmds++];
	memset(c, 0, sizeof(*c));
	c->argv = argv;
	c->what = what;
	snprintf(c->kver, sizeof(c->kver), "%s", kver ? kver : "");
	c->in_root = repl == NULL;
	c->generator = 1;
	return 0;
}

int plan_initramfs_commands(const struct gp_path *p, const struct gp_syscheck *chk,
			      const struct gp_choices *c, struct gp_plan *pl)
{
	struct gp_generator_choice gen;
	int r;
	size_t k;

	if (!gp_generator_choose(&chk->initramfs, &gen)) {
		pl->no_initramfs_tool = 1;
		return 0;
	}
	for (k = 0; k < chk->n_kernels; k++) {
		const char *kver = chk->kernels[k].kver;
		const char *argv[GP_GENERATOR_ARGV_MAX] = { NULL };
		char initrd[GP_PATH_MAX];

		if (c->kernels == GP_KERNELS_RUNNING && !chk->kernels[k].running)
			continue;
		if (gen.runs->image_path(kver, initrd, sizeof(initrd)) < 0 ||
		    gp_path_exists(p, initrd) <= 0)
			continue;
		gen.runs->rebuild_argv(kver, initrd, argv);
		/* The arguments end at the first NULL: the unused slots end the list. */
		r = plan_add_command(pl, argv[0], pl->options.update_initramfs,
				     N_("Rebuilding the initramfs for %s"), kver,
				     argv[1], argv[2], argv[3], argv[4], (char *)NULL);
		if (r < 0)
			return r;
	}
	return 0;
}

int plan_grub_command(const struct gp_syscheck *chk, struct gp_plan *pl)
{
	if (chk->boot.update_grub)
		return plan_add_command(pl, "/usr/sbin/update-grub", pl->options.update_grub,
				   N_("Updating the GRUB configuration"), NULL, (char *)NULL);
	return plan_add_command(pl, "/usr/sbin/grub-mkconfig", pl->options.update_grub,
			   N_("Updating the GRUB configuration"), NULL,
			   "-o", "/boot/grub/grub.cfg", (char *)NULL);
}
