/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The transaction engine on a scratch root, with plans built by hand and
 * commands that are small sh scripts logging to a file outside the root:
 * apply and revert restore the tree byte for byte, a failing command rolls
 * back and regenerates, a kill at every crash point is recovered to
 * all-old or all-new, edited files are left alone, the lock, /boot space,
 * stale plans, mounts, the journal format and the command runner.
 * A revert and a recovery run what the back ends say for the root (an
 * initramfs-tools root with GRUB here), never the journal's commands: the
 * overrides A (the initramfs rebuild) and B (the GRUB update) log the same.
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
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "gp_path_write.h"
#include "journal.h"
#include "run.h"
#include "txn.h"

struct env {
	char top[256];      /* scratch directory: root/ and the command log */
	char root[300];
	char log[300];
	char mark[300];
	char gen_a[300], gen_b[300], reader[300];  /* the back ends' commands, overridden */
	struct gp_plan_options opt;
	struct gp_path p;
};

/* --- scratch files (the test's own access, outside the engine) ------------------ */

static void put(struct env *e, const char *path, const char *content, mode_t mode)
{
	char full[1024];
	int fd;

	snprintf(full, sizeof(full), "%s%s", e->root, path);
	fd = open(full, O_WRONLY | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static void mk(struct env *e, const char *path)
{
	char full[1024];

	snprintf(full, sizeof(full), "%s%s", e->root, path);
	assert_int_equal(mkdir(full, 0755), 0);
}

static char *get(struct env *e, const char *path)
{
	char *buf;
	size_t len;

	if (gp_path_read_file(&e->p, path, &buf, &len, NULL) < 0)
		return NULL;
	return buf;
}

static char *slurp_host(const char *path)
{
	static char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	buf[0] = '\0';
	if (fd < 0)
		return buf;
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	return buf;
}

/* A listing of the whole tree: path, type, mode, owner, content hash; sorted. */
static char **snap_lines;
static size_t snap_n;
static size_t snap_skip;      /* length of the root prefix */
static int snap_no_state;

static int snap_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	char line[2048], *buf = NULL;
	const char *rel = path + snap_skip;
	uint64_t h = 0;

	(void)type;
	(void)ftw;
	if (snap_no_state && strncmp(rel, GP_STATE_DIR, strlen(GP_STATE_DIR)) == 0)
		return 0;
	if (S_ISREG(st->st_mode) && st->st_size < (1 << 20)) {
		int fd = open(path, O_RDONLY);

		buf = malloc((size_t)st->st_size + 1);
		if (fd >= 0 && buf && read(fd, buf, (size_t)st->st_size) == st->st_size)
			h = gp_journal_fnv1a64(buf, (size_t)st->st_size);
		if (fd >= 0)
			close(fd);
		free(buf);
	}
	snprintf(line, sizeof(line), "%s %o %u:%u %lld %016llx", *rel ? rel : "/",
		 (unsigned int)st->st_mode, (unsigned int)st->st_uid, (unsigned int)st->st_gid,
		 S_ISDIR(st->st_mode) ? 0LL : (long long)st->st_size, (unsigned long long)h);
	snap_lines = realloc(snap_lines, (snap_n + 1) * sizeof(*snap_lines));
	if (!snap_lines)
		abort();
	snap_lines[snap_n++] = strdup(line);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *snapshot(struct env *e, int no_state)
{
	size_t i, len = 0;
	char *out;

	snap_lines = NULL;
	snap_n = 0;
	snap_skip = strlen(e->root);
	snap_no_state = no_state;
	assert_int_equal(nftw(e->root, snap_one, 16, FTW_PHYS), 0);
	qsort(snap_lines, snap_n, sizeof(*snap_lines), cmp_str);
	for (i = 0; i < snap_n; i++)
		len += strlen(snap_lines[i]) + 1;
	out = calloc(1, len + 1);
	if (!out)
		abort();
	for (i = 0; i < snap_n; i++) {
		strcat(out, snap_lines[i]);
		strcat(out, "\n");
		free(snap_lines[i]);
	}
	free(snap_lines);
	return out;
}

static int rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

static void put_host(const char *path, const char *content, mode_t mode)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(content, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, mode), 0);
}

