/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The engine's one set of owned strings: a name added twice is kept once
 * (and copied, not borrowed), sorting is byte order as grub-mkconfig's
 * glob under dash, and freeing leaves an empty set that can be reused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "strset.h"

static void test_add_once_and_copy(void **state)
{
	struct gp_strset set = GP_STRSET_INIT;
	char name[16];

	(void)state;
	strcpy(name, "nvidia");
	assert_int_equal(gp_strset_add(&set, name), 0);
	assert_int_equal(gp_strset_add(&set, "snd_hda_intel"), 0);
	assert_int_equal(gp_strset_add(&set, "nvidia"), 0);
	assert_int_equal(set.n, 2);
	strcpy(name, "changed");
	assert_string_equal(set.v[0], "nvidia");
	assert_string_equal(set.v[1], "snd_hda_intel");
	gp_strset_free(&set);
	assert_int_equal(set.n, 0);
	assert_null(set.v);
	assert_int_equal(gp_strset_add(&set, "again"), 0);
	assert_int_equal(set.n, 1);
	gp_strset_free(&set);
}

static void test_sort_byte_order(void **state)
{
	struct gp_strset set = GP_STRSET_INIT;
	const char *in[] = { "99-gpupt.cfg", "50-cloudimg-settings.cfg", "Z.cfg", "a.cfg",
			     "40-force-partuuid.cfg" };
	const char *want[] = { "40-force-partuuid.cfg", "50-cloudimg-settings.cfg",
			       "99-gpupt.cfg", "Z.cfg", "a.cfg" };

	(void)state;
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		assert_int_equal(gp_strset_add(&set, in[i]), 0);
	gp_strset_sort(&set);
	assert_int_equal(set.n, 5);
	for (size_t i = 0; i < set.n; i++)
		assert_string_equal(set.v[i], want[i]);
	gp_strset_free(&set);
	gp_strset_sort(&set);   /* an empty set sorts too */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_once_and_copy),
		cmocka_unit_test(test_sort_byte_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
