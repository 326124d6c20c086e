/* csvload_data.c - data files: the header's layout (long, data-hub,
 * wide), rows to observations, and a big file read in two halves. */
#include "csvload_reader.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"
#include "parse_date.h"
#include "parse_value.h"
#include "util.h"

/* s without its leading and trailing spaces and tabs (in place). */
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

enum { COL_DATE, COL_COMPANY, COL_METRIC, COL_VALUE, COL_UNIT, COL_BASIS,
       COL_SOURCE, COL_CONFIDENCE, COL_NOTE, COL_CODE, N_COLS };

/* Chinese names in both traditional and simplified characters. */
static const Column data_cols[N_COLS] = {
    {{"date", "\xE6\x97\xA5\xE6\x9C\x9F" /* 日期 */, "year", "close date",
      "\xE5\xB9\xB4\xE4\xBB\xBD" /* 年份 */}},
    {{"company", "\xE5\x85\xAC\xE5\x8F\xB8" /* 公司 */, "entity",
      "organization", "organisation"}},
    {{"metric", "\xE6\x8C\x87\xE6\xA8\x99" /* 指標 */,
      "\xE6\x8C\x87\xE6\xA0\x87" /* 指标 */}},
    {{"value", "\xE6\x95\xB8\xE5\x80\xBC" /* 數值 */,
      "\xE6\x95\xB0\xE5\x80\xBC" /* 数值 */}},
    {{"unit", "\xE5\x96\xAE\xE4\xBD\x8D" /* 單位 */,
      "\xE5\x8D\x95\xE4\xBD\x8D" /* 单位 */}},
    {{"basis"}},
    {{"source", "\xE4\xBE\x86\xE6\xBA\x90" /* 來源 */,
      "\xE6\x9D\xA5\xE6\xBA\x90" /* 来源 */, "sources"}},
    {{"confidence"}},
    {{"note", "notes", "\xE5\x82\x99\xE8\xA8\xBB" /* 備註 */,
      "\xE5\xA4\x87\xE6\xB3\xA8" /* 备注 */}},
    {{"code"}},   /* Our World in Data's country code: not a value */
};

int data_header_names_value(Reader *r, char **fields, size_t n, long line)
{
    long col[N_COLS];
    if (reader_map_header(r, fields, n, line, data_cols, N_COLS, col) < 0)
        return -1;
    return col[COL_VALUE] >= 0;
}

static const char *const format_names[] = {"long", "data-hub", "wide"};

typedef enum { FORMAT_LONG, FORMAT_HUB, FORMAT_WIDE } Format;

/* A wide file's company column. */
typedef struct {
    long col;
    const char *company;   /* interned */
    const char *unit;      /* interned, from "(USD)" in the header */
} WideColumn;

/* Labels of recent rows, interned: rows come grouped, so a row's company
 * and metric are nearly always those of a row just before, and matching
 * their bytes here spares the dataset hashing or comparing them. */
#define LABEL_CACHE 4
typedef struct {
    const char *text[LABEL_CACHE];   /* interned; NULL: empty slot */
    size_t len[LABEL_CACHE];
    unsigned next;                   /* slot to replace */
    unsigned last;                   /* slot matched last */
} LabelCache;

/* The month of the last "YYYY-MM-DD" date read: a daily file gives
 * about thirty rows in a row the same "YYYY-MM-", and their dates are
 * that month's first day plus their day. */
typedef struct {
    char prefix[8];        /* "YYYY-MM-" */
    long first;            /* day number of the month's first day */
    unsigned days;         /* in the month; 0: nothing read yet */
} MonthSeen;

