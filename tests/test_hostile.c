/* test_hostile.c - hostile and broken input against the aigrowth binary
 * ($AIGROWTH, default build/aigrowth), run as a child process so a crash
 * shows as a signal, not as a dead test runner.
 *
 *  - hostile files: the small ones in tests/data/hostile/, the big ones
 *    (1 MB fields, a million rows, 65 MiB) written into a temp directory
 *    at test time. `check` and `report` each exit 1 with one pinned line
 *    on stderr, write nothing, never die of a signal and never hang.
 *  - injection: names, titles and sources with markup and string
 *    delimiters come out literally, and every output stays well formed.
 *  - output safety: -o to a directory, a read-only directory and a full
 *    disk are reported and leave the previous files intact.
 *  - hostile state: charts/.aigrowth-state as a symbolic link, a FIFO, a
 *    directory, too large or too long is refused or ignored, never
 *    followed, read to its end or obeyed; names with newlines cannot
 *    write a line of it.
 *  - regressions found by fuzzing, through the library itself. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_harness.h"
#include "csvload.h"
#include "parse_date.h"
#include "parse_value.h"

#define FIXTURES "tests/data/hostile/"

static char tmp[256];

static void join(char *buf, size_t size, const char *dir, const char *name)
{
    if (snprintf(buf, size, "%s/%s", dir, name) >= (int)size)
        abort();
}

/* dir/name in one of a ring of static buffers: for passing on at once.
 * Paths that must live longer are declared with LOCAL_PATH. */
static char *path_in(const char *dir, const char *name)
{
    static char buf[8][1024];
    static unsigned which;
    char *p = buf[which++ % 8];
    join(p, sizeof buf[0], dir, name);
    return p;
}

#define LOCAL_PATH(var, dir, name)                                        \
    char var[1024];                                                       \
    join(var, sizeof var, dir, name)

/* The last run of the binary (run) and of a shell command line (shell),
 * each replaced by the next. */
static CliRun last_run, last_shell;

/* Runs the binary with args (without its name, NULL-terminated) directly,
 * stdout into out_path when given: cli_run_argv, which fails the test on
 * a signal or a hang. Returns the exit status. */
static int run(const char *out_path, const char *const args[])
{
    cli_run_free(&last_run);
    return cli_run_argv(&last_run, out_path, args);
}

#define RUN(...) run(NULL, (const char *const[]){__VA_ARGS__, NULL})

static char *err_text(void)
{
    return strdup(last_run.err);
}

/* stderr must be exactly one line, want + "\n". */
static void assert_err(const char *want)
{
    char *err = err_text();
    assert_non_null(err);
    size_t n = strlen(err);
    if (n == 0 || err[n - 1] != '\n' || memchr(err, '\n', n - 1))
        fail_msg("want one line on stderr, got:\n%s", err);
    err[n - 1] = '\0';
    assert_string_equal(err, want);
    free(err);
}

static void assert_err_empty(void)
{
    char *err = err_text();
    assert_non_null(err);
    assert_string_equal(err, "");
    free(err);
}


static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Runs a shell command line, both its streams into last_shell.out.
 * Returns its exit. */
static int shell(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    cli_run_free(&last_shell);
    return cli_shell(&last_shell, "%s 2>&1", cmd);
}

/* ---- hostile files ---------------------------------------------------- */

static FILE *create(const char *name)
{
    FILE *f = fopen(path_in(tmp, name), "wb");
    assert_non_null(f);
    return f;
}

static void close_file(FILE *f)
{
    assert_int_equal(fclose(f), 0);
}

#define HEADER "date,company,metric,value\n"

static void gen_field_1mb(void)
{
    FILE *f = create("field_1mb.csv");
    fputs(HEADER "2025-01,OpenAI,revenue,", f);
    for (int i = 0; i < 1024 * 1024; i++)
        fputc('7', f);
    fputc('\n', f);
    close_file(f);
}

