/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `--check`: the system check, as a readable list or as JSON.
 *
 * The engine decides each item's state and keeps the evidence (syscheck.h)
 * and words it as report items (check_report.h); this file only renders
 * them.  Text output is translated; in JSON the summary and fix are the
 * untranslated English msgids, so scripts can rely on them, and the
 * "detail" objects carry the evidence as data.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "nls.h"
#include "trial.h"
#include "check_report.h"
#include "loader.h"
#include "syscheck.h"

/* --- IOMMU ------------------------------------------------------------- */

static const char *kconfig_json(enum gp_kconfig_val v)
{
	switch (v) {
	case GP_KCONFIG_NOT_SET: return "n";
	case GP_KCONFIG_Y: return "y";
	case GP_KCONFIG_M: return "m";
	case GP_KCONFIG_OTHER: return "other";
	default: return NULL;
	}
}

static void json_err(struct gp_json *j, const char *key, int err)
{
	const char *name = err ? strerrorname_np(err < 0 ? -err : err) : NULL;

	if (err)
		gp_json_string(j, key, name ? name : "EUNKNOWN");
	else
		gp_json_null(j, key);
}

static void json_iommu(const struct gp_syscheck *c, struct gp_json *j)
{
	static const char *const verdict[] = {
		[GP_IOMMU_ACTIVE] = "active", [GP_IOMMU_DISABLED_CMDLINE] = "disabled_cmdline",
		[GP_IOMMU_OFF_BY_DEFAULT] = "off_by_default", [GP_IOMMU_KERNEL_LACKS] = "kernel_lacks",
		[GP_IOMMU_TABLE_UNUSED] = "table_unused", [GP_IOMMU_IN_VM] = "in_vm",
		[GP_IOMMU_NO_CPU_VIRT] = "no_cpu_virt",
		[GP_IOMMU_NO_FIRMWARE_TABLE] = "no_firmware_table", [GP_IOMMU_UNKNOWN] = "unknown",
	};
	static const char *const mode[] = { "unknown", "translated", "passthrough", "mixed" };
	static const char *const hw[] = { "none", "intel", "amd", "other" };
	const struct gp_iommu_status *st = &c->iommu;

	gp_json_string(j, "verdict", verdict[st->verdict]);
	gp_json_int(j, "groups", st->groups);
	gp_json_string(j, "mode", mode[st->mode]);
	gp_json_string(j, "hardware", hw[st->hw]);
	if (st->acpi_err) {
		gp_json_null(j, "acpi_dmar");
		gp_json_null(j, "acpi_ivrs");
	} else {
		gp_json_bool(j, "acpi_dmar", st->dmar);
		gp_json_bool(j, "acpi_ivrs", st->ivrs);
	}
	gp_json_string(j, "cmdline_off_param", st->off_param[0] ? st->off_param : NULL);
	gp_json_bool(j, "cmdline_intel_iommu_on", st->on_param);
	gp_json_bool(j, "cmdline_iommu_pt", st->pt_param);
	gp_json_string(j, "config_intel_iommu_default_on", kconfig_json(st->cfg_intel_default_on));
	gp_json_string(j, "unreadable", st->verdict == GP_IOMMU_UNKNOWN ? st->unknown_path : NULL);
	json_err(j, "error", st->verdict == GP_IOMMU_UNKNOWN ? st->unknown_err : 0);
}

/* --- CPU ----------------------------------------------------------------- */

static void json_cpu(const struct gp_syscheck *c, struct gp_json *j)
{
	static const char *const vendor[] = { "unknown", "intel", "amd", "other" };

	json_err(j, "error", c->cpu_err);
	if (c->cpu_err)
		return;
	gp_json_string(j, "vendor", vendor[c->cpu.vendor]);
	gp_json_string(j, "vendor_id", c->cpu.vendor_id);
	gp_json_bool(j, "vmx", c->cpu.vmx);
	gp_json_bool(j, "svm", c->cpu.svm);
	gp_json_bool(j, "hypervisor", c->cpu.hypervisor);
}

/* --- vfio ---------------------------------------------------------------- */

