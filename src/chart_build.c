/* chart_build.c - series selection, fits and colours for one chart. */
#include "chart_build.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alt_text.h"
#include "chart_colors.h"
#include "dates.h"
#include "format.h"
#include "outlets.h"
#include "report_labels.h"
#include "util.h"

int chart_metrics_split(const char *list,
                        char names[CHART_METRICS_MAX][CHART_METRIC_NAME_MAX],
                        size_t *n, char *why, size_t size)
{
    *n = 0;
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        while (len > 0 && (*p == ' ' || *p == '\t')) {
            p++;
            len--;
        }
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len == 0) {
            snprintf(why, size, "a name is empty");
            return -1;
        }
        if (*n == CHART_METRICS_MAX) {
            snprintf(why, size, "more than %d metrics are named",
                     CHART_METRICS_MAX);
            return -1;
        }
        if (len >= CHART_METRIC_NAME_MAX) {
            snprintf(why, size, "a name is longer than %d bytes",
                     CHART_METRIC_NAME_MAX - 1);
            return -1;
        }
        memcpy(names[*n], p, len);
        names[(*n)++][len] = '\0';
        if (*n == 2 && strcmp(names[0], names[1]) == 0) {
            snprintf(why, size, "the same metric is named twice");
            return -1;
        }
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

static int company_wanted(const ChartRequest *req, const char *company)
{
    if (!req->companies)
        return 1;
    for (size_t i = 0; i < req->n_companies; i++)
        if (strcmp(req->companies[i], company) == 0)
            return 1;
    return 0;
}

int chart_is_cross_section(const Dataset *ds, const ChartRequest *req)
{
    size_t n = 0;
    for (size_t i = 0; i < ds->n_series; i++) {
        const Series *s = &ds->series[i];
        if (strcmp(s->metric, req->metric) != 0 ||
            !company_wanted(req, s->company))
            continue;
        if (s->n != 1)
            return 0;
        n++;
    }
    return n >= 2;
}

int chart_wants_line(const ChartRequest *req)
{
    return req->index_base > 0 || req->growth || req->n_notes > 0 ||
           req->align.kind != ALIGN_NONE || req->facet != FACET_NONE;
}

static int named_in(const char *const *names, size_t n, const char *company)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], company) == 0)
            return 1;
    return 0;
}

/* Which series are context: with --highlight, all not named; otherwise,
 * when there are more series than colours can tell apart, all but the
 * CHART_DEFAULT_HIGHLIGHTS with the largest latest value. */
static void mark_context(const ChartRequest *req, ChartBuilt *c)
{
    if (req->kind != CHART_LINE || c->facet != FACET_NONE)
        return; /* every bar, milestone row and panel is labelled */
    if (req->highlight) {
        for (size_t i = 0; i < c->n; i++)
            c->context[i] = !named_in(req->highlight, req->n_highlight,
                                      c->series[i]->company);
        return;
    }
    if (c->n <= CHART_DEFAULT_HIGHLIGHTS)
        return;
    for (size_t i = 0; i < c->n; i++) {
        const Series *s = c->series[i];
        size_t larger = 0;
        for (size_t j = 0; j < c->n && larger < CHART_DEFAULT_HIGHLIGHTS;
             j++) {
            const Series *o = c->series[j];
            double a = s->value[s->n - 1], b = o->value[o->n - 1];
            larger += b > a || (b == a && j < i);
        }
        c->context[i] = larger >= CHART_DEFAULT_HIGHLIGHTS;
    }
}

AnalysisOptions chart_analysis_options(const ChartRequest *req)
{
    AnalysisOptions o = analysis_defaults();
    o.model = req->model;
    o.since = req->since ? req->since : LONG_MIN;
    o.last = req->last;
    o.as_of = req->as_of ? req->as_of : LONG_MAX;
    o.horizon = req->horizon;
    o.horizon_months = req->horizon_months;
    if (req->level > 0)
        o.level = req->level;
    if (req->cap > 0)
        o.cap = req->cap;
    o.verified_only = req->verified_only;
    return o;
}

/* Every series is analysed, context ones too (the key figures read them);
 * only highlighted ones draw a projection. */
static void analyse_all(const ChartRequest *req, ChartBuilt *c)
{
    AnalysisOptions o = chart_analysis_options(req);
    c->fitted = xcalloc(c->n + 1, sizeof *c->fitted);
    for (size_t i = 0; i < c->n; i++)
        analysis_series_kept(c->series[i], &o, &c->fitted[i],
                             &c->analyses[i]);
}

/* Only observations up to as_of are drawn and analysed: each series is
 * replaced by a view of its first points (the arrays stay the
 * dataset's); series with none are left out. */
