/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the system check's parsers and its IOMMU diagnosis. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cmdline.h"
#include "cpuinfo.h"
#include "efivar.h"
#include "iommu.h"
#include "kconfig.h"
#include "mountinfo.h"
#include "loader.h"
#include "syscheck.h"

/* --- cmdline --------------------------------------------------------------- */

static void test_cmdline_basic(void **state)
{
	char val[64], word[64];

	(void)state;
	assert_int_equal(gp_cmdline_find("ro quiet intel_iommu=on", "intel_iommu", val,
					 sizeof(val), word, sizeof(word)), 1);
	assert_string_equal(val, "on");
	assert_string_equal(word, "intel_iommu=on");
	assert_int_equal(gp_cmdline_find("ro quiet", "intel_iommu", val, sizeof(val), NULL, 0), 0);
	/* A bare flag has an empty value. */
	assert_int_equal(gp_cmdline_find("ro quiet", "quiet", val, sizeof(val), NULL, 0), 1);
	assert_string_equal(val, "");
	/* A name is a whole word, not a prefix. */
	assert_int_equal(gp_cmdline_find("iommu=pt", "iommu", val, sizeof(val), NULL, 0), 1);
	assert_int_equal(gp_cmdline_find("intel_iommu=on", "iommu", val, sizeof(val), NULL, 0), 0);
}

static void test_cmdline_last_wins_and_dashes(void **state)
{
	char val[64], word[64];

	(void)state;
	assert_int_equal(gp_cmdline_find("amd_iommu=on x amd-iommu=off", "amd_iommu", val,
					 sizeof(val), word, sizeof(word)), 1);
	assert_string_equal(val, "off");
	assert_string_equal(word, "amd-iommu=off");
}

static void test_cmdline_quotes_and_init_args(void **state)
{
	char val[64];

	(void)state;
	assert_int_equal(gp_cmdline_find("a=\"x y\" b=1", "a", val, sizeof(val), NULL, 0), 1);
	assert_string_equal(val, "x y");
	assert_int_equal(gp_cmdline_find("\"b=2 3\"", "b", val, sizeof(val), NULL, 0), 1);
	assert_string_equal(val, "2 3");
	/* After "--" the words belong to init, not to the kernel. */
	assert_int_equal(gp_cmdline_find("quiet -- intel_iommu=off", "intel_iommu", val,
					 sizeof(val), NULL, 0), 0);
	assert_int_equal(gp_cmdline_find("quiet --x intel_iommu=off", "intel_iommu", val,
					 sizeof(val), NULL, 0), 1);
}

static void test_cmdline_garbage(void **state)
{
	char val[4], word[64];

	(void)state;
	/* Unbalanced quote: the rest is one word; no crash, no overrun. */
	assert_int_equal(gp_cmdline_find("x=\"unterminated iommu=off", "iommu", val, sizeof(val),
					 NULL, 0), 0);
	assert_int_equal(gp_cmdline_find("= == ===", "", val, sizeof(val), NULL, 0), 1);
	assert_int_equal(gp_cmdline_find("", "iommu", val, sizeof(val), NULL, 0), 0);
	assert_int_equal(gp_cmdline_find("   \t\n", "iommu", val, sizeof(val), NULL, 0), 0);
	assert_int_equal(gp_cmdline_find("\001\377 iommu=off\n", "iommu", val, sizeof(val), word,
					 sizeof(word)), 1);
	assert_string_equal(val, "off");
	/* A value longer than the buffer is an error, never truncated. */
	assert_int_equal(gp_cmdline_find("iommu=verylongvalue", "iommu", val, sizeof(val), NULL, 0),
			 -ENAMETOOLONG);
}

static void test_cmdline_list(void **state)
{
	(void)state;
	assert_true(gp_cmdline_list_has("on,sm_on", "on"));
	assert_true(gp_cmdline_list_has("sm_on,on", "on"));
	assert_false(gp_cmdline_list_has("sm_on", "on"));
	assert_false(gp_cmdline_list_has("", "on"));
	assert_true(gp_cmdline_list_has("off", "off"));
	assert_false(gp_cmdline_list_has("on,", "off"));
}

