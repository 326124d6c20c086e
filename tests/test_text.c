/* test_text.c - font lookup, runs per face, measuring, invalid UTF-8.
 * Run from the project root; needs fonts-lato and fonts-wqy-zenhei. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include "text.h"

#define MIXED "OpenAI 與 Anthropic 營收成長"

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

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void test_fontstack_faces_are_truetype(void **state)
{
    (void)state;
    static const char *const family[FACE_COUNT] = {"Lato", "Lato",
                                                   "WenQuanYi Zen Hei"};
    for (int id = 0; id < FACE_COUNT; id++) {
        int index = -1;
        const char *file = fontstack_file(fs, (FaceId)id, &index);
        assert_non_null(file);
        assert_true(ends_with(file, ".ttf") || ends_with(file, ".ttc"));
        assert_int_equal(access(file, R_OK), 0);
        assert_int_equal(index, 0);
        assert_string_equal(fontstack_family(fs, (FaceId)id), family[id]);
        FT_Face face = fontstack_ft_face(fs, (FaceId)id);
        assert_non_null(face);
        FT_ULong len = 0;
        assert_int_equal(FT_Load_Sfnt_Table(face, TTAG_glyf, 0, NULL, &len),
                         0);
        assert_true(len > 0);
    }
    assert_true(ends_with(fontstack_file(fs, FACE_LATIN, NULL),
                          "Lato-Regular.ttf"));
    assert_true(ends_with(fontstack_file(fs, FACE_LATIN_BOLD, NULL),
                          "Lato-Bold.ttf"));
    assert_true(ends_with(fontstack_file(fs, FACE_CJK, NULL),
                          "wqy-zenhei.ttc"));
    fontstack_destroy(NULL);
}

/* Spaces and ASCII punctuation join the run they follow: "OpenAI " is one
 * Latin run and the space after 與 belongs to the CJK run. */
static void check_mixed_runs(FontWeight weight, FaceId latin)
{
    TextRun runs[8];
    size_t n = text_runs(fs, MIXED, weight, 12, runs, 8);
    assert_int_equal(n, 4);
    static const size_t start[] = {0, 7, 11, 21}, len[] = {7, 4, 10, 12};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(runs[i].start, start[i]);
        assert_int_equal(runs[i].len, len[i]);
        assert_int_equal(runs[i].face, i % 2 == 0 ? latin : FACE_CJK);
        assert_true(runs[i].width > 0);
    }
    assert_memory_equal(&MIXED[7], "與 ", 4);
    assert_memory_equal(&MIXED[11], "Anthropic ", 10);
    assert_int_equal(runs[3].start + runs[3].len, strlen(MIXED));
}

static void test_runs_mixed_regular(void **state)
{
    (void)state;
    check_mixed_runs(FONT_REGULAR, FACE_LATIN);
}

static void test_runs_mixed_bold(void **state)
{
    (void)state;
    check_mixed_runs(FONT_BOLD, FACE_LATIN_BOLD);
    assert_true(text_width(fs, "Anthropic", FONT_BOLD, 12) !=
                text_width(fs, "Anthropic", FONT_REGULAR, 12));
}

static void test_runs_punctuation_after_cjk_stays(void **state)
{
    (void)state;
    TextRun runs[4];
    size_t n = text_runs(fs, "營收, OK", FONT_REGULAR, 10, runs, 4);
    assert_int_equal(n, 2);
    assert_int_equal(runs[0].face, FACE_CJK);
    assert_int_equal(runs[0].len, 8);
    assert_int_equal(runs[1].face, FACE_LATIN);
    assert_int_equal(runs[1].len, 2);
    /* a leading space takes the first face of the list */
    n = text_runs(fs, " 營", FONT_REGULAR, 10, runs, 4);
    assert_int_equal(n, 2);
    assert_int_equal(runs[0].face, FACE_LATIN);
}

