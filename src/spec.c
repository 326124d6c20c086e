/* spec.c - report.ini to a Spec, with inih.
 *
 * inih calls the handler once per key; a handler that returns 0 makes
 * ini_parse_string return the line number of the first such key, which
 * is how errors get their line (Debian's inih is built without line
 * numbers in the handler). The handler keeps only the first message. */
#include "spec.h"

#include "analysis.h"
#include "parse_value.h"

#include <errno.h>
#include <math.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "fsutil.h"
#include "names.h"
#include "parse_date.h"
#include "util.h"

static const char *const default_data[] = {
    "datasets/revenue.csv", "datasets/valuation.csv", "datasets/users.csv"};

/* Parser state passed through inih. */
typedef struct {
    Spec *spec;
    char message[600];   /* first error, "" while none */
    char section[256];   /* current section, to detect a new one */
    ChartSpec *chart;    /* current [chart NAME], NULL in [report] */
    int in_colors;       /* in [colors] */
    int in_launch;       /* in [launch] */
    int data_given;      /* [report] has data = */
    const StrList *header_names; /* chart names in header order ... */
    const long *header_lines;    /* ... and the line of each header */
} ParseState;

static void strlist_push(StrList *list, const char *s)
{
    grow_array((void **)&list->items, &list->cap, list->n + 1,
               sizeof *list->items);
    list->items[list->n++] = xstrdup(s);
}

