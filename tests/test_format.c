/* test_format.c - exact label strings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "format.h"

static char buf[128];

#define COMPACT(v, unit, digits) \
    format_compact((v), (unit), (digits), buf, sizeof buf)

static void test_compact_usd(void **state)
{
    (void)state;
    assert_string_equal(COMPACT(1.2e9, "USD", 3), "$1.2B");
    assert_string_equal(COMPACT(500e6, "USD", 3), "$500M");
    assert_string_equal(COMPACT(100e9, "USD", 3), "$100B");
    assert_string_equal(COMPACT(1e12, "USD", 3), "$1T");
    assert_string_equal(COMPACT(28e6, "USD", 2), "$28M");
    assert_string_equal(COMPACT(5e6, "USD", 2), "$5M");
    assert_string_equal(COMPACT(950e3, "USD", 2), "$950K");
    assert_string_equal(COMPACT(1e9, "USD", 3), "$1B");
    assert_string_equal(COMPACT(445.3e9, "USD", 3), "$445B");
    assert_string_equal(COMPACT(12.34e9, "USD", 3), "$12.3B");
    assert_string_equal(COMPACT(1.25e9, "usd", 2), "$1.3B");
    assert_string_equal(COMPACT(3.5e15, "USD", 2), "$3500T");
}

static void test_compact_rounding_carries_unit(void **state)
{
    (void)state;
    assert_string_equal(COMPACT(999.6e6, "USD", 3), "$1B");
    assert_string_equal(COMPACT(999.4e6, "USD", 3), "$999M");
    assert_string_equal(COMPACT(999.96e3, "", 4), "1M");
    assert_string_equal(COMPACT(999.6, "", 3), "1K");
    assert_string_equal(COMPACT(9.96e9, "USD", 2), "$10B");
}

static void test_compact_other_units(void **state)
{
    (void)state;
    assert_string_equal(COMPACT(300e6, "EUR", 3), "\xe2\x82\xac" "300M");
    assert_string_equal(COMPACT(800e6, "users", 3), "800M");
    assert_string_equal(COMPACT(1.5e9, "", 3), "1.5B");
    assert_string_equal(COMPACT(45e3, "users", 2), "45K");
    assert_string_equal(COMPACT(999, NULL, 3), "999");
    assert_string_equal(COMPACT(0.5, "", 2), "0.5");
    assert_string_equal(COMPACT(0.034, "", 2), "0.034");
    assert_string_equal(COMPACT(12.5, "", 3), "12.5");
}

static void test_compact_sign_and_zero(void **state)
{
    (void)state;
    assert_string_equal(COMPACT(-5e6, "USD", 2), "-$5M");
    assert_string_equal(COMPACT(-1.5e9, "", 2), "-1.5B");
    assert_string_equal(COMPACT(0, "USD", 3), "$0");
    assert_string_equal(COMPACT(0, "", 3), "0");
    assert_string_equal(COMPACT(-0.0, "", 3), "0");
    assert_string_equal(COMPACT(NAN, "USD", 3), "n/a");
}

static void test_compact_truncates_safely(void **state)
{
    (void)state;
    char small[4];
    format_compact(1.25e9, "USD", 3, small, sizeof small);
    assert_string_equal(small, "$1.");
    assert_ptr_equal(format_compact(1, "", 3, small, 0), small);
}

static void test_dates(void **state)
{
    (void)state;
    long d = date_from_ymd(2025, 10, 2);
    assert_string_equal(format_date(date_from_ymd(2025, 1, 1), DATE_YEAR,
                                    buf, sizeof buf), "2025");
    assert_string_equal(format_date(date_from_ymd(2025, 10, 1), DATE_MONTH,
                                    buf, sizeof buf), "2025-10");
    assert_string_equal(format_date(d, DATE_DAY, buf, sizeof buf),
                        "2025-10-02");
    assert_string_equal(format_date(date_from_ymd(1969, 12, 31), DATE_DAY,
                                    buf, sizeof buf), "1969-12-31");
    assert_string_equal(format_month_year(d, buf, sizeof buf), "Oct 2025");
    assert_string_equal(format_month_year(date_from_ymd(2024, 1, 31), buf,
                                          sizeof buf), "Jan 2024");
    assert_string_equal(format_month_year(date_from_ymd(2026, 12, 1), buf,
                                          sizeof buf), "Dec 2026");
}

static void test_duration(void **state)
{
    (void)state;
    assert_string_equal(format_duration(0.3, buf, sizeof buf), "3.6 months");
    assert_string_equal(format_duration(2.5, buf, sizeof buf), "2.5 years");
    assert_string_equal(format_duration(1.5, buf, sizeof buf),
                        "18.0 months");
    assert_string_equal(format_duration(2.0, buf, sizeof buf), "2.0 years");
    assert_string_equal(format_duration(0, buf, sizeof buf), "never");
    assert_string_equal(format_duration(-1, buf, sizeof buf), "never");
    assert_string_equal(format_duration(INFINITY, buf, sizeof buf), "never");
    assert_string_equal(format_duration(NAN, buf, sizeof buf), "never");
}

static void test_percent(void **state)
{
    (void)state;
    assert_string_equal(format_percent(0.45, buf, sizeof buf), "+45%");
    assert_string_equal(format_percent(8.6, buf, sizeof buf), "+860%");
    assert_string_equal(format_percent(-0.1, buf, sizeof buf), "-10%");
    assert_string_equal(format_percent(0.034, buf, sizeof buf), "+3.4%");
    assert_string_equal(format_percent(0.05, buf, sizeof buf), "+5%");
    assert_string_equal(format_percent(0.0996, buf, sizeof buf), "+10%");
    assert_string_equal(format_percent(1.0, buf, sizeof buf), "+100%");
    assert_string_equal(format_percent(-0.0042, buf, sizeof buf), "-0.42%");
    assert_string_equal(format_percent(0.125, buf, sizeof buf), "+13%");
    assert_string_equal(format_percent(0.995, buf, sizeof buf), "+100%");
    assert_string_equal(format_percent(123.456, buf, sizeof buf),
                        "+12346%");
    assert_string_equal(format_percent(0, buf, sizeof buf), "0%");
    assert_string_equal(format_percent(NAN, buf, sizeof buf), "n/a");
}

static void test_metric_names(void **state)
{
    (void)state;
    static const char *cases[][2] = {
        {"run_rate_revenue", "Run-rate revenue"},
        {"annual_revenue", "Annual revenue"},
        {"annual_contract_value", "Annual contract value"},
        {"claude_code_run_rate_revenue", "Claude Code run-rate revenue"},
        {"post_money_valuation", "Post-money valuation"},
        {"secondary_valuation", "Secondary-sale valuation"},
        {"merger_valuation", "Merger valuation"},
        {"reported_valuation", "Reported valuation"},
        {"weekly_active_users", "Weekly active users"},
        {"monthly_active_users", "Monthly active users"},
        {"daily_active_users_mobile", "Daily active users (mobile apps)"},
        {"paying_business_users", "Paying business users"},
        {"Annualized revenue (USD)", "Annualized revenue (USD)"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(format_metric_name(cases[i][0], buf, sizeof buf),
                            cases[i][1]);
}

/* Labels must not follow a locale whose decimal point is a comma. Skipped
 * where no such locale is installed. */
