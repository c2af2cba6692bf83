/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading a rebuilt initramfs back with the distribution's tools and
 * checking it holds what the next boot needs (image_verify.h).
 */
#include "image_verify.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "generator.h"
#include "gp_path_write.h"
#include "nls.h"
#include "run.h"
#include "strbuf.h"

#define CONF_IN_IMAGE "etc/gpupt/bind.conf"

/*
 * The binder's names in an image, the same for every hook (initramfs-hook/);
 * the boot script's are the generator's (gp_generator_ops.script_names).
 */
static const char *const binder_names[] = { "sbin/gpupt-bind", "usr/sbin/gpupt-bind", NULL };

/* One image being checked. */
struct image_check {
	const struct gp_path *p;
	const struct gp_command *cmd;
	const struct gp_generator_ops *gen;  /* the generator that made it */
	char image[GP_PATH_MAX];       /* in the target root */
	char tool[GP_PATH_MAX];        /* the reader's argv[0] */
	int in_root;                   /* the reader is the root's own: chrooted */
	struct gp_report *out;
	/* what was found in the image */
	int has_binder, has_script, has_conf;
	char *conf;                    /* its etc/gpupt/bind.conf */
	size_t conf_len;
};

const struct gp_generator_ops *gp_image_of_command(const struct gp_command *cmd, char *image,
						   size_t size)
{
	return gp_generator_of_command(cmd->argv, cmd->kver, image, size);
}

/* The hooks' rule: any line but comments and blank ones is an entry. */
static int conf_lists_something(const char *buf, size_t len)
{
	size_t i = 0;

	while (i < len) {
		while (i < len && buf[i] != '\n' && strchr(" \t\r\v\f", buf[i]))
			i++;
		if (i < len && buf[i] != '\n' && buf[i] != '#')
			return 1;
		while (i < len && buf[i] != '\n')
			i++;
		i++;
	}
	return 0;
}

static void capture(void *ctx, const char *buf, size_t len)
{
	gp_strbuf_add(ctx, buf, len);   /* a failure sticks in sb->err */
}

/* Which reader, and is it there?  0, or -EBADE with the FAIL and its FIX added. */
static int pick_tool(struct image_check *c, const struct gp_plan_options *opt)
{
	const char *repl = c->gen->reader_override(opt);
	const char *dflt = c->gen->reader;
	const char *package = c->gen->reader_package;
	struct stat st;
	int r;

	c->in_root = !(repl && repl[0]);
	snprintf(c->tool, sizeof(c->tool), "%s", c->in_root ? dflt : repl);
	if (c->in_root)
		r = gp_path_stat(c->p, c->tool, &st);
	else
		r = c->tool[0] == '/' && stat(c->tool, &st) == 0 ? 0 : -ENOENT;
	if (r == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111))
		return 0;
	if (gp_report_add(c->out, -1, GP_ROLE_SUMMARY, GP_MSG_IMAGE_NO_TOOL, c->image, c->tool) < 0 ||
	    gp_report_add(c->out, -1, GP_ROLE_FIX, GP_MSG_IMAGE_FIX_PACKAGE, package, dflt) < 0)
		return -ENOMEM;
	return -EBADE;
}

