/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `--list`: one line per PCI function, GPUs (and functions with something
 * to say) followed by indented detail lines, then a short legend.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "cli.h"
#include "bar.h"
#include "list.h"
#include "nls.h"

#define CELL 160
/* Beyond this many, a table row says "and N more" (--json lists all, once). */
#define IDENTICAL_SHOWN 8

enum { COL_ADDR, COL_CLASS, COL_IDS, COL_DRIVER, COL_GROUP, COL_NUMA, COL_NAME, NCOLS };

static const char *reason_text(int err)
{
	const char *r = gp_list_reason(err);

	return r ? _(r) : strerror(-err);
}

static void unknown_cell(char *buf, int err)
{
	/* TRANSLATORS: a value that could not be read; %s says why. */
	snprintf(buf, CELL, _("unknown (%s)"), reason_text(err));
}

/* Display width of a UTF-8 string (translations may not be ASCII). */
static int text_width(const char *s)
{
	wchar_t w[CELL];
	size_t n = mbstowcs(w, s, CELL);
	int width;

	if (n == (size_t)-1 || n >= CELL)
		return (int)strlen(s);
	width = wcswidth(w, n);
	return width < 0 ? (int)strlen(s) : width;
}

static void cells(const struct gp_pci_dev *d, char c[NCOLS][CELL])
{
	snprintf(c[COL_ADDR], CELL, "%s", d->address);

	if (d->class_err)
		unknown_cell(c[COL_CLASS], d->class_err);
	else if (d->class_name)
		snprintf(c[COL_CLASS], CELL, "%s", d->class_name);
	else
		snprintf(c[COL_CLASS], CELL, "0x%06" PRIx32, d->class_code);

	if (d->vendor_err || d->device_err) {
		char v[8] = "????", dv[8] = "????";

		if (!d->vendor_err)
			snprintf(v, sizeof(v), "%04x", d->vendor);
		if (!d->device_err)
			snprintf(dv, sizeof(dv), "%04x", d->device);
		snprintf(c[COL_IDS], CELL, "%s:%s", v, dv);
	} else {
		snprintf(c[COL_IDS], CELL, "%04x:%04x", d->vendor, d->device);
	}

	if (d->driver_err)
		unknown_cell(c[COL_DRIVER], d->driver_err);
	else
		snprintf(c[COL_DRIVER], CELL, "%s", d->driver[0] ? d->driver : "-");

	if (d->iommu_group_err)
		unknown_cell(c[COL_GROUP], d->iommu_group_err);
	else if (d->group)
		snprintf(c[COL_GROUP], CELL, "%d", d->group->id);
	else
		snprintf(c[COL_GROUP], CELL, "-");

	if (d->numa_node_err)
		unknown_cell(c[COL_NUMA], d->numa_node_err);
	else if (d->numa_node >= 0)
		snprintf(c[COL_NUMA], CELL, "%d", d->numa_node);
	else
		snprintf(c[COL_NUMA], CELL, "-");

	if (d->vendor_name && d->device_name)
		snprintf(c[COL_NAME], CELL, "%s %s", d->vendor_name, d->device_name);
	else if (d->vendor_name)
		snprintf(c[COL_NAME], CELL, "%s", d->vendor_name);
	else
		snprintf(c[COL_NAME], CELL, "-");
}

static void print_row(FILE *out, char c[NCOLS][CELL], const int width[NCOLS])
{
	for (int i = 0; i < NCOLS; i++) {
		if (i == NCOLS - 1) {
			fprintf(out, "%s\n", c[i]);
			break;
		}
		fputs(c[i], out);
		for (int w = text_width(c[i]); w < width[i] + 2; w++)
			fputc(' ', out);
	}
}

/* "32 GiB", "16 MiB", "256 bytes": BAR sizes are powers of two. */
static void format_size(char *buf, size_t size, uint64_t bytes)
{
	static const char *const unit[] = { "KiB", "MiB", "GiB", "TiB", "PiB" };
	int u = -1;

	while (bytes >= 1024 && bytes % 1024 == 0 && u < 4) {
		bytes /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, size, P_("%" PRIu64 " byte", "%" PRIu64 " bytes", bytes), bytes);
	else
		snprintf(buf, size, "%" PRIu64 " %s", bytes, unit[u]);
}

