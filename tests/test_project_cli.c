/* test_project_cli.c - `aigrowth project` as a user runs it: stdout, stderr
 * and exit code pinned for small fixtures, every bad option, the
 * degenerate data, and the numbers checked against analysis_series.
 * tests/cli_harness.h runs the binary.
 *
 * The golden outputs tests/data/project/two.{table,csv,json}.out were
 * written by the binary and checked by hand: Alpha and Beta are 5
 * half-yearly points each (damped trends, anchored on the 2026-01 values);
 * Gamma has 2 points, too few for a trend, and is listed with that
 * reason. test_json_matches_analysis checks that the JSON's projection is
 * the one analysis_series computes, to the last bit (%.17g). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cli.h"
#include "cli_harness.h"

#define D "tests/data/project/"

static char tmp[256];

static int setup(void **state)
{
    (void)state;
    return cli_tmpdir_create(tmp, sizeof tmp);
}

static int teardown(void **state)
{
    (void)state;
    return cli_tmpdir_remove(tmp);
}

/* Runs `aigrowth project ARGS`; caller frees with run_free. */
static CliRun project(const char *args)
{
    CliRun r;
    cli_run(&r, "project %s", args);
    return r;
}

static void expect(const char *args, int rc, const char *out_file,
                   const char *err)
{
    CliRun r = project(args);
    if (out_file) {
        char *want = cli_slurp(out_file, NULL);
        assert_string_equal(r.out, want);
        free(want);
    }
    assert_string_equal(r.err, err);
    assert_int_equal(r.rc, rc);
    cli_run_free(&r);
}

/* Runs args, expects exit 0 and no stderr, and that stdout holds each
 * of the NULL-terminated texts. */
static void expect_text(const char *args, ...)
{
    CliRun r = project(args);
    assert_string_equal(r.err, "");
    assert_int_equal(r.rc, 0);
    va_list ap;
    va_start(ap, args);
    for (const char *s; (s = va_arg(ap, const char *));) {
        if (!strstr(r.out, s))
            fail_msg("`project %s` lacks \"%s\" in:\n%s", args, s, r.out);
    }
    va_end(ap);
    cli_run_free(&r);
}

#define TWO D "two.csv --at 2027-01 --target 20B"

static void test_table(void **state)
{
    (void)state;
    expect(TWO, 0, D "two.table.out", "");
}

/* --lang: the same table in Chinese, columns aligned by display width;
 * zh-CN in Simplified (指标, not tw2sp's 指针) with grouped figures. */
static void test_table_in_chinese(void **state)
{
    (void)state;
    expect(TWO " --lang zh-TW", 0, D "two.table.zh-TW.out", "");
    expect(TWO " --lang zh-CN --number-style grouped", 0,
           D "two.table.zh-CN.out", "");
    expect_text(TWO " --lang zh-TW --format json",
                "\"result\": \"Beta 領先：104億美元（2026年1月）對 Alpha 的71億"
                "美元（2026年1月）；Alpha 約於2026年11月超越 Beta（趨勢線的"
                "不確定範圍：2026年7月至2027年1月之後）\"",
                "\"note\": \"2個資料點，不足以推估趨勢\"", (char *)NULL);
    expect(TWO " --lang fr", 2, NULL,
           "aigrowth: --lang \"fr\": use en, zh-TW or zh-CN; see aigrowth "
           "--help\n");
}

static void test_csv(void **state)
{
    (void)state;
    expect(TWO " --format csv", 0, D "two.csv.out", "");
}

static void test_json(void **state)
{
    (void)state;
    expect(TWO " --format json", 0, D "two.json.out", "");
}

/* Same input, same bytes. */
/* A lower bound (逾40億美元) is said as one in the table and the JSON. */
static void test_lower_bound_said(void **state)
{
    (void)state;
    expect_text("tests/data/golden/lower_bound_zh.csv",
                "over $4B (2026-Q1)",
                "智譜AI is ahead: over $4B (2026-Q1) against MiniMax's $3B",
                NULL);
    expect_text("tests/data/golden/lower_bound_zh.csv --lang zh-TW",
                "智譜AI 領先：逾40億美元（2026年第1季）對 MiniMax 的30億美元",
                NULL);
    expect_text("tests/data/golden/lower_bound_zh.csv --format json",
                "\"latest\": 4000000000, \"latest_date\": \"2026-01-01\", "
                "\"latest_is\": \"at_least\"",
                NULL);
}

