/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * answers — the unattended answers file of `gpupt-setup --answers FILE`.
 *
 * A text file of "key = value" lines; '#' starts a comment (to the end of
 * the line), blank lines are ignored, blanks around key and value too:
 *
 *     gpu = 0000:01:00.0        # or 01:00.0, or 10de:24b0 if only one such card
 *     functions = slot          # slot | group | ADDRESS, ADDRESS, ...
 *     iommu_pt = no             # yes | no
 *     kernels = all             # all | running
 *     force = boot-display      # comma list: boot-display, last-gpu, group, iommu,
 *                               # partial-group
 *     reboot = no               # yes | no
 *     trial = yes               # yes (the default): the next boot is a one-shot
 *                               # trial; no: apply permanently at once
 *
 * Parsing (gp_answers_parse) checks the syntax alone; resolving
 * (gp_answers_resolve) checks the file against the inventory: the GPU and
 * every listed function must exist.  Every problem is reported with its
 * line (0: the file as a whole) and a code; the front end words it.
 */
#ifndef GP_ANSWERS_H
#define GP_ANSWERS_H

#include <stddef.h>

#include "inventory.h"
#include "plan.h"

/* Longest answers file read: far beyond any real one. */
#define GP_ANSWERS_MAX_BYTES (64 * 1024)
/* Longest offending text kept for a message. */
#define GP_ANSWERS_ARG_MAX 128

/** What is wrong; each code's argument(s) are described with it. */
enum gp_answers_errcode {
	GP_ANSWERS_E_SYNTAX = 1,   /* not "key = value"; arg: the line (shortened) */
	GP_ANSWERS_E_CHARACTER,    /* a control or non-ASCII byte; no arg */
	GP_ANSWERS_E_TOO_BIG,      /* file over GP_ANSWERS_MAX_BYTES; no arg */
	GP_ANSWERS_E_UNKNOWN_KEY,  /* arg: the key */
	GP_ANSWERS_E_DUPLICATE,    /* arg: the key; first_line: where it was first */
	GP_ANSWERS_E_BAD_VALUE,    /* arg: the key; arg2: the value */
	GP_ANSWERS_E_BAD_GPU,      /* arg: the value: neither address nor vendor:device */
	GP_ANSWERS_E_BAD_ADDRESS,  /* in functions: arg: the item */
	GP_ANSWERS_E_BAD_FORCE,    /* arg: the unknown guard name */
	GP_ANSWERS_E_MISSING_GPU,  /* line 0; no arg */
	GP_ANSWERS_E_NO_SUCH_GPU,  /* arg: the address or vendor:device */
	GP_ANSWERS_E_NOT_A_GPU,    /* arg: the address; arg2: its class (0x010601) */
	GP_ANSWERS_E_AMBIGUOUS,    /* arg: vendor:device; arg2: the matches, ", "-separated */
	GP_ANSWERS_E_NO_SUCH_FUNC, /* arg: the listed address that does not exist */
	GP_ANSWERS_E_LIST_DUP,     /* arg: the address listed twice */
	GP_ANSWERS_E_LIST_NO_GPU,  /* arg: the GPU's address, missing from the list */
	GP_ANSWERS_E_EMPTY_VALUE,  /* "key =" with nothing after it; arg: the key */
};

/** One problem found in the file. */
struct gp_answers_error {
	unsigned int line;                  /* 1-based; 0: the file as a whole */
	enum gp_answers_errcode code;
	char arg[GP_ANSWERS_ARG_MAX];
	char arg2[GP_ANSWERS_ARG_MAX * 2];
	unsigned int first_line;            /* GP_ANSWERS_E_DUPLICATE only */
};

/** A parsed answers file. */
struct gp_answers {
	struct gp_choices choices;          /* gpu filled by gp_answers_resolve() */
	int reboot;                         /* reboot = yes */
	char gpu_spec[GP_ANSWERS_ARG_MAX];  /* the gpu value as written */
	unsigned int line_gpu, line_functions;  /* where they were given (0: not) */
	struct gp_answers_error *errors;
	size_t n_errors;
	size_t alloc_errors;          /* capacity of errors */
};

/**
 * gp_answers_parse - read an answers file held in memory.
 * @buf: the file's bytes (need not be NUL-terminated).
 * @len: how many.
 * @out: filled with the choices (defaults for keys not given) and the
 *       errors found; release with gp_answers_free().
 *
 * Every line is checked (the errors are all reported, in line order).
 * Returns 0 (look at @out->n_errors) or -ENOMEM.
 */
int gp_answers_parse(const char *buf, size_t len, struct gp_answers *out);

/**
 * gp_answers_resolve - check parsed answers against the inventory.
 * @a: answers without parse errors.
 * @inv: the inventory of the root.
 *
 * Sets @a->choices.gpu to the GPU's bus address (a vendor:device must
 * match exactly one GPU) and checks that every function listed exists,
 * once, and that the list holds the GPU.  Problems are appended to
 * @a->errors.  Returns 0 (look at @a->n_errors) or -ENOMEM.
 */
int gp_answers_resolve(struct gp_answers *a, const struct gp_inventory *inv);

/** gp_answers_free - release what @a holds (not @a itself). */
void gp_answers_free(struct gp_answers *a);

/**
 * gp_guard_name - the answers file's name for a guard ("boot-display").
 * Returns "" for a value that is not one guard bit.
 */
const char *gp_guard_name(enum gp_guard g);

/**
 * gp_guard_by_name - the guard a force word names ("boot-display"), of
 * the @n bytes at @s; 0 when it names none (the preflight refusals have
 * no name: nothing could bind past them).
 */
enum gp_guard gp_guard_by_name(const char *s, size_t n);

#endif
