/* cli_harness.c - the one harness the CLI tests share. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
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

void cli_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

void cli_assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("expected \"%s\" in:\n%.2000s", needle, haystack);
}

void cli_assert_same_file(const char *a, const char *b)
{
    size_t la, lb;
    char *x = cli_slurp(a, &la), *y = cli_slurp(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(x, y, la);
    free(x);
    free(y);
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

/* Runs line through sh with both streams into r (NULL: discarded). */
static int run_line(CliRun *r, const char *line)
{
    char cmd[9000], out_path[512], err_path[512];
    temp_path(out_path, sizeof out_path, "out");
    temp_path(err_path, sizeof err_path, "err");
    int n = snprintf(cmd, sizeof cmd, "%s >%s 2>%s", line, out_path,
                     err_path);
    assert_true(n >= 0 && (size_t)n < sizeof cmd);
    int status = system(cmd);
    assert_true(status != -1);
    CliRun mine;
    if (!r)
        r = &mine;
    r->rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r->out = cli_slurp(out_path, &r->out_len);
    r->err = cli_slurp(err_path, &r->err_len);
    unlink(out_path);
    unlink(err_path);
    int rc = r->rc;
    if (r == &mine)
        cli_run_free(r);
    return rc;
}

int cli_run(CliRun *r, const char *fmt, ...)
{
    char args[8192], line[8704];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof args);
    n = snprintf(line, sizeof line, "%s %s", cli_bin(), args);
    assert_true(n >= 0 && (size_t)n < sizeof line);
    return run_line(r, line);
}

int cli_shell(CliRun *r, const char *fmt, ...)
{
    char cmd[8192], line[8200];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof cmd);
    n = snprintf(line, sizeof line, "(%s)", cmd);
    assert_true(n >= 0 && (size_t)n < sizeof line);
    return run_line(r, line);
}

/* Polls rather than blocks so that a hang fails the test instead of
 * stopping the whole suite. */
static int wait_bounded(pid_t pid, const char *const args[])
{
    int status = 0;
    struct timespec tick = {0, 20 * 1000 * 1000};
    const char *what = args[0] ? args[0] : "";
    const char *arg = args[0] && args[1] ? args[1] : "";
    for (long waited = 0;; waited += 20) {
        pid_t got = waitpid(pid, &status, WNOHANG);
        if (got == pid)
            break;
        assert_true(got == 0);
        if (waited > CLI_RUN_TIMEOUT * 1000L) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            fail_msg("%s %s hung (killed after %d s)", what, arg,
                     CLI_RUN_TIMEOUT);
        }
        nanosleep(&tick, NULL);
    }
    if (WIFSIGNALED(status))
        fail_msg("%s %s died of signal %d", what, arg, WTERMSIG(status));
    assert_true(WIFEXITED(status));
    assert_int_not_equal(WEXITSTATUS(status), 127);
    return WEXITSTATUS(status);
}

int cli_run_argv(CliRun *r, const char *out_path, const char *const args[])
{
    size_t n = 0;
    while (args[n])
        n++;
    char **argv = calloc(n + 2, sizeof *argv);
    assert_non_null(argv);
    argv[0] = (char *)cli_bin();
    for (size_t i = 0; i < n; i++)
        argv[i + 1] = (char *)args[i];
    char my_out[512], err_path[512];
    temp_path(my_out, sizeof my_out, "out");
    temp_path(err_path, sizeof err_path, "err");
    const char *out = out_path ? out_path : my_out;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (o < 0 || e < 0)
            _exit(126);
        dup2(o, STDOUT_FILENO);
        dup2(e, STDERR_FILENO);
        execv(argv[0], argv);
        _exit(127);
    }
    free(argv);
    int rc = wait_bounded(pid, args);
    CliRun mine;
    if (!r)
        r = &mine;
    r->rc = rc;
    r->out = cli_slurp(my_out, &r->out_len);
    r->err = cli_slurp(err_path, &r->err_len);
    unlink(my_out);
    unlink(err_path);
    if (r == &mine)
        cli_run_free(r);
    return rc;
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
