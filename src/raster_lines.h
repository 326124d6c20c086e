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
#include <stdint.h>

#include "clip.h"
#include "scene.h"

/* A stroke op with fewer vertices is left to cairo. */
#define RASTER_LINES_MIN_POINTS 500

/* Whether op is a stroke this module draws: a solid (undashed) open
 * polyline of at least RASTER_LINES_MIN_POINTS finite vertices within ten
 * million pixels of the origin whose x never decreases, on average under
 * 2 device pixels apart at scale. */
int raster_lines_wants(const Scene *scene, const SceneOp *op, double scale);

/* Pixels raster_lines draws into, laid out as cairo's image formats of
 * the same name: premultiplied colour (a native-endian uint32 a pixel),
 * or alpha alone (a byte a pixel). */
typedef enum { RASTER_ARGB32, RASTER_A8 } RasterFormat;

typedef struct {
    unsigned char *pixels;
    int width, height, stride; /* stride: bytes from one row to the next */
    RasterFormat format;
} RasterImage;

/* Composites, in order, the ops scene->ops[first .. first + count), each
 * one raster_lines_wants accepts at scale (a run raster_lines_run found:
 * not checked again, as that reads every vertex), over image (in A8, the
 * alpha the ARGB32 drawing would have). Scene units are
 * multiplied by scale and then shifted by (-dx, -dy) to give pixels; only
 * pixels inside clip (same pixel coordinates) change, edge pixels by the
 * fraction the clip covers. Round caps and joins, like render_cairo. The
 * left and right halves of the clip are drawn at once (parallel_for);
 * the image is the same as one thread would draw. */
void raster_lines_draw(const Scene *scene, size_t first, size_t count,
                       double scale, double dx, double dy, PixelClip clip,
                       const RasterImage *image);

/* src, a premultiplied ARGB32 pixel, at coverage k (0..256) over *px:
 * the compositing of every pixel this module and the PNG markers write. */
void raster_over(uint32_t *px, uint32_t src, uint32_t k);

/* Vector outputs (SVG, PDF) draw a group of dense lines of one colour as
 * one image when the group has at least this many vertices in all: as
 * paths they would take megabytes for nothing a reader can see. Smaller
 * groups (a few highlighted series over a mass of context lines) stay
 * paths, sharp at any zoom. */
#define RASTER_LINES_IMAGE_POINTS 20000

/* Pixels per scene unit of that image. Such a group is the grey mass of
 * context lines (each highlighted series has a colour, and so a group, of
 * its own, and stays a path); at one pixel a point it is as fine as the
 * PNG, and takes a third of the time and half the bytes it took at 1.5. */
#define RASTER_LINES_IMAGE_SCALE 1.0

/* How many ops from scene->ops[first] on raster_lines_wants accepts at
 * scale, one after another (of the same stroke colour only, when
 * one_color is set); *points gets their vertices in all. */
size_t raster_lines_run(const Scene *scene, size_t first, double scale,
                        int one_color, size_t *points);

/* Dense lines of one colour drawn for a vector backend: ink, opaque,
 * painted through mask (A8, rows a multiple of 4 bytes as cairo wants
 * them; pixels owned, free()), which covers the scene rectangle
 * x, y, w, h (units). The lines' own alpha is in the mask. */
typedef struct {
    double x, y, w, h;
    RasterImage mask;
    Color ink;
} LineImage;

/* For a vector backend at op first: the group of dense lines of one
 * colour starting there with RASTER_LINES_IMAGE_POINTS vertices or more,
 * drawn at RASTER_LINES_IMAGE_SCALE into a new image over the clip cs
 * holds (scene units, cut to the scene). Returns how many ops the image
 * stands for, 0 when op first is to be drawn as a path;
 * image->mask.pixels is NULL (nothing allocated) when the clip leaves
 * nothing to draw. */
size_t raster_lines_image(const Scene *scene, size_t first,
                          const ClipStack *cs, LineImage *image);

#endif
