/* dataset.c - rows in compact columns, their string pool, and grouping
 * into series.
 *
 * Storage. A row costs 17 bytes: its day (int32), value (double), line
 * (uint32) and date precision (uint8), appended to the columns of its
 * group, the rows of one (company as spelled, metric, value column) read
 * in one go from one file. Files as people and programs write them hold
 * each series in one stretch in date order: then a group's columns are
 * already the series, and dataset_group lends them to the Series instead
 * of copying. The optional texts of a row (unit, basis, source,
 * confidence, note) are interned together as one RowText, and a group
 * keeps them as runs: an entry where they change, not one per row.
 *
 * Load order. Rows are told apart and ordered by where they were read,
 * not by a stored sequence number. An epoch is a stretch of rows of one
 * file whose (line, column) rise strictly, so (epoch, line, column) puts
 * every row in its place in load order. A row that does not rise so
 * (another file, a new load, a line going back) starts a new epoch, and
 * new groups with it; a group belongs to one epoch, so its rows are in
 * load order too. */
#include "dataset.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "util.h"

/* A hash set of strings: open addressing, linear probing, kept at most
 * half full. Each slot keeps the full hash, so a probe compares strings
 * only when the hashes match (a 49 MB file may hold one distinct source
 * URL per row). The bytes live in blocks of BLOCK_SIZE, freed together. */
#define BLOCK_SIZE (64 * 1024)

typedef struct PoolBlock {
    struct PoolBlock *next;
    size_t used, cap;
    char data[];
} PoolBlock;

typedef struct {
    const char *s;     /* NULL: empty slot */
    uint64_t hash;
    size_t tag;        /* scratch for dataset_group, see merge_company */
    int warned;
} PoolSlot;

struct StringPool {
    PoolSlot *slots;
    size_t cap;      /* a power of two, or 0 */
    size_t n;
    PoolBlock *blocks;   /* newest first */
};

/* FNV-1a, 64 bit: simple, and good enough for short keys. */
static uint64_t hash_string(const char *s, size_t *len)
{
    uint64_t h = 14695981039346656037ULL;
    const char *p = s;
    for (; *p; p++) {
        h ^= (unsigned char)*p;
        h *= 1099511628211ULL;
    }
    *len = (size_t)(p - s);
    return h;
}

static void pool_grow(struct StringPool *pool)
{
    size_t cap = pool->cap ? pool->cap * 2 : 64;
    PoolSlot *slots = xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < pool->cap; i++) {
        if (!pool->slots[i].s)
            continue;
        size_t j = (size_t)pool->slots[i].hash & (cap - 1);
        while (slots[j].s)
            j = (j + 1) & (cap - 1);
        slots[j] = pool->slots[i];
    }
    free(pool->slots);
    pool->slots = slots;
    pool->cap = cap;
}

/* Copies s (len bytes and its NUL) into the current block, starting a
 * new one when it does not fit; a string longer than a block gets a block
 * of its own. */
static const char *pool_store(struct StringPool *pool, const char *s,
                              size_t len)
{
    PoolBlock *b = pool->blocks;
    if (!b || b->cap - b->used < len + 1) {
        /* len + 1 cannot overflow: s is in memory, NUL included. */
        size_t cap = len + 1 > BLOCK_SIZE ? len + 1 : BLOCK_SIZE;
        if (cap > SIZE_MAX - sizeof *b)
            xmalloc_array(SIZE_MAX, 2);   /* reports out of memory */
        b = xmalloc(sizeof *b + cap);
        b->used = 0;
        b->cap = cap;
        b->next = pool->blocks;
        pool->blocks = b;
    }
    char *d = b->data + b->used;
    memcpy(d, s, len + 1);
    b->used += len + 1;
    return d;
}

/* The slot holding s, added if new; valid until the next insertion. */
static PoolSlot *pool_slot(struct StringPool *pool, const char *s)
{
    if (2 * (pool->n + 1) > pool->cap)
        pool_grow(pool);
    size_t len;
    uint64_t h = hash_string(s, &len);
    size_t j = (size_t)h & (pool->cap - 1);
    while (pool->slots[j].s) {
        if (pool->slots[j].hash == h && strcmp(pool->slots[j].s, s) == 0)
            return &pool->slots[j];
        j = (j + 1) & (pool->cap - 1);
    }
    pool->slots[j].s = pool_store(pool, s, len);
    pool->slots[j].hash = h;
    pool->n++;
    return &pool->slots[j];
}

static const char *pool_intern(struct StringPool *pool, const char *s)
{
    return pool_slot(pool, s)->s;
}

static void pool_destroy(struct StringPool *pool)
{
    if (!pool)
        return;
    while (pool->blocks) {
        PoolBlock *next = pool->blocks->next;
        free(pool->blocks);
        pool->blocks = next;
    }
    free(pool->slots);
    free(pool);
}

/* ---- rows ---- */

/* The optional texts of a row, interned. */
typedef struct {
    const char *unit, *basis, *source, *confidence, *note;
} RowText;

/* From row start of a group on (to the next run), the row's texts are
 * texts[text]. */
typedef struct {
    uint32_t start;
    uint32_t text;
} TextRun;

/* Bytes of one row in a group's block. */
#define ROW_BYTES (sizeof(double) + sizeof(int32_t) + sizeof(uint32_t) + 1)

/* When its epoch ends, a group gives back the rows its block has room
 * for but does not use, when they are an eighth of the block or more and
 * at least this many bytes: a copy of the block to save less is not
 * worth its time. */
#define GROUP_SLACK 1024

typedef struct {
    const char *company;   /* interned, as read */
    const char *canon;     /* interned: the spelling kept (merge_companies) */
    const char *metric;    /* interned */
    const char *file;      /* interned */
    uint32_t epoch;
    uint32_t column;
    uint32_t n, cap;       /* rows, rows the block holds */
    /* One allocation: double value[cap], int32_t date[cap],
     * uint32_t line[cap], uint8_t precision[cap]. */
    void *block;
    TextRun run0;          /* the one run while runs is NULL */
    TextRun *runs;
    uint32_t n_runs, cap_runs;
    int ascending;         /* each date after the one before */
} Group;

