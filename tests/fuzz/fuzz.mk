# Included by the top Makefile: the libFuzzer harnesses (tests/fuzz) and the
# sanitizer pass over the test suite.
#
#   make fuzz        build the harnesses (clang, ASan+UBSan) and run each
#                    for FUZZ_TIME seconds (default 600), one at a time
#   make fuzz-check  replay each seed corpus, then run each FUZZ_CHECK_TIME
#                    seconds (30); make check does this
#   make check-asan  the suite (every area but the QEMU boots and the
#                    package's) against an ASan+UBSan build in ASAN_B
#
# Each runs in a build directory of its own, so neither disturbs $(B).

FUZZ_B          ?= build-fuzz
FUZZ_CC         ?= clang
FUZZ_TIME       ?= 600
FUZZ_CHECK_TIME ?= 30
FUZZ_TARGETS    := answers bind_conf bind_cmdline journal grub_cmdline
SAN_FLAGS       := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer

ASAN_B     ?= build-asan
ASAN_AREAS ?= unit answers bind check docs grub list loader now plan status tui txn vmconfig

.PHONY: fuzz fuzz-check fuzz-build check-asan

# A harness: its source, the engine library built with the fuzzer's
# coverage, and libFuzzer's main.  Only ever built with B=$(FUZZ_B).
$(B)/tests/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(ENGINE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ENGINE_CFLAGS) -fsanitize=fuzzer -o $@ $< $(ENGINE_LIB) $(LIBS)

fuzz-build:
	$(MAKE) B=$(FUZZ_B) CC=$(FUZZ_CC) CFLAGS="-O1 -g $(SAN_FLAGS) -fsanitize=fuzzer-no-link" \
		$(patsubst %,$(FUZZ_B)/tests/fuzz/fuzz_%,$(FUZZ_TARGETS))

fuzz: fuzz-build
	sh tests/fuzz/run.sh --time $(FUZZ_TIME) $(abspath $(FUZZ_B)) $(FUZZ_TARGETS)

fuzz-check: fuzz-build
	sh tests/fuzz/run.sh --replay --time $(FUZZ_CHECK_TIME) $(abspath $(FUZZ_B)) $(FUZZ_TARGETS)

# gpupt-bind stays as it ships (static musl, no sanitizer runtime); its
# parsers are the fuzz harnesses' bind_conf and bind_cmdline.
check-asan: deps
	$(MAKE) B=$(ASAN_B) CFLAGS="-O1 -g $(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" all \
		$(patsubst $(B)/%,$(ASAN_B)/%,$(UNIT_BIN) $(TOOL_BIN))
	GPUPT_NO_VALGRIND=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=98 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=97 \
		B=$(abspath $(ASAN_B)) sh tests/run.sh $(ASAN_AREAS)
