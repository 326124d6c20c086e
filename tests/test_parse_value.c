/* test_parse_value.c - plain numbers, missing markers, refusals, locale. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "parse_value.h"

static void assert_value(const char *text, double want)
{
    double v = -999;
    char why[256] = "";
    ValueStatus st = parse_value(text, &v, why, sizeof why);
    if (st != VALUE_OK)
        fail_msg("parse_value(\"%s\") = %d: %s", text, (int)st, why);
    /* Exact: the digits go through strtod, which rounds correctly. */
    if (v != want)
        fail_msg("parse_value(\"%s\") = %.17g, want %.17g", text, v, want);
}

static void assert_missing(const char *text)
{
    double v = -999;
    char why[256] = "";
    assert_int_equal(parse_value(text, &v, why, sizeof why), VALUE_MISSING);
    assert_true(v == -999);
}

static void assert_refused(const char *text, const char *want)
{
    double v = -999;
    char why[256] = "";
    assert_int_equal(parse_value(text, &v, why, sizeof why), VALUE_ERROR);
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
                             " - ", "null", "NULL", "Null", " NA "};
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
    const char *junk[] = {".", "+", "-.", "e9", "7e", "7e+", "1.2.3",
                          "0x10", "7 000", "$7B", "12.5%", "1e9x", "--3",
                          "NA1", "n/a/"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        char want[256];
        snprintf(want, sizeof want,
                 "value \"%s\" is not a number; write digits like "
                 "7000000000 or 7e9", junk[i]);
        assert_refused(junk[i], want);
    }
    assert_refused("7,000,000,000",
                   "value \"7,000,000,000\" is not a number; write it "
                   "without thousands separators and with a dot for "
                   "decimals, like 7000000000 or 12.5");
    assert_refused("12,5",
                   "value \"12,5\" is not a number; write it without "
                   "thousands separators and with a dot for decimals, like "
                   "7000000000 or 12.5");
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
    assert_int_equal(parse_value(text, &v, why, sizeof why), VALUE_OK);
    assert_true(v > 1.1e298 && v < 1.12e298);
    text[150] = 'x';
    char want[256];
    snprintf(want, sizeof want,
             "value \"%.40s...\" is not a number; write digits like "
             "7000000000 or 7e9", text);
    assert_refused(text, want);
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
                   "value \"12,5\" is not a number; write it without "
                   "thousands separators and with a dot for decimals, like "
                   "7000000000 or 12.5");
    setlocale(LC_NUMERIC, "C");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_numbers),
        cmocka_unit_test(test_surrounding_spaces),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_non_finite),
        cmocka_unit_test(test_junk),
        cmocka_unit_test(test_long_field),
        cmocka_unit_test(test_comma_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