static void cut_to_as_of(ChartBuilt *c, long as_of)
{
    c->views = xmalloc_array(c->n + 1, sizeof *c->views);
    size_t kept = 0;
    for (size_t i = 0; i < c->n; i++) {
        Series v = *c->series[i];
        while (v.n > 0 && v.date[v.n - 1] > as_of)
            v.n--;
        if (v.n == 0)
            continue;
        c->views[kept] = v;
        c->series[kept] = &c->views[kept];
        kept++;
    }
    c->n = kept;
}

/* The unit most series of the chart use (first seen wins a tie). */
static const char *majority_unit(const Series *const *series, size_t n)
{
    const char *best = n ? series[0]->unit : "";
    size_t best_count = 0;
    for (size_t i = 0; i < n; i++) {
        size_t count = 0;
        for (size_t j = 0; j < n; j++)
            count += strcmp(series[j]->unit, series[i]->unit) == 0;
        if (count > best_count) {
            best = series[i]->unit;
            best_count = count;
        }
    }
    return best;
}

/* Series [0, split) are of the first metric, the rest of the second. */
static size_t metric_split(const ChartBuilt *c)
{
    size_t split = 0;
    while (split < c->n && (c->n_metrics < 2 ||
                            strcmp(c->series[split]->metric,
                                   c->metrics[1]) != 0))
        split++;
    return split;
}

/* One axis shows one unit: series in another unit than most of their
 * metric's (a EUR figure among USD ones) are left out, and named in the
 * chart's note so nothing vanishes silently. The second metric's unit
 * goes to *second. */
static void keep_one_unit(ChartBuilt *c, Lang lang, const char **second)
{
    size_t split = metric_split(c);
    c->unit = majority_unit(c->series, split);
    *second = majority_unit(c->series + split, c->n - split);
    size_t kept = 0;
    size_t len = 0;
    for (size_t i = 0; i < c->n; i++) {
        const Series *s = c->series[i];
        if (strcmp(s->unit, i < split ? c->unit : *second) == 0) {
            c->series[kept++] = s;
            continue;
        }
        if (len < sizeof c->left_out)
            len += (size_t)snprintf(c->left_out + len,
                                    sizeof c->left_out - len,
                                    lang_is_chinese(lang) ? "%s%s（%s）"
                                                       : "%s%s (%s)",
                                    len ? lang_pick(lang, ", ", "、")
                                        : lang_pick(lang,
                                                    "Not shown, other unit: ",
                                                    "單位不同而未顯示："),
                                    lang_text(lang, s->company),
                                    unit_word_lang(s->unit, lang));
    }
    c->n = kept;
}

/* The chart runs to the furthest projection of a highlighted series, or
 * to its latest observation. */
static long chart_horizon(const ChartBuilt *c)
{
    long end = LONG_MIN;
    for (size_t i = 0; i < c->n; i++) {
        const SeriesAnalysis *a = &c->analyses[i];
        long d = analysis_has_trend(a) && !c->context[i] ? a->horizon
                                                         : a->latest_date;
        if (a->n > 0 && d > end)
            end = d;
    }
    return end == LONG_MIN ? 0 : end;
}

/* Outlets cited by the rows of the chart's series. */
static void tally_outlets(const Dataset *ds, const ChartBuilt *c,
                          OutletTally *t)
{
    int any = 0;
    for (size_t i = 0; i < ds->n_files; i++)
        any |= ds->files[i].has_sources;
    if (!any)
        return; /* no row to read: a million-point chart skips the pass */
    DatasetCursor *cur = dataset_cursor_create(ds);
    Observation o;
    while (dataset_cursor_next(cur, &o)) {
        if (!o.source || !o.source[0])
            continue;
        for (size_t i = 0; i < c->n; i++)
            if (c->series[i]->company == o.company &&
                c->series[i]->metric == o.metric) {
                outlet_tally_add(t, o.source);
                break;
            }
    }
    dataset_cursor_destroy(cur);
}

/* The files' names (not their paths) when no row names an outlet. */
static void file_names(const ChartBuilt *c, Lang lang, char *buf,
                       size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < c->n && len < size; i++) {
        const char *file = c->series[i]->file;
        int seen = 0;
        for (size_t j = 0; j < i; j++)
            seen |= c->series[j]->file == file;
        if (seen)
            continue;
        const char *slash = strrchr(file, '/');
        len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                len ? lang_pick(lang, ", ", "、") : "",
                                slash ? slash + 1 : file);
    }
}

