/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Building a plan.  Each file's content is generated whole and compared
 * with what the root holds: an unchanged file is no change, and with no
 * file changed there is nothing to run, so a second identical run is a
 * no-op.  The kernel command line is only ever extended through a GRUB
 * drop-in; /etc/default/grub is never written.
 */
#include "plan.h"

#include <errno.h>
#include <fcntl.h>
#include <libkmod.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bind_conf.h"
#include "gp_path_write.h"
#include "hostdev.h"
#include "kmod_root.h"
#include "modavail.h"
#include "nls.h"
#include "strbuf.h"

/* Our own files are small; anything bigger is not ours to compare. */
#define OLD_FILE_MAX (1024 * 1024)
#define FILE_MODE 0644

/* --- growing strings ------------------------------------------------------ */

/* Text being generated; the first error sticks, so a run of adds is checked once. */
struct buf {
	struct gp_strbuf sb;
	int err;
};

__attribute__((format(printf, 2, 3)))
static void buf_add(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (b->err)
		return;
	va_start(ap, fmt);
	r = gp_strbuf_vaddf(&b->sb, fmt, ap);
	va_end(ap);
	if (r < 0)
		b->err = r;
}

/* --- the plan's arrays ---------------------------------------------------- */

static int add_guard(struct gp_plan *pl, const struct gp_choices *c, enum gp_guard g,
		     const char *address, int group, enum gp_group_reason reason,
		     const char *what, const char *detail)
{
	struct gp_guard_hit *h;

	if (GP_ARRAY_GROW(pl->guards, pl->alloc_guards, pl->n_guards + 1) < 0)
		return -ENOMEM;
	h = &pl->guards[pl->n_guards++];
	memset(h, 0, sizeof(*h));
	h->guard = g;
	h->forced = (c->force & g) != 0;
	h->group = group;
	h->reason = reason;
	snprintf(h->address, sizeof(h->address), "%s", address ? address : "");
	snprintf(h->what, sizeof(h->what), "%s", what ? what : "");
	snprintf(h->detail, sizeof(h->detail), "%s", detail);
	return 0;
}

/* --- reading the old content ---------------------------------------------- */

/*
 * Add a change of @path to @new (NULL: the file should not exist).  An
 * unchanged file, or the removal of a file that is not there, is dropped.
 * Takes ownership of @new.
 */
static int add_file(const struct gp_path *p, struct gp_plan *pl, const char *path, char *new_s,
		    size_t new_len)
{
	struct gp_file_change *f;
	char *old = NULL;
	size_t old_len = 0;
	int r;

	r = gp_path_read_file(p, path, &old, &old_len, NULL);
	if (r == 0 && old_len > OLD_FILE_MAX) {
		free(old);
		old = NULL;
		r = -EFBIG;
	}
	if (r < 0 && r != -ENOENT) {
		pl->error.err = r;
		snprintf(pl->error.path, sizeof(pl->error.path), "%s", path);
		free(new_s);
		return r;
	}
	if ((r == -ENOENT && !new_s) ||
	    (r == 0 && new_s && old_len == new_len && memcmp(old, new_s, new_len) == 0)) {
		free(old);
		free(new_s);
		return 0;
	}
	if (GP_ARRAY_GROW(pl->files, pl->alloc_files, pl->n_files + 1) < 0) {
		free(old);
		free(new_s);
		return -ENOMEM;
	}
	f = &pl->files[pl->n_files++];
	memset(f, 0, sizeof(*f));
	snprintf(f->path, sizeof(f->path), "%s", path);
	f->old_exists = r == 0;
	f->old_content = old;
	f->old_len = old_len;
	f->remove = new_s == NULL;
	f->new_content = new_s;
	f->new_len = new_s ? new_len : 0;
	f->mode = FILE_MODE;
	return 0;
}

static const struct gp_file_change *find_change(const struct gp_plan *pl, const char *path)
{
	size_t i;

	for (i = 0; i < pl->n_files; i++)
		if (strcmp(pl->files[i].path, path) == 0)
			return &pl->files[i];
	return NULL;
}

/* --- which functions ------------------------------------------------------ */

