/* simplified.c - zh-TW text to zh-CN text through OpenCC, interned.
 *
 * The converter and the table of converted strings are the process's
 * own, like fontconfig's: opened on first use, guarded by one mutex (the
 * report draws charts on several threads) and released at exit. */
#include "simplified.h"

#include <opencc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "util.h"

/* Mainland usage OpenCC's phrase tables do not cover. */
static const struct {
    const char *from, *to;
} MAINLAND_USAGE[] = {
    {"\xe3\x80\x8c", "\xe2\x80\x9c"}, /* 「 → “ */
    {"\xe3\x80\x8d", "\xe2\x80\x9d"}, /* 」 → ” */
    {"\xe3\x80\x8e", "\xe2\x80\x98"}, /* 『 → ‘ */
    {"\xe3\x80\x8f", "\xe2\x80\x99"}, /* 』 → ’ */
    {"成长", "增长"},
    {"报导", "报道"},
    {"指针", "指标"}, /* tw2sp reads 指標 as the programmer's pointer */
};

typedef struct {
    uint64_t hash;
    char *from, *to;
} Interned;

static pthread_once_t open_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static opencc_t converter = (opencc_t)-1;
static char failure[256];
static Interned *table;
static size_t table_cap, table_used;

static void release(void)
{
    for (size_t i = 0; i < table_cap; i++) {
        free(table[i].from);
        free(table[i].to);
    }
    free(table);
    table = NULL;
    table_cap = table_used = 0;
    if (converter != (opencc_t)-1)
        opencc_close(converter);
    converter = (opencc_t)-1;
}

static void open_converter(void)
{
    converter = opencc_open("tw2sp.json");
    if (converter == (opencc_t)-1) {
        snprintf(failure, sizeof failure,
                 "OpenCC cannot load tw2sp.json (%s); install libopencc-data",
                 opencc_error());
        return;
    }
    atexit(release);
}

const char *simplified_failure(void)
{
    pthread_once(&open_once, open_converter);
    return failure[0] ? failure : NULL;
}

static int ascii_only(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/* s with every `from` replaced by `to`; s is freed. */
static char *replace_all(char *s, const char *from, const char *to)
{
    size_t nf = strlen(from), nt = strlen(to), count = 0;
    for (const char *p = strstr(s, from); p; p = strstr(p + nf, from))
        count++;
    if (!count)
        return s;
    char *out = xmalloc(strlen(s) - count * nf + count * nt + 1);
    char *w = out;
    const char *r = s;
    for (const char *p = strstr(r, from); p; p = strstr(r, from)) {
        memcpy(w, r, (size_t)(p - r));
        w += p - r;
        memcpy(w, to, nt);
        w += nt;
        r = p + nf;
    }
    strcpy(w, r);
    free(s);
    return out;
}

static char *convert(const char *text)
{
    char *raw = opencc_convert_utf8(converter, text, strlen(text));
    char *out = xstrdup(raw ? raw : text);
    if (raw)
        opencc_convert_utf8_free(raw);
    for (size_t i = 0; i < sizeof MAINLAND_USAGE / sizeof *MAINLAND_USAGE; i++)
        out = replace_all(out, MAINLAND_USAGE[i].from, MAINLAND_USAGE[i].to);
    return out;
}

static Interned *slot_for(uint64_t hash, const char *text)
{
    size_t mask = table_cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask)
        if (!table[i].from ||
            (table[i].hash == hash && strcmp(table[i].from, text) == 0))
            return &table[i];
}

static void grow_table(void)
{
    Interned *old = table;
    size_t old_cap = table_cap;
    table_cap = old_cap ? old_cap * 2 : 256;
    table = xcalloc(table_cap, sizeof *table);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].from)
            *slot_for(old[i].hash, old[i].from) = old[i];
    free(old);
}

const char *simplified_text(const char *text)
{
    if (!text || ascii_only(text) || simplified_failure())
        return text;
    size_t len;
    uint64_t hash = hash_string_length(text, &len);
    pthread_mutex_lock(&table_lock);
    if (2 * (table_used + 1) > table_cap)
        grow_table();
    Interned *slot = slot_for(hash, text);
    if (!slot->from) {
        slot->hash = hash;
        slot->from = xstrdup(text);
        slot->to = convert(text);
        table_used++;
    }
    const char *out = slot->to;
    pthread_mutex_unlock(&table_lock);
    return out;
}
