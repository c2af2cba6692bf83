/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `--list --json`: schema_version 1, documented field by field in
 * gpupt-setup(8) (JSON SCHEMA).  Adding members is compatible; renaming,
 * removing or changing a member's type needs a new schema_version.
 * Nothing here is translated: fleet tooling parses it.
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "list.h"

static void unknown_entry(struct gp_json *j, const char *field, int err)
{
	const char *name = strerrorname_np(-err);
	const char *msg = gp_list_reason(err);

	gp_json_object_open(j, NULL);
	gp_json_string(j, "field", field);
	gp_json_string(j, "error", name ? name : "unknown");
	gp_json_string(j, "message", msg ? msg : (name ? name : "unknown"));
	gp_json_object_close(j);
}

/* {"id": "10de", "name": ...}; class ids are "0x" and six digits, others four. */
static void id_name(struct gp_json *j, const char *key, int is_class, unsigned id,
		    const char *name)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%s%0*x", is_class ? "0x" : "", is_class ? 6 : 4, id);
	gp_json_object_open(j, key);
	gp_json_string(j, "id", buf);
	gp_json_string(j, "name", name);
	gp_json_object_close(j);
}

static void addr_list(struct gp_json *j, const char *key, const struct gp_inventory *inv,
		      const size_t *idx, size_t n)
{
	gp_json_array_open(j, key);
	for (size_t i = 0; i < n; i++)
		gp_json_string(j, NULL, inv->devs[idx[i]].address);
	gp_json_array_close(j);
}

static const char *bar_type(enum gp_bar_type t)
{
	switch (t) {
	case GP_BAR_IO: return "io";
	case GP_BAR_MEM32: return "mem32";
	case GP_BAR_MEM64: return "mem64";
	}
	return "unknown";
}

static void gpu(struct gp_json *j, const struct gp_inventory *inv, const struct gp_gpu *g)
{
	gp_json_object_open(j, "gpu");
	addr_list(j, "slot_functions", inv, g->slot_functions, g->n_slot_functions);
	/* Which ones: the top-level "identical_gpus", listed once per model. */
	gp_json_uint(j, "identical_count", g->model ? g->model->n_devs - 1 : 0);
	gp_json_string(j, "drm_card", g->drm_card[0] ? g->drm_card : NULL);
	if (g->display_connected < 0)
		gp_json_null(j, "display_connected");
	else
		gp_json_bool(j, "display_connected", g->display_connected);
	gp_json_array_open(j, "connected_outputs");
	for (size_t i = 0; i < g->n_connected_outputs; i++)
		gp_json_string(j, NULL, g->connected_outputs[i]);
	gp_json_array_close(j);
	gp_json_object_close(j);
}

/* The device's identity: class, vendor, device, subsystem, revision. */
static void device_ids(struct gp_json *j, const struct gp_pci_dev *d)
{
	char buf[16];

	if (d->class_err)
		gp_json_null(j, "class");
	else
		id_name(j, "class", 1, d->class_code, d->class_name);
	if (d->vendor_err)
		gp_json_null(j, "vendor");
	else
		id_name(j, "vendor", 0, d->vendor, d->vendor_name);
	if (d->device_err)
		gp_json_null(j, "device");
	else
		id_name(j, "device", 0, d->device, d->device_name);
	if (d->subsys_err) {
		gp_json_null(j, "subsystem");
	} else {
		gp_json_object_open(j, "subsystem");
		id_name(j, "vendor", 0, d->subsys_vendor, d->subsys_vendor_name);
		id_name(j, "device", 0, d->subsys_device, d->subsys_name);
		gp_json_object_close(j);
	}
	if (d->revision_err) {
		gp_json_null(j, "revision");
	} else {
		snprintf(buf, sizeof(buf), "%02x", (unsigned)d->revision);
		gp_json_string(j, "revision", buf);
	}
}

