/* test_align_cli.c - aligned time (chart --align, --launch; align = and
 * [launch] in report.ini) from the command line: the exact words of
 * each refusal, the series left out and why, the alignment said in the
 * alt text and the report's caption. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_harness.h"

/* The shipped revenue as of the July 2026 update, frozen: the figures
 * below must not move when datasets/ does. */
#define REVENUE "tests/data/views/revenue-2026-07.csv --metric run_rate_revenue"
#define PNG " -o /tmp/aigrowth-al.png"
#define HELP "; see aigrowth --help\n"

static void test_align_values_refused(void **state)
{
    (void)state;
    cli_expect("chart " REVENUE " --align foo" PNG, 2, "",
               "aigrowth: --align \"foo\": use launch, first or threshold:V "
               "(such as threshold:1B)" HELP);
    cli_expect("chart " REVENUE " --align threshold:" PNG, 2, "",
               "aigrowth: --align \"threshold:\": the value is missing; "
               "write threshold:V, such as threshold:1B or "
               "threshold:$10B" HELP);
    cli_expect("chart " REVENUE " --align threshold:abc" PNG, 2, "",
               "aigrowth: --align \"threshold:abc\": \"abc\" is not a "
               "positive value; write threshold:V, such as threshold:1B or "
               "threshold:$10B" HELP);
    cli_expect("chart " REVENUE " --align threshold:-1B" PNG, 2, "",
               "aigrowth: --align \"threshold:-1B\": \"-1B\" is not a "
               "positive value; write threshold:V, such as threshold:1B or "
               "threshold:$10B" HELP);
}

static void test_threshold_in_another_unit(void **state)
{
    (void)state;
    cli_expect("chart datasets/users.csv --metric weekly_active_users "
               "--align 'threshold:$1B'" PNG,
               2, "",
               "aigrowth: the align threshold is in USD but the chart's "
               "series are in users; write it in their unit\n");
}

static void test_align_draws_line_charts_only(void **state)
{
    (void)state;
    cli_expect("chart " REVENUE " --align first --type bar" PNG, 2, "",
               "aigrowth: --align draws line charts only; remove it or use "
               "--type line" HELP);
    cli_expect("chart " REVENUE " --align first --type milestones "
               "--target 100B" PNG,
               2, "",
               "aigrowth: --align draws line charts only; remove it or use "
               "--type line" HELP);
}

/* Dates on the calendar have no place on an aligned axis; a value line
 * does. */
static void test_align_with_dated_views(void **state)
{
    (void)state;
    cli_expect("chart " REVENUE " --align first --range "
               "'2024-11,2025-03,Price war'" PNG,
               2, "",
               "aigrowth: --range takes calendar dates, which an aligned "
               "chart does not have; remove it or --align" HELP);
    cli_expect("chart " REVENUE " --align first --annotate '2025-01,3B,R1'"
               PNG,
               2, "",
               "aigrowth: --annotate takes calendar dates, which an aligned "
               "chart does not have; remove it or --align" HELP);
    cli_expect("chart " REVENUE " --align first --growth" PNG, 2, "",
               "aigrowth: --index and --growth rebase at one calendar date, "
               "--align starts each series at its own; choose one" HELP);
    cli_expect("chart " REVENUE " --align first --hline '100B,$100B'" PNG, 0,
               "", "");
}

static void test_launch_refused(void **state)
{
    (void)state;
    cli_expect("chart " REVENUE " --launch OpenAI=2022-11-30" PNG, 2, "",
               "aigrowth: --launch needs --align launch" HELP);
    cli_expect("chart " REVENUE " --align launch --launch OpenAI" PNG, 2, "",
               "aigrowth: --launch \"OpenAI\": no '=' between company and "
               "date; write --launch \"COMPANY=DATE\", such as "
               "\"ChatGPT=2022-11-30\"" HELP);
    cli_expect("chart " REVENUE " --align launch --launch OpenAI=2022-13" PNG,
               2, "",
               "aigrowth: --launch \"OpenAI=2022-13\": date \"2022-13\" has "
               "month 13; use YYYY-MM; write --launch \"COMPANY=DATE\", such "
               "as \"ChatGPT=2022-11-30\"" HELP);
}