static int is_bridge(const struct gp_pci_dev *d)
{
	return !d->class_err && (d->class_code >> 8) == 0x0604;
}

/* Mark inventory index @k as chosen. */
static void take(char *chosen, long k)
{
	if (k >= 0)
		chosen[k] = 1;
}

static void take_group(const struct gp_inventory *inv, char *chosen, const struct gp_iommu_group *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->n_members; i++) {
		long k = gp_inventory_find(inv, g->members[i]);

		if (k >= 0 && !is_bridge(&inv->devs[k]))
			chosen[k] = 1;
	}
}

/* The display function the choice names: itself, or a GPU of its slot. */
static long find_gpu(const struct gp_inventory *inv, const char *address)
{
	long k = gp_inventory_find(inv, address);
	size_t i;

	if (k < 0)
		return -1;
	if (inv->devs[k].gpu)
		return k;
	for (i = 0; i < inv->n_devs; i++) {
		const struct gp_pci_dev *d = &inv->devs[i], *o = &inv->devs[k];

		if (d->gpu && d->domain == o->domain && d->bus == o->bus && d->slot == o->slot)
			return (long)i;
	}
	return -1;
}

static int choose_functions(const struct gp_inventory *inv, const struct gp_choices *c,
			    long gpu, char *chosen)
{
	const struct gp_pci_dev *g = &inv->devs[gpu];
	size_t i;
	int has_gpu = 0;

	if (c->functions == GP_FUNCS_LIST) {
		if (!c->n_list)
			return -EINVAL;
		for (i = 0; i < c->n_list; i++) {
			long k = gp_inventory_find(inv, c->list[i]);

			if (k < 0)
				return -EINVAL;
			chosen[k] = 1;
			has_gpu |= k == gpu;
		}
		return has_gpu ? 0 : -EINVAL;
	}
	take(chosen, gpu);
	for (i = 0; i < g->gpu->n_slot_functions; i++)
		take(chosen, (long)g->gpu->slot_functions[i]);
	if (c->functions == GP_FUNCS_GROUP)
		for (i = 0; i < inv->n_devs; i++)
			if (chosen[i] && !is_bridge(&inv->devs[i]))
				take_group(inv, chosen, inv->devs[i].group);
	return 0;
}

/* --- bind.conf ------------------------------------------------------------ */

static int bind_conf_content(const struct gp_inventory *inv, const char *chosen,
			     struct buf *b)
{
	unsigned int errors = 0, n = 0;
	size_t i;

	buf_add(b, "# %s - generated by gpupt-setup; do not edit.\n", GP_BIND_CONF_PATH);
	buf_add(b, "# The PCI functions the initramfs hands to vfio-pci at boot (gpupt-bind),\n"
		   "# each with the identity it must still have to be bound.\n"
		   "# To undo: gpupt-setup --revert; to skip it for one boot: gpupt=off on the\n"
		   "# kernel command line.\n");
	for (i = 0; i < inv->n_devs; i++) {
		const struct gp_pci_dev *d = &inv->devs[i];
		struct bind_conf_entry e;
		char line[BIND_CONF_FORMAT_SIZE];

		if (!chosen[i])
			continue;
		/* Without its identity the binder could not check the device. */
		if (d->vendor_err || d->device_err)
			return -ENODATA;
		memset(&e, 0, sizeof(e));
		snprintf(e.address, sizeof(e.address), "%s", d->address);
		e.vendor = d->vendor;
		e.device = d->device;
		if (!d->subsys_err) {
			e.have |= BIND_CONF_HAVE_SUBSYSTEM;
			e.subsystem_vendor = d->subsys_vendor;
			e.subsystem_device = d->subsys_device;
		}
		if (!d->class_err) {
			e.have |= BIND_CONF_HAVE_CLASS;
			e.class_code = d->class_code;
		}
		if (bind_conf_format(&e, line, sizeof(line)) < 0)
			return -EINVAL;
		buf_add(b, "%s", line);
		n++;
	}
	if (b->err)
		return b->err;
	/* What the binder will read must be exactly what we meant. */
	if (bind_conf_count(b->sb.buf, b->sb.len, &errors) != n || errors)
		return -EINVAL;
	return 0;
}

