/* pngenc.c - cairo-style ARGB32 pixels to PNG bytes through zlib.
 *
 * The whole image becomes PNG scanlines (filter byte 0, "None", then the
 * samples), packed over the pixels themselves when opaque, and is
 * compressed in one deflate call. Filter None beat Sub, Up, Paeth and
 * libpng's per-row choice on our charts, in size and in time (1600x900
 * chart: None 137 KB, the others 158 to 173 KB, cairo's writer 144 KB):
 * charts are flat colour and antialiased edges, which deflate's matches
 * take care of, while filters turn the edges into noise. zlib's level 1
 * also beat libdeflate's levels 1 and 2 in time (9 ms against 12 on that
 * chart, 12 against 17 at 1920x1080) for files 10% larger.
 *
 * Why not libpng: issue 16 asked for libpng at the same settings unless
 * make bench found it more than 10% slower on a case. Measured (libpng
 * 1.6.39, filter None, level 1, 256 KB IDAT buffer, rows handed over
 * already packed; both builds -O2, taking turns round by round through
 * bench/run.sh on a shared 2-core machine, median wall time):
 *   png     (one 1600x900 chart)  this 0.028 s, libpng 0.033 s; this/libpng
 *           0.85 over 21 rounds, 0.89, 0.91, 0.85 in three reruns
 *   report  (10 charts, 1920x1080 PNG + SVG + PDF)  0.233 s against 0.231,
 *           ratio 0.98
 *   big_png (1,000,000 points)  0.150 s against 0.147, ratio 0.97
 * libpng was 10-18% slower on one chart: it deflates on one thread, where
 * this splits images over SPLIT_BYTES in two (below). In the report the
 * charts already render two at a time, the split gains nothing and the two
 * are level. Same pixels either way (checked on every report chart); the
 * bytes differ (libpng: one deflate stream, 155,185 B against 155,142 B
 * for the run-rate chart). Measure again before switching: a libpng that
 * deflates in parallel, or a machine with more cores, changes the answer. */
#include "pngenc.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>
#include <zlib.h>

#include "util.h"

/* A PNG chunk may hold up to 2^31 - 1 bytes; IDAT data is split well below. */
#define IDAT_MAX ((size_t)1 << 30)

