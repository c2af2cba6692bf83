/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of the hand-off to the VM (vmconfig.h) on a hand-built
 * inventory: guest functions numbered from 0 per card even when the host's
 * are not contiguous, multifunction only on function 0 of a card of
 * several, one warning per function not on vfio-pci (an unreadable driver
 * as "unknown"), a group that is not viable said once and only for a member
 * outside the chosen functions, no IOMMU group, and the 64-bit MMIO window:
 * the smallest power of two of MiB holding every 64-bit BAR.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "vmconfig.h"

#define GIB (UINT64_C(1) << 30)
#define MIB (UINT64_C(1) << 20)

enum { BRIDGE, A0, A2, B0, B1, NVME, C0, N_DEVS };

static struct gp_pci_dev devs[N_DEVS];
static struct gp_iommu_group groups[2];
static char group_a[3][GP_PCI_ADDR_LEN] = { "0000:00:01.0", "0000:01:00.0", "0000:01:00.2" };
static char group_b[3][GP_PCI_ADDR_LEN] = { "0000:02:00.0", "0000:02:00.1", "0000:03:00.0" };
static struct gp_inventory inv;

static void dev(int i, unsigned bus, unsigned fn, uint32_t class_code, const char *driver,
		const struct gp_iommu_group *g)
{
	struct gp_pci_dev *d = &devs[i];

	memset(d, 0, sizeof(*d));
	d->bus = bus;
	d->func = fn;
	snprintf(d->address, sizeof(d->address), "0000:%02x:00.%u", bus, fn);
	d->class_code = class_code;
	snprintf(d->driver, sizeof(d->driver), "%s", driver);
	d->group = g;
	d->iommu_group = g ? g->id : -1;
}

static int setup(void **state)
{
	(void)state;
	groups[0] = (struct gp_iommu_group){ .id = 13, .n_members = 3, .members = group_a };
	groups[1] = (struct gp_iommu_group){ .id = 15, .n_members = 3, .members = group_b };
	dev(BRIDGE, 0, 0, 0x060400, "pcieport", &groups[0]);
	devs[BRIDGE].slot = 1;
	snprintf(devs[BRIDGE].address, sizeof(devs[BRIDGE].address), "0000:00:01.0");
	dev(A0, 1, 0, 0x030000, "vfio-pci", &groups[0]);
	dev(A2, 1, 2, 0x0c0330, "vfio-pci", &groups[0]);
	dev(B0, 2, 0, 0x030000, "nvidia", &groups[1]);
	dev(B1, 2, 1, 0x040300, "", &groups[1]);
	devs[B1].driver_err = -EACCES;
	dev(NVME, 3, 0, 0x010802, "nvme", &groups[1]);
	dev(C0, 4, 0, 0x030200, "", NULL);
	devs[C0].n_bars = 3;
	devs[C0].bars[0] = (struct gp_bar){ .index = 0, .size = 16 * MIB, .type = GP_BAR_MEM32 };
	devs[C0].bars[1] = (struct gp_bar){ .index = 1, .size = 8 * GIB, .type = GP_BAR_MEM64 };
	devs[C0].bars[2] = (struct gp_bar){ .index = 3, .size = 32 * MIB, .type = GP_BAR_MEM64 };
	memset(&inv, 0, sizeof(inv));
	inv.devs = devs;
	inv.n_devs = N_DEVS;
	inv.groups = groups;
	inv.n_groups = 2;
	return 0;
}

static void layout(void **state)
{
	char chosen[N_DEVS] = { 0 };
	struct gp_vm_config c;

	(void)state;
	chosen[A0] = chosen[A2] = chosen[C0] = 1;
	assert_int_equal(gp_vm_config_build(&inv, chosen, &c), 0);
	assert_int_equal(c.n_funcs, 3);
	assert_int_equal(c.n_cards, 2);
	assert_string_equal(c.funcs[0].address, "0000:01:00.0");
	assert_int_equal(c.funcs[0].guest_func, 0);
	assert_int_equal(c.funcs[0].multifunction, 1);
	assert_int_equal(c.funcs[0].card_functions, 2);
	/* host function 2, guest function 1: a guest looks for function 0 first */
	assert_string_equal(c.funcs[1].address, "0000:01:00.2");
	assert_int_equal(c.funcs[1].guest_func, 1);
	assert_int_equal(c.funcs[1].multifunction, 0);
	assert_int_equal(c.funcs[1].card, 0);
	assert_int_equal(c.funcs[2].card, 1);
	assert_int_equal(c.funcs[2].card_functions, 1);
	assert_int_equal(c.funcs[2].multifunction, 0);
	gp_vm_config_free(&c);
}

