/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "answers.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind_conf.h"
#include "card.h"
#include "strbuf.h"

enum key {
	KEY_GPU, KEY_FUNCTIONS, KEY_IOMMU_PT, KEY_KERNELS, KEY_FORCE, KEY_REBOOT, KEY_TRIAL, N_KEYS,
};

static const char *const key_names[N_KEYS] = {
	[KEY_GPU] = "gpu", [KEY_FUNCTIONS] = "functions", [KEY_IOMMU_PT] = "iommu_pt",
	[KEY_KERNELS] = "kernels", [KEY_FORCE] = "force", [KEY_REBOOT] = "reboot",
	[KEY_TRIAL] = "trial",
};

static const struct {
	enum gp_guard guard;
	const char *name;
} guard_names[] = {
	{ GP_GUARD_BOOT_DISPLAY, "boot-display" },
	{ GP_GUARD_LAST_GPU, "last-gpu" },
	{ GP_GUARD_GROUP, "group" },
	{ GP_GUARD_IOMMU, "iommu" },
	{ GP_GUARD_PARTIAL_GROUP, "partial-group" },
	/* The preflight guards have no name: nothing could bind past them. */
};

const char *gp_guard_name(enum gp_guard g)
{
	size_t i;

	for (i = 0; i < sizeof(guard_names) / sizeof(guard_names[0]); i++)
		if (guard_names[i].guard == g)
			return guard_names[i].name;
	return "";
}

