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

/* Chinese names in both traditional and simplified characters; the
 * exports of Our World in Data (Entity, Year, Day), the World Bank
 * (Country Name, Indicator Name), FRED (observation_date, DATE) and
 * Epoch AI (Company, Date). */
static const Column data_cols[N_COLS] = {
    {{"date", "\xE6\x97\xA5\xE6\x9C\x9F" /* 日期 */, "year", "close date",
      "\xE5\xB9\xB4\xE4\xBB\xBD" /* 年份 */, "day", "observation_date"}},
    {{"company", "\xE5\x85\xAC\xE5\x8F\xB8" /* 公司 */, "entity",
      "organization", "organisation", "country name", "country"}},
    {{"metric", "\xE6\x8C\x87\xE6\xA8\x99" /* 指標 */,
      "\xE6\x8C\x87\xE6\xA0\x87" /* 指标 */, "indicator name"}},
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

static const char *const format_names[] = {"long", "data-hub", "wide",
                                           "dates-across"};

/* FORMAT_ACROSS: an entity per row and a date per column (the World
 * Bank's Country Name,...,1960,1961,...). */
typedef enum { FORMAT_LONG, FORMAT_HUB, FORMAT_WIDE, FORMAT_ACROSS } Format;

/* A wide file's company column, or a dates-across file's date column. */
typedef struct {
    long col;
    const char *company;   /* interned; NULL in a dates-across file */
    const char *unit;      /* interned, from "(USD)" in the header */
    long date;             /* dates-across: the header's date */
    DatePrecision precision;
} WideColumn;

/* What a header column is. FREE columns are told apart by the first
 * SAMPLE_ROWS rows: numbers are values (a wide file's companies), text
 * is notes. */
typedef enum {
    KIND_KNOWN,    /* a known column (date, company, ...) */
    KIND_IGNORED,  /* metadata (Source 1, Link), an ID or a code */
    KIND_FREE,     /* not yet told */
    KIND_NUMBER,   /* numbers (or missing values) in the rows sampled */
    KIND_EMPTY,    /* nothing in the rows sampled */
    KIND_TEXT      /* text: a note, never a value or a company */
} ColumnKind;

#define SAMPLE_ROWS 100

/* A row read while the columns are still being told apart. */
typedef struct {
    char *buf;             /* the fields, NUL-separated */
    size_t *off;           /* where each starts in buf */
    size_t n;
    long line;
} SampleRow;

/* What the rows sampled hold in one column. */
typedef struct {
    size_t numbers, texts;
} ColumnCount;

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
    const char *company;   /* interned; the one entity of a file without an
                              entity column (its name) */
    WideColumn *wide;
    size_t n_wide;
    unsigned char *kind;   /* ColumnKind of each header column */
    int sampling;          /* rows are kept in sample[] until the columns
                              are told apart */
    SampleRow *sample;
    size_t n_sample, n_sample_cap;
    long *note_cols;       /* TEXT columns, joined into the note when the
                              file has no note column */
    size_t n_notes;
    char *note;            /* "Header: text; ..." of the current row */
    size_t note_cap;
    size_t rows, missing, skipped;
    size_t not_verified;       /* --verified-only: rows drawn but not
                                  fitted */
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

/* Does h end in suffix, ASCII case-insensitively? */
static int ends_with_word(const char *h, const char *suffix)
{
    size_t n = strlen(h), k = strlen(suffix);
    return n > k && ascii_casecmp(h + n - k, suffix) == 0;
}

/* Headers that describe rows rather than hold values: "Source 1",
 * "Link", empty ones (trailing columns of a spreadsheet), IDs ("Id",
 * "company_id", "Series ID") and codes ("Code", "Country Code",
 * "Indicator Code"): an ID is a number but never a value. */
static int is_metadata_header(const char *h)
{
    static const char *const names[] = {"link", "url", "comment",
                                        "comments", "id"};
    if (!h[0] || strncmp(h, "Source", 6) == 0 || strncmp(h, "source", 6) == 0)
        return 1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ascii_casecmp(h, names[i]) == 0)
            return 1;
    return ends_with_word(h, "_id") || ends_with_word(h, " id") ||
           ends_with_word(h, " code") || ends_with_word(h, "_code");
}

