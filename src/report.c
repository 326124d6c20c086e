/* report.c - the multi-page PDF report (libharu): cover, summary table,
 * one page per chart.
 *
 * Every page is laid out as a Scene in page coordinates and drawn with
 * render_haru_scene at scale 1, so all text takes one path (runs per face,
 * measured by text.c). Cover and table pages are A4 portrait; chart pages
 * are A4 landscape, because the charts are 16:9: across a portrait page
 * a 16:9 chart would be 515 x 290 pt, on a landscape page it is 770 x 433,
 * half again as large, and PDF viewers handle mixed orientation fine.
 *
 * The document is built in memory and written with fsutil_write_atomic,
 * so a failed run leaves the previous report in place. */
#include "report.h"

#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "fsutil.h"
#include "render_haru.h"
#include "theme.h"
#include "util.h"

#define MARGIN 56.0         /* portrait pages */
#define CHART_MARGIN 40.0   /* landscape chart pages */
#define FOOTER_GAP 28.0     /* page number baseline above the bottom edge */
#define ROW_H 18.0          /* summary table row */
#define TABLE_SIZE 9.0      /* summary table text */
#define TABLE_TOP 128.0     /* top of the table header row */
#define N_COLS 7

/* The first libharu error, recorded by the handler; later ones are
 * consequences. */
typedef struct {
    HPDF_STATUS no, detail;
} HaruError;

static void on_haru_error(HPDF_STATUS no, HPDF_STATUS detail, void *user)
{
    HaruError *e = user;
    if (e->no == HPDF_OK) {
        e->no = no;
        e->detail = detail;
    }
}

/* Turns a recorded libharu error into ERR_RENDER; returns -1 then. */
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

/* ---- text helpers ------------------------------------------------------ */

static size_t utf8_next(const char *s, size_t i)
{
    i++;
    while (s[i] && ((unsigned char)s[i] & 0xc0) == 0x80)
        i++;
    return i;
}

static double width_n(const FontStack *fs, const char *s, size_t len,
                      FontWeight wt, double size)
{
    char *tmp = xstrndup(s, len);
    double w = text_width(fs, tmp, wt, size);
    free(tmp);
    return w;
}

/* Copies s into out, cut at a character boundary and ended with "…" if it
 * is wider than maxw. */
static void fit_text(const FontStack *fs, const char *s, FontWeight wt,
                     double size, double maxw, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s", s);
    if (text_width(fs, out, wt, size) <= maxw)
        return;
    size_t keep = 0;
    for (size_t i = 0; s[i]; i = utf8_next(s, i)) {
        size_t next = utf8_next(s, i);
        if (next + 4 > outsz)
            break;
        char tmp[1024];
        snprintf(tmp, sizeof tmp, "%.*s\xe2\x80\xa6", (int)next, s);
        if (next + 4 > sizeof tmp || text_width(fs, tmp, wt, size) > maxw)
            break;
        keep = next;
    }
    while (keep > 0 && s[keep - 1] == ' ')
        keep--;
    snprintf(out, outsz, "%.*s\xe2\x80\xa6", (int)keep, s);
}

/* Lines of s at most maxw wide, broken at spaces or next to a non-ASCII
 * character (CJK has no spaces); the last of max_lines lines is cut with
 * "…". Returns the number of lines written into lines (512 bytes each). */
static size_t wrap_text(const FontStack *fs, const char *s, FontWeight wt,
                        double size, double maxw, char lines[][512],
                        size_t max_lines)
{
    size_t n = 0;
    while (*s == ' ')
        s++;
    while (*s && n < max_lines) {
        if (n + 1 == max_lines ||
            text_width(fs, s, wt, size) <= maxw) {
            fit_text(fs, s, wt, size, maxw, lines[n++], 512);
            break;
        }
        size_t best = 0, forced = 0;
        for (size_t i = utf8_next(s, 0);; i = utf8_next(s, i)) {
            size_t prev = i - 1;
            while (prev > 0 && ((unsigned char)s[prev] & 0xc0) == 0x80)
                prev--;
            int breakable = s[i] == ' ' || s[i] == '\0' ||
                            (unsigned char)s[i] >= 0x80 ||
                            (unsigned char)s[prev] >= 0x80;
            if (i >= 511 || width_n(fs, s, i, wt, size) > maxw)
                break;
            forced = i;
            if (breakable)
                best = i;
            if (!s[i])
                break;
        }
        size_t cut = best ? best : forced ? forced : utf8_next(s, 0);
        snprintf(lines[n++], 512, "%.*s", (int)cut, s);
        s += cut;
        while (*s == ' ')
            s++;
    }
    return n;
}

