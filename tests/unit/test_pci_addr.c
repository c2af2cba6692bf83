/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one PCI address parser: every accepted and refused form, and the
 * formatter's output parsing back to the same address.  Inputs are copied
 * to exactly-sized buffers (no NUL) so valgrind catches a read past the end.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pci_addr.h"

static int parse(const char *s, unsigned int flags, struct gp_pci_addr *a)
{
	size_t n = strlen(s);
	char *copy = malloc(n ? n : 1);
	int r;

	assert_non_null(copy);
	memcpy(copy, s, n);
	r = gp_pci_addr_parse(copy, n, flags, a);
	free(copy);
	return r;
}

static void expect(const char *s, unsigned int flags, uint32_t d, unsigned b, unsigned sl,
		   unsigned f)
{
	struct gp_pci_addr a;

	assert_int_equal(parse(s, flags, &a), 0);
	assert_int_equal(a.domain, d);
	assert_int_equal(a.bus, b);
	assert_int_equal(a.slot, sl);
	assert_int_equal(a.func, f);
}

static void test_accepted(void **state)
{
	(void)state;
	expect("0000:01:00.0", 0, 0, 1, 0, 0);
	expect("0000:65:00.1", 0, 0, 0x65, 0, 1);
	expect("0000:FF:1F.7", 0, 0, 0xff, 0x1f, 7);
	expect("10000:d0:1f.7", 0, 0x10000, 0xd0, 0x1f, 7);
	expect("7fffffff:00:00.0", 0, 0x7fffffff, 0, 0, 0);
	expect("00000001:02:03.4", 0, 1, 2, 3, 4);
	expect("01:00.0", GP_PCI_ADDR_SHORT, 0, 1, 0, 0);
	expect("0000:01:00.0", GP_PCI_ADDR_SHORT, 0, 1, 0, 0);
}

static void test_refused(void **state)
{
	static const char *const bad[] = {
		"", "card0", "0:1:0.0", "000:01:00.0", "000000000:01:00.0", "80000000:00:00.0",
		"0000:1:00.0", "0000:001:00.0", "0000:01:0.0", "0000:01:20.0", "0000:01:00.8",
		"0000:01:00", "0000:01:00.0x", "0000:01:00.00", "0000:0g:00.0", "0000.01:00.0",
		"0000:01.00.0", "0000:01:00:0", "0000:01:00.0:", " 0000:01:00.0", "0000:01:00.0 ",
		"+000:01:00.0", "0x00:01:00.0", "00-0:01:00.0",
	};
	struct gp_pci_addr a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(bad[i], 0, &a), -EINVAL);
		assert_int_equal(parse(bad[i], GP_PCI_ADDR_SHORT, &a), -EINVAL);
	}
	/* The short form only when asked for. */
	assert_int_equal(parse("01:00.0", 0, &a), -EINVAL);
	assert_int_equal(parse("1:00.0", GP_PCI_ADDR_SHORT, &a), -EINVAL);
	assert_int_equal(parse("01:00.8", GP_PCI_ADDR_SHORT, &a), -EINVAL);
	assert_int_equal(parse(":01:00.0", GP_PCI_ADDR_SHORT, &a), -EINVAL);
}

/* The hex reader is the one length check: nine digits never wrap into a value. */
static void test_hex_n(void **state)
{
	uint32_t v = 1;

	(void)state;
	assert_int_equal(gp_hex_n("7fffffff", 8, &v), 0);
	assert_int_equal(v, 0x7fffffff);
	assert_int_equal(gp_hex_n("FfFf", 4, &v), 0);
	assert_int_equal(v, 0xffff);
	assert_int_equal(gp_hex_n("", 0, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(gp_hex_n("000000001", 9, &v), -1);
	assert_int_equal(gp_hex_n("100000000", 9, &v), -1);
	assert_int_equal(gp_hex_n("0g", 2, &v), -1);
	assert_int_equal(parse("000000001:01:00.0", 0, &(struct gp_pci_addr){ 0 }), -EINVAL);
	assert_int_equal(parse("123456789:01:00.0", 0, &(struct gp_pci_addr){ 0 }), -EINVAL);
}

static void test_round_trip(void **state)
{
	static const uint32_t domains[] = { 0, 1, 0xffff, 0x10000, 0xabcdef, 0x7fffffff };
	char buf[GP_PCI_ADDR_SIZE];
	struct gp_pci_addr a, back;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(domains) / sizeof(domains[0]); i++) {
		a.domain = domains[i];
		a.bus = (uint8_t)(0x11 * i);
		a.slot = (uint8_t)(i * 5 % 0x20);
		a.func = (uint8_t)(i % 8);
		size_t len = gp_pci_addr_format(&a, buf);

		assert_int_equal(len, strlen(buf));
		assert_int_equal(gp_pci_addr_parse(buf, strlen(buf), 0, &back), 0);
		assert_int_equal(back.domain, a.domain);
		assert_int_equal(back.bus, a.bus);
		assert_int_equal(back.slot, a.slot);
		assert_int_equal(back.func, a.func);
	}
	a.domain = 0;
	a.bus = 1;
	a.slot = 0;
	a.func = 1;
	gp_pci_addr_format(&a, buf);
	assert_string_equal(buf, "0000:01:00.1");
	a.domain = 0x10000;
	a.bus = 0xd0;
	a.slot = 0x1f;
	a.func = 7;
	gp_pci_addr_format(&a, buf);
	assert_string_equal(buf, "10000:d0:1f.7");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_hex_n),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
