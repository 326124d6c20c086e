/* render_haru_doc.h - a laid-out report to PDF bytes through libharu. */
#ifndef AIGROWTH_RENDER_HARU_DOC_H
#define AIGROWTH_RENDER_HARU_DOC_H

#include "bytebuf.h"
#include "error.h"
#include "report_doc.h"
#include "text.h"

/* What the PDF says about itself, in the report's language. */
typedef struct {
    const char *title, *author, *subject, *keywords;
    const char *cover_entry, *charts_entry;   /* outline entries */
    long long generated;                      /* seconds since 1970, UTC */
} PdfInfo;

/* Appends the PDF of d's pages (scenes, chart boxes, links, outline) to
 * out. Returns 0, or -1 with err naming path. Each page's scene is
 * dropped once drawn (set to NULL): libharu holds the document whole
 * until it is saved, and the scenes need not be held beside it. */
int render_haru_doc(Doc *d, const PdfInfo *info, const FontStack *fs,
                    const char *path, ByteBuf *out, Error *err);

#endif
