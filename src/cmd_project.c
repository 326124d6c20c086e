/* cmd_project.c - `aigrowth project`: trend fits with their parameters and
 * prediction intervals, crossovers of companies' trends, and the time a
 * trend reaches a target, as a terminal table, csv or json. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "fit.h"
#include "format.h"
#include "parse_date.h"
#include "parse_value.h"
#include "util.h"

#define MAX_AT 16
#define DEFAULT_HORIZON_MONTHS 60

typedef enum { OUT_TABLE, OUT_CSV, OUT_JSON } OutFormat;

typedef struct {
    const char *metric;
    CliNames companies;
    Model model;
    long since;                         /* LONG_MIN: no limit */
    size_t last;                        /* 0: no limit */
    long horizon;
    int horizon_months;
    long at[MAX_AT];
    DatePrecision at_precision[MAX_AT];
    size_t n_at;
    double target;
    int has_target;
    double level;
    OutFormat format;
} ProjectOptions;

/* One series of the selection and what its fit gave. */
typedef struct {
    const Series *s;
    size_t first, count;                /* the fit window */
    Fit fit;
    int ok;                             /* fit succeeded (or model none) */
    Error err;                          /* why not, when !ok */
    char note[1024];                    /* doubling-time remark, or "" */
} Row;

typedef struct {
    const Row *a, *b;
    Crossing c;
} Pair;

typedef struct {
    const Row *r;
    Crossing c;
} Target;

typedef struct {
    Row *rows;
    size_t n_rows;
    Pair *pairs;
    size_t n_pairs;
    Target *targets;
    size_t n_targets;
    long latest;                        /* latest date of the selection */
    long horizon;
    const ProjectOptions *opt;
} Projection;

/* ---- options ---------------------------------------------------------- */

static int parse_at(ProjectOptions *opt, const char *arg)
{
    char *copy = xstrdup(arg);
    int rc = EXIT_OK;
    for (char *p = copy; p && rc == EXIT_OK;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        char why[256];
        if (opt->n_at == MAX_AT)
            rc = cli_usage_error("--at gives more than %d dates", MAX_AT);
        else if (parse_date(p, &opt->at[opt->n_at],
                            &opt->at_precision[opt->n_at], why,
                            sizeof why) != 0)
            rc = cli_usage_error("--at \"%s\" is not a date; use "
                                 "YYYY-MM-DD, YYYY-MM or YYYY",
                                 p);
        else
            opt->n_at++;
        p = comma ? comma + 1 : NULL;
    }
    free(copy);
    return rc;
}

/* "0.8", "80" or "80%". */
static int parse_level(const char *arg, double *level)
{
    char *end;
    double v = strtod(arg, &end);
    if (end != arg && *end == '%' && end[1] == '\0')
        v /= 100.0;
    else if (end == arg || *end)
        return -1;
    else if (v > 1 && v < 100)
        v /= 100.0;
    if (!(v >= 0.5 && v <= 0.999))
        return -1;
    *level = v;
    return 0;
}

static int parse_value_option(void *ctx, int c, char *arg)
{
    ProjectOptions *opt = ctx;
    char why[256];
    DatePrecision prec;
    switch (c) {
    case 'm': opt->metric = arg; return EXIT_OK;
    case 'C': return cli_split_names(&opt->companies, arg, "--company");
    case 'M':
        if (fit_model_parse(arg, &opt->model) != 0)
            return cli_usage_error("--model \"%s\": use exp, linear, "
                                   "logistic, auto or none",
                                   arg);
        return EXIT_OK;
    case 's':
        if (parse_date(arg, &opt->since, &prec, why, sizeof why) != 0)
            return cli_usage_error("--since \"%s\" is not a date; use "
                                   "YYYY-MM-DD, YYYY-MM or YYYY",
                                   arg);
        return EXIT_OK;
    case 'l': {
        char *end;
        long n = strtol(arg, &end, 10);
        if (end == arg || *end || n < FIT_MIN_POINTS || n > 1000000)
            return cli_usage_error("--last \"%s\" must be a whole number "
                                   "of points from %d up",
                                   arg, FIT_MIN_POINTS);
        opt->last = (size_t)n;
        return EXIT_OK;
    }
    case 'H':
        if (cli_parse_horizon(arg, &opt->horizon, &opt->horizon_months))
            return cli_usage_error("--horizon \"%s\" is not a date; use "
                                   "YYYY-MM-DD, YYYY-MM, YYYY or +12m",
                                   arg);
        return EXIT_OK;
    case 'a': return parse_at(opt, arg);
    case 'T': {
        const char *unit = NULL;
        if (parse_value(arg, '.', &opt->target, &unit, why, sizeof why)
                != VALUE_OK
            || (unit && strcmp(unit, "%") == 0))
            return cli_usage_error("--target \"%s\" is not a value; use a "
                                   "number such as 1e9, 1B or $500M",
                                   arg);
        opt->has_target = 1;
        return EXIT_OK;
    }
    case 'L':
        if (parse_level(arg, &opt->level) != 0)
            return cli_usage_error("--level \"%s\" must be a confidence "
                                   "level from 0.5 to 0.999, such as 0.8 "
                                   "or 80%%",
                                   arg);
        return EXIT_OK;
    case 'f':
        if (strcmp(arg, "table") == 0)
            opt->format = OUT_TABLE;
        else if (strcmp(arg, "csv") == 0)
            opt->format = OUT_CSV;
        else if (strcmp(arg, "json") == 0)
            opt->format = OUT_JSON;
        else
            return cli_usage_error("--format \"%s\": use table, csv or "
                                   "json",
                                   arg);
        return EXIT_OK;
    }
    return cli_usage_error("unknown option");
}