static void list_addresses(FILE *out, const struct gp_inventory *inv, const size_t *idx, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct gp_pci_dev *o = &inv->devs[idx[i]];

		fprintf(out, "%s%s", i ? ", " : "", o->address);
		if (o->class_name)
			fprintf(out, " (%s)", o->class_name);
	}
	fputc('\n', out);
}

static int has_unknown(const struct gp_pci_dev *d, const char *field)
{
	for (size_t i = 0; i < d->n_unknown; i++)
		if (strcmp(d->unknown[i].field, field) == 0)
			return 1;
	return 0;
}

static void gpu_details(FILE *out, const struct gp_inventory *inv, const struct gp_pci_dev *d)
{
	const struct gp_gpu *g = d->gpu;

	if (d->modules_err && d->modules_err == inv->modules_err && !has_unknown(d, "modules"))
		fprintf(out, "    %s %s\n", _("kernel modules:"), _("unknown (see below)"));
	else if (d->modules_err)
		fprintf(out, "    %s %s\n", _("kernel modules:"), reason_text(d->modules_err));
	else if (d->n_modules) {
		fprintf(out, "    %s ", _("kernel modules:"));
		for (size_t i = 0; i < d->n_modules; i++)
			fprintf(out, "%s%s", i ? ", " : "", d->modules[i]);
		fputc('\n', out);
	} else {
		fprintf(out, "    %s %s\n", _("kernel modules:"), _("none match"));
	}

	fprintf(out, "    %s ", _("slot functions:"));
	if (g->n_slot_functions)
		list_addresses(out, inv, g->slot_functions, g->n_slot_functions);
	else
		fprintf(out, "%s\n", _("none"));

	if (d->group) {
		/* TRANSLATORS: "IOMMU group 14: 0000:01:00.0, 0000:01:00.1" */
		fprintf(out, "    ");
		fprintf(out, _("IOMMU group %d:"), d->group->id);
		for (size_t i = 0; i < d->group->n_members; i++)
			fprintf(out, "%s%s", i ? ", " : " ", d->group->members[i]);
		fputc('\n', out);
	} else if (!d->iommu_group_err) {
		fprintf(out, "    %s\n", _("IOMMU group: none (the IOMMU is off or absent)"));
	}

	if (d->boot_vga == 1)
		fprintf(out, "    %s\n", _("boot display: yes (the firmware's console is on it)"));
	else if (d->boot_vga == 0)
		fprintf(out, "    %s\n", _("boot display: no"));
	else if (!d->boot_vga_err)
		fprintf(out, "    %s\n", _("boot display: no (not a VGA device)"));

	if (g->display_connected == 1) {
		fprintf(out, "    %s (%s:", _("monitor connected: yes"), g->drm_card);
		for (size_t i = 0; i < g->n_connected_outputs; i++)
			fprintf(out, " %s", g->connected_outputs[i]);
		fprintf(out, ")\n");
	} else if (g->display_connected == 0) {
		fprintf(out, "    %s (%s)\n", _("monitor connected: no"), g->drm_card);
	} else if (g->drm_card[0]) {
		fprintf(out, "    %s (%s)\n", _("monitor connected: unknown"),
			_("its DRM device reports no connectors"));
	} else {
		fprintf(out, "    %s (%s)\n", _("monitor connected: unknown"),
			_("no DRM device; the driver in use does not say"));
	}

	if (g->model && g->model->n_devs > 1) {
		const struct gp_gpu_model *m = g->model;
		size_t shown = 0;

		fprintf(out, "    %s", _("identical cards:"));
		for (size_t i = 0; i < m->n_devs && shown < IDENTICAL_SHOWN; i++) {
			if (&inv->devs[m->devs[i]] == d)
				continue;
			fprintf(out, "%s %s", shown ? "," : "", inv->devs[m->devs[i]].address);
			shown++;
		}
		if (m->n_devs - 1 > shown)
			fprintf(out, P_(" and %zu more", " and %zu more", m->n_devs - 1 - shown),
				m->n_devs - 1 - shown);
		fprintf(out, "\n      ");
		fprintf(out, _("(same %04x:%04x: vfio-pci.ids cannot tell them apart; bind by address)"),
			d->vendor, d->device);
		fputc('\n', out);
	}
}

