/* test_views_cli.c - the chart views of issue 19 from the command line
 * and report.ini: milestone charts, and the exact words of each refusal
 * of a malformed value (the option or key named, what to write). */
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

static void test_milestones_need_a_target(void **state)
{
    (void)state;
    cli_expect("chart " REVENUE " --type milestones -o /tmp/aigrowth-m.png",
               2, "",
               "aigrowth: --type milestones needs --target V, the value to "
               "reach (such as 100B); see aigrowth --help\n");
}

static void test_target_not_a_value(void **state)
{
    (void)state;
    cli_expect("chart " REVENUE " --type milestones --target 100X "
               "-o /tmp/aigrowth-m.png",
               2, "",
               "aigrowth: --target \"100X\" is not a value; use a positive "
               "number such as 1e9, 100B or $500M; see aigrowth --help\n");
    cli_expect("chart " REVENUE " --type milestones --target -5B "
               "-o /tmp/aigrowth-m.png",
               2, "",
               "aigrowth: --target \"-5B\" is not a value; use a positive "
               "number such as 1e9, 100B or $500M; see aigrowth --help\n");
}

static void test_target_without_milestones(void **state)
{
    (void)state;
    cli_expect("chart " REVENUE " --target 100B -o /tmp/aigrowth-m.png", 2,
               "",
               "aigrowth: --target draws with --type milestones only; add "
               "it, or use aigrowth project --target; see aigrowth "
               "--help\n");
}

static void test_target_in_another_unit(void **state)
{
    (void)state;
    cli_expect("chart datasets/users.csv --metric weekly_active_users "
               "--type milestones --target '$1B' -o /tmp/aigrowth-m.png",
               2, "",
               "aigrowth: the target is in USD but the chart's series are "
               "in users; write it in their unit\n");
}

/* The chart's dates are project --target's: the same analysis. */
static void test_milestones_agree_with_project(void **state)
{
    (void)state;
    CliRun alt, proj;
    cli_run(&alt, "chart " REVENUE " --type milestones --target 100B "
                  "--horizon 2029 --alt-text");
    cli_run(&proj, "project " REVENUE " --target 100B --horizon 2029");
    assert_int_equal(alt.rc, 0);
    assert_int_equal(proj.rc, 0);
    cli_assert_contains(alt.out, "Anthropic: Sep 2026 (80%: Sep\xe2\x80\x93"
                                 "Oct 2026)");
    cli_assert_contains(proj.out, "2026-09                                  "
                                  "2026-09 to 2026-10");
    cli_assert_contains(alt.out, "Perplexity: not by Jan 2029 at this "
                                 "trend");
    cli_assert_contains(alt.out, "Mistral AI: no trend: 2 points, too few");
    cli_run_free(&alt);
    cli_run_free(&proj);
}

/* Small multiples and aligned time are not drawn together, said the same
 * way by chart and report.ini. */
static void test_facet_refuses_align(void **state)
{
    (void)state;
    cli_expect("chart " REVENUE " --facet company --align first "
               "-o /tmp/aigrowth-fa.png",
               2, "",
               "aigrowth: --align is not drawn on small multiples; remove "
               "it, or remove --facet; see aigrowth --help\n");
    char cwd[1024], ini[1400];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(ini, sizeof ini,
             "[report]\ndata = %s/tests/data/views/revenue-2026-07.csv\n"
             "[chart a]\n"
             "metric = run_rate_revenue\nfacet = company\nalign = first\n",
             cwd);
    cli_write("/tmp/aigrowth-views-fa.ini", ini);
    CliRun r;
    cli_run(&r, "report /tmp/aigrowth-views-fa.ini -o /tmp/aigrowth-fa.pdf");
    assert_int_equal(r.rc, 1);
    assert_string_equal(r.err, "aigrowth: /tmp/aigrowth-views-fa.ini:3:1: "
                               "[chart a] align is not drawn on small "
                               "multiples; remove it, or remove facet\n");
    cli_run_free(&r);
}

/* A file of one point per entity (an OWID cross-section) is drawn as
 * bars unless a type is given; a report chart without type = likewise. */
