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
#define MI GP_ARG_MSG_INT
#define T GP_ARG_MSGID
#define W(name, fmt) { name, fmt, NULL, -1, GP_SEV_INFO, 0, { 0 } }

/*
 * A plural pair: singular and plural msgid as two initializers.  Named trp
 * because xgettext is told --keyword=trp:1,2 (Makefile), so both forms keep
 * reaching po/.  Plural entries: .plural set, .plural_arg the count's index.
 */
#define trp(singular, plural) singular, plural

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
	[GP_MSG_WORD_DMA_TRANSLATED] = W("word.dma-translated", N_("DMA translated")),
	[GP_MSG_WORD_PASSTHROUGH_MODE] = W("word.passthrough-mode",
		N_("passthrough mode (iommu=pt)")),
	[GP_MSG_WORD_MIXED_DOMAINS] = W("word.mixed-domains",
		N_("translated and passthrough domains")),
	[GP_MSG_WORD_DOMAIN_UNKNOWN] = W("word.domain-unknown", N_("domain type unknown")),
	[GP_MSG_WORD_N_GROUPS] = { "word.n-groups", trp("%d group", "%d groups"), 0, GP_SEV_INFO,
		A(I) },
	[GP_MSG_WORD_MODULE] = W("word.module", N_("module")),
	[GP_MSG_WORD_BUILT_IN] = W("word.built-in", N_("built in")),
	[GP_MSG_WORD_UNKNOWN] = W("word.unknown", N_("unknown")),
	[GP_MSG_WORD_RUNNING] = W("word.running", N_(" (running)")),
	[GP_MSG_WORD_LOADED_NOW] = W("word.loaded-now", N_(", loaded now")),

	/* --- check items --- */
	[GP_MSG_CHK_CANNOT_TELL] = { "check.cannot-tell", N_("cannot tell: %s: %s"), NULL, -1,
		GP_SEV_UNKNOWN, A(P, E) },
	[GP_MSG_CHK_IOMMU_GROUPS] = { "check.iommu.groups", trp("%d group", "%d groups"), 0,
		GP_SEV_INFO, A(I) },
	[GP_MSG_CHK_VFIO_MISSING] = { "check.vfio.missing",
		trp("vfio-pci or vfio_iommu_type1 is missing from %zu kernel",
		    "vfio-pci or vfio_iommu_type1 is missing from %zu kernels"), 0, GP_SEV_FAIL, A(U) },
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
	[GP_MSG_CHK_IOMMU_ACTIVE] = { "check.iommu.active", N_("active: %s, %s, %s"), NULL, -1,
		GP_SEV_OK, A(M, MI, M) },
	[GP_MSG_CHK_IOMMU_OFF_CMDLINE] = { "check.iommu.off-cmdline",
		N_("turned off on the kernel command line by %s"), NULL, -1, GP_SEV_FAIL, A(S) },
	[GP_MSG_CHK_IOMMU_OFF_NOT_SET] = { "check.iommu.off-by-default",
		N_("the firmware describes VT-d (DMAR table), but this kernel leaves it off unless "
		   "asked (CONFIG_INTEL_IOMMU_DEFAULT_ON is not set)"), NULL, -1, GP_SEV_FAIL,
		0, { 0 } },
	[GP_MSG_CHK_IOMMU_OFF_NOT_ASKED] = { "check.iommu.off-not-asked",
		N_("the firmware describes VT-d (DMAR table), but the kernel did not turn it on and "
		   "intel_iommu=on is not given"), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_CHK_IOMMU_KERNEL_LACKS] = { "check.iommu.kernel-lacks",
		N_("kernel %s was built without the %s driver"), NULL, -1, GP_SEV_FAIL, A(S, S) },
	[GP_MSG_CHK_IOMMU_TABLE_UNUSED] = { "check.iommu.table-unused",
		N_("the firmware describes an IOMMU (%s table) and nothing turns it off, yet the "
		   "kernel registered none"), NULL, -1, GP_SEV_FAIL, A(S) },
	[GP_MSG_CHK_IOMMU_IN_VM] = { "check.iommu.in-vm",
		N_("this machine is a virtual machine without a virtual IOMMU (CPU flag "
		   "\"hypervisor\", no DMAR/IVRS table, no IOMMU groups)"), NULL, -1, GP_SEV_FAIL,
		0, { 0 } },
	[GP_MSG_CHK_IOMMU_NO_CPU_VIRT] = { "check.iommu.no-cpu-virt",
		N_("no IOMMU table in the firmware, and the CPU shows neither VT-x (vmx) nor AMD-V "
		   "(svm)"), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_CHK_IOMMU_NO_TABLE] = { "check.iommu.no-table",
		N_("the firmware provides no DMAR or IVRS table: the IOMMU is disabled in the "
		   "firmware setup, or the board lacks one"), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_CHK_IOMMU_ALSO_OFF] = { "check.iommu.also-off",
		N_("the kernel command line also has %s"), NULL, -1, GP_SEV_INFO, A(S) },
	[GP_MSG_CHK_VFIO_NO_INDEX] = { "check.vfio.no-index",
		N_("%s%s: cannot read its module index (modules.dep): %s"), NULL, -1, GP_SEV_INFO,
		A(S, M, E) },
	[GP_MSG_CHK_VFIO_KERNEL] = { "check.vfio.kernel",
		N_("%s%s: vfio-pci %s, vfio_iommu_type1 %s"), NULL, -1, GP_SEV_INFO, A(S, M, M, M) },
	[GP_MSG_CHK_NO_KERNEL_ERR] = { "check.no-kernel.error",
		N_("cannot tell: no kernel found (%s)"), NULL, -1, GP_SEV_UNKNOWN, A(E) },
	[GP_MSG_CHK_NO_KERNEL_DIR] = { "check.no-kernel.dir",
		N_("cannot tell: no kernel found (%s)"), NULL, -1, GP_SEV_UNKNOWN, A(P) },
	[GP_MSG_CHK_VFIO_OK] = { "check.vfio.ok",
		trp("vfio-pci and vfio_iommu_type1 are in the installed kernel",
		    "vfio-pci and vfio_iommu_type1 are in all %zu kernels"), 0, GP_SEV_OK, A(U) },
	[GP_MSG_CHK_VFIO_SOME_UNKNOWN] = { "check.vfio.some-unknown",
		N_("cannot tell for every kernel"), NULL, -1, GP_SEV_UNKNOWN, 0, { 0 } },
	[GP_MSG_CHK_GPU_IN_KERNELS] = { "check.gpu-drivers.in-kernels",
		N_("%s: in %zu of %zu kernels%s"), NULL, -1, GP_SEV_INFO, A(S, U, U, M) },
	[GP_MSG_CHK_GPU_LOADED_UNKNOWN] = { "check.gpu-drivers.loaded-unknown",
		N_("loaded now: cannot tell (%s: %s)"), NULL, -1, GP_SEV_OK, A(P, E) },
	[GP_MSG_CHK_GPU_LOADED] = { "check.gpu-drivers.loaded", N_("loaded now: %s"), NULL, -1,
		GP_SEV_OK, A(S) },
	[GP_MSG_CHK_GPU_NONE_LOADED] = { "check.gpu-drivers.none-loaded", N_("none loaded now"),
		NULL, -1, GP_SEV_OK, 0, { 0 } },
	[GP_MSG_CHK_GPU_BUILTIN] = { "check.gpu-drivers.builtin",
		N_("built into the running kernel: %s; it takes GPUs before the initramfs runs"),
		NULL, -1, GP_SEV_INFO, A(S) },
	[GP_MSG_CHK_BOOT_GRUB_DEFAULT] = { "check.bootloader.etc-default-grub",
		N_("/etc/default/grub: %s"), NULL, -1, GP_SEV_INFO, A(M) },
	[GP_MSG_CHK_BOOT_GRUB_DEFAULT_D] = { "check.bootloader.etc-default-grub-d",
		N_("/etc/default/grub.d: %s"), NULL, -1, GP_SEV_INFO, A(M) },
	[GP_MSG_CHK_BOOT_GRUB_CFG] = { "check.bootloader.grub-cfg",
		N_("/boot/grub/grub.cfg: %s"), NULL, -1, GP_SEV_INFO, A(M) },
	[GP_MSG_CHK_BOOT_UPDATE_GRUB] = { "check.bootloader.update-grub",
		N_("update-grub: %s"), NULL, -1, GP_SEV_INFO, A(M) },
	[GP_MSG_CHK_BOOT_SDBOOT_AT] = { "check.bootloader.systemd-boot-at",
		N_("systemd-boot: %s"), NULL, -1, GP_SEV_INFO, A(P) },
	[GP_MSG_CHK_BOOT_KERNELSTUB_AT] = { "check.bootloader.kernelstub-at",
		N_("kernelstub: %s"), NULL, -1, GP_SEV_INFO, A(P) },
	[GP_MSG_CHK_BOOT_NONE] = { "check.bootloader.none",
		N_("no boot loader configuration found (GRUB, systemd-boot, kernelstub)"), NULL, -1,
		GP_SEV_UNKNOWN, 0, { 0 } },
	[GP_MSG_CHK_BOOT_KERNELSTUB] = { "check.bootloader.kernelstub",
		N_("kernelstub manages the kernel command line (Pop!_OS)"), NULL, -1, GP_SEV_WARN,
		0, { 0 } },
	[GP_MSG_CHK_BOOT_BOTH] = { "check.bootloader.both",
		N_("both GRUB and systemd-boot are configured; which one boots is not known"), NULL,
		-1, GP_SEV_WARN, 0, { 0 } },
	[GP_MSG_CHK_BOOT_SDBOOT] = { "check.bootloader.systemd-boot", N_("systemd-boot"), NULL,
		-1, GP_SEV_WARN, 0, { 0 } },
	[GP_MSG_CHK_BOOT_GRUB] = { "check.bootloader.grub", N_("GRUB"), NULL, -1, GP_SEV_OK,
		0, { 0 } },
	[GP_MSG_CHK_BOOT_GRUB_INCOMPLETE] = { "check.bootloader.grub-incomplete",
		N_("GRUB, but its configuration is incomplete"), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_CHK_INITRD_BY_DPKG] = { "check.initramfs.by-dpkg",
		N_("told by the dpkg package that ships update-initramfs"), NULL, -1, GP_SEV_INFO,
		0, { 0 } },
	[GP_MSG_CHK_INITRD_BY_SCRIPT] = { "check.initramfs.by-script",
		N_("told by what update-initramfs runs"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_CHK_INITRD_BY_FILES] = { "check.initramfs.by-files",
		N_("told by the one generator installed"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_CHK_INITRD_TOOLS] = { "check.initramfs.initramfs-tools", N_("initramfs-tools"),
		NULL, -1, GP_SEV_OK, 0, { 0 } },
	[GP_MSG_CHK_INITRD_TOOLS_NO_CONF] = { "check.initramfs.initramfs-tools-no-conf",
		N_("initramfs-tools, but /etc/initramfs-tools/initramfs.conf is missing"), NULL, -1,
		GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_CHK_INITRD_DRACUT_WRAPPED] = { "check.initramfs.dracut-wrapped",
		N_("dracut (update-initramfs is a wrapper that runs dracut)"), NULL, -1, GP_SEV_OK,
		0, { 0 } },
	[GP_MSG_CHK_INITRD_DRACUT] = { "check.initramfs.dracut", N_("dracut"), NULL, -1,
		GP_SEV_OK, 0, { 0 } },
	[GP_MSG_CHK_INITRD_NONE] = { "check.initramfs.none",
		N_("no initramfs generator found (initramfs-tools or dracut)"), NULL, -1,
		GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_CHK_INITRD_DRACUT_MODULE] = { "check.initramfs.dracut-module",
		N_("gpupt-setup's dracut module (%s): %s"), NULL, -1, GP_SEV_INFO, A(P, M) },

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
	[GP_MSG_FIX_IOMMU_REMOVE_ADD_ON] = { "fix.iommu.remove-add-on",
		N_("remove %s from the kernel command line, add intel_iommu=on, and reboot"),
		NULL, -1, GP_SEV_INFO, A(S) },
	[GP_MSG_FIX_IOMMU_REMOVE] = { "fix.iommu.remove",
		N_("remove %s from the kernel command line and reboot"), NULL, -1, GP_SEV_INFO,
		A(S) },
	[GP_MSG_FIX_DISTRO_KERNEL] = W("fix.distro-kernel",
		N_("boot a distribution kernel (Debian linux-image-amd64, Ubuntu linux-generic)")),
	[GP_MSG_FIX_IOMMU_KERNEL_LOG] = W("fix.iommu.kernel-log",
		N_("look for the reason in the kernel log (journalctl -k | grep -i -e DMAR -e AMD-Vi "
		   "-e IOMMU); a firmware update may help")),
	[GP_MSG_FIX_IOMMU_VM] = W("fix.iommu.vm",
		N_("give this VM a virtual IOMMU (QEMU: -machine q35,kernel-irqchip=split -device "
		   "intel-iommu,intremap=on,caching-mode=on), or run gpupt-setup on the bare-metal "
		   "host")),
	[GP_MSG_FIX_IOMMU_VIRT] = W("fix.iommu.virt",
		N_("enable virtualization (VT-x and VT-d, or SVM and IOMMU) in the firmware setup; a "
		   "CPU without it cannot pass devices through")),
	[GP_MSG_FIX_IOMMU_AMD] = W("fix.iommu.amd",
		N_("enable \"IOMMU\" (AMD-Vi) in the firmware setup")),
	[GP_MSG_FIX_IOMMU_INTEL] = W("fix.iommu.intel",
		N_("enable \"VT-d\" (Intel Virtualization Technology for Directed I/O) in the "
		   "firmware setup")),
	[GP_MSG_FIX_IOMMU_OTHER] = W("fix.iommu.other",
		N_("enable the IOMMU in the firmware setup")),
	[GP_MSG_FIX_VFIO_KERNEL] = W("fix.vfio.kernel",
		N_("boot a kernel that has VFIO (Debian linux-image-amd64, Ubuntu linux-generic), and "
		   "remove the kernels without it")),
	[GP_MSG_FIX_GPU_BUILTIN] = W("fix.gpu-drivers.builtin",
		N_("nothing to do now: the boot-time binding unbinds it from the guest GPU; a kernel "
		   "with it as a module is cleaner")),
	[GP_MSG_FIX_BOOT_DIRECT] = W("fix.bootloader.direct",
		N_("if this kernel is started directly (a VM), set its command line where it is "
		   "started; gpupt-setup edits GRUB only")),
	[GP_MSG_FIX_BOOT_KERNELSTUB] = W("fix.bootloader.kernelstub",
		N_("gpupt-setup edits GRUB only: add kernel parameters yourself with kernelstub -a "
		   "PARAMETER")),
	[GP_MSG_FIX_BOOT_BOTH] = W("fix.bootloader.both",
		N_("gpupt-setup edits GRUB only: make sure GRUB is the one that boots")),
	[GP_MSG_FIX_BOOT_SDBOOT] = W("fix.bootloader.systemd-boot",
		N_("gpupt-setup edits GRUB only: add kernel parameters yourself to /etc/kernel/cmdline "
		   "or the loader entries")),
	[GP_MSG_FIX_BOOT_GRUB] = W("fix.bootloader.grub",
		N_("reinstall GRUB (apt install --reinstall grub-efi-amd64 or grub-pc) so "
		   "/etc/default/grub, update-grub and grub.cfg exist")),
	[GP_MSG_FIX_INITRD_TOOLS_CONF] = W("fix.initramfs.tools-conf",
		N_("apt install --reinstall initramfs-tools-core")),
	[GP_MSG_FIX_INITRD_NONE] = W("fix.initramfs.none", N_("apt install initramfs-tools")),
	[GP_MSG_FIX_INITRD_DRACUT_MODULE] = { "fix.initramfs.dracut-module",
		N_("install gpupt-setup's dracut module (make install puts it in %s): without it "
		   "the initramfs does not bind the GPU at boot"), NULL, -1, GP_SEV_INFO, A(P) },

	/* --- status (status.c) --- */
	[GP_MSG_STATUS_CONF_HEAD] = { "status.conf.head",
		N_("Functions given to vfio-pci at boot (%s):\n"), NULL, -1, GP_SEV_INFO, A(P) },
	[GP_MSG_STATUS_CONF_ENTRY] = { "status.conf.entry",
		"  %s  %s\n", NULL, -1, GP_SEV_INFO, A(GP_ARG_ADDR, S) },
	[GP_MSG_STATUS_LINE_IGNORED] = { "status.conf.line-ignored",
		N_("  line %u is ignored: %s\n"), NULL, -1, GP_SEV_INFO, A(U, T) },
	[GP_MSG_STATUS_NONE] = { "status.none",
		N_("  none\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_STATUS_NONE_NO_FILE] = { "status.none-no-file",
		N_("  none (no such file)\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_STATUS_CANNOT_READ] = { "status.cannot-read",
		N_("  cannot be read\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_STATUS_CANNOT_READ_WHY] = { "status.cannot-read-why",
		N_("  cannot be read: %s\n"), NULL, -1, GP_SEV_INFO, A(E) },
	[GP_MSG_STATUS_WORD] = { "status.word",
		"  %s\n", NULL, -1, GP_SEV_INFO, A(S) },
	[GP_MSG_STATUS_DROPIN_HEAD] = { "status.dropin.head",
		N_("Kernel parameters added for GRUB (%s):\n"), NULL, -1, GP_SEV_INFO, A(P) },
	[GP_MSG_STATUS_MODPROBE_HEAD] = { "status.modprobe.head",
		N_("Drivers loaded after vfio-pci (%s):\n"), NULL, -1, GP_SEV_INFO, A(P) },
	[GP_MSG_STATUS_HISTORY_HEAD] = { "status.history.head",
		N_("Changes gpupt-setup made (--revert undoes the last):\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_STATUS_HISTORY_ENTRY] = { "status.history.entry",
		trp("  %u  %s  %zu file\n", "  %u  %s  %zu files\n"), 2, GP_SEV_INFO,
		A(U, S, U) },
	[GP_MSG_STATUS_BIND_HEAD] = { "status.boot.head",
		N_("At this boot (%s):\n"), NULL, -1, GP_SEV_INFO, A(P) },
	[GP_MSG_STATUS_BIND_NO_RECORD] = { "status.boot.no-record",
		N_("  no record: gpupt-bind had nothing to do at this boot "
		   "(or its initramfs was built before the configuration)\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_STATUS_BIND_DAMAGED] = { "status.boot.damaged",
		N_("  the record is damaged (not in the bind.status format)\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_STATUS_BIND_OFF] = { "status.boot.off",
		N_("  gpupt-bind was switched off by %s on the kernel "
		   "command line\n"), NULL, -1, GP_SEV_INFO, A(S) },
	[GP_MSG_STATUS_BIND_RECOVERY] = { "status.boot.recovery",
		N_("  gpupt-bind did not run: recovery boot (%s)\n"), NULL, -1, GP_SEV_INFO, A(S) },
	[GP_MSG_STATUS_BIND_NO_CONFIG] = { "status.boot.no-config",
		N_("  gpupt-bind could not read its configuration\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_STATUS_BIND_LINE_REJECTED] = { "status.boot.line-rejected",
		N_("  line %s of the configuration was rejected (%s)\n"), NULL, -1, GP_SEV_INFO, A(S, S) },
	[GP_MSG_STATUS_BIND_ALREADY] = { "status.boot.already",
		N_("  %s  %s  on vfio-pci (it was already)\n"), NULL, -1, GP_SEV_INFO, A(GP_ARG_ADDR, S) },
	[GP_MSG_STATUS_BIND_BOUND] = { "status.boot.bound",
		N_("  %s  %s  given to vfio-pci\n"), NULL, -1, GP_SEV_INFO, A(GP_ARG_ADDR, S) },
	[GP_MSG_STATUS_BIND_SKIPPED] = { "status.boot.skipped",
		N_("  %s  %s  skipped: %s\n"), NULL, -1, GP_SEV_INFO, A(GP_ARG_ADDR, S, S) },
	[GP_MSG_STATUS_BIND_FAILED] = { "status.boot.failed",
		N_("  %s  %s  failed: %s\n"), NULL, -1, GP_SEV_INFO, A(GP_ARG_ADDR, S, S) },
	[GP_MSG_STATUS_BIND_UNRECOGNISED] = { "status.boot.unrecognised",
		N_("  unrecognised line: %s\n"), NULL, -1, GP_SEV_INFO, A(S) },
	[GP_MSG_STATUS_REBOOT_DIFFERS] = { "status.reboot.differs",
		N_("Reboot pending: yes: what is configured differs from what was "
		   "bound at this boot.\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_STATUS_REBOOT_CHANGED] = { "status.reboot.changed",
		N_("Reboot pending: yes: a change was applied after this boot.\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_STATUS_REBOOT_NO] = { "status.reboot.no",
		N_("Reboot pending: no.\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },

	/* --- recovery (txn_recover.c) --- */
	[GP_MSG_RECOVER_ROLLED_BACK] = { "recover.rolled-back",
		N_("gpupt-setup: an interrupted change was found and rolled back: "
		   "every file is as it was before it.\n"), NULL, -1, GP_SEV_NOTE, 0, { 0 } },
	[GP_MSG_RECOVER_COMPLETED] = { "recover.completed",
		N_("gpupt-setup: an interrupted change had done all its steps: "
		   "it was completed.\n"), NULL, -1, GP_SEV_NOTE, 0, { 0 } },
	[GP_MSG_RECOVER_READONLY] = { "recover.read-only",
		N_("gpupt-setup: an interrupted change must be rolled back "
		   "first, and the system is not writable.\n"), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_RECOVER_DAMAGED] = { "recover.damaged",
		N_("gpupt-setup: an interrupted change was found, but its journal "
		   "(%s) is damaged: nothing was done.\n"
		   "Check the files it names, then remove that directory.\n"),
		NULL, -1, GP_SEV_FAIL, A(P) },
	[GP_MSG_RECOVER_BUSY] = { "recover.busy",
		N_("gpupt-setup: another gpupt-setup is changing this system "
		   "(lock %s); try again when it has finished.\n"), NULL, -1, GP_SEV_FAIL, A(P) },
	[GP_MSG_RECOVER_FAILED] = { "recover.failed", "gpupt-setup: %s: %s\n", NULL, -1,
		GP_SEV_FAIL, A(T, E) },

	/* --- C2's areas --- */

	/* --- plan notes --- */
	/* The names of boot loaders are not translated (never were). */
	[GP_MSG_PLAN_WORD_KERNELSTUB] = W("plan.word.kernelstub", "kernelstub"),
	[GP_MSG_PLAN_WORD_SDBOOT] = W("plan.word.systemd-boot", "systemd-boot"),
	[GP_MSG_PLAN_WORD_NOT_GRUB] = W("plan.word.not-grub", N_("not GRUB")),
	[GP_MSG_PLAN_IOMMU_UNUSABLE] = { "plan.iommu-unusable",
		N_("The IOMMU is not usable now: the card is bound only once it is (see the System "
		   "check)."), NULL, -1, GP_SEV_WARN, 0, { 0 } },
	[GP_MSG_PLAN_BOOTLOADER_UNSUPPORTED] = { "plan.bootloader-unsupported",
		N_("Boot loader: %s; gpupt-setup changes GRUB's kernel command line only, so it "
		   "changes none here.\n"), NULL, -1, GP_SEV_WARN, A(M) },
	[GP_MSG_PLAN_CMDLINE_MANUAL] = { "plan.cmdline.manual",
		N_("Add %s to the kernel command line yourself.\n"), NULL, -1, GP_SEV_WARN, A(S) },
	[GP_MSG_PLAN_CMDLINE_ADDS] = { "plan.cmdline.adds",
		N_("Kernel command line: adds %s (normal boot entries only, through %s)\n"), NULL, -1,
		GP_SEV_INFO, A(S, P) },
	[GP_MSG_PLAN_CMDLINE_NOTHING] = { "plan.cmdline.nothing",
		N_("Kernel command line: nothing to add"), NULL, -1, GP_SEV_OK, 0, { 0 } },
	[GP_MSG_PLAN_CMDLINE_REMOVE] = { "plan.cmdline.remove",
		N_("The kernel command line has %s, which keeps the IOMMU off: remove it from "
		   "GRUB_CMDLINE_LINUX or GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub "
		   "(gpupt-setup never edits that file) and run update-grub.\n"), NULL, -1,
		GP_SEV_WARN, A(S) },
	[GP_MSG_PLAN_NO_INITRAMFS_TOOL] = { "plan.no-initramfs-tool",
		N_("Neither update-initramfs nor dracut was found: the initramfs cannot be rebuilt, "
		   "so nothing is bound at boot."), NULL, -1, GP_SEV_WARN, 0, { 0 } },

	/* --- guard hits: summaries (why the guard exists) --- */
	[GP_MSG_GUARD_BOOT_DISPLAY] = { "guard.boot-display",
		N_("It is the boot display or drives a monitor now: at the next boot this "
		   "computer's console and desktop would lose that screen.  Connect the "
		   "monitor to the other card first."), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_GUARD_LAST_GPU] = { "guard.last-gpu",
		N_("It is the only GPU the host would have: the host would boot without "
		   "any display."), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_GUARD_GROUP] = { "guard.group",
		N_("Its IOMMU group holds something the host needs (a storage controller, "
		   "the network card of the default route, or the disk with / or /boot), and a "
		   "group always goes to the VM as a whole."), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_GUARD_IOMMU] = { "guard.iommu",
		N_("The IOMMU is not usable now: the configuration can be written, but the "
		   "card cannot be bound until the IOMMU works (see the System check)."), NULL, -1,
		GP_SEV_FAIL, 0, { 0 } },
	/* --- guard hits: details (the facts of this plan) --- */
	[GP_MSG_GUARD_BOOT_VGA_MONITOR] = { "guard.boot-display.boot-vga-monitor",
		N_("%s is the boot display and drives the monitor on %s: given "
		   "to the VM, the host's screen goes dark"), NULL, -1, GP_SEV_FAIL, A(GP_ARG_ADDR, S) },
	[GP_MSG_GUARD_BOOT_VGA_CONSOLE] = { "guard.boot-display.boot-vga",
		N_("%s is the boot display (the firmware's console): given to "
		   "the VM, the host loses its console"), NULL, -1, GP_SEV_FAIL, A(GP_ARG_ADDR) },
	[GP_MSG_GUARD_MONITOR] = { "guard.boot-display.monitor",
		N_("%s drives the monitor on %s: given to the VM, the host's "
		   "screen goes dark"), NULL, -1, GP_SEV_FAIL, A(GP_ARG_ADDR, S) },
	[GP_MSG_GUARD_LAST_GPU_DETAIL] = { "guard.last-gpu.detail",
		N_("%s is the last GPU the host has: it would keep none"), NULL, -1, GP_SEV_FAIL,
		A(GP_ARG_ADDR) },
	[GP_MSG_GUARD_GROUP_ROUTE_NIC] = { "guard.group.route-nic",
		N_("IOMMU group %d also holds %s, the network card of the "
		   "default route (%s): the host would lose its network"), NULL, -1, GP_SEV_FAIL,
		A(I, GP_ARG_ADDR, S) },
	[GP_MSG_GUARD_GROUP_MOUNT] = { "guard.group.mount",
		N_("IOMMU group %d also holds %s, which the file system on %s "
		   "is on: the host would lose it"), NULL, -1, GP_SEV_FAIL, A(I, GP_ARG_ADDR, P) },
	[GP_MSG_GUARD_GROUP_STORAGE] = { "guard.group.storage",
		N_("IOMMU group %d also holds %s, a storage controller: it "
		   "would go to the VM too, and the host would lose its disks"), NULL, -1,
		GP_SEV_FAIL, A(I, GP_ARG_ADDR) },
	[GP_MSG_GUARD_IOMMU_INACTIVE] = { "guard.iommu.inactive",
		N_("the IOMMU is not active (%s): vfio-pci can bind nothing until it "
		   "is"), NULL, -1, GP_SEV_FAIL, A(S) },
	[GP_MSG_GUARD_IOMMU_INTEL_ON_ADDED] = { "guard.iommu.intel-on-added",
		N_("; this plan adds intel_iommu=on, after the reboot run "
		   "gpupt-setup --check"), NULL, -1, GP_SEV_FAIL, 0, { 0 } },

	/* --- issue 10, A: preflight and partial group (add this part's entries below this line) --- */
	/* A partial group: forceable (force = partial-group). */
	[GP_MSG_GUARD_PARTIAL_GROUP] = { "guard.partial-group",
		N_("Not every device of its IOMMU group goes to vfio-pci: a VM can use a group "
		   "only when vfio-pci owns all of it, so the VM could not start."), NULL, -1,
		GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_GUARD_PARTIAL_GROUP_MEMBERS] = { "guard.partial-group.members",
		N_("IOMMU group %d also holds %s, which would stay with the host"), NULL, -1,
		GP_SEV_FAIL, A(I, S) },
	/* Preflight refusals: summary, details, fix; no force word lifts them. */
	[GP_MSG_PRE_NO_GENERATOR] = { "preflight.no-generator",
		N_("Neither update-initramfs nor dracut is installed: no initramfs can be built "
		   "with gpupt-bind, so nothing would be bound at boot."), NULL, -1, GP_SEV_FAIL,
		0, { 0 } },
	[GP_MSG_PRE_NO_GENERATOR_DETAIL] = { "preflight.no-generator.detail",
		N_("neither /usr/sbin/update-initramfs nor /usr/bin/dracut exists"), NULL, -1,
		GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_PRE_FIX_GENERATOR] = { "preflight.no-generator.fix",
		N_("install the distribution's generator (apt install initramfs-tools, or "
		   "dracut), then run gpupt-setup again"), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_PRE_NO_KERNEL] = { "preflight.no-kernel",
		N_("No installed kernel can get an initramfs with gpupt-bind: nothing would be "
		   "bound at the next boot."), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_PRE_KERNEL_HALF] = { "preflight.kernel-half-installed",
		N_("A kernel whose initramfs would be rebuilt is only half installed: its "
		   "initramfs cannot be built with gpupt-bind."), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_PRE_KERNEL_NONE] = { "preflight.kernel.none",
		N_("there is no /boot/vmlinuz-VERSION and no /lib/modules/VERSION"), NULL, -1,
		GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_PRE_KERNEL_RUNNING_UNKNOWN] = { "preflight.kernel.running-unknown",
		N_("only the running kernel was chosen, and its release is unknown"), NULL, -1,
		GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_PRE_KERNEL_NO_MODULES] = { "preflight.kernel.no-modules",
		N_("kernel %1$s: /boot/vmlinuz-%1$s is there, /lib/modules/%1$s is not"), NULL, -1,
		GP_SEV_FAIL, A(S) },
	[GP_MSG_PRE_KERNEL_NO_IMAGE] = { "preflight.kernel.no-image",
		N_("kernel %1$s: /lib/modules/%1$s is there, /boot/vmlinuz-%1$s is not"), NULL, -1,
		GP_SEV_FAIL, A(S) },
	[GP_MSG_PRE_KERNEL_NO_INITRD] = { "preflight.kernel.no-initrd",
		N_("kernel %1$s: there is no /boot/initrd.img-%1$s to rebuild"), NULL, -1,
		GP_SEV_FAIL, A(S) },
	[GP_MSG_PRE_FIX_KERNEL] = { "preflight.kernel.fix",
		N_("install or reinstall the kernel package (apt install --reinstall "
		   "linux-image-VERSION), or remove the half-installed kernel, then run "
		   "gpupt-setup again"), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_PRE_NOT_INSTALLED] = { "preflight.not-installed",
		N_("gpupt-setup's boot pieces are not installed where the initramfs generator "
		   "looks: an initramfs built now would not run gpupt-bind, so nothing would be "
		   "bound at boot."), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_PRE_PIECE_MISSING] = { "preflight.not-installed.missing", N_("%s is missing"),
		NULL, -1, GP_SEV_FAIL, A(P) },
	[GP_MSG_PRE_PIECE_NOT_EXECUTABLE] = { "preflight.not-installed.not-executable",
		N_("%s is not executable"), NULL, -1, GP_SEV_FAIL, A(P) },
	[GP_MSG_PRE_FIX_INSTALL] = { "preflight.not-installed.fix",
		N_("install gpupt-setup: sudo make install in its source tree, or install the "
		   "Debian package; then run gpupt-setup again"), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_PRE_NO_VFIO] = { "preflight.no-vfio",
		N_("A kernel whose initramfs would be rebuilt lacks VFIO: nothing can be bound "
		   "to vfio-pci when it boots."), NULL, -1, GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_PRE_VFIO_MISSING] = { "preflight.no-vfio.detail",
		N_("kernel %s has no %s, neither built in nor as a module"), NULL, -1, GP_SEV_FAIL,
		A(S, S) },
	[GP_MSG_PRE_FIX_VFIO] = { "preflight.no-vfio.fix",
		N_("use a kernel built with VFIO (CONFIG_VFIO_PCI; the distribution's kernels "
		   "are), or rebuild only the running kernel's initramfs if it has VFIO"), NULL, -1,
		GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_PRE_KERNEL_ABSENT] = { "preflight.kernel.absent",
		N_("kernel %1$s runs, but neither /boot/vmlinuz-%1$s nor /lib/modules/%1$s is "
		   "there"), NULL, -1, GP_SEV_FAIL, A(S) },


	/* --- issue 10, B: next-boot command line (add this part's entries below this line) --- */
	[GP_MSG_B_CHK_THIS_BOOT_CMDLINE] = { "check.bootloader.this-boot-cmdline",
		N_("this boot's kernel command line: %s"), NULL, -1, GP_SEV_INFO, A(S) },
	[GP_MSG_B_CHK_NEXT_BOOT_CMDLINE] = { "check.bootloader.next-boot-cmdline",
		N_("the next boot's kernel command line (from %s): %s"), NULL, -1, GP_SEV_INFO,
		A(S, S) },
	[GP_MSG_B_CHK_NEXT_BOOT_UNSAFE] = { "check.bootloader.next-boot-unsafe",
		N_("%s, line %zu: %s cannot be evaluated safely, so the next boot's kernel "
		   "command line is not known for sure"), NULL, -1, GP_SEV_WARN, A(P, U, S) },
	[GP_MSG_B_CHK_NEXT_BOOT_UNREADABLE] = { "check.bootloader.next-boot-unreadable",
		N_("%s cannot be read (%s), so the next boot's kernel command line is not "
		   "known for sure"), NULL, -1, GP_SEV_WARN, A(P, E) },
	[GP_MSG_B_CHK_NEXT_BOOT_LACKS] = { "check.iommu.next-boot-lacks",
		N_("%s is on this boot's kernel command line only (typed at the boot menu?): "
		   "the boot loader does not pass it, so the IOMMU is off after a reboot"),
		NULL, -1, GP_SEV_WARN, A(S) },
	[GP_MSG_B_FIX_NEXT_BOOT_ADD] = { "fix.iommu.next-boot-add",
		N_("make the boot loader pass %s at every boot (a gpupt-setup plan adds it "
		   "for GRUB)"), NULL, -1, GP_SEV_INFO, A(S) },
	[GP_MSG_B_PLAN_CMDLINE_UNSAFE] = { "plan.cmdline.unsafe",
		N_("GRUB's settings cannot be evaluated safely (%s, line %zu: %s): every kernel "
		   "parameter needed is added, whether the next boot has it already or not\n"),
		NULL, -1, GP_SEV_NOTE, A(P, U, S) },
	[GP_MSG_B_PLAN_CMDLINE_LOST] = { "plan.cmdline.lost",
		N_("Warning: a GRUB file read after %s sets the kernel command line again: "
		   "the next boot would still lack %s. Fix the files in /etc/default/grub.d "
		   "that sort after it.\n"), NULL, -1, GP_SEV_WARN, A(P, S) },
	[GP_MSG_B_CHK_OFF_THIS_BOOT_ONLY] = { "check.iommu.off-this-boot-only",
		N_("%s is on this boot's kernel command line only: the boot loader does not "
		   "pass it, so the next boot does not turn the IOMMU off"), NULL, -1,
		GP_SEV_INFO, A(S) },
	[GP_MSG_B_FIX_REBOOT_WITHOUT] = { "fix.iommu.reboot-without",
		N_("reboot without typing %s at the boot menu"), NULL, -1, GP_SEV_INFO, A(S) },
	[GP_MSG_B_PLAN_OFF_THIS_BOOT_ONLY] = { "plan.cmdline.off-this-boot-only",
		N_("%s turns the IOMMU off for this boot only: the boot loader does not pass "
		   "it, so there is nothing to remove.\n"), NULL, -1, GP_SEV_NOTE, A(S) },


	/* --- issue 10, C: image verification (add this part's entries below this line) --- */
	[GP_MSG_IMAGE_LACKS] = { "image.lacks",
		N_("%s lacks %s: the next boot with %s would not bind the card.\n"), NULL, -1,
		GP_SEV_FAIL, A(P, S, S) },
	[GP_MSG_IMAGE_CONF_DIFFERS] = { "image.conf-differs",
		N_("%s holds an etc/gpupt/bind.conf that differs from %s: the next boot with %s "
		   "would not bind what it lists.\n"), NULL, -1, GP_SEV_FAIL, A(P, P, S) },
	[GP_MSG_IMAGE_STILL_BINDS] = { "image.still-binds",
		N_("%s still holds %s, though %s lists nothing: the next boot with %s would "
		   "still bind.\n"), NULL, -1, GP_SEV_FAIL, A(P, S, P, S) },
	[GP_MSG_IMAGE_NO_TOOL] = { "image.no-tool",
		N_("%s cannot be checked: %s is not installed, so nothing tells that the next "
		   "boot binds.\n"), NULL, -1, GP_SEV_FAIL, A(P, P) },
	[GP_MSG_IMAGE_TOOL_FAILED] = { "image.tool-failed",
		N_("%s cannot be checked: %s failed: %s\n"), NULL, -1, GP_SEV_FAIL, A(P, P, S) },
	[GP_MSG_IMAGE_FIX_INSTALL] = { "image.fix.install",
		N_("Install gpupt-bind and its initramfs hooks where the generator looks for them "
		   "(sudo make install), then apply again.\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_IMAGE_FIX_PACKAGE] = { "image.fix.package",
		N_("Install the package %s (it has %s), then apply again.\n"), NULL, -1,
		GP_SEV_INFO, A(S, P) },
	[GP_MSG_IMAGE_FIX_GENERATOR] = { "image.fix.generator",
		N_("Read the generator's output above (its gpupt hook must read "
		   "/etc/gpupt/bind.conf), then try again.\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_IMAGE_NONE_REBUILT] = { "image.none-rebuilt",
		N_("No initramfs was rebuilt, so none carries %s: the next boot binds nothing.\n"),
		NULL, -1, GP_SEV_FAIL, A(P) },
	[GP_MSG_IMAGE_FIX_NONE] = { "image.fix.none",
		N_("Install initramfs-tools (or dracut) and a kernel with its modules in "
		   "/lib/modules, then apply again.\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },


	/* --- issue 10, D: truthful status (add this part's entries below this line) --- */
	[GP_MSG_STATUS_OPEN_HEAD] = { "status.open.head",
		trp("An interrupted change is open (%s): it had done %zu of its %zu step.\n",
		    "An interrupted change is open (%s): it had done %zu of its %zu steps.\n"), 2,
		GP_SEV_WARN, A(P, U, U) },
	[GP_MSG_STATUS_OPEN_ROLL_BACK] = { "status.open.roll-back",
		N_("  The next gpupt-setup --answers, --revert or wizard apply rolls it back: "
		   "every file it touched goes back to how it was before it.\n"), NULL, -1,
		GP_SEV_WARN, 0, { 0 } },
	[GP_MSG_STATUS_OPEN_COMPLETE] = { "status.open.complete",
		N_("  Every step was done: the next gpupt-setup --answers, --revert or wizard "
		   "apply completes it, as if it had not been interrupted.\n"), NULL, -1,
		GP_SEV_WARN, 0, { 0 } },
	[GP_MSG_STATUS_OPEN_BOOT_FILES] = { "status.open.boot-files",
		N_("  All its files were written, so a command may have rebuilt the initramfs "
		   "from them: let gpupt-setup settle it before you reboot.\n"), NULL, -1,
		GP_SEV_WARN, 0, { 0 } },
	[GP_MSG_STATUS_OPEN_DISCARD] = { "status.open.discard",
		N_("A change was being prepared when gpupt-setup stopped (%s): nothing had "
		   "changed yet; the next run removes it.\n"), NULL, -1, GP_SEV_NOTE, A(P) },
	[GP_MSG_STATUS_OPEN_DAMAGED] = { "status.open.damaged",
		N_("An interrupted change is open (%s), but its journal cannot be read (%s): "
		   "the next run changes nothing.  Check the files it names, then remove that "
		   "directory.\n"), NULL, -1, GP_SEV_FAIL, A(P, E) },
	[GP_MSG_STATUS_OPEN_UNREADABLE] = { "status.open.unreadable",
		N_("An interrupted change is open (%s), but its journal cannot be read (%s): "
		   "run gpupt-setup --status as root to see what the next run does with it.\n"),
		NULL, -1, GP_SEV_WARN, A(P, E) },
	[GP_MSG_STATUS_SETTLED_OLD] = { "status.settled.old",
		N_("  as it is once the interrupted change is rolled back (not the half-changed "
		   "file there now):\n"), NULL, -1, GP_SEV_NOTE, 0, { 0 } },
	[GP_MSG_STATUS_SETTLED_NEW] = { "status.settled.new",
		N_("  as it is once the interrupted change is completed:\n"), NULL, -1, GP_SEV_NOTE,
		0, { 0 } },
	[GP_MSG_STATUS_UNSETTLED] = { "status.unsettled",
		N_("  as it is now, which the interrupted change may have half-changed:\n"), NULL,
		-1, GP_SEV_WARN, 0, { 0 } },
	[GP_MSG_STATUS_CONF_NOT_RECORDED] = { "status.conf.not-recorded",
		N_("  No change on record wrote this file (it was written by hand, or --revert "
		   "left it because it had been edited): --revert does not remove it, the "
		   "functions above stay configured, and every initramfs built with it gives "
		   "them to vfio-pci at boot.\n"), NULL, -1, GP_SEV_NOTE, 0, { 0 } },
	[GP_MSG_STATUS_CONF_EDITED] = { "status.conf.edited",
		N_("  This file was edited after gpupt-setup wrote it: --revert leaves it as it "
		   "is, so the functions above stay configured, and every initramfs built with it "
		   "gives them to vfio-pci at boot.\n"), NULL, -1, GP_SEV_NOTE, 0, { 0 } },
	[GP_MSG_STATUS_CONF_KEPT] = { "status.conf.kept",
		N_("  Its content from before gpupt-setup is kept in %s.\n"), NULL, -1, GP_SEV_NOTE,
		A(P) },
	[GP_MSG_STATUS_FIX_UNCONFIGURE] = { "status.fix.unconfigure",
		N_("    To stop that: remove those lines (or the file), then rebuild the "
		   "initramfs (update-initramfs -u -k all, or dracut --force) and reboot.\n"),
		NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_STATUS_BIND_NOT_BOUND] = { "status.boot.not-bound",
		N_("  %s  %s  not bound: %s\n"), NULL, -1, GP_SEV_FAIL, A(GP_ARG_ADDR, S, M) },
	[GP_MSG_STATUS_BIND_OTHER_DRIVER] = { "status.boot.other-driver",
		N_("  %s  %s  not bound: another driver, %s, took it after the probe\n"), NULL, -1,
		GP_SEV_FAIL, A(GP_ARG_ADDR, S, S) },
	[GP_MSG_STATUS_BIND_UNBIND_FROM] = { "status.boot.unbind-from",
		N_("  %s  %s  not bound: it could not be taken from %s (unbinding failed)\n"), NULL,
		-1, GP_SEV_FAIL, A(GP_ARG_ADDR, S, S) },
	[GP_MSG_STATUS_BIND_BOUND_FROM] = { "status.boot.bound-from",
		N_("  %s  %s  given to vfio-pci (taken from %s)\n"), NULL, -1, GP_SEV_INFO,
		A(GP_ARG_ADDR, S, S) },
	[GP_MSG_STATUS_BIND_GAVE_BACK] = { "status.boot.gave-back",
		N_("    gpupt-bind gave it back: %s has it, the host can use it\n"), NULL, -1,
		GP_SEV_INFO, A(S) },
	[GP_MSG_STATUS_BIND_GAVE_BACK_NONE] = { "status.boot.gave-back-none",
		N_("    gpupt-bind gave it back: no driver had it then (its driver can take it "
		   "when loaded)\n"), NULL, -1, GP_SEV_INFO, 0, { 0 } },
	[GP_MSG_STATUS_BIND_GAVE_BACK_FAILED] = { "status.boot.gave-back-failed",
		N_("    giving it back failed: driver_override keeps it for vfio-pci until the "
		   "next boot\n"),
		NULL, -1, GP_SEV_WARN, 0, { 0 } },
	[GP_MSG_STATUS_BIND_DUPLICATE] = { "status.boot.duplicate",
		N_("  line %s lists %s again (first on line %s): ignored\n"), NULL, -1, GP_SEV_NOTE,
		A(S, GP_ARG_ADDR, S) },
	[GP_MSG_STATUS_BIND_CONFIG_UNREADABLE] = { "status.boot.config-unreadable",
		N_("  gpupt-bind could not read its configuration: nothing was bound\n"), NULL, -1,
		GP_SEV_FAIL, 0, { 0 } },
	[GP_MSG_STATUS_CAUSE_MISSING] = W("status.cause.missing",
		N_("there is no device at this address")),
	[GP_MSG_STATUS_CAUSE_IDENTITY] = W("status.cause.identity",
		N_("another device is at this address (other vendor or device ID)")),
	[GP_MSG_STATUS_CAUSE_SUBSYSTEM] = W("status.cause.subsystem",
		N_("the device at this address has another subsystem ID (another card)")),
	[GP_MSG_STATUS_CAUSE_CLASS] = W("status.cause.class",
		N_("the device at this address has another class")),
	[GP_MSG_STATUS_CAUSE_UNREADABLE] = W("status.cause.unreadable",
		N_("its IDs could not be read")),
	[GP_MSG_STATUS_CAUSE_NO_IOMMU_GROUP] = W("status.cause.no-iommu-group",
		N_("it has no IOMMU group: the IOMMU was off at this boot")),
	[GP_MSG_STATUS_CAUSE_OVERRIDE] = W("status.cause.override",
		N_("its driver_override could not be written")),
	[GP_MSG_STATUS_CAUSE_UNBIND] = W("status.cause.unbind",
		N_("it could not be taken from its driver (unbinding failed)")),
	[GP_MSG_STATUS_CAUSE_NO_VFIO] = W("status.cause.no-vfio",
		N_("vfio-pci is not loaded: it could not be loaded at boot")),
	[GP_MSG_STATUS_CAUSE_VERIFY] = W("status.cause.verify",
		N_("vfio-pci did not take it: no driver has it after the probe")),
	[GP_MSG_STATUS_CAUSE_VERIFY_OLD] = W("status.cause.verify-old",
		N_("it was not on vfio-pci after the probe: vfio-pci was not loaded, refused it, "
		   "or another driver took it (an older gpupt-bind does not record which)")),
	[GP_MSG_STATUS_CAUSE_OTHER_DRIVER] = W("status.cause.other-driver",
		N_("another driver took it after the probe")),
	[GP_MSG_STATUS_BIND_DRY_RUN] = { "status.boot.dry-run",
		N_("  gpupt-bind ran with --dry-run: it bound nothing\n"), NULL, -1, GP_SEV_NOTE,
		0, { 0 } },
	[GP_MSG_STATUS_BIND_WOULD_BIND] = { "status.boot.would-bind",
		N_("  %s  %s  would be given to vfio-pci (dry run)\n"), NULL, -1, GP_SEV_NOTE,
		A(GP_ARG_ADDR, S) },
	[GP_MSG_STATUS_FIX] = { "status.fix", N_("    fix: %s\n"), NULL, -1, GP_SEV_INFO, A(M) },
	[GP_MSG_STATUS_FIX_OTHER_DRIVER] = { "status.fix.other-driver",
		N_("    fix: make vfio-pci load before %s: run gpupt-setup again, so that "
		   "/etc/modprobe.d/gpupt.conf names it and the initramfs is rebuilt, then "
		   "reboot (a driver built into the kernel cannot be held back)\n"), NULL, -1,
		GP_SEV_INFO, A(S) },
	[GP_MSG_STATUS_FIX_RECHOOSE] = W("status.fix.rechoose",
		N_("the card is not where bind.conf says: run gpupt-setup again and choose it "
		   "(gpupt-setup --list shows every address)")),
	[GP_MSG_STATUS_FIX_IOMMU] = W("status.fix.iommu",
		N_("turn the IOMMU on (VT-d or AMD-Vi in the firmware setup, intel_iommu=on on "
		   "Intel): gpupt-setup --check says what is missing; then reboot")),
	[GP_MSG_STATUS_FIX_VFIO] = W("status.fix.vfio",
		N_("vfio-pci must be in the initramfs: gpupt-setup --check shows whether the "
		   "kernel has it; rebuild the initramfs (update-initramfs -u -k all, or "
		   "dracut --force), then reboot")),
	[GP_MSG_STATUS_FIX_KERNEL_LOG] = W("status.fix.kernel-log",
		N_("read what the kernel said at this boot: journalctl -k -b | grep -e gpupt-bind "
		   "-e vfio")),
	[GP_MSG_STATUS_FIX_CONFIG] = W("status.fix.config",
		N_("make /etc/gpupt/bind.conf readable, rebuild the initramfs "
		   "(update-initramfs -u -k all, or dracut --force), then reboot")),
	[GP_MSG_STATUS_FIX_LINE] = W("status.fix.line",
		N_("correct or remove that line of /etc/gpupt/bind.conf (or run gpupt-setup "
		   "again), then rebuild the initramfs")),
	[GP_MSG_STATUS_REBOOT_NOT_BOUND] = { "status.reboot.not-bound",
		trp("Reboot pending: no: a reboot alone binds what this boot bound; %zu configured "
		    "function was not bound (see above for why, and the fix).\n",
		    "Reboot pending: no: a reboot alone binds what this boot bound; %zu configured "
		    "functions were not bound (see above for why, and the fix).\n"), 0, GP_SEV_WARN,
		A(U) },
	[GP_MSG_STATUS_REBOOT_OPEN_CHANGE] = { "status.reboot.open-change",
		N_("Reboot pending: not yet: let gpupt-setup settle the interrupted change "
		   "(above) first.\n"), NULL, -1, GP_SEV_WARN, 0, { 0 } },


	/* --- issue 10, F: wizard and check fixes (add this part's entries below this line) --- */
	[GP_MSG_CHK_LARGE_BAR] = { "check.firmware.large-bar",
		N_("%s has a large BAR: BAR%d is %s; the firmware maps it only with \"Above 4G "
		   "decoding\" on (and the VM needs a 64-bit MMIO window for it)"), NULL, -1,
		GP_SEV_NOTE, A(GP_ARG_ADDR, I, B) },

};

const struct gp_msg_info *gp_msg_info(enum gp_msg code)
{
	if ((unsigned)code >= GP_MSG_N_CODES || !table[code].name)
		return NULL;
	return &table[code];
}
