/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --status, now: see status_now.h.
 */
#include "status_now.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "card.h"
#include "strbuf.h"

#define VFIO "vfio-pci"

static int add_fn(struct gp_status_now *out, const struct gp_path *p, const char *address,
		  int configured)
{
	struct gp_status_now_fn *f;

	if (GP_ARRAY_GROW(out->v, out->alloc, out->n + 1) < 0)
		return -ENOMEM;
	f = &out->v[out->n++];
	memset(f, 0, sizeof(*f));
	snprintf(f->address, sizeof(f->address), "%s", address);
	f->configured = configured;
	gp_card_driver_now(p, address, f->driver, sizeof(f->driver));
	return 0;
}

static int by_address(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The functions on vfio-pci now that bind.conf does not list. */
static int add_unconfigured(const struct gp_path *p, const struct gp_addr_list *configured,
			    struct gp_status_now *out)
{
	char addr[GP_PCI_ADDR_LEN];
	struct gp_addr_list seen = { NULL, 0, 0 };
	struct dirent *e;
	int fd, r = 0;
	DIR *dp;

	fd = gp_path_open(p, "/sys/bus/pci/drivers/" VFIO, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return 0;       /* vfio-pci not loaded: nothing on it */
	dp = fdopendir(fd);
	if (!dp) {
		close(fd);
		return 0;
	}
	while (r == 0 && (e = readdir(dp)))
		if (gp_card_parse_address(e->d_name, strlen(e->d_name), addr) == 0 &&
		    strcmp(addr, e->d_name) == 0 && !gp_addr_list_has(configured, addr))
			r = gp_addr_list_add(&seen, addr);
	closedir(dp);
	/* readdir's order is the file system's: sort for a stable report. */
	if (r == 0 && seen.n)
		qsort(seen.v, seen.n, sizeof(seen.v[0]), by_address);
	for (size_t i = 0; r == 0 && i < seen.n; i++)
		r = add_fn(out, p, seen.v[i], 0);
	free(seen.v);
	return r;
}

int gp_status_now_differs(const struct gp_status_now_fn *f)
{
	return f->configured != (strcmp(f->driver, VFIO) == 0);
}

static int add_line(struct gp_report *r, int topic, const struct gp_status_now_fn *f)
{
	const char *drv = f->driver[0] ? f->driver : "none";

	if (!gp_status_now_differs(f))
		return gp_report_add(r, topic, GP_ROLE_DETAIL, GP_MSG_STATUS_NOW_ENTRY, f->address,
				     drv);
	if (f->configured)
		return gp_report_add(r, topic, GP_ROLE_DETAIL, GP_MSG_STATUS_NOW_NOT_BOUND,
				     f->address, drv);
	return gp_report_add(r, topic, GP_ROLE_DETAIL, GP_MSG_STATUS_NOW_UNCONFIGURED, f->address);
}

int gp_status_read_now(const struct gp_path *p, const struct gp_addr_list *configured,
		       struct gp_report *r, int topic, struct gp_status_now *out)
{
	size_t i;
	int e;

	for (i = 0, e = 0; i < configured->n && e == 0; i++)
		e = add_fn(out, p, configured->v[i], 1);
	if (e == 0)
		e = add_unconfigured(p, configured, out);
	if (e == 0)
		e = gp_report_add(r, topic, GP_ROLE_SUMMARY, GP_MSG_STATUS_NOW_HEAD);
	if (e == 0 && !out->n)
		e = gp_report_add(r, topic, GP_ROLE_DETAIL, GP_MSG_STATUS_NOW_NONE);
	for (i = 0; e == 0 && i < out->n; i++)
		e = add_line(r, topic, &out->v[i]);
	return e;
}

void gp_status_now_free(struct gp_status_now *n)
{
	free(n->v);
	memset(n, 0, sizeof(*n));
}