/* "Source: OUTLETS · Chart: CREDIT · NOTE · LEFT OUT": the outlets the
 * data cites (at most three named), or the --source given, or the data
 * files' names; never a path. */
static void credit_line(const Dataset *ds, const ChartRequest *req,
                        ChartBuilt *c)
{
    char from[400];
    if (req->source && req->source[0]) {
        snprintf(from, sizeof from, "%s", lang_text(req->lang, req->source));
    } else {
        OutletTally t = {0};
        tally_outlets(ds, c, &t);
        outlet_tally_list(&t, 3, req->lang, from, sizeof from);
        outlet_tally_free(&t);
        if (!from[0])
            file_names(c, req->lang, from, sizeof from);
    }
    Lang lang = req->lang;
    int n = snprintf(c->source_line, sizeof c->source_line,
                     "%s%s \xc2\xb7 %s%s",
                     lang_pick(lang, "Source: ", "資料來源："), from,
                     lang_pick(lang, "Chart: ", "圖表："),
                     req->credit && req->credit[0] ? req->credit
                                                   : "aigrowth");
    size_t len = n < 0 ? 0 : (size_t)n;
    if (req->note && req->note[0] && len < sizeof c->source_line)
        len += (size_t)snprintf(c->source_line + len,
                                sizeof c->source_line - len,
                                " \xc2\xb7 %s", lang_text(lang, req->note));
}

static int layout(const ChartRequest *req, const FontStack *fs,
                  const Theme *theme, const ChartBuilt *out, Scene **scene,
                  Error *err)
{
    const char *title = out->metric_name;
    /* A title given in Traditional reads Simplified in zh-CN. */
    const char *given_title = lang_text(req->lang, req->title);
    const char *given_subtitle = lang_text(req->lang, req->subtitle);
    if (req->kind == CHART_MILESTONES) {
        MilestoneChartSpec spec = {
            .title = given_title, .subtitle = given_subtitle,
            .note = out->left_out, .source_line = out->source_line,
            .width = req->width, .height = req->height,
            .series = out->series, .analyses = out->analyses,
            .milestones = out->milestones, .colors = out->colors,
            .n_series = out->n, .target = req->target,
            .level = req->level > 0 ? req->level : 0.80,
            .theme = theme, .transparent = req->transparent,
            .lang = req->lang, .type_scale = req->type_scale,
        };
        return chart_milestones_layout(&spec, fs, scene, err);
    }
    if (req->kind == CHART_BAR) {
        BarChartSpec spec = {
            .title = given_title ? given_title : title,
            .subtitle = given_subtitle, .note = out->left_out,
            .source_line = out->source_line,
            .width = req->width, .height = req->height,
            .series = out->series, .colors = out->colors, .n_series = out->n,
            .theme = theme, .transparent = req->transparent,
            .lang = req->lang, .type_scale = req->type_scale,
        };
        return chart_bar_layout(&spec, fs, scene, err);
    }
    LineChartSpec spec = {
        .title = given_title ? given_title : title,
        .subtitle = given_subtitle, .note = out->left_out,
        .source_line = out->source_line,
        .width = req->width, .height = req->height,
        .series = out->series, .analyses = out->analyses,
        .colors = out->colors,
        .context = out->context, .n_series = out->n,
        .horizon = out->horizon, .level = req->level, .axis = req->axis,
        .events = req->events, .theme = theme,
        .transparent = req->transparent, .lang = req->lang,
        .type_scale = req->type_scale, .detail = req->detail,
        .notes = req->notes, .n_notes = req->n_notes,
        .rebase = out->rebase, .rebase_at = out->rebase_at,
        .x_from = out->rebase ? out->rebase_at : 0,
        .rebase_style = !out->rebase ? REBASE_NONE
                        : req->growth ? REBASE_GROWTH
                                      : REBASE_INDEX,
        .rebase_base = req->index_base,
        .verified_only = req->verified_only,
        .align = out->origins ? &req->align : NULL,
        .origins = out->origins,
        .check_overlap = req->check_overlap,
    };
    if (out->n_metrics == 2 && out->facet != FACET_METRIC) {
        spec.style = out->style;
        spec.style_names[0] = out->metrics[0];
        spec.style_names[1] = out->metrics[1];
    }
    if (out->n_metrics == 2)
        spec.metric_name = out->metric_name;
    if (out->facet != FACET_NONE)
        return chart_facet_layout(&spec, out->facet, req->facet_scale, fs,
                                  scene, err);
    return chart_line_layout(&spec, fs, scene, err);
}

/* The scene's info: title and source line as drawn, and the alt text,
 * for the outputs' metadata. */
