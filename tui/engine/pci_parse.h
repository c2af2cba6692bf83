/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pci_parse — strict parsers for the text of sysfs PCI attributes.
 * Pure functions (no I/O), so the unit tests feed them malformed input.
 * Each returns 0 (or a count) on success and -EINVAL on malformed text.
 */
#ifndef GP_PCI_PARSE_H
#define GP_PCI_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "inventory_data.h"

/**
 * gp_pci_parse_address - split "dddd:bb:dd.f" (a sysfs device name).
 * The one rule of gp_pci_addr_parse() (pci_addr.h), full form only: all four
 * parts, at their kernel widths and within the PCI limits.
 */
int gp_pci_parse_address(const char *s, unsigned *domain, unsigned *bus,
			 unsigned *slot, unsigned *func);

/**
 * gp_pci_parse_hex - one hexadecimal number ("0x10de" or "10de") no
 * larger than @max; surrounding blanks are not accepted.
 */
int gp_pci_parse_hex(const char *s, unsigned long max, unsigned long *out);

/** gp_pci_parse_int - one decimal integer within [@min, @max]. */
int gp_pci_parse_int(const char *s, long min, long max, long *out);

/**
 * gp_pci_parse_resource - the BARs described by a sysfs "resource" file.
 * @text: the file: one "0xSTART 0xEND 0xFLAGS" line per resource; the
 *        first six are the BARs (more lines follow: ROM, IOV, bridge windows).
 * @bars: filled with the populated BARs (size > 0), in index order.
 *
 * Returns the number of populated BARs, or -EINVAL when fewer than six
 * lines are present or one of them is malformed.
 */
int gp_pci_parse_resource(const char *text, struct gp_bar bars[GP_PCI_BARS]);

/** The identity a PCI modalias carries. */
struct gp_pci_ids {
	uint16_t vendor, device, subsys_vendor, subsys_device;
	uint32_t class_code;   /* class, subclass, prog-if */
};

/**
 * gp_pci_parse_modalias - the ids of "pci:vVVVVVVVVdDDDDDDDDsvSSSSSSSSsdTTTTTTTTbcCCscSSiII",
 * exactly as the kernel writes it (upper-case hex, fixed widths).
 */
int gp_pci_parse_modalias(const char *s, struct gp_pci_ids *ids);

/**
 * gp_pci_modalias_valid - 1 when @s looks like a PCI modalias
 * ("pci:v000010DEd...bc03sc00i00"), else 0.
 */
int gp_pci_modalias_valid(const char *s);

#endif
