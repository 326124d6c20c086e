/* chart_milestones.c - when each company's trend reaches a value.
 *
 * A dot plot on a date axis, one row per company: the name on the left,
 * the trend's date as a dot inside its interval bar, and the date in
 * words after it. A diamond marks a value already observed. Rows the
 * trend does not reach say why in words where the dot would be, so no
 * company vanishes from the chart. */
#include "chart_milestones.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_frame.h"
#include "dates.h"
#include "format.h"
#include "report_labels.h"
#include "scale.h"
#include "util.h"

#define NAME_PT 10.5
#define WORDS_PT 9.5
#define TICK_PT 10.0
#define KEY_PT 9.0
/* The row height, in points at 960 x 540, of type at its full size. */
#define ROW_PT 22.0
/* Rows that would set the type below this share of its size group the
 * companies without a date that share their words ("19 others"), and
 * past what fits at it, the last rows are one ("12 others: none before
 * Aug 2026"). */
#define MIN_GROW 0.75

void chart_milestones_find(const SeriesAnalysis *analyses, size_t n,
                           double target, Milestone *out)
{
    for (size_t i = 0; i < n; i++)
        out[i].rc = analysis_target(&analyses[i], target, &out[i].r);
}

/* Trap: TARGET_OBSERVED is 0, so a result with rc -1 (no trend, the
 * record zeroed) reads as observed unless rc is checked too. */
static int observed(const Milestone *m)
{
    return m->rc == 0 && m->r.status == TARGET_OBSERVED;
}

/* 0: observed, 1: by the trend, 2: not reached or no trend. */
static int rank(const Milestone *m)
{
    if (observed(m))
        return 0;
    return m->rc == 0 && m->r.status == TARGET_AT ? 1 : 2;
}

static double sort_key(const Milestone *m, const SeriesAnalysis *a)
{
    switch (rank(m)) {
    case 0: return (double)m->r.observed_date;
    case 1: return m->r.t;
    default: return isfinite(a->latest) ? -a->latest : INFINITY;
    }
}

void chart_milestones_order(const Milestone *m, const SeriesAnalysis *a,
                            size_t n, size_t *order)
{
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    /* Insertion sort: stable, and charts have tens of rows. */
    for (size_t i = 1; i < n; i++) {
        size_t v = order[i], j = i;
        while (j > 0) {
            size_t u = order[j - 1];
            int ru = rank(&m[u]), rv = rank(&m[v]);
            if (ru < rv || (ru == rv && sort_key(&m[u], &a[u]) <=
                                            sort_key(&m[v], &a[v])))
                break;
            order[j] = u;
            j--;
        }
        order[j] = v;
    }
}

static long day_of(double years)
{
    return date_from_years(years);
}

/* An estimated date in words: to the nearest month, as `project` names
 * it, so chart and table agree. */
static char *month_words(double years, Lang lang, char *buf, size_t size)
{
    return format_month_year_lang(date_nearest_month(day_of(years)), lang,
                                  buf, size);
}

/* "Aug–Sep 2026", "by Sep 2026", "Aug 2026 or later": the interval of a
 * date the trend gives. "" when both ends are beyond what was searched. */
static void span_words(const TargetResult *r, Lang lang, char *buf,
                       size_t size)
{
    char lo[48], hi[48];
    int zh = lang_is_chinese(lang);
    buf[0] = '\0';
    if (isfinite(r->lo))
        month_words(r->lo, lang, lo, sizeof lo);
    if (isfinite(r->hi))
        month_words(r->hi, lang, hi, sizeof hi);
    if (isfinite(r->lo) && isfinite(r->hi)) {
        int y0, y1, m, d;
        date_to_ymd(date_nearest_month(day_of(r->lo)), &y0, &m, &d);
        date_to_ymd(date_nearest_month(day_of(r->hi)), &y1, &m, &d);
        if (strcmp(lo, hi) == 0)
            snprintf(buf, size, "%s", lo);
        else if (y0 == y1 && zh)
            snprintf(buf, size, "%s" EN_DASH "%d月", lo, m);
        else if (y0 == y1)
            snprintf(buf, size, "%.3s" EN_DASH "%s", lo, hi);
        else
            snprintf(buf, size, "%s" EN_DASH "%s", lo, hi);
    } else if (isfinite(r->hi)) {
        snprintf(buf, size, lang_pick(lang, "by %s", "%s前"), hi);
    } else if (isfinite(r->lo)) {
        snprintf(buf, size, lang_pick(lang, "%s or later", "%s或更晚"),
                 lo);
    }
}

