/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running a journal (its files, then its commands), committing it, rolling
 * it back, and gp_txn_apply(), which builds the journal from a plan.
 */
#include "txn_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gp_path_write.h"
#include "run.h"
#include "txn_open.h"

/* --- running a journal --------------------------------------------------------------- */

/* Make the file at @path as @st says: removed, or written atomically. */
static int write_state(const struct gp_path *p, const char *path, const struct gp_file_state *st)
{
	char parent[GP_PATH_MAX];
	int r;

	if (!st->exists) {
		r = gp_path_unlink(p, path);
		return r == -ENOENT ? 0 : r;
	}
	r = gp_path_parent(path, parent, sizeof(parent));
	if (r >= 0)
		r = txn_mkdir_p(p, parent, NULL, NULL, 0);
	if (r >= 0)
		r = gp_path_write_atomic(p, path, st->content, st->len, st->mode, st->uid, st->gid);
	return r < 0 ? r : 0;
}

/* Same content, and the same mode and owner when @want has them. */
static int as_wanted(const struct gp_file_state *cur, const struct gp_file_state *want)
{
	if (!txn_same_state(cur, want))
		return 0;
	return !want->exists || (cur->mode == want->mode &&
				 (want->uid == GP_OWNER_KEEP ||
				  (cur->uid == want->uid && cur->gid == want->gid)));
}

/*
 * The files the commands rewrite, put back as @j kept them: as they were
 * before it ran (a rollback, after the generators ran again), or with
 * @closing as a revert makes them (the keeps with a new state).  Only
 * what differs is written, so doing it again after a crash is harmless.
 * Returns 0 or the first -errno (every keep is tried).
 */
int txn_put_back_keeps(struct txn *t, const struct gp_journal *j, int closing)
{
	size_t i;
	int r, err = 0;

	for (i = 0; i < j->n_keeps; i++) {
		const struct gp_journal_keep *k = &j->keeps[i];
		const struct gp_file_state *want = closing ? &k->new : &k->old;
		struct gp_file_state cur;
		struct stat st;

		if (closing && !k->has_new)
			continue;
		memset(&cur, 0, sizeof(cur));
		memset(&st, 0, sizeof(st));
		r = gp_path_read_file(t->p, k->path, &cur.content, &cur.len, &st);
		cur.exists = r == 0;
		cur.mode = st.st_mode & 07777;
		cur.uid = st.st_uid;
		cur.gid = st.st_gid;
		/* Unreadable (a symlink put there since): written over, as a file record is. */
		r = r < 0 && r != -ENOENT ? 1 : !as_wanted(&cur, want);
		free(cur.content);
		r = r ? write_state(t->p, k->path, want) : 0;
		if (r < 0 && !err)
			err = r;
	}
	return err;
}

static void report_command(struct txn *t, enum gp_txn_step s, size_t i, size_t n,
			   const struct gp_command *c)
{
	char line[GP_PATH_MAX];

	txn_cmdline(c, line, sizeof(line));
	txn_step(t, s, i, n, line);
	if (t->ops && t->ops->command)
		t->ops->command(t->ctx, c);
}

/* Run the generators again so /boot matches the restored files. */
static int regenerate(struct txn *t, const struct gp_journal *j)
{
	size_t i, n = 0, k = 0;
	int r, err = 0, st;

	for (i = 0; i < j->n_cmds; i++)
		n += j->cmds[i].generator ? 1 : 0;
	for (i = 0; i < j->n_cmds; i++) {
		if (!j->cmds[i].generator)
			continue;
		report_command(t, GP_STEP_REGENERATE, ++k, n, &j->cmds[i]);
		r = gp_run(t->p, &j->cmds[i], t->ops ? t->ops->output : NULL, t->ctx, &st);
		if (r == 0 && (!WIFEXITED(st) || WEXITSTATUS(st) != 0))
			r = -ECHILD;
		if (r < 0 && txn_by_hand(t, &j->cmds[i]) < 0)
			r = -ENOMEM;
		if (r < 0 && !err)
			err = r;
	}
	return err;
}

/*
 * Put every file back as the journal found it, remove the directories an
 * apply created, and regenerate when a command may have run.  On success
 * the journal is removed; when a file cannot be restored it stays open, so
 * the next run tries again.
 */
