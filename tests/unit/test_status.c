/* SPDX-License-Identifier: GPL-2.0-or-later */
/* engine/status: the one rule for "reboot pending"; txn_open: the one rule for settling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "status.h"

static char a2[2][32] = { "0000:01:00.0", "0000:01:00.1" };
static char b1[1][32] = { "0000:01:00.0" };

/* The rule, with its facts as arguments. */
static enum gp_reboot_pending decide(const struct gp_addr_list *configured,
				     const struct gp_addr_list *bound,
				     const struct gp_addr_list *not_bound, int changed, int open)
{
	const struct gp_reboot_facts f = { configured, bound, not_bound, changed, open };

	return gp_reboot_pending_decide(&f);
}

static void test_pending(void **state)
{
	struct gp_addr_list none = { NULL, 0, 0 };
	struct gp_addr_list two = { a2, 2, 2 }, one = { b1, 1, 1 };

	(void)state;
	assert_int_equal(decide(&none, &none, NULL, 0, 0), GP_REBOOT_NOT_PENDING);
	assert_int_equal(decide(&two, &two, NULL, 0, 0), GP_REBOOT_NOT_PENDING);
	/* Configured but not bound, and bound but no longer configured. */
	assert_int_equal(decide(&two, &one, NULL, 0, 0), GP_REBOOT_PENDING_DIFFERS);
	assert_int_equal(decide(&one, &two, NULL, 0, 0), GP_REBOOT_PENDING_DIFFERS);
	assert_int_equal(decide(&none, &one, NULL, 0, 0), GP_REBOOT_PENDING_DIFFERS);
	/* Same sets, but a change was applied after this boot started. */
	assert_int_equal(decide(&one, &one, NULL, 1, 0), GP_REBOOT_PENDING_CHANGED);
	/* A difference wins over a change since boot. */
	assert_int_equal(decide(&two, &one, NULL, 1, 0), GP_REBOOT_PENDING_DIFFERS);
}

/* A function the binder met at this boot and could not bind: a reboot fails the same way. */
static void test_not_bound(void **state)
{
	static char c1[1][32] = { "0000:01:00.1" };
	struct gp_addr_list none = { NULL, 0, 0 };
	struct gp_addr_list two = { a2, 2, 2 }, one = { b1, 1, 1 }, other = { c1, 1, 1 };

	(void)state;
	/* 01:00.0 bound, 01:00.1 met and not bound: not pending. */
	assert_int_equal(decide(&two, &one, &other, 0, 0), GP_REBOOT_NOT_BOUND);
	assert_int_equal(decide(&one, &none, &one, 0, 0), GP_REBOOT_NOT_BOUND);
	/* Not met at all (a newer configuration): a reboot tries it. */
	assert_int_equal(decide(&two, &none, &one, 0, 0), GP_REBOOT_PENDING_DIFFERS);
	/* A change since this boot may be the fix: pending. */
	assert_int_equal(decide(&two, &one, &other, 1, 0), GP_REBOOT_PENDING_CHANGED);
	/* Not-bound functions that are no longer configured do not count. */
	assert_int_equal(decide(&one, &one, &other, 0, 0), GP_REBOOT_NOT_PENDING);
}

/* An open journal: settle it before anything else. */
static void test_open_change(void **state)
{
	struct gp_addr_list none = { NULL, 0, 0 }, one = { b1, 1, 1 };

	(void)state;
	assert_int_equal(decide(&none, &none, NULL, 0, 1), GP_REBOOT_OPEN_CHANGE);
	assert_int_equal(decide(&one, &none, NULL, 1, 1), GP_REBOOT_OPEN_CHANGE);
}

/* The one roll-back-or-complete rule, and the state --status shows for a file. */
static void test_settle(void **state)
{
	struct gp_journal_file files[2];
	struct gp_txn_open o;

	(void)state;
	memset(files, 0, sizeof(files));
	memset(&o, 0, sizeof(o));
	snprintf(files[0].path, sizeof(files[0].path), "/etc/gpupt/bind.conf");
	snprintf(files[1].path, sizeof(files[1].path), "/etc/modprobe.d/gpupt.conf");
	files[0].new.exists = 1;
	o.journal.files = files;
	o.journal.n_files = 2;
	o.journal.n_cmds = 1;
	assert_int_equal(gp_txn_settle_decide(&o.journal, 0), GP_TXN_SETTLE_ROLL_BACK);
	assert_int_equal(gp_txn_settle_decide(&o.journal, 2), GP_TXN_SETTLE_ROLL_BACK);
	assert_int_equal(gp_txn_settle_decide(&o.journal, 3), GP_TXN_SETTLE_COMPLETE);
	o.settle = GP_TXN_SETTLE_ROLL_BACK;
	assert_ptr_equal(gp_txn_open_settled(&o, "/etc/gpupt/bind.conf"), &files[0].old);
	o.settle = GP_TXN_SETTLE_COMPLETE;
	assert_ptr_equal(gp_txn_open_settled(&o, "/etc/gpupt/bind.conf"), &files[0].new);
	assert_null(gp_txn_open_settled(&o, "/etc/default/grub.d/99-gpupt.cfg"));
	/* A damaged journal names no file. */
	o.settle = GP_TXN_SETTLE_DAMAGED;
	assert_null(gp_txn_open_settled(&o, "/etc/gpupt/bind.conf"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pending),
		cmocka_unit_test(test_not_bound),
		cmocka_unit_test(test_open_change),
		cmocka_unit_test(test_settle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
