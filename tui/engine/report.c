/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * report — building a list of coded items and rendering one into text.
 *
 * The renderer walks the format itself instead of handing it to printf:
 * the format comes from a table or a translation (never a literal the
 * compiler can check), and each conversion must take the argument of the
 * type the table declares, whatever order a translator put them in.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "nls.h"
#include "report.h"

/* How deep GP_ARG_MSG arguments may nest (a word inside a phrase). */
#define MSG_DEPTH_MAX 4

/* --- building ---------------------------------------------------------- */

static void free_item(struct gp_report_item *it)
{
	unsigned i;

	for (i = 0; i < it->n_args; i++) {
		switch (it->arg[i].type) {
		case GP_ARG_STR:
		case GP_ARG_PATH:
		case GP_ARG_ADDR:
			free(it->arg[i].v.s);
			it->arg[i].v.s = NULL;
			break;
		default:
			break;
		}
	}
	it->n_args = 0;
}

/* Reads one argument of @type from @ap into @a; 0 or -ENOMEM. */
static int read_arg(struct gp_report_arg *a, enum gp_arg_type type, va_list *ap)
{
	const char *s;

	a->type = type;
	switch (type) {
	case GP_ARG_STR:
	case GP_ARG_PATH:
	case GP_ARG_ADDR:
		s = va_arg(*ap, const char *);
		a->v.s = strdup(s ? s : "");
		return a->v.s ? 0 : -ENOMEM;
	case GP_ARG_INT:
	case GP_ARG_ERRNO:
	case GP_ARG_MSG:
		a->v.i = va_arg(*ap, int);
		return 0;
	case GP_ARG_UINT:
		a->v.u = va_arg(*ap, size_t);
		return 0;
	case GP_ARG_BYTES:
		a->v.u = va_arg(*ap, uint64_t);
		return 0;
	case GP_ARG_MSG_INT:
		a->v.i = va_arg(*ap, int);
		a->n = va_arg(*ap, int);
		return 0;
	case GP_ARG_MSGID:
		s = va_arg(*ap, const char *);
		a->v.s = (char *)(s ? s : "");  /* static: never freed (free_item) */
		return 0;
	}
	return -EINVAL;
}

int gp_report_vadd(struct gp_report *r, enum gp_severity sev, int topic,
		   enum gp_item_role role, enum gp_msg code, va_list ap)
{
	const struct gp_msg_info *info = gp_msg_info(code);
	struct gp_report_item *it;
	va_list aq;
	unsigned i;
	int err = 0;

	if (!info)
		return -EINVAL;
	if (GP_ARRAY_GROW(r->item, r->alloc, r->n + 1) < 0)
		return -ENOMEM;
	it = &r->item[r->n];
	memset(it, 0, sizeof(*it));
	it->code = code;
	it->sev = sev;
	it->topic = topic;
	it->role = role;
	va_copy(aq, ap);
	for (i = 0; i < info->n_args && !err; i++) {
		err = read_arg(&it->arg[i], info->type[i], &aq);
		if (!err)
			it->n_args = i + 1;
	}
	va_end(aq);
	if (err) {
		free_item(it);
		return err;
	}
	r->n++;
	return 0;
}

int gp_report_add_sev(struct gp_report *r, enum gp_severity sev, int topic,
		      enum gp_item_role role, enum gp_msg code, ...)
{
	va_list ap;
	int err;

	va_start(ap, code);
	err = gp_report_vadd(r, sev, topic, role, code, ap);
	va_end(ap);
	return err;
}

int gp_report_add(struct gp_report *r, int topic, enum gp_item_role role,
		  enum gp_msg code, ...)
{
	const struct gp_msg_info *info = gp_msg_info(code);
	va_list ap;
	int err;

	if (!info)
		return -EINVAL;
	va_start(ap, code);
	err = gp_report_vadd(r, info->sev, topic, role, code, ap);
	va_end(ap);
	return err;
}

long gp_report_find(const struct gp_report *r, size_t from, int topic,
		    enum gp_item_role role)
{
	size_t i;

	for (i = from; i < r->n; i++)
		if (r->item[i].topic == topic && r->item[i].role == role)
			return (long)i;
	return -1;
}

