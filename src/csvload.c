/* csvload.c - libcsv streaming reader: data files and event files.
 *
 * The only module that uses libcsv. A Reader feeds the file to libcsv and
 * hands each complete record (trimmed fields, 1-based start line) to a row
 * function; csvload_file and csvload_events differ only in that function.
 *
 * Line numbers. libcsv reports a field when it ends and a record when its
 * terminator is seen, never where a record began, and a quoted field may
 * hold newlines. So the reader feeds libcsv one physical line at a time
 * (the 64 KiB chunk is split at each '\n'): while a line is being parsed
 * cur_line is its number. With CSV_REPALL_NL libcsv calls the record
 * callback for every unquoted line end, blank lines included; a record
 * ended by the '\n' of line L means the next record starts on line L + 1
 * at the earliest, and each blank line pushes that one further. Newlines
 * inside quotes are not record ends, so a record keeps the line where it
 * started however many lines it spans, and lines after it stay right.
 * With CRLF, the '\r' ends the record and the '\n' reports an empty one,
 * which is skipped like a blank line (also when a chunk boundary falls
 * between them). Lines are counted by '\n' only: a file with bare-CR line
 * ends (classic Mac) parses, but all its rows report line 1 or 2. */
#include "csvload.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "parse_date.h"
#include "parse_value.h"
#include "util.h"

#define CHUNK_SIZE (64 * 1024)

typedef struct Reader Reader;

/* Handles one record: fields trimmed of spaces and tabs, n >= 1, at least
 * one field not empty. Returns 0, or -1 after filling r->err. */
typedef int (*RowFn)(Reader *r, char **fields, size_t n, long line);

struct Reader {
    const char *path;
    Error *err;
    int failed;
    long cur_line;       /* physical line being parsed */
    long rec_line;       /* line where the current record started */
    char *buf;           /* the current record's fields, NUL-separated */
    size_t len, cap;
    size_t *off;         /* start of each field in buf */
    size_t nf, cap_off;
    char **fields;       /* pointers handed to row */
    size_t cap_fields;
    RowFn row;
    void *user;
};

static void *reader_realloc(void *p, size_t size)
{
    return xrealloc_array(p, size, 1);
}

static void on_field(void *data, size_t len, void *user)
{
    Reader *r = user;
    if (r->failed)
        return;
    grow_array((void **)&r->off, &r->cap_off, r->nf + 1, sizeof *r->off);
    grow_array((void **)&r->buf, &r->cap, r->len + len + 1, 1);
    r->off[r->nf++] = r->len;
    if (len)
        memcpy(r->buf + r->len, data, len);
    r->len += len;
    r->buf[r->len++] = '\0';
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    s[n] = '\0';
    return s;
}

/* A record with no field, or only empty ones (",,,," as spreadsheets
 * export blank rows), is a blank line and skipped. */
static void on_record(int c, void *user)
{
    Reader *r = user;
    if (!r->failed && r->nf > 0) {
        grow_array((void **)&r->fields, &r->cap_fields, r->nf,
                   sizeof *r->fields);
        int blank = 1;
        for (size_t i = 0; i < r->nf; i++) {
            r->fields[i] = trim(r->buf + r->off[i]);
            if (r->fields[i][0])
                blank = 0;
        }
        if (!blank && r->row(r, r->fields, r->nf, r->rec_line) != 0)
            r->failed = 1;
    }
    r->nf = 0;
    r->len = 0;
    if (c == '\n')
        r->rec_line = r->cur_line + 1;
}

/* Runs the file at path through libcsv and row. Returns 0, or -1 with
 * r->err filled (ERR_IO when the file cannot be read). */
static int reader_run(Reader *r)
{
    struct csv_parser parser;
    FILE *f = fopen(r->path, "rb");
    if (!f) {
        error_set(r->err, ERR_IO, r->path, 0, 0, "cannot open: %s",
                  strerror(errno));
        return -1;
    }
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
        fclose(f);
        error_set(r->err, ERR_IO, r->path, 0, 0,
                  "cannot start the CSV parser");
        return -1;
    }
    csv_set_realloc_func(&parser, reader_realloc);
    csv_set_free_func(&parser, free);
    unsigned char *chunk = xmalloc(CHUNK_SIZE);
    r->cur_line = r->rec_line = 1;
    int first = 1;
    size_t got;
    while (!r->failed && (got = fread(chunk, 1, CHUNK_SIZE, f)) > 0) {
        size_t pos = 0;
        if (first && got >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
            pos = 3;
        first = 0;
        while (pos < got && !r->failed) {
            unsigned char *nl = memchr(chunk + pos, '\n', got - pos);
            size_t end = nl ? (size_t)(nl - chunk) + 1 : got;
            size_t used = csv_parse(&parser, chunk + pos, end - pos,
                                    on_field, on_record, r);
            if (!r->failed && used != end - pos) {
                /* In strict mode: a quote inside an unquoted field, or
                 * text after a closing quote. */
                if (csv_error(&parser) == CSV_EPARSE)
                    error_set(r->err, ERR_DATA, r->path, r->rec_line,
                              (long)r->nf + 1,
                              "stray quote in field; enclose the whole field "
                              "in quotes and double each quote inside it "
                              "(\"\")");
                else
                    error_set(r->err, ERR_DATA, r->path, r->rec_line,
                              (long)r->nf + 1, "cannot parse: %s",
                              csv_strerror(csv_error(&parser)));
                r->failed = 1;
            }
            pos = end;
            if (nl)
                r->cur_line++;
        }
    }
    if (!r->failed && ferror(f)) {
        error_set(r->err, ERR_IO, r->path, 0, 0, "cannot read: %s",
                  strerror(errno));
        r->failed = 1;
    }
    /* csv_fini hands over a last record that lacks its final newline;
     * with CSV_STRICT_FINI it fails on a quote still open at the end. */
    if (!r->failed && csv_fini(&parser, on_field, on_record, r) != 0 &&
        !r->failed) {
        error_set(r->err, ERR_DATA, r->path, r->rec_line, (long)r->nf + 1,
                  "unterminated quoted field; close the quote with \"");
        r->failed = 1;
    }
    csv_free(&parser);
    free(chunk);
    fclose(f);
    free(r->buf);
    free(r->off);
    free(r->fields);
    return r->failed ? -1 : 0;
}

