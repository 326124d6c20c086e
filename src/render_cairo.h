/* render_cairo.h - scene to PNG or single-chart PDF through cairo, and to
 * SVG through render_svg: the one entry point for every output format. */
#ifndef AIGROWTH_RENDER_CAIRO_H
#define AIGROWTH_RENDER_CAIRO_H

#include "bytebuf.h"
#include "error.h"
#include "render_svg.h"
#include "scene.h"
#include "text.h"

typedef enum { OUTPUT_PNG, OUTPUT_SVG, OUTPUT_PDF } OutputFormat;

/* How to render: the PNG's pixels per point, and how SVG writes text. */
typedef struct {
    double scale;
    SvgText svg_text;
} RenderOptions;

/* Draws scene into out (appended; caller owns and frees it) as the given
 * format; OUTPUT_SVG is render_svg's (see render_svg.h), cairo draws the
 * others. scale multiplies pixel size for PNG (1 = one pixel per point) and
 * is ignored for SVG and PDF; SVG text is outlines. A PNG carries a pHYs
 * of 72 dpi times scale (a 2x image is placed at the 1x one's size) and
 * iTXt chunks Title, Description, Source (the scene's info, when set) and
 * Software; a PDF the scene's title and description as Title and
 * Subject. Text is drawn run by run with cairo-ft faces
 * loaded from fs's font files, so Latin and CJK both show; bold CJK is
 * emboldened synthetically (the CJK font has no bold cut). Output bytes
 * depend only on the inputs: a PDF carries a CreationDate only when
 * SOURCE_DATE_EPOCH is set, and then that one. A PNG is 8-bit RGB when
 * every pixel is opaque (a scene with an opaque background), else RGBA.
 * Renders on other threads may share fs at the same time (see text.h).
 * ERR_USAGE, before anything is allocated, for a scale that is not
 * positive or a PNG over 32767 pixels a side or 100 million in all;
 * ERR_RENDER when cairo fails. */
int render_cairo(const Scene *scene, const FontStack *fs, OutputFormat format,
                 double scale, ByteBuf *out, Error *err);
/* render_cairo with every option (scale from opt). */
int render_cairo_with(const Scene *scene, const FontStack *fs,
                      OutputFormat format, const RenderOptions *opt,
                      ByteBuf *out, Error *err);

/* Renders and writes atomically to path, the format from its extension
 * (png, svg, pdf, any case); ERR_USAGE for an unknown extension, ERR_IO
 * when writing fails (path then untouched). */
int render_cairo_file(const Scene *scene, const FontStack *fs,
                      const char *path, double scale, Error *err);
int render_cairo_file_with(const Scene *scene, const FontStack *fs,
                           const char *path, const RenderOptions *opt,
                           Error *err);

#endif
