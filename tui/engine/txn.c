/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The transaction's common pieces: progress and failure reporting, the
 * test crash points, the history directory, beginning and ending (lock,
 * held signals), the mount and /boot space policies, and the history
 * listing.  See txn.h for the contract, txn_int.h for the layout on disk
 * and journal.h for the journal's format.
 *
 * Ordering is what makes a crash safe: the journal (with full copies of
 * the previous contents) is fsynced and renamed into place before the
 * first file changes; progress is recorded after each step; closing is
 * one rename (apply) or the removal of the reverted entries (revert),
 * both repeatable.  Rolling back is idempotent, so a crash during a
 * rollback is rolled back again by the next run.
 */
#include "txn_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bootfs.h"
#include "generator.h"
#include "gp_path_stdio.h"
#include "gp_path_write.h"
#include "mountinfo.h"
#include "run.h"
#include "strbuf.h"

/* --- small helpers ---------------------------------------------------------------- */

static const int held_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

int txn_interrupted(void)
{
	sigset_t pending;
	size_t i;

	if (sigpending(&pending) < 0)
		return 0;
	for (i = 0; i < sizeof(held_signals) / sizeof(held_signals[0]); i++) {
		struct sigaction sa;

		/* An ignored one (nohup) is pending too while blocked, but asks nothing. */
		if (sigismember(&pending, held_signals[i]) == 1 &&
		    !(sigaction(held_signals[i], NULL, &sa) == 0 && sa.sa_handler == SIG_IGN))
			return 1;
	}
	return 0;
}

int txn_entry_dir(unsigned int n, char *buf, size_t size)
{
	int r = snprintf(buf, size, "%s/%04u", HISTORY_DIR, n);

	return r < 0 || (size_t)r >= size ? -ENAMETOOLONG : 0;
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

/* A history entry's number from its directory name; -1 for anything else. */
static long entry_number(const char *name)
{
	unsigned long val = 0;
	const char *s;

	for (s = name; *s >= '0' && *s <= '9' && val <= MAX_ENTRY; s++)
		val = val * 10 + (unsigned long)(*s - '0');
	return *s || s == name || val > MAX_ENTRY ? -1 : (long)val;
}

/* The history entries, oldest first. */
int txn_list_history(const struct gp_path *p, unsigned int **out, size_t *n)
{
	struct dirent *de;
	unsigned int *v = NULL;
	size_t cnt = 0, alloc = 0;
	DIR *d;

	*out = NULL;
	*n = 0;
	d = gp_path_opendir(p, HISTORY_DIR);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		long val = entry_number(de->d_name);

		if (val < 0)
			continue;
		if (GP_ARRAY_GROW(v, alloc, cnt + 1) < 0) {
			free(v);
			closedir(d);
			return -ENOMEM;
		}
		v[cnt++] = (unsigned int)val;
	}
	closedir(d);
	if (cnt)
		qsort(v, cnt, sizeof(*v), cmp_uint);
	*out = v;
	*n = cnt;
	return 0;
}

/* --- beginning and ending -------------------------------------------------------------- */

void txn_end(struct txn *t)
{
	gp_lock_release(t->p, GP_STATE_DIR, LOCK_PATH, &t->lock);
	/* A signal that arrived meanwhile is delivered now, with the lock released. */
	sigprocmask(SIG_SETMASK, &t->old_mask, NULL);
}

int txn_begin(struct txn *t, const struct gp_path *p, const struct gp_txn_ops *ops, void *ctx,
	      struct gp_txn_result *res, long crash_at)
{
	sigset_t block;
	size_t i;
	int r;

	memset(t, 0, sizeof(*t));
	t->p = p;
	t->ops = ops;
	t->ctx = ctx;
	t->res = res;
	t->lock.dir_fd = -1;
	if (!gp_path_is_host(p))
		t->crash_at = crash_at;
	if (res) {
		memset(res, 0, sizeof(*res));
		res->failed_step = -1;
	}
	/*
	 * Ctrl-C or a TERM must not stop us between two steps: the signals
	 * wait until the transaction is closed or rolled back.  A command
	 * runs in a group of its own, which a Ctrl-C does not reach: while
	 * one runs, the pending signal stops its group (run.h), and that
	 * rolls back.
	 */
	sigemptyset(&block);
	for (i = 0; i < sizeof(held_signals) / sizeof(held_signals[0]); i++)
		sigaddset(&block, held_signals[i]);
	sigprocmask(SIG_BLOCK, &block, &t->old_mask);

