/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The path layer's promises, each of which no fixture exercised:
 *  - with a root, an absolute symlink, a link climbing out with "../.." and
 *    a ".." in the path itself all stay inside the root (RESOLVE_IN_ROOT,
 *    or by hand without openat2: every case runs again with a seccomp
 *    filter failing openat2, tests/tools/no_openat2.h);
 *  - the whole-file reader and the *_at() calls refuse a final symlink
 *    (O_NOFOLLOW), and the *_at() calls take one component, never "..";
 *  - a write that fails halfway (RLIMIT_FSIZE) leaves the old file whole
 *    and no temporary file behind: the temporary is written before it is
 *    renamed into place;
 *  - every rename, unlink, mkdir and rmdir in a directory is followed by
 *    an fsync of that directory (fsync, renameat, unlinkat and mkdirat are
 *    wrapped here: the engine's calls land in this file first).
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cmocka.h>

#include "gp_path.h"
#include "gp_path_write.h"
#include "../tools/no_openat2.h"

/* --- the wrapped calls: a log of (what, directory inode) ------------------------- */

enum ev_kind { EV_CHANGE, EV_FSYNC };

struct ev {
	enum ev_kind kind;
	dev_t dev;
	ino_t ino;
};

static struct ev evs[64];
static size_t n_evs;
static int logging;

static void log_dir(enum ev_kind kind, int fd)
{
	struct stat st;

	if (!logging || n_evs == sizeof(evs) / sizeof(evs[0]) || fstat(fd, &st) < 0)
		return;
	if (kind == EV_FSYNC && !S_ISDIR(st.st_mode))
		return;         /* a file's own fsync says nothing of its directory */
	evs[n_evs].kind = kind;
	evs[n_evs].dev = st.st_dev;
	evs[n_evs].ino = st.st_ino;
	n_evs++;
}

/* syscall(2) sets errno and returns -1 itself: the wrappers pass that on. */
int fsync(int fd)
{
	log_dir(EV_FSYNC, fd);
	return (int)syscall(SYS_fsync, fd);
}

int renameat(int ofd, const char *old, int nfd, const char *new)
{
	long r = syscall(SYS_renameat2, ofd, old, nfd, new, 0);

	if (r == 0) {
		log_dir(EV_CHANGE, ofd);
		log_dir(EV_CHANGE, nfd);
	}
	return (int)r;
}

int unlinkat(int dfd, const char *name, int flags)
{
	long r = syscall(SYS_unlinkat, dfd, name, flags);

	if (r == 0)
		log_dir(EV_CHANGE, dfd);
	return (int)r;
}

int mkdirat(int dfd, const char *name, mode_t mode)
{
	long r = syscall(SYS_mkdirat, dfd, name, mode);

	if (r == 0)
		log_dir(EV_CHANGE, dfd);
	return (int)r;
}

/* Every directory changed is fsynced after its last change. */
static void assert_changes_synced(void)
{
	size_t i, k;

	assert_true(n_evs > 0);
	for (i = 0; i < n_evs; i++) {
		int synced = 0;

		if (evs[i].kind != EV_CHANGE)
			continue;
		for (k = i + 1; k < n_evs && !synced; k++)
			synced = evs[k].kind == EV_FSYNC && evs[k].dev == evs[i].dev &&
				 evs[k].ino == evs[i].ino;
		if (!synced)
			fail_msg("change %zu of %zu: its directory is not fsynced after it", i + 1,
				 n_evs);
	}
}

/* --- scratch tree: TOP/outside (the "host") and TOP/root ---------------------------- */

static char top[256], root[300];

static void put(const char *path, const char *content)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(content, f);
	assert_int_equal(fclose(f), 0);
}

static void link_to(const char *target, const char *at)
{
	char full[1024];

	snprintf(full, sizeof(full), "%s%s", root, at);
	assert_int_equal(symlink(target, full), 0);
}

