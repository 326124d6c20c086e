/* test_golden.c - layout golden tests: the scene dump of fixed inputs is
 * compared byte for byte with tests/golden/<case>.scene. A mismatch writes
 * build/<case>-out.scene and its picture; `make golden` rewrites the files
 * on purpose and renders build/<case>.png to review before committing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotate.h"
#include "chart_build.h"
#include "chart_frame.h"
#include "cli.h"
#include "csvload.h"
#include "dates.h"
#include "render_cairo.h"
#include "simplified.h"

static FontStack *fonts;

static char *read_file(const char *path)
{
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

static char *dump_to_string(const Scene *scene)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    scene_dump(scene, f);
    fclose(f);
    return buf;
}

/* Builds the chart of req from files and compares with the golden file. */
static void check_golden(const char *name, const char *const *files,
                         size_t n_files, const ChartRequest *req)
{
    Error err;
    error_clear(&err);
    Dataset *ds = cli_load(files, n_files, NULL, &err);
    assert_non_null(ds);
    ChartBuilt built;
    assert_int_equal(chart_build(ds, req, fonts, &built, &err), 0);
    char *dump = dump_to_string(built.scene);
    /* zh-CN: no Traditional text left that OpenCC would still convert. */
    if (req->lang == LANG_ZH_CN)
        assert_string_equal(simplified_text(dump), dump);
    char golden[256], out[256], png[256];
    snprintf(golden, sizeof golden, "tests/golden/%s.scene", name);
    snprintf(out, sizeof out, "build/%s-out.scene", name);
    snprintf(png, sizeof png, "build/%s-out.png", name);
    if (getenv("AIGROWTH_GOLDEN_UPDATE")) {
        FILE *f = fopen(golden, "wb");
        assert_non_null(f);
        fputs(dump, f);
        fclose(f);
        /* The picture to review before committing the new golden file. */
        snprintf(png, sizeof png, "build/%s.png", name);
        assert_int_equal(render_cairo_file(built.scene, fonts, png, 1.0,
                                           &err),
                         0);
    }
    char *want = read_file(golden);
    if (!want || strcmp(want, dump) != 0) {
        FILE *f = fopen(out, "wb");
        if (f) {
            fputs(dump, f);
            fclose(f);
        }
        render_cairo_file(built.scene, fonts, png, 1.0, &err);
        fprintf(stderr, "golden mismatch: diff %s %s (picture: %s)\n",
                golden, out, png);
    }
    assert_non_null(want);
    assert_string_equal(want, dump);
    free(want);
    free(dump);
    chart_built_free(&built);
    dataset_destroy(ds);
}

static void test_revenue_log_with_projection(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/e2e/revenue.csv"};
    ChartRequest req = {.metric = "run_rate_revenue", .width = 960,
                        .height = 540, .axis = AXIS_AUTO,
                        .model = MODEL_EXP, .level = 0.80,
                        .horizon = date_from_ymd(2026, 10, 1)};
    check_golden("revenue_log", files, 1, &req);
}

static void test_users_linear_without_model(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/e2e/users.csv"};
    ChartRequest req = {.metric = "weekly_active_users", .width = 800,
                        .height = 600, .axis = AXIS_LINEAR,
                        .model = MODEL_NONE, .level = 0.80,
                        .title = "ChatGPT 週活躍用戶"};
    check_golden("users_linear", files, 1, &req);
}

static void test_eight_companies_with_context_lines(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/golden/eight.csv"};
    ChartRequest req = {.metric = "run_rate_revenue", .width = 960,
                        .height = 540, .axis = AXIS_AUTO,
                        .model = MODEL_EXP, .level = 0.80,
                        .horizon = date_from_ymd(2026, 1, 1)};
    check_golden("eight_context", files, 1, &req);
}

static void test_highlight_named_companies(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/golden/eight.csv"};
    static const char *const named[] = {"Beta", "Eta"};
    ChartRequest req = {.metric = "run_rate_revenue", .width = 960,
                        .height = 540, .axis = AXIS_LINEAR,
                        .model = MODEL_NONE, .level = 0.80,
                        .highlight = named, .n_highlight = 2};
    check_golden("eight_highlight_linear", files, 1, &req);
}

static void test_colliding_labels_and_events(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/golden/collide.csv"};
    EventList events = {0};
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_events(&events, "tests/data/golden/events.csv",
                                    &err),
                     0);
    ChartRequest req = {.metric = "run_rate_revenue", .width = 960,
                        .height = 540, .axis = AXIS_AUTO,
                        .model = MODEL_EXP, .level = 0.80,
                        .horizon = date_from_ymd(2026, 1, 1),
                        .events = &events};
    check_golden("collide_events", files, 1, &req);
    eventlist_free(&events);
}

/* A line ending on a round value under an event label: the axis keeps
 * headroom above it (HK$1.2T), so the label does not sit on the line's
 * end nor the end's marker on the plot's top edge. */
