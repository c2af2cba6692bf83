/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plan_int.h — what the files of the plan builder share (plan.c builds,
 * plan_select.c picks the functions, plan_files.c words the files,
 * plan_cmds.c lists the commands, plan_guards.c records the guard hits,
 * preflight.c the refusals no force lifts); what a plan is: plan_data.h.
 * Not part of the engine's API.
 */
#ifndef GP_PLAN_INT_H
#define GP_PLAN_INT_H

#include <stdlib.h>

#include "plan_data.h"
#include "syscheck.h"
#include "strbuf.h"
#include "strset.h"


/**
 * plan_add_file - add a change of @path to @pl: @new_s (@new_len bytes) is
 * its whole new content, NULL that the file should not exist.  An
 * unchanged file, or the removal of a file that is not there, is dropped.
 * Takes ownership of @new_s.  0 or -errno (a file that cannot be read is
 * named in @pl->error).
 */
int plan_add_file(const struct gp_path *p, struct gp_plan *pl, const char *path, char *new_s,
		  size_t new_len);

/**
 * plan_add_command - append the command @prog ARGS... (NULL-terminated) to
 * @pl, described by the N_() text @what about kernel @kver (NULL: none).
 * @repl, the override from gp_plan_options for @prog (NULL or "": none),
 * runs instead of @prog, as is rather than chrooted.  0 or -errno.
 */
int plan_add_command(struct gp_plan *pl, const char *prog, const char *repl, const char *what,
		     const char *kver, ...);

/** plan_find_gpu - the inventory index of the GPU @address names (itself or a GPU of its slot), or -1. */
long plan_find_gpu(const struct gp_inventory *inv, const char *address);

/** plan_choose_functions - mark in @chosen every inventory index that goes to vfio-pci. 0 or -EINVAL. */
int plan_choose_functions(const struct gp_inventory *inv, const struct gp_choices *c,
			  long gpu, char *chosen);

/** plan_bind_conf_content - bind.conf for the @chosen functions into @b. 0 or -errno. */
int plan_bind_conf_content(const struct gp_inventory *inv, const char *chosen, struct gp_strbuf *b);

/** plan_softdep_modules - the drivers of the @chosen functions, sorted, into @ns. 0 or -errno. */
int plan_softdep_modules(const struct gp_path *p, const struct gp_inventory *inv,
			 const struct gp_syscheck *chk, const char *chosen, struct gp_strset *ns);

/** plan_modprobe_content - the modprobe.d file for @ns into @b. 0 or -errno. */
int plan_modprobe_content(const struct gp_strset *ns, struct gp_strbuf *b);

/**
 * plan_cmdline_needs - the parameters the command line needs, into @list
 * (blank-separated); @old_ours: the words the loader's record says are ours.
 */
void plan_cmdline_needs(const struct gp_syscheck *chk, const struct gp_choices *c,
			const char *old_ours, char *list, size_t size);

/** plan_initramfs_commands - a rebuild command per kernel that gets a new initramfs. 0 or -errno. */
int plan_initramfs_commands(const struct gp_path *p, const struct gp_syscheck *chk,
			    const struct gp_choices *c, struct gp_plan *pl);

/**
 * plan_commands - the commands for what @pl changes: the initramfs rebuilds
 * when bind.conf or the modprobe file changes, then the loader back end's
 * commands.  0 or -errno.
 */
int plan_commands(const struct gp_path *p, const struct gp_syscheck *chk,
		  const struct gp_choices *c, struct gp_plan *pl);

/**
 * plan_guards - record every guard hit of the @chosen functions in @pl,
 * forced or not, so the reason is always shown.  @gpu: the chosen GPU's
 * index, or -1 (binding now may take a card that is no GPU).  0 or -errno.
 */
int plan_guards(const struct gp_path *p, const struct gp_inventory *inv,
		const struct gp_syscheck *chk, const struct gp_choices *c,
		const char *chosen, long gpu, struct gp_plan *pl);

/**
 * plan_add_hit - append a hit of guard @g to @pl, forced when @c->force
 * names it and gp_guard_forceable(@g); its group is -1, the rest empty.
 * The pointer is good until the next hit is added.  NULL: out of memory.
 */
struct gp_guard_hit *plan_add_hit(struct gp_plan *pl, const struct gp_choices *c,
				  enum gp_guard g);

/** plan_hit_fact - append a fact (see struct gp_guard_fact) to hit @h. 0 or -ENOMEM. */
int plan_hit_fact(struct gp_guard_hit *h, int what, const char *arg, int module);

/** plan_drop_last_hit - remove the hit added last (with its facts). */
void plan_drop_last_hit(struct gp_plan *pl);

/** plan_dev_label - a person's name for @d: vendor and device, else its class, into @buf. */
void plan_dev_label(const struct gp_pci_dev *d, char *buf, size_t size);

/**
 * plan_preflight - record the refusals that no force word lifts (preflight.h):
 * no generator, gpupt-setup's pieces missing where it looks, no whole kernel
 * or a half-installed one to rebuild, a kernel to rebuild without VFIO.
 * 0 or -errno.
 */
int plan_preflight(const struct gp_path *p, const struct gp_syscheck *chk,
		   const struct gp_choices *c, struct gp_plan *pl);

#endif
