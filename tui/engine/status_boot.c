/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * status_boot — what the binder did at this boot, from its record
 * (/run/gpupt/bind.status): each function it bound, and for each it did
 * not, the cause the record names and the fix.  A reboot alone fixes
 * none of these causes, so such a function goes to not_bound, which
 * the reboot rule weighs (gp_reboot_pending_decide()).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gp_path_write.h"
#include "gp_paths.h"
#include "status_boot.h"

#define ADD(o, ...) gp_report_add((o)->report, (o)->topic, GP_ROLE_DETAIL, __VA_ARGS__)
#define FIX(o, ...) gp_report_add((o)->report, (o)->topic, GP_ROLE_FIX, __VA_ARGS__)

/* A record's reason code: what it means and what fixes it. */
struct cause {
	const char *code;
	enum gp_msg cause;
	enum gp_msg fix;
};

static const struct cause causes[] = {
	{ "missing", GP_MSG_STATUS_CAUSE_MISSING, GP_MSG_STATUS_FIX_RECHOOSE },
	{ "identity", GP_MSG_STATUS_CAUSE_IDENTITY, GP_MSG_STATUS_FIX_RECHOOSE },
	{ "subsystem", GP_MSG_STATUS_CAUSE_SUBSYSTEM, GP_MSG_STATUS_FIX_RECHOOSE },
	{ "class", GP_MSG_STATUS_CAUSE_CLASS, GP_MSG_STATUS_FIX_RECHOOSE },
	{ "unreadable", GP_MSG_STATUS_CAUSE_UNREADABLE, GP_MSG_STATUS_FIX_KERNEL_LOG },
	{ "no-iommu-group", GP_MSG_STATUS_CAUSE_NO_IOMMU_GROUP, GP_MSG_STATUS_FIX_IOMMU },
	{ "override", GP_MSG_STATUS_CAUSE_OVERRIDE, GP_MSG_STATUS_FIX_KERNEL_LOG },
	{ "unbind", GP_MSG_STATUS_CAUSE_UNBIND, GP_MSG_STATUS_FIX_KERNEL_LOG },
	{ "no-vfio", GP_MSG_STATUS_CAUSE_NO_VFIO, GP_MSG_STATUS_FIX_VFIO },
	{ "verify", GP_MSG_STATUS_CAUSE_VERIFY, GP_MSG_STATUS_FIX_KERNEL_LOG },
	/* The winner is named when the record says (back=); else only that one won. */
	{ "other-driver", GP_MSG_STATUS_CAUSE_OTHER_DRIVER, GP_MSG_STATUS_FIX_KERNEL_LOG },
};

static const struct cause *find_cause(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(causes) / sizeof(causes[0]); i++)
		if (strcmp(causes[i].code, code) == 0)
			return &causes[i];
	return NULL;
}

/* A driver named in a record: not "", "none" or "?" (which say there was none). */
static int is_driver(const char *w)
{
	return w[0] && strcmp(w, "none") != 0 && strcmp(w, "?") != 0;
}

/* The line saying why @rec's function is not bound, and the fix. */
static int add_cause(const struct gp_status_boot_out *o, const struct gp_bind_status_rec *rec)
{
	const char (*w)[GP_BIND_STATUS_WORD_MAX] = rec->word;
	const struct cause *c = find_cause(w[2]);
	int r;

	if (strcmp(w[2], "other-driver") == 0 && is_driver(rec->gave_back_to)) {
		r = ADD(o, GP_MSG_STATUS_BIND_OTHER_DRIVER, w[0], w[1], rec->gave_back_to);
		return r < 0 ? r : FIX(o, GP_MSG_STATUS_FIX_OTHER_DRIVER, rec->gave_back_to);
	}
	if (strcmp(w[2], "unbind") == 0 && is_driver(rec->driver_before)) {
		r = ADD(o, GP_MSG_STATUS_BIND_UNBIND_FROM, w[0], w[1], rec->driver_before);
		return r < 0 ? r : FIX(o, GP_MSG_STATUS_FIX_OTHER_DRIVER, rec->driver_before);
	}
	if (!c)         /* a newer binder's code: shown as it is, as before */
		return ADD(o, rec->outcome == GP_BIND_SKIPPED ? GP_MSG_STATUS_BIND_SKIPPED
							      : GP_MSG_STATUS_BIND_FAILED,
			   w[0], w[1], w[2]);
	/* An older binder wrote "verify" for every probe that did not end on vfio-pci. */
	if (c->cause == GP_MSG_STATUS_CAUSE_VERIFY && !rec->driver_before[0])
		r = ADD(o, GP_MSG_STATUS_BIND_NOT_BOUND, w[0], w[1],
			(int)GP_MSG_STATUS_CAUSE_VERIFY_OLD);
	else
		r = ADD(o, GP_MSG_STATUS_BIND_NOT_BOUND, w[0], w[1], (int)c->cause);
	return r < 0 ? r : FIX(o, GP_MSG_STATUS_FIX, (int)c->fix);
}

