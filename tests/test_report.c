/* test_report.c - the libharu report and scene renderer, checked with the
 * real PDF tools (qpdf, poppler-utils). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo.h>
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "render_cairo.h"
#include "render_haru.h"
#include "report.h"
#include "report_labels.h"
#include "theme.h"
#include "util.h"

/* ---- helpers ------------------------------------------------------------ */

/* Runs cmd with the shell; returns its stdout (caller frees) and exit
 * status. */
static char *run(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t len = 0, cap = 4096;
    char *out = xmalloc(cap);
    size_t n;
    while ((n = fread(out + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 2)
            grow_array((void **)&out, &cap, cap * 2, 1);
    }
    out[len] = '\0';
    int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return out;
}

/* The fixture's temp directory (for the tools' stderr). */
static char g_dir[64];

/* Runs a tool that must succeed. Its stderr goes to a file, shown only on
 * failure: poppler warns "Invalid 'begincidrange' operator in ToUnicode
 * CMap" on every libharu 2.3.0 UTF-8 font (libharu writes an identity CMap
 * there; extraction still works, as the tests below check). */
static char *run_ok(const char *fmt, const char *arg)
{
    char cmd[2048], tool[1800];
    snprintf(tool, sizeof tool, fmt, arg);
    snprintf(cmd, sizeof cmd, "%s 2>'%s/stderr.txt'", tool, g_dir);
    int st;
    char *out = run(cmd, &st);
    if (st != 0) {
        snprintf(cmd, sizeof cmd, "cat '%s/stderr.txt' >&2", g_dir);
        fprintf(stderr, "command failed (%d): %s\n%s\n", st, tool, out);
        if (system(cmd) != 0)
            fprintf(stderr, "(no stderr)\n");
    }
    assert_int_equal(st, 0);
    return out;
}

static size_t count_substr(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = xmalloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* ---- fixture ------------------------------------------------------------ */

typedef struct {
    FontStack *fs;
    char dir[64];
    Scene *chart;
    int32_t date[5];
    uint8_t prec[5];
    double openai[5], zhipu[5], users[5];
    uint32_t line[5];
    Series series[3];
    SeriesAnalysis an[3];
    ReportRow rows[3];
    ReportChart charts[2];
    DataFile files[2];
    ReportContent content;
} Fixture;

/* A chart drawn by hand with every op kind the renderer handles. */
static Scene *make_chart(const FontStack *fs)
{
    Scene *sc = scene_create(960, 540, THEME_PAPER);
    (void)fs;
    scene_add_text(sc, 40, 50, "OpenAI \xe8\x88\x87 Anthropic "
                               "\xe7\x87\x9f\xe6\x94\xb6\xe6\x88\x90\xe9\x95\xb7",
                   26, FONT_BOLD, ANCHOR_START, 0, THEME_INK);
    for (int i = 0; i <= 4; i++) {
        double y = 120 + i * 90;
        scene_add_line(sc, 80, y, 900, y, THEME_GRID, 1, NULL, 0);
    }
    scene_clip_push(sc, 80, 100, 820, 380);
    /* translucent interval band */
    Color band = theme_series_color(0);
    band.a = 0.18;
    scene_path_begin(sc);
    scene_move_to(sc, 600, 300);
    scene_line_to(sc, 880, 120);
    scene_line_to(sc, 880, 260);
    scene_line_to(sc, 600, 320);
    scene_close_path(sc);
    scene_fill(sc, band);
    /* observed line and dashed projection */
    scene_path_begin(sc);
    scene_move_to(sc, 100, 460);
    scene_line_to(sc, 300, 420);
    scene_line_to(sc, 450, 360);
    scene_line_to(sc, 600, 310);
    scene_stroke(sc, theme_series_color(0), 2.5, NULL, 0);
    double dash[2] = {6, 4.5};
    scene_path_begin(sc);
    scene_move_to(sc, 600, 310);
    scene_line_to(sc, 880, 190);
    scene_stroke(sc, theme_series_color(0), 2.5, dash, 2);
    double odd[3] = {1.5, 3, 0.5};
    scene_add_line(sc, 100, 400, 600, 440, theme_series_color(1), 1.5, odd,
                   3);
    for (int i = 0; i < 4; i++)
        scene_add_circle(sc, 100 + i * 166, 460 - i * 50, 4,
                         theme_series_color(0), THEME_PAPER, 1.5);
    Color ghost = theme_series_color(1);
    ghost.a = 0.5;
    scene_add_circle(sc, 500, 200, 6, ghost, ghost, 1);
    scene_clip_pop(sc);
    scene_add_text(sc, 30, 300, "Revenue (USD)", 12, FONT_REGULAR,
                   ANCHOR_MIDDLE, 90, THEME_INK_SOFT);
    scene_add_text(sc, 890, 190, "\xe6\x99\xba\xe8\xad\x9c" "AI", 13,
                   FONT_BOLD, ANCHOR_END, 0, theme_series_color(1));
    scene_add_text(sc, 900, 520, "Source: company reports", 10,
                   FONT_REGULAR, ANCHOR_END, 0, THEME_INK_FAINT);
    return sc;
}

static int setup(void **state)
{
    Fixture *fx = xcalloc(1, sizeof *fx);
    Error err;
    error_clear(&err);
    fx->fs = fontstack_create(&err);
    if (!fx->fs) {
        fprintf(stderr, "fonts: %s\n", err.message);
        free(fx);
        return -1;
    }
    snprintf(fx->dir, sizeof fx->dir, "/tmp/aigrowth-report-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(g_dir, sizeof g_dir, "%s", fx->dir);
    for (int i = 0; i < 5; i++) {
        fx->date[i] = date_from_ymd(2023 + i / 2, i % 2 ? 7 : 1, 1);
        fx->prec[i] = DATE_MONTH;
        fx->openai[i] = 1.3e9 * pow(2.2, i / 2.0);
        fx->zhipu[i] = 4e7 * pow(1.8, i / 2.0);
        fx->users[i] = 1e8 * (i + 1);
        fx->line[i] = i + 2;
    }
    fx->series[0] = (Series){"OpenAI", "revenue", "USD", "datasets/revenue.csv",
                             5, fx->date, fx->prec, fx->openai, fx->line, NULL};
    fx->series[1] = (Series){"\xe6\x99\xba\xe8\xad\x9c" "AI", "revenue", "USD",
                             "datasets/revenue.csv", 5, fx->date, fx->prec,
                             fx->zhipu, fx->line, NULL};
    fx->series[2] = (Series){"ChatGPT", "weekly_active_users", "users",
                             "datasets/users.csv", 5, fx->date, fx->prec,
                             fx->users, fx->line, NULL};
    AnalysisOptions opt = analysis_defaults();
    analysis_series(&fx->series[0], &opt, &fx->an[0]);
    analysis_series(&fx->series[1], &opt, &fx->an[1]);
    opt.model = MODEL_NONE;
    analysis_series(&fx->series[2], &opt, &fx->an[2]);
    /* users first, so grouping by metric has something to do */
    fx->rows[0] = (ReportRow){&fx->series[0], &fx->an[0]};
    fx->rows[1] = (ReportRow){&fx->series[2], &fx->an[2]};
    fx->rows[2] = (ReportRow){&fx->series[1], &fx->an[1]};
    fx->chart = make_chart(fx->fs);
    fx->charts[0] = (ReportChart){
        .title = "OpenAI \xe8\x88\x87 \xe6\x99\xba\xe8\xad\x9c" "AI "
                 "\xe7\x87\x9f\xe6\x94\xb6\xe6\x88\x90\xe9\x95\xb7",
        .scene = fx->chart};
    fx->charts[1] = (ReportChart){.title = "Weekly active users",
                                  .scene = fx->chart};
    fx->files[0] = (DataFile){.path = "datasets/revenue.csv", .rows = 38};
    fx->files[1] = (DataFile){.path = "datasets/users.csv", .rows = 12,
                              .missing = 2};
    fx->content = (ReportContent){
        .title = "OpenAI \xe8\x88\x87 Anthropic \xe7\x87\x9f\xe6\x94\xb6"
                 "\xe6\x88\x90\xe9\x95\xb7",
        .subtitle = "Run-rate revenue and users of AI companies, "
                    "2023\xe2\x80\x93" "2025",
        .generated = 1763424000, /* 2025-11-18 00:00 UTC */
        .data_as_of = date_from_ymd(2025, 1, 1),
        .files = fx->files, .n_files = 2, .rows = fx->rows, .n_rows = 3,
        .charts = fx->charts, .n_charts = 2};
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    Fixture *fx = *state;
    char cmd[128];
    /* AIGROWTH_TEST_KEEP=1 keeps the PDFs and PNGs to look at. */
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    if (getenv("AIGROWTH_TEST_KEEP"))
        fprintf(stderr, "kept %s\n", fx->dir);
    else if (system(cmd) != 0)
        return -1;
    scene_destroy(fx->chart);
    fontstack_destroy(fx->fs);
    free(fx);
    return 0;
}

static void write_report(Fixture *fx, const char *name, char *path,
                         size_t size)
{
    snprintf(path, size, "%s/%s", fx->dir, name);
    Error err;
    error_clear(&err);
    int rc = report_write(&fx->content, fx->fs, path, &err);
    if (rc != 0)
        fprintf(stderr, "report_write: %s: %s\n", err.file, err.message);
    assert_int_equal(rc, 0);
}

/* ---- tests -------------------------------------------------------------- */

static void test_report_passes_qpdf_check(void **state)
{
    char path[256];
    write_report(*state, "report.pdf", path, sizeof path);
    free(run_ok("qpdf --check '%s'", path));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    printf("report size: %lld bytes\n", (long long)st.st_size);
}

static void test_report_text_extracts(void **state)
{
    char path[256];
    write_report(*state, "text.pdf", path, sizeof path);
    char *out = run_ok("pdftotext -enc UTF-8 '%s' -", path);
    assert_non_null(strstr(out, "OpenAI"));
    assert_non_null(strstr(out, "ChatGPT"));
    assert_non_null(strstr(out, "\xe6\x99\xba\xe8\xad\x9c" "AI")); /* 智譜AI */
    assert_non_null(strstr(out, "\xe7\x87\x9f\xe6\x94\xb6\xe6\x88\x90"
                                "\xe9\x95\xb7")); /* 營收成長 */
    /* cover, key figures, two charts, method, sources */
    assert_non_null(strstr(out, "Page 1 / 6"));
    assert_non_null(strstr(out, "Page 6 / 6"));
    assert_non_null(strstr(out, "datasets/revenue.csv \xe2\x80\x94 38 rows"));
    assert_non_null(strstr(out, "Data as of 2025-01-01"));
    assert_non_null(strstr(out, "Generated 2025-11-18"));
    assert_non_null(strstr(out, "Revenue (USD)")); /* rotated label */
    assert_non_null(strstr(out, "+120%"));          /* CAGR */
    assert_non_null(strstr(out, "1.00"));           /* R²: exact growth */
    /* a chart page's heading is its number; the title follows once */
    assert_non_null(strstr(out, "Chart 1 of 2"));
    assert_null(strstr(out, "Chart 1 of 2 \xe2\x80\x94"));
    free(out);
}

static void test_report_is_vector_only(void **state)
{
    char path[256];
    write_report(*state, "vector.pdf", path, sizeof path);
    char *out = run_ok("pdfimages -list '%s'", path);
    assert_int_equal(count_substr(out, "\n"), 2); /* the two header lines */
    free(out);
}

/* Every font embedded; libharu subsets TrueType and tags the name. */
static void test_report_fonts_embedded_and_subset(void **state)
{
    char path[256];
    write_report(*state, "fonts.pdf", path, sizeof path);
    char *out = run_ok("pdffonts '%s'", path);
    char *dashes = strstr(out, "\n---");
    assert_non_null(dashes);
    dashes++;
    /* Column starts from the dash groups: name type encoding emb sub. */
    size_t col[6] = {0}, n_col = 0;
    for (size_t i = 0; dashes[i] && dashes[i] != '\n' && n_col < 6; i++)
        if (dashes[i] == '-' && (i == 0 || dashes[i - 1] == ' '))
            col[n_col++] = i;
    assert_true(n_col >= 5);
    size_t fonts = 0;
    for (char *line = strchr(dashes, '\n'); line && line[1];
         line = strchr(line + 1, '\n')) {
        char *l = line + 1;
        if (strlen(l) < col[4] + 3)
            continue;
        fonts++;
        assert_memory_equal(l + col[3], "yes", 3); /* emb */
        assert_memory_equal(l + col[4], "yes", 3); /* sub */
        /* "ABCDEF+" tag */
        for (int k = 0; k < 6; k++)
            assert_true(l[k] >= 'A' && l[k] <= 'Z');
        assert_int_equal(l[6], '+');
    }
    assert_true(fonts >= 3); /* Lato, Lato Bold, WenQuanYi Zen Hei */
    free(out);
}

static void test_report_renders_every_page(void **state)
{
    Fixture *fx = *state;
    char path[256], cmd[512];
    write_report(fx, "pages.pdf", path, sizeof path);
    snprintf(cmd, sizeof cmd, "pdftoppm -r 50 -png '%s' '%s/page' 2>/dev/null "
                              "&& ls '%s' | grep -c '^page-.*\\.png$'",
             path, fx->dir, fx->dir);
    int st;
    char *out = run(cmd, &st);
    assert_int_equal(st, 0);
    assert_int_equal(atoi(out), 6);
    free(out);
    out = run_ok("pdfinfo '%s'", path);
    char *pages = strstr(out, "Pages:");
    assert_non_null(pages);
    assert_int_equal(atoi(pages + 6), 6);
    assert_null(strstr(out, "Author:")); /* none given */
    assert_non_null(strstr(out, "Creator:         aigrowth 0.1.0\n"));
    assert_non_null(strstr(out, "CreationDate:    Tue Nov 18 00:00:00 2025 UTC"));
    assert_non_null(strstr(out, "\xe7\x87\x9f\xe6\x94\xb6")); /* title */
    free(out);
}

static void test_report_outline(void **state)
{
    char path[256];
    write_report(*state, "outline.pdf", path, sizeof path);
    /* qpdf's JSON names each outline entry's title, decoded to UTF-8. */
    char *out = run_ok("qpdf --json --json-key=outlines '%s'", path);
    assert_non_null(strstr(out, "\"Cover\""));
    assert_non_null(strstr(out, "\"Key figures\""));
    assert_non_null(strstr(out, "\"Charts\""));
    assert_non_null(strstr(out, "\"Method\""));
    assert_non_null(strstr(out, "\"Sources\""));
    assert_non_null(strstr(out, "\"Weekly active users\""));
    assert_non_null(strstr(out, "\xe6\x99\xba\xe8\xad\x9c" "AI "));
    free(out);
}

static void test_report_same_input_same_bytes(void **state)
{
    Fixture *fx = *state;
    char a[256], b[256];
    write_report(fx, "a.pdf", a, sizeof a);
    write_report(fx, "b.pdf", b, sizeof b);
    size_t na, nb;
    unsigned char *da = slurp(a, &na), *db = slurp(b, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(da, db, na);
    free(da);
    free(db);
}

static void test_report_missing_dir_is_io_error(void **state)
{
    Fixture *fx = *state;
    char path[256];
    snprintf(path, sizeof path, "%s/missing/report.pdf", fx->dir);
    Error err;
    error_clear(&err);
    assert_int_equal(report_write(&fx->content, fx->fs, path, &err), -1);
    assert_int_equal(err.kind, ERR_IO);
    assert_string_equal(err.file, path);
    assert_int_equal(access(path, F_OK), -1);
}

/* Many rows: the table continues on further pages, header repeated. */
static void test_report_long_table_continues(void **state)
{
    Fixture *fx = *state;
    enum { N = 90 };
    Series *s = xcalloc(N, sizeof *s);
    ReportRow *rows = xcalloc(N, sizeof *rows);
    char (*names)[32] = xcalloc(N, sizeof *names);
    for (size_t i = 0; i < N; i++) {
        s[i] = fx->series[i % 3];
        snprintf(names[i], sizeof names[i], "Company %zu", i);
        s[i].company = names[i];
        rows[i] = (ReportRow){&s[i], &fx->an[i % 3]};
    }
    /* and many files and charts, for the cover's lists */
    DataFile files[40];
    ReportChart charts[30];
    for (size_t i = 0; i < 40; i++)
        files[i] = fx->files[i % 2];
    for (size_t i = 0; i < 30; i++)
        charts[i] = fx->charts[i % 2];
    ReportContent c = fx->content;
    c.rows = rows;
    c.n_rows = N;
    c.files = files;
    c.n_files = 40;
    c.charts = charts;
    c.n_charts = 30;
    char path[256];
    snprintf(path, sizeof path, "%s/long.pdf", fx->dir);
    Error err;
    error_clear(&err);
    assert_int_equal(report_write(&c, fx->fs, path, &err), 0);
    char *out = run_ok("pdftotext -enc UTF-8 '%s' -", path);
    assert_true(count_substr(out, "Doubling") >= 3);
    assert_non_null(strstr(out, "Key figures (continued)"));
    assert_non_null(strstr(out, "Company 89"));
    assert_non_null(strstr(out, " more"));
    free(out);
    out = run_ok("pdfinfo '%s'", path);
    int pages = atoi(strstr(out, "Pages:") + 6);
    free(out);
    char last[64];
    snprintf(last, sizeof last, "Page %d / %d", pages, pages);
    out = run_ok("pdftotext -enc UTF-8 '%s' -", path);
    assert_non_null(strstr(out, last));
    free(out);
    out = run_ok("qpdf --check '%s'", path);
    free(out);
    free(names);
    free(rows);
    free(s);
}

/* Long titles wrap, long names are cut with an ellipsis: no word of any
 * page extends into the right margin. */
static void test_report_long_text_stays_on_page(void **state)
{
    Fixture *fx = *state;
    ReportContent c = fx->content;
    c.title = "A very long report title about OpenAI \xe8\x88\x87 Anthropic "
              "\xe7\x87\x9f\xe6\x94\xb6\xe6\x88\x90\xe9\x95\xb7 and "
              "\xe9\x80\xb1\xe6\xb4\xbb\xe8\xba\x8d\xe7\x94\xa8\xe6\x88"
              "\xb6 across every company we could find in 2025";
    Series s[3];
    ReportRow rows[3];
    memcpy(s, fx->series, sizeof s);
    s[0].company = "An extraordinarily long company name, Incorporated, "
                   "with subsidiaries in many places";
    for (int i = 0; i < 3; i++)
        rows[i] = (ReportRow){&s[i], &fx->an[i]};
    c.rows = rows;
    DataFile files[1] = {{.path = "datasets/a/very/deeply/nested/directory/"
                                  "of/collected/sources/and/more/"
                                  "revenue-2025.csv",
                          .rows = 7}};
    c.files = files;
    c.n_files = 1;
    char path[256];
    snprintf(path, sizeof path, "%s/long-text.pdf", fx->dir);
    Error err;
    error_clear(&err);
    assert_int_equal(report_write(&c, fx->fs, path, &err), 0);
    char *out = run_ok("pdftotext -bbox '%s' -", path);
    double page_w = 0;
    size_t words = 0;
    for (char *p = out; (p = strchr(p, '<')) != NULL; p++) {
        double x0, y0, x1, y1;
        if (sscanf(p, "<page width=\"%lf\"", &page_w) == 1)
            continue;
        if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" "
                      "yMax=\"%lf\"",
                   &x0, &y0, &x1, &y1) != 4)
            continue;
        words++;
        if (x1 > page_w - 36)
            fprintf(stderr, "word ends at %.1f of %.1f: %.40s\n", x1, page_w,
                    p);
        assert_true(x1 <= page_w - 36);
    }
    assert_true(words > 50);
    free(out);
    out = run_ok("pdftotext -enc UTF-8 '%s' -", path);
    assert_non_null(strstr(out, "\xe2\x80\xa6")); /* an ellipsis */
    assert_non_null(strstr(out, "2025")); /* the title's end, wrapped */
    free(out);
}

/* One text op at a known scene position lands there on the page. */
static void test_render_haru_text_position(void **state)
{
    Fixture *fx = *state;
    Error err;
    error_clear(&err);
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    assert_non_null(doc);
    HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
    HaruFonts *hf = haru_fonts_load(doc, fx->fs, &err);
    assert_non_null(hf);
    HPDF_Page page = HPDF_AddPage(doc);
    HPDF_Page_SetWidth(page, 400);
    HPDF_Page_SetHeight(page, 300);
    /* A 200x150 scene into the whole page: scale 2. */
    Color none = {0, 0, 0, 0};
    Scene *sc = scene_create(200, 150, none);
    scene_add_text(sc, 50, 60, "Marker", 10, FONT_REGULAR, ANCHOR_START, 0,
                   THEME_INK);
    scene_add_text(sc, 150, 100, "End", 10, FONT_REGULAR, ANCHOR_END, 0,
                   THEME_INK);
    assert_int_equal(render_haru_scene(page, sc, fx->fs, hf, 0, 300, 400, 300,
                                       &err),
                     0);
    char path[256];
    snprintf(path, sizeof path, "%s/bbox.pdf", fx->dir);
    assert_int_equal(HPDF_SaveToFile(doc, path), HPDF_OK);
    scene_destroy(sc);
    haru_fonts_destroy(hf);
    HPDF_Free(doc);

    char *out = run_ok("pdftotext -bbox '%s' -", path);
    double x0, y0, x1, y1;
    char *w = strstr(out, ">Marker<");
    assert_non_null(w);
    while (w > out && strncmp(w, "<word", 5) != 0)
        w--;
    assert_int_equal(sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" "
                               "yMax=\"%lf\"",
                            &x0, &y0, &x1, &y1),
                     4);
    /* x starts at 2 * 50; the baseline at 2 * 60 lies inside the box. */
    assert_true(fabs(x0 - 100) < 1.5);
    assert_true(y0 < 120 && y1 > 118 && y1 < 130);
    double width = 2 * text_width(fx->fs, "Marker", FONT_REGULAR, 10);
    assert_true(fabs((x1 - x0) - width) < 1.5);
    /* ANCHOR_END: the word ends at 2 * 150 */
    w = strstr(out, ">End<");
    assert_non_null(w);
    while (w > out && strncmp(w, "<word", 5) != 0)
        w--;
    assert_int_equal(sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" "
                               "yMax=\"%lf\"",
                            &x0, &y0, &x1, &y1),
                     4);
    assert_true(fabs(x1 - 300) < 1.5);
    free(out);
}

