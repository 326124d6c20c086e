/* test_transaction_cli.c - a `report` run is one transaction. The
 * fault-injection hook (fsutil.h: AIGROWTH_FAIL_AT / AIGROWTH_KILL_AT)
 * fails, then kills, every step of a run that rewrites everything: the
 * report PDF, a chart's PNG, SVG and PDF, and the state.
 *
 *  - a failure at any step leaves every file of the directory tree
 *    byte-identical, and no file more;
 *  - a kill at any step, then a normal run, gives the files a run that
 *    was never killed gives; killed, then with the edit reverted, the
 *    files of a run from scratch (the stale PDF the state once vouched
 *    for is found and redrawn);
 *  - one run at a time per charts directory: a second waits for the
 *    first (AIGROWTH_LOCK_WAIT seconds, 10 by default), then gives up
 *    with exit 3; two started at once end as if run one after the other.
 *
 * The binary is $AIGROWTH (default build/aigrowth); trees are compared
 * as sha256sum listings of every file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_harness.h"

#define EPOCH "SOURCE_DATE_EPOCH=1767225600"
/* Files a run that changes everything writes: report.pdf, the chart's
 * three files and the state. */
#define FILES_WRITTEN 5

static char tmp[256];
static char bin[512];

static const char spec_text[] =
    "[report]\n"
    "title = Transaction test\n"
    "data = revenue.csv, users.csv\n"
    "formats = png, svg, pdf\n"
    "\n"
    "[chart revenue]\n"
    "metric = run_rate_revenue\n"
    "companies = OpenAI, Anthropic\n";

/* `aigrowth report` in tmp/dir with env before it; stdout and stderr in
 * tmp/out and tmp/err. Returns the exit status, 128 + signal if killed. */
static int report_in(const char *dir, const char *env)
{
    /* exec: the shell's status is the process's own, signal included. */
    return cli_shell(NULL, "cd %s/%s && exec env %s %s %s report >%s/out "
                           "2>%s/err",
                     tmp, dir, EPOCH, env, bin, tmp, tmp);
}

static char *slurp(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    return cli_slurp(path, NULL);
}

/* Every file under tmp/dir with its hash, in name order. */
static char *tree(const char *dir)
{
    CliRun r;
    assert_int_equal(cli_shell(&r, "cd %s/%s && find . -type f | "
                               "LC_ALL=C sort | xargs -d '\\n' sha256sum",
                               tmp, dir),
                     0);
    char *list = strdup(r.out);
    assert_non_null(list);
    cli_run_free(&r);
    return list;
}

static void assert_tree(const char *dir, const char *want, const char *what)
{
    char *got = tree(dir);
    if (strcmp(got, want) != 0)
        fail_msg("%s: files differ\nwant:\n%s\ngot:\n%s", what, want, got);
    free(got);
}

/* Copies tmp/from to tmp/to, replacing it. */
static void copy_dir(const char *from, const char *to)
{
    assert_int_equal(cli_shell(NULL, "rm -rf %s/%s && cp -a %s/%s %s/%s", tmp,
                               to, tmp, from, tmp, to),
                     0);
}

/* A new latest point for OpenAI, month k of 2026: every output changes. */
static void edit_data(const char *dir, int k)
{
    assert_int_equal(cli_shell(NULL, "echo '2026-%02d,OpenAI,run_rate_revenue,"
                               "%d000000000,USD,,Example source C,verified' "
                               ">> %s/%s/revenue.csv",
                               k, 10 + k, tmp, dir),
                     0);
}

static char *scratch_v1, *uninterrupted_v2;

/* tmp/base: the data and spec, drawn once (v1); tmp/ref: v1, then one
 * row more (v2), drawn without a kill. */
static int setup(void **state)
{
    (void)state;
    const char *env = cli_bin();
    char cwd[256];
    if (!getcwd(cwd, sizeof cwd))
        return -1;
    if (env[0] == '/')
        snprintf(bin, sizeof bin, "%s", env);
    else
        snprintf(bin, sizeof bin, "%s/%s", cwd, env);
    if (cli_tmpdir_create(tmp, sizeof tmp) != 0)
        return -1;
    if (cli_shell(NULL, "mkdir %s/base && cp tests/data/e2e/revenue.csv "
                        "tests/data/e2e/users.csv %s/base/",
                  tmp, tmp) != 0)
        return -1;
    char path[512];
    snprintf(path, sizeof path, "%s/base/report.ini", tmp);
    cli_write(path, spec_text);
    if (report_in("base", "") != 0)
        return -1;
    scratch_v1 = tree("base");
    copy_dir("base", "ref");
    edit_data("ref", 1);
    if (report_in("ref", "") != 0)
        return -1;
    uninterrupted_v2 = tree("ref");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(scratch_v1);
    free(uninterrupted_v2);
    return cli_tmpdir_remove(tmp);
}

static const char *const every_op[] = {"open", "write", "fsync", "link",
                                       "rename"};

