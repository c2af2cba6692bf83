/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bind.conf parser: valid lines, every error kind, and inputs meant to
 * break it.  Every input is copied to a buffer of exactly its size, so
 * valgrind catches a read past the end.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bind_conf.h"

#define MAX_SEEN 64

struct seen {
	int entries, errors;
	struct bind_conf_entry entry[MAX_SEEN];
	unsigned int err_line[MAX_SEEN];
	enum bind_conf_error err[MAX_SEEN];
	int stop_after; /* stop (-ECANCELED) after this many callbacks; 0: never */
	int calls;
};

static int on_entry(void *ctx, const struct bind_conf_entry *e)
{
	struct seen *s = ctx;

	if (s->entries < MAX_SEEN)
		s->entry[s->entries] = *e;
	s->entries++;
	if (s->stop_after && ++s->calls >= s->stop_after)
		return -ECANCELED;
	return 0;
}

static int on_error(void *ctx, unsigned int line, enum bind_conf_error err)
{
	struct seen *s = ctx;

	if (s->errors < MAX_SEEN) {
		s->err_line[s->errors] = line;
		s->err[s->errors] = err;
	}
	s->errors++;
	if (s->stop_after && ++s->calls >= s->stop_after)
		return -ECANCELED;
	return 0;
}

static const struct bind_conf_ops ops = { .entry = on_entry, .error = on_error };

/* Parse @len bytes of @text from an exact-size heap copy. */
static int parse_n(const char *text, size_t len, struct seen *s)
{
	char *buf = malloc(len ? len : 1);
	int r;

	assert_non_null(buf);
	memcpy(buf, text, len);
	r = bind_conf_parse(buf, len, &ops, s);
	free(buf);
	return r;
}

static int parse(const char *text, struct seen *s)
{
	memset(s, 0, sizeof(*s));
	return parse_n(text, strlen(text), s);
}

/* @line alone must be rejected with @want. */
static void assert_rejected(const char *line, enum bind_conf_error want)
{
	struct seen s;

	assert_int_equal(parse(line, &s), 0);
	assert_int_equal(s.entries, 0);
	assert_int_equal(s.errors, 1);
	assert_int_equal(s.err_line[0], 1);
	assert_int_equal(s.err[0], want);
}

static void test_valid_lines(void **state)
{
	struct seen s;
	const struct bind_conf_entry *e;

	(void)state;
	assert_int_equal(parse("# ADDRESS VENDOR:DEVICE\n"
			       "0000:01:00.0    10de:24b0      subsystem=10de:14ad   class=0x030000\n"
			       "\n"
			       "   0000:01:00.1\t10DE:228B   # the audio function\r\n"
			       "ABCD:EF:1F.7 FFFF:0000 class=0C0330 subsystem=1AF4:1100\n"
			       "10000:00:02.0 8086:201d", &s), 4);
	assert_int_equal(s.errors, 0);

	e = &s.entry[0];
	assert_string_equal(e->address, "0000:01:00.0");
	assert_int_equal(e->line, 2);
	assert_int_equal(e->vendor, 0x10de);
	assert_int_equal(e->device, 0x24b0);
	assert_int_equal(e->have, BIND_CONF_HAVE_SUBSYSTEM | BIND_CONF_HAVE_CLASS);
	assert_int_equal(e->subsystem_vendor, 0x10de);
	assert_int_equal(e->subsystem_device, 0x14ad);
	assert_int_equal(e->class_code, 0x030000);

	e = &s.entry[1];
	assert_string_equal(e->address, "0000:01:00.1");
	assert_int_equal(e->line, 4);
	assert_int_equal(e->vendor, 0x10de);
	assert_int_equal(e->device, 0x228b);
	assert_int_equal(e->have, 0);

	e = &s.entry[2];
	assert_string_equal(e->address, "abcd:ef:1f.7"); /* lower case, as sysfs */
	assert_int_equal(e->vendor, 0xffff);
	assert_int_equal(e->device, 0);
	assert_int_equal(e->class_code, 0x0c0330);
	assert_int_equal(e->subsystem_vendor, 0x1af4);
	assert_int_equal(e->subsystem_device, 0x1100);

	/* Intel VMD domains have five digits; no final newline. */
	e = &s.entry[3];
	assert_string_equal(e->address, "10000:00:02.0");
	assert_int_equal(e->line, 6);
}

