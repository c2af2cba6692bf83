/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tui — the entry point of the interactive wizard, for main() (tui/main.c).
 */
#ifndef GP_TUI_H
#define GP_TUI_H

struct gp_cli;

/**
 * gp_tui_run - the interactive wizard on the terminal.  @cli: the target
 * root and the engine's options main() read.  Returns an exit status
 * (frontend.h).
 */
int gp_tui_run(struct gp_cli *cli);

#endif
