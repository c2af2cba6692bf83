/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_report — what `--check` says about each item, decided once here
 * for every front end (CLI text, CLI JSON, the wizard).
 */
#include "check_report.h"

#include "loader.h"

#include "bar.h"

#include "nls.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* One report being filled for one check item; the first error sticks. */
struct words {
	struct gp_report *r;
	const struct gp_syscheck *c;
	enum gp_check_item topic;
	int err;
	int have_fix;
};

static void say(struct words *w, enum gp_item_role role, enum gp_msg code, ...)
{
	va_list ap;
	enum gp_severity sev = role == GP_ROLE_SUMMARY ?
		gp_check_severity(w->c->state[w->topic]) : GP_SEV_INFO;

	if (w->err)
		return;
	if (role == GP_ROLE_FIX) {
		if (w->have_fix)
			return;  /* the first fix named is the one to do */
		w->have_fix = 1;
	}
	va_start(ap, code);
	w->err = gp_report_vadd(w->r, sev, (int)w->topic, role, code, ap);
	va_end(ap);
}

#define SUMMARY(w, ...) say((w), GP_ROLE_SUMMARY, __VA_ARGS__)
#define DETAIL(w, ...) say((w), GP_ROLE_DETAIL, __VA_ARGS__)
#define FIX(w, ...) say((w), GP_ROLE_FIX, __VA_ARGS__)

enum gp_severity gp_check_severity(enum gp_check_state s)
{
	switch (s) {
	case GP_STATE_OK: return GP_SEV_OK;
	case GP_STATE_WARN: return GP_SEV_WARN;
	case GP_STATE_FAIL: return GP_SEV_FAIL;
	default: return GP_SEV_UNKNOWN;
	}
}

/* --- IOMMU ------------------------------------------------------------- */

static enum gp_msg iommu_hw_word(enum gp_iommu_hw hw)
{
	switch (hw) {
	case GP_IOMMU_HW_INTEL: return GP_MSG_WORD_INTEL_VTD;
	case GP_IOMMU_HW_AMD: return GP_MSG_WORD_AMD_VI;
	case GP_IOMMU_HW_OTHER: return GP_MSG_WORD_IOMMU;
	default: return GP_MSG_WORD_NO_IOMMU_UNIT;
	}
}

static enum gp_msg iommu_mode_word(enum gp_iommu_mode m)
{
	switch (m) {
	case GP_IOMMU_MODE_TRANSLATED: return GP_MSG_WORD_DMA_TRANSLATED;
	case GP_IOMMU_MODE_PASSTHROUGH: return GP_MSG_WORD_PASSTHROUGH_MODE;
	case GP_IOMMU_MODE_MIXED: return GP_MSG_WORD_MIXED_DOMAINS;
	default: return GP_MSG_WORD_DOMAIN_UNKNOWN;
	}
}

static const char *table_names(const struct gp_iommu_status *st)
{
	if (st->dmar && st->ivrs)
		return "DMAR+IVRS";
	return st->dmar ? "DMAR" : "IVRS";
}

static void word_iommu_off(struct words *w)
{
	const struct gp_iommu_status *st = &w->c->iommu;

	SUMMARY(w, GP_MSG_CHK_IOMMU_OFF_CMDLINE, st->off_param);
	if (gp_syscheck_off_this_boot_only(w->c)) {
		DETAIL(w, GP_MSG_CHK_OFF_THIS_BOOT_ONLY, st->off_param);
		FIX(w, GP_MSG_FIX_REBOOT_WITHOUT, st->off_param);
	}
	if (!st->on_param && gp_iommu_cmdline_needs_intel_on(st, &w->c->cpu, w->c->cpu_err))
		FIX(w, GP_MSG_FIX_IOMMU_REMOVE_ADD_ON, st->off_param);
	else
		FIX(w, GP_MSG_FIX_IOMMU_REMOVE, st->off_param);
}

