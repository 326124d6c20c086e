/* dataset_group.c - the rows of a dataset grouped into series: company
 * spellings merged, rows sorted by date, repeats dropped with a warning,
 * duplicates refused, one unit per series. */
#include "dataset_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "util.h"

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
        out->qualifier = group_qual(g0);
        out->value = group_value(g0);
        out->line = group_line(g0);
        return 0;
    }
    Group own = {.cap = (uint32_t)s->n};
    own.block = st->series_blocks[n] = xmalloc_array(s->n + 1, ROW_BYTES);
    out->date = group_date(&own);
    out->precision = group_prec(&own);
    out->qualifier = group_qual(&own);
    out->value = group_value(&own);
    out->line = group_line(&own);
    for (size_t k = 0; k < s->n; k++) {
        const Ref *r = &s->refs[k];
        const Group *g = &st->groups[r->group];
        out->date[k] = r->date;
        out->precision[k] = group_prec(g)[r->row];
        out->qualifier[k] = group_qual(g)[r->row];
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

/* Sorts the spans whose rows are not simply one group's in date order
 * and drops their repeats. Of the duplicates, the one whose later row
 * comes first in load order is refused, so the user fixes files top to
 * bottom. Returns 0, or -1 with err filled (drops removed either way). */
static int sort_spans(Dataset *ds, Span *spans, size_t n_spans, Error *err)
{
    struct RowStore *st = ds->rows;
    Drops drops = {NULL, 0, 0};
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
    free(drops.items);
    return dup_company ? -1 : 0;
}

/* One Series per span; a span that lost rows to drops is read again. */
static int add_all_series(Dataset *ds, Span *spans, size_t n_spans,
                          Error *err)
{
    size_t cap = 0;
    for (size_t i = 0; i < n_spans; i++) {
        Span *s = &spans[i];
        if (s->n == (size_t)-1) {
            s->n = 0;
            for (size_t k = 0; k < s->n_groups; k++)
                s->n += s->groups[k]->n;
            s->refs = span_refs(ds->rows, s);
        }
        if (add_series(ds, &cap, s, err) != 0)
            return -1;
    }
    return 0;
}

int dataset_group(Dataset *ds, Error *err)
{
    struct RowStore *st = ds->rows;
    dataset_free_series(ds);
    rows_end_epoch(st);
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
    size_t n_spans;
    Span *spans = make_spans(order, n, &n_spans);
    int rc = sort_spans(ds, spans, n_spans, err) == 0 &&
                     add_all_series(ds, spans, n_spans, err) == 0
                 ? 0
                 : -1;
    for (size_t i = 0; i < n_spans; i++)
        free(spans[i].refs);
    free(spans);
    free(order);
    if (rc != 0)
        dataset_free_series(ds);
    return rc;
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
