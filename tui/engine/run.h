/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * run — running one command of a plan: fork and execve, never a shell.
 *
 * The child gets stdin from /dev/null and one pipe for both stdout and
 * stderr, which the caller receives as it comes.  When the command is the
 * target system's own tool (cmd->in_root) and the root is not "/", the
 * child chroots into the root first.
 *
 * Environment: the caller's, with PATH replaced by GP_RUN_PATH and the
 * variables that inject code into a program or a shell removed (LD_PRELOAD,
 * LD_LIBRARY_PATH, LD_AUDIT, IFS, ENV, BASH_ENV, CDPATH): the generators
 * are shell scripts run as root.  Everything else (LANG, TERM, proxies,
 * DEBIAN_FRONTEND, the GPUPT_* test variables) is passed on.  A command
 * that is not the root's own (cmd->in_root 0: a replacement from GP_ENV_*,
 * run on the host) also gets GP_RUN_ROOT_VAR, the target root as an
 * absolute host path ("/" for the real root), so a test double can build
 * the image where the root's generator would.
 */
#ifndef GP_RUN_H
#define GP_RUN_H

#include <stddef.h>

#include "gp_path.h"
#include "plan.h"

#define GP_RUN_PATH "/usr/sbin:/usr/bin:/sbin:/bin"
#define GP_RUN_ROOT_VAR "GPUPT_ROOT"

/**
 * gp_run - run @cmd to its end.
 * @p: the target root (for cmd->in_root).
 * @cmd: the command; argv[0] must be an absolute path.
 * @output: receives the command's output as it comes (may be NULL).
 * @ctx: passed to @output.
 * @wstatus: receives the wait status (see waitpid(2)).
 *
 * Returns 0 when the command ran (whatever its status), or -errno when it
 * could not be started: -ENOENT / -EACCES / -ENOEXEC from execve, -errno
 * from pipe, fork or chroot.
 */
int gp_run(const struct gp_path *p, const struct gp_command *cmd,
	   void (*output)(void *ctx, const char *buf, size_t len), void *ctx, int *wstatus);

/**
 * gp_run_reboot - reboot the host: `systemctl reboot`, from the first of
 * /usr/bin/systemctl and /bin/systemctl that exists, else /sbin/reboot.
 * @p: the target root; only the real root ("/") is rebooted.
 * @output: receives the command's output (may be NULL).
 * @ctx: passed to @output.
 *
 * Returns 0 when the command succeeded (the system is going down),
 * -EINVAL for a root other than "/", -ENOENT when there is no reboot
 * command, -ECHILD when it failed, or -errno from gp_run().
 */
int gp_run_reboot(const struct gp_path *p, void (*output)(void *ctx, const char *buf, size_t len),
		  void *ctx);

#endif
