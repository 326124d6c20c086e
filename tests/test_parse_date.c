/* test_parse_date.c - ISO dates in, day numbers or exact reasons out. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "parse_date.h"

static void assert_date(const char *text, int y, int m, int d,
                        DatePrecision want_prec)
{
    long days = -1;
    DatePrecision prec = DATE_DAY;
    char why[256] = "";
    if (parse_date(text, &days, &prec, why, sizeof why) != 0)
        fail_msg("parse_date(\"%s\") failed: %s", text, why);
    assert_int_equal(days, date_from_ymd(y, m, d));
    assert_int_equal(prec, want_prec);
}

static void assert_refused(const char *text, const char *want)
{
    long days = 12345;
    DatePrecision prec = DATE_YEAR;
    char why[256] = "";
    assert_int_equal(parse_date(text, &days, &prec, why, sizeof why), -1);
    assert_string_equal(why, want);
    assert_int_equal(days, 12345);   /* untouched on failure */
}

static void test_year(void **state)
{
    (void)state;
    assert_date("2025", 2025, 1, 1, DATE_YEAR);
    assert_date("1900", 1900, 1, 1, DATE_YEAR);
    assert_date("2200", 2200, 1, 1, DATE_YEAR);
}

static void test_month(void **state)
{
    (void)state;
    assert_date("2025-11", 2025, 11, 1, DATE_MONTH);
    assert_date("2025-01", 2025, 1, 1, DATE_MONTH);
    assert_date("2025-1", 2025, 1, 1, DATE_MONTH);
}

static void test_day(void **state)
{
    (void)state;
    assert_date("2025-11-18", 2025, 11, 18, DATE_DAY);
    assert_date("2024-02-29", 2024, 2, 29, DATE_DAY);
    assert_date("2000-02-29", 2000, 2, 29, DATE_DAY);
    assert_date("2025-12-31", 2025, 12, 31, DATE_DAY);
    assert_date("1970-01-01", 1970, 1, 1, DATE_DAY);
    long days;
    DatePrecision prec;
    char why[64];
    assert_int_equal(parse_date("1970-01-01", &days, &prec, why, sizeof why),
                     0);
    assert_int_equal(days, 0);
    assert_int_equal(parse_date("2025-11-18", &days, &prec, why, sizeof why),
                     0);
    assert_int_equal(days, 20410);
}

static void test_surrounding_spaces(void **state)
{
    (void)state;
    assert_date("  2025-10  ", 2025, 10, 1, DATE_MONTH);
    assert_date("\t2025-10-02\t", 2025, 10, 2, DATE_DAY);
}

static void test_bad_month(void **state)
{
    (void)state;
    assert_refused("2025-13", "date \"2025-13\" has month 13; use YYYY-MM");
    assert_refused("2025-00", "date \"2025-00\" has month 0; use YYYY-MM");
    assert_refused("2025-13-01",
                   "date \"2025-13-01\" has month 13; use YYYY-MM-DD");
}

static void test_bad_day(void **state)
{
    (void)state;
    assert_refused("2025-02-30", "date \"2025-02-30\" does not exist "
                                 "(February 2025 has 28 days)");
    assert_refused("2025-02-29", "date \"2025-02-29\" does not exist "
                                 "(February 2025 has 28 days)");
    assert_refused("1900-02-29", "date \"1900-02-29\" does not exist "
                                 "(February 1900 has 28 days)");
    assert_refused("2025-04-31", "date \"2025-04-31\" does not exist "
                                 "(April 2025 has 30 days)");
    assert_refused("2025-01-00", "date \"2025-01-00\" does not exist "
                                 "(January 2025 has 31 days)");
}

static void test_ambiguous(void **state)
{
    (void)state;
    assert_refused("11/12/2025",
                   "date \"11/12/2025\" is ambiguous; use ISO 8601 "
                   "(YYYY-MM-DD)");
    assert_refused("1.2.25",
                   "date \"1.2.25\" is ambiguous; use ISO 8601 (YYYY-MM-DD)");
    assert_refused("12-11-2025",
                   "date \"12-11-2025\" is ambiguous; use ISO 8601 "
                   "(YYYY-MM-DD)");
    assert_refused("2025/11/12",
                   "date \"2025/11/12\" is not ISO 8601; use YYYY-MM-DD "
                   "with dashes");
}

static void test_junk(void **state)
{
    (void)state;
    assert_refused("soon", "date \"soon\" is not a date; use YYYY, YYYY-MM "
                           "or YYYY-MM-DD");
    assert_refused("", "date is empty; use YYYY, YYYY-MM or YYYY-MM-DD");
    assert_refused("   ", "date is empty; use YYYY, YYYY-MM or YYYY-MM-DD");
    const char *junk[] = {"2025-", "2025-10-", "20255", "2025-10-01x",
                          "2025 -10", "+2025", "-2025", "2025-001",
                          "2025-10-011", "2025--10", "25", "2025-Q3",
                          "2025-10-01T00:00"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        char want[256];
        snprintf(want, sizeof want,
                 "date \"%s\" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD",
                 junk[i]);
        assert_refused(junk[i], want);
    }
}

static void test_year_range(void **state)
{
    (void)state;
    assert_refused("1899", "date \"1899\" has year 1899; use a year from "
                           "1900 to 2200");
    assert_refused("2201-01-01", "date \"2201-01-01\" has year 2201; use a "
                                 "year from 1900 to 2200");
}

static void test_long_text_is_cut(void **state)
{
    (void)state;
    char text[200];
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    char want[256];
    snprintf(want, sizeof want,
             "date \"%.40s...\" is not a date; use YYYY, YYYY-MM or "
             "YYYY-MM-DD", text);
    assert_refused(text, want);
    /* A short why buffer is truncated, never overrun. */
    long days;
    DatePrecision prec;
    char why[8];
    assert_int_equal(parse_date("soon", &days, &prec, why, sizeof why), -1);
    assert_string_equal(why, "date \"s");
}

/* The cut falls on a UTF-8 boundary and control bytes are masked. */
static void test_quote_is_safe(void **state)
{
    (void)state;
    /* 39 ASCII bytes then a 3-byte character straddling byte 40. */
    char text[64];
    memset(text, 'a', 39);
    memcpy(text + 39, "\xe5\xb9\xb4zz", 6);
    char want[256];
    snprintf(want, sizeof want,
             "date \"%.39s...\" is not a date; use YYYY, YYYY-MM or "
             "YYYY-MM-DD", text);
    assert_refused(text, want);
    assert_refused("20\n25", "date \"20?25\" is not a date; use YYYY, "
                             "YYYY-MM or YYYY-MM-DD");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_year),
        cmocka_unit_test(test_month),
        cmocka_unit_test(test_day),
        cmocka_unit_test(test_surrounding_spaces),
        cmocka_unit_test(test_bad_month),
        cmocka_unit_test(test_bad_day),
        cmocka_unit_test(test_ambiguous),
        cmocka_unit_test(test_junk),
        cmocka_unit_test(test_year_range),
        cmocka_unit_test(test_long_text_is_cut),
        cmocka_unit_test(test_quote_is_safe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
