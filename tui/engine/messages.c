/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * messages — the one table of every report code: its stable name, its
 * English msgid (byte-identical to what was translated before it moved
 * here, so po/ keeps working), its plural form and its argument types.
 *
 * Entries are designated by code, so each area's block can grow on its
 * own; tests/unit/test_report.c checks that every code has an entry and
 * that every format agrees with its argument types.
 */
#include <stddef.h>

#include "nls.h"
#include "report.h"

#define A(...) .n_args = sizeof((enum gp_arg_type[]){ __VA_ARGS__ }) / \
	sizeof(enum gp_arg_type), .type = { __VA_ARGS__ }
#define S GP_ARG_STR
#define P GP_ARG_PATH
#define I GP_ARG_INT
#define U GP_ARG_UINT
#define B GP_ARG_BYTES
#define E GP_ARG_ERRNO
#define M GP_ARG_MSG

/* Plural entries: .plural set, .plural_arg the index of the count. */
static const struct gp_msg_info table[GP_MSG_N_CODES] = {
	[GP_MSG_NONE] = { "none", "", NULL, -1, GP_SEV_INFO, 0, { 0 } },

	/* --- words --- */
	[GP_MSG_WORD_INTEL_VTD] = { "word.intel-vtd", N_("Intel VT-d"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_WORD_AMD_VI] = { "word.amd-vi", N_("AMD-Vi"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_WORD_IOMMU] = { "word.iommu", N_("IOMMU"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_WORD_NO_IOMMU_UNIT] = { "word.no-iommu-unit", N_("no unit in /sys/class/iommu"),
		NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_WORD_PRESENT] = { "word.present", N_("present"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_WORD_MISSING] = { "word.missing", N_("missing"), NULL, -1, GP_SEV_INFO, 0, { 0 } },

	/* --- check items --- */
	[GP_MSG_CHK_CANNOT_TELL] = { "check.cannot-tell", N_("cannot tell: %s: %s"), NULL, -1,
		GP_SEV_UNKNOWN, A(P, E) },
	[GP_MSG_CHK_IOMMU_GROUPS] = { "check.iommu.groups", "%d group", "%d groups", 0,
		GP_SEV_INFO, A(I) },
	[GP_MSG_CHK_VFIO_MISSING] = { "check.vfio.missing",
		"vfio-pci or vfio_iommu_type1 is missing from %zu kernel",
		"vfio-pci or vfio_iommu_type1 is missing from %zu kernels", 0, GP_SEV_FAIL, A(U) },
	[GP_MSG_CHK_BOOT_SPACE_LOW] = { "check.boot-space.low",
		N_("not enough room to rebuild the initramfs: %s free, about %s needed"), NULL, -1,
		GP_SEV_FAIL, A(B, B) },

	/* --- fixes --- */
	[GP_MSG_FIX_IOMMU_ADD_INTEL_ON] = { "fix.iommu.add-intel-on",
		N_("add intel_iommu=on to the kernel command line and reboot"), NULL, -1,
		GP_SEV_INFO, 0, { 0 } },

	/* --- C2's areas --- */
};

const struct gp_msg_info *gp_msg_info(enum gp_msg code)
{
	if ((unsigned)code >= GP_MSG_N_CODES || !table[code].name)
		return NULL;
	return &table[code];
}