static void test_blank_and_comments(void **state)
{
	struct seen s;
	char comment[2000];

	(void)state;
	assert_int_equal(parse("", &s), 0);
	assert_int_equal(parse("\n\n\r\n \t\v\f\n", &s), 0);
	assert_int_equal(s.errors, 0);
	assert_int_equal(parse("#\n# 0000:01:00.0 10de:24b0\n   # x\n#\0", &s), 0);
	assert_int_equal(s.errors, 0);

	/* A long comment is harmless; so are control bytes inside it. */
	memset(comment, 'x', sizeof(comment) - 1);
	comment[0] = '#';
	comment[5] = '\x01';
	comment[6] = '\xff';
	comment[sizeof(comment) - 1] = '\0';
	assert_int_equal(parse(comment, &s), 0);
	assert_int_equal(s.errors, 0);
	assert_int_equal(bind_conf_count(comment, strlen(comment), NULL), 0);
}

static void test_error_address(void **state)
{
	(void)state;
	assert_rejected("01:00.0 10de:24b0", BIND_CONF_E_ADDRESS);
	assert_rejected("000:01:00.0 10de:24b0", BIND_CONF_E_ADDRESS);
	assert_rejected("000000000:01:00.0 10de:24b0", BIND_CONF_E_ADDRESS);
	assert_rejected("0000:01:20.0 10de:24b0", BIND_CONF_E_ADDRESS); /* device > 1f */
	assert_rejected("0000:01:00.8 10de:24b0", BIND_CONF_E_ADDRESS); /* function > 7 */
	assert_rejected("0000:1:00.0 10de:24b0", BIND_CONF_E_ADDRESS);
	assert_rejected("0000:01:00:0 10de:24b0", BIND_CONF_E_ADDRESS);
	assert_rejected("0000:0g:00.0 10de:24b0", BIND_CONF_E_ADDRESS);
	assert_rejected("0000-01-00.0 10de:24b0", BIND_CONF_E_ADDRESS);
	assert_rejected("0000:01:00.0x 10de:24b0", BIND_CONF_E_ADDRESS);
	assert_rejected(":::::::::::: 10de:24b0", BIND_CONF_E_ADDRESS);
	assert_rejected("subsystem=10de:14ad", BIND_CONF_E_ADDRESS);
	assert_rejected("0000:01:00.0:10de:24b0", BIND_CONF_E_ADDRESS);
}

static void test_error_ids_and_fields(void **state)
{
	(void)state;
	assert_rejected("0000:01:00.0", BIND_CONF_E_NO_ID);
	assert_rejected("0000:01:00.0   # 10de:24b0", BIND_CONF_E_NO_ID);
	assert_rejected("0000:01:00.0 10de:24b", BIND_CONF_E_ID);
	assert_rejected("0000:01:00.0 10de-24b0", BIND_CONF_E_ID);
	assert_rejected("0000:01:00.0 10de:24b0x", BIND_CONF_E_ID);
	assert_rejected("0000:01:00.0 0x10de:0x24b0", BIND_CONF_E_ID);
	assert_rejected("0000:01:00.0 -10d:24b0", BIND_CONF_E_ID);
	assert_rejected("0000:01:00.0 10de:24b0 subsystem=", BIND_CONF_E_SUBSYSTEM);
	assert_rejected("0000:01:00.0 10de:24b0 subsystem=10de", BIND_CONF_E_SUBSYSTEM);
	assert_rejected("0000:01:00.0 10de:24b0 subsystem=10de:14ad:1", BIND_CONF_E_SUBSYSTEM);
	assert_rejected("0000:01:00.0 10de:24b0 class=", BIND_CONF_E_CLASS);
	assert_rejected("0000:01:00.0 10de:24b0 class=0x", BIND_CONF_E_CLASS);
	assert_rejected("0000:01:00.0 10de:24b0 class=0x03000", BIND_CONF_E_CLASS);
	assert_rejected("0000:01:00.0 10de:24b0 class=0x0300000", BIND_CONF_E_CLASS);
	assert_rejected("0000:01:00.0 10de:24b0 class=0x03000g", BIND_CONF_E_CLASS);
	assert_rejected("0000:01:00.0 10de:24b0 vendor=10de", BIND_CONF_E_FIELD);
	assert_rejected("0000:01:00.0 10de:24b0 subsystem", BIND_CONF_E_FIELD);
	assert_rejected("0000:01:00.0 10de:24b0 Class=0x030000", BIND_CONF_E_FIELD);
	assert_rejected("0000:01:00.0 10de:24b0 10de:24b0", BIND_CONF_E_FIELD);
	assert_rejected("0000:01:00.0 10de:24b0 class=0x030000 class=0x030000",
			BIND_CONF_E_DUPLICATE);
	assert_rejected("0000:01:00.0 10de:24b0 subsystem=1:2 subsystem=1:2",
			BIND_CONF_E_SUBSYSTEM);
	assert_rejected("0000:01:00.0 10de:24b0 subsystem=0001:0002 subsystem=0001:0002",
			BIND_CONF_E_DUPLICATE);
}

