/* test_raster_lines.c - dense polylines drawn by raster_lines look like
 * cairo's stroke of every vertex, stay inside their clip, and come out the
 * same however the columns are split between threads. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "raster_lines.h"
#include "scene.h"

#define W 400
#define H 300

static const Color white = {1, 1, 1, 1};

/* A seeded walk of n vertices from x0 across span points, like daily
 * values: noisy, with a trend. */
static void add_walk(Scene *sc, unsigned *seed, size_t n, double x0,
                     double span, double y0, Color c, double width)
{
    double y = y0;
    scene_path_begin(sc);
    for (size_t i = 0; i < n; i++) {
        *seed = *seed * 1103515245u + 12345u;
        double noise = ((*seed >> 8) & 0xffff) / 65535.0 - 0.5;
        y += 1.6 * noise - 0.02;
        double x = x0 + span * (double)i / (double)(n - 1);
        if (i == 0)
            scene_move_to(sc, x, y);
        else
            scene_line_to(sc, x, y);
    }
    scene_stroke(sc, c, width, NULL, 0);
}

/* 40 thin grey walks under 4 thick coloured ones, one translucent. */
static Scene *dense_scene(void)
{
    Scene *sc = scene_create(W, H, white);
    unsigned seed = 20250101;
    for (int i = 0; i < 40; i++)
        add_walk(sc, &seed, 1200, 20, 360, 60 + 5 * i, (Color){0.78, 0.78, 0.78, 1},
                 0.8);
    const Color colors[] = {{0, 0.45, 0.7, 1}, {0.9, 0.6, 0, 1},
                            {0, 0.62, 0.45, 1}, {0.8, 0.47, 0.65, 0.6}};
    for (int i = 0; i < 4; i++)
        add_walk(sc, &seed, 1200, 20, 360, 100 + 30 * i, colors[i], 2.2);
    return sc;
}

static cairo_surface_t *white_surface(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, H);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

/* Every vertex stroked by cairo, as render_cairo strokes. */
static cairo_surface_t *draw_with_cairo(const Scene *sc, PixelClip clip)
{
    cairo_surface_t *s = white_surface();
    cairo_t *cr = cairo_create(s);
    cairo_rectangle(cr, clip.x0, clip.y0, clip.x1 - clip.x0, clip.y1 - clip.y0);
    cairo_clip(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t i = 0; i < sc->n_ops; i++) {
        const SceneOp *op = &sc->ops[i];
        const Point *p = scene_op_points(sc, op);
        cairo_new_path(cr);
        for (size_t j = 0; j < op->n_points; j++)
            cairo_line_to(cr, p[j].x, p[j].y);
        cairo_set_source_rgba(cr, op->stroke.r, op->stroke.g, op->stroke.b,
                              op->stroke.a);
        cairo_set_line_width(cr, op->line_width);
        cairo_stroke(cr);
    }
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

/* The pixels of an ARGB32 image surface, to draw into. */
static RasterImage pixels_of(cairo_surface_t *s)
{
    return (RasterImage){cairo_image_surface_get_data(s),
                         cairo_image_surface_get_width(s),
                         cairo_image_surface_get_height(s),
                         cairo_image_surface_get_stride(s), RASTER_ARGB32};
}

static cairo_surface_t *draw_with_raster_lines(const Scene *sc,
                                               PixelClip clip)
{
    cairo_surface_t *s = white_surface();
    RasterImage image = pixels_of(s);
    raster_lines_draw(sc, 0, sc->n_ops, 1, 0, 0, clip, &image);
    cairo_surface_mark_dirty(s);
    return s;
}

/* Pixels whose largest channel difference exceeds tolerance. */
static size_t pixels_off(cairo_surface_t *a, cairo_surface_t *b,
                         int tolerance)
{
    const unsigned char *pa = cairo_image_surface_get_data(a);
    const unsigned char *pb = cairo_image_surface_get_data(b);
    int stride = cairo_image_surface_get_stride(a);
    size_t off = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W * 4; x += 4) {
            int worst = 0;
            for (int k = 0; k < 4; k++) {
                int d = abs(pa[y * stride + x + k] - pb[y * stride + x + k]);
                worst = d > worst ? d : worst;
            }
            off += worst > tolerance;
        }
    return off;
}

static size_t pixels_not_white(cairo_surface_t *s)
{
    const uint32_t *p = (const uint32_t *)(void *)cairo_image_surface_get_data(s);
    size_t n = 0;
    for (int i = 0; i < W * H; i++)
        n += p[i] != 0xffffffffu;
    return n;
}

