/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gpupt-bind — hand the PCI functions named in /etc/gpupt/bind.conf to
 * vfio-pci at boot, by bus address, before udev loads their usual drivers.
 *
 * It runs from the initramfs (init-top), so it is static, tiny and never
 * stops the boot: whatever it meets it logs and exits 0.  A device is only
 * touched when it is exactly the one configured (vendor:device, and
 * subsystem and class when given) and has an IOMMU group.  A device
 * vfio-pci does not end up owning is given back (driver_override cleared,
 * reprobed), so the host keeps its driver.  See gpupt-bind(8) for the file
 * formats and log lines.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "bind_cmdline.h"
#include "bind_conf.h"
#include "bind_log.h"
#include "bind_status.h"
#include "bind_modprobe.h"
#include "gp_path.h"
#include "gp_paths.h"

#define CONF_PATH GP_BIND_CONF_PATH
#define VFIO "vfio-pci"
/* Far beyond any real config (one entry is about 60 bytes). */
#define CONF_MAX (64 * 1024)
#define DEV_PATH_MAX 96

/*
 * Entries are handled in two passes: first every device gets its
 * driver_override and loses its driver, then vfio-pci is loaded once and
 * each is probed.  Loading vfio-pci binds every waiting device at once, and
 * the functions of one slot are all free before any is probed.
 */
#define PENDING_MAX 32
/* A driver name: a module name is at most 55 characters. */
#define DRIVER_MAX 64
/* The shortest entry, "0000:00:00.0 0:0\n", is 17 bytes: room for all. */
#define SEEN_MAX (CONF_MAX / 17 + 1)

/* An entry waiting for the probe, with the driver it was taken from. */
struct pending {
	struct bind_conf_entry e;
	char from[DRIVER_MAX];
};

/* An address already handled, so a second line for it is only reported. */
struct seen {
	char address[BIND_CONF_ADDR_SIZE];
	unsigned int line;
};

struct run {
	const struct gp_path *p;
	int dry_run;
	unsigned int count[3]; /* by enum outcome */
	unsigned int invalid, duplicate;
	unsigned int npending, nseen;
	struct pending pending[PENDING_MAX];
	struct seen seen[SEEN_MAX];
};

/* The status file's outcomes, so one value indexes both. */
enum outcome { BOUND = GP_BIND_BOUND, SKIPPED = GP_BIND_SKIPPED, FAILED = GP_BIND_FAILED };

static char conf[CONF_MAX];

static void out(int fd, const char *s)
{
	(void)!write(fd, s, strlen(s));
}

/*
 * The report of a device the binder acted on: the log line "ADDRESS ID
 * FROM -> vfio-pci<text>", FROM the driver it was taken from ("none"),
 * with "; gave back to BACK" when @back is set, and the status line
 * "ADDRESS ID OUTCOME CODE from=FROM [back=BACK]".  The text is made of
 * @a..@c.  @back comes last in both lists: when it is NULL it ends them.
 */
static void report(struct run *r, const struct bind_conf_entry *e, enum outcome o,
		   const char *code, const char *from, const char *back, const char *a,
		   const char *b, const char *c)
{
	char id[10];
	int already = strcmp(from, VFIO) == 0;

	r->count[o]++;
	bind_fmt_id(id, e->vendor, e->device);
	bind_log(o == BOUND ? BIND_LOG_INFO : BIND_LOG_WARN, e->address, " ", id, " ",
		 already ? "already bound to " VFIO : from, already ? "" : " -> " VFIO, a, b, c,
		 back ? "; gave back to " : "", back, (char *)NULL);
	bind_status(e->address, " ", id, " ",
		    gp_bind_status_outcome_word((enum gp_bind_status_outcome)o), " ", code,
		    " from=", from, back ? " back=" : "", back, (char *)NULL);
}

/*
 * A skip, the device left as it is: the log line "ADDRESS <text>" (made
 * of @a..@d) and the status line "ADDRESS ID skipped CODE".
 */
static void skip(struct run *r, const struct bind_conf_entry *e, const char *code,
		 const char *a, const char *b, const char *c, const char *d)
{
	char id[10];

	r->count[SKIPPED]++;
	bind_log(BIND_LOG_WARN, e->address, " ", a, b, c, d, (char *)NULL);
	bind_status(e->address, " ", bind_fmt_id(id, e->vendor, e->device), " skipped ", code,
		    (char *)NULL);
}

/* Attribute @attr of device directory @dev, a hex number such as "0x10de". */
static int read_hex(const struct gp_path *p, const char *dev, const char *attr, uint32_t *val)
{
	char path[DEV_PATH_MAX + 32];
	unsigned long v;
	int r;

	if (gp_path_join(path, sizeof(path), dev, "/", attr, (char *)NULL) < 0)
		return -ENAMETOOLONG;
	r = gp_path_read_hex(p, path, &v);
	if (r < 0)
		return r;
	if (v > 0xffffffffUL)
		return -ERANGE;
	*val = (uint32_t)v;
	return 0;
}

