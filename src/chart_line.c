/* chart_line.c - layout of a line chart (metric over time) into a scene.
 *
 * The chart reads like a newsroom chart: left-aligned bold title, a
 * subtitle carrying unit and scale, light horizontal gridlines only,
 * observed data solid with a marker at every report date, the projection
 * dashed inside a light prediction band, direct labels at the line ends
 * instead of a legend, and a source line at the bottom left. Series that
 * are only context are thin grey lines without labels. */
#include "chart_line.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_frame.h"
#include "chart_notes.h"
#include "dates.h"
#include "decimate.h"
#include "format.h"
#include "parallel.h"
#include "report_labels.h"
#include "scale.h"
#include "util.h"

/* Type sizes in points for a 960 x 540 pt chart. */
#define TICK_PT 10.0
#define LABEL_PT 10.0
#define NOTE_PT 8.5
#define MARGIN_PT FRAME_MARGIN_PT

/* Samples along each projection: an exponential is curved on a linear axis. */
#define PROJECTION_STEPS 32
#define MAX_LABELS 64
/* The top value's headroom under event labels: the domain's top at least
 * this much above it (linear: of the data's range; log: a factor). */
#define EVENT_HEADROOM 1.08
#define EVENT_HEADROOM_LOG 1.25

typedef struct {
    double x0, y0, x1, y1;   /* plot rectangle */
} Rect;

/* What one chart needs to know about its data, gathered once. */
typedef struct {
    long date_min, date_max;   /* x domain before padding */
    long last_observed;        /* latest observed date of any series */
    double vmin, vmax;         /* y domain before ticks */
    int any_projection;
    const char *unit;
    const char *metric;
} Extent;

/* A direct label at a line end, moved vertically to avoid the others. */
typedef struct {
    size_t series;
    double want_y, y;          /* centre of the block */
    double height;
    char line[3][160];
    Color color;
} EndLabel;

typedef struct {
    const LineChartSpec *spec;
    const FontStack *fs;
    const Theme *theme;
    Scene *scene;
    double k;                  /* type scale, 1 for 960 x 540 pt */
    Rect plot;
    Scale xs, ys;
    Extent ext;
    EndLabel labels[MAX_LABELS];
    size_t n_labels;
    NoteFrame notes;           /* boxes taken inside the plot */
    int legend;                /* labels as a legend row, not at line ends */
    const LinePanel *panel;    /* NULL: a chart of its own */
    int point_values;          /* a panel's labels: values at the first
                                  and the last point */
} Layout;

static double pt(const Layout *L, double size)
{
    return size * L->k;
}

static const char *tr(const Layout *L, const char *en, const char *zh)
{
    return lang_pick(L->spec->lang, en, zh);
}

static int is_context(const LineChartSpec *spec, size_t i)
{
    return spec->context && spec->context[i];
}

int chart_line_projects(const SeriesAnalysis *a, int context)
{
    return !context && analysis_quotable(a) && a->horizon > a->latest_date;
}

static int has_projection(const LineChartSpec *spec, size_t i)
{
    return spec->analyses &&
           chart_line_projects(&spec->analyses[i], is_context(spec, i));
}

static Color series_color(const Layout *L, size_t i)
{
    if (is_context(L->spec, i))
        return L->theme->context;
    if (L->spec->colors)
        return L->spec->colors[i];
    return L->theme->palette[i % THEME_PALETTE_SIZE];
}

static Color with_alpha(Color c, double a)
{
    c.a = a;
    return c;
}

static void extend_values(Extent *e, double v)
{
    if (!isfinite(v))
        return;
    if (v < e->vmin)
        e->vmin = v;
    if (v > e->vmax)
        e->vmax = v;
}

/* What series i's analysis' numbers are multiplied by on the chart: 1,
 * or its rebasing factor (the analysis is of the data as it is; a
 * rebased chart divides its numbers, it never refits). */
static double factor(const LineChartSpec *spec, size_t i)
{
    return spec->rebase ? spec->rebase[i] : 1;
}

/* The day series i's x axis reads 0 on an aligned chart (its dates are
 * days since it); 0 on a calendar one. The analysis' days (its latest
 * date, its horizon) are calendar days: less this is their x. */
static long origin_of(const LineChartSpec *spec, size_t i)
{
    return spec->align ? spec->origins[i].day : 0;
}

/* Projected value and band ends of series i at day d. */
static void projection_at(const LineChartSpec *spec, size_t i, long d,
                          double *mid, double *lo, double *hi)
{
    analysis_value_at(&spec->analyses[i], date_to_years(d), mid, lo, hi);
    double f = factor(spec, i);
    *mid *= f;
    *lo *= f;
    *hi *= f;
}

/* A value as the chart writes it: compact with its unit, and "3.2×" on
 * a chart of growth since the start. */
static char *value_text(const LineChartSpec *spec, double v,
                        const char *unit, int digits, char *buf, size_t size)
{
    format_compact_lang(v, unit, digits, spec->lang, buf, size);
    size_t len = strlen(buf);
    if (spec->rebase_style == REBASE_GROWTH && len + 3 < size)
        snprintf(buf + len, size - len, "\xc3\x97");
    return buf;
}

/* Domain of the data and the central projections; prediction bands are
 * clipped at the plot's edge rather than allowed to stretch the axis. */
static void gather_extent(const LineChartSpec *spec, Extent *e)
{
    *e = (Extent){.date_min = LONG_MAX, .date_max = LONG_MIN,
                  .last_observed = LONG_MIN, .vmin = HUGE_VAL,
                  .vmax = -HUGE_VAL, .unit = "", .metric = ""};
    /* An aligned axis starts at every series' origin, 0. */
    int clip = spec->x_from || spec->align;
    long from = spec->align ? 0 : spec->x_from;
    long furthest = LONG_MIN; /* aligned: the furthest projection's x */
    for (size_t i = 0; i < spec->n_series; i++) {
        const Series *s = spec->series[i];
        if (s->n == 0)
            continue;
        if (!e->metric[0] || !is_context(spec, i)) {
            e->unit = s->unit;
            e->metric = s->metric;
        }
        if (s->date[0] < e->date_min)
            e->date_min = s->date[0];
        if (s->date[s->n - 1] > e->last_observed)
            e->last_observed = s->date[s->n - 1];
        for (size_t j = 0; j < s->n; j++)
            if (!clip || s->date[j] >= from)
                extend_values(e, s->value[j]);
        if (has_projection(spec, i)) {
            extend_values(e, spec->analyses[i].proj * factor(spec, i));
            e->any_projection = 1;
            long end = spec->analyses[i].horizon - origin_of(spec, i);
            if (end > furthest)
                furthest = end;
        }
    }
    e->date_max = e->last_observed;
    if (spec->align && furthest > e->date_max)
        e->date_max = furthest;
    else if (!spec->align && e->any_projection &&
             spec->horizon > e->date_max)
        e->date_max = spec->horizon;
    if (e->date_min == LONG_MAX)
        return; /* no data: the caller refuses the chart */
    if (spec->align && spec->align->kind == ALIGN_THRESHOLD)
        extend_values(e, spec->align->threshold); /* where lines enter */
    if (spec->align)
        e->date_min = 0;
    else if (spec->x_from && spec->x_from > e->date_min &&
             spec->x_from < e->date_max)
        e->date_min = spec->x_from;
    if (spec->panel) {
        /* A panel spans the figure's dates, and its values when they
         * are shared: every panel reads on the same axes. */
        const LineDomain *d = &spec->panel->domain;
        e->date_min = d->date_min;
        e->date_max = d->date_max;
        e->last_observed = d->last_observed;
        e->any_projection = d->any_projection;
        if (spec->panel->shared_y) {
            e->vmin = d->vmin;
            e->vmax = d->vmax;
        }
    }
    /* What was annotated is on the chart: the axes reach it. */
    for (size_t i = 0; i < spec->n_notes; i++) {
        const Annotation *a = &spec->notes[i];
        if (a->kind != NOTE_RANGE)
            extend_values(e, a->value);
        if (a->kind == NOTE_HLINE)
            continue;
        long d1 = a->kind == NOTE_RANGE ? a->d1 : a->d0;
        if (a->d0 < e->date_min)
            e->date_min = a->d0;
        if (d1 > e->date_max)
            e->date_max = d1;
    }
}

/* A log axis needs every drawn value positive; name the first that is not. */
static int check_log_values(const LineChartSpec *spec, Error *err)
{
    for (size_t i = 0; i < spec->n_series; i++) {
        const Series *s = spec->series[i];
        for (size_t j = 0; j < s->n; j++) {
            if (s->value[j] > 0)
                continue;
            error_set(err, ERR_DATA, s->file, s->line[j], 0,
                      "%s %s has value %g, which a log scale cannot show; "
                      "use a linear axis or remove the row",
                      s->company, s->metric, s->value[j]);
            return -1;
        }
    }
    return 0;
}

double chart_line_type_scale(const LineChartSpec *spec)
{
    return frame_type_scale(spec->width, spec->height) *
           (spec->type_scale > 0 ? spec->type_scale : 1);
}

static int wants_log(const LineChartSpec *spec, const Extent *e)
{
    return spec->axis == AXIS_LOG ||
           (spec->axis == AXIS_AUTO && e->vmin > 0 &&
            scale_prefers_log(e->vmin, e->vmax));
}

void chart_line_domain(const LineChartSpec *spec, LineDomain *out)
{
    Extent e;
    gather_extent(spec, &e);
    *out = (LineDomain){e.date_min, e.date_max, e.last_observed, e.vmin,
                        e.vmax, e.any_projection, wants_log(spec, &e)};
}

/* Which metric of a chart of two series i is: 0, or 1 (dotted). */
static int series_style(const LineChartSpec *spec, size_t i)
{
    return spec->style ? spec->style[i] : 0;
}

/* ---- header and footer ---- */

/* "damped trend", "exponential trend", ...; when the series' models
 * differ, the best by AICc (auto asked for) or the models named. */
