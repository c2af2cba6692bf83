/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The bind.status parser: gpupt-setup only, so the binder never links it. */
#include "bind_status.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static const char *const summary_keys[GP_BIND_SUM_COUNT] = {
	"bound=", "skipped=", "failed=", "invalid=", "duplicate=",
};

/* Most words a line may have: a device line with from=, back= and room for more. */
#define WORDS_MAX 8

/* Split @line (NUL-terminated, no newline) at single spaces into @w; the count, or -1. */
static int split(char *line, char *w[WORDS_MAX])
{
	int n = 0;

	for (;;) {
		char *sp = strchr(line, ' ');

		if (n == WORDS_MAX || *line == '\0' || line[0] == ' ')
			return -1;
		w[n++] = line;
		if (!sp)
			return n;
		*sp = '\0';
		line = sp + 1;
	}
}

static int copy_word(char dst[GP_BIND_STATUS_WORD_MAX], const char *src)
{
	size_t n = strlen(src);

	if (n >= GP_BIND_STATUS_WORD_MAX)
		return -EINVAL;
	memcpy(dst, src, n + 1);
	return 0;
}

/* Decimal @s, all of it, into @v.  Hand-made: strtoul() drags stdio into the binder. */
static int parse_count(const char *s, unsigned long *v)
{
	if (!*s)
		return -EINVAL;
	for (*v = 0; *s; s++) {
		if (*s < '0' || *s > '9' || *v > (~0UL - 9) / 10)
			return -EINVAL;
		*v = *v * 10 + (unsigned long)(*s - '0');
	}
	return 0;
}

/* duplicate= is optional: an older binder's summary has four counts. */
static int parse_summary(char *const w[WORDS_MAX], int n, struct gp_bind_status_rec *rec)
{
	int i;

	if (n != 5 && n != 6)
		return -EINVAL;
	rec->kind = GP_BIND_STATUS_SUMMARY;
	for (i = 0; i < n - 1; i++) {
		size_t k = strlen(summary_keys[i]);

		if (strncmp(w[i + 1], summary_keys[i], k) != 0 ||
		    parse_count(w[i + 1] + k, &rec->summary[i]) < 0)
			return -EINVAL;
	}
	return 0;
}

/*
 * The KEY=VALUE words after a device's code: from= and back= (each at
 * most once, a value not empty); other keys belong to a newer binder and
 * are skipped.  A word without '=' makes the line no device line.
 */
static int parse_device_extras(char *const w[], int n, struct gp_bind_status_rec *rec)
{
	int i;

	for (i = 0; i < n; i++) {
		const char *eq = strchr(w[i], '=');
		char *dst = NULL;

		if (!eq || eq == w[i])
			return -EINVAL;
		if (strncmp(w[i], "from=", 5) == 0)
			dst = rec->driver_before;
		else if (strncmp(w[i], "back=", 5) == 0)
			dst = rec->gave_back_to;
		if (!dst)
			continue;
		if (dst[0] || !eq[1] || copy_word(dst, eq + 1) < 0)
			return -EINVAL;
	}
	return 0;
}

static int parse_device(char *const w[WORDS_MAX], int n, struct gp_bind_status_rec *rec)
{
	int o;

	for (o = 0; o < 3; o++)
		if (strcmp(w[2], gp_bind_status_outcome_words[o]) == 0)
			break;
	if (n < 4 || o == 3)
		return -EINVAL;
	rec->kind = GP_BIND_STATUS_DEVICE;
	rec->outcome = (enum gp_bind_status_outcome)o;
	if (copy_word(rec->word[0], w[0]) < 0 || copy_word(rec->word[1], w[1]) < 0 ||
	    copy_word(rec->word[2], w[3]) < 0)
		return -EINVAL;
	return parse_device_extras(w + 4, n - 4, rec);
}