static void test_cross_section_draws_bars(void **state)
{
    (void)state;
    CliRun bars, line;
    cli_run(&bars, "chart tests/data/views/owid_241.csv --alt-text");
    cli_run(&line, "chart tests/data/views/owid_241.csv --type line "
                   "--alt-text");
    assert_int_equal(bars.rc, 0);
    assert_int_equal(line.rc, 0);
    cli_assert_contains(bars.out, "Bar chart of the latest population "
                                  "(historical), largest first: Asia (UN) "
                                  "1.43B (2023), China 1.35B (2023)");
    cli_assert_contains(line.out, "Line chart");
    cli_run_free(&bars);
    cli_run_free(&line);

    char cwd[1024], ini[1400];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(ini, sizeof ini,
             "[report]\ndata = %s/tests/data/views/owid_241.csv\n"
             "formats = png\n[chart pop]\nmetric = Population (historical)\n",
             cwd);
    cli_write("/tmp/aigrowth-views-x.ini", ini);
    CliRun r;
    cli_shell(&r, "%s report -q /tmp/aigrowth-views-x.ini -o "
                  "/tmp/aigrowth-views-x.pdf --charts /tmp/aigrowth-views-x "
                  "&& grep -c -a 'Bar chart of the latest population' "
                  "/tmp/aigrowth-views-x/pop.png; "
                  "rm -rf /tmp/aigrowth-views-x*",
              cli_bin());
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "1\n");
    cli_run_free(&r);
}

/* A rebased chart's alt text says each latest value as its label does
 * (39.9× since Jan 2025; 指數3990), beside the real values. */
static void test_rebased_alt_text_says_the_labels(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "chart " REVENUE " --company Anthropic,OpenAI --growth "
                "--index-at 2025-01 --alt-text");
    assert_int_equal(r.rc, 0);
    cli_assert_contains(r.out, "Anthropic rose from $100M (Dec 2023) to $50B "
                               "(Jun 2026), about 12.0\xc3\x97 a year, "
                               "39.9\xc3\x97 its Jan 2025 value");
    cli_run_free(&r);
    cli_run(&r, "chart " REVENUE " --company Anthropic,OpenAI --index 100 "
                "--index-at 2025-01 --alt-text --lang zh-TW");
    assert_int_equal(r.rc, 0);
    cli_assert_contains(r.out, "指數3990（2025年1月 = 100）");
    cli_run_free(&r);
}

static void test_spec_milestones(void **state)
{
    (void)state;
    char cwd[1024], ini[1400];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(ini, sizeof ini,
             "[report]\ndata = %s/datasets/revenue.csv\n"
             "[chart m]\nmetric = run_rate_revenue\ntype = milestones\n",
             cwd);
    cli_write("/tmp/aigrowth-views-m.ini", ini);
    CliRun r;
    cli_run(&r, "report /tmp/aigrowth-views-m.ini -o /tmp/aigrowth-views-m.pdf");
    assert_int_equal(r.rc, 1);
    cli_assert_contains(r.err, "/tmp/aigrowth-views-m.ini:3:1: [chart m] "
                               "type = milestones needs target = V, the "
                               "value to reach (such as 100B)");
    cli_run_free(&r);
    cli_write("/tmp/aigrowth-views-m.ini",
              "[chart m]\nmetric = run_rate_revenue\ntype = milestones\n"
              "target = lots\n");
    cli_run(&r, "report /tmp/aigrowth-views-m.ini -o /tmp/aigrowth-views-m.pdf");
    assert_int_equal(r.rc, 1);
    cli_assert_contains(r.err, "/tmp/aigrowth-views-m.ini:4:1: target = lots: "
                               "use a positive value such as 100B or $1T");
    cli_run_free(&r);
}

