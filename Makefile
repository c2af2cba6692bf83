# gpupt-setup — prepare a Debian/Ubuntu host for VFIO GPU passthrough.
#
#   make            build gpupt-setup, gpupt-bind and the translations
#   make check      run every test (unit, golden files, QEMU boots)
#   make check-package  only the tests of the Debian package (lintian, apt
#                   in a fresh Debian 12 chroot), the Ansible role, completion
#   make mutate     mutation testing: does the suite catch small bugs? (slow)
#   make fuzz       the libFuzzer harnesses, FUZZ_TIME s each (tests/fuzz)
#   make check-asan the suite against an ASan+UBSan build (tests/fuzz/fuzz.mk)
#   make demo       run gpupt-setup on a bundled demo machine, host untouched
#   make deps       install every build and test dependency (apt-get)
#   make install    install (PREFIX, DESTDIR honoured)

PACKAGE   := gpupt-setup
VERSION   := 0.1.0

PREFIX    ?= /usr/local
SBINDIR   ?= $(PREFIX)/sbin
DATADIR   ?= $(PREFIX)/share
MANDIR    ?= $(DATADIR)/man
LOCALEDIR ?= $(DATADIR)/locale
COMPLETIONDIR ?= $(DATADIR)/bash-completion/completions
# initramfs-tools and dracut look only here, whatever the prefix.
INITRAMFSDIR ?= /usr/share/initramfs-tools
DRACUTDIR    ?= /usr/lib/dracut/modules.d
# systemd's own unit directory, whatever the prefix; SYSTEMD_ENABLE=no
# leaves the enabling to a package's maintainer scripts (debian/rules).
SYSTEMDUNITDIR ?= /lib/systemd/system
SYSTEMD_ENABLE ?= yes
CONFIRM_UNIT   := gpupt-trial-confirm.service
DESTDIR   ?=

B          ?= build
PKG_CONFIG ?= pkg-config
MUSL_CC    ?= musl-gcc
OBJCOPY    ?= objcopy
INSTALL    ?= install

CFLAGS ?= -O2 -g
WARNFLAGS := -std=c11 -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-unused-parameter
# Warnings are errors in CI (CI=true there) or on request (WERROR=1).
ifneq ($(strip $(CI)$(WERROR)),)
WARNFLAGS += -Werror
endif

ENGINE_PKGS := libpci libkmod blkid
UI_PKGS     := ncursesw

pkg_cflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pkg_libs   = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)

BASE_CPPFLAGS := -D_GNU_SOURCE -DPACKAGE='"$(PACKAGE)"' -DVERSION='"$(VERSION)"' \
	-DLOCALEDIR='"$(LOCALEDIR)"' -DENABLE_NLS -Ilib -Itui -Itui/engine -Itui/cli -Iboot-script

# The engine never sees curses headers: only the front end gets them.
ENGINE_CFLAGS = $(BASE_CPPFLAGS) $(call pkg_cflags,$(ENGINE_PKGS)) $(CPPFLAGS) $(WARNFLAGS) $(CFLAGS) -MMD -MP
UI_CFLAGS     = $(BASE_CPPFLAGS) $(call pkg_cflags,$(ENGINE_PKGS) $(UI_PKGS)) $(CPPFLAGS) $(WARNFLAGS) $(CFLAGS) -MMD -MP
LIBS          = $(call pkg_libs,$(ENGINE_PKGS) $(UI_PKGS))

