/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One containment rule for --root, with and without openat2: every case
 * runs twice, first as the kernel offers it (openat2 with RESOLVE_IN_ROOT
 * where it exists), then with a seccomp filter failing openat2 with ENOSYS
 * (tests/tools/no_openat2.h), so the path layer resolves by hand
 * (gp_path_resolve_open).  Both runs expect the same answers: absolute
 * links restart at the root, ".." stops there, a loop and more than 40
 * links are -ELOOP, a dangling link is -ENOENT (and O_CREAT creates its
 * target inside the root), a link to a file where a directory is needed
 * is -ENOTDIR, and no operation of the layer (open, write, mkdir, unlink,
 * rename, stat, readlink, opendir) touches the tree outside the root, nor
 * fails because renames elsewhere made openat2 say EAGAIN.
 * Under valgrind, which has no openat2, the first run is already the
 * fallback.
 */
#include <dirent.h>
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
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "gp_path.h"
#include "gp_path_write.h"
#include "../tools/no_openat2.h"

/* TOP/outside stands for the host, TOP/root for the --root directory. */
static char top[256], root[300], host[300];
static struct gp_path P;

static void put(const char *path, const char *content)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(content, f);
	assert_int_equal(fclose(f), 0);
}

/* symlink(@target, ROOT@at) */
static void link_at(const char *target, const char *at)
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

/* ROOT with /outside/secret ("inside"), /etc/file ("file"), /etc/a/b; OUT/secret ("host"). */
static int make_tree(void)
{
	static const char *const dirs[] = { "", "/outside", "/etc", "/etc/a", "/etc/a/b", NULL };
	char path[1024];
	size_t i;

	for (i = 0; dirs[i]; i++) {
		snprintf(path, sizeof(path), "%s%s", root, dirs[i]);
		if (mkdir(path, 0755) < 0)
			return -1;
	}
	snprintf(path, sizeof(path), "%s/outside/secret", root);
	put(path, "inside\n");
	snprintf(path, sizeof(path), "%s/etc/file", root);
	put(path, "file\n");
	snprintf(path, sizeof(path), "%s/secret", host);
	put(path, "host\n");
	return 0;
}

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(top, sizeof(top), "%s/test_gp_path_resolve.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(top))
		return -1;
	snprintf(root, sizeof(root), "%s/root", top);
	snprintf(host, sizeof(host), "%s/outside", top);
	if (mkdir(host, 0755) < 0 || make_tree() < 0)
		return -1;
	return gp_path_init(&P, root);
}

static int teardown(void **state)
{
	(void)state;
	gp_path_fini(&P);
	nftw(top, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* The host stand-in holds exactly "secret", still reading "host". */
static void assert_host_untouched(void)
{
	char path[1024], buf[16] = "";
	struct dirent *de;
	DIR *d = opendir(host);
	FILE *f;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	assert_int_equal(n, 1);
	snprintf(path, sizeof(path), "%s/secret", host);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "host\n");
}

/* A macro, so a failure names the caller's line. */
#define assert_reads(path, want) do { \
		char rbuf_[64]; \
		assert_int_equal(gp_path_read(&P, path, rbuf_, sizeof(rbuf_)), (int)strlen(want)); \
		assert_string_equal(rbuf_, want); \
	} while (0)

/* --- the cases -------------------------------------------------------------------- */

