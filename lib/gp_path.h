/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gp_path — the one place where file names are built.
 *
 * Every file the engine or the binder touches under /sys, /proc, /etc,
 * /boot, /lib/modules, /var/lib or /run is named by its absolute path on
 * the target system ("/sys/bus/pci/devices") and handed to this module,
 * which resolves it inside a root directory.  With a root other than "/",
 * resolution uses openat2(RESOLVE_IN_ROOT), so neither ".." nor an absolute
 * symlink can lead outside the root: tests on a copied fixture cannot touch
 * the host.  Where openat2 is missing or refused (kernels before 5.6,
 * seccomp profiles, valgrind) gp_path_resolve_open() applies the same rule
 * by hand, so every operation below is contained either way.
 *
 * The module uses no stdio and no allocation, so the static boot binder
 * (musl, a few KiB) links it too.  All functions return a non-negative
 * value on success and -errno on failure; none prints or exits.
 */
#ifndef GP_PATH_H
#define GP_PATH_H

#include <dirent.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#define GP_PATH_MAX 4096

/** A root directory that absolute target paths are resolved in. */
struct gp_path {
	int rootfd;                /* directory fd of the root, or -1 for "/" */
	char root[GP_PATH_MAX];    /* "" for "/", else absolute, no trailing '/' */
};

/**
 * gp_path_init - resolve target paths inside @root from now on.
 * @p: the context to fill.
 * @root: a directory; NULL, "" or "/" mean the real root, and so does any
 *        spelling of the same directory ("/.", a bind mount of /: same
 *        device and inode).  A relative @root is taken relative to the
 *        current directory, now and in the string forms gp_path_abs()
 *        returns.
 *
 * Returns 0, or -errno when @root cannot be opened as a directory.
 */
int gp_path_init(struct gp_path *p, const char *root);

/** gp_path_fini - release what gp_path_init() opened. */
void gp_path_fini(struct gp_path *p);

/** gp_path_is_host - 1 when the context is the real root "/", else 0. */
int gp_path_is_host(const struct gp_path *p);

/**
 * gp_path_join - concatenate NUL-terminated pieces into @buf.
 * @buf: destination.
 * @size: size of @buf.
 * @...: strings, terminated by NULL.
 *
 * The pieces are joined as given (callers pass "/" where they want one).
 * Returns the length, or -ENAMETOOLONG.
 */
int gp_path_join(char *buf, size_t size, ...)
	__attribute__((sentinel));

/**
 * gp_path_abs - the host's name for target path @path: root + @path.
 *
 * For interfaces that only take a string (libpci's sysfs.path, libkmod's
 * module directory, chroot(2)).  Returns the length or -ENAMETOOLONG.
 */
int gp_path_abs(const struct gp_path *p, const char *path, char *buf, size_t size);

/**
 * gp_path_open - open(2) of target path @path inside the root.
 * Returns a file descriptor or -errno.
 */
int gp_path_open(const struct gp_path *p, const char *path, int flags, mode_t mode);

/**
 * gp_path_resolve_open - open @path below directory @rootfd as if @rootfd
 * were "/", without openat2: one component at a time, each opened with
 * O_NOFOLLOW, every symlink read and resolved by hand (an absolute target
 * starts again at @rootfd, ".." never climbs above it, more than 40 links
 * give -ELOOP).  A final symlink is followed unless @flags hold O_NOFOLLOW
 * or O_CREAT|O_EXCL; a missing last name is created with O_CREAT, never
 * through a link.  gp_path_open() calls it when openat2 cannot be used.
 * @path is relative to @rootfd (leading '/' ignored); "" is @rootfd itself.
 * Returns a file descriptor (O_CLOEXEC) or -errno.
 */
int gp_path_resolve_open(int rootfd, const char *path, int flags, mode_t mode);

