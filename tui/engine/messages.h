/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * messages — the codes the engine reports and the one table that words
 * them (messages.c, its entries in messages_*.def): for each code its
 * stable name, its N_() format, an optional plural format, its severity
 * and the types of its arguments.  The table needs nothing of the reports
 * that carry the codes (report.h, which includes this).
 */
#ifndef GP_MESSAGES_H
#define GP_MESSAGES_H

/* How bad one item is.  GP_SEV_UNKNOWN: the evidence could not be read. */
enum gp_severity {
	GP_SEV_OK = 0,
	GP_SEV_INFO,
	GP_SEV_NOTE,
	GP_SEV_WARN,
	GP_SEV_FAIL,
	GP_SEV_UNKNOWN,
};

/*
 * Every code the engine reports.  Blocks by area; to keep parallel work
 * mergeable, each block is added to at its own end only.
 */
enum gp_msg {
	GP_MSG_NONE = 0,      /* no message (an empty fix, say) */

	/* --- words: small phrases used as GP_ARG_MSG arguments --- */
	GP_MSG_WORD_INTEL_VTD,
	GP_MSG_WORD_AMD_VI,
	GP_MSG_WORD_IOMMU,
	GP_MSG_WORD_NO_IOMMU_UNIT,
	GP_MSG_WORD_PRESENT,
	GP_MSG_WORD_MISSING,
	GP_MSG_WORD_PART_TYPE_CHECKED,
	GP_MSG_WORD_DMA_TRANSLATED,
	GP_MSG_WORD_PASSTHROUGH_MODE,
	GP_MSG_WORD_MIXED_DOMAINS,
	GP_MSG_WORD_DOMAIN_UNKNOWN,
	GP_MSG_WORD_N_GROUPS,
	GP_MSG_WORD_MODULE,
	GP_MSG_WORD_BUILT_IN,
	GP_MSG_WORD_UNKNOWN,
	GP_MSG_WORD_RUNNING,
	GP_MSG_WORD_LOADED_NOW,

