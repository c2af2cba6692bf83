/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * strbuf — one growable byte buffer, and one array-growth helper, for
 * every piece of code that builds text or a list of unknown length.
 *
 * Ownership (as git's strbuf.h): a struct gp_strbuf owns sb->buf from the
 * first successful add until gp_strbuf_release() or gp_strbuf_detach().
 * sb->buf is NUL-terminated whenever it is not NULL; sb->len does not
 * count the NUL.  An empty buffer may have buf == NULL: use
 * gp_strbuf_str() where a string is needed.  On -ENOMEM the buffer keeps
 * what it had, and the error sticks in sb->err: every later add does
 * nothing and returns it, so a run of adds that generate a file is
 * checked once, at the end (reset and release clear it).
 */
#ifndef GP_STRBUF_H
#define GP_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct gp_strbuf {
	char *buf;      /* NUL-terminated content, or NULL while empty */
	size_t len;     /* bytes of content, without the NUL */
	size_t alloc;   /* bytes allocated at buf */
	int err;        /* 0, or the -errno of the first add that failed */
};

#define GP_STRBUF_INIT { NULL, 0, 0, 0 }

/** gp_strbuf_grow - make room for @extra more bytes (and the NUL). 0 or -ENOMEM. */
int gp_strbuf_grow(struct gp_strbuf *sb, size_t extra);

/** gp_strbuf_add - append @n bytes of @data. 0 or -ENOMEM. */
int gp_strbuf_add(struct gp_strbuf *sb, const void *data, size_t n);

/** gp_strbuf_addstr - append the string @s. 0 or -ENOMEM. */
int gp_strbuf_addstr(struct gp_strbuf *sb, const char *s);

/** gp_strbuf_addch - append one byte. 0 or -ENOMEM. */
int gp_strbuf_addch(struct gp_strbuf *sb, char c);

/** gp_strbuf_addf - append printf-formatted text. 0, -ENOMEM or -EINVAL (bad format). */
__attribute__((format(printf, 2, 3)))
int gp_strbuf_addf(struct gp_strbuf *sb, const char *fmt, ...);

/** gp_strbuf_vaddf - gp_strbuf_addf() with a va_list. */
__attribute__((format(printf, 2, 0)))
int gp_strbuf_vaddf(struct gp_strbuf *sb, const char *fmt, va_list ap);

/** gp_strbuf_str - the content as a string: never NULL ("" while empty). */
const char *gp_strbuf_str(const struct gp_strbuf *sb);

/** gp_strbuf_reset - empty the buffer, keeping its memory. */
void gp_strbuf_reset(struct gp_strbuf *sb);

/**
 * gp_strbuf_detach - hand the content to the caller, who frees it.
 * Never NULL on success: an empty buffer gives a fresh "" (NULL only on
 * -ENOMEM).  @len, when not NULL, receives the length.  The buffer is
 * left empty and owns nothing.
 */
char *gp_strbuf_detach(struct gp_strbuf *sb, size_t *len);

/** gp_strbuf_release - free the content; the buffer is empty and reusable. */
void gp_strbuf_release(struct gp_strbuf *sb);

/**
 * gp_array_grow - make room for @need elements of @size bytes in *@arr,
 * which holds *@alloc now; grows by doubling (at least 8).  *@arr and
 * *@alloc change only on success.  Returns 0, or -ENOMEM (also when the
 * byte count would overflow).
 */
int gp_array_grow(void *arr, size_t *alloc, size_t need, size_t size);

/* GP_ARRAY_GROW(arr, alloc, need): gp_array_grow() with the element size of *arr. */
#define GP_ARRAY_GROW(arr, alloc, need) gp_array_grow(&(arr), &(alloc), (need), sizeof(*(arr)))

#endif
