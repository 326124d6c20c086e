/* report.c - the multi-page PDF report (libharu): cover, key figures, one
 * page per chart with a generated caption, method, sources.
 *
 * Every page is first laid out as a Scene in page coordinates (y down), so
 * all text takes one path (runs per face, measured by text.c) and the page
 * count is known before the footers "Page n / N" are written. Then each
 * scene is drawn with render_haru_scene at scale 1, chart scenes into
 * their boxes, and the links, outline and document info are added.
 *
 * A4 and Letter: text pages portrait, chart pages landscape, because the
 * charts are 16:9 (on A4 a landscape chart is 770 x 433 pt against
 * 515 x 290 across a portrait page; viewers handle mixed orientation).
 * Slides: 960 x 540 pt throughout, body type 16 pt and more.
 *
 * The document is built in memory and written with fsutil_write_atomic,
 * so a failed run leaves the previous report in place. */
#include "report.h"

#include <hpdf.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "fsutil.h"
#include "render_haru.h"
#include "report_labels.h"
#include "report_urls.h"
#include "text_flow.h"
#include "theme.h"
#include "util.h"
#include "version.h"

#define MAX_LINES TEXT_FLOW_MAX_LINES

int report_paper_parse(const char *text, ReportPaper *out)
{
    if (!ascii_casecmp(text, "a4"))
        *out = REPORT_A4;
    else if (!ascii_casecmp(text, "letter"))
        *out = REPORT_LETTER;
    else if (!ascii_casecmp(text, "slides"))
        *out = REPORT_SLIDES;
    else
        return -1;
    return 0;
}

/* ---- key figures ------------------------------------------------------- */

static int fitted(const SeriesAnalysis *a)
{
    return a && analysis_has_trend(a);
}

void report_figures(const ReportRow *row, ReportFigures *out)
{
    const SeriesAnalysis *a = row->a;
    *out = (ReportFigures){.latest = a->latest, .latest_date = a->latest_date,
                           .recent = a->recent, .cagr = a->cagr,
                           .doubling_years = NAN, .proj = NAN, .lo = NAN,
                           .hi = NAN, .r2 = NAN, .horizon = a->horizon};
    if (!fitted(a))
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

/* ---- document under construction --------------------------------------- */

/* Sizes of one page format, in points. */
typedef struct {
    double tw, th;         /* text pages */
    double cw, ch;         /* chart pages */
    double margin;
    double title, h1, h2;  /* cover title, page heading, table heading */
    double body, small, table, row, foot;
    int slides;
} Geometry;

static Geometry geometry(ReportPaper paper)
{
    if (paper == REPORT_SLIDES)
        return (Geometry){960, 540, 960, 540, 48, 40, 28, 18,
                          16, 12.5, 13, 23, 11, 1};
    if (paper == REPORT_LETTER)
        return (Geometry){612, 792, 792, 612, 50, 28, 18, 11.5,
                          10, 8.5, 8, 16, 8.5, 0};
    return (Geometry){595.276, 841.89, 841.89, 595.276, 50, 28, 18, 11.5,
                      10, 8.5, 8, 16, 8.5, 0};
}

typedef struct {
    double x0, y0, x1, y1; /* scene coordinates, y down */
    char *uri;             /* owned; NULL: to page `page` */
    size_t page;
} Link;

typedef struct {
    Scene *sc;             /* owned */
    const Scene *chart;    /* borrowed; drawn into the box below */
    double bx, btop, bw, bh;
    Link *links;
    size_t n_links, cap_links;
} Page;

typedef struct {
    char title[256];
    size_t page;
    int child;             /* under the last top-level entry */
} TocEntry;

typedef struct {
    const ReportContent *rc;
    const FontStack *fs;
    Geometry g;
    Lang lang;
    double level;
    Page *pages;
    size_t n_pages, cap_pages;
    TocEntry *toc;
    size_t n_toc, cap_toc;
} Doc;

static const char *L(const Doc *d, const char *en, const char *zh)
{
    return lang_pick(d->lang, en, zh);
}

/* "title (continued)", for the pages a section or table runs on to. */
static void continued_title(const Doc *d, const char *title, char *buf,
                      size_t size)
{
    snprintf(buf, size, "%s %s", title, L(d, "(continued)", "（續）"));
}

/* A new page of size w x h; returns its index. */
static size_t page_add(Doc *d, double w, double h)
{
    grow_array((void **)&d->pages, &d->cap_pages, d->n_pages + 1,
               sizeof *d->pages);
    Color none = {0, 0, 0, 0};
    d->pages[d->n_pages] = (Page){.sc = scene_create(w, h, none)};
    return d->n_pages++;
}

static void page_link(Page *p, double x0, double y0, double x1, double y1,
                      char *uri, size_t target)
{
    grow_array((void **)&p->links, &p->cap_links, p->n_links + 1,
               sizeof *p->links);
    p->links[p->n_links++] = (Link){x0, y0, x1, y1, uri, target};
}

static void toc_add(Doc *d, const char *title, size_t page, int child)
{
    grow_array((void **)&d->toc, &d->cap_toc, d->n_toc + 1, sizeof *d->toc);
    TocEntry *e = &d->toc[d->n_toc++];
    snprintf(e->title, sizeof e->title, "%s", title);
    e->page = page;
    e->child = child;
}

static void doc_free(Doc *d)
{
    for (size_t i = 0; i < d->n_pages; i++) {
        scene_destroy(d->pages[i].sc);
        for (size_t k = 0; k < d->pages[i].n_links; k++)
            free(d->pages[i].links[k].uri);
        free(d->pages[i].links);
    }
    free(d->pages);
    free(d->toc);
}

static void add_text(Scene *sc, double x, double y, const char *s,
                     double size, FontWeight wt, TextAnchor anchor, Color c)
{
    scene_add_text(sc, x, y, s, size, wt, anchor, 0, c);
}


/* ---- page chrome ------------------------------------------------------- */

/* Page number on every page; the running title from page 2 on. */
static void add_chrome(Doc *d, size_t index)
{
    Scene *sc = d->pages[index].sc;
    const Geometry *g = &d->g;
    char buf[64], t[512];
    size_t total = d->n_pages;
    snprintf(buf, sizeof buf, "%s %zu / %zu", L(d, "Page", "頁"), index + 1,
             total);
    double base = sc->height - (g->slides ? 18 : 28);
    if (g->slides) {
        add_text(sc, sc->width - g->margin, base, buf, g->foot, FONT_REGULAR,
                 ANCHOR_END, THEME_INK_FAINT);
        if (index > 0) {
            text_flow_fit(d->fs, d->rc->title, FONT_REGULAR, g->foot,
                          sc->width - 2 * g->margin - 120, t, sizeof t);
            add_text(sc, g->margin, base, t, g->foot, FONT_REGULAR,
                     ANCHOR_START, THEME_INK_FAINT);
        }
        return;
    }
    add_text(sc, sc->width / 2, base, buf, g->foot + 0.5, FONT_REGULAR,
             ANCHOR_MIDDLE, THEME_INK_FAINT);
    if (index > 0) {
        double margin = sc->width > sc->height ? 40 : g->margin;
        text_flow_fit(d->fs, d->rc->title, FONT_REGULAR, 8,
                      sc->width - 2 * margin, t, sizeof t);
        add_text(sc, margin, 30, t, 8, FONT_REGULAR, ANCHOR_START,
                 THEME_INK_FAINT);
    }
}

/* A page heading; returns the y where content starts. */
static double page_heading(Doc *d, Scene *sc, const char *text)
{
    const Geometry *g = &d->g;
    double y = g->slides ? g->margin + g->h1 * 0.8 : 78;
    char t[512];
    text_flow_fit(d->fs, text, FONT_BOLD, g->h1, sc->width - 2 * g->margin, t,
                  sizeof t);
    add_text(sc, g->margin, y, t, g->h1, FONT_BOLD, ANCHOR_START, THEME_INK);
    return y + (g->slides ? 24 : 18);
}

static double text_bottom(const Doc *d, const Scene *sc)
{
    return sc->height - (d->g.slides ? 44 : 64);
}

/* ---- key figures ------------------------------------------------------- */

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
    if (analysis_has_trend(a) && a->too_uncertain)
        return L(d, "too uncertain", "過於不確定");
    switch (a->status) {
    case TREND_TOO_FEW: return L(d, "too few points", "資料點不足");
    case TREND_FAILED: return L(d, "no trend fits", "無法擬合");
    default: return EN_DASH;
    }
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
    snprintf(k->cell[C_COMPANY], cs, "%s", s->company);
    label_value(d->lang, f.latest, s->unit, k->cell[C_LATEST], cs);
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
    k->model = fitted(row->a) ? row->a->fit.model : MODEL_NONE;
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
        L(d, "As of", "日期"),             L(d, "12 mo", "近 12 月"),
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

static void table_header(Doc *d, Scene *sc, const Columns *c, double y)
{
    const Geometry *g = &d->g;
    for (int k = 0; k < N_COLS; k++) {
        if (!c->shown[k])
            continue;
        int left = k == C_COMPANY;
        add_text(sc, left ? c->x[k] : c->x[k] + c->width[k], y + g->row * 0.7,
                 c->head[k], g->table, FONT_BOLD,
                 left ? ANCHOR_START : ANCHOR_END, THEME_INK_SOFT);
    }
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
        int left = k == C_COMPANY;
        text_flow_fit(d->fs, r->cell[k], FONT_REGULAR, g->table, c->width[k],
                      buf, sizeof buf);
        add_text(sc, left ? c->x[k] : c->x[k] + c->width[k], y + g->row * 0.7,
                 buf, g->table, FONT_REGULAR,
                 left ? ANCHOR_START : ANCHOR_END, THEME_INK);
    }
    if (rule)
        scene_add_line(sc, g->margin, y + g->row, sc->width - g->margin,
                       y + g->row, THEME_GRID, 0.5, NULL, 0);
}

