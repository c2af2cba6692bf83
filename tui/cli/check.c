/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `--check`: the system check, as a readable list or as JSON.
 *
 * The engine (syscheck.h) decides each item's state and keeps the evidence;
 * this file puts it into words.  Text output is translated; in JSON the
 * summary and fix are the untranslated English msgids, so scripts can rely
 * on them, and the "detail" objects carry the evidence as data.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "nls.h"
#include "check_report.h"
#include "syscheck.h"

#define LINE_MAX_ 1024
#define DETAIL_MAX 12

/* What is said about one item. */
struct words {
	char summary[LINE_MAX_];
	char fix[LINE_MAX_];
	char detail[DETAIL_MAX][LINE_MAX_];
	int n_detail;
};

/* Raw (JSON) output keeps the English msgid; text output translates it. */
static int raw_words;

__attribute__((format_arg(1)))
static const char *tr(const char *s)
{
	return raw_words ? s : _(s);
}

__attribute__((format_arg(1), format_arg(2)))
static const char *trp(const char *one, const char *many, unsigned long n)
{
	return raw_words ? (n == 1 ? one : many) : P_(one, many, n);
}

__attribute__((format(printf, 3, 4)))
static void put(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

#define SUMMARY(w, ...) put((w)->summary, sizeof((w)->summary), __VA_ARGS__)
#define FIX(w, ...) put((w)->fix, sizeof((w)->fix), __VA_ARGS__)
#define DETAIL(w, ...) do { \
		if ((w)->n_detail < DETAIL_MAX) \
			put((w)->detail[(w)->n_detail++], LINE_MAX_, __VA_ARGS__); \
	} while (0)

static const char *err_text(int err)
{
	return strerror(err < 0 ? -err : err);
}

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

static const char *avail_words(enum gp_module_avail a)
{
	switch (a) {
	case GP_MODULE_LOADABLE: return tr(N_("module"));
	case GP_MODULE_BUILTIN: return tr(N_("built in"));
	case GP_MODULE_MISSING: return tr(N_("missing"));
	default: return tr(N_("unknown"));
	}
}

static const char *avail_json(enum gp_module_avail a)
{
	static const char *const s[] = { "unknown", "missing", "module", "builtin" };

	return s[a];
}

static const char *kernel_label(const struct gp_kernel_check *k)
{
	return k->running ? tr(N_(" (running)")) : "";
}

