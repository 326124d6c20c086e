/* project_out.c - `aigrowth project` as a terminal table, CSV or JSON.
 *
 * Each format walks the same Projection and reads the same fields; the
 * sentences (who is ahead, when a target is reached) are built once, here,
 * and shared by all three. Dates the analyses estimate (a crossing, a
 * target, the ends of their intervals) are rounded to the month in the
 * table and the sentences: the trend lines do not know the day. CSV and
 * JSON also give them as days and as years (%.17g). */
#include "project_out.h"

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

#define CELL 1280
#define MAX_COLS (13 + PROJECT_MAX_AT)
#define TEXT 1280
/* A sentence with its interval. */
#define SENTENCE (2 * TEXT + 64)

static const char INTERVAL[] =
    "random walk with drift around the anchored trend (see method)";

/* ---- values and dates ------------------------------------------------ */

static int has_symbol(const char *unit)
{
    static const char *const symbol[] = {"USD", "$", "US$", "EUR", "GBP"};
    for (size_t i = 0; i < sizeof symbol / sizeof symbol[0]; i++)
        if (ascii_casecmp(unit, symbol[i]) == 0)
            return 1;
    return 0;
}

/* "$47B", "€3M", "800M" (users), "45%", "12B CNY"; "-" when not finite. */
static char *value_text(double v, const char *unit, char *buf, size_t size)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "-");
        return buf;
    }
    char num[40];
    format_compact(v, unit, 3, num, sizeof num);
    if (strcmp(unit, "%") == 0)
        snprintf(buf, size, "%s%%", num);
    else if (unit[0] && !has_symbol(unit) && strcmp(unit, "users") != 0)
        snprintf(buf, size, "%s %s", num, unit);
    else
        snprintf(buf, size, "%s", num);
    return buf;
}

static char *percent_text(double rate, char *buf, size_t size)
{
    if (!isfinite(rate))
        snprintf(buf, size, "-");
    else
        format_percent(rate, buf, size);
    return buf;
}

/* The month nearest a day: an estimated date, rounded. */
static char *month_of_day(long day, char *buf, size_t size)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    if (2 * (d - 1) >= date_days_in_month(y, m) && ++m > 12) {
        m = 1;
        y++;
    }
    snprintf(buf, size, "%04d-%02d", y, m);
    return buf;
}

static char *month_of(double t, char *buf, size_t size)
{
    return month_of_day(date_from_years(t), buf, size);
}

/* A day set by the data or the options (a horizon, the start of a
 * search): its month when it is the first, else the day. Not rounded. */
static char *day_label(long day, char *buf, size_t size)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    return format_date(day, d == 1 ? DATE_MONTH : DATE_DAY, buf, size);
}

/* An observation's date as its file gave it. */
static char *obs_date(const Series *s, long day, char *buf, size_t size)
{
    DatePrecision prec = DATE_DAY;
    for (size_t i = 0; i < s->n; i++)
        if (s->date[i] == day) {
            prec = (DatePrecision)s->precision[i];
            break;
        }
    return format_date(day, prec, buf, size);
}

static char *iso_day(long day, char *buf, size_t size)
{
    return format_date(day, DATE_DAY, buf, size);
}

/* "2026-09 to 2027-01": the interval of an estimated date, from years;
 * an open end reads "before <start>" or "after <end>", both open
 * "uncertain"; "-" when there is none. */
static char *span_text(double lo, double hi, long start, long end,
                       char *buf, size_t size)
{
    char a[64], b[64], d[32];
    if (isnan(lo) || isnan(hi)) {
        snprintf(buf, size, "-");
        return buf;
    }
    if (isinf(lo) && isinf(hi)) {
        snprintf(buf, size, "uncertain");
        return buf;
    }
    if (isinf(lo))
        snprintf(a, sizeof a, "before %s", day_label(start, d, sizeof d));
    else
        month_of(lo, a, sizeof a);
    if (isinf(hi))
        snprintf(b, sizeof b, "after %s", day_label(end, d, sizeof d));
    else
        month_of(hi, b, sizeof b);
    snprintf(buf, size, "%s to %s", a, b);
    return buf;
}

/* ---- what the analyses found, in words ------------------------------- */

static const char *compare_status(CompareStatus s)
{
    switch (s) {
    case COMPARE_CROSSES: return "crosses";
    case COMPARE_GAINS: return "gains";
    case COMPARE_DIVERGING: return "diverging";
    }
    return "?";
}

static const char *target_status(const ProjectTarget *q)
{
    if (q->rc != 0)
        return "no_trend";
    switch (q->r.status) {
    case TARGET_OBSERVED: return "observed";
    case TARGET_AT: return "at";
    case TARGET_NOT_IN_HORIZON: return "not_in_horizon";
    case TARGET_NEVER: return "never";
    }
    return "?";
}

