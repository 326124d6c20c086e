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
#include "text_flow.h"
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
        snprintf(buf, size, lang_text(spec->lang, "%s%s%s%s，最新數值由大到小"),
                 metric,
                 unit[0] ? "（" : "", unit, unit[0] ? "）" : "");
    else
        snprintf(buf, size, "%s%s%s, latest values, largest first", metric,
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

typedef struct {
    double x0, cy, name_size, value_size;
} BarRow;

/* The last row when not every bar fits: "23 others" and, where the bars
 * would be, "each below $1.2B (the largest of them)". No bar: their
 * values are of different dates, and a sum would claim what no one
 * reported. */
static void others_row(const BarChartSpec *spec, const FontStack *fs,
                       const Theme *theme, Scene *scene, const Bar *rest,
                       size_t n, BarRow r)
{
    char name[64], words[160], v[64];
    double k = r.name_size / NAME_PT;
    snprintf(name, sizeof name,
             lang_pick(spec->lang, "%zu others", "其他%zu家"), n);
    const Series *s = spec->series[rest[0].series];
    format_compact_lang(rest[0].value, s->unit, 3, spec->lang, v, sizeof v);
    snprintf(words, sizeof words,
             lang_pick(spec->lang, "each at most %s", "皆不超過%s"), v);
    double base = r.cy + text_ascent(fs, r.name_size) * 0.35;
    scene_add_text(scene, r.x0 - 10 * k, base, name, r.name_size, FONT_BOLD,
                   ANCHOR_END, 0, theme->ink_soft);
    scene_add_text(scene, r.x0 + 6 * k, base, words, r.value_size,
                   FONT_REGULAR, ANCHOR_START, 0, theme->ink_faint);
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

    /* As many rows as fit at a legible size; past that, the largest
     * and one row naming how many others there are and below what. */
    size_t shown = n, others = 0;
    double row_min = text_ascent(fs, NAME_PT * k * 0.8) +
                     text_descent(fs, NAME_PT * k * 0.8) + 3 * k;
    size_t fit = (size_t)fmax(floor((bottom - top) / row_min), 2);
    if (n > fit) {
        shown = fit - 1;
        others = n - shown;
    }
    size_t rows = shown + (others > 0);
    double row = (bottom - top) / (double)rows;
    double thick = fmin(row * 0.6, 90 * k);
    double grow = fmin(fmax(thick / (24 * k), 1), 1.6);
    /* Type never taller than its row: rows may be thin with many bars. */
    double fill = row / (NAME_PT * k * 1.45);
    if (fill < 1)
        grow = fmax(fill, 0.8);
    double name_size = NAME_PT * k * grow, value_size = VALUE_PT * k * grow;
    /* Column widths from the longest name and the longest value label. */
    double name_w = 0, value_w = 0;
    char label[160];
    for (size_t i = 0; i < shown; i++) {
        name_w = fmax(name_w, text_width(fs, spec->series[bars[i].series]
                                                 ->company,
                                         FONT_BOLD, name_size));
        value_label(spec, &bars[i], label, sizeof label);
        value_w = fmax(value_w, text_width(fs, label, FONT_REGULAR,
                                           value_size));
    }
    name_w = fmin(name_w, spec->width * 0.35);
    double x0 = FRAME_MARGIN_PT * k + name_w + 10 * k;
    double x1 = spec->width - FRAME_MARGIN_PT * k - value_w - 8 * k;

    scene_group_begin(scene, "bars");
    scene_add_line(scene, x0, top - 4 * k, x0, top + row * (double)rows,
                   theme->axis, 1 * k, NULL, 0);
    for (size_t i = 0; i < shown; i++) {
        const Bar *bar = &bars[i];
        const Series *s = spec->series[bar->series];
        Color c = spec->colors ? spec->colors[bar->series]
                               : theme->palette[i % THEME_PALETTE_SIZE];
        double cy = top + row * ((double)i + 0.5);
        double w = (x1 - x0) * bar->value / bars[0].value;
        scene_add_rect(scene, x0, cy - thick / 2, fmax(w, 0.5 * k), thick, c);
        double base = cy + text_ascent(fs, name_size) * 0.35;
        char name[200];
        text_flow_fit(fs, lang_text(spec->lang, s->company), FONT_BOLD,
                      name_size, name_w, name, sizeof name);
        scene_add_text(scene, x0 - 10 * k, base, name, name_size,
                       FONT_BOLD, ANCHOR_END, 0, theme->ink);
        value_label(spec, bar, label, sizeof label);
        scene_add_text(scene, x0 + fmax(w, 0.5 * k) + 6 * k, base, label,
                       value_size, FONT_REGULAR, ANCHOR_START, 0,
                       theme->ink_soft);
    }
    if (others)
        others_row(spec, fs, theme, scene, &bars[shown], others,
                   (BarRow){x0, top + row * ((double)shown + 0.5),
                            name_size, value_size});
    scene_group_end(scene);
    free(bars);
    *out = scene;
    return 0;
}
