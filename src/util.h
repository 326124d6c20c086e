/* util.h - allocation that never returns NULL, and small string helpers. */
#ifndef AIGROWTH_UTIL_H
#define AIGROWTH_UTIL_H

#include <stddef.h>
#include <string.h>

/* Out of memory is fatal: these print to stderr and abort instead of
 * returning NULL. xmalloc_array checks n * size for overflow first. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xmalloc_array(size_t n, size_t size);
void *xrealloc_array(void *ptr, size_t n, size_t size);
/* Caller frees. xstrndup copies at most len bytes and terminates. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);
/* A new string formatted as printf would (caller frees): for paths and
 * names of any length, where a fixed buffer would cut them. */
char *xstrfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows *items (of elem_size bytes, *cap slots) so it holds at least need
 * slots, doubling. */
void grow_array(void **items, size_t *cap, size_t need, size_t elem_size);

/* ASCII character classes for parsers: independent of the locale, and
 * false for every byte of a multi-byte UTF-8 character. */
/* The latest SOURCE_DATE_EPOCH taken: 9999-12-31T23:59:59Z, the end of
 * the four-digit years every output's dates are written in. */
#define SOURCE_DATE_EPOCH_MAX 253402300799LL

static inline int ascii_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Moves *s past leading spaces and tabs; returns the length left without
 * the trailing ones (the string itself is not changed). */
static inline size_t ascii_trim_span(const char **s)
{
    const char *p = *s;
    size_t n = strlen(p);
    while (n > 0 && ascii_blank(*p)) {
        p++;
        n--;
    }
    while (n > 0 && ascii_blank(p[n - 1]))
        n--;
    *s = p;
    return n;
}

static inline int ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline int ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Bytes of an offending text quoted in an error message. */
#define QUOTE_MAX 40

/* Copies at most QUOTE_MAX bytes of s[0..len) into out (size bytes) for
 * quoting in a message, cut at a UTF-8 character boundary with "..."
 * marking the cut; control bytes become '?' so a stray tab or newline
 * cannot break the one-line message. */
void quote_excerpt(char *out, size_t size, const char *s, size_t len);

#define UTF8_REPLACEMENT 0xFFFDul

/* Decodes one character of s[0..len), len > 0. Returns the bytes used (>= 1)
 * and sets *cp. An invalid or truncated sequence yields U+FFFD for its
 * maximal valid prefix (at least one byte), as WHATWG and Unicode advise,
 * and never looks at s[len] or beyond. */
size_t utf8_decode(const unsigned char *s, size_t len, unsigned long *cp);

/* Encodes cp (at most U+10FFFF) as UTF-8 into out, which has room for 4
 * bytes; returns the length. */
size_t utf8_encode(unsigned long cp, char *out);

/* Copies s[0..len) into out (room for len + 1 bytes) with the full-width
 * forms U+FF01..U+FF5E (０-９ ． ， ％ ＄ Ｑ ...) as the ASCII characters
 * they stand for and the ideographic space U+3000 as ' ', as CJK input
 * methods type them; every other byte is copied as it is. Terminates out
 * and returns its length, at most len. */
size_t width_fold(const char *s, size_t len, char *out);

/* ASCII-only case-insensitive comparison, independent of locale. */
int ascii_casecmp(const char *a, const char *b);

#endif
