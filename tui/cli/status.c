/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --status: what is configured, what the binder did at this boot
 * (/run/gpupt/bind.status, see gpupt-bind(8)), and whether a reboot is
 * pending.  Plain text, no terminal needed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bind_conf.h"
#include "cli.h"
#include "gp_path_write.h"
#include "nls.h"
#include "plan.h"
#include "txn.h"

#define BIND_STATUS_PATH "/run/gpupt/bind.status"
#define MAX_ADDRS 256

struct addr_set {
	char addr[MAX_ADDRS][BIND_CONF_ADDR_SIZE];
	size_t n;
};

static void set_add(struct addr_set *s, const char *a)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->addr[i], a) == 0)
			return;
	if (s->n < MAX_ADDRS)
		snprintf(s->addr[s->n++], BIND_CONF_ADDR_SIZE, "%s", a);
}

static int set_has(const struct addr_set *s, const char *a)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->addr[i], a) == 0)
			return 1;
	return 0;
}

struct conf_ctx {
	FILE *out;
	struct addr_set *set;
};

static int on_entry(void *ctx, const struct bind_conf_entry *e)
{
	struct conf_ctx *c = ctx;

	fprintf(c->out, "  %s  %04x:%04x\n", e->address, e->vendor, e->device);
	set_add(c->set, e->address);
	return 0;
}

static int on_error(void *ctx, unsigned int line, enum bind_conf_error err)
{
	struct conf_ctx *c = ctx;

	fprintf(c->out, _("  line %u is ignored: %s\n"), line, _(bind_conf_error_text(err)));
	return 0;
}

static void show_bind_conf(struct gp_cli *cli, FILE *out, struct addr_set *configured)
{
	static const struct bind_conf_ops ops = { .entry = on_entry, .error = on_error };
	struct conf_ctx c = { out, configured };
	unsigned int errors = 0;
	char *buf;
	size_t len;
	int r;

	fprintf(out, _("Functions given to vfio-pci at boot (%s):\n"), GP_BIND_CONF_PATH);
	r = gp_path_read_file(&cli->path, GP_BIND_CONF_PATH, &buf, &len, NULL);
	if (r == -ENOENT) {
		fprintf(out, _("  none (no such file)\n"));
		return;
	}
	if (r < 0) {
		fprintf(out, _("  cannot be read: %s\n"), strerror(-r));
		return;
	}
	if (bind_conf_count(buf, len, &errors) == 0 && errors == 0)
		fprintf(out, _("  none\n"));
	else
		bind_conf_parse(buf, len, &ops, &c);
	free(buf);
}

/* The words the drop-in appends: what follows "$GRUB_CMDLINE_LINUX_DEFAULT" up to the quote. */
static void show_dropin(struct gp_cli *cli, FILE *out)
{
	static const char var[] = "$GRUB_CMDLINE_LINUX_DEFAULT";
	char *buf, *line, *next;
	size_t len;
	int r, shown = 0;

	fprintf(out, _("Kernel parameters added for GRUB (%s):\n"), GP_GRUB_DROPIN_PATH);
	r = gp_path_read_file(&cli->path, GP_GRUB_DROPIN_PATH, &buf, &len, NULL);
	if (r < 0) {
		fprintf(out, r == -ENOENT ? _("  none (no such file)\n") : _("  cannot be read\n"));
		return;
	}
	for (line = buf; line && *line; line = next) {
		char *v, *end;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line[0] == '#' || !(v = strstr(line, var)))
			continue;
		v += sizeof(var) - 1;
		while (*v == ' ' || *v == '}')
			v++;
		end = strpbrk(v, "\"'");
		if (end)
			*end = '\0';
		if (*v) {
			fprintf(out, "  %s\n", v);
			shown = 1;
		}
	}
	if (!shown)
		fprintf(out, _("  none\n"));
	free(buf);
}

static void show_modprobe(struct gp_cli *cli, FILE *out)
{
	char *buf, *line, *next;
	size_t len;
	int r, shown = 0;

	fprintf(out, _("Drivers loaded after vfio-pci (%s):\n"), GP_MODPROBE_PATH);
	r = gp_path_read_file(&cli->path, GP_MODPROBE_PATH, &buf, &len, NULL);
	if (r < 0) {
		fprintf(out, r == -ENOENT ? _("  none (no such file)\n") : _("  cannot be read\n"));
		return;
	}
	for (line = buf; line && *line; line = next) {
		char drv[128];

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (sscanf(line, "softdep %127s pre:", drv) == 1) {
			fprintf(out, "  %s\n", drv);
			shown = 1;
		}
	}
	if (!shown)
		fprintf(out, _("  none\n"));
	free(buf);
}

static void format_time(long long t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M:%S UTC", &tm))
		snprintf(buf, size, "%lld", t);
}

