/* cmd_project.c - `aigrowth project`: each selected series analysed
 * (analysis.h), the crossovers of series of one metric and unit, and when
 * each series reaches a target, written by project_out.c as a table, CSV
 * or JSON. Options, then calls: every number shown is decided by
 * analysis.c; nothing here fits a trend. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cli.h"
#include "cmd.h"
#include "format.h"
#include "parse_date.h"
#include "parse_value.h"
#include "project_out.h"
#include "i18n.h"
#include "util.h"

typedef struct {
    const char *metric;
    CliNames companies;
    CsvOptions csv;
    AnalysisOptions an;                 /* from analysis_defaults */
    long at[PROJECT_MAX_AT];
    DatePrecision at_precision[PROJECT_MAX_AT];
    size_t n_at;
    const char *target_text;            /* NULL: no --target */
    double target;
    const char *target_unit;            /* what parse_value read; "" none */
    const char *cap_text;               /* NULL: no --cap */
    double cap;
    const char *cap_unit;
    ResultFormat format;
    Lang lang;                          /* --lang */
    NumberStyle number_style;           /* --number-style */
} ProjectOptions;

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
        if (opt->n_at == PROJECT_MAX_AT)
            rc = cli_usage_error("--at gives more than %d dates",
                                 PROJECT_MAX_AT);
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
/* A positive amount with the unit its text names ("" for none). */
static int parse_amount(const char *arg, double *value, const char **unit)
{
    char why[256];
    *unit = "";
    return parse_value(arg, '.', value, unit, why, sizeof why) == VALUE_OK &&
                   isfinite(*value) && *value > 0
               ? 0
               : -1;
}

static int parse_value_option(void *ctx, int c, char *arg)
{
    ProjectOptions *opt = ctx;
    switch (c) {
    case 'm': opt->metric = arg; return cli_load_option(&opt->csv, c, arg);
    CLI_LOAD_CASES:
        return cli_load_option(&opt->csv, c, arg);
    case 'C': return cli_split_names(&opt->companies, arg, "--company");
    case 'M':
        if (fit_model_parse(arg, &opt->an.model) != 0)
            return cli_usage_error("--model \"%s\": use damped, exp, "
                                   "linear, logistic, auto or none",
                                   arg);
        return EXIT_OK;
    case CLI_OPT_AS_OF: case CLI_OPT_SINCE: case CLI_OPT_LAST:
    case CLI_OPT_LEVEL:
        return cli_fit_option(c, arg, (CliFitValues){&opt->an.as_of,
                                                     &opt->an.since,
                                                     &opt->an.last,
                                                     &opt->an.level});
    case 'H':
        if (cli_parse_horizon(arg, &opt->an.horizon,
                              &opt->an.horizon_months))
            return cli_usage_error("--horizon \"%s\" is not a date; use "
                                   "YYYY-MM-DD, YYYY-MM, YYYY or +12m",
                                   arg);
        return EXIT_OK;
    case 'a': return parse_at(opt, arg);
    case 'T':
        if (parse_amount(arg, &opt->target, &opt->target_unit) != 0)
            return cli_usage_error("--target \"%s\" is not a value; use a "
                                   "number such as 1e9, 1B or $500M",
                                   arg);
        opt->target_text = arg;
        return EXIT_OK;
    case 'c':
        if (parse_amount(arg, &opt->cap, &opt->cap_unit) != 0)
            return cli_usage_error("--cap \"%s\" is not a value; use a "
                                   "number above 0 such as 8e9, 5B or $2T",
                                   arg);
        opt->cap_text = arg;
        return EXIT_OK;
    case 'f': return cli_option_result_format(arg, &opt->format);
    case 'L': return cli_option_lang(arg, &opt->lang);
    case 'N': return cli_option_number_style(arg, &opt->number_style);
    }
    return cli_usage_error("unknown option");
}

static int parse_options(int argc, char **argv, ProjectOptions *opt)
{
    static const struct option longopts[] = {
        CLI_SELECT_LONGOPTS,
        {"model", required_argument, NULL, 'M'},
        {"horizon", required_argument, NULL, 'H'},
        {"at", required_argument, NULL, 'a'},
        {"target", required_argument, NULL, 'T'},
        {"cap", required_argument, NULL, 'c'},
        {"format", required_argument, NULL, 'f'},
        {"lang", required_argument, NULL, 'L'},
        {"number-style", required_argument, NULL, 'N'},
        CLI_FIT_LONGOPTS,
        CLI_LOAD_LONGOPTS,
        {NULL, 0, NULL, 0}};
    return cli_parse_data_options(argc, argv, "project", ":m:", longopts,
                                  parse_value_option, opt);
}