static const char *ceiling_words(const SeriesAnalysis *a, Lang lang)
{
    if (!strcmp(a->ceiling_what, "world population"))
        return lang_pick(lang, "world population", "世界人口");
    if (!strcmp(a->ceiling_what, "cap"))
        return lang_pick(lang, "the cap set", "設定的上限");
    return a->ceiling_what;
}

static void no_trend_words(const SeriesAnalysis *a, Lang lang, char *buf,
                           size_t size)
{
    int zh = lang_is_chinese(lang);
    if (a->status == TREND_TOO_FEW && a->count > 0)
        snprintf(buf, size,
                 lang_pick(lang, "no trend: %zu point%s, too few",
                           "無趨勢：%zu個資料點，不足以推估"),
                 a->count, zh || a->count == 1 ? "" : "s");
    else if (a->status == TREND_NOT_ASKED)
        snprintf(buf, size, "%s",
                 lang_pick(lang, "no trend asked for", "未推估趨勢"));
    else if (zh)
        snprintf(buf, size, "%s",
                 lang_pick(lang, "", "無趨勢：無法擬合"));
    else
        snprintf(buf, size, "no trend: %s", analysis_why(a));
}

void chart_milestone_words(const Milestone *m, const SeriesAnalysis *a,
                           double target, double level, Lang lang,
                           char *buf, size_t size)
{
    const TargetResult *r = &m->r;
    const Series *s = a->s;
    int zh = lang_is_chinese(lang);
    char v[64], when[48], span[160], lev[16];
    if (observed(m)) {
        size_t k = 0;
        while (k + 1 < s->n && s->date[k] != r->observed_date)
            k++;
        label_point_value(lang, s, k, v, sizeof v);
        format_period_lang(r->observed_date, (DatePrecision)s->precision[k],
                           lang, when, sizeof when);
        snprintf(buf, size,
                 lang_pick(lang, "reached: %s in %s", "%s已達%s"),
                 zh ? when : v, zh ? v : when);
        return;
    }
    if (m->rc != 0) {
        no_trend_words(a, lang, buf, size);
        return;
    }
    switch (r->status) {
    case TARGET_AT:
        month_words(r->t, lang, when, sizeof when);
        span_words(r, lang, span, sizeof span);
        label_level(level, lev, sizeof lev);
        if (span[0] && strcmp(span, when) != 0)
            snprintf(buf, size,
                     lang_pick(lang, "%s (%s: %s)", "%s（%s區間：%s）"),
                     when, lev, span);
        else
            snprintf(buf, size, "%s", when);
        return;
    case TARGET_NOT_IN_HORIZON:
        format_month_year_lang(a->horizon, lang, when, sizeof when);
        snprintf(buf, size,
                 lang_pick(lang, "not by %s at this trend",
                           "依目前趨勢，%s前不會達到"),
                 when);
        return;
    case TARGET_NEVER:
    default:
        if (isfinite(a->ceiling) && target > a->ceiling)
            snprintf(buf, size,
                     lang_pick(lang, "above the ceiling (%s)", "高於上限（%s）"),
                     ceiling_words(a, lang));
        else
            snprintf(buf, size, "%s",
                     lang_pick(lang, "not reached at this trend (flat or "
                                     "falling)",
                               "依目前趨勢不會達到（持平或下降）"));
        return;
    }
}