static void put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* Appends a chunk: length, type, data, CRC of type and data. */
static void put_chunk(ByteBuf *out, const char type[4],
                      const unsigned char *data, size_t len)
{
    unsigned char head[8], tail[4];
    put_u32(head, (uint32_t)len);
    memcpy(head + 4, type, 4);
    uLong crc = crc32(0L, (const Bytef *)type, 4);
    if (len > 0)
        crc = crc32(crc, data, (uInt)len);
    put_u32(tail, (uint32_t)crc);
    bytebuf_append(out, head, sizeof head);
    if (len > 0)
        bytebuf_append(out, data, len);
    bytebuf_append(out, tail, sizeof tail);
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

/* Rewrites the opaque image in place as RGB scanlines, packed from the
 * start of pixels. Safe because a scanline (1 + 3 * width bytes) is never
 * longer than a stride: each write lands on bytes already read. */
static size_t scanlines_rgb_in_place(unsigned char *pixels, int width,
                                     int height, int stride)
{
    size_t row_len = 1 + 3 * (size_t)width;
    for (int y = 0; y < height; y++) {
        const uint32_t *src = row_at(pixels, stride, y);
        unsigned char *dst = pixels + (size_t)y * row_len;
        uint32_t p = src[0]; /* read before the filter byte may cover it */
        dst[0] = 0;          /* filter: None */
        dst++;
        for (int x = 0;;) {
            dst[0] = (unsigned char)(p >> 16);
            dst[1] = (unsigned char)(p >> 8);
            dst[2] = (unsigned char)p;
            dst += 3;
            if (++x == width)
                break;
            p = src[x];
        }
    }
    return (size_t)height * row_len;
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

/* RGBA scanlines in a new buffer of *len bytes (caller frees). */
static unsigned char *scanlines_rgba(const unsigned char *pixels, int width,
                                     int height, int stride, size_t *len)
{
    size_t row_len = 1 + 4 * (size_t)width;
    unsigned char *raw = xmalloc_array((size_t)height, row_len);
    for (int y = 0; y < height; y++) {
        unsigned char *dst = raw + (size_t)y * row_len;
        dst[0] = 0; /* filter: None */
        row_rgba(row_at(pixels, stride, y), width, dst + 1);
    }
    *len = (size_t)height * row_len;
    return raw;
}

/* Half of an image's scanlines deflated as a raw stream: the first half
 * ends with a sync flush (byte-aligned, not final), the second finishes. */
typedef struct {
    const unsigned char *in;
    size_t len;
    int level, last;
    unsigned char *out;       /* owned by the caller after the call */
    size_t out_len;
    uLong adler;
    int ok;
} DeflatePart;

static void *deflate_part(void *arg)
{
    /* zlib counts a call's bytes in an unsigned int; an image of
       65535x65535 is 17 GB, so both sides are fed in steps */
    const size_t step = (size_t)1 << 30;
    DeflatePart *p = arg;
    z_stream z;
    memset(&z, 0, sizeof z);
    p->ok = 0;
    p->out = NULL;
    if (deflateInit2(&z, p->level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        return NULL;
    size_t cap = deflateBound(&z, (uLong)p->len) + 64; /* + the flush */
    p->out = xmalloc(cap);
    size_t in_done = 0, out_done = 0;
    int rc;
    for (;;) {
        size_t in_left = p->len - in_done, out_left = cap - out_done;
        z.next_in = (Bytef *)(uintptr_t)(p->in + in_done); /* only read */
        z.avail_in = (uInt)(in_left < step ? in_left : step);
        z.next_out = p->out + out_done;
        z.avail_out = (uInt)(out_left < step ? out_left : step);
        size_t in_given = z.avail_in, out_given = z.avail_out;
        int flush = in_given < in_left ? Z_NO_FLUSH
                    : p->last          ? Z_FINISH
                                       : Z_SYNC_FLUSH;
        rc = deflate(&z, flush);
        in_done += in_given - z.avail_in;
        out_done += out_given - z.avail_out;
        if (rc == Z_STREAM_END ||
            (flush == Z_SYNC_FLUSH && rc == Z_OK && z.avail_out > 0))
            break;
        if (rc != Z_OK)
            break;
    }
    deflateEnd(&z);
    p->ok = p->last ? rc == Z_STREAM_END : rc == Z_OK;
    p->out_len = out_done;
    /* libdeflate's Adler-32 uses SIMD; zlib 1.2's was 7% of a report */
    p->adler = libdeflate_adler32(1, p->in, p->len);
    return NULL;
}

/* The zlib header zlib's deflate() writes for level. */
static void zlib_header(int level, unsigned char out[2])
{
    unsigned flags = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
    unsigned header = (Z_DEFLATED + (7 << 4)) << 8 | flags << 6;
    header += 31 - header % 31;
    out[0] = (unsigned char)(header >> 8);
    out[1] = (unsigned char)header;
}

/* Inputs smaller than this are deflated in one piece. */
#define SPLIT_BYTES ((size_t)1 << 20)

/* zlib stream of raw[0..len) into a new buffer (caller frees) of *z_len
 * bytes, or NULL when zlib fails (out of memory inside it). A large input
 * is deflated as two halves on two threads, joined as pigz joins them
 * (the first ends byte-aligned by a sync flush, the checksums combine):
 * one valid stream, a few hundred bytes longer, in half the time. The
 * bytes do not depend on whether the second thread started. */
static unsigned char *deflate_all(const unsigned char *raw, size_t len,
                                  int level, size_t *z_len)
{
    size_t half = len >= SPLIT_BYTES ? len / 2 : len;
    DeflatePart parts[2] = {{raw, half, level, half == len, NULL, 0, 0, 0},
                            {raw + half, len - half, level, 1, NULL, 0, 0, 0}};
    size_t n = half == len ? 1 : 2;
    pthread_t thread;
    int threaded = n == 2 &&
                   pthread_create(&thread, NULL, deflate_part, &parts[1]) == 0;
    deflate_part(&parts[0]);
    if (threaded)
        pthread_join(thread, NULL);
    else if (n == 2)
        deflate_part(&parts[1]);
    unsigned char *out = NULL;
    int ok = parts[0].ok && parts[n - 1].ok;
    if (ok) {
        size_t total = 2 + parts[0].out_len + 4;
        if (n == 2)
            total += parts[1].out_len;
        out = xmalloc(total);
        zlib_header(level, out);
        size_t at = 2;
        uLong adler = parts[0].adler;
        for (size_t i = 0; i < n; i++) {
            memcpy(out + at, parts[i].out, parts[i].out_len);
            at += parts[i].out_len;
            if (i > 0)
                adler = adler32_combine(adler, parts[i].adler,
                                        (z_off_t)parts[i].len);
        }
        put_u32(out + at, (uint32_t)adler);
        *z_len = at + 4;
    }
    for (size_t i = 0; i < n; i++)
        free(parts[i].out);
    return out;
}

/* Appends signature, IHDR (8 bits, colour type), IDAT of the zlib stream
 * z[0..z_len) and IEND. */
static void put_png(ByteBuf *out, int width, int height, int colour_type,
                    const unsigned char *z, size_t z_len)
{
    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G',
                                               '\r', '\n', 0x1a, '\n'};
    unsigned char ihdr[13];
    put_u32(ihdr, (uint32_t)width);
    put_u32(ihdr + 4, (uint32_t)height);
    ihdr[8] = 8;                      /* bits per sample */
    ihdr[9] = (unsigned char)colour_type;
    ihdr[10] = ihdr[11] = ihdr[12] = 0; /* deflate, filter set 0, no interlace */
    bytebuf_append(out, signature, sizeof signature);
    put_chunk(out, "IHDR", ihdr, sizeof ihdr);
    for (size_t off = 0; off < z_len; off += IDAT_MAX)
        put_chunk(out, "IDAT", z + off,
                  z_len - off < IDAT_MAX ? z_len - off : IDAT_MAX);
    put_chunk(out, "IEND", (const unsigned char *)"", 0);
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
    size_t row_len = 1 + (size_t)width;
    unsigned char *raw = xmalloc_array((size_t)height, row_len);
    for (int y = 0; y < height; y++) {
        unsigned char *dst = raw + (size_t)y * row_len;
        dst[0] = 0; /* filter: None */
        memcpy(dst + 1, pixels + (size_t)y * stride, (size_t)width);
    }
    size_t z_len;
    unsigned char *z = deflate_all(raw, (size_t)height * row_len,
                                   clamp_level(level), &z_len);
    free(raw);
    if (!z)
        return -1;
    put_png(out, width, height, 0, z, z_len);
    free(z);
    return 0;
}

int pngenc_argb32(unsigned char *pixels, int width, int height,
                  int stride, int level, ByteBuf *out)
{
    if (width < 1 || height < 1 || width > 65535 || height > 65535 ||
        stride / 4 < width)
        return -1;
    level = clamp_level(level);
    size_t channels = all_opaque(pixels, width, height, stride) ? 3 : 4;
    size_t raw_len;
    unsigned char *raw;
    if (channels == 3) {
        raw = pixels;
        raw_len = scanlines_rgb_in_place(pixels, width, height, stride);
    } else {
        raw = scanlines_rgba(pixels, width, height, stride, &raw_len);
    }
    size_t z_len;
    unsigned char *z = deflate_all(raw, raw_len, level, &z_len);
    if (raw != pixels)
        free(raw);
    if (!z)
        return -1;

    put_png(out, width, height, channels == 3 ? 2 : 6, z, z_len);
    free(z);
    return 0;
}
