/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

int gp_array_grow(void *arr, size_t *alloc, size_t need, size_t size)
{
	void **p = arr;
	size_t n = *alloc ? *alloc : 8;
	void *grown;

	if (need <= *alloc)
		return 0;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return -ENOMEM;
		n *= 2;
	}
	if (size && n > SIZE_MAX / size)
		return -ENOMEM;
	grown = realloc(*p, n * size);
	if (!grown)
		return -ENOMEM;
	*p = grown;
	*alloc = n;
	return 0;
}

int gp_strbuf_grow(struct gp_strbuf *sb, size_t extra)
{
	if (sb->err)
		return sb->err;
	if (extra > SIZE_MAX - sb->len - 1)
		sb->err = -ENOMEM;
	else
		sb->err = gp_array_grow(&sb->buf, &sb->alloc, sb->len + extra + 1, 1);
	return sb->err;
}

int gp_strbuf_add(struct gp_strbuf *sb, const void *data, size_t n)
{
	int r = gp_strbuf_grow(sb, n);

	if (r < 0)
		return r;
	if (n)
		memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return 0;
}

int gp_strbuf_addstr(struct gp_strbuf *sb, const char *s)
{
	return gp_strbuf_add(sb, s, strlen(s));
}

int gp_strbuf_addch(struct gp_strbuf *sb, char c)
{
	return gp_strbuf_add(sb, &c, 1);
}

int gp_strbuf_vaddf(struct gp_strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n, r;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (sb->err)
		return sb->err;
	if (n < 0)
		return sb->err = -EINVAL;
	r = gp_strbuf_grow(sb, (size_t)n);
	if (r < 0)
		return r;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int gp_strbuf_addf(struct gp_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = gp_strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return r;
}

const char *gp_strbuf_str(const struct gp_strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

void gp_strbuf_reset(struct gp_strbuf *sb)
{
	sb->len = 0;
	sb->err = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

char *gp_strbuf_detach(struct gp_strbuf *sb, size_t *len)
{
	char *s = sb->buf;

	if (!s) {
		s = calloc(1, 1);
		if (!s)
			return NULL;
	}
	if (len)
		*len = sb->len;
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
	sb->err = 0;
	return s;
}

void gp_strbuf_release(struct gp_strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
	sb->err = 0;
}