/* A libharu error inside the scene becomes ERR_RENDER, not a crash. */
/* Opaque markers go into the PDF as round-capped dots (the ring a wider
 * one under the fill), translucent ones as circles: drawn by poppler, each
 * shows its fill at the centre, its ring at the rim, nothing past it. */
static void test_render_haru_markers(void **state)
{
    Fixture *fx = *state;
    Error err;
    error_clear(&err);
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    assert_non_null(doc);
    HaruFonts *hf = haru_fonts_load(doc, fx->fs, &err);
    assert_non_null(hf);
    HPDF_Page page = HPDF_AddPage(doc);
    HPDF_Page_SetWidth(page, 400);
    HPDF_Page_SetHeight(page, 300);
    Scene *sc = scene_create(200, 150, (Color){1, 1, 1, 1});
    scene_add_circle(sc, 50, 50, 10, (Color){1, 0, 0, 1}, (Color){0, 0, 0, 1},
                     4);
    scene_add_circle(sc, 150, 50, 10, (Color){0, 0, 1, 0.5},
                     (Color){0, 0, 0, 0}, 0);
    scene_add_circle(sc, 100, 100, 8, (Color){0, 0.6, 0, 1},
                     (Color){0, 0, 0, 0}, 0);
    assert_int_equal(render_haru_scene(page, sc, fx->fs, hf, 0, 300, 400, 300,
                                       &err),
                     0);
    char path[256], png[300];
    snprintf(path, sizeof path, "%s/markers.pdf", fx->dir);
    assert_int_equal(HPDF_SaveToFile(doc, path), HPDF_OK);
    scene_destroy(sc);
    haru_fonts_destroy(hf);
    HPDF_Free(doc);
    snprintf(png, sizeof png, "%s/markers.png", fx->dir);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "pdftoppm -r 72 -png -singlefile '%s' '%s/markers'",
             path, fx->dir);
    assert_int_equal(system(cmd), 0);
    cairo_surface_t *img = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    const unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
