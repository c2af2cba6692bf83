/* SPDX-License-Identifier: GPL-2.0-or-later */
/* gp_txn_recover(): settling a journal a killed run left open (txn.h). */
#include "txn_int.h"

#include <errno.h>
#include <string.h>

#include "gp_path_write.h"
#include "nls.h"


int gp_txn_recover(const struct gp_path *p, const struct gp_plan_options *opt,
		   const struct gp_txn_ops *ops, void *ctx, int *what)
{
	return gp_txn_recover_checked(p, opt, ops, ctx, what, NULL);
}

int gp_txn_recover_checked(const struct gp_path *p, const struct gp_plan_options *opt,
			   const struct gp_txn_ops *ops, void *ctx, int *what,
			   struct gp_report *found)
{
	struct gp_txn_result res;
	struct txn t;
	int r;

	*what = 0;
	/* Nothing open: no state directory made where there was none; leftovers go. */
	if (gp_path_exists(p, TXN_DIR) <= 0 && gp_path_exists(p, TXN_NEW_DIR) <= 0) {
		txn_clean_idle(p);
		return 0;
	}
	/* A rollback regenerates /boot: not into the root's empty mount point. */
	r = txn_refuse_read_only(p, NULL);
	if (r < 0)
		return r;
	r = txn_begin(&t, p, ops, ctx, &res, opt ? opt->test_crash_at : 0);
	if (r < 0)
		return r;
	t.opt = opt;    /* the image readers, as for an apply */
	txn_clean_temps(p, 1);  /* the killed run's temporary files */
	r = txn_settle_open_journal(&t, what);
	if (r == 0 && res.rollback_err)
		r = res.rollback_err;
	if (found && txn_report_move(found, &res.report) < 0 && r == 0)
		r = -ENOMEM;
	txn_end(&t);
	gp_txn_result_free(&res);
	return r;
}

int gp_txn_recover_report(int r, int what, struct gp_report *out)
{
	switch (r) {
	case 0:
		if (what == 1)
			return gp_report_add(out, -1, GP_ROLE_NOTE, GP_MSG_RECOVER_ROLLED_BACK);
		if (what == 2)
			return gp_report_add(out, -1, GP_ROLE_NOTE, GP_MSG_RECOVER_COMPLETED);
		if (what == 3)
			return gp_report_add(out, -1, GP_ROLE_SUMMARY,
					     GP_MSG_RECOVER_IMAGES_ROLLED_BACK);
		return 0;
	case -EBADE:
		return gp_report_add(out, -1, GP_ROLE_SUMMARY, GP_MSG_RECOVER_RESTORED_IMAGES);
	case -EROFS:
		return gp_report_add(out, -1, GP_ROLE_SUMMARY, GP_MSG_RECOVER_READONLY);
	case -EBADMSG:
		return gp_report_add(out, -1, GP_ROLE_SUMMARY, GP_MSG_RECOVER_DAMAGED,
				     GP_STATE_DIR "/txn");
	case -ENOTRECOVERABLE:
		return gp_report_add(out, -1, GP_ROLE_SUMMARY, GP_MSG_TXN_UNTRUSTED, GP_STATE_DIR);
	case -EBUSY:
		return gp_report_add(out, -1, GP_ROLE_SUMMARY, GP_MSG_RECOVER_BUSY,
				     GP_STATE_DIR "/lock");
	default:
		return gp_report_add(out, -1, GP_ROLE_SUMMARY, GP_MSG_RECOVER_FAILED,
				     N_("finishing an interrupted change"), r);
	}
}
