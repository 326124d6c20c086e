/* test_dataset.c - interning, grouping, duplicates and unit checks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"

static void add(Dataset *ds, const char *file, long line, const char *company,
                const char *metric, int y, int m, int d, DatePrecision prec,
                double value, const char *unit)
{
    Observation o;
    memset(&o, 0, sizeof o);
    o.date = date_from_ymd(y, m, d);
    o.precision = prec;
    o.value = value;
    o.company = company;
    o.metric = metric;
    o.unit = unit;
    o.source = "";
    o.confidence = "";
    o.file = file;
    o.line = line;
    dataset_add(ds, &o);
}

static void test_create_destroy(void **state)
{
    (void)state;
    dataset_destroy(NULL);
    Dataset *ds = dataset_create();
    assert_int_equal(ds->n_obs, 0);
    assert_int_equal(ds->n_series, 0);
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), 0);   /* nothing to group */
    assert_int_equal(ds->n_series, 0);
    const char *m[1];
    assert_int_equal(dataset_metrics(ds, m, 1), 0);
    dataset_destroy(ds);
}

static void test_intern(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    char buf[32];
    strcpy(buf, "OpenAI");
    const char *a = dataset_intern(ds, buf);
    strcpy(buf, "Anthropic");
    const char *b = dataset_intern(ds, buf);
    assert_string_equal(a, "OpenAI");
    assert_string_equal(b, "Anthropic");
    assert_ptr_equal(dataset_intern(ds, "OpenAI"), a);
    assert_ptr_not_equal(a, b);
    assert_string_equal(dataset_intern(ds, NULL), "");
    assert_ptr_equal(dataset_intern(ds, ""), dataset_intern(ds, NULL));
    /* Many strings force the table to grow; all stay findable. */
    const char *kept[2000];
    for (int i = 0; i < 2000; i++) {
        snprintf(buf, sizeof buf, "company-%d", i);
        kept[i] = dataset_intern(ds, buf);
    }
    for (int i = 0; i < 2000; i++) {
        snprintf(buf, sizeof buf, "company-%d", i);
        assert_ptr_equal(dataset_intern(ds, buf), kept[i]);
        assert_string_equal(kept[i], buf);
    }
    assert_ptr_equal(dataset_intern(ds, "OpenAI"), a);
    dataset_destroy(ds);
}

static void test_add_interns(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    char company[16] = "OpenAI";
    add(ds, "a.csv", 2, company, "revenue", 2025, 1, 1, DATE_MONTH, 1e9,
        "USD");
    strcpy(company, "XXXXXX");   /* the caller's buffer is not kept */
    assert_int_equal(ds->n_obs, 1);
    Observation *rows = dataset_rows(ds);
    assert_string_equal(rows[0].company, "OpenAI");
    assert_ptr_equal(rows[0].company, dataset_intern(ds, "OpenAI"));
    assert_ptr_equal(rows[0].file, dataset_intern(ds, "a.csv"));
    assert_int_equal(rows[0].line, 2);
    free(rows);
    dataset_destroy(ds);
}

