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

	[GP_MSG_WORD_PART_TYPE_CHECKED] = { "word.partition-type-checked",
		N_(" (partition type checked)"), NULL, -1, GP_SEV_INFO, 0, { 0 } },

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
	[GP_MSG_CHK_CPU_VMX] = { "check.cpu.vmx", N_("Intel VT-x (vmx) available"), NULL, -1,
		GP_SEV_OK, 0, { 0 } },
	[GP_MSG_CHK_CPU_SVM] = { "check.cpu.svm", N_("AMD-V (svm) available"), NULL, -1,
		GP_SEV_OK, 0, { 0 } },
	[GP_MSG_CHK_CPU_VM_NO_NESTED] = { "check.cpu.vm-no-nested",
		N_("this VM's CPU has neither VT-x (vmx) nor AMD-V (svm): no nested virtualization"),
		NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_CHK_CPU_NONE] = { "check.cpu.none",
		N_("the CPU shows neither VT-x (vmx) nor AMD-V (svm)"), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_CHK_CPU_MODEL] = { "check.cpu.model", N_("CPU: %s%s%s"), NULL, -1, GP_SEV_INFO,
		A(S, S, S) },
	[GP_MSG_CHK_CPU_NESTED] = { "check.cpu.nested",
		N_("running under a hypervisor, with nested virtualization"), NULL, -1, GP_SEV_INFO,
		0, { 0 } },
	[GP_MSG_CHK_FS_NO_MOUNT] = { "check.fs.no-mount", N_("mount holding %s: not found (%s)"),
		NULL, -1, GP_SEV_INFO, A(P, E) },
	[GP_MSG_CHK_FS_PROBED] = { "check.fs.probed", N_("%s is on %s: %s on %s"), NULL, -1,
		GP_SEV_INFO, A(P, P, S, P) },
	[GP_MSG_CHK_FS_NOT_PROBED] = { "check.fs.not-probed",
		N_("%s is on %s: %s on %s (as mounted; the device was not probed: %s)"), NULL, -1,
		GP_SEV_INFO, A(P, P, S, P, E) },
	[GP_MSG_CHK_BOOT_FREE] = { "check.boot-space.free", N_("%s free"), NULL, -1, GP_SEV_INFO,
		A(B) },
	[GP_MSG_CHK_FILE_SIZE] = { "check.file-size", N_("%s: %s"), NULL, -1, GP_SEV_INFO,
		A(P, B) },
	[GP_MSG_CHK_NO_KERNEL_RELEASE] = { "check.no-kernel-release",
		N_("cannot tell: the running kernel's release is unknown"), NULL, -1, GP_SEV_UNKNOWN,
		0, { 0 } },
	[GP_MSG_CHK_BOOT_SPACE_OK] = { "check.boot-space.ok",
		N_("room to rebuild the initramfs (needs about %s)"), NULL, -1, GP_SEV_OK, A(B) },
	[GP_MSG_CHK_FW_BIOS] = { "check.firmware.bios",
		N_("legacy BIOS boot (no UEFI, so no Secure Boot)"), NULL, -1, GP_SEV_OK, 0, { 0 } },
	[GP_MSG_CHK_FW_ESP] = { "check.firmware.esp", N_("EFI system partition: %s, %s on %s%s"),
		NULL, -1, GP_SEV_INFO, A(P, S, P, M) },
	[GP_MSG_CHK_FW_ESP_NOT_PROBED] = { "check.firmware.esp-not-probed",
		N_("EFI system partition: %s, %s on %s (as mounted; the device was not probed: %s)"),
		NULL, -1, GP_SEV_INFO, A(P, S, P, E) },
	[GP_MSG_CHK_FW_SB_UNKNOWN] = { "check.firmware.secure-boot-unknown",
		N_("UEFI; Secure Boot state unknown: %s"), NULL, -1, GP_SEV_UNKNOWN, A(E) },
	[GP_MSG_CHK_FW_SB_ON] = { "check.firmware.secure-boot-on",
		N_("UEFI with Secure Boot on: vfio-pci and signed distribution modules load, "
		   "unsigned modules do not"), NULL, -1, GP_SEV_WARN, 0, { 0 } },
	[GP_MSG_CHK_FW_SB_OFF] = { "check.firmware.secure-boot-off", N_("UEFI, Secure Boot off"),
		NULL, -1, GP_SEV_OK, 0, { 0 } },
	[GP_MSG_CHK_FW_NO_ESP] = { "check.firmware.no-esp",
		N_("no EFI system partition mounted at /boot/efi or /efi"), NULL, -1, GP_SEV_INFO,
		0, { 0 } },

	/* --- fixes --- */
	[GP_MSG_FIX_IOMMU_ADD_INTEL_ON] = { "fix.iommu.add-intel-on",
		N_("add intel_iommu=on to the kernel command line and reboot"), NULL, -1,
		GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_FIX_CPU_NESTED] = { "fix.cpu.nested",
		N_("enable nested virtualization for this VM on its host, or run on bare metal"),
		NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_FIX_CPU_FIRMWARE] = { "fix.cpu.firmware",
		N_("enable Intel VT-x or AMD SVM in the firmware setup (the kernel hides the flag "
		   "when the firmware disables it)"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_FIX_BOOT_SPACE] = { "fix.boot-space",
		N_("free space in /boot: remove unused kernels (apt autoremove --purge) or enlarge "
		   "the partition"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_FIX_FW_SIGN] = { "fix.firmware.sign",
		N_("nothing for vfio-pci; sign any self-built module (DKMS) with a key enrolled "
		   "through mokutil --import"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_FIX_FW_MOUNT_ESP] = { "fix.firmware.mount-esp",
		N_("mount the EFI system partition (see /etc/fstab) before changing the boot "
		   "configuration"), NULL, -1, GP_SEV_INFO, 0, { 0 } },

	/* --- C2's areas --- */
};

const struct gp_msg_info *gp_msg_info(enum gp_msg code)
{
	if ((unsigned)code >= GP_MSG_N_CODES || !table[code].name)
		return NULL;
	return &table[code];
}
