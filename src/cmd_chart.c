/* cmd_chart.c - `aigrowth chart`: one chart from data files to a PNG, SVG
 * or PDF file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_build.h"
#include "cli.h"
#include "cmd.h"
#include "render_cairo.h"
#include "util.h"

#define MAX_COMPANIES 64

typedef struct {
    const char *output;
    const char *metric;
    const char *horizon;
    double scale;
    char *company_list;       /* owned copy, split in place */
    const char *companies[MAX_COMPANIES];
    size_t n_companies;
    ChartRequest req;
} ChartOptions;

static int split_companies(ChartOptions *opt, const char *list)
{
    free(opt->company_list);
    opt->company_list = xstrdup(list);
    opt->n_companies = 0;
    for (char *p = opt->company_list; p;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        while (*p == ' ')
            p++;
        size_t len = strlen(p);
        while (len > 0 && p[len - 1] == ' ')
            p[--len] = '\0';
        if (*p) {
            if (opt->n_companies == MAX_COMPANIES)
                return cli_usage_error("--company lists more than %d names",
                                       MAX_COMPANIES);
            opt->companies[opt->n_companies++] = p;
        }
        p = comma ? comma + 1 : NULL;
    }
    if (opt->n_companies == 0)
        return cli_usage_error("--company needs at least one name");
    return EXIT_OK;
}

static int parse_value_option(ChartOptions *opt, int c, const char *arg)
{
    switch (c) {
    case 'o': opt->output = arg; return EXIT_OK;
    case 'm': opt->metric = arg; return EXIT_OK;
    case 'C': return split_companies(opt, arg);
    case 't': opt->req.title = arg; return EXIT_OK;
    case 'S': opt->req.subtitle = arg; return EXIT_OK;
    case 'H': opt->horizon = arg; return EXIT_OK;
    case 'z':
        if (cli_parse_size(arg, &opt->req.width, &opt->req.height) != 0)
            return cli_usage_error("--size \"%s\" is not a size; use slide, "
                                   "4:3, square, a4 or WIDTHxHEIGHT in "
                                   "pixels",
                                   arg);
        return EXIT_OK;
    case 's': {
        char *end;
        opt->scale = strtod(arg, &end);
        if (end == arg || *end || !(opt->scale >= 0.25 && opt->scale <= 8))
            return cli_usage_error("--scale \"%s\" must be a number from "
                                   "0.25 to 8",
                                   arg);
        return EXIT_OK;
    }
    case 'a':
        if (strcmp(arg, "log") == 0)
            opt->req.axis = AXIS_LOG;
        else if (strcmp(arg, "linear") == 0)
            opt->req.axis = AXIS_LINEAR;
        else if (strcmp(arg, "auto") == 0)
            opt->req.axis = AXIS_AUTO;
        else
            return cli_usage_error("--axis \"%s\": use log, linear or auto",
                                   arg);
        return EXIT_OK;
    case 'M':
        if (strcmp(arg, "exp") == 0)
            opt->req.model = MODEL_EXP;
        else if (strcmp(arg, "none") == 0)
            opt->req.model = MODEL_NONE;
        else
            return cli_usage_error("--model \"%s\": use exp or none", arg);
        return EXIT_OK;
    }
    return cli_usage_error("unknown option");
}

static int parse_options(int argc, char **argv, ChartOptions *opt)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"metric", required_argument, NULL, 'm'},
        {"company", required_argument, NULL, 'C'},
        {"title", required_argument, NULL, 't'},
        {"subtitle", required_argument, NULL, 'S'},
        {"size", required_argument, NULL, 'z'},
        {"scale", required_argument, NULL, 's'},
        {"axis", required_argument, NULL, 'a'},
        {"model", required_argument, NULL, 'M'},
        {"horizon", required_argument, NULL, 'H'},
        {NULL, 0, NULL, 0}};
    optind = 1;
    opterr = 0;
    int c, rc;
    while ((c = getopt_long(argc, argv, ":o:m:", longopts, NULL)) != -1) {
        if (c == ':')
            return cli_usage_error("option %s needs a value",
                                   argv[optind - 1]);
        if (c == '?')
            return cli_usage_error("unknown option %s for chart",
                                   argv[optind - 1]);
        if ((rc = parse_value_option(opt, c, optarg)) != EXIT_OK)
            return rc;
    }
    if (optind >= argc)
        return cli_usage_error("chart needs at least one data file");
    if (!opt->output)
        return cli_usage_error("chart needs -o FILE (.png, .svg or .pdf)");
    return EXIT_OK;
}

/* Without --metric the data must hold exactly one metric. */
static int pick_metric(const Dataset *ds, ChartOptions *opt)
{
    if (opt->metric) {
        if (dataset_series_of_metric(ds, opt->metric, NULL, 0) > 0)
            return EXIT_OK;
        fprintf(stderr, "aigrowth: the data has no metric \"%s\"\n",
                opt->metric);
    } else if (dataset_metrics(ds, NULL, 0) == 1) {
        dataset_metrics(ds, &opt->metric, 1);
        return EXIT_OK;
    } else {
        fputs("aigrowth: the data holds several metrics; choose one with "
              "--metric\n",
              stderr);
    }
    const char *names[64];
    size_t n = dataset_metrics(ds, names, 64);
    fputs("aigrowth: metrics in the data:", stderr);
    for (size_t i = 0; i < n && i < 64; i++)
        fprintf(stderr, " %s", names[i]);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

int cmd_chart(int argc, char **argv)
{
    ChartOptions opt = {.scale = 2.0,
                        .req = {.width = 960, .height = 540,
                                .axis = AXIS_AUTO, .model = MODEL_EXP,
                                .level = 0.80}};
    int rc = parse_options(argc, argv, &opt);
    Error err;
    error_clear(&err);
    FontStack *fs = NULL;
    Dataset *ds = NULL;
    ChartBuilt built = {0};
    if (rc != EXIT_OK)
        goto done;
    ds = cli_load((const char *const *)argv + optind, (size_t)(argc - optind),
                  &err);
    if (!ds)
        goto fail;
    if ((rc = pick_metric(ds, &opt)) != EXIT_OK)
        goto done;
    if (opt.horizon && cli_parse_horizon(opt.horizon, &opt.req.horizon,
                                         &opt.req.horizon_months)) {
        rc = cli_usage_error("--horizon \"%s\" is not a date; use "
                             "YYYY-MM-DD, YYYY-MM, YYYY or +12m",
                             opt.horizon);
        goto done;
    }
    opt.req.metric = opt.metric;
    if (opt.n_companies) {
        opt.req.companies = opt.companies;
        opt.req.n_companies = opt.n_companies;
    }
    fs = fontstack_create(&err);
    if (!fs || chart_build(ds, &opt.req, fs, &built, &err) != 0 ||
        render_cairo_file(built.scene, fs, opt.output, opt.scale, &err) != 0)
        goto fail;
    rc = EXIT_OK;
    goto done;
fail:
    rc = cli_fail(&err);
done:
    chart_built_free(&built);
    dataset_destroy(ds);
    fontstack_destroy(fs);
    free(opt.company_list);
    return rc;
}
