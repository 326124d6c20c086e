/* util.c - allocation that never returns NULL. */
#include "util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size)
{
    fprintf(stderr, "aigrowth: out of memory (asked for %zu bytes)\n", size);
    /* Exit 3 like any other failure to get a resource, not a crash: no
     * output has been put in place before the commit, and the next run
     * removes what this one staged. */
    exit(3);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory(n * size);
    return p;
}

void *xmalloc_array(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        out_of_memory(SIZE_MAX);
    return xmalloc(n * size);
}

void *xrealloc_array(void *ptr, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        out_of_memory(SIZE_MAX);
    size_t bytes = n * size;
    void *p = realloc(ptr, bytes ? bytes : 1);
    if (!p)
        out_of_memory(n * size);
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrfmt(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        out_of_memory(0);
    char *p = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

char *xstrndup(const char *s, size_t len)
{
    size_t n = strnlen(s, len);
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void grow_array(void **items, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap)
        return;
    size_t next = *cap ? *cap : 16;
    while (next < need) {
        if (next > SIZE_MAX / 2)
            out_of_memory(SIZE_MAX);
        next *= 2;
    }
    *items = xrealloc_array(*items, next, elem_size);
    *cap = next;
}

int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z')
            ca += 'a' - 'A';
        if (cb >= 'A' && cb <= 'Z')
            cb += 'a' - 'A';
        if (ca != cb || ca == 0)
            return ca - cb;
    }
}

void quote_excerpt(char *out, size_t size, const char *s, size_t len)
{
    size_t n = len;
    if (n > QUOTE_MAX) {
        n = QUOTE_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < size; i++)
        out[o++] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
    if (n < len)
        for (int k = 0; k < 3 && o + 1 < size; k++)
            out[o++] = '.';
    out[o] = '\0';
}

size_t utf8_decode(const unsigned char *s, size_t len, unsigned long *cp)
{
    unsigned char b = s[0];
    size_t need;
    unsigned long c;
    unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
    if (b < 0x80) {
        *cp = b;
        return 1;
    } else if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        c = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        c = b & 0x0F;
        if (b == 0xE0)
            lo = 0xA0; /* overlong */
        if (b == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        c = b & 0x07;
        if (b == 0xF0)
            lo = 0x90; /* overlong */
        if (b == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        *cp = UTF8_REPLACEMENT;
        return 1;
    }
    for (size_t i = 1; i <= need; i++) {
        unsigned char min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
        if (i >= len || s[i] < min || s[i] > max) {
            *cp = UTF8_REPLACEMENT;
            return i;
        }
        c = (c << 6) | (s[i] & 0x3F);
    }
    *cp = c;
    return need + 1;
}

size_t width_fold(const char *s, size_t len, char *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        /* U+FF01..U+FF3F are EF BC 81..BF, U+FF40..U+FF5E EF BD 80..9E. */
        if (len - i >= 3 && u[i] == 0xEF && u[i + 1] == 0xBC &&
            u[i + 2] >= 0x81 && u[i + 2] <= 0xBF) {
            out[o++] = (char)(u[i + 2] - 0x81 + 0x21);
            i += 3;
        } else if (len - i >= 3 && u[i] == 0xEF && u[i + 1] == 0xBD &&
                   u[i + 2] >= 0x80 && u[i + 2] <= 0x9E) {
            out[o++] = (char)(u[i + 2] - 0x80 + 0x60);
            i += 3;
        } else if (len - i >= 3 && u[i] == 0xE3 && u[i + 1] == 0x80 &&
                   u[i + 2] == 0x80) {
            out[o++] = ' ';
            i += 3;
        } else {
            out[o++] = s[i++];
        }
    }
    out[o] = '\0';
    return o;
}

size_t utf8_encode(unsigned long cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