static void test_event_over_top_value(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/golden/top.csv"};
    EventList events = {0};
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_events(&events,
                                    "tests/data/golden/top_events.csv", &err),
                     0);
    ChartRequest req = {.metric = "market_cap", .width = 960, .height = 540,
                        .axis = AXIS_LINEAR, .model = MODEL_NONE,
                        .level = 0.80, .events = &events,
                        .check_overlap = 1};
    check_golden("event_top", files, 1, &req);
    eventlist_free(&events);
}

/* The same in Chinese, the events' Chinese labels drawn. */
static void test_chinese_events_in(Lang lang, const char *name)
{
    static const char *const files[] = {"tests/data/golden/collide.csv"};
    EventList events = {0};
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_events(&events,
                                    "tests/data/golden/events_zh.csv", &err),
                     0);
    ChartRequest req = {.metric = "run_rate_revenue", .width = 960,
                        .height = 540, .axis = AXIS_AUTO,
                        .model = MODEL_EXP, .level = 0.80,
                        .horizon = date_from_ymd(2026, 1, 1),
                        .events = &events, .lang = lang};
    check_golden(name, files, 1, &req);
    eventlist_free(&events);
}

static void test_chinese_events(void **state)
{
    (void)state;
    test_chinese_events_in(LANG_ZH_TW, "zh_events");
}

static void test_simplified_events(void **state)
{
    (void)state;
    test_chinese_events_in(LANG_ZH_CN, "zh_cn_events");
}

static void test_chinese_dark_square(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/e2e/revenue.csv"};
    ChartRequest req = {.metric = "run_rate_revenue", .width = 1200,
                        .height = 1200, .axis = AXIS_AUTO,
                        .model = MODEL_EXP, .level = 0.80,
                        .horizon = date_from_ymd(2026, 10, 1),
                        .title = "OpenAI 與 Anthropic 營收成長",
                        .lang = LANG_ZH_TW, .theme = &theme_dark};
    check_golden("zh_dark_square", files, 1, &req);
}

/* A title too long for one line wraps to two, broken after its phrase
 * mark (競逐：) rather than inside a word, at full size; in zh-CN the
 * Traditional title given reads Simplified. */
static void test_wrapped_title_in(Lang lang, const char *name)
{
    static const char *const files[] = {"tests/data/e2e/revenue.csv"};
    ChartRequest req = {.metric = "run_rate_revenue", .width = 800,
                        .height = 600, .axis = AXIS_AUTO,
                        .model = MODEL_EXP, .level = 0.80,
                        .horizon = date_from_ymd(2026, 10, 1),
                        .title = "OpenAI 與 Anthropic 營收競逐：兩年成長十倍，"
                                 "Anthropic 首度超越 OpenAI 成為營收最高的 AI "
                                 "新創",
                        .lang = lang};
    check_golden(name, files, 1, &req);
}

static void test_chinese_wrapped_title(void **state)
{
    (void)state;
    test_wrapped_title_in(LANG_ZH_TW, "zh_wrapped_title");
}

static void test_simplified_wrapped_title(void **state)
{
    (void)state;
    test_wrapped_title_in(LANG_ZH_CN, "zh_cn_wrapped_title");
}

static void test_month_axis_slide(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/golden/months.csv"};
    ChartRequest req = {.metric = "weekly_active_users", .width = 1920,
                        .height = 1080, .axis = AXIS_AUTO,
                        .model = MODEL_EXP, .level = 0.80,
                        .horizon = date_from_ymd(2025, 10, 1),
                        .transparent = 1};
    check_golden("months_slide_transparent", files, 1, &req);
}

static void test_a4_valuation_many_labels(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/golden/eight.csv"};
    ChartRequest req = {.metric = "run_rate_revenue", .width = 1754,
                        .height = 1240, .axis = AXIS_LOG,
                        .model = MODEL_LINEAR, .level = 0.80,
                        .horizon = date_from_ymd(2026, 6, 1),
                        .companies = (const char *const[]){"Alpha", "Gamma",
                                                           "Epsilon"},
                        .n_companies = 3};
    check_golden("a4_three_log_linear_model", files, 1, &req);
}

static void test_bar_chart(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/e2e/revenue.csv"};
    ChartRequest req = {.kind = CHART_BAR, .metric = "run_rate_revenue",
                        .width = 1600, .height = 1200, .lang = LANG_ZH_TW};
    check_golden("bar_zh_4x3", files, 1, &req);
}

/* Points of each confidence: verified filled, single-source open,
 * unverified open and faint, lower bounds with their caret in each; the
 * key names the kinds shown. */
/* Companies with one point each, in the middle of the data: each named
 * beside its dot, clear of the lines and of one another (the chart fails
 * on an overlap), not in the column at the right edge. */
