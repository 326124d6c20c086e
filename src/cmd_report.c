/* cmd_report.c - `aigrowth report`: the charts of a report spec (or one
 * per metric) into the charts directory, and the multi-page PDF report.
 *
 * Regeneration is incremental: each chart's inputs are hashed and compared
 * with the previous run's record (state.h), and its files on disk with
 * what that run wrote; an unchanged chart is analysed again (the key
 * figures read it) but not re-encoded or rewritten. No chart's scene is
 * kept: each is laid out where it is drawn (its files, its PDF page, its
 * slide) and dropped, so memory grows with one chart, not with the
 * number of charts. A run is one transaction
 * (commit.h): every output is rendered to memory, staged beside its
 * target, and only when all are staged put in place, the record last, so
 * a failure anywhere leaves every previous output as it was. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "alt_text.h"
#include "chart_build.h"
#include "chart_colors.h"
#include "cli.h"
#include "cmd.h"
#include "commit.h"
#include "csvload.h"
#include "dates.h"
#include "fit.h"
#include "format.h"
#include "fsutil.h"
#include "i18n.h"
#include "parallel.h"
#include "parse_date.h"
#include "render_cairo.h"
#include "report.h"
#include "report_run.h"
#include "spec.h"
#include "state.h"
#include "util.h"
#include "version.h"

/* ---- options and spec ---- */

static int parse_option(void *ctx, int c, char *arg)
{
    ReportOptions *opt = ctx;
    switch (c) {
    case 'o': opt->output = arg; break;
    case 'c': opt->charts_dir = arg; break;
    case 't': opt->title = arg; break;
    case 's': opt->subtitle = arg; break;
    case 'a': opt->author = arg; break;
    case 'q': opt->quiet = 1; break;
    case 'f': opt->force = 1; break;
    case CLI_OPT_DATE_ORDER:
        opt->set_date_order = 1;
        return cli_load_option(&opt->csv, c, arg);
    case CLI_OPT_SKIP_ROWS:
        opt->set_skip_rows = 1;
        return cli_load_option(&opt->csv, c, arg);
    case CLI_OPT_VALUE_COLUMN:
    case CLI_OPT_DATE_COLUMN:
    case CLI_OPT_ENTITY_COLUMN:
    case CLI_OPT_VERIFIED_ONLY:
        return cli_load_option(&opt->csv, c, arg);
    case 'A':
        if (cli_parse_as_of(arg, &opt->as_of) != 0)
            return cli_usage_error("--as-of \"%s\" is not a date; use "
                                   "YYYY-MM-DD, YYYY-MM or YYYY",
                                   arg);
        break;
    case 'p': {
        ReportPaper paper;
        if (report_paper_parse(arg, &paper) != 0)
            return cli_usage_error("--page \"%s\": use a4, letter or slides",
                                   arg);
        opt->page = arg;
        break;
    }
    case 'l': {
        Lang lang;
        if (cli_option_lang(arg, &lang) != EXIT_OK)
            return EXIT_USAGE;
        opt->lang = (int)lang;
        break;
    }
    case 'N': {
        NumberStyle style;
        if (cli_option_number_style(arg, &style) != EXIT_OK)
            return EXIT_USAGE;
        opt->number_style = (int)style;
        break;
    }
    }
    return EXIT_OK;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

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
        {"number-style", required_argument, NULL, 'N'},
        {"force", no_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},
        {"as-of", required_argument, NULL, 'A'},
        CLI_LOAD_LONGOPTS,
        {NULL, 0, NULL, 0}};
    *opt = (ReportOptions){.lang = -1, .number_style = -1};
    int rc = cli_parse_options(argc, argv, "report", ":o:qt:", longopts,
                               parse_option, opt);
    if (rc != EXIT_OK)
        return rc;
    if (optind < argc && has_suffix(argv[optind], ".ini")) {
        opt->spec_path = argv[optind++];
        if (optind < argc)
            return cli_usage_error("give a spec file or data files, not "
                                   "both: the spec names its data");
    }
    if (optind < argc) {
        opt->files = (const char *const *)argv + optind;
        opt->n_files = (size_t)(argc - optind);
    }
    return EXIT_OK;
}

static void override(char **field, const char *value)
{
    if (!value)
        return;
    free(*field);
    *field = xstrdup(value);
}

/* Does path name the file the existing output out_st is? */
static int is_output(const char *path, const struct stat *out_st)
{
    struct stat st;
    return path && stat(path, &st) == 0 && st.st_dev == out_st->st_dev &&
           st.st_ino == out_st->st_ino;
}

/* The report must not be written over one of its own inputs: the spec,
 * a data file or an events file. */