static const SeriesAnalysis *leader(const Projection *p, const ProjectPair *q)
{
    return &p->rows[q->c.a_leads ? q->a : q->b];
}

static const SeriesAnalysis *follower(const Projection *p,
                                      const ProjectPair *q)
{
    return &p->rows[q->c.a_leads ? q->b : q->a];
}

static long pair_start(const ProjectPair *q)
{
    return date_from_years(q->c.t_start);
}

static long pair_end(const ProjectPair *q)
{
    return date_from_years(q->c.t_end);
}

/* Appends to buf (size bytes, *len used), truncating: a long company
 * name shortens the sentence, never overruns it. */
static void append(char *buf, size_t size, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
    if (*len + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, size - *len, fmt, ap);
    va_end(ap);
    if (n > 0)
        *len = *len + (size_t)n < size ? *len + (size_t)n : size - 1;
}

/* "Anthropic is ahead: $47B (2026-05) against OpenAI's $25B (2026-02);
 * OpenAI would pass Anthropic around 2026-11". The one ahead is ahead
 * where the comparison starts, the later of the two latest observations:
 * when its own latest value is the smaller, it is ahead by its trend. */
static char *compare_text(const Projection *p, const ProjectPair *q,
                          char *buf, size_t size)
{
    const Comparison *c = &q->c;
    const SeriesAnalysis *l = leader(p, q), *f = follower(p, q);
    double vl = c->a_leads ? c->va : c->vb, vf = c->a_leads ? c->vb : c->va;
    long dl = c->a_leads ? c->da : c->db, df = c->a_leads ? c->db : c->da;
    char bl[64], bf[64], sl[32], sf[32], d[32];
    size_t len = 0;
    buf[0] = '\0';
    if (vl < vf)
        append(buf, size, &len, "%s is ahead by its trend at %s: ",
               l->s->company, day_label(pair_start(q), d, sizeof d));
    else
        append(buf, size, &len, "%s is ahead: ", l->s->company);
    append(buf, size, &len, "%s (%s) against %s's %s (%s)",
           value_text(vl, l->s->unit, bl, sizeof bl),
           obs_date(l->s, dl, sl, sizeof sl), f->s->company,
           value_text(vf, f->s->unit, bf, sizeof bf),
           obs_date(f->s, df, sf, sizeof sf));
    switch (c->status) {
    case COMPARE_CROSSES:
        append(buf, size, &len, "; %s would pass %s around %s",
               f->s->company, l->s->company, month_of(c->t, d, sizeof d));
        break;
    case COMPARE_GAINS:
        append(buf, size, &len, "; %s gains, but does not pass by %s",
               f->s->company, day_label(pair_end(q), d, sizeof d));
        break;
    case COMPARE_DIVERGING:
        append(buf, size, &len, "; the gap widens");
        break;
    }
    return buf;
}

static char *compare_span(const ProjectPair *q, char *buf, size_t size)
{
    if (q->c.status != COMPARE_CROSSES) {
        snprintf(buf, size, "-");
        return buf;
    }
    return span_text(q->c.lo, q->c.hi, pair_start(q), pair_end(q), buf,
                     size);
}

/* What a target result says, and its interval ("-" when none). */
static void target_text(const Projection *p, const ProjectTarget *q,
                        char *res, char *span, size_t size)
{
    const SeriesAnalysis *a = &p->rows[q->row];
    const TargetResult *r = &q->r;
    char v[64], d[32];
    snprintf(span, size, "-");
    if (q->rc != 0) {
        snprintf(res, size, "no trend: %s", analysis_why(a));
        return;
    }
    switch (r->status) {
    case TARGET_OBSERVED:
        snprintf(res, size, "already reached: observed %s on %s",
                 value_text(r->observed, a->s->unit, v, sizeof v),
                 obs_date(a->s, r->observed_date, d, sizeof d));
        break;
    case TARGET_AT:
        snprintf(res, size, "%s", month_of(r->t, d, sizeof d));
        span_text(r->lo, r->hi, a->latest_date, a->horizon, span, size);
        break;
    case TARGET_NOT_IN_HORIZON:
        snprintf(res, size, "not by %s", day_label(a->horizon, d, sizeof d));
        break;
    case TARGET_NEVER:
        if (isfinite(a->ceiling) && p->target > a->ceiling)
            snprintf(res, size, "above the ceiling (%s)", a->ceiling_what);
        else
            snprintf(res, size, "never on this trend");
        break;
    }
}

/* The target sentence with its interval, for CSV and JSON. */
static char *target_sentence(const Projection *p, const ProjectTarget *q,
                             char *buf, size_t size)
{
    char res[TEXT], span[TEXT];
    target_text(p, q, res, span, sizeof res);
    if (strcmp(span, "-") == 0)
        snprintf(buf, size, "%s", res);
    else
        snprintf(buf, size, "%s (uncertainty of the trend line: %s)", res,
                 span);
    return buf;
}