/* --- modprobe.d softdeps -------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct names {
	char **v;
	size_t n, alloc;
};

static int names_add(struct names *ns, const char *name)
{
	char **g;
	size_t i;

	for (i = 0; i < ns->n; i++)
		if (strcmp(ns->v[i], name) == 0)
			return 0;
	if (GP_ARRAY_GROW(ns->v, ns->alloc, ns->n + 1) < 0)
		return -ENOMEM;
	g = ns->v;
	g[ns->n] = strdup(name);
	if (!g[ns->n])
		return -ENOMEM;
	ns->n++;
	return 0;
}

static void names_free(struct names *ns)
{
	size_t i;

	for (i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
}

static int is_vfio(const char *name)
{
	return strncmp(name, "vfio", 4) == 0;
}

/* Modules of kernel @kver that @alias resolves to and that load as modules. */
static int kernel_modules(struct kmod_ctx *ctx, const char *alias, struct names *ns)
{
	struct kmod_list *list = NULL, *l;
	int r;

	r = kmod_module_new_from_lookup(ctx, alias, &list);
	if (r < 0)
		return r == -ENOMEM ? r : 0;
	r = 0;
	kmod_list_foreach(l, list) {
		struct kmod_module *m = kmod_module_get_module(l);
		const char *name = kmod_module_get_name(m);
		enum gp_module_avail av;

		if (!is_vfio(name) && gp_module_availability(ctx, name, &av) == 0 &&
		    av == GP_MODULE_LOADABLE)
			r = names_add(ns, name);
		kmod_module_unref(m);
		if (r < 0)
			break;
	}
	kmod_module_unref_list(list);
	return r;
}

static int softdep_modules(const struct gp_path *p, const struct gp_inventory *inv,
			   const struct gp_syscheck *chk, const char *chosen, struct names *ns)
{
	size_t i, k;
	int r, any_kernel = 0;

	for (k = 0; k < chk->n_kernels; k++) {
		struct kmod_ctx *ctx;

		if (chk->kernels[k].err || gp_kmod_new(p, chk->kernels[k].kver, &ctx) < 0)
			continue;
		any_kernel = 1;
		r = 0;
		for (i = 0; i < inv->n_devs && r == 0; i++)
			if (chosen[i] && inv->devs[i].modalias)
				r = kernel_modules(ctx, inv->devs[i].modalias, ns);
		kmod_unref(ctx);
		if (r < 0)
			return r;
	}
	/* No kernel's index readable: what the inventory found for the running one. */
	if (!any_kernel)
		for (i = 0; i < inv->n_devs; i++)
			for (k = 0; chosen[i] && k < inv->devs[i].n_modules; k++)
				if (!is_vfio(inv->devs[i].modules[k]) &&
				    (r = names_add(ns, inv->devs[i].modules[k])) < 0)
					return r;
	if (ns->n > 1)
		qsort(ns->v, ns->n, sizeof(*ns->v), cmp_str);
	return 0;
}

static int modprobe_content(const struct names *ns, struct buf *b)
{
	size_t i;

	buf_add(b, "# %s - generated by gpupt-setup; do not edit.\n", GP_MODPROBE_PATH);
	buf_add(b, "# Loads vfio-pci before the drivers of the functions given to the VM,\n"
		   "# so it claims them first.  To undo: gpupt-setup --revert\n");
	for (i = 0; i < ns->n; i++)
		buf_add(b, "softdep %s pre: vfio-pci\n", ns->v[i]);
	return b->err;
}

/* --- the kernel command line ---------------------------------------------- */

/* Whether @word is a blank- or quote-delimited word of @text. */
static int has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *s = text;

	while (text && (s = strstr(s, word)) != NULL) {
		int before = s == text || strchr(" \t\"'", s[-1]);
		int after = s[n] == '\0' || strchr(" \t\"'\n", s[n]);

		if (before && after)
			return 1;
		s += n;
	}
	return 0;
}

static void add_param(char *list, size_t size, const char *word)
{
	size_t n = strlen(list);

	snprintf(list + n, size - n, "%s%s", n ? " " : "", word);
}

