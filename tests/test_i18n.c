/* test_i18n.c - language choice and Chinese-style numbers and dates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "dates.h"
#include "i18n.h"

static const char *zh(double v, const char *unit, int digits)
{
    static char buf[64];
    return format_compact_lang(v, unit, digits, LANG_ZH_TW, buf, sizeof buf);
}

static void test_chinese_numbers(void **state)
{
    (void)state;
    assert_string_equal(zh(5e11, "USD", 3), "5000億美元");
    assert_string_equal(zh(4.447e11, "USD", 3), "4447億美元");
    assert_string_equal(zh(1e8, "USD", 3), "1億美元");
    assert_string_equal(zh(8e8, "users", 3), "8億");
    assert_string_equal(zh(8e5, "users", 3), "80萬");
    assert_string_equal(zh(1.2e12, "USD", 3), "1.2兆美元");
    assert_string_equal(zh(3e8, "EUR", 3), "3億歐元");
    assert_string_equal(zh(2.5e9, "USD", 3), "25億美元");
    assert_string_equal(zh(9.9996e11, "USD", 3), "1兆美元");
    assert_string_equal(zh(950, "", 3), "950");
    assert_string_equal(zh(-5e8, "USD", 3), "-5億美元");
    assert_string_equal(zh(12.5, "%", 3), "12.5%");
}

static const char *cn(double v, const char *unit, int digits)
{
    static char buf[64];
    return format_compact_lang(v, unit, digits, LANG_ZH_CN, buf, sizeof buf);
}

/* The mainland writes 万, 亿 and 万亿 (not 兆), currencies in Simplified. */
static void test_simplified_numbers(void **state)
{
    (void)state;
    assert_string_equal(cn(5e11, "USD", 3), "5000亿美元");
    assert_string_equal(cn(8e5, "users", 3), "80万");
    assert_string_equal(cn(1.2e12, "USD", 3), "1.2万亿美元");
    assert_string_equal(cn(3e8, "EUR", 3), "3亿欧元");
    assert_string_equal(cn(2e9, "CNY", 3), "20亿人民币");
    assert_string_equal(cn(9.9996e11, "USD", 3), "1万亿美元");
    char buf[64];
    format_qualified_lang(4e9, "USD", 3, VALUE_AT_LEAST, LANG_ZH_CN, buf,
                          sizeof buf);
    assert_string_equal(buf, "逾40亿美元");
    format_period_lang(date_from_ymd(2026, 1, 1), DATE_QUARTER, LANG_ZH_CN,
                       buf, sizeof buf);
    assert_string_equal(buf, "2026年第1季");
    assert_string_equal(format_metric_name_lang("revenue", LANG_ZH_CN, buf,
                                                sizeof buf),
                        "营收");
    assert_string_equal(unit_word_lang("GBP", LANG_ZH_CN), "英镑");
}

/* plain is the Central News Agency's 1015億美元; grouped puts a comma in
 * a four-digit mantissa, in zh-TW and zh-CN, and English is unchanged. */
static void test_number_style(void **state)
{
    (void)state;
    char buf[64];
    Lang tw = lang_with_numbers(LANG_ZH_TW, NUMBERS_GROUPED);
    Lang mainland = lang_with_numbers(LANG_ZH_CN, NUMBERS_GROUPED);
    Lang en = lang_with_numbers(LANG_EN, NUMBERS_GROUPED);
    assert_string_equal(zh(1.015e11, "USD", 4), "1015億美元");
    assert_string_equal(format_compact_lang(1.015e11, "USD", 4, tw, buf,
                                            sizeof buf),
                        "1,015億美元");
    assert_string_equal(format_compact_lang(5.5e7, "users", 3, tw, buf,
                                            sizeof buf),
                        "5,500萬");
    assert_string_equal(format_compact_lang(1234.5e8, "USD", 5, tw, buf,
                                            sizeof buf),
                        "1,234.5億美元");
    assert_string_equal(format_compact_lang(950e8, "USD", 3, tw, buf,
                                            sizeof buf),
                        "950億美元");
    assert_string_equal(format_compact_lang(9.9996e11, "USD", 3, tw, buf,
                                            sizeof buf),
                        "1兆美元");
    assert_string_equal(format_compact_lang(1.015e11, "USD", 4, mainland,
                                            buf, sizeof buf),
                        "1,015亿美元");
    assert_string_equal(format_compact_lang(1.015e11, "USD", 4, en, buf,
                                            sizeof buf),
                        "$101.5B");
    /* The style does not change which language it is. */
    assert_int_equal(lang_base(tw), LANG_ZH_TW);
    assert_true(lang_is_chinese(mainland));
    assert_string_equal(lang_tag(mainland), "zh-CN");
    assert_string_equal(lang_pick(en, "Page", "頁"), "Page");
    assert_string_equal(lang_pick(tw, "Page", "頁"), "頁");
    NumberStyle style;
    assert_int_equal(number_style_parse("grouped", &style), 0);
    assert_int_equal(style, NUMBERS_GROUPED);
    assert_int_equal(number_style_parse("plain", &style), 0);
    assert_int_equal(style, NUMBERS_PLAIN);
    assert_int_equal(number_style_parse("commas", &style), -1);
}

