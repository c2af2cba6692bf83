/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "syscheck.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kmod_root.h"
#include "loader.h"

static const char *const module_names[GP_MOD_N] = {
	[GP_MOD_VFIO_PCI] = "vfio_pci",
	[GP_MOD_VFIO_IOMMU_TYPE1] = "vfio_iommu_type1",
	[GP_MOD_NVIDIA] = "nvidia",
	[GP_MOD_NOUVEAU] = "nouveau",
	[GP_MOD_AMDGPU] = "amdgpu",
	[GP_MOD_RADEON] = "radeon",
	[GP_MOD_I915] = "i915",
	[GP_MOD_XE] = "xe",
};

const char *gp_check_module_name(enum gp_check_module m)
{
	return (unsigned int)m < GP_MOD_N ? module_names[m] : "";
}

static void check_kernel(const struct gp_path *p, struct gp_kernel_check *k)
{
	struct kmod_ctx *ctx;
	int i, r;

	char dep[GP_PATH_MAX], depbin[GP_PATH_MAX];

	/* Without an index libkmod finds nothing, which is not "missing". */
	if (gp_path_join(dep, sizeof(dep), "/lib/modules/", k->kver, "/modules.dep",
			 (char *)NULL) < 0 ||
	    gp_path_join(depbin, sizeof(depbin), dep, ".bin", (char *)NULL) < 0) {
		k->err = -ENAMETOOLONG;
		return;
	}
	if (gp_path_exists(p, depbin) <= 0 && gp_path_exists(p, dep) <= 0) {
		r = gp_path_exists(p, dep);
		k->err = r < 0 ? r : -ENOENT;
		return;
	}
	r = gp_kmod_new(p, k->kver, &ctx);
	if (r < 0) {
		k->err = r;
		return;
	}
	for (i = 0; i < GP_MOD_N; i++) {
		r = gp_module_availability(ctx, module_names[i], &k->mod[i]);
		if (r < 0 && !k->err)
			k->err = r;
	}
	kmod_unref(ctx);
}

/* The running kernel first (even when its modules are gone), then the rest. */
static int list_kernels(const struct gp_path *p, struct gp_syscheck *c)
{
	struct gp_kernels inst;
	size_t i, n = 0;
	int r, have_running = c->kver[0] != '\0';

	r = gp_kernels_installed(p, &inst);
	if (r < 0) {
		c->kernels_err = r;
		inst.n = 0;
		inst.rel = NULL;
	}
	c->kernels = calloc(inst.n + 1, sizeof(*c->kernels));
	if (!c->kernels) {
		gp_kernels_free(&inst);
		return -ENOMEM;
	}
	if (have_running) {
		memcpy(c->kernels[0].kver, c->kver, sizeof(c->kver));
		c->kernels[0].running = 1;
		n = 1;
	}
	for (i = 0; i < inst.n; i++) {
		if (have_running && strcmp(inst.rel[i], c->kver) == 0)
			continue;
		memcpy(c->kernels[n++].kver, inst.rel[i], GP_KVER_MAX);
	}
	gp_kernels_free(&inst);
	c->n_kernels = n;
	for (i = 0; i < n; i++)
		check_kernel(p, &c->kernels[i]);
	return 0;
}

int gp_syscheck_run(const struct gp_path *p, struct gp_syscheck *c)
{
	char cmdline[8192];
	int r;

	memset(c, 0, sizeof(*c));
	c->cpu_err = gp_cpuinfo_read(p, &c->cpu);
	r = gp_path_read(p, "/proc/cmdline", cmdline, sizeof(cmdline));
	c->cmdline_err = r < 0 ? r : 0;
	if (r >= 0 && !(c->cmdline = strdup(cmdline)))
		return -ENOMEM;
	r = gp_kernel_running(p, c->kver, sizeof(c->kver));
	if (r < 0) {
		c->kver_err = r;
		c->kver[0] = '\0';
	}
	r = gp_iommu_probe(p, &c->cpu, c->cpu_err, c->cmdline_err ? NULL : cmdline,
			   c->cmdline_err, c->kver[0] ? c->kver : NULL, &c->iommu);
	if (r < 0)
		goto fail;
	r = list_kernels(p, c);
	if (r < 0)
		goto fail;
	c->loaded_err = gp_modules_loaded(p, module_names, c->loaded, GP_MOD_N);
	gp_bootloader_probe(p, &c->boot);
	c->loader = gp_loader_detect(&c->boot);
	r = c->loader ? c->loader->next_boot(p, c->cmdline, &c->next) : 0;
	if (r < 0)
		goto fail;
	gp_initramfs_probe(p, &c->initramfs);
	gp_bootfs_probe(p, c->kver[0] ? c->kver : NULL, &c->bootfs);
	gp_firmware_probe(p, &c->firmware);
	gp_syscheck_grade(c);
	return 0;
fail:
	gp_syscheck_free(c);
	return r;
}

void gp_syscheck_free(struct gp_syscheck *c)
{
	free(c->kernels);
	c->kernels = NULL;
	free(c->cmdline);
	c->cmdline = NULL;
	gp_nextboot_free(&c->next);
	c->n_kernels = 0;
}

static enum gp_check_state worse(enum gp_check_state a, enum gp_check_state b)
{
	/* fail > unknown > warn > ok */
	static const int rank[] = {
		[GP_STATE_OK] = 0, [GP_STATE_WARN] = 1, [GP_STATE_UNKNOWN] = 2, [GP_STATE_FAIL] = 3,
	};
	return rank[b] > rank[a] ? b : a;
}

