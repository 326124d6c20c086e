/* test_parse_value.c - plain numbers, missing markers, refusals, locale. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_value.h"

static void assert_value(const char *text, double want)
{
    double v = -999;
    char why[256] = "";
    const char *unit = "unset";
    ValueStatus st = parse_value(text, '.', &v, &unit, why, sizeof why);
    if (st != VALUE_OK)
        fail_msg("parse_value(\"%s\") = %d: %s", text, (int)st, why);
    /* Exact: the digits go through strtod, which rounds correctly. */
    if (v != want)
        fail_msg("parse_value(\"%s\") = %.17g, want %.17g", text, v, want);
    assert_string_equal(unit, "");
}

/* Parses text with the given decimal mark, expecting want and unit. */
static void assert_unit(const char *text, char decimal, double want,
                        const char *want_unit)
{
    double v = -999;
    char why[256] = "";
    const char *unit = "unset";
    ValueStatus st = parse_value(text, decimal, &v, &unit, why, sizeof why);
    if (st != VALUE_OK)
        fail_msg("parse_value(\"%s\", '%c') = %d: %s", text, decimal,
                 (int)st, why);
    if (v != want)
        fail_msg("parse_value(\"%s\", '%c') = %.17g, want %.17g", text,
                 decimal, v, want);
    assert_string_equal(unit, want_unit);
}

static void assert_refused_in(const char *text, char decimal,
                              const char *want)
{
    double v = -999;
    char why[256] = "";
    assert_int_equal(parse_value(text, decimal, &v, NULL, why, sizeof why),
                     VALUE_ERROR);
    assert_string_equal(why, want);
    assert_true(v == -999);
}

static void assert_missing(const char *text)
{
    double v = -999;
    char why[256] = "";
    assert_int_equal(parse_value(text, '.', &v, NULL, why, sizeof why),
                     VALUE_MISSING);
    assert_int_equal(parse_value(text, ',', &v, NULL, why, sizeof why),
                     VALUE_MISSING);
    assert_true(v == -999);
}

/* Parses text (decimal '.') expecting want, unit and qualifier. */
static void assert_qualified(const char *text, double want,
                             const char *want_unit, ValueQualifier want_q)
{
    double v = -999;
    char why[256] = "";
    const char *unit = "unset";
    ValueQualifier q = (ValueQualifier)-1;
    ValueStatus st = parse_value_qualified(text, '.', &v, &unit, &q, why,
                                           sizeof why);
    if (st != VALUE_OK)
        fail_msg("parse_value_qualified(\"%s\") = %d: %s", text, (int)st,
                 why);
    if (v != want)
        fail_msg("parse_value_qualified(\"%s\") = %.17g, want %.17g", text,
                 v, want);
    assert_string_equal(unit, want_unit);
    if (q != want_q)
        fail_msg("parse_value_qualified(\"%s\"): qualifier %d, want %d",
                 text, (int)q, (int)want_q);
}

static void assert_refused(const char *text, const char *want)
{
    double v = -999;
    char why[256] = "";
    assert_int_equal(parse_value(text, '.', &v, NULL, why, sizeof why),
                     VALUE_ERROR);
    assert_string_equal(why, want);
    assert_true(v == -999);
}

static void test_plain_numbers(void **state)
{
    (void)state;
    assert_value("7000000000", 7000000000.0);
    assert_value("7e9", 7e9);
    assert_value("7E9", 7e9);
    assert_value("7e+9", 7e9);
    assert_value("12.5", 12.5);
    assert_value("-3", -3.0);
    assert_value("+4", 4.0);
    assert_value("0", 0.0);
    assert_value("0.1", 0.1);
    assert_value(".5", 0.5);
    assert_value("5.", 5.0);
    assert_value("1.5e-3", 1.5e-3);
    assert_value("0.000001234", 0.000001234);
    assert_value("123456789012345678901234567890", 1.2345678901234568e29);
    assert_value("3.14159265358979323846264338327950288", 3.141592653589793);
    assert_value("1e308", 1e308);
    assert_value("1e-400", 0.0);   /* underflow is zero, not an error */
    assert_value("00012", 12.0);
}

static void test_surrounding_spaces(void **state)
{
    (void)state;
    assert_value("  12.5  ", 12.5);
    assert_value("\t7e9\t", 7e9);
}

