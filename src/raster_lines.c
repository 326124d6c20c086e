/* raster_lines.c - dense polylines as exact vertical spans, four a pixel. */
#include "raster_lines.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"
#include "util.h"

#if defined(__SSE2__) && defined(__GNUC__) && !defined(RASTER_LINES_NO_SIMD)
#include <emmintrin.h>
#define RASTER_SSE2 1
#endif

/* Sample columns per pixel: with four, a one-pixel line at any slope is
 * within a few levels of cairo's coverage (test_raster_lines.c). */
#define SUB 4

/* Where a stroke crosses one sample column; lo > hi when it does not. */
typedef struct {
    double lo, hi;
} Span;

/* The op's polyline in scene units, or NULL if it is not one moveto
 * followed by linetos inside the scene's arrays. */
static const Point *polyline_of(const Scene *scene, const SceneOp *op)
{
    PathWalk walk;
    if (scene_path_walk(scene, op, &walk) != 0 ||
        walk.n_verbs != walk.n_points || walk.n_points < 2 ||
        walk.verbs[0] != PATH_MOVE)
        return NULL;
    for (size_t i = 1; i < walk.n_verbs; i++)
        if (walk.verbs[i] != PATH_LINE)
            return NULL;
    return walk.points;
}

int raster_lines_wants(const Scene *scene, const SceneOp *op, double scale)
{
    if (op->kind != OP_STROKE || op->n_dash != 0 || !(op->line_width > 0) ||
        !(op->stroke.a > 0) || op->n_points < RASTER_LINES_MIN_POINTS ||
        !(scale > 0) || !isfinite(scale))
        return 0;
    const Point *p = polyline_of(scene, op);
    if (!p)
        return 0;
    /* Pixel indices are computed in long: far-out vertices go to cairo. */
    const double far = 1e7 / scale;
    for (size_t i = 0; i < op->n_points; i++) {
        if (!(fabs(p[i].x) < far) || !(fabs(p[i].y) < far))
            return 0;
        if (i > 0 && p[i].x < p[i - 1].x)
            return 0;
    }
    double step = (p[op->n_points - 1].x - p[0].x) * scale /
                  (double)(op->n_points - 1);
    return step < 2;
}

size_t raster_lines_run(const Scene *scene, size_t first, double scale,
                        int one_color, size_t *points)
{
    size_t n = 0;
    *points = 0;
    while (first + n < scene->n_ops &&
           raster_lines_wants(scene, &scene->ops[first + n], scale) &&
           (!one_color || color_equal(scene->ops[first].stroke,
                                     scene->ops[first + n].stroke)))
        *points += scene->ops[first + n++].n_points;
    return n;
}

/* Written as selects, not ifs: which way they go is random on noisy
 * data, and minsd/maxsd never mispredict. */
static inline void span_add(Span *s, double lo, double hi)
{
    s->lo = lo < s->lo ? lo : s->lo;
    s->hi = hi > s->hi ? hi : s->hi;
}

/* floor(v) for |v| well inside long's range, without the libm call that
 * baseline x86-64 makes of floor(): this runs a few million times. */
static inline long floor_long(double v)
{
    long i = (long)v;
    return i - (v < (double)i);
}

static double min2(double a, double b)
{
    return a < b ? a : b;
}

static double max2(double a, double b)
{
    return a > b ? a : b;
}

/* The first sample column k (centre x = c0 + (k + 0.5) / SUB) with
 * centre at or after x0, or 0. */
static inline size_t first_sample(double x0, int c0)
{
    long f = -floor_long(-((x0 - c0) * SUB - 0.5));
    return f > 0 ? (size_t)f : 0;
}

/* Sample columns with centre in [x0, x1], clamped to [0, n): sets *first
 * and returns one past the last. */
static inline size_t samples_between(double x0, double x1, int c0, size_t n,
                                     size_t *first)
{
    size_t f = first_sample(x0, c0);
    long l = floor_long((x1 - c0) * SUB - 0.5);
    if (l > (long)n - 1)
        l = (long)n - 1;
    *first = f;
    return l >= (long)f ? (size_t)l + 1 : f;
}

/* How many sample columns a disk of radius r can reach, rounded up to a
 * pair, and the room the span array keeps past its end for them. */
static size_t disk_samples(double r)
{
    return ((size_t)(2 * r * SUB) + 2) & ~(size_t)1;
}

