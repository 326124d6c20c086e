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

static void test_round_trip(void **state)
{
    (void)state;
    char dir[] = "/tmp/aigrowth-state-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/.aigrowth-state", dir);

    RunState out = {0};
    out.report_hash = 0x0123456789abcdefULL;
    state_add_chart(&out, "run_rate_revenue", 42, 7);
    state_add_chart(&out, "users", 0xffffffffffffffffULL, 1);
    StateHeadline h = {"run_rate_revenue", "智譜AI", 9, 7e9, 20390,
                       10.34, NAN, 20800};
    state_add_headline(&out, &h);
    Error err;
    error_clear(&err);
    assert_int_equal(state_save(path, &out, &err), 0);
    state_free(&out);

    RunState in;
    state_load(path, &in);
    assert_true(in.present);
    assert_true(in.report_hash == 0x0123456789abcdefULL);
    const StateChart *chart = state_chart(&in, "users");
    assert_non_null(chart);
    assert_true(chart->hash == 0xffffffffffffffffULL);
    assert_true(chart->data_hash == 1);
    assert_null(state_chart(&in, "nope"));
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
    state_load("/nonexistent/.aigrowth-state", &in);
    assert_false(in.present);
    assert_int_equal(in.n_charts, 0);
    char path[] = "/tmp/aigrowth-state-bad-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char text[] = "aigrowth-state 1\nchart a 1f 2\ngarbage here\n";
    assert_int_equal(write(fd, text, sizeof text - 1), sizeof text - 1);
    close(fd);
    state_load(path, &in);
    assert_false(in.present);
    assert_int_equal(in.n_charts, 0);
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