static void test_lone_points_in(Lang lang, const char *name)
{
    static const char *const files[] = {"tests/data/golden/lone_points.csv"};
    ChartRequest req = {.metric = "revenue", .width = 960, .height = 540,
                        .axis = AXIS_AUTO, .model = MODEL_DAMPED,
                        .level = 0.80, .horizon = date_from_ymd(2026, 7, 1),
                        .lang = lang, .check_overlap = 1};
    check_golden(name, files, 1, &req);
}

static void test_lone_points_en(void **state)
{
    (void)state;
    test_lone_points_in(LANG_EN, "lone_points_en");
}

static void test_lone_points_zh(void **state)
{
    (void)state;
    test_lone_points_in(LANG_ZH_TW, "lone_points_zh");
}

/* The same with Alpha highlighted: the lone points are grey context,
 * each a small grey dot (a line of one point would draw nothing). */
static void test_lone_points_as_context(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/golden/lone_points.csv"};
    static const char *const named[] = {"Alpha"};
    ChartRequest req = {.metric = "revenue", .width = 960, .height = 540,
                        .axis = AXIS_AUTO, .model = MODEL_DAMPED,
                        .level = 0.80, .horizon = date_from_ymd(2026, 7, 1),
                        .highlight = named, .n_highlight = 1,
                        .check_overlap = 1};
    check_golden("lone_points_context", files, 1, &req);
}

static void test_confidence_in(Lang lang, const char *name)
{
    static const char *const files[] = {"tests/data/golden/confidence.csv"};
    ChartRequest req = {.metric = "revenue", .width = 960, .height = 540,
                        .axis = AXIS_AUTO, .model = MODEL_DAMPED,
                        .level = 0.80, .horizon = date_from_ymd(2027, 1, 1),
                        .lang = lang};
    check_golden(name, files, 1, &req);
}

static void test_confidence_en(void **state)
{
    (void)state;
    test_confidence_in(LANG_EN, "confidence_en");
}

static void test_confidence_zh(void **state)
{
    (void)state;
    test_confidence_in(LANG_ZH_TW, "confidence_zh");
}

/* Chinese values with markers (約, 逾, 以上, >) and quarters, sources in
 * a 來源 column: lower bounds drawn open with a caret and keyed, the
 * labels saying 逾, the source line naming the outlets. */
static void test_lower_bounds(Lang lang, const char *name)
{
    static const char *const files[] = {
        "tests/data/golden/lower_bound_zh.csv"};
    ChartRequest req = {.metric = "revenue", .width = 960, .height = 540,
                        .axis = AXIS_AUTO, .model = MODEL_DAMPED,
                        .level = 0.80, .horizon = date_from_ymd(2027, 1, 1),
                        .lang = lang};
    check_golden(name, files, 1, &req);
}

static void test_lower_bounds_zh(void **state)
{
    (void)state;
    test_lower_bounds(LANG_ZH_TW, "lower_bound_zh");
}

static void test_lower_bounds_cn(void **state)
{
    (void)state;
    test_lower_bounds(LANG_ZH_CN, "lower_bound_zh_cn");
}

static void test_lower_bounds_en(void **state)
{
    (void)state;
    test_lower_bounds(LANG_EN, "lower_bound_en");
}

/* Two bars fill the canvas (thick bars, larger type), the lower bound
 * says 逾 and the quarter reads 2026年第1季. */
static void test_two_company_bar_in(Lang lang, const char *name)
{
    static const char *const files[] = {
        "tests/data/golden/lower_bound_zh.csv"};
    ChartRequest req = {.kind = CHART_BAR, .metric = "revenue",
                        .width = 960, .height = 540, .lang = lang};
    check_golden(name, files, 1, &req);
}

static void test_two_company_bar(void **state)
{
    (void)state;
    test_two_company_bar_in(LANG_ZH_TW, "bar_two_zh");
}

static void test_simplified_two_company_bar(void **state)
{
    (void)state;
    test_two_company_bar_in(LANG_ZH_CN, "bar_two_zh_cn");
}

/* When each company reaches $10B: one already observed (a diamond, its
 * date), trends that reach it (dot and interval), one that does not by
 * the horizon, one falling, one with too few points: every row drawn,
 * the reason in words. */
static void test_milestones_in(Lang lang, const char *name, double w,
                               double h, const Theme *theme)
{
    static const char *const files[] = {"tests/data/golden/milestones.csv"};
    ChartRequest req = {.kind = CHART_MILESTONES,
                        .metric = "run_rate_revenue", .width = w,
                        .height = h, .axis = AXIS_AUTO, .model = MODEL_EXP,
                        .level = 0.80, .target = 10e9,
                        .horizon = date_from_ymd(2027, 6, 1), .lang = lang,
                        .theme = theme};
    check_golden(name, files, 1, &req);
}

static void test_milestones_en(void **state)
{
    (void)state;
    test_milestones_in(LANG_EN, "milestones_en", 960, 540, NULL);
}

