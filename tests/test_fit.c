/* test_fit.c - least squares against NIST StRD Norris, exponential trends,
 * prediction intervals computed by hand. Run from the project root. */
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

#include "fit.h"

#define NORRIS_PATH "tests/data/nist_norris.csv"
#define NORRIS_MAX 64

static void assert_rel(double got, double want, double tol)
{
    double rel = fabs(got - want) / fabs(want);
    if (!(rel < tol)) {
        print_error("got %.17g want %.17g (relative error %.3g)\n", got, want,
                    rel);
        fail();
    }
}

/* Reads the x,y rows of the Norris csv, skipping # comments and the
 * header. Returns the count. */
static size_t read_norris(double *x, double *y)
{
    FILE *f = fopen(NORRIS_PATH, "r");
    assert_non_null(f);
    char line[256];
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == 'x' || line[0] == '\n')
            continue;
        char *end;
        double a = strtod(line, &end);
        assert_true(*end == ',');
        double b = strtod(end + 1, &end);
        assert_true(n < NORRIS_MAX);
        x[n] = a;
        y[n] = b;
        n++;
    }
    fclose(f);
    return n;
}

static void test_norris_certified(void **state)
{
    (void)state;
    double x[NORRIS_MAX], y[NORRIS_MAX];
    size_t n = read_norris(x, y);
    assert_int_equal(n, 36);

    LineFit l;
    Error err;
    error_clear(&err);
    assert_int_equal(fit_line(x, y, n, &l, &err), 0);
    assert_int_equal(err.kind, ERR_NONE);
    assert_int_equal(l.n, 36);
    assert_rel(l.b0, -0.262323073774029, 1e-9);
    assert_rel(l.b1, 1.00211681802045, 1e-9);
    assert_rel(l.se_b0, 0.232818234301152, 1e-9);
    assert_rel(l.se_b1, 0.429796848199937E-03, 1e-9);
    assert_rel(l.resid_sd, 0.884796396144373, 1e-9);
    assert_rel(l.r2, 0.999993745883712, 1e-9);
    assert_rel(l.rss, 26.6173985294224, 1e-9);
}

static void test_line_two_points_no_sd(void **state)
{
    (void)state;
    double x[] = {1, 3}, y[] = {2, 6};
    LineFit l;
    Error err;
    error_clear(&err);
    assert_int_equal(fit_line(x, y, 2, &l, &err), 0);
    assert_rel(l.b1, 2.0, 1e-15);
    assert_true(fabs(l.b0) < 1e-15);
    assert_true(isnan(l.resid_sd));
    assert_true(isnan(l.se_b1));
    assert_rel(l.r2, 1.0, 1e-15);
    assert_rel(l.xmean, 2.0, 1e-15);
    assert_rel(l.sxx, 2.0, 1e-15);
}

static void test_line_refuses_one_point(void **state)
{
    (void)state;
    double x[] = {1}, y[] = {2};
    LineFit l;
    Error err;
    error_clear(&err);
    assert_int_equal(fit_line(x, y, 1, &l, &err), -1);
    assert_int_equal(err.kind, ERR_DATA);
    assert_string_equal(err.message,
                        "need at least 2 points with different dates to fit "
                        "a trend (got 1)");
}

static void test_line_refuses_equal_x(void **state)
{
    (void)state;
    double x[] = {55.5, 55.5, 55.5}, y[] = {1, 2, 3};
    LineFit l;
    Error err;
    error_clear(&err);
    assert_int_equal(fit_line(x, y, 3, &l, &err), -1);
    assert_int_equal(err.kind, ERR_DATA);
    assert_string_equal(err.message,
                        "need at least 2 points with different dates to fit "
                        "a trend");
}

static void test_line_refuses_non_finite(void **state)
{
    (void)state;
    double x[] = {1, 2, 3}, y[] = {1, NAN, 3};
    double xi[] = {1, INFINITY, 3}, yi[] = {1, 2, 3};
    LineFit l;
    Error err;
    error_clear(&err);
    assert_int_equal(fit_line(x, y, 3, &l, &err), -1);
    assert_int_equal(err.kind, ERR_DATA);
    assert_string_equal(err.message,
                        "cannot fit a trend to infinite or NaN values; "
                        "remove them from the data");
    error_clear(&err);
    assert_int_equal(fit_line(xi, yi, 3, &l, &err), -1);
    assert_int_equal(err.kind, ERR_DATA);
}

/* v = 2^t: the slope of ln v is ln 2, so one doubling per year and a CAGR
 * of exactly 100%. */
static void test_exponential_exact_doubling(void **state)
{
    (void)state;
    double t[6], v[6];
    for (int i = 0; i < 6; i++) {
        t[i] = 54.0 + i * 0.5;
        v[i] = pow(2.0, t[i] - 50.0) * 1e9;
    }
    Fit f;
    Error err;
    error_clear(&err);
    assert_int_equal(fit_exponential(t, v, 6, &f, &err), 0);
    assert_int_equal(f.model, MODEL_EXP);
    assert_rel(f.doubling_years, 1.0, 1e-12);
    assert_rel(f.cagr, 1.0, 1e-12);
    assert_rel(f.line.r2, 1.0, 1e-12);
    assert_rel(f.t_first, 54.0, 1e-15);
    assert_rel(f.t_last, 56.5, 1e-15);
    assert_rel(fit_predict(&f, 57.0), pow(2.0, 7.0) * 1e9, 1e-12);
    assert_rel(fit_predict(&f, 54.25), pow(2.0, 4.25) * 1e9, 1e-12);
}

