/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * term — the one module that talks to curses.  It starts and stops the
 * terminal (and restores it on exit, on fatal errors and on signals),
 * turns curses keys into enum gp_key, and draws clipped text and boxes.
 * Screens draw only through these functions, so no other file of the
 * wizard includes curses.h and the widgets stay testable without one.
 */
#ifndef GP_TERM_H
#define GP_TERM_H

#include "widget.h"

/**
 * gp_term_start - take over the terminal: curses on, keys unbuffered,
 * colours unless NO_COLOR is set or the terminal has none, handlers for
 * SIGINT/SIGTERM/SIGHUP (reported as GP_KEY_SIGNAL), SIGTSTP (the terminal
 * is restored while stopped) and fatal signals (restored, then the signal
 * proceeds), and gp_term_stop() registered with atexit().
 * Returns 0, or -ENOTTY when stdin or stdout is not a terminal or curses
 * cannot start on it.
 */
int gp_term_start(void);

/** gp_term_stop - give the terminal back as it was; safe to call twice. */
void gp_term_stop(void);

/**
 * gp_term_key - wait for the next key: a Unicode code point or a GP_KEY_*
 * code.  GP_KEY_RESIZE after a size change or a resume from SIGTSTP (redraw
 * everything), GP_KEY_SIGNAL when SIGINT, SIGTERM or SIGHUP arrived (see
 * gp_term_signal()).
 */
int gp_term_key(void);

/** gp_term_signal - the terminating signal that arrived, or 0. */
int gp_term_signal(void);

/** gp_term_size - the terminal's size now. */
void gp_term_size(int *rows, int *cols);

/** gp_term_utf8 - 1 when the locale is UTF-8 (line drawing and non-ASCII text). */
int gp_term_utf8(void);

/** gp_term_clear - blank the whole screen (drawn on the next gp_term_flush()). */
void gp_term_clear(void);

/**
 * gp_term_text - draw UTF-8 @s at row @y, column @x, cut at @width columns.
 * With @fill the rest of the width is blanked in the same attribute;
 * @reverse shows it selected.
 */
void gp_term_text(int y, int x, int width, enum gp_attr attr, int reverse, int fill,
		  const char *s);

/** gp_term_box - a frame @h rows by @w columns at @y,@x (line drawing or ASCII), blank inside. */
void gp_term_box(int y, int x, int h, int w);

/** gp_term_flush - show what was drawn. */
void gp_term_flush(void);

#endif