/* Where a failed function went when the binder gave it back (the record's back=). */
static int add_gave_back(const struct gp_status_boot_out *o, const struct gp_bind_status_rec *rec)
{
	const char *back = rec->gave_back_to;

	if (!back[0])
		return 0;
	if (strcmp(back, "?") == 0)
		return ADD(o, GP_MSG_STATUS_BIND_GAVE_BACK_FAILED);
	if (strcmp(back, "none") == 0)
		return ADD(o, GP_MSG_STATUS_BIND_GAVE_BACK_NONE);
	return ADD(o, GP_MSG_STATUS_BIND_GAVE_BACK, back);
}

static int add_device(const struct gp_status_boot_out *o, const struct gp_bind_status_rec *rec)
{
	const char (*w)[GP_BIND_STATUS_WORD_MAX] = rec->word;
	int r;

	/* A dry run (gpupt-bind --dry-run, by hand) binds nothing. */
	if (rec->outcome == GP_BIND_BOUND && strcmp(w[2], "dry-run") == 0)
		return ADD(o, GP_MSG_STATUS_BIND_WOULD_BIND, w[0], w[1]);
	if (rec->outcome == GP_BIND_BOUND) {
		if (gp_addr_list_add(o->bound, w[0]) < 0)
			return -ENOMEM;
		if (strcmp(w[2], "already") == 0)
			return ADD(o, GP_MSG_STATUS_BIND_ALREADY, w[0], w[1]);
		if (is_driver(rec->driver_before))
			return ADD(o, GP_MSG_STATUS_BIND_BOUND_FROM, w[0], w[1],
				   rec->driver_before);
		return ADD(o, GP_MSG_STATUS_BIND_BOUND, w[0], w[1]);
	}
	if (gp_addr_list_add(o->not_bound, w[0]) < 0)
		return -ENOMEM;
	r = add_cause(o, rec);
	return r < 0 ? r : add_gave_back(o, rec);
}

/* The item one record of bind.status becomes (none for "mode run" and the summary). */
static int add_record(const struct gp_status_boot_out *o, const struct gp_bind_status_rec *rec)
{
	const char (*w)[GP_BIND_STATUS_WORD_MAX] = rec->word;
	int r;

	switch (rec->kind) {
	case GP_BIND_STATUS_MODE:
		if (strcmp(w[0], "run") == 0)
			return 0;
		if (strcmp(w[0], "dry-run") == 0)
			return ADD(o, GP_MSG_STATUS_BIND_DRY_RUN);
		if (strcmp(w[0], "off") == 0 && w[1][0])
			return ADD(o, GP_MSG_STATUS_BIND_OFF, w[1]);
		if (strcmp(w[0], "recovery") == 0 && w[1][0])
			return ADD(o, GP_MSG_STATUS_BIND_RECOVERY, w[1]);
		if (strcmp(w[0], "error") == 0 && strcmp(w[1], "config-unreadable") == 0) {
			*o->config_unreadable = 1;
			r = ADD(o, GP_MSG_STATUS_BIND_CONFIG_UNREADABLE);
			return r < 0 ? r : FIX(o, GP_MSG_STATUS_FIX, (int)GP_MSG_STATUS_FIX_CONFIG);
		}
		return ADD(o, GP_MSG_STATUS_BIND_NO_CONFIG);
	case GP_BIND_STATUS_INVALID:
		r = ADD(o, GP_MSG_STATUS_BIND_LINE_REJECTED, w[0], w[1]);
		return r < 0 ? r : FIX(o, GP_MSG_STATUS_FIX, (int)GP_MSG_STATUS_FIX_LINE);
	case GP_BIND_STATUS_DUPLICATE:
		return ADD(o, GP_MSG_STATUS_BIND_DUPLICATE, w[0], w[1], w[2]);
	case GP_BIND_STATUS_DEVICE:
		return add_device(o, rec);
	case GP_BIND_STATUS_SUMMARY:
		return 0;
	case GP_BIND_STATUS_OTHER:
		break;
	}
	return ADD(o, GP_MSG_STATUS_BIND_UNRECOGNISED, w[0]);
}

int gp_status_read_this_boot(const struct gp_path *p, const struct gp_status_boot_out *o)
{
	struct gp_bind_status *bs = o->record;
	char *buf;
	size_t len, i;
	int r;

	r = ADD(o, GP_MSG_STATUS_BIND_HEAD, GP_BIND_STATUS_PATH);
	if (r < 0)
		return r;
	if (gp_path_read_file(p, GP_BIND_STATUS_PATH, &buf, &len, NULL) < 0)
		return ADD(o, GP_MSG_STATUS_BIND_NO_RECORD);
	*o->binder_acted = 1;
	r = gp_bind_status_parse(buf, len, bs);
	free(buf);
	if (r == -EINVAL)
		return ADD(o, GP_MSG_STATUS_BIND_DAMAGED);
	for (i = 0; i < bs->n && r == 0; i++)
		r = add_record(o, &bs->rec[i]);
	return r;
}
