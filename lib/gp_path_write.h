/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gp_path_write — changing files on the target, for the transaction.
 *
 * The counterpart of gp_path.h for writes that must survive a crash:
 * every call resolves the parent directory inside the root (gp_path_open,
 * O_DIRECTORY) and then works on the last component with the *at() calls,
 * so nothing outside the root is touched.  Whatever changes a directory
 * (a rename, a new or removed entry) is followed by an fsync of that
 * directory.  Engine only (allocates); the static binder does not link it.
 * All functions return 0 (or a length) or -errno.
 */
#ifndef GP_PATH_WRITE_H
#define GP_PATH_WRITE_H

#include <stddef.h>
#include <sys/types.h>

#include "gp_path.h"

/** Owner value meaning "keep what the new file was created with". */
#define GP_OWNER_KEEP ((uid_t)-1)

/**
 * gp_path_read_file - read a whole regular file into a new buffer.
 * @p: the root.
 * @path: target path; a final symlink is refused (-ELOOP).
 * @buf: receives a malloc'd buffer (NUL-terminated, not counted), or NULL.
 * @len: receives its length.
 * @st: if not NULL, receives the file's fstat().
 *
 * Returns 0, -ENOENT when the file does not exist, -EISDIR/-EINVAL for
 * something that is not a regular file, or -errno.
 */
int gp_path_read_file(const struct gp_path *p, const char *path, char **buf, size_t *len,
		      struct stat *st);

/**
 * gp_path_write_atomic - replace @path with @len bytes of @buf, atomically.
 * @p: the root.
 * @path: target path; its parent directory must exist.
 * @buf: the content.
 * @len: its length.
 * @mode: permission bits of the file.
 * @uid: owner to give it, or GP_OWNER_KEEP (the writer's own).
 * @gid: group to give it (used with @uid).
 *
 * A temporary file in the same directory (O_CREAT|O_EXCL|O_NOFOLLOW) is
 * written, chmod'ed, chown'ed and fsynced, then renamed over @path, and the
 * directory is fsynced: a reader (or a crash) sees the old file or the new
 * one, never a mix.  The temporary file is removed on failure.
 */
int gp_path_write_atomic(const struct gp_path *p, const char *path, const void *buf, size_t len,
			 mode_t mode, uid_t uid, gid_t gid);

/** gp_path_mkdir - mkdir(2) of @path, then fsync of its parent. -EEXIST if it exists. */
int gp_path_mkdir(const struct gp_path *p, const char *path, mode_t mode);

/** gp_path_unlink - unlink(2) of @path (not a directory), then fsync of its parent. */
int gp_path_unlink(const struct gp_path *p, const char *path);

/** gp_path_rmdir - rmdir(2) of an empty directory @path, then fsync of its parent. */
int gp_path_rmdir(const struct gp_path *p, const char *path);

/**
 * gp_path_rename - rename(2) of @from to @to (both target paths), then
 * fsync of both parent directories.
 */
int gp_path_rename(const struct gp_path *p, const char *from, const char *to);

/**
 * gp_path_rm_flat - remove directory @path and the files in it (one level:
 * a subdirectory makes it fail with -ENOTEMPTY).  -ENOENT when absent.
 */
int gp_path_rm_flat(const struct gp_path *p, const char *path);


#endif /* GP_PATH_WRITE_H */