static void test_malformed_annotations(void **state)
{
    (void)state;
    cli_expect("chart " REVENUE " --hline '1OOB,x' -o /tmp/aigrowth-a.png",
               2, "",
               "aigrowth: --hline \"1OOB,x\": \"1OOB\" is not a value; write "
               "--hline VALUE,label such as \"100B,$100B target\"; see "
               "aigrowth --help\n");
    cli_expect("chart " REVENUE " --hline ',x' -o /tmp/aigrowth-a.png", 2,
               "",
               "aigrowth: --hline \",x\": the value is missing; write "
               "--hline VALUE,label such as \"100B,$100B target\"; see "
               "aigrowth --help\n");
    cli_expect("chart " REVENUE " --range '2024-11,Price war' "
               "-o /tmp/aigrowth-a.png",
               2, "",
               "aigrowth: --range \"2024-11,Price war\": \"Price war\" is not "
               "a date; write --range DATE1,DATE2,label such as "
               "\"2024-11,2025-03,Price war\"; see aigrowth --help\n");
    cli_expect("chart " REVENUE " --range '2025-03,2024-11,x' "
               "-o /tmp/aigrowth-a.png",
               2, "",
               "aigrowth: --range \"2025-03,2024-11,x\": the period ends "
               "(2024-11) before it starts (2025-03); write --range "
               "DATE1,DATE2,label such as \"2024-11,2025-03,Price war\"; "
               "see aigrowth --help\n");
    cli_expect("chart " REVENUE " --annotate '2025-01,3B' "
               "-o /tmp/aigrowth-a.png",
               2, "",
               "aigrowth: --annotate \"2025-01,3B\": the callout has no text; "
               "write --annotate DATE,VALUE,text such as "
               "\"2025-01,3B,DeepSeek R1\"; see aigrowth --help\n");
    cli_expect("chart " REVENUE " --annotate '3B,2025-01,R1' "
               "-o /tmp/aigrowth-a.png",
               2, "",
               "aigrowth: --annotate \"3B,2025-01,R1\": \"3B\" is not a date; "
               "write --annotate DATE,VALUE,text such as "
               "\"2025-01,3B,DeepSeek R1\"; see aigrowth --help\n");
    cli_expect("chart datasets/users.csv --metric weekly_active_users "
               "--hline '$1B,Billion' -o /tmp/aigrowth-a.png",
               2, "",
               "aigrowth: hline \"Billion\": the value is in USD but the "
               "chart's series are in users; write it in their unit\n");
}

static void test_spec_malformed_annotations(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"hline = abc, x",
         "hline = abc, x: \"abc\" is not a value; write hline = "
         "VALUE,label such as \"100B,$100B target\""},
        {"range[zh-TW] = 2024-11",
         "range[zh-TW] = 2024-11: the date is missing; write range[zh-TW] = "
         "DATE1,DATE2,label such as \"2024-11,2025-03,Price war\""},
        {"index = zero", "index = zero: use the start's value, such as 100"},
        {"index_at = soon", "index_at = soon: use a date such as 2024-01"},
        {"growth = maybe", "growth = maybe: use yes or no"},
        {"annotate = 2025-01, 3B",
         "annotate = 2025-01, 3B: the callout has no text; write annotate = "
         "DATE,VALUE,text such as \"2025-01,3B,DeepSeek R1\""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char ini[400], want[600];
        snprintf(ini, sizeof ini, "[chart a]\nmetric = m\n%s\n", bad[i][0]);
        cli_write("/tmp/aigrowth-views-a.ini", ini);
        snprintf(want, sizeof want, "/tmp/aigrowth-views-a.ini:3:1: %s",
                 bad[i][1]);
        CliRun r;
        cli_run(&r, "report /tmp/aigrowth-views-a.ini -o /tmp/aigrowth-a.pdf");
        assert_int_equal(r.rc, 1);
        cli_assert_contains(r.err, want);
        cli_run_free(&r);
    }
}

static void test_malformed_rebasing(void **state)
{
    (void)state;
    cli_expect("chart " REVENUE " --index abc -o /tmp/aigrowth-i.png", 2, "",
               "aigrowth: --index \"abc\" is not a positive number; use the "
               "start's value, such as 100; see aigrowth --help\n");
    cli_expect("chart " REVENUE " --index 100 --index-at 2025-13 "
               "-o /tmp/aigrowth-i.png",
               2, "",
               "aigrowth: --index-at: date \"2025-13\" has month 13; use "
               "YYYY-MM; see aigrowth --help\n");
    cli_expect("chart " REVENUE " --index-at 2025-01 -o /tmp/aigrowth-i.png",
               2, "",
               "aigrowth: --index-at needs --index 100 or --growth; see "
               "aigrowth --help\n");
    cli_expect("chart " REVENUE " --index 100 --growth -o /tmp/aigrowth-i.png",
               2, "",
               "aigrowth: --index and --growth both rebase the chart; choose "
               "one; see aigrowth --help\n");
    cli_expect("chart " REVENUE " --type bar --growth -o /tmp/aigrowth-i.png",
               2, "",
               "aigrowth: --index and --growth rebase line charts only; see "
               "aigrowth --help\n");
    cli_expect("chart " REVENUE " --growth --index-at 2020-01 "
               "-o /tmp/aigrowth-i.png",
               1, "",
               "aigrowth: no series of metric \"run_rate_revenue\" has a "
               "value at the index's start; choose another start\n");
}