static void add_text(Scene *sc, double x, double y, const char *s,
                     double size, FontWeight wt, TextAnchor anchor, Color c)
{
    scene_add_text(sc, x, y, s, size, wt, anchor, 0, c);
}

/* Page number and running title, on every page. */
static void add_chrome(Scene *sc, const FontStack *fs, const char *title,
                       size_t page_no, size_t total, double margin)
{
    char buf[64];
    snprintf(buf, sizeof buf, "Page %zu / %zu", page_no, total);
    add_text(sc, sc->width / 2, sc->height - FOOTER_GAP, buf, 9, FONT_REGULAR,
             ANCHOR_MIDDLE, THEME_INK_FAINT);
    if (page_no > 1 && title && title[0]) {
        char t[512];
        fit_text(fs, title, FONT_REGULAR, 8, sc->width - 2 * margin, t,
                 sizeof t);
        add_text(sc, margin, 30, t, 8, FONT_REGULAR, ANCHOR_START,
                 THEME_INK_FAINT);
    }
}

/* ---- cover ------------------------------------------------------------- */

/* A rectangle on the cover that links to a page, in scene coordinates. */
typedef struct {
    double x0, y0, x1, y1;
    size_t page; /* 0-based page index */
} CoverLink;

static void iso_day(time_t t, char *buf, size_t size)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(buf, size, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday);
}

/* The list of data files from y on; returns the y after it. */
static double cover_datasets(Scene *sc, const ReportContent *rc,
                             const FontStack *fs, double y, double bottom)
{
    double avail = sc->width - 2 * MARGIN;
    char buf[1024], tmp[512], tail[96];
    add_text(sc, MARGIN, y, "Datasets", 11, FONT_BOLD, ANCHOR_START,
             THEME_INK);
    y += 18;
    for (size_t i = 0; i < rc->n_files; i++, y += 15) {
        if (y > bottom && i + 1 < rc->n_files) {
            snprintf(buf, sizeof buf, "\xe2\x80\xa6 and %zu more",
                     rc->n_files - i);
            add_text(sc, MARGIN, y, buf, 10, FONT_REGULAR, ANCHOR_START,
                     THEME_INK_SOFT);
            return y + 15;
        }
        const DataFile *f = &rc->files[i];
        if (f->missing)
            snprintf(tail, sizeof tail, " \xe2\x80\x94 %zu rows, %zu missing",
                     f->rows, f->missing);
        else
            snprintf(tail, sizeof tail, " \xe2\x80\x94 %zu %s", f->rows,
                     f->rows == 1 ? "row" : "rows");
        double tw = text_width(fs, tail, FONT_REGULAR, 10);
        fit_text(fs, f->path, FONT_REGULAR, 10, avail - tw, tmp, sizeof tmp);
        snprintf(buf, sizeof buf, "%s%s", tmp, tail);
        add_text(sc, MARGIN, y, buf, 10, FONT_REGULAR, ANCHOR_START,
                 THEME_INK);
    }
    return y;
}

/* Summary and chart titles with page numbers, each a link (in links,
 * which has room for n_charts + 1). */
static void cover_contents(Scene *sc, const ReportContent *rc,
                           const FontStack *fs, double y, double bottom,
                           size_t first_chart_page, CoverLink *links,
                           size_t *n_links)
{
    double W = sc->width, avail = W - 2 * MARGIN;
    char buf[1024], num[32];
    add_text(sc, MARGIN, y, "Contents", 11, FONT_BOLD, ANCHOR_START,
             THEME_INK);
    y += 18;
    *n_links = 0;
    for (size_t i = 0; i <= rc->n_charts; i++, y += 15) {
        size_t page = i == 0 ? 1 : first_chart_page + i - 1;
        if (y > bottom) {
            snprintf(buf, sizeof buf, "\xe2\x80\xa6 and %zu more charts",
                     rc->n_charts - i + 1);
            add_text(sc, MARGIN, y, buf, 10, FONT_REGULAR, ANCHOR_START,
                     THEME_INK_SOFT);
            return;
        }
        const char *name = i == 0 ? "Summary" : rc->charts[i - 1].title;
        if (!name || !name[0])
            name = "Chart";
        snprintf(num, sizeof num, "%zu", page + 1);
        fit_text(fs, name, FONT_REGULAR, 10, avail - 40, buf, sizeof buf);
        add_text(sc, MARGIN, y, buf, 10, FONT_REGULAR, ANCHOR_START,
                 THEME_INK);
        add_text(sc, W - MARGIN, y, num, 10, FONT_REGULAR, ANCHOR_END,
                 THEME_INK_SOFT);
        links[(*n_links)++] = (CoverLink){MARGIN, y - 11, W - MARGIN, y + 4,
                                          page};
    }
}

