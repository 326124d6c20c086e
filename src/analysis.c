/* analysis.c - every number shown about a series: window, model,
 * guardrails, anchored projection with its interval, growth figures,
 * crossovers and targets. Pure: no I/O.
 *
 * Why anchored, and why this interval: fitted on the shipped data, a
 * least-squares trend's residuals come in long runs of one sign (growth
 * speeds up or slows down), so the line ends away from the latest
 * observation and its iid prediction interval covered about 60% of later
 * observations at a stated 80%. The projection here starts at the latest
 * observation and follows the trend's growth; its uncertainty is that of
 * a random walk with drift: each year's growth scatters around the
 * trend's with variance rw_var, measured from the growth between
 * successive observations, so after h years the variance of ln v is
 * rw_var * (h + h^2 / span), the second term being the uncertainty of the
 * growth rate over a window of that span. `aigrowth backtest` measures
 * what it covers. */
#include "analysis.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "dates.h"
#include "util.h"

#define LN2 0.693147180559945309417232121458176568
/* Crossings and ceilings are searched on this many steps, then bisected. */
#define SEARCH_STEPS 16

static double cap(const SeriesAnalysis *a, double v);

AnalysisOptions analysis_defaults(void)
{
    return (AnalysisOptions){.model = ANALYSIS_DEFAULT_MODEL,
                             .since = LONG_MIN, .last = 0,
                             .as_of = LONG_MAX, .horizon = 0,
                             .horizon_months = 0, .level = 0.80,
                             .cap = NAN};
}

/* ---- observed growth ------------------------------------------------ */

/* Annualised growth from point j to point k of s; NAN unless both are
 * positive and apart in time. */
static double annual_growth(const Series *s, size_t j, size_t k)
{
    double days = (double)(s->date[k] - s->date[j]);
    if (!(days > 0) || !(s->value[j] > 0) || !(s->value[k] > 0))
        return NAN;
    double r = pow(s->value[k] / s->value[j], DAYS_PER_YEAR / days) - 1;
    return isfinite(r) ? r : NAN;
}

/* The latest of n points against the one closest to a year before it, 11
 * to 13 months back. */
static double yoy_growth(const Series *s, size_t n)
{
    if (n < 2)
        return NAN;
    size_t last = n - 1, best = last;
    double best_gap = 1e300;
    for (size_t j = 0; j < last; j++) {
        double days = (double)(s->date[last] - s->date[j]);
        if (days < 334 || days > 397)
            continue;
        double gap = fabs(days - DAYS_PER_YEAR);
        if (gap < best_gap) {
            best_gap = gap;
            best = j;
        }
    }
    return best == last ? NAN : annual_growth(s, best, last);
}

/* The latest point against the earliest 6 to 12 months before it: a
 * shorter span would multiply a quarter's noise into a year. */
static double recent_growth(const Series *s, size_t n)
{
    if (n < 2)
        return NAN;
    long last = s->date[n - 1];
    long from = date_add_months(last, -12), to = date_add_months(last, -6);
    for (size_t j = 0; j + 1 < n; j++)
        if (s->date[j] >= from && s->date[j] <= to)
            return annual_growth(s, j, n - 1);
    return NAN;
}

/* ---- the trend ------------------------------------------------------ */

static void set_why(SeriesAnalysis *a, TrendStatus status, const char *fmt,
                    ...) __attribute__((format(printf, 3, 4)));

static void set_why(SeriesAnalysis *a, TrendStatus status, const char *fmt,
                    ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->why, sizeof a->why, fmt, ap);
    va_end(ap);
    a->status = status;
}

/* The value the trend is anchored on moves the fitted curve so that it
 * passes through (t, v): a shift of ln v (exp, damped), of v (linear),
 * or a scale of the ceiling (logistic). */
