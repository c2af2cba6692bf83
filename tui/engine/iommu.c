/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "iommu.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"

static void count_groups(const struct gp_path *p, struct gp_iommu_status *st)
{
	struct dirent *de;
	DIR *d;

	d = gp_path_opendir(p, "/sys/kernel/iommu_groups");
	if (!d) {
		/* No directory: a kernel without IOMMU support, or none registered. */
		if (errno != ENOENT)
			st->groups_err = -errno;
		return;
	}
	while ((de = readdir(d))) {
		char path[GP_PATH_MAX], type[32];

		if (de->d_name[0] == '.')
			continue;
		st->groups++;
		if (snprintf(path, sizeof(path), "/sys/kernel/iommu_groups/%s/type",
			     de->d_name) >= (int)sizeof(path))
			continue;
		if (gp_path_read(p, path, type, sizeof(type)) < 0)
			continue;
		if (strcmp(type, "DMA") == 0 || strcmp(type, "DMA-FQ") == 0)
			st->n_translated++;
		else if (strcmp(type, "identity") == 0)
			st->n_identity++;
		else
			st->n_other_type++;
	}
	closedir(d);
	if (st->n_translated && st->n_identity)
		st->mode = GP_IOMMU_MODE_MIXED;
	else if (st->n_translated)
		st->mode = GP_IOMMU_MODE_TRANSLATED;
	else if (st->n_identity)
		st->mode = GP_IOMMU_MODE_PASSTHROUGH;
}

static void find_hw(const struct gp_path *p, struct gp_iommu_status *st)
{
	struct dirent *de;
	DIR *d;

	d = gp_path_opendir(p, "/sys/class/iommu");
	if (!d)
		return;
	while ((de = readdir(d))) {
		enum gp_iommu_hw hw;

		if (de->d_name[0] == '.')
			continue;
		if (strncmp(de->d_name, "dmar", 4) == 0)
			hw = GP_IOMMU_HW_INTEL;
		else if (strncmp(de->d_name, "ivhd", 4) == 0)
			hw = GP_IOMMU_HW_AMD;
		else
			hw = GP_IOMMU_HW_OTHER;
		if (st->hw == GP_IOMMU_HW_NONE || hw < st->hw)
			st->hw = hw;
	}
	closedir(d);
}

/* The tables are root-only readable: their presence is all we use. */
static void find_tables(const struct gp_path *p, struct gp_iommu_status *st)
{
	struct stat sb;
	int r;

	r = gp_path_stat(p, "/sys/firmware/acpi/tables", &sb);
	if (r == 0 && !S_ISDIR(sb.st_mode))
		r = -ENOTDIR;
	if (r < 0) {
		st->acpi_err = r;
		return;
	}
	st->dmar = gp_path_exists(p, "/sys/firmware/acpi/tables/DMAR") > 0;
	st->ivrs = gp_path_exists(p, "/sys/firmware/acpi/tables/IVRS") > 0;
}

int gp_iommu_cmdline_params(const char *line, struct gp_iommu_params *out)
{
	static const char *const off[] = { "intel_iommu", "amd_iommu", "iommu" };
	char val[128], word[sizeof(out->off_param)];
	size_t i;
	int r;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
		r = gp_cmdline_find(line, off[i], val, sizeof(val), word, sizeof(word));
		if (r < 0 && r != -ENAMETOOLONG)
			return r;
		if (r <= 0)
			continue;
		if (gp_cmdline_list_has(val, "off") && !out->off_param[0])
			snprintf(out->off_param, sizeof(out->off_param), "%s", word);
		if (i == 0 && gp_cmdline_list_has(val, "on"))
			out->on_param = 1;
		if (i == 2 && strcmp(val, "pt") == 0)
			out->pt_param = 1;
	}
	return 0;
}

static int read_cmdline(const char *cmdline, struct gp_iommu_status *st)
{
	struct gp_iommu_params prm;
	int r;

	r = gp_iommu_cmdline_params(cmdline, &prm);
	if (r < 0)
		return r;
	memcpy(st->off_param, prm.off_param, sizeof(st->off_param));
	st->on_param = prm.on_param;
	st->pt_param = prm.pt_param;
	return 0;
}

/*
 * An off switch only matters for the IOMMU the firmware describes:
 * amd_iommu=off does nothing on a VT-d machine.
 */
static int off_param_applies(const struct gp_iommu_status *st)
{
	if (!st->off_param[0])
		return 0;
	if (strncmp(st->off_param, "intel_iommu", 11) == 0 || strncmp(st->off_param, "intel-iommu", 11) == 0)
		return st->dmar || (!st->ivrs && st->acpi_err);
	if (strncmp(st->off_param, "amd_iommu", 9) == 0 || strncmp(st->off_param, "amd-iommu", 9) == 0)
		return st->ivrs || (!st->dmar && st->acpi_err);
	return 1;
}

