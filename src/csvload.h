/* csvload.h - libcsv streaming reader: data files to observations. */
#ifndef AIGROWTH_CSVLOAD_H
#define AIGROWTH_CSVLOAD_H

#include "dataset.h"
#include "error.h"
#include "parse_date.h"

/* Limits. Past each a file is refused with ERR_DATA naming the place:
 * the loader's memory and time must not grow with a runaway quote, a
 * binary file or a generated monster. Counts are bytes of UTF-8. */
#define CSVLOAD_FILE_MAX (64 * 1024 * 1024)  /* whole file */
#define CSVLOAD_LINE_MAX (1024 * 1024)       /* one physical line */
#define CSVLOAD_RECORD_MAX (1024 * 1024)     /* one record (quoted lines) */
#define CSVLOAD_FIELD_MAX (64 * 1024)        /* one field, also quoted */
#define CSVLOAD_LABEL_MAX 256    /* company and metric names, units, event
                                    labels: they become legends */

/* How to read a data file. Zeroed: ISO dates only, metric from the file,
 * no rows skipped. */
typedef struct {
    DateOrder date_order;  /* how to read 03/04/2025 (NONE: refuse it) */
    const char *metric;    /* metric of wide, data-hub and metric-less long
                              files; NULL: the value header or file name */
    long skip_rows;        /* non-blank records before the header to skip
                              (title lines) */
    /* Headers naming the value, date and entity (company) columns, found
     * case-insensitively; NULL: by the known names and the data. */
    const char *value_column;
    const char *date_column;
    const char *entity_column;
    /* --verified-only: the commands fit only verified rows (and rows
     * that state no confidence); the others are still loaded and drawn.
     * Loading counts them per file in a warning. */
    int verified_only;
} CsvOptions;

/* Reads a data file and appends its rows to ds, with one DataFile entry.
 * Delimiter ',' ';' or tab is taken from the header line (';' means
 * decimal commas), line ends LF, CRLF or CR, UTF-8 with or without BOM.
 * Column names are trimmed and matched case-insensitively, in any order
 * (日期 公司 指標 數值 單位 來源 too). Three layouts:
 *  - long: date,company,metric,value + optional unit,basis,source,
 *    confidence,note; other columns are ignored. Without a metric column
 *    the metric is opt->metric or the file name without extension.
 *  - data-hub: a date (or year) column, an entity (company, organization)
 *    column and one value column of any name, whose header becomes the
 *    metric and whose "(unit)" suffix the unit (Epoch AI, Our World in
 *    Data). A header with several candidate value columns is refused.
 *  - wide: a date column and one column per company; blanks are gaps.
 * A currency or % in a value becomes the row's unit, and must agree with
 * the unit column or header. Missing values are counted, not added; a
 * repeated header line is skipped with a warning. opt may be NULL.
 * On failure returns -1 with err naming file, line and column (ERR_IO
 * when the file cannot be read, ERR_DATA for its content), and ds keeps
 * no row, file entry or warning of this file. A big file is read in two
 * halves at once when the machine has two processors; what it gives and
 * says is the same as reading it in one go. */
int csvload_file_with(Dataset *ds, const char *path, const CsvOptions *opt,
                      Error *err);

/* csvload_file_with on len bytes in memory (borrowed; need not end in
 * NUL) instead of a file; name stands for the path in errors and in
 * Observation.file. For fuzzing and for data that is not in a file. */
int csvload_buffer_with(Dataset *ds, const char *name, const void *data,
                        size_t len, const CsvOptions *opt, Error *err);

/* csvload_buffer_with with at most `threads` readers at once (1: one;
 * 0: as csvload_buffer_with, two for a big file when the machine has
 * the processors). The result is the same: for tests of that. */
int csvload_buffer_threads(Dataset *ds, const char *name, const void *data,
                           size_t len, const CsvOptions *opt, int threads,
                           Error *err);

/* csvload_file_with with default options. */
int csvload_file(Dataset *ds, const char *path, Error *err);

/* One event marker of an events file
 * (date,label[,company,source,label_zh]). */
typedef struct {
    long date;
    char *label;      /* owned by the EventList */
    char *label_zh;   /* its zh-TW text (column label_zh or label[zh-TW]),
                         NULL when not given */
    char *company;    /* "" when absent; several are separated by "; " */
    char *source;     /* "" when absent */
    long line;        /* 1-based line of the record in its file */
} Event;

typedef struct {
    Event *items;
    size_t n, cap;
} EventList;

/* Returns 1 when the header of the file at path names date and label and
 * no value column, the layout of an events file; 0 otherwise, also when
 * the file cannot be read. Reads only up to the header. */
int csvload_is_events_file(const char *path);

/* Reads an events CSV, appending to list, sorted by date on return. */
int csvload_events(EventList *list, const char *path, Error *err);
/* csvload_events on len bytes in memory; name stands for the path. */
int csvload_events_buffer(EventList *list, const char *name, const void *data,
                          size_t len, Error *err);
/* Frees the items; the list struct itself is the caller's. */
void eventlist_free(EventList *list);

/* Whether ev is of company: one of the names its company cell lists, an
 * event of two companies ("Zhipu AI; MiniMax") or of a maker and its
 * product ("ByteDance; Doubao") separating them by "; ". */
int event_names_company(const Event *ev, const char *company);

#endif
