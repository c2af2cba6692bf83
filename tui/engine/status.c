/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * status — the facts behind --status, decided once (see status.h).  Each
 * line a person reads is one report item; the files are read through the
 * path layer, so --root holds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bind_conf.h"
#include "bind_status.h"
#include "gp_path_write.h"
#include "gp_paths.h"
#include "status.h"
#include "strbuf.h"
#include "txn.h"

#define ADD(st, topic, ...) gp_report_add(&(st)->report, (topic), GP_ROLE_DETAIL, __VA_ARGS__)

static int list_has(const struct gp_addr_list *l, const char *a)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], a) == 0)
			return 1;
	return 0;
}

static int list_add(struct gp_addr_list *l, const char *a)
{
	if (list_has(l, a))
		return 0;
	if (GP_ARRAY_GROW(l->v, l->alloc, l->n + 1) < 0)
		return -ENOMEM;
	snprintf(l->v[l->n++], sizeof(l->v[0]), "%s", a);
	return 0;
}

enum gp_reboot_pending gp_reboot_pending_decide(const struct gp_addr_list *configured,
						const struct gp_addr_list *bound,
						int changed_since_boot)
{
	size_t i;

	for (i = 0; i < configured->n; i++)
		if (!list_has(bound, configured->v[i]))
			return GP_REBOOT_PENDING_DIFFERS;
	for (i = 0; i < bound->n; i++)
		if (!list_has(configured, bound->v[i]))
			return GP_REBOOT_PENDING_DIFFERS;
	return changed_since_boot ? GP_REBOOT_PENDING_CHANGED : GP_REBOOT_NOT_PENDING;
}

/* --- bind.conf ------------------------------------------------------------- */

struct conf_ctx {
	struct gp_status *st;
	struct gp_addr_list *set;
	int err;
};

static int on_entry(void *ctx, const struct bind_conf_entry *e)
{
	struct conf_ctx *c = ctx;
	char id[16];

	snprintf(id, sizeof(id), "%04x:%04x", e->vendor, e->device);
	if (ADD(c->st, GP_STATUS_BIND_CONF, GP_MSG_STATUS_CONF_ENTRY, e->address, id) < 0 ||
	    list_add(c->set, e->address) < 0)
		c->err = -ENOMEM;
	return 0;
}

static int on_error(void *ctx, unsigned int line, enum bind_conf_error err)
{
	struct conf_ctx *c = ctx;

	if (ADD(c->st, GP_STATUS_BIND_CONF, GP_MSG_STATUS_LINE_IGNORED, (size_t)line,
		bind_conf_error_text(err)) < 0)
		c->err = -ENOMEM;
	return 0;
}

static int read_bind_conf(const struct gp_path *p, struct gp_status *st,
			  struct gp_addr_list *configured)
{
	static const struct bind_conf_ops ops = { .entry = on_entry, .error = on_error };
	struct conf_ctx c = { st, configured, 0 };
	unsigned int errors = 0;
	char *buf;
	size_t len;
	int r;

	r = ADD(st, GP_STATUS_BIND_CONF, GP_MSG_STATUS_CONF_HEAD, GP_BIND_CONF_PATH);
	if (r < 0)
		return r;
	r = gp_path_read_file(p, GP_BIND_CONF_PATH, &buf, &len, NULL);
	if (r == -ENOENT)
		return ADD(st, GP_STATUS_BIND_CONF, GP_MSG_STATUS_NONE_NO_FILE);
	if (r < 0)
		return ADD(st, GP_STATUS_BIND_CONF, GP_MSG_STATUS_CANNOT_READ_WHY, r);
	if (bind_conf_count(buf, len, &errors) == 0 && errors == 0)
		r = ADD(st, GP_STATUS_BIND_CONF, GP_MSG_STATUS_NONE);
	else
		bind_conf_parse(buf, len, &ops, &c);
	free(buf);
	st->n_configured = configured->n;
	return r < 0 ? r : c.err;
}

/* --- the GRUB drop-in and the modprobe file --------------------------------- */

/* The words the drop-in appends: what follows "$GRUB_CMDLINE_LINUX_DEFAULT" up to the quote. */
static const char *dropin_words(char *line)
{
	static const char var[] = "$GRUB_CMDLINE_LINUX_DEFAULT";
	char *v, *end;

	if (line[0] == '#' || !(v = strstr(line, var)))
		return NULL;
	v += sizeof(var) - 1;
	while (*v == ' ' || *v == '}')
		v++;
	end = strpbrk(v, "\"'");
	if (end)
		*end = '\0';
	return *v ? v : NULL;
}