static void test_milestones_zh(void **state)
{
    (void)state;
    test_milestones_in(LANG_ZH_TW, "milestones_zh", 960, 540, NULL);
}

static void test_milestones_zh_dark_a4(void **state)
{
    (void)state;
    test_milestones_in(LANG_ZH_TW, "milestones_zh_dark_a4", 842, 595,
                       &theme_dark);
}

/* Forty companies reaching $20B: at 960 x 540 the rows that fit with
 * names at three quarters of their size or more, then "19 others: none
 * before Nov 2025"; on an A4 portrait page every company has its row. */
static void test_forty_milestones_in(Lang lang, const char *name, double w,
                                     double h, size_t rows)
{
    static const char *const files[] = {
        "tests/data/golden/milestones40.csv"};
    ChartRequest req = {.kind = CHART_MILESTONES, .metric = "revenue",
                        .width = w, .height = h, .axis = AXIS_AUTO,
                        .model = MODEL_DAMPED, .level = 0.80, .target = 20e9,
                        .lang = lang};
    check_golden(name, files, 1, &req);
    Error err;
    error_clear(&err);
    Dataset *ds = cli_load(files, 1, NULL, &err);
    assert_non_null(ds);
    ChartBuilt built;
    assert_int_equal(chart_build(ds, &req, fonts, &built, &err), 0);
    const Scene *sc = built.scene;
    double k = frame_type_scale(w, h), smallest = 1e9;
    size_t names = 0;
    for (size_t i = 0; i < sc->n_ops; i++) {
        const SceneOp *op = &sc->ops[i];
        if (op->kind == OP_TEXT && op->weight == FONT_BOLD &&
            op->anchor == ANCHOR_END) {
            smallest = fmin(smallest, op->font_size);
            names++;
        }
    }
    assert_int_equal(names, rows);
    assert_true(smallest >= 10.5 * 0.75 * k - 1e-9);
    chart_built_free(&built);
    dataset_destroy(ds);
}

static void test_forty_milestones_en(void **state)
{
    (void)state;
    test_forty_milestones_in(LANG_EN, "milestones_forty_en", 960, 540, 22);
}

static void test_forty_milestones_zh_a4(void **state)
{
    (void)state;
    test_forty_milestones_in(LANG_ZH_TW, "milestones_forty_zh_a4", 595, 842,
                             40);
}

/* Many annotations on a crowded chart: two reference lines, two shaded
 * periods and five callouts beside the events' labels; no two labels
 * may overlap (check_overlap fails the build of the chart if they do). */
static void test_annotations_in(Lang lang, const char *name, double w,
                                double h, const Theme *theme)
{
    static const char *const files[] = {"tests/data/golden/collide.csv"};
    static const struct {
        NoteKind kind;
        const char *en, *zh;
    } given[] = {
        {NOTE_HLINE, "10B,$10B target", "10B,100億美元目標"},
        {NOTE_HLINE, "5B,Half way", "5B,一半"},
        {NOTE_RANGE, "2024-04,2024-09,Price war", "2024-04,2024-09,價格戰"},
        {NOTE_RANGE, "2025-03,2025-05,Chip export rules",
         "2025-03,2025-05,晶片出口管制"},
        {NOTE_CALLOUT, "2024-07,2B,Left doubles", "2024-07,2B,Left 翻倍"},
        {NOTE_CALLOUT, "2024-07,2.6B,Right's new model",
         "2024-07,2.6B,Right 發表新模型"},
        {NOTE_CALLOUT, "2025-01,4B,Middle, Left and Right meet",
         "2025-01,4B,三家在此交會"},
        {NOTE_CALLOUT, "2025-07,8B,All near $8B", "2025-07,8B,三家皆近80億美元"},
        {NOTE_CALLOUT, "2024-01,1B,Start", "2024-01,1B,起點"},
    };
    Annotation notes[sizeof given / sizeof given[0]];
    char why[300];
    for (size_t i = 0; i < sizeof given / sizeof given[0]; i++)
        assert_int_equal(annotation_parse(given[i].kind,
                                          lang == LANG_EN ? given[i].en
                                                          : given[i].zh,
                                          &notes[i], why, sizeof why),
                         0);
    EventList events = {0};
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_events(&events, "tests/data/golden/events.csv",
                                    &err),
                     0);
    ChartRequest req = {.metric = "run_rate_revenue", .width = w,
                        .height = h, .axis = AXIS_LINEAR,
                        .model = MODEL_EXP, .level = 0.80,
                        .horizon = date_from_ymd(2026, 1, 1),
                        .events = &events, .lang = lang, .theme = theme,
                        .notes = notes,
                        .n_notes = sizeof notes / sizeof notes[0],
                        .check_overlap = 1};
    check_golden(name, files, 1, &req);
    eventlist_free(&events);
}

