/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "pci_parse.h"
#include "pci_addr.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Kernel resource flags (include/linux/ioport.h), stable ABI in sysfs. */
#define IORESOURCE_IO       0x00000100UL
#define IORESOURCE_MEM      0x00000200UL
#define IORESOURCE_PREFETCH 0x00002000UL
#define IORESOURCE_MEM_64   0x00100000UL

#define FOUR_GIB (UINT64_C(1) << 32)

int gp_pci_parse_address(const char *s, unsigned *domain, unsigned *bus,
			 unsigned *slot, unsigned *func)
{
	struct gp_pci_addr a;

	if (gp_pci_addr_parse(s, strlen(s), 0, &a) < 0)
		return -EINVAL;
	*domain = a.domain;
	*bus = a.bus;
	*slot = a.slot;
	*func = a.func;
	return 0;
}

int gp_pci_parse_hex(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v;
	char *end;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (!isxdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 16);
	if (errno || *end || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int gp_pci_parse_int(const char *s, long min, long max, long *out)
{
	long v;
	char *end;

	if (!(isdigit((unsigned char)*s) || (*s == '-' && isdigit((unsigned char)s[1]))))
		return -EINVAL;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

/* One "0x... 0x... 0x..." line; *s is advanced past its newline. */
static int resource_line(const char **s, uint64_t *start, uint64_t *end, uint64_t *flags)
{
	unsigned long long v[3];
	const char *p = *s;

	for (int i = 0; i < 3; i++) {
		char *e;

		if (p[0] != '0' || p[1] != 'x' || !isxdigit((unsigned char)p[2]))
			return -EINVAL;
		errno = 0;
		v[i] = strtoull(p + 2, &e, 16);
		if (errno)
			return -EINVAL;
		p = e;
		if (i < 2) {
			if (*p != ' ')
				return -EINVAL;
			p++;
		}
	}
	if (*p == '\n')
		p++;
	else if (*p)
		return -EINVAL;
	*start = v[0];
	*end = v[1];
	*flags = v[2];
	*s = p;
	return 0;
}

int gp_pci_parse_resource(const char *text, struct gp_bar bars[GP_PCI_BARS])
{
	const char *s = text;
	int n = 0;

	for (int i = 0; i < GP_PCI_BARS; i++) {
		uint64_t start, end, flags;
		struct gp_bar *b;

		if (!*s || resource_line(&s, &start, &end, &flags) < 0)
			return -EINVAL;
		if (end <= start || !(flags & (IORESOURCE_IO | IORESOURCE_MEM)))
			continue;
		b = &bars[n++];
		b->index = i;
		b->size = end - start + 1;
		if (flags & IORESOURCE_IO)
			b->type = GP_BAR_IO;
		else
			b->type = (flags & IORESOURCE_MEM_64) ? GP_BAR_MEM64 : GP_BAR_MEM32;
		b->prefetchable = (flags & IORESOURCE_PREFETCH) != 0;
		b->above_4g = b->size >= FOUR_GIB;
	}
	/* The remaining lines (ROM, IOV, bridge windows) must be well formed too. */
	while (*s) {
		uint64_t a, b, c;

		if (resource_line(&s, &a, &b, &c) < 0)
			return -EINVAL;
	}
	return n;
}

int gp_pci_modalias_valid(const char *s)
{
	return strncmp(s, "pci:v", 5) == 0 && strlen(s) > 5;
}

/* @n upper-case hex digits at *s, then the literal @tag (or the end). */
static int alias_field(const char **s, int n, const char *tag, unsigned long *out)
{
	unsigned long v = 0;

	for (int i = 0; i < n; i++) {
		char c = (*s)[i];

		if (c >= '0' && c <= '9')
			v = v * 16 + (unsigned long)(c - '0');
		else if (c >= 'A' && c <= 'F')
			v = v * 16 + (unsigned long)(c - 'A' + 10);
		else
			return -EINVAL;
	}
	*s += n;
	if (strncmp(*s, tag, strlen(tag)) != 0)
		return -EINVAL;
	*s += strlen(tag);
	*out = v;
	return 0;
}

int gp_pci_parse_modalias(const char *s, struct gp_pci_ids *ids)
{
	unsigned long v, d, sv, sd, bc, sc, pi;

	if (strncmp(s, "pci:v", 5) != 0)
		return -EINVAL;
	s += 5;
	if (alias_field(&s, 8, "d", &v) < 0 || alias_field(&s, 8, "sv", &d) < 0 ||
	    alias_field(&s, 8, "sd", &sv) < 0 || alias_field(&s, 8, "bc", &sd) < 0 ||
	    alias_field(&s, 2, "sc", &bc) < 0 || alias_field(&s, 2, "i", &sc) < 0 ||
	    alias_field(&s, 2, "", &pi) < 0 || *s)
		return -EINVAL;
	if (v > 0xffff || d > 0xffff || sv > 0xffff || sd > 0xffff)
		return -EINVAL;
	ids->vendor = (uint16_t)v;
	ids->device = (uint16_t)d;
	ids->subsys_vendor = (uint16_t)sv;
	ids->subsys_device = (uint16_t)sd;
	ids->class_code = (uint32_t)(bc << 16 | sc << 8 | pi);
	return 0;
}
