/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness: what the next boot's kernel command line will be, as
 * gpupt-setup reads it from GRUB's shell-syntax defaults
 * (gp_grub_default_eval, grub_default_read.c) and then searches it for
 * parameters (gp_cmdline_find, gp_cmdline_list_has in cmdline.c).
 *
 * The input holds up to three files separated by NUL bytes: the
 * /etc/default/grub, a grub.d drop-in on disk, and gpupt-setup's own
 * drop-in as it would be replaced.  They are evaluated from memory and read
 * from a scratch root (scratch.h), both ways.  Checks: the results are
 * strings, a parameter's '-' and '_' spellings find the same word, and a
 * value found fits the buffer it was asked into.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdline.h"
#include "grub_default.h"
#include "scratch.h"

#define DROPIN GP_GRUB_DEFAULT_D "/99-gpupt.cfg"

static struct gp_path root;
static char top[GP_PATH_MAX], grub_path[GP_PATH_MAX], cfg_path[GP_PATH_MAX];

/* The scratch root goes when the fuzzer exits (a finding leaves it). */
static void cleanup(void)
{
	static const char *const dirs[] = { GP_GRUB_DEFAULT_D, "/etc/default", "/etc", "" };
	char path[GP_PATH_MAX + 32];
	size_t i;

	gp_path_fini(&root);
	unlink(grub_path);
	unlink(cfg_path);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", top, dirs[i]);
		rmdir(path);
	}
}

static void put(const char *path, const char *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size) || close(fd) < 0) {
		perror(path);
		abort();
	}
}

static void dir(const char *path)
{
	if (mkdir(path, 0755) < 0) {
		perror(path);
		abort();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[GP_PATH_MAX + 32];

	(void)argc;
	(void)argv;
	snprintf(top, sizeof(top), "%s/gpupt-fuzz-grub-XXXXXX", scratch_base());
	if (!mkdtemp(top)) {
		perror(top);
		abort();
	}
	snprintf(path, sizeof(path), "%s/etc", top);
	dir(path);
	snprintf(path, sizeof(path), "%s/etc/default", top);
	dir(path);
	snprintf(path, sizeof(path), "%s" GP_GRUB_DEFAULT_D, top);
	dir(path);
	snprintf(grub_path, sizeof(grub_path), "%s" GP_GRUB_DEFAULT_PATH, top);
	snprintf(cfg_path, sizeof(cfg_path), "%s" GP_GRUB_DEFAULT_D "/10-local.cfg", top);
	if (gp_path_init(&root, top) < 0)
		abort();
	atexit(cleanup);
	return 0;
}

static void fits(const char *s, size_t size)
{
	if (!memchr(s, '\0', size))
		abort();
}

/* The parameters gpupt-setup looks for, each in both spellings. */
static void search(const char *line)
{
	static const char *const names[][2] = {
		{ "intel_iommu", "intel-iommu" }, { "amd_iommu", "amd-iommu" },
		{ "iommu", "iommu" }, { "vfio_pci.ids", "vfio-pci.ids" }, { "gpupt", "gpupt" },
		{ "rd.driver.pre", "rd.driver.pre" }, { "module_blacklist", "module-blacklist" },
	};
	char val[2][64], word[2][80], tiny[4];
	size_t i;
	int a, b;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		a = gp_cmdline_find(line, names[i][0], val[0], sizeof(val[0]), word[0], sizeof(word[0]));
		b = gp_cmdline_find(line, names[i][1], val[1], sizeof(val[1]), word[1], sizeof(word[1]));
		if (a != b || (a != 0 && a != 1 && a != -ENAMETOOLONG))
			abort();
		if (a == 1) {
			fits(val[0], sizeof(val[0]));
			fits(word[0], sizeof(word[0]));
			if (strcmp(val[0], val[1]) != 0 || strlen(word[0]) != strlen(word[1]))
				abort();
			(void)gp_cmdline_list_has(val[0], "on");
			(void)gp_cmdline_list_has(val[0], "");
		}
		if (gp_cmdline_find(line, names[i][0], tiny, sizeof(tiny), NULL, 0) == 1)
			fits(tiny, sizeof(tiny));
		if (gp_cmdline_find(line, names[i][0], NULL, 0, NULL, 0) != (a != 0))
			abort();
	}
}

static void check(const struct gp_grub_cmdline *c)
{
	if (!c->linux_args || !c->default_args || !c->normal)
		abort();
	fits(c->where.path, sizeof(c->where.path));
	fits(c->where.what, sizeof(c->where.what));
	fits(c->read_path, sizeof(c->read_path));
	search(c->normal);
	search(c->linux_args);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *part[3] = { NULL, NULL, NULL }, *p, *q;
	struct gp_grub_source src[3];
	struct gp_grub_cmdline out;
	size_t n = 0, i;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	/* buf[size] ends the last part; a NUL inside ends one and starts the next. */
	for (p = buf; n < 3; p = q + 1) {
		part[n++] = p;
		q = memchr(p, '\0', (size_t)(buf + size - p));
		if (!q)
			break;
	}
	for (i = 0; i < n; i++) {
		src[i].path = i == 0 ? GP_GRUB_DEFAULT_PATH : i == 1 ? "/etc/default/grub.d/10-local.cfg"
								 : DROPIN;
		src[i].text = part[i];
	}
	i = n;
	if (gp_grub_default_eval(src, i, &out) == 0) {
		check(&out);
		gp_grub_cmdline_free(&out);
	}
	search(buf);
	put(grub_path, part[0], strlen(part[0]));
	put(cfg_path, i > 1 ? part[1] : "", i > 1 ? strlen(part[1]) : 0);
	if (gp_grub_default_read(&root, DROPIN, GP_GRUB_DROPIN_REPLACED, i > 2 ? part[2] : NULL,
				 &out) == 0) {
		check(&out);
		gp_grub_cmdline_free(&out);
	}
	free(buf);
	return 0;
}
