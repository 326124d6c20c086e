/* test_hash.c - FNV-1a against its published test vectors, and the
 * one-pass string form against the incremental one. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "hash.h"

static uint64_t of_bytes(const char *s)
{
    Hash h;
    hash_init(&h);
    hash_bytes(&h, s, strlen(s));
    return h.h;
}

static void test_published_vectors(void **state)
{
    (void)state;
    assert_true(of_bytes("") == 0xcbf29ce484222325ULL);
    assert_true(of_bytes("a") == 0xaf63dc4c8601ec8cULL);
    assert_true(of_bytes("foobar") == 0x85944171f73967e8ULL);
}

static void test_string_length_is_the_same_hash(void **state)
{
    (void)state;
    static const char *const texts[] = {"", "OpenAI", "智譜AI", "a b\tc"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        size_t len = 99;
        assert_true(hash_string_length(texts[i], &len) == of_bytes(texts[i]));
        assert_int_equal(len, strlen(texts[i]));
    }
}

static void test_strings_keep_their_boundaries(void **state)
{
    (void)state;
    Hash a, b, n;
    hash_init(&a);
    hash_str(&a, "ab");
    hash_str(&a, "c");
    hash_init(&b);
    hash_str(&b, "a");
    hash_str(&b, "bc");
    assert_true(a.h != b.h);
    hash_init(&n);
    hash_str(&n, NULL);
    hash_init(&a);
    hash_str(&a, "");
    assert_true(a.h != n.h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_published_vectors),
        cmocka_unit_test(test_string_length_is_the_same_hash),
        cmocka_unit_test(test_strings_keep_their_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
