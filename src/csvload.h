/* csvload.h - libcsv streaming reader: data files to observations. */
#ifndef AIGROWTH_CSVLOAD_H
#define AIGROWTH_CSVLOAD_H

#include "dataset.h"
#include "error.h"

/* Reads a long-format CSV file (header required, names case-insensitive:
 * date,company,metric,value plus optional unit,basis,source,confidence and
 * any others, which are ignored) and appends its rows to ds. Rows with a
 * missing value are counted, not added. On failure returns -1 with err
 * naming file, line and column (ERR_IO when the file cannot be read,
 * ERR_DATA for its content) and ds keeps no row of this file. */
int csvload_file(Dataset *ds, const char *path, Error *err);

/* One event marker of an events file (date,label[,company,source]). */
typedef struct {
    long date;
    char *label;      /* owned by the EventList */
    char *company;    /* "" when absent */
} Event;

typedef struct {
    Event *items;
    size_t n, cap;
} EventList;

/* Reads an events CSV, appending to list, sorted by date on return. */
int csvload_events(EventList *list, const char *path, Error *err);
/* Frees the items; the list struct itself is the caller's. */
void eventlist_free(EventList *list);

#endif