	/* --- check items: summaries and details of `--check` --- */
	GP_MSG_CHK_CANNOT_TELL,
	GP_MSG_CHK_IOMMU_GROUPS,
	GP_MSG_CHK_VFIO_MISSING,
	GP_MSG_CHK_BOOT_SPACE_LOW,
	GP_MSG_CHK_CPU_VMX,
	GP_MSG_CHK_CPU_SVM,
	GP_MSG_CHK_CPU_VM_NO_NESTED,
	GP_MSG_CHK_CPU_NONE,
	GP_MSG_CHK_CPU_MODEL,
	GP_MSG_CHK_CPU_NESTED,
	GP_MSG_CHK_FS_NO_MOUNT,
	GP_MSG_CHK_FS_PROBED,
	GP_MSG_CHK_FS_NOT_PROBED,
	GP_MSG_CHK_BOOT_FREE,
	GP_MSG_CHK_FILE_SIZE,
	GP_MSG_CHK_NO_KERNEL_RELEASE,
	GP_MSG_CHK_BOOT_SPACE_OK,
	GP_MSG_CHK_FW_BIOS,
	GP_MSG_CHK_FW_ESP,
	GP_MSG_CHK_FW_ESP_NOT_PROBED,
	GP_MSG_CHK_FW_SB_UNKNOWN,
	GP_MSG_CHK_FW_SB_ON,
	GP_MSG_CHK_FW_SB_OFF,
	GP_MSG_CHK_FW_NO_ESP,
	GP_MSG_CHK_IOMMU_ACTIVE,
	GP_MSG_CHK_IOMMU_OFF_CMDLINE,
	GP_MSG_CHK_IOMMU_OFF_NOT_SET,
	GP_MSG_CHK_IOMMU_OFF_NOT_ASKED,
	GP_MSG_CHK_IOMMU_KERNEL_LACKS,
	GP_MSG_CHK_IOMMU_TABLE_UNUSED,
	GP_MSG_CHK_IOMMU_IN_VM,
	GP_MSG_CHK_IOMMU_NO_CPU_VIRT,
	GP_MSG_CHK_IOMMU_NO_TABLE,
	GP_MSG_CHK_IOMMU_ALSO_OFF,
	GP_MSG_CHK_VFIO_NO_INDEX,
	GP_MSG_CHK_VFIO_KERNEL,
	GP_MSG_CHK_NO_KERNEL_ERR,
	GP_MSG_CHK_NO_KERNEL_DIR,
	GP_MSG_CHK_VFIO_OK,
	GP_MSG_CHK_VFIO_SOME_UNKNOWN,
	GP_MSG_CHK_GPU_IN_KERNELS,
	GP_MSG_CHK_GPU_LOADED_UNKNOWN,
	GP_MSG_CHK_GPU_LOADED,
	GP_MSG_CHK_GPU_NONE_LOADED,
	GP_MSG_CHK_GPU_BUILTIN,
	GP_MSG_CHK_BOOT_GRUB_DEFAULT,
	GP_MSG_CHK_BOOT_GRUB_DEFAULT_D,
	GP_MSG_CHK_BOOT_GRUB_CFG,
	GP_MSG_CHK_BOOT_UPDATE_GRUB,
	GP_MSG_CHK_BOOT_SDBOOT_AT,
	GP_MSG_CHK_BOOT_KERNELSTUB_AT,
	GP_MSG_CHK_BOOT_NONE,
	GP_MSG_CHK_BOOT_LOADER_MISSING,
	GP_MSG_CHK_BOOT_BOTH,
	GP_MSG_CHK_BOOT_CHANGES,
	GP_MSG_CHK_BOOT_LOADER,
	GP_MSG_CHK_BOOT_GRUB_INCOMPLETE,
	GP_MSG_CHK_INITRD_BY_DPKG,
	GP_MSG_CHK_INITRD_BY_SCRIPT,
	GP_MSG_CHK_INITRD_BY_FILES,
	GP_MSG_CHK_INITRD_TOOLS,
	GP_MSG_CHK_INITRD_TOOLS_NO_CONF,
	GP_MSG_CHK_INITRD_DRACUT_WRAPPED,
	GP_MSG_CHK_INITRD_DRACUT,
	GP_MSG_CHK_INITRD_NONE,
	GP_MSG_CHK_INITRD_DRACUT_MODULE,

	/* --- fixes: what to do about a check item --- */
	GP_MSG_FIX_IOMMU_ADD_INTEL_ON,
	GP_MSG_FIX_CPU_NESTED,
	GP_MSG_FIX_CPU_FIRMWARE,
	GP_MSG_FIX_BOOT_SPACE,
	GP_MSG_FIX_FW_SIGN,
	GP_MSG_FIX_FW_MOUNT_ESP,
	GP_MSG_FIX_IOMMU_REMOVE_ADD_ON,
	GP_MSG_FIX_IOMMU_REMOVE,
	GP_MSG_FIX_DISTRO_KERNEL,
	GP_MSG_FIX_IOMMU_KERNEL_LOG,
	GP_MSG_FIX_IOMMU_VM,
	GP_MSG_FIX_IOMMU_VIRT,
	GP_MSG_FIX_IOMMU_AMD,
	GP_MSG_FIX_IOMMU_INTEL,
	GP_MSG_FIX_IOMMU_OTHER,
	GP_MSG_FIX_VFIO_KERNEL,
	GP_MSG_FIX_GPU_BUILTIN,
	GP_MSG_FIX_BOOT_DIRECT,
	GP_MSG_FIX_BOOT_MISSING,
	GP_MSG_FIX_BOOT_BOTH,
	GP_MSG_FIX_BOOT_GRUB,
	GP_MSG_FIX_INITRD_TOOLS_CONF,
	GP_MSG_FIX_INITRD_NONE,
	GP_MSG_FIX_INITRD_DRACUT_MODULE,

