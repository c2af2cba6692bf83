/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Binding now and giving back: see rtbind.h.  The steps live in
 * rtbind_steps.c; here is their order.
 */
#include "rtbind_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "gp_paths.h"

/* devtmpfs makes /dev/vfio/N as vfio-pci takes the group; allow a moment. */
#define NODE_WAIT_MS 1000

int gp_rtbind_choose(const struct gp_path *p, const struct gp_inventory *inv, const char *spec,
		     char **chosen, struct gp_report *why)
{
	struct gp_card_choice c;
	int r;

	*chosen = calloc(inv->n_devs + 1, 1);
	if (!*chosen)
		return -ENOMEM;
	r = gp_card_choose(p, inv, spec, *chosen, &c);
	if (r == 0)
		return 0;
	free(*chosen);
	*chosen = NULL;
	if (r == -EINVAL)
		r = gp_card_report(&c.match, spec, why);
	else if (r == -ENOENT && c.missing[0])
		r = gp_report_add(why, -1, GP_ROLE_SUMMARY, GP_MSG_CARD_CONF_UNKNOWN,
				  GP_BIND_CONF_PATH, c.missing);
	else if (r == -ENOENT)
		r = gp_report_add(why, -1, GP_ROLE_SUMMARY, GP_MSG_CARD_NONE_CONFIGURED,
				  GP_BIND_CONF_PATH);
	else if (r != -ENOMEM)
		r = gp_report_add(why, -1, GP_ROLE_SUMMARY, GP_MSG_CARD_CONF_UNREADABLE,
				  GP_BIND_CONF_PATH, r);
	return r < 0 ? -ENOMEM : -ENODEV;
}

/* Every function must have a group: vfio-pci takes nothing else. */
static int refuse_no_group(struct rt *t)
{
	int r = 0, found = 0;
	size_t i;

	for (i = 0; i < t->res->n_funcs && r == 0; i++)
		if (t->res->funcs[i].group < 0) {
			r = rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_NO_GROUP,
				   t->res->funcs[i].address);
			found = 1;
		}
	return r < 0 ? r : found;
}