static Scene *build_cover(const ReportContent *rc, const FontStack *fs,
                          double W, double H, size_t total,
                          size_t first_chart_page, CoverLink *links,
                          size_t *n_links)
{
    Color none = {0, 0, 0, 0};
    Scene *sc = scene_create(W, H, none);
    double avail = W - 2 * MARGIN, y = 190;
    char lines[3][512], buf[1024], tmp[512];

    scene_add_rect(sc, MARGIN, y - 40, 44, 4, theme_series_color(0));
    size_t n = wrap_text(fs, rc->title ? rc->title : "aigrowth report",
                         FONT_BOLD, 28, avail, lines, 3);
    for (size_t i = 0; i < n; i++, y += 36)
        add_text(sc, MARGIN, y, lines[i], 28, FONT_BOLD, ANCHOR_START,
                 THEME_INK);
    if (rc->subtitle && rc->subtitle[0]) {
        y += 2;
        n = wrap_text(fs, rc->subtitle, FONT_REGULAR, 14, avail, lines, 3);
        for (size_t i = 0; i < n; i++, y += 20)
            add_text(sc, MARGIN, y, lines[i], 14, FONT_REGULAR, ANCHOR_START,
                     THEME_INK_SOFT);
    }
    y += 24;
    scene_add_line(sc, MARGIN, y, W - MARGIN, y, THEME_GRID, 0.75, NULL, 0);
    y += 28;
    snprintf(buf, sizeof buf, "Data as of %s",
             format_date(rc->data_as_of, DATE_DAY, tmp, sizeof tmp));
    add_text(sc, MARGIN, y, buf, 11, FONT_REGULAR, ANCHOR_START, THEME_INK);
    y += 17;
    iso_day(rc->generated, tmp, sizeof tmp);
    snprintf(buf, sizeof buf, "Generated %s", tmp);
    add_text(sc, MARGIN, y, buf, 11, FONT_REGULAR, ANCHOR_START,
             THEME_INK_SOFT);

    /* Datasets, then contents, as far as the page allows. */
    double bottom = H - 70;
    y = cover_datasets(sc, rc, fs, y + 40, bottom - 120);
    cover_contents(sc, rc, fs, y + 25, bottom, first_chart_page, links,
                   n_links);
    add_chrome(sc, fs, rc->title, 1, total, MARGIN);
    return sc;
}

/* ---- summary table ----------------------------------------------------- */

typedef struct {
    char cell[N_COLS][160];
    int group_first; /* first row of its metric group */
} TableRow;

static const char *const col_head[N_COLS] = {
    "Company", "Metric", "Latest", "As of", "CAGR", "Doubling time",
    "Fit R\xc2\xb2 (n)"};

/* Rows in metric groups (metrics in order of first appearance), cells
 * formatted. Caller frees. */
static TableRow *table_rows(const ReportContent *rc)
{
    TableRow *rows = xcalloc(rc->n_rows ? rc->n_rows : 1, sizeof *rows);
    char *done = xcalloc(rc->n_rows ? rc->n_rows : 1, 1);
    size_t out = 0;
    for (size_t g = 0; g < rc->n_rows; g++) {
        if (done[g])
            continue;
        const char *metric = rc->rows[g].series->metric;
        for (size_t i = g; i < rc->n_rows; i++) {
            const Series *s = rc->rows[i].series;
            const Fit *f = rc->rows[i].fit;
            if (done[i] || strcmp(s->metric, metric) != 0)
                continue;
            done[i] = 1;
            TableRow *r = &rows[out++];
            r->group_first = i == g;
            snprintf(r->cell[0], sizeof r->cell[0], "%s", s->company);
            format_metric_name(s->metric, r->cell[1], sizeof r->cell[1]);
            if (s->n > 0) {
                format_compact(s->value[s->n - 1], s->unit, 3, r->cell[2],
                               sizeof r->cell[2]);
                format_date(s->date[s->n - 1], s->precision[s->n - 1],
                            r->cell[3], sizeof r->cell[3]);
            } else {
                snprintf(r->cell[2], sizeof r->cell[2], "\xe2\x80\x93");
                snprintf(r->cell[3], sizeof r->cell[3], "\xe2\x80\x93");
            }
            if (f && f->model != MODEL_NONE) {
                format_percent(f->cagr, r->cell[4], sizeof r->cell[4]);
                format_duration(f->doubling_years, r->cell[5],
                                sizeof r->cell[5]);
                snprintf(r->cell[6], sizeof r->cell[6], "%.2f (%zu)",
                         f->line.r2, f->line.n);
            } else {
                for (int c = 4; c < N_COLS; c++)
                    snprintf(r->cell[c], sizeof r->cell[c], "\xe2\x80\x93");
            }
        }
    }
    free(done);
    return rows;
}

