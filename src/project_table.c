/* project_table.c - `aigrowth project` as an aligned terminal table. */
#include "project_words.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"
#include "json.h"
#include "util.h"

/* ---- a table: rows filled once, then aligned ------------------------ */

/* Fills the cells of row i (each "" before the call). */
typedef void (*FillRow)(const void *ctx, size_t i, char (*cell)[CELL]);

typedef struct {
    size_t cols;
    const char *head[MAX_COLS];
    int right[MAX_COLS];
    int indent;
} Grid;

/* s made safe for a terminal: cli_escape, skipped for the usual text with
 * no control byte and no 0xE2 (which starts the direction controls). */
static void safe_cell(const char *s, char *out)
{
    const char *p = s;
    while (*p && (unsigned char)*p >= 0x20 && *p != 0x7F &&
           (unsigned char)*p != 0xE2)
        p++;
    if (*p) {
        cli_escape(s, out, CELL);
        return;
    }
    size_t len = (size_t)(p - s) < CELL ? (size_t)(p - s) : CELL - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

static void grid_line(const Grid *g, const char *cell, const size_t *width,
                      FILE *out)
{
    size_t pending = (size_t)g->indent;
    for (size_t c = 0; c < g->cols; c++) {
        size_t len = strlen(cell);
        size_t pad = width[c] - cli_display_width(cell);
        if (c > 0)
            pending += 2;
        if (g->right[c])
            pending += pad;
        if (*cell) {
            fprintf(out, "%*s", (int)pending, "");
            fwrite(cell, 1, len, out);
            pending = 0;
        }
        if (!g->right[c])
            pending += pad;
        cell += len + 1;
    }
    fputc('\n', out);
}

/* Fills each row once into one buffer of NUL-terminated cells, measuring
 * the columns, then prints header and rows aligned. */
static void grid_print(const Grid *g, size_t n, FillRow fill,
                       const void *ctx, FILE *out)
{
    char raw[MAX_COLS][CELL], cell[CELL];
    size_t width[MAX_COLS], len = 0, cap = 0;
    char *text = NULL;
    for (size_t i = 0; i <= n; i++) {
        for (size_t c = 0; c < g->cols; c++)
            raw[c][0] = '\0';
        if (i == 0)
            for (size_t c = 0; c < g->cols; c++)
                snprintf(raw[c], CELL, "%s", g->head[c]);
        else
            fill(ctx, i - 1, raw);
        for (size_t c = 0; c < g->cols; c++) {
            safe_cell(raw[c], cell);
            size_t w = cli_display_width(cell), l = strlen(cell) + 1;
            width[c] = i == 0 || w > width[c] ? w : width[c];
            grow_array((void **)&text, &cap, len + l, 1);
            memcpy(text + len, cell, l);
            len += l;
        }
    }
    const char *row = text;
    for (size_t i = 0; i <= n; i++) {
        grid_line(g, row, width, out);
        for (size_t c = 0; c < g->cols; c++)
            row += strlen(row) + 1;
    }
    free(text);
}

static void cell_set(char *cell, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void cell_set(char *cell, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cell, CELL, fmt, ap);
    va_end(ap);
}

/* ---- table ------------------------------------------------------------ */

enum { C_COMPANY, C_METRIC, C_MODEL, C_N, C_WINDOW, C_LATEST, C_CAGR,
       C_RECENT, C_RATE, C_DOUBLING, C_HORIZON, C_PROJ, C_AT };

static void value_interval(double v, double lo, double hi, const char *unit,
                           char *cell)
{
    char a[64], b[64], c[64];
    cell_set(cell, "%s [%s, %s]", project_value_text(v, unit, a, sizeof a),
             project_value_text(lo, unit, b, sizeof b),
             project_value_text(hi, unit, c, sizeof c));
}

static void fill_series(const void *ctx, size_t i, char (*cell)[CELL])
{
    const Projection *p = ctx;
    const SeriesAnalysis *a = &p->rows[i];
    const Series *s = a->s;
    const char *unit = s->unit;
    char b1[64], b2[64];
    cell_set(cell[C_COMPANY], "%s", s->company);
    cell_set(cell[C_METRIC], "%s", s->metric);
    cell_set(cell[C_MODEL], "%s%s",
             project_model_of(a) ? project_model_of(a) : "-",
             project_is_auto(a) ? " (auto)" : "");
    cell_set(cell[C_N], "%zu", a->count);
    if (a->count)
        cell_set(cell[C_WINDOW], "%s..%s",
                 format_date(s->date[a->first], s->precision[a->first], b1,
                             sizeof b1),
                 format_date(s->date[a->first + a->count - 1],
                             s->precision[a->first + a->count - 1], b2,
                             sizeof b2));
    else
        cell_set(cell[C_WINDOW], "-");
    if (a->n)
        cell_set(cell[C_LATEST], "%s%s (%s)",
                 series_qualifier(s, a->n - 1) == VALUE_AT_LEAST ? "over "
                 : series_qualifier(s, a->n - 1) == VALUE_ABOUT  ? "about "
                                                                 : "",
                 project_value_text(a->latest, unit, b1, sizeof b1),
                 format_date(a->latest_date, s->precision[a->n - 1], b2,
                             sizeof b2));
    else
        cell_set(cell[C_LATEST], "-");
    cell_set(cell[C_CAGR], "%s", project_percent_text(a->cagr, b1, sizeof b1));
    cell_set(cell[C_RECENT], "%s",
             project_percent_text(a->recent, b1, sizeof b1));
    size_t at0 = C_AT, flag = C_AT + p->n_at;
    if (!analysis_has_trend(a)) {
        for (size_t c = C_RATE; c < flag; c++)
            cell_set(cell[c], "-");
        return;
    }
    cell_set(cell[C_RATE], "%s",
             project_percent_text(a->trend_rate, b1, sizeof b1));
    cell_set(cell[C_DOUBLING], "%s",
             isnan(a->doubling_years)
                 ? "-"
                 : format_duration(a->doubling_years, b1, sizeof b1));
    cell_set(cell[C_HORIZON], "%s",
             project_day_label(a->horizon, b1, sizeof b1));
    value_interval(a->proj, a->lo, a->hi, unit, cell[C_PROJ]);
    for (size_t k = 0; k < p->n_at; k++) {
        double v, lo, hi;
        if (analysis_value_at(a, date_to_years(p->at[k]), &v, &lo, &hi) != 0)
            cell_set(cell[at0 + k], "-");
        else
            value_interval(v, lo, hi, unit, cell[at0 + k]);
    }
    project_flag_text(a, cell[flag], CELL);
}

static const char *model_phrase(Model m, char *buf, size_t size)
{
    if (m == MODEL_DAMPED)
        snprintf(buf, size, "damped; the exponential below %d points",
                 FIT_MIN_DAMPED);
    else if (m == MODEL_AUTO)
        snprintf(buf, size, "auto: the smallest backtest error from %d "
                            "points, else the smallest AICc; a model as "
                            "good is shown as a range",
                 ANALYSIS_AUTO_BACKTEST);
    else
        snprintf(buf, size, "%s", fit_model_name(m));
    return buf;
}

static void print_series(const Projection *p, FILE *out)
{
    char m[128], d[32], lv[32];
    fprintf(out, "Trends (model %s", model_phrase(p->model, m, sizeof m));
    if (p->as_of != LONG_MAX)
        fprintf(out, "; observations up to %s",
                project_day_label(p->as_of, d, sizeof d));
    format_number(p->level * 100, 3, lv, sizeof lv);
    fprintf(out,
            ")\nProjections start at the latest observation and grow "
            "as the trend does; [%s%% interval]: %s\n",
            lv, PROJECT_INTERVAL_TEXT);
    static const char *const head[] = {
        "Company", "Metric",     "Model",    "n",       "Window",
        "Latest",  "CAGR",       "12-mo",    "Trend rate", "Doubling",
        "Horizon", "Projection"};
    Grid g = {0};
    g.cols = C_AT;
    for (size_t c = 0; c < C_AT; c++)
        g.head[c] = head[c];
    char proj[64], at[PROJECT_MAX_AT][64];
    snprintf(proj, sizeof proj, "Projection (%s%%)", lv);
    g.head[C_PROJ] = proj;
    for (size_t k = 0; k < p->n_at; k++) {
        snprintf(at[k], sizeof at[k], "%s (%s%%)",
                 format_date(p->at[k], p->at_precision[k], d, sizeof d), lv);
        g.head[g.cols++] = at[k];
    }
    int any_flag = 0;
    char f[CELL];
    for (size_t i = 0; i < p->n_rows && !any_flag; i++)
        any_flag = project_flag_text(&p->rows[i], f, sizeof f)[0] != '\0';
    if (any_flag)
        g.head[g.cols++] = "Flag";
    g.right[C_N] = g.right[C_CAGR] = g.right[C_RECENT] = g.right[C_RATE] = 1;
    grid_print(&g, p->n_rows, fill_series, p, out);
}

static void print_notes(const Projection *p, FILE *out)
{
    int head = 0;
    for (size_t i = 0; i < p->n_rows; i++) {
        const SeriesAnalysis *a = &p->rows[i];
        if (analysis_has_trend(a))
            continue;
        char c[CELL], m[CELL], w[CELL];
        if (!head++)
            fputs("\nNotes\n", out);
        fprintf(out, "  %s %s: %s\n", cli_escape(a->s->company, c, sizeof c),
                cli_escape(a->s->metric, m, sizeof m),
                cli_escape(analysis_why(a), w, sizeof w));
    }
}

typedef struct {
    const SeriesAnalysis *a;
    Candidate c[MODEL_COUNT];
} CandidateTable;

static void fill_candidate(const void *ctx, size_t i, char (*cell)[CELL])
{
    const CandidateTable *t = ctx;
    const Candidate *c = &t->c[i];
    char v[64];
    cell_set(cell[0], "%s", fit_model_name(c->model));
    cell_set(cell[1], "%s", format_number(c->aicc, 5, v, sizeof v));
    cell_set(cell[2], "%s", format_number(c->delta, 2, v, sizeof v));
    cell_set(cell[3], "%s", format_number(c->weight, 2, v, sizeof v));
    if (isfinite(c->error))
        cell_set(cell[4], "x%.2f", exp(c->error));
    else
        cell_set(cell[4], "-");
    cell_set(cell[5], "%s",
             project_value_text(c->proj, t->a->s->unit, v, sizeof v));
}

static void print_candidates(const Projection *p, FILE *out)
{
    for (size_t i = 0; i < p->n_rows; i++) {
        CandidateTable t = {&p->rows[i], {{0}}};
        size_t n = project_candidates(t.a, t.c);
        if (n == 0)
            continue;
        char c[CELL], m[CELL], h[32], proj[64], r[TEXT], safe[TEXT];
        fprintf(out, "\nModel comparison: %s %s (chosen by %s; AICc on "
                     "the values, Akaike weights among the models listed; "
                     "backtest error: median miss of the series' own "
                     "rolling-origin forecasts)\n",
                cli_escape(t.a->s->company, c, sizeof c),
                cli_escape(t.a->s->metric, m, sizeof m),
                t.a->auto_by_backtest ? "backtest error" : "AICc");
        snprintf(proj, sizeof proj, "Projection %s",
                 project_day_label(t.a->horizon, h, sizeof h));
        Grid g = {.cols = 6,
                  .head = {"Model", "AICc",
                           "\xce\x94"
                           "AICc",
                           "Weight", "Backtest error", proj},
                  .right = {0, 1, 1, 1, 1, 1},
                  .indent = 2};
        grid_print(&g, n, fill_candidate, &t, out);
        if (project_range_text(t.a, r, sizeof r)[0])
            fprintf(out, "  %s\n", cli_escape(r, safe, sizeof safe));
    }
}

static void fill_pair(const void *ctx, size_t i, char (*cell)[CELL])
{
    const Projection *p = ctx;
    const ProjectPair *q = &p->pairs[i];
    char buf[TEXT];
    cell_set(cell[0], "%s", p->rows[q->a].s->metric);
    cell_set(cell[1], "%s", project_compare_text(p, q, buf, sizeof buf));
    cell_set(cell[2], "%s", project_compare_span(q, buf, sizeof buf));
}

static void print_pairs(const Projection *p, FILE *out)
{
    char lv[32];
    format_number(p->level * 100, 3, lv, sizeof lv);
    fputs("\nCrossovers (series of one metric and unit; the trends up to "
          "the earlier horizon of the two; dates rounded to the month)\n",
          out);
    if (p->pairs_compared == 0) {
        fputs("  none: needs two series with a trend of one metric and "
              "unit\n",
              out);
        return;
    }
    if (p->crossing_only)
        fprintf(out, "  %zu pairs compared; the %zu that cross by their "
                     "horizon are listed\n",
                p->pairs_compared, p->pairs_crossing);
    if (p->n_pairs == 0)
        return;
    char span[96];
    snprintf(span, sizeof span, "Uncertainty of the trend lines (%s%%)", lv);
    Grid g = {.cols = 3, .head = {"Metric", "Result", span}};
    grid_print(&g, p->n_pairs, fill_pair, p, out);
}

static void fill_target(const void *ctx, size_t i, char (*cell)[CELL])
{
    const Projection *p = ctx;
    const ProjectTarget *q = &p->targets[i];
    const SeriesAnalysis *a = &p->rows[q->row];
    char res[TEXT], span[TEXT];
    project_target_text(p, q, res, span, sizeof res);
    cell_set(cell[0], "%s", a->s->company);
    cell_set(cell[1], "%s", a->s->metric);
    cell_set(cell[2], "%s", res);
    cell_set(cell[3], "%s", span);
}

static void print_targets(const Projection *p, FILE *out)
{
    char v[96], lv[32], span[96];
    format_number(p->level * 100, 3, lv, sizeof lv);
    fprintf(out,
            "\nTime to target %s (when the projection reaches it; "
            "dates rounded to the month)\n",
            project_value_text(p->target, p->target_unit, v, sizeof v));
    snprintf(span, sizeof span, "Uncertainty of the trend line (%s%%)", lv);
    Grid g = {.cols = 4, .head = {"Company", "Metric", "Result", span}};
    grid_print(&g, p->n_targets, fill_target, p, out);
}

void project_print_table(const Projection *p, FILE *out)
{
    print_series(p, out);
    print_notes(p, out);
    print_candidates(p, out);
    print_pairs(p, out);
    if (p->has_target)
        print_targets(p, out);
}