static const char *trend_words(const Layout *L)
{
    static const char *const en[] = {"", "exponential trend", "linear trend",
                                      "logistic trend", "damped trend"};
    static const char *const zh[] = {"", "指數趨勢", "線性趨勢", "邏輯斯趨勢",
                                      "趨緩趨勢"};
    const LineChartSpec *spec = L->spec;
    int used[MODEL_COUNT] = {0}, kinds = 0, any_auto = 0;
    Model model = MODEL_NONE;
    for (size_t i = 0; i < spec->n_series; i++) {
        if (!has_projection(spec, i))
            continue;
        const Fit *f = &spec->analyses[i].fit;
        any_auto |= f->requested == MODEL_AUTO;
        if (f->model > MODEL_NONE && f->model < MODEL_COUNT &&
            !used[f->model]++) {
            kinds++;
            model = f->model;
        }
    }
    if (kinds > 1 && any_auto)
        return tr(L, "trend of the best model by AICc",
                  "依 AICc 選出的最佳趨勢");
    if (kinds == 2 && used[MODEL_DAMPED] && used[MODEL_EXP])
        return tr(L, "damped trend (exponential below 5 points)",
                  "趨緩趨勢（少於5點者為指數趨勢）");
    if (kinds != 1 || model > MODEL_DAMPED)
        return tr(L, "trend", "趨勢");
    return lang_pick(spec->lang, en[model], zh[model]);
}

/* "index, start = 100 (Jan 2024)" / "指數，起點 = 100（2024年1月）", or
 * "× since Jan 2024" / "2024年1月起的倍數", into unit_words. */
static void rebase_words(const Layout *L, char *buf, size_t size)
{
    const LineChartSpec *spec = L->spec;
    char when[48], base[32];
    format_month_year_lang(spec->rebase_at, spec->lang, when, sizeof when);
    if (spec->rebase_style == REBASE_GROWTH) {
        snprintf(buf, size,
                 lang_pick(spec->lang, "\xc3\x97 since %s", "%s起的倍數"),
                 when);
        return;
    }
    snprintf(base, sizeof base, "%g", spec->rebase_base);
    snprintf(buf, size,
             lang_pick(spec->lang, "index, start = %s in %s",
                       "指數，起點 = %s，%s"),
             base, when);
}

static void default_subtitle(const Layout *L, char *buf, size_t size)
{
    Lang lang = L->spec->lang;
    char metric[300], rebased[96];
    if (L->spec->metric_name)
        snprintf(metric, sizeof metric, "%s", L->spec->metric_name);
    else
        format_metric_name_lang(L->ext.metric, lang, metric, sizeof metric);
    const char *unit = unit_word_lang(L->ext.unit, lang);
    if (L->spec->rebase_style != REBASE_NONE) {
        rebase_words(L, rebased, sizeof rebased);
        unit = rebased;
    }
    char aligned[160] = "";
    if (L->spec->align)
        align_subtitle_words(L->spec->align, L->ext.unit, lang, aligned,
                             sizeof aligned);
    int log = L->ys.kind == SCALE_LOG;
    int n;
    if (lang_is_chinese(lang)) {
        const char *sep = unit[0] && log ? "，" : "";
        n = snprintf(buf, size, "%s%s%s%s%s%s%s%s", metric,
                     unit[0] || log ? "（" : "", unit, sep,
                     log ? lang_text(lang, "對數刻度") : "",
                     unit[0] || log ? "）" : "", aligned[0] ? "，" : "",
                     aligned);
    } else {
        n = snprintf(buf, size, "%s%s%s%s%s%s", metric, unit[0] ? ", " : "",
                     unit, log ? " (log scale)" : "",
                     aligned[0] ? ", " : "", aligned);
    }
    if (L->ext.any_projection && n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n,
                 L->spec->verified_only
                     ? lang_pick(lang,
                                 ". Dashed: %s of verified points with "
                                 "%.0f%% prediction interval",
                                 "，虛線為僅以已查證資料推估的%s預測與"
                                 "%.0f%%預測區間")
                     : lang_pick(lang,
                                 ". Dashed: %s with %.0f%% prediction "
                                 "interval",
                                 "，虛線為%s預測與%.0f%%預測區間"),
                 trend_words(L), L->spec->level * 100);
}


/* Title, subtitle and source line; returns the y below the header. */
static double draw_header(Layout *L)
{
    char subtitle[400], source[700];
    if (L->spec->subtitle)
        snprintf(subtitle, sizeof subtitle, "%s", L->spec->subtitle);
    else
        default_subtitle(L, subtitle, sizeof subtitle);
    frame_source_text(L->spec->lang, L->spec->source_line,
                      L->spec->series[0]->file, L->spec->note, source,
                      sizeof source);
    return frame_draw(L->scene, L->fs, L->theme, L->k, L->spec->title,
                      subtitle, source);
}

/* The second metric's line: dotted, so it stays apart from the dashed
 * projections; its markers are squares. */
static int dotted_dash(const Layout *L, double *dash)
{
    dash[0] = pt(L, 1.4);
    dash[1] = pt(L, 2.6);
    return 2;
}

static void draw_marker(Layout *L, double x, double y, int style, Color c)
{
    double r = pt(L, 2.6);
    if (style)
        scene_add_rect(L->scene, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8,
                       c);
    else
        scene_add_circle(L->scene, x, y, r, c, L->theme->paper, pt(L, 0.9));
}

/* A short line in a style with its marker: the key's sample. */
static void draw_style_sample(Layout *L, double x, double y, int style)
{
    double dash[2];
    Color c = L->theme->ink_soft;
    scene_add_line(L->scene, x, y, x + pt(L, 22), y, c, pt(L, 2.2), dash,
                   style ? dotted_dash(L, dash) : 0);
    draw_marker(L, x + pt(L, 11), y, style, c);
}

/* The key of a chart of two metrics, under the subtitle: "── Weekly
 * active users   ┈┈ Monthly active users". Returns the y below it. */
static double draw_style_key(Layout *L, double top)
{
    double size = pt(L, LABEL_PT), x = pt(L, MARGIN_PT);
    double y = top + size * 1.6;
    scene_group_begin(L->scene, "key of line styles");
    for (int k = 0; k < 2; k++) {
        char name[128];
        format_metric_name_lang(L->spec->style_names[k], L->spec->lang, name,
                                sizeof name);
        draw_style_sample(L, x, y - size * 0.35, k);
        scene_add_text(L->scene, x + pt(L, 28), y, name, size, FONT_REGULAR,
                       ANCHOR_START, 0, L->theme->ink_soft);
        x += pt(L, 28) + text_width(L->fs, name, FONT_REGULAR, size) +
             pt(L, 18);
    }
    scene_group_end(L->scene);
    return y + text_descent(L->fs, size);
}

double chart_line_frame(const LineChartSpec *spec, const FontStack *fs,
                        Scene *scene, int log)
{
    Layout L = {.spec = spec, .fs = fs, .scene = scene,
                .theme = spec->theme ? spec->theme : &theme_light,
                .k = chart_line_type_scale(spec)};
    gather_extent(spec, &L.ext);
    for (size_t i = 1; i < spec->n_series; i++)
        if (strcmp(spec->series[i]->unit, spec->series[0]->unit) != 0)
            L.ext.unit = ""; /* each panel names its own */
    L.ys.kind = log ? SCALE_LOG : SCALE_LINEAR;
    double bottom = draw_header(&L);
    return spec->style ? draw_style_key(&L, bottom) : bottom;
}

/* ---- axes ---- */

static int labels_events(const Layout *L);

/* Y domain widened to nice ticks. A linear value axis starts at zero.
 * Under event labels the highest value keeps a little headroom, so a
 * line ending at the top tick is not written over. */
static size_t choose_y_scale(Layout *L, Tick *ticks)
{
    double d0 = L->ext.vmin, d1 = L->ext.vmax;
    if (labels_events(L))
        d1 = L->ys.kind == SCALE_LOG
                 ? d1 * EVENT_HEADROOM_LOG
                 : fmin(d0, 0) + (d1 - fmin(d0, 0)) * EVENT_HEADROOM;
    size_t n;
    if (L->ys.kind == SCALE_LOG) {
        n = scale_ticks_log(&d0, &d1, ticks, SCALE_MAX_TICKS);
    } else {
        if (d0 > 0)
            d0 = 0;
        n = scale_ticks_linear(&d0, &d1, 6, ticks, SCALE_MAX_TICKS);
    }
    L->ys.d0 = d0;
    L->ys.d1 = d1;
    return n;
}

static void y_label(const Layout *L, double v, char *buf, size_t size)
{
    value_text(L->spec, v, L->ext.unit, 3, buf, size);
}

static double widest_y_label(const Layout *L, const Tick *ticks, size_t n)
{
    double widest = 0;
    char buf[64];
    for (size_t i = 0; i < n; i++) {
        if (!ticks[i].major)
            continue;
        y_label(L, ticks[i].value, buf, sizeof buf);
        widest = fmax(widest, text_width(L->fs, buf, FONT_REGULAR,
                                         pt(L, TICK_PT)));
    }
    return widest;
}

/* Every how many major ticks a panel draws one: a short plot keeps its
 * labels apart, two lines of type and more between gridlines. */
static size_t tick_stride(const Layout *L, const Tick *ticks, size_t n)
{
    if (!L->panel)
        return 1;
    double first = NAN, gap = HUGE_VAL;
    for (size_t i = 0; i < n; i++) {
        if (!ticks[i].major)
            continue;
        double y = scale_map(&L->ys, ticks[i].value);
        if (!isnan(first))
            gap = fmin(gap, fabs(y - first));
        first = y;
    }
    double want = pt(L, TICK_PT) * 2.2;
    return gap >= want || !isfinite(gap) ? 1 : (size_t)ceil(want / gap);
}

