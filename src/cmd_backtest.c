/* cmd_backtest.c - `aigrowth backtest`: how well the projections would
 * have done, per model and lead time, on the data given. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backtest.h"
#include "cli.h"
#include "cmd.h"
#include "format.h"
#include "json.h"
#include "parse_date.h"
#include "util.h"

#define MAX_METHODS 8


typedef struct {
    const char *metric;
    CliNames companies;
    CsvOptions csv;
    int methods[MAX_METHODS];
    size_t n_methods;
    AnalysisOptions analysis;
    ResultFormat format;
} BacktestOptions;

/* "damped,exp": the models to score; the plain exponential is always
 * scored last as the reference. */
static int parse_models(BacktestOptions *opt, const char *arg)
{
    CliNames names = {0};
    int rc = cli_split_names(&names, arg, "--model");
    opt->n_methods = 0;
    for (size_t i = 0; rc == EXIT_OK && i < names.n; i++) {
        Model m;
        if (fit_model_parse(names.names[i], &m) != 0 || m == MODEL_NONE)
            rc = cli_usage_error("--model \"%s\": use damped, exp, linear, "
                                 "logistic or auto (a comma-separated list)",
                                 names.names[i]);
        else if (opt->n_methods + 1 < MAX_METHODS)
            opt->methods[opt->n_methods++] = m;
    }
    cli_names_free(&names);
    return rc;
}

static int parse_value_option(void *ctx, int c, char *arg)
{
    BacktestOptions *opt = ctx;
    switch (c) {
    case 'm': opt->metric = arg; return cli_load_option(&opt->csv, c, arg);
    CLI_LOAD_CASES:
        return cli_load_option(&opt->csv, c, arg);
    case 'C': return cli_split_names(&opt->companies, arg, "--company");
    case 'M': return parse_models(opt, arg);
    case CLI_OPT_AS_OF: case CLI_OPT_SINCE: case CLI_OPT_LAST:
    case CLI_OPT_LEVEL: {
        AnalysisOptions *an = &opt->analysis;
        return cli_fit_option(c, arg, (CliFitValues){&an->as_of, &an->since,
                                                     &an->last, &an->level});
    }
    case 'f': return cli_option_result_format(arg, &opt->format);
    }
    return cli_usage_error("unknown option");
}

static int parse_options(int argc, char **argv, BacktestOptions *opt)
{
    static const struct option longopts[] = {
        CLI_SELECT_LONGOPTS,
        {"model", required_argument, NULL, 'M'},
        {"format", required_argument, NULL, 'f'},
        CLI_FIT_LONGOPTS,
        CLI_LOAD_LONGOPTS,
        {NULL, 0, NULL, 0}};
    int rc = cli_parse_data_options(argc, argv, "backtest", ":m:", longopts,
                                    parse_value_option, opt);
    if (rc != EXIT_OK)
        return rc;
    opt->methods[opt->n_methods++] = BACKTEST_PLAIN_EXP;
    return EXIT_OK;
}

static int wanted(const BacktestOptions *opt, const Series *s)
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

static const char *const bucket_names[BACKTEST_BUCKETS + 1] = {
    "0-6", "6-12", "12+", "all"};

static const BacktestCell *cell_of(const BacktestScore *s, int b)
{
    return b < BACKTEST_BUCKETS ? &s->cell[b] : &s->all;
}

static void print_table(const BacktestScore *scores, size_t n,
                        const BacktestOptions *opt, FILE *out)
{
    const BacktestScore *ref = &scores[n - 1];
    fprintf(out,
            "Rolling-origin backtest: each series fitted on its first k "
            "points (k >= %d), as of the k-th date, forecasting its later "
            "points;\n%g%% intervals; error = |ln(observed / forecast)|, "
            "shown as the factor e^error\n",
            ANALYSIS_MIN_POINTS, opt->analysis.level * 100);
    fprintf(out, "%-9s %-7s %6s %8s %8s %9s %12s\n", "Model", "Months",
            "N", "Inside", "Median", "(factor)", "vs exp-line");
    for (size_t i = 0; i < n; i++) {
        for (int b = 0; b <= BACKTEST_BUCKETS; b++) {
            const BacktestCell *c = cell_of(&scores[i], b);
            const BacktestCell *r = cell_of(ref, b);
            char inside[16] = "-", med[16] = "-", fac[16] = "-",
                 vs[16] = "-";
            if (c->n) {
                snprintf(inside, sizeof inside, "%.0f%%",
                         100.0 * (double)c->inside / (double)c->n);
                snprintf(med, sizeof med, "%.3f", c->median_error);
                snprintf(fac, sizeof fac, "x%.2f", exp(c->median_error));
            }
            if (c->n && r->n && r->median_error > 0 && i + 1 < n)
                snprintf(vs, sizeof vs, "%.2f",
                         c->median_error / r->median_error);
            fprintf(out, "%-9s %-7s %6zu %8s %8s %9s %12s\n",
                    b == 0 ? backtest_method_name(scores[i].method) : "",
                    bucket_names[b], c->n, inside, med, fac, vs);
        }
    }
    fprintf(out, "exp-line: the least-squares exponential with an iid "
                 "interval, not anchored (the method before)\n");
}