static void test_reproducible(void **state)
{
    (void)state;
    CliRun a = project(TWO " --format csv");
    CliRun b = project(TWO " --format csv");
    assert_string_equal(a.out, b.out);
    cli_run_free(&a);
    cli_run_free(&b);
}

#define USAGE(msg) "aigrowth: " msg "; see aigrowth --help\n"

static void test_bad_options(void **state)
{
    (void)state;
    static const struct {
        const char *args, *err;
    } cases[] = {
        {D "two.csv --model cubic",
         USAGE("--model \"cubic\": use damped, exp, linear, logistic, auto "
               "or none")},
        {D "two.csv --level 2",
         USAGE("--level \"2\" must be a confidence level from 0.5 to 0.999, "
               "such as 0.8 or 80%")},
        {D "two.csv --format xml",
         USAGE("--format \"xml\": use table, csv or json")},
        {D "two.csv --since 2025-13",
         USAGE("--since \"2025-13\" is not a date; use YYYY-MM-DD, YYYY-MM "
               "or YYYY")},
        {D "two.csv --as-of 2025-13",
         USAGE("--as-of \"2025-13\" is not a date; use YYYY-MM-DD, YYYY-MM "
               "or YYYY")},
        {D "two.csv --target abc",
         USAGE("--target \"abc\" is not a value; use a number such as 1e9, "
               "1B or $500M")},
        {D "two.csv --cap -5",
         USAGE("--cap \"-5\" is not a value; use a number above 0 such as "
               "8e9, 5B or $2T")},
        {D "two.csv --last 1",
         USAGE("--last \"1\" must be a whole number of points from 3 up")},
        {D "two.csv --horizon soon",
         USAGE("--horizon \"soon\" is not a date; use YYYY-MM-DD, YYYY-MM, "
               "YYYY or +12m")},
        {D "two.csv --at 2025-02-30",
         USAGE("--at \"2025-02-30\" is not a date; use YYYY-MM-DD, YYYY-MM "
               "or YYYY")},
        {D "two.csv --bogus", USAGE("unknown option --bogus for project")},
        {D "two.csv --metric", USAGE("option --metric needs a value")},
        {"", USAGE("project needs at least one data file")},
        {D "two.csv --company Zeta",
         "aigrowth: no series for company \"Zeta\"; check the spelling in "
         "the data\n"},
        {D "two.csv --metric users",
         "aigrowth: the data has no metric \"users\"; metrics: revenue\n"},
        {D "two.csv --target '\xe2\x82\xac" "5B'",
         USAGE("--target \"\xe2\x82\xac" "5B\" is in EUR but the selection "
               "has series in USD only; write it in one of those units or "
               "choose other series")},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect(cases[i].args, 2, NULL, cases[i].err);
}

/* A target is in the unit of the series it is compared with: a bare
 * number over several units is refused, naming them. */
static void test_target_without_unit_over_mixed_units(void **state)
{
    (void)state;
    expect(D "mixed.csv --target 100B", 2, NULL,
           USAGE("--target \"100B\" has no unit and the selection has series "
                 "in EUR, USD, users; write the unit (such as $100B) or "
                 "choose one --metric"));
    expect(D "mixed.csv --cap 1B", 2, NULL,
           USAGE("--cap \"1B\" has no unit and the selection has series in "
                 "EUR, USD, users; write the unit (such as $1B) or choose "
                 "one --metric"));
    /* With its unit it applies to the series of that unit only, and is
     * printed in it; a bare number over one unit takes that one. */
    CliRun r = project(D "mixed.csv --target '$5B'");
    assert_int_equal(r.rc, 0);
    const char *t = strstr(r.out, "\nTime to target $5B (when");
    assert_non_null(t);
    assert_non_null(strstr(t, "\nAlpha    revenue  2026-03"));
    assert_null(strstr(t, "Aurora"));
    assert_null(strstr(t, "Chatter"));
    cli_run_free(&r);
    expect_text(D "mixed.csv --target 1B -m weekly_active_users",
                "\nTime to target 1B (when",
                "\nChatter  weekly_active_users  2026-06  2026-05 to after "
                "2026-07\n",
                NULL);
}

/* Gamma has 2 points: listed with the reason, in each format, exit 0. */
static void test_two_points_is_a_note(void **state)
{
    (void)state;
    expect_text(D "two.csv --company Gamma",
                "\nGamma    revenue  -      2  2025-01..2026-01  $900M "
                "(2026-01)  +80%   +80%           -  -         -        -\n",
                "\nNotes\n  Gamma revenue: 2 points: too few for a trend\n",
                NULL);
    expect_text(D "two.csv --company Gamma --format csv",
                ",2 points: too few for a trend\n", NULL);
    expect_text(D "two.csv --company Gamma --format json",
                "\"note\": \"2 points: too few for a trend\"}", NULL);
}

/* "Already" only when an observation reached the target: a target just
 * above the latest value is a date ahead, whatever the trend line did. */
static void test_target_already_only_by_observation(void **state)
{
    (void)state;
    expect_text(D "two.csv --company Alpha,Beta --target '$7B'",
                "\nAlpha    revenue  already reached: observed $7.1B on "
                "2026-01  -\n",
                "\nBeta     revenue  already reached: observed $7.7B on "
                "2025-07  -\n",
                NULL);
    CliRun r = project(D "two.csv --company Alpha --target '$7.2B'");
    assert_int_equal(r.rc, 0);
    assert_null(strstr(r.out, "already"));
    assert_non_null(strstr(r.out, "\nAlpha    revenue  2026-01  2026-01 "
                                  "to 2026-01\n"));
    cli_run_free(&r);
    expect_text(D "two.csv --company Alpha --target '$7B' --format csv",
                "\ntarget,Alpha,revenue,USD,7000000000,observed,,,,,,,"
                "0.80000000000000004,7100000000,2026-01-01,2027-01-01,"
                "already reached: observed $7.1B on 2026-01\n",
                NULL);
}

/* --as-of: only the observations up to the date. */
static void test_as_of_cuts_the_data(void **state)
{
    (void)state;
    expect_text(D "two.csv --company Alpha --as-of 2025-01",
                "; observations up to 2025-01-31)\n",
                "\nAlpha    revenue  exp    3  2024-01..2025-01  $2.6B "
                "(2025-01)  +159%  +159%       +159%  8.7 months  2026-01  "
                "$6.74B [$4.16B, $10.9B]\n",
                NULL);
    expect_text(D "two.csv --company Alpha --as-of 2025-01 --format json",
                "\"as_of\": \"2025-01-31\", \"observations\": 3, \"n\": 3",
                "\"latest\": 2600000000, \"latest_date\": \"2025-01-01\"",
                NULL);
    /* Before the first observation: listed, with no trend. */
    expect_text(D "two.csv --company Alpha --as-of 2023-06",
                "\nNotes\n  Alpha revenue: no observations\n", NULL);
}

/* --cap: the projection stops at the ceiling set by hand, flagged. */
static void test_cap_caps_the_projection(void **state)
{
    (void)state;
    expect_text(D "two.csv --company Alpha --cap '$10B' --horizon 2027-06",
                "  2027-06  $10B [$10B, $10B]  beyond default horizon; "
                "capped at cap\n",
                NULL);
    expect_text(D "two.csv --company Alpha --cap '$10B' --horizon 2027-06 "
                  "--format json",
                "\"projection\": {\"value\": 10000000000, \"lo\": "
                "10000000000, \"hi\": 10000000000}",
                "\"ceiling\": 10000000000, \"ceiling_what\": \"cap\"", NULL);
}

/* Who is ahead now, with both latest observations; a pass only when the
 * trends cross within the horizon. */
static void test_crossover_says_who_is_ahead(void **state)
{
    (void)state;
    expect_text(D "ahead.csv",
                "\nrevenue  Northwind is ahead: $41B (2026-02) against "
                "Southgate's $20B (2026-05); Southgate gains, but does not "
                "pass by 2027-02  -\n",
                NULL);
    expect_text(D "ahead.csv --horizon 2027-06",
                "\nrevenue  Northwind is ahead: $41B (2026-02) against "
                "Southgate's $20B (2026-05); Southgate would pass Northwind "
                "around 2027-04  2027-02 to 2027-05\n",
                NULL);
    expect_text(D "ahead.csv --horizon 2027-06 --format csv",
                "\npairs,1,1,all\n",
                ",crosses,Northwind,41000000000,2026-02-01,20000000000,"
                "2026-05-01,Southgate,",
                NULL);
}

/* More than 20 pairs: the table lists the crossing ones and says how many
 * were compared; CSV lists all up to 200. */
static void test_many_pairs_list_crossings(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/seven.csv", tmp);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("date,company,metric,value,unit\n", f);
    for (int c = 0; c < 7; c++)
        for (int m = 0; m < 6; m++)
            fprintf(f, "2025-%02d,Co%d,revenue,%.0f,USD\n", m + 1, c,
                    1e9 * (1 + c) * (1 + (0.05 + 0.1 * (6 - c)) * m));
    fclose(f);
    char args[400];
    snprintf(args, sizeof args, "%s", path);
    CliRun r = project(args);
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, "\n  21 pairs compared; the "));
    assert_null(strstr(r.out, "gap widens"));
    assert_null(strstr(r.out, "does not pass"));
    cli_run_free(&r);
    snprintf(args, sizeof args, "%s --format csv", path);
    r = project(args);
    assert_non_null(strstr(r.out, "\npairs,21,"));
    assert_non_null(strstr(r.out, ",all\n"));
    cli_run_free(&r);
}