/* Words that make a parenthesised header suffix a unit: currencies,
 * scale words, counters, known units, and the qualifiers that go with
 * them ("current US$", "billions of USD"). Matched ASCII
 * case-insensitively. */
static const char *const unit_words[] = {
    "usd", "eur", "gbp", "jpy", "cny", "rmb", "hkd", "twd", "krw", "inr",
    "chf", "cad", "aud", "sgd", "$", "us$", "nt$", "hk$", "a$", "c$",
    "\xE2\x82\xAC" /* € */, "\xC2\xA3" /* £ */, "\xC2\xA5" /* ¥ */,
    "\xEF\xBF\xA5" /* ￥ */, "%", "percent", "pct",
    "thousand", "thousands", "million", "millions", "billion", "billions",
    "trillion", "trillions", "k", "m", "mn", "mm", "b", "bn", "t", "tn",
    "users", "people", "persons", "customers", "subscribers", "employees",
    "seats", "accounts", "companies", "devices", "downloads", "visits",
    "queries", "requests", "messages", "tokens", "units", "count",
    "dollars", "euros", "yuan", "yen",
    "kwh", "mwh", "gwh", "twh", "w", "kw", "mw", "gw", "flop", "flops",
    "flop/s", "parameters", "params", "gpus", "chips", "tonnes", "tons",
    "years", "months", "days", "hours"};

/* Words that qualify a unit but are none alone. */
static const char *const unit_qualifiers[] = {
    "per", "of", "in", "s", "current", "constant", "nominal", "real",
    "annualized", "annual", "monthly", "weekly", "daily"};