/* The group's heading and the note under it; returns the y after. */
static double group_heading(Doc *d, Scene *sc, const KeyRow *first,
                            size_t n, int any_flag, int continued, double y)
{
    const Geometry *g = &d->g;
    char name[256], buf[1024], when[64], lev[16], models[128];
    format_metric_name_lang(first->metric, d->lang, name, sizeof name);
    if (continued)
        continued_title(d, name, buf, sizeof buf);
    else
        snprintf(buf, sizeof buf, "%s", name);
    y += g->h2;
    add_text(sc, g->margin, y, buf, g->h2, FONT_BOLD, ANCHOR_START,
             THEME_INK);
    if (continued)
        return y + g->small * 0.8;
    label_level(d->level, lev, sizeof lev);
    models_of(d, first, n, models, sizeof models);
    (void)when;
    if (d->lang == LANG_ZH_TW)
        snprintf(buf, sizeof buf,
                 "%s%s%s近 12 月與年複合成長率為觀測值。預測值：自最新觀測值"
                 "起依趨勢推估至「推估至」欄的月份，及其 %s 預測區間。%s",
                 models[0] ? "趨勢模型：" : "", models, models[0] ? "。" : "",
                 lev,
                 any_flag ? DAGGER " 超出預設推估期，或已觸及上限。" : "");
    else
        snprintf(buf, sizeof buf,
                 "%s%s%s12 mo and CAGR are observed growth. Projection: the "
                 "trend from the latest observation to the month in "
                 "\"Trend by\", with its %s prediction interval.%s",
                 models[0] ? "Trend: " : "", models, models[0] ? ". " : "",
                 lev,
                 any_flag ? " " DAGGER " Past the default horizon, or "
                                    "capped at its ceiling."
                          : "");
    y += g->small * 1.6;
    return text_flow_paragraph(sc, d->fs, g->margin, y,
                               sc->width - 2 * g->margin, buf, g->small,
                               FONT_REGULAR, THEME_INK_SOFT) -
           g->small * 0.6;
}

static size_t key_page(Doc *d, const char *heading, double *y)
{
    size_t p = page_add(d, d->g.tw, d->g.th);
    *y = page_heading(d, d->pages[p].sc, heading);
    return p;
}

