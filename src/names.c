/* names.c - quote-aware splitting of comma-separated names. */
#include "names.h"

#include <stddef.h>

unsigned names_split(char *text, NamesItemFn on_item, void *ctx)
{
    unsigned n = 0;
    char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        /* The item is rewritten over itself: unquoting only shortens it.
         * kept marks the end of its last quoted or non-space character,
         * so trailing spaces go but quoted ones stay. */
        char *start = p, *out = p, *kept = p;
        int quoted = 0;
        for (; *p && (quoted || *p != ','); p++) {
            if (*p == '"' && quoted && p[1] == '"') {
                *out++ = '"';
                kept = out;
                p++;
            } else if (*p == '"') {
                quoted = !quoted;
                kept = out;
            } else {
                *out++ = *p;
                if (quoted || *p != ' ')
                    kept = out;
            }
        }
        char *next = *p ? p + 1 : p;
        *kept = '\0';   /* may overwrite the comma: next is past it */
        if (kept > start) {
            on_item(ctx, start);
            n++;
        }
        p = next;
    }
    return n;
}