/* Gridlines and labels; the log note sits above the labels. */
static void draw_y_axis(Layout *L, const Tick *ticks, size_t n)
{
    double size = pt(L, TICK_PT);
    char label[64];
    size_t stride = tick_stride(L, ticks, n), major = 0;
    for (size_t i = 0; i < n; i++) {
        if (!ticks[i].major || major++ % stride != 0)
            continue;
        double y = scale_map(&L->ys, ticks[i].value);
        scene_add_line(L->scene, L->plot.x0, y, L->plot.x1, y,
                       L->theme->grid, pt(L, 0.8), NULL, 0);
        if (L->panel && !L->panel->y_labels)
            continue;
        y_label(L, ticks[i].value, label, sizeof label);
        scene_add_text(L->scene, L->plot.x0 - pt(L, 8),
                       y + text_ascent(L->fs, size) * 0.35, label, size,
                       FONT_REGULAR, ANCHOR_END, 0, L->theme->ink_soft);
    }
    if (L->ys.kind == SCALE_LOG && !L->panel)
        scene_add_text(L->scene, L->plot.x0 - pt(L, 8),
                       L->plot.y0 - pt(L, 10), tr(L, "log scale", "對數刻度"),
                       pt(L, NOTE_PT), FONT_REGULAR, ANCHOR_END, 0,
                       L->theme->ink_faint);
}

/* The x axis' line along the plot's foot. */
static void draw_x_axis_line(Layout *L)
{
    scene_add_line(L->scene, L->plot.x0, L->plot.y1, L->plot.x1, L->plot.y1,
                   L->theme->axis, pt(L, 1), NULL, 0);
}

/* One tick of the x axis at x, with its label under it (NULL: none). */
static void draw_x_tick(Layout *L, double x, const char *label, double size)
{
    double base = L->plot.y1;
    scene_add_line(L->scene, x, base, x, base + pt(L, 4), L->theme->axis,
                   pt(L, 1), NULL, 0);
    if (label)
        scene_add_text(L->scene, x,
                       base + pt(L, 6) + text_ascent(L->fs, size), label,
                       size, FONT_REGULAR, ANCHOR_MIDDLE, 0,
                       L->theme->ink_soft);
}

/* An aligned axis: ticks in months since each origin (or years when
 * the span is long), and its title under them, at the right. */
static void draw_month_axis(Layout *L)
{
    double months[SCALE_MAX_TICKS];
    int years = 0;
    size_t n = scale_ticks_months(fmax(L->xs.d0, 0) / ALIGN_DAYS_PER_MONTH,
                                  L->xs.d1 / ALIGN_DAYS_PER_MONTH, months,
                                  SCALE_MAX_TICKS, &years);
    double size = pt(L, TICK_PT);
    double base = L->plot.y1;
    draw_x_axis_line(L);
    char label[32];
    for (size_t i = 0; i < n; i++) {
        snprintf(label, sizeof label, "%.0f", years ? months[i] / 12
                                                    : months[i]);
        draw_x_tick(L, scale_map(&L->xs, months[i] * ALIGN_DAYS_PER_MONTH),
                    label, size);
    }
    char title[160];
    align_axis_title(L->spec->align, L->ext.unit, L->spec->lang, years,
                     title, sizeof title);
    scene_add_text(L->scene, L->plot.x1,
                   base + pt(L, 8) + text_ascent(L->fs, size) +
                       text_descent(L->fs, size) +
                       text_ascent(L->fs, size),
                   title, size, FONT_REGULAR, ANCHOR_END, 0,
                   L->theme->ink_soft);
}

/* Every how many date ticks a panel labels one: its labels a little
 * apart on a narrow plot ("2024年" needs more room than "2024"). */
static size_t date_stride(const Layout *L, const long *ticks, size_t n,
                          char unit, double size)
{
    if (!L->panel || n < 2)
        return 1;
    double widest = 0;
    char label[32];
    for (size_t i = 0; i < n; i++) {
        frame_date_tick(L->spec->lang, ticks[i], unit, i == 0, label,
                        sizeof label);
        widest = fmax(widest, text_width(L->fs, label, FONT_REGULAR, size));
    }
    double step = fabs(scale_map(&L->xs, (double)ticks[1]) -
                       scale_map(&L->xs, (double)ticks[0]));
    double want = widest + pt(L, 14);
    return step >= want ? 1 : (size_t)ceil(want / step);
}

static void draw_x_axis(Layout *L)
{
    if (L->spec->align) {
        draw_month_axis(L);
        return;
    }
    long ticks[SCALE_MAX_TICKS];
    char unit = 'y';
    size_t n = scale_ticks_dates((long)ceil(L->xs.d0), (long)L->xs.d1, ticks,
                                 SCALE_MAX_TICKS, &unit);
    double size = pt(L, TICK_PT);
    draw_x_axis_line(L);
    char label[32];
    int labelled = !L->panel || L->panel->x_labels;
    size_t stride = date_stride(L, ticks, n, unit, size);
    for (size_t i = 0; i < n; i += stride) {
        frame_date_tick(L->spec->lang, ticks[i], unit, i == 0, label,
                        sizeof label);
        draw_x_tick(L, scale_map(&L->xs, (double)ticks[i]),
                    labelled ? label : NULL, size);
    }
}

static const char *divider_label(const Layout *L)
{
    return tr(L, "Projection \xe2\x86\x92", "預測 \xe2\x86\x92");
}

/* Vertical rule where observed data ends and projections begin. */
static void draw_divider(Layout *L)
{
    double x = scale_map(&L->xs, (double)L->ext.last_observed);
    scene_add_line(L->scene, x, L->plot.y0, x, L->plot.y1, L->theme->axis,
                   pt(L, 0.8), NULL, 0);
    scene_add_text(L->scene, x + pt(L, 4),
                   L->plot.y0 + text_ascent(L->fs, pt(L, 9)),
                   divider_label(L), pt(L, 9), FONT_REGULAR, ANCHOR_START, 0,
                   L->theme->ink_faint);
    chart_notes_take(&L->notes,
                     (NoteBox){x + pt(L, 4), L->plot.y0,
                               x + pt(L, 4) +
                                   text_width(L->fs, divider_label(L),
                                              FONT_REGULAR, pt(L, 9)),
                               L->plot.y0 + text_ascent(L->fs, pt(L, 9)) +
                                   text_descent(L->fs, pt(L, 9)),
                               1});
}

/* ---- events ---- */

/* Where event ev goes on the x axis, into *day; 0 when it is not about
 * the chart: of no company, or of a coloured one. On an aligned chart
 * an event moves with the first coloured series of its company, to that
 * series' time since its origin; an event of no company drawn, of the
 * market, or at or before the origin (the launch itself) has no place
 * there and is left out. */
static int event_place(const Layout *L, const Event *ev, long *day)
{
    *day = ev->date;
    if (!ev->company[0] && L->spec->align)
        return 0;
    int wanted = !ev->company[0];
    for (size_t i = 0; i < L->spec->n_series && !wanted; i++)
        if (!is_context(L->spec, i) &&
            event_names_company(ev, L->spec->series[i]->company)) {
            wanted = 1;
            *day = ev->date - origin_of(L->spec, i);
        }
    if (L->spec->align && *day <= 0)
        return 0;
    return wanted;
}

/* event_place, on the x axis as drawn. */
static int event_day(const Layout *L, const Event *ev, long *day)
{
    return event_place(L, ev, day) && *day >= (long)ceil(L->xs.d0) &&
           *day <= (long)L->xs.d1;
}

/* Whether some event of the chart falls in its dates: its label then
 * takes the plot's top rows (before the x scale is set). */
static int labels_events(const Layout *L)
{
    const EventList *events = L->spec->events;
    long day;
    for (size_t i = 0; events && i < events->n; i++)
        if (event_place(L, &events->items[i], &day) &&
            day >= L->ext.date_min && day <= L->ext.date_max)
            return 1;
    return 0;
}

/* Cuts the label in buf with "…" at a character boundary so that it fits
 * max_w at size. */
static void fit_label(const Layout *L, double size, double max_w, char *buf,
                      size_t bufsize)
{
    size_t len = strlen(buf);
    while (len > 0 && text_width(L->fs, buf, FONT_REGULAR, size) > max_w) {
        do
            len--;
        while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80);
        while (len > 0 && buf[len - 1] == ' ')
            len--;
        if (len + 4 > bufsize)
            break;
        memcpy(buf + len, "\xe2\x80\xa6", 4); /* … and its NUL */
    }
}

#define EVENT_TIERS 3
#define EVENT_MAX 64

/* An event drawn: its line's x, the tier of its label (-1: upright) and
 * the x range the label covers. */
typedef struct {
    double x, left, right;
    int tier;
    char text[256];
} PlacedEvent;

static const char *event_text(const Layout *L, const Event *ev)
{
    Lang lang = L->spec->lang;
    return lang_text(lang, lang_is_chinese(lang) && ev->label_zh
                               ? ev->label_zh
                               : ev->label);
}

/* The x range the projection divider's label takes in tier 0. */
static void divider_span(const Layout *L, double *left, double *right)
{
    *left = *right = -HUGE_VAL;
    if (!L->ext.any_projection || L->spec->align)
        return;
    *left = scale_map(&L->xs, (double)L->ext.last_observed);
    *right = *left + pt(L, 4) +
             text_width(L->fs, divider_label(L), FONT_REGULAR, pt(L, 9));
}

/* Whether event e's label fits tier t: no label of that tier overlaps it,
 * it crosses no other event's line above where that line starts (a line
 * starts at its own label's tier), and no label of a tier above it
 * crosses e's line. */
static int tier_free(const Layout *L, const PlacedEvent *placed, size_t n,
                     const PlacedEvent *e, int t)
{
    double gap = pt(L, 6);
    double dl, dr;
    divider_span(L, &dl, &dr);
    if (t == 0 && e->right + gap > dl - pt(L, 2) && e->left < dr + gap)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const PlacedEvent *p = &placed[i];
        if (p->tier == t && e->left < p->right + gap &&
            p->left < e->right + gap)
            return 0;
        if (p->x >= e->left - pt(L, 2) && p->x <= e->right + pt(L, 2) &&
            p->tier <= t)
            return 0;
        if (e->x >= p->left - pt(L, 2) && e->x <= p->right + pt(L, 2) &&
            p->tier >= t)
            return 0;
    }
    return 1;
}