static void test_exponential_shrinking_never_doubles(void **state)
{
    (void)state;
    double t[] = {55, 56, 57}, v[] = {100, 50, 25};
    Fit f;
    Error err;
    error_clear(&err);
    assert_int_equal(fit_exponential(t, v, 3, &f, &err), 0);
    assert_true(isinf(f.doubling_years) && f.doubling_years > 0);
    assert_rel(f.cagr, -0.5, 1e-12);
}

static void test_exponential_refuses_non_positive(void **state)
{
    (void)state;
    double t[] = {55, 56, 57}, v[] = {100, 0, 25};
    Fit f;
    Error err;
    error_clear(&err);
    assert_int_equal(fit_exponential(t, v, 3, &f, &err), -1);
    assert_int_equal(f.model, MODEL_NONE);
    assert_int_equal(err.kind, ERR_DATA);
    assert_string_equal(err.message,
                        "value 0 is not positive; an exponential trend needs "
                        "values above 0");
    v[1] = -3;
    error_clear(&err);
    assert_int_equal(fit_exponential(t, v, 3, &f, &err), -1);
    assert_int_equal(err.kind, ERR_DATA);
    assert_true(isnan(fit_predict(&f, 56)));
}

static void test_exponential_refuses_same_date(void **state)
{
    (void)state;
    double t[] = {55, 55}, v[] = {100, 200};
    Fit f;
    Error err;
    error_clear(&err);
    assert_int_equal(fit_exponential(t, v, 2, &f, &err), -1);
    assert_int_equal(err.kind, ERR_DATA);
    assert_string_equal(err.message,
                        "need at least 2 points with different dates to fit "
                        "a trend");
}

/* y = ln v = {0, 1.1, 1.9, 3.2, 3.9} at t = 55..59. By hand: tmean 57,
 * Sxx 10, Sxy 9.9, so b = 0.99 and yhat(t) = 2.02 + 0.99 (t - 57);
 * residuals -0.04 0.07 -0.12 0.19 -0.10, RSS 0.067, s^2 = 0.067 / 3.
 * At t = 60: yhat 4.99, se = s sqrt(1 + 1/5 + 9/10) = s sqrt(2.1);
 * t(0.9, 3) = 1.6377443536962101 for an 80% interval: the root of the
 * closed-form 3-dof CDF 1/2 + (u/(sqrt3 (1 + u^2/3)) + atan(u/sqrt3)) / pi
 * = 0.9, solved to 30 digits. (The 1.6377443572159062 once noted here
 * is off by 2e-9.) */
#define T_0_9_3 1.6377443536962101

static void test_interval_by_hand(void **state)
{
    (void)state;
    double t[] = {55, 56, 57, 58, 59};
    double y[] = {0, 1.1, 1.9, 3.2, 3.9};
    double v[5];
    for (int i = 0; i < 5; i++)
        v[i] = exp(y[i]);
    Fit f;
    Error err;
    error_clear(&err);
    assert_int_equal(fit_exponential(t, v, 5, &f, &err), 0);
    assert_rel(f.line.b1, 0.99, 1e-12);
    assert_rel(f.line.rss, 0.067, 1e-10);

    double s = sqrt(0.067 / 3.0);
    double half = T_0_9_3 * s * sqrt(2.1);
    double lo, hi;
    assert_int_equal(fit_interval(&f, 60.0, 0.80, &lo, &hi), 0);
    assert_rel(lo, exp(4.99 - half), 1e-10);
    assert_rel(hi, exp(4.99 + half), 1e-10);
    assert_rel(fit_predict(&f, 60.0), exp(4.99), 1e-12);

    /* At the mean the x term vanishes: se = s sqrt(1.2). */
    half = T_0_9_3 * s * sqrt(1.2);
    assert_int_equal(fit_interval(&f, 57.0, 0.80, &lo, &hi), 0);
    assert_rel(lo, exp(2.02 - half), 1e-10);
    assert_rel(hi, exp(2.02 + half), 1e-10);

    /* A wider level gives a wider interval. */
    double lo95, hi95;
    assert_int_equal(fit_interval(&f, 60.0, 0.95, &lo95, &hi95), 0);
    assert_true(lo95 < exp(4.99 - T_0_9_3 * s * sqrt(2.1)));
    assert_true(hi95 > exp(4.99 + T_0_9_3 * s * sqrt(2.1)));

    /* Levels outside (0, 1) are refused, not passed to GSL. */
    assert_int_equal(fit_interval(&f, 60.0, 1.0, &lo, &hi), -1);
    assert_true(isnan(lo) && isnan(hi));
    assert_int_equal(fit_interval(&f, 60.0, 0.0, &lo, &hi), -1);
    assert_int_equal(fit_interval(&f, NAN, 0.8, &lo, &hi), -1);
}

