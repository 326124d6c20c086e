/* cmd_chart.c - `aigrowth chart`: one chart from data files to a PNG, SVG
 * or PDF file, or to stdout. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotate.h"
#include "chart_build.h"
#include "cli.h"
#include "cmd.h"
#include "csvload.h"
#include "fsutil.h"
#include "parse_date.h"
#include "parse_value.h"
#include "render_cairo.h"
#include "util.h"

/* --hline, --range and --annotate, all together, at most. */
#define CHART_MAX_NOTES 64

typedef struct {
    const char *output;
    const char *format;       /* for -o -: png, svg or pdf */
    const char *metric;
    const char *horizon;
    const char *events_path;
    const char *font;
    double scale;
    int svg_text;             /* --svg-text */
    int alt_text;             /* --alt-text: print it, write no chart */
    int type_given;           /* --type: no bars for a cross-section */
    int facet_scale_set;      /* --facet-scale given */
    NumberStyle number_style; /* --number-style */
    CliNames companies, highlight;
    ColorOverride colors[CLI_MAX_NAMES];
    size_t n_colors;
    Annotation notes[CHART_MAX_NOTES]; /* --hline, --range, --annotate */
    size_t n_notes;
    LaunchDate launches[CLI_MAX_NAMES]; /* --launch, companies in argv */
    size_t n_launches;
    ChartRequest req;
    CsvOptions csv;
} ChartOptions;

/* --color "OpenAI=#0072b2": the name borrowed from argv up to '='. */
static int add_color(ChartOptions *opt, char *arg)
{
    char *eq = strrchr(arg, '=');
    Color c;
    if (!eq || eq == arg || color_parse(eq + 1, &c) != 0)
        return cli_usage_error("--color \"%s\": use COMPANY=#rrggbb", arg);
    if (opt->n_colors == CLI_MAX_NAMES)
        return cli_usage_error("more than %d --color options",
                               CLI_MAX_NAMES);
    *eq = '\0';
    opt->colors[opt->n_colors++] = (ColorOverride){arg, c};
    return EXIT_OK;
}

static int parse_choice(ChartOptions *opt, int c, const char *arg)
{
    switch (c) {
    case 'T':
        opt->type_given = 1;
        if (strcmp(arg, "line") == 0)
            opt->req.kind = CHART_LINE;
        else if (strcmp(arg, "bar") == 0)
            opt->req.kind = CHART_BAR;
        else if (strcmp(arg, "milestones") == 0)
            opt->req.kind = CHART_MILESTONES;
        else
            return cli_usage_error("--type \"%s\": use line, bar or "
                                   "milestones",
                                   arg);
        return EXIT_OK;
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
        if (fit_model_parse(arg, &opt->req.model) != 0)
            return cli_usage_error("--model \"%s\": use exp, linear, "
                                   "logistic, auto or none",
                                   arg);
        return EXIT_OK;
    case 'L':
        return cli_option_lang(arg, &opt->req.lang);
    case 'e':
        if (!(opt->req.theme = theme_by_name(arg)))
            return cli_usage_error("--theme \"%s\": use light or dark", arg);
        return EXIT_OK;
    }
    return cli_usage_error("unknown option");
}

/* The analysis' options, spelled as `project` spells them. */
static int parse_analysis_option(ChartOptions *opt, int c, const char *arg)
{
    char why[256];
    const char *unit = NULL;
    switch (c) {
    case CLI_OPT_AS_OF: case CLI_OPT_SINCE: case CLI_OPT_LAST:
    case CLI_OPT_LEVEL:
        return cli_fit_option(c, arg, (CliFitValues){&opt->req.as_of,
                                                     &opt->req.since,
                                                     &opt->req.last,
                                                     &opt->req.level});
    case 'K':
        if (parse_value(arg, '.', &opt->req.cap, &unit, why, sizeof why) !=
                VALUE_OK ||
            !(opt->req.cap > 0))
            return cli_usage_error("--cap \"%s\" is not a positive value; "
                                   "use a number such as 8e9 or 8B",
                                   arg);
        return EXIT_OK;
    }
    return cli_usage_error("unknown option");
}

