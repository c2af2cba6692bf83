/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness: the journal loader (gp_journal_load, journal.c), which
 * reads whatever /var/lib/gpupt holds, and the progress file beside it.
 *
 * The input is the journal file itself, written into a scratch state
 * directory (scratch.h) that already holds the copies a journal may
 * name: old.N, new.N, keep.N and keepnew.N for N = 0..3, each the six
 * bytes "gpupt\n" (6 fnv1a64=b426ce6f89ef0ee1), so inputs that load whole
 * are within reach.  A loaded journal must save and load back to the same
 * file; a refused one leaves nothing (the sanitizer's leak check runs after
 * every input).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gp_path_write.h"
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
	for (i = 1; i <= 2; i++) {
		snprintf(path, sizeof(path), "rm -rf '%s/out%zu'", top, i);
		if (system(path) != 0)
			perror(path);
	}
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
	for (i = 1; i <= 2; i++) {
		snprintf(path, sizeof(path), "%s/out%zu", dir, i);
		if (mkdir(path, 0700) < 0) {
			perror(path);
			abort();
		}
	}
	snprintf(journal_path, sizeof(journal_path), "%s/txn/journal", dir);
	snprintf(progress_path, sizeof(progress_path), "%s/txn/progress", dir);
	if (gp_path_init(&root, dir) < 0)
		abort();
	atexit(cleanup);
	return 0;
}

/* The whole journal file of directory @dir (a target path), or abort. */
static char *text_of(const char *dir, size_t *len)
{
	char path[GP_PATH_MAX], *text;

	snprintf(path, sizeof(path), "%s/journal", dir);
	if (gp_path_read_file(&root, path, &text, len, NULL) < 0)
		abort();
	return text;
}

/*
 * What loads, saves and loads again to the same file: the saver writes
 * nothing the loader refuses or reads otherwise (a value out of range,
 * an escape, a record the loader would merge or split).
 */
static void round_trip(const struct gp_journal *j)
{
	struct gp_journal again;
	char *one, *two;
	size_t n1, n2;

	if (gp_journal_save(&root, "/out1", j) < 0)
		abort();
	if (gp_journal_load(&root, "/out1", &again) < 0)
		abort();        /* saved, then refused */
	if (gp_journal_save(&root, "/out2", &again) < 0)
		abort();
	gp_journal_free(&again);
	one = text_of("/out1", &n1);
	two = text_of("/out2", &n2);
	if (n1 != n2 || memcmp(one, two, n1) != 0)
		abort();        /* read back otherwise than it was written */
	free(one);
	free(two);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct gp_journal zero;
	struct gp_journal j;
	size_t done;

	put(journal_path, data, size);
	if (gp_journal_load(&root, "/txn", &j) == 0) {
		round_trip(&j);
		gp_journal_free(&j);
	} else if (memcmp(&j, &zero, sizeof(j)) != 0) {
		abort();        /* a refused journal holds nothing (zeroed) */
	}
	if (size < 64) {
		put(progress_path, data, size);
		(void)gp_journal_progress_load(&root, "/txn", &done);
	}
	return 0;
}