int txn_rollback(struct txn *t, const struct gp_journal *j, size_t done)
{
	size_t i;
	int r, err = 0;

	for (i = 0; i < j->n_files; i++) {
		const struct gp_journal_file *f = &j->files[i];

		txn_step(t, GP_STEP_ROLLBACK, i + 1, j->n_files, f->path);
		r = write_state(t->p, f->path, &f->old);
		if (r < 0 && !err)
			err = r;
	}
	for (i = j->n_mkdirs; i-- > 0;) {
		r = gp_path_rmdir(t->p, j->mkdirs[i]);
		(void)r;        /* not empty (someone's file) or gone: leave it */
	}
	if (err) {
		if (t->res) {
			t->res->rollback_err = err;
			t->res->rolled_back = 0;
		}
		return err;
	}
	if (t->res)
		t->res->rolled_back = 1;
	if (done >= j->n_files && j->n_cmds) {
		r = regenerate(t, j);
		if (r == 0)
			r = txn_verify_restored(t, j);
		if (r < 0 && t->res)
			t->res->rollback_err = r;
	}
	/* After the generators: what they rewrote goes back byte for byte. */
	r = txn_put_back_keeps(t, j, 0);
	if (r < 0) {
		if (t->res) {
			t->res->rollback_err = r;
			t->res->rolled_back = 0;
		}
		return r;       /* the journal stays open: the next run tries again */
	}
	r = gp_path_rm_flat(t->p, TXN_DIR);
	return r == -ENOENT ? 0 : r;
}

/* Close an open journal whose every step is done. */
int txn_commit(struct txn *t, const struct gp_journal *j)
{
	char dir[GP_PATH_MAX];
	unsigned int *v;
	size_t i, n;
	int r;

	txn_step(t, GP_STEP_COMMIT, 1, 1, TXN_DIR);
	if (j->kind == GP_JOURNAL_APPLY) {
		r = txn_mkdir_p(t->p, HISTORY_DIR, NULL, NULL, 0);
		if (r == 0)
			r = txn_entry_dir(j->entry, dir, sizeof(dir));
		if (r == 0)
			r = gp_path_rename(t->p, TXN_DIR, dir);
		return r;
	}
	/* A revert's generators ran: what they rewrote goes back as before the apply. */
	r = txn_put_back_keeps(t, j, 1);
	if (r < 0)
		return r;       /* still open: completed again by the next run */
	for (i = 0; i < j->n_rmdirs; i++)
		gp_path_rmdir(t->p, j->rmdirs[i]);   /* not empty: someone's files, keep it */
	for (i = 0; i < j->n_reverts; i++) {
		r = txn_entry_dir(j->reverts[i], dir, sizeof(dir));
		if (r == 0)
			r = gp_path_rm_flat(t->p, dir);
		if (r < 0 && r != -ENOENT)
			return r;
	}
	r = gp_path_rm_flat(t->p, TXN_DIR);
	if (r < 0 && r != -ENOENT)
		return r;
	if (txn_list_history(t->p, &v, &n) == 0) {
		free(v);
		if (n == 0)
			gp_path_rmdir(t->p, HISTORY_DIR);
	}
	return 0;
}

/* Open @j: write it to txn.new, then rename that to txn (one atomic step). */
int txn_journal_open(struct txn *t, const struct gp_journal *j)
{
	int r;

	txn_step(t, GP_STEP_JOURNAL, 1, 1, TXN_DIR);
	r = gp_path_rm_flat(t->p, TXN_NEW_DIR);
	if (r < 0 && r != -ENOENT)
		goto out;
	r = gp_path_mkdir(t->p, TXN_NEW_DIR, 0700);
	if (r == 0)
		r = gp_journal_save(t->p, TXN_NEW_DIR, j);
	if (r == 0)
		r = gp_path_rename(t->p, TXN_NEW_DIR, TXN_DIR);
	if (r < 0)
		gp_path_rm_flat(t->p, TXN_NEW_DIR);
out:
	if (r < 0)
		txn_fail_at(t, GP_STEP_JOURNAL, TXN_DIR);
	return r;
}

/*
 * Step @done of the journal is complete: record it, so a killed run knows
 * how far it got.  Returns 0, -EINTR when a held signal asks to stop (the
 * caller names the step), or -errno from the journal.
 */
static int step_done(struct txn *t, size_t *done)
{
	int r;

	txn_crash_point(t);
	(*done)++;
	r = gp_journal_progress_save(t->p, TXN_DIR, *done);
	if (r < 0) {
		txn_fail_at(t, GP_STEP_JOURNAL, TXN_DIR);
		return r;
	}
	return txn_interrupted() ? -EINTR : 0;
}

/*
 * Perform the steps of the open journal @j: the files, the commands, then
 * the check of the images they built.  On failure everything is rolled back.
 */
