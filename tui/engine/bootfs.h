/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bootfs — the file systems the boot needs: /boot (its type, and whether
 * it has room to rebuild an initramfs), the EFI system partition, and the
 * firmware's boot mode (UEFI or legacy BIOS, Secure Boot).
 */
#ifndef GP_BOOTFS_H
#define GP_BOOTFS_H

#include <stdint.h>

#include "gp_path.h"

/** Where a file system's type came from. */
enum gp_fstype_source {
	GP_FSTYPE_NONE = 0,
	GP_FSTYPE_BLKID,       /* libblkid probed the device */
	GP_FSTYPE_MOUNTINFO,   /* the device could not be probed: the mount says */
};

/** A mount that holds a directory, and what its device is. */
struct gp_fs_info {
	int mount_err;                /* -errno: no mountinfo, or no mount found */
	char mount_point[GP_PATH_MAX];
	char source[GP_PATH_MAX];     /* the device as mountinfo names it */
	char fstype[64];
	enum gp_fstype_source fstype_from;
	int probe_err;                /* why libblkid could not probe (-errno) */
	char part_type[64];           /* GPT/MBR partition type, "" if unknown */
};

/** /boot: where it lives and whether an initramfs can be rebuilt there. */
struct gp_bootfs {
	struct gp_fs_info fs;
	int statvfs_err;
	uint64_t free_bytes, size_bytes;
	int initrd_err;               /* -errno statting the running kernel's initrd */
	char initrd[256];             /* "/boot/initrd.img-<release>" */
	uint64_t initrd_bytes;
	uint64_t need_bytes;          /* free space wanted: gp_bootfs_space_needed() */
};

enum gp_secure_boot {
	GP_SB_UNKNOWN = 0,
	GP_SB_OFF,
	GP_SB_ON,
	GP_SB_NOT_EFI,                /* legacy BIOS boot: no Secure Boot */
};

/** The firmware's boot mode and the EFI system partition. */
struct gp_firmware {
	int efi;                      /* 1 UEFI, 0 legacy BIOS, -errno when
	                               * /sys/firmware cannot tell */
	enum gp_secure_boot secure_boot;
	int sb_err;                   /* -errno reading the SecureBoot variable */
	int esp_found;                /* a mount at /boot/efi or /efi */
	int esp_confirmed;            /* its partition type is the ESP GUID */
	struct gp_fs_info esp;
};

/** The GPT partition type GUID of an EFI system partition. */
#define GP_ESP_TYPE_GUID "c12a7328-f81f-11d2-ba4b-00a0c93ec93b"

/**
 * gp_fs_info_probe - the mount holding @dir and its device's type.
 * @p: the target root (its /proc/self/mountinfo, its /dev).
 * @dir: "/boot".
 * @exact: 1 to take only a mount exactly at @dir.
 * @out: filled; failures are recorded in it.
 *
 * The device is opened inside the root and handed to libblkid; when that
 * fails (a device of another machine, "none", a ZFS dataset) the type
 * comes from mountinfo and probe_err says why.  Returns 0.
 */
int gp_fs_info_probe(const struct gp_path *p, const char *dir, int exact, struct gp_fs_info *out);

/**
 * gp_bootfs_probe - /boot's file system, free space and current initrd.
 * @p: the target root.
 * @kver: the running kernel, or NULL when unknown.
 * @out: filled.  Returns 0.
 */
int gp_bootfs_probe(const struct gp_path *p, const char *kver, struct gp_bootfs *out);

/**
 * gp_firmware_probe - UEFI or BIOS, Secure Boot, and the ESP.
 * @p: the target root.
 * @out: filled.  Returns 0.
 */
int gp_firmware_probe(const struct gp_path *p, struct gp_firmware *out);

/**
 * gp_bootfs_space_needed - the free space /boot needs to rebuild initramfs
 * images whose largest is now @largest_initrd bytes.
 *
 * update-initramfs (and dracut) write each new image beside the old one
 * and rename it over the old one, one kernel at a time: the peak is one
 * new image, the old size plus what the change adds (a quarter, for the
 * vfio modules and their firmware, is generous).  The check and the
 * transaction both use this.
 */
uint64_t gp_bootfs_space_needed(uint64_t largest_initrd);

#endif