/* Two attributes as "vvvv:dddd" into @got; 0 or -errno. */
static int read_pair(const struct gp_path *p, const char *dev, const char *a1,
		     const char *a2, char got[10])
{
	uint32_t a, b;

	if (read_hex(p, dev, a1, &a) < 0 || read_hex(p, dev, a2, &b) < 0)
		return -EIO;
	bind_fmt_id(got, a, b);
	return 0;
}

/* Is @dev the configured device?  Returns 1, or 0 after reporting the skip. */
static int identity_ok(struct run *r, const struct bind_conf_entry *e, const char *dev)
{
	char want[10], got[10];
	uint32_t cls;

	bind_fmt_id(want, e->vendor, e->device);
	if (read_pair(r->p, dev, "vendor", "device", got) < 0)
		goto unreadable;
	if (strcmp(want, got) != 0) {
		skip(r, e, "identity", "skipped: expected ", want, ", found ", got);
		return 0;
	}
	if (e->have & BIND_CONF_HAVE_SUBSYSTEM) {
		bind_fmt_id(want, e->subsystem_vendor, e->subsystem_device);
		if (read_pair(r->p, dev, "subsystem_vendor", "subsystem_device", got) < 0)
			goto unreadable;
		if (strcmp(want, got) != 0) {
			skip(r, e, "subsystem", "skipped: expected subsystem ", want, ", found ",
			     got);
			return 0;
		}
	}
	if (e->have & BIND_CONF_HAVE_CLASS) {
		char cw[9], cg[9];

		if (read_hex(r->p, dev, "class", &cls) < 0)
			goto unreadable;
		if (cls != e->class_code) {
			skip(r, e, "class", "skipped: expected class ",
			     bind_fmt_class(cw, e->class_code), ", found ", bind_fmt_class(cg, cls));
			return 0;
		}
	}
	return 1;
unreadable:
	skip(r, e, "unreadable", "skipped: cannot read its IDs", "", "", "");
	return 0;
}

/* The name of the driver @dev is bound to, or "" for none. */
static void driver_of(const struct gp_path *p, const char *dev, char *buf, size_t size)
{
	char path[DEV_PATH_MAX + 32];

	(void)gp_path_join(path, sizeof(path), dev, "/driver", (char *)NULL);
	if (gp_path_link_name(p, path, buf, size) < 0)
		buf[0] = '\0';
}

/* @dev's directory below /sys/bus/pci/devices; the address is at most 16 characters. */
static void dev_dir(char dev[DEV_PATH_MAX], const char *address)
{
	(void)gp_path_join(dev, DEV_PATH_MAX, "/sys/bus/pci/devices/", address, (char *)NULL);
}

/*
 * Undo the reservation for vfio-pci: clear driver_override and, when no
 * driver holds the device, reprobe it, so the driver it had (or the one
 * udev loads later) takes it again.  @drv receives the driver holding it
 * now.  Returns the back= word: the driver, "none", or "?" when the
 * override cannot be cleared (the device then stays without a driver).
 */
static const char *give_back(struct run *r, const char *address, char *drv, size_t size)
{
	char dev[DEV_PATH_MAX], path[DEV_PATH_MAX + 32], ebuf[16];
	int err;

	dev_dir(dev, address);
	(void)gp_path_join(path, sizeof(path), dev, "/driver_override", (char *)NULL);
	err = gp_path_write(r->p, path, "\n");
	if (err < 0) {
		bind_log(BIND_LOG_WARN, address, " give-back: cannot clear driver_override: ",
			 bind_strerror(err, ebuf), (char *)NULL);
		return "?";
	}
	driver_of(r->p, dev, drv, size);
	if (!drv[0]) {
		/* A failed probe shows in what holds the device: back=none. */
		(void)gp_path_write(r->p, "/sys/bus/pci/drivers_probe", address);
		driver_of(r->p, dev, drv, size);
	}
	return drv[0] ? drv : "none";
}

/*
 * Probe one waiting device when @vfio (vfio-pci is registered) and report
 * what took it.  Without vfio-pci a probe cannot bind anything: the device
 * is given back at once.
 */
