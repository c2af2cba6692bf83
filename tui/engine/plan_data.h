/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plan_data — what a plan is: the choices it is built from, the options
 * main() hands the engine, the guards, and struct gp_plan with the files,
 * commands and guard hits it holds.  The files that build a plan (plan.c
 * and the pieces it calls, plan_int.h) fill these; plan.h, which builds
 * one, includes this.  Apart from plan.h so that a piece that fills a plan
 * needs only what a plan is, not the builder that calls it.
 */
#ifndef GP_PLAN_DATA_H
#define GP_PLAN_DATA_H

#include <stddef.h>
#include <sys/types.h>

#include "inventory_data.h"

/* The files gpupt-setup owns on the target: GP_*_PATH in gp_paths.h. */
#include "gp_paths.h"

/* Environment variables that replace the generator commands (tests, demo). */
#define GP_ENV_UPDATE_INITRAMFS "GPUPT_UPDATE_INITRAMFS"
#define GP_ENV_UPDATE_BOOTLOADER "GPUPT_UPDATE_BOOTLOADER"
#define GP_ENV_UPDATE_GRUB      "GPUPT_UPDATE_GRUB"   /* the older name of the same */
/* Replaces grub-editenv (runs on the host, with GPUPT_ROOT; --root tests only). */
#define GP_ENV_GRUB_EDITENV     "GPUPT_GRUB_EDITENV"
/* The test hook of gp_txn_apply(): crash at the Nth crash point. */
#define GP_ENV_TEST_CRASH_AT    "GPUPT_TEST_CRASH_AT"

/* Seconds each command of a transaction may take (run.h: GP_RUN_DEFAULT_TIMEOUT_S). */
#define GP_ENV_COMMAND_TIMEOUT  "GPUPT_COMMAND_TIMEOUT"

/**
 * struct gp_plan_options - what main() read from the environment for the
 * engine, which reads none itself.  All zero: the defaults.  The strings
 * are the caller's and must outlive every plan built with them.
 */
struct gp_plan_options {
	const char *update_initramfs;  /* GP_ENV_UPDATE_INITRAMFS: run this absolute path
					  instead of update-initramfs or dracut (NULL, "": no) */
	const char *update_bootloader; /* GP_ENV_UPDATE_BOOTLOADER (or GP_ENV_UPDATE_GRUB):
					  instead of the loader back end's command
					  (update-grub, kernel-install, kernelstub) */
	const char *grub_editenv;      /* GP_ENV_GRUB_EDITENV: instead of grub-editenv */
	long test_crash_at;            /* GP_ENV_TEST_CRASH_AT; 0: off (see gp_txn_apply()) */
	const char *unmkinitramfs;     /* GP_ENV_UNMKINITRAMFS, GP_ENV_LSINITRD (image_verify.h): */
	const char *lsinitrd;          /* read the built images with these, on the host */
	unsigned int command_timeout_s; /* GP_ENV_COMMAND_TIMEOUT: each command's deadline
					   (0: the default; not a test hook, kept on "/") */
};

/** Which functions go to vfio-pci with the chosen GPU. */
enum gp_functions_mode {
	GP_FUNCS_SLOT = 0,   /* every function of the GPU's slot (the default) */
	GP_FUNCS_GROUP,      /* the slot plus every other endpoint of its IOMMU group */
	GP_FUNCS_LIST,       /* exactly gp_choices.list */
};

/** Which kernels get a rebuilt initramfs. */
enum gp_kernels_mode {
	GP_KERNELS_ALL = 0,  /* every installed kernel that has an initrd */
	GP_KERNELS_RUNNING,  /* the running kernel only */
};