	/* --- status (status.c): each a line of --status, newline included --- */
	GP_MSG_STATUS_CONF_HEAD,
	GP_MSG_STATUS_CONF_ENTRY,
	GP_MSG_STATUS_LINE_IGNORED,
	GP_MSG_STATUS_NONE,
	GP_MSG_STATUS_NONE_NO_FILE,
	GP_MSG_STATUS_CANNOT_READ,
	GP_MSG_STATUS_CANNOT_READ_WHY,
	GP_MSG_STATUS_WORD,
	GP_MSG_STATUS_DROPIN_HEAD,
	GP_MSG_STATUS_MODPROBE_HEAD,
	GP_MSG_STATUS_HISTORY_HEAD,
	GP_MSG_STATUS_HISTORY_ENTRY,
	GP_MSG_STATUS_BIND_HEAD,
	GP_MSG_STATUS_BIND_NO_RECORD,
	GP_MSG_STATUS_BIND_DAMAGED,
	GP_MSG_STATUS_BIND_OFF,
	GP_MSG_STATUS_BIND_RECOVERY,
	GP_MSG_STATUS_BIND_NO_CONFIG,
	GP_MSG_STATUS_BIND_LINE_REJECTED,
	GP_MSG_STATUS_BIND_ALREADY,
	GP_MSG_STATUS_BIND_BOUND,
	GP_MSG_STATUS_BIND_SKIPPED,
	GP_MSG_STATUS_BIND_FAILED,
	GP_MSG_STATUS_BIND_UNRECOGNISED,
	GP_MSG_STATUS_REBOOT_DIFFERS,
	GP_MSG_STATUS_REBOOT_CHANGED,
	GP_MSG_STATUS_REBOOT_NO,

	/* --- recovery of a change a killed run left open (txn_recover.c) --- */
	GP_MSG_RECOVER_ROLLED_BACK,
	GP_MSG_RECOVER_COMPLETED,
	GP_MSG_RECOVER_READONLY,
	GP_MSG_RECOVER_DAMAGED,
	GP_MSG_RECOVER_BUSY,
	GP_MSG_RECOVER_FAILED,

	/* --- plan notes: what a plan leaves to the user (plan_report.h) --- */
	GP_MSG_PLAN_IOMMU_UNUSABLE,
	GP_MSG_PLAN_BOOTLOADER_UNSUPPORTED,
	GP_MSG_PLAN_CMDLINE_MANUAL,
	GP_MSG_PLAN_CMDLINE_ADDS,
	GP_MSG_PLAN_CMDLINE_NOTHING,
	GP_MSG_PLAN_CMDLINE_REMOVE,
	GP_MSG_PLAN_NO_INITRAMFS_TOOL,

	/* --- guard hits: why a plan is refused (summary) and the facts (detail) --- */
	GP_MSG_GUARD_BOOT_DISPLAY,
	GP_MSG_GUARD_LAST_GPU,
	GP_MSG_GUARD_GROUP,
	GP_MSG_GUARD_IOMMU,
	GP_MSG_GUARD_BOOT_VGA_MONITOR,
	GP_MSG_GUARD_BOOT_VGA_CONSOLE,
	GP_MSG_GUARD_MONITOR,
	GP_MSG_GUARD_LAST_GPU_DETAIL,
	GP_MSG_GUARD_GROUP_ROUTE_NIC,
	GP_MSG_GUARD_GROUP_MOUNT,
	GP_MSG_GUARD_GROUP_STORAGE,
	GP_MSG_GUARD_IOMMU_INACTIVE,
	GP_MSG_GUARD_IOMMU_INTEL_ON_ADDED,

	/* --- preflight refusals and the partial-group guard (preflight.c, plan_guards.c) --- */
	GP_MSG_GUARD_PARTIAL_GROUP,
	GP_MSG_GUARD_PARTIAL_GROUP_MEMBERS,
	GP_MSG_PRE_NO_GENERATOR,
	GP_MSG_PRE_NO_GENERATOR_DETAIL,
	GP_MSG_PRE_FIX_GENERATOR,
	GP_MSG_PRE_NO_KERNEL,
	GP_MSG_PRE_KERNEL_HALF,
	GP_MSG_PRE_KERNEL_NONE,
	GP_MSG_PRE_KERNEL_RUNNING_UNKNOWN,
	GP_MSG_PRE_KERNEL_NO_MODULES,
	GP_MSG_PRE_KERNEL_NO_IMAGE,
	GP_MSG_PRE_KERNEL_NO_INITRD,
	GP_MSG_PRE_FIX_KERNEL,
	GP_MSG_PRE_NOT_INSTALLED,
	GP_MSG_PRE_PIECE_MISSING,
	GP_MSG_PRE_PIECE_NOT_EXECUTABLE,
	GP_MSG_PRE_FIX_INSTALL,
	GP_MSG_PRE_NO_VFIO,
	GP_MSG_PRE_VFIO_MISSING,
	GP_MSG_PRE_FIX_VFIO,
	GP_MSG_PRE_KERNEL_ABSENT,


