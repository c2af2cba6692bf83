/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tests/tools/no_openat2.h - make openat2(2) unavailable to this process and
 * every program it runs, as on a kernel before 5.6 or under a seccomp
 * profile that refuses it: a seccomp filter that fails openat2 with @err
 * (ENOSYS or EPERM) and lets every other call through.  Shared by the unit
 * tests, which install it in-process, and tests/tools/no-openat2.c, which
 * installs it before exec'ing a real binary.  Header-only: the unit tests
 * are one source file each.
 */
#ifndef GP_TEST_NO_OPENAT2_H
#define GP_TEST_NO_OPENAT2_H

#include <errno.h>
#include <stddef.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#ifndef SYS_openat2
#define SYS_openat2 437 /* the same number on every architecture but alpha */
#endif

#if defined(__x86_64__)
#define GP_TEST_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define GP_TEST_AUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__i386__)
#define GP_TEST_AUDIT_ARCH AUDIT_ARCH_I386
#endif

/* Returns 0, or -errno when the filter cannot be installed (then nothing changed). */
static inline int gp_test_no_openat2(int err)
{
#ifdef GP_TEST_AUDIT_ARCH
	struct sock_filter f[] = {
		/* Another architecture's numbers (a 32-bit call) mean other calls: allow. */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, GP_TEST_AUDIT_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((unsigned int)err & SECCOMP_RET_DATA)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { (unsigned short)(sizeof(f) / sizeof(f[0])), f };

	/* Without it an unprivileged process may not install a filter. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) < 0)
		return -errno;
	return 0;
#else
	(void)err;
	return -ENOTSUP;
#endif
}

#endif /* GP_TEST_NO_OPENAT2_H */
