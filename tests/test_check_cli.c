/* test_check_cli.c - `aigrowth check` as a user runs it: exact stdout,
 * stderr and exit code (tests/cli_harness.h runs the binary). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cli_harness.h"

#define D "tests/data/csv/"

static void run(const char *args, int want_rc, const char *want_out,
                const char *want_err)
{
    cli_expect(args, want_rc, want_out, want_err);
}

static void test_long_and_wide(void **state)
{
    (void)state;
    run("check " D "long.csv " D "ai_revenue_wide.csv " D "tab.csv", 0,
        D "long.csv: long format, delimiter \",\", 4 rows loaded, 1 missing, "
        "0 skipped\n"
        D "ai_revenue_wide.csv: wide format, delimiter \",\", 4 rows loaded, "
        "2 missing, 0 skipped\n"
        D "tab.csv: long format, delimiter \"\\t\", 2 rows loaded, 0 missing, "
        "0 skipped\n"
        "\n"
        "6 series:\n"
        "  company    metric            unit  first       last        points\n"
        "  Anthropic  ai_revenue_wide   USD   2024-01     2025-01     2\n"
        "  OpenAI     ai_revenue_wide   USD   2024-01     2026-01     2\n"
        "  OpenAI     revenue           USD   2025-Q3     2025-12-31  2\n"
        "  Anthropic  run_rate_revenue  USD   2025-01     2025-10     2\n"
        "  OpenAI     run_rate_revenue  USD   2025-06-15  2025-06-15  1\n"
        "  OpenAI     valuation         USD   2025        2025        1\n"
        "\n"
        "0 warnings\n",
        "");
}

static void test_json_with_warnings_and_events(void **state)
{
    (void)state;
    run("check --format json " D "epoch_hub.csv " D "concatenated.csv "
        D "events.csv", 0,
        "{\n"
        "  \"files\": [\n"
        "    {\"path\": \"" D "epoch_hub.csv\", \"format\": \"data-hub\", "
        "\"delimiter\": \",\", \"rows\": 2, \"missing\": 1, \"skipped\": 0},\n"
        "    {\"path\": \"" D "concatenated.csv\", \"format\": \"long\", "
        "\"delimiter\": \",\", \"rows\": 2, \"missing\": 0, \"skipped\": 2},\n"
        "    {\"path\": \"" D "events.csv\", \"format\": \"events\", "
        "\"events\": 5}\n"
        "  ],\n"
        "  \"series\": [\n"
        "    {\"company\": \"Anthropic\", \"metric\": \"Annualized revenue\", "
        "\"unit\": \"USD\", \"first\": \"2025-03-01\", \"last\": "
        "\"2025-03-01\", \"points\": 1},\n"
        "    {\"company\": \"OpenAI\", \"metric\": \"Annualized revenue\", "
        "\"unit\": \"USD\", \"first\": \"2024-06-12\", \"last\": "
        "\"2024-06-12\", \"points\": 1},\n"
        "    {\"company\": \"OpenAI\", \"metric\": \"revenue\", \"unit\": "
        "\"\", \"first\": \"2025\", \"last\": \"2026\", \"points\": 2}\n"
        "  ],\n"
        "  \"warnings\": [\n"
        "    \"" D "concatenated.csv:3: header repeated (files pasted "
        "together?); line skipped\",\n"
        "    \"" D "concatenated.csv:5: row repeats line 2 (OpenAI revenue "
        "2025); skipped\"\n"
        "  ],\n"
        "  \"errors\": []\n"
        "}\n",
        "");
}

/* Every file is tried; each error is one line on stderr; exit 1. stdout
 * lists the files that loaded and no series or warning count. */
static void test_errors(void **state)
{
    (void)state;
    run("check " D "bad_value.csv " D "long.csv " D "slash_date.csv", 1,
        D "long.csv: long format, delimiter \",\", 4 rows loaded, 1 missing, "
        "0 skipped\n",
        "aigrowth: " D "bad_value.csv:3:2: value \"abc\" is not a number; "
        "write digits like 7000000000 or 7e9\n"
        "aigrowth: " D "slash_date.csv:2:1: date \"03/04/2025\" has no clear "
        "day/month order; use ISO 8601 (YYYY-MM-DD), or pass --date-order "
        "dmy or mdy\n");
    run("check --date-order dmy " D "slash_date.csv", 0,
        D "slash_date.csv: long format, delimiter \",\", 1 rows loaded, 0 "
        "missing, 0 skipped\n"
        "\n"
        "1 series:\n"
        "  company  metric   unit  first       last        points\n"
        "  OpenAI   revenue  -     2025-04-03  2025-04-03  1\n"
        "\n"
        "0 warnings\n",
        "");
    /* Warnings of the files that loaded still show. */
    run("check " D "concatenated.csv " D "bad_value.csv", 1,
        D "concatenated.csv: long format, delimiter \",\", 3 rows loaded, 0 "
        "missing, 1 skipped\n"
        "\n"
        "1 warning:\n"
        "  " D "concatenated.csv:3: header repeated (files pasted "
        "together?); line skipped\n",
        "aigrowth: " D "bad_value.csv:3:2: value \"abc\" is not a number; "
        "write digits like 7000000000 or 7e9\n");
    run("check " D "mixed_currency.csv", 1, NULL,
        "aigrowth: " D "mixed_currency.csv:3: OpenAI revenue mixes units USD "
        "(line 2) and EUR (line 3); one series needs one unit\n");
    run("check " D "header_only.csv", 1, NULL,
        "aigrowth: " D "header_only.csv:1: file has a header but no data "
        "rows; add rows below the header\n");
    run("check " D "no_such.csv", 3, NULL,
        "aigrowth: " D "no_such.csv: cannot open: No such file or "
        "directory\n");
}

