/* chart_line.h - layout of a line chart (metric over time) into a scene. */
#ifndef AIGROWTH_CHART_LINE_H
#define AIGROWTH_CHART_LINE_H

#include <stddef.h>
#include "align.h"
#include "analysis.h"
#include "annotate.h"
#include "csvload.h"
#include "dataset.h"
#include "error.h"
#include "fit.h"
#include "i18n.h"
#include "scene.h"
#include "text.h"
#include "theme.h"

typedef enum { AXIS_AUTO = -1, AXIS_LINEAR = 0, AXIS_LOG = 1 } AxisChoice;

/* How values read on a rebased chart: as they are, as an index (start =
 * 100), or as a multiple of the start ("3.2×"). */
typedef enum { REBASE_NONE = 0, REBASE_INDEX, REBASE_GROWTH } RebaseStyle;

/* What a chart's data spans: dates, values (with the projections of the
 * series that draw one) and whether the auto axis would be log. */
typedef struct {
    long date_min, date_max;   /* the x domain before padding */
    long last_observed;
    double vmin, vmax;         /* the y domain before ticks */
    int any_projection;
    int log;                   /* the axis the chart asks for, or picks */
} LineDomain;

/* A line chart drawn as one panel of small multiples (chart_facet.h):
 * no header, footer, legend or divider label; its title small above the
 * plot; the domains of the figure. */
typedef struct {
    double k;                  /* the type scale, the figure's */
    LineDomain domain;         /* dates always; values when shared_y */
    int shared_y;
    int y_labels, x_labels;    /* tick labels drawn (outer panels) */
    double inset_left, inset_right; /* from the panel's edges to its
                                  plot's; 0: as its own labels need */
} LinePanel;

/* What to draw. All pointers borrowed; analyses[i], colors[i] and
 * context[i] belong to series[i]. An analysis without a trend draws no
 * projection. */
typedef struct {
    const char *title;
    const char *subtitle;      /* NULL: generated from metric and unit */
    const char *source_line;   /* NULL: "Source: FILE · Chart: aigrowth" */
    const char *note;          /* NULL or appended to the source line */
    double width, height;      /* points */
    const Series *const *series;
    const SeriesAnalysis *analyses; /* NULL: no projections */
    const Color *colors;       /* NULL: the theme's palette in order */
    const unsigned char *context; /* NULL, or 1 where series i is a thin
                                     grey context line without label */
    size_t n_series;
    long horizon;              /* day number the x axis runs to (each
                                  projection runs to its own horizon) */
    double level;              /* prediction-interval level, e.g. 0.80 */
    AxisChoice axis;
    const EventList *events;   /* NULL or markers to draw */
    const Theme *theme;        /* NULL: light */
    int transparent;           /* no background fill */
    Lang lang;
    double type_scale;         /* type and lines larger (>1) for slides;
                                  0 means 1 */
    const Annotation *notes;   /* reference lines, shaded periods and
                                  callouts (annotate.h); NULL: none */
    size_t n_notes;
    const double *rebase;      /* NULL, or per series what its
                                  analysis' numbers are multiplied by: the
                                  series are already rebased views */
    RebaseStyle rebase_style;
    double rebase_base;        /* the index's start value (100) */
    long rebase_at;            /* the start's day */
    long x_from;               /* 0, or the day the x axis starts (data
                                  before it is clipped) */
    int verified_only;         /* the trends were fitted to verified
                                  points only: the key says the others
                                  were not fitted */
    const Alignment *align;    /* NULL: calendar time. Else the x axis
                                  is months since each series' origin:
                                  series[i] are views whose dates are
                                  days since origins[i].day, and the
                                  axis starts at 0 */
    const Origin *origins;
    int check_overlap;         /* tests: fail with ERR_RENDER when two
                                  annotation or event labels overlap */
    double detail;             /* output pixels per point that the drawing
                                  must hold (the PNG scale; 2 or more for
                                  SVG and PDF); 0 means 2. Denser lines
                                  are thinned invisibly (decimate.h) */
    const unsigned char *style;/* NULL, or per series which metric of a
                                  chart of two it is: 0 solid, 1 dotted */
    const char *style_names[2];/* the two metrics' names, for the key of
                                  line styles under the subtitle */
    const LinePanel *panel;    /* NULL: a chart of its own */
    const char *metric_name;   /* NULL: the series' metric, named */
} LineChartSpec;

/* Whether the chart draws a's projection (and labels its interval): a
 * coloured series (context 0) whose trend is quotable and runs past its
 * latest observation. */
int chart_line_projects(const SeriesAnalysis *a, int context);

/* Lays the chart out into a new scene (*out, caller owns). Fails with
 * ERR_DATA when no series has a point to draw, or when a log axis is asked
 * for with a non-positive value (naming file and line). */
int chart_line_layout(const LineChartSpec *spec, const FontStack *fs,
                      Scene **out, Error *err);

/* The type scale of a chart of spec's size (1 for 960 x 540 pt) times
 * its type_scale. */
double chart_line_type_scale(const LineChartSpec *spec);

/* What spec's data spans, over all its series. */
void chart_line_domain(const LineChartSpec *spec, LineDomain *out);

/* The header and footer of a figure of panels: spec's title, its
 * subtitle (generated as for one chart of all its series on a log axis
 * when log) and the source line, and the key of line styles when spec
 * has two metrics, drawn into scene; returns the y below them. */
double chart_line_frame(const LineChartSpec *spec, const FontStack *fs,
                        Scene *scene, int log);

/* The key to the marks spec's points show (lower bound, single source,
 * unverified), in a row ending at right whose text ends at bottom: a
 * figure of panels explains them once. Returns the height it takes, 0
 * (drawing nothing) when every point is plain. */
double chart_line_figure_key(const LineChartSpec *spec, const FontStack *fs,
                             Scene *scene, double right, double bottom);

/* The insets a panel's own labels need (spec->panel set, its insets 0):
 * left of the plot for the value ticks, right of it for end labels. */
void chart_line_panel_insets(const LineChartSpec *spec, const FontStack *fs,
                             double *left, double *right);

#endif
