/* test_scale.c - mapping and exact tick lists. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "dates.h"
#include "scale.h"

/* Tick values must be the exact doubles of their decimals (1e9, 0.2), so
 * they are compared with ==, not a tolerance. */
static void check_ticks(const Tick *got, size_t n, const double *want,
                        const int *major, size_t nwant)
{
    if (n != nwant) {
        print_error("got %zu ticks, want %zu:", n, nwant);
        for (size_t i = 0; i < n; i++)
            print_error(" %.17g", got[i].value);
        print_error("\n");
        fail();
    }
    for (size_t i = 0; i < n; i++) {
        if (got[i].value != want[i]) {
            print_error("tick %zu: got %.17g want %.17g\n", i, got[i].value,
                        want[i]);
            fail();
        }
        assert_int_equal(got[i].major, major ? major[i] : 1);
    }
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_map(void **state)
{
    (void)state;
    Scale lin = {SCALE_LINEAR, 0, 10, 100, 200};
    assert_true(scale_map(&lin, 5) == 150);
    assert_true(scale_map(&lin, 0) == 100);
    assert_true(scale_map(&lin, 12) == 220);
    Scale flip = {SCALE_LINEAR, 0, 10, 500, 100};
    assert_true(scale_map(&flip, 2.5) == 400);
    Scale log = {SCALE_LOG, 1, 100, 0, 100};
    assert_true(fabs(scale_map(&log, 10) - 50) < 1e-12);
    assert_true(fabs(scale_map(&log, 1e9) - 450) < 1e-9);
    assert_true(isnan(scale_map(&log, 0)));
    assert_true(isnan(scale_map(&log, -5)));
    Scale point = {SCALE_LINEAR, 3, 3, 0, 100};
    assert_true(scale_map(&point, 3) == 50);
}

static void test_linear_0_to_9_3(void **state)
{
    (void)state;
    Tick t[SCALE_MAX_TICKS];
    double d0 = 0, d1 = 9.3;
    size_t n = scale_ticks_linear(&d0, &d1, 5, t, SCALE_MAX_TICKS);
    static const double want[] = {0, 2, 4, 6, 8, 10};
    check_ticks(t, n, want, NULL, COUNT(want));
    assert_true(d0 == 0 && d1 == 10);
}

static void test_linear_decimals_exact(void **state)
{
    (void)state;
    Tick t[SCALE_MAX_TICKS];
    double d0 = 0.2, d1 = 0.93;
    size_t n = scale_ticks_linear(&d0, &d1, 5, t, SCALE_MAX_TICKS);
    static const double want[] = {0.2, 0.4, 0.6, 0.8, 1.0};
    check_ticks(t, n, want, NULL, COUNT(want));
    assert_true(d0 == 0.2 && d1 == 1.0);

    d0 = 0.3;
    d1 = 0.7;
    n = scale_ticks_linear(&d0, &d1, 4, t, SCALE_MAX_TICKS);
    static const double want2[] = {0.3, 0.4, 0.5, 0.6, 0.7};
    check_ticks(t, n, want2, NULL, COUNT(want2));
    assert_true(d0 == 0.3 && d1 == 0.7);
}

static void test_linear_negative_and_large(void **state)
{
    (void)state;
    Tick t[SCALE_MAX_TICKS];
    double d0 = 12, d1 = -3.7; /* reversed on purpose */
    size_t n = scale_ticks_linear(&d0, &d1, 5, t, SCALE_MAX_TICKS);
    static const double want[] = {-4, -2, 0, 2, 4, 6, 8, 10, 12};
    check_ticks(t, n, want, NULL, COUNT(want));
    assert_true(d0 == -4 && d1 == 12);

    d0 = 0;
    d1 = 4.7e10;
    n = scale_ticks_linear(&d0, &d1, 5, t, SCALE_MAX_TICKS);
    static const double want2[] = {0, 1e10, 2e10, 3e10, 4e10, 5e10};
    check_ticks(t, n, want2, NULL, COUNT(want2));
    assert_true(d1 == 5e10);

    d0 = 1.3e9;
    d1 = 4.4e9;
    n = scale_ticks_linear(&d0, &d1, 6, t, SCALE_MAX_TICKS);
    static const double want3[] = {1e9, 1.5e9, 2e9, 2.5e9, 3e9, 3.5e9,
                                   4e9, 4.5e9};
    check_ticks(t, n, want3, NULL, COUNT(want3));
}

static void test_linear_single_value(void **state)
{
    (void)state;
    Tick t[SCALE_MAX_TICKS];
    double d0 = 0, d1 = 0;
    size_t n = scale_ticks_linear(&d0, &d1, 5, t, SCALE_MAX_TICKS);
    static const double want[] = {0, 0.2, 0.4, 0.6, 0.8, 1};
    check_ticks(t, n, want, NULL, COUNT(want));
    assert_true(d0 == 0 && d1 == 1);

    d0 = d1 = 5;
    n = scale_ticks_linear(&d0, &d1, 5, t, SCALE_MAX_TICKS);
    static const double want2[] = {4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6};
    check_ticks(t, n, want2, NULL, COUNT(want2));
    assert_true(d0 == 4.4 && d1 == 5.6);
}

static void test_linear_respects_max(void **state)
{
    (void)state;
    Tick t[4];
    double d0 = 0, d1 = 100;
    size_t n = scale_ticks_linear(&d0, &d1, 50, t, 4);
    static const double want[] = {0, 50, 100};
    check_ticks(t, n, want, NULL, COUNT(want));

    d0 = NAN;
    d1 = 1;
    assert_int_equal(scale_ticks_linear(&d0, &d1, 5, t, 4), 0);
}

static void test_log_decades(void **state)
{
    (void)state;
    Tick t[SCALE_MAX_TICKS];
    double d0 = 1e8, d1 = 4.7e10;
    size_t n = scale_ticks_log(&d0, &d1, t, SCALE_MAX_TICKS);
    static const double want[] = {1e8, 1e9, 1e10, 1e11};
    check_ticks(t, n, want, NULL, COUNT(want));
    assert_true(d0 == 1e8 && d1 == 1e11);

    d0 = 1.3e8;
    d1 = 2.2e10;
    n = scale_ticks_log(&d0, &d1, t, SCALE_MAX_TICKS);
    check_ticks(t, n, want, NULL, COUNT(want));
    assert_true(d0 == 1e8 && d1 == 1e11);
}

static void test_log_short_span_adds_2_5(void **state)
{
    (void)state;
    Tick t[SCALE_MAX_TICKS];
    double d0 = 2e8, d1 = 9e8;
    size_t n = scale_ticks_log(&d0, &d1, t, SCALE_MAX_TICKS);
    static const double want[] = {2e8, 5e8, 1e9};
    check_ticks(t, n, want, NULL, COUNT(want));
    assert_true(d0 == 2e8 && d1 == 1e9);

    d0 = 1.5e9;
    d1 = 3e10;
    n = scale_ticks_log(&d0, &d1, t, SCALE_MAX_TICKS);
    static const double want2[] = {1e9, 2e9, 5e9, 1e10, 2e10, 5e10};
    check_ticks(t, n, want2, NULL, COUNT(want2));
    assert_true(d0 == 1e9 && d1 == 5e10);

    d0 = 0.003;
    d1 = 0.2;
    n = scale_ticks_log(&d0, &d1, t, SCALE_MAX_TICKS);
    static const double want3[] = {0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2};
    check_ticks(t, n, want3, NULL, COUNT(want3));
}

static void test_log_never_fewer_than_3(void **state)
{
    (void)state;
    Tick t[SCALE_MAX_TICKS];
    double d0 = 5e9, d1 = 5e9;
    size_t n = scale_ticks_log(&d0, &d1, t, SCALE_MAX_TICKS);
    static const double want[] = {2e9, 5e9, 1e10};
    check_ticks(t, n, want, NULL, COUNT(want));
    assert_true(d0 == 2e9 && d1 == 1e10);

    d0 = 1.1e9;
    d1 = 1.9e9;
    n = scale_ticks_log(&d0, &d1, t, SCALE_MAX_TICKS);
    static const double want2[] = {1e9, 2e9, 5e9};
    check_ticks(t, n, want2, NULL, COUNT(want2));
}

static void test_log_many_decades(void **state)
{
    (void)state;
    Tick t[SCALE_MAX_TICKS];
    double d0 = 1, d1 = 1e30;
    size_t n = scale_ticks_log(&d0, &d1, t, SCALE_MAX_TICKS);
    assert_int_equal(n, 31);
    size_t labels = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(t[i].value == pow(10, (double)i));
        assert_int_equal(t[i].major, i % 5 == 0);
        labels += (size_t)t[i].major;
    }
    assert_int_equal(labels, 7);
    assert_true(d0 == 1 && d1 == 1e30);
}