/* Copy @n bytes of @s as a C string, cut to fit (messages only). */
static void copy_cut(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static int add_error(struct gp_answers *a, unsigned int line, enum gp_answers_errcode code,
		     const char *arg, size_t arg_len, const char *arg2)
{
	struct gp_answers_error *e;

	if (GP_ARRAY_GROW(a->errors, a->alloc_errors, a->n_errors + 1) < 0)
		return -ENOMEM;
	e = &a->errors[a->n_errors++];
	memset(e, 0, sizeof(*e));
	e->line = line;
	e->code = code;
	if (arg)
		copy_cut(e->arg, sizeof(e->arg), arg, arg_len);
	if (arg2)
		copy_cut(e->arg2, sizeof(e->arg2), arg2, strlen(arg2));
	return 0;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Trim blanks at both ends of [*s, *s + *n). */
static void trim(const char **s, size_t *n)
{
	while (*n && is_blank(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_blank((*s)[*n - 1]))
		(*n)--;
}

static int word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

static int parse_yes_no(const char *v, size_t n, int *out)
{
	if (word_is(v, n, "yes"))
		*out = 1;
	else if (word_is(v, n, "no"))
		*out = 0;
	else
		return -EINVAL;
	return 0;
}

static int bad_value(struct gp_answers *a, unsigned int line, enum key k, const char *v, size_t n)
{
	char val[GP_ANSWERS_ARG_MAX];

	copy_cut(val, sizeof(val), v, n);
	return add_error(a, line, GP_ANSWERS_E_BAD_VALUE, key_names[k], strlen(key_names[k]), val);
}

/* Split a comma list, calling @item on each trimmed element (empty ones too). */
static int for_each_item(const char *v, size_t n,
			 int (*item)(struct gp_answers *a, unsigned int line, const char *s, size_t len),
			 struct gp_answers *a, unsigned int line)
{
	size_t start = 0, i;
	int r;

	for (i = 0; i <= n; i++) {
		if (i < n && v[i] != ',')
			continue;
		{
			const char *s = v + start;
			size_t len = i - start;

			trim(&s, &len);
			r = item(a, line, s, len);
			if (r != 0)
				return r;
		}
		start = i + 1;
	}
	return 0;
}

enum gp_guard gp_guard_by_name(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(guard_names) / sizeof(guard_names[0]); i++)
		if (word_is(s, n, guard_names[i].name))
			return guard_names[i].guard;
	return 0;
}

static int force_item(struct gp_answers *a, unsigned int line, const char *s, size_t len)
{
	enum gp_guard g = gp_guard_by_name(s, len);

	if (g) {
		a->choices.force |= g;
		return 0;
	}
	/* Stop at the first bad name: one error per line is enough. */
	return add_error(a, line, GP_ANSWERS_E_BAD_FORCE, s, len, NULL) < 0 ? -ENOMEM : 1;
}

static int list_item(struct gp_answers *a, unsigned int line, const char *s, size_t len)
{
	char addr[GP_PCI_ADDR_LEN];

	if (gp_card_parse_address(s, len, addr) < 0)
		return add_error(a, line, GP_ANSWERS_E_BAD_ADDRESS, s, len, NULL) < 0 ? -ENOMEM : 1;
	if (GP_ARRAY_GROW(a->choices.list, a->choices.alloc_list, a->choices.n_list + 1) < 0)
		return -ENOMEM;
	memcpy(a->choices.list[a->choices.n_list++], addr, sizeof(addr));
	return 0;
}

static int set_value(struct gp_answers *a, unsigned int line, enum key k, const char *v, size_t n)
{
	char addr[GP_PCI_ADDR_LEN];
	uint16_t ven, dev;
	int r;

	switch (k) {
	case KEY_GPU:
		if (gp_card_parse_address(v, n, addr) < 0 && gp_card_parse_ids(v, n, &ven, &dev) < 0)
			return add_error(a, line, GP_ANSWERS_E_BAD_GPU, v, n, NULL);
		copy_cut(a->gpu_spec, sizeof(a->gpu_spec), v, n);
		a->line_gpu = line;
		return 0;
	case KEY_FUNCTIONS:
		a->line_functions = line;
		if (word_is(v, n, "slot")) {
			a->choices.functions = GP_FUNCS_SLOT;
			return 0;
		}
		if (word_is(v, n, "group")) {
			a->choices.functions = GP_FUNCS_GROUP;
			return 0;
		}
		a->choices.functions = GP_FUNCS_LIST;
		r = for_each_item(v, n, list_item, a, line);
		return r < 0 ? r : 0;
	case KEY_IOMMU_PT:
		if (parse_yes_no(v, n, &a->choices.iommu_pt) < 0)
			return bad_value(a, line, k, v, n);
		return 0;
	case KEY_REBOOT:
		if (parse_yes_no(v, n, &a->reboot) < 0)
			return bad_value(a, line, k, v, n);
		return 0;
	case KEY_TRIAL:
		if (parse_yes_no(v, n, &r) < 0)
			return bad_value(a, line, k, v, n);
		a->choices.no_trial = !r;
		return 0;
	case KEY_KERNELS:
		if (word_is(v, n, "all"))
			a->choices.kernels = GP_KERNELS_ALL;
		else if (word_is(v, n, "running"))
			a->choices.kernels = GP_KERNELS_RUNNING;
		else
			return bad_value(a, line, k, v, n);
		return 0;
	case KEY_FORCE:
		/* "none" says it explicitly; an empty value is a slip. */
		if (word_is(v, n, "none"))
			return 0;
		r = for_each_item(v, n, force_item, a, line);
		return r < 0 ? r : 0;
	case N_KEYS:
		break;
	}
	return 0;
}

static int parse_line(struct gp_answers *a, unsigned int line, const char *s, size_t n,
		      unsigned int seen[N_KEYS])
{
	const char *eq, *key, *val, *hash;
	size_t klen, vlen, i;
	int k;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 ? s[i] != '\t' && s[i] != '\r' :
		    (unsigned char)s[i] >= 0x7f)
			return add_error(a, line, GP_ANSWERS_E_CHARACTER, NULL, 0, NULL);
	hash = memchr(s, '#', n);
	if (hash)
		n = (size_t)(hash - s);
	trim(&s, &n);
	if (n == 0)
		return 0;
	eq = memchr(s, '=', n);
	if (!eq)
		return add_error(a, line, GP_ANSWERS_E_SYNTAX, s, n, NULL);
	key = s;
	klen = (size_t)(eq - s);
	val = eq + 1;
	vlen = n - klen - 1;
	trim(&key, &klen);
	trim(&val, &vlen);
	if (klen == 0)
		return add_error(a, line, GP_ANSWERS_E_SYNTAX, s, n, NULL);
	for (k = 0; k < N_KEYS; k++)
		if (word_is(key, klen, key_names[k]))
			break;
	if (k == N_KEYS)
		return add_error(a, line, GP_ANSWERS_E_UNKNOWN_KEY, key, klen, NULL);
	if (seen[k]) {
		if (add_error(a, line, GP_ANSWERS_E_DUPLICATE, key, klen, NULL) < 0)
			return -ENOMEM;
		a->errors[a->n_errors - 1].first_line = seen[k];
		return 0;
	}
	seen[k] = line;
	if (vlen == 0)   /* not a bad value but none: said as such, whatever the key */
		return add_error(a, line, GP_ANSWERS_E_EMPTY_VALUE, key, klen, NULL);
	return set_value(a, line, (enum key)k, val, vlen);
}

int gp_answers_parse(const char *buf, size_t len, struct gp_answers *out)
{
	unsigned int seen[N_KEYS] = { 0 };
	unsigned int line = 0;
	size_t pos = 0;
	int r;

	memset(out, 0, sizeof(*out));
	out->choices.functions = GP_FUNCS_SLOT;
	out->choices.kernels = GP_KERNELS_ALL;
	if (len > GP_ANSWERS_MAX_BYTES)
		return add_error(out, 0, GP_ANSWERS_E_TOO_BIG, NULL, 0, NULL);
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;

		r = parse_line(out, ++line, buf + pos, n, seen);
		if (r < 0)
			return r;
		pos += n + (nl ? 1 : 0);
	}
	if (!seen[KEY_GPU])
		return add_error(out, 0, GP_ANSWERS_E_MISSING_GPU, NULL, 0, NULL);
	return 0;
}