static void test_missing(void **state)
{
    (void)state;
    const char *missing[] = {"", "   ", "NA", "na", "Na", "N/A", "n/a", "-",
                             " - ", "null", "NULL", "Null", " NA ",
                             "#N/A", "n.a.", "\xE2\x80\x94", " \xE2\x80\x93 ",
                             "."};
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++)
        assert_missing(missing[i]);
}

static void test_non_finite(void **state)
{
    (void)state;
    assert_refused("inf", "value \"inf\" is not a finite number; write "
                          "digits like 7000000000 or 7e9");
    assert_refused("-Infinity", "value \"-Infinity\" is not a finite "
                                "number; write digits like 7000000000 or "
                                "7e9");
    assert_refused("nan", "value \"nan\" is not a finite number; write "
                          "digits like 7000000000 or 7e9");
    assert_refused("NaN", "value \"NaN\" is not a finite number; write "
                          "digits like 7000000000 or 7e9");
    assert_refused("1e999", "value \"1e999\" is not a finite number; write "
                            "digits like 7000000000 or 7e9");
    assert_refused("-1e309", "value \"-1e309\" is not a finite number; "
                             "write digits like 7000000000 or 7e9");
    assert_refused("1e99999999999999999999",
                   "value \"1e99999999999999999999\" is not a finite "
                   "number; write digits like 7000000000 or 7e9");
}

static void test_junk(void **state)
{
    (void)state;
    assert_refused("abc", "value \"abc\" is not a number; write digits like "
                          "7000000000 or 7e9");
    const char *junk[] = {"+", "-.", "e9", "7e", "7e+", "1.2.3",
                          "0x10", "7 000", "1e9x", "--3", "NA1", "n/a/",
                          "$7 EUR", "$12%", "7 bn bn", "$$7", "7bnUSD",
                          "B7", "7 kilo", "\xE2\x82\xAC", "US$", "12.5%%",
                          "7e+B"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        char want[256];
        snprintf(want, sizeof want,
                 "value \"%s\" is not a number; write digits like "
                 "7000000000 or 7e9", junk[i]);
        assert_refused(junk[i], want);
    }
    const char *commas[] = {"12,5", "1,5000", "12345,678", ",5", "1,23,456",
                            "1.2,345"};
    for (size_t i = 0; i < sizeof commas / sizeof commas[0]; i++) {
        char want[256];
        snprintf(want, sizeof want,
                 "value \"%s\" has a comma that does not group thousands; "
                 "write decimals with a dot, like 12.5", commas[i]);
        assert_refused(commas[i], want);
    }
}

static void test_news_forms(void **state)
{
    (void)state;
    assert_unit("7,000,000,000", '.', 7e9, "");
    assert_unit("1,234.5", '.', 1234.5, "");
    assert_unit("$7B", '.', 7e9, "USD");
    assert_unit("US$ 7 bn", '.', 7e9, "USD");
    assert_unit("USD 24bn", '.', 24e9, "USD");
    assert_unit("$300 billion", '.', 300e9, "USD");
    assert_unit("800M", '.', 800e6, "");
    assert_unit("$800m", '.', 800e6, "USD");
    assert_unit("1.5T", '.', 1.5e12, "");
    assert_unit("2 trillion", '.', 2e12, "");
    assert_unit("12.5%", '.', 12.5, "%");
    assert_unit("12.5 %", '.', 12.5, "%");
    assert_unit("5000\xE5\x84\x84", '.', 5000e8, "");     /* 億 */
    assert_unit("80\xE8\x90\xAC", '.', 80e4, "");         /* 萬 */
    assert_unit("3\xE4\xBA\xBF\xE7\xBE\x8E\xE5\x85\x83", '.', 3e8, "USD");
    assert_unit("\xE2\x82\xAC" "11.7B", '.', 11.7e9, "EUR");
    assert_unit("11.7 bn EUR", '.', 11.7e9, "EUR");
    assert_unit("\xC2\xA3" "2.5m", '.', 2.5e6, "GBP");
    assert_unit("-$5M", '.', -5e6, "USD");
    assert_unit("$-5M", '.', -5e6, "USD");
    assert_unit("$1,500,000", '.', 1.5e6, "USD");
    assert_unit("500k", '.', 500e3, "");
    assert_unit("7EUR", '.', 7, "EUR");
    assert_unit("$7B USD", '.', 7e9, "USD");
    assert_unit("1.5e3 bn", '.', 1.5e12, "");
    assert_unit("usd 7", '.', 7, "USD");
    /* Overflow after the multiplier is still refused. */
    assert_refused("1e300T", "value \"1e300T\" is not a finite number; "
                             "write digits like 7000000000 or 7e9");
}