static void anchor_fit(Fit *f, double t, double v)
{
    double at = fit_predict(f, t);
    switch (f->model) {
    case MODEL_EXP:
        f->line.b0 += log(v) - log(at);
        f->par[0] = f->line.b0;
        break;
    case MODEL_DAMPED:
        f->par[0] += log(v) - log(at);
        break;
    case MODEL_LINEAR:
        f->line.b0 += v - at;
        f->par[0] = f->line.b0;
        break;
    case MODEL_LOGISTIC:
        f->par[0] *= v / at;
        break;
    default:
        break;
    }
}

static int on_log_scale(Model m)
{
    return m != MODEL_LINEAR;
}

/* The trend's own value on the scale of the walk. */
static double trend_scaled(const SeriesAnalysis *a, const Fit *f, double t)
{
    return a->log_scale ? fit_predict_log(f, t) : fit_predict(f, t);
}

/* Variance per year of the walk: the growth between successive
 * observations of the window against the trend's growth over the same
 * time, each squared deviation divided by its time step; n - 2 degrees of
 * freedom (the trend took the level and the rate). */
static double walk_variance(const SeriesAnalysis *a)
{
    const Series *s = a->s;
    double sum = 0;
    for (size_t i = a->first + 1; i < a->first + a->count; i++) {
        double t0 = date_to_years(s->date[i - 1]);
        double t1 = date_to_years(s->date[i]);
        double y0 = a->log_scale ? log(s->value[i - 1]) : s->value[i - 1];
        double y1 = a->log_scale ? log(s->value[i]) : s->value[i];
        double dev = (y1 - y0) - (trend_scaled(a, &a->fit, t1) -
                                  trend_scaled(a, &a->fit, t0));
        sum += dev * dev / (t1 - t0);
    }
    return sum / (double)(a->count - 2);
}

/* Points each model needs before it is tried. */
static size_t model_min_points(Model m)
{
    switch (m) {
    case MODEL_DAMPED: return FIT_MIN_DAMPED;
    case MODEL_LOGISTIC: return ANALYSIS_MIN_LOGISTIC;
    default: return ANALYSIS_MIN_POINTS;
    }
}

static int compare_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* Median |ln(v_j / forecast)| of model m's anchored forecasts, each made
 * from a prefix of the points (as of its last point) for every later
 * point: the series' own rolling-origin backtest. NAN when no prefix is
 * long enough for m. */
static double own_backtest_error(Model m, const double *t, const double *v,
                                 size_t n)
{
    size_t cap = n * n / 2 + 1, count = 0;
    double *err = xmalloc_array(cap, sizeof *err);
    for (size_t k = model_min_points(m); k < n; k++) {
        Fit f;
        Error e;
        error_clear(&e);
        if (fit_model(m, t, v, k, &f, &e) != 0)
            continue;
        double base = fit_predict(&f, t[k - 1]);
        for (size_t j = k; j < n && count < cap; j++) {
            double p = v[k - 1] * fit_predict(&f, t[j]) / base;
            if (p > 0 && v[j] > 0 && isfinite(p))
                err[count++] = fabs(log(v[j] / p));
        }
    }
    double med = NAN;
    if (count) {
        qsort(err, count, sizeof *err, compare_double);
        med = count % 2 ? err[count / 2]
                        : 0.5 * (err[count / 2 - 1] + err[count / 2]);
    }
    free(err);
    return med;
}

/* Auto: every model the points allow. From ANALYSIS_AUTO_BACKTEST points
 * the one whose own backtest misses least wins, a runner-up within 10%
 * of its error counting as indistinguishable; with fewer, the smallest
 * AICc (on the value scale, comparable across models), a runner-up
 * within 2. The runner-up is kept as alt, shown as a range. */
