/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "journal.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp_path_write.h"
#include "strbuf.h"

#define JOURNAL_MAGIC "gpupt-journal 1"
/* The most fields the loader splits a line into, and the reverts a line holds. */
#define MAX_FIELDS 64
#define REVERTS_PER_LINE 32

uint64_t gp_journal_fnv1a64(const void *buf, size_t len)
{
	const unsigned char *s = buf;
	uint64_t h = 0xcbf29ce484222325ULL;

	while (len--) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* --- a growing text buffer ------------------------------------------------ */

/* The journal's text; the first error sticks, so the whole text is checked once. */
static int plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("._/:=+,@-", c) != NULL;
}

/* One field, preceded by a space unless @first. */
static void sb_field(struct gp_strbuf *b, const char *s, int first)
{
	static const char hex[] = "0123456789ABCDEF";

	if (!first)
		gp_strbuf_add(b, " ", 1);
	if (!*s) {
		gp_strbuf_add(b, "%", 1);
		return;
	}
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[3] = { '%', hex[c >> 4], hex[c & 15] };

		if (c && plain(c))
			gp_strbuf_add(b, s, 1);
		else
			gp_strbuf_add(b, esc, 3);
	}
}

/* --- saving ------------------------------------------------------------------ */

static void sb_state(struct gp_strbuf *b, const char *tag, const struct gp_file_state *st)
{
	if (!st->exists) {
		gp_strbuf_addf(b, "%s absent\n", tag);
		return;
	}
	gp_strbuf_addf(b, "%s %04o ", tag, (unsigned int)(st->mode & 07777));
	if (st->uid == GP_OWNER_KEEP)
		gp_strbuf_add(b, "- - ", 4);
	else
		gp_strbuf_addf(b, "%u %u ", (unsigned int)st->uid, (unsigned int)st->gid);
	gp_strbuf_addf(b, "%zu fnv1a64=%016" PRIx64 "\n", st->len,
	       gp_journal_fnv1a64(st->content, st->len));
}

