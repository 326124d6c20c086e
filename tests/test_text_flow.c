/* test_text_flow.c - wrapping and truncating to a width: the CJK
 * line-breaking rules, whole Latin words, "…" truncation that fits.
 * Run from the project root; needs fonts-lato and fonts-wqy-zenhei. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "text_flow.h"

static FontStack *fs;

static int group_setup(void **state)
{
    (void)state;
    Error err;
    error_clear(&err);
    fs = fontstack_create(&err);
    if (!fs) {
        fprintf(stderr, "fontstack_create: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    fontstack_destroy(fs);
    return 0;
}

static int starts_with(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && !memcmp(s, p, n);
}

static int ends_with(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && !memcmp(s + len - n, p, n);
}

/* A Chinese paragraph wrapped at many widths: no line starts with
 * closing punctuation or ends with opening, no line is wider than the
 * width, and the lines together hold every byte of the text. (Chinese
 * only: a Latin word longer than the line may be broken anywhere, and a
 * space between CJK characters is measured there in the CJK face.) */
static void test_cjk_wrap_punctuation_rules(void **state)
{
    (void)state;
    static const char *const no_start[] = {"。", "，", "、", "）", "」"};
    static const char *const no_end[] = {"（", "「"};
    const char *s = "依目前趨勢，甲公司約於明年五月超越「乙公司」"
                    "（趨勢線的不確定範圍：二月至八月）。每個數列（一家公司"
                    "的一項指標）各自擬合趨勢、以最小平方法配適，並註明原因。"
                    "「趨勢」只概括過去，無法預知未來的融資、產品發表。";
    for (double w = 40; w <= 200; w += 3) {
        TextFlowSpan sp[TEXT_FLOW_MAX_LINES];
        size_t n = text_flow_wrap(fs, s, FONT_REGULAR, 10, w, sp,
                                  TEXT_FLOW_MAX_LINES);
        assert_true(n > 1 && n <= TEXT_FLOW_MAX_LINES);
        size_t covered = 0;
        for (size_t i = 0; i < n; i++) {
            const char *line = s + sp[i].start;
            char tmp[512];
            snprintf(tmp, sizeof tmp, "%.*s", (int)sp[i].len, line);
            assert_true(text_width(fs, tmp, FONT_REGULAR, 10) <= w + 1e-9);
            for (size_t k = 0; k < 5 && i > 0; k++)
                assert_false(starts_with(line, sp[i].len, no_start[k]));
            for (size_t k = 0; k < 2 && i + 1 < n; k++)
                assert_false(ends_with(line, sp[i].len, no_end[k]));
            assert_true(sp[i].start >= covered);
            covered = sp[i].start + sp[i].len;
        }
        assert_int_equal(covered, strlen(s));
    }
}

/* Latin text breaks only at spaces while every word fits a line. */
static void test_latin_words_not_broken(void **state)
{
    (void)state;
    const char *s = "Each series gets its own trend, fitted by least "
                    "squares to the observations in its window.";
    double widest = 0;
    char word[64];
    for (const char *p = s; *p;) {
        size_t len = strcspn(p, " ");
        snprintf(word, sizeof word, "%.*s", (int)len, p);
        double ww = text_width(fs, word, FONT_REGULAR, 10);
        widest = ww > widest ? ww : widest;
        p += len + (p[len] == ' ');
    }
    for (double w = widest; w <= 300; w += 7) {
        TextFlowSpan sp[TEXT_FLOW_MAX_LINES];
        size_t n = text_flow_wrap(fs, s, FONT_REGULAR, 10, w, sp,
                                  TEXT_FLOW_MAX_LINES);
        for (size_t i = 0; i < n; i++) {
            size_t a = sp[i].start, b = a + sp[i].len;
            assert_true(a == 0 || s[a - 1] == ' ');
            assert_true(s[b] == '\0' || s[b] == ' ');
        }
    }
}

/* A word longer than the line breaks after '/' (URLs) before anywhere
 * else. */
static void test_long_url_breaks_after_slash(void **state)
{
    (void)state;
    const char *s = "https://example.com/reports/2026/annual-results";
    TextFlowSpan sp[TEXT_FLOW_MAX_LINES];
    double w = text_width(fs, "https://example.com/reports/20", FONT_REGULAR,
                          10);
    size_t n = text_flow_wrap(fs, s, FONT_REGULAR, 10, w, sp,
                              TEXT_FLOW_MAX_LINES);
    assert_true(n >= 2);
    assert_int_equal(s[sp[0].start + sp[0].len - 1], '/');
}

/* At every width from the widest unbreakable run of s (longest, from the
 * caller), no line break falls inside one of the glued pieces of s. */
