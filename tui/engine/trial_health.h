/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trial_health — is a trial boot what it must be before it is made
 * permanent: every function bind.conf lists on vfio-pci now, and the
 * host's display GPU on a driver of its own now.  Read from the running
 * kernel (each function's sysfs driver link), not from what the binder
 * recorded: a function the binder bound that something gave back since,
 * or a display GPU whose driver failed to load, is what a black screen
 * after the trial looks like.  `gpupt-setup --health` shows it;
 * `--confirm --if-healthy` (the confirm unit) confirms only when it passes.
 */
#ifndef GP_TRIAL_HEALTH_H
#define GP_TRIAL_HEALTH_H

#include "gp_path.h"
#include "report.h"

/** The topics of the report's items: which check an item belongs to. */
enum gp_trial_health_topic {
	GP_HEALTH_BOUND = 0,  /* the functions bind.conf lists, each on vfio-pci */
	GP_HEALTH_DISPLAY,    /* the host's display GPU on a host driver */
	GP_HEALTH_N_TOPICS
};

/** The verdict and the evidence. */
struct gp_trial_health {
	int healthy;              /* 1: every check passed */
	struct gp_report report;  /* report.h: one item per check, FAIL items say why */
};

/**
 * gp_trial_health_check - is the booted system under @p as a trial boot
 * must be: every function bind.conf (GP_BIND_CONF_PATH) lists bound to
 * vfio-pci now, and the host's display GPU on a driver now.
 *
 * The host's display GPU is the boot VGA when bind.conf does not list it,
 * else the first display-class function (by address) that bind.conf does
 * not list: the one the plan's boot-display and last-GPU guards keep for
 * the host.  When bind.conf lists every GPU (those guards were forced)
 * there is none to check, which is said and not a failure.  A bind.conf
 * that cannot be read, lists nothing or has lines gpupt-bind ignores is a
 * failure: what the trial was to bind cannot be shown to be bound.
 *
 * @out: filled (zeroed first); release with gp_trial_health_free(), also
 *	after an error.  One summary item per check (GP_SEV_OK or
 *	GP_SEV_FAIL; GP_SEV_NOTE for the display check with no GPU kept),
 *	and a GP_ROLE_FIX item after a failed one.
 * Returns 0 (look at @out->healthy), or -errno: the root has no PCI
 * sysfs (-ENOENT), memory.
 */
int gp_trial_health_check(const struct gp_path *p, struct gp_trial_health *out);

/** gp_trial_health_free - release @h's report; @h is empty after. */
void gp_trial_health_free(struct gp_trial_health *h);

#endif /* GP_TRIAL_HEALTH_H */
