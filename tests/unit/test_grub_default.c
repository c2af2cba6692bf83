/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * grub_default: what sourcing /etc/default/grub and grub.d/NAME.cfg gives the
 * kernel — quoting, expansion, file order, cloud images' replacement, our
 * own drop-in, and every construct that must be reported, not guessed.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "gp_path.h"
#include "grub_default.h"

/* Evaluate one file's @text; the normal entry's line into @out. */
static void eval1(const char *text, struct gp_grub_cmdline *out)
{
	struct gp_grub_source src = { "/etc/default/grub", text };

	assert_int_equal(gp_grub_default_eval(&src, 1, out), 0);
}

static void expect_line(const char *text, const char *normal)
{
	struct gp_grub_cmdline c;

	eval1(text, &c);
	assert_string_equal(c.normal, normal);
	assert_false(c.unsafe);
	gp_grub_cmdline_free(&c);
}

static void test_quoting(void **state)
{
	(void)state;
	expect_line("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nGRUB_CMDLINE_LINUX=\"\"\n", "quiet");
	expect_line("GRUB_CMDLINE_LINUX_DEFAULT='quiet splash'\nGRUB_CMDLINE_LINUX=''\n",
		    "quiet splash");
	expect_line("GRUB_CMDLINE_LINUX_DEFAULT=quiet\\ splash\n", "quiet splash");
	expect_line("GRUB_CMDLINE_LINUX=\"a=\\\"x y\\\" b\"\n", "\"a=x y\" b");
	expect_line("GRUB_CMDLINE_LINUX_DEFAULT=\"a \\$HOME 'q'\"\n", "a $HOME q");
	expect_line("GRUB_CMDLINE_LINUX_DEFAULT='a \"b c\"'\n", "a \"b c\"");
	/* A continued line, a comment, ';' and a '#' inside a word. */
	expect_line("# GRUB_CMDLINE_LINUX=nope\nGRUB_CMDLINE_LINUX=\"one \\\ntwo\"; X=1 # c\n"
		    "GRUB_CMDLINE_LINUX_DEFAULT=a#b\n", "one two a#b");
	/* Multi-line single quotes, export, unset. */
	expect_line("GRUB_CMDLINE_LINUX='x\ny'\nexport GRUB_CMDLINE_LINUX_DEFAULT=z\n", "x y z");
	expect_line("GRUB_CMDLINE_LINUX=x\nunset GRUB_CMDLINE_LINUX\n", "");
	expect_line("", "");
}

static void test_expansion(void **state)
{
	(void)state;
	expect_line("A=intel_iommu=on\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet $A ${A}x\"\n",
		    "quiet intel_iommu=on intel_iommu=onx");
	expect_line("GRUB_CMDLINE_LINUX_DEFAULT=quiet\n"
		    "GRUB_CMDLINE_LINUX_DEFAULT=\"${GRUB_CMDLINE_LINUX_DEFAULT} iommu=pt\"\n",
		    "quiet iommu=pt");
	/* A variable assigned later is empty when expanded; '$' alone is literal. */
	expect_line("GRUB_CMDLINE_LINUX=\"$B x$\"\nB=1\n", "x$");
	/* Assignments on one line go left to right. */
	expect_line("A=1 GRUB_CMDLINE_LINUX=$A\n", "1");
	/* Debian's GRUB_DISTRIBUTOR: a command substitution that the line never uses. */
	expect_line("GRUB_DISTRIBUTOR=`lsb_release -i -s 2> /dev/null || echo Debian`\n"
		    "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n", "quiet");
}

static void expect_unsafe(const char *text, unsigned line, const char *what)
{
	struct gp_grub_cmdline c;

	eval1(text, &c);
	assert_true(c.unsafe);
	assert_string_equal(c.where.path, "/etc/default/grub");
	if (c.where.line != line)
		print_message("%s: line %u\n", text, c.where.line);
	assert_int_equal(c.where.line, line);
	assert_string_equal(c.where.what, what);
	gp_grub_cmdline_free(&c);
}

