/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * efivar — UEFI variables as the kernel's efivarfs shows them:
 * /sys/firmware/efi/efivars/<Name>-<vendor GUID>, whose content is four
 * bytes of attributes (little-endian) followed by the variable's data.
 */
#ifndef GP_EFIVAR_H
#define GP_EFIVAR_H

#include <stddef.h>

#include "gp_path.h"

/** The efivarfs file of the global variable that says whether Secure Boot is on. */
#define GP_EFIVAR_SECUREBOOT \
	"/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c"

/**
 * gp_efivar_decode_bool - the value of a one-byte boolean variable.
 * @buf: the efivarfs file's content.
 * @len: its length (must be 4 + 1).
 * @val: receives 0 or 1.
 *
 * Returns 0, or -EINVAL when the content is not 4 bytes of attributes and
 * one byte holding 0 or 1.
 */
int gp_efivar_decode_bool(const unsigned char *buf, size_t len, int *val);

/**
 * gp_efivar_read_bool - read and decode boolean variable file @path.
 * Returns 0, -EINVAL as gp_efivar_decode_bool(), or -errno from reading
 * (-ENOENT: the variable is not set).
 */
int gp_efivar_read_bool(const struct gp_path *p, const char *path, int *val);

#endif