static int check_output_not_input(const Spec *spec, Error *err)
{
    struct stat out_st;
    if (stat(spec->output, &out_st) != 0)
        return 0;   /* not there yet: not an input */
    const char *input = is_output(spec->path, &out_st) ? spec->path : NULL;
    for (size_t i = 0; !input && i < spec->data.n; i++)
        if (is_output(spec->data.items[i], &out_st))
            input = spec->data.items[i];
    if (!input && is_output(spec->events, &out_st))
        input = spec->events;
    for (size_t k = 0; !input && k < spec->n_charts; k++) {
        const ChartSpec *cs = &spec->charts[k];
        for (size_t i = 0; !input && i < cs->data.n; i++)
            if (is_output(cs->data.items[i], &out_st))
                input = cs->data.items[i];
        if (!input && is_output(cs->events, &out_st))
            input = cs->events;
    }
    if (!input)
        return 0;
    error_set(err, ERR_USAGE, NULL, 0, 0,
              "the report would be written over %s, one of its inputs; "
              "choose another output",
              input);
    return -1;
}

/* The spec: the one named, else ./report.ini when present and no data
 * files are given, else the built-in default; then the command line's
 * settings on top. */
static int resolve_spec(const ReportOptions *opt, Spec *spec, Error *err)
{
    const char *path = opt->spec_path;
    if (!path && !opt->files && access("report.ini", F_OK) == 0)
        path = "report.ini";
    if (path) {
        if (spec_load(path, spec, err) != 0)
            return -1;
    } else {
        spec_default(spec);
    }
    if (opt->files) {
        for (size_t i = 0; i < spec->data.n; i++)
            free(spec->data.items[i]);
        spec->data.n = 0;
        for (size_t i = 0; i < opt->n_files; i++) {
            grow_array((void **)&spec->data.items, &spec->data.cap, i + 1,
                       sizeof *spec->data.items);
            spec->data.items[spec->data.n++] = xstrdup(opt->files[i]);
        }
    }
    override(&spec->output, opt->output);
    override(&spec->charts_dir, opt->charts_dir);
    if (opt->number_style >= 0)
        spec->number_style = (NumberStyle)opt->number_style;
    spec_use_language(spec, opt->lang >= 0 ? (Lang)opt->lang : spec->lang);
    override(&spec->title, opt->title);
    override(&spec->subtitle, opt->subtitle);
    override(&spec->author, opt->author);
    override(&spec->page, opt->page);
    if (opt->set_date_order)
        spec->csv.date_order = opt->csv.date_order;
    if (opt->set_skip_rows)
        spec->csv.skip_rows = opt->csv.skip_rows;
    if (opt->csv.verified_only)
        spec->csv.verified_only = 1;
    if (opt->csv.value_column)
        spec_set_column(&spec->csv.value_column, opt->csv.value_column);
    if (opt->csv.date_column)
        spec_set_column(&spec->csv.date_column, opt->csv.date_column);
    if (opt->csv.entity_column)
        spec_set_column(&spec->csv.entity_column, opt->csv.entity_column);
    return check_output_not_input(spec, err);
}

/* ---- outputs ---- */

/* Where the deck goes: the output itself when it names a .pptx (and then
 * no PDF is written), else beside the PDF, with .pptx for its extension,
 * when formats lists pptx; NULL when no deck is asked for. */
static char *deck_path_of(const Spec *spec, int *want_pdf)
{
    const char *out = spec->output;
    size_t n = strlen(out);
    *want_pdf = 1;
    if (n > 5 && !ascii_casecmp(out + n - 5, ".pptx")) {
        *want_pdf = 0;
        return xstrdup(out);
    }
    if (!(spec->formats & FORMAT_PPTX))
        return NULL;
    if (!strcmp(out, "-"))
        return NULL;
    const char *slash = strrchr(out, '/');
    const char *dot = strrchr(out, '.');
    if (dot && (!slash || dot > slash + 1))
        return xstrfmt("%.*s.pptx", (int)(dot - out), out);
    return xstrfmt("%s.pptx", out);
}

static const char *const extensions[] = {"png", "svg", "pdf"};
static const OutputFormat formats[] = {OUTPUT_PNG, OUTPUT_SVG, OUTPUT_PDF};

/* The path of a chart's file of format k (caller frees). */
char *run_output_path(const Spec *spec, const ChartJob *job, int k)
{
    return xstrfmt("%s/%s.%s", spec->charts_dir, job->stem, extensions[k]);
}

static char *output_name(const ChartJob *job, int k)
{
    return xstrfmt("%s.%s", job->stem, extensions[k]);
}

/* Whether each file of the chart is what the previous run recorded
 * writing: NULL when so, else why not. A file killed mid-commit, edited
 * or replaced by hand is redrawn, whatever the hashes of its inputs say.
 * Records the sizes and contents for the next run. */