/**
 * gp_path_read - read a small file (a sysfs attribute) into @buf.
 *
 * The result is NUL-terminated and one trailing newline is removed.  A file
 * longer than @size - 1 bytes is an error (-EFBIG), so a caller never acts
 * on a truncated value.  Returns the length or -errno.
 */
int gp_path_read(const struct gp_path *p, const char *path, char *buf, size_t size);

/**
 * gp_path_read_hex - read a file holding one hexadecimal number ("0x10de"
 * or "10de").  Returns 0 and stores the value, -EINVAL when the content is
 * not a number, -ERANGE when it does not fit, or -errno from reading.
 */
int gp_path_read_hex(const struct gp_path *p, const char *path, unsigned long *val);

/**
 * gp_path_write - write @s to @path with a single write(2), as sysfs wants.
 * The file must exist (no O_CREAT).  Returns 0 or -errno.
 */
int gp_path_write(const struct gp_path *p, const char *path, const char *s);

/**
 * gp_path_readlink - the target of symlink @path, NUL-terminated.
 * Returns the length or -errno (-ENAMETOOLONG when @buf is too small).
 */
int gp_path_readlink(const struct gp_path *p, const char *path, char *buf, size_t size);

/**
 * gp_path_link_name - the last component of the target of symlink @path
 * (for sysfs links: "driver" -> ".../drivers/nvidia" gives "nvidia").
 * Returns the length or -errno.
 */
int gp_path_link_name(const struct gp_path *p, const char *path, char *buf, size_t size);

/*
 * Reading many attributes of one directory (a PCI device's) costs one path
 * resolution when the directory is opened with gp_path_open(O_DIRECTORY)
 * and its entries are then read by name.  The *_at() calls take a single
 * component (no '/', "." or "..") and never follow a final symlink, so
 * they cannot leave the directory that gp_path resolved inside the root.
 */

/**
 * gp_path_open_at - open entry @name of directory @dfd (O_NOFOLLOW added).
 * Returns a file descriptor, -EINVAL for a name that is not one
 * component, or -errno (including a negative @dfd passed through).
 */
int gp_path_open_at(int dfd, const char *name, int flags);

/** gp_path_read_at - gp_path_read() of entry @name of directory @dfd. */
int gp_path_read_at(int dfd, const char *name, char *buf, size_t size);

/** gp_path_link_name_at - gp_path_link_name() of entry @name of directory @dfd. */
int gp_path_link_name_at(int dfd, const char *name, char *buf, size_t size);

/**
 * gp_path_parent - the parent of target path @path ("/etc/gpupt" for
 * "/etc/gpupt/bind.conf", "/" for "/x") into @buf.
 * Returns the length, -EINVAL for a relative path, or -ENAMETOOLONG.
 */
int gp_path_parent(const char *path, char *buf, size_t size);

/**
 * gp_path_open_parent - open the parent directory of @path inside the root
 * (with @flags, O_DIRECTORY added: O_PATH for *at() lookups, O_RDONLY when
 * the directory must be fsynced) and point @base at the last component.
 * Returns a file descriptor, -EINVAL when the last component is empty,
 * "." or "..", or -errno.
 */
int gp_path_open_parent(const struct gp_path *p, const char *path, int flags,
			const char **base);

/** gp_path_stat - stat(2) of @path inside the root (follows symlinks). */
int gp_path_stat(const struct gp_path *p, const char *path, struct stat *st);

/** gp_path_lstat - lstat(2) of @path inside the root. */
int gp_path_lstat(const struct gp_path *p, const char *path, struct stat *st);

/** gp_path_exists - 1 when @path exists (after symlinks), 0 when not, or -errno. */
int gp_path_exists(const struct gp_path *p, const char *path);

/**
 * gp_path_opendir - opendir(3) of @path inside the root.
 * Returns NULL with errno set on failure.
 */
DIR *gp_path_opendir(const struct gp_path *p, const char *path);

#endif /* GP_PATH_H */