/* Codes of chart's options without a letter. */
enum {
    OPT_SOURCE = 0x200,
    OPT_NOTE,
    OPT_CREDIT,
    OPT_SVG_TEXT,
    OPT_ALT_TEXT,
    OPT_NUMBER_STYLE,
    OPT_TARGET,
    OPT_HLINE,
    OPT_RANGE,
    OPT_ANNOTATE,
    OPT_INDEX,
    OPT_INDEX_AT,
    OPT_GROWTH,
    OPT_ALIGN,
    OPT_LAUNCH,
    OPT_FACET,
    OPT_FACET_SCALE
};

/* --align launch|first|threshold:V, --launch "COMPANY=DATE": aligned
 * time. */
static int parse_align(ChartOptions *opt, int c, char *arg)
{
    char why[256];
    if (c == OPT_ALIGN) {
        if (align_parse(arg, &opt->req.align, why, sizeof why) == 0)
            return EXIT_OK;
        if (!strncmp(arg, "threshold:", 10))
            return cli_usage_error("--align \"%s\": %s; write "
                                   "threshold:V, such as threshold:1B or "
                                   "threshold:$10B",
                                   arg, why);
        return cli_usage_error("--align \"%s\": use " ALIGN_FORM, arg);
    }
    if (opt->n_launches == CLI_MAX_NAMES)
        return cli_usage_error("more than %d --launch options",
                               CLI_MAX_NAMES);
    char given[300];
    snprintf(given, sizeof given, "%s", arg);
    if (align_parse_launch(arg, &opt->launches[opt->n_launches], why,
                           sizeof why) != 0)
        return cli_usage_error("--launch \"%s\": %s; write --launch "
                               "\"COMPANY=DATE\", such as "
                               "\"ChatGPT=2022-11-30\"",
                               given, why);
    opt->n_launches++;
    return EXIT_OK;
}

/* --facet company|metric, --facet-scale shared|free: small multiples. */
static int parse_facet(ChartOptions *opt, int c, const char *arg)
{
    if (c == OPT_FACET) {
        if (chart_facet_parse(arg, &opt->req.facet) != 0)
            return cli_usage_error("--facet \"%s\": use company or metric",
                                   arg);
        return EXIT_OK;
    }
    opt->facet_scale_set = 1;
    if (chart_facet_scale_parse(arg, &opt->req.facet_scale) != 0)
        return cli_usage_error("--facet-scale \"%s\": use shared or free",
                               arg);
    return EXIT_OK;
}

/* --index B, --index-at DATE, --growth: a rebased chart. */
static int parse_rebase(ChartOptions *opt, int c, const char *arg)
{
    char why[256];
    if (c == OPT_GROWTH) {
        opt->req.growth = 1;
        return EXIT_OK;
    }
    if (c == OPT_INDEX) {
        char *end;
        double b = strtod(arg, &end);
        if (end == arg || *end || !isfinite(b) || !(b > 0))
            return cli_usage_error("--index \"%s\" is not a positive "
                                   "number; use the start's value, such "
                                   "as 100",
                                   arg);
        opt->req.index_base = b;
        return EXIT_OK;
    }
    DatePrecision prec;
    if (parse_date(arg, &opt->req.index_at, &prec, why, sizeof why) != 0)
        return cli_usage_error("--index-at: %s", why);
    return EXIT_OK;
}

/* --hline "100B,$100B target", --range "D1,D2,label", --annotate
 * "DATE,VALUE,text": one more annotation. */
static int add_note(ChartOptions *opt, NoteKind kind, const char *arg)
{
    char why[300];
    if (opt->n_notes == CHART_MAX_NOTES)
        return cli_usage_error("more than %d --hline, --range and "
                               "--annotate options",
                               CHART_MAX_NOTES);
    if (annotation_parse(kind, arg, &opt->notes[opt->n_notes], why,
                         sizeof why) != 0)
        return cli_usage_error("--%s \"%s\": %s; write --%s %s",
                               annotation_key(kind), arg, why,
                               annotation_key(kind), annotation_form(kind));
    opt->n_notes++;
    return EXIT_OK;
}

