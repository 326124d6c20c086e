/* chart_facet.c - small multiples: one line-chart panel per company or
 * metric, laid out each into a scene of its own and appended into the
 * figure at its place in the grid. Panels read the chart's analyses as
 * they are: nothing is refitted. */
#include "chart_facet.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_frame.h"
#include "i18n.h"
#include "util.h"

#define PANEL_GAP_PT 14.0

int chart_facet_parse(const char *word, FacetBy *out)
{
    if (strcmp(word, "company") == 0)
        *out = FACET_COMPANY;
    else if (strcmp(word, "metric") == 0)
        *out = FACET_METRIC;
    else
        return -1;
    return 0;
}

int chart_facet_scale_parse(const char *word, FacetScale *out)
{
    if (strcmp(word, "shared") == 0)
        *out = FACET_SHARED;
    else if (strcmp(word, "free") == 0)
        *out = FACET_FREE;
    else
        return -1;
    return 0;
}

void chart_facet_grid(size_t n, double w, double h, size_t *cols,
                      size_t *rows)
{
    double best = HUGE_VAL;
    *cols = *rows = 1;
    for (size_t c = 1; c <= n; c++) {
        size_t r = (n + c - 1) / c;
        if (c > 1 && (c - 1) * r >= n)
            continue; /* a whole column empty */
        double aspect = (w / (double)c) / (h / (double)r);
        double score = fabs(log(aspect / 1.5)) + 0.15 * (double)(c * r - n);
        if (score < best) {
            best = score;
            *cols = c;
            *rows = r;
        }
    }
}

/* Which panel each series is drawn in: the panels in the order their
 * first series comes. */
typedef struct {
    size_t *panel_of;          /* per series */
    size_t *first;             /* per panel: its first series */
    size_t n;
} Panels;

static const char *panel_key(const Series *s, FacetBy by)
{
    return by == FACET_METRIC ? s->metric : s->company;
}

static void group_panels(const LineChartSpec *spec, FacetBy by, Panels *p)
{
    p->panel_of = xmalloc_array(spec->n_series + 1, sizeof *p->panel_of);
    p->first = xmalloc_array(spec->n_series + 1, sizeof *p->first);
    p->n = 0;
    for (size_t i = 0; i < spec->n_series; i++) {
        const char *key = panel_key(spec->series[i], by);
        size_t k = 0;
        while (k < p->n &&
               strcmp(panel_key(spec->series[p->first[k]], by), key) != 0)
            k++;
        if (k == p->n)
            p->first[p->n++] = i;
        p->panel_of[i] = k;
    }
}

/* The largest latest value of panel k's series. */
static double panel_latest(const LineChartSpec *spec, const Panels *p,
                           size_t k)
{
    double v = -HUGE_VAL;
    for (size_t i = 0; i < spec->n_series; i++) {
        const Series *s = spec->series[i];
        if (p->panel_of[i] == k && s->n > 0)
            v = fmax(v, s->value[s->n - 1]);
    }
    return v;
}

/* Company panels read largest first, by latest value (ties in the
 * chart's order), so the grid ranks them as a table would. */
