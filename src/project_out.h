/* project_out.h - the writers of `aigrowth project`: a terminal table, CSV
 * and JSON of one Projection. They format what the analyses decided and
 * decide nothing: every number is a field of a SeriesAnalysis, Comparison
 * or TargetResult (analysis.h), or analysis_value_at / analysis_alt_at,
 * so the three formats carry the same numbers (CSV and JSON at full
 * precision, %.17g). */
#ifndef AIGROWTH_PROJECT_OUT_H
#define AIGROWTH_PROJECT_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "analysis.h"
#include "cli.h"
#include "i18n.h"

/* Dates --at takes at most. */
#define PROJECT_MAX_AT 16
/* More pairs compared than this: the table lists only those that cross. */
#define PROJECT_TABLE_MAX_PAIRS 20
/* More than this: CSV and JSON list only those that cross. */
#define PROJECT_DATA_MAX_PAIRS 200


/* Two analysed series of one metric and unit: indices into rows, a < b,
 * and what analysis_compare(rows + a, rows + b) found. */
typedef struct {
    size_t a, b;
    Comparison c;
} ProjectPair;

/* One series' time to the target: rc is analysis_target's (-1: no trend,
 * and no observation reached it). */
typedef struct {
    size_t row;
    int rc;
    TargetResult r;
} ProjectTarget;

/* What `project` asked and found. Plain data: every array and string is
 * owned by the caller (cmd_project.c) and borrowed by the writers. */
typedef struct {
    Model model;                /* asked for (MODEL_AUTO too) */
    double level;
    long as_of;                 /* LONG_MAX: none */
    const long *at;             /* --at dates, n_at of them */
    const DatePrecision *at_precision;
    size_t n_at;
    const SeriesAnalysis *rows; /* the selection, in dataset order */
    size_t n_rows;
    ProjectPair *pairs;         /* those listed, n_pairs of them */
    size_t n_pairs;
    size_t pairs_compared;      /* every pair of one metric and unit with
                                   two trends */
    size_t pairs_crossing;      /* of those, COMPARE_CROSSES */
    int crossing_only;          /* pairs holds the crossing ones only */
    int has_target;
    double target;
    const char *target_unit;    /* the unit of the series it applies to */
    ProjectTarget *targets;
    size_t n_targets;
    Lang lang;                  /* of the table and the sentences; CSV and
                                   JSON keys, codes and numbers stay as
                                   they are */
} Projection;

/* Writes p to out as format. Returns 0, or -1 when out has an error after
 * the flush (the caller reports it). */
int project_write(const Projection *p, ResultFormat format, FILE *out);

#endif
