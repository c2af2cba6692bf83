/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * initramfs-tools as a generator back end (generator.h): update-initramfs
 * -u -k K rebuilds /boot/initrd.img-K, through the hook and init-top script
 * `make install` puts in INITRAMFSDIR; unmkinitramfs reads an image back.
 */
#include "generator.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gp_path.h"
#include "plan_data.h"
#include "preflight.h"

static enum gp_generator_evidence detect(const struct gp_initramfs *ir)
{
	if (ir->kind == GP_INITRAMFS_TOOLS)
		return GP_GENERATOR_PROBED;
	return ir->update_initramfs ? GP_GENERATOR_PROGRAM : GP_GENERATOR_ABSENT;
}

static void rebuild_argv(const char *kver, const char *image, const char **argv)
{
	(void)image;    /* update-initramfs knows where kernel K's image is */
	argv[0] = "/usr/sbin/update-initramfs";
	argv[1] = "-u";
	argv[2] = "-k";
	argv[3] = kver;
	argv[4] = NULL;
}

static int image_path(const char *kver, char *buf, size_t size)
{
	return gp_path_join(buf, size, "/boot/initrd.img-", kver, (char *)NULL) < 0
		? -ENAMETOOLONG : 0;
}

static int command_image(char *const *argv, const char *kver, char *buf, size_t size)
{
	if (!argv[1] || strcmp(argv[1], "-u") != 0 || !argv[2] || strcmp(argv[2], "-k") != 0)
		return 0;
	return image_path(kver, buf, size) == 0;
}

static const char *reader_override(const struct gp_plan_options *opt)
{
	return opt ? opt->unmkinitramfs : NULL;
}

static const char *const script_names[] = { "scripts/init-top/gpupt", NULL };

const struct gp_generator_ops gp_generator_tools = {
	.name = "initramfs-tools",
	.detect = detect,
	.wrapped_by = NULL,
	.hook = GP_TOOLS_HOOK_PATH,
	.boot_script = GP_TOOLS_INIT_TOP_PATH,
	.rebuild_argv = rebuild_argv,
	.image_path = image_path,
	.command_image = command_image,
	.reading = GP_IMAGE_EXTRACT,
	.reader = "/usr/bin/unmkinitramfs",
	.reader_package = "initramfs-tools-core",
	.reader_override = reader_override,
	.script_names = script_names,
};
