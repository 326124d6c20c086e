/* run_plan.c - which charts a report run draws, from which data: one
 * per [chart] section of the spec, else one per metric. */
#include "report_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dates.h"
#include "format.h"
#include "i18n.h"
#include "parse_date.h"
#include "util.h"

static int same_files(const StrList *a, const StrList *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->items[i], b->items[i]) != 0)
            return 0;
    return 1;
}

/* The dataset of a list of files, loaded once per run. */
const Dataset *run_data_for(ReportRun *run, const StrList *files,
                            Error *err)
{
    for (size_t i = 0; i < run->n_loaded; i++)
        if (same_files(run->loaded[i].files, files))
            return run->loaded[i].ds;
    if (run->n_loaded == MAX_CHARTS + 1) {
        error_set(err, ERR_USAGE, run->spec.path, 0, 0,
                  "more than %d different data lists; share data between "
                  "charts",
                  MAX_CHARTS);
        return NULL;
    }
    Dataset *ds = cli_load((const char *const *)files->items, files->n,
                           &run->spec.csv, err);
    if (!ds)
        return NULL;
    run->loaded[run->n_loaded++] = (LoadedData){files, ds};
    return ds;
}

/* ---- chart jobs ---- */

static size_t metric_points(const Dataset *ds, const char *metric)
{
    size_t n = 0;
    for (size_t i = 0; i < ds->n_series; i++)
        if (strcmp(ds->series[i].metric, metric) == 0)
            n += ds->series[i].n;
    return n;
}