static void test_interval_needs_three_points(void **state)
{
    (void)state;
    double t[] = {55, 56}, v[] = {1e9, 2e9};
    Fit f;
    Error err;
    error_clear(&err);
    assert_int_equal(fit_exponential(t, v, 2, &f, &err), 0);
    double lo = 0, hi = 0;
    assert_int_equal(fit_interval(&f, 57.0, 0.8, &lo, &hi), -1);
    assert_true(isnan(lo));
    assert_true(isnan(hi));
    assert_rel(fit_predict(&f, 57.0), 4e9, 1e-12);
}

/* Years since 1970 are about 55: fitting t and t + 55 must give the same
 * slope, residuals and interval widths, only a different intercept. */
static void test_time_offset_keeps_precision(void **state)
{
    (void)state;
    double t0[7], t55[7], v[7];
    for (int i = 0; i < 7; i++) {
        t0[i] = i * 0.25 + (i % 2) * 0.01;
        t55[i] = t0[i] + 55.0;
        v[i] = 1e9 * exp(1.3 * t0[i]) * (1.0 + 0.05 * ((i * 7) % 3 - 1));
    }
    Fit a, b;
    Error err;
    error_clear(&err);
    assert_int_equal(fit_exponential(t0, v, 7, &a, &err), 0);
    assert_int_equal(fit_exponential(t55, v, 7, &b, &err), 0);
    assert_rel(b.line.b1, a.line.b1, 1e-12);
    assert_rel(b.line.se_b1, a.line.se_b1, 1e-10);
    assert_rel(b.line.resid_sd, a.line.resid_sd, 1e-10);
    assert_rel(b.line.r2, a.line.r2, 1e-12);
    assert_rel(b.line.sxx, a.line.sxx, 1e-12);
    assert_rel(b.line.b0, a.line.b0 - 55.0 * a.line.b1, 1e-12);
    assert_rel(fit_predict(&b, 57.5), fit_predict(&a, 2.5), 1e-12);
    double alo, ahi, blo, bhi;
    assert_int_equal(fit_interval(&a, 2.5, 0.8, &alo, &ahi), 0);
    assert_int_equal(fit_interval(&b, 57.5, 0.8, &blo, &bhi), 0);
    assert_rel(blo, alo, 1e-11);
    assert_rel(bhi, ahi, 1e-11);
}

/* ---- models beyond exp ---------------------------------------------- */

static Error fresh(void)
{
    Error e;
    error_clear(&e);
    return e;
}

/* v = 3e9 + 2e9 (t - 55), exactly. */
static void test_linear_exact(void **state)
{
    (void)state;
    double t[7], v[7];
    for (int i = 0; i < 7; i++) {
        t[i] = 55.0 + 0.25 * i;
        v[i] = 3e9 + 2e9 * (t[i] - 55.0);
    }
    Fit f;
    Error err = fresh();
    assert_int_equal(fit_model(MODEL_LINEAR, t, v, 7, &f, &err), 0);
    assert_int_equal(f.model, MODEL_LINEAR);
    assert_int_equal(f.n_par, 2);
    assert_rel(f.par[1], 2e9, 1e-12);
    assert_rel(f.par[0], 3e9 - 55.0 * 2e9, 1e-12);
    assert_rel(f.r2, 1.0, 1e-12);
    assert_true(isnan(f.cagr) && isnan(f.doubling_years));
    assert_rel(fit_predict(&f, 58.0), 9e9, 1e-12);
    double lo, hi;
    assert_int_equal(fit_interval(&f, 58.0, 0.8, &lo, &hi), 0);
    assert_rel(lo, 9e9, 1e-6);
    assert_rel(hi, 9e9, 1e-6);
    double years;
    err = fresh();
    assert_int_equal(fit_doubling(&f, &years, &err), -1);
    assert_string_equal(err.message, "a doubling time needs an exponential "
                                     "or damped trend (this one is "
                                     "linear)");
}

/* Linear interval by hand: y = {1, 3, 2, 5, 4} at x = 0..4. Mean x 2,
 * Sxx 10, Sxy 8, b 0.8, yhat = 3 + 0.8 (x - 2); residuals -0.4 0.8 -1
 * 1.2 -0.6, RSS 3.6, s^2 1.2; at x = 6: yhat 6.2, se = s sqrt(1 + 1/5 +
 * 16/10) = s sqrt(2.8); t(0.9, 3) as above. */
static void test_linear_interval_by_hand(void **state)
{
    (void)state;
    double t[] = {0, 1, 2, 3, 4}, v[] = {1, 3, 2, 5, 4};
    Fit f;
    Error err = fresh();
    assert_int_equal(fit_model(MODEL_LINEAR, t, v, 5, &f, &err), 0);
    double half = T_0_9_3 * sqrt(1.2) * sqrt(2.8), lo, hi;
    assert_int_equal(fit_interval(&f, 6.0, 0.8, &lo, &hi), 0);
    assert_rel(lo, 6.2 - half, 1e-10);
    assert_rel(hi, 6.2 + half, 1e-10);
    assert_rel(f.resid_sd, sqrt(1.2), 1e-12);
    assert_rel(f.se[1], sqrt(1.2 / 10.0), 1e-12);
}

static double logistic(double K, double r, double t0, double t)
{
    return K / (1.0 + exp(-r * (t - t0)));
}

