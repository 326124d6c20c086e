/* test_csvload.c - CSV files to observations: layout variants, exact
 * error positions and messages, rollback, line numbers across chunks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvload.h"
#include "parse_date.h"

#define DIR "tests/data/csv/"

static void check_obs(const Observation *o, long line, const char *company,
                      const char *metric, long date, DatePrecision prec,
                      double value, const char *unit, const char *source,
                      const char *confidence, const char *file)
{
    assert_int_equal(o->line, line);
    assert_string_equal(o->company, company);
    assert_string_equal(o->metric, metric);
    assert_int_equal(o->date, date);
    assert_int_equal(o->precision, prec);
    assert_true(o->value == value);
    assert_string_equal(o->unit, unit);
    assert_string_equal(o->source, source);
    assert_string_equal(o->confidence, confidence);
    assert_string_equal(o->file, file);
}

/* long.csv and its variants: columns out of order and in mixed case, an
 * ignored "Note" column, quoted commas, a quoted field over two lines,
 * blank and whitespace-only lines, a ",,,,,,," row, a missing value. */
static void check_long(const char *path)
{
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    if (csvload_file(ds, path, &err) != 0) {
        char msg[1400];
        error_format(&err, msg, sizeof msg);
        fail_msg("%s", msg);
    }
    assert_int_equal(ds->n_obs, 4);
    Observation *rows = dataset_rows(ds);
    const char *m = "run_rate_revenue";
    check_obs(&rows[0], 2, "Anthropic", m, date_from_ymd(2025, 1, 1),
              DATE_MONTH, 1e9, "USD", "https://a.example", "high", path);
    check_obs(&rows[1], 3, "Anthropic", m, date_from_ymd(2025, 10, 1),
              DATE_MONTH, 7e9, "USD", "https://b.example", "medium", path);
    check_obs(&rows[2], 8, "OpenAI", m, date_from_ymd(2025, 6, 15),
              DATE_DAY, 1e10, "USD", "", "low", path);
    check_obs(&rows[3], 10, "OpenAI", "valuation",
              date_from_ymd(2025, 1, 1), DATE_YEAR, 300e9, "USD", "y", "z",
              path);
    assert_int_equal(ds->n_files, 1);
    assert_string_equal(ds->files[0].path, path);
    assert_ptr_equal(ds->files[0].path, rows[0].file);
    assert_int_equal(ds->files[0].rows, 4);
    assert_int_equal(ds->files[0].missing, 1);
    free(rows);
    dataset_destroy(ds);
}

static void test_long_lf(void **state)
{
    (void)state;
    check_long(DIR "long.csv");
}

static void test_long_crlf(void **state)
{
    (void)state;
    check_long(DIR "long_crlf.csv");
}

static void test_long_bom(void **state)
{
    (void)state;
    check_long(DIR "long_bom.csv");
}

static void test_long_no_final_newline(void **state)
{
    (void)state;
    check_long(DIR "long_no_final_newline.csv");
}

static void test_long_bom_crlf_no_final_newline(void **state)
{
    (void)state;
    check_long(DIR "long_bom_crlf_no_final_newline.csv");
}

/* Loads path into a dataset already holding long.csv, expects failure
 * with exactly this kind, position and message, and checks that the
 * dataset kept nothing of the failed file. */
static void expect_error(const char *path, ErrorKind kind, long line,
                         long column, const char *message)
{
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_file(ds, DIR "long.csv", &err), 0);
    assert_int_equal(csvload_file(ds, path, &err), -1);
    assert_int_equal(err.kind, kind);
    assert_string_equal(err.file, path);
    assert_string_equal(err.message, message);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_int_equal(ds->n_obs, 4);
    assert_int_equal(ds->n_files, 1);
    assert_string_equal(ds->files[0].path, DIR "long.csv");
    /* The dataset still groups: nothing of the bad file is left. */
    Error err2;
    error_clear(&err2);
    assert_int_equal(dataset_group(ds, &err2), 0);
    assert_int_equal(ds->n_series, 3);
    dataset_destroy(ds);
}

static void test_header_only(void **state)
{
    (void)state;
    expect_error(DIR "header_only.csv", ERR_DATA, 1, 0,
                 "file has a header but no data rows; add rows below the "
                 "header");
}

static void test_missing_file(void **state)
{
    (void)state;
    expect_error(DIR "no_such_file.csv", ERR_IO, 0, 0,
                 "cannot open: No such file or directory");
}

static void test_directory(void **state)
{
    (void)state;
    expect_error(DIR, ERR_IO, 0, 0, "is a directory; give the CSV files in it");
}

static void test_empty_file(void **state)
{
    (void)state;
    const char *want = "file is empty; the first line must be a header "
                       "naming date,company,metric,value";
    expect_error(DIR "empty.csv", ERR_DATA, 0, 0, want);
    expect_error(DIR "blank_lines_only.csv", ERR_DATA, 0, 0, want);
}

static void test_missing_header_column(void **state)
{
    (void)state;
    expect_error(DIR "no_value_column.csv", ERR_DATA, 1, 0,
                 "header has no \"value\" column; the header must name "
                 "date,company,metric,value");
}

static void test_duplicate_header_column(void **state)
{
    (void)state;
    expect_error(DIR "duplicate_header.csv", ERR_DATA, 1, 5,
                 "header names \"value\" twice (columns 4 and 5); keep one");
}

/* The column is the first missing field of a short row... */
static void test_short_row(void **state)
{
    (void)state;
    expect_error(DIR "short_row.csv", ERR_DATA, 3, 4,
                 "row has 3 fields but the header has 8; quote fields that "
                 "contain commas");
}

/* ...and the first extra field of a long one. */
static void test_long_row(void **state)
{
    (void)state;
    expect_error(DIR "long_row.csv", ERR_DATA, 3, 5,
                 "row has 5 fields but the header has 4; quote fields that "
                 "contain commas");
}

/* Reported at the line where the record (and its open quote) started,
 * not at the end of the file. */
static void test_unterminated_quote(void **state)
{
    (void)state;
    expect_error(DIR "unterminated.csv", ERR_DATA, 5, 4,
                 "unterminated quoted field; close the quote with \"");
}

static void test_stray_quote(void **state)
{
    (void)state;
    expect_error(DIR "stray_quote.csv", ERR_DATA, 2, 2,
                 "stray quote in field; enclose the whole field in quotes "
                 "and double each quote inside it (\"\")");
}

/* Line 8: two multi-line quoted fields and a blank line come before. */
static void test_bad_date_after_multiline_fields(void **state)
{
    (void)state;
    expect_error(DIR "bad_date.csv", ERR_DATA, 8, 1,
                 "date \"2025-13\" has month 13; use YYYY-MM");
}

static void test_bad_value(void **state)
{
    (void)state;
    expect_error(DIR "bad_value.csv", ERR_DATA, 3, 2,
                 "value \"abc\" is not a number; write digits like "
                 "7000000000 or 7e9");
}

/* Days of a month already seen skip parsing: they must still come out
 * as parse_date reads them, across month and year ends and leap days,
 * and a day past the month's end must fail as it always did. */
static void test_dates_of_a_month_seen(void **state)
{
    (void)state;
    static const char *const dates[] = {
        "2024-01-30", "2024-01-31", "2024-02-01", "2024-02-28",
        "2024-02-29", "2024-03-01", "2024-12-31", "2025-01-01",
        "2025-01", "2025-01-09", "2025-02-28", "2025-02-1", "2025-02-03",
        "2025-03-01", "2025-03-10"};
    size_t n = sizeof dates / sizeof dates[0];
    char csv[1024] = "date,company,metric,value\n";
    for (size_t i = 0; i < n; i++)
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv),
                 "%s,A,m,%zu\n", dates[i], i);
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_buffer_with(ds, "d.csv", csv, strlen(csv), NULL,
                                         &err), 0);
    assert_int_equal(ds->n_obs, n);
    Observation *rows = dataset_rows(ds);
    for (size_t i = 0; i < n; i++) {
        long days;
        DatePrecision prec;
        char why[256];
        assert_int_equal(parse_date(dates[i], &days, &prec, why, sizeof why),
                         0);
        assert_int_equal(rows[i].date, days);
        assert_int_equal(rows[i].precision, prec);
    }
    free(rows);
    dataset_destroy(ds);
    static const char *const bad[] = {"2025-02-29", "2025-02-00",
                                      "2025-02-3x", "2025-02-300"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(csv, sizeof csv,
                 "date,company,metric,value\n2025-02-27,A,m,1\n"
                 "2025-02-28,A,m,2\n%s,A,m,3\n", bad[i]);
        long days;
        DatePrecision prec;
        char why[256];
        if (parse_date(bad[i], &days, &prec, why, sizeof why) == 0) {
            fail_msg("%s parsed", bad[i]);
            continue;
        }
        ds = dataset_create();
        error_clear(&err);
        assert_int_equal(csvload_buffer_with(ds, "d.csv", csv, strlen(csv),
                                             NULL, &err), -1);
        assert_string_equal(err.message, why);
        assert_int_equal(err.line, 4);
        assert_int_equal(err.column, 1);
        dataset_destroy(ds);
    }
}