static int metric_has_line(const Dataset *ds, const char *metric)
{
    for (size_t i = 0; i < ds->n_series; i++)
        if (strcmp(ds->series[i].metric, metric) == 0 && ds->series[i].n >= 2)
            return 1;
    return 0;
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

/* Settings every chart of the report shares. Slides show a chart smaller
 * than its page (a caption sits below) and are read from across a room:
 * their type is a third larger. */
void run_base_request(const Spec *spec, ChartRequest *req)
{
    *req = (ChartRequest){.kind = CHART_LINE, .width = 960, .height = 540,
                          .axis = AXIS_AUTO, .model = ANALYSIS_DEFAULT_MODEL,
                          .level = spec->level, .cap = spec->cap,
                          .theme = spec->theme,
                          .lang = spec->lang,
                          .source = spec->credits.source,
                          .note = spec->credits.note,
                          .credit = spec->credits.credit,
                          .verified_only = spec->csv.verified_only,
                          .facet_many = 1,
                          .type_scale = spec->page &&
                                                !strcmp(spec->page, "slides")
                                            ? 1.3
                                            : 1};
}

int run_parse_horizon(const char *text, ChartRequest *req,
                      const char *where, Error *err)
{
    if (!text)
        return 0;
    if (cli_parse_horizon(text, &req->horizon, &req->horizon_months) == 0)
        return 0;
    error_set(err, ERR_DATA, where, 0, 0,
              "horizon \"%s\" is not a date or +12m", text);
    return -1;
}

static ChartJob *new_job(ReportRun *run, Error *err)
{
    if (run->n_jobs == MAX_CHARTS) {
        error_set(err, ERR_USAGE, run->spec.path, 0, 0,
                  "more than %d charts; split the report", MAX_CHARTS);
        return NULL;
    }
    ChartJob *job = &run->jobs[run->n_jobs++];
    memset(job, 0, sizeof *job);
    run_base_request(&run->spec, &job->req);
    job->req.as_of = run->opt.as_of;
    return job;
}

/* The event markers of events (a path; NULL: none) onto job's chart. */
static int load_job_events(ChartJob *job, const char *events, Error *err)
{
    if (!events)
        return 0;
    if (csvload_events(&job->events, events, err) != 0)
        return -1;
    job->req.events = &job->events;
    return 0;
}

/* One chart per metric with a line to draw, and a bar chart of the latest
 * valuations: the report of a spec without [chart] sections. */
static int plan_metric_charts(ReportRun *run, const Dataset *ds, Error *err)
{
    const char *metrics[MAX_CHARTS];
    size_t n = ordered_metrics(ds, metrics, MAX_CHARTS - 1);
    for (size_t i = 0; i < n; i++) {
        if (!metric_has_line(ds, metrics[i]))
            continue;
        ChartJob *job = new_job(run, err);
        if (!job)
            return -1;
        job->ds = ds;
        job->req.metric = metrics[i];
        job->stem = xstrdup(metrics[i]);
        job->label = xstrfmt("the chart of metric \"%s\"", metrics[i]);
        format_metric_name_lang(metrics[i], run->spec.lang, job->title,
                                sizeof job->title);
        if (load_job_events(job, run->spec.events, err) != 0 ||
            run_parse_horizon(run->spec.horizon, &job->req,
                              run->spec.path, err) != 0)
            return -1;
    }
    const char *bar = valuation_metric(ds, metrics, n);
    if (bar) {
        ChartJob *job = new_job(run, err);
        if (!job)
            return -1;
        job->ds = ds;
        job->req.kind = CHART_BAR;
        job->req.metric = bar;
        job->stem = xstrfmt("%s-latest", bar);
        job->label = xstrfmt("the bar chart of the latest \"%s\"", bar);
        format_metric_name_lang(bar, run->spec.lang, job->title,
                                sizeof job->title);
        size_t len = strlen(job->title);
        snprintf(job->title + len, sizeof job->title - len, "%s",
                 lang_pick(run->spec.lang, " (latest)", "（最新）"));
    }
    return 0;
}

static int chart_window(const ChartSpec *cs, ChartRequest *req,
                        const char *path, Error *err)
{
    req->last = cs->last > 0 ? (size_t)cs->last : 0;
    if (!cs->since)
        return 0;
    DatePrecision precision;
    char why[256];
    if (parse_date(cs->since, &req->since, &precision, why, sizeof why) == 0)
        return 0;
    error_set(err, ERR_DATA, path, cs->line, 1, "[chart %s] since: %s",
              cs->name, why);
    return -1;
}

/* The chart's hline, range and annotate keys (checked when the spec was
 * read) as the request's annotations, owned by the job. */
static void plan_notes(ChartJob *job, const ChartSpec *cs)
{
    size_t n = 0;
    for (int k = 0; k < NOTE_KINDS; k++)
        n += cs->notes[k].n;
    if (n == 0)
        return;
    job->notes = xcalloc(n, sizeof *job->notes);
    size_t kept = 0;
    char why[300];
    for (int k = 0; k < NOTE_KINDS; k++)
        for (size_t i = 0; i < cs->notes[k].n; i++)
            kept += annotation_parse((NoteKind)k, cs->notes[k].items[i],
                                     &job->notes[kept], why,
                                     sizeof why) == 0;
    job->req.notes = job->notes;
    job->req.n_notes = kept;
}

/* What an aligned chart cannot draw, as chart --align refuses it. */
static int check_align(const Spec *spec, const ChartSpec *cs, Error *err)
{
    if (cs->align.kind == ALIGN_NONE)
        return 0;
    const char *why = NULL;
    if (cs->kind != CHART_LINE)
        why = "align draws line charts only; remove it or use type = line";
    else if (cs->index_base > 0 || cs->growth)
        why = "index and growth rebase at one calendar date, align starts "
              "each series at its own; choose one";
    else if (cs->notes[NOTE_RANGE].n || cs->notes[NOTE_CALLOUT].n)
        why = "range and annotate take calendar dates, which an aligned "
              "chart does not have; remove them or align";
    for (int lang = 0; !why && lang < LANG_COUNT; lang++)
        if (cs->notes_in[lang][NOTE_RANGE].n ||
            cs->notes_in[lang][NOTE_CALLOUT].n)
            why = "range and annotate take calendar dates, which an "
                  "aligned chart does not have; remove them or align";
    if (!why)
        return 0;
    error_set(err, ERR_DATA, spec->path, cs->line, 1, "[chart %s] %s",
              cs->name, why);
    return -1;
}

/* facet and facet_scale as the chart command refuses them, naming the
 * chart's section. */
static int check_facet(const Spec *spec, const ChartSpec *cs, Error *err)
{
    const char *why = NULL;
    size_t notes = 0;
    for (int k = 0; k < NOTE_KINDS; k++)
        notes += cs->notes[k].n;
    if (cs->facet != FACET_NONE && cs->kind != CHART_LINE)
        why = "facet draws line charts only; remove it or use type = line";
    else if (cs->facet_scale_set && cs->facet == FACET_NONE)
        why = "facet_scale needs facet = company or metric";
    else if (cs->facet != FACET_NONE && cs->events)
        why = "events are not drawn on small multiples; remove them, or "
              "remove facet";
    else if (cs->facet != FACET_NONE && cs->align.kind != ALIGN_NONE)
        why = "align is not drawn on small multiples; remove it, or "
              "remove facet";
    else if (cs->facet != FACET_NONE && notes)
        why = "hline, range and annotate are not drawn on small "
              "multiples; remove them, or remove facet";
    if (!why)
        return 0;
    error_set(err, ERR_DATA, spec->path, cs->line, 1, "[chart %s] %s",
              cs->name, why);
    return -1;
}

static int plan_spec_chart(ReportRun *run, const ChartSpec *cs, Error *err)
{
    const Spec *spec = &run->spec;
    if (!cs->metric) {
        error_set(err, ERR_DATA, spec->path, cs->line, 1,
                  "[chart %s] has no metric; add metric = NAME (aigrowth "
                  "check lists the metrics)",
                  cs->name);
        return -1;
    }
    ChartJob *job = new_job(run, err);
    if (!job)
        return -1;
    job->cs = cs;
    job->ds = run_data_for(run, cs->data.n ? &cs->data : &spec->data, err);
    if (!job->ds)
        return -1;
    ChartRequest *req = &job->req;
    req->kind = cs->kind;
    req->metric = cs->metric;
    if (cs->companies.n) {
        req->companies = (const char *const *)cs->companies.items;
        req->n_companies = cs->companies.n;
    }
    if (cs->highlight.n) {
        req->highlight = (const char *const *)cs->highlight.items;
        req->n_highlight = cs->highlight.n;
    }
    req->colors = cs->colors;
    req->n_colors = cs->n_colors;
    req->title = cs->title;
    req->subtitle = cs->subtitle;
    if (cs->credits.source)
        req->source = cs->credits.source;
    if (cs->credits.note)
        req->note = cs->credits.note;
    if (cs->credits.credit)
        req->credit = cs->credits.credit;
    if (cs->width > 0) {
        /* A size is the PNG's pixels; the scene is half that in points
         * and encoded at 2x, like every chart of the report. */
        req->width = cs->width / 2;
        req->height = cs->height / 2;
    }
    req->axis = cs->axis;
    if (cs->model_set)
        req->model = cs->model;
    if (cs->cap > 0)
        req->cap = cs->cap;
    req->target = cs->target;
    req->target_unit = cs->target_unit;
    plan_notes(job, cs);
    req->index_base = cs->index_base;
    req->growth = cs->growth;
    if (cs->index_at) {
        DatePrecision prec;
        char why[200];
        if (parse_date(cs->index_at, &req->index_at, &prec, why,
                       sizeof why) != 0)
            req->index_at = 0; /* checked when the spec was read */
    }
    req->align = cs->align;
    req->launches = spec->launches;
    req->n_launches = spec->n_launches;
    if (check_align(spec, cs, err) != 0)
        return -1;
    if ((cs->index_base > 0 || cs->growth) && cs->kind != CHART_LINE) {
        error_set(err, ERR_DATA, spec->path, cs->line, 1,
                  "[chart %s] index and growth rebase line charts only; "
                  "remove them or use type = line",
                  cs->name);
        return -1;
    }
    req->facet = cs->facet;
    req->facet_scale = cs->facet_scale;
    if (check_facet(spec, cs, err) != 0)
        return -1;
    if (cs->kind == CHART_MILESTONES && !(cs->target > 0)) {
        error_set(err, ERR_DATA, spec->path, cs->line, 1,
                  "[chart %s] type = milestones needs target = V, the "
                  "value to reach (such as 100B)",
                  cs->name);
        return -1;
    }
    if (!cs->kind_set && !chart_wants_line(req) &&
        chart_is_cross_section(job->ds, req))
        req->kind = CHART_BAR;
    job->stem = xstrdup(cs->name);
    job->label = xstrfmt("[chart %s]", cs->name);
    if (cs->title)
        snprintf(job->title, sizeof job->title, "%s", cs->title);
    else
        format_metric_name_lang(cs->metric, spec->lang, job->title,
                                sizeof job->title);
    if (load_job_events(job, cs->events ? cs->events : spec->events,
                        err) != 0)
        return -1;
    if (chart_window(cs, req, spec->path, err) != 0)
        return -1;
    return run_parse_horizon(cs->horizon ? cs->horizon : spec->horizon,
                             req, spec->path, err);
}

/* A metric's chart is named after it: one that cannot name a file is
 * refused, naming the data file it comes from. */
static int check_metric_stems(const ReportRun *run, const Dataset *ds,
                              Error *err)
{
    for (size_t i = 0; i < run->n_jobs; i++) {
        const ChartJob *job = &run->jobs[i];
        char why[96];
        if (spec_check_stem(job->stem, why, sizeof why) == 0)
            continue;
        size_t f = metric_file_index(ds, job->req.metric);
        error_set(err, ERR_DATA, f < ds->n_files ? ds->files[f].path : NULL,
                  0, 0,
                  "metric \"%s\" cannot name its chart's files: \"%s\" "
                  "%s; draw it from a [chart NAME] section of a spec",
                  job->req.metric, job->stem, why);
        return -1;
    }
    return 0;
}

/* No two outputs may be one file: one would be lost and the other
 * redrawn on every run. Paths are compared as the system resolves them
 * (the charts directory exists by now). */
static int check_outputs_distinct(const ReportRun *run, Error *err)
{
    size_t n = 0;
    char **paths = xcalloc(3 * run->n_jobs + 1, sizeof *paths);
    const char **owners = xcalloc(3 * run->n_jobs + 1, sizeof *owners);
    paths[n] = fsutil_canonical(run->spec.output);
    owners[n++] = "the report";
    for (size_t i = 0; i < run->n_jobs; i++) {
        for (int k = 0; k < 3; k++) {
            if (!(run->spec.formats & (1 << k)))
                continue;
            char *path = run_output_path(&run->spec, &run->jobs[i], k);
            paths[n] = fsutil_canonical(path);
            free(path);
            owners[n++] = run->jobs[i].label;
        }
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        for (size_t j = i + 1; j < n && rc == 0; j++) {
            if (strcmp(paths[i], paths[j]) != 0)
                continue;
            error_set(err, ERR_USAGE, run->spec.path, 0, 0,
                      "%s and %s would both write %s; rename one",
                      owners[i], owners[j], paths[j]);
            rc = -1;
        }
    }
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    free(owners);
    return rc;
}

/* One colour order over every company of every dataset of the run, and
 * the spec's [colors], for every chart. */
static void share_colors(ReportRun *run)
{
    for (size_t i = 0; i < run->n_loaded; i++)
        company_colors_add(&run->colors, run->loaded[i].ds);
    company_colors_finish(&run->colors);
    for (size_t i = 0; i < run->n_jobs; i++) {
        ChartRequest *req = &run->jobs[i].req;
        req->company_order = &run->colors;
        req->shared_colors = run->spec.colors;
        req->n_shared_colors = run->spec.n_colors;
    }
}

int run_plan_charts(ReportRun *run, const Dataset *main_ds, Error *err)
{
    if (run->spec.n_charts == 0) {
        if (plan_metric_charts(run, main_ds, err) != 0 ||
            check_metric_stems(run, main_ds, err) != 0)
            return -1;
    } else {
        for (size_t i = 0; i < run->spec.n_charts; i++)
            if (plan_spec_chart(run, &run->spec.charts[i], err) != 0)
                return -1;
    }
    share_colors(run);
    return check_outputs_distinct(run, err);
}

