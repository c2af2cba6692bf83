/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * frontend — what both front ends (the command line in tui/cli and the
 * wizard in tui/screens) share, so that neither depends on the other:
 * the exit statuses and the one way to word an error on stderr.
 * main() (tui/main.c) is the only place that knows both.
 */
#ifndef GP_FRONTEND_H
#define GP_FRONTEND_H

#include "gp_path.h"
#include "plan.h"
#include "rtbind.h"

/* Exit statuses, shared by every command (documented in gpupt-setup(8)). */
enum {
	GP_EXIT_OK = 0,
	GP_EXIT_CHANGE_NEEDED = 1,   /* --check: something must change */
	GP_EXIT_ERROR = 2,
};

/**
 * struct gp_target - what every front end works on: the target root and
 * the engine's options main() read from the environment.  main() fills
 * it; the command line keeps the same fields in struct gp_cli.
 */
struct gp_target {
	struct gp_path path;           /* the target root (--root) */
	const char *root_arg;          /* --root as given, or NULL */
	struct gp_plan_options opts;   /* for the engine */
	struct gp_rtbind_options rtbind; /* for binding now (forcing nothing) */
};

/** gp_errmsg - print "gpupt-setup: WHAT: strerror(-err)" to stderr. */
void gp_errmsg(const char *what, int err);

#endif
