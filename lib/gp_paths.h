/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gp_paths — the fixed target paths gpupt-setup and gpupt-bind agree on.
 *
 * One spelling of each path, so the writer of a file and its reader cannot
 * drift apart.  All are target paths: callers resolve them under a root with
 * the path layer (gp_path.h).
 */
#ifndef GP_PATHS_H
#define GP_PATHS_H

/* The binder's configuration: written by gpupt-setup, read at boot. */
#define GP_BIND_CONF_PATH   "/etc/gpupt/bind.conf"
/* What the binder did at boot: written by gpupt-bind, read by --status. */
#define GP_BIND_STATUS_PATH "/run/gpupt/bind.status"
/* The GRUB drop-in that carries the kernel command line additions. */
#define GP_GRUB_DROPIN_PATH "/etc/default/grub.d/99-gpupt.cfg"
/* The modprobe file that orders vfio-pci before the GPU drivers. */
#define GP_MODPROBE_PATH    "/etc/modprobe.d/gpupt.conf"
/* gpupt-setup's own state: journal, lock, previous file contents. */
#define GP_STATE_DIR        "/var/lib/gpupt"
/*
 * The trial boot's state file: present only while a trial is pending (the
 * next boot takes the one-shot trial entry), running or failed (the one-shot
 * was taken and nothing confirmed it); --confirm and --revert remove it.
 * Its lines (written by the plan, read by trial.c):
 *   loader NAME       the back end that made the trial entry (grub, systemd-boot)
 *   params WORDS      the parameters the trial entry carries and --confirm makes
 *                     permanent (blank-separated, possibly none)
 * Comment lines start with '#'.  systemd/gpupt-trial-confirm.service runs
 * only while it exists (ConditionPathExists=).
 */
#define GP_TRIAL_PATH       "/var/lib/gpupt/trial"
/* The boot loader id of the one-shot trial entry (GRUB menu entry id, sd-boot entry). */
#define GP_TRIAL_ID         "gpupt-trial"
/* The /etc/grub.d script that makes GRUB's trial entry (after 40_custom). */
#define GP_GRUB_TRIAL_SCRIPT "/etc/grub.d/42_gpupt-trial"
/* GRUB's environment block, where next_entry selects the trial entry once. */
#define GP_GRUB_ENV_PATH    "/boot/grub/grubenv"
/* systemd-boot's trial entry, relative to the ESP (or XBOOTLDR) root. */
#define GP_SDBOOT_TRIAL_ENTRY "/loader/entries/gpupt-trial.conf"

#endif /* GP_PATHS_H */
