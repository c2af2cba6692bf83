/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The plan's notes and guard hits as report items (plan_report.h). */
#include "plan_report.h"

#include <stdio.h>
#include <string.h>

#include "loader.h"
#include "nls.h"
#include "plan_int.h"
#include "preflight.h"
#include "strbuf.h"

#define NOTE(r, ...) gp_report_add(r, GP_PLAN_TOPIC_NOTES, GP_ROLE_NOTE, __VA_ARGS__)

/* What may keep the next boot from getting what the drop-in adds. */
static int add_cmdline_doubts(const struct gp_plan *pl, const struct gp_syscheck *chk,
			      struct gp_report *r)
{
	const struct gp_nextboot *nb = &chk->next;
	int e = 0;

	if (nb->source && nb->unsafe && !nb->read_err)
		e = NOTE(r, GP_MSG_PLAN_CMDLINE_UNSAFE, nb->where.path, (size_t)nb->where.line,
			 nb->where.what);
	if (e == 0 && chk->iommu.verdict == GP_IOMMU_DISABLED_CMDLINE &&
	    gp_syscheck_off_this_boot_only(chk))
		e = NOTE(r, GP_MSG_PLAN_OFF_THIS_BOOT_ONLY, chk->iommu.off_param);
	if (e == 0 && pl->cmdline_lost[0])
		e = gp_report_add(r, GP_PLAN_TOPIC_NOTES, GP_ROLE_NOTE, GP_MSG_PLAN_CMDLINE_LOST,
				  chk->loader->cmdline_file, pl->cmdline_lost);
	return e;
}

static int add_notes(const struct gp_plan *pl, const struct gp_syscheck *chk,
		     struct gp_report *r)
{
	int e = 0;

	if (pl->iommu_unusable)
		e = NOTE(r, GP_MSG_PLAN_IOMMU_UNUSABLE);
	if (e == 0 && (pl->bootloader_unsupported || !chk->loader)) {
		e = NOTE(r, GP_MSG_PLAN_BOOTLOADER_UNSUPPORTED);
		if (e == 0 && pl->cmdline_manual[0])
			e = NOTE(r, GP_MSG_PLAN_CMDLINE_MANUAL, pl->cmdline_manual);
	} else if (e == 0 && pl->cmdline_added[0]) {
		e = NOTE(r, GP_MSG_PLAN_CMDLINE_ADDS, pl->cmdline_added,
			 pl->trial ? N_("the trial boot entry; the normal boot entries after "
					"--confirm") : chk->loader->entries,
			 chk->loader->cmdline_file);
	} else if (e == 0) {
		e = NOTE(r, GP_MSG_PLAN_CMDLINE_NOTHING);
	}
	if (e == 0 && !pl->bootloader_unsupported && chk->loader)
		e = add_cmdline_doubts(pl, chk, r);
	if (e == 0 && pl->cmdline_remove[0])
		e = NOTE(r, GP_MSG_PLAN_CMDLINE_REMOVE, pl->cmdline_remove);
	/* Trial or not: said only when the plan changes something. */
	if (e == 0 && pl->trial)
		e = NOTE(r, GP_MSG_PLAN_TRIAL, "gpupt-setup trial");
	else if (e == 0 && pl->trial_blocked[0] && pl->n_files && chk->loader)
		e = NOTE(r, GP_MSG_PLAN_TRIAL_BLOCKED, chk->loader->title, pl->trial_blocked);
	else if (e == 0 && pl->trial_unavailable && pl->n_files && chk->loader)
		e = NOTE(r, GP_MSG_PLAN_TRIAL_UNAVAILABLE, chk->loader->title);
	else if (e == 0 && pl->no_trial && pl->n_files && chk->loader)
		e = NOTE(r, GP_MSG_PLAN_PERMANENT);
	/* No initramfs tool is a refusal now (GP_GUARD_NO_GENERATOR), not a note. */
	for (size_t i = 0; e == 0 && i < pl->n_files; i++) {
		const struct gp_file_change *f = &pl->files[i];
		char mode[8];

		if (!f->unsafe)
			continue;
		snprintf(mode, sizeof(mode), "%04o", (unsigned int)f->old_mode);
		e = NOTE(r, GP_MSG_PLAN_MODE_CORRECTED, f->path, mode, (size_t)f->old_uid,
			 (size_t)f->old_gid);
	}
	return e;
}

static const struct gp_pci_dev *dev_at(const struct gp_inventory *inv, const char *addr)
{
	long k = gp_inventory_find(inv, addr);

	return k >= 0 ? &inv->devs[k] : NULL;
}

/* The facts of a display guard: which outputs show the host's screen. */
static int display_detail(const struct gp_inventory *inv, const struct gp_guard_hit *h,
			  struct gp_report *r, enum gp_severity sev, int topic)
{
	const struct gp_pci_dev *d = dev_at(inv, h->address);
	struct gp_strbuf outputs = GP_STRBUF_INIT;
	size_t i;
	int e = 0;