static double *group_value(const Group *g)
{
    return g->block;
}

static int32_t *group_date(const Group *g)
{
    return (int32_t *)(group_value(g) + g->cap);
}

static uint32_t *group_line(const Group *g)
{
    return (uint32_t *)(group_date(g) + g->cap);
}

static uint8_t *group_prec(const Group *g)
{
    return (uint8_t *)(group_line(g) + g->cap);
}

static const TextRun *group_runs(const Group *g)
{
    return g->runs ? g->runs : &g->run0;
}

/* Where a row was read: orders rows in load order. */
typedef struct {
    uint32_t epoch, line, column;
} Place;

static Place place_of(const Group *g, uint32_t k)
{
    return (Place){g->epoch, group_line(g)[k], g->column};
}

static int place_cmp(Place a, Place b)
{
    if (a.epoch != b.epoch)
        return a.epoch < b.epoch ? -1 : 1;
    if (a.line != b.line)
        return a.line < b.line ? -1 : 1;
    return (a.column > b.column) - (a.column < b.column);
}

struct RowStore {
    Group *groups;             /* in order of creation, so of epochs */
    size_t n_groups, cap_groups;
    RowText *texts;
    size_t n_texts, cap_texts;
    uint32_t *text_slots;      /* hash set of texts: index + 1, 0 empty */
    size_t text_cap;
    /* Groups of the current epoch by (company, metric, column): index +
     * 1, 0 empty. A slot of a group of an older epoch counts as empty,
     * so ending an epoch needs no clearing. */
    uint32_t *group_slots;
    size_t group_cap, group_count;
    uint32_t epoch;
    size_t epoch_first;        /* first group of the current epoch */
    const char *file;          /* of the current epoch; NULL: none open */
    uint32_t line, column;     /* of the row added last */
    size_t last;               /* group of the row added last + 1; 0 none */
    void **series_blocks;      /* per series: its own block, or NULL when
                                  it borrows a group's columns */
    size_t cap_series_blocks;
};

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* Does text s equal the interned t? Pointers first, then bytes. */
static int same_text(const char *s, const char *t)
{
    return s == t || (s[0] == t[0] && (!s[0] || strcmp(s + 1, t + 1) == 0));
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

static uint64_t text_hash(const RowText *t)
{
    uint64_t h = mix(0, (uintptr_t)t->unit);
    h = mix(h, (uintptr_t)t->basis);
    h = mix(h, (uintptr_t)t->source);
    h = mix(h, (uintptr_t)t->confidence);
    return mix(h, (uintptr_t)t->note);
}

/* Index of t in st->texts, added if new. */
static uint32_t text_index(struct RowStore *st, const RowText *t)
{
    if (2 * (st->n_texts + 1) > st->text_cap) {
        size_t cap = st->text_cap ? st->text_cap * 2 : 64;
        uint32_t *slots = xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < st->n_texts; i++) {
            size_t j = (size_t)text_hash(&st->texts[i]) & (cap - 1);
            while (slots[j])
                j = (j + 1) & (cap - 1);
            slots[j] = (uint32_t)i + 1;
        }
        free(st->text_slots);
        st->text_slots = slots;
        st->text_cap = cap;
    }
    size_t mask = st->text_cap - 1;
    size_t j = (size_t)text_hash(t) & mask;
    for (; st->text_slots[j]; j = (j + 1) & mask) {
        const RowText *u = &st->texts[st->text_slots[j] - 1];
        if (u->unit == t->unit && u->basis == t->basis &&
            u->source == t->source && u->confidence == t->confidence &&
            u->note == t->note)
            return st->text_slots[j] - 1;
    }
    grow_array((void **)&st->texts, &st->cap_texts, st->n_texts + 1,
               sizeof *st->texts);
    st->texts[st->n_texts] = *t;
    st->text_slots[j] = (uint32_t)st->n_texts + 1;
    return (uint32_t)st->n_texts++;
}

/* Moves g's rows into a block of cap rows (cap >= g->n). */
static void group_resize(Group *g, uint32_t cap)
{
    Group moved = *g;
    moved.block = xmalloc_array(cap, ROW_BYTES);
    moved.cap = cap;
    if (g->n) {
        memcpy(group_value(&moved), group_value(g), g->n * sizeof(double));
        memcpy(group_date(&moved), group_date(g), g->n * sizeof(int32_t));
        memcpy(group_line(&moved), group_line(g), g->n * sizeof(uint32_t));
        memcpy(group_prec(&moved), group_prec(g), g->n);
    }
    free(g->block);
    g->block = moved.block;
    g->cap = cap;
}

static void group_free(Group *g)
{
    free(g->block);
    free(g->runs);
}

/* Gives the current epoch's groups their final size and closes it: the
 * next row starts a new one. */
static void end_epoch(struct RowStore *st)
{
    for (size_t i = st->epoch_first; i < st->n_groups; i++) {
        Group *g = &st->groups[i];
        uint32_t spare = g->cap - g->n;
        if (spare * ROW_BYTES >= GROUP_SLACK && spare >= g->cap / 8)
            group_resize(g, g->n);
    }
    st->epoch_first = st->n_groups;
    st->group_count = 0;
    st->file = NULL;
    st->last = 0;
}

static uint64_t group_hash(const char *company, const char *metric,
                           uint32_t column)
{
    return mix(mix(mix(0, (uintptr_t)company), (uintptr_t)metric), column);
}

/* Slot of (company, metric, column) in the current epoch's map: its
 * group's, or the empty one where it goes. */
static size_t group_slot(const struct RowStore *st, const char *company,
                         const char *metric, uint32_t column)
{
    size_t mask = st->group_cap - 1;
    size_t j = (size_t)group_hash(company, metric, column) & mask;
    for (;; j = (j + 1) & mask) {
        uint32_t s = st->group_slots[j];
        if (!s || s > st->n_groups)
            return j;
        const Group *g = &st->groups[s - 1];
        if (g->epoch != st->epoch)
            return j;
        if (g->company == company && g->metric == metric &&
            g->column == column)
            return j;
    }
}