/* The round cap or join (disk of radius r) at vertex v, over the
 * disk_samples(r) sample columns from the first it can reach, if that is
 * one of the n (spans has room past n for the rest); outside the disk the root is NaN, which
 * span_add leaves out. Two columns a step with SSE2. */
static inline void add_disk(Span *spans, size_t n, int c0, Point v,
                            double r, size_t width)
{
    size_t k = first_sample(v.x - r, c0);
    if (k >= n)
        return; /* past the strip */
    /* Sample centres are multiples of 1 / (2 SUB), exact in a double and
     * in steps of 1 / SUB: each distance from v is one rounding, the same
     * whichever strip or code path computes it. */
    double x = c0 + (k + 0.5) / SUB;
#ifdef RASTER_SSE2
    const __m128d r2 = _mm_set1_pd(r * r), vx = _mm_set1_pd(v.x);
    const __m128d y = _mm_set1_pd(v.y), step = _mm_set1_pd(2.0 / SUB);
    __m128d xs = _mm_set_pd(x + 1.0 / SUB, x);
    for (size_t j = 0; j < width; j += 2, k += 2) {
        __m128d d = _mm_sub_pd(xs, vx);
        __m128d half = _mm_sqrt_pd(_mm_sub_pd(r2, _mm_mul_pd(d, d)));
        __m128d lo = _mm_sub_pd(y, half), hi = _mm_add_pd(y, half);
        for (int i = 0; i < 2; i++) {
            __m128d add = i ? _mm_unpackhi_pd(lo, hi) : _mm_unpacklo_pd(lo, hi);
            __m128d span = _mm_loadu_pd(&spans[k + i].lo);
            _mm_storeu_pd(&spans[k + i].lo,
                          _mm_move_sd(_mm_max_pd(add, span),
                                      _mm_min_pd(add, span)));
        }
        xs = _mm_add_pd(xs, step);
    }
#else
    for (size_t j = 0; j < width; j++, k++, x += 1.0 / SUB) {
        double d = x - v.x, h2 = r * r - d * d;
        double half = h2 >= 0 ? sqrt(h2) : NAN;
        span_add(&spans[k], v.y - half, v.y + half);
    }
#endif
}

/* Adds y0 + slope * (x - x0) to the sample columns whose centre x lies
 * in [from, to]: one straight side of a capsule. */
static inline void add_side(Span *spans, size_t n, int c0, double from,
                            double to, double x0, double y0, double slope)
{
    size_t k;
    size_t end = samples_between(from, to, c0, n, &k);
    for (; k < end; k++) {
        double y = y0 + slope * (c0 + (k + 0.5) / SUB - x0);
        span_add(&spans[k], y, y);
    }
}

/* The two straight sides of the capsule of segment a-b (a.x <= b.x) and
 * radius r. A side's point above column x belongs to the capsule when the
 * foot of its perpendicular, x +- shift, falls inside the segment, so each
 * side covers a range of columns; elsewhere the end disks (add_disk)
 * bound the capsule. Together they give the exact interval of points
 * within r of the segment. */
static void add_sides(Span *spans, size_t n, int c0, Point a, Point b,
                      double r)
{
    double dx = b.x - a.x, dy = b.y - a.y;
    if (!(dx > 0))
        return; /* vertical: the end disks span it */
    double len = sqrt(dx * dx + dy * dy);
    double slope = dy / dx;
    double half = r * len / dx;  /* vertical half-thickness of the sides */
    double shift = r * dy / len; /* foot of the perpendicular, along x */
    add_side(spans, n, c0, a.x - shift, b.x - shift, a.x, a.y + half, slope);
    add_side(spans, n, c0, a.x + shift, b.x + shift, a.x, a.y - half, slope);
}

