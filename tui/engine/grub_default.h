/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * grub_default — the kernel command line GRUB will give the next boot.
 *
 * grub-mkconfig sources /etc/default/grub and then every
 * /etc/default/grub.d/NAME.cfg, and 10_linux puts
 * "$GRUB_CMDLINE_LINUX $GRUB_CMDLINE_LINUX_DEFAULT" on every normal entry.
 * This evaluates that small part of the shell: assignments (also after
 * export/readonly), unset, comments, '...', "...", backslashes, $VAR and
 * ${VAR} of variables assigned before.  What it cannot evaluate is said,
 * never guessed: a command substitution taints the variable it is assigned
 * to (it runs in a subshell, so it assigns nothing else); any other command
 * (if, ., a function...) may assign anything, so it taints everything after.
 */
#ifndef GP_GRUB_DEFAULT_H
#define GP_GRUB_DEFAULT_H

#include <stddef.h>

#include "gp_path.h"

/* grub-mkconfig's first file, and the directory of the rest. */
#define GP_GRUB_DEFAULT_PATH "/etc/default/grub"
#define GP_GRUB_DEFAULT_D "/etc/default/grub.d"

/** One file to source: its name (for reports) and its text. */
struct gp_grub_source {
	const char *path;
	const char *text;          /* NUL-terminated */
};

/** Where the result could not be evaluated safely (the first such place). */
struct gp_grub_unsafe {
	char path[256];            /* "" when the result is safe */
	unsigned line;             /* 1-based */
	char what[32];             /* the construct: "$(...)", "`...`", "if", ... */
};

/** What sourcing the files gives. */
struct gp_grub_cmdline {
	char *linux_args;          /* GRUB_CMDLINE_LINUX ("" when unset) */
	char *default_args;        /* GRUB_CMDLINE_LINUX_DEFAULT ("" when unset) */
	/* A normal entry's parameters as the kernel receives them: both values
	 * split into words by GRUB's own script quoting, a word holding blanks
	 * written in double quotes ("a b"), as GRUB's linux command does. */
	char *normal;
	int unsafe;                /* normal may be wrong: see where */
	struct gp_grub_unsafe where;
	int read_err;              /* -errno of a file that could not be read */
	char read_path[256];       /* and its name */
};

/**
 * gp_grub_default_eval - source @n files in order and compute the result.
 * @src: the files, in the order grub-mkconfig sources them.
 * @n: how many.
 * @out: filled; release with gp_grub_cmdline_free().
 * Returns 0 or -ENOMEM (then @out holds nothing to free).
 */
int gp_grub_default_eval(const struct gp_grub_source *src, size_t n,
			 struct gp_grub_cmdline *out);

/** How gp_grub_default_read() treats the file at @dropin_path. */
enum gp_grub_dropin {
	GP_GRUB_DROPIN_ON_DISK = 0,   /* like any other .cfg: as it is now */
	GP_GRUB_DROPIN_WITHOUT,       /* as if it did not exist */
	GP_GRUB_DROPIN_REPLACED,      /* with @dropin_text (which may be new) */
};

/**
 * gp_grub_default_read - what root @p's GRUB gives the next boot.
 * @p: the target root.
 * @dropin_path: gpupt-setup's drop-in (GP_GRUB_DROPIN_PATH), under GP_GRUB_DEFAULT_D.
 * @mode: how to treat it.
 * @dropin_text: with GP_GRUB_DROPIN_REPLACED its content ("" or NULL: none).
 * @out: filled; release with gp_grub_cmdline_free().
 *
 * The grub.d files are taken in byte order: Debian's /bin/sh (dash), which
 * runs grub-mkconfig, sorts a glob with strcmp() whatever the locale.  Only
 * names ending in ".cfg" that exist count, as in grub-mkconfig.  A file
 * that cannot be read makes the result unsafe (read_err, read_path); a
 * missing /etc/default/grub is skipped, as grub-mkconfig skips it.
 * Returns 0 or -ENOMEM.
 */
int gp_grub_default_read(const struct gp_path *p, const char *dropin_path,
			 enum gp_grub_dropin mode, const char *dropin_text,
			 struct gp_grub_cmdline *out);

/** gp_grub_cmdline_free - release what @c holds; it can be filled again. */
void gp_grub_cmdline_free(struct gp_grub_cmdline *c);

#endif