static void group_map_grow(struct RowStore *st)
{
    size_t old_cap = st->group_cap;
    uint32_t *old = st->group_slots;
    st->group_cap = old_cap ? old_cap * 2 : 64;
    st->group_slots = xcalloc(st->group_cap, sizeof *st->group_slots);
    for (size_t i = st->epoch_first; i < st->n_groups; i++) {
        const Group *g = &st->groups[i];
        st->group_slots[group_slot(st, g->company, g->metric, g->column)] =
            (uint32_t)i + 1;
    }
    free(old);
}

/* The group of the current epoch that a row of (company, metric, column)
 * joins, made if new. */
static size_t find_group(Dataset *ds, const char *company_text,
                         const char *metric_text, uint32_t column)
{
    struct RowStore *st = ds->rows;
    const char *company = pool_intern(ds->pool, company_text);
    const char *metric = pool_intern(ds->pool, metric_text);
    if (2 * (st->group_count + 1) > st->group_cap)
        group_map_grow(st);
    size_t j = group_slot(st, company, metric, column);
    uint32_t s = st->group_slots[j];
    if (s && s <= st->n_groups && st->groups[s - 1].epoch == st->epoch)
        return s - 1;
    if (st->n_groups >= UINT32_MAX - 1)
        xmalloc_array(SIZE_MAX, 2);   /* reports out of memory */
    grow_array((void **)&st->groups, &st->cap_groups, st->n_groups + 1,
               sizeof *st->groups);
    Group *g = &st->groups[st->n_groups];
    memset(g, 0, sizeof *g);
    g->company = g->canon = company;
    g->metric = metric;
    g->file = st->file;
    g->epoch = st->epoch;
    g->column = column;
    g->ascending = 1;
    st->group_slots[j] = (uint32_t)++st->n_groups;
    st->group_count++;
    return st->n_groups - 1;
}

/* Appends run to g's runs. */
static void group_push_run(Group *g, TextRun run)
{
    if (g->n_runs == 0) {
        g->run0 = run;
        g->n_runs = 1;
        return;
    }
    if (!g->runs) {
        g->cap_runs = 4;
        g->runs = xmalloc_array(g->cap_runs, sizeof *g->runs);
        g->runs[0] = g->run0;
    } else if (g->n_runs == g->cap_runs) {
        size_t cap = g->cap_runs;
        grow_array((void **)&g->runs, &cap, cap + 1, sizeof *g->runs);
        g->cap_runs = (uint32_t)cap;
    }
    g->runs[g->n_runs++] = run;
}

/* Notes the texts of the row about to become row g->n. */
static void add_texts(Dataset *ds, Group *g, const Observation *o)
{
    struct RowStore *st = ds->rows;
    if (g->n_runs > 0) {
        const RowText *t = &st->texts[group_runs(g)[g->n_runs - 1].text];
        if (same_text(nz(o->unit), t->unit) &&
            same_text(nz(o->basis), t->basis) &&
            same_text(nz(o->source), t->source) &&
            same_text(nz(o->confidence), t->confidence) &&
            same_text(nz(o->note), t->note))
            return;
    }
    struct StringPool *pool = ds->pool;
    RowText t = {pool_intern(pool, nz(o->unit)),
                 pool_intern(pool, nz(o->basis)),
                 pool_intern(pool, nz(o->source)),
                 pool_intern(pool, nz(o->confidence)),
                 pool_intern(pool, nz(o->note))};
    group_push_run(g, (TextRun){g->n, text_index(st, &t)});
}

/* Writes o's value, date, line and precision as row g->n of g (room
 * made; the row is not counted yet). */
static inline void group_store(Group *g, const Observation *o, uint32_t line)
{
    uint32_t k = g->n;
    if (k > 0 && group_date(g)[k - 1] >= o->date)
        g->ascending = 0;
    group_value(g)[k] = o->value;
    group_date(g)[k] = (int32_t)o->date;
    group_line(g)[k] = line;
    group_prec(g)[k] = (uint8_t)o->precision;
}

/* The common row, of the file, group and texts of the row before, when
 * o gives them as the very pointers kept (as the loader does): added
 * without looking at any text. Returns 0 for any other row. */
static int add_like_last(Dataset *ds, const Observation *o, uint32_t line,
                         uint32_t column)
{
    struct RowStore *st = ds->rows;
    if (!st->last || o->file != st->file ||
        !(line > st->line || (line == st->line && column > st->column)))
        return 0;
    Group *g = &st->groups[st->last - 1];
    if (g->company != o->company || g->metric != o->metric ||
        g->column != column || g->n == g->cap || g->n_runs == 0)
        return 0;
    const RowText *t = &st->texts[group_runs(g)[g->n_runs - 1].text];
    if (t->unit != o->unit || t->basis != o->basis ||
        t->source != o->source || t->confidence != o->confidence ||
        t->note != o->note)
        return 0;
    st->line = line;
    st->column = column;
    group_store(g, o, line);
    g->n++;
    ds->n_obs++;
    return 1;
}

/* dataset_add for any row: kept out of it so that the common row does
 * not pay for this one's stack frame. */
static __attribute__((noinline)) void add_any(Dataset *ds,
                                              const Observation *o,
                                              uint32_t line, uint32_t column)
{
    struct RowStore *st = ds->rows;
    const char *company = nz(o->company), *metric = nz(o->metric);
    size_t gi = 0;
    if (st->file && same_text(nz(o->file), st->file) &&
        (line > st->line || (line == st->line && column > st->column))) {
        const Group *g = st->last ? &st->groups[st->last - 1] : NULL;
        if (g && g->column == column && same_text(company, g->company) &&
            same_text(metric, g->metric))
            gi = st->last;
    } else {
        end_epoch(st);
        st->epoch++;
        st->file = pool_intern(ds->pool, nz(o->file));
    }
    if (!gi)
        gi = find_group(ds, company, metric, column) + 1;
    st->last = gi;
    st->line = line;
    st->column = column;
    Group *g = &st->groups[gi - 1];
    if (g->n == g->cap) {
        if (g->cap > UINT32_MAX / 2)
            xmalloc_array(SIZE_MAX, 2);   /* reports out of memory */
        group_resize(g, g->cap ? g->cap * 2 : 4);
    }
    group_store(g, o, line);
    add_texts(ds, g, o);
    g->n++;
    ds->n_obs++;
}