static int member(char *buf, size_t size, const char *dir, const char *name, size_t i, int indexed)
{
	int n = indexed ? snprintf(buf, size, "%s/%s.%zu", dir, name, i)
			: snprintf(buf, size, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/* The copy DIR/TAG.I of a file's content, when the file exists in @st. */
static int write_copy(const struct gp_path *p, const char *dir, const char *tag, size_t i,
		      const struct gp_file_state *st)
{
	char path[GP_PATH_MAX];
	int r;

	if (!st->exists)
		return 0;
	r = member(path, sizeof(path), dir, tag, i, 1);
	return r ? r : gp_path_write_atomic(p, path, st->content, st->len, 0600, GP_OWNER_KEEP, 0);
}

int gp_journal_save(const struct gp_path *p, const char *dir, const struct gp_journal *j)
{
	struct gp_strbuf b = GP_STRBUF_INIT;
	char path[GP_PATH_MAX];
	size_t i, k;
	int r;

	gp_strbuf_addf(&b, "%s\nkind %s\n", JOURNAL_MAGIC, j->kind == GP_JOURNAL_REVERT ? "revert" : "apply");
	gp_strbuf_addf(&b, "entry %u\ntime %lld\n", j->entry, j->time);
	/* A line holds at most MAX_FIELDS fields: a long list takes several lines. */
	for (i = 0; i < j->n_reverts; i++) {
		if (i % REVERTS_PER_LINE == 0)
			gp_strbuf_add(&b, i ? "\nreverts" : "reverts", i ? 8 : 7);
		gp_strbuf_addf(&b, " %u", j->reverts[i]);
	}
	if (j->n_reverts)
		gp_strbuf_add(&b, "\n", 1);
	for (i = 0; i < j->n_mkdirs; i++) {
		sb_field(&b, "mkdir", 1);
		sb_field(&b, j->mkdirs[i], 0);
		gp_strbuf_add(&b, "\n", 1);
	}
	for (i = 0; i < j->n_rmdirs; i++) {
		sb_field(&b, "rmdir", 1);
		sb_field(&b, j->rmdirs[i], 0);
		gp_strbuf_add(&b, "\n", 1);
	}
	for (i = 0; i < j->n_files; i++) {
		const struct gp_journal_file *f = &j->files[i];

		sb_field(&b, "file", 1);
		sb_field(&b, f->path, 0);
		gp_strbuf_add(&b, "\n", 1);
		sb_state(&b, "old", &f->old);
		sb_state(&b, "new", &f->new);
	}
	for (i = 0; i < j->n_keeps; i++) {
		sb_field(&b, "keep", 1);
		sb_field(&b, j->keeps[i].path, 0);
		gp_strbuf_add(&b, "\n", 1);
		sb_state(&b, "old", &j->keeps[i].old);
		if (j->keeps[i].has_new)
			sb_state(&b, "new", &j->keeps[i].new);
	}
	for (i = 0; i < j->n_cmds; i++) {
		const struct gp_command *c = &j->cmds[i];

		gp_strbuf_addf(&b, "cmd %d %d", c->generator ? 1 : 0, c->in_root ? 1 : 0);
		sb_field(&b, c->kver, 0);
		sb_field(&b, c->what ? c->what : "", 0);
		for (k = 0; c->argv[k]; k++)
			sb_field(&b, c->argv[k], 0);
		gp_strbuf_add(&b, "\n", 1);
	}
	if (b.err) {
		gp_strbuf_release(&b);
		return b.err;
	}
	/* The copies first: a journal file never names a copy that is not there. */
	for (i = 0; i < j->n_files; i++) {
		const struct gp_journal_file *f = &j->files[i];

		r = write_copy(p, dir, "old", i, &f->old);
		if (!r)
			r = write_copy(p, dir, "new", i, &f->new);
		if (r)
			goto out;
	}
	for (i = 0; i < j->n_keeps; i++) {
		r = write_copy(p, dir, "keep", i, &j->keeps[i].old);
		if (!r && j->keeps[i].has_new)
			r = write_copy(p, dir, "keepnew", i, &j->keeps[i].new);
		if (r)
			goto out;
	}
	r = member(path, sizeof(path), dir, "journal", 0, 0);
	if (!r)
		r = gp_path_write_atomic(p, path, b.buf, b.len, 0600, GP_OWNER_KEEP, 0);
out:
	gp_strbuf_release(&b);
	return r;
}

/* --- loading ------------------------------------------------------------------ */

/* Split @line (modified in place) into unescaped fields. Returns the count or -EBADMSG. */
static int split(char *line, char **f)
{
	int n = 0;
	char *s = line;

	while (*s) {
		char *start = s, *w = s;

		if (n == MAX_FIELDS)
			return -EBADMSG;
		while (*s && *s != ' ') {
			if (*s == '%') {
				unsigned int v;
				char h[3];

				if (s[1] == '\0' || s[1] == ' ') {
					s++;            /* "%" alone: the empty string */
					continue;
				}
				if (!s[1] || !s[2])
					return -EBADMSG;
				h[0] = s[1];
				h[1] = s[2];
				h[2] = '\0';
				if (sscanf(h, "%2x", &v) != 1 || v == 0)
					return -EBADMSG;
				*w++ = (char)v;
				s += 3;
			} else {
				*w++ = *s++;
			}
		}
		if (*s == ' ')
			s++;
		*w = '\0';
		f[n++] = start;
	}
	return n;
}

static int parse_uint(const char *s, unsigned long long *v, int base)
{
	char *end;

	if (!*s || *s == '-')
		return -EBADMSG;
	errno = 0;
	*v = strtoull(s, &end, base);
	return errno || *end ? -EBADMSG : 0;
}

static int load_copy(const struct gp_path *p, const char *dir, const char *name, size_t i,
		     size_t len, const char *hash, char **content)
{
	char path[GP_PATH_MAX], want[32];
	size_t n;
	int r;

	r = member(path, sizeof(path), dir, name, i, 1);
	if (r)
		return r;
	r = gp_path_read_file(p, path, content, &n, NULL);
	if (r)
		return r == -ENOENT ? -EBADMSG : r;
	snprintf(want, sizeof(want), "fnv1a64=%016" PRIx64, gp_journal_fnv1a64(*content, n));
	if (n != len || strcmp(want, hash) != 0) {
		free(*content);
		*content = NULL;
		return -EBADMSG;
	}
	return 0;
}

/* "old absent" or "old MODE UID GID LEN HASH"; the copy @name.@i is read from @dir. */
static int parse_state(const struct gp_path *p, const char *dir, const char *name, size_t i,
		       char **f, int n, struct gp_file_state *st)
{
	unsigned long long v;

	if (n == 2 && strcmp(f[1], "absent") == 0) {
		st->exists = 0;
		return 0;
	}
	if (n != 6 || parse_uint(f[1], &v, 8) || v > 07777)
		return -EBADMSG;
	st->mode = (mode_t)v;
	if (strcmp(f[2], "-") == 0) {
		st->uid = GP_OWNER_KEEP;
		st->gid = (gid_t)-1;
	} else {
		/* An id fits uid_t/gid_t and is not -1 (GP_OWNER_KEEP): else it is cut. */
		if (parse_uint(f[2], &v, 10) || v >= (uid_t)-1)
			return -EBADMSG;
		st->uid = (uid_t)v;
		if (parse_uint(f[3], &v, 10) || v >= (gid_t)-1)
			return -EBADMSG;
		st->gid = (gid_t)v;
	}
	if (parse_uint(f[4], &v, 10))
		return -EBADMSG;
	st->len = (size_t)v;
	st->exists = 1;
	return load_copy(p, dir, name, i, st->len, f[5], &st->content);
}

static int parse_cmd(struct gp_journal *j, char **f, int n)
{
	struct gp_command c;
	int k, r;

	if (n < 6)
		return -EBADMSG;
	memset(&c, 0, sizeof(c));
	c.generator = strcmp(f[1], "1") == 0;
	c.in_root = strcmp(f[2], "1") == 0;
	if (strlen(f[3]) >= sizeof(c.kver))
		return -EBADMSG;
	strcpy(c.kver, f[3]);
	c.what = f[4];
	c.argv = calloc((size_t)(n - 5 + 1), sizeof(char *));
	if (!c.argv)
		return -ENOMEM;
	for (k = 5; k < n; k++)
		c.argv[k - 5] = f[k];
	/* The fields live in the line buffer: gp_journal_add_cmd copies them. */
	r = gp_journal_add_cmd(j, &c);
	free(c.argv);
	return r;
}

/* Where the parser is: an "old" or "new" line belongs to the last file or keep record. */
struct parse {
	int seen_kind;
	int in_keep;            /* the last record is a keep, not a file */
	unsigned int lines;     /* its old (1) and new (2) lines seen: a second one is malformed */
};

/* An "old" or "new" line (@bit 1 or 2) of the last record. */
static int parse_old_new(const struct gp_path *p, const char *dir, struct gp_journal *j,
			 struct parse *ps, unsigned int bit, char **f, int n)
{
	struct gp_journal_keep *k = ps->in_keep ? &j->keeps[j->n_keeps - 1] : NULL;
	struct gp_journal_file *cur = j->n_files ? &j->files[j->n_files - 1] : NULL;

	if ((!k && !cur) || (ps->lines & bit))
		return -EBADMSG;  /* no record, or a duplicate (its copy would leak) */
	ps->lines |= bit;
	if (k) {
		k->has_new |= bit == 2;
		return parse_state(p, dir, bit == 1 ? "keep" : "keepnew", j->n_keeps - 1, f, n,
				   bit == 1 ? &k->old : &k->new);
	}
	return parse_state(p, dir, f[0], j->n_files - 1, f, n, bit == 1 ? &cur->old : &cur->new);
}

static int parse_line(const struct gp_path *p, const char *dir, struct gp_journal *j,
		      char *line, struct parse *ps)
{
	char *f[MAX_FIELDS] = { 0 };
	unsigned long long v;
	int n, i;

	n = split(line, f);
	if (n <= 0)
		return n < 0 ? n : -EBADMSG;
	if (ps->in_keep && !(ps->lines & 1) && strcmp(f[0], "old") != 0)
		return -EBADMSG;        /* a keep's old line comes right after it */
	if (strcmp(f[0], "kind") == 0 && n == 2) {
		if (strcmp(f[1], "apply") == 0)
			j->kind = GP_JOURNAL_APPLY;
		else if (strcmp(f[1], "revert") == 0)
			j->kind = GP_JOURNAL_REVERT;
		else
			return -EBADMSG;
		ps->seen_kind = 1;
		return 0;
	}
	if (strcmp(f[0], "entry") == 0 && n == 2) {
		if (parse_uint(f[1], &v, 10) || v > 999999)
			return -EBADMSG;
		j->entry = (unsigned int)v;
		return 0;
	}
	if (strcmp(f[0], "time") == 0 && n == 2) {
		/* Beyond LLONG_MAX it would be saved negative, which no load takes. */
		if (parse_uint(f[1], &v, 10) || v > LLONG_MAX)
			return -EBADMSG;
		j->time = (long long)v;
		return 0;
	}
	if (strcmp(f[0], "reverts") == 0) {
		/* Room for what earlier reverts lines gave too (issue 15: a second line overflowed). */
		unsigned int *nr = realloc(j->reverts, (j->n_reverts + (size_t)n) * sizeof(*nr));

		if (!nr)
			return -ENOMEM;
		j->reverts = nr;
		for (i = 1; i < n; i++) {
			if (parse_uint(f[i], &v, 10) || v > 999999)
				return -EBADMSG;
			j->reverts[j->n_reverts++] = (unsigned int)v;
		}
		return 0;
	}
	if ((strcmp(f[0], "mkdir") == 0 || strcmp(f[0], "rmdir") == 0) && n == 2) {
		if (f[1][0] != '/')
			return -EBADMSG;
		if (f[0][0] == 'm')
			return gp_journal_add_dir(&j->mkdirs, &j->n_mkdirs, f[1]);
		return gp_journal_add_dir(&j->rmdirs, &j->n_rmdirs, f[1]);
	}
	if ((strcmp(f[0], "file") == 0 || strcmp(f[0], "keep") == 0) && n == 2) {
		if (f[1][0] != '/' || strlen(f[1]) >= GP_PATH_MAX)
			return -EBADMSG;
		ps->in_keep = f[0][0] == 'k';
		ps->lines = 0;
		if (!ps->in_keep)
			return gp_journal_add_file(j, f[1]) ? 0 : -ENOMEM;
		if (gp_journal_find_keep(j, f[1]))
			return -EBADMSG;
		return gp_journal_add_keep(j, f[1]) ? 0 : -ENOMEM;
	}
	if (strcmp(f[0], "old") == 0 || strcmp(f[0], "new") == 0)
		return parse_old_new(p, dir, j, ps, f[0][0] == 'o' ? 1 : 2, f, n);
	if (strcmp(f[0], "cmd") == 0)
		return parse_cmd(j, f, n);
	return -EBADMSG;
}

int gp_journal_load(const struct gp_path *p, const char *dir, struct gp_journal *j)
{
	char path[GP_PATH_MAX], *text, *line, *next;
	struct parse ps = { 0, 0, 0 };
	size_t len;
	int r;

	memset(j, 0, sizeof(*j));
	r = member(path, sizeof(path), dir, "journal", 0, 0);
	if (r)
		return r;
	r = gp_path_read_file(p, path, &text, &len, NULL);
	if (r)
		return r;
	if (strlen(text) != len || strncmp(text, JOURNAL_MAGIC "\n", sizeof(JOURNAL_MAGIC)) != 0) {
		free(text);
		return -EBADMSG;
	}
	for (line = text + sizeof(JOURNAL_MAGIC); *line; line = next) {
		next = strchr(line, '\n');
		if (!next) {            /* every line ends with one: a cut file is damaged */
			r = -EBADMSG;
			break;
		}
		*next++ = '\0';
		r = parse_line(p, dir, j, line, &ps);
		if (r)
			break;
	}
	free(text);
	if (!r && (!ps.seen_kind || (ps.in_keep && !(ps.lines & 1))))
		r = -EBADMSG;
	if (r)
		gp_journal_free(j);
	return r;
}

/* --- progress ------------------------------------------------------------------ */

int gp_journal_progress_save(const struct gp_path *p, const char *dir, size_t done)
{
	char path[GP_PATH_MAX], text[32];
	int n, r;

	r = member(path, sizeof(path), dir, "progress", 0, 0);
	if (r)
		return r;
	n = snprintf(text, sizeof(text), "%zu\n", done);
	return gp_path_write_atomic(p, path, text, (size_t)n, 0600, GP_OWNER_KEEP, 0);
}

int gp_journal_progress_load(const struct gp_path *p, const char *dir, size_t *done)
{
	char path[GP_PATH_MAX], text[32];
	unsigned long long v;
	int r;

	*done = 0;
	r = member(path, sizeof(path), dir, "progress", 0, 0);
	if (r)
		return r;
	r = gp_path_read(p, path, text, sizeof(text));
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	if (parse_uint(text, &v, 10))
		return -EBADMSG;
	*done = (size_t)v;
	return 0;
}
