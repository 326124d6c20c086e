/* test_e2e.c - runs the aigrowth binary as a user would and checks its
 * outputs with real tools: qpdf, pdftotext, pdfimages, pdffonts, xmllint,
 * rsvg-convert, pdftoppm. The binary is $AIGROWTH (default build/aigrowth). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_harness.h"
#include "simplified.h"

static char tmp[256];

static char *tmp_file(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    return path;
}

#define REPORT_ARGS                                                     \
    "tests/data/e2e/revenue.csv tests/data/e2e/users.csv -q"

static void make_report(const char *dir)
{
    assert_int_equal(cli_shell(NULL, "mkdir -p %s/%s && "
                               "SOURCE_DATE_EPOCH=1767225600 %s report "
                               REPORT_ARGS " -o %s/%s/report.pdf "
                               "--charts %s/%s/charts",
                               tmp, dir, cli_bin(), tmp, dir, tmp, dir),
                     0);
}

static void test_report_pdf_is_valid_vector_and_extractable(void **state)
{
    (void)state;
    make_report("a");
    assert_int_equal(cli_shell(NULL, "qpdf --check %s/a/report.pdf", tmp), 0);
    CliRun r;
    assert_int_equal(cli_shell(&r, "pdftotext -enc UTF-8 %s/a/report.pdf -",
                               tmp),
                     0);
    cli_assert_contains(r.out, "Anthropic");
    cli_assert_contains(r.out, "OpenAI");
    cli_assert_contains(r.out, "ChatGPT");
    cli_assert_contains(r.out, "智譜AI");
    cli_assert_contains(r.out, "Run-rate revenue");
    cli_run_free(&r);
    /* No raster image anywhere: pdfimages lists only its two header lines. */
    assert_int_equal(cli_shell(&r, "pdfimages -list %s/a/report.pdf | wc -l",
                               tmp),
                     0);
    assert_int_equal(atoi(r.out), 2);
    cli_run_free(&r);
    /* Every font embedded. */
    assert_int_equal(cli_shell(&r, "pdffonts %s/a/report.pdf | tail -n +3 | "
                                   "awk '{ if ($(NF-4) != \"yes\") bad++ } "
                                   "END { print bad + 0, NR }'",
                               tmp),
                     0);
    int bad = -1, fonts = 0;
    assert_int_equal(sscanf(r.out, "%d %d", &bad, &fonts), 2);
    assert_int_equal(bad, 0);
    assert_true(fonts >= 2);
    cli_run_free(&r);
    assert_int_equal(cli_shell(NULL, "pdftoppm -r 30 -png %s/a/report.pdf "
                                     "%s/a/page",
                               tmp, tmp),
                     0);
}

static void test_report_charts_decode(void **state)
{
    (void)state;
    make_report("b");
    assert_int_equal(cli_shell(NULL, "xmllint --noout "
                                     "%s/b/charts/run_rate_revenue.svg",
                               tmp),
                     0);
    assert_int_equal(cli_shell(NULL, "rsvg-convert -o %s/b/svg.png "
                                     "%s/b/charts/weekly_active_users.svg",
                               tmp, tmp),
                     0);
    /* The PNG is 1920x1080 (slide size at 2x). */
    size_t len;
    char *png = cli_slurp(tmp_file("b/charts/run_rate_revenue.png"), &len);
    assert_true(len > 24);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    const unsigned char *u = (const unsigned char *)png;
    unsigned w = (unsigned)u[16] << 24 | u[17] << 16 | u[18] << 8 | u[19];
    unsigned h = (unsigned)u[20] << 24 | u[21] << 16 | u[22] << 8 | u[23];
    assert_int_equal(w, 1920);
    assert_int_equal(h, 1080);
    free(png);
}

static void test_report_is_reproducible(void **state)
{
    (void)state;
    make_report("c1");
    make_report("c2");
    cli_assert_same_file(tmp_file("c1/report.pdf"), tmp_file("c2/report.pdf"));
    char a[600], b[600];
    snprintf(a, sizeof a, "%s/c1/charts/run_rate_revenue.png", tmp);
    snprintf(b, sizeof b, "%s/c2/charts/run_rate_revenue.png", tmp);
    cli_assert_same_file(a, b);
    snprintf(a, sizeof a, "%s/c1/charts/run_rate_revenue.svg", tmp);
    snprintf(b, sizeof b, "%s/c2/charts/run_rate_revenue.svg", tmp);
    cli_assert_same_file(a, b);
}

static void test_bad_data_names_file_line_column_and_keeps_report(void **state)
{
    (void)state;
    make_report("d");
    assert_int_equal(cli_shell(NULL, "cp %s/d/report.pdf %s/d/before.pdf",
                               tmp, tmp),
                     0);
    char args[1200];
    snprintf(args, sizeof args, "report tests/data/e2e/bad_month.csv "
                                "-o %s/d/report.pdf --charts %s/d/charts",
             tmp, tmp);
    cli_expect(args, 1, NULL, "aigrowth: tests/data/e2e/bad_month.csv:3:1: "
                              "date \"2025-13\" has month 13; use "
                              "YYYY-MM\n");
    cli_assert_same_file(tmp_file("d/report.pdf"), tmp_file("d/before.pdf"));
    /* No temporary file left behind. */
    assert_int_equal(cli_shell(NULL, "! ls %s/d | grep -q tmp", tmp), 0);
}