void dataset_add(Dataset *ds, const Observation *o)
{
    uint32_t line = (uint32_t)o->line, column = (uint32_t)o->column;
    if (!add_like_last(ds, o, line, column))
        add_any(ds, o, line, column);
}

void dataset_mark(Dataset *ds, DatasetMark *mark)
{
    end_epoch(ds->rows);
    mark->groups = ds->rows->n_groups;
    mark->obs = ds->n_obs;
    mark->warnings = ds->n_warnings;
    mark->warnings_dropped = ds->warnings_dropped;
}

void dataset_rollback(Dataset *ds, const DatasetMark *mark)
{
    struct RowStore *st = ds->rows;
    while (st->n_groups > mark->groups)
        group_free(&st->groups[--st->n_groups]);
    if (st->group_slots)
        memset(st->group_slots, 0, st->group_cap * sizeof *st->group_slots);
    st->epoch_first = st->n_groups;
    end_epoch(st);
    ds->n_obs = mark->obs;
    dataset_truncate_warnings(ds, mark->warnings, mark->warnings_dropped);
}

/* The index in ds of text k of from, interned on first use (map holds
 * index + 1, 0 for not yet). */
static uint32_t moved_text(Dataset *ds, const struct RowStore *from,
                           uint32_t *map, uint32_t k)
{
    if (!map[k]) {
        const RowText *t = &from->texts[k];
        struct StringPool *pool = ds->pool;
        RowText u = {pool_intern(pool, t->unit), pool_intern(pool, t->basis),
                     pool_intern(pool, t->source),
                     pool_intern(pool, t->confidence),
                     pool_intern(pool, t->note)};
        map[k] = text_index(ds->rows, &u) + 1;
    }
    return map[k] - 1;
}

/* Appends the rows of g (of another dataset, lines already shifted) to
 * a, taking g's block when a has none. */
static void group_append(Dataset *ds, Group *a, Group *g,
                         const struct RowStore *from, uint32_t *text_map)
{
    uint32_t base = a->n;
    if (base == 0) {
        free(a->block);
        a->block = g->block;
        a->cap = g->cap;
        a->n = g->n;
        a->ascending = g->ascending;
        g->block = NULL;
    } else {
        if (a->cap - a->n < g->n) {
            if (g->n > UINT32_MAX - a->n)
                xmalloc_array(SIZE_MAX, 2);   /* reports out of memory */
            group_resize(a, a->n + g->n);
        }
        a->ascending = a->ascending && g->ascending &&
                       group_date(a)[base - 1] < group_date(g)[0];
        memcpy(group_value(a) + base, group_value(g), g->n * sizeof(double));
        memcpy(group_date(a) + base, group_date(g), g->n * sizeof(int32_t));
        memcpy(group_line(a) + base, group_line(g), g->n * sizeof(uint32_t));
        memcpy(group_prec(a) + base, group_prec(g), g->n);
        a->n += g->n;
    }
    const TextRun *runs = group_runs(g);
    for (uint32_t r = 0; r < g->n_runs; r++) {
        uint32_t text = moved_text(ds, from, text_map, runs[r].text);
        if (a->n_runs > 0 && group_runs(a)[a->n_runs - 1].text == text)
            continue;
        group_push_run(a, (TextRun){base + runs[r].start, text});
    }
    g->n = 0;
    g->n_runs = 0;
}

int dataset_append(Dataset *ds, Dataset *from, long line_offset)
{
    struct RowStore *st = ds->rows, *fs = from->rows;
    if (from->n_obs == 0)
        return 0;
    if (from->n_warnings > 0 || from->warnings_dropped > 0 || line_offset < 0)
        return -1;
    /* One epoch of one file, read after the rows of ds. */
    const Group *head = NULL;
    uint32_t last_line = 0;
    for (size_t i = 0; i < fs->n_groups; i++) {
        const Group *g = &fs->groups[i];
        if (g->n == 0)
            continue;
        if (head && (g->epoch != head->epoch || g->file != head->file))
            return -1;
        if (!head || place_cmp(place_of(g, 0), place_of(head, 0)) < 0)
            head = g;
        if (group_line(g)[g->n - 1] > last_line)
            last_line = group_line(g)[g->n - 1];
    }
    if (!head || (unsigned long)line_offset > UINT32_MAX - last_line)
        return -1;
    uint32_t offset = (uint32_t)line_offset;
    const char *file = pool_intern(ds->pool, head->file);
    Place start = place_of(head, 0);
    start.line += offset;
    if (st->file && (file != st->file || start.line < st->line ||
                     (start.line == st->line && start.column <= st->column)))
        return -1;
    if (!st->file) {
        end_epoch(st);
        st->epoch++;
        st->file = file;
    }
    uint32_t *text_map = xcalloc(fs->n_texts + 1, sizeof *text_map);
    Place last = {0, 0, 0};
    for (size_t i = 0; i < fs->n_groups; i++) {
        Group *g = &fs->groups[i];
        if (g->n == 0)
            continue;
        uint32_t *line = group_line(g);
        for (uint32_t k = 0; k < g->n; k++)
            line[k] += offset;
        Place end = place_of(g, g->n - 1);
        size_t gi = find_group(ds, g->company, g->metric, g->column);
        group_append(ds, &st->groups[gi], g, fs, text_map);
        if (place_cmp(end, last) > 0) {
            last = end;
            st->last = gi + 1;
        }
    }
    free(text_map);
    st->line = last.line;
    st->column = last.column;
    ds->n_obs += from->n_obs;
    from->n_obs = 0;
    return 0;
}

