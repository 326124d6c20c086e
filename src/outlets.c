/* outlets.c - outlet names from source citations; see outlets.h. */
#include "outlets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Where the outlet's name ends: the first of the separators. */
static size_t name_end(const char *s)
{
    static const char *const stops[] = {
        " (", "(", "\xef\xbc\x88" /* （ */, ";", "\xef\xbc\x9b" /* ； */,
        ",", "\xef\xbc\x8c" /* ， */, "\xe3\x80\x81" /* 、 */, " via ",
        " citing ", " syndicated", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ",
        "http://", "https://"};
    size_t end = strlen(s);
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
        const char *p = strstr(s, stops[i]);
        if (p && (size_t)(p - s) < end)
            end = (size_t)(p - s);
    }
    return end;
}

void outlet_name(const char *citation, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    if (!citation)
        return;
    const char *s = citation;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t len = name_end(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.'))
        len--;
    size_t max = size - 1 < OUTLET_NAME_MAX ? size - 1 : OUTLET_NAME_MAX;
    if (len > max) {
        len = max;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--; /* not inside a character */
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
}

void outlet_tally_add(OutletTally *t, const char *citation)
{
    char name[OUTLET_NAME_MAX + 1];
    outlet_name(citation, name, sizeof name);
    if (!name[0])
        return;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->items[i].name, name) == 0) {
            t->items[i].count++;
            return;
        }
    grow_array((void **)&t->items, &t->cap, t->n + 1, sizeof *t->items);
    struct OutletCount *c = &t->items[t->n];
    memcpy(c->name, name, sizeof name);
    c->count = 1;
    c->first = t->n++;
}

void outlet_tally_free(OutletTally *t)
{
    free(t->items);
    memset(t, 0, sizeof *t);
}

static int by_count(const void *a, const void *b)
{
    const struct OutletCount *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

void outlet_tally_list(const OutletTally *t, size_t show, Lang lang,
                       char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    if (t->n == 0)
        return;
    struct OutletCount *sorted = xmalloc_array(t->n, sizeof *sorted);
    memcpy(sorted, t->items, t->n * sizeof *sorted);
    qsort(sorted, t->n, sizeof *sorted, by_count);
    size_t shown = t->n < show ? t->n : show, len = 0;
    int zh = lang_is_chinese(lang);
    for (size_t i = 0; i < shown && len < size; i++) {
        const char *sep = i == 0                        ? ""
                          : zh                          ? "\xe3\x80\x81"
                          : i + 1 == shown && shown == t->n ? " and "
                                                          : ", ";
        len += (size_t)snprintf(buf + len, size - len, "%s%s", sep,
                                lang_text(lang, sorted[i].name));
    }
    if (shown < t->n && len < size)
        snprintf(buf + len, size - len,
                 zh ? "\xe7\xad\x89%zu\xe5\xae\xb6" /* 等N家 */
                    : " and %zu more",
                 zh ? t->n : t->n - shown);
    free(sorted);
}