/* The subtitle says what the numbers are, in both languages. */
static void test_rebased_words(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "chart " REVENUE " --index 100 --index-at 2025-01 "
                "--company OpenAI,Anthropic -o /tmp/aigrowth-i.svg "
                "--svg-text");
    assert_int_equal(r.rc, 0);
    char *svg = cli_slurp("/tmp/aigrowth-i.svg", NULL);
    cli_assert_contains(svg, "index, start = 100 in Jan 2025");
    free(svg);
    cli_run_free(&r);
    cli_run(&r, "chart " REVENUE " --index 100 --index-at 2025-01 --lang "
                "zh-TW --company OpenAI,Anthropic -o /tmp/aigrowth-i.svg "
                "--svg-text");
    assert_int_equal(r.rc, 0);
    svg = cli_slurp("/tmp/aigrowth-i.svg", NULL);
    cli_assert_contains(svg, "指數，起點 = 100，2025年1月");
    free(svg);
    cli_run_free(&r);
}

static void test_malformed_facets(void **state)
{
    (void)state;
    cli_expect("chart " REVENUE " --facet foo -o /tmp/aigrowth-f.png", 2,
               "",
               "aigrowth: --facet \"foo\": use company or metric; see "
               "aigrowth --help\n");
    cli_expect("chart " REVENUE " --facet company --facet-scale x "
               "-o /tmp/aigrowth-f.png",
               2, "",
               "aigrowth: --facet-scale \"x\": use shared or free; see "
               "aigrowth --help\n");
    cli_expect("chart " REVENUE " --facet-scale free -o /tmp/aigrowth-f.png",
               2, "",
               "aigrowth: --facet-scale needs --facet company or metric; see "
               "aigrowth --help\n");
    cli_expect("chart " REVENUE " --facet company --type bar "
               "-o /tmp/aigrowth-f.png",
               2, "",
               "aigrowth: --facet draws line charts only; remove it or use "
               "--type line; see aigrowth --help\n");
    cli_expect("chart " REVENUE " --facet company --type milestones "
               "--target 100B -o /tmp/aigrowth-f.png",
               2, "",
               "aigrowth: --facet draws line charts only; remove it or use "
               "--type line; see aigrowth --help\n");
    cli_expect("chart " REVENUE " --facet company --hline '100B,x' "
               "-o /tmp/aigrowth-f.png",
               2, "",
               "aigrowth: --hline, --range and --annotate are not drawn on "
               "small multiples; remove them, or remove --facet; see "
               "aigrowth --help\n");
    cli_expect("chart " REVENUE " --facet company --events "
               "datasets/key-events.csv -o /tmp/aigrowth-f.png",
               2, "",
               "aigrowth: --events are not drawn on small multiples; remove "
               "them, or remove --facet; see aigrowth --help\n");
    cli_expect("chart tests/data/golden/forty.csv --facet company "
               "-o /tmp/aigrowth-f.png",
               2, "",
               "aigrowth: small multiples of 40 panels would not read; a "
               "figure holds at most 36, so choose companies (--company, or "
               "companies = in report.ini)\n");
}

