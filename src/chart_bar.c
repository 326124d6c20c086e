/* chart_bar.c - bar chart of each company's latest value.
 *
 * Horizontal bars read best with long company names: names on the left,
 * bars from a common zero, the value and its date at the bar's end, no
 * axis to decode. */
#include "chart_bar.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_frame.h"
#include "util.h"

#define NAME_PT 10.5
#define VALUE_PT 10.0

typedef struct {
    size_t series;
    double value;
    long date;
} Bar;

static int compare_bars(const void *a, const void *b)
{
    const Bar *x = a, *y = b;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return x->series < y->series ? -1 : x->series > y->series;
}

static void bar_subtitle(const BarChartSpec *spec, char *buf, size_t size)
{
    char metric[128];
    const Series *s = spec->series[0];
    format_metric_name_lang(s->metric, spec->lang, metric, sizeof metric);
    const char *unit = unit_word_lang(s->unit, spec->lang);
    if (lang_is_chinese(spec->lang))
        snprintf(buf, size, lang_text(spec->lang, "%s%s%s%s，各公司最新數值"),
                 metric,
                 unit[0] ? "（" : "", unit, unit[0] ? "）" : "");
    else
        snprintf(buf, size, "%s%s%s, latest value per company", metric,
                 unit[0] ? ", " : "", unit);
}


/* Latest value of every series with one, sorted; returns the count, or
 * -1 (with err set) for a value a bar cannot show. */
static long collect_bars(const BarChartSpec *spec, Bar *bars, Error *err)
{
    size_t n = 0;
    for (size_t i = 0; i < spec->n_series; i++) {
        const Series *s = spec->series[i];
        if (s->n == 0)
            continue;
        size_t last = s->n - 1;
        if (s->value[last] < 0) {
            error_set(err, ERR_DATA, s->file, s->line[last], 0,
                      "%s %s has negative value %g; a bar chart starts at "
                      "zero and cannot show it",
                      s->company, s->metric, s->value[last]);
            return -1;
        }
        bars[n++] = (Bar){i, s->value[last], s->date[last]};
    }
    qsort(bars, n, sizeof *bars, compare_bars);
    return (long)n;
}

static void value_label(const BarChartSpec *spec, const Bar *bar, char *buf,
                        size_t size)
{
    char v[64], when[48];
    const Series *s = spec->series[bar->series];
    format_qualified_lang(bar->value, s->unit, 3,
                          series_qualifier(s, s->n - 1), spec->lang, v,
                          sizeof v);
    format_period_lang(bar->date, (DatePrecision)s->precision[s->n - 1],
                       spec->lang, when, sizeof when);
    snprintf(buf, size, lang_is_chinese(spec->lang) ? "%s（%s）" : "%s  %s", v,
             when);
}

int chart_bar_layout(const BarChartSpec *spec, const FontStack *fs,
                     Scene **out, Error *err)
{
    *out = NULL;
    const Theme *theme = spec->theme ? spec->theme : &theme_light;
    double k = frame_type_scale(spec->width, spec->height) *
               (spec->type_scale > 0 ? spec->type_scale : 1);
    Bar *bars = xmalloc_array(spec->n_series + 1, sizeof *bars);
    long found = collect_bars(spec, bars, err);
    if (found <= 0) {
        if (found == 0)
            error_set(err, ERR_DATA, NULL, 0, 0,
                      "chart \"%s\" has no values to draw; check the metric "
                      "and company names",
                      spec->title ? spec->title : "");
        free(bars);
        return -1;
    }
    size_t n = (size_t)found;
    Color bg = theme->paper;
    if (spec->transparent)
        bg.a = 0;
    Scene *scene = scene_create(spec->width, spec->height, bg);
    char subtitle[400], source[700];
    if (spec->subtitle)
        snprintf(subtitle, sizeof subtitle, "%s", spec->subtitle);
    else
        bar_subtitle(spec, subtitle, sizeof subtitle);
    frame_source_text(spec->lang, spec->source_line, spec->series[0]->file,
                      spec->note, source, sizeof source);
    double top = frame_draw(scene, fs, theme, k, spec->title, subtitle,
                            source) + 24 * k;
    double bottom = frame_footer_top(scene, k) - 18 * k;

    /* Bars share the plot's height: few bars get thick bars and larger
     * type, so two or three companies fill the canvas instead of its top
     * third; many get thin rows at the base size. */
    double row = (bottom - top) / (double)n;
    double thick = fmin(row * 0.6, 90 * k);
    double grow = fmin(fmax(thick / (24 * k), 1), 1.6);
    double name_size = NAME_PT * k * grow, value_size = VALUE_PT * k * grow;
    /* Column widths from the longest name and the longest value label. */
    double name_w = 0, value_w = 0;
    char label[160];
    for (size_t i = 0; i < n; i++) {
        name_w = fmax(name_w, text_width(fs, spec->series[bars[i].series]
                                                 ->company,
                                         FONT_BOLD, name_size));
        value_label(spec, &bars[i], label, sizeof label);
        value_w = fmax(value_w, text_width(fs, label, FONT_REGULAR,
                                           value_size));
    }
    double x0 = FRAME_MARGIN_PT * k + name_w + 10 * k;
    double x1 = spec->width - FRAME_MARGIN_PT * k - value_w - 8 * k;

    scene_group_begin(scene, "bars");
    scene_add_line(scene, x0, top - 4 * k, x0, top + row * (double)n,
                   theme->axis, 1 * k, NULL, 0);
    for (size_t i = 0; i < n; i++) {
        const Bar *bar = &bars[i];
        const Series *s = spec->series[bar->series];
        Color c = spec->colors ? spec->colors[bar->series]
                               : theme->palette[i % THEME_PALETTE_SIZE];
        double cy = top + row * ((double)i + 0.5);
        double w = (x1 - x0) * bar->value / bars[0].value;
        scene_add_rect(scene, x0, cy - thick / 2, fmax(w, 0.5 * k), thick, c);
        double base = cy + text_ascent(fs, name_size) * 0.35;
        scene_add_text(scene, x0 - 10 * k, base,
                       lang_text(spec->lang, s->company), name_size,
                       FONT_BOLD, ANCHOR_END, 0, theme->ink);
        value_label(spec, bar, label, sizeof label);
        scene_add_text(scene, x0 + fmax(w, 0.5 * k) + 6 * k, base, label,
                       value_size, FONT_REGULAR, ANCHOR_START, 0,
                       theme->ink_soft);
    }
    scene_group_end(scene);
    free(bars);
    *out = scene;
    return 0;
}