/* Run the reader with @argv; its output into @sb.  0, or -EBADE with the FAIL added. */
static int run_tool(struct image_check *c, char **argv, struct gp_strbuf *sb)
{
	struct gp_command rc;
	char first[256];
	const char *o, *nl;
	int r, st;

	memset(&rc, 0, sizeof(rc));
	rc.argv = argv;
	rc.what = N_("Checking the initramfs for %s");
	rc.in_root = c->in_root;
	snprintf(rc.kver, sizeof(rc.kver), "%s", c->cmd->kver);
	r = gp_run(c->p, &rc, capture, sb, &st);
	if (sb->err)
		return -ENOMEM;
	if (r == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	o = gp_strbuf_str(sb);
	nl = strchr(o, '\n');
	if (r < 0)
		snprintf(first, sizeof(first), "%s", strerror(-r));
	else if (!*o)
		snprintf(first, sizeof(first), "exit status %d",
			 WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	else
		snprintf(first, sizeof(first), "%.*s", (int)(nl ? nl - o : (long)strlen(o)), o);
	if (gp_report_add(c->out, -1, GP_ROLE_SUMMARY, GP_MSG_IMAGE_TOOL_FAILED, c->image, c->tool,
			  first) < 0)
		return -ENOMEM;
	return -EBADE;
}

/* The image as the reader must name it: in the root when chrooted, else the host's path. */
static int image_arg(const struct image_check *c, char *buf, size_t size)
{
	if (c->in_root && !gp_path_is_host(c->p))
		return snprintf(buf, size, "%s", c->image) >= (int)size ? -ENAMETOOLONG : 0;
	return gp_path_abs(c->p, c->image, buf, size) < 0 ? -ENAMETOOLONG : 0;
}

/*
 * Remove what directory @dfd holds, never following a link: the tree is
 * the reader's output, possibly inside the root, so every name is taken
 * relative to its directory's fd.  Closes @dfd.  Best effort.
 */
static void remove_tree_at(int dfd, int depth)
{
	DIR *d = fdopendir(dfd);
	struct dirent *e;

	if (!d) {
		close(dfd);
		return;
	}
	while ((e = readdir(d))) {
		int sub;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0 || depth >= 64)
			continue;
		sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0)
			continue;
		remove_tree_at(sub, depth + 1);
		unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR);
	}
	closedir(d);
}

/* Is one of @names (relative, no leading '/') under @base in @tp? */
static int extracted_has(const struct gp_path *tp, const char *base, const char *const *names)
{
	char path[GP_PATH_MAX];
	struct stat st;

	for (; *names; names++)
		if (snprintf(path, sizeof(path), "%s/%s", base, *names) < (int)sizeof(path) &&
		    gp_path_lstat(tp, path, &st) == 0)
			return 1;
	return 0;
}

/*
 * What the extracted tree (directory fd @dfd) holds (unmkinitramfs:
 * DIR/main/ when early archives came first).  The tree is read as its own
 * root, so its links cannot lead into the target root or the host.
 */
static int read_extracted(struct image_check *c, int dfd)
{
	struct gp_path tp;
	struct stat st;
	const char *base;
	char conf[GP_PATH_MAX];
	int r;

	/*
	 * A context rooted at the fd itself (no string form is needed here,
	 * and a chroot without /proc has no /proc/self/fd name for it).
	 */
	tp.rootfd = fcntl(dfd, F_DUPFD_CLOEXEC, 0);
	if (tp.rootfd < 0)
		return -errno;
	tp.root[0] = '\0';
	base = gp_path_lstat(&tp, "/main", &st) == 0 && S_ISDIR(st.st_mode) ? "/main" : "";
	c->has_binder = extracted_has(&tp, base, binder_names);
	c->has_script = extracted_has(&tp, base, c->gen->script_names);
	snprintf(conf, sizeof(conf), "%s/%s", base, CONF_IN_IMAGE);
	r = gp_path_read_file(&tp, conf, &c->conf, &c->conf_len, NULL);
	c->has_conf = r == 0;
	gp_path_fini(&tp);
	return r == 0 || r == -ENOENT ? 0 : r;
}

/*
 * The reader's /tmp: the root's when it runs chrooted, resolved inside the
 * root as the chroot will (a /tmp that is a link to a host directory leads
 * to that name inside the root, never to the host's), else the host's.
 */