static char *compare_sentence(const Projection *p, const ProjectPair *q,
                              char *buf, size_t size)
{
    char res[TEXT], span[TEXT];
    compare_text(p, q, res, sizeof res);
    compare_span(q, span, sizeof span);
    if (strcmp(span, "-") == 0)
        snprintf(buf, size, "%s", res);
    else
        snprintf(buf, size, "%s (uncertainty of the trend lines: %s)", res,
                 span);
    return buf;
}

/* Flags of a projection: "beyond default horizon", "capped at world
 * population"; "" when none. */
static char *flag_text(const SeriesAnalysis *a, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    if (!analysis_has_trend(a))
        return buf;
    if (a->beyond_default)
        append(buf, size, &len, "beyond default horizon");
    if (isfinite(a->t_ceiling))
        append(buf, size, &len, "%scapped at %s", len ? "; " : "",
               a->ceiling_what);
    if (a->too_uncertain)
        append(buf, size, &len,
               "%stoo uncertain to quote (interval over a factor of %.0f)",
               len ? "; " : "", ANALYSIS_MAX_RANGE);
    return buf;
}

static const char *model_of(const SeriesAnalysis *a)
{
    return analysis_has_trend(a) ? fit_model_name(a->fit.model) : NULL;
}

static int is_auto(const SeriesAnalysis *a)
{
    return analysis_has_trend(a) && a->fit.requested == MODEL_AUTO;
}

/* ---- auto's candidates ----------------------------------------------- */

typedef struct {
    Model model;
    double aicc, delta, weight, error, proj;
} Candidate;

static void add_candidate(Candidate *c, size_t *n, Model m, double aicc)
{
    for (size_t i = 0; i < *n; i++)
        if (c[i].model == m)
            return;
    c[(*n)++] = (Candidate){m, aicc, NAN, NAN, NAN, NAN};
}

/* The models auto compared: every one fit.cand_aicc records, by AICc,
 * with Akaike weights, each one's own backtest error (from
 * ANALYSIS_AUTO_BACKTEST points, what auto chose by) and its anchored
 * projection at the horizon. */
static size_t candidates(const SeriesAnalysis *a, Candidate *c)
{
    size_t n = 0;
    if (!is_auto(a))
        return 0;
    for (int m = MODEL_NONE + 1; m < MODEL_COUNT; m++)
        if (m != MODEL_AUTO && isfinite(a->fit.cand_aicc[m]))
            add_candidate(c, &n, (Model)m, a->fit.cand_aicc[m]);
    add_candidate(c, &n, a->fit.model, a->fit.aicc);
    if (a->alt.model != MODEL_NONE)
        add_candidate(c, &n, a->alt.model, a->alt.aicc);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && c[j].aicc < c[j - 1].aicc; j--) {
            Candidate t = c[j];
            c[j] = c[j - 1];
            c[j - 1] = t;
        }
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        c[i].delta = c[i].aicc - c[0].aicc;
        sum += exp(-c[i].delta / 2);
    }
    for (size_t i = 0; i < n; i++) {
        c[i].weight = exp(-c[i].delta / 2) / sum;
        c[i].proj = c[i].model == a->fit.model ? a->proj
                                               : a->cand_proj[c[i].model];
        c[i].error = a->cand_error[c[i].model];
    }
    return n;
}

/* "ChatGPT weekly_active_users, 2027-02: 1.1B–3.1B depending on the
 * model (damped or exp)", lower first; "" without an alternative. */
