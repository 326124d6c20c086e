/* test_spec.c - report.ini parsing: every key, the defaults, and the exact
 * error for each kind of mistake. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "spec.h"

static void test_defaults(void **state)
{
    (void)state;
    Spec spec;
    spec_default(&spec);
    assert_string_equal(spec.output, "report.pdf");
    assert_string_equal(spec.charts_dir, "charts");
    assert_int_equal(spec.formats, FORMAT_PNG | FORMAT_SVG);
    assert_int_equal(spec.data.n, 3);
    assert_string_equal(spec.data.items[0], "datasets/revenue.csv");
    assert_int_equal(spec.n_charts, 0);
    assert_true(spec.level == 0.80);
    spec_free(&spec);
}

static void test_every_key(void **state)
{
    (void)state;
    Spec spec;
    Error err;
    error_clear(&err);
    assert_int_equal(spec_load("tests/data/spec/full.ini", &spec, &err), 0);
    assert_string_equal(spec.title, "AI 公司成長");
    assert_string_equal(spec.author, "Newsroom");
    assert_int_equal(spec.lang, LANG_ZH_TW);
    assert_string_equal(spec.page, "slides");
    assert_string_equal(spec.output, "tests/data/spec/out/report.pdf");
    assert_string_equal(spec.charts_dir, "tests/data/spec/out/charts");
    assert_int_equal(spec.formats, FORMAT_PNG | FORMAT_SVG | FORMAT_PDF);
    assert_string_equal(spec.horizon, "+18m");
    assert_true(spec.level == 0.9);
    assert_ptr_equal(spec.theme, &theme_dark);
    assert_int_equal(spec.data.n, 2);
    assert_string_equal(spec.data.items[1],
                        "tests/data/spec/../e2e/users.csv");
    assert_string_equal(spec.events, "tests/data/spec/../golden/events.csv");
    assert_int_equal(spec.n_charts, 2);
    const ChartSpec *c = &spec.charts[0];
    assert_string_equal(c->name, "revenue");
    assert_int_equal(c->line, 17);
    assert_string_equal(c->metric, "run_rate_revenue");
    assert_int_equal(c->companies.n, 2);
    assert_string_equal(c->companies.items[1], "Anthropic");
    assert_int_equal(c->highlight.n, 1);
    assert_int_equal(c->n_colors, 2);
    assert_string_equal(c->colors[1].company, "Anthropic");
    assert_true(c->colors[0].color.g > 0.2 && c->colors[0].color.g < 0.21);
    assert_int_equal(c->axis, AXIS_LOG);
    assert_int_equal(c->model, MODEL_AUTO);
    assert_string_equal(c->since, "2024-01");
    assert_int_equal(c->last, 6);
    assert_string_equal(c->horizon, "2027-06");
    assert_string_equal(c->title, "Revenue");
    assert_true(c->width == 1600 && c->height == 1200);
    /* A chart's name, UTF-8 as written, is the stem of its files. */
    assert_string_equal(spec.charts[1].name, "營收 users");
    assert_int_equal(spec.charts[1].kind, CHART_BAR);
    assert_int_equal(spec.charts[1].line, 31);
    assert_int_equal(spec.charts[1].data.n, 1);
    spec_free(&spec);
}

/* facet, facet_scale and a metric of two names, as written. */
static void test_facet_keys(void **state)
{
    (void)state;
    Spec spec;
    Error err;
    error_clear(&err);
    assert_int_equal(spec_load("tests/data/spec/facet.ini", &spec, &err), 0);
    assert_int_equal(spec.n_charts, 3);
    assert_int_equal(spec.charts[0].facet, FACET_COMPANY);
    assert_int_equal(spec.charts[0].facet_scale, FACET_FREE);
    assert_int_equal(spec.charts[0].facet_scale_set, 1);
    assert_int_equal(spec.charts[1].facet, FACET_METRIC);
    assert_int_equal(spec.charts[1].facet_scale, FACET_SHARED);
    assert_string_equal(spec.charts[1].metric,
                        "weekly_active_users , monthly_active_users");
    char names[CHART_METRICS_MAX][CHART_METRIC_NAME_MAX], why[96];
    size_t n;
    assert_int_equal(chart_metrics_split(spec.charts[1].metric, names, &n,
                                         why, sizeof why),
                     0);
    assert_int_equal(n, 2);
    assert_string_equal(names[0], "weekly_active_users");
    assert_string_equal(names[1], "monthly_active_users");
    assert_int_equal(spec.charts[2].facet, FACET_NONE);
    assert_int_equal(spec.charts[2].facet_scale_set, 0);
    spec_free(&spec);
}

