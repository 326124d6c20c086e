/* render_svg.h - scene to SVG 1.1, written directly from the display list.
 *
 * By default text becomes glyph outlines, so the file looks the same in
 * every viewer whatever fonts it has (CJK included): each distinct glyph
 * is one path in <defs>, in font units, placed with <use> inside a group
 * per string that carries the string as its aria-label. SVG_TEXT_ELEMENTS
 * writes <text> elements with a font-family list instead, which slide
 * software can edit, at the price of the viewer's fonts and metrics.
 *
 * The document is sized in CSS pixels, one per point (the PNG's pixels at
 * scale 1), so a browser shows a 1920 x 1080 chart at 1920 x 1080. It is
 * role="img", labelled by its <title> and described by its <desc> (the
 * scene's info). */
#ifndef AIGROWTH_RENDER_SVG_H
#define AIGROWTH_RENDER_SVG_H

#include <stddef.h>

#include "bytebuf.h"
#include "error.h"
#include "scene.h"
#include "text.h"

/* Appends scene as a standalone SVG 1.1 document to out (caller owns and
 * frees it), text written as text says, drawn as render_cairo draws the
 * PNG: same colours and alpha,
 * round caps and joins, dashes, non-zero fills, clip rectangles, glyphs at
 * the pen positions text.c measured, bold CJK emboldened like cairo's
 * FC_EMBOLDEN. Scene coordinates are written with at most two decimals.
 * The bytes depend only on the scene and the fonts. A dash pattern cairo
 * would refuse (negative or all zero) draws solid. fs may be shared with
 * renders on other threads (see text.h). ERR_RENDER for a size that is not
 * positive and finite, or a glyph FreeType cannot load; out may then hold
 * part of a document. */
typedef enum { SVG_TEXT_OUTLINES = 0, SVG_TEXT_ELEMENTS = 1 } SvgText;

/* The font-family list of SVG_TEXT_ELEMENTS text: Latin faces first, then
 * Traditional Chinese ones on the common systems, then sans-serif. */
#define SVG_FONT_FAMILIES                                                  \
    "Lato, 'Helvetica Neue', Arial, 'WenQuanYi Zen Hei', "                 \
    "'Noto Sans CJK TC', 'PingFang TC', 'Microsoft JhengHei', sans-serif"

int render_svg(const Scene *scene, const FontStack *fs, SvgText text,
               ByteBuf *out, Error *err);


#endif