static void test_malformed_metric_lists(void **state)
{
    (void)state;
    cli_expect("chart datasets/users.csv --metric weekly_active_users, "
               "-o /tmp/aigrowth-f.png",
               2, "",
               "aigrowth: --metric \"weekly_active_users,\": a name is empty; "
               "write --metric NAME or --metric NAME,NAME; see aigrowth "
               "--help\n");
    cli_expect("chart datasets/users.csv --metric ',weekly_active_users' "
               "-o /tmp/aigrowth-f.png",
               2, "",
               "aigrowth: --metric \",weekly_active_users\": a name is empty; "
               "write --metric NAME or --metric NAME,NAME; see aigrowth "
               "--help\n");
    cli_expect("chart datasets/users.csv --metric 'paid_seats, paid_seats' "
               "-o /tmp/aigrowth-f.png",
               2, "",
               "aigrowth: --metric \"paid_seats, paid_seats\": the same "
               "metric is named twice; write --metric NAME or --metric "
               "NAME,NAME; see aigrowth --help\n");
    cli_expect("chart datasets/users.csv --metric a,b,c -o /tmp/aigrowth-f.png",
               2, "",
               "aigrowth: --metric \"a,b,c\": more than 2 metrics are named; "
               "write --metric NAME or --metric NAME,NAME; see aigrowth "
               "--help\n");
    cli_expect("chart datasets/users.csv --metric "
               "weekly_active_users,monthly_active_users --type bar "
               "-o /tmp/aigrowth-f.png",
               2, "",
               "aigrowth: --metric \"weekly_active_users,monthly_active_users"
               "\": two metrics draw as a line chart only; name one or use "
               "--type line; see aigrowth --help\n");
    cli_expect("chart tests/data/views/users-revenue.csv --metric "
               "weekly_active_users,run_rate_revenue --facet company "
               "-o /tmp/aigrowth-f.png",
               2, "",
               "aigrowth: metrics weekly_active_users (users) and "
               "run_rate_revenue (USD) are in two units, which one panel "
               "cannot show; draw a panel per metric (--facet metric, or "
               "facet = metric in report.ini)\n");
    cli_expect("chart datasets/users.csv --metric "
               "weekly_active_users,paid_seats --company ChatGPT "
               "-o /tmp/aigrowth-f.png",
               1, "",
               "aigrowth: no data for metric \"paid_seats\" and those "
               "companies; check the names with aigrowth check\n");
    CliRun r;
    cli_run(&r, "chart datasets/users.csv --metric weekly_active_users,nope "
                "-o /tmp/aigrowth-f.png");
    assert_int_equal(r.rc, 2);
    cli_assert_contains(r.err, "aigrowth: the data has no metric \"nope\"\n"
                               "aigrowth: metrics in the data: ");
    cli_run_free(&r);
}

static void test_spec_malformed_facets(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"facet = foo", "facet = foo: use company or metric"},
        {"facet_scale = x", "facet_scale = x: use shared or free"},
        {"metric = a,", "metric = a,: a name is empty; write metric = NAME "
                        "or metric = NAME, NAME"},
        {"metric = a, b, c", "metric = a, b, c: more than 2 metrics are "
                             "named; write metric = NAME or metric = NAME, "
                             "NAME"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char ini[400], want[600];
        snprintf(ini, sizeof ini, "[chart a]\nmetric = m\n%s\n", bad[i][0]);
        cli_write("/tmp/aigrowth-views-f.ini", ini);
        snprintf(want, sizeof want, "/tmp/aigrowth-views-f.ini:3:1: %s",
                 bad[i][1]);
        CliRun r;
        cli_run(&r, "report /tmp/aigrowth-views-f.ini -o /tmp/aigrowth-f.pdf");
        assert_int_equal(r.rc, 1);
        cli_assert_contains(r.err, want);
        cli_run_free(&r);
    }
}

/* The same refusals as the chart command's, naming the section. */
static void test_spec_facet_combinations(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"facet = company\ntype = bar",
         "[chart a] facet draws line charts only; remove it or use type = "
         "line"},
        {"facet_scale = free",
         "[chart a] facet_scale needs facet = company or metric"},
        {"facet = company\nevents = datasets/key-events.csv",
         "[chart a] events are not drawn on small multiples; remove them, "
         "or remove facet"},
        {"facet = company\nhline = 100M, x",
         "[chart a] hline, range and annotate are not drawn on small "
         "multiples; remove them, or remove facet"},
    };
    char cwd[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char ini[1600], want[600];
        snprintf(ini, sizeof ini,
                 "[report]\ndata = %s/datasets/users.csv\n"
                 "[chart a]\nmetric = monthly_active_users\n%s\n",
                 cwd, bad[i][0]);
        cli_write("/tmp/aigrowth-views-f.ini", ini);
        snprintf(want, sizeof want, "/tmp/aigrowth-views-f.ini:3:1: %s",
                 bad[i][1]);
        CliRun r;
        cli_run(&r, "report /tmp/aigrowth-views-f.ini -o /tmp/aigrowth-f.pdf");
        assert_int_equal(r.rc, 1);
        cli_assert_contains(r.err, want);
        cli_run_free(&r);
    }
}