static void build_key_figures(Doc *d)
{
    const Geometry *g = &d->g;
    const ReportContent *rc = d->rc;
    KeyRow *rows = key_rows(d);
    Columns c;
    columns_layout(d, rows, rc->n_rows, g->tw - 2 * g->margin, &c);
    const char *head = L(d, "Key figures", "關鍵數據");
    char cont[128];
    continued_title(d, head, cont, sizeof cont);
    double y;
    size_t p = key_page(d, head, &y);
    toc_add(d, head, p, 0);
    Scene *sc = d->pages[p].sc;
    if (rc->n_rows == 0)
        add_text(sc, g->margin, y + g->body * 2,
                 L(d, "No series to summarise.", "沒有可彙整的數列。"),
                 g->body, FONT_REGULAR, ANCHOR_START, THEME_INK_SOFT);
    for (size_t i = 0; i < rc->n_rows;) {
        size_t end = i;
        int any_flag = 0;
        while (end < rc->n_rows && !strcmp(rows[end].metric, rows[i].metric))
            any_flag |= rows[end++].flagged;
        size_t n = end - i;
        /* A group starts where its heading, header and two rows fit. */
        /* A group of up to six rows is kept on one page. */
        double head_h = g->h2 + g->small * 4 + g->row;
        double keep = (double)(n <= 6 ? n : 2);
        int at_top = y < (g->slides ? 110 : 120);
        if (!at_top && y + head_h + g->row * keep > text_bottom(d, sc)) {
            p = key_page(d, cont, &y);
            sc = d->pages[p].sc;
        }
        int continued = 0;
        while (i < end) {
            y = group_heading(d, sc, &rows[i], end - i, any_flag, continued,
                              y);
            y += g->row * 0.4;
            table_header(d, sc, &c, y);
            y += g->row;
            size_t room = (size_t)fmax(0, floor((text_bottom(d, sc) - y) /
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

/* ---- captions ---------------------------------------------------------- */

/* The Chinese sentence puts the date before the name the English puts
 * first: zh_or(d, zh_word, en_word). */
static const char *zh_or(const Doc *d, const char *zh, const char *en)
{
    return d->lang == LANG_ZH_TW ? zh : en;
}

/* " (past the default horizon)" or " (capped at world population)". */
static void flag_words(const Doc *d, const SeriesAnalysis *a, char *buf,
                       size_t size)
{
    buf[0] = '\0';
    if (isfinite(a->t_ceiling)) {
        char v[48];
        label_value(d->lang, a->ceiling, a->s->unit, v, sizeof v);
        if (strcmp(a->ceiling_what, "world population") == 0)
            snprintf(buf, size, L(d, ", capped at world population (%s)",
                                  "，以世界人口（%s）為上限"), v);
        else
            snprintf(buf, size, L(d, ", capped at %s", "，以 %s 為上限"), v);
    } else if (a->beyond_default) {
        snprintf(buf, size, "%s",
                 L(d, ", past the default horizon", "，超出預設推估期"));
    }
}

/* One series' sentence: observed growth over the window, the trend's
 * current rate, and its projection; or why it has no trend. */
static void series_sentence(Doc *d, const SeriesAnalysis *a, char *out,
                            size_t size)
{
    const Series *s = a->s;
    char metric[200], first[48], last[48], grow[48], dur[48], when[48],
        lo[48], hi[48], lev[16], flag[128];
    format_metric_name_lang(s->metric, d->lang, metric, sizeof metric);
    label_lower_first(d->lang, metric);
    int zh = d->lang == LANG_ZH_TW;
    if (!fitted(a)) {
        if (a->status == TREND_TOO_FEW && a->count > 0)
            snprintf(out, size,
                     L(d, "%s: %zu point%s, too few for a trend.",
                       "%s：%zu 個資料點%s，不足以推估趨勢。"),
                     s->company, a->count,
                     zh || a->count == 1 ? "" : "s");
        else
            out[0] = '\0';
        return;
    }
    label_date(d->lang, s->date[a->first], s->precision[a->first], first,
               sizeof first);
    label_date(d->lang, a->latest_date, s->precision[a->n - 1], last,
               sizeof last);
    format_month_year_lang(a->horizon, d->lang, when, sizeof when);
    label_value(d->lang, a->lo, s->unit, lo, sizeof lo);
    label_value(d->lang, a->hi, s->unit, hi, sizeof hi);
    format_drop_shared_unit(lo, hi);
    label_level(d->level, lev, sizeof lev);
    flag_words(d, a, flag, sizeof flag);
    char observed[256] = "";
    if (isfinite(a->cagr)) {
        label_growth(a->cagr, grow, sizeof grow);
        if (zh && a->cagr >= 1)
            snprintf(observed, sizeof observed,
                     "在 %s 至 %s 間每年成長為 %.1f 倍", first, last,
                     1 + a->cagr);
        else if (zh)
            snprintf(observed, sizeof observed, "在 %s 至 %s 間年%s %s",
                     first, last, a->cagr < 0 ? "減" : "增", grow);
        else
            snprintf(observed, sizeof observed,
                     "%s %s a year over %s " ELLIPSIS " %s",
                     a->cagr < 0 ? "fell" : "grew", grow, first, last);
    }
    if (a->too_uncertain) {
        double factor = a->log_scale ? a->hi / a->lo : NAN;
        if (zh)
            snprintf(out, size, "%s 的%s%s%s趨勢過於不確定，不予推估（%s "
                     "區間相差 %.0f 倍）。",
                     s->company, metric, observed, observed[0] ? "；" : "",
                     lev, factor);
        else
            snprintf(out, size, "%s's %s %s%sthe trend is too uncertain to "
                     "project (its %s interval spans a factor of %.0f).",
                     s->company, metric, observed, observed[0] ? "; " : ": ",
                     lev, factor);
        return;
    }
    char rate[160] = "";
    if (isfinite(a->doubling_years) && a->doubling_years > 0) {
        format_duration_lang(a->doubling_years, d->lang, dur, sizeof dur);
        snprintf(rate, sizeof rate,
                 L(d, "at the trend's current rate it doubles every %s; ",
                   "依目前趨勢約每 %s翻倍；"),
                 dur);
    }
    if (zh)
        snprintf(out, size, "%s 的%s%s%s%s至 %s 推估約 %s–%s（%s 區間%s）。",
                 s->company, metric, observed, observed[0] ? "；" : "",
                 rate, when, lo, hi, lev, flag);
    else
        snprintf(out, size, "%s's %s %s%s%sby %s it projects %s" EN_DASH
                 "%s (%s interval%s).",
                 s->company, metric, observed, observed[0] ? "; " : "",
                 rate, when, lo, hi, lev, flag);
}

/* A month bound of a date interval: "before" the start or "after" the
 * end of the range searched when it lies outside. */
static void bound_label(Doc *d, double t, double t_edge, int upper,
                        char *buf, size_t size)
{
    char h[48];
    if (isfinite(t)) {
        format_month_year_lang(date_from_years(t), d->lang, buf, size);
        return;
    }
    format_month_year_lang(date_from_years(t_edge), d->lang, h, sizeof h);
    if (upper)
        snprintf(buf, size, L(d, "after %s", "%s 之後"), h);
    else
        snprintf(buf, size, L(d, "before %s", "%s 之前"), h);
}

/* Value of s at day by log-linear interpolation between its
 * observations; NAN outside them. */
static double observed_at(const SeriesAnalysis *a, long day)
{
    const Series *s = a->s;
    for (size_t j = 0; j + 1 < a->n; j++) {
        if (day < s->date[j] || day > s->date[j + 1])
            continue;
        double f = (double)(day - s->date[j]) /
                   (double)(s->date[j + 1] - s->date[j]);
        if (!(s->value[j] > 0) || !(s->value[j + 1] > 0))
            return NAN;
        return exp(log(s->value[j]) +
                   f * (log(s->value[j + 1]) - log(s->value[j])));
    }
    return a->n && day == s->date[a->n - 1] ? s->value[a->n - 1] : NAN;
}

/* Whether the leader (by latest observation) was behind earlier: at the
 * later of the two series' first dates. */
static int passed_in_data(const SeriesAnalysis *lead,
                          const SeriesAnalysis *other)
{
    long start = lead->s->date[0] > other->s->date[0] ? lead->s->date[0]
                                                      : other->s->date[0];
    double a = observed_at(lead, start), b = observed_at(other, start);
    return isfinite(a) && isfinite(b) && a < b;
}

/* "Anthropic has passed OpenAI: $47B (May 2026) against $25B (Feb
 * 2026)." for a pair whose latest observations reverse their order in
 * the data; "At these trends, A would pass B around Mar 2026
 * (uncertainty of the trend lines: Feb to May 2026)." for a crossing
 * still ahead. Up to two pairs. */
static void crossing_sentences(Doc *d, const ReportChart *ch, char *out,
                               size_t size)
{
    size_t found = 0;
    for (size_t i = 0; i < ch->n_series && found < 2; i++) {
        for (size_t j = i + 1; j < ch->n_series && found < 2; j++) {
            const SeriesAnalysis *a = &ch->analyses[i], *b = &ch->analyses[j];
            if ((ch->context && (ch->context[i] || ch->context[j])) ||
                a->n == 0 || b->n == 0)
                continue;
            const SeriesAnalysis *lead = a->latest >= b->latest ? a : b;
            const SeriesAnalysis *other = lead == a ? b : a;
            if (passed_in_data(lead, other)) {
                char va[48], vb[48], da[48], db[48];
                label_value(d->lang, lead->latest, lead->s->unit, va,
                            sizeof va);
                label_value(d->lang, other->latest, other->s->unit, vb,
                            sizeof vb);
                format_month_year_lang(lead->latest_date, d->lang, da,
                                       sizeof da);
                format_month_year_lang(other->latest_date, d->lang, db,
                                       sizeof db);
                label_append(
                    out, size,
                    L(d, " %s has passed %s: %s (%s) against %s (%s).",
                      "%s 已超越 %s：%s（%s）對 %s（%s）。"),
                    lead->s->company, other->s->company, va, da, vb, db);
                found++;
                continue;
            }
            Comparison c;
            if (!analysis_quotable(a) || !analysis_quotable(b) ||
                analysis_compare(a, b, 1, &c) != 0 ||
                c.status != COMPARE_CROSSES)
                continue;
            const char *riser = c.a_leads ? b->s->company : a->s->company;
            const char *leader = c.a_leads ? a->s->company : b->s->company;
            char when[48], lo[64], hi[64];
            format_month_year_lang(date_from_years(c.t), d->lang, when,
                                   sizeof when);
            bound_label(d, c.lo, c.t_start, 0, lo, sizeof lo);
            bound_label(d, c.hi, c.t_end, 1, hi, sizeof hi);
            if (isinf(c.lo) && isinf(c.hi))
                label_append(
                    out, size,
                    L(d, " At these trends, %s would pass %s around %s, "
                         "though the trend lines leave the date uncertain.",
                      "依目前趨勢，%s 約於 %s 超越 %s，但趨勢線的不確定性"
                      "使日期難以確定。"),
                    riser, zh_or(d, when, leader), zh_or(d, leader, when));
            else
                label_append(
                    out, size,
                    L(d, " At these trends, %s would pass %s around %s "
                         "(uncertainty of the trend lines: %s to %s).",
                      "依目前趨勢，%s 約於 %s 超越 %s（趨勢線的不確定"
                      "範圍：%s 至 %s）。"),
                    riser, zh_or(d, when, leader), zh_or(d, leader, when),
                    lo, hi);
            found++;
        }
    }
}

/* "Latest post-money valuation: Anthropic $965B (2026-05-28), …" for the
 * three largest. */
static void bar_caption(Doc *d, const ReportChart *ch, char *out, size_t size)
{
    size_t order[3], n = 0;
    for (size_t i = 0; i < ch->n_series; i++) {
        const Series *s = ch->series[i];
        if (s->n == 0)
            continue;
        size_t k = n < 3 ? n++ : 3;
        while (k > 0 && ch->series[order[k - 1]]->value[
                            ch->series[order[k - 1]]->n - 1] <
                            s->value[s->n - 1]) {
            if (k < 3)
                order[k] = order[k - 1];
            k--;
        }
        if (k < 3)
            order[k] = i;
    }
    if (n == 0)
        return;
    char metric[200];
    format_metric_name_lang(ch->series[order[0]]->metric, d->lang, metric,
                            sizeof metric);
    label_lower_first(d->lang, metric);
    label_append(out, size,
                 L(d, "Latest %s by company, largest first: ",
                   "各公司最新%s，由大到小："),
                 metric);
    for (size_t k = 0; k < n; k++) {
        const Series *s = ch->series[order[k]];
        char v[64], when[64];
        label_value(d->lang, s->value[s->n - 1], s->unit, v, sizeof v);
        label_date(d->lang, s->date[s->n - 1], s->precision[s->n - 1], when,
                   sizeof when);
        label_append(out, size, L(d, "%s%s %s (%s)", "%s%s %s（%s）"),
                     k ? L(d, ", ", "、") : "", s->company, v, when);
    }
    label_append(out, size, "%s", L(d, ".", "。"));
}

static void chart_caption(Doc *d, const ReportChart *ch, char *out,
                          size_t size)
{
    out[0] = '\0';
    if (ch->caption) {
        snprintf(out, size, "%s", ch->caption);
        return;
    }
    if (ch->bar) {
        bar_caption(d, ch, out, size);
        return;
    }
    size_t said = 0, more = 0;
    char sentence[1024];
    /* Series with a trend first, then those without, each saying why. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < ch->n_series; i++) {
            const SeriesAnalysis *a = &ch->analyses[i];
            if (fitted(a) != (pass == 0) || a->n == 0)
                continue;
            if (said == 3 || (ch->context && ch->context[i])) {
                more++;
                continue;
            }
            series_sentence(d, a, sentence, sizeof sentence);
            if (!sentence[0]) {
                snprintf(sentence, sizeof sentence,
                         L(d, "%s: no trend (%s).", "%s：無趨勢（%s）。"),
                         a->s->company, analysis_why(a));
            }
            label_append(out, size, "%s%s",
                         said && d->lang == LANG_EN ? " " : "", sentence);
            said++;
        }
    }
    if (more)
        label_append(out, size,
                     L(d, " %zu more series in the key figures.",
                       "其餘 %zu 個數列見關鍵數據。"),
                     more);
    crossing_sentences(d, ch, out, size);
}

/* ---- chart pages ------------------------------------------------------- */

static void build_chart_page(Doc *d, size_t index)
{
    const Geometry *g = &d->g;
    const ReportChart *ch = &d->rc->charts[index];
    size_t p = page_add(d, g->cw, g->ch);
    Page *pg = &d->pages[p];
    Scene *sc = pg->sc;
    double W = g->cw, H = g->ch;
    double margin = g->slides ? g->margin : 40;
    const char *title =
        ch->title && ch->title[0] ? ch->title : L(d, "Chart", "圖表");
    char head[600], buf[600];
    toc_add(d, title, p, 1);

    double top;
    if (g->slides) {
        top = 22;
    } else {
        snprintf(head, sizeof head, L(d, "Chart %zu of %zu " EM_DASH " %s",
                                      "圖 %zu／%zu " EM_DASH " %s"),
                 index + 1, d->rc->n_charts, title);
        text_flow_fit(d->fs, head, FONT_BOLD, 10, W - 2 * margin, buf,
                      sizeof buf);
        add_text(sc, margin, 54, buf, 10, FONT_BOLD, ANCHOR_START,
                 THEME_INK_SOFT);
        top = 64;
    }
    /* Caption first: the chart takes the height that is left. */
    char caption[4096];
    chart_caption(d, ch, caption, sizeof caption);
    double cap_size = g->slides ? 14 : 10.5, lead = cap_size * 1.4;
    char lines[8][TEXT_FLOW_LINE];
    size_t n = caption[0] ? text_flow_lines(d->fs, caption, FONT_REGULAR,
                                            cap_size, W - 2 * margin, lines, 8)
                          : 0;
    double foot = g->slides ? 40 : 58;
    double cap_h = n ? (double)n * lead + 6 : 0;
    double bw = W - 2 * margin, bh = H - top - foot - cap_h;
    const Scene *cs = ch->scene;
    if (cs && cs->width > 0 && cs->height > 0) {
        double s = fmin(bw / cs->width, bh / cs->height);
        bh = cs->height * s;
        pg->chart = cs;
        pg->bx = margin;
        pg->btop = top;
        pg->bw = bw;
        pg->bh = bh;
    }
    double y = top + bh + 6 + cap_size;
    for (size_t i = 0; i < n; i++, y += lead)
        add_text(sc, margin, y, lines[i], cap_size, FONT_REGULAR,
                 ANCHOR_START, THEME_INK);
}

/* ---- method ------------------------------------------------------------ */

/* Paragraph flow over as many pages as it takes. */
typedef struct {
    Doc *d;
    const char *cont;  /* heading of continuation pages */
    size_t page;
    double y;
} Flow;

static Scene *flow_scene(Flow *f)
{
    return f->d->pages[f->page].sc;
}

/* A section on a new page, listed in the contents: its flow, whose
 * continuation pages are headed cont ("head (continued)", filled in). */
static Flow flow_section(Doc *d, const char *head, char *cont, size_t size)
{
    continued_title(d, head, cont, size);
    size_t p = page_add(d, d->g.tw, d->g.th);
    toc_add(d, head, p, 0);
    return (Flow){d, cont, p, page_heading(d, d->pages[p].sc, head)};
}

static void flow_need(Flow *f, double h)
{
    if (f->y + h <= text_bottom(f->d, flow_scene(f)))
        return;
    f->page = page_add(f->d, f->d->g.tw, f->d->g.th);
    f->y = page_heading(f->d, flow_scene(f), f->cont);
}

static void flow_para(Flow *f, const char *lead, const char *text)
{
    Doc *d = f->d;
    const Geometry *g = &d->g;
    double maxw = d->g.tw - 2 * g->margin, lh = g->body * 1.45;
    if (lead) {
        flow_need(f, g->h2 * 1.6 + lh * 2);
        f->y += g->h2 * 1.5;
        add_text(flow_scene(f), g->margin, f->y, lead, g->h2 * 0.9,
                 FONT_BOLD, ANCHOR_START, THEME_INK);
        f->y += lh * 0.5;
    }
    TextFlowSpan spans[MAX_LINES];
    size_t n = text_flow_wrap(d->fs, text, FONT_REGULAR, g->body, maxw, spans,
                              MAX_LINES);
    if (n > MAX_LINES)
        n = MAX_LINES;
    for (size_t i = 0; i < n; i++) {
        /* No orphan: a paragraph's first two lines stay together. */
        flow_need(f, lh * (i == 0 && n > 1 ? 2 : 1));
        f->y += lh;
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)spans[i].len,
                 text + spans[i].start);
        add_text(flow_scene(f), g->margin, f->y, line, g->body, FONT_REGULAR,
                 ANCHOR_START, THEME_INK);
    }
    f->y += lh * 0.4;
}

/* ---- what changed ------------------------------------------------------ */

/* Whether two numbers differ by more than rounding in print (0.05%). */
static int moved_value(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) != isnan(b);
    return fabs(a - b) > 5e-4 * fmax(fabs(a), fabs(b));
}

/* Appends "; " between the parts of a change sentence. */
static void change_sep(const Doc *d, char *out, size_t size)
{
    if (out[0])
        label_append(out, size, "%s", L(d, "; ", "；"));
}

static void change_latest(Doc *d, const ReportChange *c, char *out,
                          size_t size)
{
    char a[64], b[64], da[32], db[32];
    label_value(d->lang, c->latest_now, c->unit, b, sizeof b);
    label_date(d->lang, c->date_now, DATE_MONTH, db, sizeof db);
    change_sep(d, out, size);
    if (c->points_before < 0) {
        label_append(out, size, L(d, "latest %s (%s)", "最新值 %s（%s）"), b, db);
        return;
    }
    label_value(d->lang, c->latest_before, c->unit, a, sizeof a);
    label_date(d->lang, c->date_before, DATE_MONTH, da, sizeof da);
    label_append(out, size,
                 L(d, "latest %s (%s) \xe2\x86\x92 %s (%s)",
                   "最新值 %s（%s）→ %s（%s）"),
                 a, da, b, db);
}

/* The projection before → now; when the horizon moved, each value with
 * its own date, so a later horizon is not mistaken for faster growth. */
static void change_projection(Doc *d, const ReportChange *c, char *out,
                              size_t size)
{
    char a[64], b[64], ha[32], hb[32];
    label_value(d->lang, c->proj_before, c->unit, a, sizeof a);
    label_value(d->lang, c->proj_now, c->unit, b, sizeof b);
    label_date(d->lang, c->horizon_before, DATE_MONTH, ha, sizeof ha);
    label_date(d->lang, c->horizon_now, DATE_MONTH, hb, sizeof hb);
    change_sep(d, out, size);
    if (c->horizon_before == c->horizon_now)
        label_append(out, size,
                     L(d, "projection for %s %s \xe2\x86\x92 %s",
                       "%s 預測值 %s → %s"),
                     hb, a, b);
    else
        label_append(out, size,
                     L(d, "projection %s for %s \xe2\x86\x92 %s for %s",
                       "預測值 %s（%s）→ %s（%s）"),
                     a, ha, b, hb);
}

/* One sentence per series that moved, naming only what moved: points
 * gained or lost, latest value, CAGR and projection, before → now. */
static void change_sentence(Doc *d, const ReportChange *c, char *out,
                            size_t size)
{
    out[0] = '\0';
    if (c->points_now < 0) {
        label_append(out, size, "%s",
                     L(d, "No longer in the data.", "已不在資料中。"));
        return;
    }
    if (c->points_before < 0) {
        label_append(out, size, L(d, "New series, %ld points", "新數列，%ld 點"),
                     c->points_now);
    } else if (c->points_now != c->points_before) {
        long diff = c->points_now - c->points_before;
        label_append(out, size,
                     L(d, "%+ld point%s (%ld \xe2\x86\x92 %ld)",
                       "%+ld 點%s（%ld → %ld）"),
                     diff, d->lang == LANG_ZH_TW || labs(diff) == 1 ? "" : "s",
                     c->points_before, c->points_now);
    }
    if (c->points_before < 0 || c->date_before != c->date_now ||
        moved_value(c->latest_before, c->latest_now))
        change_latest(d, c, out, size);
    if (isfinite(c->cagr_now) &&
        (c->points_before < 0 || moved_value(c->cagr_before, c->cagr_now))) {
        char a[32], b[32];
        format_percent(c->cagr_before, a, sizeof a);
        format_percent(c->cagr_now, b, sizeof b);
        change_sep(d, out, size);
        if (c->points_before >= 0 && isfinite(c->cagr_before))
            label_append(out, size,
                         L(d, "CAGR %s \xe2\x86\x92 %s",
                           "年複合成長率 %s → %s"),
                         a, b);
        else
            label_append(out, size, L(d, "CAGR %s", "年複合成長率 %s"), b);
    }
    if (c->points_before >= 0 && isfinite(c->proj_now) &&
        isfinite(c->proj_before) &&
        (c->horizon_before != c->horizon_now ||
         moved_value(c->proj_before, c->proj_now)))
        change_projection(d, c, out, size);
    label_append(out, size, "%s", L(d, ".", "。"));
}

static void build_changes(Doc *d)
{
    const ReportContent *rc = d->rc;
    if (!rc->show_changes)
        return;
    const char *head = L(d, "What changed", "更新內容");
    char cont[128], lead[300], text[1024], metric[128];
    Flow f = flow_section(d, head, cont, sizeof cont);
    if (rc->n_changes == 0) {
        flow_para(&f, NULL, L(d, "No series changed since the previous "
                                 "report.",
                              "自上次報告以來，沒有數列變動。"));
        return;
    }
    flow_para(&f, NULL, L(d, "Series whose data or trend moved since the "
                             "previous report, before \xe2\x86\x92 now.",
                          "自上次報告以來資料或趨勢有變動的數列（前 → 後）。"));
    for (size_t i = 0; i < rc->n_changes; i++) {
        const ReportChange *c = &rc->changes[i];
        format_metric_name_lang(c->metric, d->lang, metric, sizeof metric);
        snprintf(lead, sizeof lead, "%s \xc2\xb7 %s", c->company, metric);
        change_sentence(d, c, text, sizeof text);
        flow_para(&f, lead, text);
    }
}

/* "the last 6 of 9 points from 2024-01" for the rows fitted on part of
 * their series; "" when every row uses all its points. */
static void windows_used(Doc *d, char *buf, size_t size)
{
    const ReportContent *rc = d->rc;
    buf[0] = '\0';
    size_t listed = 0, more = 0;
    for (size_t i = 0; i < rc->n_rows; i++) {
        const SeriesAnalysis *a = rc->rows[i].a;
        if (!fitted(a) || a->first == 0)
            continue;
        if (listed == 6) {
            more++;
            continue;
        }
        char from[48], metric[160];
        label_date(d->lang, a->s->date[a->first], a->s->precision[a->first],
                   from, sizeof from);
        format_metric_name_lang(a->s->metric, d->lang, metric, sizeof metric);
        label_append(buf, size,
                     L(d, "%s%s, %s: the %zu of %zu points from %s",
                       "%s%s（%s）：%s 起的 %zu 筆（共 %zu 筆）"),
                     listed ? L(d, "; ", "；") : "", a->s->company, metric,
                     zh_or(d, from, (const char *)0) ? "" : "", a->count, a->n,
                     from);
        listed++;
    }
    if (more)
        label_append(buf, size, L(d, "; and %zu more", "；另有 %zu 個"), more);
}

/* The backtest sentence: what the interval covered on this data. */
static void coverage_words(Doc *d, char *buf, size_t size)
{
    const BacktestScore *b = d->rc->backtest;
    buf[0] = '\0';
    if (!b || b->all.n == 0) {
        snprintf(buf, size, "%s",
                 L(d, "The data are too short for a backtest: no series "
                      "has a fourth point to forecast.",
                   "資料太短，無法回測：沒有數列有第四個點可供預測。"));
        return;
    }
    char lev[16];
    label_level(d->level, lev, sizeof lev);
    const BacktestCell *c0 = &b->cell[BACKTEST_LEAD_0_6],
                       *c1 = &b->cell[BACKTEST_LEAD_6_12];
    double p0 = c0->n ? 100.0 * (double)c0->inside / (double)c0->n : NAN,
           p1 = c1->n ? 100.0 * (double)c1->inside / (double)c1->n : NAN;
    snprintf(buf, size,
             L(d, "Backtested on this report's data (each series fitted on "
                  "its first points and scored on its later ones, %zu "
                  "forecasts from %zu fits), the %s interval held %.0f%% of "
                  "%zu observations up to 6 months ahead and %.0f%% of %zu "
                  "at 6 to 12 months; the median miss was a factor of "
                  "%.2f and %.2f. `aigrowth backtest` prints the full "
                  "table.",
               "以本報告的資料回測（每個數列以其前段資料配適、以其後段資料"
               "評分，共 %zu 次預測、%zu 次配適），%s 區間涵蓋了 6 個月內"
               "觀測值的 %.0f%%（%zu 筆）及 6 至 12 個月的 %.0f%%（%zu 筆）；"
               "誤差中位數為 %.2f 倍與 %.2f 倍。完整表格見 aigrowth "
               "backtest。"),
             b->all.n, b->origins, lev, p0, c0->n, p1, c1->n,
             exp(c0->median_error), exp(c1->median_error));
}

static void build_method(Doc *d)
{
    const ReportContent *rc = d->rc;
    const char *head = L(d, "Method", "方法");
    char cont[128], buf[2048], lev[16];
    Flow f = flow_section(d, head, cont, sizeof cont);
    label_level(d->level, lev, sizeof lev);

    int used[MODEL_COUNT] = {0};
    for (size_t i = 0; i < rc->n_rows; i++)
        if (fitted(rc->rows[i].a) && rc->rows[i].a->fit.model < MODEL_COUNT)
            used[rc->rows[i].a->fit.model] = 1;

    flow_para(&f, L(d, "Trend model", "趨勢模型"),
              L(d, "Each series (one company, one metric) gets its own "
                   "trend, fitted by least squares to the observations in "
                   "its window. Time t is measured in years. A series with "
                   "fewer than 3 points gets no trend, and says so.",
                "每個數列（一家公司的一項指標）各自擬合趨勢，以最小平方法配適"
                "其配適範圍內的觀測值。時間 t 以年為單位。少於 3 個資料點的"
                "數列不推估趨勢，並註明原因。"));
    if (used[MODEL_DAMPED])
        flow_para(&f, NULL,
                  L(d, "Damped: ln v = a + b \xc3\x97 (1 \xe2\x88\x92 "
                       "e^(\xe2\x88\x92" "d (t \xe2\x88\x92 tc))) / d, fitted on "
                       "the logarithm of the values, with d \xe2\x89\xa5 0: "
                       "growth whose rate b e^(\xe2\x88\x92" "d (t \xe2\x88\x92 "
                       "tc)) decays by d a year, and the exponential when "
                       "d = 0, which is what the data choose when growth "
                       "does not slow. It needs 5 points; a series with 3 "
                       "or 4 gets the exponential.",
                    "趨緩模型：ln v = a + b × (1 − e^(−d (t − tc))) / d，在數值"
                    "的對數上配適，d ≥ 0：成長率 b e^(−d (t − tc)) 每年以 d 衰減；"
                    "d = 0 即指數模型，成長未趨緩時資料即選擇此值。需 5 個資料點；"
                    "3 或 4 點的數列改用指數模型。"));
    if (used[MODEL_EXP])
        flow_para(&f, NULL,
                  L(d, "Exponential (exp): ln v = a + b \xc3\x97 t, fitted "
                       "on the logarithm of the values: a constant growth "
                       "rate, doubling every ln 2 / b.",
                    "指數模型（exp）：ln v = a + b × t，在數值的對數上配適："
                    "成長率固定，每 ln 2 / b 翻倍。"));
    if (used[MODEL_LINEAR])
        flow_para(&f, NULL,
                  L(d, "Linear: v = a + b \xc3\x97 t; the value grows by "
                       "the same amount, b, every year.",
                    "線性模型：v = a + b × t，每年增加相同的量 b。"));
    if (used[MODEL_LOGISTIC])
        flow_para(&f, NULL,
                  L(d, "Logistic: v = K / (1 + exp(\xe2\x88\x92r (t "
                       "\xe2\x88\x92 t0))), an S-curve that levels off at "
                       "K, fitted by nonlinear least squares (from 6 "
                       "points).",
                    "邏輯模型：v = K / (1 + exp(−r (t − t0)))，趨近上限 K "
                    "的 S 形曲線，以非線性最小平方法配適（需 6 個資料點）。"));

    char windows[1400];
    windows_used(d, windows, sizeof windows);
    if (windows[0])
        snprintf(buf, sizeof buf,
                 L(d, "Every observation of each series is fitted, except: "
                      "%s. Earlier points are shown but not fitted.",
                   "每個數列以其全部觀測值配適，以下除外：%s。更早的觀測值只"
                   "顯示、不參與配適。"),
                 windows);
    else
        snprintf(buf, sizeof buf, "%s",
                 L(d, "Every observation of each series is fitted: no "
                      "window is applied.",
                   "使用每個數列的全部觀測值配適，不設時間窗。"));
    flow_para(&f, L(d, "Window", "配適範圍"), buf);

    snprintf(buf, sizeof buf,
             L(d, "A projection starts at the series' latest observation "
                  "and grows as the fitted trend does from there, so the "
                  "dashed line always begins at the last dot. The band and "
                  "the interval in the key figures are %s prediction "
                  "intervals from a random walk with drift around that "
                  "trend: the growth between successive observations "
                  "scatters around the trend's, and its variance per year, "
                  "s\xc2\xb2, is measured from them; after h years the "
                  "variance of ln v is s\xc2\xb2 (h + h\xc2\xb2 / T), where T "
                  "is the span of the window and the second term is the "
                  "uncertainty of the growth rate itself; the bounds use "
                  "Student's t with n \xe2\x88\x92 2 degrees of freedom (n "
                  "points in the window). Uncertainty grows with the lead "
                  "time, not only with the distance from the data's centre.",
               "預測自數列的最新觀測值起，依配適趨勢的成長率延伸，因此虛線必從"
               "最後一點開始。陰影帶與關鍵數據中的區間為 %s 預測區間，依據繞著"
               "該趨勢的帶漂移隨機漫步：相鄰觀測值之間的成長圍繞趨勢的成長而"
               "離散，其每年變異數 s² 由這些成長測得；h 年後 ln v 的變異數為 "
               "s² (h + h² / T)，T 為配適範圍的時間跨度，第二項為成長率本身的"
               "不確定性；區間以 Student t 分布計算，自由度 n − 2（n 為配適"
               "範圍內的資料點數）。不確定性隨推估時間增加。"),
             lev);
    flow_para(&f, L(d, "Projection and interval", "預測與區間"), buf);
    coverage_words(d, buf, sizeof buf);
    flow_para(&f, NULL, buf);

    char pop[48];
    label_value(d->lang, ANALYSIS_WORLD_POPULATION, "users", pop, sizeof pop);
    snprintf(buf, sizeof buf,
             L(d, "A projection runs at most 12 months past a series' "
                  "latest observation, and never further ahead than the "
                  "window's observed span; longer horizons asked for are "
                  "marked " DAGGER ". A user count is never projected above "
                  "the world's population, %s people (UN World Population "
                  "Prospects 2024, estimate for 2025), a share never above "
                  "100%%; a trend that meets its ceiling stops there, "
                  "marked " DAGGER ". A projection whose interval spans "
                  "more than a factor of 100 is too uncertain to quote: "
                  "it is neither drawn nor printed.",
               "推估至多延伸到數列最新觀測值後 12 個月，且不超過配適範圍的"
               "觀測跨度；超出者以 " DAGGER " 標示。用戶數的推估不超過世界人口 "
               "%s 人（聯合國《世界人口展望 2024》2025 年估計值），比率不超過 "
               "100%%；觸及上限的趨勢即停在上限，並以 " DAGGER " 標示。區間上下限"
               "相差超過 100 倍的推估過於不確定，不予繪製或列出。"),
             pop);
    flow_para(&f, L(d, "Horizon and ceilings", "推估期與上限"), buf);
    flow_para(&f, L(d, "Growth figures", "成長數據"),
              L(d, "12 mo is the observed growth from the earliest "
                   "observation 6 to 12 months before the latest one, "
                   "scaled to a year; CAGR the observed compound annual "
                   "growth from the first to the latest point of the "
                   "window, shown when they are at least six months apart. "
                   "The doubling time is that of the trend at its latest "
                   "point.",
                "近 12 月為最新觀測值與其前 6 至 12 個月內最早一筆觀測值之間的"
                "成長，換算為一年；年複合成長率為配適範圍內第一筆至最新一筆"
                "觀測值的年複合成長，兩者相隔至少半年才列出。倍增時間為趨勢"
                "在最新一點的成長率所對應的時間。"));
    flow_para(&f, L(d, "Crossovers", "交會"),
              L(d, "When the latest observations show one company ahead of "
                   "another that led earlier, the caption says it has "
                   "passed, with both values. A future crossing is "
                   "reported only while it is still ahead: where the two "
                   "projections meet before the horizon, with the "
                   "uncertainty of the trend lines (the growth-rate part "
                   "of each interval, by the delta method), rounded to the "
                   "month; a range that spans the whole horizon reads "
                   "\"uncertain\".",
                "若最新觀測值顯示某公司已領先先前領先的另一家，圖說即寫明已"
                "超越，並列出兩者數值。未來的交會只在尚未發生時列出：兩條推估"
                "在推估期內相交之處，並附趨勢線的不確定範圍（各區間中成長率的"
                "部分，以 delta 法計算），以月為單位；範圍涵蓋整個推估期時寫作"
                "「難以確定」。"));
    flow_para(&f, L(d, "Caveats", "注意事項"),
              L(d, "A trend summarises the past; it does not know about "
                   "funding rounds, launches or markets to come. Figures "
                   "are as reported by the sources listed, with their "
                   "confidence; company-reported run rates and "
                   "valuations are not audited accounts.",
                "趨勢只概括過去，無法預知未來的融資、產品發表或市場變化。"
                "數字取自所列來源並標示其可信度；公司自行公布的年化營收與"
                "估值並非經審計的財務報表。"));
}

/* ---- sources ----------------------------------------------------------- */

typedef struct {
    const char *source; /* a citation: a span of an observation's source */
    size_t len;
    char confidence[160];
    size_t rows;
} SourceItem;

/* Adds one citation of a row to items. */
static void add_citation(SourceItem **items, size_t *n, size_t *cap,
                         const char *src, size_t len, const char *conf)
{
    while (len > 0 && (*src == ' ' || *src == '\t')) {
        src++;
        len--;
    }
    while (len > 0 && (src[len - 1] == ' ' || src[len - 1] == '\t'))
        len--;
    size_t k = 0;
    while (k < *n && ((*items)[k].len != len ||
                      strncmp((*items)[k].source, src, len)))
        k++;
    if (k == *n) {
        grow_array((void **)items, cap, *n + 1, sizeof **items);
        (*items)[(*n)++] = (SourceItem){.source = src, .len = len};
    }
    SourceItem *it = &(*items)[k];
    it->rows++;
    if (conf[0] && !strstr(it->confidence, conf))
        label_append(it->confidence, sizeof it->confidence, "%s%s",
                     it->confidence[0] ? ", " : "", conf);
}

/* Distinct citations of one file in order of first appearance: a row's
 * source "A (url); B (url)" cites A and B, so a source cited by many rows
 * is listed once, with the rows counted. Caller frees. */
static SourceItem *file_sources(const ReportContent *rc, const char *path,
                                size_t *count)
{
    SourceItem *items = NULL;
    size_t n = 0, cap = 0;
    DatasetCursor *rows = rc->data ? dataset_cursor_create(rc->data) : NULL;
    Observation row;
    while (rows && dataset_cursor_next(rows, &row)) {
        const Observation *o = &row;
        if (!o->file || strcmp(o->file, path))
            continue;
        const char *src = o->source ? o->source : "";
        const char *conf = o->confidence ? o->confidence : "";
        size_t start = 0, depth = 0, k = 0;
        for (; src[k]; k++) {
            if (src[k] == '(' || src[k] == '[')
                depth++;
            else if ((src[k] == ')' || src[k] == ']') && depth > 0)
                depth--;
            else if (src[k] == ';' && depth == 0) {
                if (k > start)
                    add_citation(&items, &n, &cap, src + start, k - start,
                                 conf);
                start = k + 1;
            }
        }
        add_citation(&items, &n, &cap, src + start, k - start, conf);
    }
    dataset_cursor_destroy(rows);
    /* An empty citation next to real ones is only a stray ';'. */
    size_t kept = 0;
    for (size_t k = 0; k < n; k++)
        if (items[k].len > 0 || n == 1)
            items[kept++] = items[k];
    *count = kept;
    return items;
}

typedef struct {
    Flow f;
    double conf_w;     /* right column */
    double text_w;
    const char *file;  /* heading repeated on continuation pages */
} SourceFlow;

static void sources_file_heading(SourceFlow *sf, const DataFile *df,
                                 int continued)
{
    Doc *d = sf->f.d;
    const Geometry *g = &d->g;
    char buf[1024], tmp[600];
    text_flow_fit(d->fs, df->path, FONT_BOLD, g->h2 * 0.9,
                  d->g.tw - 2 * g->margin - 160, tmp, sizeof tmp);
    if (continued)
        continued_title(d, tmp, buf, sizeof buf);
    else
        snprintf(buf, sizeof buf, L(d, "%s " EM_DASH " %zu rows",
                                    "%s " EM_DASH " %zu 筆"),
                 tmp, df->rows);
    sf->f.y += g->h2 * 1.5;
    add_text(flow_scene(&sf->f), g->margin, sf->f.y, buf, g->h2 * 0.9,
             FONT_BOLD, ANCHOR_START, THEME_INK);
    sf->f.y += g->body * 0.6;
}

/* One source: its text wrapped in the left column with http(s) URLs
 * coloured and linked, its confidence and row count on the right. */
static void sources_item(SourceFlow *sf, const DataFile *df,
                         const SourceItem *it)
{
    Doc *d = sf->f.d;
    const Geometry *g = &d->g;
    double size = g->slides ? g->small : g->body - 1, lh = size * 1.4;
    char *own = xstrndup(it->source, it->len);
    const char *text = own[0] ? own : L(d, "(no source given)", "（未註明來源）");
    TextFlowSpan lines[MAX_LINES];
    ReportSpan urls[32];
    size_t n = text_flow_wrap(d->fs, text, FONT_REGULAR, size, sf->text_w,
                              lines, MAX_LINES);
    if (n > MAX_LINES)
        n = MAX_LINES;
    size_t n_urls = report_find_urls(text, urls, 32);
    if (n_urls > 32)
        n_urls = 32;
    size_t before = sf->f.page;
    flow_need(&sf->f, lh * (n < 3 ? (double)n : 2) + lh * 0.4);
    if (sf->f.page != before)
        sources_file_heading(sf, df, 1);
    Color link = theme_series_color(0);
    char conf[256];
    snprintf(conf, sizeof conf, "%s%s%zu %s",
             it->confidence[0] ? it->confidence : "",
             it->confidence[0] ? " \xc2\xb7 " : "", it->rows,
             it->rows == 1 ? L(d, "row", "筆") : L(d, "rows", "筆"));
    double x_right = d->g.tw - g->margin;
    for (size_t i = 0; i < n; i++) {
        before = sf->f.page;
        flow_need(&sf->f, lh);
        if (sf->f.page != before)
            sources_file_heading(sf, df, 1);
        sf->f.y += lh;
        Scene *sc = flow_scene(&sf->f);
        if (i == 0) {
            char c[256];
            text_flow_fit(d->fs, conf, FONT_REGULAR, size, sf->conf_w - 8, c,
                          sizeof c);
            add_text(sc, x_right, sf->f.y, c, size, FONT_REGULAR, ANCHOR_END,
                     THEME_INK_SOFT);
        }
        /* Segments: plain text, then URL parts, each placed at the width
           of what precedes it on the line. */
        size_t a = lines[i].start, b = a + lines[i].len, pos = a;
        double x = g->margin;
        while (pos < b) {
            size_t seg_end = b;
            int is_url = 0;
            size_t u;
            for (u = 0; u < n_urls; u++) {
                size_t us = urls[u].start, ue = us + urls[u].len;
                if (pos >= us && pos < ue) {
                    seg_end = ue < b ? ue : b;
                    is_url = 1;
                    break;
                }
                if (us > pos && us < seg_end)
                    seg_end = us;
            }
            char *seg = xstrndup(text + pos, seg_end - pos);
            double w = text_width(d->fs, seg, FONT_REGULAR, size);
            add_text(sc, x, sf->f.y, seg, size, FONT_REGULAR, ANCHOR_START,
                     is_url ? link : THEME_INK);
            if (is_url)
                page_link(&d->pages[sf->f.page], x, sf->f.y - size,
                          x + w, sf->f.y + size * 0.3,
                          report_uri_encode(text + urls[u].start,
                                            urls[u].len), 0);
            free(seg);
            x += w;
            pos = seg_end;
        }
    }
    free(own);
    sf->f.y += lh * 0.45;
}

static void build_sources(Doc *d)
{
    const ReportContent *rc = d->rc;
    const Geometry *g = &d->g;
    const char *head = L(d, "Sources", "資料來源");
    char cont[128];
    SourceFlow sf = {flow_section(d, head, cont, sizeof cont), 0, 0, NULL};
    sf.conf_w = g->slides ? 260 : 150;
    sf.text_w = g->tw - 2 * g->margin - sf.conf_w;
    sf.f.y = text_flow_paragraph(
        flow_scene(&sf.f), d->fs, g->margin, sf.f.y + g->small,
        g->tw - 2 * g->margin,
        L(d, "Every distinct source in the data, by data file, with the "
             "confidence the data gives it and the number of rows citing "
             "it. Web addresses are links.",
          "資料中每個不同的來源，依資料檔分組，附資料標示的"
          "可信度與引用的筆數。網址可點選。"),
        g->small, FONT_REGULAR, THEME_INK_SOFT);
    for (size_t i = 0; i < rc->n_files; i++) {
        size_t n;
        SourceItem *items = file_sources(rc, rc->files[i].path, &n);
        flow_need(&sf.f, g->h2 * 2 + g->body * 3);
        sources_file_heading(&sf, &rc->files[i], 0);
        for (size_t k = 0; k < n; k++)
            sources_item(&sf, &rc->files[i], &items[k]);
        if (n == 0) {
            sf.f.y += g->body * 1.4;
            add_text(flow_scene(&sf.f), g->margin, sf.f.y,
                     L(d, "No rows.", "沒有資料列。"), g->body,
                     FONT_REGULAR, ANCHOR_START, THEME_INK_SOFT);
        }
        free(items);
    }
}

/* ---- cover ------------------------------------------------------------- */

/* The data files with their row counts from y on; returns the y after. */
static double cover_datasets(Doc *d, Scene *sc, double y, double bottom,
                             double size)
{
    const ReportContent *rc = d->rc;
    const Geometry *g = &d->g;
    double avail = sc->width - 2 * g->margin, lh = size * 1.5;
    char buf[1024], tmp[600], tail[96];
    add_text(sc, g->margin, y, L(d, "Datasets", "資料集"), size + 1,
             FONT_BOLD, ANCHOR_START, THEME_INK);
    y += lh * 1.2;
    for (size_t i = 0; i < rc->n_files; i++, y += lh) {
        if (y > bottom && i + 1 < rc->n_files) {
            snprintf(buf, sizeof buf,
                     L(d, ELLIPSIS " and %zu more", ELLIPSIS "另有 %zu 個"),
                     rc->n_files - i);
            add_text(sc, g->margin, y, buf, size, FONT_REGULAR, ANCHOR_START,
                     THEME_INK_SOFT);
            return y + lh;
        }
        const DataFile *f = &rc->files[i];
        if (f->missing)
            snprintf(tail, sizeof tail,
                     L(d, " " EM_DASH " %zu rows, %zu missing",
                       " " EM_DASH " %zu 筆，缺 %zu 筆"),
                     f->rows, f->missing);
        else
            snprintf(tail, sizeof tail,
                     L(d, " " EM_DASH " %zu rows", " " EM_DASH " %zu 筆"),
                     f->rows);
        if (d->lang == LANG_EN && f->rows == 1 && !f->missing)
            snprintf(tail, sizeof tail, " " EM_DASH " 1 row");
        double tw = text_width(d->fs, tail, FONT_REGULAR, size);
        text_flow_fit(d->fs, f->path, FONT_REGULAR, size, avail - tw, tmp,
                      sizeof tmp);
        snprintf(buf, sizeof buf, "%s%s", tmp, tail);
        add_text(sc, g->margin, y, buf, size, FONT_REGULAR, ANCHOR_START,
                 THEME_INK);
    }
    return y;
}

/* Section and chart titles with page numbers, each a link. */
static void cover_contents(Doc *d, Scene *sc, double y, double bottom)
{
    const Geometry *g = &d->g;
    double W = sc->width, avail = W - 2 * g->margin;
    char buf[1024], num[32];
    add_text(sc, g->margin, y, L(d, "Contents", "目錄"), 11, FONT_BOLD,
             ANCHOR_START, THEME_INK);
    y += 18;
    for (size_t i = 0; i < d->n_toc; i++, y += 15) {
        const TocEntry *e = &d->toc[i];
        if (y > bottom && i + 1 < d->n_toc) {
            snprintf(buf, sizeof buf,
                     L(d, ELLIPSIS " and %zu more", ELLIPSIS "另有 %zu 項"),
                     d->n_toc - i);
            add_text(sc, g->margin, y, buf, 10, FONT_REGULAR, ANCHOR_START,
                     THEME_INK_SOFT);
            return;
        }
        double indent = e->child ? 14 : 0;
        snprintf(num, sizeof num, "%zu", e->page + 1);
        text_flow_fit(d->fs, e->title, FONT_REGULAR, 10, avail - 40 - indent,
                      buf, sizeof buf);
        add_text(sc, g->margin + indent, y, buf, 10, FONT_REGULAR,
                 ANCHOR_START, e->child ? THEME_INK : THEME_INK);
        add_text(sc, W - g->margin, y, num, 10, FONT_REGULAR, ANCHOR_END,
                 THEME_INK_SOFT);
        page_link(&d->pages[0], g->margin, y - 11, W - g->margin, y + 4,
                  NULL, e->page);
    }
}

static void build_cover(Doc *d)
{
    const ReportContent *rc = d->rc;
    const Geometry *g = &d->g;
    Scene *sc = d->pages[0].sc;
    double W = sc->width, H = sc->height, avail = W - 2 * g->margin;
    double y = g->slides ? 150 : 190;
    double sub = g->slides ? 22 : 14, meta = g->slides ? 16 : 11;
    char lines[3][TEXT_FLOW_LINE], buf[1024], tmp[512];

    scene_add_rect(sc, g->margin, y - g->title - 12, 44, 4,
                   theme_series_color(0));
    size_t n = text_flow_lines(d->fs, rc->title, FONT_BOLD, g->title, avail,
                               lines, g->slides ? 2 : 3);
    for (size_t i = 0; i < n; i++, y += g->title * 1.25)
        add_text(sc, g->margin, y, lines[i], g->title, FONT_BOLD,
                 ANCHOR_START, THEME_INK);
    if (rc->subtitle && rc->subtitle[0]) {
        y += 2;
        n = text_flow_lines(d->fs, rc->subtitle, FONT_REGULAR, sub, avail,
                            lines, g->slides ? 2 : 3);
        for (size_t i = 0; i < n; i++, y += sub * 1.4)
            add_text(sc, g->margin, y, lines[i], sub, FONT_REGULAR,
                     ANCHOR_START, THEME_INK_SOFT);
    }
    if (rc->author && rc->author[0]) {
        y += sub * 0.6;
        text_flow_fit(d->fs, rc->author, FONT_BOLD, meta + 1, avail, buf,
                      sizeof buf);
        add_text(sc, g->margin, y, buf, meta + 1, FONT_BOLD, ANCHOR_START,
                 THEME_INK);
        y += meta * 1.2;
    }
    y += g->slides ? 16 : 24;
    scene_add_line(sc, g->margin, y, W - g->margin, y, THEME_GRID, 0.75,
                   NULL, 0);
    y += g->slides ? 30 : 28;
    snprintf(buf, sizeof buf, "%s %s", L(d, "Data as of", "資料截至"),
             label_date(d->lang, rc->data_as_of, DATE_DAY, tmp, sizeof tmp));
    add_text(sc, g->margin, y, buf, meta, FONT_REGULAR, ANCHOR_START,
             THEME_INK);
    y += meta * 1.55;
    label_day(d->lang, rc->generated, tmp, sizeof tmp);
    snprintf(buf, sizeof buf, "%s %s", L(d, "Generated", "產生於"), tmp);
    add_text(sc, g->margin, y, buf, meta, FONT_REGULAR, ANCHOR_START,
             THEME_INK_SOFT);
    if (g->slides) {
        /* A title slide stays uncluttered: datasets on one side, no
           contents (the outline has them). */
        cover_datasets(d, sc, y + 44, H - 70, 13);
        return;
    }
    double bottom = H - 70;
    y = cover_datasets(d, sc, y + 40, bottom - 160, 10);
    cover_contents(d, sc, y + 25, bottom);
}

/* ---- document ---------------------------------------------------------- */

typedef struct {
    HPDF_STATUS no, detail;
} HaruError;

/* The first libharu error, recorded by the handler; later ones are
 * consequences. */
static void on_haru_error(HPDF_STATUS no, HPDF_STATUS detail, void *user)
{
    HaruError *e = user;
    if (e->no == HPDF_OK) {
        e->no = no;
        e->detail = detail;
    }
}

static int haru_check(const HaruError *he, const char *path, const char *what,
                      Error *err)
{
    if (he->no == HPDF_OK)
        return 0;
    error_set(err, ERR_RENDER, path, 0, 0,
              "libharu error 0x%04lX (detail %lu) while %s",
              (unsigned long)he->no, (unsigned long)he->detail, what);
    return -1;
}

/* Companies and metric names, for the document's keywords. */
static void keywords(Doc *d, char *buf, size_t size)
{
    const ReportContent *rc = d->rc;
    snprintf(buf, size, "%s", L(d, "AI companies, growth, trends",
                                "AI 公司, 成長, 趨勢"));
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < rc->n_rows; i++) {
            char name[200];
            const Series *s = rc->rows[i].series;
            if (pass == 0)
                format_metric_name_lang(s->metric, d->lang, name, sizeof name);
            else
                snprintf(name, sizeof name, "%s", s->company);
            /* Whole entries only: ", name," must not be there yet. */
            char probe[210], all[1100];
            snprintf(probe, sizeof probe, ", %s,", name);
            snprintf(all, sizeof all, "%s,", buf);
            int seen = strstr(all, probe) != NULL;
            if (!seen && strlen(buf) + strlen(name) + 3 < size)
                label_append(buf, size, ", %s", name);
        }
    }
}

static int set_info(HPDF_Doc pdf, Doc *d)
{
    const ReportContent *rc = d->rc;
    struct tm tm;
    time_t t = rc->generated;
    gmtime_r(&t, &tm);
    HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                      tm.tm_hour, tm.tm_min,
                      tm.tm_sec < 60 ? tm.tm_sec : 59, 'Z', 0, 0};
    char kw[1024];
    keywords(d, kw, sizeof kw);
    int bad = 0;
    bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, rc->title) != HPDF_OK;
    if (rc->author && rc->author[0])
        bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, rc->author) != HPDF_OK;
    bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR,
                            "aigrowth " AIGROWTH_VERSION) != HPDF_OK;
    bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT,
                            rc->subtitle && rc->subtitle[0]
                                ? rc->subtitle
                                : L(d, "Growth of AI-company metrics",
                                    "AI 公司指標的成長")) != HPDF_OK;
    bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, kw) != HPDF_OK;
    bad |= HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date) != HPDF_OK;
    bad |= HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date) != HPDF_OK;
    return bad ? -1 : 0;
}