/* Exact logistic K 1e9, r 1.5, midpoint 56 sampled over 53..58.5: the
 * solver recovers the parameters from the grid start. */
static void test_logistic_exact(void **state)
{
    (void)state;
    double t[12], v[12];
    for (int i = 0; i < 12; i++) {
        t[i] = 53.0 + 0.5 * i;
        v[i] = logistic(1e9, 1.5, 56.0, t[i]);
    }
    Fit f;
    Error err = fresh();
    assert_int_equal(fit_model(MODEL_LOGISTIC, t, v, 12, &f, &err), 0);
    assert_int_equal(f.model, MODEL_LOGISTIC);
    assert_int_equal(f.n_par, 3);
    assert_rel(f.par[0], 1e9, 1e-9);
    assert_rel(f.par[1], 1.5, 1e-9);
    assert_rel(f.par[2], 56.0, 1e-11);
    assert_rel(f.r2, 1.0, 1e-12);
    assert_rel(fit_predict(&f, 60.0), logistic(1e9, 1.5, 56.0, 60.0), 1e-9);
    assert_true(f.se[0] < 1.0 && f.se[1] < 1e-8);
}

/* Noisy logistic: the fit converges, errors are finite and positive, and
 * the 80% prediction interval is wider than the residual spread alone
 * (t(0.9, 9) sd) and holds the prediction. */
static void test_logistic_noisy_interval(void **state)
{
    (void)state;
    double t[12], v[12];
    static const double noise[12] = {0.02, -0.03, 0.01, 0.04, -0.02, -0.01,
                                     0.03, -0.04, 0.02, 0.00, -0.02, 0.01};
    for (int i = 0; i < 12; i++) {
        t[i] = 53.0 + 0.5 * i;
        v[i] = logistic(8e8, 1.2, 56.0, t[i]) + 8e8 * noise[i];
    }
    Fit f;
    Error err = fresh();
    assert_int_equal(fit_model(MODEL_LOGISTIC, t, v, 12, &f, &err), 0);
    assert_true(fabs(f.par[0] / 8e8 - 1) < 0.1);
    assert_true(fabs(f.par[1] / 1.2 - 1) < 0.2);
    assert_true(fabs(f.par[2] - 56.0) < 0.2);
    for (int i = 0; i < 3; i++)
        assert_true(f.se[i] > 0 && isfinite(f.se[i]));
    double lo, hi, mid = fit_predict(&f, 59.0);
    assert_int_equal(fit_interval(&f, 59.0, 0.8, &lo, &hi), 0);
    assert_true(lo < mid && mid < hi);
    assert_true(hi - mid > 1.383 * f.resid_sd);
    assert_rel(mid - lo, hi - mid, 1e-12);
}

static void test_logistic_refusals(void **state)
{
    (void)state;
    double t[] = {55, 56, 57}, v[] = {1, 2, 3};
    Fit f;
    Error err = fresh();
    assert_int_equal(fit_model(MODEL_LOGISTIC, t, v, 3, &f, &err), -1);
    assert_string_equal(err.message, "a logistic trend has 3 parameters and "
                                     "needs at least 4 points (got 3)");
    double td[] = {55, 56, 57, 58, 59}, vd[] = {5, 4, 3, 2, 1};
    err = fresh();
    assert_int_equal(fit_model(MODEL_LOGISTIC, td, vd, 5, &f, &err), -1);
    assert_string_equal(err.message, "a logistic trend needs a rising "
                                     "series, and this one does not rise");
    /* A clean exponential has no ceiling to find. */
    double te[8], ve[8];
    for (int i = 0; i < 8; i++) {
        te[i] = 55 + 0.5 * i;
        ve[i] = exp(1.0 * i);
    }
    err = fresh();
    assert_int_equal(fit_model(MODEL_LOGISTIC, te, ve, 8, &f, &err), -1);
    assert_int_equal(err.kind, ERR_DATA);
    /* No saturation is a fact about the data, not a solver failure. */
    assert_string_equal(err.message, "no saturation visible: the fit keeps "
                                     "improving as the ceiling grows");
}

static void test_auto_picks_the_true_model(void **state)
{
    (void)state;
    double t[12], vl[12], ve[12], vg[12];
    static const double noise[12] = {0.01, -0.02, 0.015, 0.005, -0.01, 0.02,
                                     -0.015, 0.01, -0.005, 0.0, 0.01, -0.01};
    for (int i = 0; i < 12; i++) {
        t[i] = 54.0 + 0.25 * i;
        vl[i] = (1e9 + 5e8 * (t[i] - 54.0)) * (1 + noise[i]);
        ve[i] = 1e9 * exp(1.4 * (t[i] - 54.0)) * (1 + noise[i]);
        vg[i] = logistic(1e9, 3.0, 55.2, t[i]) * (1 + noise[i]);
    }
    Fit f;
    Error err = fresh();
    assert_int_equal(fit_model(MODEL_AUTO, t, vl, 12, &f, &err), 0);
    assert_int_equal(f.model, MODEL_LINEAR);
    assert_int_equal(f.requested, MODEL_AUTO);
    assert_true(f.cand_aicc[MODEL_LINEAR] < f.cand_aicc[MODEL_EXP]);
    assert_true(f.aicc == f.cand_aicc[MODEL_LINEAR]);
    assert_int_equal(fit_model(MODEL_AUTO, t, ve, 12, &f, &err), 0);
    assert_int_equal(f.model, MODEL_EXP);
    assert_int_equal(fit_model(MODEL_AUTO, t, vg, 12, &f, &err), 0);
    assert_int_equal(f.model, MODEL_LOGISTIC);
    assert_true(isfinite(f.cand_aicc[MODEL_EXP]));
    /* Too few points for logistic: only linear and exp compete. */
    assert_int_equal(fit_model(MODEL_AUTO, t, vg, 7, &f, &err), 0);
    assert_true(isnan(f.cand_aicc[MODEL_LOGISTIC]));
    assert_true(f.model != MODEL_LOGISTIC);
    assert_int_equal(err.kind, ERR_NONE);

    assert_int_equal(fit_model(MODEL_AUTO, t, ve, 4, &f, &err), -1);
    assert_string_equal(err.message, "model auto compares models by AICc "
                                     "and needs at least 5 points (got 4)");
    assert_int_equal(err.remedy, ERR_REMEDY_MODEL);
}

