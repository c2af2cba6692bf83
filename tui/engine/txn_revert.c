/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gp_txn_revert(): undoing the last applied change, or all of them, by
 * building a revert journal from the history and running it (txn.h).
 */
#include "txn_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gp_path_write.h"
#include "image_verify.h"
#include "strbuf.h"
#include "txn_open.h"

/*
 * Grow two parallel arrays of a result to hold @need; *@alloc is the
 * capacity both have at least (one may have grown when the other failed).
 */
#define GROW_PAIR(a, b, alloc, need) grow_pair(&(a), sizeof(*(a)), &(b), sizeof(*(b)), \
					       &(alloc), (need))

static int grow_pair(void *a, size_t a_size, void *b, size_t b_size, size_t *alloc, size_t need)
{
	size_t alloc_a = *alloc, alloc_b = *alloc;
	int r = gp_array_grow(a, &alloc_a, need, a_size);

	if (r == 0)
		r = gp_array_grow(b, &alloc_b, need, b_size);
	*alloc = alloc_a < alloc_b ? alloc_a : alloc_b;
	return r;
}

static int result_add_modified(struct gp_txn_result *res, const char *path, int kept, int err)
{
	size_t alloc = res->alloc_modified;

	if (GROW_PAIR(res->modified, res->modified_kept, alloc, res->n_modified + 1) < 0 ||
	    GROW_PAIR(res->modified_err, res->modified_kept, res->alloc_modified,
		      res->n_modified + 1) < 0)
		return -ENOMEM;
	snprintf(res->modified[res->n_modified], GP_PATH_MAX, "%s", path);
	res->modified_err[res->n_modified] = err;
	res->modified_kept[res->n_modified++] = kept;
	return 0;
}

static void result_add_restored(struct txn *t, const struct gp_journal_file *f)
{
	struct gp_txn_result *res = t->res;

	if (!res || GROW_PAIR(res->restored, res->restored_removed, res->alloc_restored,
			      res->n_restored + 1) < 0)
		return;
	snprintf(res->restored[res->n_restored], GP_PATH_MAX, "%s", f->path);
	res->restored_removed[res->n_restored++] = !f->new.exists;
}

/* The original of a file someone edited goes to kept/<path>, for them to compare. */
static int keep_original(struct txn *t, const struct gp_journal_file *orig)
{
	char path[GP_PATH_MAX], parent[GP_PATH_MAX];
	int r;

	if (gp_path_join(path, sizeof(path), KEPT_DIR, orig->path, (char *)NULL) < 0)
		return -ENAMETOOLONG;
	r = gp_path_parent(path, parent, sizeof(parent));
	if (r >= 0)
		r = txn_mkdir_p(t->p, parent, NULL, NULL, 0);
	if (r >= 0)
		r = gp_path_write_atomic(t->p, path, orig->old.content, orig->old.len, 0600,
					 GP_OWNER_KEEP, 0);
	return r < 0 ? r : 0;
}

/*
 * Someone edited the file since we wrote it, or put something there we
 * cannot put back (@err): keep what was there before us, and say so.
 */
static int left_alone(struct txn *t, const struct gp_journal_file *newest,
		      const struct gp_journal_file *oldest, int err)
{
	int r = 0;

	if (oldest->old.exists)
		r = keep_original(t, oldest);
	if (r < 0)
		return r;
	return t->res ? result_add_modified(t->res, newest->path, oldest->old.exists, err) : 0;
}

/*
 * The file at @path as it is now, for a revert: absent is fine; a symlink
 * (-ELOOP), a directory (-EISDIR), another kind of file (-EINVAL) or one
 * that cannot be read is returned, not failed at: that file alone is left.
 */
static int read_for_revert(struct txn *t, const char *path, struct gp_file_state *cur)
{
	struct stat st;
	int r;

	memset(cur, 0, sizeof(*cur));
	r = gp_path_lstat(t->p, path, &st);
	if (r == 0 && S_ISLNK(st.st_mode))
		return -ELOOP;
	if (r == 0 && S_ISDIR(st.st_mode))
		return -EISDIR;
	if (r == 0 && !S_ISREG(st.st_mode))
		return -EINVAL;
	r = gp_path_read_file(t->p, path, &cur->content, &cur->len, &st);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	cur->exists = 1;
	cur->mode = st.st_mode & 07777;
	cur->uid = st.st_uid;
	cur->gid = st.st_gid;
	return 0;
}