static HPDF_Outline add_outline(HPDF_Doc pdf, HPDF_Outline parent,
                                HPDF_Page page, const char *title)
{
    HPDF_Outline o = HPDF_CreateOutline(pdf, parent, title,
                                        HPDF_GetEncoder(pdf, "UTF-8"));
    HPDF_Destination dest = HPDF_Page_CreateDestination(page);
    if (!o || !dest || HPDF_Destination_SetFit(dest) != HPDF_OK ||
        HPDF_Outline_SetDestination(o, dest) != HPDF_OK)
        return NULL;
    return o;
}

/* Cover, then each section and chart, charts under one "Charts" entry. */
static int write_outline(HPDF_Doc pdf, HPDF_Page *pages, Doc *d)
{
    if (!add_outline(pdf, NULL, pages[0], L(d, "Cover", "封面")))
        return -1;
    HPDF_Outline charts = NULL;
    for (size_t i = 0; i < d->n_toc; i++) {
        const TocEntry *e = &d->toc[i];
        if (e->child && !charts) {
            charts = add_outline(pdf, NULL, pages[e->page],
                                 L(d, "Charts", "圖表"));
            if (!charts || HPDF_Outline_SetOpened(charts, HPDF_TRUE))
                return -1;
        }
        if (!add_outline(pdf, e->child ? charts : NULL, pages[e->page],
                         e->title))
            return -1;
    }
    return 0;
}