# Sources are found by directory, so adding a file needs no Makefile edit.
# lib/ holds what gpupt-setup and the static binder share; the binder links
# only the files it names in BIND_SRC.
SHARED_SRC := $(sort $(wildcard lib/*.c))
ENGINE_SRC := $(sort $(wildcard tui/engine/*.c)) $(SHARED_SRC)
UI_SRC     := $(sort $(wildcard tui/*.c tui/cli/*.c tui/screens/*.c))
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
BIND_SRC   := $(sort $(wildcard boot-script/*.c)) lib/gp_path.c lib/gp_path_resolve.c lib/bind_conf.c lib/bind_status.c lib/pci_addr.c

ENGINE_OBJ := $(patsubst %.c,$(B)/%.o,$(ENGINE_SRC))
UI_OBJ     := $(patsubst %.c,$(B)/%.o,$(UI_SRC))
UNIT_BIN   := $(patsubst tests/unit/%.c,$(B)/tests/unit/%,$(UNIT_SRC))
# Helpers the test cases run (tests/tools/*.c, one program each).
TOOL_BIN   := $(patsubst tests/tools/%.c,$(B)/tests/tools/%,$(sort $(wildcard tests/tools/*.c)))

ENGINE_LIB := $(B)/libgpupt-engine.a
SETUP_BIN  := $(B)/gpupt-setup
BIND_BIN   := $(B)/gpupt-bind
ELF_TRIM   := $(B)/tools/elf-trim

# The binder runs in the initramfs before anything else: static, tiny, musl.
BIND_CFLAGS := -std=c11 -Os -static -ffunction-sections -fdata-sections \
	-fno-asynchronous-unwind-tables -fno-stack-protector -D_GNU_SOURCE \
	-Ilib -Iboot-script -Wall -Wextra $(filter -Werror,$(WARNFLAGS))
# One R+X segment and no page padding before the data: the default layout
# pads a binary this small to 4 KiB boundaries and nearly doubles its size.
BIND_LDFLAGS := -Wl,--gc-sections -s -Wl,-z,noseparate-code -Wl,-z,norelro \
	-Wl,-z,common-page-size=64

LINGUAS := $(strip $(shell cat po/LINGUAS 2>/dev/null))
MO_FILES := $(patsubst %,$(B)/po/%.mo,$(LINGUAS))

.PHONY: all check check-package demo deps install uninstall clean update-po lint mutate
all: $(SETUP_BIN) $(BIND_BIN) $(MO_FILES)

$(B)/tui/engine/%.o: tui/engine/%.c
	@mkdir -p $(@D)
	$(CC) $(ENGINE_CFLAGS) -c -o $@ $<

$(B)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(ENGINE_CFLAGS) -c -o $@ $<

$(B)/tui/cli/%.o: tui/cli/%.c
	@mkdir -p $(@D)
	$(CC) $(UI_CFLAGS) -c -o $@ $<

$(B)/tui/screens/%.o: tui/screens/%.c
	@mkdir -p $(@D)
	$(CC) $(UI_CFLAGS) -c -o $@ $<

# main() and what both front ends share (tui/*.c).
$(patsubst %.c,$(B)/%.o,$(wildcard tui/*.c)): $(B)/tui/%.o: tui/%.c
	@mkdir -p $(@D)
	$(CC) $(UI_CFLAGS) -c -o $@ $<

$(ENGINE_LIB): $(ENGINE_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(SETUP_BIN): $(UI_OBJ) $(ENGINE_LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(UI_OBJ) $(ENGINE_LIB) $(LIBS)

# -s keeps the compilers' version strings (.comment): nothing reads them.
# elf-trim then drops the section headers, which only tools read, never the
# kernel that runs the binder.
$(BIND_BIN): $(BIND_SRC) $(wildcard boot-script/*.h) lib/gp_path.h lib/bind_conf.h lib/bind_status.h lib/gp_paths.h lib/pci_addr.h $(ELF_TRIM)
	@mkdir -p $(@D)
	$(MUSL_CC) $(BIND_CFLAGS) $(BIND_LDFLAGS) -o $@ $(BIND_SRC)
	$(OBJCOPY) -R .comment $@
	$(ELF_TRIM) $@

# A build tool, run on the build host.
$(ELF_TRIM): tools/elf-trim.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra $(filter -Werror,$(WARNFLAGS)) -o $@ $<

$(B)/tests/unit/%: tests/unit/%.c $(ENGINE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ENGINE_CFLAGS) $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null) \
		$(LDFLAGS) -o $@ $< $(ENGINE_LIB) $(LIBS) $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

$(B)/tests/tools/%: tests/tools/%.c $(wildcard tests/tools/*.h)
	@mkdir -p $(@D)
	$(CC) -D_GNU_SOURCE $(WARNFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(B)/po/%.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt -c -o $@ $<

# --- tests -------------------------------------------------------------------

check: deps all $(UNIT_BIN) $(TOOL_BIN) lint
	B=$(abspath $(B)) sh tests/run.sh
	$(MAKE) fuzz-check

lint:
	sh tests/lint.sh

# The Debian package (debian/) and what comes with it: dpkg-buildpackage,
# lintian, apt in a throwaway mmdebstrap chroot (needs root and the Debian
# mirror; minutes), the Ansible role, the completion.  check runs them too.
check-package: deps all
	B=$(abspath $(B)) sh tests/run.sh package ansible completion
# Mutation testing (tests/mutate.sh, tests/mutants): minutes, so not in check.
mutate:
	sh tests/mutate.sh

include tests/fuzz/fuzz.mk

# --- demo ----------------------------------------------------------------------

demo: deps all
	sh examples/demo.sh $(abspath $(B))

# --- dependencies ------------------------------------------------------------

# What building and testing need on Debian 12; nothing else is assumed.
DEPS := build-essential pkg-config gettext libncurses-dev libpci-dev pci.ids \
	libkmod-dev libblkid-dev libcmocka-dev musl-tools shellcheck tmux valgrind \
	kmod pciutils util-linux e2fsprogs jq cpio zstd busybox initramfs-tools dracut-core \
	qemu-system-x86 linux-image-amd64 grub-common grub-pc-bin grub-emu systemd-boot libvirt-clients \
	libxml2-utils virtinst debhelper dpkg-dev lintian mmdebstrap ansible-core bash-completion \
	clang libclang-rt-14-dev

deps:
	@sh .ci/deps $(DEPS)

# --- translations ------------------------------------------------------------

update-po:
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=trp:1,2 \
		--language=C --add-comments=TRANSLATORS: \
		--package-name=$(PACKAGE) --package-version=$(VERSION) \
		--msgid-bugs-address=https://github.com/gpupt/gpupt-setup/issues \
		-o po/$(PACKAGE).pot $(sort $(wildcard tui/*.c tui/*/*.c tui/engine/*.def lib/*.c boot-script/*.c))
	for l in $(LINGUAS); do msgmerge -q --update --backup=none po/$$l.po po/$(PACKAGE).pot; done

# --- install -----------------------------------------------------------------

install: all
	$(INSTALL) -d $(DESTDIR)$(SBINDIR)
	$(INSTALL) -m 0755 $(SETUP_BIN) $(DESTDIR)$(SBINDIR)/gpupt-setup
	$(INSTALL) -m 0755 $(BIND_BIN) $(DESTDIR)$(SBINDIR)/gpupt-bind
	$(INSTALL) -d $(DESTDIR)$(MANDIR)/man8
	for m in man/*.8; do $(INSTALL) -m 0644 $$m $(DESTDIR)$(MANDIR)/man8/; done
	$(INSTALL) -d $(DESTDIR)$(INITRAMFSDIR)/hooks $(DESTDIR)$(INITRAMFSDIR)/scripts/init-top
	sed 's|:-/usr/sbin/gpupt-bind}|:-$(SBINDIR)/gpupt-bind}|' initramfs-hook/gpupt >$(B)/gpupt.hook
	$(INSTALL) -m 0755 $(B)/gpupt.hook $(DESTDIR)$(INITRAMFSDIR)/hooks/gpupt
	$(INSTALL) -m 0755 boot-script/gpupt $(DESTDIR)$(INITRAMFSDIR)/scripts/init-top/gpupt
	$(INSTALL) -d $(DESTDIR)$(DRACUTDIR)/90gpupt
	sed 's|:-/usr/sbin/gpupt-bind}|:-$(SBINDIR)/gpupt-bind}|' initramfs-hook/dracut/90gpupt/module-setup.sh >$(B)/gpupt.module-setup.sh
	$(INSTALL) -m 0755 $(B)/gpupt.module-setup.sh $(DESTDIR)$(DRACUTDIR)/90gpupt/module-setup.sh
	$(INSTALL) -m 0755 initramfs-hook/dracut/90gpupt/gpupt-pre-udev.sh $(DESTDIR)$(DRACUTDIR)/90gpupt/gpupt-pre-udev.sh
	$(INSTALL) -d $(DESTDIR)$(COMPLETIONDIR)
	$(INSTALL) -m 0644 completion/gpupt-setup.bash $(DESTDIR)$(COMPLETIONDIR)/gpupt-setup
	$(INSTALL) -d $(DESTDIR)$(SYSTEMDUNITDIR)
	sed 's|/usr/sbin/gpupt-setup |$(SBINDIR)/gpupt-setup |' systemd/$(CONFIRM_UNIT) >$(B)/$(CONFIRM_UNIT)
	$(INSTALL) -m 0644 $(B)/$(CONFIRM_UNIT) $(DESTDIR)$(SYSTEMDUNITDIR)/$(CONFIRM_UNIT)
	@# Inert until a trial is pending (ConditionPathExists), so enabled at once.
	if [ "$(SYSTEMD_ENABLE)" != no ]; then \
		if [ -z "$(DESTDIR)" ] && command -v systemctl >/dev/null 2>&1; then \
			systemctl enable $(CONFIRM_UNIT); \
		else \
			$(INSTALL) -d $(DESTDIR)/etc/systemd/system/multi-user.target.wants && \
			ln -sfn $(SYSTEMDUNITDIR)/$(CONFIRM_UNIT) \
				$(DESTDIR)/etc/systemd/system/multi-user.target.wants/$(CONFIRM_UNIT); \
		fi; \
	fi
	for l in $(LINGUAS); do \
		$(INSTALL) -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		$(INSTALL) -m 0644 $(B)/po/$$l.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/$(PACKAGE).mo; \
	done

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/gpupt-setup $(DESTDIR)$(SBINDIR)/gpupt-bind
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/man8/%,$(wildcard man/*.8))
	rm -f $(DESTDIR)$(INITRAMFSDIR)/hooks/gpupt $(DESTDIR)$(INITRAMFSDIR)/scripts/init-top/gpupt
	rm -f $(DESTDIR)$(DRACUTDIR)/90gpupt/module-setup.sh $(DESTDIR)$(DRACUTDIR)/90gpupt/gpupt-pre-udev.sh
	-rmdir $(DESTDIR)$(DRACUTDIR)/90gpupt
	rm -f $(DESTDIR)$(COMPLETIONDIR)/gpupt-setup
	if [ -z "$(DESTDIR)" ] && command -v systemctl >/dev/null 2>&1; then \
		systemctl disable $(CONFIRM_UNIT) || :; \
	fi
	rm -f $(DESTDIR)/etc/systemd/system/multi-user.target.wants/$(CONFIRM_UNIT)
	rm -f $(DESTDIR)$(SYSTEMDUNITDIR)/$(CONFIRM_UNIT)
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/$(PACKAGE).mo; done

clean:
	rm -rf $(B)

# Only the compiler's dependency files: fixtures under $(B) have grub.d, modprobe.d...
-include $(shell find $(B)/tui $(B)/boot-script $(B)/tests/unit $(B)/tests/fuzz -name '*.d' -type f 2>/dev/null)
