/* state.c - the previous run's record: chart hashes, the outputs as
 * written, and headline numbers. */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "state.h"

#include <elf.h>
#include <link.h>

#include <inttypes.h>
#include <math.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "hash.h"
#include "util.h"

/* The build ID note of the first object dl_iterate_phdr reports: the
 * program itself. */
typedef struct {
    const unsigned char *id;
    size_t len;
} BuildId;

static int find_build_id(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    BuildId *out = arg;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE)
            continue;
        const unsigned char *note =
            (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
        const unsigned char *end = note + ph->p_memsz;
        while (note + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *nh = (const ElfW(Nhdr) *)(const void *)note;
            const unsigned char *name = note + sizeof *nh;
            const unsigned char *desc = name + ((nh->n_namesz + 3) & ~3u);
            const unsigned char *next = desc + ((nh->n_descsz + 3) & ~3u);
            if (next > end)
                break;
            if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
                memcmp(name, "GNU", 4) == 0) {
                out->id = desc;
                out->len = nh->n_descsz;
                return 1;
            }
            note = next;
        }
    }
    return 1; /* only the program itself, never a library */
}

size_t program_build_id(const unsigned char **id)
{
    BuildId found = {NULL, 0};
    dl_iterate_phdr(find_build_id, &found);
    *id = found.id;
    return found.len;
}

void hash_file_identity(Hash *h, const char *path)
{
    hash_str(h, path);
    struct stat st;
    if (!path || stat(path, &st) != 0) {
        hash_str(h, "missing");
        return;
    }
    hash_long(h, (long)st.st_dev);
    hash_long(h, (long)st.st_ino);
    hash_long(h, (long)st.st_size);
    hash_long(h, (long)st.st_mtim.tv_sec);
    hash_long(h, st.st_mtim.tv_nsec);
}

uint64_t hash_content(const void *data, size_t len)
{
    Hash h;
    hash_init(&h);
    hash_bytes(&h, data, len);
    return h.h;
}

int state_file_matches(const char *path, int nofollow, uint64_t size,
                       uint64_t content)
{
    struct stat st;
    int fd = fsutil_open_read(path, nofollow, &st, NULL);
    if (fd < 0)
        return 0;
    int same = 0;
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size == size) {
        Hash h;
        hash_init(&h);
        unsigned char *buf = xmalloc(65536);
        uint64_t total = 0;
        ssize_t n;
        while ((n = read(fd, buf, 65536)) > 0 || (n < 0 && errno == EINTR)) {
            if (n > 0) {
                hash_bytes(&h, buf, (size_t)n);
                total += (uint64_t)n;
            }
        }
        same = n == 0 && total == size && h.h == content;
        free(buf);
    }
    close(fd);
    return same;
}

/* ---- records ---- */

void state_add_chart(RunState *state, const char *stem, uint64_t hash,
                     uint64_t data_hash)
{
    grow_array((void **)&state->charts, &state->cap_charts,
               state->n_charts + 1, sizeof *state->charts);
    state->charts[state->n_charts++] =
        (StateChart){xstrdup(stem), hash, data_hash};
}

void state_add_file(RunState *state, const char *name, uint64_t size,
                    uint64_t content)
{
    grow_array((void **)&state->files, &state->cap_files, state->n_files + 1,
               sizeof *state->files);
    state->files[state->n_files++] = (StateFile){xstrdup(name), size, content};
}

void state_add_headline(RunState *state, const StateHeadline *headline)
{
    grow_array((void **)&state->headlines, &state->cap_headlines,
               state->n_headlines + 1, sizeof *state->headlines);
    StateHeadline *h = &state->headlines[state->n_headlines++];
    *h = *headline;
    h->metric = xstrdup(headline->metric);
    h->company = xstrdup(headline->company);
}

void state_set_report(RunState *state, uint64_t hash, const char *path,
                      uint64_t size, uint64_t content)
{
    free(state->report.name);
    state->report_hash = hash;
    state->report = (StateFile){path ? xstrdup(path) : NULL, size, content};
}

