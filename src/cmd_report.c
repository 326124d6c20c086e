/* cmd_report.c - `aigrowth report`: every metric's chart into charts/ and
 * the multi-page PDF report. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_build.h"
#include "cli.h"
#include "cmd.h"
#include "dates.h"
#include "fit.h"
#include "format.h"
#include "fsutil.h"
#include "render_cairo.h"
#include "report.h"
#include "util.h"

#define MAX_CHARTS 64

static const char *const default_files[] = {
    "datasets/revenue.csv", "datasets/valuation.csv", "datasets/users.csv"};

typedef struct {
    const char *output;
    const char *charts_dir;
    const char *title;
    int quiet;
    const char *const *files;
    size_t n_files;
} ReportOptions;

/* One chart of the report and its encoded files, held in memory until
 * everything has rendered so a failure writes nothing. */
typedef struct {
    char metric_title[160];
    char png_path[1024], svg_path[1024];
    ChartBuilt built;
    ByteBuf png, svg;
} ReportChartJob;

static int parse_options(int argc, char **argv, ReportOptions *opt)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"charts", required_argument, NULL, 'c'},
        {"title", required_argument, NULL, 't'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0}};
    *opt = (ReportOptions){.output = "report.pdf", .charts_dir = "charts",
                           .title = "AI company growth"};
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:qt:", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': opt->output = optarg; break;
        case 'c': opt->charts_dir = optarg; break;
        case 't': opt->title = optarg; break;
        case 'q': opt->quiet = 1; break;
        case ':':
            return cli_usage_error("option %s needs a value",
                                   argv[optind - 1]);
        default:
            return cli_usage_error("unknown option %s for report",
                                   argv[optind - 1]);
        }
    }
    if (optind < argc) {
        opt->files = (const char *const *)argv + optind;
        opt->n_files = (size_t)(argc - optind);
    } else {
        opt->files = default_files;
        opt->n_files = sizeof default_files / sizeof default_files[0];
    }
    return EXIT_OK;
}

/* File names come from metric ids in the data: keep a safe set only. */
static void safe_name(const char *in, char *out, size_t size)
{
    size_t i = 0;
    for (; *in && i + 1 < size; in++) {
        char ch = *in;
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                 (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
        out[i++] = ok ? ch : '_';
    }
    out[i] = '\0';
    if (i == 0 || out[0] == '-')
        snprintf(out, size, "chart");
}

/* A chart is worth drawing when some series has a line to show. */
static int metric_has_line(const Dataset *ds, const char *metric)
{
    for (size_t i = 0; i < ds->n_series; i++)
        if (strcmp(ds->series[i].metric, metric) == 0 && ds->series[i].n >= 2)
            return 1;
    return 0;
}

static size_t metric_points(const Dataset *ds, const char *metric)
{
    size_t n = 0;
    for (size_t i = 0; i < ds->n_series; i++)
        if (strcmp(ds->series[i].metric, metric) == 0)
            n += ds->series[i].n;
    return n;
}

static size_t metric_file_index(const Dataset *ds, const char *metric)
{
    for (size_t i = 0; i < ds->n_series; i++) {
        if (strcmp(ds->series[i].metric, metric) != 0)
            continue;
        for (size_t f = 0; f < ds->n_files; f++)
            if (strcmp(ds->files[f].path, ds->series[i].file) == 0)
                return f;
    }
    return 0;
}

/* Chart order: by data file as given, then the best-covered metric first. */
static size_t ordered_metrics(const Dataset *ds, const char **out, size_t max)
{
    size_t n = dataset_metrics(ds, out, max);
    if (n > max)
        n = max;
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0; j--) {
            const char *a = out[j - 1], *b = out[j];
            size_t fa = metric_file_index(ds, a), fb = metric_file_index(ds, b);
            if (fa < fb || (fa == fb && metric_points(ds, a) >=
                                            metric_points(ds, b)))
                break;
            out[j - 1] = b;
            out[j] = a;
        }
    }
    return n;
}

static int build_job(const Dataset *ds, const char *metric,
                     const ReportOptions *opt, const FontStack *fs,
                     ReportChartJob *job, Error *err)
{
    char name[200];
    safe_name(metric, name, sizeof name);
    snprintf(job->png_path, sizeof job->png_path, "%s/%s.png",
             opt->charts_dir, name);
    snprintf(job->svg_path, sizeof job->svg_path, "%s/%s.svg",
             opt->charts_dir, name);
    format_metric_name(metric, job->metric_title, sizeof job->metric_title);
    ChartRequest req = {.metric = metric, .width = 960, .height = 540,
                        .axis = AXIS_AUTO, .model = MODEL_EXP, .level = 0.80};
    if (chart_build(ds, &req, fs, &job->built, err) != 0)
        return -1;
    if (render_cairo(job->built.scene, fs, OUTPUT_PNG, 2.0, &job->png, err) ||
        render_cairo(job->built.scene, fs, OUTPUT_SVG, 1.0, &job->svg, err))
        return -1;
    return 0;
}