static const char *outputs_as_written(const ReportRun *run, ChartJob *job)
{
    const char *why = NULL;
    for (int k = 0; k < 3 && !why; k++) {
        if (!(run->spec.formats & (1 << k)))
            continue;
        char *name = output_name(job, k);
        char *path = run_output_path(&run->spec, job, k);
        const StateFile *was = state_file(&run->previous, name);
        struct stat st;
        if (lstat(path, &st) != 0)
            why = "output missing";
        else if (!was || !state_file_matches(path, 1, was->size,
                                             was->content))
            why = "output changed since the last run";
        else {
            job->size[k] = was->size;
            job->content[k] = was->content;
        }
        free(path);
        free(name);
    }
    return why;
}

/* Decides whether the chart is redrawn, and why. */
static void judge_job(const ReportRun *run, ChartJob *job)
{
    const StateChart *before = state_chart(&run->previous, job->stem);
    if (run->opt.force)
        job->reason = "--force";
    else if (!before)
        job->reason = "new";
    else if (before->data_hash != job->data_hash)
        job->reason = "data changed";
    else if (before->hash != job->hash)
        job->reason = "settings, program or fonts changed";
    else
        job->reason = outputs_as_written(run, job);
}

/* Stages one file of the chart as soon as it is encoded and lets its
 * bytes go, so a report of a thousand charts holds one chart's files per
 * drawing thread, not all of them. A link or anything else at its name is
 * replaced, never followed out of the charts directory. */
static int stage_file(const ReportRun *run, ChartJob *job, int k, Error *err)
{
    char *path = run_output_path(&run->spec, job, k);
    pthread_mutex_lock(run->stage_lock);
    int rc = commit_stage(run->commit, path, 0, job->out[k].data,
                          job->out[k].len, err);
    pthread_mutex_unlock(run->stage_lock);
    free(path);
    bytebuf_free(&job->out[k]);
    return rc;
}

static int render_job(const ReportRun *run, ChartJob *job, Error *err)
{
    Scene *scene;
    if (chart_lay_out(&job->req, run->fs, &job->built, &scene, err) != 0)
        return -1;
    int rc = 0;
    for (int k = 0; k < 3 && rc == 0; k++) {
        if (!(run->spec.formats & (1 << k)))
            continue;
        /* PNGs at 2x: a 960 x 540 pt chart is a 1920 x 1080 slide image. */
        rc = render_cairo(scene, run->fs, formats[k], k == 0 ? 2.0 : 1.0,
                          &job->out[k], err);
        if (rc != 0)
            break;
        job->size[k] = job->out[k].len;
        job->content[k] = hash_content(job->out[k].data, job->out[k].len);
        rc = stage_file(run, job, k, err);
    }
    scene_destroy(scene);
    return rc;
}

/* What a report page or slide needs to lay a chart out (ReportLayOut). */
typedef struct {
    const ChartJob *job;
    const FontStack *fs;
} JobLayOut;

static int lay_out_job(const void *ctx, Scene **scene, Error *err)
{
    const JobLayOut *j = ctx;
    return chart_lay_out(&j->job->req, j->fs, &j->job->built, scene, err);
}

static double elapsed(const ReportRun *run)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - run->start.tv_sec) +
           (double)(now.tv_nsec - run->start.tv_nsec) / 1e9;
}

static void show_progress(const ReportRun *run, size_t done)
{
    if (run->progress && !run->opt.quiet && elapsed(run) > 1.0)
        fprintf(stderr, "\raigrowth: %zu/%zu charts", done, run->n_jobs);
}

/* Every chart's coloured companies, then one plan for all. */
static void plan_colors(ReportRun *run)
{
    for (size_t i = 0; i < run->n_jobs; i++)
        chart_colors_note(&run->colors, &run->jobs[i].built);
    company_colors_plan(&run->colors, run->spec.theme, run->spec.colors,
                        run->spec.n_colors);
}

/* A chart's refusal (no data, a value in another unit) names the
 * spec's section it comes from, when the data named no line. */
static void place_in_spec(const ReportRun *run, const ChartJob *job,
                          Error *err)
{
    if (!job->cs || err->file[0] || !run->spec.path)
        return;
    char message[sizeof err->message];
    snprintf(message, sizeof message, "%s", err->message);
    ErrorKind kind = err->kind;
    error_clear(err); /* the first error wins: set it anew */
    error_set(err, kind, run->spec.path, job->cs->line, 1, "%s %s",
              job->label, message);
}

