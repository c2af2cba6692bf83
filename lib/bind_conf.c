/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "bind_conf.h"
#include "pci_addr.h"

#include <errno.h>
#include <string.h>

/*
 * The binder has no gettext; the engine's front end translates these
 * strings where it shows them, so only the marker is needed here.
 */
#ifndef N_
#define N_(s) (s)
#endif

static const char *const error_codes[BIND_CONF_E_COUNT] = {
	[BIND_CONF_OK] = "ok",
	[BIND_CONF_E_CHARACTER] = "bad-character",
	[BIND_CONF_E_TOO_LONG] = "too-long",
	[BIND_CONF_E_ADDRESS] = "bad-address",
	[BIND_CONF_E_NO_ID] = "no-id",
	[BIND_CONF_E_ID] = "bad-id",
	[BIND_CONF_E_SUBSYSTEM] = "bad-subsystem",
	[BIND_CONF_E_CLASS] = "bad-class",
	[BIND_CONF_E_FIELD] = "unknown-field",
	[BIND_CONF_E_DUPLICATE] = "duplicate-field",
};

static const char *const error_texts[BIND_CONF_E_COUNT] = {
	[BIND_CONF_OK] = N_("no error"),
	[BIND_CONF_E_CHARACTER] = N_("unexpected control or non-ASCII byte (binary data?)"),
	[BIND_CONF_E_TOO_LONG] = N_("line too long"),
	[BIND_CONF_E_ADDRESS] = N_("first field is not a PCI address DOMAIN:BUS:DEVICE.FUNCTION"),
	[BIND_CONF_E_NO_ID] = N_("VENDOR:DEVICE missing after the address"),
	[BIND_CONF_E_ID] = N_("second field is not VENDOR:DEVICE (4 hex digits each)"),
	[BIND_CONF_E_SUBSYSTEM] = N_("subsystem= is not VENDOR:DEVICE (4 hex digits each)"),
	[BIND_CONF_E_CLASS] = N_("class= is not 0xCCSSPP (6 hex digits)"),
	[BIND_CONF_E_FIELD] = N_("unknown field (expected subsystem= or class=)"),
	[BIND_CONF_E_DUPLICATE] = N_("field given twice"),
};

const char *bind_conf_error_code(enum bind_conf_error err)
{
	if ((unsigned int)err >= BIND_CONF_E_COUNT)
		return "unknown";
	return error_codes[err];
}

const char *bind_conf_error_text(enum bind_conf_error err)
{
	if ((unsigned int)err >= BIND_CONF_E_COUNT)
		return N_("unknown error");
	return error_texts[err];
}

int bind_conf_hex(const char *s, size_t n, uint32_t *val)
{
	uint32_t v;

	if (n == 0 || gp_hex_n(s, n, &v) < 0)
		return -EINVAL;
	*val = v;
	return 0;
}

int bind_conf_parse_address(const char *s, size_t n, char out[BIND_CONF_ADDR_SIZE])
{
	struct gp_pci_addr a;
	size_t i;

	/* The full form only: the binder compares it with sysfs names. */
	if (gp_pci_addr_parse(s, n, 0, &a) < 0)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		char c = s[i];

		out[i] = (c >= 'A' && c <= 'F') ? (char)(c - 'A' + 'a') : c;
	}
	out[n] = '\0';
	return 0;
}

/* "VVVV:DDDD", exactly four digits each. */
static int parse_id_pair(const char *s, size_t n, uint16_t *a, uint16_t *b)
{
	uint32_t x, y;

	if (n != 9 || s[4] != ':')
		return -EINVAL;
	if (bind_conf_hex(s, 4, &x) < 0 || bind_conf_hex(s + 5, 4, &y) < 0)
		return -EINVAL;
	*a = (uint16_t)x;
	*b = (uint16_t)y;
	return 0;
}

/* "0xCCSSPP" as sysfs writes it; the prefix may be left out. */
static int parse_class(const char *s, size_t n, uint32_t *val)
{
	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		n -= 2;
	}
	if (n != 6)
		return -EINVAL;
	return bind_conf_hex(s, n, val);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* The next blank-separated field of [*pos, end): its start and length. */
static size_t next_field(const char **pos, const char *end, const char **field)
{
	const char *p = *pos, *start;

	while (p < end && is_blank(*p))
		p++;
	start = p;
	while (p < end && !is_blank(*p))
		p++;
	*field = start;
	*pos = p;
	return (size_t)(p - start);
}

static int field_is(const char *f, size_t n, const char *key, size_t klen)
{
	return n >= klen && memcmp(f, key, klen) == 0;
}

/*
 * One line without its newline.  Returns 1 and fills @e for an entry, 0
 * for a blank or comment line, or the positive error code negated.
 */
