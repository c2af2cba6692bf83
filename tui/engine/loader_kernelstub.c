/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kernelstub (Pop!_OS) as a boot loader back end (loader.h).  kernelstub
 * keeps the command line in /etc/kernelstub/configuration, a JSON object
 * whose "user" member's "kernel_options" array is what it boots with, and
 * writes its systemd-boot entries (Pop_OS-current.conf) from it whenever it
 * runs.  The plan makes the edit `kernelstub -a` makes - our words appended
 * to that array - in the layout kernelstub itself saves (Python's
 * json.dump with indent=2), so kernelstub's own rewrite leaves the bytes as
 * they are; revert puts the file back exactly (`kernelstub -d` would not:
 * it reorders the array).  Then kernelstub runs to write the entries.
 */
#include "loader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp_path_write.h"
#include "nls.h"
#include "plan_int.h"

#define KERNELSTUB_CONF "/etc/kernelstub/configuration"
#define KERNELSTUB "/usr/bin/kernelstub"
#define DEFAULT_ESP "/boot/efi"

static int kstub_detect(const struct gp_bootloader *b)
{
	return b->kernelstub;
}

static const char *kstub_missing(const struct gp_bootloader *b)
{
	return b->kernelstub_bin ? NULL : KERNELSTUB;
}

/* --- just enough JSON ---------------------------------------------------- */

struct json {
	const char *s;
	size_t n;
};

static size_t skip_ws(const struct json *j, size_t i)
{
	while (i < j->n && strchr(" \t\r\n", j->s[i]) && j->s[i])
		i++;
	return i;
}

/* Past the string at @i (a '"'); 0 when it does not end. */
static size_t skip_string(const struct json *j, size_t i)
{
	for (i++; i < j->n; i++) {
		if (j->s[i] == '\\')
			i++;
		else if (j->s[i] == '"')
			return i + 1;
	}
	return 0;
}

/* Past the value at @i; 0 when it is malformed.  Nesting is bounded by @depth. */
static size_t skip_value(const struct json *j, size_t i, int depth)
{
	char open, close;

	i = skip_ws(j, i);
	if (i >= j->n || depth > 32)
		return 0;
	if (j->s[i] == '"')
		return skip_string(j, i);
	if (j->s[i] != '{' && j->s[i] != '[') {
		while (i < j->n && !strchr(",]} \t\r\n", j->s[i]))
			i++;
		return i;
	}
	open = j->s[i];
	close = open == '{' ? '}' : ']';
	i = skip_ws(j, i + 1);
	if (i < j->n && j->s[i] == close)
		return i + 1;
	for (;;) {
		if (open == '{') {
			i = skip_ws(j, i);
			if (i >= j->n || j->s[i] != '"' || !(i = skip_string(j, i)))
				return 0;
			i = skip_ws(j, i);
			if (i >= j->n || j->s[i] != ':')
				return 0;
			i++;
		}
		if (!(i = skip_value(j, i, depth + 1)))
			return 0;
		i = skip_ws(j, i);
		if (i < j->n && j->s[i] == ',') {
			i++;
			continue;
		}
		return i < j->n && j->s[i] == close ? i + 1 : 0;
	}
}

/* The member @key of the object at @obj: its key's and value's offsets.  0 or -ENOENT. */
static int member(const struct json *j, size_t obj, const char *key, size_t *key_at,
		  size_t *val_at)
{
	size_t i = skip_ws(j, obj), k, e, klen = strlen(key);

	if (i >= j->n || j->s[i] != '{')
		return -ENOENT;
	i = skip_ws(j, i + 1);
	while (i < j->n && j->s[i] == '"') {
		k = i;
		if (!(e = skip_string(j, i)))
			return -ENOENT;
		i = skip_ws(j, e);
		if (i >= j->n || j->s[i] != ':')
			return -ENOENT;
		i = skip_ws(j, i + 1);
		if (e - k - 2 == klen && strncmp(j->s + k + 1, key, klen) == 0) {
			*key_at = k;
			*val_at = i;
			return 0;
		}
		if (!(i = skip_value(j, i, 1)))
			return -ENOENT;
		i = skip_ws(j, i);
		if (i < j->n && j->s[i] == ',')
			i = skip_ws(j, i + 1);
	}
	return -ENOENT;
}

/* Where user.kernel_options is in a configuration, and its words. */
struct options {
	size_t key_at, start, end;   /* the array: [start, end) */
	struct gp_strbuf words;      /* its strings as they are written, blank-separated */
	char esp[GP_PATH_MAX];       /* user.esp_path */
};

