/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "pci_names.h"

#include <errno.h>
#include <fcntl.h>
#include <pci/pci.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct gp_pci_names {
	struct pci_access *acc;
	char ids[GP_PATH_MAX];      /* the root's pci.ids, named for libpci */
	int ids_fd;                 /* it, opened inside the root, or -1 */
	char sysfs[GP_PATH_MAX];    /* the root's /sys/bus/pci */
	int loaded;                 /* 0 not tried, 1 loaded, -1 failed */
	int hwdb;                   /* udev's hwdb may be asked (the live system) */
	int hwdb_present;           /* and its hwdb.bin is there */
};

/*
 * libpci reports fatal errors through acc->error, whose default prints
 * and terminates the process; the engine must do neither.  Every libpci
 * call is made under a trap: our handler jumps back and the call counts
 * as failed.  The trap is per thread: the handler gets no context pointer.
 */
static _Thread_local sigjmp_buf *trap;

/* PCI_NONRET, not _Noreturn: clang takes only the attribute as part of the type. */
static PCI_NONRET void PCI_PRINTF(1, 2) on_error(char *msg, ...)
{
	(void)msg;
	if (trap)
		siglongjmp(*trap, 1);
	/* Not reachable: every libpci call below sets the trap first. */
	abort();
}

static void PCI_PRINTF(1, 2) on_warning(char *msg, ...)
{
	(void)msg;
}

int gp_pci_names_hwdb_allowed(const struct gp_path *p)
{
	return gp_path_is_host(p);
}

/* Where libudev looks for the compiled hwdb. */
static int hwdb_present(const struct gp_path *p)
{
	static const char *const bin[] = {
		"/etc/udev/hwdb.bin", "/usr/lib/udev/hwdb.bin", "/lib/udev/hwdb.bin",
	};

	for (size_t i = 0; i < sizeof(bin) / sizeof(bin[0]); i++)
		if (gp_path_exists(p, bin[i]) > 0)
			return 1;
	return 0;
}

static void close_ids(struct gp_pci_names *n)
{
	if (n->ids_fd >= 0)
		close(n->ids_fd);
	n->ids_fd = -1;
}