/* A marker stays with its value through loading and grouping: the rows
 * and the series say 約 (about) and 逾/以上/> (at least), and a series
 * sorted out of file order keeps each marker on its own point. */
static void test_value_markers_kept(void **state)
{
    (void)state;
    static const char csv[] = "date,company,metric,value,unit\n"
                              "2025-03,A,m,逾5億美元,USD\n"
                              "2025-01,A,m,約3億,USD\n"
                              "2025-02,A,m,4e8,USD\n"
                              "2025-04,A,m,6億美元以上,USD\n"
                              "2025-05,A,m,>7e8,USD\n";
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_buffer_with(ds, "q.csv", csv, strlen(csv), NULL,
                                         &err), 0);
    Observation *rows = dataset_rows(ds);
    static const ValueQualifier in_file[] = {VALUE_AT_LEAST, VALUE_ABOUT,
                                             VALUE_EXACT, VALUE_AT_LEAST,
                                             VALUE_AT_LEAST};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(rows[i].qualifier, in_file[i]);
    assert_true(rows[0].value == 5e8);
    free(rows);
    assert_int_equal(dataset_group(ds, &err), 0);
    assert_int_equal(ds->n_series, 1);
    const Series *s = &ds->series[0];
    static const ValueQualifier by_date[] = {VALUE_ABOUT, VALUE_EXACT,
                                             VALUE_AT_LEAST, VALUE_AT_LEAST,
                                             VALUE_AT_LEAST};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(series_qualifier(s, i), by_date[i]);
    assert_true(s->value[0] == 3e8);
    dataset_destroy(ds);
}

static void test_empty_company(void **state)
{
    (void)state;
    expect_error(DIR "empty_company.csv", ERR_DATA, 3, 2,
                 "company is empty; every row needs a company name");
}

static void test_empty_metric(void **state)
{
    (void)state;
    expect_error(DIR "empty_metric.csv", ERR_DATA, 3, 3,
                 "metric is empty; every row needs a metric name");
}

/* Two files; their rows group together and the duplicate check sees
 * across files: an exact repeat is skipped with a warning, a different
 * value is refused naming both files. */
static void test_two_files_then_group(void **state)
{
    (void)state;
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_file(ds, DIR "long.csv", &err), 0);
    assert_int_equal(dataset_group(ds, &err), 0);
    assert_int_equal(ds->n_series, 3);
    assert_string_equal(ds->series[0].company, "Anthropic");
    assert_int_equal(ds->series[0].n, 2);
    assert_int_equal(csvload_file(ds, DIR "long_crlf.csv", &err), 0);
    assert_int_equal(ds->n_files, 2);
    assert_int_equal(dataset_group(ds, &err), 0);
    assert_int_equal(ds->n_series, 3);
    assert_int_equal(ds->n_warnings, 4);
    assert_string_equal(ds->warnings[0],
                        DIR "long_crlf.csv:2: row repeats " DIR "long.csv "
                        "line 2 (Anthropic run_rate_revenue 2025-01); "
                        "skipped");
    assert_int_equal(ds->files[1].rows, 0);
    assert_int_equal(ds->files[1].skipped, 4);
    assert_int_equal(csvload_file(ds, DIR "long_conflict.csv", &err), 0);
    assert_int_equal(dataset_group(ds, &err), -1);
    assert_string_equal(err.file, DIR "long_conflict.csv");
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 1);
    assert_string_equal(err.message,
                        "duplicate row for Anthropic run_rate_revenue on "
                        "2025-01; the same date is in " DIR "long.csv line 2");
    dataset_destroy(ds);
}

/* Loads path with opt, failing the test with the message if it fails. */
static Dataset *load_ok(const char *path, const CsvOptions *opt)
{
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    if (csvload_file_with(ds, path, opt, &err) != 0 ||
        dataset_group(ds, &err) != 0) {
        char msg[1400];
        error_format(&err, msg, sizeof msg);
        dataset_destroy(ds);
        fail_msg("%s", msg);
    }
    return ds;
}

static void expect_error_with(const char *path, const CsvOptions *opt,
                              long line, long column, const char *message)
{
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    int rc = csvload_file_with(ds, path, opt, &err);
    if (rc == 0)
        rc = dataset_group(ds, &err);
    assert_int_equal(rc, -1);
    assert_int_equal(err.kind, ERR_DATA);
    assert_string_equal(err.file, path);
    assert_string_equal(err.message, message);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    dataset_destroy(ds);
}

/* ; delimiter (so decimal commas), BOM, Chinese headers, CJK and
 * English dates, a euro value without a unit column entry. */
static void test_semicolon_chinese(void **state)
{
    (void)state;
    const char *path = DIR "semicolon_chinese.csv";
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_file(ds, path, &err), 0);
    assert_int_equal(ds->n_obs, 2);
    Observation *rows = dataset_rows(ds);
    check_obs(&rows[0], 2, "OpenAI", "revenue", date_from_ymd(2025, 11, 1),
              DATE_MONTH, 3700.5, "USD", "a; b", "", path);
    check_obs(&rows[1], 3, "OpenAI", "revenue",
              date_from_ymd(2025, 11, 18), DATE_DAY, 1.5e9, "EUR", "x", "",
              path);
    free(rows);
    assert_string_equal(ds->files[0].format, "long");
    assert_int_equal(ds->files[0].delimiter, ';');
    /* Same series, two currencies: refused naming both lines. */
    assert_int_equal(dataset_group(ds, &err), -1);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.message, "OpenAI revenue mixes units USD (line "
                                     "2) and EUR (line 3); one series needs "
                                     "one unit");
    dataset_destroy(ds);
}

static void test_tab_quarter_timestamp(void **state)
{
    (void)state;
    const char *path = DIR "tab.csv";
    Dataset *ds = load_ok(path, NULL);
    assert_int_equal(ds->n_obs, 2);
    Observation *rows = dataset_rows(ds);
    check_obs(&rows[0], 2, "OpenAI", "revenue", date_from_ymd(2025, 7, 1),
              DATE_QUARTER, 7e9, "USD", "", "", path);
    assert_string_equal(rows[0].note, "quarter");
    check_obs(&rows[1], 3, "OpenAI", "revenue",
              date_from_ymd(2025, 12, 31), DATE_DAY, 7.5e9, "USD", "", "",
              path);
    free(rows);
    assert_int_equal(ds->files[0].delimiter, '\t');
    dataset_destroy(ds);
}

/* Classic Mac line ends: rows load, errors name the right line. */
static void test_bare_cr(void **state)
{
    (void)state;
    Dataset *ds = load_ok(DIR "cr_only_ok.csv", NULL);
    assert_int_equal(ds->n_obs, 2);
    Observation *rows = dataset_rows(ds);
    assert_int_equal(rows[0].line, 2);
    assert_int_equal(rows[1].line, 3);
    free(rows);
    dataset_destroy(ds);
    expect_error_with(DIR "cr_only.csv", NULL, 6, 4,
                      "value \"oops\" is not a number; write digits like "
                      "7000000000 or 7e9");
}

/* Wide: one column per company, "(USD)" a unit, blanks are gaps, the
 * metric is the file name unless given. */