static void test_missing_file_is_an_io_error(void **state)
{
    (void)state;
    char args[600];
    snprintf(args, sizeof args, "report tests/data/e2e/nope.csv -o %s/x.pdf",
             tmp);
    cli_expect(args, 3, NULL, "aigrowth: tests/data/e2e/nope.csv: cannot "
                              "open: No such file or directory\n");
}

static void test_chart_formats(void **state)
{
    (void)state;
    assert_int_equal(cli_run(NULL, "chart tests/data/e2e/revenue.csv "
                                   "-o %s/r.svg --company OpenAI,Anthropic "
                                   "--title 'OpenAI 與 Anthropic 營收成長'",
                             tmp),
                     0);
    assert_int_equal(cli_shell(NULL, "xmllint --noout %s/r.svg", tmp), 0);
    assert_int_equal(cli_run(NULL, "chart tests/data/e2e/revenue.csv "
                                   "-o %s/r.pdf",
                             tmp),
                     0);
    assert_int_equal(cli_shell(NULL, "qpdf --check %s/r.pdf", tmp), 0);
    CliRun r;
    assert_int_equal(cli_shell(&r, "pdftotext -enc UTF-8 %s/r.pdf -", tmp), 0);
    cli_assert_contains(r.out, "智譜AI");
    cli_run_free(&r);
    assert_int_equal(cli_run(NULL, "chart tests/data/e2e/revenue.csv "
                                   "tests/data/e2e/users.csv -o %s/u.png "
                                   "--metric weekly_active_users --size 4:3 "
                                   "--scale 1 --axis linear --model none",
                             tmp),
                     0);
}

/* 60 companies x 1500 daily values: 90000 points. */
static void write_dense_csv(const char *path)
{
    assert_int_equal(
        cli_shell(NULL,
            "awk 'BEGIN { print \"date,company,metric,value\"; srand(5);"
            " for (c = 1; c <= 60; c++) { v = c;"
            "  for (d = 0; d < 1500; d++) { v *= exp(0.002 + 0.04 * (rand() - 0.5));"
            "   printf \"%%d-%%02d-%%02d,Lab%%02d,revenue_run_rate,%%.6g\\n\","
            "    2020 + int(d / 336), int(d %% 336 / 28) + 1, d %% 28 + 1, c, v } } }'"
            " > %s",
            path),
        0);
}

/* Dense lines go into SVG and PDF as one image, so the file stays small
 * whatever the number of points, and still renders. */
static void test_dense_chart_vector_outputs_stay_small(void **state)
{
    (void)state;
    write_dense_csv(tmp_file("dense.csv"));
    static const char *const ext[] = {"png", "svg", "pdf"};
    for (int i = 0; i < 3; i++)
        assert_int_equal(cli_run(NULL, "chart %s/dense.csv --model none "
                                       "--size 1600x900 -o %s/dense.%s",
                                 tmp, tmp, ext[i]),
                         0);
    struct stat st;
    assert_int_equal(stat(tmp_file("dense.pdf"), &st), 0);
    assert_true(st.st_size < 1000000);
    assert_int_equal(stat(tmp_file("dense.svg"), &st), 0);
    assert_true(st.st_size < 1000000);
    char *svg = cli_slurp(tmp_file("dense.svg"), NULL);
    cli_assert_contains(svg, "<mask id=\"m1\"");
    cli_assert_contains(svg, "data:image/png;base64,");
    free(svg);
    assert_int_equal(cli_shell(NULL, "qpdf --check %s/dense.pdf", tmp), 0);
    CliRun r;
    assert_int_equal(cli_shell(&r, "pdfimages -list %s/dense.pdf", tmp), 0);
    cli_assert_contains(r.out, "smask");
    cli_run_free(&r);
    assert_int_equal(cli_shell(NULL, "pdftoppm -r 36 -png %s/dense.pdf "
                                     "%s/dense-pdf",
                               tmp, tmp),
                     0);
    assert_int_equal(cli_shell(NULL, "xmllint --noout %s/dense.svg && "
                                     "rsvg-convert -o %s/dense-svg.png "
                                     "%s/dense.svg",
                               tmp, tmp, tmp),
                     0);
    /* the report's PDF draws it the same way */
    assert_int_equal(cli_run(NULL, "report %s/dense.csv -q "
                                   "-o %s/dense-report.pdf "
                                   "--charts %s/dense-charts",
                             tmp, tmp, tmp),
                     0);
    assert_int_equal(cli_shell(&r, "qpdf --check %s/dense-report.pdf && "
                                   "pdfimages -list %s/dense-report.pdf",
                               tmp, tmp),
                     0);
    cli_assert_contains(r.out, "smask");
    cli_run_free(&r);
}

