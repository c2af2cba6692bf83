/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "efivar.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define EFIVAR_ATTR_LEN 4

int gp_efivar_decode_bool(const unsigned char *buf, size_t len, int *val)
{
	if (len != EFIVAR_ATTR_LEN + 1 || buf[EFIVAR_ATTR_LEN] > 1)
		return -EINVAL;
	*val = buf[EFIVAR_ATTR_LEN];
	return 0;
}

int gp_efivar_read_bool(const struct gp_path *p, const char *path, int *val)
{
	/* One byte more than expected, so an over-long file is noticed. */
	unsigned char buf[EFIVAR_ATTR_LEN + 2];
	size_t len = 0;
	int fd;

	/* Binary content: gp_path_read() would strip a trailing 0x0a. */
	fd = gp_path_open(p, path, O_RDONLY, 0);
	if (fd < 0)
		return fd;
	while (len < sizeof(buf)) {
		ssize_t n = read(fd, buf + len, sizeof(buf) - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = -errno;

			close(fd);
			return e;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	return gp_efivar_decode_bool(buf, len, val);
}
