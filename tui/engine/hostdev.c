/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "hostdev.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind_conf.h"
#include "gp_path_stdio.h"
#include "mountinfo.h"

/* Stacked block devices deeper than this are not followed (a loop guard). */
#define SLAVE_DEPTH 4

int gp_default_route_nic(const struct gp_path *p, char *ifname, size_t ifsize,
			 char addr[GP_PCI_ADDR_LEN])
{
	char best[64] = "", path[GP_PATH_MAX], dev[GP_PCI_ADDR_LEN + 8], norm[BIND_CONF_ADDR_SIZE];
	unsigned long best_metric = (unsigned long)-1;
	char *line = NULL;
	size_t cap = 0;
	FILE *f;
	int first = 1;

	if (ifsize)
		ifname[0] = '\0';
	addr[0] = '\0';
	if (gp_path_fopen_read(p, "/proc/net/route", &f) < 0)
		return 0;
	while (getline(&line, &cap, f) > 0) {
		char iface[64], dest[16], mask[16];
		unsigned long flags, metric;

		if (first) {   /* the header */
			first = 0;
			continue;
		}
		/* Iface Destination Gateway Flags RefCnt Use Metric Mask ... */
		if (sscanf(line, "%63s %15s %*s %lx %*s %*s %lu %15s", iface, dest, &flags, &metric,
			   mask) != 5)
			continue;
		if (strcmp(dest, "00000000") != 0 || strcmp(mask, "00000000") != 0 ||
		    !(flags & 1))   /* RTF_UP */
			continue;
		if (metric < best_metric) {
			best_metric = metric;
			snprintf(best, sizeof(best), "%s", iface);
		}
	}
	free(line);
	fclose(f);
	if (!best[0] || strchr(best, '/') || strcmp(best, ".") == 0 || strcmp(best, "..") == 0)
		return 0;
	if (ifsize)
		snprintf(ifname, ifsize, "%s", best);
	if (gp_path_join(path, sizeof(path), "/sys/class/net/", best, "/device", (char *)NULL) < 0)
		return 0;
	if (gp_path_link_name(p, path, dev, sizeof(dev)) < 0)
		return 0;
	if (bind_conf_parse_address(dev, strlen(dev), norm) < 0 || strlen(norm) >= GP_PCI_ADDR_LEN)
		return 0;
	memcpy(addr, norm, strlen(norm) + 1);
	return 1;
}

static void add_addr(char addrs[GP_HOSTDEV_MAX][GP_PCI_ADDR_LEN], size_t *n, const char *a)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(addrs[i], a) == 0)
			return;
	if (*n < GP_HOSTDEV_MAX)
		memcpy(addrs[(*n)++], a, strlen(a) + 1);
}

/* The deepest PCI address among the components of a sysfs link target. */
static int last_pci_component(const char *target, char out[GP_PCI_ADDR_LEN])
{
	char norm[BIND_CONF_ADDR_SIZE];
	const char *s = target;
	int found = 0;

	while (*s) {
		size_t n = strcspn(s, "/");

		if (n && bind_conf_parse_address(s, n, norm) == 0 &&
		    strlen(norm) < GP_PCI_ADDR_LEN) {
			memcpy(out, norm, strlen(norm) + 1);
			found = 1;
		}
		s += n;
		if (*s == '/')
			s++;
	}
	return found;
}

/* @dir: a block device's sysfs directory ("/sys/dev/block/259:2"). */
static void block_pci(const struct gp_path *p, const char *dir, int depth,
		      char addrs[GP_HOSTDEV_MAX][GP_PCI_ADDR_LEN], size_t *n)
{
	char target[GP_PATH_MAX], sub[GP_PATH_MAX], addr[GP_PCI_ADDR_LEN];
	struct dirent *de;
	DIR *d;

	if (gp_path_readlink(p, dir, target, sizeof(target)) >= 0 &&
	    last_pci_component(target, addr))
		add_addr(addrs, n, addr);
	if (depth >= SLAVE_DEPTH ||
	    gp_path_join(sub, sizeof(sub), dir, "/slaves", (char *)NULL) < 0)
		return;
	d = gp_path_opendir(p, sub);
	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		char next[GP_PATH_MAX];

		if (de->d_name[0] == '.')
			continue;
		if (gp_path_join(next, sizeof(next), "/sys/class/block/", de->d_name,
				 (char *)NULL) < 0)
			continue;
		block_pci(p, next, depth + 1, addrs, n);
	}
	closedir(d);
}

size_t gp_mount_pci(const struct gp_path *p, const char *dir,
		    char addrs[GP_HOSTDEV_MAX][GP_PCI_ADDR_LEN])
{
	struct gp_mount *m;
	char path[64];
	size_t n = 0;

	m = malloc(sizeof(*m));
	if (!m)
		return 0;
	if (gp_mountinfo_find(p, dir, 0, m) == 0 && m->major != 0) {
		snprintf(path, sizeof(path), "/sys/dev/block/%u:%u", m->major, m->minor);
		block_pci(p, path, 0, addrs, &n);
	}
	free(m);
	return n;
}

int gp_pci_is_bridge(const struct gp_pci_dev *d)
{
	return !d->class_err && (d->class_code >> 8) == 0x0604;
}

int gp_pci_is_storage(const struct gp_pci_dev *d)
{
	return !d->class_err && (d->class_code >> 16) == 0x01;
}
