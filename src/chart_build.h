/* chart_build.h - from a dataset and a chart request to a laid-out chart:
 * picks the series, fits each, assigns colours and highlights, calls the
 * layout of the chart's kind. */
#ifndef AIGROWTH_CHART_BUILD_H
#define AIGROWTH_CHART_BUILD_H

#include <stddef.h>
#include "align.h"
#include "chart_bar.h"
#include "chart_facet.h"
#include "chart_line.h"
#include "chart_milestones.h"
#include "csvload.h"
#include "dataset.h"
#include "analysis.h"
#include "error.h"
#include "fit.h"
#include "i18n.h"
#include "scene.h"
#include "text.h"
#include "theme.h"

typedef enum { CHART_LINE, CHART_BAR, CHART_MILESTONES } ChartKind;

/* Series drawn in colour with labels when no --highlight is given; the
 * rest become grey context lines. */
#define CHART_DEFAULT_HIGHLIGHTS 6

/* The most metrics one chart draws (--metric a,b), and a name's bytes. */
#define CHART_METRICS_MAX 2
#define CHART_METRIC_NAME_MAX 128

/* Splits "a" or "a, b" into names[]: 0, or -1 with why ("a name is
 * empty", "more than 2 metrics are named"). */
int chart_metrics_split(const char *list,
                        char names[CHART_METRICS_MAX][CHART_METRIC_NAME_MAX],
                        size_t *n, char *why, size_t size);

/* What to chart. Strings and arrays borrowed. */
typedef struct {
    ChartKind kind;
    const char *metric;            /* required: one name, or two
                                      separated by a comma, each drawn in
                                      its own line style */
    const char *const *companies;  /* NULL: every company with that metric */
    size_t n_companies;
    const char *const *highlight;  /* NULL: the top few by latest value */
    size_t n_highlight;
    const ColorOverride *colors;   /* per-company colours, may be NULL */
    size_t n_colors;
    const ColorOverride *shared_colors; /* the report's [colors], under
                                           the chart's own */
    size_t n_shared_colors;
    const struct CompanyColors *company_order; /* the run's colour order
                                           (company_colors.h); NULL: the
                                           dataset's own */
    const char *title;             /* NULL: the metric's name */
    const char *source;            /* NULL: the outlets of the data's
                                      source column, else its files */
    const char *note;              /* NULL, or added to the source line */
    const char *credit;            /* NULL: "aigrowth" */
    const char *subtitle;          /* NULL: generated */
    double width, height;          /* points */
    AxisChoice axis;
    Model model;                   /* the trend (analysis.h) or MODEL_NONE */
    long horizon;                  /* day number; 0: horizon_months after
                                      each series' latest point, or the
                                      analysis' default horizon */
    int horizon_months;            /* 0: the default horizon */
    double level;                  /* prediction-interval level */
    long since;                    /* fit window: first day, 0 for all */
    size_t last;                   /* fit window: last N points, 0: all */
    long as_of;                    /* only observations up to this day;
                                      0 for all */
    double cap;                    /* a ceiling set by hand; 0: by unit */
    const EventList *events;       /* NULL: no event markers */
    const Theme *theme;            /* NULL: light */
    int transparent;
    Lang lang;
    double type_scale;             /* >1: larger type for slides; 0: 1 */
    double detail;                 /* output pixels per point to hold;
                                      0: 2 (LineChartSpec.detail) */
    double target;                 /* CHART_MILESTONES: the value to
                                      reach, > 0 */
    const char *target_unit;       /* the unit its text named ("USD"), ""
                                      or NULL: the chart's unit */
    const Annotation *notes;       /* line charts: reference lines, shaded
                                      periods, callouts; NULL: none */
    size_t n_notes;
    int check_overlap;             /* tests: fail when labels overlap */
    double index_base;             /* --index B: each series divided by
                                      its value at the start, times B
                                      (100); 0: values as they are */
    long index_at;                 /* --index-at: the start's day; 0: the
                                      latest first date of the series,
                                      where every one has a value */
    int growth;                    /* --growth: "× since start" (the
                                      index with base 1) */
    int verified_only;             /* --verified-only: fit only verified
                                      points; every point is drawn */
    Alignment align;               /* --align: each series on months since
                                      its own origin; kind ALIGN_NONE:
                                      calendar time */
    const LaunchDate *launches;    /* --launch, [launch]: launch dates by
                                      hand, over the events' (align.h) */
    size_t n_launches;
    FacetBy facet;                 /* line charts: small multiples, a
                                      panel per company or metric */
    FacetScale facet_scale;        /* their value axes: shared or free */
    int facet_many;                /* small multiples by company when a
                                      line chart has more series than
                                      CHART_DEFAULT_HIGHLIGHTS and names
                                      no companies, highlight, notes or
                                      events (the report) */
} ChartRequest;

