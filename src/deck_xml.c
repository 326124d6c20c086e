/* deck_xml.c - escaping and small writers for the deck's XML parts. */
#include "deck_xml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The length of the valid UTF-8 sequence at s, or 0 when there is none
 * (a stray continuation byte, an overlong or truncated sequence, a
 * surrogate, past U+10FFFF). */
static size_t utf8_sequence(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n;
    unsigned min, cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, min = 0x80, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, min = 0x800, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, min = 0x10000, cp = c & 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
        cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return n;
}

void deck_xml_escape(ByteBuf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        const char *entity = NULL;
        switch (*p) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&apos;"; break;
        default: break;
        }
        if (entity) {
            deck_xml_raw(b, entity);
            p++;
            continue;
        }
        if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
            p++;    /* not allowed anywhere in XML 1.0 */
            continue;
        }
        size_t n = utf8_sequence(p);
        if (n == 0) {
            deck_xml_raw(b, "\xef\xbf\xbd");
            p++;
            continue;
        }
        bytebuf_append(b, p, n);
        p += n;
    }
}

void deck_xml_raw(ByteBuf *b, const char *markup)
{
    bytebuf_append(b, markup, strlen(markup));
}

void deck_xml_fmt(ByteBuf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        bytebuf_append(b, small, (size_t)n);
        return;
    }
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    bytebuf_append(b, big, (size_t)n);
    free(big);
}

void deck_xml_element(ByteBuf *b, const char *tag, const char *text)
{
    deck_xml_fmt(b, "<%s>", tag);
    deck_xml_escape(b, text);
    deck_xml_fmt(b, "</%s>", tag);
}

void deck_xml_attr(ByteBuf *b, const char *name, const char *value)
{
    deck_xml_fmt(b, " %s=\"", name);
    deck_xml_escape(b, value);
    deck_xml_raw(b, "\"");
}
