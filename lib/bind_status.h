/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bind_status — the format of /run/gpupt/bind.status (GP_BIND_STATUS_PATH).
 *
 * gpupt-bind writes one line per event at boot; gpupt-setup --status reads
 * them back.  Both sides use this module so the format has one definition.
 * The lines, each ending in '\n', words separated by one space:
 *
 *   mode MODE [ARG]                 run, dry-run, off ARG, recovery ARG,
 *                                   error config-unreadable
 *   line N invalid CODE             a bind.conf line the binder refused
 *   line N duplicate ADDRESS first=M  line N lists ADDRESS again: ignored
 *   ADDRESS VVVV:DDDD OUTCOME CODE [from=DRIVER] [back=DRIVER]
 *                                   OUTCOME is bound, skipped or failed
 *   summary bound=N skipped=N failed=N invalid=N [duplicate=N]
 *
 * from= names the driver the device had when the binder met it ("none");
 * back= the driver holding it after the binder gave it back on a failure
 * (driver_override cleared, reprobed): a driver, "none", or "?" when the
 * give-back itself failed.  Both are optional, as is duplicate=, so the
 * records of an older binder (in an older initramfs) still parse; other
 * KEY=VALUE words after a device's code are ignored, room for later ones.
 *
 * The writer uses no stdio and no allocation (it runs in the binder); the
 * parser allocates the record array.
 */
#ifndef GP_BIND_STATUS_H
#define GP_BIND_STATUS_H

#include <stdarg.h>
#include <stddef.h>

/* Longest line either side handles, its newline not counted. */
#define GP_BIND_STATUS_LINE_MAX 480
/* Longest single word of a line, NUL included. */
#define GP_BIND_STATUS_WORD_MAX 64

/** What one line of bind.status says. */
enum gp_bind_status_kind {
	GP_BIND_STATUS_MODE = 0,  /* how the binder ran: word[0] mode, word[1] argument or "" */
	GP_BIND_STATUS_INVALID,   /* a refused bind.conf line: word[0] number, word[1] code */
	GP_BIND_STATUS_DEVICE,    /* word[0] address, word[1] id, outcome, word[2] code */
	GP_BIND_STATUS_SUMMARY,   /* the counts in summary[] */
	GP_BIND_STATUS_OTHER,     /* a printable line of no known shape: word[0] its text (cut) */
	/* issue 10, E: a repeated address: word[0] line number, word[1] address, word[2] first line */
	GP_BIND_STATUS_DUPLICATE,
};

/** What happened to one configured device. */
enum gp_bind_status_outcome {
	GP_BIND_BOUND = 0,
	GP_BIND_SKIPPED,
	GP_BIND_FAILED,
};

/** The summary[] indexes of a GP_BIND_STATUS_SUMMARY record. */
enum {
	GP_BIND_SUM_BOUND = 0,
	GP_BIND_SUM_SKIPPED,
	GP_BIND_SUM_FAILED,
	GP_BIND_SUM_INVALID,
	GP_BIND_SUM_DUPLICATE, /* 0 in an older binder's summary, which has no duplicate= */
	GP_BIND_SUM_COUNT
};

/**
 * struct gp_bind_status_rec - one line of bind.status.
 * @kind: which shape the line has; says which other fields are set.
 * @outcome: for GP_BIND_STATUS_DEVICE.
 * @word: the line's words as text, NUL-terminated, by @kind (see the enum).
 *        For a device: word[0] the PCI address ("0000:01:00.0"), word[1]
 *        "vvvv:dddd", word[2] the reason code: bound "new", "already",
 *        "dry-run"; skipped "missing", "identity", "subsystem", "class",
 *        "unreadable", "no-iommu-group"; failed "override", "unbind",
 *        "no-vfio" (vfio-pci not registered), "other-driver" (another
 *        driver owns it after the probe), "verify" (no driver owns it).
 *        For a mode: word[0] "run", "dry-run", "off", "recovery" or "error";
 *        word[1] what switched it ("gpupt=0") or why, or "".
 * @driver_before: for a device, its from= word: the driver it had when the
 *        binder met it, "none"; "" when the line does not say (a skip, or an
 *        older binder).
 * @gave_back_to: for a failed device, its back= word: the driver holding it
 *        after the give-back, "none", "?" (the give-back failed); "" when
 *        the line has none (nothing to give back, or an older binder).
 * @summary: for GP_BIND_STATUS_SUMMARY, the counts by GP_BIND_SUM_*.
 */
struct gp_bind_status_rec {
	enum gp_bind_status_kind kind;
	enum gp_bind_status_outcome outcome;
	char word[3][GP_BIND_STATUS_WORD_MAX];
	char driver_before[GP_BIND_STATUS_WORD_MAX];
	char gave_back_to[GP_BIND_STATUS_WORD_MAX];
	unsigned long summary[GP_BIND_SUM_COUNT];
};

/**
 * struct gp_bind_status - a parsed bind.status, the lines in file order.
 * @rec: the records; @n of them.  Free with gp_bind_status_free().
 * @alloc: allocated length of @rec.
 */
struct gp_bind_status {
	struct gp_bind_status_rec *rec;
	size_t n, alloc;
};

/**
 * gp_bind_status_parse - read bind.status text into @out.
 * @text: the file's content (need not be NUL-terminated).
 * @len: its length in bytes.
 * @out: filled on success; emptied first.
 *
 * A line of no known shape becomes a GP_BIND_STATUS_OTHER record, so a
 * newer binder's lines do not hide the rest.  Refused: a last line without
 * its newline (a file cut short), a control or non-ASCII byte, an empty or
 * too long line, a known line with missing, extra or overlong words.
 *
 * Returns 0, -EINVAL for text that is not a bind.status (@out is then
 * empty), or -ENOMEM.
 */
int gp_bind_status_parse(const char *text, size_t len, struct gp_bind_status *out);

/** gp_bind_status_free - release what gp_bind_status_parse() allocated. */
void gp_bind_status_free(struct gp_bind_status *st);

/* "bound", "skipped", "failed", by enum gp_bind_status_outcome. */
extern const char *const gp_bind_status_outcome_words[3];

/**
 * gp_bind_status_outcome_word - "bound", "skipped" or "failed" for @o.
 * Returns the word, or NULL for a value out of range.
 */
const char *gp_bind_status_outcome_word(enum gp_bind_status_outcome o);

/**
 * gp_bind_status_vjoin - one line made of the strings given, into @line.
 * @line: GP_BIND_STATUS_LINE_MAX + 1 bytes; receives the strings and a
 *        newline, not NUL-terminated.
 * @first: the first string.
 * @ap: the rest, terminated by a NULL.
 *
 * The binder's writer: a device line is joined from the address, " ", the
 * id, " ", gp_bind_status_outcome_word(), " " and the code.  No printf, so
 * the static binder stays small.  Too long a line is cut at
 * GP_BIND_STATUS_LINE_MAX bytes before its newline.  Returns the length.
 */
size_t gp_bind_status_vjoin(char line[GP_BIND_STATUS_LINE_MAX + 1], const char *first,
			   va_list ap);

#endif /* GP_BIND_STATUS_H */
