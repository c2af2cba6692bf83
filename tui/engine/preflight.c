/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Preflight: the facts without which the next boot binds nothing
 * (preflight.h), and their refusals in a plan (plan_preflight()).
 */
#include "preflight.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "generator.h"
#include "gp_path_write.h"
#include "plan_int.h"
#include "strbuf.h"
#include "syscheck.h"

/* The hook's text is a page; more is not ours. */
#define SCRIPT_MAX 65536
#define BIND_BIN_VAR "${GPUPT_BIND_BIN:-"
#define MAX_PIECES 3

int gp_preflight_piece(const struct gp_path *p, const char *path, enum gp_piece_state *out)
{
	struct stat st;
	int r;

	*out = GP_PIECE_MISSING;
	r = gp_path_stat(p, path, &st);
	if (r == -ENOENT || r == -ENOTDIR)
		return 0;
	if (r < 0)
		return r;
	if (!S_ISREG(st.st_mode))
		return 0;
	*out = st.st_mode & 0111 ? GP_PIECE_OK : GP_PIECE_NOT_EXECUTABLE;
	return 0;
}

int gp_preflight_binder_path(const struct gp_path *p, const char *script, char *buf,
			     size_t size)
{
	const char *bin = GP_BIND_BIN_DEFAULT, *s, *e = NULL;
	char *text = NULL;
	size_t len = 0, n;
	int r;

	/* An unreadable script is missing already; its default is the answer. */
	if (gp_path_read_file(p, script, &text, &len, NULL) == 0 && len < SCRIPT_MAX) {
		s = strstr(text, BIND_BIN_VAR);
		if (s) {
			s += strlen(BIND_BIN_VAR);
			e = strpbrk(s, "}\n");
		}
		if (e && *e == '}' && s[0] == '/') {
			n = (size_t)(e - s);
			r = n < size ? 0 : -ENAMETOOLONG;
			if (r == 0) {
				memcpy(buf, s, n);
				buf[n] = '\0';
			}
			free(text);
			return r;
		}
	}
	free(text);
	return snprintf(buf, size, "%s", bin) < (int)size ? 0 : -ENAMETOOLONG;
}

int gp_preflight_pieces(const struct gp_path *p, const struct gp_generator_ops *gen,
			char (*paths)[GP_PATH_MAX], size_t max)
{
	int r;

	if (!gen)
		return 0;
	if (max < MAX_PIECES)
		return -ENAMETOOLONG;
	r = gp_preflight_binder_path(p, gen->hook, paths[0], GP_PATH_MAX);
	if (r < 0)
		return r;
	snprintf(paths[1], GP_PATH_MAX, "%s", gen->hook);
	snprintf(paths[2], GP_PATH_MAX, "%s", gen->boot_script);
	return MAX_PIECES;
}

static int exists_as(const struct gp_path *p, const char *a, const char *b, int want_dir)
{
	char path[GP_PATH_MAX];
	struct stat st;

	if (gp_path_join(path, sizeof(path), a, b, (char *)NULL) < 0 ||
	    gp_path_stat(p, path, &st) < 0)
		return 0;
	return want_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode);
}

unsigned int gp_preflight_kernel_lacks(const struct gp_path *p,
				       const struct gp_generator_ops *gen, const char *kver)
{
	char image[GP_PATH_MAX];
	struct stat st;
	unsigned int lacks = 0;

	if (!exists_as(p, "/boot/vmlinuz-", kver, 0))
		lacks |= GP_KERNEL_NO_IMAGE;
	if (!exists_as(p, "/lib/modules/", kver, 1))
		lacks |= GP_KERNEL_NO_MODULES;
	if (gp_generator_image_path(gen, kver, image, sizeof(image)) < 0 ||
	    gp_path_stat(p, image, &st) < 0 || !S_ISREG(st.st_mode))
		lacks |= GP_KERNEL_NO_INITRD;
	return lacks;
}

static int cmp_rel(const void *a, const void *b)
{
	return strverscmp((const char *)a, (const char *)b);
}