static void test_group_orders_series_and_dates(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    add(ds, "a.csv", 2, "OpenAI", "valuation", 2025, 3, 1, DATE_MONTH, 300,
        "USD");
    add(ds, "a.csv", 3, "OpenAI", "revenue", 2025, 6, 1, DATE_MONTH, 10,
        "USD");
    add(ds, "a.csv", 4, "Anthropic", "revenue", 2025, 10, 1, DATE_MONTH, 7,
        "USD");
    add(ds, "a.csv", 5, "OpenAI", "revenue", 2024, 6, 1, DATE_MONTH, 4,
        "USD");
    add(ds, "a.csv", 6, "Anthropic", "revenue", 2025, 1, 1, DATE_MONTH, 1,
        "USD");
    add(ds, "a.csv", 7, "OpenAI", "revenue", 2025, 1, 15, DATE_DAY, 6,
        "USD");
    add(ds, "a.csv", 8, "Anthropic", "valuation", 2025, 3, 1, DATE_MONTH,
        60, "USD");
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), 0);
    assert_int_equal(err.kind, ERR_NONE);
    assert_int_equal(ds->n_series, 4);
    const char *want[4][2] = {{"revenue", "Anthropic"},
                              {"revenue", "OpenAI"},
                              {"valuation", "Anthropic"},
                              {"valuation", "OpenAI"}};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(ds->series[i].metric, want[i][0]);
        assert_string_equal(ds->series[i].company, want[i][1]);
        assert_string_equal(ds->series[i].unit, "USD");
        assert_string_equal(ds->series[i].file, "a.csv");
    }
    const Series *s = &ds->series[1];   /* OpenAI revenue */
    assert_int_equal(s->n, 3);
    assert_int_equal(s->date[0], date_from_ymd(2024, 6, 1));
    assert_int_equal(s->date[1], date_from_ymd(2025, 1, 15));
    assert_int_equal(s->date[2], date_from_ymd(2025, 6, 1));
    assert_true(s->value[0] == 4 && s->value[1] == 6 && s->value[2] == 10);
    assert_int_equal(s->line[0], 5);
    assert_int_equal(s->line[1], 7);
    assert_int_equal(s->line[2], 3);
    assert_int_equal(s->precision[0], DATE_MONTH);
    assert_int_equal(s->precision[1], DATE_DAY);

    const char *metrics[4];
    assert_int_equal(dataset_metrics(ds, metrics, 4), 2);
    assert_string_equal(metrics[0], "revenue");
    assert_string_equal(metrics[1], "valuation");
    assert_int_equal(dataset_metrics(ds, metrics, 1), 2);   /* count > max */
    assert_int_equal(dataset_metrics(ds, NULL, 0), 2);

    const Series *of[4];
    assert_int_equal(dataset_series_of_metric(ds, "valuation", of, 4), 2);
    assert_ptr_equal(of[0], &ds->series[2]);
    assert_ptr_equal(of[1], &ds->series[3]);
    assert_int_equal(dataset_series_of_metric(ds, "revenue", of, 1), 2);
    assert_ptr_equal(of[0], &ds->series[0]);
    assert_int_equal(dataset_series_of_metric(ds, "users", of, 4), 0);
    dataset_destroy(ds);
}

/* Rows as files hold them, each series in one stretch in date order,
 * are grouped without sorting them (dataset.c, find_runs); the result is
 * the one of the same rows in any order, which take the sorting path. */
static void test_group_stretches_same_as_shuffled(void **state)
{
    (void)state;
    static const char *const companies[] = {"xAI", "OpenAI", "Anthropic"};
    static const char *const metrics[] = {"users", "revenue"};
    Dataset *in_order = dataset_create(), *reversed = dataset_create();
    long line = 2;
    for (size_t m = 0; m < 2; m++)
        for (size_t c = 0; c < 3; c++)
            for (int d = 1; d <= 5; d++, line++)
                add(in_order, "a.csv", line, companies[c], metrics[m], 2025,
                    d, 1, DATE_MONTH, (double)(line * 10), "");
    Observation *rows = dataset_rows(in_order);
    for (size_t i = in_order->n_obs; i-- > 0;) {
        const Observation *o = &rows[i];
        dataset_add(reversed, o);
    }
    free(rows);
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(in_order, &err), 0);
    assert_int_equal(dataset_group(reversed, &err), 0);
    assert_int_equal(in_order->n_series, 6);
    assert_int_equal(reversed->n_series, 6);
    for (size_t i = 0; i < 6; i++) {
        const Series *a = &in_order->series[i], *b = &reversed->series[i];
        assert_string_equal(a->metric, i < 3 ? "revenue" : "users");
        assert_string_equal(a->company, companies[2 - i % 3]);
        assert_string_equal(a->metric, b->metric);
        assert_string_equal(a->company, b->company);
        assert_int_equal(a->n, 5);
        assert_int_equal(b->n, 5);
        for (size_t k = 0; k < 5; k++) {
            assert_int_equal(a->date[k], date_from_ymd(2025, (int)k + 1, 1));
            assert_int_equal(a->date[k], b->date[k]);
            assert_int_equal(a->line[k], b->line[k]);
            assert_true(a->value[k] == b->value[k]);
        }
    }
    dataset_destroy(in_order);
    dataset_destroy(reversed);
}