void chart_milestones_title(const char *metric, double target,
                            const char *unit, Lang lang, char *buf,
                            size_t size)
{
    char name[160], v[64];
    format_metric_name_lang(metric, lang, name, sizeof name);
    label_lower_first(lang, name);
    format_compact_lang(target, unit, 3, lang, v, sizeof v);
    snprintf(buf, size,
             lang_pick(lang, "When each company's %s reaches %s",
                       "各公司%s何時達到%s"),
             name, v);
}

/* ---- layout ---- */

typedef struct {
    const MilestoneChartSpec *spec;
    const FontStack *fs;
    const Theme *theme;
    Scene *scene;
    double k;
    double x0, x1, top, bottom;  /* the plot: rows between top and bottom */
    Scale xs;
    size_t *order;
    double row, name_size, words_size;
    long latest;                 /* the latest observation of any row */
    size_t rest_row;             /* the row of the companies past those
                                    that fit; SIZE_MAX: none */
} MLayout;

static double pt(const MLayout *L, double size)
{
    return size * L->k;
}

static Color row_color(const MLayout *L, size_t i)
{
    return L->spec->colors ? L->spec->colors[i]
                           : L->theme->palette[i % THEME_PALETTE_SIZE];
}

/* The date domain: every observed reach, every latest observation and
 * every projected date with its interval's finite ends. */
static void date_domain(MLayout *L, long *d0, long *d1)
{
    const MilestoneChartSpec *spec = L->spec;
    *d0 = LONG_MAX;
    *d1 = LONG_MIN;
    L->latest = LONG_MIN;
    for (size_t i = 0; i < spec->n_series; i++) {
        const SeriesAnalysis *a = &spec->analyses[i];
        const Milestone *m = &spec->milestones[i];
        if (a->n == 0)
            continue;
        long lat = a->latest_date;
        L->latest = lat > L->latest ? lat : L->latest;
        long ends[3] = {lat, lat, lat};
        if (observed(m)) {
            ends[0] = m->r.observed_date;
        } else if (m->rc == 0 && m->r.status == TARGET_AT) {
            ends[0] = day_of(m->r.t);
            ends[1] = isfinite(m->r.hi) ? day_of(m->r.hi) : a->horizon;
            ends[2] = isfinite(m->r.lo) ? day_of(m->r.lo) : lat;
        }
        for (int e = 0; e < 3; e++) {
            *d0 = ends[e] < *d0 ? ends[e] : *d0;
            *d1 = ends[e] > *d1 ? ends[e] : *d1;
        }
    }
    if (*d1 - *d0 < 180) {
        *d0 -= 90;
        *d1 += 90;
    }
}

static void default_subtitle(const MLayout *L, char *buf, size_t size)
{
    char lev[16];
    label_level(L->spec->level, lev, sizeof lev);
    snprintf(buf, size,
             lang_pick(L->spec->lang,
                       "Date the trend reaches it, with its %s interval; "
                       "sorted by date",
                       "趨勢達到該值的時間及其%s區間，依日期排序"),
             lev);
}

static void diamond_path(Scene *scene, double x, double y, double r)
{
    scene_path_begin(scene);
    scene_move_to(scene, x, y - r);
    scene_line_to(scene, x + r, y);
    scene_line_to(scene, x, y + r);
    scene_line_to(scene, x - r, y);
    scene_close_path(scene);
}

static void draw_diamond(Scene *scene, double x, double y, double r,
                         Color fill, Color edge, double w)
{
    diamond_path(scene, x, y, r);
    scene_fill(scene, fill);
    diamond_path(scene, x, y, r);
    scene_stroke(scene, edge, w, NULL, 0);
}