/* Column widths from the widest cell; the two text columns give way
 * (and their cells are cut with "…") when the page is too narrow. */
static void table_columns(const FontStack *fs, const TableRow *rows,
                          size_t n, double avail, double gap, double *width)
{
    for (int c = 0; c < N_COLS; c++) {
        width[c] = text_width(fs, col_head[c], FONT_BOLD, TABLE_SIZE);
        for (size_t i = 0; i < n; i++)
            width[c] = fmax(width[c], text_width(fs, rows[i].cell[c],
                                                 FONT_REGULAR, TABLE_SIZE));
    }
    double fixed = gap * (N_COLS - 1);
    for (int c = 2; c < N_COLS; c++)
        fixed += width[c];
    /* Metric names are short and shared by a group; a long company name
       gives way first, but the metric column keeps at least 45% of the
       room when both are too wide. Extra space goes after the company. */
    double room = fmax(avail - fixed, 0);
    if (width[0] + width[1] > room)
        width[1] = fmin(width[1], fmax(0.45 * room, room - width[0]));
    width[0] = room - width[1];
}

static size_t table_rows_per_page(double H)
{
    double first = TABLE_TOP + ROW_H, last = H - 70;
    size_t n = (size_t)((last - first) / ROW_H);
    return n ? n : 1;
}

static Scene *build_table_page(const ReportContent *rc, const FontStack *fs,
                               const TableRow *rows, size_t first,
                               size_t count, const double *width, double W,
                               double H, size_t page_no, size_t total)
{
    Color none = {0, 0, 0, 0};
    Scene *sc = scene_create(W, H, none);
    double gap = 12, x[N_COLS];
    x[0] = MARGIN;
    for (int c = 1; c < N_COLS; c++)
        x[c] = x[c - 1] + width[c - 1] + gap;

    add_text(sc, MARGIN, 78, first == 0 ? "Summary" : "Summary (continued)",
             18, FONT_BOLD, ANCHOR_START, THEME_INK);
    add_text(sc, MARGIN, 98,
             "Latest observation per series; CAGR, doubling time and R\xc2\xb2"
             " from an exponential trend fitted to each series.",
             9, FONT_REGULAR, ANCHOR_START, THEME_INK_SOFT);

    double top = TABLE_TOP, base = 12.5;
    for (int c = 0; c < N_COLS; c++)
        add_text(sc, c < 2 ? x[c] : x[c] + width[c], top + base, col_head[c],
                 TABLE_SIZE, FONT_BOLD, c < 2 ? ANCHOR_START : ANCHOR_END,
                 THEME_INK_SOFT);
    scene_add_line(sc, MARGIN, top + ROW_H, W - MARGIN, top + ROW_H,
                   THEME_AXIS, 0.75, NULL, 0);
    char buf[160];
    for (size_t k = 0; k < count; k++) {
        const TableRow *r = &rows[first + k];
        double rt = top + ROW_H * (double)(k + 1);
        if (r->group_first && k > 0)
            scene_add_line(sc, MARGIN, rt, W - MARGIN, rt, THEME_AXIS, 0.5,
                           NULL, 0);
        for (int c = 0; c < N_COLS; c++) {
            /* The metric names its group once per group and page. */
            if (c == 1 && !r->group_first && k > 0)
                continue;
            fit_text(fs, r->cell[c], FONT_REGULAR, TABLE_SIZE, width[c], buf,
                     sizeof buf);
            add_text(sc, c < 2 ? x[c] : x[c] + width[c], rt + base, buf,
                     TABLE_SIZE, FONT_REGULAR,
                     c < 2 ? ANCHOR_START : ANCHOR_END,
                     c == 1 ? THEME_INK_SOFT : THEME_INK);
        }
        if (first + k + 1 < rc->n_rows && !rows[first + k + 1].group_first)
            scene_add_line(sc, MARGIN, rt + ROW_H, W - MARGIN, rt + ROW_H,
                           THEME_GRID, 0.5, NULL, 0);
    }
    if (rc->n_rows == 0)
        add_text(sc, MARGIN, top + ROW_H + base, "No series to summarise.",
                 TABLE_SIZE, FONT_REGULAR, ANCHOR_START, THEME_INK_SOFT);
    add_chrome(sc, fs, rc->title, page_no, total, MARGIN);
    return sc;
}