static void test_annotations_en(void **state)
{
    (void)state;
    test_annotations_in(LANG_EN, "annotations_en", 960, 540, NULL);
}

static void test_annotations_zh(void **state)
{
    (void)state;
    test_annotations_in(LANG_ZH_TW, "annotations_zh", 960, 540, NULL);
}

static void test_annotations_zh_dark_a4(void **state)
{
    (void)state;
    test_annotations_in(LANG_ZH_TW, "annotations_zh_dark_a4", 842, 595,
                        &theme_dark);
}

/* Rebased: every series divided by its value at the start (the latest
 * first date, or the one given), times 100 or as "× since"; the
 * projections divided the same way, never refitted. */
static void test_rebased_in(Lang lang, const char *name, int growth,
                            long at, const Theme *theme)
{
    static const char *const files[] = {"tests/data/e2e/revenue.csv"};
    ChartRequest req = {.metric = "run_rate_revenue", .width = 960,
                        .height = 540, .axis = AXIS_AUTO,
                        .model = MODEL_EXP, .level = 0.80,
                        .horizon = date_from_ymd(2026, 10, 1), .lang = lang,
                        .theme = theme, .index_base = growth ? 0 : 100,
                        .growth = growth, .index_at = at};
    check_golden(name, files, 1, &req);
}

static void test_index_en(void **state)
{
    (void)state;
    test_rebased_in(LANG_EN, "index_en", 0, 0, NULL);
}

static void test_index_zh(void **state)
{
    (void)state;
    test_rebased_in(LANG_ZH_TW, "index_zh", 0, 0, NULL);
}

static void test_growth_since_zh_dark(void **state)
{
    (void)state;
    test_rebased_in(LANG_ZH_TW, "growth_since_zh_dark", 1,
                    date_from_ymd(2024, 12, 1), &theme_dark);
}

static void test_growth_since_en(void **state)
{
    (void)state;
    test_rebased_in(LANG_EN, "growth_since_en", 1,
                    date_from_ymd(2024, 12, 1), NULL);
}

/* Aligned time: each series on months since its own origin, the
 * projections the analysis' own shifted in x; the frozen July 2026
 * revenue, so the figures do not move with datasets/. */
static void check_aligned(const char *name, const char *align, Lang lang,
                          double w, double h, const Theme *theme,
                          const EventList *events)
{
    static const char *const files[] = {
        "tests/data/views/revenue-2026-07.csv"};
    static const char *const companies[] = {"OpenAI", "Anthropic",
                                            "Anysphere (Cursor)",
                                            "Perplexity"};
    ChartRequest req = {.metric = "run_rate_revenue", .width = w,
                        .height = h, .axis = AXIS_AUTO,
                        .model = MODEL_DAMPED, .level = 0.80, .lang = lang,
                        .theme = theme, .companies = companies,
                        .n_companies = 4, .events = events,
                        .check_overlap = 1};
    char why[200];
    assert_int_equal(align_parse(align, &req.align, why, sizeof why), 0);
    check_golden(name, files, 1, &req);
}

static void test_align_first_en(void **state)
{
    (void)state;
    check_aligned("align_first_en", "first", LANG_EN, 960, 540, NULL, NULL);
}

static void test_align_first_zh_a4(void **state)
{
    (void)state;
    check_aligned("align_first_zh_a4", "first", LANG_ZH_TW, 842, 595, NULL,
                  NULL);
}

/* Launch dates from the events ("ChatGPT launched" for OpenAI); the
 * company events move with their series, the market's one is left out,
 * and Cursor and Perplexity, with no launch date, are named in the note. */
static void check_aligned_launch(const char *name, Lang lang,
                                 const Theme *theme)
{
    EventList events = {0};
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_events(&events,
                                    "tests/data/golden/align_events.csv",
                                    &err),
                     0);
    check_aligned(name, "launch", lang, 960, 540, theme, &events);
    eventlist_free(&events);
}

static void test_align_launch_en(void **state)
{
    (void)state;
    check_aligned_launch("align_launch_en", LANG_EN, NULL);
}

static void test_align_launch_zh(void **state)
{
    (void)state;
    check_aligned_launch("align_launch_zh", LANG_ZH_TW, NULL);
}

/* zh-CN: every word in Simplified, the events' labels too. */
static void test_align_launch_zh_cn(void **state)
{
    (void)state;
    check_aligned_launch("align_launch_zh_cn", LANG_ZH_CN, NULL);
}

/* $2B: OpenAI's on a report, Anthropic's between two (interpolated);
 * Perplexity never got there. */
static void test_align_threshold_en(void **state)
{
    (void)state;
    check_aligned("align_threshold_en", "threshold:$2B", LANG_EN, 960, 540,
                  NULL, NULL);
}

