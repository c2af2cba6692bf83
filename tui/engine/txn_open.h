/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * txn_open — a journal a killed run left open, read without settling it,
 * and the one rule for how the next run settles it (roll back or
 * complete).  gp_txn_recover() settles by gp_txn_settle_decide(); --status
 * reports what it will decide, so the two never disagree.
 *
 * Nothing here takes the lock or changes a file: --status runs as any user.
 */
#ifndef GP_TXN_OPEN_H
#define GP_TXN_OPEN_H

#include <stddef.h>

#include "gp_path.h"
#include "journal.h"

/** What the next run of gpupt-setup does with what a killed run left. */
enum gp_txn_settle {
	GP_TXN_SETTLE_NONE = 0,     /* nothing is open */
	GP_TXN_SETTLE_DISCARD,      /* only a journal being written (txn.new): nothing had
				       changed, it is removed */
	GP_TXN_SETTLE_ROLL_BACK,    /* every file it touched goes back to its old content */
	GP_TXN_SETTLE_COMPLETE,     /* every step was done: it is closed as applied */
	GP_TXN_SETTLE_DAMAGED,      /* the journal cannot be read: the next run refuses */
	GP_TXN_SETTLE_UNKNOWN,      /* the journal is not readable by this user (not root):
				       what the next run does cannot be told */
};

/**
 * gp_txn_settle_decide - the one rule: complete a journal whose every
 * step (its files, then its commands) is done, roll it back otherwise.
 * @j: the open journal.
 * @done: the steps its progress file records as done.
 * Returns GP_TXN_SETTLE_COMPLETE or GP_TXN_SETTLE_ROLL_BACK.
 */
enum gp_txn_settle gp_txn_settle_decide(const struct gp_journal *j, size_t done);

/**
 * struct gp_txn_open - an open journal as found.
 * @settle: what the next run does with it.
 * @err: for GP_TXN_SETTLE_DAMAGED and _UNKNOWN, the -errno of loading it.
 * @journal: loaded for ROLL_BACK and COMPLETE (else empty).
 * @done: steps done; @steps: its files and commands.
 */
struct gp_txn_open {
	enum gp_txn_settle settle;
	int err;
	struct gp_journal journal;
	size_t done, steps;
};

/**
 * gp_txn_open_read - look for an open journal on root @p, into @out.
 * Returns 0 (also when nothing is open, or it is damaged: @out says so),
 * or -ENOMEM.  Release with gp_txn_open_free().
 */
int gp_txn_open_read(const struct gp_path *p, struct gp_txn_open *out);

/** gp_txn_open_free - release what gp_txn_open_read() filled. */
void gp_txn_open_free(struct gp_txn_open *o);

/**
 * gp_txn_open_settled - the state file @path will have once the next run
 * has settled @o: its old state (roll back) or its new one (complete).
 * Returns NULL when @o does not touch @path (the file on disk stands).
 */
const struct gp_file_state *gp_txn_open_settled(const struct gp_txn_open *o, const char *path);

/** gp_txn_open_dir - the open journal's directory (GP_STATE_DIR/txn), for messages. */
const char *gp_txn_open_dir(void);

/** gp_txn_open_new_dir - where a journal is written before it opens (GP_STATE_DIR/txn.new). */
const char *gp_txn_open_new_dir(void);

/**
 * gp_txn_kept_path - where --revert keeps the content from before
 * gpupt-setup of a file @path it left alone (GP_STATE_DIR/kept/PATH), into
 * @buf of @size bytes.  Returns 0 or -ENAMETOOLONG.
 */
int gp_txn_kept_path(const char *path, char *buf, size_t size);

/** How the history of changes stands to the file now on disk. */
enum gp_txn_file_origin {
	GP_TXN_FILE_WRITTEN = 0,    /* the last change that touched it wrote what is there */
	GP_TXN_FILE_EDITED,         /* it differs from what the last change wrote */
	GP_TXN_FILE_NOT_RECORDED,   /* no change on record touched it */
};

/**
 * gp_txn_file_origin - how the file @path of root @p (content @content,
 * @len bytes; @exists 0 when absent) stands to the history of changes.
 * @origin: the answer.  Returns 0, -EBADMSG (a damaged entry) or -errno.
 */
int gp_txn_file_origin(const struct gp_path *p, const char *path, int exists,
		       const char *content, size_t len, enum gp_txn_file_origin *origin);

#endif