static const char *avail_json(enum gp_module_avail a)
{
	static const char *const s[] = { "unknown", "missing", "module", "builtin" };

	return s[a];
}

static void json_vfio(const struct gp_syscheck *c, struct gp_json *j)
{
	size_t i;

	json_err(j, "error", c->kernels_err);
	gp_json_array_open(j, "kernels");
	for (i = 0; i < c->n_kernels; i++) {
		const struct gp_kernel_check *k = &c->kernels[i];

		gp_json_object_open(j, NULL);
		gp_json_string(j, "release", k->kver);
		gp_json_bool(j, "running", k->running);
		json_err(j, "error", k->err);
		gp_json_string(j, "vfio_pci", avail_json(k->mod[GP_MOD_VFIO_PCI]));
		gp_json_string(j, "vfio_iommu_type1", avail_json(k->mod[GP_MOD_VFIO_IOMMU_TYPE1]));
		gp_json_object_close(j);
	}
	gp_json_array_close(j);
}

/* --- GPU drivers ----------------------------------------------------------- */

static void json_gpu_drivers(const struct gp_syscheck *c, struct gp_json *j)
{
	int m;

	json_err(j, "loaded_error", c->loaded_err);
	gp_json_array_open(j, "drivers");
	for (m = GP_MOD_FIRST_GPU; m < GP_MOD_N; m++) {
		size_t i;

		gp_json_object_open(j, NULL);
		gp_json_string(j, "name", gp_check_module_name((enum gp_check_module)m));
		if (c->loaded_err)
			gp_json_null(j, "loaded");
		else
			gp_json_bool(j, "loaded", c->loaded[m]);
		gp_json_object_open(j, "kernels");
		for (i = 0; i < c->n_kernels; i++)
			gp_json_string(j, c->kernels[i].kver, avail_json(c->kernels[i].mod[m]));
		gp_json_object_close(j);
		gp_json_object_close(j);
	}
	gp_json_array_close(j);
}

/* --- boot loader ------------------------------------------------------------ */

/* What the boot loader gives the next boot; null members when it was not read. */
static void json_next_boot(const struct gp_nextboot *nb, struct gp_json *j)
{
	int known = nb->source != NULL;

	gp_json_object_open(j, "next_boot");
	gp_json_string(j, "source", nb->source);
	gp_json_string(j, "from", nb->from);
	gp_json_string(j, "cmdline", nb->line);
	gp_json_string(j, "cmdline_without_gpupt", nb->base);
	if (known) {
		gp_json_bool(j, "intel_iommu_on", nb->line_params.on_param);
		gp_json_bool(j, "iommu_pt", nb->line_params.pt_param);
	} else {
		gp_json_null(j, "intel_iommu_on");
		gp_json_null(j, "iommu_pt");
	}
	if (known && nb->unsafe && !nb->read_err) {
		gp_json_object_open(j, "unevaluable");
		gp_json_string(j, "path", nb->where.path);
		gp_json_int(j, "line", (int)nb->where.line);
		gp_json_string(j, "construct", nb->where.what);
		gp_json_object_close(j);
	} else {
		gp_json_null(j, "unevaluable");
	}
	gp_json_string(j, "unreadable", nb->read_err ? nb->read_path : NULL);
	json_err(j, "error", nb->read_err);
	gp_json_object_close(j);
}

/* The back end in charge and what it changes (loader.h); null when there is none. */
static void json_loader(const struct gp_syscheck *c, struct gp_json *j)
{
	const struct gp_loader_ops *lo = c->loader;
	size_t i;

	if (!lo) {
		gp_json_null(j, "loader");
		return;
	}
	gp_json_object_open(j, "loader");
	gp_json_string(j, "name", lo->name);
	gp_json_string(j, "cmdline_file", lo->cmdline_file);
	gp_json_array_open(j, "changes");
	for (i = 0; lo->files[i]; i++)
		gp_json_string(j, NULL, lo->files[i]);
	gp_json_array_close(j);
	gp_json_string(j, "regenerate", lo->regenerate);
	gp_json_string(j, "missing", lo->missing(&c->boot));
	gp_json_object_close(j);
}

