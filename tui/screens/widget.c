/* SPDX-License-Identifier: GPL-2.0-or-later */
/* widget — key handling and text layout of the wizard's widgets; no curses here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "nls.h"
#include "widget.h"

static size_t page(int height)
{
	return height > 1 ? (size_t)height - 1 : 1;
}

static void list_follow(struct gp_list *l)
{
	size_t h = l->height > 0 ? (size_t)l->height : 1;

	if (l->cur < l->top)
		l->top = l->cur;
	else if (l->cur >= l->top + h)
		l->top = l->cur - h + 1;
	if (l->n <= h)
		l->top = 0;
	else if (l->top > l->n - h)
		l->top = l->n - h;
}

void gp_list_set(struct gp_list *l, size_t n, int height)
{
	l->n = n;
	l->height = height;
	if (l->cur >= n)
		l->cur = n ? n - 1 : 0;
	list_follow(l);
}

int gp_list_key(struct gp_list *l, int key)
{
	size_t old = l->cur;

	if (l->n == 0)
		return key == GP_KEY_ESC ? GP_W_CANCEL : GP_W_IGNORED;
	switch (key) {
	case GP_KEY_UP:
		if (l->cur > 0)
			l->cur--;
		break;
	case GP_KEY_DOWN:
		if (l->cur + 1 < l->n)
			l->cur++;
		break;
	case GP_KEY_PGUP:
		l->cur = l->cur > page(l->height) ? l->cur - page(l->height) : 0;
		break;
	case GP_KEY_PGDN:
		l->cur = l->cur + page(l->height) < l->n ? l->cur + page(l->height) : l->n - 1;
		break;
	case GP_KEY_HOME:
		l->cur = 0;
		break;
	case GP_KEY_END:
		l->cur = l->n - 1;
		break;
	case GP_KEY_ENTER:
		return GP_W_ACTIVATE;
	case GP_KEY_SPACE:
		return GP_W_TOGGLE;
	case GP_KEY_ESC:
		return GP_W_CANCEL;
	default:
		return GP_W_IGNORED;
	}
	list_follow(l);
	return l->cur != old ? GP_W_MOVED : GP_W_IGNORED;
}

static size_t scroll_max(const struct gp_scroll *s)
{
	size_t h = s->height > 0 ? (size_t)s->height : 1;

	return s->n > h ? s->n - h : 0;
}

void gp_scroll_set(struct gp_scroll *s, size_t n, int height)
{
	s->n = n;
	s->height = height;
	if (s->follow || s->top > scroll_max(s))
		s->top = scroll_max(s);
}

void gp_scroll_show(struct gp_scroll *s, size_t first, size_t last)
{
	size_t h = s->height > 0 ? (size_t)s->height : 1;

	if (last < first)
		last = first;
	if (last >= s->top + h)
		s->top = last - h + 1;
	if (first < s->top)
		s->top = first;
	if (s->top > scroll_max(s))
		s->top = scroll_max(s);
}

int gp_scroll_key(struct gp_scroll *s, int key)
{
	size_t old = s->top, max = scroll_max(s);

	switch (key) {
	case GP_KEY_UP:
		if (s->top > 0)
			s->top--;
		s->follow = 0;
		break;
	case GP_KEY_DOWN:
		if (s->top < max)
			s->top++;
		break;
	case GP_KEY_PGUP:
		s->top = s->top > page(s->height) ? s->top - page(s->height) : 0;
		s->follow = 0;
		break;
	case GP_KEY_PGDN:
	case GP_KEY_SPACE:
		s->top = s->top + page(s->height) < max ? s->top + page(s->height) : max;
		break;
	case GP_KEY_HOME:
		s->top = 0;
		s->follow = 0;
		break;
	case GP_KEY_END:
		s->top = max;
		s->follow = 1;
		break;
	case GP_KEY_ESC:
		return GP_W_CANCEL;
	case GP_KEY_ENTER:
		return GP_W_ACTIVATE;
	default:
		return GP_W_IGNORED;
	}
	return s->top != old ? GP_W_MOVED : GP_W_IGNORED;
}

int gp_buttons_key(struct gp_buttons *b, int key)
{
	if (b->n <= 0)
		return key == GP_KEY_ESC ? GP_W_CANCEL : GP_W_IGNORED;
	switch (key) {
	case GP_KEY_LEFT:
	case GP_KEY_BTAB:
		b->cur = (b->cur + b->n - 1) % b->n;
		return GP_W_MOVED;
	case GP_KEY_RIGHT:
	case GP_KEY_TAB:
		b->cur = (b->cur + 1) % b->n;
		return GP_W_MOVED;
	case GP_KEY_ENTER:
		return GP_W_ACTIVATE;
	case GP_KEY_ESC:
		return GP_W_CANCEL;
	}
	return GP_W_IGNORED;
}

/* --- lines ---------------------------------------------------------------- */

/*
 * GCC 12's -fanalyzer loses track of a pointer stored into an element of a
 * realloc()ed array and reports it leaked; every line's text is freed by
 * gp_lines_clear() (valgrind: tests/unit/test_widgets.c).
 */
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"

/*
 * A new last line with no text yet, or NULL (marked oom) when there is no
 * room.  The caller allocates straight into ->text and calls line_done().
 */
