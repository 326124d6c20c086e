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
#include "i18n.h"
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
    const char *subtitle;
    const char *author;
    ReportPaper paper;
    Lang lang;
    int quiet;
    const char *const *files;
    size_t n_files;
} ReportOptions;

/* One chart of the report and its encoded files, held in memory until
 * everything has rendered so a failure writes nothing. */
typedef struct {
    const char *metric;
    int bar;
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
        {"subtitle", required_argument, NULL, 's'},
        {"author", required_argument, NULL, 'a'},
        {"page", required_argument, NULL, 'p'},
        {"lang", required_argument, NULL, 'l'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0}};
    *opt = (ReportOptions){.output = "report.pdf", .charts_dir = "charts"};
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:qt:", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': opt->output = optarg; break;
        case 'c': opt->charts_dir = optarg; break;
        case 't': opt->title = optarg; break;
        case 's': opt->subtitle = optarg; break;
        case 'a': opt->author = optarg; break;
        case 'q': opt->quiet = 1; break;
        case 'p':
            if (report_paper_parse(optarg, &opt->paper) != 0)
                return cli_usage_error("--page \"%s\": use a4, letter or "
                                       "slides", optarg);
            break;
        case 'l':
            if (lang_parse(optarg, &opt->lang) != 0)
                return cli_usage_error("--lang \"%s\": use en or zh-TW",
                                       optarg);
            break;
        case ':':
            return cli_usage_error("option %s needs a value",
                                   argv[optind - 1]);
        default:
            return cli_usage_error("unknown option %s for report",
                                   argv[optind - 1]);
        }
    }
    if (!opt->title)
        opt->title = lang_pick(opt->lang, "AI company growth",
                               "AI 公司成長");
    if (!opt->subtitle)
        opt->subtitle = lang_pick(
            opt->lang,
            "Revenue, valuation and users of AI companies, with trend "
            "projections",
            "AI 公司的營收、估值與用戶數，及其趨勢預測");
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

static int build_job(const Dataset *ds, const ReportOptions *opt,
                     const FontStack *fs, ReportChartJob *job, Error *err)
{
    char name[200];
    safe_name(job->metric, name, sizeof name);
    const char *suffix = job->bar ? "-latest" : "";
    snprintf(job->png_path, sizeof job->png_path, "%s/%s%s.png",
             opt->charts_dir, name, suffix);
    snprintf(job->svg_path, sizeof job->svg_path, "%s/%s%s.svg",
             opt->charts_dir, name, suffix);
    format_metric_name_lang(job->metric, opt->lang, job->metric_title,
                            sizeof job->metric_title);
    if (job->bar) {
        size_t len = strlen(job->metric_title);
        snprintf(job->metric_title + len, sizeof job->metric_title - len,
                 "%s", lang_pick(opt->lang, " (latest)", "（最新）"));
    }
    ChartRequest req = {.kind = job->bar ? CHART_BAR : CHART_LINE,
                        .metric = job->metric, .width = 960, .height = 540,
                        .axis = AXIS_AUTO, .model = MODEL_EXP, .level = 0.80,
                        .lang = opt->lang};
    if (chart_build(ds, &req, fs, &job->built, err) != 0)
        return -1;
    if (render_cairo(job->built.scene, fs, OUTPUT_PNG, 2.0, &job->png, err) ||
        render_cairo(job->built.scene, fs, OUTPUT_SVG, 1.0, &job->svg, err))
        return -1;
    return 0;
}

/* The valuation metric with the most companies, for the bar chart of
 * latest valuations; NULL when none has two companies. */
static const char *valuation_metric(const Dataset *ds, const char **metrics,
                                    size_t n)
{
    const char *best = NULL;
    size_t best_n = 1;
    for (size_t i = 0; i < n; i++) {
        if (!strstr(metrics[i], "valuation"))
            continue;
        size_t k = dataset_series_of_metric(ds, metrics[i], NULL, 0);
        if (k > best_n) {
            best = metrics[i];
            best_n = k;
        }
    }
    return best;
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

/* Key-figure rows in chart order (then the metrics without a chart), each
 * projected to its chart's horizon. */
static size_t key_rows(const Dataset *ds, const Fit *fits,
                       const ReportChartJob *jobs, size_t n_jobs,
                       ReportRow *rows)
{
    size_t n = 0;
    char *done = xcalloc(ds->n_series + 1, 1);
    for (size_t pass = 0; pass <= n_jobs; pass++) {
        const ReportChartJob *job = pass < n_jobs ? &jobs[pass] : NULL;
        if (job && job->bar)
            continue;
        for (size_t i = 0; i < ds->n_series; i++) {
            const Series *s = &ds->series[i];
            if (done[i] || (job && strcmp(s->metric, job->metric)))
                continue;
            done[i] = 1;
            rows[n++] = (ReportRow){s, &fits[i],
                                    job ? job->built.horizon : 0};
        }
    }
    free(done);
    return n;
}

static int write_report(const Dataset *ds, const ReportOptions *opt,
                        const FontStack *fs, ReportChartJob *jobs,
                        size_t n_jobs, Error *err)
{
    Fit *fits = xcalloc(ds->n_series + 1, sizeof *fits);
    ReportRow *rows = xcalloc(ds->n_series + 1, sizeof *rows);
    ReportChart *charts = xcalloc(n_jobs + 1, sizeof *charts);
    fit_every_series(ds, fits);
    size_t n_rows = key_rows(ds, fits, jobs, n_jobs, rows);
    for (size_t i = 0; i < n_jobs; i++) {
        const ChartBuilt *b = &jobs[i].built;
        charts[i] = (ReportChart){
            .title = jobs[i].metric_title, .scene = b->scene,
            .series = b->series, .fits = jobs[i].bar ? NULL : b->fits,
            .n_series = b->n, .horizon = b->horizon, .bar = jobs[i].bar};
    }
    ReportContent content = {
        .title = opt->title,
        .subtitle = opt->subtitle,
        .author = opt->author,
        .lang = opt->lang,
        .paper = opt->paper,
        .level = 0.80,
        .generated = cli_generation_time(),
        .data_as_of = latest_date(ds),
        .files = ds->files,
        .n_files = ds->n_files,
        .obs = ds->obs,
        .n_obs = ds->n_obs,
        .rows = rows,
        .n_rows = n_rows,
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
    size_t n_metrics = ordered_metrics(ds, metrics, MAX_CHARTS - 1);
    for (size_t i = 0; i < n_metrics; i++) {
        if (!metric_has_line(ds, metrics[i]))
            continue;
        jobs[n_jobs].metric = metrics[i];
        if (build_job(ds, &opt, fs, &jobs[n_jobs++], &err) != 0)
            goto fail;
    }
    const char *bar = valuation_metric(ds, metrics, n_metrics);
    if (bar) {
        jobs[n_jobs] = (ReportChartJob){.metric = bar, .bar = 1};
        if (build_job(ds, &opt, fs, &jobs[n_jobs++], &err) != 0)
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
