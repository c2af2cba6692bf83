/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bind_modprobe — make sure the vfio-pci driver is registered.
 *
 * Ubuntu builds vfio-pci into the kernel, Debian ships it as a module.
 * Setting driver_override does not load anything, so before the binder
 * writes to drivers_probe the driver must exist: when
 * /sys/bus/pci/drivers/vfio-pci is missing, the binder itself runs
 * "modprobe -q vfio-pci" (the hook put the module and its dependencies
 * into the initramfs) and waits for it, at most BIND_MODPROBE_WAIT_MS.
 * Doing it here rather than in the init-top script means modprobe runs
 * only when an entry actually needs binding.
 *
 * On the real root the first of /sbin/modprobe, /usr/sbin/modprobe,
 * /bin/modprobe that exists is run.  Under --root nothing of the host may
 * change: the program named by $GPUPT_BIND_MODPROBE runs instead (a test
 * double, given the same arguments), and without it nothing is run.
 */
#ifndef BIND_MODPROBE_H
#define BIND_MODPROBE_H

#include "gp_path.h"

#define BIND_MODPROBE_WAIT_MS 5000

/**
 * bind_vfio_ensure - register vfio-pci if it is not, once per run.
 * @p: the root.
 *
 * Logs what went wrong.  Returns 1 when the driver is there, 0 when not
 * (the caller still probes and reports the outcome it sees).
 */
int bind_vfio_ensure(const struct gp_path *p);

/**
 * bind_vfio_present - 1 when /sys/bus/pci/drivers/vfio-pci exists, else 0.
 * @p: the root.
 */
int bind_vfio_present(const struct gp_path *p);

#endif /* BIND_MODPROBE_H */
