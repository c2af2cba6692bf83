/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the PCI inventory: attribute parsers, and the build on a tiny sysroot. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

#include "inventory.h"
#include "pci_parse.h"

#define GIB (UINT64_C(1) << 30)

/* --- parsers ---------------------------------------------------------------- */

static const char resource_gpu[] =
	"0x00000000a1000000 0x00000000a1ffffff 0x0000000000040200\n"
	"0x0000038000000000 0x00000387ffffffff 0x000000000014220c\n"
	"0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
	"0x0000038800000000 0x0000038801ffffff 0x000000000014220c\n"
	"0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
	"0x0000000000003000 0x000000000000307f 0x0000000000040101\n"
	"0x0000000000000000 0x0000000000000000 0x0000000000000000\n";

static void resource_bars(void **state)
{
	struct gp_bar b[GP_PCI_BARS];

	(void)state;
	assert_int_equal(gp_pci_parse_resource(resource_gpu, b), 4);
	assert_int_equal(b[0].index, 0);
	assert_int_equal(b[0].size, 16u << 20);
	assert_int_equal(b[0].type, GP_BAR_MEM32);
	assert_false(b[0].prefetchable);
	assert_false(b[0].above_4g);
	assert_int_equal(b[1].index, 1);
	assert_true(b[1].size == 32 * GIB);
	assert_int_equal(b[1].type, GP_BAR_MEM64);
	assert_true(b[1].prefetchable);
	assert_true(b[1].above_4g);
	assert_int_equal(b[2].index, 3);
	assert_false(b[2].above_4g);
	assert_int_equal(b[3].index, 5);
	assert_int_equal(b[3].type, GP_BAR_IO);
	assert_int_equal(b[3].size, 128);
}

static void resource_exactly_4g_is_large(void **state)
{
	static const char text[] =
		"0x0000001000000000 0x00000010ffffffff 0x000000000014220c\n"
		"0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n";
	struct gp_bar b[GP_PCI_BARS];

	(void)state;
	assert_int_equal(gp_pci_parse_resource(text, b), 1);
	assert_true(b[0].size == 4 * GIB);
	assert_true(b[0].above_4g);
}

static void resource_malformed(void **state)
{
	struct gp_bar b[GP_PCI_BARS];

	(void)state;
	/* Too few lines, a missing field, garbage, a bad later line. */
	assert_int_equal(gp_pci_parse_resource("", b), -EINVAL);
	assert_int_equal(gp_pci_parse_resource("0x0 0x0 0x0\n", b), -EINVAL);
	assert_int_equal(gp_pci_parse_resource(
		"0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n", b),
		-EINVAL);
	assert_int_equal(gp_pci_parse_resource(
		"zz\n0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n", b), -EINVAL);
	assert_int_equal(gp_pci_parse_resource(
		"0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n"
		"0x0 junk\n", b), -EINVAL);
	/* Hex overflow is malformed, not a wrapped size. */
	assert_int_equal(gp_pci_parse_resource(
		"0x1ffffffffffffffff 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n"
		"0x0 0x0 0x0\n0x0 0x0 0x0\n", b), -EINVAL);
}

static void address(void **state)
{
	unsigned d, b, s, f;

	(void)state;
	assert_int_equal(gp_pci_parse_address("0000:65:00.1", &d, &b, &s, &f), 0);
	assert_int_equal(d, 0);
	assert_int_equal(b, 0x65);
	assert_int_equal(s, 0);
	assert_int_equal(f, 1);
	assert_int_equal(gp_pci_parse_address("10000:d0:1f.7", &d, &b, &s, &f), 0);
	assert_int_equal(d, 0x10000);
	assert_int_equal(s, 0x1f);
	assert_int_equal(gp_pci_parse_address("0000:65:20.0", &d, &b, &s, &f), -EINVAL);
	assert_int_equal(gp_pci_parse_address("0000:65:00.8", &d, &b, &s, &f), -EINVAL);
	assert_int_equal(gp_pci_parse_address("0000:165:00.0", &d, &b, &s, &f), -EINVAL);
	assert_int_equal(gp_pci_parse_address("0000:65:00", &d, &b, &s, &f), -EINVAL);
	assert_int_equal(gp_pci_parse_address("0000:65:00.0x", &d, &b, &s, &f), -EINVAL);
	assert_int_equal(gp_pci_parse_address("card0", &d, &b, &s, &f), -EINVAL);
}