static void describe(const ChartRequest *req, const ChartBuilt *out,
                     Scene *scene)
{
    char title[300], alt[ALT_TEXT_SIZE];
    if (!req->title && req->kind == CHART_MILESTONES)
        chart_milestones_title(req->metric, req->target, out->unit,
                               req->lang, title, sizeof title);
    else if (!req->title)
        snprintf(title, sizeof title, "%s", out->metric_name);
    alt_text_write(req, out, alt, sizeof alt);
    scene_set_info(scene, req->title ? req->title : title, alt,
                   out->source_line);
}

/* No output may show a missing-glyph box: a character that no face of the
 * stack has fails the chart, naming it, the text and the fonts tried. */
static int check_glyphs(const Scene *scene, const FontStack *fs, Error *err)
{
    for (size_t i = 0; i < scene->n_ops; i++) {
        const SceneOp *op = &scene->ops[i];
        unsigned long cp;
        if (op->kind != OP_TEXT ||
            !text_find_uncovered(fs, scene_op_text(scene, op), &cp))
            continue;
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "character U+%04lX in \"%s\" is in none of the fonts "
                  "%s and %s; remove it from the data or choose a font "
                  "that has it with --font",
                  cp, scene_op_text(scene, op),
                  fontstack_family(fs, FACE_LATIN),
                  fontstack_family(fs, FACE_CJK));
        return -1;
    }
    return 0;
}

/* When each series reaches the target: analysis_target on the analyses
 * just made, as `project --target` does. The target's unit, when its
 * text named one, must be the chart's. */
static int find_milestones(const ChartRequest *req, ChartBuilt *out,
                           Error *err)
{
    if (!(req->target > 0)) {
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "a milestone chart needs a target value");
        return -1;
    }
    if (req->target_unit && req->target_unit[0] &&
        ascii_casecmp(req->target_unit, out->unit) != 0) {
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "the target is in %s but the chart's series are in %s; "
                  "write it in their unit",
                  req->target_unit, out->unit[0] ? out->unit : "no unit");
        return -1;
    }
    out->milestones = xcalloc(out->n ? out->n : 1, sizeof *out->milestones);
    chart_milestones_find(out->analyses, out->n, req->target,
                          out->milestones);
    return 0;
}

/* An annotation's value is on the chart's axis: a unit its text names
 * must be the chart's. Notes are drawn on line charts only. */
static int check_note_units(const ChartRequest *req, const ChartBuilt *out,
                            Error *err)
{
    for (size_t i = 0; i < req->n_notes; i++) {
        const Annotation *a = &req->notes[i];
        if (req->kind != CHART_LINE) {
            error_set(err, ERR_USAGE, NULL, 0, 0,
                      "%s is drawn on line charts only",
                      annotation_key(a->kind));
            return -1;
        }
        if (a->kind == NOTE_RANGE || !a->unit[0] ||
            ascii_casecmp(a->unit, out->unit) == 0)
            continue;
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "%s \"%s\": the value is in %s but the chart's series are "
                  "in %s; write it in their unit",
                  annotation_key(a->kind), a->label, a->unit,
                  out->unit[0] ? out->unit : "no unit");
        return -1;
    }
    return 0;
}

/* The start of a rebased chart: the day asked for, else the latest of
 * the series' first dates (where every series has a value). */
static long rebase_start(const ChartRequest *req, const ChartBuilt *c)
{
    if (req->index_at)
        return req->index_at;
    long start = LONG_MIN;
    for (size_t i = 0; i < c->n; i++)
        if (c->series[i]->date[0] > start)
            start = c->series[i]->date[0];
    return start;
}

/* Rebasing: each series' factor, base over its value at the start
 * (analysis_observed_at, interpolated between observations); a series
 * without a value there is left out and named in the note. */
static void choose_rebase(const ChartRequest *req, ChartBuilt *c)
{
    double base = req->growth ? 1 : req->index_base;
    c->rebase_at = rebase_start(req, c);
    c->rebase = xmalloc_array(c->n + 1, sizeof *c->rebase);
    size_t kept = 0, len = strlen(c->left_out);
    Lang lang = req->lang;
    for (size_t i = 0; i < c->n; i++) {
        const Series *s = c->series[i];
        SeriesAnalysis span = {.s = s, .n = s->n};
        double v = analysis_observed_at(&span, c->rebase_at);
        if (isfinite(v) && v > 0) {
            c->rebase[kept] = base / v;
            c->series[kept++] = s;
            continue;
        }
        if (len < sizeof c->left_out)
            len += (size_t)snprintf(
                c->left_out + len, sizeof c->left_out - len, "%s%s",
                len ? lang_pick(lang, "; ", "；") : "",
                lang_text(lang, s->company));
        if (len < sizeof c->left_out)
            len += (size_t)snprintf(
                c->left_out + len, sizeof c->left_out - len, "%s",
                lang_pick(lang, " not shown: no data at the start",
                          "未顯示：起點無資料"));
    }
    c->n = kept;
}

