/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of the wizard's widgets: the key handling of the list, the
 * scrolling pane and the buttons, and word wrapping — all without a
 * terminal, since widget.c has no curses in it.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

/* The widgets are part of the program, not of the engine library: built in here. */
#include "../../tui/screens/widget.c"

static void list_moves_and_clamps(void **state)
{
	struct gp_list l = { 0 };

	(void)state;
	gp_list_set(&l, 5, 3);
	assert_int_equal(gp_list_key(&l, GP_KEY_UP), GP_W_IGNORED);   /* already at the top */
	assert_int_equal(gp_list_key(&l, GP_KEY_DOWN), GP_W_MOVED);
	assert_int_equal(l.cur, 1);
	assert_int_equal(gp_list_key(&l, GP_KEY_END), GP_W_MOVED);
	assert_int_equal(l.cur, 4);
	assert_int_equal(l.top, 2);                                    /* the cursor stays in view */
	assert_int_equal(gp_list_key(&l, GP_KEY_DOWN), GP_W_IGNORED);
	assert_int_equal(gp_list_key(&l, GP_KEY_PGUP), GP_W_MOVED);
	assert_int_equal(l.cur, 2);
	assert_int_equal(gp_list_key(&l, GP_KEY_HOME), GP_W_MOVED);
	assert_int_equal(l.cur, 0);
	assert_int_equal(l.top, 0);
	assert_int_equal(gp_list_key(&l, GP_KEY_PGDN), GP_W_MOVED);
	assert_int_equal(l.cur, 2);
}

static void list_actions(void **state)
{
	struct gp_list l = { 0 };

	(void)state;
	gp_list_set(&l, 2, 10);
	assert_int_equal(gp_list_key(&l, GP_KEY_ENTER), GP_W_ACTIVATE);
	assert_int_equal(gp_list_key(&l, GP_KEY_SPACE), GP_W_TOGGLE);
	assert_int_equal(gp_list_key(&l, GP_KEY_ESC), GP_W_CANCEL);
	assert_int_equal(gp_list_key(&l, 'x'), GP_W_IGNORED);
}

static void list_shrinks(void **state)
{
	struct gp_list l = { 0 };

	(void)state;
	gp_list_set(&l, 10, 4);
	gp_list_key(&l, GP_KEY_END);
	gp_list_set(&l, 3, 4);          /* fewer items now: the cursor follows */
	assert_int_equal(l.cur, 2);
	assert_int_equal(l.top, 0);
	gp_list_set(&l, 0, 4);
	assert_int_equal(l.cur, 0);
	assert_int_equal(gp_list_key(&l, GP_KEY_DOWN), GP_W_IGNORED);
}

static void scroll_pages_and_follows(void **state)
{
	struct gp_scroll s = { 0 };

	(void)state;
	gp_scroll_set(&s, 100, 10);
	assert_int_equal(s.top, 0);
	assert_int_equal(gp_scroll_key(&s, GP_KEY_PGDN), GP_W_MOVED);
	assert_int_equal(s.top, 9);
	assert_int_equal(gp_scroll_key(&s, GP_KEY_END), GP_W_MOVED);
	assert_int_equal(s.top, 90);
	assert_true(s.follow);
	gp_scroll_set(&s, 120, 10);     /* output grows: the view follows */
	assert_int_equal(s.top, 110);
	assert_int_equal(gp_scroll_key(&s, GP_KEY_UP), GP_W_MOVED);
	assert_false(s.follow);
	gp_scroll_set(&s, 130, 10);     /* scrolled back: it stays */
	assert_int_equal(s.top, 109);
	assert_int_equal(gp_scroll_key(&s, GP_KEY_HOME), GP_W_MOVED);
	assert_int_equal(gp_scroll_key(&s, GP_KEY_UP), GP_W_IGNORED);
	assert_int_equal(gp_scroll_key(&s, GP_KEY_ENTER), GP_W_ACTIVATE);
	gp_scroll_show(&s, 50, 52);
	assert_int_equal(s.top, 43);
	gp_scroll_show(&s, 20, 20);
	assert_int_equal(s.top, 20);
}