/* The JSON carries analysis_series' numbers, to the last bit. */
static void test_json_matches_analysis(void **state)
{
    (void)state;
    const char *paths[] = {D "two.csv"};
    Error err;
    error_clear(&err);
    Dataset *ds = cli_load(paths, 1, NULL, &err);
    assert_non_null(ds);
    CliRun r = project(D "two.csv --format json");
    assert_int_equal(r.rc, 0);
    size_t checked = 0;
    for (size_t i = 0; i < ds->n_series; i++) {
        AnalysisOptions opt = analysis_defaults();
        SeriesAnalysis a;
        analysis_series(&ds->series[i], &opt, &a);
        if (!analysis_has_trend(&a))
            continue;
        char key[128], want[256];
        snprintf(key, sizeof key, "{\"company\": \"%s\"",
                 ds->series[i].company);
        const char *obj = strstr(r.out, key);
        assert_non_null(obj);
        snprintf(want, sizeof want,
                 "\"projection\": {\"value\": %.17g, \"lo\": %.17g, "
                 "\"hi\": %.17g}",
                 a.proj, a.lo, a.hi);
        const char *got = strstr(obj, "\"projection\": ");
        assert_non_null(got);
        assert_memory_equal(got, want, strlen(want));
        snprintf(want, sizeof want, "\"trend_rate\": %.17g", a.trend_rate);
        assert_non_null(strstr(obj, want));
        checked++;
    }
    assert_int_equal(checked, 2);
    cli_run_free(&r);
    dataset_destroy(ds);
}