/* Each step of each kind fails in turn, in a run that has everything to
 * rewrite: exit 3 naming the system's error, and not one byte of the
 * tree changes, nor is a file left behind. The run past the last step
 * succeeds, which checks that the steps counted are all of them. */
static void test_failure_at_every_step_keeps_every_file(void **state)
{
    (void)state;
    copy_dir("base", "fail");
    for (int op = 0; op < 5; op++) {
        edit_data("fail", op + 2);
        char *before = tree("fail");
        int n = 1;
        for (;; n++) {
            char env[64];
            snprintf(env, sizeof env, "AIGROWTH_FAIL_AT=%s:%d", every_op[op],
                     n);
            int rc = report_in("fail", env);
            if (rc == 0)
                break;
            char *err = slurp("err");
            if (rc != 3 || !strstr(err, "Input/output error"))
                fail_msg("%s: exit %d, stderr %s", env, rc, err);
            free(err);
            char what[96];
            snprintf(what, sizeof what, "after %s", env);
            assert_tree("fail", before, what);
        }
        if (n - 1 < FILES_WRITTEN)
            fail_msg("only %d %s steps failed; want one per file (%d)",
                     n - 1, every_op[op], FILES_WRITTEN);
        free(before);
    }
}

/* A kill before each step, then a normal run: the files of a run never
 * killed. Every file is old or new at any instant, and the next run
 * checks them against the record, which is renamed last. */
static void test_kill_at_every_step_then_run_again(void **state)
{
    (void)state;
    static const char *const ops[] = {"fsync", "link", "rename"};
    for (int op = 0; op < 3; op++) {
        int n = 1;
        for (;; n++) {
            char env[64];
            snprintf(env, sizeof env, "AIGROWTH_KILL_AT=%s:%d", ops[op], n);
            copy_dir("base", "kill");
            edit_data("kill", 1);
            int rc = report_in("kill", env);
            if (rc == 0)
                break;
            if (rc != 128 + 9)
                fail_msg("%s: exit %d, want killed (SIGKILL)", env, rc);
            assert_int_equal(report_in("kill", ""), 0);
            char what[96];
            snprintf(what, sizeof what, "killed at %s, then run again", env);
            assert_tree("kill", uninterrupted_v2, what);
        }
        assert_true(n - 1 >= FILES_WRITTEN);
    }
}

/* The same kills, then the edit undone: the inputs match the record
 * again, but files of the killed run may be in place. Each is checked
 * against what the record says was written, so the next run gives the
 * files of a run from scratch. */
static void test_kill_then_revert_gives_scratch_files(void **state)
{
    (void)state;
    int n = 1;
    for (;; n++) {
        char env[64];
        snprintf(env, sizeof env, "AIGROWTH_KILL_AT=rename:%d", n);
        copy_dir("base", "revert");
        edit_data("revert", 1);
        int rc = report_in("revert", env);
        if (rc == 0)
            break;
        assert_int_equal(rc, 128 + 9);
        /* the data back as it was */
        assert_int_equal(cli_shell(NULL, "cp %s/base/revenue.csv "
                                   "%s/revert/revenue.csv", tmp, tmp),
                         0);
        assert_int_equal(report_in("revert", ""), 0);
        char what[96];
        snprintf(what, sizeof what, "killed at %s, edit reverted", env);
        assert_tree("revert", scratch_v1, what);
    }
    assert_true(n - 1 >= FILES_WRITTEN);
}

/* The regression of the issue: killed after every file but the state was
 * in place (the charts' files are staged as drawn, the PDF after them,
 * the state last: rename 5 of FILES_WRITTEN); the edit reverted. The state matches the data
 * again, yet the chart is redrawn and the PDF rewritten. */
static void test_stale_pdf_after_kill_and_revert_is_rewritten(void **state)
{
    (void)state;
    copy_dir("base", "stale");
    edit_data("stale", 1);
    assert_int_equal(report_in("stale", "AIGROWTH_KILL_AT=rename:5"),
                     128 + 9);
    /* the new PDF is in place */
    assert_int_not_equal(cli_shell(NULL, "cmp -s %s/base/report.pdf "
                                   "%s/stale/report.pdf", tmp, tmp),
                         0);
    cli_shell(NULL, "cp %s/base/revenue.csv %s/stale/", tmp, tmp);
    assert_int_equal(report_in("stale", ""), 0);
    char *out = slurp("out");
    assert_non_null(strstr(out, "revenue                              "
                                "redrawn (output changed since the last "
                                "run)\n"));
    assert_non_null(strstr(out, "aigrowth: report.pdf written;"));
    free(out);
    assert_tree("stale", scratch_v1, "stale PDF");
}

/* A killed run's temporary files carry its pid; the next run removes
 * them (its own, of a live run, would stay). */