static int find_options(const struct json *j, struct options *o)
{
	size_t user_key, user, key, val, i;

	if (member(j, 0, "user", &user_key, &user) < 0 ||
	    member(j, user, "kernel_options", &o->key_at, &o->start) < 0 ||
	    j->s[o->start] != '[' || !(o->end = skip_value(j, o->start, 1)))
		return -EBADMSG;
	snprintf(o->esp, sizeof(o->esp), "%s", DEFAULT_ESP);
	if (member(j, user, "esp_path", &key, &val) == 0 && j->s[val] == '"' &&
	    (i = skip_string(j, val)) && i - val - 2 < sizeof(o->esp))
		snprintf(o->esp, sizeof(o->esp), "%.*s", (int)(i - val - 2), j->s + val + 1);
	gp_strbuf_addstr(&o->words, "");
	for (i = skip_ws(j, o->start + 1); i < o->end - 1;) {
		size_t e;

		if (j->s[i] != '"' || !(e = skip_string(j, i)))
			return -EBADMSG;   /* kernelstub itself wants strings here */
		if (o->words.len)
			gp_strbuf_addch(&o->words, ' ');
		gp_strbuf_add(&o->words, j->s + i + 1, e - i - 2);
		i = skip_ws(j, e);
		if (j->s[i] == ',')
			i = skip_ws(j, i + 1);
	}
	return o->words.err;
}

static int read_conf(const struct gp_path *p, char **buf, size_t *len, struct options *o)
{
	struct json j;
	int r;

	memset(o, 0, sizeof(*o));
	r = gp_path_read_file(p, KERNELSTUB_CONF, buf, len, NULL);
	if (r < 0)
		return r;
	j.s = *buf;
	j.n = *len;
	r = find_options(&j, o);
	if (r < 0) {
		gp_strbuf_release(&o->words);
		free(*buf);
		*buf = NULL;
	}
	return r;
}

/* The record's words (GP_LOADER_RECORD_PATH), "" when there is none. */
static int read_record(const struct gp_path *p, struct gp_strbuf *params)
{
	char *buf = NULL;
	size_t len;
	int created, r;

	if (gp_path_read_file(p, GP_LOADER_RECORD_PATH, &buf, &len, NULL) < 0)
		buf = NULL;
	r = gp_loader_record_read(buf, params, &created);
	free(buf);
	return r;
}

static int kstub_next_boot(const struct gp_path *p, const char *this_boot, struct gp_nextboot *out)
{
	struct gp_strbuf ours = GP_STRBUF_INIT, base = GP_STRBUF_INIT;
	struct options o;
	char *buf;
	size_t len;
	int r;

	r = read_conf(p, &buf, &len, &o);
	if (r == -ENOMEM)
		return r;
	if (r < 0) {
		/* Unreadable or not kernelstub's layout: only this boot is known. */
		out->read_err = r;
		snprintf(out->read_path, sizeof(out->read_path), "%s", KERNELSTUB_CONF);
		return 0;
	}
	free(buf);
	r = read_record(p, &ours);
	if (r == 0)
		r = gp_loader_words_without(o.words.buf, ours.buf, &base);
	if (r == 0) {
		out->source = "kernelstub";
		out->from = KERNELSTUB_CONF " (user kernel_options)";
		out->line = gp_strbuf_detach(&o.words, NULL);
		out->base = gp_strbuf_detach(&base, NULL);
		r = gp_nextboot_params(out);
	}
	gp_strbuf_release(&o.words);
	gp_strbuf_release(&ours);
	gp_strbuf_release(&base);
	return r;
}

static int kstub_ours(const char *content, struct gp_strbuf *words)
{
	int created;

	return gp_loader_record_read(content, words, &created);
}

/* The indentation of the line @at is on. */
static size_t indent_of(const char *s, size_t at)
{
	size_t b = at, k;

	while (b > 0 && s[b - 1] != '\n')
		b--;
	for (k = b; k < at && s[k] == ' '; k++)
		;
	return k - b;
}

/* The array of @words (blank-separated) as json.dump(indent=2) writes it, or compact. */
static void write_array(struct gp_strbuf *b, const char *words, int pretty, size_t indent)
{
	const char *s = words;
	int first = 1;

	gp_strbuf_addch(b, '[');
	for (;;) {
		size_t n;

		s += strspn(s, " ");
		if (!*s)
			break;
		n = strcspn(s, " ");
		if (pretty)
			gp_strbuf_addf(b, "%s\n%*s\"%.*s\"", first ? "" : ",", (int)indent + 2, "",
				       (int)n, s);
		else
			gp_strbuf_addf(b, "%s\"%.*s\"", first ? "" : ", ", (int)n, s);
		first = 0;
		s += n;
	}
	if (pretty && !first)
		gp_strbuf_addf(b, "\n%*s", (int)indent, "");
	gp_strbuf_addch(b, ']');
}

