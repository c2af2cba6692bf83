/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Who has a card's device nodes open: see holders.h.  Only readlink and
 * small reads: nothing is opened through a process's descriptors.
 */
#include "holders.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

/* Display servers by their comm (15 characters at most, as the kernel keeps it). */
static const char *const display_servers[] = {
	"Xorg", "X", "Xwayland", "gnome-shell", "kwin_wayland", "kwin_x11", "sway",
	"weston", "mutter", "Hyprland", "labwc", "wayfire", "cosmic-comp", "gamescope",
};

/* @dir (a directory of nodes, with its '/') and @name joined, into @nodes. */
static int add_node(struct gp_strset *nodes, const char *dir, const char *name)
{
	char buf[128];

	if (gp_path_join(buf, sizeof(buf), dir, name, (char *)NULL) < 0)
		return 0;       /* no node has such a name */
	return gp_strset_add(nodes, buf);
}

int gp_holders_nodes(const struct gp_path *p, const struct gp_pci_dev *d, const char *driver,
		     struct gp_strset *nodes)
{
	char dir[128], grp[16];
	struct dirent *e;
	DIR *dp;
	int fd, r = 0;

	snprintf(dir, sizeof(dir), "/sys/bus/pci/devices/%s/drm", d->address);
	fd = gp_path_open(p, dir, O_RDONLY | O_DIRECTORY, 0);
	dp = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dp && fd >= 0)
		close(fd);
	while (dp && r == 0 && (e = readdir(dp)))
		if (strncmp(e->d_name, "card", 4) == 0 || strncmp(e->d_name, "renderD", 7) == 0)
			r = add_node(nodes, "/dev/dri/", e->d_name);
	if (dp)
		closedir(dp);
	if (r == 0 && strcmp(driver, "nvidia") == 0)
		r = gp_strset_add(nodes, "/dev/nvidia*");
	if (r == 0 && strcmp(driver, "vfio-pci") == 0 && d->iommu_group >= 0) {
		snprintf(grp, sizeof(grp), "%d", d->iommu_group);
		r = add_node(nodes, "/dev/vfio/", grp);
	}
	return r < 0 ? -ENOMEM : 0;
}

static int node_matches(const struct gp_strset *nodes, const char *target)
{
	size_t i, n;

	for (i = 0; i < nodes->n; i++) {
		n = strlen(nodes->v[i]);
		if (n && nodes->v[i][n - 1] == '*') {
			if (strncmp(target, nodes->v[i], n - 1) == 0)
				return 1;
		} else if (strcmp(target, nodes->v[i]) == 0) {
			return 1;
		}
	}
	return 0;
}

static enum gp_holder_kind kind_of(const char *comm, const char *node)
{
	size_t i;

	if (strncmp(node, "/dev/vfio/", 10) == 0)
		return GP_HOLDER_VM;
	for (i = 0; i < sizeof(display_servers) / sizeof(display_servers[0]); i++)
		if (strcmp(comm, display_servers[i]) == 0)
			return GP_HOLDER_DISPLAY;
	return GP_HOLDER_PROCESS;
}

static int add_holder(struct gp_holders *out, pid_t pid, const char *comm, const char *node,
		      enum gp_holder_kind kind)
{
	struct gp_holder *h;

	if (GP_ARRAY_GROW(out->v, out->alloc, out->n + 1) < 0)
		return -ENOMEM;
	h = &out->v[out->n++];
	memset(h, 0, sizeof(*h));
	h->pid = pid;
	h->kind = kind;
	snprintf(h->comm, sizeof(h->comm), "%s", comm);
	snprintf(h->node, sizeof(h->node), "%s", node);
	return 0;
}

/* The first of @nodes process @pdir (an fd of /proc/PID) has open, into @node. */
static int open_node(int pdir, const struct gp_strset *nodes, char *node, size_t size)
{
	char target[256];
	struct dirent *e;
	int fd, found = 0;
	DIR *dp;

	fd = gp_path_open_at(pdir, "fd", O_RDONLY | O_DIRECTORY);
	dp = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dp) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	while (!found && (e = readdir(dp))) {
		ssize_t n = readlinkat(dirfd(dp), e->d_name, target, sizeof(target) - 1);

		if (n <= 0)
			continue;
		target[n] = '\0';
		if (node_matches(nodes, target) && strlen(target) < size) {
			memcpy(node, target, strlen(target) + 1);
			found = 1;
		}
	}
	closedir(dp);
	return found;
}

/* /proc/PID/comm of @pdir into @comm ("?" when unreadable). */
static void read_comm(int pdir, char comm[32])
{
	int n = gp_path_read_at(pdir, "comm", comm, 32);

	if (n <= 0)
		snprintf(comm, 32, "?");
	comm[strcspn(comm, "\n")] = '\0';
}

/* Look at one /proc entry; its name is read only for a holder (or, @nvidia, a candidate). */
static int one_process(int proc, const char *name, const struct gp_strset *nodes, int nvidia,
		       struct gp_holders *out)
{
	char comm[32], node[128];
	const char *c;
	int pdir, r = 0, found;

	for (c = name; *c; c++)
		if (*c < '0' || *c > '9')
			return 0;
	pdir = gp_path_open_at(proc, name, O_RDONLY | O_DIRECTORY);
	if (pdir < 0)
		return 0;
	found = open_node(pdir, nodes, node, sizeof(node));
	if (found || nvidia)
		read_comm(pdir, comm);
	if (found)
		r = add_holder(out, (pid_t)atol(name), comm, node, kind_of(comm, node));
	else if (nvidia && strncmp(comm, "nvidia-persist", 14) == 0)
		r = add_holder(out, (pid_t)atol(name), comm, "", GP_HOLDER_PERSISTENCED);
	close(pdir);
	return r;
}

int gp_holders_find(const struct gp_path *p, const struct gp_strset *nodes, int nvidia,
		    struct gp_holders *out)
{
	struct dirent *e;
	DIR *dp;
	int fd, r = 0;

	fd = gp_path_open(p, "/proc", O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return fd;
	dp = fdopendir(fd);
	if (!dp) {
		r = -errno;
		close(fd);
		return r;
	}
	while (r == 0 && (e = readdir(dp)))
		r = one_process(dirfd(dp), e->d_name, nodes, nvidia, out);
	closedir(dp);
	return r;
}

void gp_holders_free(struct gp_holders *h)
{
	free(h->v);
	memset(h, 0, sizeof(*h));
}