static void word_vfio(const struct gp_syscheck *c, struct words *w, enum gp_check_state s)
{
	size_t i, missing = 0;

	for (i = 0; i < c->n_kernels; i++) {
		const struct gp_kernel_check *k = &c->kernels[i];

		if (k->err) {
			DETAIL(w, tr(N_("%s%s: cannot read its module index (modules.dep): %s")), k->kver,
			       kernel_label(k), err_text(k->err));
			continue;
		}
		if (k->mod[GP_MOD_VFIO_PCI] == GP_MODULE_MISSING ||
		    k->mod[GP_MOD_VFIO_IOMMU_TYPE1] == GP_MODULE_MISSING)
			missing++;
		DETAIL(w, tr(N_("%s%s: vfio-pci %s, vfio_iommu_type1 %s")), k->kver, kernel_label(k),
		       avail_words(k->mod[GP_MOD_VFIO_PCI]),
		       avail_words(k->mod[GP_MOD_VFIO_IOMMU_TYPE1]));
	}
	if (!c->n_kernels) {
		SUMMARY(w, tr(N_("cannot tell: no kernel found (%s)")), c->kernels_err ?
			err_text(c->kernels_err) : "/lib/modules");
		return;
	}
	switch (s) {
	case GP_STATE_OK:
		SUMMARY(w, trp("vfio-pci and vfio_iommu_type1 are in the installed kernel",
			       "vfio-pci and vfio_iommu_type1 are in all %zu kernels",
			       c->n_kernels), c->n_kernels);
		break;
	case GP_STATE_FAIL:
		SUMMARY(w, trp("vfio-pci or vfio_iommu_type1 is missing from %zu kernel",
			       "vfio-pci or vfio_iommu_type1 is missing from %zu kernels",
			       missing), missing);
		FIX(w, "%s", tr(N_("boot a kernel that has VFIO (Debian linux-image-amd64, Ubuntu "
				  "linux-generic), and remove the kernels without it")));
		break;
	default:
		SUMMARY(w, "%s", tr(N_("cannot tell for every kernel")));
		break;
	}
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

static void word_gpu_drivers(const struct gp_syscheck *c, struct words *w, enum gp_check_state s)
{
	char loaded[256] = "", builtin[256] = "";
	int m;

	for (m = GP_MOD_FIRST_GPU; m < GP_MOD_N; m++) {
		const char *name = gp_check_module_name((enum gp_check_module)m);
		size_t i, with = 0, known = 0;

		if (c->loaded[m])
			put(loaded + strlen(loaded), sizeof(loaded) - strlen(loaded), "%s%s",
			    loaded[0] ? ", " : "", name);
		for (i = 0; i < c->n_kernels; i++) {
			const struct gp_kernel_check *k = &c->kernels[i];

			if (k->err)
				continue;
			known++;
			with += k->mod[m] == GP_MODULE_LOADABLE || k->mod[m] == GP_MODULE_BUILTIN;
			if (k->running && k->mod[m] == GP_MODULE_BUILTIN)
				put(builtin + strlen(builtin), sizeof(builtin) - strlen(builtin),
				    "%s%s", builtin[0] ? ", " : "", name);
		}
		if (with || c->loaded[m])
			DETAIL(w, tr(N_("%s: in %zu of %zu kernels%s")), name, with, known,
			       c->loaded[m] ? tr(N_(", loaded now")) : "");
	}
	if (s == GP_STATE_UNKNOWN) {
		SUMMARY(w, tr(N_("cannot tell: %s: %s")), "/proc/modules", err_text(c->loaded_err));
		return;
	}
	if (c->loaded_err)
		SUMMARY(w, tr(N_("loaded now: cannot tell (%s: %s)")), "/proc/modules",
			err_text(c->loaded_err));
	else if (loaded[0])
		SUMMARY(w, tr(N_("loaded now: %s")), loaded);
	else
		SUMMARY(w, "%s", tr(N_("none loaded now")));
	if (s == GP_STATE_WARN) {
		DETAIL(w, tr(N_("built into the running kernel: %s; it takes GPUs before the "
				"initramfs runs")), builtin);
		FIX(w, "%s", tr(N_("nothing to do now: the boot-time binding unbinds it from the "
				  "guest GPU; a kernel with it as a module is cleaner")));
	}
}

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

static void word_bootloader(const struct gp_syscheck *c, struct words *w, enum gp_check_state s)
{
	const struct gp_bootloader *b = &c->boot;
	int grub = b->grub_default || b->grub_cfg;

	if (grub) {
		DETAIL(w, tr(N_("/etc/default/grub: %s")), b->grub_default ? tr(N_("present")) :
		       tr(N_("missing")));
		DETAIL(w, tr(N_("/etc/default/grub.d: %s")), b->grub_default_d ? tr(N_("present")) :
		       tr(N_("missing")));
		DETAIL(w, tr(N_("/boot/grub/grub.cfg: %s")), b->grub_cfg ? tr(N_("present")) :
		       tr(N_("missing")));
		DETAIL(w, tr(N_("update-grub: %s")), b->update_grub ? tr(N_("present")) :
		       tr(N_("missing")));
	}
	if (b->sdboot_loader)
		DETAIL(w, tr(N_("systemd-boot: %s")), b->sdboot_loader);
	if (b->kernelstub)
		DETAIL(w, tr(N_("kernelstub: %s")), "/etc/kernelstub/configuration");

	if (s == GP_STATE_UNKNOWN) {
		SUMMARY(w, "%s", tr(N_("no boot loader configuration found (GRUB, systemd-boot, "
				      "kernelstub)")));
		FIX(w, "%s", tr(N_("if this kernel is started directly (a VM), set its command line "
				  "where it is started; gpupt-setup edits GRUB only")));
	} else if (b->kernelstub) {
		SUMMARY(w, "%s", tr(N_("kernelstub manages the kernel command line (Pop!_OS)")));
		FIX(w, "%s", tr(N_("gpupt-setup edits GRUB only: add kernel parameters yourself "
				  "with kernelstub -a PARAMETER")));
	} else if (grub && b->sdboot_loader) {
		SUMMARY(w, "%s", tr(N_("both GRUB and systemd-boot are configured; which one boots "
				      "is not known")));
		FIX(w, "%s", tr(N_("gpupt-setup edits GRUB only: make sure GRUB is the one that "
				  "boots")));
	} else if (!grub) {
		SUMMARY(w, "%s", tr(N_("systemd-boot")));
		FIX(w, "%s", tr(N_("gpupt-setup edits GRUB only: add kernel parameters yourself "
				  "to /etc/kernel/cmdline or the loader entries")));
	} else if (s == GP_STATE_OK) {
		SUMMARY(w, "%s", tr(N_("GRUB")));
	} else {
		SUMMARY(w, "%s", tr(N_("GRUB, but its configuration is incomplete")));
		FIX(w, "%s", tr(N_("reinstall GRUB (apt install --reinstall grub-efi-amd64 or "
				  "grub-pc) so /etc/default/grub, update-grub and grub.cfg exist")));
	}
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
}

/* --- initramfs ------------------------------------------------------------ */

static void word_initramfs(const struct gp_syscheck *c, struct words *w)
{
	const struct gp_initramfs *i = &c->initramfs;

	switch (i->by) {
	case GP_INITRAMFS_BY_DPKG:
		DETAIL(w, "%s", tr(N_("told by the dpkg package that ships update-initramfs")));
		break;
	case GP_INITRAMFS_BY_SCRIPT:
		DETAIL(w, "%s", tr(N_("told by what update-initramfs runs")));
		break;
	case GP_INITRAMFS_BY_FILES:
		DETAIL(w, "%s", tr(N_("told by the one generator installed")));
		break;
	default:
		break;
	}
	switch (i->kind) {
	case GP_INITRAMFS_TOOLS:
		if (i->tools_conf) {
			SUMMARY(w, "%s", tr(N_("initramfs-tools")));
		} else {
			SUMMARY(w, "%s", tr(N_("initramfs-tools, but /etc/initramfs-tools/initramfs.conf "
					      "is missing")));
			FIX(w, "%s", tr(N_("apt install --reinstall initramfs-tools-core")));
		}
		break;
	case GP_INITRAMFS_DRACUT:
		SUMMARY(w, "%s", i->wrapper_runs_dracut ?
			tr(N_("dracut (update-initramfs is a wrapper that runs dracut)")) :
			tr(N_("dracut")));
		FIX(w, "%s", tr(N_("gpupt-setup's boot-time binding is an initramfs-tools hook; its "
				  "dracut module is not there yet")));
		break;
	default:
		SUMMARY(w, "%s", tr(N_("no initramfs generator found (initramfs-tools or dracut)")));
		FIX(w, "%s", tr(N_("apt install initramfs-tools")));
		break;
	}
}

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
	const char *title;     /* N_() */
	/* NULL: the engine words it (check_report.h) */
	void (*word)(const struct gp_syscheck *, struct words *, enum gp_check_state);
	void (*json)(const struct gp_syscheck *, struct gp_json *);
};