static void rank_panels(const LineChartSpec *spec, Panels *p)
{
    size_t n = p->n;
    size_t *order = xmalloc_array(n + 1, sizeof *order);
    double *latest = xmalloc_array(n + 1, sizeof *latest);
    for (size_t k = 0; k < n; k++) {
        latest[k] = panel_latest(spec, p, k);
        size_t j = k;
        while (j > 0 && latest[order[j - 1]] < latest[k]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = k;
    }
    size_t *rank = xmalloc_array(n + 1, sizeof *rank);
    size_t *first = xmalloc_array(n + 1, sizeof *first);
    for (size_t r = 0; r < n; r++) {
        rank[order[r]] = r;
        first[r] = p->first[order[r]];
    }
    for (size_t i = 0; i < spec->n_series; i++)
        p->panel_of[i] = rank[p->panel_of[i]];
    memcpy(p->first, first, n * sizeof *first);
    free(order);
    free(latest);
    free(rank);
    free(first);
}

static void panels_free(Panels *p)
{
    free(p->panel_of);
    free(p->first);
}

/* Whether the panels' series are all in one unit: else each panel has
 * its own value axis, whatever was asked. */
static int one_unit(const LineChartSpec *spec)
{
    for (size_t i = 1; i < spec->n_series; i++)
        if (strcmp(spec->series[i]->unit, spec->series[0]->unit) != 0)
            return 0;
    return 1;
}

/* One panel's spec: spec's fields, with the series of panel k (arrays
 * owned by the caller's buffers) and its title. */
typedef struct {
    LineChartSpec spec;
    LinePanel panel;
    const Series **series;
    SeriesAnalysis *analyses;
    Color *colors;
    unsigned char *context, *style;
    double *rebase;
    char title[160];
} PanelSpec;

static void panel_title(const LineChartSpec *spec, FacetBy by,
                        const Series *s, char *buf, size_t size)
{
    if (by == FACET_COMPANY) {
        snprintf(buf, size, "%s", lang_text(spec->lang, s->company));
        return;
    }
    char name[128];
    format_metric_name_lang(s->metric, spec->lang, name, sizeof name);
    const char *unit = unit_word_lang(s->unit, spec->lang);
    snprintf(buf, size, "%s%s%s%s", name,
             unit[0] ? lang_pick(spec->lang, ", ", "（") : "", unit,
             unit[0] && lang_is_chinese(spec->lang) ? "）" : "");
}

static void panel_spec(const LineChartSpec *spec, FacetBy by,
                       const Panels *p, size_t k, PanelSpec *ps)
{
    size_t n = spec->n_series + 1;
    ps->series = xmalloc_array(n, sizeof *ps->series);
    ps->analyses = spec->analyses ? xmalloc_array(n, sizeof *ps->analyses)
                                  : NULL;
    ps->colors = spec->colors ? xmalloc_array(n, sizeof *ps->colors) : NULL;
    ps->context = spec->context ? xmalloc_array(n, 1) : NULL;
    ps->style = spec->style ? xmalloc_array(n, 1) : NULL;
    ps->rebase = spec->rebase ? xmalloc_array(n, sizeof *ps->rebase) : NULL;
    size_t m = 0;
    for (size_t i = 0; i < spec->n_series; i++) {
        if (p->panel_of[i] != k)
            continue;
        ps->series[m] = spec->series[i];
        if (ps->analyses)
            ps->analyses[m] = spec->analyses[i];
        if (ps->colors)
            ps->colors[m] = spec->colors[i];
        if (ps->context)
            ps->context[m] = spec->context[i];
        if (ps->style)
            ps->style[m] = spec->style[i];
        if (ps->rebase)
            ps->rebase[m] = spec->rebase[i];
        m++;
    }
    panel_title(spec, by, spec->series[p->first[k]], ps->title,
                sizeof ps->title);
    ps->spec = *spec;
    ps->spec.title = ps->title;
    ps->spec.subtitle = NULL;
    ps->spec.series = ps->series;
    ps->spec.analyses = ps->analyses;
    ps->spec.colors = ps->colors;
    ps->spec.context = ps->context;
    ps->spec.style = ps->style;
    ps->spec.rebase = ps->rebase;
    ps->spec.n_series = m;
    ps->spec.events = NULL;
    ps->spec.notes = NULL;
    ps->spec.n_notes = 0;
    ps->spec.transparent = 1;
    ps->spec.panel = &ps->panel;
}

static void panel_spec_free(PanelSpec *ps)
{
    free(ps->series);
    free(ps->analyses);
    free(ps->colors);
    free(ps->context);
    free(ps->style);
    free(ps->rebase);
}

/* The figure's grid: where each column's panel starts and how wide it
 * is, so that every plot has the same width (a panel with value labels
 * is wider by them). */
typedef struct {
    size_t cols, rows;
    int shared;                /* value labels on the first column only */
    double x0, y0, gap;
    double plot_w, panel_h;
    double left_labelled, left_bare, right;
} Grid;

static double column_left(const Grid *g, size_t c)
{
    return g->shared && c > 0 ? g->left_bare : g->left_labelled;
}

static double column_x(const Grid *g, size_t c)
{
    double x = g->x0;
    for (size_t j = 0; j < c; j++)
        x += column_left(g, j) + g->plot_w + g->right + g->gap;
    return x;
}

static int draw_panels(const Panels *p, PanelSpec *ps, const Grid *g,
                       const FontStack *fs, Scene *fig, Error *err)
{
    for (size_t k = 0; k < p->n; k++) {
        size_t c = k % g->cols, r = k / g->cols;
        PanelSpec *one = &ps[k];
        one->panel.inset_left = column_left(g, c);
        one->panel.inset_right = g->right;
        one->spec.width = one->panel.inset_left + g->plot_w + g->right;
        one->spec.height = g->panel_h;
        Scene *panel = NULL;
        if (chart_line_layout(&one->spec, fs, &panel, err) != 0)
            return -1;
        double x = column_x(g, c);
        double y = g->y0 + (double)r * (g->panel_h + g->gap);
        char name[200];
        snprintf(name, sizeof name, "panel %s", one->title);
        scene_group_begin(fig, name);
        scene_append(fig, panel, x, y);
        scene_group_end(fig);
        scene_destroy(panel);
    }
    return 0;
}

/* The insets every panel gets: the widest its own labels need on a
 * panel of the grid's cell width (whether end labels fit beside the
 * plot depends on it). */
static void measure_insets(PanelSpec *ps, size_t n, const FontStack *fs,
                           double cell_w, Grid *g)
{
    g->left_labelled = g->left_bare = g->right = 0;
    for (size_t k = 0; k < n; k++) {
        double left, right;
        ps[k].spec.width = cell_w;
        ps[k].spec.height = g->panel_h;
        chart_line_panel_insets(&ps[k].spec, fs, &left, &right);
        if (ps[k].panel.y_labels)
            g->left_labelled = fmax(g->left_labelled, left);
        else
            g->left_bare = fmax(g->left_bare, left);
        g->right = fmax(g->right, right);
    }
}

/* A panel's type against the figure's: as large as the grid lets it
 * be read (20 panels on a slide: 8 pt labels). */
static double panel_type(size_t n)
{
    return n > 12 ? 0.8 : 0.9;
}

/* The figure: its paper, title, subtitle, source line and key to the
 * marks; the panels go between *top and *bottom. */
static Scene *begin_figure(const LineChartSpec *spec, const FontStack *fs,
                           int log, double *top, double *bottom)
{
    const Theme *theme = spec->theme ? spec->theme : &theme_light;
    double k = chart_line_type_scale(spec);
    Color bg = theme->paper;
    if (spec->transparent)
        bg.a = 0;
    Scene *fig = scene_create(spec->width, spec->height, bg);
    *top = chart_line_frame(spec, fs, fig, log) + 12 * k;
    *bottom = frame_footer_top(fig, k) - 6 * k;
    *bottom -= chart_line_figure_key(spec, fs, fig,
                                     spec->width - FRAME_MARGIN_PT * k,
                                     *bottom);
    *bottom -= 4 * k;
    return fig;
}

/* Columns, rows and panel height of n panels between top and bottom:
 * by metric, stacked on one time axis. */
static void shape_grid(const LineChartSpec *spec, FacetBy by, size_t n,
                       double top, double bottom, Grid *g)
{
    double k = chart_line_type_scale(spec);
    g->x0 = FRAME_MARGIN_PT * k;
    g->y0 = top;
    g->gap = PANEL_GAP_PT * k;
    if (by == FACET_METRIC) {
        g->cols = 1;
        g->rows = n;
    } else {
        chart_facet_grid(n, spec->width - 2 * g->x0, bottom - top, &g->cols,
                         &g->rows);
    }
    g->panel_h = (bottom - top - (double)(g->rows - 1) * g->gap) /
                 (double)g->rows;
}

/* Every plot's width, once the insets are measured: the figure's width
 * less the margins, the columns' insets and the gaps. */
static void size_plots(const LineChartSpec *spec, Grid *g)
{
    double lefts = 0;
    for (size_t c = 0; c < g->cols; c++)
        lefts += column_left(g, c);
    g->plot_w = (spec->width - 2 * g->x0 - lefts -
                 (double)g->cols * g->right - (double)(g->cols - 1) * g->gap) /
                (double)g->cols;
}

static PanelSpec *panel_specs(const LineChartSpec *spec, FacetBy by,
                              const Panels *p, const LineDomain *dom,
                              const Grid *g)
{
    double k = chart_line_type_scale(spec);
    PanelSpec *ps = xcalloc(p->n ? p->n : 1, sizeof *ps);
    for (size_t i = 0; i < p->n; i++) {
        panel_spec(spec, by, p, i, &ps[i]);
        ps[i].panel = (LinePanel){.k = k * panel_type(p->n),
                                  .domain = *dom, .shared_y = g->shared,
                                  .y_labels = !g->shared || i % g->cols == 0,
                                  .x_labels = 1};
        if (g->shared)
            ps[i].spec.axis = dom->log ? AXIS_LOG : AXIS_LINEAR;
    }
    return ps;
}

static int refuse_panels(size_t n, Error *err)
{
    if (n == 0) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "small multiples have no data points to draw; check the "
                  "metric and company names");
        return -1;
    }
    if (n <= FACET_MAX)
        return 0;
    error_set(err, ERR_USAGE, NULL, 0, 0,
              "small multiples of %zu panels would not read; a figure "
              "holds at most %d, so choose companies (--company, or "
              "companies = in report.ini)",
              n, FACET_MAX);
    return -1;
}

