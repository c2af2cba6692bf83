/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bounded commands (run.h): the status and output of a command, its own
 * process group (handed to the started callback before it execs), its
 * deadline with SIGTERM and then SIGKILL to the whole group, the stop for
 * a pending signal, and nothing of the group left behind in any case.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "gp_path.h"
#include "run.h"

static struct gp_path host;
static char top[256], pidfile[320], script[2048];

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(top, sizeof(top), "%s/test_run.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(top))
		return -1;
	snprintf(pidfile, sizeof(pidfile), "%s/pids", top);
	return gp_path_init(&host, NULL);
}

static int teardown(void **state)
{
	(void)state;
	unlink(pidfile);
	rmdir(top);
	gp_path_fini(&host);
	return 0;
}

struct captured {
	char text[4096];
	size_t len;
};

static void capture(void *ctx, const char *buf, size_t len)
{
	struct captured *c = ctx;

	if (len > sizeof(c->text) - 1 - c->len)
		len = sizeof(c->text) - 1 - c->len;
	memcpy(c->text + c->len, buf, len);
	c->len += len;
	c->text[c->len] = '\0';
}

/* Run "/bin/sh -c @text" (on the host) with @lim; @out gets its output. */
static int run_sh(const char *text, const struct gp_run_limits *lim, struct gp_run_end *end,
		  int *st, struct captured *out)
{
	char *argv[] = { (char *)"/bin/sh", (char *)"-c", (char *)text, NULL };
	struct gp_command c;

	memset(&c, 0, sizeof(c));
	memset(out, 0, sizeof(*out));
	c.argv = argv;
	c.what = "test";
	c.in_root = 1;
	return gp_run_limited(&host, &c, capture, out, lim, end, st);
}

/* Is @pid a process that still runs (a zombie does not)? */
static int running(pid_t pid)
{
	char path[64], stat[512], *s;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	s = fgets(stat, sizeof(stat), f);
	fclose(f);
	s = s ? strrchr(stat, ')') : NULL;
	return s && s[1] == ' ' && s[2] != 'Z' && s[2] != 'X';
}

/* The background sleep the script wrote to pidfile ("LEADER SLEEP"). */
static void read_pids(pid_t *leader, pid_t *sleeper)
{
	long a = 0, b = 0;
	FILE *f = fopen(pidfile, "r");

	assert_non_null(f);
	assert_int_equal(fscanf(f, "%ld %ld", &a, &b), 2);
	fclose(f);
	*leader = (pid_t)a;
	*sleeper = (pid_t)b;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static pid_t started_pgid;

static int record(void *ctx, pid_t pgid)
{
	started_pgid = pgid;
	return ctx ? -EIO : 0;
}

static void test_status_output_group(void **state)
{
	struct gp_run_limits lim = { .started = record };
	struct captured out;
	struct gp_run_end end;
	char want[64];
	int st;

	(void)state;
	started_pgid = 0;
	/* Field 5 of /proc/self/stat: the shell's process group. */
	assert_int_equal(run_sh("read -r a b c d pgrp rest </proc/$$/stat; echo \"$$ $pgrp\"; "
				"exit 3", &lim, &end, &st, &out), 0);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 3);
	assert_int_equal(end.timed_out, 0);
	assert_int_equal(end.signal, 0);
	assert_true(end.pgid > 0);
	assert_int_equal(started_pgid, end.pgid);
	assert_int_not_equal(end.pgid, getpgrp());
	/* It leads its own group. */
	snprintf(want, sizeof(want), "%ld %ld\n", (long)end.pgid, (long)end.pgid);
	assert_string_equal(out.text, want);
}

static void test_exec_fails(void **state)
{
	char *argv[] = { (char *)"/nonexistent/tool", NULL };
	struct gp_command c;
	int st;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.argv = argv;
	c.in_root = 1;
	assert_int_equal(gp_run(&host, &c, NULL, NULL, &st), -ENOENT);
}

