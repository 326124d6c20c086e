/* cmd_check.c - `aigrowth check`: load data files exactly as `report`
 * does and say what was understood: per file the layout, delimiter and row
 * counts, per series its range and size, then every warning; or what is
 * wrong, one line per file on stderr. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "csvload.h"
#include "format.h"
#include "json.h"
#include "sources_check.h"
#include "util.h"

typedef struct {
    int json;
    int sources;
    CsvOptions csv;
} CheckOptions;

/* One file given on the command line, in order: a data file (index into
 * ds->files), an events file, or one that failed (not listed). */
typedef struct {
    const char *path;
    long data_index;      /* -1: events file */
    size_t events;
    EventList list;       /* --sources: the events file's rows */
} CheckedFile;

typedef struct {
    Dataset *ds;
    int grouped;
    CheckedFile *files;
    size_t n_files, cap_files;
    char **errors;           /* formatted, for JSON */
    size_t n_errors, cap_errors;
    int rc;                  /* the first error's exit code */
} Check;

static int parse_option(void *ctx, int c, char *arg)
{
    CheckOptions *opt = ctx;
    if (c == 'f' && strcmp(arg, "json") == 0) {
        opt->json = 1;
    } else if (c == 'f' && strcmp(arg, "text") == 0) {
        opt->json = 0;
    } else if (c == 'f') {
        return cli_usage_error("--format must be text or json, not \"%s\"",
                               arg);
    } else if (c == 'S') {
        opt->sources = 1;
    } else {
        return cli_load_option(&opt->csv, c, arg);
    }
    return EXIT_OK;
}

static int parse_options(int argc, char **argv, CheckOptions *opt)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"metric", required_argument, NULL, 'm'},
        {"sources", no_argument, NULL, 'S'},
        CLI_LOAD_LONGOPTS,
        {NULL, 0, NULL, 0}};
    return cli_parse_data_options(argc, argv, "check", ":m:", longopts,
                                  parse_option, opt);
}

static const char *delimiter_name(char c)
{
    return c == '\t' ? "\\t" : c == ';' ? ";" : ",";
}

/* Names may hold newlines and direction controls: shown escaped, so one
 * series stays one line and reads in order. */
static void print_cell(const char *s, size_t width, int last)
{
    char safe[CSVLOAD_LABEL_MAX * 8 + 16];
    cli_escape(s, safe, sizeof safe);
    fputs(safe, stdout);
    if (!last)
        for (size_t w = cli_display_width(safe); w < width + 2; w++)
            putchar(' ');
}

static size_t cell_width(const char *s)
{
    char safe[CSVLOAD_LABEL_MAX * 8 + 16];
    return cli_display_width(cli_escape(s, safe, sizeof safe));
}

enum { COL_COMPANY, COL_METRIC, COL_UNIT, COL_FIRST, COL_LAST, COL_POINTS,
       N_CELLS };

static void series_cells(const Series *s, char cells[N_CELLS][48],
                         const char *text[N_CELLS])
{
    format_date(s->date[0], s->precision[0], cells[COL_FIRST],
                sizeof cells[0]);
    format_date(s->date[s->n - 1], s->precision[s->n - 1], cells[COL_LAST],
                sizeof cells[0]);
    snprintf(cells[COL_POINTS], sizeof cells[0], "%zu", s->n);
    text[COL_COMPANY] = s->company;
    text[COL_METRIC] = s->metric;
    text[COL_UNIT] = s->unit[0] ? s->unit : "-";
    text[COL_FIRST] = cells[COL_FIRST];
    text[COL_LAST] = cells[COL_LAST];
    text[COL_POINTS] = cells[COL_POINTS];
}

static void print_file_text(const Check *c, const CheckedFile *cf)
{
    if (cf->data_index < 0) {
        printf("%s: events format, %zu events\n", cf->path, cf->events);
        return;
    }
    const DataFile *f = &c->ds->files[cf->data_index];
    printf("%s: %s format, delimiter \"%s\", %zu rows loaded, %zu missing, "
           "%zu skipped\n", f->path, f->format, delimiter_name(f->delimiter),
           f->rows, f->missing, f->skipped);
}

