/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `--answers FILE [--dry-run] [--json]`: the unattended set-up (the JSON
 * result is answers_json.c's).
 *
 * The answers file is the user's own input, named on the command line: it
 * is read with plain stdio, not inside --root.  Everything else (the
 * inventory, the check, the old file contents) comes from the root.  A bad
 * file, an unknown GPU or a refused plan changes nothing.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answers.h"
#include "answers_json.h"
#include "apply.h"
#include "cli.h"
#include "diff.h"
#include "inventory.h"
#include "nls.h"
#include "plan.h"
#include "plan_report.h"
#include "syscheck.h"

#define DIFF_CONTEXT 3

/* --- the answers file ----------------------------------------------------- */

static int read_answers(const char *name, char **buf, size_t *len)
{
	char *s;
	size_t n;
	FILE *f;

	*buf = NULL;
	f = fopen(name, "rb");
	if (!f)
		return -errno;
	/* One byte more than allowed, so the parser can tell "too big". */
	s = malloc(GP_ANSWERS_MAX_BYTES + 2);
	if (!s) {
		fclose(f);
		return -ENOMEM;
	}
	n = fread(s, 1, GP_ANSWERS_MAX_BYTES + 1, f);
	if (ferror(f)) {
		int e = errno ? -errno : -EIO;

		free(s);
		fclose(f);
		return e;
	}
	fclose(f);
	s[n] = '\0';
	*buf = s;
	*len = n;
	return 0;
}

/* What key @key takes, for an empty value (the same words as its own error). */
static const char *expected_value(const char *key)
{
	if (strcmp(key, "gpu") == 0)
		return _("a bus address (0000:01:00.0) or vendor:device (10de:24b0)");
	if (strcmp(key, "functions") == 0)
		return _("slot, group or a comma list of addresses");
	if (strcmp(key, "kernels") == 0)
		return _("all or running");
	if (strcmp(key, "force") == 0)
		return _("none, or a comma list of guards to override");
	return _("yes or no");
}

static void print_error(const char *file, const struct gp_answers_error *e)
{
	if (e->line)
		fprintf(stderr, "%s:%u: ", file, e->line);
	else
		fprintf(stderr, "%s: ", file);
	switch (e->code) {
	case GP_ANSWERS_E_SYNTAX:
		fprintf(stderr, _("expected 'key = value', found '%s'"), e->arg);
		break;
	case GP_ANSWERS_E_CHARACTER:
		fputs(_("a control character or a non-ASCII byte (is this a text file?)"), stderr);
		break;
	case GP_ANSWERS_E_TOO_BIG:
		fprintf(stderr, _("larger than %u bytes: not an answers file"),
			(unsigned int)GP_ANSWERS_MAX_BYTES);
		break;
	case GP_ANSWERS_E_UNKNOWN_KEY:
		fprintf(stderr, _("unknown key '%s' (known: gpu, functions, iommu_pt, kernels, "
				  "force, reboot)"), e->arg);
		break;
	case GP_ANSWERS_E_DUPLICATE:
		fprintf(stderr, _("'%s' given again (first on line %u)"), e->arg, e->first_line);
		break;
	case GP_ANSWERS_E_BAD_VALUE:
		if (strcmp(e->arg, "kernels") == 0)
			fprintf(stderr, _("bad value '%s' for kernels: all or running"), e->arg2);
		else
			fprintf(stderr, _("bad value '%s' for %s: yes or no"), e->arg2, e->arg);
		break;
	case GP_ANSWERS_E_EMPTY_VALUE:
		/* TRANSLATORS: "no value for gpu after =: give a bus address (...) or ..." */
		fprintf(stderr, _("no value for %s after '=': give %s"), e->arg,
			expected_value(e->arg));
		break;
	case GP_ANSWERS_E_BAD_GPU:
		fprintf(stderr, _("'%s' is neither a bus address (0000:01:00.0) nor "
				  "vendor:device (10de:24b0)"), e->arg);
		break;
	case GP_ANSWERS_E_BAD_ADDRESS:
		fprintf(stderr, _("'%s' in functions is not a bus address (0000:01:00.1); "
				  "functions is slot, group or a comma list of addresses"), e->arg);
		break;
	case GP_ANSWERS_E_BAD_FORCE:
		fprintf(stderr, _("'%s' in force is not a guard (boot-display, last-gpu, group, "
				  "iommu, partial-group)"), e->arg);
		break;
	case GP_ANSWERS_E_MISSING_GPU:
		fputs(_("no 'gpu = ...' line: which GPU goes to the VM?"), stderr);
		break;
	case GP_ANSWERS_E_NO_SUCH_GPU:
		fprintf(stderr, _("no GPU %s on this system (see gpupt-setup --list)"), e->arg);
		break;
	case GP_ANSWERS_E_NOT_A_GPU:
		fprintf(stderr, _("%s is not a GPU (class %s; see gpupt-setup --list)"), e->arg,
			e->arg2);
		break;
	case GP_ANSWERS_E_AMBIGUOUS:
		fprintf(stderr, _("%s matches several GPUs (%s): give the bus address"), e->arg,
			e->arg2);
		break;
	case GP_ANSWERS_E_NO_SUCH_FUNC:
		fprintf(stderr, _("no PCI function %s on this system (in functions)"), e->arg);
		break;
	case GP_ANSWERS_E_LIST_DUP:
		fprintf(stderr, _("%s is listed twice in functions"), e->arg);
		break;
	case GP_ANSWERS_E_LIST_NO_GPU:
		fprintf(stderr, _("functions must include the GPU itself, %s"), e->arg);
		break;
	}
	fputc('\n', stderr);
}

static int report_errors(const char *file, const struct gp_answers *a)
{
	size_t i;

	for (i = 0; i < a->n_errors; i++)
		print_error(file, &a->errors[i]);
	if (a->n_errors)
		fprintf(stderr, _("gpupt-setup: %s: nothing was changed\n"), file);
	return a->n_errors ? GP_EXIT_ERROR : GP_EXIT_OK;
}

/* --- showing the plan ----------------------------------------------------- */

static const struct gp_pci_dev *dev_at(const struct gp_inventory *inv, const char *addr)
{
	long k = gp_inventory_find(inv, addr);

	return k >= 0 ? &inv->devs[k] : NULL;
}

static void show_functions(FILE *out, const struct gp_inventory *inv, const struct gp_plan *pl)
{
	size_t i;

	fprintf(out, "%s\n", _("Functions given to vfio-pci:"));
	for (i = 0; i < pl->n_functions; i++) {
		const struct gp_pci_dev *d = dev_at(inv, pl->functions[i]);

		fprintf(out, "  %s", pl->functions[i]);
		if (d && !d->vendor_err && !d->device_err)
			fprintf(out, "  %04x:%04x", d->vendor, d->device);
		if (d && d->vendor_name)
			fprintf(out, "  %s%s%s", d->vendor_name, d->device_name ? " " : "",
				d->device_name ? d->device_name : "");
		fputc('\n', out);
	}
}

/* Every item of @topic and @role in @r, one after the other, translated. */
static void put_items(FILE *out, const struct gp_report *r, int topic, enum gp_item_role role,
		      struct gp_strbuf *sb)
{
	long i;

	for (i = gp_report_find(r, 0, topic, role); i >= 0;
	     i = gp_report_find(r, (size_t)i + 1, topic, role)) {
		gp_strbuf_reset(sb);
		if (gp_report_format(&r->item[i], 1, sb) == 0)
			fputs(gp_strbuf_str(sb), out);
	}
}

/* Every item of @topic and @role in @r, each on a line of its own after @lead. */
static void put_lines(FILE *out, const struct gp_report *r, int topic, enum gp_item_role role,
		      const char *lead, struct gp_strbuf *sb)
{
	long i;

	for (i = gp_report_find(r, 0, topic, role); i >= 0;
	     i = gp_report_find(r, (size_t)i + 1, topic, role)) {
		gp_strbuf_reset(sb);
		if (gp_report_format(&r->item[i], 1, sb) == 0)
			fprintf(out, "%s%s\n", lead, gp_strbuf_str(sb));
	}
}

void gp_cli_put_guards(FILE *out, const struct gp_plan *pl, const struct gp_report *r,
		       enum gp_cli_force_by by)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;
	size_t i;

	for (i = 0; i < pl->n_guards; i++) {
		const struct gp_guard_hit *h = &pl->guards[i];
		const char *name = gp_guard_name(h->guard);

		if (!gp_guard_forceable(h->guard)) {
			/* No force word: what it is, each fact, what to do. */
			fputs(_("Refused: "), out);
			put_items(out, r, (int)i, GP_ROLE_SUMMARY, &sb);
			fputc('\n', out);
			put_lines(out, r, (int)i, GP_ROLE_DETAIL, "  - ", &sb);
			put_lines(out, r, (int)i, GP_ROLE_FIX, _("  To fix: "), &sb);
			continue;
		}
		fputs(h->forced ? _("Forced: ") : _("Refused: "), out);
		/* The facts, not the summary: the answers file's reader knows the guards. */
		put_items(out, r, (int)i, GP_ROLE_DETAIL, &sb);
		fputc('\n', out);
		if (by == GP_CLI_FORCE_OPTION && h->forced)
			fprintf(out, _("  going ahead, as '--force %s' asks\n"), name);
		else if (by == GP_CLI_FORCE_OPTION)
			fprintf(out, _("  to go ahead anyway, add '--force %s'\n"), name);
		else if (h->forced)
			fprintf(out, _("  going ahead, as 'force = %s' asks\n"), name);
		else
			fprintf(out, _("  to go ahead anyway, add '%s' to 'force' in the answers "
				       "file\n"), name);
	}
	gp_strbuf_release(&sb);
}