static int build_jobs(ReportRun *run, Error *err)
{
    /* The program and its fonts, hashed once for every chart. */
    Hash program;
    hash_init(&program);
    run_hash_program(&program, run->fs);
    for (size_t i = 0; i < run->n_jobs; i++) {
        ChartJob *job = &run->jobs[i];
        if (chart_select(job->ds, &job->req, &job->built, err) != 0) {
            place_in_spec(run, job, err);
            return -1;
        }
    }
    plan_colors(run);
    for (size_t i = 0; i < run->n_jobs; i++) {
        ChartJob *job = &run->jobs[i];
        if (chart_analyse(job->ds, &job->req, &job->built, err) != 0)
            return -1;
        if (job->built.color_warning[0])
            fprintf(stderr, "aigrowth: %s: warning: %s\n", job->label,
                    job->built.color_warning);
        if (job->built.no_launch[0])
            fprintf(stderr,
                    "aigrowth: %s: warning: no launch date for %s, left out "
                    "of the chart; give one under [launch] (COMPANY = "
                    "YYYY-MM-DD), or an event of the company labelled "
                    "\"... launched\"\n",
                    job->label, job->built.no_launch);
        run_hash_job(job, &run->spec, program.h);
        judge_job(run, job);
    }
    return 0;
}

/* ---- the PDF ---- */

/* Every row kept is in one series once the data is grouped. */
static long latest_date(const Dataset *ds)
{
    long latest = 0;
    for (size_t i = 0; i < ds->n_series; i++) {
        const Series *s = &ds->series[i];
        if (i == 0 || s->date[s->n - 1] > latest)
            latest = s->date[s->n - 1];
    }
    return latest;
}

/* Key-figure rows of the report's data, in chart order (then the series
 * no line chart shows). A series a line chart shows reads that chart's
 * analysis, so the table and the chart print the same numbers; any other
 * is analysed with the report's settings into own[i] (from own_fitted[i],
 * the view analysis_series_kept writes). */
static size_t key_rows(const Dataset *ds, const ReportRun *run,
                       FitView *own_fitted, SeriesAnalysis *own,
                       ReportRow *rows)
{
    size_t n = 0;
    char *done = xcalloc(ds->n_series + 1, 1);
    for (size_t j = 0; j < run->n_jobs; j++) {
        const ChartJob *job = &run->jobs[j];
        /* A milestone chart's horizon is chosen for its target: the key
         * figures read the line charts' analyses. */
        if (job->req.kind != CHART_LINE || job->ds != ds)
            continue;
        for (size_t k = 0; k < job->built.n; k++) {
            const Series *s = job->built.series[k];
            size_t i = (size_t)(s - ds->series);
            if (i >= ds->n_series || done[i])
                continue;
            done[i] = 1;
            rows[n++] = (ReportRow){s, &job->built.analyses[k]};
        }
    }
    ChartRequest req;
    run_base_request(&run->spec, &req);
    req.as_of = run->opt.as_of;
    Error ignored;
    error_clear(&ignored);
    run_parse_horizon(run->spec.horizon, &req, run->spec.path, &ignored);
    AnalysisOptions opt = chart_analysis_options(&req);
    for (size_t i = 0; i < ds->n_series; i++) {
        if (done[i])
            continue;
        analysis_series_kept(&ds->series[i], &opt, &own_fitted[i], &own[i]);
        rows[n++] = (ReportRow){&ds->series[i], &own[i]};
    }
    free(done);
    return n;
}

/* Whether two numbers differ by more than rounding in print (0.05%). */
static int moved(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) != isnan(b);
    return fabs(a - b) > 5e-4 * fmax(fabs(a), fabs(b));
}

/* Records the report's headline numbers for the next run and lists, in
 * changes (n_rows + previous headlines slots), how each moved since the
 * previous run; returns the count of changes. */
static size_t record_headlines(ReportRun *run, const ReportRow *rows,
                               size_t n, ReportChange *changes)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const Series *s = rows[i].series;
        ReportFigures f;
        report_figures(&rows[i], &f);
        StateHeadline h = {(char *)s->metric, (char *)s->company, (long)s->n,
                           f.latest, f.latest_date, f.cagr, f.proj,
                           f.horizon};
        state_add_headline(&run->next, &h);
        const StateHeadline *b =
            state_headline(&run->previous, s->metric, s->company);
        ReportChange c = {s->metric, s->company, s->unit, -1, (long)s->n,
                          NAN, f.latest, 0, f.latest_date, NAN, f.cagr,
                          NAN, f.proj, 0, f.horizon};
        if (b) {
            c.points_before = b->points;
            c.latest_before = b->latest;
            c.date_before = b->date;
            c.cagr_before = b->cagr;
            c.proj_before = b->projected;
            c.horizon_before = b->horizon;
            if (b->points == c.points_now && b->date == c.date_now &&
                !moved(b->latest, c.latest_now) &&
                !moved(b->cagr, c.cagr_now) &&
                !moved(b->projected, c.proj_now) &&
                (isnan(c.proj_now) || b->horizon == c.horizon_now))
                continue;
        }
        changes[k++] = c;
    }
    for (size_t i = 0; i < run->previous.n_headlines; i++) {
        const StateHeadline *b = &run->previous.headlines[i];
        int found = 0;
        for (size_t j = 0; j < n && !found; j++)
            found = !strcmp(rows[j].series->metric, b->metric) &&
                    !strcmp(rows[j].series->company, b->company);
        if (!found)
            changes[k++] = (ReportChange){b->metric, b->company, "",
                                          b->points, -1, b->latest, NAN,
                                          b->date, 0, b->cagr, NAN,
                                          b->projected, NAN, b->horizon, 0};
    }
    return k;
}