static void test_decimal_comma(void **state)
{
    (void)state;
    assert_unit("3.700,5", ',', 3700.5, "");
    assert_unit("3700,5", ',', 3700.5, "");
    assert_unit("1.234.567", ',', 1234567, "");
    assert_unit("12,5%", ',', 12.5, "%");
    assert_unit("\xE2\x82\xAC 11,7", ',', 11.7, "EUR");
    assert_unit("11,7 bn \xE2\x82\xAC", ',', 11.7e9, "EUR");
    assert_unit("1.5", ',', 1.5, "");
    assert_unit("1234.567", ',', 1234.567, "");
    assert_unit("7e9", ',', 7e9, "");
    assert_refused_in("3.700", ',',
                      "value \"3.700\" is ambiguous where commas mark "
                      "decimals; drop the thousands dot or add a decimal "
                      "comma");
    assert_refused_in("$12.500 B", ',',
                      "value \"$12.500 B\" is ambiguous where commas mark "
                      "decimals; drop the thousands dot or add a decimal "
                      "comma");
    assert_refused_in("7,000,000", ',',
                      "value \"7,000,000\" is not a number; write digits "
                      "like 7000000000 or 7e9");
    assert_refused_in("3.70,5", ',',
                      "value \"3.70,5\" is not a number; write digits "
                      "like 7000000000 or 7e9");
}

/* A field longer than the stack buffer takes the heap path (ASan checks
 * it is freed), and the message quotes only its start. */
static void test_long_field(void **state)
{
    (void)state;
    char text[300];
    memset(text, '1', 299);
    text[299] = '\0';
    double v = 0;
    char why[256];
    assert_int_equal(parse_value(text, '.', &v, NULL, why, sizeof why),
                     VALUE_OK);
    assert_true(v > 1.1e298 && v < 1.12e298);
    text[150] = 'x';
    char want[256];
    snprintf(want, sizeof want,
             "value \"%.40s...\" is not a number; write digits like "
             "7000000000 or 7e9", text);
    assert_refused(text, want);
}

/* Plain numbers take a fast path (parse_value.c, parse_plain) that must
 * give the double strtod gives, to the bit: checked on edges of that
 * path and on pseudo-random digit strings, in the C locale. */
static void test_plain_fast_path_rounds_like_strtod(void **state)
{
    (void)state;
    setlocale(LC_NUMERIC, "C");
    static const char *const edges[] = {
        "9007199254740992", "9007199254740993", "9007199254740991",
        "1e22", "1e23", "1e-22", "1e-23", "123456789012345e-22",
        "4.58216", "0.1", "0.3", "2.2250738585072014e-308",
        "1234567890123456789", "12345678901234567890", "-0", "+0.0",
        "0e99999", "1e0022", "99999999999999999999e-5", "8.98846567431158e307",
        "3.0e+01", "7E-3"};
    char text[64];
    unsigned long long seed = 88172645463325252ULL;
    for (size_t k = 0; k < sizeof edges / sizeof *edges + 20000; k++) {
        if (k < sizeof edges / sizeof *edges) {
            snprintf(text, sizeof text, "%s", edges[k]);
        } else {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            int digits = 1 + (int)(seed % 20), point = (int)(seed >> 8) % 24;
            int exp = (int)((seed >> 16) % 61) - 30;
            size_t o = 0;
            if ((seed >> 24) & 1)
                text[o++] = '-';
            unsigned long long d = seed >> 28;
            for (int i = 0; i < digits; i++) {
                if (i == point && i > 0)
                    text[o++] = '.';
                text[o++] = (char)('0' + d % 10);
                d = d / 10 ? d / 10 : seed >> (i % 40);
            }
            if ((seed >> 25) & 1)
                o += (size_t)snprintf(text + o, sizeof text - o, "e%d", exp);
            text[o] = '\0';
        }
        double v = -999, want = strtod(text, NULL);
        char why[256] = "";
        if (parse_value(text, '.', &v, NULL, why, sizeof why) != VALUE_OK)
            fail_msg("parse_value(\"%s\"): %s", text, why);
        if (memcmp(&v, &want, sizeof v) != 0)
            fail_msg("parse_value(\"%s\") = %.17g, strtod %.17g", text, v,
                     want);
    }
}