void gp_report_free(struct gp_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free_item(&r->item[i]);
	free(r->item);
	r->item = NULL;
	r->n = r->alloc = 0;
}

/* --- parsing a conversion ---------------------------------------------- */

/* One conversion of a format, as far as this renderer supports them. */
struct conv {
	int argno;        /* 0-based argument, from "N$" or the running count */
	int left;         /* '-' flag */
	int width;        /* -1: none */
	int prec;         /* -1: none */
	char length;      /* 0, 'l' or 'z' */
	char conv;        /* 's', 'd', 'i', 'u' or '%' */
};

static int read_num(const char **p)
{
	int n = 0;

	while (**p >= '0' && **p <= '9' && n < 10000)
		n = n * 10 + (*(*p)++ - '0');
	return n;
}

/*
 * Parses the conversion after a '%' at *@p, advancing *@p past it.
 * @next is the running argument number for non-positional forms.
 * 0 or -EINVAL for anything this renderer does not take.
 */
static int parse_conv(const char **p, int *next, struct conv *c)
{
	const char *s = *p;

	memset(c, 0, sizeof(*c));
	c->width = c->prec = -1;
	if (*s == '%') {
		c->conv = '%';
		*p = s + 1;
		return 0;
	}
	c->argno = (*next)++;
	if (*s >= '1' && *s <= '9') {
		const char *t = s;
		int n = read_num(&t);

		if (*t == '$') {
			c->argno = n - 1;
			s = t + 1;
		}
	}
	for (; *s == '-'; s++)
		c->left = 1;
	if (*s >= '1' && *s <= '9')
		c->width = read_num(&s);
	if (*s == '.') {
		s++;
		c->prec = read_num(&s);
	}
	if (*s == 'l' || *s == 'z')
		c->length = *s++;
	if (*s != 's' && *s != 'd' && *s != 'i' && *s != 'u')
		return -EINVAL;
	c->conv = *s++;
	*p = s;
	return 0;
}

/* Whether conversion @c can render an argument of @type. */
static int conv_takes(const struct conv *c, enum gp_arg_type type)
{
	switch (c->conv) {
	case 's':
		return !c->length && type != GP_ARG_INT && type != GP_ARG_UINT;
	case 'd':
	case 'i':
		return !c->length && type == GP_ARG_INT;
	case 'u':
		return type == GP_ARG_UINT;
	}
	return 0;
}

int gp_report_check_format(const char *fmt, unsigned n_args, const enum gp_arg_type *type,
			   int use_all)
{
	unsigned used = 0, i;
	int next = 0;
	struct conv c;

	if (!fmt)
		return -EINVAL;
	while ((fmt = strchr(fmt, '%'))) {
		fmt++;
		if (parse_conv(&fmt, &next, &c) < 0)
			return -EINVAL;
		if (c.conv == '%')
			continue;
		if (c.argno < 0 || (unsigned)c.argno >= n_args || !conv_takes(&c, type[c.argno]))
			return -EINVAL;
		used |= 1u << c.argno;
	}
	if (use_all)
		for (i = 0; i < n_args; i++)
			if (!(used & (1u << i)))
				return -EINVAL;
	return 0;
}

/* --- rendering --------------------------------------------------------- */

int gp_format_bytes(struct gp_strbuf *out, uint64_t bytes)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	double v = (double)bytes;
	int u = 0;

	while (v >= 1024 && u < 5) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		return gp_strbuf_addf(out, "%" PRIu64 " B", bytes);
	return gp_strbuf_addf(out, "%.1f %s", v, unit[u]);
}

static int format_item(const struct gp_report_item *it, int translate, int depth,
		       struct gp_strbuf *out);

/* The text of argument @a, as a %s (or number) would show it, into @val. */
static int render_arg(const struct gp_report_arg *a, int translate, int depth,
		      struct gp_strbuf *val)
{
	struct gp_report_item word;

