/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "bind_log.h"
#include "bind_status.h"
#include "gp_paths.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One kernel log record and one status line have the same limit. */
#define LINE_MAX_LEN GP_BIND_STATUS_LINE_MAX
#define PREFIX "<6>gpupt-bind: "

static const struct gp_path *log_root;
static int log_stdout;
static int status_fd = -1;
static unsigned int log_lines;

void bind_log_open(const struct gp_path *p, int dry_run)
{
	int dfd;

	log_root = p;
	log_stdout = dry_run;
	log_lines = 0;
	if (dry_run)
		return;
	dfd = gp_path_open(p, "/run", O_RDONLY | O_DIRECTORY, 0);
	if (dfd >= 0) {
		/* mkdirat below an fd opened inside the root stays inside it. */
		(void)mkdirat(dfd, "gpupt", 0755);
		close(dfd);
	}
	status_fd = gp_path_open(p, GP_BIND_STATUS_PATH,
				 O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
}

void bind_log_close(void)
{
	if (status_fd >= 0)
		close(status_fd);
	status_fd = -1;
}

static void write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t w = write(fd, buf, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		buf += w;
		len -= (size_t)w;
	}
}

void bind_log(int level, ...)
{
	char line[LINE_MAX_LEN + 1];
	va_list ap;
	size_t len;
	int fd;

	if (!log_root)
		return;
	if (!(level & BIND_LOG_KEEP)) {
		if (log_lines >= BIND_LOG_MAX_LINES) {
			if (log_lines++ == BIND_LOG_MAX_LINES)
				bind_log(BIND_LOG_WARN | BIND_LOG_KEEP, "further messages left out: "
					 "see /run/gpupt/bind.status", (char *)NULL);
			return;
		}
		log_lines++;
	}
	va_start(ap, level);
	len = gp_bind_status_vjoin(line, PREFIX, ap);
	va_end(ap);
	line[1] = (char)(level & 0xff);
	if (log_stdout) {
		write_all(1, line + 3, len - 3);
		return;
	}
	/* O_APPEND: a plain file stands in for /dev/kmsg in tests. */
	fd = gp_path_open(log_root, "/dev/kmsg", O_WRONLY | O_APPEND | O_NOCTTY, 0);
	if (fd < 0)
		return;
	/* One write is one kernel log record. */
	(void)!write(fd, line, len);
	close(fd);
}

void bind_status_line(const char *line, size_t len)
{
	if (status_fd >= 0)
		write_all(status_fd, line, len);
}

void bind_status(const char *first, ...)
{
	char line[LINE_MAX_LEN + 1];
	va_list ap;
	size_t len;

	if (status_fd < 0)
		return;
	va_start(ap, first);
	len = gp_bind_status_vjoin(line, first, ap);
	va_end(ap);
	write_all(status_fd, line, len);
}

static char *put_hex(char *p, uint32_t v, unsigned int n)
{
	static const char digits[] = "0123456789abcdef";

	while (n--)
		*p++ = digits[(v >> (4 * n)) & 0xf];
	return p;
}

const char *bind_fmt_id(char buf[10], uint32_t vendor, uint32_t device)
{
	char *p = put_hex(buf, vendor, 4);

	*p++ = ':';
	*put_hex(p, device, 4) = '\0';
	return buf;
}

const char *bind_fmt_class(char buf[9], uint32_t class_code)
{
	buf[0] = '0';
	buf[1] = 'x';
	*put_hex(buf + 2, class_code, 6) = '\0';
	return buf;
}

const char *bind_fmt_uint(char buf[12], unsigned int v)
{
	char tmp[12];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return buf;
}

/* The errors sysfs and open(2) give here; anything else is a number. */
static const struct {
	int err;
	const char *text;
} errors[] = {
	{ ENOENT, "no such file" },
	{ EACCES, "permission denied" },
	{ EPERM, "operation not permitted" },
	{ EBUSY, "device busy" },
	{ ENODEV, "no such device" },
	{ EINVAL, "invalid argument" },
	{ EIO, "input/output error" },
	{ EFBIG, "file too large" },
	{ EISDIR, "is a directory" },
};

const char *bind_strerror(int err, char buf[16])
{
	size_t i;

	if (err < 0)
		err = -err;
	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		if (errors[i].err == err)
			return errors[i].text;
	{
		char num[12];

		bind_fmt_uint(num, (unsigned int)err & 0xffff);
		memcpy(buf, "error ", 6);
		memcpy(buf + 6, num, strlen(num) + 1);
	}
	return buf;
}