static char *range_text(const SeriesAnalysis *a, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!analysis_has_trend(a) || a->alt.model == MODEL_NONE)
        return buf;
    int fit_low = !(a->alt_proj < a->proj);
    double lo = fit_low ? a->proj : a->alt_proj;
    double hi = fit_low ? a->alt_proj : a->proj;
    Model mlo = fit_low ? a->fit.model : a->alt.model;
    Model mhi = fit_low ? a->alt.model : a->fit.model;
    char h[32], l[64], u[64];
    snprintf(buf, size, "%s %s, %s: %s\xe2\x80\x93%s depending on the model "
                        "(%s or %s)",
             a->s->company, a->s->metric,
             day_label(a->horizon, h, sizeof h),
             value_text(lo, a->s->unit, l, sizeof l),
             value_text(hi, a->s->unit, u, sizeof u), fit_model_name(mlo),
             fit_model_name(mhi));
    return buf;
}

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
    cell_set(cell, "%s [%s, %s]", value_text(v, unit, a, sizeof a),
             value_text(lo, unit, b, sizeof b),
             value_text(hi, unit, c, sizeof c));
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
    cell_set(cell[C_MODEL], "%s%s", model_of(a) ? model_of(a) : "-",
             is_auto(a) ? " (auto)" : "");
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
        cell_set(cell[C_LATEST], "%s (%s)",
                 value_text(a->latest, unit, b1, sizeof b1),
                 format_date(a->latest_date, s->precision[a->n - 1], b2,
                             sizeof b2));
    else
        cell_set(cell[C_LATEST], "-");
    cell_set(cell[C_CAGR], "%s", percent_text(a->cagr, b1, sizeof b1));
    cell_set(cell[C_RECENT], "%s", percent_text(a->recent, b1, sizeof b1));
    size_t at0 = C_AT, flag = C_AT + p->n_at;
    if (!analysis_has_trend(a)) {
        for (size_t c = C_RATE; c < flag; c++)
            cell_set(cell[c], "-");
        return;
    }
    cell_set(cell[C_RATE], "%s", percent_text(a->trend_rate, b1, sizeof b1));
    cell_set(cell[C_DOUBLING], "%s",
             isnan(a->doubling_years)
                 ? "-"
                 : format_duration(a->doubling_years, b1, sizeof b1));
    cell_set(cell[C_HORIZON], "%s", day_label(a->horizon, b1, sizeof b1));
    value_interval(a->proj, a->lo, a->hi, unit, cell[C_PROJ]);
    for (size_t k = 0; k < p->n_at; k++) {
        double v, lo, hi;
        if (analysis_value_at(a, date_to_years(p->at[k]), &v, &lo, &hi) != 0)
            cell_set(cell[at0 + k], "-");
        else
            value_interval(v, lo, hi, unit, cell[at0 + k]);
    }
    flag_text(a, cell[flag], CELL);
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
                day_label(p->as_of, d, sizeof d));
    format_number(p->level * 100, 3, lv, sizeof lv);
    fprintf(out, ")\nProjections start at the latest observation and grow "
                 "as the trend does; [%s%% interval]: %s\n",
            lv, INTERVAL);
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
        any_flag = flag_text(&p->rows[i], f, sizeof f)[0] != '\0';
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
    cell_set(cell[5], "%s", value_text(c->proj, t->a->s->unit, v, sizeof v));
}

static void print_candidates(const Projection *p, FILE *out)
{
    for (size_t i = 0; i < p->n_rows; i++) {
        CandidateTable t = {&p->rows[i], {{0}}};
        size_t n = candidates(t.a, t.c);
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
                 day_label(t.a->horizon, h, sizeof h));
        Grid g = {.cols = 6, .head = {"Model", "AICc", "\xce\x94" "AICc",
                                      "Weight", "Backtest error", proj},
                  .right = {0, 1, 1, 1, 1, 1}, .indent = 2};
        grid_print(&g, n, fill_candidate, &t, out);
        if (range_text(t.a, r, sizeof r)[0])
            fprintf(out, "  %s\n", cli_escape(r, safe, sizeof safe));
    }
}

static void fill_pair(const void *ctx, size_t i, char (*cell)[CELL])
{
    const Projection *p = ctx;
    const ProjectPair *q = &p->pairs[i];
    char buf[TEXT];
    cell_set(cell[0], "%s", p->rows[q->a].s->metric);
    cell_set(cell[1], "%s", compare_text(p, q, buf, sizeof buf));
    cell_set(cell[2], "%s", compare_span(q, buf, sizeof buf));
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
    target_text(p, q, res, span, sizeof res);
    cell_set(cell[0], "%s", a->s->company);
    cell_set(cell[1], "%s", a->s->metric);
    cell_set(cell[2], "%s", res);
    cell_set(cell[3], "%s", span);
}

static void print_targets(const Projection *p, FILE *out)
{
    char v[96], lv[32], span[96];
    format_number(p->level * 100, 3, lv, sizeof lv);
    fprintf(out, "\nTime to target %s (when the projection reaches it; "
                 "dates rounded to the month)\n",
            value_text(p->target, p->target_unit, v, sizeof v));
    snprintf(span, sizeof span, "Uncertainty of the trend line (%s%%)", lv);
    Grid g = {.cols = 4, .head = {"Company", "Metric", "Result", span}};
    grid_print(&g, p->n_targets, fill_target, p, out);
}

static void print_table(const Projection *p, FILE *out)
{
    print_series(p, out);
    print_notes(p, out);
    print_candidates(p, out);
    print_pairs(p, out);
    if (p->has_target)
        print_targets(p, out);
}

/* ---- csv -------------------------------------------------------------- */