/* An open end of an interval: a small arrowhead pointing out of it. */
static void draw_open_end(Scene *scene, double x, double y, double dir,
                          double h, Color c)
{
    scene_path_begin(scene);
    scene_move_to(scene, x, y - h);
    scene_line_to(scene, x + dir * h * 1.4, y);
    scene_line_to(scene, x, y + h);
    scene_close_path(scene);
    scene_fill(scene, c);
}

/* The key above the rows: a dot in its bar, "the trend reaches it (80%
 * interval)", and a diamond, "already observed". */
static void draw_key(MLayout *L, double y)
{
    double size = pt(L, KEY_PT), r = pt(L, 4);
    Color ink = L->theme->ink_soft;
    Color bar = L->theme->ink_faint;
    bar.a = 0.35;
    char lev[16], text[96];
    label_level(L->spec->level, lev, sizeof lev);
    double x = L->x0;
    scene_group_begin(L->scene, "key");
    scene_add_rect(L->scene, x, y - pt(L, 3), pt(L, 22), pt(L, 6), bar);
    scene_add_circle(L->scene, x + pt(L, 11), y, r, L->theme->ink_soft,
                     L->theme->paper, pt(L, 1));
    snprintf(text, sizeof text,
             lang_pick(L->spec->lang, "trend reaches it (%s interval)",
                       "趨勢達到（%s區間）"),
             lev);
    x += pt(L, 28);
    scene_add_text(L->scene, x, y + text_ascent(L->fs, size) * 0.35, text,
                   size, FONT_REGULAR, ANCHOR_START, 0, ink);
    x += text_width(L->fs, text, FONT_REGULAR, size) + pt(L, 18);
    draw_diamond(L->scene, x + r, y, r * 1.2, L->theme->ink_soft,
                 L->theme->paper, pt(L, 1));
    const char *seen = lang_pick(L->spec->lang, "already observed",
                                 "資料已達到");
    scene_add_text(L->scene, x + 2 * r + pt(L, 6),
                   y + text_ascent(L->fs, size) * 0.35, seen, size,
                   FONT_REGULAR, ANCHOR_START, 0, ink);
    scene_group_end(L->scene);
}

static void draw_axis(MLayout *L)
{
    long ticks[SCALE_MAX_TICKS];
    char unit = 'y', label[32];
    size_t n = scale_ticks_dates((long)ceil(L->xs.d0), (long)L->xs.d1, ticks,
                                 SCALE_MAX_TICKS, &unit);
    double size = pt(L, TICK_PT), base = L->bottom;
    double last_right = -INFINITY;
    scene_group_begin(L->scene, "axes");
    for (size_t i = 0; i < n; i++) {
        double x = scale_map(&L->xs, (double)ticks[i]);
        scene_add_line(L->scene, x, L->top, x, base, L->theme->grid,
                       pt(L, 0.8), NULL, 0);
        frame_date_tick(L->spec->lang, ticks[i], unit, i == 0, label,
                        sizeof label);
        /* A label that would touch the one before is left out (its
         * gridline stays). */
        double w = text_width(L->fs, label, FONT_REGULAR, size);
        if (x - w / 2 < last_right + pt(L, 6))
            continue;
        last_right = x + w / 2;
        scene_add_text(L->scene, x, base + pt(L, 6) + text_ascent(L->fs, size),
                       label, size, FONT_REGULAR, ANCHOR_MIDDLE, 0,
                       L->theme->ink_soft);
    }
    scene_add_line(L->scene, L->x0, base, L->x1, base, L->theme->axis,
                   pt(L, 1), NULL, 0);
    if (L->latest != LONG_MIN) {
        double x = scale_map(&L->xs, (double)L->latest);
        scene_add_line(L->scene, x, L->top - pt(L, 4), x, base,
                       L->theme->axis, pt(L, 0.8), NULL, 0);
        scene_add_text(L->scene, x - pt(L, 4),
                       L->top - pt(L, 8),
                       lang_pick(L->spec->lang, "\xe2\x86\x90 Data",
                                 "\xe2\x86\x90 資料"),
                       pt(L, 8.5), FONT_REGULAR, ANCHOR_END, 0,
                       L->theme->ink_faint);
        scene_add_text(L->scene, x + pt(L, 4), L->top - pt(L, 8),
                       lang_pick(L->spec->lang, "Trend \xe2\x86\x92",
                                 "趨勢 \xe2\x86\x92"),
                       pt(L, 8.5), FONT_REGULAR, ANCHOR_START, 0,
                       L->theme->ink_faint);
    }
    scene_group_end(L->scene);
}

