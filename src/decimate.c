/* decimate.c - per quarter pixel column, keep first, min, max and last. */
#include "decimate.h"

#include <math.h>
#include <string.h>

/* Columns per output pixel. With whole-pixel columns a thin antialiased
 * line still differs: a dense zigzag inside one column covers all of its
 * width, while first-min-max-last draws three steep strokes, each as wide
 * as the line, leaving part of the pixel lighter (measured: 226 pixels off
 * by more than 64/255 on a 400x300 test). Quarter-pixel columns cover the
 * pixel like the zigzag does for lines down to half a pixel wide, and keep
 * at most 16 vertices a pixel (test_decimate.c pins the difference). */
#define SUBCOLUMNS 4.0

static int finite_point(Point p)
{
    return isfinite(p.x) && isfinite(p.y);
}

/* floor(v), without the libm call baseline x86-64 makes of floor(): this
 * runs twice a vertex, a million times for a big chart. */
static double column_of(double v)
{
    if (!(fabs(v) < 1e15))
        return floor(v);
    double t = (double)(long long)v;
    return t > v ? t - 1 : t;
}

size_t decimate_polyline(const Point *in, size_t n, double scale, Point *out)
{
    scale *= SUBCOLUMNS;
    if (!(scale > 0) || !isfinite(scale)) {
        if (out != in && n > 0)
            memmove(out, in, n * sizeof *in);
        return n;
    }
    /* In place is safe: a run's kept vertices are copied in increasing
     * order to slots at or before their own, and every vertex read later
     * lies after every slot written. */
    size_t w = 0, i = 0;
    while (i < n) {
        if (!finite_point(in[i])) {
            out[w++] = in[i++];
            continue;
        }
        double col = column_of(in[i].x * scale);
        size_t first = i, lo = i, hi = i;
        for (i++; i < n && finite_point(in[i]) &&
                  column_of(in[i].x * scale) == col;
             i++) {
            if (in[i].y < in[lo].y)
                lo = i;
            if (in[i].y > in[hi].y)
                hi = i;
        }
        if (i - first == 1) { /* alone in its column, the common case */
            out[w++] = in[first];
            continue;
        }
        size_t last = i - 1;
        size_t keep[4] = {first, lo < hi ? lo : hi, lo < hi ? hi : lo, last};
        for (int k = 0; k < 4; k++) /* sorted; skip repeats */
            if (k == 0 || keep[k] != keep[k - 1])
                out[w++] = in[keep[k]];
    }
    return w;
}
