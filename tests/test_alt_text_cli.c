/* test_alt_text_cli.c - what a chart says of itself: `chart --alt-text`
 * prints the alt text in English and Chinese, with the chart labels'
 * figures, and writes nothing; the PNG, the SVG (outlines or
 * --svg-text) carry it, come out byte-identical from two runs, and the
 * SVG is sized in pixels, well-formed and drawn by rsvg-convert. Run from
 * the project root. */
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

#define DATA "tests/data/csv/alt_text.csv"

static char tmp[256];

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

static const char alt_en[] =
    "Line chart of run-rate revenue: Alpha, Beta and Gamma. Alpha rose "
    "from $100M (Jan 2024) to $5B (Jul 2025), about 13.6\xc3\x97 a year; "
    "Beta rose from $1B (Jan 2024) to $3B (Apr 2025), about 2.4\xc3\x97 a "
    "year; Gamma rose from $50M (Q1 2025) to $80M (Q2 2025). Alpha has "
    "passed Beta: $5B (Jul 2025) against $3B (Apr 2025). Trend (80% "
    "interval): Alpha $50B\xe2\x80\x93$92B by Jul 2026; Beta "
    "$6.3B\xe2\x80\x93$8.1B by Apr 2026. No trend for Gamma (2 points: too "
    "few for a trend).";

static const char alt_zh[] =
    "折線圖，年化營收：Alpha、Beta 與 Gamma。Alpha 從1億美元（2024年1月）"
    "增至50億美元（2025年7月），平均每年約為前一年的13.6倍；Beta 從10億"
    "美元（2024年1月）增至30億美元（2025年4月），平均每年約為前一年的2.4"
    "倍；Gamma 從5000萬美元（2025年第1季）增至8000萬美元（2025年第2季）。"
    "Alpha 已超越 Beta：50億美元（2025年7月）對30億美元（2025年4月）。趨勢"
    "（80%區間）：Alpha 503億\xe2\x80\x93" "922億美元（2026年7月）；Beta 63億"
    "\xe2\x80\x93" "81億美元（2026年4月）。Gamma 無趨勢（2個資料點，不足以推"
    "估趨勢）。";

static const char alt_zh_cn[] =
    "折线图，年化营收：Alpha、Beta 与 Gamma。Alpha 从1亿美元（2024年1月）"
    "增至50亿美元（2025年7月），平均每年约为前一年的13.6倍；Beta 从10亿"
    "美元（2024年1月）增至30亿美元（2025年4月），平均每年约为前一年的2.4"
    "倍；Gamma 从5000万美元（2025年第1季）增至8000万美元（2025年第2季）。"
    "Alpha 已超越 Beta：50亿美元（2025年7月）对30亿美元（2025年4月）。趋势"
    "（80%区间）：Alpha 503亿\xe2\x80\x93" "922亿美元（2026年7月）；Beta 63亿"
    "\xe2\x80\x93" "81亿美元（2026年4月）。Gamma 无趋势（2个数据点，不足以推"
    "估趋势）。";

/* The exact words, in the three languages, on stdout with exit 0, and no
 * chart written even when -o names one. */
static void test_alt_text_printed(void **state)
{
    (void)state;
    char want[2048];
    snprintf(want, sizeof want, "%s\n", alt_en);
    cli_expect("chart " DATA " --alt-text", 0, want, "");
    snprintf(want, sizeof want, "%s\n", alt_zh);
    cli_expect("chart " DATA " --alt-text --lang zh-TW", 0, want, "");
    snprintf(want, sizeof want, "%s\n", alt_zh_cn);
    cli_expect("chart " DATA " --alt-text --lang zh-CN", 0, want, "");
    char args[512], path[300];
    snprintf(path, sizeof path, "%s/none.png", tmp);
    snprintf(args, sizeof args, "chart " DATA " --alt-text -o '%s'", path);
    snprintf(want, sizeof want, "%s\n", alt_en);
    cli_expect(args, 0, want, "");
    assert_int_equal(access(path, F_OK), -1);
}

/* --number-style grouped: the same words with a comma in four-digit
 * mantissas (5,000萬美元), the Central News Agency's 5000萬 by default. */
static void test_alt_text_grouped(void **state)
{
    (void)state;
    CliRun r;
    assert_int_equal(cli_run(&r, "chart " DATA " --company Gamma --alt-text "
                                 "--lang zh-TW --number-style grouped"),
                     0);
    cli_assert_contains(r.out, "從5,000萬美元（2025年第1季）增至8,000萬美元");
    cli_run_free(&r);
    cli_expect("chart " DATA " --alt-text --number-style thousands", 2, "",
               "aigrowth: --number-style \"thousands\": use plain (1015億) "
               "or grouped (1,015億); see aigrowth --help\n");
}

