/* test_analysis.c - the guardrails with their exact reasons, the default
 * horizon, ceilings, the anchored projection and its interval,
 * comparisons and targets; and rolling-origin backtests on synthetic
 * series whose answer is known. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "backtest.h"
#include "dates.h"
#include "util.h"

#define MAX_POINTS 64

/* A series over caller-owned arrays. */
typedef struct {
    int32_t date[MAX_POINTS];
    uint8_t prec[MAX_POINTS];
    double value[MAX_POINTS];
    uint32_t line[MAX_POINTS];
    Series s;
} TestSeries;

/* n monthly points from (year, month), value v0 * growth^(months / 12)
 * times exp(noise[i]) (noise may be NULL). */
static void make_monthly(TestSeries *ts, const char *company,
                         const char *unit, size_t n, int year, int month,
                         double v0, double growth, const double *noise)
{
    assert_true(n <= MAX_POINTS);
    for (size_t i = 0; i < n; i++) {
        ts->date[i] = (int32_t)date_add_months(date_from_ymd(year, month, 1),
                                               (int)i);
        ts->prec[i] = DATE_MONTH;
        ts->value[i] = v0 * pow(growth, (double)i / 12.0) *
                       (noise ? exp(noise[i]) : 1.0);
        ts->line[i] = (uint32_t)i + 2;
    }
    ts->s = (Series){company, "revenue", unit, "t.csv", n, ts->date,
                     ts->prec, ts->value, ts->line, NULL};
}

static void test_too_few_points_says_why(void **state)
{
    (void)state;
    TestSeries ts;
    make_monthly(&ts, "A", "USD", 2, 2025, 1, 1e9, 4, NULL);
    AnalysisOptions opt = analysis_defaults();
    SeriesAnalysis a;
    analysis_series(&ts.s, &opt, &a);
    assert_int_equal(a.status, TREND_TOO_FEW);
    assert_string_equal(analysis_why(&a), "2 points: too few for a trend");
    assert_false(analysis_has_trend(&a));
    assert_true(isnan(a.proj));
    ts.s.n = 1;
    analysis_series(&ts.s, &opt, &a);
    assert_string_equal(analysis_why(&a), "1 point: too few for a trend");
    /* The window counts, not the series. */
    make_monthly(&ts, "A", "USD", 10, 2025, 1, 1e9, 4, NULL);
    opt.last = 2;
    analysis_series(&ts.s, &opt, &a);
    assert_string_equal(analysis_why(&a), "2 points: too few for a trend");
}

/* --verified-only: the fit and every figure read the verified points
 * (and those stating no confidence); a series with none has no trend and
 * says why. The view owns copies only when it left a point out. */
static void test_verified_only_view(void **state)
{
    (void)state;
    TestSeries ts;
    uint8_t q[MAX_POINTS] = {0};
    make_monthly(&ts, "A", "USD", 8, 2025, 1, 1e9, 3, NULL);
    ts.value[7] = 9e9; /* an unverified outlier, last */
    q[7] = CONFIDENCE_UNVERIFIED << SERIES_CONFIDENCE_SHIFT;
    q[3] = CONFIDENCE_SINGLE << SERIES_CONFIDENCE_SHIFT;
    q[0] = CONFIDENCE_VERIFIED << SERIES_CONFIDENCE_SHIFT;
    ts.s.qualifier = q;
    AnalysisOptions opt = analysis_defaults();
    opt.verified_only = 1;
    FitView view;
    SeriesAnalysis a;
    analysis_series_kept(&ts.s, &opt, &view, &a);
    assert_ptr_equal(a.s, &view.s);
    assert_int_equal(view.s.n, 6);
    assert_int_equal(a.count, 6);
    assert_int_equal(a.latest_date, ts.date[6]);
    assert_true(fabs(a.latest - ts.value[6]) < 1);
    assert_true(view.owned && view.s.date != ts.s.date);
    analysis_view_free(&view);

    opt.verified_only = 0;
    analysis_series_kept(&ts.s, &opt, &view, &a);
    assert_int_equal(a.count, 8);
    assert_true(!view.owned && view.s.date == ts.s.date);
    analysis_view_free(&view);

    for (size_t k = 0; k < 8; k++)
        q[k] = CONFIDENCE_SINGLE << SERIES_CONFIDENCE_SHIFT;
    opt.verified_only = 1;
    analysis_series_kept(&ts.s, &opt, &view, &a);
    assert_int_equal(a.status, TREND_UNVERIFIED);
    assert_string_equal(analysis_why(&a), "no verified point to fit");
    assert_false(analysis_has_trend(&a));
    analysis_view_free(&view);
}