static void set_unknown(struct gp_iommu_status *st, const char *path, int err)
{
	st->verdict = GP_IOMMU_UNKNOWN;
	st->unknown_path = path;
	st->unknown_err = err;
}

void gp_iommu_decide(struct gp_iommu_status *st, const struct gp_cpuinfo *cpu, int cpu_err)
{
	int cpu_known = cpu && cpu_err == 0;

	st->unknown_path = NULL;
	st->unknown_err = 0;
	if (st->groups > 0) {
		st->verdict = GP_IOMMU_ACTIVE;
		return;
	}
	if (st->groups_err) {
		set_unknown(st, "/sys/kernel/iommu_groups", st->groups_err);
		return;
	}
	if (st->dmar || st->ivrs) {
		int intel = st->dmar && !(st->ivrs && cpu_known && cpu->vendor == GP_CPU_VENDOR_AMD);

		if (st->cmdline_err) {
			set_unknown(st, "/proc/cmdline", st->cmdline_err);
			return;
		}
		if (off_param_applies(st)) {
			st->verdict = GP_IOMMU_DISABLED_CMDLINE;
			return;
		}
		if ((intel ? st->cfg_intel : st->cfg_amd) == GP_KCONFIG_NOT_SET) {
			st->verdict = GP_IOMMU_KERNEL_LACKS;
			return;
		}
		/* Unknown config counts as "off by default": adding the switch is harmless. */
		if (intel && !st->on_param && st->cfg_intel_default_on != GP_KCONFIG_Y) {
			st->verdict = GP_IOMMU_OFF_BY_DEFAULT;
			return;
		}
		st->verdict = GP_IOMMU_TABLE_UNUSED;
		return;
	}
	/* No table (or none readable).  A guest first: its "firmware" is the host's VMM. */
	if (cpu_known && cpu->hypervisor) {
		st->verdict = GP_IOMMU_IN_VM;
		return;
	}
	if (cpu_known && !cpu->vmx && !cpu->svm) {
		st->verdict = GP_IOMMU_NO_CPU_VIRT;
		return;
	}
	if (st->acpi_err) {
		if (!st->cmdline_err && off_param_applies(st)) {
			st->verdict = GP_IOMMU_DISABLED_CMDLINE;
			return;
		}
		set_unknown(st, "/sys/firmware/acpi/tables", st->acpi_err);
		return;
	}
	if (!cpu_known) {
		/* Bare metal without VT-d, or a guest: only the CPU flags tell. */
		set_unknown(st, "/proc/cpuinfo", cpu_err ? cpu_err : -ENODATA);
		return;
	}
	st->verdict = GP_IOMMU_NO_FIRMWARE_TABLE;
}

int gp_iommu_probe(const struct gp_path *p, const struct gp_cpuinfo *cpu, int cpu_err,
		   const char *cmdline, int cmdline_err, const char *kver,
		   struct gp_iommu_status *out)
{
	/*
	 * Debian's kernels choose DEFAULT_ON_INTGPU_OFF instead of DEFAULT_ON:
	 * VT-d on by default, integrated graphics left out.  Either means "on".
	 */
	static const char *const opts[] = {
		"CONFIG_INTEL_IOMMU", "CONFIG_INTEL_IOMMU_DEFAULT_ON", "CONFIG_AMD_IOMMU",
		"CONFIG_INTEL_IOMMU_DEFAULT_ON_INTGPU_OFF",
	};
	enum gp_kconfig_val vals[4];
	int r;

	memset(out, 0, sizeof(*out));
	count_groups(p, out);
	find_hw(p, out);
	find_tables(p, out);
	if (cmdline) {
		r = read_cmdline(cmdline, out);
		if (r < 0)
			return r;
	} else {
		out->cmdline_err = cmdline_err ? cmdline_err : -ENOENT;
	}
	out->kconfig_err = kver ? gp_kconfig_lookup(p, kver, opts, vals, 4) : -ENOENT;
	if (out->kconfig_err == 0) {
		out->cfg_intel = vals[0];
		out->cfg_intel_default_on = vals[3] == GP_KCONFIG_Y ? GP_KCONFIG_Y : vals[1];
		out->cfg_amd = vals[2];
	}
	gp_iommu_decide(out, cpu_err == 0 ? cpu : NULL, cpu_err);
	return 0;
}

int gp_iommu_cmdline_needs_intel_on(const struct gp_iommu_status *st,
				    const struct gp_cpuinfo *cpu, int cpu_err)
{
	/* An AMD machine whose firmware also lists a DMAR table boots AMD-Vi. */
	int amd = st->ivrs && cpu && cpu_err == 0 && cpu->vendor == GP_CPU_VENDOR_AMD;

	return st->dmar && !amd && st->cfg_intel_default_on != GP_KCONFIG_Y;
}