static int write_links(HPDF_Page page, HPDF_Page *pages, const Page *pg)
{
    double H = pg->sc->height;
    for (size_t i = 0; i < pg->n_links; i++) {
        const Link *l = &pg->links[i];
        HPDF_Rect r = {(HPDF_REAL)l->x0, (HPDF_REAL)(H - l->y1),
                       (HPDF_REAL)l->x1, (HPDF_REAL)(H - l->y0)};
        HPDF_Annotation a;
        if (l->uri) {
            a = HPDF_Page_CreateURILinkAnnot(page, r, l->uri);
        } else {
            HPDF_Destination dest = HPDF_Page_CreateDestination(pages[l->page]);
            if (!dest || HPDF_Destination_SetFit(dest) != HPDF_OK)
                return -1;
            a = HPDF_Page_CreateLinkAnnot(page, r, dest);
        }
        if (!a || HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0) != HPDF_OK)
            return -1;
    }
    return 0;
}

/* Saves the document into memory; caller frees *out. */
static int save_to_memory(HPDF_Doc pdf, unsigned char **out, size_t *len)
{
    *out = NULL;
    if (HPDF_SaveToStream(pdf) != HPDF_OK)
        return -1;
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    if (size == 0 || HPDF_ResetStream(pdf) != HPDF_OK)
        return -1;
    /* Read back what SaveToStream wrote: HPDF_GetContents would serialise
     * (and deflate) the whole document a second time. */
    unsigned char *buf = xmalloc(size);
    HPDF_UINT32 got = size;
    HPDF_STATUS st = HPDF_ReadFromStream(pdf, buf, &got);
    if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || got != size) {
        free(buf);
        return -1;
    }
    *out = buf;
    *len = size;
    return 0;
}

