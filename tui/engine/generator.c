/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The table of initramfs generators and the one choice between them
 * (generator.h).
 */
#include "generator.h"

#include <string.h>

const struct gp_generator_ops *const gp_generators[] = {
	&gp_generator_tools,
	&gp_generator_dracut,
	NULL,
};

const struct gp_generator_ops *gp_generator_by_name(const char *name)
{
	size_t i;

	for (i = 0; gp_generators[i]; i++)
		if (strcmp(gp_generators[i]->name, name) == 0)
			return gp_generators[i];
	return NULL;
}

const struct gp_generator_ops *gp_generator_choose(const struct gp_initramfs *ir,
						   struct gp_generator_choice *out)
{
	enum gp_generator_evidence best = GP_GENERATOR_ABSENT, e;
	const char *wrapper;
	size_t i;

	out->builds = out->runs = NULL;
	for (i = 0; gp_generators[i]; i++) {
		e = gp_generators[i]->detect(ir);
		/* Strictly stronger: on a tie the earlier entry keeps it. */
		if (e > best) {
			best = e;
			out->builds = gp_generators[i];
		}
	}
	if (!out->builds)
		return NULL;
	wrapper = out->builds->wrapped_by ? out->builds->wrapped_by(ir) : NULL;
	out->runs = wrapper ? gp_generator_by_name(wrapper) : NULL;
	if (!out->runs)
		out->runs = out->builds;
	return out->builds;
}

const struct gp_generator_ops *gp_generator_of_command(char *const *argv, const char *kver,
							char *buf, size_t size)
{
	size_t i;

	buf[0] = '\0';
	if (!argv || !argv[0] || !kver || !kver[0])
		return NULL;
	for (i = 0; gp_generators[i]; i++) {
		if (gp_generators[i]->command_image(argv, kver, buf, size))
			return gp_generators[i];
		buf[0] = '\0';
	}
	return NULL;
}

int gp_generator_image_path(const struct gp_generator_ops *g, const char *kver, char *buf,
			    size_t size)
{
	return (g ? g : gp_generators[0])->image_path(kver, buf, size);
}
