/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The journal's keep records (journal.h): a file a command rewrites (a
 * loader entry, gp_command.rewrites) is put back byte for byte by a
 * revert, a rollback and the recovery of a killed run, however the
 * command rewrote it.  The stand-in command writes different bytes on
 * every run (a counter outside the root), so only the kept copy can make
 * the file as it was.  Also the keep records' format: round trip and
 * malformed journals.  The root is a systemd-boot one: a revert and a
 * recovery run what its back end says (kernel-install add, overridden by
 * the same stand-in), never the journal's command, and a keep record must
 * name the entry that back end says the command rewrites.
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
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "gp_path_write.h"
#include "journal.h"
#include "txn.h"

#define ENTRY   "/boot/efi/loader/entries/abc-6.1.0-test.conf"
#define CMDLINE "/etc/kernel/cmdline"

static const char *ENTRY_BEFORE = "title Debian\noptions root=/dev/sda1 quiet\n";

struct env {
	char top[256];
	char root[300];
	char count[300];    /* how many times the command ran */
	char mark[300];     /* the command failed once */
	char gen[300];      /* the stand-in as the back end's command (the override) */
	struct gp_plan_options opt;
	struct gp_path p;
};

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

	return gp_path_read_file(&e->p, path, &buf, &len, NULL) < 0 ? NULL : buf;
}