static void csv_str(FILE *out, const char *s)
{
    fputc(',', out);
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* Full precision; empty when not a number, inf/-inf for open bounds. */
static void csv_num(FILE *out, double v)
{
    if (isnan(v))
        fputc(',', out);
    else if (isinf(v))
        fputs(v > 0 ? ",inf" : ",-inf", out);
    else
        fprintf(out, ",%.17g", v);
}

static void csv_day(FILE *out, long day)
{
    char d[32];
    csv_str(out, iso_day(day, d, sizeof d));
}

/* A date estimated in years: its day, "" when not finite. */
static void csv_t_day(FILE *out, double t)
{
    if (isfinite(t))
        csv_day(out, date_from_years(t));
    else
        csv_str(out, "");
}

static void csv_series(const Projection *p, FILE *out)
{
    fputs("table,company,metric,unit,model,requested,as_of,observations,n,"
          "window_start,window_end,latest,latest_date,cagr,recent_growth,"
          "trend_rate,doubling_years,horizon,default_horizon,"
          "beyond_default_horizon,projection,lo,hi,level,ceiling,"
          "ceiling_what,capped_from,alt_model,alt_projection,delta_aicc,"
          "note\n",
          out);
    for (size_t i = 0; i < p->n_rows; i++) {
        const SeriesAnalysis *a = &p->rows[i];
        const Series *s = a->s;
        int trend = analysis_has_trend(a);
        fputs("series", out);
        csv_str(out, s->company);
        csv_str(out, s->metric);
        csv_str(out, s->unit);
        csv_str(out, trend ? model_of(a) : "");
        csv_str(out, fit_model_name(p->model));
        if (p->as_of != LONG_MAX)
            csv_day(out, p->as_of);
        else
            csv_str(out, "");
        fprintf(out, ",%zu,%zu", a->n, a->count);
        if (a->count) {
            csv_day(out, s->date[a->first]);
            csv_day(out, s->date[a->first + a->count - 1]);
        } else {
            fputs(",,", out);
        }
        csv_num(out, a->latest);
        if (a->n)
            csv_day(out, a->latest_date);
        else
            csv_str(out, "");
        csv_num(out, a->cagr);
        csv_num(out, a->recent);
        csv_num(out, a->trend_rate);
        csv_num(out, a->doubling_years);
        if (trend) {
            csv_day(out, a->horizon);
            csv_day(out, a->default_horizon);
            fprintf(out, ",%d", a->beyond_default);
        } else {
            fputs(",,,", out);
        }
        csv_num(out, a->proj);
        csv_num(out, a->lo);
        csv_num(out, a->hi);
        csv_num(out, a->level);
        csv_num(out, a->ceiling);
        csv_str(out, a->ceiling_what);
        csv_t_day(out, a->t_ceiling);
        csv_str(out, trend && a->alt.model != MODEL_NONE
                         ? fit_model_name(a->alt.model)
                         : "");
        csv_num(out, a->alt_proj);
        csv_num(out, a->delta_aicc);
        csv_str(out, analysis_why(a));
        fputc('\n', out);
    }
}

static void csv_candidates(const Projection *p, FILE *out)
{
    int head = 0;
    for (size_t i = 0; i < p->n_rows; i++) {
        Candidate c[MODEL_COUNT];
        size_t n = candidates(&p->rows[i], c);
        if (n && !head++)
            fputs("\ntable,company,metric,model,aicc,delta_aicc,weight,"
                  "backtest_error,projection\n",
                  out);
        for (size_t k = 0; k < n; k++) {
            fputs("candidate", out);
            csv_str(out, p->rows[i].s->company);
            csv_str(out, p->rows[i].s->metric);
            csv_str(out, fit_model_name(c[k].model));
            csv_num(out, c[k].aicc);
            csv_num(out, c[k].delta);
            csv_num(out, c[k].weight);
            csv_num(out, c[k].error);
            csv_num(out, c[k].proj);
            fputc('\n', out);
        }
    }
}

static void csv_at(const Projection *p, FILE *out)
{
    if (!p->n_at)
        return;
    fputs("\ntable,company,metric,date,value,lo,hi,level\n", out);
    for (size_t i = 0; i < p->n_rows; i++) {
        const SeriesAnalysis *a = &p->rows[i];
        if (!analysis_has_trend(a))
            continue;
        for (size_t k = 0; k < p->n_at; k++) {
            double v, lo, hi;
            analysis_value_at(a, date_to_years(p->at[k]), &v, &lo, &hi);
            fputs("at", out);
            csv_str(out, a->s->company);
            csv_str(out, a->s->metric);
            csv_day(out, p->at[k]);
            csv_num(out, v);
            csv_num(out, lo);
            csv_num(out, hi);
            csv_num(out, a->level);
            fputc('\n', out);
        }
    }
}

static void csv_pairs(const Projection *p, FILE *out)
{
    fprintf(out, "\ntable,pairs_compared,pairs_crossing,listed\npairs,%zu,"
                 "%zu,%s\n",
            p->pairs_compared, p->pairs_crossing,
            p->crossing_only ? "crossing" : "all");
    fputs("\ntable,metric,unit,company_a,company_b,status,leader,a_latest,"
          "a_latest_date,b_latest,b_latest_date,passer,date,t,lo_date,"
          "hi_date,lo_t,hi_t,level,horizon,result\n",
          out);
    for (size_t i = 0; i < p->n_pairs; i++) {
        const ProjectPair *q = &p->pairs[i];
        const Comparison *c = &q->c;
        const SeriesAnalysis *a = &p->rows[q->a], *b = &p->rows[q->b];
        int crosses = c->status == COMPARE_CROSSES;
        char buf[SENTENCE];
        fputs("crossover", out);
        csv_str(out, a->s->metric);
        csv_str(out, a->s->unit);
        csv_str(out, a->s->company);
        csv_str(out, b->s->company);
        csv_str(out, compare_status(c->status));
        csv_str(out, leader(p, q)->s->company);
        csv_num(out, c->va);
        csv_day(out, c->da);
        csv_num(out, c->vb);
        csv_day(out, c->db);
        csv_str(out, crosses ? follower(p, q)->s->company : "");
        csv_t_day(out, c->t);
        csv_num(out, c->t);
        csv_t_day(out, c->lo);
        csv_t_day(out, c->hi);
        csv_num(out, c->lo);
        csv_num(out, c->hi);
        csv_num(out, a->level);
        csv_day(out, pair_end(q));
        csv_str(out, compare_sentence(p, q, buf, sizeof buf));
        fputc('\n', out);
    }
}

static void csv_targets(const Projection *p, FILE *out)
{
    if (!p->has_target)
        return;
    fputs("\ntable,company,metric,unit,target,status,date,t,lo_date,hi_date,"
          "lo_t,hi_t,level,observed,observed_date,horizon,result\n",
          out);
    for (size_t i = 0; i < p->n_targets; i++) {
        const ProjectTarget *q = &p->targets[i];
        const SeriesAnalysis *a = &p->rows[q->row];
        const TargetResult *r = &q->r;
        char buf[SENTENCE];
        fputs("target", out);
        csv_str(out, a->s->company);
        csv_str(out, a->s->metric);
        csv_str(out, a->s->unit);
        csv_num(out, p->target);
        csv_str(out, target_status(q));
        csv_t_day(out, r->t);
        csv_num(out, r->t);
        csv_t_day(out, r->lo);
        csv_t_day(out, r->hi);
        csv_num(out, r->lo);
        csv_num(out, r->hi);
        csv_num(out, a->level);
        csv_num(out, r->observed);
        if (q->rc == 0 && r->status == TARGET_OBSERVED)
            csv_day(out, r->observed_date);
        else
            csv_str(out, "");
        if (analysis_has_trend(a))
            csv_day(out, a->horizon);
        else
            csv_str(out, "");
        csv_str(out, target_sentence(p, q, buf, sizeof buf));
        fputc('\n', out);
    }
}

static void print_csv(const Projection *p, FILE *out)
{
    csv_series(p, out);
    csv_candidates(p, out);
    csv_at(p, out);
    csv_pairs(p, out);
    csv_targets(p, out);
}

/* ---- json ------------------------------------------------------------- */

/* ", "key": " - every key after an object's first. */
static void json_key(FILE *out, const char *key)
{
    fprintf(out, ", \"%s\": ", key);
}

static void json_key_num(FILE *out, const char *key, double v)
{
    json_key(out, key);
    json_number(out, v);
}

static void json_key_str(FILE *out, const char *key, const char *s)
{
    json_key(out, key);
    if (s)
        json_string(out, s);
    else
        fputs("null", out);
}

static void json_key_day(FILE *out, const char *key, long day, int valid)
{
    char d[32];
    json_key_str(out, key, valid ? iso_day(day, d, sizeof d) : NULL);
}

static void json_key_t_day(FILE *out, const char *key, double t)
{
    json_key_day(out, key, isfinite(t) ? date_from_years(t) : 0,
                 isfinite(t));
}

/* The first key of a line: no comma before it. */
static void json_first(FILE *out, const char *key)
{
    fprintf(out, "\"%s\": ", key);
}

/* A date estimated in years, as its day; null when not finite. */
static void json_t_day(FILE *out, double t)
{
    char d[32];
    if (isfinite(t))
        json_string(out, iso_day(date_from_years(t), d, sizeof d));
    else
        fputs("null", out);
}

static void json_candidates(const SeriesAnalysis *a, FILE *out)
{
    Candidate c[MODEL_COUNT];
    size_t n = candidates(a, c);
    json_key(out, "candidates");
    fputc('[', out);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ", {\"model\": " : "{\"model\": ", out);
        json_string(out, fit_model_name(c[k].model));
        json_key_num(out, "aicc", c[k].aicc);
        json_key_num(out, "delta_aicc", c[k].delta);
        json_key_num(out, "weight", c[k].weight);
        json_key_num(out, "backtest_error", c[k].error);
        json_key_num(out, "projection", c[k].proj);
        fputc('}', out);
    }
    fputc(']', out);
}