/* The driver a "softdep DRIVER pre: ..." line names, into @drv. */
static const char *softdep_driver(char *line, char *drv, size_t size)
{
	static const char pre[] = "softdep ";
	size_t n;

	if (strncmp(line, pre, sizeof(pre) - 1) != 0)
		return NULL;
	line += sizeof(pre) - 1;
	n = strcspn(line, " \t");
	if (!n || n >= size || strncmp(line + n, " pre:", 5) != 0)
		return NULL;
	memcpy(drv, line, n);
	drv[n] = '\0';
	return drv;
}

/*
 * The heading @head, then one item per word found in @path: the drop-in's
 * added parameters (@dropin) or the modprobe file's softdep drivers.
 */
static int read_words(const struct gp_path *p, struct gp_status *st, enum gp_status_topic topic,
		      enum gp_msg head, const char *path, int dropin)
{
	char *buf, *line, *next, drv[128];
	size_t len;
	int r, shown = 0;

	r = ADD(st, topic, head, path);
	if (r < 0)
		return r;
	r = gp_path_read_file(p, path, &buf, &len, NULL);
	if (r < 0)
		return ADD(st, topic, r == -ENOENT ? GP_MSG_STATUS_NONE_NO_FILE
					       : GP_MSG_STATUS_CANNOT_READ);
	for (line = buf; line && *line && r == 0; line = next) {
		const char *w;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		w = dropin ? dropin_words(line) : softdep_driver(line, drv, sizeof(drv));
		if (w) {
			r = ADD(st, topic, GP_MSG_STATUS_WORD, w);
			shown = 1;
		}
	}
	free(buf);
	if (r == 0 && !shown)
		r = ADD(st, topic, GP_MSG_STATUS_NONE);
	return r;
}

/* --- history ---------------------------------------------------------------- */

static void format_time(long long t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M:%S UTC", &tm))
		snprintf(buf, size, "%lld", t);
}

/* Boot time from the root's /proc/stat (btime), or 0 when unknown. */
static long long boot_time(const struct gp_path *p)
{
	char *buf, *s;
	long long bt = 0;
	size_t len;

	if (gp_path_read_file(p, "/proc/stat", &buf, &len, NULL) < 0)
		return 0;
	s = strstr(buf, "\nbtime ");
	if (s)
		bt = strtoll(s + 7, NULL, 10);
	free(buf);
	return bt;
}

/* The history; *@since_boot: a change was applied after this boot started. */
static int read_history(const struct gp_path *p, struct gp_status *st, int *since_boot)
{
	struct gp_txn_entry *hist;
	long long bt;
	char when[64];
	size_t n, i;
	int r;

	r = gp_txn_history(p, &hist, &n);
	if (r < 0)
		return r;
	st->n_changes = n;
	r = ADD(st, GP_STATUS_HISTORY, GP_MSG_STATUS_HISTORY_HEAD);
	if (r == 0 && !n)
		r = ADD(st, GP_STATUS_HISTORY, GP_MSG_STATUS_NONE);
	bt = boot_time(p);
	for (i = 0; i < n && r == 0; i++) {
		format_time(hist[i].time, when, sizeof(when));
		r = ADD(st, GP_STATUS_HISTORY, GP_MSG_STATUS_HISTORY_ENTRY, (size_t)hist[i].number,
			when, hist[i].n_files);
		if (bt && hist[i].time >= bt)
			*since_boot = 1;
	}
	free(hist);
	return r;
}

/* --- this boot (bind.status) -------------------------------------------------- */

/* The item one record of bind.status becomes (none for "mode run" and the summary). */
static int add_record(struct gp_status *st, const struct gp_bind_status_rec *rec,
		      struct gp_addr_list *bound)
{
	const char (*w)[GP_BIND_STATUS_WORD_MAX] = rec->word;
	enum gp_msg code;

