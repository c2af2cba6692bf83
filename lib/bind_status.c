/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "bind_status.h"

#include <stdarg.h>
#include <string.h>

const char *const gp_bind_status_outcome_words[3] = { "bound", "skipped", "failed" };

const char *gp_bind_status_outcome_word(enum gp_bind_status_outcome o)
{
	return (unsigned int)o < 3 ? gp_bind_status_outcome_words[o] : NULL;
}

size_t gp_bind_status_vjoin(char line[GP_BIND_STATUS_LINE_MAX + 1], const char *first,
			   va_list ap)
{
	size_t len = 0;
	const char *s = first;

	do {
		size_t n = strlen(s);

		if (n > GP_BIND_STATUS_LINE_MAX - len)
			n = GP_BIND_STATUS_LINE_MAX - len;
		memcpy(line + len, s, n);
		len += n;
	} while ((s = va_arg(ap, const char *)));
	line[len++] = '\n';
	return len;
}
