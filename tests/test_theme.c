/* test_theme.c - colour difference and the palettes' promise: every two
 * colours of a palette at least THEME_MIN_DELTA_E apart. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#include "theme.h"

static Color hex(const char *text)
{
    Color c;
    assert_int_equal(color_parse(text, &c), 0);
    return c;
}

static void test_delta_e_known_values(void **state)
{
    (void)state;
    assert_true(fabs(color_delta_e(hex("#000000"), hex("#ffffff")) - 100.0) <
                0.01);
    assert_true(color_delta_e(hex("#0072b2"), hex("#0072b2")) == 0.0);
    /* sRGB red is L*a*b* (53.24, 80.09, 67.20); black is (0, 0, 0). */
    double red = sqrt(53.24 * 53.24 + 80.09 * 80.09 + 67.20 * 67.20);
    assert_true(fabs(color_delta_e(hex("#ff0000"), hex("#000000")) - red) <
                0.05);
    /* Symmetric. */
    assert_true(color_delta_e(hex("#d55e00"), hex("#e69f00")) ==
                color_delta_e(hex("#e69f00"), hex("#d55e00")));
}

static void assert_palette_distinct(const Theme *t)
{
    for (size_t i = 0; i < THEME_PALETTE_SIZE; i++) {
        for (size_t j = i + 1; j < THEME_PALETTE_SIZE; j++) {
            double d = color_delta_e(t->palette[i], t->palette[j]);
            if (d < THEME_MIN_DELTA_E)
                fail_msg("%s palette: colours %zu and %zu are ΔE %.1f apart",
                         t->name, i, j, d);
        }
        /* Grey context lines must not pass for a company. */
        double g = color_delta_e(t->palette[i], t->context);
        if (g < THEME_MIN_DELTA_E)
            fail_msg("%s palette: colour %zu is ΔE %.1f from context grey",
                     t->name, i, g);
    }
}

static void test_light_palette_distinct(void **state)
{
    (void)state;
    assert_palette_distinct(&theme_light);
}

static void test_dark_palette_distinct(void **state)
{
    (void)state;
    assert_palette_distinct(&theme_dark);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_delta_e_known_values),
        cmocka_unit_test(test_light_palette_distinct),
        cmocka_unit_test(test_dark_palette_distinct),
    };
    return cmocka_run_group_tests_name("theme", tests, NULL, NULL);
}