/*
 * What this host needs on its command line.  A parameter already there is
 * not added again, unless our own drop-in is what puts it there (then the
 * drop-in must keep it).
 */
static void cmdline_needs(const struct gp_syscheck *chk, const struct gp_choices *c,
			  const char *old_dropin, char *list, size_t size)
{
	const struct gp_iommu_status *st = &chk->iommu;
	int intel = st->dmar && !(st->ivrs && chk->cpu_err == 0 &&
				   chk->cpu.vendor == GP_CPU_VENDOR_AMD);

	list[0] = '\0';
	if (intel && st->cfg_intel_default_on != GP_KCONFIG_Y &&
	    (!st->on_param || has_word(old_dropin, "intel_iommu=on")))
		add_param(list, size, "intel_iommu=on");
	if (c->iommu_pt && (!st->pt_param || has_word(old_dropin, "iommu=pt")))
		add_param(list, size, "iommu=pt");
}

static int grub_supported(const struct gp_bootloader *b)
{
	return b->grub_default && !b->kernelstub && !(b->sdboot_loader && !b->grub_cfg);
}

static int dropin_content(const char *params, struct buf *b)
{
	buf_add(b, "# %s - generated by gpupt-setup; do not edit.\n", GP_GRUB_DROPIN_PATH);
	buf_add(b, "# Adds what VFIO passthrough needs to the kernel command line of the\n"
		   "# normal boot entries only (recovery entries stay as they were).\n"
		   "# To undo: gpupt-setup --revert (then update-grub runs again).\n");
	buf_add(b, "GRUB_CMDLINE_LINUX_DEFAULT=\"${GRUB_CMDLINE_LINUX_DEFAULT} %s\"\n", params);
	return b->err;
}

/* --- commands ------------------------------------------------------------- */

static void free_argv(char **argv, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(argv[i]);
	free(argv);
}

/* @repl: the override from gp_plan_options for @prog (NULL or "": none). */
static int add_command(struct gp_plan *pl, const char *prog, const char *repl, const char *what,
		       const char *kver, ...)
{
	struct gp_command *c;
	const char *a;
	char **argv;
	size_t n = 1, i;
	va_list ap;

	if (repl && !repl[0])
		repl = NULL;
	if (repl && repl[0] != '/')
		return -EINVAL;
	va_start(ap, kver);
	while (va_arg(ap, const char *))
		n++;
	va_end(ap);
	argv = calloc(n + 1, sizeof(*argv));
	if (!argv)
		return -ENOMEM;
	argv[0] = strdup(repl ? repl : prog);
	va_start(ap, kver);
	for (i = 1; (a = va_arg(ap, const char *)) != NULL; i++)
		argv[i] = strdup(a);
	va_end(ap);
	for (i = 0; i < n; i++)
		if (!argv[i]) {
			free_argv(argv, n);
			return -ENOMEM;
		}
	if (GP_ARRAY_GROW(pl->cmds, pl->alloc_cmds, pl->n_cmds + 1) < 0) {
		free_argv(argv, n);
		return -ENOMEM;
	}
	c = &pl->cmds[pl->n_cmds++];
	memset(c, 0, sizeof(*c));
	c->argv = argv;
	c->what = what;
	snprintf(c->kver, sizeof(c->kver), "%s", kver ? kver : "");
	c->in_root = repl == NULL;
	c->generator = 1;
	return 0;
}