static void probe_one(struct run *r, const struct pending *w, int vfio)
{
	const struct bind_conf_entry *e = &w->e;
	char dev[DEV_PATH_MAX], now[DRIVER_MAX], back[DRIVER_MAX], ebuf[16];
	const char *code = "no-vfio", *why = " failed: vfio-pci is not loaded";
	const char *drv = "", *tail = "";
	int err;

	if (vfio) {
		err = gp_path_write(r->p, "/sys/bus/pci/drivers_probe", e->address);
		if (err < 0)
			bind_log(BIND_LOG_WARN, e->address, " probe: ", bind_strerror(err, ebuf),
				 (char *)NULL);
		/* Only the driver link tells whether the probe took. */
		dev_dir(dev, e->address);
		driver_of(r->p, dev, now, sizeof(now));
		if (strcmp(now, VFIO) == 0) {
			report(r, e, BOUND, "new", w->from, NULL, "", "", "");
			return;
		}
		/* Another driver won (it keeps the device), or none took it. */
		code = now[0] ? "other-driver" : "verify";
		why = " failed: after probe the driver is ";
		drv = now[0] ? now : "none";
		tail = ", not vfio-pci";
	}
	report(r, e, FAILED, code, w->from, give_back(r, e->address, back, sizeof(back)), why,
	       drv, tail);
}

/* Second pass: load vfio-pci, probe the waiting devices, check each. */
static void probe_pending(struct run *r)
{
	unsigned int i;
	int vfio;

	vfio = r->npending ? bind_vfio_ensure(r->p) : 0;
	for (i = 0; i < r->npending; i++)
		probe_one(r, &r->pending[i], vfio);
	r->npending = 0;
}

/* Has the address of @e been handled already?  Reports the repeat; 1 if so. */
static int duplicate(struct run *r, const struct bind_conf_entry *e)
{
	char num[2][12];
	unsigned int i;

	for (i = 0; i < r->nseen; i++) {
		if (strcmp(r->seen[i].address, e->address) != 0)
			continue;
		r->duplicate++;
		bind_fmt_uint(num[0], e->line);
		bind_fmt_uint(num[1], r->seen[i].line);
		bind_log(BIND_LOG_WARN, CONF_PATH " line ", num[0], " ignored: ", e->address,
			 " is listed again (first on line ", num[1], ")", (char *)NULL);
		bind_status("line ", num[0], " duplicate ", e->address, " first=", num[1],
			    (char *)NULL);
		return 1;
	}
	if (r->nseen < SEEN_MAX) {
		memcpy(r->seen[r->nseen].address, e->address, sizeof(e->address));
		r->seen[r->nseen++].line = e->line;
	}
	return 0;
}

/*
 * First pass, one entry: check it is the configured device, reserve it
 * for vfio-pci (driver_override) and free it from its driver.
 */
static int on_entry(void *ctx, const struct bind_conf_entry *e)
{
	struct run *r = ctx;
	char dev[DEV_PATH_MAX], path[DEV_PATH_MAX + 32];
	char drv[DRIVER_MAX], ebuf[16];
	struct pending *w;
	int err;

	if (duplicate(r, e))
		return 0;
	dev_dir(dev, e->address);
	if (gp_path_exists(r->p, dev) <= 0) {
		skip(r, e, "missing", "skipped: no such device", "", "", "");
		return 0;
	}
	if (!identity_ok(r, e, dev))
		return 0;
	(void)gp_path_join(path, sizeof(path), dev, "/iommu_group", (char *)NULL);
	if (gp_path_exists(r->p, path) <= 0) {
		/* vfio-pci refuses a device the IOMMU does not isolate. */
		skip(r, e, "no-iommu-group", "skipped: no IOMMU group: IOMMU off?", "", "", "");
		return 0;
	}
	driver_of(r->p, dev, drv, sizeof(drv));
	if (!drv[0])
		memcpy(drv, "none", 5);

	if (r->dry_run) {
		report(r, e, BOUND, "dry-run", drv, NULL, " (dry run)", "", "");
		return 0;
	}
	/* Also keeps the device with vfio-pci on any later reprobe. */
	(void)gp_path_join(path, sizeof(path), dev, "/driver_override", (char *)NULL);
	err = gp_path_write(r->p, path, VFIO);
	if (err < 0) {
		report(r, e, FAILED, "override", drv, NULL,
		       " failed: cannot write driver_override: ", bind_strerror(err, ebuf), "");
		return 0;
	}
	if (strcmp(drv, VFIO) == 0) {
		report(r, e, BOUND, "already", drv, NULL, "", "", "");
		return 0;
	}
	if (strcmp(drv, "none") != 0) {
		(void)gp_path_join(path, sizeof(path), dev, "/driver/unbind", (char *)NULL);
		err = gp_path_write(r->p, path, e->address);
		if (err < 0) {
			/* It stays with its driver: leave it as it was. */
			char back[DRIVER_MAX];

			report(r, e, FAILED, "unbind", drv,
			       give_back(r, e->address, back, sizeof(back)),
			       " failed: cannot unbind it from ", drv, "");
			return 0;
		}
	}
	if (r->npending == PENDING_MAX)
		probe_pending(r);
	w = &r->pending[r->npending++];
	w->e = *e;
	memcpy(w->from, drv, sizeof(w->from));
	return 0;
}

