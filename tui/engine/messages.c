/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * messages — the one table of every report code: its stable name, its
 * English msgid (byte-identical to what was translated before it moved
 * here, so po/ keeps working), its plural form and its argument types.
 *
 * Entries are designated by code and kept in one file per area
 * (messages_check.def, messages_plan.def, messages_status.def,
 * messages_now.def, messages_health.def, included
 * below), so each area's block can grow on its own; tests/unit/test_report.c checks that every code has an entry and
 * that every format agrees with its argument types.
 */
#include <stddef.h>

#include "nls.h"
#include "messages.h"

#define A(...) .n_args = sizeof((enum gp_arg_type[]){ __VA_ARGS__ }) / \
	sizeof(enum gp_arg_type), .type = { __VA_ARGS__ }
#define S GP_ARG_STR
#define P GP_ARG_PATH
#define I GP_ARG_INT
#define U GP_ARG_UINT
#define B GP_ARG_BYTES
#define E GP_ARG_ERRNO
#define M GP_ARG_MSG
#define MI GP_ARG_MSG_INT
#define T GP_ARG_MSGID
#define W(name, fmt) { name, fmt, NULL, -1, GP_SEV_INFO, 0, { 0 } }

/*
 * A plural pair: singular and plural msgid as two initializers.  Named trp
 * because xgettext is told --keyword=trp:1,2 (Makefile), so both forms keep
 * reaching po/.  Plural entries: .plural set, .plural_arg the count's index.
 */
#define trp(singular, plural) singular, plural

static const struct gp_msg_info table[GP_MSG_N_CODES] = {
	[GP_MSG_NONE] = { "none", "", NULL, -1, GP_SEV_INFO, 0, { 0 } },

#include "messages_check.def"
#include "messages_plan.def"
#include "messages_status.def"
#include "messages_now.def"
#include "messages_health.def"
};

const struct gp_msg_info *gp_msg_info(enum gp_msg code)
{
	if ((unsigned)code >= GP_MSG_N_CODES || !table[code].name)
		return NULL;
	return &table[code];
}