/* "line N duplicate ADDRESS first=M": words after "line". */
static int parse_duplicate(char *const w[WORDS_MAX], int n, struct gp_bind_status_rec *rec)
{
	unsigned long num;

	rec->kind = GP_BIND_STATUS_DUPLICATE;
	if (n != 5 || parse_count(w[1], &num) < 0 || strncmp(w[4], "first=", 6) != 0 ||
	    parse_count(w[4] + 6, &num) < 0)
		return -EINVAL;
	if (copy_word(rec->word[0], w[1]) < 0 || copy_word(rec->word[1], w[3]) < 0)
		return -EINVAL;
	return copy_word(rec->word[2], w[4] + 6);
}

/* One line, NUL-terminated without its newline, into @rec. */
static int parse_line(char *line, struct gp_bind_status_rec *rec)
{
	char *w[WORDS_MAX];
	unsigned long num;
	int n;

	memset(rec, 0, sizeof(*rec));
	n = split(line, w);
	if (n < 0)
		return -EINVAL;
	if (strcmp(w[0], "mode") == 0) {
		rec->kind = GP_BIND_STATUS_MODE;
		if (n < 2 || n > 3 || copy_word(rec->word[0], w[1]) < 0)
			return -EINVAL;
		return n == 3 ? copy_word(rec->word[1], w[2]) : 0;
	}
	if (strcmp(w[0], "line") == 0 && n >= 3 && strcmp(w[2], "duplicate") == 0)
		return parse_duplicate(w, n, rec);
	if (strcmp(w[0], "line") == 0) {
		rec->kind = GP_BIND_STATUS_INVALID;
		if (n != 4 || strcmp(w[2], "invalid") != 0 || parse_count(w[1], &num) < 0)
			return -EINVAL;
		return copy_word(rec->word[0], w[1]) < 0 ? -EINVAL : copy_word(rec->word[1], w[3]);
	}
	if (strcmp(w[0], "summary") == 0)
		return parse_summary(w, n, rec);
	if (n >= 3 && parse_device(w, n, rec) == 0)
		return 0;
	memset(rec, 0, sizeof(*rec));
	rec->kind = GP_BIND_STATUS_OTHER;
	return 0;
}

/* Is @s[0..@n) one well-formed line body: printable ASCII, not empty, not too long? */
static int line_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > GP_BIND_STATUS_LINE_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return 0;
	return 1;
}

static int parse_one(struct gp_bind_status *out, const char *s, size_t n)
{
	char line[GP_BIND_STATUS_LINE_MAX + 1];
	struct gp_bind_status_rec *rec;

	if (!line_ok(s, n))
		return -EINVAL;
	if (GP_ARRAY_GROW(out->rec, out->alloc, out->n + 1) < 0)
		return -ENOMEM;
	memcpy(line, s, n);
	line[n] = '\0';
	rec = &out->rec[out->n];
	if (parse_line(line, rec) < 0)
		return -EINVAL;
	if (rec->kind == GP_BIND_STATUS_OTHER) {
		/* The whole text, cut to one word's room. */
		size_t k = n < GP_BIND_STATUS_WORD_MAX - 1 ? n : GP_BIND_STATUS_WORD_MAX - 1;

		memcpy(rec->word[0], s, k);
		rec->word[0][k] = '\0';
	}
	out->n++;
	return 0;
}

int gp_bind_status_parse(const char *text, size_t len, struct gp_bind_status *out)
{
	size_t pos = 0;
	int r;

	memset(out, 0, sizeof(*out));
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);

		/* No newline: the binder was cut off mid-write, or this is not its file. */
		r = nl ? parse_one(out, text + pos, (size_t)(nl - (text + pos))) : -EINVAL;
		if (r < 0) {
			gp_bind_status_free(out);
			return r;
		}
		pos = (size_t)(nl - text) + 1;
	}
	return 0;
}

void gp_bind_status_free(struct gp_bind_status *st)
{
	free(st->rec);
	memset(st, 0, sizeof(*st));
}