static void print_warnings(const Dataset *ds)
{
    size_t n_warnings = ds->n_warnings + ds->warnings_dropped;
    printf("\n%zu warning%s%s\n", n_warnings, n_warnings == 1 ? "" : "s",
           n_warnings ? ":" : "");
    for (size_t i = 0; i < ds->n_warnings; i++) {
        char safe[4096];
        printf("  %s\n", cli_escape(ds->warnings[i], safe, sizeof safe));
    }
    if (ds->warnings_dropped)
        printf("  ... and %zu more not shown\n", ds->warnings_dropped);
}

static void print_text(const Check *c)
{
    const Dataset *ds = c->ds;
    for (size_t i = 0; i < c->n_files; i++)
        print_file_text(c, &c->files[i]);
    /* After a load error stderr says what failed; a series count or
     * "0 warnings" here would read as a clean bill. The loaded files'
     * warnings are still news. */
    if (!c->grouped) {
        if (ds->n_warnings + ds->warnings_dropped > 0)
            print_warnings(ds);
        return;
    }
    size_t n_series = ds->n_series;
    printf("\n%zu series%s\n", n_series, n_series ? ":" : "");
    static const char *const head[N_CELLS] = {"company", "metric", "unit",
                                              "first", "last", "points"};
    size_t width[N_CELLS];
    for (size_t k = 0; k < N_CELLS; k++)
        width[k] = cli_display_width(head[k]);
    for (size_t i = 0; i < n_series; i++) {
        char cells[N_CELLS][48];
        const char *text[N_CELLS];
        series_cells(&ds->series[i], cells, text);
        for (size_t k = 0; k < N_CELLS; k++)
            if (cell_width(text[k]) > width[k])
                width[k] = cell_width(text[k]);
    }
    for (size_t i = 0; i <= n_series && n_series > 0; i++) {
        char cells[N_CELLS][48];
        const char *text[N_CELLS];
        if (i == 0)
            memcpy(text, head, sizeof text);
        else
            series_cells(&ds->series[i - 1], cells, text);
        fputs("  ", stdout);
        for (size_t k = 0; k < N_CELLS; k++)
            print_cell(text[k], width[k], k + 1 == N_CELLS);
        putchar('\n');
    }
    print_warnings(ds);
}

static void print_file_json(const Check *c, const CheckedFile *cf)
{
    printf("    {\"path\": ");
    json_string(stdout, cf->path);
    if (cf->data_index < 0) {
        printf(", \"format\": \"events\", \"events\": %zu}", cf->events);
        return;
    }
    const DataFile *f = &c->ds->files[cf->data_index];
    printf(", \"format\": \"%s\", \"delimiter\": \"%s\", \"rows\": %zu, "
           "\"missing\": %zu, \"skipped\": %zu}", f->format,
           delimiter_name(f->delimiter),
           f->rows, f->missing, f->skipped);
}

static void print_series_json(const Series *s)
{
    char first[48], last[48];
    format_date(s->date[0], s->precision[0], first, sizeof first);
    format_date(s->date[s->n - 1], s->precision[s->n - 1], last, sizeof last);
    printf("    {\"company\": ");
    json_string(stdout, s->company);
    printf(", \"metric\": ");
    json_string(stdout, s->metric);
    printf(", \"unit\": ");
    json_string(stdout, s->unit);
    printf(", \"first\": \"%s\", \"last\": \"%s\", \"points\": %zu}", first,
           last, s->n);
}

/* Lists open with "[" and close with "]" on the same line when empty,
 * one item per line otherwise. */
