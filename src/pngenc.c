/* pngenc.c - cairo-style ARGB32 pixels to PNG bytes through libpng.
 *
 * Rows are written unfiltered ("None") at zlib's level 1: filter None beat
 * Sub, Up, Paeth and libpng's per-row choice on our charts, in size and in
 * time (1600x900 chart: None 137 KB, the others 158 to 173 KB, cairo's
 * writer 144 KB): charts are flat colour and antialiased edges, which
 * deflate's matches take care of, while filters turn the edges into noise.
 *
 * This was a hand-written encoder (zlib and libdeflate's Adler-32, images
 * over 1 MiB deflated in two halves on two threads). Measured against it,
 * whole process, paired runs, median of the ratios: libpng at these
 * settings took 1.01 to 1.08 times the hand-written encoder on one thread
 * (chart 1600x900 1.08, 1920x1080 1.06, 10-chart report 1.01, 1,000,000
 * points 1.05), and the two-thread split gained 5 to 9% (1.10 to 1.06
 * times faster on one chart, nothing on the report, whose charts already
 * render two at a time): under the 10% a thread and our own code must
 * earn. Same pixels as before; the bytes differ (one deflate stream). */
#include "pngenc.h"

#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Where libpng's output goes, and where its error longjmps to. */
typedef struct {
    ByteBuf *out;
    jmp_buf failed;
} Sink;

static void sink_write(png_structp png, png_bytep data, png_size_t len)
{
    Sink *sink = png_get_io_ptr(png);
    bytebuf_append(sink->out, data, len);
}

static void sink_flush(png_structp png)
{
    (void)png;
}

/* libpng's errors (out of memory inside it) end the image; nothing is
 * printed, the caller reports -1. */
static void png_failed(png_structp png, png_const_charp message)
{
    (void)message;
    Sink *sink = png_get_error_ptr(png);
    longjmp(sink->failed, 1);
}

static void png_warned(png_structp png, png_const_charp message)
{
    (void)png;
    (void)message;
}

/* Hands row y (already in the PNG's sample layout) to the encoder. */
typedef const unsigned char *(*RowAt)(void *ctx, int y);

/* The pHYs and iTXt chunks of meta, to be written with the header.
 * libpng copies the texts, so texts may be freed after png_set_text. */
static void set_meta(png_structp png, png_infop info, const PngMeta *meta,
                     png_text *texts)
{
    if (meta->pixels_per_metre > 0)
        png_set_pHYs(png, info, (png_uint_32)meta->pixels_per_metre,
                     (png_uint_32)meta->pixels_per_metre,
                     PNG_RESOLUTION_METER);
    for (size_t i = 0; i < meta->n_text; i++) {
        /* libpng's types are not const; it reads and copies them. */
        texts[i] = (png_text){
            .compression = PNG_ITXT_COMPRESSION_NONE,
            .key = (png_charp)(uintptr_t)meta->text[i].key,
            .text = (png_charp)(uintptr_t)meta->text[i].text,
            .itxt_length = strlen(meta->text[i].text),
            .lang = (png_charp)(uintptr_t)"",
            .lang_key = (png_charp)(uintptr_t)"",
        };
    }
    if (meta->n_text > 0)
        png_set_text(png, info, texts, (int)meta->n_text);
}

/* Appends the PNG of height rows from row_at to out, or -1 with out as it
 * was. colour_type is libpng's; meta may be NULL. */
static int write_png(int width, int height, int colour_type, int level,
                     const PngMeta *meta, RowAt row_at, void *ctx,
                     ByteBuf *out)
{
    Sink sink;
    sink.out = out;
    size_t start = out->len;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink,
                                              png_failed, png_warned);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        return -1;
    }
    if (setjmp(sink.failed)) {
        png_destroy_write_struct(&png, &info);
        out->len = start;
        return -1;
    }
    png_set_write_fn(png, &sink, sink_write, sink_flush);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
                 colour_type, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_level(png, level);
    png_set_compression_buffer_size(png, 256 * 1024);
    if (meta) {
        png_text *texts = xmalloc_array(meta->n_text + 1, sizeof *texts);
        set_meta(png, info, meta, texts);
        free(texts);
    }
    png_write_info(png, info);
    for (int y = 0; y < height; y++)
        png_write_row(png, row_at(ctx, y));
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return 0;
}

