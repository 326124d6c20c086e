/* report.c - the multi-page PDF report (libharu): cover, key figures, one
 * page per chart with a generated caption, method, sources.
 *
 * Every page is first laid out as a Scene in page coordinates (y down), so
 * all text takes one path (runs per face, measured by text.c) and the page
 * count is known before the footers "Page n / N" are written: the page
 * builders (report_keys.c, report_pages.c, report_sources.c) fill a Doc
 * (report_doc.h). This file then assembles the PDF: each scene is drawn
 * with render_haru_scene at scale 1, chart scenes into their boxes, and the
 * links, outline and document info are added. libharu types appear only
 * here and in render_haru.c.
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

#include "fsutil.h"
#include "render_haru.h"
#include "report_doc.h"
#include "report_keys.h"
#include "report_labels.h"
#include "report_pages.h"
#include "report_sources.h"
#include "util.h"
#include "version.h"

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
    doc_page_add(d, d->g.tw, d->g.th); /* the cover, drawn last */
    report_pages_changes(d);
    report_keys_build(d);
    for (size_t i = 0; i < d->rc->n_charts; i++)
        report_pages_chart(d, i);
    report_pages_method(d);
    report_sources_build(d);
    report_pages_cover(d);
    for (size_t i = 0; i < d->n_pages; i++)
        doc_chrome(d, i);
}

int report_render(const ReportContent *content, const FontStack *fs,
                  const char *path, ByteBuf *out, Error *err)
{
    ReportContent rc = *content;
    if (!rc.title || !rc.title[0])
        rc.title = lang_pick(rc.lang, "AI company growth", "AI 公司成長");
    Doc d = {.rc = &rc, .fs = fs, .g = doc_geometry(rc.paper), .lang = rc.lang,
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
