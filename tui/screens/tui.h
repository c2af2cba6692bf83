/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tui — the entry point of the interactive wizard, for main() (tui/main.c).
 */
#ifndef GP_TUI_H
#define GP_TUI_H

#include "frontend.h"

/**
 * gp_tui_run - the interactive wizard on the terminal.  @target: the
 * target root and the engine's options main() read; it must outlive the
 * call.  Returns an exit status (frontend.h).
 */
int gp_tui_run(const struct gp_target *target);

#endif
