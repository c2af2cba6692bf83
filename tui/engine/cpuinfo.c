/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cpuinfo.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One processor entry is a few KiB; the first one is all we read. */
#define CPUINFO_HEAD (64 * 1024)

static int has_word(const char *list, size_t len, const char *w)
{
	size_t n = strlen(w), i = 0;

	while (i < len) {
		size_t j;

		while (i < len && (list[i] == ' ' || list[i] == '\t'))
			i++;
		j = i;
		while (j < len && list[j] != ' ' && list[j] != '\t')
			j++;
		if (j - i == n && strncmp(list + i, w, n) == 0)
			return 1;
		i = j;
	}
	return 0;
}

static void copy_value(char *dst, size_t size, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

int gp_cpuinfo_parse(const char *text, struct gp_cpuinfo *out)
{
	const char *line = text;
	int processors = 0;

	memset(out, 0, sizeof(*out));
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		const char *colon = memchr(line, ':', len);

		if (colon) {
			size_t klen = (size_t)(colon - line);
			const char *v = colon + 1;
			size_t vlen = len - klen - 1;

			while (klen && (line[klen - 1] == ' ' || line[klen - 1] == '\t'))
				klen--;
#define KEY(k) (klen == sizeof(k) - 1 && strncmp(line, k, klen) == 0)
			if (KEY("processor") && ++processors > 1)
				break;
			if (KEY("vendor_id"))
				copy_value(out->vendor_id, sizeof(out->vendor_id), v, vlen);
			else if (KEY("model name"))
				copy_value(out->model, sizeof(out->model), v, vlen);
			else if (KEY("flags") && !out->has_flags) {
				out->has_flags = 1;
				out->vmx = has_word(v, vlen, "vmx");
				out->svm = has_word(v, vlen, "svm");
				out->hypervisor = has_word(v, vlen, "hypervisor");
			}
#undef KEY
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	if (strcmp(out->vendor_id, "GenuineIntel") == 0)
		out->vendor = GP_CPU_VENDOR_INTEL;
	else if (strcmp(out->vendor_id, "AuthenticAMD") == 0 ||
		 strcmp(out->vendor_id, "HygonGenuine") == 0)
		out->vendor = GP_CPU_VENDOR_AMD;
	else if (out->vendor_id[0])
		out->vendor = GP_CPU_VENDOR_OTHER;
	else if (out->vmx)
		out->vendor = GP_CPU_VENDOR_INTEL;   /* vendor_id left out: the flags tell */
	else if (out->svm)
		out->vendor = GP_CPU_VENDOR_AMD;
	return out->has_flags ? 0 : -ENODATA;
}

int gp_cpuinfo_read(const struct gp_path *p, struct gp_cpuinfo *out)
{
	char *buf;
	size_t len = 0;
	int fd, r;

	memset(out, 0, sizeof(*out));
	fd = gp_path_open(p, "/proc/cpuinfo", O_RDONLY, 0);
	if (fd < 0)
		return fd;
	buf = malloc(CPUINFO_HEAD + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (len < CPUINFO_HEAD) {
		ssize_t n = read(fd, buf + len, CPUINFO_HEAD - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			close(fd);
			free(buf);
			return r;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	r = gp_cpuinfo_parse(buf, out);
	free(buf);
	return r;
}
