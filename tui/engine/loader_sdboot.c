/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * systemd-boot as a boot loader back end (loader.h), as Debian sets it up:
 * kernel-install writes one loader entry per kernel, its "options" line
 * taken from /etc/kernel/cmdline (else /usr/lib/kernel/cmdline, else this
 * boot's /proc/cmdline without BOOT_IMAGE= and initrd=).  The parameters go
 * into /etc/kernel/cmdline - made from what kernel-install would use when
 * there is none, and removed again by revert - and kernel-install add runs
 * for each kernel.  GP_LOADER_RECORD_PATH says which words are ours.
 */
#include "loader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp_path_write.h"
#include "nls.h"
#include "plan_int.h"

#define USR_KERNEL_CMDLINE "/usr/lib/kernel/cmdline"
#define KERNEL_INSTALL "/usr/bin/kernel-install"
#define CMDLINE_MAX (64 * 1024)

static int sdboot_detect(const struct gp_bootloader *b)
{
	return b->sdboot_loader != NULL;
}

static const char *sdboot_missing(const struct gp_bootloader *b)
{
	return b->kernel_install ? NULL : KERNEL_INSTALL;
}

/* Does the word @w (@n bytes) start with @prefix? */
static int word_is(const char *w, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && strncmp(w, prefix, k) == 0;
}

/*
 * @line's words as kernel-install puts them on one line (blanks and
 * newlines collapse), without BOOT_IMAGE= and initrd= when @from_proc
 * (kernel-install drops those of /proc/cmdline), and without gpupt= when
 * @drop_once (a word typed at the boot menu is for that boot only).
 */
static int words_of(const char *line, int from_proc, int drop_once, struct gp_strbuf *out)
{
	const char *s = line ? line : "";

	gp_strbuf_addstr(out, "");
	for (;;) {
		size_t n;

		s += strspn(s, " \t\n");
		if (!*s)
			break;
		n = strcspn(s, " \t\n");
		if (!(from_proc && (word_is(s, n, "BOOT_IMAGE=") || word_is(s, n, "initrd="))) &&
		    !(drop_once && word_is(s, n, "gpupt="))) {
			if (out->len)
				gp_strbuf_addch(out, ' ');
			gp_strbuf_add(out, s, n);
		}
		s += n;
	}
	return out->err;
}

/* The record's words (GP_LOADER_RECORD_PATH), "" when there is none. */
static int read_record(const struct gp_path *p, struct gp_strbuf *params, int *created)
{
	char *buf = NULL;
	size_t len;
	int r;

	r = gp_path_read_file(p, GP_LOADER_RECORD_PATH, &buf, &len, NULL);
	if (r < 0 && r != -ENOENT)
		buf = NULL;
	r = gp_loader_record_read(buf, params, created);
	free(buf);
	return r;
}

/* What kernel-install would put on the options line now, and from where. */
static int sdboot_line(const struct gp_path *p, const char *this_boot, struct gp_strbuf *line,
		       const char **from, int *exists)
{
	static const char *const files[] = { GP_KERNEL_CMDLINE_PATH, USR_KERNEL_CMDLINE };
	char *buf = NULL;
	size_t len, i;
	int r;

	*exists = 0;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		r = gp_path_read_file(p, files[i], &buf, &len, NULL);
		if (r == -ENOMEM)
			return r;
		if (r == 0) {
			*exists = i == 0;
			*from = files[i];
			r = words_of(buf, 0, 0, line);
			free(buf);
			return r;
		}
	}
	*from = "/proc/cmdline";
	return words_of(this_boot, 1, 0, line);
}

static int sdboot_next_boot(const struct gp_path *p, const char *this_boot, struct gp_nextboot *out)
{
	struct gp_strbuf line = GP_STRBUF_INIT, ours = GP_STRBUF_INIT, base = GP_STRBUF_INIT;
	int exists, created, r;

	r = sdboot_line(p, this_boot, &line, &out->from, &exists);
	if (r == 0)
		r = read_record(p, &ours, &created);
	if (r == 0)
		r = gp_loader_words_without(line.buf, ours.buf, &base);
	if (r == 0) {
		out->source = "kernel_cmdline";
		out->line = gp_strbuf_detach(&line, NULL);
		out->base = gp_strbuf_detach(&base, NULL);
		r = gp_nextboot_params(out);
	}
	gp_strbuf_release(&line);
	gp_strbuf_release(&ours);
	gp_strbuf_release(&base);
	return r;
}

static int sdboot_ours(const char *content, struct gp_strbuf *words)
{
	int created;

	return gp_loader_record_read(content, words, &created);
}

static int sdboot_plan(const struct gp_path *p, const struct gp_loader_plan_in *in,
		       struct gp_plan *pl)
{
	struct gp_strbuf line = GP_STRBUF_INIT, ours = GP_STRBUF_INIT, base = GP_STRBUF_INIT;
	struct gp_strbuf file = GP_STRBUF_INIT, rec = GP_STRBUF_INIT;
	const char *from;
	int exists = 0, created = 0, r;