static void test_wide(void **state)
{
    (void)state;
    const char *path = DIR "ai_revenue_wide.csv";
    Dataset *ds = load_ok(path, NULL);
    assert_int_equal(ds->n_obs, 4);
    assert_string_equal(ds->files[0].format, "wide");
    assert_int_equal(ds->files[0].rows, 4);
    assert_int_equal(ds->files[0].missing, 2);
    Observation *rows = dataset_rows(ds);
    check_obs(&rows[0], 2, "OpenAI", "ai_revenue_wide",
              date_from_ymd(2024, 1, 1), DATE_MONTH, 1.6e9, "", "x", "", path);
    check_obs(&rows[1], 2, "Anthropic", "ai_revenue_wide",
              date_from_ymd(2024, 1, 1), DATE_MONTH, 100e6, "USD", "x", "",
              path);
    check_obs(&rows[3], 4, "OpenAI", "ai_revenue_wide",
              date_from_ymd(2026, 1, 1), DATE_MONTH, 20e9, "USD", "z", "",
              path);
    free(rows);
    assert_int_equal(ds->n_series, 2);
    dataset_destroy(ds);
    CsvOptions opt = {.metric = "revenue"};
    ds = load_ok(path, &opt);
    rows = dataset_rows(ds);
    assert_string_equal(rows[0].metric, "revenue");
    free(rows);
    dataset_destroy(ds);
}

static void test_data_hub(void **state)
{
    (void)state;
    const char *path = DIR "epoch_hub.csv";
    Dataset *ds = load_ok(path, NULL);
    assert_string_equal(ds->files[0].format, "data-hub");
    assert_int_equal(ds->n_obs, 2);
    assert_int_equal(ds->files[0].missing, 1);
    Observation *rows = dataset_rows(ds);
    check_obs(&rows[0], 2, "OpenAI", "Annualized revenue",
              date_from_ymd(2024, 6, 12), DATE_DAY, 3.4e9, "USD", "", "Likely",
              path);
    check_obs(&rows[1], 3, "Anthropic", "Annualized revenue",
              date_from_ymd(2025, 3, 1), DATE_DAY, 2e9, "USD", "",
              "Confident", path);
    free(rows);
    dataset_destroy(ds);
    path = DIR "owid_hub.csv";
    ds = load_ok(path, NULL);
    assert_int_equal(ds->n_obs, 2);
    rows = dataset_rows(ds);
    check_obs(&rows[1], 3, "World", "Share of adults using AI",
              date_from_ymd(2024, 1, 1), DATE_YEAR, 20, "%", "", "", path);
    free(rows);
    dataset_destroy(ds);
    expect_error_with(DIR "hub_two_values.csv", NULL, 1, 0,
                      "header has 2 columns of numbers (\"Revenue\", "
                      "\"Employees\"), any of which could be the value");
}

/* Issue 20: real exports. Each loads the intended values or is refused
 * with the exact message. */

/* Epoch AI's export: an Id column (ignored), two numeric columns (the
 * value is picked by name), m/d/yyyy dates settled by 12/31/2022,
 * multi-line quoted notes, 2E+11, a row without a date (skipped, with a
 * warning), a text column kept in the note. */
static void test_epoch_export(void **state)
{
    (void)state;
    const char *path = DIR "epoch_export.csv";
    expect_error_with(path, NULL, 1, 0,
                      "header has 2 columns of numbers (\"Annualized revenue "
                      "(USD)\", \"Valuation (USD)\"), any of which could be "
                      "the value");
    CsvOptions opt = {.value_column = "annualized revenue (usd)"};
    Dataset *ds = load_ok(path, &opt);
    assert_string_equal(ds->files[0].format, "data-hub");
    assert_int_equal(ds->n_obs, 4);
    assert_int_equal(ds->files[0].skipped, 1);
    assert_int_equal(ds->n_warnings, 1);
    assert_string_equal(ds->warnings[0], DIR "epoch_export.csv:6: date is "
                                         "empty (column 3); row skipped");
    Observation *rows = dataset_rows(ds);
    check_obs(&rows[0], 2, "OpenAI", "Annualized revenue",
              date_from_ymd(2022, 12, 31), DATE_DAY, 2e8, "USD", "",
              "Likely", path);
    assert_string_equal(rows[0].note,
                        "Run rate at the end of the year.\nReported by The "
                        "Information.; Revenue type: Reported");
    check_obs(&rows[1], 4, "OpenAI", "Annualized revenue",
              date_from_ymd(2024, 6, 12), DATE_DAY, 3.4e9, "USD", "",
              "Confident", path);
    assert_string_equal(rows[2].note, "Estimate, \"approximately\"; Revenue "
                                      "type: Estimate");
    check_obs(&rows[3], 7, "OpenAI", "Annualized revenue",
              date_from_ymd(2025, 10, 2), DATE_DAY, 13e9, "USD", "",
              "Confident", path);
    free(rows);
    dataset_destroy(ds);
    opt.value_column = "Valuation (USD)";
    ds = load_ok(path, &opt);
    rows = dataset_rows(ds);
    assert_int_equal(ds->n_obs, 4);
    assert_string_equal(rows[0].metric, "Valuation");
    assert_true(rows[0].value == 2e10);
    assert_true(rows[3].value == 5e11);
    free(rows);
    dataset_destroy(ds);
    opt.value_column = "Revenue";
    expect_error_with(path, &opt, 1, 0,
                      "header has no column \"Revenue\" (the value column "
                      "asked for); its columns are \"Id\", \"Company\", "
                      "\"Date\", \"Annualized revenue (USD)\", \"Valuation "
                      "(USD)\", \"Revenue type\", \"Confidence\", \"Notes\" "
                      "and 1 more");
}

/* OWID with Day: country names are entities, never values. */
static void test_owid_day(void **state)
{
    (void)state;
    const char *path = DIR "owid_day.csv";
    Dataset *ds = load_ok(path, NULL);
    assert_int_equal(ds->n_obs, 6);
    assert_int_equal(ds->n_series, 3);
    Observation *rows = dataset_rows(ds);
    assert_string_equal(rows[0].company, "China");
    assert_int_equal(rows[0].date, date_from_ymd(2023, 1, 15));
    assert_true(rows[0].value == 120);
    assert_string_equal(rows[5].company, "World");
    assert_int_equal(rows[5].date, date_from_ymd(2024, 1, 15));
    assert_true(rows[5].value == 905);
    assert_string_equal(rows[2].company, "United States");
    free(rows);
    dataset_destroy(ds);
}

/* The World Bank's layout: title lines, a country per row, a year per
 * column, the indicator's name as the metric, codes ignored, a trailing
 * empty column. */
static void test_world_bank(void **state)
{
    (void)state;
    const char *path = DIR "worldbank_gdp.csv";
    CsvOptions opt = {.skip_rows = 2};
    Dataset *ds = load_ok(path, &opt);
    assert_string_equal(ds->files[0].format, "dates-across");
    assert_int_equal(ds->n_obs, 14);
    assert_int_equal(ds->files[0].missing, 1);
    assert_int_equal(ds->n_series, 3);
    Observation *rows = dataset_rows(ds);
    assert_string_equal(rows[0].company, "China");
    assert_string_equal(rows[0].metric, "GDP (current US$)");
    assert_int_equal(rows[0].date, date_from_ymd(2019, 1, 1));
    assert_int_equal(rows[0].precision, DATE_YEAR);
    assert_true(rows[0].value == 14279968506271.1);
    assert_int_equal(rows[0].line, 6);
    assert_string_equal(rows[13].company, "World");
    assert_int_equal(rows[13].date, date_from_ymd(2022, 1, 1));
    assert_true(rows[13].value == 100880000000000.0);
    free(rows);
    dataset_destroy(ds);
}

/* FRED: observation_date (or DATE) and "." for a missing value. */
static void test_fred(void **state)
{
    (void)state;
    const char *path = DIR "fred_gdpc1.csv";
    Dataset *ds = load_ok(path, NULL);
    assert_int_equal(ds->n_obs, 3);
    assert_int_equal(ds->files[0].missing, 1);
    Observation *rows = dataset_rows(ds);
    assert_string_equal(rows[0].company, "GDPC1");
    assert_int_equal(rows[0].date, date_from_ymd(2024, 1, 1));
    assert_true(rows[0].value == 23053.545);
    assert_int_equal(rows[2].date, date_from_ymd(2024, 10, 1));
    assert_true(rows[2].value == 23542.349);
    free(rows);
    dataset_destroy(ds);
    static const char text[] = "DATE,UNRATE\n2025-01-01,4.0\n2025-02-01,.\n";
    ds = dataset_create();
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_buffer_with(ds, "UNRATE.csv", text,
                                         sizeof text - 1, NULL, &err), 0);
    assert_int_equal(ds->n_obs, 1);
    assert_int_equal(ds->files[0].missing, 1);
    dataset_destroy(ds);
}

