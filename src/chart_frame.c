/* chart_frame.c - title, subtitle and source line shared by chart kinds. */
#include "chart_frame.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define TITLE_PT 18.0
#define SUBTITLE_PT 12.0

double frame_type_scale(double width, double height)
{
    return sqrt(width * height / (960.0 * 540.0));
}

/* Largest size from `size` down to `min` at which text fits `avail`. */
static double fit_size(const FontStack *fs, const char *text,
                       FontWeight weight, double size, double min,
                       double avail)
{
    while (size > min && text_width(fs, text, weight, size) > avail)
        size -= 0.5;
    return size;
}

double frame_draw(Scene *scene, const FontStack *fs, const Theme *theme,
                  double k, const char *title, const char *subtitle,
                  const char *source)
{
    double margin = FRAME_MARGIN_PT * k;
    double avail = scene->width - 2 * margin;
    double title_size = fit_size(fs, title, FONT_BOLD, TITLE_PT * k, 11 * k,
                                 avail);
    double sub_size = fit_size(fs, subtitle, FONT_REGULAR, SUBTITLE_PT * k,
                               8 * k, avail);
    scene_group_begin(scene, "header");
    double y = 22 * k + text_ascent(fs, title_size);
    scene_add_text(scene, margin, y, title, title_size, FONT_BOLD,
                   ANCHOR_START, 0, theme->ink);
    y += text_descent(fs, title_size) + 8 * k + text_ascent(fs, sub_size);
    scene_add_text(scene, margin, y, subtitle, sub_size, FONT_REGULAR,
                   ANCHOR_START, 0, theme->ink_soft);
    scene_add_text(scene, margin, scene->height - 14 * k, source,
                   FRAME_SOURCE_PT * k, FONT_REGULAR, ANCHOR_START, 0,
                   theme->ink_faint);
    scene_group_end(scene);
    return y + text_descent(fs, sub_size);
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
