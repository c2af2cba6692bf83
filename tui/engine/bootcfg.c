/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "bootcfg.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gp_path_stdio.h"
#include "gp_path_write.h"
#include "gp_paths.h"

#define UPDATE_INITRAMFS "/usr/sbin/update-initramfs"

static int is_dir(const struct gp_path *p, const char *path)
{
	struct stat st;

	return gp_path_stat(p, path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const struct gp_path *p, const char *path)
{
	struct stat st;

	return gp_path_stat(p, path, &st) == 0 && S_ISREG(st.st_mode);
}

int gp_bootloader_probe(const struct gp_path *p, struct gp_bootloader *out)
{
	static const char *const loaders[] = {
		"/boot/efi/loader/loader.conf", "/efi/loader/loader.conf",
		"/boot/loader/loader.conf",
	};
	size_t i;

	memset(out, 0, sizeof(*out));
	out->grub_default = is_file(p, "/etc/default/grub");
	out->grub_default_d = is_dir(p, "/etc/default/grub.d");
	out->grub_cfg = is_file(p, "/boot/grub/grub.cfg");
	out->update_grub = is_file(p, "/usr/sbin/update-grub");
	out->kernelstub = is_file(p, "/etc/kernelstub/configuration");
	out->kernel_install = is_file(p, "/usr/bin/kernel-install");
	out->kernelstub_bin = is_file(p, "/usr/bin/kernelstub");
	for (i = 0; i < sizeof(loaders) / sizeof(loaders[0]); i++) {
		if (is_file(p, loaders[i])) {
			out->sdboot_loader = loaders[i];
			break;
		}
	}
	return 0;
}

int gp_bootloader_ambiguous(const struct gp_bootloader *b)
{
	return (b->grub_default || b->grub_cfg) && b->sdboot_loader && !b->kernelstub;
}

void gp_nextboot_free(struct gp_nextboot *nb)
{
	free(nb->line);
	free(nb->base);
	memset(nb, 0, sizeof(*nb));
}

int gp_nextboot_params(struct gp_nextboot *nb)
{
	int r = 0;

	if (nb->line)
		r = gp_iommu_cmdline_params(nb->line, &nb->line_params);
	if (r == 0 && nb->base)
		r = gp_iommu_cmdline_params(nb->base, &nb->base_params);
	return r;
}

/* Does the text file @path have a line equal to @want?  1, 0, or -errno. */
static int file_has_line(const struct gp_path *p, const char *path, const char *want)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f;
	int r, found = 0;

	r = gp_path_fopen_read(p, path, &f);
	if (r < 0)
		return r;
	while (!found && (n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		found = strcmp(line, want) == 0;
	}
	free(line);
	fclose(f);
	return found;
}

/* Which package's dpkg file list ships update-initramfs. */
static enum gp_initramfs_kind owner_by_dpkg(const struct gp_path *p)
{
	static const struct { const char *list; enum gp_initramfs_kind kind; } owners[] = {
		{ "/var/lib/dpkg/info/initramfs-tools.list", GP_INITRAMFS_TOOLS },
		{ "/var/lib/dpkg/info/initramfs-tools-bin.list", GP_INITRAMFS_TOOLS },
		{ "/var/lib/dpkg/info/dracut.list", GP_INITRAMFS_DRACUT },
		{ "/var/lib/dpkg/info/dracut-core.list", GP_INITRAMFS_DRACUT },
		{ "/var/lib/dpkg/info/dracut-install.list", GP_INITRAMFS_DRACUT },
	};
	size_t i;

	for (i = 0; i < sizeof(owners) / sizeof(owners[0]); i++)
		if (file_has_line(p, owners[i].list, UPDATE_INITRAMFS) > 0)
			return owners[i].kind;
	return GP_INITRAMFS_NONE;
}

/*
 * What the update-initramfs script runs: initramfs-tools' calls
 * mkinitramfs; a wrapper around dracut names dracut and not mkinitramfs.
 */
static enum gp_initramfs_kind owner_by_script(const struct gp_path *p)
{
	char *line = NULL;
	size_t cap = 0;
	int mk = 0, dr = 0;
	FILE *f;

	if (gp_path_fopen_read(p, UPDATE_INITRAMFS, &f) < 0)
		return GP_INITRAMFS_NONE;
	while (getline(&line, &cap, f) > 0) {
		const char *s = line + strspn(line, " \t");

		if (*s == '#')
			continue;
		mk |= strstr(s, "mkinitramfs") != NULL;
		dr |= strstr(s, "dracut") != NULL;
	}
	free(line);
	fclose(f);
	if (mk)
		return GP_INITRAMFS_TOOLS;
	return dr ? GP_INITRAMFS_DRACUT : GP_INITRAMFS_NONE;
}

int gp_initramfs_probe(const struct gp_path *p, struct gp_initramfs *out)
{
	enum gp_initramfs_kind k;

	memset(out, 0, sizeof(*out));
	out->update_initramfs = is_file(p, UPDATE_INITRAMFS);
	out->tools_conf = is_file(p, "/etc/initramfs-tools/initramfs.conf");
	out->mkinitramfs = is_file(p, "/usr/sbin/mkinitramfs");
	out->dracut = is_file(p, "/usr/bin/dracut");
	out->dracut_conf = is_file(p, "/etc/dracut.conf") || is_dir(p, "/etc/dracut.conf.d");
	/* dracut includes a module whose directory has a module-setup.sh. */
	out->dracut_module = is_file(p, GP_DRACUT_MODULE_DIR "/module-setup.sh");

	if (out->update_initramfs) {
		k = owner_by_dpkg(p);
		out->by = GP_INITRAMFS_BY_DPKG;
		if (k == GP_INITRAMFS_NONE) {
			k = owner_by_script(p);
			out->by = GP_INITRAMFS_BY_SCRIPT;
		}
		if (k != GP_INITRAMFS_NONE) {
			out->kind = k;
			out->wrapper_runs_dracut = k == GP_INITRAMFS_DRACUT;
			return 0;
		}
	}
	/* No (telling) update-initramfs: whichever generator is installed. */
	out->by = GP_INITRAMFS_BY_FILES;
	if (out->mkinitramfs && out->tools_conf && !out->dracut)
		out->kind = GP_INITRAMFS_TOOLS;
	else if (out->dracut && !out->mkinitramfs)
		out->kind = GP_INITRAMFS_DRACUT;
	else
		out->by = GP_INITRAMFS_BY_NOTHING;
	return 0;
}
