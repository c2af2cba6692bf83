/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmdline — reading parameters out of a kernel command line, the way the
 * kernel itself splits it (lib/cmdline.c: next_arg): words separated by
 * blanks, double quotes protect blanks, "--" ends the kernel's part, and in
 * a parameter's name '-' and '_' are the same character.
 */
#ifndef GP_CMDLINE_H
#define GP_CMDLINE_H

#include <stddef.h>

/**
 * gp_cmdline_find - the value of the last parameter called @name.
 * @line: the command line (/proc/cmdline); malformed text is read as far
 *        as it makes sense, never rejected.
 * @name: a parameter name ("intel_iommu").
 * @val: receives the value without quotes ("" for a bare flag); may be
 *       NULL when only presence matters.
 * @size: size of @val.
 * @word: receives the whole word as written ("intel_iommu=off"), for
 *        telling a person exactly what to remove; may be NULL.
 * @wsize: size of @word.
 *
 * The last occurrence wins, as for the kernel's own parameters.
 * Returns 1 when found, 0 when not, -ENAMETOOLONG when a buffer is short.
 */
int gp_cmdline_find(const char *line, const char *name, char *val, size_t size,
		    char *word, size_t wsize);

/**
 * gp_cmdline_list_has - whether comma-separated @list holds item @item.
 * ("on,sm_on", "on") gives 1.  Returns 1 or 0.
 */
int gp_cmdline_list_has(const char *list, const char *item);

#endif
