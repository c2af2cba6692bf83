/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cli — the command-line front end of gpupt-setup.  It owns all output:
 * the engine hands back structures and -errno, the commands here decide
 * what a person (or a JSON consumer) sees.
 */
#ifndef GP_CLI_H
#define GP_CLI_H

#include <stdio.h>

#include "frontend.h"
#include "gp_path.h"
#include "inventory.h"
#include "plan.h"
#include "rtbind.h"
#include "strbuf.h"
#include "strset.h"

/** What --vm-config prints: --format's values, in the order they are spelt there. */
enum gp_vm_format {
	GP_VM_FORMAT_LIBVIRT,       /* --format libvirt (the default): <hostdev> elements */
	GP_VM_FORMAT_QEMU,          /* --format qemu: -device vfio-pci arguments */
	GP_VM_FORMAT_VIRT_INSTALL,  /* --format virt-install: --host-device options */
};

/** What the command line asked for. */
struct gp_cli {
	struct gp_path path;   /* the target root (--root) */
	const char *root_arg;  /* --root as given, or NULL */
	int json;              /* --json */
	int dry_run;           /* --dry-run: show the plan, change nothing */
	int all;               /* --revert --all */
	int remount;           /* --revert --remount: make / and /boot writable */
	int if_healthy;        /* --confirm --if-healthy: only a healthy trial boot */
	const char *answers;   /* --answers FILE */
	const char *address;   /* the card a command acts on, as written (its operand),
				  or NULL: the configured one */
	const char *force;     /* --force NAMES, or NULL */
	const char *format;    /* --format as given, or NULL */
	enum gp_vm_format vm_format;  /* --format, parsed */
	struct gp_plan_options opts;  /* from the environment, for the engine */
	struct gp_rtbind_options rtbind; /* from the environment, for binding now */
};

/**
 * gp_cli_inventory - the PCI inventory of the root into @inv; when it
 * cannot be read, says so on stderr (the one wording) and returns -errno.
 */
int gp_cli_inventory(struct gp_cli *cli, struct gp_inventory **inv);

/** How a guard is forced, for the words that say it. */
enum gp_cli_force_by {
	GP_CLI_FORCE_ANSWERS,   /* force = NAME in the answers file */
	GP_CLI_FORCE_OPTION,    /* --force NAME */
};

/**
 * gp_cli_put_guards - each guard hit of @pl as gp_plan_report() worded it
 * in @r: "Refused:" or "Forced:", its facts, and how it is forced (@by);
 * a hit no force lifts with its summary, facts and fix.
 */
void gp_cli_put_guards(FILE *out, const struct gp_plan *pl, const struct gp_report *r,
		       enum gp_cli_force_by by);

/** gp_cli_list - `--list`: the PCI inventory as a table or JSON. Returns an exit status. */
int gp_cli_list(struct gp_cli *cli, FILE *out);

/** gp_cli_check - `--check`: the system check. Returns an exit status. */
int gp_cli_check(struct gp_cli *cli, FILE *out);

/**
 * gp_cli_answers - `--answers FILE [--dry-run]`: validate the answers file,
 * build the plan, then show it (--dry-run) or apply it.  Returns an exit status.
 */
int gp_cli_answers(struct gp_cli *cli, FILE *out);

/** gp_cli_revert - `--revert [--all] [--remount]`. Returns an exit status. */
int gp_cli_revert(struct gp_cli *cli, FILE *out);

/** gp_cli_status - `--status [--json]`: what is configured and what was bound at boot. */
int gp_cli_status(struct gp_cli *cli, FILE *out);

/**
 * gp_cli_health - `--health [--json]`: the trial boot's health check
 * (trial_health.h).  Returns an exit status: 0 healthy, 1 not, 2 error.
 */
int gp_cli_health(struct gp_cli *cli, FILE *out);

/**
 * gp_cli_bind_now - `--bind-now [ADDRESS] [--force NAMES]`: give the card
 * (default: the configured functions) to vfio-pci now.  Returns an exit
 * status: 0 done, 1 refused (nothing changed), 2 failed.
 */
int gp_cli_bind_now(struct gp_cli *cli, FILE *out);

/** gp_cli_unbind_now - `--unbind-now [ADDRESS]`: give the card back to its host driver now. */
int gp_cli_unbind_now(struct gp_cli *cli, FILE *out);

/**
 * gp_cli_vm_format_parse - a --format value ("libvirt", "qemu",
 * "virt-install") into @out.  0, or -EINVAL for any other.
 */
int gp_cli_vm_format_parse(const char *s, enum gp_vm_format *out);

/**
 * gp_cli_vm_config - `--vm-config [--format F] [ADDRESS]`: the libvirt
 * <hostdev> elements, QEMU -device arguments or virt-install options that
 * give the card (the one named, whole slot, or the configured functions) to
 * a VM, with warnings on stderr.  Returns an exit status.
 */
int gp_cli_vm_config(struct gp_cli *cli, FILE *out);

/**
 * gp_cli_recover - finish a change a killed run left open (journal), telling
 * the user what was done.  Called before any command that changes the
 * system.  Returns 0, or an exit status when the run must stop.
 */
int gp_cli_recover(struct gp_cli *cli, FILE *out);

/**
 * gp_cli_confirm - --confirm: make the trial boot's change permanent
 * (trial.h), journaled as an apply.  Returns a GP_EXIT_* status
 * (GP_EXIT_CHANGE_NEEDED: there is no trial).
 */
int gp_cli_confirm(struct gp_cli *cli, FILE *out);

/**
 * gp_cli_trial - --trial: the next boot takes the trial entry once more.
 * Returns a GP_EXIT_* status (GP_EXIT_CHANGE_NEEDED: there is no trial).
 */
int gp_cli_trial(struct gp_cli *cli, FILE *out);

/** gp_cli_put_commands - each command of @cmds on a line of @out, after @lead. */
void gp_cli_put_commands(FILE *out, const char *lead, const struct gp_strset *cmds);

/**
 * gp_cli_by_hand - "@what: run these by hand:" and the commands of @cmds
 * (gp_txn_result.by_hand), or "@what (see above)." when it holds none.
 */
void gp_cli_by_hand(FILE *out, const char *what, const struct gp_strset *cmds);

/** gp_cli_errmsg - print "gpupt-setup: WHAT: strerror(-err)" to stderr (gp_errmsg()). */
static inline void gp_cli_errmsg(const char *what, int err)
{
	gp_errmsg(what, err);
}

#endif