/* --target V: a positive value, its unit (if it names one) kept. */
static int parse_target(ChartOptions *opt, const char *arg)
{
    char why[256];
    const char *unit = "";
    if (parse_value(arg, '.', &opt->req.target, &unit, why, sizeof why) !=
            VALUE_OK ||
        !isfinite(opt->req.target) || !(opt->req.target > 0))
        return cli_usage_error("--target \"%s\" is not a value; use a "
                               "positive number such as 1e9, 100B or $500M",
                               arg);
    opt->req.target_unit = unit;
    return EXIT_OK;
}

static int parse_value_option(void *ctx, int c, char *arg)
{
    ChartOptions *opt = ctx;
    switch (c) {
    case OPT_SOURCE: opt->req.source = arg; return EXIT_OK;
    case OPT_NOTE: opt->req.note = arg; return EXIT_OK;
    case OPT_CREDIT: opt->req.credit = arg; return EXIT_OK;
    case OPT_SVG_TEXT: opt->svg_text = 1; return EXIT_OK;
    case OPT_ALT_TEXT: opt->alt_text = 1; return EXIT_OK;
    case OPT_TARGET: return parse_target(opt, arg);
    case OPT_HLINE: return add_note(opt, NOTE_HLINE, arg);
    case OPT_RANGE: return add_note(opt, NOTE_RANGE, arg);
    case OPT_ANNOTATE: return add_note(opt, NOTE_CALLOUT, arg);
    case OPT_INDEX: case OPT_INDEX_AT: case OPT_GROWTH:
        return parse_rebase(opt, c, arg);
    case OPT_ALIGN: case OPT_LAUNCH:
        return parse_align(opt, c, arg);
    case OPT_FACET: case OPT_FACET_SCALE:
        return parse_facet(opt, c, arg);
    case OPT_NUMBER_STYLE:
        return cli_option_number_style(arg, &opt->number_style);
    case 'o': opt->output = arg; return EXIT_OK;
    case 'f': opt->format = arg; return EXIT_OK;
    case 'm': opt->metric = arg; return cli_load_option(&opt->csv, c, arg);
    CLI_LOAD_CASES:
        return cli_load_option(&opt->csv, c, arg);
    case 'C': return cli_split_names(&opt->companies, arg, "--company");
    case 'h': return cli_split_names(&opt->highlight, arg, "--highlight");
    case 'c': return add_color(opt, arg);
    case 't': opt->req.title = arg; return EXIT_OK;
    case 'S': opt->req.subtitle = arg; return EXIT_OK;
    case 'H': opt->horizon = arg; return EXIT_OK;
    case 'E': opt->events_path = arg; return EXIT_OK;
    case 'F': opt->font = arg; return EXIT_OK;
    case 'R': opt->req.transparent = 1; return EXIT_OK;
    case CLI_OPT_AS_OF: case CLI_OPT_SINCE: case CLI_OPT_LAST:
    case CLI_OPT_LEVEL: case 'K':
        return parse_analysis_option(opt, c, arg);
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
    }
    return parse_choice(opt, c, arg);
}

/* What an aligned chart cannot draw: another kind, a rebasing at one
 * calendar date, and notes placed at calendar dates. */