/* Stretches that cannot be series as they are: a series in two
 * stretches, a date going back, a date repeated. */
static void test_group_stretches_out_of_order(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    add(ds, "a.csv", 2, "OpenAI", "revenue", 2025, 3, 1, DATE_MONTH, 3, "");
    add(ds, "a.csv", 3, "OpenAI", "revenue", 2025, 1, 1, DATE_MONTH, 1, "");
    add(ds, "a.csv", 4, "xAI", "revenue", 2025, 1, 1, DATE_MONTH, 9, "");
    add(ds, "a.csv", 5, "OpenAI", "revenue", 2025, 2, 1, DATE_MONTH, 2, "");
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), 0);
    assert_int_equal(ds->n_series, 2);
    const Series *s = &ds->series[0];
    assert_string_equal(s->company, "OpenAI");
    assert_int_equal(s->n, 3);
    assert_int_equal(s->line[0], 3);
    assert_int_equal(s->line[1], 5);
    assert_int_equal(s->line[2], 2);
    dataset_destroy(ds);

    ds = dataset_create();
    add(ds, "a.csv", 2, "OpenAI", "revenue", 2025, 1, 1, DATE_MONTH, 1, "");
    add(ds, "a.csv", 3, "OpenAI", "revenue", 2025, 1, 1, DATE_MONTH, 2, "");
    assert_int_equal(dataset_group(ds, &err), -1);
    assert_string_equal(err.message, "duplicate row for OpenAI revenue on "
                                     "2025-01; the same date is on line 2");
    dataset_destroy(ds);
}

/* dataset_add remembers the last string of each field: a caller that
 * reuses one buffer for every row still gets each row's own text. */
static void test_add_reused_buffer(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    char company[16], metric[16];
    static const char *const names[] = {"OpenAI", "OpenAI", "Open", "OpenAIX",
                                        ""};
    for (size_t i = 0; i < 5; i++) {
        snprintf(company, sizeof company, "%s", names[i]);
        snprintf(metric, sizeof metric, "%s", i < 2 ? "revenue" : "users");
        add(ds, "a.csv", (long)i + 2, company, metric, 2025, 1, 1,
            DATE_MONTH, 1, "");
    }
    Observation *rows = dataset_rows(ds);
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(rows[i].company, names[i]);
        assert_string_equal(rows[i].metric, i < 2 ? "revenue" : "users");
        assert_ptr_equal(rows[i].company, dataset_intern(ds, names[i]));
    }
    assert_ptr_equal(rows[0].company, rows[1].company);
    free(rows);
    dataset_destroy(ds);
}

/* Rows come back in the order added, whatever their lines, columns and
 * companies: rows kept per company, lines that go back, one line with a
 * row per column (a wide file). */
static void test_rows_in_load_order(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        long line, column;
        const char *company;
    } in[] = {{"a.csv", 2, 1, "OpenAI"}, {"a.csv", 2, 2, "xAI"},
              {"a.csv", 3, 2, "xAI"},    {"a.csv", 3, 1, "OpenAI"},
              {"a.csv", 3, 3, "OpenAI"}, {"a.csv", 1, 1, "OpenAI"},
              {"b.csv", 9, 1, "xAI"},    {"a.csv", 9, 1, "OpenAI"},
              {"a.csv", 10, 1, "xAI"},   {"a.csv", 11, 1, "OpenAI"}};
    enum { N = sizeof in / sizeof in[0] };
    Dataset *ds = dataset_create();
    for (size_t i = 0; i < N; i++) {
        Observation o;
        memset(&o, 0, sizeof o);
        o.date = (long)i;
        o.value = (double)i;
        o.company = in[i].company;
        o.metric = "revenue";
        o.unit = i % 3 ? "USD" : "";
        o.source = i % 2 ? "x" : "y";
        o.file = in[i].file;
        o.line = in[i].line;
        o.column = in[i].column;
        dataset_add(ds, &o);
    }
    assert_int_equal(ds->n_obs, N);
    Observation *rows = dataset_rows(ds);
    for (size_t i = 0; i < N; i++) {
        assert_true(rows[i].value == (double)i);
        assert_int_equal(rows[i].date, (long)i);
        assert_int_equal(rows[i].line, in[i].line);
        assert_int_equal(rows[i].column, in[i].column);
        assert_string_equal(rows[i].company, in[i].company);
        assert_string_equal(rows[i].file, in[i].file);
        assert_string_equal(rows[i].unit, i % 3 ? "USD" : "");
        assert_string_equal(rows[i].source, i % 2 ? "x" : "y");
    }
    free(rows);
    dataset_destroy(ds);
}

