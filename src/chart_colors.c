/* chart_colors.c - one chart's series colours (chart_colors.h). */
#include "chart_colors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "company_colors.h"
#include "util.h"

/* The chart's own colour for the company, else the report's. */
static const ColorOverride *find_override(const ChartRequest *req,
                                          const char *company)
{
    const ColorOverride *o =
        color_override_find(req->colors, req->n_colors, company);
    return o ? o
             : color_override_find(req->shared_colors, req->n_shared_colors,
                                   company);
}

/* The palette slots too close to a colour set so far (set[i]) of a
 * series in colour. */
static unsigned slots_near_set(const ChartBuilt *chart,
                               const unsigned char *set, const Theme *theme)
{
    unsigned near = 0;
    for (size_t i = 0; i < chart->n; i++)
        if (set[i] && !chart->context[i])
            near |= theme_slots_near(theme, chart->colors[i]);
    return near;
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

void chart_colors_note(CompanyColors *cc, const ChartBuilt *chart)
{
    if (chart->facet == FACET_COMPANY)
        return; /* its companies are in panels apart: no two side by side */
    const char **names = xmalloc_array(chart->n + 1, sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < chart->n; i++)
        if (!chart->context[i])
            names[n++] = chart->series[i]->company;
    company_colors_note_chart(cc, names, n);
    free(names);
}

/* The order and plan of a chart drawn on its own: over its dataset's
 * companies, with its users' colours. */
static void plan_alone(const Dataset *ds, const ChartRequest *req,
                       const Theme *theme, const ChartBuilt *chart,
                       CompanyColors *cc)
{
    company_colors_add(cc, ds);
    company_colors_finish(cc);
    chart_colors_note(cc, chart);
    company_colors_plan(cc, theme, req->colors, req->n_colors);
}

/* Whether a series before i, in colour, is of i's company: its colour
 * to *c. */
static int same_company_before(const ChartBuilt *chart, size_t i, Color *c)
{
    for (size_t j = 0; j < i; j++)
        if (!chart->context[j] &&
            strcmp(chart->series[j]->company, chart->series[i]->company) ==
                0) {
            *c = chart->colors[j];
            return 1;
        }
    return 0;
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
    unsigned used = 0;
    for (size_t i = 0; i < chart->n; i++) {
        if (set[i])
            continue;
        if (same_company_before(chart, i, &chart->colors[i])) {
            set[i] = 1; /* a company's second metric: its colour */
            continue;
        }
        size_t own = company_colors_slot(plan, chart->series[i]->company);
        if (own >= THEME_PALETTE_SIZE)   /* coloured by a chart's user */
            own = 0;
        /* Panels apart need no colours apart: each keeps its own. */
        size_t slot = chart->facet == FACET_COMPANY
                          ? own
                          : theme_free_slot(own, used,
                                            slots_near_set(chart, set, theme));
        used |= 1u << slot;
        chart->colors[i] = theme->palette[slot];
        set[i] = 1;
    }
    if (req->kind != CHART_BAR)   /* bars are named beside them */
        check_distinct(chart);
    free(set);
    company_colors_free(&alone);
}
