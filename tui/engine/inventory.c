/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Every attribute is read through gp_path, not through libpci's sysfs
 * backend: that backend calls its fatal error handler on one malformed
 * resource file or missing vendor file (losing the whole list), and
 * resolves links with realpath() on host paths, which an absolute symlink
 * in a capture would lead out of --root.  libpci supplies the names.
 *
 * The work is linear in the number of functions (plus sorting): the
 * device directory is listed once, each IOMMU group directory is read
 * once, each distinct modalias is looked up once in one libkmod context.
 */
#include "inventory.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libkmod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drm.h"
#include "kmod_root.h"
#include "pci_names.h"
#include "pci_parse.h"
#include "inventory_int.h"

#define DEV_DIR "/sys/bus/pci/devices/"

void gp_inv_mark_unknown(struct gp_pci_dev *d, const char *field, int err)
{
	if (d->n_unknown < GP_UNKNOWN_MAX) {
		d->unknown[d->n_unknown].field = field;
		d->unknown[d->n_unknown].err = err;
		d->n_unknown++;
	}
}

static int hex_at(int dfd, const char *name, unsigned long max, unsigned long *val)
{
	char buf[64];
	int r = gp_path_read_at(dfd, name, buf, sizeof(buf));

	return r < 0 ? r : gp_pci_parse_hex(buf, max, val);
}

/* The revision from config space, for kernels without the attribute. */
static int config_revision(int dfd, unsigned long *rev)
{
	unsigned char b;
	ssize_t n;
	int fd, r;

	fd = gp_path_open_at(dfd, "config", O_RDONLY);
	if (fd < 0)
		return fd;
	n = pread(fd, &b, 1, 8);
	r = n < 0 ? -errno : 0;
	close(fd);
	if (r < 0)
		return r;
	if (n != 1)
		return -EINVAL;
	*rev = b;
	return 0;
}

static void read_identity_attrs(int dfd, struct gp_pci_dev *d)
{
	unsigned long v, w;
	int r;

	r = hex_at(dfd, "vendor", 0xffff, &v);
	if (r < 0 || v == 0xffff)
		gp_inv_mark_unknown(d, "vendor", d->vendor_err = r < 0 ? r : -EINVAL);
	else
		d->vendor = (uint16_t)v;

	r = hex_at(dfd, "device", 0xffff, &v);
	if (r < 0)
		gp_inv_mark_unknown(d, "device", d->device_err = r);
	else
		d->device = (uint16_t)v;

	r = hex_at(dfd, "class", 0xffffff, &v);
	if (r < 0)
		gp_inv_mark_unknown(d, "class", d->class_err = r);
	else
		d->class_code = (uint32_t)v;

	r = hex_at(dfd, "subsystem_vendor", 0xffff, &v);
	if (r == 0)
		r = hex_at(dfd, "subsystem_device", 0xffff, &w);
	if (r < 0) {
		gp_inv_mark_unknown(d, "subsystem", d->subsys_err = r);
	} else {
		d->subsys_vendor = (uint16_t)v;
		d->subsys_device = (uint16_t)w;
	}
}

/*
 * Identity: the modalias carries vendor, device, subsystem and class in one
 * read, as the kernel sees them (class quirks applied, like the "class"
 * attribute).  The separate attributes are read only when it is missing or
 * malformed, so each of those fields still gets its own reason.
 */
static void read_identity(int dfd, struct gp_pci_dev *d)
{
	struct gp_pci_ids ids;
	unsigned long v;
	char alias[256];
	int r;

	r = gp_path_read_at(dfd, "modalias", alias, sizeof(alias));
	if (r >= 0 && gp_pci_parse_modalias(alias, &ids) < 0)
		r = -EINVAL;
	if (r >= 0 && !(d->modalias = strdup(alias)))
		r = -ENOMEM;
	d->modules_err = r < 0 ? r : 0;
	if (r >= 0) {
		d->vendor = ids.vendor;
		d->device = ids.device;
		d->subsys_vendor = ids.subsys_vendor;
		d->subsys_device = ids.subsys_device;
		d->class_code = ids.class_code;
	} else {
		read_identity_attrs(dfd, d);
	}

	r = hex_at(dfd, "revision", 0xff, &v);
	if (r == -ENOENT)
		r = config_revision(dfd, &v);
	if (r < 0)
		gp_inv_mark_unknown(d, "revision", d->revision_err = r);
	else
		d->revision = (int)v;
}