	/* --- the next boot's kernel command line (grub_default.c, check and plan) --- */
	GP_MSG_CHK_THIS_BOOT_CMDLINE,
	GP_MSG_CHK_NEXT_BOOT_CMDLINE,
	GP_MSG_CHK_NEXT_BOOT_UNSAFE,
	GP_MSG_CHK_NEXT_BOOT_UNREADABLE,
	GP_MSG_CHK_NEXT_BOOT_LACKS,
	GP_MSG_FIX_NEXT_BOOT_ADD,
	GP_MSG_PLAN_CMDLINE_UNSAFE,
	GP_MSG_PLAN_CMDLINE_LOST,
	GP_MSG_CHK_OFF_THIS_BOOT_ONLY,
	GP_MSG_FIX_REBOOT_WITHOUT,
	GP_MSG_PLAN_OFF_THIS_BOOT_ONLY,


	/* --- the rebuilt images read back (image_verify.c) --- */
	GP_MSG_IMAGE_LACKS,          /* image, what, kernel: a file the next boot needs */
	GP_MSG_IMAGE_CONF_DIFFERS,   /* image, bind.conf, kernel: not the file on disk */
	GP_MSG_IMAGE_STILL_BINDS,    /* image, what, bind.conf, kernel: after a revert */
	GP_MSG_IMAGE_NO_TOOL,        /* image, tool: it cannot be read */
	GP_MSG_IMAGE_TOOL_FAILED,    /* image, tool, its first line of output */
	GP_MSG_IMAGE_FIX_INSTALL,    /* fix: install gpupt where the generator looks */
	GP_MSG_IMAGE_FIX_PACKAGE,    /* fix: package, tool */
	GP_MSG_IMAGE_FIX_GENERATOR,  /* fix: the generator's output, then again */
	GP_MSG_IMAGE_NONE_REBUILT,   /* bind.conf: it lists something, no image was rebuilt */
	GP_MSG_IMAGE_FIX_NONE,       /* fix: a generator and an installed kernel */
	GP_MSG_IMAGE_AFTER_ROLLBACK, /* the regenerated images do not match the restored files */
	GP_MSG_RECOVER_IMAGES_ROLLED_BACK, /* a completed journal's image was wrong: rolled back */
	GP_MSG_RECOVER_RESTORED_IMAGES,    /* rolled back, but its images do not match the files */
	GP_MSG_REVERT_CONF_STILL_BINDS,    /* bind.conf: left as edited, it still configures */


