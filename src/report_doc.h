/* report_doc.h - the report under construction: page formats, pages
 * as scenes with their links, the contents, page chrome and paragraph
 * flow over pages. Shared by the page builders (report_keys.c,
 * report_pages.c, report_sources.c) and the libharu assembly in
 * report.c; no libharu type appears here. */
#ifndef AIGROWTH_REPORT_DOC_H
#define AIGROWTH_REPORT_DOC_H

#include <stddef.h>
#include "report.h"
#include "scene.h"
#include "text.h"

/* Sizes of one page format, in points. */
typedef struct {
    double tw, th;         /* text pages */
    double cw, ch;         /* chart pages */
    double margin;
    double title, h1, h2;  /* cover title, page heading, table heading */
    double body, small, table, row, foot;
    int slides;
} Geometry;

/* The sizes of paper's pages and type. */
Geometry doc_geometry(ReportPaper paper);

/* A link annotation on a page. */
typedef struct {
    double x0, y0, x1, y1; /* scene coordinates, y down */
    char *uri;             /* owned; NULL: to page `page` */
    size_t page;
} Link;

/* One page: its scene, and a chart drawn into the box (bx, btop, bw, bh)
 * when chart is set. */
typedef struct {
    Scene *sc;             /* owned */
    const ReportChart *chart; /* borrowed; its scene (report_chart_scene)
                             drawn into the box below */
    double bx, btop, bw, bh;
    Link *links;
    size_t n_links, cap_links;
} Page;

/* A contents and outline entry. */
typedef struct {
    char title[256];
    size_t page;
    int child;             /* under the last top-level entry */
} TocEntry;

/* One key-figures table as a page holds it (a metric's rows, or the
 * part of them that fits the page), kept for outputs that write tables
 * of their own (the deck): the same cells the page prints, uncut. */
#define DOC_TABLE_COLS 10
#define DOC_CELL 128
typedef struct {
    size_t page;                     /* the page it is on */
    char heading[1024];              /* the metric, "(continued)" after */
    char note[1024];                 /* "" on a continuation */
    size_t n_cols;                   /* the columns the page shows */
    char head[DOC_TABLE_COLS][64];
    int figure[DOC_TABLE_COLS];      /* right-aligned figures, else text */
    size_t n_rows;
    char (*cells)[DOC_TABLE_COLS][DOC_CELL]; /* n_rows rows; owned */
} DocTable;

/* The document: rc and fs borrowed; pages, toc and tables owned
 * (doc_free). */
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
    DocTable *tables;
    size_t n_tables, cap_tables;
} Doc;

/* The string for the document's language (lang_pick). */
static inline const char *L(const Doc *d, const char *en, const char *zh)
{
    return lang_pick(d->lang, en, zh);
}

/* A series with a trend (a may be NULL). */
static inline int doc_fitted(const SeriesAnalysis *a)
{
    return a && analysis_has_trend(a);
}

/* Text at (x, y), unrotated. */
static inline void add_text(Scene *sc, double x, double y, const char *s,
                            double size, FontWeight wt, TextAnchor anchor,
                            Color c)
{
    scene_add_text(sc, x, y, s, size, wt, anchor, 0, c);
}

/* "title (continued)", for the pages a section or table runs on to. */
void doc_continued_title(const Doc *d, const char *title, char *buf,
                         size_t size);

/* A new page of size w x h (its scene owned by d); returns its index. */
size_t doc_page_add(Doc *d, double w, double h);

/* A link over (x0, y0)-(x1, y1) of p: to uri (owned by p from here) or,
 * uri NULL, to page target. */
void doc_link_add(Page *p, double x0, double y0, double x1, double y1,
                  char *uri, size_t target);

/* A contents and outline entry; child: under the last top-level one. */
void doc_toc_add(Doc *d, const char *title, size_t page, int child);

/* Frees the pages, their scenes and links, and the contents; not d. */
void doc_free(Doc *d);

/* Page number on page index, and the running title from page 2 on; call
 * once every page exists. */
void doc_chrome(Doc *d, size_t index);

/* A page heading on sc; returns the y where content starts. */
double doc_heading(Doc *d, Scene *sc, const char *text);

/* The lowest baseline text may take on sc. */
double doc_text_bottom(const Doc *d, const Scene *sc);

/* Paragraph flow over as many pages as it takes. */
typedef struct {
    Doc *d;
    const char *cont;  /* heading of continuation pages */
    size_t page;
    double y;
} Flow;

/* The scene of the flow's current page. Borrowed. */
Scene *flow_scene(Flow *f);

/* A section on a new page, listed in the contents: its flow, whose
 * continuation pages are headed cont (size bytes, filled in with
 * "head (continued)"; it must outlive the flow). */
Flow flow_section(Doc *d, const char *head, char *cont, size_t size);

/* Starts a continuation page unless h more fits on this one. */
void flow_need(Flow *f, double h);

/* A paragraph of body text, under a bold lead when lead is not NULL,
 * its first two lines kept together. */
void flow_para(Flow *f, const char *lead, const char *text);

/* The chart's scene: ch->scene, or one laid out now into *owned (free it
 * with scene_destroy once drawn; NULL when borrowed). NULL with err set
 * when the layout fails. */
const Scene *report_chart_scene(const ReportChart *ch, Scene **owned,
                                Error *err);
/* The size of the chart's scene in points. */
void report_chart_size(const ReportChart *ch, double *width, double *height);

#endif
