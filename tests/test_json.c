/* test_json.c - the one JSON string escaping: control characters and DEL
 * as \u00XX, UTF-8 untouched; non-finite numbers as null. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

static void expect_json(const char *in, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    json_string(f, in);
    fclose(f);
    assert_string_equal(buf, want);
    free(buf);
}

static void expect_number(double v, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    json_number(f, v);
    fclose(f);
    assert_string_equal(buf, want);
    free(buf);
}

static void test_string_escapes(void **state)
{
    (void)state;
    expect_json("OpenAI", "\"OpenAI\"");
    expect_json("a\"b\\c", "\"a\\\"b\\\\c\"");
    expect_json("line\nnext\ttab", "\"line\\u000Anext\\u0009tab\"");
    expect_json("esc\x1b del\x7f", "\"esc\\u001B del\\u007F\"");
    expect_json("\xe6\x99\xba\xe8\xad\x9c" "AI",
                  "\"\xe6\x99\xba\xe8\xad\x9c" "AI\"");
}

static void test_numbers(void **state)
{
    (void)state;
    expect_number(0.8, "0.80000000000000004");
    expect_number(2, "2");
    expect_number(NAN, "null");
    expect_number(INFINITY, "null");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_string_escapes),
        cmocka_unit_test(test_numbers),
    };
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
