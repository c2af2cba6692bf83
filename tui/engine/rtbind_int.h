/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rtbind_int — the steps binding now and giving back share (rtbind_steps.c):
 * the bounded writes with their report, loading vfio-pci, giving one
 * function back, the holders' refusal.  Only rtbind*.c include it.
 */
#ifndef GP_RTBIND_INT_H
#define GP_RTBIND_INT_H

#include "rtbind.h"

#define RT_VFIO "vfio-pci"

/** One run. */
struct rt {
	const struct gp_path *p;
	const struct gp_inventory *inv;
	struct gp_rtbind_result *res;
	unsigned int timeout_s;
	const char *modprobe;
};

/** rt_begin - set up @t and fill @res->funcs from @chosen (and bind.conf). 0 or -errno. */
int rt_begin(struct rt *t, const struct gp_path *p, const struct gp_inventory *inv,
	     const char *chosen, const struct gp_rtbind_options *opt,
	     struct gp_rtbind_result *res);

/** rt_add - gp_report_add() of topic -1 into the run's report; 0 or -ENOMEM. */
int rt_add(struct rt *t, enum gp_item_role role, enum gp_msg code, ...);

/**
 * rt_write - write @value to @path under the deadline; a failure or a
 * write that did not return is reported (and sets @res->stuck).  0,
 * the write's -errno, -ETIMEDOUT or -ENOMEM.
 */
int rt_write(struct rt *t, const char *path, const char *value);

/** rt_attr - /sys/bus/pci/devices/@address/@attr into @buf. */
void rt_attr(char *buf, size_t size, const char *address, const char *attr);

/** rt_appears - 1 when @path exists in the root, waiting up to @ms for it; else 0. */
int rt_appears(const struct rt *t, const char *path, unsigned int ms);

/** rt_ensure_vfio - vfio-pci registered, loaded if need be; failures reported.  0, -EIO, -ETIMEDOUT or -ENOMEM. */
int rt_ensure_vfio(struct rt *t);

/**
 * rt_reprobe - with no driver holding @f, reprobe it; @f->after gets the
 * driver holding it then.  0, -ETIMEDOUT or -ENOMEM (a probe no driver
 * wants fails, and is no error: @f->after says it).
 */
int rt_reprobe(struct rt *t, struct gp_rtbind_func *f);

/**
 * rt_give_back - clear @f's driver_override, then rt_reprobe().  0 or
 * rt_write()'s error.
 */
int rt_give_back(struct rt *t, struct gp_rtbind_func *f);

/**
 * rt_refuse_holders - report every process using a function of the run
 * that @want says (1: its nodes as its driver serves them; 0: only the
 * group's /dev/vfio/N, a VM); 1 when one was found (refused), 0 when none,
 * -ENOMEM, or -errno reading /proc.
 */
int rt_refuse_holders(struct rt *t, int vm_only);

/** rt_config_notes - a note per function on what the next boot does with it. 0 or -ENOMEM. */
int rt_config_notes(struct rt *t, int binding);

#endif
