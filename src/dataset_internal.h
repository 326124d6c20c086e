/* dataset_internal.h - the row store and string pool that dataset.c
 * keeps and dataset_group.c groups into series. Private to dataset*.c. */
#ifndef AIGROWTH_DATASET_INTERNAL_H
#define AIGROWTH_DATASET_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "dataset.h"

struct PoolBlock;

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
    struct PoolBlock *blocks;   /* newest first */
};


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
#define ROW_BYTES (sizeof(double) + sizeof(int32_t) + sizeof(uint32_t) + 2)

typedef struct {
    const char *company;   /* interned, as read */
    const char *canon;     /* interned: the spelling kept (merge_companies) */
    const char *metric;    /* interned */
    const char *file;      /* interned */
    uint32_t epoch;
    uint32_t column;
    uint32_t n, cap;       /* rows, rows the block holds */
    /* One allocation: double value[cap], int32_t date[cap],
     * uint32_t line[cap], uint8_t precision[cap], uint8_t qualifier[cap]. */
    void *block;
    TextRun run0;          /* the one run while runs is NULL */
    TextRun *runs;
    uint32_t n_runs, cap_runs;
    int ascending;         /* each date after the one before */
} Group;

static inline double *group_value(const Group *g)
{
    return g->block;
}

static inline int32_t *group_date(const Group *g)
{
    return (int32_t *)(group_value(g) + g->cap);
}

static inline uint32_t *group_line(const Group *g)
{
    return (uint32_t *)(group_date(g) + g->cap);
}

static inline uint8_t *group_prec(const Group *g)
{
    return (uint8_t *)(group_line(g) + g->cap);
}

static inline uint8_t *group_qual(const Group *g)
{
    return group_prec(g) + g->cap;
}

/* Copies src's rows to dst from row at on (room made). */
static inline void group_copy_rows(Group *dst, uint32_t at, const Group *src)
{
    memcpy(group_value(dst) + at, group_value(src), src->n * sizeof(double));
    memcpy(group_date(dst) + at, group_date(src), src->n * sizeof(int32_t));
    memcpy(group_line(dst) + at, group_line(src), src->n * sizeof(uint32_t));
    memcpy(group_prec(dst) + at, group_prec(src), src->n);
    memcpy(group_qual(dst) + at, group_qual(src), src->n);
}

static inline const TextRun *group_runs(const Group *g)
{
    return g->runs ? g->runs : &g->run0;
}

/* Where a row was read: orders rows in load order. */
typedef struct {
    uint32_t epoch, line, column;
} Place;

static inline Place place_of(const Group *g, uint32_t k)
{
    return (Place){g->epoch, group_line(g)[k], g->column};
}

static inline int place_cmp(Place a, Place b)
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

/* The pool's slot of s, s stored first when it is not there yet. */
PoolSlot *pool_slot(struct StringPool *pool, const char *s);
/* Ends the current epoch: its groups take no more rows. */
void rows_end_epoch(struct RowStore *st);
/* Frees the series of the last dataset_group and their own blocks. */
void dataset_free_series(Dataset *ds);

#endif