static void json_at(const Projection *p, const SeriesAnalysis *a, FILE *out)
{
    json_first(out, "at");
    fputc('[', out);
    for (size_t k = 0; analysis_has_trend(a) && k < p->n_at; k++) {
        double v, lo, hi;
        char d[32];
        analysis_value_at(a, date_to_years(p->at[k]), &v, &lo, &hi);
        fputs(k ? ", {\"date\": " : "{\"date\": ", out);
        json_string(out, iso_day(p->at[k], d, sizeof d));
        json_key_num(out, "value", v);
        json_key_num(out, "lo", lo);
        json_key_num(out, "hi", hi);
        fputc('}', out);
    }
    fputc(']', out);
}

static void json_series(const Projection *p, const SeriesAnalysis *a,
                        FILE *out)
{
    const Series *s = a->s;
    int trend = analysis_has_trend(a);
    char d[32], e[32];
    fputs("    {\"company\": ", out);
    json_string(out, s->company);
    json_key_str(out, "metric", s->metric);
    json_key_str(out, "unit", s->unit);
    json_key_str(out, "model", trend ? model_of(a) : NULL);
    json_key_str(out, "requested", fit_model_name(p->model));
    json_key_day(out, "as_of", p->as_of, p->as_of != LONG_MAX);
    fprintf(out, ", \"observations\": %zu, \"n\": %zu", a->n, a->count);
    json_key(out, "window");
    if (a->count) {
        fputs("{\"start\": ", out);
        json_string(out, iso_day(s->date[a->first], d, sizeof d));
        json_key_str(out, "end", iso_day(s->date[a->first + a->count - 1],
                                         e, sizeof e));
        fputc('}', out);
    } else {
        fputs("null", out);
    }
    fputs(",\n     ", out);
    json_first(out, "latest");
    json_number(out, a->latest);
    json_key_day(out, "latest_date", a->latest_date, a->n > 0);
    json_key_num(out, "cagr", a->cagr);
    json_key_num(out, "recent_growth", a->recent);
    json_key_num(out, "trend_rate", a->trend_rate);
    json_key_num(out, "doubling_years", a->doubling_years);
    fputs(",\n     ", out);
    json_first(out, "horizon");
    if (trend)
        json_string(out, iso_day(a->horizon, d, sizeof d));
    else
        fputs("null", out);
    json_key_day(out, "default_horizon", a->default_horizon, trend);
    json_key(out, "beyond_default_horizon");
    fputs(trend ? (a->beyond_default ? "true" : "false") : "null", out);
    json_key(out, "too_uncertain");
    fputs(trend ? (a->too_uncertain ? "true" : "false") : "null", out);
    json_key(out, "projection");
    fputs("{\"value\": ", out);
    json_number(out, a->proj);
    json_key_num(out, "lo", a->lo);
    json_key_num(out, "hi", a->hi);
    fputc('}', out);
    json_key_num(out, "level", a->level);
    fputs(",\n     ", out);
    json_first(out, "ceiling");
    json_number(out, a->ceiling);
    json_key_str(out, "ceiling_what",
                 a->ceiling_what && a->ceiling_what[0] ? a->ceiling_what
                                                       : NULL);
    json_key_t_day(out, "capped_from", a->t_ceiling);
    json_key_str(out, "alt_model",
                 trend && a->alt.model != MODEL_NONE
                     ? fit_model_name(a->alt.model)
                     : NULL);
    json_key_num(out, "alt_projection", a->alt_proj);
    json_key_num(out, "delta_aicc", a->delta_aicc);
    fputs(",\n     ", out);
    json_at(p, a, out);
    json_candidates(a, out);
    json_key_str(out, "note", a->why[0] ? analysis_why(a) : NULL);
    fputc('}', out);
}