static int fit_auto_choice(const double *t, const double *v, size_t n,
                           SeriesAnalysis *a, Error *err)
{
    static const Model order[] = {MODEL_EXP, MODEL_DAMPED, MODEL_LINEAR,
                                  MODEL_LOGISTIC};
    enum { N_ORDER = sizeof order / sizeof order[0] };
    Fit fits[N_ORDER];
    double score[N_ORDER];
    double cand[MODEL_COUNT];
    for (int m = 0; m < MODEL_COUNT; m++)
        cand[m] = NAN;
    int by_backtest = n >= ANALYSIS_AUTO_BACKTEST;
    Error first;
    error_clear(&first);
    size_t have = 0;
    for (size_t k = 0; k < N_ORDER; k++) {
        score[k] = NAN;
        fits[k].model = MODEL_NONE;
        if (n < model_min_points(order[k]) || n < FIT_AUTO_MIN_POINTS)
            continue;
        Error e;
        error_clear(&e);
        if (fit_model(order[k], t, v, n, &fits[k], &e) != 0 ||
            !isfinite(fits[k].aicc)) {
            fits[k].model = MODEL_NONE;
            if (first.kind == ERR_NONE)
                first = e;
            continue;
        }
        cand[order[k]] = fits[k].aicc;
        score[k] = by_backtest ? own_backtest_error(order[k], t, v, n)
                               : fits[k].aicc;
        have += isfinite(score[k]);
    }
    if (have == 0) {
        if (first.kind != ERR_NONE)
            *err = first;
        else
            error_set(err, ERR_DATA, NULL, 0, 0,
                      "%zu points: auto compares models from %d", n,
                      FIT_AUTO_MIN_POINTS);
        return -1;
    }
    size_t best = N_ORDER, second = N_ORDER;
    for (size_t k = 0; k < N_ORDER; k++) {
        if (!isfinite(score[k]))
            continue;
        if (best == N_ORDER || score[k] < score[best]) {
            second = best;
            best = k;
        } else if (second == N_ORDER || score[k] < score[second]) {
            second = k;
        }
    }
    for (size_t k = 0; k < N_ORDER; k++) {
        if (fits[k].model == MODEL_NONE)
            continue;
        if (by_backtest)
            a->cand_error[order[k]] = score[k];
        Fit anchored = fits[k];
        anchor_fit(&anchored, t[n - 1], v[n - 1]);
        a->cand_proj[order[k]] = cap(a, fit_predict(&anchored,
                                                    date_to_years(a->horizon)));
    }
    a->fit = fits[best];
    a->fit.requested = MODEL_AUTO;
    for (int m = 0; m < MODEL_COUNT; m++)
        a->fit.cand_aicc[m] = cand[m];
    a->auto_by_backtest = by_backtest;
    if (second != N_ORDER &&
        (by_backtest ? score[second] <= 1.1 * score[best]
                     : score[second] - score[best] < 2)) {
        a->alt = fits[second];
        a->delta_aicc = fits[second].aicc - fits[best].aicc;
    }
    return 0;
}

/* The model asked for, or the exponential where a damped trend has too
 * few points (damped is the exponential when growth does not slow). */
static int fit_window_points(SeriesAnalysis *a, Model model)
{
    const Series *s = a->s;
    double *t = xmalloc_array(a->count, sizeof *t);
    for (size_t j = 0; j < a->count; j++)
        t[j] = date_to_years(s->date[a->first + j]);
    const double *v = s->value + a->first;
    Error err;
    error_clear(&err);
    int rc;
    if (model == MODEL_AUTO) {
        rc = fit_auto_choice(t, v, a->count, a, &err);
    } else {
        if (model == MODEL_DAMPED && a->count < FIT_MIN_DAMPED)
            model = MODEL_EXP;
        if (model == MODEL_LOGISTIC && a->count < ANALYSIS_MIN_LOGISTIC) {
            error_set(&err, ERR_DATA, NULL, 0, 0,
                      "%zu points: a logistic trend needs at least %d",
                      a->count, ANALYSIS_MIN_LOGISTIC);
            rc = -1;
        } else {
            rc = fit_model(model, t, v, a->count, &a->fit, &err);
        }
    }
    free(t);
    if (rc != 0)
        set_why(a, TREND_FAILED, "%s", err.message);
    return rc;
}

