/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vmconfig — what `gpupt-setup --vm-config` hands to the VM: the card's
 * functions in address order, where each goes in the guest (a card with
 * several functions stays one multifunction device on one guest slot), and
 * what will stop the VM from starting or the guest from using the card: a
 * function not on vfio-pci, an IOMMU group that is not viable, no IOMMU
 * group at all, a BAR of 4 GiB or more that the VM firmware's 64-bit MMIO
 * window must hold.  The front end (tui/cli/vmconfig.c) words it as
 * libvirt XML, QEMU arguments or virt-install options.
 */
#ifndef GP_VMCONFIG_H
#define GP_VMCONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "card.h"
#include "gp_path.h"
#include "inventory.h"

/** One function given to the VM. */
struct gp_vm_function {
	char address[GP_PCI_ADDR_LEN];  /* on the host: "0000:01:00.0" */
	unsigned domain, bus, slot, func;
	size_t card;                    /* which card (host slot) of the selection, from 0 */
	unsigned guest_func;            /* its function number in the guest (0 first) */
	int multifunction;              /* 1 on guest function 0 of a card of several */
	int card_functions;             /* how many functions its card gives the VM */
};

/** What a warning is about. */
enum gp_vm_warn_code {
	GP_VM_W_NOT_VFIO,   /* @address is on @driver ("": none) instead of vfio-pci */
	GP_VM_W_NO_GROUP,   /* @address has no IOMMU group (@err: it could not be read) */
	GP_VM_W_GROUP,      /* @address's group @group is not viable: @member, not one
			       of the functions given, is on @driver */
	GP_VM_W_LARGE_BAR,  /* @address's BAR @bar is @size bytes, 4 GiB or more */
};

/** One warning; which fields are set depends on @code. */
struct gp_vm_warning {
	enum gp_vm_warn_code code;
	char address[GP_PCI_ADDR_LEN];
	char driver[GP_DRIVER_NAME_MAX];
	int err;
	int group;
	char member[GP_PCI_ADDR_LEN];
	int bar;
	uint64_t size;
};

/** The whole hand-off; release with gp_vm_config_free(). */
struct gp_vm_config {
	struct gp_vm_function *funcs;
	size_t n_funcs;
	size_t n_cards;
	struct gp_vm_warning *warns;
	size_t n_warns;
	/*
	 * > 0 when a BAR is 4 GiB or more: the smallest power of two, in MiB,
	 * that holds every 64-bit BAR of the functions (BARs are powers of two
	 * aligned to their size, so such a window packs them all); the VM
	 * firmware's 64-bit MMIO window should be at least this.
	 */
	uint64_t mmio64_mb;
};

/**
 * gp_vm_config_build - the hand-off for the functions @chosen marks
 * (one byte per inventory function), as @inv saw them.
 * Returns 0, -ENOENT when none is chosen, or -ENOMEM; @out is then empty.
 */
int gp_vm_config_build(const struct gp_inventory *inv, const char *chosen,
		       struct gp_vm_config *out);

/** gp_vm_config_free - release what gp_vm_config_build() filled (an empty one is fine). */
void gp_vm_config_free(struct gp_vm_config *c);

#endif