static double clamp01(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* The stroke colour as a premultiplied ARGB32 pixel. */
static uint32_t ink_of(Color c)
{
    double a = clamp01(c.a);
    return (uint32_t)lround(a * 255) << 24 |
           (uint32_t)lround(clamp01(c.r) * a * 255) << 16 |
           (uint32_t)lround(clamp01(c.g) * a * 255) << 8 |
           (uint32_t)lround(clamp01(c.b) * a * 255);
}

/* Two 8-bit channels at a time, in the 16-bit lanes of a word: each
 * lane's sums stay below 2^16, so lanes never carry into each other and
 * every channel is rounded exactly as one at a time would be. */
void raster_over(uint32_t *px, uint32_t src, uint32_t k)
{
    const uint32_t lanes = 0x00ff00ffu;
    uint32_t d = *px;
    uint32_t keep = 255 - (((src >> 24) * k) >> 8);
    uint32_t out = 0;
    for (int shift = 0; shift < 16; shift += 8) {
        uint32_t s2 = (((src >> shift) & lanes) * k >> 8) & lanes;
        uint32_t d2 = ((d >> shift) & lanes) * keep + 0x00800080u;
        d2 = ((d2 + ((d2 >> 8) & lanes)) >> 8) & lanes; /* div255 */
        uint32_t v = s2 + d2;                            /* <= 510 a lane */
        v |= ((v >> 8) & 0x00010001u) * 0xff;            /* clamp to 255 */
        out |= (v & lanes) << shift;
    }
    *px = out;
}

/* coverage k (0..256) of alpha over *px: the alpha channel of
 * raster_over, alone. */
static void coverage_over(unsigned char *px, uint32_t alpha, uint32_t k)
{
    uint32_t a = (alpha * k) >> 8;
    uint32_t d = *px * (255 - a) + 128;
    uint32_t v = a + ((d + (d >> 8)) >> 8);
    *px = (unsigned char)(v > 255 ? 255 : v);
}

/* Where pixels go: the image and the scene-to-pixel mapping. */
typedef struct {
    RasterImage image;
    double scale, dx, dy;
} Target;

static void blend(const Target *t, long x, long y, uint32_t ink, uint32_t q)
{
    unsigned char *row = t->image.pixels + (size_t)y * t->image.stride;
    if (t->image.format == RASTER_A8)
        coverage_over(row + x, ink >> 24, q);
    else
        raster_over((uint32_t *)(void *)row + x, ink, q);
}

/* First vertex index whose segment to the next can reach x >= x0 - r. */
static size_t first_vertex(const Point *p, size_t n, const Target *t,
                           double x0)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p[mid].x * t->scale - t->dx < x0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 ? lo - 1 : 0;
}

/* Fills spans[0 .. n_sub) for the sample columns of pixel columns c0..,
 * from the vertices that can reach them. */
static void trace(const Point *p, size_t n, const Target *t, double r,
                  int c0, Span *spans, size_t n_sub)
{
    for (size_t i = 0; i < n_sub + disk_samples(r); i++)
        spans[i] = (Span){INFINITY, -INFINITY};
    double x_end = c0 + (double)n_sub / SUB + r;
    size_t i = first_vertex(p, n, t, c0 - r);
    size_t width = disk_samples(r);
    Point a = {p[i].x * t->scale - t->dx, p[i].y * t->scale - t->dy};
    add_disk(spans, n_sub, c0, a, r, width);
    for (i++; i < n && a.x <= x_end; i++) {
        Point b = {p[i].x * t->scale - t->dx, p[i].y * t->scale - t->dy};
        add_disk(spans, n_sub, c0, b, r, width);
        add_sides(spans, n_sub, c0, a, b, r);
        a = b;
    }
}

/* Length of [lo, hi] inside [y0, y1]. */
static double overlap(double lo, double hi, double y0, double y1)
{
    double a = lo > y0 ? lo : y0;
    double b = hi < y1 ? hi : y1;
    return max2(b - a, 0);
}

/* Composites the coverage of the sample spans of pixel columns c0..c1.
 * The clip cuts the spans exactly in y and drops the samples whose centre
 * it leaves out in x, as cairo intersects a stroke with a clip. */
static void fill_columns(const Target *t, Span *spans, int c0, int c1,
                         PixelClip clip, uint32_t ink)
{
    double row_lo = max2(clip.y0, 0), row_hi = min2(clip.y1, t->image.height);
    for (int c = c0; c < c1; c++) {
        Span *s = &spans[(size_t)(c - c0) * SUB];
        double lo = INFINITY, hi = -INFINITY;
        for (int k = 0; k < SUB; k++) {
            double x = c + (k + 0.5) / SUB;
            if (x < clip.x0 || x > clip.x1)
                s[k] = (Span){INFINITY, -INFINITY};
            lo = min2(lo, s[k].lo);
            hi = max2(hi, s[k].hi);
        }
        if (!(hi > lo))
            continue;
        long y0 = floor_long(max2(lo, row_lo));
        long y1 = -floor_long(-min2(hi, row_hi));
        for (long y = y0; y < y1; y++) {
            double top = max2((double)y, clip.y0);
            double bottom = min2((double)y + 1, clip.y1);
            double cover = 0;
            for (int k = 0; k < SUB; k++)
                cover += overlap(s[k].lo, s[k].hi, top, bottom);
            uint32_t q = (uint32_t)(clamp01(cover / SUB) * 256 + 0.5);
            if (q > 0)
                blend(t, c, y, ink, q);
        }
    }
}

