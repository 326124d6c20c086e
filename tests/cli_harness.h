/* cli_harness.h - runs the aigrowth binary as a user would, for the CLI
 * tests: the binary is $AIGROWTH, else build/aigrowth, run from the
 * project root through sh, so ARGS may hold quotes and redirections. */
#ifndef AIGROWTH_CLI_HARNESS_H
#define AIGROWTH_CLI_HARNESS_H

#include <stddef.h>

/* What one run gave: exit code (-1 when killed by a signal) and its
 * stdout and stderr, NUL-terminated (owned; free with cli_run_free). */
typedef struct {
    int rc;
    char *out;
    size_t out_len;
    char *err;
    size_t err_len;
} CliRun;

/* The binary under test ($AIGROWTH or build/aigrowth); borrowed. */
const char *cli_bin(void);

/* Runs `BIN ARGS` with ARGS formatted from fmt, capturing both streams
 * into r (replacing nothing: r is written whole). Fails the cmocka test
 * when the run cannot be started or its output read. */
void cli_run(CliRun *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cli_run_free(CliRun *r);

/* Runs `BIN ARGS` and checks exit code, stdout (want_out NULL: not
 * compared) and stderr exactly, printing both sides on a mismatch. */
void cli_expect(const char *args, int want_rc, const char *want_out,
                const char *want_err);

/* Reads the whole file at path (owned, NUL-terminated; *len without the
 * NUL when len is not NULL). Fails the test when it cannot be read. */
char *cli_slurp(const char *path, size_t *len);

/* A new empty directory under $TMPDIR or /tmp, its path written to buf;
 * cli_tmpdir_remove deletes it and everything in it. 0 or -1. */
int cli_tmpdir_create(char *buf, size_t size);
int cli_tmpdir_remove(const char *dir);

#endif