static void json_bootloader(const struct gp_syscheck *c, struct gp_json *j)
{
	const struct gp_bootloader *b = &c->boot;

	gp_json_object_open(j, "grub");
	gp_json_bool(j, "etc_default_grub", b->grub_default);
	gp_json_bool(j, "etc_default_grub_d", b->grub_default_d);
	gp_json_bool(j, "grub_cfg", b->grub_cfg);
	gp_json_bool(j, "update_grub", b->update_grub);
	gp_json_object_close(j);
	gp_json_string(j, "systemd_boot_loader_conf", b->sdboot_loader);
	gp_json_bool(j, "kernelstub", b->kernelstub);
	gp_json_string(j, "this_boot_cmdline", c->cmdline);
	json_next_boot(&c->next, j);
	json_loader(c, j);
}

/* --- initramfs ------------------------------------------------------------ */

static void json_initramfs(const struct gp_syscheck *c, struct gp_json *j)
{
	static const char *const kind[] = { NULL, "initramfs-tools", "dracut" };
	static const char *const by[] = { NULL, "dpkg", "script", "files" };
	const struct gp_initramfs *i = &c->initramfs;

	gp_json_string(j, "generator", kind[i->kind]);
	gp_json_string(j, "evidence", by[i->by]);
	gp_json_bool(j, "update_initramfs", i->update_initramfs);
	gp_json_bool(j, "update_initramfs_runs_dracut", i->wrapper_runs_dracut);
	gp_json_bool(j, "initramfs_conf", i->tools_conf);
	gp_json_bool(j, "mkinitramfs", i->mkinitramfs);
	gp_json_bool(j, "dracut", i->dracut);
	gp_json_bool(j, "dracut_conf", i->dracut_conf);
	/* Only where dracut builds the images, so other hosts' JSON stays as it was. */
	if (i->kind == GP_INITRAMFS_DRACUT)
		gp_json_bool(j, "dracut_module", i->dracut_module);
}

/* --- /boot ------------------------------------------------------------------ */

static void json_fs(const struct gp_fs_info *fs, struct gp_json *j)
{
	static const char *const from[] = { NULL, "blkid", "mountinfo" };

	json_err(j, "mount_error", fs->mount_err);
	if (fs->mount_err)
		return;
	gp_json_string(j, "mount_point", fs->mount_point);
	gp_json_string(j, "source", fs->source);
	gp_json_string(j, "fstype", fs->fstype);
	gp_json_string(j, "fstype_from", from[fs->fstype_from]);
	json_err(j, "probe_error", fs->probe_err);
	gp_json_string(j, "partition_type", fs->part_type[0] ? fs->part_type : NULL);
}

static void json_boot_space(const struct gp_syscheck *c, struct gp_json *j)
{
	const struct gp_bootfs *b = &c->bootfs;

	json_fs(&b->fs, j);
	json_err(j, "statvfs_error", b->statvfs_err);
	if (b->statvfs_err)
		gp_json_null(j, "free_bytes");
	else
		gp_json_uint(j, "free_bytes", b->free_bytes);
	gp_json_string(j, "initrd", b->initrd[0] ? b->initrd : NULL);
	json_err(j, "initrd_error", b->initrd_err);
	if (b->initrd_err) {
		gp_json_null(j, "initrd_bytes");
		gp_json_null(j, "need_bytes");
	} else {
		gp_json_uint(j, "initrd_bytes", b->initrd_bytes);
		gp_json_uint(j, "need_bytes", b->need_bytes);
	}
}

/* --- firmware ---------------------------------------------------------------- */