static void word_iommu_no_table(struct words *w)
{
	SUMMARY(w, GP_MSG_CHK_IOMMU_NO_TABLE);
	if (w->c->cpu.vendor == GP_CPU_VENDOR_AMD)
		FIX(w, GP_MSG_FIX_IOMMU_AMD);
	else if (w->c->cpu.vendor == GP_CPU_VENDOR_INTEL)
		FIX(w, GP_MSG_FIX_IOMMU_INTEL);
	else
		FIX(w, GP_MSG_FIX_IOMMU_OTHER);
}

static void word_iommu(struct words *w)
{
	const struct gp_iommu_status *st = &w->c->iommu;

	switch (st->verdict) {
	case GP_IOMMU_ACTIVE:
		SUMMARY(w, GP_MSG_CHK_IOMMU_ACTIVE, (int)iommu_hw_word(st->hw),
			(int)GP_MSG_WORD_N_GROUPS, st->groups, (int)iommu_mode_word(st->mode));
		break;
	case GP_IOMMU_DISABLED_CMDLINE:
		word_iommu_off(w);
		break;
	case GP_IOMMU_OFF_BY_DEFAULT:
		SUMMARY(w, st->cfg_intel_default_on == GP_KCONFIG_NOT_SET ?
			GP_MSG_CHK_IOMMU_OFF_NOT_SET : GP_MSG_CHK_IOMMU_OFF_NOT_ASKED);
		FIX(w, GP_MSG_FIX_IOMMU_ADD_INTEL_ON);
		break;
	case GP_IOMMU_KERNEL_LACKS:
		SUMMARY(w, GP_MSG_CHK_IOMMU_KERNEL_LACKS, w->c->kver,
			st->dmar ? "CONFIG_INTEL_IOMMU" : "CONFIG_AMD_IOMMU");
		FIX(w, GP_MSG_FIX_DISTRO_KERNEL);
		break;
	case GP_IOMMU_TABLE_UNUSED:
		SUMMARY(w, GP_MSG_CHK_IOMMU_TABLE_UNUSED, table_names(st));
		FIX(w, GP_MSG_FIX_IOMMU_KERNEL_LOG);
		break;
	case GP_IOMMU_IN_VM:
		SUMMARY(w, GP_MSG_CHK_IOMMU_IN_VM);
		FIX(w, GP_MSG_FIX_IOMMU_VM);
		break;
	case GP_IOMMU_NO_CPU_VIRT:
		SUMMARY(w, GP_MSG_CHK_IOMMU_NO_CPU_VIRT);
		FIX(w, GP_MSG_FIX_IOMMU_VIRT);
		break;
	case GP_IOMMU_NO_FIRMWARE_TABLE:
		word_iommu_no_table(w);
		break;
	case GP_IOMMU_UNKNOWN:
		SUMMARY(w, GP_MSG_CHK_CANNOT_TELL, st->unknown_path, st->unknown_err);
		break;
	}
	if (st->verdict != GP_IOMMU_ACTIVE && st->verdict != GP_IOMMU_DISABLED_CMDLINE &&
	    st->off_param[0])
		DETAIL(w, GP_MSG_CHK_IOMMU_ALSO_OFF, st->off_param);
	if (st->verdict == GP_IOMMU_ACTIVE && gp_syscheck_next_boot_lacks_intel_on(w->c)) {
		DETAIL(w, GP_MSG_CHK_NEXT_BOOT_LACKS, "intel_iommu=on");
		FIX(w, GP_MSG_FIX_NEXT_BOOT_ADD, "intel_iommu=on");
	}
}

/* --- CPU ----------------------------------------------------------------- */

