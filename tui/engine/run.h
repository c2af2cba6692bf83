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
 *
 * Bounded: the command runs in a process group of its own under a small
 * supervisor (a forked copy of the caller that stays between the caller
 * and the command).  It has a deadline (GP_RUN_DEFAULT_TIMEOUT_S unless
 * told otherwise), the caller may ask it to stop when one of SIGINT,
 * SIGTERM, SIGHUP or SIGQUIT is pending (blocked by the caller, as a
 * transaction does), and when the caller dies, however (kill -9), the
 * supervisor sees its control pipe close.  Each of these stops the whole
 * group: SIGTERM, then SIGKILL after GP_RUN_GRACE_S.  The supervisor is
 * the subreaper of everything the command starts, and waits until the
 * group is empty; what the command leaves running in its group when it
 * ends is stopped the same way.
 */
#ifndef GP_RUN_H
#define GP_RUN_H

#include <stddef.h>
#include <sys/types.h>

#include "gp_path.h"
#include "plan.h"

#define GP_RUN_PATH "/usr/sbin:/usr/bin:/sbin:/bin"
#define GP_RUN_ROOT_VAR "GPUPT_ROOT"

/* How long a command may take unless told otherwise (GPUPT_COMMAND_TIMEOUT). */
#define GP_RUN_DEFAULT_TIMEOUT_S 900u
/* After SIGTERM to a group that must stop: this long before SIGKILL. */
#define GP_RUN_GRACE_S 5u

/** How a command may run (all zero: the default deadline, no stop on a signal). */
struct gp_run_limits {
	unsigned int timeout_s;    /* 0: GP_RUN_DEFAULT_TIMEOUT_S */
	int stop_on_signal;        /* stop it when SIGINT, SIGTERM, SIGHUP or SIGQUIT is pending */
	/*
	 * Called with the command's process group before it execs (it waits
	 * until this returned): a record that outlives a kill -9 of the
	 * caller.  A -errno stops it before it starts; gp_run_limited() then
	 * returns that.  May be NULL.
	 */
	int (*started)(void *ctx, pid_t pgid);
	void *ctx;
};

/** How a bounded command ended, beyond its wait status. */
struct gp_run_end {
	pid_t pgid;        /* its process group (0: none was made) */
	int timed_out;     /* it ran past the deadline and was stopped */
	int signal;        /* the pending signal it was stopped for, or 0 */
	int killed;        /* SIGTERM did not empty the group in time: SIGKILL was sent */
};

/**
 * gp_run - run @cmd to its end, within GP_RUN_DEFAULT_TIMEOUT_S.
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
 * gp_run_limited - gp_run() with @lim (may be NULL: the defaults).
 * @end: how it ended: when it was stopped (end->timed_out or end->signal)
 * the return is 0 and @wstatus says how the command died.
 *
 * Returns as gp_run(), or -EIO when the supervisor was killed (the group
 * is then stopped from here), or the -errno of @lim->started.
 */
int gp_run_limited(const struct gp_path *p, const struct gp_command *cmd,
		   void (*output)(void *ctx, const char *buf, size_t len), void *ctx,
		   const struct gp_run_limits *lim, struct gp_run_end *end, int *wstatus);

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
