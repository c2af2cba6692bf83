/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Building a plan.  Each file's content is generated whole and compared
 * with what the root holds: an unchanged file is no change, and with no
 * file changed there is nothing to run, so a second identical run is a
 * no-op.  The kernel command line is only ever extended through a GRUB
 * drop-in; /etc/default/grub is never written.  The jobs live in
 * plan_select.c, plan_files.c, plan_cmds.c and plan_guards.c.
 */
#include "plan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp_path_write.h"
#include "plan_int.h"

/* Our own files are small; anything bigger is not ours to compare. */
#define OLD_FILE_MAX (1024 * 1024)
#define FILE_MODE 0644

/* --- reading the old content ---------------------------------------------- */

int plan_add_file(const struct gp_path *p, struct gp_plan *pl, const char *path, char *new_s,
		    size_t new_len)
{
	struct gp_file_change *f;
	char *old = NULL;
	size_t old_len = 0;
	int r;

	r = gp_path_read_file(p, path, &old, &old_len, NULL);
	if (r == 0 && old_len > OLD_FILE_MAX) {
		free(old);
		old = NULL;
		r = -EFBIG;
	}
	if (r < 0 && r != -ENOENT) {
		pl->error.err = r;
		snprintf(pl->error.path, sizeof(pl->error.path), "%s", path);
		free(new_s);
		return r;
	}
	if ((r == -ENOENT && !new_s) ||
	    (r == 0 && new_s && old_len == new_len && memcmp(old, new_s, new_len) == 0)) {
		free(old);
		free(new_s);
		return 0;
	}
	if (GP_ARRAY_GROW(pl->files, pl->alloc_files, pl->n_files + 1) < 0) {
		free(old);
		free(new_s);
		return -ENOMEM;
	}
	f = &pl->files[pl->n_files++];
	memset(f, 0, sizeof(*f));
	snprintf(f->path, sizeof(f->path), "%s", path);
	f->old_exists = r == 0;
	f->old_content = old;
	f->old_len = old_len;
	f->remove = new_s == NULL;
	f->new_content = new_s;
	f->new_len = new_s ? new_len : 0;
	f->mode = FILE_MODE;
	return 0;
}

static const struct gp_file_change *find_change(const struct gp_plan *pl, const char *path)
{
	size_t i;

	for (i = 0; i < pl->n_files; i++)
		if (strcmp(pl->files[i].path, path) == 0)
			return &pl->files[i];
	return NULL;
}
/* --- the whole plan ------------------------------------------------------- */

/* Record the @chosen functions in @pl->functions. */
static int record_functions(const struct gp_inventory *inv, const char *chosen,
			    struct gp_plan *pl)
{
	size_t i;

	for (i = 0; i < inv->n_devs; i++) {
		if (!chosen[i])
			continue;
		if (GP_ARRAY_GROW(pl->functions, pl->alloc_functions, pl->n_functions + 1) < 0)
			return -ENOMEM;
		memcpy(pl->functions[pl->n_functions++], inv->devs[i].address, GP_PCI_ADDR_LEN);
	}
	return 0;
}

/* bind.conf and modprobe.d for the @chosen functions. */
static int binding_files(const struct gp_path *p, const struct gp_inventory *inv,
			 const struct gp_syscheck *chk, const char *chosen, struct gp_plan *pl)
{
	struct gp_strbuf b = GP_STRBUF_INIT;
	struct gp_strset mods = GP_STRSET_INIT;
	int r;

	r = plan_bind_conf_content(inv, chosen, &b);
	if (r < 0)
		goto out;
	r = plan_add_file(p, pl, GP_BIND_CONF_PATH, b.buf, b.len);
	memset(&b, 0, sizeof(b));
	if (r < 0)
		goto out;

	r = plan_softdep_modules(p, inv, chk, chosen, &mods);
	if (r < 0)
		goto out;
	if (mods.n) {
		r = plan_modprobe_content(&mods, &b);
		if (r < 0)
			goto out;
	}
	r = plan_add_file(p, pl, GP_MODPROBE_PATH, b.buf, b.len);
	memset(&b, 0, sizeof(b));
out:
	gp_strbuf_release(&b);
	gp_strset_free(&mods);
	return r;
}