/* Where a row without a marker writes its reason: just after the
 * latest data (what it says is of the future), or from the plot's left
 * when it would not fit the canvas there. */
static double reason_x(const MLayout *L, const char *words)
{
    double w = text_width(L->fs, words, FONT_REGULAR, L->words_size);
    double x = L->latest != LONG_MIN
                   ? scale_map(&L->xs, (double)L->latest) + pt(L, 8)
                   : L->x0 + pt(L, 4);
    if (x + w > L->spec->width - pt(L, FRAME_MARGIN_PT))
        x = L->x0 + pt(L, 4);
    return x;
}

/* Whether an observed marker at x (half width r) writes its words on
 * its left: when on its right they would cross the data's end and on
 * the left there is room. */
static int words_left(const MLayout *L, double x, double r,
                      const char *words)
{
    double w = text_width(L->fs, words, FONT_REGULAR, L->words_size);
    double divider = scale_map(&L->xs, (double)L->latest);
    return x + r + pt(L, 6) + w > divider - pt(L, 4) && x < divider &&
           x - r - pt(L, 6) - w >= L->x0 + pt(L, 2);
}

/* One row: the name, the marker and its bar, the words. */
static void draw_row(MLayout *L, size_t slot, size_t pos)
{
    const MilestoneChartSpec *spec = L->spec;
    size_t i = L->order[slot];
    const SeriesAnalysis *a = &spec->analyses[i];
    const Milestone *m = &spec->milestones[i];
    double cy = L->top + L->row * ((double)pos + 0.5);
    double base_n = cy + text_ascent(L->fs, L->name_size) * 0.35;
    double base_w = cy + text_ascent(L->fs, L->words_size) * 0.35;
    Color c = row_color(L, i);
    char words[200];
    chart_milestone_words(m, a, spec->target, spec->level, spec->lang, words,
                          sizeof words);
    scene_add_text(L->scene, L->x0 - pt(L, 10), base_n,
                   lang_text(spec->lang, spec->series[i]->company),
                   L->name_size, FONT_BOLD, ANCHOR_END, 0, L->theme->ink);
    double r = fmin(pt(L, 5), L->row * 0.3);
    double end_x;
    /* A faint guide from the name to the row's marker or words. */
    double guide_end = L->x1;
    if (observed(m)) {
        guide_end = scale_map(&L->xs, (double)m->r.observed_date);
        if (words_left(L, guide_end, r * 1.25, words))
            guide_end -= r * 1.25 + pt(L, 10) +
                         text_width(L->fs, words, FONT_REGULAR,
                                    L->words_size);
    }
    else if (m->rc == 0 && m->r.status == TARGET_AT)
        guide_end = scale_map(&L->xs, isfinite(m->r.lo)
                                          ? (double)day_of(m->r.lo)
                                          : (double)a->latest_date);
    else
        guide_end = reason_x(L, words) - pt(L, 4);
    const double dots[2] = {pt(L, 1), pt(L, 3)};
    if (guide_end > L->x0)
        scene_add_line(L->scene, L->x0, cy, guide_end, cy, L->theme->grid,
                       pt(L, 1), dots, 2);
    if (observed(m)) {
        double x = scale_map(&L->xs, (double)m->r.observed_date);
        draw_diamond(L->scene, x, cy, r * 1.25, c, L->theme->paper,
                     pt(L, 1));
        end_x = x + r * 1.25;
        if (words_left(L, x, r * 1.25, words)) {
            scene_add_text(L->scene, x - r * 1.25 - pt(L, 6), base_w, words,
                           L->words_size, FONT_REGULAR, ANCHOR_END, 0,
                           L->theme->ink_soft);
            return;
        }
    } else if (m->rc == 0 && m->r.status == TARGET_AT) {
        double x = scale_map(&L->xs, (double)day_of(m->r.t));
        double lo = isfinite(m->r.lo) ? (double)day_of(m->r.lo)
                                      : (double)a->latest_date;
        double hi = isfinite(m->r.hi) ? (double)day_of(m->r.hi)
                                      : (double)a->horizon;
        double xl = scale_map(&L->xs, lo), xh = scale_map(&L->xs, hi);
        double h = fmax(r * 0.6, pt(L, 1.5));
        Color band = c;
        band.a = 0.35;
        scene_add_rect(L->scene, xl, cy - h, fmax(xh - xl, pt(L, 1)), 2 * h,
                       band);
        if (!isfinite(m->r.hi))
            draw_open_end(L->scene, xh, cy, 1, h * 1.6, band);
        if (!isfinite(m->r.lo))
            draw_open_end(L->scene, xl, cy, -1, h * 1.6, band);
        scene_add_circle(L->scene, x, cy, r, c, L->theme->paper, pt(L, 1));
        end_x = fmax(x + r, xh + (isfinite(m->r.hi) ? 0 : h * 2.3));
    } else {
        /* No marker: the reason, in words, after the data's end. */
        scene_add_text(L->scene, reason_x(L, words), base_w, words,
                       L->words_size, FONT_REGULAR, ANCHOR_START, 0,
                       L->theme->ink_faint);
        return;
    }
    scene_add_text(L->scene, end_x + pt(L, 6), base_w, words, L->words_size,
                   FONT_REGULAR, ANCHOR_START, 0, L->theme->ink_soft);
}

