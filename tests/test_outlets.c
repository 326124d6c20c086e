/* test_outlets.c - outlet names from real citations of the shipped data,
 * and the short list a chart credits, in English and Chinese. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "outlets.h"

static void expect_outlet(const char *citation, const char *want)
{
    char buf[OUTLET_NAME_MAX + 1];
    outlet_name(citation, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static void test_outlet_names(void **state)
{
    (void)state;
    expect_outlet("The Information via AI資訊Gap (Nov 2025)", "The Information");
    expect_outlet("Nero Media citing SaaStr (https://neromedia.faion.net/)",
                  "Nero Media");
    expect_outlet("New York Times (Feb 2024) syndicated at the4feet.com",
                  "New York Times");
    expect_outlet("Reuters; CNBC", "Reuters");
    expect_outlet("路透社（2025年10月）", "路透社");
    expect_outlet("中央社、路透社", "中央社");
    expect_outlet("  CNBC.  ", "CNBC");
    expect_outlet("https://example.com/only-a-link", "");
    expect_outlet("", "");
    expect_outlet(NULL, "");
    /* cut at a character, not inside one */
    expect_outlet("一二三四五六七八九十一二三四五六七八九十", "一二三四五六七八九十一二三四五六");
}

static void test_list_most_cited_first(void **state)
{
    (void)state;
    OutletTally t = {0};
    char buf[256];
    outlet_tally_list(&t, 3, LANG_EN, buf, sizeof buf);
    assert_string_equal(buf, "");
    outlet_tally_add(&t, "CNBC (Oct 2025)");
    outlet_tally_list(&t, 3, LANG_EN, buf, sizeof buf);
    assert_string_equal(buf, "CNBC");
    outlet_tally_add(&t, "Reuters");
    outlet_tally_add(&t, "Reuters (Nov 2025)");
    outlet_tally_list(&t, 3, LANG_EN, buf, sizeof buf);
    assert_string_equal(buf, "Reuters and CNBC");
    outlet_tally_add(&t, "The Information");
    outlet_tally_add(&t, "Bloomberg");
    outlet_tally_add(&t, "https://example.com");
    outlet_tally_list(&t, 3, LANG_EN, buf, sizeof buf);
    assert_string_equal(buf, "Reuters, CNBC, The Information and 1 more");
    outlet_tally_list(&t, 3, LANG_ZH_TW, buf, sizeof buf);
    assert_string_equal(buf, "Reuters、CNBC、The Information等4家");
    outlet_tally_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outlet_names),
        cmocka_unit_test(test_list_most_cited_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
