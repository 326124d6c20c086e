# fuzz.mk - libFuzzer harnesses (make fuzz) and the valgrind check
# (make valgrind). Included by the Makefile.
#
#   make fuzz                  each harness for FUZZ_SECONDS (default 60)
#   make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS=csvload
#   make fuzz-regress          replay the seed corpora once, no fuzzing
#   make valgrind              aigrowth report on the shipped data
#
# Harnesses are tests/fuzz/fuzz_<name>.c, seeds tests/fuzz/corpus_<name>/.
# New inputs found while fuzzing go to $(FUZZ_BUILD)/corpus_<name>/ (not
# committed) and a crash to $(FUZZ_BUILD)/crash-<name>-*: turn each into a
# regression test and, minimised, a seed.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD ?= build-fuzz
FUZZ_FLAGS ?= -max_len=16384 -timeout=10 -rss_limit_mb=2048
FUZZ_TARGETS ?= $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
           -fno-omit-frame-pointer
# Small read chunks, so inputs of a few KiB cross chunk boundaries, and
# inputs from 2 KiB on read in two halves at once.
FUZZ_DEFS ?= -DCSVLOAD_CHUNK_SIZE=509 -DCSVLOAD_PARALLEL_MIN=2048
FUZZ_OBJS = $(patsubst src/%.c,$(FUZZ_BUILD)/%.o,$(filter-out src/main.c,$(SRCS)))
FUZZ_BINS = $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_TARGETS))

VALGRIND ?= valgrind
VALGRIND_FLAGS ?= --leak-check=full --errors-for-leak-kinds=definite \
                  --error-exitcode=1

.PHONY: fuzz fuzz-build fuzz-regress fuzz-clean valgrind

$(FUZZ_BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE_CFLAGS) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
	    $(FUZZ_DEFS) $(PKG_CFLAGS) -Isrc -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE_CFLAGS) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer \
	    $(PKG_CFLAGS) -Isrc -o $@ $< $(FUZZ_OBJS) $(LIBS)

# Keep the objects: make would delete them as intermediates.
.SECONDARY: $(FUZZ_OBJS)

fuzz-build: $(FUZZ_BINS)

# Each harness in turn; stops at the first finding (libFuzzer exits
# non-zero and leaves the input in $(FUZZ_BUILD)/crash-<name>-*).
fuzz: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_BUILD)/corpus_$$t; \
	    echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	    $(FUZZ_BUILD)/fuzz_$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
	        -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/crash-$$t- \
	        $(FUZZ_BUILD)/corpus_$$t tests/fuzz/corpus_$$t \
	        2>$(FUZZ_BUILD)/fuzz_$$t.log \
	        || { tail -n 60 $(FUZZ_BUILD)/fuzz_$$t.log; exit 1; }; \
	    grep -E '^stat::number_of_executed_units|^Done' \
	        $(FUZZ_BUILD)/fuzz_$$t.log | sed "s/^/  /"; \
	done

# Every seed once: quick, for CI.
fuzz-regress: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
	    $(FUZZ_BUILD)/fuzz_$$t $(FUZZ_FLAGS) -runs=0 tests/fuzz/corpus_$$t \
	        2>$(FUZZ_BUILD)/fuzz_$$t.regress.log \
	        || { tail -n 60 $(FUZZ_BUILD)/fuzz_$$t.regress.log; exit 1; }; \
	    echo "fuzz_$$t: seeds ok"; \
	done

fuzz-clean:
	rm -rf $(FUZZ_BUILD)

# Fontconfig and FreeType keep caches for the life of the process
# ("still reachable", "possibly lost"); only definite leaks and memory
# errors fail. Outputs go to a temp directory, not the working tree.
valgrind: $(BIN)
	@tmp=$$(mktemp -d) && \
	$(VALGRIND) $(VALGRIND_FLAGS) --log-file=$$tmp/valgrind.log \
	    $(BIN) report -q -o $$tmp/report.pdf --charts $$tmp/charts; \
	rc=$$?; grep -E 'ERROR SUMMARY|definitely lost|indirectly lost' \
	    $$tmp/valgrind.log | sed 's/^==[0-9]*== /  /'; \
	[ $$rc -eq 0 ] || cat $$tmp/valgrind.log; \
	rm -rf $$tmp; \
	[ $$rc -eq 0 ] && echo "valgrind: clean" || { echo "valgrind: failed"; exit 1; }

-include $(wildcard $(FUZZ_BUILD)/*.d)
