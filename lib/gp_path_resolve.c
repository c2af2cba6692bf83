/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Path resolution inside a root without openat2: what RESOLVE_IN_ROOT does,
 * by hand, one component at a time.  Used where openat2 is missing (kernels
 * before 5.6, valgrind) or refused (seccomp profiles), so --root means the
 * same wall everywhere.  Like gp_path.c: no stdio, no allocation (the
 * static binder links it), and strchr()-free loops.
 *
 * What openat2 does and this does not: notice a directory being renamed
 * out of the root during the walk (-EAGAIN there).  A --root is a copy or
 * capture gpupt-setup acts on, not a tree someone rearranges meanwhile;
 * every link in it, planted or not, is resolved inside it.
 */
#include "gp_path.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The kernel's own bound (MAXSYMLINKS): a loop ends in -ELOOP, as with openat2. */
#define GP_MAX_LINKS 40

/* Where a walk stands: the directory reached and the path still to resolve. */
struct walk {
	int rootfd;
	struct stat root;          /* to recognise the root when ".." comes */
	int cur;                   /* O_PATH fd of the directory reached */
	char rest[GP_PATH_MAX];    /* relative to cur (or to the root when absolute) */
	unsigned int links;
};

static int open_root(const struct walk *w)
{
	int fd = openat(w->rootfd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

static int is_root(const struct walk *w, int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && st.st_dev == w->root.st_dev &&
	       st.st_ino == w->root.st_ino;
}

/*
 * Make @s the path still to resolve.  A trailing '/' demands a directory:
 * it becomes "/." so the last name is walked as a directory, not opened.
 */
static int set_rest(struct walk *w, const char *s, size_t n)
{
	if (n + 3 > sizeof(w->rest))
		return -ENAMETOOLONG;
	memmove(w->rest, s, n);
	if (n && s[n - 1] == '/')
		w->rest[n++] = '.';
	w->rest[n] = '\0';
	return 0;
}

/*
 * Continue the walk through symlink @lfd: its target, then what followed
 * it (@after, within w->rest).  An absolute target starts again at the root.
 */
static int follow(struct walk *w, int lfd, const char *after)
{
	char buf[GP_PATH_MAX];
	size_t n, k = strlen(after);
	ssize_t len;

	if (++w->links > GP_MAX_LINKS)
		return -ELOOP;
	len = readlinkat(lfd, "", buf, sizeof(buf));
	if (len < 0)
		return -errno;
	if (len == 0)
		return -ENOENT;         /* as the kernel says for an empty link */
	n = (size_t)len;
	if (k && n + 1 + k >= sizeof(buf))
		return -ENAMETOOLONG;
	if (k) {
		buf[n++] = '/';
		memcpy(buf + n, after, k);
		n += k;
	}
	if (buf[0] == '/') {
		int fd = open_root(w);

		if (fd < 0)
			return fd;
		close(w->cur);
		w->cur = fd;
	}
	return set_rest(w, buf, n);
}

/* Step into directory @name of w->cur (not the last name): a link is followed. */
static int step(struct walk *w, const char *name, const char *after)
{
	struct stat st;
	int fd, r;

	if (strcmp(name, ".") == 0)
		return set_rest(w, after, strlen(after));
	if (strcmp(name, "..") == 0 && is_root(w, w->cur))
		return set_rest(w, after, strlen(after));    /* ".." of the root is the root */
	fd = openat(w->cur, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		r = -errno;
	} else if (S_ISLNK(st.st_mode)) {
		r = follow(w, fd, after);
	} else if (!S_ISDIR(st.st_mode)) {
		r = -ENOTDIR;
	} else {
		close(w->cur);
		w->cur = fd;
		return set_rest(w, after, strlen(after));
	}
	close(fd);
	return r;
}

/*
 * Open the last name.  Returns a file descriptor, -errno, or 1 when it was
 * a symlink to follow (w->rest now holds its target).
 */
static int open_last(struct walk *w, const char *name, int flags, mode_t mode)
{
	struct stat st;
	int fd, lfd, r;

	if (strcmp(name, "..") == 0 && is_root(w, w->cur))
		name = ".";
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		fd = openat(w->cur, name, flags, mode);
		return fd < 0 ? -errno : fd;
	}
	lfd = openat(w->cur, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (lfd < 0) {
		if (errno != ENOENT || !(flags & O_CREAT))
			return -errno;
		/* Created here, never through a link that appeared meanwhile. */
		fd = openat(w->cur, name, flags | O_NOFOLLOW, mode);
		return fd < 0 ? -errno : fd;
	}
	if (fstat(lfd, &st) < 0) {
		r = -errno;
		close(lfd);
		return r;
	}
	if (S_ISLNK(st.st_mode) && !(flags & O_NOFOLLOW) &&
	    (flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL)) {
		r = follow(w, lfd, "");
		close(lfd);
		return r < 0 ? r : 1;
	}
	close(lfd);
	/*
	 * Not a link to follow: the kernel decides what opening it means
	 * (-ELOOP for O_NOFOLLOW, -EEXIST for O_EXCL); O_NOFOLLOW is added so
	 * a link put there since the check is not followed either.
	 */
	fd = openat(w->cur, name, flags | O_NOFOLLOW, mode);
	return fd < 0 ? -errno : fd;
}

/* The next name of w->rest into @name; @after points past it and its slashes. */
static int next_name(const struct walk *w, char *name, const char **after)
{
	const char *s = w->rest, *e;

	while (*s == '/')
		s++;
	if (!*s) {
		memcpy(name, ".", 2);   /* "" and "/" name the directory itself */
		*after = s;
		return 0;
	}
	for (e = s; *e && *e != '/'; e++)
		;
	if ((size_t)(e - s) > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(name, s, (size_t)(e - s));
	name[e - s] = '\0';
	while (*e == '/')
		e++;
	*after = e;
	return 0;
}

static int walk(struct walk *w, int flags, mode_t mode)
{
	char name[NAME_MAX + 1];
	const char *after;
	int r;

	for (;;) {
		r = next_name(w, name, &after);
		if (r < 0)
			return r;
		if (*after) {
			r = step(w, name, after);
			if (r < 0)
				return r;
			continue;
		}
		r = open_last(w, name, flags, mode);
		if (r != 1)
			return r;
	}
}

int gp_path_resolve_open(int rootfd, const char *path, int flags, mode_t mode)
{
	struct walk w;
	int r;

	if (fstat(rootfd, &w.root) < 0)
		return -errno;
	w.rootfd = rootfd;
	w.links = 0;
	r = set_rest(&w, path, strlen(path));
	if (r < 0)
		return r;
	w.cur = open_root(&w);
	if (w.cur < 0)
		return w.cur;
	r = walk(&w, flags | O_CLOEXEC, mode);
	close(w.cur);
	return r;
}