/* Draws one polyline op inside clip. */
static void draw_op(const Scene *scene, const SceneOp *op, const Target *t,
                    PixelClip clip, Span **spans, size_t *cap)
{
    const Point *p = scene_op_points(scene, op);
    size_t n = op->n_points;
    double r = op->line_width * t->scale / 2;
    double x_first = p[0].x * t->scale - t->dx;
    double x_last = p[n - 1].x * t->scale - t->dx;
    double lo_x = max2(max2(clip.x0, x_first - r), 0);
    double hi_x = min2(min2(clip.x1, x_last + r), t->image.width);
    if (!(hi_x > lo_x))
        return;
    int c0 = (int)floor_long(lo_x), c1 = (int)-floor_long(-hi_x);
    size_t n_sub = (size_t)(c1 - c0) * SUB;
    size_t room = n_sub + disk_samples(r);
    if (room > *cap) {
        free(*spans);
        *spans = xmalloc_array(room, sizeof **spans);
        *cap = room;
    }
    trace(p, n, t, r, c0, *spans, n_sub);
    fill_columns(t, *spans, c0, c1, clip, ink_of(op->stroke));
}

/* One strip of columns: every op of the run, in order, inside it. */
typedef struct {
    const Scene *scene;
    size_t first, count;
    Target target;
    PixelClip clip;
} Strip;

/* parallel_for's body: strip i of the Strip array strips. */
static void draw_strip(void *strips, size_t which)
{
    const Strip *st = (const Strip *)strips + which;
    Span *spans = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < st->count; i++)
        draw_op(st->scene, &st->scene->ops[st->first + i], &st->target,
                st->clip, &spans, &cap);
    free(spans);
}

void raster_lines_draw(const Scene *scene, size_t first, size_t count,
                       double scale, double dx, double dy, PixelClip clip,
                       const RasterImage *image)
{
    Target t = {*image, scale, dx, dy};
    /* Two strips split at a whole pixel column: every pixel is computed
     * from the same segments whichever strip has it, so the image does not
     * depend on how many threads drew it. */
    double mid = floor((clip.x0 + clip.x1) / 2);
    Strip strips[2] = {{scene, first, count, t, clip},
                       {scene, first, count, t, clip}};
    if (!(mid > clip.x0 && mid < clip.x1)) {
        draw_strip(strips, 0);
        return;
    }
    strips[0].clip.x1 = min2(clip.x1, mid);
    strips[1].clip.x0 = max2(clip.x0, mid);
    parallel_for(2, draw_strip, strips);
}

size_t raster_lines_image(const Scene *scene, size_t first,
                          const ClipStack *cs, LineImage *image)
{
    const double res = RASTER_LINES_IMAGE_SCALE;
    memset(image, 0, sizeof *image);
    const PixelClip *top = clip_stack_top(cs);
    size_t points;
    size_t count = top ? raster_lines_run(scene, first, res, 1, &points) : 0;
    if (count == 0 || points < RASTER_LINES_IMAGE_POINTS)
        return 0;
    PixelClip clip = *top;
    double x0 = floor(max2(clip.x0, 0)), y0 = floor(max2(clip.y0, 0));
    double x1 = ceil(min2(clip.x1, scene->width));
    double y1 = ceil(min2(clip.y1, scene->height));
    if (!(x1 > x0 && y1 > y0))
        return count; /* clipped away */
    RasterImage mask = {NULL, (int)((x1 - x0) * res), (int)((y1 - y0) * res),
                        0, RASTER_A8};
    mask.stride = (mask.width + 3) & ~3; /* as cairo's A8 rows */
    mask.pixels = xcalloc((size_t)mask.height, (size_t)mask.stride);
    *image = (LineImage){x0, y0, x1 - x0, y1 - y0, mask,
                         scene->ops[first].stroke};
    image->ink.a = 1; /* the alpha is in the mask */
    PixelClip pixel_clip = {(clip.x0 - x0) * res, (clip.y0 - y0) * res,
                            (clip.x1 - x0) * res, (clip.y1 - y0) * res};
    raster_lines_draw(scene, first, count, res, x0 * res, y0 * res,
                      pixel_clip, &image->mask);
    return count;
}
