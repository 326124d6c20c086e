/* raster_lines.h - dense solid polylines drawn straight into pixels.
 *
 * cairo strokes a polyline segment by segment (a polygon per segment and
 * join, then scan conversion): about 1.7 us a vertex, 1.7 s for a million
 * points. Ten years of daily values of 250 companies is that many, and
 * decimation cannot thin it: at 3 vertices a pixel column every vertex
 * still shows. This module draws such a line column by column instead:
 * the line's x never goes back (dates are sorted), so at any x its stroke
 * crosses a vertical line in one interval; four such intervals a pixel
 * column, each computed exactly for the round-capped segments near it,
 * give the pixel's coverage (box filter). The result matches cairo's
 * stroke up to antialiasing rounding (test_raster_lines.c measures it),
 * at a few microseconds a column. */
#ifndef AIGROWTH_RASTER_LINES_H
#define AIGROWTH_RASTER_LINES_H

#include <stddef.h>

#include "scene.h"

/* A stroke op with fewer vertices is left to cairo. */
#define RASTER_LINES_MIN_POINTS 500

/* Clip rectangle in device pixels (may be fractional). */
typedef struct {
    double x0, y0, x1, y1;
} PixelClip;

/* Whether op is a stroke this module draws: a solid (undashed) open
 * polyline of at least RASTER_LINES_MIN_POINTS finite vertices whose x
 * never decreases, on average under 2 device pixels apart at scale. */
int raster_lines_wants(const Scene *scene, const SceneOp *op, double scale);

/* Composites, in order, the ops scene->ops[first .. first + count) that
 * raster_lines_wants accepts (others are skipped) over a premultiplied
 * ARGB32 image (cairo's CAIRO_FORMAT_ARGB32: native-endian uint32 per
 * pixel), width x height pixels, rows stride bytes apart. Scene units are
 * multiplied by scale and then shifted by (-dx, -dy) to give pixels; only
 * pixels inside clip (same pixel coordinates) change, edge pixels by the
 * fraction the clip covers. Round caps and joins, like render_cairo. The
 * left and right halves of the clip are drawn on two threads; the image
 * is the same as one thread would draw. */
void raster_lines_draw(const Scene *scene, size_t first, size_t count,
                       double scale, double dx, double dy, PixelClip clip,
                       unsigned char *pixels, int width, int height,
                       int stride);

#endif