static void test_logistic_needs_six_points(void **state)
{
    (void)state;
    TestSeries ts;
    make_monthly(&ts, "A", "users", 5, 2025, 1, 1e8, 3, NULL);
    AnalysisOptions opt = analysis_defaults();
    opt.model = MODEL_LOGISTIC;
    SeriesAnalysis a;
    analysis_series(&ts.s, &opt, &a);
    assert_int_equal(a.status, TREND_FAILED);
    assert_string_equal(analysis_why(&a),
                        "5 points: a logistic trend needs at least 6");
}

/* Default: damped; below its 5 points, the exponential. */
static void test_default_model_by_points(void **state)
{
    (void)state;
    TestSeries ts;
    make_monthly(&ts, "A", "USD", 4, 2025, 1, 1e9, 4, NULL);
    AnalysisOptions opt = analysis_defaults();
    SeriesAnalysis a;
    analysis_series(&ts.s, &opt, &a);
    assert_int_equal(a.fit.model, MODEL_EXP);
    make_monthly(&ts, "A", "USD", 8, 2025, 1, 1e9, 4, NULL);
    analysis_series(&ts.s, &opt, &a);
    assert_int_equal(a.fit.model, MODEL_DAMPED);
}

/* Never further ahead than the observed span, nor past 12 months; a
 * longer horizon asked for is honoured and flagged. */
static void test_default_horizon(void **state)
{
    (void)state;
    TestSeries ts;
    make_monthly(&ts, "A", "USD", 4, 2025, 1, 1e9, 4, NULL); /* Jan-Apr */
    AnalysisOptions opt = analysis_defaults();
    SeriesAnalysis a;
    analysis_series(&ts.s, &opt, &a);
    assert_int_equal(a.horizon, date_from_ymd(2025, 4, 1) +
                                    (date_from_ymd(2025, 4, 1) -
                                     date_from_ymd(2025, 1, 1)));
    assert_false(a.beyond_default);
    make_monthly(&ts, "A", "USD", 30, 2023, 1, 1e9, 4, NULL);
    analysis_series(&ts.s, &opt, &a);
    assert_int_equal(a.horizon,
                     date_add_months(ts.date[29], ANALYSIS_MAX_DEFAULT_MONTHS));
    opt.horizon_months = 24;
    analysis_series(&ts.s, &opt, &a);
    assert_int_equal(a.horizon, date_add_months(ts.date[29], 24));
    assert_true(a.beyond_default);
}

/* The projection starts at the latest observation: at the anchor it is
 * that value with no width, and its interval widens with the lead. */
static void test_anchored_projection(void **state)
{
    (void)state;
    double noise[12] = {0.05, -0.04, 0.02, 0.06, -0.03, -0.05,
                        0.01, 0.04, -0.02, 0.03, -0.06, 0.08};
    TestSeries ts;
    make_monthly(&ts, "A", "USD", 12, 2024, 1, 1e9, 3, noise);
    AnalysisOptions opt = analysis_defaults();
    opt.model = MODEL_EXP;
    SeriesAnalysis a;
    analysis_series(&ts.s, &opt, &a);
    assert_true(analysis_has_trend(&a));
    double mid, lo, hi;
    double t0 = date_to_years(ts.date[11]);
    assert_int_equal(analysis_value_at(&a, t0, &mid, &lo, &hi), 0);
    assert_true(fabs(mid / ts.value[11] - 1) < 1e-12);
    assert_true(fabs(hi - lo) < 1e-6 * mid);
    double w1, w2;
    analysis_value_at(&a, t0 + 0.25, &mid, &lo, &hi);
    w1 = log(hi / lo);
    assert_true(lo < mid && mid < hi);
    analysis_value_at(&a, t0 + 0.75, &mid, &lo, &hi);
    w2 = log(hi / lo);
    assert_true(w2 > w1);
    /* Growth follows the fitted rate: the slope of ln v. */
    double m1, m2;
    analysis_value_at(&a, t0 + 0.5, &m1, &lo, &hi);
    analysis_value_at(&a, t0 + 1.0, &m2, &lo, &hi);
    assert_true(fabs(log(m2 / m1) / 0.5 - a.fit.line.b1) < 1e-9);
    /* Before the anchor there is no projection. */
    assert_int_equal(analysis_value_at(&a, t0 - 0.1, &mid, &lo, &hi), -1);
}

/* A user count never goes past world population; the trend stops there
 * and says when it met it. */
