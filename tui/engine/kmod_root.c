/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libkmod takes directory names as strings and resolves them, and the
 * files in them, on the host: given ROOT/lib/modules/KVER it would follow
 * an absolute link in the root to the host's modules.  So every name it is
 * handed is first checked against the path layer (kmod_root.h says how).
 */
#include "kmod_root.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What libkmod 30 opens in the module directory (strace of --list, --check). */
static const char *const kmod_files[] = {
	"modules.dep.bin", "modules.alias.bin", "modules.symbols.bin",
	"modules.builtin.alias.bin", "modules.builtin.bin", "modules.builtin.modinfo",
	"modules.softdep", "modules.weakdep", "modules.devname", NULL,
};

static const char *const conf_dirs[] = {
	"/etc/modprobe.d", "/run/modprobe.d", "/lib/modprobe.d", NULL,
};

#define N_CONF (sizeof(conf_dirs) / sizeof(conf_dirs[0]))

/* The root's modprobe.d directories, opened inside it, named for libkmod. */
struct conf_set {
	int fd[N_CONF];
	char name[N_CONF][32];
	const char *list[N_CONF];
};

static void kmod_log_quiet(void *data, int priority, const char *file, int line,
			   const char *fn, const char *format, va_list args)
{
	(void)data, (void)priority, (void)file, (void)line, (void)fn, (void)format, (void)args;
}

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/*
 * Would the host, opening @host_dir/@name, reach what @dir/@name names
 * inside the root?  @host_dir is known to be the directory @dir is.  Only a
 * link can differ; then both are resolved and compared.  0, -EXDEV when
 * the host's name leads elsewhere (outside the root), or -errno.
 */
static int entry_stays(const struct gp_path *p, int dfd, const char *dir, const char *host_dir,
		       const char *name)
{
	char in[GP_PATH_MAX], out[GP_PATH_MAX];
	struct stat lst, ist, ost;
	int ri, ro;

	if (fstatat(dfd, name, &lst, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISLNK(lst.st_mode))
		return 0;
	if (gp_path_join(in, sizeof(in), dir, "/", name, (char *)NULL) < 0 ||
	    gp_path_join(out, sizeof(out), host_dir, "/", name, (char *)NULL) < 0)
		return -ENAMETOOLONG;
	ri = gp_path_stat(p, in, &ist);
	ro = stat(out, &ost) < 0 ? -errno : 0;
	if (ri == -ENOENT && ro == -ENOENT)
		return 0;
	if (ri == 0 && ro == 0 && same_file(&ist, &ost))
		return 0;
	return ri < 0 && ri != -ENOENT ? ri : -EXDEV;
}

/*
 * The module directory: libkmod opens its files long after gp_kmod_new()
 * returns, so it gets the host's name, which must be the same directory
 * as inside the root, and so must every file of kmod_files that is a link.
 */
static int check_module_dir(const struct gp_path *p, const char *rel, const char *mod)
{
	struct stat in, out;
	int fd, r = 0;

	fd = gp_path_open(p, rel, O_PATH | O_DIRECTORY, 0);
	if (fd < 0)
		return fd;
	if (fstat(fd, &in) < 0 || stat(mod, &out) < 0)
		r = errno == ENOENT ? -EXDEV : -errno;
	else if (!same_file(&in, &out))
		r = -EXDEV;
	for (size_t i = 0; r == 0 && kmod_files[i]; i++)
		r = entry_stays(p, fd, rel, mod, kmod_files[i]);
	close(fd);
	return r;
}

/* Is @name one libkmod reads in a modprobe.d directory (its rule: *.conf, *.alias)? */
static int conf_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcmp(name + n - 5, ".conf") == 0) ||
	       (n > 6 && strcmp(name + n - 6, ".alias") == 0);
}