static void rows_destroy(struct RowStore *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->n_groups; i++)
        group_free(&st->groups[i]);
    free(st->groups);
    free(st->texts);
    free(st->text_slots);
    free(st->group_slots);
    free(st->series_blocks);
    free(st);
}

Dataset *dataset_create(void)
{
    Dataset *ds = xcalloc(1, sizeof *ds);
    ds->pool = xcalloc(1, sizeof *ds->pool);
    ds->rows = xcalloc(1, sizeof *ds->rows);
    return ds;
}

static void free_series(Dataset *ds)
{
    struct RowStore *st = ds->rows;
    for (size_t i = 0; i < ds->n_series; i++)
        free(st->series_blocks[i]);
    free(ds->series);
    free(st->series_blocks);
    ds->series = NULL;
    st->series_blocks = NULL;
    st->cap_series_blocks = 0;
    ds->n_series = 0;
}

void dataset_destroy(Dataset *ds)
{
    if (!ds)
        return;
    free_series(ds);
    rows_destroy(ds->rows);
    free(ds->files);
    dataset_truncate_warnings(ds, 0, 0);
    free(ds->warnings);
    pool_destroy(ds->pool);
    free(ds);
}

const char *dataset_intern(Dataset *ds, const char *s)
{
    return pool_intern(ds->pool, s ? s : "");
}

void dataset_warn(Dataset *ds, const char *file, long line, const char *fmt,
                  ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char buf[1600];
    if (line > 0)
        snprintf(buf, sizeof buf, "%s:%ld: %s", file, line, msg);
    else
        snprintf(buf, sizeof buf, "%s: %s", file, msg);
    if (ds->n_warnings >= DATASET_MAX_WARNINGS) {
        ds->warnings_dropped++;
        return;
    }
    grow_array((void **)&ds->warnings, &ds->cap_warnings,
               ds->n_warnings + 1, sizeof *ds->warnings);
    ds->warnings[ds->n_warnings++] = xstrdup(buf);
}

void dataset_truncate_warnings(Dataset *ds, size_t n, size_t dropped)
{
    while (ds->n_warnings > n)
        free(ds->warnings[--ds->n_warnings]);
    ds->warnings_dropped = dropped;
}

/* ---- reading rows back in load order ---- */

struct DatasetCursor {
    const Dataset *ds;
    uint32_t *heap;     /* groups with rows left, the next row first */
    size_t n_heap;
    uint32_t *pos;      /* per group: its next row */
    uint32_t *run;      /* per group: the run of that row */
};

static int cursor_before(const DatasetCursor *c, uint32_t a, uint32_t b)
{
    const Group *ga = &c->ds->rows->groups[a], *gb = &c->ds->rows->groups[b];
    return place_cmp(place_of(ga, c->pos[a]), place_of(gb, c->pos[b])) < 0;
}

static void cursor_sift_down(DatasetCursor *c, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < c->n_heap && cursor_before(c, c->heap[l], c->heap[m]))
            m = l;
        if (r < c->n_heap && cursor_before(c, c->heap[r], c->heap[m]))
            m = r;
        if (m == i)
            return;
        uint32_t t = c->heap[i];
        c->heap[i] = c->heap[m];
        c->heap[m] = t;
        i = m;
    }
}

DatasetCursor *dataset_cursor_create(const Dataset *ds)
{
    const struct RowStore *st = ds->rows;
    DatasetCursor *c = xcalloc(1, sizeof *c);
    c->ds = ds;
    c->heap = xmalloc_array(st->n_groups + 1, sizeof *c->heap);
    c->pos = xcalloc(st->n_groups + 1, sizeof *c->pos);
    c->run = xcalloc(st->n_groups + 1, sizeof *c->run);
    for (size_t i = 0; i < st->n_groups; i++)
        if (st->groups[i].n > 0)
            c->heap[c->n_heap++] = (uint32_t)i;
    for (size_t i = c->n_heap / 2; i-- > 0;)
        cursor_sift_down(c, i);
    return c;
}

int dataset_cursor_next(DatasetCursor *c, Observation *o)
{
    if (c->n_heap == 0)
        return 0;
    const struct RowStore *st = c->ds->rows;
    uint32_t gi = c->heap[0];
    const Group *g = &st->groups[gi];
    uint32_t k = c->pos[gi];
    const TextRun *runs = group_runs(g);
    while (c->run[gi] + 1 < g->n_runs && runs[c->run[gi] + 1].start <= k)
        c->run[gi]++;
    const RowText *t = &st->texts[runs[c->run[gi]].text];
    o->date = group_date(g)[k];
    o->precision = (DatePrecision)group_prec(g)[k];
    o->value = group_value(g)[k];
    o->company = g->canon;
    o->metric = g->metric;
    o->unit = t->unit;
    o->basis = t->basis;
    o->source = t->source;
    o->confidence = t->confidence;
    o->note = t->note;
    o->file = g->file;
    o->line = group_line(g)[k];
    o->column = g->column;
    if (++c->pos[gi] == g->n)
        c->heap[0] = c->heap[--c->n_heap];
    cursor_sift_down(c, 0);
    return 1;
}

void dataset_cursor_destroy(DatasetCursor *c)
{
    if (!c)
        return;
    free(c->heap);
    free(c->pos);
    free(c->run);
    free(c);
}

Observation *dataset_rows(const Dataset *ds)
{
    Observation *rows = xmalloc_array(ds->n_obs + 1, sizeof *rows);
    DatasetCursor *c = dataset_cursor_create(ds);
    size_t n = 0;
    while (n < ds->n_obs && dataset_cursor_next(c, &rows[n]))
        n++;
    dataset_cursor_destroy(c);
    return rows;
}

/* ---- grouping into series ---- */

/* Interned strings are equal exactly when their pointers are; strcmp only
 * decides the order of different ones. */
