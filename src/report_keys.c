/* report_keys.c - the key-figures pages: one table per metric, with
 * its note. */
#include "report_keys.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "report_labels.h"
#include "text_flow.h"
#include "theme.h"
#include "util.h"

void report_figures(const ReportRow *row, ReportFigures *out)
{
    const SeriesAnalysis *a = row->a;
    *out = (ReportFigures){.latest = a->latest, .latest_date = a->latest_date,
                           .recent = a->recent, .cagr = a->cagr,
                           .doubling_years = NAN, .proj = NAN, .lo = NAN,
                           .hi = NAN, .r2 = NAN, .horizon = a->horizon};
    if (!doc_fitted(a))
        return;
    out->n = a->count;
    out->doubling_years = a->doubling_years;
    out->r2 = a->fit.r2;
    if (a->too_uncertain) {
        out->too_uncertain = 1;
        return;
    }
    out->proj = a->proj;
    out->lo = a->lo;
    out->hi = a->hi;
    out->beyond_default = a->beyond_default;
    out->capped = isfinite(a->t_ceiling);
}

/* The model is named in each table's note, so it takes no column. */
enum { C_COMPANY, C_LATEST, C_ASOF, C_RECENT, C_CAGR, C_DOUBLING, C_BY,
       C_PROJ, C_INTERVAL, C_R2, N_COLS };

/* Columns given up, in this order, when the page is too narrow. */
static const int drop_order[] = {C_R2, C_CAGR, C_ASOF};

typedef struct {
    char cell[N_COLS][128];
    const char *metric;
    const char *unit;
    long horizon;
    int flagged;        /* projection past the default horizon or capped */
    int unattested;     /* a figure rests on single-source or unverified
                           points (marked DOUBLE_DAGGER) */
    Model model;
    double sort_value;
} KeyRow;

/* "exponential" or "exponential, linear": the models of rows[0 .. n). */
static void models_of(const Doc *d, const KeyRow *rows, size_t n, char *buf,
                      size_t size)
{
    buf[0] = '\0';
    for (int m = MODEL_EXP; m < MODEL_AUTO; m++)
        for (size_t i = 0; i < n; i++)
            if (rows[i].model == (Model)m) {
                label_append(buf, size, "%s%s", buf[0] ? L(d, ", ", "、") : "",
                             label_model(d->lang, (Model)m));
                break;
            }
}

/* Why a row has no projection, in a few words. */
static const char *no_trend_words(const Doc *d, const SeriesAnalysis *a)
{
    if (a->too_uncertain)
        return L(d, "too uncertain", "過於不確定");
    switch (a->status) {
    case TREND_TOO_FEW: return L(d, "too few points", "資料點不足");
    case TREND_FAILED: return L(d, "no trend fits", "無法擬合");
    default: return EN_DASH;
    }
}

/* Whether any of points [from, to) of s is single-source or unverified. */
static int unattested(const Series *s, size_t from, size_t to)
{
    for (size_t j = from; j < to && j < s->n; j++)
        if (!confidence_kept(series_confidence(s, j)))
            return 1;
    return 0;
}

static void mark_unattested(KeyRow *k, int col, size_t size)
{
    label_append(k->cell[col], size, "%s", DOUBLE_DAGGER);
    k->unattested = 1;
}