/* A view of s from its last point at or before day on (its first point
 * when none is), so a line enters the plot through its value there. */
static Series view_from(const Series *s, long day)
{
    Series view = *s;
    size_t k = 0;
    while (k + 1 < view.n && view.date[k + 1] <= day)
        k++;
    view.n -= k;
    view.date += k;
    view.precision += k;
    view.value += k;
    view.line += k;
    if (view.qualifier)
        view.qualifier += k;
    return view;
}

/* The views drawn: each series' values times its factor, the analyses
 * (of the data as it is) left untouched. */
static void rebase_views(ChartBuilt *c)
{
    size_t total = 0;
    for (size_t i = 0; i < c->n; i++)
        total += c->series[i]->n;
    c->rebased = xmalloc_array(c->n + 1, sizeof *c->rebased);
    c->rebased_values = xmalloc_array(total + 1, sizeof *c->rebased_values);
    double *v = c->rebased_values;
    for (size_t i = 0; i < c->n; i++) {
        Series view = view_from(c->series[i], c->rebase_at);
        for (size_t j = 0; j < view.n; j++)
            v[j] = view.value[j] * c->rebase[i];
        view.value = v;
        view.unit = "";
        v += view.n;
        c->rebased[i] = view;
        c->series[i] = &c->rebased[i];
    }
}

/* The note's clause for series left out for one reason: "Not shown,
 * launch date unknown: A, B" / "未顯示（上線日期不詳）：A、B". */
static void note_left_out(ChartBuilt *c, Lang lang, const char *why,
                          const char *names)
{
    size_t len = strlen(c->left_out);
    if (names[0] && len < sizeof c->left_out)
        snprintf(c->left_out + len, sizeof c->left_out - len,
                 len ? lang_pick(lang, "; not shown, %s: %s",
                                 "；未顯示（%s）：%s")
                     : lang_pick(lang, "Not shown, %s: %s", "未顯示（%s）：%s"),
                 why, names);
}

static void add_name(char *buf, size_t size, Lang lang, const char *name)
{
    size_t len = strlen(buf);
    if (len < size)
        snprintf(buf + len, size - len, "%s%s",
                 len ? lang_pick(lang, ", ", "、") : "",
                 lang_text(lang, name));
}

/* Aligned time: each series' origin (align_origin); series without one
 * are left out and named in the note by reason (no launch date, never
 * reached the threshold, above it at the first report, launched after
 * its latest report), and, wanting a
 * launch date, in no_launch for the command to say how to give one. */
static int choose_alignment(const ChartRequest *req, ChartBuilt *c,
                            Error *err)
{
    const Alignment *al = &req->align;
    Lang lang = req->lang;
    if (al->kind == ALIGN_THRESHOLD && al->threshold_unit[0] &&
        ascii_casecmp(al->threshold_unit, c->unit) != 0) {
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "the align threshold is in %s but the chart's series are "
                  "in %s; write it in their unit",
                  al->threshold_unit, c->unit[0] ? c->unit : "no unit");
        return -1;
    }
    char v[64], unknown[300] = "", never[300] = "", above[300] = "",
        after[300] = "";
    format_compact_lang(al->threshold, c->unit, 3, lang, v, sizeof v);
    c->origins = xmalloc_array(c->n + 1, sizeof *c->origins);
    size_t kept = 0;
    for (size_t i = 0; i < c->n; i++) {
        const Series *s = c->series[i];
        Origin o = align_origin(al, s, req->launches, req->n_launches,
                                req->events);
        if (o.status == ORIGIN_OK) {
            c->origins[kept] = o;
            c->series[kept++] = s;
        } else if (o.status == ORIGIN_NO_LAUNCH) {
            add_name(unknown, sizeof unknown, lang, s->company);
            add_name(c->no_launch, sizeof c->no_launch, LANG_EN, s->company);
        } else if (o.status == ORIGIN_NOT_REACHED) {
            add_name(never, sizeof never, lang, s->company);
        } else if (o.status == ORIGIN_AFTER_DATA) {
            add_name(after, sizeof after, lang, s->company);
        } else {
            char when[48], named[200];
            format_period_lang(s->date[0], (DatePrecision)s->precision[0],
                               lang, when, sizeof when);
            snprintf(named, sizeof named,
                     lang_is_chinese(lang) ? "%s（%s）" : "%s (%s)",
                     s->company, when);
            add_name(above, sizeof above, lang, named);
        }
    }
    c->n = kept;
    char why[160];
    size_t before = strlen(c->left_out);
    note_left_out(c, lang, lang_pick(lang, "launch date unknown",
                                     "上線日期不詳"),
                  unknown);
    snprintf(why, sizeof why,
             lang_pick(lang, "below %s in every report", "各次公布均未達%s"),
             v);
    note_left_out(c, lang, why, never);
    snprintf(why, sizeof why,
             lang_pick(lang, "over %s at the first report",
                       "首次公布時已逾%s"), v);
    note_left_out(c, lang, why, above);
    note_left_out(c, lang, lang_pick(lang, "no report since the launch",
                                     "上線後無公布數據"),
                  after);
    /* The same clauses close the alignment's sentence. */
    const char *said = c->left_out + before;
    const char *sep = lang_pick(lang, "; ", "；");
    if (!strncmp(said, sep, strlen(sep)))
        said += strlen(sep);
    snprintf(c->align_left_out, sizeof c->align_left_out, "%s", said);
    if (!lang_is_chinese(lang) && c->align_left_out[0] == 'n')
        c->align_left_out[0] = 'N';
    return 0;
}

