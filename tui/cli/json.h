/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * json — a small streaming JSON writer for the front end's --json output.
 * Pretty-printed, two-space indent, keys in the order written, so golden
 * files are stable.  Strings are escaped per RFC 8259.
 */
#ifndef GP_JSON_H
#define GP_JSON_H

#include <stdint.h>
#include <stdio.h>

#define GP_JSON_MAX_DEPTH 32

/** Writer state; members are private. */
struct gp_json {
	FILE *out;
	int depth;
	int count[GP_JSON_MAX_DEPTH];
};

/** gp_json_init - start a document written to @out. */
void gp_json_init(struct gp_json *j, FILE *out);

/** gp_json_finish - end the document (a final newline). */
void gp_json_finish(struct gp_json *j);

/**
 * gp_json_object_open - open an object.
 * @key: its member name inside an object; NULL at the top or in an array.
 */
void gp_json_object_open(struct gp_json *j, const char *key);
/** gp_json_object_close - close the innermost object. */
void gp_json_object_close(struct gp_json *j);
/** gp_json_array_open - open an array (@key as for objects). */
void gp_json_array_open(struct gp_json *j, const char *key);
/** gp_json_array_close - close the innermost array. */
void gp_json_array_close(struct gp_json *j);

/** gp_json_string - a string member or element; @val NULL writes null. */
void gp_json_string(struct gp_json *j, const char *key, const char *val);
/** gp_json_int - a signed integer. */
void gp_json_int(struct gp_json *j, const char *key, long long val);
/** gp_json_uint - an unsigned integer. */
void gp_json_uint(struct gp_json *j, const char *key, uint64_t val);
/** gp_json_bool - true or false. */
void gp_json_bool(struct gp_json *j, const char *key, int val);
/** gp_json_null - null. */
void gp_json_null(struct gp_json *j, const char *key);

struct gp_report_item;

/**
 * gp_json_report_item - one report item as an object (an array element):
 * "section" (@section, left out when NULL), "code" (its stable name),
 * "severity" (ok, info, note, warn, fail, unknown), "role" (summary,
 * detail, fix, note), "text" (the English msgid filled in, without the
 * indent and newline of a line) and "args" (its arguments as JSON values:
 * numbers, strings, an errno as its name, a message argument as its
 * code's name).  Returns 0, or -ENOMEM / -EINVAL of formatting the text
 * (then "text" is null).
 */
int gp_json_report_item(struct gp_json *j, const char *section, const struct gp_report_item *it);

#endif