/* OWID's population from 1800 to 2100. */
static void test_long_span(void **state)
{
    (void)state;
    Dataset *ds = load_ok(DIR "owid_long_span.csv", NULL);
    assert_int_equal(ds->n_obs, 7);
    Observation *rows = dataset_rows(ds);
    assert_int_equal(rows[0].date, date_from_ymd(1800, 1, 1));
    assert_true(rows[0].value == 984e6);
    assert_int_equal(rows[6].date, date_from_ymd(2100, 1, 1));
    assert_true(rows[6].value == 10349e6);
    free(rows);
    dataset_destroy(ds);
}

/* Yahoo's OHLCV: the price is Adj Close, of the company the file is
 * named after; Volume only when asked for, never beside a price. */
static void test_yahoo_ohlcv(void **state)
{
    (void)state;
    const char *path = DIR "NVDA.csv";
    Dataset *ds = load_ok(path, NULL);
    assert_int_equal(ds->n_obs, 4);
    assert_int_equal(ds->n_series, 1);
    Observation *rows = dataset_rows(ds);
    assert_string_equal(rows[0].company, "NVDA");
    assert_string_equal(rows[0].metric, "Adj Close");
    assert_int_equal(rows[0].date, date_from_ymd(2025, 1, 2));
    assert_true(rows[0].value == 138.28);
    assert_true(rows[3].value == 140.11);
    free(rows);
    dataset_destroy(ds);
    CsvOptions opt = {.value_column = "Volume"};
    ds = load_ok(path, &opt);
    assert_int_equal(ds->n_obs, 4);
    rows = dataset_rows(ds);
    assert_string_equal(rows[0].metric, "Volume");
    assert_true(rows[0].value == 198247200);
    free(rows);
    dataset_destroy(ds);
}

/* A wide file's text column is a note, never a company. */
static void test_wide_text_column(void **state)
{
    (void)state;
    static const char wide[] = "Year,Label,OpenAI,Anthropic\n"
                               "2024,United States,1,2\n"
                               "2025,United States,3,\n";
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_buffer_with(ds, "w.csv", wide, sizeof wide - 1,
                                         NULL, &err), 0);
    assert_string_equal(ds->files[0].format, "wide");
    assert_int_equal(ds->n_obs, 3);
    Observation *rows = dataset_rows(ds);
    assert_string_equal(rows[0].company, "OpenAI");
    assert_string_equal(rows[0].note, "Label: United States");
    assert_string_equal(rows[2].company, "OpenAI");
    assert_true(rows[2].value == 3);
    free(rows);
    dataset_destroy(ds);
}

/* d/m/yyyy or m/d/yyyy for a whole column, when one date settles it. */
static void test_date_order_inferred(void **state)
{
    (void)state;
    static const char dmy[] = "date,company,metric,value\n"
                              "03/04/2025,A,m,1\n25/12/2025,A,m,2\n";
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_buffer_with(ds, "dmy.csv", dmy, sizeof dmy - 1,
                                         NULL, &err), 0);
    Observation *rows = dataset_rows(ds);
    assert_int_equal(rows[0].date, date_from_ymd(2025, 4, 3));
    assert_int_equal(rows[1].date, date_from_ymd(2025, 12, 25));
    free(rows);
    dataset_destroy(ds);
    /* Settled both ways: refused as before. */
    static const char both[] = "date,company,metric,value\n"
                               "03/04/2025,A,m,1\n25/12/2025,A,m,2\n"
                               "12/31/2025,A,m,3\n";
    ds = dataset_create();
    error_clear(&err);
    assert_int_equal(csvload_buffer_with(ds, "both.csv", both,
                                         sizeof both - 1, NULL, &err), -1);
    assert_string_equal(err.message, "date \"03/04/2025\" has no clear "
                                     "day/month order; use ISO 8601 "
                                     "(YYYY-MM-DD)");
    assert_int_equal(err.line, 2);
    assert_int_equal(ds->n_obs, 0);
    dataset_destroy(ds);
    /* The order given wins over the one the column would settle. */
    CsvOptions opt = {.date_order = DATE_ORDER_MDY};
    ds = dataset_create();
    error_clear(&err);
    assert_int_equal(csvload_buffer_with(ds, "dmy.csv", dmy, sizeof dmy - 1,
                                         &opt, &err), -1);
    assert_string_equal(err.message, "date \"25/12/2025\" has month 25 when "
                                     "read as mdy; use YYYY-MM-DD");
    dataset_destroy(ds);
}

/* A header's last parentheses are a unit only when they look like one;
 * the rest stays in the metric. */
static void test_units_from_parentheses(void **state)
{
    (void)state;
    static const struct {
        const char *header, *metric, *unit;
    } cases[] = {
        {"Revenue amount (normalize to annual)",
         "Revenue amount (normalize to annual)", ""},
        {"Real GDP (at market prices) (BoE (2017))",
         "Real GDP (at market prices) (BoE (2017))", ""},
        {"Notable AI systems (cumulative)", "Notable AI systems (cumulative)",
         ""},
        {"Annualized revenue (USD)", "Annualized revenue", "USD"},
        {"GDP (current US$)", "GDP", "current US$"},
        {"Share of adults (%)", "Share of adults", "%"},
        {"Weekly users (millions)", "Weekly users", "millions"},
        {"Training compute (FLOP/s)", "Training compute", "FLOP/s"},
        {"\xE7\x94\xA8\xE6\x88\xB6 (\xE5\x84\x84\xE4\xBA\xBA)",
         "\xE7\x94\xA8\xE6\x88\xB6", "\xE5\x84\x84\xE4\xBA\xBA"},
        {"Revenue (2017 USD)", "Revenue", "2017 USD"},
        {"Revenue (2017)", "Revenue (2017)", ""},
        {"Revenue (unbalanced", "Revenue (unbalanced", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "Company,Date,\"%s\"\nA,2025,1\n",
                 cases[i].header);
        Dataset *ds = dataset_create();
        Error err;
        error_clear(&err);
        assert_int_equal(csvload_buffer_with(ds, "u.csv", text, strlen(text),
                                             NULL, &err), 0);
        Observation *rows = dataset_rows(ds);
        assert_string_equal(rows[0].metric, cases[i].metric);
        assert_string_equal(rows[0].unit, cases[i].unit);
        free(rows);
        dataset_destroy(ds);
    }
}

static void test_metric_from_file_name(void **state)
{
    (void)state;
    Dataset *ds = load_ok(DIR "no_metric_column.csv", NULL);
    Observation *rows = dataset_rows(ds);
    assert_string_equal(rows[0].metric, "no_metric_column");
    free(rows);
    dataset_destroy(ds);
}

static void test_date_order_option(void **state)
{
    (void)state;
    expect_error_with(DIR "slash_date.csv", NULL, 2, 1,
                      "date \"03/04/2025\" has no clear day/month order; "
                      "use ISO 8601 (YYYY-MM-DD)");
    CsvOptions opt = {.date_order = DATE_ORDER_DMY};
    Dataset *ds = load_ok(DIR "slash_date.csv", &opt);
    Observation *rows = dataset_rows(ds);
    assert_int_equal(rows[0].date, date_from_ymd(2025, 4, 3));
    free(rows);
    dataset_destroy(ds);
    opt.date_order = DATE_ORDER_MDY;
    ds = load_ok(DIR "slash_date.csv", &opt);
    rows = dataset_rows(ds);
    assert_int_equal(rows[0].date, date_from_ymd(2025, 3, 4));
    free(rows);
    dataset_destroy(ds);
}

static void test_title_line(void **state)
{
    (void)state;
    expect_error_with(DIR "title_line.csv", NULL, 1, 0,
                      "line 1 is not a header: it names no known column "
                      "(date, company, metric, value)");
    CsvOptions opt = {.skip_rows = 1};
    Dataset *ds = load_ok(DIR "title_line.csv", &opt);
    assert_int_equal(ds->n_obs, 1);
    Observation *rows = dataset_rows(ds);
    assert_int_equal(rows[0].line, 4);
    free(rows);
    dataset_destroy(ds);
}

/* Two exports pasted together: the second header and the repeated row
 * are skipped with warnings. */