/* zh-CN text is the zh-TW text in mainland Simplified: characters,
 * phrases (資料來源 is 数据源), quotes and the mainland 增长. */
static void test_simplified_text(void **state)
{
    (void)state;
    assert_null(lang_unavailable(LANG_ZH_CN));
    assert_string_equal(lang_pick(LANG_ZH_CN, "Source: ", "資料來源："),
                        "数据源：");
    assert_string_equal(lang_pick(LANG_ZH_CN, "Key figures", "關鍵數據"),
                        "关键数据");
    assert_string_equal(lang_pick(LANG_ZH_CN, "x", "「推估至」欄"),
                        "\xe2\x80\x9c推估至\xe2\x80\x9d栏");
    assert_string_equal(lang_pick(LANG_ZH_CN, "growth", "營收成長"),
                        "营收增长");
    assert_string_equal(lang_text(LANG_ZH_CN, "智譜AI"), "智谱AI");
    assert_string_equal(lang_text(LANG_ZH_TW, "智譜AI"), "智譜AI");
    assert_string_equal(lang_text(LANG_ZH_CN, "OpenAI"), "OpenAI");
    /* Interned: the same pointer every time, so callers may keep it. */
    assert_ptr_equal(lang_text(LANG_ZH_CN, "智譜AI"),
                     lang_text(LANG_ZH_CN, "智譜AI"));
    assert_string_equal(lang_pick(LANG_ZH_CN, "%s points", "%s個資料點"),
                        "%s个数据点");
}

static void test_english_is_format_compact(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(format_compact_lang(5e11, "USD", 3, LANG_EN, buf,
                                            sizeof buf),
                        "$500B");
}

static void test_month_year(void **state)
{
    (void)state;
    char buf[32];
    long d = date_from_ymd(2025, 11, 18);
    assert_string_equal(format_month_year_lang(d, LANG_ZH_TW, buf, sizeof buf),
                        "2025年11月");
    assert_string_equal(format_month_year_lang(d, LANG_EN, buf, sizeof buf),
                        "Nov 2025");
}

static void test_lang_parse(void **state)
{
    (void)state;
    Lang lang = LANG_EN;
    assert_int_equal(lang_parse("zh-TW", &lang), 0);
    assert_int_equal(lang, LANG_ZH_TW);
    assert_int_equal(lang_parse("en", &lang), 0);
    assert_int_equal(lang, LANG_EN);
    assert_int_equal(lang_parse("zh-CN", &lang), 0);
    assert_int_equal(lang, LANG_ZH_CN);
    assert_int_equal(lang_parse("zh-Hans", &lang), 0);
    assert_int_equal(lang, LANG_ZH_CN);
    assert_string_equal(lang_tag(LANG_ZH_CN), "zh-CN");
    assert_int_equal(lang_parse("fr", &lang), -1);
    assert_string_equal(lang_pick(LANG_ZH_TW, "Summary", "摘要"), "摘要");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chinese_numbers),
        cmocka_unit_test(test_simplified_numbers),
        cmocka_unit_test(test_simplified_text),
        cmocka_unit_test(test_number_style),
        cmocka_unit_test(test_english_is_format_compact),
        cmocka_unit_test(test_month_year),
        cmocka_unit_test(test_lang_parse),
    };
    return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
