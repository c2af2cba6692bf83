/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a transaction trusts of the state it finds (txn_int.h): the state
 * directory only when it is root's own, a journal only as data.  A journal
 * is read back as root by a later run (--revert, the recovery of a killed
 * run), so whoever could write it could make root act: its file records
 * must name files gpupt-setup manages, its directory records their
 * parents, its keep records files a back end says its commands rewrite;
 * and the commands run are never its cmd lines but what the back ends
 * say for the root as it is (gp_plan_regenerate()).
 */
#include "txn_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gp_path_write.h"
#include "loader.h"

/* Add an item to the result's report (nothing when there is no result). */
static int say(struct txn *t, enum gp_item_role role, enum gp_msg code, ...)
{
	va_list ap;
	int r;

	if (!t->res)
		return 0;
	va_start(ap, code);
	r = gp_report_vadd(&t->res->report, gp_msg_info(code)->sev, -1, role, code, ap);
	va_end(ap);
	return r;
}

int txn_state_dir_make(struct txn *t)
{
	char parent[GP_PATH_MAX];
	int r;

	r = gp_path_parent(GP_STATE_DIR, parent, sizeof(parent));
	if (r >= 0)
		r = txn_mkdir_p(t->p, parent, NULL, NULL, 0);
	if (r >= 0)
		r = gp_path_mkdir(t->p, GP_STATE_DIR, 0700);
	return r == -EEXIST ? 0 : (r < 0 ? r : 0);
}

int txn_state_dir_check(struct txn *t)
{
	struct stat st;
	char mode[8];
	int r;

	r = gp_path_lstat(t->p, GP_STATE_DIR, &st);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	/* A directory owned by the user running is no threat to that user (a test). */
	if (S_ISDIR(st.st_mode) && (st.st_uid == 0 || st.st_uid == geteuid()) &&
	    !(st.st_mode & 022))
		return 0;
	txn_fail_at(t, GP_STEP_LOCK, GP_STATE_DIR);
	if (!S_ISDIR(st.st_mode)) {
		r = say(t, GP_ROLE_SUMMARY, GP_MSG_TXN_STATE_NOT_DIR, GP_STATE_DIR);
		if (r == 0)
			r = say(t, GP_ROLE_FIX, GP_MSG_TXN_FIX_STATE_NOT_DIR, GP_STATE_DIR);
	} else {
		snprintf(mode, sizeof(mode), "%04o", (unsigned int)(st.st_mode & 07777));
		if (st.st_mode & 022)
			r = say(t, GP_ROLE_SUMMARY, GP_MSG_TXN_STATE_MODE, GP_STATE_DIR, mode);
		else
			r = say(t, GP_ROLE_SUMMARY, GP_MSG_TXN_STATE_OWNER, GP_STATE_DIR,
				(size_t)st.st_uid);
		if (r == 0)
			r = say(t, GP_ROLE_FIX, GP_MSG_TXN_FIX_STATE_DIR, GP_STATE_DIR, GP_STATE_DIR);
	}
	return r < 0 ? r : -ENOTRECOVERABLE;
}

/* --- the managed files --------------------------------------------------------------- */

int txn_managed_file(const char *path)
{
	static const char *const own[] = { GP_BIND_CONF_PATH, GP_MODPROBE_PATH, GP_TRIAL_PATH,
					   NULL };
	size_t i, k;

	for (i = 0; own[i]; i++)
		if (strcmp(path, own[i]) == 0)
			return 1;
	for (i = 0; gp_loaders[i]; i++)
		for (k = 0; gp_loaders[i]->files[k]; k++)
			if (strcmp(path, gp_loaders[i]->files[k]) == 0)
				return 1;
	return 0;
}

/* A directory record: a proper parent of a file gpupt-setup manages. */
static int managed_dir(const char *dir)
{
	static const char *const own[] = { GP_BIND_CONF_PATH, GP_MODPROBE_PATH, GP_TRIAL_PATH,
					   NULL };
	size_t n = strlen(dir), i, k;
	const char *f;

	if (n < 2 || dir[n - 1] == '/')
		return 0;
	for (i = 0; own[i]; i++)
		if (strncmp(own[i], dir, n) == 0 && own[i][n] == '/')
			return 1;
	for (i = 0; gp_loaders[i]; i++)
		for (k = 0; (f = gp_loaders[i]->files[k]); k++)
			if (strncmp(f, dir, n) == 0 && f[n] == '/')
				return 1;
	return 0;
}