	for (i = 0; d && d->gpu && i < d->gpu->n_connected_outputs && e == 0; i++)
		e = gp_strbuf_addf(&outputs, "%s%s", i ? ", " : "", d->gpu->connected_outputs[i]);
	if (e == 0 && d && d->boot_vga == 1 && outputs.len)
		e = gp_report_add_sev(r, sev, topic, GP_ROLE_DETAIL, GP_MSG_GUARD_BOOT_VGA_MONITOR,
				      h->address, gp_strbuf_str(&outputs));
	else if (e == 0 && d && d->boot_vga == 1)
		e = gp_report_add_sev(r, sev, topic, GP_ROLE_DETAIL, GP_MSG_GUARD_BOOT_VGA_CONSOLE,
				      h->address);
	else if (e == 0)
		e = gp_report_add_sev(r, sev, topic, GP_ROLE_DETAIL, GP_MSG_GUARD_MONITOR,
				      h->address, gp_strbuf_str(&outputs));
	gp_strbuf_release(&outputs);
	return e;
}

static int group_detail(const struct gp_guard_hit *h, struct gp_report *r,
			enum gp_severity sev, int topic)
{
	switch (h->reason) {
	case GP_GROUP_REASON_ROUTE_NIC:
		return gp_report_add_sev(r, sev, topic, GP_ROLE_DETAIL, GP_MSG_GUARD_GROUP_ROUTE_NIC,
					 h->group, h->address, h->what);
	case GP_GROUP_REASON_MOUNT:
		return gp_report_add_sev(r, sev, topic, GP_ROLE_DETAIL, GP_MSG_GUARD_GROUP_MOUNT,
					 h->group, h->address, h->what);
	default:
		return gp_report_add_sev(r, sev, topic, GP_ROLE_DETAIL, GP_MSG_GUARD_GROUP_STORAGE,
					 h->group, h->address);
	}
}

enum gp_msg gp_plan_guard_summary(enum gp_guard g)
{
	switch (g) {
	case GP_GUARD_BOOT_DISPLAY:
		return GP_MSG_GUARD_BOOT_DISPLAY;
	case GP_GUARD_LAST_GPU:
		return GP_MSG_GUARD_LAST_GPU;
	case GP_GUARD_GROUP:
		return GP_MSG_GUARD_GROUP;
	case GP_GUARD_IOMMU:
		return GP_MSG_GUARD_IOMMU;
	case GP_GUARD_PARTIAL_GROUP:
		return GP_MSG_GUARD_PARTIAL_GROUP;
	case GP_GUARD_NO_GENERATOR:
		return GP_MSG_PRE_NO_GENERATOR;
	case GP_GUARD_NO_KERNEL:
		return GP_MSG_PRE_NO_KERNEL;
	case GP_GUARD_KERNEL_HALF:
		return GP_MSG_PRE_KERNEL_HALF;
	case GP_GUARD_NOT_INSTALLED:
		return GP_MSG_PRE_NOT_INSTALLED;
	case GP_GUARD_NO_VFIO:
		return GP_MSG_PRE_NO_VFIO;
	}
	return GP_MSG_NONE;
}

/* The endpoints a partial group leaves to the host, named, as one detail. */
static int partial_group_detail(const struct gp_inventory *inv, const struct gp_guard_hit *h,
				struct gp_report *r, enum gp_severity sev, int topic)
{
	struct gp_strbuf list = GP_STRBUF_INIT;
	size_t i;
	int e = 0;

	for (i = 0; i < h->n_facts && e == 0; i++) {
		const struct gp_pci_dev *d = dev_at(inv, h->facts[i].arg);
		char label[128] = "";

		if (d)
			plan_dev_label(d, label, sizeof(label));
		e = gp_strbuf_addf(&list, "%s%s%s%s%s", i ? ", " : "", h->facts[i].arg,
				   label[0] ? " (" : "", label, label[0] ? ")" : "");
	}
	if (e == 0)
		e = gp_report_add_sev(r, sev, topic, GP_ROLE_DETAIL,
				      GP_MSG_GUARD_PARTIAL_GROUP_MEMBERS, h->group,
				      gp_strbuf_str(&list));
	gp_strbuf_release(&list);
	return e;
}

