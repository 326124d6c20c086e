/* test_report_inputs_cli.c - what a report run refuses before it touches
 * an output: specs that are not files or have lines inih would cut, an
 * output over an input, a SOURCE_DATE_EPOCH no output can carry; the
 * loading options of report; long charts paths; standard output that
 * cannot be written. */
#define _DEFAULT_SOURCE /* realpath */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli_harness.h"

static char dir[512];

static int setup(void **state)
{
    (void)state;
    return cli_tmpdir_create(dir, sizeof dir);
}

static int teardown(void **state)
{
    (void)state;
    return cli_tmpdir_remove(dir);
}

static void write_file(const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    cli_write(path, text);
}

static const char DATA[] = "date,company,metric,value\n"
                           "2024-01-01,A,revenue,1\n"
                           "2024-07-01,A,revenue,2\n"
                           "2025-01-01,A,revenue,4\n";

/* `report PATH` where PATH (in dir) is what kind names: refused at once,
 * exit 3, naming the kind. */
static void expect_spec_not_a_file(const char *name, const char *kind)
{
    char path[1024], args[2048], want[1200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(args, sizeof args, "report %s", path);
    snprintf(want, sizeof want,
             "aigrowth: %s: is %s, not a file; give a report.ini file\n",
             path, kind);
    cli_expect(args, 3, "", want);
}

static void test_fifo_spec_refused_at_once(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/fifo.ini", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    /* A run that waited for a writer would hang here. */
    expect_spec_not_a_file("fifo.ini", "a named pipe (FIFO)");
}

static void test_directory_spec_refused(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/d.ini", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    expect_spec_not_a_file("d.ini", "a directory");
}

static void test_long_ini_line_refused_naming_it(void **state)
{
    (void)state;
    char text[512], args[2048], want[1200];
    memset(text, 0, sizeof text);
    strcpy(text, "[report]\ntitle = ");
    memset(text + strlen(text), 'x', 233);   /* a 241-byte line 2 */
    strcat(text, "\n");
    write_file("long.ini", text);
    snprintf(args, sizeof args, "report %s/long.ini", dir);
    snprintf(want, sizeof want,
             "aigrowth: %s/long.ini:2:199: line is 241 bytes long, more "
             "than the 198 a report.ini line may have; shorten it\n", dir);
    cli_expect(args, 1, "", want);
}

/* A spec with n [chart] sections over a.csv, in dir. */
static void write_many_charts(size_t n)
{
    size_t cap = 64 + n * 48, len = 0;
    char *ini = malloc(cap);
    assert_non_null(ini);
    len += (size_t)snprintf(ini + len, cap - len,
                            "[report]\ndata = a.csv\nformats = png\n");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(ini + len, cap - len,
                                "[chart c%04zu]\nmetric = revenue\n", i);
    write_file("many.ini", ini);
    free(ini);
}

/* A data hub's report may hold a thousand charts; one more is refused
 * before anything is drawn, saying what to do. */
static void test_thousand_charts_at_most(void **state)
{
    (void)state;
    char args[4096], want[2048];
    write_file("a.csv", DATA);
    write_many_charts(1001);
    snprintf(args, sizeof args, "report -q %s/many.ini", dir);
    snprintf(want, sizeof want,
             "aigrowth: %s/many.ini: more than 1000 charts; split the "
             "report\n",
             dir);
    cli_expect(args, 2, "", want);
    char charts[1100];
    snprintf(charts, sizeof charts, "%s/charts", dir);
    assert_int_equal(access(charts, F_OK), -1);
}

static void test_output_over_input_refused(void **state)
{
    (void)state;
    char args[4096], want[2048], path[1024];
    write_file("a.csv", DATA);
    snprintf(path, sizeof path, "%s/a.csv", dir);
    snprintf(args, sizeof args, "report -q -o %s %s", path, path);
    snprintf(want, sizeof want,
             "aigrowth: the report would be written over %s, one of its "
             "inputs; choose another output\n", path);
    cli_expect(args, 2, "", want);
    size_t len;
    char *after = cli_slurp(path, &len);
    assert_string_equal(after, DATA);
    free(after);
}

static void test_source_date_epoch_out_of_range(void **state)
{
    (void)state;
    static const char *const bad[] = {"253402300800", "-1", "12abc",
                                      "99999999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char cmd[512], want[512];
        snprintf(cmd, sizeof cmd, "SOURCE_DATE_EPOCH='%s' %s check "
                 "datasets/revenue.csv", bad[i], cli_bin());
        snprintf(want, sizeof want,
                 "aigrowth: SOURCE_DATE_EPOCH \"%s\" is not a time: set it "
                 "to whole seconds since 1970 from 0 to 253402300799 "
                 "(9999-12-31), or unset it; see aigrowth --help\n", bad[i]);
        CliRun r;
        cli_run(&r, "--version >/dev/null && %s", cmd);
        assert_int_equal(r.rc, 2);
        assert_string_equal(r.err, want);
        assert_string_equal(r.out, "");
        cli_run_free(&r);
    }
    CliRun r;
    cli_run(&r, "--version >/dev/null && SOURCE_DATE_EPOCH=253402300799 "
                "%s check datasets/revenue.csv >/dev/null", cli_bin());
    assert_int_equal(r.rc, 0);
    cli_run_free(&r);
}

/* The harness captures standard output, so the binary runs a second
 * time with its own redirection. */
static void test_stdout_write_error_is_exit_3(void **state)
{
    (void)state;
    CliRun r;
    cli_run(&r, "--version >/dev/null && { %s --version >/dev/full; }",
            cli_bin());
    assert_int_equal(r.rc, 3);
    assert_string_equal(r.err, "aigrowth: cannot write standard output: "
                               "No space left on device\n");
    cli_run_free(&r);
    cli_run(&r, "--version >/dev/null && { %s project "
                "datasets/revenue.csv >/dev/full; }", cli_bin());
    assert_int_equal(r.rc, 3);
    cli_run_free(&r);
}

static void test_report_loading_options(void **state)
{
    (void)state;
    write_file("dm.csv", "date,company,metric,value\n"
                         "03/04/2025,A,revenue,1\n"
                         "04/05/2025,A,revenue,2\n"
                         "05/06/2025,A,revenue,3\n");
    write_file("dm.ini", "[report]\ndata = dm.csv\noutput = dm.pdf\n"
                         "charts = dmc\n");
    char args[2048], want[1200];
    snprintf(args, sizeof args, "report %s/dm.ini", dir);
    snprintf(want, sizeof want,
             "aigrowth: %s/dm.csv:2:1: date \"03/04/2025\" has no clear "
             "day/month order; use ISO 8601 (YYYY-MM-DD), or set date_order "
             "= dmy or mdy in [report]\n", dir);
    cli_expect(args, 1, "", want);
    snprintf(args, sizeof args,
             "report -q --date-order mdy --charts %s/c -o %s/r.pdf %s/dm.csv",
             dir, dir, dir);
    cli_expect(args, 0, "", "");
    write_file("dm2.ini", "[report]\ndata = dm.csv\noutput = dm2.pdf\n"
                          "charts = dmc2\ndate_order = dmy\nskip_rows = 0\n");
    snprintf(args, sizeof args, "report -q %s/dm2.ini", dir);
    cli_expect(args, 0, "", "");
}

static void test_thousand_byte_charts_path(void **state)
{
    (void)state;
    char deep[1400];
    snprintf(deep, sizeof deep, "%s", dir);
    while (strlen(deep) < 1000) {
        strcat(deep, "/");
        size_t n = strlen(deep);
        memset(deep + n, 'd', 99);
        deep[n + 99] = '\0';
        mkdir(deep, 0700);
    }
    assert_true(strlen(deep) >= 1000);
    write_file("p.csv", DATA);
    char args[4096], png[1500];
    snprintf(args, sizeof args, "report -q --charts %s/charts -o %s/r.pdf "
             "%s/p.csv", deep, deep, dir);
    cli_expect(args, 0, "", "");
    snprintf(png, sizeof png, "%s/charts/revenue.png", deep);
    struct stat st;
    assert_int_equal(stat(png, &st), 0);
}

/* Chart names keep their UTF-8 in file names; two outputs that would
 * be one file are refused, naming both. */
static void test_chinese_chart_names_and_collisions(void **state)
{
    (void)state;
    write_file("z.csv", "date,company,metric,value\n"
                        "2024-01-01,A,revenue,1\n2024-07-01,A,revenue,2\n"
                        "2025-01-01,A,revenue,4\n"
                        "2024-01-01,A,users,10\n2024-07-01,A,users,20\n"
                        "2025-01-01,A,users,40\n");
    write_file("zh.ini", "[report]\ndata = z.csv\noutput = r.pdf\n"
                         "formats = png, pdf\n\n[chart 營收]\n"
                         "metric = revenue\n\n[chart 用戶]\n"
                         "metric = users\n");
    char args[2048], path[1200];
    snprintf(args, sizeof args, "report -q %s/zh.ini", dir);
    cli_expect(args, 0, "", "");
    static const char *const files[] = {"營收.png", "營收.pdf", "用戶.png",
                                        "用戶.pdf"};
    for (size_t i = 0; i < 4; i++) {
        struct stat st;
        snprintf(path, sizeof path, "%s/charts/%s", dir, files[i]);
        assert_int_equal(stat(path, &st), 0);
    }
    write_file("clash.ini", "[report]\ndata = z.csv\n"
                            "output = charts/營收.pdf\nformats = png, pdf\n"
                            "\n[chart 營收]\nmetric = revenue\n");
    char *real = realpath(dir, NULL);
    assert_non_null(real);
    char want[2400];
    snprintf(want, sizeof want,
             "aigrowth: %s/clash.ini: the report and [chart 營收] would both "
             "write %s/charts/營收.pdf; rename one\n", dir, real);
    free(real);
    snprintf(args, sizeof args, "report -q %s/clash.ini", dir);
    cli_expect(args, 2, "", want);
}

/* Data and events must be regular files: a FIFO is refused at once,
 * not waited on. */
static void test_data_and_events_fifo_refused(void **state)
{
    (void)state;
    char fifo[1024], args[2048], want[2400];
    snprintf(fifo, sizeof fifo, "%s/data.csv", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    snprintf(args, sizeof args, "check %s", fifo);
    snprintf(want, sizeof want,
             "aigrowth: %s: is a named pipe (FIFO), not a file; save the "
             "data to a file first\n", fifo);
    CliRun r;
    cli_run(&r, "%s", args);
    assert_int_equal(r.rc, 3);
    assert_non_null(strstr(r.err, want));
    cli_run_free(&r);
    write_file("a.csv", DATA);
    char ini[2048];
    snprintf(ini, sizeof ini, "[report]\ndata = a.csv\nevents = data.csv\n"
             "output = r.pdf\n");
    write_file("ev.ini", ini);
    snprintf(args, sizeof args, "report -q %s/ev.ini", dir);
    cli_run(&r, "%s", args);
    assert_int_equal(r.rc, 3);
    assert_non_null(strstr(r.err, "is a named pipe (FIFO), not a file"));
    cli_run_free(&r);
}

/* Events named in [report] mark the charts of a spec without [chart]
 * sections too (one chart per metric). */
static void test_report_events_without_chart_sections(void **state)
{
    (void)state;
    write_file("a.csv", DATA);
    write_file("ev.csv", "date,label\n2024-09-01,Model Zeta launched\n");
    write_file("ev.ini", "[report]\ndata = a.csv\nevents = ev.csv\n"
                         "output = r.pdf\n");
    char args[2048];
    snprintf(args, sizeof args, "report -q %s/ev.ini", dir);
    cli_expect(args, 0, "", "");
    CliRun r;
    cli_run(&r, "--version >/dev/null && pdftotext %s/r.pdf -", dir);
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, "Model Zeta launched"));
    cli_run_free(&r);
}