static void content_of(const ReportRun *run, const Dataset *ds,
                       const ReportRow *rows, size_t n_rows,
                       const ReportChart *charts, ReportContent *c)
{
    const Spec *spec = &run->spec;
    ReportPaper paper = REPORT_A4;
    report_paper_parse(spec->page, &paper);
    *c = (ReportContent){
        .title = spec->title ? spec->title
                             : lang_pick(spec->lang, "AI company growth",
                                         "AI 公司成長"),
        .subtitle = spec->subtitle
                        ? spec->subtitle
                        : lang_pick(spec->lang,
                                    "Revenue, valuation and users of AI "
                                    "companies, with trend projections",
                                    "AI 公司的營收、估值與用戶數，及其趨勢預測"),
        .author = spec->author,
        .lang = spec->lang,
        .paper = paper,
        .level = spec->level,
        .generated = cli_generation_time(),
        .data_as_of = run->opt.as_of && run->opt.as_of < latest_date(ds)
                          ? run->opt.as_of
                          : latest_date(ds),
        .files = ds->files,
        .n_files = ds->n_files,
        .data = ds,
        .rows = rows,
        .n_rows = n_rows,
        .charts = charts,
        .n_charts = run->n_jobs,
    };
}

/* The default model's backtest on every series of the report's data, for
 * the method page's statement of what the interval covered. */
static void report_backtest(const ReportRun *run, const Dataset *ds,
                            BacktestScore *out)
{
    const Series **series = xmalloc_array(ds->n_series + 1, sizeof *series);
    for (size_t i = 0; i < ds->n_series; i++)
        series[i] = &ds->series[i];
    AnalysisOptions opt = analysis_defaults();
    opt.level = run->spec.level;
    if (run->opt.as_of)
        opt.as_of = run->opt.as_of;
    backtest_score(series, ds->n_series, ANALYSIS_DEFAULT_MODEL, &opt, out);
    free(series);
}

/* Everything the PDF shows: the charts, the report's data and settings,
 * and the generation day (the date printed on the cover). */
static uint64_t report_hash(const ReportRun *run, const Dataset *ds,
                            const ReportContent *c)
{
    Hash h;
    hash_init(&h);
    run_hash_program(&h, run->fs);
    for (size_t i = 0; i < run->n_jobs; i++) {
        hash_str(&h, run->jobs[i].title);
        hash_bytes(&h, &run->jobs[i].hash, sizeof run->jobs[i].hash);
    }
    DatasetCursor *rows = dataset_cursor_create(ds);
    Observation o;
    while (dataset_cursor_next(rows, &o)) {
        hash_long(&h, o.date);
        hash_str(&h, o.company);
        hash_str(&h, o.metric);
        hash_double(&h, o.value);
        hash_str(&h, o.unit);
        hash_str(&h, o.source);
        hash_str(&h, o.confidence);
    }
    dataset_cursor_destroy(rows);
    for (size_t i = 0; i < ds->n_files; i++)
        hash_str(&h, ds->files[i].path);
    hash_str(&h, c->title);
    hash_str(&h, c->subtitle);
    hash_str(&h, c->author);
    hash_long(&h, c->lang);
    hash_long(&h, c->paper);
    hash_double(&h, c->level);
    hash_long(&h, run->opt.as_of);
    hash_double(&h, run->spec.cap);
    hash_long(&h, (long)(c->generated / 86400));
    return h.h;
}

/* Whether the file at path is the one the previous run recorded writing
 * there as was (through a link, as -o is written): stdout or a device
 * never is. */
static int output_as_written(const StateFile *was, const char *path)
{
    return was->name && !strcmp(was->name, path) && strcmp(path, "-") != 0 &&
           state_file_matches(path, 0, was->size, was->content);
}

/* The deck's ZIP entries carry the generation day (midnight UTC): the
 * same bytes all day, and SOURCE_DATE_EPOCH's day when it is set. */
static time_t deck_time(time_t generated)
{
    return generated - generated % 86400;
}

/* Makes the deck's bytes (run->deck) when anything on it changed, or the
 * file is not what the last run wrote; sets run->deck_rebuilt. The deck
 * shows what the PDF shows, so it depends on what the PDF depends on. */