static void key_row(const Doc *d, const ReportRow *row, KeyRow *k)
{
    const Series *s = row->series;
    ReportFigures f;
    report_figures(row, &f);
    memset(k, 0, sizeof *k);
    size_t cs = sizeof k->cell[0];
    k->metric = s->metric;
    k->unit = s->unit;
    k->horizon = f.horizon;
    k->flagged = f.beyond_default || f.capped;
    k->sort_value = isfinite(f.latest) ? f.latest : -INFINITY;
    snprintf(k->cell[C_COMPANY], cs, "%s", lang_text(d->lang, s->company));
    if (row->a->n > 0)
        label_point_value(d->lang, s, row->a->n - 1, k->cell[C_LATEST], cs);
    else
        label_value(d->lang, f.latest, s->unit, k->cell[C_LATEST], cs);
    if (row->a->n > 0 && unattested(s, row->a->n - 1, row->a->n))
        mark_unattested(k, C_LATEST, cs);
    if (row->a->n > 0)
        label_date(d->lang, f.latest_date, s->precision[row->a->n - 1],
                   k->cell[C_ASOF], cs);
    else
        snprintf(k->cell[C_ASOF], cs, EN_DASH);
    label_percent(f.recent, k->cell[C_RECENT], cs);
    label_percent(f.cagr, k->cell[C_CAGR], cs);
    if (isnan(f.doubling_years))
        snprintf(k->cell[C_DOUBLING], cs, EN_DASH);
    else
        format_duration_lang(f.doubling_years, d->lang, k->cell[C_DOUBLING],
                             cs);
    k->model = doc_fitted(row->a) ? row->a->fit.model : MODEL_NONE;
    if (!analysis_quotable(row->a)) {
        snprintf(k->cell[C_BY], cs, EN_DASH);
        snprintf(k->cell[C_PROJ], cs, EN_DASH);
        snprintf(k->cell[C_INTERVAL], cs, "%s", no_trend_words(d, row->a));
        snprintf(k->cell[C_R2], cs, EN_DASH);
        return;
    }
    format_month_year_lang(f.horizon, d->lang, k->cell[C_BY], cs);
    label_value(d->lang, f.proj, s->unit, k->cell[C_PROJ], cs);
    if (k->flagged)
        label_append(k->cell[C_PROJ], cs, "%s", DAGGER);
    /* The trend is fitted on the window and anchored on the latest. */
    if (unattested(s, row->a->first, row->a->first + row->a->count) ||
        unattested(s, row->a->n - 1, row->a->n))
        mark_unattested(k, C_PROJ, cs);
    char lo[48], hi[48];
    label_value(d->lang, f.lo, s->unit, lo, sizeof lo);
    label_value(d->lang, f.hi, s->unit, hi, sizeof hi);
    format_drop_shared_unit(lo, hi);
    snprintf(k->cell[C_INTERVAL], cs, "%s " EN_DASH " %s", lo, hi);
    if (isfinite(f.r2))
        snprintf(k->cell[C_R2], cs, "%.2f", f.r2);
    else
        snprintf(k->cell[C_R2], cs, EN_DASH);
}

/* Rows grouped by metric (metrics in order of first appearance), largest
 * latest value first within a group. Caller frees. */
static KeyRow *key_rows(const Doc *d)
{
    const ReportContent *rc = d->rc;
    size_t n = rc->n_rows;
    KeyRow *rows = xcalloc(n ? n : 1, sizeof *rows);
    char *done = xcalloc(n ? n : 1, 1);
    size_t out = 0;
    for (size_t g = 0; g < n; g++) {
        if (done[g])
            continue;
        size_t first = out;
        const char *metric = rc->rows[g].series->metric;
        for (size_t i = g; i < n; i++) {
            if (done[i] || strcmp(rc->rows[i].series->metric, metric))
                continue;
            done[i] = 1;
            key_row(d, &rc->rows[i], &rows[out++]);
        }
        for (size_t i = first + 1; i < out; i++)
            for (size_t j = i; j > first &&
                               rows[j - 1].sort_value < rows[j].sort_value;
                 j--) {
                KeyRow t = rows[j - 1];
                rows[j - 1] = rows[j];
                rows[j] = t;
            }
    }
    free(done);
    return rows;
}

typedef struct {
    const char *head[N_COLS];
    double width[N_COLS];
    double x[N_COLS];
    int shown[N_COLS];
    double gap;
    char interval_head[64];
} Columns;

static void columns_layout(Doc *d, const KeyRow *rows, size_t n, double avail,
                           Columns *c)
{
    const Geometry *g = &d->g;
    char lev[16];
    label_level(d->level, lev, sizeof lev);
    snprintf(c->interval_head, sizeof c->interval_head, "%s %s", lev,
             L(d, "interval", "區間"));
    const char *head[N_COLS] = {
        L(d, "Company", "公司"),          L(d, "Latest", "最新值"),
        L(d, "As of", "日期"),             L(d, "12 mo", "近12月"),
        L(d, "CAGR", "年複合成長"),        L(d, "Doubling", "倍增時間"),
        L(d, "Trend by", "推估至"),       L(d, "Projection", "預測值"),
        c->interval_head,                  "R\xc2\xb2"};
    c->gap = g->slides ? 18 : 8;
    for (int k = 0; k < N_COLS; k++) {
        c->head[k] = head[k];
        c->shown[k] = 1;
        c->width[k] = text_width(d->fs, head[k], FONT_BOLD, g->table);
        for (size_t i = 0; i < n; i++)
            c->width[k] = fmax(c->width[k],
                               text_width(d->fs, rows[i].cell[k],
                                          FONT_REGULAR, g->table));
    }
    /* The company column gets what is left, at least a fifth of the line;
       columns go in drop_order until that much is left. */
    double company_min = fmin(c->width[C_COMPANY], avail * 0.17);
    for (size_t drop = 0;; drop++) {
        double used = 0;
        int shown = 0;
        for (int k = 1; k < N_COLS; k++)
            if (c->shown[k]) {
                used += c->width[k];
                shown++;
            }
        used += c->gap * shown;
        if (avail - used >= company_min ||
            drop >= sizeof drop_order / sizeof drop_order[0]) {
            c->width[C_COMPANY] = fmax(avail - used, 10);
            break;
        }
        c->shown[drop_order[drop]] = 0;
    }
    double x = g->margin;
    for (int k = 0; k < N_COLS; k++) {
        if (!c->shown[k])
            continue;
        c->x[k] = x;
        x += c->width[k] + c->gap;
    }
}

