/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The error line both front ends print (frontend.h). */
#include <stdio.h>
#include <string.h>

#include "frontend.h"

void gp_errmsg(const char *what, int err)
{
	fprintf(stderr, "gpupt-setup: %s: %s\n", what, strerror(err < 0 ? -err : err));
}
