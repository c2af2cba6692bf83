/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mountinfo — which mount holds a directory, from /proc/self/mountinfo
 * (proc(5)): "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [TAGS...] - FSTYPE
 * SOURCE SUPEROPTIONS", with blanks and backslashes in paths written as
 * octal escapes (\040).
 */
#ifndef GP_MOUNTINFO_H
#define GP_MOUNTINFO_H

#include "gp_path.h"

/** One mountinfo line, unescaped. */
struct gp_mount {
	char mount_point[GP_PATH_MAX];
	char fstype[64];
	char source[GP_PATH_MAX];  /* "/dev/nvme0n1p2", "rpool/ROOT", "none" */
	unsigned int major, minor;
};

/**
 * gp_mountinfo_parse_line - parse one line of mountinfo.
 * @line: the line (no newline needed).
 * @m: filled.
 * Returns 0, -EINVAL for a malformed line, -ENAMETOOLONG for an over-long field.
 */
int gp_mountinfo_parse_line(const char *line, struct gp_mount *m);

/**
 * gp_mountinfo_find - the mount that holds @dir.
 * @p: the target root; /proc/self/mountinfo is read inside it.
 * @dir: an absolute directory on the target ("/boot").
 * @exact: 1 to accept only a mount exactly at @dir ("/boot/efi"),
 *         0 for the mount with the longest mount point that contains @dir.
 * @m: filled with the mount found (the last one mounted there wins, as it
 *     hides the others).
 *
 * Malformed lines are skipped.  Returns 0, -ENOENT when no mount matches
 * (with @exact, or a file without a "/" mount), or -errno from reading.
 */
int gp_mountinfo_find(const struct gp_path *p, const char *dir, int exact, struct gp_mount *m);

/**
 * gp_fstab_has_mount - does the root's /etc/fstab mount something at @dir?
 * @p: the target root.
 * @dir: "/boot" (a trailing slash in fstab matches too).
 *
 * Comment lines and lines with fewer than two fields are skipped.  Returns
 * 1 or 0 (also when there is no fstab).
 */
int gp_fstab_has_mount(const struct gp_path *p, const char *dir);

#endif
