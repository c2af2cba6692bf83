/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a killed run leaves besides an open journal (txn_int.h): a lock
 * file whose process is gone, an empty state directory, a temporary file
 * of an atomic write (".NAME.gpupt-PID-N" beside a managed file, NAME its
 * name, PID the writer's).  The next run removes them; a temporary file of
 * a process still alive is left, whoever it is.
 */
#include "txn_int.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gp_path_write.h"
#include "loader.h"

static int alive(long pid)
{
	return pid > 0 && (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* The writer's pid when @name is ".@base.gpupt-PID-N", else 0. */
static long temp_pid(const char *name, const char *base)
{
	size_t n = strlen(base);
	const char *s;
	char *end;
	long pid;

	if (name[0] != '.' || strncmp(name + 1, base, n) != 0 ||
	    strncmp(name + 1 + n, ".gpupt-", 7) != 0)
		return 0;
	s = name + 1 + n + 7;
	pid = strtol(s, &end, 10);
	if (end == s || *end != '-' || !end[1])
		return 0;
	for (s = end + 1; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return pid;
}

/* The temporary files beside @path whose writer is gone: counted, and removed with @rm. */
static size_t clean_beside(const struct gp_path *p, const char *path, int rm)
{
	char dir[GP_PATH_MAX], tmp[GP_PATH_MAX];
	const char *base = strrchr(path, '/') + 1;
	struct dirent *de;
	size_t found = 0;
	long pid;
	DIR *d;

	if (gp_path_parent(path, dir, sizeof(dir)) < 0 || !(d = gp_path_opendir(p, dir)))
		return 0;
	while ((de = readdir(d))) {
		pid = temp_pid(de->d_name, base);
		if (pid <= 0 || alive(pid))
			continue;
		found++;
		if (rm && gp_path_join(tmp, sizeof(tmp), dir, "/", de->d_name, (char *)NULL) >= 0)
			gp_path_unlink(p, tmp);
	}
	closedir(d);
	return found;
}

size_t txn_clean_temps(const struct gp_path *p, int rm)
{
	static const char *const own[] = { GP_BIND_CONF_PATH, GP_MODPROBE_PATH, NULL };
	size_t i, k, n = 0;

	for (i = 0; own[i]; i++)
		n += clean_beside(p, own[i], rm);
	for (i = 0; gp_loaders[i]; i++)
		for (k = 0; gp_loaders[i]->files[k]; k++)
			n += clean_beside(p, gp_loaders[i]->files[k], rm);
	return n;
}

/* Is the state directory empty, or is its lock file a dead run's? */
static int state_leftover(const struct gp_path *p)
{
	char text[32];
	struct dirent *de;
	int empty = 1;
	DIR *d;

	if (gp_path_read(p, LOCK_PATH, text, sizeof(text)) >= 0 && !alive(strtol(text, NULL, 10)))
		return 1;
	d = gp_path_opendir(p, GP_STATE_DIR);
	if (!d)
		return 0;
	while (empty && (de = readdir(d)))
		empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
	closedir(d);
	return empty;
}

void txn_clean_idle(const struct gp_path *p)
{
	struct txn t;

	if (gp_path_exists(p, GP_STATE_DIR) <= 0 && !txn_clean_temps(p, 0))
		return;
	if (!state_leftover(p) && !txn_clean_temps(p, 0))
		return;
	/* Under the lock, as any change: taking it takes a dead run's over. */
	if (txn_begin(&t, p, NULL, NULL, NULL, 0) < 0)
		return;         /* busy, read-only, or not root's own: left as it is */
	txn_clean_temps(p, 1);
	txn_end(&t);            /* removes the state directory when it is empty */
}
