/* dataset.h - observations from CSV files, grouped into series. */
#ifndef AIGROWTH_DATASET_H
#define AIGROWTH_DATASET_H

#include <stddef.h>
#include <stdint.h>
#include "dates.h"
#include "error.h"
#include "parse_value.h"

/* One row of a data file: what dataset_add takes and dataset_cursor_next
 * gives back. Strings given to dataset_add are copied (interned); strings
 * given back are interned in the Dataset (borrowed; valid until
 * dataset_destroy). Optional fields are "" when the file has no such
 * column. */
typedef struct {
    long date;                 /* day number, see dates.h */
    DatePrecision precision;
    double value;
    ValueQualifier qualifier;  /* 約 about, 逾 at least; VALUE_EXACT */
    const char *company;       /* given back: the spelling kept once grouped */
    const char *metric;
    const char *unit;
    const char *basis;
    const char *source;
    const char *confidence;
    const char *note;
    const char *file;          /* path as given to csvload_file */
    long line;                 /* 1-based physical line of the record */
    long column;               /* 0-based field of the value: a wide file
                                  has one row per company column on a line */
} Observation;

/* One company's values of one metric, sorted by date, ascending. Arrays
 * are owned by the Dataset. company/metric/unit/file are interned. */
typedef struct {
    const char *company;
    const char *metric;
    const char *unit;
    const char *file;
    size_t n;
    int32_t *date;             /* day number, see dates.h */
    uint8_t *precision;        /* DatePrecision of each date */
    double *value;
    uint32_t *line;            /* source line of each point */
    uint8_t *qualifier;        /* ValueQualifier and Confidence of each
                                  value (series_qualifier,
                                  series_confidence); NULL: all exact and
                                  unstated (series built by hand) */
} Series;

/* How well a row's figure is attested, from its confidence column:
 * "verified" (two independent sources, or a company statement),
 * "single-source", "unverified" / "reported, unverified"; rows that state
 * none (no such column, an empty cell, a word not known) are
 * CONFIDENCE_UNSTATED and drawn and fitted as verified ones. */
typedef enum {
    CONFIDENCE_UNSTATED = 0,
    CONFIDENCE_VERIFIED = 1,
    CONFIDENCE_SINGLE = 2,
    CONFIDENCE_UNVERIFIED = 3
} Confidence;

/* The level a confidence cell names, case-insensitively: verified,
 * confirmed, confident; single-source, single source, likely;
 * unverified, reported, unverified, speculative. */
Confidence confidence_of(const char *text);

/* Whether --verified-only keeps a row of this confidence. */
static inline int confidence_kept(Confidence c)
{
    return c == CONFIDENCE_VERIFIED || c == CONFIDENCE_UNSTATED;
}

/* A point's qualifier byte holds its ValueQualifier in the low four bits
 * and its Confidence above them. */
#define SERIES_QUALIFIER_MASK 0x0F
#define SERIES_CONFIDENCE_SHIFT 4

/* What point k says of its value (約 about, 逾 at least). */
static inline ValueQualifier series_qualifier(const Series *s, size_t k)
{
    return s->qualifier
               ? (ValueQualifier)(s->qualifier[k] & SERIES_QUALIFIER_MASK)
               : VALUE_EXACT;
}

/* How well point k is attested. */
static inline Confidence series_confidence(const Series *s, size_t k)
{
    return s->qualifier
               ? (Confidence)(s->qualifier[k] >> SERIES_CONFIDENCE_SHIFT)
               : CONFIDENCE_UNSTATED;
}

/* One loaded file, for the report's cover and sources pages. */
typedef struct {
    const char *path;          /* interned */
    size_t rows;               /* observations loaded (missing values excluded) */
    size_t missing;            /* values that were missing (gaps) */
    size_t skipped;            /* repeated header lines and duplicate rows */
    const char *format;        /* "long", "wide" or "data-hub" (static) */
    char delimiter;            /* ',', ';' or '\t' */
    int has_sources;           /* has a source column */
} DataFile;

/* More series than this are refused by dataset_group: charts and the
 * report are not made for more, and a file with a company per row is
 * usually in the wrong format. */
#define DATASET_MAX_SERIES 10000
/* More points in one series than this are refused by dataset_group: a
 * century of daily values. */
#define DATASET_MAX_POINTS 100000
/* More observations in one dataset than this are refused by the loader. */
#define DATASET_MAX_OBSERVATIONS 1000000

