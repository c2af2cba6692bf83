/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bind_cmdline — the user's escape hatch on the kernel command line.
 *
 * A machine whose passthrough set-up went wrong (the console GPU handed to
 * vfio-pci, say) must stay bootable without a rescue disk: the boot loader
 * lets the user add a word to the command line.
 *
 *   gpupt=off          bind nothing
 *   recovery, single,  a recovery/rescue boot: bind nothing, unless
 *   rescue, emergency, gpupt=force is given too
 *   systemd.unit=rescue.target / emergency.target
 *   gpupt=force        bind even in a recovery boot
 *   gpupt=on           the default
 *
 * Any other gpupt= value, of any length (and a bare "gpupt"), counts as
 * off: a typo must err on the safe side.  The last gpupt= word wins, as
 * for kernel parameters.
 */
#ifndef BIND_CMDLINE_H
#define BIND_CMDLINE_H

#include <stddef.h>

#define BIND_CMDLINE_WORD 48

/** What the command line asks of the binder. */
struct bind_cmdline {
	int off;       /* a gpupt= value other than on/force was given */
	int force;     /* gpupt=force */
	char gpupt[BIND_CMDLINE_WORD];     /* the last gpupt=... word, or "" */
	char recovery[BIND_CMDLINE_WORD];  /* the recovery word seen, or "" */
};

/**
 * bind_cmdline_parse - read the switches from a kernel command line.
 * @s: the command line (/proc/cmdline), need not be NUL-terminated.
 * @n: its length.
 * @c: filled; all empty when nothing relevant is found.
 *
 * Words are split and unquoted exactly as the kernel's next_arg() does
 * (lib/cmdline.c), so an unterminated quote makes the rest of the line one
 * word, and a gpupt value of any length is compared whole.  @c->gpupt holds
 * the last gpupt word for the log, blanks shown as '?', cut to fit.
 */
void bind_cmdline_parse(const char *s, size_t n, struct bind_cmdline *c);

#endif /* BIND_CMDLINE_H */