/* $1B: OpenAI was over it at its first report, and is left out. */
static void test_align_threshold_zh_dark(void **state)
{
    (void)state;
    check_aligned("align_threshold_zh_dark", "threshold:1B", LANG_ZH_TW, 960,
                  540, &theme_dark, NULL);
}

/* Aligned on the first report, lines end at their own ages: one without
 * a projection that ends well left is named beside its end, not in the
 * column at the right edge. A4, dark; the frozen July 2026 valuations. */
static void test_align_first_valuation_dark_a4(void **state)
{
    (void)state;
    static const char *const files[] = {
        "tests/data/views/valuation-2026-07.csv"};
    ChartRequest req = {.metric = "post_money_valuation", .width = 842,
                        .height = 595, .axis = AXIS_AUTO,
                        .model = MODEL_DAMPED, .level = 0.80,
                        .theme = &theme_dark, .check_overlap = 1,
                        .align = {ALIGN_FIRST, 0, ""}};
    check_golden("align_first_valuation_dark_a4", files, 1, &req);
}

/* No two names of a bar chart overlap: each row's name starts at least
 * its type's height below the one above. */
static void assert_bar_names_apart(const char *const *files,
                                   const ChartRequest *req)
{
    Error err;
    error_clear(&err);
    Dataset *ds = cli_load(files, 1, NULL, &err);
    assert_non_null(ds);
    ChartBuilt built;
    assert_int_equal(chart_build(ds, req, fonts, &built, &err), 0);
    const Scene *sc = built.scene;
    double last = -1e9;
    size_t names = 0;
    for (size_t i = 0; i < sc->n_ops; i++) {
        const SceneOp *op = &sc->ops[i];
        if (op->kind != OP_TEXT || op->anchor != ANCHOR_END)
            continue;
        double h = text_ascent(fonts, op->font_size) +
                   text_descent(fonts, op->font_size);
        assert_true(op->y - last >= h);
        last = op->y;
        names++;
    }
    assert_true(names > 10);
    chart_built_free(&built);
    dataset_destroy(ds);
}

/* Forty companies: the largest that fit at a legible size, then one row
 * saying how many others and below what. */
static void test_forty_bars_in(Lang lang, const char *name)
{
    static const char *const files[] = {"tests/data/golden/forty.csv"};
    ChartRequest req = {.kind = CHART_BAR, .metric = "post_money_valuation",
                        .width = 960, .height = 540, .lang = lang};
    check_golden(name, files, 1, &req);
    assert_bar_names_apart(files, &req);
    req.width = 842;
    req.height = 595;
    assert_bar_names_apart(files, &req);
}

static void test_forty_bars_en(void **state)
{
    (void)state;
    test_forty_bars_in(LANG_EN, "bar_forty_en");
}

static void test_forty_bars_zh(void **state)
{
    (void)state;
    test_forty_bars_in(LANG_ZH_TW, "bar_forty_zh");
}

/* An OWID-shaped export (Entity, Code, Year, one indicator) of 241
 * entities, one point each: drawn as bars (a line chart of one point per
 * entity is a column of dots), the largest that fit and "N others", at
 * slide and A4 sizes, names never overlapping. */
static void test_owid_bars_in(Lang lang, const char *name)
{
    static const char *const files[] = {"tests/data/views/owid_241.csv"};
    Error err;
    error_clear(&err);
    Dataset *ds = cli_load(files, 1, NULL, &err);
    assert_non_null(ds);
    ChartRequest req = {.kind = CHART_LINE,
                        .metric = "Population (historical)", .width = 960,
                        .height = 540, .lang = lang};
    assert_int_equal(ds->n_series, 241);
    assert_true(chart_is_cross_section(ds, &req));
    dataset_destroy(ds);
    req.kind = CHART_BAR;
    check_golden(name, files, 1, &req);
    assert_bar_names_apart(files, &req);
    req.width = 842;
    req.height = 595;
    assert_bar_names_apart(files, &req);
    req.width = 595;
    req.height = 842;
    assert_bar_names_apart(files, &req);
}

static void test_owid_bars_en(void **state)
{
    (void)state;
    test_owid_bars_in(LANG_EN, "bar_owid_241_en");
}

static void test_owid_bars_zh(void **state)
{
    (void)state;
    test_owid_bars_in(LANG_ZH_TW, "bar_owid_241_zh");
}

/* No two texts of a scene overlap: each run's box from its anchor, its
 * measured width and the font's ascent and descent (upright runs). */
