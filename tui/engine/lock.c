/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The O_EXCL lock file and the flock on the state directory; see lock.h. */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include "gp_path_write.h"

static int pid_alive(pid_t pid)
{
	return pid > 0 && pid != getpid() && (kill(pid, 0) == 0 || errno == EPERM);
}

/* Create @file O_EXCL, taking over one whose run died. Returns its fd or -errno. */
static int create_lock_file(const struct gp_path *p, const char *file)
{
	char text[32];
	int fd = -EBUSY, tries, n;

	for (tries = 0; tries < 2; tries++) {
		fd = gp_path_open(p, file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
		if (fd != -EEXIST)
			return fd;
		/* Held by a run that died (kill -9, power loss): take it over. */
		n = gp_path_read(p, file, text, sizeof(text));
		if (n >= 0 && pid_alive((pid_t)strtol(text, NULL, 10)))
			return -EBUSY;
		n = gp_path_unlink(p, file);
		if (n < 0 && n != -ENOENT)
			return n;
	}
	return -EBUSY;
}

static int take_lock_file(const struct gp_path *p, const char *file, struct gp_lock *l)
{
	char text[32];
	int fd, n, e;
	ssize_t w;

	fd = create_lock_file(p, file);
	if (fd < 0)
		return fd;
	n = snprintf(text, sizeof(text), "%ld\n", (long)getpid());
	w = write(fd, text, (size_t)n);
	e = w < 0 ? -errno : (w != n ? -EIO : 0);
	if (!e && fsync(fd) < 0)
		e = -errno;
	close(fd);
	if (e) {
		gp_path_unlink(p, file);
		return e;
	}
	l->file_held = 1;
	return 0;
}

int gp_lock_take(const struct gp_path *p, const char *dir, const char *file, struct gp_lock *l)
{
	l->dir_fd = gp_path_open(p, dir, O_RDONLY | O_DIRECTORY, 0);
	l->file_held = 0;
	if (l->dir_fd < 0) {
		int r = l->dir_fd;

		l->dir_fd = -1;
		return r;
	}
	if (flock(l->dir_fd, LOCK_EX | LOCK_NB) < 0)
		return errno == EWOULDBLOCK ? -EBUSY : -errno;
	return take_lock_file(p, file, l);
}

void gp_lock_release(const struct gp_path *p, const char *dir, const char *file,
		     struct gp_lock *l)
{
	if (l->file_held)
		gp_path_unlink(p, file);
	l->file_held = 0;
	if (l->dir_fd >= 0) {
		/*
		 * With no history left (a rollback, a revert of everything),
		 * the directory goes: the root is as before gpupt-setup ran.
		 * Anything in it (history/, kept/) makes this fail, as it should.
		 */
		gp_path_rmdir(p, dir);
		close(l->dir_fd);     /* releases the flock */
	}
	l->dir_fd = -1;
}
