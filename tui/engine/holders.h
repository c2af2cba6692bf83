/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * holders — who uses a card: the processes with one of its device nodes
 * open.  Taking a card from its driver while a desktop, CUDA program,
 * nvidia-persistenced or a VM still has it open hangs the unbind (the
 * driver waits for the last close) or pulls the card from under them, so
 * runtime binding names them and refuses before touching sysfs.
 */
#ifndef GP_HOLDERS_H
#define GP_HOLDERS_H

#include <stddef.h>
#include <sys/types.h>

#include "gp_path.h"
#include "inventory.h"
#include "strset.h"

/** What kind of user a holder is, for the words and the fix. */
enum gp_holder_kind {
	GP_HOLDER_PROCESS = 0,     /* any process */
	GP_HOLDER_DISPLAY,         /* a display server (Xorg, a Wayland compositor) */
	GP_HOLDER_PERSISTENCED,    /* nvidia-persistenced */
	GP_HOLDER_VM,              /* a process with the group's /dev/vfio/N open */
};

/** One process using a card. */
struct gp_holder {
	pid_t pid;
	char comm[32];             /* /proc/PID/comm, "?" when unreadable */
	char node[128];            /* the device node it has open */
	enum gp_holder_kind kind;
};

/** The processes found, in /proc order; grown by the engine. */
struct gp_holders {
	struct gp_holder *v;
	size_t n, alloc;
};

/**
 * gp_holders_nodes - the device nodes through which processes use function
 * @d as its driver is now (@driver, "" for none), added to @nodes: its DRM
 * nodes (/dev/dri/cardN, /dev/dri/renderDN from sysfs); on nvidia every
 * /dev/nvidia* node (written "/dev/nvidia*": the control nodes serve every
 * NVIDIA card); on vfio-pci its group's /dev/vfio/N.  0 or -ENOMEM.
 */
int gp_holders_nodes(const struct gp_path *p, const struct gp_pci_dev *d, const char *driver,
		     struct gp_strset *nodes);

/**
 * gp_holders_find - every process of root @p's /proc with one of @nodes
 * open (a node ending in '*' matches by prefix), each process once, into
 * @out; with @nvidia also nvidia-persistenced, which keeps the driver busy
 * with no node of this card open.  A process that vanishes or whose fds
 * cannot be read is skipped.  0, -ENOMEM, or -errno opening /proc.
 */
int gp_holders_find(const struct gp_path *p, const struct gp_strset *nodes, int nvidia,
		    struct gp_holders *out);

/** gp_holders_free - release @h's list; @h is empty after. */
void gp_holders_free(struct gp_holders *h);

#endif