#define PX(x, y) (*(const uint32_t *)(const void *)(data + (y) * stride + (x) * 4) & 0xffffff)
    assert_int_equal(PX(100, 100), 0xff0000);  /* fill */
    assert_int_equal(PX(113, 100), 0xff0000);  /* fill to r - lw / 2 */
    assert_int_equal(PX(120, 100), 0x000000);  /* ring */
    assert_int_equal(PX(126, 100), 0xffffff);  /* past r + lw / 2 */
    uint32_t half = PX(300, 100);              /* 50% blue over white */
    assert_true((half & 0xff) == 0xff && (half >> 16) > 0x70 &&
                (half >> 16) < 0x90);
    assert_int_equal(PX(200, 200), 0x009900);
    assert_int_equal(PX(214, 200), 0x009900);
    assert_int_equal(PX(219, 200), 0xffffff);
#undef PX
    cairo_surface_destroy(img);
}

/* Dark pixels (any channel under 128) of rows y0..y1 of a PNG file. */
static long ink_in_rows(const char *png, int y0, int y1)
{
    cairo_surface_t *img = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    const unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    int w = cairo_image_surface_get_width(img);
    long ink = 0;
    for (int y = y0; y < y1; y++)
        for (int x = 0; x < w; x++) {
            uint32_t px = *(const uint32_t *)(const void *)(data + y * stride +
                                                            x * 4);
            ink += (px & 0xff) < 128;
        }
    cairo_surface_destroy(img);
    return ink;
}

