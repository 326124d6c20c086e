/* sources_check.c - the source column's citations, one row at a time. */
#include "sources_check.h"

#include <string.h>

#include "util.h"

/* Longer citations are checked on their first bytes: no real one is. */
#define CITATION_MAX 2048
/* A row citing more pages than this is checked for repeats on the first. */
#define URLS_MAX 32

int sources_is_problem(SourceFinding f)
{
    return f != SOURCE_UNLOCATED && f != SOURCE_CITATION_NO_URL;
}

static int has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int is_scheme_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/* The page address in a citation: from "http://" or "https://" to the
 * next blank, less a closing parenthesis that closes the citation's own
 * "(" (an address may hold balanced ones: ".../competition(2)/"). */
static size_t find_url(const char *c, size_t *start)
{
    const char *a = strstr(c, "https://"), *b = strstr(c, "http://");
    const char *u = a && (!b || a < b) ? a : b;
    if (!u)
        return 0;
    size_t n = strcspn(u, " \t");
    int depth = 0;
    for (size_t i = 0; i < n; i++)
        depth += u[i] == '(' ? 1 : u[i] == ')' ? -1 : 0;
    while (n > 0 && depth < 0 && u[n - 1] == ')') {
        n--;
        depth++;
    }
    *start = (size_t)(u - c);
    return n;
}

/* An address of another scheme ("ftp://", "file:") or without one
 * ("www.example.com"): returns its start, or NULL. */
static const char *other_address(const char *c)
{
    for (const char *p = strstr(c, "://"); p; p = strstr(p + 3, "://")) {
        const char *s = p;
        while (s > c && is_scheme_char(s[-1]))
            s--;
        if (s < p && !has_prefix(s, "http://") && !has_prefix(s, "https://"))
            return s;
    }
    for (const char *p = strstr(c, "www."); p; p = strstr(p + 4, "www.")) {
        if (p == c || p[-1] == ' ' || p[-1] == '(')
            return p;
    }
    return NULL;
}

static int says_unlocated(const char *source)
{
    return strstr(source, "no source located") != NULL;
}

static int is_verified(const char *confidence)
{
    return confidence && strcmp(confidence, "verified") == 0;
}

/* Copies the next citation of *p (up to "; ") into cit and moves *p past
 * it; returns 0 at the end of the source. */
static int next_citation(const char **p, char cit[CITATION_MAX])
{
    if (!**p)
        return 0;
    const char *end = strstr(*p, "; ");
    size_t len = end ? (size_t)(end - *p) : strlen(*p);
    size_t keep = len < CITATION_MAX ? len : CITATION_MAX - 1;
    memcpy(cit, *p, keep);
    cit[keep] = '\0';
    *p += len + (end ? 2 : 0);
    return 1;
}

size_t sources_check_row(const SourceRow *row, SourcesFoundFn found,
                         void *ctx)
{
    const char *src = row->source ? row->source : "";
    size_t problems = 0;
    if (!src[0]) {
        found(ctx, row, SOURCE_MISSING, "");
        return 1;
    }
    char urls[URLS_MAX][CITATION_MAX];
    size_t n_urls = 0;
    char cit[CITATION_MAX];
    size_t no_url = 0;
    for (const char *p = src; next_citation(&p, cit);) {
        size_t at = 0, n = find_url(cit, &at);
        const char *other = other_address(cit);
        if (other) {
            char addr[CITATION_MAX];
            size_t k = strcspn(other, " \t)");
            memcpy(addr, other, k);
            addr[k] = '\0';
            found(ctx, row, SOURCE_NOT_HTTP, addr);
            problems++;
        }
        if (!n) {
            if (!other)
                no_url++;
            continue;
        }
        char url[CITATION_MAX];
        memcpy(url, cit + at, n);
        url[n] = '\0';
        size_t seen = 0;
        while (seen < n_urls && strcmp(urls[seen], url) != 0)
            seen++;
        if (seen < n_urls) {
            found(ctx, row, SOURCE_REPEATED, url);
            problems++;
        } else if (n_urls < URLS_MAX) {
            memcpy(urls[n_urls++], url, n + 1);
        }
    }
    /* Citations without an address: notes when another has one, else the
     * row's standing depends on whether it says so. Reported after the
     * problems above, in citation order. */
    if (!no_url)
        return problems;
    SourceFinding kind = SOURCE_CITATION_NO_URL;
    if (n_urls == 0 && says_unlocated(src))
        kind = is_verified(row->confidence) ? SOURCE_VERIFIED_NO_URL
                                            : SOURCE_UNLOCATED;
    else if (n_urls == 0)
        kind = SOURCE_NO_URL;
    for (const char *p = src; next_citation(&p, cit);) {
        size_t at;
        if (find_url(cit, &at) || other_address(cit))
            continue;
        found(ctx, row, kind, cit);
        if (sources_is_problem(kind))
            problems++;
        /* A row without any page is one finding, not one per citation. */
        if (kind != SOURCE_CITATION_NO_URL)
            break;
    }
    return problems;
}