static void test_runs_max_limits_fill_not_count(void **state)
{
    (void)state;
    TextRun runs[2] = {{99, 99, FACE_CJK, -1}, {99, 99, FACE_CJK, -1}};
    assert_int_equal(text_runs(fs, MIXED, FONT_REGULAR, 12, runs, 1), 4);
    assert_int_equal(runs[0].len, 7);
    assert_int_equal(runs[1].start, 99);
    assert_int_equal(text_runs(fs, MIXED, FONT_REGULAR, 12, NULL, 0), 4);
    assert_int_equal(text_runs(fs, "", FONT_REGULAR, 12, runs, 2), 0);
    assert_true(text_width(fs, "", FONT_REGULAR, 12) == 0.0);
}

static void test_widths_additive(void **state)
{
    (void)state;
    TextRun runs[8];
    size_t n = text_runs(fs, MIXED, FONT_REGULAR, 13, runs, 8);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += runs[i].width;
    assert_true(sum == text_width(fs, MIXED, FONT_REGULAR, 13));
    /* split at a run boundary, the halves add up to the whole */
    double a = text_width(fs, "OpenAI ", FONT_REGULAR, 13);
    double b = text_width(fs, "與 Anthropic 營收成長", FONT_REGULAR, 13);
    assert_true(fabs(a + b - sum) < 1e-9);
    /* each CJK ideograph in Zen Hei is one em wide */
    assert_true(fabs(text_width(fs, "營收成長", FONT_REGULAR, 10) - 40) <
                1e-9);
    assert_true(text_width(fs, "WWW", FONT_REGULAR, 10) >
                text_width(fs, "iii", FONT_REGULAR, 10));
}

static void test_width_scales_linearly(void **state)
{
    (void)state;
    double w12 = text_width(fs, MIXED, FONT_BOLD, 12);
    double w36 = text_width(fs, MIXED, FONT_BOLD, 36);
    double w7 = text_width(fs, MIXED, FONT_BOLD, 7.25);
    assert_true(w12 > 0);
    assert_true(fabs(w36 - 3 * w12) < 1e-9 * w36);
    assert_true(fabs(w7 / 7.25 - w12 / 12) < 1e-12 * w12);
    assert_true(text_ascent(fs, 10) > 0);
    assert_true(text_descent(fs, 10) > 0);
    assert_true(fabs(text_ascent(fs, 20) - 2 * text_ascent(fs, 10)) < 1e-12);
    assert_true(text_ascent(fs, 10) + text_descent(fs, 10) >= 10);
}

/* Every character of the string, drawn with the face text_runs chose,
 * has a real glyph: no missing-glyph boxes. */
static void test_every_char_has_a_glyph(void **state)
{
    (void)state;
    static const char *const samples[] = {
        "營收成長 週活躍用戶 5,000億美元", MIXED, "$1.2B (2025-Q3) → 80萬",
        "預測 →", "Projection →"};
    for (size_t s = 0; s < sizeof samples / sizeof *samples; s++) {
        for (int w = FONT_REGULAR; w <= FONT_BOLD; w++) {
            const char *str = samples[s];
            TextRun runs[16];
            size_t n = text_runs(fs, str, (FontWeight)w, 12, runs, 16);
            assert_true(n <= 16);
            size_t covered = 0;
            for (size_t r = 0; r < n; r++) {
                TextGlyph g[64];
                size_t k = text_run_glyphs(fs, str, (FontWeight)w, &runs[r],
                                           12, g, 64);
                assert_true(k <= runs[r].len);
                FT_Face face = fontstack_ft_face(fs, runs[r].face);
                for (size_t i = 0; i < k; i++) {
                    assert_int_not_equal(g[i].glyph, 0);
                    assert_int_equal(FT_Get_Char_Index(face, g[i].codepoint),
                                     g[i].glyph);
                    assert_int_equal(g[i].start, covered);
                    covered += g[i].len;
                    if (i > 0)
                        assert_true(g[i].x > g[i - 1].x);
                }
            }
            assert_int_equal(covered, strlen(str));
        }
    }
}

