/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness: bind.conf (lib/bind_conf.c), the one parser the
 * setup program and the boot binder share.
 *
 * Checks what the header promises: any bytes give per-line results in file
 * order, bind_conf_count() agrees with bind_conf_parse(), every entry and
 * error names a line of the file, the error codes have their token and
 * text, and an entry written back by bind_conf_format() parses to the same
 * entry.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bind_conf.h"

struct seen {
	size_t lines;
	unsigned int last_line, entries, errors;
};

static int same(const struct bind_conf_entry *a, const struct bind_conf_entry *b)
{
	return strcmp(a->address, b->address) == 0 && a->have == b->have &&
	       a->vendor == b->vendor && a->device == b->device &&
	       (!(a->have & BIND_CONF_HAVE_SUBSYSTEM) ||
		(a->subsystem_vendor == b->subsystem_vendor &&
		 a->subsystem_device == b->subsystem_device)) &&
	       (!(a->have & BIND_CONF_HAVE_CLASS) || a->class_code == b->class_code);
}

static int back_entry(void *ctx, const struct bind_conf_entry *e)
{
	struct bind_conf_entry *got = ctx;

	*got = *e;
	return 0;
}

static int back_error(void *ctx, unsigned int line, enum bind_conf_error err)
{
	(void)ctx;
	(void)line;
	(void)err;
	abort();        /* a line we wrote is refused */
}

static void in_order(struct seen *s, unsigned int line)
{
	if (line == 0 || line > s->lines || line < s->last_line)
		abort();
	s->last_line = line;
}

static int on_entry(void *ctx, const struct bind_conf_entry *e)
{
	static const struct bind_conf_ops back = { back_entry, back_error };
	struct seen *s = ctx;
	struct bind_conf_entry got;
	char line[BIND_CONF_FORMAT_SIZE];
	int n;

	in_order(s, e->line);
	s->entries++;
	if (!memchr(e->address, '\0', sizeof(e->address)))
		abort();
	n = bind_conf_format(e, line, sizeof(line));
	if (n <= 0 || (size_t)n != strlen(line) || line[n - 1] != '\n')
		abort();
	memset(&got, 0, sizeof(got));
	if (bind_conf_parse(line, (size_t)n, &back, &got) != 1 || !same(e, &got))
		abort();
	return 0;
}

static int on_error(void *ctx, unsigned int line, enum bind_conf_error err)
{
	struct seen *s = ctx;

	in_order(s, line);
	s->errors++;
	if (err <= BIND_CONF_OK || err >= BIND_CONF_E_COUNT ||
	    strcmp(bind_conf_error_code(err), "unknown") == 0 || !*bind_conf_error_text(err))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct bind_conf_ops ops = { on_entry, on_error };
	struct seen s = { 1, 0, 0, 0 };
	unsigned int errors = 0, count;
	size_t i;
	int r;

	for (i = 0; i < size; i++)
		s.lines += data[i] == '\n';
	r = bind_conf_parse((const char *)data, size, &ops, &s);
	count = bind_conf_count((const char *)data, size, &errors);
	if (r < 0 || (unsigned int)r != s.entries || count != s.entries || errors != s.errors)
		abort();
	return 0;
}