/* The default horizon: never further ahead than the window's observed
 * span, nor past ANALYSIS_MAX_DEFAULT_MONTHS after the last date. */
static long default_horizon(const SeriesAnalysis *a)
{
    long last = a->latest_date;
    long span = a->count ? last - a->s->date[a->first] : 0;
    long cap = date_add_months(last, ANALYSIS_MAX_DEFAULT_MONTHS);
    return last + span < cap ? last + span : cap;
}

static void set_horizon(SeriesAnalysis *a, const AnalysisOptions *opt)
{
    a->default_horizon = default_horizon(a);
    if (opt->horizon)
        a->horizon = opt->horizon;
    else if (opt->horizon_months)
        a->horizon = date_add_months(a->latest_date, opt->horizon_months);
    else
        a->horizon = a->default_horizon;
    a->beyond_default = a->horizon > a->default_horizon;
}

static int is_user_count(const Series *s)
{
    return strcmp(s->unit, "users") == 0 || strstr(s->metric, "users");
}

static void set_ceiling(SeriesAnalysis *a, const AnalysisOptions *opt)
{
    a->ceiling = NAN;
    a->ceiling_what = "";
    if (isfinite(opt->cap)) {
        a->ceiling = opt->cap;
        a->ceiling_what = "cap";
    } else if (strcmp(a->s->unit, "%") == 0) {
        a->ceiling = 100;
        a->ceiling_what = "100%";
    } else if (is_user_count(a->s)) {
        a->ceiling = ANALYSIS_WORLD_POPULATION;
        a->ceiling_what = "world population";
    }
}

/* Unclipped projection on the walk's scale. */
static double anchored_scaled(const SeriesAnalysis *a, const Fit *f,
                              double t)
{
    return trend_scaled(a, f, t);
}

static double unscale(const SeriesAnalysis *a, double y)
{
    return a->log_scale ? exp(y) : y;
}

/* First time in (t0, t1] the projection reaches the ceiling; NAN. */
static double ceiling_time(const SeriesAnalysis *a, double t0, double t1)
{
    double c = a->log_scale ? log(a->ceiling) : a->ceiling;
    double tp = t0;
    for (int k = 1; k <= SEARCH_STEPS; k++) {
        double tk = t0 + (t1 - t0) * k / SEARCH_STEPS;
        if (anchored_scaled(a, &a->fit, tk) < c) {
            tp = tk;
            continue;
        }
        double lo = tp, hi = tk;
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            if (anchored_scaled(a, &a->fit, mid) < c)
                lo = mid;
            else
                hi = mid;
        }
        return hi;
    }
    return NAN;
}

/* The trend's instantaneous growth rate (per year, on ln v) at t. */
static double log_rate(const Fit *f, double t)
{
    double h = 1.0 / 365.0;
    double a = fit_predict(f, t - h), b = fit_predict(f, t + h);
    if (!(a > 0) || !(b > 0))
        return NAN;
    return (log(b) - log(a)) / (2 * h);
}

static void set_figures(SeriesAnalysis *a)
{
    double t1 = date_to_years(a->horizon);
    double rate = log_rate(&a->fit, a->t_anchor);
    a->trend_rate = isfinite(rate) ? expm1(rate) : NAN;
    a->doubling_years = rate > 0 ? LN2 / rate : isfinite(rate) ? INFINITY
                                                                : NAN;
    if (isfinite(a->ceiling))
        a->t_ceiling = ceiling_time(a, a->t_anchor, t1);
    analysis_value_at(a, t1, &a->proj, &a->lo, &a->hi);
    a->alt_proj = analysis_alt_at(a, t1);
    a->too_uncertain = a->log_scale ? a->hi > ANALYSIS_MAX_RANGE * a->lo
                                    : a->lo > 0 &&
                                          a->hi > ANALYSIS_MAX_RANGE * a->lo;
}