static void json_firmware(const struct gp_syscheck *c, struct gp_json *j)
{
	static const char *const sb[] = { NULL, "off", "on", "not_applicable" };
	const struct gp_firmware *f = &c->firmware;

	gp_json_string(j, "boot_mode", f->efi < 0 ? NULL : f->efi ? "uefi" : "bios");
	json_err(j, "error", f->efi < 0 ? f->efi : 0);
	gp_json_string(j, "secure_boot", sb[f->secure_boot]);
	json_err(j, "secure_boot_error", f->secure_boot == GP_SB_UNKNOWN ? f->sb_err : 0);
	if (!f->esp_found) {
		gp_json_null(j, "esp");
		return;
	}
	gp_json_object_open(j, "esp");
	json_fs(&f->esp, j);
	gp_json_bool(j, "partition_type_confirmed", f->esp_confirmed);
	gp_json_object_close(j);
}

/* --- the list ---------------------------------------------------------------- */

struct item {
	const char *id;        /* JSON id: stable */
	void (*json)(const struct gp_syscheck *, struct gp_json *);
};

static const struct item items[GP_CHECK_N_ITEMS] = {
	[GP_CHECK_IOMMU] = { "iommu", json_iommu },
	[GP_CHECK_CPU] = { "cpu", json_cpu },
	[GP_CHECK_VFIO] = { "vfio", json_vfio },
	[GP_CHECK_GPU_DRIVERS] = { "gpu_drivers", json_gpu_drivers },
	[GP_CHECK_BOOTLOADER] = { "bootloader", json_bootloader },
	[GP_CHECK_INITRAMFS] = { "initramfs", json_initramfs },
	[GP_CHECK_BOOT_SPACE] = { "boot_space", json_boot_space },
	[GP_CHECK_FIRMWARE] = { "firmware", json_firmware },
};

static const char *state_json(enum gp_check_state s)
{
	static const char *const n[] = { "ok", "warn", "fail", "unknown" };

	return n[s];
}

static const char *state_label(enum gp_check_state s)
{
	switch (s) {
	case GP_STATE_OK: return _("[ ok ]");
	case GP_STATE_WARN: return _("[warn]");
	case GP_STATE_FAIL: return _("[FAIL]");
	default: return _("[ ?? ]");
	}
}

/* The text of the first item of @topic in @role, or NULL; into @sb. */
static const char *item_text(const struct gp_report *r, int topic, enum gp_item_role role,
			     int translate, struct gp_strbuf *sb)
{
	long i = gp_report_find(r, 0, topic, role);

	gp_strbuf_reset(sb);
	if (i < 0 || gp_report_format(&r->item[i], translate, sb) < 0)
		return NULL;
	return gp_strbuf_str(sb);
}

static void print_text(const struct gp_syscheck *c, const struct gp_report *r, FILE *out)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;
	const char *fix;
	int i, fails = 0;
	long d;

	for (i = 0; i < GP_CHECK_N_ITEMS; i++) {
		const char *summary = item_text(r, i, GP_ROLE_SUMMARY, 1, &sb);

		fprintf(out, "%s %s: %s\n", state_label(c->state[i]), _(gp_check_item_title((enum gp_check_item)i)),
			summary ? summary : "");
		for (d = gp_report_find(r, 0, i, GP_ROLE_DETAIL); d >= 0;
		     d = gp_report_find(r, (size_t)d + 1, i, GP_ROLE_DETAIL)) {
			gp_strbuf_reset(&sb);
			if (gp_report_format(&r->item[d], 1, &sb) == 0)
				fprintf(out, "       %s\n", gp_strbuf_str(&sb));
		}
		fix = item_text(r, i, GP_ROLE_FIX, 1, &sb);
		if (fix)
			fprintf(out, _("       fix: %s\n"), fix);
		fails += c->state[i] == GP_STATE_FAIL;
	}
	gp_strbuf_release(&sb);
	fputc('\n', out);
	if (fails)
		fprintf(out, P_("Passthrough cannot work yet: %d item must change.\n",
				"Passthrough cannot work yet: %d items must change.\n", fails), fails);
	else
		fputs(_("Passthrough can work as things stand.\n"), out);
}

