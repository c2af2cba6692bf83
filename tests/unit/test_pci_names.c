/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of pci_names: udev's hwdb is asked on the live system only;
 * a --root names devices from its own pci.ids alone, so fixtures name the
 * same on every host (this host's hwdb knows 8086:1237; a root's pci.ids
 * that lacks it must not name it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "gp_path.h"
#include "pci_names.h"

static const char tiny_ids[] =
	"# a pci.ids with one vendor and one device\n"
	"8086  Intel Corporation\n"
	"\t1533  I210 Gigabit Network Connection\n";

/* A root in a fresh temporary directory, with pci.ids when @ids. */
static void make_root(char *dir, const char *ids)
{
	char path[512];
	FILE *f;

	strcpy(dir, "/tmp/gpupt-names.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/sys", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	if (!ids)
		return;
	snprintf(path, sizeof(path), "%s/usr", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/usr/share", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/usr/share/misc", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/usr/share/misc/pci.ids", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(ids, f);
	fclose(f);
}

static void remove_root(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* The decision: the live system may use hwdb, any other root may not. */
static void hwdb_only_on_the_host(void **state)
{
	struct gp_path p;
	char dir[64];

	(void)state;
	assert_int_equal(gp_path_init(&p, "/"), 0);
	assert_int_equal(gp_pci_names_hwdb_allowed(&p), 1);
	gp_path_fini(&p);
	assert_int_equal(gp_path_init(&p, NULL), 0);
	assert_int_equal(gp_pci_names_hwdb_allowed(&p), 1);
	gp_path_fini(&p);
	make_root(dir, NULL);
	assert_int_equal(gp_path_init(&p, dir), 0);
	assert_int_equal(gp_pci_names_hwdb_allowed(&p), 0);
	gp_path_fini(&p);
	remove_root(dir);
}

/* A root without pci.ids names nothing, whatever the host's hwdb knows. */
static void root_without_ids_has_no_names(void **state)
{
	struct gp_pci_names *n = NULL;
	struct gp_path p;
	char dir[64];

	(void)state;
	make_root(dir, NULL);
	assert_int_equal(gp_path_init(&p, dir), 0);
	assert_int_equal(gp_pci_names_open(&p, &n), 0);
	assert_int_equal(gp_pci_names_available(n), 0);
	assert_null(gp_pci_name(n, GP_NAME_VENDOR, 0x8086, 0, 0, 0));
	assert_null(gp_pci_name(n, GP_NAME_DEVICE, 0x8086, 0x1237, 0, 0));
	gp_pci_names_close(n);
	gp_path_fini(&p);
	remove_root(dir);
}

/* A root's pci.ids names what it lists and nothing more: no hwdb fallback. */
static void root_ids_alone(void **state)
{
	struct gp_pci_names *n = NULL;
	struct gp_path p;
	char dir[64], *name;

	(void)state;
	make_root(dir, tiny_ids);
	assert_int_equal(gp_path_init(&p, dir), 0);
	assert_int_equal(gp_pci_names_open(&p, &n), 0);
	assert_int_equal(gp_pci_names_available(n), 1);
	name = gp_pci_name(n, GP_NAME_DEVICE, 0x8086, 0x1533, 0, 0);
	assert_non_null(name);
	assert_string_equal(name, "I210 Gigabit Network Connection");
	free(name);
	assert_null(gp_pci_name(n, GP_NAME_DEVICE, 0x8086, 0x1237, 0, 0));
	gp_pci_names_close(n);
	gp_path_fini(&p);
	remove_root(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hwdb_only_on_the_host),
		cmocka_unit_test(root_without_ids_has_no_names),
		cmocka_unit_test(root_ids_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