static void word_cpu(struct words *w)
{
	const struct gp_cpuinfo *cpu = &w->c->cpu;

	if (w->c->cpu_err) {
		SUMMARY(w, GP_MSG_CHK_CANNOT_TELL, "/proc/cpuinfo", w->c->cpu_err);
		return;
	}
	if (cpu->vmx) {
		SUMMARY(w, GP_MSG_CHK_CPU_VMX);
	} else if (cpu->svm) {
		SUMMARY(w, GP_MSG_CHK_CPU_SVM);
	} else if (cpu->hypervisor) {
		SUMMARY(w, GP_MSG_CHK_CPU_VM_NO_NESTED);
		FIX(w, GP_MSG_FIX_CPU_NESTED);
	} else {
		SUMMARY(w, GP_MSG_CHK_CPU_NONE);
		FIX(w, GP_MSG_FIX_CPU_FIRMWARE);
	}
	if (cpu->vendor_id[0] || cpu->model[0])
		DETAIL(w, GP_MSG_CHK_CPU_MODEL, cpu->vendor_id,
		       cpu->vendor_id[0] && cpu->model[0] ? ", " : "", cpu->model);
	if (cpu->hypervisor && (cpu->vmx || cpu->svm))
		DETAIL(w, GP_MSG_CHK_CPU_NESTED);
}

/* --- vfio ---------------------------------------------------------------- */

static int avail_word(enum gp_module_avail a)
{
	switch (a) {
	case GP_MODULE_LOADABLE: return GP_MSG_WORD_MODULE;
	case GP_MODULE_BUILTIN: return GP_MSG_WORD_BUILT_IN;
	case GP_MODULE_MISSING: return GP_MSG_WORD_MISSING;
	default: return GP_MSG_WORD_UNKNOWN;
	}
}

static int running_word(const struct gp_kernel_check *k)
{
	return k->running ? GP_MSG_WORD_RUNNING : GP_MSG_NONE;
}

static void word_vfio(struct words *w)
{
	const struct gp_syscheck *c = w->c;
	size_t i, missing = 0;

	for (i = 0; i < c->n_kernels; i++) {
		const struct gp_kernel_check *k = &c->kernels[i];

		if (k->err) {
			DETAIL(w, GP_MSG_CHK_VFIO_NO_INDEX, k->kver, running_word(k), k->err);
			continue;
		}
		if (k->mod[GP_MOD_VFIO_PCI] == GP_MODULE_MISSING ||
		    k->mod[GP_MOD_VFIO_IOMMU_TYPE1] == GP_MODULE_MISSING)
			missing++;
		DETAIL(w, GP_MSG_CHK_VFIO_KERNEL, k->kver, running_word(k),
		       avail_word(k->mod[GP_MOD_VFIO_PCI]), avail_word(k->mod[GP_MOD_VFIO_IOMMU_TYPE1]));
	}
	if (!c->n_kernels && c->kernels_err)
		SUMMARY(w, GP_MSG_CHK_NO_KERNEL_ERR, c->kernels_err);
	else if (!c->n_kernels)
		SUMMARY(w, GP_MSG_CHK_NO_KERNEL_DIR, "/lib/modules");
	else if (c->state[GP_CHECK_VFIO] == GP_STATE_OK)
		SUMMARY(w, GP_MSG_CHK_VFIO_OK, c->n_kernels);
	else if (c->state[GP_CHECK_VFIO] == GP_STATE_FAIL) {
		SUMMARY(w, GP_MSG_CHK_VFIO_MISSING, missing);
		FIX(w, GP_MSG_FIX_VFIO_KERNEL);
	} else
		SUMMARY(w, GP_MSG_CHK_VFIO_SOME_UNKNOWN);
}

/* --- GPU drivers ----------------------------------------------------------- */

/* Appends ", name" (or "name") to the list @buf of @size bytes. */
static void list_add(char *buf, size_t size, const char *name)
{
	size_t len = strlen(buf);

	snprintf(buf + len, size - len, "%s%s", len ? ", " : "", name);
}