static void test_killed_runs_temporary_files_are_removed(void **state)
{
    (void)state;
    copy_dir("base", "temps");
    edit_data("temps", 1);
    assert_int_equal(report_in("temps", "AIGROWTH_KILL_AT=rename:1"),
                     128 + 9);
    CliRun left;
    cli_shell(&left, "cd %s/temps && find . -name '*.aigrowth-tmp' | wc -l",
              tmp);
    assert_int_equal(atoi(left.out), FILES_WRITTEN);
    cli_run_free(&left);
    assert_int_equal(report_in("temps", ""), 0);
    cli_shell(&left, "cd %s/temps && find . -name '*.aigrowth-*' ! -name "
                     ".aigrowth-state ! -name .aigrowth-lock",
              tmp);
    assert_string_equal(left.out, "");
    cli_run_free(&left);
}

/* The lock held elsewhere (flock(1), as another run would hold it): a
 * run waits, gives up with exit 3 and says why, and changes nothing. */
static void test_second_run_gives_up_after_waiting(void **state)
{
    (void)state;
    copy_dir("base", "busy");
    edit_data("busy", 1);
    char *before = tree("busy");
    assert_int_equal(cli_shell(NULL, "cd %s/busy && exec flock "
                               "charts/.aigrowth-lock env %s "
                               "AIGROWTH_LOCK_WAIT=0.3 %s report >%s/out "
                               "2>%s/err",
                               tmp, EPOCH, bin, tmp, tmp),
                     3);
    char *err = slurp("err");
    assert_string_equal(err, "aigrowth: charts: another aigrowth report is "
                             "writing here (waited 0.3 s); run again when it "
                             "has finished (fuser -v "
                             "charts/.aigrowth-lock names it)\n");
    free(err);
    assert_tree("busy", before, "after giving up");
    free(before);
}

/* Held for a second: the run waits for it, then does its work. */
static void test_second_run_waits_for_the_first(void **state)
{
    (void)state;
    copy_dir("base", "wait");
    edit_data("wait", 1);
    assert_int_equal(cli_shell(NULL, "cd %s/wait && "
                               "(flock charts/.aigrowth-lock sleep 1 &) && "
                               "sleep 0.2 && exec env %s %s report >%s/out "
                               "2>%s/err",
                               tmp, EPOCH, bin, tmp, tmp),
                     0);
    assert_tree("wait", uninterrupted_v2, "after waiting");
}

/* Two runs started at once on one charts directory, with specs of
 * different data: the files end as one run after the other leaves them
 * (either order), never a mix, and the next run finds nothing to do. */
static void test_two_runs_at_once_end_as_one_after_the_other(void **state)
{
    (void)state;
    copy_dir("base", "two");
    assert_int_equal(cli_shell(NULL, "cd %s/two && rm -r charts report.pdf "
                               "&& cp report.ini a.ini && "
                               "sed 's/revenue.csv/revenue_b.csv/' "
                               "report.ini > b.ini && "
                               "cp revenue.csv revenue_b.csv",
                               tmp),
                     0);
    edit_data("two", 1);
    assert_int_equal(cli_shell(NULL, "cd %s/two && mv revenue.csv "
                               "revenue_b.csv.new && "
                               "mv revenue_b.csv revenue.csv && "
                               "mv revenue_b.csv.new revenue_b.csv",
                               tmp),
                     0);
    /* The two serial orders. */
    char *order[2];
    for (int i = 0; i < 2; i++) {
        copy_dir("two", "serial");
        assert_int_equal(cli_shell(NULL, "cd %s/serial && env %s %s report "
                                   "%s -q && env %s %s report %s -q",
                                   tmp, EPOCH, bin, i ? "b.ini" : "a.ini",
                                   EPOCH, bin, i ? "a.ini" : "b.ini"),
                         0);
        order[i] = tree("serial");
    }
    assert_string_not_equal(order[0], order[1]);
    for (int round = 0; round < 3; round++) {
        copy_dir("two", "both");
        assert_int_equal(cli_shell(NULL, "cd %s/both && export %s && "
                                   "(%s report a.ini -q & "
                                   "%s report b.ini -q & wait) && sleep 0",
                                   tmp, EPOCH, bin, bin),
                         0);
        char *got = tree("both");
        if (strcmp(got, order[0]) != 0 && strcmp(got, order[1]) != 0)
            fail_msg("two runs at once left files of neither order:\n%s",
                     got);
        free(got);
    }
    free(order[0]);
    free(order[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_failure_at_every_step_keeps_every_file),
        cmocka_unit_test(test_kill_at_every_step_then_run_again),
        cmocka_unit_test(test_kill_then_revert_gives_scratch_files),
        cmocka_unit_test(test_stale_pdf_after_kill_and_revert_is_rewritten),
        cmocka_unit_test(test_killed_runs_temporary_files_are_removed),
        cmocka_unit_test(test_second_run_gives_up_after_waiting),
        cmocka_unit_test(test_second_run_waits_for_the_first),
        cmocka_unit_test(test_two_runs_at_once_end_as_one_after_the_other),
    };
    return cmocka_run_group_tests_name("transaction", tests, setup,
                                       teardown);
}