typedef struct {
    Dataset *ds;
    const CsvOptions *opt;
    char decimal;          /* ',' in files delimited by ';' */
    int have_header;
    long header_line;
    Format format;
    size_t n_header;
    const char **header;   /* interned copies, to spot repeated headers */
    long col[N_COLS];
    const char *metric;    /* interned; when the file has no metric column */
    const char *unit;      /* interned; data-hub "(unit)" of the value */
    const char *file;      /* interned path, so that rows need not hash it */
    long value_col;
    WideColumn *wide;
    size_t n_wide;
    size_t rows, missing, skipped;
    int threads;           /* readers at once at most; 0: as many as help */
    LabelCache companies, metrics;   /* interned in ds */
    /* "" interned in ds, for the columns a file lacks: dataset_add knows
     * a row's texts as those of the row before by their pointers. */
    const char *empty;
    MonthSeen month;
} DataLoad;

/* Do a and b, len bytes each, hold the same bytes? A word at a time,
 * the last word overlapping the one before it: nothing past len is read,
 * and a label of a few dozen bytes costs a few compares, not a call. */
static inline int same_bytes(const char *a, const char *b, size_t len)
{
    if (len >= 8) {
        uint64_t x, y;
        for (size_t i = 0; i + 8 < len; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return 0;
        }
        memcpy(&x, a + len - 8, 8);
        memcpy(&y, b + len - 8, 8);
        return x == y;
    }
    if (len >= 4) {
        uint32_t x0, y0, x1, y1;
        memcpy(&x0, a, 4);
        memcpy(&y0, b, 4);
        memcpy(&x1, a + len - 4, 4);
        memcpy(&y1, b + len - 4, 4);
        return x0 == y0 && x1 == y1;
    }
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* cached_label when the last label matched is not text. */
static const char *cached_label_other(Dataset *ds, LabelCache *c,
                                      const char *text, size_t len)
{
    for (unsigned i = 0; i < LABEL_CACHE; i++) {
        if (i != c->last && c->text[i] && c->len[i] == len &&
            same_bytes(c->text[i], text, len)) {
            c->last = i;
            return c->text[i];
        }
    }
    unsigned i = c->next;
    c->next = (i + 1) % LABEL_CACHE;
    c->last = i;
    c->text[i] = dataset_intern(ds, text);
    c->len[i] = len;
    return c->text[i];
}

/* The interned copy of text (len bytes), from the cache when a recent
 * row had it: the last one matched is tried first, here. */
static inline const char *cached_label(Dataset *ds, LabelCache *c,
                                       const char *text, size_t len)
{
    const char *last = c->text[c->last];
    if (last && c->len[c->last] == len && same_bytes(last, text, len))
        return last;
    return cached_label_other(ds, c, text, len);
}

/* Headers that describe rows rather than hold values: "Source 1",
 * "Link", and empty ones (trailing columns of a spreadsheet). */
static int is_metadata_header(const char *h)
{
    static const char *const names[] = {"link", "url", "comment",
                                        "comments"};
    if (!h[0] || strncmp(h, "Source", 6) == 0 || strncmp(h, "source", 6) == 0)
        return 1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ascii_casecmp(h, names[i]) == 0)
            return 1;
    return 0;
}

/* Splits "Annualized revenue (USD)" into label and unit, interned; a
 * header without a parenthesised suffix is all label. */
static void split_label(Dataset *ds, const char *h, const char **label,
                        const char **unit)
{
    size_t n = strlen(h);
    const char *open = strrchr(h, '(');
    if (n > 2 && h[n - 1] == ')' && open && open > h && open + 1 < h + n - 1) {
        char *l = xstrndup(h, (size_t)(open - h));
        char *u = xstrndup(open + 1, (size_t)(h + n - 1 - open - 1));
        *label = dataset_intern(ds, trim(l));
        *unit = dataset_intern(ds, trim(u));
        free(l);
        free(u);
        return;
    }
    *label = dataset_intern(ds, h);
    *unit = dataset_intern(ds, "");
}

/* The metric of a file without a metric column: --metric, else the file
 * name without directory and extension. */
static const char *file_metric(DataLoad *L, const char *path)
{
    if (L->opt->metric && L->opt->metric[0])
        return dataset_intern(L->ds, L->opt->metric);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    char *stem = xstrndup(base, n);
    const char *m = dataset_intern(L->ds, stem[0] ? stem : "value");
    free(stem);
    return m;
}

