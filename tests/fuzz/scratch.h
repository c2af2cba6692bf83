/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where a harness keeps its scratch files: $TMPDIR, else /dev/shm, else
 * /tmp.  Memory, when it can be: rewriting a file on ext4 (auto_da_alloc)
 * flushes it at every close, and the journal and GRUB harnesses write one
 * per input (a hundred times slower on disk).
 */
#ifndef GP_FUZZ_SCRATCH_H
#define GP_FUZZ_SCRATCH_H

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static inline const char *scratch_base(void)
{
	const char *tmp = getenv("TMPDIR");
	struct stat st;

	if (tmp && *tmp)
		return tmp;
	if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0)
		return "/dev/shm";
	return "/tmp";
}

#endif
