/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bounded — a sysfs write or a program that may never return, run in a
 * child process with a deadline.  Writing to a driver's unbind blocks
 * for as long as the driver's remove() takes, and a driver whose card a
 * process still uses can take forever (driverctl "Killed", the "infinite
 * hang" of runtime unbinding): the caller must get control back, know
 * which process is left, and try nothing further.
 */
#ifndef GP_BOUNDED_H
#define GP_BOUNDED_H

#include <sys/types.h>

#include "gp_path.h"

/* How long a sysfs write or modprobe may take unless told otherwise. */
#define GP_BOUNDED_DEFAULT_MS 10000u

/** What became of a process that did not finish in time. */
struct gp_bounded_late {
	pid_t pid;     /* the child that did not finish */
	int stuck;     /* 1: SIGKILL did not end it either (stuck in the kernel) */
};

/**
 * gp_bounded_write - write @value to the file @path (a sysfs attribute)
 * of root @p, from a child process given @timeout_ms.
 * Returns 0, the write's -errno, -ETIMEDOUT (then @late says which process
 * and whether it could be killed), or -errno of fork().
 */
int gp_bounded_write(const struct gp_path *p, const char *path, const char *value,
		     unsigned int timeout_ms, struct gp_bounded_late *late);

/**
 * gp_bounded_run - run @argv (argv[0] an absolute path; stdin, stdout and
 * stderr on /dev/null) for at most @timeout_ms.
 * Returns 0 with its wait status in *@wstatus (an execve failure is exit
 * status 127), -ETIMEDOUT (it was killed; @late says which), or -errno of
 * fork().
 */
int gp_bounded_run(char *const argv[], unsigned int timeout_ms, int *wstatus,
		   struct gp_bounded_late *late);

#endif