	switch (rec->kind) {
	case GP_BIND_STATUS_MODE:
		if (strcmp(w[0], "run") == 0)
			return 0;
		if (strcmp(w[0], "off") == 0 && w[1][0])
			return ADD(st, GP_STATUS_THIS_BOOT, GP_MSG_STATUS_BIND_OFF, w[1]);
		if (strcmp(w[0], "recovery") == 0 && w[1][0])
			return ADD(st, GP_STATUS_THIS_BOOT, GP_MSG_STATUS_BIND_RECOVERY, w[1]);
		return ADD(st, GP_STATUS_THIS_BOOT, GP_MSG_STATUS_BIND_NO_CONFIG);
	case GP_BIND_STATUS_INVALID:
		return ADD(st, GP_STATUS_THIS_BOOT, GP_MSG_STATUS_BIND_LINE_REJECTED, w[0], w[1]);
	case GP_BIND_STATUS_DEVICE:
		if (rec->outcome == GP_BIND_BOUND) {
			if (list_add(bound, w[0]) < 0)
				return -ENOMEM;
			code = strcmp(w[2], "already") == 0 ? GP_MSG_STATUS_BIND_ALREADY
							     : GP_MSG_STATUS_BIND_BOUND;
			return ADD(st, GP_STATUS_THIS_BOOT, code, w[0], w[1]);
		}
		code = rec->outcome == GP_BIND_SKIPPED ? GP_MSG_STATUS_BIND_SKIPPED
						       : GP_MSG_STATUS_BIND_FAILED;
		return ADD(st, GP_STATUS_THIS_BOOT, code, w[0], w[1], w[2]);
	case GP_BIND_STATUS_SUMMARY:
		return 0;
	case GP_BIND_STATUS_DUPLICATE: /* issue 10, E: placeholder until D renders it */
		return ADD(st, GP_STATUS_THIS_BOOT, GP_MSG_STATUS_BIND_LINE_REJECTED, w[0],
			   "duplicate");
	case GP_BIND_STATUS_OTHER:
		break;
	}
	return ADD(st, GP_STATUS_THIS_BOOT, GP_MSG_STATUS_BIND_UNRECOGNISED, w[0]);
}

/* What the binder did at this boot; fills @bound with what went to vfio-pci. */
static int read_this_boot(const struct gp_path *p, struct gp_status *st,
			  struct gp_addr_list *bound)
{
	struct gp_bind_status bs = { 0 };
	char *buf;
	size_t len, i;
	int r;

	r = ADD(st, GP_STATUS_THIS_BOOT, GP_MSG_STATUS_BIND_HEAD, GP_BIND_STATUS_PATH);
	if (r < 0)
		return r;
	if (gp_path_read_file(p, GP_BIND_STATUS_PATH, &buf, &len, NULL) < 0)
		return ADD(st, GP_STATUS_THIS_BOOT, GP_MSG_STATUS_BIND_NO_RECORD);
	st->binder_acted = 1;
	r = gp_bind_status_parse(buf, len, &bs);
	free(buf);
	if (r == -EINVAL)
		return ADD(st, GP_STATUS_THIS_BOOT, GP_MSG_STATUS_BIND_DAMAGED);
	for (i = 0; i < bs.n && r == 0; i++)
		r = add_record(st, &bs.rec[i], bound);
	gp_bind_status_free(&bs);
	return r;
}

/* --- the whole status ----------------------------------------------------------- */

static const enum gp_msg pending_msg[] = {
	[GP_REBOOT_NOT_PENDING] = GP_MSG_STATUS_REBOOT_NO,
	[GP_REBOOT_PENDING_DIFFERS] = GP_MSG_STATUS_REBOOT_DIFFERS,
	[GP_REBOOT_PENDING_CHANGED] = GP_MSG_STATUS_REBOOT_CHANGED,
};

int gp_status_read(const struct gp_path *p, struct gp_status *out)
{
	struct gp_addr_list configured = { 0 }, bound = { 0 };
	int r, since_boot = 0;

	memset(out, 0, sizeof(*out));
	r = read_bind_conf(p, out, &configured);
	if (r == 0)
		r = read_words(p, out, GP_STATUS_DROPIN, GP_MSG_STATUS_DROPIN_HEAD,
			       GP_GRUB_DROPIN_PATH, 1);
	if (r == 0)
		r = read_words(p, out, GP_STATUS_MODPROBE, GP_MSG_STATUS_MODPROBE_HEAD,
			       GP_MODPROBE_PATH, 0);
	if (r == 0)
		r = read_history(p, out, &since_boot);
	if (r == 0)
		r = read_this_boot(p, out, &bound);
	if (r == 0) {
		out->pending = gp_reboot_pending_decide(&configured, &bound, since_boot);
		r = gp_report_add(&out->report, GP_STATUS_REBOOT, GP_ROLE_SUMMARY,
				  pending_msg[out->pending]);
	}
	free(configured.v);
	free(bound.v);
	return r;
}

void gp_status_free(struct gp_status *st)
{
	gp_report_free(&st->report);
	memset(st, 0, sizeof(*st));
}
