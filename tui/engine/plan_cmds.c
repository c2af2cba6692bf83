/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Adding to a plan: a file change (the whole new content, compared with
 * what is there), and the commands it runs after writing its files (argv
 * vectors, never a shell), among them the initramfs rebuilds.
 */
#include "plan_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "generator.h"
#include "loader.h"
#include "plan.h"
#include "gp_path.h"
#include "gp_path_write.h"
#include "nls.h"

/* Our own files are small; anything bigger is not ours to compare. */
#define OLD_FILE_MAX (1024 * 1024)
#define FILE_MODE 0644

/* --- file changes ---------------------------------------------------------- */

int gp_file_mode_unsafe(mode_t mode, uid_t uid, gid_t gid)
{
	return (uid != 0 && uid != geteuid()) || (mode & (S_ISUID | S_ISGID | S_ISVTX | S_IWOTH)) ||
	       ((mode & S_IWGRP) && gid != 0);
}

/*
 * The directory of @path, when it exists, must be no more open than the
 * file: whoever can change it can replace the file after it is written.
 * 0, or -EPERM with the facts in @pl->error.
 */
static int parent_safe(const struct gp_path *p, struct gp_plan *pl, const char *path)
{
	char parent[GP_PATH_MAX];
	struct stat st;

	if (gp_path_parent(path, parent, sizeof(parent)) < 0 || gp_path_stat(p, parent, &st) < 0 ||
	    !S_ISDIR(st.st_mode) || !gp_file_mode_unsafe(st.st_mode, st.st_uid, st.st_gid))
		return 0;
	pl->error.err = -EPERM;
	snprintf(pl->error.path, sizeof(pl->error.path), "%s", parent);
	pl->error.mode = st.st_mode & 07777;
	pl->error.uid = st.st_uid;
	pl->error.gid = st.st_gid;
	return -EPERM;
}

int plan_add_file(const struct gp_path *p, struct gp_plan *pl, const char *path, char *new_s,
		    size_t new_len)
{
	struct gp_file_change *f;
	char *old = NULL;
	size_t old_len = 0;
	struct stat st;
	int r, unsafe;

	r = parent_safe(p, pl, path);
	if (r < 0) {
		free(new_s);
		return r;
	}
	memset(&st, 0, sizeof(st));
	r = gp_path_read_file(p, path, &old, &old_len, &st);
	/* What anyone could have written is not kept as it is, even unchanged. */
	unsafe = r == 0 && gp_file_mode_unsafe(st.st_mode, st.st_uid, st.st_gid);
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
	    (r == 0 && !unsafe && new_s && old_len == new_len &&
	     memcmp(old, new_s, new_len) == 0)) {
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
	f->unsafe = unsafe;
	f->old_mode = st.st_mode & 07777;
	f->old_uid = st.st_uid;
	f->old_gid = st.st_gid;
	return 0;
}

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

static const struct gp_file_change *find_change(const struct gp_plan *pl, const char *path)
{
	size_t i;

	for (i = 0; i < pl->n_files; i++)
		if (strcmp(pl->files[i].path, path) == 0)
			return &pl->files[i];
	return NULL;
}

int plan_commands(const struct gp_path *p, const struct gp_syscheck *chk,
		  const struct gp_choices *c, struct gp_plan *pl)
{
	struct gp_loader_plan_in in = { chk, c, "", pl->trial, 0 };
	size_t before = pl->n_cmds;
	int r = 0;

	if (find_change(pl, GP_BIND_CONF_PATH) || find_change(pl, GP_MODPROBE_PATH))
		r = plan_initramfs_commands(p, chk, c, pl);
	in.ending_trial = !pl->trial && gp_path_exists(p, GP_TRIAL_PATH) > 0;
	if (r == 0 && chk->loader)
		r = chk->loader->commands(p, &in, gp_loader_changed(chk->loader, pl),
					  pl->n_cmds > before, pl);
	return r;
}
