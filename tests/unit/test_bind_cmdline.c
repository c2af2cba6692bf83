/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gpupt-bind's kill switch against the kernel's own reading of its command
 * line: the cases that slipped through before (an unterminated quote, a
 * long gpupt= word), and a random comparison with a transcription of the
 * kernel's next_arg() (lib/cmdline.c / kernel/params.c, as of Linux 6.1)
 * over 100,000 lines made of the characters that matter.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bind_cmdline.c"

/* --- the kernel's parser, transcribed: it works on a writable copy ---------- */

/* The kernel's isspace() (lib/ctype.c): the C library's blanks and 0xA0. */
static int k_isspace(char c)
{
	return isspace((unsigned char)c) || (unsigned char)c == 0xa0;
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
static void kernel_decides(const char *line, int *mode, int *recovery)
{
	char *buf = strdup(line), *args = k_skip_spaces(buf), *p, *v;
	size_t i;

	*mode = 0;
	*recovery = 0;
	while (args && *args) {
		args = k_next_arg(args, &p, &v);
		if (strcmp(p, "gpupt") == 0) {
			*mode = v && strcmp(v, "force") == 0 ? 2 : v && strcmp(v, "on") == 0 ? 0 : 1;
			continue;
		}
		for (i = 0; i < sizeof(recovery_words) / sizeof(recovery_words[0]); i++) {
			char whole[256];

			snprintf(whole, sizeof(whole), "%s%s%s", p, v ? "=" : "", v ? v : "");
			if (strcmp(whole, recovery_words[i]) == 0)
				*recovery = 1;
		}
	}
	free(buf);
}

static void ours_decides(const char *line, int *mode, int *recovery)
{
	struct bind_cmdline c;

	bind_cmdline_parse(line, strlen(line), &c);
	*mode = c.force ? 2 : c.off ? 1 : 0;
	*recovery = c.recovery[0] != '\0';
}

/* --- cases ----------------------------------------------------------------- */

static void expect(const char *line, int mode, int recovery)
{
	int m, rc, km, krc;

	ours_decides(line, &m, &rc);
	kernel_decides(line, &km, &krc);
	if (m != mode || rc != recovery || km != mode || krc != recovery)
		fail_msg("'%s': ours %d/%d, the kernel's %d/%d, expected %d/%d", line, m, rc, km,
			 krc, mode, recovery);
}

static void test_cases(void **state)
{
	char longer[200];

	(void)state;
	expect("BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet\n", 0, 0);
	expect("ro quiet gpupt=off\n", 1, 0);
	expect("ro \"gpupt=off", 1, 0);               /* an unterminated quote */
	expect("ro \"gpupt=off splash", 1, 0);        /* ... swallowing the rest */
	expect("ro \"gpupt=off\" quiet", 1, 0);
	expect("ro gpupt=\"off\"", 1, 0);
	expect("ro gpupt=\"on\"", 0, 0);
	expect("gpupt=on gpupt=force", 2, 0);
	expect("gpupt=force gpupt=on", 0, 0);         /* the last one wins */
	expect("gpupt", 1, 0);                         /* bare: not on, so off */
	expect("gpupt=", 1, 0);
	expect("gpupt=of", 1, 0);
	expect("gpupt=OFF", 1, 0);
	expect("xgpupt=off", 0, 0);
	expect("\"ro gpupt=off\"", 0, 0);              /* one word "ro gpupt" = "off" */
	expect("single", 0, 1);
	expect("ro single gpupt=force", 2, 1);
	expect("systemd.unit=rescue.target", 0, 1);
	expect("systemd.unit=\"rescue.target\"", 0, 1);
	expect("=gpupt=off", 0, 0);
	expect("ro\tgpupt=off\r", 1, 0);
	expect("quiet\xa0gpupt=off", 1, 0);           /* 0xA0 is a blank to the kernel */
	expect("quiet\xc2\xa0gpupt=off", 1, 0);       /* UTF-8's no-break space */
	memset(longer, 'x', sizeof(longer));
	memcpy(longer, "ro gpupt=on", 11);             /* gpupt=onxxx...: 64+ characters */
	longer[80] = '\0';
	expect(longer, 1, 0);
}

static void test_shown(void **state)
{
	struct bind_cmdline c;
	char line[128];

	(void)state;
	bind_cmdline_parse("gpupt=\"a b\"", 11, &c);
	assert_string_equal(c.gpupt, "gpupt=a?b");
	memset(line, 'y', sizeof(line));
	memcpy(line, "gpupt=", 6);
	bind_cmdline_parse(line, sizeof(line), &c);
	assert_int_equal(c.off, 1);
	assert_int_equal(strlen(c.gpupt), BIND_CMDLINE_WORD - 1);
	assert_string_equal(c.gpupt + BIND_CMDLINE_WORD - 4, "...");
}

/* Random lines of the characters that matter, decided both ways. */
static void test_random_against_kernel(void **state)
{
	static const char alphabet[] = "gpupt=offorcen\" \t=\"singlerescue";
	unsigned long seed = 20261203, i;
	char line[40];
	size_t n, k;
	int m, rc, km, krc;

	(void)state;
	for (i = 0; i < 100000; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		n = (seed >> 33) % (sizeof(line) - 1);
		for (k = 0; k < n; k++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			line[k] = alphabet[(seed >> 33) % (sizeof(alphabet) - 1)];
		}
		line[n] = '\0';
		/* Seed the words that matter now and then. */
		if (i % 3 == 0 && n > 12)
			memcpy(line + (seed >> 40) % (n - 11), "gpupt=off", 9);
		ours_decides(line, &m, &rc);
		kernel_decides(line, &km, &krc);
		if (m != km || rc != krc)
			fail_msg("'%s': ours %d/%d, the kernel's %d/%d", line, m, rc, km, krc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_shown),
		cmocka_unit_test(test_random_against_kernel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
