/* test_pngenc.c - PNGs from pngenc decode (through cairo's libpng reader)
 * to exactly the pixels cairo's own writer would have kept. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "pngenc.h"

typedef struct {
    const unsigned char *data;
    size_t len, pos;
} Reader;

static cairo_status_t read_mem(void *closure, unsigned char *data,
                               unsigned int length)
{
    Reader *r = closure;
    if (r->len - r->pos < length)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->data + r->pos, length);
    r->pos += length;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t write_mem(void *closure, const unsigned char *data,
                                unsigned int length)
{
    bytebuf_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *decode(const unsigned char *data, size_t len)
{
    Reader r = {data, len, 0};
    cairo_surface_t *img =
        cairo_image_surface_create_from_png_stream(read_mem, &r);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    cairo_surface_flush(img);
    return img;
}

/* A width x height ARGB32 image with rows stride bytes apart: a pattern of
 * colours, and when alpha is set, every alpha from 0 to 255. */
static unsigned char *pattern(int width, int height, int stride, int alpha)
{
    unsigned char *px = calloc((size_t)height, (size_t)stride);
    assert_non_null(px);
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) {
            uint32_t a = alpha ? (uint32_t)(x * 7 + y * 13) & 0xff : 0xff;
            uint32_t r = (uint32_t)(x * 31 + y) & 0xff;
            uint32_t g = (uint32_t)(y * 17) & 0xff;
            uint32_t b = (uint32_t)(x ^ y) & 0xff;
            /* premultiplied: no channel above alpha */
            r = r * a / 255, g = g * a / 255, b = b * a / 255;
            uint32_t *row = (uint32_t *)(void *)(px + (size_t)y * (size_t)stride);
            row[x] = a << 24 | r << 16 | g << 8 | b;
        }
    return px;
}

/* Encodes a copy of px with pngenc and through cairo, decodes both and
 * compares: same size, same pixels. Returns pngenc's colour type. */
