/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The steps of binding now and giving back: see rtbind_int.h.
 */
#include "rtbind_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "bounded.h"
#include "card.h"
#include "gp_paths.h"
#include "holders.h"
#include "strbuf.h"

#define VFIO_DRIVER_DIR "/sys/bus/pci/drivers/vfio-pci"
/* After modprobe returns the driver is registered; allow the kernel a moment. */
#define REGISTER_WAIT_MS 1000

static const char *const host_modprobes[] = {
	"/sbin/modprobe", "/usr/sbin/modprobe", "/bin/modprobe", "/usr/bin/modprobe",
};

int rt_add(struct rt *t, enum gp_item_role role, enum gp_msg code, ...)
{
	const struct gp_msg_info *mi = gp_msg_info(code);
	va_list ap;
	int r;

	va_start(ap, code);
	r = gp_report_vadd(&t->res->report, mi ? mi->sev : GP_SEV_INFO, -1, role, code, ap);
	va_end(ap);
	return r;
}

void rt_attr(char *buf, size_t size, const char *address, const char *attr)
{
	snprintf(buf, size, "/sys/bus/pci/devices/%s/%s", address, attr);
}

int rt_begin(struct rt *t, const struct gp_path *p, const struct gp_inventory *inv,
	     const char *chosen, const struct gp_rtbind_options *opt,
	     struct gp_rtbind_result *res)
{
	struct gp_addr_list conf = { NULL, 0, 0 };
	size_t i;
	int r;

	memset(t, 0, sizeof(*t));
	t->p = p;
	t->inv = inv;
	t->res = res;
	t->timeout_s = opt && opt->timeout_s ? opt->timeout_s : GP_BOUNDED_DEFAULT_MS / 1000;
	t->modprobe = opt ? opt->modprobe : NULL;
	r = gp_card_configured(p, &conf, NULL);
	if (r == -ENOMEM)
		return r;       /* unreadable: the notes then say nothing of it */
	for (i = 0; i < inv->n_devs && r != -ENOMEM; i++) {
		const struct gp_pci_dev *d = &inv->devs[i];
		struct gp_rtbind_func *f;

		if (!chosen[i])
			continue;
		if (GP_ARRAY_GROW(res->funcs, res->alloc_funcs, res->n_funcs + 1) < 0) {
			r = -ENOMEM;
			break;
		}
		f = &res->funcs[res->n_funcs++];
		memset(f, 0, sizeof(*f));
		memcpy(f->address, d->address, GP_PCI_ADDR_LEN);
		gp_card_driver_now(t->p, d->address, f->before, sizeof(f->before));
		memcpy(f->after, f->before, sizeof(f->after));
		f->group = d->iommu_group;
		f->configured = gp_addr_list_has(&conf, d->address);
	}
	free(conf.v);
	return r == -ENOMEM ? r : 0;
}

int rt_write(struct rt *t, const char *path, const char *value)
{
	struct gp_bounded_late late;
	char shown[GP_PCI_ADDR_LEN + 16];
	int r, a;

	r = gp_bounded_write(t->p, path, value, t->timeout_s * 1000u, &late);
	if (r == 0)
		return 0;
	/* "\n" clears an override: shown as the empty string it writes. */
	snprintf(shown, sizeof(shown), "%s", strcmp(value, "\n") == 0 ? "" : value);
	if (r == -ETIMEDOUT) {
		t->res->stuck = 1;
		a = rt_add(t, GP_ROLE_SUMMARY, late.stuck ? GP_MSG_NOW_WRITE_STUCK
							  : GP_MSG_NOW_WRITE_KILLED,
			   shown, path, (size_t)t->timeout_s, (int)late.pid);
		if (a == 0)
			a = rt_add(t, GP_ROLE_FIX, GP_MSG_NOW_FIX_STUCK);
	} else {
		a = rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_WRITE_FAILED, shown, path, r);
	}
	return a < 0 ? a : r;
}

static const char *modprobe_of(struct rt *t)
{
	size_t i;

	if (t->modprobe && *t->modprobe)
		return t->modprobe;
	if (!gp_path_is_host(t->p))
		return NULL;
	for (i = 0; i < sizeof(host_modprobes) / sizeof(host_modprobes[0]); i++)
		if (gp_path_exists(t->p, host_modprobes[i]) > 0)
			return host_modprobes[i];
	return NULL;
}

int rt_appears(const struct rt *t, const char *path, unsigned int ms)
{
	const struct timespec tick = { 0, 10 * 1000000L };
	unsigned int waited;

	for (waited = 0;; waited += 10) {
		if (gp_path_exists(t->p, path) > 0)
			return 1;
		if (waited >= ms)
			return 0;
		nanosleep(&tick, NULL);
	}
}

