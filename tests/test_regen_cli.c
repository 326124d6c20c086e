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
#include <sys/wait.h>
#include <unistd.h>

static char dir[256];
static char bin[512];

static int run(const char *fmt, ...)
{
    char cmd[2048], full[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    snprintf(full, sizeof full,
             "cd %s && (SOURCE_DATE_EPOCH=1767225600 %s) >out 2>err", dir,
             cmd);
    int status = system(full);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *slurp(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = '\0';
    fclose(f);
    return buf;
}

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static long mtime_ns(const char *name)
{
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (stat(path, &st) != 0)
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
    const char *env = getenv("AIGROWTH");
    char cwd[256];
    if (!getcwd(cwd, sizeof cwd))
        return -1;
    if (env && env[0] == '/')
        snprintf(bin, sizeof bin, "%s", env);
    else
        snprintf(bin, sizeof bin, "%s/%s", cwd, env ? env : "build/aigrowth");
    snprintf(dir, sizeof dir, "/tmp/aigrowth-regen-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cp tests/data/e2e/revenue.csv "
                              "tests/data/e2e/users.csv %s/", dir);
    if (system(cmd) != 0)
        return -1;
    write_file("report.ini", spec_text);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_first_run_draws_everything(void **state)
{
    (void)state;
    assert_int_equal(run("%s report", bin), 0);
    char *out = slurp("out");
    assert_non_null(strstr(out, "revenue "));
    assert_non_null(strstr(out, "redrawn (new)"));
    assert_non_null(strstr(out, "report.pdf written; 2 of 2 charts redrawn"));
    free(out);
    /* A Chinese chart name stays the name of its files. */
    assert_true(mtime_ns("charts/用戶.png") > 0);
    assert_true(mtime_ns("charts/revenue.svg") > 0);
    assert_int_equal(run("qpdf --check report.pdf"), 0);
}

static void test_second_run_rewrites_nothing(void **state)
{
    (void)state;
    long png = mtime_ns("charts/revenue.png");
    long pdf = mtime_ns("report.pdf");
    long st = mtime_ns("charts/.aigrowth-state");
    assert_int_equal(run("%s report", bin), 0);
    char *out = slurp("out");
    assert_non_null(strstr(out, "  revenue                              "
                                "unchanged\n"));
    assert_non_null(strstr(out, "report.pdf unchanged; 0 of 2 charts"));
    free(out);
    assert_true(mtime_ns("charts/revenue.png") == png);
    assert_true(mtime_ns("report.pdf") == pdf);
    assert_true(mtime_ns("charts/.aigrowth-state") == st);
}

static void test_new_row_redraws_only_its_chart(void **state)
{
    (void)state;
    long users_png = mtime_ns("charts/用戶.png");
    assert_int_equal(run("echo '2026-01,OpenAI,run_rate_revenue,"
                         "20000000000,USD,,New source,verified' >> "
                         "revenue.csv && %s report",
                         bin),
                     0);
    char *out = slurp("out");
    assert_non_null(strstr(out, "revenue                              "
                                "redrawn (data changed)"));
    /* 用戶 is four columns wide: the names' column still lines up. */
    assert_non_null(strstr(out, "用戶                                 "
                                "unchanged"));
    assert_non_null(strstr(out, "report.pdf written; 1 of 2 charts"));
    free(out);
    assert_true(mtime_ns("charts/用戶.png") == users_png);
    /* The report says what moved since the previous one. */
    assert_int_equal(run("pdftotext -enc UTF-8 -f 2 -l 2 report.pdf -"), 0);
    out = slurp("out");
    assert_non_null(strstr(out, "What changed"));
    assert_non_null(strstr(out, "OpenAI \xc2\xb7 Run-rate revenue"));
    assert_non_null(strstr(out, "+1 point (4 \xe2\x86\x92 5); latest $10B "
                                "(2025-06) \xe2\x86\x92 $20B (2026-01)"));
    free(out);
}

static void test_force_and_missing_output(void **state)
{
    (void)state;
    assert_int_equal(run("rm charts/用戶.svg && %s report", bin), 0);
    char *out = slurp("out");
    assert_non_null(strstr(out, "redrawn (output missing)"));
    free(out);
    assert_int_equal(run("%s report --force -q", bin), 0);
    out = slurp("out");
    assert_string_equal(out, "");
    free(out);
}

static void test_page_format_redraws_charts(void **state)
{
    (void)state;
    /* Slides draw charts with larger type: the chart files follow. */
    assert_int_equal(run("%s report --page slides", bin), 0);
    char *out = slurp("out");
    assert_non_null(strstr(out, "revenue                              "
                                "redrawn (settings, program or fonts "
                                "changed)"));
    free(out);
    assert_int_equal(run("%s report --page slides", bin), 0);
    out = slurp("out");
    assert_non_null(strstr(out, "0 of 2 charts redrawn"));
    free(out);
}

static void test_failed_run_keeps_every_output(void **state)
{
    (void)state;
    char *pdf = slurp("report.pdf");
    char *png = slurp("charts/revenue.png");
    assert_int_equal(run("cp revenue.csv good.csv && echo "
                         "'2025-13,OpenAI,run_rate_revenue,1,USD,,,' >> "
                         "revenue.csv && %s report",
                         bin),
                     1);
    char *err = slurp("err");
    assert_string_equal(err, "aigrowth: revenue.csv:13:1: date \"2025-13\" "
                             "has month 13; use YYYY-MM\n");
    free(err);
    char *pdf2 = slurp("report.pdf");
    char *png2 = slurp("charts/revenue.png");
    assert_string_equal(pdf, pdf2);
    assert_string_equal(png, png2);
    free(pdf);
    free(pdf2);
    free(png);
    free(png2);
    assert_int_equal(run("mv good.csv revenue.csv"), 0);
}

static void test_bad_spec_names_file_line_and_key(void **state)
{
    (void)state;
    write_file("bad.ini", "[report]\ntitle = x\n\n[chart a]\nmetric = m\n"
                          "colour = red\n");
    assert_int_equal(run("%s report bad.ini", bin), 1);
    char *err = slurp("err");
    assert_string_equal(err,
                        "aigrowth: bad.ini:6:1: unknown key \"colour\" in "
                        "[chart a]; known keys: type, data, metric, "
                        "companies, highlight, colors, scale, model, since, "
                        "last, horizon, cap, events, title, subtitle, size, "
                        "source, note, credit\n");
    free(err);
    write_file("nometric.ini", "[report]\ndata = revenue.csv\n[chart a]\n"
                               "title = x\n");
    assert_int_equal(run("%s report nometric.ini", bin), 1);
    err = slurp("err");
    assert_string_equal(err, "aigrowth: nometric.ini:3:1: [chart a] has no "
                             "metric; add metric = NAME (aigrowth check "
                             "lists the metrics)\n");
    free(err);
}

/* An events file larger than 128 KiB, edited in its middle without
 * changing its size (once hashed by size and its first and last 64 KiB,
 * so the edit was never drawn): the chart is redrawn. */
static void test_events_edit_in_the_middle_redraws(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/events.csv", dir);
    FILE *f = fopen(path, "w");
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
    write_file("events.ini", "[report]\ndata = revenue.csv\nevents = "
                             "events.csv\ncharts = echarts\noutput = e.pdf\n"
                             "formats = png\n[chart revenue]\n"
                             "metric = run_rate_revenue\n");
    assert_int_equal(run("%s report events.ini", bin), 0);
    assert_int_equal(run("cp echarts/revenue.png before.png && sed -i "
                         "'s/Old label/New label/' events.csv && "
                         "%s report events.ini",
                         bin),
                     0);
    char *out = slurp("out");
    assert_non_null(strstr(out, "revenue                              "
                                "redrawn (data changed)"));
    free(out);
    assert_int_not_equal(run("cmp -s before.png echarts/revenue.png"), 0);
}

/* A data file's path is one of a chart's inputs: a renamed dataset
 * redraws the chart; its source line credits the outlets the data cites,
 * never a path. */
static void test_renamed_dataset_redraws_its_charts(void **state)
{
    (void)state;
    write_file("named.ini", "[report]\ndata = revenue.csv\ncharts = ncharts\n"
                            "output = n.pdf\nformats = svg\n"
                            "[chart revenue]\nmetric = run_rate_revenue\n");
    assert_int_equal(run("%s report named.ini", bin), 0);
    assert_int_equal(run("cp revenue.csv renamed.csv && sed -i "
                         "'s/= revenue.csv/= renamed.csv/' named.ini && "
                         "%s report named.ini",
                         bin),
                     0);
    char *out = slurp("out");
    assert_non_null(strstr(out, "revenue                              "
                                "redrawn (data changed)"));
    free(out);
    char *svg = slurp("ncharts/revenue.svg");
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
