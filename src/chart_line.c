/* chart_line.c - layout of a line chart (metric over time) into a scene.
 *
 * The chart reads like a newsroom chart: left-aligned bold title, a
 * subtitle carrying unit and scale, light horizontal gridlines only,
 * observed data solid with a marker at every report date, the projection
 * dashed inside a light prediction band, direct labels at the line ends
 * instead of a legend, and a source line at the bottom left. */
#include "chart_line.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "format.h"
#include "scale.h"
#include "theme.h"
#include "util.h"

/* Type sizes in points for a 960 x 540 pt chart. */
enum { TITLE_PT = 18, SUBTITLE_PT = 12, TICK_PT = 10, LABEL_PT = 10,
       SOURCE_PT = 8 };

/* Samples along each projection: an exponential is curved on a linear axis. */
#define PROJECTION_STEPS 32
#define MAX_LABELS 64

typedef struct {
    double x0, y0, x1, y1;   /* plot rectangle */
} Rect;

/* What one chart needs to know about its data, gathered once. */
typedef struct {
    long date_min, date_max;   /* x domain */
    long last_observed;        /* latest observed date of any series */
    double vmin, vmax;         /* y domain before ticks */
    int any_projection;
    const char *unit;
} Extent;

/* A direct label at a line end, moved vertically to avoid the others. */
typedef struct {
    size_t series;
    double want_y, y;          /* centre of the block */
    double height;
    char line1[160], line2[160], line3[96];
    Color color;
} EndLabel;

typedef struct {
    const LineChartSpec *spec;
    const FontStack *fs;
    Scene *scene;
    double k;                  /* type scale, 1 for 960 x 540 pt */
    Rect plot;
    Scale xs, ys;
    Extent ext;
} Layout;

static int has_projection(const LineChartSpec *spec, size_t i)
{
    return spec->fits && spec->fits[i].model == MODEL_EXP &&
           spec->horizon > spec->series[i]->date[spec->series[i]->n - 1];
}

