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
 * every step had finished).  A file a command rewrites (gp_command.rewrites,
 * a loader entry) is kept in the journal too, and put back byte for byte
 * after a rollback's generators ran (journal.h: keep records).  Each applied change is kept in a history so
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
#include "report.h"
#include "strset.h"

#include "gp_paths.h"  /* GP_STATE_DIR */

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
	GP_STEP_VERIFY,         /* reading a rebuilt initramfs back (what = its path) */
};

/** Callbacks; any member may be NULL. */
struct gp_txn_ops {
	/* A step starts: @i of @n (1-based), @what a path or a description. */
	void (*step)(void *ctx, enum gp_txn_step step, size_t i, size_t n, const char *what);
	/* Output of a running command, as it comes. */
	void (*output)(void *ctx, const char *buf, size_t len);
	/*
	 * A command starts (GP_STEP_COMMAND or GP_STEP_REGENERATE, right after
	 * step(), whose @what is then the command line): the command itself,
	 * so a front end can show _(cmd->what) with cmd->kver.
	 */
	void (*command)(void *ctx, const struct gp_command *cmd);
};

/** How an apply or a revert ended. */
struct gp_txn_result {
	int failed_step;             /* enum gp_txn_step that failed, or -1 */
	char failed_what[256];       /* the file or command that failed */
	int err;                     /* -errno of that step when known: reading or
					writing the file failed_what, or starting the
					command (-ECHILD then says it failed); else 0 */
	int command_status;          /* wait status of a failed command, or 0 */
	unsigned int command_timeout; /* seconds: the failed command ran past them and its
					 process group was stopped (SIGTERM), or 0 */
	int command_killed;          /* that group outlived SIGTERM: SIGKILL ended it */
	int rolled_back;             /* every file was restored */
	int unrecorded;              /* every step was done (the change is made), but
					closing its journal failed: it stays open in
					GP_STATE_DIR/txn for the next run to finish
					(@report says where and how; failed_step is
					GP_STEP_COMMIT) */
	int rollback_err;            /* 0, or -errno: the rollback itself failed */
	/* revert only: files edited by someone since we wrote them (not touched) */
	char (*modified)[GP_PATH_MAX];
	size_t n_modified;
	size_t alloc_modified;       /* capacity of modified and modified_kept */
	int *modified_kept;          /* [n_modified]: 1 when its content from before
					gpupt-setup is in GP_STATE_DIR/kept/<path> */
	int *modified_err;           /* [n_modified]: 0 edited; -ELOOP now a symlink,
					-EISDIR a directory, -EINVAL another kind of
					file, else the -errno reading it: it cannot be
					put back, so it was not touched */
	/* revert only: files put back as they were, or removed (absent before) */
	char (*restored)[GP_PATH_MAX];
	int *restored_removed;       /* [n_restored] */
	size_t n_restored;
	size_t alloc_restored;       /* capacity of restored and restored_removed */
	size_t n_entries;            /* revert only: history entries undone */
	/*
	 * GP_STEP_VERIFY: after the commands, each rebuilt initramfs is read
	 * back (image_verify.h).  @report holds why one is not as it must be
	 * (FAIL and FIX items; the change is then rolled back, -EBADE);
	 * @bound the kernels whose image was checked to bind at the next boot.
	 */
	struct gp_report report;
	char (*bound)[GP_KVER_MAX];
	size_t n_bound, alloc_bound;
	/*
	 * The commands a person must run by hand, each once, as the
	 * journal holds them (whichever generator and boot loader): those a
	 * rollback ran again that failed (@rollback_err), or, after a revert
	 * that left edited files alone, the ones to run once they are settled.
	 */
	struct gp_strset by_hand;
};

/**
 * gp_txn_apply - apply @plan to the root, journaled.
 * @p: the target root.
 * @plan: a plan that is not refused.
 * @ops: progress callbacks (may be NULL).
 * @ctx: passed to @ops.
 * @res: filled; release with gp_txn_result_free().
 *
 * Returns 0 when every file was written, every command succeeded and
 * every rebuilt initramfs was read back holding gpupt-bind, our boot
 * script and the bind.conf just written (or, for a bind.conf that lists
 * nothing, neither; @res->bound names the kernels that bind); otherwise
 * -errno (-EBUSY: another run holds the lock; -ENOSPC: /boot too full;
 * -ECHILD: a command failed; -EBADE: an image is not as it must be or
 * cannot be read, @res->report says which and why) with everything rolled
 * back, as @res tells.  Also: -EPERM for a refused plan, -ESTALE when a file changed
 * since the plan was built (nothing written), -ELOOP, -EISDIR or -EINVAL when
 * a file a command rewrites (gp_command.rewrites) is a symlink, a directory
 * or not a regular file (nothing written; @res->failed_what names it), -EROFS when the root is
 * read-only or a separate /boot is not mounted (gp_txn_check_mounts()),
 * -EINTR when SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived (they are blocked
 * while the transaction runs, stop the running command's process group at
 * once, and are delivered after the rollback and the release of the lock).
 * Each command is bounded (run.h): past @plan->options.command_timeout_s
 * its group is stopped, -ECHILD with @res->command_timeout set.  A plan that changes no file does nothing: no
 * command, no history entry.
 *
 * Test hook: with a root other than "/", @plan->options.test_crash_at = N
 * (main() reads it from GPUPT_TEST_CRASH_AT) makes the process
 * raise(SIGKILL) at the Nth crash point (1: the journal is open; then after
 * each file written and each command run; last: everything done, the
 * journal not yet closed).  gp_txn_revert() and gp_txn_recover() take the
 * same option from their @opt.
 */
int gp_txn_apply(const struct gp_path *p, const struct gp_plan *plan,
		 const struct gp_txn_ops *ops, void *ctx, struct gp_txn_result *res);

