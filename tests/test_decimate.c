/* test_decimate.c - which vertices decimate_polyline keeps, and that a
 * dense series drawn from them looks the same as drawn from all of them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "decimate.h"

static void assert_points(const Point *got, size_t n_got, const Point *want,
                          size_t n_want)
{
    assert_int_equal(n_got, n_want);
    for (size_t i = 0; i < n_want; i++) {
        if (got[i].x != want[i].x || got[i].y != want[i].y) {
            print_error("point %zu: got (%g, %g), want (%g, %g)\n", i,
                        got[i].x, got[i].y, want[i].x, want[i].y);
            fail();
        }
    }
}

static void test_empty_and_single(void **state)
{
    (void)state;
    Point out[1];
    assert_int_equal(decimate_polyline(NULL, 0, 1, out), 0);
    Point one[1] = {{3.5, 7}};
    assert_int_equal(decimate_polyline(one, 1, 1, out), 1);
    assert_points(out, 1, one, 1);
}

/* Three vertices a pixel, one a quarter pixel: nothing to drop. */
static void test_sparse_series_unchanged(void **state)
{
    (void)state;
    Point in[50], out[50];
    for (int i = 0; i < 50; i++)
        in[i] = (Point){10.0 + 0.3 * i, 100 + 40 * sin(i)};
    assert_int_equal(decimate_polyline(in, 50, 1, out), 50);
    assert_points(out, 50, in, 50);
}

/* In one column (x in [5, 5.25) at 1x): first, lowest, highest and last,
 * in input order. */
static void test_column_keeps_first_min_max_last(void **state)
{
    (void)state;
    const Point in[] = {{5.01, 5}, {5.03, 6}, {5.05, 9}, {5.07, 3},
                        {5.09, 1}, {5.11, 7}, {5.13, 4}, {6.5, 2}};
    const Point want[] = {{5.01, 5}, {5.05, 9}, {5.09, 1}, {5.13, 4},
                          {6.5, 2}};
    Point out[8];
    size_t n = decimate_polyline(in, 8, 1, out);
    assert_points(out, n, want, 5);
}

/* The first vertex may itself be the extreme: kept once. */
static void test_repeated_index_kept_once(void **state)
{
    (void)state;
    const Point in[] = {{0.01, 9}, {0.02, 5}, {0.03, 5}, {0.04, 1}};
    const Point want[] = {{0.01, 9}, {0.04, 1}};
    Point out[4];
    assert_points(out, decimate_polyline(in, 4, 1, out), want, 2);
}

/* Columns are quarter output pixels: 20 pixels per unit splits the run
 * that one pixel per unit thins. */
static void test_scale_sets_the_columns(void **state)
{
    (void)state;
    const Point in[] = {{5.01, 5}, {5.03, 6}, {5.05, 9}, {5.07, 3},
                        {5.09, 1}, {5.11, 7}};
    Point out[6];
    assert_int_equal(decimate_polyline(in, 6, 20, out), 6);
    assert_int_equal(decimate_polyline(in, 6, 1, out), 4);
    assert_int_equal(decimate_polyline(in, 6, 0, out), 6);
    assert_int_equal(decimate_polyline(in, 6, NAN, out), 6);
    assert_int_equal(decimate_polyline(in, 6, INFINITY, out), 6);
    assert_points(out, 6, in, 6);
}

static void test_nonfinite_vertices_kept(void **state)
{
    (void)state;
    const Point in[] = {{1.01, 1}, {1.02, 2}, {1.03, NAN}, {1.04, 3},
                        {1.05, 4}, {1.06, 0}, {1.07, 5}, {INFINITY, 1}};
    Point out[8];
    size_t n = decimate_polyline(in, 8, 1, out);
    assert_int_equal(n, 7);
    assert_true(isnan(out[2].y));
    assert_true(out[0].y == 1 && out[1].y == 2);
    /* 3 4 0 5 after the NaN: 3 first, 0 lowest, 5 highest and last */
    assert_true(out[3].y == 3 && out[4].y == 0 && out[5].y == 5);
    assert_true(isinf(out[6].x));
}

/* A deterministic noisy random walk of n vertices over width units. */
static size_t dense_walk(Point *p, size_t n, double x0, double width,
                         double y0)
{
    uint32_t seed = 12345;
    double y = y0;
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1664525u + 1013904223u;
        double u = (double)(seed >> 8) / (double)(1u << 24) - 0.5;
        y += 3.0 * u;
        if (y < 20 || y > 280)
            y = y0;
        p[i] = (Point){x0 + width * (double)i / (double)(n - 1), y};
    }
    return n;
}