static void expect_error(const char *path, ErrorKind kind, long line,
                         const char *message)
{
    Spec spec;
    Error err;
    error_clear(&err);
    assert_int_equal(spec_load(path, &spec, &err), -1);
    assert_int_equal(err.kind, kind);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, line);
    assert_string_equal(err.message, message);
}

static void test_errors_name_line_and_key(void **state)
{
    (void)state;
    expect_error("tests/data/spec/unknown_key.ini", ERR_DATA, 3,
                 "unknown key \"colour\" in [report]; known keys: title, "
                 "subtitle, author, lang, page, output, charts, formats, "
                 "horizon, cap, level, theme, data, events, changes, "
                 "source, note, credit, date_order, skip_rows, verified_only, "
                 "value_column, date_column, entity_column");
    expect_error("tests/data/spec/bad_date_order.ini", ERR_DATA, 2,
                 "date_order = ymd: use dmy or mdy");
    expect_error("tests/data/spec/bad_verified_only.ini", ERR_DATA, 2,
                 "verified_only = maybe: use yes or no");
    expect_error("tests/data/spec/unknown_section.ini", ERR_DATA, 3,
                 "unknown section [charts]; use [report], [colors], [launch] or "
                 "[chart NAME]");
    expect_error("tests/data/spec/twice.ini", ERR_DATA, 3,
                 "chart \"a\" is defined twice; give each [chart NAME] its "
                 "own name");
    expect_error("tests/data/spec/bad_level.ini", ERR_DATA, 2,
                 "level = 1.5: use a number between 0 and 1, e.g. 0.8");
    expect_error("tests/data/spec/bad_model.ini", ERR_DATA, 2,
                 "model = cubic: use exp, linear, logistic, auto or none");
    expect_error("tests/data/spec/bad_line.ini", ERR_DATA, 2,
                 "not a valid ini line; write key = value under a "
                 "[section]");
    expect_error("tests/data/spec/bad_colors.ini", ERR_DATA, 2,
                 "colors = OpenAI:#123456: write COMPANY=#rrggbb, separated "
                 "by commas");
    expect_error("tests/data/spec/bad_lang_tag.ini", ERR_DATA, 2,
                 "key \"title[fr]\": \"fr\" is not a language; use en, "
                 "zh-TW or zh-CN");
    expect_error("tests/data/spec/lang_tag_on_metric.ini", ERR_DATA, 5,
                 "key \"metric[zh-TW]\": only title and subtitle can be "
                 "given per language");
    expect_error("tests/data/spec/bad_colors_section.ini", ERR_DATA, 2,
                 "[colors] OpenAI = green: write COMPANY = #rrggbb");
    expect_error("tests/data/spec/colors_twice.ini", ERR_DATA, 3,
                 "[colors] gives OpenAI twice; keep one line");
    expect_error("tests/data/spec/bad_number_style.ini", ERR_DATA, 2,
                 "number_style = commas: use plain (1015億) or grouped "
                 "(1,015億)");
    expect_error("tests/data/spec/missing.ini", ERR_IO, 0,
                 "cannot open: No such file or directory");
}

/* number_style = grouped rides on the language spec_use_language sets,
 * in the spec's language or one given later. */
static void test_number_style_key(void **state)
{
    (void)state;
    Spec spec;
    Error err;
    error_clear(&err);
    assert_int_equal(spec_load("tests/data/spec/number_style.ini", &spec,
                               &err),
                     0);
    assert_int_equal(spec.number_style, NUMBERS_GROUPED);
    spec_use_language(&spec, spec.lang);
    assert_int_equal(spec.lang, lang_with_numbers(LANG_ZH_TW,
                                                  NUMBERS_GROUPED));
    spec_use_language(&spec, LANG_ZH_CN);
    assert_int_equal(lang_base(spec.lang), LANG_ZH_CN);
    assert_true(spec.lang & LANG_NUMBERS_GROUPED);
    spec_free(&spec);
}

/* [colors]: a company (a name with spaces too) per line. */
static void test_colors_section(void **state)
{
    (void)state;
    Spec spec;
    Error err;
    error_clear(&err);
    assert_int_equal(spec_load("tests/data/spec/colors_section.ini", &spec,
                               &err),
                     0);
    assert_int_equal(spec.n_colors, 2);
    assert_string_equal(spec.colors[0].company, "OpenAI");
    assert_true(spec.colors[0].color.g > 0.63 && spec.colors[0].color.g < 0.64);
    assert_string_equal(spec.colors[1].company, "Meta AI");
    assert_true(spec.colors[1].color.b > 0.88 && spec.colors[1].color.b < 0.89);
    spec_free(&spec);
}

/* title[zh-TW] is the title in zh-TW, the plain key in any other
 * language; a language without its own text keeps the plain one; zh-CN
 * falls back to zh-TW. */