/* Step 1: every function reserved for vfio-pci and freed from its driver. */
static int reserve(struct rt *t, size_t *touched)
{
	char path[GP_PATH_MAX];
	size_t i;
	int r;

	for (i = 0; i < t->res->n_funcs; i++) {
		struct gp_rtbind_func *f = &t->res->funcs[i];

		if (strcmp(f->before, RT_VFIO) == 0)
			continue;
		rt_attr(path, sizeof(path), f->address, "driver_override");
		r = rt_write(t, path, RT_VFIO);
		if (r < 0)
			return r;
		*touched = i + 1;
		if (f->before[0]) {
			rt_attr(path, sizeof(path), f->address, "driver/unbind");
			r = rt_write(t, path, f->address);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

/* A failure past step 1: the functions touched go back to their drivers. */
static int give_back_touched(struct rt *t, size_t touched)
{
	size_t i;
	int r;

	for (i = 0; i < touched; i++) {
		struct gp_rtbind_func *f = &t->res->funcs[i];

		if (strcmp(f->before, RT_VFIO) == 0)
			continue;
		r = rt_give_back(t, f);
		if (r == -ETIMEDOUT || r == -ENOMEM)
			return r;
		if (r == 0 && rt_add(t, GP_ROLE_DETAIL, GP_MSG_NOW_GAVE_BACK, f->address,
				     f->after[0] ? f->after : "none") < 0)
			return -ENOMEM;
	}
	return 0;
}

/* Step 3: probe each function and read back what took it. */
static int probe(struct rt *t)
{
	int r, failed = 0;
	size_t i;

	for (i = 0; i < t->res->n_funcs; i++) {
		struct gp_rtbind_func *f = &t->res->funcs[i];
		char now[GP_DRIVER_NAME_MAX];

		if (strcmp(f->before, RT_VFIO) == 0) {
			r = rt_add(t, GP_ROLE_DETAIL, GP_MSG_NOW_ALREADY, f->address);
			if (r < 0)
				return r;
			continue;
		}
		gp_card_driver_now(t->p, f->address, now, sizeof(now));
		/* Loading vfio-pci may have taken it already; a probe then does nothing. */
		if (strcmp(now, RT_VFIO) != 0) {
			r = rt_write(t, "/sys/bus/pci/drivers_probe", f->address);
			if (r == -ETIMEDOUT || r == -ENOMEM)
				return r;
			gp_card_driver_now(t->p, f->address, now, sizeof(now));
		}
		memcpy(f->after, now, sizeof(f->after));
		if (strcmp(now, RT_VFIO) == 0) {
			r = rt_add(t, GP_ROLE_DETAIL, GP_MSG_NOW_BOUND, f->address,
				   f->before[0] ? f->before : "none");
		} else {
			failed = 1;
			r = rt_give_back(t, f);
			if (r == -ETIMEDOUT || r == -ENOMEM)
				return r;
			r = rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_NOT_TAKEN, f->address,
				   now[0] ? now : "none", f->after[0] ? f->after : "none");
		}
		if (r < 0)
			return r;
	}
	return failed ? -EIO : 0;
}

/* Step 4: each group's /dev/vfio/N, and whether a VM can have the group. */
static int check_groups(struct rt *t)
{
	struct gp_inventory *now = NULL;
	char node[32];
	size_t i, j;
	int r = 0, missing = 0;

	/* The inventory as the kernel left it: drivers have changed. */
	if (gp_inventory_build(t->p, &now) < 0)
		now = NULL;
	for (i = 0; i < t->res->n_funcs && r == 0; i++) {
		const struct gp_rtbind_func *f = &t->res->funcs[i];
		long k;

		for (j = 0; j < i && t->res->funcs[j].group != f->group; j++)
			;
		if (j < i)
			continue;       /* that group was looked at */
		snprintf(node, sizeof(node), "/dev/vfio/%d", f->group);
		if (rt_appears(t, node, NODE_WAIT_MS)) {
			r = rt_add(t, GP_ROLE_DETAIL, GP_MSG_NOW_VFIO_NODE, node);
		} else {
			missing = 1;
			r = rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_VFIO_NODE_MISSING, node);
		}
		k = now ? gp_inventory_find(now, f->address) : -1;
		if (r == 0 && k >= 0 && now->devs[k].group) {
			struct gp_group_blocker why;

			if (gp_card_group_viable(now, now->devs[k].group, &why))
				r = rt_add(t, GP_ROLE_DETAIL, GP_MSG_NOW_GROUP_VIABLE, f->group);
			else
				r = rt_add(t, GP_ROLE_NOTE, GP_MSG_NOW_GROUP_NOT_VIABLE, f->group,
					   why.address, why.driver);
		}
	}
	gp_inventory_free(now);
	if (r < 0)
		return r;
	return missing ? -EIO : 0;
}

/*
 * Every refusal before a write: the guards, a function without a group, a
 * process using the card.  0, -EPERM or -EBUSY (@res->refused set), or
 * -errno.
 */
static int refuse(struct rt *t)
{
	int r = gp_plan_refused(t->res->plan), busy = 0;

	if (r == 0)
		r = refuse_no_group(t);
	if (r == 0) {
		r = rt_refuse_holders(t, 0);
		busy = r > 0;
	}
	if (r <= 0)
		return r;
	t->res->refused = 1;
	return busy ? -EBUSY : -EPERM;
}

int gp_rtbind_bind(const struct gp_path *p, const struct gp_inventory *inv,
		   const struct gp_syscheck *chk, const char *chosen,
		   const struct gp_rtbind_options *opt, struct gp_rtbind_result *res)
{
	size_t touched = 0;
	struct rt t;
	int r;

	memset(res, 0, sizeof(*res));
	r = rt_begin(&t, p, inv, chosen, opt, res);
	if (r == 0)
		r = gp_plan_build_now(p, inv, chk, chosen, opt ? opt->force : 0, &res->plan);
	if (r < 0)
		return r;
	r = refuse(&t);
	if (r < 0)
		return r;
	r = reserve(&t, &touched);
	if (r == 0)
		r = rt_ensure_vfio(&t);
	if (r == -ETIMEDOUT || r == -ENOMEM)
		return r;
	if (r < 0) {
		r = give_back_touched(&t, touched);
		return r == -ETIMEDOUT || r == -ENOMEM ? r : -EIO;
	}
	r = probe(&t);
	if (r == 0)
		r = check_groups(&t);
	if (r == 0 || r == -EIO)
		r = rt_config_notes(&t, 1) < 0 ? -ENOMEM : r;
	return r;
}

/* What --unbind-now left function @f on; *@left set when still on vfio-pci. */
static int report_back(struct rt *t, const struct gp_rtbind_func *f, int ours, int *left)
{
	if (!ours)
		return rt_add(t, GP_ROLE_DETAIL, GP_MSG_NOW_NOT_ON_VFIO, f->address,
			      f->before[0] ? f->before : "none");
	if (strcmp(f->after, RT_VFIO) == 0) {
		*left = 1;
		return rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_STILL_ON_VFIO, f->address);
	}
	if (f->after[0])
		return rt_add(t, GP_ROLE_DETAIL, GP_MSG_NOW_BACK, f->address, f->after);
	return rt_add(t, GP_ROLE_DETAIL, GP_MSG_NOW_BACK_NONE, f->address);
}

int gp_rtbind_unbind(const struct gp_path *p, const struct gp_inventory *inv, const char *chosen,
		     const struct gp_rtbind_options *opt, struct gp_rtbind_result *res)
{
	char path[GP_PATH_MAX];
	int r, left = 0;
	struct rt t;
	size_t i;

	memset(res, 0, sizeof(*res));
	r = rt_begin(&t, p, inv, chosen, opt, res);
	if (r == 0)
		r = rt_refuse_holders(&t, 1);
	if (r != 0) {
		res->refused = r > 0;
		return r > 0 ? -EBUSY : r;
	}
	for (i = 0; i < res->n_funcs; i++) {
		struct gp_rtbind_func *f = &res->funcs[i];
		int ours = strcmp(f->before, RT_VFIO) == 0;

		/* On another driver only a stale reservation is cleared: not ours to take. */
		rt_attr(path, sizeof(path), f->address, "driver_override");
		r = rt_write(&t, path, "\n");
		if (r == 0 && ours) {
			rt_attr(path, sizeof(path), f->address, "driver/unbind");
			r = rt_write(&t, path, f->address);
		}
		if (r == 0 && ours)
			r = rt_reprobe(&t, f);
		if (r < 0)
			return r == -ETIMEDOUT || r == -ENOMEM ? r : -EIO;
		r = report_back(&t, f, ours, &left);
		if (r < 0)
			return r;
	}
	r = rt_config_notes(&t, 0);
	if (r < 0)
		return r;
	return left ? -EIO : 0;
}

void gp_rtbind_result_free(struct gp_rtbind_result *res)
{
	gp_report_free(&res->report);
	gp_plan_free(res->plan);
	free(res->funcs);
	memset(res, 0, sizeof(*res));
}