/* Control characters in names: \u00XX in JSON, \t in the table. */
static void test_escapes_names(void **state)
{
    (void)state;
    expect_text(D "tab.csv --format json", "{\"company\": \"Tab\\u0009Co\"",
                NULL);
    expect_text(D "tab.csv", "\nTab\\tCo  revenue", NULL);
}

/* Fits that fail are listed with the reason, not errors. */
static void test_degenerate_data(void **state)
{
    (void)state;
    expect_text(D "nonpos.csv",
                "\nNotes\n  Epsilon revenue: value 0 is not positive; an "
                "exponential trend needs values above 0\n",
                NULL);
    expect_text(D "two.csv --company Alpha --last 4 --model auto",
                "\nNotes\n  Alpha revenue: 4 points: auto compares models "
                "from 5\n",
                NULL);
}

/* A declining series: never doubles, never reaches a target above it. */
static void test_declining(void **state)
{
    (void)state;
    expect_text(D "flat.csv", "  -13%   -13%        -13%  never     2026-07",
                NULL);
    expect_text(D "flat.csv --model linear --target 1B --format csv",
                "\ntarget,Delta,users,,1000000000,never,,,,,,,"
                "0.80000000000000004,,,2026-07-01,never on this trend\n",
                NULL);
}

/* An unverified outlier (9B between 2B and 2.8B) and a single-source
 * point pull Alpha's trend; --verified-only fits as if they were not in
 * the file, and backtest and chart take the option too: the chart still
 * draws the two points, and its words are those of the file without
 * them. */
