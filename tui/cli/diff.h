/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * diff — a unified line diff of two small texts, for `--dry-run`.
 *
 * The output follows diff -u: "--- OLD" / "+++ NEW" headers, hunks
 * "@@ -a,b +c,d @@" (",1" left out, an empty side numbered from the line
 * before it), the given lines of context around each change, hunks closer
 * than twice the context merged, and "\ No newline at end of file" after
 * a last line without one.  The edit script is a longest common
 * subsequence of lines; texts too large for that table (more than
 * GP_DIFF_MAX_CELLS line pairs, far beyond any file gpupt-setup writes)
 * are shown as all removed and all added, which is still a correct diff.
 */
#ifndef GP_DIFF_H
#define GP_DIFF_H

#include <stddef.h>
#include <stdio.h>

#define GP_DIFF_MAX_CELLS (4u * 1024 * 1024)

/**
 * gp_diff_unified - write the unified diff of @old and @new to @out.
 * @out: where to write.
 * @old_name: the "---" name ("a/etc/gpupt/bind.conf", "/dev/null").
 * @old: the old text (NULL with @old_len 0: empty).
 * @old_len: its length.
 * @new_name: the "+++" name.
 * @new: the new text.
 * @new_len: its length.
 * @context: lines of context (3 as diff -u).
 *
 * Identical texts give no output at all.  Returns 0, or -ENOMEM.
 */
int gp_diff_unified(FILE *out, const char *old_name, const char *old, size_t old_len,
		    const char *new_name, const char *new, size_t new_len, unsigned int context);

#endif
