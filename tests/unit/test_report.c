/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report: the message table is complete and consistent; items render exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plan_report.h"
#include "loader.h"
#include "report.h"

/* Every code has one entry, a format (only NONE may be empty), a unique name. */
static void test_table_complete(void **state)
{
	unsigned c, d;

	(void)state;
	for (c = 0; c < GP_MSG_N_CODES; c++) {
		const struct gp_msg_info *info = gp_msg_info((enum gp_msg)c);

		assert_non_null(info);
		assert_non_null(info->name);
		assert_true(info->name[0] != '\0');
		assert_non_null(info->fmt);
		if (c != GP_MSG_NONE)
			assert_true(info->fmt[0] != '\0');
		assert_true(info->n_args <= GP_REPORT_MAX_ARGS);
		for (d = 0; d < c; d++)
			assert_string_not_equal(info->name, gp_msg_info((enum gp_msg)d)->name);
	}
	assert_null(gp_msg_info(GP_MSG_N_CODES));
}

/* Every format's conversions match its argument types in number and kind. */
static void test_table_formats(void **state)
{
	unsigned c;

	(void)state;
	for (c = 0; c < GP_MSG_N_CODES; c++) {
		const struct gp_msg_info *info = gp_msg_info((enum gp_msg)c);

		/* An English singular may leave the count out ("the installed kernel"). */
		if (gp_report_check_format(info->fmt, info->n_args, info->type,
					   !info->plural) != 0)
			fail_msg("format of %s disagrees with its arguments", info->name);
		if (!info->plural) {
			assert_int_equal(info->plural_arg, -1);
			continue;
		}
		if (gp_report_check_format(info->plural, info->n_args, info->type, 1) != 0)
			fail_msg("plural format of %s disagrees with its arguments", info->name);
		assert_true(info->plural_arg >= 0 && (unsigned)info->plural_arg < info->n_args);
		assert_true(info->type[info->plural_arg] == GP_ARG_INT ||
			    info->type[info->plural_arg] == GP_ARG_UINT);
	}
}

static void test_check_format(void **state)
{
	static const enum gp_arg_type si[] = { GP_ARG_STR, GP_ARG_INT };
	static const enum gp_arg_type u[] = { GP_ARG_UINT };

	(void)state;
	assert_int_equal(gp_report_check_format("%s %d %%", 2, si, 1), 0);
	assert_int_equal(gp_report_check_format("%2$d %1$s", 2, si, 1), 0);
	assert_int_equal(gp_report_check_format("%d %s", 2, si, 1), -EINVAL);
	assert_int_equal(gp_report_check_format("%s", 2, si, 1), -EINVAL);
	assert_int_equal(gp_report_check_format("%s", 2, si, 0), 0);
	assert_int_equal(gp_report_check_format("%s %d %s", 2, si, 1), -EINVAL);
	assert_int_equal(gp_report_check_format("%zu", 1, u, 1), 0);
	assert_int_equal(gp_report_check_format("%lu", 1, u, 1), 0);
	assert_int_equal(gp_report_check_format("%u %u", 1, u, 1), -EINVAL);
	assert_int_equal(gp_report_check_format("%f", 1, u, 1), -EINVAL);
	assert_int_equal(gp_report_check_format("%3$s", 2, si, 0), -EINVAL);
}

static const char *render(const struct gp_report *r, size_t i, struct gp_strbuf *sb)
{
	gp_strbuf_reset(sb);
	assert_int_equal(gp_report_format(&r->item[i], 0, sb), 0);
	return gp_strbuf_str(sb);
}

static void test_render(void **state)
{
	struct gp_report r = GP_REPORT_INIT;
	struct gp_strbuf sb = GP_STRBUF_INIT;
	char path[] = "/proc/cpuinfo";

	(void)state;
	assert_int_equal(gp_report_add(&r, 1, GP_ROLE_SUMMARY, GP_MSG_CHK_CANNOT_TELL,
				       path, -ENOENT), 0);
	path[0] = 'X';  /* the item owns its copy */
	assert_int_equal(gp_report_add(&r, 2, GP_ROLE_DETAIL, GP_MSG_CHK_IOMMU_GROUPS, 1), 0);
	assert_int_equal(gp_report_add(&r, 2, GP_ROLE_DETAIL, GP_MSG_CHK_IOMMU_GROUPS, 14), 0);
	assert_int_equal(gp_report_add(&r, 3, GP_ROLE_SUMMARY, GP_MSG_CHK_VFIO_MISSING,
				       (size_t)2), 0);
	assert_int_equal(gp_report_add(&r, 4, GP_ROLE_SUMMARY, GP_MSG_CHK_BOOT_SPACE_LOW,
				       (uint64_t)512, (uint64_t)13207024435ULL), 0);
	assert_int_equal(gp_report_add(&r, 5, GP_ROLE_FIX, GP_MSG_CHK_CANNOT_TELL,
				       "x", 0), 0);
	assert_int_equal(gp_report_add(&r, 1, GP_ROLE_FIX, GP_MSG_FIX_IOMMU_ADD_INTEL_ON), 0);
	assert_int_equal(r.n, 7);
	assert_int_equal(r.item[0].sev, GP_SEV_UNKNOWN);
	assert_int_equal(r.item[0].topic, 1);

	assert_string_equal(render(&r, 0, &sb), "cannot tell: /proc/cpuinfo: No such file or directory");
	assert_string_equal(render(&r, 1, &sb), "1 group");
	assert_string_equal(render(&r, 2, &sb), "14 groups");
	assert_string_equal(render(&r, 3, &sb),
			    "vfio-pci or vfio_iommu_type1 is missing from 2 kernels");
	assert_string_equal(render(&r, 4, &sb),
			    "not enough room to rebuild the initramfs: 512 B free, about 12.3 GiB needed");
	assert_string_equal(render(&r, 6, &sb),
			    "add intel_iommu=on to the kernel command line and reboot");

	assert_int_equal(gp_report_find(&r, 0, 1, GP_ROLE_FIX), 6);
	assert_int_equal(gp_report_find(&r, 0, 2, GP_ROLE_DETAIL), 1);
	assert_int_equal(gp_report_find(&r, 2, 2, GP_ROLE_DETAIL), 2);
	assert_int_equal(gp_report_find(&r, 3, 2, GP_ROLE_DETAIL), -1);
	assert_int_equal(gp_report_add(&r, 0, GP_ROLE_NOTE, GP_MSG_N_CODES), -EINVAL);

	gp_strbuf_release(&sb);
	gp_report_free(&r);
	assert_int_equal(r.n, 0);
	assert_null(r.item);
}