static int parse_options(int argc, char **argv, ProjectOptions *opt)
{
    static const struct option longopts[] = {
        {"metric", required_argument, NULL, 'm'},
        {"company", required_argument, NULL, 'C'},
        {"model", required_argument, NULL, 'M'},
        {"since", required_argument, NULL, 's'},
        {"last", required_argument, NULL, 'l'},
        {"horizon", required_argument, NULL, 'H'},
        {"at", required_argument, NULL, 'a'},
        {"target", required_argument, NULL, 'T'},
        {"level", required_argument, NULL, 'L'},
        {"format", required_argument, NULL, 'f'},
        {NULL, 0, NULL, 0}};
    int rc = cli_parse_options(argc, argv, "project", ":m:", longopts,
                               parse_value_option, opt);
    if (rc != EXIT_OK)
        return rc;
    if (optind >= argc)
        return cli_usage_error("project needs at least one data file");
    return EXIT_OK;
}

/* ---- fitting ---------------------------------------------------------- */

static int wanted(const ProjectOptions *opt, const Series *s)
{
    if (opt->metric && strcmp(s->metric, opt->metric) != 0)
        return 0;
    if (opt->companies.n == 0)
        return 1;
    for (size_t i = 0; i < opt->companies.n; i++)
        if (strcmp(s->company, opt->companies.names[i]) == 0)
            return 1;
    return 0;
}

/* Every named metric and company must be in the data: a typo should not
 * print an empty table. */
