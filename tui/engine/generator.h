/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * generator — the initramfs generators gpupt-setup can drive, one table of
 * back ends in the spirit of pciutils' pci_methods.
 *
 * Each entry (generator_<name>.c) says how to tell from the probe facts
 * (struct gp_initramfs, bootcfg.h) that it builds the images, which of
 * gpupt-setup's files must be installed for it to put gpupt-bind in an
 * image, the command that rebuilds the image of kernel K, where that image
 * is, and how to read an image back (image_verify.c).  What is the same for
 * every generator (the binder's names in an image, bind.conf's place in it,
 * the GPUPT_UPDATE_INITRAMFS override of the program) stays outside.
 * The choice between generators is made once, by gp_generator_choose().
 * Adding a generator: its generator_<name>.c, one line of the table in
 * generator.c, and its tests.
 */
#ifndef GP_GENERATOR_H
#define GP_GENERATOR_H

#include <stddef.h>

#include "bootcfg.h"

struct gp_plan_options;

/* Room for a rebuild command: the program, its arguments, the NULL. */
#define GP_GENERATOR_ARGV_MAX 6

/** How strongly the probe names a generator (gp_generator_ops.detect). */
enum gp_generator_evidence {
	GP_GENERATOR_ABSENT = 0,    /* nothing of it is there */
	GP_GENERATOR_PROGRAM,       /* only its program is installed */
	GP_GENERATOR_PROBED,        /* the probe found it builds the images */
};

/** How a generator's images are read back (image_verify.c runs it). */
enum gp_image_reading {
	GP_IMAGE_EXTRACT,   /* READER IMAGE DIR unpacks every archive of the image */
	GP_IMAGE_LIST,      /* READER IMAGE lists it, READER -f NAME IMAGE prints NAME */
};

/** One initramfs generator. */
struct gp_generator_ops {
	const char *name;                 /* "initramfs-tools", "dracut" */
	/** detect - how strongly @ir names this generator. */
	enum gp_generator_evidence (*detect)(const struct gp_initramfs *ir);
	/**
	 * wrapped_by - the name of the generator whose command runs this one
	 * on @ir (Ubuntu's update-initramfs runs dracut), or NULL: its own.
	 */
	const char *(*wrapped_by)(const struct gp_initramfs *ir);
	/* What must be installed: the hook whose ${GPUPT_BIND_BIN:-PATH} names
	 * the binder it copies, and the script that runs gpupt-bind at boot. */
	const char *hook;
	const char *boot_script;
	/**
	 * rebuild_argv - the command rebuilding @image, the image of kernel
	 * @kver, into @argv (GP_GENERATOR_ARGV_MAX entries, NULL-terminated;
	 * the strings are @kver, @image or constants; at most four arguments,
	 * what the plan passes on).  argv[0] is the program, the one
	 * GPUPT_UPDATE_INITRAMFS replaces.
	 */
	void (*rebuild_argv)(const char *kver, const char *image, const char **argv);
	/** image_path - the image of kernel @kver into @buf.  0 or -ENAMETOOLONG. */
	int (*image_path)(const char *kver, char *buf, size_t size);
	/**
	 * command_image - is @argv (of a command for kernel @kver) this
	 * generator's rebuild?  Read from the arguments, which stay when the
	 * program is replaced.  1 with the image's path in @buf, else 0.
	 */
	int (*command_image)(char *const *argv, const char *kver, char *buf, size_t size);
	/* Reading an image back. */
	enum gp_image_reading reading;
	const char *reader;               /* the root's own reader program */
	const char *reader_package;       /* the package that ships it */
	/** reader_override - the reader @opt puts instead (NULL or "": none). */
	const char *(*reader_override)(const struct gp_plan_options *opt);
	const char *const *script_names;  /* the boot script's names in an image, NULL-ended */
};

extern const struct gp_generator_ops gp_generator_tools;
extern const struct gp_generator_ops gp_generator_dracut;

/** The table, NULL-terminated; earlier entries win a tie of evidence. */
extern const struct gp_generator_ops *const gp_generators[];

/** The generators that serve a root. */
struct gp_generator_choice {
	const struct gp_generator_ops *builds;  /* builds the images: its files must be installed */
	const struct gp_generator_ops *runs;    /* its command rebuilds them (a wrapper or builds) */
};

/**
 * gp_generator_choose - which generator builds the images on the root the
 * probe @ir describes, and whose command runs it.  The one with the
 * strongest evidence (gp_generator_evidence) wins; none: both NULL.
 * Returns @out->builds.
 */
const struct gp_generator_ops *gp_generator_choose(const struct gp_initramfs *ir,
						   struct gp_generator_choice *out);

/** gp_generator_by_name - the table's entry called @name, or NULL. */
const struct gp_generator_ops *gp_generator_by_name(const char *name);

/**
 * gp_generator_of_command - the generator whose rebuild @argv for kernel
 * @kver is (see command_image), with the image's path in @buf ("" for
 * none); NULL for any other command or a path that does not fit.
 */
const struct gp_generator_ops *gp_generator_of_command(char *const *argv, const char *kver,
							char *buf, size_t size);

/**
 * gp_generator_image_path - the image of kernel @kver that @g rebuilds,
 * into @buf; @g NULL (no generator): the first entry's, where Debian's
 * kernels keep theirs.  0 or -ENAMETOOLONG.
 */
int gp_generator_image_path(const struct gp_generator_ops *g, const char *kver, char *buf,
			    size_t size);

#endif