/* Threads only share out the work: one thread (AIGROWTH_THREADS=1) and
 * two draw the same bytes, for a dense chart (context lines mapped, lines
 * rastered and the PNG deflated in two parts) and for a report (charts
 * drawn beside the PDF). */
static void test_outputs_do_not_depend_on_threads(void **state)
{
    (void)state;
    write_dense_csv(tmp_file("dense.csv"));
    static const char *const ext[] = {"png", "svg"};
    for (int i = 0; i < 2; i++) {
        for (int threads = 1; threads <= 2; threads++)
            assert_int_equal(cli_shell(NULL, "AIGROWTH_THREADS=%d %s chart "
                                             "%s/dense.csv --model none "
                                             "--size 1600x900 "
                                             "-o %s/threads%d.%s",
                                       threads, cli_bin(), tmp, tmp, threads,
                                       ext[i]),
                             0);
        char a[600], b[600];
        snprintf(a, sizeof a, "%s/threads1.%s", tmp, ext[i]);
        snprintf(b, sizeof b, "%s/threads2.%s", tmp, ext[i]);
        cli_assert_same_file(a, b);
    }
    for (int threads = 1; threads <= 2; threads++)
        assert_int_equal(cli_shell(NULL, "mkdir -p %s/t%d && "
                                         "AIGROWTH_THREADS=%d "
                                         "SOURCE_DATE_EPOCH=1767225600 %s "
                                         "report " REPORT_ARGS
                                         " -o %s/t%d/report.pdf "
                                         "--charts %s/t%d/charts",
                                   tmp, threads, threads, cli_bin(), tmp,
                                   threads, tmp, threads),
                         0);
    assert_int_equal(cli_shell(NULL, "diff -r -x .aigrowth-state %s/t1 %s/t2",
                               tmp, tmp),
                     0);
}

static void test_chinese_chart_in_every_format(void **state)
{
    (void)state;
    static const char *const ext[] = {"png", "svg", "pdf"};
    for (int i = 0; i < 3; i++)
        assert_int_equal(cli_run(NULL, "chart tests/data/e2e/revenue.csv -o "
                                       "%s/zh.%s --lang zh-TW --theme dark "
                                       "--title 'OpenAI 與 Anthropic 營收成長'",
                                 tmp, ext[i]),
                         0);
    assert_int_equal(cli_shell(NULL, "xmllint --noout %s/zh.svg && "
                                     "rsvg-convert -o %s/zh-svg.png "
                                     "%s/zh.svg",
                               tmp, tmp, tmp),
                     0);
    assert_int_equal(cli_shell(NULL, "qpdf --check %s/zh.pdf", tmp), 0);
    CliRun r;
    assert_int_equal(cli_shell(&r, "pdftotext -enc UTF-8 %s/zh.pdf -", tmp),
                     0);
    cli_assert_contains(r.out, "營收成長");
    cli_assert_contains(r.out, "智譜AI");
    cli_assert_contains(r.out, "億美元");
    cli_assert_contains(r.out, "預測");
    cli_run_free(&r);
}

/* Appends the CJK characters among two-byte codes to out (the report's
 * fonts are Identity-H, coded by Unicode): a title's Chinese, with its
 * Latin parts (set in the Latin face) left out. */