static void print_json(const Check *c)
{
    const Dataset *ds = c->ds;
    printf("{\n  \"files\": [");
    for (size_t i = 0; i < c->n_files; i++) {
        fputs(i ? ",\n" : "\n", stdout);
        print_file_json(c, &c->files[i]);
    }
    printf("%s],\n  \"series\": [", c->n_files ? "\n  " : "");
    size_t n_series = c->grouped ? ds->n_series : 0;
    for (size_t i = 0; i < n_series; i++) {
        fputs(i ? ",\n" : "\n", stdout);
        print_series_json(&ds->series[i]);
    }
    printf("%s],\n  \"warnings\": [", n_series ? "\n  " : "");
    for (size_t i = 0; i < ds->n_warnings; i++) {
        fputs(i ? ",\n    " : "\n    ", stdout);
        json_string(stdout, ds->warnings[i]);
    }
    printf("%s],\n", ds->n_warnings ? "\n  " : "");
    if (ds->warnings_dropped)
        printf("  \"warnings_not_shown\": %zu,\n", ds->warnings_dropped);
    printf("  \"errors\": [");
    for (size_t i = 0; i < c->n_errors; i++) {
        fputs(i ? ",\n    " : "\n    ", stdout);
        json_string(stdout, c->errors[i]);
    }
    printf("%s]\n}\n", c->n_errors ? "\n  " : "");
}

/* Prints the error on stderr as every command does and keeps its text
 * for JSON; the first error's exit code wins. */
static void check_fail(Check *c, const Error *err)
{
    char buf[2048];
    cli_error_text(err, CLI_REMEDY_OPTIONS, buf, sizeof buf);
    grow_array((void **)&c->errors, &c->cap_errors, c->n_errors + 1,
               sizeof *c->errors);
    c->errors[c->n_errors++] = xstrdup(buf);
    int code = cli_fail(err);
    if (c->rc == EXIT_OK)
        c->rc = code;
}

/* ---- --sources ---- */

typedef struct {
    size_t rows, problems, notes;
} SourceTally;

static void print_finding(void *ctx, const SourceRow *row, SourceFinding f,
                          const char *what)
{
    SourceTally *t = ctx;
    char safe[CSVLOAD_LABEL_MAX * 8 + 16];
    const char *w = cli_escape(what, safe, sizeof safe);
    printf("%s:%ld: ", row->file, row->line);
    switch (f) {
    case SOURCE_MISSING:
        printf("no source; name the outlet and its page (https://...)\n");
        break;
    case SOURCE_NOT_HTTP:
        printf("\"%s\" is not an http(s) URL; give the page's https:// "
               "address\n", w);
        break;
    case SOURCE_REPEATED:
        printf("cites %s twice; keep one citation of it\n", w);
        break;
    case SOURCE_NO_URL:
        printf("no URL for \"%s\"; add the page's https:// address, or "
               "write \"(no source located)\" and mark the row unverified\n",
               w);
        break;
    case SOURCE_VERIFIED_NO_URL:
        printf("marked verified, but no source located; cite the pages "
               "that verify it or mark it unverified\n");
        break;
    case SOURCE_UNLOCATED:
        printf("note: no URL, no source located (%s)\n",
               row->confidence && row->confidence[0] ? row->confidence
                                                     : "an event");
        break;
    case SOURCE_CITATION_NO_URL:
        printf("note: no URL for \"%s\" (the row's other sources have "
               "one)\n", w);
        break;
    }
    if (sources_is_problem(f))
        t->problems++;
    else
        t->notes++;
}

static void check_source(SourceTally *t, const SourceRow *row)
{
    t->rows++;
    sources_check_row(row, print_finding, t);
}

/* A data file's rows in load order, each physical line once (a wide
 * file has one row per company column on a line). */
static void check_data_sources(const Check *c, const DataFile *f,
                               SourceTally *t)
{
    if (!f->has_sources) {
        printf("%s: no source column; add one naming each row's outlet "
               "and page (https://...)\n", f->path);
        t->problems++;
        return;
    }
    DatasetCursor *cur = dataset_cursor_create(c->ds);
    Observation o;
    long last = 0;
    while (dataset_cursor_next(cur, &o)) {
        if (o.file != f->path || o.line == last)
            continue;
        last = o.line;
        SourceRow row = {o.file, o.line, o.source, o.confidence};
        check_source(t, &row);
    }
    dataset_cursor_destroy(cur);
}

