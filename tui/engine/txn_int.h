/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * txn_int — what the transaction's files (txn.c, txn_apply.c,
 * txn_recover.c, txn_revert.c) share; not for anyone else.
 *
 * Layout under GP_STATE_DIR:
 *   lock           our pid (lock.h)
 *   txn.new/       a journal being written: nothing has changed yet, so a
 *                  leftover one is simply removed
 *   txn/           the open journal: files may have changed
 *   history/NNNN/  closed journals of applied changes, for --revert
 *   kept/PATH      the content from before gpupt-setup of a file that a
 *                  revert left alone because someone had edited it
 */
#ifndef GP_TXN_INT_H
#define GP_TXN_INT_H

#include <signal.h>
#include <sys/stat.h>

#include "journal.h"
#include "lock.h"
#include "txn.h"

#define TXN_DIR     GP_STATE_DIR "/txn"
#define TXN_NEW_DIR GP_STATE_DIR "/txn.new"
#define HISTORY_DIR GP_STATE_DIR "/history"
#define KEPT_DIR    GP_STATE_DIR "/kept"
#define LOCK_PATH   GP_STATE_DIR "/lock"

#define MAX_ENTRY 999999

/** One running transaction (apply, recover or revert). */
struct txn {
	const struct gp_path *p;
	const struct gp_txn_ops *ops;
	void *ctx;
	struct gp_txn_result *res;
	struct gp_lock lock;
	sigset_t old_mask;
	const struct gp_plan_options *opt;  /* the image readers (NULL: the root's own), the
					       commands' deadline */
	long crash_at;          /* test hook (0: off) */
	long crash_count;
};

/* txn.c: the pieces every kind of transaction uses. */
void txn_step(struct txn *t, enum gp_txn_step s, size_t i, size_t n, const char *what);
void txn_fail_at(struct txn *t, enum gp_txn_step s, const char *what);
void txn_crash_point(struct txn *t);
int txn_interrupted(void);
void txn_cmdline(const struct gp_command *c, char *buf, size_t size);
/* txn_by_hand - add @c to the result's commands to run by hand.  0 or -ENOMEM. */
int txn_by_hand(struct txn *t, const struct gp_command *c);
int txn_mkdir_p(const struct gp_path *p, const char *path, char (**made)[GP_PATH_MAX],
		size_t *n_made, int dry);
int txn_entry_dir(unsigned int n, char *buf, size_t size);
int txn_list_history(const struct gp_path *p, unsigned int **out, size_t *n);
int txn_begin(struct txn *t, const struct gp_path *p, const struct gp_txn_ops *ops, void *ctx,
	      struct gp_txn_result *res, long crash_at);
void txn_end(struct txn *t);
int txn_refuse_read_only(const struct gp_path *p, struct gp_txn_result *res);
int txn_check_space(struct txn *t, const struct gp_journal *j);
int txn_same_state(const struct gp_file_state *a, const struct gp_file_state *b);
int txn_read_current(struct txn *t, const char *path, struct gp_file_state *cur);
int txn_copy_state(struct gp_file_state *dst, const struct gp_file_state *src);

/* txn_apply.c: running an open journal. */
int txn_journal_open(struct txn *t, const struct gp_journal *j);
int txn_run_journal(struct txn *t, const struct gp_journal *j);
int txn_commit(struct txn *t, const struct gp_journal *j);
int txn_rollback(struct txn *t, const struct gp_journal *j, size_t done);
int txn_put_back_keeps(struct txn *t, const struct gp_journal *j, int closing);

/* txn_verify.c: reading back the images a journal's commands rebuilt (image_verify.h). */
#define TXN_VERIFY_BOUND        1u  /* record the kernels that bind in res->bound */
#define TXN_VERIFY_NONE_REBUILT 2u  /* a bind.conf that lists something needs an image */
#define TXN_VERIFY_NAME_FAILED  4u  /* the first wrong image is res->failed_what */
/*
 * txn_verify_images - check every image @j's commands rebuilt, all of
 * them, so @rep names each that is wrong (FAIL and FIX items), against the
 * bind.conf now on disk.  Returns 0, -EBADE when one is not as it must be
 * or cannot be read, or -ENOMEM.
 */