static int initramfs_commands(const struct gp_path *p, const struct gp_syscheck *chk,
			      const struct gp_choices *c, struct gp_plan *pl)
{
	const struct gp_initramfs *ir = &chk->initramfs;
	int dracut, r;
	size_t k;

	if (ir->kind == GP_INITRAMFS_TOOLS || (ir->kind == GP_INITRAMFS_DRACUT &&
					       ir->wrapper_runs_dracut && ir->update_initramfs))
		dracut = 0;
	else if (ir->kind == GP_INITRAMFS_DRACUT)
		dracut = 1;
	else if (ir->update_initramfs)
		dracut = 0;
	else if (ir->dracut)
		dracut = 1;
	else {
		pl->no_initramfs_tool = 1;
		return 0;
	}
	for (k = 0; k < chk->n_kernels; k++) {
		const char *kver = chk->kernels[k].kver;
		char initrd[GP_PATH_MAX];

		if (c->kernels == GP_KERNELS_RUNNING && !chk->kernels[k].running)
			continue;
		if (gp_path_join(initrd, sizeof(initrd), "/boot/initrd.img-", kver,
				 (char *)NULL) < 0 || gp_path_exists(p, initrd) <= 0)
			continue;
		if (dracut)
			r = add_command(pl, "/usr/bin/dracut", pl->options.update_initramfs,
					N_("Rebuilding the initramfs for %s"), kver,
					"--force", initrd, kver, (char *)NULL);
		else
			r = add_command(pl, "/usr/sbin/update-initramfs", pl->options.update_initramfs,
					N_("Rebuilding the initramfs for %s"), kver,
					"-u", "-k", kver, (char *)NULL);
		if (r < 0)
			return r;
	}
	return 0;
}

static int grub_command(const struct gp_syscheck *chk, struct gp_plan *pl)
{
	if (chk->boot.update_grub)
		return add_command(pl, "/usr/sbin/update-grub", pl->options.update_grub,
				   N_("Updating the GRUB configuration"), NULL, (char *)NULL);
	return add_command(pl, "/usr/sbin/grub-mkconfig", pl->options.update_grub,
			   N_("Updating the GRUB configuration"), NULL,
			   "-o", "/boot/grub/grub.cfg", (char *)NULL);
}

/* --- guards --------------------------------------------------------------- */

static int guard_display(const struct gp_inventory *inv, const struct gp_choices *c,
			 const char *chosen, struct gp_plan *pl)
{
	size_t i, j;
	int r;

	for (i = 0; i < inv->n_devs; i++) {
		const struct gp_pci_dev *d = &inv->devs[i];
		char detail[256];
		size_t used;

		if (!chosen[i] || !d->gpu || (d->boot_vga != 1 && d->gpu->display_connected != 1))
			continue;
		used = (size_t)snprintf(detail, sizeof(detail), "%s",
					d->boot_vga == 1 ? "boot VGA" : "");
		for (j = 0; j < d->gpu->n_connected_outputs && used < sizeof(detail); j++)
			used += (size_t)snprintf(detail + used, sizeof(detail) - used, "%s%s",
						 j ? ", " : used ? "; display on " : "display on ",
						 d->gpu->connected_outputs[j]);
		r = add_guard(pl, c, GP_GUARD_BOOT_DISPLAY, d->address, -1, GP_GROUP_REASON_NONE,
			      NULL, detail);
		if (r < 0)
			return r;
	}
	return 0;
}

static int guard_last_gpu(const struct gp_inventory *inv, const struct gp_choices *c,
			  const char *chosen, long gpu, struct gp_plan *pl)
{
	size_t i;

	for (i = 0; i < inv->n_devs; i++)
		if (inv->devs[i].gpu && !chosen[i])
			return 0;
	return add_guard(pl, c, GP_GUARD_LAST_GPU, inv->devs[gpu].address, -1,
			 GP_GROUP_REASON_NONE, NULL, inv->devs[gpu].address);
}

static int in_list(char addrs[][GP_PCI_ADDR_LEN], size_t n, const char *a)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(addrs[i], a) == 0)
			return 1;
	return 0;
}