/* --- cpuinfo ---------------------------------------------------------------- */

static void test_cpuinfo_intel(void **state)
{
	struct gp_cpuinfo c;
	static const char text[] =
		"processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Core(TM) i7  \n"
		"flags\t\t: fpu vme vmx est\n\nprocessor\t: 1\nvendor_id\t: AuthenticAMD\n"
		"flags\t\t: svm hypervisor\n";

	(void)state;
	assert_int_equal(gp_cpuinfo_parse(text, &c), 0);
	assert_int_equal(c.vendor, GP_CPU_VENDOR_INTEL);
	assert_string_equal(c.vendor_id, "GenuineIntel");
	assert_string_equal(c.model, "Intel(R) Core(TM) i7");
	/* Only the first processor counts. */
	assert_true(c.vmx);
	assert_false(c.svm);
	assert_false(c.hypervisor);
}

static void test_cpuinfo_guest_without_vendor(void **state)
{
	struct gp_cpuinfo c;

	(void)state;
	/* The H100 capture's info/cpuflags: flags and model name only. */
	assert_int_equal(gp_cpuinfo_parse("flags\t\t: fpu sse2 hypervisor lahf_lm\n"
					  "model name\t: Intel(R) Xeon(R) Processor\n", &c), 0);
	assert_true(c.hypervisor);
	assert_false(c.vmx);
	assert_int_equal(c.vendor, GP_CPU_VENDOR_UNKNOWN);
	/* "svm" must be a whole word: "svm_lock" is not it. */
	assert_int_equal(gp_cpuinfo_parse("vendor_id: AuthenticAMD\nflags: svm_lock npt\n", &c), 0);
	assert_false(c.svm);
	assert_int_equal(c.vendor, GP_CPU_VENDOR_AMD);
}

static void test_cpuinfo_no_flags(void **state)
{
	struct gp_cpuinfo c;

	(void)state;
	assert_int_equal(gp_cpuinfo_parse("", &c), -ENODATA);
	assert_int_equal(gp_cpuinfo_parse("processor : 0\nvendor_id : GenuineIntel\n", &c), -ENODATA);
	assert_int_equal(gp_cpuinfo_parse("garbage without colons\n\n\n", &c), -ENODATA);
}

/* --- efivar ------------------------------------------------------------------- */

