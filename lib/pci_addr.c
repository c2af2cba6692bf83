/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "pci_addr.h"

#include <errno.h>

int gp_hex_n(const char *s, size_t n, uint32_t *v)
{
	*v = 0;
	/* More than 8 digits cannot fit: the one length check for every caller. */
	if (n > 8)
		return -1;
	while (n--) {
		char c = *s++;
		int d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			return -1;
		*v = *v << 4 | (uint32_t)d;
	}
	return 0;
}

int gp_pci_addr_parse(const char *s, size_t n, unsigned int flags, struct gp_pci_addr *out)
{
	uint32_t dom = 0, bus, slot, func;
	size_t dlen;

	/*
	 * "BB:DD.F" is 7 bytes; a domain adds 4 to 8 digits and its colon
	 * (gp_hex_n refuses more than 8).
	 */
	if (n < 7)
		return -EINVAL;
	dlen = n - 7;
	if (dlen == 0 ? !(flags & GP_PCI_ADDR_SHORT)
		      : dlen < 5 || s[dlen - 1] != ':' || gp_hex_n(s, dlen - 1, &dom) < 0)
		return -EINVAL;
	s += dlen;
	if (s[2] != ':' || s[5] != '.' || gp_hex_n(s, 2, &bus) < 0 || gp_hex_n(s + 3, 2, &slot) < 0 ||
	    gp_hex_n(s + 6, 1, &func) < 0)
		return -EINVAL;
	if (dom > 0x7fffffffu || slot > 0x1f || func > 7)
		return -EINVAL;
	out->domain = dom;
	out->bus = (uint8_t)bus;
	out->slot = (uint8_t)slot;
	out->func = (uint8_t)func;
	return 0;
}

static char *put_hex(char *p, uint32_t v, unsigned int digits)
{
	static const char xdigits[] = "0123456789abcdef";

	while (digits--)
		*p++ = xdigits[(v >> (4 * digits)) & 0xf];
	return p;
}

size_t gp_pci_addr_format(const struct gp_pci_addr *a, char buf[GP_PCI_ADDR_SIZE])
{
	unsigned int dw = 4;
	char *p;

	while (dw < 8 && (a->domain >> (4 * dw)))
		dw++;
	p = put_hex(buf, a->domain, dw);
	*p++ = ':';
	p = put_hex(p, a->bus, 2);
	*p++ = ':';
	p = put_hex(p, a->slot, 2);
	*p++ = '.';
	p = put_hex(p, a->func, 1);
	*p = '\0';
	return (size_t)(p - buf);
}