static int make_deck(ReportRun *run, const ReportContent *content,
                     uint64_t report, Error *err)
{
    if (!run->deck_path)
        return 0;
    Hash h;
    hash_init(&h);
    hash_bytes(&h, &report, sizeof report);
    hash_str(&h, "pptx");
    const StateFile *was = &run->previous.deck;
    run->deck_rebuilt = run->opt.force || !run->previous.present ||
                        run->previous.deck_hash != h.h ||
                        !output_as_written(was, run->deck_path);
    if (!run->deck_rebuilt) {
        state_set_deck(&run->next, h.h, was->name, was->size, was->content);
        return 0;
    }
    if (report_deck_render(content, run->fs, deck_time(content->generated),
                           &run->deck, err) != 0)
        return -1;
    state_set_deck(&run->next, h.h, run->deck_path, run->deck.len,
                   hash_content(run->deck.data, run->deck.len));
    return 0;
}

/* Makes the PDF's bytes (run->pdf) when anything in it changed, or the
 * file is not what the last run wrote; sets run->pdf_rebuilt. */
static int make_pdf(ReportRun *run, const Dataset *ds, Error *err)
{
    SeriesAnalysis *own = xcalloc(ds->n_series + 1, sizeof *own);
    FitView *own_fitted = xcalloc(ds->n_series + 1, sizeof *own_fitted);
    ReportRow *rows = xcalloc(ds->n_series + 1, sizeof *rows);
    ReportChart *charts = xcalloc(run->n_jobs + 1, sizeof *charts);
    JobLayOut *lay_outs = xcalloc(run->n_jobs + 1, sizeof *lay_outs);
    char **captions = xcalloc(run->n_jobs + 1, sizeof *captions);
    size_t n_rows = key_rows(ds, run, own_fitted, own, rows);
    for (size_t i = 0; i < run->n_jobs; i++) {
        const ChartJob *job = &run->jobs[i];
        const ChartBuilt *b = &job->built;
        int bar = job->req.kind == CHART_BAR;
        lay_outs[i] = (JobLayOut){job, run->fs};
        charts[i] = (ReportChart){.title = job->title,
                                  .lay_out = lay_out_job,
                                  .lay_out_ctx = &lay_outs[i],
                                  .width = job->req.width,
                                  .height = job->req.height,
                                  .series = b->series,
                                  .analyses = bar ? NULL : b->analyses,
                                  .context = bar ? NULL : b->context,
                                  .n_series = b->n, .horizon = b->horizon,
                                  .bar = bar,
                                  .alignment = b->origins ? b->align_words
                                                          : NULL};
        /* A milestone chart's caption is its rows in words, as its alt
         * text gives them. */
        if (job->req.kind == CHART_MILESTONES) {
            captions[i] = xmalloc(ALT_TEXT_SIZE);
            charts[i].caption = alt_text_write(&job->req, b, captions[i],
                                               ALT_TEXT_SIZE);
        }
    }
    ReportChange *changes = xcalloc(n_rows + run->previous.n_headlines + 1,
                                    sizeof *changes);
    ReportContent content;
    content_of(run, ds, rows, n_rows, charts, &content);
    BacktestScore backtest;
    report_backtest(run, ds, &backtest);
    content.backtest = &backtest;
    content.n_changes = record_headlines(run, rows, n_rows, changes);
    content.changes = changes;
    /* Only a report whose series moved says how: a restyled report with
     * the same data gets no page saying nothing changed. */
    content.show_changes = run->spec.changes && run->previous.present &&
                           content.n_changes > 0;
    uint64_t hash = report_hash(run, ds, &content);
    run->pdf_rebuilt = run->want_pdf &&
                       (run->opt.force || !run->previous.present ||
                        run->previous.report_hash != hash ||
                        !output_as_written(&run->previous.report,
                                           run->spec.output));
    int rc = run->pdf_rebuilt ? report_render(&content, run->fs,
                                              run->spec.output, &run->pdf, err)
                              : 0;
    const StateFile *was = &run->previous.report;
    if (rc == 0 && run->pdf_rebuilt)
        state_set_report(&run->next, hash, run->spec.output, run->pdf.len,
                         hash_content(run->pdf.data, run->pdf.len));
    else if (rc == 0 && run->want_pdf)
        state_set_report(&run->next, hash, was->name, was->size,
                         was->content);
    else if (rc == 0)   /* no PDF this run: the last one's record stays */
        state_set_report(&run->next, run->previous.report_hash, was->name,
                         was->size, was->content);
    if (rc == 0)
        rc = make_deck(run, &content, hash, err);
    free(changes);
    for (size_t i = 0; i < run->n_jobs; i++)
        free(captions[i]);
    free(captions);
    free(lay_outs);
    free(charts);
    free(rows);
    free(own);
    for (size_t i = 0; i < ds->n_series; i++)
        analysis_view_free(&own_fitted[i]);
    free(own_fitted);
    return rc;
}

/* ---- drawing: the charts beside the PDF ---- */