/* ---- selection -------------------------------------------------------- */

static int wanted(const ProjectOptions *opt, const Series *s)
{
    if (s->n == 0 || (opt->metric && strcmp(s->metric, opt->metric) != 0))
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
            found = strcmp(ds->series[i].company, opt->companies.names[c]) ==
                        0 &&
                    (!opt->metric ||
                     strcmp(ds->series[i].metric, opt->metric) == 0);
        if (!found) {
            fprintf(stderr, "aigrowth: no series for company \"%s\"%s%s%s; "
                            "check the spelling in the data\n",
                    opt->companies.names[c],
                    opt->metric ? " with metric \"" : "",
                    opt->metric ? opt->metric : "",
                    opt->metric ? "\"" : "");
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
}

/* The selected series, in dataset order (borrowed from ds; caller frees
 * the array). */
static const Series **select_series(const Dataset *ds,
                                    const ProjectOptions *opt, size_t *n)
{
    const Series **sel = xmalloc_array(ds->n_series ? ds->n_series : 1,
                                       sizeof *sel);
    *n = 0;
    for (size_t i = 0; i < ds->n_series; i++)
        if (wanted(opt, &ds->series[i]))
            sel[(*n)++] = &ds->series[i];
    return sel;
}

/* ---- units of --target and --cap ------------------------------------- */

/* A unit as parse_value names it ("USD") against a series' ("usd"). */
static int same_unit(const char *a, const char *b)
{
    return ascii_casecmp(a, b) == 0;
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* "EUR, USD, users": the distinct units of the selection, sorted. */
static size_t list_units(const Series *const *sel, size_t n, char *buf,
                         size_t size)
{
    const char *units[CLI_MAX_NAMES];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < k && strcmp(units[j], sel[i]->unit) != 0)
            j++;
        if (j == k && k < CLI_MAX_NAMES)
            units[k++] = sel[i]->unit;
    }
    qsort(units, k, sizeof units[0], by_name);
    size_t len = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < k && len < size; j++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                j ? ", " : "",
                                units[j][0] ? units[j] : "no unit");
    return k;
}

/* The unit a --target or --cap applies to (*applies, borrowed from a
 * series): the one its text names, when the selection has series in it;
 * without one, the selection's only unit. Either way the value must be in
 * the unit of the series it is compared with, so anything else is a usage
 * error naming the units there are. */
static int resolve_unit(const char *option, const char *text, double value,
                        const char *unit, const Series *const *sel,
                        size_t n, const char **applies)
{
    char units[512], example[48];
    size_t k = list_units(sel, n, units, sizeof units);
    for (size_t i = 0; unit[0] && i < n; i++)
        if (same_unit(sel[i]->unit, unit)) {
            *applies = sel[i]->unit;
            return EXIT_OK;
        }
    if (unit[0])
        return cli_usage_error("%s \"%s\" is in %s but the selection has "
                               "series in %s only; write it in one of "
                               "those units or choose other series",
                               option, text, unit, units);
    if (k == 1) {
        *applies = sel[0]->unit;
        return EXIT_OK;
    }
    format_compact(value, "USD", 3, example, sizeof example);
    return cli_usage_error("%s \"%s\" has no unit and the selection has "
                           "series in %s; write the unit (such as %s) or "
                           "choose one --metric",
                           option, text, units, example);
}

/* ---- analysis --------------------------------------------------------- */

/* Analyses every selected series: the cap only where its unit applies. */
static void analyse(const Series *const *sel, size_t n,
                    const ProjectOptions *opt, const char *cap_unit,
                    FitView *fitted, SeriesAnalysis *rows)
{
    for (size_t i = 0; i < n; i++) {
        AnalysisOptions an = opt->an;
        an.cap = cap_unit && strcmp(sel[i]->unit, cap_unit) == 0 ? opt->cap
                                                                 : NAN;
        an.verified_only = opt->csv.verified_only;
        analysis_series_kept(sel[i], &an, &fitted[i], &rows[i]);
    }
}

static int comparable(const SeriesAnalysis *a, const SeriesAnalysis *b)
{
    return analysis_has_trend(a) && analysis_has_trend(b) &&
           strcmp(a->s->metric, b->s->metric) == 0 &&
           strcmp(a->s->unit, b->s->unit) == 0;
}

