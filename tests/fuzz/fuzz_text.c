/* fuzz_text.c - libFuzzer harness: the font-run splitter and measuring
 * on arbitrary bytes (invalid UTF-8 included).
 *
 * The first byte picks the weight and a size, the rest is the text.
 * Checked: runs are contiguous, cover the whole string and never split a
 * character; their widths add up to text_width; each run's glyphs lie in
 * the run, in order, with finite pen positions. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__lsan_default_suppressions(void);

static FontStack *fs;

/* fontconfig keeps a few blocks of its own past FcConfigDestroy; the
 * stack lives for the whole run anyway. */
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig\n";
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    Error err;
    error_clear(&err);
    fs = fontstack_create(&err);
    if (!fs) {
        fprintf(stderr, "fuzz_text: %s\n", err.message);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    FontWeight weight = (data[0] & 1) ? FONT_BOLD : FONT_REGULAR;
    double font_size = 1.0 + (data[0] >> 1);
    size_t len = size - 1;
    char *text = malloc(len + 1);
    memcpy(text, data + 1, len);
    text[len] = '\0';
    len = strlen(text);   /* the splitter reads up to the first NUL */
    size_t max = len + 1;
    TextRun *runs = malloc(max * sizeof *runs);
    size_t n = text_runs(fs, text, weight, font_size, runs, max);
    if (n > max || (len > 0 && n == 0))
        abort();
    size_t at = 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        const TextRun *r = &runs[i];
        if (r->start != at || r->len == 0 || !isfinite(r->width) ||
            r->width < 0 || r->face >= FACE_COUNT)
            abort();
        at += r->len;
        sum += r->width;
        TextGlyph *g = malloc(r->len * sizeof *g);
        size_t ng = text_run_glyphs(fs, text, weight, r, font_size, g, r->len);
        if (ng > r->len || ng == 0)
            abort();
        size_t gat = r->start;
        for (size_t k = 0; k < ng; k++) {
            if (g[k].start != gat || g[k].len == 0 || !isfinite(g[k].x))
                abort();
            gat += g[k].len;
        }
        if (gat != r->start + r->len)
            abort();
        free(g);
    }
    if (at != len)
        abort();
    double w = text_width(fs, text, weight, font_size);
    if (fabs(w - sum) > 1e-6 * (1 + fabs(w)))
        abort();
    free(runs);
    free(text);
    return 0;
}