static void test_locale_independent(void **state)
{
    (void)state;
    static const char *names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                  "fr_FR.utf8", "de_DE", "fr_FR"};
    const char *got = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !got; i++)
        got = setlocale(LC_NUMERIC, names[i]);
    if (!got)
        skip();
    char a[32], b[32], c[32];
    format_compact(1.2e9, "USD", 3, a, sizeof a);
    format_duration(0.3, b, sizeof b);
    format_percent(0.034, c, sizeof c);
    setlocale(LC_NUMERIC, "C");
    assert_string_equal(a, "$1.2B");
    assert_string_equal(b, "3.6 months");
    assert_string_equal(c, "+3.4%");
}

/* A range says its currency once and keeps each end's magnitude. */
static void drop_case(const char *lo, const char *hi, const char *want)
{
    char range_lo[64];
    strcpy(range_lo, lo);
    format_drop_shared_unit(range_lo, hi);
    assert_string_equal(range_lo, want);
}

static void test_drop_shared_unit(void **state)
{
    (void)state;
    drop_case("503億美元", "922億美元", "503億");
    drop_case("503亿美元", "922亿美元", "503亿");
    drop_case("1.3万亿美元", "2万亿美元", "1.3万亿");
    drop_case("1.3兆美元", "2兆美元", "1.3兆");
    drop_case("5000萬人", "8000萬人", "5000萬");
    drop_case("$6.3B", "$8.1B", "$6.3B");
}

