/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Why an inventory field is unknown, shared by the --list table and its JSON (list.h). */
#include <errno.h>
#include <stddef.h>

#include "list.h"
#include "nls.h"

const char *gp_list_reason(int err)
{
	switch (-err) {
	case ENOENT: return N_("missing");
	case EINVAL: return N_("malformed");
	case ENOLINK: return N_("dangling link");
	case EFBIG: return N_("value too long");
	case EISDIR: return N_("not a file");
	case EACCES: return N_("permission denied");
	case EIO: return N_("read error");
	case ENAMETOOLONG: return N_("path too long");
	/* TRANSLATORS: a --root's link the host would follow out of the root. */
	case EXDEV: return N_("a link leads outside the root");
	}
	return NULL;
}