/* The GRUB drop-in, or the parameters to add by hand when GRUB is not the bootloader. */
static int cmdline_file(const struct gp_path *p, const struct gp_syscheck *chk,
			const struct gp_choices *c, struct gp_plan *pl)
{
	struct gp_strbuf b = GP_STRBUF_INIT;
	char *old_dropin = NULL, params[256];
	size_t old_len;
	int r;

	r = gp_path_read_file(p, GP_GRUB_DROPIN_PATH, &old_dropin, &old_len, NULL);
	if (r < 0 && r != -ENOENT) {
		pl->error.err = r;
		snprintf(pl->error.path, sizeof(pl->error.path), "%s", GP_GRUB_DROPIN_PATH);
		return r;
	}
	r = 0;
	plan_cmdline_needs(chk, c, old_dropin, params, sizeof(params));
	if (!plan_grub_supported(&chk->boot)) {
		pl->bootloader_unsupported = 1;
		snprintf(pl->cmdline_manual, sizeof(pl->cmdline_manual), "%s", params);
	} else {
		snprintf(pl->cmdline_added, sizeof(pl->cmdline_added), "%s", params);
		if (params[0])
			r = plan_dropin_content(params, &b);
		if (r == 0 && params[0])
			r = plan_dropin_lost(p, b.buf, params, pl->cmdline_lost,
					     sizeof(pl->cmdline_lost));
		if (r == 0)
			r = plan_add_file(p, pl, GP_GRUB_DROPIN_PATH, b.buf, b.len);
		else
			gp_strbuf_release(&b);
	}
	free(old_dropin);
	return r;
}

static int build(const struct gp_path *p, const struct gp_inventory *inv,
		 const struct gp_syscheck *chk, const struct gp_choices *c, struct gp_plan *pl)
{
	char *chosen;
	long gpu;
	int r;

	gpu = plan_find_gpu(inv, c->gpu);
	if (gpu < 0)
		return -ENODEV;
	chosen = calloc(inv->n_devs + 1, 1);
	if (!chosen)
		return -ENOMEM;
	r = plan_choose_functions(inv, c, gpu, chosen);
	if (r == 0)
		r = record_functions(inv, chosen, pl);
	if (r == 0)
		r = plan_guards(p, inv, chk, c, chosen, gpu, pl);
	if (r == 0)
		r = plan_preflight(p, chk, c, pl);
	if (r < 0)
		goto out;
	/* Only a word the next boot still gets is the user's to remove. */
	if (chk->iommu.verdict == GP_IOMMU_DISABLED_CMDLINE && !gp_syscheck_off_this_boot_only(chk))
		snprintf(pl->cmdline_remove, sizeof(pl->cmdline_remove), "%s", chk->iommu.off_param);

	r = binding_files(p, inv, chk, chosen, pl);
	if (r == 0)
		r = cmdline_file(p, chk, c, pl);
	if (r < 0)
		goto out;

	/* Commands, for what changed. */
	if (find_change(pl, GP_BIND_CONF_PATH) || find_change(pl, GP_MODPROBE_PATH)) {
		r = plan_initramfs_commands(p, chk, c, pl);
		if (r < 0)
			goto out;
	}
	if (find_change(pl, GP_GRUB_DROPIN_PATH))
		r = plan_grub_command(chk, pl);
out:
	free(chosen);
	return r;
}

int gp_plan_build(const struct gp_path *p, const struct gp_inventory *inv,
		  const struct gp_syscheck *chk, const struct gp_choices *choices,
		  const struct gp_plan_options *opt, struct gp_plan **out,
		  struct gp_plan_error *why)
{
	struct gp_plan *pl;
	int r;

	*out = NULL;
	if (why)
		memset(why, 0, sizeof(*why));
	r = opt ? gp_plan_options_check(opt) : 0;
	if (r < 0)
		return r;
	pl = calloc(1, sizeof(*pl));
	if (!pl)
		return -ENOMEM;
	if (opt)
		pl->options = *opt;
	r = build(p, inv, chk, choices, pl);
	if (r < 0) {
		if (why)
			*why = pl->error;
		gp_plan_free(pl);
		return r;
	}
	*out = pl;
	return 0;
}

static int override_ok(const char *repl)
{
	return !repl || !repl[0] || repl[0] == '/';
}

int gp_plan_options_check(const struct gp_plan_options *opt)
{
	return override_ok(opt->update_initramfs) && override_ok(opt->update_grub) ? 0 : -EINVAL;
}

int gp_plan_refused(const struct gp_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->n_guards; i++)
		if (!plan->guards[i].forced)
			return 1;
	return 0;
}

int gp_plan_refused_unforceable(const struct gp_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->n_guards; i++)
		if (!gp_guard_forceable(plan->guards[i].guard))
			return 1;
	return 0;
}

void gp_plan_free(struct gp_plan *plan)
{
	size_t i, j;

	if (!plan)
		return;
	for (i = 0; i < plan->n_files; i++) {
		free(plan->files[i].old_content);
		free(plan->files[i].new_content);
	}
	for (i = 0; i < plan->n_cmds; i++) {
		for (j = 0; plan->cmds[i].argv && plan->cmds[i].argv[j]; j++)
			free(plan->cmds[i].argv[j]);
		free(plan->cmds[i].argv);
	}
	for (i = 0; i < plan->n_guards; i++)
		free(plan->guards[i].facts);
	free(plan->files);
	free(plan->cmds);
	free(plan->guards);
	free(plan->functions);
	free(plan);
}

