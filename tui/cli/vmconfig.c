/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `--vm-config [--format libvirt|qemu|virt-install] [ADDRESS]`: the card's
 * functions as the VM's configuration wants them, on stdout so it can be
 * pasted as is; what stands in the way (tui/engine/vmconfig.h) on stderr.
 *
 * A card of several functions must stay one multifunction device in the
 * guest (its driver expects the audio or USB function next to the GPU), so
 * its functions get explicit guest addresses: bus 0, one slot per such card
 * from GUEST_SLOT0 up, function 0 marked multifunction.  A card of one
 * function is left for libvirt or QEMU to place.  Slot 0x10 and up is free
 * on both QEMU machine types (q35 and i440fx put their own devices low and
 * at 0x1f); the man page says to move them if the VM uses those slots.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gp_paths.h"
#include "nls.h"
#include "vmconfig.h"

#define GUEST_SLOT0 0x10u

int gp_cli_vm_format_parse(const char *s, enum gp_vm_format *out)
{
	static const char *const names[] = { "libvirt", "qemu", "virt-install" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum gp_vm_format)i;
			return 0;
		}
	return -EINVAL;
}

/* The guest slot of @f: its card's number among the cards that need one. */
static unsigned guest_slot(const struct gp_vm_config *c, const struct gp_vm_function *f)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < c->n_funcs && c->funcs[i].card < f->card; i++)
		n += c->funcs[i].multifunction;
	return GUEST_SLOT0 + n;
}

static void libvirt_one(FILE *out, const struct gp_vm_config *c, const struct gp_vm_function *f)
{
	fputs("<hostdev mode='subsystem' type='pci' managed='no'>\n", out);
	fprintf(out, "  <source>\n    <address domain='0x%04x' bus='0x%02x' slot='0x%02x' "
		"function='0x%x'/>\n  </source>\n", f->domain, f->bus, f->slot, f->func);
	if (f->card_functions > 1)
		fprintf(out, "  <address type='pci' domain='0x0000' bus='0x00' slot='0x%02x' "
			"function='0x%x'%s/>\n", guest_slot(c, f), f->guest_func,
			f->multifunction ? " multifunction='on'" : "");
	fputs("</hostdev>\n", out);
}

static void qemu_one(FILE *out, const struct gp_vm_config *c, const struct gp_vm_function *f)
{
	fprintf(out, "-device vfio-pci,host=%s", f->address);
	if (f->multifunction)
		fputs(",multifunction=on", out);
	if (f->card_functions > 1)
		fprintf(out, ",addr=%02x.%x", guest_slot(c, f), f->guest_func);
}

static void virt_install_one(FILE *out, const struct gp_vm_config *c,
			     const struct gp_vm_function *f)
{
	fprintf(out, "--host-device %s", f->address);
	if (f->card_functions > 1)
		fprintf(out, ",address.type=pci,address.domain=0x0000,address.bus=0x00,"
			"address.slot=0x%02x,address.function=0x%x%s", guest_slot(c, f),
			f->guest_func, f->multifunction ? ",address.multifunction=on" : "");
	/* virt-install has no managed= of its own (4.1): set the attribute itself. */
	fputs(",xpath1.set=./@managed=no", out);
}

static void render(FILE *out, const struct gp_vm_config *c, enum gp_vm_format fmt)
{
	size_t i;

	for (i = 0; i < c->n_funcs; i++) {
		const struct gp_vm_function *f = &c->funcs[i];

		switch (fmt) {
		case GP_VM_FORMAT_LIBVIRT:
			libvirt_one(out, c, f);
			continue;
		case GP_VM_FORMAT_QEMU:
			qemu_one(out, c, f);
			break;
		case GP_VM_FORMAT_VIRT_INSTALL:
			virt_install_one(out, c, f);
			break;
		}
		/* Shell continuation lines: the arguments paste into one command. */
		fputs(i + 1 < c->n_funcs ? " \\\n" : "\n", out);
	}
}

static void size_text(char *buf, size_t n, uint64_t bytes)
{
	if (bytes % (UINT64_C(1) << 30) == 0)
		snprintf(buf, n, "%" PRIu64 " GiB", bytes >> 30);
	else
		snprintf(buf, n, "%" PRIu64 " MiB", bytes >> 20);
}

static void warn_one(const struct gp_vm_warning *w)
{
	char size[32];

	fputs(_("gpupt-setup: warning: "), stderr);
	switch (w->code) {
	case GP_VM_W_NOT_VFIO:
		if (w->driver[0])
			fprintf(stderr, _("%s is on %s, not vfio-pci: the VM cannot start with it "
					  "until it is (reboot after gpupt-setup has configured it, "
					  "or: gpupt-setup --bind-now)\n"), w->address, w->driver);
		else
			fprintf(stderr, _("%s has no driver, not vfio-pci: the VM cannot start with "
					  "it until it is (reboot after gpupt-setup has configured "
					  "it, or: gpupt-setup --bind-now)\n"), w->address);
		break;
	case GP_VM_W_NO_GROUP:
		if (w->err)
			fprintf(stderr, _("the IOMMU group of %s could not be read (%s)\n"),
				w->address, strerror(-w->err));
		else
			fprintf(stderr, _("%s has no IOMMU group: the IOMMU is off or absent, and "
					  "no VM can be given the card (gpupt-setup --check says "
					  "what to change)\n"), w->address);
		break;
	case GP_VM_W_GROUP:
		fprintf(stderr, _("IOMMU group %d of %s is not viable: %s, also in it, is on %s; "
				  "every device of the group must be on vfio-pci, pci-stub or no "
				  "driver (bridges aside) before the VM can start\n"),
			w->group, w->address, w->member, w->driver);
		break;
	case GP_VM_W_LARGE_BAR:
		size_text(size, sizeof(size), w->size);
		/* TRANSLATORS: "0000:d0:00.0: BAR1 is 32 GiB: ..." */
		fprintf(stderr, _("%s: BAR%d is %s: the VM firmware must map it in its 64-bit "
				  "MMIO window\n"), w->address, w->bar, size);
		break;
	}
}