/* Bold Chinese is bold in the report as in the PNG: the same line drawn
 * regular and bold, by libharu (rasterised by poppler) and by cairo, puts
 * on as much more ink in bold in one as in the other. */
static void test_render_haru_bold_chinese_like_cairo(void **state)
{
    Fixture *fx = *state;
    Error err;
    error_clear(&err);
    Scene *sc = scene_create(400, 200, (Color){1, 1, 1, 1});
    static const char line[] = "營收成長關鍵數據";
    scene_add_text(sc, 20, 70, line, 32, FONT_REGULAR, ANCHOR_START, 0,
                   (Color){0, 0, 0, 1});
    scene_add_text(sc, 20, 170, line, 32, FONT_BOLD, ANCHOR_START, 0,
                   (Color){0, 0, 0, 1});
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    assert_non_null(doc);
    HaruFonts *hf = haru_fonts_load(doc, fx->fs, &err);
    assert_non_null(hf);
    HPDF_Page page = HPDF_AddPage(doc);
    HPDF_Page_SetWidth(page, 400);
    HPDF_Page_SetHeight(page, 200);
    assert_int_equal(render_haru_scene(page, sc, fx->fs, hf, 0, 200, 400, 200,
                                       &err),
                     0);
    char pdf[256], cmd[800], haru_png[300], cairo_png[300];
    snprintf(pdf, sizeof pdf, "%s/bold.pdf", fx->dir);
    assert_int_equal(HPDF_SaveToFile(doc, pdf), HPDF_OK);
    haru_fonts_destroy(hf);
    HPDF_Free(doc);
    snprintf(cmd, sizeof cmd, "pdftoppm -r 72 -png -singlefile '%s' '%s/bold'",
             pdf, fx->dir);
    assert_int_equal(system(cmd), 0);
    snprintf(haru_png, sizeof haru_png, "%s/bold.png", fx->dir);
    snprintf(cairo_png, sizeof cairo_png, "%s/bold-cairo.png", fx->dir);
    assert_int_equal(render_cairo_file(sc, fx->fs, cairo_png, 1, &err), 0);
    scene_destroy(sc);
    double haru = (double)ink_in_rows(haru_png, 100, 200) /
                  (double)ink_in_rows(haru_png, 0, 100);
    double cairo = (double)ink_in_rows(cairo_png, 100, 200) /
                   (double)ink_in_rows(cairo_png, 0, 100);
    if (!(haru > 1.15 && cairo > 1.15 && fabs(haru / cairo - 1) < 0.12))
        fail_msg("bold/regular ink: report %.3f, PNG %.3f", haru, cairo);
}

