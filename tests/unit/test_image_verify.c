/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The image check on a scratch root, with a stand-in reader (a small sh
 * script given as GPUPT_UNMKINITRAMFS would be) that "extracts" the files
 * the test names into the directory it is given: which command names which
 * image, what the image must hold for a bind.conf that lists something and
 * for one that lists nothing, a stale bind.conf, a missing or failing
 * reader, early archives (DIR/main/), and a bind.conf no image carries.
 * Run as root, also the root's own reader, chrooted (a busybox copied into
 * the scratch root), with the root's /tmp an absolute link to a host
 * directory: the private directory is made inside the root, never there,
 * with openat2 and again with it failing ENOSYS (tests/tools/no_openat2.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "generator.h"
#include "image_verify.h"
#include "../tools/no_openat2.h"

struct env {
	char top[256];
	char root[300];
	char reader[300];
	struct gp_path p;
	struct gp_plan_options opt;
	struct gp_report rep;
};

static void put_host(const char *path, const char *content, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static void put_conf(struct env *e, const char *content)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/etc/gpupt/bind.conf", e->root);
	put_host(path, content, 0644);
}

/* The reader "extracts" @body's files: a sh script run as READER IMAGE DIR. */
static void reader(struct env *e, const char *body)
{
	char script[2048];

	snprintf(script, sizeof(script), "#!/bin/sh\nset -e\nd=$2\n[ -f \"$1\" ]\n%s\n", body);
	put_host(e->reader, script, 0755);
	e->opt.unmkinitramfs = e->reader;
}

static int verify(struct env *e, int *binds)
{
	static char *argv[] = { (char *)"/usr/sbin/update-initramfs", (char *)"-u", (char *)"-k",
				(char *)"6.1.0-test", NULL };
	struct gp_command c;

	memset(&c, 0, sizeof(c));
	c.argv = argv;
	strcpy(c.kver, "6.1.0-test");
	gp_report_free(&e->rep);
	return gp_image_verify(&e->p, &e->opt, &c, &e->rep, binds);
}

static int has_code(const struct env *e, enum gp_msg code)
{
	for (size_t i = 0; i < e->rep.n; i++)
		if (e->rep.item[i].code == code)
			return 1;
	return 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	const char *tmp = getenv("TMPDIR");
	char path[512];

	snprintf(e->top, sizeof(e->top), "%s/test_image.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(e->top))
		return -1;
	snprintf(e->root, sizeof(e->root), "%s/root", e->top);
	snprintf(e->reader, sizeof(e->reader), "%s/reader", e->top);
	mkdir(e->root, 0755);
	snprintf(path, sizeof(path), "%s/etc", e->root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/etc/gpupt", e->root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/boot", e->root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/boot/initrd.img-6.1.0-test", e->root);
	put_host(path, "image", 0644);
	if (gp_path_init(&e->p, e->root) < 0)
		return -1;
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	gp_report_free(&e->rep);
	gp_path_fini(&e->p);
	nftw(e->top, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(e);
	return 0;
}

#define CONF "# generated\n0000:01:00.0 10de:24b0\n"
#define FULL "mkdir -p $d/sbin $d/scripts/init-top $d/etc/gpupt\n: >$d/sbin/gpupt-bind\n" \
	": >$d/scripts/init-top/gpupt\n"

static void test_image_of_command(void **state)
{
	char *tools[] = { (char *)"/x", (char *)"-u", (char *)"-k", (char *)"6.1", NULL };
	char *dracut[] = { (char *)"/x", (char *)"--force", (char *)"/boot/initramfs-6.1.img",
			   (char *)"6.1", NULL };
	char *grub[] = { (char *)"/usr/sbin/update-grub", NULL };
	struct gp_command c;
	char image[256];

	(void)state;
	memset(&c, 0, sizeof(c));
	strcpy(c.kver, "6.1");
	c.argv = tools;
	assert_ptr_equal(gp_image_of_command(&c, image, sizeof(image)), &gp_generator_tools);
	assert_string_equal(image, "/boot/initrd.img-6.1");
	c.argv = dracut;
	assert_ptr_equal(gp_image_of_command(&c, image, sizeof(image)), &gp_generator_dracut);
	assert_string_equal(image, "/boot/initramfs-6.1.img");
	c.argv = grub;
	c.kver[0] = '\0';
	assert_null(gp_image_of_command(&c, image, sizeof(image)));
	assert_string_equal(image, "");
}

static void test_binds(void **state)
{
	struct env *e = *state;
	int binds;

	put_conf(e, CONF);
	reader(e, FULL "printf '# generated\\n0000:01:00.0 10de:24b0\\n' >$d/etc/gpupt/bind.conf");
	assert_int_equal(verify(e, &binds), 0);
	assert_int_equal(binds, 1);
	assert_int_equal(e->rep.n, 0);
	/* After early microcode archives, unmkinitramfs puts the main one in DIR/main/. */
	reader(e, "mkdir -p $d/early $d/main\nd=$d/main\n" FULL
		  "printf '# generated\\n0000:01:00.0 10de:24b0\\n' >$d/etc/gpupt/bind.conf");
	assert_int_equal(verify(e, &binds), 0);
	assert_int_equal(binds, 1);
}

static void test_lacks(void **state)
{
	struct env *e = *state;
	int binds;

	put_conf(e, CONF);
	reader(e, "mkdir -p $d/scripts/init-top $d/etc/gpupt\n: >$d/scripts/init-top/gpupt\n"
		  "cp /dev/null $d/etc/gpupt/bind.conf");
	assert_int_equal(verify(e, &binds), -EBADE);
	assert_int_equal(binds, 0);
	assert_true(has_code(e, GP_MSG_IMAGE_LACKS));
	assert_true(has_code(e, GP_MSG_IMAGE_FIX_INSTALL));
	assert_string_equal(e->rep.item[0].arg[0].v.s, "/boot/initrd.img-6.1.0-test");
	assert_string_equal(e->rep.item[0].arg[1].v.s, "sbin/gpupt-bind");
	/* Everything but bind.conf. */
	reader(e, FULL);
	assert_int_equal(verify(e, &binds), -EBADE);
	assert_true(has_code(e, GP_MSG_IMAGE_LACKS));
	assert_string_equal(e->rep.item[0].arg[1].v.s, "etc/gpupt/bind.conf");
	/* A stale one: one byte differs. */
	reader(e, FULL "printf '# generated\\n0000:01:00.0 10de:24b1\\n' >$d/etc/gpupt/bind.conf");
	assert_int_equal(verify(e, &binds), -EBADE);
	assert_true(has_code(e, GP_MSG_IMAGE_CONF_DIFFERS));
}

static void test_unbound(void **state)
{
	struct env *e = *state;
	int binds;

	/* Comments only: the hooks leave the image as without gpupt. */
	put_conf(e, "# nothing\n\n   \t\r\n");
	reader(e, "mkdir -p $d/scripts/init-top\n: >$d/scripts/init-top/gpupt");
	assert_int_equal(verify(e, &binds), 0);
	assert_int_equal(binds, 0);
	reader(e, FULL);
	assert_int_equal(verify(e, &binds), -EBADE);
	assert_true(has_code(e, GP_MSG_IMAGE_STILL_BINDS));
	/* Empty. */
	put_conf(e, "");
	reader(e, "mkdir -p $d/etc/gpupt\n: >$d/etc/gpupt/bind.conf");
	assert_int_equal(verify(e, &binds), -EBADE);
	assert_true(has_code(e, GP_MSG_IMAGE_STILL_BINDS));
}

static void test_reader_missing_or_failing(void **state)
{
	struct env *e = *state;
	int binds;

	put_conf(e, CONF);
	/* No override: the root's own /usr/bin/unmkinitramfs, which it lacks. */
	e->opt.unmkinitramfs = NULL;
	assert_int_equal(verify(e, &binds), -EBADE);
	assert_true(has_code(e, GP_MSG_IMAGE_NO_TOOL));
	assert_true(has_code(e, GP_MSG_IMAGE_FIX_PACKAGE));
	reader(e, "echo 'cpio: premature end of archive' >&2; exit 2");
	assert_int_equal(verify(e, &binds), -EBADE);
	assert_true(has_code(e, GP_MSG_IMAGE_TOOL_FAILED));
	assert_string_equal(e->rep.item[0].arg[2].v.s, "cpio: premature end of archive");
}

static void test_none_rebuilt(void **state)
{
	struct env *e = *state;

	assert_int_equal(gp_image_none_rebuilt(&e->p, &e->rep), 0);   /* no bind.conf */
	put_conf(e, "# nothing\n");
	assert_int_equal(gp_image_none_rebuilt(&e->p, &e->rep), 0);
	put_conf(e, CONF);
	assert_int_equal(gp_image_none_rebuilt(&e->p, &e->rep), -EBADE);
	assert_true(has_code(e, GP_MSG_IMAGE_NONE_REBUILT));
}

/* A root that can run "#!/bin/sh" scripts chrooted: busybox and its libraries. */
static int put_busybox(const struct env *e)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd),
		 "set -e; r='%s'; b=$(command -v busybox); mkdir -p \"$r/bin\" \"$r/usr/bin\"\n"
		 "for l in $(ldd \"$b\" | grep -o '/[^ ]*'); do\n"
		 "  mkdir -p \"$r${l%%/*}\"; cp -L \"$l\" \"$r$l\"; done\n"
		 "cp -L \"$b\" \"$r/bin/busybox\"\n"
		 "for a in sh mkdir printf; do ln -s busybox \"$r/bin/$a\"; done",
		 e->root);
	return system(cmd) == 0 ? 0 : -1;
}

/* Entries of host directory @dir but "." and "..". */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void test_chrooted_tmp_link(void **state)
{
	struct env *e = *state;
	char host[512], target[600], inside[1024], link[512], script[1200];
	struct stat before, after;
	int binds;

	if (geteuid() != 0 || !getenv("PATH") || system("command -v busybox >/dev/null") != 0)
		skip();
	assert_int_equal(put_busybox(e), 0);
	/*
	 * The root's /tmp names the host's directory.  The host's names are
	 * under /tmp too, so the link says it as /proc/self/root/...: the host
	 * follows that to its own directory, the root has a directory of that
	 * name.
	 */
	snprintf(host, sizeof(host), "%s/hosttmp", e->top);
	snprintf(target, sizeof(target), "/proc/self/root%s", host);
	snprintf(inside, sizeof(inside), "%s%s", e->root, target);
	snprintf(link, sizeof(link), "%s/tmp", e->root);
	assert_int_equal(mkdir(host, 01777), 0);
	assert_int_equal(system((snprintf(script, sizeof(script), "mkdir -p '%s'", inside),
				 script)), 0);
	assert_int_equal(symlink(target, link), 0);
	snprintf(script, sizeof(script), "%s/usr/bin/unmkinitramfs", e->root);
	put_host(script, "#!/bin/sh\nset -e\nd=$2\n[ -f \"$1\" ] && [ -d \"$d\" ]\n" FULL
		 "printf '# generated\\n0000:01:00.0 10de:24b0\\n' >$d/etc/gpupt/bind.conf\n",
		 0755);
	put_conf(e, CONF);
	e->opt.unmkinitramfs = NULL;
	assert_int_equal(stat(host, &before), 0);
	assert_int_equal(verify(e, &binds), 0);
	assert_int_equal(binds, 1);
	assert_int_equal(stat(host, &after), 0);
	/* Nothing was made (nor made and removed) in the host's directory. */
	assert_int_equal(entries(host), 0);
	assert_true(before.st_mtim.tv_sec == after.st_mtim.tv_sec &&
		    before.st_mtim.tv_nsec == after.st_mtim.tv_nsec);
	/* And what was made inside the root is gone. */
	assert_int_equal(entries(inside), 0);
	/* Without that name inside the root there is no /tmp to use: said, still nothing outside. */
	assert_int_equal(rmdir(inside), 0);
	assert_int_equal(verify(e, &binds), -EBADE);
	assert_true(has_code(e, GP_MSG_IMAGE_TOOL_FAILED));
	assert_int_equal(entries(host), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_image_of_command),
		cmocka_unit_test_setup_teardown(test_binds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lacks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unbound, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reader_missing_or_failing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_none_rebuilt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chrooted_tmp_link, setup, teardown),
	};
	const struct CMUnitTest walled[] = {
		cmocka_unit_test_setup_teardown(test_chrooted_tmp_link, setup, teardown),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	/* The root's /tmp resolved by hand, as on kernels before 5.6. */
	if (gp_test_no_openat2(ENOSYS) < 0) {
		fprintf(stderr, "cannot make openat2 unavailable (seccomp)\n");
		return failed + 1;
	}
	return failed + cmocka_run_group_tests_name("openat2 failing ENOSYS", walled, NULL, NULL);
}
