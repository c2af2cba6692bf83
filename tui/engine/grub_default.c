/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "grub_default.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* --- variables ------------------------------------------------------------ */

struct var {
	char *name;
	char *value;
	int tainted;                  /* assigned from a command substitution */
	struct gp_grub_unsafe why;
};

struct env {
	struct var *v;
	size_t n, alloc;
	int all_tainted;              /* a command ran that may assign anything */
	struct gp_grub_unsafe why_all;
	int err;                      /* -ENOMEM, sticky */
};

static void set_where(struct gp_grub_unsafe *u, const char *path, unsigned line,
		      const char *what)
{
	snprintf(u->path, sizeof(u->path), "%s", path);
	u->line = line;
	snprintf(u->what, sizeof(u->what), "%s", what);
}

static struct var *find_var(struct env *env, const char *name)
{
	size_t i;

	for (i = 0; i < env->n; i++)
		if (strcmp(env->v[i].name, name) == 0)
			return &env->v[i];
	return NULL;
}

static void assign(struct env *env, const char *name, const char *value, int tainted,
		   const struct gp_grub_unsafe *why)
{
	struct var *v = find_var(env, name);
	char *copy = strdup(value);

	if (!copy)
		goto nomem;
	if (!v) {
		if (GP_ARRAY_GROW(env->v, env->alloc, env->n + 1) < 0)
			goto nomem;
		v = &env->v[env->n];
		memset(v, 0, sizeof(*v));
		v->name = strdup(name);
		if (!v->name)
			goto nomem;
		env->n++;
	}
	free(v->value);
	v->value = copy;
	v->tainted = tainted;
	if (tainted)
		v->why = *why;
	return;
nomem:
	free(copy);
	env->err = -ENOMEM;
}

static void unset(struct env *env, const char *name)
{
	struct var *v = find_var(env, name);

	if (v) {
		free(v->value);
		v->value = NULL;
		v->tainted = 0;
	}
}

static void env_free(struct env *env)
{
	size_t i;

	for (i = 0; i < env->n; i++) {
		free(env->v[i].name);
		free(env->v[i].value);
	}
	free(env->v);
}

/* --- words ---------------------------------------------------------------- */

struct sh {
	const char *s;                /* the cursor */
	const char *path;
	unsigned line;
	struct env *env;
};

struct word {
	struct gp_strbuf val;
	int is_assign;
	char name[128];               /* with is_assign */
	int tainted;
	struct gp_grub_unsafe why;
};

