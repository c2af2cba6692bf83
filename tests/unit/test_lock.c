/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The lock's two halves (lock.h): the lock file with our pid, and the
 * flock on the state directory that keeps a second taker out even where
 * the lock file alone would let it in (its pid is ours, or dead).
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "gp_path.h"
#include "lock.h"

static char top[256], dir[300], file[320];

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(top, sizeof(top), "%s/test_lock.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(top))
		return -1;
	snprintf(dir, sizeof(dir), "%s/state", top);
	snprintf(file, sizeof(file), "%s/lock", dir);
	return mkdir(dir, 0755);
}

static int teardown(void **state)
{
	(void)state;
	unlink(file);
	rmdir(dir);
	rmdir(top);
	return 0;
}

static long pid_in_file(void)
{
	char text[32] = "";
	FILE *f = fopen(file, "r");

	if (!f)
		return -1;
	if (!fgets(text, sizeof(text), f))
		text[0] = '\0';
	fclose(f);
	return strtol(text, NULL, 10);
}

static void test_take_release(void **state)
{
	struct gp_lock l = GP_LOCK_INIT, second = GP_LOCK_INIT;
	struct gp_path p;

	(void)state;
	assert_int_equal(gp_path_init(&p, top), 0);
	assert_int_equal(gp_lock_take(&p, "/state", "/state/lock", &l), 0);
	assert_int_equal(pid_in_file(), (long)getpid());
	/*
	 * A second taker in this process: the lock file's pid is its own,
	 * which the file half takes for a leftover; the flock says no.
	 */
	assert_int_equal(gp_lock_take(&p, "/state", "/state/lock", &second), -EBUSY);
	gp_lock_release(&p, "/state", "/state/lock", &second);
	assert_int_equal(pid_in_file(), (long)getpid());
	gp_lock_release(&p, "/state", "/state/lock", &l);
	/* Released: the file is gone, and so is the (empty) directory. */
	assert_int_equal(access(file, F_OK), -1);
	assert_int_equal(access(dir, F_OK), -1);
	gp_path_fini(&p);
}

static void test_flock_held_elsewhere(void **state)
{
	struct gp_lock l = GP_LOCK_INIT;
	struct gp_path p;
	pid_t pid;
	int fd, status;
	FILE *f;

	(void)state;
	/* A lock file left by a run that died, its pid dead... */
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, &status, 0);
	f = fopen(file, "w");
	assert_non_null(f);
	fprintf(f, "%ld\n", (long)pid);
	fclose(f);
	/* ...while another taker holds the directory's flock. */
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	assert_int_equal(gp_path_init(&p, top), 0);
	assert_int_equal(gp_lock_take(&p, "/state", "/state/lock", &l), -EBUSY);
	gp_lock_release(&p, "/state", "/state/lock", &l);
	assert_int_equal(pid_in_file(), (long)pid);
	/* Once it lets go, the stale file is taken over. */
	close(fd);
	l = (struct gp_lock)GP_LOCK_INIT;
	assert_int_equal(gp_lock_take(&p, "/state", "/state/lock", &l), 0);
	assert_int_equal(pid_in_file(), (long)getpid());
	gp_lock_release(&p, "/state", "/state/lock", &l);
	gp_path_fini(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_take_release, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flock_held_elsewhere, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
