/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * journal — the on-disk record of one transaction (txn.h).
 *
 * A journal is a directory under /var/lib/gpupt: the open one is "txn",
 * closed ones are "history/NNNN".  It holds:
 *
 *   journal     a text file, one record per line, fields separated by one
 *               space, each field %XX-escaped (bytes other than
 *               [A-Za-z0-9._/:=+,@-]; "%" alone is the empty string):
 *                 gpupt-journal 1
 *                 kind apply|revert
 *                 entry N              apply: the history entry it becomes
 *                 time SECONDS         when it was opened (Unix time)
 *                 reverts N...         revert: the history entries it undoes
 *                                      (32 a line at most; further lines add)
 *                 mkdir PATH           a directory the apply creates
 *                 rmdir PATH           a directory the revert removes when empty
 *                 file PATH            then its "old" and "new" lines:
 *                 old absent | old MODE UID GID LENGTH fnv1a64=HASH
 *                 new absent | new MODE UID|- GID|- LENGTH fnv1a64=HASH
 *                 keep PATH            a file a command rewrites (gp_command
 *                                      .rewrites), then its "old" line and,
 *                                      in a revert journal, its "new" line
 *                 cmd GENERATOR IN_ROOT KVER WHAT ARGV...  what ran, for
 *                                      people: a revert or a recovery runs
 *                                      what the back ends say (txn_trust.c)
 *   old.N, new.N  the whole previous content and the content written for
 *               the Nth file (0-based), when present
 *   keep.N, keepnew.N  the same for the Nth keep record (0-based among them)
 *   progress    "N": the first N steps are done (steps: the files in
 *               order, then the commands)
 *   group       "PGID START BOOT_ID" while a command runs: its process
 *               group (txn_group.c), so that the next run can stop it
 *
 * A keep record is what lets a command's output be undone exactly: the
 * commands rewrite the file (kernel-install a loader entry) however they
 * like, and after the generators ran again on a rollback the file is put
 * back as "old" says; a revert closing puts it back as "new" says (the
 * state before the apply it undoes).  The kept paths are a list of their
 * own, not tied to a command: a path is kept once however many commands
 * rewrite it.  A keep's "old" line must follow it; a second old or new
 * line for one record, or a path kept twice, is malformed.
 *
 * Every file is written atomically and fsynced.  Decisions compare whole
 * contents byte by byte; the FNV-1a hash only detects a damaged copy on
 * loading and is shown to people (it is not collision resistant, and
 * nothing relies on it being so).
 */
#ifndef GP_JOURNAL_H
#define GP_JOURNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "gp_path.h"
#include "journal_build.h"

/** gp_journal_fnv1a64 - FNV-1a 64 of @len bytes of @buf. */
uint64_t gp_journal_fnv1a64(const void *buf, size_t len);

/**
 * gp_journal_save - write @j into directory @dir (a target path, which
 * must exist).  Returns 0 or -errno.
 */
int gp_journal_save(const struct gp_path *p, const char *dir, const struct gp_journal *j);

/**
 * gp_journal_load - read the journal in directory @dir into @j (zeroed
 * first).  Returns 0, -ENOENT when @dir holds none, -EBADMSG for a
 * malformed or damaged journal, or -errno.
 */
int gp_journal_load(const struct gp_path *p, const char *dir, struct gp_journal *j);

/** gp_journal_progress_save - record that the first @done steps are done (atomic). */
int gp_journal_progress_save(const struct gp_path *p, const char *dir, size_t done);

/** gp_journal_progress_load - how many steps are done (0 when never recorded). */
int gp_journal_progress_load(const struct gp_path *p, const char *dir, size_t *done);

#endif