/* The fast path against the general parser itself, which a currency
 * sign sends the same text through ("$" + text: the same digits, times
 * 1): bit for bit, for edge cases of the fast path (2^53, 10^22, 19 and
 * 20 digits, leading and trailing zeros, signs, both decimal marks) and
 * for 300,000 pseudo-random numbers of 1 to 24 digits with and without a
 * point and an exponent. */
static void test_plain_fast_path_same_as_general(void **state)
{
    (void)state;
    static const char *const edges[] = {
        "9007199254740992", "9007199254740993", "9007199254740991",
        "900719925474099.3", "9007199254740993e-3", "0.9007199254740993",
        "1e22", "1e23", "1e-22", "1e-23", "1.5e22", "15e21", "1e+22",
        "4.58216", "0.1", "0.2", "0.3", "1.7976931348623157e308", "4.9e-324",
        "1234567890123456789", "12345678901234567890", "9999999999999999999",
        "-0", "+0.0", "-0.0e5", "0e99999", "00000000000000000000001",
        "1.0000000000000000000", "100000000000000000000000", "0.000000001",
        "123456789012345e-22", "99999999999999999999e-5", "7E-3", "3.0e+01",
        "-9007199254740992", "+4.58216", "1e0022", "2e-0022"};
    char text[64], general[72];
    unsigned long long seed = 0x9E3779B97F4A7C15ULL;
    size_t n_edges = sizeof edges / sizeof *edges;
    for (size_t k = 0; k < 2 * n_edges + 300000; k++) {
        char mark = k % 2 ? ',' : '.';
        if (k < 2 * n_edges) {
            snprintf(text, sizeof text, "%s", edges[k / 2]);
            for (char *c = text; *c; c++)
                if (*c == '.')
                    *c = mark;
        } else {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            int digits = 1 + (int)(seed % 24), point = (int)(seed >> 8) % 26;
            int exp = (int)((seed >> 16) % 61) - 30;
            size_t o = 0;
            if ((seed >> 24) & 1)
                text[o++] = (seed >> 30) & 1 ? '-' : '+';
            unsigned long long d = seed >> 28;
            for (int i = 0; i < digits; i++) {
                if (i == point && i > 0)
                    text[o++] = mark;
                text[o++] = (char)('0' + d % 10);
                d = d / 10 ? d / 10 : seed >> (i % 40);
            }
            if ((seed >> 25) & 1)
                o += (size_t)snprintf(text + o, sizeof text - o, "%c%d",
                                      (seed >> 31) & 1 ? 'E' : 'e', exp);
            text[o] = '\0';
        }
        snprintf(general, sizeof general, "$%s", text);
        double fast = -999, slow = -998;
        const char *unit = NULL;
        char why[256] = "";
        if (parse_value(text, mark, &fast, &unit, why, sizeof why) !=
            VALUE_OK)
            fail_msg("parse_value(\"%s\"): %s", text, why);
        assert_string_equal(unit, "");
        if (parse_value(general, mark, &slow, &unit, why, sizeof why) !=
            VALUE_OK)
            fail_msg("parse_value(\"%s\"): %s", general, why);
        assert_string_equal(unit, "USD");
        if (memcmp(&fast, &slow, sizeof fast) != 0)
            fail_msg("parse_value(\"%s\") = %a, general parser %a", text,
                     fast, slow);
    }
}

/* strtod reads "12.5" as 12 under a comma-decimal locale; parse_value
 * must not. Runs under the first such locale the machine has. */
static void test_comma_locale(void **state)
{
    (void)state;
    const char *names[] = {"de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8",
                           "fr_FR.utf8", "nl_NL.UTF-8"};
    const char *used = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !used; i++)
        if (setlocale(LC_NUMERIC, names[i]))
            used = names[i];
    if (!used) {
        print_message("no comma-decimal locale installed; checked in C "
                      "only\n");
    } else {
        assert_string_equal(localeconv()->decimal_point, ",");
    }
    assert_value("12.5", 12.5);
    assert_value("0.001", 0.001);
    assert_value("7.5e9", 7.5e9);
    assert_refused("12,5",
                   "value \"12,5\" has a comma that does not group "
                   "thousands; write decimals with a dot, like 12.5");
    assert_unit("12,5", ',', 12.5, "");
    setlocale(LC_NUMERIC, "C");
}

