/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * txn — applying a plan so that it is either fully made or not at all, and
 * undoing it later.  Modelled on git's lockfile.h.
 *
 * A lock (/var/lib/gpupt/lock, O_EXCL) keeps two runs apart.  Before any
 * file changes, a journal under /var/lib/gpupt/ records every file the
 * plan touches with its previous content (or "absent"), mode, owner and
 * hash, and is fsynced.  Files are written atomically (a temporary file in
 * the same directory, O_EXCL|O_NOFOLLOW, fsync, rename, fsync of the
 * directory).  Then the commands run.  If one fails, every file is restored
 * and the generators run again so /boot matches.  A journal left open by a
 * killed run is found by gp_txn_recover() and rolled back (or completed, if
 * every step had finished).  Each applied change is kept in a history so
 * gp_txn_revert() can undo the last one, or all of them.
 *
 * All functions return 0 or -errno; none prints.  Progress and command
 * output reach the caller through struct gp_txn_ops.
 */
#ifndef GP_TXN_H
#define GP_TXN_H

#include <stddef.h>

#include "gp_path.h"
#include "plan.h"

#define GP_STATE_DIR "/var/lib/gpupt"

/** Steps reported to gp_txn_ops.step. */
enum gp_txn_step {
	GP_STEP_LOCK = 0,
	GP_STEP_JOURNAL,        /* recording the previous state */
	GP_STEP_SPACE,          /* checking /boot free space */
	GP_STEP_WRITE,          /* writing a file (what = its path) */
	GP_STEP_COMMAND,        /* running a command (what = its description) */
	GP_STEP_COMMIT,
	GP_STEP_ROLLBACK,       /* restoring a file (what = its path) */
	GP_STEP_REGENERATE,     /* re-running a generator after a rollback */
	GP_STEP_DONE,
};

/** Callbacks; any member may be NULL. */
struct gp_txn_ops {
	/* A step starts: @i of @n (1-based), @what a path or a description. */
	void (*step)(void *ctx, enum gp_txn_step step, size_t i, size_t n, const char *what);
	/* Output of a running command, as it comes. */
	void (*output)(void *ctx, const char *buf, size_t len);
};

/** How an apply or a revert ended. */
struct gp_txn_result {
	int failed_step;             /* enum gp_txn_step that failed, or -1 */
	char failed_what[256];       /* the file or command that failed */
	int command_status;          /* wait status of a failed command, or 0 */
	int rolled_back;             /* every file was restored */
	int rollback_err;            /* 0, or -errno: the rollback itself failed */
	/* revert only: files edited by someone since we wrote them (not touched) */
	char (*modified)[GP_PATH_MAX];
	size_t n_modified;
};

/**
 * gp_txn_apply - apply @plan to the root, journaled.
 * @p: the target root.
 * @plan: a plan that is not refused.
 * @ops: progress callbacks (may be NULL).
 * @ctx: passed to @ops.
 * @res: filled; release with gp_txn_result_free().
 *
 * Returns 0 when every file was written and every command succeeded;
 * otherwise -errno (-EBUSY: another run holds the lock; -ENOSPC: /boot too
 * full; -ECHILD: a command failed) with everything rolled back, as @res
 * tells.
 */
int gp_txn_apply(const struct gp_path *p, const struct gp_plan *plan,
		 const struct gp_txn_ops *ops, void *ctx, struct gp_txn_result *res);

/**
 * gp_txn_recover - finish what a killed run left behind.
 * @p: the target root.
 * @ops: progress callbacks (may be NULL).
 * @ctx: passed to @ops.
 * @what: set to 0 (nothing was open), 1 (rolled back) or 2 (completed).
 *
 * To be called before anything else.  Returns 0 or -errno.
 */
int gp_txn_recover(const struct gp_path *p, const struct gp_txn_ops *ops, void *ctx,
		   int *what);

/**
 * gp_txn_revert - undo the last applied change, or with @all every change
 * back to the state before gpupt-setup first ran.
 *
 * Files whose content differs from what gpupt-setup wrote are left alone and
 * listed in @res->modified (the call then returns -EEXIST after reverting the
 * others).  Returns 0, -ENOENT when there is nothing to revert, or -errno.
 */
int gp_txn_revert(const struct gp_path *p, int all, const struct gp_txn_ops *ops,
		  void *ctx, struct gp_txn_result *res);

/** gp_txn_result_free - release what a result holds. */
void gp_txn_result_free(struct gp_txn_result *res);

#endif