static int cmp_interned(const char *a, const char *b)
{
    return a == b ? 0 : strcmp(a, b);
}

/* One row, as messages name it. */
typedef struct {
    const char *file;
    long line;
    long date;
    DatePrecision precision;
    const char *unit;
    Place at;
} Row;

static Row row_of(const struct RowStore *st, const Group *g, uint32_t k,
                  uint32_t text)
{
    return (Row){g->file, (long)group_line(g)[k], group_date(g)[k],
                 (DatePrecision)group_prec(g)[k], st->texts[text].unit,
                 place_of(g, k)};
}

/* "line 9", or "datasets/a.csv line 9" when other is in another file. */
static void format_where(char *buf, size_t size, const Row *o,
                         const Row *other)
{
    if (o->file == other->file)
        snprintf(buf, size, "line %ld", o->line);
    else
        snprintf(buf, size, "%s line %ld", o->file, o->line);
}

/* Groups with rows, least first row in load order first. */
static int cmp_first_place(const void *pa, const void *pb)
{
    const Group *a = *(const Group *const *)pa;
    const Group *b = *(const Group *const *)pb;
    return place_cmp(place_of(a, 0), place_of(b, 0));
}

/* By series (metric, then company as kept), then first row. */
static int cmp_series(const void *pa, const void *pb)
{
    const Group *a = *(const Group *const *)pa;
    const Group *b = *(const Group *const *)pb;
    int c = cmp_interned(a->metric, b->metric);
    if (c == 0)
        c = cmp_interned(a->canon, b->canon);
    return c ? c : cmp_first_place(pa, pb);
}

/* Sets each group's canon to the first spelling (in load order) of its
 * ASCII-folded company name, warning once per other spelling at its
 * first row. order holds the groups by first row. The pool slot of the
 * folded name keeps, in tag, 1 + the position in order of the first. */
static void merge_companies(Dataset *ds, Group **order, size_t n)
{
    struct StringPool *pool = ds->pool;
    for (size_t j = 0; j < pool->cap; j++)
        pool->slots[j].tag = 0;
    for (size_t i = 0; i < n; i++) {
        Group *g = order[i];
        char small[256];
        size_t len = strlen(g->company);
        char *key = len < sizeof small ? small : xmalloc(len + 1);
        for (size_t k = 0; k <= len; k++)
            key[k] = ascii_lower(g->company[k]);
        PoolSlot *slot = pool_slot(pool, key);
        if (key != small)
            free(key);
        if (!slot->tag)
            slot->tag = i + 1;
        const Group *first = order[slot->tag - 1];
        g->canon = first->company;
        if (first->company == g->company)
            continue;
        slot = pool_slot(pool, g->company);
        if (slot->warned)
            continue;
        slot->warned = 1;
        const struct RowStore *st = ds->rows;
        Row a = row_of(st, first, 0, group_runs(first)[0].text);
        Row b = row_of(st, g, 0, group_runs(g)[0].text);
        char where[600];
        format_where(where, sizeof where, &a, &b);
        dataset_warn(ds, b.file, b.line,
                     "company \"%s\" taken as \"%s\", as first spelled "
                     "on %s", g->company, first->company, where);
    }
}

/* A row of a series being sorted: the sort key, and where it is. */
typedef struct {
    int32_t date;
    Place at;
    uint32_t group;
    uint32_t row;
    uint32_t text;
} Ref;

/* By date, then load order: a duplicate's first occurrence first. */
static int cmp_ref(const void *pa, const void *pb)
{
    const Ref *a = pa, *b = pb;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return place_cmp(a->at, b->at);
}

/* One series: its groups in load order, and its rows in date order when
 * they are not simply the rows of its one group. */
typedef struct {
    Group **groups;
    size_t n_groups;
    size_t n;       /* rows */
    Ref *refs;      /* NULL: groups[0] as it is */
} Span;

static Ref *span_refs(const struct RowStore *st, const Span *s)
{
    Ref *refs = xmalloc_array(s->n + 1, sizeof *refs);
    size_t n = 0;
    for (size_t i = 0; i < s->n_groups; i++) {
        const Group *g = s->groups[i];
        const TextRun *runs = group_runs(g);
        uint32_t r = 0;
        for (uint32_t k = 0; k < g->n; k++) {
            while (r + 1 < g->n_runs && runs[r + 1].start <= k)
                r++;
            refs[n++] = (Ref){group_date(g)[k], place_of(g, k),
                              (uint32_t)(g - st->groups), k, runs[r].text};
        }
    }
    qsort(refs, n, sizeof *refs, cmp_ref);
    return refs;
}

static Row ref_row(const struct RowStore *st, const Ref *r)
{
    return row_of(st, &st->groups[r->group], r->row, r->text);
}

/* A row dropped as an exact repeat: group index << 32 | row. */
typedef struct {
    uint64_t *items;
    size_t n, cap;
} Drops;

/* Drops rows of s that repeat an earlier one exactly (two exports pasted
 * together), warning for each, from s->refs and into drops; the file's
 * counts move from rows to skipped. */
static void drop_repeats(Dataset *ds, Span *s, const char *company,
                         Drops *drops)
{
    const struct RowStore *st = ds->rows;
    size_t keep = 0, out = s->n ? 1 : 0;
    for (size_t i = 1; i < s->n; i++) {
        const Ref *a = &s->refs[keep], *b = &s->refs[i];
        const Group *ga = &st->groups[a->group], *gb = &st->groups[b->group];
        if (a->date != b->date ||
            group_value(ga)[a->row] != group_value(gb)[b->row] ||
            st->texts[a->text].unit != st->texts[b->text].unit) {
            s->refs[out] = *b;
            keep = out++;
            continue;
        }
        grow_array((void **)&drops->items, &drops->cap, drops->n + 1,
                   sizeof *drops->items);
        drops->items[drops->n++] = (uint64_t)b->group << 32 | b->row;
        Row ra = ref_row(st, a), rb = ref_row(st, b);
        char where[600], date[32];
        format_where(where, sizeof where, &ra, &rb);
        format_date(rb.date, rb.precision, date, sizeof date);
        dataset_warn(ds, rb.file, rb.line,
                     "row repeats %s (%s %s %s); skipped", where, company,
                     gb->metric, date);
        for (size_t f = 0; f < ds->n_files; f++) {
            if (ds->files[f].path == rb.file && ds->files[f].rows > 0) {
                ds->files[f].rows--;
                ds->files[f].skipped++;
            }
        }
    }
    s->n = out;
}

