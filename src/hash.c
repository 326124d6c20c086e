/* hash.c - 64-bit FNV-1a; see hash.h. */
#include "hash.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

void hash_init(Hash *h)
{
    h->h = FNV_OFFSET;
}

void hash_bytes(Hash *h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h->h ^= p[i];
        h->h *= FNV_PRIME;
    }
}

void hash_str(Hash *h, const char *s)
{
    if (!s) {
        hash_bytes(h, "\xff", 1);
        return;
    }
    hash_bytes(h, s, strlen(s) + 1);
}

void hash_long(Hash *h, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    hash_str(h, buf);
}

void hash_double(Hash *h, double v)
{
    /* Its bits, not its digits (snprintf was most of a run with nothing
       to redraw); zeros and NaNs that compare alike hash alike. */
    if (v == 0)
        v = 0;
    if (isnan(v))
        v = NAN;
    hash_bytes(h, &v, sizeof v);
}

uint64_t hash_string_length(const char *s, size_t *len)
{
    uint64_t h = FNV_OFFSET;
    const char *p = s;
    for (; *p; p++) {
        h ^= (unsigned char)*p;
        h *= FNV_PRIME;
    }
    *len = (size_t)(p - s);
    return h;
}
