/* state.c - the previous run's record: chart hashes and headline numbers. */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "state.h"

#include <elf.h>
#include <link.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "util.h"

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

void hash_init(Hash *h)
{
    h->h = FNV_OFFSET;
}

void hash_bytes(Hash *h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h->h ^= p[i];
        h->h *= FNV_PRIME;
    }
}

void hash_str(Hash *h, const char *s)
{
    if (!s) {
        hash_bytes(h, "\xff", 1);
        return;
    }
    hash_bytes(h, s, strlen(s) + 1);
}

void hash_long(Hash *h, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    hash_str(h, buf);
}

/* Via %.17g, so the same double always hashes the same on any host. */
void hash_double(Hash *h, double v)
{
    /* Its bits, not its digits (snprintf was most of a run with nothing
       to redraw); zeros and NaNs that compare alike hash alike. */
    if (v == 0)
        v = 0;
    if (isnan(v))
        v = NAN;
    hash_bytes(h, &v, sizeof v);
}

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

void hash_file(Hash *h, const char *path)
{
    hash_str(h, path);
    struct stat st;
    FILE *f = fopen(path, "rb");
    if (!f || fstat(fileno(f), &st) != 0) {
        hash_str(h, "missing");
        if (f)
            fclose(f);
        return;
    }
    hash_long(h, (long)st.st_size);
    unsigned char *buf = xmalloc(65536);
    size_t got = fread(buf, 1, 65536, f);
    hash_bytes(h, buf, got);
    if (st.st_size > 131072 && fseek(f, -65536L, SEEK_END) == 0) {
        got = fread(buf, 1, 65536, f);
        hash_bytes(h, buf, got);
    }
    free(buf);
    fclose(f);
}

void state_add_chart(RunState *state, const char *stem, uint64_t hash,
                     uint64_t data_hash)
{
    grow_array((void **)&state->charts, &state->cap_charts,
               state->n_charts + 1, sizeof *state->charts);
    state->charts[state->n_charts++] =
        (StateChart){xstrdup(stem), hash, data_hash};
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

const StateChart *state_chart(const RunState *state, const char *stem)
{
    for (size_t i = 0; i < state->n_charts; i++)
        if (strcmp(state->charts[i].stem, stem) == 0)
            return &state->charts[i];
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

static double parse_number(const char *s)
{
    if (strcmp(s, "nan") == 0 || strcmp(s, "-nan") == 0)
        return NAN;
    return strtod(s, NULL);
}

/* "headline M\tC\tN\tV\tD\tG\tP\tH": fields split at tabs in place. */
static int parse_headline(char *line, RunState *state)
{
    char *field[8];
    int n = 0;
    for (char *p = line; n < 8; n++) {
        field[n] = p;
        char *tab = strchr(p, '\t');
        if (!tab) {
            n++;
            break;
        }
        *tab = '\0';
        p = tab + 1;
    }
    if (n != 8)
        return -1;
    StateHeadline h = {field[0], field[1], strtol(field[2], NULL, 10),
                       parse_number(field[3]), strtol(field[4], NULL, 10),
                       parse_number(field[5]), parse_number(field[6]),
                       strtol(field[7], NULL, 10)};
    state_add_headline(state, &h);
    return 0;
}

static int parse_line(char *line, RunState *state)
{
    char stem[1024];
    uint64_t hash, data_hash;
    if (sscanf(line, "report %" SCNx64, &hash) == 1) {
        state->report_hash = hash;
        return 0;
    }
    if (sscanf(line, "chart %1023s %" SCNx64 " %" SCNx64, stem, &hash,
               &data_hash) == 3) {
        state_add_chart(state, stem, hash, data_hash);
        return 0;
    }
    if (strncmp(line, "headline ", 9) == 0)
        return parse_headline(line + 9, state);
    return -1;
}

void state_load(const char *path, RunState *state)
{
    memset(state, 0, sizeof *state);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[4096];
    int ok = fgets(line, sizeof line, f) &&
             strcmp(line, "aigrowth-state 1\n") == 0;
    while (ok && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        ok = parse_line(line, state) == 0;
    }
    fclose(f);
    if (!ok) {
        state_free(state);
        return;
    }
    state->present = 1;
}

/* Whether the file at path holds exactly data, so an unchanged state is
 * not rewritten (its mtime then says when something last changed). */
static int same_content(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char *buf = xmalloc(len + 1);
    size_t got = fread(buf, 1, len + 1, f);
    fclose(f);
    int same = got == len && memcmp(buf, data, len) == 0;
    free(buf);
    return same;
}

int state_save(const char *path, const RunState *state, Error *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        error_set(err, ERR_IO, path, 0, 0, "out of memory");
        return -1;
    }
    fprintf(f, "aigrowth-state 1\nreport %016" PRIx64 "\n",
            state->report_hash);
    for (size_t i = 0; i < state->n_charts; i++)
        fprintf(f, "chart %s %016" PRIx64 " %016" PRIx64 "\n",
                state->charts[i].stem, state->charts[i].hash,
                state->charts[i].data_hash);
    for (size_t i = 0; i < state->n_headlines; i++) {
        const StateHeadline *h = &state->headlines[i];
        fprintf(f, "headline %s\t%s\t%ld\t%.17g\t%ld\t%.17g\t%.17g\t%ld\n",
                h->metric, h->company, h->points, h->latest, h->date, h->cagr,
                h->projected, h->horizon);
    }
    fclose(f);
    int rc = same_content(path, text, len)
                 ? 0
                 : fsutil_write_atomic(path, text, len, err);
    free(text);
    return rc;
}

void state_free(RunState *state)
{
    for (size_t i = 0; i < state->n_charts; i++)
        free(state->charts[i].stem);
    free(state->charts);
    for (size_t i = 0; i < state->n_headlines; i++) {
        free(state->headlines[i].metric);
        free(state->headlines[i].company);
    }
    free(state->headlines);
    memset(state, 0, sizeof *state);
}
