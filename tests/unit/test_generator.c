/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of the generators' table (generator.h): the one choice for
 * each probe the plan knows, and each entry's rebuild command and image.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "generator.h"
#include "preflight.h"

/* Choose for @ir; assert who builds and whose command runs (NULL: none). */
static void expect(const struct gp_initramfs *ir, const struct gp_generator_ops *builds,
		   const struct gp_generator_ops *runs)
{
	struct gp_generator_choice ch;

	assert_ptr_equal(gp_generator_choose(ir, &ch), builds);
	assert_ptr_equal(ch.builds, builds);
	assert_ptr_equal(ch.runs, runs);
}

static void test_choose(void **state)
{
	const struct gp_generator_ops *t = &gp_generator_tools, *d = &gp_generator_dracut;
	struct gp_initramfs ir;

	(void)state;
	memset(&ir, 0, sizeof(ir));
	/* Neither: no generator. */
	expect(&ir, NULL, NULL);
	/* Only programs: dracut alone, then update-initramfs wins the tie. */
	ir.dracut = 1;
	expect(&ir, d, d);
	ir.update_initramfs = 1;
	expect(&ir, t, t);
	ir.dracut = 0;
	expect(&ir, t, t);
	/* The probe named initramfs-tools, dracut installed beside it. */
	ir.dracut = 1;
	ir.kind = GP_INITRAMFS_TOOLS;
	expect(&ir, t, t);
	/* The probe named dracut: it beats an update-initramfs that is not its wrapper. */
	ir.kind = GP_INITRAMFS_DRACUT;
	expect(&ir, d, d);
	/* Ubuntu's wrapper: dracut builds (its module counts), update-initramfs runs it. */
	ir.wrapper_runs_dracut = 1;
	expect(&ir, d, t);
	/* A wrapper flag without update-initramfs: dracut runs itself. */
	ir.update_initramfs = 0;
	expect(&ir, d, d);
	/* The probe named dracut but its program is gone: still dracut. */
	ir.dracut = 0;
	ir.wrapper_runs_dracut = 0;
	expect(&ir, d, d);
}

static void test_table(void **state)
{
	size_t i;

	(void)state;
	assert_ptr_equal(gp_generators[0], &gp_generator_tools);
	assert_ptr_equal(gp_generators[1], &gp_generator_dracut);
	assert_null(gp_generators[2]);
	assert_ptr_equal(gp_generator_by_name("initramfs-tools"), &gp_generator_tools);
	assert_ptr_equal(gp_generator_by_name("dracut"), &gp_generator_dracut);
	assert_null(gp_generator_by_name("mkinitcpio"));
	for (i = 0; gp_generators[i]; i++) {
		const struct gp_generator_ops *g = gp_generators[i];

		assert_non_null(g->hook);
		assert_non_null(g->boot_script);
		assert_non_null(g->script_names[0]);
		assert_int_equal(g->reader[0], '/');
		assert_non_null(g->reader_package);
	}
	assert_string_equal(gp_generator_tools.hook, GP_TOOLS_HOOK_PATH);
	assert_string_equal(gp_generator_tools.boot_script, GP_TOOLS_INIT_TOP_PATH);
	assert_string_equal(gp_generator_dracut.hook, GP_DRACUT_MODULE_DIR "/module-setup.sh");
	assert_string_equal(gp_generator_dracut.boot_script,
			    GP_DRACUT_MODULE_DIR "/gpupt-pre-udev.sh");
	assert_int_equal(gp_generator_tools.reading, GP_IMAGE_EXTRACT);
	assert_string_equal(gp_generator_tools.reader, "/usr/bin/unmkinitramfs");
	assert_string_equal(gp_generator_tools.reader_package, "initramfs-tools-core");
	assert_int_equal(gp_generator_dracut.reading, GP_IMAGE_LIST);
	assert_string_equal(gp_generator_dracut.reader, "/usr/bin/lsinitrd");
	assert_string_equal(gp_generator_dracut.reader_package, "dracut-core");
}

static void test_argv_and_image(void **state)
{
	const char *argv[GP_GENERATOR_ARGV_MAX];
	char image[64], tiny[8];

	(void)state;
	assert_int_equal(gp_generator_tools.image_path("6.1.0-26-amd64", image, sizeof(image)), 0);
	assert_string_equal(image, "/boot/initrd.img-6.1.0-26-amd64");
	assert_int_equal(gp_generator_dracut.image_path("6.1.0-26-amd64", image, sizeof(image)), 0);
	assert_string_equal(image, "/boot/initrd.img-6.1.0-26-amd64");
	assert_int_equal(gp_generator_tools.image_path("6.1.0-26-amd64", tiny, sizeof(tiny)),
			 -ENAMETOOLONG);
	assert_int_equal(gp_generator_image_path(NULL, "6.1", image, sizeof(image)), 0);
	assert_string_equal(image, "/boot/initrd.img-6.1");

	memset(argv, 0x55, sizeof(argv));
	gp_generator_tools.rebuild_argv("6.1", "/boot/initrd.img-6.1", argv);
	assert_string_equal(argv[0], "/usr/sbin/update-initramfs");
	assert_string_equal(argv[1], "-u");
	assert_string_equal(argv[2], "-k");
	assert_string_equal(argv[3], "6.1");
	assert_null(argv[4]);
	memset(argv, 0x55, sizeof(argv));
	gp_generator_dracut.rebuild_argv("6.1", "/boot/initrd.img-6.1", argv);
	assert_string_equal(argv[0], "/usr/bin/dracut");
	assert_string_equal(argv[1], "--force");
	assert_string_equal(argv[2], "/boot/initrd.img-6.1");
	assert_string_equal(argv[3], "6.1");
	assert_null(argv[4]);
}

/* Each entry's command is read back as its own, with the image it names, whatever the program. */
static void test_of_command(void **state)
{
	char *tools[] = { (char *)"/tmp/fake", (char *)"-u", (char *)"-k", (char *)"6.1", NULL };
	char *dracut[] = { (char *)"/usr/bin/dracut", (char *)"--force",
			   (char *)"/boot/initrd.img-6.1", (char *)"6.1", NULL };
	char *relative[] = { (char *)"/usr/bin/dracut", (char *)"--force", (char *)"img",
			     (char *)"6.1", NULL };
	char *grub[] = { (char *)"/usr/sbin/update-grub", NULL };
	char image[64], tiny[8];

	(void)state;
	assert_ptr_equal(gp_generator_of_command(tools, "6.1", image, sizeof(image)),
			 &gp_generator_tools);
	assert_string_equal(image, "/boot/initrd.img-6.1");
	assert_ptr_equal(gp_generator_of_command(dracut, "6.1", image, sizeof(image)),
			 &gp_generator_dracut);
	assert_string_equal(image, "/boot/initrd.img-6.1");
	assert_null(gp_generator_of_command(relative, "6.1", image, sizeof(image)));
	assert_string_equal(image, "");
	assert_null(gp_generator_of_command(grub, "", image, sizeof(image)));
	assert_null(gp_generator_of_command(tools, "", image, sizeof(image)));
	assert_null(gp_generator_of_command(dracut, "6.1", tiny, sizeof(tiny)));
	assert_string_equal(tiny, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_choose),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_argv_and_image),
		cmocka_unit_test(test_of_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
