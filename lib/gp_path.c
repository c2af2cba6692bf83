/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "gp_path.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/*
 * struct open_how is kernel ABI; musl ships no <linux/openat2.h>, so the
 * binder could not include it.  The layout is fixed by the syscall.
 */
struct gp_open_how {
	uint64_t flags;
	uint64_t mode;
	uint64_t resolve;
};
#define GP_RESOLVE_IN_ROOT 0x10

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

static int copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		return -ENAMETOOLONG;
	memcpy(dst, src, n + 1);
	return (int)n;
}

int gp_path_init(struct gp_path *p, const char *root)
{
	struct stat st, rst;
	size_t n;
	int fd;

	p->rootfd = -1;
	p->root[0] = '\0';
	if (!root || !*root || strcmp(root, "/") == 0)
		return 0;
	/*
	 * A relative root stays relative: it is opened once here, and the
	 * string form (for libpci, libkmod) is meant for the same cwd.
	 */
	if (copy_str(p->root, sizeof(p->root), root) < 0)
		return -ENAMETOOLONG;
	n = strlen(p->root);
	while (n > 1 && p->root[n - 1] == '/')
		p->root[--n] = '\0';

	fd = open(p->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		int e = -errno;

		p->root[0] = '\0';
		return e;
	}
	/*
	 * "/.", "//" or a bind mount of / are the real root: decided by device
	 * and inode, not by the string, so nothing meant for a scratch root
	 * (test hooks, chrooted commands) applies to the host by a spelling.
	 */
	if (fstat(fd, &st) == 0 && stat("/", &rst) == 0 && st.st_dev == rst.st_dev &&
	    st.st_ino == rst.st_ino) {
		close(fd);
		p->root[0] = '\0';
		return 0;
	}
	p->rootfd = fd;
	return 0;
}

void gp_path_fini(struct gp_path *p)
{
	if (p->rootfd >= 0)
		close(p->rootfd);
	p->rootfd = -1;
	p->root[0] = '\0';
}

int gp_path_is_host(const struct gp_path *p)
{
	return p->rootfd < 0;
}

int gp_path_join(char *buf, size_t size, ...)
{
	va_list ap;
	const char *s;
	size_t len = 0;

	if (!size)
		return -ENAMETOOLONG;
	buf[0] = '\0';
	va_start(ap, size);
	while ((s = va_arg(ap, const char *))) {
		size_t n = strlen(s);

		if (len + n >= size) {
			va_end(ap);
			buf[0] = '\0';
			return -ENAMETOOLONG;
		}
		memcpy(buf + len, s, n);
		len += n;
	}
	va_end(ap);
	buf[len] = '\0';
	return (int)len;
}

int gp_path_abs(const struct gp_path *p, const char *path, char *buf, size_t size)
{
	if (path[0] != '/')
		return -EINVAL;
	return gp_path_join(buf, size, p->root, path, (char *)NULL);
}

/* Paths handed to the *at() calls: relative to the root fd. */
static const char *rel(const char *path)
{
	while (*path == '/')
		path++;
	return *path ? path : ".";
}

static int openat2_missing;

/*
 * openat2 cannot be used: ENOSYS (before 5.6), EPERM (a seccomp filter),
 * E2BIG or EINVAL (a struct open_how or flag this kernel does not know),
 * EAGAIN still after retrying.  The fallback resolver then gives the same
 * answer with plain openat.
 */
static int openat2_unusable(int e)
{
	return e == ENOSYS || e == EPERM || e == E2BIG || e == EINVAL || e == EAGAIN;
}

/*
 * RESOLVE_IN_ROOT fails a ".." with EAGAIN when any rename or mount
 * happened on the system meanwhile (the kernel cannot prove the walk stayed
 * inside), and asks the caller to retry: a busy machine made a sysfs link
 * with ".." unreadable now and then.
 */