/** Guards: each refuses the plan unless its bit is in gp_choices.force. */
enum gp_guard {
	GP_GUARD_BOOT_DISPLAY = 1u << 0, /* boot VGA, or drives a connected display */
	GP_GUARD_LAST_GPU     = 1u << 1, /* the host would keep no GPU */
	GP_GUARD_GROUP        = 1u << 2, /* group holds storage, the default-route NIC, / or /boot */
	GP_GUARD_IOMMU        = 1u << 3, /* the IOMMU is not usable now */
	GP_GUARD_PARTIAL_GROUP = 1u << 4, /* an endpoint of the card's group stays with the host */
	/*
	 * Preflight refusals (preflight.h): with any of these nothing could be
	 * bound at the next boot, so no force word lifts them.
	 */
	GP_GUARD_NO_GENERATOR = 1u << 8,  /* neither update-initramfs nor dracut */
	GP_GUARD_NO_KERNEL    = 1u << 9,  /* no installed kernel gets a rebuilt initramfs */
	GP_GUARD_KERNEL_HALF  = 1u << 10, /* a kernel to rebuild is half-installed */
	GP_GUARD_NOT_INSTALLED = 1u << 11, /* gpupt-bind, the hook or the dracut module missing */
	GP_GUARD_NO_VFIO      = 1u << 12, /* a kernel to rebuild has no vfio-pci or vfio_iommu_type1 */
};

/* The guards gp_choices.force cannot lift. */
#define GP_GUARD_UNFORCEABLE (GP_GUARD_NO_GENERATOR | GP_GUARD_NO_KERNEL | GP_GUARD_KERNEL_HALF | \
			      GP_GUARD_NOT_INSTALLED | GP_GUARD_NO_VFIO)

/** gp_guard_forceable - 1 when a force word (or the wizard's Force dialog) may lift @g. */
int gp_guard_forceable(enum gp_guard g);

/** What the user chose (wizard screens or an answers file). */
struct gp_choices {
	char gpu[GP_PCI_ADDR_LEN];            /* the GPU's function 0 (or any of its functions) */
	enum gp_functions_mode functions;
	char (*list)[GP_PCI_ADDR_LEN];        /* GP_FUNCS_LIST only */
	size_t n_list;
	size_t alloc_list;                    /* capacity of list */
	int iommu_pt;                         /* add iommu=pt */
	enum gp_kernels_mode kernels;
	unsigned int force;                   /* GP_GUARD_* bits the user overrides */
	int no_trial;                         /* apply permanently at once (trial = no);
						 0: the first boot is a one-shot trial */
};

/** One file the plan writes or removes. */
struct gp_file_change {
	char path[GP_PATH_MAX];   /* target path, e.g. GP_BIND_CONF_PATH */
	int old_exists;           /* the file exists now */
	char *old_content;        /* its content now (NULL when absent) */
	size_t old_len;
	int remove;               /* the plan deletes the file */
	char *new_content;        /* content to write (NULL when remove) */
	size_t new_len;
	mode_t mode;              /* mode of the new file (an existing file keeps its own
				     unless it is unsafe) */
	int unsafe;               /* the file exists with a mode or owner that lets anyone
				     but root change it: it is written @mode, root's */
	mode_t old_mode;          /* when unsafe: its mode (07777 bits) and owner now */
	uid_t old_uid;
	gid_t old_gid;
};

/** One command to run after the files are written. */
struct gp_command {
	char **argv;              /* NULL-terminated; argv[0] is an absolute path */
	const char *what;         /* N_() description: "Rebuilding the initramfs for %s" */
	char kver[GP_KVER_MAX];   /* the kernel it is for, or "" */
	int in_root;              /* the system's own tool: run chrooted into a --root;
				     0 for a replacement from GP_ENV_* (runs as is) */
	int generator;            /* rebuilds boot files: run again after a rollback */
	char rewrites[GP_PATH_MAX]; /* a file the command rewrites that the journal keeps
				     a copy of (a loader entry), or "": see journal.h */
};

/** Why a function of the group makes GP_GUARD_GROUP apply. */
enum gp_group_reason {
	GP_GROUP_REASON_NONE = 0,
	GP_GROUP_REASON_STORAGE,    /* a storage controller (class 0x01) */
	GP_GROUP_REASON_ROUTE_NIC,  /* the NIC of the default route; what = interface */
	GP_GROUP_REASON_MOUNT,      /* under a mounted file system; what = "/" or "/boot" */
};