void state_set_deck(RunState *state, uint64_t hash, const char *path,
                    uint64_t size, uint64_t content)
{
    free(state->deck.name);
    state->deck_hash = hash;
    state->deck = (StateFile){path ? xstrdup(path) : NULL, size, content};
}

const StateChart *state_chart(const RunState *state, const char *stem)
{
    for (size_t i = 0; i < state->n_charts; i++)
        if (strcmp(state->charts[i].stem, stem) == 0)
            return &state->charts[i];
    return NULL;
}

const StateFile *state_file(const RunState *state, const char *name)
{
    for (size_t i = 0; i < state->n_files; i++)
        if (strcmp(state->files[i].name, name) == 0)
            return &state->files[i];
    return NULL;
}

const StateHeadline *state_headline(const RunState *state, const char *metric,
                                    const char *company)
{
    for (size_t i = 0; i < state->n_headlines; i++) {
        const StateHeadline *h = &state->headlines[i];
        if (strcmp(h->metric, metric) == 0 && strcmp(h->company, company) == 0)
            return h;
    }
    return NULL;
}

/* ---- the text ---- */

#define MAGIC "aigrowth-state 2\n"
#define FIELDS_MAX 9

static int needs_escape(unsigned char c)
{
    return c <= 0x20 || c == '%' || c == 0x7F;
}

static void put_text(FILE *f, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;
         p++) {
        if (needs_escape(*p)) {
            fputc('%', f);
            fputc(hex[*p >> 4], f);
            fputc(hex[*p & 15], f);
        } else {
            fputc(*p, f);
        }
    }
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decodes a field in place; -1 on a stray '%', a raw byte that should
 * have been encoded, or an encoded NUL. */
static int decode_text(char *s)
{
    char *o = s;
    for (const char *p = s; *p; p++) {
        if (*p != '%') {
            if (needs_escape((unsigned char)*p))
                return -1;
            *o++ = *p;
            continue;
        }
        int hi = hex_digit(p[1]), lo = hi < 0 ? -1 : hex_digit(p[2]);
        if (lo < 0 || (hi == 0 && lo == 0))
            return -1;
        *o++ = (char)(hi * 16 + lo);
        p += 2;
    }
    *o = '\0';
    return 0;
}

void state_format(const RunState *state, ByteBuf *out)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        fprintf(stderr, "aigrowth: out of memory\n");
        abort();
    }
    fputs(MAGIC, f);
    fprintf(f, "report %016" PRIx64 " %" PRIu64 " %016" PRIx64 " ",
            state->report_hash, state->report.size, state->report.content);
    put_text(f, state->report.name ? state->report.name : "");
    fputc('\n', f);
    if (state->deck.name) {
        fprintf(f, "deck %016" PRIx64 " %" PRIu64 " %016" PRIx64 " ",
                state->deck_hash, state->deck.size, state->deck.content);
        put_text(f, state->deck.name);
        fputc('\n', f);
    }
    for (size_t i = 0; i < state->n_files; i++) {
        const StateFile *o = &state->files[i];
        fputs("file ", f);
        put_text(f, o->name);
        fprintf(f, " %" PRIu64 " %016" PRIx64 "\n", o->size, o->content);
    }
    for (size_t i = 0; i < state->n_charts; i++) {
        fputs("chart ", f);
        put_text(f, state->charts[i].stem);
        fprintf(f, " %016" PRIx64 " %016" PRIx64 "\n", state->charts[i].hash,
                state->charts[i].data_hash);
    }
    for (size_t i = 0; i < state->n_headlines; i++) {
        const StateHeadline *h = &state->headlines[i];
        fputs("headline ", f);
        put_text(f, h->metric);
        fputc(' ', f);
        put_text(f, h->company);
        fprintf(f, " %ld %.17g %ld %.17g %.17g %ld\n", h->points, h->latest,
                h->date, h->cagr, h->projected, h->horizon);
    }
    fclose(f);
    bytebuf_append(out, text, len);
    free(text);
}

/* Splits line at single spaces into at most max fields (empty ones
 * allowed); returns the count, or max + 1 when there are more. */