static void word_initramfs_s(const struct gp_syscheck *c, struct words *w, enum gp_check_state s)
{
	word_initramfs(c, w);
}

static const struct item items[GP_CHECK_N_ITEMS] = {
	[GP_CHECK_IOMMU] = { "iommu", N_("IOMMU"), NULL, json_iommu },
	[GP_CHECK_CPU] = { "cpu", N_("CPU virtualization"), NULL, json_cpu },
	[GP_CHECK_VFIO] = { "vfio", N_("vfio-pci"), word_vfio, json_vfio },
	[GP_CHECK_GPU_DRIVERS] = { "gpu_drivers", N_("GPU drivers"), word_gpu_drivers,
				   json_gpu_drivers },
	[GP_CHECK_BOOTLOADER] = { "bootloader", N_("Boot loader"), word_bootloader,
				  json_bootloader },
	[GP_CHECK_INITRAMFS] = { "initramfs", N_("Initramfs"), word_initramfs_s, json_initramfs },
	[GP_CHECK_BOOT_SPACE] = { "boot_space", N_("/boot space"), NULL,
				  json_boot_space },
	[GP_CHECK_FIRMWARE] = { "firmware", N_("Firmware"), NULL, json_firmware },
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

static void print_text(const struct gp_syscheck *c, const struct words *w, FILE *out)
{
	int i, j, fails = 0;

	for (i = 0; i < GP_CHECK_N_ITEMS; i++) {
		fprintf(out, "%s %s: %s\n", state_label(c->state[i]), _(items[i].title),
			w[i].summary);
		for (j = 0; j < w[i].n_detail; j++)
			fprintf(out, "       %s\n", w[i].detail[j]);
		if (w[i].fix[0])
			fprintf(out, _("       fix: %s\n"), w[i].fix);
		fails += c->state[i] == GP_STATE_FAIL;
	}
	fputc('\n', out);
	if (fails)
		fprintf(out, P_("Passthrough cannot work yet: %d item must change.\n",
				"Passthrough cannot work yet: %d items must change.\n", fails), fails);
	else
		fputs(_("Passthrough can work as things stand.\n"), out);
}

static void print_json(const struct gp_syscheck *c, const struct words *w, FILE *out)
{
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
		gp_json_string(&j, "summary", w[i].summary);
		gp_json_object_open(&j, "detail");
		items[i].json(c, &j);
		gp_json_object_close(&j);
		gp_json_string(&j, "fix", w[i].fix[0] ? w[i].fix : NULL);
		gp_json_object_close(&j);
	}
	gp_json_array_close(&j);
	gp_json_bool(&j, "passthrough_possible", gp_syscheck_passthrough_possible(c));
	gp_json_object_close(&j);
	gp_json_finish(&j);
}

