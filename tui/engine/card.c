/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Naming a card: see card.h.
 */
#include "card.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind_conf.h"
#include "gp_path_write.h"
#include "gp_paths.h"
#include "hostdev.h"

int gp_card_parse_address(const char *s, size_t n, char out[GP_PCI_ADDR_LEN])
{
	char full[BIND_CONF_ADDR_SIZE + 8], norm[BIND_CONF_ADDR_SIZE];
	size_t colons = 0, i;

	for (i = 0; i < n; i++)
		colons += s[i] == ':';
	if (n + 5 >= sizeof(full))
		return -EINVAL;
	if (colons == 1) {
		memcpy(full, "0000:", 5);
		memcpy(full + 5, s, n);
		n += 5;
	} else {
		memcpy(full, s, n);
	}
	if (bind_conf_parse_address(full, n, norm) < 0 || strlen(norm) >= GP_PCI_ADDR_LEN)
		return -EINVAL;
	memcpy(out, norm, strlen(norm) + 1);
	return 0;
}

int gp_card_parse_ids(const char *s, size_t n, uint16_t *vendor, uint16_t *device)
{
	uint32_t v, d;

	if (n != 9 || s[4] != ':' || bind_conf_hex(s, 4, &v) < 0 ||
	    bind_conf_hex(s + 5, 4, &d) < 0)
		return -EINVAL;
	*vendor = (uint16_t)v;
	*device = (uint16_t)d;
	return 0;
}

/* ", "-joined addresses of @idx, cut to fit @size. */
static void join_addresses(const struct gp_inventory *inv, const size_t *idx, size_t n,
			   char *buf, size_t size)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
				 inv->devs[idx[i]].address);

		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
	}
}

static void by_address(const struct gp_inventory *inv, const char *addr, int gpus_only,
		       struct gp_card_match *out)
{
	long k = gp_inventory_find(inv, addr);
	const struct gp_pci_dev *d;

	memcpy(out->address, addr, GP_PCI_ADDR_LEN);
	if (k < 0) {
		out->err = GP_CARD_E_NO_SUCH;
		return;
	}
	d = &inv->devs[k];
	if (gpus_only && (d->class_err || !gp_pci_is_gpu(d->class_code))) {
		out->err = GP_CARD_E_NOT_A_GPU;
		if (d->class_err)
			snprintf(out->class_code, sizeof(out->class_code), "unknown");
		else
			snprintf(out->class_code, sizeof(out->class_code), "0x%06x",
				 (unsigned int)d->class_code);
		return;
	}
	out->index = k;
}

/*
 * A model names a card: with @gpus_only its GPUs, else the functions of
 * that id, one per slot (the slot is the card).
 */
static int model_matches(const struct gp_pci_dev *d, const struct gp_pci_dev *prev,
			 uint16_t ven, uint16_t dev, int gpus_only)
{
	if (d->vendor_err || d->device_err || d->vendor != ven || d->device != dev)
		return 0;
	if (gpus_only)
		return d->gpu != NULL;
	return !prev || prev->domain != d->domain || prev->bus != d->bus || prev->slot != d->slot;
}

static int by_model(const struct gp_inventory *inv, uint16_t ven, uint16_t dev, int gpus_only,
		    struct gp_card_match *out)
{
	const struct gp_pci_dev *prev = NULL;
	size_t i, n = 0, *idx;

	idx = calloc(inv->n_devs + 1, sizeof(*idx));
	if (!idx)
		return -ENOMEM;
	for (i = 0; i < inv->n_devs; i++)
		if (model_matches(&inv->devs[i], prev, ven, dev, gpus_only)) {
			idx[n++] = i;
			prev = &inv->devs[i];
		}
	if (n == 1) {
		out->index = (long)idx[0];
		memcpy(out->address, inv->devs[idx[0]].address, GP_PCI_ADDR_LEN);
	} else {
		out->err = n ? GP_CARD_E_AMBIGUOUS : GP_CARD_E_NO_SUCH;
		join_addresses(inv, idx, n, out->matches, sizeof(out->matches));
	}
	free(idx);
	return 0;
}

int gp_card_resolve(const struct gp_inventory *inv, const char *spec, int gpus_only,
		    struct gp_card_match *out)
{
	char addr[GP_PCI_ADDR_LEN];
	uint16_t ven, dev;

	memset(out, 0, sizeof(*out));
	out->index = -1;
	if (gp_card_parse_address(spec, strlen(spec), addr) == 0) {
		by_address(inv, addr, gpus_only, out);
		return 0;
	}
	if (gp_card_parse_ids(spec, strlen(spec), &ven, &dev) < 0) {
		out->err = GP_CARD_E_BAD;
		return 0;
	}
	return by_model(inv, ven, dev, gpus_only, out);
}