/* Data-hub: the one column that is neither known nor metadata; of
 * several, the one whose header names a unit "(...)". */
/* Is column i neither a known column nor metadata: a value column (or,
 * in a wide file, a company)? */
static int is_free_column(const DataLoad *L, char **fields, size_t i)
{
    for (size_t k = 0; k < N_COLS; k++)
        if (L->col[k] == (long)i)
            return 0;
    return !is_metadata_header(fields[i]);
}

static int pick_value_column(Reader *r, DataLoad *L, char **fields, size_t n,
                             long line)
{
    long cand[2] = {-1, -1}, with_unit = -1;
    size_t count = 0, count_unit = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_free_column(L, fields, i))
            continue;
        if (count < 2)
            cand[count] = (long)i;
        count++;
        size_t len = strlen(fields[i]);
        if (len > 2 && fields[i][len - 1] == ')' && strchr(fields[i], '(')) {
            with_unit = (long)i;
            count_unit++;
        }
    }
    if (count == 1)
        L->value_col = cand[0];
    else if (count > 1 && count_unit == 1)
        L->value_col = with_unit;
    else if (count == 0) {
        error_set(r->err, ERR_DATA, r->path, line, 0,
                  "header has no \"value\" column; the header must name "
                  "date,company,metric,value");
        return -1;
    } else {
        error_set(r->err, ERR_DATA, r->path, line, cand[1] + 1,
                  "header has several value columns (\"%s\", \"%s\"); keep "
                  "one, or use the long format date,company,metric,value",
                  fields[cand[0]], fields[cand[1]]);
        return -1;
    }
    const char *label;
    split_label(L->ds, fields[L->value_col], &label, &L->unit);
    L->metric = L->opt->metric && L->opt->metric[0]
                    ? dataset_intern(L->ds, L->opt->metric) : label;
    return 0;
}

/* Wide: every column that is neither known nor metadata is a company. */
static void wide_columns(DataLoad *L, char **fields, size_t n)
{
    L->wide = xmalloc_array(n, sizeof *L->wide);
    for (size_t i = 0; i < n; i++) {
        if (!is_free_column(L, fields, i))
            continue;
        WideColumn *w = &L->wide[L->n_wide++];
        w->col = (long)i;
        split_label(L->ds, fields[i], &w->company, &w->unit);
    }
}

/* Reads the header: which layout, which column is what. */
static int data_header(Reader *r, DataLoad *L, char **fields, size_t n,
                       long line)
{
    L->have_header = 1;
    L->header_line = line;
    L->file = dataset_intern(L->ds, r->path);
    L->empty = dataset_intern(L->ds, "");
    /* Where ; separates fields, the comma is the decimal mark. */
    L->decimal = r->delim == ';' ? ',' : '.';
    L->n_header = n;
    long mapped =
        reader_map_header(r, fields, n, line, data_cols, N_COLS, L->col);
    if (mapped < 0)
        return -1;
    if (mapped == 0) {
        if (error_set(r->err, ERR_DATA, r->path, line, 0,
                      "line %ld is not a header: it names no known column "
                      "(date, company, metric, value)",
                      line))
            r->err->remedy = ERR_REMEDY_SKIP_ROWS;
        return -1;
    }
    L->header = xmalloc_array(n, sizeof *L->header);
    for (size_t i = 0; i < n; i++)
        L->header[i] = dataset_intern(L->ds, fields[i]);
    const long *col = L->col;
    if (col[COL_DATE] >= 0 && col[COL_COMPANY] >= 0 && col[COL_VALUE] >= 0) {
        L->format = FORMAT_LONG;
        if (col[COL_METRIC] < 0) {
            L->metric = file_metric(L, r->path);
            return reader_check_label(r, L->metric, "metric name", line, -1);
        }
        return 0;
    }
    if (col[COL_DATE] >= 0 && col[COL_COMPANY] >= 0 && col[COL_METRIC] < 0) {
        L->format = FORMAT_HUB;
        if (pick_value_column(r, L, fields, n, line) != 0 ||
            reader_check_label(r, L->metric, "metric name", line,
                               L->value_col) ||
            reader_check_label(r, L->unit, "unit", line, L->value_col))
            return -1;
        return 0;
    }
    if (col[COL_DATE] >= 0 && col[COL_COMPANY] < 0 && col[COL_METRIC] < 0 &&
        col[COL_VALUE] < 0) {
        L->format = FORMAT_WIDE;
        L->metric = file_metric(L, r->path);
        if (reader_check_label(r, L->metric, "metric name", line, -1) != 0)
            return -1;
        wide_columns(L, fields, n);
        for (size_t k = 0; k < L->n_wide; k++)
            if (reader_check_label(r, L->wide[k].company, "company name", line,
                                   L->wide[k].col) ||
                reader_check_label(r, L->wide[k].unit, "unit", line,
                                   L->wide[k].col))
                return -1;
        if (L->n_wide > 0)
            return 0;
        error_set(r->err, ERR_DATA, r->path, line, 0,
                  "header has a date column but no company columns; name "
                  "date,company,metric,value or one column per company");
        return -1;
    }
    return reader_require_columns(r, line, data_cols, 4,
                                  "date,company,metric,value", col);
}