static int check_align(const ChartOptions *opt)
{
    const ChartRequest *req = &opt->req;
    if (opt->n_launches && req->align.kind != ALIGN_LAUNCH)
        return cli_usage_error("--launch needs --align launch");
    if (req->align.kind == ALIGN_NONE)
        return EXIT_OK;
    if (req->kind != CHART_LINE)
        return cli_usage_error("--align draws line charts only; remove it "
                               "or use --type line");
    if (req->index_base > 0 || req->growth)
        return cli_usage_error("--index and --growth rebase at one "
                               "calendar date, --align starts each series "
                               "at its own; choose one");
    for (size_t i = 0; i < opt->n_notes; i++)
        if (opt->notes[i].kind != NOTE_HLINE)
            return cli_usage_error("--%s takes calendar dates, which an "
                                   "aligned chart does not have; remove "
                                   "it or --align",
                                   annotation_key(opt->notes[i].kind));
    return EXIT_OK;
}

static int parse_options(int argc, char **argv, ChartOptions *opt)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        CLI_SELECT_LONGOPTS,
        {"highlight", required_argument, NULL, 'h'},
        {"color", required_argument, NULL, 'c'},
        {"title", required_argument, NULL, 't'},
        {"subtitle", required_argument, NULL, 'S'},
        {"source", required_argument, NULL, OPT_SOURCE},
        {"note", required_argument, NULL, OPT_NOTE},
        {"credit", required_argument, NULL, OPT_CREDIT},
        {"type", required_argument, NULL, 'T'},
        {"size", required_argument, NULL, 'z'},
        {"scale", required_argument, NULL, 's'},
        {"axis", required_argument, NULL, 'a'},
        {"model", required_argument, NULL, 'M'},
        {"horizon", required_argument, NULL, 'H'},
        {"cap", required_argument, NULL, 'K'},
        {"events", required_argument, NULL, 'E'},
        {"lang", required_argument, NULL, 'L'},
        {"theme", required_argument, NULL, 'e'},
        {"transparent", no_argument, NULL, 'R'},
        {"font", required_argument, NULL, 'F'},
        {"svg-text", no_argument, NULL, OPT_SVG_TEXT},
        {"alt-text", no_argument, NULL, OPT_ALT_TEXT},
        {"number-style", required_argument, NULL, OPT_NUMBER_STYLE},
        {"target", required_argument, NULL, OPT_TARGET},
        {"hline", required_argument, NULL, OPT_HLINE},
        {"range", required_argument, NULL, OPT_RANGE},
        {"annotate", required_argument, NULL, OPT_ANNOTATE},
        {"index", required_argument, NULL, OPT_INDEX},
        {"index-at", required_argument, NULL, OPT_INDEX_AT},
        {"growth", no_argument, NULL, OPT_GROWTH},
        {"align", required_argument, NULL, OPT_ALIGN},
        {"launch", required_argument, NULL, OPT_LAUNCH},
        {"facet", required_argument, NULL, OPT_FACET},
        {"facet-scale", required_argument, NULL, OPT_FACET_SCALE},
        CLI_FIT_LONGOPTS,
        CLI_LOAD_LONGOPTS,
        {NULL, 0, NULL, 0}};
    int rc = cli_parse_data_options(argc, argv, "chart", ":o:m:", longopts,
                                    parse_value_option, opt);
    if (rc != EXIT_OK)
        return rc;
    if (opt->req.kind == CHART_MILESTONES && !(opt->req.target > 0))
        return cli_usage_error("--type milestones needs --target V, the "
                               "value to reach (such as 100B)");
    if (opt->req.kind != CHART_MILESTONES && opt->req.target > 0)
        return cli_usage_error("--target draws with --type milestones "
                               "only; add it, or use aigrowth project "
                               "--target");
    if (opt->req.index_base > 0 && opt->req.growth)
        return cli_usage_error("--index and --growth both rebase the "
                               "chart; choose one");
    if (opt->req.index_at && !(opt->req.index_base > 0) && !opt->req.growth)
        return cli_usage_error("--index-at needs --index 100 or --growth");
    if ((opt->req.index_base > 0 || opt->req.growth) &&
        opt->req.kind != CHART_LINE)
        return cli_usage_error("--index and --growth rebase line charts "
                               "only");
    int rc_align = check_align(opt);
    if (rc_align != EXIT_OK)
        return rc_align;
    if (opt->req.facet != FACET_NONE && opt->req.kind != CHART_LINE)
        return cli_usage_error("--facet draws line charts only; remove it "
                               "or use --type line");
    if (opt->facet_scale_set && opt->req.facet == FACET_NONE)
        return cli_usage_error("--facet-scale needs --facet company or "
                               "metric");
    if (opt->req.facet != FACET_NONE && opt->req.align.kind != ALIGN_NONE)
        return cli_usage_error("--align is not drawn on small multiples; "
                               "remove it, or remove --facet");
    if (opt->req.facet != FACET_NONE && opt->events_path)
        return cli_usage_error("--events are not drawn on small multiples; "
                               "remove them, or remove --facet");
    if (opt->req.facet != FACET_NONE && opt->n_notes)
        return cli_usage_error("--hline, --range and --annotate are not "
                               "drawn on small multiples; remove them, or "
                               "remove --facet");
    if (opt->alt_text)
        return EXIT_OK; /* no chart is written */
    if (!opt->output)
        return cli_usage_error("chart needs -o FILE (.png, .svg or .pdf)");
    if (strcmp(opt->output, "-") == 0 && !opt->format)
        return cli_usage_error("-o - needs --format png, svg or pdf");
    return EXIT_OK;
}

