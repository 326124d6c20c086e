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
 * into r (replacing nothing: r is written whole; NULL: both discarded).
 * Returns the exit code. Fails the cmocka test when the run cannot be
 * started or its output read. */
int cli_run(CliRun *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cli_run_free(CliRun *r);

/* Runs the shell command line formatted from fmt, as `(LINE)`, from the
 * project root, capturing like cli_run: for the tools that check the
 * binary's outputs (qpdf, pdftotext, xmllint) and for running the binary
 * (cli_bin()) after environment settings or inside pipes. */
int cli_shell(CliRun *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* How long cli_run_argv waits before it calls a run a hang. */
#define CLI_RUN_TIMEOUT 120

/* Runs the binary with args (NULL-terminated, the binary's name not
 * included) directly, without a shell, so arguments may hold quotes,
 * markup and newlines as they are. stdout goes to out_path when it is
 * not NULL (r->out is then empty). Fails the test when the run dies of a
 * signal, cannot be executed or outlasts CLI_RUN_TIMEOUT seconds; else
 * returns the exit code. */
int cli_run_argv(CliRun *r, const char *out_path, const char *const args[]);

/* Runs `BIN ARGS` and checks exit code, stdout (want_out NULL: not
 * compared) and stderr exactly, printing both sides on a mismatch. */
void cli_expect(const char *args, int want_rc, const char *want_out,
                const char *want_err);

/* Reads the whole file at path (owned, NUL-terminated; *len without the
 * NUL when len is not NULL). Fails the test when it cannot be read. */
char *cli_slurp(const char *path, size_t *len);

/* Writes text to path, replacing it; fails the test on an error. */
void cli_write(const char *path, const char *text);

/* Fails the test, showing (the start of) haystack, unless it holds
 * needle. */
void cli_assert_contains(const char *haystack, const char *needle);

/* Fails the test unless the files at a and b hold the same bytes. */
void cli_assert_same_file(const char *a, const char *b);

/* A new empty directory under $TMPDIR or /tmp, its path written to buf;
 * cli_tmpdir_remove deletes it and everything in it. 0 or -1. */
int cli_tmpdir_create(char *buf, size_t size);
int cli_tmpdir_remove(const char *dir);

#endif