static void scroll_short_text(void **state)
{
	struct gp_scroll s = { 0 };

	(void)state;
	gp_scroll_set(&s, 3, 10);
	assert_int_equal(gp_scroll_key(&s, GP_KEY_DOWN), GP_W_IGNORED);
	assert_int_equal(gp_scroll_key(&s, GP_KEY_END), GP_W_IGNORED);
	assert_int_equal(s.top, 0);
}

static void buttons_wrap(void **state)
{
	struct gp_buttons b = { .n = 2, .cur = 0 };

	(void)state;
	assert_int_equal(gp_buttons_key(&b, GP_KEY_TAB), GP_W_MOVED);
	assert_int_equal(b.cur, 1);
	assert_int_equal(gp_buttons_key(&b, GP_KEY_RIGHT), GP_W_MOVED);
	assert_int_equal(b.cur, 0);
	assert_int_equal(gp_buttons_key(&b, GP_KEY_LEFT), GP_W_MOVED);
	assert_int_equal(b.cur, 1);
	assert_int_equal(gp_buttons_key(&b, GP_KEY_ENTER), GP_W_ACTIVATE);
	assert_int_equal(gp_buttons_key(&b, GP_KEY_ESC), GP_W_CANCEL);
	assert_int_equal(gp_buttons_key(&b, 'q'), GP_W_IGNORED);
}

static void wrap_words(void **state)
{
	struct gp_lines l = { 0 };

	(void)state;
	gp_lines_wrap(&l, GP_ATTR_NORMAL, 3, "one two three four\nfive", 9, 0, 2);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0].text, "one two");
	assert_string_equal(l.v[1].text, "  three");
	assert_string_equal(l.v[2].text, "  four");
	assert_string_equal(l.v[3].text, "five");
	assert_int_equal(l.v[0].item, 3);
	gp_lines_clear(&l);
	gp_lines_wrap(&l, GP_ATTR_NORMAL, -1, "abcdefghij", 4, 0, 0);   /* cut, not lost */
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[2].text, "ij");
	gp_lines_clear(&l);
	gp_lines_wrap(&l, GP_ATTR_NORMAL, -1, "", 10, 2, 2);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].text, "  ");
	gp_lines_free(&l);
}

static void wrap_counts_columns(void **state)
{
	struct gp_lines l = { 0 };

	(void)state;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	/* "Größe" is 7 bytes and 5 columns: it fits a width of 5. */
	assert_int_equal(gp_text_width("Gr\xc3\xb6\xc3\x9f" "e"), 5);
	gp_lines_wrap(&l, GP_ATTR_NORMAL, -1, "Gr\xc3\xb6\xc3\x9f" "e \xc3\xa4", 5, 0, 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].text, "Gr\xc3\xb6\xc3\x9f" "e");
	assert_string_equal(l.v[1].text, "\xc3\xa4");
	gp_lines_free(&l);
	setlocale(LC_CTYPE, "C");
}

static void lines_format(void **state)
{
	struct gp_lines l = { 0 };

	(void)state;
	for (int i = 0; i < 100; i++)
		gp_lines_addf(&l, GP_ATTR_DIM, i, "line %d", i);
	assert_int_equal(l.n, 100);
	assert_string_equal(l.v[99].text, "line 99");
	assert_int_equal(l.v[42].attr, GP_ATTR_DIM);
	assert_false(l.oom);
	gp_lines_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_moves_and_clamps),
		cmocka_unit_test(list_actions),
		cmocka_unit_test(list_shrinks),
		cmocka_unit_test(scroll_pages_and_follows),
		cmocka_unit_test(scroll_short_text),
		cmocka_unit_test(buttons_wrap),
		cmocka_unit_test(wrap_words),
		cmocka_unit_test(wrap_counts_columns),
		cmocka_unit_test(lines_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