static struct gp_line *line_new(struct gp_lines *l, enum gp_attr attr, int item)
{
	struct gp_line *ln;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct gp_line *v = realloc(l->v, cap * sizeof(*v));

		if (!v) {
			l->oom = 1;
			return NULL;
		}
		l->v = v;
		l->cap = cap;
	}
	ln = &l->v[l->n];
	ln->text = NULL;
	ln->attr = attr;
	ln->item = item;
	return ln;
}

/* Keep the line line_new() gave if its text could be allocated. */
static void line_done(struct gp_lines *l, const struct gp_line *ln)
{
	if (ln->text)
		l->n++;
	else
		l->oom = 1;
}

void gp_lines_add(struct gp_lines *l, enum gp_attr attr, int item, const char *text)
{
	struct gp_line *ln = line_new(l, attr, item);

	if (!ln)
		return;
	ln->text = strdup(text);
	line_done(l, ln);
}

void gp_lines_addf(struct gp_lines *l, enum gp_attr attr, int item, const char *fmt, ...)
{
	struct gp_line *ln = line_new(l, attr, item);
	va_list ap;

	if (!ln)
		return;
	va_start(ap, fmt);
	if (vasprintf(&ln->text, fmt, ap) < 0)
		ln->text = NULL;
	va_end(ap);
	line_done(l, ln);
}

void gp_lines_clear(struct gp_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	l->n = 0;
	l->oom = 0;
}

void gp_lines_free(struct gp_lines *l)
{
	gp_lines_clear(l);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}

/* Width of the character at @s (0 for a combining one); *len gets its byte length. */
static int char_width(const char *s, size_t *len)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;
	int w;

	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*len = 1;   /* an invalid byte shows as one column */
		return 1;
	}
	*len = n;
	w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int gp_text_width(const char *s)
{
	int w = 0;
	size_t len;

	while (*s) {
		w += char_width(s, &len);
		s += len;
	}
	return w;
}

/* Append one wrapped paragraph (no '\n' inside) of @n bytes. */
static void wrap_para(struct gp_lines *l, enum gp_attr attr, int item, const char *s, size_t n,
		      int width, int indent1, int indent2)
{
	int indent = indent1;
	int first = 1;

	do {
		int room = width - indent, used = 0;
		size_t i = 0, brk = 0, len = 1;
		struct gp_line *ln;

		if (room < 1)
			room = 1;
		/* Take characters while they fit; remember the last blank. */
		while (i < n) {
			int w = char_width(s + i, &len);

			if (used + w > room)
				break;
			if (s[i] == ' ')
				brk = i;
			used += w;
			i += len;
		}
		if (i < n && brk > 0 && s[i] != ' ')
			i = brk;          /* break at the last blank */
		else if (i == 0 && n > 0)
			i = len < n ? len : n;   /* one character wider than the room */
		ln = line_new(l, attr, item);
		if (ln) {
			ln->text = malloc((size_t)indent + i + 1);
			if (ln->text) {
				memset(ln->text, ' ', (size_t)indent);
				memcpy(ln->text + indent, s, i);
				ln->text[indent + i] = '\0';
			}
			line_done(l, ln);
		}
		s += i;
		n -= i;
		while (n && *s == ' ') {
			s++;
			n--;
		}
		if (first) {
			first = 0;
			indent = indent2;
		}
	} while (n);
}

void gp_lines_wrap(struct gp_lines *l, enum gp_attr attr, int item, const char *text,
		   int width, int indent1, int indent2)
{
	const char *nl;

	for (;;) {
		nl = strchr(text, '\n');
		wrap_para(l, attr, item, text, nl ? (size_t)(nl - text) : strlen(text), width,
			  indent1, indent2);
		if (!nl)
			break;
		text = nl + 1;
	}
}

const char *gp_footer_format(unsigned keys)
{
	/* One msgid per set of keys, so a translation can order the whole line. */
	static const char *const line[] = {
		[0] = "",
		[GP_FOOTER_GLOBAL] = N_("F1/?: help   q: quit"),
		[GP_FOOTER_BACK] = N_("Esc: back"),
		[GP_FOOTER_BACK | GP_FOOTER_GLOBAL] = N_("Esc: back   F1/?: help   q: quit"),
		/* TRANSLATORS: the key line; %s says what Enter does ("Enter: continue"). */
		[GP_FOOTER_ENTER] = N_("Enter: %s"),
		/* TRANSLATORS: the key line; %s says what Enter does ("Enter: continue"). */
		[GP_FOOTER_ENTER | GP_FOOTER_GLOBAL] = N_("Enter: %s   F1/?: help   q: quit"),
		/* TRANSLATORS: the key line; %s says what Enter does ("Enter: continue"). */
		[GP_FOOTER_ENTER | GP_FOOTER_BACK] = N_("Enter: %s   Esc: back"),
		/* TRANSLATORS: the key line; %s says what Enter does ("Enter: continue"). */
		[GP_FOOTER_ENTER | GP_FOOTER_BACK | GP_FOOTER_GLOBAL] =
			N_("Enter: %s   Esc: back   F1/?: help   q: quit"),
	};

	return keys < sizeof(line) / sizeof(line[0]) ? line[keys] : "";
}
