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
#include "gp_path_write.h"
#include "gp_paths.h"
#include "loader.h"
#include "trial.h"
#include "status.h"
#include "status_boot.h"
#include "strbuf.h"
#include "txn.h"

#define ADD(st, topic, ...) \
	gp_report_add(&(st)->report, (topic), GP_ROLE_DETAIL, __VA_ARGS__)
#define FIX(st, topic, ...) \
	gp_report_add(&(st)->report, (topic), GP_ROLE_FIX, __VA_ARGS__)

enum gp_reboot_pending gp_reboot_pending_decide(const struct gp_reboot_facts *f)
{
	size_t i, failed = 0;

	if (f->open_change)
		return GP_REBOOT_OPEN_CHANGE;
	for (i = 0; i < f->configured->n; i++) {
		if (gp_addr_list_has(f->bound, f->configured->v[i]))
			continue;
		/* Met at this boot and not bound: a reboot meets it the same way. */
		if (f->not_bound && gp_addr_list_has(f->not_bound, f->configured->v[i]))
			failed++;
		else
			return GP_REBOOT_PENDING_DIFFERS;
	}
	for (i = 0; i < f->bound->n; i++)
		if (!gp_addr_list_has(f->configured, f->bound->v[i]))
			return GP_REBOOT_PENDING_DIFFERS;
	if (f->changed_since_boot)
		return GP_REBOOT_PENDING_CHANGED;
	return failed ? GP_REBOOT_NOT_BOUND : GP_REBOOT_NOT_PENDING;
}

/* --- an open journal ----------------------------------------------------------- */

/* What a killed run left open, and what the next run does with it. */
static int read_open_change(const struct gp_path *p, struct gp_status *st,
			    struct gp_txn_open *open)
{
	enum gp_status_topic t = GP_STATUS_OPEN_CHANGE;
	int r;

	r = gp_txn_open_read(p, open);
	if (r < 0)
		return r;
	st->open_change = open->settle;
	st->open_kind = (int)open->journal.kind;
	st->open_done = open->done;
	st->open_steps = open->steps;
	switch (open->settle) {
	case GP_TXN_SETTLE_NONE:
		return 0;
	case GP_TXN_SETTLE_DISCARD:
		return ADD(st, t, GP_MSG_STATUS_OPEN_DISCARD, gp_txn_open_new_dir());
	case GP_TXN_SETTLE_DAMAGED:
	case GP_TXN_SETTLE_UNKNOWN:
		return gp_report_add(&st->report, t, GP_ROLE_SUMMARY,
				     open->settle == GP_TXN_SETTLE_DAMAGED
					     ? GP_MSG_STATUS_OPEN_DAMAGED
					     : GP_MSG_STATUS_OPEN_UNREADABLE,
				     gp_txn_open_dir(), open->err);
	case GP_TXN_SETTLE_ROLL_BACK:
	case GP_TXN_SETTLE_COMPLETE:
		break;
	}
	r = gp_report_add(&st->report, t, GP_ROLE_SUMMARY, GP_MSG_STATUS_OPEN_HEAD,
			  gp_txn_open_dir(), open->done, open->steps);
	if (r == 0 && open->settle == GP_TXN_SETTLE_COMPLETE)
		return ADD(st, t, GP_MSG_STATUS_OPEN_COMPLETE);
	if (r == 0)
		r = ADD(st, t, GP_MSG_STATUS_OPEN_ROLL_BACK);
	/* Crash points follow each step: a command may have run, or half-run. */
	if (r == 0 && open->journal.n_cmds && open->done >= open->journal.n_files)
		r = ADD(st, t, GP_MSG_STATUS_OPEN_BOOT_FILES);
	return r;
}

/*
 * The content of @path as the next run leaves it: the open journal's old or
 * new state of it when it touches it, else the file on disk; as
 * gp_path_read_file() (-ENOENT for an absent file).  *@note: the item that
 * says the file on disk is not what is shown (GP_MSG_NONE when it is).
 */