static void show_notes(FILE *out, const struct gp_report *r)
{
	struct gp_strbuf sb = GP_STRBUF_INIT;
	long i;

	for (i = gp_report_find(r, 0, GP_PLAN_TOPIC_NOTES, GP_ROLE_NOTE); i >= 0;
	     i = gp_report_find(r, (size_t)i + 1, GP_PLAN_TOPIC_NOTES, GP_ROLE_NOTE)) {
		size_t n;

		/* The refused or forced IOMMU guard below says it, with its facts. */
		if (r->item[i].code == GP_MSG_PLAN_IOMMU_UNUSABLE)
			continue;
		gp_strbuf_reset(&sb);
		if (gp_report_format(&r->item[i], 1, &sb) < 0)
			continue;
		n = sb.len;
		fputs(gp_strbuf_str(&sb), out);
		if (!n || gp_strbuf_str(&sb)[n - 1] != '\n')
			fputc('\n', out);
	}
	gp_strbuf_release(&sb);
}

/* A word as a shell would need it quoted, for showing a command line only. */
static void put_quoted(FILE *out, const char *w)
{
	const char *s;

	if (*w && strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			   "0123456789_./:=+-@%,") == strlen(w)) {
		fputs(w, out);
		return;
	}
	fputc('\'', out);
	for (s = w; *s; s++)
		if (*s == '\'')
			fputs("'\\''", out);
		else
			fputc(*s, out);
	fputc('\'', out);
}

