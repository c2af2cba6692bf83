/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * report — what the engine has to say, as codes with typed arguments.
 *
 * The engine never words anything itself into a terminal: it adds items
 * (a message code, its arguments, a severity, what it is about) to a
 * struct gp_report.  Front ends (CLI text, CLI JSON, the wizard) render
 * the same items with gp_report_format(), translated or as the English
 * msgid.  Every code (messages.h) has exactly one entry in the message
 * table (messages.c): its stable machine name, its N_() format, an
 * optional plural format and the types of its arguments.
 */
#ifndef GP_REPORT_H
#define GP_REPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "messages.h"
#include "strbuf.h"

/* What part of a topic an item is. */
enum gp_item_role {
	GP_ROLE_SUMMARY = 0,  /* the one line that says the state */
	GP_ROLE_DETAIL,       /* evidence behind the summary */
	GP_ROLE_FIX,          /* what to do about it */
	GP_ROLE_NOTE,         /* anything else worth reading */
};

/* One argument; a string argument owns its copy. */
struct gp_report_arg {
	enum gp_arg_type type;
	union {
		char *s;              /* STR, PATH, ADDR */
		long long i;          /* INT, ERRNO, MSG */
		unsigned long long u; /* UINT, BYTES */
	} v;
	long long n;              /* MSG_INT: the inner code's argument */
};

/* One thing said. */
struct gp_report_item {
	enum gp_msg code;
	enum gp_severity sev;
	int topic;                /* e.g. an enum gp_check_item; -1 for none */
	enum gp_item_role role;
	unsigned n_args;
	struct gp_report_arg arg[GP_REPORT_MAX_ARGS];
};

/* A list of items, in the order they were added. */
struct gp_report {
	struct gp_report_item *item;
	size_t n, alloc;
};

#define GP_REPORT_INIT { NULL, 0, 0 }

/**
 * gp_report_add - append an item of @code with the table's severity.
 * The varargs are read by the table's argument types for @code (see
 * enum gp_arg_type for what to pass).  Returns 0, -EINVAL (unknown code)
 * or -ENOMEM (the report is unchanged).
 */
int gp_report_add(struct gp_report *r, int topic, enum gp_item_role role,
		  enum gp_msg code, ...);

/** gp_report_add_sev - gp_report_add() with the severity @sev. */
int gp_report_add_sev(struct gp_report *r, enum gp_severity sev, int topic,
		      enum gp_item_role role, enum gp_msg code, ...);

/** gp_report_vadd - gp_report_add_sev() with a va_list. */
int gp_report_vadd(struct gp_report *r, enum gp_severity sev, int topic,
		   enum gp_item_role role, enum gp_msg code, va_list ap);

/**
 * gp_report_find - the first item at or after index @from with @topic and
 * @role; its index, or -1.  A loop walks all: i = find(r, t, role, i + 1).
 */
long gp_report_find(const struct gp_report *r, size_t from, int topic,
		    enum gp_item_role role);

/** gp_report_free - free every item's strings and the list; @r is empty after. */
void gp_report_free(struct gp_report *r);

/**
 * gp_report_format - append the text of @it to @out: its format (the
 * plural one where the table says so) with each conversion filled from
 * the argument of the matching type.  @translate 0 keeps the English
 * msgid (for JSON), 1 translates through gettext (GP_ARG_MSG arguments
 * follow the same choice).  Returns 0, -EINVAL (a format and the
 * argument types disagree) or -ENOMEM.
 */
int gp_report_format(const struct gp_report_item *it, int translate, struct gp_strbuf *out);

/**
 * gp_report_format_all - append every item of @r with gp_report_format(),
 * in order, for reports whose items are whole lines (--status, recovery).
 * Returns 0 or the first error.
 */
int gp_report_format_all(const struct gp_report *r, int translate, struct gp_strbuf *out);

/**
 * gp_report_check_format - 0 when every conversion of @fmt (%s %d %i %u
 * %lu %zu %%, positional %N$ forms, flags and widths) names one of the
 * @n_args arguments of @type with a kind it can render, and, if
 * @use_all, every argument is used; -EINVAL otherwise.  For the tests.
 */
int gp_report_check_format(const char *fmt, unsigned n_args, const enum gp_arg_type *type,
			   int use_all);

/** gp_format_bytes - append @bytes for people ("512 B", "12.3 GiB"). 0 or -ENOMEM. */
int gp_format_bytes(struct gp_strbuf *out, uint64_t bytes);

#endif /* GP_REPORT_H */
