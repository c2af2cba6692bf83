/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bind_log — where gpupt-bind reports: kernel log lines and the status file.
 *
 * Lines are built from pieces of text (no printf: the binder stays a few
 * KiB).  Log lines go to /dev/kmsg inside the root, or to standard output
 * for a dry run, which must change nothing.  /dev/kmsg is opened for each
 * line because the kernel rate-limits writers per open file (10 lines per
 * 5 s), and a long report must not be cut.  Status lines go to
 * /run/gpupt/bind.status.  Failing to log never stops the binder.
 */
#ifndef BIND_LOG_H
#define BIND_LOG_H

#include <stdint.h>

#include "gp_path.h"

/* kmsg priorities: info is the binder's normal chatter, warning a skip. */
#define BIND_LOG_INFO '6'
#define BIND_LOG_WARN '4'
/* Or-ed into a level: the line is not counted against the cap below. */
#define BIND_LOG_KEEP 0x100

/*
 * Per-entry lines per run; then one line says the rest is in the status
 * file.  A config of thousands of lines must not flood the kernel log.
 */
#define BIND_LOG_MAX_LINES 64

/**
 * bind_log_open - choose the sinks.
 * @p: the root; /dev/kmsg and /run/gpupt are resolved inside it.
 * @dry_run: log to standard output and write no status file.
 *
 * Creates /run/gpupt and truncates bind.status unless @dry_run.
 */
void bind_log_open(const struct gp_path *p, int dry_run);

/** bind_log_close - close the status file. */
void bind_log_close(void);

/**
 * bind_log - one log line made of the strings given, "gpupt-bind: " first.
 * @level: BIND_LOG_INFO or BIND_LOG_WARN, optionally | BIND_LOG_KEEP.
 * @...: strings, terminated by NULL.  Too long a line is cut, not lost.
 */
void bind_log(int level, ...) __attribute__((sentinel));

/**
 * bind_status - one status-file line made of the strings given.
 * @...: strings, terminated by NULL.  Nothing happens for a dry run.
 */
void bind_status(const char *first, ...) __attribute__((sentinel));

/**
 * bind_fmt_id - "vvvv:dddd" into @buf (10 bytes).
 * Returns @buf, so it can stand inside a bind_log() call.
 */
const char *bind_fmt_id(char buf[10], uint32_t vendor, uint32_t device);

/**
 * bind_fmt_class - "0xccsspp" into @buf (9 bytes).  Returns @buf.
 */
const char *bind_fmt_class(char buf[9], uint32_t class_code);

/**
 * bind_fmt_uint - decimal @v into @buf (12 bytes).  Returns @buf.
 */
const char *bind_fmt_uint(char buf[12], unsigned int v);

/**
 * bind_strerror - a short English reason for -errno value @err.
 * @buf: 16 bytes, used for numbers without a text ("error 123").
 * Returns the text.
 */
const char *bind_strerror(int err, char buf[16]);

#endif /* BIND_LOG_H */
