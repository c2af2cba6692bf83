/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "bootfs.h"

#include <blkid.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "efivar.h"
#include "mountinfo.h"

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

/* Probe the device at target path @dev with libblkid. */
static int probe_device(const struct gp_path *p, const char *dev, struct gp_fs_info *out)
{
	const char *v;
	blkid_probe pr;
	struct stat st;
	int fd, r;

	if (dev[0] != '/')
		return -ENODEV;   /* "none", "rpool/ROOT": not a device file */
	fd = gp_path_open(p, dev, O_RDONLY, 0);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st) < 0 || (!S_ISBLK(st.st_mode) && !S_ISREG(st.st_mode))) {
		close(fd);
		return -ENODEV;
	}
	pr = blkid_new_probe();
	if (!pr) {
		close(fd);
		return -ENOMEM;
	}
	r = blkid_probe_set_device(pr, fd, 0, 0);
	if (r == 0) {
		blkid_probe_enable_superblocks(pr, 1);
		blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE);
		/*
		 * A partition's entry is read from its whole disk, which libblkid
		 * finds through the host's /sys: only on the real root.
		 */
		if (gp_path_is_host(p) && S_ISBLK(st.st_mode)) {
			blkid_probe_enable_partitions(pr, 1);
			blkid_probe_set_partitions_flags(pr, BLKID_PARTS_ENTRY_DETAILS);
		}
		r = blkid_do_safeprobe(pr);
	}
	if (r == 0) {
		if (blkid_probe_lookup_value(pr, "TYPE", &v, NULL) == 0) {
			copy(out->fstype, sizeof(out->fstype), v);
			out->fstype_from = GP_FSTYPE_BLKID;
		}
		if (blkid_probe_lookup_value(pr, "PART_ENTRY_TYPE", &v, NULL) == 0)
			copy(out->part_type, sizeof(out->part_type), v);
	}
	blkid_free_probe(pr);
	close(fd);
	if (r == 1 || (r == 0 && out->fstype_from != GP_FSTYPE_BLKID))
		return -EMEDIUMTYPE;   /* nothing recognised on it */
	return r < 0 ? -EIO : 0;
}

int gp_fs_info_probe(const struct gp_path *p, const char *dir, int exact, struct gp_fs_info *out)
{
	struct gp_mount m;

	memset(out, 0, sizeof(*out));
	out->mount_err = gp_mountinfo_find(p, dir, exact, &m);
	if (out->mount_err < 0)
		return 0;
	copy(out->mount_point, sizeof(out->mount_point), m.mount_point);
	copy(out->source, sizeof(out->source), m.source);
	out->probe_err = probe_device(p, m.source, out);
	if (out->fstype_from != GP_FSTYPE_BLKID) {
		copy(out->fstype, sizeof(out->fstype), m.fstype);
		out->fstype_from = GP_FSTYPE_MOUNTINFO;
	}
	return 0;
}

uint64_t gp_bootfs_space_needed(uint64_t largest_initrd)
{
	return largest_initrd + largest_initrd / 4;
}

int gp_bootfs_probe(const struct gp_path *p, const char *kver, struct gp_bootfs *out)
{
	struct statvfs sv;
	struct stat st;
	int fd, r;

	memset(out, 0, sizeof(*out));
	gp_fs_info_probe(p, "/boot", 0, &out->fs);

	fd = gp_path_open(p, "/boot", O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0) {
		out->statvfs_err = fd;
	} else {
		if (fstatvfs(fd, &sv) < 0) {
			out->statvfs_err = -errno;
		} else {
			out->free_bytes = (uint64_t)sv.f_bavail * sv.f_frsize;
			out->size_bytes = (uint64_t)sv.f_blocks * sv.f_frsize;
		}
		close(fd);
	}

	if (!kver) {
		out->initrd_err = -ENOENT;
		return 0;
	}
	r = snprintf(out->initrd, sizeof(out->initrd), "/boot/initrd.img-%s", kver);
	if (r < 0 || (size_t)r >= sizeof(out->initrd)) {
		out->initrd[0] = '\0';
		out->initrd_err = -ENAMETOOLONG;
		return 0;
	}
	r = gp_path_stat(p, out->initrd, &st);
	if (r == 0 && !S_ISREG(st.st_mode))
		r = -EINVAL;
	out->initrd_err = r;
	if (r == 0) {
		out->initrd_bytes = (uint64_t)st.st_size;
		out->need_bytes = gp_bootfs_space_needed(out->initrd_bytes);
	}
	return 0;
}

/* An empty efivars means efivarfs is not mounted, not "no variables". */
static int dir_has_entries(const struct gp_path *p, const char *path)
{
	struct dirent *de;
	int found = 0;
	DIR *d;

	d = gp_path_opendir(p, path);
	if (!d)
		return 0;
	while (!found && (de = readdir(d)))
		found = de->d_name[0] != '.';
	closedir(d);
	return found;
}

int gp_firmware_probe(const struct gp_path *p, struct gp_firmware *out)
{
	static const char *const esp_dirs[] = { "/boot/efi", "/efi" };
	size_t i;
	int r, on;

	memset(out, 0, sizeof(*out));
	r = gp_path_exists(p, "/sys/firmware/efi");
	/* No /sys/firmware at all is a capture or chroot that says nothing. */
	if (r == 0 && gp_path_exists(p, "/sys/firmware") == 0)
		r = -ENOENT;
	out->efi = r;
	if (r == 0) {
		out->secure_boot = GP_SB_NOT_EFI;
	} else if (r > 0) {
		r = gp_efivar_read_bool(p, GP_EFIVAR_SECUREBOOT, &on);
		out->sb_err = r;
		if (r == 0)
			out->secure_boot = on ? GP_SB_ON : GP_SB_OFF;
		else if (r == -ENOENT && dir_has_entries(p, "/sys/firmware/efi/efivars"))
			out->secure_boot = GP_SB_OFF;   /* firmware without Secure Boot */
	}

	for (i = 0; i < sizeof(esp_dirs) / sizeof(esp_dirs[0]); i++) {
		gp_fs_info_probe(p, esp_dirs[i], 1, &out->esp);
		if (out->esp.mount_err == 0)
			break;
	}
	if (out->esp.mount_err == 0) {
		out->esp_confirmed = strcmp(out->esp.part_type, GP_ESP_TYPE_GUID) == 0;
		out->esp_found = out->esp_confirmed ||
			(!out->esp.part_type[0] && strcmp(out->esp.fstype, "vfat") == 0);
	}
	return 0;
}
