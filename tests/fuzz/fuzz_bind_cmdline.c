/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness: gpupt-bind's reading of the kernel command line
 * (boot-script/bind_cmdline.c), compared with the kernel's own: a
 * transcription of next_arg() (lib/cmdline.c, kernel/params.c as of Linux
 * 6.1) with the kernel's isspace() (lib/ctype.c, which counts 0xA0, the
 * Latin-1 no-break space, as a blank where the C library does not).
 * Whatever bytes /proc/cmdline holds, the binder must decide as the kernel
 * read it: on, off or force, and recovery or not.  The shown words must be
 * printable strings.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bind_cmdline.c"

/* --- the kernel's parser, transcribed: it works on a writable copy ---------- */

static int k_isspace(char c)
{
	unsigned char u = (unsigned char)c;

	return u == ' ' || (u >= '\t' && u <= '\r') || u == 0xa0;
}

static char *k_skip_spaces(char *s)
{
	while (k_isspace(*s))
		s++;
	return s;
}

static char *k_next_arg(char *args, char **param, char **val)
{
	unsigned int i, equals = 0;
	int in_quote = 0, quoted = 0;

	if (*args == '"') {
		args++;
		in_quote = 1;
		quoted = 1;
	}
	for (i = 0; args[i]; i++) {
		if (k_isspace(args[i]) && !in_quote)
			break;
		if (equals == 0) {
			if (args[i] == '=')
				equals = i;
		}
		if (args[i] == '"')
			in_quote = !in_quote;
	}
	*param = args;
	if (!equals) {
		*val = NULL;
	} else {
		args[equals] = '\0';
		*val = args + equals + 1;
		if (**val == '"') {
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';
	if (args[i]) {
		args[i] = '\0';
		args += i + 1;
	} else {
		args = NULL;
	}
	return args ? k_skip_spaces(args) : NULL;
}

/* What the kernel's reading decides: 0 on, 1 off, 2 force; and recovery. */
static void kernel_decides(char *buf, int *mode, int *recovery)
{
	char *args = k_skip_spaces(buf), *p, *v;
	size_t i, pl;

	*mode = 0;
	*recovery = 0;
	while (args && *args) {
		args = k_next_arg(args, &p, &v);
		if (strcmp(p, "gpupt") == 0) {
			*mode = v && strcmp(v, "force") == 0 ? 2 : v && strcmp(v, "on") == 0 ? 0 : 1;
			continue;
		}
		pl = strlen(p);
		for (i = 0; i < sizeof(recovery_words) / sizeof(recovery_words[0]); i++) {
			const char *w = recovery_words[i];

			if (v ? strncmp(w, p, pl) == 0 && w[pl] == '=' && strcmp(w + pl + 1, v) == 0
			      : strcmp(w, p) == 0)
				*recovery = 1;
		}
	}
}

static void printable(const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	if (n == size)
		abort();
	while (n--)
		if ((unsigned char)s[n] <= ' ' || (unsigned char)s[n] >= 0x7f)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bind_cmdline c;
	char *buf = malloc(size + 1);
	int km, krc;

	if (!buf)
		return 0;
	/* The binder gets exactly the bytes; the kernel's string ends at a NUL. */
	bind_cmdline_parse((const char *)data, size, &c);
	memcpy(buf, data, size);
	buf[size] = '\0';
	kernel_decides(buf, &km, &krc);
	free(buf);
	printable(c.gpupt, sizeof(c.gpupt));
	printable(c.recovery, sizeof(c.recovery));
	if (c.force && c.off)
		abort();
	if ((c.force ? 2 : c.off ? 1 : 0) != km || (c.recovery[0] != '\0') != krc)
		abort();
	return 0;
}
