/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of the large-BAR rule (bar.h) and of its note in the system
 * check (gp_check_report_large_bars): GPUs only, one item per large BAR,
 * under the Firmware item, as a note that changes no state.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bar.h"
#include "check_report.h"
#include "report.h"

#define GIB (UINT64_C(1) << 30)

static void large_from_4_gib(void **state)
{
	struct gp_bar b = { .index = 1, .type = GP_BAR_MEM64 };

	(void)state;
	b.size = 4 * GIB - 1;
	assert_int_equal(gp_bar_is_large(&b), 0);
	b.size = 4 * GIB;
	assert_int_equal(gp_bar_is_large(&b), 1);
	b.size = 256 * 1024 * 1024;
	assert_int_equal(gp_bar_is_large(&b), 0);
}

static void walk_large_bars(void **state)
{
	struct gp_pci_dev d;

	(void)state;
	memset(&d, 0, sizeof(d));
	d.n_bars = 3;
	d.bars[0] = (struct gp_bar){ .index = 0, .size = 16 << 20 };
	d.bars[1] = (struct gp_bar){ .index = 1, .size = 32 * GIB };
	d.bars[2] = (struct gp_bar){ .index = 3, .size = 8 * GIB };
	assert_int_equal(gp_dev_next_large_bar(&d, 0), 1);
	assert_int_equal(gp_dev_next_large_bar(&d, 2), 2);
	assert_int_equal(gp_dev_next_large_bar(&d, 3), -1);
	d.bars_err = -EACCES;
	assert_int_equal(gp_dev_next_large_bar(&d, 0), -1);
}

static void check_note_for_gpus_only(void **state)
{
	struct gp_pci_dev devs[2];
	struct gp_gpu gpu;
	struct gp_inventory inv;
	struct gp_report r = GP_REPORT_INIT;
	struct gp_strbuf sb = GP_STRBUF_INIT;

	(void)state;
	memset(devs, 0, sizeof(devs));
	memset(&gpu, 0, sizeof(gpu));
	memset(&inv, 0, sizeof(inv));
	/* An NVMe-like device with a large BAR: not a GPU, no note. */
	strcpy(devs[0].address, "0000:03:00.0");
	devs[0].n_bars = 1;
	devs[0].bars[0] = (struct gp_bar){ .index = 0, .size = 16 * GIB };
	strcpy(devs[1].address, "0000:d0:00.0");
	devs[1].gpu = &gpu;
	devs[1].n_bars = 2;
	devs[1].bars[0] = (struct gp_bar){ .index = 0, .size = 16 << 20 };
	devs[1].bars[1] = (struct gp_bar){ .index = 1, .size = 32 * GIB };
	inv.devs = devs;
	inv.n_devs = 2;
	assert_int_equal(gp_check_report_large_bars(&inv, &r), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.item[0].code, GP_MSG_CHK_LARGE_BAR);
	assert_int_equal(r.item[0].topic, GP_CHECK_FIRMWARE);
	assert_int_equal(r.item[0].role, GP_ROLE_DETAIL);
	assert_int_equal(r.item[0].sev, GP_SEV_NOTE);
	assert_int_equal(gp_report_format(&r.item[0], 0, &sb), 0);
	assert_string_equal(gp_strbuf_str(&sb),
			    "0000:d0:00.0 has a large BAR: BAR1 is 32.0 GiB; the firmware maps it "
			    "only with \"Above 4G decoding\" on (and the VM needs a 64-bit MMIO "
			    "window for it)");
	gp_strbuf_release(&sb);
	gp_report_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(large_from_4_gib),
		cmocka_unit_test(walk_large_bars),
		cmocka_unit_test(check_note_for_gpus_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