/* Whether /sys/bus/pci/drivers/NAME exists, asked once per driver name. */
struct driver_cache {
	char name[8][GP_DRIVER_NAME_MAX];
	int exists[8];
	size_t n;
};

static int driver_exists(const struct gp_path *p, struct driver_cache *c, const char *name)
{
	char path[GP_PATH_MAX];
	int r;

	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->name[i], name) == 0)
			return c->exists[i];
	if (gp_path_join(path, sizeof(path), "/sys/bus/pci/drivers/", name, (char *)NULL) < 0)
		return -ENAMETOOLONG;
	r = gp_path_exists(p, path);
	if (c->n < 8) {
		strcpy(c->name[c->n], name);
		c->exists[c->n++] = r;
	}
	return r;
}

static void read_driver(const struct gp_path *p, struct driver_cache *c, int dfd,
			struct gp_pci_dev *d)
{
	int r;

	r = gp_path_link_name_at(dfd, "driver", d->driver, sizeof(d->driver));
	if (r == -ENOENT) {
		d->driver[0] = '\0';
		return;
	}
	if (r >= 0) {
		/* The link leads to the driver's directory, or nowhere (dangling). */
		r = driver_exists(p, c, d->driver);
		if (r > 0)
			return;
		if (r == 0)
			r = -ENOLINK;
	}
	d->driver[0] = '\0';
	gp_inv_mark_unknown(d, "driver", d->driver_err = r);
}

static void read_group_link(int dfd, struct gp_pci_dev *d)
{
	char name[32];
	long v;
	int r;

	d->iommu_group = -1;
	r = gp_path_link_name_at(dfd, "iommu_group", name, sizeof(name));
	if (r == -ENOENT)
		return;
	if (r >= 0)
		r = gp_pci_parse_int(name, 0, 0x7fffffff, &v);
	if (r < 0) {
		gp_inv_mark_unknown(d, "iommu_group", d->iommu_group_err = r);
		return;
	}
	d->iommu_group = (int)v;
}

static void read_placement(int dfd, struct gp_pci_dev *d)
{
	char buf[4096];
	long v;
	int r;

	d->numa_node = -1;
	r = gp_path_read_at(dfd, "numa_node", buf, sizeof(buf));
	if (r >= 0)
		r = gp_pci_parse_int(buf, -1, 0xffff, &v);
	if (r >= 0)
		d->numa_node = (int)v;
	else if (r != -ENOENT)  /* kernels without NUMA have no attribute */
		gp_inv_mark_unknown(d, "numa_node", d->numa_node_err = r);

	/* Only VGA-class functions have boot_vga; absent means not applicable. */
	d->boot_vga = -1;
	if (!d->class_err && gp_pci_is_gpu(d->class_code)) {
		r = gp_path_read_at(dfd, "boot_vga", buf, sizeof(buf));
		if (r >= 0)
			r = gp_pci_parse_int(buf, 0, 1, &v);
		if (r >= 0)
			d->boot_vga = (int)v;
		else if (r != -ENOENT)
			gp_inv_mark_unknown(d, "boot_vga", d->boot_vga_err = r);
	}

	r = gp_path_read_at(dfd, "resource", buf, sizeof(buf));
	if (r >= 0)
		r = gp_pci_parse_resource(buf, d->bars);
	if (r < 0)
		gp_inv_mark_unknown(d, "bars", d->bars_err = r);
	else
		d->n_bars = (size_t)r;

}

static void read_device(const struct gp_path *p, struct driver_cache *c, struct gp_pci_dev *d)
{
	char path[GP_PATH_MAX];
	int dfd;

	dfd = gp_path_join(path, sizeof(path), DEV_DIR, d->address, (char *)NULL);
	if (dfd >= 0)
		dfd = gp_path_open(p, path, O_RDONLY | O_DIRECTORY, 0);
	/* With no directory, every read below reports why. */
	read_identity(dfd, d);
	read_driver(p, c, dfd, d);
	read_group_link(dfd, d);
	read_placement(dfd, d);
	if (dfd >= 0)
		close(dfd);
}

static int cmp_dev(const void *a, const void *b)
{
	const struct gp_pci_dev *x = a, *y = b;

	if (x->domain != y->domain)
		return x->domain < y->domain ? -1 : 1;
	if (x->bus != y->bus)
		return x->bus < y->bus ? -1 : 1;
	if (x->slot != y->slot)
		return x->slot < y->slot ? -1 : 1;
	if (x->func != y->func)
		return x->func < y->func ? -1 : 1;
	return 0;
}