static int guard_group(const struct gp_path *p, const struct gp_inventory *inv,
		       const struct gp_choices *c, const char *chosen, struct gp_plan *pl)
{
	char root_pci[GP_HOSTDEV_MAX][GP_PCI_ADDR_LEN], boot_pci[GP_HOSTDEV_MAX][GP_PCI_ADDR_LEN];
	char nic[GP_PCI_ADDR_LEN], ifname[64], detail[256];
	size_t n_root, n_boot, i, g;
	char *groups;
	int has_nic, r = 0;

	/* The groups the chosen functions bring along, each looked at once. */
	groups = calloc(inv->n_groups + 1, 1);
	if (!groups)
		return -ENOMEM;
	for (i = 0; i < inv->n_devs; i++)
		if (chosen[i] && inv->devs[i].group)
			groups[inv->devs[i].group - inv->groups] = 1;
	has_nic = gp_default_route_nic(p, ifname, sizeof(ifname), nic);
	n_root = gp_mount_pci(p, "/", root_pci);
	n_boot = gp_mount_pci(p, "/boot", boot_pci);

	for (g = 0; g < inv->n_groups && r == 0; g++) {
		const struct gp_iommu_group *grp = &inv->groups[g];

		if (!groups[g])
			continue;
		for (i = 0; i < grp->n_members && r == 0; i++) {
			const char *a = grp->members[i];
			long k = gp_inventory_find(inv, a);
			const struct gp_pci_dev *d = k >= 0 ? &inv->devs[k] : NULL;

			if (d && !d->class_err && (d->class_code >> 16) == 0x01) {
				snprintf(detail, sizeof(detail), "group %d: %s class 0x%06x",
					 grp->id, a, (unsigned int)d->class_code);
				r = add_guard(pl, c, GP_GUARD_GROUP, a, grp->id,
					      GP_GROUP_REASON_STORAGE, NULL, detail);
			}
			if (r == 0 && has_nic && strcmp(a, nic) == 0) {
				snprintf(detail, sizeof(detail), "group %d: %s %s", grp->id, a,
					 ifname);
				r = add_guard(pl, c, GP_GUARD_GROUP, a, grp->id,
					      GP_GROUP_REASON_ROUTE_NIC, ifname, detail);
			}
			if (r == 0 && (in_list(root_pci, n_root, a) || in_list(boot_pci, n_boot, a))) {
				const char *mnt = in_list(root_pci, n_root, a) ? "/" : "/boot";

				snprintf(detail, sizeof(detail), "group %d: %s %s", grp->id, a, mnt);
				r = add_guard(pl, c, GP_GUARD_GROUP, a, grp->id,
					      GP_GROUP_REASON_MOUNT, mnt, detail);
			}
		}
	}
	free(groups);
	return r;
}

/* --- the whole plan ------------------------------------------------------- */