static void test_log_refuses_non_positive(void **state)
{
    (void)state;
    Tick t[SCALE_MAX_TICKS];
    double d0 = 0, d1 = 1e9;
    assert_int_equal(scale_ticks_log(&d0, &d1, t, SCALE_MAX_TICKS), 0);
    d0 = -1;
    assert_int_equal(scale_ticks_log(&d0, &d1, t, SCALE_MAX_TICKS), 0);
}

static void check_dates(const long *got, size_t n, const long *want,
                        size_t nwant)
{
    assert_int_equal(n, nwant);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(got[i], want[i]);
}

static void test_dates_yearly(void **state)
{
    (void)state;
    long t[SCALE_MAX_TICKS];
    char unit = 0;
    size_t n = scale_ticks_dates(date_from_ymd(2023, 9, 15),
                                 date_from_ymd(2027, 6, 30), t,
                                 SCALE_MAX_TICKS, &unit);
    long want[] = {date_from_ymd(2024, 1, 1), date_from_ymd(2025, 1, 1),
                   date_from_ymd(2026, 1, 1), date_from_ymd(2027, 1, 1)};
    check_dates(t, n, want, COUNT(want));
    assert_int_equal(unit, 'y');

    n = scale_ticks_dates(date_from_ymd(2000, 1, 1),
                          date_from_ymd(2025, 6, 1), t, SCALE_MAX_TICKS,
                          &unit);
    long want2[] = {date_from_ymd(2000, 1, 1), date_from_ymd(2005, 1, 1),
                    date_from_ymd(2010, 1, 1), date_from_ymd(2015, 1, 1),
                    date_from_ymd(2020, 1, 1), date_from_ymd(2025, 1, 1)};
    check_dates(t, n, want2, COUNT(want2));
    assert_int_equal(unit, 'y');

    /* 2015..2026 would be 12 ticks: every 2nd year, on even years. */
    n = scale_ticks_dates(date_from_ymd(2014, 3, 1),
                          date_from_ymd(2026, 2, 1), t, SCALE_MAX_TICKS,
                          &unit);
    long want3[] = {date_from_ymd(2016, 1, 1), date_from_ymd(2018, 1, 1),
                    date_from_ymd(2020, 1, 1), date_from_ymd(2022, 1, 1),
                    date_from_ymd(2024, 1, 1), date_from_ymd(2026, 1, 1)};
    check_dates(t, n, want3, COUNT(want3));

    /* 2020..2026: seven yearly ticks are still few enough. */
    n = scale_ticks_dates(date_from_ymd(2019, 3, 1),
                          date_from_ymd(2026, 2, 1), t, SCALE_MAX_TICKS,
                          &unit);
    assert_int_equal(n, 7);
    assert_int_equal(t[0], date_from_ymd(2020, 1, 1));
    assert_int_equal(t[6], date_from_ymd(2026, 1, 1));

    /* Long spans: 1800..2100 every 50 years; 1..9999 every 2000. */
    n = scale_ticks_dates(date_from_ymd(1800, 1, 1),
                          date_from_ymd(2100, 1, 1), t, SCALE_MAX_TICKS,
                          &unit);
    assert_int_equal(n, 7);
    assert_int_equal(t[0], date_from_ymd(1800, 1, 1));
    assert_int_equal(t[1], date_from_ymd(1850, 1, 1));
    assert_int_equal(t[6], date_from_ymd(2100, 1, 1));
    n = scale_ticks_dates(date_from_ymd(1, 1, 1), date_from_ymd(9999, 12, 31),
                          t, SCALE_MAX_TICKS, &unit);
    assert_int_equal(n, 4);
    assert_int_equal(t[0], date_from_ymd(2000, 1, 1));
    assert_int_equal(t[3], date_from_ymd(8000, 1, 1));
}

