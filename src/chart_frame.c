/* chart_frame.c - title, subtitle and source line shared by chart kinds. */
#include "chart_frame.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dates.h"
#include "text_flow.h"

#define TITLE_PT 18.0
#define SUBTITLE_PT 12.0

double frame_type_scale(double width, double height)
{
    return sqrt(width * height / (960.0 * 540.0));
}

/* A header text in at most two lines of `avail`: one line at `size`
 * when it fits; else two lines, balanced (the narrowest width that still
 * takes two), shrinking from `size` toward `min` only when two lines at
 * `size` are not enough, and cut with "…" at `min` rather than clipped. */
typedef struct {
    double size;
    size_t n;
    char line[2][TEXT_FLOW_LINE];
} HeaderLines;

static size_t lines_at(const FontStack *fs, const char *text, FontWeight wt,
                       double size, double width)
{
    TextFlowSpan spans[3];
    return text_flow_wrap(fs, text, wt, size, width, spans, 3);
}

/* Where a title reads best broken: at a space, or after the punctuation
 * that ends a phrase (：，、；— and ASCII ": ", ", ", "; "), the mark kept
 * on the first line. Returns 1 with the first line's length and where
 * the second starts when a phrase ends at byte i. */
static int phrase_end(const char *text, size_t i, size_t *keep,
                      size_t *next)
{
    static const char *const marks[] = {"\xef\xbc\x9a", "\xef\xbc\x8c",
                                        "\xe3\x80\x81", "\xef\xbc\x9b",
                                        "\xe2\x80\x94", ":", ",", ";"};
    if (text[i] == ' ') {
        *keep = i;
        *next = i + 1;
        return 1;
    }
    for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
        size_t len = strlen(marks[m]);
        if (!strncmp(text + i, marks[m], len) &&
            (len > 1 || text[i + 1] == ' ')) {
            *keep = *next = i + len;
            return 1;
        }
    }
    return 0;
}

/* The phrase break that leaves both lines within avail with the shorter
 * longest line, into out; 0 when there is none. */
static int break_at_phrase(const FontStack *fs, const char *text,
                           FontWeight wt, double size, double avail,
                           HeaderLines *out)
{
    double best = INFINITY;
    size_t best_keep = 0, best_next = 0, n = strlen(text);
    char first[TEXT_FLOW_LINE];
    for (size_t i = 1; i < n && i < sizeof first - 8; i++) {
        size_t keep, next;
        if (!phrase_end(text, i, &keep, &next))
            continue;
        while (text[next] == ' ')
            next++;
        if (!text[next])
            continue;
        snprintf(first, sizeof first, "%.*s", (int)keep, text);
        double w = fmax(text_width(fs, first, wt, size),
                        text_width(fs, text + next, wt, size));
        if (w < best) {
            best = w;
            best_keep = keep;
            best_next = next;
        }
    }
    if (best > avail)
        return 0;
    out->n = 2;
    snprintf(out->line[0], sizeof out->line[0], "%.*s", (int)best_keep, text);
    snprintf(out->line[1], sizeof out->line[1], "%s", text + best_next);
    return 1;
}

static void header_lines(const FontStack *fs, const char *text,
                         FontWeight wt, double size, double min, double avail,
                         HeaderLines *out)
{
    out->n = 1;
    if (text_width(fs, text, wt, size) <= avail) {
        out->size = size;
        snprintf(out->line[0], sizeof out->line[0], "%s", text);
        return;
    }
    while (size > min && lines_at(fs, text, wt, size, avail) > 2)
        size -= 0.5;
    out->size = size;
    if (break_at_phrase(fs, text, wt, size, avail, out))
        return;
    double lo = avail / 2, hi = avail;
    if (lines_at(fs, text, wt, size, hi) <= 2)
        for (int i = 0; i < 20; i++) {
            double mid = (lo + hi) / 2;
            if (lines_at(fs, text, wt, size, mid) <= 2)
                hi = mid;
            else
                lo = mid;
        }
    out->size = size;
    out->n = text_flow_lines(fs, text, wt, size, hi, out->line, 2);
    if (out->n == 2 && text_width(fs, out->line[1], wt, size) > avail)
        text_flow_fit(fs, out->line[1], wt, size, avail, out->line[1],
                      sizeof out->line[1]);
}

/* Draws lines from the top y (first baseline at y + ascent); returns the
 * y of the last line's descent. */
static double draw_lines(Scene *scene, const FontStack *fs,
                         const HeaderLines *h, double x, double y,
                         FontWeight wt, Color c)
{
    double step = h->size * 1.2;
    y += text_ascent(fs, h->size);
    for (size_t i = 0; i < h->n; i++)
        scene_add_text(scene, x, y + (double)i * step, h->line[i], h->size,
                       wt, ANCHOR_START, 0, c);
    return y + (double)(h->n - 1) * step + text_descent(fs, h->size);
}

double frame_draw(Scene *scene, const FontStack *fs, const Theme *theme,
                  double k, const char *title, const char *subtitle,
                  const char *source)
{
    double margin = FRAME_MARGIN_PT * k;
    double avail = scene->width - 2 * margin;
    HeaderLines t, sub;
    header_lines(fs, title, FONT_BOLD, TITLE_PT * k, 11 * k, avail, &t);
    header_lines(fs, subtitle, FONT_REGULAR, SUBTITLE_PT * k, 8 * k, avail,
                 &sub);
    scene_group_begin(scene, "header");
    double y = draw_lines(scene, fs, &t, margin, 22 * k, FONT_BOLD,
                          theme->ink);
    y = draw_lines(scene, fs, &sub, margin, y + 8 * k, FONT_REGULAR,
                   theme->ink_soft);
    scene_add_text(scene, margin, scene->height - 14 * k, source,
                   FRAME_SOURCE_PT * k, FONT_REGULAR, ANCHOR_START, 0,
                   theme->ink_faint);
    scene_group_end(scene);
    return y;
}

void frame_source_text(Lang lang, const char *source_line, const char *file,
                       const char *note, char *buf, size_t size)
{
    if (source_line)
        snprintf(buf, size, "%s", source_line);
    else
        snprintf(buf, size, "%s%s \xc2\xb7 %s",
                 lang_pick(lang, "Source: ", "資料來源："), file,
                 lang_pick(lang, "Chart: aigrowth", "圖表：aigrowth"));
    size_t len = strlen(buf);
    if (note && note[0] && len < size)
        snprintf(buf + len, size - len, " \xc2\xb7 %s", note);
}

double frame_footer_top(const Scene *scene, double k)
{
    return scene->height - 14 * k - FRAME_SOURCE_PT * k;
}

void frame_date_tick(Lang lang, long day, char unit, int first, char *buf,
                     size_t size)
{
    static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int zh = lang_is_chinese(lang);
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    char part[32];
    if (unit == 'y' || m == 1) {
        snprintf(buf, size, zh ? "%d年" : "%d", y);
        return;
    }
    if (unit == 'q')
        snprintf(part, sizeof part, zh ? "第%d季" : "Q%d", (m - 1) / 3 + 1);
    else if (zh)
        snprintf(part, sizeof part, "%d月", m);
    else
        snprintf(part, sizeof part, "%s", months[m - 1]);
    if (!first)
        snprintf(buf, size, "%s", part);
    else if (zh)
        snprintf(buf, size, "%d年%s", y, part);
    else
        snprintf(buf, size, "%s %d", part, y);
}
