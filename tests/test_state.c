/* test_state.c - the previous run's record and the change hashes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "state.h"

static uint64_t hash_of(const char *a, const char *b)
{
    Hash h;
    hash_init(&h);
    hash_str(&h, a);
    hash_str(&h, b);
    return h.h;
}

static void test_hash_separates_fields(void **state)
{
    (void)state;
    assert_true(hash_of("ab", "c") != hash_of("a", "bc"));
    assert_true(hash_of("a", NULL) != hash_of("a", ""));
    assert_true(hash_of("x", "y") == hash_of("x", "y"));
    Hash a, b;
    hash_init(&a);
    hash_init(&b);
    hash_double(&a, 0.1 + 0.2);
    hash_double(&b, 0.3);
    assert_true(a.h != b.h); /* exact values, not rounded ones */
}

/* Writes state to path as report would. */
static void save(const char *path, const RunState *st)
{
    ByteBuf text = {0};
    state_format(st, &text);
    Error err;
    error_clear(&err);
    assert_int_equal(fsutil_write_atomic(path, text.data, text.len, &err), 0);
    assert_true(state_file_holds(path, &text));
    bytebuf_free(&text);
}

static int load(const char *path, RunState *in)
{
    char warning[300];
    Error err;
    error_clear(&err);
    return state_load(path, in, warning, sizeof warning, &err);
}

static void test_round_trip(void **state)
{
    (void)state;
    char dir[] = "/tmp/aigrowth-state-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/.aigrowth-state", dir);

    RunState out = {0};
    state_set_report(&out, 0x0123456789abcdefULL, "out dir/report.pdf", 12,
                     0xfeedULL);
    state_add_chart(&out, "run_rate_revenue", 42, 7);
    state_add_chart(&out, "users", 0xffffffffffffffffULL, 1);
    state_add_file(&out, "營收 100%.png", 123456, 0xabcULL);
    StateHeadline h = {"run_rate_revenue", "智譜AI", 9, 7e9, 20390,
                       10.34, NAN, 20800};
    state_add_headline(&out, &h);
    save(path, &out);
    state_free(&out);

    RunState in;
    assert_int_equal(load(path, &in), 0);
    assert_true(in.present);
    assert_true(in.report_hash == 0x0123456789abcdefULL);
    assert_string_equal(in.report.name, "out dir/report.pdf");
    assert_true(in.report.size == 12 && in.report.content == 0xfeedULL);
    const StateChart *chart = state_chart(&in, "users");
    assert_non_null(chart);
    assert_true(chart->hash == 0xffffffffffffffffULL);
    assert_true(chart->data_hash == 1);
    assert_null(state_chart(&in, "nope"));
    const StateFile *file = state_file(&in, "營收 100%.png");
    assert_non_null(file);
    assert_true(file->size == 123456 && file->content == 0xabcULL);
    const StateHeadline *got = state_headline(&in, "run_rate_revenue",
                                              "智譜AI");
    assert_non_null(got);
    assert_int_equal(got->points, 9);
    assert_true(got->latest == 7e9 && got->cagr == 10.34);
    assert_int_equal(got->date, 20390);
    assert_true(isnan(got->projected));
    assert_int_equal(got->horizon, 20800);
    assert_null(state_headline(&in, "run_rate_revenue", "OpenAI"));
    state_free(&in);
    unlink(path);
    rmdir(dir);
}

static void test_missing_or_broken_file_is_empty(void **state)
{
    (void)state;
    RunState in;
    assert_int_equal(load("/nonexistent/.aigrowth-state", &in), 0);
    assert_false(in.present);
    assert_int_equal(in.n_charts, 0);
    char path[] = "/tmp/aigrowth-state-bad-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char text[] = "aigrowth-state 2\nchart a 1f 2\ngarbage here\n";
    assert_int_equal(write(fd, text, sizeof text - 1), sizeof text - 1);
    close(fd);
    assert_int_equal(load(path, &in), 1);
    assert_false(in.present);
    assert_int_equal(in.n_charts, 0);
    /* An older version's record is only a reason to redraw. */
    fd = open(path, O_WRONLY | O_TRUNC);
    const char old[] = "aigrowth-state 1\nreport 1f\n";
    assert_int_equal(write(fd, old, sizeof old - 1), sizeof old - 1);
    close(fd);
    assert_int_equal(load(path, &in), 0);
    assert_false(in.present);
    unlink(path);
}

/* The program carries a build ID (Debian's gcc links one in), read from
 * its own image: the same bytes each time. */
static void test_build_id(void **state)
{
    (void)state;
    const unsigned char *a, *b;
    size_t len = program_build_id(&a);
    assert_true(len >= 16);
    assert_non_null(a);
    assert_int_equal(program_build_id(&b), len);
    assert_ptr_equal(a, b);
    size_t zero = 0;
    for (size_t i = 0; i < len; i++)
        zero += a[i] == 0;
    assert_true(zero < len);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_separates_fields),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_missing_or_broken_file_is_empty),
        cmocka_unit_test(test_build_id),
    };
    return cmocka_run_group_tests_name("state", tests, NULL, NULL);
}
