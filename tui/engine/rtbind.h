/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rtbind — binding now: giving a card's functions to vfio-pci on the
 * running system without a reboot (`gpupt-setup --bind-now`), and giving
 * them back to their host drivers (`--unbind-now`).  The persistent
 * configuration is never touched: what the next boot binds stays what
 * bind.conf says.
 *
 * The kernel's own order (as gpupt-bind follows it at boot): set
 * driver_override, unbind from the driver that holds the function, load
 * vfio-pci, write the address to drivers_probe, then read the driver link
 * back, the only proof.  Each write runs under a deadline (bounded.h): a
 * write that does not return is reported with its process, and nothing
 * further is tried.  Before any write, the same guards as an apply
 * (gp_plan_build_now()) and the processes that use the card (holders.h)
 * may refuse; a refusal changes nothing.
 */
#ifndef GP_RTBIND_H
#define GP_RTBIND_H

#include "gp_path.h"
#include "inventory.h"
#include "plan.h"
#include "report.h"
#include "syscheck.h"

/* The environment variables a front end reads into struct gp_rtbind_options. */
#define GP_ENV_MODPROBE "GPUPT_MODPROBE"
#define GP_ENV_SYSFS_TIMEOUT "GPUPT_SYSFS_TIMEOUT"   /* seconds */

/** How binding now runs. */
struct gp_rtbind_options {
	unsigned int timeout_s;   /* deadline of each sysfs write and of modprobe; 0: default */
	const char *modprobe;     /* GP_ENV_MODPROBE: the absolute path run to load vfio-pci
				     (with the argument "vfio-pci"); NULL: the root's own
				     modprobe, on the real root only */
	unsigned int force;       /* GP_GUARD_* bits lifted (--force) */
};

/** One function, before and after. */
struct gp_rtbind_func {
	char address[GP_PCI_ADDR_LEN];
	char before[GP_DRIVER_NAME_MAX];  /* its driver before, "" for none */
	char after[GP_DRIVER_NAME_MAX];   /* its driver after, read back from sysfs */
	int group;                        /* IOMMU group, -1 for none */
	int configured;                   /* bind.conf lists it */
};

/** What a run did. */
struct gp_rtbind_result {
	struct gp_report report;     /* what happened, in order (topic -1); refusals of the
					guards are in @plan, rendered with gp_plan_report() */
	struct gp_plan *plan;        /* --bind-now: the functions and guard hits, or NULL */
	struct gp_rtbind_func *funcs;
	size_t n_funcs, alloc_funcs;
	int refused;                 /* refused before any write: nothing changed */
	int stuck;                   /* a write did not return in time */
};

/**
 * gp_rtbind_choose - the functions a run acts on: with @spec, the slot of
 * the function it names (gp_card_resolve(), any class); without, every
 * function bind.conf lists.  @chosen gets one byte per inventory function
 * (calloc'ed; free() it).  Returns 0, -ENODEV when nothing is chosen (why
 * is in @why: a bad name, or no configuration), or -ENOMEM.
 */
int gp_rtbind_choose(const struct gp_path *p, const struct gp_inventory *inv, const char *spec,
		     char **chosen, struct gp_report *why);

/**
 * gp_rtbind_bind - give the @chosen functions to vfio-pci now.
 * Returns 0 when every function is on vfio-pci and each group's
 * /dev/vfio/N exists; -EPERM refused (a guard not forced: @res->plan; or
 * a function with no IOMMU group), -EBUSY refused (processes use the card:
 * @res->report names them); -ETIMEDOUT a write did not return; -EIO a
 * step failed (functions not taken were given back); -ENOMEM.  Release
 * @res with gp_rtbind_result_free() in every case.
 */
int gp_rtbind_bind(const struct gp_path *p, const struct gp_inventory *inv,
		   const struct gp_syscheck *chk, const char *chosen,
		   const struct gp_rtbind_options *opt, struct gp_rtbind_result *res);

/**
 * gp_rtbind_unbind - give the @chosen functions back to their host drivers
 * now: clear driver_override, unbind from vfio-pci, reprobe, and read back
 * which driver took each (or none).  Returns 0 when none is left on
 * vfio-pci; -EBUSY refused (a VM has the group's /dev/vfio/N open);
 * -ETIMEDOUT; -EIO; -ENOMEM.
 */
int gp_rtbind_unbind(const struct gp_path *p, const struct gp_inventory *inv, const char *chosen,
		     const struct gp_rtbind_options *opt, struct gp_rtbind_result *res);

/** gp_rtbind_result_free - release what @res holds. */
void gp_rtbind_result_free(struct gp_rtbind_result *res);

#endif