static void word_gpu_drivers(struct words *w)
{
	const struct gp_syscheck *c = w->c;
	enum gp_check_state s = c->state[GP_CHECK_GPU_DRIVERS];
	char loaded[256] = "", builtin[256] = "";
	int m;

	for (m = GP_MOD_FIRST_GPU; m < GP_MOD_N; m++) {
		const char *name = gp_check_module_name((enum gp_check_module)m);
		size_t i, with = 0, known = 0;

		if (c->loaded[m])
			list_add(loaded, sizeof(loaded), name);
		for (i = 0; i < c->n_kernels; i++) {
			const struct gp_kernel_check *k = &c->kernels[i];

			if (k->err)
				continue;
			known++;
			with += k->mod[m] == GP_MODULE_LOADABLE || k->mod[m] == GP_MODULE_BUILTIN;
			if (k->running && k->mod[m] == GP_MODULE_BUILTIN)
				list_add(builtin, sizeof(builtin), name);
		}
		if (with || c->loaded[m])
			DETAIL(w, GP_MSG_CHK_GPU_IN_KERNELS, name, with, known,
			       (int)(c->loaded[m] ? GP_MSG_WORD_LOADED_NOW : GP_MSG_NONE));
	}
	if (s == GP_STATE_UNKNOWN) {
		SUMMARY(w, GP_MSG_CHK_CANNOT_TELL, "/proc/modules", c->loaded_err);
		return;
	}
	if (c->loaded_err)
		SUMMARY(w, GP_MSG_CHK_GPU_LOADED_UNKNOWN, "/proc/modules", c->loaded_err);
	else if (loaded[0])
		SUMMARY(w, GP_MSG_CHK_GPU_LOADED, loaded);
	else
		SUMMARY(w, GP_MSG_CHK_GPU_NONE_LOADED);
	if (s == GP_STATE_WARN) {
		DETAIL(w, GP_MSG_CHK_GPU_BUILTIN, builtin);
		FIX(w, GP_MSG_FIX_GPU_BUILTIN);
	}
}

/* --- boot loader ------------------------------------------------------------ */

static int present_word(int present)
{
	return present ? GP_MSG_WORD_PRESENT : GP_MSG_WORD_MISSING;
}

static void word_next_boot(struct words *w);

static void word_bootloader(struct words *w)
{
	const struct gp_bootloader *b = &w->c->boot;
	const struct gp_loader_ops *lo = w->c->loader;
	enum gp_check_state s = w->c->state[GP_CHECK_BOOTLOADER];
	const char *missing = lo ? lo->missing(b) : NULL;
	int grub = b->grub_default || b->grub_cfg;

	if (grub) {
		DETAIL(w, GP_MSG_CHK_BOOT_GRUB_DEFAULT, present_word(b->grub_default));
		DETAIL(w, GP_MSG_CHK_BOOT_GRUB_DEFAULT_D, present_word(b->grub_default_d));
		DETAIL(w, GP_MSG_CHK_BOOT_GRUB_CFG, present_word(b->grub_cfg));
		DETAIL(w, GP_MSG_CHK_BOOT_UPDATE_GRUB, present_word(b->update_grub));
	}
	if (b->sdboot_loader)
		DETAIL(w, GP_MSG_CHK_BOOT_SDBOOT_AT, b->sdboot_loader);
	if (b->kernelstub)
		DETAIL(w, GP_MSG_CHK_BOOT_KERNELSTUB_AT, "/etc/kernelstub/configuration");
	if (lo)
		DETAIL(w, GP_MSG_CHK_BOOT_CHANGES, lo->cmdline_file, lo->regenerate);

	if (s == GP_STATE_UNKNOWN) {
		SUMMARY(w, GP_MSG_CHK_BOOT_NONE);
		FIX(w, GP_MSG_FIX_BOOT_DIRECT);
	} else if (!lo) {
		SUMMARY(w, GP_MSG_CHK_BOOT_GRUB_INCOMPLETE);
		FIX(w, GP_MSG_FIX_BOOT_GRUB);
	} else if (missing) {
		SUMMARY(w, GP_MSG_CHK_BOOT_LOADER_MISSING, lo->title, missing);
		FIX(w, GP_MSG_FIX_BOOT_MISSING, lo->fix_missing);
	} else if (gp_bootloader_ambiguous(b)) {
		SUMMARY(w, GP_MSG_CHK_BOOT_BOTH);
		FIX(w, GP_MSG_FIX_BOOT_BOTH);
	} else {
		SUMMARY(w, GP_MSG_CHK_BOOT_LOADER, lo->title);
	}
	word_next_boot(w);
}

