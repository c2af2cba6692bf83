/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "gp_path_write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fsync_close(int fd)
{
	int r = 0;

	if (fsync(fd) < 0)
		r = -errno;
	close(fd);
	return r;
}

int gp_path_read_file(const struct gp_path *p, const char *path, char **buf, size_t *len,
		      struct stat *st)
{
	struct stat sb;
	char *b = NULL;
	size_t n = 0, cap = 0;
	int fd, r;

	*buf = NULL;
	*len = 0;
	fd = gp_path_open(p, path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK, 0);
	if (fd < 0)
		return fd;
	if (fstat(fd, &sb) < 0) {
		r = -errno;
		goto fail;
	}
	if (!S_ISREG(sb.st_mode)) {
		r = S_ISDIR(sb.st_mode) ? -EISDIR : -EINVAL;
		goto fail;
	}
	/* The size is a hint: /proc-like files say 0, a growing file says less. */
	cap = (size_t)sb.st_size + 1 > 64 ? (size_t)sb.st_size + 1 : 64;
	b = malloc(cap);
	if (!b) {
		r = -ENOMEM;
		goto fail;
	}
	for (;;) {
		ssize_t got;

		if (n + 1 >= cap) {
			char *nb = realloc(b, cap * 2);

			if (!nb) {
				r = -ENOMEM;
				goto fail;
			}
			b = nb;
			cap *= 2;
		}
		got = read(fd, b + n, cap - n - 1);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			r = -errno;
			goto fail;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	b[n] = '\0';
	close(fd);
	if (st)
		*st = sb;
	*buf = b;
	*len = n;
	return 0;
fail:
	free(b);
	close(fd);
	return r;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *s = buf;

	while (len) {
		ssize_t w = write(fd, s, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		s += w;
		len -= (size_t)w;
	}
	return 0;
}

int gp_path_write_atomic(const struct gp_path *p, const char *path, const void *buf, size_t len,
			 mode_t mode, uid_t uid, gid_t gid)
{
	static unsigned int seq;
	char tmp[NAME_MAX + 1];
	const char *base;
	int dfd, fd = -1, r, tries;

	dfd = gp_path_open_parent(p, path, O_RDONLY, &base);
	if (dfd < 0)
		return dfd;
	/* A hidden name in the same directory, so the rename stays on one file system. */
	for (tries = 0; tries < 100; tries++) {
		if (snprintf(tmp, sizeof(tmp), ".%.200s.gpupt-%ld-%u", base, (long)getpid(),
			     seq++) >= (int)sizeof(tmp)) {
			close(dfd);
			return -ENAMETOOLONG;
		}
		fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		r = -errno;
		close(dfd);
		return r;
	}
	r = write_all(fd, buf, len);
	if (!r && uid != GP_OWNER_KEEP && fchown(fd, uid, gid) < 0)
		r = -errno;
	/* After fchown, which clears set-id bits. */
	if (!r && fchmod(fd, mode & 07777) < 0)
		r = -errno;
	if (!r && fsync(fd) < 0)
		r = -errno;
	if (close(fd) < 0 && !r && errno != EINTR)
		r = -errno;
	if (!r && renameat(dfd, tmp, dfd, base) < 0)
		r = -errno;
	if (r) {
		unlinkat(dfd, tmp, 0);
		close(dfd);
		return r;
	}
	return fsync_close(dfd);
}

int gp_path_mkdir(const struct gp_path *p, const char *path, mode_t mode)
{
	const char *base;
	int dfd, r;

	dfd = gp_path_open_parent(p, path, O_RDONLY, &base);
	if (dfd < 0)
		return dfd;
	if (mkdirat(dfd, base, mode) < 0) {
		r = -errno;
		close(dfd);
		return r;
	}
	return fsync_close(dfd);
}

static int remove_at(const struct gp_path *p, const char *path, int flags)
{
	const char *base;
	int dfd, r;

	dfd = gp_path_open_parent(p, path, O_RDONLY, &base);
	if (dfd < 0)
		return dfd;
	if (unlinkat(dfd, base, flags) < 0) {
		r = -errno;
		close(dfd);
		return r;
	}
	return fsync_close(dfd);
}

int gp_path_unlink(const struct gp_path *p, const char *path)
{
	return remove_at(p, path, 0);
}

int gp_path_rmdir(const struct gp_path *p, const char *path)
{
	return remove_at(p, path, AT_REMOVEDIR);
}

int gp_path_rename(const struct gp_path *p, const char *from, const char *to)
{
	const char *fbase, *tbase;
	int fdfd, tdfd, r;

	fdfd = gp_path_open_parent(p, from, O_RDONLY, &fbase);
	if (fdfd < 0)
		return fdfd;
	tdfd = gp_path_open_parent(p, to, O_RDONLY, &tbase);
	if (tdfd < 0) {
		close(fdfd);
		return tdfd;
	}
	r = renameat(fdfd, fbase, tdfd, tbase) < 0 ? -errno : 0;
	if (!r) {
		if (fsync(tdfd) < 0)
			r = -errno;
		if (fsync(fdfd) < 0 && !r)
			r = -errno;
	}
	close(tdfd);
	close(fdfd);
	return r;
}

int gp_path_rm_flat(const struct gp_path *p, const char *path)
{
	struct dirent *de;
	DIR *d;
	int fd, r = 0;

	fd = gp_path_open(p, path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0);
	if (fd < 0)
		return fd;
	d = fdopendir(fd);
	if (!d) {
		r = -errno;
		close(fd);
		return r;
	}
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), de->d_name, 0) < 0 && errno != ENOENT) {
			r = -errno;
			break;
		}
	}
	closedir(d);
	if (r)
		return r;
	return gp_path_rmdir(p, path);
}
