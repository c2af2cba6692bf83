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

#endif /* GP_PATHS_H */
