/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inventories of thousands of functions make megabytes of JSON: text goes
 * out in runs, not characters, and through the unlocked stdio calls (the
 * writer is the FILE's only user while it writes).
 */
#include "json.h"

#include <inttypes.h>

static void put_raw(FILE *out, const char *s, size_t n)
{
	fwrite_unlocked(s, 1, n, out);
}

static void indent(struct gp_json *j)
{
	/* Two spaces a level; depth stays below GP_JSON_MAX_DEPTH. */
	static const char spaces[2 * GP_JSON_MAX_DEPTH] =
		"                                                                ";

	put_raw(j->out, spaces, 2 * (size_t)j->depth);
}

static void put_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc_unlocked('"', out);
	while (*p) {
		const unsigned char *run = p;

		while (*p >= 0x20 && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			put_raw(out, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		switch (*p) {
		case '"': put_raw(out, "\\\"", 2); break;
		case '\\': put_raw(out, "\\\\", 2); break;
		case '\n': put_raw(out, "\\n", 2); break;
		case '\r': put_raw(out, "\\r", 2); break;
		case '\t': put_raw(out, "\\t", 2); break;
		default: fprintf(out, "\\u%04x", *p);
		}
		p++;
	}
	fputc_unlocked('"', out);
}

/* Separator, newline and indent before a value; then the key if any. */
static void member(struct gp_json *j, const char *key)
{
	if (j->depth > 0) {
		if (j->count[j->depth]++)
			fputc_unlocked(',', j->out);
		fputc_unlocked('\n', j->out);
		indent(j);
	}
	if (key) {
		put_string(j->out, key);
		put_raw(j->out, ": ", 2);
	}
}

void gp_json_init(struct gp_json *j, FILE *out)
{
	j->out = out;
	j->depth = 0;
	j->count[0] = 0;
}

void gp_json_finish(struct gp_json *j)
{
	fputc_unlocked('\n', j->out);
}

static void open_(struct gp_json *j, const char *key, char c)
{
	member(j, key);
	fputc_unlocked(c, j->out);
	if (j->depth + 1 < GP_JSON_MAX_DEPTH)
		j->depth++;
	j->count[j->depth] = 0;
}

static void close_(struct gp_json *j, char c)
{
	int had = j->count[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had) {
		fputc_unlocked('\n', j->out);
		indent(j);
	}
	fputc_unlocked(c, j->out);
}

void gp_json_object_open(struct gp_json *j, const char *key) { open_(j, key, '{'); }
void gp_json_object_close(struct gp_json *j) { close_(j, '}'); }
void gp_json_array_open(struct gp_json *j, const char *key) { open_(j, key, '['); }
void gp_json_array_close(struct gp_json *j) { close_(j, ']'); }

void gp_json_string(struct gp_json *j, const char *key, const char *val)
{
	member(j, key);
	if (val)
		put_string(j->out, val);
	else
		fputs_unlocked("null", j->out);
}

void gp_json_int(struct gp_json *j, const char *key, long long val)
{
	member(j, key);
	fprintf(j->out, "%lld", val);
}

void gp_json_uint(struct gp_json *j, const char *key, uint64_t val)
{
	member(j, key);
	fprintf(j->out, "%" PRIu64, val);
}

void gp_json_bool(struct gp_json *j, const char *key, int val)
{
	member(j, key);
	fputs_unlocked(val ? "true" : "false", j->out);
}

void gp_json_null(struct gp_json *j, const char *key)
{
	member(j, key);
	fputs_unlocked("null", j->out);
}