static int kstub_plan(const struct gp_path *p, const struct gp_loader_plan_in *in,
		      struct gp_plan *pl)
{
	struct gp_strbuf ours = GP_STRBUF_INIT, base = GP_STRBUF_INIT, words = GP_STRBUF_INIT;
	struct gp_strbuf file = GP_STRBUF_INIT, rec = GP_STRBUF_INIT;
	struct options o;
	char *buf = NULL;
	size_t len;
	int r, pretty;

	r = read_conf(p, &buf, &len, &o);
	if (r < 0 && r != -ENOMEM) {
		pl->error.err = r;
		snprintf(pl->error.path, sizeof(pl->error.path), "%s", KERNELSTUB_CONF);
	}
	if (r < 0)
		return r;
	snprintf(pl->cmdline_added, sizeof(pl->cmdline_added), "%s", in->params);
	r = read_record(p, &ours);
	if (r == 0)
		r = gp_loader_words_without(o.words.buf, ours.buf, &base);
	if (r < 0 || (!in->params[0] && !ours.len))
		goto out;   /* nothing of ours, nothing to add: the file as it is */
	gp_strbuf_addf(&words, "%s%s%s", base.buf, base.len && in->params[0] ? " " : "",
		       in->params);
	pretty = memchr(buf + o.start, '\n', o.end - o.start) != NULL ||
		 (o.end - o.start == 2 && memchr(buf, '\n', len));
	gp_strbuf_add(&file, buf, o.start);
	write_array(&file, words.buf ? words.buf : "", pretty, indent_of(buf, o.key_at));
	gp_strbuf_add(&file, buf + o.end, len - o.end);
	if (in->params[0])
		r = gp_loader_record_content(KERNELSTUB_CONF, in->params, 0, &rec);
	if (r == 0)
		r = file.err ? file.err : words.err;
	if (r == 0) {
		r = plan_add_file(p, pl, KERNELSTUB_CONF, file.buf, file.len);
		memset(&file, 0, sizeof(file));
	}
	if (r == 0) {
		r = plan_add_file(p, pl, GP_LOADER_RECORD_PATH, rec.buf, rec.len);
		memset(&rec, 0, sizeof(rec));
	}
out:
	free(buf);
	gp_strbuf_release(&o.words);
	gp_strbuf_release(&ours);
	gp_strbuf_release(&base);
	gp_strbuf_release(&words);
	gp_strbuf_release(&file);
	gp_strbuf_release(&rec);
	return r;
}

static int kstub_commands(const struct gp_path *p, const struct gp_loader_plan_in *in,
			  int changed, int rebuilt, struct gp_plan *pl)
{
	struct options o;
	char *buf;
	size_t len;
	int r;

	/* kernelstub copies the newest kernel and its image to the ESP: both need it. */
	if (!changed && !rebuilt)
		return 0;
	r = plan_add_command(pl, KERNELSTUB, pl->options.update_bootloader,
			     N_("Writing the kernelstub boot entries"), NULL, (char *)NULL);
	if (r < 0)
		return r;
	if (read_conf(p, &buf, &len, &o) == 0) {
		char *rw = pl->cmds[pl->n_cmds - 1].rewrites;

		if (gp_path_join(rw, GP_PATH_MAX, o.esp, "/loader/entries/Pop_OS-current.conf",
				 (char *)NULL) < 0)
			rw[0] = '\0';
		free(buf);
		gp_strbuf_release(&o.words);
	}
	return 0;
}

static const char *const kstub_files[] = { KERNELSTUB_CONF, GP_LOADER_RECORD_PATH, NULL };

const struct gp_loader_ops gp_loader_kernelstub = {
	.name = "kernelstub",
	.title = "kernelstub",
	.cmdline_file = KERNELSTUB_CONF,
	.record = GP_LOADER_RECORD_PATH,
	.detect = kstub_detect,
	.missing = kstub_missing,
	.next_boot = kstub_next_boot,
	.ours = kstub_ours,
	.plan = kstub_plan,
	.commands = kstub_commands,
	.files = kstub_files,
	.entries = N_("the Pop!_OS boot entries kernelstub writes"),
	.fix_missing = N_("apt install kernelstub"),
	.skip_once = N_("in the systemd-boot menu (hold Space at power-on if it is hidden) select "
			"Pop!_OS, press e, add gpupt=off at the end of the line, press Enter"),
	.revert_shell = N_("kernelstub -d \"PARAMETERS\" with the parameters "
			   "/etc/gpupt/cmdline.conf names"),
	.regenerate = "kernelstub",
};
