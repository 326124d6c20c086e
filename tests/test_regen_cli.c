/* test_regen_cli.c - `aigrowth report` with a spec: one command redraws
 * only what changed, never loses a previous output, and refuses a bad
 * spec with file, line and key. Runs $AIGROWTH (default build/aigrowth)
 * in a scratch directory holding a copy of the e2e data. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_harness.h"

static char dir[256];
static char bin[512];

/* The start of every command line: the commands run in dir (so the
 * binary is named by its absolute path, bin) with a fixed date. Its %s
 * is dir; a command ends with ")". */
#define IN_DIR "cd %s && (SOURCE_DATE_EPOCH=1767225600 "

/* dir/name, in a static buffer. */
static const char *in_dir(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static long mtime_ns(const char *name)
{
    struct stat st;
    if (stat(in_dir(name), &st) != 0)
        return -1;
    return (long)st.st_mtim.tv_sec * 1000000000L + st.st_mtim.tv_nsec;
}

static const char spec_text[] =
    "[report]\n"
    "title = Regeneration test\n"
    "data = revenue.csv, users.csv\n"
    "formats = png, svg\n"
    "\n"
    "[chart revenue]\n"
    "metric = run_rate_revenue\n"
    "companies = OpenAI, Anthropic\n"
    "\n"
    "[chart 用戶]\n"
    "metric = weekly_active_users\n";

static int setup(void **state)
{
    (void)state;
    const char *env = cli_bin();
    char cwd[256];
    if (!getcwd(cwd, sizeof cwd))
        return -1;
    if (env[0] == '/')
        snprintf(bin, sizeof bin, "%s", env);
    else
        snprintf(bin, sizeof bin, "%s/%s", cwd, env);
    if (cli_tmpdir_create(dir, sizeof dir) != 0)
        return -1;
    if (cli_shell(NULL, "cp tests/data/e2e/revenue.csv "
                        "tests/data/e2e/users.csv %s/", dir) != 0)
        return -1;
    cli_write(in_dir("report.ini"), spec_text);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return cli_tmpdir_remove(dir);
}

static void test_first_run_draws_everything(void **state)
{
    (void)state;
    CliRun r;
    assert_int_equal(cli_shell(&r, IN_DIR "%s report)", dir, bin), 0);
    assert_non_null(strstr(r.out, "revenue "));
    assert_non_null(strstr(r.out, "redrawn (new)"));
    assert_non_null(strstr(r.out, "report.pdf written; 2 of 2 charts "
                                  "redrawn"));
    cli_run_free(&r);
    /* A Chinese chart name stays the name of its files. */
    assert_true(mtime_ns("charts/用戶.png") > 0);
    assert_true(mtime_ns("charts/revenue.svg") > 0);
    assert_int_equal(cli_shell(NULL, IN_DIR "qpdf --check report.pdf)", dir),
                     0);
}

static void test_second_run_rewrites_nothing(void **state)
{
    (void)state;
    long png = mtime_ns("charts/revenue.png");
    long pdf = mtime_ns("report.pdf");
    long st = mtime_ns("charts/.aigrowth-state");
    CliRun r;
    assert_int_equal(cli_shell(&r, IN_DIR "%s report)", dir, bin), 0);
    assert_non_null(strstr(r.out, "  revenue                              "
                                  "unchanged\n"));
    assert_non_null(strstr(r.out, "report.pdf unchanged; 0 of 2 charts"));
    cli_run_free(&r);
    assert_true(mtime_ns("charts/revenue.png") == png);
    assert_true(mtime_ns("report.pdf") == pdf);
    assert_true(mtime_ns("charts/.aigrowth-state") == st);
}

static void test_new_row_redraws_only_its_chart(void **state)
{
    (void)state;
    long users_png = mtime_ns("charts/用戶.png");
    CliRun r;
    assert_int_equal(cli_shell(&r, IN_DIR "echo '2026-01,OpenAI,"
                               "run_rate_revenue,20000000000,USD,,"
                               "New source,verified' >> revenue.csv && "
                               "%s report)",
                               dir, bin),
                     0);
    assert_non_null(strstr(r.out, "revenue                              "
                                  "redrawn (data changed)"));
    /* 用戶 is four columns wide: the names' column still lines up. */
    assert_non_null(strstr(r.out, "用戶                                 "
                                  "unchanged"));
    assert_non_null(strstr(r.out, "report.pdf written; 1 of 2 charts"));
    cli_run_free(&r);
    assert_true(mtime_ns("charts/用戶.png") == users_png);
    /* The report says what moved since the previous one. */
    assert_int_equal(cli_shell(&r, IN_DIR "pdftotext -enc UTF-8 -f 2 -l 2 "
                               "report.pdf -)", dir),
                     0);
    assert_non_null(strstr(r.out, "What changed"));
    assert_non_null(strstr(r.out, "OpenAI \xc2\xb7 Run-rate revenue"));
    assert_non_null(strstr(r.out, "+1 point (4 \xe2\x86\x92 5); latest $10B "
                                  "(2025-06) \xe2\x86\x92 $20B (2026-01)"));
    cli_run_free(&r);
}

static void test_force_and_missing_output(void **state)
{
    (void)state;
    CliRun r;
    assert_int_equal(cli_shell(&r, IN_DIR "rm charts/用戶.svg && %s report)",
                               dir, bin),
                     0);
    assert_non_null(strstr(r.out, "redrawn (output missing)"));
    cli_run_free(&r);
    assert_int_equal(cli_shell(&r, IN_DIR "%s report --force -q)", dir, bin),
                     0);
    assert_string_equal(r.out, "");
    cli_run_free(&r);
}

static void test_page_format_redraws_charts(void **state)
{
    (void)state;
    /* Slides draw charts with larger type: the chart files follow. */
    CliRun r;
    assert_int_equal(cli_shell(&r, IN_DIR "%s report --page slides)", dir,
                               bin),
                     0);
    assert_non_null(strstr(r.out, "revenue                              "
                                  "redrawn (settings, program or fonts "
                                  "changed)"));
    cli_run_free(&r);
    assert_int_equal(cli_shell(&r, IN_DIR "%s report --page slides)", dir,
                               bin),
                     0);
    assert_non_null(strstr(r.out, "0 of 2 charts redrawn"));
    cli_run_free(&r);
}

static void test_failed_run_keeps_every_output(void **state)
{
    (void)state;
    char *pdf = cli_slurp(in_dir("report.pdf"), NULL);
    char *png = cli_slurp(in_dir("charts/revenue.png"), NULL);
    CliRun r;
    assert_int_equal(cli_shell(&r, IN_DIR "cp revenue.csv good.csv && echo "
                               "'2025-13,OpenAI,run_rate_revenue,1,USD,,,' "
                               ">> revenue.csv && %s report)",
                               dir, bin),
                     1);
    assert_string_equal(r.err, "aigrowth: revenue.csv:13:1: date "
                               "\"2025-13\" has month 13; use YYYY-MM\n");
    cli_run_free(&r);
    char *pdf2 = cli_slurp(in_dir("report.pdf"), NULL);
    char *png2 = cli_slurp(in_dir("charts/revenue.png"), NULL);
    assert_string_equal(pdf, pdf2);
    assert_string_equal(png, png2);
    free(pdf);
    free(pdf2);
    free(png);
    free(png2);
    assert_int_equal(cli_shell(NULL, IN_DIR "mv good.csv revenue.csv)", dir),
                     0);
}

static void test_bad_spec_names_file_line_and_key(void **state)
{
    (void)state;
    cli_write(in_dir("bad.ini"), "[report]\ntitle = x\n\n[chart a]\n"
                                 "metric = m\ncolour = red\n");
    CliRun r;
    assert_int_equal(cli_shell(&r, IN_DIR "%s report bad.ini)", dir, bin),
                     1);
    assert_string_equal(r.err,
                        "aigrowth: bad.ini:6:1: unknown key \"colour\" in "
                        "[chart a]; known keys: type, data, metric, "
                        "companies, highlight, colors, scale, model, since, "
                        "last, horizon, cap, target, events, title, "
                        "subtitle, size, source, note, credit, hline, range, "
                        "annotate, index, index_at, growth, align, facet, "
                        "facet_scale\n");
    cli_run_free(&r);
    cli_write(in_dir("nometric.ini"), "[report]\ndata = revenue.csv\n"
                                      "[chart a]\ntitle = x\n");
    assert_int_equal(cli_shell(&r, IN_DIR "%s report nometric.ini)", dir,
                               bin),
                     1);
    assert_string_equal(r.err, "aigrowth: nometric.ini:3:1: [chart a] has "
                               "no metric; add metric = NAME (aigrowth "
                               "check lists the metrics)\n");
    cli_run_free(&r);
}

/* An events file larger than 128 KiB, edited in its middle without
 * changing its size (once hashed by size and its first and last 64 KiB,
 * so the edit was never drawn): the chart is redrawn. */
static void test_events_edit_in_the_middle_redraws(void **state)
{
    (void)state;
    FILE *f = fopen(in_dir("events.csv"), "w");
    assert_non_null(f);
    fputs("date,label\n", f);
    for (int i = 0; i < 3000; i++) {
        if (i == 1500)
            fputs("2024-06-01,Old label\n", f);
        fprintf(f, "1990-01-01,padding event %04d outside every chart's "
                   "dates and so never drawn\n",
                i);
    }
    fclose(f);
    cli_write(in_dir("events.ini"), "[report]\ndata = revenue.csv\nevents = "
                                    "events.csv\ncharts = echarts\n"
                                    "output = e.pdf\nformats = png\n"
                                    "[chart revenue]\n"
                                    "metric = run_rate_revenue\n");
    assert_int_equal(cli_shell(NULL, IN_DIR "%s report events.ini)", dir,
                               bin),
                     0);
    CliRun r;
    assert_int_equal(cli_shell(&r, IN_DIR "cp echarts/revenue.png "
                               "before.png && sed -i "
                               "'s/Old label/New label/' events.csv && "
                               "%s report events.ini)",
                               dir, bin),
                     0);
    assert_non_null(strstr(r.out, "revenue                              "
                                  "redrawn (data changed)"));
    cli_run_free(&r);
    assert_int_not_equal(cli_shell(NULL, IN_DIR "cmp -s before.png "
                                   "echarts/revenue.png)", dir),
                         0);
}

/* A data file's path is one of a chart's inputs: a renamed dataset
 * redraws the chart; its source line credits the outlets the data cites,
 * never a path. */
static void test_renamed_dataset_redraws_its_charts(void **state)
{
    (void)state;
    cli_write(in_dir("named.ini"), "[report]\ndata = revenue.csv\n"
                                   "charts = ncharts\noutput = n.pdf\n"
                                   "formats = svg\n[chart revenue]\n"
                                   "metric = run_rate_revenue\n");
    assert_int_equal(cli_shell(NULL, IN_DIR "%s report named.ini)", dir,
                               bin),
                     0);
    CliRun r;
    assert_int_equal(cli_shell(&r, IN_DIR "cp revenue.csv renamed.csv && "
                               "sed -i 's/= revenue.csv/= renamed.csv/' "
                               "named.ini && %s report named.ini)",
                               dir, bin),
                     0);
    assert_non_null(strstr(r.out, "revenue                              "
                                  "redrawn (data changed)"));
    cli_run_free(&r);
    char *svg = cli_slurp(in_dir("ncharts/revenue.svg"), NULL);
    assert_non_null(strstr(svg, "aria-label=\"Source: Example source"));
    assert_null(strstr(svg, ".csv"));
    free(svg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_run_draws_everything),
        cmocka_unit_test(test_second_run_rewrites_nothing),
        cmocka_unit_test(test_new_row_redraws_only_its_chart),
        cmocka_unit_test(test_force_and_missing_output),
        cmocka_unit_test(test_page_format_redraws_charts),
        cmocka_unit_test(test_failed_run_keeps_every_output),
        cmocka_unit_test(test_bad_spec_names_file_line_and_key),
        cmocka_unit_test(test_events_edit_in_the_middle_redraws),
        cmocka_unit_test(test_renamed_dataset_redraws_its_charts),
    };
    return cmocka_run_group_tests_name("regeneration", tests, setup,
                                       teardown);
}