/* The words of the company in slot. */
static void slot_words(const MLayout *L, size_t slot, char *buf, size_t size)
{
    const MilestoneChartSpec *spec = L->spec;
    size_t i = L->order[slot];
    chart_milestone_words(&spec->milestones[i], &spec->analyses[i],
                          spec->target, spec->level, spec->lang, buf, size);
}

/* "19 others", the name of a row of companies that share their words. */
static void others_name(const MLayout *L, size_t count, char *buf,
                        size_t size)
{
    snprintf(buf, size, lang_pick(L->spec->lang, "%zu others", "其他%zu家"),
             count);
}

/* Companies without a date (not by the horizon, falling, too few
 * points) are the tail of the order; those sharing their words are made
 * neighbours, in the order their words first come. */
static void gather_tail(MLayout *L, size_t n)
{
    size_t first = 0;
    while (first < n && rank(&L->spec->milestones[L->order[first]]) < 2)
        first++;
    char a[200], b[200];
    for (size_t s = first; s < n; s++) {
        slot_words(L, s, a, sizeof a);
        size_t put = s + 1;
        for (size_t t = s + 1; t < n; t++) {
            slot_words(L, t, b, sizeof b);
            if (strcmp(a, b) != 0)
                continue;
            size_t v = L->order[t];
            memmove(&L->order[put + 1], &L->order[put],
                    (t - put) * sizeof *L->order);
            L->order[put++] = v;
        }
        s = put - 1;
    }
}

/* What the last row of a chart too tall for its rows says of the
 * companies in it, which the order puts after the row before. */
