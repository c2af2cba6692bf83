/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * wizard — the state the screens share, and the interface of a screen.
 *
 * The controller (tui.c) owns the loop: it draws the frame, routes keys
 * (global keys, the open dialog, the screen's list or scrolling pane) and
 * moves between screens.  A screen describes its content as lines
 * (struct gp_lines; lines of a selectable item carry its index) and acts on
 * Enter/Space and its own keys.  Screens call the engine; the engine is
 * never handed anything of the wizard.
 */
#ifndef GP_WIZARD_H
#define GP_WIZARD_H

#include "frontend.h"
#include "inventory.h"
#include "plan.h"
#include "report.h"
#include "syscheck.h"
#include "txn.h"
#include "widget.h"

enum gp_screen_id {
	GP_SCR_WELCOME = 0,
	GP_SCR_CHECK,
	GP_SCR_GPU,
	GP_SCR_OPTIONS,
	GP_SCR_REVIEW,
	GP_SCR_APPLY,
	GP_SCR_DONE,
	GP_SCR_N,
};

struct gp_wizard;

/** A screen: how it looks and what its keys do. */
struct gp_screen {
	const char *title;     /* N_() */
	const char *help;      /* N_(): what the screen is for and its keys */
	const char *help_more; /* N_(): more keys, a string of its own; may be NULL */
	/* N_() what Enter does, for the key line; NULL: the screen's own hint() */
	const char *enter_hint;
	/* The content, wrapped to @width; @height rows are visible. */
	void (*build)(struct gp_wizard *w, struct gp_lines *out, int width, int height);
	/* Enter or Space (@key) on item @item (-1 when the screen has no items). */
	void (*activate)(struct gp_wizard *w, int item, int key);
	/* Keys of the screen's own; returns 1 when the key was used.  May be NULL. */
	int (*key)(struct gp_wizard *w, int item, int key);
	/* Called when the screen is entered going forward.  May be NULL. */
	void (*enter)(struct gp_wizard *w);
	/* The Enter hint when it depends on the state.  May be NULL. */
	const char *(*hint)(struct gp_wizard *w);
	/* Whether Esc goes back now; NULL: whenever there is a screen to go back to. */
	int (*can_back)(const struct gp_wizard *w);
};

extern const struct gp_screen gp_scr_welcome, gp_scr_check, gp_scr_gpu, gp_scr_options,
	gp_scr_review, gp_scr_apply, gp_scr_done;

#define GP_MODAL_BUTTONS 3

/** A dialog over the current screen. */
struct gp_modal {
	int active;
	char title[128];
	char *body;                         /* wrapped when drawn */
	const char *labels[GP_MODAL_BUTTONS];
	struct gp_buttons buttons;
	struct gp_scroll scroll;
	/* Called with the button chosen, or -1 for Esc; may open another dialog. */
	void (*done)(struct gp_wizard *w, int button);
};

enum gp_apply_mode { GP_MODE_APPLY = 0, GP_MODE_REVERT };
enum gp_apply_state { GP_APPLY_IDLE = 0, GP_APPLY_RUNNING, GP_APPLY_OK, GP_APPLY_FAILED };

/** Everything the screens share. */
struct gp_wizard {
	const struct gp_target *target;  /* the root and the engine options */
	int readonly;              /* not root on the real host: look, do not apply */
	int configured;            /* bind.conf or a history exists */

	struct gp_inventory *inv;
	int inv_err;
	struct gp_syscheck chk;
	int chk_err;
	struct gp_report chk_report; /* the check's words (check_report.h) */

	size_t *gpus;              /* inventory indexes of the display functions */
	size_t n_gpus;
	unsigned char *expanded;   /* per GPU: details shown */

	struct gp_choices choices;
	struct gp_choices before_choice; /* the choices before a card was chosen */
	int choice_pending;        /* a chosen card awaits the refusal's answer */
	struct gp_plan *plan;
	enum gp_screen_id after_force;   /* where a forced plan goes on */

	enum gp_apply_mode mode;
	enum gp_apply_state apply_state;
	int apply_err;
	struct gp_txn_result result;
	struct gp_report recovered;        /* what settling a killed run's journal did */
	struct gp_report recovered_images; /* and each image it found lacking */
	struct gp_lines steps;     /* one line per step, as they happen */
	struct gp_lines output;    /* command output */
	struct gp_scroll out_scroll;
	char partial[512];         /* an output line not yet ended */
	size_t step_i, step_n;
	enum gp_txn_step last_step;

	enum gp_screen_id screen;
	enum gp_screen_id history[GP_SCR_N + 1];
	int depth;
	struct gp_list list[GP_SCR_N];
	struct gp_scroll scroll[GP_SCR_N];
	struct gp_modal modal;

	/* Binding now (bind_now.c), between its question and its run. */
	char now_address[GP_PCI_ADDR_LEN]; /* the card; "" for the configured functions */
	int now_binding;           /* 1: to vfio-pci, 0: back to the host */

	int quit;
	int status;                /* exit status */
};

/** gp_wiz_go - move forward to screen @id (Esc comes back). */
void gp_wiz_go(struct gp_wizard *w, enum gp_screen_id id);

/**
 * gp_wiz_can_back - 1 when Esc goes back from the current screen now: the
 * one rule for both what Esc does and whether the key line offers it.
 */
int gp_wiz_can_back(const struct gp_wizard *w);

/** gp_wiz_back - back to the previous screen (none: stays). */
void gp_wiz_back(struct gp_wizard *w);

/**
 * gp_wiz_modal - open a dialog.  @labels: up to GP_MODAL_BUTTONS translated
 * button labels, NULL-terminated; @focus: the button focused first.
 */
void gp_wiz_modal(struct gp_wizard *w, const char *title, const char *body,
		  const char *const *labels, int focus,
		  void (*done)(struct gp_wizard *w, int button));

/** gp_wiz_redraw - draw everything now (used while the engine works). */
void gp_wiz_redraw(struct gp_wizard *w);

/**
 * gp_wiz_build_plan - (re)build the plan for w->choices.  Returns 0, or
 * -errno after telling the user in a dialog; a refused plan returns 0 and
 * gp_plan_refused() says so.
 */
int gp_wiz_build_plan(struct gp_wizard *w);

/**
 * gp_wiz_choice_begin - remember the choices as they are, before a card is
 * chosen: if the choice is refused and the user cancels (Back, Cancel or
 * Esc), they come back, so the refused card is not left selected.
 */
void gp_wiz_choice_begin(struct gp_wizard *w);

/**
 * gp_wiz_refused - the plan is refused: say why (every guard not forced)
 * and offer to force it, with a second confirmation; a forced plan goes on
 * to screen @next.  With @confirm_only, skip the explanation (the F key).
 */
void gp_wiz_refused(struct gp_wizard *w, enum gp_screen_id next, int confirm_only);

/**
 * gp_wiz_guard_detail - append the translated fact @it (a GP_ROLE_DETAIL of
 * the plan report) of a hit of guard @g to @out; a group member is named
 * by its device name after its address, not left as a bare address.
 */
void gp_wiz_guard_detail(const struct gp_wizard *w, enum gp_guard g,
			 const struct gp_report_item *it, struct gp_strbuf *out);

/**
 * gp_wiz_guards_text - the refused guards of @plan as a bulleted list: each
 * guard's reason once, then the facts of every hit of it (a group with two
 * disks is one reason, two facts); what no force lifts also says what to
 * do.  Returns the bits a force may lift; @out may be NULL.
 * @forceable_only: leave out what no force lifts (the Force dialog).
 */
unsigned int gp_wiz_guards_text(const struct gp_wizard *w, const struct gp_plan *plan,
				struct gp_strbuf *out, int forceable_only);

/** gp_wiz_guard_text - what a guard protects, in words (translated). */
const char *gp_wiz_guard_text(enum gp_guard g);

/** gp_wiz_gpu_label - "0000:01:00.0 NVIDIA Corporation GA104GL [RTX A4000]" into @buf. */
void gp_wiz_gpu_label(const struct gp_pci_dev *d, char *buf, size_t size);

/**
 * gp_wiz_bind_now - bind now (@binding 1: to vfio-pci; 0: give back to the
 * host), as --bind-now/--unbind-now do, on the whole slot of @address
 * (NULL: the functions bind.conf lists), forcing no guard: a question
 * naming the functions, then the engine's report in a dialog.  The
 * inventory is read again afterwards, so the GPU screen shows the drivers
 * the functions have now and a second run starts from them.
 */
void gp_wiz_bind_now(struct gp_wizard *w, const char *address, int binding);

/**
 * gp_wiz_reread - read the PCI devices again (after binding now), keeping
 * the screens' state and the plan (choosing a card makes it again).
 * Returns 0 or -errno (the old inventory is kept).
 */
int gp_wiz_reread(struct gp_wizard *w);

/** gp_wiz_start_apply - run the plan (or the revert) on the Apply screen. */
void gp_wiz_start_apply(struct gp_wizard *w, enum gp_apply_mode mode);

#endif
