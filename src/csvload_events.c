/* csvload_events.c - event files: date,label[,company,source,label_zh]
 * rows to a sorted EventList. */
#include "csvload_reader.h"

#include <stdlib.h>
#include <string.h>

#include "parse_date.h"
#include "util.h"

enum { EV_DATE, EV_LABEL, EV_COMPANY, EV_SOURCE, EV_LABEL_ZH, N_EV_COLS };

static const Column event_cols[N_EV_COLS] = {
    {{"date", "\xE6\x97\xA5\xE6\x9C\x9F" /* 日期 */}},
    {{"label"}},
    {{"company", "\xE5\x85\xAC\xE5\x8F\xB8" /* 公司 */}},
    {{"source", "\xE4\xBE\x86\xE6\xBA\x90" /* 來源 */,
      "\xE6\x9D\xA5\xE6\xBA\x90" /* 来源 */}},
    {{"label_zh", "label[zh-TW]", "label_zh-TW", "label_zh_tw"}}};

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
        if (reader_map_header(r, fields, n, line, event_cols, N_EV_COLS,
                              L->col) < 0)
            return -1;
        return reader_require_columns(r, line, event_cols, 2, "date,label",
                                      L->col);
    }
    if (reader_check_field_count(r, n, L->n_header, line) != 0)
        return -1;
    long date;
    DatePrecision prec;
    if (reader_read_date(r, fields[L->col[EV_DATE]], DATE_ORDER_NONE, line,
                         L->col[EV_DATE], &date, &prec) != 0)
        return -1;
    const char *label = fields[L->col[EV_LABEL]];
    if (!label[0]) {
        error_set(r->err, ERR_DATA, r->path, line, L->col[EV_LABEL] + 1,
                  "label is empty; every event needs a label");
        return -1;
    }
    const char *label_zh = reader_optional_field(fields, L->col[EV_LABEL_ZH]);
    if (reader_check_label(r, label, "label", line, L->col[EV_LABEL]) ||
        reader_check_label(r, label_zh, "label_zh", line,
                           L->col[EV_LABEL_ZH]) ||
        reader_check_label(r,
                           reader_optional_field(fields, L->col[EV_COMPANY]),
                           "company name", line, L->col[EV_COMPANY]))
        return -1;
    EventList *list = L->list;
    grow_array((void **)&list->items, &list->cap, list->n + 1,
               sizeof *list->items);
    Event *e = &list->items[list->n++];
    e->date = date;
    e->label = xstrdup(label);
    e->label_zh = label_zh[0] ? xstrdup(label_zh) : NULL;
    e->company = xstrdup(reader_optional_field(fields, L->col[EV_COMPANY]));
    e->source = xstrdup(reader_optional_field(fields, L->col[EV_SOURCE]));
    e->line = line;
    return 0;
}

/* Stops the reader at the header (by failing) after classifying it. */
static int sniff_events_row(Reader *r, char **fields, size_t n, long line)
{
    long ev[N_EV_COLS];
    int *is_events = r->user;
    *is_events = reader_map_header(r, fields, n, line, event_cols, N_EV_COLS,
                                   ev) >= 0 &&
                 ev[EV_DATE] >= 0 && ev[EV_LABEL] >= 0 &&
                 data_header_names_value(r, fields, n, line) == 0;
    return -1;
}

int csvload_is_events_file(const char *path)
{
    Error ignored;
    error_clear(&ignored);
    int is_events = 0;
    Reader r;
    reader_init(&r, path);
    r.err = &ignored;
    r.row = sniff_events_row;
    r.user = &is_events;
    reader_run(&r);
    return is_events;
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

static int load_events(EventList *list, Reader *rp, Error *err)
{
    EventLoad load;
    memset(&load, 0, sizeof load);
    load.list = list;
    Reader r = *rp;
    const char *path = r.path;
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
        free(list->items[i].label_zh);
        free(list->items[i].company);
        free(list->items[i].source);
    }
    list->n = n_before;
    return -1;
}

int csvload_events(EventList *list, const char *path, Error *err)
{
    Reader r;
    reader_init(&r, path);
    return load_events(list, &r, err);
}

int csvload_events_buffer(EventList *list, const char *name, const void *data,
                          size_t len, Error *err)
{
    Reader r;
    reader_init(&r, name);
    r.from_memory = 1;
    r.mem = data;
    r.mem_len = len;
    return load_events(list, &r, err);
}

void eventlist_free(EventList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++) {
        free(list->items[i].label);
        free(list->items[i].label_zh);
        free(list->items[i].company);
        free(list->items[i].source);
    }
    free(list->items);
    list->items = NULL;
    list->n = list->cap = 0;
}

int event_names_company(const Event *ev, const char *company)
{
    size_t len = strlen(company);
    for (const char *p = ev->company; *p;) {
        const char *end = strstr(p, "; ");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == len && memcmp(p, company, len) == 0)
            return 1;
        p += n + (end ? 2 : 0);
    }
    return 0;
}
