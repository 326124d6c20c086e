/* test_parallel.c - parallel_for runs every index once, at the same time
 * when there are processors for it, and nothing for n = 0. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "parallel.h"

typedef struct {
    atomic_int calls[1000];
} Counts;

static void count_call(void *ctx, size_t i)
{
    Counts *c = ctx;
    atomic_fetch_add(&c->calls[i], 1);
}

static void test_every_index_once(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 2, 3, 7, 1000};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        static Counts c;
        for (size_t i = 0; i < 1000; i++)
            atomic_init(&c.calls[i], 0);
        parallel_for(sizes[k], count_call, &c);
        for (size_t i = 0; i < 1000; i++)
            assert_int_equal(atomic_load(&c.calls[i]), i < sizes[k] ? 1 : 0);
    }
}

static void never_called(void *ctx, size_t i)
{
    (void)ctx;
    (void)i;
    fail_msg("body called for n = 0");
}

static void test_zero_indices(void **state)
{
    (void)state;
    parallel_for(0, never_called, NULL);
}

static void test_thread_count_in_range(void **state)
{
    (void)state;
    int n = parallel_threads();
    assert_true(n >= 1 && n <= PARALLEL_MAX_THREADS);
    assert_int_equal(parallel_threads(), n);
}

/* Index 0 waits (up to 10 s) until index 1 has started: that returns only
 * if the two run at once. */
typedef struct {
    atomic_int second_started;
    int first_saw_second;
} Meeting;

static void meet(void *ctx, size_t i)
{
    Meeting *m = ctx;
    if (i == 1) {
        atomic_store(&m->second_started, 1);
        return;
    }
    struct timespec pause = {0, 1000000};
    for (int tries = 0; tries < 10000; tries++) {
        if (atomic_load(&m->second_started)) {
            m->first_saw_second = 1;
            return;
        }
        nanosleep(&pause, NULL);
    }
}

static void test_two_indices_run_at_once(void **state)
{
    (void)state;
    if (parallel_threads() < 2)
        skip();
    /* whichever thread takes index 0 waits for the other to take 1 */
    Meeting m = {0, 0};
    atomic_init(&m.second_started, 0);
    parallel_for(2, meet, &m);
    assert_int_equal(m.first_saw_second, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_index_once),
        cmocka_unit_test(test_zero_indices),
        cmocka_unit_test(test_thread_count_in_range),
        cmocka_unit_test(test_two_indices_run_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
