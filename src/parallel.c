/* parallel.c - parallel_for over POSIX threads; see parallel.h.
 *
 * Threads are started per call, not kept in a pool: the callers hand out
 * a few large pieces of work (halves of an image, of a file, the charts
 * of a report), where starting a thread costs microseconds against
 * milliseconds of work, and a pool would be state living between calls. */
#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct {
    ParallelBody body;
    void *ctx;
    size_t n;
    atomic_size_t next; /* first index not yet taken */
} Work;

static void *take_indices(void *arg)
{
    Work *w = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&w->next, 1);
        if (i >= w->n)
            return NULL;
        w->body(w->ctx, i);
    }
}

void parallel_for(size_t n, ParallelBody body, void *ctx)
{
    Work w = {body, ctx, n, 0};
    size_t want = (size_t)parallel_threads();
    if (want > n)
        want = n;
    pthread_t threads[PARALLEL_MAX_THREADS];
    size_t started = 0;
    while (started + 1 < want &&
           pthread_create(&threads[started], NULL, take_indices, &w) == 0)
        started++;
    take_indices(&w);
    for (size_t t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
}

/* The count from AIGROWTH_THREADS, or 0 when unset or out of range. */
static int threads_from_environment(void)
{
    const char *s = getenv("AIGROWTH_THREADS");
    if (!s || !*s)
        return 0;
    char *end;
    long v = strtol(s, &end, 10);
    return *end == '\0' && v >= 1 && v <= PARALLEL_MAX_THREADS ? (int)v : 0;
}

static int thread_count;

static void count_threads(void)
{
    int n = threads_from_environment();
    if (n == 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        n = online < 1 ? 1
            : online > PARALLEL_MAX_THREADS ? PARALLEL_MAX_THREADS
                                            : (int)online;
    }
    thread_count = n;
}

int parallel_threads(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, count_threads);
    return thread_count;
}
