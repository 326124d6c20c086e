/* bytebuf.c - a growable byte buffer. */
#include "bytebuf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void bytebuf_append(ByteBuf *b, const void *data, size_t len)
{
    if (len > SIZE_MAX - b->len) {
        /* grow_array would be asked for the wrapped, smaller length. */
        fputs("aigrowth: out of memory (a buffer past SIZE_MAX bytes)\n",
              stderr);
        abort();
    }
    grow_array((void **)&b->data, &b->cap, b->len + len, 1);
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

void bytebuf_free(ByteBuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