/* Pen positions come in font units too, and the points follow from them. */
static void test_glyph_pen_in_font_units(void **state)
{
    (void)state;
    assert_int_equal(text_units_per_em(fs, FACE_LATIN), 2000);
    assert_int_equal(text_units_per_em(fs, FACE_LATIN_BOLD), 2000);
    assert_int_equal(text_units_per_em(fs, FACE_CJK), 1024);
    TextRun run;
    assert_int_equal(text_runs(fs, "aaa", FONT_REGULAR, 12, &run, 1), 1);
    TextGlyph g[3];
    assert_int_equal(text_run_glyphs(fs, "aaa", FONT_REGULAR, &run, 12, g, 3),
                     3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(g[i].units, 994 * i);
        assert_true(fabs(g[i].x - 994.0 * i * 12 / 2000) < 1e-12);
    }
}

typedef struct {
    long x0, y0, x1, y1;
} Box;

/* Box of an outline's points (control points included) and a check of its
 * shape: contours start with a move, each verb has its points. */
static Box outline_box(const GlyphOutline *o)
{
    static const size_t takes[] = {1, 1, 2, 3};
    Box b = {LONG_MAX, LONG_MAX, LONG_MIN, LONG_MIN};
    size_t need = 0;
    assert_true(o->n_verbs > 0);
    assert_int_equal(o->verbs[0], OUTLINE_MOVE);
    for (size_t i = 0; i < o->n_verbs; i++) {
        assert_true(o->verbs[i] <= OUTLINE_CUBIC);
        need += takes[o->verbs[i]];
    }
    assert_int_equal(o->n_points, need);
    for (size_t i = 0; i < o->n_points; i++) {
        const OutlinePoint *p = &o->points[i];
        b.x0 = p->x < b.x0 ? p->x : b.x0;
        b.y0 = p->y < b.y0 ? p->y : b.y0;
        b.x1 = p->x > b.x1 ? p->x : b.x1;
        b.y1 = p->y > b.y1 ? p->y : b.y1;
    }
    return b;
}

/* Outlines are unscaled font units, TrueType quadratics; emboldening
 * grows a glyph by units_per_EM / 24 each way, as cairo's FC_EMBOLDEN
 * (test_render_svg compares the pixels with cairo's). */
static void test_glyph_outline(void **state)
{
    (void)state;
    FT_Face latin = fontstack_ft_face(fs, FACE_LATIN);
    FT_Face cjk = fontstack_ft_face(fs, FACE_CJK);
    GlyphOutline o = {0};
    /* "l" in Lato: a stem on the baseline, taller than the x-height */
    assert_int_equal(text_glyph_outline(fs, FACE_LATIN,
                                        FT_Get_Char_Index(latin, 'l'), 0, &o),
                     0);
    Box l = outline_box(&o);
    assert_int_equal(l.y0, 0);
    assert_true(l.y1 > 1300 && l.y1 < 1600);
    for (size_t i = 0; i < o.n_verbs; i++)
        assert_true(o.verbs[i] != OUTLINE_CUBIC);
    /* a space has no contours */
    assert_int_equal(text_glyph_outline(fs, FACE_LATIN,
                                        FT_Get_Char_Index(latin, ' '), 0, &o),
                     0);
    assert_int_equal(o.n_verbs, 0);
    assert_int_equal(o.n_points, 0);
    /* bold 營 is the regular one grown by 1024 / 24 = 43 units */
    FT_UInt ying = FT_Get_Char_Index(cjk, 0x71DF);
    assert_int_equal(text_glyph_outline(fs, FACE_CJK, ying, 0, &o), 0);
    Box regular = outline_box(&o);
    assert_int_equal(text_glyph_outline(fs, FACE_CJK, ying, 1, &o), 0);
    Box bold = outline_box(&o);
    long grow_x = (bold.x1 - bold.x0) - (regular.x1 - regular.x0);
    long grow_y = (bold.y1 - bold.y0) - (regular.y1 - regular.y0);
    /* edges move out by 43 / 2 each side; sharp corners further */
    assert_true(grow_x >= 43 && grow_x <= 2 * 43);
    assert_true(grow_y >= 43 && grow_y <= 2 * 43);
    /* a glyph index past the font's end fails and leaves nothing */
    assert_int_equal(text_glyph_outline(fs, FACE_CJK,
                                        (unsigned)cjk->num_glyphs + 10, 0, &o),
                     -1);
    assert_int_equal(o.n_verbs, 0);
    text_outline_free(&o);
    text_outline_free(NULL);
}