/* The AICc of exp is on the value scale: -2 ln L of the lognormal,
 * Jacobian included. Checked against the formula written out. */
static void test_aicc_value_scale(void **state)
{
    (void)state;
    double t[] = {55, 56, 57, 58, 59}, y[] = {0, 1.1, 1.9, 3.2, 3.9}, v[5];
    double sum = 0;
    for (int i = 0; i < 5; i++) {
        v[i] = exp(y[i]);
        sum += y[i];
    }
    Fit f;
    Error err = fresh();
    assert_int_equal(fit_model(MODEL_EXP, t, v, 5, &f, &err), 0);
    double ll = -2.5 * (log(2 * 3.14159265358979323846 * 0.067 / 5) + 1) - sum;
    assert_rel(f.aicc, -2 * ll + 6 + 24.0 / 1.0, 1e-10);
}

static void test_degenerate_messages(void **state)
{
    (void)state;
    double t[] = {55, 56}, v[] = {1, 2};
    Fit f;
    Error err = fresh();
    assert_int_equal(fit_model(MODEL_EXP, t, v, 2, &f, &err), -1);
    assert_string_equal(err.message, "need at least 3 points to fit a trend "
                                     "with an interval (got 2)");
    double ts[] = {55, 55, 55}, vs[] = {1, 2, 3};
    err = fresh();
    assert_int_equal(fit_model(MODEL_LINEAR, ts, vs, 3, &f, &err), -1);
    assert_string_equal(err.message, "all 3 points have the same date; a "
                                     "trend needs at least 2 different "
                                     "dates");
    double tn[] = {55, 56, 57}, vn[] = {1, -2, 3};
    err = fresh();
    assert_int_equal(fit_model(MODEL_EXP, tn, vn, 3, &f, &err), -1);
    assert_string_equal(err.message, "value -2 is not positive; an "
                                     "exponential trend needs values above "
                                     "0");
    double vf[] = {5, 5, 5}, vd[] = {8, 4, 2}, years = 1;
    err = fresh();
    assert_int_equal(fit_model(MODEL_EXP, tn, vf, 3, &f, &err), 0);
    assert_int_equal(fit_doubling(&f, &years, &err), -1);
    assert_string_equal(err.message, "the trend is flat or declining (0% a "
                                     "year), so it never doubles");
    assert_true(isnan(years));
    err = fresh();
    assert_int_equal(fit_model(MODEL_EXP, tn, vd, 3, &f, &err), 0);
    assert_int_equal(fit_doubling(&f, &years, &err), -1);
    assert_string_equal(err.message, "the trend is flat or declining (-50% a "
                                     "year), so it never doubles");
    assert_int_equal(fit_model(MODEL_NONE, tn, vd, 3, &f, &err), 0);
    assert_int_equal(f.model, MODEL_NONE);
    assert_true(isnan(fit_predict(&f, 56)));
}

static void test_model_names(void **state)
{
    (void)state;
    Model m;
    assert_int_equal(fit_model_parse("logistic", &m), 0);
    assert_int_equal(m, MODEL_LOGISTIC);
    assert_int_equal(fit_model_parse("auto", &m), 0);
    assert_int_equal(m, MODEL_AUTO);
    assert_int_equal(fit_model_parse("Exp", &m), -1);
    assert_string_equal(fit_model_name(MODEL_EXP), "exp");
    assert_string_equal(fit_model_name(MODEL_LINEAR), "linear");
}

static void test_window(void **state)
{
    (void)state;
    int32_t d[] = {10, 20, 30, 40, 50};
    size_t first;
    assert_int_equal(fit_window(d, 5, LONG_MIN, 0, &first), 5);
    assert_int_equal(first, 0);
    assert_int_equal(fit_window(d, 5, 25, 0, &first), 3);
    assert_int_equal(first, 2);
    assert_int_equal(fit_window(d, 5, LONG_MIN, 2, &first), 2);
    assert_int_equal(first, 3);
    assert_int_equal(fit_window(d, 5, 20, 10, &first), 4);
    assert_int_equal(first, 1);
    assert_int_equal(fit_window(d, 5, 60, 0, &first), 0);
}