static void print_csv(const BacktestScore *scores, size_t n, FILE *out)
{
    fputs("model,lead_months,n,inside,coverage,median_abs_log_error\n", out);
    for (size_t i = 0; i < n; i++)
        for (int b = 0; b <= BACKTEST_BUCKETS; b++) {
            const BacktestCell *c = cell_of(&scores[i], b);
            fprintf(out, "%s,%s,%zu,%zu,", backtest_method_name(scores[i].method),
                    bucket_names[b], c->n, c->inside);
            if (c->n)
                fprintf(out, "%.17g,%.17g\n",
                        (double)c->inside / (double)c->n, c->median_error);
            else
                fputs(",\n", out);
        }
}

static void print_json(const BacktestScore *scores, size_t n,
                       const BacktestOptions *opt, FILE *out)
{
    fputs("{\n  \"level\": ", out);
    json_number(out, opt->analysis.level);
    fprintf(out, ", \"min_points\": %d,\n"
                 "  \"error\": \"median |ln(observed / forecast)|\",\n"
                 "  \"models\": [\n",
            ANALYSIS_MIN_POINTS);
    for (size_t i = 0; i < n; i++) {
        fputs("    {\"model\": ", out);
        json_string(out, backtest_method_name(scores[i].method));
        fprintf(out, ", \"series\": %zu, \"origins\": %zu, \"leads\": [",
                scores[i].series, scores[i].origins);
        for (int b = 0; b <= BACKTEST_BUCKETS; b++) {
            const BacktestCell *c = cell_of(&scores[i], b);
            fprintf(out, "%s\n      {\"months\": \"%s\", \"n\": %zu, "
                         "\"inside\": %zu, ",
                    b ? "," : "", bucket_names[b], c->n, c->inside);
            double coverage = c->n ? (double)c->inside / (double)c->n : NAN;
            fputs("\"coverage\": ", out);
            json_number(out, coverage);
            fputs(", \"median_error\": ", out);
            json_number(out, c->n ? c->median_error : NAN);
            fputc('}', out);
        }
        fprintf(out, "]}%s\n", i + 1 < n ? "," : "");
    }
    fputs("  ]\n}\n", out);
}

/* The series as backtested: with --verified-only the view of its
 * verified points (*view, released with analysis_view_free), so forecasts
 * are made from them and scored against them. */
static const Series *scored_series(const Series *s, int verified_only,
                                   FitView *view)
{
    if (verified_only)
        analysis_kept_view(s, view);
    else
        *view = (FitView){.s = *s};
    return &view->s;
}

int cmd_backtest(int argc, char **argv)
{
    BacktestOptions opt = {.analysis = analysis_defaults(),
                           .format = RESULT_TABLE};
    opt.methods[opt.n_methods++] = ANALYSIS_DEFAULT_MODEL;
    Dataset *ds = NULL;
    const Series **series = NULL;
    FitView *fitted = NULL;
    size_t n = 0;
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
    series = xmalloc_array(ds->n_series + 1, sizeof *series);
    fitted = xcalloc(ds->n_series + 1, sizeof *fitted);
    for (size_t i = 0; i < ds->n_series; i++) {
        if (!wanted(&opt, &ds->series[i]))
            continue;
        series[n] = scored_series(&ds->series[i], opt.csv.verified_only,
                                  &fitted[n]);
        n++;
    }
    if (n == 0) {
        rc = cli_usage_error("no series match the --metric and --company "
                             "given");
        goto done;
    }
    BacktestScore scores[MAX_METHODS];
    for (size_t i = 0; i < opt.n_methods; i++)
        backtest_score(series, n, opt.methods[i], &opt.analysis, &scores[i]);
    if (opt.format == RESULT_CSV)
        print_csv(scores, opt.n_methods, stdout);
    else if (opt.format == RESULT_JSON)
        print_json(scores, opt.n_methods, &opt, stdout);
    else
        print_table(scores, opt.n_methods, &opt, stdout);
    rc = EXIT_OK;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("aigrowth: cannot write the output\n", stderr);
        rc = EXIT_IO;
    }
done:
    for (size_t i = 0; fitted && i < n; i++)
        analysis_view_free(&fitted[i]);
    free(fitted);
    free(series);
    dataset_destroy(ds);
    cli_names_free(&opt.companies);
    return rc;
}