/* Copies s (len bytes, no terminator inside) to an exactly sized heap
 * block so AddressSanitizer catches any read past the terminator. */
static char *exact_copy(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    assert_non_null(p);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

static void check_replacements(const char *bytes, size_t len,
                               size_t want_chars)
{
    char *s = exact_copy(bytes, len);
    TextRun runs[4];
    size_t n = text_runs(fs, s, FONT_REGULAR, 10, runs, 4);
    assert_int_equal(n, 1);
    assert_int_equal(runs[0].start, 0);
    assert_int_equal(runs[0].len, len);
    assert_int_equal(runs[0].face, FACE_LATIN);
    TextGlyph g[8];
    assert_int_equal(text_run_glyphs(fs, s, FONT_REGULAR, &runs[0], 10, g, 8),
                     want_chars);
    FT_UInt question =
        FT_Get_Char_Index(fontstack_ft_face(fs, FACE_LATIN), '?');
    for (size_t i = 0; i < want_chars; i++) {
        assert_int_equal(g[i].codepoint, 0xFFFD);
        assert_int_equal(g[i].glyph, question);
    }
    double q = text_width(fs, "?", FONT_REGULAR, 10);
    assert_true(fabs(runs[0].width - (double)want_chars * q) < 1e-9);
    free(s);
}

static void test_invalid_utf8_is_replaced(void **state)
{
    (void)state;
    check_replacements("\xff\xfe", 2, 2);
    check_replacements("\xe7\x87", 2, 1);          /* truncated 營 */
    check_replacements("\xf0\x9f\x98", 3, 1);      /* truncated 4-byte */
    check_replacements("\xed\xa0\x80", 3, 3);      /* surrogate */
    check_replacements("\xc0\xaf", 2, 2);          /* overlong '/' */
    check_replacements("\xf4\x90\x80\x80", 4, 4);  /* above U+10FFFF */
    check_replacements("\x80", 1, 1);              /* lone continuation */
}

static void test_invalid_byte_does_not_swallow_next_char(void **state)
{
    (void)state;
    char *s = exact_copy("\xe7\x87" "A\xe7\x87\x9f", 6);
    TextRun runs[4];
    size_t n = text_runs(fs, s, FONT_REGULAR, 10, runs, 4);
    assert_int_equal(n, 2);
    assert_int_equal(runs[0].len, 3); /* U+FFFD then A, both Latin */
    assert_int_equal(runs[1].face, FACE_CJK);
    assert_int_equal(runs[1].len, 3);
    free(s);
}

static void test_uncovered_and_ignorable_chars(void **state)
{
    (void)state;
    TextRun runs[4];
    TextGlyph g[8];
    /* U+10FFFD (private use) is in no font: drawn as '?' */
    size_t n = text_runs(fs, "營\xf4\x8f\xbf\xbd", FONT_REGULAR, 10, runs, 4);
    assert_int_equal(n, 2);
    assert_int_equal(runs[1].face, FACE_LATIN);
    assert_int_equal(text_run_glyphs(fs, "營\xf4\x8f\xbf\xbd", FONT_REGULAR,
                                     &runs[1], 10, g, 8),
                     1);
    assert_int_equal(g[0].codepoint, 0x10FFFD);
    assert_int_not_equal(g[0].glyph, 0);
    /* zero-width space and a newline: no glyph, no width, no split */
    const char *s = "A\xe2\x80\x8b" "B\n";
    n = text_runs(fs, s, FONT_REGULAR, 10, runs, 4);
    assert_int_equal(n, 1);
    assert_true(fabs(runs[0].width - text_width(fs, "AB", FONT_REGULAR, 10)) <
                1e-12);
    assert_int_equal(text_run_glyphs(fs, s, FONT_REGULAR, &runs[0], 10, g, 8),
                     4);
    assert_int_equal(g[1].glyph, 0);
    assert_int_equal(g[3].glyph, 0);
}

/* Points fontconfig at a configuration holding only dir (may be empty)
 * and returns fontstack_create's error. */
static void create_with_only(const char *dir, Error *err)
{
    char tmpl[] = "/tmp/aigrowth-fc-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    char conf[256], cache[256];
    snprintf(conf, sizeof conf, "%s/fonts.conf", tmpl);
    snprintf(cache, sizeof cache, "%s/cache", tmpl);
    FILE *f = fopen(conf, "w");
    assert_non_null(f);
    fprintf(f,
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM "
            "\"fonts.dtd\">\n<fontconfig><dir>%s</dir><cachedir>%s</cachedir>"
            "</fontconfig>\n",
            dir ? dir : tmpl, cache);
    fclose(f);
    const char *old = getenv("FONTCONFIG_FILE");
    char *saved = old ? strdup(old) : NULL;
    setenv("FONTCONFIG_FILE", conf, 1);
    error_clear(err);
    FontStack *bad = fontstack_create(err);
    if (saved) {
        setenv("FONTCONFIG_FILE", saved, 1);
        free(saved);
    } else {
        unsetenv("FONTCONFIG_FILE");
    }
    assert_null(bad);
    char cmd[320];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpl);
    assert_int_equal(system(cmd), 0);
}