static void test_user_ceiling(void **state)
{
    (void)state;
    TestSeries ts;
    make_monthly(&ts, "Bot", "users", 12, 2025, 1, 1e9, 40, NULL);
    AnalysisOptions opt = analysis_defaults();
    opt.model = MODEL_EXP;
    SeriesAnalysis a;
    analysis_series(&ts.s, &opt, &a);
    assert_true(a.ceiling == ANALYSIS_WORLD_POPULATION);
    assert_string_equal(a.ceiling_what, "world population");
    assert_true(a.proj <= ANALYSIS_WORLD_POPULATION);
    assert_true(a.hi <= ANALYSIS_WORLD_POPULATION);
    assert_true(isfinite(a.t_ceiling));
    /* A cap by hand wins. */
    opt.cap = 5e10;
    make_monthly(&ts, "A", "USD", 12, 2025, 1, 1e10, 40, NULL);
    analysis_series(&ts.s, &opt, &a);
    assert_true(a.proj == 5e10);
    assert_string_equal(a.ceiling_what, "cap");
}

/* Three scattered points a year apart: an interval over a factor of 100
 * is not quotable, though the trend exists (and is backtested). */
static void test_too_uncertain_is_not_quotable(void **state)
{
    (void)state;
    double noise[3] = {0, 1.2, 0.3};
    TestSeries ts;
    make_monthly(&ts, "A", "USD", 3, 2023, 1, 1e9, 3, noise);
    for (size_t i = 0; i < 3; i++)
        ts.date[i] = (int32_t)date_from_ymd(2023 + (int)i, 1, 1);
    AnalysisOptions opt = analysis_defaults();
    SeriesAnalysis a;
    analysis_series(&ts.s, &opt, &a);
    assert_true(analysis_has_trend(&a));
    assert_true(a.hi / a.lo > ANALYSIS_MAX_RANGE);
    assert_int_equal(a.too_uncertain, 1);
    assert_false(analysis_quotable(&a));
    /* Twelve steady points are quotable. */
    make_monthly(&ts, "A", "USD", 12, 2025, 1, 1e9, 3, NULL);
    analysis_series(&ts.s, &opt, &a);
    assert_true(analysis_quotable(&a));
}

static void test_as_of_ignores_later_points(void **state)
{
    (void)state;
    TestSeries ts;
    make_monthly(&ts, "A", "USD", 12, 2025, 1, 1e9, 4, NULL);
    AnalysisOptions opt = analysis_defaults();
    opt.as_of = date_from_ymd(2025, 6, 15);
    SeriesAnalysis a;
    analysis_series(&ts.s, &opt, &a);
    assert_int_equal(a.n, 6);
    assert_int_equal(a.latest_date, date_from_ymd(2025, 6, 1));
    assert_true(a.latest == ts.value[5]);
}

/* One that is ahead now; one that would pass later. */
static void test_compare(void **state)
{
    (void)state;
    TestSeries a, b;
    make_monthly(&a, "Fast", "USD", 8, 2025, 1, 1e9, 10, NULL);
    make_monthly(&b, "Slow", "USD", 8, 2025, 1, 4e9, 2, NULL);
    AnalysisOptions opt = analysis_defaults();
    opt.model = MODEL_EXP;
    opt.horizon_months = 12;
    SeriesAnalysis sa, sb;
    analysis_series(&a.s, &opt, &sa);
    analysis_series(&b.s, &opt, &sb);
    Comparison c;
    assert_int_equal(analysis_compare(&sa, &sb, 1, &c), 0);
    assert_int_equal(c.a_leads, 0);
    assert_int_equal(c.status, COMPARE_CROSSES);
    /* Exact exponentials: ln(4e9 * 2^m/12) = ln(1e9 * 10^m/12) at
     * m = 12 ln 4 / ln 5 months after the first point. */
    double m = 12 * log(4) / log(5);
    double want = date_to_years(a.date[0]) + m / 12 * 365.0 / DAYS_PER_YEAR;
    assert_true(fabs(c.t - date_to_years(a.date[0]) - m / 12.0) < 0.02 ||
                fabs(c.t - want) < 0.02);
    assert_true(c.lo <= c.t && c.t <= c.hi);
    /* Swapped: Fast is ahead and stays ahead. */
    make_monthly(&b, "Slow", "USD", 8, 2025, 1, 1e8, 2, NULL);
    analysis_series(&b.s, &opt, &sb);
    assert_int_equal(analysis_compare(&sa, &sb, 1, &c), 0);
    assert_int_equal(c.a_leads, 1);
    assert_int_equal(c.status, COMPARE_DIVERGING);
}