static int split_fields(char *line, char **field, int max)
{
    int n = 0;
    for (char *p = line;;) {
        if (n == max)
            return max + 1;
        field[n++] = p;
        char *space = strchr(p, ' ');
        if (!space)
            return n;
        *space = '\0';
        p = space + 1;
    }
}

static int parse_hex(const char *s, uint64_t *v)
{
    char *end;
    if (!*s)
        return -1;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 16);
    if (*end || errno)
        return -1;
    *v = x;
    return 0;
}

static int parse_u64(const char *s, uint64_t *v)
{
    char *end;
    if (!ascii_digit(*s))
        return -1;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (*end || errno)
        return -1;
    *v = x;
    return 0;
}

static int parse_long(const char *s, long *v)
{
    char *end;
    if (!*s)
        return -1;
    errno = 0;
    *v = strtol(s, &end, 10);
    return *end || errno ? -1 : 0;
}

/* The program never sets a locale, so strtod reads '.' decimals. */
static int parse_double(const char *s, double *v)
{
    if (!strcmp(s, "nan") || !strcmp(s, "-nan")) {
        *v = NAN;
        return 0;
    }
    char *end;
    if (!*s)
        return -1;
    *v = strtod(s, &end);
    return *end ? -1 : 0;
}

static int parse_headline(char **f, int n, RunState *state)
{
    StateHeadline h;
    if (n != 9 || state->n_headlines >= STATE_MAX_HEADLINES ||
        decode_text(f[1]) || decode_text(f[2]) ||
        parse_long(f[3], &h.points) || parse_double(f[4], &h.latest) ||
        parse_long(f[5], &h.date) || parse_double(f[6], &h.cagr) ||
        parse_double(f[7], &h.projected) || parse_long(f[8], &h.horizon))
        return -1;
    h.metric = f[1];
    h.company = f[2];
    state_add_headline(state, &h);
    return 0;
}

/* One line: 0, or -1 when it is malformed or past the bounds. */
static int parse_line(char *line, RunState *state)
{
    char *f[FIELDS_MAX];
    int n = split_fields(line, f, FIELDS_MAX);
    uint64_t a, b, c;
    if (!strcmp(f[0], "report")) {
        if (n != 5 || state->report.name || parse_hex(f[1], &a) ||
            parse_u64(f[2], &b) || parse_hex(f[3], &c) || decode_text(f[4]))
            return -1;
        state_set_report(state, a, f[4], b, c);
        return 0;
    }
    if (!strcmp(f[0], "deck")) {
        if (n != 5 || state->deck.name || parse_hex(f[1], &a) ||
            parse_u64(f[2], &b) || parse_hex(f[3], &c) || decode_text(f[4]))
            return -1;
        state_set_deck(state, a, f[4], b, c);
        return 0;
    }
    if (!strcmp(f[0], "file")) {
        if (n != 4 || state->n_files >= STATE_MAX_FILES ||
            decode_text(f[1]) || parse_u64(f[2], &a) || parse_hex(f[3], &b))
            return -1;
        state_add_file(state, f[1], a, b);
        return 0;
    }
    if (!strcmp(f[0], "chart")) {
        if (n != 4 || state->n_charts >= STATE_MAX_CHARTS ||
            decode_text(f[1]) || parse_hex(f[2], &a) || parse_hex(f[3], &b))
            return -1;
        state_add_chart(state, f[1], a, b);
        return 0;
    }
    if (!strcmp(f[0], "headline"))
        return parse_headline(f, n, state);
    return -1;
}

/* Parses text (NUL-terminated, len bytes); -1 with the line on error. */
static int parse_text(char *text, size_t len, RunState *state, long *bad)
{
    if (memchr(text, '\0', len))
        return *bad = 0, -1;
    char *p = text + strlen(MAGIC);
    long line = 1;
    while (*p) {
        line++;
        char *nl = strchr(p, '\n');
        if (!nl)
            return *bad = line, -1; /* cut short */
        *nl = '\0';
        if (parse_line(p, state) != 0)
            return *bad = line, -1;
        p = nl + 1;
    }
    return 0;
}