/* ---- header mapping, shared by both file kinds ---- */

#define MAX_NAMES 8

/* Maps known column names to field indexes (-1 when absent). Names are
 * trimmed already; matched case-insensitively. A known name twice is an
 * error: which one would be meant? */
static int map_header(Reader *r, char **fields, size_t n, long line,
                      const char *const *names, size_t n_names,
                      size_t n_required, const char *required_list,
                      long *col)
{
    for (size_t k = 0; k < n_names; k++)
        col[k] = -1;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < n_names; k++) {
            if (ascii_casecmp(fields[i], names[k]) != 0)
                continue;
            if (col[k] >= 0) {
                error_set(r->err, ERR_DATA, r->path, line, (long)i + 1,
                          "header names \"%s\" twice (columns %ld and %zu); "
                          "keep one", names[k], col[k] + 1, i + 1);
                return -1;
            }
            col[k] = (long)i;
        }
    }
    for (size_t k = 0; k < n_required; k++) {
        if (col[k] < 0) {
            error_set(r->err, ERR_DATA, r->path, line, 0,
                      "header has no \"%s\" column; the header must name %s",
                      names[k], required_list);
            return -1;
        }
    }
    return 0;
}

/* Column is the first missing field when the row is short and the first
 * extra field when it is long: where to look in a spreadsheet. */
static int check_field_count(Reader *r, size_t n, size_t expected, long line)
{
    if (n == expected)
        return 0;
    error_set(r->err, ERR_DATA, r->path, line,
              (long)(n < expected ? n : expected) + 1,
              "row has %zu field%s but the header has %zu; quote fields that "
              "contain commas", n, n == 1 ? "" : "s", expected);
    return -1;
}

static int read_date(Reader *r, const char *text, long line, long col,
                     long *days, DatePrecision *prec)
{
    char why[256];
    if (parse_date(text, days, prec, why, sizeof why) == 0)
        return 0;
    error_set(r->err, ERR_DATA, r->path, line, col + 1, "%s", why);
    return -1;
}

/* ---- data files ---- */

enum { COL_DATE, COL_COMPANY, COL_METRIC, COL_VALUE, COL_UNIT, COL_BASIS,
       COL_SOURCE, COL_CONFIDENCE, N_COLS };

static const char *const data_names[N_COLS] = {
    "date", "company", "metric", "value", "unit", "basis", "source",
    "confidence"};

typedef struct {
    Dataset *ds;
    int have_header;
    size_t n_header;
    long col[N_COLS];
    size_t rows, missing;
} DataLoad;

static const char *optional_field(char **fields, long col)
{
    return col >= 0 ? fields[col] : "";
}

static int data_row(Reader *r, char **fields, size_t n, long line)
{
    DataLoad *L = r->user;
    if (!L->have_header) {
        L->have_header = 1;
        L->n_header = n;
        return map_header(r, fields, n, line, data_names, N_COLS, 4,
                          "date,company,metric,value", L->col);
    }
    if (check_field_count(r, n, L->n_header, line) != 0)
        return -1;
    Observation o;
    memset(&o, 0, sizeof o);
    if (read_date(r, fields[L->col[COL_DATE]], line, L->col[COL_DATE],
                  &o.date, &o.precision) != 0)
        return -1;
    o.company = fields[L->col[COL_COMPANY]];
    if (!o.company[0]) {
        error_set(r->err, ERR_DATA, r->path, line, L->col[COL_COMPANY] + 1,
                  "company is empty; every row needs a company name");
        return -1;
    }
    o.metric = fields[L->col[COL_METRIC]];
    if (!o.metric[0]) {
        error_set(r->err, ERR_DATA, r->path, line, L->col[COL_METRIC] + 1,
                  "metric is empty; every row needs a metric name");
        return -1;
    }
    char why[256];
    switch (parse_value(fields[L->col[COL_VALUE]], &o.value, why,
                        sizeof why)) {
    case VALUE_MISSING:
        L->missing++;
        return 0;
    case VALUE_ERROR:
        error_set(r->err, ERR_DATA, r->path, line, L->col[COL_VALUE] + 1,
                  "%s", why);
        return -1;
    case VALUE_OK:
        break;
    }
    o.unit = optional_field(fields, L->col[COL_UNIT]);
    o.source = optional_field(fields, L->col[COL_SOURCE]);
    o.confidence = optional_field(fields, L->col[COL_CONFIDENCE]);
    o.file = r->path;
    o.line = line;
    dataset_add(L->ds, &o);
    L->rows++;
    return 0;
}