/* ---- one real series ------------------------------------------------ */

/* Anthropic run_rate_revenue as the shipped data held it in May 2026
 * (tests/data/fit/run_rate_2026-05.csv, kept fixed as the data grows; 9
 * points, 2023-12 .. 2026-05, each month read as its first day; t = days since
 * 1970-01-01 / 365.2425), and OpenAI's (8 points). Reference values from
 * a python3 script using only the standard library, run once: OLS of
 * ln v on t by the textbook sums, s = sqrt(RSS / 7); t(0.9, 7) by
 * bisection on a Simpson integral of the Student t density (1.4149239277,
 * table value 1.415); AICc = -2 ln L + 2k + 2k(k+1)/(n-k-1), k = 3,
 * ln L = -n/2 (ln(2 pi RSS/n) + 1) - sum ln v. */
static size_t load_revenue(const char *company, double *t, double *v)
{
    FILE *f = fopen("tests/data/fit/run_rate_2026-05.csv", "r");
    assert_non_null(f);
    char line[4096];
    size_t n = 0;
    size_t len = strlen(company);
    while (fgets(line, sizeof line, f)) {
        int y, m;
        char *p = strchr(line, ',');
        if (!p || sscanf(line, "%d-%d", &y, &m) != 2)
            continue;
        if (strncmp(p + 1, company, len) != 0 || p[1 + len] != ','
            || strncmp(p + 2 + len, "run_rate_revenue,", 17) != 0)
            continue;
        /* Days from 1970-01-01 to the first of the month (civil). */
        long yy = m <= 2 ? y - 1 : y;
        long era = yy / 400, yoe = yy - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        long days = era * 146097 + doe - 719468;
        t[n] = days / 365.2425;
        v[n] = strtod(p + 2 + len + 17, NULL);
        n++;
    }
    fclose(f);
    return n;
}

static void test_anthropic_run_rate(void **state)
{
    (void)state;
    double t[32], v[32], to[32], vo[32];
    size_t n = load_revenue("Anthropic", t, v);
    size_t no = load_revenue("OpenAI", to, vo);
    assert_int_equal(n, 9);
    assert_int_equal(no, 8);
    Fit f, o;
    Error err = fresh();
    assert_int_equal(fit_model(MODEL_EXP, t, v, n, &f, &err), 0);
    assert_rel(f.par[1], 2.4284330218014238, 1e-10);
    assert_rel(f.par[0], -112.60510802855478, 1e-10);
    assert_rel(f.se[1], 0.098700075678500532, 1e-9);
    assert_rel(f.se[0], 5.4846023318700752, 1e-9);
    assert_rel(f.r2, 0.98856890855023716, 1e-10);
    assert_rel(f.resid_sd, 0.21346922767243728, 1e-9);
    assert_rel(f.cagr, 10.341096897557644, 1e-10);
    assert_rel(f.doubling_years, 0.28542981187340521, 1e-10);
    assert_rel(f.aicc, 408.17912649426535, 1e-10);

    double t_dec = 56.915610861277095; /* 2026-12-01 */
    double lo, hi;
    assert_rel(fit_predict(&f, t_dec), 132605029384.26013, 1e-9);
    assert_int_equal(fit_interval(&f, t_dec, 0.8, &lo, &hi), 0);
    assert_rel(lo, 91581024847.527206, 1e-9);
    assert_rel(hi, 192005864176.29813, 1e-9);

    assert_int_equal(fit_model(MODEL_EXP, to, vo, no, &o, &err), 0);
    assert_rel(o.par[1], 1.2033401044191636, 1e-10);
}

/* ---- damped trend ----------------------------------------------------- */

/* ln v = a + b (1 - e^(-d u)) / d, u = t - tc, written out as the brief
 * defines it (d != 0 here). */
static double damped_ln(double a, double b, double d, double u)
{
    return a + b * (-expm1(-d * u) / d);
}

/* Deterministic noise, fixed pattern, mean zero. */
static double wiggle(int i)
{
    return 0.03 * sin(1.7 * i + 0.3) + 0.02 * cos(5.1 * i);
}

/* 12 points over 2023..2026 (t 53..56), tc their mean; a = ln 1e9, b 2 a
 * year, d a year. Noise of the wiggle, up to 1% of v. */
static double damped_series_d(double *t, double *v, double d, double noise)
{
    double tc = 0;
    for (int i = 0; i < 12; i++) {
        t[i] = 53.0 + 3.0 * i / 11.0;
        tc += t[i];
    }
    tc /= 12;
    for (int i = 0; i < 12; i++)
        v[i] = exp(damped_ln(log(1e9), 2.0, d, t[i] - tc)
                   + noise * wiggle(i));
    return tc;
}

static double damped_series(double *t, double *v, double noise)
{
    return damped_series_d(t, v, 0.8, noise);
}

/* Exact data give back a, b, d; the rates of the last point follow. With
 * noise the estimates stay within three standard errors of the truth. */
