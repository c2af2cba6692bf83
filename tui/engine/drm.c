/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "drm.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pci_parse.h"
#include "strbuf.h"

/* "card12" exactly: a card, not a connector ("card12-DP-1") nor "renderD128". */
static int is_card(const char *s)
{
	if (strncmp(s, "card", 4) != 0 || !s[4])
		return 0;
	for (s += 4; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static struct gp_drm_card *find_card(struct gp_drm_card *cards, size_t n,
				     const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(cards[i].name) == len && strncmp(cards[i].name, name, len) == 0)
			return &cards[i];
	return NULL;
}

static int add_card(const struct gp_path *p, struct gp_drm_card **cards, size_t *n,
		    size_t *cap, const char *name)
{
	char path[GP_PATH_MAX], addr[GP_PATH_MAX];
	unsigned d, b, s, f;
	struct gp_drm_card *c;

	if (strlen(name) >= sizeof(c->name))
		return 0;
	if (GP_ARRAY_GROW(*cards, *cap, *n + 1) < 0)
		return -ENOMEM;
	c = &(*cards)[(*n)++];
	memset(c, 0, sizeof(*c));
	strcpy(c->name, name);
	/* card0/device -> ../../../0000:00:02.0: the link's last name is the address. */
	if (gp_path_join(path, sizeof(path), "/sys/class/drm/", name, "/device", (char *)NULL) >= 0 &&
	    gp_path_link_name(p, path, addr, sizeof(addr)) >= 0 &&
	    gp_pci_parse_address(addr, &d, &b, &s, &f) == 0)
		strcpy(c->address, addr);
	return 0;
}

static int add_connector(const struct gp_path *p, struct gp_drm_card *cards, size_t n,
			 const char *name)
{
	const char *dash = strchr(name, '-');
	char path[GP_PATH_MAX], status[32];
	struct gp_drm_card *c;
	char *conn;
	int r;

	c = dash ? find_card(cards, n, name, (size_t)(dash - name)) : NULL;
	if (!c)
		return 0;
	if (gp_path_join(path, sizeof(path), "/sys/class/drm/", name, "/status", (char *)NULL) < 0)
		return 0;
	r = gp_path_read(p, path, status, sizeof(status));
	if (r == -ENOENT)
		return 0;       /* not a connector (e.g. "card0-render") */
	if (r < 0) {
		c->unreadable++;
		return 0;
	}
	c->n_connectors++;
	if (strcmp(status, "connected") != 0)
		return 0;
	conn = strdup(dash + 1);
	if (!conn)
		return -ENOMEM;
	if (GP_ARRAY_GROW(c->connected, c->alloc_connected, c->n_connected + 1) < 0) {
		free(conn);
		return -ENOMEM;
	}
	c->connected[c->n_connected++] = conn;
	return 0;
}

static int cmp_card(const void *a, const void *b)
{
	return strverscmp(((const struct gp_drm_card *)a)->name,
			  ((const struct gp_drm_card *)b)->name);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int gp_drm_cards(const struct gp_path *p, struct gp_drm_card **cards, size_t *n)
{
	struct gp_drm_card *c = NULL;
	size_t nc = 0, cap = 0;
	struct dirent *de;
	char **names = NULL;
	size_t nn = 0, ncap = 0;
	int r = 0;
	DIR *d;

	*cards = NULL;
	*n = 0;
	d = gp_path_opendir(p, "/sys/class/drm");
	if (!d)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -errno;
	/* Cards first, then connectors: readdir gives no order. */
	while ((de = readdir(d))) {
		char *name;

		if (de->d_name[0] == '.' || strncmp(de->d_name, "card", 4) != 0)
			continue;
		name = strdup(de->d_name);
		if (!name) {
			r = -ENOMEM;
			break;
		}
		if (GP_ARRAY_GROW(names, ncap, nn + 1) < 0) {
			free(name);
			r = -ENOMEM;
			break;
		}
		names[nn++] = name;
	}
	closedir(d);
	if (nn)
		qsort(names, nn, sizeof(*names), cmp_str);
	for (size_t i = 0; r == 0 && i < nn; i++)
		if (is_card(names[i]))
			r = add_card(p, &c, &nc, &cap, names[i]);
	if (nc)
		qsort(c, nc, sizeof(*c), cmp_card);
	for (size_t i = 0; r == 0 && i < nn; i++)
		if (!is_card(names[i]))
			r = add_connector(p, c, nc, names[i]);
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	if (r < 0) {
		gp_drm_cards_free(c, nc);
		return r;
	}
	*cards = c;
	*n = nc;
	return 0;
}

void gp_drm_cards_free(struct gp_drm_card *cards, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < cards[i].n_connected; j++)
			free(cards[i].connected[j]);
		free(cards[i].connected);
	}
	free(cards);
}
