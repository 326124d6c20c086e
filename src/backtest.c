/* backtest.c - rolling-origin backtests of the analysis' projections.
 * Pure. The plain exponential (BACKTEST_PLAIN_EXP) is fitted here
 * directly: it is the reference the analysis is measured against, and
 * never shown as a projection. */
#include "backtest.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include "dates.h"
#include "fit.h"
#include "util.h"

const char *backtest_method_name(int method)
{
    return method == BACKTEST_PLAIN_EXP ? "exp-line"
                                        : fit_model_name((Model)method);
}

int backtest_bucket(long days)
{
    if (days <= DAYS_PER_YEAR / 2)
        return BACKTEST_LEAD_0_6;
    if (days <= DAYS_PER_YEAR)
        return BACKTEST_LEAD_6_12;
    return BACKTEST_LEAD_12_UP;
}

/* Errors of one bucket, grown as forecasts come. */
typedef struct {
    double *err;
    size_t n, cap;
    size_t inside;
} ErrorList;

static void list_add(ErrorList *l, double err, int inside)
{
    grow_array((void **)&l->err, &l->cap, l->n + 1, sizeof *l->err);
    l->err[l->n++] = err;
    l->inside += inside != 0;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static BacktestCell list_cell(ErrorList *l)
{
    BacktestCell c = {l->n, l->inside, NAN};
    if (l->n) {
        qsort(l->err, l->n, sizeof *l->err, compare_double);
        c.median_error = l->n % 2 ? l->err[l->n / 2]
                                  : 0.5 * (l->err[l->n / 2 - 1] +
                                           l->err[l->n / 2]);
    }
    return c;
}

/* The plain exponential's forecast and iid interval at t from the first k
 * points of s; -1 when it cannot be fitted. */
static int plain_forecast(const Series *s, size_t first, size_t k,
                          double level, double t, double *mid, double *lo,
                          double *hi)
{
    double *ts = xmalloc_array(k, sizeof *ts);
    for (size_t j = 0; j < k; j++)
        ts[j] = date_to_years(s->date[first + j]);
    Fit f;
    Error e;
    error_clear(&e);
    int rc = fit_exponential(ts, s->value + first, k, &f, &e);
    free(ts);
    if (rc != 0)
        return -1;
    *mid = fit_predict(&f, t);
    if (fit_interval(&f, t, level, lo, hi) != 0)
        *lo = *hi = NAN;
    return 0;
}

/* Scores the forecasts of points k .. n-1 of s made from its first k. */
static void score_origin(const Series *s, size_t n, size_t k, int method,
                         const AnalysisOptions *opt, ErrorList *lists,
                         int *made)
{
    AnalysisOptions o = *opt;
    o.as_of = s->date[k - 1];
    o.horizon = s->date[n - 1];
    o.horizon_months = 0;
    SeriesAnalysis a;
    int plain = method == BACKTEST_PLAIN_EXP;
    size_t first = 0, count = 0;
    if (plain) {
        count = fit_window(s->date, k, o.since, o.last, &first);
        if (count < ANALYSIS_MIN_POINTS)
            return;
    } else {
        o.model = (Model)method;
        analysis_series(s, &o, &a);
        if (!analysis_has_trend(&a))
            return;
    }
    *made = 1;
    for (size_t j = k; j < n; j++) {
        double t = date_to_years(s->date[j]), mid, lo, hi;
        int rc = plain ? plain_forecast(s, first, count, o.level, t, &mid,
                                        &lo, &hi)
                       : analysis_value_at(&a, t, &mid, &lo, &hi);
        double v = s->value[j];
        if (rc != 0 || !(mid > 0) || !(v > 0))
            continue;
        double err = fabs(log(v / mid));
        int inside = v >= lo && v <= hi;
        int b = backtest_bucket(s->date[j] - s->date[k - 1]);
        list_add(&lists[b], err, inside);
        list_add(&lists[BACKTEST_BUCKETS], err, inside);
    }
}

void backtest_score(const Series *const *series, size_t n_series,
                    int method, const AnalysisOptions *opt,
                    BacktestScore *out)
{
    ErrorList lists[BACKTEST_BUCKETS + 1] = {{0}};
    *out = (BacktestScore){.method = method};
    for (size_t i = 0; i < n_series; i++) {
        const Series *s = series[i];
        size_t n = 0;
        while (n < s->n && s->date[n] <= opt->as_of)
            n++;
        int any = 0;
        for (size_t k = ANALYSIS_MIN_POINTS; k < n; k++) {
            int made = 0;
            score_origin(s, n, k, method, opt, lists, &made);
            out->origins += (size_t)made;
            any |= made;
        }
        out->series += (size_t)any;
    }
    for (int b = 0; b < BACKTEST_BUCKETS; b++)
        out->cell[b] = list_cell(&lists[b]);
    out->all = list_cell(&lists[BACKTEST_BUCKETS]);
    for (int b = 0; b <= BACKTEST_BUCKETS; b++)
        free(lists[b].err);
}