int csvload_file(Dataset *ds, const char *path, Error *err)
{
    DataLoad load;
    memset(&load, 0, sizeof load);
    load.ds = ds;
    Reader r;
    memset(&r, 0, sizeof r);
    r.path = path;
    r.err = err;
    r.row = data_row;
    r.user = &load;
    size_t n_before = ds->n_obs;
    if (reader_run(&r) != 0)
        goto fail;
    if (!load.have_header) {
        error_set(err, ERR_DATA, path, 0, 0,
                  "file is empty; the first line must be a header naming "
                  "date,company,metric,value");
        goto fail;
    }
    grow_array((void **)&ds->files, &ds->cap_files, ds->n_files + 1,
               sizeof *ds->files);
    DataFile *df = &ds->files[ds->n_files++];
    df->path = dataset_intern(ds, path);
    df->rows = load.rows;
    df->missing = load.missing;
    return 0;
fail:
    ds->n_obs = n_before;
    return -1;
}

/* ---- event files ---- */

enum { EV_DATE, EV_LABEL, EV_COMPANY, EV_SOURCE, N_EV_COLS };

static const char *const event_names[N_EV_COLS] = {
    "date", "label", "company", "source"};

typedef struct {
    EventList *list;
    int have_header;
    size_t n_header;
    long col[N_EV_COLS];
} EventLoad;

static int event_row(Reader *r, char **fields, size_t n, long line)
{
    EventLoad *L = r->user;
    if (!L->have_header) {
        L->have_header = 1;
        L->n_header = n;
        return map_header(r, fields, n, line, event_names, N_EV_COLS, 2,
                          "date,label", L->col);
    }
    if (check_field_count(r, n, L->n_header, line) != 0)
        return -1;
    long date;
    DatePrecision prec;
    if (read_date(r, fields[L->col[EV_DATE]], line, L->col[EV_DATE], &date,
                  &prec) != 0)
        return -1;
    const char *label = fields[L->col[EV_LABEL]];
    if (!label[0]) {
        error_set(r->err, ERR_DATA, r->path, line, L->col[EV_LABEL] + 1,
                  "label is empty; every event needs a label");
        return -1;
    }
    EventList *list = L->list;
    grow_array((void **)&list->items, &list->cap, list->n + 1,
               sizeof *list->items);
    Event *e = &list->items[list->n++];
    e->date = date;
    e->label = xstrdup(label);
    e->company = xstrdup(optional_field(fields, L->col[EV_COMPANY]));
    return 0;
}

typedef struct {
    Event event;
    size_t order;
} OrderedEvent;

static int cmp_event(const void *pa, const void *pb)
{
    const OrderedEvent *a = pa, *b = pb;
    if (a->event.date != b->event.date)
        return a->event.date < b->event.date ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

/* qsort is not stable: sort copies tagged with their position. */
static void sort_events(EventList *list)
{
    if (list->n < 2)
        return;
    OrderedEvent *tmp = xmalloc_array(list->n, sizeof *tmp);
    for (size_t i = 0; i < list->n; i++) {
        tmp[i].event = list->items[i];
        tmp[i].order = i;
    }
    qsort(tmp, list->n, sizeof *tmp, cmp_event);
    for (size_t i = 0; i < list->n; i++)
        list->items[i] = tmp[i].event;
    free(tmp);
}

int csvload_events(EventList *list, const char *path, Error *err)
{
    EventLoad load;
    memset(&load, 0, sizeof load);
    load.list = list;
    Reader r;
    memset(&r, 0, sizeof r);
    r.path = path;
    r.err = err;
    r.row = event_row;
    r.user = &load;
    size_t n_before = list->n;
    if (reader_run(&r) != 0)
        goto fail;
    if (!load.have_header) {
        error_set(err, ERR_DATA, path, 0, 0,
                  "file is empty; the first line must be a header naming "
                  "date,label");
        goto fail;
    }
    sort_events(list);
    return 0;
fail:
    for (size_t i = n_before; i < list->n; i++) {
        free(list->items[i].label);
        free(list->items[i].company);
    }
    list->n = n_before;
    return -1;
}

void eventlist_free(EventList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++) {
        free(list->items[i].label);
        free(list->items[i].company);
    }
    free(list->items);
    list->items = NULL;
    list->n = list->cap = 0;
}
