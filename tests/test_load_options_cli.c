/* test_load_options_cli.c - the loading options (--date-order,
 * --skip-rows, --metric for files without a metric column) work on every
 * command that loads data, and a load error names the option that helps;
 * the fit options (--since, --last, --level) on every command that fits.
 * us_export.csv is a US-style export: a title line, m/d/yyyy dates, one
 * column per company. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "cli_harness.h"

#define US "tests/data/csv/us_export.csv"
#define SLASH "tests/data/csv/slash_date.csv"
#define LOAD "--skip-rows 1 --date-order mdy -m run_rate_revenue "

/* What each command needs besides the data. */
static const char *const commands[][2] = {
    {"check", ""},
    {"project", "--format csv"},
    {"backtest", "--format csv"},
    {"chart", "-o - --format svg"},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void test_every_loader_reads_the_export(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_COMMANDS; i++) {
        CliRun r;
        cli_run(&r, "%s " LOAD "%s " US, commands[i][0], commands[i][1]);
        if (r.rc != 0)
            print_error("%s: %s", commands[i][0], r.err);
        assert_int_equal(r.rc, 0);
        assert_string_equal(r.err, "");
        cli_run_free(&r);
    }
    /* The dates are read month first and the metric named by -m; also
     * without --date-order, as 1/15/2024 settles it. */
    CliRun r;
    cli_run(&r, "project " LOAD "--format csv " US);
    assert_non_null(strstr(r.out, "series,OpenAI,run_rate_revenue,,"));
    assert_non_null(strstr(r.out, ",2024-01-15,2025-06-15,"));
    cli_run_free(&r);
    cli_run(&r, "project --skip-rows 1 -m run_rate_revenue --format csv " US);
    assert_non_null(strstr(r.out, ",2024-01-15,2025-06-15,"));
    cli_run_free(&r);
}

/* The loader states the fact; each command adds its own option. */
static void test_errors_name_the_option(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_COMMANDS; i++) {
        CliRun r;
        cli_run(&r, "%s %s " US, commands[i][0], commands[i][1]);
        assert_int_equal(r.rc, 1);
        assert_string_equal(r.err,
                            "aigrowth: " US ":1: line 1 is not a header: it "
                            "names no known column (date, company, metric, "
                            "value); for title lines above the header pass "
                            "--skip-rows N\n");
        cli_run_free(&r);
        /* 1/15/2024 settles the order of its column: month first. */
        cli_run(&r, "%s --skip-rows 1 -m run_rate_revenue %s " US,
                commands[i][0], commands[i][1]);
        assert_int_equal(r.rc, 0);
        cli_run_free(&r);
        cli_run(&r, "%s %s " SLASH, commands[i][0], commands[i][1]);
        assert_int_equal(r.rc, 1);
        assert_string_equal(r.err,
                            "aigrowth: " SLASH ":2:1: date \"03/04/2025\" has "
                            "no clear day/month order; use ISO 8601 "
                            "(YYYY-MM-DD), or pass --date-order dmy or "
                            "mdy\n");
        cli_run_free(&r);
    }
}

static void test_bad_values_are_usage_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_COMMANDS; i++) {
        CliRun r;
        cli_run(&r, "%s --date-order ymd %s " US, commands[i][0],
                commands[i][1]);
        assert_int_equal(r.rc, 2);
        assert_string_equal(r.err, "aigrowth: --date-order must be dmy or "
                                   "mdy, not \"ymd\"; see aigrowth --help\n");
        cli_run_free(&r);
        cli_run(&r, "%s --skip-rows -1 %s " US, commands[i][0],
                commands[i][1]);
        assert_int_equal(r.rc, 2);
        assert_string_equal(r.err, "aigrowth: --skip-rows needs a number "
                                   "from 0 to 1000, not \"-1\"; see "
                                   "aigrowth --help\n");
        cli_run_free(&r);
    }
}