/* --- the next boot's command line ----------------------------------------- */

/* The next word of a kernel command line at *@s (quotes keep blanks), or NULL. */
static const char *next_word(const char **s, size_t *len)
{
	const char *start;
	int quoted = 0;

	while (**s == ' ' || **s == '\t' || **s == '\n')
		(*s)++;
	if (!**s)
		return NULL;
	start = *s;
	for (; **s && (quoted || !(**s == ' ' || **s == '\t' || **s == '\n')); (*s)++)
		if (**s == '"')
			quoted = !quoted;
	*len = (size_t)(*s - start);
	return start;
}

/*
 * Words the boot loader adds to every entry itself (the image, the root,
 * Ubuntu's vt.handoff), which GRUB's settings therefore never hold.
 */
static int loader_word(const char *w, size_t n)
{
	static const char *const prefix[] = {
		"BOOT_IMAGE=", "root=", "initrd=", "vt.handoff=", "$vt_handoff",
	};
	size_t i;

	if ((n == 2 && (strncmp(w, "ro", 2) == 0 || strncmp(w, "rw", 2) == 0)))
		return 1;
	for (i = 0; i < sizeof(prefix) / sizeof(prefix[0]); i++)
		if (n >= strlen(prefix[i]) && strncmp(w, prefix[i], strlen(prefix[i])) == 0)
			return 1;
	return 0;
}

/* Is every word of @a that the settings could hold also a word of @b? */
static int words_within(const char *a, const char *b)
{
	const char *wa, *wb, *sa = a;
	size_t na, nb;

	while ((wa = next_word(&sa, &na))) {
		const char *sb = b;
		int found = 0;

		if (loader_word(wa, na))
			continue;
		while (!found && (wb = next_word(&sb, &nb)))
			found = na == nb && strncmp(wa, wb, na) == 0;
		if (!found)
			return 0;
	}
	return 1;
}

static void word_next_boot(struct words *w)
{
	const struct gp_syscheck *c = w->c;
	const struct gp_nextboot *nb = &c->next;

	if (!nb->source || !nb->line) {
		if (nb->read_err)
			DETAIL(w, GP_MSG_CHK_NEXT_BOOT_UNREADABLE, nb->read_path, nb->read_err);
		return;
	}
	if (nb->read_err)
		DETAIL(w, GP_MSG_CHK_NEXT_BOOT_UNREADABLE, nb->read_path, nb->read_err);
	else if (nb->unsafe)
		DETAIL(w, GP_MSG_CHK_NEXT_BOOT_UNSAFE, nb->where.path, (size_t)nb->where.line,
		       nb->where.what);
	if (c->cmdline && !(words_within(c->cmdline, nb->line) &&
			    words_within(nb->line, c->cmdline))) {
		DETAIL(w, GP_MSG_CHK_THIS_BOOT_CMDLINE, c->cmdline);
		DETAIL(w, GP_MSG_CHK_NEXT_BOOT_CMDLINE, nb->from, nb->line);
	}
}

/* --- initramfs ------------------------------------------------------------ */