static void append_cjk(const unsigned char *codes, size_t len, char *out,
                       size_t size)
{
    size_t at = strlen(out);
    for (size_t i = 0; i + 2 <= len && at + 4 < size; i += 2) {
        unsigned cp = (unsigned)codes[i] << 8 | codes[i + 1];
        if (cp < 0x2E80)
            continue;
        out[at++] = (char)(0xE0 | (cp >> 12));
        out[at++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[at++] = (char)(0x80 | (cp & 0x3F));
    }
    out[at] = '\0';
}

/* The bytes of the PDF string at p ("<hex>" or "(literal)" with its
 * escapes) into codes (at most cap); returns the end of the string, or NULL. */
static const char *pdf_string(const char *p, unsigned char *codes,
                              size_t cap, size_t *len)
{
    *len = 0;
    if (*p == '<') {
        for (p++; *p && *p != '>'; p += 2) {
            unsigned b;
            if (*len == cap || sscanf(p, "%2x", &b) != 1)
                return NULL;
            codes[(*len)++] = (unsigned char)b;
        }
        return *p ? p + 1 : NULL;
    }
    int depth = 0;
    for (p++; *p && (*p != ')' || depth); p++) {
        if (*len == cap)
            return NULL;
        if (*p == '\\') {
            p++;
            if (*p >= '0' && *p <= '7') {
                unsigned v = 0;
                for (int k = 0; k < 3 && *p >= '0' && *p <= '7'; k++, p++)
                    v = v * 8 + (unsigned)(*p - '0');
                p--;
                codes[(*len)++] = (unsigned char)v;
                continue;
            }
            static const char from[] = "nrtbf", to[] = "\n\r\t\b\f";
            const char *e = strchr(from, *p);
            codes[(*len)++] = (unsigned char)(e && *p ? to[e - from] : *p);
            continue;
        }
        depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
        codes[(*len)++] = (unsigned char)*p;
    }
    return *p ? p + 1 : NULL;
}

/* The CJK text of a PDF's uncompressed content streams that is drawn
 * filled and stroked (2 Tr: emboldened glyph outlines), in drawing
 * order. */
static char *bold_cjk_drawn(const char *qdf)
{
    size_t size = strlen(qdf) + 1;
    char *out = calloc(size, 1);
    unsigned char codes[4096];
    int mode = 0;
    for (const char *p = qdf; *p; p++) {
        if (!strncmp(p, "\n2 Tr", 5))
            mode = 2;
        else if (!strncmp(p, "\n0 Tr", 5))
            mode = 0;
        else if (mode == 2 && p[-1] == '\n' &&
                 ((*p == '<' && p[1] != '<') || *p == '(')) {
            size_t len;
            const char *after = pdf_string(p, codes, sizeof codes, &len);
            if (after && !strncmp(after, " Tj", 3))
                append_cjk(codes, len, out, size);
        }
    }
    return out;
}

/* The CJK characters of s, in order. */
static void cjk_only(const char *s, char *out, size_t size)
{
    size_t at = 0;
    for (; *s && at + 1 < size; s++)
        if ((unsigned char)*s >= 0xE0 || ((unsigned char)*s >= 0x80 && at &&
                                          (unsigned char)out[at - 1] >= 0x80))
            out[at++] = *s;
    out[at] = '\0';
}

/* Every Chinese heading and chart title of the shipped zh-TW report is
 * drawn bold in the PDF: its characters are among the glyphs filled and
 * stroked, not only flagged bold in the scene. The titles come from
 * report.ini's title[zh-TW] keys. */
/* zh-CN: the same headings and titles, in Simplified (the titles are
 * report.ini's zh-TW ones converted). */
static void headings_drawn_bold(const char *lang)
{
    int simplified = strcmp(lang, "zh-CN") == 0;
    CliRun r;
    cli_run(&r, "report -q --lang %s -o %s/bold-%s.pdf --charts %s/bold-%s",
            lang, tmp, lang, tmp, lang);
    assert_int_equal(r.rc, 0);
    cli_run_free(&r);
    assert_int_equal(cli_shell(NULL, "qpdf --qdf --object-streams=disable "
                                     "%s/bold-%s.pdf %s/bold-qdf-%s.pdf",
                               tmp, lang, tmp, lang),
                     0);
    char path[600];
    snprintf(path, sizeof path, "%s/bold-qdf-%s.pdf", tmp, lang);
    char *qdf = cli_slurp(path, NULL);
    assert_non_null(qdf);
    char *bold = bold_cjk_drawn(qdf);
    char *ini = cli_slurp("report.ini", NULL);
    assert_non_null(ini);
    const char *want[64] = {"關鍵數據", "方法", "資料來源", "目錄"};
    size_t n = 4;
    char titles[64][400];
    for (const char *p = strstr(ini, "title[zh-TW] = "); p && n < 64;
         p = strstr(p + 1, "title[zh-TW] = ")) {
        if (p > ini && p[-1] != '\n')
            continue; /* subtitle[zh-TW] */
        const char *v = p + strlen("title[zh-TW] = ");
        snprintf(titles[n], sizeof titles[n], "%.*s",
                 (int)strcspn(v, "\n"), v);
        want[n] = titles[n];
        n++;
    }
    assert_true(n >= 8); /* the cover and the shipped charts */
    for (size_t i = 0; i < n; i++) {
        char chars[400];
        cjk_only(simplified ? simplified_text(want[i]) : want[i], chars,
                 sizeof chars);
        if (!strstr(bold, chars))
            fprintf(stderr, "not drawn bold: %s\n", want[i]);
        assert_non_null(strstr(bold, chars));
    }
    free(ini);
    free(bold);
    free(qdf);
}

static void test_chinese_headings_are_drawn_bold(void **state)
{
    (void)state;
    headings_drawn_bold("zh-TW");
    headings_drawn_bold("zh-CN");
}

/* The zh-CN report holds no Traditional text that OpenCC would still
 * convert, up to its source list (citations are quoted as written); its
 * cover title is report.ini's zh-TW title in Simplified. */
static void test_simplified_report_is_simplified(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "report -q --lang zh-CN -o %s/cn.pdf --charts %s/cn", tmp,
            tmp);
    assert_int_equal(r.rc, 0);
    cli_run_free(&r);
    assert_int_equal(cli_shell(NULL, "pdftotext %s/cn.pdf %s/cn.txt", tmp,
                               tmp),
                     0);
    char *text = cli_slurp(tmp_file("cn.txt"), NULL);
    assert_non_null(text);
    char *sources = NULL;
    for (char *p = strstr(text, "\n数据源\n"); p;
         p = strstr(p + 1, "\n数据源\n"))
        sources = p;
    assert_non_null(sources);
    assert_true(sources - text > 10000); /* the list, not the contents */
    *sources = '\0';
    const char *converted = simplified_text(text);
    if (strcmp(converted, text) != 0) {
        size_t at = 0;
        while (converted[at] == text[at])
            at++;
        fail_msg("Traditional text left: \"%.60s\"",
                 text + (at > 20 ? at - 20 : 0));
    }
    char *ini = cli_slurp("report.ini", NULL);
    const char *zh = strstr(ini, "\ntitle[zh-TW] = ");
    assert_non_null(zh);
    zh += strlen("\ntitle[zh-TW] = ");
    char title[400];
    snprintf(title, sizeof title, "%.*s", (int)strcspn(zh, "\n"), zh);
    const char *cover = simplified_text(title);
    assert_memory_equal(text, cover, strlen(cover));
    free(ini);
    free(text);
}