/* The PDF and the charts are drawn at once (parallel_for: index 0 makes
 * the PDF, index 1 + i draws job i): PNG encoding and the PDF are the
 * report's two big costs and neither needs the other. Each chart is drawn
 * by one thread into its own buffers; the FontStack is safe to share
 * (text.h). Indices are taken in order, so when a chart fails every
 * chart before it has been taken, and the ones after it are skipped. */
typedef struct {
    ReportRun *run;
    const Dataset *ds;
    int pdf_rc;
    Error pdf_err;
    int *job_rc;            /* per job: 0, or -1 with job_err[i] */
    Error *job_err;
    atomic_bool failed;     /* a chart failed: skip those not begun */
    atomic_size_t done;     /* charts drawn, for the progress line */
} Drawing;

static void draw_one(void *drawing, size_t index)
{
    Drawing *d = drawing;
    ReportRun *run = d->run;
    if (index == 0) {
        d->pdf_rc = make_pdf(run, d->ds, &d->pdf_err);
        return;
    }
    size_t i = index - 1;
    if (!run->jobs[i].reason || atomic_load(&d->failed))
        return;
    error_clear(&d->job_err[i]);
    if (render_job(run, &run->jobs[i], &d->job_err[i]) != 0) {
        d->job_rc[i] = -1;
        atomic_store(&d->failed, 1);
    }
    show_progress(run, atomic_fetch_add(&d->done, 1) + 1);
}

/* Draws every chart to redraw and makes the PDF. A chart's error comes
 * first (the first chart's, in report order), as it would one at a time. */
static int draw_everything(ReportRun *run, const Dataset *ds, Error *err)
{
    Drawing d = {.run = run, .ds = ds};
    error_clear(&d.pdf_err);
    d.job_rc = xcalloc(run->n_jobs + 1, sizeof *d.job_rc);
    d.job_err = xcalloc(run->n_jobs + 1, sizeof *d.job_err);
    atomic_init(&d.failed, 0);
    atomic_init(&d.done, 0);
    parallel_for(run->n_jobs + 1, draw_one, &d);
    if (run->progress && !run->opt.quiet && elapsed(run) > 1.0)
        fputc('\n', stderr);
    int rc = d.pdf_rc;
    *err = d.pdf_err;
    for (size_t i = run->n_jobs; i-- > 0;)
        if (d.job_rc[i] != 0) {
            *err = d.job_err[i];
            rc = -1;
        }
    free(d.job_rc);
    free(d.job_err);
    return rc;
}

/* ---- the run ---- */

/* Stages the PDF and the deck when they changed, beside the charts
 * staged as they were drawn, and the state that records them all last,
 * and puts them in place together. */
static int write_outputs(ReportRun *run, Error *err)
{
    Commit *c = run->commit;
    int rc = -1;
    if (run->pdf_rebuilt &&
        commit_stage(c, run->spec.output, 1, run->pdf.data, run->pdf.len,
                     err) != 0)
        goto done;
    if (run->deck_rebuilt &&
        commit_stage(c, run->deck_path, 1, run->deck.data, run->deck.len,
                     err) != 0)
        goto done;
    for (size_t i = 0; i < run->n_jobs; i++) {
        ChartJob *job = &run->jobs[i];
        state_add_chart(&run->next, job->stem, job->hash, job->data_hash);
        for (int k = 0; k < 3; k++) {
            if (!(run->spec.formats & (1 << k)))
                continue;
            char *name = output_name(job, k);
            state_add_file(&run->next, name, job->size[k], job->content[k]);
            free(name);
        }
    }
    ByteBuf text = {0};
    state_format(&run->next, &text);
    if (!state_file_holds(run->state_path, &text) &&
        commit_stage(c, run->state_path, 0, text.data, text.len, err) != 0) {
        bytebuf_free(&text);
        goto done;
    }
    bytebuf_free(&text);
    rc = commit_apply(c, err);
done:
    return rc;
}

/* The wait for the charts directory's lock: AIGROWTH_LOCK_WAIT seconds
 * (for tests), else LOCK_WAIT_MS. */
static long lock_wait_ms(void)
{
    const char *env = getenv("AIGROWTH_LOCK_WAIT");
    if (env && *env) {
        char *end;
        double s = strtod(env, &end);
        if (!*end && s >= 0 && s <= 3600)
            return (long)(s * 1000);
    }
    return LOCK_WAIT_MS;
}

/* Before anything is read: one run at a time per charts directory (a
 * second waits, then gives up), the temporary files of killed runs go,
 * and the previous run's record is read (a broken one only costs a
 * redraw). */