/* --metric's names, each in the data: EXIT_OK, or a usage error
 * naming the first that is not. */
static int check_metrics(const Dataset *ds, const ChartOptions *opt)
{
    char names[CHART_METRICS_MAX][CHART_METRIC_NAME_MAX], why[96];
    size_t n;
    if (chart_metrics_split(opt->metric, names, &n, why, sizeof why) != 0)
        return cli_usage_error("--metric \"%s\": %s; write --metric NAME "
                               "or --metric NAME,NAME",
                               opt->metric, why);
    if (n > 1 && opt->req.kind != CHART_LINE)
        return cli_usage_error("--metric \"%s\": two metrics draw as a "
                               "line chart only; name one or use --type "
                               "line",
                               opt->metric);
    for (size_t i = 0; i < n; i++)
        if (dataset_series_of_metric(ds, names[i], NULL, 0) == 0) {
            fprintf(stderr, "aigrowth: the data has no metric \"%s\"\n",
                    names[i]);
            return EXIT_DATA;
        }
    return EXIT_OK;
}

/* Without --metric the data must hold exactly one metric. */
static int pick_metric(const Dataset *ds, ChartOptions *opt)
{
    if (opt->metric) {
        int rc = check_metrics(ds, opt);
        if (rc != EXIT_DATA)
            return rc;
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

/* Fills the request's borrowed lists from the parsed options. */
static int finish_request(ChartOptions *opt)
{
    ChartRequest *req = &opt->req;
    req->metric = opt->metric;
    req->lang = lang_with_numbers(req->lang, opt->number_style);
    if (opt->companies.n) {
        req->companies = opt->companies.names;
        req->n_companies = opt->companies.n;
    }
    if (opt->highlight.n) {
        req->highlight = opt->highlight.names;
        req->n_highlight = opt->highlight.n;
    }
    req->colors = opt->colors;
    req->n_colors = opt->n_colors;
    req->notes = opt->notes;
    req->n_notes = opt->n_notes;
    req->launches = opt->launches;
    req->n_launches = opt->n_launches;
    if (opt->horizon &&
        cli_parse_horizon(opt->horizon, &req->horizon, &req->horizon_months))
        return cli_usage_error("--horizon \"%s\" is not a date; use "
                               "YYYY-MM-DD, YYYY-MM, YYYY or +12m",
                               opt->horizon);
    return EXIT_OK;
}

static int output_is_png(const ChartOptions *opt)
{
    char ext[16];
    if (!opt->output)
        return 0;
    if (strcmp(opt->output, "-") == 0)
        return strcmp(opt->format, "png") == 0;
    return strcmp(fsutil_extension(opt->output, ext, sizeof ext), "png") == 0;
}

static int write_output(const ChartOptions *opt, const Scene *scene,
                        const FontStack *fs, Error *err)
{
    RenderOptions ro = {opt->scale, opt->svg_text ? SVG_TEXT_ELEMENTS
                                                  : SVG_TEXT_OUTLINES};
    if (strcmp(opt->output, "-") != 0)
        return render_cairo_file_with(scene, fs, opt->output, &ro, err);
    OutputFormat format;
    if (strcmp(opt->format, "png") == 0)
        format = OUTPUT_PNG;
    else if (strcmp(opt->format, "svg") == 0)
        format = OUTPUT_SVG;
    else if (strcmp(opt->format, "pdf") == 0)
        format = OUTPUT_PDF;
    else {
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "--format \"%s\": use png, svg or pdf", opt->format);
        return -1;
    }
    ByteBuf buf = {0};
    int rc = render_cairo_with(scene, fs, format, &ro, &buf, err);
    if (rc == 0)
        rc = fsutil_write_atomic("-", buf.data, buf.len, err);
    bytebuf_free(&buf);
    return rc;
}

int cmd_chart(int argc, char **argv)
{
    ChartOptions opt = {.scale = 1.0,
                        .req = {.kind = CHART_LINE, .width = 1920,
                                .height = 1080, .axis = AXIS_AUTO,
                                .model = ANALYSIS_DEFAULT_MODEL,
                                .level = 0.80}};
    int rc = parse_options(argc, argv, &opt);
    Error err;
    error_clear(&err);
    FontStack *fs = NULL;
    Dataset *ds = NULL;
    EventList events = {0};
    ChartBuilt built = {0};
    if (rc != EXIT_OK)
        goto done;
    ds = cli_load((const char *const *)argv + optind, (size_t)(argc - optind),
                  &opt.csv, &err);
    if (!ds)
        goto fail;
    if ((rc = pick_metric(ds, &opt)) != EXIT_OK ||
        (rc = finish_request(&opt)) != EXIT_OK)
        goto done;
    if (!opt.type_given && !chart_wants_line(&opt.req) &&
        chart_is_cross_section(ds, &opt.req))
        opt.req.kind = CHART_BAR;
    if (opt.events_path) {
        if (csvload_events(&events, opt.events_path, &err) != 0)
            goto fail;
        opt.req.events = &events;
    }
    /* A PNG holds its own pixels; SVG and PDF get zoomed: keep 2x. */
    opt.req.detail = output_is_png(&opt) ? opt.scale : fmax(opt.scale, 2);
    opt.req.verified_only = opt.csv.verified_only;
    fs = fontstack_create_family(opt.font, &err);
    if (!fs || chart_build(ds, &opt.req, fs, &built, &err) != 0)
        goto fail;
    if (built.color_warning[0])
        fprintf(stderr, "aigrowth: warning: %s\n", built.color_warning);
    if (built.no_launch[0])
        fprintf(stderr,
                "aigrowth: warning: no launch date for %s, left out of the "
                "chart; give one with --launch \"COMPANY=YYYY-MM-DD\", or "
                "an --events file with an event of the company labelled "
                "\"... launched\"\n",
                built.no_launch);
    /* The scene holds all the drawing needs: the data's memory goes back
     * before the image's is taken (a million rows are 17 MB). built's
     * series pointers dangle from here on; only its scene is used. */
    dataset_destroy(ds);
    ds = NULL;
    if (opt.alt_text) {
        /* The words every output carries, from the same built chart. */
        const char *alt = built.scene->info.description;
        printf("%s\n", alt ? alt : "");
    } else if (write_output(&opt, built.scene, fs, &err) != 0) {
        goto fail;
    }
    rc = EXIT_OK;
    goto done;
fail:
    rc = cli_fail(&err);
done:
    chart_built_free(&built);
    eventlist_free(&events);
    dataset_destroy(ds);
    fontstack_destroy(fs);
    cli_names_free(&opt.companies);
    cli_names_free(&opt.highlight);
    return rc;
}
