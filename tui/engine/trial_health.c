/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The trial boot's health check: see trial_health.h.
 */
#include "trial_health.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "addr_list.h"
#include "card.h"
#include "gp_paths.h"
#include "inventory.h"

#define VFIO "vfio-pci"

/* A driver that gives a device to a VM, or holds it for one: not the host's. */
static int vm_driver(const char *drv)
{
	return strcmp(drv, VFIO) == 0 || strcmp(drv, "pci-stub") == 0;
}

/* One item for each function bind.conf lists; 0 or -ENOMEM. */
static int check_functions(const struct gp_path *p, const struct gp_inventory *inv,
			   const struct gp_addr_list *conf, struct gp_report *r, int *failed)
{
	char drv[GP_DRIVER_NAME_MAX];
	size_t i;
	int e = 0;

	for (i = 0; e == 0 && i < conf->n; i++) {
		const char *a = conf->v[i];

		if (gp_inventory_find(inv, a) < 0) {
			e = gp_report_add(r, GP_HEALTH_BOUND, GP_ROLE_SUMMARY, GP_MSG_HEALTH_MISSING,
					  GP_BIND_CONF_PATH, a);
			*failed = 1;
			continue;
		}
		gp_card_driver_now(p, a, drv, sizeof(drv));
		if (strcmp(drv, VFIO) == 0) {
			e = gp_report_add(r, GP_HEALTH_BOUND, GP_ROLE_SUMMARY, GP_MSG_HEALTH_BOUND, a);
			continue;
		}
		e = gp_report_add(r, GP_HEALTH_BOUND, GP_ROLE_SUMMARY, GP_MSG_HEALTH_NOT_BOUND, a,
				  drv[0] ? drv : "none");
		*failed = 1;
	}
	return e;
}

/* What bind.conf lists, into @conf, and the items that say it is unusable; 0 or -ENOMEM. */
static int read_conf(const struct gp_path *p, struct gp_addr_list *conf, struct gp_report *r,
		     int *failed)
{
	unsigned int rejected = 0;
	int e = gp_card_configured(p, conf, &rejected);

	if (e == -ENOMEM)
		return e;
	if (e < 0) {
		*failed = 1;
		return gp_report_add(r, GP_HEALTH_BOUND, GP_ROLE_SUMMARY,
				     GP_MSG_HEALTH_CONF_UNREADABLE, GP_BIND_CONF_PATH, e);
	}
	if (rejected) {
		size_t n = rejected;

		*failed = 1;
		e = gp_report_add(r, GP_HEALTH_BOUND, GP_ROLE_SUMMARY, GP_MSG_HEALTH_CONF_REJECTED,
				  GP_BIND_CONF_PATH, n);
	}
	if (e == 0 && conf->n == 0) {
		*failed = 1;
		e = gp_report_add(r, GP_HEALTH_BOUND, GP_ROLE_SUMMARY, GP_MSG_HEALTH_CONF_NONE,
				  GP_BIND_CONF_PATH);
	}
	return e;
}

/*
 * The GPU the host keeps for its display: the boot VGA unless bind.conf
 * lists it, else the first GPU it does not list (what the boot-display and
 * last-GPU guards of the plan left to the host).  Its index, or -1.
 */
static long host_display(const struct gp_inventory *inv, const struct gp_addr_list *conf,
			 int *is_boot_vga)
{
	size_t i;

	for (i = 0; i < inv->n_devs; i++)
		if (inv->devs[i].gpu && inv->devs[i].boot_vga == 1 &&
		    !gp_addr_list_has(conf, inv->devs[i].address)) {
			*is_boot_vga = 1;
			return (long)i;
		}
	*is_boot_vga = 0;
	for (i = 0; i < inv->n_devs; i++)
		if (inv->devs[i].gpu && !gp_addr_list_has(conf, inv->devs[i].address))
			return (long)i;
	return -1;
}

static int check_display(const struct gp_path *p, const struct gp_inventory *inv,
			 const struct gp_addr_list *conf, struct gp_report *r, int *failed)
{
	char drv[GP_DRIVER_NAME_MAX];
	int boot_vga, e;
	long k = host_display(inv, conf, &boot_vga);
	const char *a;
	int word;

	if (k < 0)
		return gp_report_add(r, GP_HEALTH_DISPLAY, GP_ROLE_SUMMARY, GP_MSG_HEALTH_NO_DISPLAY,
				     GP_BIND_CONF_PATH);
	a = inv->devs[k].address;
	word = boot_vga ? GP_MSG_HEALTH_WORD_BOOT_VGA : GP_MSG_HEALTH_WORD_KEPT;
	gp_card_driver_now(p, a, drv, sizeof(drv));
	if (drv[0] && !vm_driver(drv))
		return gp_report_add(r, GP_HEALTH_DISPLAY, GP_ROLE_SUMMARY, GP_MSG_HEALTH_DISPLAY_OK,
				     a, word, drv);
	*failed = 1;
	if (drv[0])
		e = gp_report_add(r, GP_HEALTH_DISPLAY, GP_ROLE_SUMMARY,
				  GP_MSG_HEALTH_DISPLAY_ON_VFIO, a, word, drv);
	else
		e = gp_report_add(r, GP_HEALTH_DISPLAY, GP_ROLE_SUMMARY,
				  GP_MSG_HEALTH_DISPLAY_NO_DRIVER, a, word);
	if (e == 0)
		e = gp_report_add(r, GP_HEALTH_DISPLAY, GP_ROLE_FIX, GP_MSG_HEALTH_FIX_DISPLAY);
	return e;
}

/* The functions' check and its one fix, after the last of its items. */
static int check_bound(const struct gp_path *p, const struct gp_inventory *inv,
		       struct gp_addr_list *conf, struct gp_report *r, int *failed)
{
	int conf_bad = 0, not_bound = 0;
	int e = read_conf(p, conf, r, &conf_bad);

	if (e == 0)
		e = check_functions(p, inv, conf, r, &not_bound);
	if (e == 0 && (conf_bad || not_bound))
		e = gp_report_add(r, GP_HEALTH_BOUND, GP_ROLE_FIX,
				  conf_bad ? GP_MSG_HEALTH_FIX_CONF : GP_MSG_HEALTH_FIX_BOUND);
	*failed = conf_bad || not_bound;
	return e;
}

int gp_trial_health_check(const struct gp_path *p, struct gp_trial_health *out)
{
	struct gp_addr_list conf = { NULL, 0, 0 };
	struct gp_inventory *inv = NULL;
	int bound_failed = 0, display_failed = 0;
	int e;

	memset(out, 0, sizeof(*out));
	e = gp_inventory_build(p, &inv);
	if (e == 0)
		e = check_bound(p, inv, &conf, &out->report, &bound_failed);
	if (e == 0)
		e = check_display(p, inv, &conf, &out->report, &display_failed);
	out->healthy = e == 0 && !bound_failed && !display_failed;
	free(conf.v);
	gp_inventory_free(inv);
	return e;
}

void gp_trial_health_free(struct gp_trial_health *h)
{
	gp_report_free(&h->report);
	h->healthy = 0;
}
