/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "json.h"

#include <inttypes.h>

static void indent(struct gp_json *j)
{
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->out);
}

static void put_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', out);
	for (; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

/* Separator, newline and indent before a value; then the key if any. */
static void member(struct gp_json *j, const char *key)
{
	if (j->depth > 0) {
		if (j->count[j->depth]++)
			fputc(',', j->out);
		fputc('\n', j->out);
		indent(j);
	}
	if (key) {
		put_string(j->out, key);
		fputs(": ", j->out);
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
	fputc('\n', j->out);
}

static void open_(struct gp_json *j, const char *key, char c)
{
	member(j, key);
	fputc(c, j->out);
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
		fputc('\n', j->out);
		indent(j);
	}
	fputc(c, j->out);
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
		fputs("null", j->out);
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
	fputs(val ? "true" : "false", j->out);
}

void gp_json_null(struct gp_json *j, const char *key)
{
	member(j, key);
	fputs("null", j->out);
}