/* One detail per fact of a preflight refusal, then what to do. */
static int preflight_detail(const struct gp_guard_hit *h, struct gp_report *r, int topic)
{
	static const enum gp_msg fact_msg[] = {
		[GP_PREFLIGHT_KERNEL_NONE] = GP_MSG_PRE_KERNEL_NONE,
		[GP_PREFLIGHT_KERNEL_RUNNING_UNKNOWN] = GP_MSG_PRE_KERNEL_RUNNING_UNKNOWN,
		[GP_PREFLIGHT_KERNEL_NO_MODULES] = GP_MSG_PRE_KERNEL_NO_MODULES,
		[GP_PREFLIGHT_KERNEL_NO_IMAGE] = GP_MSG_PRE_KERNEL_NO_IMAGE,
		[GP_PREFLIGHT_KERNEL_NO_INITRD] = GP_MSG_PRE_KERNEL_NO_INITRD,
		[GP_PREFLIGHT_PIECE_MISSING] = GP_MSG_PRE_PIECE_MISSING,
		[GP_PREFLIGHT_PIECE_NOT_EXECUTABLE] = GP_MSG_PRE_PIECE_NOT_EXECUTABLE,
		[GP_PREFLIGHT_VFIO_MISSING] = GP_MSG_PRE_VFIO_MISSING,
		[GP_PREFLIGHT_KERNEL_ABSENT] = GP_MSG_PRE_KERNEL_ABSENT,
	};
	const size_t n_facts = sizeof(fact_msg) / sizeof(fact_msg[0]);
	enum gp_msg fix = h->guard == GP_GUARD_NO_GENERATOR ? GP_MSG_PRE_FIX_GENERATOR :
		h->guard == GP_GUARD_NOT_INSTALLED ? GP_MSG_PRE_FIX_INSTALL :
		h->guard == GP_GUARD_NO_VFIO ? GP_MSG_PRE_FIX_VFIO : GP_MSG_PRE_FIX_KERNEL;
	size_t i;
	int e = 0;

	if (h->guard == GP_GUARD_NO_GENERATOR)
		e = gp_report_add(r, topic, GP_ROLE_DETAIL, GP_MSG_PRE_NO_GENERATOR_DETAIL);
	for (i = 0; i < h->n_facts && e == 0; i++) {
		const struct gp_guard_fact *f = &h->facts[i];
		enum gp_msg m = f->what > 0 && (size_t)f->what < n_facts ? fact_msg[f->what] :
			GP_MSG_NONE;

		if (m == GP_MSG_PRE_VFIO_MISSING)
			e = gp_report_add(r, topic, GP_ROLE_DETAIL, m, f->arg,
					  gp_check_module_name((enum gp_check_module)f->module));
		else if (m == GP_MSG_PRE_KERNEL_NONE || m == GP_MSG_PRE_KERNEL_RUNNING_UNKNOWN)
			e = gp_report_add(r, topic, GP_ROLE_DETAIL, m);
		else if (m != GP_MSG_NONE)
			e = gp_report_add(r, topic, GP_ROLE_DETAIL, m, f->arg);
	}
	if (e == 0)
		e = gp_report_add(r, topic, GP_ROLE_FIX, fix);
	return e;
}

static int add_guard(const struct gp_plan *pl, const struct gp_inventory *inv, size_t i,
		     struct gp_report *r)
{
	const struct gp_guard_hit *h = &pl->guards[i];
	enum gp_severity sev = h->forced ? GP_SEV_WARN : GP_SEV_FAIL;
	int topic = (int)i, e;

	e = gp_report_add_sev(r, sev, topic, GP_ROLE_SUMMARY, gp_plan_guard_summary(h->guard));
	if (e < 0)
		return e;
	switch (h->guard) {
	case GP_GUARD_BOOT_DISPLAY:
		return display_detail(inv, h, r, sev, topic);
	case GP_GUARD_LAST_GPU:
		return gp_report_add_sev(r, sev, topic, GP_ROLE_DETAIL,
					 GP_MSG_GUARD_LAST_GPU_DETAIL, h->address);
	case GP_GUARD_GROUP:
		return group_detail(h, r, sev, topic);
	case GP_GUARD_IOMMU:
		e = gp_report_add_sev(r, sev, topic, GP_ROLE_DETAIL, GP_MSG_GUARD_IOMMU_INACTIVE,
				      h->detail);
		/* Why the refusal may go away by itself after the reboot. */
		if (e == 0 && strstr(pl->cmdline_added, "intel_iommu=on"))
			e = gp_report_add_sev(r, sev, topic, GP_ROLE_DETAIL,
					      GP_MSG_GUARD_IOMMU_INTEL_ON_ADDED);
		return e;
	case GP_GUARD_PARTIAL_GROUP:
		return partial_group_detail(inv, h, r, sev, topic);
	case GP_GUARD_NO_GENERATOR:
	case GP_GUARD_NO_KERNEL:
	case GP_GUARD_KERNEL_HALF:
	case GP_GUARD_NOT_INSTALLED:
	case GP_GUARD_NO_VFIO:
		return preflight_detail(h, r, topic);
	}
	return 0;
}

int gp_plan_report(const struct gp_plan *plan, const struct gp_inventory *inv,
		   const struct gp_syscheck *chk, struct gp_report *r)
{
	size_t i;
	int e = add_notes(plan, chk, r);

	for (i = 0; e == 0 && i < plan->n_guards; i++)
		e = add_guard(plan, inv, i, r);
	return e;
}