int txn_run_journal(struct txn *t, const struct gp_journal *j)
{
	struct gp_report own = GP_REPORT_INIT;
	size_t i, done = 0;
	int r = 0, st, in_cmds = 0;

	txn_crash_point(t);
	for (i = 0; i < j->n_files; i++) {
		const struct gp_journal_file *f = &j->files[i];

		if (i == 0) {
			size_t k;

			for (k = 0; k < j->n_mkdirs && r == 0; k++) {
				r = gp_path_mkdir(t->p, j->mkdirs[k], 0755);
				if (r == -EEXIST)
					r = 0;
			}
		}
		txn_step(t, GP_STEP_WRITE, i + 1, j->n_files, f->path);
		if (r == 0)
			r = write_state(t->p, f->path, &f->new);
		if (r < 0) {
			txn_fail_at(t, GP_STEP_WRITE, f->path);
			if (t->res)
				t->res->err = r;
			goto fail;
		}
		r = step_done(t, &done);
		if (r < 0) {
			if (r == -EINTR)
				txn_fail_at(t, GP_STEP_WRITE, f->path);
			goto fail;
		}
	}
	in_cmds = 1;
	for (i = 0; i < j->n_cmds; i++) {
		const struct gp_command *c = &j->cmds[i];
		char line[GP_PATH_MAX];

		report_command(t, GP_STEP_COMMAND, i + 1, j->n_cmds, c);
		r = gp_run(t->p, c, t->ops ? t->ops->output : NULL, t->ctx, &st);
		if (r < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			txn_cmdline(c, line, sizeof(line));
			txn_fail_at(t, GP_STEP_COMMAND, line);
			if (r == 0 && t->res)
				t->res->command_status = st;
			else if (t->res)
				t->res->err = r;        /* it could not be started */
			r = -ECHILD;
			goto fail;
		}
		r = step_done(t, &done);
		if (r < 0) {
			if (r == -EINTR) {
				txn_cmdline(c, line, sizeof(line));
				txn_fail_at(t, GP_STEP_COMMAND, line);
			}
			goto fail;
		}
	}
	r = txn_verify_images(t, j, t->res ? &t->res->report : &own,
			      TXN_VERIFY_BOUND | TXN_VERIFY_NONE_REBUILT | TXN_VERIFY_NAME_FAILED);
	gp_report_free(&own);
	if (r < 0)
		goto fail;
	txn_crash_point(t);
	return txn_commit(t, j);
fail:
	/*
	 * A command that failed may have left /boot half-made: it counts as
	 * started, so the generators run again after the files are restored.
	 */
	txn_rollback(t, j, in_cmds ? j->n_files : done);
	return r;
}

/* --- apply ------------------------------------------------------------------------------- */

static int next_entry(const struct gp_path *p, unsigned int *entry)
{
	unsigned int *v;
	size_t n;
	int r;

	r = txn_list_history(p, &v, &n);
	if (r < 0)
		return r;
	*entry = n ? v[n - 1] + 1 : 1;
	free(v);
	return *entry > MAX_ENTRY ? -EOVERFLOW : 0;
}

static int plan_refused(const struct gp_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->n_guards; i++)
		if (!plan->guards[i].forced)
			return 1;
	return 0;
}

/* The file as the plan found it, and as the plan makes it (content borrowed). */
static void plan_states(const struct gp_file_change *c, struct gp_file_state *was,
			struct gp_file_state *will)
{
	memset(was, 0, sizeof(*was));
	memset(will, 0, sizeof(*will));
	was->exists = c->old_exists;
	was->content = c->old_content;
	was->len = c->old_len;
	will->exists = !c->remove;
	will->content = c->new_content;
	will->len = c->new_len;
}

/* Record one file of the plan in @j (or nothing when it would not change). */
static int journal_plan_file(struct txn *t, struct gp_journal *j, const struct gp_file_change *c)
{
	struct gp_file_state cur, was, will;
	struct gp_journal_file *f;
	char parent[GP_PATH_MAX];
	int r, keep;

	r = txn_read_current(t, c->path, &cur);
	if (r < 0)
		return r;
	plan_states(c, &was, &will);
	if (!txn_same_state(&cur, &was)) {
		free(cur.content);
		txn_fail_at(t, GP_STEP_JOURNAL, c->path);
		if (t->res)
			t->res->err = -ESTALE;
		return -ESTALE;
	}
	/* An unsafe mode or owner is a change even where the content is not. */
	if (txn_same_state(&cur, &will) &&
	    !(cur.exists && gp_file_mode_unsafe(cur.mode, cur.uid, cur.gid))) {
		free(cur.content);
		return 0;
	}
	f = gp_journal_add_file(j, c->path);
	if (!f) {
		free(cur.content);
		return -ENOMEM;
	}
	f->old = cur;           /* the content is taken over */
	if (!will.exists)
		return 0;
	/*
	 * An existing file keeps its mode and owner; a new one is the plan's,
	 * ours, and so is one anyone but root could change (issue 15 item 7:
	 * a user-writable bind.conf decides what is given away at boot).
	 */
	keep = cur.exists && !gp_file_mode_unsafe(cur.mode, cur.uid, cur.gid);
	will.mode = keep ? cur.mode : (c->mode & 07777);
	will.uid = keep ? cur.uid : cur.exists ? geteuid() : GP_OWNER_KEEP;
	will.gid = keep ? cur.gid : cur.exists ? getegid() : (gid_t)-1;
	r = txn_copy_state(&f->new, &will);
	if (r >= 0)
		r = gp_path_parent(c->path, parent, sizeof(parent));
	if (r >= 0)
		r = txn_mkdir_p(t->p, parent, &j->mkdirs, &j->n_mkdirs, 1);
	return r < 0 ? r : 0;
}

