/* render_svg.h - scene to SVG 1.1, written directly from the display list.
 *
 * Text becomes glyph outlines, so the file looks the same in every viewer
 * whatever fonts it has (CJK included): each distinct glyph is one path in
 * <defs>, in font units, placed with <use> inside a group per string that
 * carries the string as its aria-label. */
#ifndef AIGROWTH_RENDER_SVG_H
#define AIGROWTH_RENDER_SVG_H

#include <stddef.h>

#include "bytebuf.h"
#include "error.h"
#include "scene.h"
#include "text.h"

/* Appends scene as a standalone SVG 1.1 document to out (caller owns and
 * frees it), drawn as render_cairo draws the PNG: same colours and alpha,
 * round caps and joins, dashes, non-zero fills, clip rectangles, glyphs at
 * the pen positions text.c measured, bold CJK emboldened like cairo's
 * FC_EMBOLDEN. Scene coordinates are written with at most two decimals.
 * The bytes depend only on the scene and the fonts. A dash pattern cairo
 * would refuse (negative or all zero) draws solid. fs may be shared with
 * renders on other threads (see text.h). ERR_RENDER for a size that is not
 * positive and finite, or a glyph FreeType cannot load; out may then hold
 * part of a document. */
int render_svg(const Scene *scene, const FontStack *fs, ByteBuf *out,
               Error *err);


#endif
