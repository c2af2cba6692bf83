/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The answers file parser: every key and value, defaults, comments, and
 * each kind of mistake with its line.  Inputs are copied to buffers of
 * exactly their size, so valgrind catches a read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "answers.h"

static void parse(const char *text, struct gp_answers *a)
{
	size_t n = strlen(text);
	char *buf = malloc(n ? n : 1);

	assert_non_null(buf);
	memcpy(buf, text, n);
	assert_int_equal(gp_answers_parse(buf, n, a), 0);
	free(buf);
}

/* Exactly one error, with this line and code. */
static void parse_error(const char *text, unsigned int line, enum gp_answers_errcode code,
			const char *arg)
{
	struct gp_answers a;

	parse(text, &a);
	assert_int_equal(a.n_errors, 1);
	assert_int_equal(a.errors[0].line, line);
	assert_int_equal(a.errors[0].code, code);
	if (arg)
		assert_string_equal(a.errors[0].arg, arg);
	gp_answers_free(&a);
}

static void test_defaults(void **state)
{
	struct gp_answers a;

	parse("gpu = 0000:01:00.0\n", &a);
	assert_int_equal(a.n_errors, 0);
	assert_string_equal(a.gpu_spec, "0000:01:00.0");
	assert_int_equal(a.line_gpu, 1);
	assert_int_equal(a.choices.functions, GP_FUNCS_SLOT);
	assert_int_equal(a.choices.kernels, GP_KERNELS_ALL);
	assert_int_equal(a.choices.iommu_pt, 0);
	assert_int_equal(a.choices.force, 0);
	assert_int_equal(a.reboot, 0);
	gp_answers_free(&a);
}

static void test_every_key(void **state)
{
	struct gp_answers a;

	parse("# comment\n\n  gpu=10de:24b0   # trailing\r\n"
	      "functions = group\niommu_pt\t=\tyes\nkernels = running\n"
	      "force = boot-display , iommu,last-gpu,group\nreboot = yes", &a);
	assert_int_equal(a.n_errors, 0);
	assert_string_equal(a.gpu_spec, "10de:24b0");
	assert_int_equal(a.line_gpu, 3);
	assert_int_equal(a.choices.functions, GP_FUNCS_GROUP);
	assert_int_equal(a.choices.iommu_pt, 1);
	assert_int_equal(a.choices.kernels, GP_KERNELS_RUNNING);
	assert_int_equal(a.choices.force, GP_GUARD_BOOT_DISPLAY | GP_GUARD_IOMMU |
			 GP_GUARD_LAST_GPU | GP_GUARD_GROUP);
	assert_int_equal(a.reboot, 1);
	gp_answers_free(&a);
}

static void test_function_list(void **state)
{
	struct gp_answers a;

	parse("gpu = 01:00.0\nfunctions = 01:00.0, 0000:01:00.1,0000:01:00.2\n", &a);
	assert_int_equal(a.n_errors, 0);
	assert_int_equal(a.choices.functions, GP_FUNCS_LIST);
	assert_int_equal(a.choices.n_list, 3);
	assert_string_equal(a.choices.list[0], "0000:01:00.0");
	assert_string_equal(a.choices.list[1], "0000:01:00.1");
	assert_string_equal(a.choices.list[2], "0000:01:00.2");
	assert_int_equal(a.line_functions, 2);
	gp_answers_free(&a);
}

static void test_force_none(void **state)
{
	struct gp_answers a;

	parse("gpu = 01:00.0\nforce = none\n", &a);
	assert_int_equal(a.n_errors, 0);
	assert_int_equal(a.choices.force, 0);
	gp_answers_free(&a);
}