/* A quoted field over 350,000 lines: one record, many lines. */
static void gen_field_1mb_quoted(void)
{
    FILE *f = create("field_1mb_quoted.csv");
    fputs(HEADER "2025-01,\"", f);
    for (int i = 0; i < 350 * 1000; i++)
        fputs("ab\n", f);
    fputs("\",revenue,1\n", f);
    close_file(f);
}

static void gen_million_rows(void)
{
    FILE *f = create("million_rows.csv");
    fputs(HEADER, f);
    for (long i = 0; i <= DATASET_MAX_OBSERVATIONS; i++)
        fputs("2025,A,m,1\n", f);
    close_file(f);
}

/* One series of a point a day from 1900: one point too many. */
static void gen_points(void)
{
    FILE *f = create("points.csv");
    fputs(HEADER, f);
    long start = date_from_ymd(1900, 1, 1);
    for (long i = 0; i <= DATASET_MAX_POINTS; i++) {
        int y, m, d;
        date_to_ymd(start + i, &y, &m, &d);
        fprintf(f, "%04d-%02d-%02d,A,m,%ld\n", y, m, d, i + 1);
    }
    close_file(f);
}

static void gen_series(void)
{
    FILE *f = create("series.csv");
    fputs(HEADER, f);
    for (long i = 0; i <= DATASET_MAX_SERIES; i++)
        fprintf(f, "2025,c%ld,m,1\n", i);
    close_file(f);
}

/* A wide file with a column per company, one company too many. */
static void gen_wide_columns(void)
{
    FILE *f = create("wide_columns.csv");
    fputs("date", f);
    for (long i = 0; i <= DATASET_MAX_SERIES; i++)
        fprintf(f, ",c%ld", i);
    fputs("\n2025", f);
    for (long i = 0; i <= DATASET_MAX_SERIES; i++)
        fputs(",1", f);
    fputc('\n', f);
    close_file(f);
}

static void gen_long_line(void)
{
    FILE *f = create("long_line.csv");
    fputs(HEADER "2025-01,OpenAI,revenue,1", f);
    for (int i = 0; i < 1024 * 1024; i++)
        fputs(",x", f);
    fputc('\n', f);
    close_file(f);
}

/* 200,001 quotes: one opening, then escaped quotes to the end. */
static void gen_deep_quotes(void)
{
    FILE *f = create("deep_quotes.csv");
    fputs(HEADER "2025-01,", f);
    for (int i = 0; i < 200 * 1000 + 1; i++)
        fputc('"', f);
    fputs(",revenue,1\n", f);
    close_file(f);
}

/* A company name of 300 escaped quotes: well-formed, but no label. */
static void gen_quoted_label(void)
{
    FILE *f = create("quoted_label.csv");
    fputs(HEADER "2025-01,\"", f);
    for (int i = 0; i < 300; i++)
        fputs("\"\"", f);
    fputs("\",revenue,1\n", f);
    close_file(f);
}

/* Sparse: 65 MiB of NUL bytes that take no disk. */
static void gen_too_big(void)
{
    int fd = open(path_in(tmp, "too_big.csv"), O_WRONLY | O_CREAT | O_TRUNC,
                  0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, CSVLOAD_FILE_MAX + 1024 * 1024), 0);
    close(fd);
}

static void gen_cr_flood(void)
{
    FILE *f = create("cr_flood.csv");
    for (int i = 0; i < 2 * 1024 * 1024; i++)
        fputc('\r', f);
    close_file(f);
}

typedef struct {
    const char *name;     /* fixture in FIXTURES, or generated in tmp */
    void (*generate)(void);
    const char *message;  /* stderr after "aigrowth: PATH" */
} HostileCase;

