/* render_cairo.h - scene to PNG, SVG or single-chart PDF through cairo. */
#ifndef AIGROWTH_RENDER_CAIRO_H
#define AIGROWTH_RENDER_CAIRO_H

#include "error.h"
#include "fsutil.h"
#include "scene.h"
#include "text.h"

typedef enum { OUTPUT_PNG, OUTPUT_SVG, OUTPUT_PDF } OutputFormat;

/* Draws scene into out (appended) as the given format. scale multiplies
 * pixel size for PNG (1 = one pixel per point). Text is drawn run by run
 * with cairo-ft faces from fs, so Latin and CJK both show. Output bytes
 * depend only on the inputs (no timestamps). ERR_RENDER on failure. */
int render_cairo(const Scene *scene, const FontStack *fs, OutputFormat format,
                 double scale, ByteBuf *out, Error *err);

/* Renders and writes atomically to path, the format from its extension
 * (png, svg, pdf); ERR_USAGE for an unknown extension. */
int render_cairo_file(const Scene *scene, const FontStack *fs,
                      const char *path, double scale, Error *err);

#endif
