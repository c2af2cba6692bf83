/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The unified diff of --dry-run: each case's expected text is what
 * `diff -u` prints for the same two files (headers aside).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* The diff lives in the front end, which the unit tests do not link. */
#include "diff.c"

static char *run_diff(const char *a, const char *b, unsigned int context)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(gp_diff_unified(f, "a/x", a, a ? strlen(a) : 0, "b/x", b,
					 b ? strlen(b) : 0, context), 0);
	fclose(f);
	return buf;
}

static void check(const char *a, const char *b, const char *want)
{
	char *got = run_diff(a, b, 3);

	assert_string_equal(got, want);
	free(got);
}

static void test_identical(void **state)
{
	check("one\ntwo\n", "one\ntwo\n", "");
	check(NULL, NULL, "");
}

static void test_new_file(void **state)
{
	check(NULL, "a\nb\n", "--- a/x\n+++ b/x\n@@ -0,0 +1,2 @@\n+a\n+b\n");
}

static void test_removed_file(void **state)
{
	check("a\n", NULL, "--- a/x\n+++ b/x\n@@ -1 +0,0 @@\n-a\n");
}

static void test_change_in_middle(void **state)
{
	check("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nX\n6\n7\n8\n9\n",
	      "--- a/x\n+++ b/x\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n");
}

static void test_two_hunks(void **state)
{
	/* Changes 8 lines apart (more than twice the context): two hunks. */
	check("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n", "A\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\n",
	      "--- a/x\n+++ b/x\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n d\n"
	      "@@ -9,4 +9,4 @@\n i\n j\n k\n-l\n+L\n");
}

static void test_close_changes_merge(void **state)
{
	/* Six unchanged lines between: one hunk. */
	check("a\n1\n2\n3\n4\n5\n6\nb\n", "A\n1\n2\n3\n4\n5\n6\nB\n",
	      "--- a/x\n+++ b/x\n@@ -1,8 +1,8 @@\n-a\n+A\n 1\n 2\n 3\n 4\n 5\n 6\n-b\n+B\n");
}

static void test_no_newline(void **state)
{
	check("a\nb", "a\nb\n",
	      "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
}

static void test_insertion(void **state)
{
	check("a\nb\n", "a\nnew\nb\n", "--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n a\n+new\n b\n");
}

static void test_context_zero(void **state)
{
	char *got = run_diff("a\nb\nc\n", "a\nB\nc\n", 0);

	assert_string_equal(got, "--- a/x\n+++ b/x\n@@ -2 +2 @@\n-b\n+B\n");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_new_file),
		cmocka_unit_test(test_removed_file),
		cmocka_unit_test(test_change_in_middle),
		cmocka_unit_test(test_two_hunks),
		cmocka_unit_test(test_close_changes_merge),
		cmocka_unit_test(test_no_newline),
		cmocka_unit_test(test_insertion),
		cmocka_unit_test(test_context_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
