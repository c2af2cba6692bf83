/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * grub_default_read — which files grub-mkconfig sources, in its order, for
 * gp_grub_default_eval() (grub_default.c).
 */
#include "grub_default.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp_path_write.h"
#include "strbuf.h"
#include "strset.h"

/* --- the files ------------------------------------------------------------ */

/* The names grub-mkconfig's "grub.d/(star).cfg" matches, plus @extra when not NULL. */
static int list_dropins(const struct gp_path *p, const char *extra, struct gp_strset *f)
{
	struct dirent *de;
	DIR *d;
	int r = 0;

	d = gp_path_opendir(p, GP_GRUB_DEFAULT_D);
	while (d && r == 0 && (de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] != '.' && len > 4 && strcmp(de->d_name + len - 4, ".cfg") == 0)
			r = gp_strset_add(f, de->d_name);
	}
	if (d)
		closedir(d);
	if (r == 0 && extra)
		r = gp_strset_add(f, extra);
	gp_strset_sort(f);
	return r;
}

/* Read @path into @texts[*n] unless it is absent; a read error is kept in @out. */
static int read_source(const struct gp_path *p, const char *path, struct gp_grub_source *src,
		       char **texts, size_t *n, struct gp_grub_cmdline *out)
{
	char *buf = NULL;
	size_t len;
	int r;

	r = gp_path_read_file(p, path, &buf, &len, NULL);
	if (r == -ENOENT)
		return 0;
	if (r == -ENOMEM)
		return r;
	if (r < 0) {
		if (!out->read_err) {
			out->read_err = r;
			snprintf(out->read_path, sizeof(out->read_path), "%s", path);
		}
		return 0;
	}
	texts[*n] = buf;
	src[*n].text = buf ? buf : "";
	src[*n].path = strdup(path);
	if (!src[*n].path)
		return -ENOMEM;
	(*n)++;
	return 0;
}

static int read_all(const struct gp_path *p, const char *dropin_path, enum gp_grub_dropin mode,
		    const char *dropin_text, struct gp_grub_source *src, char **texts,
		    const struct gp_strset *f, size_t *n, struct gp_grub_cmdline *res)
{
	size_t i;
	int r;

	r = read_source(p, GP_GRUB_DEFAULT_PATH, src, texts, n, res);
	for (i = 0; r == 0 && i < f->n; i++) {
		char path[GP_PATH_MAX];

		if (gp_path_join(path, sizeof(path), GP_GRUB_DEFAULT_D "/", f->v[i],
				 (char *)NULL) < 0)
			continue;   /* no such name fits a directory entry */
		if (strcmp(path, dropin_path) != 0 || mode == GP_GRUB_DROPIN_ON_DISK) {
			r = read_source(p, path, src, texts, n, res);
		} else if (mode == GP_GRUB_DROPIN_REPLACED && dropin_text && dropin_text[0]) {
			src[*n].text = dropin_text;
			src[*n].path = strdup(path);
			r = src[(*n)++].path ? 0 : -ENOMEM;
		}
	}
	return r;
}

int gp_grub_default_read(const struct gp_path *p, const char *dropin_path,
			 enum gp_grub_dropin mode, const char *dropin_text,
			 struct gp_grub_cmdline *out)
{
	const char *base = strrchr(dropin_path, '/');
	struct gp_grub_cmdline res;
	struct gp_strset f = GP_STRSET_INIT;
	struct gp_grub_source *src = NULL;
	char **texts = NULL;
	size_t i, n = 0;
	int r;

	memset(out, 0, sizeof(*out));
	memset(&res, 0, sizeof(res));
	base = base ? base + 1 : dropin_path;
	r = list_dropins(p, mode == GP_GRUB_DROPIN_REPLACED ? base : NULL, &f);
	if (r == 0) {
		src = calloc(f.n + 1, sizeof(*src));
		texts = calloc(f.n + 1, sizeof(*texts));
		r = src && texts ? 0 : -ENOMEM;
	}
	if (r == 0)
		r = read_all(p, dropin_path, mode, dropin_text, src, texts, &f, &n, &res);
	if (r == 0)
		r = gp_grub_default_eval(src, n, out);
	if (r == 0 && res.read_err) {
		out->read_err = res.read_err;
		memcpy(out->read_path, res.read_path, sizeof(out->read_path));
		/* What that file sets is not known. */
		if (!out->unsafe) {
			out->unsafe = 1;
			memcpy(out->where.path, res.read_path, sizeof(out->where.path));
			out->where.line = 0;
			snprintf(out->where.what, sizeof(out->where.what), "unreadable");
		}
	}
	for (i = 0; src && i < n; i++) {
		free((char *)src[i].path);
		free(texts[i]);
	}
	gp_strset_free(&f);
	free(src);
	free(texts);
	return r;
}
