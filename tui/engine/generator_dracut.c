/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dracut as a generator back end (generator.h): dracut --force IMAGE K
 * rebuilds /boot/initrd.img-K (Debian's name, not dracut's own default),
 * through the module `make install` puts in DRACUTDIR/90gpupt; lsinitrd
 * reads an image back.  Ubuntu 25.10 and later keep an update-initramfs
 * that runs dracut: there that wrapper's command rebuilds.
 */
#include "generator.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gp_path.h"
#include "plan_data.h"

static enum gp_generator_evidence detect(const struct gp_initramfs *ir)
{
	if (ir->kind == GP_INITRAMFS_DRACUT)
		return GP_GENERATOR_PROBED;
	return ir->dracut ? GP_GENERATOR_PROGRAM : GP_GENERATOR_ABSENT;
}

static const char *wrapped_by(const struct gp_initramfs *ir)
{
	return ir->wrapper_runs_dracut && ir->update_initramfs ? "initramfs-tools" : NULL;
}

static void rebuild_argv(const char *kver, const char *image, const char **argv)
{
	argv[0] = "/usr/bin/dracut";
	argv[1] = "--force";
	argv[2] = image;
	argv[3] = kver;
	argv[4] = NULL;
}

static int image_path(const char *kver, char *buf, size_t size)
{
	return gp_path_join(buf, size, "/boot/initrd.img-", kver, (char *)NULL) < 0
		? -ENAMETOOLONG : 0;
}

/* The image is the command's own argument: dracut --force IMAGE K. */
static int command_image(char *const *argv, const char *kver, char *buf, size_t size)
{
	(void)kver;
	if (!argv[1] || strcmp(argv[1], "--force") != 0 || !argv[2] || argv[2][0] != '/')
		return 0;
	return snprintf(buf, size, "%s", argv[2]) < (int)size;
}

static const char *reader_override(const struct gp_plan_options *opt)
{
	return opt ? opt->lsinitrd : NULL;
}

static const char *const script_names[] = {
	"lib/dracut/hooks/pre-udev/10-gpupt-pre-udev.sh",
	"usr/lib/dracut/hooks/pre-udev/10-gpupt-pre-udev.sh", NULL,
};

const struct gp_generator_ops gp_generator_dracut = {
	.name = "dracut",
	.detect = detect,
	.wrapped_by = wrapped_by,
	.hook = GP_DRACUT_MODULE_DIR "/module-setup.sh",
	.boot_script = GP_DRACUT_MODULE_DIR "/gpupt-pre-udev.sh",
	.rebuild_argv = rebuild_argv,
	.image_path = image_path,
	.command_image = command_image,
	.reading = GP_IMAGE_LIST,
	.reader = "/usr/bin/lsinitrd",
	.reader_package = "dracut-core",
	.reader_override = reader_override,
	.script_names = script_names,
};
