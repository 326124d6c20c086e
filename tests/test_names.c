/* test_names.c - names_split: commas outside quotes split, quotes keep
 * "Korea, Rep." whole. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "names.h"

/* Joins the items with '|' into ctx. */
static void join(void *ctx, char *item)
{
    char *buf = ctx;
    if (*buf)
        strcat(buf, "|");
    strcat(buf, item);
}

static void expect(const char *in, unsigned want_n, const char *want)
{
    char text[256], got[512] = "";
    snprintf(text, sizeof text, "%s", in);
    assert_int_equal(names_split(text, join, got), want_n);
    assert_string_equal(got, want);
}

static void test_plain(void **state)
{
    (void)state;
    expect("OpenAI", 1, "OpenAI");
    expect("A, B ,C", 3, "A|B|C");
    expect(" , ,A,,", 1, "A");
    expect("", 0, "");
    expect("Mistral AI, 智譜AI", 2, "Mistral AI|智譜AI");
}

static void test_quotes_keep_commas(void **state)
{
    (void)state;
    expect("\"Korea, Rep.\",OpenAI", 2, "Korea, Rep.|OpenAI");
    expect(" \" spaced \" , x", 2, " spaced |x");
    expect("\"say \"\"hi\"\"\"", 1, "say \"hi\"");
    expect("\"Korea, Rep.\"=#0072b2, B=#000000", 2,
           "Korea, Rep.=#0072b2|B=#000000");
    expect("\"\",A", 1, "A");
    /* An open quote runs to the end. */
    expect("\"a, b", 1, "a, b");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_quotes_keep_commas),
    };
    return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
