/* analysis.h - the one place that decides every number shown: the fit
 * window, the model, the guardrails (too few points, horizon, ceilings),
 * the projection and its calibrated interval, growth figures, crossovers
 * and targets. Charts, captions, key figures, the method page, "What
 * changed", `project` and `backtest` all read a SeriesAnalysis; nothing
 * else calls the fitting code.
 *
 * The projection starts at the latest observation and follows the fitted
 * trend's growth from there (an anchored trend). Its interval is that of a
 * random walk with drift around the trend: the scatter of the growth
 * between successive observations, growing with the lead time, plus the
 * uncertainty of the growth rate itself (see analysis.c). */
#ifndef AIGROWTH_ANALYSIS_H
#define AIGROWTH_ANALYSIS_H

#include <stddef.h>
#include "dataset.h"
#include "error.h"
#include "fit.h"

/* The default model: damped growth, which is the exponential when the
 * data show no slowing; below its 5 points, exponential. */
#define ANALYSIS_DEFAULT_MODEL MODEL_DAMPED

/* Fewer points than this get no trend. */
#define ANALYSIS_MIN_POINTS 3
/* A logistic trend needs this many points. */
#define ANALYSIS_MIN_LOGISTIC 6
/* From this many points, auto chooses by the series' own backtest. */
#define ANALYSIS_AUTO_BACKTEST 8
/* The default horizon is at most this many months after the last date
 * (and never further ahead than the window's observed span). */
#define ANALYSIS_MAX_DEFAULT_MONTHS 12

/* A projection whose interval at the horizon spans more than this factor
 * (hi / lo) is too uncertain to quote: charts and the report say so
 * instead of drawing or printing it. */
#define ANALYSIS_MAX_RANGE 100.0

/* World population, the ceiling of a user count (UN World Population
 * Prospects 2024, 2025 estimate). */
#define ANALYSIS_WORLD_POPULATION 8.2e9

/* What to analyse. since: first day of the fit window (LONG_MIN: none);
 * last: last N points (0: all); as_of: observations after this day are
 * ignored (LONG_MAX: none); horizon: day the projection runs to (0: the
 * default, or horizon_months after the last date when that is set);
 * cap: a ceiling set by hand (NAN: by unit). */
typedef struct {
    Model model;
    long since;
    size_t last;
    long as_of;
    long horizon;
    int horizon_months;
    double level;
    double cap;
    int verified_only;   /* fit only the points confidence_kept keeps:
                            single-source and unverified ones are drawn,
                            never fitted (analysis_series_kept) */
} AnalysisOptions;

/* The defaults: ANALYSIS_DEFAULT_MODEL, no window, no as-of, default
 * horizon, 80% level, ceiling by unit. */
AnalysisOptions analysis_defaults(void);

typedef enum {
    TREND_OK = 0,
    TREND_NOT_ASKED,   /* model none */
    TREND_TOO_FEW,     /* fewer than ANALYSIS_MIN_POINTS in the window */
    TREND_FAILED,      /* the model could not be fitted: why says why */
    TREND_UNVERIFIED   /* --verified-only: no verified point to fit */
} TrendStatus;

/* One series analysed. Plain data; s is borrowed. */
typedef struct {
    const Series *s;
    size_t n;                  /* points up to as_of */
    size_t first, count;       /* the fit window within those */
    TrendStatus status;
    char why[256];             /* no trend: "2 points: too few for a
                                  trend"; "" when status is TREND_OK */
    Fit fit;                   /* the fitted trend (status TREND_OK) */
    Fit alt;                   /* auto: a model as good as fit (backtest
                                  error within 10%, or AICc within 2),
                                  shown as a range; alt.model MODEL_NONE
                                  when there is none */
    double delta_aicc;         /* alt's AICc minus fit's; NAN */
    int auto_by_backtest;      /* auto chose by backtest error, not AICc */
    double cand_error[MODEL_COUNT]; /* auto: each candidate's own backtest
                                  error (median |ln(observed/forecast)|);
                                  NAN when not scored */
    double cand_proj[MODEL_COUNT];  /* auto: each candidate's anchored
                                  projection at the horizon; NAN */
    /* The projection: starts at (t_anchor, v_anchor), the latest
     * observation, and grows as the trend does. */
    double t_anchor, v_anchor; /* years, value */
    double rw_var;             /* per-year variance of the walk (log
                                  scale, or value scale for linear) */
    double span;               /* window span in years */
    int log_scale;             /* projection and interval on ln v */
    double ceiling;            /* NAN when none */
    const char *ceiling_what;  /* "world population", "100%", "cap" */
    double t_ceiling;          /* when the projection meets it; NAN */
    long horizon;              /* day the projection runs to */
    long default_horizon;      /* what the guardrail allows */
    int beyond_default;        /* horizon asked past default_horizon */
    double level;
    double quantile;           /* Student t of the interval, n - 2 df */
    /* Figures. */
    double latest;             /* latest observation (NAN without one) */
    long latest_date;
    double cagr;               /* observed, first to last of the window */
    double recent;             /* observed, over the last 12 months (from
                                  the earliest point 3 to 12 months back) */
    double yoy;                /* observed: latest vs 11-13 months back */
    double trend_rate;         /* the trend's annual growth at the latest
                                  point (e^rate - 1); NAN */
    double doubling_years;     /* at trend_rate; INFINITY when not rising */
    double proj, lo, hi;       /* at horizon; NAN without a trend */
    int too_uncertain;         /* hi / lo > ANALYSIS_MAX_RANGE */
    double alt_proj;           /* alt's projection at horizon; NAN */
} SeriesAnalysis;

