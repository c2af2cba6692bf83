/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * loader — the boot loaders that give the kernel its command line, as back
 * ends (in the spirit of pciutils' pci_methods): one table of operations
 * per loader, and the engine asks only the table.  A back end says whether
 * it is in charge of a root, what the next boot's command line will be,
 * which files a plan changes to add gpupt-setup's parameters (or take them
 * out again), which commands then regenerate the boot entries, and what a
 * person does at the boot menu or in a root shell.
 *
 * Adding a loader: a loader_<name>.c with its gp_loader_ops, one line in
 * gp_loaders[] (loader.c), and its tests.
 */
#ifndef GP_LOADER_H
#define GP_LOADER_H

#include "bootcfg.h"
#include "plan_data.h"
#include "strbuf.h"

/*
 * Where systemd-boot's and kernelstub's back ends record the parameters
 * they added (their loaders' files hold no mark of ours, unlike GRUB's
 * drop-in, which is its own record).  See loader_record.c.
 */
#define GP_LOADER_RECORD_PATH "/etc/gpupt/cmdline.conf"

/** What a back end plans from. */
struct gp_loader_plan_in {
	const struct gp_syscheck *chk;  /* the root's check: next boot, kernels, this boot */
	const struct gp_choices *choices;
	const char *params;             /* the words the next boot must get from us,
					   blank-separated; "": none (ours come out) */
	int trial;                      /* a trial: the normal entries get gpupt=off, a
					   one-shot entry gets @params (back ends with
					   trial_ok only) */
	int ending_trial;               /* GP_TRIAL_PATH exists: a trial is pending or
					   failed, and this plan (not a trial) ends it */
};

/** One boot loader back end. */
struct gp_loader_ops {
	const char *name;        /* "grub", "systemd-boot", "kernelstub": JSON, docs */
	const char *title;       /* for people (not translated: a product name) */
	const char *cmdline_file;/* the file the parameters go into, for people */
	const char *record;      /* the file that says which parameters are ours */

	/** detect - 1 when this loader gives the kernel of @b's root its command line. */
	int (*detect)(const struct gp_bootloader *b);

	/** missing - a file the back end needs that @b's root lacks, or NULL: complete. */
	const char *(*missing)(const struct gp_bootloader *b);

	/**
	 * next_boot - what the next boot's command line will be (@out zeroed
	 * by the caller): line as the files are now, base without our own
	 * parameters.  @this_boot: /proc/cmdline, or NULL.  0 or -ENOMEM.
	 */
	int (*next_boot)(const struct gp_path *p, const char *this_boot, struct gp_nextboot *out);

	/**
	 * ours - the parameters the record @content (the file @record as it
	 * is, NULL when absent) says are ours, blank-separated, into @words.
	 * 0 or -ENOMEM.
	 */
	int (*ours)(const char *content, struct gp_strbuf *words);

	/**
	 * plan - add to @pl the file changes that give the next boot
	 * @in->params on top of its base (and nothing of ours besides).
	 * Sets @pl->cmdline_added; may set @pl->cmdline_lost.  0 or -errno.
	 */
	int (*plan)(const struct gp_path *p, const struct gp_loader_plan_in *in, struct gp_plan *pl);

	/**
	 * commands - add to @pl the commands that regenerate the boot entries.
	 * @changed: the plan changes one of this loader's files; @rebuilt: it
	 * rebuilds an initramfs (a loader that copies images must copy them).
	 * 0 or -errno.
	 */
	int (*commands)(const struct gp_path *p, const struct gp_loader_plan_in *in, int changed,
			int rebuilt, struct gp_plan *pl);

	/*
	 * Trial boot (NULL/0: this loader has none; a trial apply is then
	 * made permanent at once, and said).  With @in->trial, plan() makes
	 * the normal entries skip binding (gpupt=off, none of @in->params) and
	 * a one-shot entry, id GP_TRIAL_ID, with @in->params; commands() then
	 * ends with the one-shot (see once()).  Without it, plan() takes a
	 * trial entry out, and commands() with @in->ending_trial clears a
	 * one-shot still set.
	 */
	int trial_ok;

	/**
	 * trial_blocked - 1 when this machine defeats the one-shot (GRUB
	 * cannot clear next_entry where it cannot write grubenv, so every boot
	 * would take the trial entry), with @why, untranslated, naming the
	 * cause; 0 when a trial works here.  NULL: it always does.
	 */
	int (*trial_blocked)(const struct gp_path *p, char *why, size_t n);

	/**
	 * once - add to @pl the command that makes the next boot, and only
	 * that one, take the trial entry (GRUB's next_entry, systemd-boot's
	 * LoaderEntryOneShot).  0 or -errno.
	 */
	int (*once)(const struct gp_path *p, struct gp_plan *pl);

	/**
	 * once_set - 1 when the next boot takes the trial entry, 0 when not,
	 * -errno when that cannot be read.
	 */
	int (*once_set)(const struct gp_path *p);

	/** files - the files plan() may change, NULL-terminated. */
	const char *const *files;

	const char *entries;     /* N_(): which boot entries get the parameters */
	const char *fix_missing; /* N_(): what to install when missing() says a file */
	const char *skip_once;   /* N_(): at the boot menu, one boot without binding */
	const char *revert_shell;/* N_(): taking our parameters out by hand, from a root
				    shell, where gpupt-setup --revert cannot run */
	const char *regenerate;  /* the command a person types to regenerate the entries */
};

/* GRUB's back end, for what must name one loader when none is in charge. */
extern const struct gp_loader_ops gp_loader_grub;

/** The back ends, most specific first; NULL-terminated. */
extern const struct gp_loader_ops *const gp_loaders[];

/** gp_loader_detect - the back end in charge of @b's root, or NULL (none known). */
const struct gp_loader_ops *gp_loader_detect(const struct gp_bootloader *b);

/**
 * gp_loader_skip_once - what a person does at the boot menu for one boot
 * without binding, with back end @lo (NULL: none known), translated.
 */
const char *gp_loader_skip_once(const struct gp_loader_ops *lo);

/**
 * gp_loader_revert_shell - how to take our parameters out by hand from a
 * root shell with back end @lo (NULL: none known), translated.
 */
const char *gp_loader_revert_shell(const struct gp_loader_ops *lo);

/** gp_loader_changed - 1 when @pl changes one of @lo's files. */
int gp_loader_changed(const struct gp_loader_ops *lo, const struct gp_plan *pl);

/**
 * gp_loader_words_without - @line without one occurrence of each word of
 * @words (the last one: ours were appended), into @out.  0 or -ENOMEM.
 */
int gp_loader_words_without(const char *line, const char *words, struct gp_strbuf *out);

/**
 * gp_loader_record_content - the record file saying @params are ours,
 * and whether the back end created @file for them (@created).  0 or -errno.
 */
int gp_loader_record_content(const char *file, const char *params, int created,
			     struct gp_strbuf *b);

/**
 * gp_loader_record_read - parse record @content (NULL: none) into @params
 * (blank-separated) and *@created.  0 or -ENOMEM.
 */
int gp_loader_record_read(const char *content, struct gp_strbuf *params, int *created);

#endif