static Color series_color(const LineChartSpec *spec, size_t i)
{
    return theme_series_color(spec->color_index ? spec->color_index[i] : i);
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

/* Projected value and band ends of series i at day d. */
static void projection_at(const LineChartSpec *spec, size_t i, long d,
                          double *mid, double *lo, double *hi)
{
    double t = date_to_years(d);
    *mid = fit_predict(&spec->fits[i], t);
    if (fit_interval(&spec->fits[i], t, spec->level, lo, hi) != 0)
        *lo = *hi = NAN;
}

static void gather_extent(const LineChartSpec *spec, Extent *e)
{
    e->date_min = LONG_MAX;
    e->date_max = -LONG_MAX;
    e->last_observed = -LONG_MAX;
    e->vmin = HUGE_VAL;
    e->vmax = -HUGE_VAL;
    e->any_projection = 0;
    e->unit = "";
    for (size_t i = 0; i < spec->n_series; i++) {
        const Series *s = spec->series[i];
        if (s->n == 0)
            continue;
        if (!e->unit[0])
            e->unit = s->unit;
        if (s->date[0] < e->date_min)
            e->date_min = s->date[0];
        if (s->date[s->n - 1] > e->last_observed)
            e->last_observed = s->date[s->n - 1];
        for (size_t j = 0; j < s->n; j++)
            extend_values(e, s->value[j]);
        if (has_projection(spec, i)) {
            double mid, lo, hi;
            projection_at(spec, i, spec->horizon, &mid, &lo, &hi);
            extend_values(e, mid);
            extend_values(e, lo);
            extend_values(e, hi);
            e->any_projection = 1;
        }
    }
    e->date_max = e->last_observed;
    if (e->any_projection && spec->horizon > e->date_max)
        e->date_max = spec->horizon;
}

/* A log axis needs every drawn value positive; name the first that is not. */
static int check_log_values(const LineChartSpec *spec, Error *err)
{
    for (size_t i = 0; i < spec->n_series; i++) {
        const Series *s = spec->series[i];
        for (size_t j = 0; j < s->n; j++) {
            if (s->value[j] > 0)
                continue;
            error_set(err, ERR_DATA, s->file, s->line[j], 4,
                      "%s %s has value %g, which a log scale cannot show; "
                      "use a linear axis or remove the row",
                      s->company, s->metric, s->value[j]);
            return -1;
        }
    }
    return 0;
}

static int all_positive(const Extent *e)
{
    return e->vmin > 0;
}

static double pt(const Layout *L, double size)
{
    return size * L->k;
}

/* Title, subtitle and source line; returns the y below the header. */
static double draw_header(Layout *L, const char *subtitle)
{
    const LineChartSpec *spec = L->spec;
    double margin = pt(L, 24);
    double title_size = pt(L, TITLE_PT);
    double avail = spec->width - 2 * margin;
    /* Shrink a long title rather than let it run off the canvas. */
    while (title_size > pt(L, 12) &&
           text_width(L->fs, spec->title, FONT_BOLD, title_size) > avail)
        title_size -= 0.5;
    double y = pt(L, 22) + text_ascent(L->fs, title_size);
    scene_add_text(L->scene, margin, y, spec->title, title_size, FONT_BOLD,
                   ANCHOR_START, 0, THEME_INK);
    y += text_descent(L->fs, title_size) + pt(L, 8) +
         text_ascent(L->fs, pt(L, SUBTITLE_PT));
    scene_add_text(L->scene, margin, y, subtitle, pt(L, SUBTITLE_PT),
                   FONT_REGULAR, ANCHOR_START, 0, THEME_INK_SOFT);
    return y + text_descent(L->fs, pt(L, SUBTITLE_PT));
}

static void draw_source(Layout *L, const char *source)
{
    double y = L->spec->height - pt(L, 14);
    scene_add_text(L->scene, pt(L, 24), y, source, pt(L, SOURCE_PT),
                   FONT_REGULAR, ANCHOR_START, 0, THEME_INK_FAINT);
}

static void default_subtitle(const Layout *L, char *buf, size_t size)
{
    char metric[128];
    const Series *s = L->spec->series[0];
    format_metric_name(s->metric, metric, sizeof metric);
    /* A count of users needs no unit; a currency or "%" does. */
    const char *unit = L->ext.unit;
    int counted = !unit[0] || strcmp(unit, "users") == 0;
    int n = snprintf(buf, size, "%s%s%s%s", metric, counted ? "" : ", ",
                     counted ? "" : unit,
                     L->ys.kind == SCALE_LOG ? " (log scale)" : "");
    if (L->ext.any_projection && n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n,
                 ". Dashed: exponential trend with %.0f%% prediction "
                 "interval",
                 L->spec->level * 100);
}

static void default_source(const Layout *L, char *buf, size_t size)
{
    snprintf(buf, size, "Source: %s \xc2\xb7 Chart: aigrowth",
             L->spec->series[0]->file);
}

static void append_note(const Layout *L, char *buf, size_t size)
{
    size_t len = strlen(buf);
    if (L->spec->note && L->spec->note[0] && len < size)
        snprintf(buf + len, size - len, " \xc2\xb7 %s", L->spec->note);
}

/* Y ticks: gridlines and labels. */
static void draw_y_axis(Layout *L, const Tick *ticks, size_t n)
{
    double size = pt(L, TICK_PT);
    char label[64];
    for (size_t i = 0; i < n; i++) {
        if (!ticks[i].major)
            continue;
        double y = scale_map(&L->ys, ticks[i].value);
        scene_add_line(L->scene, L->plot.x0, y, L->plot.x1, y, THEME_GRID,
                       pt(L, 0.8), NULL, 0);
        format_compact(ticks[i].value, L->ext.unit, 3, label, sizeof label);
        scene_add_text(L->scene, L->plot.x0 - pt(L, 8),
                       y + text_ascent(L->fs, size) * 0.35, label, size,
                       FONT_REGULAR, ANCHOR_END, 0, THEME_INK_SOFT);
    }
    if (L->ys.kind == SCALE_LOG)
        scene_add_text(L->scene, L->plot.x0 - pt(L, 8),
                       L->plot.y0 - pt(L, 10), "log scale", pt(L, 8),
                       FONT_REGULAR, ANCHOR_END, 0, THEME_INK_FAINT);
}

static void x_tick_label(long day, char unit, char *buf, size_t size)
{
    static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    if (unit == 'y' || (m == 1 && unit == 'q'))
        snprintf(buf, size, "%d", y);
    else if (unit == 'q')
        snprintf(buf, size, "Q%d", (m - 1) / 3 + 1);
    else if (m == 1)
        snprintf(buf, size, "%s %d", months[0], y);
    else
        snprintf(buf, size, "%s", months[m - 1]);
}

static void draw_x_axis(Layout *L)
{
    long ticks[SCALE_MAX_TICKS];
    char unit = 'y';
    size_t n = scale_ticks_dates((long)ceil(L->xs.d0), (long)L->xs.d1, ticks,
                                 SCALE_MAX_TICKS, &unit);
    double size = pt(L, TICK_PT);
    double base = L->plot.y1;
    scene_add_line(L->scene, L->plot.x0, base, L->plot.x1, base, THEME_AXIS,
                   pt(L, 1), NULL, 0);
    char label[32];
    for (size_t i = 0; i < n; i++) {
        double x = scale_map(&L->xs, (double)ticks[i]);
        scene_add_line(L->scene, x, base, x, base + pt(L, 4), THEME_AXIS,
                       pt(L, 1), NULL, 0);
        x_tick_label(ticks[i], unit, label, sizeof label);
        scene_add_text(L->scene, x, base + pt(L, 6) + text_ascent(L->fs, size),
                       label, size, FONT_REGULAR, ANCHOR_MIDDLE, 0,
                       THEME_INK_SOFT);
    }
}

/* Vertical rule where observed data ends and projections begin. */
static void draw_divider(Layout *L)
{
    double x = scale_map(&L->xs, (double)L->ext.last_observed);
    scene_add_line(L->scene, x, L->plot.y0, x, L->plot.y1, THEME_AXIS,
                   pt(L, 0.8), NULL, 0);
    scene_add_text(L->scene, x + pt(L, 4),
                   L->plot.y0 + text_ascent(L->fs, pt(L, 9)),
                   "Projection \xe2\x86\x92", pt(L, 9), FONT_REGULAR,
                   ANCHOR_START, 0, THEME_INK_FAINT);
}

static Color with_alpha(Color c, double a)
{
    c.a = a;
    return c;
}

static double map_x(const Layout *L, long day)
{
    return scale_map(&L->xs, (double)day);
}

static long projection_day(const LineChartSpec *spec, size_t i, int step)
{
    long d0 = spec->series[i]->date[spec->series[i]->n - 1];
    return d0 + (spec->horizon - d0) * step / PROJECTION_STEPS;
}

static void draw_band(Layout *L, size_t i)
{
    const LineChartSpec *spec = L->spec;
    double mid, lo, hi;
    projection_at(spec, i, spec->horizon, &mid, &lo, &hi);
    if (!isfinite(lo) || !isfinite(hi) ||
        (lo <= 0 && L->ys.kind == SCALE_LOG))
        return;
    scene_path_begin(L->scene);
    for (int step = 0; step <= PROJECTION_STEPS; step++) {
        long d = projection_day(spec, i, step);
        projection_at(spec, i, d, &mid, &lo, &hi);
        double y = scale_map(&L->ys, hi);
        if (step == 0)
            scene_move_to(L->scene, map_x(L, d), y);
        else
            scene_line_to(L->scene, map_x(L, d), y);
    }
    for (int step = PROJECTION_STEPS; step >= 0; step--) {
        long d = projection_day(spec, i, step);
        projection_at(spec, i, d, &mid, &lo, &hi);
        scene_line_to(L->scene, map_x(L, d), scale_map(&L->ys, lo));
    }
    scene_close_path(L->scene);
    scene_fill(L->scene, with_alpha(series_color(spec, i), 0.14));
}

static void draw_projection(Layout *L, size_t i)
{
    const LineChartSpec *spec = L->spec;
    const double dash[2] = {pt(L, 6), pt(L, 4)};
    scene_path_begin(L->scene);
    for (int step = 0; step <= PROJECTION_STEPS; step++) {
        long d = projection_day(spec, i, step);
        double y = scale_map(&L->ys, fit_predict(&spec->fits[i],
                                                 date_to_years(d)));
        if (step == 0)
            scene_move_to(L->scene, map_x(L, d), y);
        else
            scene_line_to(L->scene, map_x(L, d), y);
    }
    scene_stroke(L->scene, series_color(spec, i), pt(L, 2), dash, 2);
}

static void draw_observed(Layout *L, size_t i)
{
    const Series *s = L->spec->series[i];
    Color c = series_color(L->spec, i);
    if (s->n > 1) {
        scene_path_begin(L->scene);
        for (size_t j = 0; j < s->n; j++) {
            double x = map_x(L, s->date[j]);
            double y = scale_map(&L->ys, s->value[j]);
            if (j == 0)
                scene_move_to(L->scene, x, y);
            else
                scene_line_to(L->scene, x, y);
        }
        scene_stroke(L->scene, c, pt(L, 2.2), NULL, 0);
    }
    /* A marker at every report date: reports are irregular. */
    for (size_t j = 0; j < s->n; j++)
        scene_add_circle(L->scene, map_x(L, s->date[j]),
                         scale_map(&L->ys, s->value[j]), pt(L, 2.6), c,
                         THEME_PAPER, pt(L, 0.9));
}

/* Text of series i's end label; its anchor value goes to *value. Compact
 * labels are one line ("OpenAI $120B"), full ones carry the company, the
 * value at the horizon and the doubling time on three lines. */
static void end_label_text(const Layout *L, size_t i, int compact,
                           EndLabel *lab, double *value)
{
    const LineChartSpec *spec = L->spec;
    const Series *s = spec->series[i];
    const Fit *fit = spec->fits ? &spec->fits[i] : NULL;
    int projected = has_projection(spec, i);
    char v[48], when[32], dbl[48];
    *value = projected ? fit_predict(fit, date_to_years(spec->horizon))
                       : s->value[s->n - 1];
    format_compact(*value, s->unit, 3, v, sizeof v);
    format_month_year(projected ? spec->horizon : s->date[s->n - 1], when,
                      sizeof when);
    lab->line2[0] = lab->line3[0] = '\0';
    if (compact) {
        snprintf(lab->line1, sizeof lab->line1, "%s %s", s->company, v);
        return;
    }
    snprintf(lab->line1, sizeof lab->line1, "%s", s->company);
    snprintf(lab->line2, sizeof lab->line2, projected ? "%s by %s" : "%s (%s)",
             v, when);
    if (projected && fit->doubling_years > 0 && isfinite(fit->doubling_years)) {
        format_duration(fit->doubling_years, dbl, sizeof dbl);
        snprintf(lab->line3, sizeof lab->line3, "doubling every %s", dbl);
    }
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

/* Builds the end labels (not yet placed); returns their widest line. */
static double build_labels(const Layout *L, EndLabel *labs, size_t *n_out)
{
    const LineChartSpec *spec = L->spec;
    size_t n = 0;
    int compact = spec->n_series > 4;
    double size = pt(L, LABEL_PT), widest = 0;
    double line_h = size * 1.25;
    for (size_t i = 0; i < spec->n_series && n < MAX_LABELS; i++) {
        if (spec->series[i]->n == 0)
            continue;
        EndLabel *lab = &labs[n++];
        double value;
        lab->series = i;
        lab->color = series_color(spec, i);
        end_label_text(L, i, compact, lab, &value);
        lab->want_y = value; /* mapped once the y scale is known */
        lab->height = line_h * (1 + (lab->line2[0] != 0) +
                                (lab->line3[0] != 0));
        widest = fmax(widest, text_width(L->fs, lab->line1, FONT_BOLD, size));
        widest = fmax(widest,
                      text_width(L->fs, lab->line2, FONT_REGULAR, size));
        widest = fmax(widest,
                      text_width(L->fs, lab->line3, FONT_REGULAR, size));
    }
    *n_out = n;
    return widest;
}

static void draw_labels(Layout *L, EndLabel *labs, size_t n)
{
    double size = pt(L, LABEL_PT);
    double line_h = size * 1.25;
    for (size_t i = 0; i < n; i++)
        labs[i].want_y = scale_map(&L->ys, labs[i].want_y);
    spread_labels(labs, n, pt(L, 3), L->plot.y0, L->plot.y1);
    double x = L->plot.x1 + pt(L, 8);
    for (size_t i = 0; i < n; i++) {
        double top = labs[i].y - labs[i].height / 2;
        double base = top + (line_h + text_ascent(L->fs, size) -
                             text_descent(L->fs, size)) / 2;
        scene_add_text(L->scene, x, base, labs[i].line1, size, FONT_BOLD,
                       ANCHOR_START, 0, labs[i].color);
        if (labs[i].line2[0])
            scene_add_text(L->scene, x, base + line_h, labs[i].line2, size,
                           FONT_REGULAR, ANCHOR_START, 0, labs[i].color);
        if (labs[i].line3[0])
            scene_add_text(L->scene, x, base + 2 * line_h, labs[i].line3,
                           size, FONT_REGULAR, ANCHOR_START, 0,
                           labs[i].color);
    }
}

/* Y domain widened to nice ticks. */
static size_t choose_y_scale(Layout *L, Tick *ticks)
{
    double d0 = L->ext.vmin, d1 = L->ext.vmax;
    size_t n;
    if (L->ys.kind == SCALE_LOG) {
        n = scale_ticks_log(&d0, &d1, ticks, SCALE_MAX_TICKS);
    } else {
        if (d0 > 0)
            d0 = 0; /* linear value axes start at zero */
        n = scale_ticks_linear(&d0, &d1, 6, ticks, SCALE_MAX_TICKS);
    }
    L->ys.d0 = d0;
    L->ys.d1 = d1;
    return n;
}

/* Keeps prediction bands from stretching the axis: the domain covers the
 * data and the central projections (and on linear axes a quarter of the
 * range beyond); the rest of a band is clipped at the plot's edge. */
static void gather_band_limits(Layout *L)
{
    const LineChartSpec *spec = L->spec;
    Extent core = L->ext;
    core.vmin = HUGE_VAL;
    core.vmax = -HUGE_VAL;
    for (size_t i = 0; i < spec->n_series; i++) {
        const Series *s = spec->series[i];
        for (size_t j = 0; j < s->n; j++)
            extend_values(&core, s->value[j]);
        if (has_projection(spec, i))
            extend_values(&core, fit_predict(&spec->fits[i],
                                             date_to_years(spec->horizon)));
    }
    double lo_cap, hi_cap;
    if (L->ys.kind == SCALE_LOG) {
        lo_cap = core.vmin;
        hi_cap = core.vmax;
    } else {
        double range = core.vmax - core.vmin;
        lo_cap = core.vmin - range / 4;
        hi_cap = core.vmax + range / 4;
    }
    L->ext.vmin = fmax(L->ext.vmin, lo_cap);
    L->ext.vmax = fmin(L->ext.vmax, hi_cap);
}

static void draw_series(Layout *L)
{
    const LineChartSpec *spec = L->spec;
    double pad = pt(L, 4);
    scene_group_begin(L->scene, "series");
    scene_clip_push(L->scene, L->plot.x0 - pad, L->plot.y0 - pad,
                    L->plot.x1 - L->plot.x0 + 2 * pad,
                    L->plot.y1 - L->plot.y0 + 2 * pad);
    for (size_t i = 0; i < spec->n_series; i++)
        if (has_projection(spec, i))
            draw_band(L, i);
    for (size_t i = 0; i < spec->n_series; i++)
        if (has_projection(spec, i))
            draw_projection(L, i);
    for (size_t i = 0; i < spec->n_series; i++)
        draw_observed(L, i);
    scene_clip_pop(L->scene);
    scene_group_end(L->scene);
}

int chart_line_layout(const LineChartSpec *spec, const FontStack *fs,
                      Scene **out, Error *err)
{
    *out = NULL;
    /* Type scales with the canvas area, so a 4:3 or square chart keeps
     * the same reading size as a 16:9 one of similar area. */
    Layout L = {.spec = spec, .fs = fs,
                .k = sqrt(spec->width * spec->height / (960.0 * 540.0))};
    gather_extent(spec, &L.ext);
    if (spec->n_series == 0 || L.ext.vmin > L.ext.vmax) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "chart \"%s\" has no data points to draw; check the "
                  "metric and company names",
                  spec->title ? spec->title : "");
        return -1;
    }
    int want_log = spec->axis == AXIS_LOG ||
                   (spec->axis == AXIS_AUTO && all_positive(&L.ext) &&
                    scale_prefers_log(L.ext.vmin, L.ext.vmax));
    if (want_log && check_log_values(spec, err) != 0)
        return -1;
    L.ys.kind = want_log ? SCALE_LOG : SCALE_LINEAR;
    L.xs.kind = SCALE_LINEAR;
    gather_band_limits(&L);

    L.scene = scene_create(spec->width, spec->height, THEME_PAPER);
    char subtitle[320], source[600];
    if (spec->subtitle)
        snprintf(subtitle, sizeof subtitle, "%s", spec->subtitle);
    else
        default_subtitle(&L, subtitle, sizeof subtitle);
    if (spec->source_line)
        snprintf(source, sizeof source, "%s", spec->source_line);
    else
        default_source(&L, source, sizeof source);
    append_note(&L, source, sizeof source);

    scene_group_begin(L.scene, "header");
    double header_bottom = draw_header(&L, subtitle);
    draw_source(&L, source);
    scene_group_end(L.scene);

    Tick ticks[SCALE_MAX_TICKS];
    size_t n_ticks = choose_y_scale(&L, ticks);
    EndLabel labs[MAX_LABELS];
    size_t n_labs;
    double label_w = build_labels(&L, labs, &n_labs);

    /* Widest y label decides the left edge; measure before drawing. */
    double tick_w = 0;
    char buf[64];
    for (size_t i = 0; i < n_ticks; i++) {
        format_compact(ticks[i].value, L.ext.unit, 3, buf, sizeof buf);
        double w = text_width(fs, buf, FONT_REGULAR, pt(&L, TICK_PT));
        if (ticks[i].major && w > tick_w)
            tick_w = w;
    }
    L.plot.x0 = pt(&L, 24) + tick_w + pt(&L, 8);
    L.plot.x1 = spec->width - pt(&L, 24) - label_w - pt(&L, 8);
    if (L.plot.x1 < L.plot.x0 + spec->width * 0.4)
        L.plot.x1 = L.plot.x0 + spec->width * 0.4;
    L.plot.y0 = header_bottom + pt(&L, 30);
    L.plot.y1 = spec->height - pt(&L, 14) - pt(&L, SOURCE_PT) - pt(&L, 16) -
                pt(&L, TICK_PT) - pt(&L, 10);
    /* The lowest gridline sits a little above the axis line, and the
     * dates leave a little room at both ends, so no marker lands on the
     * axis or on the plot's edge. */
    L.ys.r0 = L.plot.y1 - pt(&L, 8);
    L.ys.r1 = L.plot.y0;
    double span = (double)(L.ext.date_max > L.ext.date_min
                               ? L.ext.date_max - L.ext.date_min
                               : 30);
    L.xs.d0 = (double)L.ext.date_min - span * 0.02;
    L.xs.d1 = (double)L.ext.date_min + span * 1.02;
    L.xs.r0 = L.plot.x0;
    L.xs.r1 = L.plot.x1;

    scene_group_begin(L.scene, "axes");
    draw_y_axis(&L, ticks, n_ticks);
    draw_x_axis(&L);
    if (L.ext.any_projection)
        draw_divider(&L);
    scene_group_end(L.scene);
    draw_series(&L);
    scene_group_begin(L.scene, "labels");
    draw_labels(&L, labs, n_labs);
    scene_group_end(L.scene);
    *out = L.scene;
    return 0;
}