/* Puts the report items of check item @topic into @w, translated unless raw. */
static int words_from_report(const struct gp_report *r, int topic, struct words *w)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;
	char *dst;
	size_t i;
	int err = 0;

	for (i = 0; i < r->n && !err; i++) {
		const struct gp_report_item *it = &r->item[i];

		if (it->topic != topic)
			continue;
		if (it->role == GP_ROLE_SUMMARY)
			dst = w->summary;
		else if (it->role == GP_ROLE_FIX)
			dst = w->fix;
		else if (w->n_detail < DETAIL_MAX)
			dst = w->detail[w->n_detail++];
		else
			continue;
		gp_strbuf_reset(&sb);
		err = gp_report_format(it, !raw_words, &sb);
		snprintf(dst, LINE_MAX_, "%s", gp_strbuf_str(&sb));
	}
	gp_strbuf_release(&sb);
	return err;
}

/* Words every item: from the engine's report where it has them. */
static int word_items(const struct gp_syscheck *c, struct words *w)
{
	struct gp_report rep = GP_REPORT_INIT;
	int i, r = 0;

	for (i = 0; i < GP_CHECK_N_ITEMS && r >= 0; i++) {
		r = gp_check_report_item(c, (enum gp_check_item)i, &rep);
		if (r == 1 && items[i].word)
			items[i].word(c, &w[i], c->state[i]);
		else if (r == 0)
			r = words_from_report(&rep, i, &w[i]);
	}
	gp_report_free(&rep);
	return r < 0 ? r : 0;
}

int gp_cli_check(struct gp_cli *cli, FILE *out)
{
	static struct words w[GP_CHECK_N_ITEMS];
	struct gp_syscheck c;
	int r;

	r = gp_syscheck_run(&cli->path, &c);
	if (r < 0) {
		gp_cli_errmsg(_("system check"), r);
		return GP_EXIT_ERROR;
	}
	raw_words = cli->json;
	memset(w, 0, sizeof(w));
	r = word_items(&c, w);
	if (r < 0) {
		gp_syscheck_free(&c);
		gp_cli_errmsg(_("system check"), r);
		return GP_EXIT_ERROR;
	}
	if (cli->json)
		print_json(&c, w, out);
	else
		print_text(&c, w, out);
	r = gp_syscheck_passthrough_possible(&c) ? GP_EXIT_OK : GP_EXIT_CHANGE_NEEDED;
	gp_syscheck_free(&c);
	return r;
}
