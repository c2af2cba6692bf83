/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * loader_grub — what GRUB's back end (loader_grub.c) and its trial boot
 * (loader_grub_trial.c) share; not for anyone else.
 */
#ifndef GP_LOADER_GRUB_H
#define GP_LOADER_GRUB_H

#include "loader.h"

/**
 * grub_trial_script - the text of GP_GRUB_TRIAL_SCRIPT, whose entry gets
 * @params (plain words), into @b.  0, -EINVAL (a quote in @params), -ENOMEM.
 */
int grub_trial_script(const char *params, struct gp_strbuf *b);

/** grub_once_set - 1 when grubenv's next_entry is the trial entry, 0 when not, -errno. */
int grub_once_set(const struct gp_path *p);

/**
 * grub_trial_blocked - 1 when /boot/grub lies where GRUB cannot write its
 * environment block (btrfs, ZFS, device-mapper such as LVM or LUKS, md
 * RAID), @why then its file system or device; 0 otherwise.
 */
int grub_trial_blocked(const struct gp_path *p, char *why, size_t n);

/** grub_once - add grub-editenv ... set next_entry=GP_TRIAL_ID to @pl.  0 or -errno. */
int grub_once(const struct gp_path *p, struct gp_plan *pl);

/** grub_once_clear - when grubenv selects the trial entry, add its unset to @pl.  0 or -errno. */
int grub_once_clear(const struct gp_path *p, struct gp_plan *pl);

#endif