/* A failed load is taken back whole; rows before it stay, rows after it
 * load as if it had never been. */
static void test_rollback(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    add(ds, "a.csv", 2, "OpenAI", "revenue", 2025, 1, 1, DATE_MONTH, 1, "");
    DatasetMark mark;
    dataset_mark(ds, &mark);
    add(ds, "a.csv", 3, "OpenAI", "revenue", 2025, 2, 1, DATE_MONTH, 2, "");
    add(ds, "a.csv", 4, "xAI", "revenue", 2025, 2, 1, DATE_MONTH, 2, "EUR");
    dataset_warn(ds, "a.csv", 4, "taken back");
    dataset_rollback(ds, &mark);
    assert_int_equal(ds->n_obs, 1);
    assert_int_equal(ds->n_warnings, 0);
    add(ds, "b.csv", 2, "OpenAI", "revenue", 2025, 3, 1, DATE_MONTH, 3, "");
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), 0);
    assert_int_equal(ds->n_series, 1);
    assert_int_equal(ds->series[0].n, 2);
    assert_true(ds->series[0].value[1] == 3);
    assert_int_equal(ds->series[0].line[1], 2);
    dataset_destroy(ds);
}

static void test_regroup_after_more_rows(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    add(ds, "a.csv", 2, "OpenAI", "revenue", 2025, 1, 1, DATE_MONTH, 1, "");
    assert_int_equal(dataset_group(ds, &err), 0);
    assert_int_equal(ds->n_series, 1);
    assert_int_equal(ds->series[0].n, 1);
    add(ds, "b.csv", 2, "OpenAI", "revenue", 2024, 1, 1, DATE_MONTH, 0.5,
        "");
    add(ds, "b.csv", 3, "Mistral", "revenue", 2024, 1, 1, DATE_MONTH, 0.1,
        "");
    assert_int_equal(dataset_group(ds, &err), 0);   /* old series freed */
    assert_int_equal(ds->n_series, 2);
    assert_string_equal(ds->series[0].company, "Mistral");
    assert_string_equal(ds->series[0].file, "b.csv");
    assert_int_equal(ds->series[1].n, 2);
    assert_true(ds->series[1].value[0] == 0.5);
    /* The file of a series spanning files is that of its first row. */
    assert_string_equal(ds->series[1].file, "a.csv");
    dataset_destroy(ds);
}

static void test_duplicate_same_file(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    add(ds, "data/rev.csv", 2, "OpenAI", "run_rate_revenue", 2025, 10, 1,
        DATE_MONTH, 1, "USD");
    add(ds, "data/rev.csv", 9, "Anthropic", "run_rate_revenue", 2025, 10, 1,
        DATE_MONTH, 7, "USD");
    add(ds, "data/rev.csv", 12, "Anthropic", "run_rate_revenue", 2025, 10,
        1, DATE_MONTH, 7.5, "USD");
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), -1);
    assert_int_equal(err.kind, ERR_DATA);
    assert_string_equal(err.file, "data/rev.csv");
    assert_int_equal(err.line, 12);
    assert_int_equal(err.column, 1);
    assert_string_equal(err.message,
                        "duplicate row for Anthropic run_rate_revenue on "
                        "2025-10; the same date is on line 9");
    assert_int_equal(ds->n_series, 0);   /* no half-built series left */
    assert_null(ds->series);
    dataset_destroy(ds);
}