void analysis_series(const Series *s, const AnalysisOptions *opt,
                     SeriesAnalysis *out)
{
    memset(out, 0, sizeof *out);
    SeriesAnalysis *a = out;
    a->s = s;
    a->fit.model = a->alt.model = MODEL_NONE;
    a->level = opt->level > 0 && opt->level < 1 ? opt->level : 0.80;
    a->latest = a->cagr = a->recent = a->yoy = a->trend_rate = NAN;
    a->doubling_years = a->proj = a->lo = a->hi = a->alt_proj = NAN;
    a->t_anchor = a->v_anchor = a->rw_var = a->t_ceiling = NAN;
    a->delta_aicc = NAN;
    for (int m = 0; m < MODEL_COUNT; m++)
        a->cand_error[m] = a->cand_proj[m] = NAN;
    a->ceiling = NAN;
    a->ceiling_what = "";
    while (a->n < s->n && s->date[a->n] <= opt->as_of)
        a->n++;
    if (a->n == 0) {
        set_why(a, TREND_TOO_FEW, "no observations");
        return;
    }
    a->latest = s->value[a->n - 1];
    a->latest_date = s->date[a->n - 1];
    a->count = fit_window(s->date, a->n, opt->since, opt->last, &a->first);
    a->yoy = yoy_growth(s, a->n);
    a->recent = recent_growth(s, a->n);
    if (a->count >= 2 &&
        a->latest_date - s->date[a->first] >= DAYS_PER_YEAR / 2)
        a->cagr = annual_growth(s, a->first, a->n - 1);
    set_horizon(a, opt);
    set_ceiling(a, opt);
    if (opt->model == MODEL_NONE) {
        set_why(a, TREND_NOT_ASKED, "no trend asked for");
        a->horizon = a->latest_date;
        return;
    }
    if (a->count < ANALYSIS_MIN_POINTS) {
        set_why(a, TREND_TOO_FEW, "%zu point%s: too few for a trend",
                a->count, a->count == 1 ? "" : "s");
        a->horizon = a->latest_date;
        return;
    }
    if (fit_window_points(a, opt->model) != 0) {
        a->horizon = a->latest_date;
        return;
    }
    a->log_scale = on_log_scale(a->fit.model);
    a->t_anchor = date_to_years(a->latest_date);
    a->v_anchor = a->latest;
    anchor_fit(&a->fit, a->t_anchor, a->v_anchor);
    if (a->alt.model != MODEL_NONE)
        anchor_fit(&a->alt, a->t_anchor, a->v_anchor);
    a->span = (double)(a->latest_date - s->date[a->first]) / DAYS_PER_YEAR;
    a->rw_var = walk_variance(a);
    a->quantile = gsl_cdf_tdist_Pinv(0.5 + a->level / 2.0,
                                     (double)(a->count - 2));
    a->status = TREND_OK;
    a->why[0] = '\0';
    set_figures(a);
}

size_t analysis_kept_view(const Series *s, FitView *view)
{
    size_t kept = 0;
    for (size_t k = 0; k < s->n; k++)
        kept += confidence_kept(series_confidence(s, k));
    *view = (FitView){.s = *s};
    if (kept == s->n || kept == 0)
        return kept;
    Series *v = &view->s;
    view->owned = 1;
    v->date = xmalloc_array(kept, sizeof *v->date);
    v->precision = xmalloc_array(kept, sizeof *v->precision);
    v->value = xmalloc_array(kept, sizeof *v->value);
    v->line = xmalloc_array(kept, sizeof *v->line);
    v->qualifier = xmalloc_array(kept, sizeof *v->qualifier);
    v->n = 0;
    for (size_t k = 0; k < s->n; k++) {
        if (!confidence_kept(series_confidence(s, k)))
            continue;
        v->date[v->n] = s->date[k];
        v->precision[v->n] = s->precision[k];
        v->value[v->n] = s->value[k];
        v->line[v->n] = s->line[k];
        v->qualifier[v->n] = s->qualifier[k];
        v->n++;
    }
    return kept;
}