/* text without whitespace and without thousands commas (a digit, a comma,
 * three digits), in place; returns how many commas went before 萬, 億 or
 * 兆 (as four-digit mantissas have them when grouped). A name cut with
 * "…" to fit its table cell loses its cut word too: wider figures narrow
 * the company column, so "AI Overviews (Google Sear…" may read "Sea…". */
static size_t squeeze_numbers(char *text)
{
    size_t grouped = 0, w = 0;
    for (size_t r = 0; text[r]; r++) {
        char c = text[r];
        if (!strncmp(text + r, "\xe2\x80\xa6", 3)) {
            while (w > 0 && isalpha((unsigned char)text[w - 1]))
                w--;
            r += 2;
            continue;
        }
        if (c == ' ' || c == '\n' || c == '\f' || c == '\t')
            continue;
        if (c == ',' && w > 0 && isdigit((unsigned char)text[w - 1]) &&
            isdigit((unsigned char)text[r + 1]) &&
            isdigit((unsigned char)text[r + 2]) &&
            isdigit((unsigned char)text[r + 3]) &&
            !isdigit((unsigned char)text[r + 4])) {
            const char *after = text + r + 4;
            grouped += !strncmp(after, "萬", 3) || !strncmp(after, "億", 3) ||
                       !strncmp(after, "兆", 3);
            continue;
        }
        text[w++] = c;
    }
    text[w] = '\0';
    return grouped;
}

/* --number-style grouped changes the zh-TW report only by the commas of
 * its four-digit mantissas (1,015億); the default writes none. Compared
 * as bytes counted, since wider figures can move a table cell's line
 * break and so pdftotext's reading order. */
static void test_grouped_report_differs_only_by_commas(void **state)
{
    (void)state;
    const char *styles[] = {"plain", "grouped"};
    char *text[2];
    for (int i = 0; i < 2; i++) {
        CliRun r;
        cli_run(&r, "report -q --lang zh-TW --number-style %s -o %s/%s.pdf "
                    "--charts %s/%s",
                styles[i], tmp, styles[i], tmp, styles[i]);
        assert_int_equal(r.rc, 0);
        cli_run_free(&r);
        assert_int_equal(cli_shell(NULL, "pdftotext %s/%s.pdf %s/%s.txt",
                                   tmp, styles[i], tmp, styles[i]),
                         0);
        char name[32];
        snprintf(name, sizeof name, "%s.txt", styles[i]);
        text[i] = cli_slurp(tmp_file(name), NULL);
        assert_non_null(text[i]);
    }
    /* No space between Chinese and what is set into it. */
    assert_non_null(strstr(text[0], "關鍵數據（續）"));
    assert_null(strstr(text[0], " （續）"));
    assert_int_equal(squeeze_numbers(text[0]), 0);
    assert_true(squeeze_numbers(text[1]) > 0);
    size_t count[2][256] = {{0}};
    for (int i = 0; i < 2; i++)
        for (const unsigned char *p = (unsigned char *)text[i]; *p; p++)
            count[i][*p]++;
    assert_memory_equal(count[0], count[1], sizeof count[0]);
    free(text[0]);
    free(text[1]);
}

static void test_chart_to_stdout_and_other_font(void **state)
{
    (void)state;
    /* through cli_shell: the run's own redirection keeps its stdout */
    assert_int_equal(cli_shell(NULL, "%s chart tests/data/e2e/revenue.csv "
                                     "-o - --format svg --font 'DejaVu Sans' "
                                     "> %s/stdout.svg",
                               cli_bin(), tmp),
                     0);
    assert_int_equal(cli_shell(NULL, "xmllint --noout %s/stdout.svg", tmp), 0);
    cli_expect("chart tests/data/e2e/revenue.csv -o - ", 2, NULL,
               "aigrowth: -o - needs --format png, svg or pdf; see aigrowth "
               "--help\n");
}