/* ---- chart pages --------------------------------------------------------- */

static int draw_chart_page(HPDF_Page page, const ReportContent *rc,
                           size_t index, const FontStack *fs,
                           const HaruFonts *hf, size_t page_no, size_t total,
                           Error *err)
{
    const ReportChart *ch = &rc->charts[index];
    double W = HPDF_Page_GetWidth(page), H = HPDF_Page_GetHeight(page);
    Color none = {0, 0, 0, 0};
    Scene *sc = scene_create(W, H, none);
    /* The chart draws its own title large; the page names it quietly. */
    char head[600], buf[600];
    snprintf(head, sizeof head, "Chart %zu of %zu \xe2\x80\x94 %s", index + 1,
             rc->n_charts, ch->title && ch->title[0] ? ch->title : "untitled");
    fit_text(fs, head, FONT_BOLD, 10, W - 2 * CHART_MARGIN, buf, sizeof buf);
    add_text(sc, CHART_MARGIN, 54, buf, 10, FONT_BOLD, ANCHOR_START,
             THEME_INK_SOFT);
    add_chrome(sc, fs, rc->title, page_no, total, CHART_MARGIN);
    int rcode = render_haru_scene(page, sc, fs, hf, 0, H, W, H, err);
    scene_destroy(sc);
    if (rcode != 0 || !ch->scene)
        return rcode;

    /* The chart hangs from just below the heading: the box is as tall as
       the scaled chart, so centring in it changes nothing vertically. */
    double top = 66, bw = W - 2 * CHART_MARGIN, bh = H - top - 44;
    const Scene *cs = ch->scene;
    if (cs->width > 0 && cs->height > 0)
        bh = fmin(bh, cs->height * fmin(bw / cs->width, bh / cs->height));
    return render_haru_scene(page, cs, fs, hf, CHART_MARGIN, H - top, bw, bh,
                             err);
}

/* ---- document ---------------------------------------------------------- */

static int set_info(HPDF_Doc pdf, const ReportContent *rc)
{
    struct tm tm;
    time_t t = rc->generated;
    gmtime_r(&t, &tm);
    HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                   tm.tm_min, tm.tm_sec < 60 ? tm.tm_sec : 59, 'Z', 0, 0};
    const char *title = rc->title ? rc->title : "aigrowth report";
    int bad = 0;
    bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, title) != HPDF_OK;
    bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, "aigrowth") != HPDF_OK;
    bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "aigrowth") != HPDF_OK;
    bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT,
                            rc->subtitle && rc->subtitle[0]
                                ? rc->subtitle
                                : "Growth of AI-company metrics") != HPDF_OK;
    bad |= HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d) != HPDF_OK;
    bad |= HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d) != HPDF_OK;
    return bad ? -1 : 0;
}

static int add_outline(HPDF_Doc pdf, HPDF_Page page, const char *title)
{
    HPDF_Outline o = HPDF_CreateOutline(pdf, NULL, title,
                                        HPDF_GetEncoder(pdf, "UTF-8"));
    HPDF_Destination d = HPDF_Page_CreateDestination(page);
    if (!o || !d || HPDF_Destination_SetFit(d) != HPDF_OK ||
        HPDF_Outline_SetDestination(o, d) != HPDF_OK)
        return -1;
    return 0;
}