static void assert_texts_apart(const Scene *sc, size_t at_least)
{
    size_t n = 0;
    double (*box)[4] = malloc((sc->n_ops + 1) * sizeof *box);
    for (size_t i = 0; i < sc->n_ops; i++) {
        const SceneOp *op = &sc->ops[i];
        if (op->kind != OP_TEXT || op->angle != 0)
            continue;
        double w = text_width(fonts, scene_op_text(sc, op), op->weight,
                              op->font_size);
        double x0 = op->anchor == ANCHOR_START    ? op->x
                    : op->anchor == ANCHOR_MIDDLE ? op->x - w / 2
                                                  : op->x - w;
        double b[4] = {x0, op->y - text_ascent(fonts, op->font_size),
                       x0 + w, op->y + text_descent(fonts, op->font_size)};
        for (size_t j = 0; j < n; j++) {
            int meet = b[0] < box[j][2] - 0.5 && box[j][0] < b[2] - 0.5 &&
                       b[1] < box[j][3] - 0.5 && box[j][1] < b[3] - 0.5;
            if (meet)
                fprintf(stderr, "text \"%s\" overlaps another\n",
                        scene_op_text(sc, op));
            assert_false(meet);
        }
        memcpy(box[n++], b, sizeof b);
    }
    assert_true(n >= at_least);
    free(box);
}

static void check_facet(const char *name, const char *file,
                        const ChartRequest *req, size_t texts)
{
    const char *const files[] = {file};
    check_golden(name, files, 1, req);
    Error err;
    error_clear(&err);
    Dataset *ds = cli_load(files, 1, NULL, &err);
    assert_non_null(ds);
    ChartBuilt built;
    assert_int_equal(chart_build(ds, req, fonts, &built, &err), 0);
    assert_texts_apart(built.scene, texts);
    chart_built_free(&built);
    dataset_destroy(ds);
}

/* Twenty companies as small multiples: a 5 x 4 grid on a slide, one log
 * axis for all, each line's first and last values, no text touching
 * another anywhere in the figure. */
static void test_facet_twenty_in(Lang lang, const char *name)
{
    ChartRequest req = {.metric = "run_rate_revenue", .width = 960,
                        .height = 540, .axis = AXIS_AUTO,
                        .model = MODEL_DAMPED, .level = 0.80,
                        .horizon = date_from_ymd(2027, 1, 1),
                        .facet = FACET_COMPANY, .lang = lang,
                        .check_overlap = 1};
    check_facet(name, "tests/data/golden/twenty.csv", &req, 100);
}

static void test_facet_twenty_en(void **state)
{
    (void)state;
    test_facet_twenty_in(LANG_EN, "facet_twenty_en");
}

static void test_facet_twenty_zh(void **state)
{
    (void)state;
    test_facet_twenty_in(LANG_ZH_TW, "facet_twenty_zh");
}

/* Free scales on an A4 page: each panel its own value axis, labelled. */
static void test_facet_free_a4(void **state)
{
    (void)state;
    static const char *const some[] = {"Alpha AI", "Beta Labs",
                                       "Lambda Search", "Mu Health",
                                       "Xi Code", "Zeta Cloud"};
    ChartRequest req = {.metric = "run_rate_revenue", .width = 842,
                        .height = 595, .axis = AXIS_AUTO,
                        .model = MODEL_DAMPED, .level = 0.80,
                        .horizon = date_from_ymd(2027, 1, 1),
                        .companies = some, .n_companies = 6,
                        .facet = FACET_COMPANY, .facet_scale = FACET_FREE,
                        .check_overlap = 1};
    check_facet("facet_free_a4", "tests/data/golden/twenty.csv", &req, 40);
}

/* The dark theme's paper under every panel, in Chinese. */
static void test_facet_dark_zh(void **state)
{
    (void)state;
    ChartRequest req = {.metric = "run_rate_revenue", .width = 960,
                        .height = 540, .axis = AXIS_AUTO,
                        .model = MODEL_DAMPED, .level = 0.80,
                        .horizon = date_from_ymd(2027, 1, 1),
                        .facet = FACET_COMPANY, .lang = LANG_ZH_TW,
                        .theme = &theme_dark, .check_overlap = 1};
    check_facet("facet_dark_zh", "tests/data/golden/twenty.csv", &req, 100);
}

/* Two metrics in two units (users, USD): two panels stacked on one time
 * axis, each with its own value axis; and the same asked for by
 * metric. */
static void test_two_metrics_two_units(void **state)
{
    (void)state;
    ChartRequest req = {.metric = "weekly_active_users, run_rate_revenue",
                        .width = 960, .height = 540, .axis = AXIS_AUTO,
                        .model = MODEL_DAMPED, .level = 0.80,
                        .horizon = date_from_ymd(2027, 3, 1),
                        .check_overlap = 1};
    check_facet("two_metrics_panels", "tests/data/views/users-revenue.csv",
                &req, 20);
    req.facet = FACET_METRIC;
    check_facet("two_metrics_panels",
                "tests/data/views/users-revenue.csv", &req, 20);
}

/* Weekly and monthly users, one unit: one axis, the second metric
 * dotted, a key of line styles under the subtitle. */