int txn_verify_images(struct txn *t, const struct gp_journal *j, struct gp_report *rep,
		      unsigned int flags);
/*
 * txn_verify_restored - after a rollback ran the generators again: do the
 * images match the restored files?  When not, res->report gets
 * GP_MSG_IMAGE_AFTER_ROLLBACK and what each image lacks; nothing is run
 * again (it would build the same).  Returns 0, -EBADE or -ENOMEM.
 */
int txn_verify_restored(struct txn *t, const struct gp_journal *j);
/*
 * txn_verify_completed - a killed run's journal had done every step: check
 * its images as the run would have (txn_verify_images(), the same rule);
 * what is wrong goes to res->report.  Returns 0, -EBADE or -ENOMEM.
 */
int txn_verify_completed(struct txn *t, const struct gp_journal *j);
/* Move every item of @from to the end of @to (on -ENOMEM they stay in @from). */
int txn_report_move(struct gp_report *to, struct gp_report *from);

/*
 * txn_group.c: the process group of the command running now, recorded in
 * the open journal (TXN_DIR/group).  txn_group_record() is a
 * gp_run_limits.started, @ctx the struct txn: 0 or -errno.
 * txn_group_stop_left() stops a recorded group that is still alive (a
 * killed run's) and removes the record: 1 when one was stopped (a note in
 * res->report), 0 when none, or -errno.
 */
int txn_group_record(void *ctx, pid_t pgid);
void txn_group_forget(struct txn *t);
int txn_group_stop_left(struct txn *t);

/* txn_trust.c: what is trusted of the state found (see there). */
/* txn_state_dir_make - GP_STATE_DIR and its parents, itself 0700.  0 or -errno. */
int txn_state_dir_make(struct txn *t);
/*
 * txn_state_dir_check - GP_STATE_DIR is a directory (not a symlink), owned
 * by root (or the user running), not writable by group or others; or
 * absent.  Returns 0, or -ENOTRECOVERABLE with the reason and the fix in
 * res->report.
 */
int txn_state_dir_check(struct txn *t);
/* txn_managed_file - 1 when @path is a file gpupt-setup writes (gp_paths.h, the loaders'). */
int txn_managed_file(const char *path);
/*
 * txn_journal_check - may @j, loaded from @dir, be acted on?  Its file
 * records must name managed files, its mkdir and rmdir records their
 * parents, its keep records files the back ends' commands rewrite on this
 * root.  Returns 0, or -ENOTRECOVERABLE with the record and the fix in
 * res->report (failed_what: the journal), or -ENOMEM.
 */
int txn_journal_check(struct txn *t, const struct gp_journal *j, const char *dir);
/*
 * txn_derive_cmds - replace @j's commands by those the back ends say for
 * its files on the root as it is now (gp_plan_regenerate()); with
 * @recorded_only, only the kernels @j has a command for (what its run
 * rebuilt).  The cmd lines a journal holds are for people only.
 * Returns 0 or -errno.
 */
int txn_derive_cmds(struct txn *t, struct gp_journal *j, int recorded_only);

/* txn_clean.c: what a killed run leaves besides a journal (see there). */
/* txn_clean_temps - count (and with @rm remove) dead writers' temporary files beside ours. */
size_t txn_clean_temps(const struct gp_path *p, int rm);
/*
 * txn_clean_idle - with no journal open: a dead run's lock file, an empty
 * state directory and dead writers' temporary files go, under the lock
 * (nothing is done when it cannot be taken).
 */
void txn_clean_idle(const struct gp_path *p);

/* txn_apply.c: with the lock held, settle txn.new and txn (*what as gp_txn_recover()). */
int txn_settle_open_journal(struct txn *t, int *what);

#endif