/* The source line credits the outlets of the data's source column, or
 * what --source says, then --note and --credit; in report.ini source,
 * note and credit do the same for every chart or one. */
static void test_source_line_from_data_and_options(void **state)
{
    (void)state;
    CliRun r;
    char path[600];
    assert_int_equal(cli_shell(NULL, "%s chart tests/data/e2e/revenue.csv "
                                     "-o %s/src1.svg",
                               cli_bin(), tmp),
                     0);
    snprintf(path, sizeof path, "%s/src1.svg", tmp);
    char *svg = cli_slurp(path, NULL);
    cli_assert_contains(svg, "aria-label=\"Source: Example source C, "
                             "Example source A, Example source B and 1 more "
                             "\xc2\xb7 Chart: aigrowth\"");
    free(svg);
    assert_int_equal(cli_shell(NULL, "%s chart tests/data/e2e/revenue.csv "
                                     "-o %s/src2.svg --source 'Reuters' "
                                     "--note 'Run-rate: monthly x 12' "
                                     "--credit 'Newsroom'",
                               cli_bin(), tmp),
                     0);
    snprintf(path, sizeof path, "%s/src2.svg", tmp);
    svg = cli_slurp(path, NULL);
    cli_assert_contains(svg, "aria-label=\"Source: Reuters \xc2\xb7 Chart: "
                             "Newsroom \xc2\xb7 Run-rate: monthly x 12\"");
    free(svg);
    char cwd[400], ini[1200];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(path, sizeof path, "%s/credits.ini", tmp);
    snprintf(ini, sizeof ini,
             "[report]\ndata = %s/tests/data/e2e/revenue.csv\n"
             "credit = Desk\nformats = svg\ncharts = credits\n"
             "output = credits.pdf\n"
             "[chart a]\nmetric = run_rate_revenue\n"
             "[chart b]\nmetric = run_rate_revenue\n"
             "source = \xe4\xb8\xad\xe5\xa4\xae\xe7\xa4\xbe\n" /* 中央社 */
             "note = beta\n",
             cwd);
    cli_write(path, ini);
    cli_run(&r, "report -q %s", path);
    assert_int_equal(r.rc, 0);
    cli_run_free(&r);
    snprintf(path, sizeof path, "%s/credits/a.svg", tmp);
    svg = cli_slurp(path, NULL);
    cli_assert_contains(svg, "and 1 more \xc2\xb7 Chart: Desk\"");
    free(svg);
    snprintf(path, sizeof path, "%s/credits/b.svg", tmp);
    svg = cli_slurp(path, NULL);
    cli_assert_contains(svg, "aria-label=\"Source: \xe4\xb8\xad\xe5\xa4\xae"
                             "\xe7\xa4\xbe \xc2\xb7 Chart: Desk \xc2\xb7 "
                             "beta\"");
    free(svg);
}

/* The colour of company's direct labels (not the ink of titles and bar
 * names) in one SVG, into colors[*n] when new; the count of colours. */
static void label_colors(const char *svg, const char *company,
                         char colors[][8], size_t *n)
{
    static const char *const inks[] = {"#1a1a1a", "#555555", "#767676",
                                       "#8a8a8a"};
    size_t len = strlen(company);
    for (const char *p = svg; (p = strstr(p, "<g aria-label=\"")); p++) {
        const char *label = p + strlen("<g aria-label=\"");
        if (strncmp(label, company, len) != 0 ||
            (label[len] != '"' && label[len] != ' ') ||
            (label[len] == ' ' && label[len + 1] == '('))
            continue;
        const char *fill = strstr(label, "\" fill=\"#");
        if (!fill || fill > strchr(label, '>'))
            continue;
        char c[8];
        snprintf(c, sizeof c, "%.7s", fill + 8);
        int ink = 0, seen = 0;
        for (size_t i = 0; i < 4; i++)
            ink |= strcmp(c, inks[i]) == 0;
        for (size_t i = 0; i < *n; i++)
            seen |= strcmp(c, colors[i]) == 0;
        if (!ink && !seen && *n < 8)
            snprintf(colors[(*n)++], 8, "%s", c);
    }
}

/* A company keeps its colour in every chart of the shipped report, in
 * English and in Chinese. */