/* The unit of a value: what the value itself says ("$7B": USD) must
 * agree with what the unit column or header says; either may be blank. */
static int row_unit(Reader *r, const char *stated, const char *found,
                    const char *text, const char *said_by, long line,
                    long col, const char **unit)
{
    if (!found[0] || ascii_casecmp(stated, found) == 0) {
        *unit = stated;
        return 0;
    }
    if (!stated[0]) {
        *unit = found;
        return 0;
    }
    error_set(r->err, ERR_DATA, r->path, line, col + 1,
              "value \"%.40s\" is in %s but the %s says %s; make them agree",
              text, found, said_by, stated);
    return -1;
}

/* Parses one value and adds it as an observation of o (date, company,
 * metric and the optional columns already set); a missing value is
 * counted. stated is the unit the column or header gives. */
static inline int add_value(Reader *r, DataLoad *L, Observation *o,
                            const char *text, const char *stated,
                            const char *said_by, long line, long col)
{
    char why[256];
    const char *found = "";
    switch (parse_value_qualified(text, L->decimal, &o->value, &found,
                                  &o->qualifier, why, sizeof why)) {
    case VALUE_MISSING:
        L->missing++;
        return 0;
    case VALUE_ERROR:
        error_set(r->err, ERR_DATA, r->path, line, col + 1, "%s", why);
        return -1;
    case VALUE_OK:
        break;
    }
    if (row_unit(r, stated, found, text, said_by, line, col, &o->unit) != 0)
        return -1;
    o->column = col;
    if (L->ds->n_obs >= DATASET_MAX_OBSERVATIONS) {
        error_set(r->err, ERR_DATA, r->path, line, col + 1,
                  "more than %d values in all; load fewer files or keep the "
                  "rows the charts need",
                  DATASET_MAX_OBSERVATIONS);
        return -1;
    }
    dataset_add(L->ds, o);
    L->rows++;
    return 0;
}

/* Is text, len bytes, "YYYY-MM-DD" with digits where the Ys, Ms and Ds
 * are? (Whether it is a date is parse_date's to say.) */
static int iso_day_shape(const char *text, size_t len)
{
    if (len != 10 || text[4] != '-' || text[7] != '-')
        return 0;
    for (size_t i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (unsigned)(text[i] - '0') > 9)
            return 0;
    return 1;
}

/* reader_read_date for a data row's date, len bytes: a day of the month last
 * read takes no parsing. parse_date reads "YYYY-MM-DD" before any other
 * form whatever the order, so the month is noted only when the date read
 * is the one its digits spell, and then any day from 01 to the month's
 * length in the same month is read by parse_date as first + day - 1. */