static void json_pair(const Projection *p, const ProjectPair *q, FILE *out)
{
    const Comparison *c = &q->c;
    const SeriesAnalysis *a = &p->rows[q->a], *b = &p->rows[q->b];
    int crosses = c->status == COMPARE_CROSSES;
    char buf[SENTENCE];
    fputs("    {\"metric\": ", out);
    json_string(out, a->s->metric);
    json_key_str(out, "unit", a->s->unit);
    json_key_str(out, "company_a", a->s->company);
    json_key_str(out, "company_b", b->s->company);
    json_key_str(out, "status", compare_status(c->status));
    json_key_str(out, "leader", leader(p, q)->s->company);
    json_key_str(out, "passer", crosses ? follower(p, q)->s->company : NULL);
    fputs(",\n     ", out);
    json_first(out, "a_latest");
    json_number(out, c->va);
    json_key_day(out, "a_latest_date", c->da, 1);
    json_key_num(out, "b_latest", c->vb);
    json_key_day(out, "b_latest_date", c->db, 1);
    fputs(",\n     ", out);
    json_first(out, "date");
    json_t_day(out, c->t);
    json_key_num(out, "t", c->t);
    json_key_t_day(out, "lo_date", c->lo);
    json_key_t_day(out, "hi_date", c->hi);
    json_key_num(out, "lo_t", c->lo);
    json_key_num(out, "hi_t", c->hi);
    json_key_str(out, "lo_open", isinf(c->lo) ? "before the start" : NULL);
    json_key_str(out, "hi_open", isinf(c->hi) ? "after the horizon" : NULL);
    json_key_day(out, "horizon", pair_end(q), 1);
    fputs(",\n     ", out);
    json_first(out, "result");
    json_string(out, compare_sentence(p, q, buf, sizeof buf));
    fputc('}', out);
}