static void test_absolute_link(void **state)
{
	char target[600];

	(void)state;
	snprintf(target, sizeof(target), "%s/secret", host);
	link_at(target, "/etc/host-name");      /* the host's name: not inside the root */
	link_at("/outside/secret", "/etc/abs");
	link_at("/outside", "/etc/a/abs-dir");  /* absolute, in the middle of a path */
	link_at(host, "/etc/host-dir");
	assert_int_equal(gp_path_read(&P, "/etc/host-name", target, sizeof(target)), -ENOENT);
	assert_int_equal(gp_path_exists(&P, "/etc/host-name"), 0);
	assert_reads("/etc/abs", "inside");
	assert_reads("/etc/a/abs-dir/secret", "inside");
	assert_int_equal(gp_path_read(&P, "/etc/host-dir/secret", target, sizeof(target)),
			 -ENOENT);
	/* Writes through such links: refused, or inside the root. */
	assert_int_equal(gp_path_write_atomic(&P, "/etc/host-dir/new", "x", 1, 0644,
					      GP_OWNER_KEEP, 0), -ENOENT);
	assert_int_equal(gp_path_mkdir(&P, "/etc/host-dir/d", 0755), -ENOENT);
	assert_int_equal(gp_path_write_atomic(&P, "/etc/a/abs-dir/new", "new", 3, 0644,
					      GP_OWNER_KEEP, 0), 0);
	assert_reads("/outside/new", "new");
	assert_int_equal(gp_path_unlink(&P, "/etc/a/abs-dir/new"), 0);
	assert_host_untouched();
}