/* Does @name reach the file open as @fd? */
static int names_file(int fd, const char *name)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(name, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

/*
 * Name the root's pci.ids for libpci, which takes a string and would let
 * the host resolve it: ROOT/usr/share/misc/pci.ids, a link to /usr/share/...
 * there, would be the host's file.  So the file is opened inside the root
 * (links resolved there) and libpci is given that open file by its
 * /proc/self/fd name.  0, or -errno: no names file to read.
 */
static int name_ids(const struct gp_path *p, struct gp_pci_names *n)
{
	const char *ids = "/usr/share/misc/pci.ids";
	int fd;

	if (gp_path_is_host(p))
		return gp_path_abs(p, ids, n->ids, sizeof(n->ids)) < 0 ? -ENAMETOOLONG : 0;
	fd = gp_path_open(p, ids, O_RDONLY, 0);
	if (fd < 0)
		return fd;
	n->ids_fd = fd;
	snprintf(n->ids, sizeof(n->ids), "/proc/self/fd/%d", fd);
	if (names_file(fd, n->ids))
		return 0;
	/* No /proc (a bare chroot): the host's name will do if it is the same file. */
	if (gp_path_abs(p, ids, n->ids, sizeof(n->ids)) >= 0 && names_file(fd, n->ids))
		return 0;
	n->ids[0] = '\0';
	close_ids(n);
	return -EXDEV;
}

int gp_pci_names_open(const struct gp_path *p, struct gp_pci_names **out)
{
	struct gp_pci_names *n;
	sigjmp_buf jb;

	*out = NULL;
	n = calloc(1, sizeof(*n));
	if (!n)
		return -ENOMEM;
	n->ids_fd = -1;
	if (gp_path_abs(p, "/sys/bus/pci", n->sysfs, sizeof(n->sysfs)) < 0) {
		free(n);
		return -ENAMETOOLONG;
	}
	/* No file to read: no names from it (libpci is never handed a host name). */
	if (name_ids(p, n) < 0)
		n->loaded = -1;
	n->acc = pci_alloc();
	if (!n->acc) {
		close_ids(n);
		free(n);
		return -ENOMEM;
	}
	n->acc->error = on_error;
	n->acc->warning = on_warning;
	n->acc->debug = on_warning;
	n->acc->method = PCI_ACCESS_SYS_BUS_PCI;
	/* The root's file, and the live system's hwdb; never DNS or a per-user cache. */
	n->hwdb = gp_pci_names_hwdb_allowed(p);
	n->hwdb_present = n->hwdb && hwdb_present(p);
	n->acc->id_lookup_mode = n->hwdb ? 0 : PCI_LOOKUP_NO_HWDB;
	if (sigsetjmp(jb, 0)) {
		trap = NULL;
		pci_cleanup(n->acc);
		close_ids(n);
		free(n);
		return -EIO;
	}
	trap = &jb;
	pci_set_param(n->acc, "sysfs.path", n->sysfs);
	pci_set_param(n->acc, "net.domain", "");
	/* "": libpci's default is the host's pci.ids, and nothing is to be read. */
	pci_set_name_list_path(n->acc, n->ids, 0);
	pci_init(n->acc);
	trap = NULL;
	*out = n;
	return 0;
}

void gp_pci_names_close(struct gp_pci_names *n)
{
	sigjmp_buf jb;

	if (!n)
		return;
	if (sigsetjmp(jb, 0) == 0) {
		trap = &jb;
		pci_cleanup(n->acc);
	}
	trap = NULL;
	close_ids(n);
	free(n);
}

int gp_pci_names_available(struct gp_pci_names *n)
{
	sigjmp_buf jb;

	if (n->loaded)
		return n->loaded > 0 || n->hwdb_present;
	if (sigsetjmp(jb, 0)) {
		trap = NULL;
		n->loaded = -1;
		close_ids(n);
		return n->hwdb_present;
	}
	trap = &jb;
	n->loaded = pci_load_name_list(n->acc) ? 1 : -1;
	trap = NULL;
	close_ids(n);   /* read whole, or not at all */
	return n->loaded > 0 || n->hwdb_present;
}

char *gp_pci_name(struct gp_pci_names *n, enum gp_pci_name_kind kind,
		  unsigned a, unsigned b, unsigned c, unsigned d)
{
	const int flags = PCI_LOOKUP_NO_NUMBERS | (n->hwdb ? 0 : PCI_LOOKUP_NO_HWDB);
	char buf[256];
	char *volatile r = NULL;
	sigjmp_buf jb;

	if (!gp_pci_names_available(n))
		return NULL;
	if (sigsetjmp(jb, 0)) {
		trap = NULL;
		return NULL;
	}
	trap = &jb;
	switch (kind) {
	case GP_NAME_VENDOR:
		r = pci_lookup_name(n->acc, buf, sizeof(buf), flags | PCI_LOOKUP_VENDOR, a);
		break;
	case GP_NAME_DEVICE:
		r = pci_lookup_name(n->acc, buf, sizeof(buf), flags | PCI_LOOKUP_DEVICE, a, b);
		break;
	case GP_NAME_SUBSYS_VENDOR:
		r = pci_lookup_name(n->acc, buf, sizeof(buf),
				    flags | PCI_LOOKUP_SUBSYSTEM | PCI_LOOKUP_VENDOR, a);
		break;
	case GP_NAME_SUBSYS_DEVICE:
		r = pci_lookup_name(n->acc, buf, sizeof(buf),
				    flags | PCI_LOOKUP_SUBSYSTEM | PCI_LOOKUP_DEVICE, a, b, c, d);
		break;
	case GP_NAME_CLASS:
		r = pci_lookup_name(n->acc, buf, sizeof(buf), flags | PCI_LOOKUP_CLASS, a);
		break;
	}
	trap = NULL;
	return r ? strdup(r) : NULL;
}