static const HostileCase cases[] = {
    {"truncated_utf8.csv", NULL,
     ":2:2: text is not UTF-8; re-save the file as \"CSV UTF-8\""},
    {"truncated_utf8_eof.csv", NULL,
     ":3:2: text is not UTF-8; re-save the file as \"CSV UTF-8\""},
    {"overlong_utf8.csv", NULL,
     ":2:2: text is not UTF-8; re-save the file as \"CSV UTF-8\""},
    {"binary.csv", NULL,
     ":1:1: text is not UTF-8; re-save the file as \"CSV UTF-8\""},
    {"nul_byte.csv", NULL,
     ":3:2: line has a NUL byte (is the file UTF-16?); re-save it as \"CSV "
     "UTF-8\""},
    {"utf16le_bom.csv", NULL,
     ":1:1: file is UTF-16; re-save it as \"CSV UTF-8\""},
    {"utf16be_bom.csv", NULL,
     ":1:1: file is UTF-16; re-save it as \"CSV UTF-8\""},
    {"utf16le_no_bom.csv", NULL,
     ":1:1: line has a NUL byte (is the file UTF-16?); re-save it as \"CSV "
     "UTF-8\""},
    {"huge_number.csv", NULL,
     ":2:4: value \"9999999999999999999999999999999999999999...\" is not a "
     "finite number; write digits like 7000000000 or 7e9"},
    {"huge_exponent.csv", NULL,
     ":2:4: value \"1e999\" is not a finite number; write digits like "
     "7000000000 or 7e9"},
    {"huge_multiplier.csv", NULL,
     ":2:4: value \"$1e308T\" is not a finite number; write digits like "
     "7000000000 or 7e9"},
    {"nan_value.csv", NULL,
     ":2:4: value \"nan\" is not a finite number; write digits like "
     "7000000000 or 7e9"},
    {"quotes_unbalanced.csv", NULL,
     ":2:2: stray quote in field; enclose the whole field in quotes and "
     "double each quote inside it (\"\")"},
    {"quote_never_closed.csv", NULL,
     ":2:2: unterminated quoted field; close the quote with \""},
    {"only_quotes.csv", NULL,
     ":1:1: unterminated quoted field; close the quote with \""},
    {"long_label.csv", NULL,
     ":2:2: company name is 300 bytes long, more than 256; shorten it (or "
     "is a column misplaced?)"},
    {"long_metric.csv", NULL,
     ":2:3: metric name is 300 bytes long, more than 256; shorten it (or "
     "is a column misplaced?)"},
    {"newline_in_value.csv", NULL,
     ":2:4: value \"1?2\" is not a number; write digits like 7000000000 or "
     "7e9"},
    {"bidi_in_value.csv", NULL,
     ":2:4: value \"<U+202E>1\" is not a number; write digits like "
     "7000000000 or 7e9"},
    {"only_bom.csv", NULL,
     ": file is empty; the first line must be a header naming "
     "date,company,metric,value"},
    {"only_newlines.csv", NULL,
     ": file is empty; the first line must be a header naming "
     "date,company,metric,value"},
    {"year_zero.csv", NULL,
     ":2:1: date \"0000-01\" has year 0; use a year from 1 to 9999"},
    {"negative_year.csv", NULL,
     ":2:1: date \"-2025-01\" has a year before year 1 (BCE); aigrowth "
     "reads years from 1 to 9999"},
    {"far_future.csv", NULL,
     ":2:1: date \"99999-01\" is not a date; use YYYY, YYYY-MM or "
     "YYYY-MM-DD"},
    {"field_1mb.csv", gen_field_1mb,
     ":2:4: field is longer than 65536 bytes; is a quote not closed?"},
    {"field_1mb_quoted.csv", gen_field_1mb_quoted,
     ":2:2: field is longer than 65536 bytes; is a quote not closed?"},
    {"deep_quotes.csv", gen_deep_quotes,
     ":2:2: field is longer than 65536 bytes; is a quote not closed?"},
    {"quoted_label.csv", gen_quoted_label,
     ":2:2: company name is 300 bytes long, more than 256; shorten it (or "
     "is a column misplaced?)"},
    {"long_line.csv", gen_long_line,
     ":2:524267: line is longer than 1048576 bytes; is this a CSV file?"},
    {"million_rows.csv", gen_million_rows,
     ":1000002:4: more than 1000000 values in all; load fewer files or keep "
     "the rows the charts need"},
    {"points.csv", gen_points,
     ":100002: A has more than 100000 points of m; keep fewer dates "
     "(monthly or yearly values chart as well)"},
    {"series.csv", gen_series,
     ":10001: more than 10000 series (company, metric pairs); split the data "
     "or keep fewer companies"},
    {"wide_columns.csv", gen_wide_columns,
     ":2: more than 10000 series (company, metric pairs); split the data "
     "or keep fewer companies"},
    {"too_big.csv", gen_too_big,
     ": file is 68157440 bytes, more than the 67108864 a data file may "
     "have; split it or keep the rows the charts need"},
    {"cr_flood.csv", gen_cr_flood,
     ": file is empty; the first line must be a header naming "
     "date,company,metric,value"},
};

