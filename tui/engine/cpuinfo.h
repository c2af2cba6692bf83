/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpuinfo — what /proc/cpuinfo says about virtualisation: the CPU vendor,
 * whether it has VT-x (vmx) or AMD-V (svm), and whether it runs under a
 * hypervisor (the "hypervisor" flag every x86 hypervisor sets for guests).
 */
#ifndef GP_CPUINFO_H
#define GP_CPUINFO_H

#include "gp_path.h"

enum gp_cpu_vendor {
	GP_CPU_VENDOR_UNKNOWN = 0,
	GP_CPU_VENDOR_INTEL,
	GP_CPU_VENDOR_AMD,
	GP_CPU_VENDOR_OTHER,
};

/** The first processor's entry of /proc/cpuinfo, reduced to what matters. */
struct gp_cpuinfo {
	enum gp_cpu_vendor vendor;
	char vendor_id[32];        /* as written ("GenuineIntel"), "" if absent */
	char model[96];            /* "model name", "" if absent */
	int has_flags;             /* a "flags" line was seen */
	int vmx, svm, hypervisor;  /* flags present (0/1) */
};

/**
 * gp_cpuinfo_parse - parse /proc/cpuinfo text.
 * @text: the file's content, NUL-terminated; only the first processor's
 *        entry is read (all x86 cores share these flags).
 * @out: filled.
 *
 * Returns 0, or -ENODATA when the text has no "flags" line (then the flags
 * say nothing and the caller must not conclude "no vmx").
 */
int gp_cpuinfo_parse(const char *text, struct gp_cpuinfo *out);

/**
 * gp_cpuinfo_read - read and parse /proc/cpuinfo of the root.
 * Returns 0, -ENODATA as gp_cpuinfo_parse(), or -errno from reading.
 */
int gp_cpuinfo_read(const struct gp_path *p, struct gp_cpuinfo *out);

#endif