static void test_unsafe(void **state)
{
	(void)state;
	expect_unsafe("GRUB_CMDLINE_LINUX_DEFAULT=\"$(cat /x)\"\n", 1, "$(...)");
	expect_unsafe("X=1\nGRUB_CMDLINE_LINUX=`cat /x`\n", 2, "`...`");
	expect_unsafe("D=$(echo a)\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet $D\"\n", 1, "$(...)");
	expect_unsafe("GRUB_CMDLINE_LINUX=${X:-a}\n", 1, "${...}");
	expect_unsafe("GRUB_CMDLINE_LINUX=$1\n", 1, "$1");
	expect_unsafe("\nif [ -e /x ]; then GRUB_CMDLINE_LINUX=a; fi\n", 2, "if");
	expect_unsafe(". /etc/other\n", 1, ".");
	expect_unsafe("GRUB_CMDLINE_LINUX='open\n", 1, "unterminated '");
	expect_unsafe("A=1 && GRUB_CMDLINE_LINUX=a\n", 1, "&");
	/* Not POSIX: dash runs "GRUB_CMDLINE_LINUX+=a" as a command. */
	expect_unsafe("GRUB_CMDLINE_LINUX+=a\n", 1, "GRUB_CMDLINE_LINUX+=a");
}

/* grub-mkconfig's order: /etc/default/grub, then grub.d in byte order. */
static void test_files_in_order(void **state)
{
	struct gp_grub_source src[] = {
		{ "/etc/default/grub", "GRUB_CMDLINE_LINUX_DEFAULT='quiet splash'\n" },
		{ "/etc/default/grub.d/50-cloudimg-settings.cfg",
		  "GRUB_CMDLINE_LINUX_DEFAULT=\"console=tty1 console=ttyS0\"\n" },
		{ "/etc/default/grub.d/99-gpupt.cfg",
		  "GRUB_CMDLINE_LINUX_DEFAULT=\"${GRUB_CMDLINE_LINUX_DEFAULT} intel_iommu=on\"\n" },
	};
	struct gp_grub_cmdline c;

	(void)state;
	assert_int_equal(gp_grub_default_eval(src, 3, &c), 0);
	assert_string_equal(c.normal, "console=tty1 console=ttyS0 intel_iommu=on");
	assert_string_equal(c.default_args, "console=tty1 console=ttyS0 intel_iommu=on");
	assert_string_equal(c.linux_args, "");
	gp_grub_cmdline_free(&c);
}

/* --- on a root --------------------------------------------------------------- */

struct root {
	char dir[64];
	struct gp_path p;
};