static void test_concatenated(void **state)
{
    (void)state;
    const char *path = DIR "concatenated.csv";
    Dataset *ds = load_ok(path, NULL);
    assert_int_equal(ds->n_obs, 2);
    assert_int_equal(ds->files[0].rows, 2);
    assert_int_equal(ds->files[0].skipped, 2);
    assert_int_equal(ds->n_warnings, 2);
    assert_string_equal(ds->warnings[0], DIR "concatenated.csv:3: header "
                                         "repeated (files pasted together?); "
                                         "line skipped");
    assert_string_equal(ds->warnings[1], DIR "concatenated.csv:5: row repeats "
                                         "line 2 (OpenAI revenue 2025); "
                                         "skipped");
    dataset_destroy(ds);
}

static void test_bad_bytes_and_values(void **state)
{
    (void)state;
    expect_error_with(DIR "latin1.csv", NULL, 2, 2,
                      "text is not UTF-8; re-save the file as \"CSV UTF-8\"");
    expect_error_with(DIR "utf16.csv", NULL, 1, 1,
                      "file is UTF-16; re-save it as \"CSV UTF-8\"");
    expect_error_with(DIR "nul.csv", NULL, 2, 2,
                      "line has a NUL byte (is the file UTF-16?); re-save it "
                      "as \"CSV UTF-8\"");
    expect_error_with(DIR "impossible_date.csv", NULL, 2, 1,
                      "date \"2025-02-30\" does not exist (February 2025 "
                      "has 28 days)");
    expect_error_with(DIR "overflow.csv", NULL, 2, 4,
                      "value \"1e309\" is not a finite number; write digits "
                      "like 7000000000 or 7e9");
    expect_error_with(DIR "nan.csv", NULL, 2, 4,
                      "value \"nan\" is not a finite number; write digits "
                      "like 7000000000 or 7e9");
    expect_error_with(DIR "unit_conflict.csv", NULL, 2, 4,
                      "value \"\xE2\x82\xAC" "7B\" is in EUR but the unit "
                      "column says USD; make them agree");
    expect_error_with(DIR "mixed_currency.csv", NULL, 3, 0,
                      "OpenAI revenue mixes units USD (line 2) and EUR (line "
                      "3); one series needs one unit");
    /* More commas than semicolons: a comma file with a ; in a name. */
    expect_error_with(DIR "not_semicolon.csv", NULL, 2, 4,
                      "value \"1;2\" is not a number; write digits like "
                      "7000000000 or 7e9");
}

/* A quote never closed stops at the field limit, not at the end of a
 * large file; a long line is refused too. */
static void test_limits(void **state)
{
    (void)state;
    char path[64];
    strcpy(path, "/tmp/test_csvload_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    fprintf(f, "date,company,metric,value\n2025,\"Open");
    for (int i = 0; i < 20000; i++)
        fprintf(f, "AI, and more text\n");
    fclose(f);
    expect_error_with(path, NULL, 2, 2,
                      "field is longer than 65536 bytes; is a quote not "
                      "closed?");
    f = fopen(path, "wb");
    fprintf(f, "date,company,metric,value\n2025,OpenAI,revenue,");
    for (int i = 0; i < 70000; i++)
        fputc('1', f);
    fputc('\n', f);
    fclose(f);
    expect_error_with(path, NULL, 2, 4,
                      "field is longer than 65536 bytes; is a quote not "
                      "closed?");
    unlink(path);
}

/* ---- generated files larger than the 64 KiB read chunk ---- */

/* Writes a file of n rows to a temp path; every 7th row carries a quoted
 * note spanning 3 lines, rows have varying padding so that quoted
 * newlines and line ends fall on chunk boundaries. want_line[i] gets the
 * line row i starts on. bad_row >= 0 puts value "oops" in that row. */
static void write_big(char *path, const char *eol, size_t n, long *want_line,
                      long bad_row)
{
    strcpy(path, "/tmp/test_csvload_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    fprintf(f, "date,company,metric,value,note%s", eol);
    long line = 2;
    for (size_t i = 0; i < n; i++) {
        want_line[i] = line;
        char value[32];
        if ((long)i == bad_row)
            strcpy(value, "oops");
        else
            snprintf(value, sizeof value, "%zu.5", i);
        int y, m, d;
        date_to_ymd(date_from_ymd(1990, 1, 1) + (long)i, &y, &m, &d);
        fprintf(f, "%d-%02d-%02d,Company%zu,revenue,%s,", y, m, d, i % 3,
                value);
        if (i % 7 == 0) {
            fprintf(f, "\"first, line%sthe \"\"second\"\"%sthird\"%s", eol,
                    eol, eol);
            line += 3;
        } else {
            fprintf(f, "pad%.*s%s", (int)(i * 37 % 101),
                    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                    eol);
            line += 1;
        }
        if (i % 11 == 0) {
            fprintf(f, "%s", eol);   /* a blank line */
            line += 1;
        }
    }
    assert_int_equal(fclose(f), 0);
}

static void check_big(const char *eol)
{
    enum { N = 6000 };
    long *want = malloc(N * sizeof *want);
    assert_non_null(want);
    char path[64];
    write_big(path, eol, N, want, -1);
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_file(ds, path, &err), 0);
    assert_int_equal(ds->n_obs, N);
    Observation *rows = dataset_rows(ds);
    for (size_t i = 0; i < N; i++) {
        if (rows[i].line != want[i])
            fail_msg("row %zu: line %ld, want %ld", i, rows[i].line,
                     want[i]);
        assert_true(rows[i].value == (double)i + 0.5);
    }
    free(rows);
    assert_int_equal(dataset_group(ds, &err), 0);
    assert_int_equal(ds->n_series, 3);
    dataset_destroy(ds);
    unlink(path);

    /* An error near the end still names the right line. */
    write_big(path, eol, N, want, N - 3);
    ds = dataset_create();
    error_clear(&err);
    assert_int_equal(csvload_file(ds, path, &err), -1);
    assert_int_equal(err.line, want[N - 3]);
    assert_int_equal(err.column, 4);
    assert_string_equal(err.message, "value \"oops\" is not a number; write "
                                     "digits like 7000000000 or 7e9");
    assert_int_equal(ds->n_obs, 0);
    assert_int_equal(ds->n_files, 0);
    dataset_destroy(ds);
    unlink(path);
    free(want);
}

static void test_big_lf(void **state)
{
    (void)state;
    check_big("\n");
}

static void test_big_crlf(void **state)
{
    (void)state;
    check_big("\r\n");
}

/* ---- a big file in two halves ---- */

/* A text that grows. */
typedef struct {
    char *p;
    size_t n, cap;
} Text;

static void put(Text *t, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(t->p + t->n, t->cap - t->n, fmt, ap);
        va_end(ap);
        assert_true(k >= 0);
        if ((size_t)k < t->cap - t->n) {
            t->n += (size_t)k;
            return;
        }
        t->cap = t->cap ? 2 * t->cap + (size_t)k : 1 << 20;
        t->p = realloc(t->p, t->cap);
        assert_non_null(t->p);
    }
}

enum {
    BIG_CRLF = 1,          /* lines end in CRLF */
    BIG_BY_DATE = 2,       /* rows by date, companies interleaved */
    BIG_QUOTED_MID = 4,    /* a quoted field of many lines at the middle */
    BIG_HEADER_LATE = 8,   /* the header again at three quarters */
    BIG_BAD_LATE = 16,     /* a bad value at three quarters */
    BIG_BAD_EARLY = 32,    /* a bad value at one quarter */
    BIG_GAPS = 64,         /* missing values, blank and empty lines */
    BIG_NO_FINAL_EOL = 128,
    BIG_REPEATS = 256      /* rows repeated, names in other case, late */
};