/* Column k's text in the row at y: the company left-aligned, figures
 * right-aligned. */
static void table_cell(Doc *d, Scene *sc, const Columns *c, int k, double y,
                       const char *text, FontWeight wt, Color color)
{
    const Geometry *g = &d->g;
    int left = k == C_COMPANY;
    add_text(sc, left ? c->x[k] : c->x[k] + c->width[k], y + g->row * 0.7,
             text, g->table, wt, left ? ANCHOR_START : ANCHOR_END, color);
}

static void table_header(Doc *d, Scene *sc, const Columns *c, double y)
{
    const Geometry *g = &d->g;
    for (int k = 0; k < N_COLS; k++)
        if (c->shown[k])
            table_cell(d, sc, c, k, y, c->head[k], FONT_BOLD,
                       THEME_INK_SOFT);
    scene_add_line(sc, g->margin, y + g->row, sc->width - g->margin,
                   y + g->row, THEME_AXIS, 0.75, NULL, 0);
}

static void table_row(Doc *d, Scene *sc, const Columns *c, const KeyRow *r,
                      double y, int rule)
{
    const Geometry *g = &d->g;
    char buf[160];
    for (int k = 0; k < N_COLS; k++) {
        if (!c->shown[k])
            continue;
        text_flow_fit(d->fs, r->cell[k], FONT_REGULAR, g->table, c->width[k],
                      buf, sizeof buf);
        table_cell(d, sc, c, k, y, buf, FONT_REGULAR, THEME_INK);
    }
    if (rule)
        scene_add_line(sc, g->margin, y + g->row, sc->width - g->margin,
                       y + g->row, THEME_GRID, 0.5, NULL, 0);
}

/* The group's heading and the note under it, also kept in t; returns
 * the y after. */
static double group_heading(Doc *d, Scene *sc, const KeyRow *first,
                            size_t n, int any_flag, int any_unattested,
                            int continued, double y, DocTable *t)
{
    const Geometry *g = &d->g;
    char name[256], buf[1024], lev[16], models[128];
    format_metric_name_lang(first->metric, d->lang, name, sizeof name);
    if (continued)
        doc_continued_title(d, name, buf, sizeof buf);
    else
        snprintf(buf, sizeof buf, "%s", name);
    y += g->h2;
    add_text(sc, g->margin, y, buf, g->h2, FONT_BOLD, ANCHOR_START,
             THEME_INK);
    snprintf(t->heading, sizeof t->heading, "%s", buf);
    if (continued)
        return y + g->small * 0.8;
    label_level(d->level, lev, sizeof lev);
    models_of(d, first, n, models, sizeof models);
    if (lang_is_chinese(d->lang))
        snprintf(buf, sizeof buf,
                 lang_text(d->lang,
                           "%s%s%s近12月與年複合成長率為觀測值。預測值：自最新"
                           "觀測值起依趨勢推估至「推估至」欄的月份，及其%s預測"
                           "區間。%s%s"),
                 models[0] ? lang_text(d->lang, "趨勢模型：") : "", models,
                 models[0] ? "。" : "", lev,
                 any_flag ? lang_text(d->lang, DAGGER " 超出預設推估期，或已"
                                                      "觸及上限。")
                          : "",
                 any_unattested
                     ? lang_text(d->lang, DOUBLE_DAGGER " 依據僅單一來源或未經"
                                          "證實的數據。")
                     : "");
    else
        snprintf(buf, sizeof buf,
                 "%s%s%s12 mo and CAGR are observed growth. Projection: the "
                 "trend from the latest observation to the month in "
                 "\"Trend by\", with its %s prediction interval.%s%s",
                 models[0] ? "Trend: " : "", models, models[0] ? ". " : "",
                 lev,
                 any_flag ? " " DAGGER " Past the default horizon, or "
                                    "capped at its ceiling."
                          : "",
                 any_unattested ? " " DOUBLE_DAGGER " Rests on single-source "
                                  "or unverified figures."
                                : "");
    snprintf(t->note, sizeof t->note, "%s", buf);
    y += g->small * 1.6;
    return text_flow_paragraph(sc, d->fs, g->margin, y,
                               sc->width - 2 * g->margin, buf, g->small,
                               FONT_REGULAR, THEME_INK_SOFT) -
           g->small * 0.6;
}