/* Amounts as Taiwanese and Chinese articles write them. */
static void test_chinese_amounts(void **state)
{
    (void)state;
    const ValueQualifier X = VALUE_EXACT;
    assert_qualified("1.5兆美元", 1.5e12, "USD", X);
    assert_qualified("1.5兆", 1.5e12, "", X);
    assert_qualified("3500億美金", 3500e8, "USD", X);
    assert_qualified("5000億元", 5000e8, "", X);
    assert_qualified("5000亿元", 5000e8, "", X);
    assert_qualified("80萬", 80e4, "", X);
    assert_qualified("80万", 80e4, "", X);
    assert_qualified("1.2萬億", 1.2e12, "", X);
    assert_qualified("1.2万亿元", 1.2e12, "", X);
    assert_qualified("3千億", 3e11, "", X);
    assert_qualified("5百億", 5e10, "", X);
    assert_qualified("2千萬", 2e7, "", X);
    assert_qualified("3百萬", 3e6, "", X);
    assert_qualified("NT$300億", 300e8, "TWD", X);
    assert_qualified("NT$ 300億元", 300e8, "TWD", X);
    assert_qualified("新台幣300億元", 300e8, "TWD", X);
    assert_qualified("新台币300亿元", 300e8, "TWD", X);
    assert_qualified("300億新台幣", 300e8, "TWD", X);
    assert_qualified("台幣300億", 300e8, "TWD", X);
    assert_qualified("人民幣5000億元", 5000e8, "CNY", X);
    assert_qualified("人民币5000亿", 5000e8, "CNY", X);
    assert_qualified("5000億人民幣", 5000e8, "CNY", X);
    assert_qualified("US$50億", 50e8, "USD", X);
    assert_qualified("HK$50億", 50e8, "HKD", X);
    assert_qualified("50億港元", 50e8, "HKD", X);
    assert_qualified("2000億日圓", 2000e8, "JPY", X);
    assert_qualified("30億歐元", 30e8, "EUR", X);
    assert_qualified("TWD 300億", 300e8, "TWD", X);
    assert_qualified("NT$300億台幣", 300e8, "TWD", X);   /* like $7B USD */
    assert_qualified("-30億美元", -30e8, "USD", X);
    assert_qualified("1,500億美元", 1500e8, "USD", X);
}

static void test_chinese_counts(void **state)
{
    (void)state;
    const ValueQualifier X = VALUE_EXACT;
    assert_qualified("8億人", 8e8, "", X);
    assert_qualified("6.5億名", 6.5e8, "", X);
    assert_qualified("300萬戶", 300e4, "", X);
    assert_qualified("300万户", 300e4, "", X);
    assert_qualified("1200家", 1200, "", X);
    assert_qualified("8 億 人", 8e8, "", X);
}

static void test_qualifiers(void **state)
{
    (void)state;
    const ValueQualifier A = VALUE_ABOUT, L = VALUE_AT_LEAST;
    assert_qualified("約70億美元", 70e8, "USD", A);
    assert_qualified("约70亿美元", 70e8, "USD", A);
    assert_qualified("大約70億", 70e8, "", A);
    assert_qualified("近100億", 100e8, "", A);
    assert_qualified("將近100億", 100e8, "", A);
    assert_qualified("70億美元左右", 70e8, "USD", A);
    assert_qualified("~$7B", 7e9, "USD", A);
    assert_qualified("≈7e9", 7e9, "", A);
    assert_qualified(">5億美元", 5e8, "USD", L);
    assert_qualified(">= 5億", 5e8, "", L);
    assert_qualified("≥5億", 5e8, "", L);
    assert_qualified("5億美元以上", 5e8, "USD", L);
    assert_qualified("5億以上", 5e8, "", L);
    assert_qualified("逾1000萬", 1000e4, "", L);
    assert_qualified("逾1000萬人", 1000e4, "", L);
    assert_qualified("超過8億", 8e8, "", L);
    assert_qualified("超过8亿", 8e8, "", L);
    assert_qualified("超過 NT$300億", 300e8, "TWD", L);
    assert_qualified("約 -5億", -5e8, "", A);
    /* Without a marker, and through the plain fast path, exact. */
    assert_qualified("70億", 70e8, "", VALUE_EXACT);
    assert_qualified("7000000000", 7e9, "", VALUE_EXACT);
    /* parse_value reads the same number and drops the marker. */
    assert_unit("約70億美元", '.', 70e8, "USD");
    double v = 0;
    char why[256];
    assert_int_equal(parse_value_qualified("5", '.', &v, NULL, NULL, why,
                                           sizeof why), VALUE_OK);
}

