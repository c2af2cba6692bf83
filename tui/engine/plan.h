/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plan — what gpupt-setup will change, decided before anything is written.
 *
 * From the inventory, the system check and the user's choices, the engine
 * builds a plan: the exact new content of every file it will write or
 * remove, and the commands to run afterwards (argv vectors, never a shell).
 * Guards refuse dangerous choices unless the user forces them.  Nothing is
 * written here; the transaction module (txn.h) applies a plan.
 */
#ifndef GP_PLAN_H
#define GP_PLAN_H

#include "plan_data.h"
#include "syscheck.h"

/**
 * gp_plan_options_check - are the overrides usable?  Returns 0, or -EINVAL
 * when one is set but is not an absolute path (gp_plan_build() would
 * refuse it).
 */
int gp_plan_options_check(const struct gp_plan_options *opt);

/**
 * gp_plan_build - decide every change for @choices.
 * @p: the target root (old file contents are read through it).
 * @inv: the inventory.
 * @chk: the system check.
 * @choices: what the user chose.
 * @opt: the generator overrides (NULL: none); kept in the plan for gp_txn_apply().
 * @out: the plan; release with gp_plan_free().
 * @why: on failure, which file could not be read, if one (may be NULL).
 *
 * Returns 0 with a plan (which may be refused: gp_plan_refused()), -ENODEV
 * when @choices->gpu is not a GPU in @inv, -EINVAL for inconsistent
 * choices, or -errno.
 */
int gp_plan_build(const struct gp_path *p, const struct gp_inventory *inv,
		  const struct gp_syscheck *chk, const struct gp_choices *choices,
		  const struct gp_plan_options *opt, struct gp_plan **out,
		  struct gp_plan_error *why);

/**
 * gp_plan_build_now - the guards of giving the @chosen functions (one byte
 * per inventory function) to vfio-pci on the running system, with the
 * guard bits @force lifted: a plan holding its functions and guard hits
 * (the same guards an apply meets: boot display, last GPU, host devices
 * in the group, a group given in part, no usable IOMMU), and no file,
 * command or preflight refusal (nothing is written, no initramfs built).
 * Release @out with gp_plan_free().  0, -EINVAL (nothing chosen) or -errno.
 */
int gp_plan_build_now(const struct gp_path *p, const struct gp_inventory *inv,
		      const struct gp_syscheck *chk, const char *chosen, unsigned int force,
		      struct gp_plan **out);

/** gp_plan_refused - 1 when a guard hit is not forced: the plan must not be applied. */
int gp_plan_refused(const struct gp_plan *plan);

/**
 * gp_plan_refused_unforceable - 1 when a preflight refusal (a guard
 * gp_guard_forceable() says no to) refuses the plan: forcing cannot help.
 */
int gp_plan_refused_unforceable(const struct gp_plan *plan);

/**
 * gp_plan_regenerate - the commands that make the boot files match the
 * files at @paths (@n of them, target paths) as they are on the root now,
 * as the back ends say them today: the generator's rebuild of every
 * installed kernel's image when bind.conf or the modprobe file is among
 * them, then the boot loader's commands (GP_KERNELS_ALL).  A revert and
 * the recovery of a killed run run these, never commands read from a
 * journal.  @opt: the overrides (may be NULL).  @out: a plan holding only
 * the commands (and @paths as changes without content); gp_plan_free().
 * Returns 0 or -errno.
 */
int gp_plan_regenerate(const struct gp_path *p, const struct gp_plan_options *opt,
		       const char *const *paths, size_t n, struct gp_plan **out);

/** gp_plan_free - release a plan. */
void gp_plan_free(struct gp_plan *plan);

#endif