static int read_row_date(Reader *r, DataLoad *L, const char *text,
                         size_t len, long line, long col, long *days,
                         DatePrecision *prec)
{
    MonthSeen *m = &L->month;
    if (len == 10 && m->days && memcmp(text, m->prefix, 8) == 0) {
        unsigned d0 = (unsigned)(text[8] - '0'), d1 = (unsigned)(text[9] - '0');
        unsigned day = d0 * 10 + d1;
        if (d0 <= 9 && d1 <= 9 && day >= 1 && day <= m->days) {
            *days = m->first + (long)day - 1;
            *prec = DATE_DAY;
            return 0;
        }
    }
    if (reader_read_date(r, text, L->opt->date_order, line, col, days,
                         prec) != 0)
        return -1;
    if (*prec == DATE_DAY && iso_day_shape(text, len)) {
        int year, month, day;
        date_to_ymd(*days, &year, &month, &day);
        if (year == (text[0] - '0') * 1000 + (text[1] - '0') * 100 +
                        (text[2] - '0') * 10 + (text[3] - '0') &&
            month == (text[5] - '0') * 10 + (text[6] - '0') &&
            day == (text[8] - '0') * 10 + (text[9] - '0')) {
            memcpy(m->prefix, text, 8);
            m->first = *days - (day - 1);
            m->days = (unsigned)date_days_in_month(year, month);
        }
    }
    return 0;
}

/* reader_optional_field for a data row: a column the file lacks gives
 * L->empty. */
static inline const char *data_field(const DataLoad *L, char **fields,
                                     long col)
{
    return col >= 0 ? fields[col] : L->empty;
}