static void test_efivar(void **state)
{
	static const unsigned char on[] = { 6, 0, 0, 0, 1 }, off[] = { 6, 0, 0, 0, 0 };
	static const unsigned char two[] = { 6, 0, 0, 0, 2 }, longer[] = { 6, 0, 0, 0, 1, 0 };
	int v = -1;

	(void)state;
	assert_int_equal(gp_efivar_decode_bool(on, sizeof(on), &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(gp_efivar_decode_bool(off, sizeof(off), &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(gp_efivar_decode_bool(two, sizeof(two), &v), -EINVAL);
	assert_int_equal(gp_efivar_decode_bool(longer, sizeof(longer), &v), -EINVAL);
	assert_int_equal(gp_efivar_decode_bool(on, 4, &v), -EINVAL);
	assert_int_equal(gp_efivar_decode_bool(on, 0, &v), -EINVAL);
}

/* --- mountinfo ------------------------------------------------------------------ */

static void test_mountinfo_line(void **state)
{
	struct gp_mount m;

	(void)state;
	assert_int_equal(gp_mountinfo_parse_line("36 35 259:2 / /boot rw,relatime shared:7 - ext4 "
						 "/dev/nvme0n1p2 rw,errors=remount-ro\n", &m), 0);
	assert_string_equal(m.mount_point, "/boot");
	assert_string_equal(m.fstype, "ext4");
	assert_string_equal(m.source, "/dev/nvme0n1p2");
	assert_int_equal(m.major, 259);
	assert_int_equal(m.minor, 2);
	/* No optional fields; an escaped blank in the mount point. */
	assert_int_equal(gp_mountinfo_parse_line("1 0 0:5 / /mnt/my\\040disk rw - zfs rpool/ROOT rw",
						 &m), 0);
	assert_string_equal(m.mount_point, "/mnt/my disk");
	assert_string_equal(m.source, "rpool/ROOT");
}

static void test_mountinfo_malformed(void **state)
{
	struct gp_mount m;

	(void)state;
	assert_int_equal(gp_mountinfo_parse_line("", &m), -EINVAL);
	assert_int_equal(gp_mountinfo_parse_line("garbage", &m), -EINVAL);
	assert_int_equal(gp_mountinfo_parse_line("1 2 3", &m), -EINVAL);
	/* No " - " separator. */
	assert_int_equal(gp_mountinfo_parse_line("36 35 98:0 /mnt1 /mnt/1 rw ext4 /dev/x", &m), -EINVAL);
	/* Separator but no source. */
	assert_int_equal(gp_mountinfo_parse_line("36 35 98:0 / /boot rw - ext4", &m), -EINVAL);
	/* Relative mount point. */
	assert_int_equal(gp_mountinfo_parse_line("36 35 98:0 / boot rw - ext4 /dev/x rw", &m), -EINVAL);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_mountinfo_find(void **state)
{
	char dir[] = "/tmp/test_syscheck.XXXXXX", path[256];
	struct gp_path p;
	struct gp_mount m;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/proc", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/proc/self", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/proc/self/mountinfo", dir);
	write_file(path,
		   "26 1 259:3 / / rw - ext4 /dev/nvme0n1p3 rw\n"
		   "not a mount line\n"
		   "30 26 259:2 / /boot rw - ext4 /dev/nvme0n1p2 rw\n"
		   "31 30 259:1 / /boot/efi rw - vfat /dev/nvme0n1p1 rw\n"
		   "32 26 0:40 / /bootstrap rw - tmpfs tmpfs rw\n");
	assert_int_equal(gp_path_init(&p, dir), 0);

	assert_int_equal(gp_mountinfo_find(&p, "/boot", 0, &m), 0);
	assert_string_equal(m.source, "/dev/nvme0n1p2");
	assert_int_equal(gp_mountinfo_find(&p, "/boot/grub", 0, &m), 0);
	assert_string_equal(m.mount_point, "/boot");
	assert_int_equal(gp_mountinfo_find(&p, "/etc", 0, &m), 0);
	assert_string_equal(m.mount_point, "/");
	assert_int_equal(gp_mountinfo_find(&p, "/boot/efi", 1, &m), 0);
	assert_string_equal(m.fstype, "vfat");
	assert_int_equal(gp_mountinfo_find(&p, "/efi", 1, &m), -ENOENT);
	gp_path_fini(&p);

	unlink(path);
	snprintf(path, sizeof(path), "%s/proc/self", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/proc", dir);
	rmdir(path);
	rmdir(dir);
}

/* --- kconfig ---------------------------------------------------------------------- */

static void test_kconfig_line(void **state)
{
	(void)state;
	assert_int_equal(gp_kconfig_parse_line("CONFIG_INTEL_IOMMU=y\n", "CONFIG_INTEL_IOMMU"),
			 GP_KCONFIG_Y);
	assert_int_equal(gp_kconfig_parse_line("CONFIG_VFIO=m", "CONFIG_VFIO"), GP_KCONFIG_M);
	assert_int_equal(gp_kconfig_parse_line("# CONFIG_INTEL_IOMMU_DEFAULT_ON is not set\n",
					       "CONFIG_INTEL_IOMMU_DEFAULT_ON"), GP_KCONFIG_NOT_SET);
	assert_int_equal(gp_kconfig_parse_line("CONFIG_NR_CPUS=8192", "CONFIG_NR_CPUS"),
			 GP_KCONFIG_OTHER);
	/* A longer option with the same prefix is another option. */
	assert_int_equal(gp_kconfig_parse_line("CONFIG_INTEL_IOMMU_DEFAULT_ON=y",
					       "CONFIG_INTEL_IOMMU"), GP_KCONFIG_UNKNOWN);
	assert_int_equal(gp_kconfig_parse_line("# CONFIG_INTEL_IOMMU_SVM is not set",
					       "CONFIG_INTEL_IOMMU"), GP_KCONFIG_UNKNOWN);
	assert_int_equal(gp_kconfig_parse_line("# a comment", "CONFIG_X"), GP_KCONFIG_UNKNOWN);
	assert_int_equal(gp_kconfig_parse_line("", "CONFIG_X"), GP_KCONFIG_UNKNOWN);
}

/* --- IOMMU diagnosis ------------------------------------------------------------------ */

static struct gp_cpuinfo cpu_of(enum gp_cpu_vendor v, int vmx, int svm, int hyp)
{
	struct gp_cpuinfo c;

	memset(&c, 0, sizeof(c));
	c.vendor = v;
	c.has_flags = 1;
	c.vmx = vmx;
	c.svm = svm;
	c.hypervisor = hyp;
	return c;
}

/* The one rule for intel_iommu=on, shared by --check and the plan. */
static void test_needs_intel_on(void **state)
{
	struct gp_cpuinfo intel = cpu_of(GP_CPU_VENDOR_INTEL, 1, 0, 0);
	struct gp_cpuinfo amd = cpu_of(GP_CPU_VENDOR_AMD, 0, 1, 0);
	struct gp_iommu_status st;

	(void)state;
	memset(&st, 0, sizeof(st));
	st.dmar = 1;
	st.cfg_intel_default_on = GP_KCONFIG_NOT_SET;
	assert_int_equal(gp_iommu_cmdline_needs_intel_on(&st, &intel, 0), 1);
	st.on_param = 1;  /* already given: still needed on the next boot */
	assert_int_equal(gp_iommu_cmdline_needs_intel_on(&st, &intel, 0), 1);
	st.cfg_intel_default_on = GP_KCONFIG_Y;
	assert_int_equal(gp_iommu_cmdline_needs_intel_on(&st, &intel, 0), 0);
	st.cfg_intel_default_on = GP_KCONFIG_NOT_SET;
	st.ivrs = 1;      /* an AMD machine with both tables boots AMD-Vi */
	assert_int_equal(gp_iommu_cmdline_needs_intel_on(&st, &amd, 0), 0);
	assert_int_equal(gp_iommu_cmdline_needs_intel_on(&st, &amd, -ENOENT), 1);
	st.dmar = 0;
	assert_int_equal(gp_iommu_cmdline_needs_intel_on(&st, &intel, 0), 0);
}

static void test_iommu_decide(void **state)
{
	struct gp_cpuinfo intel = cpu_of(GP_CPU_VENDOR_INTEL, 1, 0, 0);
	struct gp_cpuinfo amd = cpu_of(GP_CPU_VENDOR_AMD, 0, 1, 0);
	struct gp_cpuinfo guest = cpu_of(GP_CPU_VENDOR_INTEL, 0, 0, 1);
	struct gp_cpuinfo novirt = cpu_of(GP_CPU_VENDOR_INTEL, 0, 0, 0);
	struct gp_iommu_status st;

	(void)state;
	/* Groups win over everything. */
	memset(&st, 0, sizeof(st));
	st.groups = 3;
	strcpy(st.off_param, "intel_iommu=off");
	gp_iommu_decide(&st, &intel, 0);
	assert_int_equal(st.verdict, GP_IOMMU_ACTIVE);

	/* DMAR + intel_iommu=off. */
	memset(&st, 0, sizeof(st));
	st.dmar = 1;
	strcpy(st.off_param, "intel_iommu=off");
	gp_iommu_decide(&st, &intel, 0);
	assert_int_equal(st.verdict, GP_IOMMU_DISABLED_CMDLINE);

	/* amd_iommu=off does nothing on a VT-d machine: off by default instead. */
	memset(&st, 0, sizeof(st));
	st.dmar = 1;
	strcpy(st.off_param, "amd_iommu=off");
	st.cfg_intel = GP_KCONFIG_Y;
	st.cfg_intel_default_on = GP_KCONFIG_NOT_SET;
	gp_iommu_decide(&st, &intel, 0);
	assert_int_equal(st.verdict, GP_IOMMU_OFF_BY_DEFAULT);

	/* intel_iommu=on given and still nothing: the table is unused. */
	st.off_param[0] = '\0';
	st.on_param = 1;
	gp_iommu_decide(&st, &intel, 0);
	assert_int_equal(st.verdict, GP_IOMMU_TABLE_UNUSED);

	/* Kernel without the driver. */
	st.cfg_intel = GP_KCONFIG_NOT_SET;
	gp_iommu_decide(&st, &intel, 0);
	assert_int_equal(st.verdict, GP_IOMMU_KERNEL_LACKS);

	/* IVRS + amd_iommu=off; then the command line unreadable. */
	memset(&st, 0, sizeof(st));
	st.ivrs = 1;
	strcpy(st.off_param, "amd_iommu=off");
	gp_iommu_decide(&st, &amd, 0);
	assert_int_equal(st.verdict, GP_IOMMU_DISABLED_CMDLINE);
	st.cmdline_err = -EACCES;
	gp_iommu_decide(&st, &amd, 0);
	assert_int_equal(st.verdict, GP_IOMMU_UNKNOWN);
	assert_string_equal(st.unknown_path, "/proc/cmdline");
	assert_int_equal(st.unknown_err, -EACCES);

	/* No table: VM, no virtualization, firmware. */
	memset(&st, 0, sizeof(st));
	gp_iommu_decide(&st, &guest, 0);
	assert_int_equal(st.verdict, GP_IOMMU_IN_VM);
	gp_iommu_decide(&st, &novirt, 0);
	assert_int_equal(st.verdict, GP_IOMMU_NO_CPU_VIRT);
	gp_iommu_decide(&st, &intel, 0);
	assert_int_equal(st.verdict, GP_IOMMU_NO_FIRMWARE_TABLE);

	/* Unknown, with the reason. */
	gp_iommu_decide(&st, NULL, -ENOENT);
	assert_int_equal(st.verdict, GP_IOMMU_UNKNOWN);
	assert_string_equal(st.unknown_path, "/proc/cpuinfo");
	st.acpi_err = -ENOENT;
	gp_iommu_decide(&st, &intel, 0);
	assert_int_equal(st.verdict, GP_IOMMU_UNKNOWN);
	assert_string_equal(st.unknown_path, "/sys/firmware/acpi/tables");
	/* ...unless the command line says it all. */
	strcpy(st.off_param, "iommu=off");
	gp_iommu_decide(&st, &intel, 0);
	assert_int_equal(st.verdict, GP_IOMMU_DISABLED_CMDLINE);
	st.groups_err = -ENOTDIR;
	gp_iommu_decide(&st, &intel, 0);
	assert_int_equal(st.verdict, GP_IOMMU_UNKNOWN);
	assert_string_equal(st.unknown_path, "/sys/kernel/iommu_groups");
}

/* --- grading ------------------------------------------------------------------------- */

static void test_grade(void **state)
{
	struct gp_kernel_check k[2];
	struct gp_syscheck c;

	(void)state;
	memset(&c, 0, sizeof(c));
	memset(k, 0, sizeof(k));
	c.cpu.vmx = 1;
	c.iommu.verdict = GP_IOMMU_ACTIVE;
	strcpy(k[0].kver, "6.1.0-26-amd64");
	k[0].running = 1;
	k[0].mod[GP_MOD_VFIO_PCI] = GP_MODULE_LOADABLE;
	k[0].mod[GP_MOD_VFIO_IOMMU_TYPE1] = GP_MODULE_BUILTIN;
	c.kernels = k;
	c.n_kernels = 1;
	c.boot.grub_default = c.boot.grub_cfg = c.boot.update_grub = 1;
	c.loader = gp_loader_detect(&c.boot);
	assert_ptr_equal(c.loader, &gp_loader_grub);
	c.initramfs.kind = GP_INITRAMFS_TOOLS;
	c.initramfs.tools_conf = 1;
	c.bootfs.free_bytes = 200;
	c.bootfs.need_bytes = 200;
	c.firmware.secure_boot = GP_SB_NOT_EFI;
	gp_syscheck_grade(&c);
	for (int i = 0; i < GP_CHECK_N_ITEMS; i++)
		assert_int_equal(c.state[i], GP_STATE_OK);
	assert_true(gp_syscheck_passthrough_possible(&c));

	/* An old kernel without vfio_iommu_type1 fails the vfio item. */
	k[1] = k[0];
	k[1].running = 0;
	k[1].mod[GP_MOD_VFIO_IOMMU_TYPE1] = GP_MODULE_MISSING;
	c.n_kernels = 2;
	gp_syscheck_grade(&c);
	assert_int_equal(c.state[GP_CHECK_VFIO], GP_STATE_FAIL);
	assert_false(gp_syscheck_passthrough_possible(&c));
	c.n_kernels = 1;

	/* Unknowns do not make passthrough impossible; warnings neither. */
	c.cpu_err = -ENOENT;
	c.firmware.efi = 1;
	c.firmware.secure_boot = GP_SB_ON;
	c.firmware.esp_found = 1;
	c.bootfs.free_bytes = 199;
	gp_syscheck_grade(&c);
	assert_int_equal(c.state[GP_CHECK_CPU], GP_STATE_UNKNOWN);
	assert_int_equal(c.state[GP_CHECK_FIRMWARE], GP_STATE_WARN);
	assert_int_equal(c.state[GP_CHECK_BOOT_SPACE], GP_STATE_FAIL);
	c.bootfs.free_bytes = 200;
	gp_syscheck_grade(&c);
	assert_true(gp_syscheck_passthrough_possible(&c));

	/* dracut warns; no generator fails; kernelstub without its command warns. */
	c.initramfs.kind = GP_INITRAMFS_DRACUT;
	c.boot.kernelstub = 1;
	c.loader = gp_loader_detect(&c.boot);
	assert_string_equal(c.loader->name, "kernelstub");
	gp_syscheck_grade(&c);
	assert_int_equal(c.state[GP_CHECK_INITRAMFS], GP_STATE_WARN);
	assert_int_equal(c.state[GP_CHECK_BOOTLOADER], GP_STATE_WARN);
	c.initramfs.kind = GP_INITRAMFS_NONE;
	gp_syscheck_grade(&c);
	assert_int_equal(c.state[GP_CHECK_INITRAMFS], GP_STATE_FAIL);
	c.kernels = NULL;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmdline_basic),
		cmocka_unit_test(test_cmdline_last_wins_and_dashes),
		cmocka_unit_test(test_cmdline_quotes_and_init_args),
		cmocka_unit_test(test_cmdline_garbage),
		cmocka_unit_test(test_cmdline_list),
		cmocka_unit_test(test_cpuinfo_intel),
		cmocka_unit_test(test_cpuinfo_guest_without_vendor),
		cmocka_unit_test(test_cpuinfo_no_flags),
		cmocka_unit_test(test_efivar),
		cmocka_unit_test(test_mountinfo_line),
		cmocka_unit_test(test_mountinfo_malformed),
		cmocka_unit_test(test_mountinfo_find),
		cmocka_unit_test(test_kconfig_line),
		cmocka_unit_test(test_needs_intel_on),
		cmocka_unit_test(test_iommu_decide),
		cmocka_unit_test(test_grade),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