/*
 * How to give OVMF a 64-bit MMIO window of @mb MiB.  OVMF (edk2
 * OvmfPkg/PlatformPei) reads the size from the fw_cfg file
 * opt/ovmf/X-PciMmio64Mb; libvirt sets a fw_cfg file with
 * <sysinfo type='fwcfg'> (libvirt 6.5.0 and later), virt-install with
 * --sysinfo type=fwcfg (checked: virt-install 4.1 --print-xml writes that
 * element).
 */
static void mmio_advice(uint64_t mb, enum gp_vm_format fmt)
{
	fprintf(stderr, _("gpupt-setup: give the VM firmware (OVMF) a 64-bit MMIO window of at "
			  "least %" PRIu64 " MiB:\n"), mb);
	switch (fmt) {
	case GP_VM_FORMAT_LIBVIRT:
		fprintf(stderr, "  <sysinfo type='fwcfg'><entry name='opt/ovmf/X-PciMmio64Mb'>"
			"%" PRIu64 "</entry></sysinfo>\n", mb);
		fprintf(stderr, "%s\n", _("  (in the <domain> element, next to <os>)"));
		break;
	case GP_VM_FORMAT_QEMU:
		fprintf(stderr, "  -fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=%" PRIu64 "\n", mb);
		break;
	case GP_VM_FORMAT_VIRT_INSTALL:
		fprintf(stderr, "  --sysinfo type=fwcfg,entry0.name=opt/ovmf/X-PciMmio64Mb,"
			"entry0=%" PRIu64 "\n", mb);
		break;
	}
}

static void choice_error(const char *spec, int r, const struct gp_card_choice *why)
{
	if (r == -EINVAL) {
		const struct gp_card_match *m = &why->match;

		if (m->err == GP_CARD_E_BAD)
			fprintf(stderr, _("gpupt-setup: '%s' is not a card: give its bus address "
					  "(0000:01:00.0 or 01:00.0) or its vendor:device "
					  "(10de:24b0)\n"), spec);
		else if (m->err == GP_CARD_E_AMBIGUOUS)
			fprintf(stderr, _("gpupt-setup: several cards are %s (%s): name one by its "
					  "bus address\n"), spec, m->matches);
		else if (m->address[0])
			fprintf(stderr, _("gpupt-setup: this machine has no PCI function %s "
					  "(gpupt-setup --list shows them)\n"), m->address);
		else
			fprintf(stderr, _("gpupt-setup: this machine has no card %s "
					  "(gpupt-setup --list shows them)\n"), spec);
	} else if (r == -ENOENT && why->missing[0]) {
		fprintf(stderr, _("gpupt-setup: %s, listed in %s, is not on this machine; name "
				  "the card: gpupt-setup --vm-config ADDRESS\n"),
			why->missing, GP_BIND_CONF_PATH);
	} else if (r == -ENOENT) {
		fprintf(stderr, _("gpupt-setup: no card is configured for passthrough (%s lists "
				  "none): name one, as in gpupt-setup --vm-config 0000:01:00.0 "
				  "(gpupt-setup --list shows them)\n"), GP_BIND_CONF_PATH);
	} else {
		gp_cli_errmsg(spec ? _("building the VM configuration") : GP_BIND_CONF_PATH, r);
	}
}

static int vm_config(struct gp_cli *cli, FILE *out, const struct gp_inventory *inv,
		     char *chosen)
{
	struct gp_card_choice why;
	struct gp_vm_config c;
	size_t i;
	int r = gp_card_choose(&cli->path, inv, cli->address, chosen, &why);

	if (r < 0) {
		choice_error(cli->address, r, &why);
		return GP_EXIT_ERROR;
	}
	r = gp_vm_config_build(inv, chosen, &c);
	if (r < 0) {
		gp_cli_errmsg(_("building the VM configuration"), r);
		return GP_EXIT_ERROR;
	}
	render(out, &c, cli->vm_format);
	for (i = 0; i < c.n_warns; i++)
		warn_one(&c.warns[i]);
	if (c.mmio64_mb)
		mmio_advice(c.mmio64_mb, cli->vm_format);
	gp_vm_config_free(&c);
	return GP_EXIT_OK;
}

int gp_cli_vm_config(struct gp_cli *cli, FILE *out)
{
	struct gp_inventory *inv = NULL;
	char *chosen;
	int status;

	if (gp_cli_inventory(cli, &inv) < 0)
		return GP_EXIT_ERROR;
	chosen = calloc(inv->n_devs + 1, 1);
	if (!chosen) {
		gp_inventory_free(inv);
		gp_cli_errmsg(_("building the VM configuration"), -ENOMEM);
		return GP_EXIT_ERROR;
	}
	status = vm_config(cli, out, inv, chosen);
	free(chosen);
	gp_inventory_free(inv);
	return status;
}
