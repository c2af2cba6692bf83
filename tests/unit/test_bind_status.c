/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bind.status format: what the binder's writer produces parses back to
 * the same fields, every line shape gpupt-setup --status reads, and cut or
 * garbled files refused.  Inputs are copied to exactly-sized buffers so
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

#include "bind_status.h"

static int parse(const char *text, size_t len, struct gp_bind_status *st)
{
	char *copy = malloc(len ? len : 1);
	int r;

	assert_non_null(copy);
	memcpy(copy, text, len);
	r = gp_bind_status_parse(copy, len, st);
	free(copy);
	return r;
}

static int parse_str(const char *text, struct gp_bind_status *st)
{
	return parse(text, strlen(text), st);
}

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
	static const char *const codes[] = { "ok", "already", "driver-busy" };
	char buf[GP_BIND_STATUS_LINE_MAX + 1], big[600];
	struct gp_bind_status st;
	int o;

	(void)state;
	for (o = GP_BIND_BOUND; o <= GP_BIND_FAILED; o++) {
		size_t len = join(buf, "0000:01:00.0", " ", "10de:1b80", " ",
				  gp_bind_status_outcome_word((enum gp_bind_status_outcome)o), " ",
				  codes[o], (char *)NULL);

		assert_int_equal(buf[len - 1], '\n');
		assert_int_equal(parse(buf, len, &st), 0);
		assert_int_equal(st.n, 1);
		assert_int_equal(st.rec[0].kind, GP_BIND_STATUS_DEVICE);
		assert_int_equal(st.rec[0].outcome, o);
		assert_string_equal(st.rec[0].word[0], "0000:01:00.0");
		assert_string_equal(st.rec[0].word[1], "10de:1b80");
		assert_string_equal(st.rec[0].word[2], codes[o]);
		gp_bind_status_free(&st);
	}
	/* Too long a line is cut, and still ends in its newline. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(join(buf, "mode ", big, (char *)NULL), GP_BIND_STATUS_LINE_MAX + 1);
	assert_int_equal(buf[GP_BIND_STATUS_LINE_MAX], '\n');
	assert_string_equal(gp_bind_status_outcome_word(GP_BIND_SKIPPED), "skipped");
	assert_null(gp_bind_status_outcome_word((enum gp_bind_status_outcome)7));
}

static void test_every_shape(void **state)
{
	struct gp_bind_status st;

	(void)state;
	assert_int_equal(parse_str("mode run\n"
				   "mode off gpupt=0\n"
				   "line 3 invalid address\n"
				   "0000:01:00.1 10de:10f0 skipped class\n"
				   "summary bound=1 skipped=2 failed=0 invalid=1\n"
				   "something newer than this parser\n",
				   &st),
			 0);
	assert_int_equal(st.n, 6);
	assert_int_equal(st.rec[0].kind, GP_BIND_STATUS_MODE);
	assert_string_equal(st.rec[0].word[0], "run");
	assert_string_equal(st.rec[0].word[1], "");
	assert_string_equal(st.rec[1].word[0], "off");
	assert_string_equal(st.rec[1].word[1], "gpupt=0");
	assert_int_equal(st.rec[2].kind, GP_BIND_STATUS_INVALID);
	assert_string_equal(st.rec[2].word[0], "3");
	assert_string_equal(st.rec[2].word[1], "address");
	assert_int_equal(st.rec[3].kind, GP_BIND_STATUS_DEVICE);
	assert_int_equal(st.rec[3].outcome, GP_BIND_SKIPPED);
	assert_string_equal(st.rec[3].word[2], "class");
	assert_int_equal(st.rec[4].kind, GP_BIND_STATUS_SUMMARY);
	assert_int_equal(st.rec[4].summary[GP_BIND_SUM_BOUND], 1);
	assert_int_equal(st.rec[4].summary[GP_BIND_SUM_SKIPPED], 2);
	assert_int_equal(st.rec[4].summary[GP_BIND_SUM_FAILED], 0);
	assert_int_equal(st.rec[4].summary[GP_BIND_SUM_INVALID], 1);
	assert_int_equal(st.rec[5].kind, GP_BIND_STATUS_OTHER);
	assert_string_equal(st.rec[5].word[0], "something newer than this parser");
	gp_bind_status_free(&st);

	assert_int_equal(parse_str("", &st), 0);
	assert_int_equal(st.n, 0);
	gp_bind_status_free(&st);
}

static void test_refused(void **state)
{
	static const char *const bad[] = {
		"mode run",                       /* cut: no newline */
		"mode run\n0000:01:00.0 10de",    /* cut mid-line */
		"\n",                             /* empty line */
		"mode\n",                         /* mode without a word */
		"mode a b c\n",
		"mode  run\n",                    /* two spaces */
		" mode run\n",
		"mode run \n",
		"line x invalid address\n",
		"line 3 bogus address\n",
		"line 3 invalid\n",
		"summary bound=1 skipped=2 failed=0\n",
		"summary bound=1 skipped=2 failed=0 invalid=x\n",
		"summary bound=1 skipped=2 failed=0 invalid=\n",
		"summary skipped=1 bound=2 failed=0 invalid=0\n",
		"mode run\r\n",
		"mode r\tun\n",
		"mode r\xc3\xa9n\n",
	};
	struct gp_bind_status st;
	char big[GP_BIND_STATUS_LINE_MAX + 2];  /* one byte over, and the newline */
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse_str(bad[i], &st), -EINVAL);
		assert_int_equal(st.n, 0);
		assert_null(st.rec);
	}
	/* A NUL byte inside the text. */
	assert_int_equal(parse("mode r\0n\n", 9, &st), -EINVAL);
	/* One over-long line. */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\n';
	assert_int_equal(parse(big, sizeof(big), &st), -EINVAL);
	/* A word too long for its field. */
	memset(big, 'a', 100);
	memcpy(big, "mode ", 5);
	big[100] = '\n';
	assert_int_equal(parse(big, 101, &st), -EINVAL);
}

static void test_random_bytes(void **state)
{
	unsigned char buf[256];
	struct gp_bind_status st;
	int round;
	size_t i;

	(void)state;
	srand(9);
	for (round = 0; round < 2000; round++) {
		size_t len = (size_t)rand() % sizeof(buf);

		for (i = 0; i < len; i++)
			buf[i] = (unsigned char)rand();
		if (parse((const char *)buf, len, &st) == 0)
			gp_bind_status_free(&st);
		else
			assert_int_equal(st.n, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_every_shape),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_random_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
