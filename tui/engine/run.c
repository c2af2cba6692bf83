/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Variables that make the loader or a shell run someone else's code; GPUPT_ROOT is ours. */
static const char *const dropped_env[] = {
	"PATH", GP_RUN_ROOT_VAR, "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "IFS", "ENV", "BASH_ENV", "CDPATH",
};

static int dropped(const char *var)
{
	size_t i, n;

	for (i = 0; i < sizeof(dropped_env) / sizeof(dropped_env[0]); i++) {
		n = strlen(dropped_env[i]);
		if (strncmp(var, dropped_env[i], n) == 0 && var[n] == '=')
			return 1;
	}
	return 0;
}

/*
 * Built before fork: the child only calls async-signal-safe functions.
 * @root_var: "GPUPT_ROOT=..." for a replacement command, or NULL.
 */
static char **child_env(char *root_var)
{
	char **src = environ, **env;
	size_t n = 0, i, k = 0;

	while (src && src[n])
		n++;
	env = calloc(n + 3, sizeof(*env));
	if (!env)
		return NULL;
	env[k++] = (char *)"PATH=" GP_RUN_PATH;
	if (root_var)
		env[k++] = root_var;
	for (i = 0; i < n; i++)
		if (!dropped(src[i]))
			env[k++] = src[i];
	env[k] = NULL;
	return env;
}

/* In the child: report @err through @fd and stop.  Never returns. */
static void child_fail(int fd, int err)
{
	ssize_t w;

	do {
		w = write(fd, &err, sizeof(err));
	} while (w < 0 && errno == EINTR);
	/* The forked copy ends here; _Exit runs no atexit handler of the parent's. */
	_Exit(127);
}

static void child(const char *root, const struct gp_command *cmd, char **env, int out_fd,
		  int err_fd, const sigset_t *mask)
{
	int null_fd;

	/* The caller may block signals during a transaction: the command must not inherit that. */
	sigprocmask(SIG_SETMASK, mask, NULL);
	signal(SIGPIPE, SIG_DFL);
	null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0)
		child_fail(err_fd, errno);
	if (root) {
		if (chroot(root) < 0 || chdir("/") < 0)
			child_fail(err_fd, errno);
	}
	execve(cmd->argv[0], cmd->argv, env);
	child_fail(err_fd, errno);
}

/*
 * The parent's side of gp_run(): hand the child's output on until it
 * closes it, read the errno its exec failed with (if any), reap it.
 * Closes @out_fd and @err_fd.
 */
static int relay_and_reap(pid_t pid, int out_fd, int err_fd,
			  void (*output)(void *ctx, const char *buf, size_t len), void *ctx,
			  int *wstatus)
{
	char buf[4096];
	int child_err = 0, st;
	ssize_t n;

	for (;;) {
		n = read(out_fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (output)
			output(ctx, buf, (size_t)n);
	}
	close(out_fd);
	do {
		n = read(err_fd, &child_err, sizeof(child_err));
	} while (n < 0 && errno == EINTR);
	close(err_fd);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (n == (ssize_t)sizeof(child_err) && child_err > 0)
		return -child_err;
	*wstatus = st;
	return 0;
}

int gp_run(const struct gp_path *p, const struct gp_command *cmd,
	   void (*output)(void *ctx, const char *buf, size_t len), void *ctx, int *wstatus)
{
	char root[GP_PATH_MAX], root_var[GP_PATH_MAX + sizeof(GP_RUN_ROOT_VAR "=")];
	const char *chroot_to = NULL;
	int out_pipe[2], err_pipe[2], r = 0;
	char **env;
	pid_t pid;

	*wstatus = 0;
	if (!cmd->argv || !cmd->argv[0] || cmd->argv[0][0] != '/')
		return -EINVAL;
	if (cmd->in_root && !gp_path_is_host(p)) {
		r = gp_path_abs(p, "/", root, sizeof(root));
		if (r < 0)
			return r;
		chroot_to = root;
	}
	if (!cmd->in_root) {
		/* A replacement runs on the host: tell it which root it works on. */
		r = gp_path_abs(p, "/", root, sizeof(root));
		if (r < 0)
			return r;
		snprintf(root_var, sizeof(root_var), "%s=%s", GP_RUN_ROOT_VAR, root);
	}
	env = child_env(cmd->in_root ? NULL : root_var);
	if (!env)
		return -ENOMEM;
	if (pipe2(out_pipe, O_CLOEXEC) < 0) {
		r = -errno;
		free(env);
		return r;
	}
	if (pipe2(err_pipe, O_CLOEXEC) < 0) {
		r = -errno;
		goto close_out;
	}
	pid = fork();
	if (pid < 0) {
		r = -errno;
		close(err_pipe[0]);
		close(err_pipe[1]);
		goto close_out;
	}
	if (pid == 0) {
		sigset_t unblocked;

		/* What the caller blocks for its own sake (txn's signals) is unblocked here. */
		sigemptyset(&unblocked);
		close(out_pipe[0]);
		close(err_pipe[0]);
		child(chroot_to, cmd, env, out_pipe[1], err_pipe[1], &unblocked);
	}
	free(env);
	close(out_pipe[1]);
	close(err_pipe[1]);
	return relay_and_reap(pid, out_pipe[0], err_pipe[0], output, ctx, wstatus);
close_out:
	close(out_pipe[0]);
	close(out_pipe[1]);
	free(env);
	return r;
}

int gp_run_reboot(const struct gp_path *p, void (*output)(void *ctx, const char *buf, size_t len),
		  void *ctx)
{
	static char *systemctl_usr[] = { "/usr/bin/systemctl", "reboot", NULL };
	static char *systemctl_bin[] = { "/bin/systemctl", "reboot", NULL };
	static char *sbin_reboot[] = { "/sbin/reboot", NULL };
	char **const candidates[] = { systemctl_usr, systemctl_bin, sbin_reboot };
	struct gp_command c;
	size_t i;
	int r, st;

	if (!gp_path_is_host(p))
		return -EINVAL;
	for (i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		if (access(candidates[i][0], X_OK) != 0)
			continue;
		memset(&c, 0, sizeof(c));
		c.argv = candidates[i];
		c.what = "reboot";
		r = gp_run(p, &c, output, ctx, &st);
		if (r < 0)
			return r;
		return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -ECHILD;
	}
	return -ENOENT;
}