static void test_missing_latin_font_message(void **state)
{
    (void)state;
    Error err;
    create_with_only(NULL, &err);
    assert_int_equal(err.kind, ERR_RENDER);
    assert_string_equal(err.message,
                        "font \"Lato\" Regular not found (nor \"DejaVu Sans\"); "
                        "install the Debian package fonts-lato");
}

static void test_missing_cjk_font_message(void **state)
{
    (void)state;
    Error err;
    create_with_only("/usr/share/fonts/truetype/lato", &err);
    assert_int_equal(err.kind, ERR_RENDER);
    assert_string_equal(err.message,
                        "font \"WenQuanYi Zen Hei\" not found; install the "
                        "Debian package fonts-wqy-zenhei");
}

/* The default faces opened from their Debian paths are the ones
 * fontconfig finds (asked for when FONTCONFIG_PATH is set). */
static void test_default_faces_same_as_fontconfig(void **state)
{
    (void)state;
    Error err;
    error_clear(&err);
    FontStack *direct = fontstack_create(&err);
    assert_non_null(direct);
    const char *old = getenv("FONTCONFIG_PATH");
    char *saved = old ? strdup(old) : NULL;
    setenv("FONTCONFIG_PATH", "/etc/fonts", 1);
    FontStack *looked_up = fontstack_create(&err);
    if (saved) {
        setenv("FONTCONFIG_PATH", saved, 1);
        free(saved);
    } else {
        unsetenv("FONTCONFIG_PATH");
    }
    assert_non_null(looked_up);
    for (int id = 0; id < FACE_COUNT; id++) {
        int a, b;
        assert_string_equal(fontstack_file(direct, (FaceId)id, &a),
                            fontstack_file(looked_up, (FaceId)id, &b));
        assert_int_equal(a, b);
        assert_string_equal(fontstack_family(direct, (FaceId)id),
                            fontstack_family(looked_up, (FaceId)id));
    }
    fontstack_destroy(direct);
    fontstack_destroy(looked_up);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fontstack_faces_are_truetype),
        cmocka_unit_test(test_runs_mixed_regular),
        cmocka_unit_test(test_runs_mixed_bold),
        cmocka_unit_test(test_runs_punctuation_after_cjk_stays),
        cmocka_unit_test(test_runs_max_limits_fill_not_count),
        cmocka_unit_test(test_widths_additive),
        cmocka_unit_test(test_width_scales_linearly),
        cmocka_unit_test(test_every_char_has_a_glyph),
        cmocka_unit_test(test_invalid_utf8_is_replaced),
        cmocka_unit_test(test_invalid_byte_does_not_swallow_next_char),
        cmocka_unit_test(test_uncovered_and_ignorable_chars),
        cmocka_unit_test(test_glyph_pen_in_font_units),
        cmocka_unit_test(test_glyph_outline),
        cmocka_unit_test(test_default_faces_same_as_fontconfig),
        cmocka_unit_test(test_missing_latin_font_message),
        cmocka_unit_test(test_missing_cjk_font_message),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