/* 2025-10 and 2025-10-01 are the same day: a duplicate. */
static void test_duplicate_mixed_precision(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    add(ds, "a.csv", 4, "OpenAI", "revenue", 2025, 10, 1, DATE_DAY, 1, "");
    add(ds, "a.csv", 3, "OpenAI", "revenue", 2025, 10, 1, DATE_MONTH, 2, "");
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), -1);
    /* The later row is the one added later, whatever its line number. */
    assert_int_equal(err.line, 3);
    assert_string_equal(err.message,
                        "duplicate row for OpenAI revenue on 2025-10; the "
                        "same date is on line 4");
    dataset_destroy(ds);
}

static void test_duplicate_across_files(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    add(ds, "a.csv", 5, "OpenAI", "revenue", 2025, 1, 1, DATE_YEAR, 1, "");
    add(ds, "b.csv", 2, "OpenAI", "revenue", 2025, 1, 1, DATE_YEAR, 2, "");
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), -1);
    assert_string_equal(err.file, "b.csv");
    assert_int_equal(err.line, 2);
    assert_string_equal(err.message,
                        "duplicate row for OpenAI revenue on 2025; the same "
                        "date is in a.csv line 5");
    dataset_destroy(ds);
}

/* Of several duplicates the one met first in load order is reported,
 * not the first in sort order. */
static void test_first_duplicate_in_load_order(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    add(ds, "a.csv", 2, "Zeta", "revenue", 2025, 1, 1, DATE_DAY, 1, "");
    add(ds, "a.csv", 3, "Zeta", "revenue", 2025, 1, 1, DATE_DAY, 2, "");
    add(ds, "a.csv", 4, "Alpha", "revenue", 2025, 1, 1, DATE_DAY, 1, "");
    add(ds, "a.csv", 5, "Alpha", "revenue", 2025, 1, 1, DATE_DAY, 2, "");
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), -1);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.message,
                        "duplicate row for Zeta revenue on 2025-01-01; the "
                        "same date is on line 2");
    dataset_destroy(ds);
}

static void test_mixed_units(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    add(ds, "a.csv", 3, "OpenAI", "run_rate_revenue", 2025, 1, 1, DATE_MONTH,
        1, "USD");
    add(ds, "a.csv", 5, "OpenAI", "run_rate_revenue", 2025, 2, 1, DATE_MONTH,
        1, "");
    add(ds, "a.csv", 7, "OpenAI", "run_rate_revenue", 2024, 2, 1, DATE_MONTH,
        1, "EUR");
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), -1);
    assert_int_equal(err.kind, ERR_DATA);
    assert_string_equal(err.file, "a.csv");
    assert_int_equal(err.line, 7);
    assert_string_equal(err.message,
                        "OpenAI run_rate_revenue mixes units USD (line 3) and "
                        "EUR (line 7); one series needs one unit");
    assert_int_equal(ds->n_series, 0);
    dataset_destroy(ds);
}

static void test_mixed_units_across_files(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    add(ds, "a.csv", 3, "OpenAI", "revenue", 2025, 1, 1, DATE_MONTH, 1,
        "USD");
    add(ds, "b.csv", 2, "OpenAI", "revenue", 2025, 2, 1, DATE_MONTH, 1,
        "EUR");
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), -1);
    assert_string_equal(err.file, "b.csv");
    assert_string_equal(err.message,
                        "OpenAI revenue mixes units USD (a.csv line 3) and "
                        "EUR (b.csv line 2); one series needs one unit");
    dataset_destroy(ds);
}

/* Rows without a unit join the series' unit; units of other series do
 * not matter. */
static void test_blank_unit_joins(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    add(ds, "a.csv", 2, "OpenAI", "revenue", 2025, 1, 1, DATE_MONTH, 1, "");
    add(ds, "a.csv", 3, "OpenAI", "revenue", 2025, 2, 1, DATE_MONTH, 1,
        "USD");
    add(ds, "a.csv", 4, "Mistral", "revenue", 2025, 2, 1, DATE_MONTH, 1,
        "EUR");
    add(ds, "a.csv", 5, "Mistral", "users", 2025, 2, 1, DATE_MONTH, 1, "");
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), 0);
    assert_int_equal(ds->n_series, 3);
    assert_string_equal(ds->series[0].unit, "EUR");
    assert_string_equal(ds->series[1].unit, "USD");
    assert_string_equal(ds->series[2].unit, "");
    dataset_destroy(ds);
}