static int on_error(void *ctx, unsigned int line, enum bind_conf_error err)
{
	struct run *r = ctx;
	char num[12];

	r->invalid++;
	bind_fmt_uint(num, line);
	bind_log(BIND_LOG_WARN, CONF_PATH " line ", num, " ignored: ",
		 bind_conf_error_text(err), (char *)NULL);
	bind_status("line ", num, " invalid ", bind_conf_error_code(err), (char *)NULL);
	return 0;
}

/* Does the command line forbid binding?  Logs why; returns 1 to stop. */
static int kill_switch(const struct gp_path *p)
{
	static char cmdline[4096];
	struct bind_cmdline c;
	int n;

	n = gp_path_read(p, "/proc/cmdline", cmdline, sizeof(cmdline));
	bind_cmdline_parse(cmdline, n > 0 ? (size_t)n : 0, &c);
	if (c.off) {
		bind_log(BIND_LOG_INFO | BIND_LOG_KEEP, "disabled by ", c.gpupt,
			 " on the kernel command line",
			 strcmp(c.gpupt, "gpupt=off") ? " (only gpupt=on or gpupt=force bind)" : "",
			 (char *)NULL);
		bind_status("mode off ", c.gpupt, (char *)NULL);
		return 1;
	}
	if (c.recovery[0] && !c.force) {
		bind_log(BIND_LOG_INFO | BIND_LOG_KEEP, "recovery boot (", c.recovery,
			 "): not binding (boot with gpupt=force to bind anyway)", (char *)NULL);
		bind_status("mode recovery ", c.recovery, (char *)NULL);
		return 1;
	}
	if (c.recovery[0])
		bind_log(BIND_LOG_INFO | BIND_LOG_KEEP, "recovery boot (", c.recovery,
			 "), binding anyway: gpupt=force", (char *)NULL);
	return 0;
}

static const char usage[] = "usage: gpupt-bind [--root DIR] [--dry-run]  (see gpupt-bind(8))\n";

int main(int argc, char **argv)
{
	static const struct bind_conf_ops ops = { .entry = on_entry, .error = on_error };
	static struct run r;
	struct gp_path p;
	const char *root = NULL;
	unsigned int entries, errors;
	char num[5][12], ebuf[16];
	int i, n;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0) {
			r.dry_run = 1;
		} else if (strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
			root = argv[++i];
		} else if (strcmp(argv[i], "--help") == 0) {
			out(1, usage);
			return 0;
		} else {
			out(2, usage);
			return 2;
		}
	}
	n = gp_path_init(&p, root);
	if (n < 0) {
		out(2, "gpupt-bind: cannot open the --root directory\n");
		return 2;
	}
	r.p = &p;

	n = gp_path_read(&p, CONF_PATH, conf, sizeof(conf));
	if (n == -ENOENT || n == -ENOTDIR)
		goto done; /* not configured: not a word */
	if (n >= 0) {
		entries = bind_conf_count(conf, (size_t)n, &errors);
		if (!entries && !errors)
			goto done; /* only comments: the binder was switched off */
	}
	bind_log_open(&p, r.dry_run);
	if (n < 0) {
		bind_log(BIND_LOG_WARN | BIND_LOG_KEEP, "cannot read " CONF_PATH ": ",
			 bind_strerror(n, ebuf), "; nothing done", (char *)NULL);
		bind_status("mode error config-unreadable", (char *)NULL);
		goto done;
	}
	if (kill_switch(&p))
		goto done;

	bind_status(r.dry_run ? "mode dry-run" : "mode run", (char *)NULL);
	if (r.dry_run)
		bind_log(BIND_LOG_INFO | BIND_LOG_KEEP, "dry run: nothing is written",
			 (char *)NULL);
	(void)bind_conf_parse(conf, (size_t)n, &ops, &r);
	probe_pending(&r);

	bind_log(BIND_LOG_INFO | BIND_LOG_KEEP, "done: ",
		 bind_fmt_uint(num[0], r.count[BOUND]), r.dry_run ? " to bind, " : " bound, ",
		 bind_fmt_uint(num[1], r.count[SKIPPED]), " skipped, ",
		 bind_fmt_uint(num[2], r.count[FAILED]), " failed, ",
		 bind_fmt_uint(num[3], r.invalid), " invalid lines, ",
		 bind_fmt_uint(num[4], r.duplicate), " duplicate", (char *)NULL);
	bind_status("summary bound=", num[0], " skipped=", num[1], " failed=", num[2],
		    " invalid=", num[3], " duplicate=", num[4], (char *)NULL);
done:
	bind_log_close();
	gp_path_fini(&p);
	/* Whatever happened, the boot goes on. */
	return 0;
}