static void test_damped_recovers_parameters(void **state)
{
    (void)state;
    double t[12], v[12];
    double tc = damped_series(t, v, 0.0);
    Fit f;
    Error err = fresh();
    assert_int_equal(fit_model(MODEL_DAMPED, t, v, 12, &f, &err), 0);
    assert_int_equal(f.model, MODEL_DAMPED);
    assert_int_equal(f.n_par, 3);
    assert_rel(f.tc, tc, 1e-15);
    assert_rel(f.par[0], log(1e9), 1e-6);
    assert_rel(f.par[1], 2.0, 1e-6);
    assert_rel(f.par[2], 0.8, 1e-6);
    assert_rel(f.r2, 1.0, 1e-12);
    double rate = 2.0 * exp(-0.8 * (56.0 - tc));
    assert_rel(f.cagr, expm1(rate), 1e-6);
    assert_rel(f.doubling_years, log(2.0) / rate, 1e-6);
    double years;
    assert_int_equal(fit_doubling(&f, &years, &err), 0);
    assert_true(years == f.doubling_years);
    assert_rel(fit_predict(&f, 57.0),
               exp(damped_ln(log(1e9), 2.0, 0.8, 57.0 - tc)), 1e-9);

    damped_series(t, v, 0.2);
    assert_int_equal(fit_model(MODEL_DAMPED, t, v, 12, &f, &err), 0);
    double truth[3] = {log(1e9), 2.0, 0.8};
    for (int i = 0; i < 3; i++) {
        assert_true(f.se[i] > 0 && isfinite(f.se[i]));
        assert_true(fabs(f.par[i] - truth[i]) < 3 * f.se[i]);
    }
    assert_rel(f.par[1], 2.0, 0.02);
    assert_rel(f.par[2], 0.8, 0.02);
    assert_true(f.r2 > 0.999 && f.r2 < 1);
    assert_int_equal(err.kind, ERR_NONE);
}

/* d = 0 is the exp model: exact exponential data, and data accelerating
 * faster than any exponential (the best d would be negative), both give
 * d = 0 and the predictions of fit_exponential. */
static void test_damped_exponential_data_give_d_zero(void **state)
{
    (void)state;
    double t[12], ve[12], va[12];
    for (int i = 0; i < 12; i++) {
        t[i] = 53.0 + 3.0 * i / 11.0;
        ve[i] = 1e9 * exp(1.3 * (t[i] - 55.0));
        va[i] = exp((t[i] - 53.0) * (t[i] - 53.0));
    }
    const double *series[2] = {ve, va};
    for (int s = 0; s < 2; s++) {
        Fit f, e;
        Error err = fresh();
        assert_int_equal(fit_model(MODEL_DAMPED, t, series[s], 12, &f, &err),
                         0);
        assert_int_equal(fit_exponential(t, series[s], 12, &e, &err), 0);
        assert_true(f.par[2] >= 0 && f.par[2] < 1e-12);
        /* The accelerating data's best d is negative: the bound, 0
         * exactly. */
        if (s == 1)
            assert_true(f.par[2] == 0);
        for (double x = 52.0; x <= 60.0; x += 0.5)
            assert_rel(fit_predict(&f, x), fit_predict(&e, x), 1e-9);
        assert_rel(f.cagr, e.cagr, 1e-9);
        /* The same RSS (exact data have only rounding's). */
        if (s == 1)
            assert_rel(f.resid_sd * f.resid_sd * 9,
                       e.resid_sd * e.resid_sd * 10, 1e-9);
    }
}

static void test_damped_refusals(void **state)
{
    (void)state;
    double t[] = {55, 56, 57, 58, 59, 60}, v[] = {1, 2, 3, 4, 5, 6};
    Fit f;
    Error err = fresh();
    assert_int_equal(fit_model(MODEL_DAMPED, t, v, 4, &f, &err), -1);
    assert_int_equal(err.kind, ERR_DATA);
    assert_string_equal(err.message, "a damped trend has 3 parameters and "
                                     "needs at least 5 points (got 4)");
    assert_int_equal(f.model, MODEL_NONE);
    err = fresh();
    assert_int_equal(fit_model(MODEL_DAMPED, t, v, 5, &f, &err), 0);
    assert_int_equal(f.model, MODEL_DAMPED);

    double vn[] = {1, 2, 0, 4, 5, 6};
    err = fresh();
    assert_int_equal(fit_model(MODEL_DAMPED, t, vn, 6, &f, &err), -1);
    assert_string_equal(err.message, "value 0 is not positive; a damped "
                                     "trend needs values above 0");
    /* Equal values: no growth, so nothing to decay (b = 0 exactly). */
    double vc[] = {5, 5, 5, 5, 5, 5};
    err = fresh();
    assert_int_equal(fit_model(MODEL_DAMPED, t, vc, 6, &f, &err), -1);
    assert_int_equal(err.kind, ERR_DATA);
    assert_string_equal(err.message, "the data do not determine the damped "
                                     "trend's decay rate");
    /* A step: the RSS keeps falling as d grows. */
    double vs[] = {1, 10, 10, 10, 10, 10};
    err = fresh();
    assert_int_equal(fit_model(MODEL_DAMPED, t, vs, 6, &f, &err), -1);
    assert_string_equal(err.message, "the damped trend's decay rate reaches "
                                     "the bound of 20 a year: the data do "
                                     "not determine it");
    assert_true(isnan(f.par[2]));
}