/* Not one series has an origin: none a launch date, or none reached
 * the threshold in the data (some were above it from the first). */
static void no_origin_error(const ChartRequest *req, const ChartBuilt *c,
                            Error *err)
{
    char v[64];
    format_compact_lang(req->align.threshold, c->unit, 3, LANG_EN, v,
                        sizeof v);
    if (req->align.kind == ALIGN_LAUNCH)
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "no series of metric \"%s\" has a launch date (given by "
                  "hand, or an event of its company labelled \"... "
                  "launched\")",
                  req->metric);
    else
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "no series of metric \"%s\" crosses %s in the data (%s); "
                  "choose another threshold",
                  req->metric, v, c->left_out);
}

/* The views drawn on an aligned chart: each series' dates as days since
 * its origin, from the last report before the origin on (so the line
 * enters the plot through its value there); the analyses, of the data
 * as it is, untouched. */
static void align_views(ChartBuilt *c)
{
    size_t total = 0;
    for (size_t i = 0; i < c->n; i++)
        total += c->series[i]->n;
    c->aligned = xmalloc_array(c->n + 1, sizeof *c->aligned);
    c->aligned_dates = xmalloc_array(total + 1, sizeof *c->aligned_dates);
    int32_t *d = c->aligned_dates;
    for (size_t i = 0; i < c->n; i++) {
        long origin = c->origins[i].day;
        Series view = view_from(c->series[i], origin);
        for (size_t j = 0; j < view.n; j++)
            d[j] = (int32_t)(view.date[j] - origin);
        view.date = d;
        d += view.n;
        c->aligned[i] = view;
        c->series[i] = &c->aligned[i];
    }
}

/* "Aligned on each company's launch: OpenAI Nov 2022 (ChatGPT
 * launched), Anthropic Mar 2023 (…)." with "about" for an interpolated
 * date, then the series left out: what the alt text and the report's
 * caption say first. */
static void align_sentence(const ChartRequest *req, ChartBuilt *c)
{
    Lang lang = req->lang;
    int zh = lang_is_chinese(lang), about = 0;
    char *buf = c->align_words;
    size_t size = sizeof c->align_words;
    align_subtitle_words(&req->align, c->unit, lang, buf, size);
    if (!zh && buf[0])
        buf[0] = (char)(buf[0] - 'a' + 'A');
    label_append(buf, size, "%s", lang_pick(lang, ": ", "："));
    for (size_t i = 0, said = 0; i < c->n; i++) {
        const Origin *o = &c->origins[i];
        if (c->context[i])
            continue;
        char when[48];
        format_month_year_lang(o->day, lang, when, sizeof when);
        about |= o->interpolated;
        label_append(buf, size, "%s%s %s%s", said++ ? lang_pick(lang, ", ", "、") : "",
                     lang_text(lang, c->series[i]->company),
                     o->interpolated ? lang_pick(lang, "about ", "約") : "",
                     when);
        if (o->event)
            label_append(buf, size, zh ? "（%s）" : " (%s)",
                         lang_text(lang, zh && o->event->label_zh
                                             ? o->event->label_zh
                                             : o->event->label));
    }
    if (about)
        label_append(buf, size, "%s",
                     lang_pick(lang,
                               " (about: between two reports, interpolated)",
                               "（「約」為兩次公布之間的內插）"));
    label_append(buf, size, "%s", lang_pick(lang, ".", "。"));
    if (c->align_left_out[0])
        label_append(buf, size, "%s%s%s", zh ? "" : " ", c->align_left_out,
                     lang_pick(lang, ".", "。"));
}