static void json_target(const Projection *p, const ProjectTarget *q,
                        FILE *out)
{
    const SeriesAnalysis *a = &p->rows[q->row];
    const TargetResult *r = &q->r;
    char buf[SENTENCE];
    fputs("    {\"company\": ", out);
    json_string(out, a->s->company);
    json_key_str(out, "metric", a->s->metric);
    json_key_str(out, "unit", a->s->unit);
    json_key_num(out, "target", p->target);
    json_key_str(out, "status", target_status(q));
    fputs(",\n     ", out);
    json_first(out, "date");
    json_t_day(out, r->t);
    json_key_num(out, "t", r->t);
    json_key_t_day(out, "lo_date", r->lo);
    json_key_t_day(out, "hi_date", r->hi);
    json_key_num(out, "lo_t", r->lo);
    json_key_num(out, "hi_t", r->hi);
    json_key_str(out, "lo_open", isinf(r->lo) ? "before the start" : NULL);
    json_key_str(out, "hi_open", isinf(r->hi) ? "after the horizon" : NULL);
    json_key_num(out, "observed", r->observed);
    json_key_day(out, "observed_date", r->observed_date,
                 q->rc == 0 && r->status == TARGET_OBSERVED);
    json_key_day(out, "horizon", a->horizon, analysis_has_trend(a));
    fputs(",\n     ", out);
    json_first(out, "result");
    json_string(out, target_sentence(p, q, buf, sizeof buf));
    fputc('}', out);
}

static void print_json(const Projection *p, FILE *out)
{
    fputs("{\n  \"time_origin\": \"1970-01-01\", \"days_per_year\": 365.2425",
          out);
    json_key_str(out, "model", fit_model_name(p->model));
    json_key_num(out, "level", p->level);
    json_key_day(out, "as_of", p->as_of, p->as_of != LONG_MAX);
    fputs(",\n  \"interval\": ", out);
    json_string(out, INTERVAL);
    fputs(",\n  \"series\": [\n", out);
    for (size_t i = 0; i < p->n_rows; i++) {
        json_series(p, &p->rows[i], out);
        fputs(i + 1 < p->n_rows ? ",\n" : "\n", out);
    }
    fprintf(out, "  ],\n  \"pairs_compared\": %zu, \"pairs_crossing\": %zu, "
                 "\"pairs_listed\": \"%s\",\n  \"crossovers\": [\n",
            p->pairs_compared, p->pairs_crossing,
            p->crossing_only ? "crossing" : "all");
    for (size_t i = 0; i < p->n_pairs; i++) {
        json_pair(p, &p->pairs[i], out);
        fputs(i + 1 < p->n_pairs ? ",\n" : "\n", out);
    }
    fputs("  ],\n  \"target\": ", out);
    if (p->has_target) {
        char v[64];
        fputs("{\"value\": ", out);
        json_number(out, p->target);
        json_key_str(out, "unit", p->target_unit);
        json_key_str(out, "text",
                     value_text(p->target, p->target_unit, v, sizeof v));
        fputc('}', out);
    } else {
        fputs("null", out);
    }
    fputs(",\n  \"targets\": [\n", out);
    for (size_t i = 0; i < p->n_targets; i++) {
        json_target(p, &p->targets[i], out);
        fputs(i + 1 < p->n_targets ? ",\n" : "\n", out);
    }
    fputs("  ]\n}\n", out);
}

/* ---- entry ------------------------------------------------------------ */

int project_write(const Projection *p, ProjectFormat format, FILE *out)
{
    switch (format) {
    case PROJECT_TABLE: print_table(p, out); break;
    case PROJECT_CSV: print_csv(p, out); break;
    case PROJECT_JSON: print_json(p, out); break;
    }
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