/* Lays every wanted event's label out horizontally, right of its line
 * (left of it near the plot's right edge), in the first of EVENT_TIERS
 * rows where it collides with nothing; returns 0 when some label finds
 * no row, and the caller draws them upright. */
static int place_flat(const Layout *L, PlacedEvent *placed, size_t n)
{
    double size = pt(L, NOTE_PT), max_w = (L->plot.x1 - L->plot.x0) * 0.4;
    for (size_t i = 0; i < n; i++) {
        PlacedEvent *e = &placed[i];
        fit_label(L, size, max_w, e->text, sizeof e->text);
        double w = text_width(L->fs, e->text, FONT_REGULAR, size);
        e->left = e->x + pt(L, 3);
        e->right = e->left + w;
        if (e->right > L->plot.x1) {
            e->right = e->x - pt(L, 3);
            e->left = e->right - w;
        }
        e->tier = -1;
        for (int t = 0; t < EVENT_TIERS && e->tier < 0; t++)
            if (tier_free(L, placed, i, e, t))
                e->tier = t;
        if (e->tier < 0)
            return 0;
    }
    return 1;
}

/* Upright labels, read upwards left of their lines, at most 45% of the
 * plot tall; an event whose label would touch one placed before, or the
 * divider's label, is left out. Returns the count kept (compacted). */
static size_t place_upright(const Layout *L, PlacedEvent *placed, size_t n)
{
    double size = pt(L, NOTE_PT);
    double band = text_ascent(L->fs, size) + text_descent(L->fs, size);
    double last_right = -HUGE_VAL, dl, dr;
    divider_span(L, &dl, &dr);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        PlacedEvent e = placed[i];
        if (e.x - band - pt(L, 2) < last_right ||
            (e.x > dl - pt(L, 4) && e.x - band < dr + pt(L, 2)))
            continue;
        fit_label(L, size, (L->plot.y1 - L->plot.y0) * 0.45, e.text,
                  sizeof e.text);
        e.tier = -1;
        placed[kept++] = e;
        last_right = e.x + pt(L, 2);
    }
    return kept;
}

static void draw_placed_event(Layout *L, const PlacedEvent *e)
{
    double size = pt(L, NOTE_PT);
    double row = text_ascent(L->fs, size) + text_descent(L->fs, size) +
                 pt(L, 3);
    const double dots[2] = {pt(L, 1), pt(L, 2)};
    double top = L->plot.y0 + (e->tier > 0 ? e->tier * row : 0);
    scene_add_line(L->scene, e->x, top, e->x, L->plot.y1, L->theme->axis,
                   pt(L, 0.6), dots, 2);
    if (e->tier < 0) {
        double len = text_width(L->fs, e->text, FONT_REGULAR, size);
        chart_notes_take(&L->notes,
                         (NoteBox){e->x - pt(L, 3) - text_ascent(L->fs, size),
                                   L->plot.y0 + pt(L, 2),
                                   e->x - pt(L, 3) +
                                       text_descent(L->fs, size),
                                   L->plot.y0 + pt(L, 2) + len, 1});
        /* Baseline just left of the line, text ending at the plot top. */
        scene_add_text(L->scene, e->x - pt(L, 3), L->plot.y0 + pt(L, 2),
                       e->text, size, FONT_REGULAR, ANCHOR_END, 90,
                       L->theme->ink_faint);
        return;
    }
    scene_add_text(L->scene, e->left,
                   top + pt(L, 2) + text_ascent(L->fs, size), e->text, size,
                   FONT_REGULAR, ANCHOR_START, 0, L->theme->ink_faint);
    chart_notes_take(&L->notes,
                     (NoteBox){e->left, top + pt(L, 2), e->right,
                               top + pt(L, 2) + text_ascent(L->fs, size) +
                                   text_descent(L->fs, size),
                               1});
}

/* A thin dotted line per event with its label: horizontal, in Chinese
 * as in English, when every label finds a row at the plot's top;
 * otherwise all read upwards beside their lines. Labels never collide
 * with each other, with other events' lines or with the divider's label. */
static void draw_events(Layout *L)
{
    const EventList *events = L->spec->events;
    if (!events)
        return;
    PlacedEvent *placed = xmalloc_array(EVENT_MAX, sizeof *placed);
    size_t n = 0;
    for (size_t i = 0; i < events->n && n < EVENT_MAX; i++) {
        const Event *ev = &events->items[i];
        long day;
        if (!event_day(L, ev, &day))
            continue;
        PlacedEvent *e = &placed[n++];
        e->x = scale_map(&L->xs, (double)day);
        snprintf(e->text, sizeof e->text, "%s", event_text(L, ev));
    }
    PlacedEvent *flat = xmalloc_array(n + 1, sizeof *flat);
    memcpy(flat, placed, n * sizeof *flat);
    if (place_flat(L, flat, n))
        memcpy(placed, flat, n * sizeof *flat);
    else
        n = place_upright(L, placed, n);
    free(flat);
    scene_group_begin(L->scene, "events");
    for (size_t i = 0; i < n; i++)
        draw_placed_event(L, &placed[i]);
    scene_group_end(L->scene);
    free(placed);
}

/* ---- series ---- */

static double map_x(const Layout *L, long day)
{
    return scale_map(&L->xs, (double)day);
}

static long projection_day(const LineChartSpec *spec, size_t i, int step)
{
    long d0 = spec->analyses[i].latest_date, d1 = spec->analyses[i].horizon;
    return d0 + (d1 - d0) * step / PROJECTION_STEPS;
}

static void draw_band(Layout *L, size_t i)
{
    const LineChartSpec *spec = L->spec;
    double mid, lo, hi;
    projection_at(spec, i, spec->analyses[i].horizon, &mid, &lo, &hi);
    if (!isfinite(lo) || !isfinite(hi))
        return;
    scene_path_begin(L->scene);
    for (int step = 0; step <= PROJECTION_STEPS; step++) {
        long d = projection_day(spec, i, step);
        projection_at(spec, i, d, &mid, &lo, &hi);
        double y = scale_map(&L->ys, hi);
        if (step == 0)
            scene_move_to(L->scene, map_x(L, d - origin_of(spec, i)), y);
        else
            scene_line_to(L->scene, map_x(L, d - origin_of(spec, i)), y);
    }
    for (int step = PROJECTION_STEPS; step >= 0; step--) {
        long d = projection_day(spec, i, step);
        projection_at(spec, i, d, &mid, &lo, &hi);
        scene_line_to(L->scene, map_x(L, d - origin_of(spec, i)),
                      scale_map(&L->ys, lo));
    }
    scene_close_path(L->scene);
    scene_fill(L->scene, with_alpha(series_color(L, i), 0.14));
}

static void draw_projection(Layout *L, size_t i)
{
    const LineChartSpec *spec = L->spec;
    const double dash[2] = {pt(L, 6), pt(L, 4)};
    scene_path_begin(L->scene);
    for (int step = 0; step <= PROJECTION_STEPS; step++) {
        long d = projection_day(spec, i, step);
        double mid, lo, hi;
        projection_at(spec, i, d, &mid, &lo, &hi);
        double y = scale_map(&L->ys, mid);
        double x = map_x(L, d - origin_of(spec, i));
        if (step == 0)
            scene_move_to(L->scene, x, y);
        else
            scene_line_to(L->scene, x, y);
    }
    scene_stroke(L->scene, series_color(L, i), pt(L, 2), dash, 2);
}

/* Series s in scene coordinates, thinned to what the output resolution
 * can show: a new array (caller frees) of *n points. */
static Point *map_polyline(const Layout *L, const Series *s, size_t *n)
{
    Point *p = xmalloc_array(s->n, sizeof *p);
    ScaleFn fx = scale_fn(&L->xs), fy = scale_fn(&L->ys);
    for (size_t j = 0; j < s->n; j++)
        p[j] = (Point){scale_fn_map(&fx, (double)s->date[j]),
                       scale_fn_map(&fy, s->value[j])};
    double detail = L->spec->detail > 0 ? L->spec->detail : 2;
    *n = decimate_polyline(p, s->n, detail, p);
    return p;
}

static void stroke_points(Layout *L, const Point *p, size_t n, Color c,
                          double width)
{
    scene_path_begin(L->scene);
    scene_polyline(L->scene, p, n);
    scene_stroke(L->scene, c, width, NULL, 0);
}

static void draw_polyline(Layout *L, const Series *s, Color c, double width,
                          int style)
{
    size_t n;
    Point *p = map_polyline(L, s, &n);
    double dash[2];
    scene_path_begin(L->scene);
    scene_polyline(L->scene, p, n);
    scene_stroke(L->scene, c, width, dash, style ? dotted_dash(L, dash) : 0);
    free(p);
}

/* Context lines are mapped a batch at a time (a log a point: a tenth of
 * a million-point chart) and added to the scene in order, two batches in
 * flight: while a second thread maps most of the next batch, this one
 * adds the last batch to the scene (as long as mapping a quarter of a
 * batch, measured on 250 x 4000 points: the scene's arrays grow into
 * fresh memory) and maps the rest. Batches keep the extra memory to a few
 * series' points. */
#define CONTEXT_BATCH 16
#define CONTEXT_OWN_SHARE (CONTEXT_BATCH / 4)

typedef struct {
    const Layout *L;
    const Series *const *series;
    size_t count;
    Point **points;
    size_t *n;
} MapBatch;

static void map_batch(const MapBatch *b)
{
    for (size_t i = 0; i < b->count; i++)
        b->points[i] = map_polyline(b->L, b->series[i], &b->n[i]);
}

static void stroke_batch(Layout *L, Point **points, const size_t *n,
                         size_t count, Color c, double width)
{
    for (size_t i = 0; i < count; i++) {
        stroke_points(L, points[i], n[i], c, width);
        free(points[i]);
    }
}