/* Is @path a file a command of the back ends rewrites, for this root as it is? */
static int rewritten(const struct gp_plan *pl, const char *path)
{
	size_t i;

	for (i = 0; pl && i < pl->n_cmds; i++)
		if (pl->cmds[i].rewrites[0] && strcmp(pl->cmds[i].rewrites, path) == 0)
			return 1;
	return 0;
}

/* Every file the back ends may change: their commands say what they rewrite. */
static int all_commands(struct txn *t, struct gp_plan **pl)
{
	const char *paths[16];
	size_t n = 0, i, k;
	int r;

	paths[n++] = GP_BIND_CONF_PATH;
	paths[n++] = GP_MODPROBE_PATH;
	for (i = 0; gp_loaders[i]; i++)
		for (k = 0; gp_loaders[i]->files[k] && n < sizeof(paths) / sizeof(paths[0]); k++)
			paths[n++] = gp_loaders[i]->files[k];
	r = gp_plan_regenerate(t->p, t->opt, paths, n, pl);
	/* A trial's one-shot (grub-editenv) rewrites a file too (grubenv). */
	for (i = 0; r == 0 && gp_loaders[i]; i++)
		if (gp_loaders[i]->once)
			r = gp_loaders[i]->once(t->p, *pl);
	return r;
}

static int refuse(struct txn *t, const char *dir, const char *record, const char *path)
{
	char journal[GP_PATH_MAX];
	int r;

	snprintf(journal, sizeof(journal), "%s/journal", dir);
	txn_fail_at(t, GP_STEP_JOURNAL, journal);
	r = say(t, GP_ROLE_SUMMARY, GP_MSG_TXN_JOURNAL_REFUSED, journal, record, path);
	if (r == 0)
		r = say(t, GP_ROLE_FIX, GP_MSG_TXN_FIX_JOURNAL, dir, GP_STATE_DIR);
	return r < 0 ? r : -ENOTRECOVERABLE;
}

int txn_journal_check(struct txn *t, const struct gp_journal *j, const char *dir)
{
	struct gp_plan *pl = NULL;
	size_t i;
	int r = 0;

	for (i = 0; i < j->n_files; i++)
		if (!txn_managed_file(j->files[i].path))
			return refuse(t, dir, "file", j->files[i].path);
	for (i = 0; i < j->n_mkdirs; i++)
		if (!managed_dir(j->mkdirs[i]))
			return refuse(t, dir, "mkdir", j->mkdirs[i]);
	for (i = 0; i < j->n_rmdirs; i++)
		if (!managed_dir(j->rmdirs[i]))
			return refuse(t, dir, "rmdir", j->rmdirs[i]);
	if (j->n_keeps)
		r = all_commands(t, &pl);
	for (i = 0; r == 0 && i < j->n_keeps; i++)
		if (!rewritten(pl, j->keeps[i].path))
			r = refuse(t, dir, "keep", j->keeps[i].path);
	gp_plan_free(pl);
	return r;
}

/* --- the commands ---------------------------------------------------------------------- */

/* Does @j hold a command for kernel @kver? */
static int recorded_kernel(const struct gp_journal *j, const char *kver)
{
	size_t i;

	for (i = 0; i < j->n_cmds; i++)
		if (strcmp(j->cmds[i].kver, kver) == 0)
			return 1;
	return 0;
}

int txn_derive_cmds(struct txn *t, struct gp_journal *j, int recorded_only)
{
	struct gp_journal nj;
	struct gp_plan *pl;
	const char **paths;
	size_t i;
	int r;

	paths = calloc(j->n_files + 1, sizeof(*paths));
	if (!paths)
		return -ENOMEM;
	for (i = 0; i < j->n_files; i++)
		paths[i] = j->files[i].path;
	r = gp_plan_regenerate(t->p, t->opt, paths, j->n_files, &pl);
	free(paths);
	if (r < 0)
		return r;
	memset(&nj, 0, sizeof(nj));
	for (i = 0; r == 0 && i < pl->n_cmds; i++) {
		const struct gp_command *c = &pl->cmds[i];

		/* A kernel the journal's run did not rebuild was not touched by it. */
		if (recorded_only && c->kver[0] && !recorded_kernel(j, c->kver))
			continue;
		r = gp_journal_add_cmd(&nj, c);
	}
	gp_plan_free(pl);
	if (r < 0) {
		gp_journal_free(&nj);
		return r;
	}
	for (i = 0; i < j->n_cmds; i++)
		free(j->cmds[i].argv);
	free(j->cmds);
	j->cmds = nj.cmds;
	j->n_cmds = nj.n_cmds;
	j->alloc_cmds = nj.alloc_cmds;
	return 0;
}