static void test_error_bytes(void **state)
{
	static const char nul_line[] = "0000:01:00.0\0 10de:24b0\n";
	char big[BIND_CONF_LINE_MAX + 2];
	struct seen s;

	(void)state;
	assert_rejected("0000:01:00.0 10de:24b0 \x01", BIND_CONF_E_CHARACTER);
	assert_rejected("0000:01:00.0 10de:24b0\x7f", BIND_CONF_E_CHARACTER);
	assert_rejected("0000:01:00.0 10de:24b0 \xc3\xa9", BIND_CONF_E_CHARACTER);
	assert_rejected("\x1b[31m0000:01:00.0 10de:24b0", BIND_CONF_E_CHARACTER);

	/* A NUL inside a line, handed over with its real length. */
	memset(&s, 0, sizeof(s));
	assert_int_equal(parse_n(nul_line, sizeof(nul_line) - 1, &s), 0);
	assert_int_equal(s.errors, 1);
	assert_int_equal(s.err[0], BIND_CONF_E_CHARACTER);

	/* The limit: BIND_CONF_LINE_MAX bytes pass, one more does not. */
	memset(big, ' ', sizeof(big));
	memcpy(big, "0000:01:00.0 10de:24b0", 22);
	big[BIND_CONF_LINE_MAX] = '\0';
	assert_int_equal(parse(big, &s), 1);
	big[BIND_CONF_LINE_MAX] = ' ';
	big[BIND_CONF_LINE_MAX + 1] = '\0';
	assert_rejected(big, BIND_CONF_E_TOO_LONG);
}

static void test_line_numbers_and_recovery(void **state)
{
	struct seen s;

	(void)state;
	/* Bad lines do not disturb good ones; CR LF, CR alone, no final newline. */
	assert_int_equal(parse("garbage\r\n"
			       "0000:01:00.0 10de:24b0\r\n"
			       "\r\n"
			       "0000:01:00.1\n"
			       "# comment\n"
			       "0000:02:00.0 1002:73bf class=0x030000 bogus=1\n"
			       "0000:02:00.1 1002:ab28\r", &s), 2);
	assert_int_equal(s.errors, 3);
	assert_int_equal(s.err_line[0], 1);
	assert_int_equal(s.err[0], BIND_CONF_E_ADDRESS);
	assert_int_equal(s.err_line[1], 4);
	assert_int_equal(s.err[1], BIND_CONF_E_NO_ID);
	assert_int_equal(s.err_line[2], 6);
	assert_int_equal(s.err[2], BIND_CONF_E_FIELD);
	assert_int_equal(s.entry[0].line, 2);
	assert_int_equal(s.entry[1].line, 7);
	assert_string_equal(s.entry[1].address, "0000:02:00.1");
}

static void test_callbacks_stop(void **state)
{
	const char *text = "x\n0000:01:00.0 10de:24b0\n0000:01:00.1 10de:228b\ny\n";
	struct seen s;
	unsigned int errors = 99;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.stop_after = 2;
	assert_int_equal(parse_n(text, strlen(text), &s), -ECANCELED);
	assert_int_equal(s.errors, 1);
	assert_int_equal(s.entries, 1);

	/* NULL ops and NULL members just count. */
	assert_int_equal(bind_conf_parse(text, strlen(text), NULL, NULL), 2);
	assert_int_equal(bind_conf_count(text, strlen(text), &errors), 2);
	assert_int_equal(errors, 2);
	assert_int_equal(bind_conf_count(text, 0, &errors), 0);
	assert_int_equal(errors, 0);
}