static long openat2_retrying(int dfd, const char *path, struct gp_open_how *how)
{
	long fd;
	int tries = 0;

	do
		fd = syscall(SYS_openat2, dfd, path, how, sizeof(*how));
	while (fd < 0 && errno == EAGAIN && ++tries < 8);
	return fd;
}

int gp_path_open(const struct gp_path *p, const char *path, int flags, mode_t mode)
{
	struct gp_open_how how;
	long fd;

	if (path[0] != '/')
		return -EINVAL;
	flags |= O_CLOEXEC;
	if (p->rootfd < 0) {
		fd = open(path, flags, mode);
		return fd < 0 ? -errno : (int)fd;
	}
	memset(&how, 0, sizeof(how));
	how.flags = (uint64_t)flags;
	how.mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0;
	how.resolve = GP_RESOLVE_IN_ROOT;
	if (!openat2_missing) {
		fd = openat2_retrying(p->rootfd, rel(path), &how);
		if (fd >= 0)
			return (int)fd;
		if (!openat2_unusable(errno))
			return -errno;
		/* No kernel grows it back: ask once per process. */
		openat2_missing = errno == ENOSYS;
	}
	/*
	 * Kernels before 5.6, seccomp profiles that refuse openat2 and
	 * valgrind: the same containment, resolved by hand.
	 */
	return gp_path_resolve_open(p->rootfd, rel(path), flags, mode);
}

/* Read all of @fd into @buf (NUL-terminated, one trailing newline off); closes @fd. */
static int read_fd(int fd, char *buf, size_t size)
{
	size_t len = 0;

	if (size < 2) {
		close(fd);
		return -EINVAL;
	}
	for (;;) {
		ssize_t n = read(fd, buf + len, size - len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = -errno;
			close(fd);
			return (int)n;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len == size) {
			close(fd);
			return -EFBIG;
		}
	}
	close(fd);
	if (len && buf[len - 1] == '\n')
		len--;
	buf[len] = '\0';
	return (int)len;
}

int gp_path_read(const struct gp_path *p, const char *path, char *buf, size_t size)
{
	int fd = gp_path_open(p, path, O_RDONLY, 0);

	return fd < 0 ? fd : read_fd(fd, buf, size);
}