/* The series of each metric asked for, in that order; returns the first
 * metric of which none is kept, NULL when each has some. */
static const char *select_series(const Dataset *ds, const ChartRequest *req,
                                 ChartBuilt *out)
{
    const char *missing = NULL;
    size_t total = 0;
    for (size_t m = 0; m < out->n_metrics; m++)
        total += dataset_series_of_metric(ds, out->metrics[m], NULL, 0);
    out->series = xmalloc_array(total + 1, sizeof *out->series);
    for (size_t m = 0; m < out->n_metrics; m++) {
        size_t n = dataset_series_of_metric(ds, out->metrics[m], NULL, 0);
        const Series **all = xmalloc_array(n + 1, sizeof *all);
        dataset_series_of_metric(ds, out->metrics[m], all, n);
        size_t before = out->n;
        for (size_t i = 0; i < n; i++)
            if (all[i]->n > 0 && company_wanted(req, all[i]->company))
                out->series[out->n++] = all[i];
        free(all);
        if (out->n == before && !missing)
            missing = out->metrics[m];
    }
    return missing;
}

/* "Run-rate revenue", or "Weekly active users and monthly active
 * users" / "每週活躍用戶與每月活躍用戶". */
static void name_metrics(ChartBuilt *out, Lang lang)
{
    format_metric_name_lang(out->metrics[0], lang, out->metric_name,
                            sizeof out->metric_name);
    if (out->n_metrics < 2)
        return;
    char second[CHART_METRIC_NAME_MAX + 16];
    format_metric_name_lang(out->metrics[1], lang, second, sizeof second);
    label_lower_first(lang, second);
    label_append(out->metric_name, sizeof out->metric_name, "%s%s",
                 lang_pick(lang, " and ", "與"), second);
}

/* Small multiples as the request and the series decide: by metric when
 * two metrics are in two units (one axis cannot show both), by company
 * for the report's many series. Fails for a combination not drawn. */
static int choose_facet(const ChartRequest *req, ChartBuilt *out,
                        const char *second_unit, Error *err)
{
    int two_units = out->n_metrics == 2 && out->n > metric_split(out) &&
                    metric_split(out) > 0 &&
                    strcmp(out->unit, second_unit) != 0;
    out->facet = req->facet;
    if (req->facet == FACET_COMPANY && two_units) {
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "metrics %s (%s) and %s (%s) are in two units, which "
                  "one panel cannot show; draw a panel per metric (--facet "
                  "metric, or facet = metric in report.ini)",
                  out->metrics[0], out->unit[0] ? out->unit : "no unit",
                  out->metrics[1], second_unit[0] ? second_unit : "no unit");
        return -1;
    }
    if (two_units)
        out->facet = FACET_METRIC;
    if (req->facet != FACET_NONE && req->align.kind != ALIGN_NONE) {
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "align is not drawn on small multiples; remove the align "
                  "or the facet");
        return -1;
    }
    if (req->facet_many && req->kind == CHART_LINE && !req->companies &&
        req->align.kind == ALIGN_NONE &&
        !req->highlight && !req->n_notes && !req->events &&
        out->n_metrics == 1 &&
        out->n > CHART_DEFAULT_HIGHLIGHTS && out->n <= FACET_MAX)
        out->facet = FACET_COMPANY;
    if (out->facet != FACET_NONE && req->n_notes) {
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "%s is not drawn on small multiples; remove it, or "
                  "remove the facet",
                  annotation_key(req->notes[0].kind));
        return -1;
    }
    return 0;
}

static int check_kind(const ChartRequest *req, const ChartBuilt *out,
                      Error *err)
{
    if (req->kind == CHART_LINE)
        return 0;
    if (req->facet != FACET_NONE) {
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "small multiples (facet) are drawn for line charts only; "
                  "remove the facet or draw a line chart");
        return -1;
    }
    if (out->n_metrics > 1) {
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "two metrics are drawn on line charts only; name one "
                  "metric or draw a line chart");
        return -1;
    }
    return 0;
}