/* Its BARs: index, size, type, prefetchable, above 4 GiB. */
static void device_bars(struct gp_json *j, const struct gp_pci_dev *d)
{
	if (d->bars_err) {
		gp_json_null(j, "bars");
	} else {
		gp_json_array_open(j, "bars");
		for (size_t i = 0; i < d->n_bars; i++) {
			const struct gp_bar *b = &d->bars[i];

			gp_json_object_open(j, NULL);
			gp_json_int(j, "index", b->index);
			gp_json_uint(j, "size", b->size);
			gp_json_string(j, "type", bar_type(b->type));
			gp_json_bool(j, "prefetchable", b->prefetchable);
			gp_json_bool(j, "above_4g", b->above_4g);
			gp_json_object_close(j);
		}
		gp_json_array_close(j);
	}
}

static void device(struct gp_json *j, const struct gp_inventory *inv, const struct gp_pci_dev *d)
{
	gp_json_object_open(j, NULL);
	gp_json_string(j, "address", d->address);
	device_ids(j, d);
	gp_json_string(j, "driver", d->driver[0] ? d->driver : NULL);
	if (d->modules_err) {
		gp_json_null(j, "modules");
	} else {
		gp_json_array_open(j, "modules");
		for (size_t i = 0; i < d->n_modules; i++)
			gp_json_string(j, NULL, d->modules[i]);
		gp_json_array_close(j);
	}
	if (!d->group) {
		gp_json_null(j, "iommu_group");
	} else {
		gp_json_object_open(j, "iommu_group");
		gp_json_int(j, "id", d->group->id);
		gp_json_array_open(j, "members");
		for (size_t i = 0; i < d->group->n_members; i++)
			gp_json_string(j, NULL, d->group->members[i]);
		gp_json_array_close(j);
		gp_json_object_close(j);
	}
	if (d->boot_vga < 0)
		gp_json_null(j, "boot_vga");
	else
		gp_json_bool(j, "boot_vga", d->boot_vga);
	if (d->numa_node < 0)
		gp_json_null(j, "numa_node");
	else
		gp_json_int(j, "numa_node", d->numa_node);
	device_bars(j, d);
	if (d->gpu)
		gpu(j, inv, d->gpu);
	else
		gp_json_null(j, "gpu");
	gp_json_array_open(j, "unknown");
	for (size_t i = 0; i < d->n_unknown; i++)
		unknown_entry(j, d->unknown[i].field, d->unknown[i].err);
	gp_json_array_close(j);
	gp_json_object_close(j);
}

void gp_list_json(const struct gp_inventory *inv, FILE *out)
{
	struct gp_json j;

	gp_json_init(&j, out);
	gp_json_object_open(&j, NULL);
	gp_json_int(&j, "schema_version", 1);
	gp_json_string(&j, "kernel", inv->kernel[0] ? inv->kernel : NULL);
	gp_json_bool(&j, "names_available", inv->names_available);
	gp_json_array_open(&j, "unknown");
	if (inv->kernel_err)
		unknown_entry(&j, "kernel", inv->kernel_err);
	else if (inv->modules_err)
		unknown_entry(&j, "modules", inv->modules_err);
	gp_json_array_close(&j);
	gp_json_array_open(&j, "identical_gpus");
	for (size_t i = 0; i < inv->n_gpu_models; i++) {
		const struct gp_gpu_model *m = &inv->gpu_models[i];

		if (m->n_devs < 2)
			continue;
		gp_json_object_open(&j, NULL);
		id_name(&j, "vendor", 0, m->vendor, inv->devs[m->devs[0]].vendor_name);
		id_name(&j, "device", 0, m->device, inv->devs[m->devs[0]].device_name);
		addr_list(&j, "gpus", inv, m->devs, m->n_devs);
		gp_json_object_close(&j);
	}
	gp_json_array_close(&j);
	gp_json_array_open(&j, "devices");
	for (size_t i = 0; i < inv->n_devs; i++)
		device(&j, inv, &inv->devs[i]);
	gp_json_array_close(&j);
	gp_json_object_close(&j);
	gp_json_finish(&j);
}