static void test_errors(void **state)
{
	parse_error("gpu = 01:00.0\ncolour = blue\n", 2, GP_ANSWERS_E_UNKNOWN_KEY, "colour");
	parse_error("gpu = 01:00.0\niommu_pt = maybe\n", 2, GP_ANSWERS_E_BAD_VALUE, "iommu_pt");
	parse_error("gpu = 01:00.0\nkernels = new\n", 2, GP_ANSWERS_E_BAD_VALUE, "kernels");
	parse_error("gpu = 01:00.0\nreboot =\n", 2, GP_ANSWERS_E_EMPTY_VALUE, "reboot");
	parse_error("gpu =\n", 1, GP_ANSWERS_E_EMPTY_VALUE, "gpu");
	parse_error("gpu = 01:00.0\nreboot = YES\n", 2, GP_ANSWERS_E_BAD_VALUE, "reboot");
	parse_error("iommu_pt = yes\n", 0, GP_ANSWERS_E_MISSING_GPU, NULL);
	parse_error("", 0, GP_ANSWERS_E_MISSING_GPU, NULL);
	parse_error("gpu = 01:00\n", 1, GP_ANSWERS_E_BAD_GPU, "01:00");
	parse_error("gpu = 10de:24b\n", 1, GP_ANSWERS_E_BAD_GPU, "10de:24b");
	parse_error("gpu = 0000:01:20.0\n", 1, GP_ANSWERS_E_BAD_GPU, "0000:01:20.0");
	parse_error("gpu = 01:00.0\nfunctions = 01:00.0, x\n", 2, GP_ANSWERS_E_BAD_ADDRESS, "x");
	parse_error("gpu = 01:00.0\nforce = all\n", 2, GP_ANSWERS_E_BAD_FORCE, "all");
	parse_error("gpu = 01:00.0\nforce = group,,iommu\n", 2, GP_ANSWERS_E_BAD_FORCE, "");
	parse_error("gpu = 01:00.0\njust words\n", 2, GP_ANSWERS_E_SYNTAX, "just words");
	parse_error("gpu = 01:00.0\n= yes\n", 2, GP_ANSWERS_E_SYNTAX, NULL);
	parse_error("gpu = 01:00.0\nreboot = n\001\n", 2, GP_ANSWERS_E_CHARACTER, NULL);
	parse_error("gpu = 01:00.0\n# caf\xc3\xa9\n", 2, GP_ANSWERS_E_CHARACTER, NULL);
}

static void test_duplicate(void **state)
{
	struct gp_answers a;

	parse("gpu = 01:00.0\n\nkernels = all\ngpu = 02:00.0\n", &a);
	assert_int_equal(a.n_errors, 1);
	assert_int_equal(a.errors[0].code, GP_ANSWERS_E_DUPLICATE);
	assert_int_equal(a.errors[0].line, 4);
	assert_int_equal(a.errors[0].first_line, 1);
	assert_string_equal(a.errors[0].arg, "gpu");
	/* The first value stands. */
	assert_string_equal(a.gpu_spec, "01:00.0");
	gp_answers_free(&a);
}

static void test_all_errors_in_order(void **state)
{
	struct gp_answers a;

	parse("foo = 1\ngpu = 01:00.0\nreboot = maybe\nbar\n", &a);
	assert_int_equal(a.n_errors, 3);
	assert_int_equal(a.errors[0].line, 1);
	assert_int_equal(a.errors[1].line, 3);
	assert_int_equal(a.errors[2].line, 4);
	gp_answers_free(&a);
}

static void test_too_big(void **state)
{
	struct gp_answers a;
	size_t n = GP_ANSWERS_MAX_BYTES + 1;
	char *buf = malloc(n);

	assert_non_null(buf);
	memset(buf, '#', n);
	assert_int_equal(gp_answers_parse(buf, n, &a), 0);
	assert_int_equal(a.n_errors, 1);
	assert_int_equal(a.errors[0].code, GP_ANSWERS_E_TOO_BIG);
	gp_answers_free(&a);
	free(buf);
}

static void test_long_line(void **state)
{
	/* A value far longer than any buffer: an error with the value cut, no overflow. */
	size_t n = 5000;
	char *text = malloc(n + 16);
	struct gp_answers a;

	assert_non_null(text);
	memcpy(text, "gpu = ", 6);
	memset(text + 6, 'z', n);
	text[n + 6] = '\0';
	parse(text, &a);
	assert_int_equal(a.n_errors, 1);
	assert_int_equal(a.errors[0].code, GP_ANSWERS_E_BAD_GPU);
	assert_int_equal(strlen(a.errors[0].arg), GP_ANSWERS_ARG_MAX - 1);
	gp_answers_free(&a);
	free(text);
}

static void test_guard_names(void **state)
{
	assert_string_equal(gp_guard_name(GP_GUARD_BOOT_DISPLAY), "boot-display");
	assert_string_equal(gp_guard_name(GP_GUARD_LAST_GPU), "last-gpu");
	assert_string_equal(gp_guard_name(GP_GUARD_GROUP), "group");
	assert_string_equal(gp_guard_name(GP_GUARD_IOMMU), "iommu");
	assert_string_equal(gp_guard_name((enum gp_guard)0), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_function_list),
		cmocka_unit_test(test_force_none),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_duplicate),
		cmocka_unit_test(test_all_errors_in_order),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_guard_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