/* An exact repeat (two exports pasted together) is dropped with a
 * warning naming both lines; the file's counts move from rows to
 * skipped. Regrouping does not warn twice. */
static void test_exact_duplicate_skipped(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    DataFile f = {dataset_intern(ds, "a.csv"), 4, 0, 0, "long", ',', 0};
    ds->files = malloc(sizeof f);
    ds->files[0] = f;
    ds->n_files = ds->cap_files = 1;
    add(ds, "a.csv", 2, "OpenAI", "revenue", 2025, 1, 1, DATE_MONTH, 1, "USD");
    add(ds, "a.csv", 3, "OpenAI", "revenue", 2025, 2, 1, DATE_MONTH, 2, "USD");
    add(ds, "a.csv", 7, "OpenAI", "revenue", 2025, 1, 1, DATE_MONTH, 1, "USD");
    add(ds, "b.csv", 2, "OpenAI", "revenue", 2025, 2, 1, DATE_MONTH, 2, "USD");
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), 0);
    assert_int_equal(ds->n_series, 1);
    assert_int_equal(ds->series[0].n, 2);
    assert_int_equal(ds->series[0].line[0], 2);
    assert_int_equal(ds->series[0].line[1], 3);
    assert_int_equal(ds->n_warnings, 2);
    assert_string_equal(ds->warnings[0], "a.csv:7: row repeats line 2 "
                                         "(OpenAI revenue 2025-01); skipped");
    assert_string_equal(ds->warnings[1], "b.csv:2: row repeats a.csv line 3 "
                                         "(OpenAI revenue 2025-02); skipped");
    assert_int_equal(ds->files[0].rows, 3);
    assert_int_equal(ds->files[0].skipped, 1);
    assert_int_equal(dataset_group(ds, &err), 0);
    assert_int_equal(ds->n_warnings, 2);
    assert_int_equal(ds->n_obs, 2);
    dataset_destroy(ds);
}

/* Same value, other unit: not a repeat but a conflict. */
static void test_same_value_other_unit_is_error(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    add(ds, "a.csv", 2, "OpenAI", "revenue", 2025, 1, 1, DATE_YEAR, 1, "USD");
    add(ds, "a.csv", 3, "OpenAI", "revenue", 2025, 1, 1, DATE_YEAR, 1, "EUR");
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), -1);
    assert_string_equal(err.message, "duplicate row for OpenAI revenue on "
                                     "2025; the same date is on line 2");
    dataset_destroy(ds);
}

/* OpenAI / openai / OPENAI are one company, under the first spelling;
 * one warning per other spelling. */
static void test_company_case_merged(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    add(ds, "a.csv", 2, "OpenAI", "revenue", 2024, 1, 1, DATE_YEAR, 1, "");
    add(ds, "a.csv", 3, "openai", "revenue", 2025, 1, 1, DATE_YEAR, 2, "");
    add(ds, "a.csv", 4, "openai", "revenue", 2026, 1, 1, DATE_YEAR, 3, "");
    add(ds, "b.csv", 5, "OPENAI", "users", 2026, 1, 1, DATE_YEAR, 3, "");
    add(ds, "b.csv", 6, "Anthropic", "users", 2026, 1, 1, DATE_YEAR, 3, "");
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), 0);
    assert_int_equal(ds->n_series, 3);
    assert_string_equal(ds->series[0].company, "OpenAI");
    assert_int_equal(ds->series[0].n, 3);
    assert_string_equal(ds->series[2].company, "OpenAI");
    assert_string_equal(ds->series[2].metric, "users");
    assert_int_equal(ds->n_warnings, 2);
    assert_string_equal(ds->warnings[0], "a.csv:3: company \"openai\" taken "
                                         "as \"OpenAI\", as first spelled on "
                                         "line 2");
    assert_string_equal(ds->warnings[1], "b.csv:5: company \"OPENAI\" taken "
                                         "as \"OpenAI\", as first spelled on "
                                         "a.csv line 2");
    /* A different value for the merged spelling is a real duplicate. */
    add(ds, "c.csv", 9, "OPENai", "revenue", 2024, 1, 1, DATE_YEAR, 5, "");
    assert_int_equal(dataset_group(ds, &err), -1);
    assert_string_equal(err.message, "duplicate row for OpenAI revenue on "
                                     "2024; the same date is in a.csv line 2");
    assert_int_equal(ds->n_warnings, 3);
    dataset_destroy(ds);
}