static int read_settled(const struct gp_path *p, const struct gp_txn_open *open,
			const char *path, char **buf, size_t *len, enum gp_msg *note)
{
	const struct gp_file_state *s = gp_txn_open_settled(open, path);
	char *disk = NULL;
	size_t disk_len = 0;
	int r;

	/* A damaged journal does not say which files it touched: any may be half-changed. */
	*note = open->settle == GP_TXN_SETTLE_DAMAGED || open->settle == GP_TXN_SETTLE_UNKNOWN
			? GP_MSG_STATUS_UNSETTLED : GP_MSG_NONE;
	r = gp_path_read_file(p, path, &disk, &disk_len, NULL);
	if (!s) {
		*buf = disk;
		*len = disk_len;
		return r;
	}
	if (r < 0 && r != -ENOENT)
		return r;
	if ((r == -ENOENT) != !s->exists || (s->exists && (disk_len != s->len ||
	    (s->len && memcmp(disk, s->content, s->len) != 0))))
		*note = open->settle == GP_TXN_SETTLE_ROLL_BACK ? GP_MSG_STATUS_SETTLED_OLD
								: GP_MSG_STATUS_SETTLED_NEW;
	free(disk);
	*buf = NULL;
	*len = 0;
	if (!s->exists)
		return -ENOENT;
	*buf = malloc(s->len + 1);
	if (!*buf)
		return -ENOMEM;
	memcpy(*buf, s->content, s->len);
	(*buf)[s->len] = '\0';
	*len = s->len;
	return 0;
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
	    gp_addr_list_add(c->set, e->address) < 0)
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

/*
 * A bind.conf that lists functions while the history does not answer for
 * it (edited, or kept by --revert) is still the configuration: say so.
 */
static int add_conf_origin(const struct gp_path *p, struct gp_status *st, const char *buf,
			   size_t len)
{
	char kept[GP_PATH_MAX];
	int r;

	if (st->open_change != GP_TXN_SETTLE_NONE || !st->configured.n)
		return 0;
	r = gp_txn_file_origin(p, GP_BIND_CONF_PATH, 1, buf, len, &st->conf_origin);
	if (r < 0)
		return r == -ENOMEM ? r : 0;    /* an unreadable history is said below */
	st->conf_origin_known = 1;
	if (st->conf_origin == GP_TXN_FILE_WRITTEN)
		return 0;
	r = ADD(st, GP_STATUS_BIND_CONF, st->conf_origin == GP_TXN_FILE_EDITED
						 ? GP_MSG_STATUS_CONF_EDITED
						 : GP_MSG_STATUS_CONF_NOT_RECORDED);
	if (r == 0 && gp_txn_kept_path(GP_BIND_CONF_PATH, kept, sizeof(kept)) == 0 &&
	    gp_path_exists(p, kept) > 0)
		r = ADD(st, GP_STATUS_BIND_CONF, GP_MSG_STATUS_CONF_KEPT, kept);
	if (r == 0)
		r = FIX(st, GP_STATUS_BIND_CONF, GP_MSG_STATUS_FIX_UNCONFIGURE);
	return r;
}

static int read_bind_conf(const struct gp_path *p, struct gp_status *st,
			  const struct gp_txn_open *open)
{
	static const struct bind_conf_ops ops = { .entry = on_entry, .error = on_error };
	struct conf_ctx c = { st, &st->configured, 0 };
	unsigned int errors = 0;
	enum gp_msg note;
	char *buf;
	size_t len;
	int r;

	r = ADD(st, GP_STATUS_BIND_CONF, GP_MSG_STATUS_CONF_HEAD, GP_BIND_CONF_PATH);
	if (r < 0)
		return r;
	r = read_settled(p, open, GP_BIND_CONF_PATH, &buf, &len, &note);
	if (r != -ENOMEM && note != GP_MSG_NONE && ADD(st, GP_STATUS_BIND_CONF, note) < 0) {
		free(buf);
		return -ENOMEM;
	}
	if (r == -ENOENT)
		return ADD(st, GP_STATUS_BIND_CONF, GP_MSG_STATUS_NONE_NO_FILE);
	if (r == -ENOMEM)
		return r;
	if (r < 0)
		return ADD(st, GP_STATUS_BIND_CONF, GP_MSG_STATUS_CANNOT_READ_WHY, r);
	if (bind_conf_count(buf, len, &errors) == 0 && errors == 0)
		r = ADD(st, GP_STATUS_BIND_CONF, GP_MSG_STATUS_NONE);
	else
		bind_conf_parse(buf, len, &ops, &c);
	st->n_configured = st->configured.n;
	if (r == 0)
		r = c.err;
	if (r == 0)
		r = add_conf_origin(p, st, buf, len);
	free(buf);
	return r;
}