static void common_details(FILE *out, const struct gp_pci_dev *d)
{
	for (long i = gp_dev_next_large_bar(d, 0); i >= 0;
	     i = gp_dev_next_large_bar(d, (size_t)i + 1)) {
		const struct gp_bar *b = &d->bars[i];
		char size[32];

		format_size(size, sizeof(size), b->size);
		fprintf(out, "    ");
		/* TRANSLATORS: "large BAR: BAR1 32 GiB (needs ...)" */
		fprintf(out, _("large BAR: BAR%d %s (needs Above 4G decoding in firmware)"),
			b->index, size);
		fputc('\n', out);
	}
	if (d->n_unknown) {
		fprintf(out, "    %s", _("unknown:"));
		for (size_t i = 0; i < d->n_unknown; i++)
			fprintf(out, "%s %s (%s)", i ? "," : "", d->unknown[i].field,
				reason_text(d->unknown[i].err));
		fputc('\n', out);
	}
}

static void legend(FILE *out, const struct gp_inventory *inv)
{
	fputc('\n', out);
	fprintf(out, "%s\n", _("GROUP: IOMMU group (\"-\": none; the IOMMU is off or absent). "
			       "NUMA: node (\"-\": none)."));
	if (inv->kernel_err)
		fprintf(out, _("Kernel modules: unknown (running kernel: %s).\n"),
			reason_text(inv->kernel_err));
	else if (inv->modules_err)
		fprintf(out, _("Kernel modules: unknown (modules of %s: %s).\n"),
			inv->kernel, reason_text(inv->modules_err));
	else
		fprintf(out, _("Kernel modules are those of the running kernel, %s.\n"), inv->kernel);
	if (!inv->names_available)
		fprintf(out, "%s\n", _("No pci.ids on this system: names are not shown."));
}

static void table(const struct gp_inventory *inv, FILE *out)
{
	char c[NCOLS][CELL];
	int width[NCOLS];
	const char *head[NCOLS] = {
		_("ADDRESS"), _("CLASS"), _("VENDOR:DEVICE"), _("DRIVER"),
		_("GROUP"), _("NUMA"), _("NAME"),
	};

	for (int i = 0; i < NCOLS; i++) {
		snprintf(c[i], CELL, "%s", head[i]);
		width[i] = text_width(head[i]);
	}
	for (size_t k = 0; k < inv->n_devs; k++) {
		char r[NCOLS][CELL];

		cells(&inv->devs[k], r);
		for (int i = 0; i < NCOLS; i++) {
			int w = text_width(r[i]);

			if (w > width[i])
				width[i] = w;
		}
	}
	print_row(out, c, width);
	for (size_t k = 0; k < inv->n_devs; k++) {
		const struct gp_pci_dev *d = &inv->devs[k];

		cells(d, c);
		print_row(out, c, width);
		if (d->gpu)
			gpu_details(out, inv, d);
		common_details(out, d);
	}
	legend(out, inv);
}

int gp_cli_inventory(struct gp_cli *cli, struct gp_inventory **inv)
{
	int r = gp_inventory_build(&cli->path, inv);

	if (r < 0)
		gp_cli_errmsg(r == -EINVAL ? _("cannot read the PCI inventory "
					       "(a corrupt entry in /sys/bus/pci/devices)")
					   : _("cannot read the PCI inventory (/sys/bus/pci/devices)"),
			      r);
	return r;
}

int gp_cli_list(struct gp_cli *cli, FILE *out)
{
	struct gp_inventory *inv;

	if (gp_cli_inventory(cli, &inv) < 0)
		return GP_EXIT_ERROR;
	if (cli->json)
		gp_list_json(inv, out);
	else
		table(inv, out);
	gp_inventory_free(inv);
	return GP_EXIT_OK;
}