/* About 5 MB of long-format rows: 10 companies over days from 1990. */
static Text big_text(unsigned flags)
{
    enum { COMPANIES = 10, DAYS = 12000 };
    const char *eol = flags & BIG_CRLF ? "\r\n" : "\n";
    Text t = {NULL, 0, 0};
    put(&t, "date,company,metric,value,unit,source,note%s", eol);
    long start = date_from_ymd(1990, 1, 1);
    for (long i = 0; i < (long)COMPANIES * DAYS; i++) {
        long c = flags & BIG_BY_DATE ? i % COMPANIES : i / DAYS;
        long d = flags & BIG_BY_DATE ? i / COMPANIES : i % DAYS;
        int y, m, day;
        date_to_ymd(start + d, &y, &m, &day);
        if (flags & BIG_QUOTED_MID && i == (long)COMPANIES * DAYS / 2) {
            put(&t, "%04d-%02d-%02d,C\xC3\xA9%ld,revenue,%ld.25,USD,s,\"", y,
                m, day, c, i);
            for (int k = 0; k < 400; k++)
                put(&t, "line %d of a long note%s", k, eol);
            put(&t, "\"%s", eol);
            continue;
        }
        if (flags & BIG_HEADER_LATE && i == (long)COMPANIES * DAYS * 3 / 4)
            put(&t, "Date,Company,Metric,Value,Unit,Source,Note%s", eol);
        const char *value = "%ld.5";
        if ((flags & BIG_BAD_LATE && i == (long)COMPANIES * DAYS * 3 / 4) ||
            (flags & BIG_BAD_EARLY && i == (long)COMPANIES * DAYS / 4))
            value = "%ld oops";
        else if (flags & BIG_GAPS && i % 97 == 0)
            value = i % 2 ? "NA" : "";
        char v[64];
        snprintf(v, sizeof v, value, i);
        put(&t, "%04d-%02d-%02d,%s%ld,revenue,%s,%s,%s,%s%s", y, m, day,
            c == 3 ? "C\xC3\xA9" : "C", c, v, i % 5 ? "USD" : "",
            i < 1000 ? "first" : "later", i % 1000 ? "" : "n", eol);
        if (flags & BIG_GAPS && i % 1001 == 0)
            put(&t, "%s ,,,,,,%s", eol, eol);
        if (flags & BIG_REPEATS && i > (long)COMPANIES * DAYS * 2 / 3 &&
            i % 500 == 0)
            put(&t, "%04d-%02d-%02d,c%ld,revenue,%s,%s,%s,%s%s", y, m, day,
                c, v, i % 5 ? "USD" : "", i < 1000 ? "first" : "later",
                i % 1000 ? "" : "n", eol);
    }
    if (flags & BIG_NO_FINAL_EOL)
        t.n -= strlen(eol);
    return t;
}

/* About 5 MB of a wide file: 25 companies, blanks where they had no
 * value yet. */
static Text big_wide_text(void)
{
    enum { COMPANIES = 25, DAYS = 40000 };
    Text t = {NULL, 0, 0};
    put(&t, "date");
    for (int c = 0; c < COMPANIES; c++)
        put(&t, ",Lab%d (USD)", c);
    put(&t, "\n");
    long start = date_from_ymd(1950, 1, 1);
    for (long d = 0; d < DAYS; d++) {
        int y, m, day;
        date_to_ymd(start + d, &y, &m, &day);
        put(&t, "%04d-%02d-%02d", y, m, day);
        for (long c = 0; c < COMPANIES; c++) {
            if (d < c * 1000)
                put(&t, ",");
            else
                put(&t, ",%ld", d * 7 + c);
        }
        put(&t, "\n");
    }
    return t;
}

static void same_error(const Error *a, const Error *b)
{
    assert_int_equal(a->kind, b->kind);
    assert_string_equal(a->file, b->file);
    assert_int_equal(a->line, b->line);
    assert_int_equal(a->column, b->column);
    assert_string_equal(a->message, b->message);
}

static void same_rows(const Dataset *a, const Dataset *b)
{
    assert_int_equal(a->n_obs, b->n_obs);
    Observation *ra = dataset_rows(a), *rb = dataset_rows(b);
    for (size_t k = 0; k < a->n_obs; k++) {
        const Observation *x = &ra[k], *y = &rb[k];
        if (x->line != y->line || x->column != y->column)
            fail_msg("row %zu: line %ld:%ld, in two halves %ld:%ld", k,
                     x->line, x->column, y->line, y->column);
        assert_int_equal(x->date, y->date);
        assert_int_equal(x->precision, y->precision);
        assert_true(x->value == y->value);
        assert_string_equal(x->company, y->company);
        assert_string_equal(x->metric, y->metric);
        assert_string_equal(x->unit, y->unit);
        assert_string_equal(x->basis, y->basis);
        assert_string_equal(x->source, y->source);
        assert_string_equal(x->confidence, y->confidence);
        assert_string_equal(x->note, y->note);
        assert_string_equal(x->file, y->file);
    }
    free(ra);
    free(rb);
}

static void same_warnings(const Dataset *a, const Dataset *b)
{
    assert_int_equal(a->n_warnings, b->n_warnings);
    assert_int_equal(a->warnings_dropped, b->warnings_dropped);
    for (size_t k = 0; k < a->n_warnings; k++)
        assert_string_equal(a->warnings[k], b->warnings[k]);
}

/* Loads text by one reader and as csvload_buffer_with does (two halves
 * at once for a big file), and checks that the two agree in everything:
 * result, error, rows in order, counts, warnings, then series. Returns
 * the load's result. */
static int check_halves(const Text *t)
{
    Dataset *a = dataset_create(), *b = dataset_create();
    Error ea, eb;
    error_clear(&ea);
    error_clear(&eb);
    int rc = csvload_buffer_threads(a, "big.csv", t->p, t->n, NULL, 1, &ea);
    assert_int_equal(csvload_buffer_threads(b, "big.csv", t->p, t->n, NULL,
                                            2, &eb),
                     rc);
    same_error(&ea, &eb);
    same_rows(a, b);
    same_warnings(a, b);
    assert_int_equal(a->n_files, b->n_files);
    for (size_t k = 0; k < a->n_files; k++) {
        assert_int_equal(a->files[k].rows, b->files[k].rows);
        assert_int_equal(a->files[k].missing, b->files[k].missing);
        assert_int_equal(a->files[k].skipped, b->files[k].skipped);
    }
    if (rc == 0) {
        int ga = dataset_group(a, &ea);
        assert_int_equal(dataset_group(b, &eb), ga);
        same_error(&ea, &eb);
        same_warnings(a, b);
        assert_int_equal(a->n_series, b->n_series);
        for (size_t i = 0; i < a->n_series; i++) {
            const Series *x = &a->series[i], *y = &b->series[i];
            assert_string_equal(x->company, y->company);
            assert_string_equal(x->unit, y->unit);
            assert_int_equal(x->n, y->n);
            assert_memory_equal(x->date, y->date, x->n * sizeof *x->date);
            assert_memory_equal(x->value, y->value, x->n * sizeof *x->value);
            assert_memory_equal(x->line, y->line, x->n * sizeof *x->line);
            assert_memory_equal(x->precision, y->precision, x->n);
        }
    }
    dataset_destroy(a);
    dataset_destroy(b);
    free(t->p);
    return rc;
}

/* A big file read in two halves at once gives what reading it in one go
 * gives, also when the second half must be read again: a quoted field
 * over the middle, a repeated header or an error in the second half. */
static void test_halves_same_as_one_reader(void **state)
{
    (void)state;
    static const unsigned ok[] = {0,
                                  BIG_CRLF,
                                  BIG_BY_DATE,
                                  BIG_QUOTED_MID,
                                  BIG_QUOTED_MID | BIG_CRLF,
                                  BIG_HEADER_LATE,
                                  BIG_GAPS | BIG_NO_FINAL_EOL,
                                  BIG_GAPS | BIG_CRLF | BIG_BY_DATE,
                                  BIG_REPEATS};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        Text t = big_text(ok[i]);
        assert_true(t.n > 4 * 1024 * 1024);
        assert_int_equal(check_halves(&t), 0);
    }
    Text t = big_text(BIG_BAD_LATE);
    assert_int_equal(check_halves(&t), -1);
    t = big_text(BIG_BAD_EARLY | BIG_BAD_LATE | BIG_CRLF);
    assert_int_equal(check_halves(&t), -1);
    t = big_wide_text();
    assert_true(t.n > 4 * 1024 * 1024);
    assert_int_equal(check_halves(&t), 0);
}

/* ---- events ---- */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

/* The memory entry point reads exactly as the file one does. */
static void test_buffer_same_as_file(void **state)
{
    (void)state;
    static const char *const files[] = {"long.csv", "long_crlf.csv",
                                        "long_bom.csv", "cr_only_ok.csv",
                                        "ai_revenue_wide.csv", "owid_hub.csv",
                                        "semicolon_chinese.csv"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, DIR "%s", files[i]);
        size_t len;
        char *bytes = read_all(path, &len);
        Dataset *a = dataset_create(), *b = dataset_create();
        Error err;
        error_clear(&err);
        assert_int_equal(csvload_file(a, path, &err), 0);
        assert_int_equal(csvload_buffer_with(b, path, bytes, len, NULL, &err),
                         0);
        assert_int_equal(a->n_obs, b->n_obs);
        Observation *ra = dataset_rows(a), *rb = dataset_rows(b);
        for (size_t k = 0; k < a->n_obs; k++) {
            assert_int_equal(ra[k].line, rb[k].line);
            assert_int_equal(ra[k].date, rb[k].date);
            assert_true(ra[k].value == rb[k].value);
            assert_string_equal(ra[k].company, rb[k].company);
            assert_string_equal(rb[k].file, path);
        }
        free(ra);
        free(rb);
        dataset_destroy(a);
        dataset_destroy(b);
        free(bytes);
    }
}