static void test_render_haru_error_is_reported(void **state)
{
    Fixture *fx = *state;
    Error err;
    error_clear(&err);
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    HaruFonts *hf = haru_fonts_load(doc, fx->fs, &err);
    assert_non_null(hf);
    HPDF_Page page = HPDF_AddPage(doc);
    HPDF_Page_BeginText(page); /* graphics ops are now invalid */
    assert_int_equal(render_haru_scene(page, fx->chart, fx->fs, hf, 0, 800,
                                       500, 300, &err),
                     -1);
    assert_int_equal(err.kind, ERR_RENDER);
    assert_non_null(strstr(err.message, "libharu error 0x"));
    haru_fonts_destroy(hf);
    HPDF_Free(doc);
}

static void test_report_find_urls(void **state)
{
    (void)state;
    ReportSpan sp[8];
    const char *t = "Reuters (https://example.com/a_(b)?q=1). See "
                    "http://x.org/y, javascript:alert('http://evil/') "
                    "file:///etc HTTPS://UP.example/Z; \"https://q.example\"";
    size_t n = report_find_urls(t, sp, 8);
    assert_int_equal(n, 4);
    char got[4][64];
    for (size_t i = 0; i < n; i++)
        snprintf(got[i], sizeof got[i], "%.*s", (int)sp[i].len,
                 t + sp[i].start);
    assert_string_equal(got[0], "https://example.com/a_(b)?q=1");
    assert_string_equal(got[1], "http://x.org/y");
    assert_string_equal(got[2], "HTTPS://UP.example/Z");
    assert_string_equal(got[3], "https://q.example");
    assert_int_equal(report_find_urls("javascript:x file:y http:// data:z",
                                      sp, 8),
                     0);
}

