/* test_fit.c - least squares against NIST StRD Norris, exponential trends,
 * prediction intervals computed by hand. Run from the project root. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

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
                        "values above 0 (use a linear model or drop the "
                        "point)");
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
