/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inventories of thousands of functions make megabytes of JSON: text goes
 * out in runs, not characters, and through the unlocked stdio calls (the
 * writer is the FILE's only user while it writes).
 */
#include "json.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "report.h"
#include "strbuf.h"

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

/* --- report items ------------------------------------------------------------ */

static const char *const severity_names[] = {
	[GP_SEV_OK] = "ok", [GP_SEV_INFO] = "info", [GP_SEV_NOTE] = "note",
	[GP_SEV_WARN] = "warn", [GP_SEV_FAIL] = "fail", [GP_SEV_UNKNOWN] = "unknown",
};

static const char *const role_names[] = {
	[GP_ROLE_SUMMARY] = "summary", [GP_ROLE_DETAIL] = "detail",
	[GP_ROLE_FIX] = "fix", [GP_ROLE_NOTE] = "note",
};

static const char *code_name(long long code)
{
	const struct gp_msg_info *info = gp_msg_info((enum gp_msg)code);

	return info ? info->name : NULL;
}

static void json_arg(struct gp_json *j, const struct gp_report_arg *a)
{
	const char *name;

	switch (a->type) {
	case GP_ARG_STR:
	case GP_ARG_PATH:
	case GP_ARG_ADDR:
	case GP_ARG_MSGID:
		gp_json_string(j, NULL, a->v.s);
		return;
	case GP_ARG_INT:
		gp_json_int(j, NULL, a->v.i);
		return;
	case GP_ARG_UINT:
	case GP_ARG_BYTES:
		gp_json_uint(j, NULL, a->v.u);
		return;
	case GP_ARG_ERRNO:
		name = a->v.i ? strerrorname_np((int)(a->v.i < 0 ? -a->v.i : a->v.i)) : NULL;
		gp_json_string(j, NULL, a->v.i ? (name ? name : "EUNKNOWN") : NULL);
		return;
	case GP_ARG_MSG:
	case GP_ARG_MSG_INT:
		gp_json_string(j, NULL, code_name(a->v.i));
		return;
	}
	gp_json_null(j, NULL);
}

/* The text of a line item without its indent and its newline. */
static const char *line_text(struct gp_strbuf *sb)
{
	const char *s;

	while (sb->len && sb->buf[sb->len - 1] == '\n')
		sb->buf[--sb->len] = '\0';
	for (s = gp_strbuf_str(sb); *s == ' '; s++)
		;
	return s;
}

int gp_json_report_item(struct gp_json *j, const char *section, const struct gp_report_item *it)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;
	unsigned i;
	int r;

	r = gp_report_format(it, 0, &sb);
	if (r == 0 && sb.err)
		r = sb.err;
	gp_json_object_open(j, NULL);
	if (section)
		gp_json_string(j, "section", section);
	gp_json_string(j, "code", code_name(it->code));
	gp_json_string(j, "severity", (unsigned)it->sev < 6 ? severity_names[it->sev] : NULL);
	gp_json_string(j, "role", (unsigned)it->role < 4 ? role_names[it->role] : NULL);
	gp_json_string(j, "text", r == 0 ? line_text(&sb) : NULL);
	gp_json_array_open(j, "args");
	for (i = 0; i < it->n_args; i++)
		json_arg(j, &it->arg[i]);
	gp_json_array_close(j);
	gp_json_object_close(j);
	gp_strbuf_release(&sb);
	return r;
}
