/* state.h - what the last `aigrowth report` run produced, so the next run
 * redraws only charts whose inputs changed and can say what moved.
 *
 * The state lives in CHARTS_DIR/.aigrowth-state, a small text file:
 *   aigrowth-state 1
 *   report HASH
 *   chart STEM HASH DATAHASH
 *   headline METRIC<TAB>COMPANY<TAB>POINTS<TAB>LATEST<TAB>DATE<TAB>CAGR
 *            <TAB>PROJECTED<TAB>HORIZON
 * Hashes are 64-bit FNV-1a in hex; numbers are %.17g. A company name
 * holding a tab or newline makes the file unreadable next time, which
 * only costs a full redraw: the state saves work, it is never needed. */
#ifndef AIGROWTH_STATE_H
#define AIGROWTH_STATE_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"

/* Incremental 64-bit FNV-1a: not cryptographic, only a change detector. */
typedef struct {
    uint64_t h;
} Hash;

void hash_init(Hash *h);
void hash_bytes(Hash *h, const void *data, size_t len);
/* Strings are hashed with their terminating NUL, so "ab","c" and "a","bc"
 * differ; NULL hashes like a distinct empty value. */
void hash_str(Hash *h, const char *s);
void hash_long(Hash *h, long v);
void hash_double(Hash *h, double v);
/* The running program's build ID, the linker's hash of its code and
 * data (gcc and clang on Debian link one in): *id points into the
 * program's own image. Returns its length; 0 with *id NULL when the
 * program has none. */
size_t program_build_id(const unsigned char **id);
/* A file's identity: its path, size and contents' first and last 64 KiB
 * (fonts are large and change as a whole when they change at all). */
void hash_file(Hash *h, const char *path);

/* A chart's hash covers everything it depends on; its data hash only the
 * rows it draws, so a run can say why a chart was redrawn. */
typedef struct {
    char *stem;
    uint64_t hash;
    uint64_t data_hash;
} StateChart;

/* The headline numbers of one series in the last report. */
typedef struct {
    char *metric;
    char *company;
    long points;
    double latest;
    long date;        /* day number of the latest point */
    double cagr;      /* NAN when not fitted */
    double projected; /* at horizon; NAN when not fitted */
    long horizon;     /* day number the projection is read at */
} StateHeadline;

typedef struct {
    int present;      /* a previous run's file was read */
    uint64_t report_hash;
    StateChart *charts;
    size_t n_charts, cap_charts;
    StateHeadline *headlines;
    size_t n_headlines, cap_headlines;
} RunState;

/* Reads path into state. A missing file is an empty state (present = 0),
 * not an error; a malformed one is ignored the same way, since the state
 * only saves work. Caller frees with state_free. */
void state_load(const char *path, RunState *state);

/* Writes state atomically, unless the file already holds the same. */
int state_save(const char *path, const RunState *state, Error *err);

void state_free(RunState *state);

/* Adds a chart or a headline (strings copied). */
void state_add_chart(RunState *state, const char *stem, uint64_t hash,
                     uint64_t data_hash);
void state_add_headline(RunState *state, const StateHeadline *headline);

/* The recorded chart, or NULL when unknown. Borrowed. */
const StateChart *state_chart(const RunState *state, const char *stem);

/* The recorded headline of a series, or NULL. Borrowed. */
const StateHeadline *state_headline(const RunState *state, const char *metric,
                                    const char *company);

#endif