int gp_card_report(const struct gp_card_match *m, const char *spec, struct gp_report *r)
{
	switch (m->err) {
	case GP_CARD_OK:
		return 0;
	case GP_CARD_E_BAD:
		return gp_report_add(r, -1, GP_ROLE_SUMMARY, GP_MSG_CARD_BAD, spec);
	case GP_CARD_E_NO_SUCH:
		if (m->address[0])
			return gp_report_add(r, -1, GP_ROLE_SUMMARY, GP_MSG_CARD_NO_SUCH_ADDRESS,
					     m->address);
		return gp_report_add(r, -1, GP_ROLE_SUMMARY, GP_MSG_CARD_NO_SUCH_MODEL, spec);
	case GP_CARD_E_NOT_A_GPU:
		return gp_report_add(r, -1, GP_ROLE_SUMMARY, GP_MSG_CARD_NOT_A_GPU, m->address,
				     m->class_code);
	case GP_CARD_E_AMBIGUOUS:
		return gp_report_add(r, -1, GP_ROLE_SUMMARY, GP_MSG_CARD_AMBIGUOUS, spec,
				     m->matches);
	}
	return -EINVAL;
}

void gp_card_mark_slot(const struct gp_inventory *inv, long k, char *chosen)
{
	const struct gp_pci_dev *o = &inv->devs[k];
	size_t i;

	for (i = 0; i < inv->n_devs; i++) {
		const struct gp_pci_dev *d = &inv->devs[i];

		if (d->domain == o->domain && d->bus == o->bus && d->slot == o->slot)
			chosen[i] = 1;
	}
}

struct configured {
	struct gp_addr_list *out;
	unsigned int rejected;
	int err;
};

static int on_entry(void *ctx, const struct bind_conf_entry *e)
{
	struct configured *c = ctx;

	if (gp_addr_list_add(c->out, e->address) < 0) {
		c->err = -ENOMEM;
		return -1;
	}
	return 0;
}

static int on_error(void *ctx, unsigned int line, enum bind_conf_error err)
{
	struct configured *c = ctx;

	(void)line;
	(void)err;
	c->rejected++;
	return 0;
}

int gp_card_configured(const struct gp_path *p, struct gp_addr_list *out, unsigned int *rejected)
{
	static const struct bind_conf_ops ops = { .entry = on_entry, .error = on_error };
	struct configured c = { out, 0, 0 };
	char *buf = NULL;
	size_t len;
	int r;

	if (rejected)
		*rejected = 0;
	r = gp_path_read_file(p, GP_BIND_CONF_PATH, &buf, &len, NULL);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	bind_conf_parse(buf, len, &ops, &c);
	free(buf);
	if (rejected)
		*rejected = c.rejected;
	return c.err;
}

void gp_card_driver_now(const struct gp_path *p, const char *address, char *buf, size_t size)
{
	char path[GP_PATH_MAX];

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver", address);
	if (gp_path_link_name(p, path, buf, size) < 0)
		buf[0] = '\0';
}

int gp_card_group_viable(const struct gp_inventory *inv, const struct gp_iommu_group *g,
			 struct gp_group_blocker *why)
{
	size_t i;

	for (i = 0; i < g->n_members; i++) {
		long k = gp_inventory_find(inv, g->members[i]);
		const struct gp_pci_dev *d = k >= 0 ? &inv->devs[k] : NULL;
		const char *drv;

		if (d && gp_pci_is_bridge(d))
			continue;
		drv = !d || d->driver_err ? "unknown" : d->driver;
		if (!*drv || strcmp(drv, "vfio-pci") == 0 || strcmp(drv, "pci-stub") == 0)
			continue;
		if (why) {
			snprintf(why->address, sizeof(why->address), "%s", g->members[i]);
			snprintf(why->driver, sizeof(why->driver), "%s", drv);
		}
		return 0;
	}
	if (why)
		memset(why, 0, sizeof(*why));
	return 1;
}

static int choose_named(const struct gp_inventory *inv, const char *spec, char *chosen,
			struct gp_card_choice *why)
{
	int r = gp_card_resolve(inv, spec, 0, &why->match);

	if (r < 0)
		return r;
	if (why->match.err != GP_CARD_OK)
		return -EINVAL;
	/* The card is its slot: a VM given half of one gets a card that may not start. */
	gp_card_mark_slot(inv, why->match.index, chosen);
	return 0;
}

static int choose_configured(const struct gp_path *p, const struct gp_inventory *inv,
			     char *chosen, struct gp_card_choice *why)
{
	struct gp_addr_list l = { 0 };
	size_t i;
	int r = gp_card_configured(p, &l, &why->rejected);

	if (r == 0 && l.n == 0)
		r = -ENOENT;
	for (i = 0; r == 0 && i < l.n; i++) {
		long k = gp_inventory_find(inv, l.v[i]);

		if (k < 0) {
			snprintf(why->missing, sizeof(why->missing), "%s", l.v[i]);
			r = -ENOENT;
		} else {
			chosen[k] = 1;
		}
	}
	free(l.v);
	return r;
}

int gp_card_choose(const struct gp_path *p, const struct gp_inventory *inv, const char *spec,
		   char *chosen, struct gp_card_choice *why)
{
	memset(why, 0, sizeof(*why));
	why->match.index = -1;
	memset(chosen, 0, inv->n_devs);
	if (spec)
		return choose_named(inv, spec, chosen, why);
	return choose_configured(p, inv, chosen, why);
}