/* One step of the pipeline: the last batch to stroke, and this batch's
 * series split into the share mapped by the stroking thread and the rest. */
typedef struct {
    Layout *L;
    Point **stroke_points;
    const size_t *stroke_n;
    size_t stroke_count;
    Color c;
    double width;
    MapBatch mine, theirs;
} ContextStep;

/* parallel_for's body: 0 strokes the last batch and maps its own share,
 * 1 maps the rest. Mapping only reads the layout's scales, so the two can
 * run while the scene grows. */
static void run_context_step(void *step, size_t i)
{
    const ContextStep *s = step;
    if (i == 0) {
        stroke_batch(s->L, s->stroke_points, s->stroke_n, s->stroke_count,
                     s->c, s->width);
        map_batch(&s->mine);
    } else {
        map_batch(&s->theirs);
    }
}

static void draw_context_lines(Layout *L, const Series **series, size_t count,
                               Color c, double width)
{
    Point *points[2][CONTEXT_BATCH];
    size_t n[2][CONTEXT_BATCH];
    size_t last = 0; /* series in the batch mapped before, not yet drawn */
    int cur = 0;
    for (size_t at = 0; at < count; at += CONTEXT_BATCH, cur ^= 1) {
        size_t k = count - at < CONTEXT_BATCH ? count - at : CONTEXT_BATCH;
        size_t own = k < CONTEXT_OWN_SHARE ? k : CONTEXT_OWN_SHARE;
        ContextStep step = {
            L, points[!cur], n[!cur], last, c, width,
            {L, series + at, own, points[cur], n[cur]},
            {L, series + at + own, k - own, points[cur] + own, n[cur] + own}};
        parallel_for(k > own ? 2 : 1, run_context_step, &step);
        last = k;
    }
    stroke_batch(L, points[!cur], n[!cur], last, c, width);
}

/* Markers show the report dates of irregular data; on dense data (more
 * than one point per 4 pt of plot width) they would merge into a thick
 * line, so the line alone is drawn. */
static int wants_markers(const Layout *L, const Series *s)
{
    return (double)s->n * 4 <= L->plot.x1 - L->plot.x0;
}

/* A value given as a lower bound (逾5億, >$5B): an open marker with a
 * caret above it, pointing where the true value lies. */
static void draw_lower_bound(Layout *L, double x, double y, Color c)
{
    double r = pt(L, 2.6), w = pt(L, 2.4), gap = pt(L, 2.2);
    scene_add_circle(L->scene, x, y, r, L->theme->paper, c, pt(L, 1.2));
    scene_path_begin(L->scene);
    scene_move_to(L->scene, x - w, y - r - gap);
    scene_line_to(L->scene, x, y - r - gap - w);
    scene_line_to(L->scene, x + w, y - r - gap);
    scene_stroke(L->scene, c, pt(L, 1.2), NULL, 0);
}

/* An unverified point's colour: its series' colour at 45% over the
 * paper, so it reads as the same company, drawn faintly. */
static Color unverified_color(const Layout *L, Color c)
{
    Color p = L->theme->paper;
    double k = 0.45;
    return (Color){p.r + (c.r - p.r) * k, p.g + (c.g - p.g) * k,
                   p.b + (c.b - p.b) * k, c.a};
}

/* A point resting on one source: an open marker (a lower bound keeps its
 * caret and is open already). */
static void draw_open_marker(Layout *L, double x, double y, Color c)
{
    scene_add_circle(L->scene, x, y, pt(L, 2.6), L->theme->paper, c,
                     pt(L, 1.2));
}

/* Marks show how well each point is attested: filled (verified, or no
 * confidence stated), open (single source), open and faint (unverified);
 * a lower bound keeps its caret in each. Attested points are marked even
 * where dense data draws no markers. */
static void draw_observed(Layout *L, size_t i)
{
    const Series *s = L->spec->series[i];
    Color c = series_color(L, i);
    /* An aligned line that enters from its last report before the
     * origin starts at the axis, 0, where its time begins. */
    int from_origin = L->spec->align && s->n > 1 && s->date[0] < 0;
    if (from_origin) {
        double x0 = map_x(L, 0), pad = pt(L, 4);
        scene_clip_push(L->scene, x0, L->plot.y0 - pad,
                        L->plot.x1 + pad - x0,
                        L->plot.y1 - L->plot.y0 + 2 * pad);
    }
    int style = series_style(L->spec, i);
    if (s->n > 1)
        draw_polyline(L, s, c, pt(L, 2.2), style);
    if (from_origin)
        scene_clip_pop(L->scene);
    int markers = wants_markers(L, s);
    for (size_t j = 0; j < s->n; j++) {
        if (from_origin && s->date[j] < 0)
            continue; /* before its time began: no mark, as no line */
        double x = map_x(L, s->date[j]), y = scale_map(&L->ys, s->value[j]);
        Confidence conf = series_confidence(s, j);
        Color mc = conf == CONFIDENCE_UNVERIFIED ? unverified_color(L, c) : c;
        if (series_qualifier(s, j) == VALUE_AT_LEAST)
            draw_lower_bound(L, x, y, mc);
        else if (conf == CONFIDENCE_SINGLE || conf == CONFIDENCE_UNVERIFIED)
            draw_open_marker(L, x, y, mc);
        else if (markers)
            draw_marker(L, x, y, style, c);
    }
}

/* Which kinds of mark the plot shows, for its key. */
enum { SHOWS_LOWER = 1, SHOWS_SINGLE = 2, SHOWS_UNVERIFIED = 4 };

static int shown_marks(const Layout *L)
{
    int shows = 0;
    for (size_t i = 0; i < L->spec->n_series; i++) {
        const Series *s = L->spec->series[i];
        for (size_t j = 0; !is_context(L->spec, i) && j < s->n; j++) {
            if (s->date[j] < (long)ceil(L->xs.d0) ||
                (L->spec->align && s->date[j] < 0))
                continue;
            Confidence conf = series_confidence(s, j);
            if (series_qualifier(s, j) == VALUE_AT_LEAST)
                shows |= SHOWS_LOWER;
            if (conf == CONFIDENCE_SINGLE)
                shows |= SHOWS_SINGLE;
            else if (conf == CONFIDENCE_UNVERIFIED)
                shows |= SHOWS_UNVERIFIED;
        }
    }
    return shows;
}

/* What a kind of mark means; with verified_only, that the trend left
 * it out. */
static const char *mark_text(const Layout *L, int kind)
{
    int unfitted = L->spec->verified_only;
    if (kind == SHOWS_LOWER)
        return tr(L, "lower bound (“over”)", "下限值（「逾」）");
    if (kind == SHOWS_SINGLE)
        return unfitted ? tr(L, "open: single source, not fitted",
                             "空心：單一來源，未納入推估")
                        : tr(L, "open: single source", "空心：單一來源");
    return unfitted ? tr(L, "faint: unverified, not fitted",
                         "淡色：未經證實，未納入推估")
                    : tr(L, "faint: unverified", "淡色：未經證實");
}

static void draw_mark(Layout *L, int kind, double x, double y, Color ink)
{
    if (kind == SHOWS_LOWER)
        draw_lower_bound(L, x, y, ink);
    else
        draw_open_marker(L, x, y,
                         kind == SHOWS_UNVERIFIED ? unverified_color(L, ink)
                                                  : ink);
}

/* The key to the marks, at the plot's bottom right, one line each from
 * the bottom up: growth lines rise to the right and event labels take
 * the top, so that corner is the one left free. */
static void draw_marker_key(Layout *L)
{
    int shows = shown_marks(L);
    if (!shows || L->panel)
        return;
    double size = pt(L, NOTE_PT);
    double right = L->plot.x1 - pt(L, 4), y = L->plot.y1 - pt(L, 10);
    Color ink = L->theme->ink_soft;
    scene_group_begin(L->scene, "key");
    for (int kind = SHOWS_LOWER; kind <= SHOWS_UNVERIFIED; kind <<= 1) {
        if (!(shows & kind))
            continue;
        const char *text = mark_text(L, kind);
        draw_mark(L, kind,
                  right - text_width(L->fs, text, FONT_REGULAR, size) -
                      pt(L, 8),
                  y, ink);
        scene_add_text(L->scene, right, y + text_ascent(L->fs, size) * 0.35,
                       text, size, FONT_REGULAR, ANCHOR_END, 0, ink);
        y -= size * 1.6;
    }
    scene_group_end(L->scene);
}

double chart_line_figure_key(const LineChartSpec *spec, const FontStack *fs,
                             Scene *scene, double right, double bottom)
{
    Layout L = {.spec = spec, .fs = fs, .scene = scene,
                .theme = spec->theme ? spec->theme : &theme_light,
                .k = chart_line_type_scale(spec)};
    L.xs.d0 = (double)LONG_MIN; /* every point counts */
    int shows = shown_marks(&L);
    if (!shows)
        return 0;
    double size = pt(&L, NOTE_PT), x = right;
    double baseline = bottom - text_descent(fs, size);
    double y = baseline - text_ascent(fs, size) * 0.35;
    Color ink = L.theme->ink_soft;
    scene_group_begin(scene, "key");
    for (int kind = SHOWS_UNVERIFIED; kind >= SHOWS_LOWER; kind >>= 1) {
        if (!(shows & kind))
            continue;
        const char *text = mark_text(&L, kind);
        scene_add_text(scene, x, baseline, text, size, FONT_REGULAR,
                       ANCHOR_END, 0, ink);
        x -= text_width(fs, text, FONT_REGULAR, size) + pt(&L, 8);
        draw_mark(&L, kind, x, y, ink);
        x -= pt(&L, 18);
    }
    scene_group_end(scene);
    return text_ascent(fs, size) + text_descent(fs, size) + pt(&L, 4);
}