static void strlist_free(StrList *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

static void push_item(void *ctx, char *item)
{
    strlist_push(ctx, item);
}

/* Splits "a, b ,c" as names_split does ("Korea, Rep." in quotes stays
 * one item); empty items are skipped. */
static void strlist_split(StrList *list, const char *text)
{
    strlist_free(list);
    char *copy = xstrdup(text);
    names_split(copy, push_item, list);
    free(copy);
}

static void set_string(char **field, const char *value)
{
    free(*field);
    *field = xstrdup(value);
}

/* A path from the spec, relative to the spec's directory. */
static void set_path(const Spec *spec, char **field, const char *value)
{
    free(*field);
    if (value[0] == '/' || !spec->dir || strcmp(spec->dir, ".") == 0) {
        *field = xstrdup(value);
        return;
    }
    size_t n = strlen(spec->dir) + strlen(value) + 2;
    *field = xmalloc(n);
    snprintf(*field, n, "%s/%s", spec->dir, value);
}

static void set_paths(const Spec *spec, StrList *list, const char *value)
{
    StrList raw = {0};
    strlist_split(&raw, value);
    strlist_free(list);
    for (size_t i = 0; i < raw.n; i++) {
        char *path = NULL;
        set_path(spec, &path, raw.items[i]);
        strlist_push(list, path);
        free(path);
    }
    strlist_free(&raw);
}

static int fail(ParseState *st, const char *fmt, const char *a, const char *b)
{
    if (!st->message[0])
        snprintf(st->message, sizeof st->message, fmt, a, b);
    return 0;
}

/* Unicode's control characters (C0, DEL, C1) and the invisible
 * direction controls, which can make a file name read in another order
 * ("gnp.exe" shown as "exe.png"). */
static int control_character(unsigned long cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x200E ||
           cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

int spec_check_stem(const char *name, char *why, size_t size)
{
    size_t len = strlen(name);
    const char *fact = NULL;
    char buf[64];
    if (len == 0)
        fact = "is empty";
    else if (len > SPEC_STEM_MAX) {
        snprintf(buf, sizeof buf, "is %zu bytes long, more than %d", len,
                 SPEC_STEM_MAX);
        fact = buf;
    } else if (name[0] == '.')
        fact = "starts with '.' (a hidden file)";
    else if (name[0] == '-')
        fact = "starts with '-' (it would read as an option)";
    for (size_t i = 0; i < len && !fact;) {
        unsigned long cp;
        size_t n = utf8_decode((const unsigned char *)name + i, len - i, &cp);
        if (cp == UTF8_REPLACEMENT &&
            !(n == 3 && memcmp(name + i, "\xef\xbf\xbd", 3) == 0))
            fact = "is not UTF-8";
        else if (cp == '/')
            fact = "has a '/'";
        else if (control_character(cp))
            fact = "has a control character";
        i += n;
    }
    if (!fact)
        return 0;
    snprintf(why, size, "%s", fact);
    return -1;
}

static int parse_level(const char *value, double *level)
{
    char *end;
    errno = 0;
    double v = strtod(value, &end);
    if (end == value || *end || errno)
        return -1;
    if (v >= 50 && v < 100)
        v /= 100; /* "80" means 80% */
    if (!(v > 0 && v < 1))
        return -1;
    *level = v;
    return 0;
}

static int parse_formats(const char *value, int *formats)
{
    StrList list = {0};
    strlist_split(&list, value);
    int bits = 0, ok = list.n > 0;
    for (size_t i = 0; i < list.n; i++) {
        if (!strcmp(list.items[i], "png"))
            bits |= FORMAT_PNG;
        else if (!strcmp(list.items[i], "svg"))
            bits |= FORMAT_SVG;
        else if (!strcmp(list.items[i], "pdf"))
            bits |= FORMAT_PDF;
        else if (!strcmp(list.items[i], "pptx"))
            bits |= FORMAT_PPTX;
        else
            ok = 0;
    }
    strlist_free(&list);
    if (!ok)
        return -1;
    *formats = bits;
    return 0;
}

/* A ceiling: a positive value in any notation the data allows. */
static int parse_cap(const char *value, double *out)
{
    char why[256];
    const char *unit = NULL;
    double v;
    if (parse_value(value, '.', &v, &unit, why, sizeof why) != VALUE_OK ||
        !(v > 0))
        return -1;
    *out = v;
    return 0;
}

/* A horizon is a date or "+12m" / "+2y"; checked here, resolved later. */
static int valid_horizon(const char *value)
{
    if (value[0] == '+') {
        char *end;
        long n = strtol(value + 1, &end, 10);
        return n > 0 && n <= 1200 && (!strcmp(end, "m") || !strcmp(end, "y"));
    }
    long day;
    DatePrecision precision;
    char why[256];
    return parse_date(value, &day, &precision, why, sizeof why) == 0;
}

/* The loading keys, named as the commands' options are (--date-order,
 * --skip-rows). Returns 1 when parsed, 0 on a bad value, -1 when name is
 * not one of them. */
static int load_key(ParseState *st, const char *name, const char *value)
{
    CsvOptions *csv = &st->spec->csv;
    if (!strcmp(name, "date_order")) {
        if (!strcmp(value, "dmy"))
            csv->date_order = DATE_ORDER_DMY;
        else if (!strcmp(value, "mdy"))
            csv->date_order = DATE_ORDER_MDY;
        else
            return fail(st, "date_order = %s: use dmy or mdy%s", value, "");
        return 1;
    }
    if (!strcmp(name, "skip_rows")) {
        char *end;
        errno = 0;
        long n = strtol(value, &end, 10);
        if (end == value || *end || errno || n < 0 || n > 1000)
            return fail(st, "skip_rows = %s: use a number from 0 to 1000%s",
                        value, "");
        csv->skip_rows = n;
        return 1;
    }
    if (!strcmp(name, "verified_only")) {
        if (strcmp(value, "yes") && strcmp(value, "no"))
            return fail(st, "verified_only = %s: use yes or no%s", value,
                        "");
        csv->verified_only = !strcmp(value, "yes");
        return 1;
    }
    static const char *const columns[3] = {"value_column", "date_column",
                                           "entity_column"};
    const char **field[3] = {&csv->value_column, &csv->date_column,
                             &csv->entity_column};
    for (size_t k = 0; k < 3; k++) {
        if (strcmp(name, columns[k]))
            continue;
        if (!value[0])
            return fail(st, "%s is empty: name the column as the header "
                            "writes it%s", name, "");
        spec_set_column(field[k], value);
        return 1;
    }
    return -1;
}

/* "title[zh-TW]": copies the key's name without its language tag into
 * base and sets *lang. Returns 0 for a key without a tag, 1 with one, -1
 * (failing st) for a tag that is not a language. */
static int split_lang_tag(ParseState *st, const char *name, char *base,
                          size_t size, Lang *lang)
{
    const char *open = strchr(name, '[');
    size_t len = strlen(name);
    if (!open || len < 2 || name[len - 1] != ']')
        return 0;
    char tag[32];
    size_t base_len = (size_t)(open - name);
    size_t tag_len = len - base_len - 2;
    if (base_len >= size || tag_len >= sizeof tag) {
        fail(st, "key \"%s\": use a key such as title[zh-TW]%s", name, "");
        return -1;
    }
    memcpy(base, name, base_len);
    base[base_len] = '\0';
    memcpy(tag, open + 1, tag_len);
    tag[tag_len] = '\0';
    if (lang_parse(tag, lang) != 0) {
        fail(st, "key \"%s\": \"%s\" is not a language; use en, zh-TW or "
             "zh-CN",
             name, tag);
        return -1;
    }
    return 1;
}

/* title[LANG] = ..., and subtitle and (in [report]) author alike. */
static int lang_text_key(ParseState *st, SpecTexts *texts, const char *name,
                         const char *base, Lang lang, const char *value,
                         int with_author)
{
    if (!strcmp(base, "title"))
        set_string(&texts->title[lang], value);
    else if (!strcmp(base, "subtitle"))
        set_string(&texts->subtitle[lang], value);
    else if (with_author && !strcmp(base, "author"))
        set_string(&texts->author[lang], value);
    else
        return fail(st, "key \"%s\": only %s can be given per language",
                    name, with_author ? "title, subtitle and author"
                                      : "title and subtitle");
    return 1;
}

/* source, note and credit, in [report] and [chart]: 1 when name is one
 * of them, 0 when not. */
static int credit_key(SpecCredits *credits, const char *name,
                      const char *value)
{
    if (!strcmp(name, "source"))
        set_string(&credits->source, value);
    else if (!strcmp(name, "note"))
        set_string(&credits->note, value);
    else if (!strcmp(name, "credit"))
        set_string(&credits->credit, value);
    else
        return 0;
    return 1;
}

static int report_key(ParseState *st, const char *name, const char *value)
{
    char base[32];
    Lang lang;
    int tagged = split_lang_tag(st, name, base, sizeof base, &lang);
    if (tagged != 0)
        return tagged < 0 ? 0
                          : lang_text_key(st, &st->spec->in_lang, name, base,
                                          lang, value, 1);
    int loaded = load_key(st, name, value);
    if (loaded >= 0)
        return loaded;
    Spec *spec = st->spec;
    if (credit_key(&spec->credits, name, value))
        return 1;
    if (!strcmp(name, "title"))
        set_string(&spec->title, value);
    else if (!strcmp(name, "subtitle"))
        set_string(&spec->subtitle, value);
    else if (!strcmp(name, "author"))
        set_string(&spec->author, value);
    else if (!strcmp(name, "lang")) {
        if (lang_parse(value, &spec->lang) != 0)
            return fail(st, "lang = %s: use en, zh-TW or zh-CN%s", value, "");
    } else if (!strcmp(name, "number_style")) {
        if (number_style_parse(value, &spec->number_style) != 0)
            return fail(st, "number_style = %s: use plain (1015億) or "
                            "grouped (1,015億)%s",
                        value, "");
    } else if (!strcmp(name, "page")) {
        if (strcmp(value, "a4") && strcmp(value, "letter") &&
            strcmp(value, "slides"))
            return fail(st, "page = %s: use a4, letter or slides%s", value,
                        "");
        set_string(&spec->page, value);
    } else if (!strcmp(name, "output"))
        set_path(spec, &spec->output, value);
    else if (!strcmp(name, "charts"))
        set_path(spec, &spec->charts_dir, value);
    else if (!strcmp(name, "formats")) {
        if (parse_formats(value, &spec->formats) != 0)
            return fail(st, "formats = %s: list png, svg, pdf and/or pptx%s",
                        value, "");
    } else if (!strcmp(name, "horizon")) {
        if (!valid_horizon(value))
            return fail(st, "horizon = %s: use a date (YYYY-MM) or +12m%s",
                        value, "");
        set_string(&spec->horizon, value);
    } else if (!strcmp(name, "cap")) {
        if (parse_cap(value, &spec->cap) != 0)
            return fail(st, "cap = %s: use a positive value such as 8e9 "
                            "or 8B%s",
                        value, "");
    } else if (!strcmp(name, "level")) {
        if (parse_level(value, &spec->level) != 0)
            return fail(st, "level = %s: use a number between 0 and 1, "
                            "e.g. 0.8%s",
                        value, "");
    } else if (!strcmp(name, "theme")) {
        if (!(spec->theme = theme_by_name(value)))
            return fail(st, "theme = %s: use light or dark%s", value, "");
    } else if (!strcmp(name, "data")) {
        set_paths(spec, &spec->data, value);
        st->data_given = 1;
    }
    else if (!strcmp(name, "events"))
        set_path(spec, &spec->events, value);
    else if (!strcmp(name, "changes")) {
        if (strcmp(value, "yes") && strcmp(value, "no"))
            return fail(st, "changes = %s: use yes or no%s", value, "");
        spec->changes = !strcmp(value, "yes");
    } else
        return fail(st,
                    "unknown key \"%s\" in [report]; known keys: title, "
                    "subtitle, author, lang, page, output, charts, formats, "
                    "horizon, cap, level, theme, data, events, changes, "
                    "source, note, credit, date_order, skip_rows, verified_only, value_column, "
                    "date_column, entity_column%s",
                    name, "");
    return 1;
}

/* "OpenAI=#0072b2, Anthropic=#d55e00" */
static int parse_colors(ParseState *st, ChartSpec *chart, const char *value)
{
    StrList list = {0};
    strlist_split(&list, value);
    for (size_t i = 0; i < chart->n_colors; i++)
        free((char *)chart->colors[i].company);
    free(chart->colors);
    chart->colors = xcalloc(list.n + 1, sizeof *chart->colors);
    chart->n_colors = 0;
    int ok = 1;
    for (size_t i = 0; i < list.n && ok; i++) {
        char *eq = strrchr(list.items[i], '=');
        Color c;
        if (!eq || eq == list.items[i] || color_parse(eq + 1, &c) != 0) {
            ok = fail(st, "colors = %s: write COMPANY=#rrggbb, separated by "
                          "commas%s",
                      value, "");
            break;
        }
        *eq = '\0';
        chart->colors[chart->n_colors++] =
            (ColorOverride){xstrdup(list.items[i]), c};
    }
    strlist_free(&list);
    return ok;
}

/* facet, facet_scale, and metric (one name, or two): 1, 0 after a
 * failure, -1 for another key. */
static int facet_key(ParseState *st, ChartSpec *chart, const char *name,
                     const char *value)
{
    if (!strcmp(name, "facet")) {
        if (chart_facet_parse(value, &chart->facet) != 0)
            return fail(st, "facet = %s: use company or metric%s", value,
                        "");
    } else if (!strcmp(name, "facet_scale")) {
        if (chart_facet_scale_parse(value, &chart->facet_scale) != 0)
            return fail(st, "facet_scale = %s: use shared or free%s", value,
                        "");
        chart->facet_scale_set = 1;
    } else if (!strcmp(name, "metric")) {
        char names[CHART_METRICS_MAX][CHART_METRIC_NAME_MAX], why[96];
        size_t n;
        if (chart_metrics_split(value, names, &n, why, sizeof why) != 0)
            return fail(st, "metric = %s: %s; write metric = NAME or "
                            "metric = NAME, NAME",
                        value, why);
        set_string(&chart->metric, value);
    } else {
        return -1;
    }
    return 1;
}

static int chart_choice_key(ParseState *st, ChartSpec *chart,
                            const char *name, const char *value)
{
    if (!strcmp(name, "type")) {
        chart->kind_set = 1;
        if (!strcmp(value, "line"))
            chart->kind = CHART_LINE;
        else if (!strcmp(value, "bar"))
            chart->kind = CHART_BAR;
        else if (!strcmp(value, "milestones"))
            chart->kind = CHART_MILESTONES;
        else
            return fail(st, "type = %s: use line, bar or milestones%s",
                        value, "");
    } else if (!strcmp(name, "scale")) {
        if (!strcmp(value, "log"))
            chart->axis = AXIS_LOG;
        else if (!strcmp(value, "linear"))
            chart->axis = AXIS_LINEAR;
        else if (!strcmp(value, "auto"))
            chart->axis = AXIS_AUTO;
        else
            return fail(st, "scale = %s: use auto, log or linear%s", value,
                        "");
    } else if (!strcmp(name, "model")) {
        if (fit_model_parse(value, &chart->model) != 0)
            return fail(st, "model = %s: use exp, linear, logistic, auto or "
                            "none%s",
                        value, "");
        chart->model_set = 1;
    } else if (!strcmp(name, "size")) {
        if (cli_parse_size(value, &chart->width, &chart->height) != 0)
            return fail(st, "size = %s: use slide, 4:3, square, a4 or "
                            "WIDTHxHEIGHT%s",
                        value, "");
    } else {
        return facet_key(st, chart, name, value);
    }
    return 1;
}

/* hline, range, annotate (and hline[zh-TW] ...): checked now, so the
 * error names the line; kept as text for the run to parse. 1 when base
 * is one of them (0 after a failure), -1 when not. */
static int note_key(ParseState *st, ChartSpec *chart, const char *name,
                    const char *base, int tagged, Lang lang,
                    const char *value)
{
    for (int k = 0; k < NOTE_KINDS; k++) {
        if (strcmp(base, annotation_key((NoteKind)k)))
            continue;
        Annotation a;
        char why[160], said[160], msg[400];
        if (annotation_parse((NoteKind)k, value, &a, why, sizeof why) != 0) {
            snprintf(said, sizeof said, "%s = %s", name, value);
            snprintf(msg, sizeof msg, "%s; write %s = %s", why, name,
                     annotation_form((NoteKind)k));
            return fail(st, "%s: %s", said, msg);
        }
        strlist_push(tagged ? &chart->notes_in[lang][k] : &chart->notes[k],
                     value);
        return 1;
    }
    return -1;
}

static int chart_key(ParseState *st, const char *name, const char *value)
{
    ChartSpec *chart = st->chart;
    Spec *spec = st->spec;
    char base[32];
    Lang lang = LANG_EN;
    int tagged = split_lang_tag(st, name, base, sizeof base, &lang);
    if (tagged < 0)
        return 0;
    int note = note_key(st, chart, name, tagged ? base : name, tagged, lang,
                        value);
    if (note >= 0)
        return note;
    if (tagged != 0)
        return lang_text_key(st, &chart->in_lang, name, base, lang, value,
                             0);
    int rc = chart_choice_key(st, chart, name, value);
    if (rc >= 0)
        return rc;
    if (credit_key(&chart->credits, name, value))
        return 1;
    if (!strcmp(name, "data"))
        set_paths(spec, &chart->data, value);
    else if (!strcmp(name, "companies"))
        strlist_split(&chart->companies, value);
    else if (!strcmp(name, "highlight"))
        strlist_split(&chart->highlight, value);
    else if (!strcmp(name, "colors"))
        return parse_colors(st, chart, value);
    else if (!strcmp(name, "since")) {
        if (!valid_horizon(value) || value[0] == '+')
            return fail(st, "since = %s: use a date such as 2024-01%s", value,
                        "");
        set_string(&chart->since, value);
    } else if (!strcmp(name, "last")) {
        char *end;
        long n = strtol(value, &end, 10);
        if (end == value || *end || n < 2 || n > 1000000)
            return fail(st, "last = %s: use a number of points, 2 or more%s",
                        value, "");
        chart->last = n;
    } else if (!strcmp(name, "horizon")) {
        if (!valid_horizon(value))
            return fail(st, "horizon = %s: use a date (YYYY-MM) or +12m%s",
                        value, "");
        set_string(&chart->horizon, value);
    } else if (!strcmp(name, "cap")) {
        if (parse_cap(value, &chart->cap) != 0)
            return fail(st, "cap = %s: use a positive value such as 8e9 "
                            "or 8B%s",
                        value, "");
    } else if (!strcmp(name, "target")) {
        char why[256];
        const char *unit = "";
        if (parse_value(value, '.', &chart->target, &unit, why,
                        sizeof why) != VALUE_OK ||
            !isfinite(chart->target) || !(chart->target > 0))
            return fail(st, "target = %s: use a positive value such as "
                            "100B or $1T%s",
                        value, "");
        chart->target_unit = unit;
    } else if (!strcmp(name, "index")) {
        char *end;
        chart->index_base = strtod(value, &end);
        if (end == value || *end || !isfinite(chart->index_base) ||
            !(chart->index_base > 0))
            return fail(st, "index = %s: use the start's value, such as "
                            "100%s",
                        value, "");
    } else if (!strcmp(name, "index_at")) {
        long day;
        DatePrecision prec;
        char why[200];
        if (parse_date(value, &day, &prec, why, sizeof why) != 0)
            return fail(st, "index_at = %s: use a date such as 2024-01%s",
                        value, "");
        set_string(&chart->index_at, value);
    } else if (!strcmp(name, "growth")) {
        if (!strcmp(value, "yes"))
            chart->growth = 1;
        else if (!strcmp(value, "no"))
            chart->growth = 0;
        else
            return fail(st, "growth = %s: use yes or no%s", value, "");
    } else if (!strcmp(name, "align")) {
        char why[200];
        char said[300];
        if (align_parse(value, &chart->align, why, sizeof why) == 0) {
            /* aligned */
        } else if (strncmp(value, "threshold:", 10) != 0) {
            return fail(st, "align = %s: use %s", value, ALIGN_FORM);
        } else {
            snprintf(said, sizeof said, "%s; write threshold:V, such as "
                                        "threshold:1B or threshold:$10B",
                     why);
            return fail(st, "align = %s: %s", value, said);
        }
    } else if (!strcmp(name, "events"))
        set_path(spec, &chart->events, value);
    else if (!strcmp(name, "title"))
        set_string(&chart->title, value);
    else if (!strcmp(name, "subtitle"))
        set_string(&chart->subtitle, value);
    else
        return fail(st,
                    "unknown key \"%s\" in [%s]; known keys: type, data, "
                    "metric, companies, highlight, colors, scale, model, "
                    "since, last, horizon, cap, target, events, title, "
                    "subtitle, size, source, note, credit, hline, range, "
                    "annotate, index, index_at, growth, align, facet, "
                    "facet_scale",
                    name, st->section);
    return 1;
}

/* Starts a [chart NAME] section; names must be unique. */
static int begin_chart(ParseState *st, const char *section)
{
    Spec *spec = st->spec;
    const char *name = section + strlen("chart");
    while (*name == ' ')
        name++;
    if (!*name)
        return fail(st, "[%s] needs a name: [chart revenue]%s", section, "");
    grow_array((void **)&spec->charts, &spec->cap_charts, spec->n_charts + 1,
               sizeof *spec->charts);
    ChartSpec *chart = &spec->charts[spec->n_charts++];
    memset(chart, 0, sizeof *chart);
    chart->name = xstrdup(name);
    char why[96];
    if (spec_check_stem(name, why, sizeof why) != 0)
        return fail(st, "chart name \"%s\" %s; a chart's name is the name "
                        "of its files: rename the section",
                    name, why);
    chart->axis = AXIS_AUTO;
    chart->model = ANALYSIS_DEFAULT_MODEL;
    for (size_t i = 0; i < st->header_names->n; i++)
        if (!strcmp(st->header_names->items[i], name))
            chart->line = st->header_lines[i];
    st->chart = chart;
    return 1;
}

/* [colors]: "OpenAI = #0072b2", a company's colour in every chart. */
static int color_key(ParseState *st, const char *name, const char *value)
{
    Spec *spec = st->spec;
    Color c;
    if (color_parse(value, &c) != 0)
        return fail(st, "[colors] %s = %s: write COMPANY = #rrggbb", name,
                    value);
    if (color_override_find(spec->colors, spec->n_colors, name))
        return fail(st, "[colors] gives %s twice; keep one line%s", name, "");
    spec->colors = xrealloc_array(spec->colors, spec->n_colors + 1,
                                  sizeof *spec->colors);
    spec->colors[spec->n_colors++] = (ColorOverride){xstrdup(name), c};
    return 1;
}

/* [launch]: "ChatGPT = 2022-11-30", the launch date align = launch
 * measures from. */
static int launch_key(ParseState *st, const char *name, const char *value)
{
    Spec *spec = st->spec;
    long day;
    DatePrecision prec;
    char why[200];
    if (parse_date(value, &day, &prec, why, sizeof why) != 0)
        return fail(st, "[launch] %s = %s: write COMPANY = DATE, such as "
                        "ChatGPT = 2022-11-30",
                    name, value);
    for (size_t i = 0; i < spec->n_launches; i++)
        if (!strcmp(spec->launches[i].company, name))
            return fail(st, "[launch] gives %s twice; keep one line%s", name,
                        "");
    spec->launches = xrealloc_array(spec->launches, spec->n_launches + 1,
                                    sizeof *spec->launches);
    spec->launches[spec->n_launches++] = (LaunchDate){xstrdup(name), day};
    return 1;
}

static int on_key(void *user, const char *section, const char *name,
                  const char *value)
{
    ParseState *st = user;
    if (st->message[0])
        return 1; /* the first error is the one reported */
    if (strcmp(section, st->section) != 0) {
        snprintf(st->section, sizeof st->section, "%s", section);
        st->chart = NULL;
        st->in_colors = strcmp(section, "colors") == 0;
        st->in_launch = strcmp(section, "launch") == 0;
        if (st->in_colors || st->in_launch) {
            /* its keys are company names */
        } else if (!strncmp(section, "chart", 5) &&
            (section[5] == ' ' || section[5] == '\0')) {
            if (!begin_chart(st, section))
                return 0;
        } else if (strcmp(section, "report") != 0) {
            return fail(st, "unknown section [%s]; use [report], [colors], "
                            "[launch] or [chart NAME]%s",
                        section, "");
        }
    }
    if (!name)
        return 1;
    if (st->in_colors)
        return color_key(st, name, value);
    if (st->in_launch)
        return launch_key(st, name, value);
    return st->chart ? chart_key(st, name, value)
                     : report_key(st, name, value);
}

/* inih reports keys, not section headers, so a repeated [chart NAME]
 * would silently merge into the first: find headers (and their lines) by
 * reading the file once more. Fills lines[] with the header line of each
 * chart name in order of appearance; returns 0, or the line of a repeated
 * chart name with *dup_name set (caller frees). */
static long scan_chart_headers(const char *text, char **dup_name,
                               StrList *names, long **lines)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    if (!f)
        return 0;
    char buf[1024];
    long line = 0, cap = 0;
    while (fgets(buf, sizeof buf, f)) {
        line++;
        char *p = buf;
        if (line == 1 && !strncmp(p, "\xef\xbb\xbf", 3))
            p += 3;
        while (*p == ' ' || *p == '\t')
            p++;
        char *close = strchr(p, ']');
        if (*p != '[' || !close || strncmp(p + 1, "chart", 5) != 0)
            continue;
        char *name = p + 6;
        while (name < close && *name == ' ')
            name++;
        char *end = close;
        while (end > name && end[-1] == ' ')
            end--;
        char *copy = xstrndup(name, (size_t)(end - name));
        for (size_t i = 0; i < names->n; i++) {
            if (!strcmp(names->items[i], copy)) {
                *dup_name = copy;
                fclose(f);
                return line;
            }
        }
        strlist_push(names, copy);
        free(copy);
        if ((long)names->n > cap) {
            cap = cap ? cap * 2 : 16;
            *lines = xrealloc_array(*lines, (size_t)cap, sizeof **lines);
        }
        (*lines)[names->n - 1] = line;
    }
    fclose(f);
    return 0;
}

void spec_default(Spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->output = xstrdup("report.pdf");
    spec->charts_dir = xstrdup("charts");
    spec->page = xstrdup("a4");
    spec->formats = FORMAT_PNG | FORMAT_SVG;
    spec->level = 0.80;
    spec->theme = &theme_light;
    spec->changes = 1;
    for (size_t i = 0; i < sizeof default_data / sizeof *default_data; i++)
        strlist_push(&spec->data, default_data[i]);
}

/* A report whose charts all name their own data, and that names none,
 * is about those files, not the default datasets/. */
static void data_of_the_charts(Spec *spec)
{
    if (spec->n_charts == 0)
        return;
    for (size_t i = 0; i < spec->n_charts; i++)
        if (spec->charts[i].data.n == 0)
            return;
    strlist_free(&spec->data);
    for (size_t i = 0; i < spec->n_charts; i++) {
        const StrList *files = &spec->charts[i].data;
        for (size_t k = 0; k < files->n; k++) {
            int seen = 0;
            for (size_t j = 0; j < spec->data.n && !seen; j++)
                seen = strcmp(spec->data.items[j], files->items[k]) == 0;
            if (!seen)
                strlist_push(&spec->data, files->items[k]);
        }
    }
}

static char *directory_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

/* The longest line inih reads whole: it reads INI_MAX_LINE - 1 bytes at
 * a time, line end included, and parses the rest as a line of its own. */
#define SPEC_LINE_MAX (INI_MAX_LINE - 2)

/* Reads the spec into text (NUL-terminated), once: it must be a regular
 * file of at most SPEC_FILE_MAX bytes whose lines inih reads whole (a
 * FIFO would block the run, a device never end, a long line be cut in
 * two). The scan for chart headers and inih then parse these bytes, so
 * what was checked is what is read. */
static int read_spec_file(const char *path, ByteBuf *text, Error *err)
{
    struct stat st;
    int fd = fsutil_open_read(path, 0, &st, err);
    if (fd < 0)
        return -1;
    if (!S_ISREG(st.st_mode) || st.st_size > SPEC_FILE_MAX) {
        if (!S_ISREG(st.st_mode))
            error_set(err, ERR_IO, path, 0, 0,
                      "is %s, not a file; give a report.ini file",
                      fsutil_file_kind(st.st_mode));
        else
            error_set(err, ERR_DATA, path, 0, 0,
                      "is %lld bytes, more than the %d a report spec may "
                      "have",
                      (long long)st.st_size, SPEC_FILE_MAX);
        close(fd);
        return -1;
    }
    int rc = fsutil_read_fd(fd, SPEC_FILE_MAX, text);
    close(fd);
    if (rc < 0)
        error_set(err, ERR_IO, path, 0, 0, "cannot read: %s",
                  strerror(errno));
    else if (rc > 0)   /* it grew while being read */
        error_set(err, ERR_DATA, path, 0, 0,
                  "is more than the %d bytes a report spec may have",
                  SPEC_FILE_MAX);
    if (rc != 0)
        return -1;
    long line = 1;
    size_t start = 0;
    for (size_t i = 0; i <= text->len && rc == 0; i++) {
        if (i < text->len && text->data[i] != '\n')
            continue;
        size_t len = i - start;
        if (len > 0 && text->data[i - 1] == '\r')
            len--;
        if (len > SPEC_LINE_MAX) {
            error_set(err, ERR_DATA, path, line, SPEC_LINE_MAX + 1,
                      "line is %zu bytes long, more than the %d a "
                      "report.ini line may have; shorten it",
                      len, SPEC_LINE_MAX);
            rc = -1;
        }
        line++;
        start = i + 1;
    }
    bytebuf_append(text, "", 1);
    return rc;
}

int spec_load(const char *path, Spec *spec, Error *err)
{
    spec_default(spec);
    ByteBuf text = {0};
    if (read_spec_file(path, &text, err) != 0) {
        bytebuf_free(&text);
        spec_free(spec);
        return -1;
    }
    spec->path = xstrdup(path);
    spec->dir = directory_of(path);
    /* Defaults name paths relative to the spec, like everything in it. */
    set_paths(spec, &spec->data, "datasets/revenue.csv, "
                                 "datasets/valuation.csv, datasets/users.csv");
    char *output = xstrdup(spec->output), *charts = xstrdup(spec->charts_dir);
    set_path(spec, &spec->output, output);
    set_path(spec, &spec->charts_dir, charts);
    free(output);
    free(charts);

    StrList names = {0};
    long *lines = NULL;
    char *dup = NULL;
    const char *bytes = (const char *)text.data;
    long dup_line = scan_chart_headers(bytes, &dup, &names, &lines);
    ParseState st = {.spec = spec, .header_names = &names,
                     .header_lines = lines};
    int line = dup_line ? 0 : ini_parse_string(bytes, on_key, &st);
    bytebuf_free(&text);
    strlist_free(&names);
    free(lines);
    if (dup_line) {
        error_set(err, ERR_DATA, path, dup_line, 1,
                  "chart \"%s\" is defined twice; give each [chart NAME] "
                  "its own name",
                  dup);
        free(dup);
    } else if (line == -2) {
        error_set(err, ERR_IO, path, 0, 0, "out of memory while reading");
    } else if (line > 0) {
        error_set(err, ERR_DATA, path, line, 1, "%s",
                  st.message[0] ? st.message
                                : "not a valid ini line; write key = value "
                                  "under a [section]");
    } else {
        if (!st.data_given)
            data_of_the_charts(spec);
        return 0;
    }
    spec_free(spec);
    return -1;
}

static void spec_credits_free(SpecCredits *c)
{
    free(c->source);
    free(c->note);
    free(c->credit);
}

static void spec_texts_free(SpecTexts *t)
{
    for (int l = 0; l < LANG_COUNT; l++) {
        free(t->title[l]);
        free(t->subtitle[l]);
        free(t->author[l]);
    }
}

/* Moves the text given for lang over *plain. zh-CN without a text of
 * its own takes the zh-TW one, else the plain one, in Simplified. */
static void use_text(char **plain, char **given, Lang lang)
{
    char **own = &given[lang];
    if (!*own && lang == LANG_ZH_CN)
        own = &given[LANG_ZH_TW];
    if (*own) {
        free(*plain);
        *plain = *own;
        *own = NULL;
    }
    if (lang == LANG_ZH_CN && *plain && own != &given[LANG_ZH_CN]) {
        char *simplified = xstrdup(lang_text(lang, *plain));
        free(*plain);
        *plain = simplified;
    }
}

void spec_use_language(Spec *spec, Lang lang)
{
    lang = lang_base(lang);
    spec->lang = lang_with_numbers(lang, spec->number_style);
    use_text(&spec->title, spec->in_lang.title, lang);
    use_text(&spec->subtitle, spec->in_lang.subtitle, lang);
    use_text(&spec->author, spec->in_lang.author, lang);
    for (size_t i = 0; i < spec->n_charts; i++) {
        ChartSpec *c = &spec->charts[i];
        use_text(&c->title, c->in_lang.title, lang);
        use_text(&c->subtitle, c->in_lang.subtitle, lang);
        for (int k = 0; k < NOTE_KINDS; k++) {
            StrList *own = &c->notes_in[lang][k];
            if (!own->n && lang == LANG_ZH_CN)
                own = &c->notes_in[LANG_ZH_TW][k];
            if (!own->n)
                continue;
            strlist_free(&c->notes[k]);
            c->notes[k] = *own;
            memset(own, 0, sizeof *own);
        }
    }
}

static void chart_spec_free(ChartSpec *c)
{
    spec_texts_free(&c->in_lang);
    spec_credits_free(&c->credits);
    free(c->name);
    strlist_free(&c->data);
    free(c->metric);
    strlist_free(&c->companies);
    strlist_free(&c->highlight);
    for (size_t i = 0; i < c->n_colors; i++)
        free((char *)c->colors[i].company);
    free(c->colors);
    free(c->since);
    free(c->horizon);
    free(c->events);
    free(c->index_at);
    free(c->title);
    free(c->subtitle);
    for (int k = 0; k < NOTE_KINDS; k++) {
        strlist_free(&c->notes[k]);
        for (int l = 0; l < LANG_COUNT; l++)
            strlist_free(&c->notes_in[l][k]);
    }
}

void spec_set_column(const char **field, const char *name)
{
    free((char *)*field);
    *field = name ? xstrdup(name) : NULL;
}

void spec_free(Spec *spec)
{
    free((char *)spec->csv.value_column);
    free((char *)spec->csv.date_column);
    free((char *)spec->csv.entity_column);
    free(spec->path);
    free(spec->dir);
    free(spec->title);
    free(spec->subtitle);
    free(spec->author);
    spec_texts_free(&spec->in_lang);
    spec_credits_free(&spec->credits);
    free(spec->page);
    free(spec->output);
    free(spec->charts_dir);
    free(spec->horizon);
    strlist_free(&spec->data);
    free(spec->events);
    for (size_t i = 0; i < spec->n_charts; i++)
        chart_spec_free(&spec->charts[i]);
    free(spec->charts);
    for (size_t i = 0; i < spec->n_colors; i++)
        free((char *)spec->colors[i].company);
    free(spec->colors);
    for (size_t i = 0; i < spec->n_launches; i++)
        free((char *)spec->launches[i].company);
    free(spec->launches);
    memset(spec, 0, sizeof *spec);
}