	txn_step(t, GP_STEP_LOCK, 1, 1, LOCK_PATH);
	/* Made 0700; found, it must be root's own: its journals make root act. */
	r = txn_state_dir_make(t);
	if (r == 0)
		r = txn_state_dir_check(t);
	if (r == 0)
		r = gp_lock_take(p, GP_STATE_DIR, LOCK_PATH, &t->lock);
	if (r < 0) {
		txn_fail_at(t, GP_STEP_LOCK, LOCK_PATH);
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
	else if (r == -ENOENT && gp_fstab_has_mount(p, "/boot"))
		out->boot_unmounted = 1;
	return out->root_ro || out->boot_ro || out->boot_unmounted ? -EROFS : 0;
}

/*
 * Before the lock: on a read-only root there is no lock file to make.
 * Returns 0, or -EROFS with @res (may be NULL) naming "/" or "/boot".
 */
int txn_refuse_read_only(const struct gp_path *p, struct gp_txn_result *res)
{
	struct gp_txn_mounts m;
	int r = gp_txn_check_mounts(p, &m);

	if (r < 0 && res) {
		res->failed_step = GP_STEP_LOCK;
		snprintf(res->failed_what, sizeof(res->failed_what), "%s",
			 m.boot_unmounted || m.boot_ro ? "/boot" : "/");
		res->err = r;
	}
	return r;
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
		txn_cmdline(&c, line, sizeof(line));
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

/* The largest initramfs image the generators of @j rebuild (0: none). */
static unsigned long long largest_initrd(struct txn *t, const struct gp_journal *j)
{
	unsigned long long largest = 0;
	size_t i;

	for (i = 0; i < j->n_cmds; i++) {
		char initrd[GP_PATH_MAX];
		struct stat st;

		if (!j->cmds[i].generator || !j->cmds[i].kver[0])
			continue;
		/* A rebuild the table does not read still rebuilds kernel K's image. */
		if (!gp_generator_of_command(j->cmds[i].argv, j->cmds[i].kver, initrd,
					     sizeof(initrd)) &&
		    gp_generator_image_path(NULL, j->cmds[i].kver, initrd, sizeof(initrd)) < 0)
			continue;
		if (gp_path_stat(t->p, initrd, &st) == 0 && (unsigned long long)st.st_size > largest)
			largest = (unsigned long long)st.st_size;
	}
	return largest;
}

/* Is there room in /boot for the generators?  The rule is gp_bootfs_space_needed(). */
int txn_check_space(struct txn *t, const struct gp_journal *j)
{
	unsigned long long need, avail, largest = largest_initrd(t, j);
	struct statvfs sv;
	int fd, r;

	if (!largest)
		return 0;
	txn_step(t, GP_STEP_SPACE, 1, 1, "/boot");
	need = gp_bootfs_space_needed(largest);
	fd = gp_path_open(t->p, "/boot", O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return 0;       /* no /boot: the generators will say */
	r = fstatvfs(fd, &sv);
	close(fd);
	if (r < 0)
		return 0;
	avail = (unsigned long long)sv.f_bavail * sv.f_frsize;
	if (avail < need) {
		txn_fail_at(t, GP_STEP_SPACE, "/boot");
		return -ENOSPC;
	}
	return 0;
}

/* --- file states --------------------------------------------------------------------- */

/* Same presence and, when present, the same content (mode and owner aside). */
int txn_same_state(const struct gp_file_state *a, const struct gp_file_state *b)
{
	if (a->exists != b->exists)
		return 0;
	return !a->exists ||
	       (a->len == b->len && (a->len == 0 || memcmp(a->content, b->content, a->len) == 0));
}

/*
 * The file at @path as it is now, into @cur (content owned by the
 * caller): absent is not an error.  A symlink is refused (-ELOOP), as the
 * path layer refuses to follow one.
 */
int txn_read_current(struct txn *t, const char *path, struct gp_file_state *cur)
{
	struct stat st;
	int r;

	memset(cur, 0, sizeof(*cur));
	r = gp_path_read_file(t->p, path, &cur->content, &cur->len, &st);
	if (r < 0 && r != -ENOENT) {
		txn_fail_at(t, GP_STEP_JOURNAL, path);
		if (t->res)
			t->res->err = r;
		return r;
	}
	if (r == -ENOENT) {
		cur->content = NULL;
		cur->len = 0;
		return 0;
	}
	cur->exists = 1;
	cur->mode = st.st_mode & 07777;
	cur->uid = st.st_uid;
	cur->gid = st.st_gid;
	return 0;
}

/* @dst becomes a copy of @src, with its own content (a NUL added). 0 or -ENOMEM. */
int txn_copy_state(struct gp_file_state *dst, const struct gp_file_state *src)
{
	*dst = *src;
	dst->content = NULL;
	if (!src->exists)
		return 0;
	dst->content = malloc(src->len + 1);
	if (!dst->content)
		return -ENOMEM;
	if (src->len)
		memcpy(dst->content, src->content, src->len);
	dst->content[src->len] = '\0';
	return 0;
}

/* --- history ------------------------------------------------------------------------- */

int gp_txn_history(const struct gp_path *p, struct gp_txn_entry **out, size_t *n)
{
	struct gp_txn_entry *v;
	unsigned int *nums;
	size_t cnt, i;
	int r;

	*out = NULL;
	*n = 0;
	r = txn_list_history(p, &nums, &cnt);
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

		r = txn_entry_dir(nums[i], dir, sizeof(dir));
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
	free(res->modified_err);
	free(res->restored);
	free(res->restored_removed);
	free(res->bound);
	gp_report_free(&res->report);
	gp_strset_free(&res->by_hand);
	res->bound = NULL;
	res->n_bound = 0;
	res->alloc_bound = 0;
	res->modified = NULL;
	res->modified_kept = NULL;
	res->modified_err = NULL;
	res->restored = NULL;
	res->restored_removed = NULL;
	res->n_modified = 0;
	res->n_restored = 0;
	res->alloc_modified = 0;
	res->alloc_restored = 0;
}