/*
 * Keep @path, a file a command rewrites, as it is now (once per path).  A
 * symlink, a directory or anything else that is not a regular file there
 * is refused (-ELOOP, -EISDIR, -EINVAL): a copy could not put it back, and
 * nothing has changed yet.
 */
static int journal_keep(struct txn *t, struct gp_journal *j, const char *path)
{
	struct gp_journal_keep *k;
	struct gp_file_state cur;
	int r;

	if (gp_journal_find_keep(j, path))
		return 0;
	if (path[0] != '/') {
		txn_fail_at(t, GP_STEP_JOURNAL, path);
		return -EINVAL;
	}
	r = txn_read_current(t, path, &cur);
	if (r < 0)
		return r;
	k = gp_journal_add_keep(j, path);
	if (!k) {
		free(cur.content);
		return -ENOMEM;
	}
	k->old = cur;           /* the content is taken over */
	return 0;
}

/* The journal of @plan's changes, into @j; an empty one when nothing would change. */
static int journal_plan(struct txn *t, const struct gp_plan *plan, struct gp_journal *j)
{
	size_t i;
	int r;

	j->kind = GP_JOURNAL_APPLY;
	j->time = (long long)time(NULL);
	r = next_entry(t->p, &j->entry);
	for (i = 0; r == 0 && i < plan->n_files; i++)
		r = journal_plan_file(t, j, &plan->files[i]);
	if (r < 0 || j->n_files == 0)
		return r;
	for (i = 0; r == 0 && i < plan->n_cmds; i++)
		r = gp_journal_add_cmd(j, &plan->cmds[i]);
	for (i = 0; r == 0 && i < plan->n_cmds; i++)
		if (plan->cmds[i].rewrites[0])
			r = journal_keep(t, j, plan->cmds[i].rewrites);
	return r;
}

int txn_settle_open_journal(struct txn *t, int *what)
{
	struct gp_journal j;
	size_t done;
	int r;

	*what = 0;
	r = gp_path_rm_flat(t->p, TXN_NEW_DIR);     /* nothing had changed yet */
	if (r < 0 && r != -ENOENT)
		return r;
	r = gp_path_exists(t->p, TXN_DIR);
	if (r <= 0)
		return r;
	r = gp_journal_load(t->p, TXN_DIR, &j);
	if (r < 0) {
		txn_fail_at(t, GP_STEP_JOURNAL, TXN_DIR);
		return r;
	}
	r = gp_journal_progress_load(t->p, TXN_DIR, &done);
	/* The one rule, also what --status reports (txn_open.h). */
	if (r == 0 && gp_txn_settle_decide(&j, done) == GP_TXN_SETTLE_COMPLETE) {
		/* Completed only when its images are as the run would have checked them. */
		r = txn_verify_completed(t, &j);
		if (r == 0) {
			r = txn_commit(t, &j);
			*what = 2;
		} else if (r == -EBADE) {
			r = txn_rollback(t, &j, done);
			*what = 3;
		}
	} else if (r == 0) {
		r = txn_rollback(t, &j, done);
		*what = 1;
	}
	gp_journal_free(&j);
	return r;
}

int gp_txn_apply(const struct gp_path *p, const struct gp_plan *plan,
		 const struct gp_txn_ops *ops, void *ctx, struct gp_txn_result *res)
{
	struct gp_journal j;
	struct txn t;
	int r, what;

	memset(&j, 0, sizeof(j));
	if (res) {
		memset(res, 0, sizeof(*res));
		res->failed_step = -1;
	}
	if (plan_refused(plan))
		return -EPERM;
	r = txn_refuse_read_only(p, res);
	if (r < 0)
		return r;
	r = txn_begin(&t, p, ops, ctx, res, plan->options.test_crash_at);
	if (r < 0)
		return r;
	t.opt = &plan->options;
	/* gp_txn_recover() should have run; never write over an open journal. */
	r = txn_settle_open_journal(&t, &what);
	if (r == 0)
		r = journal_plan(&t, plan, &j);
	if (r < 0 || j.n_files == 0)
		goto out;       /* failed, or nothing would change */
	r = txn_check_space(&t, &j);
	if (r == 0)
		r = txn_journal_open(&t, &j);
	if (r == 0)
		r = txn_run_journal(&t, &j);
out:
	if (r == 0)
		txn_step(&t, GP_STEP_DONE, 1, 1, "");
	gp_journal_free(&j);
	txn_end(&t);
	return r;
}
