/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * widget — the wizard's widgets without their drawing: key codes, a list
 * with a cursor, a scrolling pane, a row of buttons, and text lines with
 * word wrapping.  Nothing here includes curses, so every key handler is a
 * pure function of its state and a key (tests/unit/test_widgets.c); the
 * terminal module (term.c) turns curses keys into GP_KEY_* and draws.
 */
#ifndef GP_WIDGET_H
#define GP_WIDGET_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Keys.  Printable characters are their own code point; the rest are
 * above the Unicode range so they never collide with one.
 */
enum gp_key {
	GP_KEY_NONE = 0,
	GP_KEY_TAB = '\t',
	GP_KEY_SPACE = ' ',
	GP_KEY_UP = 0x110000,
	GP_KEY_DOWN,
	GP_KEY_LEFT,
	GP_KEY_RIGHT,
	GP_KEY_PGUP,
	GP_KEY_PGDN,
	GP_KEY_HOME,
	GP_KEY_END,
	GP_KEY_ENTER,
	GP_KEY_ESC,
	GP_KEY_BTAB,        /* shift-Tab */
	GP_KEY_HELP,        /* F1 */
	GP_KEY_RESIZE,      /* the terminal changed size */
	GP_KEY_SIGNAL,      /* SIGINT, SIGTERM or SIGHUP arrived */
};

/* What a key did to a widget. */
enum gp_widget_result {
	GP_W_IGNORED = 0,   /* not this widget's key: the caller may use it */
	GP_W_MOVED,         /* the cursor or the view moved: redraw */
	GP_W_ACTIVATE,      /* Enter on the current item / button */
	GP_W_TOGGLE,        /* Space on the current item */
	GP_W_CANCEL,        /* Esc */
};

/**
 * struct gp_list - a cursor over @n items, @height of them visible at once.
 * @top is the first visible item; gp_list_key() keeps the cursor in view.
 */
struct gp_list {
	size_t n;
	size_t cur;
	size_t top;
	int height;
};

/**
 * gp_list_key - move the cursor: arrows, PgUp/PgDn, Home/End; Enter
 * activates, Space toggles.  Returns an enum gp_widget_result.
 */
int gp_list_key(struct gp_list *l, int key);

/** gp_list_set - set the item count and visible height, keeping the cursor valid and in view. */
void gp_list_set(struct gp_list *l, size_t n, int height);

/**
 * struct gp_scroll - a view of @height lines out of @n.
 * @top: the first visible line.
 * @follow: keep the view on the last lines as lines are added (output panes).
 */
struct gp_scroll {
	size_t n;
	size_t top;
	int height;
	int follow;
};

/**
 * gp_scroll_key - scroll: arrows by a line, PgUp/PgDn (and Space) by a
 * page, Home/End.  Scrolling up stops following the output; End follows
 * again.  Returns an enum gp_widget_result.
 */
int gp_scroll_key(struct gp_scroll *s, int key);

/** gp_scroll_set - set the line count and height, clamping the view (and following). */
void gp_scroll_set(struct gp_scroll *s, size_t n, int height);

/** gp_scroll_show - move the view as little as possible so lines @first..@last are visible. */
void gp_scroll_show(struct gp_scroll *s, size_t first, size_t last);

/** struct gp_buttons - a row of @n buttons, @cur focused. */
struct gp_buttons {
	int n;
	int cur;
};

/**
 * gp_buttons_key - Left/Right/Tab/shift-Tab move the focus (wrapping);
 * Enter activates the focused button; Esc cancels.
 */
int gp_buttons_key(struct gp_buttons *b, int key);

/*
 * The keys the key line (the footer) offers.  A screen offers only the keys
 * that do something there now: Esc only where it goes back, nothing while
 * the change runs (no key is read then).
 */
enum gp_footer_key {
	GP_FOOTER_ENTER = 1 << 0,   /* Enter does what the screen's hint says */
	GP_FOOTER_BACK = 1 << 1,    /* Esc goes back a screen */
	GP_FOOTER_GLOBAL = 1 << 2,  /* F1/? shows the help, q asks to quit */
};

/**
 * gp_footer_format - the key line offering exactly @keys (GP_FOOTER_*
 * bits), as an untranslated N_() format: show it with _(); with
 * GP_FOOTER_ENTER it has one %s, what Enter does.  "" for no keys.
 */
const char *gp_footer_format(unsigned keys);

/* Attributes of a line of text, mapped to colours or monochrome by term.c. */
enum gp_attr {
	GP_ATTR_NORMAL = 0,
	GP_ATTR_HEADING,
	GP_ATTR_OK,
	GP_ATTR_WARN,
	GP_ATTR_FAIL,
	GP_ATTR_DIM,
	GP_ATTR_ADD,        /* a diff's added line */
	GP_ATTR_DEL,        /* a diff's removed line */
};

/** One line: its text (UTF-8), attribute, and the selectable item it belongs to (-1: none). */
struct gp_line {
	char *text;
	enum gp_attr attr;
	int item;
};

/** struct gp_lines - a growable array of lines. */
struct gp_lines {
	struct gp_line *v;
	size_t n;
	size_t cap;
	int oom;            /* an allocation failed: some lines are missing */
};

/** gp_lines_add - append one line (copied; a '\n' in @text is kept as is). */
void gp_lines_add(struct gp_lines *l, enum gp_attr attr, int item, const char *text);

/** gp_lines_addf - append one printf-formatted line. */
void gp_lines_addf(struct gp_lines *l, enum gp_attr attr, int item, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/**
 * gp_lines_wrap - append @text word-wrapped to @width display columns.
 * Each '\n' starts a new line; the first line is indented by @indent1
 * columns, the following ones by @indent2.  Words longer than the width
 * are cut.  Display widths follow the current locale (wcwidth).
 */
void gp_lines_wrap(struct gp_lines *l, enum gp_attr attr, int item, const char *text,
		   int width, int indent1, int indent2);

/** gp_lines_clear - drop every line, keeping the storage. */
void gp_lines_clear(struct gp_lines *l);

/** gp_lines_free - release the lines. */
void gp_lines_free(struct gp_lines *l);

/** gp_text_width - display columns of a UTF-8 string in the current locale. */
int gp_text_width(const char *s);

#endif