static void test_dates_quarterly(void **state)
{
    (void)state;
    long t[SCALE_MAX_TICKS];
    char unit = 0;
    size_t n = scale_ticks_dates(date_from_ymd(2024, 2, 10),
                                 date_from_ymd(2025, 8, 20), t,
                                 SCALE_MAX_TICKS, &unit);
    long want[] = {date_from_ymd(2024, 4, 1), date_from_ymd(2024, 7, 1),
                   date_from_ymd(2024, 10, 1), date_from_ymd(2025, 1, 1),
                   date_from_ymd(2025, 4, 1), date_from_ymd(2025, 7, 1)};
    check_dates(t, n, want, COUNT(want));
    assert_int_equal(unit, 'q');
}

static void test_dates_monthly(void **state)
{
    (void)state;
    long t[SCALE_MAX_TICKS];
    char unit = 0;
    size_t n = scale_ticks_dates(date_from_ymd(2025, 1, 1),
                                 date_from_ymd(2025, 6, 15), t,
                                 SCALE_MAX_TICKS, &unit);
    long want[] = {date_from_ymd(2025, 1, 1), date_from_ymd(2025, 2, 1),
                   date_from_ymd(2025, 3, 1), date_from_ymd(2025, 4, 1),
                   date_from_ymd(2025, 5, 1), date_from_ymd(2025, 6, 1)};
    check_dates(t, n, want, COUNT(want));
    assert_int_equal(unit, 'm');

    n = scale_ticks_dates(date_from_ymd(2025, 11, 2),
                          date_from_ymd(2026, 2, 1), t, 2, &unit);
    long want2[] = {date_from_ymd(2025, 12, 1), date_from_ymd(2026, 1, 1)};
    check_dates(t, n, want2, COUNT(want2));
}