/* 智譜AI takes six terminal columns, like OpenAI: the table lines up. */
static void test_cjk_names_align(void **state)
{
    (void)state;
    run("check " D "cjk_names.csv", 0,
        D "cjk_names.csv: long format, delimiter \",\", 4 rows loaded, 0 "
        "missing, 0 skipped\n"
        "\n"
        "2 series:\n"
        "  company  metric   unit  first  last  points\n"
        "  OpenAI   revenue  -     2024   2025  2\n"
        "  \xe6\x99\xba\xe8\xad\x9c" "AI   revenue  -     2024   2025  2\n"
        "\n"
        "0 warnings\n",
        "");
}

static void test_usage(void **state)
{
    (void)state;
    run("check", 2, "", "aigrowth: check needs at least one data file; see "
                        "aigrowth --help\n");
    run("check --format xml " D "long.csv", 2, "",
        "aigrowth: --format must be text or json, not \"xml\"; see aigrowth "
        "--help\n");
    run("check --date-order ymd " D "long.csv", 2, "",
        "aigrowth: --date-order must be dmy or mdy, not \"ymd\"; see "
        "aigrowth --help\n");
}

/* The shipped data must stay clean. */
static void test_datasets_clean(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "check datasets/revenue.csv datasets/valuation.csv "
                "datasets/users.csv datasets/events.csv");
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err, "");
    assert_non_null(strstr(r.out, "\n0 warnings\n"));
    cli_run_free(&r);
}

/* Each problem --sources names, with where and what to do; notes do not
 * fail the check. */
static void test_sources_problems(void **state)
{
    (void)state;
    run("check --sources " D "sources_problems.csv " D "sources_events.csv",
        1,
        D "sources_problems.csv:2: no source; name the outlet and its page "
        "(https://...)\n"
        D "sources_problems.csv:3: \"ftp://example.org/a.pdf\" is not an "
        "http(s) URL; give the page's https:// address\n"
        D "sources_problems.csv:4: cites https://example.com/a twice; keep "
        "one citation of it\n"
        D "sources_problems.csv:5: no URL for \"Bloomberg, April 2025\"; add "
        "the page's https:// address, or write \"(no source located)\" and "
        "mark the row unverified\n"
        D "sources_problems.csv:6: marked verified, but no source located; "
        "cite the pages that verify it or mark it unverified\n"
        D "sources_problems.csv:7: note: no URL, no source located "
        "(reported, unverified)\n"
        D "sources_problems.csv:8: note: no URL for \"The Information (July "
        "2025)\" (the row's other sources have one)\n"
        D "sources_problems.csv:9: \"www.example.net/post\" is not an "
        "http(s) URL; give the page's https:// address\n"
        D "sources_events.csv:2: note: no URL, no source located (an "
        "event)\n"
        D "sources_events.csv:3: no source; name the outlet and its page "
        "(https://...)\n"
        "\n"
        "11 rows checked: 7 problems, 3 notes\n",
        "");
    run("check --sources " D "sources_clean.csv", 1,
        D "sources_clean.csv: no source column; add one naming each row's "
        "outlet and page (https://...)\n"
        "\n"
        "0 rows checked: 1 problem, 0 notes\n",
        "");
}

/* The shipped data passes --sources: every row names a page, or says no
 * source was located and is not marked verified. */
static void test_datasets_sources_clean(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "check --sources datasets/revenue.csv datasets/valuation.csv "
                "datasets/users.csv datasets/events.csv "
                "datasets/key-events.csv datasets/china-events.csv");
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err, "");
    assert_non_null(strstr(r.out, " checked: 0 problems, "));
    cli_run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_and_wide),
        cmocka_unit_test(test_json_with_warnings_and_events),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_cjk_names_align),
        cmocka_unit_test(test_usage),
        cmocka_unit_test(test_datasets_clean),
        cmocka_unit_test(test_sources_problems),
        cmocka_unit_test(test_datasets_sources_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
