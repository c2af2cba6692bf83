/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The transaction: lock, journal, atomic writes, commands, rollback,
 * history and revert.  See txn.h for the contract and journal.h for what
 * is on disk.
 *
 * Layout under GP_STATE_DIR:
 *   lock           our pid; created O_EXCL.  Two runs are also kept apart by
 *                  flock(2) on the directory, so taking over a stale lock
 *                  (its pid is dead) cannot race with another taker.
 *   txn.new/       a journal being written: nothing has changed yet, so a
 *                  leftover one is simply removed
 *   txn/           the open journal: files may have changed
 *   history/NNNN/  closed journals of applied changes, for --revert
 *   kept/PATH      the content from before gpupt-setup of a file that a
 *                  revert left alone because someone had edited it
 *
 * Ordering is what makes a crash safe: the journal (with full copies of
 * the previous contents) is fsynced and renamed into place before the
 * first file changes; progress is recorded after each step; closing is
 * one rename (apply) or the removal of the reverted entries (revert),
 * both repeatable.  Rolling back is idempotent, so a crash during a
 * rollback is rolled back again by the next run.
 */
#include "txn.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gp_path_stdio.h"
#include "gp_path_write.h"
#include "journal.h"
#include "mountinfo.h"
#include "run.h"

#define TXN_DIR     GP_STATE_DIR "/txn"
#define TXN_NEW_DIR GP_STATE_DIR "/txn.new"
#define HISTORY_DIR GP_STATE_DIR "/history"
#define KEPT_DIR    GP_STATE_DIR "/kept"
#define LOCK_PATH   GP_STATE_DIR "/lock"

#define MAX_ENTRY 999999

struct txn {
	const struct gp_path *p;
	const struct gp_txn_ops *ops;
	void *ctx;
	struct gp_txn_result *res;
	int state_fd;           /* GP_STATE_DIR, flock'ed */
	int locked;             /* LOCK_PATH is ours */
	sigset_t old_mask;
	long crash_at;          /* test hook (0: off) */
	long crash_count;
};

/* --- small helpers ---------------------------------------------------------------- */

static void step(struct txn *t, enum gp_txn_step s, size_t i, size_t n, const char *what)
{
	if (t->ops && t->ops->step)
		t->ops->step(t->ctx, s, i, n, what ? what : "");
}

