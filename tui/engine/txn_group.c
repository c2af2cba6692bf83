/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The process group of the command a transaction runs, recorded in the
 * open journal (TXN_DIR/group) while it runs, so that the run after a
 * kill -9 of both gpupt-setup and its supervisor (run.h) can stop what is
 * left of it before it rolls back: a generator still writing /boot while
 * the rollback rebuilds the same image would undo the rollback.
 *
 * The record is "PGID START BOOT_ID": the group leader's start time
 * (/proc/PID/stat, field 22) and the kernel's boot id.  A group id is
 * only ever reused once every process of the group is gone, so a live
 * group of that id is ours unless the boot changed or its leader is a
 * process that started at another time; then it is left alone.
 */
#include "txn_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gp_path_write.h"
#include "run.h"

#define GROUP_PATH TXN_DIR "/group"

/* The host's /proc (the processes are the host's, whatever the root): at most @size - 1 bytes. */
static int read_proc(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -EIO;
	buf[n] = '\0';
	return 0;
}

/*
 * Field @field (3 or more) of /proc/PID/stat of @pid into @buf, or -errno;
 * fields are counted after the command name in parentheses (which may hold
 * anything).
 */
static int stat_field(pid_t pid, int field, char *buf, size_t size)
{
	char path[64], stat[1024], *s;
	int i;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	if (read_proc(path, stat, sizeof(stat)) < 0)
		return -ESRCH;
	s = strrchr(stat, ')');
	for (i = 2; s && i < field; i++)
		s = strchr(s + 1, ' ');
	if (!s)
		return -EINVAL;
	snprintf(buf, size, "%.*s", (int)strcspn(s + 1, " "), s + 1);
	return 0;
}

/* The start time of process @pid (clock ticks since boot), or 0 when it is gone. */
static unsigned long long start_time(pid_t pid)
{
	char f[32];

	return stat_field(pid, 22, f, sizeof(f)) == 0 ? strtoull(f, NULL, 10) : 0;
}

/*
 * Does group @pgid have a process that is not a zombie?  kill(-pgid, 0)
 * would count zombies, which nobody may reap once their parent is gone too.
 */
static int group_alive(pid_t pgid)
{
	char state[8], grp[32];
	struct dirent *d;
	DIR *dir;
	int alive = 0;

	if (kill(-pgid, 0) < 0 && errno != EPERM)
		return 0;
	dir = opendir("/proc");
	if (!dir)
		return 1;       /* cannot tell: as kill() says */
	while (!alive && (d = readdir(dir))) {
		pid_t pid = (pid_t)strtol(d->d_name, NULL, 10);

		if (pid <= 0 || stat_field(pid, 5, grp, sizeof(grp)) < 0 ||
		    strtol(grp, NULL, 10) != (long)pgid)
			continue;
		alive = stat_field(pid, 3, state, sizeof(state)) == 0 && state[0] != 'Z' &&
			state[0] != 'X';
	}
	closedir(dir);
	return alive;
}

/* The kernel's boot id (a UUID), "-" when unknown. */
static void boot_id(char *buf, size_t size)
{
	if (read_proc("/proc/sys/kernel/random/boot_id", buf, size) < 0 || !buf[0]) {
		snprintf(buf, size, "-");
		return;
	}
	buf[strcspn(buf, "\n")] = '\0';
}

int txn_group_record(void *ctx, pid_t pgid)
{
	struct txn *t = ctx;
	char text[128], boot[64];
	int n;

	boot_id(boot, sizeof(boot));
	n = snprintf(text, sizeof(text), "%ld %llu %s\n", (long)pgid, start_time(pgid), boot);
	if (n < 0 || (size_t)n >= sizeof(text))
		return -EOVERFLOW;
	return gp_path_write_atomic(t->p, GROUP_PATH, text, (size_t)n, 0600, GP_OWNER_KEEP, 0);
}

void txn_group_forget(struct txn *t)
{
	gp_path_unlink(t->p, GROUP_PATH);
}

/* Is the group of the record @text alive, and ours?  Its id, or 0. */
static pid_t recorded_group(const char *text)
{
	char boot[64], rec_boot[64];
	unsigned long long start, now;
	long pgid;

	if (sscanf(text, "%ld %llu %63s", &pgid, &start, rec_boot) != 3 || pgid <= 1)
		return 0;
	boot_id(boot, sizeof(boot));
	if (strcmp(boot, "-") == 0 || strcmp(boot, rec_boot) != 0)
		return 0;       /* another boot: the id is someone else's now */
	if (!group_alive((pid_t)pgid))
		return 0;
	now = start_time((pid_t)pgid);
	if (now && now != start)
		return 0;       /* a new process of that id leads it */
	return (pid_t)pgid;
}

/* SIGTERM, then SIGKILL after GP_RUN_GRACE_S; wait a little for the group to empty. */
static void stop_group(pid_t pgid)
{
	const struct timespec tick = { 0, 50 * 1000000L };
	unsigned int i, n = (GP_RUN_GRACE_S + 2) * 20;

	kill(-pgid, SIGTERM);
	kill(-pgid, SIGCONT);
	for (i = 0; i < n && group_alive(pgid); i++) {
		if (i == GP_RUN_GRACE_S * 20)
			kill(-pgid, SIGKILL);
		nanosleep(&tick, NULL);
	}
}

int txn_group_stop_left(struct txn *t)
{
	char text[128];
	pid_t pgid;
	int n;

	n = gp_path_read(t->p, GROUP_PATH, text, sizeof(text));
	if (n < 0)
		return n == -ENOENT ? 0 : n;
	pgid = recorded_group(text);
	if (pgid > 0) {
		stop_group(pgid);
		if (t->res && gp_report_add(&t->res->report, -1, GP_ROLE_NOTE,
					    GP_MSG_RECOVER_STOPPED_GROUP, (int)pgid) < 0)
			return -ENOMEM;
	}
	txn_group_forget(t);
	return pgid > 0;
}