static void word_initramfs(struct words *w)
{
	const struct gp_initramfs *i = &w->c->initramfs;

	if (i->by == GP_INITRAMFS_BY_DPKG)
		DETAIL(w, GP_MSG_CHK_INITRD_BY_DPKG);
	else if (i->by == GP_INITRAMFS_BY_SCRIPT)
		DETAIL(w, GP_MSG_CHK_INITRD_BY_SCRIPT);
	else if (i->by == GP_INITRAMFS_BY_FILES)
		DETAIL(w, GP_MSG_CHK_INITRD_BY_FILES);
	switch (i->kind) {
	case GP_INITRAMFS_TOOLS:
		if (i->tools_conf) {
			SUMMARY(w, GP_MSG_CHK_INITRD_TOOLS);
		} else {
			SUMMARY(w, GP_MSG_CHK_INITRD_TOOLS_NO_CONF);
			FIX(w, GP_MSG_FIX_INITRD_TOOLS_CONF);
		}
		break;
	case GP_INITRAMFS_DRACUT:
		SUMMARY(w, i->wrapper_runs_dracut ? GP_MSG_CHK_INITRD_DRACUT_WRAPPED :
			GP_MSG_CHK_INITRD_DRACUT);
		DETAIL(w, GP_MSG_CHK_INITRD_DRACUT_MODULE, GP_DRACUT_MODULE_DIR,
		       present_word(i->dracut_module));
		if (!i->dracut_module)
			FIX(w, GP_MSG_FIX_INITRD_DRACUT_MODULE, GP_DRACUT_MODULE_DIR);
		break;
	default:
		SUMMARY(w, GP_MSG_CHK_INITRD_NONE);
		FIX(w, GP_MSG_FIX_INITRD_NONE);
		break;
	}
}

/* --- /boot ------------------------------------------------------------------ */

static void word_fs(struct words *w, const struct gp_fs_info *fs, const char *dir)
{
	if (fs->mount_err)
		DETAIL(w, GP_MSG_CHK_FS_NO_MOUNT, dir, fs->mount_err);
	else if (fs->fstype_from == GP_FSTYPE_BLKID)
		DETAIL(w, GP_MSG_CHK_FS_PROBED, dir, fs->mount_point, fs->fstype, fs->source);
	else
		DETAIL(w, GP_MSG_CHK_FS_NOT_PROBED, dir, fs->mount_point, fs->fstype, fs->source,
		       fs->probe_err);
}

static void word_boot_space(struct words *w)
{
	const struct gp_bootfs *b = &w->c->bootfs;

	word_fs(w, &b->fs, "/boot");
	if (!b->statvfs_err)
		DETAIL(w, GP_MSG_CHK_BOOT_FREE, (uint64_t)b->free_bytes);
	if (!b->initrd_err)
		DETAIL(w, GP_MSG_CHK_FILE_SIZE, b->initrd, (uint64_t)b->initrd_bytes);

	if (b->statvfs_err)
		SUMMARY(w, GP_MSG_CHK_CANNOT_TELL, "/boot", b->statvfs_err);
	else if (b->initrd_err && b->initrd[0])
		SUMMARY(w, GP_MSG_CHK_CANNOT_TELL, b->initrd, b->initrd_err);
	else if (b->initrd_err)
		SUMMARY(w, GP_MSG_CHK_NO_KERNEL_RELEASE);
	else if (w->c->state[GP_CHECK_BOOT_SPACE] == GP_STATE_OK)
		SUMMARY(w, GP_MSG_CHK_BOOT_SPACE_OK, (uint64_t)b->need_bytes);
	else {
		SUMMARY(w, GP_MSG_CHK_BOOT_SPACE_LOW, (uint64_t)b->free_bytes,
			(uint64_t)b->need_bytes);
		FIX(w, GP_MSG_FIX_BOOT_SPACE);
	}
}

/* --- firmware ---------------------------------------------------------------- */

