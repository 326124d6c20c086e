/* bytebuf.h - a growable byte buffer, for output produced in pieces (PNG,
 * SVG, PDF operators). */
#ifndef AIGROWTH_BYTEBUF_H
#define AIGROWTH_BYTEBUF_H

#include <stddef.h>

/* Plain data: {0} is an empty buffer; data holds len bytes (not
 * NUL-terminated) and belongs to whoever holds the ByteBuf, released with
 * bytebuf_free. */
typedef struct {
    unsigned char *data;
    size_t len, cap;
} ByteBuf;

/* Copies len bytes onto the end of b. Out of memory, or a length that
 * would overflow size_t, is fatal. */
void bytebuf_append(ByteBuf *b, const void *data, size_t len);

/* Frees the bytes and leaves b empty ({0}), ready for reuse. */
void bytebuf_free(ByteBuf *b);

#endif