static void put(struct root *t, const char *path, const char *text)
{
	char full[256];
	FILE *f;

	snprintf(full, sizeof(full), "%s%s", t->dir, path);
	f = fopen(full, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int root_setup(void **state)
{
	struct root *t = calloc(1, sizeof(*t));
	char d[128];

	if (!t)
		return -1;
	snprintf(t->dir, sizeof(t->dir), "/tmp/test_grub_default.XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	snprintf(d, sizeof(d), "%s/etc", t->dir);
	mkdir(d, 0755);
	snprintf(d, sizeof(d), "%s/etc/default", t->dir);
	mkdir(d, 0755);
	snprintf(d, sizeof(d), "%s/etc/default/grub.d", t->dir);
	mkdir(d, 0755);
	if (gp_path_init(&t->p, t->dir) < 0)
		return -1;
	*state = t;
	return 0;
}

static int root_teardown(void **state)
{
	struct root *t = *state;
	char cmd[128];

	gp_path_fini(&t->p);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	if (system(cmd) != 0)
		return -1;
	free(t);
	return 0;
}

#define DROPIN "/etc/default/grub.d/99-gpupt.cfg"

static void read_root(struct root *t, enum gp_grub_dropin mode, const char *text,
		      const char *normal)
{
	struct gp_grub_cmdline c;

	assert_int_equal(gp_grub_default_read(&t->p, DROPIN, mode, text, &c), 0);
	assert_string_equal(c.normal, normal);
	assert_false(c.unsafe);
	gp_grub_cmdline_free(&c);
}

/* Byte order, not the locale's: "Z" before "a", "10" before "9"; not *.cfg ignored. */
static void test_read_order(void **state)
{
	struct root *t = *state;

	put(t, "/etc/default/grub", "GRUB_CMDLINE_LINUX_DEFAULT=quiet\nGRUB_CMDLINE_LINUX=\n");
	put(t, "/etc/default/grub.d/a.cfg", "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX a\"\n");
	put(t, "/etc/default/grub.d/Z.cfg", "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX Z\"\n");
	put(t, "/etc/default/grub.d/10.cfg", "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX 10\"\n");
	put(t, "/etc/default/grub.d/9.cfg", "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX 9\"\n");
	put(t, "/etc/default/grub.d/x.cfg.bak", "GRUB_CMDLINE_LINUX=bak\n");
	put(t, "/etc/default/grub.d/.hidden.cfg", "GRUB_CMDLINE_LINUX=hidden\n");
	read_root(t, GP_GRUB_DROPIN_ON_DISK, NULL, "10 9 Z a quiet");
}

/* Our drop-in counts like any .cfg; the plan can leave it out or replace it. */
static void test_read_dropin(void **state)
{
	struct root *t = *state;
	const char *ours = "GRUB_CMDLINE_LINUX_DEFAULT=\"${GRUB_CMDLINE_LINUX_DEFAULT} iommu=pt\"\n";

	put(t, "/etc/default/grub", "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n");
	read_root(t, GP_GRUB_DROPIN_REPLACED, ours, "quiet iommu=pt");
	read_root(t, GP_GRUB_DROPIN_ON_DISK, NULL, "quiet");
	put(t, DROPIN, ours);
	read_root(t, GP_GRUB_DROPIN_ON_DISK, NULL, "quiet iommu=pt");
	read_root(t, GP_GRUB_DROPIN_WITHOUT, NULL, "quiet");
	read_root(t, GP_GRUB_DROPIN_REPLACED, "", "quiet");
	/* A file after ours that replaces the value wins over it. */
	put(t, "/etc/default/grub.d/zz-late.cfg", "GRUB_CMDLINE_LINUX_DEFAULT=late\n");
	read_root(t, GP_GRUB_DROPIN_ON_DISK, NULL, "late");
}

/* No /etc/default/grub: skipped, as grub-mkconfig does; an unreadable .cfg is unsafe. */
static void test_read_missing(void **state)
{
	struct root *t = *state;
	struct gp_grub_cmdline c;
	char d[160];

	read_root(t, GP_GRUB_DROPIN_ON_DISK, NULL, "");
	snprintf(d, sizeof(d), "%s/etc/default/grub.d/dir.cfg", t->dir);
	assert_int_equal(mkdir(d, 0755), 0);
	assert_int_equal(gp_grub_default_read(&t->p, DROPIN, GP_GRUB_DROPIN_ON_DISK, NULL, &c), 0);
	assert_true(c.unsafe);
	assert_string_equal(c.where.path, "/etc/default/grub.d/dir.cfg");
	assert_int_not_equal(c.read_err, 0);
	gp_grub_cmdline_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_expansion),
		cmocka_unit_test(test_unsafe),
		cmocka_unit_test(test_files_in_order),
		cmocka_unit_test_setup_teardown(test_read_order, root_setup, root_teardown),
		cmocka_unit_test_setup_teardown(test_read_dropin, root_setup, root_teardown),
		cmocka_unit_test_setup_teardown(test_read_missing, root_setup, root_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