static void word_firmware(struct words *w)
{
	const struct gp_firmware *f = &w->c->firmware;

	if (f->efi < 0) {
		SUMMARY(w, GP_MSG_CHK_CANNOT_TELL, "/sys/firmware", f->efi);
		return;
	}
	if (!f->efi) {
		SUMMARY(w, GP_MSG_CHK_FW_BIOS);
		return;
	}
	if (f->esp_found && f->esp.fstype_from == GP_FSTYPE_BLKID)
		DETAIL(w, GP_MSG_CHK_FW_ESP, f->esp.mount_point, f->esp.fstype, f->esp.source,
		       (int)(f->esp_confirmed ? GP_MSG_WORD_PART_TYPE_CHECKED : GP_MSG_NONE));
	else if (f->esp_found)
		DETAIL(w, GP_MSG_CHK_FW_ESP_NOT_PROBED, f->esp.mount_point, f->esp.fstype,
		       f->esp.source, f->esp.probe_err);
	if (f->secure_boot == GP_SB_UNKNOWN) {
		SUMMARY(w, GP_MSG_CHK_FW_SB_UNKNOWN, f->sb_err);
		return;
	}
	if (f->secure_boot == GP_SB_ON) {
		SUMMARY(w, GP_MSG_CHK_FW_SB_ON);
		FIX(w, GP_MSG_FIX_FW_SIGN);
	} else {
		SUMMARY(w, GP_MSG_CHK_FW_SB_OFF);
	}
	if (!f->esp_found) {
		DETAIL(w, GP_MSG_CHK_FW_NO_ESP);
		FIX(w, GP_MSG_FIX_FW_MOUNT_ESP);
	}
}

/* --- large BARs (issue 10, F) -------------------------------------------------- */

int gp_check_report_large_bars(const struct gp_inventory *inv, struct gp_report *r)
{
	int e = 0;

	for (size_t i = 0; i < inv->n_devs && e == 0; i++) {
		const struct gp_pci_dev *d = &inv->devs[i];

		if (!d->gpu)
			continue;   /* what goes to a VM: the GPUs */
		for (long b = gp_dev_next_large_bar(d, 0); b >= 0 && e == 0;
		     b = gp_dev_next_large_bar(d, (size_t)b + 1))
			e = gp_report_add(r, GP_CHECK_FIRMWARE, GP_ROLE_DETAIL, GP_MSG_CHK_LARGE_BAR,
					  d->address, d->bars[b].index, (uint64_t)d->bars[b].size);
	}
	return e;
}

/* --- the items -------------------------------------------------------------- */

int gp_check_report_item(const struct gp_syscheck *c, enum gp_check_item item,
			 struct gp_report *r)
{
	struct words w = { r, c, item, 0, 0 };

	switch (item) {
	case GP_CHECK_IOMMU: word_iommu(&w); break;
	case GP_CHECK_CPU: word_cpu(&w); break;
	case GP_CHECK_VFIO: word_vfio(&w); break;
	case GP_CHECK_GPU_DRIVERS: word_gpu_drivers(&w); break;
	case GP_CHECK_BOOTLOADER: word_bootloader(&w); break;
	case GP_CHECK_INITRAMFS: word_initramfs(&w); break;
	case GP_CHECK_BOOT_SPACE: word_boot_space(&w); break;
	case GP_CHECK_FIRMWARE: word_firmware(&w); break;
	default: return -EINVAL;
	}
	return w.err;
}

int gp_check_report(const struct gp_syscheck *c, struct gp_report *r)
{
	int i, err = 0;

	for (i = 0; i < GP_CHECK_N_ITEMS && !err; i++)
		err = gp_check_report_item(c, (enum gp_check_item)i, r);
	return err;
}

const char *gp_check_item_title(enum gp_check_item item)
{
	static const char *const title[GP_CHECK_N_ITEMS] = {
		[GP_CHECK_IOMMU] = N_("IOMMU"),
		[GP_CHECK_CPU] = N_("CPU virtualization"),
		[GP_CHECK_VFIO] = N_("vfio-pci"),
		[GP_CHECK_GPU_DRIVERS] = N_("GPU drivers"),
		[GP_CHECK_BOOTLOADER] = N_("Boot loader"),
		[GP_CHECK_INITRAMFS] = N_("Initramfs"),
		[GP_CHECK_BOOT_SPACE] = N_("/boot space"),
		[GP_CHECK_FIRMWARE] = N_("Firmware"),
	};

	return (unsigned)item < GP_CHECK_N_ITEMS ? title[item] : "";
}