void analysis_series_kept(const Series *s, const AnalysisOptions *opt,
                          FitView *view, SeriesAnalysis *out)
{
    if (!opt->verified_only) {
        *view = (FitView){.s = *s};
        analysis_series(&view->s, opt, out);
        return;
    }
    if (analysis_kept_view(s, view) > 0) {
        analysis_series(&view->s, opt, out);
        return;
    }
    AnalysisOptions whole = *opt;
    whole.model = MODEL_NONE;
    analysis_series(&view->s, &whole, out);
    if (opt->model != MODEL_NONE)
        set_why(out, TREND_UNVERIFIED, "no verified point to fit");
}

void analysis_view_free(FitView *view)
{
    if (view->owned) {
        free(view->s.date);
        free(view->s.precision);
        free(view->s.value);
        free(view->s.line);
        free(view->s.qualifier);
    }
    memset(view, 0, sizeof *view);
}

int analysis_has_trend(const SeriesAnalysis *a)
{
    return a && a->status == TREND_OK;
}

int analysis_quotable(const SeriesAnalysis *a)
{
    return analysis_has_trend(a) && !a->too_uncertain;
}

static double interval_quantile(const SeriesAnalysis *a)
{
    return a->quantile;
}

static double cap(const SeriesAnalysis *a, double v)
{
    return isfinite(a->ceiling) && v > a->ceiling ? a->ceiling : v;
}

int analysis_value_at(const SeriesAnalysis *a, double t, double *mid,
                      double *lo, double *hi)
{
    *mid = *lo = *hi = NAN;
    if (!analysis_has_trend(a) || !isfinite(t) || t < a->t_anchor - 1e-9)
        return -1;
    double h = fmax(t - a->t_anchor, 0);
    double y = anchored_scaled(a, &a->fit, t);
    double se = sqrt(a->rw_var * (h + h * h / a->span));
    double q = interval_quantile(a);
    *mid = cap(a, unscale(a, y));
    *lo = cap(a, unscale(a, y - q * se));
    *hi = cap(a, unscale(a, y + q * se));
    return isfinite(*mid) ? 0 : -1;
}

double analysis_alt_at(const SeriesAnalysis *a, double t)
{
    if (!analysis_has_trend(a) || a->alt.model == MODEL_NONE ||
        t < a->t_anchor - 1e-9)
        return NAN;
    double v = fit_predict(&a->alt, t);
    return cap(a, v);
}

/* ---- comparisons ---------------------------------------------------- */

/* Variance of ln v (or v) of the trend line alone at t: the growth-rate
 * part of the walk's variance, without the walk's own scatter. */
static double line_variance(const SeriesAnalysis *a, double t)
{
    double h = fmax(t - a->t_anchor, 0);
    return a->rw_var * h * h / a->span;
}

/* ln a - ln b (a - b when either is linear) of the two projections. */
static double gap_at(const SeriesAnalysis *a, const SeriesAnalysis *b,
                     double t)
{
    if (a->log_scale && b->log_scale)
        return fit_predict_log(&a->fit, t) - fit_predict_log(&b->fit, t);
    return fit_predict(&a->fit, t) - fit_predict(&b->fit, t);
}

/* Converts a scale variance into the gap's scale at t: the delta method
 * for a walk on v while the gap is on ln v. */
static double gap_variance(const SeriesAnalysis *a, const SeriesAnalysis *b,
                           double t)
{
    int logs = a->log_scale && b->log_scale;
    double var = 0;
    const SeriesAnalysis *side[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        double v = line_variance(side[k], t);
        if (logs && !side[k]->log_scale) {
            double m = fit_predict(&side[k]->fit, t);
            v /= m * m;
        } else if (!logs && side[k]->log_scale) {
            double m = fit_predict(&side[k]->fit, t);
            v *= m * m;
        }
        var += v;
    }
    return var;
}

