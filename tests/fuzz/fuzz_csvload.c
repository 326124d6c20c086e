/* fuzz_csvload.c - libFuzzer harness: whole data and event files through
 * the loader and dataset_group, in every layout and option.
 *
 * The first byte picks the options, the rest is the file:
 *   bits 0-1  date order (none, dmy, mdy, none)
 *   bit  2    read as an events file instead of a data file
 *   bit  3    --metric "m"
 *   bits 4-5  --skip-rows 0..3
 * Checked: no crash, leak or undefined behaviour; a failure fills the
 * error record with a message; a success leaves series sorted by date;
 * reading by one reader gives the same as reading in two halves. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_series(const Dataset *ds)
{
    for (size_t i = 0; i < ds->n_series; i++) {
        const Series *s = &ds->series[i];
        if (s->n == 0 || s->n > DATASET_MAX_POINTS)
            abort();
        for (size_t j = 1; j < s->n; j++)
            if (s->date[j - 1] > s->date[j])
                abort();
    }
}

/* Read by one reader, the same input gives the same: result, error,
 * rows and warnings (csvload reads big inputs in two halves at once). */
static void same_as_one_reader(const Dataset *ds, int rc, const Error *err,
                               const uint8_t *data, size_t size,
                               const CsvOptions *opt)
{
    Dataset *one = dataset_create();
    Error e1;
    error_clear(&e1);
    if (csvload_buffer_threads(one, "fuzz.csv", data, size, opt, 1, &e1) !=
            rc ||
        e1.line != err->line || e1.column != err->column ||
        strcmp(e1.message, err->message) != 0 || one->n_obs != ds->n_obs ||
        one->n_warnings != ds->n_warnings)
        abort();
    for (size_t i = 0; i < ds->n_warnings; i++)
        if (strcmp(one->warnings[i], ds->warnings[i]) != 0)
            abort();
    Observation *a = dataset_rows(ds), *b = dataset_rows(one);
    for (size_t i = 0; i < ds->n_obs; i++)
        if (a[i].line != b[i].line || a[i].column != b[i].column ||
            a[i].date != b[i].date ||
            memcmp(&a[i].value, &b[i].value, sizeof a[i].value) != 0 ||
            strcmp(a[i].company, b[i].company) != 0 ||
            strcmp(a[i].unit, b[i].unit) != 0 ||
            strcmp(a[i].note, b[i].note) != 0)
            abort();
    free(a);
    free(b);
    dataset_destroy(one);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned flags = data[0];
    data++;
    size--;
    Error err;
    error_clear(&err);
    if (flags & 4) {
        EventList list = {0};
        if (csvload_events_buffer(&list, "fuzz.csv", data, size, &err) != 0 &&
            !err.message[0])
            abort();
        for (size_t i = 1; i < list.n; i++)
            if (list.items[i - 1].date > list.items[i].date)
                abort();
        eventlist_free(&list);
        return 0;
    }
    static const DateOrder orders[4] = {DATE_ORDER_NONE, DATE_ORDER_DMY,
                                        DATE_ORDER_MDY, DATE_ORDER_NONE};
    CsvOptions opt = {.date_order = orders[flags & 3],
                      .metric = (flags & 8) ? "m" : NULL,
                      .skip_rows = (long)((flags >> 4) & 3)};
    Dataset *ds = dataset_create();
    int rc = csvload_buffer_with(ds, "fuzz.csv", data, size, &opt, &err);
    if (rc != 0 && (!err.message[0] || ds->n_obs != 0 || ds->n_files != 0))
        abort();
    same_as_one_reader(ds, rc, &err, data, size, &opt);
    if (rc == 0) {
        if (dataset_group(ds, &err) == 0)
            check_series(ds);
        else if (!err.message[0])
            abort();
    }
    dataset_destroy(ds);
    return 0;
}
