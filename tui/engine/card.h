/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * card — naming a card: resolving what a person wrote ("0000:01:00.0",
 * "01:00.0", or "10de:24b0" when only one card is that model) against the
 * inventory, the functions of a card's slot, and the functions the
 * persistent configuration (/etc/gpupt/bind.conf) names.  The answers
 * file's `gpu`, --bind-now, --unbind-now and --vm-config all name a card
 * this way, so each decides it here once.
 */
#ifndef GP_CARD_H
#define GP_CARD_H

#include <stddef.h>
#include <stdint.h>

#include "addr_list.h"
#include "gp_path.h"
#include "inventory.h"
#include "report.h"

/** Why a card name did not resolve. */
enum gp_card_err {
	GP_CARD_OK = 0,
	GP_CARD_E_BAD,        /* neither a bus address nor vendor:device */
	GP_CARD_E_NO_SUCH,    /* no such function, or no card of that model */
	GP_CARD_E_NOT_A_GPU,  /* GPUs only, and the address is not one: class in @class */
	GP_CARD_E_AMBIGUOUS,  /* several cards are that model: in @matches */
};

/** Where a card name led. */
struct gp_card_match {
	enum gp_card_err err;
	char address[GP_PCI_ADDR_LEN]; /* GP_CARD_OK: the function; E_NO_SUCH: the address
					  asked for, "" for a vendor:device */
	long index;                    /* GP_CARD_OK: its index in the inventory, else -1 */
	char class_code[16];           /* E_NOT_A_GPU: "0x010601", or "unknown" */
	char matches[256];             /* E_AMBIGUOUS: the cards' addresses, ", "-separated */
};

/**
 * gp_card_parse_address - @s (@n bytes, not NUL-terminated) as a bus address:
 * "dddd:bb:dd.f", or "bb:dd.f" as lspci prints it (domain 0000).  @out gets
 * the full lower-case form.  0, or -EINVAL.
 */
int gp_card_parse_address(const char *s, size_t n, char out[GP_PCI_ADDR_LEN]);

/** gp_card_parse_ids - "10de:24b0" (four hex digits each side) into @vendor, @device. 0 or -EINVAL. */
int gp_card_parse_ids(const char *s, size_t n, uint16_t *vendor, uint16_t *device);

/**
 * gp_card_resolve - the function @spec names in @inv.
 * @gpus_only: 1: the name must lead to a display-class function (the
 *	answers file's gpu); 0: any function (a vendor:device then matches
 *	any class, and must still be unique).
 * @out: filled; look at @out->err.
 * Returns 0, or -ENOMEM.
 */
int gp_card_resolve(const struct gp_inventory *inv, const char *spec, int gpus_only,
		    struct gp_card_match *out);

/**
 * gp_card_report - append to @r (topic -1, GP_ROLE_SUMMARY) why @spec did
 * not resolve, as @m says (nothing for GP_CARD_OK).  0 or -ENOMEM.
 */
int gp_card_report(const struct gp_card_match *m, const char *spec, struct gp_report *r);

/**
 * gp_card_mark_slot - set @chosen[i] (one byte per inventory function) for
 * every function in the slot of inventory function @k.
 */
void gp_card_mark_slot(const struct gp_inventory *inv, long k, char *chosen);

/**
 * gp_card_configured - the functions /etc/gpupt/bind.conf lists, in file
 * order, added to @out.  An absent file lists none.  @rejected (may be
 * NULL) gets the number of lines gpupt-bind would ignore.  Returns 0 or
 * -errno reading the file (-ENOENT is not one: none listed).
 */
int gp_card_configured(const struct gp_path *p, struct gp_addr_list *out, unsigned int *rejected);

/**
 * gp_card_driver_now - the driver function @address is bound to now, read
 * from its sysfs driver link in root @p, into @buf ("" for none or
 * unreadable).  The kernel's word, not the inventory's earlier reading.
 */
void gp_card_driver_now(const struct gp_path *p, const char *address, char *buf, size_t size);

/** What keeps an IOMMU group from being given to a VM. */
struct gp_group_blocker {
	char address[GP_PCI_ADDR_LEN];  /* the first member on a host driver, or "" */
	char driver[GP_DRIVER_NAME_MAX]; /* its driver */
};

/**
 * gp_card_group_viable - 1 when a VM can be given group @g as @inv saw it:
 * every member that is not a bridge is on vfio-pci, pci-stub or no driver
 * (the one rule VFIO applies: a group is usable only when all of it is).
 * 0 otherwise, with the first member on a host driver in @why (may be
 * NULL).  A member whose driver could not be read counts as on a host
 * driver, named "unknown".
 */
int gp_card_group_viable(const struct gp_inventory *inv, const struct gp_iommu_group *g,
			 struct gp_group_blocker *why);

/** Why gp_card_choose() found no function. */
struct gp_card_choice {
	struct gp_card_match match;     /* a card was named: where the name led */
	char missing[GP_PCI_ADDR_LEN];  /* none named: a configured function not on
					   this machine, or "" */
	unsigned int rejected;          /* none named: bind.conf lines gpupt-bind ignores */
};

/**
 * gp_card_choose - which functions a command acts on (--bind-now,
 * --unbind-now, --vm-config): the slot of the card @spec names (any class:
 * gp_card_resolve(), then gp_card_mark_slot()), or, with @spec NULL, the
 * functions /etc/gpupt/bind.conf lists.
 * @chosen: one byte per inventory function, zeroed then set for each.
 * @why: filled; says what went wrong.
 * Returns 0 (at least one chosen), -EINVAL (@spec did not resolve:
 * @why->match.err), -ENOENT (nothing configured, or @why->missing is a
 * configured function the machine does not have), or -errno.
 */
int gp_card_choose(const struct gp_path *p, const struct gp_inventory *inv, const char *spec,
		   char *chosen, struct gp_card_choice *why);

#endif