/* Event files are sorted by date once loaded: their rows are checked in
 * line order, as the file reads. */
static int cmp_event_line(const void *a, const void *b)
{
    long la = ((const Event *)a)->line, lb = ((const Event *)b)->line;
    return (la > lb) - (la < lb);
}

static int print_sources(Check *c)
{
    SourceTally t = {0, 0, 0};
    for (size_t i = 0; i < c->n_files; i++) {
        CheckedFile *cf = &c->files[i];
        if (cf->data_index >= 0) {
            check_data_sources(c, &c->ds->files[cf->data_index], &t);
            continue;
        }
        qsort(cf->list.items, cf->list.n, sizeof *cf->list.items,
              cmp_event_line);
        for (size_t k = 0; k < cf->list.n; k++) {
            SourceRow row = {cf->path, cf->list.items[k].line,
                             cf->list.items[k].source, NULL};
            check_source(&t, &row);
        }
    }
    printf("%s%zu row%s checked: %zu problem%s, %zu note%s\n",
           t.problems + t.notes ? "\n" : "", t.rows, t.rows == 1 ? "" : "s",
           t.problems, t.problems == 1 ? "" : "s", t.notes,
           t.notes == 1 ? "" : "s");
    return t.problems ? EXIT_DATA : EXIT_OK;
}

static void check_file(Check *c, const char *path, const CheckOptions *o)
{
    const CsvOptions *opt = &o->csv;
    Error err;
    error_clear(&err);
    CheckedFile cf = {path, (long)c->ds->n_files, 0, {0}};
    if (csvload_is_events_file(path)) {
        EventList list = {0};
        int ok = csvload_events(&list, path, &err) == 0;
        cf.data_index = -1;
        cf.events = list.n;
        if (o->sources && ok)
            cf.list = list;
        else
            eventlist_free(&list);
        if (!ok) {
            check_fail(c, &err);
            return;
        }
    } else if (csvload_file_with(c->ds, path, opt, &err) != 0) {
        check_fail(c, &err);
        return;
    }
    grow_array((void **)&c->files, &c->cap_files, c->n_files + 1,
               sizeof *c->files);
    c->files[c->n_files++] = cf;
}

int cmd_check(int argc, char **argv)
{
    CheckOptions opt;
    memset(&opt, 0, sizeof opt);
    int rc = parse_options(argc, argv, &opt);
    if (rc != EXIT_OK)
        return rc;
    Check c;
    memset(&c, 0, sizeof c);
    c.ds = dataset_create();
    /* Every file is tried, so one run lists every broken file; series
     * are grouped only when all loaded, as report would. */
    for (int i = optind; i < argc; i++)
        check_file(&c, argv[i], &opt);
    if (c.rc == EXIT_OK) {
        Error err;
        error_clear(&err);
        if (dataset_group(c.ds, &err) != 0)
            check_fail(&c, &err);
        else
            c.grouped = 1;
    }
    if (opt.sources && c.grouped)
        c.rc = print_sources(&c);
    else if (opt.sources)
        ;   /* stderr said what failed to load; nothing to list */
    else if (opt.json)
        print_json(&c);
    else
        print_text(&c);
    rc = c.rc;
    if (fflush(stdout) != 0 && rc == EXIT_OK) {
        fputs("aigrowth: cannot write the summary\n", stderr);
        rc = EXIT_IO;
    }
    for (size_t i = 0; i < c.n_files; i++)
        eventlist_free(&c.files[i].list);
    for (size_t i = 0; i < c.n_errors; i++)
        free(c.errors[i]);
    free(c.errors);
    free(c.files);
    dataset_destroy(c.ds);
    return rc;
}