static void show_commands(FILE *out, const struct gp_plan *pl)
{
	size_t i, j;

	if (!pl->n_cmds)
		return;
	fprintf(out, "\n%s\n", _("Commands:"));
	for (i = 0; i < pl->n_cmds; i++) {
		fputs("  ", out);
		for (j = 0; pl->cmds[i].argv[j]; j++) {
			if (j)
				fputc(' ', out);
			put_quoted(out, pl->cmds[i].argv[j]);
		}
		fputc('\n', out);
	}
}

static int show_diffs(FILE *out, const struct gp_plan *pl)
{
	size_t i;
	int r;

	for (i = 0; i < pl->n_files; i++) {
		const struct gp_file_change *f = &pl->files[i];
		char a[GP_PATH_MAX + 2], b[GP_PATH_MAX + 2];

		snprintf(a, sizeof(a), "a%s", f->path);
		snprintf(b, sizeof(b), "b%s", f->path);
		r = gp_diff_unified(out, f->old_exists ? a : "/dev/null", f->old_content, f->old_len,
				    f->remove ? "/dev/null" : b, f->new_content, f->new_len,
				    DIFF_CONTEXT);
		if (r < 0)
			return r;
	}
	return 0;
}

/* --- the command ---------------------------------------------------------- */

static int plan_error(const char *file, const struct gp_answers *a, int r,
		      const struct gp_plan_error *why)
{
	if (why->path[0] && why->err == -EPERM)
		fprintf(stderr, _("gpupt-setup: %s is mode %04o, owner %u:%u: others than root "
				  "could change what is written there; make it root's and writable "
				  "by root alone (chown root:root %s; chmod go-w %s), then run this "
				  "again\n"), why->path, (unsigned int)why->mode,
			(unsigned int)why->uid, (unsigned int)why->gid, why->path, why->path);
	else if (why->path[0])
		gp_cli_errmsg(why->path, why->err);
	else if (r == -ENODEV)
		fprintf(stderr, _("%s:%u: no GPU %s on this system\n"), file, a->line_gpu,
			a->choices.gpu);
	else if (r == -ENODATA)
		fprintf(stderr, _("gpupt-setup: a chosen function's vendor or device id cannot "
				  "be read (see gpupt-setup --list)\n"));
	else
		gp_cli_errmsg(_("building the plan"), r);
	fprintf(stderr, "%s\n", _("gpupt-setup: nothing was changed"));
	return GP_EXIT_ERROR;
}

/* Build the plan and show or apply it; *@json_done when the JSON result was written. */
static int run(struct gp_cli *cli, FILE *out, struct gp_answers *a, struct gp_inventory *inv,
	       struct gp_syscheck *chk, int *json_done)
{
	struct gp_report rep = GP_REPORT_INIT;
	struct gp_plan *pl = NULL;
	struct gp_plan_error why;
	const struct gp_pci_dev *g;
	int r, status, refused;

