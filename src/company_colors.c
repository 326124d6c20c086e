/* company_colors.c - the run-wide order that gives companies their
 * colours (company_colors.h). A data hub has thousands of companies:
 * adding appends, finishing sorts, a lookup is a binary search. */
#include "company_colors.h"

#include <stdint.h>
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

void company_colors_note_chart(CompanyColors *cc,
                               const char *const *companies, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t rank = company_colors_rank(cc, companies[i]);
        if (rank == cc->n)
            continue;
        if (cc->n_members == cc->cap_members) {
            cc->cap_members = cc->cap_members ? 2 * cc->cap_members : 32;
            cc->members = xrealloc_array(cc->members, cc->cap_members,
                                         sizeof *cc->members);
        }
        cc->members[cc->n_members++] = (CompanyMembership){rank, cc->n_charts};
    }
    cc->n_charts++;
}

static int compare_members(const void *a, const void *b)
{
    const CompanyMembership *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return (x->chart > y->chart) - (x->chart < y->chart);
}

/* Per chart: the slots too close to a user's colour in it. */
static void mark_near_users(const CompanyColors *cc, const Theme *theme,
                            const ColorOverride *users, size_t n_users,
                            unsigned *near)
{
    for (size_t m = 0; m < cc->n_members; m++) {
        const CompanyMembership *cm = &cc->members[m];
        const ColorOverride *u =
            color_override_find(users, n_users, cc->companies[cm->rank].company);
        if (u)
            near[cm->chart] |= theme_slots_near(theme, u->color);
    }
}

void company_colors_plan(CompanyColors *cc, const Theme *theme,
                         const ColorOverride *users, size_t n_users)
{
    free(cc->slot);
    cc->slot = xmalloc_array(cc->n + 1, sizeof *cc->slot);
    unsigned *taken = xcalloc(cc->n_charts + 1, sizeof *taken);
    unsigned *near = xcalloc(cc->n_charts + 1, sizeof *near);
    mark_near_users(cc, theme, users, n_users, near);
    if (cc->n_members > 1)
        qsort(cc->members, cc->n_members, sizeof *cc->members,
              compare_members);
    size_t m = 0;
    for (size_t r = 0; r < cc->n; r++) {
        size_t first = m;
        unsigned hard = 0, soft = 0;
        for (; m < cc->n_members && cc->members[m].rank == r; m++) {
            hard |= taken[cc->members[m].chart];
            soft |= near[cc->members[m].chart];
        }
        if (color_override_find(users, n_users, cc->companies[r].company)) {
            cc->slot[r] = SIZE_MAX;
            continue;
        }
        size_t s = theme_free_slot(r % THEME_PALETTE_SIZE, hard, soft);
        cc->slot[r] = s;
        for (size_t k = first; k < m; k++)
            taken[cc->members[k].chart] |= 1u << s;
    }
    free(taken);
    free(near);
}

size_t company_colors_slot(const CompanyColors *cc, const char *company)
{
    size_t r = company_colors_rank(cc, company);
    if (r == cc->n || !cc->slot)
        return r % THEME_PALETTE_SIZE;
    return cc->slot[r];
}

void company_colors_free(CompanyColors *cc)
{
    for (size_t i = 0; i < cc->n; i++)
        free(cc->companies[i].company);
    free(cc->companies);
    free(cc->by_name);
    free(cc->members);
    free(cc->slot);
    memset(cc, 0, sizeof *cc);
}
