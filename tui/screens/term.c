/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * term — curses, in one place (see term.h).  The pattern is htop's: the
 * handlers only set flags, and the key loop acts on them, because endwin()
 * and friends are not async-signal-safe; the exception is a fatal signal,
 * where a best-effort restore beats leaving the terminal raw.
 */
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "term.h"

/* How often the key loop looks at the signal flags (ms). */
#define POLL_MS 100

static int active;
static SCREEN *screen;
static int colours;
static int utf8;
static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t got_tstp;

enum { PAIR_HEADING = 1, PAIR_OK, PAIR_WARN, PAIR_FAIL, PAIR_ADD, PAIR_DEL };

static void on_signal(int sig)
{
	got_signal = sig;
}

static void on_tstp(int sig)
{
	got_tstp = 1;
}

static void on_fatal(int sig)
{
	if (active)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void handle(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);   /* no SA_RESTART: a waiting read returns */
}

int gp_term_start(void)
{
	static int registered;
	const char *nc = getenv("NO_COLOR");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return -ENOTTY;
	utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	/* Before initscr(): curses installs its own handlers only where none is set. */
	handle(SIGINT, on_signal);
	handle(SIGTERM, on_signal);
	handle(SIGHUP, on_signal);
	handle(SIGTSTP, on_tstp);
	handle(SIGSEGV, on_fatal);
	handle(SIGBUS, on_fatal);
	handle(SIGFPE, on_fatal);
	handle(SIGILL, on_fatal);
	handle(SIGABRT, on_fatal);
	if (!registered) {
		atexit(gp_term_stop);
		registered = 1;
	}
	screen = newterm(NULL, stdout, stdin);
	if (!screen)
		return -ENOTTY;
	active = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	wtimeout(stdscr, POLL_MS);
	colours = has_colors() && !(nc && nc[0]);
	if (colours) {
		start_color();
		use_default_colors();
		init_pair(PAIR_HEADING, COLOR_CYAN, -1);
		init_pair(PAIR_OK, COLOR_GREEN, -1);
		init_pair(PAIR_WARN, COLOR_YELLOW, -1);
		init_pair(PAIR_FAIL, COLOR_RED, -1);
		init_pair(PAIR_ADD, COLOR_GREEN, -1);
		init_pair(PAIR_DEL, COLOR_RED, -1);
	}
	return 0;
}

void gp_term_stop(void)
{
	if (!active)
		return;
	active = 0;
	curs_set(1);
	endwin();
	delscreen(screen);
	screen = NULL;
}

int gp_term_signal(void)
{
	return got_signal;
}

int gp_term_utf8(void)
{
	return utf8;
}

void gp_term_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

/* Stop like any other program, with the terminal as the shell expects it. */
static void suspend(void)
{
	got_tstp = 0;
	endwin();
	signal(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);
	/* Continued. */
	handle(SIGTSTP, on_tstp);
	refresh();
}

static int map_key(wint_t wc, int is_key)
{
	if (!is_key) {
		switch (wc) {
		case '\r':
		case '\n':
			return GP_KEY_ENTER;
		case 27:
			return GP_KEY_ESC;
		case '\t':
			return GP_KEY_TAB;
		}
		return (int)wc;
	}
	switch (wc) {
	case KEY_UP: return GP_KEY_UP;
	case KEY_DOWN: return GP_KEY_DOWN;
	case KEY_LEFT: return GP_KEY_LEFT;
	case KEY_RIGHT: return GP_KEY_RIGHT;
	case KEY_PPAGE: return GP_KEY_PGUP;
	case KEY_NPAGE: return GP_KEY_PGDN;
	case KEY_HOME: return GP_KEY_HOME;
	case KEY_END: return GP_KEY_END;
	case KEY_ENTER: return GP_KEY_ENTER;
	case KEY_BTAB: return GP_KEY_BTAB;
	case KEY_F(1): return GP_KEY_HELP;
	case KEY_RESIZE: return GP_KEY_RESIZE;
	}
	return GP_KEY_NONE;
}

int gp_term_key(void)
{
	for (;;) {
		wint_t wc;
		int r, k;

		if (got_signal)
			return GP_KEY_SIGNAL;
		if (got_tstp) {
			suspend();
			return GP_KEY_RESIZE;
		}
		r = wget_wch(stdscr, &wc);
		if (r == ERR)
			continue;   /* the poll timeout, or a signal */
		k = map_key(wc, r == KEY_CODE_YES);
		if (k != GP_KEY_NONE)
			return k;
	}
}

void gp_term_clear(void)
{
	erase();
}

static attr_t attr_of(enum gp_attr a, int reverse)
{
	attr_t at = reverse ? A_REVERSE : A_NORMAL;
	short pair = 0;

	switch (a) {
	case GP_ATTR_HEADING:
		at |= A_BOLD;
		pair = PAIR_HEADING;
		break;
	case GP_ATTR_OK:
		pair = PAIR_OK;
		break;
	case GP_ATTR_WARN:
		at |= A_BOLD;
		pair = PAIR_WARN;
		break;
	case GP_ATTR_FAIL:
		at |= A_BOLD;
		pair = PAIR_FAIL;
		break;
	case GP_ATTR_DIM:
		at |= A_DIM;
		break;
	case GP_ATTR_ADD:
		pair = PAIR_ADD;
		break;
	case GP_ATTR_DEL:
		pair = PAIR_DEL;
		break;
	default:
		break;
	}
	if (colours && pair)
		at |= COLOR_PAIR(pair);
	return at;
}

void gp_term_text(int y, int x, int width, enum gp_attr attr, int reverse, int fill,
		  const char *s)
{
	mbstate_t st;
	int used = 0;

	if (width <= 0)
		return;
	attrset(attr_of(attr, reverse));
	move(y, x);
	memset(&st, 0, sizeof(st));
	while (*s) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			wc = L'?';
			n = 1;
			memset(&st, 0, sizeof(st));
		}
		if (wc == L'\t')
			wc = L' ';
		w = wcwidth(wc);
		if (w < 0) {
			wc = L'?';
			w = 1;
		}
		if (used + w > width)
			break;
		addnwstr(&wc, 1);
		used += w;
		s += n;
	}
	if (fill)
		for (; used < width; used++)
			addch(' ');
	attrset(A_NORMAL);
}

void gp_term_box(int y, int x, int h, int w)
{
	WINDOW *win;

	if (h < 2 || w < 2)
		return;
	for (int r = y; r < y + h; r++) {
		move(r, x);
		for (int c = 0; c < w; c++)
			addch(' ');
	}
	win = derwin(stdscr, h, w, y, x);
	if (!win)
		return;
	if (utf8)
		box_set(win, WACS_VLINE, WACS_HLINE);
	else
		wborder(win, '|', '|', '-', '-', '+', '+', '+', '+');
	delwin(win);
}

void gp_term_flush(void)
{
	refresh();
}
