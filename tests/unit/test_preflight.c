/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of the preflight predicates (preflight.h) on a scratch root,
 * and of which guards a force word may lift.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "answers.h"
#include "generator.h"
#include "plan.h"
#include "preflight.h"

static char root[64];
static struct gp_path path;

/* Write @content to @rel below the scratch root with @mode, parents made. */
static void put(const char *rel, const char *content, mode_t mode)
{
	char full[512], *slash;
	FILE *f;

	snprintf(full, sizeof(full), "%s%s", root, rel);
	for (slash = strchr(full + strlen(root) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(full, 0755);
		*slash = '/';
	}
	f = fopen(full, "w");
	assert_non_null(f);
	fputs(content, f);
	fclose(f);
	assert_int_equal(chmod(full, mode), 0);
}

static void mkdir_in(const char *rel)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", root, rel);
	put("/.keep", "", 0644);   /* the root exists */
	assert_int_equal(mkdir(full, 0755) == 0 || errno == EEXIST, 1);
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/test_preflight.XXXXXX");
	if (!mkdtemp(root))
		return -1;
	return gp_path_init(&path, root);
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	gp_path_fini(&path);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_piece(void **state)
{
	enum gp_piece_state st;

	(void)state;
	assert_int_equal(gp_preflight_piece(&path, "/usr/sbin/gpupt-bind", &st), 0);
	assert_int_equal(st, GP_PIECE_MISSING);
	put("/usr/sbin/gpupt-bind", "x", 0644);
	assert_int_equal(gp_preflight_piece(&path, "/usr/sbin/gpupt-bind", &st), 0);
	assert_int_equal(st, GP_PIECE_NOT_EXECUTABLE);
	put("/usr/sbin/gpupt-bind", "x", 0755);
	assert_int_equal(gp_preflight_piece(&path, "/usr/sbin/gpupt-bind", &st), 0);
	assert_int_equal(st, GP_PIECE_OK);
	/* A directory is not the program. */
	mkdir_in("/usr/sbin/dir");
	assert_int_equal(gp_preflight_piece(&path, "/usr/sbin/dir", &st), 0);
	assert_int_equal(st, GP_PIECE_MISSING);
	/* Below a file: not there either. */
	assert_int_equal(gp_preflight_piece(&path, "/usr/sbin/gpupt-bind/x", &st), 0);
	assert_int_equal(st, GP_PIECE_MISSING);
}

static void test_binder_path(void **state)
{
	char bin[256];

	(void)state;
	/* No hook: the default. */
	assert_int_equal(gp_preflight_binder_path(&path, GP_TOOLS_HOOK_PATH, bin, sizeof(bin)), 0);
	assert_string_equal(bin, GP_BIND_BIN_DEFAULT);
	/* make install with PREFIX=/usr/local names its SBINDIR in the hook. */
	put(GP_TOOLS_HOOK_PATH, "#!/bin/sh\nbin=${GPUPT_BIND_BIN:-/usr/local/sbin/gpupt-bind}\n",
	    0755);
	assert_int_equal(gp_preflight_binder_path(&path, GP_TOOLS_HOOK_PATH, bin, sizeof(bin)), 0);
	assert_string_equal(bin, "/usr/local/sbin/gpupt-bind");
	/* A relative or unterminated default is not believed. */
	put(GP_TOOLS_HOOK_PATH, "bin=${GPUPT_BIND_BIN:-gpupt-bind}\n", 0755);
	assert_int_equal(gp_preflight_binder_path(&path, GP_TOOLS_HOOK_PATH, bin, sizeof(bin)), 0);
	assert_string_equal(bin, GP_BIND_BIN_DEFAULT);
	put(GP_TOOLS_HOOK_PATH, "bin=${GPUPT_BIND_BIN:-/opt/x\n}", 0755);
	assert_int_equal(gp_preflight_binder_path(&path, GP_TOOLS_HOOK_PATH, bin, sizeof(bin)), 0);
	assert_string_equal(bin, GP_BIND_BIN_DEFAULT);
	/* Too long for the buffer: said, not cut. */
	put(GP_TOOLS_HOOK_PATH, "bin=${GPUPT_BIND_BIN:-/usr/local/sbin/gpupt-bind}\n", 0755);
	assert_int_equal(gp_preflight_binder_path(&path, GP_TOOLS_HOOK_PATH, bin, 8),
			 -ENAMETOOLONG);
}

static void test_pieces(void **state)
{
	char paths[3][GP_PATH_MAX];

	(void)state;
	assert_int_equal(gp_preflight_pieces(&path, NULL, paths, 3), 0);
	assert_int_equal(gp_preflight_pieces(&path, &gp_generator_tools, paths, 3), 3);
	assert_string_equal(paths[0], GP_BIND_BIN_DEFAULT);
	assert_string_equal(paths[1], GP_TOOLS_HOOK_PATH);
	assert_string_equal(paths[2], GP_TOOLS_INIT_TOP_PATH);
	assert_int_equal(gp_preflight_pieces(&path, &gp_generator_dracut, paths, 3), 3);
	assert_string_equal(paths[1], GP_DRACUT_MODULE_DIR "/module-setup.sh");
	assert_string_equal(paths[2], GP_DRACUT_MODULE_DIR "/gpupt-pre-udev.sh");
	assert_int_equal(gp_preflight_pieces(&path, &gp_generator_tools, paths, 2), -ENAMETOOLONG);
}

static void test_kernels(void **state)
{
	struct gp_kernels k;

	(void)state;
	assert_int_equal(gp_preflight_kernel_names(&path, &k), 0);
	gp_kernels_free(&k);
	/* Whole, /boot only, /lib/modules only. */
	put("/boot/vmlinuz-6.1.0-26-amd64", "", 0644);
	put("/boot/initrd.img-6.1.0-26-amd64", "", 0644);
	mkdir_in("/lib");
	mkdir_in("/lib/modules");
	mkdir_in("/lib/modules/6.1.0-26-amd64");
	put("/boot/vmlinuz-6.1.0-9-amd64", "", 0644);
	mkdir_in("/lib/modules/6.1.0-13-amd64");
	assert_int_equal(gp_preflight_kernel_lacks(&path, NULL, "6.1.0-26-amd64"), 0);
	assert_int_equal(gp_preflight_kernel_lacks(&path, NULL, "6.1.0-9-amd64"),
			 GP_KERNEL_NO_MODULES | GP_KERNEL_NO_INITRD);
	assert_int_equal(gp_preflight_kernel_lacks(&path, NULL, "6.1.0-13-amd64"),
			 GP_KERNEL_NO_IMAGE | GP_KERNEL_NO_INITRD);
	assert_int_equal(gp_preflight_kernel_names(&path, &k), 3);
	/* Once each, in version order. */
	assert_string_equal(k.rel[0], "6.1.0-9-amd64");
	assert_string_equal(k.rel[1], "6.1.0-13-amd64");
	assert_string_equal(k.rel[2], "6.1.0-26-amd64");
	gp_kernels_free(&k);
}

static void test_forceable(void **state)
{
	(void)state;
	assert_int_equal(gp_guard_forceable(GP_GUARD_PARTIAL_GROUP), 1);
	assert_int_equal(gp_guard_forceable(GP_GUARD_GROUP), 1);
	assert_int_equal(gp_guard_forceable(GP_GUARD_NO_GENERATOR), 0);
	assert_int_equal(gp_guard_forceable(GP_GUARD_NO_KERNEL), 0);
	assert_int_equal(gp_guard_forceable(GP_GUARD_KERNEL_HALF), 0);
	assert_int_equal(gp_guard_forceable(GP_GUARD_NOT_INSTALLED), 0);
	assert_int_equal(gp_guard_forceable(GP_GUARD_NO_VFIO), 0);
	/* The answers file names the forceable ones only. */
	assert_string_equal(gp_guard_name(GP_GUARD_PARTIAL_GROUP), "partial-group");
	assert_string_equal(gp_guard_name(GP_GUARD_NOT_INSTALLED), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_piece, setup, teardown),
		cmocka_unit_test_setup_teardown(test_binder_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pieces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kernels, setup, teardown),
		cmocka_unit_test(test_forceable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
