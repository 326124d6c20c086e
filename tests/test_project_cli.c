/* test_project_cli.c - `aigrowth project` as a user runs it: stdout, stderr
 * and exit code pinned for a small fixture, every bad option and the
 * degenerate data. The binary is $AIGROWTH (default build/aigrowth); run
 * from the project root.
 *
 * The golden outputs tests/data/project/two.{table,csv,json}.out were
 * written by the binary and checked by hand: Alpha and Beta are 5
 * half-yearly points each; a python3 stdlib OLS of ln v on t (days since
 * 1970-01-01 / 365.2425) gives Alpha b = 0.98687352697966102, a =
 * -32.555647228571992, the trends cross at t = 56.634599207478097
 * (2026-08-20) and Alpha reaches $20B at t = 57.023158287872675
 * (2027-01-09), as in the files. Exp pairs cross in closed form: lo_t
 * 56.441896019390093 is one ulp (7e-15 years) below the 56.4418960193901
 * that the earlier scan and bisection gave for it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define D "tests/data/project/"

static char tmp[256];
static const char *bin;

static int setup(void **state)
{
    (void)state;
    bin = getenv("AIGROWTH");
    if (!bin || !*bin)
        bin = "build/aigrowth";
    snprintf(tmp, sizeof tmp, "/tmp/aigrowth-project-XXXXXX");
    return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    return system(cmd) == 0 ? 0 : -1;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = '\0';
    fclose(f);
    return buf;
}

typedef struct {
    int rc;
    char *out, *err;
} Run;

/* Runs `aigrowth project ARGS`; caller frees with run_free. */
static Run project(const char *args)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s project %s >%s/out 2>%s/err", bin, args,
             tmp, tmp);
    int status = system(cmd);
    Run r = {WIFEXITED(status) ? WEXITSTATUS(status) : -1, NULL, NULL};
    snprintf(cmd, sizeof cmd, "%s/out", tmp);
    r.out = slurp(cmd);
    snprintf(cmd, sizeof cmd, "%s/err", tmp);
    r.err = slurp(cmd);
    assert_non_null(r.out);
    assert_non_null(r.err);
    return r;
}

static void run_free(Run *r)
{
    free(r->out);
    free(r->err);
}

static void expect(const char *args, int rc, const char *out_file,
                   const char *err)
{
    Run r = project(args);
    if (out_file) {
        char *want = slurp(out_file);
        assert_non_null(want);
        assert_string_equal(r.out, want);
        free(want);
    }
    assert_string_equal(r.err, err);
    assert_int_equal(r.rc, rc);
    run_free(&r);
}

#define TWO D "two.csv --company Alpha,Beta --at 2027-01 --target 20B"

static void test_table(void **state)
{
    (void)state;
    expect(TWO, 0, D "two.table.out", "");
}

static void test_csv(void **state)
{
    (void)state;
    expect(TWO " --format csv", 0, D "two.csv.out", "");
}

static void test_json(void **state)
{
    (void)state;
    expect(TWO " --format json", 0, D "two.json.out", "");
}

/* Same input, same bytes: the bootstrap is seeded. */
static void test_reproducible(void **state)
{
    (void)state;
    Run a = project(TWO " --format csv");
    Run b = project(TWO " --format csv");
    assert_string_equal(a.out, b.out);
    run_free(&a);
    run_free(&b);
}

#define USAGE(msg) "aigrowth: " msg "; see aigrowth --help\n"

static void test_bad_options(void **state)
{
    (void)state;
    static const struct {
        const char *args, *err;
    } cases[] = {
        {D "two.csv --model cubic",
         USAGE("--model \"cubic\": use exp, linear, logistic, auto or "
               "none")},
        {D "two.csv --level 2",
         USAGE("--level \"2\" must be a confidence level from 0.5 to 0.999, "
               "such as 0.8 or 80%")},
        {D "two.csv --format xml",
         USAGE("--format \"xml\": use table, csv or json")},
        {D "two.csv --since 2025-13",
         USAGE("--since \"2025-13\" is not a date; use YYYY-MM-DD, YYYY-MM "
               "or YYYY")},
        {D "two.csv --target abc",
         USAGE("--target \"abc\" is not a value; use a number such as 1e9, "
               "1B or $500M")},
        {D "two.csv --last 1",
         USAGE("--last \"1\" must be a whole number of points from 3 up")},
        {D "two.csv --horizon soon",
         USAGE("--horizon \"soon\" is not a date; use YYYY-MM-DD, YYYY-MM, "
               "YYYY or +12m")},
        {D "two.csv --at 2025-02-30",
         USAGE("--at \"2025-02-30\" is not a date; use YYYY-MM-DD, YYYY-MM "
               "or YYYY")},
        {D "two.csv --bogus", USAGE("unknown option --bogus for project")},
        {D "two.csv --metric", USAGE("option --metric needs a value")},
        {"", USAGE("project needs at least one data file")},
        {D "two.csv --company Zeta",
         "aigrowth: no series for company \"Zeta\"; check the spelling in "
         "the data\n"},
        {D "two.csv --metric users",
         "aigrowth: the data has no metric \"users\"; metrics: revenue\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect(cases[i].args, 2, NULL, cases[i].err);
}

static void test_degenerate_data(void **state)
{
    (void)state;
    /* Two points: no interval possible, the only series: exit 1. */
    expect(D "two.csv --company Gamma", 1, NULL,
           "aigrowth: " D "two.csv: Gamma revenue: need at least 3 points "
           "to fit a trend with an interval (got 2)\n");
    expect(D "nonpos.csv", 1, NULL,
           "aigrowth: " D "nonpos.csv: Epsilon revenue: value 0 is not "
           "positive; an exponential trend needs values above 0 (use a "
           "linear model or drop the point)\n");
    expect(D "two.csv --company Alpha --last 4 --model auto", 1, NULL,
           "aigrowth: " D "two.csv: Alpha revenue: --model auto compares "
           "models by AICc and needs at least 5 points (got 4); choose "
           "--model exp or linear\n");
}

/* One unfittable series among others: reported on stderr and in the
 * notes, the rest printed, exit 0. */
static void test_partial_failure_keeps_the_rest(void **state)
{
    (void)state;
    Run r = project(D "two.csv");
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err, "aigrowth: " D "two.csv: Gamma revenue: need "
                               "at least 3 points to fit a trend with an "
                               "interval (got 2)\n");
    assert_non_null(strstr(r.out, "Alpha passes Beta on 2026-08-20"));
    assert_non_null(strstr(r.out, "\nNotes\n  not fitted: "
                                  "Gamma revenue: need at least 3 points"));
    run_free(&r);
}

/* A declining series asked for a doubling time: "never" and a note. */
static void test_declining_doubling(void **state)
{
    (void)state;
    Run r = project(D "flat.csv");
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err, "");
    assert_non_null(strstr(r.out, "  -13%  never\n"));
    assert_non_null(strstr(r.out, "\nNotes\n  Delta users: the trend is "
                                  "flat or declining (-13.1% a year), so "
                                  "it never doubles\n"));
    run_free(&r);
    r = project(D "flat.csv --model linear --target 1B --format csv");
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, "\ntarget,Delta,users,1000000000,never,,,"
                                  ",,inf,inf,0.80000000000000004\n"));
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_degenerate_data),
        cmocka_unit_test(test_partial_failure_keeps_the_rest),
        cmocka_unit_test(test_declining_doubling),
    };
    return cmocka_run_group_tests_name("project cli", tests, setup,
                                       teardown);
}