/* A GP_ARG_MSG argument renders the word's text; positional forms reorder. */
static void test_render_msg_arg(void **state)
{
	struct gp_report_item it;
	struct gp_strbuf sb = GP_STRBUF_INIT;

	(void)state;
	memset(&it, 0, sizeof(it));
	it.code = GP_MSG_CHK_CANNOT_TELL;
	it.n_args = 2;
	it.arg[0].type = GP_ARG_MSG;  /* a %s may take a word too */
	it.arg[0].v.i = GP_MSG_WORD_INTEL_VTD;
	it.arg[1].type = GP_ARG_ERRNO;
	it.arg[1].v.i = EACCES;
	assert_int_equal(gp_report_format(&it, 0, &sb), 0);
	assert_string_equal(gp_strbuf_str(&sb), "cannot tell: Intel VT-d: Permission denied");
	it.arg[1].type = GP_ARG_INT;  /* %s cannot show an INT */
	gp_strbuf_reset(&sb);
	assert_int_equal(gp_report_format(&it, 0, &sb), -EINVAL);
	gp_strbuf_release(&sb);
}

static const char *text_of(const struct gp_report *r, long i, struct gp_strbuf *sb)
{
	assert_true(i >= 0);
	gp_strbuf_reset(sb);
	assert_int_equal(gp_report_format(&r->item[i], 0, sb), 0);
	return gp_strbuf_str(sb);
}

/* The plan's notes and a forced guard hit come out as the CLI words them. */
static void test_plan_report(void **state)
{
	struct gp_plan pl;
	struct gp_guard_hit hit;
	struct gp_inventory inv;
	struct gp_syscheck chk;
	struct gp_report r = GP_REPORT_INIT;
	struct gp_strbuf sb = GP_STRBUF_INIT;
	long i;

	(void)state;
	memset(&pl, 0, sizeof(pl));
	memset(&hit, 0, sizeof(hit));
	memset(&inv, 0, sizeof(inv));
	memset(&chk, 0, sizeof(chk));
	hit.guard = GP_GUARD_IOMMU;
	hit.forced = 1;
	hit.group = -1;
	strcpy(hit.detail, "no IOMMU groups");
	pl.guards = &hit;
	pl.n_guards = 1;
	pl.iommu_unusable = 1;
	strcpy(pl.cmdline_added, "intel_iommu=on");
	chk.loader = &gp_loader_grub;
	assert_int_equal(gp_plan_report(&pl, &inv, &chk, &r), 0);
	i = gp_report_find(&r, 0, GP_PLAN_TOPIC_NOTES, GP_ROLE_NOTE);
	assert_int_equal(r.item[i].code, GP_MSG_PLAN_IOMMU_UNUSABLE);
	i = gp_report_find(&r, (size_t)i + 1, GP_PLAN_TOPIC_NOTES, GP_ROLE_NOTE);
	assert_string_equal(text_of(&r, i, &sb), "Kernel command line: adds intel_iommu=on "
			    "(normal boot entries only, through " GP_GRUB_DROPIN_PATH ")\n");
	assert_int_equal(gp_report_find(&r, (size_t)i + 1, GP_PLAN_TOPIC_NOTES, GP_ROLE_NOTE), -1);
	i = gp_report_find(&r, 0, 0, GP_ROLE_SUMMARY);
	assert_int_equal(r.item[i].code, GP_MSG_GUARD_IOMMU);
	assert_int_equal(r.item[i].sev, GP_SEV_WARN);
	i = gp_report_find(&r, 0, 0, GP_ROLE_DETAIL);
	assert_string_equal(text_of(&r, i, &sb), "the IOMMU is not active (no IOMMU groups): "
			    "vfio-pci can bind nothing until it is");
	i = gp_report_find(&r, (size_t)i + 1, 0, GP_ROLE_DETAIL);
	assert_int_equal(r.item[i].code, GP_MSG_GUARD_IOMMU_INTEL_ON_ADDED);
	gp_report_free(&r);

	pl.n_guards = 0;
	pl.iommu_unusable = 0;
	pl.bootloader_unsupported = 1;
	strcpy(pl.cmdline_manual, "intel_iommu=on");
	chk.loader = NULL;
	assert_int_equal(gp_plan_report(&pl, &inv, &chk, &r), 0);
	assert_int_equal(r.n, 2);
	assert_string_equal(text_of(&r, 0, &sb), "Boot loader: none that gpupt-setup can change "
			    "(GRUB, systemd-boot, kernelstub), so it changes no kernel command "
			    "line here.\n");
	assert_string_equal(text_of(&r, 1, &sb),
			    "Add intel_iommu=on to the kernel command line yourself.\n");
	gp_report_free(&r);
	gp_strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_complete),
		cmocka_unit_test(test_table_formats),
		cmocka_unit_test(test_check_format),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_render_msg_arg),
		cmocka_unit_test(test_plan_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