static void test_two_metrics_one_axis_in(Lang lang, const char *name)
{
    static const char *const files[] = {"tests/data/views/users-2026-07.csv"};
    ChartRequest req = {.metric = "weekly_active_users,monthly_active_users",
                        .width = 960, .height = 540, .axis = AXIS_AUTO,
                        .model = MODEL_DAMPED, .level = 0.80,
                        .horizon = date_from_ymd(2027, 3, 1),
                        .lang = lang};
    check_golden(name, files, 1, &req);
}

static void test_two_metrics_one_axis_en(void **state)
{
    (void)state;
    test_two_metrics_one_axis_in(LANG_EN, "two_metrics_en");
}

static void test_two_metrics_one_axis_zh(void **state)
{
    (void)state;
    test_two_metrics_one_axis_in(LANG_ZH_TW, "two_metrics_zh");
}

/* Grids: about half again as wide as tall, few empty cells. */
static void test_facet_grid_shapes(void **state)
{
    (void)state;
    size_t cols, rows;
    chart_facet_grid(20, 912, 420, &cols, &rows);
    assert_int_equal(cols, 5);
    assert_int_equal(rows, 4);
    chart_facet_grid(12, 912, 420, &cols, &rows);
    assert_int_equal(cols * rows >= 12, 1);
    assert_true(cols * rows - 12 < cols);
    chart_facet_grid(1, 912, 420, &cols, &rows);
    assert_int_equal(cols * rows, 1);
    chart_facet_grid(6, 400, 800, &cols, &rows);
    assert_true(rows > cols);
}

static int setup(void **state)
{
    (void)state;
    Error err;
    error_clear(&err);
    fonts = fontstack_create(&err);
    return fonts ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fontstack_destroy(fonts);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_revenue_log_with_projection),
        cmocka_unit_test(test_users_linear_without_model),
        cmocka_unit_test(test_eight_companies_with_context_lines),
        cmocka_unit_test(test_highlight_named_companies),
        cmocka_unit_test(test_colliding_labels_and_events),
        cmocka_unit_test(test_event_over_top_value),
        cmocka_unit_test(test_chinese_events),
        cmocka_unit_test(test_chinese_dark_square),
        cmocka_unit_test(test_chinese_wrapped_title),
        cmocka_unit_test(test_month_axis_slide),
        cmocka_unit_test(test_a4_valuation_many_labels),
        cmocka_unit_test(test_bar_chart),
        cmocka_unit_test(test_lower_bounds_zh),
        cmocka_unit_test(test_two_company_bar),
        cmocka_unit_test(test_lower_bounds_en),
        cmocka_unit_test(test_lone_points_en),
        cmocka_unit_test(test_lone_points_zh),
        cmocka_unit_test(test_lone_points_as_context),
        cmocka_unit_test(test_confidence_en),
        cmocka_unit_test(test_confidence_zh),
        cmocka_unit_test(test_simplified_events),
        cmocka_unit_test(test_simplified_wrapped_title),
        cmocka_unit_test(test_lower_bounds_cn),
        cmocka_unit_test(test_simplified_two_company_bar),
        cmocka_unit_test(test_milestones_en),
        cmocka_unit_test(test_milestones_zh),
        cmocka_unit_test(test_milestones_zh_dark_a4),
        cmocka_unit_test(test_forty_milestones_en),
        cmocka_unit_test(test_forty_milestones_zh_a4),
        cmocka_unit_test(test_annotations_en),
        cmocka_unit_test(test_annotations_zh),
        cmocka_unit_test(test_annotations_zh_dark_a4),
        cmocka_unit_test(test_index_en),
        cmocka_unit_test(test_index_zh),
        cmocka_unit_test(test_growth_since_zh_dark),
        cmocka_unit_test(test_growth_since_en),
        cmocka_unit_test(test_align_first_en),
        cmocka_unit_test(test_align_first_zh_a4),
        cmocka_unit_test(test_align_launch_en),
        cmocka_unit_test(test_align_launch_zh),
        cmocka_unit_test(test_align_launch_zh_cn),
        cmocka_unit_test(test_align_threshold_en),
        cmocka_unit_test(test_align_threshold_zh_dark),
        cmocka_unit_test(test_align_first_valuation_dark_a4),
        cmocka_unit_test(test_forty_bars_en),
        cmocka_unit_test(test_forty_bars_zh),
        cmocka_unit_test(test_owid_bars_en),
        cmocka_unit_test(test_owid_bars_zh),
        cmocka_unit_test(test_facet_twenty_en),
        cmocka_unit_test(test_facet_twenty_zh),
        cmocka_unit_test(test_facet_free_a4),
        cmocka_unit_test(test_facet_dark_zh),
        cmocka_unit_test(test_two_metrics_two_units),
        cmocka_unit_test(test_two_metrics_one_axis_en),
        cmocka_unit_test(test_two_metrics_one_axis_zh),
        cmocka_unit_test(test_facet_grid_shapes),
    };
    return cmocka_run_group_tests_name("golden", tests, setup, teardown);
}