static enum gp_check_state grade_cpu(const struct gp_syscheck *c)
{
	if (c->cpu_err)
		return GP_STATE_UNKNOWN;
	return c->cpu.vmx || c->cpu.svm ? GP_STATE_OK : GP_STATE_FAIL;
}

static enum gp_check_state grade_vfio(const struct gp_syscheck *c)
{
	enum gp_check_state s = GP_STATE_OK;
	size_t i;

	if (!c->n_kernels)
		return GP_STATE_UNKNOWN;
	for (i = 0; i < c->n_kernels; i++) {
		const struct gp_kernel_check *k = &c->kernels[i];
		enum gp_module_avail a = k->mod[GP_MOD_VFIO_PCI], b = k->mod[GP_MOD_VFIO_IOMMU_TYPE1];

		if (k->err || a == GP_MODULE_UNKNOWN || b == GP_MODULE_UNKNOWN)
			s = worse(s, GP_STATE_UNKNOWN);
		else if (a == GP_MODULE_MISSING || b == GP_MODULE_MISSING)
			s = worse(s, GP_STATE_FAIL);
	}
	return s;
}

static enum gp_check_state grade_gpu_drivers(const struct gp_syscheck *c)
{
	int m, readable = 0;
	size_t i;

	for (i = 0; i < c->n_kernels; i++)
		readable |= !c->kernels[i].err;
	if (!readable && c->loaded_err)
		return GP_STATE_UNKNOWN;
	/* A built-in driver binds before the initramfs runs: it must be unbound. */
	if (c->n_kernels && c->kernels[0].running && !c->kernels[0].err)
		for (m = GP_MOD_FIRST_GPU; m < GP_MOD_N; m++)
			if (c->kernels[0].mod[m] == GP_MODULE_BUILTIN)
				return GP_STATE_WARN;
	return GP_STATE_OK;
}

static enum gp_check_state grade_bootloader(const struct gp_syscheck *c)
{
	const struct gp_bootloader *b = &c->boot;

	if (!b->grub_default && !b->grub_cfg && !b->sdboot_loader && !b->kernelstub)
		return GP_STATE_UNKNOWN;
	if (!c->loader || c->loader->missing(b) || gp_bootloader_ambiguous(b))
		return GP_STATE_WARN;
	return GP_STATE_OK;
}

static enum gp_check_state grade_initramfs(const struct gp_initramfs *i)
{
	switch (i->kind) {
	case GP_INITRAMFS_TOOLS:
		return i->tools_conf ? GP_STATE_OK : GP_STATE_WARN;
	case GP_INITRAMFS_DRACUT:
		/* Supported: fine once our module is there to bind at boot. */
		return i->dracut_module ? GP_STATE_OK : GP_STATE_WARN;
	default:
		return GP_STATE_FAIL;
	}
}

static enum gp_check_state grade_boot_space(const struct gp_bootfs *b)
{
	if (b->statvfs_err || b->initrd_err)
		return GP_STATE_UNKNOWN;
	return b->free_bytes >= b->need_bytes ? GP_STATE_OK : GP_STATE_FAIL;
}

static enum gp_check_state grade_firmware(const struct gp_firmware *f)
{
	if (f->efi < 0 || f->secure_boot == GP_SB_UNKNOWN)
		return GP_STATE_UNKNOWN;
	if (f->secure_boot == GP_SB_ON || (f->efi && !f->esp_found))
		return GP_STATE_WARN;
	return GP_STATE_OK;
}

int gp_syscheck_next_boot_lacks_intel_on(const struct gp_syscheck *c)
{
	const struct gp_nextboot *nb = &c->next;

	return nb->source && !nb->unsafe && c->iommu.on_param &&
	       !nb->line_params.on_param &&
	       gp_iommu_cmdline_needs_intel_on(&c->iommu, &c->cpu, c->cpu_err);
}

int gp_syscheck_off_this_boot_only(const struct gp_syscheck *c)
{
	const struct gp_nextboot *nb = &c->next;

	return nb->source && !nb->unsafe && c->iommu.off_param[0] &&
	       !nb->line_params.off_param[0];
}

void gp_syscheck_grade(struct gp_syscheck *c)
{
	c->state[GP_CHECK_IOMMU] = c->iommu.verdict == GP_IOMMU_ACTIVE ? GP_STATE_OK :
		c->iommu.verdict == GP_IOMMU_UNKNOWN ? GP_STATE_UNKNOWN : GP_STATE_FAIL;
	/* Works now, but not after the reboot a plan asks for. */
	if (c->state[GP_CHECK_IOMMU] == GP_STATE_OK && gp_syscheck_next_boot_lacks_intel_on(c))
		c->state[GP_CHECK_IOMMU] = GP_STATE_WARN;
	c->state[GP_CHECK_CPU] = grade_cpu(c);
	c->state[GP_CHECK_VFIO] = grade_vfio(c);
	c->state[GP_CHECK_GPU_DRIVERS] = grade_gpu_drivers(c);
	c->state[GP_CHECK_BOOTLOADER] = grade_bootloader(c);
	c->state[GP_CHECK_INITRAMFS] = grade_initramfs(&c->initramfs);
	c->state[GP_CHECK_BOOT_SPACE] = grade_boot_space(&c->bootfs);
	c->state[GP_CHECK_FIRMWARE] = grade_firmware(&c->firmware);
}

int gp_syscheck_passthrough_possible(const struct gp_syscheck *c)
{
	int i;

	for (i = 0; i < GP_CHECK_N_ITEMS; i++)
		if (c->state[i] == GP_STATE_FAIL)
			return 0;
	return 1;
}
