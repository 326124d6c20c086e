/* test_cli.c - what the subcommands share: cli_escape, the one-line,
 * reading-order form of names and messages printed on a terminal, and
 * cli_display_width, the columns they take there. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "cli.h"

static void expect(const char *in, const char *want)
{
    char buf[256];
    assert_string_equal(cli_escape(in, buf, sizeof buf), want);
}

static void test_escape_controls(void **state)
{
    (void)state;
    expect("plain OpenAI", "plain OpenAI");
    expect("Multi\nline\r\tx", "Multi\\nline\\r\\tx");
    expect("bell\x07 del\x7f", "bell\\x07 del\\x7F");
    expect("\xe6\x99\xba\xe8\xad\x9c AI \xf0\x9f\x9a\x80",
           "\xe6\x99\xba\xe8\xad\x9c AI \xf0\x9f\x9a\x80");
}

static void test_escape_direction_controls(void **state)
{
    (void)state;
    expect("a\xe2\x80\x8f" "b\xe2\x80\x8e" "c", "a<U+200F>b<U+200E>c");
    expect("\xe2\x80\xae" "evil\xe2\x80\xac", "<U+202E>evil<U+202C>");
    expect("\xe2\x81\xa6x\xe2\x81\xa9", "<U+2066>x<U+2069>");
    /* Other U+2xxx characters pass: an en dash, a zero-width joiner. */
    expect("a\xe2\x80\x93" "b\xe2\x80\x8d", "a\xe2\x80\x93" "b\xe2\x80\x8d");
}

/* A string ending inside a character is not read past its end. */
static void test_escape_truncated_utf8(void **state)
{
    (void)state;
    expect("x\xe2", "x\xe2");
    expect("x\xe2\x80", "x\xe2\x80");
}

/* Output is cut at size, never inside an escape. */
static void test_escape_truncates_whole_pieces(void **state)
{
    (void)state;
    char buf[8];
    assert_string_equal(cli_escape("abcd\nefg", buf, sizeof buf), "abcd\\ne");
    assert_string_equal(cli_escape("ab\xe2\x80\xae", buf, sizeof buf), "ab");
    char one[1];
    assert_string_equal(cli_escape("abc", one, sizeof one), "");
}

/* Terminal columns: CJK is two wide, combining marks none, bad bytes one. */
static void test_display_width(void **state)
{
    (void)state;
    assert_int_equal(cli_display_width(""), 0);
    assert_int_equal(cli_display_width("OpenAI"), 6);
    assert_int_equal(cli_display_width("\xe6\x99\xba\xe8\xad\x9c" "AI"), 6);
    assert_int_equal(cli_display_width("e\xcc\x81"), 1);
    assert_int_equal(cli_display_width("a\xff" "b"), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_controls),
        cmocka_unit_test(test_escape_direction_controls),
        cmocka_unit_test(test_escape_truncated_utf8),
        cmocka_unit_test(test_escape_truncates_whole_pieces),
        cmocka_unit_test(test_display_width),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
