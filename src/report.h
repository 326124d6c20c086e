/* report.h - the multi-page PDF report (libharu): cover, key figures, one
 * page per chart with a generated caption, method, sources; in A4, Letter
 * or as 16:9 slides, in English or Traditional Chinese. */
#ifndef AIGROWTH_REPORT_H
#define AIGROWTH_REPORT_H

#include <stddef.h>
#include <time.h>
#include "analysis.h"
#include "backtest.h"
#include "dataset.h"
#include "error.h"
#include "fit.h"
#include "fsutil.h"
#include "i18n.h"
#include "scene.h"
#include "text.h"

/* Page format: A4 and Letter have portrait text pages and landscape chart
 * pages; slides are 16:9 (960 x 540 pt, PowerPoint's widescreen size)
 * throughout, with type sized for a projector. */
typedef enum { REPORT_A4 = 0, REPORT_LETTER, REPORT_SLIDES } ReportPaper;

/* "a4", "letter" or "slides"; returns 0 or -1. */
int report_paper_parse(const char *text, ReportPaper *out);

/* One key-figures row: a series and its analysis (the chart's, for a
 * series a chart shows). Borrowed. */
typedef struct {
    const Series *series;
    const SeriesAnalysis *a;
} ReportRow;

/* Lays a chart's scene out when its page is drawn, so a report of many
 * charts holds one chart's scene at a time: 0 with *scene (caller owns),
 * or -1 with err set. */
typedef int (*ReportLayOut)(const void *ctx, Scene **scene, Error *err);

/* One chart page: a heading for the outline and contents, the chart's
 * scene (or how to lay it out), and what it shows, for the caption:
 * series[i] analysed by analyses[i] (NULL for a bar chart, whose caption
 * names the largest latest values), context[i] set for grey context
 * series (NULL: none). caption, when not NULL, replaces the generated
 * one. All borrowed. */
typedef struct {
    const char *title;
    const Scene *scene;        /* NULL: lay_out(lay_out_ctx) makes it */
    ReportLayOut lay_out;
    const void *lay_out_ctx;
    double width, height;      /* the scene's size, when scene is NULL */
    const Series *const *series;
    const SeriesAnalysis *analyses;
    const unsigned char *context;
    size_t n_series;
    long horizon;
    int bar;
    const char *caption;
    const char *alignment;     /* an aligned chart's origins in words,
                                  said first; NULL: calendar time */
} ReportChart;

/* How one series moved since the previous report (the "What changed"
 * section). points_before is -1 for a series the previous report did not
 * have, points_now -1 for one that is gone. Values NAN when unknown.
 * Strings borrowed. */
typedef struct {
    const char *metric;
    const char *company;
    const char *unit;
    long points_before, points_now;
    double latest_before, latest_now;
    long date_before, date_now;
    double cagr_before, cagr_now;
    double proj_before, proj_now;
    long horizon_before, horizon_now;  /* where each projection is read */
} ReportChange;

/* Everything the report shows; all pointers borrowed. Zero values mean
 * the defaults noted. */
typedef struct {
    const char *title;
    const char *subtitle;      /* NULL or "": none */
    const char *author;        /* NULL or "": none (cover and PDF info) */
    Lang lang;
    ReportPaper paper;
    double level;              /* prediction-interval level; 0: 0.80 */
    const BacktestScore *backtest; /* the default model's backtest on the
                                  report's data, for the method page;
                                  NULL: not run */
    time_t generated;          /* from SOURCE_DATE_EPOCH or now */
    long data_as_of;           /* latest date in the data (day number) */
    const DataFile *files;
    size_t n_files;
    const Dataset *data;       /* its rows, for the sources page; NULL:
                                  none */
    const ReportRow *rows;
    size_t n_rows;
    const ReportChart *charts;
    size_t n_charts;
    int show_changes;          /* a previous report exists: add the "What
                                  changed" section, even when empty */
    const ReportChange *changes;
    size_t n_changes;
} ReportContent;

/* Appends the report's PDF bytes to out (caller owns it); path only names
 * the document in error messages. ERR_RENDER on failure. Safe to run on
 * one thread while others draw charts with the same FontStack. */
int report_render(const ReportContent *content, const FontStack *fs,
                  const char *path, ByteBuf *out, Error *err);

/* Appends the report as a 16:9 PowerPoint deck to out (caller owns): a
 * title slide, the key figures as native tables split as a slides-format
 * PDF splits them, one slide per chart (the chart as SVG with a PNG
 * fallback, described by its alt text, with its title, subtitle and
 * source as text, its caption and method in the notes), and the sources.
 * The package's entries are dated when. ERR_RENDER on failure. */
int report_deck_render(const ReportContent *content, const FontStack *fs,
                       time_t when, ByteBuf *out, Error *err);

/* Writes the report to path atomically. ERR_IO / ERR_RENDER on failure,
 * leaving any previous file at path untouched. */
int report_write(const ReportContent *content, const FontStack *fs,
                 const char *path, Error *err);

/* The key figures of one row as the report prints them (exposed for
 * tests), all read from the row's analysis: the latest observation, the
 * observed growth over the last 12 months and over the window (CAGR),
 * the trend's doubling time, and its projection with interval at its
 * horizon (NAN without a trend). */
typedef struct {
    double latest;
    long latest_date;
    double recent;
    double cagr, doubling_years;
    long horizon;
    int beyond_default;        /* horizon past the default one */
    int capped;                /* the projection met its ceiling */
    int too_uncertain;         /* a trend too uncertain to quote: no
                                  projection printed */
    double proj, lo, hi;
    double r2;
    size_t n;
} ReportFigures;

void report_figures(const ReportRow *row, ReportFigures *out);

/* Byte ranges of the http(s) URLs in text, the only ones the report
 * turns into links: a URL starts at "http://" or "https://" (any case)
 * at the start of text or after a space or an opening bracket or quote,
 * runs to the next space, and loses trailing punctuation and an unmatched
 * closing bracket. Fills up to max; returns the count found. */
typedef struct {
    size_t start, len;
} ReportSpan;

size_t report_find_urls(const char *text, ReportSpan *out, size_t max);

#endif