static void rest_words(const MLayout *L, size_t before, char *buf,
                       size_t size)
{
    const Milestone *m = &L->spec->milestones[L->order[before]];
    Lang lang = L->spec->lang;
    char when[48];
    if (rank(m) == 2) {
        snprintf(buf, size, "%s",
                 lang_pick(lang, "no date at their trends", "依趨勢無推估日期"));
        return;
    }
    if (observed(m))
        format_month_year_lang(m->r.observed_date, lang, when, sizeof when);
    else
        month_words(m->r.t, lang, when, sizeof when);
    snprintf(buf, size, lang_pick(lang, "none before %s", "皆不早於%s"), when);
}

/* The rows: one a company, or, when that many rows would make the type
 * smaller than MIN_GROW of its size, one for each run of companies
 * without a date that share their words, and past the rows that fit at
 * MIN_GROW, one for the rest (L->rest_row). rows[k] is the first slot of
 * row k and counts[k] its companies; returns the row count. */
static size_t plan_rows(MLayout *L, size_t n, size_t *rows, size_t *counts)
{
    double room = L->bottom - L->top;
    int group = room / (double)n < pt(L, ROW_PT) * MIN_GROW;
    if (group)
        gather_tail(L, n);
    size_t k = 0;
    char a[200], b[200];
    for (size_t s = 0; s < n; k++) {
        rows[k] = s;
        counts[k] = 1;
        int tail = rank(&L->spec->milestones[L->order[s]]) == 2;
        if (group && tail) {
            slot_words(L, s, a, sizeof a);
            while (s + counts[k] < n) {
                slot_words(L, s + counts[k], b, sizeof b);
                if (strcmp(a, b) != 0)
                    break;
                counts[k]++;
            }
        }
        s += counts[k];
    }
    size_t fit = (size_t)fmax(2, floor(room / (pt(L, ROW_PT) * MIN_GROW)));
    L->rest_row = SIZE_MAX;
    if (k > fit) {
        L->rest_row = fit - 1;
        counts[fit - 1] = n - rows[fit - 1];
        k = fit;
    }
    return k;
}

/* A row of count companies: "19 others" and the words they share (or
 * the rest's) after the data's end, as a single company's reason. */
static void draw_others(MLayout *L, size_t slot, size_t count, size_t pos)
{
    char name[64], words[200];
    others_name(L, count, name, sizeof name);
    if (pos == L->rest_row)
        rest_words(L, slot - 1, words, sizeof words);
    else
        slot_words(L, slot, words, sizeof words);
    double cy = L->top + L->row * ((double)pos + 0.5);
    scene_add_text(L->scene, L->x0 - pt(L, 10),
                   cy + text_ascent(L->fs, L->name_size) * 0.35, name,
                   L->name_size, FONT_BOLD, ANCHOR_END, 0, L->theme->ink_soft);
    double x = reason_x(L, words);
    const double dots[2] = {pt(L, 1), pt(L, 3)};
    if (x - pt(L, 4) > L->x0)
        scene_add_line(L->scene, L->x0, cy, x - pt(L, 4), cy, L->theme->grid,
                       pt(L, 1), dots, 2);
    scene_add_text(L->scene, x, cy + text_ascent(L->fs, L->words_size) * 0.35,
                   words, L->words_size, FONT_REGULAR, ANCHOR_START, 0,
                   L->theme->ink_faint);
}

/* The widest words of a row with a marker: the room kept right of the
 * date axis's end so every label fits the canvas. */
static double widest_words(const MLayout *L)
{
    const MilestoneChartSpec *spec = L->spec;
    double w = 0;
    char words[200];
    for (size_t i = 0; i < spec->n_series; i++) {
        const Milestone *m = &spec->milestones[i];
        if (rank(m) == 2)
            continue;
        chart_milestone_words(m, &spec->analyses[i], spec->target,
                              spec->level, spec->lang, words, sizeof words);
        w = fmax(w, text_width(L->fs, words, FONT_REGULAR, L->words_size));
    }
    return w;
}