/* Full-width digits and signs, as CJK input methods type them. */
static void test_full_width(void **state)
{
    (void)state;
    const ValueQualifier X = VALUE_EXACT;
    assert_qualified("５０００億", 5000e8, "", X);
    assert_qualified("１．５兆美元", 1.5e12, "USD", X);
    assert_qualified("１，５００億", 1500e8, "", X);
    assert_qualified("１２．５％", 12.5, "%", X);
    assert_qualified("＄７B", 7e9, "USD", X);
    assert_qualified("\xE3\x80\x80" "７０億\xE3\x80\x80", 70e8, "", X);
    assert_qualified("＞５億", 5e8, "", VALUE_AT_LEAST);
    assert_qualified("－５億", -5e8, "", X);
    assert_missing("－");
}

/* Near misses are told the accepted form, not only "write digits". */
static void test_near_misses(void **state)
{
    (void)state;
    assert_refused("1.5兆美金元",
                   "value \"1.5兆美金元\" is not a number; nearest accepted: "
                   "1.5兆美金, or 1.5兆 with unit USD, or 1500000000000");
    assert_refused("1.5兆元美元",
                   "value \"1.5兆元美元\" is not a number; nearest accepted: "
                   "1.5兆美元, or 1.5兆 with unit USD, or 1500000000000");
    assert_refused("1.5 trillion yuan",
                   "value \"1.5 trillion yuan\" is not a number; nearest "
                   "accepted: 1.5 trillion CNY, or 1.5 trillion with unit "
                   "CNY, or 1500000000000");
    assert_refused("$5 billion dollars",
                   "value \"$5 billion dollars\" is not a number; nearest "
                   "accepted: $5 billion, or 5 billion with unit USD, or "
                   "5000000000");
    assert_refused("5億yuan",
                   "value \"5億yuan\" is not a number; nearest accepted: "
                   "5億人民幣, or 5億 with unit CNY, or 500000000");
    assert_refused("美元5億",
                   "value \"美元5億\" is not a number; nearest accepted: "
                   "5億美元, or 5億 with unit USD, or 500000000");
    assert_refused("逾5億以上",
                   "value \"逾5億以上\" is not a number; nearest accepted: "
                   "逾5億, or 500000000");
    assert_refused("約1.5兆美金元",
                   "value \"約1.5兆美金元\" is not a number; nearest "
                   "accepted: 約1.5兆美金, or 約1.5兆 with unit USD, or "
                   "1500000000000");
    /* 1.23456億 is no whole number in binary: no digits offered. */
    assert_refused("1.23456億美金元",
                   "value \"1.23456億美金元\" is not a number; nearest "
                   "accepted: 1.23456億美金, or 1.23456億 with unit USD");
    /* Not near enough to name a form: the general advice. */
    const char *far[] = {"約5億以上", "$8億人", "8億美元人", "5億美元人民幣",
                         "億", "約", "5億億", "五億", "NT$"};
    for (size_t i = 0; i < sizeof far / sizeof far[0]; i++) {
        char want[256];
        snprintf(want, sizeof want,
                 "value \"%s\" is not a number; write digits like "
                 "7000000000 or 7e9", far[i]);
        assert_refused(far[i], want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_numbers),
        cmocka_unit_test(test_plain_fast_path_rounds_like_strtod),
        cmocka_unit_test(test_plain_fast_path_same_as_general),
        cmocka_unit_test(test_surrounding_spaces),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_non_finite),
        cmocka_unit_test(test_junk),
        cmocka_unit_test(test_news_forms),
        cmocka_unit_test(test_decimal_comma),
        cmocka_unit_test(test_long_field),
        cmocka_unit_test(test_comma_locale),
        cmocka_unit_test(test_chinese_amounts),
        cmocka_unit_test(test_chinese_counts),
        cmocka_unit_test(test_qualifiers),
        cmocka_unit_test(test_full_width),
        cmocka_unit_test(test_near_misses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