static void check_case(const HostileCase *c)
{
    char path[1024], want[2048];
    if (c->generate) {
        c->generate();
        snprintf(path, sizeof path, "%s", path_in(tmp, c->name));
    } else {
        snprintf(path, sizeof path, FIXTURES "%s", c->name);
    }
    snprintf(want, sizeof want, "aigrowth: %s%s", path, c->message);

    if (RUN("check", path) != 1)
        fail_msg("check %s: want exit 1; stderr: %s", c->name, err_text());
    assert_err(want);

    LOCAL_PATH(pdf, tmp, "hostile.pdf");
    LOCAL_PATH(charts, tmp, "charts");
    if (RUN("report", "-q", "-o", pdf, "--charts", charts, path) != 1)
        fail_msg("report %s: want exit 1; stderr: %s", c->name, err_text());
    assert_err(want);
    assert_false(exists(pdf));
    assert_false(exists(charts));
    if (c->generate)
        unlink(path);
}

static void test_hostile_files_exit_1_with_one_line(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(&cases[i]);
}

/* Every file of the fixture directory is a case: none is forgotten. */
static void test_every_fixture_is_a_case(void **state)
{
    (void)state;
    assert_int_equal(shell("ls %s", FIXTURES), 0);
    char *list = strdup(last_shell.out);
    for (char *name = strtok(list, "\n"); name; name = strtok(NULL, "\n")) {
        if (strncmp(name, "injection", 9) == 0)
            continue;
        int found = 0;
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
            found |= strcmp(cases[i].name, name) == 0;
        if (!found)
            fail_msg("%s%s has no case in test_hostile.c", FIXTURES, name);
    }
    free(list);
}

/* 200,000 repeated rows: loads (exit 0) with 1,000 warnings kept and the
 * rest counted, not 200,000 lines of output. */
static void test_repeated_rows_warn_boundedly(void **state)
{
    (void)state;
    FILE *f = create("repeated.csv");
    fputs(HEADER, f);
    for (int i = 0; i < 200 * 1000; i++)
        fputs("2025,A,m,1\n", f);
    close_file(f);
    LOCAL_PATH(path, tmp, "repeated.csv");
    assert_int_equal(RUN("check", path), 0);
    char *out = strdup(last_run.out);
    cli_assert_contains(out, "\n199999 warnings:\n");
    cli_assert_contains(out, "\n  ... and 198999 more not shown\n");
    size_t lines = 0;
    for (const char *p = out; *p; p++)
        lines += *p == '\n';
    assert_true(lines < DATASET_MAX_WARNINGS + 20);
    free(out);
    unlink(path);
}

/* A directory given as a data file is a file error (exit 3). */
static void test_directory_as_data_file(void **state)
{
    (void)state;
    assert_int_equal(RUN("check", tmp), 3);
    char want[1200];
    snprintf(want, sizeof want,
             "aigrowth: %s: is a directory; give the CSV files in it", tmp);
    assert_err(want);
}

/* ---- injection -------------------------------------------------------- */