/* Is the word s, n bytes, one of list's (ASCII case-insensitively)? */
static int word_in(const char *s, size_t n, const char *const *list,
                   size_t count)
{
    for (size_t k = 0; k < count; k++) {
        if (strlen(list[k]) != n)
            continue;
        size_t i = 0;
        while (i < n && ascii_lower(s[i]) == list[k][i])
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

/* CJK units written as one word (億美元, 萬人). */
static const char *const cjk_units[] = {
    "\xE7\xBE\x8E\xE5\x85\x83" /* 美元 */, "\xE7\xBE\x8E\xE9\x87\x91" /* 美金 */,
    "\xE5\x85\x83" /* 元 */, "\xE4\xBA\xBA\xE6\xB0\x91\xE5\xB9\xA3" /* 人民幣 */,
    "\xE4\xBA\xBA\xE6\xB0\x91\xE5\xB8\x81" /* 人民币 */,
    "\xE6\x96\xB0\xE5\x8F\xB0\xE5\xB9\xA3" /* 新台幣 */,
    "\xE6\xB8\xAF\xE5\x85\x83" /* 港元 */, "\xE5\x84\x84" /* 億 */,
    "\xE4\xBA\xBF" /* 亿 */, "\xE8\x90\xAC" /* 萬 */, "\xE4\xB8\x87" /* 万 */,
    "\xE5\x85\x86" /* 兆 */, "\xE4\xBA\xBA" /* 人 */, "\xE6\x88\xB6" /* 戶 */,
    "\xE6\x88\xB7" /* 户 */, "\xE5\xAE\xB6" /* 家 */, "\xE5\x90\x8D" /* 名 */};

/* Is text, len bytes, made of CJK units only (億美元: 億 + 美元)? */
static int is_cjk_unit(const char *text, size_t len)
{
    if (len == 0)
        return 0;
    while (len > 0) {
        size_t best = 0;
        for (size_t k = 0; k < sizeof cjk_units / sizeof *cjk_units; k++) {
            size_t n = strlen(cjk_units[k]);
            if (n <= len && n > best && memcmp(text, cjk_units[k], n) == 0)
                best = n;
        }
        if (best == 0)
            return 0;
        text += best;
        len -= best;
    }
    return 1;
}

/* Does the text inside a header's last parentheses name a unit ("USD",
 * "%", "billions of USD", "億美元", "users") rather than qualify the
 * label ("normalize to annual", "at market prices", "cumulative")?
 * Every word must be a unit word or a number, and one at least a unit
 * word that is not a qualifier. */
static int looks_like_unit(const char *s)
{
    int units = 0;
    while (*s) {
        while (*s == ' ' || *s == ',' || *s == '/')
            s++;
        size_t n = strcspn(s, " ,/");
        if (n == 0)
            break;
        int number = 1;
        for (size_t i = 0; i < n; i++)
            number &= ascii_digit(s[i]) || s[i] == '.';
        int unit = word_in(s, n, unit_words,
                           sizeof unit_words / sizeof *unit_words) ||
                   is_cjk_unit(s, n);
        if (!unit && !number &&
            !word_in(s, n, unit_qualifiers,
                     sizeof unit_qualifiers / sizeof *unit_qualifiers))
            return 0;
        units += unit;
        s += n;
    }
    return units > 0;
}

/* Splits "Annualized revenue (USD)" into label and unit, interned. Only
 * a last parenthesised part that looks like a unit is one; any other
 * ("Revenue amount (normalize to annual)", "Real GDP (at market prices)
 * (BoE (2017))", nested or not) stays in the label. */
static void split_label(Dataset *ds, const char *h, const char **label,
                        const char **unit)
{
    size_t n = strlen(h);
    const char *open = NULL;
    if (n > 2 && h[n - 1] == ')') {
        int depth = 0;
        for (const char *p = h + n - 1; p >= h; p--) {
            depth += *p == ')' ? 1 : *p == '(' ? -1 : 0;
            if (depth == 0) {
                open = *p == '(' ? p : NULL;
                break;
            }
        }
    }
    if (open && open > h && open + 1 < h + n - 1) {
        char *u = xstrndup(open + 1, (size_t)(h + n - 1 - open - 1));
        if (!strchr(u, '(') && looks_like_unit(trim(u))) {
            char *l = xstrndup(h, (size_t)(open - h));
            *label = dataset_intern(ds, trim(l));
            *unit = dataset_intern(ds, trim(u));
            free(l);
            free(u);
            return;
        }
        free(u);
    }
    *label = dataset_intern(ds, h);
    *unit = dataset_intern(ds, "");
}

/* The file name without directory and extension, interned; fallback
 * when it is empty. */
static const char *file_stem(DataLoad *L, const char *path,
                             const char *fallback)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    char *stem = xstrndup(base, n);
    const char *m = dataset_intern(L->ds, stem[0] ? stem : fallback);
    free(stem);
    return m;
}

/* The metric of a file without a metric column: --metric, else the file
 * name without directory and extension. */
static const char *file_metric(DataLoad *L, const char *path)
{
    if (L->opt->metric && L->opt->metric[0])
        return dataset_intern(L->ds, L->opt->metric);
    return file_stem(L, path, "value");
}

/* "\"A\", \"B\" and 3 more" of the columns in idx[0..n) into buf. */
static void list_columns(char *buf, size_t size, char **fields,
                         const long *idx, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && o < size; i++) {
        if (i == 8) {
            snprintf(buf + o, size - o, " and %zu more", n - 8);
            return;
        }
        int w = snprintf(buf + o, size - o, "%s\"%.60s\"",
                         i == 0 ? "" : ", ", fields[idx[i]]);
        o += w > 0 ? (size_t)w : 0;
    }
}

/* The index of the column named name (case-insensitive), or -1 after
 * refusing the header, listing its columns; what says what was asked
 * for. */
static long named_column(Reader *r, char **fields, size_t n, long line,
                         const char *name, const char *what)
{
    for (size_t i = 0; i < n; i++)
        if (ascii_casecmp(fields[i], name) == 0)
            return (long)i;
    long *all = xmalloc_array(n, sizeof *all);
    for (size_t i = 0; i < n; i++)
        all[i] = (long)i;
    char list[640];
    list_columns(list, sizeof list, fields, all, n);
    free(all);
    error_set(r->err, ERR_DATA, r->path, line, 0,
              "header has no column \"%.80s\" (the %s column asked for); "
              "its columns are %s", name, what, list);
    return -1;
}

/* The columns named by the options take their roles; a column a known
 * name had mapped to that role is then ignored. */
