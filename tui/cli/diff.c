/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "diff.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct line {
	const char *s;
	size_t len;       /* without the newline */
	int no_newline;   /* the text's last line, not terminated */
};

struct lines {
	struct line *v;
	size_t n;
};

static int split(const char *text, size_t len, struct lines *out)
{
	size_t pos = 0, n = 0;

	out->v = NULL;
	out->n = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);

		n++;
		pos = nl ? (size_t)(nl - text) + 1 : len;
	}
	if (!n)
		return 0;
	out->v = calloc(n, sizeof(*out->v));
	if (!out->v)
		return -ENOMEM;
	pos = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		struct line *l = &out->v[out->n++];

		l->s = text + pos;
		l->len = nl ? (size_t)(nl - (text + pos)) : len - pos;
		l->no_newline = !nl;
		pos = nl ? (size_t)(nl - text) + 1 : len;
	}
	return 0;
}

static int same(const struct line *a, const struct line *b)
{
	return a->len == b->len && a->no_newline == b->no_newline &&
	       memcmp(a->s, b->s, a->len) == 0;
}

/* One step of the edit script. */
enum op { OP_SAME, OP_DEL, OP_ADD };

/*
 * The edit script from a longest-common-subsequence table, deletions
 * before additions within a change, as diff prints them.
 */
static int edit_script(const struct lines *a, const struct lines *b, enum op **ops, size_t *n_ops)
{
	size_t n = a->n, m = b->n, i, j, k = 0;
	uint32_t *t = NULL;
	enum op *o;

	o = malloc((n + m + 1) * sizeof(*o));
	if (!o)
		return -ENOMEM;
	if ((n + 1) * (m + 1) <= GP_DIFF_MAX_CELLS) {
		t = calloc((n + 1) * (m + 1), sizeof(*t));
		if (!t) {
			free(o);
			return -ENOMEM;
		}
		/* t[i][j]: LCS length of a[i..] and b[j..]. */
		for (i = n; i-- > 0;)
			for (j = m; j-- > 0;)
				t[i * (m + 1) + j] = same(&a->v[i], &b->v[j]) ?
					t[(i + 1) * (m + 1) + j + 1] + 1 :
					(t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1] ?
					 t[(i + 1) * (m + 1) + j] : t[i * (m + 1) + j + 1]);
	}
	i = j = 0;
	while (i < n || j < m) {
		if (t && i < n && j < m && same(&a->v[i], &b->v[j])) {
			o[k++] = OP_SAME;
			i++;
			j++;
		} else if (i < n && (j == m || !t ||
				     t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1])) {
			o[k++] = OP_DEL;
			i++;
		} else {
			o[k++] = OP_ADD;
			j++;
		}
	}
	free(t);
	*ops = o;
	*n_ops = k;
	return 0;
}

static void put_line(FILE *out, char mark, const struct line *l)
{
	fputc(mark, out);
	fwrite(l->s, 1, l->len, out);
	fputc('\n', out);
	if (l->no_newline)
		fputs("\\ No newline at end of file\n", out);
}

/* "a,b" as diff -u writes a range: ",1" omitted, an empty range at the line before. */
static void put_range(FILE *out, size_t start, size_t count)
{
	if (count == 1)
		fprintf(out, "%zu", start + 1);
	else
		fprintf(out, "%zu,%zu", count ? start + 1 : start, count);
}

int gp_diff_unified(FILE *out, const char *old_name, const char *old, size_t old_len,
		    const char *new_name, const char *new, size_t new_len, unsigned int context)
{
	struct lines a, b;
	enum op *ops = NULL;
	size_t n_ops = 0, k, ai, bi;
	int r, header = 0;

	r = split(old, old_len, &a);
	if (r == 0)
		r = split(new, new_len, &b);
	else
		b.v = NULL;
	if (r == 0)
		r = edit_script(&a, &b, &ops, &n_ops);
	if (r < 0)
		goto out;

	/* Walk the script; ai/bi are the line indexes at ops[k]. */
	k = ai = bi = 0;
	while (k < n_ops) {
		size_t start, end, h, ha, hb, ca = 0, cb = 0, last_change, x;

		while (k < n_ops && ops[k] == OP_SAME) {
			k++;
			ai++;
			bi++;
		}
		if (k == n_ops)
			break;
		/* A hunk: back up @context lines, then run until a gap longer than 2*context. */
		for (x = 0; x < context && x < k && ops[k - 1 - x] == OP_SAME; x++)
			;
		start = k - x;
		ha = ai - x;
		hb = bi - x;
		last_change = k;
		for (end = k; end < n_ops; end++) {
			if (ops[end] != OP_SAME)
				last_change = end;
			else if (end - last_change > 2 * context)
				break;
		}
		end = last_change + 1 + context < n_ops ? last_change + 1 + context : n_ops;
		for (h = start; h < end; h++) {
			ca += ops[h] != OP_ADD;
			cb += ops[h] != OP_DEL;
		}
		if (!header) {
			fprintf(out, "--- %s\n+++ %s\n", old_name, new_name);
			header = 1;
		}
		fputs("@@ -", out);
		put_range(out, ha, ca);
		fputs(" +", out);
		put_range(out, hb, cb);
		fputs(" @@\n", out);
		ai = ha;
		bi = hb;
		for (h = start; h < end; h++) {
			switch (ops[h]) {
			case OP_SAME:
				put_line(out, ' ', &a.v[ai++]);
				bi++;
				break;
			case OP_DEL:
				put_line(out, '-', &a.v[ai++]);
				break;
			case OP_ADD:
				put_line(out, '+', &b.v[bi++]);
				break;
			}
		}
		k = end;
	}
out:
	free(ops);
	free(a.v);
	free(b.v);
	return r;
}