static int check_same_as_cairo(int width, int height, int stride, int alpha)
{
    unsigned char *px = pattern(width, height, stride, alpha);
    unsigned char *copy = malloc((size_t)height * (size_t)stride);
    assert_non_null(copy);
    memcpy(copy, px, (size_t)height * (size_t)stride);
    ByteBuf ours = {0}, theirs = {0};
    assert_int_equal(pngenc_argb32(copy, width, height, stride, PNGENC_LEVEL,
                                   NULL, &ours),
                     0);
    free(copy);

    /* cairo's writer wants cairo's stride: copy the rows over. */
    cairo_surface_t *src =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
    unsigned char *dst = cairo_image_surface_get_data(src);
    int cstride = cairo_image_surface_get_stride(src);
    for (int y = 0; y < height; y++)
        memcpy(dst + (size_t)y * (size_t)cstride, px + (size_t)y * (size_t)stride,
               (size_t)width * 4);
    cairo_surface_mark_dirty(src);
    assert_int_equal(cairo_surface_write_to_png_stream(src, write_mem, &theirs),
                     CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(src);
    free(px);

    cairo_surface_t *a = decode(ours.data, ours.len);
    cairo_surface_t *b = decode(theirs.data, theirs.len);
    assert_int_equal(cairo_image_surface_get_width(a), width);
    assert_int_equal(cairo_image_surface_get_height(a), height);
    int sa = cairo_image_surface_get_stride(a);
    int sb = cairo_image_surface_get_stride(b);
    for (int y = 0; y < height; y++)
        assert_memory_equal(cairo_image_surface_get_data(a) + (size_t)y * (size_t)sa,
                            cairo_image_surface_get_data(b) + (size_t)y * (size_t)sb,
                            (size_t)width * 4);
    int type = ours.data[25];
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    bytebuf_free(&ours);
    bytebuf_free(&theirs);
    return type;
}

static void test_opaque_is_rgb(void **state)
{
    (void)state;
    assert_int_equal(check_same_as_cairo(300, 200, 1200, 0), 2);
}

static void test_translucent_is_rgba_unpremultiplied_like_cairo(void **state)
{
    (void)state;
    assert_int_equal(check_same_as_cairo(300, 200, 1200, 1), 6);
}

/* The in-place packing at its tightest: one pixel a row (the scanline is
 * as long as the stride), and rows with padding after them. */
static void test_narrow_and_padded_rows(void **state)
{
    (void)state;
    assert_int_equal(check_same_as_cairo(1, 50, 4, 0), 2);
    assert_int_equal(check_same_as_cairo(1, 1, 4, 0), 2);
    assert_int_equal(check_same_as_cairo(37, 11, 37 * 4 + 12, 0), 2);
    assert_int_equal(check_same_as_cairo(37, 11, 37 * 4 + 12, 1), 6);
}

/* Images of several zlib buffers (256 KB) decode whole, RGB and RGBA. */
static void test_large_image(void **state)
{
    (void)state;
    assert_int_equal(check_same_as_cairo(700, 520, 2800, 0), 2);
    assert_int_equal(check_same_as_cairo(701, 400, 2804, 1), 6);
}

static void test_same_pixels_same_bytes(void **state)
{
    (void)state;
    ByteBuf a = {0}, b = {0};
    unsigned char *px = pattern(120, 80, 480, 0);
    assert_int_equal(pngenc_argb32(px, 120, 80, 480, PNGENC_LEVEL, NULL, &a), 0);
    free(px);
    px = pattern(120, 80, 480, 0);
    assert_int_equal(pngenc_argb32(px, 120, 80, 480, PNGENC_LEVEL, NULL, &b), 0);
    free(px);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    bytebuf_free(&a);
    bytebuf_free(&b);
}

/* The mask PNG is 8-bit greyscale of the bytes given, row padding left
 * out. */
static void test_gray8_is_the_bytes_given(void **state)
{
    (void)state;
    const int width = 53, height = 21, stride = 53 + 7;
    unsigned char *px = malloc((size_t)height * stride);
    for (int i = 0; i < height * stride; i++)
        px[i] = (unsigned char)(i * 37 + (i >> 5));
    ByteBuf png = {0};
    assert_int_equal(pngenc_gray8(px, width, height, stride, 6, &png), 0);
    assert_int_equal(png.data[24], 8); /* bits */
    assert_int_equal(png.data[25], 0); /* greyscale */
    cairo_surface_t *img = decode(png.data, png.len);
    assert_int_equal(cairo_image_surface_get_width(img), width);
    assert_int_equal(cairo_image_surface_get_height(img), height);
    const unsigned char *got = cairo_image_surface_get_data(img);
    int gs = cairo_image_surface_get_stride(img);
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) {
            uint32_t want = px[(size_t)y * stride + x];
            uint32_t p = ((const uint32_t *)(const void *)(got + (size_t)y * gs))[x];
            assert_int_equal(p, 0xff000000u | want << 16 | want << 8 | want);
        }
    cairo_surface_destroy(img);
    bytebuf_free(&png);
    assert_int_equal(pngenc_gray8(px, 0, 1, 4, 1, &png), -1);
    assert_int_equal(pngenc_gray8(px, 8, 1, 7, 1, &png), -1);
    assert_int_equal(png.len, 0);
    free(px);
}

static void test_bad_sizes_append_nothing(void **state)
{
    (void)state;
    unsigned char px[16] = {0};
    ByteBuf out = {0};
    assert_int_equal(pngenc_argb32(px, 0, 1, 4, 1, NULL, &out), -1);
    assert_int_equal(pngenc_argb32(px, 1, 0, 4, 1, NULL, &out), -1);
    assert_int_equal(pngenc_argb32(px, 2, 1, 4, 1, NULL, &out), -1);
    assert_int_equal(pngenc_argb32(px, 70000, 1, 280000, 1, NULL, &out), -1);
    assert_int_equal(out.len, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opaque_is_rgb),
        cmocka_unit_test(test_gray8_is_the_bytes_given),
        cmocka_unit_test(test_translucent_is_rgba_unpremultiplied_like_cairo),
        cmocka_unit_test(test_narrow_and_padded_rows),
        cmocka_unit_test(test_large_image),
        cmocka_unit_test(test_same_pixels_same_bytes),
        cmocka_unit_test(test_bad_sizes_append_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