static int option_columns(Reader *r, DataLoad *L, char **fields, size_t n,
                          long line)
{
    const char *names[3] = {L->opt->date_column, L->opt->entity_column,
                            L->opt->value_column};
    static const int roles[3] = {COL_DATE, COL_COMPANY, COL_VALUE};
    static const char *const what[3] = {"date", "entity", "value"};
    for (size_t k = 0; k < 3; k++) {
        if (!names[k] || !names[k][0])
            continue;
        long i = named_column(r, fields, n, line, names[k], what[k]);
        if (i < 0)
            return -1;
        long old = L->col[roles[k]];
        if (old >= 0 && old != i)
            L->kind[old] = KIND_IGNORED;
        for (size_t c = 0; c < N_COLS; c++)
            if (L->col[c] == i)
                L->col[c] = -1;
        L->col[roles[k]] = i;
        L->kind[i] = KIND_KNOWN;
    }
    return 0;
}

/* The kinds of the header's columns before any row is read. */
static void header_kinds(DataLoad *L, char **fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        L->kind[i] = is_metadata_header(fields[i]) ? KIND_IGNORED : KIND_FREE;
    for (size_t k = 0; k < N_COLS; k++)
        if (L->col[k] >= 0)
            L->kind[L->col[k]] = KIND_KNOWN;
}

static size_t count_kind(const DataLoad *L, ColumnKind kind, long *idx)
{
    size_t c = 0;
    for (size_t i = 0; i < L->n_header; i++)
        if (L->kind[i] == kind) {
            if (idx)
                idx[c] = (long)i;
            c++;
        }
    return c;
}

/* The value column is known: the metric and unit from its header. */
static int set_value_column(Reader *r, DataLoad *L, char **fields, long i,
                            long line)
{
    L->value_col = i;
    L->kind[i] = KIND_KNOWN;
    const char *label;
    split_label(L->ds, fields[i], &label, &L->unit);
    L->metric = L->opt->metric && L->opt->metric[0]
                    ? dataset_intern(L->ds, L->opt->metric) : label;
    return reader_check_label(r, L->metric, "metric name", line, i) ||
                   reader_check_label(r, L->unit, "unit", line, i)
               ? -1 : 0;
}

/* A stock price history (Yahoo's Date,Open,High,Low,Close,Adj Close,
 * Volume): the price is Adj Close, else Close; Volume, in shares, is no
 * price and is never drawn beside one. -1 when it is no such file. */
static long price_column(char **fields, size_t n)
{
    static const char *const need[4] = {"open", "high", "low", "close"};
    long adj = -1, close = -1;
    int have = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < 4; k++)
            if (ascii_casecmp(fields[i], need[k]) == 0)
                have |= 1 << k;
        if (ascii_casecmp(fields[i], "close") == 0)
            close = (long)i;
        if (ascii_casecmp(fields[i], "adj close") == 0)
            adj = (long)i;
    }
    return have == 15 ? (adj >= 0 ? adj : close) : -1;
}

/* Data-hub, once the free columns are told apart: the one numeric
 * column is the value; several are refused, listing them. */
static int pick_value_column(Reader *r, DataLoad *L, char **fields,
                             long line)
{
    long *idx = xmalloc_array(L->n_header, sizeof *idx);
    size_t n = count_kind(L, KIND_NUMBER, idx);
    if (n == 0)
        n = count_kind(L, KIND_EMPTY, idx);
    if (n == 0)
        n = count_kind(L, KIND_FREE, idx);
    int rc = -1;
    if (n == 1) {
        rc = set_value_column(r, L, fields, idx[0], line);
    } else if (n == 0) {
        error_set(r->err, ERR_DATA, r->path, line, 0,
                  "header has no \"value\" column and no column of numbers; "
                  "the header must name date,company,metric,value");
    } else {
        char list[640];
        list_columns(list, sizeof list, fields, idx, n);
        if (error_set(r->err, ERR_DATA, r->path, line, 0,
                      "header has %zu columns of numbers (%s), any of which "
                      "could be the value", n, list))
            r->err->remedy = ERR_REMEDY_VALUE_COLUMN;
    }
    free(idx);
    return rc;
}

/* Wide: every numeric (or, so far, empty) free column is a company;
 * text columns are notes. */
