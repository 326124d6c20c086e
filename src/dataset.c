/* dataset.c - observations, their string pool, and grouping into series. */
#include "dataset.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The fields of an Observation that dataset_add interns. */
enum { OBS_COMPANY, OBS_METRIC, OBS_UNIT, OBS_BASIS, OBS_SOURCE,
       OBS_CONFIDENCE, OBS_NOTE, OBS_FILE, N_OBS_STRINGS };

struct StringPool {
    PoolSlot *slots;
    size_t cap;      /* a power of two, or 0 */
    size_t n;
    PoolBlock *blocks;   /* newest first */
    /* The last string interned for each field by dataset_add: rows come
     * grouped, so most fields repeat the row before. */
    const char *recent[N_OBS_STRINGS];
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

Dataset *dataset_create(void)
{
    Dataset *ds = xcalloc(1, sizeof *ds);
    ds->pool = xcalloc(1, sizeof *ds->pool);
    return ds;
}

static void free_series(Dataset *ds)
{
    for (size_t i = 0; i < ds->n_series; i++) {
        Series *s = &ds->series[i];
        free(s->date);
        free(s->precision);
        free(s->value);
        free(s->line);
    }
    free(ds->series);
    ds->series = NULL;
    ds->n_series = 0;
}

void dataset_destroy(Dataset *ds)
{
    if (!ds)
        return;
    free_series(ds);
    free(ds->obs);
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

/* dataset_intern for field k of a row: the field's last string when s
 * equals it, which spares hashing s. */
static const char *intern_field(struct StringPool *pool, int k, const char *s)
{
    const char *last = pool->recent[k];
    if (!s)
        s = "";
    if (last && (s == last || (s[0] == last[0] &&
                               (!s[0] || strcmp(s, last) == 0))))
        return last;
    return pool->recent[k] = pool_intern(pool, s);
}

void dataset_add(Dataset *ds, const Observation *o)
{
    if (ds->n_obs == ds->cap_obs)
        grow_array((void **)&ds->obs, &ds->cap_obs, ds->n_obs + 1,
                   sizeof *ds->obs);
    struct StringPool *pool = ds->pool;
    Observation *d = &ds->obs[ds->n_obs++];
    *d = *o;
    d->company = intern_field(pool, OBS_COMPANY, o->company);
    d->metric = intern_field(pool, OBS_METRIC, o->metric);
    d->unit = intern_field(pool, OBS_UNIT, o->unit);
    d->basis = intern_field(pool, OBS_BASIS, o->basis);
    d->source = intern_field(pool, OBS_SOURCE, o->source);
    d->confidence = intern_field(pool, OBS_CONFIDENCE, o->confidence);
    d->note = intern_field(pool, OBS_NOTE, o->note);
    d->file = intern_field(pool, OBS_FILE, o->file);
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

/* Interned strings are equal exactly when their pointers are; strcmp only
 * decides the order of different ones. */
static int cmp_interned(const char *a, const char *b)
{
    return a == b ? 0 : strcmp(a, b);
}

/* Orders by metric, company, date, then position in ds->obs (the pointers
 * point into one array), so a duplicate's first occurrence comes first
 * and the sort is stable although qsort is not. */
static int cmp_obs(const void *pa, const void *pb)
{
    const Observation *a = *(const Observation *const *)pa;
    const Observation *b = *(const Observation *const *)pb;
    int c = cmp_interned(a->metric, b->metric);
    if (c == 0)
        c = cmp_interned(a->company, b->company);
    if (c == 0)
        c = (a->date > b->date) - (a->date < b->date);
    if (c == 0)
        c = (a > b) - (a < b);
    return c;
}

static void format_date(char *buf, size_t size, long days,
                        DatePrecision prec)
{
    int y, m, d;
    date_to_ymd(days, &y, &m, &d);
    if (prec == DATE_YEAR)
        snprintf(buf, size, "%d", y);
    else if (prec == DATE_QUARTER)
        snprintf(buf, size, "%d-Q%d", y, (m - 1) / 3 + 1);
    else if (prec == DATE_MONTH)
        snprintf(buf, size, "%d-%02d", y, m);
    else
        snprintf(buf, size, "%d-%02d-%02d", y, m, d);
}

/* "line 9", or "datasets/a.csv line 9" when other is in another file. */
static void format_where(char *buf, size_t size, const Observation *o,
                         const Observation *other, const char *sep)
{
    if (o->file == other->file)
        snprintf(buf, size, "line %ld", o->line);
    else
        snprintf(buf, size, "%s%s%ld", o->file, sep, o->line);
}

/* Reports the duplicate whose later row comes first in load order, so the
 * user fixes files top to bottom. Returns -1 if there is one. */
static int check_duplicates(Observation **idx, size_t n, Error *err)
{
    const Observation *first = NULL, *second = NULL;
    for (size_t i = 1; i < n; i++) {
        const Observation *a = idx[i - 1], *b = idx[i];
        if (a->metric != b->metric || a->company != b->company ||
            a->date != b->date)
            continue;
        if (!second || b < second) {
            first = a;
            second = b;
        }
    }
    if (!second)
        return 0;
    char date[32], where[600];
    format_date(date, sizeof date, second->date, second->precision);
    format_where(where, sizeof where, first, second, " line ");
    if (first->file == second->file)
        error_set(err, ERR_DATA, second->file, second->line, 1,
                  "duplicate row for %s %s on %s; the same date is on %s",
                  second->company, second->metric, date, where);
    else
        error_set(err, ERR_DATA, second->file, second->line, 1,
                  "duplicate row for %s %s on %s; the same date is in %s",
                  second->company, second->metric, date, where);
    return -1;
}

/* The rows of one series in date order: pointers into ds->obs (idx),
 * or, when the file held the series in one stretch, that stretch. */
typedef struct {
    Observation **idx;
    Observation *run;
    size_t n;
} Members;

static const Observation *member(const Members *m, size_t k)
{
    return m->idx ? m->idx[k] : m->run + k;
}

static void unit_error(const Observation *first, const Observation *bad,
                       Error *err)
{
    char a[600], b[600];
    format_where(a, sizeof a, first, bad, " line ");
    format_where(b, sizeof b, bad, first, " line ");
    error_set(err, ERR_DATA, bad->file, bad->line, 0,
              "%s %s mixes units %s (%s) and %s (%s); one series needs one "
              "unit", bad->company, bad->metric, first->unit, a, bad->unit, b);
}

/* One series must have one unit. Rows without a unit ("") take the
 * series' unit; the first non-empty unit in load order is the series'
 * unit and the first row that names another one is the error. Returns
 * the unit, or NULL after filling err. (A stretch, in load order, is
 * checked while it is copied: see add_series.) */
static const char *series_unit(Observation **idx, size_t n, Error *err)
{
    const Observation *first = NULL, *bad = NULL;
    for (size_t i = 0; i < n; i++) {
        const Observation *o = idx[i];
        if (!o->unit[0])
            continue;
        if (!first || o < first)
            first = o;
    }
    if (!first)
        return idx[0]->unit;
    for (size_t i = 0; i < n; i++) {
        const Observation *o = idx[i];
        if (o->unit[0] && o->unit != first->unit && (!bad || o < bad))
            bad = o;
    }
    if (!bad)
        return first->unit;
    unit_error(first, bad, err);
    return NULL;
}

/* The file of the series' first row in load order. */
static const char *series_file(const Members *m)
{
    if (!m->idx)
        return m->run->file;
    const Observation *first = m->idx[0];
    for (size_t i = 1; i < m->n; i++)
        if (m->idx[i] < first)
            first = m->idx[i];
    return first->file;
}

/* State of merge_company over the rows in load order. */
typedef struct {
    const char *last, *last_canon;   /* the row before: as read, as kept */
} CompanyMerge;

static void merge_begin(Dataset *ds, CompanyMerge *m)
{
    struct StringPool *pool = ds->pool;
    for (size_t j = 0; j < pool->cap; j++)
        pool->slots[j].tag = 0;
    m->last = m->last_canon = NULL;
}

/* Rewrites the company of row i to the first spelling (in load order) of
 * its ASCII-folded name, warning once per other spelling. The pool slot
 * of the folded name keeps, in tag, 1 + the index of the first row. Rows
 * go in order from merge_begin. */
static void merge_company(Dataset *ds, CompanyMerge *m, size_t i)
{
    struct StringPool *pool = ds->pool;
    Observation *o = &ds->obs[i];
    if (o->company == m->last) {
        o->company = m->last_canon;
        return;
    }
    m->last = o->company;
    char small[256];
    size_t len = strlen(o->company);
    char *key = len < sizeof small ? small : xmalloc(len + 1);
    for (size_t k = 0; k <= len; k++) {
        char c = o->company[k];
        key[k] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    PoolSlot *slot = pool_slot(pool, key);
    if (key != small)
        free(key);
    if (!slot->tag)
        slot->tag = i + 1;
    const Observation *first = &ds->obs[slot->tag - 1];
    m->last_canon = first->company;
    if (first->company == o->company)
        return;
    slot = pool_slot(pool, o->company);
    if (!slot->warned) {
        slot->warned = 1;
        char where[600];
        format_where(where, sizeof where, first, o, " line ");
        dataset_warn(ds, o->file, o->line,
                     "company \"%s\" taken as \"%s\", as first spelled "
                     "on %s", o->company, first->company, where);
    }
    o->company = m->last_canon;
}

/* Drops rows that repeat an earlier one exactly (two exports pasted
 * together), warning for each; idx is sorted by cmp_obs. Returns how
 * many were dropped; ds->obs is compacted, idx is then stale. */
static size_t drop_exact_duplicates(Dataset *ds, Observation **idx)
{
    unsigned char *drop = NULL;
    size_t dropped = 0;
    for (size_t i = 1, keep = 0; i < ds->n_obs; i++) {
        const Observation *a = idx[keep], *b = idx[i];
        if (a->metric != b->metric || a->company != b->company ||
            a->date != b->date || a->value != b->value ||
            a->unit != b->unit) {
            keep = i;
            continue;
        }
        if (!drop)
            drop = xcalloc(ds->n_obs, 1);
        drop[b - ds->obs] = 1;
        dropped++;
        char where[600], date[32];
        format_where(where, sizeof where, a, b, " line ");
        format_date(date, sizeof date, b->date, b->precision);
        dataset_warn(ds, b->file, b->line,
                     "row repeats %s (%s %s %s); skipped", where, b->company,
                     b->metric, date);
        for (size_t f = 0; f < ds->n_files; f++) {
            if (ds->files[f].path == b->file && ds->files[f].rows > 0) {
                ds->files[f].rows--;
                ds->files[f].skipped++;
            }
        }
    }
    if (!dropped)
        return 0;
    size_t o = 0;
    for (size_t i = 0; i < ds->n_obs; i++)
        if (!drop[i])
            ds->obs[o++] = ds->obs[i];
    ds->n_obs = o;
    free(drop);
    return dropped;
}

/* A stretch of ds->obs of one (metric, company) in strictly rising
 * date order. */
typedef struct {
    Observation *first;
    size_t n;
} Run;

static int cmp_run(const void *pa, const void *pb)
{
    const Run *a = pa, *b = pb;
    return cmp_obs(&a->first, &b->first);
}

/* Merges the spellings of companies (merge_company) and finds how the
 * rows lie, in one pass over them.
 *
 * Files as people and programs write them hold each series in one
 * stretch, in date order. Then each stretch is a series as it is, and
 * ordering a few hundred of them by their first row gives the order
 * cmp_obs gives a million rows; there can be no duplicate date. Returns
 * the stretches so ordered in *runs (caller frees), or NULL when the rows
 * are not like that: a series in two stretches, dates that repeat or go
 * back, or more stretches than series may be (the general path names
 * the error). */
static Run *merge_and_find_runs(Dataset *ds, size_t *n_out)
{
    CompanyMerge merge;
    merge_begin(ds, &merge);
    Run *runs = NULL;
    size_t n_runs = 0, cap = 0;
    int ok = 1;
    for (size_t i = 0; i < ds->n_obs; i++) {
        merge_company(ds, &merge, i);
        if (!ok)
            continue;
        Observation *o = &ds->obs[i];
        Run *last = n_runs ? &runs[n_runs - 1] : NULL;
        if (last && last->first->metric == o->metric &&
            last->first->company == o->company) {
            ok = o[-1].date < o->date;
            last->n++;
            continue;
        }
        if (n_runs == DATASET_MAX_SERIES) {
            ok = 0;
            continue;
        }
        grow_array((void **)&runs, &cap, n_runs + 1, sizeof *runs);
        runs[n_runs].first = o;
        runs[n_runs++].n = 1;
    }
    if (ok && n_runs > 1) {
        qsort(runs, n_runs, sizeof *runs, cmp_run);
        for (size_t r = 1; r < n_runs && ok; r++)
            ok = runs[r - 1].first->metric != runs[r].first->metric ||
                 runs[r - 1].first->company != runs[r].first->company;
    }
    if (!ok) {
        free(runs);
        return NULL;
    }
    *n_out = n_runs;
    return runs;
}

static Observation **sorted_index(Dataset *ds)
{
    Observation **idx = xmalloc_array(ds->n_obs, sizeof *idx);
    for (size_t i = 0; i < ds->n_obs; i++)
        idx[i] = &ds->obs[i];
    qsort(idx, ds->n_obs, sizeof *idx, cmp_obs);
    return idx;
}

/* Appends the series of m (in date order, series in cmp_obs order);
 * cap is the capacity of ds->series. Returns 0, or -1 with err filled
 * past the limits or on mixed units. */
static int add_series(Dataset *ds, size_t *cap, const Members *m, Error *err)
{
    const Observation *head = member(m, 0);
    if (ds->n_series == DATASET_MAX_SERIES) {
        error_set(err, ERR_DATA, head->file, head->line, 0,
                  "more than %d series (company, metric pairs); split "
                  "the data or keep fewer companies",
                  DATASET_MAX_SERIES);
        return -1;
    }
    if (m->n > DATASET_MAX_POINTS) {
        /* Names the first point past the limit, in date order. */
        const Observation *o = member(m, DATASET_MAX_POINTS);
        error_set(err, ERR_DATA, o->file, o->line, 0,
                  "%s has more than %d points of %s; keep fewer dates "
                  "(monthly or yearly values chart as well)",
                  o->company, DATASET_MAX_POINTS, o->metric);
        return -1;
    }
    const char *unit = m->idx ? series_unit(m->idx, m->n, err) : head->unit;
    if (!unit)
        return -1;
    size_t n = m->n;
    grow_array((void **)&ds->series, cap, ds->n_series + 1,
               sizeof *ds->series);
    Series *s = &ds->series[ds->n_series++];
    s->company = head->company;
    s->metric = head->metric;
    s->unit = unit;
    s->file = series_file(m);
    s->n = n;
    s->date = xmalloc_array(n, sizeof *s->date);
    s->precision = xmalloc_array(n, sizeof *s->precision);
    s->value = xmalloc_array(n, sizeof *s->value);
    s->line = xmalloc_array(n, sizeof *s->line);
    if (m->idx) {
        for (size_t k = 0; k < n; k++) {
            const Observation *o = m->idx[k];
            s->date[k] = o->date;
            s->precision[k] = o->precision;
            s->value[k] = o->value;
            s->line[k] = o->line;
        }
        return 0;
    }
    /* A stretch is in load order: its unit is the first one named. */
    const Observation *named = NULL;
    for (size_t k = 0; k < n; k++) {
        const Observation *o = m->run + k;
        s->date[k] = o->date;
        s->precision[k] = o->precision;
        s->value[k] = o->value;
        s->line[k] = o->line;
        if (!o->unit[0] || (named && o->unit == named->unit))
            continue;
        if (named) {
            unit_error(named, o, err);
            return -1;   /* the caller frees the series */
        }
        named = o;
    }
    s->unit = named ? named->unit : head->unit;
    return 0;
}

int dataset_group(Dataset *ds, Error *err)
{
    free_series(ds);
    if (ds->n_obs == 0)
        return 0;
    size_t cap = 0, n_runs = 0;
    Observation **idx = NULL;
    Run *runs = merge_and_find_runs(ds, &n_runs);
    for (size_t r = 0; runs && r < n_runs; r++) {
        Members m = {NULL, runs[r].first, runs[r].n};
        if (add_series(ds, &cap, &m, err) != 0)
            goto fail;
    }
    if (!runs) {
        idx = sorted_index(ds);
        if (drop_exact_duplicates(ds, idx) > 0) {
            free(idx);
            idx = sorted_index(ds);
        }
        if (check_duplicates(idx, ds->n_obs, err) != 0)
            goto fail;
        for (size_t start = 0, end; start < ds->n_obs; start = end) {
            end = start + 1;
            while (end < ds->n_obs &&
                   idx[end]->metric == idx[start]->metric &&
                   idx[end]->company == idx[start]->company)
                end++;
            Members m = {idx + start, NULL, end - start};
            if (add_series(ds, &cap, &m, err) != 0)
                goto fail;
        }
    }
    free(runs);
    free(idx);
    return 0;
fail:
    free(runs);
    free(idx);
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
