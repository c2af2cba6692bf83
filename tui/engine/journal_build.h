/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * journal_build — what a journal is (struct gp_journal and its records, see
 * journal.h for the file format) and building one in memory: the records
 * a transaction adds, and releasing them.  Saving and loading the file is
 * journal.h's; this half needs no file, so the builders include only this.
 */
#ifndef GP_JOURNAL_BUILD_H
#define GP_JOURNAL_BUILD_H

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

#endif