/* The drawing matches cairo's stroke of every vertex up to antialiasing:
 * measured on this scene, of 36886 pixels drawn, 2 are off by more than
 * 8/255 and none by more than 16/255. */
static void test_matches_cairo_stroke(void **state)
{
    (void)state;
    Scene *sc = dense_scene();
    for (size_t i = 0; i < sc->n_ops; i++)
        assert_true(raster_lines_wants(sc, &sc->ops[i], 1));
    PixelClip clip = {0, 0, W, H};
    cairo_surface_t *want = draw_with_cairo(sc, clip);
    cairo_surface_t *got = draw_with_raster_lines(sc, clip);
    assert_true(pixels_not_white(want) > 20000);
    assert_true(pixels_not_white(got) > 20000);
    assert_int_equal(pixels_off(want, got, 16), 0);
    assert_true(pixels_off(want, got, 8) <= 4);
    cairo_surface_destroy(want);
    cairo_surface_destroy(got);
    scene_destroy(sc);
}

/* A fractional clip rectangle: nothing drawn outside it, and its edge
 * pixels partly covered as cairo covers them. */
static void test_clip(void **state)
{
    (void)state;
    Scene *sc = dense_scene();
    PixelClip clip = {50.5, 80.25, 300.75, 200.5};
    cairo_surface_t *want = draw_with_cairo(sc, clip);
    cairo_surface_t *got = draw_with_raster_lines(sc, clip);
    assert_int_equal(pixels_off(want, got, 16), 0);
    const uint32_t *p = (const uint32_t *)(void *)cairo_image_surface_get_data(got);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            if (x < 50 || x > 300 || y < 80 || y > 200)
                assert_int_equal(p[y * W + x], 0xffffffffu);
    cairo_surface_destroy(want);
    cairo_surface_destroy(got);
    scene_destroy(sc);
}

/* Two threads split the clip at a column; drawing the two halves one
 * after the other (a different split) gives the same bytes. */
static void test_split_does_not_change_pixels(void **state)
{
    (void)state;
    Scene *sc = dense_scene();
    cairo_surface_t *whole = draw_with_raster_lines(sc, (PixelClip){0, 0, W, H});
    cairo_surface_t *parts = white_surface();
    RasterImage image = pixels_of(parts);
    const double cuts[] = {0, 37, 123, 250, W};
    for (int i = 0; i < 4; i++)
        raster_lines_draw(sc, 0, sc->n_ops, 1, 0, 0,
                          (PixelClip){cuts[i], 0, cuts[i + 1], H}, &image);
    assert_memory_equal(cairo_image_surface_get_data(whole), image.pixels,
                        (size_t)image.stride * H);
    cairo_surface_destroy(whole);
    cairo_surface_destroy(parts);
    scene_destroy(sc);
}

/* A line whose last segment jumps far past the strip a thread draws (a
 * gap in the data): its end cap lies outside every strip but the last,
 * and the picture is still cairo's (under ASan: nothing written past a
 * strip's spans). */
static void test_long_last_segment(void **state)
{
    (void)state;
    Scene *sc = scene_create(W, H, white);
    unsigned seed = 11;
    add_walk(sc, &seed, 1200, 20, 180, 150, (Color){0, 0, 0, 1}, 1.5);
    size_t n = sc->ops[0].n_points;
    Point *walk = malloc((n + 1) * sizeof *walk);
    memcpy(walk, scene_op_points(sc, &sc->ops[0]), n * sizeof *walk);
    walk[n] = (Point){390, 40};
    scene_path_begin(sc);
    scene_polyline(sc, walk, n + 1);
    free(walk);
    scene_stroke(sc, (Color){0.9, 0.2, 0.1, 1}, 3, NULL, 0);
    assert_int_equal(raster_lines_run(sc, 0, 1, 0, &(size_t){0}), 2);
    const PixelClip clip = {0, 0, W, H};
    cairo_surface_t *want = draw_with_cairo(sc, clip);
    cairo_surface_t *got = draw_with_raster_lines(sc, clip);
    assert_int_equal(pixels_off(want, got, 16), 0);
    cairo_surface_t *parts = white_surface();
    RasterImage image = pixels_of(parts);
    const double cuts[] = {0, 90, 200, 210, W};
    for (int i = 0; i < 4; i++)
        raster_lines_draw(sc, 0, sc->n_ops, 1, 0, 0,
                          (PixelClip){cuts[i], 0, cuts[i + 1], H}, &image);
    assert_memory_equal(cairo_image_surface_get_data(got), image.pixels,
                        (size_t)image.stride * H);
    cairo_surface_destroy(want);
    cairo_surface_destroy(got);
    cairo_surface_destroy(parts);
    scene_destroy(sc);
}