static int is_name_start(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static void taint(struct sh *sh, struct word *w, const char *what)
{
	if (!w->tainted) {
		w->tainted = 1;
		set_where(&w->why, sh->path, sh->line, what);
	}
}

static void taint_all_at(struct sh *sh, unsigned line, const char *what)
{
	if (!sh->env->all_tainted) {
		sh->env->all_tainted = 1;
		set_where(&sh->env->why_all, sh->path, line, what);
	}
}

static void taint_all(struct sh *sh, const char *what)
{
	taint_all_at(sh, sh->line, what);
}

/* Step over a command substitution's text ending in @close; nested "$(". */
static void skip_subst(struct sh *sh, char close)
{
	int depth = 1;
	char q = 0;

	for (; *sh->s && depth; sh->s++) {
		char c = *sh->s;

		if (c == '\n')
			sh->line++;
		if (c == '\\' && sh->s[1] && q != '\'') {
			sh->s++;
			if (*sh->s == '\n')
				sh->line++;
		} else if (q) {
			q = c == q ? 0 : q;
		} else if (close == ')' && (c == '\'' || c == '"')) {
			q = c;
		} else if (close == ')' && c == '(') {
			depth++;
		} else if (c == close) {
			depth--;
		}
	}
	if (depth)
		taint_all(sh, close == ')' ? "$(" : "`");
}

static void expand_name(struct sh *sh, struct word *w, const char *name, size_t len)
{
	char buf[128];
	struct var *v;

	if (len >= sizeof(buf)) {
		taint(sh, w, "${...}");
		return;
	}
	memcpy(buf, name, len);
	buf[len] = '\0';
	v = find_var(sh->env, buf);
	if (v && v->value)
		gp_strbuf_addstr(&w->val, v->value);
	if (v && v->tainted && !w->tainted) {
		w->tainted = 1;
		w->why = v->why;
	}
	/* After a command we could not follow, any variable may hold anything. */
	if (sh->env->all_tainted && !w->tainted) {
		w->tainted = 1;
		w->why = sh->env->why_all;
	}
}

/* At '$': an expansion we follow, one we cannot, or a plain '$'. */
static void expand_dollar(struct sh *sh, struct word *w)
{
	const char *s = sh->s + 1, *n;

	if (*s == '(') {
		taint(sh, w, "$(...)");
		sh->s = s + 1;
		skip_subst(sh, ')');
	} else if (*s == '{') {
		for (n = s + 1; is_name_char(*n); n++)
			;
		if (*n == '}' && n > s + 1 && is_name_start(s[1])) {
			expand_name(sh, w, s + 1, (size_t)(n - s - 1));
			sh->s = n + 1;
			return;
		}
		/* ${VAR:-word} and the like: not followed. */
		taint(sh, w, "${...}");
		sh->s = s + 1;
		skip_subst(sh, '}');
	} else if (is_name_start(*s)) {
		for (n = s; is_name_char(*n); n++)
			;
		expand_name(sh, w, s, (size_t)(n - s));
		sh->s = n;
	} else if (*s && strchr("0123456789@*#?-$!", *s)) {
		char what[3] = { '$', *s, '\0' };

		taint(sh, w, what);
		sh->s = s + 1;
	} else {
		gp_strbuf_addch(&w->val, '$');
		sh->s = s;
	}
}

/* A backslash at the cursor; @dquote: inside "...". */
static void backslash(struct sh *sh, struct word *w, int dquote)
{
	char c = sh->s[1];

	if (c == '\n') {
		sh->line++;
		sh->s += 2;
	} else if (!c) {
		sh->s++;
	} else if (!dquote || strchr("$`\"\\", c)) {
		gp_strbuf_addch(&w->val, c);
		sh->s += 2;
	} else {
		gp_strbuf_addch(&w->val, '\\');
		sh->s++;
	}
}

static void single_quoted(struct sh *sh, struct word *w)
{
	const char *s = sh->s + 1;
	unsigned start = sh->line;

	for (; *s && *s != '\''; s++) {
		if (*s == '\n')
			sh->line++;
		gp_strbuf_addch(&w->val, *s);
	}
	if (!*s)
		taint_all_at(sh, start, "unterminated '");
	sh->s = *s ? s + 1 : s;
}

/* Is the cursor at NAME= ?  Then step over it. */
static void assignment_prefix(struct sh *sh, struct word *w)
{
	const char *s = sh->s;

	if (!is_name_start(*s))
		return;
	while (is_name_char(*s))
		s++;
	if (*s != '=' || (size_t)(s - sh->s) >= sizeof(w->name))
		return;
	memcpy(w->name, sh->s, (size_t)(s - sh->s));
	w->name[s - sh->s] = '\0';
	w->is_assign = 1;
	sh->s = s + 1;
}

/* One word at the cursor, up to an unquoted blank or operator. */
static void parse_word(struct sh *sh, struct word *w)
{
	int dquote = 0;
	unsigned start = sh->line;

	assignment_prefix(sh, w);
	gp_strbuf_addstr(&w->val, "");
	while (*sh->s) {
		char c = *sh->s;

		if (!dquote && (is_blank(c) || strchr("\n;|&<>()", c)))
			break;
		if (c == '\\') {
			backslash(sh, w, dquote);
		} else if (c == '\'' && !dquote) {
			single_quoted(sh, w);
		} else if (c == '"') {
			dquote = !dquote;
			sh->s++;
		} else if (c == '`') {
			taint(sh, w, "`...`");
			sh->s++;
			skip_subst(sh, '`');
		} else if (c == '$') {
			expand_dollar(sh, w);
		} else {
			if (c == '\n')
				sh->line++;
			gp_strbuf_addch(&w->val, c);
			sh->s++;
		}
	}
	if (dquote)
		taint_all_at(sh, start, "unterminated \"");
	if (w->val.err)
		sh->env->err = w->val.err;
}

/* --- commands ------------------------------------------------------------- */

enum builtin { NO_COMMAND = 0, EXPORT, UNSET, IGNORE, UNKNOWN };

static enum builtin command_kind(struct sh *sh, const char *name)
{
	if (strcmp(name, "export") == 0 || strcmp(name, "readonly") == 0)
		return EXPORT;
	if (strcmp(name, "unset") == 0)
		return UNSET;
	if (strcmp(name, ":") == 0 || strcmp(name, "true") == 0)
		return IGNORE;
	taint_all(sh, name);
	return UNKNOWN;
}

static void apply_word(struct sh *sh, enum builtin *cmd, struct word *w)
{
	const char *val = w->val.buf ? w->val.buf : "";

	if (w->is_assign && (*cmd == NO_COMMAND || *cmd == EXPORT)) {
		assign(sh->env, w->name, val, w->tainted || sh->env->all_tainted,
		       w->tainted ? &w->why : &sh->env->why_all);
	} else if (*cmd == NO_COMMAND) {
		*cmd = command_kind(sh, val);
	} else if (*cmd == UNSET && val[0] != '-') {
		unset(sh->env, val);
	}
}

/* One simple command, up to a newline, ';' or the end. */
static void run_command(struct sh *sh)
{
	enum builtin cmd = NO_COMMAND;

	while (*sh->s && !sh->env->err) {
		struct word w;
		char c = *sh->s;

		if (is_blank(c) || (c == '\\' && sh->s[1] == '\n')) {
			sh->line += c == '\\';
			sh->s += c == '\\' ? 2 : 1;
			continue;
		}
		if (c == '#') {
			while (*sh->s && *sh->s != '\n')
				sh->s++;
			continue;
		}
		if (c == '\n' || c == ';') {
			sh->line += c == '\n';
			sh->s++;
			return;
		}
		if (strchr("|&<>()", c)) {
			char what[2] = { c, '\0' };

			taint_all(sh, what);
			sh->s++;
			cmd = UNKNOWN;
			continue;
		}
		memset(&w, 0, sizeof(w));
		parse_word(sh, &w);
		apply_word(sh, &cmd, &w);
		gp_strbuf_release(&w.val);
	}
}

/* --- the result ----------------------------------------------------------- */

/*
 * How GRUB's script parser splits the linux line of grub.cfg and its linux
 * command joins the words again for the kernel: quotes and backslashes
 * go, and a word holding a blank is written in double quotes.
 */
static void kernel_words(const char *args, struct gp_strbuf *out)
{
	const char *s = args;

	while (*s) {
		struct gp_strbuf word = GP_STRBUF_INIT;
		char q = 0;
		int blank = 0;

		while (is_blank(*s) || *s == '\n')
			s++;
		if (!*s)
			break;
		for (; *s && (q || !(is_blank(*s) || *s == '\n')); s++) {
			if (!q && (*s == '\'' || *s == '"')) {
				q = *s;
			} else if (q && *s == q) {
				q = 0;
			} else if (*s == '\\' && q != '\'' && s[1]) {
				gp_strbuf_addch(&word, *++s);
			} else {
				blank |= is_blank(*s);
				gp_strbuf_addch(&word, *s);
			}
		}
		gp_strbuf_addf(out, "%s%s%s%s", out->len ? " " : "", blank ? "\"" : "",
			       word.buf ? word.buf : "", blank ? "\"" : "");
		if (word.err)
			out->err = word.err;
		gp_strbuf_release(&word);
	}
	gp_strbuf_addstr(out, "");
}

static char *value_of(struct env *env, const char *name, struct gp_grub_cmdline *out)
{
	struct var *v = find_var(env, name);

	if (v && v->tainted && !out->unsafe) {
		out->unsafe = 1;
		out->where = v->why;
	}
	return strdup(v && v->value ? v->value : "");
}

int gp_grub_default_eval(const struct gp_grub_source *src, size_t n,
			 struct gp_grub_cmdline *out)
{
	struct env env = { 0 };
	struct gp_strbuf both = GP_STRBUF_INIT, normal = GP_STRBUF_INIT;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n && !env.err; i++) {
		struct sh sh = { src[i].text, src[i].path, 1, &env };

		while (*sh.s && !env.err)
			run_command(&sh);
	}
	if (env.all_tainted) {
		out->unsafe = 1;
		out->where = env.why_all;
	}
	out->linux_args = value_of(&env, "GRUB_CMDLINE_LINUX", out);
	out->default_args = value_of(&env, "GRUB_CMDLINE_LINUX_DEFAULT", out);
	if (out->linux_args && out->default_args) {
		/* 10_linux: "${GRUB_CMDLINE_LINUX} ${GRUB_CMDLINE_LINUX_DEFAULT}" */
		gp_strbuf_addf(&both, "%s %s", out->linux_args, out->default_args);
		if (!both.err)
			kernel_words(both.buf, &normal);
		out->normal = normal.err ? NULL : gp_strbuf_detach(&normal, NULL);
	}
	gp_strbuf_release(&both);
	gp_strbuf_release(&normal);
	env_free(&env);
	if (env.err || !out->normal) {
		gp_grub_cmdline_free(out);
		return -ENOMEM;
	}
	return 0;
}

void gp_grub_cmdline_free(struct gp_grub_cmdline *c)
{
	free(c->linux_args);
	free(c->default_args);
	free(c->normal);
	memset(c, 0, sizeof(*c));
}
