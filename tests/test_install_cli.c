/* test_install_cli.c - `make install PREFIX=/usr DESTDIR=tmp` installs the
 * binary and the man page, `man aigrowth` finds the page through MANPATH,
 * and the page names every option each command's --help lists. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_harness.h"

static char tmp[256];
static char *manual;   /* `man -P cat aigrowth`, read from the install */

static int setup(void **state)
{
    (void)state;
    if (cli_tmpdir_create(tmp, sizeof tmp) != 0)
        return -1;
    /* The build directory is the binary's: the install must not rebuild
     * (make asan tests build-asan/aigrowth). A parent make's jobserver
     * is not ours to use. */
    char build[512];
    snprintf(build, sizeof build, "%s", cli_bin());
    char *slash = strrchr(build, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(build, sizeof build, ".");
    CliRun r;
    int rc = cli_shell(&r, "env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s "
                           "install BUILD=%s PREFIX=/usr DESTDIR=%s 2>&1",
                       build, tmp);
    if (rc != 0)
        fprintf(stderr, "make install failed:\n%s", r.out);
    cli_run_free(&r);
    return rc == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(manual);
    return cli_tmpdir_remove(tmp);
}

static void test_installs_binary_and_page(void **state)
{
    (void)state;
    CliRun r;
    assert_int_equal(cli_shell(&r, "%s/usr/bin/aigrowth --version", tmp), 0);
    assert_memory_equal(r.out, "aigrowth ", 9);
    cli_run_free(&r);
    assert_int_equal(cli_shell(NULL, "test -f %s/usr/share/man/man1/"
                                     "aigrowth.1",
                               tmp),
                     0);
}

static void test_man_finds_the_page(void **state)
{
    (void)state;
    CliRun r;
    int rc = cli_shell(&r, "MANPATH=%s/usr/share/man MANWIDTH=100 man -P cat "
                           "aigrowth 2>&1",
                       tmp);
    manual = r.out;
    r.out = NULL;
    if (rc != 0)
        print_error("man failed:\n%s", manual);
    cli_run_free(&r);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(manual, "aigrowth - growth-trend charts"));
    assert_non_null(strstr(manual, "SOURCE_DATE_EPOCH"));
    assert_non_null(strstr(manual, "EXIT STATUS"));
}

/* Every --option of `aigrowth CMD --help` is in the manual. */
static void test_manual_names_every_option(void **state)
{
    (void)state;
    static const char *const commands[] = {"report", "chart", "project",
                                           "backtest", "check"};
    assert_non_null(manual);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        CliRun r;
        cli_run(&r, "%s --help", commands[i]);
        assert_int_equal(r.rc, 0);
        for (const char *p = r.out; (p = strstr(p, "--"));) {
            char name[64];
            size_t n = 0;
            while (n + 1 < sizeof name &&
                   (p[n] == '-' || islower((unsigned char)p[n])))
                name[n] = p[n], n++;
            name[n] = '\0';
            p += n;
            if (n <= 2 || strcmp(name, "--help") == 0)
                continue;
            if (!strstr(manual, name))
                print_error("%s --help lists %s; the manual does not\n",
                            commands[i], name);
            assert_non_null(strstr(manual, name));
        }
        cli_run_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_installs_binary_and_page),
        cmocka_unit_test(test_man_finds_the_page),
        cmocka_unit_test(test_manual_names_every_option),
    };
    return cmocka_run_group_tests_name("install_cli", tests, setup, teardown);
}