static int rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char path[1024];

	(void)state;
	snprintf(top, sizeof(top), "%s/test_gp_path.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(top))
		return -1;
	snprintf(root, sizeof(root), "%s/root", top);
	snprintf(path, sizeof(path), "%s/outside", top);
	if (mkdir(path, 0755) < 0 || mkdir(root, 0755) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/outside/secret", top);
	put(path, "host\n");
	/* The same names inside the root, so "resolved inside" has something to read. */
	snprintf(path, sizeof(path), "%s/outside", root);
	if (mkdir(path, 0755) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/outside/secret", root);
	put(path, "inside\n");
	snprintf(path, sizeof(path), "%s/etc", root);
	if (mkdir(path, 0755) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/etc/managed.conf", root);
	put(path, "old content\n");
	n_evs = 0;
	logging = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	logging = 0;
	nftw(top, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* --- tests ----------------------------------------------------------------------- */

/* Does this kernel (or valgrind, which lacks it) run openat2? */
static int have_openat2(void)
{
	struct { uint64_t flags, mode, resolve; } how = { O_RDONLY | O_DIRECTORY, 0, 0 };
	long fd = syscall(SYS_openat2, AT_FDCWD, "/", &how, sizeof(how));

	if (fd < 0)
		return 0;
	close((int)fd);
	return 1;
}

static void test_links_stay_in_root(void **state)
{
	char abs_target[600], buf[64];
	struct gp_path p;
	DIR *d;

	(void)state;
	snprintf(abs_target, sizeof(abs_target), "%s/outside/secret", top);
	link_to(abs_target, "/etc/abs");                 /* the host's name for it */
	link_to("/outside/secret", "/etc/abs-short");    /* absolute, root-relative */
	link_to("../../outside/secret", "/etc/climb"); /* climbs out of the root */
	link_to(top, "/etc/abs-dir");
	assert_int_equal(gp_path_init(&p, root), 0);

	/* The host's absolute name does not exist inside the root. */
	assert_int_equal(gp_path_read(&p, "/etc/abs", buf, sizeof(buf)), -ENOENT);
	assert_int_equal(gp_path_exists(&p, "/etc/abs"), 0);
	assert_int_equal(gp_path_read(&p, "/etc/abs-short", buf, sizeof(buf)), 6);
	assert_string_equal(buf, "inside");
	assert_int_equal(gp_path_read(&p, "/etc/climb", buf, sizeof(buf)), 6);
	assert_string_equal(buf, "inside");
	assert_int_equal(gp_path_read(&p, "/../../outside/secret", buf, sizeof(buf)), 6);
	assert_string_equal(buf, "inside");
	d = gp_path_opendir(&p, "/etc/abs-dir/outside");
	assert_null(d);
	assert_int_equal(errno, ENOENT);
	/* Nor can a write through such a link reach the host. */
	assert_int_equal(gp_path_write(&p, "/etc/climb", "overwritten"), 0);
	snprintf(abs_target, sizeof(abs_target), "%s/outside/secret", top);
	{
		FILE *f = fopen(abs_target, "r");

		assert_non_null(f);
		assert_non_null(fgets(buf, sizeof(buf), f));
		fclose(f);
		assert_string_equal(buf, "host\n");
	}
	gp_path_fini(&p);
}

static void test_read_file_refuses_symlink(void **state)
{
	struct gp_path p;
	char *buf = NULL;
	size_t len = 7;

	(void)state;
	link_to("managed.conf", "/etc/link.conf");
	assert_int_equal(gp_path_init(&p, root), 0);
	assert_int_equal(gp_path_read_file(&p, "/etc/link.conf", &buf, &len, NULL), -ELOOP);
	assert_null(buf);
	assert_int_equal(len, 0);
	assert_int_equal(gp_path_read_file(&p, "/etc/managed.conf", &buf, &len, NULL), 0);
	assert_int_equal(len, 12);
	assert_memory_equal(buf, "old content\n", 12);
	free(buf);
	gp_path_fini(&p);
}

/* The *_at() calls take one component and never follow a final link. */
static void test_at_calls_stay_in_dir(void **state)
{
	struct gp_path p;
	char buf[64];
	int dfd;

	(void)state;
	link_to("managed.conf", "/etc/link.conf");
	assert_int_equal(gp_path_init(&p, root), 0);
	dfd = gp_path_open(&p, "/etc", O_RDONLY | O_DIRECTORY, 0);
	assert_true(dfd >= 0);
	assert_int_equal(gp_path_read_at(dfd, "managed.conf", buf, sizeof(buf)), 11);
	assert_int_equal(gp_path_open_at(dfd, "link.conf", O_RDONLY), -ELOOP);
	assert_int_equal(gp_path_open_at(dfd, "..", O_RDONLY | O_DIRECTORY), -EINVAL);
	assert_int_equal(gp_path_open_at(dfd, ".", O_RDONLY | O_DIRECTORY), -EINVAL);
	assert_int_equal(gp_path_open_at(dfd, "", O_RDONLY), -EINVAL);
	assert_int_equal(gp_path_open_at(dfd, "../etc/managed.conf", O_RDONLY), -EINVAL);
	assert_int_equal(gp_path_open_at(-EBADF, "managed.conf", O_RDONLY), -EBADF);
	close(dfd);
	gp_path_fini(&p);
}

/* The names in @dir other than "." and "..", joined by spaces. */
static void list_dir(const char *dir, char *out, size_t size)
{
	struct dirent *de;
	DIR *d = opendir(dir);

	assert_non_null(d);
	out[0] = '\0';
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			snprintf(out + strlen(out), size - strlen(out), "%s%s", *out ? " " : "",
				 de->d_name);
	closedir(d);
}

static void test_write_fails_halfway(void **state)
{
	static char big[256 * 1024];
	struct rlimit old, small;
	struct gp_path p;
	char *buf, names[512], dir[400];
	size_t len;
	int r;

	(void)state;
	memset(big, 'x', sizeof(big));
	assert_int_equal(gp_path_init(&p, root), 0);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 64 * 1024;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	r = gp_path_write_atomic(&p, "/etc/managed.conf", big, sizeof(big), 0644, GP_OWNER_KEEP, 0);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	assert_int_equal(r, -EFBIG);
	/* The old file, whole, and no temporary file left beside it. */
	assert_int_equal(gp_path_read_file(&p, "/etc/managed.conf", &buf, &len, NULL), 0);
	assert_int_equal(len, 12);
	assert_memory_equal(buf, "old content\n", 12);
	free(buf);
	snprintf(dir, sizeof(dir), "%s/etc", root);
	list_dir(dir, names, sizeof(names));
	assert_string_equal(names, "managed.conf");
	/* The same write without the limit succeeds. */
	assert_int_equal(gp_path_write_atomic(&p, "/etc/managed.conf", big, sizeof(big), 0600,
					      GP_OWNER_KEEP, 0), 0);
	assert_int_equal(gp_path_read_file(&p, "/etc/managed.conf", &buf, &len, NULL), 0);
	assert_int_equal(len, sizeof(big));
	free(buf);
	gp_path_fini(&p);
}

static void test_dir_fsynced(void **state)
{
	struct gp_path p;

	(void)state;
	assert_int_equal(gp_path_init(&p, root), 0);
	logging = 1;
	assert_int_equal(gp_path_write_atomic(&p, "/etc/managed.conf", "new\n", 4, 0644,
					      GP_OWNER_KEEP, 0), 0);
	assert_changes_synced();
	n_evs = 0;
	assert_int_equal(gp_path_write_atomic(&p, "/etc/fresh.conf", "new\n", 4, 0644,
					      GP_OWNER_KEEP, 0), 0);
	assert_changes_synced();
	n_evs = 0;
	assert_int_equal(gp_path_mkdir(&p, "/etc/sub", 0755), 0);
	assert_changes_synced();
	n_evs = 0;
	assert_int_equal(gp_path_rename(&p, "/etc/fresh.conf", "/etc/sub/moved.conf"), 0);
	assert_changes_synced();
	n_evs = 0;
	assert_int_equal(gp_path_unlink(&p, "/etc/sub/moved.conf"), 0);
	assert_changes_synced();
	n_evs = 0;
	assert_int_equal(gp_path_rmdir(&p, "/etc/sub"), 0);
	assert_changes_synced();
	n_evs = 0;
	assert_int_equal(gp_path_mkdir(&p, "/etc/flat", 0755), 0);
	assert_int_equal(gp_path_write_atomic(&p, "/etc/flat/a", "a", 1, 0644, GP_OWNER_KEEP, 0), 0);
	n_evs = 0;
	assert_int_equal(gp_path_rm_flat(&p, "/etc/flat"), 0);
	/* The entries go with their directory: only its removal must be durable. */
	assert_true(n_evs >= 2);
	assert_int_equal(evs[n_evs - 1].kind, EV_FSYNC);
	logging = 0;
	gp_path_fini(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_links_stay_in_root, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_file_refuses_symlink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_at_calls_stay_in_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_fails_halfway, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dir_fsynced, setup, teardown),
	};

	int failed;

	/* Under valgrind, which has no openat2, the one run is already without it. */
	if (!have_openat2())
		return cmocka_run_group_tests_name("without openat2 (none here)", tests, NULL, NULL);
	failed = cmocka_run_group_tests_name("with openat2", tests, NULL, NULL);
	if (gp_test_no_openat2(ENOSYS) < 0 || have_openat2()) {
		fprintf(stderr, "cannot make openat2 unavailable (seccomp)\n");
		return 1;
	}
	return failed + cmocka_run_group_tests_name("openat2 failing ENOSYS", tests, NULL, NULL);
}