static int begin_run(ReportRun *run, Error *err)
{
    run->lock = fsutil_lock_dir(run->spec.charts_dir, lock_wait_ms(),
                                &run->created_dir, err);
    if (!run->lock)
        return -1;
    run->state_path = xstrfmt("%s/%s", run->spec.charts_dir, STATE_FILE);
    fsutil_sweep_temps(run->spec.charts_dir, NULL);
    fsutil_sweep_temps_of(run->spec.output);
    if (run->deck_path)
        fsutil_sweep_temps_of(run->deck_path);
    char warning[300];
    int rc = state_load(run->state_path, &run->previous, warning,
                        sizeof warning, err);
    if (rc < 0)
        return -1;
    if (rc > 0) {
        char safe[2048];
        fprintf(stderr, "aigrowth: %s: warning: %s\n",
                cli_escape(run->state_path, safe, sizeof safe), warning);
    }
    return 0;
}

static void print_summary(const ReportRun *run)
{
    if (run->opt.quiet)
        return;
    size_t redrawn = 0;
    for (size_t i = 0; i < run->n_jobs; i++) {
        const ChartJob *job = &run->jobs[i];
        redrawn += job->reason != NULL;
        char safe[1024];
        cli_escape(job->stem, safe, sizeof safe);
        printf("  %s%*s %s%s%s\n", safe, cli_pad(safe, 36), "",
               job->reason ? "redrawn (" : "unchanged",
               job->reason ? job->reason : "", job->reason ? ")" : "");
    }
    char deck[1100] = "";
    if (run->deck_path && run->want_pdf)
        snprintf(deck, sizeof deck, "; %s %s", run->deck_path,
                 run->deck_rebuilt ? "written" : "unchanged");
    printf("aigrowth: %s %s%s; %zu of %zu charts redrawn in %s/; %.2f s\n",
           run->want_pdf ? run->spec.output : run->deck_path,
           (run->want_pdf ? run->pdf_rebuilt : run->deck_rebuilt)
               ? "written"
               : "unchanged",
           deck, redrawn, run->n_jobs, run->spec.charts_dir, elapsed(run));
}

static void free_run(ReportRun *run)
{
    for (size_t i = 0; i < run->n_jobs; i++) {
        ChartJob *job = &run->jobs[i];
        free(job->stem);
        free(job->label);
        chart_built_free(&job->built);
        eventlist_free(&job->events);
        free(job->notes);
        for (int k = 0; k < 3; k++)
            bytebuf_free(&job->out[k]);
    }
    free(run->jobs);
    company_colors_free(&run->colors);
    bytebuf_free(&run->pdf);
    bytebuf_free(&run->deck);
    free(run->deck_path);
    for (size_t i = 0; i < run->n_loaded; i++)
        dataset_destroy(run->loaded[i].ds);
    state_free(&run->previous);
    state_free(&run->next);
    free(run->state_path);
    spec_free(&run->spec);
    commit_destroy(run->commit);
}

int cmd_report(int argc, char **argv)
{
    ReportRun run = {0};
    pthread_mutex_t stage_lock = PTHREAD_MUTEX_INITIALIZER;
    run.stage_lock = &stage_lock;
    clock_gettime(CLOCK_MONOTONIC, &run.start);
    int rc = parse_options(argc, argv, &run.opt);
    if (rc != EXIT_OK)
        return rc;
    run.commit = commit_create();
    run.progress = isatty(STDERR_FILENO);
    run.jobs = xcalloc(MAX_CHARTS, sizeof *run.jobs);
    Error err;
    error_clear(&err);
    FontStack *fs = NULL;
    if (resolve_spec(&run.opt, &run.spec, &err) != 0)
        goto fail;
    run.deck_path = deck_path_of(&run.spec, &run.want_pdf);
    if (begin_run(&run, &err) != 0)
        goto fail;
    fs = fontstack_create(&err);
    if (!fs)
        goto fail;
    run.fs = fs;
    const Dataset *ds = run_data_for(&run, &run.spec.data, &err);
    if (!ds || run_plan_charts(&run, ds, &err) != 0 ||
        build_jobs(&run, &err) != 0 ||
        draw_everything(&run, ds, &err) != 0 ||
        write_outputs(&run, &err) != 0)
        goto fail;
    print_summary(&run);
    rc = EXIT_OK;
    goto done;
fail:
    /* A remedy is worded for whoever set the loading options: the spec's
     * writer, unless the command line gave them. */
    rc = cli_fail_as(&err, run.spec.path && !run.opt.set_date_order &&
                                   !run.opt.set_skip_rows &&
                                   !run.opt.csv.value_column
                               ? CLI_REMEDY_SPEC
                               : CLI_REMEDY_OPTIONS);
    /* A first run that failed leaves no charts directory: the files
     * staged in it go first. */
    commit_destroy(run.commit);
    run.commit = NULL;
    if (run.created_dir) {
        fsutil_unlock(run.lock, 1);
        run.lock = NULL;
        rmdir(run.spec.charts_dir);
    }
done:
    fsutil_unlock(run.lock, 0);
    free_run(&run);
    fontstack_destroy(fs);
    return rc;
}

