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
    const char *source;
    const char *confidence;
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
    size_t missing;            /* rows whose value was missing */
} DataFile;

/* Plain data: read the fields, modify only through the functions below.
 * series[] is valid after dataset_group and until the next load. */
typedef struct {
    Observation *obs;
    size_t n_obs, cap_obs;
    Series *series;
    size_t n_series;
    DataFile *files;
    size_t n_files, cap_files;
    struct StringPool *pool;
} Dataset;

/* Caller owns the result; free with dataset_destroy (NULL is a no-op). */
Dataset *dataset_create(void);
void dataset_destroy(Dataset *ds);

/* Returns the interned copy of s (borrowed; lives as long as ds). */
const char *dataset_intern(Dataset *ds, const char *s);

/* Appends one observation (strings are interned by this call). */
void dataset_add(Dataset *ds, const Observation *o);

/* Groups observations into one Series per (company, metric), sorted by
 * date; series ordered by metric, then company. Fails with ERR_DATA on a
 * duplicate (date, company, metric), naming both lines, or when one series
 * mixes units. Call again after loading more files. */
int dataset_group(Dataset *ds, Error *err);

/* Series of one metric, in dataset order, into out (up to max); returns
 * how many there are (may exceed max). */
size_t dataset_series_of_metric(const Dataset *ds, const char *metric,
                                const Series **out, size_t max);

/* Distinct metric names in order of first appearance in series[]; returns
 * the count, fills up to max. */
size_t dataset_metrics(const Dataset *ds, const char **out, size_t max);

#endif