static void fit_every_series(const Dataset *ds, Fit *fits)
{
    for (size_t i = 0; i < ds->n_series; i++) {
        const Series *s = &ds->series[i];
        fits[i].model = MODEL_NONE;
        if (s->n < 2)
            continue;
        double *t = xmalloc_array(s->n, sizeof *t);
        for (size_t j = 0; j < s->n; j++)
            t[j] = date_to_years(s->date[j]);
        Error ignored;
        error_clear(&ignored);
        if (fit_exponential(t, s->value, s->n, &fits[i], &ignored) != 0)
            fits[i].model = MODEL_NONE;
        free(t);
    }
}

static long latest_date(const Dataset *ds)
{
    long latest = 0;
    for (size_t i = 0; i < ds->n_obs; i++)
        if (i == 0 || ds->obs[i].date > latest)
            latest = ds->obs[i].date;
    return latest;
}

static int write_report(const Dataset *ds, const ReportOptions *opt,
                        const FontStack *fs, ReportChartJob *jobs,
                        size_t n_jobs, Error *err)
{
    Fit *fits = xcalloc(ds->n_series + 1, sizeof *fits);
    ReportRow *rows = xcalloc(ds->n_series + 1, sizeof *rows);
    ReportChart *charts = xcalloc(n_jobs + 1, sizeof *charts);
    fit_every_series(ds, fits);
    for (size_t i = 0; i < ds->n_series; i++)
        rows[i] = (ReportRow){&ds->series[i], &fits[i]};
    for (size_t i = 0; i < n_jobs; i++)
        charts[i] = (ReportChart){jobs[i].metric_title, jobs[i].built.scene};
    ReportContent content = {
        .title = opt->title,
        .subtitle = "Revenue, valuation and users of AI companies, with "
                    "exponential trend projections",
        .generated = cli_generation_time(),
        .data_as_of = latest_date(ds),
        .files = ds->files,
        .n_files = ds->n_files,
        .rows = rows,
        .n_rows = ds->n_series,
        .charts = charts,
        .n_charts = n_jobs,
    };
    int rc = report_write(&content, fs, opt->output, err);
    free(charts);
    free(rows);
    free(fits);
    return rc;
}

static int write_charts(ReportChartJob *jobs, size_t n, const char *dir,
                        Error *err)
{
    if (fsutil_ensure_dir(dir, err) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (fsutil_write_atomic(jobs[i].png_path, jobs[i].png.data,
                                jobs[i].png.len, err) != 0 ||
            fsutil_write_atomic(jobs[i].svg_path, jobs[i].svg.data,
                                jobs[i].svg.len, err) != 0)
            return -1;
    }
    return 0;
}

int cmd_report(int argc, char **argv)
{
    ReportOptions opt;
    int rc = parse_options(argc, argv, &opt);
    if (rc != EXIT_OK)
        return rc;
    Error err;
    error_clear(&err);
    FontStack *fs = NULL;
    Dataset *ds = NULL;
    ReportChartJob *jobs = xcalloc(MAX_CHARTS, sizeof *jobs);
    size_t n_jobs = 0;
    const char *metrics[MAX_CHARTS];

    fs = fontstack_create(&err);
    if (!fs)
        goto fail;
    ds = cli_load(opt.files, opt.n_files, &err);
    if (!ds)
        goto fail;
    size_t n_metrics = ordered_metrics(ds, metrics, MAX_CHARTS);
    for (size_t i = 0; i < n_metrics; i++) {
        if (!metric_has_line(ds, metrics[i]))
            continue;
        if (build_job(ds, metrics[i], &opt, fs, &jobs[n_jobs++], &err) != 0)
            goto fail;
    }
    if (write_report(ds, &opt, fs, jobs, n_jobs, &err) != 0 ||
        write_charts(jobs, n_jobs, opt.charts_dir, &err) != 0)
        goto fail;
    if (!opt.quiet)
        printf("aigrowth: wrote %s and %zu charts (PNG and SVG) in %s/\n",
               opt.output, n_jobs, opt.charts_dir);
    rc = EXIT_OK;
    goto done;
fail:
    rc = cli_fail(&err);
done:
    for (size_t i = 0; i < n_jobs; i++) {
        chart_built_free(&jobs[i].built);
        bytebuf_free(&jobs[i].png);
        bytebuf_free(&jobs[i].svg);
    }
    free(jobs);
    dataset_destroy(ds);
    fontstack_destroy(fs);
    return rc;
}