/* No series with an origin: nothing to draw, and why. */
static void test_no_origin(void **state)
{
    (void)state;
    cli_expect("chart " REVENUE " --align launch" PNG, 1, "",
               "aigrowth: no series of metric \"run_rate_revenue\" has a "
               "launch date (given by hand, or an event of its company "
               "labelled \"... launched\")\n");
    cli_expect("chart " REVENUE " --company OpenAI,Perplexity --align "
               "threshold:1T" PNG,
               1, "",
               "aigrowth: no series of metric \"run_rate_revenue\" crosses "
               "$1T in the data (Not shown, below $1T in every report: "
               "OpenAI, Perplexity); choose another threshold\n");
}

/* A series without a launch date is left out, named on the chart and in
 * its alt text, and the command says how to give one. */
static void test_launch_left_out_is_said(void **state)
{
    (void)state;
    cli_expect("chart " REVENUE " --align launch --company OpenAI,Perplexity "
               "--launch OpenAI=2022-11-30 --alt-text",
               0,
               "Line chart: OpenAI's run-rate revenue rose from $1.3B (Oct "
               "2023) to over $30B (May 2026), about 3.4\xc3\x97 a year. "
               "Aligned on each company's launch: OpenAI Nov 2022. Not "
               "shown, launch date unknown: Perplexity. Trend (80% "
               "interval): $59B\xe2\x80\x93$140B by May 2027.\n",
               "aigrowth: warning: no launch date for Perplexity, left out "
               "of the chart; give one with --launch "
               "\"COMPANY=YYYY-MM-DD\", or an --events file with an event of "
               "the company labelled \"... launched\"\n");
}

/* A launch after the latest report leaves nothing to draw since. */
static void test_launch_after_the_data(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "chart " REVENUE " --align launch --company OpenAI,Anthropic "
                "--launch OpenAI=2030-01 --launch Anthropic=2023-03-14 "
                "--alt-text");
    assert_int_equal(r.rc, 0);
    cli_assert_contains(r.out, "Aligned on each company's launch: Anthropic "
                               "Mar 2023. Not shown, no report since the "
                               "launch: OpenAI.");
    cli_run_free(&r);
}

/* The launch from the events: "ChatGPT launched" is OpenAI's. */
static void test_launch_from_events(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "chart " REVENUE " --align launch --company OpenAI,Anthropic "
                "--events tests/data/golden/align_events.csv --alt-text "
                "--lang zh-TW");
    assert_int_equal(r.rc, 0);
    cli_assert_contains(r.out, "依各公司上線時間對齊：Anthropic "
                               "2023年3月（Claude（第一版）上線）、OpenAI "
                               "2022年11月（ChatGPT 上線）。");
    assert_string_equal(r.err, "");
    cli_run_free(&r);
}

/* $2B: OpenAI reported it (Dec 2023); Anthropic passed it between $1B
 * (Dec 2024) and $3B (May 2025), about Mar 2025; OpenAI was over $1B at
 * its first report, so a $1B alignment leaves it out, saying so. */
static void test_threshold_words(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "chart " REVENUE " --align 'threshold:$2B' --company "
                "OpenAI,Anthropic --alt-text");
    assert_int_equal(r.rc, 0);
    cli_assert_contains(r.out, "Aligned on when each company reached $2B: "
                               "Anthropic about Mar 2025, OpenAI Dec 2023 "
                               "(about: between two reports, "
                               "interpolated).");
    cli_run_free(&r);
    cli_run(&r, "chart " REVENUE " --align threshold:1B --company "
                "OpenAI,Anthropic --alt-text --lang zh-TW");
    assert_int_equal(r.rc, 0);
    cli_assert_contains(r.out, "依各公司達到10億美元的時間對齊：Anthropic "
                               "2024年12月。未顯示（首次公布時已逾10億美元）："
                               "OpenAI（2023年10月）。");
    cli_run_free(&r);
    cli_run(&r, "chart " REVENUE " --align first --company OpenAI "
                "--lang zh-TW -o /tmp/aigrowth-al.svg --svg-text");
    assert_int_equal(r.rc, 0);
    char *svg = cli_slurp("/tmp/aigrowth-al.svg", NULL);
    cli_assert_contains(svg, "依各公司首次公布時間對齊");
    cli_assert_contains(svg, "首次公布後月數");
    free(svg);
    cli_run_free(&r);
}