/* --- the GRUB drop-in and the modprobe file --------------------------------- */

/* One item per parameter the record @content of back end @lo says is ours. */
static int ours_words(struct gp_status *st, enum gp_status_topic topic,
		      const struct gp_loader_ops *lo, const char *content, int *shown)
{
	struct gp_strbuf words = GP_STRBUF_INIT;
	char *w, *save = NULL;
	int r;

	r = lo->ours(content, &words);
	for (w = r == 0 ? strtok_r(words.buf, " ", &save) : NULL; w && r == 0;
	     w = strtok_r(NULL, " ", &save)) {
		r = ADD(st, topic, GP_MSG_STATUS_WORD, w);
		*shown = 1;
	}
	gp_strbuf_release(&words);
	return r;
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
 * The heading @head, then one item per word found in @path: the kernel
 * parameters boot loader back end @lo's record says are ours, or (@lo
 * NULL) the modprobe file's softdep drivers.
 */
static int read_words(const struct gp_path *p, struct gp_status *st, enum gp_status_topic topic,
		      enum gp_msg head, const char *path, const struct gp_loader_ops *lo,
		      const struct gp_txn_open *open)
{
	char *buf, *line, *next, drv[128];
	enum gp_msg note;
	size_t len;
	int r, shown = 0;

	r = lo ? ADD(st, topic, head, lo->title, path) : ADD(st, topic, head, path);
	if (r < 0)
		return r;
	r = read_settled(p, open, path, &buf, &len, &note);
	if (r != -ENOMEM && note != GP_MSG_NONE && ADD(st, topic, note) < 0) {
		free(buf);
		return -ENOMEM;
	}
	if (r == -ENOMEM)
		return r;
	if (r < 0)
		return ADD(st, topic, r == -ENOENT ? GP_MSG_STATUS_NONE_NO_FILE
					       : GP_MSG_STATUS_CANNOT_READ);
	if (lo) {
		r = ours_words(st, topic, lo, buf, &shown);
		free(buf);
		buf = NULL;
	}
	for (line = buf; line && *line && r == 0; line = next) {
		const char *w;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		w = softdep_driver(line, drv, sizeof(drv));
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

/* --- the whole status ----------------------------------------------------------- */

static const enum gp_msg pending_msg[] = {
	[GP_REBOOT_NOT_PENDING] = GP_MSG_STATUS_REBOOT_NO,
	[GP_REBOOT_PENDING_DIFFERS] = GP_MSG_STATUS_REBOOT_DIFFERS,
	[GP_REBOOT_PENDING_CHANGED] = GP_MSG_STATUS_REBOOT_CHANGED,
	[GP_REBOOT_NOT_BOUND] = GP_MSG_STATUS_REBOOT_NOT_BOUND,
	[GP_REBOOT_OPEN_CHANGE] = GP_MSG_STATUS_REBOOT_OPEN_CHANGE,
};

/* The reboot line, by the one rule. */
static int add_reboot(struct gp_status *st, int since_boot)
{
	struct gp_reboot_facts f = { &st->configured, &st->bound, &st->not_bound, since_boot,
				     st->open_change == GP_TXN_SETTLE_ROLL_BACK ||
				     st->open_change == GP_TXN_SETTLE_COMPLETE ||
				     st->open_change == GP_TXN_SETTLE_DAMAGED ||
				     st->open_change == GP_TXN_SETTLE_UNKNOWN };
	size_t i, failed = 0;

	/* A binder that could not read its bind.conf met every configured function. */
	for (i = 0; st->config_unreadable && i < st->configured.n; i++)
		if (gp_addr_list_add(&st->not_bound, st->configured.v[i]) < 0)
			return -ENOMEM;
	st->pending = gp_reboot_pending_decide(&f);
	if (st->pending != GP_REBOOT_NOT_BOUND)
		return gp_report_add(&st->report, GP_STATUS_REBOOT, GP_ROLE_SUMMARY,
				     pending_msg[st->pending]);
	for (i = 0; i < st->configured.n; i++)
		failed += gp_addr_list_has(&st->not_bound, st->configured.v[i]);
	return gp_report_add(&st->report, GP_STATUS_REBOOT, GP_ROLE_SUMMARY,
			     GP_MSG_STATUS_REBOOT_NOT_BOUND, failed);
}

/* What the binder did at this boot (status_boot.c): its items and the facts it decides. */
static int read_this_boot(const struct gp_path *p, struct gp_status *st)
{
	const struct gp_status_boot_out o = {
		&st->report, GP_STATUS_THIS_BOOT, &st->boot, &st->bound, &st->not_bound,
		&st->binder_acted, &st->config_unreadable,
	};

	return gp_status_read_this_boot(p, &o);
}

/* The trial boot, when there is one (trial.h): said only then. */
static int read_trial(const struct gp_path *p, const struct gp_loader_ops *lo,
		      struct gp_status *st)
{
	struct gp_trial t;
	char *cmdline = NULL;
	size_t len;
	int r;

	if (gp_path_read_file(p, "/proc/cmdline", &cmdline, &len, NULL) < 0)
		cmdline = NULL;
	r = gp_trial_read(p, lo, cmdline, &t);
	free(cmdline);
	if (r < 0)
		return r == -ENOMEM ? r : 0;  /* unreadable: the history still says a change */
	st->trial_state = t.state;
	return gp_trial_report(&t, GP_STATUS_TRIAL, &st->report);
}

int gp_status_read(const struct gp_path *p, struct gp_status *out)
{
	struct gp_txn_open open;
	struct gp_bootloader boot;
	const struct gp_loader_ops *lo;
	int r, since_boot = 0;

	memset(out, 0, sizeof(*out));
	/* Whichever back end is in charge now; GRUB's drop-in when none is. */
	gp_bootloader_probe(p, &boot);
	lo = gp_loader_detect(&boot);
	if (!lo)
		lo = &gp_loader_grub;
	r = read_open_change(p, out, &open);
	if (r == 0)
		r = read_bind_conf(p, out, &open);
	if (r == 0)
		r = read_words(p, out, GP_STATUS_DROPIN, GP_MSG_STATUS_DROPIN_HEAD, lo->record, lo,
			       &open);
	if (r == 0)
		r = read_words(p, out, GP_STATUS_MODPROBE, GP_MSG_STATUS_MODPROBE_HEAD,
			       GP_MODPROBE_PATH, NULL, &open);
	if (r == 0)
		r = read_trial(p, lo, out);
	if (r == 0)
		r = read_history(p, out, &since_boot);
	if (r == 0)
		r = read_this_boot(p, out);
	if (r == 0)
		r = gp_status_read_now(p, &out->configured, &out->report, GP_STATUS_NOW, &out->now);
	if (r == 0)
		r = add_reboot(out, since_boot);
	gp_txn_open_free(&open);
	return r;
}

void gp_status_free(struct gp_status *st)
{
	gp_report_free(&st->report);
	free(st->configured.v);
	free(st->bound.v);
	free(st->not_bound.v);
	gp_bind_status_free(&st->boot);
	gp_status_now_free(&st->now);
	memset(st, 0, sizeof(*st));
}