static void test_relative_link_with_dotdot(void **state)
{
	struct stat st;
	char buf[256];

	(void)state;
	link_at("../../../../../../outside/secret", "/etc/a/climb"); /* more ".." than depth */
	link_at("../../../outside", "/etc/a/b/up");
	link_at("b/../../file", "/etc/a/via");
	assert_reads("/etc/a/climb", "inside");
	assert_reads("/etc/a/b/up/secret", "inside");
	assert_reads("/etc/a/via", "file");
	assert_reads("/../../../outside/secret", "inside");
	assert_reads("/etc/a/b/../../../../outside/secret", "inside");
	assert_int_equal(gp_path_stat(&P, "/etc/a/climb", &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(gp_path_lstat(&P, "/etc/a/climb", &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(gp_path_readlink(&P, "/etc/a/b/up", buf, sizeof(buf)), 16);
	assert_string_equal(buf, "../../../outside");
	/* The root's parent is the root: "/.." lists the root itself. */
	{
		DIR *d = gp_path_opendir(&P, "/etc/a/b/up/../..");
		struct dirent *de;
		int seen = 0;

		assert_non_null(d);
		while ((de = readdir(d)))
			seen |= strcmp(de->d_name, "etc") == 0;
		closedir(d);
		assert_true(seen);
	}
	assert_int_equal(gp_path_write(&P, "/etc/a/climb", "written"), 0);
	assert_reads("/outside/secret", "written");
	assert_host_untouched();
}

static void test_link_loop(void **state)
{
	char name[32], target[32];
	int i, fd;

	(void)state;
	link_at("loop2", "/etc/loop1");
	link_at("/etc/loop1", "/etc/loop2");
	link_at("self/x", "/etc/self");
	assert_int_equal(gp_path_open(&P, "/etc/loop1", O_RDONLY, 0), -ELOOP);
	assert_int_equal(gp_path_open(&P, "/etc/self", O_RDONLY, 0), -ELOOP);
	assert_int_equal(gp_path_write_atomic(&P, "/etc/loop1/x", "x", 1, 0644,
					      GP_OWNER_KEEP, 0), -ELOOP);
	/* The kernel's bound: 40 links are followed, the 41st is refused. */
	for (i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), "/etc/c%d", i);
		if (i == 40)
			snprintf(target, sizeof(target), "file");
		else
			snprintf(target, sizeof(target), "c%d", i + 1);
		link_at(target, name);
	}
	fd = gp_path_open(&P, "/etc/c1", O_RDONLY, 0);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(gp_path_open(&P, "/etc/c0", O_RDONLY, 0), -ELOOP);
}

static void test_dangling_link(void **state)
{
	char path[1024];
	int fd;

	(void)state;
	link_at("/nowhere/x", "/etc/dangling");
	link_at("/made", "/etc/to-make");
	assert_int_equal(gp_path_open(&P, "/etc/dangling", O_RDONLY, 0), -ENOENT);
	assert_int_equal(gp_path_exists(&P, "/etc/dangling"), 0);
	/* O_CREAT through a dangling link creates its target, inside the root. */
	fd = gp_path_open(&P, "/etc/to-make", O_WRONLY | O_CREAT, 0644);
	assert_true(fd >= 0);
	close(fd);
	snprintf(path, sizeof(path), "%s/made", root);
	assert_int_equal(access(path, F_OK), 0);
	/* Not with O_EXCL or O_NOFOLLOW: the link itself is there. */
	assert_int_equal(gp_path_open(&P, "/etc/dangling", O_WRONLY | O_CREAT | O_EXCL, 0644),
			 -EEXIST);
	assert_int_equal(gp_path_open(&P, "/etc/dangling", O_RDONLY | O_NOFOLLOW, 0), -ELOOP);
	/* Replacing the link (write, unlink) acts on the link, in the root. */
	assert_int_equal(gp_path_write_atomic(&P, "/etc/dangling", "d", 1, 0644,
					      GP_OWNER_KEEP, 0), 0);
	assert_reads("/etc/dangling", "d");
	assert_int_equal(gp_path_unlink(&P, "/etc/dangling"), 0);
	assert_int_equal(gp_path_exists(&P, "/etc/dangling"), 0);
	assert_host_untouched();
}

static void test_file_where_dir_needed(void **state)
{
	DIR *d;

	(void)state;
	link_at("file", "/etc/file-link");
	link_at("/etc/file", "/etc/abs-file-link");
	assert_int_equal(gp_path_open(&P, "/etc/file-link/x", O_RDONLY, 0), -ENOTDIR);
	assert_int_equal(gp_path_open(&P, "/etc/abs-file-link/x", O_RDONLY, 0), -ENOTDIR);
	assert_int_equal(gp_path_open(&P, "/etc/file/x", O_RDONLY, 0), -ENOTDIR);
	assert_int_equal(gp_path_open(&P, "/etc/file-link", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	assert_int_equal(gp_path_open(&P, "/etc/file-link/", O_RDONLY, 0), -ENOTDIR);
	assert_int_equal(gp_path_mkdir(&P, "/etc/file-link/sub", 0755), -ENOTDIR);
	assert_int_equal(gp_path_write_atomic(&P, "/etc/file-link/new", "x", 1, 0644,
					      GP_OWNER_KEEP, 0), -ENOTDIR);
	d = gp_path_opendir(&P, "/etc/file-link");
	assert_null(d);
	assert_int_equal(errno, ENOTDIR);
	assert_int_equal(gp_path_exists(&P, "/etc/file-link/x"), 0);
	/* A final link to a file is followed when no directory is asked for. */
	assert_reads("/etc/abs-file-link", "file");
}

/* The other operations of the layer, each through an absolute directory link. */
static void test_every_operation_contained(void **state)
{
	char buf[64];
	struct stat st;
	DIR *d;

	(void)state;
	link_at("/etc", "/outside/etc-link");
	link_at(top, "/etc/top");
	assert_int_equal(gp_path_mkdir(&P, "/outside/etc-link/gpupt", 0700), 0);
	assert_int_equal(gp_path_write_atomic(&P, "/outside/etc-link/gpupt/bind.conf", "b\n", 2,
					      0644, GP_OWNER_KEEP, 0), 0);
	assert_reads("/etc/gpupt/bind.conf", "b");
	assert_int_equal(gp_path_rename(&P, "/outside/etc-link/gpupt/bind.conf",
					"/outside/etc-link/gpupt/moved"), 0);
	assert_int_equal(gp_path_stat(&P, "/outside/etc-link/gpupt/moved", &st), 0);
	assert_int_equal(st.st_size, 2);
	d = gp_path_opendir(&P, "/outside/etc-link/gpupt");
	assert_non_null(d);
	closedir(d);
	assert_int_equal(gp_path_link_name(&P, "/outside/etc-link/top", buf, sizeof(buf)),
			 (int)strlen(strrchr(top, '/') + 1));
	assert_int_equal(gp_path_unlink(&P, "/outside/etc-link/gpupt/moved"), 0);
	assert_int_equal(gp_path_rmdir(&P, "/outside/etc-link/gpupt"), 0);
	assert_int_equal(gp_path_exists(&P, "/etc/gpupt"), 0);
	/* TOP's own name inside the root does not exist: nothing there is reached. */
	assert_int_equal(gp_path_open(&P, "/etc/top/outside/secret", O_RDONLY, 0), -ENOENT);
	assert_int_equal(gp_path_rm_flat(&P, "/etc/top/outside"), -ENOENT);
	assert_host_untouched();
}

/* The resolver itself, whatever the kernel has: paths and flags openat2 would take. */
static void test_resolver_direct(void **state)
{
	int fd;

	(void)state;
	link_at("/outside/", "/etc/slash");
	fd = gp_path_resolve_open(P.rootfd, "", O_RDONLY | O_DIRECTORY, 0);
	assert_true(fd >= 0);
	close(fd);
	fd = gp_path_resolve_open(P.rootfd, "/etc/slash/secret", O_RDONLY, 0);
	assert_true(fd >= 0);
	assert_int_equal(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	close(fd);
	fd = gp_path_resolve_open(P.rootfd, "etc/slash", O_PATH | O_NOFOLLOW, 0);
	assert_true(fd >= 0);       /* O_PATH|O_NOFOLLOW: the link itself */
	close(fd);
	assert_int_equal(gp_path_resolve_open(P.rootfd, "etc/file/", O_RDONLY, 0), -ENOTDIR);
	assert_int_equal(gp_path_resolve_open(P.rootfd, "etc/missing/x", O_RDONLY, 0), -ENOENT);
	assert_int_equal(gp_path_resolve_open(-1, "etc", O_RDONLY, 0), -EBADF);
}

/* Does openat2 answer in this process (not under valgrind, not after the filter)? */
static int have_openat2(void)
{
	struct { uint64_t flags, mode, resolve; } how = { O_RDONLY | O_DIRECTORY, 0, 0 };
	long fd = syscall(SYS_openat2, AT_FDCWD, "/", &how, sizeof(how));

	if (fd < 0)
		return 0;
	close((int)fd);
	return 1;
}

/*
 * A busy machine: renames elsewhere make RESOLVE_IN_ROOT fail a ".." with
 * EAGAIN now and then (about 1 in 100 here), which the layer must retry,
 * not report.  A child renames a file back and forth meanwhile.
 */
static void test_busy_system(void **state)
{
	char path[1024];
	int i, n = have_openat2() ? 20000 : 200, failed = 0, last = 0;
	pid_t pid;

	(void)state;
	link_at("../../../outside/secret", "/etc/a/b/up");
	snprintf(path, sizeof(path), "%s/x", top);
	put(path, "");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char other[1100];

		snprintf(other, sizeof(other), "%s.y", path);
		for (;;) {
			rename(path, other);
			rename(other, path);
		}
	}
	for (i = 0; i < n; i++) {
		char buf[16];
		int r = gp_path_read(&P, "/etc/a/b/up", buf, sizeof(buf));

		if (r != 6) {
			failed++;
			last = r;
		}
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (failed)
		fail_msg("%d of %d reads failed, the last with %d", failed, n, last);
}

#define CASE(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(test_absolute_link),
		CASE(test_relative_link_with_dotdot),
		CASE(test_link_loop),
		CASE(test_dangling_link),
		CASE(test_file_where_dir_needed),
		CASE(test_every_operation_contained),
		CASE(test_resolver_direct),
		CASE(test_busy_system),
	};
	int failed;

	if (!have_openat2())
		return cmocka_run_group_tests_name("without openat2 (none here)", tests, NULL, NULL);
	failed = cmocka_run_group_tests_name("with openat2", tests, NULL, NULL);
	if (gp_test_no_openat2(ENOSYS) < 0 || have_openat2()) {
		fprintf(stderr, "cannot make openat2 unavailable (seccomp)\n");
		return 1;
	}
	return failed + cmocka_run_group_tests_name("openat2 failing ENOSYS", tests, NULL, NULL);
}