/* Scale and shift map scene units to pixels: a 2x drawing of a scene
 * half the size is the 1x drawing of the full one, up to rounding. */
static void test_scale_and_shift(void **state)
{
    (void)state;
    Scene *sc = scene_create(W, H, white);
    unsigned seed = 7;
    add_walk(sc, &seed, 1000, 10, 180, 70, (Color){0, 0, 0, 1}, 0.5);
    Scene *big = scene_create(W, H, white);
    const Point *p = scene_op_points(sc, &sc->ops[0]);
    scene_path_begin(big);
    scene_move_to(big, 2 * p[0].x - 10, 2 * p[0].y - 20);
    for (size_t i = 1; i < sc->ops[0].n_points; i++)
        scene_line_to(big, 2 * p[i].x - 10, 2 * p[i].y - 20);
    scene_stroke(big, (Color){0, 0, 0, 1}, 1.0, NULL, 0);

    cairo_surface_t *a = white_surface();
    RasterImage image = pixels_of(a);
    raster_lines_draw(sc, 0, 1, 2, 10, 20, (PixelClip){0, 0, W, H}, &image);
    cairo_surface_t *b = draw_with_raster_lines(big, (PixelClip){0, 0, W, H});
    assert_true(pixels_not_white(a) > 1000);
    assert_int_equal(pixels_off(a, b, 2), 0);
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    scene_destroy(sc);
    scene_destroy(big);
}

/* An A8 image gets exactly the alpha the ARGB32 drawing has, translucent
 * lines and clip edges included. */
static void test_alpha_only_is_the_alpha_channel(void **state)
{
    (void)state;
    Scene *sc = dense_scene();
    const PixelClip clip = {10.5, 20.25, 390, 280.5};
    cairo_surface_t *argb = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, H);
    RasterImage colour = pixels_of(argb);
    raster_lines_draw(sc, 0, sc->n_ops, 1, 0, 0, clip, &colour);
    const int stride = W + 12;
    RasterImage alpha = {calloc(H, stride), W, H, stride, RASTER_A8};
    raster_lines_draw(sc, 0, sc->n_ops, 1, 0, 0, clip, &alpha);
    size_t drawn = 0;
    for (int y = 0; y < H; y++) {
        const uint32_t *row =
            (const uint32_t *)(const void *)(colour.pixels + y * colour.stride);
        for (int x = 0; x < W; x++) {
            assert_int_equal(alpha.pixels[y * stride + x], row[x] >> 24);
            drawn += row[x] != 0;
        }
        for (int x = W; x < stride; x++) /* padding untouched */
            assert_int_equal(alpha.pixels[y * stride + x], 0);
    }
    assert_true(drawn > 20000);
    free(alpha.pixels);
    cairo_surface_destroy(argb);
    scene_destroy(sc);
}

/* A scene of 20 translucent grey walks and, when red is set, a red one
 * across them. */
static Scene *grey_walks(int red)
{
    Scene *sc = scene_create(W, H, white);
    unsigned seed = 3;
    for (int i = 0; i < 20; i++)
        add_walk(sc, &seed, 1200, 20, 360, 60 + 10 * i,
                 (Color){0.5, 0.5, 0.5, 0.5}, 2);
    if (red)
        add_walk(sc, &seed, 1200, 20, 360, 150, (Color){1, 0, 0, 1}, 2);
    return sc;
}

/* A vector backend's image: the one-colour group from the first op on
 * (what follows in another colour is not in it), its ink opaque, the
 * mask its alpha, over the clip. */