static const uint32_t *row_at(const unsigned char *pixels, int stride, int y)
{
    return (const uint32_t *)(const void *)(pixels + (size_t)y * (size_t)stride);
}

static int all_opaque(const unsigned char *pixels, int width, int height,
                      int stride)
{
    for (int y = 0; y < height; y++) {
        const uint32_t *row = row_at(pixels, stride, y);
        uint32_t and = 0xffffffffu;
        for (int x = 0; x < width; x++)
            and &= row[x];
        if (and >> 24 != 0xff)
            return 0;
    }
    return 1;
}

/* Rewrites each row of the opaque image in place as RGB samples at the
 * row's start: a row of 3 * width bytes is never longer than its 4 * width
 * pixels, and each write lands on bytes already read. */
static void rows_rgb_in_place(unsigned char *pixels, int width, int height,
                              int stride)
{
    for (int y = 0; y < height; y++) {
        const uint32_t *src = row_at(pixels, stride, y);
        unsigned char *dst = pixels + (size_t)y * (size_t)stride;
        for (int x = 0; x < width; x++) {
            uint32_t p = src[x];
            dst[0] = (unsigned char)(p >> 16);
            dst[1] = (unsigned char)(p >> 8);
            dst[2] = (unsigned char)p;
            dst += 3;
        }
    }
}

/* Un-premultiplies as cairo's PNG writer does, so a transparent chart has
 * the same colours whichever writer made it. */
static void row_rgba(const uint32_t *src, int width, unsigned char *dst)
{
    for (int x = 0; x < width; x++) {
        uint32_t p = src[x];
        uint32_t a = p >> 24;
        if (a == 0) {
            memset(dst, 0, 4);
        } else if (a == 255) {
            dst[0] = (unsigned char)(p >> 16);
            dst[1] = (unsigned char)(p >> 8);
            dst[2] = (unsigned char)p;
            dst[3] = 255;
        } else {
            dst[0] = (unsigned char)((((p >> 16) & 0xff) * 255 + a / 2) / a);
            dst[1] = (unsigned char)((((p >> 8) & 0xff) * 255 + a / 2) / a);
            dst[2] = (unsigned char)(((p & 0xff) * 255 + a / 2) / a);
            dst[3] = (unsigned char)a;
        }
        dst += 4;
    }
}

/* Rows read from an image as they are (RGB packed in place, or grey). */
typedef struct {
    const unsigned char *pixels;
    int stride;
} StoredRows;

static const unsigned char *stored_row(void *ctx, int y)
{
    const StoredRows *r = ctx;
    return r->pixels + (size_t)y * (size_t)r->stride;
}

/* Rows converted to RGBA one at a time into one row's buffer. */
typedef struct {
    const unsigned char *pixels;
    int width, stride;
    unsigned char *row;
} RgbaRows;

static const unsigned char *rgba_row(void *ctx, int y)
{
    const RgbaRows *r = ctx;
    row_rgba(row_at(r->pixels, r->stride, y), r->width, r->row);
    return r->row;
}

static int clamp_level(int level)
{
    return level < 0 ? 0 : level > 9 ? 9 : level;
}

int pngenc_gray8(const unsigned char *pixels, int width, int height,
                 int stride, int level, ByteBuf *out)
{
    if (width < 1 || height < 1 || width > 65535 || height > 65535 ||
        stride < width)
        return -1;
    StoredRows rows = {pixels, stride};
    return write_png(width, height, PNG_COLOR_TYPE_GRAY, clamp_level(level),
                     NULL, stored_row, &rows, out);
}

int pngenc_argb32(unsigned char *pixels, int width, int height,
                  int stride, int level, const PngMeta *meta, ByteBuf *out)
{
    if (width < 1 || height < 1 || width > 65535 || height > 65535 ||
        stride / 4 < width)
        return -1;
    level = clamp_level(level);
    if (all_opaque(pixels, width, height, stride)) {
        rows_rgb_in_place(pixels, width, height, stride);
        StoredRows rows = {pixels, stride};
        return write_png(width, height, PNG_COLOR_TYPE_RGB, level, meta,
                         stored_row, &rows, out);
    }
    RgbaRows rows = {pixels, width, stride, xmalloc_array((size_t)width, 4)};
    int rc = write_png(width, height, PNG_COLOR_TYPE_RGBA, level, meta,
                       rgba_row, &rows, out);
    free(rows.row);
    return rc;
}