/* The device directory's entries, parsed and sorted. */
static int list_devices(const struct gp_path *p, struct gp_inventory *inv)
{
	struct dirent *de;
	size_t cap = 0;
	int r = 0;
	DIR *dir;

	dir = gp_path_opendir(p, "/sys/bus/pci/devices");
	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		struct gp_pci_dev *d;

		if (de->d_name[0] == '.')
			continue;
		if (inv->n_devs == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			void *nd = realloc(inv->devs, ncap * sizeof(*inv->devs));

			if (!nd) {
				r = -ENOMEM;
				break;
			}
			inv->devs = nd;
			cap = ncap;
		}
		d = &inv->devs[inv->n_devs];
		memset(d, 0, sizeof(*d));
		if (strlen(de->d_name) >= sizeof(d->address) ||
		    gp_pci_parse_address(de->d_name, &d->domain, &d->bus, &d->slot, &d->func) < 0) {
			/* Not a kernel-made name: the tree is corrupt, not one field. */
			r = -EINVAL;
			break;
		}
		strcpy(d->address, de->d_name);
		inv->n_devs++;
	}
	closedir(dir);
	if (r == 0 && inv->n_devs)
		qsort(inv->devs, inv->n_devs, sizeof(*inv->devs), cmp_dev);
	return r;
}

static int cmp_addr(const void *a, const void *b)
{
	const char *x = a, *y = b;
	unsigned xd = 0, xb = 0, xs = 0, xf = 0, yd = 0, yb = 0, ys = 0, yf = 0;

	/* Members are kernel-made names; fall back to text order otherwise. */
	if (gp_pci_parse_address(x, &xd, &xb, &xs, &xf) < 0 ||
	    gp_pci_parse_address(y, &yd, &yb, &ys, &yf) < 0)
		return strcmp(x, y);
	if (xd != yd)
		return xd < yd ? -1 : 1;
	if (xb != yb)
		return xb < yb ? -1 : 1;
	if (xs != ys)
		return xs < ys ? -1 : 1;
	return xf < yf ? -1 : xf > yf;
}

static int read_group(const struct gp_path *p, struct gp_iommu_group *g)
{
	char path[GP_PATH_MAX], num[16];
	struct dirent *de;
	size_t cap = 0;
	DIR *dir;

	snprintf(num, sizeof(num), "%d", g->id);
	if (gp_path_join(path, sizeof(path), "/sys/kernel/iommu_groups/", num, "/devices",
			 (char *)NULL) < 0)
		return -ENAMETOOLONG;
	dir = gp_path_opendir(p, path);
	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.' || strlen(de->d_name) >= GP_PCI_ADDR_LEN)
			continue;
		if (g->n_members == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			void *nm = realloc(g->members, ncap * sizeof(*g->members));

			if (!nm) {
				closedir(dir);
				return -ENOMEM;
			}
			g->members = nm;
			cap = ncap;
		}
		strcpy(g->members[g->n_members++], de->d_name);
	}
	closedir(dir);
	if (g->n_members)
		qsort(g->members, g->n_members, sizeof(*g->members), cmp_addr);
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

static int cmp_group(const void *a, const void *b)
{
	int x = *(const int *)a, y = ((const struct gp_iommu_group *)b)->id;

	return x < y ? -1 : x > y;
}

/* Each group the functions name is read once; members are linked back. */
static int read_groups(const struct gp_path *p, struct gp_inventory *inv)
{
	int *ids;
	size_t n = 0;

	ids = malloc((inv->n_devs ? inv->n_devs : 1) * sizeof(*ids));
	if (!ids)
		return -ENOMEM;
	for (size_t i = 0; i < inv->n_devs; i++)
		if (inv->devs[i].iommu_group >= 0)
			ids[n++] = inv->devs[i].iommu_group;
	if (n)
		qsort(ids, n, sizeof(*ids), cmp_int);
	inv->groups = calloc(n ? n : 1, sizeof(*inv->groups));
	if (!inv->groups) {
		free(ids);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		struct gp_iommu_group *g;
		int r;

		if (inv->n_groups && inv->groups[inv->n_groups - 1].id == ids[i])
			continue;
		g = &inv->groups[inv->n_groups++];
		g->id = ids[i];
		r = read_group(p, g);
		if (r == -ENOMEM) {
			free(ids);
			return r;
		}
		g->err = r;
	}
	free(ids);
	for (size_t i = 0; i < inv->n_devs; i++) {
		struct gp_pci_dev *d = &inv->devs[i];
		struct gp_iommu_group *g;

		if (d->iommu_group < 0)
			continue;
		g = bsearch(&d->iommu_group, inv->groups, inv->n_groups, sizeof(*g), cmp_group);
		if (g && !g->err) {
			d->group = g;
			continue;
		}
		/* The link names a group that is not there: a dangling link. */
		d->iommu_group_err = !g || g->err == -ENOENT ? -ENOLINK : g->err;
		d->iommu_group = -1;
		gp_inv_mark_unknown(d, "iommu_group", d->iommu_group_err);
	}
	return 0;
}

