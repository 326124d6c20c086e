/* chart_colors.c - one chart's series colours (chart_colors.h). */
#include "chart_colors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "company_colors.h"
#include "util.h"

static const ColorOverride *find_in(const ColorOverride *list, size_t n,
                                    const char *company)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].company, company) == 0)
            return &list[i];
    return NULL;
}

/* The chart's own colour for the company, else the report's. */
static const ColorOverride *find_override(const ChartRequest *req,
                                          const char *company)
{
    const ColorOverride *o = find_in(req->colors, req->n_colors, company);
    return o ? o : find_in(req->shared_colors, req->n_shared_colors, company);
}

/* Whether colour c is at least THEME_MIN_DELTA_E from every colour set
 * so far (set[i]) of a highlighted series. */
static int far_enough(const ChartBuilt *chart, const unsigned char *set,
                      Color c)
{
    for (size_t i = 0; i < chart->n; i++)
        if (set[i] && !chart->context[i] &&
            color_delta_e(chart->colors[i], c) < THEME_MIN_DELTA_E)
            return 0;
    return 1;
}

/* The company's slot if free and far enough from the chart's colours so
 * far, else the next such slot; failing that the next free one, failing
 * that its own. */
static size_t pick_slot(const ChartBuilt *chart, const unsigned char *set,
                        const Theme *theme, const int *used, size_t own)
{
    for (size_t k = 0; k < THEME_PALETTE_SIZE; k++) {
        size_t slot = (own + k) % THEME_PALETTE_SIZE;
        if (!used[slot] && far_enough(chart, set, theme->palette[slot]))
            return slot;
    }
    for (size_t k = 0; k < THEME_PALETTE_SIZE; k++) {
        size_t slot = (own + k) % THEME_PALETTE_SIZE;
        if (!used[slot])
            return slot;
    }
    return own;
}

/* Names the first pair of highlighted companies closer than the
 * threshold in chart->color_warning. */
static void check_distinct(ChartBuilt *chart)
{
    chart->color_warning[0] = '\0';
    for (size_t i = 0; i < chart->n; i++) {
        for (size_t j = i + 1; j < chart->n; j++) {
            if (chart->context[i] || chart->context[j])
                continue;
            double d = color_delta_e(chart->colors[i], chart->colors[j]);
            if (d >= THEME_MIN_DELTA_E ||
                chart->series[i]->company == chart->series[j]->company)
                continue;
            snprintf(chart->color_warning, sizeof chart->color_warning,
                     "%s and %s have colours %.0f apart (CIE76 ΔE, under "
                     "%.0f): readers may not tell them apart; give one "
                     "another colour with --color or [colors]",
                     chart->series[i]->company, chart->series[j]->company,
                     d, THEME_MIN_DELTA_E);
            return;
        }
    }
}

/* The order and plan of a chart drawn on its own: over its dataset's
 * companies, with its users' colours. */
static void plan_alone(const Dataset *ds, const ChartRequest *req,
                       const Theme *theme, const ChartBuilt *chart,
                       CompanyColors *cc)
{
    company_colors_add(cc, ds);
    company_colors_finish(cc);
    const char **names = xmalloc_array(chart->n + 1, sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < chart->n; i++)
        if (!chart->context[i])
            names[n++] = chart->series[i]->company;
    company_colors_note_chart(cc, names, n);
    free(names);
    company_colors_plan(cc, theme, req->colors, req->n_colors);
}

void chart_colors_assign(const Dataset *ds, const ChartRequest *req,
                         const Theme *theme, ChartBuilt *chart)
{
    CompanyColors alone = {0};
    const CompanyColors *plan = req->company_order;
    if (!plan) {
        plan_alone(ds, req, theme, chart, &alone);
        plan = &alone;
    }
    unsigned char *set = xcalloc(chart->n + 1, 1);
    /* Users' colours first, so that palette colours keep away from them. */
    for (size_t i = 0; i < chart->n; i++) {
        const ColorOverride *o = find_override(req, chart->series[i]->company);
        if (chart->context[i] && !o)
            chart->colors[i] = theme->context;
        else if (o)
            chart->colors[i] = o->color;
        set[i] = chart->context[i] || o;
    }
    int used[THEME_PALETTE_SIZE] = {0};
    for (size_t i = 0; i < chart->n; i++) {
        if (set[i])
            continue;
        size_t own = company_colors_slot(plan, chart->series[i]->company);
        if (own >= THEME_PALETTE_SIZE)   /* coloured by a chart's user */
            own = 0;
        size_t slot = pick_slot(chart, set, theme, used, own);
        used[slot] = 1;
        chart->colors[i] = theme->palette[slot];
        set[i] = 1;
    }
    if (req->kind != CHART_BAR)   /* bars are named beside them */
        check_distinct(chart);
    free(set);
    company_colors_free(&alone);
}
