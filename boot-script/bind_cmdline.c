/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "bind_cmdline.h"

#include <string.h>

static const char *const recovery_words[] = {
	"recovery", "single", "rescue", "emergency",
	"systemd.unit=rescue.target", "systemd.unit=emergency.target",
};

static void word(struct bind_cmdline *c, const char *w, size_t n)
{
	size_t i;

	if (n > 6 && memcmp(w, "gpupt=", 6) == 0) {
		const char *v = w + 6;

		memcpy(c->gpupt, w, n + 1);
		c->force = strcmp(v, "force") == 0;
		c->off = !c->force && strcmp(v, "on") != 0;
		return;
	}
	for (i = 0; i < sizeof(recovery_words) / sizeof(recovery_words[0]); i++) {
		if (strcmp(w, recovery_words[i]) == 0 && !c->recovery[0]) {
			memcpy(c->recovery, w, n + 1);
			return;
		}
	}
}

void bind_cmdline_parse(const char *s, size_t n, struct bind_cmdline *c)
{
	char w[BIND_CMDLINE_WORD];
	size_t i, len = 0;
	int quoted = 0, toolong = 0;

	memset(c, 0, sizeof(*c));
	for (i = 0; i <= n; i++) {
		char ch = i < n ? s[i] : ' ';

		if (ch == '"') {
			quoted = !quoted;
			continue;
		}
		if (!quoted && (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\0')) {
			if (len && !toolong) {
				w[len] = '\0';
				word(c, w, len);
			}
			len = 0;
			toolong = 0;
			continue;
		}
		if (len < sizeof(w) - 1)
			w[len++] = ch;
		else
			toolong = 1;
	}
}
