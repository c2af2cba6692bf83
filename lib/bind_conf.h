/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bind_conf — the one parser of /etc/gpupt/bind.conf.
 *
 * The static boot binder and the setup program's engine both link it, so
 * what the setup program validates is exactly what the binder will do.  It
 * works on a buffer the caller read: no stdio, no allocation, no locale (hex
 * digits are matched by hand, so "Turkish i" or a C library's isxdigit
 * cannot change the result).  Any byte sequence is accepted as input: NULs,
 * CR/LF line ends, a missing final newline and arbitrarily long lines give
 * per-line errors, never undefined behaviour.
 *
 * Format, one PCI function per line, '#' starts a comment, fields separated
 * by blanks (space, tab, CR, VT, FF):
 *
 *     ADDRESS  VENDOR:DEVICE  [subsystem=VVVV:DDDD]  [class=0xCCSSPP]
 *     0000:01:00.0  10de:24b0  subsystem=10de:14ad  class=0x030000
 *
 * ADDRESS is domain:bus:device.function as sysfs names it (a domain of 4 to
 * 8 hex digits, bus 2, device 2 at most 1f, function 1 at most 7).  Hex is
 * case-insensitive.  A malformed line yields one error and no entry; the
 * other lines are unaffected.
 */
#ifndef BIND_CONF_H
#define BIND_CONF_H

#include <stddef.h>
#include <stdint.h>

/* Longest accepted line, comment excluded: no real entry comes near it. */
#define BIND_CONF_LINE_MAX 512
/* "ffffffff:ff:1f.7" plus NUL, rounded up. */
#define BIND_CONF_ADDR_SIZE 20
/* Enough for any line bind_conf_format() writes, newline and NUL included. */
#define BIND_CONF_FORMAT_SIZE 80

/* Bits of bind_conf_entry.have: which optional fields the line gave. */
#define BIND_CONF_HAVE_SUBSYSTEM 0x1
#define BIND_CONF_HAVE_CLASS     0x2

/** One configured PCI function. */
struct bind_conf_entry {
	char address[BIND_CONF_ADDR_SIZE]; /* lower case, as in sysfs */
	unsigned int line;                 /* 1-based line number */
	unsigned int have;                 /* BIND_CONF_HAVE_* */
	uint16_t vendor, device;
	uint16_t subsystem_vendor, subsystem_device;
	uint32_t class_code;               /* 0xCCSSPP */
};

/** Why a line was rejected; BIND_CONF_OK (0) is never reported. */
enum bind_conf_error {
	BIND_CONF_OK = 0,
	BIND_CONF_E_CHARACTER,     /* a control or non-ASCII byte (binary data?) */
	BIND_CONF_E_TOO_LONG,      /* longer than BIND_CONF_LINE_MAX */
	BIND_CONF_E_ADDRESS,       /* first field is not DOMAIN:BUS:DEV.FN */
	BIND_CONF_E_NO_ID,         /* an address but no VENDOR:DEVICE */
	BIND_CONF_E_ID,            /* second field is not VENDOR:DEVICE */
	BIND_CONF_E_SUBSYSTEM,     /* subsystem= value is not VVVV:DDDD */
	BIND_CONF_E_CLASS,         /* class= value is not 0xCCSSPP */
	BIND_CONF_E_FIELD,         /* an unknown field */
	BIND_CONF_E_DUPLICATE,     /* an optional field given twice */
	BIND_CONF_E_COUNT
};

/** What bind_conf_parse() calls; either member may be NULL. */
struct bind_conf_ops {
	/*
	 * entry - a valid line.  @e is valid only during the call.
	 * Return 0 to go on, or a negative value to stop the parse.
	 */
	int (*entry)(void *ctx, const struct bind_conf_entry *e);
	/*
	 * error - a rejected line: its 1-based number and the reason.
	 * Return 0 to go on, or a negative value to stop the parse.
	 */
	int (*error)(void *ctx, unsigned int line, enum bind_conf_error err);
};

/**
 * bind_conf_parse - parse a whole bind.conf held in memory.
 * @buf: the file's bytes; need not be NUL-terminated, may contain NULs.
 * @len: number of bytes in @buf.
 * @ops: callbacks for entries and errors (NULL: just count).
 * @ctx: passed to the callbacks.
 *
 * Lines are handed over in file order.  Returns the number of valid entries,
 * or the negative value a callback returned to stop.
 */
int bind_conf_parse(const char *buf, size_t len, const struct bind_conf_ops *ops, void *ctx);

/**
 * bind_conf_count - count entries and rejected lines without callbacks.
 * @buf: the file's bytes.
 * @len: number of bytes in @buf.
 * @errors: if not NULL, receives the number of rejected lines.
 *
 * Returns the number of valid entries.  A file with no entries and no
 * errors holds only comments and blank lines: there is nothing to do.
 */
unsigned int bind_conf_count(const char *buf, size_t len, unsigned int *errors);

/**
 * bind_conf_error_code - a short, stable token for @err ("bad-address").
 *
 * Used in the status file; never NULL ("unknown" for values out of range).
 */
const char *bind_conf_error_code(enum bind_conf_error err);

/**
 * bind_conf_error_text - an English sentence fragment for @err.
 *
 * Marked for translation with N_(): the setup program passes it to _(),
 * the binder logs it as it is.  Never NULL.
 */
const char *bind_conf_error_text(enum bind_conf_error err);

/**
 * bind_conf_format - write @e as one bind.conf line, newline included.
 * @e: the entry; address must be a valid ADDRESS, @e->have says which
 *     optional fields are written.
 * @buf: destination, NUL-terminated on success.
 * @size: size of @buf (BIND_CONF_FORMAT_SIZE always suffices).
 *
 * The line parses back to the same entry.  Returns its length, -EINVAL
 * when @e->address is not a valid address, or -ENOSPC when @buf is too small.
 */
int bind_conf_format(const struct bind_conf_entry *e, char *buf, size_t size);

/**
 * bind_conf_parse_address - check and normalise one ADDRESS.
 * @s: the characters (need not be NUL-terminated).
 * @n: how many.
 * @out: receives the lower-case address, NUL-terminated
 *       (BIND_CONF_ADDR_SIZE bytes).
 *
 * Returns 0 or -EINVAL.
 */
int bind_conf_parse_address(const char *s, size_t n, char out[BIND_CONF_ADDR_SIZE]);

/**
 * bind_conf_hex - value of a string of 1 to 8 hex digits (no prefix).
 * @s: the characters.
 * @n: how many.
 * @val: receives the value.
 *
 * Shared with the binder, which reads sysfs attributes such as "0x10de"
 * (strip the prefix first).  Returns 0 or -EINVAL.
 */
int bind_conf_hex(const char *s, size_t n, uint32_t *val);

#endif /* BIND_CONF_H */