static void draw_series(Layout *L)
{
    const LineChartSpec *spec = L->spec;
    double pad = pt(L, 4);
    scene_group_begin(L->scene, "series");
    scene_clip_push(L->scene, L->plot.x0 - pad, L->plot.y0 - pad,
                    L->plot.x1 - L->plot.x0 + 2 * pad,
                    L->plot.y1 - L->plot.y0 + 2 * pad);
    /* Context first, so highlighted series are drawn over it. */
    const Series **context = xmalloc_array(spec->n_series + 1, sizeof *context);
    size_t n_context = 0;
    for (size_t i = 0; i < spec->n_series; i++)
        if (is_context(spec, i) && spec->series[i]->n > 1)
            context[n_context++] = spec->series[i];
    draw_context_lines(L, context, n_context, L->theme->context, pt(L, 0.8));
    free(context);
    /* A context series of one point has no line: a small grey dot. */
    for (size_t i = 0; i < spec->n_series; i++) {
        const Series *s = spec->series[i];
        if (!is_context(spec, i) || s->n != 1)
            continue;
        scene_add_circle(L->scene, map_x(L, s->date[0]),
                         scale_map(&L->ys, s->value[0]), pt(L, 1.8),
                         L->theme->context, L->theme->context, 0);
    }
    for (size_t i = 0; i < spec->n_series; i++)
        if (has_projection(spec, i))
            draw_band(L, i);
    for (size_t i = 0; i < spec->n_series; i++)
        if (has_projection(spec, i))
            draw_projection(L, i);
    for (size_t i = 0; i < spec->n_series; i++)
        if (!is_context(spec, i))
            draw_observed(L, i);
    scene_clip_pop(L->scene);
    scene_group_end(L->scene);
}

/* ---- labels ---- */

/* Whether the chart has series of company in both metrics. */
static int company_in_both(const LineChartSpec *spec, const char *company)
{
    int seen = 0;
    for (size_t i = 0; spec->style && i < spec->n_series; i++)
        if (strcmp(spec->series[i]->company, company) == 0)
            seen |= 1 << spec->style[i];
    return seen == 3;
}

/* The name a label gives series i: its company, and the metric's when
 * the company has a line of each ("ChatGPT (monthly active users)"). */
static void label_name(const Layout *L, size_t i, char *buf, size_t size)
{
    const LineChartSpec *spec = L->spec;
    const Series *s = spec->series[i];
    const char *company = lang_text(spec->lang, s->company);
    if (!company_in_both(spec, s->company)) {
        snprintf(buf, size, "%s", company);
        return;
    }
    char metric[128];
    format_metric_name_lang(s->metric, spec->lang, metric, sizeof metric);
    label_lower_first(spec->lang, metric);
    snprintf(buf, size, lang_is_chinese(spec->lang) ? "%s（%s）" : "%s (%s)",
             company, metric);
}

/* Text of series i's end label; its anchor value goes to *value. Compact
 * labels are one line ("OpenAI $47B", the latest observation); full ones
 * keep the observed and the trend apart: the company, the latest
 * observation and its date, and the trend's interval at its horizon (or
 * why there is no trend). */
static void end_label_text(const Layout *L, size_t i, int compact,
                           EndLabel *lab, double *value)
{
    const LineChartSpec *spec = L->spec;
    const Series *s = spec->series[i];
    const SeriesAnalysis *a = spec->analyses ? &spec->analyses[i] : NULL;
    int projected = has_projection(spec, i);
    int zh = lang_is_chinese(spec->lang);
    char v[64], when[48], lo[64], hi[64], end[48];
    double latest = s->value[s->n - 1];
    double f = factor(spec, i);
    *value = projected ? a->proj * f : latest;
    if (spec->rebase_style == REBASE_GROWTH)
        value_text(spec, latest, s->unit, 3, v, sizeof v);
    else
        format_qualified_lang(latest, s->unit, 3,
                              series_qualifier(s, s->n - 1), spec->lang, v,
                              sizeof v);
    /* The date as reported, also on an aligned chart. */
    format_period_lang(s->date[s->n - 1] + origin_of(spec, i),
                       (DatePrecision)s->precision[s->n - 1], spec->lang,
                       when, sizeof when);
    memset(lab->line, 0, sizeof lab->line);
    char name[sizeof lab->line[0] - 64]; /* with the value, one line */
    label_name(L, i, name, sizeof name);
    if (compact) {
        snprintf(lab->line[0], sizeof lab->line[0], "%s%s%s", name,
                 zh ? label_gap_after(name) : " ", v);
        return;
    }
    snprintf(lab->line[0], sizeof lab->line[0], "%s", name);
    snprintf(lab->line[1], sizeof lab->line[1], zh ? "%s（%s）" : "%s %s", v,
             when);
    if (!projected) {
        if (a && a->status == TREND_TOO_FEW && a->count > 0)
            snprintf(lab->line[2], sizeof lab->line[2],
                     lang_pick(spec->lang, "%zu point%s: too few for a trend",
                               "%zu個資料點，不足以推估趨勢"),
                     a->count, zh || a->count == 1 ? "" : "s");
        else if (a && a->status == TREND_UNVERIFIED)
            snprintf(lab->line[2], sizeof lab->line[2], "%s",
                     lang_pick(spec->lang, "no verified point to fit",
                               "沒有已查證的資料點可推估"));
        else if (a && a->too_uncertain)
            snprintf(lab->line[2], sizeof lab->line[2], "%s",
                     lang_pick(spec->lang, "trend too uncertain to project",
                               "趨勢過於不確定，不予推估"));
        return;
    }
    value_text(spec, a->lo * f, s->unit, 2, lo, sizeof lo);
    value_text(spec, a->hi * f, s->unit, 2, hi, sizeof hi);
    format_drop_shared_unit(lo, hi);
    format_month_year_lang(a->horizon, spec->lang, end, sizeof end);
    if (isfinite(a->t_ceiling))
        snprintf(lab->line[2], sizeof lab->line[2],
                 lang_pick(spec->lang, "trend capped at %s by %s",
                           "趨勢觸及上限%s（%s）"),
                 hi, end);
    else
        snprintf(lab->line[2], sizeof lab->line[2],
                 lang_pick(spec->lang, "trend %s\xe2\x80\x93%s by %s",
                           "趨勢%s–%s（%s）"),
                 lo, hi, end);
}

/* A coloured series of one point, with no projection, well left of the
 * plot's right edge: labelled beside its dot (chart_notes_point_label)
 * rather than in the column of end labels, far from it. On an aligned
 * chart, where lines end at their own ages, so is any line without a
 * projection that ends as far left. */
static int labelled_at_point(const Layout *L, size_t i)
{
    const LineChartSpec *spec = L->spec;
    const Series *s = spec->series[i];
    if ((s->n != 1 && !spec->align) || s->n == 0 || is_context(spec, i) ||
        has_projection(spec, i) || L->panel)
        return 0; /* a panel labels every point it names by its value */
    double span = (double)(L->ext.date_max - L->ext.date_min);
    return (double)(L->ext.date_max - s->date[s->n - 1]) > 0.08 * span;
}

/* "Mistral AI €100M (Jun 2025)": a lone point's label, one line. */
static void point_label_text(const Layout *L, size_t i, char *buf,
                             size_t size)
{
    EndLabel lab;
    double value;
    end_label_text(L, i, 0, &lab, &value);
    snprintf(buf, size, "%s%s%s", lab.line[0],
             lang_is_chinese(L->spec->lang) ? label_gap_after(lab.line[0])
                                            : " ",
             lab.line[1]);
}

static int any_point_label(const Layout *L)
{
    for (size_t i = 0; i < L->spec->n_series; i++)
        if (labelled_at_point(L, i))
            return 1;
    return 0;
}

static void draw_point_labels(Layout *L)
{
    const LineChartSpec *spec = L->spec;
    for (size_t i = 0; i < spec->n_series; i++) {
        if (!labelled_at_point(L, i))
            continue;
        const Series *s = spec->series[i];
        char text[2 * sizeof L->labels[0].line[0] + 2];
        point_label_text(L, i, text, sizeof text);
        chart_notes_point_label(&L->notes, map_x(L, s->date[s->n - 1]),
                                scale_map(&L->ys, s->value[s->n - 1]), text,
                                pt(L, LABEL_PT * 0.9), series_color(L, i));
    }
}

static double label_line_height(const Layout *L)
{
    return pt(L, LABEL_PT) * 1.25;
}

static int label_lines(const EndLabel *lab)
{
    return 1 + (lab->line[1][0] != 0) + (lab->line[2][0] != 0);
}

/* Builds the end labels (not yet placed); returns their widest line. */
static double build_labels(Layout *L, int compact)
{
    const LineChartSpec *spec = L->spec;
    double size = pt(L, LABEL_PT), widest = 0;
    L->n_labels = 0;
    for (size_t i = 0; i < spec->n_series && L->n_labels < MAX_LABELS; i++) {
        if (spec->series[i]->n == 0 || is_context(spec, i) ||
            labelled_at_point(L, i))
            continue;
        EndLabel *lab = &L->labels[L->n_labels++];
        double value;
        lab->series = i;
        lab->color = series_color(L, i);
        end_label_text(L, i, compact, lab, &value);
        lab->want_y = value; /* mapped once the y scale is known */
        lab->height = label_line_height(L) * label_lines(lab);
        for (int k = 0; k < 3; k++)
            widest = fmax(widest,
                          text_width(L->fs, lab->line[k],
                                     k ? FONT_REGULAR : FONT_BOLD, size));
    }
    return widest;
}

static double labels_height(const Layout *L, double gap)
{
    double total = 0;
    for (size_t i = 0; i < L->n_labels; i++)
        total += L->labels[i].height + gap;
    return total;
}

static int compare_want_y(const void *a, const void *b)
{
    const EndLabel *x = a, *y = b;
    if (x->want_y != y->want_y)
        return x->want_y < y->want_y ? -1 : 1;
    return x->series < y->series ? -1 : x->series > y->series;
}

/* Moves label blocks apart so none overlaps another, keeping each as near
 * its line end as the others allow and all within [top, bottom]. */
