/* cli_harness.c - the one harness the CLI tests share. */
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

#include "cli_harness.h"

const char *cli_bin(void)
{
    const char *bin = getenv("AIGROWTH");
    return bin && *bin ? bin : "build/aigrowth";
}

char *cli_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    char chunk[65536];
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n + got + 1 > cap) {
            cap = 2 * (n + got + 1);
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        memcpy(buf + n, chunk, got);
        n += got;
    }
    assert_int_equal(ferror(f), 0);
    fclose(f);
    if (!buf)
        buf = calloc(1, 1);
    assert_non_null(buf);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static void temp_path(char *buf, size_t size, const char *what)
{
    const char *dir = getenv("TMPDIR");
    snprintf(buf, size, "%s/aigrowth-%s-XXXXXX", dir && *dir ? dir : "/tmp",
             what);
    int fd = mkstemp(buf);
    assert_true(fd >= 0);
    close(fd);
}

void cli_run(CliRun *r, const char *fmt, ...)
{
    char args[8192], cmd[9000], out_path[512], err_path[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof args);
    temp_path(out_path, sizeof out_path, "out");
    temp_path(err_path, sizeof err_path, "err");
    n = snprintf(cmd, sizeof cmd, "%s %s >%s 2>%s", cli_bin(), args, out_path,
                 err_path);
    assert_true(n >= 0 && (size_t)n < sizeof cmd);
    int status = system(cmd);
    assert_true(status != -1);
    r->rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r->out = cli_slurp(out_path, &r->out_len);
    r->err = cli_slurp(err_path, &r->err_len);
    unlink(out_path);
    unlink(err_path);
}

void cli_run_free(CliRun *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof *r);
}

void cli_expect(const char *args, int want_rc, const char *want_out,
                const char *want_err)
{
    CliRun r;
    cli_run(&r, "%s", args);
    int bad_out = want_out && strcmp(r.out, want_out) != 0;
    int bad_err = strcmp(r.err, want_err) != 0;
    if (bad_out)
        print_error("aigrowth %s\n--- stdout:\n%s--- want:\n%s", args, r.out,
                    want_out);
    if (bad_err)
        print_error("aigrowth %s\n--- stderr:\n%s--- want:\n%s", args, r.err,
                    want_err);
    int rc = r.rc;
    cli_run_free(&r);
    if (bad_out || bad_err)
        fail();
    assert_int_equal(rc, want_rc);
}

int cli_tmpdir_create(char *buf, size_t size)
{
    const char *dir = getenv("TMPDIR");
    int n = snprintf(buf, size, "%s/aigrowth-test-XXXXXX",
                     dir && *dir ? dir : "/tmp");
    if (n < 0 || (size_t)n >= size)
        return -1;
    return mkdtemp(buf) ? 0 : -1;
}

int cli_tmpdir_remove(const char *dir)
{
    char cmd[1024];
    int n = snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (n < 0 || (size_t)n >= sizeof cmd)
        return -1;
    return system(cmd) == 0 ? 0 : -1;
}