static void test_huge_inputs(void **state)
{
	size_t len = 1 << 20;
	char *buf = malloc(len);
	unsigned int errors;

	(void)state;
	assert_non_null(buf);
	/* One endless line, no newline anywhere. */
	memset(buf, 'a', len);
	assert_int_equal(bind_conf_count(buf, len, &errors), 0);
	assert_int_equal(errors, 1);
	/* A million empty lines. */
	memset(buf, '\n', len);
	assert_int_equal(bind_conf_count(buf, len, &errors), 0);
	assert_int_equal(errors, 0);
	/* A million NULs: one line, one error. */
	memset(buf, '\0', len);
	assert_int_equal(bind_conf_count(buf, len, &errors), 0);
	assert_int_equal(errors, 1);
	/* An endless field inside a short-looking line. */
	memset(buf, '0', len);
	memcpy(buf, "0000:01:00.0 ", 13);
	buf[BIND_CONF_LINE_MAX - 1] = '\n';
	assert_int_equal(bind_conf_count(buf, len, &errors), 0);
	assert_int_equal(errors, 2); /* bad-id, then too-long */
	free(buf);
}

/* Deterministic pseudo-random bytes, the same on every run. */
static uint32_t rnd(uint32_t *x)
{
	*x = *x * 1103515245u + 12345u;
	return *x >> 16;
}

static int roundtrip(void *ctx, const struct bind_conf_entry *e)
{
	char line[BIND_CONF_FORMAT_SIZE];
	struct seen s;
	int n;

	(void)ctx;
	n = bind_conf_format(e, line, sizeof(line));
	assert_true(n > 0);
	memset(&s, 0, sizeof(s));
	assert_int_equal(parse_n(line, (size_t)n, &s), 1);
	assert_string_equal(s.entry[0].address, e->address);
	assert_int_equal(s.entry[0].vendor, e->vendor);
	assert_int_equal(s.entry[0].device, e->device);
	assert_int_equal(s.entry[0].have, e->have);
	return 0;
}

static void test_random_bytes(void **state)
{
	/* Bytes drawn mostly from the alphabet of the format, so some lines pass. */
	static const char alphabet[] = "0123456789abcdefABCDEF:.=# \t\r\n\n\nxsubsystemclass\0\x80\xff";
	static const struct bind_conf_ops rt = { .entry = roundtrip };
	uint32_t x = 42;
	int round;

	(void)state;
	for (round = 0; round < 3000; round++) {
		size_t len = rnd(&x) % 400, i, lines = 1;
		char *buf = malloc(len ? len : 1);
		unsigned int errors;
		unsigned int entries;

		assert_non_null(buf);
		for (i = 0; i < len; i++) {
			uint32_t r = rnd(&x);

			buf[i] = (r & 0x100) ? (char)(r & 0xff)
					     : alphabet[r % (sizeof(alphabet) - 1)];
			lines += buf[i] == '\n';
		}
		entries = bind_conf_count(buf, len, &errors);
		assert_true(entries + errors <= lines);
		assert_int_equal(bind_conf_parse(buf, len, &rt, NULL), (int)entries);
		free(buf);
	}
}

static void test_random_valid(void **state)
{
	static const struct bind_conf_ops rt = { .entry = roundtrip };
	char text[BIND_CONF_FORMAT_SIZE * 8];
	struct bind_conf_entry e;
	uint32_t x = 7;
	int round, k;

	(void)state;
	for (round = 0; round < 500; round++) {
		size_t len = 0;

		for (k = 0; k < 8; k++) {
			static const char hex[] = "0123456789abcdef";
			int n;

			memset(&e, 0, sizeof(e));
			memcpy(e.address, "0000:00:00.0", 13);
			e.address[1] = hex[rnd(&x) % 16];
			e.address[5] = hex[rnd(&x) % 16];
			e.address[6] = hex[rnd(&x) % 16];
			e.address[8] = hex[rnd(&x) % 2];
			e.address[9] = hex[rnd(&x) % 16];
			e.address[11] = (char)('0' + rnd(&x) % 8);
			e.vendor = (uint16_t)rnd(&x);
			e.device = (uint16_t)rnd(&x);
			e.have = rnd(&x) % 4;
			e.subsystem_vendor = (uint16_t)rnd(&x);
			e.subsystem_device = (uint16_t)rnd(&x);
			e.class_code = rnd(&x) & 0xffffff;
			n = bind_conf_format(&e, text + len, sizeof(text) - len);
			assert_true(n > 0);
			len += (size_t)n;
		}
		assert_int_equal(bind_conf_parse(text, len, &rt, NULL), 8);
	}
}

