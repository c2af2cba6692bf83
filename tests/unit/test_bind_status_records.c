/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bind.status records of issue 10: a device's from= and back= words,
 * the duplicate line, and the summary's duplicate= count.  An older
 * binder's records (none of these) still parse to the same fields, and
 * malformed forms of the new words are refused or read as unknown lines.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bind_status.h"

/* Parse a copy of exactly strlen(@text) bytes, so valgrind sees overreads. */
static int parse_str(const char *text, struct gp_bind_status *st)
{
	size_t len = strlen(text);
	char *copy = malloc(len ? len : 1);
	int r;

	assert_non_null(copy);
	memcpy(copy, text, len);
	r = gp_bind_status_parse(copy, len, st);
	free(copy);
	return r;
}

static void test_device_words(void **state)
{
	struct gp_bind_status st;

	(void)state;
	assert_int_equal(parse_str("0000:01:00.0 8086:10d3 bound new from=e1000e\n"
				   "0000:01:00.0 8086:10d3 failed no-vfio from=none back=none\n"
				   "0000:03:00.0 8086:10d3 failed other-driver back=e1000e from=none\n"
				   "0000:03:00.0 8086:10d3 failed verify from=x back=? later=1\n"
				   "0000:04:00.0 8086:10d3 skipped identity\n",
				   &st),
			 0);
	assert_int_equal(st.n, 5);
	assert_int_equal(st.rec[0].kind, GP_BIND_STATUS_DEVICE);
	assert_int_equal(st.rec[0].outcome, GP_BIND_BOUND);
	assert_string_equal(st.rec[0].word[2], "new");
	assert_string_equal(st.rec[0].driver_before, "e1000e");
	assert_string_equal(st.rec[0].gave_back_to, "");
	assert_int_equal(st.rec[1].outcome, GP_BIND_FAILED);
	assert_string_equal(st.rec[1].word[2], "no-vfio");
	assert_string_equal(st.rec[1].driver_before, "none");
	assert_string_equal(st.rec[1].gave_back_to, "none");
	/* Order of the words does not matter. */
	assert_string_equal(st.rec[2].driver_before, "none");
	assert_string_equal(st.rec[2].gave_back_to, "e1000e");
	/* An unknown KEY=VALUE (a newer binder's) is skipped. */
	assert_int_equal(st.rec[3].kind, GP_BIND_STATUS_DEVICE);
	assert_string_equal(st.rec[3].gave_back_to, "?");
	assert_string_equal(st.rec[4].driver_before, "");
	assert_string_equal(st.rec[4].gave_back_to, "");
	gp_bind_status_free(&st);
}

/* Malformed new words: the line is no device line, only an unknown one. */
static void test_device_words_malformed(void **state)
{
	static const char *const odd[] = {
		"0000:01:00.0 8086:10d3 bound new from=\n",
		"0000:01:00.0 8086:10d3 bound new from=a from=b\n",
		"0000:01:00.0 8086:10d3 bound new e1000e\n",
		"0000:01:00.0 8086:10d3 bound new =x\n",
	};
	struct gp_bind_status st;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		assert_int_equal(parse_str(odd[i], &st), 0);
		assert_int_equal(st.n, 1);
		assert_int_equal(st.rec[0].kind, GP_BIND_STATUS_OTHER);
		assert_string_equal(st.rec[0].driver_before, "");
		gp_bind_status_free(&st);
	}
}

static void test_duplicate(void **state)
{
	static const char *const bad[] = {
		"line 3 duplicate 0000:01:00.0\n",
		"line 3 duplicate 0000:01:00.0 1\n",
		"line 3 duplicate 0000:01:00.0 first=\n",
		"line 3 duplicate 0000:01:00.0 first=x\n",
		"line x duplicate 0000:01:00.0 first=1\n",
		"line 3 duplicate 0000:01:00.0 first=1 more\n",
	};
	struct gp_bind_status st;
	size_t i;

	(void)state;
	assert_int_equal(parse_str("line 3 duplicate 0000:01:00.0 first=1\n", &st), 0);
	assert_int_equal(st.n, 1);
	assert_int_equal(st.rec[0].kind, GP_BIND_STATUS_DUPLICATE);
	assert_string_equal(st.rec[0].word[0], "3");
	assert_string_equal(st.rec[0].word[1], "0000:01:00.0");
	assert_string_equal(st.rec[0].word[2], "1");
	gp_bind_status_free(&st);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse_str(bad[i], &st), -EINVAL);
		assert_int_equal(st.n, 0);
	}
}

static void test_summary(void **state)
{
	struct gp_bind_status st;

	(void)state;
	assert_int_equal(parse_str("summary bound=1 skipped=0 failed=2 invalid=0 duplicate=3\n"
				   "summary bound=4 skipped=5 failed=6 invalid=7\n",
				   &st),
			 0);
	assert_int_equal(st.n, 2);
	assert_int_equal(st.rec[0].summary[GP_BIND_SUM_FAILED], 2);
	assert_int_equal(st.rec[0].summary[GP_BIND_SUM_DUPLICATE], 3);
	/* An older binder's summary: no duplicate= means none. */
	assert_int_equal(st.rec[1].summary[GP_BIND_SUM_INVALID], 7);
	assert_int_equal(st.rec[1].summary[GP_BIND_SUM_DUPLICATE], 0);
	gp_bind_status_free(&st);
	assert_int_equal(parse_str("summary bound=1 skipped=0 failed=2 invalid=0 dup=3\n", &st),
			 -EINVAL);
	assert_int_equal(parse_str("summary bound=1 skipped=0 failed=2 invalid=0 duplicate=\n", &st),
			 -EINVAL);
}

/* What the binder writes for a give-back parses back (the writer's join). */
static size_t join(char line[GP_BIND_STATUS_LINE_MAX + 1], const char *first, ...)
{
	va_list ap;
	size_t len;

	va_start(ap, first);
	len = gp_bind_status_vjoin(line, first, ap);
	va_end(ap);
	return len;
}

static void test_round_trip(void **state)
{
	char buf[GP_BIND_STATUS_LINE_MAX + 2];
	struct gp_bind_status st;
	size_t len;

	(void)state;
	len = join(buf, "0000:01:00.0", " ", "8086:10d3", " ",
		   gp_bind_status_outcome_word(GP_BIND_FAILED), " ", "no-vfio", " from=", "e1000e",
		   " back=", "e1000e", (char *)NULL);
	buf[len] = '\0';
	assert_int_equal(parse_str(buf, &st), 0);
	assert_int_equal(st.rec[0].kind, GP_BIND_STATUS_DEVICE);
	assert_int_equal(st.rec[0].outcome, GP_BIND_FAILED);
	assert_string_equal(st.rec[0].driver_before, "e1000e");
	assert_string_equal(st.rec[0].gave_back_to, "e1000e");
	gp_bind_status_free(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_device_words),
		cmocka_unit_test(test_device_words_malformed),
		cmocka_unit_test(test_duplicate),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