static void test_texts_per_language(void **state)
{
    (void)state;
    static const char path[] = "tests/data/spec/per_language.ini";
    Spec spec;
    Error err;
    error_clear(&err);
    assert_int_equal(spec_load(path, &spec, &err), 0);
    spec_use_language(&spec, LANG_EN);
    assert_string_equal(spec.title, "AI company growth");
    assert_null(spec.author);
    assert_string_equal(spec.charts[0].title, "Anthropic passed OpenAI");
    assert_null(spec.charts[0].subtitle);
    spec_free(&spec);
    assert_int_equal(spec_load(path, &spec, &err), 0);
    spec_use_language(&spec, LANG_ZH_TW);
    assert_int_equal(spec.lang, LANG_ZH_TW);
    assert_string_equal(spec.title, "AI 公司成長");
    assert_string_equal(spec.subtitle, "Revenue and users");
    assert_string_equal(spec.author, "編輯台");
    assert_string_equal(spec.charts[0].title, "Anthropic 營收超越 OpenAI");
    assert_string_equal(spec.charts[0].subtitle, "年化營收");
    spec_free(&spec);
    /* zh-CN: its own text as written, else zh-TW's, else the plain one,
     * in Simplified. */
    assert_int_equal(spec_load(path, &spec, &err), 0);
    spec_use_language(&spec, LANG_ZH_CN);
    assert_string_equal(spec.title, "AI 公司增长");
    assert_string_equal(spec.subtitle, "Revenue and users");
    assert_string_equal(spec.author, "编辑台");
    assert_string_equal(spec.charts[0].title, "Anthropic 营收超越 OpenAI");
    assert_string_equal(spec.charts[0].subtitle, "年化营收（美元）");
    spec_free(&spec);
}

/* The loading keys read as the commands' --date-order and --skip-rows. */
static void test_load_keys(void **state)
{
    (void)state;
    Spec spec;
    Error err;
    error_clear(&err);
    assert_int_equal(spec_load("tests/data/spec/load_keys.ini", &spec, &err),
                     0);
    assert_int_equal(spec.csv.date_order, DATE_ORDER_MDY);
    assert_int_equal(spec.csv.skip_rows, 1);
    assert_null(spec.csv.metric);
    assert_string_equal(spec.csv.value_column, "Run-rate revenue");
    assert_string_equal(spec.csv.entity_column, "Firm");
    assert_null(spec.csv.date_column);
    assert_int_equal(spec.csv.verified_only, 1);
    spec_free(&spec);
    spec_default(&spec);
    assert_int_equal(spec.csv.verified_only, 0);
    assert_null(spec.csv.value_column);
    assert_int_equal(spec.csv.date_order, DATE_ORDER_NONE);
    assert_int_equal(spec.csv.skip_rows, 0);
    spec_free(&spec);
}

static void expect_stem(const char *name, const char *why)
{
    char got[96];
    int rc = spec_check_stem(name, got, sizeof got);
    if (!why) {
        assert_int_equal(rc, 0);
        return;
    }
    assert_int_equal(rc, -1);
    assert_string_equal(got, why);
}

static void test_check_stem(void **state)
{
    (void)state;
    expect_stem("營收", NULL);
    expect_stem("用戶", NULL);
    expect_stem("run_rate-2025", NULL);
    expect_stem("a/b", "has a '/'");
    expect_stem("../x", "starts with '.' (a hidden file)");
    expect_stem("-rf", "starts with '-' (it would read as an option)");
    expect_stem("", "is empty");
    expect_stem("a\nb", "has a control character");
    expect_stem("gnp\xe2\x80\xae" "exe", "has a control character");
    expect_stem("\xff\xfe", "is not UTF-8");
    char longname[SPEC_STEM_MAX + 2];
    memset(longname, 'x', SPEC_STEM_MAX + 1);
    longname[SPEC_STEM_MAX + 1] = '\0';
    expect_stem(longname, "is 201 bytes long, more than 200");
    expect_error("tests/data/spec/slash_name.ini", ERR_DATA, 5,
                 "chart name \"a/b users\" has a '/'; a chart's name is "
                 "the name of its files: rename the section");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_every_key),
        cmocka_unit_test(test_facet_keys),
        cmocka_unit_test(test_errors_name_line_and_key),
        cmocka_unit_test(test_load_keys),
        cmocka_unit_test(test_texts_per_language),
        cmocka_unit_test(test_colors_section),
        cmocka_unit_test(test_number_style_key),
        cmocka_unit_test(test_check_stem),
    };
    return cmocka_run_group_tests_name("spec", tests, NULL, NULL);
}
