/* SPDX-License-Identifier: GPL-2.0-or-later */
/* list — `--list` output, shared between the table (list.c) and JSON (list_json.c). */
#ifndef GP_CLI_LIST_H
#define GP_CLI_LIST_H

#include <stdio.h>

#include "inventory.h"

/**
 * gp_list_reason - why a field is unknown, in English (mark only: the table
 * translates it, JSON keeps it stable).  @err is -errno.  Returns NULL for
 * an errno without a description of its own (use strerror then).
 */
const char *gp_list_reason(int err);

/** gp_list_json - write the inventory as the documented JSON document. */
void gp_list_json(const struct gp_inventory *inv, FILE *out);

#endif
