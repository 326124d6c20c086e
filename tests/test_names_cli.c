/* test_names_cli.c - company names on the command line and in tables: a
 * name holding a comma is selected by quoting it in the list (--company
 * '"Korea, Rep.",Japan'), a CJK name is padded by its terminal width. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "cli_harness.h"

#define KOREA "tests/data/csv/korea.csv"

static void test_quoted_company(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "project " KOREA " --company '\"Korea, Rep.\"' --format csv");
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err, "");
    assert_non_null(strstr(r.out, "series,\"Korea, Rep.\",gdp_usd,"));
    assert_null(strstr(r.out, "series,Japan,"));
    cli_run_free(&r);
    cli_run(&r, "chart " KOREA " --company '\"Korea, Rep.\", Japan' "
                "--highlight '\"Korea, Rep.\"' -o - --format svg");
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err, "");
    cli_run_free(&r);
}

/* Unquoted, the comma splits: the error names the first half. */
static void test_unquoted_comma_splits(void **state)
{
    (void)state;
    cli_expect("project " KOREA " --company 'Korea, Rep.'", 2, "",
               "aigrowth: no series for company \"Korea\"; check the "
               "spelling in the data\n");
}

/* project's table pads 智譜AI by its six terminal columns. */
static void test_cjk_names_align(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "project tests/data/csv/cjk_names.csv");
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, "\nOpenAI   revenue  -      2  "));
    assert_non_null(strstr(r.out, "\n\xe6\x99\xba\xe8\xad\x9c"
                                  "AI   revenue  -      2  "));
    cli_run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoted_company),
        cmocka_unit_test(test_unquoted_comma_splits),
        cmocka_unit_test(test_cjk_names_align),
    };
    return cmocka_run_group_tests_name("names_cli", tests, NULL, NULL);
}