static void test_warnings_truncate(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    dataset_warn(ds, "a.csv", 3, "header repeated; skipped");
    dataset_warn(ds, "b.csv", 0, "%d things", 2);
    assert_int_equal(ds->n_warnings, 2);
    assert_string_equal(ds->warnings[0], "a.csv:3: header repeated; skipped");
    assert_string_equal(ds->warnings[1], "b.csv: 2 things");
    dataset_truncate_warnings(ds, 1, 0);
    assert_int_equal(ds->n_warnings, 1);
    dataset_destroy(ds);
}

/* Past DATASET_MAX_WARNINGS warnings are counted, not kept; a failed
 * load's truncation restores the count too. */
static void test_warnings_cap(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    for (int i = 0; i < DATASET_MAX_WARNINGS + 5; i++)
        dataset_warn(ds, "a.csv", i + 1, "repeated");
    assert_int_equal(ds->n_warnings, DATASET_MAX_WARNINGS);
    assert_int_equal(ds->warnings_dropped, 5);
    assert_string_equal(ds->warnings[DATASET_MAX_WARNINGS - 1],
                        "a.csv:1000: repeated");
    dataset_truncate_warnings(ds, 10, 0);
    assert_int_equal(ds->n_warnings, 10);
    assert_int_equal(ds->warnings_dropped, 0);
    dataset_destroy(ds);
}

/* At most DATASET_MAX_SERIES series; 1,000 load easily. */
static void test_series_limit(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    char name[32];
    for (int i = 0; i < DATASET_MAX_SERIES; i++) {
        snprintf(name, sizeof name, "C%05d", i);
        add(ds, "a.csv", i + 2, name, "revenue", 2025, 1, 1, DATE_YEAR, 1, "");
    }
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), 0);
    assert_int_equal(ds->n_series, DATASET_MAX_SERIES);
    add(ds, "a.csv", 99999, "Z", "revenue", 2025, 1, 1, DATE_YEAR, 1, "");
    assert_int_equal(dataset_group(ds, &err), -1);
    assert_int_equal(err.line, 99999);
    assert_string_equal(err.message, "more than 10000 series (company, "
                                     "metric pairs); split the data or keep "
                                     "fewer companies");
    dataset_destroy(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_destroy),
        cmocka_unit_test(test_intern),
        cmocka_unit_test(test_add_interns),
        cmocka_unit_test(test_add_reused_buffer),
        cmocka_unit_test(test_group_stretches_same_as_shuffled),
        cmocka_unit_test(test_group_stretches_out_of_order),
        cmocka_unit_test(test_group_orders_series_and_dates),
        cmocka_unit_test(test_regroup_after_more_rows),
        cmocka_unit_test(test_duplicate_same_file),
        cmocka_unit_test(test_duplicate_mixed_precision),
        cmocka_unit_test(test_duplicate_across_files),
        cmocka_unit_test(test_first_duplicate_in_load_order),
        cmocka_unit_test(test_mixed_units),
        cmocka_unit_test(test_mixed_units_across_files),
        cmocka_unit_test(test_blank_unit_joins),
        cmocka_unit_test(test_exact_duplicate_skipped),
        cmocka_unit_test(test_same_value_other_unit_is_error),
        cmocka_unit_test(test_company_case_merged),
        cmocka_unit_test(test_warnings_truncate),
        cmocka_unit_test(test_warnings_cap),
        cmocka_unit_test(test_series_limit),
        cmocka_unit_test(test_rows_in_load_order),
        cmocka_unit_test(test_rollback),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