static int build(const struct gp_path *p, const struct gp_inventory *inv,
		 const struct gp_syscheck *chk, const struct gp_choices *c, struct gp_plan *pl)
{
	struct buf b = { 0 };
	struct names mods = { 0 };
	char *chosen, *old_dropin = NULL, params[256];
	size_t i, old_len;
	long gpu;
	int r;

	gpu = find_gpu(inv, c->gpu);
	if (gpu < 0)
		return -ENODEV;
	chosen = calloc(inv->n_devs + 1, 1);
	if (!chosen)
		return -ENOMEM;
	r = choose_functions(inv, c, gpu, chosen);
	if (r < 0)
		goto out;
	for (i = 0; i < inv->n_devs; i++) {
		if (!chosen[i])
			continue;
		if (GP_ARRAY_GROW(pl->functions, pl->alloc_functions, pl->n_functions + 1) < 0) {
			r = -ENOMEM;
			goto out;
		}
		memcpy(pl->functions[pl->n_functions++], inv->devs[i].address, GP_PCI_ADDR_LEN);
	}

	/* Guards: every hit is recorded, forced or not, so the reason is always shown. */
	pl->iommu_unusable = chk->iommu.verdict != GP_IOMMU_ACTIVE;
	r = guard_display(inv, c, chosen, pl);
	if (r == 0)
		r = guard_last_gpu(inv, c, chosen, gpu, pl);
	if (r == 0)
		r = guard_group(p, inv, c, chosen, pl);
	if (r == 0 && pl->iommu_unusable)
		r = add_guard(pl, c, GP_GUARD_IOMMU, NULL, -1, GP_GROUP_REASON_NONE, NULL,
			      chk->iommu.off_param[0] ? chk->iommu.off_param : "no IOMMU groups");
	if (r < 0)
		goto out;
	if (chk->iommu.verdict == GP_IOMMU_DISABLED_CMDLINE)
		snprintf(pl->cmdline_remove, sizeof(pl->cmdline_remove), "%s", chk->iommu.off_param);

	/* bind.conf */
	r = bind_conf_content(inv, chosen, &b);
	if (r < 0)
		goto out;
	r = add_file(p, pl, GP_BIND_CONF_PATH, b.sb.buf, b.sb.len);
	memset(&b, 0, sizeof(b));
	if (r < 0)
		goto out;

	/* modprobe.d */
	r = softdep_modules(p, inv, chk, chosen, &mods);
	if (r < 0)
		goto out;
	if (mods.n) {
		r = modprobe_content(&mods, &b);
		if (r < 0)
			goto out;
	}
	r = add_file(p, pl, GP_MODPROBE_PATH, b.sb.buf, b.sb.len);
	memset(&b, 0, sizeof(b));
	if (r < 0)
		goto out;

	/* The GRUB drop-in. */
	r = gp_path_read_file(p, GP_GRUB_DROPIN_PATH, &old_dropin, &old_len, NULL);
	if (r < 0 && r != -ENOENT) {
		pl->error.err = r;
		snprintf(pl->error.path, sizeof(pl->error.path), "%s", GP_GRUB_DROPIN_PATH);
		goto out;
	}
	cmdline_needs(chk, c, old_dropin, params, sizeof(params));
	if (!grub_supported(&chk->boot)) {
		pl->bootloader_unsupported = 1;
		snprintf(pl->cmdline_manual, sizeof(pl->cmdline_manual), "%s", params);
	} else {
		snprintf(pl->cmdline_added, sizeof(pl->cmdline_added), "%s", params);
		if (params[0]) {
			r = dropin_content(params, &b);
			if (r < 0)
				goto out;
		}
		r = add_file(p, pl, GP_GRUB_DROPIN_PATH, b.sb.buf, b.sb.len);
		memset(&b, 0, sizeof(b));
		if (r < 0)
			goto out;
	}

	/* Commands, for what changed. */
	if (find_change(pl, GP_BIND_CONF_PATH) || find_change(pl, GP_MODPROBE_PATH)) {
		r = initramfs_commands(p, chk, c, pl);
		if (r < 0)
			goto out;
	}
	if (find_change(pl, GP_GRUB_DROPIN_PATH))
		r = grub_command(chk, pl);
out:
	gp_strbuf_release(&b.sb);
	free(old_dropin);
	names_free(&mods);
	free(chosen);
	return r;
}

int gp_plan_build(const struct gp_path *p, const struct gp_inventory *inv,
		  const struct gp_syscheck *chk, const struct gp_choices *choices,
		  const struct gp_plan_options *opt, struct gp_plan **out,
		  struct gp_plan_error *why)
{
	struct gp_plan *pl;
	int r;

	*out = NULL;
	if (why)
		memset(why, 0, sizeof(*why));
	r = opt ? gp_plan_options_check(opt) : 0;
	if (r < 0)
		return r;
	pl = calloc(1, sizeof(*pl));
	if (!pl)
		return -ENOMEM;
	if (opt)
		pl->options = *opt;
	r = build(p, inv, chk, choices, pl);
	if (r < 0) {
		if (why)
			*why = pl->error;
		gp_plan_free(pl);
		return r;
	}
	*out = pl;
	return 0;
}

static int override_ok(const char *repl)
{
	return !repl || !repl[0] || repl[0] == '/';
}

int gp_plan_options_check(const struct gp_plan_options *opt)
{
	return override_ok(opt->update_initramfs) && override_ok(opt->update_grub) ? 0 : -EINVAL;
}

int gp_plan_refused(const struct gp_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->n_guards; i++)
		if (!plan->guards[i].forced)
			return 1;
	return 0;
}

void gp_plan_free(struct gp_plan *plan)
{
	size_t i, j;

	if (!plan)
		return;
	for (i = 0; i < plan->n_files; i++) {
		free(plan->files[i].old_content);
		free(plan->files[i].new_content);
	}
	for (i = 0; i < plan->n_cmds; i++) {
		for (j = 0; plan->cmds[i].argv && plan->cmds[i].argv[j]; j++)
			free(plan->cmds[i].argv[j]);
		free(plan->cmds[i].argv);
	}
	free(plan->files);
	free(plan->cmds);
	free(plan->guards);
	free(plan->functions);
	free(plan);
}