static int is_repeated_header(const DataLoad *L, char **fields, size_t n)
{
    /* A data row's first byte nearly always tells it from the header. */
    if (n != L->n_header ||
        ascii_lower(fields[0][0]) != ascii_lower(L->header[0][0]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (ascii_casecmp(fields[i], L->header[i]) != 0)
            return 0;
    return 1;
}

static int data_row(Reader *r, char **fields, size_t n, long line)
{
    DataLoad *L = r->user;
    if (!L->have_header)
        return data_header(r, L, fields, n, line);
    if (is_repeated_header(L, fields, n)) {
        L->skipped++;
        dataset_warn(L->ds, r->path, line,
                     "header repeated (files pasted together?); line "
                     "skipped");
        return 0;
    }
    if (reader_check_field_count(r, n, L->n_header, line) != 0)
        return -1;
    const long *col = L->col;
    /* Every field named: a memset of the struct cost more per row than
     * parsing its date. */
    Observation o = {.date = 0, .precision = DATE_DAY, .value = 0,
                     .company = "", .metric = "", .unit = "", .basis = "",
                     .source = "", .confidence = "", .note = "",
                     .file = L->file, .line = line, .column = 0};
    if (read_row_date(r, L, fields[col[COL_DATE]], r->lens[col[COL_DATE]],
                      line, col[COL_DATE], &o.date, &o.precision) != 0)
        return -1;
    o.basis = data_field(L, fields, col[COL_BASIS]);
    o.source = data_field(L, fields, col[COL_SOURCE]);
    o.confidence = data_field(L, fields, col[COL_CONFIDENCE]);
    o.note = data_field(L, fields, col[COL_NOTE]);
    o.file = L->file;
    o.line = line;
    o.metric = col[COL_METRIC] >= 0 ? fields[col[COL_METRIC]] : L->metric;
    if (L->format == FORMAT_WIDE) {
        for (size_t k = 0; k < L->n_wide; k++) {
            const WideColumn *w = &L->wide[k];
            o.company = w->company;
            if (add_value(r, L, &o, fields[w->col], w->unit, "header", line,
                          w->col) != 0)
                return -1;
        }
        return 0;
    }
    const size_t *lens = r->lens;
    o.company = fields[col[COL_COMPANY]];
    if (!o.company[0]) {
        error_set(r->err, ERR_DATA, r->path, line, col[COL_COMPANY] + 1,
                  "company is empty; every row needs a company name");
        return -1;
    }
    if (!o.metric[0]) {
        error_set(r->err, ERR_DATA, r->path, line, col[COL_METRIC] + 1,
                  "metric is empty; every row needs a metric name");
        return -1;
    }
    if (reader_check_label_len(r, lens[col[COL_COMPANY]], "company name", line,
                               col[COL_COMPANY]) ||
        (col[COL_METRIC] >= 0 &&
         reader_check_label_len(r, lens[col[COL_METRIC]], "metric name", line,
                                col[COL_METRIC])) ||
        (col[COL_UNIT] >= 0 &&
         reader_check_label_len(r, lens[col[COL_UNIT]], "unit", line,
                                col[COL_UNIT])))
        return -1;
    o.company = cached_label(L->ds, &L->companies, o.company,
                             lens[col[COL_COMPANY]]);
    if (col[COL_METRIC] >= 0)
        o.metric = cached_label(L->ds, &L->metrics, o.metric,
                                lens[col[COL_METRIC]]);
    if (L->format == FORMAT_HUB)
        return add_value(r, L, &o, fields[L->value_col], L->unit, "header",
                         line, L->value_col);
    return add_value(r, L, &o, fields[col[COL_VALUE]],
                     data_field(L, fields, col[COL_UNIT]), "unit column",
                     line, col[COL_VALUE]);
}

/* ---- a big file in two halves at once ---- */

/* Files from this size on are read by two readers at once, when the
 * machine has two processors: the first half and, into a dataset of its
 * own, the second (parallel_for), moved after the first half's
 * rows when both are done. Overridable so that tests and fuzzing reach
 * it with small inputs. */
#ifndef CSVLOAD_PARALLEL_MIN
#define CSVLOAD_PARALLEL_MIN (4 * 1024 * 1024)
#endif

/* The second half: where it starts is a guess (a line end past the
 * middle, which may lie inside a quoted field), and its lines are
 * counted from there. Its rows are kept only when the first half ends
 * exactly there between two records, and when the second half read
 * without an error or a warning and within the limits: then they are
 * what reading on would have given. Otherwise they are dropped and the
 * first reader reads on, so errors, warnings and their order are always
 * those of reading the file in one go. */
typedef struct {
    Reader r;
    DataLoad load;
    Error err;
    Reader *first;  /* the caller's reader, to read up to split */
    size_t split;
} Half;

/* parallel_for's body: 0 reads the first half, 1 the second. */
static void read_half(void *half, size_t i)
{
    Half *h = half;
    if (i == 0) {
        reader_pump(h->first, h->split);
    } else if (reader_begin(&h->r) == 0) {
        reader_pump(&h->r, SIZE_MAX);
        reader_end(&h->r);
    }
}

/* Reads the rest of a big file (header read) in two halves at once and
 * returns 1 when that is done; returns 0 when the caller is to read on
 * alone, a having read either nothing more or up to where the second
 * half began. */
static int read_second_half(Reader *a, DataLoad *L)
{
    if (a->failed || a->eof || !L->have_header || L->threads == 1 ||
        a->size < CSVLOAD_PARALLEL_MIN || parallel_threads() < 2)
        return 0;
    size_t split = reader_find_split(a);
    if (split <= a->total)
        return 0;
    Half *h = xcalloc(1, sizeof *h);
    reader_init_half(&h->r, a, split);
    error_clear(&h->err);
    h->r.err = &h->err;
    h->r.row = data_row;
    h->r.user = &h->load;
    /* The header's reading, shared read-only: its strings are interned
     * in L->ds, whose bytes never move. */
    h->load = *L;
    h->load.ds = dataset_create();
    h->load.file = dataset_intern(h->load.ds, a->path);
    h->load.empty = dataset_intern(h->load.ds, "");
    h->load.rows = h->load.missing = h->load.skipped = 0;
    memset(&h->load.companies, 0, sizeof h->load.companies);
    memset(&h->load.metrics, 0, sizeof h->load.metrics);
    memset(&h->load.month, 0, sizeof h->load.month);
    h->first = a;
    h->split = split;
    parallel_for(2, read_half, h);
    int ok = !a->failed && a->total == split && a->at_row_start &&
             !h->r.failed && h->load.skipped == 0 &&
             L->ds->n_obs + h->load.ds->n_obs <= DATASET_MAX_OBSERVATIONS &&
             split + h->r.total <= CSVLOAD_FILE_MAX &&
             dataset_append(L->ds, h->load.ds, a->cur_line - 1) == 0;
    if (ok) {
        L->rows += h->load.rows;
        L->missing += h->load.missing;
        a->total += h->r.total;
        a->cur_line += h->r.cur_line - 1;
        a->eof = 1;
    }
    dataset_destroy(h->load.ds);
    free(h);
    return ok;
}

/* Loads from r (path and source set) into ds. */
static int load_data(Dataset *ds, Reader *rp, const CsvOptions *opt,
                     int threads, Error *err)
{
    static const CsvOptions defaults;
    DataLoad load;
    memset(&load, 0, sizeof load);
    load.ds = ds;
    load.threads = threads;
    load.opt = opt ? opt : &defaults;
    Reader r = *rp;
    const char *path = r.path;
    r.err = err;
    r.row = data_row;
    r.user = &load;
    r.skip = load.opt->skip_rows > 0 ? load.opt->skip_rows : 0;
    DatasetMark mark;
    dataset_mark(ds, &mark);
    if (reader_begin(&r) != 0)
        goto fail;
    /* The header first (in the first chunk of nearly every file): the
     * second half of a big file is read knowing it. */
    while (!r.failed && !r.eof && !load.have_header)
        reader_pump(&r, r.total + CHUNK_SIZE);
    if (!read_second_half(&r, &load))
        reader_pump(&r, SIZE_MAX);
    if (reader_end(&r) != 0)
        goto fail;
    if (!load.have_header) {
        error_set(err, ERR_DATA, path, 0, 0,
                  "file is empty; the first line must be a header naming "
                  "date,company,metric,value");
        goto fail;
    }
    if (load.rows + load.missing == 0) {
        error_set(err, ERR_DATA, path, load.header_line, 0,
                  "file has a header but no data rows; add rows below the "
                  "header");
        goto fail;
    }
    grow_array((void **)&ds->files, &ds->cap_files, ds->n_files + 1,
               sizeof *ds->files);
    DataFile *df = &ds->files[ds->n_files++];
    df->path = dataset_intern(ds, path);
    df->format = format_names[load.format];
    df->delimiter = (char)r.delim;
    df->rows = load.rows;
    df->missing = load.missing;
    df->skipped = load.skipped;
    df->has_sources = load.col[COL_SOURCE] >= 0;
    free(load.header);
    free(load.wide);
    return 0;
fail:
    free(load.header);
    free(load.wide);
    dataset_rollback(ds, &mark);
    return -1;
}

int csvload_file_with(Dataset *ds, const char *path, const CsvOptions *opt,
                      Error *err)
{
    Reader r;
    reader_init(&r, path);
    return load_data(ds, &r, opt, 0, err);
}

int csvload_buffer_threads(Dataset *ds, const char *name, const void *data,
                           size_t len, const CsvOptions *opt, int threads,
                           Error *err)
{
    Reader r;
    reader_init(&r, name);
    r.from_memory = 1;
    r.mem = data;
    r.mem_len = len;
    r.size = len;
    return load_data(ds, &r, opt, threads, err);
}

int csvload_buffer_with(Dataset *ds, const char *name, const void *data,
                        size_t len, const CsvOptions *opt, Error *err)
{
    return csvload_buffer_threads(ds, name, data, len, opt, 0, err);
}

int csvload_file(Dataset *ds, const char *path, Error *err)
{
    return csvload_file_with(ds, path, NULL, err);
}
