/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "mountinfo.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gp_path_stdio.h"

/* Next blank-separated field of @s into @dst, octal escapes decoded. */
static int next_field(const char **s, char *dst, size_t size)
{
	const char *p = *s;
	size_t o = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || *p == '\n')
		return -EINVAL;
	while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
		char c = *p++;

		if (c == '\\' && p[0] >= '0' && p[0] <= '3' && p[1] >= '0' && p[1] <= '7' &&
		    p[2] >= '0' && p[2] <= '7') {
			c = (char)((p[0] - '0') * 64 + (p[1] - '0') * 8 + (p[2] - '0'));
			p += 3;
		}
		if (o + 1 >= size)
			return -ENAMETOOLONG;
		dst[o++] = c;
	}
	dst[o] = '\0';
	*s = p;
	return 0;
}

int gp_mountinfo_parse_line(const char *line, struct gp_mount *m)
{
	char tmp[GP_PATH_MAX];
	const char *s = line;
	char *end;
	int r, i;

	memset(m, 0, sizeof(*m));
	/* ID, PARENT */
	for (i = 0; i < 2; i++)
		if ((r = next_field(&s, tmp, sizeof(tmp))) < 0)
			return r;
	if ((r = next_field(&s, tmp, sizeof(tmp))) < 0)
		return r;
	errno = 0;
	m->major = (unsigned int)strtoul(tmp, &end, 10);
	if (errno || end == tmp || *end != ':')
		return -EINVAL;
	m->minor = (unsigned int)strtoul(end + 1, &end, 10);
	if (errno || *end)
		return -EINVAL;
	if ((r = next_field(&s, tmp, sizeof(tmp))) < 0)       /* ROOT */
		return r;
	if ((r = next_field(&s, m->mount_point, sizeof(m->mount_point))) < 0)
		return r;
	if (m->mount_point[0] != '/')
		return -EINVAL;
	/* OPTIONS, then optional tags up to the lone "-". */
	for (;;) {
		if ((r = next_field(&s, tmp, sizeof(tmp))) < 0)
			return r;
		if (strcmp(tmp, "-") == 0)
			break;
	}
	if ((r = next_field(&s, m->fstype, sizeof(m->fstype))) < 0)
		return r;
	return next_field(&s, m->source, sizeof(m->source));
}

/* Does mount point @mp contain @dir (on a path-component boundary)? */
static size_t contains(const char *mp, const char *dir)
{
	size_t n = strlen(mp);

	if (strcmp(mp, "/") == 0)
		return 1;
	if (strncmp(mp, dir, n) != 0 || (dir[n] != '\0' && dir[n] != '/'))
		return 0;
	return n;
}

int gp_mountinfo_find(const struct gp_path *p, const char *dir, int exact, struct gp_mount *m)
{
	struct gp_mount *cur;
	char *line = NULL;
	size_t cap = 0, best = 0;
	FILE *f;
	int r, found = 0;

	r = gp_path_fopen_read(p, "/proc/self/mountinfo", &f);
	if (r < 0)
		return r;
	cur = malloc(sizeof(*cur));
	if (!cur) {
		fclose(f);
		return -ENOMEM;
	}
	while (getline(&line, &cap, f) > 0) {
		size_t n;

		if (gp_mountinfo_parse_line(line, cur) < 0)
			continue;
		if (exact) {
			if (strcmp(cur->mount_point, dir) != 0)
				continue;
			n = 1;
		} else {
			n = contains(cur->mount_point, dir);
			if (!n)
				continue;
		}
		/* Equal length: a later mount on the same point hides the earlier. */
		if (n >= best) {
			best = n;
			*m = *cur;
			found = 1;
		}
	}
	free(line);
	free(cur);
	fclose(f);
	return found ? 0 : -ENOENT;
}

int gp_fstab_has_mount(const struct gp_path *p, const char *dir)
{
	size_t cap = 0, dlen = strlen(dir);
	char *line = NULL;
	int found = 0;
	FILE *f;

	if (gp_path_fopen_read(p, "/etc/fstab", &f) < 0)
		return 0;
	while (getline(&line, &cap, f) > 0) {
		char dev[512], mp[512];

		if (sscanf(line, " %511s %511s", dev, mp) != 2 || dev[0] == '#')
			continue;
		if (strncmp(mp, dir, dlen) == 0 && (mp[dlen] == '\0' ||
						   (mp[dlen] == '/' && mp[dlen + 1] == '\0')))
			found = 1;
	}
	free(line);
	fclose(f);
	return found;
}
