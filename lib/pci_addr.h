/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pci_addr — the one PCI bus address type and its one parser.
 *
 * The rule is the kernel's: sysfs names a function "DDDD:BB:DD.F" — a
 * domain of 4 to 8 hex digits (at most 0x7fffffff), then exactly two for
 * the bus, two for the slot (at most 0x1f) and one for the function (at most
 * 7); either case.  The answers file also takes lspci's "BB:DD.F" (domain
 * 0) when the caller asks for it with GP_PCI_ADDR_SHORT.  Nothing else.
 * Pure functions, no stdio and no locale: gpupt-bind links them.
 */
#ifndef GP_PCI_ADDR_H
#define GP_PCI_ADDR_H

#include <stddef.h>
#include <stdint.h>

/* "DDDDDDDD:BB:DD.F" and its NUL: the longest address formatted. */
#define GP_PCI_ADDR_SIZE 17

/* gp_pci_addr_parse() flag: accept "BB:DD.F" too, as domain 0. */
#define GP_PCI_ADDR_SHORT 1u

/**
 * struct gp_pci_addr - one PCI function's bus address.
 * @domain: PCI segment, 0..0x7fffffff.
 * @bus: 0..0xff.
 * @slot: device number on the bus, 0..0x1f.
 * @func: function number, 0..7.
 */
struct gp_pci_addr {
	uint32_t domain;
	uint8_t bus, slot, func;
};

/**
 * gp_hex_n - exactly @n hex digits at @s (either case, no prefix) into @v.
 * By hand, so no locale is consulted.  Returns 0, or -1 when one of them
 * is not a hex digit or @n is over 8 (more than @v holds).
 */
int gp_hex_n(const char *s, size_t n, uint32_t *v);

/**
 * gp_pci_addr_parse - read a bus address.
 * @s: the text; exactly @n bytes are the address (no NUL needed).
 * @n: its length.
 * @flags: 0 or GP_PCI_ADDR_SHORT.
 * @out: filled on success.
 *
 * Returns 0, or -EINVAL for anything not of the form above.
 */
int gp_pci_addr_parse(const char *s, size_t n, unsigned int flags, struct gp_pci_addr *out);

/**
 * gp_pci_addr_format - @a as sysfs names it ("0000:01:00.0", lower case;
 * the domain takes more than four digits only when it needs them).
 * @buf: GP_PCI_ADDR_SIZE bytes, NUL-terminated on return.
 * Returns the length written, the NUL not counted.
 */
size_t gp_pci_addr_format(const struct gp_pci_addr *a, char buf[GP_PCI_ADDR_SIZE]);

#endif /* GP_PCI_ADDR_H */