static void spread_labels(EndLabel *labs, size_t n, double gap, double top,
                          double bottom)
{
    qsort(labs, n, sizeof *labs, compare_want_y);
    for (size_t i = 0; i < n; i++) {
        labs[i].y = labs[i].want_y;
        double min = i == 0 ? top + labs[i].height / 2
                            : labs[i - 1].y + labs[i - 1].height / 2 + gap +
                                  labs[i].height / 2;
        if (labs[i].y < min)
            labs[i].y = min;
    }
    for (size_t i = n; i-- > 0;) {
        double max = i == n - 1 ? bottom - labs[i].height / 2
                                : labs[i + 1].y - labs[i + 1].height / 2 -
                                      gap - labs[i].height / 2;
        if (labs[i].y > max)
            labs[i].y = max;
    }
}

static void draw_end_labels(Layout *L)
{
    double size = pt(L, LABEL_PT);
    double line_h = label_line_height(L);
    for (size_t i = 0; i < L->n_labels; i++)
        L->labels[i].want_y = scale_map(&L->ys, L->labels[i].want_y);
    spread_labels(L->labels, L->n_labels, pt(L, 3), L->plot.y0, L->plot.y1);
    double x = L->plot.x1 + pt(L, 8);
    for (size_t i = 0; i < L->n_labels; i++) {
        const EndLabel *lab = &L->labels[i];
        double top = lab->y - lab->height / 2;
        double base = top + (line_h + text_ascent(L->fs, size) -
                             text_descent(L->fs, size)) / 2;
        for (int k = 0; k < label_lines(lab); k++)
            scene_add_text(L->scene, x, base + k * line_h, lab->line[k],
                           size, k ? FONT_REGULAR : FONT_BOLD, ANCHOR_START,
                           0, lab->color);
    }
}

/* Legend row(s) under the subtitle: a colour swatch and the one-line
 * label of each series, wrapping at the right margin. Returns the y below
 * it. Used only when direct labels cannot all fit beside the plot. */
static double draw_legend(Layout *L, double top)
{
    double size = pt(L, LABEL_PT), line_h = size * 1.6;
    double x0 = pt(L, MARGIN_PT), x = x0;
    double right = L->spec->width - pt(L, MARGIN_PT);
    double y = top + line_h;
    scene_group_begin(L->scene, "legend");
    for (size_t i = 0; i < L->n_labels; i++) {
        const EndLabel *lab = &L->labels[i];
        double w = pt(L, 14) + text_width(L->fs, lab->line[0], FONT_REGULAR,
                                          size);
        if (x > x0 && x + w > right) {
            x = x0;
            y += line_h;
        }
        scene_add_line(L->scene, x, y - size * 0.35, x + pt(L, 10),
                       y - size * 0.35, lab->color, pt(L, 2.5), NULL, 0);
        scene_add_text(L->scene, x + pt(L, 14), y, lab->line[0], size,
                       FONT_REGULAR, ANCHOR_START, 0, L->theme->ink_soft);
        x += w + pt(L, 16);
    }
    scene_group_end(L->scene);
    return y + text_descent(L->fs, size);
}

/* A value as a panel writes it at a point: as the end labels do. */
static void point_value_text(const Layout *L, size_t i, size_t j, char *buf,
                             size_t size)
{
    const Series *s = L->spec->series[i];
    if (L->spec->rebase_style == REBASE_GROWTH)
        value_text(L->spec, s->value[j], s->unit, 3, buf, size);
    else
        format_qualified_lang(s->value[j], s->unit, 3, series_qualifier(s, j),
                              L->spec->lang, buf, size);
}

/* The box of the value text of point j of series i: anchored at its
 * point (start for the first, end for the last, kept inside the plot),
 * on the side away from the neighbouring point, so off the line, and
 * on the other side when that one leaves the plot. */
static NoteBox point_value_box(const Layout *L, size_t i, size_t j,
                               const char *text, double size)
{
    const Series *s = L->spec->series[i];
    int first = j == 0 && s->n > 1;
    size_t other = first ? 1 : (j > 0 ? j - 1 : j);
    double x = map_x(L, s->date[j]), y = scale_map(&L->ys, s->value[j]);
    double oy = scale_map(&L->ys, s->value[other]);
    double w = text_width(L->fs, text, FONT_REGULAR, size);
    double asc = text_ascent(L->fs, size), desc = text_descent(L->fs, size);
    double gap = pt(L, 4.5);
    double x0 = first ? x + pt(L, 2) : x - pt(L, 2) - w;
    x0 = fmin(fmax(x0, L->plot.x0 + pt(L, 2)), L->plot.x1 - w);
    int below = other != j && oy < y;
    double top = below ? y + gap : y - gap - asc - desc;
    if (top < L->plot.y0 || top + asc + desc > L->plot.y1)
        top = below ? y - gap - asc - desc : y + gap;
    top = fmin(fmax(top, L->plot.y0), L->plot.y1 - asc - desc);
    return (NoteBox){x0, top, x0 + w, top + asc + desc, 1};
}

