/* state.h - what the last `aigrowth report` run produced, so the next run
 * redraws only charts whose inputs changed, repairs outputs that are not
 * what it wrote, and can say what moved.
 *
 * The state lives in CHARTS_DIR/.aigrowth-state, a small text file:
 *   aigrowth-state 2
 *   report HASH SIZE CONTENT PATH
 *   deck HASH SIZE CONTENT PATH
 *   file NAME SIZE CONTENT
 *   chart STEM HASH DATAHASH
 *   headline METRIC COMPANY POINTS LATEST DATE CAGR PROJECTED HORIZON
 * one space between fields. report records the PDF's inputs (HASH) and
 * the bytes it wrote (SIZE and CONTENT, their hash, at PATH), deck the
 * same of the PowerPoint deck (when one was written); file the
 * same of each chart file (NAME in the charts directory). Hashes are
 * 64-bit FNV-1a in hex, numbers %.17g. Every text field is
 * percent-encoded: bytes up to 0x20 (space, tab, newline), '%' and DEL
 * become %XX, so no data can end a field or start a line.
 *
 * The state only saves work: a file that is missing, of another version,
 * malformed or past the bounds below is ignored (everything is redrawn);
 * but a symbolic link, a FIFO, a directory or a device at its place is
 * refused, since writing beside it would follow someone else's plan. */
#ifndef AIGROWTH_STATE_H
#define AIGROWTH_STATE_H

#include <stddef.h>
#include <stdint.h>
#include "dataset.h"
#include "hash.h"
#include "error.h"
#include "fsutil.h"

/* The running program's build ID, the linker's hash of its code and
 * data (gcc and clang on Debian link one in): *id points into the
 * program's own image. Returns its length; 0 with *id NULL when the
 * program has none. */
size_t program_build_id(const unsigned char **id);
/* A file's identity: its path, device, inode, size and modification
 * time to the nanosecond. For fonts, which are large (17 MB) and change
 * as a whole when they change at all: an edited or replaced file has a
 * new mtime or inode. Inputs whose content is drawn are hashed as
 * loaded, not through this. */
void hash_file_identity(Hash *h, const char *path);

/* The hash of len bytes, as the state records an output's content. */
uint64_t hash_content(const void *data, size_t len);

/* Whether the regular file at path (not through a symbolic link with
 * nofollow) holds size bytes whose hash_content is content. */
int state_file_matches(const char *path, int nofollow, uint64_t size,
                       uint64_t content);

/* Bounds of a state a report can need: more charts than a report may
 * have, or more headlines than a dataset may have series, and the file
 * is not one aigrowth wrote. */
#define STATE_MAX_CHARTS 1000
#define STATE_MAX_FILES (3 * STATE_MAX_CHARTS)
#define STATE_MAX_HEADLINES DATASET_MAX_SERIES
#define STATE_MAX_BYTES (32L * 1024 * 1024)

/* A chart's hash covers everything it depends on; its data hash only the
 * rows it draws, so a run can say why a chart was redrawn. */
typedef struct {
    char *stem;
    uint64_t hash;
    uint64_t data_hash;
} StateChart;

/* An output file as written: its size and hash_content. */
typedef struct {
    char *name;
    uint64_t size;
    uint64_t content;
} StateFile;

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
    StateFile report; /* the PDF: name is its path; NULL when none */
    uint64_t deck_hash;
    StateFile deck;   /* the deck, likewise */
    StateChart *charts;
    size_t n_charts, cap_charts;
    StateFile *files;
    size_t n_files, cap_files;
    StateHeadline *headlines;
    size_t n_headlines, cap_headlines;
} RunState;

/* Reads path into state (caller frees with state_free). Returns 0 with
 * state->present set when it was read, or clear when there is none (or
 * one of an older version); 1 when it was discarded as malformed or too
 * large, with the reason in warning (present clear); -1 with err (ERR_IO)
 * when path is a symbolic link or not a regular file, or cannot be read.
 * Never blocks on a FIFO and never follows a link. */
int state_load(const char *path, RunState *state, char *warning,
               size_t warning_size, Error *err);

/* The file's text for state (appended to out). */
void state_format(const RunState *state, ByteBuf *out);

/* Whether the file at path (not followed) holds exactly text, so an
 * unchanged state is not rewritten (its mtime then says when something
 * last changed). */
int state_file_holds(const char *path, const ByteBuf *text);

void state_free(RunState *state);

/* Add records (strings copied). */
void state_add_chart(RunState *state, const char *stem, uint64_t hash,
                     uint64_t data_hash);
void state_add_file(RunState *state, const char *name, uint64_t size,
                    uint64_t content);
void state_add_headline(RunState *state, const StateHeadline *headline);
/* Sets the report's record; path NULL clears it. */
void state_set_report(RunState *state, uint64_t hash, const char *path,
                      uint64_t size, uint64_t content);

/* Sets the deck's record; path NULL clears it. */
void state_set_deck(RunState *state, uint64_t hash, const char *path,
                    uint64_t size, uint64_t content);

/* The recorded chart / file / headline, or NULL. Borrowed. */
const StateChart *state_chart(const RunState *state, const char *stem);
const StateFile *state_file(const RunState *state, const char *name);
const StateHeadline *state_headline(const RunState *state, const char *metric,
                                    const char *company);

#endif