int chart_milestones_layout(const MilestoneChartSpec *spec,
                            const FontStack *fs, Scene **out, Error *err)
{
    *out = NULL;
    if (spec->n_series == 0) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "chart \"%s\" has no series to draw; check the metric and "
                  "company names",
                  spec->title ? spec->title : "");
        return -1;
    }
    MLayout L = {.spec = spec, .fs = fs,
                 .theme = spec->theme ? spec->theme : &theme_light,
                 .k = frame_type_scale(spec->width, spec->height) *
                      (spec->type_scale > 0 ? spec->type_scale : 1)};
    Color bg = L.theme->paper;
    if (spec->transparent)
        bg.a = 0;
    L.scene = scene_create(spec->width, spec->height, bg);
    char subtitle[400], source[700], title[240];
    if (spec->subtitle)
        snprintf(subtitle, sizeof subtitle, "%s", spec->subtitle);
    else
        default_subtitle(&L, subtitle, sizeof subtitle);
    if (spec->title)
        snprintf(title, sizeof title, "%s", spec->title);
    else
        chart_milestones_title(spec->series[0]->metric, spec->target,
                               spec->series[0]->unit, spec->lang, title,
                               sizeof title);
    frame_source_text(spec->lang, spec->source_line, spec->series[0]->file,
                      spec->note, source, sizeof source);
    double header = frame_draw(L.scene, fs, L.theme, L.k, title, subtitle,
                               source);
    double key_y = header + pt(&L, 20);
    L.top = key_y + pt(&L, 26);
    L.bottom = frame_footer_top(L.scene, L.k) - pt(&L, 34);
    size_t n = spec->n_series;
    L.order = xmalloc_array(n, sizeof *L.order);
    chart_milestones_order(spec->milestones, spec->analyses, n, L.order);
    size_t *rows = xmalloc_array(n, sizeof *rows);
    size_t *counts = xmalloc_array(n, sizeof *counts);
    size_t n_rows = plan_rows(&L, n, rows, counts);
    L.row = (L.bottom - L.top) / (double)n_rows;
    /* Type follows the rows: never taller than a row allows, never
     * larger than a little above the base size. */
    double grow = fmin(fmax(L.row / pt(&L, ROW_PT), 0.55), 1.25);
    L.name_size = fmin(pt(&L, NAME_PT) * grow, L.row * 0.8);
    L.words_size = fmin(pt(&L, WORDS_PT) * grow, L.row * 0.75);
    double name_w = 0;
    for (size_t k = 0; k < n_rows; k++) {
        char others[64];
        others_name(&L, counts[k], others, sizeof others);
        const char *name =
            counts[k] > 1
                ? others
                : lang_text(spec->lang,
                            spec->series[L.order[rows[k]]]->company);
        name_w = fmax(name_w, text_width(fs, name, FONT_BOLD, L.name_size));
    }
    name_w = fmin(name_w, spec->width * 0.3);
    L.x0 = pt(&L, FRAME_MARGIN_PT) + name_w + pt(&L, 14);
    L.x1 = spec->width - pt(&L, FRAME_MARGIN_PT) - widest_words(&L) -
           pt(&L, 18);
    if (L.x1 < L.x0 + spec->width * 0.3)
        L.x1 = L.x0 + spec->width * 0.3;
    long d0, d1;
    date_domain(&L, &d0, &d1);
    double span = (double)(d1 - d0);
    L.xs = (Scale){SCALE_LINEAR, (double)d0 - span * 0.03,
                   (double)d1 + span * 0.03, L.x0, L.x1};
    draw_key(&L, key_y);
    draw_axis(&L);
    scene_group_begin(L.scene, "rows");
    for (size_t k = 0; k < n_rows; k++) {
        if (counts[k] > 1)
            draw_others(&L, rows[k], counts[k], k);
        else
            draw_row(&L, rows[k], k);
    }
    scene_group_end(L.scene);
    free(rows);
    free(counts);
    free(L.order);
    *out = L.scene;
    return 0;
}
