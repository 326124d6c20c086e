/* render_haru_doc.c - a laid-out report (report_doc.h's Doc) to PDF bytes
 * through libharu: one page per scene, chart scenes drawn into their boxes
 * by render_haru_scene, then the links, the outline and the document
 * info. Building the pages (report*.c) knows nothing of libharu. */
#include "render_haru_doc.h"

#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "render_haru.h"
#include "util.h"
#include "version.h"

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

static int set_info(HPDF_Doc pdf, const PdfInfo *info)
{
    struct tm tm;
    time_t t = info->generated;
    gmtime_r(&t, &tm);
    HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                      tm.tm_hour, tm.tm_min,
                      tm.tm_sec < 60 ? tm.tm_sec : 59, 'Z', 0, 0};
    int bad = 0;
    bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, info->title) != HPDF_OK;
    if (info->author && info->author[0])
        bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, info->author) !=
               HPDF_OK;
    bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR,
                            "aigrowth " AIGROWTH_VERSION) != HPDF_OK;
    bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, info->subject) !=
           HPDF_OK;
    bad |= HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, info->keywords) !=
           HPDF_OK;
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
static int write_outline(HPDF_Doc pdf, HPDF_Page *pages, const Doc *d,
                         const PdfInfo *info)
{
    if (!add_outline(pdf, NULL, pages[0], info->cover_entry))
        return -1;
    HPDF_Outline charts = NULL;
    for (size_t i = 0; i < d->n_toc; i++) {
        const TocEntry *e = &d->toc[i];
        if (e->child && !charts) {
            charts = add_outline(pdf, NULL, pages[e->page],
                                 info->charts_entry);
            if (!charts || HPDF_Outline_SetOpened(charts, HPDF_TRUE))
                return -1;
        }
        if (!add_outline(pdf, e->child ? charts : NULL, pages[e->page],
                         e->title))
            return -1;
    }
    return 0;
}

/* The page's chart in its box, laid out now when the report keeps no
 * scene of it, and dropped once drawn. */
static int draw_chart(HPDF_Page page, const Page *pg, const FontStack *fs,
                      const HaruFonts *hf, Error *err)
{
    Scene *owned;
    const Scene *cs = report_chart_scene(pg->chart, &owned, err);
    int rc = cs ? render_haru_scene(page, cs, fs, hf, pg->bx,
                                    pg->sc->height - pg->btop, pg->bw,
                                    pg->bh, err)
                : -1;
    scene_destroy(owned);
    return rc;
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

int render_haru_doc(Doc *d, const PdfInfo *info, const FontStack *fs,
                    const char *path, ByteBuf *out, Error *err)
{
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
    if (!hf || set_info(pdf, info) != 0 ||
        haru_check(&he, path, "setting document info", err))
        goto fail;

    pages = xcalloc(d->n_pages, sizeof *pages);
    for (size_t i = 0; i < d->n_pages; i++) {
        const Page *pg = &d->pages[i];
        pages[i] = HPDF_AddPage(pdf);
        if (!pages[i] ||
            HPDF_Page_SetWidth(pages[i], (HPDF_REAL)pg->sc->width) ||
            HPDF_Page_SetHeight(pages[i], (HPDF_REAL)pg->sc->height))
            goto fail;
    }
    for (size_t i = 0; i < d->n_pages; i++) {
        const Page *pg = &d->pages[i];
        double H = pg->sc->height;
        if (render_haru_scene(pages[i], pg->sc, fs, hf, 0, H, pg->sc->width,
                              H, err) != 0)
            goto fail;
        if (pg->chart && draw_chart(pages[i], pg, fs, hf, err) != 0)
            goto fail;
        if (write_links(pages[i], pages, pg) != 0)
            goto fail;
        scene_destroy(d->pages[i].sc);
        d->pages[i].sc = NULL;
    }
    if (write_outline(pdf, pages, d, info) != 0 ||
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
    haru_fonts_destroy(hf);
    HPDF_Free(pdf);
    return rcode;
}

