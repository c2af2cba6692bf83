/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness: the journal loader (gp_journal_load, journal.c), which
 * reads whatever /var/lib/gpupt holds, and the progress file beside it.
 *
 * The input is the journal file itself, written into a scratch state
 * directory (scratch.h) that already holds the copies a journal may
 * name: old.N, new.N, keep.N and keepnew.N for N = 0..3, each the six
 * bytes "gpupt\n" (5 fnv1a64=b426ce6f89ef0ee1), so inputs that load whole
 * are within reach.  A loaded journal must be consistent (a present state
 * has its content, the counts fit their arrays); a refused one leaves
 * nothing allocated (the sanitizer's leak check runs after every input).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "journal.h"
#include "scratch.h"

#define COPY "gpupt\n"

static struct gp_path root;
static char top[GP_PATH_MAX], journal_path[GP_PATH_MAX], progress_path[GP_PATH_MAX];

static const char *const names[] = { "old", "new", "keep", "keepnew" };

/* The scratch directory goes when the fuzzer exits (a finding leaves it). */
static void cleanup(void)
{
	char path[GP_PATH_MAX + 32];
	size_t i, k;

	gp_path_fini(&root);
	for (i = 0; i < 4; i++)
		for (k = 0; k < 4; k++) {
			snprintf(path, sizeof(path), "%s/txn/%s.%zu", top, names[k], i);
			unlink(path);
		}
	unlink(journal_path);
	unlink(progress_path);
	snprintf(path, sizeof(path), "%s/txn", top);
	rmdir(path);
	rmdir(top);
}

static void put(const char *path, const void *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size) || close(fd) < 0) {
		perror(path);
		abort();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *dir = top, path[GP_PATH_MAX + 32];
	size_t i, k;

	(void)argc;
	(void)argv;
	snprintf(top, sizeof(top), "%s/gpupt-fuzz-journal-XXXXXX", scratch_base());
	if (!mkdtemp(dir)) {
		perror(dir);
		abort();
	}
	snprintf(path, sizeof(path), "%s/txn", dir);
	if (mkdir(path, 0700) < 0) {
		perror(path);
		abort();
	}
	for (i = 0; i < 4; i++)
		for (k = 0; k < 4; k++) {
			snprintf(path, sizeof(path), "%s/txn/%s.%zu", dir, names[k], i);
			put(path, COPY, sizeof(COPY) - 1);
		}
	snprintf(journal_path, sizeof(journal_path), "%s/txn/journal", dir);
	snprintf(progress_path, sizeof(progress_path), "%s/txn/progress", dir);
	if (gp_path_init(&root, dir) < 0)
		abort();
	atexit(cleanup);
	return 0;
}

static void check_state(const struct gp_file_state *st)
{
	if (st->exists ? !st->content || st->len != sizeof(COPY) - 1 ||
			 memcmp(st->content, COPY, st->len) != 0 || (st->mode & ~07777u)
		       : st->content != NULL)
		abort();
}

static void check(const struct gp_journal *j)
{
	size_t i, k;

	if (j->kind != GP_JOURNAL_APPLY && j->kind != GP_JOURNAL_REVERT)
		abort();
	if ((j->n_reverts && !j->reverts) || j->n_files > j->alloc_files ||
	    j->n_keeps > j->alloc_keeps || j->n_cmds > j->alloc_cmds)
		abort();
	for (i = 0; i < j->n_reverts; i++)
		if (j->reverts[i] > 999999)
			abort();
	for (i = 0; i < j->n_files; i++) {
		if (j->files[i].path[0] != '/')
			abort();
		check_state(&j->files[i].old);
		check_state(&j->files[i].new);
	}
	for (i = 0; i < j->n_keeps; i++) {
		check_state(&j->keeps[i].old);
		check_state(&j->keeps[i].new);
		if (!j->keeps[i].has_new && j->keeps[i].new.exists)
			abort();
	}
	for (i = 0; i < j->n_cmds; i++) {
		if (!j->cmds[i].argv || !j->cmds[i].argv[0] || !j->cmds[i].what)
			abort();
		for (k = 0; j->cmds[i].argv[k]; k++)
			(void)strlen(j->cmds[i].argv[k]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gp_journal j;
	size_t done;

	put(journal_path, data, size);
	if (gp_journal_load(&root, "/txn", &j) == 0) {
		check(&j);
		gp_journal_free(&j);
	} else if (j.files || j.keeps || j.cmds || j.reverts || j.mkdirs || j.rmdirs) {
		abort();        /* a refused journal holds nothing */
	}
	if (size < 64) {
		put(progress_path, data, size);
		(void)gp_journal_progress_load(&root, "/txn", &done);
	}
	return 0;
}