static int runs(struct env *e)
{
	FILE *f = fopen(e->count, "r");
	int n = 0;

	if (f) {
		if (fscanf(f, "%d", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

/* --- the tree: path, type, mode, owner, whole content; sorted ------------------- */

static size_t tree_skip;
static int tree_no_state;

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **lines;
static size_t n_lines;

static int tree_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *rel = path + tree_skip;
	char head[1200], body[512] = "";

	(void)type;
	(void)ftw;
	if (tree_no_state && strncmp(rel, GP_STATE_DIR, strlen(GP_STATE_DIR)) == 0)
		return 0;
	if (S_ISREG(st->st_mode)) {
		int fd = open(path, O_RDONLY);
		ssize_t n = fd >= 0 ? read(fd, body, sizeof(body) - 1) : -1;

		body[n > 0 ? n : 0] = '\0';
		if (fd >= 0)
			close(fd);
	}
	snprintf(head, sizeof(head), "%s %o %u:%u [%s]", *rel ? rel : "/", (unsigned int)st->st_mode,
		 (unsigned int)st->st_uid, (unsigned int)st->st_gid, body);
	lines = realloc(lines, (n_lines + 1) * sizeof(*lines));
	if (!lines)
		abort();
	lines[n_lines++] = strdup(head);
	return 0;
}

static char *snapshot(struct env *e, int no_state)
{
	size_t i, len = 0;
	char *out;

	lines = NULL;
	n_lines = 0;
	tree_skip = strlen(e->root);
	tree_no_state = no_state;
	assert_int_equal(nftw(e->root, tree_one, 16, FTW_PHYS), 0);
	qsort(lines, n_lines, sizeof(*lines), cmp_line);
	for (i = 0; i < n_lines; i++)
		len += strlen(lines[i]) + 1;
	out = calloc(1, len + 1);
	if (!out)
		abort();
	for (i = 0; i < n_lines; i++) {
		strcat(out, lines[i]);
		strcat(out, "\n");
		free(lines[i]);
	}
	free(lines);
	return out;
}

static int rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

/* --- the plan: /etc/kernel/cmdline, and a command that rewrites the entry ---------- */

static struct gp_file_change files[2];
static struct gp_command cmd;
static char *argv_c[4];
static char script[4096];
static struct gp_plan plan;

/*
 * The command rewrites ENTRY with its run count; with @fails 1 it fails
 * once, after writing; with 2 it fails once after making ENTRY a symlink
 * (to a file outside the root, which the rerun then writes through).
 */
static void make_plan(struct env *e, int fails)
{
	char *old;
	size_t len;

	memset(files, 0, sizeof(files));
	memset(&cmd, 0, sizeof(cmd));
	memset(&plan, 0, sizeof(plan));
	strcpy(files[0].path, CMDLINE);
	files[0].new_content = (char *)"root=/dev/sda1 quiet intel_iommu=on\n";
	files[0].new_len = strlen(files[0].new_content);
	files[0].mode = 0644;
	if (gp_path_read_file(&e->p, files[0].path, &old, &len, NULL) == 0) {
		files[0].old_exists = 1;
		files[0].old_content = old;
		files[0].old_len = len;
	}
	snprintf(script, sizeof(script),
		 "n=$(cat '%s' 2>/dev/null || echo 0); n=$((n + 1)); echo $n >'%s'; "
		 "printf 'title run %%s\\noptions %%s' $n \"$(cat '%s%s')\" >'%s%s'; "
		 "if [ %d != 0 ] && [ ! -e '%s' ]; then : >'%s'; "
		 "[ %d = 2 ] && rm '%s%s' && ln -s '%s/elsewhere' '%s%s'; exit 3; fi",
		 e->count, e->count, e->root, CMDLINE, e->root, ENTRY, fails, e->mark, e->mark,
		 fails, e->root, ENTRY, e->top, e->root, ENTRY);
	{
		FILE *f = fopen(e->gen, "w");

		assert_non_null(f);
		fprintf(f, "#!/bin/sh\n%s\n", script);
		assert_int_equal(fclose(f), 0);
		assert_int_equal(chmod(e->gen, 0755), 0);
	}
	plan.options = e->opt;
	argv_c[0] = (char *)"/bin/sh";
	argv_c[1] = (char *)"-c";
	argv_c[2] = script;
	argv_c[3] = NULL;
	cmd.argv = argv_c;
	cmd.what = "kernel-install";
	strcpy(cmd.kver, "6.1.0-test");
	cmd.generator = 1;
	strcpy(cmd.rewrites, ENTRY);
	/* A second file, new: only test_left_alone's plan has it (n_files 2). */
	strcpy(files[1].path, "/etc/gpupt/cmdline.conf");
	files[1].new_content = (char *)"x\n";
	files[1].new_len = 2;
	files[1].mode = 0644;
	plan.files = files;
	plan.n_files = 1;
	plan.cmds = &cmd;
	plan.n_cmds = 1;
}

static void free_plan(void)
{
	free(files[0].old_content);
	memset(files, 0, sizeof(files));
}

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	const char *tmp = getenv("TMPDIR");

	snprintf(e->top, sizeof(e->top), "%s/test_txn_keep.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(e->top))
		return -1;
	snprintf(e->root, sizeof(e->root), "%s/root", e->top);
	snprintf(e->count, sizeof(e->count), "%s/count", e->top);
	snprintf(e->mark, sizeof(e->mark), "%s/failed-once", e->top);
	snprintf(e->gen, sizeof(e->gen), "%s/gen", e->top);
	e->opt.update_bootloader = e->gen;
	if (mkdir(e->root, 0755) < 0)
		return -1;
	mk(e, "/etc");
	mk(e, "/etc/kernel");
	mk(e, "/boot");
	mk(e, "/boot/efi");
	mk(e, "/boot/efi/loader");
	mk(e, "/boot/efi/loader/entries");
	mk(e, "/var");
	mk(e, "/var/lib");
	put(e, CMDLINE, "root=/dev/sda1 quiet\n", 0644);
	/* systemd-boot, one kernel: kernel-install add rewrites ENTRY (token abc). */
	mk(e, "/lib");
	mk(e, "/lib/modules");
	mk(e, "/lib/modules/6.1.0-test");
	mk(e, "/usr");
	mk(e, "/usr/bin");
	put(e, "/usr/bin/kernel-install", "#!/bin/sh\n", 0755);
	put(e, "/boot/efi/loader/loader.conf", "timeout 3\n", 0644);
	put(e, "/etc/kernel/entry-token", "abc\n", 0644);
	put(e, "/boot/vmlinuz-6.1.0-test", "kernel", 0644);
	put(e, "/boot/initrd.img-6.1.0-test", "initrd", 0644);
	/* Its own mode: the revert must give it back too. */
	put(e, ENTRY, ENTRY_BEFORE, 0700);
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

/* --- tests ---------------------------------------------------------------------------- */

static void test_apply_revert(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	char *before, *after, *s;

	before = snapshot(e, 0);
	make_plan(e, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	gp_txn_result_free(&res);
	s = get(e, ENTRY);
	assert_string_equal(s, "title run 1\noptions root=/dev/sda1 quiet intel_iommu=on");
	free(s);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/history/0001/keep.0"), 1);
	assert_int_equal(gp_txn_revert(&e->p, 0, &e->opt, NULL, NULL, &res), 0);
	gp_txn_result_free(&res);
	/* The generator ran again (run 2), and the entry is still as it was before. */
	assert_int_equal(runs(e), 2);
	after = snapshot(e, 0);
	assert_string_equal(after, before);
	free(after);
	free(before);
}

static void test_absent_before(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	char full[1024], *before, *after;

	snprintf(full, sizeof(full), "%s%s", e->root, ENTRY);
	assert_int_equal(unlink(full), 0);
	before = snapshot(e, 0);
	make_plan(e, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	gp_txn_result_free(&res);
	assert_int_equal(gp_path_exists(&e->p, ENTRY), 1);
	assert_int_equal(gp_txn_revert(&e->p, 0, &e->opt, NULL, NULL, &res), 0);
	gp_txn_result_free(&res);
	assert_int_equal(runs(e), 2);
	assert_int_equal(gp_path_exists(&e->p, ENTRY), 0);
	after = snapshot(e, 0);
	assert_string_equal(after, before);
	free(after);
	free(before);
}

/* Two applies, then --revert all: back to the entry from before the first. */
static void test_revert_all(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	char *before, *after;

	before = snapshot(e, 0);
	make_plan(e, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	gp_txn_result_free(&res);
	free_plan();
	make_plan(e, 0);
	files[0].new_content = (char *)"root=/dev/sda1 intel_iommu=on iommu=pt\n";
	files[0].new_len = strlen(files[0].new_content);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	gp_txn_result_free(&res);
	assert_int_equal(gp_txn_revert(&e->p, 1, &e->opt, NULL, NULL, &res), 0);
	assert_int_equal(res.n_entries, 2);
	gp_txn_result_free(&res);
	after = snapshot(e, 0);
	assert_string_equal(after, before);
	free(after);
	free(before);
}

static void test_rollback(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	char *before, *after;

	before = snapshot(e, 1);
	make_plan(e, 1);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), -ECHILD);
	assert_int_equal(res.rolled_back, 1);
	assert_int_equal(res.rollback_err, 0);
	gp_txn_result_free(&res);
	assert_int_equal(runs(e), 2);   /* the failed run, and the one after the rollback */
	after = snapshot(e, 1);
	assert_string_equal(after, before);
	free(after);
	free(before);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/txn"), 0);
}

/* The failed command left a symlink where the entry was: the rollback replaces it. */
static void test_rollback_symlink(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	char *before, *after;

	before = snapshot(e, 1);
	make_plan(e, 2);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), -ECHILD);
	assert_int_equal(res.rolled_back, 1);
	assert_int_equal(res.rollback_err, 0);
	gp_txn_result_free(&res);
	assert_int_equal(runs(e), 2);
	after = snapshot(e, 1);
	assert_string_equal(after, before);
	free(after);
	free(before);
	assert_int_equal(gp_path_exists(&e->p, GP_STATE_DIR "/txn"), 0);
}

/* Kill the apply, then the revert, at every crash point: recovery makes the entry exact. */
static void test_crash_every_step(void **state)
{
	struct env *e = *state;
	char *before, *applied, *now;
	struct gp_txn_result res;
	int n, status, what, finished = 0;

	before = snapshot(e, 1);
	for (n = 1; n < 50 && !finished; n++) {
		pid_t pid;

		free_plan();
		make_plan(e, 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			plan.options.test_crash_at = n;
			_exit(gp_txn_apply(&e->p, &plan, NULL, NULL, &res) == 0 ? 0 : 1);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		finished = WIFEXITED(status) && WEXITSTATUS(status) == 0;
		assert_int_equal(gp_txn_recover(&e->p, &e->opt, NULL, NULL, &what), 0);
		if (finished || what == 2)
			break;
		now = snapshot(e, 1);
		if (strcmp(now, before) != 0)
			fail_msg("apply killed at point %d, rolled back: not as before\n%s", n, now);
		free(now);
	}
	assert_true(n > 2);     /* the journal, the file and the command were hit */
	applied = snapshot(e, 1);
	assert_string_not_equal(applied, before);
	for (n = 1, finished = 0; n < 50 && !finished; n++) {
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
		finished = finished || what == 2;
		now = snapshot(e, 1);
		if (strcmp(now, finished ? before : applied) != 0)
			fail_msg("revert killed at point %d: unexpected tree\n%s", n, now);
		free(now);
	}
	assert_true(finished);
	assert_true(n > 3);
	free(before);
	free(applied);
}

/* A symlink or a directory where the entry is: refused before anything changes. */
static void test_not_a_file(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	char full[1024], *before, *after;

	snprintf(full, sizeof(full), "%s%s", e->root, ENTRY);
	assert_int_equal(unlink(full), 0);
	assert_int_equal(symlink("/nonexistent", full), 0);
	before = snapshot(e, 1);
	make_plan(e, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), -ELOOP);
	assert_int_equal(res.failed_step, GP_STEP_JOURNAL);
	assert_string_equal(res.failed_what, ENTRY);
	gp_txn_result_free(&res);
	assert_int_equal(unlink(full), 0);
	assert_int_equal(mkdir(full, 0755), 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), -EISDIR);
	gp_txn_result_free(&res);
	assert_int_equal(rmdir(full), 0);
	assert_int_equal(symlink("/nonexistent", full), 0);
	after = snapshot(e, 1);
	assert_string_equal(after, before);
	free(after);
	free(before);
	assert_int_equal(runs(e), 0);
}

/*
 * cmdline edited since: left alone; the other file is reverted, the
 * generator runs again, and the entry it built from the edit stands.
 */
static void test_left_alone(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	char *s;

	make_plan(e, 0);
	plan.n_files = 2;
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	gp_txn_result_free(&res);
	put(e, CMDLINE, "root=/dev/sda1 mine\n", 0644);
	assert_int_equal(gp_txn_revert(&e->p, 0, &e->opt, NULL, NULL, &res), -EEXIST);
	assert_int_equal(res.n_modified, 1);
	assert_int_equal(res.n_restored, 1);
	gp_txn_result_free(&res);
	assert_int_equal(gp_path_exists(&e->p, "/etc/gpupt/cmdline.conf"), 0);
	assert_int_equal(runs(e), 2);
	s = get(e, ENTRY);
	assert_string_equal(s, "title run 2\noptions root=/dev/sda1 mine");
	free(s);
}

static void test_journal_keeps(void **state)
{
	struct env *e = *state;
	struct gp_journal j, k;
	struct gp_journal_keep *kp;

	mk(e, "/j");
	memset(&j, 0, sizeof(j));
	j.kind = GP_JOURNAL_REVERT;
	kp = gp_journal_add_keep(&j, "/boot/efi/loader/entries/a b.conf");
	kp->old.exists = 1;
	kp->old.mode = 0755;
	kp->old.uid = 1;
	kp->old.gid = 2;
	kp->old.content = strdup("now\n");
	kp->old.len = 4;
	kp->has_new = 1;
	kp->new.exists = 1;
	kp->new.mode = 0644;
	kp->new.content = strdup("before\n");
	kp->new.len = 7;
	gp_journal_add_keep(&j, "/boot/efi/loader/entries/absent.conf");
	assert_non_null(gp_journal_find_keep(&j, "/boot/efi/loader/entries/absent.conf"));
	assert_null(gp_journal_find_keep(&j, "/boot/efi/loader/entries/other.conf"));
	assert_int_equal(gp_journal_save(&e->p, "/j", &j), 0);
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), 0);
	assert_int_equal(k.n_keeps, 2);
	assert_string_equal(k.keeps[0].path, "/boot/efi/loader/entries/a b.conf");
	assert_int_equal(k.keeps[0].old.exists, 1);
	assert_int_equal(k.keeps[0].old.mode, 0755);
	assert_int_equal(k.keeps[0].old.uid, 1);
	assert_int_equal(k.keeps[0].old.gid, 2);
	assert_string_equal(k.keeps[0].old.content, "now\n");
	assert_int_equal(k.keeps[0].has_new, 1);
	assert_string_equal(k.keeps[0].new.content, "before\n");
	assert_int_equal(k.keeps[1].old.exists, 0);
	assert_int_equal(k.keeps[1].has_new, 0);
	gp_journal_free(&k);
	gp_journal_free(&j);

	/* A damaged copy. */
	put(e, "/j/keepnew.0", "befor\n", 0600);
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
	/* Malformed: no old line, a second old line, a path kept twice, new first, no path. */
	put(e, "/j/journal", "gpupt-journal 1\nkind apply\nkeep /x\n", 0600);
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
	put(e, "/j/journal", "gpupt-journal 1\nkind apply\nkeep /x\ncmd 1 0 % % /bin/true\n", 0600);
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
	put(e, "/j/keep.0", "now\n", 0600);
	put(e, "/j/journal", "gpupt-journal 1\nkind apply\nkeep /x\n"
	    "old 0644 0 0 4 fnv1a64=a8e2c8a8b2e6e9ec\n", 0600);
	/* A wrong hash; the right one loads (below). */
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
	{
		char text[512];

		snprintf(text, sizeof(text), "gpupt-journal 1\nkind apply\nkeep /x\n"
			 "old 0644 0 0 4 fnv1a64=%016llx\n",
			 (unsigned long long)gp_journal_fnv1a64("now\n", 4));
		put(e, "/j/journal", text, 0600);
		assert_int_equal(gp_journal_load(&e->p, "/j", &k), 0);
		assert_int_equal(k.n_keeps, 1);
		assert_int_equal(k.n_files, 0);
		gp_journal_free(&k);
		strcat(text, "old absent\n");
		put(e, "/j/journal", text, 0600);
		assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
		snprintf(text, sizeof(text), "gpupt-journal 1\nkind apply\nkeep /x\n"
			 "old 0644 0 0 4 fnv1a64=%016llx\nnew absent\nnew absent\n",
			 (unsigned long long)gp_journal_fnv1a64("now\n", 4));
		put(e, "/j/journal", text, 0600);
		assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
		snprintf(text, sizeof(text), "gpupt-journal 1\nkind apply\nkeep /x\n"
			 "old 0644 0 0 4 fnv1a64=%016llx\nkeep /x\nold absent\n",
			 (unsigned long long)gp_journal_fnv1a64("now\n", 4));
		put(e, "/j/journal", text, 0600);
		assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
	}
	put(e, "/j/journal", "gpupt-journal 1\nkind apply\nkeep /x\nnew absent\nold absent\n", 0600);
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
	put(e, "/j/journal", "gpupt-journal 1\nkind apply\nkeep x\nold absent\n", 0600);
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
	put(e, "/j/journal", "gpupt-journal 1\nkind apply\nkeep\nold absent\n", 0600);
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
	/* A file's second old line is malformed too (its copy used to leak). */
	put(e, "/j/journal", "gpupt-journal 1\nkind apply\nfile /y\nold absent\nold absent\n", 0600);
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), -EBADMSG);
	/* Without keep records: as before. */
	put(e, "/j/journal", "gpupt-journal 1\nkind apply\nfile /y\nold absent\nnew absent\n", 0600);
	assert_int_equal(gp_journal_load(&e->p, "/j", &k), 0);
	assert_int_equal(k.n_keeps, 0);
	assert_int_equal(k.n_files, 1);
	gp_journal_free(&k);
}