static void numbers(void **state)
{
	unsigned long v;
	long n;

	(void)state;
	assert_int_equal(gp_pci_parse_hex("0x10de", 0xffff, &v), 0);
	assert_int_equal(v, 0x10de);
	assert_int_equal(gp_pci_parse_hex("24B0", 0xffff, &v), 0);
	assert_int_equal(v, 0x24b0);
	assert_int_equal(gp_pci_parse_hex("0x110de", 0xffff, &v), -EINVAL);
	assert_int_equal(gp_pci_parse_hex("0x", 0xffff, &v), -EINVAL);
	assert_int_equal(gp_pci_parse_hex("", 0xffff, &v), -EINVAL);
	assert_int_equal(gp_pci_parse_hex("0x10de junk", 0xffff, &v), -EINVAL);
	assert_int_equal(gp_pci_parse_hex("-1", 0xffff, &v), -EINVAL);
	assert_int_equal(gp_pci_parse_int("-1", -1, 7, &n), 0);
	assert_int_equal(n, -1);
	assert_int_equal(gp_pci_parse_int("1", 0, 1, &n), 0);
	assert_int_equal(gp_pci_parse_int("2", 0, 1, &n), -EINVAL);
	assert_int_equal(gp_pci_parse_int("abc", -1, 7, &n), -EINVAL);
	assert_int_equal(gp_pci_parse_int(" 1", -1, 7, &n), -EINVAL);
	assert_int_equal(gp_pci_parse_int("", -1, 7, &n), -EINVAL);
}

static void modalias(void **state)
{
	(void)state;
	assert_true(gp_pci_modalias_valid("pci:v000010DEd000024B0sv000010DEsd000014ADbc03sc00i00"));
	assert_false(gp_pci_modalias_valid("usb:v1D6Bp0002"));
	assert_false(gp_pci_modalias_valid("pci:v"));
	assert_false(gp_pci_modalias_valid(""));
}

static void modalias_ids(void **state)
{
	struct gp_pci_ids ids;

	(void)state;
	assert_int_equal(gp_pci_parse_modalias(
		"pci:v000010DEd000024B0sv000010DEsd000014ADbc03sc00i00", &ids), 0);
	assert_int_equal(ids.vendor, 0x10de);
	assert_int_equal(ids.device, 0x24b0);
	assert_int_equal(ids.subsys_vendor, 0x10de);
	assert_int_equal(ids.subsys_device, 0x14ad);
	assert_int_equal(ids.class_code, 0x030000);
	assert_int_equal(gp_pci_parse_modalias(
		"pci:v00008086d0000A352sv00008086sd00007270bc01sc06i01", &ids), 0);
	assert_int_equal(ids.class_code, 0x010601);
	/* Truncated, lower case, trailing junk, out of range, wrong bus. */
	assert_int_equal(gp_pci_parse_modalias("pci:v000010DEd", &ids), -EINVAL);
	assert_int_equal(gp_pci_parse_modalias(
		"pci:v000010ded000024B0sv000010DEsd000014ADbc03sc00i00", &ids), -EINVAL);
	assert_int_equal(gp_pci_parse_modalias(
		"pci:v000010DEd000024B0sv000010DEsd000014ADbc03sc00i00x", &ids), -EINVAL);
	assert_int_equal(gp_pci_parse_modalias(
		"pci:v000110DEd000024B0sv000010DEsd000014ADbc03sc00i00", &ids), -EINVAL);
	assert_int_equal(gp_pci_parse_modalias("usb:v1D6Bp0002d0515dc09dsc00dp03", &ids), -EINVAL);
}

/* --- a tiny sysroot ----------------------------------------------------------- */

/* snprintf for paths, failing the test instead of truncating. */
static void __attribute__((format(printf, 3, 4))) pathf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < size);
}

struct tree {
	char root[PATH_MAX];
	struct gp_path p;
};

