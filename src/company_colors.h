/* company_colors.h - which palette colour each company gets: one rule
 * for every chart of a run, so a company keeps its colour from chart to
 * chart and from run to run.
 *
 * The rule: companies in the order they entered the data (earliest
 * observation of any metric first, ties by name), the first taking the
 * palette's first colour. New rows for a company already in the data
 * never move a colour; a new company takes the next one, unless its data
 * starts before the others'. A [colors] section or --color pins any. */
#ifndef AIGROWTH_COMPANY_COLORS_H
#define AIGROWTH_COMPANY_COLORS_H

#include <stddef.h>
#include "dataset.h"

typedef struct {
    char *company;      /* owned */
    long first_day;
} CompanyOrder;

typedef struct {
    const char *company;       /* borrowed from companies[rank] */
    size_t rank;
} CompanyRankEntry;

/* Build with company_colors_add for each dataset of the run, then
 * company_colors_finish; free with company_colors_free. Zeroed is
 * empty. */
typedef struct CompanyColors {
    CompanyOrder *companies;   /* after finish: in colour order */
    CompanyRankEntry *by_name; /* after finish: names in name order */
    size_t n, cap;
} CompanyColors;

void company_colors_add(CompanyColors *cc, const Dataset *ds);
void company_colors_finish(CompanyColors *cc);

/* The company's place in the order (its palette slot before wrapping),
 * or cc->n for a company no dataset added. */
size_t company_colors_rank(const CompanyColors *cc, const char *company);

void company_colors_free(CompanyColors *cc);

#endif
