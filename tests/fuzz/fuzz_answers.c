/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness: the answers file (gp_answers_parse), then, when it
 * parses clean, resolving it against a small made-up inventory (two alike
 * GPUs, a GPU's audio function, a bridge), as `--answers` does.
 *
 * Besides the sanitizers' findings it checks what the front end relies on:
 * every error's texts are terminated strings, an error's line is one of the
 * file's lines, and an empty value is reported as such with a known key.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "inventory_data.h"

static struct gp_pci_dev devs[4];
static struct gp_inventory inv = { .devs = devs, .n_devs = 4 };

static void dev(struct gp_pci_dev *d, unsigned bus, unsigned func, uint32_t class_code,
		uint16_t vendor, uint16_t device)
{
	memset(d, 0, sizeof(*d));
	d->bus = bus;
	d->func = func;
	snprintf(d->address, sizeof(d->address), "0000:%02x:00.%u", bus, func);
	d->class_code = class_code;
	d->vendor = vendor;
	d->device = device;
	d->iommu_group = -1;
	d->boot_vga = -1;
	d->numa_node = -1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	dev(&devs[0], 0x00, 0, 0x060100, 0x8086, 0x7a04);   /* ISA bridge */
	dev(&devs[1], 0x01, 0, 0x030000, 0x10de, 0x2204);   /* GPU */
	dev(&devs[2], 0x01, 1, 0x040300, 0x10de, 0x1aef);   /* its audio */
	dev(&devs[3], 0x02, 0, 0x030000, 0x10de, 0x2204);   /* the same model again */
	return 0;
}

static size_t count_lines(const uint8_t *data, size_t size)
{
	size_t i, n = size && data[size - 1] != '\n';

	for (i = 0; i < size; i++)
		n += data[i] == '\n';
	return n;
}

static void check_errors(const struct gp_answers *a, size_t lines)
{
	size_t i;

	for (i = 0; i < a->n_errors; i++) {
		const struct gp_answers_error *e = &a->errors[i];

		if (!memchr(e->arg, '\0', sizeof(e->arg)) || !memchr(e->arg2, '\0', sizeof(e->arg2)))
			abort();
		if (e->line > lines || e->code < GP_ANSWERS_E_SYNTAX ||
		    e->code > GP_ANSWERS_E_EMPTY_VALUE)
			abort();
		/* An empty value names the key, which the message words by. */
		if (e->code == GP_ANSWERS_E_EMPTY_VALUE) {
			char word[GP_ANSWERS_ARG_MAX + 2];

			snprintf(word, sizeof(word), " %s ", e->arg);
			if (!strstr(" gpu functions iommu_pt kernels force reboot trial ", word))
				abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gp_answers a;
	size_t lines = count_lines(data, size);

	if (gp_answers_parse((const char *)data, size, &a) == 0) {
		check_errors(&a, lines);
		if (a.n_errors == 0 && gp_answers_resolve(&a, &inv) == 0)
			check_errors(&a, lines);
	}
	gp_answers_free(&a);
	return 0;
}
