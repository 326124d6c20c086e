/* test_help_cli.c - `aigrowth --help` and `aigrowth COMMAND --help`: each
 * command prints its own part of the one usage text and exits 0. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_harness.h"

static const char *const commands[] = {"report", "chart", "project",
                                       "backtest", "check"};

/* The command's block as the full --help shows it: from "  NAME " up to
 * the next command's first line or the blank line before the footer. */
static char *block_of(const char *full, const char *name)
{
    char head[64];
    snprintf(head, sizeof head, "\n  %s ", name);
    const char *from = strstr(full, head);
    assert_non_null(from);
    from += 3;
    const char *to = from;
    for (;;) {
        to = strchr(to, '\n');
        assert_non_null(to);
        to++;
        /* Next block: two spaces then a lower-case command name. */
        if (*to == '\n' || (to[0] == ' ' && to[1] == ' ' && to[2] != ' '))
            break;
    }
    size_t n = (size_t)(to - from);
    char *b = malloc(n + 1);
    assert_non_null(b);
    memcpy(b, from, n);
    b[n] = '\0';
    return b;
}

static void expect_command_help(const char *full, const char *name,
                                const char *flag)
{
    CliRun r;
    cli_run(&r, "%s %s", name, flag);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err, "");
    char *block = block_of(full, name);
    const char *prefix = "Usage: aigrowth ";
    assert_memory_equal(r.out, prefix, strlen(prefix));
    const char *body = r.out + strlen(prefix);
    if (strncmp(body, block, strlen(block)) != 0)
        print_error("%s %s:\n%s--- want it to start:\n%s", name, flag,
                    body, block);
    assert_int_equal(strncmp(body, block, strlen(block)), 0);
    /* The footer too: data format and exit codes. */
    assert_non_null(strstr(r.out, "Exit codes: 0 ok, 1 bad data, 2 usage"));
    free(block);
    cli_run_free(&r);
}

static void test_every_command_has_help(void **state)
{
    (void)state;
    CliRun full;
    cli_run(&full, "--help");
    assert_int_equal(full.rc, 0);
    assert_string_equal(full.err, "");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        expect_command_help(full.out, commands[i], "--help");
        expect_command_help(full.out, commands[i], "-h");
    }
    cli_run_free(&full);
}

/* --help wins over missing operands and stops before any work. */
static void test_help_after_options_does_nothing_else(void **state)
{
    (void)state;
    CliRun a, b;
    cli_run(&a, "chart --metric revenue --help");
    cli_run(&b, "chart --help");
    assert_int_equal(a.rc, 0);
    assert_string_equal(a.out, b.out);
    assert_string_equal(a.err, "");
    cli_run_free(&a);
    cli_run_free(&b);
    cli_run(&a, "report --help");
    cli_run(&b, "help report");
    assert_int_equal(b.rc, 0);
    assert_string_equal(a.out, b.out);
    cli_run_free(&a);
    cli_run_free(&b);
}

static void test_help_of_unknown_command(void **state)
{
    (void)state;
    cli_expect("help draw", 2, "",
               "aigrowth: unknown command \"draw\"; see aigrowth --help\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_command_has_help),
        cmocka_unit_test(test_help_after_options_does_nothing_else),
        cmocka_unit_test(test_help_of_unknown_command),
    };
    return cmocka_run_group_tests_name("help_cli", tests, NULL, NULL);
}