static int wide_columns(Reader *r, DataLoad *L, char **fields, long line)
{
    L->wide = xmalloc_array(L->n_header, sizeof *L->wide);
    for (size_t i = 0; i < L->n_header; i++) {
        if (L->kind[i] != KIND_NUMBER && L->kind[i] != KIND_EMPTY &&
            L->kind[i] != KIND_FREE)
            continue;
        WideColumn *w = &L->wide[L->n_wide++];
        w->col = (long)i;
        split_label(L->ds, fields[i], &w->company, &w->unit);
        if (reader_check_label(r, w->company, "company name", line, w->col) ||
            reader_check_label(r, w->unit, "unit", line, w->col))
            return -1;
    }
    if (L->n_wide > 0)
        return 0;
    error_set(r->err, ERR_DATA, r->path, line, 0,
              "header has a date column but no company columns (no column "
              "holds numbers); name date,company,metric,value or one column "
              "per company");
    return -1;
}

/* Dates across: every header that is a date is a column of values. 0
 * when none is (no such file). */
static size_t across_columns(DataLoad *L, char **fields, size_t n)
{
    L->wide = xmalloc_array(n, sizeof *L->wide);
    for (size_t i = 0; i < n; i++) {
        if (L->kind[i] != KIND_FREE)
            continue;
        long day;
        DatePrecision prec;
        char why[256];
        if (parse_date(fields[i], &day, &prec, why, sizeof why) != 0)
            continue;
        WideColumn *w = &L->wide[L->n_wide++];
        w->col = (long)i;
        w->company = NULL;
        w->unit = L->empty;
        w->date = day;
        w->precision = prec;
        L->kind[i] = KIND_KNOWN;
    }
    return L->n_wide;
}

/* The layout's last decisions, once the free columns are told apart
 * (or need not be): the value or company columns, and the notes. */
static int finish_layout(Reader *r, DataLoad *L, char **fields, long line)
{
    if (L->format == FORMAT_HUB && L->value_col < 0 &&
        pick_value_column(r, L, fields, line) != 0)
        return -1;
    if (L->format == FORMAT_WIDE && wide_columns(r, L, fields, line) != 0)
        return -1;
    L->note_cols = xmalloc_array(L->n_header, sizeof *L->note_cols);
    L->n_notes = count_kind(L, KIND_TEXT, L->note_cols);
    return 0;
}

/* Reads the header: which layout, which column is what. Data-hub and
 * wide files whose free columns must be told apart by their rows start
 * sampling; the rest is decided here. */
static int data_header(Reader *r, DataLoad *L, char **fields, size_t n,
                       long line)
{
    L->have_header = 1;
    L->header_line = line;
    L->file = dataset_intern(L->ds, r->path);
    L->empty = dataset_intern(L->ds, "");
    L->value_col = -1;
    /* Where ; separates fields, the comma is the decimal mark. */
    L->decimal = r->delim == ';' ? ',' : '.';
    L->n_header = n;
    long mapped =
        reader_map_header(r, fields, n, line, data_cols, N_COLS, L->col);
    if (mapped < 0)
        return -1;
    L->kind = xcalloc(n, 1);
    header_kinds(L, fields, n);
    if (option_columns(r, L, fields, n, line) != 0)
        return -1;
    long *col = L->col;
    size_t known = 0;
    for (size_t k = 0; k < N_COLS; k++)
        known += col[k] >= 0;
    if (known == 0) {
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
    /* A value column picked by name in a file without a metric column
     * names its metric, as in a data-hub file. */
    int picked = L->opt->value_column && L->opt->value_column[0] &&
                 col[COL_METRIC] < 0;
    if (col[COL_DATE] >= 0 && col[COL_COMPANY] >= 0 && col[COL_VALUE] >= 0 &&
        !picked) {
        L->format = FORMAT_LONG;
        if (col[COL_METRIC] < 0) {
            L->metric = file_metric(L, r->path);
            return reader_check_label(r, L->metric, "metric name", line, -1);
        }
        return 0;
    }
    if (col[COL_DATE] >= 0 && col[COL_METRIC] < 0 &&
        (col[COL_COMPANY] >= 0 || col[COL_VALUE] >= 0 ||
         price_column(fields, n) >= 0)) {
        /* Data-hub; without an entity column, of one entity: the file. */
        L->format = FORMAT_HUB;
        if (col[COL_COMPANY] < 0) {
            L->company = file_stem(L, r->path, "value");
            if (reader_check_label(r, L->company, "company name", line, -1))
                return -1;
        }
        long v = col[COL_VALUE] >= 0 ? col[COL_VALUE]
                 : col[COL_COMPANY] < 0 ? price_column(fields, n) : -1;
        col[COL_VALUE] = -1;
        if (v >= 0 && set_value_column(r, L, fields, v, line) != 0)
            return -1;
        L->sampling = count_kind(L, KIND_FREE, NULL) > (v >= 0 ? 0 : 1);
        return L->sampling ? 0 : finish_layout(r, L, fields, line);
    }
    if (col[COL_DATE] >= 0 && col[COL_COMPANY] < 0 && col[COL_METRIC] < 0 &&
        col[COL_VALUE] < 0) {
        L->format = FORMAT_WIDE;
        L->metric = file_metric(L, r->path);
        if (reader_check_label(r, L->metric, "metric name", line, -1) != 0)
            return -1;
        L->sampling = count_kind(L, KIND_FREE, NULL) > 0;
        return L->sampling ? 0 : finish_layout(r, L, fields, line);
    }
    if (col[COL_DATE] < 0 && col[COL_COMPANY] >= 0 && col[COL_VALUE] < 0 &&
        across_columns(L, fields, n) > 0) {
        L->format = FORMAT_ACROSS;
        if (col[COL_METRIC] < 0) {
            L->metric = file_metric(L, r->path);
            if (reader_check_label(r, L->metric, "metric name", line, -1))
                return -1;
        }
        return finish_layout(r, L, fields, line);
    }
    return reader_require_columns(r, line, data_cols, 4,
                                  "date,company,metric,value", col);
}

/* ---- telling the free columns apart ---- */

/* Keeps a row read while sampling. */
static void sample_keep(DataLoad *L, char **fields, const size_t *lens,
                        size_t n, long line)
{
    grow_array((void **)&L->sample, &L->n_sample_cap, L->n_sample + 1,
               sizeof *L->sample);
    SampleRow *s = &L->sample[L->n_sample++];
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += lens[i] + 1;
    s->buf = xmalloc(total);
    s->off = xmalloc_array(n, sizeof *s->off);
    s->n = n;
    s->line = line;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        s->off[i] = o;
        memcpy(s->buf + o, fields[i], lens[i] + 1);
        o += lens[i] + 1;
    }
}

