/* company_colors.c - the run-wide order that gives companies their
 * colours (company_colors.h). A data hub has thousands of companies:
 * adding appends, finishing sorts, a lookup is a binary search. */
#include "company_colors.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void company_colors_add(CompanyColors *cc, const Dataset *ds)
{
    for (size_t i = 0; i < ds->n_series; i++) {
        const Series *s = &ds->series[i];
        if (s->n == 0)
            continue;
        if (cc->n == cc->cap) {
            cc->cap = cc->cap ? 2 * cc->cap : 16;
            cc->companies = xrealloc_array(cc->companies, cc->cap,
                                           sizeof *cc->companies);
        }
        /* A series is sorted by date: its first point is its earliest. */
        cc->companies[cc->n++] =
            (CompanyOrder){xstrdup(s->company), s->date[0]};
    }
}

static int compare_names(const void *a, const void *b)
{
    const CompanyOrder *x = a, *y = b;
    int c = strcmp(x->company, y->company);
    if (c != 0)
        return c;
    return (x->first_day > y->first_day) - (x->first_day < y->first_day);
}

static int compare_order(const void *a, const void *b)
{
    const CompanyOrder *x = a, *y = b;
    if (x->first_day != y->first_day)
        return x->first_day < y->first_day ? -1 : 1;
    return strcmp(x->company, y->company);
}

/* Sorted by name with the earliest first, keeps one entry a company. */
static void merge_companies(CompanyColors *cc)
{
    qsort(cc->companies, cc->n, sizeof *cc->companies, compare_names);
    size_t kept = 0;
    for (size_t i = 0; i < cc->n; i++) {
        if (kept && strcmp(cc->companies[kept - 1].company,
                           cc->companies[i].company) == 0) {
            free(cc->companies[i].company);
            continue;
        }
        cc->companies[kept++] = cc->companies[i];
    }
    cc->n = kept;
}

static int compare_entries(const void *a, const void *b)
{
    const CompanyRankEntry *x = a, *y = b;
    return strcmp(x->company, y->company);
}

void company_colors_finish(CompanyColors *cc)
{
    if (cc->n == 0)
        return;
    merge_companies(cc);
    qsort(cc->companies, cc->n, sizeof *cc->companies, compare_order);
    free(cc->by_name);
    cc->by_name = xmalloc_array(cc->n, sizeof *cc->by_name);
    for (size_t i = 0; i < cc->n; i++)
        cc->by_name[i] = (CompanyRankEntry){cc->companies[i].company, i};
    qsort(cc->by_name, cc->n, sizeof *cc->by_name, compare_entries);
}

size_t company_colors_rank(const CompanyColors *cc, const char *company)
{
    if (!cc->by_name)
        return cc->n;
    CompanyRankEntry key = {company, 0};
    const CompanyRankEntry *e =
        bsearch(&key, cc->by_name, cc->n, sizeof key, compare_entries);
    return e ? e->rank : cc->n;
}

void company_colors_free(CompanyColors *cc)
{
    for (size_t i = 0; i < cc->n; i++)
        free(cc->companies[i].company);
    free(cc->companies);
    free(cc->by_name);
    memset(cc, 0, sizeof *cc);
}