/**
 * gp_txn_recover - finish what a killed run left behind.
 * @p: the target root.
 * @opt: options (the test crash point); may be NULL.
 * @ops: progress callbacks (may be NULL).
 * @ctx: passed to @ops.
 * @what: set to 0 (nothing was open), 1 (rolled back), 2 (completed) or
 *        3 (every step was done, but a rebuilt image is not as the check
 *        after the commands wants it: rolled back, as that run would have).
 *
 * A journal is completed only after its images are checked as
 * gp_txn_apply() checks them; a rollback that ran the generators again
 * checks that the images match the restored files (once: it is not tried
 * again).  To be called before anything else.  Returns 0 or -errno: -EROFS
 * when a journal is open but the root is read-only or /boot is not mounted
 * (gp_txn_check_mounts()), -EBADMSG when the journal is damaged, -EBUSY,
 * -EBADE when after the rollback an image is still not as the restored
 * files say.
 */
int gp_txn_recover(const struct gp_path *p, const struct gp_plan_options *opt,
		   const struct gp_txn_ops *ops, void *ctx, int *what);
/**
 * gp_txn_recover_checked - gp_txn_recover(), and what the image checks
 * found: each image that is not as it must be (FAIL and FIX items, as
 * gp_txn_result.report) is added to @found (may be NULL).
 */
int gp_txn_recover_checked(const struct gp_path *p, const struct gp_plan_options *opt,
			   const struct gp_txn_ops *ops, void *ctx, int *what,
			   struct gp_report *found);

/**
 * gp_txn_recover_report - what gp_txn_recover() returned (@r, @what), as
 * report items: nothing when there was nothing to do, a NOTE when a
 * change was rolled back or completed, a WARN when it was rolled back for
 * its images (@what 3), a FAIL item saying why otherwise.
 * Both front ends render it.  Returns 0 or -ENOMEM.
 */
int gp_txn_recover_report(int r, int what, struct gp_report *out);

/**
 * gp_txn_revert - undo the last applied change, or with @all every change
 * back to the state before gpupt-setup first ran.  @opt: options (the test
 * crash point, as gp_txn_apply()); may be NULL.
 *
 * Files whose content differs from what gpupt-setup wrote, and files that
 * cannot be put back (now a symlink, a directory, unreadable), are left
 * alone and listed in @res->modified (why: @res->modified_err); every other
 * file is still reverted, and the call then returns -EEXIST.  When bind.conf is one of them and still lists functions, the
 * card stays configured: @res->report then says so
 * (GP_MSG_REVERT_CONF_STILL_BINDS with the path, where its content from
 * before is kept, and how to stop it).
 * Returns 0, -ENOENT when there is nothing to revert, or -errno
 * as gp_txn_apply() (-EROFS, -EBUSY, -ENOSPC, -ECHILD, -EBADE with a
 * rollback): the rebuilt images are checked as there, against the
 * restored bind.conf, so an image that still binds after the last change
 * is undone fails the revert.
 * After the generators ran, each file their commands rewrote
 * (gp_command.rewrites) is put back as it was before the oldest change
 * undone, byte for byte, or removed when it did not exist then; not when a
 * file was left alone (what the generators built from it stands).
 * The reverted history entries are removed, also when a file was left
 * alone; when such a file existed before gpupt-setup, its content from
 * then is saved as GP_STATE_DIR/kept/<its path>.  When the history ends up
 * empty, GP_STATE_DIR itself is removed if nothing else is in it.
 */
int gp_txn_revert(const struct gp_path *p, int all, const struct gp_plan_options *opt,
		  const struct gp_txn_ops *ops, void *ctx, struct gp_txn_result *res);

/** What keeps a change from being written (a recovery-mode shell, typically). */
struct gp_txn_mounts {
	int root_ro;          /* /, /etc or /var/lib is mounted read-only */
	int boot_ro;          /* /boot is mounted read-only */
	int boot_unmounted;   /* /etc/fstab has a /boot mount that is not mounted */
};

/**
 * gp_txn_check_mounts - is the root writable, and is /boot there?
 * @p: the target root; its /proc/self/mountinfo and /etc/fstab are read.
 * @out: filled.
 *
 * Returns 0 when everything is writable, -EROFS when @out says what is
 * not, or -errno.  gp_txn_apply() and gp_txn_revert() return -EROFS in the
 * same cases, before changing anything.
 */
int gp_txn_check_mounts(const struct gp_path *p, struct gp_txn_mounts *out);

/**
 * gp_txn_remount - fix what gp_txn_check_mounts() found, on the real root
 * only: `mount -o remount,rw /`, `mount -o remount,rw /boot`, `mount /boot`.
 * Returns 0, -EINVAL for a root other than "/", -ECHILD when mount failed.
 */
int gp_txn_remount(const struct gp_path *p, const struct gp_txn_mounts *m,
		   const struct gp_txn_ops *ops, void *ctx);

/** One applied change in the history (what --status shows). */
struct gp_txn_entry {
	unsigned int number;      /* GP_STATE_DIR/history/NNNN */
	long long time;           /* when it was applied (Unix time) */
	size_t n_files;           /* files it changed */
};

/**
 * gp_txn_history - the applied changes that --revert can undo, oldest first.
 * @p: the target root.
 * @out: receives a malloc'd array (NULL when empty); free() it.
 * @n: receives its length.
 *
 * Returns 0 (also when there is no history), -EBADMSG when an entry is
 * damaged, or -errno.
 */
int gp_txn_history(const struct gp_path *p, struct gp_txn_entry **out, size_t *n);

/** gp_txn_result_free - release what a result holds. */
void gp_txn_result_free(struct gp_txn_result *res);

#endif