static int boxes_meet(NoteBox a, NoteBox b)
{
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/* A panel's labels: each coloured series' value at its last point, and
 * at its first when that label would not touch the last one's. */
static void draw_point_values(Layout *L)
{
    double size = pt(L, LABEL_PT * 0.9);
    double asc = text_ascent(L->fs, size);
    for (size_t i = 0; i < L->spec->n_series; i++) {
        const Series *s = L->spec->series[i];
        if (s->n == 0 || is_context(L->spec, i))
            continue;
        char last[64], first[64];
        point_value_text(L, i, s->n - 1, last, sizeof last);
        NoteBox lb = point_value_box(L, i, s->n - 1, last, size);
        chart_notes_take(&L->notes, lb);
        scene_add_text(L->scene, lb.x0, lb.y0 + asc, last, size,
                       FONT_REGULAR, ANCHOR_START, 0, series_color(L, i));
        if (s->n < 2)
            continue;
        point_value_text(L, i, 0, first, sizeof first);
        NoteBox fb = point_value_box(L, i, 0, first, size);
        if (boxes_meet(fb, lb))
            continue;
        chart_notes_take(&L->notes, fb);
        scene_add_text(L->scene, fb.x0, fb.y0 + asc, first, size,
                       FONT_REGULAR, ANCHOR_START, 0, series_color(L, i));
    }
}

/* A panel's title, small and bold at its plot's left edge. */
static double panel_title_height(const Layout *L)
{
    double size = pt(L, LABEL_PT);
    return text_ascent(L->fs, size) + text_descent(L->fs, size);
}

/* A panel's title, and the scale of its own value axis when the
 * figure's subtitle cannot say it for all. */
static void draw_panel_title(Layout *L)
{
    double size = pt(L, LABEL_PT);
    const char *title = L->spec->title ? L->spec->title : "";
    double y = text_ascent(L->fs, size);
    scene_add_text(L->scene, L->plot.x0, y, title, size, FONT_BOLD,
                   ANCHOR_START, 0, L->theme->ink);
    if (L->panel->shared_y || L->ys.kind != SCALE_LOG)
        return;
    scene_add_text(L->scene,
                   L->plot.x0 + text_width(L->fs, title, FONT_BOLD, size) +
                       pt(L, 6),
                   y, tr(L, "log scale", "對數刻度"), size, FONT_REGULAR,
                   ANCHOR_START, 0, L->theme->ink_faint);
}

/* ---- assembly ---- */

/* Chooses full, compact or legend labels: full when few series, compact
 * when more, a legend when even compact labels cannot stack beside the
 * plot. Returns the width the label column needs (0 for a legend). */
static double plan_labels(Layout *L, double plot_height)
{
    size_t shown = 0;
    for (size_t i = 0; i < L->spec->n_series; i++)
        shown += !is_context(L->spec, i);
    double gap = pt(L, 3);
    if (L->panel && shown <= 2) {
        L->point_values = 1;
        return 0;
    }
    double widest = build_labels(L, shown > 4);
    if (shown <= 4 && labels_height(L, gap) > plot_height)
        widest = build_labels(L, 1);
    if (labels_height(L, gap) <= plot_height &&
        widest < L->spec->width * 0.35)
        return widest;
    build_labels(L, 1);
    if (L->panel) {
        L->point_values = 1; /* no room for a legend in a panel */
        return 0;
    }
    L->legend = 1;
    return 0;
}

/* A panel's insets: from the panel's edges, the figure's when given
 * (so every panel's plot lines up), else as its own labels need. */
static double panel_left(const Layout *L, double tick_w)
{
    if (L->panel->inset_left > 0)
        return L->panel->inset_left;
    return pt(L, 2) + (L->panel->y_labels ? tick_w + pt(L, 6) : 0);
}

static double panel_right(const Layout *L, double label_w)
{
    if (L->panel->inset_right > 0)
        return L->panel->inset_right;
    return pt(L, 8) + (label_w > 0 ? label_w + pt(L, 6) : 0);
}

static double point_value_room(const Layout *L)
{
    double size = pt(L, LABEL_PT * 0.9);
    return text_ascent(L->fs, size) + text_descent(L->fs, size) + pt(L, 5);
}

static void place_panel_plot(Layout *L, double header_bottom, double tick_w,
                             double label_w)
{
    L->plot.x0 = panel_left(L, tick_w);
    L->plot.x1 = L->spec->width - panel_right(L, label_w);
    L->plot.y0 = header_bottom + pt(L, 8);
    L->plot.y1 = L->spec->height - pt(L, 4) -
                 (L->panel->x_labels ? pt(L, TICK_PT) + pt(L, 8) : 0);
}

static void place_plot(Layout *L, double header_bottom, double tick_w,
                       double label_w)
{
    const LineChartSpec *spec = L->spec;
    if (L->panel) {
        place_panel_plot(L, header_bottom, tick_w, label_w);
    } else {
        L->plot.x0 = pt(L, MARGIN_PT) + tick_w + pt(L, 8);
        L->plot.x1 = spec->width - pt(L, MARGIN_PT) -
                     (label_w > 0 ? label_w + pt(L, 8) : 0);
        if (L->plot.x1 < L->plot.x0 + spec->width * 0.4)
            L->plot.x1 = L->plot.x0 + spec->width * 0.4;
        L->plot.y0 = header_bottom + pt(L, 30);
        L->plot.y1 = frame_footer_top(L->scene, L->k) - pt(L, 16) -
                     pt(L, TICK_PT) - pt(L, 10);
        if (spec->align) /* the axis title under the ticks */
            L->plot.y1 -= pt(L, TICK_PT) * 1.4;
    }
    /* The lowest gridline sits a little above the axis line, and the
     * dates leave a little room at both ends, so no marker lands on the
     * axis or on the plot's edge. */
    L->ys.r0 = L->plot.y1 - pt(L, 8);
    L->ys.r1 = L->plot.y0;
    if (L->panel) {
        /* Room for a value label above the highest point and below the
         * lowest, inside the plot. */
        double room = point_value_room(L);
        L->ys.r0 = L->plot.y1 - room;
        L->ys.r1 = L->plot.y0 + room;
    }
    double span = (double)(L->ext.date_max > L->ext.date_min
                               ? L->ext.date_max - L->ext.date_min
                               : 30);
    L->xs.kind = SCALE_LINEAR;
    L->xs.d0 = (double)L->ext.date_min - span * 0.02;
    L->xs.d1 = (double)L->ext.date_min + span * 1.02;
    L->xs.r0 = L->plot.x0;
    L->xs.r1 = L->plot.x1;
}

#define DATA_BOXES_MAX 6000

/* Small boxes every few points along the segment from a to b. */
static size_t take_segment(Layout *L, Point a, Point b, double r)
{
    double len = hypot(b.x - a.x, b.y - a.y);
    size_t steps = (size_t)fmin(ceil(len / (2 * r)), 200);
    for (size_t k = 0; k <= steps; k++) {
        double t = steps ? (double)k / (double)steps : 0;
        double x = a.x + (b.x - a.x) * t, y = a.y + (b.y - a.y) * t;
        chart_notes_take(&L->notes, (NoteBox){x - r, y - r, x + r, y + r, 0});
    }
    return steps + 1;
}

/* The coloured series' lines and markers and their projections, as
 * boxes the notes' labels keep off (up to DATA_BOXES_MAX: beyond, lines
 * are dense and a label cannot avoid them anyway). */
static void take_data(Layout *L)
{
    const LineChartSpec *spec = L->spec;
    size_t taken = 0;
    double r = pt(L, 3);
    for (size_t i = 0; i < spec->n_series && taken < DATA_BOXES_MAX; i++) {
        const Series *s = spec->series[i];
        if (is_context(spec, i))
            continue;
        Point prev = {map_x(L, s->date[0]), scale_map(&L->ys, s->value[0])};
        taken += take_segment(L, prev, prev, r);
        for (size_t j = 1; j < s->n && taken < DATA_BOXES_MAX; j++) {
            Point p = {map_x(L, s->date[j]), scale_map(&L->ys, s->value[j])};
            taken += take_segment(L, prev, p, r);
            prev = p;
        }
        if (!has_projection(spec, i))
            continue;
        for (int k = 1; k <= PROJECTION_STEPS; k++) {
            double mid, lo, hi;
            long d = projection_day(spec, i, k);
            projection_at(spec, i, d, &mid, &lo, &hi);
            Point p = {map_x(L, d - origin_of(spec, i)),
                       scale_map(&L->ys, mid)};
            if (isfinite(p.y))
                taken += take_segment(L, prev, p, r);
            prev = p;
        }
    }
}

/* A rebased chart's start value (100, or 1×), or the value a chart
 * aligned on a threshold starts every series at, as a firmer gridline:
 * the level every series is measured from. */
static void draw_start_line(Layout *L, const Tick *ticks, size_t n_ticks)
{
    double base = L->spec->rebase_style == REBASE_GROWTH ? 1
                  : L->spec->rebase_style == REBASE_INDEX
                      ? L->spec->rebase_base
                      : L->spec->align->threshold;
    double y = scale_map(&L->ys, base);
    if (!(isfinite(y) && y >= L->plot.y0 && y <= L->plot.y1))
        return;
    scene_add_line(L->scene, L->plot.x0, y, L->plot.x1, y, L->theme->axis,
                   pt(L, 1), NULL, 0);
    if (L->spec->rebase_style != REBASE_NONE)
        return; /* 100 or 1× is a tick of its own */
    /* The threshold is named on the axis, unless a tick's label is there. */
    double size = pt(L, TICK_PT);
    for (size_t i = 0; i < n_ticks; i++)
        if (ticks[i].major &&
            fabs(scale_map(&L->ys, ticks[i].value) - y) < size * 1.3)
            return;
    char label[64];
    y_label(L, base, label, sizeof label);
    scene_add_text(L->scene, L->plot.x0 - pt(L, 8),
                   y + text_ascent(L->fs, size) * 0.35, label, size,
                   FONT_BOLD, ANCHOR_END, 0, L->theme->ink_soft);
}

/* The layout's data, scales' kinds and type scale; fails when there is
 * nothing to draw or a log axis cannot show a value. */
static int begin_layout(const LineChartSpec *spec, const FontStack *fs,
                        Layout *L, Error *err)
{
    *L = (Layout){.spec = spec, .fs = fs, .panel = spec->panel,
                  .theme = spec->theme ? spec->theme : &theme_light,
                  .k = spec->panel ? spec->panel->k
                                     : chart_line_type_scale(spec)};
    gather_extent(spec, &L->ext);
    if (spec->n_series == 0 || L->ext.vmin > L->ext.vmax) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "chart \"%s\" has no data points to draw; check the "
                  "metric and company names",
                  spec->title ? spec->title : "");
        return -1;
    }
    int want_log = wants_log(spec, &L->ext);
    if (want_log && check_log_values(spec, err) != 0)
        return -1;
    L->ys.kind = want_log ? SCALE_LOG : SCALE_LINEAR;
    return 0;
}

/* A panel's room above its plot, or a chart's header drawn. */
static double header_room(Layout *L)
{
    if (L->panel)
        return panel_title_height(L);
    double bottom = draw_header(L);
    return L->spec->style ? draw_style_key(L, bottom) : bottom;
}

static double rough_plot_height(const Layout *L, double header_bottom)
{
    return L->spec->height - header_bottom - pt(L, L->panel ? 24 : 90);
}

void chart_line_panel_insets(const LineChartSpec *spec, const FontStack *fs,
                             double *left, double *right)
{
    Layout L;
    Error err;
    *left = *right = 0;
    if (!spec->panel || begin_layout(spec, fs, &L, &err) != 0)
        return;
    Tick ticks[SCALE_MAX_TICKS];
    size_t n_ticks = choose_y_scale(&L, ticks);
    double label_w = plan_labels(&L, rough_plot_height(&L,
                                                       panel_title_height(&L)));
    *left = panel_left(&L, widest_y_label(&L, ticks, n_ticks));
    *right = panel_right(&L, label_w);
}

int chart_line_layout(const LineChartSpec *spec, const FontStack *fs,
                      Scene **out, Error *err)
{
    *out = NULL;
    Layout L;
    if (begin_layout(spec, fs, &L, err) != 0)
        return -1;
    Color bg = L.theme->paper;
    if (spec->transparent || spec->panel)
        bg.a = 0; /* a panel lies on its figure's paper */
    L.scene = scene_create(spec->width, spec->height, bg);
    double header_bottom = header_room(&L);

    Tick ticks[SCALE_MAX_TICKS];
    size_t n_ticks = choose_y_scale(&L, ticks);
    double label_w = plan_labels(&L, rough_plot_height(&L, header_bottom));
    if (L.legend)
        header_bottom = draw_legend(&L, header_bottom + pt(&L, 4));
    place_plot(&L, header_bottom, widest_y_label(&L, ticks, n_ticks),
               label_w);
    if (L.panel)
        draw_panel_title(&L);

    L.notes = (NoteFrame){.scene = L.scene, .fs = fs, .theme = L.theme,
                          .k = L.k, .lang = spec->lang,
                          .plot = {L.plot.x0, L.plot.y0, L.plot.x1,
                                   L.plot.y1, 0},
                          .xs = &L.xs, .ys = &L.ys};
    scene_group_begin(L.scene, "axes");
    draw_y_axis(&L, ticks, n_ticks);
    if (spec->rebase_style != REBASE_NONE ||
        (spec->align && spec->align->kind == ALIGN_THRESHOLD))
        draw_start_line(&L, ticks, n_ticks);
    draw_x_axis(&L);
    /* Aligned series end at different x: no one line where projections
     * begin; panels: the figure's subtitle says it. */
    if (L.ext.any_projection && !spec->align && !L.panel)
        draw_divider(&L);
    scene_group_end(L.scene);
    chart_notes_shade(&L.notes, spec->notes, spec->n_notes);
    draw_events(&L);
    draw_series(&L);
    draw_marker_key(&L);
    int point_labels = any_point_label(&L);
    if (spec->n_notes || point_labels)
        take_data(&L);
    if (spec->n_notes)
        chart_notes_draw(&L.notes, spec->notes, spec->n_notes);
    if (point_labels) {
        scene_group_begin(L.scene, "point labels");
        draw_point_labels(&L);
        scene_group_end(L.scene);
    }
    if (L.point_values) {
        scene_group_begin(L.scene, "labels");
        draw_point_values(&L);
        scene_group_end(L.scene);
    }
    int overlapping = spec->check_overlap && chart_notes_overlap(&L.notes);
    chart_notes_free(&L.notes);
    if (overlapping) {
        scene_destroy(L.scene);
        error_set(err, ERR_RENDER, NULL, 0, 0,
                  "two labels inside the plot overlap");
        return -1;
    }
    if (!L.legend && !L.point_values) {
        scene_group_begin(L.scene, "labels");
        draw_end_labels(&L);
        scene_group_end(L.scene);
    }
    *out = L.scene;
    return 0;
}
