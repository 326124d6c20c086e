/* report_doc.c - the report under construction (see report_doc.h). */
#include "report_doc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "report_labels.h"
#include "text_flow.h"
#include "theme.h"
#include "util.h"

Geometry doc_geometry(ReportPaper paper)
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

/* "title (continued)", for the pages a section or table runs on to. */
void doc_continued_title(const Doc *d, const char *title, char *buf,
                         size_t size)
{
    snprintf(buf, size, L(d, "%s (continued)", "%s（續）"), title);
}

/* A new page of size w x h; returns its index. */
size_t doc_page_add(Doc *d, double w, double h)
{
    grow_array((void **)&d->pages, &d->cap_pages, d->n_pages + 1,
               sizeof *d->pages);
    Color none = {0, 0, 0, 0};
    d->pages[d->n_pages] = (Page){.sc = scene_create(w, h, none)};
    return d->n_pages++;
}

void doc_link_add(Page *p, double x0, double y0, double x1, double y1,
                  char *uri, size_t target)
{
    grow_array((void **)&p->links, &p->cap_links, p->n_links + 1,
               sizeof *p->links);
    p->links[p->n_links++] = (Link){x0, y0, x1, y1, uri, target};
}

void doc_toc_add(Doc *d, const char *title, size_t page, int child)
{
    grow_array((void **)&d->toc, &d->cap_toc, d->n_toc + 1, sizeof *d->toc);
    TocEntry *e = &d->toc[d->n_toc++];
    snprintf(e->title, sizeof e->title, "%s", title);
    e->page = page;
    e->child = child;
}

void doc_free(Doc *d)
{
    for (size_t i = 0; i < d->n_pages; i++) {
        scene_destroy(d->pages[i].sc);
        for (size_t k = 0; k < d->pages[i].n_links; k++)
            free(d->pages[i].links[k].uri);
        free(d->pages[i].links);
    }
    free(d->pages);
    free(d->toc);
    for (size_t i = 0; i < d->n_tables; i++)
        free(d->tables[i].cells);
    free(d->tables);
}

/* ---- page chrome ------------------------------------------------------- */

/* Page number on every page; the running title from page 2 on. */
void doc_chrome(Doc *d, size_t index)
{
    Scene *sc = d->pages[index].sc;
    const Geometry *g = &d->g;
    char buf[64], t[512];
    size_t total = d->n_pages;
    snprintf(buf, sizeof buf, L(d, "Page %zu / %zu", "第%zu頁／共%zu頁"),
             index + 1, total);
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
double doc_heading(Doc *d, Scene *sc, const char *text)
{
    const Geometry *g = &d->g;
    double y = g->slides ? g->margin + g->h1 * 0.8 : 78;
    char t[512];
    text_flow_fit(d->fs, text, FONT_BOLD, g->h1, sc->width - 2 * g->margin, t,
                  sizeof t);
    add_text(sc, g->margin, y, t, g->h1, FONT_BOLD, ANCHOR_START, THEME_INK);
    return y + (g->slides ? 24 : 18);
}

double doc_text_bottom(const Doc *d, const Scene *sc)
{
    return sc->height - (d->g.slides ? 44 : 64);
}

/* ---- paragraph flow --------------------------------------------------- */

Scene *flow_scene(Flow *f)
{
    return f->d->pages[f->page].sc;
}

/* A section on a new page, listed in the contents: its flow, whose
 * continuation pages are headed cont ("head (continued)", filled in). */
Flow flow_section(Doc *d, const char *head, char *cont, size_t size)
{
    doc_continued_title(d, head, cont, size);
    size_t p = doc_page_add(d, d->g.tw, d->g.th);
    doc_toc_add(d, head, p, 0);
    return (Flow){d, cont, p, doc_heading(d, d->pages[p].sc, head)};
}

void flow_need(Flow *f, double h)
{
    if (f->y + h <= doc_text_bottom(f->d, flow_scene(f)))
        return;
    f->page = doc_page_add(f->d, f->d->g.tw, f->d->g.th);
    f->y = doc_heading(f->d, flow_scene(f), f->cont);
}

void flow_para(Flow *f, const char *lead, const char *text)
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
    TextFlowSpan spans[TEXT_FLOW_MAX_LINES];
    size_t n = text_flow_wrap(d->fs, text, FONT_REGULAR, g->body, maxw, spans,
                              TEXT_FLOW_MAX_LINES);
    if (n > TEXT_FLOW_MAX_LINES)
        n = TEXT_FLOW_MAX_LINES;
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

const Scene *report_chart_scene(const ReportChart *ch, Scene **owned,
                                Error *err)
{
    *owned = NULL;
    if (ch->scene || !ch->lay_out)
        return ch->scene;
    if (ch->lay_out(ch->lay_out_ctx, owned, err) != 0)
        return NULL;
    return *owned;
}

void report_chart_size(const ReportChart *ch, double *width, double *height)
{
    *width = ch->scene ? ch->scene->width : ch->width;
    *height = ch->scene ? ch->scene->height : ch->height;
}
