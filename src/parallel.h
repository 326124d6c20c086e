/* parallel.h - the one place the program starts threads.
 *
 * parallel_for(n, body, ctx) calls body(ctx, i) once for each i in
 * [0, n): the caller's thread and up to parallel_threads() - 1 threads
 * started for the call each take the next index not yet taken until none
 * is left, and the call returns when every body has returned. A thread
 * that cannot be started is not an error: the indices run on the threads
 * that did, at worst all on the caller. So callers have no serial path of
 * their own, and a body must give the same result whichever thread runs
 * it and in whatever order the indices run.
 *
 * Bodies may run at the same time: what they write must be theirs (one
 * index's slot of an array, say), and what they share must be read-only
 * or locked by the caller's design. */
#ifndef AIGROWTH_PARALLEL_H
#define AIGROWTH_PARALLEL_H

#include <stddef.h>

/* Most threads a call uses, the caller's included. */
#define PARALLEL_MAX_THREADS 8

typedef void (*ParallelBody)(void *ctx, size_t i);

void parallel_for(size_t n, ParallelBody body, void *ctx);

/* Threads a parallel_for uses at most: the processors online, from 1 to
 * PARALLEL_MAX_THREADS; or AIGROWTH_THREADS from the environment when it
 * is a number in that range (1 runs everything on the caller, which is
 * how the bench measures what the threads gain). Read once. */
int parallel_threads(void);

#endif