static int cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

/* Removes rows drop[0..n) (ascending) from g, keeping its runs right. */
static void group_remove(Group *g, const uint64_t *drop, size_t n)
{
    TextRun *runs = xmalloc_array(g->n_runs, sizeof *runs);
    memcpy(runs, group_runs(g), g->n_runs * sizeof *runs);
    uint32_t n_runs = g->n_runs, r = 0, w = 0, kept_runs = 0;
    double *value = group_value(g);
    int32_t *date = group_date(g);
    uint32_t *line = group_line(g);
    uint8_t *prec = group_prec(g);
    TextRun *out = g->runs ? g->runs : &g->run0;
    size_t d = 0;
    g->ascending = 1;
    for (uint32_t k = 0; k < g->n; k++) {
        while (r + 1 < n_runs && runs[r + 1].start <= k)
            r++;
        if (d < n && (uint32_t)drop[d] == k) {
            d++;
            continue;
        }
        if (kept_runs == 0 || out[kept_runs - 1].text != runs[r].text)
            out[kept_runs++] = (TextRun){w, runs[r].text};
        if (w > 0 && date[w - 1] >= date[k])
            g->ascending = 0;
        value[w] = value[k];
        date[w] = date[k];
        line[w] = line[k];
        prec[w] = prec[k];
        w++;
    }
    g->n = w;
    g->n_runs = kept_runs;
    free(runs);
}

static void remove_drops(struct RowStore *st, Drops *drops)
{
    qsort(drops->items, drops->n, sizeof *drops->items, cmp_u64);
    for (size_t i = 0, end; i < drops->n; i = end) {
        uint64_t group = drops->items[i] >> 32;
        for (end = i + 1; end < drops->n && drops->items[end] >> 32 == group;
             end++)
            ;
        group_remove(&st->groups[group], drops->items + i, end - i);
    }
}

static void unit_error(const Row *first, const Row *bad, const char *company,
                       const char *metric, Error *err)
{
    char a[600], b[600];
    format_where(a, sizeof a, first, bad);
    format_where(b, sizeof b, bad, first);
    error_set(err, ERR_DATA, bad->file, bad->line, 0,
              "%s %s mixes units %s (%s) and %s (%s); one series needs one "
              "unit", company, metric, first->unit, a, bad->unit, b);
}

/* The earliest row of s in load order that names a unit other than
 * except ("" never counts; except may be NULL): 1 with *found set, or 0.
 * Each group's runs are in load order, so its first match is its
 * earliest. */
static int earliest_unit_row(const struct RowStore *st, const Span *s,
                             const char *except, Row *found)
{
    int have = 0;
    for (size_t i = 0; i < s->n_groups; i++) {
        const Group *g = s->groups[i];
        const TextRun *runs = group_runs(g);
        for (uint32_t r = 0; r < g->n_runs; r++) {
            const char *unit = st->texts[runs[r].text].unit;
            if (!unit[0] || unit == except)
                continue;
            Row o = row_of(st, g, runs[r].start, runs[r].text);
            if (!have || place_cmp(o.at, found->at) < 0)
                *found = o;
            have = 1;
            break;
        }
    }
    return have;
}

/* One series must have one unit. Rows without a unit ("") take the
 * series' unit; the first non-empty unit in load order is the series'
 * unit and the first row that names another one is the error. Returns
 * the unit, or NULL after filling err. */
static const char *span_unit(const struct RowStore *st, const Span *s,
                             const char *company, Error *err)
{
    Row first = {0}, bad = {0};
    if (!earliest_unit_row(st, s, NULL, &first)) {
        const Group *g = s->groups[0];
        return st->texts[group_runs(g)[0].text].unit;
    }
    if (!earliest_unit_row(st, s, first.unit, &bad))
        return first.unit;
    unit_error(&first, &bad, company, s->groups[0]->metric, err);
    return NULL;
}

/* Appends the series of s (series in cmp_series order); cap is the
 * capacity of ds->series. Returns 0, or -1 with err filled past the
 * limits or on mixed units. */
static int add_series(Dataset *ds, size_t *cap, const Span *s, Error *err)
{
    struct RowStore *st = ds->rows;
    const Group *g0 = s->groups[0];
    const char *company = g0->canon, *metric = g0->metric;
    Row head = s->refs ? ref_row(st, &s->refs[0])
                       : row_of(st, g0, 0, group_runs(g0)[0].text);
    if (ds->n_series == DATASET_MAX_SERIES) {
        error_set(err, ERR_DATA, head.file, head.line, 0,
                  "more than %d series (company, metric pairs); split "
                  "the data or keep fewer companies",
                  DATASET_MAX_SERIES);
        return -1;
    }
    if (s->n > DATASET_MAX_POINTS) {
        /* Names the first point past the limit, in date order. */
        const Ref *r = s->refs ? &s->refs[DATASET_MAX_POINTS] : NULL;
        Row o = r ? ref_row(st, r)
                  : row_of(st, g0, DATASET_MAX_POINTS, group_runs(g0)[0].text);
        error_set(err, ERR_DATA, o.file, o.line, 0,
                  "%s has more than %d points of %s; keep fewer dates "
                  "(monthly or yearly values chart as well)",
                  company, DATASET_MAX_POINTS, metric);
        return -1;
    }
    const char *unit = span_unit(st, s, company, err);
    if (!unit)
        return -1;
    size_t n = ds->n_series;
    grow_array((void **)&ds->series, cap, n + 1, sizeof *ds->series);
    grow_array((void **)&st->series_blocks, &st->cap_series_blocks, n + 1,
               sizeof *st->series_blocks);
    Series *out = &ds->series[n];
    out->company = company;
    out->metric = metric;
    out->unit = unit;
    out->file = g0->file;
    out->n = s->n;
    st->series_blocks[n] = NULL;
    ds->n_series++;
    if (!s->refs) {
        /* Lent: the group's block lives as long as the dataset. */
        out->date = group_date(g0);
        out->precision = group_prec(g0);
        out->value = group_value(g0);
        out->line = group_line(g0);
        return 0;
    }
    Group own = {.cap = (uint32_t)s->n};
    own.block = st->series_blocks[n] = xmalloc_array(s->n + 1, ROW_BYTES);
    out->date = group_date(&own);
    out->precision = group_prec(&own);
    out->value = group_value(&own);
    out->line = group_line(&own);
    for (size_t k = 0; k < s->n; k++) {
        const Ref *r = &s->refs[k];
        const Group *g = &st->groups[r->group];
        out->date[k] = r->date;
        out->precision[k] = group_prec(g)[r->row];
        out->value[k] = group_value(g)[r->row];
        out->line[k] = group_line(g)[r->row];
    }
    return 0;
}