/* The report draws a line chart of more than six companies as small
 * multiples when it names no companies or highlight, and as one chart
 * with grey context lines when it names a highlight; two metrics with a
 * key of line styles. */
static void test_report_facets_many_companies(void **state)
{
    (void)state;
    char cwd[1024], ini[1600];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(ini, sizeof ini,
             "[report]\ndata = %s/datasets/users.csv\nformats = svg\n"
             "charts = /tmp/aigrowth-views-facets\n"
             "[chart many]\nmetric = monthly_active_users\n"
             "[chart named]\nmetric = monthly_active_users\n"
             "highlight = Gemini app\n"
             "[chart two]\nmetric = weekly_active_users, "
             "monthly_active_users\ncompanies = ChatGPT, Gemini app\n",
             cwd);
    cli_write("/tmp/aigrowth-views-facets.ini", ini);
    CliRun r;
    cli_run(&r, "report -q /tmp/aigrowth-views-facets.ini "
                "-o /tmp/aigrowth-views-facets.pdf");
    assert_int_equal(r.rc, 0);
    cli_run_free(&r);
    char *many = cli_slurp("/tmp/aigrowth-views-facets/many.svg", NULL);
    char *named = cli_slurp("/tmp/aigrowth-views-facets/named.svg", NULL);
    char *two = cli_slurp("/tmp/aigrowth-views-facets/two.svg", NULL);
    assert_non_null(many);
    assert_non_null(named);
    assert_non_null(two);
    cli_assert_contains(many, "<g class=\"panel Gemini app\">");
    cli_assert_contains(many, "<g class=\"panel ERNIE app (Wenxin)\">");
    assert_null(strstr(named, "<g class=\"panel "));
    cli_assert_contains(two, "<g class=\"key of line styles\">");
    /* ChatGPT has a line of each metric: its labels say which. */
    cli_assert_contains(two, "aria-label=\"ChatGPT (weekly active users)\"");
    cli_assert_contains(two, "aria-label=\"ChatGPT (monthly active users) "
                             "100M Jan 2023\"");
    free(many);
    free(named);
    free(two);
}

/* A promise is a test: every option of the views is in chart --help. */
static void test_help_names_the_views(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "chart --help");
    assert_int_equal(r.rc, 0);
    static const char *const options[] = {"--type line|bar|milestones",
                                          "--target V", "--hline \"V,label\"",
                                          "--range \"D1,D2,label\"",
                                          "--annotate \"DATE,VALUE,text\"",
                                          "--index B", "--index-at DATE",
                                          "--growth",
                                          "--facet company|metric",
                                          "--facet-scale shared|free",
                                          "M,N draws two"};
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        cli_assert_contains(r.out, options[i]);
    cli_run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_milestones_need_a_target),
        cmocka_unit_test(test_target_not_a_value),
        cmocka_unit_test(test_target_without_milestones),
        cmocka_unit_test(test_target_in_another_unit),
        cmocka_unit_test(test_milestones_agree_with_project),
        cmocka_unit_test(test_rebased_alt_text_says_the_labels),
        cmocka_unit_test(test_spec_milestones),
        cmocka_unit_test(test_malformed_annotations),
        cmocka_unit_test(test_spec_malformed_annotations),
        cmocka_unit_test(test_malformed_rebasing),
        cmocka_unit_test(test_rebased_words),
        cmocka_unit_test(test_malformed_facets),
        cmocka_unit_test(test_malformed_metric_lists),
        cmocka_unit_test(test_spec_malformed_facets),
        cmocka_unit_test(test_spec_facet_combinations),
        cmocka_unit_test(test_report_facets_many_companies),
        cmocka_unit_test(test_help_names_the_views),
        cmocka_unit_test(test_cross_section_draws_bars),
        cmocka_unit_test(test_facet_refuses_align),
    };
    return cmocka_run_group_tests_name("views_cli", tests, NULL, NULL);
}