static void test_line_image_is_one_colour_group(void **state)
{
    (void)state;
    Scene *sc = grey_walks(1), *greys = grey_walks(0);
    ClipStack cs;
    clip_stack_init(&cs, W, H, 1);
    SceneOp box = {.kind = OP_CLIP_PUSH, .x = 10.5, .y = 5, .w = 290,
                   .h = 200};
    clip_stack_push(&cs, &box, 1);
    LineImage li, alone;
    assert_int_equal(raster_lines_image(sc, 0, &cs, &li), 20);
    assert_int_equal(raster_lines_image(greys, 0, &cs, &alone), 20);
    assert_true(li.x == 10 && li.y == 5 && li.w == 291 && li.h == 200);
    assert_int_equal(li.mask.width, 291);
    assert_int_equal(li.mask.height, 200);
    assert_int_equal(li.mask.stride, 292);
    assert_int_equal(li.mask.format, RASTER_A8);
    assert_true(li.ink.r == 0.5 && li.ink.g == 0.5 && li.ink.b == 0.5 &&
                li.ink.a == 1);
    size_t bytes = (size_t)li.mask.stride * li.mask.height;
    assert_memory_equal(li.mask.pixels, alone.mask.pixels, bytes);
    size_t drawn = 0, half = 0;
    for (size_t i = 0; i < bytes; i++) {
        drawn += li.mask.pixels[i] != 0;
        half += li.mask.pixels[i] == 128; /* one grey, fully covering */
    }
    assert_true(drawn > 10000);
    assert_true(half > 1000);
    free(li.mask.pixels);
    free(alone.mask.pixels);
    /* 1200 points, under RASTER_LINES_IMAGE_POINTS: stays a path */
    assert_int_equal(raster_lines_image(sc, 20, &cs, &li), 0);
    assert_null(li.mask.pixels);
    scene_destroy(sc);
    scene_destroy(greys);
}

/* Only long, solid, forward-going open polylines are taken. */
static void test_wants_only_dense_solid_forward_lines(void **state)
{
    (void)state;
    Scene *sc = scene_create(W, H, white);
    unsigned seed = 1;
    const Color black = {0, 0, 0, 1};
    add_walk(sc, &seed, 1200, 20, 360, 100, black, 1);      /* 0: yes */
    add_walk(sc, &seed, 100, 20, 360, 100, black, 1);       /* 1: short */
    add_walk(sc, &seed, 1200, 20, 3600, 100, black, 1);     /* 2: sparse */
    double dash[2] = {4, 2};
    scene_path_begin(sc);                                   /* 3: dashed */
    for (int i = 0; i < 1200; i++)
        (i ? scene_line_to : scene_move_to)(sc, 20 + 0.3 * i, 50);
    scene_stroke(sc, black, 1, dash, 2);
    scene_path_begin(sc);                                   /* 4: goes back */
    for (int i = 0; i < 1200; i++)
        (i ? scene_line_to : scene_move_to)(sc, i == 600 ? 10 : 20 + 0.3 * i, 50);
    scene_stroke(sc, black, 1, NULL, 0);
    scene_path_begin(sc);                                   /* 5: NaN */
    for (int i = 0; i < 1200; i++)
        (i ? scene_line_to : scene_move_to)(sc, 20 + 0.3 * i, i == 9 ? NAN : 50);
    scene_stroke(sc, black, 1, NULL, 0);
    scene_path_begin(sc);                                   /* 6: two moves */
    for (int i = 0; i < 1200; i++)
        (i && i != 600 ? scene_line_to : scene_move_to)(sc, 20 + 0.3 * i, 50);
    scene_stroke(sc, black, 1, NULL, 0);
    scene_path_begin(sc);                                   /* 7: a fill */
    for (int i = 0; i < 1200; i++)
        (i ? scene_line_to : scene_move_to)(sc, 20 + 0.3 * i, 50 + i % 3);
    scene_fill(sc, black);
    scene_path_begin(sc);                                   /* 8: far out */
    for (int i = 0; i < 1200; i++)
        (i ? scene_line_to : scene_move_to)(sc, 20 + 0.3 * i, i == 5 ? 1e300 : 50);
    scene_stroke(sc, black, 1, NULL, 0);
    const int want[] = {1, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(sc->n_ops, 9);
    for (size_t i = 0; i < sc->n_ops; i++)
        assert_int_equal(raster_lines_wants(sc, &sc->ops[i], 1), want[i]);
    /* at 8x the first one is 2.4 pixels a vertex: cairo's again */
    assert_int_equal(raster_lines_wants(sc, &sc->ops[0], 8), 0);
    scene_destroy(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_cairo_stroke),
        cmocka_unit_test(test_clip),
        cmocka_unit_test(test_split_does_not_change_pixels),
        cmocka_unit_test(test_long_last_segment),
        cmocka_unit_test(test_scale_and_shift),
        cmocka_unit_test(test_alpha_only_is_the_alpha_channel),
        cmocka_unit_test(test_line_image_is_one_colour_group),
        cmocka_unit_test(test_wants_only_dense_solid_forward_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