static int add_name(struct gp_kernels *k, size_t *cap, const char *name)
{
	size_t i;

	if (!name[0] || strlen(name) >= GP_KVER_MAX)
		return 0;
	for (i = 0; i < k->n; i++)
		if (strcmp(k->rel[i], name) == 0)
			return 0;
	if (GP_ARRAY_GROW(k->rel, *cap, k->n + 1) < 0)
		return -ENOMEM;
	strcpy(k->rel[k->n++], name);
	return 0;
}

int gp_preflight_kernel_names(const struct gp_path *p, struct gp_kernels *out)
{
	struct gp_kernels mods;
	struct dirent *de;
	size_t cap = 0, i;
	int r = 0;
	DIR *d;

	out->n = 0;
	out->rel = NULL;
	d = gp_path_opendir(p, "/boot");
	while (d && r == 0 && (de = readdir(d)))
		if (strncmp(de->d_name, "vmlinuz-", 8) == 0)
			r = add_name(out, &cap, de->d_name + 8);
	if (d)
		closedir(d);
	if (r == 0 && gp_kernels_installed(p, &mods) > 0) {
		for (i = 0; i < mods.n && r == 0; i++)
			r = add_name(out, &cap, mods.rel[i]);
		gp_kernels_free(&mods);
	}
	if (r < 0) {
		gp_kernels_free(out);
		return r;
	}
	if (out->n)
		qsort(out->rel, out->n, sizeof(*out->rel), cmp_rel);
	return (int)out->n;
}

/* --- the refusals of a plan ---------------------------------------------- */

/* The kernels the plan rebuilds an initramfs for: the choice, with an initrd. */
static int is_target(const struct gp_path *p, const struct gp_generator_ops *gen,
		     const struct gp_syscheck *chk, const struct gp_choices *c, size_t k)
{
	if (c->kernels == GP_KERNELS_RUNNING && !chk->kernels[k].running)
		return 0;
	return !(gp_preflight_kernel_lacks(p, gen, chk->kernels[k].kver) & GP_KERNEL_NO_INITRD);
}

static enum gp_preflight_fact lack_fact(unsigned int lacks)
{
	if ((lacks & GP_KERNEL_NO_MODULES) && (lacks & GP_KERNEL_NO_IMAGE))
		return GP_PREFLIGHT_KERNEL_ABSENT;
	if ((lacks & GP_KERNEL_NO_MODULES) && !(lacks & GP_KERNEL_NO_IMAGE))
		return GP_PREFLIGHT_KERNEL_NO_MODULES;
	if ((lacks & GP_KERNEL_NO_IMAGE) && !(lacks & GP_KERNEL_NO_MODULES))
		return GP_PREFLIGHT_KERNEL_NO_IMAGE;
	return (lacks & GP_KERNEL_NO_INITRD) ? GP_PREFLIGHT_KERNEL_NO_INITRD :
		GP_PREFLIGHT_FACT_NONE;
}

/* No kernel to rebuild at all: name every kernel the root has, and what it lacks. */
static int no_kernel(const struct gp_path *p, const struct gp_generator_ops *gen,
		     const struct gp_syscheck *chk, const struct gp_choices *c, struct gp_plan *pl)
{
	struct gp_guard_hit *h = plan_add_hit(pl, c, GP_GUARD_NO_KERNEL);
	struct gp_kernels names;
	size_t i;
	int r = 0;

	if (!h)
		return -ENOMEM;
	if (c->kernels == GP_KERNELS_RUNNING && !chk->kver[0])
		return plan_hit_fact(h, GP_PREFLIGHT_KERNEL_RUNNING_UNKNOWN, "", 0);
	if (c->kernels == GP_KERNELS_RUNNING) {
		/* Only the running kernel counts; it may be installed nowhere. */
		enum gp_preflight_fact f = lack_fact(gp_preflight_kernel_lacks(p, gen, chk->kver));

		return plan_hit_fact(h, f, chk->kver, 0);
	}
	if (gp_preflight_kernel_names(p, &names) < 0)
		return -ENOMEM;
	for (i = 0; i < names.n && r == 0; i++) {
		enum gp_preflight_fact f = lack_fact(gp_preflight_kernel_lacks(p, gen, names.rel[i]));

		if (f != GP_PREFLIGHT_FACT_NONE)
			r = plan_hit_fact(h, f, names.rel[i], 0);
	}
	gp_kernels_free(&names);
	if (r == 0 && !h->n_facts)
		r = plan_hit_fact(h, GP_PREFLIGHT_KERNEL_NONE, "", 0);
	return r;
}