	if (gp_plan_options_check(&cli->opts) < 0) {
		fprintf(stderr, _("gpupt-setup: %s and %s must be absolute paths\n"),
			GP_ENV_UPDATE_INITRAMFS, GP_ENV_UPDATE_BOOTLOADER);
		fprintf(stderr, "%s\n", _("gpupt-setup: nothing was changed"));
		return GP_EXIT_ERROR;
	}
	r = gp_plan_build(&cli->path, inv, chk, &a->choices, &cli->opts, &pl, &why);
	if (r < 0)
		return plan_error(cli->answers, a, r, &why);
	if (gp_plan_report(pl, inv, chk, &rep) < 0) {
		gp_cli_errmsg(_("building the plan"), -ENOMEM);
		status = GP_EXIT_ERROR;
		goto done;
	}
	if (cli->json) {
		*json_done = 1;
		status = gp_cli_answers_json(cli, out, a, pl, &rep);
		goto done;
	}

	g = dev_at(inv, a->choices.gpu);
	fprintf(out, _("GPU for the VM: %s"), a->choices.gpu);
	if (g && g->vendor_name)
		fprintf(out, "  %s%s%s", g->vendor_name, g->device_name ? " " : "",
			g->device_name ? g->device_name : "");
	fputc('\n', out);
	show_functions(out, inv, pl);
	show_notes(out, &rep);
	gp_cli_put_guards(out, pl, &rep, GP_CLI_FORCE_ANSWERS);
	refused = gp_plan_refused(pl);

	if (!pl->n_files) {
		fprintf(out, "%s\n", _("Nothing to change: the system is already set up as asked."));
		status = refused ? GP_EXIT_CHANGE_NEEDED : GP_EXIT_OK;
		goto done;
	}
	if (cli->dry_run) {
		fputc('\n', out);
		r = show_diffs(out, pl);
		if (r < 0) {
			gp_cli_errmsg(_("showing the changes"), r);
			status = GP_EXIT_ERROR;
			goto done;
		}
		show_commands(out, pl);
		if (a->reboot)
			fprintf(out, "%s\n", _("Then: systemctl reboot (reboot = yes)."));
	}
	if (refused) {
		fprintf(out, "%s\n", _("The plan is refused by the guards above: nothing was "
				      "changed."));
		status = GP_EXIT_CHANGE_NEEDED;
	} else if (cli->dry_run) {
		fprintf(out, "%s\n", _("Dry run: nothing was changed."));
		status = GP_EXIT_OK;
	} else {
		fflush(out);
		status = gp_cli_apply(cli, out, pl, a->reboot);
	}
done:
	gp_report_free(&rep);
	gp_plan_free(pl);
	return status;
}

/* gp_cli_answers() but for the JSON object of a run stopped before its plan. */
static int answers(struct gp_cli *cli, FILE *out, int *json_done)
{
	struct gp_inventory *inv = NULL;
	struct gp_syscheck chk;
	struct gp_answers a;
	char *buf;
	size_t len = 0;
	int r, status;

	r = read_answers(cli->answers, &buf, &len);
	if (r < 0) {
		fprintf(stderr, "gpupt-setup: %s: %s\n", cli->answers, strerror(-r));
		return GP_EXIT_ERROR;
	}
	r = gp_answers_parse(buf, len, &a);
	free(buf);
	if (r < 0) {
		gp_cli_errmsg(cli->answers, r);
		gp_answers_free(&a);
		return GP_EXIT_ERROR;
	}
	if (a.n_errors) {
		status = report_errors(cli->answers, &a);
		gp_answers_free(&a);
		return status;
	}

	r = gp_inventory_build(&cli->path, &inv);
	if (r < 0) {
		gp_cli_errmsg(_("reading the PCI devices"), r);
		gp_answers_free(&a);
		return GP_EXIT_ERROR;
	}
	r = gp_answers_resolve(&a, inv);
	if (r < 0 || a.n_errors) {
		if (r < 0)
			gp_cli_errmsg(cli->answers, r);
		report_errors(cli->answers, &a);
		gp_answers_free(&a);
		gp_inventory_free(inv);
		return GP_EXIT_ERROR;
	}
	r = gp_syscheck_run(&cli->path, &chk);
	if (r < 0) {
		gp_cli_errmsg(_("checking the system"), r);
		gp_answers_free(&a);
		gp_inventory_free(inv);
		return GP_EXIT_ERROR;
	}
	status = run(cli, out, &a, inv, &chk, json_done);
	gp_syscheck_free(&chk);
	gp_inventory_free(inv);
	gp_answers_free(&a);
	return status;
}

int gp_cli_answers(struct gp_cli *cli, FILE *out)
{
	int json_done = 0;
	int status = answers(cli, out, &json_done);

	/* Whatever stopped the run was said on stderr; a script still gets its object. */
	if (cli->json && !json_done)
		gp_cli_answers_json_error(cli, out, 0);
	return status;
}
