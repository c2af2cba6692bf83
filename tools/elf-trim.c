/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * elf-trim FILE — drop what a static ELF64 executable carries past its
 * last loaded byte: the section headers and the section name table, which
 * the kernel never reads when it runs a program (it reads the ELF header
 * and the program headers only).  Like ELFkickers' sstrip; used on the
 * boot-time binder so it stays small in every initramfs.
 *
 * Refuses anything but a little-endian ELF64 executable whose program
 * headers lie inside the kept bytes; changes nothing then.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *file, const char *why)
{
	fprintf(stderr, "elf-trim: %s: %s\n", file, why);
	return 1;
}

int main(int argc, char **argv)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	struct stat st;
	off_t keep;
	int fd, i;

	if (argc != 2)
		return fprintf(stderr, "usage: elf-trim FILE\n"), 2;
	fd = open(argv[1], O_RDWR);
	if (fd < 0 || fstat(fd, &st) < 0)
		return fail(argv[1], strerror(errno));
	if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_type != ET_EXEC ||
	    eh.e_phentsize != sizeof(ph) || eh.e_phnum == 0)
		return fail(argv[1], "not a little-endian ELF64 executable");
	keep = (off_t)(eh.e_phoff + (Elf64_Off)eh.e_phnum * sizeof(ph));
	for (i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + (Elf64_Off)i * sizeof(ph))) !=
		    (ssize_t)sizeof(ph))
			return fail(argv[1], "program headers cut short");
		if (ph.p_type != PT_NULL && (off_t)(ph.p_offset + ph.p_filesz) > keep)
			keep = (off_t)(ph.p_offset + ph.p_filesz);
	}
	if (keep > st.st_size)
		return fail(argv[1], "a segment lies past the end of the file");
	eh.e_shoff = 0;
	eh.e_shnum = 0;
	eh.e_shstrndx = SHN_UNDEF;
	if (pwrite(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) || ftruncate(fd, keep) < 0 ||
	    fsync(fd) < 0 || close(fd) < 0)
		return fail(argv[1], strerror(errno));
	return 0;
}