/* Plain data: read the fields, modify only through the functions below.
 * series[] is valid after dataset_group and until the next load. The
 * rows themselves are kept in compact columns (dataset.c); read them in
 * load order with a DatasetCursor. */
typedef struct {
    size_t n_obs;              /* rows kept, in all files */
    Series *series;
    size_t n_series;
    DataFile *files;
    size_t n_files, cap_files;
    char **warnings;           /* "FILE:LINE: text", owned, in load order */
    size_t n_warnings, cap_warnings;
    size_t warnings_dropped;   /* past DATASET_MAX_WARNINGS: counted only */
    struct StringPool *pool;
    struct RowStore *rows;
} Dataset;

/* Caller owns the result; free with dataset_destroy (NULL is a no-op). */
Dataset *dataset_create(void);
void dataset_destroy(Dataset *ds);

/* Returns the interned copy of s (borrowed; lives as long as ds). */
const char *dataset_intern(Dataset *ds, const char *s);

/* Appends one observation (strings are interned by this call). Rows are
 * kept in the order added; line and column must fit 32 bits. */
void dataset_add(Dataset *ds, const Observation *o);

/* Where a load started: dataset_rollback takes back every row, warning
 * and count added since. */
typedef struct {
    size_t groups, obs, warnings, warnings_dropped;
} DatasetMark;

/* Records the state of ds before a load; rows added after it never join
 * rows added before it in storage, so that they can be taken back. */
void dataset_mark(Dataset *ds, DatasetMark *mark);
/* Drops what was added since mark (a failed load). No dataset_group may
 * have run since dataset_mark. */
void dataset_rollback(Dataset *ds, const DatasetMark *mark);

/* Moves every row of from to the end of ds, lines shifted by
 * line_offset: from holds the rows of the rest of the file ds is reading
 * (read from a later point, its lines counted from there), all in order
 * and of that file, and no warning. Returns 0; or -1, changing nothing,
 * when from's rows are not so (the caller then reads that part itself).
 * from keeps no row; the caller still destroys it. */
int dataset_append(Dataset *ds, Dataset *from, long line_offset);

/* Every row kept, in load order, one at a time. The cursor borrows ds,
 * which must not change while it is in use. */
typedef struct DatasetCursor DatasetCursor;

/* Caller owns the result; free with dataset_cursor_destroy (NULL is a
 * no-op). */
DatasetCursor *dataset_cursor_create(const Dataset *ds);
/* Fills *o with the next row and returns 1, or returns 0 at the end. */
int dataset_cursor_next(DatasetCursor *c, Observation *o);
void dataset_cursor_destroy(DatasetCursor *c);

/* Every row kept, in load order, as an array of ds->n_obs (caller
 * frees): 96 bytes a row, for tests and small data; prefer a cursor. */
Observation *dataset_rows(const Dataset *ds);

/* Warnings kept; more are only counted in warnings_dropped, so a file of
 * a million repeated rows does not hold (or print) a million lines. */
#define DATASET_MAX_WARNINGS 1000

/* Appends a warning "FILE:LINE: text" (line 0: "FILE: text"), or counts
 * it in warnings_dropped past DATASET_MAX_WARNINGS. */
void dataset_warn(Dataset *ds, const char *file, long line, const char *fmt,
                  ...) __attribute__((format(printf, 4, 5)));

/* Drops warnings past the first n and sets warnings_dropped to dropped
 * (a failed load takes its own back). */
void dataset_truncate_warnings(Dataset *ds, size_t n, size_t dropped);

/* Groups observations into one Series per (company, metric), sorted by
 * date; series ordered by metric, then company. Companies spelled alike
 * but for ASCII case ("OpenAI", "openai") are merged under the first
 * spelling, and a row repeating another exactly (date, company, metric,
 * value, unit) is dropped, each with a warning. Fails with ERR_DATA on
 * two different values for one (date, company, metric), naming both
 * lines, when one series mixes units, past DATASET_MAX_SERIES series or
 * DATASET_MAX_POINTS points in a series.
 * Call again after loading more files. */
int dataset_group(Dataset *ds, Error *err);

/* Series of one metric, in dataset order, into out (up to max); returns
 * how many there are (may exceed max). */
size_t dataset_series_of_metric(const Dataset *ds, const char *metric,
                                const Series **out, size_t max);

/* Distinct metric names in order of first appearance in series[]; returns
 * the count, fills up to max. */
size_t dataset_metrics(const Dataset *ds, const char **out, size_t max);

#endif
