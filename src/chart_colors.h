/* chart_colors.h - the colours of one chart's series: a user's colour
 * for the company, else its run-wide palette slot (company_colors.h),
 * moved when the slot is taken or too close (THEME_MIN_DELTA_E) to a
 * colour already in the chart. */
#ifndef AIGROWTH_CHART_COLORS_H
#define AIGROWTH_CHART_COLORS_H

#include "chart_build.h"
#include "company_colors.h"

/* Notes chart's companies in colour (after chart_select) in cc's plan. */
void chart_colors_note(CompanyColors *cc, const ChartBuilt *chart);

/* Fills chart->colors for chart->series and chart->context, and
 * chart->color_warning when two companies of the chart still end up
 * closer than THEME_MIN_DELTA_E (two users' colours, or more highlighted
 * companies than the palette holds). */
void chart_colors_assign(const Dataset *ds, const ChartRequest *req,
                         const Theme *theme, ChartBuilt *chart);

#endif
