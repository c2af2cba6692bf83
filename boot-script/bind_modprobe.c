/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "bind_modprobe.h"

#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bind_log.h"

#define VFIO_DRIVER "/sys/bus/pci/drivers/vfio-pci"
#define POLL_MS 10

extern char **environ;

int bind_vfio_present(const struct gp_path *p)
{
	return gp_path_exists(p, VFIO_DRIVER) > 0;
}

/* getenv() without musl's: @name includes the '='. */
static const char *env(const char *name)
{
	char **e;
	size_t i;

	for (e = environ; e && *e; e++) {
		for (i = 0; name[i] && (*e)[i] == name[i]; i++)
			;
		if (!name[i])
			return *e + i;
	}
	return NULL;
}

/* Run modprobe @prog; its exit status, -1 when it cannot, -2 on timeout. */
static int run_modprobe(const char *prog)
{
	static char *const argv[] = { "modprobe", "-q", "vfio-pci", NULL };
	const struct timespec tick = { 0, POLL_MS * 1000000L };
	unsigned int waited;
	int status;
	pid_t pid;

	/* vfork: musl's fork() would pull in its thread machinery (KiBs). */
	pid = vfork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(prog, argv, environ);
		_exit(127);
	}
	/* Bounded: a hung modprobe must not hang the boot. */
	for (waited = 0; waited <= BIND_MODPROBE_WAIT_MS; waited += POLL_MS) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
		if (r < 0 && errno != EINTR)
			return -1;
		nanosleep(&tick, NULL);
	}
	return -2;
}

/* The host's modprobe, as the initramfs or the running system has it. */
static const char *host_modprobe(const struct gp_path *p)
{
	static const char *const paths[] = {
		"/sbin/modprobe", "/usr/sbin/modprobe", "/bin/modprobe", "/usr/bin/modprobe",
	};
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (gp_path_exists(p, paths[i]) > 0)
			return paths[i];
	return NULL;
}

int bind_vfio_ensure(const struct gp_path *p)
{
	static int state; /* 0: not tried yet, 1: present, -1: missing */
	const char *prog = NULL;
	char num[12];
	int r;

	if (state)
		return state > 0;
	state = 1;
	if (bind_vfio_present(p))
		return 1;
	state = -1;
	if (gp_path_is_host(p)) {
		prog = host_modprobe(p);
		if (!prog) {
			bind_log(BIND_LOG_WARN, "vfio-pci is not loaded and no modprobe found",
				 (char *)NULL);
			return 0;
		}
	} else {
		prog = env("GPUPT_BIND_MODPROBE=");
		if (!prog || prog[0] != '/') {
			bind_log(BIND_LOG_WARN, "vfio-pci is not loaded, and under --root "
				 "no modprobe runs (GPUPT_BIND_MODPROBE unset)", (char *)NULL);
			return 0;
		}
	}
	r = run_modprobe(prog);
	if (r == -2)
		bind_log(BIND_LOG_WARN, "modprobe vfio-pci still running after ",
			 bind_fmt_uint(num, BIND_MODPROBE_WAIT_MS / 1000),
			 " s: going on without waiting", (char *)NULL);
	else if (r < 0 || r == 127)
		bind_log(BIND_LOG_WARN, "cannot run ", prog, (char *)NULL);
	else if (r > 0)
		bind_log(BIND_LOG_WARN, "modprobe vfio-pci failed with status ",
			 bind_fmt_uint(num, (unsigned int)r), (char *)NULL);
	if (bind_vfio_present(p)) {
		state = 1;
		return 1;
	}
	if (r == 0)
		bind_log(BIND_LOG_WARN, "modprobe vfio-pci succeeded but no vfio-pci "
			 "driver is registered", (char *)NULL);
	return 0;
}
