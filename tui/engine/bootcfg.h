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
};

/**
 * gp_bootloader_probe - look for GRUB, systemd-boot and kernelstub.
 * @p: the target root.
 * @out: filled; nothing found is not an error.
 * Returns 0.
 */
int gp_bootloader_probe(const struct gp_path *p, struct gp_bootloader *out);

/**
 * gp_bootloader_grub_sets_cmdline - 1 when GRUB's /etc/default files give
 * the kernel its command line: GRUB is configured, kernelstub is not in
 * charge, and systemd-boot is not the only menu there is.
 */
int gp_bootloader_grub_sets_cmdline(const struct gp_bootloader *b);

/** Where the next boot's kernel command line was read from. */
enum gp_nextboot_source {
	GP_NEXTBOOT_NONE = 0,         /* nothing read: only this boot's line is known */
	GP_NEXTBOOT_GRUB,             /* /etc/default/grub and grub.d */
	GP_NEXTBOOT_KERNEL_CMDLINE,   /* /etc/kernel/cmdline (systemd-boot, kernel-install) */
};

/* systemd's kernel-install takes the command line of new entries from here. */
#define GP_KERNEL_CMDLINE_PATH "/etc/kernel/cmdline"

/** The kernel command line the boot loader will give the next boot. */
struct gp_nextboot {
	enum gp_nextboot_source source;
	char *line;                   /* as the files are now; NULL with GP_NEXTBOOT_NONE */
	char *base;                   /* the same without gpupt-setup's drop-in: what a
				       * plan adds to (GRUB; else a copy of line) */
	struct gp_iommu_params line_params, base_params;
	int unsafe;                   /* line and base may be wrong: see where, or */
	struct gp_grub_unsafe where;
	int read_err;                 /* -errno: the file read_path could not be read */
	char read_path[256];
};

/**
 * gp_nextboot_probe - what the boot loader will give the next boot.
 * @p: the target root.
 * @b: what gp_bootloader_probe() found.
 * @out: filled; release with gp_nextboot_free().
 *
 * GRUB: GRUB_CMDLINE_LINUX and GRUB_CMDLINE_LINUX_DEFAULT after sourcing
 * its files (grub_default.h), with GP_GRUB_DROPIN_PATH counted like any
 * other .cfg in line and left out of base.  systemd-boot: the first line of
 * /etc/kernel/cmdline when there is one.  Anything else (kernelstub's
 * JSON) is not read: GP_NEXTBOOT_NONE.
 * Returns 0 or -ENOMEM.
 */
int gp_nextboot_probe(const struct gp_path *p, const struct gp_bootloader *b,
		      struct gp_nextboot *out);

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
