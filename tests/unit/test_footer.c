/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of the key line (gp_footer_format): it offers exactly the keys
 * asked for, so a screen where Esc does nothing never shows "Esc: back".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

/* widget.c is part of the wizard, not of the engine library. */
#include "../../tui/screens/widget.c"

static void offers_exactly_the_keys(void **state)
{
	(void)state;
	for (unsigned k = 0; k < 8; k++) {
		const char *f = gp_footer_format(k);

		assert_non_null(f);
		assert_int_equal(strstr(f, "Enter: %s") != NULL, (k & GP_FOOTER_ENTER) != 0);
		assert_int_equal(strstr(f, "Esc: back") != NULL, (k & GP_FOOTER_BACK) != 0);
		assert_int_equal(strstr(f, "F1/?: help") != NULL, (k & GP_FOOTER_GLOBAL) != 0);
		assert_int_equal(strstr(f, "q: quit") != NULL, (k & GP_FOOTER_GLOBAL) != 0);
	}
}

static void the_lines(void **state)
{
	(void)state;
	assert_string_equal(gp_footer_format(GP_FOOTER_ENTER | GP_FOOTER_BACK | GP_FOOTER_GLOBAL),
			    "Enter: %s   Esc: back   F1/?: help   q: quit");
	/* Apply after the change, and Done: Esc does nothing there. */
	assert_string_equal(gp_footer_format(GP_FOOTER_ENTER | GP_FOOTER_GLOBAL),
			    "Enter: %s   F1/?: help   q: quit");
	/* While the change runs no key is read. */
	assert_string_equal(gp_footer_format(0), "");
	assert_string_equal(gp_footer_format(64), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(offers_exactly_the_keys),
		cmocka_unit_test(the_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
