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
 *                 mkdir PATH           a directory the apply creates
 *                 rmdir PATH           a directory the revert removes when empty
 *                 file PATH            then its "old" and "new" lines:
 *                 old absent | old MODE UID GID LENGTH fnv1a64=HASH
 *                 new absent | new MODE UID|- GID|- LENGTH fnv1a64=HASH
 *                 keep PATH            a file a command rewrites (gp_command
 *                                      .rewrites), then its "old" line and,
 *                                      in a revert journal, its "new" line
 *                 cmd GENERATOR IN_ROOT KVER WHAT ARGV...
 *   old.N, new.N  the whole previous content and the content written for
 *               the Nth file (0-based), when present
 *   keep.N, keepnew.N  the same for the Nth keep record (0-based among them)
 *   progress    "N": the first N steps are done (steps: the files in
 *               order, then the commands)
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
#include "plan.h"

enum gp_journal_kind {
	GP_JOURNAL_APPLY = 0,
	GP_JOURNAL_REVERT,
};

/**
 * struct gp_file_state - one file as it is (or was, or will be) on disk:
 * absent, or its whole content with its mode and owner.
 */
struct gp_file_state {
	int exists;
	char *content;            /* owned; NULL when absent */
	size_t len;
	mode_t mode;              /* permission bits (07777) */
	uid_t uid;                /* GP_OWNER_KEEP: as created (a new file) */
	gid_t gid;
};

/** One file: what it was before, what the transaction makes it. */
struct gp_journal_file {
	char path[GP_PATH_MAX];
	struct gp_file_state old;
	struct gp_file_state new;
};

/**
 * struct gp_journal_keep - a file a command rewrites: as it was before the
 * journal ran (a rollback puts it back), and, when @has_new, as closing
 * the journal makes it (a revert: as it was before the apply it undoes).
 */
struct gp_journal_keep {
	char path[GP_PATH_MAX];
	struct gp_file_state old;
	int has_new;
	struct gp_file_state new;
};

/** A transaction; every pointer is owned (gp_journal_free). */
struct gp_journal {
	enum gp_journal_kind kind;
	unsigned int entry;
	long long time;
	unsigned int *reverts;
	size_t n_reverts;
	char (*mkdirs)[GP_PATH_MAX];
	size_t n_mkdirs;
	char (*rmdirs)[GP_PATH_MAX];
	size_t n_rmdirs;
	struct gp_journal_file *files;
	size_t n_files, alloc_files;
	struct gp_journal_keep *keeps;
	size_t n_keeps, alloc_keeps;
	struct gp_command *cmds;  /* argv and what are malloc'd copies (rewrites: "") */
	size_t n_cmds, alloc_cmds;
};

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

/** gp_journal_free - release what @j holds and zero it. */
void gp_journal_free(struct gp_journal *j);

/** gp_journal_add_file - append a zeroed file record; NULL on ENOMEM. */
struct gp_journal_file *gp_journal_add_file(struct gp_journal *j, const char *path);

/**
 * gp_journal_add_keep - append a zeroed keep record for @path (absolute);
 * NULL on ENOMEM or a path too long.  The caller checks that it is not
 * there yet (gp_journal_find_keep()).
 */
struct gp_journal_keep *gp_journal_add_keep(struct gp_journal *j, const char *path);

/** gp_journal_find_keep - the keep record of @path in @j, or NULL. */
const struct gp_journal_keep *gp_journal_find_keep(const struct gp_journal *j, const char *path);

/** gp_journal_add_dir - append @path to @list (mkdirs or rmdirs). Returns 0 or -ENOMEM. */
int gp_journal_add_dir(char (**list)[GP_PATH_MAX], size_t *n, const char *path);

/**
 * gp_journal_add_cmd - append a copy of @cmd unless an identical argv is
 * already there.  Returns 0 or -ENOMEM.
 */
int gp_journal_add_cmd(struct gp_journal *j, const struct gp_command *cmd);

/** gp_journal_progress_save - record that the first @done steps are done (atomic). */
int gp_journal_progress_save(const struct gp_path *p, const char *dir, size_t done);

/** gp_journal_progress_load - how many steps are done (0 when never recorded). */
int gp_journal_progress_load(const struct gp_path *p, const char *dir, size_t *done);

#endif