int chart_facet_layout(const LineChartSpec *spec, FacetBy by,
                       FacetScale scale, const FontStack *fs, Scene **out,
                       Error *err)
{
    *out = NULL;
    Panels p;
    group_panels(spec, by, &p);
    if (refuse_panels(p.n, err) != 0) {
        panels_free(&p);
        return -1;
    }
    if (by == FACET_COMPANY)
        rank_panels(spec, &p);
    LineDomain dom;
    chart_line_domain(spec, &dom);
    Grid g = {.shared = scale == FACET_SHARED && one_unit(spec)};
    double top, bottom;
    Scene *fig = begin_figure(spec, fs, g.shared && dom.log, &top, &bottom);
    shape_grid(spec, by, p.n, top, bottom, &g);
    PanelSpec *ps = panel_specs(spec, by, &p, &dom, &g);
    measure_insets(ps, p.n, fs,
                   (spec->width - 2 * g.x0 - (double)(g.cols - 1) * g.gap) /
                       (double)g.cols,
                   &g);
    size_plots(spec, &g);
    int rc = draw_panels(&p, ps, &g, fs, fig, err);
    for (size_t i = 0; i < p.n; i++)
        panel_spec_free(&ps[i]);
    free(ps);
    panels_free(&p);
    if (rc != 0) {
        scene_destroy(fig);
        return -1;
    }
    *out = fig;
    return 0;
}