/*
 * For one path: @newest is the record of the last change that wrote it,
 * @oldest the first.  Adds what the revert does to @j.
 */
static int journal_revert_file(struct txn *t, struct gp_journal *j,
			       const struct gp_journal_file *newest,
			       const struct gp_journal_file *oldest)
{
	struct gp_journal_file *f;
	struct gp_file_state cur;
	int r;

	r = read_for_revert(t, newest->path, &cur);
	if (r == -ENOMEM)
		return r;
	if (r < 0)
		return left_alone(t, newest, oldest, r);   /* the others are still reverted */
	if (!txn_same_state(&cur, &newest->new)) {
		/* Edited since we wrote it: not ours to overwrite. */
		free(cur.content);
		return left_alone(t, newest, oldest, 0);
	}
	if (txn_same_state(&cur, &oldest->old) && (!cur.exists || cur.mode == oldest->old.mode)) {
		free(cur.content);
		return 0;       /* already as it was */
	}
	f = gp_journal_add_file(j, newest->path);
	if (!f) {
		free(cur.content);
		return -ENOMEM;
	}
	f->old = cur;           /* the content is taken over */
	if (!oldest->old.exists)
		return 0;
	return txn_copy_state(&f->new, &oldest->old);
}

/* Does an entry newer than @h (hist is newest first) also hold @path? */
static int in_newer_entry(const struct gp_journal *hist, size_t h, const char *path)
{
	size_t g, k;

	for (g = 0; g < h; g++)
		for (k = 0; k < hist[g].n_files; k++)
			if (strcmp(hist[g].files[k].path, path) == 0)
				return 1;
	return 0;
}

/* The record of @f's path in the oldest entry of @hist after @h that holds it, or @f. */
static const struct gp_journal_file *oldest_record(const struct gp_journal *hist, size_t n_hist,
						    size_t h, const struct gp_journal_file *f)
{
	const struct gp_journal_file *oldest = f;
	size_t g, k;

	for (g = h + 1; g < n_hist; g++)
		for (k = 0; k < hist[g].n_files; k++)
			if (strcmp(hist[g].files[k].path, f->path) == 0)
				oldest = &hist[g].files[k];
	return oldest;
}

/* The keep of @path in the oldest entry of @hist from @h on (newest first) that has one. */
static const struct gp_journal_keep *oldest_keep(const struct gp_journal *hist, size_t n_hist,
						 size_t h, const char *path)
{
	const struct gp_journal_keep *oldest = NULL, *k;

	for (; h < n_hist; h++)
		if ((k = gp_journal_find_keep(&hist[h], path)))
			oldest = k;
	return oldest;
}

/*
 * Each file the undone applies' commands rewrote: as it is now (a rollback
 * puts that back) and as it was before the oldest of them (closing puts
 * that back, after the generators ran).  Not when a file was left alone:
 * the generators then build from someone's edit, and what they make stands.
 */
static int journal_revert_keeps(struct txn *t, struct gp_journal *j, const struct gp_journal *hist,
				size_t n_hist)
{
	size_t h, i;
	int r;

	if (t->res && t->res->n_modified)
		return 0;
	for (h = 0; h < n_hist; h++)
		for (i = 0; i < hist[h].n_keeps; i++) {
			const char *path = hist[h].keeps[i].path;
			struct gp_journal_keep *k;
			struct gp_file_state cur;

			if (gp_journal_find_keep(j, path))
				continue;       /* handled with the newer entry */
			r = txn_read_current(t, path, &cur);
			if (r < 0)
				return r;
			k = gp_journal_add_keep(j, path);
			if (!k) {
				free(cur.content);
				return -ENOMEM;
			}
			k->old = cur;   /* the content is taken over */
			k->has_new = 1;
			r = txn_copy_state(&k->new, &oldest_keep(hist, n_hist, h, path)->old);
			if (r < 0)
				return r;
		}
	return 0;
}