static void test_format(void **state)
{
	struct bind_conf_entry e;
	char buf[BIND_CONF_FORMAT_SIZE];
	size_t size;
	int n;

	(void)state;
	memset(&e, 0, sizeof(e));
	memcpy(e.address, "0000:01:00.0", 13);
	e.vendor = 0x10de;
	e.device = 0x24b0;
	n = bind_conf_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "0000:01:00.0 10de:24b0\n");
	assert_int_equal(n, 23);

	e.have = BIND_CONF_HAVE_SUBSYSTEM | BIND_CONF_HAVE_CLASS;
	e.subsystem_vendor = 0x10de;
	e.subsystem_device = 0x14ad;
	e.class_code = 0x030000;
	n = bind_conf_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "0000:01:00.0 10de:24b0 subsystem=10de:14ad class=0x030000\n");

	/* Every size too small is refused, the exact one works. */
	for (size = 0; size <= (size_t)n; size++)
		assert_int_equal(bind_conf_format(&e, buf, size), -ENOSPC);
	assert_int_equal(bind_conf_format(&e, buf, (size_t)n + 1), n);

	/* The longest line fits BIND_CONF_FORMAT_SIZE. */
	memcpy(e.address, "7FFFFFFF:FF:1F.7", 17);
	n = bind_conf_format(&e, buf, sizeof(buf));
	assert_true(n > 0 && n < BIND_CONF_FORMAT_SIZE);
	assert_string_equal(buf, "7fffffff:ff:1f.7 10de:24b0 subsystem=10de:14ad class=0x030000\n");
	/* The kernel's domains are an int: the one address rule stops at 7fffffff. */
	memcpy(e.address, "80000000:FF:1F.7", 17);
	assert_int_equal(bind_conf_format(&e, buf, sizeof(buf)), -EINVAL);

	memcpy(e.address, "01:00.0", 8);
	assert_int_equal(bind_conf_format(&e, buf, sizeof(buf)), -EINVAL);
	memset(e.address, 'a', sizeof(e.address)); /* no NUL at all */
	assert_int_equal(bind_conf_format(&e, buf, sizeof(buf)), -EINVAL);
	memcpy(e.address, "0000:01:00.0", 13);
	e.class_code = 0x1000000;
	assert_int_equal(bind_conf_format(&e, buf, sizeof(buf)), -EINVAL);
}

static void test_helpers(void **state)
{
	char addr[BIND_CONF_ADDR_SIZE];
	uint32_t v = 0;
	int i;

	(void)state;
	assert_int_equal(bind_conf_hex("ffffffff", 8, &v), 0);
	assert_int_equal(v, 0xffffffffu);
	assert_int_equal(bind_conf_hex("10De", 4, &v), 0);
	assert_int_equal(v, 0x10de);
	assert_int_equal(bind_conf_hex("123456789", 9, &v), -EINVAL);
	assert_int_equal(bind_conf_hex("", 0, &v), -EINVAL);
	assert_int_equal(bind_conf_hex("0x10", 4, &v), -EINVAL);
	assert_int_equal(bind_conf_hex(" 1", 2, &v), -EINVAL);

	assert_int_equal(bind_conf_parse_address("0000:0A:1f.7", 12, addr), 0);
	assert_string_equal(addr, "0000:0a:1f.7");
	assert_int_equal(bind_conf_parse_address("0000:0A:1f.7", 11, addr), -EINVAL);
	assert_int_equal(bind_conf_parse_address("", 0, addr), -EINVAL);

	/* Every error has a code and a text; out of range too. */
	for (i = 0; i <= BIND_CONF_E_COUNT + 1; i++) {
		assert_non_null(bind_conf_error_code((enum bind_conf_error)i));
		assert_non_null(bind_conf_error_text((enum bind_conf_error)i));
	}
	assert_string_equal(bind_conf_error_code(BIND_CONF_E_ADDRESS), "bad-address");
	assert_string_equal(bind_conf_error_code((enum bind_conf_error)-1), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_lines),
		cmocka_unit_test(test_blank_and_comments),
		cmocka_unit_test(test_error_address),
		cmocka_unit_test(test_error_ids_and_fields),
		cmocka_unit_test(test_error_bytes),
		cmocka_unit_test(test_line_numbers_and_recovery),
		cmocka_unit_test(test_callbacks_stop),
		cmocka_unit_test(test_huge_inputs),
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_random_valid),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
