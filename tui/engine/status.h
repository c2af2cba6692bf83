/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * status — what `gpupt-setup --status` and the wizard's Status view show:
 * what is configured (bind.conf, the GRUB drop-in, the modprobe file),
 * the changes gpupt-setup made, what the binder did at this boot
 * (bind.status) and whether a reboot is pending.
 *
 * Three things it must not get wrong: a function the binder met at this
 * boot and could not bind is named with the cause from its record and the
 * fix, and is not "pending a reboot" (a reboot alone fails the same way);
 * a journal a killed run left open is reported with what the next run
 * does with it (txn_open.h), and the files are shown as that run leaves
 * them, not half-changed; a bind.conf no change on record wrote (kept by
 * --revert because it was edited) is still the configuration.
 *
 * The engine decides every fact once and hands it back as a report (one
 * item a line, in the order shown); both front ends only render it.
 */
#ifndef GP_STATUS_H
#define GP_STATUS_H

#include "addr_list.h"
#include "bind_status.h"
#include "gp_path.h"
#include "report.h"
#include "status_now.h"
#include "txn_open.h"

/** Whether the next boot would bind something other than this boot did. */
enum gp_reboot_pending {
	GP_REBOOT_NOT_PENDING = 0,
	GP_REBOOT_PENDING_DIFFERS,   /* configured != bound at this boot */
	GP_REBOOT_PENDING_CHANGED,   /* a change was applied after this boot started */
	GP_REBOOT_NOT_BOUND,         /* not pending: configured functions the binder met at
					this boot were not bound, and a reboot alone fails
					the same way */
	GP_REBOOT_OPEN_CHANGE,       /* not yet: an interrupted change is to be settled */
};

/** The sections of the status report: the items' topic. */
enum gp_status_topic {
	GP_STATUS_BIND_CONF = 0,
	GP_STATUS_DROPIN,
	GP_STATUS_MODPROBE,
	GP_STATUS_HISTORY,
	GP_STATUS_THIS_BOOT,
	GP_STATUS_NOW,               /* what the kernel has now (status_now.h) */
	GP_STATUS_REBOOT,
	GP_STATUS_OPEN_CHANGE,       /* a journal a killed run left open */
	GP_STATUS_TRIAL,             /* a trial boot pending, running or failed (trial.h) */
};

/** struct gp_status - everything --status says. */
struct gp_status {
	struct gp_report report;          /* every line, in order (topic: gp_status_topic) */
	enum gp_reboot_pending pending;
	int binder_acted;                 /* the one rule for "the binder had something to do
					     at this boot": it left bind.status in /run */
	size_t n_configured;              /* functions bind.conf lists */
	size_t n_changes;                 /* entries of the history */
	struct gp_addr_list configured;   /* what bind.conf lists, as the next run leaves it */
	struct gp_addr_list bound;        /* put on vfio-pci at this boot */
	struct gp_addr_list not_bound;    /* met by the binder at this boot, not bound */
	enum gp_txn_settle open_change;   /* a journal left open, and what the next run does */
	int open_kind;                    /* its enum gp_journal_kind (apply, revert) */
	size_t open_done, open_steps;     /* its progress */
	enum gp_txn_file_origin conf_origin; /* bind.conf against the history of changes */
	int conf_origin_known;            /* conf_origin was decided: bind.conf lists
					     functions and no change is open */
	struct gp_bind_status boot;       /* the binder's record of this boot, parsed (empty
					     when there is none or it is damaged) */
	struct gp_status_now now;         /* each configured function's driver now, and what
					     is on vfio-pci now without being configured */
	int config_unreadable;            /* the binder could not read its bind.conf at this
					     boot: every configured function is not_bound */
	int trial_state;                  /* enum gp_trial_state (trial.h) */
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

/** The facts the reboot rule weighs (the lists are read, not kept). */
struct gp_reboot_facts {
	const struct gp_addr_list *configured; /* bind.conf lists, as the next run leaves it */
	const struct gp_addr_list *bound;      /* the binder put on vfio-pci at this boot */
	const struct gp_addr_list *not_bound;  /* the binder met at this boot and did not bind
						  (NULL: none) */
	int changed_since_boot;                /* a change was applied after this boot started */
	int open_change;                       /* a journal is open (to roll back or complete) */
};

/**
 * gp_reboot_pending_decide - the one rule for "reboot pending".
 * An open change: OPEN_CHANGE (settle it first).  A configured function
 * the binder neither bound nor met at this boot, or one bound that is no
 * longer configured: DIFFERS (a reboot binds otherwise).  Else a change
 * since boot: CHANGED.  Else configured functions the binder met and did
 * not bind: NOT_BOUND (a reboot alone fails the same way).  Else
 * NOT_PENDING.
 */
enum gp_reboot_pending gp_reboot_pending_decide(const struct gp_reboot_facts *f);

#endif
