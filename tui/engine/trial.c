/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The trial boot's state, its confirmation and its one-shot again (trial.h). */
#include "trial.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp_path_write.h"
#include "bootcfg.h"
#include "loader.h"
#include "messages.h"
#include "plan_int.h"

const char *gp_trial_state_name(enum gp_trial_state s)
{
	switch (s) {
	case GP_TRIAL_PENDING:
		return "pending";
	case GP_TRIAL_RUNNING:
		return "running";
	case GP_TRIAL_FAILED:
		return "failed";
	case GP_TRIAL_NONE:
		break;
	}
	return "none";
}

/* The value of the line "@key VALUE" of @s, into @buf (cut to fit). */
static void field(const char *s, const char *key, char *buf, size_t size)
{
	size_t kn = strlen(key);

	buf[0] = '\0';
	while (s && *s) {
		size_t n = strcspn(s, "\n");

		if (n > kn && strncmp(s, key, kn) == 0 && s[kn] == ' ')
			snprintf(buf, size, "%.*s", (int)(n - kn - 1), s + kn + 1);
		s = s[n] ? s + n + 1 : NULL;
	}
}

/* Is the word @w on command line @line? */
static int has_word(const char *line, const char *w)
{
	size_t n = strlen(w);
	const char *s = line;

	while (s && (s = strstr(s, w))) {
		if ((s == line || s[-1] == ' ') && (s[n] == '\0' || s[n] == ' ' || s[n] == '\n'))
			return 1;
		s += n;
	}
	return 0;
}

/* Are all blank-separated words of @words on @line? */
static int has_all(const char *line, const char *words)
{
	char w[256];
	const char *s = words;

	while (*s) {
		size_t n = strcspn(s, " ");

		if (n && n < sizeof(w)) {
			memcpy(w, s, n);
			w[n] = '\0';
			if (!has_word(line, w))
				return 0;
		}
		s += n;
		s += strspn(s, " ");
	}
	return 1;
}

int gp_trial_read(const struct gp_path *p, const struct gp_loader_ops *lo, const char *this_boot,
		  struct gp_trial *out)
{
	char *buf = NULL;
	size_t len;
	int r;

	memset(out, 0, sizeof(*out));
	r = gp_path_read_file(p, GP_TRIAL_PATH, &buf, &len, NULL);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	field(buf, "loader", out->loader, sizeof(out->loader));
	field(buf, "params", out->params, sizeof(out->params));
	free(buf);
	r = lo && lo->once_set ? lo->once_set(p) : 0;
	if (r < 0)
		out->once_err = r;
	if (r > 0)
		out->state = GP_TRIAL_PENDING;
	else if (this_boot && !has_word(this_boot, "gpupt=off") && has_all(this_boot, out->params))
		out->state = GP_TRIAL_RUNNING;
	else
		out->state = GP_TRIAL_FAILED;
	return 0;
}

int gp_trial_report(const struct gp_trial *t, int topic, struct gp_report *out)
{
	static const enum gp_msg msg[] = {
		[GP_TRIAL_PENDING] = GP_MSG_STATUS_TRIAL_PENDING,
		[GP_TRIAL_RUNNING] = GP_MSG_STATUS_TRIAL_RUNNING,
		[GP_TRIAL_FAILED] = GP_MSG_STATUS_TRIAL_FAILED,
	};
	int r;

	if (t->state == GP_TRIAL_NONE)
		return 0;
	r = gp_report_add(out, topic, GP_ROLE_SUMMARY, GP_MSG_STATUS_TRIAL_HEAD, GP_TRIAL_PATH);
	if (r == 0)
		r = gp_report_add(out, topic, GP_ROLE_DETAIL, msg[t->state],
				  t->params[0] ? t->params : "gpupt=off left out");
	return r;
}

int gp_trial_read_root(const struct gp_path *p, struct gp_trial *out)
{
	struct gp_bootloader boot;
	char *cmdline = NULL;
	size_t len;
	int r;

	gp_bootloader_probe(p, &boot);
	if (gp_path_read_file(p, "/proc/cmdline", &cmdline, &len, NULL) < 0)
		cmdline = NULL;
	r = gp_trial_read(p, gp_loader_detect(&boot), cmdline, out);
	free(cmdline);
	return r;
}

/* The trial of @p and its back end, which must be the one in charge. */
static int trial_loader(const struct gp_path *p, const struct gp_syscheck *chk,
			struct gp_trial *t)
{
	int r = gp_trial_read(p, chk->loader, chk->cmdline, t);

	if (r < 0)
		return r;
	if (t->state == GP_TRIAL_NONE)
		return -ENOENT;
	if (!chk->loader || !chk->loader->trial_ok ||
	    (t->loader[0] && strcmp(t->loader, chk->loader->name) != 0))
		return -ENXIO;
	return 0;
}

static struct gp_plan *new_plan(const struct gp_syscheck *chk, const struct gp_plan_options *opt)
{
	struct gp_plan *pl = calloc(1, sizeof(*pl));

	if (pl && opt)
		pl->options = *opt;
	if (pl)
		pl->loader = chk->loader;
	return pl;
}

int gp_trial_confirm_plan(const struct gp_path *p, const struct gp_syscheck *chk,
			  const struct gp_plan_options *opt, struct gp_plan **out)
{
	static const struct gp_choices none;
	struct gp_loader_plan_in in;
	struct gp_trial t;
	struct gp_plan *pl;
	int r;

	*out = NULL;
	r = opt ? gp_plan_options_check(opt) : 0;
	if (r == 0)
		r = trial_loader(p, chk, &t);
	if (r < 0)
		return r;
	pl = new_plan(chk, opt);
	if (!pl)
		return -ENOMEM;
	memset(&in, 0, sizeof(in));
	in.chk = chk;
	in.choices = &none;
	in.params = t.params;
	in.ending_trial = 1;
	r = chk->loader->plan(p, &in, pl);
	if (r == 0)
		r = plan_add_file(p, pl, GP_TRIAL_PATH, NULL, 0);
	if (r == 0)
		r = chk->loader->commands(p, &in, gp_loader_changed(chk->loader, pl), 0, pl);
	if (r < 0) {
		gp_plan_free(pl);
		return r;
	}
	*out = pl;
	return 0;
}

int gp_trial_once_plan(const struct gp_path *p, const struct gp_syscheck *chk,
		       const struct gp_plan_options *opt, struct gp_plan **out)
{
	struct gp_trial t;
	struct gp_plan *pl;
	int r;

	*out = NULL;
	r = opt ? gp_plan_options_check(opt) : 0;
	if (r == 0)
		r = trial_loader(p, chk, &t);
	if (r < 0)
		return r;
	pl = new_plan(chk, opt);
	if (!pl)
		return -ENOMEM;
	pl->trial = 1;
	r = chk->loader->once(p, pl);
	if (r < 0) {
		gp_plan_free(pl);
		return r;
	}
	*out = pl;
	return 0;
}