/* Build the revert journal from @hist (newest first). */
static int journal_revert(struct txn *t, struct gp_journal *j, const struct gp_journal *hist,
			  size_t n_hist)
{
	size_t h, i, k;
	int r;

	for (h = 0; h < n_hist; h++) {
		for (i = 0; i < hist[h].n_files; i++) {
			const struct gp_journal_file *newest = &hist[h].files[i];

			if (in_newer_entry(hist, h, newest->path))
				continue;       /* handled with the newer entry */
			r = journal_revert_file(t, j, newest, oldest_record(hist, n_hist, h, newest));
			if (r < 0)
				return r;
		}
		/* Directories an apply made go when empty, the newest first. */
		for (k = hist[h].n_mkdirs; k-- > 0;) {
			r = gp_journal_add_dir(&j->rmdirs, &j->n_rmdirs, hist[h].mkdirs[k]);
			if (r < 0)
				return r;
		}
	}
	if (j->n_files == 0)
		return 0;       /* nothing written: /boot needs no rebuild */
	/* What the back ends say for these files now, for every kernel: never the history's. */
	r = txn_derive_cmds(t, j, 0);
	if (r < 0)
		return r;
	return journal_revert_keeps(t, j, hist, n_hist);
}

/*
 * With the lock held: settle an open journal, then list what there is to
 * undo (-ENOENT: nothing).
 */
static int entries_to_undo(struct txn *t, unsigned int **entries, size_t *n)
{
	int what, r = txn_settle_open_journal(t, &what);

	if (r < 0)
		return r;
	r = txn_list_history(t->p, entries, n);
	return r == 0 && *n == 0 ? -ENOENT : r;
}

/* Load the @n_hist newest of @entries into @hist (newest first), named in @j->reverts. */
static int load_history(struct txn *t, const unsigned int *entries, size_t n_entries,
			struct gp_journal *hist, size_t n_hist, struct gp_journal *j)
{
	size_t i;
	int r;

	j->kind = GP_JOURNAL_REVERT;
	j->time = (long long)time(NULL);
	j->reverts = calloc(n_hist, sizeof(*j->reverts));
	if (!j->reverts)
		return -ENOMEM;
	for (i = 0; i < n_hist; i++) {
		char dir[GP_PATH_MAX];
		unsigned int e = entries[n_entries - 1 - i];

		j->reverts[j->n_reverts++] = e;
		r = txn_entry_dir(e, dir, sizeof(dir));
		if (r == 0)
			r = gp_journal_load(t->p, dir, &hist[i]);
		if (r == 0)
			r = txn_journal_check(t, &hist[i], dir);
		if (r < 0) {
			txn_fail_at(t, GP_STEP_JOURNAL, dir);
			return r;
		}
	}
	return 0;
}

/* Did @j end a trial (GP_TRIAL_PATH there before it, gone after): a --confirm? */
static int ends_trial(const struct gp_journal *j)
{
	size_t i;

	for (i = 0; i < j->n_files; i++)
		if (strcmp(j->files[i].path, GP_TRIAL_PATH) == 0)
			return j->files[i].old.exists && !j->files[i].new.exists;
	return 0;
}

/*
 * How many of the newest of @entries one --revert undoes, into *@n_hist:
 * the newest, and with an entry that ended a trial the one before it too
 * (a confirmation alone undone would leave the trial pending again, which
 * nobody asked for: the user undoes the change as a whole).
 */
static int entries_joined(struct txn *t, const unsigned int *entries, size_t n_entries,
			  size_t *n_hist)
{
	struct gp_journal j;
	char dir[GP_PATH_MAX];
	int r, ends;

	*n_hist = 1;
	while (*n_hist < n_entries) {
		r = txn_entry_dir(entries[n_entries - *n_hist], dir, sizeof(dir));
		if (r == 0)
			r = gp_journal_load(t->p, dir, &j);
		if (r < 0) {
			txn_fail_at(t, GP_STEP_JOURNAL, dir);
			return r;
		}
		ends = ends_trial(&j);
		gp_journal_free(&j);
		if (!ends)
			break;
		(*n_hist)++;
	}
	return 0;
}

