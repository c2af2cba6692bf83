/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lock — keeping two runs of gpupt-setup apart (txn.h).
 *
 * Two locks, each covering what the other cannot: flock(2) on the state
 * directory, which the kernel drops when a run dies, so taking over a
 * stale lock file cannot race with another taker; and a lock file
 * created O_EXCL holding our pid, which a person (or an older version)
 * can see.  A lock file whose pid is dead is taken over.
 */
#ifndef GP_LOCK_H
#define GP_LOCK_H

#include "gp_path.h"

/** A held (or not held) lock; zero it, or use GP_LOCK_INIT. */
struct gp_lock {
	int dir_fd;        /* the state directory, flock'ed; -1 when not open */
	int file_held;     /* the lock file is ours */
};

#define GP_LOCK_INIT { -1, 0 }

/**
 * gp_lock_take - lock directory @dir (which must exist) with lock file
 * @file inside it.
 * @p: the target root.
 * @l: filled; release with gp_lock_release() also on failure.
 *
 * Returns 0, -EBUSY when another live run holds it, or -errno.
 */
int gp_lock_take(const struct gp_path *p, const char *dir, const char *file, struct gp_lock *l);

/**
 * gp_lock_release - remove the lock file (when ours), then remove @dir if
 * it is empty (a root left as before gpupt-setup ran), then drop the flock.
 */
void gp_lock_release(const struct gp_path *p, const char *dir, const char *file,
		     struct gp_lock *l);

#endif