/* Copy @src, cut to fit: failed_what is for people, a long path may be shortened. */
static void copy_cut(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void fail_at(struct txn *t, enum gp_txn_step s, const char *what)
{
	if (!t->res || t->res->failed_step >= 0)
		return;
	t->res->failed_step = (int)s;
	copy_cut(t->res->failed_what, sizeof(t->res->failed_what), what ? what : "");
}

static void crash_point(struct txn *t)
{
	if (t->crash_at > 0 && ++t->crash_count == t->crash_at)
		raise(SIGKILL);
}

static const int held_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static int interrupted(void)
{
	sigset_t pending;
	size_t i;

	if (sigpending(&pending) < 0)
		return 0;
	for (i = 0; i < sizeof(held_signals) / sizeof(held_signals[0]); i++)
		if (sigismember(&pending, held_signals[i]) == 1)
			return 1;
	return 0;
}

static void cmdline(const struct gp_command *c, char *buf, size_t size)
{
	size_t len = 0, i;

	buf[0] = '\0';
	for (i = 0; c->argv[i]; i++) {
		int n = snprintf(buf + len, size - len, "%s%s", i ? " " : "", c->argv[i]);

		if (n < 0 || (size_t)n >= size - len)
			return;
		len += (size_t)n;
	}
}

/* Create @path and its missing parents (0755); with @made, record those created. */
static int mkdir_p(const struct gp_path *p, const char *path, char (**made)[GP_PATH_MAX],
		   size_t *n_made, int dry)
{
	char buf[GP_PATH_MAX];
	size_t len = strlen(path), i;
	int r;

	if (path[0] != '/' || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, path, len + 1);
	for (i = 1; i <= len; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		r = gp_path_exists(p, buf);
		if (r < 0)
			return r;
		if (r == 0) {
			if (!dry) {
				r = gp_path_mkdir(p, buf, 0755);
				if (r < 0 && r != -EEXIST)
					return r;
			}
			if (made) {
				r = gp_journal_add_dir(made, n_made, buf);
				if (r < 0)
					return r;
			}
		}
		if (i < len)
			buf[i] = '/';
	}
	return 0;
}

static int entry_dir(unsigned int n, char *buf, size_t size)
{
	int r = snprintf(buf, size, "%s/%04u", HISTORY_DIR, n);

	return r < 0 || (size_t)r >= size ? -ENAMETOOLONG : 0;
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

/* The history entries, oldest first. */
static int list_history(const struct gp_path *p, unsigned int **out, size_t *n)
{
	struct dirent *de;
	unsigned int *v = NULL;
	size_t cnt = 0;
	DIR *d;

	*out = NULL;
	*n = 0;
	d = gp_path_opendir(p, HISTORY_DIR);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		unsigned long val = 0;
		const char *s;
		unsigned int *nv;

		for (s = de->d_name; *s >= '0' && *s <= '9' && val <= MAX_ENTRY; s++)
			val = val * 10 + (unsigned long)(*s - '0');
		if (*s || s == de->d_name || val > MAX_ENTRY)
			continue;
		nv = realloc(v, (cnt + 1) * sizeof(*v));
		if (!nv) {
			free(v);
			closedir(d);
			return -ENOMEM;
		}
		v = nv;
		v[cnt++] = (unsigned int)val;
	}
	closedir(d);
	if (cnt)
		qsort(v, cnt, sizeof(*v), cmp_uint);
	*out = v;
	*n = cnt;
	return 0;
}

/* --- lock ------------------------------------------------------------------------------ */

static int pid_alive(pid_t pid)
{
	return pid > 0 && pid != getpid() && (kill(pid, 0) == 0 || errno == EPERM);
}

static int take_lock_file(struct txn *t)
{
	char text[32];
	int fd, tries, n, e;
	ssize_t w;

	for (tries = 0; tries < 2; tries++) {
		fd = gp_path_open(t->p, LOCK_PATH, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
		if (fd >= 0)
			break;
		if (fd != -EEXIST)
			return fd;
		/* Held by a run that died (kill -9, power loss): take it over. */
		n = gp_path_read(t->p, LOCK_PATH, text, sizeof(text));
		if (n >= 0 && pid_alive((pid_t)strtol(text, NULL, 10)))
			return -EBUSY;
		n = gp_path_unlink(t->p, LOCK_PATH);
		if (n < 0 && n != -ENOENT)
			return n;
	}
	if (fd < 0)
		return -EBUSY;
	n = snprintf(text, sizeof(text), "%ld\n", (long)getpid());
	w = write(fd, text, (size_t)n);
	e = w < 0 ? -errno : (w != n ? -EIO : 0);
	if (!e && fsync(fd) < 0)
		e = -errno;
	if (e) {
		close(fd);
		gp_path_unlink(t->p, LOCK_PATH);
		return e;
	}
	close(fd);
	t->locked = 1;
	return 0;
}

static void txn_end(struct txn *t)
{
	if (t->locked)
		gp_path_unlink(t->p, LOCK_PATH);
	t->locked = 0;
	if (t->state_fd >= 0) {
		/*
		 * With no history left (a rollback, a revert of everything),
		 * the directory goes: the root is as before gpupt-setup ran.
		 * Anything in it (history/, kept/) makes this fail, as it should.
		 */
		gp_path_rmdir(t->p, GP_STATE_DIR);
		close(t->state_fd);     /* releases the flock */
	}
	t->state_fd = -1;
	/* A signal that arrived meanwhile is delivered now, with the lock released. */
	sigprocmask(SIG_SETMASK, &t->old_mask, NULL);
}

static int txn_begin(struct txn *t, const struct gp_path *p, const struct gp_txn_ops *ops,
		     void *ctx, struct gp_txn_result *res)
{
	const char *crash = getenv("GPUPT_TEST_CRASH_AT");
	sigset_t block;
	size_t i;
	int r;

	memset(t, 0, sizeof(*t));
	t->p = p;
	t->ops = ops;
	t->ctx = ctx;
	t->res = res;
	t->state_fd = -1;
	if (crash && *crash && !gp_path_is_host(p))
		t->crash_at = strtol(crash, NULL, 10);
	if (res) {
		memset(res, 0, sizeof(*res));
		res->failed_step = -1;
	}
	/*
	 * Ctrl-C or a TERM must not stop us between two steps: the signals
	 * wait until the transaction is closed or rolled back (run.c
	 * unblocks them in the commands, which a Ctrl-C therefore stops:
	 * that failure rolls back).
	 */
	sigemptyset(&block);
	for (i = 0; i < sizeof(held_signals) / sizeof(held_signals[0]); i++)
		sigaddset(&block, held_signals[i]);
	sigprocmask(SIG_BLOCK, &block, &t->old_mask);

	step(t, GP_STEP_LOCK, 1, 1, LOCK_PATH);
	r = mkdir_p(p, GP_STATE_DIR, NULL, NULL, 0);
	if (r == 0) {
		t->state_fd = gp_path_open(p, GP_STATE_DIR, O_RDONLY | O_DIRECTORY, 0);
		r = t->state_fd < 0 ? t->state_fd : 0;
	}
	if (r == 0 && flock(t->state_fd, LOCK_EX | LOCK_NB) < 0)
		r = errno == EWOULDBLOCK ? -EBUSY : -errno;
	if (r == 0)
		r = take_lock_file(t);
	if (r < 0) {
		fail_at(t, GP_STEP_LOCK, LOCK_PATH);
		txn_end(t);
	}
	return r;
}

/* --- mounts ---------------------------------------------------------------------------- */

static int dir_read_only(const struct gp_path *p, const char *dir)
{
	struct statvfs sv;
	int fd, ro = 0;

	fd = gp_path_open(p, dir, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return 0;
	if (fstatvfs(fd, &sv) == 0)
		ro = (sv.f_flag & ST_RDONLY) != 0;
	close(fd);
	return ro;
}

/* Does /etc/fstab mount something at /boot? */
static int fstab_has_boot(const struct gp_path *p)
{
	char *line = NULL;
	size_t cap = 0;
	int found = 0;
	FILE *f;

	if (gp_path_fopen_read(p, "/etc/fstab", &f) < 0)
		return 0;
	while (getline(&line, &cap, f) > 0) {
		char dev[512], dir[512];

		if (sscanf(line, " %511s %511s", dev, dir) != 2 || dev[0] == '#')
			continue;
		if (strcmp(dir, "/boot") == 0 || strcmp(dir, "/boot/") == 0)
			found = 1;
	}
	free(line);
	fclose(f);
	return found;
}

int gp_txn_check_mounts(const struct gp_path *p, struct gp_txn_mounts *out)
{
	struct gp_mount m;
	int r;

	memset(out, 0, sizeof(*out));
	out->root_ro = dir_read_only(p, "/") || dir_read_only(p, "/etc") ||
		       dir_read_only(p, "/var/lib");
	r = gp_mountinfo_find(p, "/boot", 1, &m);
	if (r == 0)
		out->boot_ro = dir_read_only(p, "/boot");
	else if (r == -ENOENT && fstab_has_boot(p))
		out->boot_unmounted = 1;
	return out->root_ro || out->boot_ro || out->boot_unmounted ? -EROFS : 0;
}

int gp_txn_remount(const struct gp_path *p, const struct gp_txn_mounts *m,
		   const struct gp_txn_ops *ops, void *ctx)
{
	static char *remount_root[] = { "/bin/mount", "-o", "remount,rw", "/", NULL };
	static char *remount_boot[] = { "/bin/mount", "-o", "remount,rw", "/boot", NULL };
	static char *mount_boot[] = { "/bin/mount", "/boot", NULL };
	struct gp_command c;
	char line[256];
	int i, r, st;

	if (!gp_path_is_host(p))
		return -EINVAL;
	for (i = 0; i < 3; i++) {
		memset(&c, 0, sizeof(c));
		if (i == 0 && m->root_ro)
			c.argv = remount_root;
		else if (i == 1 && m->boot_ro)
			c.argv = remount_boot;
		else if (i == 2 && m->boot_unmounted)
			c.argv = mount_boot;
		else
			continue;
		c.what = "mount";
		cmdline(&c, line, sizeof(line));
		if (ops && ops->step)
			ops->step(ctx, GP_STEP_COMMAND, (size_t)i + 1, 3, line);
		r = gp_run(p, &c, ops ? ops->output : NULL, ctx, &st);
		if (r < 0)
			return r;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			return -ECHILD;
	}
	return 0;
}

/* --- /boot space ----------------------------------------------------------------------- */

/*
 * update-initramfs builds the new image next to the old one and renames
 * it, one kernel at a time: the peak need is the largest image, plus a
 * quarter for the modules the change adds.
 */
static int check_space(struct txn *t, const struct gp_journal *j)
{
	unsigned long long need = 0, avail;
	struct statvfs sv;
	size_t i;
	int fd, r;

	for (i = 0; i < j->n_cmds; i++) {
		char initrd[GP_PATH_MAX];
		struct stat st;

		if (!j->cmds[i].generator || !j->cmds[i].kver[0])
			continue;
		if (snprintf(initrd, sizeof(initrd), "/boot/initrd.img-%s", j->cmds[i].kver) >=
		    (int)sizeof(initrd))
			continue;
		if (gp_path_stat(t->p, initrd, &st) == 0 && (unsigned long long)st.st_size > need)
			need = (unsigned long long)st.st_size;
	}
	if (!need)
		return 0;
	step(t, GP_STEP_SPACE, 1, 1, "/boot");
	need += need / 4;
	fd = gp_path_open(t->p, "/boot", O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return 0;       /* no /boot: the generators will say */
	r = fstatvfs(fd, &sv);
	close(fd);
	if (r < 0)
		return 0;
	avail = (unsigned long long)sv.f_bavail * sv.f_frsize;
	if (avail < need) {
		fail_at(t, GP_STEP_SPACE, "/boot");
		return -ENOSPC;
	}
	return 0;
}

/* --- running a journal --------------------------------------------------------------- */

static int write_state(const struct gp_path *p, const char *path, int exists, const char *content,
		       size_t len, mode_t mode, uid_t uid, gid_t gid)
{
	char parent[GP_PATH_MAX];
	int r;

	if (!exists) {
		r = gp_path_unlink(p, path);
		return r == -ENOENT ? 0 : r;
	}
	r = gp_path_parent(path, parent, sizeof(parent));
	if (r >= 0)
		r = mkdir_p(p, parent, NULL, NULL, 0);
	if (r >= 0)
		r = gp_path_write_atomic(p, path, content, len, mode, uid, gid);
	return r < 0 ? r : 0;
}

static void report_command(struct txn *t, enum gp_txn_step s, size_t i, size_t n,
			   const struct gp_command *c)
{
	char line[GP_PATH_MAX];

	cmdline(c, line, sizeof(line));
	step(t, s, i, n, line);
	if (t->ops && t->ops->command)
		t->ops->command(t->ctx, c);
}

/* Run the generators again so /boot matches the restored files. */
static int regenerate(struct txn *t, const struct gp_journal *j)
{
	size_t i, n = 0, k = 0;
	int r, err = 0, st;

	for (i = 0; i < j->n_cmds; i++)
		n += j->cmds[i].generator ? 1 : 0;
	for (i = 0; i < j->n_cmds; i++) {
		if (!j->cmds[i].generator)
			continue;
		report_command(t, GP_STEP_REGENERATE, ++k, n, &j->cmds[i]);
		r = gp_run(t->p, &j->cmds[i], t->ops ? t->ops->output : NULL, t->ctx, &st);
		if (r == 0 && (!WIFEXITED(st) || WEXITSTATUS(st) != 0))
			r = -ECHILD;
		if (r < 0 && !err)
			err = r;
	}
	return err;
}

/*
 * Put every file back as the journal found it, remove the directories an
 * apply created, and regenerate when a command may have run.  On success
 * the journal is removed; when a file cannot be restored it stays open, so
 * the next run tries again.
 */
static int rollback(struct txn *t, const struct gp_journal *j, size_t done)
{
	size_t i;
	int r, err = 0;

	for (i = 0; i < j->n_files; i++) {
		const struct gp_journal_file *f = &j->files[i];

		step(t, GP_STEP_ROLLBACK, i + 1, j->n_files, f->path);
		r = write_state(t->p, f->path, f->old_exists, f->old_content, f->old_len,
				f->old_mode, f->old_uid, f->old_gid);
		if (r < 0 && !err)
			err = r;
	}
	for (i = j->n_mkdirs; i-- > 0;) {
		r = gp_path_rmdir(t->p, j->mkdirs[i]);
		(void)r;        /* not empty (someone's file) or gone: leave it */
	}
	if (err) {
		if (t->res) {
			t->res->rollback_err = err;
			t->res->rolled_back = 0;
		}
		return err;
	}
	if (t->res)
		t->res->rolled_back = 1;
	if (done >= j->n_files && j->n_cmds) {
		r = regenerate(t, j);
		if (r < 0 && t->res)
			t->res->rollback_err = r;
	}
	r = gp_path_rm_flat(t->p, TXN_DIR);
	return r == -ENOENT ? 0 : r;
}

static void result_add_restored(struct txn *t, const struct gp_journal_file *f)
{
	struct gp_txn_result *res = t->res;
	char (*np)[GP_PATH_MAX];
	int *nr;

	if (!res)
		return;
	np = realloc(res->restored, (res->n_restored + 1) * sizeof(*np));
	if (!np)
		return;
	res->restored = np;
	nr = realloc(res->restored_removed, (res->n_restored + 1) * sizeof(*nr));
	if (!nr)
		return;
	res->restored_removed = nr;
	snprintf(np[res->n_restored], GP_PATH_MAX, "%s", f->path);
	nr[res->n_restored++] = !f->new_exists;
}

/* Close an open journal whose every step is done. */
static int commit(struct txn *t, const struct gp_journal *j)
{
	char dir[GP_PATH_MAX];
	unsigned int *v;
	size_t i, n;
	int r;

	step(t, GP_STEP_COMMIT, 1, 1, TXN_DIR);
	if (j->kind == GP_JOURNAL_APPLY) {
		r = mkdir_p(t->p, HISTORY_DIR, NULL, NULL, 0);
		if (r == 0)
			r = entry_dir(j->entry, dir, sizeof(dir));
		if (r == 0)
			r = gp_path_rename(t->p, TXN_DIR, dir);
		return r;
	}
	for (i = 0; i < j->n_rmdirs; i++)
		gp_path_rmdir(t->p, j->rmdirs[i]);   /* not empty: someone's files, keep it */
	for (i = 0; i < j->n_reverts; i++) {
		r = entry_dir(j->reverts[i], dir, sizeof(dir));
		if (r == 0)
			r = gp_path_rm_flat(t->p, dir);
		if (r < 0 && r != -ENOENT)
			return r;
	}
	r = gp_path_rm_flat(t->p, TXN_DIR);
	if (r < 0 && r != -ENOENT)
		return r;
	if (list_history(t->p, &v, &n) == 0) {
		free(v);
		if (n == 0)
			gp_path_rmdir(t->p, HISTORY_DIR);
	}
	return 0;
}

/* Open @j: write it to txn.new, then rename that to txn (one atomic step). */
static int journal_open(struct txn *t, const struct gp_journal *j)
{
	int r;

	step(t, GP_STEP_JOURNAL, 1, 1, TXN_DIR);
	r = gp_path_rm_flat(t->p, TXN_NEW_DIR);
	if (r < 0 && r != -ENOENT)
		goto out;
	r = gp_path_mkdir(t->p, TXN_NEW_DIR, 0700);
	if (r == 0)
		r = gp_journal_save(t->p, TXN_NEW_DIR, j);
	if (r == 0)
		r = gp_path_rename(t->p, TXN_NEW_DIR, TXN_DIR);
	if (r < 0)
		gp_path_rm_flat(t->p, TXN_NEW_DIR);
out:
	if (r < 0)
		fail_at(t, GP_STEP_JOURNAL, TXN_DIR);
	return r;
}

/*
 * Step @done of the journal is complete: record it, so a killed run knows
 * how far it got.  Returns 0, -EINTR when a held signal asks to stop (the
 * caller names the step), or -errno from the journal.
 */
static int step_done(struct txn *t, size_t *done)
{
	int r;

	crash_point(t);
	(*done)++;
	r = gp_journal_progress_save(t->p, TXN_DIR, *done);
	if (r < 0) {
		fail_at(t, GP_STEP_JOURNAL, TXN_DIR);
		return r;
	}
	return interrupted() ? -EINTR : 0;
}

/*
 * Perform the steps of the open journal @j: the files, then the commands.
 * On failure everything is rolled back.
 */
static int run_journal(struct txn *t, const struct gp_journal *j)
{
	size_t i, done = 0;
	int r = 0, st, in_cmds = 0;

	crash_point(t);
	for (i = 0; i < j->n_files; i++) {
		const struct gp_journal_file *f = &j->files[i];

		if (i == 0) {
			size_t k;

			for (k = 0; k < j->n_mkdirs && r == 0; k++) {
				r = gp_path_mkdir(t->p, j->mkdirs[k], 0755);
				if (r == -EEXIST)
					r = 0;
			}
		}
		step(t, GP_STEP_WRITE, i + 1, j->n_files, f->path);
		if (r == 0)
			r = write_state(t->p, f->path, f->new_exists, f->new_content, f->new_len,
					f->new_mode, f->new_uid, f->new_gid);
		if (r < 0) {
			fail_at(t, GP_STEP_WRITE, f->path);
			goto fail;
		}
		r = step_done(t, &done);
		if (r < 0) {
			if (r == -EINTR)
				fail_at(t, GP_STEP_WRITE, f->path);
			goto fail;
		}
	}
	in_cmds = 1;
	for (i = 0; i < j->n_cmds; i++) {
		const struct gp_command *c = &j->cmds[i];
		char line[GP_PATH_MAX];

		report_command(t, GP_STEP_COMMAND, i + 1, j->n_cmds, c);
		r = gp_run(t->p, c, t->ops ? t->ops->output : NULL, t->ctx, &st);
		if (r < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			cmdline(c, line, sizeof(line));
			fail_at(t, GP_STEP_COMMAND, line);
			if (r == 0 && t->res)
				t->res->command_status = st;
			r = -ECHILD;
			goto fail;
		}
		r = step_done(t, &done);
		if (r < 0) {
			if (r == -EINTR) {
				cmdline(c, line, sizeof(line));
				fail_at(t, GP_STEP_COMMAND, line);
			}
			goto fail;
		}
	}
	crash_point(t);
	return commit(t, j);
fail:
	/*
	 * A command that failed may have left /boot half-made: it counts as
	 * started, so the generators run again after the files are restored.
	 */
	rollback(t, j, in_cmds ? j->n_files : done);
	return r;
}

/* --- apply ------------------------------------------------------------------------------- */

static int next_entry(const struct gp_path *p, unsigned int *entry)
{
	unsigned int *v;
	size_t n;
	int r;

	r = list_history(p, &v, &n);
	if (r < 0)
		return r;
	*entry = n ? v[n - 1] + 1 : 1;
	free(v);
	return *entry > MAX_ENTRY ? -EOVERFLOW : 0;
}

static int same_state(int a_exists, const char *a, size_t a_len, int b_exists, const char *b,
		      size_t b_len)
{
	if (a_exists != b_exists)
		return 0;
	return !a_exists || (a_len == b_len && (a_len == 0 || memcmp(a, b, a_len) == 0));
}

/* Copy @len bytes into a new buffer (a NUL added). */
static char *dup_bytes(const char *s, size_t len)
{
	char *d = malloc(len + 1);

	if (d) {
		if (len)
			memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

static int plan_refused(const struct gp_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->n_guards; i++)
		if (!plan->guards[i].forced)
			return 1;
	return 0;
}

/*
 * The file at @path as it is now: *@exists 0 when it is absent (not an
 * error), else its content (owned by the caller) and stat.
 */
static int read_current(struct txn *t, const char *path, char **cur, size_t *len,
			struct stat *st, int *exists)
{
	int r = gp_path_read_file(t->p, path, cur, len, st);

	if (r < 0 && r != -ENOENT) {
		fail_at(t, GP_STEP_JOURNAL, path);
		return r;
	}
	*exists = r == 0;
	return 0;
}

/* The file as it is now becomes the entry's old state; @cur is taken over. */
static void record_old_state(struct gp_journal_file *f, int exists, char *cur, size_t len,
			     const struct stat *st)
{
	f->old_exists = exists;
	if (!exists) {
		free(cur);
		return;
	}
	f->old_content = cur;
	f->old_len = len;
	f->old_mode = st->st_mode & 07777;
	f->old_uid = st->st_uid;
	f->old_gid = st->st_gid;
}

/* Record one file of the plan in @j (or nothing when it would not change). */
static int journal_plan_file(struct txn *t, struct gp_journal *j, const struct gp_file_change *c)
{
	struct gp_journal_file *f;
	char *cur, parent[GP_PATH_MAX];
	struct stat st;
	size_t len;
	int r, exists;

	r = read_current(t, c->path, &cur, &len, &st, &exists);
	if (r < 0)
		return r;
	if (!same_state(exists, cur, len, c->old_exists, c->old_content, c->old_len)) {
		free(cur);
		fail_at(t, GP_STEP_JOURNAL, c->path);
		return -ESTALE;
	}
	if (same_state(exists, cur, len, !c->remove, c->new_content, c->new_len)) {
		free(cur);
		return 0;
	}
	f = gp_journal_add_file(j, c->path);
	if (!f) {
		free(cur);
		return -ENOMEM;
	}
	record_old_state(f, exists, cur, len, &st);
	f->new_exists = !c->remove;
	if (f->new_exists) {
		f->new_content = dup_bytes(c->new_content, c->new_len);
		if (!f->new_content)
			return -ENOMEM;
		f->new_len = c->new_len;
		/* An existing file keeps its mode and owner; a new one is the plan's, ours. */
		f->new_mode = exists ? f->old_mode : (c->mode & 07777);
		f->new_uid = exists ? f->old_uid : GP_OWNER_KEEP;
		f->new_gid = exists ? f->old_gid : (gid_t)-1;
		r = gp_path_parent(c->path, parent, sizeof(parent));
		if (r >= 0)
			r = mkdir_p(t->p, parent, &j->mkdirs, &j->n_mkdirs, 1);
		if (r < 0)
			return r;
	}
	return 0;
}

static int settle_open_journal(struct txn *t, int *what);

int gp_txn_apply(const struct gp_path *p, const struct gp_plan *plan,
		 const struct gp_txn_ops *ops, void *ctx, struct gp_txn_result *res)
{
	struct gp_journal j;
	struct txn t;
	size_t i;
	int r, what;

	memset(&j, 0, sizeof(j));
	if (res) {
		memset(res, 0, sizeof(*res));
		res->failed_step = -1;
	}
	if (plan_refused(plan))
		return -EPERM;
	/* Before the lock: on a read-only root there is no lock file to make. */
	{
		struct gp_txn_mounts m;

		r = gp_txn_check_mounts(p, &m);
		if (r < 0) {
			if (res) {
				res->failed_step = GP_STEP_LOCK;
				snprintf(res->failed_what, sizeof(res->failed_what), "%s",
					 m.boot_unmounted || m.boot_ro ? "/boot" : "/");
			}
			return r;
		}
	}
	r = txn_begin(&t, p, ops, ctx, res);
	if (r < 0)
		return r;
	/* gp_txn_recover() should have run; never write over an open journal. */
	r = settle_open_journal(&t, &what);
	if (r < 0)
		goto out;

	j.kind = GP_JOURNAL_APPLY;
	j.time = (long long)time(NULL);
	r = next_entry(p, &j.entry);
	for (i = 0; r == 0 && i < plan->n_files; i++)
		r = journal_plan_file(&t, &j, &plan->files[i]);
	if (r < 0)
		goto out;
	if (j.n_files == 0) {
		step(&t, GP_STEP_DONE, 1, 1, "");
		goto out;       /* nothing would change */
	}
	for (i = 0; r == 0 && i < plan->n_cmds; i++)
		r = gp_journal_add_cmd(&j, &plan->cmds[i]);
	if (r == 0)
		r = check_space(&t, &j);
	if (r == 0)
		r = journal_open(&t, &j);
	if (r == 0)
		r = run_journal(&t, &j);
	if (r == 0)
		step(&t, GP_STEP_DONE, 1, 1, "");
out:
	gp_journal_free(&j);
	txn_end(&t);
	return r;
}

/* --- recover ---------------------------------------------------------------------------- */

/* With the lock held: settle txn.new and txn.  *what as gp_txn_recover(). */
static int settle_open_journal(struct txn *t, int *what)
{
	struct gp_journal j;
	size_t done;
	int r;

	*what = 0;
	r = gp_path_rm_flat(t->p, TXN_NEW_DIR);     /* nothing had changed yet */
	if (r < 0 && r != -ENOENT)
		return r;
	r = gp_path_exists(t->p, TXN_DIR);
	if (r <= 0)
		return r;
	r = gp_journal_load(t->p, TXN_DIR, &j);
	if (r < 0) {
		fail_at(t, GP_STEP_JOURNAL, TXN_DIR);
		return r;
	}
	r = gp_journal_progress_load(t->p, TXN_DIR, &done);
	if (r == 0 && done >= j.n_files + j.n_cmds) {
		r = commit(t, &j);
		*what = 2;
	} else if (r == 0) {
		r = rollback(t, &j, done);
		*what = 1;
	}
	gp_journal_free(&j);
	return r;
}

int gp_txn_recover(const struct gp_path *p, const struct gp_txn_ops *ops, void *ctx,
		   int *what)
{
	struct gp_txn_result res;
	struct txn t;
	int r;

	*what = 0;
	/* Nothing open: no lock, and no state directory made where there was none. */
	if (gp_path_exists(p, TXN_DIR) <= 0 && gp_path_exists(p, TXN_NEW_DIR) <= 0)
		return 0;
	/* A rollback regenerates /boot: not into the root's empty mount point. */
	{
		struct gp_txn_mounts m;

		r = gp_txn_check_mounts(p, &m);
		if (r < 0)
			return r;
	}
	r = txn_begin(&t, p, ops, ctx, &res);
	if (r < 0)
		return r;
	r = settle_open_journal(&t, what);
	if (r == 0 && res.rollback_err)
		r = res.rollback_err;
	txn_end(&t);
	gp_txn_result_free(&res);
	return r;
}

/* --- revert ------------------------------------------------------------------------------ */

static int result_add_modified(struct gp_txn_result *res, const char *path, int kept)
{
	char (*nm)[GP_PATH_MAX];
	int *nk;

	nm = realloc(res->modified, (res->n_modified + 1) * sizeof(*nm));
	if (!nm)
		return -ENOMEM;
	res->modified = nm;
	nk = realloc(res->modified_kept, (res->n_modified + 1) * sizeof(*nk));
	if (!nk)
		return -ENOMEM;
	res->modified_kept = nk;
	snprintf(nm[res->n_modified], GP_PATH_MAX, "%s", path);
	nk[res->n_modified++] = kept;
	return 0;
}

/* The original of a file someone edited goes to kept/<path>, for them to compare. */
static int keep_original(struct txn *t, const struct gp_journal_file *orig)
{
	char path[GP_PATH_MAX], parent[GP_PATH_MAX];
	int r;

	if (gp_path_join(path, sizeof(path), KEPT_DIR, orig->path, (char *)NULL) < 0)
		return -ENAMETOOLONG;
	r = gp_path_parent(path, parent, sizeof(parent));
	if (r >= 0)
		r = mkdir_p(t->p, parent, NULL, NULL, 0);
	if (r >= 0)
		r = gp_path_write_atomic(t->p, path, orig->old_content, orig->old_len, 0600,
					 GP_OWNER_KEEP, 0);
	return r < 0 ? r : 0;
}

/*
 * For one path: @newest is the record of the last change that wrote it,
 * @oldest the first.  Adds what the revert does to @j.
 */
static int journal_revert_file(struct txn *t, struct gp_journal *j,
			       const struct gp_journal_file *newest,
			       const struct gp_journal_file *oldest)
{
	struct gp_journal_file *f;
	struct stat st;
	char *cur;
	size_t len;
	int r, exists;

	r = read_current(t, newest->path, &cur, &len, &st, &exists);
	if (r < 0)
		return r;
	if (!same_state(exists, cur, len, newest->new_exists, newest->new_content,
			newest->new_len)) {
		/* Edited since we wrote it: not ours to overwrite. */
		free(cur);
		r = 0;
		if (oldest->old_exists)
			r = keep_original(t, oldest);
		if (r < 0)
			return r;
		return t->res ? result_add_modified(t->res, newest->path, oldest->old_exists) : 0;
	}
	if (same_state(exists, cur, len, oldest->old_exists, oldest->old_content, oldest->old_len) &&
	    (!exists || (st.st_mode & 07777) == oldest->old_mode)) {
		free(cur);
		return 0;       /* already as it was */
	}
	f = gp_journal_add_file(j, newest->path);
	if (!f) {
		free(cur);
		return -ENOMEM;
	}
	record_old_state(f, exists, cur, len, &st);
	f->new_exists = oldest->old_exists;
	if (f->new_exists) {
		f->new_content = dup_bytes(oldest->old_content, oldest->old_len);
		if (!f->new_content)
			return -ENOMEM;
		f->new_len = oldest->old_len;
		f->new_mode = oldest->old_mode;
		f->new_uid = oldest->old_uid;
		f->new_gid = oldest->old_gid;
	}
	return 0;
}

/* Build the revert journal from @hist (newest first). */
static int journal_revert(struct txn *t, struct gp_journal *j, const struct gp_journal *hist,
			  size_t n_hist)
{
	size_t h, i, k, g;
	int r;

	for (h = 0; h < n_hist; h++) {
		for (i = 0; i < hist[h].n_files; i++) {
			const struct gp_journal_file *newest = &hist[h].files[i];
			const struct gp_journal_file *oldest = newest;
			int seen = 0;

			/* Handled already with a newer entry? */
			for (g = 0; g < h && !seen; g++)
				for (k = 0; k < hist[g].n_files && !seen; k++)
					seen = strcmp(hist[g].files[k].path, newest->path) == 0;
			if (seen)
				continue;
			for (g = h + 1; g < n_hist; g++)
				for (k = 0; k < hist[g].n_files; k++)
					if (strcmp(hist[g].files[k].path, newest->path) == 0)
						oldest = &hist[g].files[k];
			r = journal_revert_file(t, j, newest, oldest);
			if (r < 0)
				return r;
		}
		/* Directories an apply made go when empty, the newest first. */
		for (k = hist[h].n_mkdirs; k-- > 0;) {
			r = gp_journal_add_dir(&j->rmdirs, &j->n_rmdirs, hist[h].mkdirs[k]);
			if (r < 0)
				return r;
		}
	}
	if (j->n_files == 0)
		return 0;       /* nothing written: /boot needs no rebuild */
	for (h = 0; h < n_hist; h++)
		for (i = 0; i < hist[h].n_cmds; i++)
			if (hist[h].cmds[i].generator) {
				r = gp_journal_add_cmd(j, &hist[h].cmds[i]);
				if (r < 0)
					return r;
			}
	return 0;
}

int gp_txn_revert(const struct gp_path *p, int all, const struct gp_txn_ops *ops,
		  void *ctx, struct gp_txn_result *res)
{
	struct gp_journal j, *hist = NULL;
	unsigned int *entries = NULL;
	size_t n_entries = 0, n_hist = 0, i;
	struct gp_txn_result own;
	struct txn t;
	int r, what;

	if (!res)
		res = &own;
	memset(&j, 0, sizeof(j));
	memset(res, 0, sizeof(*res));
	res->failed_step = -1;
	{
		struct gp_txn_mounts m;

		r = gp_txn_check_mounts(p, &m);
		if (r < 0) {
			res->failed_step = GP_STEP_LOCK;
			snprintf(res->failed_what, sizeof(res->failed_what), "%s",
				 m.boot_unmounted || m.boot_ro ? "/boot" : "/");
			goto done;
		}
	}
	r = list_history(p, &entries, &n_entries);
	if (r == 0 && n_entries == 0)
		r = gp_path_exists(p, TXN_DIR) > 0 ? 0 : -ENOENT;
	if (r < 0)
		goto done;
	r = txn_begin(&t, p, ops, ctx, res);
	if (r < 0)
		goto done;
	r = settle_open_journal(&t, &what);
	if (r == 0) {
		free(entries);
		entries = NULL;
		r = list_history(p, &entries, &n_entries);
	}
	if (r == 0 && n_entries == 0)
		r = -ENOENT;
	if (r < 0)
		goto out;

	n_hist = all ? n_entries : 1;
	hist = calloc(n_hist, sizeof(*hist));
	if (!hist) {
		r = -ENOMEM;
		goto out;
	}
	j.kind = GP_JOURNAL_REVERT;
	j.time = (long long)time(NULL);
	j.reverts = calloc(n_hist, sizeof(*j.reverts));
	if (!j.reverts) {
		r = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n_hist; i++) {
		char dir[GP_PATH_MAX];
		unsigned int e = entries[n_entries - 1 - i];

		j.reverts[j.n_reverts++] = e;
		r = entry_dir(e, dir, sizeof(dir));
		if (r == 0)
			r = gp_journal_load(p, dir, &hist[i]);
		if (r < 0) {
			fail_at(&t, GP_STEP_JOURNAL, dir);
			goto out;
		}
	}
	res->n_entries = n_hist;
	r = journal_revert(&t, &j, hist, n_hist);
	if (r == 0)
		r = check_space(&t, &j);
	if (r == 0)
		r = journal_open(&t, &j);
	if (r == 0)
		r = run_journal(&t, &j);
	if (r == 0) {
		for (i = 0; i < j.n_files; i++)
			result_add_restored(&t, &j.files[i]);
		step(&t, GP_STEP_DONE, 1, 1, "");
	}
out:
	txn_end(&t);
	for (i = 0; hist && i < n_hist; i++)
		gp_journal_free(&hist[i]);
	free(hist);
	gp_journal_free(&j);
done:
	free(entries);
	if (r == 0 && res->n_modified)
		r = -EEXIST;
	if (res == &own)
		gp_txn_result_free(res);
	return r;
}

int gp_txn_history(const struct gp_path *p, struct gp_txn_entry **out, size_t *n)
{
	struct gp_txn_entry *v;
	unsigned int *nums;
	size_t cnt, i;
	int r;

	*out = NULL;
	*n = 0;
	r = list_history(p, &nums, &cnt);
	if (r < 0 || cnt == 0)
		return r;
	v = calloc(cnt, sizeof(*v));
	if (!v) {
		free(nums);
		return -ENOMEM;
	}
	for (i = 0; i < cnt; i++) {
		char dir[GP_PATH_MAX];
		struct gp_journal j;

		r = entry_dir(nums[i], dir, sizeof(dir));
		if (r == 0)
			r = gp_journal_load(p, dir, &j);
		if (r < 0) {
			free(v);
			free(nums);
			return r;
		}
		v[i].number = nums[i];
		v[i].time = j.time;
		v[i].n_files = j.n_files;
		gp_journal_free(&j);
	}
	free(nums);
	*out = v;
	*n = cnt;
	return 0;
}

void gp_txn_result_free(struct gp_txn_result *res)
{
	free(res->modified);
	free(res->modified_kept);
	free(res->restored);
	free(res->restored_removed);
	res->modified = NULL;
	res->modified_kept = NULL;
	res->restored = NULL;
	res->restored_removed = NULL;
	res->n_modified = 0;
	res->n_restored = 0;
}