static int link_cover(HPDF_Page cover, HPDF_Page *pages, double H,
                      const CoverLink *links, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        HPDF_Destination d = HPDF_Page_CreateDestination(pages[links[i].page]);
        HPDF_Rect r = {(HPDF_REAL)links[i].x0, (HPDF_REAL)(H - links[i].y1),
                       (HPDF_REAL)links[i].x1, (HPDF_REAL)(H - links[i].y0)};
        HPDF_Annotation a = d ? HPDF_Page_CreateLinkAnnot(cover, r, d) : NULL;
        if (!a || HPDF_Destination_SetFit(d) != HPDF_OK ||
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0) != HPDF_OK)
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
    if (size == 0)
        return -1;
    unsigned char *buf = xmalloc(size);
    HPDF_UINT32 got = size;
    HPDF_STATUS st = HPDF_GetContents(pdf, buf, &got);
    if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || got != size) {
        free(buf);
        return -1;
    }
    *out = buf;
    *len = size;
    return 0;
}

int report_write(const ReportContent *content, const FontStack *fs,
                 const char *path, Error *err)
{
    const ReportContent *rc = content;
    HaruError he = {HPDF_OK, 0};
    HaruFonts *hf = NULL;
    TableRow *rows = NULL;
    HPDF_Page *pages = NULL;
    CoverLink *links = NULL;
    Scene *sc = NULL;
    unsigned char *bytes = NULL;
    size_t n_bytes = 0;
    char what[64];
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
    if (!hf || set_info(pdf, rc) != 0 ||
        haru_check(&he, path, "setting document info", err))
        goto fail;

    /* Page count first: every footer says "Page n / total". The table's
       rows per page need the A4 height before a page exists; the real
       size is read back from libharu below. */
    double PW = 595.276, PH = 841.89;
    rows = table_rows(rc);
    size_t per_page = table_rows_per_page(PH);
    size_t n_table = rc->n_rows ? (rc->n_rows + per_page - 1) / per_page : 1;
    size_t total = 1 + n_table + rc->n_charts;
    pages = xcalloc(total, sizeof *pages);
    for (size_t i = 0; i < total; i++) {
        pages[i] = HPDF_AddPage(pdf);
        if (!pages[i] ||
            HPDF_Page_SetSize(pages[i], HPDF_PAGE_SIZE_A4,
                              i <= n_table ? HPDF_PAGE_PORTRAIT
                                           : HPDF_PAGE_LANDSCAPE) != HPDF_OK)
            goto fail;
    }
    PW = HPDF_Page_GetWidth(pages[0]);
    PH = HPDF_Page_GetHeight(pages[0]);

    links = xcalloc(rc->n_charts + 1, sizeof *links);
    size_t n_links = 0;
    sc = build_cover(rc, fs, PW, PH, total, 1 + n_table, links, &n_links);
    if (render_haru_scene(pages[0], sc, fs, hf, 0, PH, PW, PH, err) != 0 ||
        link_cover(pages[0], pages, PH, links, n_links) != 0)
        goto fail;
    scene_destroy(sc);
    sc = NULL;

    double width[N_COLS];
    table_columns(fs, rows, rc->n_rows, PW - 2 * MARGIN, 12, width);
    for (size_t p = 0; p < n_table; p++) {
        size_t first = p * per_page;
        size_t count = rc->n_rows - first < per_page ? rc->n_rows - first
                                                     : per_page;
        if (rc->n_rows == 0)
            count = 0;
        sc = build_table_page(rc, fs, rows, first, count, width, PW, PH,
                              2 + p, total);
        if (render_haru_scene(pages[1 + p], sc, fs, hf, 0, PH, PW, PH, err))
            goto fail;
        scene_destroy(sc);
        sc = NULL;
    }
    for (size_t i = 0; i < rc->n_charts; i++) {
        size_t p = 1 + n_table + i;
        if (draw_chart_page(pages[p], rc, i, fs, hf, p + 1,
                            total, err) != 0)
            goto fail;
    }

    if (add_outline(pdf, pages[0], "Cover") != 0 ||
        add_outline(pdf, pages[1], "Summary") != 0)
        goto fail;
    for (size_t i = 0; i < rc->n_charts; i++) {
        const char *t = rc->charts[i].title;
        snprintf(what, sizeof what, "Chart %zu", i + 1);
        if (add_outline(pdf, pages[1 + n_table + i], t && t[0] ? t : what))
            goto fail;
    }
    if (save_to_memory(pdf, &bytes, &n_bytes) != 0)
        goto fail;
    if (haru_check(&he, path, "writing the document", err) ||
        fsutil_write_atomic(path, bytes, n_bytes, err) != 0)
        goto fail;
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
    scene_destroy(sc);
    free(links);
    free(pages);
    free(rows);
    haru_fonts_destroy(hf);
    HPDF_Free(pdf);
    return rcode;
}
