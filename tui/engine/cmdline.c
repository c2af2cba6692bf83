/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cmdline.h"

#include <errno.h>
#include <string.h>

/* The kernel's isspace() (lib/ctype.c): 0xA0, Latin-1's no-break space, too. */
static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
	       (unsigned char)c == 0xa0;
}

/* Parameter names compare with '-' and '_' as one character (parameq()). */
static int name_eq(const char *a, size_t alen, const char *b)
{
	size_t i;

	if (strlen(b) != alen)
		return 0;
	for (i = 0; i < alen; i++) {
		char x = a[i] == '-' ? '_' : a[i];
		char y = b[i] == '-' ? '_' : b[i];

		if (x != y)
			return 0;
	}
	return 1;
}

/* Copy @n bytes of @s without double quotes into @dst. */
static int copy_unquoted(char *dst, size_t size, const char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			continue;
		if (o + 1 >= size)
			return -ENAMETOOLONG;
		dst[o++] = s[i];
	}
	dst[o] = '\0';
	return 0;
}

static int copy_raw(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		return -ENAMETOOLONG;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 0;
}

int gp_cmdline_find(const char *line, const char *name, char *val, size_t size,
		    char *word, size_t wsize)
{
	const char *s = line, *hit = NULL, *hit_eq = NULL;
	size_t hit_len = 0;
	int r;

	for (;;) {
		const char *start, *eq = NULL;
		int quoted = 0;
		size_t nlen;

		while (*s && is_blank(*s))
			s++;
		if (!*s)
			break;
		start = s;
		/* Like next_arg(): quotes toggle, blanks end a word outside them,
		 * the first "=" (quoted or not) ends the name. */
		for (; *s && (quoted || !is_blank(*s)); s++) {
			if (*s == '"')
				quoted = !quoted;
			else if (*s == '=' && !eq)
				eq = s;
		}
		if (s - start == 2 && start[0] == '-' && start[1] == '-')
			break;   /* the rest belongs to init */
		nlen = eq ? (size_t)(eq - start) : (size_t)(s - start);
		if (start[0] == '"' && nlen > 0)
			start++, nlen--;
		if (name_eq(start, nlen, name)) {
			hit = start;
			hit_eq = eq;
			hit_len = (size_t)(s - start);
		}
	}
	if (!hit)
		return 0;
	if (word) {
		r = copy_unquoted(word, wsize, hit, hit_len);
		if (r < 0)
			return r;
	}
	if (val) {
		if (hit_eq)
			r = copy_unquoted(val, size, hit_eq + 1, hit_len - (size_t)(hit_eq + 1 - hit));
		else
			r = copy_raw(val, size, "", 0);
		if (r < 0)
			return r;
	}
	return 1;
}

int gp_cmdline_list_has(const char *list, const char *item)
{
	size_t n = strlen(item);
	const char *s = list;

	while (*s) {
		const char *c = strchr(s, ',');
		size_t len = c ? (size_t)(c - s) : strlen(s);

		if (len == n && strncmp(s, item, n) == 0)
			return 1;
		if (!c)
			break;
		s = c + 1;
	}
	return 0;
}