/* The kernels to rebuild: each whole, with vfio-pci and vfio_iommu_type1. */
static int kernels(const struct gp_path *p, const struct gp_generator_ops *gen,
		   const struct gp_syscheck *chk, const struct gp_choices *c, struct gp_plan *pl)
{
	struct gp_guard_hit *half = NULL, *vfio = NULL;
	size_t k, whole = 0;
	int r = 0, m;

	for (k = 0; k < chk->n_kernels && r == 0; k++) {
		const struct gp_kernel_check *kc = &chk->kernels[k];
		enum gp_preflight_fact f;

		if (!is_target(p, gen, chk, c, k))
			continue;
		f = lack_fact(gp_preflight_kernel_lacks(p, gen, kc->kver));
		if (f == GP_PREFLIGHT_FACT_NONE)
			whole++;
		if (f != GP_PREFLIGHT_FACT_NONE && !half && !(half = plan_add_hit(pl, c,
								GP_GUARD_KERNEL_HALF)))
			return -ENOMEM;
		if (f != GP_PREFLIGHT_FACT_NONE)
			r = plan_hit_fact(half, f, kc->kver, 0);
	}
	if (r == 0 && !whole) {
		/* Then the refusal names them all; the half-installed hit says less. */
		if (half)
			plan_drop_last_hit(pl);
		return no_kernel(p, gen, chk, c, pl);
	}
	for (k = 0; k < chk->n_kernels && r == 0; k++) {
		const struct gp_kernel_check *kc = &chk->kernels[k];

		if (!is_target(p, gen, chk, c, k) || kc->err)
			continue;
		for (m = GP_MOD_VFIO_PCI; m <= GP_MOD_VFIO_IOMMU_TYPE1 && r == 0; m++) {
			if (kc->mod[m] != GP_MODULE_MISSING)
				continue;
			if (!vfio && !(vfio = plan_add_hit(pl, c, GP_GUARD_NO_VFIO)))
				return -ENOMEM;
			r = plan_hit_fact(vfio, GP_PREFLIGHT_VFIO_MISSING, kc->kver, m);
		}
	}
	return r;
}

static int pieces(const struct gp_path *p, const struct gp_generator_ops *gen,
		  const struct gp_choices *c, struct gp_plan *pl)
{
	char paths[MAX_PIECES][GP_PATH_MAX];
	struct gp_guard_hit *h = NULL;
	enum gp_piece_state st;
	int n, i, r = 0;

	n = gp_preflight_pieces(p, gen, paths, MAX_PIECES);
	if (n < 0)
		return n;
	for (i = 0; i < n && r == 0; i++) {
		/* A piece that cannot be looked at counts as missing: nothing proves it. */
		gp_preflight_piece(p, paths[i], &st);
		if (st == GP_PIECE_OK)
			continue;
		if (!h && !(h = plan_add_hit(pl, c, GP_GUARD_NOT_INSTALLED)))
			return -ENOMEM;
		r = plan_hit_fact(h, st == GP_PIECE_MISSING ? GP_PREFLIGHT_PIECE_MISSING :
				  GP_PREFLIGHT_PIECE_NOT_EXECUTABLE, paths[i], 0);
	}
	return r;
}

int plan_preflight(const struct gp_path *p, const struct gp_syscheck *chk,
		   const struct gp_choices *c, struct gp_plan *pl)
{
	struct gp_generator_choice gen;
	int r;

	/* The pieces are the builder's; the images the command rebuilds, the runner's. */
	if (!gp_generator_choose(&chk->initramfs, &gen))
		r = plan_add_hit(pl, c, GP_GUARD_NO_GENERATOR) ? 0 : -ENOMEM;
	else
		r = pieces(p, gen.builds, c, pl);
	if (r == 0)
		r = kernels(p, gen.runs, chk, c, pl);
	return r;
}
