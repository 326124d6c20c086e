/* report_urls.c - the http(s) URLs in source text, and their encoding
 * for link annotations. */
#include "report_urls.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

/* ASCII-only case-insensitive prefix test (the process locale plays no
 * part). */
static int has_prefix_ci(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        if (ascii_lower(*s) != *prefix)
            return 0;
    }
    return 1;
}

static int url_start_at(const char *s, size_t i)
{
    if (i > 0 && !strchr(" \t([<\"", s[i - 1]))
        return 0;
    return has_prefix_ci(s + i, "http://") || has_prefix_ci(s + i, "https://");
}

size_t report_find_urls(const char *text, ReportSpan *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; text[i]; i++) {
        if (!url_start_at(text, i))
            continue;
        size_t end = i;
        while (text[end] && text[end] != ' ' && text[end] != '\t' &&
               text[end] != '\n' && text[end] != '"' && text[end] != '<' &&
               text[end] != '>')
            end++;
        /* Trailing punctuation ends a sentence, not the URL; a closing
           bracket belongs to the URL only when it opened one. */
        for (;;) {
            char c = end > i ? text[end - 1] : 0;
            if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
                c == '?' || c == '\'') {
                end--;
                continue;
            }
            if (c == ')' || c == ']') {
                char open = c == ')' ? '(' : '[';
                int depth = 0;
                for (size_t k = i; k < end; k++)
                    depth += text[k] == open ? 1 : text[k] == c ? -1 : 0;
                if (depth < 0) {
                    end--;
                    continue;
                }
            }
            break;
        }
        size_t scheme = text[i + 4] == ':' ? 7 : 8;
        if (end > i + scheme) {
            if (n < max)
                out[n] = (ReportSpan){i, end - i};
            n++;
        }
        i = end > i ? end - 1 : i;
    }
    return n;
}

char *report_uri_encode(const char *s, size_t len)
{
    static const char ok[] = "-._~:/?#[]@!$&'()*+,;=%";
    char *out = xmalloc_array(len + 1, 3);
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || (c && strchr(ok, c)))
            out[o++] = (char)c;
        else
            o += (size_t)snprintf(out + o, 4, "%%%02X", c);
    }
    out[o] = '\0';
    return out;
}