static int open_tmp(const struct image_check *c, int chrooted)
{
	int fd;

	if (chrooted)
		return gp_path_open(c->p, "/tmp", O_PATH | O_DIRECTORY, 0);
	fd = open("/tmp", O_PATH | O_DIRECTORY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* mkdtemp(3) below directory @tmpfd: "gpupt-image.XXXXXX" into @name, 0700. */
static int make_private_dir(int tmpfd, char *name, size_t size)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned char rnd[6];

	for (int tries = 0; tries < 100; tries++) {
		size_t i;

		if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
			return -EIO;
		i = (size_t)snprintf(name, size, "gpupt-image.");
		for (size_t k = 0; k < sizeof(rnd) && i + 1 < size; k++)
			name[i++] = set[rnd[k] % (sizeof(set) - 1)];
		name[i] = '\0';
		if (mkdirat(tmpfd, name, 0700) == 0)
			return 0;
		if (errno != EEXIST)
			return -errno;
	}
	return -EEXIST;
}

/* READER IMAGE DIR (unmkinitramfs) into a private temporary directory, removed after. */
static int read_extracted_image(struct image_check *c)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;
	char name[64], tool_dir[GP_PATH_MAX], img[GP_PATH_MAX];
	char *argv[] = { c->tool, img, tool_dir, NULL };
	int r, tmpfd, dfd;

	r = image_arg(c, img, sizeof(img));
	if (r < 0)
		return r;
	tmpfd = open_tmp(c, c->in_root && !gp_path_is_host(c->p));
	if (tmpfd < 0)
		return tmpfd;
	r = make_private_dir(tmpfd, name, sizeof(name));
	if (r < 0) {
		close(tmpfd);
		return r;
	}
	snprintf(tool_dir, sizeof(tool_dir), "/tmp/%s", name);
	dfd = openat(tmpfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	r = dfd < 0 ? -errno : run_tool(c, argv, &sb);
	if (r == 0)
		r = read_extracted(c, dfd);
	if (dfd >= 0)
		remove_tree_at(dfd, 0);
	unlinkat(tmpfd, name, AT_REMOVEDIR);
	close(tmpfd);
	gp_strbuf_release(&sb);
	return r;
}

/* Is @name an entry of the reader's listing (`ls -l` style: the name last, or before " -> ")? */
static int listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *s;

	for (s = strstr(list, name); s; s = strstr(s + 1, name)) {
		if (s != list && s[-1] != ' ' && s[-1] != '\n')
			continue;
		if (s[n] == '\n' || s[n] == '\0' || strncmp(s + n, " -> ", 4) == 0)
			return 1;
	}
	return 0;
}

static int listed_any(const char *list, const char *const *names)
{
	for (; *names; names++)
		if (listed(list, *names))
			return 1;
	return 0;
}

/* READER IMAGE for the names, READER -f etc/gpupt/bind.conf IMAGE for the content (lsinitrd). */
static int read_listed_image(struct image_check *c)
{
	struct gp_strbuf list = GP_STRBUF_INIT, conf = GP_STRBUF_INIT;
	char img[GP_PATH_MAX];
	char *argv_list[] = { c->tool, img, NULL };
	char *argv_conf[] = { c->tool, (char *)"-f", (char *)CONF_IN_IMAGE, img, NULL };
	int r;

	r = image_arg(c, img, sizeof(img));
	if (r == 0)
		r = run_tool(c, argv_list, &list);
	if (r == 0) {
		c->has_binder = listed_any(gp_strbuf_str(&list), binder_names);
		c->has_script = listed_any(gp_strbuf_str(&list), c->gen->script_names);
		c->has_conf = listed(gp_strbuf_str(&list), CONF_IN_IMAGE);
	}
	if (r == 0 && c->has_conf)
		r = run_tool(c, argv_conf, &conf);
	if (r == 0 && c->has_conf) {
		c->conf = gp_strbuf_detach(&conf, &c->conf_len);
		if (!c->conf)
			c->conf = strdup("");
		if (!c->conf)
			r = -ENOMEM;
	}
	gp_strbuf_release(&list);
	gp_strbuf_release(&conf);
	return r;
}