static void expect_buffer_error(const char *text, size_t len, long line,
                                long column, const char *message)
{
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_buffer_with(ds, "mem.csv", text, len, NULL, &err),
                     -1);
    assert_int_equal(err.kind, ERR_DATA);
    assert_string_equal(err.file, "mem.csv");
    assert_string_equal(err.message, message);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_int_equal(ds->n_obs, 0);
    assert_int_equal(ds->n_files, 0);
    dataset_destroy(ds);
}

static Dataset *load_buffer(const char *text)
{
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    if (csvload_buffer_with(ds, "mem.csv", text, strlen(text), NULL,
                            &err) != 0) {
        char msg[1400];
        error_format(&err, msg, sizeof msg);
        fail_msg("%s", msg);
    }
    return ds;
}

/* Lines without a quote skip libcsv (csvload.c, feed_plain_line): the
 * same rows written plainly and fully quoted, with padding, CRLF, a
 * trailing empty column, blank lines and a quoted field over two lines
 * between them, load the same, on the same lines. */
static void test_plain_lines_match_quoted_lines(void **state)
{
    (void)state;
    const char *plain =
        "date,company,metric,value,unit,note\r\n"
        "2025-01-01,OpenAI,revenue,1.5,USD,\r\n"
        "  2025-02-01 ,\tOpenAI\t,  revenue,2e3 , ,x y\r\n"
        "   \r\n"
        ",,,,,\r\n"
        "2025-03-01,OpenAI,revenue,-0.25,,\"two\r\nlines\"\r\n"
        "2025-04-01,Z\xC3\xBCrich AI,revenue,7,,\r\n"
        "2025-05-01,OpenAI,revenue,$3B,,last";
    const char *quoted =
        "\"date\",\"company\",\"metric\",\"value\",\"unit\",\"note\"\r\n"
        "\"2025-01-01\",\"OpenAI\",\"revenue\",\"1.5\",\"USD\",\"\"\r\n"
        "\"2025-02-01\",\"OpenAI\",\"revenue\",\"2e3\",\"\",\"x y\"\r\n"
        "\r\n"
        "\"\",\"\",\"\",\"\",\"\",\"\"\r\n"
        "\"2025-03-01\",\"OpenAI\",\"revenue\",\"-0.25\",\"\",\"two\r\n"
        "lines\"\r\n"
        "\"2025-04-01\",\"Z\xC3\xBCrich AI\",\"revenue\",\"7\",\"\",\"\"\r\n"
        "\"2025-05-01\",\"OpenAI\",\"revenue\",\"$3B\",\"\",\"last\"";
    Dataset *a = load_buffer(plain), *b = load_buffer(quoted);
    static const long lines[] = {2, 3, 6, 8, 9};
    static const double values[] = {1.5, 2e3, -0.25, 7, 3e9};
    assert_int_equal(a->n_obs, 5);
    assert_int_equal(b->n_obs, 5);
    Observation *ra = dataset_rows(a), *rb = dataset_rows(b);
    for (size_t k = 0; k < 5; k++) {
        const Observation *x = &ra[k], *y = &rb[k];
        assert_int_equal(x->line, lines[k]);
        assert_int_equal(y->line, lines[k]);
        assert_true(x->value == values[k]);
        assert_true(y->value == values[k]);
        assert_int_equal(x->date, y->date);
        assert_string_equal(x->company, y->company);
        assert_string_equal(x->metric, y->metric);
        assert_string_equal(x->unit, y->unit);
        assert_string_equal(x->note, y->note);
    }
    assert_string_equal(ra[1].company, "OpenAI");
    assert_string_equal(ra[1].note, "x y");
    assert_string_equal(ra[2].note, "two\r\nlines");
    assert_string_equal(ra[3].company, "Z\xC3\xBCrich AI");
    assert_string_equal(ra[4].unit, "USD");
    free(ra);
    free(rb);
    dataset_destroy(a);
    dataset_destroy(b);
}

/* The fast path reports bad rows as libcsv's path does: same line, same
 * column, same words. */
static void test_plain_line_errors(void **state)
{
    (void)state;
    static const char bad_utf8[] = "date,company,metric,value\n"
                                   "2025-01-01,Open\xFF,revenue,1\n";
    expect_buffer_error(bad_utf8, sizeof bad_utf8 - 1, 2, 2,
                        "text is not UTF-8; re-save the file as \"CSV "
                        "UTF-8\"");
    static const char stray[] = "date,company,metric,value\n"
                                "2025-01-01,Open\"AI,revenue,1\n";
    expect_buffer_error(stray, sizeof stray - 1, 2, 2,
                        "stray quote in field; enclose the whole field in "
                        "quotes and double each quote inside it (\"\")");
    static const char after_quoted[] =
        "date,company,metric,value\n"
        "2025-01-01,\"Open\nAI\",revenue,1\n"
        "2025-02-01,OpenAI,revenue,1\n"
        "2025-03-01,OpenAI,revenue,x\n";
    expect_buffer_error(after_quoted, sizeof after_quoted - 1, 5, 4,
                        "value \"x\" is not a number; write digits like "
                        "7000000000 or 7e9");
    static const char short_row[] = "date;company;metric;value\n"
                                    "2025-01-01;OpenAI;revenue\n";
    expect_buffer_error(short_row, sizeof short_row - 1, 2, 4,
                        "row has 3 fields but the header has 4; quote "
                        "fields that contain semicolons");
}

/* A label of CSVLOAD_LABEL_MAX bytes loads; one byte more is refused in
 * every place a label comes from. */
static void test_label_limit(void **state)
{
    (void)state;
    char name[CSVLOAD_LABEL_MAX + 2], text[1024];
    memset(name, 'n', sizeof name);
    name[CSVLOAD_LABEL_MAX] = '\0';
    snprintf(text, sizeof text, "date,company,metric,value,unit\n"
             "2025,%s,m,1,u\n", name);
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_buffer_with(ds, "mem.csv", text, strlen(text),
                                         NULL, &err), 0);
    dataset_destroy(ds);
    name[CSVLOAD_LABEL_MAX] = 'n';
    name[CSVLOAD_LABEL_MAX + 1] = '\0';
    const char *tail = " is 257 bytes long, more than 256; shorten it (or is "
                       "a column misplaced?)";
    char want[200];
    snprintf(text, sizeof text, "date,company,metric,value,unit\n"
             "2025,%s,m,1,u\n", name);
    snprintf(want, sizeof want, "company name%s", tail);
    expect_buffer_error(text, strlen(text), 2, 2, want);
    snprintf(text, sizeof text, "date,company,metric,value,unit\n"
             "2025,a,%s,1,u\n", name);
    snprintf(want, sizeof want, "metric name%s", tail);
    expect_buffer_error(text, strlen(text), 2, 3, want);
    snprintf(text, sizeof text, "date,company,metric,value,unit\n"
             "2025,a,m,1,%s\n", name);
    snprintf(want, sizeof want, "unit%s", tail);
    expect_buffer_error(text, strlen(text), 2, 5, want);
    snprintf(text, sizeof text, "date,OpenAI,%s\n2025,1,2\n", name);
    snprintf(want, sizeof want, "company name%s", tail);
    expect_buffer_error(text, strlen(text), 1, 3, want);
    /* 257 n's are no unit: the metric keeps them, and is too long. */
    snprintf(text, sizeof text, "date,entity,Revenue (%s)\n2025,a,2\n", name);
    snprintf(want, sizeof want, "metric name is 267 bytes long, more than "
             "256; shorten it (or is a column misplaced?)");
    expect_buffer_error(text, strlen(text), 1, 3, want);
    CsvOptions opt = {.metric = name};
    ds = dataset_create();
    error_clear(&err);
    snprintf(text, sizeof text, "date,company,value\n2025,a,2\n");
    assert_int_equal(csvload_buffer_with(ds, "mem.csv", text, strlen(text),
                                         &opt, &err), -1);
    snprintf(want, sizeof want, "metric name%s", tail);
    assert_string_equal(err.message, want);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 0);
    dataset_destroy(ds);
    EventList list = {0};
    error_clear(&err);
    snprintf(text, sizeof text, "date,label\n2025,%s\n", name);
    assert_int_equal(csvload_events_buffer(&list, "ev.csv", text,
                                           strlen(text), &err), -1);
    snprintf(want, sizeof want, "label%s", tail);
    assert_string_equal(err.message, want);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 2);
    assert_int_equal(list.n, 0);
    eventlist_free(&list);
}