/* With the lock held: undo the last (or, with @all, every) history entry. */
static int revert_locked(struct txn *t, int all, struct gp_txn_result *res)
{
	struct gp_journal j, *hist = NULL;
	unsigned int *entries = NULL;
	size_t n_entries = 0, n_hist = 0, i;
	int r;

	memset(&j, 0, sizeof(j));
	r = entries_to_undo(t, &entries, &n_entries);
	if (r == 0) {
		n_hist = n_entries;
		if (!all)
			r = entries_joined(t, entries, n_entries, &n_hist);
	}
	if (r == 0) {
		hist = calloc(n_hist, sizeof(*hist));
		r = hist ? load_history(t, entries, n_entries, hist, n_hist, &j) : -ENOMEM;
	}
	if (r == 0) {
		res->n_entries = n_hist;
		r = journal_revert(t, &j, hist, n_hist);
	}
	if (r == 0)
		r = txn_check_space(t, &j);
	if (r == 0)
		r = txn_journal_open(t, &j);
	if (r == 0)
		r = txn_run_journal(t, &j);
	/* Files left alone: the boot files are rebuilt again once they are settled. */
	for (i = 0; r == 0 && res->n_modified && i < j.n_cmds; i++)
		if (j.cmds[i].generator)
			r = txn_by_hand(t, &j.cmds[i]);
	if (r == 0) {
		for (i = 0; i < j.n_files; i++)
			result_add_restored(t, &j.files[i]);
		txn_step(t, GP_STEP_DONE, 1, 1, "");
	}
	for (i = 0; hist && i < n_hist; i++)
		gp_journal_free(&hist[i]);
	free(hist);
	gp_journal_free(&j);
	free(entries);
	return r;
}

/*
 * bind.conf was left alone and still lists functions: the revert did not
 * unconfigure the card, and every image built with it binds.  Say so,
 * where its content from before is, and how to stop it (the same words
 * --status uses for such a file).
 */
static int report_kept_conf(const struct gp_path *p, struct gp_txn_result *res)
{
	char kept[GP_PATH_MAX];
	size_t i;
	int r = 0;

	for (i = 0; i < res->n_modified && r == 0; i++) {
		if (strcmp(res->modified[i], GP_BIND_CONF_PATH) != 0 || gp_image_conf_lists(p) <= 0)
			continue;       /* unreadable: its "left alone" line still names it */
		r = gp_report_add(&res->report, -1, GP_ROLE_SUMMARY, GP_MSG_REVERT_CONF_STILL_BINDS,
				  GP_BIND_CONF_PATH);
		if (r == 0 && res->modified_kept[i] &&
		    gp_txn_kept_path(GP_BIND_CONF_PATH, kept, sizeof(kept)) == 0)
			r = gp_report_add(&res->report, -1, GP_ROLE_DETAIL, GP_MSG_STATUS_CONF_KEPT,
					  kept);
		if (r == 0)
			r = gp_report_add(&res->report, -1, GP_ROLE_FIX,
					  GP_MSG_STATUS_FIX_UNCONFIGURE);
	}
	return r;
}

int gp_txn_revert(const struct gp_path *p, int all, const struct gp_plan_options *opt,
		  const struct gp_txn_ops *ops, void *ctx, struct gp_txn_result *res)
{
	unsigned int *entries = NULL;
	size_t n_entries = 0;
	struct gp_txn_result own;
	struct txn t;
	int r;

	if (!res)
		res = &own;
	memset(res, 0, sizeof(*res));
	res->failed_step = -1;
	r = txn_refuse_read_only(p, res);
	/* Nothing to undo: no lock, and no state directory made where there was none. */
	if (r == 0)
		r = txn_list_history(p, &entries, &n_entries);
	free(entries);
	if (r == 0 && n_entries == 0)
		r = gp_path_exists(p, TXN_DIR) > 0 ? 0 : -ENOENT;
	if (r == 0)
		r = txn_begin(&t, p, ops, ctx, res, opt ? opt->test_crash_at : 0);
	if (r == 0) {
		t.opt = opt;
		r = revert_locked(&t, all, res);
		txn_end(&t);
	}
	if (r == 0 && res->n_modified)
		r = report_kept_conf(p, res) < 0 ? -ENOMEM : -EEXIST;
	if (res == &own)
		gp_txn_result_free(res);
	return r;
}