static void test_number(void **state)
{
    (void)state;
    assert_string_equal(format_number(2.4284330218, 3, buf, sizeof buf),
                        "2.43");
    assert_string_equal(format_number(0.0987000756, 3, buf, sizeof buf),
                        "0.0987");
    assert_string_equal(format_number(-1.2, 3, buf, sizeof buf), "-1.2");
    assert_string_equal(format_number(0.98856890855, 4, buf, sizeof buf),
                        "0.9886");
    assert_string_equal(format_number(1234.5, 3, buf, sizeof buf), "1230");
    assert_string_equal(format_number(0, 3, buf, sizeof buf), "0");
    assert_string_equal(format_number(NAN, 3, buf, sizeof buf), "n/a");
}

/* Plain decimals for the vector outputs. */
static void check_number(double v, int decimals, const char *want)
{
    char out[FORMAT_DECIMAL_MAX];
    size_t n = format_decimal(out, v, decimals);
    if (strcmp(out, want) != 0)
        fail_msg("format_decimal(%.17g, %d) = \"%s\", want \"%s\"", v,
                 decimals, out, want);
    assert_int_equal(n, strlen(want));
}

static void test_number_format(void **state)
{
    (void)state;
    check_number(0, 2, "0");
    check_number(-0.0, 2, "0");
    check_number(-0.004, 2, "0");
    check_number(-0.006, 2, "-0.01");
    check_number(1, 2, "1");
    check_number(1600, 2, "1600");
    check_number(1.5, 2, "1.5");
    check_number(0.1, 2, "0.1");
    check_number(-12.345678, 2, "-12.35");
    check_number(60.816666666, 2, "60.82");
    check_number(1.999, 2, "2");
    check_number(0.999, 2, "1");
    check_number(9.995001, 2, "10");
    check_number(10.05001, 2, "10.05");
    check_number(1090.0000001, 2, "1090");
    check_number(0.5, 0, "1"); /* half away from zero */
    check_number(-0.5, 0, "-1");
    check_number(123456.789, 0, "123457");
    check_number(12.0 / 2048.0, 8, "0.00585938");
    check_number(16.666666666 / 2000, 8, "0.00833333");
    check_number(-1e-9, 8, "0");
    check_number(1.23456789012, 12, "1.23456789"); /* at most 9 places */
    check_number(2.5, -1, "3");
    check_number(0x33 / 255.0, 3, "0.2");
    check_number(0x40 / 255.0, 3, "0.251");
    check_number(999999999999999.0, 0, "999999999999999");
    check_number(1e15, 2, "1e15");
    check_number(-2.5e20, 2, "-25e19");
    check_number(NAN, 2, "0");
    check_number(INFINITY, 2, "0");
    check_number(-INFINITY, 2, "0");
    char out[FORMAT_DECIMAL_MAX];
    assert_true(format_decimal(out, -DBL_MAX, 9) < FORMAT_DECIMAL_MAX);
    assert_true(format_decimal(out, -999999999999999.0, 9) <
                FORMAT_DECIMAL_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compact_usd),
        cmocka_unit_test(test_number_format),
        cmocka_unit_test(test_compact_rounding_carries_unit),
        cmocka_unit_test(test_compact_other_units),
        cmocka_unit_test(test_compact_sign_and_zero),
        cmocka_unit_test(test_compact_truncates_safely),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_duration),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_metric_names),
        cmocka_unit_test(test_locale_independent),
        cmocka_unit_test(test_number),
        cmocka_unit_test(test_drop_shared_unit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