/* The date interval of a crossing at t: where the gap, moved by q of its
 * own standard deviation either way, crosses zero (delta method). */
static void crossing_interval(const SeriesAnalysis *a,
                              const SeriesAnalysis *b, Comparison *c)
{
    double h = 1.0 / 365.0;
    double slope = (gap_at(a, b, c->t + h) - gap_at(a, b, c->t - h)) /
                   (2 * h);
    double sd = sqrt(gap_variance(a, b, c->t));
    double q = fmin(interval_quantile(a), interval_quantile(b));
    if (!(fabs(slope) > 0) || !isfinite(sd)) {
        c->lo = -INFINITY;
        c->hi = INFINITY;
        return;
    }
    double half = q * sd / fabs(slope);
    c->lo = c->t - half < c->t_start ? -INFINITY : c->t - half;
    c->hi = c->t + half > c->t_end ? INFINITY : c->t + half;
}

int analysis_compare(const SeriesAnalysis *a, const SeriesAnalysis *b,
                     int with_interval, Comparison *out)
{
    memset(out, 0, sizeof *out);
    out->t = out->lo = out->hi = NAN;
    if (!analysis_has_trend(a) || !analysis_has_trend(b))
        return -1;
    out->va = a->latest;
    out->vb = b->latest;
    out->da = a->latest_date;
    out->db = b->latest_date;
    out->t_start = fmax(a->t_anchor, b->t_anchor);
    out->t_end = fmin(date_to_years(a->horizon), date_to_years(b->horizon));
    double g0 = gap_at(a, b, out->t_start);
    out->a_leads = g0 > 0 || (g0 == 0 && a->latest >= b->latest);
    out->status = COMPARE_DIVERGING;
    if (!(out->t_end > out->t_start))
        return 0;
    double tp = out->t_start, gp = g0;
    for (int k = 1; k <= SEARCH_STEPS; k++) {
        double tk = out->t_start + (out->t_end - out->t_start) * k /
                                       SEARCH_STEPS;
        double gk = gap_at(a, b, tk);
        if ((gp > 0) == (gk > 0) || isnan(gk)) {
            tp = tk;
            gp = gk;
            continue;
        }
        double lo = tp, hi = tk;
        for (int it = 0; it < 80; it++) {
            double mid = 0.5 * (lo + hi);
            if ((gap_at(a, b, mid) > 0) == (gp > 0))
                lo = mid;
            else
                hi = mid;
        }
        out->status = COMPARE_CROSSES;
        out->t = 0.5 * (lo + hi);
        if (with_interval)
            crossing_interval(a, b, out);
        return 0;
    }
    double g1 = gap_at(a, b, out->t_end);
    out->status = fabs(g1) < fabs(g0) ? COMPARE_GAINS : COMPARE_DIVERGING;
    return 0;
}

/* ---- targets -------------------------------------------------------- */