/* Compares every pair of one metric and unit. Past `limit` pairs only the
 * crossing ones are kept (a thousand series make half a million pairs);
 * the counts say how many were compared. */
static void compare_pairs(Projection *p, size_t limit)
{
    const SeriesAnalysis *rows = p->rows;
    size_t n = p->n_rows, cap = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            p->pairs_compared += comparable(&rows[i], &rows[j]);
    p->crossing_only = p->pairs_compared > limit;
    ProjectPair *pairs = NULL;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            Comparison c;
            if (!comparable(&rows[i], &rows[j]) ||
                analysis_compare(&rows[i], &rows[j], 1, &c) != 0)
                continue;
            p->pairs_crossing += c.status == COMPARE_CROSSES;
            if (p->crossing_only && c.status != COMPARE_CROSSES)
                continue;
            grow_array((void **)&pairs, &cap, p->n_pairs + 1, sizeof *pairs);
            pairs[p->n_pairs++] = (ProjectPair){i, j, c};
        }
    }
    p->pairs = pairs;
}

/* When each series of the target's unit reaches it. */
static void reach_targets(Projection *p, double target, const char *unit)
{
    ProjectTarget *t = xcalloc(p->n_rows ? p->n_rows : 1, sizeof *t);
    for (size_t i = 0; i < p->n_rows; i++) {
        if (strcmp(p->rows[i].s->unit, unit) != 0)
            continue;
        ProjectTarget *q = &t[p->n_targets++];
        q->row = i;
        q->rc = analysis_target(&p->rows[i], target, &q->r);
    }
    p->targets = t;
}

/* ---- command ------------------------------------------------------------ */

int cmd_project(int argc, char **argv)
{
    ProjectOptions opt = {.an = analysis_defaults(), .format = RESULT_TABLE};
    Projection p = {0};
    SeriesAnalysis *rows = NULL;
    FitView *fitted = NULL;
    const Series **sel = NULL;
    size_t n = 0;
    Dataset *ds = NULL;
    Error err;
    error_clear(&err);
    int rc = parse_options(argc, argv, &opt);
    if (rc != EXIT_OK)
        goto done;
    ds = cli_load((const char *const *)argv + optind, (size_t)(argc - optind),
                  &opt.csv, &err);
    if (!ds) {
        rc = cli_fail(&err);
        goto done;
    }
    if ((rc = check_selection(ds, &opt)) != EXIT_OK)
        goto done;
    sel = select_series(ds, &opt, &n);
    if (n == 0) {
        rc = cli_usage_error("no data to project");
        goto done;
    }
    const char *cap_unit = NULL;
    if (opt.cap_text &&
        (rc = resolve_unit("--cap", opt.cap_text, opt.cap, opt.cap_unit, sel,
                           n, &cap_unit)) != EXIT_OK)
        goto done;
    if (opt.target_text &&
        (rc = resolve_unit("--target", opt.target_text, opt.target,
                           opt.target_unit, sel, n, &p.target_unit)) !=
            EXIT_OK)
        goto done;

    rows = xcalloc(n, sizeof *rows);
    fitted = xcalloc(n, sizeof *fitted);
    analyse(sel, n, &opt, cap_unit, fitted, rows);
    p.model = opt.an.model;
    p.lang = lang_with_numbers(opt.lang, opt.number_style);
    p.level = opt.an.level;
    p.as_of = opt.an.as_of;
    p.at = opt.at;
    p.at_precision = opt.at_precision;
    p.n_at = opt.n_at;
    p.rows = rows;
    p.n_rows = n;
    compare_pairs(&p, opt.format == RESULT_TABLE ? PROJECT_TABLE_MAX_PAIRS
                                                  : PROJECT_DATA_MAX_PAIRS);
    if (opt.target_text) {
        p.has_target = 1;
        p.target = opt.target;
        reach_targets(&p, opt.target, p.target_unit);
    }
    rc = project_write(&p, opt.format, stdout) == 0 ? EXIT_OK : EXIT_IO;
    if (rc != EXIT_OK)
        fputs("aigrowth: cannot write the output\n", stderr);
done:
    free(p.pairs);
    free(p.targets);
    free(rows);
    for (size_t i = 0; fitted && i < n; i++)
        analysis_view_free(&fitted[i]);
    free(fitted);
    free(sel);
    dataset_destroy(ds);
    cli_names_free(&opt.companies);
    return rc;
}
