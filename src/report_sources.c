/* report_sources.c - the sources section: every distinct citation of
 * each data file, its confidence and rows, URLs linked. */
#include "report_sources.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "report_labels.h"
#include "report_urls.h"
#include "text_flow.h"
#include "theme.h"
#include "util.h"

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

/* The data's confidence word in the report's language: the three the
 * README defines are translated (已查證), any other kept as written. */
static const char *confidence_word(const Doc *d, const char *confidence)
{
    static const struct {
        const char *en, *zh;
    } words[] = {{"verified", "已查證"},
                 {"single-source", "單一來源"},
                 {"unverified", "未查證"},
                 {"reported, unverified", "有報導，未查證"}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(confidence, words[i].en))
            return L(d, words[i].en, words[i].zh);
    return lang_text(d->lang, confidence);
}

/* "verified · 3 rows" / "已查證 · 3筆": the confidence the data gives a
 * source and the rows citing it. */
static void source_detail(const Doc *d, const SourceItem *it, char *buf,
                          size_t size)
{
    if (lang_is_chinese(d->lang))
        snprintf(buf, size, "%s%s%zu%s",
                 it->confidence[0] ? confidence_word(d, it->confidence) : "",
                 it->confidence[0] ? " \xc2\xb7 " : "", it->rows,
                 L(d, "", "筆"));
    else
        snprintf(buf, size, "%s%s%zu %s",
                 it->confidence[0] ? it->confidence : "",
                 it->confidence[0] ? " \xc2\xb7 " : "", it->rows,
                 it->rows == 1 ? "row" : "rows");
}

ReportSourceLine *report_source_lines(const Doc *d, const char *path,
                                      size_t *count)
{
    size_t n;
    SourceItem *items = file_sources(d->rc, path, &n);
    ReportSourceLine *lines = xcalloc(n + 1, sizeof *lines);
    for (size_t k = 0; k < n; k++) {
        lines[k].text = items[k].len
                            ? xstrndup(items[k].source, items[k].len)
                            : xstrdup(L(d, "(no source given)",
                                        "（未註明來源）"));
        source_detail(d, &items[k], lines[k].detail, sizeof lines[k].detail);
    }
    free(items);
    *count = n;
    return lines;
}

void report_source_lines_free(ReportSourceLine *lines, size_t n)
{
    for (size_t k = 0; lines && k < n; k++)
        free(lines[k].text);
    free(lines);
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
        doc_continued_title(d, tmp, buf, sizeof buf);
    else
        snprintf(buf, sizeof buf, L(d, "%s " EM_DASH " %zu rows",
                                    "%s " EM_DASH " %zu筆"),
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
    TextFlowSpan lines[TEXT_FLOW_MAX_LINES];
    ReportSpan urls[32];
    size_t n = text_flow_wrap(d->fs, text, FONT_REGULAR, size, sf->text_w,
                              lines, TEXT_FLOW_MAX_LINES);
    if (n > TEXT_FLOW_MAX_LINES)
        n = TEXT_FLOW_MAX_LINES;
    size_t n_urls = report_find_urls(text, urls, 32);
    if (n_urls > 32)
        n_urls = 32;
    size_t before = sf->f.page;
    flow_need(&sf->f, lh * (n < 3 ? (double)n : 2) + lh * 0.4);
    if (sf->f.page != before)
        sources_file_heading(sf, df, 1);
    Color link = theme_series_color(0);
    char conf[256];
    source_detail(d, it, conf, sizeof conf);
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
                doc_link_add(&d->pages[sf->f.page], x, sf->f.y - size,
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

void report_sources_build(Doc *d)
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
