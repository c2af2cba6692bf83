/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kill switch as the kernel reads its own command line: words are
 * split and unquoted exactly as next_arg() in the kernel does (lib/cmdline.c,
 * kernel/params.c), so what the kernel saw as gpupt=off is what we see,
 * whatever quotes the boot loader's editor left ("ro \"gpupt=off" has an
 * unterminated quote: the rest of the line is one word).
 */
#include "bind_cmdline.h"

#include <string.h>

static const char *const recovery_words[] = {
	"recovery", "single", "rescue", "emergency",
	"systemd.unit=rescue.target", "systemd.unit=emergency.target",
};

/*
 * The kernel's isspace() for the command line (lib/ctype.c), which counts
 * 0xA0 (Latin-1's no-break space, the second byte of UTF-8's) as a blank:
 * "quiet\xa0gpupt=off" is gpupt=off to the kernel, so it must be to us.
 */
static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' ||
	       (unsigned char)c == 0xa0;
}

/* A span of the command line. */
struct span {
	const char *s;
	size_t n;
};

static int span_is(struct span a, const char *w)
{
	return a.n == strlen(w) && memcmp(a.s, w, a.n) == 0;
}

/* @dst = "gpupt=" + @v, blanks and control bytes as '?', cut with "..." to fit. */
static void shown(char dst[BIND_CMDLINE_WORD], struct span v)
{
	static const char head[] = "gpupt=";
	size_t n = sizeof(head) - 1, i;

	memcpy(dst, head, n);
	for (i = 0; i < v.n && n < BIND_CMDLINE_WORD - 1; i++) {
		unsigned char ch = (unsigned char)v.s[i];

		if (n == BIND_CMDLINE_WORD - 4 && v.n - i > 3) {
			memcpy(dst + n, "...", 3);
			n += 3;
			break;
		}
		dst[n++] = ch <= ' ' || ch >= 0x7f ? '?' : (char)ch;
	}
	dst[n] = '\0';
}

/* Is @w the parameter @p with value @val (NULL: none), "param=val" as written? */
static int is_word(const char *w, struct span p, const struct span *val)
{
	size_t n = strlen(w);

	if (!val)
		return span_is(p, w);
	return n == p.n + 1 + val->n && memcmp(w, p.s, p.n) == 0 && w[p.n] == '=' &&
	       memcmp(w + p.n + 1, val->s, val->n) == 0;
}

/* One parameter, as next_arg() hands it on: @param, and @val or none. */
static void param(struct bind_cmdline *c, struct span p, const struct span *val)
{
	size_t i;

	if (span_is(p, "gpupt")) {
		struct span v = val ? *val : (struct span){ "", 0 };

		/* Fail safe: anything but exactly on or force, of any length, is off. */
		c->force = span_is(v, "force");
		c->off = !c->force && !span_is(v, "on");
		shown(c->gpupt, v);
		return;
	}
	for (i = 0; i < sizeof(recovery_words) / sizeof(recovery_words[0]); i++)
		if (!c->recovery[0] && is_word(recovery_words[i], p, val)) {
			memcpy(c->recovery, recovery_words[i], strlen(recovery_words[i]) + 1);
			return;
		}
}

/*
 * next_arg(): the argument at @s (@n bytes; leading blanks skipped by the
 * caller) into a parameter and a value; returns the length consumed,
 * up to and with the blank that ended it.
 */
static size_t next_arg(struct bind_cmdline *c, const char *s, size_t n)
{
	size_t i, equals = 0, start = 0, end;
	int in_quote = 0, quoted = 0;
	struct span p, v;

	if (n && s[0] == '"') {
		start = 1;
		in_quote = quoted = 1;
	}
	for (i = start; i < n && s[i]; i++) {
		if (is_space(s[i]) && !in_quote)
			break;
		/* As next_arg: an '=' first in the argument is no separator (equals 0). */
		if (!equals && s[i] == '=' && i > start)
			equals = i;
		if (s[i] == '"')
			in_quote = !in_quote;
	}
	end = i;        /* the argument is s[start, end) */
	p.s = s + start;
	if (!equals) {
		p.n = end - start;
		if (quoted && end > start && s[end - 1] == '"')
			p.n--;
		param(c, p, NULL);
	} else {
		p.n = equals - start;
		v.s = s + equals + 1;
		v.n = end - equals - 1;
		/* Don't include quotes in the value (next_arg: "if (**val == '"')"). */
		if (v.n && v.s[0] == '"') {
			v.s++;
			v.n--;
			if (v.n && s[end - 1] == '"')
				v.n--;
		} else if (quoted && end > start && s[end - 1] == '"' && v.n) {
			v.n--;
		}
		param(c, p, &v);
	}
	return i < n ? i + 1 : i;
}

void bind_cmdline_parse(const char *s, size_t n, struct bind_cmdline *c)
{
	size_t i = 0;

	memset(c, 0, sizeof(*c));
	/* The kernel's string ends at the first NUL; /proc/cmdline ends in '\n'. */
	n = strnlen(s, n);
	while (i < n) {
		while (i < n && is_space(s[i]))
			i++;
		if (i < n)
			i += next_arg(c, s + i, n - i);
	}
}