	switch (a->type) {
	case GP_ARG_STR:
	case GP_ARG_PATH:
	case GP_ARG_ADDR:
		return gp_strbuf_addstr(val, a->v.s ? a->v.s : "");
	case GP_ARG_INT:
		return gp_strbuf_addf(val, "%lld", a->v.i);
	case GP_ARG_UINT:
		return gp_strbuf_addf(val, "%llu", a->v.u);
	case GP_ARG_BYTES:
		return gp_format_bytes(val, a->v.u);
	case GP_ARG_ERRNO:
		return gp_strbuf_addstr(val, strerror((int)(a->v.i < 0 ? -a->v.i : a->v.i)));
	case GP_ARG_MSG:
		memset(&word, 0, sizeof(word));
		word.code = (enum gp_msg)a->v.i;
		return format_item(&word, translate, depth + 1, val);
	case GP_ARG_MSG_INT:
		memset(&word, 0, sizeof(word));
		word.code = (enum gp_msg)a->v.i;
		word.n_args = 1;
		word.arg[0].type = GP_ARG_INT;
		word.arg[0].v.i = a->n;
		return format_item(&word, translate, depth + 1, val);
	case GP_ARG_MSGID:
		return gp_strbuf_addstr(val, translate && a->v.s[0] ? _(a->v.s) : a->v.s);
	}
	return -EINVAL;
}

/* Appends @val with the width, precision and '-' of @c. */
static int put_padded(struct gp_strbuf *out, const struct conv *c, const char *val)
{
	size_t len = strlen(val);
	size_t pad = 0;
	int err = 0;

	if (c->prec >= 0 && c->conv == 's' && len > (size_t)c->prec)
		len = (size_t)c->prec;
	if (c->width > 0 && (size_t)c->width > len)
		pad = (size_t)c->width - len;
	while (!c->left && pad && !err) {
		err = gp_strbuf_addch(out, ' ');
		pad--;
	}
	if (!err)
		err = gp_strbuf_add(out, val, len);
	while (pad && !err) {
		err = gp_strbuf_addch(out, ' ');
		pad--;
	}
	return err;
}

/* The format @it is shown with: plural or not, translated or not. */
static const char *pick_format(const struct gp_msg_info *info, const struct gp_report_item *it,
			       int translate)
{
	unsigned long n = 1;

	if (!info->plural || info->plural_arg < 0 || (unsigned)info->plural_arg >= it->n_args)
		return translate && *info->fmt ? _(info->fmt) : info->fmt;
	if (it->arg[info->plural_arg].type == GP_ARG_INT)
		n = (unsigned long)it->arg[info->plural_arg].v.i;
	else
		n = (unsigned long)it->arg[info->plural_arg].v.u;
	if (translate)
		return P_(info->fmt, info->plural, n);
	return n == 1 ? info->fmt : info->plural;
}

static int format_item(const struct gp_report_item *it, int translate, int depth,
		       struct gp_strbuf *out)
{
	const struct gp_msg_info *info = gp_msg_info(it->code);
	struct gp_strbuf val = GP_STRBUF_INIT;
	const char *p, *pct;
	int next = 0, err = 0;
	struct conv c;

	if (!info || depth > MSG_DEPTH_MAX)
		return -EINVAL;
	p = pick_format(info, it, translate);
	while (!err && (pct = strchr(p, '%'))) {
		err = gp_strbuf_add(out, p, (size_t)(pct - p));
		p = pct + 1;
		if (!err)
			err = parse_conv(&p, &next, &c);
		if (err)
			break;
		if (c.conv == '%') {
			err = gp_strbuf_addch(out, '%');
			continue;
		}
		if (c.argno < 0 || (unsigned)c.argno >= it->n_args ||
		    !conv_takes(&c, it->arg[c.argno].type)) {
			err = -EINVAL;
			break;
		}
		gp_strbuf_reset(&val);
		err = render_arg(&it->arg[c.argno], translate, depth, &val);
		if (!err)
			err = put_padded(out, &c, gp_strbuf_str(&val));
	}
	if (!err)
		err = gp_strbuf_addstr(out, p);
	gp_strbuf_release(&val);
	return err;
}

int gp_report_format(const struct gp_report_item *it, int translate, struct gp_strbuf *out)
{
	return format_item(it, translate, 0, out);
}

int gp_report_format_all(const struct gp_report *r, int translate, struct gp_strbuf *out)
{
	size_t i;
	int ret = 0;

	for (i = 0; i < r->n && ret == 0; i++)
		ret = gp_report_format(&r->item[i], translate, out);
	return ret;
}
