/* chart_facet.h - small multiples: a line chart drawn as a grid of
 * panels, one per company or per metric, under one title, subtitle and
 * source line. Each panel is a line chart's panel layout (LinePanel) of
 * its series, with their analyses as the chart has them. */
#ifndef AIGROWTH_CHART_FACET_H
#define AIGROWTH_CHART_FACET_H

#include <stddef.h>
#include "chart_line.h"
#include "error.h"
#include "scene.h"
#include "text.h"

typedef enum { FACET_NONE = 0, FACET_COMPANY, FACET_METRIC } FacetBy;

/* shared: every panel on the same value axis; free: each its own. */
typedef enum { FACET_SHARED = 0, FACET_FREE } FacetScale;

/* The most panels a figure holds: beyond, their type would not read. */
#define FACET_MAX 36

/* "company" or "metric" to *out: 0, or -1 for another word. */
int chart_facet_parse(const char *word, FacetBy *out);
/* "shared" or "free" to *out: 0, or -1. */
int chart_facet_scale_parse(const char *word, FacetScale *out);

/* Columns and rows of a grid of n panels on a w x h area: panels about
 * half again as wide as tall, few cells left empty (20 on 912 x 420: 5
 * x 4). */
void chart_facet_grid(size_t n, double w, double h, size_t *cols,
                      size_t *rows);

/* Lays spec's series out as panels grouped by company or metric, into a
 * new scene (*out, caller owns). By metric, the panels are stacked on
 * one time axis, each with its own value axis. Fails with ERR_USAGE
 * beyond FACET_MAX panels, and as chart_line_layout does. */
int chart_facet_layout(const LineChartSpec *spec, FacetBy by,
                       FacetScale scale, const FontStack *fs, Scene **out,
                       Error *err);

#endif