static void lookup_names(struct gp_pci_names *names, struct gp_pci_dev *d)
{
	if (!d->class_err)
		d->class_name = gp_pci_name(names, GP_NAME_CLASS, d->class_code >> 8, 0, 0, 0);
	if (!d->vendor_err)
		d->vendor_name = gp_pci_name(names, GP_NAME_VENDOR, d->vendor, 0, 0, 0);
	if (!d->vendor_err && !d->device_err)
		d->device_name = gp_pci_name(names, GP_NAME_DEVICE, d->vendor, d->device, 0, 0);
	if (!d->subsys_err)
		d->subsys_vendor_name = gp_pci_name(names, GP_NAME_SUBSYS_VENDOR,
						    d->subsys_vendor, 0, 0, 0);
	if (!d->vendor_err && !d->device_err && !d->subsys_err)
		d->subsys_name = gp_pci_name(names, GP_NAME_SUBSYS_DEVICE, d->vendor, d->device,
					     d->subsys_vendor, d->subsys_device);
}


int gp_inv_copy_names(char **src, size_t n, char ***out)
{
	char **dst;

	*out = NULL;
	if (!n)
		return 0;
	dst = calloc(n, sizeof(*dst));
	if (!dst)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		dst[i] = strdup(src[i]);
		if (!dst[i]) {
			for (size_t j = 0; j < i; j++)
				free(dst[j]);
			free(dst);
			return -ENOMEM;
		}
	}
	*out = dst;
	return 0;
}

void gp_inv_free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int gp_inv_read_devices(const struct gp_path *p, struct gp_inventory *inv)
{
	struct driver_cache drivers = { .n = 0 };
	int r;

	r = list_devices(p, inv);
	if (r < 0)
		return r;
	for (size_t i = 0; i < inv->n_devs; i++)
		read_device(p, &drivers, &inv->devs[i]);
	return read_groups(p, inv);
}

int gp_inv_lookup_names(const struct gp_path *p, struct gp_inventory *inv)
{
	struct gp_pci_names *names = NULL;
	int r;

	r = gp_pci_names_open(p, &names);
	if (r == -ENOMEM)
		return r;
	if (names) {
		inv->names_available = gp_pci_names_available(names);
		for (size_t i = 0; inv->names_available && i < inv->n_devs; i++)
			lookup_names(names, &inv->devs[i]);
		gp_pci_names_close(names);
	}
	return 0;
}

void gp_inventory_free(struct gp_inventory *inv)
{
	if (!inv)
		return;
	for (size_t i = 0; i < inv->n_devs; i++) {
		struct gp_pci_dev *d = &inv->devs[i];

		free(d->class_name);
		free(d->vendor_name);
		free(d->device_name);
		free(d->subsys_vendor_name);
		free(d->subsys_name);
		free(d->modalias);
		gp_inv_free_names(d->modules, d->n_modules);
	}
	for (size_t i = 0; i < inv->n_gpus; i++) {
		free(inv->gpus[i].slot_functions);
		gp_inv_free_names(inv->gpus[i].connected_outputs, inv->gpus[i].n_connected_outputs);
	}
	free(inv->gpus);
	for (size_t i = 0; i < inv->n_groups; i++)
		free(inv->groups[i].members);
	for (size_t i = 0; i < inv->n_gpu_models; i++)
		free(inv->gpu_models[i].devs);
	free(inv->gpu_models);
	free(inv->groups);
	free(inv->devs);
	free(inv);
}

long gp_inventory_find(const struct gp_inventory *inv, const char *address)
{
	struct gp_pci_dev key;
	const struct gp_pci_dev *d;

	memset(&key, 0, sizeof(key));
	if (gp_pci_parse_address(address, &key.domain, &key.bus, &key.slot, &key.func) < 0)
		return -1;
	d = bsearch(&key, inv->devs, inv->n_devs, sizeof(*d), cmp_dev);
	return d ? (long)(d - inv->devs) : -1;
}

int gp_pci_is_gpu(uint32_t class_code)
{
	return (class_code >> 16) == 0x03;
}