/* The key figures are the analysis' numbers: observed growth over the
 * last year and the window, the projection and interval at the horizon;
 * a two-point series gets none, and says why. */
static void test_report_figures_read_the_analysis(void **state)
{
    Fixture *fx = *state;
    int32_t date[3] = {date_from_ymd(2024, 1, 1), date_from_ymd(2024, 7, 1),
                       date_from_ymd(2025, 1, 1)};
    uint8_t prec[3] = {DATE_MONTH, DATE_MONTH, DATE_MONTH};
    double v[3] = {1e9, 2e9, 3e9};
    uint32_t line[3] = {2, 3, 4};
    Series s = {"A", "revenue", "USD", "f.csv", 3, date, prec, v, line, NULL};
    AnalysisOptions opt = analysis_defaults();
    SeriesAnalysis a;
    analysis_series(&s, &opt, &a);
    ReportRow row = {&s, &a};
    ReportFigures fig;
    report_figures(&row, &fig);
    double days = (double)(date[2] - date[0]);
    assert_true(fabs(fig.cagr - (pow(3.0, DAYS_PER_YEAR / days) - 1)) <
                1e-12);
    assert_true(fabs(fig.recent - fig.cagr) < 1e-12); /* 12 months back */
    assert_int_equal(fig.horizon, a.horizon);
    assert_true(fig.proj == a.proj && fig.lo == a.lo && fig.hi == a.hi);
    assert_true(fig.lo < fig.proj && fig.proj < fig.hi);
    assert_true(fabs(fig.latest - 3e9) < 1);
    /* Two points: no trend, and the reason. */
    s.n = 2;
    analysis_series(&s, &opt, &a);
    report_figures(&row, &fig);
    assert_true(isnan(fig.proj) && isnan(fig.lo) && isnan(fig.r2));
    assert_string_equal(analysis_why(&a), "2 points: too few for a trend");
    (void)fx;
}

