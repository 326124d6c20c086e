/* chart_bar.h - layout of a bar chart (latest value per company). */
#ifndef AIGROWTH_CHART_BAR_H
#define AIGROWTH_CHART_BAR_H

#include <stddef.h>
#include "dataset.h"
#include "error.h"
#include "i18n.h"
#include "scene.h"
#include "text.h"
#include "theme.h"

/* What to draw: each series' latest value as one horizontal bar, sorted
 * by value, largest on top. Pointers borrowed; colors[i] belongs to
 * series[i]. */
typedef struct {
    const char *title;
    const char *subtitle;      /* NULL: generated */
    const char *source_line;   /* NULL: "Source: FILE · Chart: aigrowth" */
    const char *note;          /* NULL or appended to the source line */
    double width, height;
    const Series *const *series;
    const Color *colors;       /* NULL: the theme's palette in order */
    size_t n_series;
    const Theme *theme;        /* NULL: light */
    int transparent;
    Lang lang;
    double type_scale;         /* as LineChartSpec; 0 means 1 */
} BarChartSpec;

/* Lays the chart out into a new scene (*out, caller owns). Fails with
 * ERR_DATA when no series has a value, or a value is negative. */
int chart_bar_layout(const BarChartSpec *spec, const FontStack *fs,
                     Scene **out, Error *err);

#endif
