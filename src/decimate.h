/* decimate.h - thin a dense polyline without changing how it draws.
 *
 * Ten years of daily points on a 600-pixel-wide plot put several vertices
 * in each pixel column; stroking them all costs time and, in SVG or PDF,
 * bytes, for no visible difference. Within one run of consecutive
 * vertices in the same narrow column, the drawn line is the vertical span
 * from their lowest to their highest, entered at the first vertex and left
 * from the last: keeping first, min, max and last (in their original
 * order) draws the same pixels up to antialiasing, and keeps the segments
 * between columns exactly. The columns are a quarter of an output pixel
 * wide (see decimate.c for why), so a series thins only where it has more
 * than 4 vertices a quarter pixel, i.e. 16 a pixel; sparser runs come back
 * unchanged. */
#ifndef AIGROWTH_DECIMATE_H
#define AIGROWTH_DECIMATE_H

#include <stddef.h>

#include "scene.h"

/* Writes to out the vertices of the polyline in[0..n) that draw the same
 * at scale output pixels per scene unit (the PNG scale; for SVG and PDF,
 * which can be zoomed, pass the resolution that must hold, e.g. 4), and
 * returns how many: at most n, in their original order, always including
 * in[0] and in[n-1]. out has room for n points (the caller's); out may be
 * in itself, for decimation in place. A vertex with a non-finite
 * coordinate is kept as it is and starts a new run, as does a change of
 * column, so a polyline whose x goes back and forth is thinned only where
 * it stays in one column. A scale that is not positive and finite keeps
 * every vertex. Pure: no allocation, no state. */
size_t decimate_polyline(const Point *in, size_t n, double scale, Point *out);

#endif