static void put(const struct tree *t, const char *rel, const char *content)
{
	char path[PATH_MAX], dir[PATH_MAX], *s;
	FILE *f;

	pathf(path, sizeof(path), "%s/%s", t->root, rel);
	pathf(dir, sizeof(dir), "%s", path);
	for (s = dir + strlen(t->root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(dir, 0755);
		*s = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(content, f);
	fclose(f);
}

static void link_to(const struct tree *t, const char *rel, const char *target)
{
	char path[PATH_MAX];

	pathf(path, sizeof(path), "%s/%s", t->root, rel);
	assert_int_equal(symlink(target, path), 0);
}

/* A function below pci0000:00 with the attributes the kernel writes. */
static void function(const struct tree *t, const char *bdf, const char *ven, const char *dev,
		     const char *cls, const char *group)
{
	static const char *const zero = "0x0 0x0 0x0\n";
	char rel[PATH_MAX], file[PATH_MAX], target[PATH_MAX], res[512] = "";

	pathf(rel, sizeof(rel), "sys/devices/pci0000:00/%s", bdf);
#define ATTR(name, val) do { \
	pathf(file, sizeof(file), "%s/%s", rel, name); \
	put(t, file, val); \
} while (0)
	ATTR("vendor", ven);
	ATTR("device", dev);
	ATTR("class", cls);
	ATTR("subsystem_vendor", ven);
	ATTR("subsystem_device", dev);
	ATTR("revision", "0xa1\n");
	ATTR("numa_node", "-1\n");
	ATTR("modalias", "none\n");   /* unusable: identity from the attributes */
	for (int i = 0; i < 6; i++)
		strcat(res, zero);
	ATTR("resource", res);
#undef ATTR
	pathf(file, sizeof(file), "sys/bus/pci/devices/%s", bdf);
	pathf(target, sizeof(target), "../../../devices/pci0000:00/%s", bdf);
	put(t, "sys/bus/pci/devices/.keep", "");
	link_to(t, file, target);
	if (group) {
		pathf(file, sizeof(file), "%s/iommu_group", rel);
		pathf(target, sizeof(target), "../../../kernel/iommu_groups/%s", group);
		link_to(t, file, target);
		pathf(file, sizeof(file), "sys/kernel/iommu_groups/%s/devices/.keep", group);
		put(t, file, "");
		pathf(file, sizeof(file), "sys/kernel/iommu_groups/%s/devices/%s", group, bdf);
		pathf(target, sizeof(target), "../../../../devices/pci0000:00/%s", bdf);
		link_to(t, file, target);
	}
}

static int tree_setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));

	if (!t)
		return -1;
	snprintf(t->root, sizeof(t->root), "/tmp/gpupt-test-inventory-XXXXXX");
	if (!mkdtemp(t->root))
		return -1;
	/* Two identical GPUs with audio, a third GPU of another model, a dangling driver. */
	function(t, "0000:01:00.0", "0x10de\n", "0x24b0\n", "0x030000\n", "13");
	function(t, "0000:01:00.1", "0x10de\n", "0x228b\n", "0x040300\n", "13");
	function(t, "0000:09:00.0", "0x10de\n", "0x24b0\n", "0x030000\n", "14");
	function(t, "0000:09:00.1", "0x10de\n", "0x228b\n", "0x040300\n", "14");
	function(t, "0000:0a:00.0", "0x10de\n", "0x2230\n", "0x030000\n", NULL);
	function(t, "0000:0b:00.0", "0xnope\n", "0x2230\n", "0x030000\n", "15");
	put(t, "sys/devices/pci0000:00/0000:09:00.0/boot_vga", "1\n");
	put(t, "sys/devices/pci0000:00/0000:01:00.0/boot_vga", "0\n");
	put(t, "sys/devices/pci0000:00/0000:0a:00.0/boot_vga", "yes\n");
	link_to(t, "sys/devices/pci0000:00/0000:01:00.0/driver", "../../../bus/pci/drivers/gone");
	if (gp_path_init(&t->p, t->root) < 0)
		return -1;
	*state = t;
	return 0;
}

static int tree_teardown(void **state)
{
	struct tree *t = *state;
	char cmd[PATH_MAX + 16];

	gp_path_fini(&t->p);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->root);
	if (system(cmd) != 0)
		return -1;
	free(t);
	return 0;
}

static const struct gp_pci_dev *dev(const struct gp_inventory *inv, const char *addr)
{
	long i = gp_inventory_find(inv, addr);

	assert_true(i >= 0);
	return &inv->devs[i];
}

static int has_unknown(const struct gp_pci_dev *d, const char *field, int err)
{
	for (size_t i = 0; i < d->n_unknown; i++)
		if (strcmp(d->unknown[i].field, field) == 0 && d->unknown[i].err == err)
			return 1;
	return 0;
}