static int check_selection(const Dataset *ds, const ProjectOptions *opt)
{
    if (opt->metric && dataset_series_of_metric(ds, opt->metric, NULL, 0) ==
                           0) {
        fprintf(stderr, "aigrowth: the data has no metric \"%s\"; metrics:",
                opt->metric);
        const char *names[64];
        size_t n = dataset_metrics(ds, names, 64);
        for (size_t i = 0; i < n && i < 64; i++)
            fprintf(stderr, " %s", names[i]);
        fputc('\n', stderr);
        return EXIT_USAGE;
    }
    for (size_t c = 0; c < opt->companies.n; c++) {
        int found = 0;
        for (size_t i = 0; i < ds->n_series && !found; i++)
            found = strcmp(ds->series[i].company, opt->companies.names[c]) == 0 &&
                    (!opt->metric ||
                     strcmp(ds->series[i].metric, opt->metric) == 0);
        if (!found) {
            fprintf(stderr, "aigrowth: no series for company \"%s\"%s%s%s; "
                            "check the spelling in the data\n",
                    opt->companies.names[c], opt->metric ? " with metric \"" : "",
                    opt->metric ? opt->metric : "",
                    opt->metric ? "\"" : "");
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
}

static void fit_row(Row *r, const ProjectOptions *opt)
{
    const Series *s = r->s;
    r->count = fit_window(s->date, s->n, opt->since, opt->last, &r->first);
    double *t = xmalloc_array(r->count ? r->count : 1, sizeof *t);
    for (size_t j = 0; j < r->count; j++)
        t[j] = date_to_years(s->date[r->first + j]);
    error_clear(&r->err);
    r->ok = fit_model(opt->model, t, s->value + r->first, r->count, &r->fit,
                      &r->err) == 0;
    free(t);
    if (!r->ok) {
        /* Name the series and its file: the message alone says what. */
        Error why = r->err;
        error_clear(&r->err);
        error_set(&r->err, why.kind, s->file, 0, 0, "%s %s: %s", s->company,
                  s->metric, why.message);
        return;
    }
    double years;
    Error e;
    error_clear(&e);
    if (r->fit.model == MODEL_EXP && fit_doubling(&r->fit, &years, &e) != 0)
        snprintf(r->note, sizeof r->note, "%.120s %.120s: %s", s->company,
                 s->metric, e.message);
}

static int fitted(const Row *r)
{
    return r->ok && r->fit.model != MODEL_NONE;
}

/* Fits every selected series, then crossovers of each pair of the same
 * metric and unit, then targets. Returns the number of failed fits. */
static size_t project(const Dataset *ds, const ProjectOptions *opt,
                      Projection *p)
{
    p->opt = opt;
    p->rows = xcalloc(ds->n_series ? ds->n_series : 1, sizeof *p->rows);
    size_t failed = 0;
    for (size_t i = 0; i < ds->n_series; i++) {
        const Series *s = &ds->series[i];
        if (!wanted(opt, s) || s->n == 0)
            continue;
        Row *r = &p->rows[p->n_rows++];
        r->s = s;
        fit_row(r, opt);
        failed += !r->ok;
        if (p->n_rows == 1 || s->date[s->n - 1] > p->latest)
            p->latest = s->date[s->n - 1];
    }
    p->horizon = opt->horizon_months
                     ? date_add_months(p->latest, opt->horizon_months)
                 : opt->horizon ? opt->horizon
                                : date_add_months(p->latest,
                                                  DEFAULT_HORIZON_MONTHS);

    size_t cap = p->n_rows * p->n_rows / 2 + 1;
    p->pairs = xcalloc(cap, sizeof *p->pairs);
    for (size_t i = 0; i < p->n_rows; i++) {
        for (size_t j = i + 1; j < p->n_rows; j++) {
            const Row *a = &p->rows[i], *b = &p->rows[j];
            if (!fitted(a) || !fitted(b) ||
                strcmp(a->s->metric, b->s->metric) != 0 ||
                strcmp(a->s->unit, b->s->unit) != 0)
                continue;
            double t0 = fmax(a->fit.t_last, b->fit.t_last);
            double t1 = date_to_years(p->horizon);
            Pair *q = &p->pairs[p->n_pairs];
            q->a = a;
            q->b = b;
            Error e;
            error_clear(&e);
            if (fit_crossover(&a->fit, &b->fit, t0, t1, opt->level, &q->c,
                              &e) == 0)
                p->n_pairs++;
        }
    }
    p->targets = xcalloc(p->n_rows ? p->n_rows : 1, sizeof *p->targets);
    for (size_t i = 0; opt->has_target && i < p->n_rows; i++) {
        const Row *r = &p->rows[i];
        if (!fitted(r))
            continue;
        Target *q = &p->targets[p->n_targets];
        q->r = r;
        Error e;
        error_clear(&e);
        if (fit_target(&r->fit, opt->target, r->fit.t_last, opt->level,
                       &q->c, &e) == 0)
            p->n_targets++;
    }
    return failed;
}

static void projection_free(Projection *p)
{
    free(p->rows);
    free(p->pairs);
    free(p->targets);
}

/* ---- shared formatting ----------------------------------------------- */

static char *day_of(double t, char *buf, size_t size)
{
    if (!isfinite(t)) {
        buf[0] = '\0';
        return buf;
    }
    return format_date(date_from_years(t), DATE_DAY, buf, size);
}

static const char *status_name(CrossStatus s)
{
    switch (s) {
    case CROSS_AT: return "crosses";
    case CROSS_ALREADY: return "already";
    case CROSS_BEYOND: return "not within horizon";
    case CROSS_DIVERGING: return "diverging";
    case CROSS_NEVER: return "never";
    }
    return "?";
}

static const char *target_status_name(CrossStatus s)
{
    return s == CROSS_AT ? "reaches" : status_name(s);
}

/* The company that is behind at the start (the one that would pass). */
static const char *rising(const Pair *q)
{
    return q->c.a_rises ? q->a->s->company : q->b->s->company;
}

static const char *other(const Pair *q)
{
    return q->c.a_rises ? q->b->s->company : q->a->s->company;
}

/* ---- table ------------------------------------------------------------ */

#define MAX_COLS (10 + MAX_AT)
#define CELL 160

typedef struct {
    char (*cell)[MAX_COLS][CELL];
    size_t rows, cols, cap;
    int right[MAX_COLS];
} Grid;

static char *grid_cell(Grid *g, size_t row, size_t col)
{
    if (row >= g->cap) {
        size_t cap = g->cap;
        grow_array((void **)&g->cell, &cap, row + 1, sizeof *g->cell);
        memset(g->cell + g->cap, 0, (cap - g->cap) * sizeof *g->cell);
        g->cap = cap;
    }
    if (row >= g->rows)
        g->rows = row + 1;
    return g->cell[row][col];
}

static void grid_set(Grid *g, size_t row, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void grid_set(Grid *g, size_t row, size_t col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(grid_cell(g, row, col), CELL, fmt, ap);
    va_end(ap);
}

/* Display columns of UTF-8 text: one per code point (the table holds no
 * wide characters; company names in CJK would need wcwidth). */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static void grid_print(const Grid *g, FILE *out)
{
    size_t width[MAX_COLS] = {0};
    for (size_t r = 0; r < g->rows; r++)
        for (size_t c = 0; c < g->cols; c++)
            if (text_width(g->cell[r][c]) > width[c])
                width[c] = text_width(g->cell[r][c]);
    for (size_t r = 0; r < g->rows; r++) {
        size_t pending = 0;
        for (size_t c = 0; c < g->cols; c++) {
            const char *s = g->cell[r][c];
            size_t pad = width[c] - text_width(s);
            if (c > 0)
                pending += 2;
            if (g->right[c])
                pending += pad;
            if (*s) {
                fprintf(out, "%*s%s", (int)pending, "", s);
                pending = 0;
            }
            if (!g->right[c])
                pending += pad;
        }
        fputc('\n', out);
    }
}

static void grid_free(Grid *g)
{
    free(g->cell);
}

static char *compact(double v, const char *unit, char *buf, size_t size)
{
    return format_compact(v, unit, 3, buf, size);
}

static void param_cell(const Row *r, char *buf, size_t size)
{
    const Fit *f = &r->fit;
    char a[64], b[64], c[64], d[64], e[64], g[64];
    switch (f->model) {
    case MODEL_EXP:
        snprintf(buf, size, "b %s ± %s /yr", format_number(f->par[1], 3, a, 64),
                 format_number(f->se[1], 2, b, 64));
        break;
    case MODEL_LINEAR:
        snprintf(buf, size, "b %s ± %s /yr", compact(f->par[1], r->s->unit,
                                                     a, 64),
                 compact(f->se[1], r->s->unit, b, 64));
        break;
    case MODEL_LOGISTIC:
        snprintf(buf, size, "K %s ± %s, r %s ± %s /yr, t0 %s ± %s yr",
                 compact(f->par[0], r->s->unit, a, 64),
                 compact(f->se[0], r->s->unit, b, 64),
                 format_number(f->par[1], 3, c, 64),
                 format_number(f->se[1], 2, d, 64),
                 day_of(f->par[2], e, 64), format_number(f->se[2], 2, g, 64));
        break;
    default:
        snprintf(buf, size, "-");
    }
}

static void print_fit_table(const Projection *p, FILE *out)
{
    const ProjectOptions *opt = p->opt;
    Grid g = {0};
    static const char *const head[] = {"Company", "Metric", "Model", "n",
                                       "Window", "Parameters", "R²",
                                       "CAGR", "Doubling"};
    size_t fixed = sizeof head / sizeof head[0];
    g.cols = fixed + opt->n_at;
    g.right[3] = g.right[6] = g.right[7] = 1;
    for (size_t c = 0; c < fixed; c++)
        grid_set(&g, 0, c, "%s", head[c]);
    char d1[32], d2[32];
    for (size_t k = 0; k < opt->n_at; k++) {
        grid_set(&g, 0, fixed + k, "%s (%g%%)",
                 format_date(opt->at[k], opt->at_precision[k], d1, sizeof d1),
                 opt->level * 100);
        g.right[fixed + k] = 1;
    }
    for (size_t i = 0; i < p->n_rows; i++) {
        const Row *r = &p->rows[i];
        const Fit *f = &r->fit;
        size_t row = i + 1;
        char buf[CELL];
        grid_set(&g, row, 0, "%s", r->s->company);
        grid_set(&g, row, 1, "%s", r->s->metric);
        grid_set(&g, row, 3, "%zu", r->count);
        if (r->count > 0)
            grid_set(&g, row, 4, "%s..%s",
                     format_date(r->s->date[r->first],
                                 r->s->precision[r->first], d1, sizeof d1),
                     format_date(r->s->date[r->first + r->count - 1],
                                 r->s->precision[r->first + r->count - 1],
                                 d2, sizeof d2));
        if (!r->ok) {
            grid_set(&g, row, 2, "-");
            grid_set(&g, row, 5, "not fitted (see below)");
            continue;
        }
        grid_set(&g, row, 2, "%s%s", fit_model_name(f->model),
                 f->requested == MODEL_AUTO ? " (auto)" : "");
        if (f->model == MODEL_NONE)
            continue;
        param_cell(r, buf, sizeof buf);
        grid_set(&g, row, 5, "%s", buf);
        grid_set(&g, row, 6, "%s", format_number(f->r2, 4, buf, sizeof buf));
        if (f->model == MODEL_EXP) {
            grid_set(&g, row, 7, "%s",
                     format_percent(f->cagr, buf, sizeof buf));
            grid_set(&g, row, 8, "%s",
                     format_duration(f->doubling_years, buf, sizeof buf));
        } else {
            grid_set(&g, row, 7, "-");
            grid_set(&g, row, 8, "-");
        }
        for (size_t k = 0; k < opt->n_at; k++) {
            double t = date_to_years(opt->at[k]), lo, hi;
            char v[48], l[48], h[48];
            compact(fit_predict(f, t), r->s->unit, v, sizeof v);
            if (fit_interval(f, t, opt->level, &lo, &hi) == 0)
                grid_set(&g, row, fixed + k, "%s [%s, %s]", v,
                         compact(lo, r->s->unit, l, sizeof l),
                         compact(hi, r->s->unit, h, sizeof h));
            else
                grid_set(&g, row, fixed + k, "%s", v);
        }
    }
    grid_print(&g, out);
    grid_free(&g);
}

static void interval_text(const Crossing *c, double t_start, char *buf,
                          size_t size)
{
    char lo[32], hi[32], st[32];
    if (isinf(c->lo) && c->lo > 0) {
        snprintf(buf, size, "-");
        return;
    }
    if (isinf(c->lo))
        snprintf(lo, sizeof lo, "before %s", day_of(t_start, st, sizeof st));
    else
        day_of(c->lo, lo, sizeof lo);
    if (isinf(c->hi) && c->hi > 0)
        snprintf(hi, sizeof hi, "%s", "later");
    else if (isinf(c->hi))
        snprintf(hi, sizeof hi, "before %s", day_of(t_start, st, sizeof st));
    else
        day_of(c->hi, hi, sizeof hi);
    snprintf(buf, size, "%s .. %s", lo, hi);
}

static void print_crossovers(const Projection *p, FILE *out)
{
    char d[32];
    fprintf(out, "\nCrossovers of the trend lines up to the horizon %s "
                 "(%g%% interval: parametric bootstrap, %d draws, fixed "
                 "seed)\n",
            format_date(p->horizon, DATE_DAY, d, sizeof d),
            p->opt->level * 100, FIT_BOOT_DRAWS);
    if (p->n_pairs == 0) {
        fputs("  none: needs two fitted series of the same metric\n", out);
        return;
    }
    Grid g = {0};
    g.cols = 3;
    grid_set(&g, 0, 0, "Metric");
    grid_set(&g, 0, 1, "Result");
    grid_set(&g, 0, 2, "Interval");
    for (size_t i = 0; i < p->n_pairs; i++) {
        const Pair *q = &p->pairs[i];
        char buf[CELL];
        grid_set(&g, i + 1, 0, "%s", q->a->s->metric);
        switch (q->c.status) {
        case CROSS_AT:
            grid_set(&g, i + 1, 1, "%s passes %s on %s", rising(q), other(q),
                     day_of(q->c.t, d, sizeof d));
            break;
        case CROSS_BEYOND:
            grid_set(&g, i + 1, 1, "%s gains on %s; not within horizon",
                     rising(q), other(q));
            break;
        default:
            grid_set(&g, i + 1, 1, "diverging: %s stays ahead of %s",
                     other(q), rising(q));
        }
        double t0 = fmax(q->a->fit.t_last, q->b->fit.t_last);
        interval_text(&q->c, t0, buf, sizeof buf);
        grid_set(&g, i + 1, 2, "%s", buf);
    }
    grid_print(&g, out);
    grid_free(&g);
}

static void print_targets(const Projection *p, FILE *out)
{
    char d[32], v[48];
    const char *unit = p->n_rows ? p->rows[0].s->unit : "";
    fprintf(out, "\nTime to target %s: when the trend reaches it (%g%% "
                 "interval: parametric bootstrap, %d draws, fixed seed)\n",
            compact(p->opt->target, unit, v, sizeof v), p->opt->level * 100,
            FIT_BOOT_DRAWS);
    Grid g = {0};
    g.cols = 4;
    grid_set(&g, 0, 0, "Company");
    grid_set(&g, 0, 1, "Metric");
    grid_set(&g, 0, 2, "Result");
    grid_set(&g, 0, 3, "Interval");
    for (size_t i = 0; i < p->n_targets; i++) {
        const Target *q = &p->targets[i];
        char buf[CELL];
        grid_set(&g, i + 1, 0, "%s", q->r->s->company);
        grid_set(&g, i + 1, 1, "%s", q->r->s->metric);
        switch (q->c.status) {
        case CROSS_AT:
            grid_set(&g, i + 1, 2, "%s", day_of(q->c.t, d, sizeof d));
            break;
        case CROSS_ALREADY:
            grid_set(&g, i + 1, 2, "already reached");
            break;
        default:
            grid_set(&g, i + 1, 2, "never on this trend");
        }
        interval_text(&q->c, q->r->fit.t_last, buf, sizeof buf);
        grid_set(&g, i + 1, 3, "%s", buf);
    }
    grid_print(&g, out);
    grid_free(&g);
}

static void print_table(const Projection *p, FILE *out)
{
    const ProjectOptions *opt = p->opt;
    fprintf(out, "Trend fits (model %s; t in years since 1970-01-01; "
                 "[%g%% prediction interval] for a new observation)\n",
            fit_model_name(opt->model), opt->level * 100);
    if (opt->model == MODEL_AUTO)
        fputs("Auto: smallest AICc of the likelihood of the values "
              "(exp: lognormal); logistic from 8 points\n",
              out);
    print_fit_table(p, out);
    print_crossovers(p, out);
    if (opt->has_target)
        print_targets(p, out);
    int head = 0;
    for (size_t i = 0; i < p->n_rows; i++) {
        const Row *r = &p->rows[i];
        if (r->ok && !r->note[0])
            continue;
        if (!head++)
            fputs("\nNotes\n", out);
        if (!r->ok)
            fprintf(out, "  not fitted: %s\n", r->err.message);
        else
            fprintf(out, "  %s\n", r->note);
    }
}

/* ---- csv ---------------------------------------------------------------- */

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

static void csv_day(FILE *out, double t)
{
    char d[32];
    csv_str(out, day_of(t, d, sizeof d));
}

static void print_csv(const Projection *p, FILE *out)
{
    const ProjectOptions *opt = p->opt;
    char d[32];
    fputs("table,company,metric,unit,model,requested,n,window_start,"
          "window_end,a,se_a,b,se_b,K,se_K,r,se_r,t0,se_t0,r2,resid_sd,aicc,"
          "aicc_linear,aicc_exp,aicc_logistic,cagr,doubling_years,note\n",
          out);
    for (size_t i = 0; i < p->n_rows; i++) {
        const Row *r = &p->rows[i];
        const Fit *f = &r->fit;
        fputs("fit", out);
        csv_str(out, r->s->company);
        csv_str(out, r->s->metric);
        csv_str(out, r->s->unit);
        csv_str(out, r->ok ? fit_model_name(f->model) : "");
        csv_str(out, fit_model_name(opt->model));
        fprintf(out, ",%zu", r->count);
        csv_str(out, r->count ? format_date(r->s->date[r->first], DATE_DAY,
                                            d, sizeof d)
                              : "");
        csv_str(out, r->count ? format_date(r->s->date[r->first + r->count -
                                                       1],
                                            DATE_DAY, d, sizeof d)
                              : "");
        int two = r->ok && f->n_par == 2, three = r->ok && f->n_par == 3;
        for (int k = 0; k < 2; k++) {
            csv_num(out, two ? f->par[k] : NAN);
            csv_num(out, two ? f->se[k] : NAN);
        }
        for (int k = 0; k < 3; k++) {
            csv_num(out, three ? f->par[k] : NAN);
            csv_num(out, three ? f->se[k] : NAN);
        }
        csv_num(out, r->ok ? f->r2 : NAN);
        csv_num(out, r->ok ? f->resid_sd : NAN);
        csv_num(out, r->ok ? f->aicc : NAN);
        csv_num(out, f->cand_aicc[MODEL_LINEAR]);
        csv_num(out, f->cand_aicc[MODEL_EXP]);
        csv_num(out, f->cand_aicc[MODEL_LOGISTIC]);
        csv_num(out, r->ok ? f->cagr : NAN);
        csv_num(out, r->ok ? f->doubling_years : NAN);
        csv_str(out, r->ok ? r->note : r->err.message);
        fputc('\n', out);
    }
    if (opt->n_at) {
        fputs("\ntable,company,metric,date,t,value,lo,hi,level\n", out);
        for (size_t i = 0; i < p->n_rows; i++) {
            const Row *r = &p->rows[i];
            if (!fitted(r))
                continue;
            for (size_t k = 0; k < opt->n_at; k++) {
                double t = date_to_years(opt->at[k]), lo, hi;
                fit_interval(&r->fit, t, opt->level, &lo, &hi);
                fputs("at", out);
                csv_str(out, r->s->company);
                csv_str(out, r->s->metric);
                csv_str(out, format_date(opt->at[k], DATE_DAY, d, sizeof d));
                csv_num(out, t);
                csv_num(out, fit_predict(&r->fit, t));
                csv_num(out, lo);
                csv_num(out, hi);
                csv_num(out, opt->level);
                fputc('\n', out);
            }
        }
    }
    fputs("\ntable,metric,company_a,company_b,status,rising,date,t,lo_date,"
          "hi_date,lo_t,hi_t,level,horizon\n",
          out);
    for (size_t i = 0; i < p->n_pairs; i++) {
        const Pair *q = &p->pairs[i];
        fputs("crossover", out);
        csv_str(out, q->a->s->metric);
        csv_str(out, q->a->s->company);
        csv_str(out, q->b->s->company);
        csv_str(out, status_name(q->c.status));
        csv_str(out, rising(q));
        csv_day(out, q->c.t);
        csv_num(out, q->c.t);
        csv_day(out, q->c.lo);
        csv_day(out, q->c.hi);
        csv_num(out, q->c.lo);
        csv_num(out, q->c.hi);
        csv_num(out, opt->level);
        csv_str(out, format_date(p->horizon, DATE_DAY, d, sizeof d));
        fputc('\n', out);
    }
    if (!opt->has_target)
        return;
    fputs("\ntable,company,metric,target,status,date,t,lo_date,hi_date,lo_t,"
          "hi_t,level\n",
          out);
    for (size_t i = 0; i < p->n_targets; i++) {
        const Target *q = &p->targets[i];
        fputs("target", out);
        csv_str(out, q->r->s->company);
        csv_str(out, q->r->s->metric);
        csv_num(out, opt->target);
        csv_str(out, target_status_name(q->c.status));
        csv_day(out, q->c.t);
        csv_num(out, q->c.t);
        csv_day(out, q->c.lo);
        csv_day(out, q->c.hi);
        csv_num(out, q->c.lo);
        csv_num(out, q->c.hi);
        csv_num(out, opt->level);
        fputc('\n', out);
    }
}

/* ---- json --------------------------------------------------------------- */

static void json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* Not finite is null: JSON has no infinity. */
static void json_num(FILE *out, double v)
{
    if (isfinite(v))
        fprintf(out, "%.17g", v);
    else
        fputs("null", out);
}

static void json_key_num(FILE *out, const char *key, double v, int comma)
{
    fprintf(out, "\"%s\": ", key);
    json_num(out, v);
    if (comma)
        fputs(", ", out);
}

static void json_day(FILE *out, const char *key, double t, int comma)
{
    char d[32];
    fprintf(out, "\"%s\": ", key);
    if (isfinite(t))
        json_str(out, day_of(t, d, sizeof d));
    else
        fputs("null", out);
    if (comma)
        fputs(", ", out);
}

static void json_fit(const Projection *p, const Row *r, FILE *out)
{
    const ProjectOptions *opt = p->opt;
    const Fit *f = &r->fit;
    char d[32];
    fputs("    {\"company\": ", out);
    json_str(out, r->s->company);
    fputs(", \"metric\": ", out);
    json_str(out, r->s->metric);
    fputs(", \"unit\": ", out);
    json_str(out, r->s->unit);
    fputs(", \"model\": ", out);
    if (r->ok)
        json_str(out, fit_model_name(f->model));
    else
        fputs("null", out);
    fprintf(out, ", \"n\": %zu, \"window_start\": ", r->count);
    if (r->count)
        json_str(out, format_date(r->s->date[r->first], DATE_DAY, d,
                                  sizeof d));
    else
        fputs("null", out);
    fputs(", \"window_end\": ", out);
    if (r->count)
        json_str(out, format_date(r->s->date[r->first + r->count - 1],
                                  DATE_DAY, d, sizeof d));
    else
        fputs("null", out);
    fputs(",\n     \"parameters\": {", out);
    if (fitted(r) && f->n_par == 2) {
        json_key_num(out, "a", f->par[0], 1);
        json_key_num(out, "se_a", f->se[0], 1);
        json_key_num(out, "b", f->par[1], 1);
        json_key_num(out, "se_b", f->se[1], 0);
    } else if (fitted(r) && f->n_par == 3) {
        json_key_num(out, "K", f->par[0], 1);
        json_key_num(out, "se_K", f->se[0], 1);
        json_key_num(out, "r", f->par[1], 1);
        json_key_num(out, "se_r", f->se[1], 1);
        json_key_num(out, "t0", f->par[2], 1);
        json_key_num(out, "se_t0", f->se[2], 0);
    }
    fputs("},\n     ", out);
    json_key_num(out, "r2", r->ok ? f->r2 : NAN, 1);
    json_key_num(out, "resid_sd", r->ok ? f->resid_sd : NAN, 1);
    json_key_num(out, "aicc", r->ok ? f->aicc : NAN, 1);
    fputs("\"aicc_candidates\": {", out);
    json_key_num(out, "linear", f->cand_aicc[MODEL_LINEAR], 1);
    json_key_num(out, "exp", f->cand_aicc[MODEL_EXP], 1);
    json_key_num(out, "logistic", f->cand_aicc[MODEL_LOGISTIC], 0);
    fputs("},\n     ", out);
    json_key_num(out, "cagr", r->ok ? f->cagr : NAN, 1);
    json_key_num(out, "doubling_years",
                 r->ok && isfinite(f->doubling_years) ? f->doubling_years
                                                      : NAN,
                 1);
    fputs("\"at\": [", out);
    for (size_t k = 0; fitted(r) && k < opt->n_at; k++) {
        double t = date_to_years(opt->at[k]), lo, hi;
        fit_interval(f, t, opt->level, &lo, &hi);
        fputs(k ? ", {" : "{", out);
        fputs("\"date\": ", out);
        json_str(out, format_date(opt->at[k], DATE_DAY, d, sizeof d));
        fputs(", ", out);
        json_key_num(out, "t", t, 1);
        json_key_num(out, "value", fit_predict(f, t), 1);
        json_key_num(out, "lo", lo, 1);
        json_key_num(out, "hi", hi, 0);
        fputc('}', out);
    }
    fputs("],\n     \"note\": ", out);
    if (!r->ok)
        json_str(out, r->err.message);
    else if (r->note[0])
        json_str(out, r->note);
    else
        fputs("null", out);
    fputc('}', out);
}

static void json_crossing(FILE *out, const Crossing *c)
{
    json_day(out, "date", c->t, 1);
    json_key_num(out, "t", c->t, 1);
    json_day(out, "lo_date", c->lo, 1);
    json_day(out, "hi_date", c->hi, 1);
    json_key_num(out, "lo_t", c->lo, 1);
    json_key_num(out, "hi_t", c->hi, 1);
    fputs("\"lo_open\": ", out);
    json_str(out, isinf(c->lo) ? (c->lo > 0 ? "later" : "earlier") : "");
    fputs(", \"hi_open\": ", out);
    json_str(out, isinf(c->hi) ? (c->hi > 0 ? "later" : "earlier") : "");
}

static void print_json(const Projection *p, FILE *out)
{
    const ProjectOptions *opt = p->opt;
    char d[32];
    fputs("{\n  \"time_origin\": \"1970-01-01\", \"days_per_year\": 365.2425,"
          "\n  \"model\": ", out);
    json_str(out, fit_model_name(opt->model));
    fputs(", \"level\": ", out);
    json_num(out, opt->level);
    fputs(", \"horizon\": ", out);
    json_str(out, format_date(p->horizon, DATE_DAY, d, sizeof d));
    fprintf(out, ",\n  \"criterion\": \"AICc, Gaussian likelihood of the "
                 "values (exp: lognormal)\", \"bootstrap_draws\": %d, "
                 "\"bootstrap_seed\": %lu,\n  \"fits\": [\n",
            FIT_BOOT_DRAWS, (unsigned long)FIT_BOOT_SEED);
    for (size_t i = 0; i < p->n_rows; i++) {
        json_fit(p, &p->rows[i], out);
        fputs(i + 1 < p->n_rows ? ",\n" : "\n", out);
    }
    fputs("  ],\n  \"crossovers\": [\n", out);
    for (size_t i = 0; i < p->n_pairs; i++) {
        const Pair *q = &p->pairs[i];
        fputs("    {\"metric\": ", out);
        json_str(out, q->a->s->metric);
        fputs(", \"company_a\": ", out);
        json_str(out, q->a->s->company);
        fputs(", \"company_b\": ", out);
        json_str(out, q->b->s->company);
        fputs(", \"status\": ", out);
        json_str(out, status_name(q->c.status));
        fputs(", \"rising\": ", out);
        json_str(out, rising(q));
        fputs(",\n     ", out);
        json_crossing(out, &q->c);
        fputs(i + 1 < p->n_pairs ? "},\n" : "}\n", out);
    }
    fputs("  ],\n  \"targets\": [\n", out);
    for (size_t i = 0; i < p->n_targets; i++) {
        const Target *q = &p->targets[i];
        fputs("    {\"company\": ", out);
        json_str(out, q->r->s->company);
        fputs(", \"metric\": ", out);
        json_str(out, q->r->s->metric);
        fputs(", ", out);
        json_key_num(out, "target", opt->target, 1);
        fputs("\"status\": ", out);
        json_str(out, target_status_name(q->c.status));
        fputs(",\n     ", out);
        json_crossing(out, &q->c);
        fputs(i + 1 < p->n_targets ? "},\n" : "}\n", out);
    }
    fputs("  ]\n}\n", out);
}

/* ---- command ------------------------------------------------------------ */

int cmd_project(int argc, char **argv)
{
    ProjectOptions opt = {.model = MODEL_EXP, .since = LONG_MIN,
                          .level = 0.80, .format = OUT_TABLE};
    Projection p = {0};
    Dataset *ds = NULL;
    Error err;
    error_clear(&err);
    int rc = parse_options(argc, argv, &opt);
    if (rc != EXIT_OK)
        goto done;
    ds = cli_load((const char *const *)argv + optind, (size_t)(argc - optind),
                  NULL, &err);
    if (!ds) {
        rc = cli_fail(&err);
        goto done;
    }
    if ((rc = check_selection(ds, &opt)) != EXIT_OK)
        goto done;
    size_t failed = project(ds, &opt, &p);
    /* Each series that could not be fitted is reported; the others are
     * still worth printing, so only a selection with no fit at all
     * fails. */
    for (size_t i = 0; i < p.n_rows; i++)
        if (!p.rows[i].ok)
            rc = cli_fail(&p.rows[i].err);
    if (failed == p.n_rows) {
        if (p.n_rows == 0)
            rc = cli_usage_error("no data to project");
        goto done;
    }
    rc = EXIT_OK;
    if (opt.format == OUT_CSV)
        print_csv(&p, stdout);
    else if (opt.format == OUT_JSON)
        print_json(&p, stdout);
    else
        print_table(&p, stdout);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("aigrowth: cannot write the output\n", stderr);
        rc = EXIT_IO;
    }
done:
    projection_free(&p);
    dataset_destroy(ds);
    cli_names_free(&opt.companies);
    return rc;
}