/* One company: its name leads the sentence, the trend needs no name. */
static void test_alt_text_one_company(void **state)
{
    (void)state;
    cli_expect("chart " DATA " --company Alpha --alt-text", 0,
               "Line chart: Alpha's run-rate revenue rose from $100M (Jan "
               "2024) to $5B (Jul 2025), about 13.6\xc3\x97 a year. Trend "
               "(80% interval): $50B\xe2\x80\x93$92B by Jul 2026.\n",
               "");
}

/* Chinese words are spaced from a Latin name or number only: none after
 * a CJK name (智譜10億美元) or a full-width bracket (（週活躍用戶）從,
 * ）及其他2家), one after a half-width one (Anysphere (Cursor) 26億). */
static void test_alt_text_spacing_in_chinese(void **state)
{
    (void)state;
    cli_expect("chart tests/data/csv/alt_spacing.csv -m run_rate_revenue "
               "--lang zh-TW --alt-text",
               0,
               "長條圖，各公司最新年化營收，由大到小：Alpha 30億美元（2025年7月）"
               "、Anysphere (Cursor) 26億美元（2025年7月）、智譜10億美元（2025年"
               "7月）、Beta 5億美元（2025年7月）及其他2家。\n",
               "");
    cli_expect("chart tests/data/csv/alt_spacing.csv -m "
               "weekly_active_users,monthly_active_users --lang zh-TW "
               "--alt-text",
               0,
               "折線圖，週活躍用戶與月活躍用戶：Alpha（週活躍用戶）與 Beta（月活躍"
               "用戶）。Alpha（週活躍用戶）從1億（2024年1月）增至5億（2025年7月）"
               "，平均每年約為前一年的2.9倍；Beta（月活躍用戶）從5000萬（2024年7"
               "月）增至2億（2025年7月），平均每年約為前一年的4.0倍。趨勢（80%區間"
               "）：Alpha（週活躍用戶）13億–17億（2026年7月）。Beta（月活躍用戶）"
               "無趨勢（2個資料點，不足以推估趨勢）。\n",
               "");
}

/* Two runs, same bytes: PNG, SVG and --svg-text SVG. The SVG is 1920 x
 * 1080 CSS pixels like the PNG at scale 1, carries the title and the alt
 * text, and is well-formed; the --svg-text one has the title as <text>
 * and rsvg-convert draws it to a PNG of that size. */
static void test_images_reproducible_and_described(void **state)
{
    (void)state;
    const char *names[] = {"a.png", "a.svg", "t.svg"};
    const char *extra[] = {"", "", " --svg-text"};
    for (int i = 0; i < 3; i++) {
        for (int run = 0; run < 2; run++) {
            CliRun r;
            assert_int_equal(cli_run(&r, "chart " DATA " -o '%s/%d%s'%s",
                                     tmp, run, names[i], extra[i]),
                             0);
            cli_run_free(&r);
        }
        char a[300], b[300];
        snprintf(a, sizeof a, "%s/0%s", tmp, names[i]);
        snprintf(b, sizeof b, "%s/1%s", tmp, names[i]);
        cli_assert_same_file(a, b);
    }
    char path[300];
    snprintf(path, sizeof path, "%s/0a.png", tmp);
    char *png = cli_slurp(path, NULL);
    assert_memory_equal(png + 16, "\x00\x00\x07\x80\x00\x00\x04\x38", 8);
    free(png);
    for (int i = 1; i < 3; i++) {
        snprintf(path, sizeof path, "%s/0%s", tmp, names[i]);
        char *svg = cli_slurp(path, NULL);
        cli_assert_contains(svg, " width=\"1920\" height=\"1080\" "
                                 "viewBox=\"0 0 1920 1080\" role=\"img\" "
                                 "aria-labelledby=\"chart-title "
                                 "chart-desc\"");
        cli_assert_contains(svg, "<title id=\"chart-title\">Run-rate "
                                 "revenue</title>\n<desc id=\"chart-desc\">");
        char desc[2100];
        snprintf(desc, sizeof desc, "<desc id=\"chart-desc\">%s</desc>",
                 alt_en);
        cli_assert_contains(svg, desc);
        if (i == 2)
            cli_assert_contains(svg, "font-weight=\"bold\" "
                                     "fill=\"#1a1a1a\">Run-rate "
                                     "revenue</text>");
        free(svg);
        CliRun r;
        assert_int_equal(cli_shell(&r, "xmllint --noout '%s'", path), 0);
        cli_run_free(&r);
    }
    assert_int_equal(cli_shell(NULL, "rsvg-convert -o '%s/t-svg.png' "
                                     "'%s/0t.svg'",
                               tmp, tmp),
                     0);
    snprintf(path, sizeof path, "%s/t-svg.png", tmp);
    char *drawn = cli_slurp(path, NULL);
    assert_memory_equal(drawn, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(drawn + 16, "\x00\x00\x07\x80\x00\x00\x04\x38", 8);
    free(drawn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alt_text_printed),
        cmocka_unit_test(test_alt_text_one_company),
        cmocka_unit_test(test_alt_text_grouped),
        cmocka_unit_test(test_alt_text_spacing_in_chinese),
        cmocka_unit_test(test_images_reproducible_and_described),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