/* --- plans ------------------------------------------------------------------------ */

static struct gp_file_change files[3];
static struct gp_command cmds[2];
static char *argv_a[4], *argv_b[4];
static char script_a[1200], script_b[1200];
static struct gp_plan plan;

/*
 * Command A logs "A"; command B logs "B" and, when told to, fails once (the
 * marker file records that it did), so the rerun after a rollback succeeds.
 */
static void make_plan(struct env *e, const char *bind, const char *cfg, int b_fails)
{
	char *old;
	size_t len;

	memset(files, 0, sizeof(files));
	memset(cmds, 0, sizeof(cmds));
	memset(&plan, 0, sizeof(plan));
	strcpy(files[0].path, "/etc/gpupt/bind.conf");
	strcpy(files[1].path, "/etc/default/grub.d/99-gpupt.cfg");
	strcpy(files[2].path, "/etc/modprobe.d/gpupt.conf");
	files[0].new_content = (char *)bind;
	files[1].new_content = (char *)cfg;
	files[2].new_content = (char *)"softdep nvidia pre: vfio-pci\n";
	for (int i = 0; i < 3; i++) {
		files[i].new_len = strlen(files[i].new_content);
		files[i].mode = 0644;
		if (gp_path_read_file(&e->p, files[i].path, &old, &len, NULL) == 0) {
			files[i].old_exists = 1;
			files[i].old_content = old;
			files[i].old_len = len;
		}
	}
	snprintf(script_a, sizeof(script_a), "echo A >>'%s'", e->log);
	snprintf(script_b, sizeof(script_b),
		 "echo B >>'%s'; if [ %d = 1 ] && [ ! -e '%s' ]; then : >'%s'; echo 'B broke' >&2; exit 3; fi",
		 e->log, b_fails, e->mark, e->mark);
	/* The same two as the back ends' commands for a revert or a recovery. */
	{
		char text[1400];

		snprintf(text, sizeof(text), "#!/bin/sh\n%s\n", script_a);
		put_host(e->gen_a, text, 0755);
		snprintf(text, sizeof(text), "#!/bin/sh\n%s\n", script_b);
		put_host(e->gen_b, text, 0755);
	}
	plan.options = e->opt;
	argv_a[0] = argv_b[0] = (char *)"/bin/sh";
	argv_a[1] = argv_b[1] = (char *)"-c";
	argv_a[2] = script_a;
	argv_b[2] = script_b;
	argv_a[3] = argv_b[3] = NULL;
	cmds[0].argv = argv_a;
	cmds[0].what = "A";
	strcpy(cmds[0].kver, "6.1.0-test");
	cmds[0].generator = 1;
	cmds[1].argv = argv_b;
	cmds[1].what = "B";
	cmds[1].generator = 1;
	plan.files = files;
	plan.n_files = 3;
	plan.cmds = cmds;
	plan.n_cmds = 2;
}

static void free_plan(void)
{
	for (int i = 0; i < 3; i++)
		free(files[i].old_content);
	memset(files, 0, sizeof(files));
}