static void test_started_refuses(void **state)
{
	struct gp_run_limits lim = { .started = record, .ctx = &lim };
	struct captured out;
	struct gp_run_end end;
	int st;

	(void)state;
	snprintf(script, sizeof(script), "echo ran >%s", pidfile);
	assert_int_equal(run_sh(script, &lim, &end, &st, &out), -EIO);
	assert_int_equal(access(pidfile, F_OK), -1);     /* it never ran */
}

static void test_timeout(void **state)
{
	struct gp_run_limits lim = { .timeout_s = 1 };
	struct captured out;
	struct gp_run_end end;
	pid_t leader, sleeper;
	long long t0 = now_ms();
	int st;

	(void)state;
	snprintf(script, sizeof(script), "sleep 60 & echo \"$$ $!\" >%s; wait", pidfile);
	assert_int_equal(run_sh(script, &lim, &end, &st, &out), 0);
	assert_true(now_ms() - t0 < 4000);
	assert_int_equal(end.timed_out, 1);
	assert_int_equal(end.killed, 0);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGTERM);
	read_pids(&leader, &sleeper);
	assert_int_equal(leader, end.pgid);
	assert_false(running(sleeper));
	assert_int_equal(kill(-end.pgid, 0), -1);
	unlink(pidfile);
}

static void test_timeout_sigterm_ignored(void **state)
{
	struct gp_run_limits lim = { .timeout_s = 1 };
	struct captured out;
	struct gp_run_end end;
	pid_t leader, sleeper;
	int st;

	(void)state;
	snprintf(script, sizeof(script), "trap '' TERM; sleep 60 & echo \"$$ $!\" >%s; wait",
		 pidfile);
	assert_int_equal(run_sh(script, &lim, &end, &st, &out), 0);
	assert_int_equal(end.timed_out, 1);
	assert_int_equal(end.killed, 1);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGKILL);
	read_pids(&leader, &sleeper);
	assert_false(running(sleeper));
	unlink(pidfile);
}

static void test_pending_signal_stops(void **state)
{
	struct gp_run_limits lim = { .stop_on_signal = 1 };
	const struct timespec none = { 0, 0 };
	struct captured out;
	struct gp_run_end end;
	sigset_t term, old;
	long long t0;
	int st;

	(void)state;
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, &old);
	raise(SIGTERM);         /* pending, as in a transaction */
	t0 = now_ms();
	assert_int_equal(run_sh("sleep 60", &lim, &end, &st, &out), 0);
	assert_true(now_ms() - t0 < 4000);
	assert_int_equal(end.signal, SIGTERM);
	assert_int_equal(end.timed_out, 0);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(sigtimedwait(&term, NULL, &none), SIGTERM);
	sigprocmask(SIG_SETMASK, &old, NULL);
	/* Without stop_on_signal a pending signal changes nothing. */
	sigprocmask(SIG_BLOCK, &term, &old);
	raise(SIGTERM);
	assert_int_equal(run_sh("exit 0", NULL, &end, &st, &out), 0);
	assert_true(WIFEXITED(st));
	assert_int_equal(end.signal, 0);
	assert_int_equal(sigtimedwait(&term, NULL, &none), SIGTERM);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void test_leftover_stopped(void **state)
{
	struct captured out;
	struct gp_run_end end;
	pid_t leader, sleeper;
	int st;

	(void)state;
	snprintf(script, sizeof(script), "sleep 60 & echo \"$$ $!\" >%s; echo done", pidfile);
	assert_int_equal(run_sh(script, NULL, &end, &st, &out), 0);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_string_equal(out.text, "done\n");
	read_pids(&leader, &sleeper);
	assert_false(running(sleeper));
	unlink(pidfile);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_output_group),
		cmocka_unit_test(test_exec_fails),
		cmocka_unit_test(test_started_refuses),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_timeout_sigterm_ignored),
		cmocka_unit_test(test_pending_signal_stops),
		cmocka_unit_test(test_leftover_stopped),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