/* Every entry of modprobe.d directory @dfd that libkmod reads must stay inside. */
static int conf_entries_stay(const struct gp_path *p, int dfd, const char *dir,
			     const char *host_dir)
{
	DIR *d;
	struct dirent *e;
	int fd = dup(dfd), r = 0;

	if (fd < 0)
		return -errno;
	d = fdopendir(fd);
	if (!d) {
		r = -errno;
		close(fd);
		return r;
	}
	while (r == 0 && (e = readdir(d))) {
		if (conf_name(e->d_name))
			r = entry_stays(p, dfd, dir, host_dir, e->d_name);
	}
	closedir(d);
	return r;
}

static void conf_close(struct conf_set *c)
{
	for (size_t i = 0; i < N_CONF; i++)
		if (c->fd[i] >= 0)
			close(c->fd[i]);
}

/*
 * The modprobe.d directories, which libkmod reads in kmod_new() only: each
 * is opened inside the root (links resolved there, as in a chroot) and
 * named by /proc/self/fd (@host, the host's names, where /proc is missing
 * and they name the same directory); one the root lacks is left out.
 */
static int conf_open(const struct gp_path *p, const char *const *host, struct conf_set *c)
{
	size_t k = 0;
	struct stat a, b;
	int r = 0;

	for (size_t i = 0; i < N_CONF; i++)
		c->fd[i] = -1;
	for (size_t i = 0; r == 0 && conf_dirs[i]; i++) {
		int fd = gp_path_open(p, conf_dirs[i], O_RDONLY | O_DIRECTORY, 0);

		if (fd == -ENOENT)
			continue;
		if (fd < 0) {
			r = fd;
			break;
		}
		c->fd[i] = fd;
		snprintf(c->name[i], sizeof(c->name[i]), "/proc/self/fd/%d", fd);
		c->list[k] = c->name[i];
		/* No /proc (a bare chroot): the host's name will do if it is the same directory. */
		if (fstat(fd, &a) < 0 || stat(c->list[k], &b) < 0 || !same_file(&a, &b))
			c->list[k] = host[i];
		if (fstat(fd, &a) < 0 || stat(c->list[k], &b) < 0 || !same_file(&a, &b))
			r = -EXDEV;
		else
			r = conf_entries_stay(p, fd, conf_dirs[i], c->list[k]);
		k++;
	}
	c->list[k] = NULL;
	if (r < 0)
		conf_close(c);
	return r;
}

int gp_kmod_new(const struct gp_path *p, const char *kver, struct kmod_ctx **out)
{
	char mod[GP_PATH_MAX], etc[GP_PATH_MAX], run[GP_PATH_MAX], lib[GP_PATH_MAX];
	char rel[GP_PATH_MAX];
	const char *host_conf[4] = { etc, run, lib, NULL };
	struct conf_set cs;
	struct kmod_ctx *ctx;
	int r;

	*out = NULL;
	r = gp_path_join(rel, sizeof(rel), "/lib/modules/", kver, (char *)NULL);
	if (r < 0)
		return r;
	r = gp_path_exists(p, rel);
	if (r <= 0)
		return r == 0 ? -ENOENT : r;
	if (gp_path_abs(p, rel, mod, sizeof(mod)) < 0 ||
	    gp_path_abs(p, "/etc/modprobe.d", etc, sizeof(etc)) < 0 ||
	    gp_path_abs(p, "/run/modprobe.d", run, sizeof(run)) < 0 ||
	    gp_path_abs(p, "/lib/modprobe.d", lib, sizeof(lib)) < 0)
		return -ENAMETOOLONG;
	if (gp_path_is_host(p)) {
		ctx = kmod_new(mod, host_conf);
	} else {
		r = check_module_dir(p, rel, mod);
		if (r == 0)
			r = conf_open(p, host_conf, &cs);
		if (r < 0)
			return r;
		ctx = kmod_new(mod, cs.list);
		conf_close(&cs);
	}
	if (!ctx)
		return -ENOMEM;
	kmod_set_log_fn(ctx, kmod_log_quiet, NULL);
	*out = ctx;
	return 0;
}
