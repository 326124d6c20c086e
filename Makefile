# aigrowth - growth-trend charts and PDF reports from CSV data.
#
#   make report   install missing Debian packages, build, render the report
#   make test     same installs, then every test
#
# Variables may be overridden: make CC=clang CFLAGS='-O0 -g'

CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
WERROR ?=
# make install PREFIX=/usr DESTDIR=/tmp/pkg: the binary and the man page.
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man

PKGS = cairo cairo-ft freetype2 fontconfig gsl inih libpng libutf8proc opencc \
       libzip
BASE_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic \
              -Wshadow -Wstrict-prototypes $(WERROR) -MMD -MP -pthread
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
# The build ID: report redraws the charts a different build drew.
LIBS = $(PKG_LIBS) -lhpdf -lcsv -lm -pthread -Wl,--build-id
TEST_LIBS = -lcmocka

# Debian 12 packages the build, the report and the tests need.
DEBIAN_PACKAGES = build-essential pkg-config libcairo2-dev libhpdf-dev \
    libcsv-dev libfontconfig-dev libfreetype-dev libgsl-dev libinih-dev \
    libcmocka-dev libpng-dev libutf8proc-dev libopencc-dev libopencc-data \
    fonts-lato fonts-wqy-zenhei poppler-utils qpdf libxml2-utils \
    librsvg2-bin man-db groff-base libzip-dev
# What only the tests need: soffice, to open the deck as a user would.
TEST_PACKAGES = libreoffice-impress unzip

BUILD = build
SRCS = $(wildcard src/*.c)
LIB_OBJS = $(patsubst src/%.c,$(BUILD)/%.o,$(filter-out src/main.c,$(SRCS)))
TEST_SRCS = $(wildcard tests/test_*.c)
TEST_BINS = $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS)) \
            $(BUILD)/tests/test_raster_lines_scalar
BIN = $(BUILD)/aigrowth
# Linked into every test binary: the harness the CLI tests share.
TEST_SUPPORT = $(BUILD)/tests/cli_harness.o

.PHONY: all deps build report test check-tests asan bench golden clean \
        install uninstall

all: deps
	@$(MAKE) --no-print-directory build

build: $(BIN)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc -c $< -o $@

$(BIN): $(LIB_OBJS) $(BUILD)/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/cli_harness.o: tests/cli_harness.c
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -Isrc -c $< -o $@

$(BUILD)/tests/%: tests/%.c $(LIB_OBJS) $(TEST_SUPPORT)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc -Itests -o $@ $< \
	    $(LIB_OBJS) $(TEST_SUPPORT) $(LDFLAGS) $(LIBS) $(TEST_LIBS)

# raster_lines' tests again on its portable code, without SSE2.
$(BUILD)/raster_lines_scalar.o: src/raster_lines.c
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -DRASTER_LINES_NO_SIMD -Isrc \
	    -c $< -o $@

$(BUILD)/tests/test_raster_lines_scalar: tests/test_raster_lines.c \
        $(filter-out $(BUILD)/raster_lines.o,$(LIB_OBJS)) \
        $(BUILD)/raster_lines_scalar.o $(TEST_SUPPORT)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ \
	    $(filter %.c %.o,$^) $(LDFLAGS) $(LIBS) $(TEST_LIBS)

# Installs what is missing: with apt-get when root, else prints the command.
deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES) $(DEPS_EXTRA); do \
	    dpkg-query -W -f='$${db:Status-Status}' $$p 2>/dev/null | grep -qx installed \
	        || missing="$$missing $$p"; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" != 0 ]; then \
	    echo "aigrowth: missing Debian packages; run:"; \
	    echo "  sudo apt-get install -y$$missing"; \
	    exit 1; \
	fi; \
	echo "Installing:$$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	if ! ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1; then apt-get update; fi; \
	apt-get install -y --no-install-recommends $$missing \
	    || { apt-get update && apt-get install -y --no-install-recommends $$missing; }

report: deps
	@$(MAKE) --no-print-directory build
	$(BIN) report

test:
	@$(MAKE) --no-print-directory deps DEPS_EXTRA="$(TEST_PACKAGES)"
	@$(MAKE) --no-print-directory check-tests

check-tests: $(BIN) $(TEST_BINS)
	@AIGROWTH=$(BIN) sh tests/run.sh $(TEST_BINS)

# Regenerates the scene golden files; review the rendered PNGs after.
golden: $(BIN) $(BUILD)/tests/test_golden
	AIGROWTH_GOLDEN_UPDATE=1 $(BUILD)/tests/test_golden

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan WERROR=-Werror \
	    CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    LDFLAGS='-fsanitize=address,undefined' check-tests

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/aigrowth
	install -m 644 doc/aigrowth.1 $(DESTDIR)$(MANDIR)/man1/aigrowth.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/aigrowth $(DESTDIR)$(MANDIR)/man1/aigrowth.1

clean:
	rm -rf build build-asan build-fuzz build-bench

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d)

# Targets kept in their own files: fuzz.mk (make fuzz), bench.mk (make bench).
-include $(wildcard mk/*.mk)
