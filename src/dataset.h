/* dataset.h - observations from CSV files, grouped into series. */
#ifndef AIGROWTH_DATASET_H
#define AIGROWTH_DATASET_H

#include <stddef.h>
#include "dates.h"
#include "error.h"

/* One row of a data file. Every string is interned in the owning Dataset
 * (borrowed; valid until dataset_destroy); optional fields are "" when the
 * file has no such column. */
typedef struct {
    long date;                 /* day number, see dates.h */
    DatePrecision precision;
    double value;
    const char *company;
    const char *metric;
    const char *unit;
    const char *basis;
    const char *source;
    const char *confidence;
    const char *note;
    const char *file;          /* path as given to csvload_file */
    long line;                 /* 1-based physical line of the record */
} Observation;

/* One company's values of one metric, sorted by date, ascending. Arrays
 * are owned by the Dataset. company/metric/unit/file are interned. */
typedef struct {
    const char *company;
    const char *metric;
    const char *unit;
    const char *file;
    size_t n;
    long *date;
    DatePrecision *precision;
    double *value;
    long *line;                /* source line of each point */
} Series;

/* One loaded file, for the report's cover and sources pages. */
typedef struct {
    const char *path;          /* interned */
    size_t rows;               /* observations loaded (missing values excluded) */
    size_t missing;            /* values that were missing (gaps) */
    size_t skipped;            /* repeated header lines and duplicate rows */
    const char *format;        /* "long", "wide" or "data-hub" (static) */
    char delimiter;            /* ',', ';' or '\t' */
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
 * series[] is valid after dataset_group and until the next load. */
typedef struct {
    Observation *obs;
    size_t n_obs, cap_obs;
    Series *series;
    size_t n_series;
    DataFile *files;
    size_t n_files, cap_files;
    char **warnings;           /* "FILE:LINE: text", owned, in load order */
    size_t n_warnings, cap_warnings;
    size_t warnings_dropped;   /* past DATASET_MAX_WARNINGS: counted only */
    struct StringPool *pool;
} Dataset;

/* Caller owns the result; free with dataset_destroy (NULL is a no-op). */
Dataset *dataset_create(void);
void dataset_destroy(Dataset *ds);

/* Returns the interned copy of s (borrowed; lives as long as ds). */
const char *dataset_intern(Dataset *ds, const char *s);

/* Appends one observation (strings are interned by this call). */
void dataset_add(Dataset *ds, const Observation *o);

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