static void test_company_colour_is_the_same_in_every_chart(void **state)
{
    (void)state;
    static const char *const companies[] = {
        "OpenAI", "Anthropic", "Perplexity", "ChatGPT", "Anysphere (Cursor)",
        "Gemini app", "xAI", "Mistral AI"};
    static const char *const charts[] = {
        "run_rate_revenue", "claude_code", "annual_revenue",
        "post_money_valuation", "reported_valuation", "weekly_active_users",
        "monthly_active_users"};
    static const char *const langs[] = {"en", "zh-TW", "zh-CN"};
    for (size_t l = 0; l < 3; l++) {
        CliRun r;
        cli_run(&r, "report -q --lang %s -o %s/colours-%s.pdf --charts "
                    "%s/colours-%s",
                langs[l], tmp, langs[l], tmp, langs[l]);
        assert_int_equal(r.rc, 0);
        cli_run_free(&r);
        for (size_t c = 0; c < sizeof companies / sizeof *companies; c++) {
            char colors[8][8];
            size_t n = 0, charts_with = 0;
            for (size_t k = 0; k < sizeof charts / sizeof *charts; k++) {
                char path[600];
                snprintf(path, sizeof path, "%s/colours-%s/%s.svg", tmp,
                         langs[l], charts[k]);
                char *svg = cli_slurp(path, NULL);
                size_t before = n;
                label_colors(svg, companies[c], colors, &n);
                charts_with += n > before || strstr(svg, companies[c]);
                free(svg);
            }
            if (n > 1)
                fail_msg("%s: %s in %s and %s", langs[l], companies[c],
                         colors[0], colors[1]);
            assert_true(charts_with > 0);
        }
    }
}

/* The one colour of company's labels in tmp/dir/stem.svg. */
static void one_label_color(const char *dir, const char *stem,
                            const char *company, char out[8])
{
    char path[600], colors[8][8];
    size_t n = 0;
    snprintf(path, sizeof path, "%s/%s/%s.svg", tmp, dir, stem);
    char *svg = cli_slurp(path, NULL);
    label_colors(svg, company, colors, &n);
    free(svg);
    if (n != 1)
        fail_msg("%s/%s.svg: %s has %zu label colours", dir, stem, company, n);
    snprintf(out, 8, "%s", colors[0]);
}

static void report_colours(const char *dir, char a1[8], char b1[8],
                           char b2[8], char c2[8])
{
    CliRun r;
    cli_run(&r, "report -q %s/colours.ini -o %s/%s.pdf --charts %s/%s", tmp,
            tmp, dir, tmp, dir);
    assert_int_equal(r.rc, 0);
    cli_run_free(&r);
    one_label_color(dir, "one", "Alpha", a1);
    one_label_color(dir, "one", "Beta", b1);
    one_label_color(dir, "two", "Beta", b2);
    one_label_color(dir, "two", "Gamma", c2);
}

/* Charts of one report on different files give a company one colour; more
 * rows for a company move no colour (a ranking by row count would swap
 * Alpha's and Beta's); [colors] pins one in every chart. */
static void test_colours_hold_across_files_and_new_rows(void **state)
{
    (void)state;
    cli_write(tmp_file("col-one.csv"), "date,company,metric,value\n"
                                       "2023-01-01,Alpha,revenue,1\n"
                                       "2024-01-01,Alpha,revenue,2\n"
                                       "2025-01-01,Alpha,revenue,4\n"
                                       "2024-01-01,Beta,revenue,1\n"
                                       "2025-01-01,Beta,revenue,3\n");
    cli_write(tmp_file("col-two.csv"), "date,company,metric,value\n"
                                       "2024-06-01,Beta,users,5\n"
                                       "2025-01-01,Beta,users,9\n"
                                       "2024-06-01,Gamma,users,2\n"
                                       "2025-01-01,Gamma,users,7\n");
    /* No data in [report]: the charts' files are the report's. */
    static const char spec[] = "[report]\nformats = svg\n"
                               "[chart one]\ndata = col-one.csv\n"
                               "metric = revenue\n"
                               "[chart two]\ndata = col-two.csv\n"
                               "metric = users\n";
    cli_write(tmp_file("colours.ini"), spec);
    char a1[8], b1[8], b2[8], c2[8];
    report_colours("col-a", a1, b1, b2, c2);
    assert_string_equal(b1, b2);
    assert_string_not_equal(a1, b1);
    assert_string_not_equal(b2, c2);
    assert_string_not_equal(a1, c2);   /* three companies, three colours */
    cli_shell(NULL, "printf '2025-04-01,Beta,revenue,4\\n2025-07-01,Beta,"
                    "revenue,5\\n2025-10-01,Beta,revenue,6\\n' >> "
                    "%s/col-one.csv", tmp);
    char a1b[8], b1b[8], b2b[8], c2b[8];
    report_colours("col-b", a1b, b1b, b2b, c2b);
    assert_string_equal(a1b, a1);
    assert_string_equal(b1b, b1);
    assert_string_equal(c2b, c2);
    char pinned[sizeof spec + 64];
    snprintf(pinned, sizeof pinned, "%s[colors]\nBeta = #7a3e9d\n", spec);
    cli_write(tmp_file("colours.ini"), pinned);
    report_colours("col-c", a1b, b1b, b2b, c2b);
    assert_string_equal(b1b, "#7a3e9d");
    assert_string_equal(b2b, "#7a3e9d");
    assert_string_equal(a1b, a1);
}

/* A palette colour keeps away from a user's colour; two users' colours
 * too alike are named. */