/* "Already reached" only when an observation reached it. */
static void test_target(void **state)
{
    (void)state;
    TestSeries ts;
    make_monthly(&ts, "A", "USD", 8, 2025, 1, 1e9, 4, NULL);
    AnalysisOptions opt = analysis_defaults();
    opt.model = MODEL_EXP;
    SeriesAnalysis a;
    analysis_series(&ts.s, &opt, &a);
    TargetResult r;
    assert_int_equal(analysis_target(&a, 1.2e9, &r), 0);
    assert_int_equal(r.status, TARGET_OBSERVED);
    assert_true(r.observed >= 1.2e9);
    assert_int_equal(analysis_target(&a, 2.5e9, &r), 0);
    assert_int_equal(r.status, TARGET_AT);
    double mid, lo, hi;
    analysis_value_at(&a, r.t, &mid, &lo, &hi);
    assert_true(fabs(mid / 2.5e9 - 1) < 1e-9);
    assert_int_equal(analysis_target(&a, 1e15, &r), 0);
    assert_int_equal(r.status, TARGET_NOT_IN_HORIZON);
}

/* Deterministic standard normals (Box-Muller over an LCG). */
static double lcg_normal(uint64_t *state)
{
    double u[2];
    for (int k = 0; k < 2; k++) {
        *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
        u[k] = ((double)(*state >> 11) + 0.5) / 9007199254740992.0;
    }
    return sqrt(-2 * log(u[0])) * cos(2 * 3.14159265358979323846 * u[1]);
}

/* Series that are exactly the analysis' error model, geometric random
 * walks with drift: the 80% interval must cover about 80%. Exact
 * exponentials: every forecast is right. */
static void test_backtest_known_answers(void **state)
{
    (void)state;
    enum { N = 120, POINTS = 24 };
    TestSeries *ts = xcalloc(N, sizeof *ts);
    const Series **series = xcalloc(N, sizeof *series);
    uint64_t rng = 20261203;
    for (size_t i = 0; i < N; i++) {
        double noise[POINTS], walk = 0;
        for (size_t j = 0; j < POINTS; j++) {
            walk += 0.08 * lcg_normal(&rng);
            noise[j] = walk;
        }
        make_monthly(&ts[i], "W", "USD", POINTS, 2023, 1, 1e9, 3, noise);
        series[i] = &ts[i].s;
    }
    AnalysisOptions opt = analysis_defaults();
    BacktestScore score;
    backtest_score(series, N, MODEL_EXP, &opt, &score);
    for (int b = 0; b < BACKTEST_LEAD_12_UP; b++) {
        double cover = (double)score.cell[b].inside / (double)score.cell[b].n;
        print_message("walk, lead bucket %d: %zu forecasts, %.3f inside\n", b,
                      score.cell[b].n, cover);
        assert_true(cover > 0.74 && cover < 0.86);
    }
    /* The plain line's iid interval is too narrow for a walk. */
    BacktestScore plain;
    backtest_score(series, N, BACKTEST_PLAIN_EXP, &opt, &plain);
    assert_true((double)plain.all.inside / (double)plain.all.n <
                (double)score.all.inside / (double)score.all.n);

    /* Exponential in days, not in month numbers (months differ). */
    for (size_t i = 0; i < N; i++) {
        make_monthly(&ts[i], "E", "USD", 12, 2024, 1, 1e9, 1, NULL);
        for (size_t j = 0; j < 12; j++)
            ts[i].value[j] = 1e9 * exp((0.4 + 0.01 * (double)i) *
                                       (double)(ts[i].date[j] -
                                                ts[i].date[0]) /
                                       DAYS_PER_YEAR);
    }
    backtest_score(series, N, MODEL_EXP, &opt, &score);
    assert_true(score.all.n == N * (12 - 3) * (12 - 3 + 1) / 2);
    assert_true(score.all.median_error < 1e-9);
    assert_int_equal(score.origins, N * (12 - 3));
    free(series);
    free(ts);
}

static void test_lead_buckets(void **state)
{
    (void)state;
    assert_int_equal(backtest_bucket(30), BACKTEST_LEAD_0_6);
    assert_int_equal(backtest_bucket(182), BACKTEST_LEAD_0_6);
    assert_int_equal(backtest_bucket(200), BACKTEST_LEAD_6_12);
    assert_int_equal(backtest_bucket(365), BACKTEST_LEAD_6_12);
    assert_int_equal(backtest_bucket(400), BACKTEST_LEAD_12_UP);
    assert_string_equal(backtest_method_name(BACKTEST_PLAIN_EXP), "exp-line");
    assert_string_equal(backtest_method_name(MODEL_DAMPED), "damped");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_too_few_points_says_why),
        cmocka_unit_test(test_logistic_needs_six_points),
        cmocka_unit_test(test_default_model_by_points),
        cmocka_unit_test(test_default_horizon),
        cmocka_unit_test(test_anchored_projection),
        cmocka_unit_test(test_user_ceiling),
        cmocka_unit_test(test_too_uncertain_is_not_quotable),
        cmocka_unit_test(test_as_of_ignores_later_points),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_target),
        cmocka_unit_test(test_backtest_known_answers),
        cmocka_unit_test(test_lead_buckets),
        cmocka_unit_test(test_verified_only_view),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