static void build_tree(void **state)
{
	struct tree *t = *state;
	struct gp_inventory *inv;
	const struct gp_pci_dev *a, *b, *c, *bad;

	assert_int_equal(gp_inventory_build(&t->p, &inv), 0);
	assert_int_equal(inv->n_devs, 6);
	/* Sorted by address, whatever readdir said. */
	assert_string_equal(inv->devs[0].address, "0000:01:00.0");
	assert_string_equal(inv->devs[5].address, "0000:0b:00.0");

	a = dev(inv, "0000:01:00.0");
	b = dev(inv, "0000:09:00.0");
	c = dev(inv, "0000:0a:00.0");
	bad = dev(inv, "0000:0b:00.0");

	/* Group membership, read once per group and linked back. */
	assert_int_equal(inv->n_groups, 3);
	assert_non_null(a->group);
	assert_int_equal(a->group->id, 13);
	assert_int_equal(a->group->n_members, 2);
	assert_string_equal(a->group->members[0], "0000:01:00.0");
	assert_string_equal(a->group->members[1], "0000:01:00.1");
	assert_null(c->group);
	assert_int_equal(c->iommu_group, -1);
	assert_int_equal(c->iommu_group_err, 0);

	/* GPUs, their slot functions and identical models. */
	assert_non_null(a->gpu);
	assert_null(dev(inv, "0000:01:00.1")->gpu);
	assert_int_equal(a->gpu->n_slot_functions, 1);
	assert_string_equal(inv->devs[a->gpu->slot_functions[0]].address, "0000:01:00.1");
	assert_non_null(a->gpu->model);
	assert_ptr_equal(a->gpu->model, b->gpu->model);
	assert_int_equal(a->gpu->model->n_devs, 2);
	assert_string_equal(inv->devs[a->gpu->model->devs[0]].address, "0000:01:00.0");
	assert_string_equal(inv->devs[a->gpu->model->devs[1]].address, "0000:09:00.0");
	assert_int_equal(c->gpu->model->n_devs, 1);     /* 2230 once with a known vendor */
	assert_null(bad->gpu->model);                   /* unknown vendor: never "identical" */
	assert_int_equal(inv->n_gpu_models, 2);
	assert_int_equal(a->gpu->display_connected, -1);

	/* boot_vga: present, absent (not applicable), malformed. */
	assert_int_equal(a->boot_vga, 0);
	assert_int_equal(b->boot_vga, 1);
	assert_int_equal(c->boot_vga, -1);
	assert_true(has_unknown(c, "boot_vga", -EINVAL));

	/* A dangling driver link and a malformed vendor are unknown, nothing else is lost. */
	assert_int_equal(a->driver_err, -ENOLINK);
	assert_true(has_unknown(a, "driver", -ENOLINK));
	assert_string_equal(b->driver, "");
	assert_int_equal(b->driver_err, 0);
	assert_int_equal(bad->vendor_err, -EINVAL);
	assert_true(has_unknown(bad, "vendor", -EINVAL));
	assert_int_equal(bad->device, 0x2230);
	assert_int_equal(bad->group->id, 15);

	/* No kernel in this root: modules are unknown for the whole inventory;
	 * a function's own unusable modalias is recorded on the function. */
	assert_int_equal(inv->kernel_err, -ENOENT);
	assert_int_equal(inv->modules_err, -ENOENT);
	assert_int_equal(a->modules_err, -EINVAL);
	assert_true(has_unknown(a, "modules", -EINVAL));
	assert_false(inv->names_available);
	assert_null(a->vendor_name);
	gp_inventory_free(inv);
}

static void build_missing_sysfs(void **state)
{
	struct gp_inventory *inv = (void *)1;
	struct gp_path p;
	char root[] = "/tmp/gpupt-test-empty-XXXXXX";

	(void)state;
	assert_non_null(mkdtemp(root));
	assert_int_equal(gp_path_init(&p, root), 0);
	assert_int_equal(gp_inventory_build(&p, &inv), -ENOENT);
	assert_null(inv);
	gp_path_fini(&p);
	rmdir(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(resource_bars),
		cmocka_unit_test(resource_exactly_4g_is_large),
		cmocka_unit_test(resource_malformed),
		cmocka_unit_test(address),
		cmocka_unit_test(numbers),
		cmocka_unit_test(modalias),
		cmocka_unit_test(modalias_ids),
		cmocka_unit_test_setup_teardown(build_tree, tree_setup, tree_teardown),
		cmocka_unit_test(build_missing_sysfs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