static void warnings(void **state)
{
	char chosen[N_DEVS] = { 0 };
	struct gp_vm_config c;

	(void)state;
	chosen[B0] = chosen[B1] = chosen[C0] = 1;
	assert_int_equal(gp_vm_config_build(&inv, chosen, &c), 0);
	assert_int_equal(c.n_warns, 6);
	assert_int_equal(c.warns[0].code, GP_VM_W_NOT_VFIO);
	assert_string_equal(c.warns[0].driver, "nvidia");
	/* the group: the NVMe drive outside the card, not the card's own functions */
	assert_int_equal(c.warns[1].code, GP_VM_W_GROUP);
	assert_int_equal(c.warns[1].group, 15);
	assert_string_equal(c.warns[1].member, "0000:03:00.0");
	assert_string_equal(c.warns[1].driver, "nvme");
	assert_int_equal(c.warns[2].code, GP_VM_W_NOT_VFIO);
	assert_string_equal(c.warns[2].driver, "unknown");
	/* no driver at all is not vfio-pci either */
	assert_int_equal(c.warns[3].code, GP_VM_W_NOT_VFIO);
	assert_string_equal(c.warns[3].driver, "");
	assert_int_equal(c.warns[4].code, GP_VM_W_NO_GROUP);
	assert_int_equal(c.warns[5].code, GP_VM_W_LARGE_BAR);
	assert_int_equal(c.warns[5].bar, 1);
	assert_true(c.warns[5].size == 8 * GIB);
	/* 8 GiB + 32 MiB of 64-bit BARs: a 16 GiB window */
	assert_true(c.mmio64_mb == 16384);
	gp_vm_config_free(&c);
}

static void viable_group_quiet(void **state)
{
	char chosen[N_DEVS] = { 0 };
	struct gp_vm_config c;

	(void)state;
	chosen[A0] = chosen[A2] = 1;   /* group 13: the bridge aside, all chosen, on vfio-pci */
	assert_int_equal(gp_vm_config_build(&inv, chosen, &c), 0);
	assert_int_equal(c.n_warns, 0);
	assert_true(c.mmio64_mb == 0);
	gp_vm_config_free(&c);
	/* with the NVMe drive moved to vfio-pci, group 15 is no longer in the way */
	snprintf(devs[NVME].driver, sizeof(devs[NVME].driver), "vfio-pci");
	memset(chosen, 0, sizeof(chosen));
	chosen[B0] = chosen[B1] = 1;
	assert_int_equal(gp_vm_config_build(&inv, chosen, &c), 0);
	assert_int_equal(c.n_warns, 2);
	assert_int_equal(c.warns[0].code, GP_VM_W_NOT_VFIO);
	assert_int_equal(c.warns[1].code, GP_VM_W_NOT_VFIO);
	gp_vm_config_free(&c);
	/* a member left out whose driver cannot be read counts as on a host driver */
	chosen[B1] = 0;
	assert_int_equal(gp_vm_config_build(&inv, chosen, &c), 0);
	assert_int_equal(c.n_warns, 2);
	assert_int_equal(c.warns[1].code, GP_VM_W_GROUP);
	assert_string_equal(c.warns[1].member, "0000:02:00.1");
	assert_string_equal(c.warns[1].driver, "unknown");
	gp_vm_config_free(&c);
	snprintf(devs[NVME].driver, sizeof(devs[NVME].driver), "nvme");
}

static void nothing_chosen(void **state)
{
	char chosen[N_DEVS] = { 0 };
	struct gp_vm_config c;

	(void)state;
	assert_int_equal(gp_vm_config_build(&inv, chosen, &c), -ENOENT);
	assert_int_equal(c.n_funcs, 0);
	assert_null(c.funcs);
}

static void choose_named(void **state)
{
	char chosen[N_DEVS];
	struct gp_card_choice why;

	(void)state;
	/* any function of the slot names the whole slot */
	assert_int_equal(gp_card_choose(NULL, &inv, "01:00.2", chosen, &why), 0);
	assert_int_equal(chosen[A0] + chosen[A2], 2);
	assert_int_equal(chosen[B0] + chosen[B1] + chosen[C0] + chosen[BRIDGE], 0);
	assert_int_equal(gp_card_choose(NULL, &inv, "0000:09:00.0", chosen, &why), -EINVAL);
	assert_int_equal(why.match.err, GP_CARD_E_NO_SUCH);
	assert_int_equal(gp_card_choose(NULL, &inv, "card", chosen, &why), -EINVAL);
	assert_int_equal(why.match.err, GP_CARD_E_BAD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(layout, setup),
		cmocka_unit_test_setup(warnings, setup),
		cmocka_unit_test_setup(viable_group_quiet, setup),
		cmocka_unit_test_setup(nothing_chosen, setup),
		cmocka_unit_test_setup(choose_named, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