static void test_in_place_matches_copy(void **state)
{
    (void)state;
    enum { N = 4000 };
    Point *in = malloc(N * sizeof *in), *out = malloc(N * sizeof *out);
    assert_non_null(in);
    assert_non_null(out);
    dense_walk(in, N, 3.3, 100, 150); /* 10 a quarter pixel */
    size_t n = decimate_polyline(in, N, 1, out);
    assert_true(n < N / 2);
    assert_true(out[0].x == in[0].x && out[n - 1].x == in[N - 1].x);
    size_t m = decimate_polyline(in, N, 1, in);
    assert_points(in, m, out, n);
    free(in);
    free(out);
}

/* Draws the polyline as render_cairo does: round caps and joins. */
static cairo_surface_t *draw(const Point *p, size_t n, double scale,
                             double line_width)
{
    cairo_surface_t *s = cairo_image_surface_create(
        CAIRO_FORMAT_ARGB32, (int)(400 * scale), (int)(300 * scale));
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    cairo_move_to(cr, p[0].x, p[0].y);
    for (size_t i = 1; i < n; i++)
        cairo_line_to(cr, p[i].x, p[i].y);
    cairo_set_source_rgb(cr, 0.2, 0.3, 0.6);
    cairo_set_line_width(cr, line_width);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

/* Pixels where some channel differs by more than tol (0..255). */
static long differing_pixels(cairo_surface_t *a, cairo_surface_t *b,
                             int tol)
{
    int w = cairo_image_surface_get_width(a);
    int h = cairo_image_surface_get_height(a);
    int stride = cairo_image_surface_get_stride(a);
    const unsigned char *da = cairo_image_surface_get_data(a);
    const unsigned char *db = cairo_image_surface_get_data(b);
    long n = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < 4 * w; x += 4) {
            const unsigned char *pa = da + (size_t)y * (size_t)stride + x;
            const unsigned char *pb = db + (size_t)y * (size_t)stride + x;
            int worst = 0;
            for (int c = 0; c < 4; c++) {
                int d = abs(pa[c] - pb[c]);
                if (d > worst)
                    worst = d;
            }
            n += worst > tol;
        }
    return n;
}

static void check_invisible(double scale, double line_width)
{
    enum { N = 40000 };
    Point *full = malloc(N * sizeof *full), *kept = malloc(N * sizeof *kept);
    assert_non_null(full);
    assert_non_null(kept);
    /* 40000 vertices over 300 units: about 130 a column at 1x. */
    dense_walk(full, N, 50.25, 300, 150);
    size_t n = decimate_polyline(full, N, scale, kept);
    assert_true(n <= (size_t)(16 * (300 * scale + 1)));
    cairo_surface_t *a = draw(full, N, scale, line_width);
    cairo_surface_t *b = draw(kept, n, scale, line_width);
    long any = differing_pixels(a, b, 0);
    long faint = differing_pixels(a, b, 16);
    long visible = differing_pixels(a, b, 40);
    long total = (long)(400 * scale) * (long)(300 * scale);
    printf("scale %g, line width %g: %zu of %d vertices kept; of %ld "
           "pixels %ld differ, %ld by more than 16/255, %ld by more than "
           "40/255\n",
           scale, line_width, n, N, total, any, faint, visible);
    assert_true(n < N / 4);
    /* Antialiasing shades move a little where the zigzag was densest; a
     * handful of pixels by up to a quarter of the range, none by more. */
    assert_true(visible <= 5);
    assert_int_equal(differing_pixels(a, b, 64), 0);
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    free(full);
    free(kept);
}

/* The point of the module: a dense series drawn from the kept vertices
 * differs from the full drawing in no more than a handful of pixels. */
static void test_dense_series_draws_the_same_at_1x(void **state)
{
    (void)state;
    check_invisible(1, 0.8);
    check_invisible(1, 2.2);
}

static void test_dense_series_draws_the_same_at_2x(void **state)
{
    (void)state;
    check_invisible(2, 0.8);
    check_invisible(2, 2.2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_and_single),
        cmocka_unit_test(test_sparse_series_unchanged),
        cmocka_unit_test(test_column_keeps_first_min_max_last),
        cmocka_unit_test(test_repeated_index_kept_once),
        cmocka_unit_test(test_scale_sets_the_columns),
        cmocka_unit_test(test_nonfinite_vertices_kept),
        cmocka_unit_test(test_in_place_matches_copy),
        cmocka_unit_test(test_dense_series_draws_the_same_at_1x),
        cmocka_unit_test(test_dense_series_draws_the_same_at_2x),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