/* --- fixtures --------------------------------------------------------------------- */

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	const char *tmp = getenv("TMPDIR");

	snprintf(e->top, sizeof(e->top), "%s/test_txn.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(e->top))
		return -1;
	snprintf(e->root, sizeof(e->root), "%s/root", e->top);
	snprintf(e->log, sizeof(e->log), "%s/log", e->top);
	snprintf(e->mark, sizeof(e->mark), "%s/failed-once", e->top);
	snprintf(e->gen_a, sizeof(e->gen_a), "%s/gen-a", e->top);
	snprintf(e->gen_b, sizeof(e->gen_b), "%s/gen-b", e->top);
	snprintf(e->reader, sizeof(e->reader), "%s/reader", e->top);
	e->opt.update_initramfs = e->gen_a;
	e->opt.update_bootloader = e->gen_b;
	e->opt.unmkinitramfs = e->reader;
	if (mkdir(e->root, 0755) < 0)
		return -1;
	mk(e, "/etc");
	mk(e, "/etc/default");
	mk(e, "/etc/modprobe.d");
	mk(e, "/boot");
	mk(e, "/var");
	mk(e, "/var/lib");
	put(e, "/etc/default/grub", "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n", 0644);
	/* An existing file of ours with its own mode: it must keep it. */
	put(e, "/etc/modprobe.d/gpupt.conf", "# old\n", 0640);
	put(e, "/boot/initrd.img-6.1.0-test", "initrd", 0644);
	/* One kernel, initramfs-tools' program: a revert rebuilds its image. */
	mk(e, "/lib");
	mk(e, "/lib/modules");
	mk(e, "/lib/modules/6.1.0-test");
	mk(e, "/usr");
	mk(e, "/usr/sbin");
	put(e, "/usr/sbin/update-initramfs", "#!/bin/sh\n", 0755);
	put(e, "/usr/sbin/update-grub", "#!/bin/sh\n", 0755);
	{
		/* Reads the image as holding what the root's bind.conf asks (image_verify.h). */
		char text[1400];

		snprintf(text, sizeof(text),
			 "#!/bin/sh\nd=$2; c='%s/etc/gpupt/bind.conf'\n"
			 "mkdir -p $d/sbin $d/scripts/init-top $d/etc/gpupt\n"
			 ": >$d/scripts/init-top/gpupt\n"
			 "if [ -f \"$c\" ] && grep -q '^0' \"$c\"; then\n"
			 "  : >$d/sbin/gpupt-bind; cp \"$c\" $d/etc/gpupt/bind.conf; fi\n", e->root);
		put_host(e->reader, text, 0755);
	}
	if (gp_path_init(&e->p, e->root) < 0)
		return -1;
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	gp_path_fini(&e->p);
	nftw(e->top, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(e);
	free_plan();
	return 0;
}

static const char *BIND1 = "0000:01:00.0 10de:2204\n";
static const char *BIND2 = "0000:01:00.0 10de:2204\n0000:01:00.1 10de:1aef\n";
static const char *CFG1 = "GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT intel_iommu=on\"\n";

/* --- tests ------------------------------------------------------------------------ */

static void test_apply_revert(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	char *before, *after, *s;
	struct stat st;
	char full[1024];

	before = snapshot(e, 0);
	make_plan(e, BIND1, CFG1, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	assert_int_equal(res.failed_step, -1);
	gp_txn_result_free(&res);
	s = get(e, "/etc/gpupt/bind.conf");
	assert_string_equal(s, BIND1);
	free(s);
	s = get(e, "/etc/modprobe.d/gpupt.conf");
	assert_string_equal(s, "softdep nvidia pre: vfio-pci\n");
	free(s);
	snprintf(full, sizeof(full), "%s/etc/modprobe.d/gpupt.conf", e->root);
	assert_int_equal(stat(full, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	snprintf(full, sizeof(full), "%s/etc/gpupt/bind.conf", e->root);
	assert_int_equal(stat(full, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/history/0001/journal"), 1);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/txn"), 0);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/lock"), 0);
	assert_string_equal(slurp_host(e->log), "A\nB\n");

	/* The same plan again changes nothing: no command, no entry. */
	after = snapshot(e, 0);
	free_plan();
	make_plan(e, BIND1, CFG1, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	gp_txn_result_free(&res);
	s = snapshot(e, 0);
	assert_string_equal(s, after);
	free(s);
	free(after);
	assert_string_equal(slurp_host(e->log), "A\nB\n");

	assert_int_equal(gp_txn_revert(&e->p, 0, &e->opt, NULL, NULL, &res), 0);
	assert_int_equal(res.n_restored, 3);
	assert_int_equal(res.n_modified, 0);
	gp_txn_result_free(&res);
	after = snapshot(e, 0);
	assert_string_equal(after, before);
	free(after);
	free(before);
	assert_string_equal(slurp_host(e->log), "A\nB\nA\nB\n");
	assert_int_equal(gp_txn_revert(&e->p, 0, &e->opt, NULL, NULL, &res), -ENOENT);
	gp_txn_result_free(&res);
}

static void test_revert_all(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	char *before, *after, *s;

	before = snapshot(e, 0);
	make_plan(e, BIND1, CFG1, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	free_plan();
	make_plan(e, BIND2, CFG1, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/history/0002"), 1);

	/* The last one only: back to BIND1. */
	assert_int_equal(gp_txn_revert(&e->p, 0, &e->opt, NULL, NULL, &res), 0);
	gp_txn_result_free(&res);
	s = get(e, "/etc/gpupt/bind.conf");
	assert_string_equal(s, BIND1);
	free(s);

	free_plan();
	make_plan(e, BIND2, CFG1, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	assert_int_equal(gp_txn_revert(&e->p, 1, &e->opt, NULL, NULL, &res), 0);
	assert_int_equal(res.n_entries, 2);
	gp_txn_result_free(&res);
	after = snapshot(e, 0);
	assert_string_equal(after, before);
	free(after);
	free(before);
}

static void test_command_fails(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	char *before, *after;

	before = snapshot(e, 1);
	make_plan(e, BIND1, CFG1, 1);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), -ECHILD);
	assert_int_equal(res.failed_step, GP_STEP_COMMAND);
	assert_non_null(strstr(res.failed_what, "/bin/sh -c echo B"));
	assert_true(WIFEXITED(res.command_status));
	assert_int_equal(WEXITSTATUS(res.command_status), 3);
	assert_int_equal(res.rolled_back, 1);
	assert_int_equal(res.rollback_err, 0);
	gp_txn_result_free(&res);
	/* A, B (fails), then both generators again over the restored files. */
	assert_string_equal(slurp_host(e->log), "A\nB\nA\nB\n");
	/* Every file as it was; only the (empty) state directory remains. */
	after = snapshot(e, 1);
	assert_string_equal(after, before);
	free(after);
	free(before);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/txn"), 0);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/history"), 0);
}

struct seen {
	char out[256];
	int writes, commands, regenerate;
};

static void on_step(void *ctx, enum gp_txn_step s, size_t i, size_t n, const char *what)
{
	struct seen *sn = ctx;

	(void)i;
	(void)n;
	(void)what;
	sn->writes += s == GP_STEP_WRITE;
	sn->commands += s == GP_STEP_COMMAND;
	sn->regenerate += s == GP_STEP_REGENERATE;
}

static void on_output(void *ctx, const char *buf, size_t len)
{
	struct seen *sn = ctx;
	size_t have = strlen(sn->out);

	if (have + len < sizeof(sn->out)) {
		memcpy(sn->out + have, buf, len);
		sn->out[have + len] = '\0';
	}
}

static void test_ops(void **state)
{
	struct env *e = *state;
	struct gp_txn_ops ops = { .step = on_step, .output = on_output };
	struct gp_txn_result res;
	struct seen sn;

	memset(&sn, 0, sizeof(sn));
	make_plan(e, BIND1, CFG1, 1);
	assert_int_equal(gp_txn_apply(&e->p, &plan, &ops, &sn, &res), -ECHILD);
	gp_txn_result_free(&res);
	assert_int_equal(sn.writes, 3);
	assert_int_equal(sn.commands, 2);
	assert_int_equal(sn.regenerate, 2);
	assert_string_equal(sn.out, "B broke\n");
}

/* Kill the apply at every crash point; the next recover leaves all old or all new. */
static void test_crash_everywhere(void **state)
{
	struct env *e = *state;
	char *before, *after, *now;
	struct gp_txn_result res;
	int n, status, what, finished = 0;

	before = snapshot(e, 1);
	/* What a full apply makes, on a copy of the start. */
	make_plan(e, BIND1, CFG1, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	after = snapshot(e, 1);
	assert_int_equal(gp_txn_revert(&e->p, 0, &e->opt, NULL, NULL, &res), 0);
	gp_txn_result_free(&res);
	now = snapshot(e, 1);
	assert_string_equal(now, before);
	free(now);

	for (n = 1; n < 50 && !finished; n++) {
		pid_t pid;

		free_plan();
		make_plan(e, BIND1, CFG1, 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			plan.options.test_crash_at = n;
			_exit(gp_txn_apply(&e->p, &plan, NULL, NULL, &res) == 0 ? 0 : 1);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (WIFEXITED(status)) {
			assert_int_equal(WEXITSTATUS(status), 0);
			finished = 1;
		} else {
			assert_true(WIFSIGNALED(status));
			assert_int_equal(WTERMSIG(status), SIGKILL);
			assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/lock"), 1);
		}
		assert_int_equal(gp_txn_recover(&e->p, &e->opt, NULL, NULL, &what), 0);
		assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/txn"), 0);
		now = snapshot(e, 1);
		if (strcmp(now, before) != 0 && strcmp(now, after) != 0)
			fail_msg("after a kill at point %d the tree is neither old nor new:\n%s", n, now);
		if (strcmp(now, after) == 0) {
			assert_true(finished || what == 2);
			assert_int_equal(gp_txn_revert(&e->p, 0, &e->opt, NULL, NULL, &res), 0);
			gp_txn_result_free(&res);
		} else {
			assert_int_equal(what, 1);
		}
		free(now);
	}
	assert_true(finished);
	assert_true(n > 6);     /* journal, 3 files, 2 commands, close: all were hit */
	free(before);
	free(after);
}

static void test_crash_during_revert(void **state)
{
	struct env *e = *state;
	char *applied, *before, *now;
	struct gp_txn_result res;
	int n, status, what, finished = 0;

	before = snapshot(e, 1);
	make_plan(e, BIND1, CFG1, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	applied = snapshot(e, 1);
	for (n = 1; n < 50 && !finished; n++) {
		pid_t pid = fork();

		assert_true(pid >= 0);
		if (pid == 0) {
			struct gp_plan_options opt = e->opt;

			opt.test_crash_at = n;

			_exit(gp_txn_revert(&e->p, 0, &opt, NULL, NULL, &res) == 0 ? 0 : 1);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		finished = WIFEXITED(status) && WEXITSTATUS(status) == 0;
		assert_int_equal(gp_txn_recover(&e->p, &e->opt, NULL, NULL, &what), 0);
		now = snapshot(e, 1);
		if (strcmp(now, finished || what == 2 ? before : applied) != 0)
			fail_msg("revert killed at point %d: unexpected tree\n%s", n, now);
		free(now);
		if (what == 2)
			break;
	}
	free(before);
	free(applied);
}

static void test_revert_modified(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	char *s;

	make_plan(e, BIND1, CFG1, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	put(e, "/etc/gpupt/bind.conf", "# mine\n", 0644);
	put(e, "/etc/modprobe.d/gpupt.conf", "# mine too\n", 0644);
	assert_int_equal(gp_txn_revert(&e->p, 0, &e->opt, NULL, NULL, &res), -EEXIST);
	assert_int_equal(res.n_modified, 2);
	assert_string_equal(res.modified[0], "/etc/gpupt/bind.conf");
	assert_int_equal(res.modified_kept[0], 0);
	assert_string_equal(res.modified[1], "/etc/modprobe.d/gpupt.conf");
	assert_int_equal(res.modified_kept[1], 1);
	assert_int_equal(res.n_restored, 1);
	assert_string_equal(res.restored[0], "/etc/default/grub.d/99-gpupt.cfg");
	assert_int_equal(res.restored_removed[0], 1);
	gp_txn_result_free(&res);
	s = get(e, "/etc/gpupt/bind.conf");
	assert_string_equal(s, "# mine\n");
	free(s);
	s = get(e, GP_STATE_DIR "/kept/etc/modprobe.d/gpupt.conf");
	assert_string_equal(s, "# old\n");
	free(s);
	assert_int_equal(gp_path_exists(&e->p, "/etc/default/grub.d"), 0);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/history"), 0);
}

static void test_lock(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	char text[32];
	pid_t pid;
	int status;

	mk(e, GP_STATE_DIR);
	/* pid 1 is alive: busy. */
	put(e, GP_STATE_DIR "/lock", "1\n", 0644);
	make_plan(e, BIND1, CFG1, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), -EBUSY);
	assert_int_equal(res.failed_step, GP_STEP_LOCK);
	assert_int_equal(gp_path_exists(&e->p, "/etc/gpupt"), 0);
	/* A dead pid: taken over. */
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, &status, 0);
	snprintf(text, sizeof(text), "%ld\n", (long)pid);
	put(e, GP_STATE_DIR "/lock", text, 0644);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/lock"), 0);
}

static void test_no_space(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	struct statvfs sv;
	char full[1024], *before, *after;
	int fd;

	snprintf(full, sizeof(full), "%s/boot", e->root);
	assert_int_equal(statvfs(full, &sv), 0);
	snprintf(full, sizeof(full), "%s/boot/initrd.img-6.1.0-test", e->root);
	fd = open(full, O_WRONLY);
	assert_true(fd >= 0);
	/* A sparse image as large as the free space: a rebuild cannot fit. */
	if (ftruncate(fd, (off_t)sv.f_bavail * (off_t)sv.f_frsize) < 0) {
		close(fd);
		skip();
	}
	close(fd);
	before = snapshot(e, 0);
	make_plan(e, BIND1, CFG1, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), -ENOSPC);
	assert_int_equal(res.failed_step, GP_STEP_SPACE);
	after = snapshot(e, 1);
	assert_string_equal(after, before);
	free(after);
	free(before);
	assert_string_equal(slurp_host(e->log), "");
}

static void test_stale_and_refused(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	struct gp_guard_hit g;

	make_plan(e, BIND1, CFG1, 0);
	put(e, "/etc/modprobe.d/gpupt.conf", "# changed meanwhile\n", 0640);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), -ESTALE);
	assert_string_equal(res.failed_what, "/etc/modprobe.d/gpupt.conf");
	assert_int_equal(gp_path_exists(&e->p, "/etc/gpupt"), 0);
	free_plan();
	make_plan(e, BIND1, CFG1, 0);
	memset(&g, 0, sizeof(g));
	g.guard = GP_GUARD_LAST_GPU;
	plan.guards = &g;
	plan.n_guards = 1;
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), -EPERM);
	g.forced = 1;
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
}

static void test_mounts(void **state)
{
	struct env *e = *state;
	struct gp_txn_mounts m;
	struct gp_txn_result res;

	assert_int_equal(gp_txn_check_mounts(&e->p, &m), 0);
	mk(e, "/proc");
	mk(e, "/proc/self");
	put(e, "/proc/self/mountinfo", "26 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw\n", 0644);
	put(e, "/etc/fstab", "# <fs> <dir>\nUUID=1 / ext4 defaults 0 1\nUUID=2 /boot ext4 defaults 0 2\n",
	    0644);
	assert_int_equal(gp_txn_check_mounts(&e->p, &m), -EROFS);
	assert_int_equal(m.boot_unmounted, 1);
	assert_int_equal(m.root_ro, 0);
	make_plan(e, BIND1, CFG1, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), -EROFS);
	assert_string_equal(res.failed_what, "/boot");
	assert_int_equal(gp_txn_revert(&e->p, 0, &e->opt, NULL, NULL, &res), -EROFS);
	assert_int_equal(gp_txn_remount(&e->p, &m, NULL, NULL), -EINVAL);
	put(e, "/proc/self/mountinfo",
	    "26 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw\n"
	    "27 26 8:1 / /boot rw,relatime shared:2 - ext4 /dev/sda1 rw\n", 0644);
	assert_int_equal(gp_txn_check_mounts(&e->p, &m), 0);
}

static void test_recover_leftovers(void **state)
{
	struct env *e = *state;
	int what = -1;

	assert_int_equal(gp_txn_recover(&e->p, &e->opt, NULL, NULL, &what), 0);
	assert_int_equal(what, 0);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR), 0);
	mk(e, GP_STATE_DIR);
	mk(e, GP_STATE_DIR "/txn.new");
	put(e, GP_STATE_DIR "/txn.new/journal", "gpupt-jour", 0600);
	assert_int_equal(gp_txn_recover(&e->p, &e->opt, NULL, NULL, &what), 0);
	assert_int_equal(what, 0);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/txn.new"), 0);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR), 0);
	/* A damaged open journal is reported, not guessed at. */
	mk(e, GP_STATE_DIR);
	mk(e, GP_STATE_DIR "/txn");
	put(e, GP_STATE_DIR "/txn/journal", "gpupt-journal 1\nkind apply\nfile /etc/x\nold 0644 0 0 3 fnv1a64=0\n",
	    0600);
	assert_int_equal(gp_txn_recover(&e->p, &e->opt, NULL, NULL, &what), -EBADMSG);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/lock"), 0);
}