/* Markup, PDF string delimiters, a backslash, right-to-left marks. */
#define EVIL_TITLE "<T> & \"x\" ) \\ ( \xe2\x80\x8f end"
#define EVIL_COMPANY "<script>alert(1)</script> & Co \"Q\" (x) \\ \\) end"
#define INJECTION FIXTURES "injection.csv"

static char *pdf_text(const char *pdf)
{
    assert_int_equal(shell("pdftotext -enc UTF-8 %s -", pdf), 0);
    return strdup(last_shell.out);
}

static void assert_pdf_ok(const char *pdf)
{
    if (shell("qpdf --check %s", pdf) != 0)
        fail_msg("qpdf --check %s:\n%s", pdf, strdup(last_shell.out));
}

static void assert_svg_ok(const char *svg)
{
    if (shell("xmllint --noout %s", svg) != 0)
        fail_msg("xmllint %s:\n%s", svg, strdup(last_shell.out));
}

static void test_injection_chart_every_format(void **state)
{
    (void)state;
    LOCAL_PATH(svg, tmp, "inj.svg");
    LOCAL_PATH(pdf, tmp, "inj.pdf");
    LOCAL_PATH(png, tmp, "inj.png");
    assert_int_equal(RUN("chart", INJECTION, "-o", svg, "--title",
                         EVIL_TITLE), 0);
    assert_svg_ok(svg);
    /* text is drawn as outlines; the string rides along, escaped */
    char *xml = cli_slurp(svg, NULL);
    cli_assert_contains(xml, "aria-label=\"&lt;T&gt; &amp; &quot;x&quot; ) \\ ( "
                         "\xe2\x80\x8f end\"");
    cli_assert_contains(xml, "aria-label=\"&lt;script&gt;alert(1)&lt;/script&gt; "
                         "&amp; Co &quot;Q&quot; (x) \\ \\) end\"");
    assert_true(strstr(xml, "<script") == NULL);
    free(xml);
    assert_int_equal(RUN("chart", INJECTION, "-o", pdf, "--title",
                         EVIL_TITLE), 0);
    assert_pdf_ok(pdf);
    char *text = pdf_text(pdf);
    cli_assert_contains(text, "<T> & \"x\" ) \\ (");
    cli_assert_contains(text, EVIL_COMPANY);
    cli_assert_contains(text, "line & <Co>");
    free(text);
    assert_int_equal(RUN("chart", INJECTION, "-o", png, "--title",
                         EVIL_TITLE), 0);
    size_t len;
    unsigned char *bytes = (unsigned char *)cli_slurp(png, &len);
    assert_true(len > 24);
    assert_memory_equal(bytes, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(bytes + 12, "IHDR", 4);
    free(bytes);
}

/* check prints each series on one line, in reading order. */
static void test_injection_check_table(void **state)
{
    (void)state;
    assert_int_equal(RUN("check", INJECTION), 0);
    char *out = strdup(last_run.out);
    cli_assert_contains(out, "\n  " EVIL_COMPANY "     revenue  USD   2023   "
                         "2025  3\n");
    cli_assert_contains(out, "\n  Multi\\nline & <Co>   ");
    cli_assert_contains(out, "\n  R<U+200F>TL<U+200E> mark <U+200F>evil<U+200E> "
                         "(Ltd  revenue");
    free(out);
}

/* Only http(s) sources become link annotations. */
static void test_injection_report(void **state)
{
    (void)state;
    LOCAL_PATH(pdf, tmp, "inj_report.pdf");
    LOCAL_PATH(charts, tmp, "inj_charts");
    assert_int_equal(RUN("report", "-q", "-o", pdf, "--charts", charts,
                         "--title", EVIL_TITLE, INJECTION),
                     0);
    assert_pdf_ok(pdf);
    assert_svg_ok(path_in(charts, "revenue.svg"));
    char *text = pdf_text(pdf);
    cli_assert_contains(text, "<T> & \"x\" ) \\ (");
    cli_assert_contains(text, EVIL_COMPANY);
    cli_assert_contains(text, "javascript:alert(1)");
    cli_assert_contains(text, "(see) \\ note ) (");
    free(text);
    assert_int_equal(shell("qpdf --qdf --object-streams=disable %s - | "
                           "grep -a -o '/URI *[(<][^)>]*'",
                           pdf),
                     0);
    char *uris = strdup(last_shell.out);
    int n = 0;
    for (char *u = strtok(uris, "\n"); u; u = strtok(NULL, "\n"), n++)
        if (!strstr(u, "(https://") && !strstr(u, "(http://"))
            fail_msg("link to something else than http(s): %s", u);
    assert_true(n >= 1);
    free(uris);
}

/* ---- output safety ---------------------------------------------------- */


static void assert_file_is(const char *path, const char *text)
{
    char *got = cli_slurp(path, NULL);
    assert_non_null(got);
    assert_string_equal(got, text);
    free(got);
}

static void test_output_to_directory_is_refused(void **state)
{
    (void)state;
    LOCAL_PATH(dir, tmp, "out.png");
    assert_int_equal(mkdir(dir, 0777), 0);
    cli_write(path_in(dir, "inside"), "kept");
    assert_int_equal(RUN("chart", INJECTION, "-o", dir), 3);
    char want[1200];
    snprintf(want, sizeof want,
             "aigrowth: %s: is a directory; give the name of a file to "
             "write, not of a directory", dir);
    assert_err(want);
    assert_int_equal(RUN("report", "-q", "-o", dir, "--charts",
                         path_in(tmp, "c2"), INJECTION), 3);
    assert_err(want);
    assert_file_is(path_in(dir, "inside"), "kept");
    assert_int_equal(shell("ls -A %s", dir), 0);
    assert_string_equal(last_shell.out, "inside\n");
}

/* Bad data or a failed render leaves the previous output as it was. */
static void test_failed_run_keeps_previous_output(void **state)
{
    (void)state;
    LOCAL_PATH(out, tmp, "keep.svg");
    cli_write(out, "previous");
    assert_int_equal(RUN("chart", FIXTURES "nan_value.csv", "-o", out), 1);
    assert_file_is(out, "previous");
}

/* A read-only directory: refused, previous file intact, no temp file
 * left. Root writes anyway (CI runs as root): skipped there. */
static void test_read_only_directory(void **state)
{
    (void)state;
    LOCAL_PATH(dir, tmp, "ro");
    assert_int_equal(mkdir(dir, 0777), 0);
    LOCAL_PATH(out, dir, "chart.svg");
    cli_write(out, "previous");
    assert_int_equal(chmod(dir, 0555), 0);
    int probe = open(path_in(dir, "probe"), O_WRONLY | O_CREAT, 0644);
    if (probe >= 0) {
        close(probe);
        unlink(path_in(dir, "probe"));
        chmod(dir, 0777);
        fprintf(stderr, "test_read_only_directory: skipped: a read-only "
                        "directory is writable here (running as root)\n");
        skip();
    }
    int rc = RUN("chart", INJECTION, "-o", out);
    chmod(dir, 0777);
    assert_int_equal(rc, 3);
    char want[1200];
    snprintf(want, sizeof want,
             "aigrowth: %s: cannot create a file here: Permission denied; "
             "check the directory exists and is writable", out);
    assert_err(want);
    assert_file_is(out, "previous");
    assert_int_equal(shell("ls -A %s", dir), 0);
    assert_string_equal(last_shell.out, "chart.svg\n");
}

/* A full disk, with /dev/full: on stdout and as -o (a device is written
 * in place, never renamed over). */
static void test_disk_full(void **state)
{
    (void)state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    assert_int_equal(run("/dev/full",
                         (const char *const[]){"chart", INJECTION, "-o", "-",
                                               "--format", "svg", NULL}),
                     3);
    assert_err("aigrowth: -: cannot write to stdout: No space left on "
               "device");
    LOCAL_PATH(charts, tmp, "full_charts");
    assert_int_equal(RUN("report", "-q", "-o", "/dev/full", "--charts",
                         charts, INJECTION), 3);
    assert_err("aigrowth: /dev/full: cannot write: No space left on device");
    struct stat st;
    assert_int_equal(stat("/dev/full", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_false(exists(charts));
}

/* Through a symbolic link the target is replaced and the link kept. */
static void test_output_through_symlink(void **state)
{
    (void)state;
    LOCAL_PATH(target, tmp, "target.svg");
    LOCAL_PATH(link, tmp, "link.svg");
    cli_write(target, "previous");
    assert_int_equal(symlink("target.svg", link), 0);
    assert_int_equal(RUN("chart", INJECTION, "-o", link), 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_svg_ok(target);
}

/* ---- hostile state ---------------------------------------------------- */

#define STATE_NAME ".aigrowth-state"

/* A report of the injection data into tmp/dir (its charts directory). */
static int report_into(const char *dir)
{
    LOCAL_PATH(pdf, tmp, "state_report.pdf");
    return RUN("report", "-q", "-o", pdf, "--charts", path_in(tmp, dir),
               INJECTION);
}

/* A cloned repository may carry charts/.aigrowth-state -> ~/.bashrc:
 * refused before anything is written; the link and its target stay. */
static void test_symlinked_state_is_refused(void **state)
{
    (void)state;
    LOCAL_PATH(dir, tmp, "st_link");
    assert_int_equal(mkdir(dir, 0777), 0);
    LOCAL_PATH(victim, tmp, "victim_bashrc");
    cli_write(victim, "alias ls='ls --color'\n");
    LOCAL_PATH(link, dir, STATE_NAME);
    assert_int_equal(symlink(victim, link), 0);
    assert_int_equal(report_into("st_link"), 3);
    char want[1200];
    snprintf(want, sizeof want,
             "aigrowth: %s: is a symbolic link, not aigrowth's record of "
             "the last run; remove it (the next run writes a new one)",
             link);
    assert_err(want);
    assert_file_is(victim, "alias ls='ls --color'\n");
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_false(exists(path_in(dir, "revenue.png")));
    assert_false(exists(path_in(tmp, "state_report.pdf")));
}

/* A FIFO or a directory at the state's place: refused at once (a FIFO
 * with no writer once hung the run). */
static void test_state_that_is_not_a_file_is_refused(void **state)
{
    (void)state;
    LOCAL_PATH(dir, tmp, "st_fifo");
    assert_int_equal(mkdir(dir, 0777), 0);
    LOCAL_PATH(fifo, dir, STATE_NAME);
    assert_int_equal(mkfifo(fifo, 0666), 0);
    assert_int_equal(report_into("st_fifo"), 3);
    char want[1200];
    snprintf(want, sizeof want,
             "aigrowth: %s: is a named pipe (FIFO), not aigrowth's record "
             "of the last run; remove it (the next run writes a new one)",
             fifo);
    assert_err(want);
    unlink(fifo);
    assert_int_equal(mkdir(fifo, 0777), 0);
    assert_int_equal(report_into("st_fifo"), 3);
    snprintf(want, sizeof want,
             "aigrowth: %s: is a directory, not aigrowth's record of the "
             "last run; remove it (the next run writes a new one)",
             fifo);
    assert_err(want);
    rmdir(fifo);
}

/* A state past its bounds (more headlines than a dataset may have
 * series; more bytes than such a record takes) is ignored with a warning
 * and everything is redrawn; then the next run finds its own record. */
static void test_oversized_state_is_ignored_with_a_warning(void **state)
{
    (void)state;
    LOCAL_PATH(dir, tmp, "st_big");
    assert_int_equal(mkdir(dir, 0777), 0);
    LOCAL_PATH(path, dir, STATE_NAME);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("aigrowth-state 2\nreport 0 0 0 x\n", f);
    for (int i = 0; i < 10001; i++)
        fprintf(f, "headline m c%d 1 1 1 1 1 1\n", i);
    close_file(f);
    assert_int_equal(report_into("st_big"), 0);
    char want[1200];
    snprintf(want, sizeof want,
             "aigrowth: %s: warning: line 10003 is malformed or past the "
             "bounds of a report's record (1000 charts, 10000 headlines); "
             "ignored, every output is redrawn",
             path);
    assert_err(want);
    assert_true(exists(path_in(dir, "revenue.png")));
    assert_int_equal(report_into("st_big"), 0);
    assert_err_empty();

    int fd = open(path, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 40L * 1024 * 1024), 0); /* sparse */
    close(fd);
    assert_int_equal(report_into("st_big"), 0);
    snprintf(want, sizeof want,
             "aigrowth: %s: warning: is 41943040 bytes, more than the "
             "33554432 a report's record needs; ignored, every output is "
             "redrawn",
             path);
    assert_err(want);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size < 4096);
}

/* A company named "Acme\ntouch x;#" once wrote a line of its choosing
 * into the state: every field is percent-encoded now, so each line is
 * one of aigrowth's, and the name survives the round trip (the next run
 * finds nothing changed). */
static void test_newline_in_a_name_cannot_write_a_state_line(void **state)
{
    (void)state;
    LOCAL_PATH(data, tmp, "acme.csv");
    cli_write(data, "date,company,metric,value\n"
                     "2023,\"Acme\ntouch x;#\",revenue,1\n"
                     "2024,\"Acme\ntouch x;#\",revenue,2\n"
                     "2025,\"Acme\ntouch x;#\",revenue,4\n");
    LOCAL_PATH(dir, tmp, "st_acme");
    LOCAL_PATH(pdf, tmp, "acme.pdf");
    assert_int_equal(RUN("report", "-q", "-o", pdf, "--charts", dir, data),
                     0);
    char *text = cli_slurp(path_in(dir, STATE_NAME), NULL);
    assert_non_null(text);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
        if (strncmp(line, "aigrowth-state ", 15) &&
            strncmp(line, "report ", 7) && strncmp(line, "file ", 5) &&
            strncmp(line, "chart ", 6) && strncmp(line, "headline ", 9))
            fail_msg("a line of the state is not aigrowth's: %s", line);
    free(text);
    text = cli_slurp(path_in(dir, STATE_NAME), NULL);
    cli_assert_contains(text, "headline revenue Acme%0Atouch%20x;# 3 ");
    free(text);
    assert_int_equal(RUN("report", "-o", pdf, "--charts", dir, data), 0);
    char *out = strdup(last_run.out);
    cli_assert_contains(out, "unchanged; 0 of 1 charts redrawn");
    free(out);
}

/* ---- main ------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    return cli_tmpdir_create(tmp, sizeof tmp);
}

static int teardown(void **state)
{
    (void)state;
    /* A test leaves read-only directories behind. */
    cli_shell(NULL, "chmod -R u+w %s", tmp);
    return cli_tmpdir_remove(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_files_exit_1_with_one_line),
        cmocka_unit_test(test_every_fixture_is_a_case),
        cmocka_unit_test(test_directory_as_data_file),
        cmocka_unit_test(test_repeated_rows_warn_boundedly),
        cmocka_unit_test(test_injection_chart_every_format),
        cmocka_unit_test(test_injection_check_table),
        cmocka_unit_test(test_injection_report),
        cmocka_unit_test(test_output_to_directory_is_refused),
        cmocka_unit_test(test_failed_run_keeps_previous_output),
        cmocka_unit_test(test_read_only_directory),
        cmocka_unit_test(test_disk_full),
        cmocka_unit_test(test_output_through_symlink),
        cmocka_unit_test(test_symlinked_state_is_refused),
        cmocka_unit_test(test_state_that_is_not_a_file_is_refused),
        cmocka_unit_test(test_oversized_state_is_ignored_with_a_warning),
        cmocka_unit_test(test_newline_in_a_name_cannot_write_a_state_line),
    };
    return cmocka_run_group_tests_name("hostile input", tests, setup,
                                       teardown);
}