static void test_verified_only_moves_the_fit(void **state)
{
    (void)state;
    CliRun all, verified, clean;
    cli_run(&all, "project " D "verified_outlier.csv --format csv");
    cli_run(&verified, "project " D "verified_outlier.csv --verified-only "
                       "--format csv");
    cli_run(&clean, "project " D "verified_only.csv --format csv");
    assert_int_equal(all.rc, 0);
    assert_int_equal(verified.rc, 0);
    assert_int_equal(clean.rc, 0);
    assert_string_equal(verified.out, clean.out);
    assert_string_not_equal(all.out, verified.out);
    assert_non_null(strstr(all.out, ",7,7,2024-01-01,2026-01-01,"));
    assert_non_null(strstr(verified.out, ",5,5,2024-01-01,2026-01-01,"));
    cli_run_free(&all);
    cli_run_free(&verified);
    cli_run_free(&clean);
    CliRun bt;
    cli_run(&bt, "backtest " D "verified_outlier.csv --verified-only");
    assert_int_equal(bt.rc, 0);
    cli_run_free(&bt);

    CliRun alt, clean_alt, svg;
    cli_run(&alt, "chart " D "verified_outlier.csv --verified-only "
                  "--alt-text -o /dev/null");
    cli_run(&clean_alt, "chart " D "verified_only.csv --alt-text "
                        "-o /dev/null");
    assert_int_equal(alt.rc, 0);
    assert_string_equal(alt.out, clean_alt.out);
    assert_non_null(strstr(alt.out, "Trend (80% interval): $7.8B–$8.2B"));
    assert_string_equal(alt.err,
                        "aigrowth: warning: " D "verified_outlier.csv: 2 "
                        "rows not marked verified drawn but not fitted "
                        "(--verified-only)\n");
    char dir[256], path[300];
    assert_int_equal(cli_tmpdir_create(dir, sizeof dir), 0);
    snprintf(path, sizeof path, "%s/verified.svg", dir);
    cli_run(&svg, "chart " D "verified_outlier.csv --verified-only "
                  "--svg-text -o %s", path);
    assert_int_equal(svg.rc, 0);
    cli_run_free(&svg);
    cli_shell(&svg, "cat %s", path);
    assert_int_equal(cli_tmpdir_remove(dir), 0);
    assert_non_null(strstr(svg.out, "faint: unverified, not fitted"));
    assert_non_null(strstr(svg.out, "open: single source, not fitted"));
    assert_non_null(strstr(svg.out, "damped trend of verified points"));
    cli_run_free(&alt);
    cli_run_free(&clean_alt);
    cli_run_free(&svg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_table_in_chinese),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_lower_bound_said),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_target_without_unit_over_mixed_units),
        cmocka_unit_test(test_two_points_is_a_note),
        cmocka_unit_test(test_target_already_only_by_observation),
        cmocka_unit_test(test_as_of_cuts_the_data),
        cmocka_unit_test(test_cap_caps_the_projection),
        cmocka_unit_test(test_crossover_says_who_is_ahead),
        cmocka_unit_test(test_many_pairs_list_crossings),
        cmocka_unit_test(test_json_matches_analysis),
        cmocka_unit_test(test_escapes_names),
        cmocka_unit_test(test_degenerate_data),
        cmocka_unit_test(test_declining),
        cmocka_unit_test(test_verified_only_moves_the_fit),
    };
    return cmocka_run_group_tests_name("project cli", tests, setup,
                                       teardown);
}
