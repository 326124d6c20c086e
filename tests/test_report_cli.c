/* test_report_cli.c - `aigrowth report` as a user runs it, checked with the
 * PDF tools: key figures against `aigrowth project --format json` on the
 * same data, links only for http(s), page sizes of a4 / letter / slides,
 * the Chinese variant, reproducibility, bad options. The binary is
 * $AIGROWTH (default build/aigrowth); run from the project root.
 *
 * tests/data/report/sources.csv: Alpha and Beta, 5 half-yearly points of
 * run-rate revenue each (latest 2025-01, so the horizon is 2026-01-01),
 * with sources that name http(s) URLs and others that must never become
 * links: javascript:, file:, data:, vbscript:, and an http URL inside a
 * javascript: string. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli_harness.h"
#include "format.h"

#define DATA "tests/data/report/sources.csv"
#define EPOCH "SOURCE_DATE_EPOCH=1763424000 "

static char tmp[256];
static const char *bin;

static int setup(void **state)
{
    (void)state;
    bin = cli_bin();
    return cli_tmpdir_create(tmp, sizeof tmp);
}

static int teardown(void **state)
{
    (void)state;
    return cli_tmpdir_remove(tmp);
}

/* Runs the shell command (cli_shell); returns its stdout (caller frees)
 * and its exit status. */