/* Lays out every page (scenes, links, outline entries). */
static void layout(Doc *d)
{
    page_add(d, d->g.tw, d->g.th); /* the cover, drawn last */
    build_changes(d);
    build_key_figures(d);
    for (size_t i = 0; i < d->rc->n_charts; i++)
        build_chart_page(d, i);
    build_method(d);
    build_sources(d);
    build_cover(d);
    for (size_t i = 0; i < d->n_pages; i++)
        add_chrome(d, i);
}

int report_render(const ReportContent *content, const FontStack *fs,
                  const char *path, ByteBuf *out, Error *err)
{
    ReportContent rc = *content;
    if (!rc.title || !rc.title[0])
        rc.title = lang_pick(rc.lang, "AI company growth", "AI 公司成長");
    Doc d = {.rc = &rc, .fs = fs, .g = geometry(rc.paper), .lang = rc.lang,
             .level = rc.level > 0 && rc.level < 1 ? rc.level : 0.80};
    HaruError he = {HPDF_OK, 0};
    HaruFonts *hf = NULL;
    HPDF_Page *pages = NULL;
    unsigned char *bytes = NULL;
    size_t n_bytes = 0;
    int rcode = -1;

    HPDF_Doc pdf = HPDF_New(on_haru_error, &he);
    if (!pdf) {
        error_set(err, ERR_RENDER, path, 0, 0,
                  "libharu cannot create a document");
        return -1;
    }
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    hf = haru_fonts_load(pdf, fs, err);
    if (!hf || set_info(pdf, &d) != 0 ||
        haru_check(&he, path, "setting document info", err))
        goto fail;

    layout(&d);
    pages = xcalloc(d.n_pages, sizeof *pages);
    for (size_t i = 0; i < d.n_pages; i++) {
        const Page *pg = &d.pages[i];
        pages[i] = HPDF_AddPage(pdf);
        if (!pages[i] ||
            HPDF_Page_SetWidth(pages[i], (HPDF_REAL)pg->sc->width) ||
            HPDF_Page_SetHeight(pages[i], (HPDF_REAL)pg->sc->height))
            goto fail;
    }
    for (size_t i = 0; i < d.n_pages; i++) {
        const Page *pg = &d.pages[i];
        double H = pg->sc->height;
        if (render_haru_scene(pages[i], pg->sc, fs, hf, 0, H, pg->sc->width,
                              H, err) != 0)
            goto fail;
        if (pg->chart &&
            render_haru_scene(pages[i], pg->chart, fs, hf, pg->bx,
                              H - pg->btop, pg->bw, pg->bh, err) != 0)
            goto fail;
        if (write_links(pages[i], pages, pg) != 0)
            goto fail;
    }
    if (write_outline(pdf, pages, &d) != 0 ||
        save_to_memory(pdf, &bytes, &n_bytes) != 0)
        goto fail;
    if (haru_check(&he, path, "writing the document", err))
        goto fail;
    bytebuf_append(out, bytes, n_bytes);
    rcode = 0;
fail:
    if (rcode != 0) {
        /* A scene error carries its own message (give it the path);
           otherwise name libharu's. */
        if (err->kind != ERR_NONE && !err->file[0])
            snprintf(err->file, sizeof err->file, "%s", path);
        haru_check(&he, path, "building the report", err);
        error_set(err, ERR_RENDER, path, 0, 0,
                  "libharu failed while building the report");
    }
    free(bytes);
    free(pages);
    doc_free(&d);
    haru_fonts_destroy(hf);
    HPDF_Free(pdf);
    return rcode;
}

int report_write(const ReportContent *content, const FontStack *fs,
                 const char *path, Error *err)
{
    ByteBuf pdf = {0};
    int rc = report_render(content, fs, path, &pdf, err);
    if (rc == 0)
        rc = fsutil_write_atomic(path, pdf.data, pdf.len, err);
    bytebuf_free(&pdf);
    return rc;
}