static void test_prefers_log(void **state)
{
    (void)state;
    assert_true(scale_prefers_log(1e8, 4.7e10));
    assert_false(scale_prefers_log(1e9, 3e10));
    assert_true(scale_prefers_log(1e9, 3.2e10));
    assert_false(scale_prefers_log(0, 1e9));
    assert_false(scale_prefers_log(-1, 100));
    assert_false(scale_prefers_log(5, 5));
}

/* The batch form maps every value bit for bit as scale_map does. */
static void test_scale_fn_same_as_scale_map(void **state)
{
    (void)state;
    const Scale scales[] = {{SCALE_LOG, 0.1, 1e8, 700, 120},
                            {SCALE_LINEAR, -5, 40, 80, 1500},
                            {SCALE_LOG, 0, 10, 0, 1},
                            {SCALE_LINEAR, 3, 3, 10, 20}};
    const double values[] = {0.1, 1e8, 0.123456, 77.7, 1e-300, 0, -1, 3,
                             1e300, NAN, INFINITY, 12345.678};
    for (size_t i = 0; i < sizeof scales / sizeof *scales; i++) {
        ScaleFn f = scale_fn(&scales[i]);
        for (size_t j = 0; j < sizeof values / sizeof *values; j++) {
            double want = scale_map(&scales[i], values[j]);
            double got = scale_fn_map(&f, values[j]);
            if (isnan(want))
                assert_true(isnan(got));
            else
                assert_memory_equal(&want, &got, sizeof want);
        }
    }
}

/* An aligned axis: months in steps of 1, 2, 3, 6, 12 ..., years from a
 * two-year step on. */
static void test_month_ticks(void **state)
{
    (void)state;
    double t[SCALE_MAX_TICKS];
    int years = -1;
    size_t n = scale_ticks_months(0, 40, t, SCALE_MAX_TICKS, &years);
    assert_int_equal(n, 7);
    assert_true(t[0] == 0 && t[6] == 36);
    assert_int_equal(years, 0);
    n = scale_ticks_months(0, 7.5, t, SCALE_MAX_TICKS, &years);
    assert_int_equal(n, 8);
    assert_true(t[7] == 7);
    n = scale_ticks_months(0, 150, t, SCALE_MAX_TICKS, &years);
    assert_int_equal(years, 1);
    assert_true(t[1] == 24);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scale_fn_same_as_scale_map),
        cmocka_unit_test(test_map),
        cmocka_unit_test(test_linear_0_to_9_3),
        cmocka_unit_test(test_linear_decimals_exact),
        cmocka_unit_test(test_linear_negative_and_large),
        cmocka_unit_test(test_linear_single_value),
        cmocka_unit_test(test_linear_respects_max),
        cmocka_unit_test(test_log_decades),
        cmocka_unit_test(test_log_short_span_adds_2_5),
        cmocka_unit_test(test_log_never_fewer_than_3),
        cmocka_unit_test(test_log_many_decades),
        cmocka_unit_test(test_log_refuses_non_positive),
        cmocka_unit_test(test_dates_yearly),
        cmocka_unit_test(test_dates_quarterly),
        cmocka_unit_test(test_dates_monthly),
        cmocka_unit_test(test_prefers_log),
        cmocka_unit_test(test_month_ticks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
