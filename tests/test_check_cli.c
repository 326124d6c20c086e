/* test_check_cli.c - `aigrowth check` as a user runs it: exact stdout,
 * stderr and exit code. Runs $AIGROWTH, else build/aigrowth, from the
 * project root. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define D "tests/data/csv/"

static char out_path[64], err_path[64];

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    char chunk[4096];
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + got + 1 > cap) {
            cap = 2 * (len + got + 1);
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        memcpy(buf + len, chunk, got);
        len += got;
    }
    fclose(f);
    if (!buf)
        buf = calloc(1, 1);
    buf[len] = '\0';
    return buf;
}

/* Runs `aigrowth ARGS` and checks its exit code, stdout and stderr
 * (want_out NULL: stdout not compared). */
static void run(const char *args, int want_rc, const char *want_out,
                const char *want_err)
{
    const char *bin = getenv("AIGROWTH");
    if (!bin || !*bin)
        bin = "build/aigrowth";
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s %s >%s 2>%s", bin, args, out_path,
             err_path);
    int status = system(cmd);
    assert_true(WIFEXITED(status));
    char *out = slurp(out_path), *err = slurp(err_path);
    int bad_out = want_out && strcmp(out, want_out) != 0;
    int bad_err = strcmp(err, want_err) != 0;
    if (bad_out)
        print_error("aigrowth %s\n--- stdout:\n%s--- want:\n%s", args, out,
                    want_out);
    if (bad_err)
        print_error("aigrowth %s\n--- stderr:\n%s--- want:\n%s", args, err,
                    want_err);
    free(out);
    free(err);
    if (bad_out || bad_err)
        fail();
    assert_int_equal(WEXITSTATUS(status), want_rc);
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

/* Every file is tried; each error is one line on stderr; exit 1. */
static void test_errors(void **state)
{
    (void)state;
    run("check " D "bad_value.csv " D "long.csv " D "slash_date.csv", 1,
        D "long.csv: long format, delimiter \",\", 4 rows loaded, 1 missing, "
        "0 skipped\n"
        "\n"
        "series not grouped: a file did not load\n"
        "\n"
        "0 warnings\n",
        "aigrowth: " D "bad_value.csv:3:2: value \"abc\" is not a number; "
        "write digits like 7000000000 or 7e9\n"
        "aigrowth: " D "slash_date.csv:2:1: date \"03/04/2025\" has no clear "
        "day/month order; use ISO 8601 (YYYY-MM-DD) or pass --date-order dmy "
        "or mdy\n");
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
    run("check datasets/revenue.csv datasets/valuation.csv "
        "datasets/users.csv datasets/events.csv", 0, NULL, "");
    char *out = slurp(out_path);
    assert_non_null(strstr(out, "\n0 warnings\n"));
    free(out);
}

static int setup(void **state)
{
    (void)state;
    strcpy(out_path, "/tmp/test_check_cli_out_XXXXXX");
    strcpy(err_path, "/tmp/test_check_cli_err_XXXXXX");
    int a = mkstemp(out_path), b = mkstemp(err_path);
    if (a < 0 || b < 0)
        return -1;
    close(a);
    close(b);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(out_path);
    unlink(err_path);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_and_wide),
        cmocka_unit_test(test_json_with_warnings_and_events),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_usage),
        cmocka_unit_test(test_datasets_clean),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