/* The Letter and slides variants, and the Chinese one, lay out too. */
/* Sentence case inside a sentence keeps proper names. */
static void lowered_is(const char *name, const char *want)
{
    char metric[64];
    strcpy(metric, name);
    label_lower_first(LANG_EN, metric);
    assert_string_equal(metric, want);
}

static void test_metric_in_a_sentence(void **state)
{
    (void)state;
    lowered_is("Run-rate revenue", "run-rate revenue");
    lowered_is("Claude Code run-rate revenue", "Claude Code run-rate revenue");
    lowered_is("ChatGPT weekly users", "ChatGPT weekly users");
    lowered_is("ARR", "ARR");
    lowered_is("Weekly active users", "weekly active users");
    lowered_is("Google Cloud revenue", "Google Cloud revenue");
    char zh[32];
    strcpy(zh, "Claude Code 年化營收");
    label_lower_first(LANG_ZH_TW, zh);
    assert_string_equal(zh, "Claude Code 年化營收");
}

static void test_report_variants(void **state)
{
    Fixture *fx = *state;
    ReportPaper papers[3] = {REPORT_A4, REPORT_LETTER, REPORT_SLIDES};
    for (int lang = 0; lang < 2; lang++) {
        for (int i = 0; i < 3; i++) {
            ReportContent c = fx->content;
            c.paper = papers[i];
            c.lang = lang ? LANG_ZH_TW : LANG_EN;
            char path[256];
            snprintf(path, sizeof path, "%s/v%d%d.pdf", fx->dir, lang, i);
            Error err;
            error_clear(&err);
            assert_int_equal(report_write(&c, fx->fs, path, &err), 0);
            free(run_ok("qpdf --check '%s'", path));
            char *out = run_ok("pdftotext -enc UTF-8 '%s' -", path);
            assert_non_null(strstr(out, lang ? "\xe9\x97\x9c\xe9\x8d\xb5"
                                             : "Key figures"));
            free(out);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_passes_qpdf_check),
        cmocka_unit_test(test_report_text_extracts),
        cmocka_unit_test(test_report_is_vector_only),
        cmocka_unit_test(test_report_fonts_embedded_and_subset),
        cmocka_unit_test(test_report_renders_every_page),
        cmocka_unit_test(test_report_outline),
        cmocka_unit_test(test_report_same_input_same_bytes),
        cmocka_unit_test(test_report_missing_dir_is_io_error),
        cmocka_unit_test(test_report_long_table_continues),
        cmocka_unit_test(test_report_long_text_stays_on_page),
        cmocka_unit_test(test_render_haru_text_position),
        cmocka_unit_test(test_render_haru_markers),
        cmocka_unit_test(test_render_haru_bold_chinese_like_cairo),
        cmocka_unit_test(test_render_haru_error_is_reported),
        cmocka_unit_test(test_report_find_urls),
        cmocka_unit_test(test_report_figures_read_the_analysis),
        cmocka_unit_test(test_report_variants),
        cmocka_unit_test(test_metric_in_a_sentence),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
