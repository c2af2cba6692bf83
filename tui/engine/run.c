/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* How often the supervisor and the caller look again (milliseconds). */
#define TICK_MS 50

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

/* What the supervisor tells the caller: first the group, then how it ended. */
struct report {
	int kind;       /* REPORT_GROUP, REPORT_END */
	pid_t pgid;
	int wstatus;
	int killed;     /* SIGKILL was needed */
};

enum { REPORT_GROUP = 1, REPORT_END };

/* The pipes between the caller (P), the supervisor (S) and the command (C). */
struct run_pipes {
	int out[2];     /* C -> P: the command's stdout and stderr */
	int err[2];     /* C -> P: the errno its exec failed with */
	int go[2];      /* P -> C: one byte, "start" */
	int ctl[2];     /* P -> S: closed when the group must stop (also when P dies) */
	int rep[2];     /* S -> P: struct report */
};

/*
 * The command's process: leader of its own group, it waits for the go
 * byte on @go_fd (sent once the caller recorded the group; none when the
 * caller died or gave up) and execs.  Never returns.
 */
static void child(const char *root, const struct gp_command *cmd, char **env,
		  const struct run_pipes *pp)
{
	int out_fd = pp->out[1], err_fd = pp->err[1], go_fd = pp->go[0], null_fd;
	sigset_t unblocked;
	char go = 0;
	ssize_t n;

	setpgid(0, 0);
	/* The ends of others: held here, the go pipe or the control pipe would never close. */
	close(pp->out[0]);
	close(pp->err[0]);
	close(pp->go[1]);
	close(pp->ctl[0]);
	close(pp->ctl[1]);
	close(pp->rep[0]);
	close(pp->rep[1]);
	/* The caller blocks signals during a transaction: the command must not inherit that. */
	sigemptyset(&unblocked);
	sigprocmask(SIG_SETMASK, &unblocked, NULL);
	signal(SIGPIPE, SIG_DFL);
	do {
		n = read(go_fd, &go, 1);
	} while (n < 0 && errno == EINTR);
	if (n != 1 || go != 'g') {
		free(env);      /* a forked copy: only so that no leak checker counts it */
		_Exit(127);
	}
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

static int write_full(int fd, const void *buf, size_t len)
{
	ssize_t w;

	do {
		w = write(fd, buf, len);
	} while (w < 0 && errno == EINTR);
	return w == (ssize_t)len ? 0 : -1;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* In the supervisor: every fd but @keep1 and @keep2 (the lock's among them) is closed. */
static void close_others(int keep1, int keep2)
{
	int fd;

	for (fd = 3; fd < 1024; fd++)
		if (fd != keep1 && fd != keep2)
			close(fd);
}

/* Has @ctl_fd been closed (or a byte sent): the caller asks the group to stop. */
static int stop_asked(int ctl_fd, int wait_ms)
{
	struct pollfd pfd = { .fd = ctl_fd, .events = POLLIN };
	char c;

	if (poll(&pfd, 1, wait_ms) <= 0)
		return 0;
	return read(ctl_fd, &c, 1) >= 0 || errno != EINTR;
}

/*
 * The supervisor's watch: reap every descendant (it is their subreaper),
 * and when asked, when the caller dies or when the command ended leaving
 * processes in its group, SIGTERM the group, then SIGKILL it after
 * GP_RUN_GRACE_S.  Returns once the group is empty.
 */
static void watch(pid_t c, int ctl_fd, struct report *rep)
{
	long long termed = -1;
	int stop = 0, c_done = 0, st;
	pid_t w;

	for (;;) {
		if (!stop)
			stop = stop_asked(ctl_fd, TICK_MS);
		else
			poll(NULL, 0, TICK_MS);
		while ((w = waitpid(-1, &st, WNOHANG)) > 0)
			if (w == c) {
				rep->wstatus = st;
				c_done = 1;
			}
		if (kill(-c, 0) < 0 && errno == ESRCH && (c_done || w < 0))
			return;
		if (c_done)
			stop = 1;       /* what it left running in its group goes too */
		if (stop && termed < 0) {
			kill(-c, SIGTERM);
			kill(-c, SIGCONT);
			termed = now_ms();
		} else if (termed >= 0 && !rep->killed && now_ms() - termed >= GP_RUN_GRACE_S * 1000LL) {
			kill(-c, SIGKILL);
			rep->killed = 1;
		} else if (rep->killed && now_ms() - termed >= (GP_RUN_GRACE_S + 5) * 1000LL) {
			return;         /* stuck in the kernel: nothing more to do */
		}
	}
}

/*
 * The supervisor, between the caller and the command: it survives the
 * caller's kill -9 (the control pipe then reads end-of-file) and takes the
 * command's whole group down.  Never returns.
 */
static void supervisor(const char *root, const struct gp_command *cmd, char **env,
		       struct run_pipes *pp)
{
	static const int held[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct report rep;
	sigset_t block;
	size_t i;
	pid_t c;

	/*
	 * A Ctrl-C reaches the caller's group, this one too: it must outlive
	 * the caller to stop the command's group (the command unblocks them).
	 */
	sigemptyset(&block);
	for (i = 0; i < sizeof(held) / sizeof(held[0]); i++)
		sigaddset(&block, held[i]);
	sigprocmask(SIG_BLOCK, &block, NULL);
	signal(SIGPIPE, SIG_IGN);       /* a dead caller: its report is simply lost */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	c = fork();
	if (c == 0)
		child(root, cmd, env, pp);
	free(env);      /* this copy's: the command has its own */
	memset(&rep, 0, sizeof(rep));
	rep.kind = REPORT_GROUP;
	rep.pgid = c;
	if (c > 0 && setpgid(c, c) < 0 && errno != EACCES)
		rep.pgid = -1;
	write_full(pp->rep[1], &rep, sizeof(rep));
	close_others(pp->rep[1], pp->ctl[0]);
	if (c < 0 || rep.pgid < 0)
		_Exit(1);
	rep.kind = REPORT_END;
	watch(c, pp->ctl[0], &rep);
	write_full(pp->rep[1], &rep, sizeof(rep));
	_Exit(0);
}

/* The caller's side: what it knows of the run so far. */
struct waiting {
	int out_fd, rep_fd, ctl_fd;
	long long deadline;
	int stop_on_signal;
	void (*output)(void *ctx, const char *buf, size_t len);
	void *ctx;
	struct report end;
	int ended;      /* 1: the supervisor reported the end; -1: it died without a word */
};

/*
 * The first of our stop signals that is pending (blocked by the caller), or
 * 0.  One the caller ignores (nohup, a background job's SIGINT) is pending
 * too while blocked, but asks nothing.
 */
static int pending_stop_signal(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa;
	sigset_t pending;
	size_t i;

	if (sigpending(&pending) < 0)
		return 0;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigismember(&pending, sigs[i]) == 1 &&
		    !(sigaction(sigs[i], NULL, &sa) == 0 && sa.sa_handler == SIG_IGN))
			return sigs[i];
	return 0;
}

/* Ask the supervisor to stop the group (once). */
static void ask_stop(struct waiting *w)
{
	if (w->ctl_fd >= 0)
		close(w->ctl_fd);
	w->ctl_fd = -1;
}

/* Hand on what the command wrote; end-of-file closes @w->out_fd. */
static void relay(struct waiting *w)
{
	char buf[4096];
	ssize_t n = read(w->out_fd, buf, sizeof(buf));

	if (n > 0 && w->output)
		w->output(w->ctx, buf, (size_t)n);
	else if (n == 0 || (n < 0 && errno != EINTR)) {
		close(w->out_fd);
		w->out_fd = -1;
	}
}

/* One round: relay output, read the end, and decide whether to stop. */
static void wait_round(struct waiting *w, struct gp_run_end *end)
{
	struct pollfd pfd[2] = { { .fd = w->out_fd, .events = POLLIN },
				 { .fd = w->ended ? -1 : w->rep_fd, .events = POLLIN } };
	ssize_t n;
	int sig;

	if (poll(pfd, 2, TICK_MS) > 0) {
		if (pfd[0].revents)
			relay(w);
		if (pfd[1].revents) {
			n = read(w->rep_fd, &w->end, sizeof(w->end));
			if (n < 0 && errno == EINTR)
				return;
			/* Short or none: the supervisor was killed; the caller stops the group. */
			w->ended = n == (ssize_t)sizeof(w->end) && w->end.kind == REPORT_END ? 1 : -1;
		}
	}
	if (w->ctl_fd < 0 || w->ended)
		return;
	sig = w->stop_on_signal ? pending_stop_signal() : 0;
	if (sig) {
		end->signal = sig;
		ask_stop(w);
	} else if (now_ms() >= w->deadline) {
		end->timed_out = 1;
		ask_stop(w);
	}
}

/* The supervisor is gone without a word: stop the group from here. */
static void stop_group_here(pid_t pgid, struct gp_run_end *end)
{
	long long t0 = now_ms();

	if (pgid <= 0 || kill(-pgid, SIGTERM) < 0)
		return;
	kill(-pgid, SIGCONT);
	while (kill(-pgid, 0) == 0) {
		if (!end->killed && now_ms() - t0 >= GP_RUN_GRACE_S * 1000LL) {
			kill(-pgid, SIGKILL);
			end->killed = 1;
		}
		if (now_ms() - t0 >= (GP_RUN_GRACE_S + 5) * 1000LL)
			break;
		poll(NULL, 0, TICK_MS);
	}
}

/*
 * The caller's side once the supervisor @s reported the group: let the
 * command start, wait for its end (stopping it when asked to), read the
 * errno its exec failed with (if any), reap the supervisor.  Closes the
 * caller's ends of @pp.
 */
static int run_group(pid_t s, struct run_pipes *pp, const struct gp_run_limits *lim,
		     void (*output)(void *ctx, const char *buf, size_t len), void *ctx,
		     struct gp_run_end *end, int *wstatus)
{
	unsigned int timeout_s = lim && lim->timeout_s ? lim->timeout_s : GP_RUN_DEFAULT_TIMEOUT_S;
	struct waiting w = { .out_fd = pp->out[0], .rep_fd = pp->rep[0], .ctl_fd = pp->ctl[1],
			     .stop_on_signal = lim && lim->stop_on_signal,
			     .output = output, .ctx = ctx };
	long long ended_at = 0;
	int child_err = 0, r = 0;
	ssize_t n;

	if (lim && lim->started)
		r = lim->started(lim->ctx, end->pgid);
	if (r == 0 && write_full(pp->go[1], "g", 1) < 0)
		r = -EPIPE;
	close(pp->go[1]);
	if (r < 0)
		ask_stop(&w);           /* it never starts: the go byte never came */
	w.deadline = now_ms() + (long long)timeout_s * 1000;
	/*
	 * Until the end is reported and the output read to its end-of-file:
	 * the group is gone, but a process that left it (setsid) may still
	 * hold the pipe, so what comes after the end is read for a second at most.
	 */
	while (w.ended >= 0 && (!w.ended || w.out_fd >= 0)) {
		wait_round(&w, end);
		if (w.ended && !ended_at)
			ended_at = now_ms();
		if (ended_at && now_ms() - ended_at >= 1000)
			break;
	}
	if (w.ended < 0)
		stop_group_here(end->pgid, end);
	if (w.out_fd >= 0)
		close(w.out_fd);
	ask_stop(&w);
	close(w.rep_fd);
	do {
		n = read(pp->err[0], &child_err, sizeof(child_err));
	} while (n < 0 && errno == EINTR);
	close(pp->err[0]);
	while (waitpid(s, NULL, 0) < 0 && errno == EINTR)
		;
	if (r < 0)
		return r;
	if (w.ended < 0)
		return -EIO;
	end->killed = w.end.killed;
	if (n == (ssize_t)sizeof(child_err) && child_err > 0)
		return -child_err;
	*wstatus = w.end.wstatus;
	return 0;
}

/* Every fd of @pp that is open (-1: not) closed. */
static void close_pipes(struct run_pipes *pp)
{
	int *fd = &pp->out[0];
	size_t i;

	for (i = 0; i < sizeof(*pp) / sizeof(int); i++)
		if (fd[i] >= 0)
			close(fd[i]);
}

static int open_pipes(struct run_pipes *pp)
{
	int *fd = &pp->out[0];
	size_t i;

	memset(pp, 0xff, sizeof(*pp));
	for (i = 0; i < sizeof(*pp) / sizeof(int); i += 2)
		if (pipe2(fd + i, O_CLOEXEC) < 0) {
			int r = -errno;

			close_pipes(pp);
			memset(pp, 0xff, sizeof(*pp));
			return r;
		}
	return 0;
}

/* The caller's copies of the ends the supervisor and the command use. */
static void close_far_ends(struct run_pipes *pp)
{
	close(pp->out[1]);
	close(pp->err[1]);
	close(pp->go[0]);
	close(pp->ctl[0]);
	close(pp->rep[1]);
	pp->out[1] = pp->err[1] = pp->go[0] = pp->ctl[0] = pp->rep[1] = -1;
}

/* Start the supervisor (which forks the command); 0 with the group in @end, or -errno. */
static int start(const char *chroot_to, const struct gp_command *cmd, char **env,
		 struct run_pipes *pp, struct gp_run_end *end, pid_t *s)
{
	struct report rep;
	ssize_t n;

	fflush(NULL);   /* a forked copy must not write the front end's buffers again */
	*s = fork();
	if (*s < 0)
		return -errno;
	if (*s == 0)
		supervisor(chroot_to, cmd, env, pp);
	close_far_ends(pp);
	do {
		n = read(pp->rep[0], &rep, sizeof(rep));
	} while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(rep) || rep.kind != REPORT_GROUP || rep.pgid <= 0) {
		while (waitpid(*s, NULL, 0) < 0 && errno == EINTR)
			;
		return -EAGAIN;         /* the supervisor could not fork the command */
	}
	end->pgid = rep.pgid;
	return 0;
}

int gp_run_limited(const struct gp_path *p, const struct gp_command *cmd,
		   void (*output)(void *ctx, const char *buf, size_t len), void *ctx,
		   const struct gp_run_limits *lim, struct gp_run_end *end, int *wstatus)
{
	char root[GP_PATH_MAX], root_var[GP_PATH_MAX + sizeof(GP_RUN_ROOT_VAR "=")];
	const char *chroot_to = NULL;
	struct run_pipes pp;
	char **env;
	pid_t s;
	int r = 0;

	*wstatus = 0;
	memset(end, 0, sizeof(*end));
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
	r = open_pipes(&pp);
	if (r == 0)
		r = start(chroot_to, cmd, env, &pp, end, &s);
	free(env);
	if (r == 0)
		return run_group(s, &pp, lim, output, ctx, end, wstatus);
	close_pipes(&pp);
	return r;
}

int gp_run(const struct gp_path *p, const struct gp_command *cmd,
	   void (*output)(void *ctx, const char *buf, size_t len), void *ctx, int *wstatus)
{
	struct gp_run_end end;

	return gp_run_limited(p, cmd, output, ctx, NULL, &end, wstatus);
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
