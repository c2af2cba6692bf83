/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trial — the trial boot of an apply (issue 13): where it stands, the plan
 * that makes it permanent (--confirm), and another one-shot (--trial).
 *
 * A trial apply (plan.c, the loader back end's trial operations) leaves the
 * normal boot entries as they were in effect (gpupt=off: no binding, none
 * of the new parameters), makes a one-shot entry GP_TRIAL_ID with them, and
 * writes GP_TRIAL_PATH.  The state is read, never stored: the state file
 * says a trial exists, the loader's one-shot says whether the next boot
 * takes it, and this boot's command line whether it is the trial boot.
 */
#ifndef GP_TRIAL_H
#define GP_TRIAL_H

#include "gp_path.h"
#include "plan.h"
#include "report.h"
#include "syscheck.h"

/** Where a trial stands. */
enum gp_trial_state {
	GP_TRIAL_NONE = 0,  /* no GP_TRIAL_PATH: no trial (none made, or confirmed) */
	GP_TRIAL_PENDING,   /* the next boot takes the trial entry, once */
	GP_TRIAL_RUNNING,   /* this boot is the trial boot; not confirmed yet */
	GP_TRIAL_FAILED,    /* the one-shot was taken, nothing confirmed it: the
			       next boot is the old configuration */
};

/** What GP_TRIAL_PATH says, and the state. */
struct gp_trial {
	enum gp_trial_state state;
	char loader[32];     /* the back end that made it ("" when not said) */
	char params[256];    /* the parameters the trial entry carries */
	int once_err;        /* the one-shot could not be read (-errno): state
				is then FAILED, which is the safe reading */
};

/**
 * gp_trial_read - the trial of root @p.  @lo: the boot loader back end in
 * charge (NULL: none); @this_boot: this boot's /proc/cmdline (NULL:
 * unknown).  0 (also when there is none: state NONE), or -errno when the
 * state file cannot be read.
 */
int gp_trial_read(const struct gp_path *p, const struct gp_loader_ops *lo, const char *this_boot,
		  struct gp_trial *out);

/**
 * gp_trial_report - what @t says for a person, as report items (topic
 * @topic): a head naming GP_TRIAL_PATH and one line with what to do; none
 * for GP_TRIAL_NONE.  --status, --check and the Welcome screen render it.
 * 0 or -ENOMEM.
 */
int gp_trial_report(const struct gp_trial *t, int topic, struct gp_report *out);

/**
 * gp_trial_read_root - gp_trial_read() with the back end in charge of @p
 * and @p's /proc/cmdline, for a front end that has no system check at hand.
 */
int gp_trial_read_root(const struct gp_path *p, struct gp_trial *out);

/** gp_trial_state_name - "none", "pending", "running" or "failed" (JSON). */
const char *gp_trial_state_name(enum gp_trial_state s);

/**
 * gp_trial_confirm_plan - the plan that makes the trial permanent: the
 * loader's normal entries get the trial's parameters (no gpupt=off), the
 * trial entry and GP_TRIAL_PATH go, the entries are regenerated and a
 * one-shot still set is cleared.  No initramfs is rebuilt (the trial
 * boot used the same).  Apply it with gp_txn_apply(); gp_txn_revert()
 * undoes it together with the trial apply before it.
 * Returns 0, -ENOENT (no trial), -ENXIO (no loader back end, or another
 * than made the trial), -errno.  Release @out with gp_plan_free().
 */
int gp_trial_confirm_plan(const struct gp_path *p, const struct gp_syscheck *chk,
			  const struct gp_plan_options *opt, struct gp_plan **out);

/**
 * gp_trial_once_plan - a plan of the one command that makes the next boot
 * take the trial entry again (--trial), into @out (no file changes: run
 * its command with gp_run(); the journal is not needed for one write of
 * the loader's own tool).  0, -ENOENT (no trial), -ENXIO, -errno.
 */
int gp_trial_once_plan(const struct gp_path *p, const struct gp_syscheck *chk,
		       const struct gp_plan_options *opt, struct gp_plan **out);

#endif