/* One component, no "." or "..": what the *_at() calls accept. */
static int is_component(const char *name)
{
	const char *s;

	/* A loop, not strchr(): it keeps strchrnul out of the static binder. */
	for (s = name; *s; s++)
		if (*s == '/')
			return 0;
	return *name && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

int gp_path_open_at(int dfd, const char *name, int flags)
{
	int fd;

	if (dfd < 0)
		return dfd;
	if (!is_component(name))
		return -EINVAL;
	fd = openat(dfd, name, flags | O_NOFOLLOW | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int gp_path_read_at(int dfd, const char *name, char *buf, size_t size)
{
	int fd = gp_path_open_at(dfd, name, O_RDONLY);

	return fd < 0 ? fd : read_fd(fd, buf, size);
}

int gp_path_read_hex(const struct gp_path *p, const char *path, unsigned long *val)
{
	char buf[64];
	const char *s = buf;
	unsigned long v = 0;
	int r;

	r = gp_path_read(p, path, buf, sizeof(buf));
	if (r < 0)
		return r;
	/* By hand, not strtoul(): the static binder must not pull in stdio. */
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -EINVAL;
		if (v > (~0UL >> 4))
			return -ERANGE;
		v = v << 4 | (unsigned long)d;
	}
	*val = v;
	return 0;
}

int gp_path_write(const struct gp_path *p, const char *path, const char *s)
{
	size_t n = strlen(s);
	ssize_t w;
	int fd;

	fd = gp_path_open(p, path, O_WRONLY, 0);
	if (fd < 0)
		return fd;
	do {
		w = write(fd, s, n);
	} while (w < 0 && errno == EINTR);
	if (w < 0) {
		int e = -errno;

		close(fd);
		return e;
	}
	if (close(fd) < 0 && errno != EINTR)
		return -errno;
	return (size_t)w == n ? 0 : -EIO;
}

int gp_path_parent(const char *path, char *buf, size_t size)
{
	const char *slash;
	size_t n;

	if (path[0] != '/')
		return -EINVAL;
	slash = strrchr(path, '/');
	n = (size_t)(slash - path);
	if (n == 0)
		n = 1;          /* the parent of "/x" is "/" */
	if (n >= size)
		return -ENAMETOOLONG;
	memcpy(buf, path, n);
	buf[n] = '\0';
	return (int)n;
}

int gp_path_open_parent(const struct gp_path *p, const char *path, int flags,
			const char **base)
{
	char dir[GP_PATH_MAX];
	int r;

	r = gp_path_parent(path, dir, sizeof(dir));
	if (r < 0)
		return r;
	*base = strrchr(path, '/') + 1;
	if (!is_component(*base))
		return -EINVAL;
	return gp_path_open(p, dir, flags | O_DIRECTORY, 0);
}

int gp_path_readlink(const struct gp_path *p, const char *path, char *buf, size_t size)
{
	const char *base;
	ssize_t n;
	int dfd;

	dfd = gp_path_open_parent(p, path, O_PATH, &base);
	if (dfd < 0)
		return dfd;
	n = readlinkat(dfd, base, buf, size);
	if (n < 0) {
		n = -errno;
		close(dfd);
		return (int)n;
	}
	close(dfd);
	if ((size_t)n >= size)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	return (int)n;
}

int gp_path_link_name_at(int dfd, const char *name, char *buf, size_t size)
{
	char target[GP_PATH_MAX];
	const char *base;
	ssize_t n;

	if (dfd < 0)
		return dfd;
	if (!is_component(name))
		return -EINVAL;
	n = readlinkat(dfd, name, target, sizeof(target));
	if (n < 0)
		return -errno;
	if ((size_t)n >= sizeof(target))
		return -ENAMETOOLONG;
	while (n > 1 && target[n - 1] == '/')
		n--;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (!is_component(base))
		return -EINVAL;
	return copy_str(buf, size, base);
}

int gp_path_link_name(const struct gp_path *p, const char *path, char *buf, size_t size)
{
	const char *base;
	int dfd, r;

	dfd = gp_path_open_parent(p, path, O_PATH, &base);
	if (dfd < 0)
		return dfd;
	r = gp_path_link_name_at(dfd, base, buf, size);
	close(dfd);
	return r;
}

static int stat_at(const struct gp_path *p, const char *path, struct stat *st, int nofollow)
{
	const char *base;
	int dfd, r;

	if (!nofollow) {
		int fd = gp_path_open(p, path, O_PATH, 0);

		if (fd < 0)
			return fd;
		r = fstat(fd, st) < 0 ? -errno : 0;
		close(fd);
		return r;
	}
	dfd = gp_path_open_parent(p, path, O_PATH, &base);
	if (dfd < 0)
		return dfd;
	r = fstatat(dfd, base, st, AT_SYMLINK_NOFOLLOW) < 0 ? -errno : 0;
	close(dfd);
	return r;
}

int gp_path_stat(const struct gp_path *p, const char *path, struct stat *st)
{
	return stat_at(p, path, st, 0);
}

int gp_path_lstat(const struct gp_path *p, const char *path, struct stat *st)
{
	return stat_at(p, path, st, 1);
}

int gp_path_exists(const struct gp_path *p, const char *path)
{
	/* An O_PATH open is the whole test: no stat, nothing read. */
	int fd = gp_path_open(p, path, O_PATH, 0);

	if (fd == -ENOENT || fd == -ENOTDIR)
		return 0;
	if (fd < 0)
		return fd;
	close(fd);
	return 1;
}

DIR *gp_path_opendir(const struct gp_path *p, const char *path)
{
	DIR *d;
	int fd;

	fd = gp_path_open(p, path, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	d = fdopendir(fd);
	if (!d) {
		int e = errno;

		close(fd);
		errno = e;
	}
	return d;
}