/* Boot time from the root's /proc/stat (btime), or 0 when unknown. */
static long long boot_time(struct gp_cli *cli)
{
	char *buf, *s;
	long long bt = 0;
	size_t len;

	if (gp_path_read_file(&cli->path, "/proc/stat", &buf, &len, NULL) < 0)
		return 0;
	s = strstr(buf, "\nbtime ");
	if (s)
		bt = strtoll(s + 7, NULL, 10);
	free(buf);
	return bt;
}

/* What the binder did at this boot; fills @bound with what went to vfio-pci. */
static int show_bind_status(struct gp_cli *cli, FILE *out, struct addr_set *bound)
{
	char *buf, *line, *next;
	size_t len;
	int r;

	fprintf(out, _("At this boot (%s):\n"), BIND_STATUS_PATH);
	r = gp_path_read_file(&cli->path, BIND_STATUS_PATH, &buf, &len, NULL);
	if (r < 0) {
		fprintf(out, _("  no record: gpupt-bind had nothing to do at this boot "
			       "(or its initramfs was built before the configuration)\n"));
		return 0;
	}
	for (line = buf; line && *line; line = next) {
		char a[64], b[64], c[64], d[64];
		int n;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		n = sscanf(line, "%63s %63s %63s %63s", a, b, c, d);
		if (n >= 2 && strcmp(a, "mode") == 0) {
			if (strcmp(b, "run") == 0)
				continue;
			if (strcmp(b, "off") == 0 && n >= 3)
				fprintf(out, _("  gpupt-bind was switched off by %s on the kernel "
					       "command line\n"), c);
			else if (strcmp(b, "recovery") == 0 && n >= 3)
				fprintf(out, _("  gpupt-bind did not run: recovery boot (%s)\n"), c);
			else
				fprintf(out, _("  gpupt-bind could not read its configuration\n"));
		} else if (n == 4 && strcmp(a, "line") == 0) {
			fprintf(out, _("  line %s of the configuration was rejected (%s)\n"), b, d);
		} else if (n >= 1 && strcmp(a, "summary") == 0) {
			continue;
		} else if (n == 4 && strcmp(c, "bound") == 0) {
			set_add(bound, a);
			fprintf(out, strcmp(d, "already") == 0 ? _("  %s  %s  on vfio-pci (it was already)\n")
							       : _("  %s  %s  given to vfio-pci\n"),
				a, b);
		} else if (n == 4 && strcmp(c, "skipped") == 0) {
			fprintf(out, _("  %s  %s  skipped: %s\n"), a, b, d);
		} else if (n == 4 && strcmp(c, "failed") == 0) {
			fprintf(out, _("  %s  %s  failed: %s\n"), a, b, d);
		} else if (n > 0) {
			fprintf(out, _("  unrecognised line: %s\n"), line);
		}
	}
	free(buf);
	return 1;
}

int gp_cli_status(struct gp_cli *cli, FILE *out)
{
	static struct addr_set configured, bound;
	struct gp_txn_entry *hist;
	long long bt;
	size_t n, i;
	int r, pending = 0, changed_since_boot = 0;
	char when[64];

	memset(&configured, 0, sizeof(configured));
	memset(&bound, 0, sizeof(bound));
	show_bind_conf(cli, out, &configured);
	show_dropin(cli, out);
	show_modprobe(cli, out);

	r = gp_txn_history(&cli->path, &hist, &n);
	if (r < 0) {
		gp_cli_errmsg(_("reading the history of changes"), r);
		return GP_EXIT_ERROR;
	}
	fprintf(out, _("Changes gpupt-setup made (--revert undoes the last):\n"));
	if (!n)
		fprintf(out, _("  none\n"));
	bt = boot_time(cli);
	for (i = 0; i < n; i++) {
		format_time(hist[i].time, when, sizeof(when));
		fprintf(out, P_("  %u  %s  %zu file\n", "  %u  %s  %zu files\n", hist[i].n_files),
			hist[i].number, when, hist[i].n_files);
		if (bt && hist[i].time >= bt)
			changed_since_boot = 1;
	}
	free(hist);

	show_bind_status(cli, out, &bound);
	for (i = 0; i < configured.n; i++)
		pending |= !set_has(&bound, configured.addr[i]);
	for (i = 0; i < bound.n; i++)
		pending |= !set_has(&configured, bound.addr[i]);
	if (pending)
		fprintf(out, _("Reboot pending: yes: what is configured differs from what was "
			       "bound at this boot.\n"));
	else if (changed_since_boot)
		fprintf(out, _("Reboot pending: yes: a change was applied after this boot.\n"));
	else
		fprintf(out, _("Reboot pending: no.\n"));
	return GP_EXIT_OK;
}
