# make bench: issue 9's speed cases, aigrowth beside the anchors (the C +
# cairo program, gnuplot, matplotlib) when ../shared/anchors and those tools
# are present, and `project` over 1,000 series beside its target (at most
# 1 s and 100 MB; no anchor). Builds an optimised binary of its own; never
# fails.
#   make bench RUNS=7 CASES='png svg'   (cases: png svg report big_png big_svg parse project)
#   make bench CASES=project PROJECT_SERIES=100 PROJECT_TIMEOUT=60

BENCH_BUILD ?= build-bench
BENCH_CFLAGS ?= -O2
ANCHORS ?= ../shared/anchors

bench: deps
	@$(MAKE) --no-print-directory BUILD=$(BENCH_BUILD) CFLAGS='$(BENCH_CFLAGS)' build
	@RUNS='$(RUNS)' CASES='$(CASES)' PROJECT_SERIES='$(PROJECT_SERIES)' \
	    PROJECT_TIMEOUT='$(PROJECT_TIMEOUT)' \
	    bash bench/run.sh $(BENCH_BUILD)/aigrowth $(ANCHORS) || true

clean: clean-bench

.PHONY: clean-bench
clean-bench:
	rm -rf $(BENCH_BUILD)
