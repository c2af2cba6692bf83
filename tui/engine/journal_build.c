/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Building a journal in memory (journal_build.h): its records, each added once,
 * and freeing it.  Apart from journal.c, which reads and writes the format.
 */
#include "journal_build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp_path_write.h"
#include "strbuf.h"

void gp_journal_free(struct gp_journal *j)
{
	size_t i;

	for (i = 0; i < j->n_files; i++) {
		free(j->files[i].old.content);
		free(j->files[i].new.content);
	}
	free(j->files);
	for (i = 0; i < j->n_keeps; i++) {
		free(j->keeps[i].old.content);
		free(j->keeps[i].new.content);
	}
	free(j->keeps);
	for (i = 0; i < j->n_cmds; i++)
		free(j->cmds[i].argv);   /* one block with what (pack_cmd) */
	free(j->cmds);
	free(j->mkdirs);
	free(j->rmdirs);
	free(j->reverts);
	memset(j, 0, sizeof(*j));
}

struct gp_journal_file *gp_journal_add_file(struct gp_journal *j, const char *path)
{
	struct gp_journal_file *f;

	if (strlen(path) >= GP_PATH_MAX)
		return NULL;
	if (GP_ARRAY_GROW(j->files, j->alloc_files, j->n_files + 1) < 0)
		return NULL;
	f = &j->files[j->n_files++];
	memset(f, 0, sizeof(*f));
	strcpy(f->path, path);
	f->new.uid = GP_OWNER_KEEP;
	f->new.gid = (gid_t)-1;
	return f;
}

struct gp_journal_keep *gp_journal_add_keep(struct gp_journal *j, const char *path)
{
	struct gp_journal_keep *k;

	if (strlen(path) >= GP_PATH_MAX)
		return NULL;
	if (GP_ARRAY_GROW(j->keeps, j->alloc_keeps, j->n_keeps + 1) < 0)
		return NULL;
	k = &j->keeps[j->n_keeps++];
	memset(k, 0, sizeof(*k));
	strcpy(k->path, path);
	return k;
}

const struct gp_journal_keep *gp_journal_find_keep(const struct gp_journal *j, const char *path)
{
	size_t i;

	for (i = 0; i < j->n_keeps; i++)
		if (strcmp(j->keeps[i].path, path) == 0)
			return &j->keeps[i];
	return NULL;
}

int gp_journal_add_dir(char (**list)[GP_PATH_MAX], size_t *n, const char *path)
{
	char (*nl)[GP_PATH_MAX];
	size_t i;

	if (strlen(path) >= GP_PATH_MAX)
		return -ENAMETOOLONG;
	for (i = 0; i < *n; i++)
		if (strcmp((*list)[i], path) == 0)
			return 0;
	nl = realloc(*list, (*n + 1) * sizeof(*nl));
	if (!nl)
		return -ENOMEM;
	*list = nl;
	strcpy(nl[(*n)++], path);
	return 0;
}

static int same_argv(char *const *a, char *const *b)
{
	size_t i;

	for (i = 0; a[i] && b[i]; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return !a[i] && !b[i];
}

/*
 * A command's argv and what in one block: the pointer array, then the
 * strings.  One allocation to free, whatever the number of arguments.
 */
static char **pack_cmd(const struct gp_command *cmd, const char **what)
{
	size_t i, n = 0, bytes;
	const char *w = cmd->what ? cmd->what : "";
	char **argv, *s;

	bytes = strlen(w) + 1;
	while (cmd->argv[n])
		bytes += strlen(cmd->argv[n++]) + 1;
	argv = malloc((n + 1) * sizeof(char *) + bytes);
	if (!argv)
		return NULL;
	s = (char *)(argv + n + 1);
	for (i = 0; i < n; i++) {
		argv[i] = s;
		s = stpcpy(s, cmd->argv[i]) + 1;
	}
	argv[n] = NULL;
	*what = strcpy(s, w);
	return argv;
}

int gp_journal_add_cmd(struct gp_journal *j, const struct gp_command *cmd)
{
	struct gp_command *nc;
	const char *what;
	char **argv;
	size_t i;

	for (i = 0; i < j->n_cmds; i++)
		if (same_argv(j->cmds[i].argv, cmd->argv))
			return 0;
	if (GP_ARRAY_GROW(j->cmds, j->alloc_cmds, j->n_cmds + 1) < 0)
		return -ENOMEM;
	argv = pack_cmd(cmd, &what);
	if (!argv)
		return -ENOMEM;
	nc = &j->cmds[j->n_cmds++];
	memset(nc, 0, sizeof(*nc));
	nc->argv = argv;
	nc->what = what;
	snprintf(nc->kver, sizeof(nc->kver), "%s", cmd->kver);
	nc->in_root = cmd->in_root;
	nc->generator = cmd->generator;
	return 0;
}
