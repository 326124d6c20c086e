/* test_deck_cli.c - `aigrowth report -o deck.pptx` from the shipped data
 * (report.ini, datasets/) as a user runs it, checked with the tools a
 * user's software stands for: unzip and xmllint for the package,
 * LibreOffice (soffice, one conversion per language) and pdftotext for
 * what a slide program shows. Also: byte-identical decks under
 * SOURCE_DATE_EPOCH, an unchanged deck left alone, `formats = pptx`
 * writing the deck beside the PDF, and a deck that cannot be written
 * leaving every previous output as it was. Run from the project root. */
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

/* Runs the shell command; returns its stdout (caller frees), status in
 * *status. */
static char *sh(int *status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static char *sh(int *status, const char *fmt, ...)
{
    char cmd[8192];
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

static long sh_long(const char *fmt, const char *arg)
{
    int st;
    char cmd[4096];
    snprintf(cmd, sizeof cmd, fmt, arg);
    char *out = sh(&st, "%s", cmd);
    assert_int_equal(st, 0);
    long v = strtol(out, NULL, 10);
    free(out);
    return v;
}

/* The shipped report (./report.ini) with extra options; asserts success
 * and returns stdout (caller frees). */
static char *report(const char *opts)
{
    int st;
    char *out = sh(&st, EPOCH "%s report %s 2>&1", bin, opts);
    if (st != 0)
        fprintf(stderr, "%s\n", out);
    assert_int_equal(st, 0);
    return out;
}

/* Pages of a PDF whose first text line starts with prefix. */
static long pages_headed(const char *pdf, const char *prefix)
{
    long pages = sh_long("pdfinfo %s | sed -n 's/^Pages: *//p'", pdf);
    long n = 0;
    for (long p = 1; p <= pages; p++) {
        int st;
        char *out = sh(&st, "pdftotext -f %ld -l %ld %s - | grep -v '^$' | "
                            "head -n 1", p, p, pdf);
        n += strncmp(out, prefix, strlen(prefix)) == 0;
        free(out);
    }
    return n;
}

/* The [chart] titles report.ini gives in lang ("" for the plain key),
 * all spaces dropped, one per line into buf. */
static void ini_titles(const char *tag, char *buf, size_t size)
{
    int st;
    char *out = sh(&st, "sed -n 's/^title%s = //p' report.ini | sed 1d | "
                        "tr -d ' '", tag);
    snprintf(buf, size, "%s", out);
    free(out);
}

/* Checks the package of the deck at dir/name.pptx and returns its slide
 * count; unpacked into dir/name.d. */
static long check_package(const char *dir, const char *name)
{
    int st;
    char *out = sh(&st, "cd %s && unzip -t %s.pptx >/dev/null && "
                        "rm -rf %s.d && mkdir %s.d && cd %s.d && "
                        "unzip -q ../%s.pptx && "
                        "unzip -Z1 ../%s.pptx | head -n 1 && "
                        "find . -name '*.xml' -o -name '*.rels' | "
                        "xargs xmllint --noout",
                   dir, name, name, name, name, name, name);
    assert_int_equal(st, 0);
    assert_string_equal(out, "[Content_Types].xml\n");
    free(out);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.d", dir, name);
    return sh_long("ls %s/ppt/slides/*.xml | wc -l", path);
}

/* One language's deck: package, slide count from the report, each chart
 * slide's parts, notes, then LibreOffice's rendering of it. */
static void check_deck(const char *lang, const char *tag)
{
    char opts[2048], dir[300], pdf[400];
    snprintf(dir, sizeof dir, "%s/%s", tmp, lang);
    mkdir(dir, 0755);
    /* The same report as 16:9 PDF pages, for what the deck must match. */
    snprintf(opts, sizeof opts, "-q --lang %s --page slides -o %s/s.pdf "
                                "--charts %s/c", lang, dir, dir);
    free(report(opts));
    snprintf(opts, sizeof opts, "--lang %s -o %s/deck.pptx --charts %s/c",
             lang, dir, dir);
    char *summary = report(opts);
    long charts = 0;
    for (char *p = summary; (p = strstr(p, "\n  ")); p++)
        charts++;
    charts += strncmp(summary, "  ", 2) == 0;
    free(summary);
    assert_true(charts >= 1);

    long slides = check_package(dir, "deck");
    snprintf(pdf, sizeof pdf, "%s/s.pdf", dir);
    int zh = strcmp(lang, "en") != 0;
    long keys = pages_headed(pdf, zh ? "關鍵數據" : "Key figures");
    long pdf_sources = pages_headed(pdf, zh ? "資料來源" : "Sources");
    long sources = slides - 1 - keys - charts;
    assert_true(keys >= 1);
    assert_true(sources >= 1 && sources <= pdf_sources);

    char d[700];
    snprintf(d, sizeof d, "%s/deck.d/ppt", dir);
    int st;
    for (long i = 0; i < keys; i++) {
        char *out = sh(&st, "grep -c '<a:tbl>' %s/slides/slide%ld.xml", d,
                       i + 2);
        assert_int_equal(st, 0);
        free(out);
    }
    for (long i = 0; i < charts; i++) {
        long k = i + 2 + keys;
        char *out = sh(&st, "cd %s && grep -q 'name=\"Title\"' "
                            "slides/slide%ld.xml && grep -q '<asvg:svgBlip' "
                            "slides/slide%ld.xml && grep -Eq "
                            "'p:cNvPr id=\"[0-9]+\" name=\"Chart\" "
                            "descr=\"[^\"]{40,}\"' slides/slide%ld.xml && "
                            "grep -q 'media/image%ld.png' "
                            "slides/_rels/slide%ld.xml.rels && "
                            "grep -q 'media/image%ld.svg' "
                            "slides/_rels/slide%ld.xml.rels && "
                            "file -b media/image%ld.png media/image%ld.svg",
                       d, k, k, k, k, k, k, k, k, k);
        if (st != 0)
            fprintf(stderr, "chart slide %ld: %s\n", k, out);
        assert_int_equal(st, 0);
        cli_assert_contains(out, "PNG image data");
        cli_assert_contains(out, "SVG");
        free(out);
        /* The notes hold the caption the PDF prints under the chart,
           and the method sentence. */
        out = sh(&st, "sed 's/<a:p>/\\n/g' %s/notesSlides/notesSlide%ld.xml "
                      "| sed -n 's/.*<a:t>\\([^<]*\\)<\\/a:t>.*/\\1/p' | "
                      "head -n 1 | cut -c1-60",
                 d, k);
        out[strcspn(out, "\n")] = '\0';
        assert_true(strlen(out) >= 30);
        if (!strchr(out, '&')) {
            char *cap = sh(&st, "pdftotext -raw %s - | tr -s ' \\n' '  ' | "
                                "grep -cF '%s'", pdf, out);
            if (st != 0)
                fprintf(stderr, "caption not in the PDF: %s\n", out);
            assert_int_equal(st, 0);
            free(cap);
        }
        free(out);
        out = sh(&st, "grep -c '%s' %s/notesSlides/notesSlide%ld.xml",
                 zh ? "方法：" : "Method: ", d, k);
        assert_int_equal(st, 0);
        free(out);
    }

    /* LibreOffice opens it: a page a slide, the titles as text. */
    char *out = sh(&st, "cd %s && soffice --headless "
                        "-env:UserInstallation=file://%s/lo "
                        "--convert-to pdf deck.pptx >lo.log 2>&1; "
                        "pdfinfo deck.pdf | sed -n 's/^Pages: *//p'",
                   dir, dir);
    assert_int_equal(st, 0);
    assert_int_equal(strtol(out, NULL, 10), slides);
    free(out);
    char titles[4096];
    ini_titles(tag, titles, sizeof titles);
    assert_true(strlen(titles) > 20);
    char *text = sh(&st, "pdftotext %s/deck.pdf - | tr -d ' \\n'", dir);
    for (char *t = strtok(titles, "\n"); t; t = strtok(NULL, "\n")) {
        if (!strstr(text, t))
            fprintf(stderr, "title not on a slide: %s\n", t);
        assert_non_null(strstr(text, t));
    }
    free(text);
}

static void test_deck_from_shipped_data_in_english(void **state)
{
    (void)state;
    check_deck("en", "");
}

static void test_deck_from_shipped_data_in_traditional_chinese(void **state)
{
    (void)state;
    check_deck("zh-TW", "\\[zh-TW\\]");
}

static void test_two_runs_give_the_same_bytes(void **state)
{
    (void)state;
    char opts[700], a[600], b[600];
    snprintf(opts, sizeof opts, "-q -o %s/a.pptx --charts %s/ca", tmp, tmp);
    free(report(opts));
    snprintf(opts, sizeof opts, "-q -o %s/b.pptx --charts %s/cb", tmp, tmp);
    free(report(opts));
    snprintf(a, sizeof a, "%s/a.pptx", tmp);
    snprintf(b, sizeof b, "%s/b.pptx", tmp);
    cli_assert_same_file(a, b);
}

static void test_unchanged_deck_is_not_rewritten(void **state)
{
    (void)state;
    char opts[700], path[600];
    snprintf(opts, sizeof opts, "-o %s/u.pptx --charts %s/cu", tmp, tmp);
    free(report(opts));
    snprintf(path, sizeof path, "%s/u.pptx", tmp);
    struct stat before, after;
    assert_int_equal(stat(path, &before), 0);
    char *out = report(opts);
    cli_assert_contains(out, "u.pptx unchanged");
    free(out);
    assert_int_equal(stat(path, &after), 0);
    assert_true(before.st_ino == after.st_ino);
    assert_true(before.st_mtim.tv_sec == after.st_mtim.tv_sec &&
                before.st_mtim.tv_nsec == after.st_mtim.tv_nsec);
}

/* A spec tmp/NAME.ini asking for formats, its PDF at tmp/NAME/r.pdf and
 * its charts beside. */
static void write_spec(const char *name, const char *formats)
{
    char cwd[1024], path[700], text[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%s.ini", tmp, name);
    snprintf(text, sizeof text,
             "[report]\ndata = %s/datasets/revenue.csv\noutput = %s/%s/r.pdf\n"
             "charts = %s/%s/charts\nformats = %s\n",
             cwd, tmp, name, tmp, name, formats);
    cli_write(path, text);
}

static void test_formats_pptx_writes_the_deck_beside_the_pdf(void **state)
{
    (void)state;
    write_spec("both", "png, pptx");
    char opts[700];
    snprintf(opts, sizeof opts, "%s/both.ini", tmp);
    char *out = report(opts);
    cli_assert_contains(out, "r.pdf written; ");
    cli_assert_contains(out, "r.pptx written;");
    free(out);
    int st;
    out = sh(&st, "cd %s/both && qpdf --check r.pdf >/dev/null && "
                  "unzip -t r.pptx >/dev/null && ls charts", tmp);
    assert_int_equal(st, 0);
    cli_assert_contains(out, ".png");
    free(out);
}

static void test_unwritable_deck_keeps_every_previous_output(void **state)
{
    (void)state;
    write_spec("fail", "png, svg, pptx");
    char opts[700];
    snprintf(opts, sizeof opts, "%s/fail.ini", tmp);
    free(report(opts));
    int st;
    char *out = sh(&st, "cd %s/fail && rm r.pptx && mkdir r.pptx && "
                        "find . -type f | sort | xargs md5sum", tmp);
    assert_int_equal(st, 0);
    /* --force: every output is rendered and staged again. */
    char *err = sh(&st, EPOCH "%s report %s/fail.ini --force 2>&1 >/dev/null",
                   bin, tmp);
    assert_int_equal(st, 3);
    cli_assert_contains(err, "r.pptx");
    cli_assert_contains(err, "directory");
    free(err);
    char *after = sh(&st, "cd %s/fail && find . -type f | sort | "
                          "xargs md5sum", tmp);
    assert_string_equal(out, after);
    free(out);
    free(after);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deck_from_shipped_data_in_english),
        cmocka_unit_test(test_deck_from_shipped_data_in_traditional_chinese),
        cmocka_unit_test(test_two_runs_give_the_same_bytes),
        cmocka_unit_test(test_unchanged_deck_is_not_rewritten),
        cmocka_unit_test(test_formats_pptx_writes_the_deck_beside_the_pdf),
        cmocka_unit_test(test_unwritable_deck_keeps_every_previous_output),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