int rt_ensure_vfio(struct rt *t)
{
	struct gp_bounded_late late;
	const char *prog;
	char *argv[3];
	int r, st = 0;

	if (rt_appears(t, VFIO_DRIVER_DIR, 0))
		return 0;
	prog = modprobe_of(t);
	if (!prog) {
		r = rt_add(t, GP_ROLE_SUMMARY, gp_path_is_host(t->p) ? GP_MSG_NOW_NO_MODPROBE
								   : GP_MSG_NOW_NO_MODPROBE_ROOT);
		return r < 0 ? r : -EIO;
	}
	argv[0] = (char *)prog;
	argv[1] = (char *)"vfio-pci";
	argv[2] = NULL;
	r = gp_bounded_run(argv, t->timeout_s * 1000u, &st, &late);
	if (r == -ETIMEDOUT) {
		t->res->stuck = 1;
		r = rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_MODPROBE_TIMEOUT, prog,
			   (size_t)t->timeout_s, (int)late.pid);
		return r < 0 ? r : -ETIMEDOUT;
	}
	if (r < 0)
		r = rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_MODPROBE_NOT_RUN, prog, r);
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		r = rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_MODPROBE_NOT_RUN, prog, -ENOENT);
	else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		r = rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_MODPROBE_FAILED, prog,
			   WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	else if (rt_appears(t, VFIO_DRIVER_DIR, REGISTER_WAIT_MS))
		return 0;
	else
		r = rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_NO_VFIO_DRIVER, VFIO_DRIVER_DIR);
	if (r == 0)
		r = rt_add(t, GP_ROLE_FIX, GP_MSG_NOW_FIX_VFIO);
	return r < 0 ? r : -EIO;
}

int rt_reprobe(struct rt *t, struct gp_rtbind_func *f)
{
	int r;

	gp_card_driver_now(t->p, f->address, f->after, sizeof(f->after));
	if (f->after[0])
		return 0;
	r = rt_write(t, "/sys/bus/pci/drivers_probe", f->address);
	if (r == -ETIMEDOUT || r == -ENOMEM)
		return r;
	/* A probe no driver wants fails: what holds the function says it. */
	gp_card_driver_now(t->p, f->address, f->after, sizeof(f->after));
	return 0;
}

int rt_give_back(struct rt *t, struct gp_rtbind_func *f)
{
	char path[GP_PATH_MAX];
	int r;

	rt_attr(path, sizeof(path), f->address, "driver_override");
	r = rt_write(t, path, "\n");
	return r < 0 ? r : rt_reprobe(t, f);
}

static int report_holder(struct rt *t, const char *address, const struct gp_holder *h)
{
	switch (h->kind) {
	case GP_HOLDER_VM:
		return rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_VM_USES, address, h->comm,
			      (int)h->pid, h->node);
	case GP_HOLDER_DISPLAY:
		return rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_HOLDER_DISPLAY, address, h->comm,
			      (int)h->pid, h->node);
	case GP_HOLDER_PERSISTENCED:
		return rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_PERSISTENCED, address, (int)h->pid);
	case GP_HOLDER_PROCESS:
		break;
	}
	return rt_add(t, GP_ROLE_SUMMARY, GP_MSG_NOW_HOLDER, address, h->comm, (int)h->pid,
		      h->node);
}

/* The holders of function @f, reported; 1 when there is one. */
static int holders_of(struct rt *t, const struct gp_rtbind_func *f, int vm_only)
{
	struct gp_strset nodes = GP_STRSET_INIT;
	struct gp_holders h = { NULL, 0, 0 };
	long k = gp_inventory_find(t->inv, f->address);
	int r = 0, nvidia = strcmp(f->before, "nvidia") == 0;
	size_t i;

	/* A VM holds what vfio-pci has; anything else holds the rest. */
	if (k < 0 || vm_only != (strcmp(f->before, RT_VFIO) == 0))
		return 0;
	r = gp_holders_nodes(t->p, &t->inv->devs[k], f->before, &nodes);
	if (r == 0 && (nodes.n || nvidia))
		r = gp_holders_find(t->p, &nodes, nvidia && !vm_only, &h);
	for (i = 0; r == 0 && i < h.n; i++)
		r = report_holder(t, f->address, &h.v[i]);
	if (r == 0)
		r = h.n > 0;
	gp_holders_free(&h);
	gp_strset_free(&nodes);
	return r;
}

int rt_refuse_holders(struct rt *t, int vm_only)
{
	int r, found = 0;
	size_t i;

	for (i = 0; i < t->res->n_funcs; i++) {
		r = holders_of(t, &t->res->funcs[i], vm_only);
		if (r < 0)
			return r;
		found |= r;
	}
	if (found) {
		r = rt_add(t, GP_ROLE_FIX, vm_only ? GP_MSG_NOW_FIX_VM : GP_MSG_NOW_FIX_HOLDERS);
		return r < 0 ? r : 1;
	}
	return 0;
}

int rt_config_notes(struct rt *t, int binding)
{
	size_t i;
	int r = 0;

	for (i = 0; i < t->res->n_funcs && r == 0; i++) {
		const struct gp_rtbind_func *f = &t->res->funcs[i];

		if (binding && !f->configured)
			r = rt_add(t, GP_ROLE_NOTE, GP_MSG_NOW_NOT_CONFIGURED, f->address);
		else if (!binding && f->configured)
			r = rt_add(t, GP_ROLE_NOTE, GP_MSG_NOW_CONFIGURED, f->address);
	}
	return r;
}
