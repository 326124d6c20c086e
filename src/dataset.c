/* dataset.c - rows in compact columns and their string pool (grouping
 * them into series is dataset_group.c's).
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
#include "dataset_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "hash.h"
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
PoolSlot *pool_slot(struct StringPool *pool, const char *s)
{
    if (2 * (pool->n + 1) > pool->cap)
        pool_grow(pool);
    size_t len;
    uint64_t h = hash_string_length(s, &len);
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

/* When its epoch ends, a group gives back the rows its block has room
 * for but does not use, when they are an eighth of the block or more and
 * at least this many bytes: a copy of the block to save less is not
 * worth its time. */
#define GROUP_SLACK 1024

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
    if (g->n)
        group_copy_rows(&moved, 0, g);
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
void rows_end_epoch(struct RowStore *st)
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

/* Writes o's value, date, line, precision and qualifier as row g->n of g (room
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
    group_qual(g)[k] = (uint8_t)(o->qualifier |
                                 confidence_of(o->confidence)
                                     << SERIES_CONFIDENCE_SHIFT);
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
        rows_end_epoch(st);
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
    rows_end_epoch(ds->rows);
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
    rows_end_epoch(st);
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
        group_copy_rows(a, base, g);
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
        rows_end_epoch(st);
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

void dataset_free_series(Dataset *ds)
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
    dataset_free_series(ds);
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
    o->qualifier =
        (ValueQualifier)(group_qual(g)[k] & SERIES_QUALIFIER_MASK);
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

static int confidence_is(const char *text, const char *const *words,
                         size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!ascii_casecmp(text, words[i]))
            return 1;
    return 0;
}

Confidence confidence_of(const char *text)
{
    static const char *const verified[] = {"verified", "confirmed",
                                           "confident"};
    static const char *const single[] = {"single-source", "single source",
                                         "likely"};
    static const char *const unverified[] = {"unverified",
                                             "reported, unverified",
                                             "speculative"};
    if (!text || !text[0])
        return CONFIDENCE_UNSTATED;
    if (confidence_is(text, verified, 3))
        return CONFIDENCE_VERIFIED;
    if (confidence_is(text, single, 3))
        return CONFIDENCE_SINGLE;
    if (confidence_is(text, unverified, 3))
        return CONFIDENCE_UNVERIFIED;
    return CONFIDENCE_UNSTATED;
}
