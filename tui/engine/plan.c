/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Building a plan.  Each file's content is generated whole and compared
 * with what the root holds: an unchanged file is no change, and with no
 * file changed there is nothing to run, so a second identical run is a
 * no-op.  The kernel command line is extended through the boot loader's
 * back end (loader.h).  The jobs live in plan_select.c, plan_files.c,
 * plan_cmds.c and plan_guards.c.
 */
#include "plan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp_path_write.h"
#include "loader.h"
#include "plan_int.h"

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

/* The parameters ours now, as the loader's record @lo->record says: @words. */
static int read_ours(const struct gp_path *p, const struct gp_loader_ops *lo, struct gp_plan *pl,
		     struct gp_strbuf *words)
{
	char *buf = NULL;
	size_t len;
	int r;

	r = gp_path_read_file(p, lo->record, &buf, &len, NULL);
	if (r < 0 && r != -ENOENT) {
		pl->error.err = r;
		snprintf(pl->error.path, sizeof(pl->error.path), "%s", lo->record);
		return r;
	}
	r = lo->ours(buf, words);
	free(buf);
	return r;
}

/*
 * A trial, unless the user said trial = no, the loader has none (said:
 * trial_unavailable), or nothing would change (the same change confirmed:
 * applying it again is no new trial).  Into *@trial.  0 or -errno.
 */
static int want_trial(const struct gp_path *p, const struct gp_choices *c,
		      const struct gp_loader_plan_in *in, struct gp_plan *pl, int *trial)
{
	struct gp_loader_plan_in perm = *in;
	struct gp_plan *scratch;
	int r;

	*trial = 0;
	pl->no_trial = c->no_trial;
	if (c->no_trial)
		return 0;
	if (!pl->loader->trial_ok) {
		pl->trial_unavailable = 1;
		return 0;
	}
	if (pl->loader->trial_blocked &&
	    pl->loader->trial_blocked(p, pl->trial_blocked, sizeof(pl->trial_blocked))) {
		pl->trial_unavailable = 1;
		return 0;
	}
	*trial = 1;
	if (in->ending_trial || pl->n_files)
		return 0;
	scratch = calloc(1, sizeof(*scratch));
	if (!scratch)
		return -ENOMEM;
	scratch->options = pl->options;
	perm.trial = 0;
	r = pl->loader->plan(p, &perm, scratch);
	if (r == 0 && scratch->n_files == 0)
		*trial = 0;
	gp_plan_free(scratch);
	return r;
}

/* GP_TRIAL_PATH (its format is in gp_paths.h): written for a trial, removed otherwise. */
static int trial_state_file(const struct gp_path *p, const struct gp_loader_ops *lo,
			    const struct gp_loader_plan_in *in, struct gp_plan *pl)
{
	struct gp_strbuf b = GP_STRBUF_INIT;

	pl->trial = in->trial;
	if (!in->trial)
		return plan_add_file(p, pl, GP_TRIAL_PATH, NULL, 0);
	gp_strbuf_addf(&b, "# %s - written by gpupt-setup: a trial boot is pending or failed.\n"
		       "# gpupt-setup --confirm keeps the change, --revert undoes it.\n",
		       GP_TRIAL_PATH);
	gp_strbuf_addf(&b, "loader %s\nparams %s\n", lo->name, in->params);
	if (b.err) {
		gp_strbuf_release(&b);
		return -ENOMEM;
	}
	return plan_add_file(p, pl, GP_TRIAL_PATH, b.buf, b.len);
}

/*
 * The kernel command line: the loader back end's file changes, or, with no
 * back end for this root, the parameters to add by hand.
 */
static int cmdline_file(const struct gp_path *p, const struct gp_syscheck *chk,
			const struct gp_choices *c, struct gp_plan *pl)
{
	const struct gp_loader_ops *lo = chk->loader;
	struct gp_strbuf ours = GP_STRBUF_INIT;
	struct gp_loader_plan_in in;
	char params[256];
	int r = 0;

	if (lo)
		r = read_ours(p, lo, pl, &ours);
	if (r < 0)
		goto out;
	plan_cmdline_needs(chk, c, ours.buf, params, sizeof(params));
	if (!lo) {
		pl->bootloader_unsupported = 1;
		snprintf(pl->cmdline_manual, sizeof(pl->cmdline_manual), "%s", params);
		goto out;
	}
	in.chk = chk;
	in.choices = c;
	in.params = params;
	in.ending_trial = gp_path_exists(p, GP_TRIAL_PATH) > 0;
	pl->loader = lo;
	r = want_trial(p, c, &in, pl, &in.trial);
	if (r == 0)
		r = lo->plan(p, &in, pl);
	if (r == 0)
		r = trial_state_file(p, lo, &in, pl);
out:
	gp_strbuf_release(&ours);
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

	r = plan_commands(p, chk, c, pl);
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

int gp_plan_build_now(const struct gp_path *p, const struct gp_inventory *inv,
		      const struct gp_syscheck *chk, const char *chosen, unsigned int force,
		      struct gp_plan **out)
{
	struct gp_choices c;
	struct gp_plan *pl;
	size_t i, n = 0;
	int r;

	*out = NULL;
	for (i = 0; i < inv->n_devs; i++)
		n += chosen[i] != 0;
	if (!n)
		return -EINVAL;
	pl = calloc(1, sizeof(*pl));
	if (!pl)
		return -ENOMEM;
	memset(&c, 0, sizeof(c));
	c.functions = GP_FUNCS_LIST;
	c.force = force;
	r = record_functions(inv, chosen, pl);
	if (r == 0)
		r = plan_guards(p, inv, chk, &c, chosen, -1, pl);
	if (r < 0) {
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
	return override_ok(opt->update_initramfs) && override_ok(opt->update_bootloader) &&
	       override_ok(opt->grub_editenv) ? 0 : -EINVAL;
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