int analysis_target(const SeriesAnalysis *a, double target,
                    TargetResult *out)
{
    memset(out, 0, sizeof *out);
    out->t = out->lo = out->hi = out->observed = NAN;
    const Series *s = a->s;
    for (size_t i = 0; i < a->n; i++) {
        if (s->value[i] >= target) {
            out->status = TARGET_OBSERVED;
            out->observed = s->value[i];
            out->observed_date = s->date[i];
            return 0;
        }
    }
    if (!analysis_has_trend(a))
        return -1;
    out->status = TARGET_NEVER;
    if (isfinite(a->ceiling) && target > a->ceiling)
        return 0;
    double t0 = a->t_anchor, t1 = date_to_years(a->horizon);
    double y = a->log_scale ? log(target) : target;
    double tp = t0;
    for (int k = 1; k <= SEARCH_STEPS; k++) {
        double tk = t0 + (t1 - t0) * k / SEARCH_STEPS;
        if (anchored_scaled(a, &a->fit, tk) < y) {
            tp = tk;
            continue;
        }
        double lo = tp, hi = tk;
        for (int it = 0; it < 80; it++) {
            double mid = 0.5 * (lo + hi);
            if (anchored_scaled(a, &a->fit, mid) < y)
                lo = mid;
            else
                hi = mid;
        }
        out->status = TARGET_AT;
        out->t = 0.5 * (lo + hi);
        double rate = a->log_scale ? log_rate(&a->fit, out->t)
                                   : (fit_predict(&a->fit, out->t + 1e-3) -
                                      fit_predict(&a->fit, out->t - 1e-3)) /
                                         2e-3;
        double half = interval_quantile(a) *
                      sqrt(line_variance(a, out->t)) / fabs(rate);
        out->lo = out->t - half < t0 ? -INFINITY : out->t - half;
        out->hi = out->t + half > t1 ? INFINITY : out->t + half;
        return 0;
    }
    if (log_rate(&a->fit, t1) > 0 || (!a->log_scale &&
                                      fit_predict(&a->fit, t1) >
                                          fit_predict(&a->fit, t0)))
        out->status = TARGET_NOT_IN_HORIZON;
    return 0;
}

const char *analysis_why(const SeriesAnalysis *a)
{
    return a->why;
}

double analysis_observed_at(const SeriesAnalysis *a, long day)
{
    const Series *s = a->s;
    for (size_t j = 0; j + 1 < a->n; j++) {
        if (day < s->date[j] || day > s->date[j + 1])
            continue;
        double f = (double)(day - s->date[j]) /
                   (double)(s->date[j + 1] - s->date[j]);
        if (!(s->value[j] > 0) || !(s->value[j + 1] > 0))
            return NAN;
        return exp(log(s->value[j]) +
                   f * (log(s->value[j + 1]) - log(s->value[j])));
    }
    return a->n && day == s->date[a->n - 1] ? s->value[a->n - 1] : NAN;
}

/* Whether the leader (by latest observation) was behind earlier: at the
 * later of the two series' first dates. */
static int passed_in_data(const SeriesAnalysis *lead,
                          const SeriesAnalysis *other)
{
    long start = lead->s->date[0] > other->s->date[0] ? lead->s->date[0]
                                                      : other->s->date[0];
    double a = analysis_observed_at(lead, start);
    double b = analysis_observed_at(other, start);
    /* "over $5B" may be above the lead's value: no claim of passing. */
    int other_bounded =
        series_qualifier(other->s, other->n - 1) == VALUE_AT_LEAST;
    return isfinite(a) && isfinite(b) && a < b && !other_bounded;
}

size_t analysis_crossings(const SeriesAnalysis *a, size_t n,
                          const unsigned char *skip, int with_interval,
                          Crossing *out, size_t max)
{
    size_t found = 0;
    for (size_t i = 0; i < n && found < max; i++) {
        for (size_t j = i + 1; j < n && found < max; j++) {
            if ((skip && (skip[i] || skip[j])) || a[i].n == 0 ||
                a[j].n == 0)
                continue;
            size_t lead = a[i].latest >= a[j].latest ? i : j;
            size_t other = lead == i ? j : i;
            if (passed_in_data(&a[lead], &a[other])) {
                out[found++] = (Crossing){.lead = lead, .other = other,
                                          .passed = 1};
                continue;
            }
            Comparison c;
            if (!analysis_quotable(&a[i]) || !analysis_quotable(&a[j]) ||
                analysis_compare(&a[i], &a[j], with_interval, &c) != 0 ||
                c.status != COMPARE_CROSSES)
                continue;
            out[found++] = (Crossing){.lead = i, .other = j, .c = c};
        }
    }
    return found;
}
