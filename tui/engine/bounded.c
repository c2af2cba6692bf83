/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A child per step, and a deadline: see bounded.h.
 */
#include "bounded.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TICK_MS 5u
/* After SIGKILL: a process in an interruptible sleep is gone at once. */
#define KILL_GRACE_MS 1000u

extern char **environ;

/* Reap @pid within @ms: 0 with *@status, -ETIMEDOUT, or -errno. */
static int reap_within(pid_t pid, unsigned int ms, int *status)
{
	const struct timespec tick = { 0, (long)TICK_MS * 1000000L };
	unsigned int waited;

	for (waited = 0;; waited += TICK_MS) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR)
			return -errno;
		if (waited >= ms)
			return -ETIMEDOUT;
		nanosleep(&tick, NULL);
	}
}

/* Wait for @pid; past the deadline kill it and say what was left. */
static int finish(pid_t pid, unsigned int timeout_ms, int *status, struct gp_bounded_late *late)
{
	int r = reap_within(pid, timeout_ms, status);

	if (r != -ETIMEDOUT)
		return r;
	kill(pid, SIGKILL);
	if (late) {
		late->pid = pid;
		late->stuck = reap_within(pid, KILL_GRACE_MS, status) < 0;
	}
	return -ETIMEDOUT;
}

/*
 * fork() (with @late cleared), the front end's stdio buffers flushed first: a child would
 * hold a copy, and one whose end runs the C library's handlers (under
 * valgrind it does) would write it a second time.
 */
static pid_t fork_clean(struct gp_bounded_late *late)
{
	if (late)
		memset(late, 0, sizeof(*late));
	fflush(NULL);
	return fork();
}

static void quiet_stdio(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
}

int gp_bounded_write(const struct gp_path *p, const char *path, const char *value,
		     unsigned int timeout_ms, struct gp_bounded_late *late)
{
	int status, r;
	pid_t pid;

	pid = fork_clean(late);
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		r = gp_path_write(p, path, value);
		/*
		 * The errno travels as the exit status (every errno fits);
		 * _Exit runs no atexit handler of the parent's.
		 */
		_Exit(r < 0 ? (-r & 0xff) : 0);
	}
	r = finish(pid, timeout_ms, &status, late);
	if (r < 0)
		return r;
	if (!WIFEXITED(status))
		return -EINTR;
	return -WEXITSTATUS(status);
}

int gp_bounded_run(char *const argv[], unsigned int timeout_ms, int *wstatus,
		   struct gp_bounded_late *late)
{
	pid_t pid;

	pid = fork_clean(late);
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		quiet_stdio();
		execve(argv[0], argv, environ);
		_Exit(127);
	}
	return finish(pid, timeout_ms, wstatus, late);
}