static void test_colours_keep_apart_from_users(void **state)
{
    (void)state;
    CliRun r;
    /* Alpha's own colour is the palette's first, which --color gives
     * Beta: Alpha takes another. */
    cli_run(&r, "chart %s/col-one.csv --color Beta=#0072b2 -o %s/col-d.svg",
            tmp, tmp);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err, "");
    cli_run_free(&r);
    char path[600], colors[8][8];
    size_t n = 0;
    snprintf(path, sizeof path, "%s/col-d.svg", tmp);
    char *svg = cli_slurp(path, NULL);
    label_colors(svg, "Alpha", colors, &n);
    free(svg);
    assert_int_equal(n, 1);
    assert_string_not_equal(colors[0], "#0072b2");
    cli_run(&r, "chart %s/col-one.csv --color Beta=#0072b2 --color "
                "Alpha=#0a78b8 -o %s/col-e.svg",
            tmp, tmp);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err,
                        "aigrowth: warning: Alpha and Beta have colours 2 "
                        "apart (CIE76 \xce\x94" "E, under 20): readers may "
                        "not tell them apart; give one another colour with "
                        "--color or [colors]\n");
    cli_run_free(&r);
}

static void test_uncovered_character_is_refused(void **state)
{
    (void)state;
    cli_write(tmp_file("emoji.csv"),
              "date,company,metric,value\n2024,Smile \xf0\x9f\x98\x80,m,1\n"
              "2025,Smile \xf0\x9f\x98\x80,m,2\n");
    char args[1200];
    snprintf(args, sizeof args, "chart %s/emoji.csv -o %s/emoji.png", tmp,
             tmp);
    cli_expect(args, 1, NULL,
               "aigrowth: character U+1F600 in \"Smile \xf0\x9f\x98\x80\" is "
               "in none of the fonts Lato and WenQuanYi Zen Hei; remove it "
               "from the data or choose a font that has it with --font\n");
    assert_int_equal(access(tmp_file("emoji.png"), F_OK), -1);
}

static void test_chart_usage_errors(void **state)
{
    (void)state;
    char args[600], want[600];
    snprintf(args, sizeof args, "chart tests/data/e2e/revenue.csv "
                                "-o %s/r.gif", tmp);
    snprintf(want, sizeof want,
             "aigrowth: cannot tell the output format from \"%s/r.gif\"; "
             "use a .png, .svg or .pdf file name\n",
             tmp);
    cli_expect(args, 2, NULL, want);
    CliRun r;
    cli_run(&r, "chart tests/data/e2e/revenue.csv tests/data/e2e/users.csv "
                "-o %s/x.png", tmp);
    assert_int_equal(r.rc, 2);
    cli_assert_contains(r.err, "several metrics; choose one with --metric");
    cli_run_free(&r);
    assert_int_equal(cli_run(NULL, "chart tests/data/e2e/revenue.csv "
                                   "-o %s/x.png --size huge",
                             tmp),
                     2);
    cli_expect("frobnicate", 2, NULL, "aigrowth: unknown command "
                                      "\"frobnicate\"; see aigrowth --help\n");
}

static void test_help_and_version(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "--version");
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "aigrowth 0.1.0\n");
    cli_run_free(&r);
    cli_run(&r, "--help");
    assert_int_equal(r.rc, 0);
    cli_assert_contains(r.out, "report [SPEC.ini | DATA.csv...]");
    cli_assert_contains(r.out, "chart DATA.csv...");
    cli_run_free(&r);
}

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_pdf_is_valid_vector_and_extractable),
        cmocka_unit_test(test_report_charts_decode),
        cmocka_unit_test(test_report_is_reproducible),
        cmocka_unit_test(test_outputs_do_not_depend_on_threads),
        cmocka_unit_test(test_bad_data_names_file_line_column_and_keeps_report),
        cmocka_unit_test(test_missing_file_is_an_io_error),
        cmocka_unit_test(test_chart_formats),
        cmocka_unit_test(test_dense_chart_vector_outputs_stay_small),
        cmocka_unit_test(test_chinese_chart_in_every_format),
        cmocka_unit_test(test_chinese_headings_are_drawn_bold),
        cmocka_unit_test(test_simplified_report_is_simplified),
        cmocka_unit_test(test_grouped_report_differs_only_by_commas),
        cmocka_unit_test(test_chart_to_stdout_and_other_font),
        cmocka_unit_test(test_source_line_from_data_and_options),
        cmocka_unit_test(test_company_colour_is_the_same_in_every_chart),
        cmocka_unit_test(test_colours_hold_across_files_and_new_rows),
        cmocka_unit_test(test_colours_keep_apart_from_users),
        cmocka_unit_test(test_uncovered_character_is_refused),
        cmocka_unit_test(test_chart_usage_errors),
        cmocka_unit_test(test_help_and_version),
    };
    return cmocka_run_group_tests_name("end to end", tests, setup, teardown);
}