/* The large BARs of the firmware item (check_report.h), as data; only when there are. */
static void json_large_bars(const struct gp_report *r, struct gp_json *j)
{
	int open = 0;

	for (size_t i = 0; i < r->n; i++) {
		const struct gp_report_item *it = &r->item[i];

		if (it->code != GP_MSG_CHK_LARGE_BAR)
			continue;
		if (!open++)
			gp_json_array_open(j, "large_bars");
		gp_json_object_open(j, NULL);
		gp_json_string(j, "address", it->arg[0].v.s);
		gp_json_int(j, "bar", it->arg[1].v.i);
		gp_json_uint(j, "size", it->arg[2].v.u);
		gp_json_object_close(j);
	}
	if (open)
		gp_json_array_close(j);
}

/* JSON keeps the English msgids, so scripts can rely on them. */
static void print_json(const struct gp_syscheck *c, const struct gp_report *r,
		       const char *trial, FILE *out)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;
	struct gp_json j;
	int i;

	gp_json_init(&j, out);
	gp_json_object_open(&j, NULL);
	gp_json_int(&j, "schema_version", 1);
	gp_json_array_open(&j, "items");
	for (i = 0; i < GP_CHECK_N_ITEMS; i++) {
		gp_json_object_open(&j, NULL);
		gp_json_string(&j, "id", items[i].id);
		gp_json_string(&j, "state", state_json(c->state[i]));
		gp_json_string(&j, "summary", item_text(r, i, GP_ROLE_SUMMARY, 0, &sb));
		gp_json_object_open(&j, "detail");
		items[i].json(c, &j);
		if (i == GP_CHECK_FIRMWARE)
			json_large_bars(r, &j);
		gp_json_object_close(&j);
		gp_json_string(&j, "fix", item_text(r, i, GP_ROLE_FIX, 0, &sb));
		gp_json_object_close(&j);
	}
	gp_strbuf_release(&sb);
	gp_json_array_close(&j);
	gp_json_bool(&j, "passthrough_possible", gp_syscheck_passthrough_possible(c));
	gp_json_string(&j, "trial", trial);
	gp_json_object_close(&j);
	gp_json_finish(&j);
}

/* A trial boot pending, running or failed: said after the verdict (trial.h). */
static void put_trial(const struct gp_trial *t, FILE *out)
{
	struct gp_report rep = GP_REPORT_INIT;
	struct gp_strbuf text = GP_STRBUF_INIT;

	if (gp_trial_report(t, 0, &rep) < 0 || !rep.n) {
		gp_report_free(&rep);
		return;
	}
	gp_report_format_all(&rep, 1, &text);
	fputc('\n', out);
	fputs(gp_strbuf_str(&text), out);
	gp_strbuf_release(&text);
	gp_report_free(&rep);
}

int gp_cli_check(struct gp_cli *cli, FILE *out)
{
	struct gp_report rep = GP_REPORT_INIT;
	struct gp_inventory *inv = NULL;
	struct gp_syscheck c;
	struct gp_trial trial;
	int r, trial_ok;

	r = gp_syscheck_run(&cli->path, &c);
	if (r < 0) {
		gp_cli_errmsg(_("system check"), r);
		return GP_EXIT_ERROR;
	}
	r = gp_check_report(&c, &rep);
	/* The firmware setting a large BAR needs; no inventory, no such note. */
	if (r == 0 && gp_inventory_build(&cli->path, &inv) == 0) {
		r = gp_check_report_large_bars(inv, &rep);
		gp_inventory_free(inv);
	}
	if (r < 0) {
		gp_report_free(&rep);
		gp_syscheck_free(&c);
		gp_cli_errmsg(_("system check"), r);
		return GP_EXIT_ERROR;
	}
	/* Read once for both outputs; unreadable: JSON null, no text (--status says why). */
	trial_ok = gp_trial_read(&cli->path, c.loader, c.cmdline, &trial) == 0;
	if (cli->json) {
		print_json(&c, &rep, trial_ok ? gp_trial_state_name(trial.state) : NULL, out);
	} else {
		print_text(&c, &rep, out);
		if (trial_ok)
			put_trial(&trial, out);
	}
	r = gp_syscheck_passthrough_possible(&c) ? GP_EXIT_OK : GP_EXIT_CHANGE_NEEDED;
	gp_report_free(&rep);
	gp_syscheck_free(&c);
	return r;
}