/* The image must bind: gpupt-bind, our script or hook, and @want byte for byte. */
static int judge_binds(struct image_check *c, const char *want, size_t want_len, int *binds)
{
	const char *k = c->cmd->kver;
	int bad = 0;

	if (!c->has_binder) {
		bad = 1;
		if (gp_report_add(c->out, -1, GP_ROLE_SUMMARY, GP_MSG_IMAGE_LACKS, c->image,
				  "sbin/gpupt-bind", k) < 0)
			return -ENOMEM;
	}
	if (!c->has_script) {
		bad = 1;
		if (gp_report_add(c->out, -1, GP_ROLE_SUMMARY, GP_MSG_IMAGE_LACKS, c->image,
				  c->gen->script_names[0], k) < 0)
			return -ENOMEM;
	}
	if (!bad && !c->has_conf) {
		bad = 1;
		if (gp_report_add(c->out, -1, GP_ROLE_SUMMARY, GP_MSG_IMAGE_LACKS, c->image,
				  CONF_IN_IMAGE, k) < 0 ||
		    gp_report_add(c->out, -1, GP_ROLE_FIX, GP_MSG_IMAGE_FIX_GENERATOR) < 0)
			return -ENOMEM;
		return -EBADE;
	}
	if (bad)
		return gp_report_add(c->out, -1, GP_ROLE_FIX, GP_MSG_IMAGE_FIX_INSTALL) < 0 ? -ENOMEM
											: -EBADE;
	if (c->conf_len != want_len || memcmp(c->conf, want, want_len) != 0) {
		if (gp_report_add(c->out, -1, GP_ROLE_SUMMARY, GP_MSG_IMAGE_CONF_DIFFERS, c->image,
				  GP_BIND_CONF_PATH, k) < 0 ||
		    gp_report_add(c->out, -1, GP_ROLE_FIX, GP_MSG_IMAGE_FIX_GENERATOR) < 0)
			return -ENOMEM;
		return -EBADE;
	}
	*binds = 1;
	return 0;
}

/* bind.conf lists nothing: the image must be as without gpupt (no binder, no bind.conf). */
static int judge_unbound(struct image_check *c)
{
	const char *what = c->has_binder ? "sbin/gpupt-bind" : CONF_IN_IMAGE;

	if (!c->has_binder && !c->has_conf)
		return 0;
	if (gp_report_add(c->out, -1, GP_ROLE_SUMMARY, GP_MSG_IMAGE_STILL_BINDS, c->image, what,
			  GP_BIND_CONF_PATH, c->cmd->kver) < 0 ||
	    gp_report_add(c->out, -1, GP_ROLE_FIX, GP_MSG_IMAGE_FIX_GENERATOR) < 0)
		return -ENOMEM;
	return -EBADE;
}

int gp_image_conf_lists(const struct gp_path *p)
{
	char *conf = NULL;
	size_t len = 0;
	int r;

	r = gp_path_read_file(p, GP_BIND_CONF_PATH, &conf, &len, NULL);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	r = conf_lists_something(conf, len);
	free(conf);
	return r;
}

int gp_image_none_rebuilt(const struct gp_path *p, struct gp_report *out)
{
	int r = gp_image_conf_lists(p);

	if (r <= 0)
		return r;
	if (gp_report_add(out, -1, GP_ROLE_SUMMARY, GP_MSG_IMAGE_NONE_REBUILT,
			  GP_BIND_CONF_PATH) < 0 ||
	    gp_report_add(out, -1, GP_ROLE_FIX, GP_MSG_IMAGE_FIX_NONE) < 0)
		return -ENOMEM;
	return -EBADE;
}

int gp_image_verify(const struct gp_path *p, const struct gp_plan_options *opt,
		    const struct gp_command *cmd, struct gp_report *out, int *binds)
{
	struct image_check c;
	char *want = NULL;
	size_t want_len = 0;
	int r;

	*binds = 0;
	memset(&c, 0, sizeof(c));
	c.p = p;
	c.cmd = cmd;
	c.out = out;
	c.gen = gp_image_of_command(cmd, c.image, sizeof(c.image));
	if (!c.gen)
		return -EINVAL;
	r = gp_path_read_file(p, GP_BIND_CONF_PATH, &want, &want_len, NULL);
	if (r < 0 && r != -ENOENT)
		return r;
	r = pick_tool(&c, opt);
	if (r == 0)
		r = c.gen->reading == GP_IMAGE_LIST ? read_listed_image(&c) : read_extracted_image(&c);
	if (r == 0)
		r = want && conf_lists_something(want, want_len)
			? judge_binds(&c, want, want_len, binds) : judge_unbound(&c);
	else if (r != -EBADE && r != -ENOMEM &&
		 gp_report_add(out, -1, GP_ROLE_SUMMARY, GP_MSG_IMAGE_TOOL_FAILED, c.image, c.tool,
			       strerror(-r)) == 0)
		r = -EBADE;
	free(want);
	free(c.conf);
	return r;
}