static void test_journal_roundtrip(void **state)
{
	struct env *e = *state;
	struct gp_journal j, k;
	struct gp_journal_file *f;
	struct gp_command c;
	char *argv[] = { (char *)"/usr/sbin/x", (char *)"", (char *)"a b%c\td", NULL };
	static const char bin[] = { 'a', 0, '\n', (char)0xff, 'z' };

	mk(e, "/j");
	memset(&j, 0, sizeof(j));
	j.kind = GP_JOURNAL_REVERT;
	j.entry = 7;
	j.time = 1700000000;
	j.reverts = calloc(2, sizeof(*j.reverts));
	if (!j.reverts)
		abort();
	j.reverts[0] = 3;
	j.reverts[1] = 1;
	j.n_reverts = 2;
	assert_int_equal(gp_journal_add_dir(&j.mkdirs, &j.n_mkdirs, "/etc/odd dir"), 0);
	assert_int_equal(gp_journal_add_dir(&j.rmdirs, &j.n_rmdirs, "/etc/gpupt"), 0);
	f = gp_journal_add_file(&j, "/etc/odd dir/f%1");
	f->old.exists = 1;
	f->old.mode = 0600;
	f->old.uid = 12;
	f->old.gid = 34;
	f->old.content = malloc(sizeof(bin));
	if (!f->old.content)
		abort();
	memcpy(f->old.content, bin, sizeof(bin));
	f->old.len = sizeof(bin);
	f = gp_journal_add_file(&j, "/etc/new");
	f->new.exists = 1;
	f->new.mode = 0644;
	f->new.content = strdup("");
	f->new.len = 0;
	memset(&c, 0, sizeof(c));
	c.argv = argv;
	c.what = "Rebuilding the initramfs for %s";
	strcpy(c.kver, "6.1.0-1-amd64");
	c.generator = 1;
	assert_int_equal(gp_journal_add_cmd(&j, &c), 0);
	assert_int_equal(gp_journal_add_cmd(&j, &c), 0);        /* a duplicate is dropped */
	assert_int_equal(j.n_cmds, 1);
	assert_int_equal(gp_journal_save(&e->p, "/j", &j), 0);
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), 0);
	assert_int_equal(k.kind, GP_JOURNAL_REVERT);
	assert_int_equal(k.entry, 7);
	assert_int_equal(k.time, 1700000000);
	assert_int_equal(k.n_reverts, 2);
	assert_int_equal(k.reverts[1], 1);
	assert_string_equal(k.mkdirs[0], "/etc/odd dir");
	assert_string_equal(k.rmdirs[0], "/etc/gpupt");
	assert_int_equal(k.n_files, 2);
	assert_string_equal(k.files[0].path, "/etc/odd dir/f%1");
	assert_int_equal(k.files[0].old.exists, 1);
	assert_int_equal(k.files[0].old.mode, 0600);
	assert_int_equal(k.files[0].old.uid, 12);
	assert_int_equal(k.files[0].old.gid, 34);
	assert_int_equal(k.files[0].old.len, sizeof(bin));
	assert_memory_equal(k.files[0].old.content, bin, sizeof(bin));
	assert_int_equal(k.files[0].new.exists, 0);
	assert_int_equal(k.files[1].old.exists, 0);
	assert_int_equal(k.files[1].new.exists, 1);
	assert_int_equal(k.files[1].new.len, 0);
	assert_int_equal(k.files[1].new.uid, GP_OWNER_KEEP);
	assert_int_equal(k.n_cmds, 1);
	assert_string_equal(k.cmds[0].argv[1], "");
	assert_string_equal(k.cmds[0].argv[2], "a b%c\td");
	assert_null(k.cmds[0].argv[3]);
	assert_string_equal(k.cmds[0].what, c.what);
	assert_string_equal(k.cmds[0].kver, c.kver);
	assert_int_equal(k.cmds[0].generator, 1);
	assert_int_equal(k.cmds[0].in_root, 0);
	gp_journal_free(&k);
	/* A damaged copy is caught by its length and hash. */
	put(e, "/j/old.0", "abcde", 0600);
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
	put(e, "/j/journal", "gpupt-journal 1\nkind apply\nbogus line\n", 0600);
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
	put(e, "/j/journal", "gpupt-journal 1\nkind apply", 0600);
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
	gp_journal_free(&j);
}