/*
 * A keep record naming a file no back end's command rewrites (the journal
 * edited to keep /etc/shadow): the revert refuses the journal, runs
 * nothing and changes nothing.
 */
static void test_keep_refused(void **state)
{
	struct env *e = *state;
	struct gp_txn_result res;
	char *text, *at, *edited, *before, *after;
	size_t len;

	make_plan(e, 0);
	assert_int_equal(gp_txn_apply(&e->p, &plan, NULL, NULL, &res), 0);
	gp_txn_result_free(&res);
	assert_int_equal(gp_path_read_file(&e->p, GP_STATE_DIR "/history/0001/journal", &text, &len,
					   NULL), 0);
	at = strstr(text, "keep " ENTRY "\n");
	assert_non_null(at);
	edited = calloc(1, len + 64);
	assert_non_null(edited);
	snprintf(edited, len + 64, "%.*skeep /etc/shadow\n%s", (int)(at - text), text,
		 at + strlen("keep " ENTRY "\n"));
	put(e, GP_STATE_DIR "/history/0001/journal", edited, 0600);
	free(edited);
	free(text);
	before = snapshot(e, 0);
	assert_int_equal(gp_txn_revert(&e->p, 0, &e->opt, NULL, NULL, &res), -ENOTRECOVERABLE);
	assert_int_equal(res.failed_step, GP_STEP_JOURNAL);
	assert_string_equal(res.failed_what, GP_STATE_DIR "/history/0001/journal");
	assert_int_equal(res.report.n, 2);
	assert_int_equal(res.report.item[0].code, GP_MSG_TXN_JOURNAL_REFUSED);
	gp_txn_result_free(&res);
	after = snapshot(e, 0);
	assert_string_equal(after, before);
	free(after);
	free(before);
	assert_int_equal(runs(e), 1);   /* the apply's run only */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_apply_revert, setup, teardown),
		cmocka_unit_test_setup_teardown(test_absent_before, setup, teardown),
		cmocka_unit_test_setup_teardown(test_revert_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_symlink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crash_every_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_left_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal_keeps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keep_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
