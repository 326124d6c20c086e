/* test_parse_date.c - ISO dates in, day numbers or exact reasons out. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "format.h"
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
    int rc = parse_date(text, &days, &prec, why, sizeof why);
    assert_true(rc == -1 || rc == PARSE_DATE_ORDER);
    assert_string_equal(why, want);
    assert_int_equal(days, 12345);   /* untouched on failure */
}

static void test_year(void **state)
{
    (void)state;
    assert_date("2025", 2025, 1, 1, DATE_YEAR);
    assert_date("1900", 1900, 1, 1, DATE_YEAR);
    assert_date("2200", 2200, 1, 1, DATE_YEAR);
    /* Long series: OWID's population from 1800, England's GDP from 1209,
     * a year of fewer than four digits alone. */
    assert_date("1800", 1800, 1, 1, DATE_YEAR);
    assert_date("1209", 1209, 1, 1, DATE_YEAR);
    assert_date("0800-03-01", 800, 3, 1, DATE_DAY);
    assert_date("0001", 1, 1, 1, DATE_YEAR);
    assert_date("9999-12-31", 9999, 12, 31, DATE_DAY);
    assert_date("1600-02-29", 1600, 2, 29, DATE_DAY);
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

/* YYYY-MM-DD takes a fast path (parse_date.c, parse_iso_day); what it
 * does not take, the general scanner reads or refuses as before. */
static void test_iso_day_edges(void **state)
{
    (void)state;
    assert_date("1900-01-01", 1900, 1, 1, DATE_DAY);
    assert_date("2200-12-31", 2200, 12, 31, DATE_DAY);
    assert_date("2025-1-05", 2025, 1, 5, DATE_DAY);
    assert_date("2025-11-18T09:00", 2025, 11, 18, DATE_DAY);
    assert_date("1899-12-31", 1899, 12, 31, DATE_DAY);
    assert_refused("2025-11-188", "date \"2025-11-188\" is not a date; use "
                                  "YYYY, YYYY-MM or YYYY-MM-DD");
    assert_refused("2025-11-1x", "date \"2025-11-1x\" is not a date; use "
                                 "YYYY, YYYY-MM or YYYY-MM-DD");
    /* Every day of every year, the fast path's (1601 on) and the general
     * one's, against dates.c. */
    for (int y = 1; y <= 9999; y++) {
        for (int m = 1; m <= 12; m++) {
            int dim = date_days_in_month(y, m);
            for (int d = 1; d <= dim + 1; d++) {
                char text[48], why[256];
                long days = -1;
                DatePrecision prec = DATE_YEAR;
                snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
                int rc = parse_date(text, &days, &prec, why, sizeof why);
                if (d > dim) {
                    assert_int_equal(rc, -1);
                    continue;
                }
                assert_int_equal(rc, 0);
                assert_int_equal(days, date_from_ymd(y, m, d));
                assert_int_equal(prec, DATE_DAY);
            }
        }
    }
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
    const char *amb[] = {"11/12/2025", "1.2.25", "12-11-2025", "25/12/2025",
                         "3/4/2025"};
    for (size_t i = 0; i < sizeof amb / sizeof amb[0]; i++) {
        char want[256];
        snprintf(want, sizeof want,
                 "date \"%s\" has no clear day/month order; use ISO 8601 "
                 "(YYYY-MM-DD)", amb[i]);
        assert_refused(amb[i], want);
        /* The fact only: the command names its option for the order. */
        long days;
        DatePrecision prec;
        char why[256];
        assert_int_equal(parse_date(amb[i], &days, &prec, why, sizeof why),
                         PARSE_DATE_ORDER);
    }
    /* Year first is clear, whatever the separator. */
    assert_date("2025/11/12", 2025, 11, 12, DATE_DAY);
    assert_date("2025/11", 2025, 11, 1, DATE_MONTH);
}

static void assert_ordered(const char *text, DateOrder order, int y, int m,
                           int d)
{
    long days = -1;
    DatePrecision prec = DATE_YEAR;
    char why[256] = "";
    if (parse_date_ordered(text, order, &days, &prec, why, sizeof why) != 0)
        fail_msg("parse_date_ordered(\"%s\") failed: %s", text, why);
    assert_int_equal(days, date_from_ymd(y, m, d));
    assert_int_equal(prec, DATE_DAY);
}

static void assert_ordered_refused(const char *text, DateOrder order,
                                   const char *want)
{
    long days = 12345;
    DatePrecision prec = DATE_YEAR;
    char why[256] = "";
    int rc = parse_date_ordered(text, order, &days, &prec, why, sizeof why);
    assert_true(rc == -1 || rc == PARSE_DATE_ORDER);
    assert_string_equal(why, want);
    assert_int_equal(days, 12345);
}

static void test_date_order(void **state)
{
    (void)state;
    assert_ordered("03/04/2025", DATE_ORDER_DMY, 2025, 4, 3);
    assert_ordered("03/04/2025", DATE_ORDER_MDY, 2025, 3, 4);
    assert_ordered("18.11.2025", DATE_ORDER_DMY, 2025, 11, 18);
    assert_ordered("11-18-2025", DATE_ORDER_MDY, 2025, 11, 18);
    assert_ordered("1/2/2025", DATE_ORDER_MDY, 2025, 1, 2);
    /* ISO still reads as ISO under an order. */
    assert_ordered("2025-11-18", DATE_ORDER_MDY, 2025, 11, 18);
    assert_ordered_refused("18/11/2025", DATE_ORDER_MDY,
                           "date \"18/11/2025\" has month 18 when read as "
                           "mdy; use YYYY-MM-DD");
    assert_ordered_refused("11/18/2025", DATE_ORDER_DMY,
                           "date \"11/18/2025\" has month 18 when read as "
                           "dmy; use YYYY-MM-DD");
    assert_ordered_refused("31/02/2025", DATE_ORDER_DMY,
                           "date \"31/02/2025\" does not exist (February "
                           "2025 has 28 days)");
    assert_ordered_refused("18/11/25", DATE_ORDER_DMY,
                           "date \"18/11/25\" has a two-digit year; write "
                           "the year with four digits");
    assert_ordered_refused("18/11-2025", DATE_ORDER_DMY,
                           "date \"18/11-2025\" is not a date; use YYYY, "
                           "YYYY-MM or YYYY-MM-DD");
}

static void test_quarters(void **state)
{
    (void)state;
    assert_date("2025-Q3", 2025, 7, 1, DATE_QUARTER);
    assert_date("2025Q3", 2025, 7, 1, DATE_QUARTER);
    assert_date("2025-q1", 2025, 1, 1, DATE_QUARTER);
    assert_date("Q4 2025", 2025, 10, 1, DATE_QUARTER);
    assert_date("Q2-2025", 2025, 4, 1, DATE_QUARTER);
    assert_refused("2025-Q5", "date \"2025-Q5\" has no such quarter; use Q1 "
                              "to Q4");
    assert_refused("Q0 2025", "date \"Q0 2025\" has no such quarter; use Q1 "
                              "to Q4");
}

static void test_timestamps(void **state)
{
    (void)state;
    assert_date("2025-11-18T09:00:00Z", 2025, 11, 18, DATE_DAY);
    assert_date("2025-11-18T09:00", 2025, 11, 18, DATE_DAY);
    assert_date("2025-12-31 23:59", 2025, 12, 31, DATE_DAY);
    assert_date("2025-12-31 23:59:59.123", 2025, 12, 31, DATE_DAY);
    /* The date as written, not moved to UTC. */
    assert_date("2025-12-31T23:30:00-08:00", 2025, 12, 31, DATE_DAY);
    assert_date("2025-01-01T00:30:00+0900", 2025, 1, 1, DATE_DAY);
    assert_date("2025-01-01T00:30:00+09", 2025, 1, 1, DATE_DAY);
    const char *bad_time = "has an impossible time of day; use hh:mm from "
                           "00:00 to 23:59";
    const char *bad[] = {"2025-11-18T24:00", "2025-11-18 12:60",
                         "2025-11-18T09:00:61Z", "2025-11-18T09:00+15:00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char want[256];
        snprintf(want, sizeof want, "date \"%s\" %s", bad[i], bad_time);
        assert_refused(bad[i], want);
    }
    assert_refused("2025-02-30T10:00", "date \"2025-02-30T10:00\" does not "
                                       "exist (February 2025 has 28 days)");
}

static void test_month_names(void **state)
{
    (void)state;
    assert_date("Nov 2025", 2025, 11, 1, DATE_MONTH);
    assert_date("November 2025", 2025, 11, 1, DATE_MONTH);
    assert_date("nov. 2025", 2025, 11, 1, DATE_MONTH);
    assert_date("Sept 2025", 2025, 9, 1, DATE_MONTH);
    assert_date("Nov-2025", 2025, 11, 1, DATE_MONTH);
    assert_date("18 Nov 2025", 2025, 11, 18, DATE_DAY);
    assert_date("18 November 2025", 2025, 11, 18, DATE_DAY);
    assert_date("18-Nov-2025", 2025, 11, 18, DATE_DAY);
    assert_date("Nov 18, 2025", 2025, 11, 18, DATE_DAY);
    assert_date("MAY 2024", 2024, 5, 1, DATE_MONTH);
    assert_refused("30 Feb 2025", "date \"30 Feb 2025\" does not exist "
                                  "(February 2025 has 28 days)");
    const char *junk[] = {"Novem 2025", "No 2025", "Nov 25", "18 Nov",
                          "Nov", "Nov 18 2025x", "Smarch 2025"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        char want[256];
        snprintf(want, sizeof want,
                 "date \"%s\" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD",
                 junk[i]);
        assert_refused(junk[i], want);
    }
}

static void test_cjk(void **state)
{
    (void)state;
    assert_date("2025\xE5\xB9\xB4", 2025, 1, 1, DATE_YEAR);
    assert_date("2025\xE5\xB9\xB4" "11\xE6\x9C\x88", 2025, 11, 1,
                DATE_MONTH);
    assert_date("2025\xE5\xB9\xB4" "1\xE6\x9C\x88", 2025, 1, 1, DATE_MONTH);
    assert_date("2025\xE5\xB9\xB4" "11\xE6\x9C\x88" "18\xE6\x97\xA5",
                2025, 11, 18, DATE_DAY);
    assert_refused("2025\xE5\xB9\xB4" "13\xE6\x9C\x88",
                   "date \"2025\xE5\xB9\xB4" "13\xE6\x9C\x88\" has month "
                   "13; use YYYY-MM");
    assert_refused("2025\xE5\xB9\xB4" "2\xE6\x9C\x88" "30\xE6\x97\xA5",
                   "date \"2025\xE5\xB9\xB4" "2\xE6\x9C\x88"
                   "30\xE6\x97\xA5\" does not exist (February 2025 has 28 "
                   "days)");
    assert_refused("2025\xE5\xB9\xB4" "11",
                   "date \"2025\xE5\xB9\xB4" "11\" is not a date; use "
                   "YYYY, YYYY-MM or YYYY-MM-DD");
}

static void test_junk(void **state)
{
    (void)state;
    assert_refused("soon", "date \"soon\" is not a date; use YYYY, YYYY-MM "
                           "or YYYY-MM-DD");
    assert_refused("", "date is empty; use YYYY, YYYY-MM or YYYY-MM-DD");
    assert_refused("   ", "date is empty; use YYYY, YYYY-MM or YYYY-MM-DD");
    const char *junk[] = {"2025-", "2025-10-", "20255", "2025-10-01x",
                          "2025 -10", "+2025", "2025-001",
                          "2025-10-011", "2025--10", "2025-Q",
                          "2025-10-01T00", "2025/10-01", "2025/10/01T10:00",
                          "2025-10-01T10:00x", "2025.1", "2025.5",
                          "2025.10.1"};
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
    assert_refused("0000", "date \"0000\" has year 0; use a year from 1 "
                           "to 9999");
    assert_refused("25", "date \"25\" has a year of 2 digits; write it with "
                         "four (0025 for the year 25, 2025 if it is short "
                         "for that)");
    assert_refused("800", "date \"800\" has a year of 3 digits; write it "
                          "with four (0800 for the year 800)");
    assert_refused("-500", "date \"-500\" has a year before year 1 (BCE); "
                           "aigrowth reads years from 1 to 9999");
    assert_refused("-2025-01", "date \"-2025-01\" has a year before year 1 "
                               "(BCE); aigrowth reads years from 1 to 9999");
    assert_refused("10000-01-01", "date \"10000-01-01\" is not a date; use "
                                  "YYYY, YYYY-MM or YYYY-MM-DD");
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

/* format_date prints what parse_date read, in a form it reads back to
 * the same day and precision (the property fuzz_parse_date checks). */
static void test_format_round_trip(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"2025", "2025"},           {"Nov 2025", "2025-11"},
        {"18 Nov 2025", "2025-11-18"}, {"Q3 2025", "2025-Q3"},
        {"2025Q1", "2025-Q1"},      {"2025-Q4", "2025-Q4"},
        {"1900-Q1", "1900-Q1"},     {"2200-12-31", "2200-12-31"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long day, again;
        DatePrecision prec, prec2;
        char why[256], buf[32];
        assert_int_equal(parse_date(cases[i].in, &day, &prec, why,
                                    sizeof why), 0);
        assert_string_equal(format_date(day, prec, buf, sizeof buf),
                            cases[i].out);
        assert_int_equal(parse_date(buf, &again, &prec2, why, sizeof why), 0);
        assert_int_equal(again, day);
        assert_int_equal(prec2, prec);
    }
}

/* The forms Chinese-language newsrooms write. */
static void test_chinese_quarters(void **state)
{
    (void)state;
    assert_date("2025年第3季", 2025, 7, 1, DATE_QUARTER);
    assert_date("2025年第三季", 2025, 7, 1, DATE_QUARTER);
    assert_date("2025年第四季度", 2025, 10, 1, DATE_QUARTER);
    assert_date("2025年 第 1 季", 2025, 1, 1, DATE_QUARTER);
    assert_date("2025年Q2", 2025, 4, 1, DATE_QUARTER);
    assert_date("2025 Q3", 2025, 7, 1, DATE_QUARTER);
    assert_date("2025 q4", 2025, 10, 1, DATE_QUARTER);
    assert_refused("2025年第5季",
                   "date \"2025年第5季\" has no such quarter; use Q1 to Q4");
}

static void test_chinese_dotted_and_spaced(void **state)
{
    (void)state;
    assert_date("2025.10", 2025, 10, 1, DATE_MONTH);
    assert_date("2025.01", 2025, 1, 1, DATE_MONTH);
    assert_date("2025.10.18", 2025, 10, 18, DATE_DAY);
    assert_date("2025年 10月", 2025, 10, 1, DATE_MONTH);
    assert_date("2025 年 10 月 18 日", 2025, 10, 18, DATE_DAY);
    assert_date("2025年\xE3\x80\x80" "10月", 2025, 10, 1, DATE_MONTH);
    assert_refused("2025.13", "date \"2025.13\" has month 13; use YYYY-MM");
    assert_refused("2025年13月",
                   "date \"2025年13月\" has month 13; use YYYY-MM");
    assert_refused("2025.02.30",
                   "date \"2025.02.30\" does not exist (February 2025 has "
                   "28 days)");
}

static void test_roc_years(void **state)
{
    (void)state;
    assert_date("民國114年10月", 2025, 10, 1, DATE_MONTH);
    assert_date("民國114年", 2025, 1, 1, DATE_YEAR);
    assert_date("民國 114 年 10 月 18 日", 2025, 10, 18, DATE_DAY);
    assert_date("民国113年", 2024, 1, 1, DATE_YEAR);
    assert_date("114年10月", 2025, 10, 1, DATE_MONTH);
    assert_date("114年第3季", 2025, 7, 1, DATE_QUARTER);
    assert_date("89年", 2000, 1, 1, DATE_YEAR);
    assert_refused("民國0年", "date \"民國0年\" has ROC (民國) year 0; ROC "
                              "years start at 1 (1912)");
    /* A short year without 年 is no ROC year, and no date. */
    assert_refused("114.10",
                   "date \"114.10\" is not a date; use YYYY, YYYY-MM or "
                   "YYYY-MM-DD");
}

static void test_full_width(void **state)
{
    (void)state;
    assert_date("２０２５年１０月", 2025, 10, 1, DATE_MONTH);
    assert_date("２０２５－１０", 2025, 10, 1, DATE_MONTH);
    assert_date("２０２５／１０／１８", 2025, 10, 18, DATE_DAY);
    assert_date("民國１１４年第３季", 2025, 7, 1, DATE_QUARTER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_year),
        cmocka_unit_test(test_format_round_trip),
        cmocka_unit_test(test_month),
        cmocka_unit_test(test_day),
        cmocka_unit_test(test_iso_day_edges),
        cmocka_unit_test(test_surrounding_spaces),
        cmocka_unit_test(test_bad_month),
        cmocka_unit_test(test_bad_day),
        cmocka_unit_test(test_ambiguous),
        cmocka_unit_test(test_date_order),
        cmocka_unit_test(test_quarters),
        cmocka_unit_test(test_timestamps),
        cmocka_unit_test(test_month_names),
        cmocka_unit_test(test_cjk),
        cmocka_unit_test(test_chinese_quarters),
        cmocka_unit_test(test_chinese_dotted_and_spaced),
        cmocka_unit_test(test_roc_years),
        cmocka_unit_test(test_full_width),
        cmocka_unit_test(test_junk),
        cmocka_unit_test(test_year_range),
        cmocka_unit_test(test_long_text_is_cut),
        cmocka_unit_test(test_quote_is_safe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