/* Running out of file descriptors is said as such, whichever library
 * meets it first (cairo and libharu say "out of memory" or a font error),
 * and a first run that fails leaves no report. */
static void test_descriptor_exhaustion_said_as_such(void **state)
{
    (void)state;
    write_file("a.csv", DATA);
    CliRun r;
    cli_run(&r, "--version >/dev/null && (ulimit -n 5; %s report -q "
                "--charts %s/c -o %s/r.pdf %s/a.csv)", cli_bin(), dir, dir,
            dir);
    assert_int_not_equal(r.rc, 0);
    assert_non_null(strstr(r.err, "too many open files (this process may "
                                  "have 5: raise it with ulimit -n)"));
    cli_run_free(&r);
    char path[1024];
    struct stat st;
    snprintf(path, sizeof path, "%s/r.pdf", dir);
    assert_int_not_equal(stat(path, &st), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fifo_spec_refused_at_once,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_directory_spec_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_long_ini_line_refused_naming_it,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_thousand_charts_at_most, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_output_over_input_refused,
                                        setup, teardown),
        cmocka_unit_test(test_source_date_epoch_out_of_range),
        cmocka_unit_test(test_stdout_write_error_is_exit_3),
        cmocka_unit_test_setup_teardown(test_report_loading_options, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_thousand_byte_charts_path,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_chinese_chart_names_and_collisions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_and_events_fifo_refused,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_report_events_without_chart_sections, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_descriptor_exhaustion_said_as_such, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