/* Splits order (sorted by cmp_series) into one span per series. */
static Span *make_spans(Group **order, size_t n, size_t *n_spans)
{
    Span *spans = xmalloc_array(n + 1, sizeof *spans);
    size_t count = 0;
    for (size_t i = 0, end; i < n; i = end) {
        size_t rows = order[i]->n;
        for (end = i + 1; end < n && order[end]->metric == order[i]->metric &&
                          order[end]->canon == order[i]->canon;
             end++)
            rows += order[end]->n;
        spans[count++] = (Span){order + i, end - i, rows, NULL};
    }
    *n_spans = count;
    return spans;
}

int dataset_group(Dataset *ds, Error *err)
{
    struct RowStore *st = ds->rows;
    free_series(ds);
    end_epoch(st);
    if (ds->n_obs == 0)
        return 0;
    Group **order = xmalloc_array(st->n_groups + 1, sizeof *order);
    size_t n = 0;
    for (size_t i = 0; i < st->n_groups; i++)
        if (st->groups[i].n > 0)
            order[n++] = &st->groups[i];
    qsort(order, n, sizeof *order, cmp_first_place);
    merge_companies(ds, order, n);
    qsort(order, n, sizeof *order, cmp_series);
    size_t n_spans, cap = 0;
    Span *spans = make_spans(order, n, &n_spans);
    Drops drops = {NULL, 0, 0};
    /* Series whose rows are not simply one group's, in date order, are
     * sorted; repeats are dropped and the duplicate whose later row comes
     * first in load order is reported, so the user fixes files top to
     * bottom. */
    Ref dup_a = {0}, dup_b = {0};
    const char *dup_company = NULL, *dup_metric = NULL;
    for (size_t i = 0; i < n_spans; i++) {
        Span *s = &spans[i];
        if (s->n_groups == 1 && s->groups[0]->ascending)
            continue;
        s->refs = span_refs(st, s);
        size_t before = drops.n;
        drop_repeats(ds, s, s->groups[0]->canon, &drops);
        for (size_t k = 1; k < s->n; k++) {
            const Ref *a = &s->refs[k - 1], *b = &s->refs[k];
            if (a->date != b->date ||
                (dup_company && place_cmp(b->at, dup_b.at) >= 0))
                continue;
            dup_a = *a;
            dup_b = *b;
            dup_company = s->groups[0]->canon;
            dup_metric = s->groups[0]->metric;
        }
        if (drops.n > before) {
            /* Row numbers change when the drops are removed. */
            free(s->refs);
            s->refs = NULL;
            s->n = (size_t)-1;
        }
    }
    if (dup_company) {
        Row first = ref_row(st, &dup_a), second = ref_row(st, &dup_b);
        char date[32], where[600];
        format_date(second.date, second.precision, date, sizeof date);
        format_where(where, sizeof where, &first, &second);
        error_set(err, ERR_DATA, second.file, second.line, 1,
                  "duplicate row for %s %s on %s; the same date is %s %s",
                  dup_company, dup_metric, date,
                  first.file == second.file ? "on" : "in", where);
    }
    if (drops.n > 0) {
        remove_drops(st, &drops);
        ds->n_obs -= drops.n;
    }
    if (dup_company)
        goto fail;
    for (size_t i = 0; i < n_spans; i++) {
        Span *s = &spans[i];
        if (s->n == (size_t)-1) {
            s->n = 0;
            for (size_t k = 0; k < s->n_groups; k++)
                s->n += s->groups[k]->n;
            s->refs = span_refs(st, s);
        }
        if (add_series(ds, &cap, s, err) != 0)
            goto fail;
    }
    for (size_t i = 0; i < n_spans; i++)
        free(spans[i].refs);
    free(spans);
    free(drops.items);
    free(order);
    return 0;
fail:
    for (size_t i = 0; i < n_spans; i++)
        free(spans[i].refs);
    free(spans);
    free(drops.items);
    free(order);
    free_series(ds);
    return -1;
}

size_t dataset_series_of_metric(const Dataset *ds, const char *metric,
                                const Series **out, size_t max)
{
    size_t count = 0;
    for (size_t i = 0; i < ds->n_series; i++) {
        if (strcmp(ds->series[i].metric, metric) != 0)
            continue;
        if (count < max)
            out[count] = &ds->series[i];
        count++;
    }
    return count;
}

size_t dataset_metrics(const Dataset *ds, const char **out, size_t max)
{
    size_t count = 0;
    for (size_t i = 0; i < ds->n_series; i++) {
        const char *m = ds->series[i].metric;
        /* series[] is sorted by metric: a new name differs from the last. */
        if (i > 0 && ds->series[i - 1].metric == m)
            continue;
        if (count < max)
            out[count] = m;
        count++;
    }
    return count;
}