	snprintf(pl->cmdline_added, sizeof(pl->cmdline_added), "%s", in->params);
	r = read_record(p, &ours, &created);
	if (r == 0)
		r = sdboot_line(p, in->chk->cmdline, &line, &from, &exists);
	if (r == 0)
		r = gp_loader_words_without(line.buf, ours.buf, &base);
	if (r < 0)
		goto out;
	if (!exists) {
		/* Made from what kernel-install uses now, for good: not this boot's one-offs. */
		gp_strbuf_reset(&line);
		r = words_of(base.buf, 0, 1, &line);
		gp_strbuf_reset(&base);
		gp_strbuf_addstr(&base, line.buf);
		created = 1;
	}
	if (r == 0 && !in->params[0] && !ours.len)
		goto out;   /* nothing of ours, nothing to add: the user's file as it is */
	if (r == 0 && in->params[0]) {
		gp_strbuf_addf(&file, "%s%s%s\n", base.buf, base.len ? " " : "", in->params);
		r = gp_loader_record_content(GP_KERNEL_CMDLINE_PATH, in->params, created, &rec);
	} else if (r == 0 && !created) {
		gp_strbuf_addf(&file, "%s\n", base.buf);
	}
	if (r == 0)
		r = file.err;
	if (r == 0) {
		/* Nothing of ours left: the file goes if we made it, and the record goes. */
		r = plan_add_file(p, pl, GP_KERNEL_CMDLINE_PATH, file.buf, file.len);
		memset(&file, 0, sizeof(file));
	}
	if (r == 0) {
		r = plan_add_file(p, pl, GP_LOADER_RECORD_PATH, rec.buf, rec.len);
		memset(&rec, 0, sizeof(rec));
	}
out:
	gp_strbuf_release(&line);
	gp_strbuf_release(&ours);
	gp_strbuf_release(&base);
	gp_strbuf_release(&file);
	gp_strbuf_release(&rec);
	return r;
}

/* The directory of the ESP (or XBOOTLDR) whose loader.conf was found: its loader/ parent. */
static void esp_of(const char *loader_conf, char *esp, size_t size)
{
	const char *end = strstr(loader_conf, "/loader/loader.conf");
	size_t n = end ? (size_t)(end - loader_conf) : 0;

	snprintf(esp, size, "%.*s", (int)n, loader_conf);
}

/* The entry token kernel-install names the entries by: entry-token, else the machine id. */
static void entry_token(const struct gp_path *p, char *tok, size_t size)
{
	static const char *const files[] = { "/etc/kernel/entry-token", "/etc/machine-id" };
	size_t i, len;
	char *buf;

	tok[0] = '\0';
	for (i = 0; i < sizeof(files) / sizeof(files[0]) && !tok[0]; i++) {
		if (gp_path_read_file(p, files[i], &buf, &len, NULL) < 0)
			continue;
		snprintf(tok, size, "%.*s", (int)strcspn(buf, " \t\n"), buf);
		free(buf);
	}
}

static int sdboot_commands(const struct gp_path *p, const struct gp_loader_plan_in *in,
			   int changed, int rebuilt, struct gp_plan *pl)
{
	const struct gp_syscheck *chk = in->chk;
	char esp[GP_PATH_MAX], tok[128];
	size_t k;
	int r;

	if (!changed && !rebuilt)
		return 0;
	esp_of(chk->boot.sdboot_loader, esp, sizeof(esp));
	entry_token(p, tok, sizeof(tok));
	for (k = 0; k < chk->n_kernels; k++) {
		const char *kver = chk->kernels[k].kver;
		char vmlinuz[GP_PATH_MAX], initrd[GP_PATH_MAX];
		struct gp_command *c;

		/* A new command line is for every kernel; a new image only for its own. */
		if (!changed && in->choices->kernels == GP_KERNELS_RUNNING && !chk->kernels[k].running)
			continue;
		if (gp_path_join(vmlinuz, sizeof(vmlinuz), "/boot/vmlinuz-", kver, (char *)NULL) < 0 ||
		    gp_path_join(initrd, sizeof(initrd), "/boot/initrd.img-", kver, (char *)NULL) < 0 ||
		    gp_path_exists(p, vmlinuz) <= 0 || gp_path_exists(p, initrd) <= 0)
			continue;
		r = plan_add_command(pl, KERNEL_INSTALL, pl->options.update_bootloader,
				     N_("Writing the systemd-boot entry for %s"), kver,
				     "add", kver, vmlinuz, initrd, (char *)NULL);
		if (r < 0)
			return r;
		c = &pl->cmds[pl->n_cmds - 1];
		if (tok[0] && gp_path_join(c->rewrites, sizeof(c->rewrites), esp, "/loader/entries/",
					   tok, "-", kver, ".conf", (char *)NULL) < 0)
			c->rewrites[0] = '\0';
	}
	return 0;
}

static const char *const sdboot_files[] = { GP_KERNEL_CMDLINE_PATH, GP_LOADER_RECORD_PATH, NULL };

const struct gp_loader_ops gp_loader_sdboot = {
	.name = "systemd-boot",
	.title = "systemd-boot",
	.cmdline_file = GP_KERNEL_CMDLINE_PATH,
	.record = GP_LOADER_RECORD_PATH,
	.detect = sdboot_detect,
	.missing = sdboot_missing,
	.next_boot = sdboot_next_boot,
	.ours = sdboot_ours,
	.plan = sdboot_plan,
	.commands = sdboot_commands,
	.files = sdboot_files,
	.entries = N_("every kernel's systemd-boot entry"),
	.fix_missing = N_("apt install systemd (it ships kernel-install)"),
	.skip_once = N_("in the systemd-boot menu (hold Space at power-on if it is hidden) select "
			"the entry, press e, add gpupt=off at the end of the line, press Enter"),
	.revert_shell = N_("put back /etc/kernel/cmdline without the parameters "
			   "/etc/gpupt/cmdline.conf names (or remove it if that file says it "
			   "was created), then for each kernel KVER: kernel-install add KVER "
			   "/boot/vmlinuz-KVER /boot/initrd.img-KVER"),
	.regenerate = "kernel-install add KVER /boot/vmlinuz-KVER /boot/initrd.img-KVER",
};