	/* --- status: the open change, a kept bind.conf, this boot's records (status*.c) --- */
	/* an open journal: what the next run does with it (status.c) */
	GP_MSG_STATUS_OPEN_HEAD,
	GP_MSG_STATUS_OPEN_ROLL_BACK,
	GP_MSG_STATUS_OPEN_COMPLETE,
	GP_MSG_STATUS_OPEN_BOOT_FILES,
	GP_MSG_STATUS_OPEN_DISCARD,
	GP_MSG_STATUS_OPEN_DAMAGED,
	GP_MSG_STATUS_OPEN_UNREADABLE,
	GP_MSG_STATUS_SETTLED_OLD,
	GP_MSG_STATUS_SETTLED_NEW,
	GP_MSG_STATUS_UNSETTLED,
	/* bind.conf and the history: a file gpupt-setup no longer answers for */
	GP_MSG_STATUS_CONF_NOT_RECORDED,
	GP_MSG_STATUS_CONF_EDITED,
	GP_MSG_STATUS_CONF_KEPT,
	GP_MSG_STATUS_FIX_UNCONFIGURE,
	/* this boot: why a configured function was not bound, and the fix (status_boot.c) */
	GP_MSG_STATUS_BIND_NOT_BOUND,
	GP_MSG_STATUS_BIND_OTHER_DRIVER,
	GP_MSG_STATUS_BIND_UNBIND_FROM,
	GP_MSG_STATUS_BIND_BOUND_FROM,
	GP_MSG_STATUS_BIND_GAVE_BACK,
	GP_MSG_STATUS_BIND_GAVE_BACK_NONE,
	GP_MSG_STATUS_BIND_GAVE_BACK_FAILED,
	GP_MSG_STATUS_BIND_DUPLICATE,
	GP_MSG_STATUS_BIND_CONFIG_UNREADABLE,
	GP_MSG_STATUS_CAUSE_MISSING,
	GP_MSG_STATUS_CAUSE_IDENTITY,
	GP_MSG_STATUS_CAUSE_SUBSYSTEM,
	GP_MSG_STATUS_CAUSE_CLASS,
	GP_MSG_STATUS_CAUSE_UNREADABLE,
	GP_MSG_STATUS_CAUSE_NO_IOMMU_GROUP,
	GP_MSG_STATUS_CAUSE_OVERRIDE,
	GP_MSG_STATUS_CAUSE_UNBIND,
	GP_MSG_STATUS_CAUSE_NO_VFIO,
	GP_MSG_STATUS_CAUSE_VERIFY,
	GP_MSG_STATUS_CAUSE_VERIFY_OLD,
	GP_MSG_STATUS_CAUSE_OTHER_DRIVER,
	GP_MSG_STATUS_BIND_DRY_RUN,
	GP_MSG_STATUS_BIND_WOULD_BIND,
	GP_MSG_STATUS_FIX,
	GP_MSG_STATUS_FIX_OTHER_DRIVER,
	GP_MSG_STATUS_FIX_RECHOOSE,
	GP_MSG_STATUS_FIX_IOMMU,
	GP_MSG_STATUS_FIX_VFIO,
	GP_MSG_STATUS_FIX_KERNEL_LOG,
	GP_MSG_STATUS_FIX_CONFIG,
	GP_MSG_STATUS_FIX_LINE,
	/* the reboot line, when a reboot alone would not help */
	GP_MSG_STATUS_REBOOT_NOT_BOUND,
	GP_MSG_STATUS_REBOOT_OPEN_CHANGE,


	/* --- large BARs (bar.c) --- */
	GP_MSG_CHK_LARGE_BAR,


	GP_MSG_N_CODES
};

/* The kind of one argument; it says how it is passed and rendered. */
enum gp_arg_type {
	GP_ARG_STR = 0,   /* const char *, rendered by %s */
	GP_ARG_PATH,      /* const char *, a file name, by %s */
	GP_ARG_ADDR,      /* const char *, a PCI address, by %s */
	GP_ARG_INT,       /* int, by %d or %i */
	GP_ARG_UINT,      /* size_t (pass a size_t!), by %u, %lu or %zu */
	GP_ARG_BYTES,     /* uint64_t, by %s as "12.3 GiB" */
	GP_ARG_ERRNO,     /* int (+errno or -errno), by %s as strerror() */
	GP_ARG_MSG,       /* int (an enum gp_msg of no arguments), by %s */
	GP_ARG_MSG_INT,   /* int code, int n: a code whose one INT argument is n
			   * ("%d groups"), by %s */
	GP_ARG_MSGID,     /* const char *, an N_() text of static lifetime (not
			   * copied), by %s, translated like the format */
};

/* The most arguments one code takes. */
#define GP_REPORT_MAX_ARGS 6

/* One entry of the message table. */
struct gp_msg_info {
	const char *name;        /* stable machine name: "check.iommu.groups" */
	const char *fmt;         /* the N_() msgid */
	const char *plural;      /* the plural msgid, or NULL */
	int plural_arg;          /* which argument (INT/UINT) picks the form, -1 */
	enum gp_severity sev;    /* severity given by gp_report_add() */
	unsigned n_args;
	enum gp_arg_type type[GP_REPORT_MAX_ARGS];
};

/** gp_msg_info - the table entry of @code, or NULL for an unknown code. */
const struct gp_msg_info *gp_msg_info(enum gp_msg code);

#endif
