/* util.h - allocation that never returns NULL, and small string helpers. */
#ifndef AIGROWTH_UTIL_H
#define AIGROWTH_UTIL_H

#include <stddef.h>

/* Out of memory is fatal: these print to stderr and abort instead of
 * returning NULL. xmalloc_array checks n * size for overflow first. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xmalloc_array(size_t n, size_t size);
void *xrealloc_array(void *ptr, size_t n, size_t size);
/* Caller frees. xstrndup copies at most len bytes and terminates. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);

/* Grows *items (of elem_size bytes, *cap slots) so it holds at least need
 * slots, doubling. */
void grow_array(void **items, size_t *cap, size_t need, size_t elem_size);

/* ASCII-only case-insensitive comparison, independent of locale. */
int ascii_casecmp(const char *a, const char *b);

#endif