/* A built chart. Owns its arrays and scene; series are borrowed from the
 * dataset. Free with chart_built_free. */
typedef struct {
    const Series **series;
    Series *views;                 /* with as_of: the series cut to it */
    SeriesAnalysis *analyses;      /* every number the chart shows */
    FitView *fitted;               /* what each analysis read: series[i],
                                      or with verified_only the view of its
                                      verified points (analysis_series_kept) */
    Color *colors;
    unsigned char *context;        /* 1: grey context series */
    Milestone *milestones;         /* CHART_MILESTONES: per series, when
                                      it reaches the target; else NULL */
    double *rebase;                /* rebased: what series[i]'s values
                                      and its analysis' numbers are
                                      multiplied by (base / value at the
                                      start); NULL when not rebased */
    Series *rebased;               /* the views drawn, values rebased */
    double *rebased_values;
    long rebase_at;                /* the start's day */
    Origin *origins;               /* aligned: where series[i]'s x is 0;
                                      series[i] is then a view whose dates
                                      are days since it. NULL: calendar */
    Series *aligned;
    int32_t *aligned_dates;
    char no_launch[300];           /* launch-aligned: the companies left
                                      out for want of a launch date, ""
                                      when none (the commands say how to
                                      give one) */
    char align_words[900];         /* aligned: "Aligned on each company's
                                      first report: OpenAI Oct 2023, ...",
                                      with the series left out; "" */
    char align_left_out[400];      /* aligned: the note's clauses naming
                                      the series left out, "" */
    size_t n;
    unsigned char *style;          /* per series: which of the request's
                                      metrics it is (0 or 1) */
    char metrics[CHART_METRICS_MAX][CHART_METRIC_NAME_MAX];
    size_t n_metrics;
    char metric_name[2 * CHART_METRIC_NAME_MAX + 16]; /* "Weekly active
                                      users and monthly active users", in
                                      the language */
    FacetBy facet;                 /* as drawn: the request's, by metric
                                      for two metrics of two units, by
                                      company for facet_many */
    long horizon;                  /* the latest of the series' horizons */
    const char *unit;              /* the chart's unit (interned) */
    char left_out[512];            /* series left out for another unit,
                                      "" when none */
    char color_warning[300];       /* "" or two companies whose colours
                                      readers may not tell apart */
    char source_line[640];         /* "Source: Reuters, CNBC · Chart:
                                      aigrowth", with the note */
    Scene *scene;
} ChartBuilt;

/* Whether req's series (its metric, its companies) are a cross-section:
 * two or more, each of one point. A line chart of them is a column of
 * dots, so chart and report draw their bars when no type was given. */
int chart_is_cross_section(const Dataset *ds, const ChartRequest *req);

/* Whether the request asks for what only a line chart draws: a rebased
 * or aligned view, small multiples, or notes. */
int chart_wants_line(const ChartRequest *req);

/* The analysis options a chart request stands for. */
AnalysisOptions chart_analysis_options(const ChartRequest *req);

/* chart_select, then chart_draw. On an error out is freed. */
int chart_build(const Dataset *ds, const ChartRequest *req,
                const FontStack *fs, ChartBuilt *out, Error *err);

/* The first half: which series, cut to as_of, in one unit, which are
 * grey context; the source line. A run plans its colours between the
 * halves (company_colors_plan). */
int chart_select(const Dataset *ds, const ChartRequest *req, ChartBuilt *out,
                 Error *err);
/* The second half: colours, analyses and the scene (chart_analyse, then
 * chart_lay_out into out->scene). */
int chart_draw(const Dataset *ds, const ChartRequest *req,
               const FontStack *fs, ChartBuilt *out, Error *err);
/* Colours, analyses, rebasing and milestones: every number, no scene.
 * On an error out is freed. */
int chart_analyse(const Dataset *ds, const ChartRequest *req,
                  ChartBuilt *out, Error *err);
/* A new scene of the analysed chart c (caller owns *scene), with its
 * info (title, alt text, source line): the same bytes each time, so a
 * run lays a chart out where it draws it and keeps no scene. c, and the
 * dataset it borrows from, are only read. */
int chart_lay_out(const ChartRequest *req, const FontStack *fs,
                  const ChartBuilt *c, Scene **scene, Error *err);
void chart_built_free(ChartBuilt *chart);

#endif
