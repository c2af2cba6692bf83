/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib/strbuf: the one growable buffer and the array-growth helper. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "strbuf.h"

static void test_empty(void **state)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;
	size_t len = 99;
	char *s;

	(void)state;
	assert_string_equal(gp_strbuf_str(&sb), "");
	s = gp_strbuf_detach(&sb, &len);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
}

static void test_append(void **state)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;
	int i;

	(void)state;
	assert_int_equal(gp_strbuf_addstr(&sb, "ab"), 0);
	assert_int_equal(gp_strbuf_addch(&sb, 'c'), 0);
	assert_int_equal(gp_strbuf_add(&sb, "d\0e", 3), 0);
	assert_int_equal(sb.len, 6);
	assert_memory_equal(sb.buf, "abcd\0e", 7);
	gp_strbuf_reset(&sb);
	assert_string_equal(gp_strbuf_str(&sb), "");
	for (i = 0; i < 1000; i++)
		assert_int_equal(gp_strbuf_addf(&sb, "%03d,", i), 0);
	assert_int_equal(sb.len, 4000);
	assert_int_equal(strncmp(sb.buf + 3996, "999,", 4), 0);
	assert_int_equal(sb.buf[sb.len], '\0');
	assert_true(sb.alloc > sb.len);
	gp_strbuf_release(&sb);
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
}

/* The first failure sticks: later adds do nothing and say so; reset clears it. */
static void test_sticky_error(void **state)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;

	(void)state;
	assert_int_equal(gp_strbuf_addstr(&sb, "kept"), 0);
	assert_int_equal(gp_strbuf_grow(&sb, SIZE_MAX - 2), -ENOMEM);
	assert_int_equal(sb.err, -ENOMEM);
	assert_int_equal(gp_strbuf_addstr(&sb, " lost"), -ENOMEM);
	assert_int_equal(gp_strbuf_addf(&sb, "%d", 1), -ENOMEM);
	assert_string_equal(gp_strbuf_str(&sb), "kept");
	gp_strbuf_reset(&sb);
	assert_int_equal(sb.err, 0);
	assert_int_equal(gp_strbuf_addstr(&sb, "again"), 0);
	assert_string_equal(gp_strbuf_str(&sb), "again");
	gp_strbuf_release(&sb);
}

static void test_array_grow(void **state)
{
	int *v = NULL;
	size_t alloc = 0, i;

	(void)state;
	for (i = 0; i < 100; i++) {
		assert_int_equal(GP_ARRAY_GROW(v, alloc, i + 1), 0);
		v[i] = (int)i;
	}
	assert_true(alloc >= 100);
	assert_int_equal(v[99], 99);
	/* An impossible size is refused, and what was there is kept. */
	assert_int_equal(gp_array_grow(&v, &alloc, SIZE_MAX / 2, 16), -ENOMEM);
	assert_true(alloc >= 100);
	assert_int_equal(v[50], 50);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_append),
		cmocka_unit_test(test_sticky_error),
		cmocka_unit_test(test_array_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
