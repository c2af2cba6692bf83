/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bootcfg — which boot loader sets the kernel command line, and which
 * initramfs generator builds the images, on a Debian/Ubuntu root.
 */
#ifndef GP_BOOTCFG_H
#define GP_BOOTCFG_H

#include "gp_path.h"
#include "grub_default.h"
#include "iommu.h"

/** Boot loader configuration found on the root (several may coexist). */
struct gp_bootloader {
	int grub_default;     /* /etc/default/grub */
	int grub_default_d;   /* /etc/default/grub.d/ */
	int grub_cfg;         /* /boot/grub/grub.cfg */
	int update_grub;      /* /usr/sbin/update-grub */
	const char *sdboot_loader;  /* the loader.conf found, or NULL */
	int kernelstub;       /* /etc/kernelstub/configuration (Pop!_OS) */
	int kernel_install;   /* /usr/bin/kernel-install (systemd) */
	int kernelstub_bin;   /* /usr/bin/kernelstub */
};

/**
 * gp_bootloader_ambiguous - 1 when GRUB and systemd-boot are both set up
 * outside Pop!_OS's kernelstub: which one the firmware starts is not known.
 */
int gp_bootloader_ambiguous(const struct gp_bootloader *b);

/**
 * gp_bootloader_probe - look for GRUB, systemd-boot and kernelstub.
 * @p: the target root.
 * @out: filled; nothing found is not an error.
 * Returns 0.
 */
int gp_bootloader_probe(const struct gp_path *p, struct gp_bootloader *out);

/* systemd's kernel-install takes the command line of new entries from here. */
#define GP_KERNEL_CMDLINE_PATH "/etc/kernel/cmdline"

/** The kernel command line the boot loader will give the next boot. */
struct gp_nextboot {
	const char *source;           /* the loader back end that read it (its JSON name,
				       * loader.h), NULL: nothing read, only this boot's
				       * line is known */
	const char *from;             /* where it was read, for people: files, variables */
	char *line;                   /* as the files are now; NULL when source is NULL */
	char *base;                   /* the same without gpupt-setup's parameters: what
				       * a plan adds to */
	struct gp_iommu_params line_params, base_params;
	int unsafe;                   /* line and base may be wrong: see where, or */
	struct gp_grub_unsafe where;
	int read_err;                 /* -errno: the file read_path could not be read */
	char read_path[256];
};

/**
 * gp_nextboot_params - fill @nb's line_params and base_params from its
 * line and base (a back end's next_boot calls it last).  0 or -ENOMEM.
 */
int gp_nextboot_params(struct gp_nextboot *nb);

/** gp_nextboot_free - release what gp_nextboot_probe() allocated. */
void gp_nextboot_free(struct gp_nextboot *nb);

enum gp_initramfs_kind {
	GP_INITRAMFS_NONE = 0,      /* no generator found */
	GP_INITRAMFS_TOOLS,         /* initramfs-tools (mkinitramfs) */
	GP_INITRAMFS_DRACUT,
};

/* Where `make install` puts gpupt-setup's dracut module (DRACUTDIR/90gpupt). */
#define GP_DRACUT_MODULE_DIR "/usr/lib/dracut/modules.d/90gpupt"

/** How the owner of update-initramfs was told apart. */
enum gp_initramfs_evidence {
	GP_INITRAMFS_BY_NOTHING = 0,
	GP_INITRAMFS_BY_DPKG,       /* the package that ships update-initramfs */
	GP_INITRAMFS_BY_SCRIPT,     /* what the update-initramfs script runs */
	GP_INITRAMFS_BY_FILES,      /* only one generator is installed */
};

/** The initramfs generator, and the files that told. */
struct gp_initramfs {
	enum gp_initramfs_kind kind;
	enum gp_initramfs_evidence by;
	int update_initramfs;       /* /usr/sbin/update-initramfs exists */
	int tools_conf;             /* /etc/initramfs-tools/initramfs.conf */
	int mkinitramfs;            /* /usr/sbin/mkinitramfs */
	int dracut;                 /* /usr/bin/dracut */
	int dracut_conf;            /* /etc/dracut.conf or /etc/dracut.conf.d/ */
	int wrapper_runs_dracut;    /* update-initramfs is dracut's wrapper */
	int dracut_module;          /* our module: GP_DRACUT_MODULE_DIR/module-setup.sh */
};

/**
 * gp_initramfs_probe - find which generator really builds the images.
 * @p: the target root.
 * @out: filled.
 *
 * Ubuntu 25.10 and later keep an update-initramfs that runs dracut, so the
 * name proves nothing: the dpkg file lists say which package ships it, and
 * failing those the script's own text does.
 * Returns 0.
 */
int gp_initramfs_probe(const struct gp_path *p, struct gp_initramfs *out);

#endif