/* Counts what the sampled rows hold in each free column and gives each
 * its kind: a column with more texts than numbers is text. */
static void sample_kinds(DataLoad *L)
{
    ColumnCount *count = xcalloc(L->n_header, sizeof *count);
    for (size_t k = 0; k < L->n_sample; k++) {
        const SampleRow *s = &L->sample[k];
        if (s->n != L->n_header)
            continue;
        for (size_t i = 0; i < s->n; i++) {
            if (L->kind[i] != KIND_FREE)
                continue;
            double v;
            const char *unit = "";
            ValueQualifier q;
            char why[256];
            switch (parse_value_qualified(s->buf + s->off[i], L->decimal, &v,
                                          &unit, &q, why, sizeof why)) {
            case VALUE_OK: count[i].numbers++; break;
            case VALUE_ERROR: count[i].texts++; break;
            case VALUE_MISSING: break;
            }
        }
    }
    for (size_t i = 0; i < L->n_header; i++) {
        if (L->kind[i] != KIND_FREE)
            continue;
        L->kind[i] = count[i].texts > count[i].numbers ? KIND_TEXT
                     : count[i].numbers ? KIND_NUMBER : KIND_EMPTY;
    }
    free(count);
}

static void sample_free(DataLoad *L)
{
    for (size_t k = 0; k < L->n_sample; k++) {
        free(L->sample[k].buf);
        free(L->sample[k].off);
    }
    free(L->sample);
    L->sample = NULL;
    L->n_sample = L->n_sample_cap = 0;
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

/* The note of a row whose file has text columns: the note column's
 * text, then "Header: text" of each text column, "; " between. */
static const char *row_note(DataLoad *L, char **fields)
{
    const char *note = data_field(L, fields, L->col[COL_NOTE]);
    size_t len = strlen(note) + 1;
    for (size_t k = 0; k < L->n_notes; k++) {
        const char *t = fields[L->note_cols[k]];
        if (t[0])
            len += strlen(L->header[L->note_cols[k]]) + strlen(t) + 4;
    }
    grow_array((void **)&L->note, &L->note_cap, len, 1);
    int w = snprintf(L->note, L->note_cap, "%s", note);
    size_t o = w > 0 ? (size_t)w : 0;
    for (size_t k = 0; k < L->n_notes; k++) {
        const char *t = fields[L->note_cols[k]];
        if (!t[0])
            continue;
        w = snprintf(L->note + o, L->note_cap - o, "%s%s: %s", o ? "; " : "",
                     L->header[L->note_cols[k]], t);
        o += w > 0 ? (size_t)w : 0;
    }
    return L->note;
}

/* One data row, its fields' lengths in lens. */
static int data_record(Reader *r, DataLoad *L, char **fields,
                       const size_t *lens, size_t n, long line)
{
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
    if (col[COL_DATE] >= 0) {
        if (lens[col[COL_DATE]] == 0) {
            /* A round "in discussion", a planned release: no date yet. */
            L->skipped++;
            dataset_warn(L->ds, r->path, line,
                         "date is empty (column %ld); row skipped",
                         col[COL_DATE] + 1);
            return 0;
        }
        if (read_row_date(r, L, fields[col[COL_DATE]], lens[col[COL_DATE]],
                          line, col[COL_DATE], &o.date, &o.precision) != 0)
            return -1;
    }
    o.basis = data_field(L, fields, col[COL_BASIS]);
    o.source = data_field(L, fields, col[COL_SOURCE]);
    o.confidence = data_field(L, fields, col[COL_CONFIDENCE]);
    if (L->opt->verified_only && !confidence_kept(confidence_of(o.confidence)))
        L->not_verified++;
    o.note = L->n_notes ? row_note(L, fields)
                        : data_field(L, fields, col[COL_NOTE]);
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
    o.company = L->company ? L->company : fields[col[COL_COMPANY]];
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
    if ((!L->company &&
         reader_check_label_len(r, lens[col[COL_COMPANY]], "company name",
                                line, col[COL_COMPANY])) ||
        (col[COL_METRIC] >= 0 &&
         reader_check_label_len(r, lens[col[COL_METRIC]], "metric name", line,
                                col[COL_METRIC])) ||
        (col[COL_UNIT] >= 0 &&
         reader_check_label_len(r, lens[col[COL_UNIT]], "unit", line,
                                col[COL_UNIT])))
        return -1;
    if (!L->company)
        o.company = cached_label(L->ds, &L->companies, o.company,
                                 lens[col[COL_COMPANY]]);
    if (col[COL_METRIC] >= 0)
        o.metric = cached_label(L->ds, &L->metrics, o.metric,
                                lens[col[COL_METRIC]]);
    if (L->format == FORMAT_ACROSS) {
        for (size_t k = 0; k < L->n_wide; k++) {
            const WideColumn *w = &L->wide[k];
            o.date = w->date;
            o.precision = w->precision;
            if (add_value(r, L, &o, fields[w->col], L->empty, "header", line,
                          w->col) != 0)
                return -1;
        }
        return 0;
    }
    if (L->format == FORMAT_HUB)
        return add_value(r, L, &o, fields[L->value_col], L->unit, "header",
                         line, L->value_col);
    return add_value(r, L, &o, fields[col[COL_VALUE]],
                     data_field(L, fields, col[COL_UNIT]), "unit column",
                     line, col[COL_VALUE]);
}

/* Ends sampling: the columns' kinds from the rows kept, the layout's
 * last decisions, then the rows kept, in order. */
static int sample_finish(Reader *r, DataLoad *L)
{
    L->sampling = 0;
    sample_kinds(L);
    char **header = xmalloc_array(L->n_header, sizeof *header);
    for (size_t i = 0; i < L->n_header; i++)
        header[i] = (char *)L->header[i];
    int rc = finish_layout(r, L, header, L->header_line);
    free(header);
    char **fields = NULL;
    size_t *lens = NULL, cap = 0;
    for (size_t k = 0; k < L->n_sample && rc == 0; k++) {
        SampleRow *s = &L->sample[k];
        if (s->n > cap) {
            cap = s->n;
            fields = xrealloc_array(fields, cap, sizeof *fields);
            lens = xrealloc_array(lens, cap, sizeof *lens);
        }
        for (size_t i = 0; i < s->n; i++) {
            fields[i] = s->buf + s->off[i];
            lens[i] = strlen(fields[i]);
        }
        rc = data_record(r, L, fields, lens, s->n, s->line);
    }
    free(fields);
    free(lens);
    sample_free(L);
    return rc;
}

static int data_row(Reader *r, char **fields, size_t n, long line)
{
    DataLoad *L = r->user;
    if (!L->have_header)
        return data_header(r, L, fields, n, line);
    if (L->sampling) {
        sample_keep(L, fields, r->lens, n, line);
        return L->n_sample < SAMPLE_ROWS ? 0 : sample_finish(r, L);
    }
    return data_record(r, L, fields, r->lens, n, line);
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
    if (a->failed || a->eof || !L->have_header || L->sampling ||
        L->threads == 1 ||
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
    h->load.note = NULL;   /* each half writes its own rows' notes */
    h->load.note_cap = 0;
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
    free(h->load.note);
    free(h);
    return ok;
}

static void load_free(DataLoad *L)
{
    free(L->header);
    free(L->wide);
    free(L->kind);
    free(L->note_cols);
    free(L->note);
    sample_free(L);
}

/* The day/month order the date column of the file settles, when a date
 * like 03/04/2025 was refused for want of one: DATE_ORDER_NONE when no
 * date of the column has a day above 12, or dates settle it both ways. */
typedef struct {
    int have_header;
    long date_col;
    const char *date_column;
    DateOrder found;
    int both;
} OrderScan;

static int order_row(Reader *r, char **fields, size_t n, long line)
{
    OrderScan *s = r->user;
    if (!s->have_header) {
        long col[N_COLS];
        s->have_header = 1;
        s->date_col = -1;
        if (reader_map_header(r, fields, n, line, data_cols, N_COLS, col) < 0)
            return -1;
        s->date_col = col[COL_DATE];
        for (size_t i = 0; s->date_column && i < n; i++)
            if (ascii_casecmp(fields[i], s->date_column) == 0)
                s->date_col = (long)i;
        return 0;
    }
    if (s->date_col < 0 || (size_t)s->date_col >= n)
        return 0;
    DateOrder o = parse_date_order_hint(fields[s->date_col]);
    if (o == DATE_ORDER_NONE)
        return 0;
    if (s->found != DATE_ORDER_NONE && s->found != o)
        s->both = 1;
    s->found = o;
    return 0;
}

static DateOrder infer_date_order(const Reader *rp, const CsvOptions *opt)
{
    OrderScan scan = {0, -1, opt->date_column, DATE_ORDER_NONE, 0};
    Error err;
    error_clear(&err);
    Reader r = *rp;
    r.err = &err;
    r.row = order_row;
    r.user = &scan;
    r.skip = opt->skip_rows > 0 ? opt->skip_rows : 0;
    if (reader_run(&r) != 0 || scan.both)
        return DATE_ORDER_NONE;
    return scan.found;
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
    /* The header and the rows that tell its columns apart first (in the
     * first chunk of nearly every file): the second half of a big file
     * is read knowing them. */
    while (!r.failed && !r.eof && (!load.have_header || load.sampling))
        reader_pump(&r, r.total + CHUNK_SIZE);
    if (!read_second_half(&r, &load))
        reader_pump(&r, SIZE_MAX);
    if (reader_end(&r) != 0)
        goto fail;
    /* A file of fewer rows than a sample. */
    if (load.sampling && sample_finish(&r, &load) != 0)
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
    if (load.not_verified)
        dataset_warn(ds, path, 0,
                     "%zu row%s not marked verified drawn but not "
                     "fitted (--verified-only)",
                     load.not_verified, load.not_verified == 1 ? "" : "s");
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
    load_free(&load);
    return 0;
fail:
    load_free(&load);
    dataset_rollback(ds, &mark);
    /* 03/04/2025 has no order, but a 12/31/2022 of the same column may
     * settle it for all: then the file is read again in that order. */
    if (err->remedy == ERR_REMEDY_DATE_ORDER &&
        load.opt->date_order == DATE_ORDER_NONE) {
        DateOrder order = infer_date_order(rp, load.opt);
        if (order != DATE_ORDER_NONE) {
            CsvOptions again = *load.opt;
            again.date_order = order;
            error_clear(err);
            return load_data(ds, rp, &again, threads, err);
        }
    }
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
