/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The transaction's smallest pieces (txn_int.h): progress and failure
 * reporting, the test crash points, a command's line for people, and
 * making a directory with its parents.  Apart from txn.c so that what
 * txn.c itself calls (the state directory checks of txn_trust.c) can use
 * them without a circle.
 */
#include "txn_int.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "gp_path.h"
#include "gp_path_write.h"

void txn_step(struct txn *t, enum gp_txn_step s, size_t i, size_t n, const char *what)
{
	if (t->ops && t->ops->step)
		t->ops->step(t->ctx, s, i, n, what ? what : "");
}

/* Copy @src, cut to fit: failed_what is for people, a long path may be shortened. */
static void copy_cut(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

void txn_fail_at(struct txn *t, enum gp_txn_step s, const char *what)
{
	if (!t->res || t->res->failed_step >= 0)
		return;
	t->res->failed_step = (int)s;
	copy_cut(t->res->failed_what, sizeof(t->res->failed_what), what ? what : "");
}

void txn_crash_point(struct txn *t)
{
	if (t->crash_at > 0 && ++t->crash_count == t->crash_at)
		raise(SIGKILL);
}

int txn_by_hand(struct txn *t, const struct gp_command *c)
{
	char line[GP_PATH_MAX];

	if (!t->res)
		return 0;
	txn_cmdline(c, line, sizeof(line));
	return gp_strset_add(&t->res->by_hand, line);
}

void txn_cmdline(const struct gp_command *c, char *buf, size_t size)
{
	size_t len = 0, i;

	buf[0] = '\0';
	for (i = 0; c->argv[i]; i++) {
		int n = snprintf(buf + len, size - len, "%s%s", i ? " " : "", c->argv[i]);

		if (n < 0 || (size_t)n >= size - len)
			return;
		len += (size_t)n;
	}
}

/* Create @path and its missing parents (0755); with @made, record those created. */
int txn_mkdir_p(const struct gp_path *p, const char *path, char (**made)[GP_PATH_MAX],
		size_t *n_made, int dry)
{
	char buf[GP_PATH_MAX];
	size_t len = strlen(path), i;
	int r;

	if (path[0] != '/' || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, path, len + 1);
	for (i = 1; i <= len; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		r = gp_path_exists(p, buf);
		if (r < 0)
			return r;
		if (r == 0) {
			if (!dry) {
				r = gp_path_mkdir(p, buf, 0755);
				if (r < 0 && r != -EEXIST)
					return r;
			}
			if (made) {
				r = gp_journal_add_dir(made, n_made, buf);
				if (r < 0)
					return r;
			}
		}
		if (i < len)
			buf[i] = '/';
	}
	return 0;
}
