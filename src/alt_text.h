/* alt_text.h - a chart's description in words, for readers who cannot
 * see it: the alt text of the PNG's and SVG's metadata, a slide picture's
 * description, and `aigrowth chart --alt-text`.
 *
 * Written from the built chart's own analyses, never from a fit of its
 * own, and with the chart labels' number and date styles, so every figure
 * matches what the chart prints: the kind of chart and its metric; per
 * company (the largest four by latest value, then "and N more") the first
 * and latest value of the fit window with their periods and the growth a
 * year between them; a crossing (analysis_crossings); and the projection's
 * interval at the horizon where the chart draws one, or why it draws
 * none. English, Traditional or Simplified Chinese, the chart's
 * language. */
#ifndef AIGROWTH_ALT_TEXT_H
#define AIGROWTH_ALT_TEXT_H

#include <stddef.h>

#include "chart_build.h"

/* Most companies named; the rest are counted. */
#define ALT_TEXT_MAX_NAMED 4
/* Room for any alt text: four companies' sentences and their trends. */
#define ALT_TEXT_SIZE 2048

/* Writes the alt text of chart (built by chart_build from req; its series
 * must still be alive) into buf (size bytes, truncated to fit) and
 * returns buf. */
char *alt_text_write(const ChartRequest *req, const ChartBuilt *chart,
                     char *buf, size_t size);

#endif