/* The interval on ln v is yhat +- t(0.9, 9) sqrt(s^2 + g' cov g), with g
 * here by central differences of the model (so it checks the analytic
 * gradient); it holds the prediction and widens with the lead. */
static void damped_interval_run(double d)
{
    double t[12], v[12];
    damped_series_d(t, v, d, 0.2);
    Fit f;
    Error err = fresh();
    assert_int_equal(fit_model(MODEL_DAMPED, t, v, 12, &f, &err), 0);
    assert_rel(f.par[2], d, 0.2);
    const double tq = 1.38302873839663; /* t(0.9, 9), GSL */
    double at[] = {f.tc + 1e-5, f.tc + 0.03, 53.0, 56.0, 56.5, 57.0, 58.0};
    double prev = 0;
    for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
        double x = at[k], lo, hi, mid = fit_predict(&f, x);
        assert_int_equal(fit_interval(&f, x, 0.8, &lo, &hi), 0);
        assert_true(lo < mid && mid < hi);
        assert_rel(log(hi) - log(mid), log(mid) - log(lo), 1e-9);
        double g[3];
        for (int i = 0; i < 3; i++) {
            double h = 1e-6, p[3] = {f.par[0], f.par[1], f.par[2]};
            p[i] = f.par[i] + h;
            double up = damped_ln(p[0], p[1], p[2], x - f.tc);
            p[i] = f.par[i] - h;
            g[i] = (up - damped_ln(p[0], p[1], p[2], x - f.tc)) / (2 * h);
        }
        double var = f.resid_sd * f.resid_sd;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                var += g[i] * f.cov[i][j] * g[j];
        assert_rel(log(hi) - log(mid), tq * sqrt(var), 1e-6);
        if (x >= 56.0) {
            assert_true(log(hi / lo) > prev);
            prev = log(hi / lo);
        }
    }
}

/* At d 0.8 the points are mostly past the series of dg/dd (|d u| <
 * 0.05); at d 0.02 all of 53..56.5 are in it, and its gradient carries
 * the interval there. */
static void test_damped_interval(void **state)
{
    (void)state;
    damped_interval_run(0.8);
    damped_interval_run(0.02);
}

/* The name, and auto's candidate from FIT_AUTO_MIN_DAMPED points: it wins
 * on damped data, and has no AICc below 6 points. */
static void test_damped_name_and_auto(void **state)
{
    (void)state;
    Model m = MODEL_NONE;
    assert_int_equal(fit_model_parse("damped", &m), 0);
    assert_int_equal(m, MODEL_DAMPED);
    assert_string_equal(fit_model_name(MODEL_DAMPED), "damped");
    assert_int_equal(fit_model_parse("auto", &m), 0);
    assert_int_equal(m, MODEL_AUTO);
    assert_int_equal(MODEL_NONE, 0);
    assert_int_equal(MODEL_EXP, 1);
    assert_true(MODEL_LOGISTIC < MODEL_DAMPED && MODEL_DAMPED < MODEL_AUTO);

    double t[12], v[12];
    damped_series(t, v, 0.2);
    Fit f;
    Error err = fresh();
    assert_int_equal(fit_model(MODEL_AUTO, t, v, 12, &f, &err), 0);
    assert_int_equal(f.model, MODEL_DAMPED);
    assert_true(f.aicc == f.cand_aicc[MODEL_DAMPED]);
    assert_true(f.cand_aicc[MODEL_DAMPED] < f.cand_aicc[MODEL_LOGISTIC]);
    assert_int_equal(fit_model(MODEL_AUTO, t, v, 5, &f, &err), 0);
    assert_true(isnan(f.cand_aicc[MODEL_DAMPED]));
    assert_int_equal(err.kind, ERR_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norris_certified),
        cmocka_unit_test(test_line_two_points_no_sd),
        cmocka_unit_test(test_line_refuses_one_point),
        cmocka_unit_test(test_line_refuses_equal_x),
        cmocka_unit_test(test_line_refuses_non_finite),
        cmocka_unit_test(test_exponential_exact_doubling),
        cmocka_unit_test(test_exponential_shrinking_never_doubles),
        cmocka_unit_test(test_exponential_refuses_non_positive),
        cmocka_unit_test(test_exponential_refuses_same_date),
        cmocka_unit_test(test_interval_by_hand),
        cmocka_unit_test(test_interval_needs_three_points),
        cmocka_unit_test(test_time_offset_keeps_precision),
        cmocka_unit_test(test_linear_exact),
        cmocka_unit_test(test_linear_interval_by_hand),
        cmocka_unit_test(test_logistic_exact),
        cmocka_unit_test(test_logistic_noisy_interval),
        cmocka_unit_test(test_logistic_refusals),
        cmocka_unit_test(test_auto_picks_the_true_model),
        cmocka_unit_test(test_aicc_value_scale),
        cmocka_unit_test(test_degenerate_messages),
        cmocka_unit_test(test_model_names),
        cmocka_unit_test(test_window),
        cmocka_unit_test(test_anthropic_run_rate),
        cmocka_unit_test(test_damped_recovers_parameters),
        cmocka_unit_test(test_damped_exponential_data_give_d_zero),
        cmocka_unit_test(test_damped_refusals),
        cmocka_unit_test(test_damped_interval),
        cmocka_unit_test(test_damped_name_and_auto),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