/* The fit options read alike on every command that fits. */
static void test_fit_options_on_every_fitter(void **state)
{
    (void)state;
    for (size_t i = 1; i < N_COMMANDS; i++) {
        CliRun r;
        cli_run(&r, "%s " LOAD "--since 2024-06 --last 3 --level 90%% %s "
                US, commands[i][0], commands[i][1]);
        if (r.rc != 0)
            print_error("%s: %s", commands[i][0], r.err);
        assert_int_equal(r.rc, 0);
        cli_run_free(&r);
        cli_run(&r, "%s --last 1 %s " US, commands[i][0], commands[i][1]);
        assert_int_equal(r.rc, 2);
        assert_string_equal(r.err, "aigrowth: --last \"1\" must be a whole "
                                   "number of points from 3 up; see aigrowth "
                                   "--help\n");
        cli_run_free(&r);
        cli_run(&r, "%s --level 2 %s " US, commands[i][0], commands[i][1]);
        assert_int_equal(r.rc, 2);
        assert_string_equal(r.err, "aigrowth: --level \"2\" must be a "
                                   "confidence level from 0.5 to 0.999, such "
                                   "as 0.8 or 80%; see aigrowth --help\n");
        cli_run_free(&r);
    }
}

/* The column options on every command that loads data: an Epoch AI
 * export with two columns of numbers is refused naming them and the
 * option, and loads with the one picked. */
#define EPOCH "tests/data/csv/epoch_export.csv"
static void test_value_column_on_every_loader(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_COMMANDS; i++) {
        CliRun r;
        cli_run(&r, "%s %s " EPOCH, commands[i][0], commands[i][1]);
        assert_int_equal(r.rc, 1);
        assert_string_equal(r.err,
                            "aigrowth: " EPOCH ":1: header has 2 columns of "
                            "numbers (\"Annualized revenue (USD)\", "
                            "\"Valuation (USD)\"), any of which could be the "
                            "value; pick one with --value-column NAME\n");
        cli_run_free(&r);
        cli_run(&r, "%s --value-column 'Valuation (USD)' --date-column Date "
                "--entity-column Company %s " EPOCH,
                commands[i][0], commands[i][1]);
        if (r.rc != 0)
            print_error("%s: %s", commands[i][0], r.err);
        assert_int_equal(r.rc, 0);
        /* The row with an empty date is skipped, and said so: check in
         * its report, every other command on stderr. */
        const char *skipped = "tests/data/csv/epoch_export.csv:6: date is "
                              "empty (column 3); row skipped";
        char want[256];
        snprintf(want, sizeof want, "aigrowth: warning: %s\n", skipped);
        if (strcmp(commands[i][0], "check") == 0)
            assert_non_null(strstr(r.out, skipped));
        else
            assert_string_equal(r.err, want);
        cli_run_free(&r);
        cli_run(&r, "%s --value-column '' %s " EPOCH, commands[i][0],
                commands[i][1]);
        assert_int_equal(r.rc, 2);
        assert_string_equal(r.err, "aigrowth: --value-column needs a column "
                                   "name as the header writes it; see "
                                   "aigrowth --help\n");
        cli_run_free(&r);
    }
    CliRun r;
    cli_run(&r, "project --value-column 'Valuation (USD)' --format csv "
            EPOCH);
    assert_non_null(strstr(r.out, "series,OpenAI,Valuation,USD,"));
    assert_non_null(strstr(r.out, ",2022-12-31,2025-10-02,500000000000,"));
    cli_run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_loader_reads_the_export),
        cmocka_unit_test(test_errors_name_the_option),
        cmocka_unit_test(test_bad_values_are_usage_errors),
        cmocka_unit_test(test_fit_options_on_every_fitter),
        cmocka_unit_test(test_value_column_on_every_loader),
    };
    return cmocka_run_group_tests_name("load_options_cli", tests, NULL,
                                       NULL);
}
