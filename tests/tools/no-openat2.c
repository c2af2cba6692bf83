/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * no-openat2 [-e ENOSYS|EPERM] COMMAND [ARG...] - run COMMAND with openat2(2)
 * failing (ENOSYS by default, as on kernels before 5.6; EPERM as under some
 * container seccomp profiles), so the tests exercise the real binaries'
 * fallback path resolution.  Exit status 77 (skip) when the filter cannot be
 * installed here, 127 when COMMAND cannot be run.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "no_openat2.h"

int main(int argc, char **argv)
{
	int err = ENOSYS, i = 1, r;

	if (argc > 2 && strcmp(argv[1], "-e") == 0) {
		if (strcmp(argv[2], "EPERM") == 0)
			err = EPERM;
		else if (strcmp(argv[2], "ENOSYS") != 0)
			argc = 0;
		i = 3;
	}
	if (i >= argc) {
		fputs("usage: no-openat2 [-e ENOSYS|EPERM] COMMAND [ARG...]\n", stderr);
		return 2;
	}
	r = gp_test_no_openat2(err);
	if (r < 0) {
		fprintf(stderr, "no-openat2: cannot install the seccomp filter: %s\n", strerror(-r));
		return 77;
	}
	execvp(argv[i], argv + i);
	fprintf(stderr, "no-openat2: %s: %s\n", argv[i], strerror(errno));
	return 127;
}