static int parse_line(const char *s, size_t n, struct bind_conf_entry *e)
{
	const char *hash = memchr(s, '#', n);
	const char *pos, *end, *f;
	size_t i, fn;

	if (hash)
		n = (size_t)(hash - s);
	if (n > BIND_CONF_LINE_MAX)
		return -BIND_CONF_E_TOO_LONG;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!is_blank((char)c) && (c < 0x21 || c > 0x7e))
			return -BIND_CONF_E_CHARACTER;
	}
	pos = s;
	end = s + n;

	fn = next_field(&pos, end, &f);
	if (fn == 0)
		return 0;
	if (fn >= BIND_CONF_ADDR_SIZE || bind_conf_parse_address(f, fn, e->address) < 0)
		return -BIND_CONF_E_ADDRESS;

	fn = next_field(&pos, end, &f);
	if (fn == 0)
		return -BIND_CONF_E_NO_ID;
	if (parse_id_pair(f, fn, &e->vendor, &e->device) < 0)
		return -BIND_CONF_E_ID;

	while ((fn = next_field(&pos, end, &f)) > 0) {
		if (field_is(f, fn, "subsystem=", 10)) {
			if (e->have & BIND_CONF_HAVE_SUBSYSTEM)
				return -BIND_CONF_E_DUPLICATE;
			if (parse_id_pair(f + 10, fn - 10, &e->subsystem_vendor,
					  &e->subsystem_device) < 0)
				return -BIND_CONF_E_SUBSYSTEM;
			e->have |= BIND_CONF_HAVE_SUBSYSTEM;
		} else if (field_is(f, fn, "class=", 6)) {
			if (e->have & BIND_CONF_HAVE_CLASS)
				return -BIND_CONF_E_DUPLICATE;
			if (parse_class(f + 6, fn - 6, &e->class_code) < 0)
				return -BIND_CONF_E_CLASS;
			e->have |= BIND_CONF_HAVE_CLASS;
		} else {
			return -BIND_CONF_E_FIELD;
		}
	}
	return 1;
}

int bind_conf_parse(const char *buf, size_t len, const struct bind_conf_ops *ops, void *ctx)
{
	unsigned int line = 0;
	size_t pos = 0;
	int entries = 0;

	while (pos < len) {
		const char *s = buf + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		struct bind_conf_entry e;
		int r;

		pos += n + (nl ? 1 : 0);
		line++;
		memset(&e, 0, sizeof(e));
		e.line = line;
		r = parse_line(s, n, &e);
		if (r == 0)
			continue;
		if (r < 0) {
			if (ops && ops->error) {
				int stop = ops->error(ctx, line, (enum bind_conf_error)-r);

				if (stop < 0)
					return stop;
			}
			continue;
		}
		if (entries < 0x7fffffff)
			entries++;
		if (ops && ops->entry) {
			int stop = ops->entry(ctx, &e);

			if (stop < 0)
				return stop;
		}
	}
	return entries;
}

static int count_error(void *ctx, unsigned int line, enum bind_conf_error err)
{
	unsigned int *errors = ctx;

	(void)line;
	(void)err;
	if (*errors < ~0u)
		(*errors)++;
	return 0;
}

unsigned int bind_conf_count(const char *buf, size_t len, unsigned int *errors)
{
	static const struct bind_conf_ops ops = { .error = count_error };
	unsigned int nerr = 0;
	int r = bind_conf_parse(buf, len, &ops, &nerr);

	if (errors)
		*errors = nerr;
	return r < 0 ? 0 : (unsigned int)r;
}

/* Append @n hex digits of @v, lower case, most significant first. */
static char *put_hex(char *p, uint32_t v, unsigned int n)
{
	static const char digits[] = "0123456789abcdef";

	while (n--)
		*p++ = digits[(v >> (4 * n)) & 0xf];
	return p;
}

int bind_conf_format(const struct bind_conf_entry *e, char *buf, size_t size)
{
	char line[BIND_CONF_FORMAT_SIZE], addr[BIND_CONF_ADDR_SIZE];
	const char *nul = memchr(e->address, '\0', sizeof(e->address));
	size_t alen, n;
	char *p = line;

	if (!nul)
		return -EINVAL;
	alen = (size_t)(nul - e->address);
	if (bind_conf_parse_address(e->address, alen, addr) < 0)
		return -EINVAL;
	if ((e->have & BIND_CONF_HAVE_CLASS) && e->class_code > 0xffffff)
		return -EINVAL;
	memcpy(p, addr, alen);
	p += alen;
	*p++ = ' ';
	p = put_hex(p, e->vendor, 4);
	*p++ = ':';
	p = put_hex(p, e->device, 4);
	if (e->have & BIND_CONF_HAVE_SUBSYSTEM) {
		memcpy(p, " subsystem=", 11);
		p = put_hex(p + 11, e->subsystem_vendor, 4);
		*p++ = ':';
		p = put_hex(p, e->subsystem_device, 4);
	}
	if (e->have & BIND_CONF_HAVE_CLASS) {
		memcpy(p, " class=0x", 9);
		p = put_hex(p + 9, e->class_code, 6);
	}
	*p++ = '\n';
	n = (size_t)(p - line);
	if (n + 1 > size)
		return -ENOSPC;
	memcpy(buf, line, n);
	buf[n] = '\0';
	return (int)n;
}