/* The projections are the analysis' own, moved in time only: the
 * aligned chart's trend words are the calendar chart's, figure for
 * figure. */
static void test_projections_not_refitted(void **state)
{
    (void)state;
    CliRun cal, al;
    cli_run(&cal, "chart " REVENUE " --company OpenAI,Anthropic --alt-text");
    cli_run(&al, "chart " REVENUE " --company OpenAI,Anthropic --align "
                 "'threshold:$2B' --alt-text");
    assert_int_equal(cal.rc, 0);
    assert_int_equal(al.rc, 0);
    const char *trend = strstr(cal.out, " Trend (80% interval):");
    assert_non_null(trend);
    cli_assert_contains(trend, "Anthropic $250B\xe2\x80\x93$1.4T by Jun "
                               "2027; OpenAI $59B\xe2\x80\x93$140B by May "
                               "2027.");
    cli_assert_contains(al.out, trend);
    cli_run_free(&cal);
    cli_run_free(&al);
}

static void write_spec(const char *body)
{
    char cwd[1024], ini[2000];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(ini, sizeof ini,
             "[report]\ndata = %s/tests/data/views/revenue-2026-07.csv\n%s",
             cwd, body);
    cli_write("/tmp/aigrowth-al.ini", ini);
}

static void expect_spec_error(const char *body, const char *want)
{
    write_spec(body);
    CliRun r;
    cli_run(&r, "report /tmp/aigrowth-al.ini -o /tmp/aigrowth-al.pdf "
                "--charts /tmp/aigrowth-al-charts");
    assert_int_equal(r.rc, 1);
    cli_assert_contains(r.err, want);
    cli_run_free(&r);
}

static void test_spec_refusals(void **state)
{
    (void)state;
    expect_spec_error("[chart a]\nmetric = run_rate_revenue\nalign = foo\n",
                      "aigrowth: /tmp/aigrowth-al.ini:5:1: align = foo: use "
                      "launch, first or threshold:V (such as "
                      "threshold:1B)\n");
    expect_spec_error("[chart a]\nmetric = run_rate_revenue\n"
                      "align = threshold:\n",
                      "aigrowth: /tmp/aigrowth-al.ini:5:1: align = "
                      "threshold:: the value is missing; write threshold:V, "
                      "such as threshold:1B or threshold:$10B\n");
    expect_spec_error("[launch]\nOpenAI = soon\n",
                      "aigrowth: /tmp/aigrowth-al.ini:4:1: [launch] OpenAI = "
                      "soon: write COMPANY = DATE, such as ChatGPT = "
                      "2022-11-30\n");
    expect_spec_error("[launch]\nOpenAI = 2022-11\nOpenAI = 2022-12\n",
                      "aigrowth: /tmp/aigrowth-al.ini:5:1: [launch] gives "
                      "OpenAI twice; keep one line\n");
    expect_spec_error("[chart a]\nmetric = run_rate_revenue\ntype = bar\n"
                      "align = first\n",
                      "aigrowth: /tmp/aigrowth-al.ini:3:1: [chart a] align "
                      "draws line charts only; remove it or use type = "
                      "line\n");
    expect_spec_error("[chart a]\nmetric = run_rate_revenue\nalign = first\n"
                      "range = 2024-11, 2025-03, Price war\n",
                      "aigrowth: /tmp/aigrowth-al.ini:3:1: [chart a] range "
                      "and annotate take calendar dates, which an aligned "
                      "chart does not have; remove them or align\n");
    expect_spec_error("[chart a]\nmetric = run_rate_revenue\nalign = first\n"
                      "growth = yes\n",
                      "aigrowth: /tmp/aigrowth-al.ini:3:1: [chart a] index "
                      "and growth rebase at one calendar date, align starts "
                      "each series at its own; choose one\n");
    expect_spec_error("[chart a]\nmetric = run_rate_revenue\n"
                      "align = threshold:100M users\n",
                      "aigrowth: /tmp/aigrowth-al.ini:5:1: align = "
                      "threshold:100M users: \"100M users\" is not a "
                      "positive value");
}

