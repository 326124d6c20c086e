/* hash.h - 64-bit FNV-1a, the one hash of the program: the state's
 * change detector (state.h) and the dataset's string pool. Simple and
 * fast on short keys; not cryptographic. */
#ifndef AIGROWTH_HASH_H
#define AIGROWTH_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Incremental: feed it with hash_*, read h. */
typedef struct {
    uint64_t h;
} Hash;

void hash_init(Hash *h);
void hash_bytes(Hash *h, const void *data, size_t len);
/* Strings are hashed with their terminating NUL, so "ab","c" and "a","bc"
 * differ; NULL hashes like a distinct empty value. */
void hash_str(Hash *h, const char *s);
void hash_long(Hash *h, long v);
void hash_double(Hash *h, double v);
/* The hash of s without its NUL (as hash_bytes of its bytes from
 * hash_init would give), and its length, in one pass. */
uint64_t hash_string_length(const char *s, size_t *len);

#endif
