/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * iommu — is the IOMMU working, and if not, why not.
 *
 * "No IOMMU groups" has many causes that each need a different fix: the
 * kernel was told to turn it off, an Intel kernel leaves it off by default,
 * the firmware has no DMAR/IVRS table (VT-d / AMD-Vi disabled in setup),
 * the CPU cannot virtualise, or the machine is itself a VM without a
 * virtual IOMMU.  gp_iommu_probe() gathers the evidence and
 * gp_iommu_decide() names the cause, so each stays testable on its own.
 */
#ifndef GP_IOMMU_H
#define GP_IOMMU_H

#include "cpuinfo.h"
#include "gp_path.h"
#include "kconfig.h"

/** What the evidence says about the IOMMU. */
enum gp_iommu_verdict {
	GP_IOMMU_ACTIVE = 0,          /* groups exist: the kernel uses it */
	GP_IOMMU_DISABLED_CMDLINE,    /* off_param turns it off */
	GP_IOMMU_OFF_BY_DEFAULT,      /* Intel: needs intel_iommu=on */
	GP_IOMMU_KERNEL_LACKS,        /* kernel built without the driver */
	GP_IOMMU_TABLE_UNUSED,        /* table present, not off, still unused */
	GP_IOMMU_IN_VM,               /* guest without a virtual IOMMU */
	GP_IOMMU_NO_CPU_VIRT,         /* CPU has neither vmx nor svm */
	GP_IOMMU_NO_FIRMWARE_TABLE,   /* VT-d / AMD-Vi off in firmware setup */
	GP_IOMMU_UNKNOWN,             /* see unknown_path / unknown_err */
};

/** How devices' DMA goes through it, from the groups' "type" files. */
enum gp_iommu_mode {
	GP_IOMMU_MODE_UNKNOWN = 0,    /* no type files (kernels before 5.11) */
	GP_IOMMU_MODE_TRANSLATED,     /* DMA / DMA-FQ domains */
	GP_IOMMU_MODE_PASSTHROUGH,    /* identity domains (iommu=pt) */
	GP_IOMMU_MODE_MIXED,
};

/** Which IOMMU hardware the kernel registered (/sys/class/iommu). */
enum gp_iommu_hw {
	GP_IOMMU_HW_NONE = 0,
	GP_IOMMU_HW_INTEL,            /* dmar* units: VT-d */
	GP_IOMMU_HW_AMD,              /* ivhd* units: AMD-Vi */
	GP_IOMMU_HW_OTHER,
};

/** The IOMMU switches on one kernel command line (the last of each wins). */
struct gp_iommu_params {
	char off_param[128];        /* the first word turning an IOMMU off, as written */
	int on_param;               /* intel_iommu=on given */
	int pt_param;               /* iommu=pt given */
};

/**
 * gp_iommu_cmdline_params - read the switches on command line @line.
 * @line: a kernel command line (this boot's, or the next one's).
 * @out: filled.
 * Returns 0 or -errno (a word too long for off_param is skipped, not an error).
 */
int gp_iommu_cmdline_params(const char *line, struct gp_iommu_params *out);

/** The evidence and the verdict. */
struct gp_iommu_status {
	enum gp_iommu_verdict verdict;
	int groups;                 /* IOMMU groups (0 when the directory is missing) */
	int groups_err;             /* -errno when they could not be listed */
	int n_translated, n_identity, n_other_type;
	enum gp_iommu_mode mode;
	enum gp_iommu_hw hw;
	int acpi_err;               /* -errno when ACPI tables could not be listed */
	int dmar, ivrs;             /* firmware tables present (0/1) */
	int cmdline_err;            /* -errno reading /proc/cmdline */
	char off_param[128];        /* the word turning it off, as written */
	int on_param;               /* intel_iommu=on given */
	int pt_param;               /* iommu=pt given */
	int kconfig_err;            /* -errno reading /boot/config-<running> */
	/* CONFIG_INTEL_IOMMU, CONFIG_AMD_IOMMU; cfg_intel_default_on is Y when
	 * CONFIG_INTEL_IOMMU_DEFAULT_ON or Debian's ..._DEFAULT_ON_INTGPU_OFF is. */
	enum gp_kconfig_val cfg_intel, cfg_intel_default_on, cfg_amd;
	const char *unknown_path;   /* with GP_IOMMU_UNKNOWN: what could not be read */
	int unknown_err;            /* and why (-errno) */
};

/**
 * gp_iommu_probe - gather the evidence about the IOMMU and decide.
 * @p: the target root.
 * @cpu: the parsed /proc/cpuinfo (see gp_cpuinfo_read()).
 * @cpu_err: what gp_cpuinfo_read() returned.
 * @cmdline: the running kernel's command line, or NULL when unreadable.
 * @cmdline_err: -errno when @cmdline is NULL.
 * @kver: the running kernel's release, or NULL when unknown.
 * @out: filled.
 *
 * Unreadable evidence is recorded in @out, never an error.
 * Returns 0 or -ENOMEM.
 */
int gp_iommu_probe(const struct gp_path *p, const struct gp_cpuinfo *cpu, int cpu_err,
		   const char *cmdline, int cmdline_err, const char *kver,
		   struct gp_iommu_status *out);

/**
 * gp_iommu_decide - set @st->verdict (and unknown_*) from the evidence in @st.
 * @st: evidence filled by gp_iommu_probe() or by a test.
 * @cpu: the CPU, or NULL when /proc/cpuinfo said nothing (@cpu_err).
 * @cpu_err: the error reading it.
 */
void gp_iommu_decide(struct gp_iommu_status *st, const struct gp_cpuinfo *cpu, int cpu_err);

/**
 * gp_iommu_cmdline_needs_intel_on - 1 when the next boot's kernel command
 * line must carry intel_iommu=on for the IOMMU to be on: the firmware
 * describes VT-d (a DMAR table, and not an AMD CPU that also has IVRS) and
 * the kernel does not turn it on by itself (CONFIG_INTEL_IOMMU_DEFAULT_ON
 * not y).  Whether the present command line already has it is the
 * caller's question (@st->on_param).  The one rule for the check and the plan.
 * @cpu, @cpu_err: as for gp_iommu_decide().
 */
int gp_iommu_cmdline_needs_intel_on(const struct gp_iommu_status *st,
				    const struct gp_cpuinfo *cpu, int cpu_err);

#endif