int state_load(const char *path, RunState *state, char *warning,
               size_t warning_size, Error *err)
{
    memset(state, 0, sizeof *state);
    warning[0] = '\0';
    struct stat st;
    Error open_err;
    error_clear(&open_err);
    int fd = fsutil_open_read(path, 1, &st, &open_err);
    if (fd < 0) {
        if (errno == ENOENT)
            return 0;
        if (errno == ELOOP)
            error_set(err, ERR_IO, path, 0, 0,
                      "is a symbolic link, not aigrowth's record of the "
                      "last run; remove it (the next run writes a new one)");
        else
            *err = open_err;
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        error_set(err, ERR_IO, path, 0, 0,
                  "is %s, not aigrowth's record of the last run; remove it "
                  "(the next run writes a new one)",
                  fsutil_file_kind(st.st_mode));
        close(fd);
        return -1;
    }
    if (st.st_size > STATE_MAX_BYTES) {
        snprintf(warning, warning_size,
                 "is %lld bytes, more than the %ld a report's record needs; "
                 "ignored, every output is redrawn",
                 (long long)st.st_size, STATE_MAX_BYTES);
        close(fd);
        return 1;
    }
    ByteBuf text = {0};
    int rc = fsutil_read_fd(fd, STATE_MAX_BYTES, &text);
    int saved = errno;
    close(fd);
    if (rc < 0) {
        error_set(err, ERR_IO, path, 0, 0, "cannot read: %s",
                  strerror(saved));
        bytebuf_free(&text);
        return -1;
    }
    size_t len = text.len;
    bytebuf_append(&text, "", 1);
    char *s = (char *)text.data;
    if (rc > 0) {
        snprintf(warning, warning_size,
                 "grew past %ld bytes while read; ignored, every output is "
                 "redrawn",
                 STATE_MAX_BYTES);
        bytebuf_free(&text);
        return 1;
    }
    if (strncmp(s, MAGIC, strlen(MAGIC)) != 0) {
        /* Another version's record is no news: its outputs are redrawn. */
        int other_version = !strncmp(s, "aigrowth-state ", 15);
        if (!other_version)
            snprintf(warning, warning_size,
                     "is not aigrowth's record of the last run; ignored, "
                     "every output is redrawn");
        bytebuf_free(&text);
        return other_version ? 0 : 1;
    }
    long bad = 0;
    if (parse_text(s, len, state, &bad) != 0) {
        state_free(state);
        snprintf(warning, warning_size,
                 "line %ld is malformed or past the bounds of a report's "
                 "record (%d charts, %d headlines); ignored, every output "
                 "is redrawn",
                 bad, STATE_MAX_CHARTS, STATE_MAX_HEADLINES);
        bytebuf_free(&text);
        return 1;
    }
    bytebuf_free(&text);
    state->present = 1;
    return 0;
}

int state_file_holds(const char *path, const ByteBuf *text)
{
    struct stat st;
    int fd = fsutil_open_read(path, 1, &st, NULL);
    if (fd < 0)
        return 0;
    int same = 0;
    if (S_ISREG(st.st_mode) && (size_t)st.st_size == text->len) {
        ByteBuf now = {0};
        same = fsutil_read_fd(fd, text->len, &now) == 0 &&
               now.len == text->len &&
               (text->len == 0 || memcmp(now.data, text->data, text->len) == 0);
        bytebuf_free(&now);
    }
    close(fd);
    return same;
}

static void free_file(StateFile *f)
{
    free(f->name);
}

void state_free(RunState *state)
{
    for (size_t i = 0; i < state->n_charts; i++)
        free(state->charts[i].stem);
    free(state->charts);
    for (size_t i = 0; i < state->n_files; i++)
        free_file(&state->files[i]);
    free(state->files);
    free_file(&state->report);
    free_file(&state->deck);
    for (size_t i = 0; i < state->n_headlines; i++) {
        free(state->headlines[i].metric);
        free(state->headlines[i].company);
    }
    free(state->headlines);
    memset(state, 0, sizeof *state);
}
