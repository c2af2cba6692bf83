/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading back the initramfs images a journal's commands rebuilt
 * (image_verify.h): after an apply or a revert, when a killed run's
 * journal is completed, and after a rollback has run the generators again.
 * One function, so each of them checks by the same rule.
 */
#include "txn_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "image_verify.h"

int txn_verify_images(struct txn *t, const struct gp_journal *j, struct gp_report *rep,
		      unsigned int flags)
{
	char image[GP_PATH_MAX];
	size_t i, n = 0, k = 0, for_kernel = 0;
	int r, err = 0, binds;

	for (i = 0; i < j->n_cmds; i++) {
		n += gp_image_of_command(&j->cmds[i], image, sizeof(image)) != NULL;
		for_kernel += j->cmds[i].kver[0] != '\0';
	}
	for (i = 0; (flags & TXN_VERIFY_NONE_REBUILT) && for_kernel == 0 && i < j->n_files; i++) {
		if (strcmp(j->files[i].path, GP_BIND_CONF_PATH) != 0)
			continue;
		/* No generator, or no kernel: a new bind.conf no image carries binds nothing. */
		err = gp_image_none_rebuilt(t->p, rep);
		if (err < 0)
			txn_fail_at(t, GP_STEP_VERIFY, GP_BIND_CONF_PATH);
	}
	for (i = 0; i < j->n_cmds && err != -ENOMEM; i++) {
		const struct gp_command *c = &j->cmds[i];

		if (!gp_image_of_command(c, image, sizeof(image)))
			continue;
		txn_step(t, GP_STEP_VERIFY, ++k, n, image);
		r = gp_image_verify(t->p, t->opt, c, rep, &binds);
		if (r < 0 && !err) {
			err = r;
			if (flags & TXN_VERIFY_NAME_FAILED)
				txn_fail_at(t, GP_STEP_VERIFY, image);
		}
		if (binds && (flags & TXN_VERIFY_BOUND) && t->res &&
		    GP_ARRAY_GROW(t->res->bound, t->res->alloc_bound, t->res->n_bound + 1) == 0)
			snprintf(t->res->bound[t->res->n_bound++], GP_KVER_MAX, "%s", c->kver);
	}
	return err;
}

int txn_report_move(struct gp_report *to, struct gp_report *from)
{
	size_t i;

	if (GP_ARRAY_GROW(to->item, to->alloc, to->n + from->n) < 0)
		return -ENOMEM;
	for (i = 0; i < from->n; i++)
		to->item[to->n++] = from->item[i];
	from->n = 0;    /* the strings belong to @to now */
	gp_report_free(from);
	return 0;
}

/* Was an image read and found other than the files say (not: it could not be read)? */
static int image_differs(const struct gp_report *found)
{
	size_t i;

	for (i = 0; i < found->n; i++)
		if (found->item[i].code == GP_MSG_IMAGE_LACKS ||
		    found->item[i].code == GP_MSG_IMAGE_CONF_DIFFERS ||
		    found->item[i].code == GP_MSG_IMAGE_STILL_BINDS)
			return 1;
	return 0;
}

int txn_verify_restored(struct txn *t, const struct gp_journal *j)
{
	struct gp_report found = GP_REPORT_INIT;
	int r;

	if (t->res)
		t->res->n_bound = 0;    /* what the failed change would have bound, not now */
	r = txn_verify_images(t, j, &found, 0);
	/*
	 * A reader that is missing or fails tells nothing about the restored
	 * images: the check that failed said so already, or the command that
	 * failed is the news.  Only an image read and found wrong is reported.
	 */
	if (r == -EBADE && !image_differs(&found))
		r = 0;
	if (r == -EBADE && t->res) {
		/* Said once: running the generators again would give the same images. */
		if (gp_report_add(&t->res->report, -1, GP_ROLE_SUMMARY,
				  GP_MSG_IMAGE_AFTER_ROLLBACK) < 0 ||
		    txn_report_move(&t->res->report, &found) < 0)
			r = -ENOMEM;
	}
	gp_report_free(&found);
	return r;
}

int txn_verify_completed(struct txn *t, const struct gp_journal *j)
{
	struct gp_report found = GP_REPORT_INIT;
	int r;

	/* The rule of the run that was killed: its check is what it had not done yet. */
	r = txn_verify_images(t, j, &found, TXN_VERIFY_NONE_REBUILT);
	if (r == -EBADE && t->res && txn_report_move(&t->res->report, &found) < 0)
		r = -ENOMEM;
	gp_report_free(&found);
	return r;
}
