/* pngenc.h - cairo-style ARGB32 pixels to PNG bytes, fast and deterministic.
 *
 * cairo_surface_write_to_png spends most of a chart's time in libpng's
 * per-row filter search and zlib's default level. Chart images are mostly
 * flat colour with antialiased edges, where unfiltered rows deflated at
 * zlib's fastest level come out both faster and smaller than that: this
 * writes through libpng at those settings. */
#ifndef AIGROWTH_PNGENC_H
#define AIGROWTH_PNGENC_H

#include "bytebuf.h"

/* zlib level used by render_cairo: on 1600x900 and 1920x1080 charts,
 * levels 2 and 3 saved 1 to 3% of the bytes for the same or more time. */
#define PNGENC_LEVEL 1

/* One iTXt chunk: a keyword (Latin-1, 1 to 79 bytes, e.g. "Title") and
 * its UTF-8 text, both borrowed. */
typedef struct {
    const char *key;
    const char *text;
} PngText;

/* What a PNG says of itself besides its pixels. pixels_per_metre: the
 * pHYs chunk, the same on both axes (72 dpi is 2835); 0 writes none.
 * text: iTXt chunks, uncompressed, without language tag, written in
 * order before the image data. No tIME chunk is ever written, so the
 * bytes do not depend on the clock. */
typedef struct {
    unsigned long pixels_per_metre;
    const PngText *text;
    size_t n_text;
} PngMeta;

/* Appends to out (caller owns it) the PNG of a width x height image whose
 * rows start stride bytes apart, each pixel a native-endian uint32 of
 * premultiplied ARGB (cairo's CAIRO_FORMAT_ARGB32). Trap: the pixels are
 * overwritten (an opaque image is turned into scanlines in place, which
 * saves a copy the size of the image); the caller must not use them after.
 * Writes 8-bit RGB when every pixel is opaque, else 8-bit RGBA with
 * the colour un-premultiplied and rounded as cairo's own writer does. level
 * is zlib's, 0 (stored) to 9. meta may be NULL (no pHYs, no text). Same
 * pixels, level, meta and zlib give the same bytes. Returns 0, or -1 with nothing appended when a side is not in
 * 1..65535, stride is smaller than a row, or zlib cannot start (out of
 * memory inside zlib); any other out of memory is fatal (xmalloc). */
int pngenc_argb32(unsigned char *pixels, int width, int height,
                  int stride, int level, const PngMeta *meta, ByteBuf *out);

/* Appends an image of one byte a pixel (rows stride bytes apart) as an
 * 8-bit greyscale PNG: an alpha mask (0 transparent, 255 opaque) for a
 * vector backend to fill a colour through. pixels are only read. Same
 * returns, stride smaller than width failing. */
int pngenc_gray8(const unsigned char *pixels, int width, int height,
                 int stride, int level, ByteBuf *out);

#endif
