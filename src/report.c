/* report.c - the multi-page PDF report (libharu): cover, key figures, one
 * page per chart with a generated caption, method, sources.
 *
 * Every page is first laid out as a Scene in page coordinates (y down), so
 * all text takes one path (runs per face, measured by text.c) and the page
 * count is known before the footers "Page n / N" are written: the page
 * builders (report_keys.c, report_pages.c, report_sources.c) fill a Doc
 * (report_doc.h), and render_haru_doc.c writes it as a PDF: each scene
 * drawn at scale 1, chart scenes into their boxes, with the links, outline
 * and document info this file words. libharu appears only in render_haru*.
 *
 * A4 and Letter: text pages portrait, chart pages landscape, because the
 * charts are 16:9 (on A4 a landscape chart is 770 x 433 pt against
 * 515 x 290 across a portrait page; viewers handle mixed orientation).
 * Slides: 960 x 540 pt throughout, body type 16 pt and more.
 *
 * The document is built in memory and written with fsutil_write_atomic,
 * so a failed run leaves the previous report in place. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "render_haru_doc.h"
#include "report_doc.h"
#include "report_keys.h"
#include "report_labels.h"
#include "report_pages.h"
#include "report_sources.h"
#include "util.h"

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

    layout(&d);
    char kw[1024];
    keywords(&d, kw, sizeof kw);
    PdfInfo info = {
        .title = rc.title,
        .author = rc.author,
        .subject = rc.subtitle && rc.subtitle[0]
                       ? rc.subtitle
                       : L(&d, "Growth of AI-company metrics",
                           "AI 公司指標的成長"),
        .keywords = kw,
        .cover_entry = L(&d, "Cover", "封面"),
        .charts_entry = L(&d, "Charts", "圖表"),
        .generated = (long long)rc.generated,
    };
    int rcode = render_haru_doc(&d, &info, fs, path, out, err);
    doc_free(&d);
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