/* The chart's own refusal names its section in the spec. */
static void test_spec_unit_refusal_names_the_chart(void **state)
{
    (void)state;
    write_spec("[chart a]\nmetric = run_rate_revenue\n"
               "align = threshold:€1B\n");
    CliRun r;
    cli_run(&r, "report /tmp/aigrowth-al.ini -o /tmp/aigrowth-al.pdf "
                "--charts /tmp/aigrowth-al-charts");
    assert_int_equal(r.rc, 2);
    assert_string_equal(r.err,
                        "aigrowth: /tmp/aigrowth-al.ini:3:1: [chart a] the "
                        "align threshold is in EUR but the chart's series "
                        "are in USD; write it in their unit\n");
    cli_run_free(&r);
}

/* A report's aligned chart: [launch] dates, the warning for a company
 * without one, and the caption saying the alignment first. */
static void test_spec_aligned_report(void **state)
{
    (void)state;
    write_spec("[launch]\nOpenAI = 2022-11-30\nAnthropic = 2023-03-14\n"
               "[chart since]\nmetric = run_rate_revenue\nalign = launch\n"
               "companies = OpenAI, Anthropic, Perplexity\n");
    CliRun r;
    cli_run(&r, "report /tmp/aigrowth-al.ini -o /tmp/aigrowth-al.pdf "
                "--charts /tmp/aigrowth-al-charts -q");
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err,
                        "aigrowth: [chart since]: warning: no launch date "
                        "for Perplexity, left out of the chart; give one "
                        "under [launch] (COMPANY = YYYY-MM-DD), or an event "
                        "of the company labelled \"... launched\"\n");
    cli_run_free(&r);
    cli_shell(&r, "pdftotext -raw /tmp/aigrowth-al.pdf - | tr -s ' \\n' '  '");
    assert_int_equal(r.rc, 0);
    cli_assert_contains(r.out, "Aligned on each company's launch: Anthropic "
                               "Mar 2023, OpenAI Nov 2022. Not shown, launch "
                               "date unknown: Perplexity. Anthropic's "
                               "run-rate revenue grew");
    cli_run_free(&r);
}

/* A promise is a test: the options are in chart --help. */
static void test_help_names_align(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "chart --help");
    assert_int_equal(r.rc, 0);
    cli_assert_contains(r.out, "--align launch|first|threshold:V");
    cli_assert_contains(r.out, "--launch \"COMPANY=DATE\"");
    cli_run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_align_values_refused),
        cmocka_unit_test(test_threshold_in_another_unit),
        cmocka_unit_test(test_align_draws_line_charts_only),
        cmocka_unit_test(test_align_with_dated_views),
        cmocka_unit_test(test_launch_refused),
        cmocka_unit_test(test_no_origin),
        cmocka_unit_test(test_launch_left_out_is_said),
        cmocka_unit_test(test_launch_after_the_data),
        cmocka_unit_test(test_launch_from_events),
        cmocka_unit_test(test_threshold_words),
        cmocka_unit_test(test_projections_not_refitted),
        cmocka_unit_test(test_spec_refusals),
        cmocka_unit_test(test_spec_unit_refusal_names_the_chart),
        cmocka_unit_test(test_spec_aligned_report),
        cmocka_unit_test(test_help_names_align),
    };
    return cmocka_run_group_tests_name("align_cli", tests, NULL, NULL);
}
