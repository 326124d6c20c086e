/* company_colors.h - which palette colour each company gets: one plan
 * for every chart of a run, so a company keeps its colour from chart to
 * chart and from run to run.
 *
 * The order: companies as they entered the data (earliest observation
 * of any metric first, ties by name). New rows for a company already in
 * the data never move it; a new company comes after the others, unless
 * its data starts before theirs.
 *
 * The plan: in that order, each company takes its own slot (its place
 * in the order, wrapping round the palette) or the next one that no
 * company drawn in colour beside it in some chart already holds and
 * that is THEME_MIN_DELTA_E from every user's colour ([colors]) beside
 * it. So the first THEME_PALETTE_SIZE companies always keep their own
 * slots, and two companies of one chart share a colour only when the
 * chart shows more of them than the palette holds. */
#ifndef AIGROWTH_COMPANY_COLORS_H
#define AIGROWTH_COMPANY_COLORS_H

#include <stddef.h>
#include "dataset.h"
#include "theme.h"

typedef struct {
    char *company;      /* owned */
    long first_day;
} CompanyOrder;

typedef struct {
    const char *company;       /* borrowed from companies[rank] */
    size_t rank;
} CompanyRankEntry;

typedef struct {
    size_t rank, chart;
} CompanyMembership;

/* Build with company_colors_add for each dataset of the run and
 * company_colors_finish; then company_colors_note_chart for each chart
 * and company_colors_plan. Free with company_colors_free. Zeroed is
 * empty. */
typedef struct CompanyColors {
    CompanyOrder *companies;   /* after finish: in order */
    CompanyRankEntry *by_name; /* after finish: names in name order */
    size_t n, cap;
    CompanyMembership *members;/* who is drawn in colour in which chart */
    size_t n_members, cap_members, n_charts;
    size_t *slot;              /* after plan: by rank; SIZE_MAX for a
                                  company the user coloured */
} CompanyColors;

void company_colors_add(CompanyColors *cc, const Dataset *ds);
void company_colors_finish(CompanyColors *cc);

/* The company's place in the order, or cc->n for one no dataset added. */
size_t company_colors_rank(const CompanyColors *cc, const char *company);

/* Records that companies[0..n) are drawn in colour in one chart. */
void company_colors_note_chart(CompanyColors *cc,
                               const char *const *companies, size_t n);

/* Gives every company its slot of theme's palette; users' colours
 * (users[0..n_users)) stay theirs and keep palette colours away. */
void company_colors_plan(CompanyColors *cc, const Theme *theme,
                         const ColorOverride *users, size_t n_users);

/* The company's planned slot; its place in the order (wrapped) when
 * nothing was planned; SIZE_MAX when the user coloured it. */
size_t company_colors_slot(const CompanyColors *cc, const char *company);

void company_colors_free(CompanyColors *cc);

#endif
