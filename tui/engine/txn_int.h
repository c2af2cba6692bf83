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
	const struct gp_plan_options *opt;  /* the image readers (NULL: the root's own) */
	long crash_at;          /* test hook (0: off) */
	long crash_count;
};

/* txn.c: the pieces every kind of transaction uses. */
void txn_step(struct txn *t, enum gp_txn_step s, size_t i, size_t n, const char *what);
void txn_fail_at(struct txn *t, enum gp_txn_step s, const char *what);
void txn_crash_point(struct txn *t);
int txn_interrupted(void);
void txn_cmdline(const struct gp_command *c, char *buf, size_t size);
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

/* txn_recover.c: with the lock held, settle txn.new and txn (*what as gp_txn_recover()). */
int txn_settle_open_journal(struct txn *t, int *what);

#endif