/* An events file may give each label in zh-TW (label_zh or
 * label[zh-TW]); a row without one has NULL, and the file still loads. */
static void test_event_labels_in_chinese(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "date,label,company,label_zh\n2025-08-07,GPT-5 released,OpenAI,"
        "GPT-5 \xe7\x99\xbc\xe5\xb8\x83\n2025-11-18,Gemini 3,,\n",
        "date,label[zh-TW],label\n2025-08-07,GPT-5 \xe7\x99\xbc\xe5\xb8\x83,"
        "GPT-5 released\n2025-11-18,,Gemini 3\n"};
    for (size_t k = 0; k < 2; k++) {
        EventList list = {0};
        Error err;
        error_clear(&err);
        assert_int_equal(csvload_events_buffer(&list, "ev.csv", texts[k],
                                               strlen(texts[k]), &err),
                         0);
        assert_int_equal(list.n, 2);
        assert_string_equal(list.items[0].label, "GPT-5 released");
        assert_string_equal(list.items[0].label_zh,
                            "GPT-5 \xe7\x99\xbc\xe5\xb8\x83"); /* 發布 */
        assert_string_equal(list.items[1].label, "Gemini 3");
        assert_null(list.items[1].label_zh);
        eventlist_free(&list);
    }
}

/* A physical line past CSVLOAD_LINE_MAX, even of short fields. */
static void test_line_limit(void **state)
{
    (void)state;
    size_t n = CSVLOAD_LINE_MAX + 100;
    char *text = malloc(n + 64);
    size_t len = (size_t)sprintf(text, "date,company,metric,value\n");
    while (len < n) {
        text[len++] = 'x';
        text[len++] = ',';
    }
    text[len++] = '\n';
    /* The column is the field reached when the limit was crossed. */
    expect_buffer_error(text, len, 2, 524276,
                        "line is longer than 1048576 bytes; is this a CSV "
                        "file?");
    free(text);
}

/* The file limit is checked before reading: a sparse file of NULs. */
static void test_file_limit(void **state)
{
    (void)state;
    char path[] = "/tmp/aigrowth-big-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, CSVLOAD_FILE_MAX + 1L), 0);
    close(fd);
    Dataset *ds = dataset_create();
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_file(ds, path, &err), -1);
    unlink(path);
    assert_string_equal(err.message,
                        "file is 67108865 bytes, more than the 67108864 a "
                        "data file may have; split it or keep the rows the "
                        "charts need");
    dataset_destroy(ds);
}

static void test_events_sorted_stable(void **state)
{
    (void)state;
    EventList list = {0};
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_events(&list, DIR "events.csv", &err), 0);
    assert_int_equal(list.n, 5);
    const char *labels[5] = {"first", "Claude 3.5 Sonnet, released",
                             "GPT-5.1", "same day second", "same day third"};
    const char *companies[5] = {"", "Anthropic", "OpenAI", "", ""};
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(list.items[i].label, labels[i]);
        assert_string_equal(list.items[i].company, companies[i]);
    }
    assert_int_equal(list.items[0].date, date_from_ymd(2023, 1, 1));
    assert_int_equal(list.items[1].date, date_from_ymd(2024, 6, 1));
    assert_int_equal(list.items[4].date, date_from_ymd(2025, 11, 1));
    /* Appending a second file keeps the whole list sorted; on a date tie
     * what was there first stays first. */
    assert_int_equal(csvload_events(&list, DIR "events.csv", &err), 0);
    assert_int_equal(list.n, 10);
    assert_string_equal(list.items[0].label, "first");
    assert_string_equal(list.items[1].label, "first");
    assert_string_equal(list.items[4].label, "GPT-5.1");
    assert_string_equal(list.items[5].label, "same day second");
    assert_string_equal(list.items[6].label, "same day third");
    assert_string_equal(list.items[7].label, "GPT-5.1");
    eventlist_free(&list);
    assert_int_equal(list.n, 0);
    assert_null(list.items);
    eventlist_free(&list);   /* twice is harmless */
}

static void expect_event_error(const char *path, long line, long column,
                               const char *message)
{
    EventList list = {0};
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_events(&list, DIR "events.csv", &err), 0);
    assert_int_equal(csvload_events(&list, path, &err), -1);
    assert_int_equal(err.kind, ERR_DATA);
    assert_string_equal(err.file, path);
    assert_string_equal(err.message, message);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_int_equal(list.n, 5);   /* rolled back */
    eventlist_free(&list);
}

static void test_events_errors(void **state)
{
    (void)state;
    expect_event_error(DIR "events_empty_label.csv", 3, 1,
                       "label is empty; every event needs a label");
    expect_event_error(DIR "events_bad_date.csv", 3, 2,
                       "date \"11/12/2025\" has no clear day/month order; "
                       "use ISO 8601 (YYYY-MM-DD)");
    expect_event_error(DIR "events_no_label.csv", 1, 0,
                       "header has no \"label\" column; the header must name "
                       "date,label");
    EventList list = {0};
    Error err;
    error_clear(&err);
    assert_int_equal(csvload_events(&list, DIR "nope.csv", &err), -1);
    assert_int_equal(err.kind, ERR_IO);
    assert_string_equal(err.message, "cannot open: No such file or directory");
    eventlist_free(&list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_lf),
        cmocka_unit_test(test_long_crlf),
        cmocka_unit_test(test_long_bom),
        cmocka_unit_test(test_long_no_final_newline),
        cmocka_unit_test(test_long_bom_crlf_no_final_newline),
        cmocka_unit_test(test_header_only),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_directory),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_missing_header_column),
        cmocka_unit_test(test_duplicate_header_column),
        cmocka_unit_test(test_short_row),
        cmocka_unit_test(test_long_row),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_stray_quote),
        cmocka_unit_test(test_bad_date_after_multiline_fields),
        cmocka_unit_test(test_bad_value),
        cmocka_unit_test(test_dates_of_a_month_seen),
        cmocka_unit_test(test_value_markers_kept),
        cmocka_unit_test(test_empty_company),
        cmocka_unit_test(test_empty_metric),
        cmocka_unit_test(test_two_files_then_group),
        cmocka_unit_test(test_semicolon_chinese),
        cmocka_unit_test(test_tab_quarter_timestamp),
        cmocka_unit_test(test_bare_cr),
        cmocka_unit_test(test_wide),
        cmocka_unit_test(test_data_hub),
        cmocka_unit_test(test_epoch_export),
        cmocka_unit_test(test_owid_day),
        cmocka_unit_test(test_world_bank),
        cmocka_unit_test(test_fred),
        cmocka_unit_test(test_long_span),
        cmocka_unit_test(test_yahoo_ohlcv),
        cmocka_unit_test(test_wide_text_column),
        cmocka_unit_test(test_date_order_inferred),
        cmocka_unit_test(test_units_from_parentheses),
        cmocka_unit_test(test_metric_from_file_name),
        cmocka_unit_test(test_date_order_option),
        cmocka_unit_test(test_title_line),
        cmocka_unit_test(test_concatenated),
        cmocka_unit_test(test_bad_bytes_and_values),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_big_lf),
        cmocka_unit_test(test_big_crlf),
        cmocka_unit_test(test_buffer_same_as_file),
        cmocka_unit_test(test_halves_same_as_one_reader),
        cmocka_unit_test(test_plain_lines_match_quoted_lines),
        cmocka_unit_test(test_plain_line_errors),
        cmocka_unit_test(test_label_limit),
        cmocka_unit_test(test_event_labels_in_chinese),
        cmocka_unit_test(test_line_limit),
        cmocka_unit_test(test_file_limit),
        cmocka_unit_test(test_events_sorted_stable),
        cmocka_unit_test(test_events_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