int chart_select(const Dataset *ds, const ChartRequest *req, ChartBuilt *out,
                 Error *err)
{
    memset(out, 0, sizeof *out);
    char why[96];
    if (chart_metrics_split(req->metric, out->metrics, &out->n_metrics, why,
                            sizeof why) != 0) {
        error_set(err, ERR_USAGE, NULL, 0, 0, "metric \"%s\": %s; name one "
                  "metric, or two separated by a comma",
                  req->metric, why);
        return -1;
    }
    if (check_kind(req, out, err) != 0)
        return -1;
    name_metrics(out, req->lang);
    const char *missing = select_series(ds, req, out);
    if (missing) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "no data for metric \"%s\"%s; check the names with "
                  "aigrowth check",
                  missing, req->companies ? " and those companies" : "");
        chart_built_free(out);
        return -1;
    }
    if (req->as_of)
        cut_to_as_of(out, req->as_of);
    if (out->n == 0) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "no data for metric \"%s\" up to the --as-of date",
                  req->metric);
        chart_built_free(out);
        return -1;
    }
    const char *second_unit = "";
    keep_one_unit(out, req->lang, &second_unit);
    if (choose_facet(req, out, second_unit, err) != 0) {
        chart_built_free(out);
        return -1;
    }
    if (req->align.kind != ALIGN_NONE && req->kind == CHART_LINE &&
        choose_alignment(req, out, err) != 0) {
        chart_built_free(out);
        return -1;
    }
    if (out->n == 0 && out->origins) {
        no_origin_error(req, out, err);
        chart_built_free(out);
        return -1;
    }
    if ((req->index_base > 0 || req->growth) && req->kind == CHART_LINE)
        choose_rebase(req, out);
    if (out->n == 0) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "no series of metric \"%s\" has a value at the index's "
                  "start; choose another start",
                  req->metric);
        chart_built_free(out);
        return -1;
    }
    credit_line(ds, req, out);
    out->analyses = xcalloc(out->n, sizeof *out->analyses);
    out->colors = xcalloc(out->n, sizeof *out->colors);
    out->context = xcalloc(out->n, sizeof *out->context);
    out->style = xcalloc(out->n, sizeof *out->style);
    for (size_t i = 0; i < out->n && out->n_metrics == 2; i++)
        out->style[i] = strcmp(out->series[i]->metric, out->metrics[1]) == 0;
    mark_context(req, out);
    return 0;
}

int chart_analyse(const Dataset *ds, const ChartRequest *req,
                  ChartBuilt *out, Error *err)
{
    const Theme *theme = req->theme ? req->theme : &theme_light;
    chart_colors_assign(ds, req, theme, out);
    if (out->facet == FACET_COMPANY)
        out->color_warning[0] = '\0'; /* each company in a panel apart */
    analyse_all(req, out);
    out->horizon = chart_horizon(out);
    if (out->rebase)
        rebase_views(out);
    if (out->origins) {
        align_sentence(req, out);
        align_views(out);
    }
    if ((req->kind == CHART_MILESTONES &&
         find_milestones(req, out, err) != 0) ||
        check_note_units(req, out, err) != 0) {
        chart_built_free(out);
        return -1;
    }
    return 0;
}

int chart_lay_out(const ChartRequest *req, const FontStack *fs,
                  const ChartBuilt *c, Scene **scene, Error *err)
{
    const Theme *theme = req->theme ? req->theme : &theme_light;
    *scene = NULL;
    if (layout(req, fs, theme, c, scene, err) != 0)
        return -1;
    if (check_glyphs(*scene, fs, err) != 0) {
        scene_destroy(*scene);
        *scene = NULL;
        return -1;
    }
    describe(req, c, *scene);
    return 0;
}

int chart_draw(const Dataset *ds, const ChartRequest *req,
               const FontStack *fs, ChartBuilt *out, Error *err)
{
    if (chart_analyse(ds, req, out, err) != 0)
        return -1;
    if (chart_lay_out(req, fs, out, &out->scene, err) != 0) {
        chart_built_free(out);
        return -1;
    }
    return 0;
}

int chart_build(const Dataset *ds, const ChartRequest *req,
                const FontStack *fs, ChartBuilt *out, Error *err)
{
    if (chart_select(ds, req, out, err) != 0)
        return -1;
    return chart_draw(ds, req, fs, out, err);
}

void chart_built_free(ChartBuilt *chart)
{
    for (size_t i = 0; chart->fitted && i < chart->n; i++)
        analysis_view_free(&chart->fitted[i]);
    free(chart->fitted);
    free(chart->series);
    free(chart->views);
    free(chart->analyses);
    free(chart->colors);
    free(chart->context);
    free(chart->style);
    free(chart->milestones);
    free(chart->rebase);
    free(chart->rebased);
    free(chart->rebased_values);
    free(chart->origins);
    free(chart->aligned);
    free(chart->aligned_dates);
    scene_destroy(chart->scene);
    memset(chart, 0, sizeof *chart);
}