static int resolve_gpu(struct gp_answers *a, const struct gp_inventory *inv)
{
	const char *spec = a->gpu_spec;
	struct gp_card_match m;
	int r;

	r = gp_card_resolve(inv, spec, 1, &m);
	if (r < 0)
		return r;
	switch (m.err) {
	case GP_CARD_OK:
		memcpy(a->choices.gpu, m.address, sizeof(m.address));
		return 0;
	case GP_CARD_E_BAD:
		return add_error(a, a->line_gpu, GP_ANSWERS_E_BAD_GPU, spec, strlen(spec), NULL);
	case GP_CARD_E_NOT_A_GPU:
		return add_error(a, a->line_gpu, GP_ANSWERS_E_NOT_A_GPU, m.address,
				 strlen(m.address), m.class_code);
	case GP_CARD_E_AMBIGUOUS:
		return add_error(a, a->line_gpu, GP_ANSWERS_E_AMBIGUOUS, spec, strlen(spec),
				 m.matches);
	case GP_CARD_E_NO_SUCH:
		break;
	}
	if (m.address[0])
		return add_error(a, a->line_gpu, GP_ANSWERS_E_NO_SUCH_GPU, m.address,
				 strlen(m.address), NULL);
	return add_error(a, a->line_gpu, GP_ANSWERS_E_NO_SUCH_GPU, spec, strlen(spec), NULL);
}

static int resolve_list(struct gp_answers *a, const struct gp_inventory *inv)
{
	const struct gp_choices *c = &a->choices;
	int has_gpu = 0, r;
	size_t i, j;

	for (i = 0; i < c->n_list; i++) {
		const char *addr = c->list[i];

		for (j = 0; j < i; j++)
			if (strcmp(c->list[j], addr) == 0)
				break;
		if (j < i)
			r = add_error(a, a->line_functions, GP_ANSWERS_E_LIST_DUP, addr,
				      strlen(addr), NULL);
		else if (gp_inventory_find(inv, addr) < 0)
			r = add_error(a, a->line_functions, GP_ANSWERS_E_NO_SUCH_FUNC, addr,
				      strlen(addr), NULL);
		else
			r = 0;
		if (r < 0)
			return r;
		has_gpu |= c->gpu[0] && strcmp(addr, c->gpu) == 0;
	}
	if (c->gpu[0] && !has_gpu)
		return add_error(a, a->line_functions, GP_ANSWERS_E_LIST_NO_GPU, c->gpu,
				 strlen(c->gpu), NULL);
	return 0;
}

int gp_answers_resolve(struct gp_answers *a, const struct gp_inventory *inv)
{
	int r;

	if (!a->line_gpu)
		return 0;
	r = resolve_gpu(a, inv);
	if (r < 0)
		return r;
	if (a->choices.functions == GP_FUNCS_LIST)
		return resolve_list(a, inv);
	return 0;
}

void gp_answers_free(struct gp_answers *a)
{
	free(a->choices.list);
	a->choices.list = NULL;
	a->choices.n_list = 0;
	a->choices.alloc_list = 0;
	free(a->errors);
	a->errors = NULL;
	a->n_errors = 0;
	a->alloc_errors = 0;
}