/* Analyses s with opt. Never fails: a series without a trend gets a
 * status and a reason. */
void analysis_series(const Series *s, const AnalysisOptions *opt,
                     SeriesAnalysis *out);

/* A series as a fit reads it: the series itself, or under
 * --verified-only copies of its verified points. */
typedef struct {
    Series s;
    int owned;                 /* s's arrays are the view's own */
} FitView;

/* analysis_series of s, or with opt->verified_only of the view of s's
 * points that confidence_kept keeps, written to *view: every figure and
 * the fit then rest on those points only. Release the view with
 * analysis_view_free once the analysis is last read (out->s points into
 * it). A series with no such point is analysed whole without a trend,
 * saying why. */
void analysis_series_kept(const Series *s, const AnalysisOptions *opt,
                          FitView *view, SeriesAnalysis *out);
void analysis_view_free(FitView *view);
/* The view itself: the number of points kept; view->s is s when every
 * point or none is kept, else copies of the kept ones. */
size_t analysis_kept_view(const Series *s, FitView *view);

/* Whether the analysis has a projection. */
int analysis_has_trend(const SeriesAnalysis *a);

/* Whether its projection may be drawn and quoted: a trend whose interval
 * is not too wide (too_uncertain). */
int analysis_quotable(const SeriesAnalysis *a);

/* The projection at t (years): mid and its interval at the analysis'
 * level, capped at the ceiling. Returns -1 (NANs) without a trend or
 * before the anchor. alt: read alt's projection instead. */
int analysis_value_at(const SeriesAnalysis *a, double t, double *mid,
                      double *lo, double *hi);
double analysis_alt_at(const SeriesAnalysis *a, double t);

/* What two series' comparison found. */
typedef enum {
    COMPARE_CROSSES,     /* the one behind passes within the horizon */
    COMPARE_GAINS,       /* the one behind gains, but not within it */
    COMPARE_DIVERGING    /* the gap widens */
} CompareStatus;

typedef struct {
    CompareStatus status;
    int a_leads;               /* a's projection is ahead where the
                               comparison starts (the later of the two
                               latest observations) */
    double t;                  /* crossing (years); NAN */
    double lo, hi;             /* uncertainty of the trend lines (years),
                                  INFINITY: after the horizon, -INFINITY:
                                  before the start */
    double t_start, t_end;     /* the range searched */
    double va, vb;             /* each one's latest observation */
    long da, db;               /* and its date */
} Comparison;

/* Compares two analysed series of one metric and unit, both with a
 * trend. with_interval: bootstrap the date interval of a crossing.
 * Returns -1 when either has no trend. */
int analysis_compare(const SeriesAnalysis *a, const SeriesAnalysis *b,
                     int with_interval, Comparison *out);

/* A crossing two series of a chart show: one passed the other in the
 * data (its latest observation is ahead where it was behind at the later
 * of the two first dates, and the other's latest is not a lower bound),
 * or, failing that, the one behind passes within the horizon at these
 * trends (both quotable; c then holds the comparison). */
typedef struct {
    size_t lead, other;        /* passed: indexes of the one ahead (by
                                  latest observation) and the one passed */
    int passed;                /* 1: in the data; 0: ahead, in c */
    Comparison c;              /* !passed: COMPARE_CROSSES of (a, b) =
                                  (analyses[lead], analyses[other]) with
                                  lead < other by index */
} Crossing;

/* The crossings among n analysed series of one metric and unit, pairs
 * taken in index order, series with skip[i] set (NULL: none) or without
 * observations left out; at most max into out. with_interval as for
 * analysis_compare. Returns how many were found. */
size_t analysis_crossings(const SeriesAnalysis *a, size_t n,
                          const unsigned char *skip, int with_interval,
                          Crossing *out, size_t max);

/* When the projection reaches target. */
typedef enum {
    TARGET_OBSERVED,     /* an observation already reached it */
    TARGET_AT,           /* the projection reaches it at t */
    TARGET_NOT_IN_HORIZON, /* rises, but not by the horizon */
    TARGET_NEVER         /* flat, falling, or above the ceiling */
} TargetStatus;

typedef struct {
    TargetStatus status;
    double t, lo, hi;          /* years; lo/hi as in Comparison */
    double observed;           /* TARGET_OBSERVED: the first value at or
                                  above target, on day observed_date */
    long observed_date;
} TargetResult;

int analysis_target(const SeriesAnalysis *a, double target,
                    TargetResult *out);

/* The series' value at day by log-linear interpolation between its
 * observations up to as_of; NAN outside them (or where a value is not
 * positive). What a rebased chart divides by. */
double analysis_observed_at(const SeriesAnalysis *a, long day);

/* "2 points: too few for a trend" and the like, for tables. */
const char *analysis_why(const SeriesAnalysis *a);

#endif