static void collect(void *ctx, const char *buf, size_t len)
{
	strncat(ctx, buf, len);
}

static void test_run(void **state)
{
	struct env *e = *state;
	char *argv[] = { (char *)"/bin/sh", (char *)"-c",
			 (char *)"echo out; echo err >&2; echo \"$PATH\"; [ -z \"$LD_PRELOAD\" ] && echo clean; exit 5",
			 NULL };
	char *missing[] = { (char *)"/nonexistent/prog", NULL };
	char *relative[] = { (char *)"sh", NULL };
	struct gp_command c;
	char out[512] = "";
	int st;

	memset(&c, 0, sizeof(c));
	c.argv = argv;
	setenv("LD_PRELOAD", "", 1);
	assert_int_equal(gp_run(&e->p, &c, collect, out, &st), 0);
	unsetenv("LD_PRELOAD");
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 5);
	assert_string_equal(out, "out\nerr\n" GP_RUN_PATH "\nclean\n");
	c.argv = missing;
	assert_int_equal(gp_run(&e->p, &c, NULL, NULL, &st), -ENOENT);
	c.argv = relative;
	assert_int_equal(gp_run(&e->p, &c, NULL, NULL, &st), -EINVAL);
	/* in_root: chrooted into a root without /bin/sh, so it cannot start. */
	c.argv = argv;
	c.in_root = 1;
	assert_int_equal(gp_run(&e->p, &c, NULL, NULL, &st), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_apply_revert, setup, teardown),
		cmocka_unit_test_setup_teardown(test_revert_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_command_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crash_everywhere, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crash_during_revert, setup, teardown),
		cmocka_unit_test_setup_teardown(test_revert_modified, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_space, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_and_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mounts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recover_leftovers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_run, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