/* A new table of d's at page p: the shown columns' heads; its rows come
 * with table_keep. Borrowed from d. */
static DocTable *table_begin(Doc *d, const Columns *c, size_t p)
{
    grow_array((void **)&d->tables, &d->cap_tables, d->n_tables + 1,
               sizeof *d->tables);
    DocTable *t = &d->tables[d->n_tables++];
    memset(t, 0, sizeof *t);
    t->page = p;
    for (int k = 0; k < N_COLS; k++) {
        if (!c->shown[k])
            continue;
        snprintf(t->head[t->n_cols], sizeof t->head[0], "%s", c->head[k]);
        t->figure[t->n_cols++] = k != C_COMPANY;
    }
    return t;
}

/* Keeps rows[0 .. n) in t, the shown columns' cells uncut. */
static void table_keep(DocTable *t, const Columns *c, const KeyRow *rows,
                       size_t n)
{
    t->cells = xcalloc(n ? n : 1, sizeof *t->cells);
    t->n_rows = n;
    for (size_t i = 0; i < n; i++)
        for (int k = 0, j = 0; k < N_COLS; k++)
            if (c->shown[k])
                snprintf(t->cells[i][j++], DOC_CELL, "%s", rows[i].cell[k]);
}

static size_t key_page(Doc *d, const char *heading, double *y)
{
    size_t p = doc_page_add(d, d->g.tw, d->g.th);
    *y = doc_heading(d, d->pages[p].sc, heading);
    return p;
}

void report_keys_build(Doc *d)
{
    const Geometry *g = &d->g;
    const ReportContent *rc = d->rc;
    KeyRow *rows = key_rows(d);
    Columns c;
    columns_layout(d, rows, rc->n_rows, g->tw - 2 * g->margin, &c);
    const char *head = L(d, "Key figures", "關鍵數據");
    char cont[128];
    doc_continued_title(d, head, cont, sizeof cont);
    double y;
    size_t p = key_page(d, head, &y);
    doc_toc_add(d, head, p, 0);
    Scene *sc = d->pages[p].sc;
    if (rc->n_rows == 0)
        add_text(sc, g->margin, y + g->body * 2,
                 L(d, "No series to summarise.", "沒有可彙整的數列。"),
                 g->body, FONT_REGULAR, ANCHOR_START, THEME_INK_SOFT);
    for (size_t i = 0; i < rc->n_rows;) {
        size_t end = i;
        int any_flag = 0, any_unattested = 0;
        while (end < rc->n_rows && !strcmp(rows[end].metric, rows[i].metric)) {
            any_unattested |= rows[end].unattested;
            any_flag |= rows[end++].flagged;
        }
        size_t n = end - i;
        /* A group starts where its heading, header and two rows fit. */
        /* A group of up to six rows is kept on one page. */
        double head_h = g->h2 + g->small * 4 + g->row;
        double keep = (double)(n <= 6 ? n : 2);
        int at_top = y < (g->slides ? 110 : 120);
        if (!at_top && y + head_h + g->row * keep > doc_text_bottom(d, sc)) {
            p = key_page(d, cont, &y);
            sc = d->pages[p].sc;
        }
        int continued = 0;
        while (i < end) {
            DocTable *t = table_begin(d, &c, p);
            y = group_heading(d, sc, &rows[i], end - i, any_flag,
                              any_unattested, continued, y, t);
            y += g->row * 0.4;
            table_header(d, sc, &c, y);
            y += g->row;
            size_t room = (size_t)fmax(0, floor((doc_text_bottom(d, sc) - y) /
                                                g->row));
            size_t left = end - i;
            size_t take = left < room ? left : room;
            /* No widow: never leave one row alone on the next page. */
            if (take < left && left - take == 1 && take >= 3)
                take--;
            if (take == 0)
                take = 1;
            for (size_t k = 0; k < take; k++, y += g->row)
                table_row(d, sc, &c, &rows[i + k], y, k + 1 < take);
            table_keep(t, &c, &rows[i], take);
            i += take;
            if (i < end) {
                p = key_page(d, cont, &y);
                sc = d->pages[p].sc;
                continued = 1;
            }
        }
        y += g->row * 1.2;
    }
    free(rows);
}
