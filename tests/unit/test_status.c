/* SPDX-License-Identifier: GPL-2.0-or-later */
/* engine/status: the one rule for "reboot pending". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "status.h"

static char a2[2][32] = { "0000:01:00.0", "0000:01:00.1" };
static char b1[1][32] = { "0000:01:00.0" };

static void test_pending(void **state)
{
	struct gp_addr_list none = { NULL, 0, 0 };
	struct gp_addr_list two = { a2, 2, 2 }, one = { b1, 1, 1 };

	(void)state;
	assert_int_equal(gp_reboot_pending_decide(&none, &none, 0), GP_REBOOT_NOT_PENDING);
	assert_int_equal(gp_reboot_pending_decide(&two, &two, 0), GP_REBOOT_NOT_PENDING);
	/* Configured but not bound, and bound but no longer configured. */
	assert_int_equal(gp_reboot_pending_decide(&two, &one, 0), GP_REBOOT_PENDING_DIFFERS);
	assert_int_equal(gp_reboot_pending_decide(&one, &two, 0), GP_REBOOT_PENDING_DIFFERS);
	assert_int_equal(gp_reboot_pending_decide(&none, &one, 0), GP_REBOOT_PENDING_DIFFERS);
	/* Same sets, but a change was applied after this boot started. */
	assert_int_equal(gp_reboot_pending_decide(&one, &one, 1), GP_REBOOT_PENDING_CHANGED);
	/* A difference wins over a change since boot. */
	assert_int_equal(gp_reboot_pending_decide(&two, &one, 1), GP_REBOOT_PENDING_DIFFERS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pending),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