static char *sh(int *status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static char *sh(int *status, const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    CliRun r;
    *status = cli_shell(&r, "%s", cmd);
    char *out = r.out;
    r.out = NULL;
    cli_run_free(&r);
    return out;
}

/* Writes the report with extra options into tmp/name; asserts success. */
static void report(const char *name, const char *opts)
{
    int st;
    char *out = sh(&st, EPOCH "%s report " DATA " -q -o %s/%s --charts %s/c "
                          "%s 2>&1",
                   bin, tmp, name, tmp, opts);
    if (st != 0)
        fprintf(stderr, "%s\n", out);
    assert_int_equal(st, 0);
    free(out);
}

static double json_num(const char *from, const char *key)
{
    char k[64];
    snprintf(k, sizeof k, "\"%s\": ", key);
    const char *p = strstr(from, k);
    assert_non_null(p);
    return strtod(p + strlen(k), NULL);
}

/* The key-figures line of company, from pdftotext -layout. */
static char *table_line(const char *text, const char *company)
{
    char key[64];
    snprintf(key, sizeof key, "\n%s ", company);
    const char *p = strstr(text, key);
    assert_non_null(p);
    p++;
    const char *end = strchr(p, '\n');
    return strndup(p, end ? (size_t)(end - p) : strlen(p));
}

/* One analysis behind every number: the key figures, the chart's caption
 * and `project --format json` print the same growth and projection. */
static void test_key_figures_match_project_json(void **state)
{
    (void)state;
    report("k.pdf", "");
    int st;
    char *text = sh(&st, "pdftotext -layout -enc UTF-8 %s/k.pdf -", tmp);
    assert_int_equal(st, 0);
    char *flat = sh(&st, "pdftotext -enc UTF-8 %s/k.pdf - | tr '\\n' ' '",
                    tmp);
    assert_int_equal(st, 0);
    char *json = sh(&st, "%s project " DATA " --format json", bin);
    assert_int_equal(st, 0);
    const char *companies[] = {"Alpha", "Beta"};
    const char *latest[] = {"$13B", "$6.5B"};
    for (int i = 0; i < 2; i++) {
        char key[64];
        snprintf(key, sizeof key, "{\"company\": \"%s\"", companies[i]);
        const char *fit = strstr(json, key);
        assert_non_null(fit);
        char want[6][80], lo[32], hi[32];
        format_percent(json_num(fit, "cagr"), want[0], 64);
        format_percent(json_num(fit, "recent_growth"), want[1], 64);
        format_duration(json_num(fit, "doubling_years"), want[2], 64);
        format_compact(json_num(fit, "value"), "USD", 3, want[3], 64);
        format_compact(json_num(fit, "lo"), "USD", 3, lo, sizeof lo);
        format_compact(json_num(fit, "hi"), "USD", 3, hi, sizeof hi);
        snprintf(want[4], 80, "%s \xe2\x80\x93 %s", lo, hi);
        snprintf(want[5], 64, "%s", latest[i]);
        char *line = table_line(text, companies[i]);
        for (int k = 0; k < 6; k++) {
            if (!strstr(line, want[k]))
                fprintf(stderr, "missing \"%s\" in: %s\n", want[k], line);
            assert_non_null(strstr(line, want[k]));
        }
        free(line);
        /* The caption: the same interval and doubling time. */
        char caption[160];
        snprintf(caption, sizeof caption, "it projects %s\xe2\x80\x93%s", lo,
                 hi);
        if (!strstr(flat, caption))
            fprintf(stderr, "caption lacks \"%s\"\n", caption);
        assert_non_null(strstr(flat, caption));
        snprintf(caption, sizeof caption, "doubles every %s", want[2]);
        assert_non_null(strstr(flat, caption));
    }
    free(json);
    free(flat);
    free(text);
}

/* Every link annotation is http(s); the fixture's javascript:, file:,
 * data: and vbscript: sources give none. */
static void test_links_are_http_only(void **state)
{
    (void)state;
    report("l.pdf", "");
    int st;
    char *out = sh(&st, "qpdf --json %s/l.pdf | "
                        "grep -o '\"/URI\": \"[^\"]*\"'",
                   tmp);
    assert_int_equal(st, 0);
    size_t n = 0;
    for (char *line = out; *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        const char *v = strchr(line + 7, '"') + 1;
        if (!strncmp(v, "u:", 2)) /* qpdf 11 marks Unicode strings */
            v += 2;
        n++;
        assert_true(!strncasecmp(v, "http://", 7) ||
                    !strncasecmp(v, "https://", 8));
        assert_null(strstr(v, "evil"));
        line = end ? end + 1 : line + strlen(line);
    }
    /* example.com/alpha (two rows, one link), example.org, EXAMPLE.NET */
    assert_int_equal(n, 3);
    assert_non_null(strstr(out, "https://example.com/alpha?q=1&r=(2)\""));
    assert_null(strstr(out, "javascript"));
    assert_null(strstr(out, "file:"));
    assert_null(strstr(out, "data:"));
    free(out);
    /* The refused ones are still listed as text. */
    out = sh(&st, "pdftotext -enc UTF-8 %s/l.pdf -", tmp);
    assert_non_null(strstr(out, "javascript:alert(1)"));
    assert_non_null(strstr(out, "file:///etc/passwd"));
    free(out);
}

static void test_outline_and_info(void **state)
{
    (void)state;
    report("o.pdf", "--author 'Data desk' --title 'Alpha and Beta'");
    int st;
    char *out = sh(&st, "qpdf --json --json-key=outlines %s/o.pdf", tmp);
    const char *want[] = {"Cover", "Key figures", "Charts", "Run-rate revenue",
                          "Method", "Sources"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char q[64];
        snprintf(q, sizeof q, "\"%s\"", want[i]);
        if (!strstr(out, q))
            snprintf(q, sizeof q, "\"u:%s\"", want[i]);
        assert_non_null(strstr(out, q));
    }
    free(out);
    out = sh(&st, "pdfinfo %s/o.pdf", tmp);
    assert_non_null(strstr(out, "Title:           Alpha and Beta\n"));
    assert_non_null(strstr(out, "Author:          Data desk\n"));
    assert_non_null(strstr(out, "Creator:         aigrowth 0.1.0\n"));
    assert_non_null(strstr(out, "Keywords:        AI companies, growth, "
                                "trends, Run-rate revenue, Alpha, Beta\n"));
    free(out);
}

/* pdfinfo's size of page `page` of name. */
static void page_size(const char *name, int page, double *w, double *h)
{
    int st;
    char *out = sh(&st, "pdfinfo -f %d -l %d %s/%s", page, page, tmp, name);
    char key[32];
    snprintf(key, sizeof key, "Page %4d size: ", page);
    char *p = strstr(out, key);
    assert_non_null(p);
    assert_int_equal(sscanf(p + strlen(key), "%lf x %lf", w, h), 2);
    free(out);
}

static void test_page_sizes(void **state)
{
    (void)state;
    struct {
        const char *opt;
        double w, h, cw, ch;
    } cases[] = {{"--page a4", 595.276, 841.89, 841.89, 595.276},
                 {"--page letter", 612, 792, 792, 612},
                 {"--page slides", 960, 540, 960, 540}};
    for (size_t i = 0; i < 3; i++) {
        report("p.pdf", cases[i].opt);
        double w, h;
        page_size("p.pdf", 1, &w, &h);
        assert_true(fabs(w - cases[i].w) < 0.01 && fabs(h - cases[i].h) < 0.01);
        page_size("p.pdf", 3, &w, &h); /* the chart page */
        assert_true(fabs(w - cases[i].cw) < 0.01 &&
                    fabs(h - cases[i].ch) < 0.01);
        int st;
        char *out = sh(&st, "qpdf --check %s/p.pdf >/dev/null 2>&1; echo $?",
                       tmp);
        assert_int_equal(atoi(out), 0);
        free(out);
    }
}

static void test_chinese_extracts(void **state)
{
    (void)state;
    report("z.pdf", "--lang zh-TW");
    int st;
    char *out = sh(&st, "pdftotext -enc UTF-8 %s/z.pdf - 2>%s/z.err", tmp,
                   tmp);
    assert_int_equal(st, 0);
    const char *want[] = {"AI 公司成長", "關鍵數據", "年化營收", "方法",
                          "資料來源", "130億美元", "近12月",
                          "倍增時間", "2025年1月"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (!strstr(out, want[i]))
            fprintf(stderr, "missing %s\n", want[i]);
        assert_non_null(strstr(out, want[i]));
    }
    assert_non_null(strstr(out, "第1頁／共"));
    free(out);
    /* No poppler warning (libharu's ToUnicode CMap is repaired). */
    out = sh(&st, "cat %s/z.err", tmp);
    assert_string_equal(out, "");
    free(out);
}

/* A value given as a lower bound (逾40億美元, 40億美元以上) is said as one
 * in the key figures and captions of both languages, never as a plain
 * figure. */
static void test_lower_bound_said_in_key_figures(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *bound;
    } cases[] = {{"en", "over $4B"}, {"zh-TW", "逾40億美元"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int st;
        char *out = sh(&st,
                       EPOCH "%s report tests/data/golden/lower_bound_zh.csv "
                             "-q --lang %s -o %s/lb.pdf --charts %s/lbc && "
                             "pdftotext -layout -enc UTF-8 %s/lb.pdf -",
                       bin, cases[i].lang, tmp, tmp, tmp);
        assert_int_equal(st, 0);
        char *row = table_line(out, "智譜AI");
        if (!strstr(row, cases[i].bound))
            fprintf(stderr, "key figures: %s\n", row);
        assert_non_null(strstr(row, cases[i].bound));
        free(row);
        free(out);
    }
}

/* A face is embedded only when some text uses it: the CJK face (17 MB of
 * tables to copy and deflate) stays out of an English report. */
static void test_fonts_embedded_only_when_used(void **state)
{
    (void)state;
    report("en-fonts.pdf", "");
    report("zh-fonts.pdf", "--lang zh-TW");
    int st;
    char *en = sh(&st, "pdffonts %s/en-fonts.pdf", tmp);
    assert_int_equal(st, 0);
    assert_non_null(strstr(en, "Lato-Regular"));
    assert_non_null(strstr(en, "Lato-Bold"));
    assert_null(strstr(en, "WenQuanYi"));
    char *zh = sh(&st, "pdffonts %s/zh-fonts.pdf", tmp);
    assert_int_equal(st, 0);
    assert_non_null(strstr(zh, "WenQuanYi"));
    assert_non_null(strstr(zh, "Lato-Regular"));
    free(en);
    free(zh);
}

static void test_same_bytes_with_source_date_epoch(void **state)
{
    (void)state;
    report("a.pdf", "--page slides");
    report("b.pdf", "--page slides");
    int st;
    free(sh(&st, "cmp -s %s/a.pdf %s/b.pdf", tmp, tmp));
    assert_int_equal(st, 0);
}

static void test_generated_date_is_today_without_epoch(void **state)
{
    (void)state;
    int st;
    char *out = sh(&st, "env -u SOURCE_DATE_EPOCH %s report " DATA
                        " -q -o %s/t.pdf --charts %s/c && pdftotext %s/t.pdf -",
                   bin, tmp, tmp, tmp);
    assert_int_equal(st, 0);
    char want[64];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(want, sizeof want, "Generated %Y-%m-%d", &tm);
    assert_non_null(strstr(out, want));
    free(out);
}

static void test_bad_page_and_lang_are_usage_errors(void **state)
{
    (void)state;
    int st;
    char *out = sh(&st, "%s report " DATA " -o %s/x.pdf --page a5 2>&1", bin,
                   tmp);
    assert_int_equal(st, 2);
    assert_non_null(strstr(out, "aigrowth: --page \"a5\": use a4, letter or "
                                "slides"));
    free(out);
    out = sh(&st, "%s report " DATA " -o %s/x.pdf --lang fr 2>&1", bin, tmp);
    assert_int_equal(st, 2);
    assert_non_null(
        strstr(out, "aigrowth: --lang \"fr\": use en, zh-TW or zh-CN"));
    free(out);
    assert_int_equal(access("x.pdf", F_OK), -1);
}

/* Regression: a chart fitted on its last points made the method page's
 * window sentence pass its arguments out of order (English crashed,
 * Chinese dropped the date). */
static void test_window_sentence_names_counts_and_date(void **state)
{
    (void)state;
    int st;
    char *out = sh(&st,
                   "printf '[report]\\ndata = %%s/datasets/revenue.csv\\n"
                   "[chart r]\\nmetric = run_rate_revenue\\nlast = 4\\n' "
                   "\"$PWD\" >%s/w.ini", tmp);
    assert_int_equal(st, 0);
    free(out);
    out = sh(&st, EPOCH "%s report %s/w.ini -q -o %s/w.pdf --charts %s/wc "
                  "2>&1 && pdftotext -enc UTF-8 %s/w.pdf - | tr '\\n' ' '",
             bin, tmp, tmp, tmp, tmp);
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "Run-rate revenue: the 4 of 9 points from "
                                "2025-"));
    free(out);
    out = sh(&st, EPOCH "%s report %s/w.ini -q -o %s/wz.pdf --charts %s/wz "
                  "--lang zh-TW 2>&1 && pdftotext -enc UTF-8 %s/wz.pdf - | "
                  "tr -d '\\n'",
             bin, tmp, tmp, tmp, tmp);
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "（年化營收）：2025年"));
    assert_non_null(strstr(out, "起的4筆（共9筆）"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_figures_match_project_json),
        cmocka_unit_test(test_links_are_http_only),
        cmocka_unit_test(test_outline_and_info),
        cmocka_unit_test(test_page_sizes),
        cmocka_unit_test(test_chinese_extracts),
        cmocka_unit_test(test_lower_bound_said_in_key_figures),
        cmocka_unit_test(test_fonts_embedded_only_when_used),
        cmocka_unit_test(test_same_bytes_with_source_date_epoch),
        cmocka_unit_test(test_generated_date_is_today_without_epoch),
        cmocka_unit_test(test_bad_page_and_lang_are_usage_errors),
        cmocka_unit_test(test_window_sentence_names_counts_and_date),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
