/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * status — what `gpupt-setup --status` and the wizard's Status view show:
 * what is configured (bind.conf, the GRUB drop-in, the modprobe file),
 * the changes gpupt-setup made, what the binder did at this boot
 * (bind.status) and whether a reboot is pending.
 *
 * The engine decides every fact once and hands it back as a report (one
 * item a line, in the order shown); both front ends only render it.
 */
#ifndef GP_STATUS_H
#define GP_STATUS_H

#include "gp_path.h"
#include "report.h"

/** Whether the next boot would bind something other than this boot did. */
enum gp_reboot_pending {
	GP_REBOOT_NOT_PENDING = 0,
	GP_REBOOT_PENDING_DIFFERS,   /* configured != bound at this boot */
	GP_REBOOT_PENDING_CHANGED,   /* a change was applied after this boot started */
};

/** A set of PCI addresses as text ("0000:01:00.0"); grown by the engine. */
struct gp_addr_list {
	char (*v)[32];
	size_t n, alloc;
};

/** The sections of the status report: the items' topic. */
enum gp_status_topic {
	GP_STATUS_BIND_CONF = 0,
	GP_STATUS_DROPIN,
	GP_STATUS_MODPROBE,
	GP_STATUS_HISTORY,
	GP_STATUS_THIS_BOOT,
	GP_STATUS_REBOOT,
};

/** struct gp_status - everything --status says. */
struct gp_status {
	struct gp_report report;          /* every line, in order (topic: gp_status_topic) */
	enum gp_reboot_pending pending;
	int binder_acted;                 /* the one rule for "the binder had something to do
					     at this boot": it left bind.status in /run */
	size_t n_configured;              /* functions bind.conf lists */
	size_t n_changes;                 /* entries of the history */
};

/**
 * gp_status_read - read every fact on root @p into @out.
 * Unreadable files are facts too (items saying so).  Returns 0, or the
 * -errno of reading the history of changes, or -ENOMEM; then @out holds
 * the items read before the failure (a front end shows them, then the
 * error).  Release with gp_status_free() in every case.
 */
int gp_status_read(const struct gp_path *p, struct gp_status *out);

/** gp_status_free - release what gp_status_read() filled. */
void gp_status_free(struct gp_status *st);

/**
 * gp_reboot_pending_decide - the one rule for "reboot pending".
 * @configured: the addresses bind.conf lists.
 * @bound: the addresses the binder put on vfio-pci at this boot.
 * @changed_since_boot: a change was applied after this boot started.
 * Configured and bound differ (either way): DIFFERS; else a change since
 * boot: CHANGED; else NOT_PENDING.
 */
enum gp_reboot_pending gp_reboot_pending_decide(const struct gp_addr_list *configured,
						const struct gp_addr_list *bound,
						int changed_since_boot);

#endif
