/* SPDX-License-Identifier: GPL-2.0-or-later */
/* txn_open: an open journal read as it is, and how the next run settles it (txn_open.h). */
#include "txn_open.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "txn_int.h"

enum gp_txn_settle gp_txn_settle_decide(const struct gp_journal *j, size_t done)
{
	return done >= j->n_files + j->n_cmds ? GP_TXN_SETTLE_COMPLETE : GP_TXN_SETTLE_ROLL_BACK;
}

int gp_txn_open_read(const struct gp_path *p, struct gp_txn_open *out)
{
	int r;

	memset(out, 0, sizeof(*out));
	r = gp_path_exists(p, TXN_DIR);
	if (r == -EACCES || r == -EPERM) {
		/* The state directory is root's alone (0700): only root can tell. */
		out->settle = GP_TXN_SETTLE_UNKNOWN;
		out->err = r;
		return 0;
	}
	if (r <= 0) {
		/* A journal still being written: nothing had changed yet. */
		if (gp_path_exists(p, TXN_NEW_DIR) > 0)
			out->settle = GP_TXN_SETTLE_DISCARD;
		return 0;
	}
	r = gp_journal_load(p, TXN_DIR, &out->journal);
	if (r == 0)
		r = gp_journal_progress_load(p, TXN_DIR, &out->done);
	if (r == -ENOMEM) {
		gp_journal_free(&out->journal);
		return r;
	}
	if (r < 0) {
		/* gp_txn_recover() fails the same way: -EBADMSG or the read's -errno, */
		gp_journal_free(&out->journal);
		/* unless only this user may not read it (journals are 0600). */
		out->settle = r == -EACCES || r == -EPERM ? GP_TXN_SETTLE_UNKNOWN
							  : GP_TXN_SETTLE_DAMAGED;
		out->err = r;
		return 0;
	}
	out->steps = out->journal.n_files + out->journal.n_cmds;
	out->settle = gp_txn_settle_decide(&out->journal, out->done);
	return 0;
}

const char *gp_txn_open_dir(void)
{
	return TXN_DIR;
}

const char *gp_txn_open_new_dir(void)
{
	return TXN_NEW_DIR;
}

int gp_txn_kept_path(const char *path, char *buf, size_t size)
{
	return gp_path_join(buf, size, KEPT_DIR, path, (char *)NULL) < 0 ? -ENAMETOOLONG : 0;
}

void gp_txn_open_free(struct gp_txn_open *o)
{
	gp_journal_free(&o->journal);
	memset(o, 0, sizeof(*o));
}

const struct gp_file_state *gp_txn_open_settled(const struct gp_txn_open *o, const char *path)
{
	size_t i;

	if (o->settle != GP_TXN_SETTLE_ROLL_BACK && o->settle != GP_TXN_SETTLE_COMPLETE)
		return NULL;
	for (i = 0; i < o->journal.n_files; i++) {
		const struct gp_journal_file *f = &o->journal.files[i];

		if (strcmp(f->path, path) == 0)
			return o->settle == GP_TXN_SETTLE_ROLL_BACK ? &f->old : &f->new;
	}
	return NULL;
}

static int same_content(const struct gp_file_state *s, int exists, const char *content,
			size_t len)
{
	if (!s->exists || !exists)
		return !s->exists && !exists;
	return s->len == len && (len == 0 || memcmp(s->content, content, len) == 0);
}

int gp_txn_file_origin(const struct gp_path *p, const char *path, int exists,
		       const char *content, size_t len, enum gp_txn_file_origin *origin)
{
	unsigned int *nums;
	size_t n, i, k;
	int r, found = 0;

	*origin = GP_TXN_FILE_NOT_RECORDED;
	r = txn_list_history(p, &nums, &n);
	if (r < 0)
		return r;
	/* The newest entry that touched the file says what gpupt-setup last wrote there. */
	for (i = n; i-- > 0 && !found && r == 0;) {
		char dir[GP_PATH_MAX];
		struct gp_journal j;

		r = txn_entry_dir(nums[i], dir, sizeof(dir));
		if (r == 0)
			r = gp_journal_load(p, dir, &j);
		if (r < 0)
			break;
		for (k = 0; k < j.n_files && !found; k++) {
			if (strcmp(j.files[k].path, path) != 0)
				continue;
			found = 1;
			*origin = same_content(&j.files[k].new, exists, content, len)
					  ? GP_TXN_FILE_WRITTEN
					  : GP_TXN_FILE_EDITED;
		}
		gp_journal_free(&j);
	}
	free(nums);
	return r;
}
