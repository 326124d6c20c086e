/* backtest.h - rolling-origin backtests of the projections: fit on the
 * first k points of a series (as the analysis would have on the day of
 * its k-th point), forecast its later points, and score the forecasts by
 * lead time, as Prophet's cross_validation + performance_metrics and
 * fable's accuracy() do. */
#ifndef AIGROWTH_BACKTEST_H
#define AIGROWTH_BACKTEST_H

#include <stddef.h>
#include "analysis.h"
#include "dataset.h"

/* Lead buckets: up to 6 months ahead, 6 to 12, beyond 12. */
enum { BACKTEST_LEAD_0_6, BACKTEST_LEAD_6_12, BACKTEST_LEAD_12_UP,
       BACKTEST_BUCKETS };

/* The reference method scored beside the analysis' models: the plain
 * exponential as it was before the analysis module, a least-squares line
 * on ln v with an iid Student t prediction interval, not anchored. */
#define BACKTEST_PLAIN_EXP MODEL_COUNT

/* One method's score in one lead bucket. */
typedef struct {
    size_t n;                  /* held-out observations forecast */
    size_t inside;             /* of those, inside the interval */
    double median_error;       /* median |ln(observed / forecast)|; NAN */
} BacktestCell;

/* One method (a Model, or BACKTEST_PLAIN_EXP) over every series. */
typedef struct {
    int method;
    BacktestCell cell[BACKTEST_BUCKETS];
    BacktestCell all;
    size_t origins;            /* fits made */
    size_t series;             /* series with at least one forecast */
} BacktestScore;

/* "damped", "exp", ... or "exp-line" for BACKTEST_PLAIN_EXP. */
const char *backtest_method_name(int method);

/* Scores method on every series of series[0 .. n): for each origin k
 * from ANALYSIS_MIN_POINTS to a series' length - 1, the analysis of its
 * first k points (opt's window and level; as_of the k-th date, horizon
 * the series' last date) forecasts points k .. end. opt->as_of limits the
 * data as for any analysis. Positive values only are scored (a log
 * error); a forecast with no interval counts as outside. */
void backtest_score(const Series *const *series, size_t n, int method,
                    const AnalysisOptions *opt, BacktestScore *out);

/* Lead bucket of a forecast days ahead. */
int backtest_bucket(long days);

#endif