static void assert_never_split(const char *s, const char *longest,
                               const char *const *glued, size_t n_glued)
{
    double narrowest = text_width(fs, longest, FONT_REGULAR, 10);
    for (double w = narrowest; w <= 260; w += 1.5) {
        TextFlowSpan sp[TEXT_FLOW_MAX_LINES];
        size_t n = text_flow_wrap(fs, s, FONT_REGULAR, 10, w, sp,
                                  TEXT_FLOW_MAX_LINES);
        for (size_t i = 0; i + 1 < n && i + 1 < TEXT_FLOW_MAX_LINES; i++) {
            size_t cut = sp[i].start + sp[i].len;
            for (size_t g = 0; g < n_glued; g++) {
                const char *at = strstr(s, glued[g]);
                assert_non_null(at);
                size_t from = (size_t)(at - s), to = from + strlen(glued[g]);
                if (cut > from && cut < to)
                    fail_msg("width %.1f splits \"%s\" at byte %zu", w,
                             glued[g], cut - from);
            }
        }
    }
}

/* Units stay with their numbers: 8.7× and $224B–$1.3T in English, 470億美元,
 * 2026年8月 and 12.8倍 in Chinese, at any width. */
static void test_units_never_split(void **state)
{
    (void)state;
    static const char *const en[] = {"8.7\xc3\x97", "$224B\xe2\x80\x93$1.3T"};
    assert_never_split("Anthropic's run-rate revenue grew 8.7\xc3\x97 a year; "
                       "by May 2027 it projects $224B\xe2\x80\x93$1.3T.",
                       "$224B\xe2\x80\x93$1.3T.", en, 2);
    static const char *const zh[] = {"470億美元", "2026年", "8月", "12.8倍",
                                      "5322億美元"};
    assert_never_split("Anthropic的年化營收達470億美元，約於2026年8月超越"
                       "OpenAI，平均每年約為前一年的12.8倍，推估達5322億美元。",
                       "達5322億美元。", zh, 5);
}

/* Truncation ends in "…", fits the width, and leaves short text alone. */
static void test_fit_truncates_to_width(void **state)
{
    (void)state;
    const char *s = "Anthropic's run-rate revenue overtook OpenAI's in 2026";
    char out[256];
    text_flow_fit(fs, s, FONT_REGULAR, 10, 1000, out, sizeof out);
    assert_string_equal(out, s);
    for (double w = 20; w < 200; w += 5) {
        text_flow_fit(fs, s, FONT_BOLD, 10, w, out, sizeof out);
        size_t len = strlen(out);
        assert_true(ends_with(out, len, TEXT_FLOW_ELLIPSIS));
        assert_false(ends_with(out, len, " " TEXT_FLOW_ELLIPSIS));
        assert_true(text_width(fs, out, FONT_BOLD, 10) <= w + 1e-9);
        assert_true(!strncmp(out, s, len - strlen(TEXT_FLOW_ELLIPSIS)));
    }
    /* CJK: cut at a character boundary. */
    const char *zh = "資料中每個不同的來源，依資料檔分組";
    text_flow_fit(fs, zh, FONT_REGULAR, 10, 50, out, sizeof out);
    size_t keep = strlen(out) - strlen(TEXT_FLOW_ELLIPSIS);
    assert_int_equal(keep % 3, 0);
    assert_true(text_width(fs, out, FONT_REGULAR, 10) <= 50);
}

/* A small out buffer cuts at a character boundary too. */
static void test_fit_respects_buffer(void **state)
{
    (void)state;
    char out[11];
    text_flow_fit(fs, "資料中每個不同的來源", FONT_REGULAR, 10, 30, out,
                  sizeof out);
    assert_true(strlen(out) < sizeof out);
    assert_true(ends_with(out, strlen(out), TEXT_FLOW_ELLIPSIS));
}

/* Lines past max_lines are dropped and the last kept one ends in "…". */
static void test_lines_ellipsis_when_cut(void **state)
{
    (void)state;
    const char *s = "one two three four five six seven eight nine ten";
    char lines[2][TEXT_FLOW_LINE];
    double w = text_width(fs, "three four", FONT_REGULAR, 10);
    size_t n = text_flow_lines(fs, s, FONT_REGULAR, 10, w, lines, 2);
    assert_int_equal(n, 2);
    assert_true(ends_with(lines[1], strlen(lines[1]), TEXT_FLOW_ELLIPSIS));
    assert_true(text_width(fs, lines[1], FONT_REGULAR, 10) <= w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cjk_wrap_punctuation_rules),
        cmocka_unit_test(test_latin_words_not_broken),
        cmocka_unit_test(test_long_url_breaks_after_slash),
        cmocka_unit_test(test_units_never_split),
        cmocka_unit_test(test_fit_truncates_to_width),
        cmocka_unit_test(test_fit_respects_buffer),
        cmocka_unit_test(test_lines_ellipsis_when_cut),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