/** One fact of a guard hit, when a hit has several (see struct gp_guard_hit). */
struct gp_guard_fact {
	int what;                 /* per guard: enum gp_preflight_fact (preflight.h), or 0 */
	char arg[GP_PATH_MAX];    /* the kernel release, the file, or the PCI address */
	int module;               /* GP_GUARD_NO_VFIO: the enum gp_check_module missing */
};

/** A guard that applies to this plan. */
struct gp_guard_hit {
	enum gp_guard guard;
	int forced;               /* the user forced it: the plan goes ahead */
	char detail[256];         /* untranslated facts: addresses, device names */
	char address[GP_PCI_ADDR_LEN];  /* the function it is about ("" for none) */
	int group;                /* GP_GUARD_GROUP: the IOMMU group, else -1 */
	enum gp_group_reason reason;    /* GP_GUARD_GROUP only */
	char what[64];            /* interface or mount point (see reason) */
	struct gp_guard_fact *facts;    /* GP_GUARD_PARTIAL_GROUP: each endpoint left out
					   (arg: its address); preflight guards: each kernel,
					   file or module at fault */
	size_t n_facts, alloc_facts;
};

/** Why gp_plan_build() failed, when a file is to blame. */
struct gp_plan_error {
	int err;                      /* -errno, or 0 */
	char path[GP_PATH_MAX];       /* the target file that could not be read ("" if none);
					 -EPERM: the directory of a file of ours that others
					 than root can change (gp_file_mode_unsafe()) */
	mode_t mode;                  /* -EPERM: that directory's mode (07777 bits), owner */
	uid_t uid;
	gid_t gid;
};

struct gp_loader_ops;

/** A plan; see gp_plan_build(). */
struct gp_plan {
	const struct gp_loader_ops *loader; /* the boot loader back end it changes (loader.h),
					       or NULL: none known, nothing changed there */
	char (*functions)[GP_PCI_ADDR_LEN];   /* every function that will go to vfio-pci */
	size_t n_functions;
	struct gp_file_change *files;
	size_t n_files;
	struct gp_command *cmds;
	size_t n_cmds;
	struct gp_guard_hit *guards;
	size_t n_guards;
	int bootloader_unsupported;   /* not GRUB: kernel command line left unchanged */
	int iommu_unusable;           /* binding will fail until the IOMMU works */
	char cmdline_added[256];      /* kernel parameters the drop-in adds ("" if none) */
	struct gp_plan_options options; /* as given to gp_plan_build() */
	struct gp_plan_error error;   /* while building: the file that failed */
	size_t alloc_functions, alloc_files, alloc_cmds, alloc_guards;  /* capacities */
	char cmdline_manual[256];     /* bootloader_unsupported: parameters the user must
					 add by hand ("" if none) */
	char cmdline_remove[128];     /* a word on the command line that turns the IOMMU
					 off, for the user to remove ("" if none) */
	char cmdline_lost[256];       /* what the drop-in adds that a GRUB file read after
					 it drops again ("" if none) */
	int no_initramfs_tool;        /* neither update-initramfs nor dracut: the
					 initramfs cannot be rebuilt */
	int trial;                    /* a trial apply: the next boot, once, takes the
					 trial entry (GP_TRIAL_PATH is written) */
	char trial_blocked[256];        /* why this machine defeats the loader's
					    one-shot ("btrfs", "/dev/mapper/vg-boot"), or "" */
	int trial_unavailable;        /* a trial was asked for, but the boot loader
					 has none: applied permanently at once */
	int no_trial;                 /* the user said trial = no (gp_choices.no_trial) */
};

/**
 * gp_file_mode_unsafe - 1 when a file of mode @mode (st_mode bits) owned by
 * @uid:@gid can be changed by anyone but root: owned by neither root nor
 * the running user (a test's --root), writable by others, writable by a
 * group other than root's, or setuid/setgid/sticky.  Such a file of ours
 * is rewritten 0644, ours, even when its content is right (the initramfs
 * hooks refuse to pack such a bind.conf); such a directory of a file of
 * ours is refused (a plan error, -EPERM).
 */
int gp_file_mode_unsafe(mode_t mode, uid_t uid, gid_t gid);

#endif
