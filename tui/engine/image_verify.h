/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * image_verify — does a rebuilt initramfs hold what the next boot needs?
 *
 * After the generator ran, the image it wrote is read back with the
 * distribution's own tool, the one its generator's entry names
 * (generator.h): `unmkinitramfs IMAGE DIR` for initramfs-tools (early
 * microcode archives and a compressed main archive alike), and
 * `lsinitrd IMAGE` / `lsinitrd -f etc/gpupt/bind.conf IMAGE` for dracut.
 * The tool runs like the generators do (an argv vector; chrooted into a
 * --root when it is the root's own tool) and extracts into a private
 * temporary directory that is removed afterwards.
 *
 * What the image must hold follows the hooks' own rule (initramfs-hook/):
 * when /etc/gpupt/bind.conf lists something, gpupt-bind, our boot script
 * (scripts/init-top/gpupt, or dracut's pre-udev hook) and a bind.conf
 * byte-identical to the one on disk; when it lists nothing or is absent,
 * neither gpupt-bind nor a bind.conf (the image is as without gpupt).
 * The same rule serves an apply and a revert.
 */
#ifndef GP_IMAGE_VERIFY_H
#define GP_IMAGE_VERIFY_H

#include <stddef.h>

#include "gp_path.h"
#include "plan.h"
#include "report.h"

/* Environment variables that replace the image readers (tests). */
#define GP_ENV_UNMKINITRAMFS "GPUPT_UNMKINITRAMFS"
#define GP_ENV_LSINITRD      "GPUPT_LSINITRD"

struct gp_generator_ops;

/**
 * gp_image_of_command - the image a plan's command rebuilds.
 * @cmd: a command of a plan or a journal.
 * @image: receives the image's path in the target root ("" for none).
 * @size: size of @image.
 *
 * Read from the arguments, which stay the same when the program is
 * replaced (GP_ENV_UPDATE_INITRAMFS), by the generators' table
 * (generator.h).  Returns the generator whose reader reads the image back;
 * NULL for anything else (update-grub) or an image path that does not fit.
 */
const struct gp_generator_ops *gp_image_of_command(const struct gp_command *cmd, char *image,
						   size_t size);

/**
 * gp_image_verify - read back the image @cmd rebuilt and check it.
 * @p: the target root.
 * @opt: the reader overrides (NULL: the root's own tools).
 * @cmd: a command for which gp_image_of_command() is not NULL.
 * @out: FAIL items (with their FIX) are added, naming the image and what
 *       it lacks, or why it could not be read.
 * @binds: set to 1 when the image holds gpupt-bind and the current
 *         bind.conf (its next boot binds), else 0.
 *
 * Returns 0 when the image is as it must be, -EBADE when it is not or
 * cannot be read (a missing tool included: what cannot be checked is not
 * done), or -ENOMEM.
 */
int gp_image_verify(const struct gp_path *p, const struct gp_plan_options *opt,
		    const struct gp_command *cmd, struct gp_report *out, int *binds);

/**
 * gp_image_none_rebuilt - no command rebuilt an image: is that all right?
 * @p: the target root.
 * @out: when /etc/gpupt/bind.conf lists something, the FAIL (no image
 *       carries it, so nothing binds) and its FIX are added.
 *
 * Returns 0 when bind.conf lists nothing (or is absent), -EBADE when it
 * does, or -errno reading it.
 */
int gp_image_none_rebuilt(const struct gp_path *p, struct gp_report *out);

/**
 * gp_image_conf_lists - does /etc/gpupt/bind.conf in @p list something
 * (by the hooks' rule: any line but comments and blank ones), so that
 * every initramfs built with it binds?  Returns 1, 0 (also when it is
 * absent), or -errno reading it.
 */
int gp_image_conf_lists(const struct gp_path *p);

#endif
